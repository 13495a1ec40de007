// email: the email editions of every shipped text (written by `site email`), checked the way inboxes treat them.
// Per edition: at most 102 KB (Gmail clips larger messages), no <script> or external stylesheet, one <style> block
// only (the dark scheme: `color-scheme` and `@media (prefers-color-scheme: dark)` rules), every link and image absolute
// (or a sending service's merge tag such as {{ unsubscribe_url }}), images with alt and width, a plain-text part beside
// it; no HTML or CSS feature that caniemail.com lists as unsupported in Gmail, Apple Mail, Outlook.com or Outlook's
// phone apps, except that a client without <style> or @media drops the dark block whole (and shows the light letter).
// Then each edition opens in headless Chromium at 600 and 375 px, light and dark: no horizontal scrolling, the frame
// block's columns side by side at 600 and stacked at 375, every code block one background with none on anything inside
// it, a dark letter in the dark scheme, and no axe-core colour-contrast violation. Screenshots go to $E2E_SHOTS.
//
// usage: node check_email.mjs EMAIL_DIR
// env:   CHROME (browser binary, default /usr/bin/chromium), E2E_SHOTS, E2E_STATS
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { caniemail } from 'caniemail';
import { launch } from './chromium.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir)) {
  console.log('usage: node check_email.mjs EMAIL_DIR');
  process.exit(2);
}
const chrome = process.env.CHROME || '/usr/bin/chromium';
const shots = path.resolve(process.env.E2E_SHOTS || path.join(os.tmpdir(), 'shots'));
fs.mkdirSync(shots, { recursive: true });
const CLIENTS = ['gmail.*', 'apple-mail.*', 'outlook.outlook-com', 'outlook.ios', 'outlook.android'];
const MERGE_TAG = /^(\{\{.*\}\}|\{%.*%\}|\*\|.*\|\*|%%.*%%)$/;

const files = fs.readdirSync(dir).filter(f => f.endsWith('.html')).sort();
if (files.length === 0) {
  console.log(`FAIL no editions in ${dir}`);
  process.exit(1);
}
let failures = 0;
const fail = (file, msg) => { console.log(`FAIL ${file}: ${msg}`); failures++; };
let largest = ['', 0];

for (const file of files) {
  const html = fs.readFileSync(path.join(dir, file), 'utf8');
  const bytes = Buffer.byteLength(html);
  if (bytes > largest[1]) largest = [file, bytes];
  if (bytes > 102 * 1024) fail(file, `${Math.ceil(bytes / 1024)} KB: Gmail clips messages over 102 KB`);
  if (/<script\b/i.test(html)) fail(file, 'has a <script>');
  // The dark scheme's block: nothing in it but `color-scheme` and the dark media query's rules.
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)];
  if (styles.length !== 1) fail(file, `${styles.length} <style> blocks: only the dark scheme's is kept`);
  const dark = styles[0] ? styles[0][1] : '';
  const outside = dark.replace(/@media \(prefers-color-scheme: dark\) \{[\s\S]*\}\s*$/, '').trim();
  if (!/@media \(prefers-color-scheme: dark\)/.test(dark)) fail(file, 'no @media (prefers-color-scheme: dark) rules');
  if (outside !== ':root { color-scheme: light dark; }') fail(file, `the <style> block holds more than the dark scheme: ${outside.slice(0, 80)}`);
  if (!/<meta name="color-scheme" content="light dark">/.test(html)) fail(file, 'no <meta name="color-scheme" content="light dark">');
  if (/<link\b[^>]*stylesheet/i.test(html)) fail(file, 'links a stylesheet');
  for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const url = m[2].replace(/&amp;/g, '&');
    if (!/^(https?:|mailto:)/.test(url) && !MERGE_TAG.test(url)) fail(file, `${m[1]}="${url}" is not absolute`);
  }
  for (const m of html.matchAll(/<img\b[^>]*>/g)) {
    if (!/\salt="/.test(m[0])) fail(file, `image without alt: ${m[0].slice(0, 80)}`);
    if (!/\swidth="\d+"/.test(m[0])) fail(file, `image without a width: ${m[0].slice(0, 80)}`);
  }
  const txt = path.join(dir, file.replace(/\.html$/, '.txt'));
  if (!fs.existsSync(txt) || fs.readFileSync(txt, 'utf8').trim().length < 200) fail(file, 'no plain-text part beside it');
  // The letter without the dark block: clean for every client. The block alone: a client may lack <style> or @media
  // (it drops the block whole, and the light letter stays), but nothing inside it may be unsupported.
  const light = styles.reduce((h, m) => h.replace(m[0], ''), html);
  for (const [client, issues] of caniemail({ clients: CLIENTS, html: light }).issues.errors) {
    for (const issue of issues) fail(file, `${client} does not support ${issue.title}`);
  }
  const block = `<!doctype html><html><head>${styles.map(m => m[0]).join('')}</head><body></body></html>`;
  for (const [client, issues] of caniemail({ clients: CLIENTS, html: block }).issues.errors) {
    for (const issue of issues) {
      if (!['<style> element', '@media'].includes(issue.title)) fail(file, `dark scheme: ${client} does not support ${issue.title}`);
    }
  }
}

// A colour as its relative luminance (WCAG 2); transparent as null.
const luminance = css => {
  const m = css.match(/rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/);
  if (!m || m[4] === '0') return null;
  const lin = v => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  return 0.2126 * lin(+m[1]) + 0.7152 * lin(+m[2]) + 0.0722 * lin(+m[3]);
};

const { context, profile } = await launch(chrome);
let views = 0;
try {
  const page = context.pages()[0] || await context.newPage();
  // Editions point at the public site, which this machine cannot reach: nothing leaves file://.
  await page.route(url => !url.href.startsWith('file:'), route => route.abort());
  for (const file of files) {
    for (const scheme of ['light', 'dark'])
    for (const width of [600, 375]) {
      const view = `${width}px ${scheme}`;
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await page.goto('file://' + path.resolve(dir, file));
      views++;
      const layout = await page.evaluate(() => {
        const columns = [...document.querySelectorAll('.frame-column')].map(c => c.getBoundingClientRect());
        const bg = el => getComputedStyle(el).backgroundColor;
        return {
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          columns: columns.map(r => ({ top: Math.round(r.top), bottom: Math.round(r.bottom) })),
          column: bg(document.querySelector('table.column')),
          blocks: [...document.querySelectorAll('pre')].map(pre => ({
            bg: bg(pre),
            painted: [...pre.querySelectorAll('*')].map(bg).filter(c => c !== 'rgba(0, 0, 0, 0)'),
            // A block wider than its column would have scrolled, or broken out of its background.
            wider: pre.scrollWidth > pre.clientWidth,
          })),
        };
      });
      if (layout.overflow > 0) fail(file, `${layout.overflow}px of horizontal scrolling at ${view}`);
      const [a, b] = layout.columns;
      if (a && b) {
        if (width === 600 && a.top !== b.top) fail(file, 'the frame columns are not side by side at 600px');
        if (width === 375 && b.top < a.bottom) fail(file, 'the frame columns do not stack at 375px');
      }
      const column = luminance(layout.column);
      if (scheme === 'dark' ? !(column < 0.1) : !(column > 0.8)) fail(file, `the column is ${layout.column} at ${view}`);
      layout.blocks.forEach((block, i) => {
        if (luminance(block.bg) === null) fail(file, `code block ${i + 1} has no background at ${view}`);
        if (block.painted.length) fail(file, `code block ${i + 1}: ${block.painted.length} elements inside paint a background (${block.painted[0]}) at ${view}`);
        if (block.wider) fail(file, `code block ${i + 1} is wider than its box at ${view}: its lines do not wrap`);
      });
      await page.addScriptTag({ path: AXE });
      const contrast = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
        return r.violations.flatMap(v => v.nodes.map(n => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200)}`));
      });
      for (const node of contrast.slice(0, 5)) fail(file, `colour contrast at ${view}: ${node}`);
      if (contrast.length > 5) fail(file, `and ${contrast.length - 5} more colour-contrast failures at ${view}`);
      await page.screenshot({ path: path.join(shots, `email-${file.replace(/\.html$/, '')}-${width}-${scheme}.png`), fullPage: true });
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

if (process.env.E2E_STATS) {
  fs.appendFileSync(process.env.E2E_STATS, `emails_checked=${files.length}\nemail_views=${views}\nemail_largest=${largest[0]} ${largest[1]} bytes\n`);
}
console.log(`${files.length} editions, ${views} views; largest ${largest[0]} (${largest[1]} bytes); ${failures} problems`);
process.exit(failures ? 1 : 0);
