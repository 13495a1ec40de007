// email: the email editions of every shipped text (written by `site email`), checked the way inboxes treat them.
// Per edition: at most 102 KB (Gmail clips larger messages), no <script>, <style> or external stylesheet left, every
// link and image absolute (or a sending service's merge tag such as {{ unsubscribe_url }}), images with alt and width,
// a plain-text part beside it; no HTML or CSS feature that caniemail.com lists as unsupported in Gmail, Apple Mail,
// Outlook.com or Outlook's phone apps. Then each edition opens in headless Chromium at 600 and 375 px: no horizontal
// scrolling, and the frame block's columns side by side at 600 and stacked at 375. Screenshots go to $E2E_SHOTS.
//
// usage: node check_email.mjs EMAIL_DIR
// env:   CHROME (browser binary, default /usr/bin/chromium), E2E_SHOTS, E2E_STATS
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { caniemail } from 'caniemail';
import { launch } from './chromium.mjs';

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
  if (/<style\b/i.test(html)) fail(file, 'keeps a <style> block');
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
  for (const [client, issues] of caniemail({ clients: CLIENTS, html }).issues.errors) {
    for (const issue of issues) fail(file, `${client} does not support ${issue.title}`);
  }
}

const { context, profile } = await launch(chrome);
let views = 0;
try {
  const page = context.pages()[0] || await context.newPage();
  // Editions point at the public site, which this machine cannot reach: nothing leaves file://.
  await page.route(url => !url.href.startsWith('file:'), route => route.abort());
  for (const file of files) {
    for (const width of [600, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('file://' + path.resolve(dir, file));
      views++;
      const layout = await page.evaluate(() => {
        const columns = [...document.querySelectorAll('.frame-column')].map(c => c.getBoundingClientRect());
        return {
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          columns: columns.map(r => ({ top: Math.round(r.top), bottom: Math.round(r.bottom) })),
        };
      });
      if (layout.overflow > 0) fail(file, `${layout.overflow}px of horizontal scrolling at ${width}px`);
      const [a, b] = layout.columns;
      if (a && b) {
        if (width === 600 && a.top !== b.top) fail(file, 'the frame columns are not side by side at 600px');
        if (width === 375 && b.top < a.bottom) fail(file, 'the frame columns do not stack at 375px');
      }
      await page.screenshot({ path: path.join(shots, `email-${file.replace(/\.html$/, '')}-${width}.png`), fullPage: true });
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
