// Serves www/ on 127.0.0.1 with the right MIME types (.wasm as application/wasm).
// Usage: node tools/serve.mjs [port] [root]   — prints the URL once listening.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

// The page's own policy (index.html has it as a meta tag, which cannot cover workers or forbid framing):
// sent as a header on every file, so the worker that handles keys is under it too.
export const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
  + "style-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The file under `base` (an absolute, resolved directory) that a request URL names: `{file}`, or `{status: 400}`
 * for a malformed URL (bad percent-encoding, a NUL byte), `{status: 403}` for anything outside `base` (`..`, an
 * encoded `/`, a sibling folder whose name starts with the root's name).
 */
export function fileFor(base, url) {
  let path;
  try {
    path = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return { status: 400 };
  }
  if (path.includes('\0')) return { status: 400 };
  const file = resolve(join(base, path.endsWith('/') ? path + 'index.html' : path));
  return inside(base, file) ? { file } : { status: 403 };
}

const inside = (base, file) => file === base || file.startsWith(base.endsWith(sep) ? base : base + sep);

export function serve(root, port = 8080, host = '127.0.0.1') {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const { file, status } = fileFor(base, req.url);
    if (!file) {
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 400 ? 'bad request' : 'forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': CSP,
        'Referrer-Policy': 'no-referrer',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

/**
 * Stops `server` now. `server.close()` alone waits for every open connection, and a browser keeps sockets open
 * that it has connected ahead of any request: tests hung on it until CI's time ran out (seen in
 * dist-widget-fit.test.mjs, 1 run in 6). Those sockets are dropped here.
 */
export function stopServer(server) {
  const closed = new Promise((ok) => server.close(ok));
  server.closeAllConnections();
  return closed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] || process.env.PORT || 8080);
  const root = process.argv[3] || new URL('../www', import.meta.url).pathname;
  const server = await serve(root, port);
  console.log(`keyfit is served at http://127.0.0.1:${server.address().port}/ (Ctrl+C to stop)`);
}
