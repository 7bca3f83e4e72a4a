// Shared set-up for the dist tests (tests/e2e/dist-*.test.mjs): Debian's Chromium with every request recorded,
// and a docs site served from other paths than keyfit's with a strict Content-Security-Policy header.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { ROOT, launchChromium, recordedPage } from './harness.mjs';
import { stopServer } from '../../tools/serve.mjs';

export const DIST = join(ROOT, 'dist');
export const SITE = join(DIST, 'site');
export const DOCS = join(ROOT, 'tests/dist-docs');
export const CORPUS = join(ROOT, 'tests/corpus/keys');

/** Why the dist tests cannot run (dist/ not built), or false. */
export const missingDist = !existsSync(join(DIST, 'keyfit.html')) && 'dist/ is not built: run ./build.sh dist';


/** A browser and context recording every request (page, frames, workers), console message and page error. */
export async function browse(t, { acceptDownloads = true } = {}) {
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ acceptDownloads, viewport: { width: 1100, height: 900 } });
  const { page, requests, consoleMessages } = await recordedPage(context);
  return { browser, context, page, requests, consoleMessages };
}

/** The policy the docs site sends with every response (from issue 12). */
export const DOCS_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "worker-src 'self' blob:; connect-src 'self'";
/** The iframe page also needs `frame-src 'self'` to show keyfit's embed.html (README says why). */
export const FRAMING_CSP = `${DOCS_CSP}; frame-src 'self'`;
/** What keyfit's embed.html is served with: its own strict policy, framable by the docs site only. */
export const EMBED_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
  + "style-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm' };

/**
 * Serves the sample docs site at /docs/ (tests/dist-docs) and dist/site/ at /static/keyfit/, every response with
 * a strict CSP header (embed.html with its own). Returns {origin, close()}.
 */
export async function serveDocs(t) {
  const docs = await startDocsServer();
  t.after(() => docs.close());
  return docs;
}

/** serveDocs without a test: returns {origin, close()} (the benchmark uses it). */
export async function startDocsServer() {
  const mounts = [['/static/keyfit/', SITE], ['/docs/', DOCS]];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const mount = mounts.find(([prefix]) => path.startsWith(prefix));
    const file = mount && normalize(join(mount[1], path.slice(mount[0].length) || 'index.html'));
    if (!mount || !file.startsWith(mount[1])) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      const csp = file.endsWith('/embed.html') ? EMBED_CSP : file.endsWith('/framed.html') ? FRAMING_CSP : DOCS_CSP;
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => stopServer(server) };
}

/** Asserts a detail object has no private key, passphrase or private key text in any field. */
export function assertPublicOnly(assert, detail, { privateText = '', passphrase = '' } = {}) {
  const json = JSON.stringify(detail);
  assert.doesNotMatch(json, /PRIVATE KEY|PuTTY-User-Key-File|Private-Lines|"privateKey"|"repairedText"|"passphrase"|"newPassphrase"/i);
  if (passphrase) assert.ok(!json.includes(passphrase), 'the passphrase is in an event');
  // No line of a PKCS#1 private key's base64 body is in the event (its lines do not line up with the public key's
  // base64, so any match would be private material).
  if (privateText && !/^-----BEGIN RSA PRIVATE KEY-----/.test(privateText)) throw new Error('privateText must be PKCS#1 PEM');
  for (const line of privateText.split(/\r?\n/)) {
    if (line.length >= 40 && !/^(-----|Proc-Type|DEK-Info)/.test(line)) {
      assert.ok(!json.includes(line), 'a line of the private key is in an event');
    }
  }
}
