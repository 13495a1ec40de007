// serve: the live preview (`site serve`) in headless Chromium. A copy of the repo's site is served from a temporary
// folder; one page (/ensaios/nomes/, 1280x900, scrolled to y=600) stays open while the sources are edited:
//   1. the page opens with no console errors and scrolls to 600
//   2. a body edit reloads it by itself, showing the edit, at the same scroll position (within 50 px)
//   3. broken front matter shows #site-error-overlay (file:line:col and a "did you mean" hint) over the last good page,
//      also on a page opened afterwards (/arco/); fixing the file removes both overlays
//   4. a CSS edit is applied without a reload
//   5. the status page /_status/ at 1280 and 375: no axe-core violation rated serious or critical, no horizontal
//      scroll; a new draft written while it is open appears in it by itself (a reload)
//   6. a restarted server on the same port: the page reconnects and reloads by itself
// Console errors, uncaught script errors, failed requests and HTTP errors count against the step they happen in.
// Waits are on conditions (20 s at most), never fixed sleeps. A client of /__site/events kept here too records what
// the server sent, for the diagnostics and to know when a step's events are all out.
//
// usage: node check_serve.mjs
// env:   SITE_BIN (default /work/main/target/release/site), CHROME (default /usr/bin/chromium),
//        E2E_STATS (file to append counts to), E2E_SHOTS (screenshots of failed steps go there)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import readline from 'node:readline';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const REPO = path.resolve(HERE, '../..');
const SITE_BIN = process.env.SITE_BIN || '/work/main/target/release/site';
const chrome = process.env.CHROME || '/usr/bin/chromium';
const shots = process.env.E2E_SHOTS ? path.resolve(process.env.E2E_SHOTS) : null;
const WAIT = 20000;
const PAGE = '/ensaios/nomes/';
const SECOND = '/arco/';
const TEXT = 'content/essays/nomes.pt-BR.md';
const CSS = 'static/css/site.css';
const SCROLL = 600;

// ---- the site, copied --------------------------------------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-serve-'));
for (const name of ['site.toml', 'content', 'templates', 'static', 'i18n']) {
  fs.cpSync(path.join(REPO, name), path.join(tmp, name), { recursive: true });
}
const textFile = path.join(tmp, TEXT);
const cssFile = path.join(tmp, CSS);

// ---- the server --------------------------------------------------------------------------------------------------
const servers = new Set(); // running children, killed (by PID) at exit whatever happens
function killAll() {
  for (const s of servers) { try { process.kill(s.child.pid, 'SIGKILL'); } catch { /* gone */ } }
  servers.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killAll(); process.exit(130); });

// Starts `site --root TMP serve --port PORT`; resolves once it printed its "Serving ... at URL" line.
function startSite(port) {
  const child = spawn(SITE_BIN, ['--root', tmp, 'serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const s = { child, out: [], err: [], waiters: [], exited: null };
  servers.add(s);
  const feed = (list, line) => { list.push(line); for (const w of [...s.waiters]) w(); };
  readline.createInterface({ input: child.stdout }).on('line', l => feed(s.out, l));
  readline.createInterface({ input: child.stderr }).on('line', l => feed(s.err, l));
  s.exit = new Promise(resolve => child.on('exit', (code, signal) => {
    s.exited = { code, signal }; servers.delete(s); for (const w of [...s.waiters]) w(); resolve(s.exited);
  }));
  child.on('error', e => { s.exited = { error: e.message }; servers.delete(s); for (const w of [...s.waiters]) w(); });
  // waits until pred(s) is truthy (checked on every line and at exit)
  s.until = (pred, what, timeout = WAIT) => new Promise((resolve, reject) => {
    const check = () => {
      const v = pred(s);
      if (v) { done(); resolve(v); } else if (s.exited) { done(); reject(new Error(`the server exited (${JSON.stringify(s.exited)}) before ${what}; stderr: ${s.err.slice(-5).join(' | ')}`)); }
    };
    const timer = setTimeout(() => { done(); reject(new Error(`no ${what} within ${timeout / 1000} s; stdout: ${s.out.slice(-3).join(' | ')}`)); }, timeout);
    const done = () => { clearTimeout(timer); s.waiters = s.waiters.filter(w => w !== check); };
    s.waiters.push(check);
    check();
  });
  return s.until(x => {
    const line = x.out.find(l => /^Serving .* at https?:\/\//.test(l));
    return line && line.match(/at (https?:\/\/[^/\s]+)\//);
  }, '"Serving ... at URL" line on stdout').then(m => {
    s.origin = m[1];
    s.port = Number(new URL(m[1]).port);
    s.firstLine = s.out[0];
    return s;
  });
}
async function stopSite(s) {
  if (s.exited) return s.exited;
  process.kill(s.child.pid, 'SIGTERM');
  const t = setTimeout(() => { try { process.kill(s.child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
  const r = await s.exit;
  clearTimeout(t);
  return r;
}

// ---- a listener of the event stream, to see what the server sends ---------------------------------------------
function listen(origin) {
  const l = { events: [], waiters: [], closed: false };
  const wake = () => { for (const w of [...l.waiters]) w(); };
  l.req = http.get(origin + '/__site/events', res => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', chunk => {
      buf += chunk.replace(/\r\n?/g, '\n');
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i); buf = buf.slice(i + 2);
        let event = 'message'; const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (block.split('\n').every(x => x.startsWith(':'))) continue; // keep-alive comment
        l.events.push({ event, data: data.join('\n') });
      }
      wake();
    });
    res.on('end', () => { l.closed = true; wake(); });
  });
  l.req.on('error', () => { l.closed = true; wake(); });
  l.until = (pred, what, timeout = WAIT) => new Promise((resolve, reject) => {
    const check = () => { const v = pred(l.events); if (v) { done(); resolve(v); } };
    const timer = setTimeout(() => { done(); reject(new Error(`the server sent no ${what} within ${timeout / 1000} s; events so far: ${l.describe()}`)); }, timeout);
    const done = () => { clearTimeout(timer); l.waiters = l.waiters.filter(w => w !== check); };
    l.waiters.push(check);
    check();
  });
  l.describe = (from = 0) => l.events.slice(from).map(e => `${e.event}(${e.data.split('\n').length > 1 ? e.data.split('\n').length + ' lines' : e.data.slice(0, 40)})`).join(', ') || '(none)';
  l.close = () => { l.req.destroy(); };
  return l;
}
const reloads = (e, p) => e.event === 'reload' && e.data.split('\n').some(x => x === '*' || x === p);

// ---- checks ------------------------------------------------------------------------------------------------------
const problems = [];
const results = [];
let current = null; // the step running now: { name, found[] }
const sink = msg => { const step = current || { found: problems }; if (!step.found.includes(msg)) step.found.push(msg); };
let restarting = false; // while the server is down on purpose, the event stream's failed connections are expected
const tolerated = [];

async function step(name, body) {
  current = { name, found: [] };
  try {
    await body(current);
  } catch (e) {
    sink(`${e.message.split('\n')[0]}`);
  }
  const { found } = current;
  if (found.length && shots) {
    fs.mkdirSync(shots, { recursive: true });
    for (const [label, p] of Object.entries(pages)) {
      if (!p.isClosed()) await p.screenshot({ path: path.join(shots, `serve-${results.length + 1}-${label}.png`) }).catch(() => {});
    }
  }
  results.push({ name, found });
  for (const f of found) problems.push(`${name}: ${f}`);
  console.log(found.length ? `FAIL ${name}\n${found.map(f => `     ${f}`).join('\n')}` : `ok   ${name}`);
  current = null;
}

let site = await startSite(0).catch(e => {
  console.log(`FAIL could not start ${SITE_BIN} --root ${tmp} serve --port 0: ${e.message}`);
  console.log('serve: 0 checks, 1 problems');
  killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
});
const origin = site.origin;
const port = site.port;
console.log(`serve: ${SITE_BIN} --root ${tmp} serve --port 0`);
console.log(`serve: first line: ${site.firstLine}`);
if (!/^Serving .* at http:\/\/127\.0\.0\.1:\d+\//.test(site.firstLine)) problems.push(`the first stdout line is not "Serving ... at http://127.0.0.1:PORT/": ${site.firstLine}`);
let events = listen(origin);

const { context, profile } = await launch(chrome).catch(e => {
  console.log(`FAIL could not start ${chrome}: ${e.message.split('\n')[0]}`);
  console.log('serve: 0 checks, 1 problems');
  killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
});
// nothing leaves this machine
await context.route(u => u.origin !== origin && u.protocol !== 'data:' && u.protocol !== 'blob:', route => {
  sink(`request to another host (blocked; the preview must not need the network): ${route.request().url()}`);
  return route.abort('blockedbyclient');
});
const EVENTS = origin + '/__site/events';
const EVENTS_WS = origin.replace(/^http/, 'ws') + '/__site/events';
const pages = {};
async function open(label, url) {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  await page.setViewportSize({ width: 1280, height: 900 });
  page.on('console', m => {
    if (m.type() !== 'error' || m.text().includes('ERR_BLOCKED_BY_CLIENT')) return;
    const msg = `${label}: console error: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`;
    if (restarting && [EVENTS, EVENTS_WS].some(u => m.location()?.url === u || m.text().includes(u))) { tolerated.push(msg); return; }
    sink(msg);
  });
  page.on('pageerror', e => sink(`${label}: uncaught script error: ${e.message}`));
  page.on('requestfailed', r => {
    const why = r.failure()?.errorText || '';
    // a reload (or a closed tab) cuts the open event stream; a stopped server refuses it
    if (r.url() === EVENTS && (why.includes('ERR_ABORTED') || restarting)) return;
    if (why.includes('ERR_BLOCKED_BY_CLIENT')) return;
    sink(`${label}: request failed: ${r.url()} (${why})`);
  });
  page.on('response', r => { if (r.status() >= 400) sink(`${label}: HTTP ${r.status()} for ${r.url()}`); });
  // set once the load handlers (the preview script's scroll restore among them) have run
  await page.addInitScript(() => { addEventListener('load', () => setTimeout(() => { window.__e2eLoaded = true; }, 0)); });
  const resp = await page.goto(origin + url, { waitUntil: 'load' });
  if (!resp || resp.status() !== 200) sink(`${label}: ${url} answered HTTP ${resp ? resp.status() : '(none)'}`);
  await page.waitForFunction(() => window.__e2eLoaded === true);
  pages[label] = page;
  return page;
}
const titleOf = page => page.evaluate(() => document.querySelector('h1.post-title')?.textContent.trim() ?? null);
const overlayText = page => page.evaluate(() => document.getElementById('site-error-overlay')?.textContent ?? null);

const original = fs.readFileSync(textFile, 'utf8');
let page;
let title;
const marker = `e2emarker${Date.now().toString(36)}`;

try {
  await step(`open ${PAGE} at 1280x900, scroll to ${SCROLL}`, async () => {
    page = await open('page', PAGE);
    title = await titleOf(page);
    if (!title) sink('no h1.post-title on the page');
    const hasScript = await page.evaluate(() => !!document.querySelector('script[src="/__site/reload.js"]'));
    if (!hasScript) sink('no <script src="/__site/reload.js"> on the page');
    await page.evaluate(y => scrollTo(0, y), SCROLL);
    await page.waitForFunction(y => Math.abs(scrollY - y) < 1, SCROLL, { timeout: 5000 })
      .catch(async () => sink(`scrollTo(0, ${SCROLL}) left scrollY at ${await page.evaluate(() => scrollY)} (page too short?)`));
    // the page's own event stream is open (the server said hello): edits from here on reach it
    await page.waitForFunction(() => sessionStorage.getItem('site-instance') !== null)
      .catch(() => sink('the page never got the server\'s "hello" event (sessionStorage site-instance unset)'));
  });

  await step('a body edit reloads the page, keeping the scroll position', async () => {
    const paragraph = original.split(/^\+\+\+\s*$/m)[2].split(/\n\s*\n/).map(p => p.trim()).find(p => p && !p.startsWith('#'));
    const word = paragraph.match(/\b[a-zà-ú]{6,}\b/i)[0];
    const edited = original.replace(paragraph, paragraph.replace(word, marker));
    if (edited === original) throw new Error(`could not place the marker in the first paragraph of ${TEXT}`);
    await page.evaluate(() => { window.__marker = 1; });
    const from = events.events.length;
    fs.writeFileSync(textFile, edited);
    await page.waitForFunction(m => document.body.textContent.includes(m) && window.__e2eLoaded === true, marker)
      .catch(e => { throw new Error(`the page did not show "${marker}" (in place of "${word}") by itself: ${e.message.split('\n')[0]}; the server sent: ${events.describe(from)}`); });
    if (await page.evaluate(() => window.__marker) !== undefined) sink('the edit shows without a reload (window.__marker survived): expected a reload');
    const y = await page.evaluate(() => scrollY);
    console.log(`info reloaded by itself with "${marker}" in place of "${word}"; scrollY ${y}`);
    if (Math.abs(y - SCROLL) > 50) sink(`after the reload scrollY is ${y}, expected ${SCROLL} ± 50`);
    if (await titleOf(page) !== title) sink(`the title changed to ${JSON.stringify(await titleOf(page))}`);
  });

  await step('broken front matter shows the error overlay (also on a new tab); the fix removes it', async () => {
    const good = fs.readFileSync(textFile, 'utf8');
    const broken = good.replace(/^title\s*=/m, 'tittle =');
    if (broken === good) throw new Error(`no "title =" line in ${TEXT}`);
    await page.evaluate(() => { window.__marker = 1; });
    let from = events.events.length;
    fs.writeFileSync(textFile, broken);
    const want = [`${TEXT}:2:1`, 'did you mean'];
    const shows = async (p, label) => {
      await p.waitForSelector('#site-error-overlay', { state: 'attached' })
        .catch(e => { throw new Error(`${label}: no #site-error-overlay: ${e.message.split('\n')[0]}; the server sent: ${events.describe(from)}`); });
      // the text the server sent first may not be the last word: wait for the expected one, then say what it was
      await p.waitForFunction(w => { const t = document.getElementById('site-error-overlay')?.textContent || ''; return w.every(x => t.includes(x)); }, want, { timeout: 5000 }).catch(() => {});
      const text = await overlayText(p);
      for (const w of want) if (!text || !text.includes(w)) sink(`${label}: the overlay text lacks "${w}": ${JSON.stringify((text || '').slice(0, 300))}`);
      const info = await p.evaluate(() => { const o = document.getElementById('site-error-overlay'); return o && { role: o.getAttribute('role'), pre: !!o.querySelector('pre'), visible: o.getBoundingClientRect().height > 0 && getComputedStyle(o).display !== 'none' }; });
      if (info && info.role !== 'alert') sink(`${label}: the overlay has role=${info.role}, expected alert`);
      if (info && !info.pre) sink(`${label}: the overlay has no <pre>`);
      if (info && !info.visible) sink(`${label}: the overlay is not visible`);
    };
    await shows(page, PAGE);
    const under = await titleOf(page);
    if (under !== title) sink(`${PAGE}: under the overlay the title is ${JSON.stringify(under)}, expected the old ${JSON.stringify(title)}`);
    if (await page.evaluate(() => window.__marker) !== 1) sink(`${PAGE}: the page reloaded on the broken edit`);
    const second = await open('second', SECOND);
    await shows(second, SECOND);

    from = events.events.length;
    const lines = site.out.length;
    fs.writeFileSync(textFile, good);
    for (const [label, p] of [[PAGE, page], [SECOND, second]]) {
      await p.waitForSelector('#site-error-overlay', { state: 'detached' })
        .catch(async e => sink(`${label}: the overlay is still there after the fix: ${e.message.split('\n')[0]}; the server sent: ${events.describe(from)}; overlay: ${JSON.stringify((await overlayText(p).catch(() => '')) || '').slice(0, 200)}`));
    }
    // let the fix settle: once the server has said "ok", a reload it sends for this page must have happened
    const ok = await events.until(ev => ev.slice(from).some(e => e.event === 'ok') && site.out.slice(lines).some(l => l.includes(TEXT)), '"ok" event after the fix').catch(e => { sink(e.message); return false; });
    if (ok && events.events.slice(from).some(e => reloads(e, PAGE))) {
      await page.waitForFunction(() => window.__marker === undefined && window.__e2eLoaded === true)
        .catch(e => sink(`${PAGE}: the server sent a reload after the fix but the page did not reload: ${e.message.split('\n')[0]}`));
    }
    if (await titleOf(page) !== title) sink(`${PAGE}: after the fix the title is ${JSON.stringify(await titleOf(page))}, expected ${JSON.stringify(title)}`);
    await second.close();
    delete pages.second;
  });

  await step('a CSS edit applies without a reload', async () => {
    await page.evaluate(() => { window.__marker = 1; });
    const before = await page.evaluate(() => getComputedStyle(document.body).outlineColor);
    if (before === 'rgb(1, 2, 3)') throw new Error('the body outline is rgb(1, 2, 3) already');
    const lines = site.out.length;
    const from = events.events.length;
    fs.appendFileSync(cssFile, '\nbody { outline: 3px solid rgb(1, 2, 3) }\n');
    await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)')
      .catch(e => { throw new Error(`body outline never became rgb(1, 2, 3): ${e.message.split('\n')[0]}; the server sent: ${events.describe(from)}`); });
    // everything the server sends for this edit is out once it logged the rebuild
    await site.until(s => s.out.slice(lines).some(l => l.includes(CSS)), `stdout line for the ${CSS} rebuild`).catch(e => sink(e.message));
    const sent = events.events.slice(from);
    if (sent.some(e => reloads(e, PAGE))) sink(`the server asked the page to reload for a CSS-only edit: ${events.describe(from)}`);
    if (!sent.some(e => e.event === 'css')) sink(`no "css" event: ${events.describe(from)}`);
    if (await page.evaluate(() => window.__marker) !== 1) sink('the page reloaded (window.__marker is gone)');
  });

  await step('the status page: axe-clean at 1280 and 375, and it follows an edit by itself', async () => {
    const status = await open('status', '/_status/');
    for (const width of [1280, 375]) {
      await status.setViewportSize({ width, height: 900 });
      const { sw, cw } = await status.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
      if (sw > cw) sink(`/_status/ @${width}: horizontal scroll (scrollWidth ${sw} > clientWidth ${cw})`);
      await status.addScriptTag({ path: AXE });
      const axe = await status.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')})`);
      });
      for (const v of axe) sink(`/_status/ @${width}: axe ${v}`);
      if (shots) {
        fs.mkdirSync(shots, { recursive: true });
        await status.screenshot({ path: path.join(shots, `serve-status-${width}.png`), fullPage: true });
      }
    }
    await status.setViewportSize({ width: 1280, height: 900 });
    // a draft in the first empty essay slot of the arc: the open status page shows it without being touched
    const slot = await status.evaluate(() => {
      const cell = [...document.querySelectorAll('td[data-kind="essay"]')].find(td => td.querySelector('.status-empty'));
      return cell && { week: cell.closest('tr').id, date: cell.querySelector('time').getAttribute('datetime') };
    });
    if (!slot) throw new Error('no empty essay slot on /_status/');
    await status.evaluate(() => { window.__marker = 1; });
    const draft = path.join(tmp, 'content/essays/e2e-status.pt-BR.md');
    fs.writeFileSync(draft, `+++\ntitle = "Rascunho do e2e"\ndate = ${slot.date}\nsummary = "Escrito pelo e2e."\ndraft = true\n+++\n\nCorpo.\n`);
    await status.waitForFunction(w => document.querySelector(`#${w} td[data-kind="essay"] li[data-state="draft"]`) && window.__e2eLoaded === true, slot.week)
      .catch(e => { throw new Error(`the status page did not show the new draft in ${slot.week} by itself: ${e.message.split('\n')[0]}`); });
    if (await status.evaluate(() => window.__marker) !== undefined) sink('the status page changed without a reload');
    console.log(`info /_status/ showed the draft dated ${slot.date} in ${slot.week} by itself`);
    fs.rmSync(draft);
    await status.close();
    delete pages.status;
  });

  await step(`restart on the same port (${port}): the open page reconnects and reloads`, async () => {
    await page.evaluate(() => { window.__marker = 1; });
    const before = await page.evaluate(() => sessionStorage.getItem('site-instance'));
    restarting = true;
    events.close();
    const exit = await stopSite(site);
    console.log(`info server stopped (${exit.signal || `exit ${exit.code}`})`);
    site = await startSite(port);
    console.log(`info restarted: ${site.firstLine}`);
    if (site.port !== port) throw new Error(`the new server took port ${site.port}, not ${port}: ${site.out.join(' | ')}`);
    events = listen(origin);
    await page.waitForFunction(() => window.__marker === undefined && window.__e2eLoaded === true)
      .catch(e => { throw new Error(`the page did not reload after the restart: ${e.message.split('\n')[0]}`); });
    restarting = false;
    const after = await page.evaluate(() => sessionStorage.getItem('site-instance'));
    if (!after || after === before) sink(`the page's server instance did not change (${before} -> ${after})`);
    if (!(await page.evaluate(m => document.body.textContent.includes(m), marker))) sink(`after the restart the page lacks the edit "${marker}"`);
    if (await titleOf(page) !== title) sink(`after the restart the title is ${JSON.stringify(await titleOf(page))}`);
  });
} finally {
  restarting = false;
  events.close();
  await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
  if (site) await stopSite(site).catch(() => {});
  killAll();
}

if (tolerated.length) console.log(`info while the server was down: ${tolerated.length} expected console error(s) for ${EVENTS}`);
const stderr = site.err.filter(l => l.trim());
for (const p of problems.filter(p => !results.some(r => p.startsWith(`${r.name}: `)))) console.log(`FAIL ${p}`);
if (problems.length) {
  console.log(`info the site copy stays in ${tmp}; last server stderr: ${stderr.slice(-3).join(' | ') || '(none)'}`);
} else {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`serve: ${results.length} checks, ${problems.length} problems`);
if (process.env.E2E_STATS) fs.appendFileSync(process.env.E2E_STATS, `serve_checks=${results.length}\n`);
process.exit(problems.length ? 1 : 0);
