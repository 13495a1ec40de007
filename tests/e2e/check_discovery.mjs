// discovery: what readers find the site by, checked on the built site.
//   cards   every HTML page declares an og:image that is a 1200x630 PNG of the site, with width, height and alt;
//           every text page has its own (no two text pages share one)
//   tags    every tag link under a text leads to a tag page of the site that lists that text
//   search  in headless Chromium: on the Portuguese search page a word typed without its accent finds the text that
//           has it, on the English one a word finds a text by its stem; the results are announced (role=status), are
//           links, and following the first lands on the text; axe finds nothing serious or critical with results shown
//
// usage: node check_discovery.mjs SITE_DIR
// env:   CHROME, E2E_BASE_URL, E2E_PORT, E2E_SHOTS, E2E_STATS;
//        E2E_SEARCH="pt-BR word expected-title-part|en word expected-title-part" to change the searches
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './serve.mjs';
import { launch } from './chromium.mjs';
import { sitePages, attr } from './pages.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const dir = process.argv[2];
if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
  console.log('usage: node check_discovery.mjs SITE_DIR');
  process.exit(2);
}
const site = sitePages(dir);
const { root, read, toFile, allPages, prefix } = site;
const chrome = process.env.CHROME || '/usr/bin/chromium';
const shots = path.resolve(process.env.E2E_SHOTS || path.join(os.tmpdir(), 'shots'));
fs.mkdirSync(shots, { recursive: true });
const problems = [];
const fail = (where, msg) => { problems.push(`${where}: ${msg}`); console.log(`FAIL ${where}: ${msg}`); };
const meta = (html, key) => {
  const m = [...html.matchAll(/<meta\b[^>]*>/gi)].map(t => t[0]).find(t => attr(t, 'property') === key || attr(t, 'name') === key);
  return m ? attr(m, 'content') : null;
};
const isText = rel => /^(en\/)?(ensaios|boletins|essays|bulletins)\/[^/]+\/index\.html$/.test(rel);

// ---- cards ---------------------------------------------------------------------------------------------------------
const pngSize = file => {
  const b = fs.readFileSync(file);
  const signature = b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return signature && b.subarray(12, 16).toString('latin1') === 'IHDR' ? [b.readUInt32BE(16), b.readUInt32BE(20)] : null;
};
const cardOfText = new Map();
let cards = 0;
for (const rel of allPages) {
  const html = read(rel);
  if (/<meta\b[^>]*name=["']?robots["']?[^>]*noindex/i.test(html) && rel === '404.html') continue;
  const image = meta(html, 'og:image');
  if (!image) { fail(rel, 'no og:image'); continue; }
  if (!/^https?:\/\//.test(image)) fail(rel, `og:image is not absolute: ${image}`);
  if (meta(html, 'twitter:card') !== 'summary_large_image') fail(rel, 'twitter:card is not summary_large_image');
  if (meta(html, 'og:image:width') !== '1200' || meta(html, 'og:image:height') !== '630') fail(rel, 'og:image:width/height are not 1200x630');
  if (!(meta(html, 'og:image:alt') || '').trim()) fail(rel, 'og:image:alt is empty');
  const file = toFile(image, rel);
  if (!file) { fail(rel, `og:image ${image} is not a file of the site`); continue; }
  const size = pngSize(path.join(root, file));
  if (!size || size[0] !== 1200 || size[1] !== 630) fail(rel, `${file} is not a 1200x630 PNG (${size})`);
  cards++;
  if (isText(rel)) {
    if (cardOfText.has(file)) fail(rel, `shares its card ${file} with ${cardOfText.get(file)}`);
    cardOfText.set(file, rel);
  }
}
console.log(`cards: ${cards} pages declare a card; ${cardOfText.size} text pages, each its own`);

// ---- tags ----------------------------------------------------------------------------------------------------------
let tagLinks = 0;
const tagPages = new Set();
for (const rel of allPages.filter(isText)) {
  const html = read(rel);
  const line = html.match(/<p class="tags"[\s\S]*?<\/p>/);
  if (!line) continue;
  for (const a of line[0].matchAll(/<a\b[^>]*>/gi)) {
    tagLinks++;
    const target = toFile(attr(a[0], 'href'), rel);
    if (!target) { fail(rel, `the tag link ${attr(a[0], 'href')} leads nowhere`); continue; }
    tagPages.add(target);
    const listed = [...read(target).matchAll(/<a\b[^>]*class="text-entry-title"[^>]*>/gi)].map(m => toFile(attr(m[0], 'href'), target));
    // A text shown in the other language's tree links its own language's tags, which list the original.
    const canonical = html.match(/<link\b[^>]*rel="canonical"[^>]*>/i);
    const original = canonical ? toFile(attr(canonical[0], 'href'), rel) : rel;
    if (!listed.includes(rel) && !listed.includes(original)) fail(rel, `its tag page ${target} does not list it`);
  }
}
if (tagLinks === 0) fail('(site)', 'no text links a tag');
console.log(`tags: ${tagLinks} tag links on the texts, ${tagPages.size} tag pages`);

// ---- search --------------------------------------------------------------------------------------------------------
const searches = (process.env.E2E_SEARCH || 'pt-BR dependencia dependência|en naming Names')
  .split('|').map(s => { const [lang, word, ...title] = s.trim().split(/\s+/); return { lang, word, title: title.join(' ') }; });
const searchPage = lang => allPages.find(rel => {
  const html = read(rel);
  return /class="search-form"/.test(html) && site.htmlLang(rel) === lang;
});
const srv = await startServer(root, { port: site.port, prefix });
const { context, profile } = await launch(chrome);
let followed = 0;
try {
  await context.route('**/*', route => {
    const url = new URL(route.request().url());
    return url.origin === srv.origin ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  for (const s of searches) {
    const rel = searchPage(s.lang);
    if (!rel) { fail(`search ${s.lang}`, 'no search page in this language'); continue; }
    await page.goto(srv.origin + site.urlOf(rel));
    const input = page.locator('#search-input');
    await input.focus();
    await page.keyboard.type(s.word, { delay: 40 });
    const status = page.locator('.search-status');
    try {
      await page.waitForFunction(() => document.querySelectorAll('.search-results a').length > 0, null, { timeout: 15000 });
    } catch {
      fail(`search ${s.lang}`, `typing "${s.word}" shows no result (status: "${await status.textContent()}")`);
      continue;
    }
    const announced = await status.textContent();
    if (!announced.includes(s.word)) fail(`search ${s.lang}`, `the status does not announce the results: "${announced}"`);
    if ((await status.getAttribute('role')) !== 'status') fail(`search ${s.lang}`, 'the status is not a role=status region');
    const titles = await page.locator('.search-results .text-entry-title').allTextContents();
    if (!titles.some(t => t.includes(s.title))) fail(`search ${s.lang}`, `"${s.word}" does not find "${s.title}": ${JSON.stringify(titles)}`);
    await page.addScriptTag({ path: AXE });
    const axe = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
      .violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id}: ${v.help}`));
    for (const v of axe) fail(`search ${s.lang}`, `axe ${v}`);
    await page.screenshot({ path: path.join(shots, `search-${s.lang}.png`), fullPage: true });
    // Follow the matching result, by keyboard.
    const link = page.locator('.search-results .text-entry-title', { hasText: s.title }).first();
    await link.focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const h1 = (await page.locator('h1').first().textContent()) || '';
    if (!h1.includes(s.title)) fail(`search ${s.lang}`, `following the result lands on "${h1.trim()}"`);
    else followed++;
  }
  for (const e of errors) fail('search', `console error: ${e}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  await srv.close();
}
console.log(`search: ${followed} of ${searches.length} searches found and followed their text`);
if (process.env.E2E_STATS) {
  fs.appendFileSync(process.env.E2E_STATS, `cards_checked=${cards}\ntag_links_checked=${tagLinks}\nsearches_followed=${followed}\n`);
}
console.log(`discovery: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
