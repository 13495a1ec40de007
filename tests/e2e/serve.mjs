// A tiny static file server for the built site, on loopback only.
// A folder maps to its index.html (a folder path without a trailing slash redirects to it, as GitHub Pages does);
// a miss gets 404.html with status 404. With a prefix (a site served under /repo/), paths outside it are misses.
//
// usage as a program: node serve.mjs SITE_DIR [PORT] [PREFIX]   (PORT 0 or absent: an ephemeral port)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file) {
  const base = path.basename(file);
  if (base === 'CNAME') return 'text/plain; charset=utf-8';
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

// Resolves a request path to a file under root, or null. Returns { file } or { redirect }.
export function lookup(root, urlPath, prefix = '/') {
  let p;
  try { p = decodeURIComponent(urlPath.split('?')[0].split('#')[0]); } catch { return null; }
  if (!p.startsWith(prefix)) {
    if (p + '/' === prefix) return { redirect: prefix };
    return null;
  }
  p = '/' + p.slice(prefix.length);
  if (p.includes('\0')) return null;
  const full = path.normalize(path.join(root, p));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  let st;
  try { st = fs.statSync(full); } catch { return null; }
  if (st.isDirectory()) {
    if (!urlPath.split('?')[0].endsWith('/')) return { redirect: urlPath.split('?')[0] + '/' };
    const index = path.join(full, 'index.html');
    return fs.existsSync(index) ? { file: index } : null;
  }
  return st.isFile() ? { file: full } : null;
}

export function startServer(rootDir, { port = 0, prefix = '/', log = null } = {}) {
  const root = path.resolve(rootDir);
  if (!prefix.endsWith('/')) prefix += '/';
  const server = http.createServer((req, res) => {
    const found = (req.method === 'GET' || req.method === 'HEAD') ? lookup(root, req.url, prefix) : null;
    let status = 200, file;
    if (found && found.redirect) {
      res.writeHead(301, { Location: found.redirect });
      res.end();
      log?.(`301 ${req.method} ${req.url}`);
      return;
    }
    if (found) file = found.file;
    else {
      status = (req.method === 'GET' || req.method === 'HEAD') ? 404 : 405;
      const notFound = path.join(root, '404.html');
      file = fs.existsSync(notFound) ? notFound : null;
    }
    log?.(`${status} ${req.method} ${req.url}`);
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (!file) {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : 'not found\n');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(status, { ...headers, 'Content-Type': contentType(file), 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolve({ server, port: bound, origin: `http://127.0.0.1:${bound}`, close: () => new Promise(r => server.close(r)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const [dir, port = '0', prefix = '/'] = process.argv.slice(2);
  if (!dir) { console.error('usage: node serve.mjs SITE_DIR [PORT] [PREFIX]'); process.exit(2); }
  const s = await startServer(dir, { port: Number(port), prefix, log: m => console.log(m) });
  console.log(`serving ${path.resolve(dir)} at ${s.origin}${prefix}`);
}
