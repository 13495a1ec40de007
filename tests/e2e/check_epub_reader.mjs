// Each book opened in a real reading system: epub.js (npm `epubjs`) in headless Chromium, served
// over a loopback HTTP server. For every book: the package and navigation load, the table of
// contents lists every chapter of the spine, the reader turns to each chapter and lays out text
// there (a cover, a title page and each text show words or a picture), and a screenshot of the
// first chapter is kept (WORK/NAME.png).
//   node check_epub_reader.mjs WORK BOOK.epub…
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [work, ...books] = process.argv.slice(2);
fs.mkdirSync(work, { recursive: true });
const files = {
  '/epub.min.js': path.join(here, 'node_modules/epubjs/dist/epub.min.js'),
  '/jszip.min.js': path.join(here, 'node_modules/jszip/dist/jszip.min.js'),
};
books.forEach((b, i) => { files[`/book/${i}.epub`] = b; });
const page = `<!doctype html><html><head><meta charset="utf-8">
<script src="/jszip.min.js"></script><script src="/epub.min.js"></script></head>
<body style="margin:0"><div id="viewer" style="width:600px;height:800px"></div></body></html>`;
const server = http.createServer((req, res) => {
  const file = files[req.url];
  if (req.url === '/') { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(page); return; }
  if (!file) { res.writeHead(404); res.end(); return; }
  const type = file.endsWith('.epub') ? 'application/epub+zip' : 'text/javascript';
  res.writeHead(200, { 'Content-Type': type });
  fs.createReadStream(file).pipe(res);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const { context, profile } = await launch(process.env.CHROME || '/usr/bin/chromium');
let failed = 0;
try {
  for (const [i, book] of books.entries()) {
    const tab = await context.newPage();
    await tab.setViewportSize({ width: 600, height: 800 });
    await tab.goto(`${origin}/`);
    const report = await tab.evaluate(async (url) => {
      const book = ePub(url);
      const rendition = book.renderTo('viewer', { width: 600, height: 800, spread: 'none' });
      await book.ready;
      const nav = await book.loaded.navigation;
      const spine = [];
      book.spine.each(item => spine.push(item.href));
      const shown = [];
      for (const href of spine) {
        await rendition.display(href);
        const contents = rendition.getContents()[0];
        const doc = contents && contents.document;
        const words = doc ? (doc.body.innerText || '').trim().split(/\s+/).filter(Boolean).length : 0;
        const pictures = doc ? doc.images.length : 0;
        shown.push({ href, words, pictures, pages: rendition.location ? rendition.location.start.displayed.total : 0 });
      }
      await rendition.display(spine.find(h => h.startsWith('text/')) || spine[0]);
      return {
        title: (await book.loaded.metadata).title,
        language: (await book.loaded.metadata).language,
        toc: nav.toc.map(t => t.href),
        spine,
        shown,
      };
    }, `${origin}/book/${i}.epub`);
    const name = path.basename(book, '.epub') + '-' + i;
    await tab.screenshot({ path: path.join(work, `${name}.png`) });
    const problems = [];
    const chapters = report.spine.filter(h => h.startsWith('text/'));
    if (!chapters.length) problems.push('no chapter in the spine');
    for (const c of chapters) if (!report.toc.some(t => t.split('#')[0] === c)) problems.push(`${c} is not in the table of contents`);
    for (const s of report.shown) if (s.words === 0 && s.pictures === 0) problems.push(`${s.href} shows nothing`);
    const pages = report.shown.reduce((n, s) => n + (s.pages || 1), 0);
    console.log(`${path.relative(process.cwd(), book)}: "${report.title}" (${report.language}), ${report.spine.length} documents, ${chapters.length} chapters, ${report.toc.length} contents entries, ${pages} pages at 600×800 in epub.js${problems.length ? '' : ': ok'}`);
    for (const p of problems) console.log(`  ${p}`);
    if (problems.length) failed++;
    await tab.close();
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  server.close();
}
process.exit(failed ? 1 : 0);
