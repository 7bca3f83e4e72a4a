// Shared set-up for the tests that use keyfit as its users do: the npm package packed with `npm pack` from
// dist/npm/ (made by ./build.sh dist), projects installed from the npm registry into temporary folders with pinned
// versions, and a static server that sends a Content-Security-Policy header with every file.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopServer } from '../../tools/serve.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PACKAGE = join(ROOT, 'dist/npm');
export const CORPUS = join(ROOT, 'tests/corpus/keys');
export const corpus = (name) => readFileSync(join(CORPUS, name), 'utf8');

/** Why these tests cannot run (the package is not built), or false. */
export const missingPackage = !existsSync(join(PACKAGE, 'package.json')) && 'dist/npm/ is not built: run ./build.sh dist';

/**
 * A temporary directory removed when the test ends (KEEP_TMP=1 keeps it, to look at a failure). The removal runs
 * as its own process, not waited for: deleting Docusaurus' node_modules (312 MB) took 2 min 4 s here.
 */
export function tempDir(t, prefix = 'keyfit-pkg-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (!process.env.KEEP_TMP) t.after(() => spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' }).unref());
  return dir;
}

/** Runs a command; throws with its output when it fails. Returns stdout and stderr together. */
export function sh(cmd, args, { cwd, timeout = 300_000, env = {} } = {}) {
  try {
    return execFileSync(cmd, args, { cwd, timeout, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env } });
  } catch (err) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${err.status ?? err.signal}):\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

/** Runs a command that must fail; returns its output. */
export function shFails(cmd, args, opts = {}) {
  try {
    execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  } catch (err) {
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
  throw new Error(`${cmd} ${args.join(' ')} succeeded; it should have failed`);
}

/** `npm pack` of dist/npm/ into `dir`; returns the tarball's path. */
export function pack(dir) {
  const out = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', dir, PACKAGE]));
  return join(dir, out[0].filename);
}

/** Writes `files` ({path: text}) under `dir`. */
export function writeFiles(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** A project in `dir` with `dependencies` (exact versions, or a tarball path) installed from the registry. */
export function install(dir, dependencies) {
  writeFiles(dir, { 'package.json': `${JSON.stringify({ name: 'keyfit-consumer', private: true, type: 'module', dependencies }, null, 2)}\n` });
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeout: 600_000 });
}

/** The policy README gives for a page with the widget, as its own header (tests/package/README-policy is README's). */
export const WIDGET_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'; connect-src 'self'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain' };

/**
 * Serves `root` at `base` (a path ending in /) with `csp` as a header on every response (none when null; a function
 * of the origin and the file gives it per response); a folder serves its index.html. Returns {origin}.
 */
export async function serveStatic(t, root, { base = '/', csp = null, headers = (_file, h) => h } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(root)) {
      res.writeHead(404).end();
      return;
    }
    if (path.endsWith('/') || !extname(file)) file = existsSync(`${file}.html`) && !path.endsWith('/') ? `${file}.html` : join(file, 'index.html');
    try {
      const body = await readFile(file);
      const h = { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' };
      const policy = typeof csp === 'function' ? csp(`http://${req.headers.host}`, file) : csp;
      if (policy) h['Content-Security-Policy'] = policy;
      res.writeHead(200, headers(file, h)).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  t.after(() => stopServer(server));
  return { origin: `http://127.0.0.1:${server.address().port}` };
}
