// The built site's pages, as the browser and Lighthouse checks see them: every HTML file, and the pages of each kind
// (home, a translated post, the arc, the subscription page, in each language; a text shown in the other language's
// tree; the not-found page as served for a missing nested URL).
//
// usage: const site = sitePages(SITE_DIR)  (SITE_DIR must hold index.html)
import fs from 'node:fs';
import path from 'node:path';

export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const unescapeHtml = v => v.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e) =>
  e[0] === '#' ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e.toLowerCase()] ?? all));
export const attr = (tag, name) => { const m = tag.match(new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')); return m ? unescapeHtml(m[1] ?? m[2] ?? m[3]) : null; };
function walk(dir) { return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]); }

export function sitePages(dir) {
  const root = path.resolve(dir);
  const read = rel => fs.readFileSync(path.join(root, rel), 'utf8');
  const exists = rel => fs.existsSync(path.join(root, rel));
  const problems = [];
  const notes = [];

  // ---- where the site thinks it lives -----------------------------------------------------------------------------
  function baseUrl() {
    if (process.env.E2E_BASE_URL) return process.env.E2E_BASE_URL;
    const m = read('index.html').match(/<link\b[^>]*\brel=["']?canonical["']?[^>]*>/i);
    const href = m && attr(m[0], 'href');
    if (href && /^https?:\/\//.test(href)) { const u = new URL(href); u.hash = ''; u.search = ''; u.pathname = u.pathname.replace(/[^/]*$/, ''); return u.href; }
    return null;
  }
  const base = baseUrl() ? new URL(baseUrl()) : null;
  const prefix = base ? base.pathname.replace(/\/?$/, '/') : '/';
  let port = Number(process.env.E2E_PORT || 0);
  if (!port && base && LOOPBACK.has(base.hostname) && base.port) port = Number(base.port);

  // ---- which pages --------------------------------------------------------------------------------------------------
  const langSwitchHref = rel => { const m = read(rel).match(/<a\b[^>]*\bdata-lang-switch\b[^>]*>/i); return m ? attr(m[0], 'href') : null; };
  // a URL (absolute, root-relative or relative to the file `from`) as a file path relative to root, or null
  function toFile(url, from) {
    let u;
    try { u = new URL(url, `http://site.invalid/${from}`); } catch { return null; }
    if (u.host !== 'site.invalid' && !(base && u.host === base.host) && !LOOPBACK.has(u.hostname)) return null;
    let p = decodeURIComponent(u.pathname);
    if (u.host !== 'site.invalid' || url.startsWith('/')) { if (p.startsWith(prefix)) p = '/' + p.slice(prefix.length); }
    p = p.replace(/^\/+/, '');
    if (p === '' || p.endsWith('/')) p += 'index.html';
    else if (exists(p) && fs.statSync(path.join(root, p)).isDirectory()) p += '/index.html';
    return exists(p) ? p : null;
  }
  const urlOf = rel => prefix + rel.replace(/(^|\/)index\.html$/, '$1');
  const allPages = walk(root).filter(f => f.endsWith('.html')).map(f => path.relative(root, f).split(path.sep).join('/')).sort();
  const isPtPost = rel => /^(ensaios|boletins)\/[^/]+\/index\.html$/.test(rel);
  const isEnPost = rel => /^en\/(essays|bulletins)\/[^/]+\/index\.html$/.test(rel);
  const canonicalFile = rel => { const m = read(rel).match(/<link\b[^>]*\brel=["']?canonical["']?[^>]*>/i); const h = m && attr(m[0], 'href'); return h ? toFile(h, rel) : null; };

  function findTranslatedPost() {
    // posts in the order the home links them, then every other pt-BR post
    const fromHome = [...read('index.html').matchAll(/<a\b[^>]*>/gi)].map(m => attr(m[0], 'href')).filter(Boolean)
      .map(h => toFile(h, 'index.html')).filter(f => f && isPtPost(f));
    const candidates = [...new Set([...fromHome, ...allPages.filter(isPtPost)])];
    // a text that exists in one language only still has a page in the other tree, whose canonical link points to the
    // original: prefer a pair whose pages are each their own canonical, i.e. a real translation
    const pairs = [];
    for (const pt of candidates) {
      const href = langSwitchHref(pt);
      const en = href && toFile(href, pt);
      if (en && isEnPost(en) && /<html\b[^>]*\blang=["']?en/i.test(read(en))) pairs.push({ pt, en });
    }
    const real = pairs.find(p => canonicalFile(p.pt) === p.pt && canonicalFile(p.en) === p.en);
    if (real) return real;
    if (pairs.length) { notes.push(`no post pair is its own canonical in both languages; using ${pairs[0].pt} <-> ${pairs[0].en}`); return pairs[0]; }
    if (candidates.length) {
      problems.push(`(site) no pt-BR post has an a[data-lang-switch] leading to an English post page; checked ${candidates.length} posts; using ${candidates[0]}`);
      return { pt: candidates[0], en: allPages.find(isEnPost) };
    }
    problems.push('(site) no post page found under /ensaios/ or /boletins/');
    return { pt: null, en: allPages.find(isEnPost) || null };
  }
  const post = findTranslatedPost();
  const htmlLang = rel => { const m = read(rel).match(/<html\b[^>]*>/i); return (m && attr(m[0], 'lang')) || ''; };
  const selfCanonical = rel => { const c = canonicalFile(rel); return c === null ? true : c === rel; };
  // one page of each kind; `tree` is the language tree the page is in (its URL), `lang` the language of its text
  const kinds = [
    { label: 'home-pt', kind: 'home', tree: 'pt-BR', rel: 'index.html', lang: 'pt-BR' },
    { label: 'post-pt', kind: 'post', tree: 'pt-BR', rel: post.pt, lang: 'pt-BR', post: true },
    { label: 'arc-pt', kind: 'arc', tree: 'pt-BR', rel: 'arco/index.html', lang: 'pt-BR' },
    { label: 'subscribe-pt', kind: 'subscribe', tree: 'pt-BR', rel: 'assinar/index.html', lang: 'pt-BR', form: true },
    { label: 'home-en', kind: 'home', tree: 'en', rel: 'en/index.html', lang: 'en' },
    { label: 'post-en', kind: 'post', tree: 'en', rel: post.en, lang: 'en', post: true },
    { label: 'arc-en', kind: 'arc', tree: 'en', rel: 'en/arc/index.html', lang: 'en' },
    { label: 'subscribe-en', kind: 'subscribe', tree: 'en', rel: 'en/subscribe/index.html', lang: 'en', form: true },
  ];
  // the tags, a tag's page and search, in each language (when the site has them)
  const firstTag = dir => allPages.find(r => new RegExp(`^${dir}/[^/]+/index\\.html$`).test(r));
  for (const [tree, suffix, tags, search] of [['pt-BR', 'pt', 'marcadores', 'busca'], ['en', 'en', 'en/tags', 'en/search']]) {
    if (exists(`${tags}/index.html`)) kinds.push({ label: `tags-${suffix}`, kind: 'tags', tree, rel: `${tags}/index.html`, lang: tree, extra: true });
    const tag = firstTag(tags);
    if (tag) kinds.push({ label: `tag-${suffix}`, kind: 'tag', tree, rel: tag, lang: tree, extra: true });
    if (exists(`${search}/index.html`)) kinds.push({ label: `search-${suffix}`, kind: 'search', tree, rel: `${search}/index.html`, lang: tree, extra: true });
  }
  // an arc's own page and a tag's second page, in each language (when the site has them)
  for (const [tree, suffix, arc, tags] of [['pt-BR', 'pt', 'arco', 'marcadores'], ['en', 'en', 'en/arc', 'en/tags']]) {
    if (exists(`${arc}/1/index.html`)) kinds.push({ label: `arc-1-${suffix}`, kind: 'arc', tree, rel: `${arc}/1/index.html`, lang: tree, extra: true });
    const second = allPages.find(r => new RegExp(`^${tags}/[^/]+/2/index\\.html$`).test(r));
    if (second) kinds.push({ label: `tag-page-2-${suffix}`, kind: 'tag', tree, rel: second, lang: tree, extra: true });
  }
  // a text shown in the other language's tree (its canonical is the original): one per tree
  const copies = allPages.filter(r => (isPtPost(r) || isEnPost(r)) && !selfCanonical(r));
  for (const [tree, test] of [['en', isEnPost], ['pt-BR', isPtPost]]) {
    const copy = copies.find(test);
    if (copy) kinds.push({ label: `one-language-copy-${tree === 'en' ? 'en' : 'pt'}`, kind: 'one-language-copy', tree, rel: copy, lang: htmlLang(copy), extra: true });
  }
  // the not-found page as served for a missing nested URL (relative asset paths break there)
  if (exists('404.html')) kinds.push({ label: 'not-found', kind: 'not-found', tree: 'both', rel: '404.html', url: prefix + 'nao-existe/e2e/missing/', status: 404, lang: htmlLang('404.html'), extra: true });
  for (const p of kinds) {
    if (!p.rel || !exists(p.rel)) { problems.push(`${p.label}: page ${p.rel || '(none found)'} is missing from the output`); p.skip = true; }
  }
  const hasCode = rel => /<pre\b[^>]*\bclass=["']?[^"'>]*\bcode\b/i.test(read(rel));

  return { root, base, prefix, port, read, exists, urlOf, toFile, allPages, kinds: kinds.filter(p => !p.skip), post, htmlLang, hasCode, problems, notes };
}
