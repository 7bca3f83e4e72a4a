// Shared set-up for the browser tests: serves www/ on a free port, drives Debian's Chromium with playwright-core,
// and records every request (page and workers) and console message so tests can assert on them.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve, stopServer } from '../../tools/serve.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WWW = join(ROOT, 'www');
export const JSCH_CHECK = join(ROOT, 'tests/tools/jsch-check.sh');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];

/** True once www/pkg/ exports `name` from one of the engine's parts: keyfit.js (the key engine; inspectKey and
 * convertKey arrive after generateKey) or keyfit_url.js (the Host URL check). */
export function engineHas(name) {
  return ['pkg/keyfit.js', 'pkg/keyfit_url.js'].map((f) => join(WWW, f))
    .some((glue) => existsSync(glue) && new RegExp(`export function ${name}\\b`).test(readFileSync(glue, 'utf8')));
}

/** Debian's Chromium, headless, with no background networking. */
export const launchChromium = () => chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });

/** A new page of `context` with every request, console message (workers' too) and page error recorded. */
export async function recordedPage(context) {
  const requests = [];
  const consoleMessages = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('console', (m) => consoleMessages.push(m.text()));
  const page = await context.newPage();
  page.on('worker', (w) => w.on('console', (m) => consoleMessages.push(m.text())));
  page.on('pageerror', (e) => consoleMessages.push(`pageerror: ${e.message}`));
  return { page, requests, consoleMessages };
}

/**
 * Starts the server and a browser. Options: colorScheme, viewport, root (directory to serve), path (URL path of
 * the page, for the sub-path test), init (a function run in the page before its own scripts, e.g. to observe
 * long tasks). Returns {page, context, url, requests, consoleMessages, close()}.
 */
export async function start({ colorScheme = 'light', viewport = { width: 1100, height: 900 }, root = WWW, path = '/', init = null } = {}) {
  const server = await serve(root, 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    stopServer(server);
    throw err;
  }
  const context = await browser.newContext({ acceptDownloads: true, colorScheme, viewport });
  if (init) await context.addInitScript(init);
  const { page, requests, consoleMessages } = await recordedPage(context);
  await page.goto(origin + path);
  await page.waitForFunction(() => document.querySelector('#gen-saveas')?.options.length > 0);
  return {
    page, context, origin, url: origin + path, requests, consoleMessages,
    async close() {
      await browser.close();
      await stopServer(server);
    },
  };
}

/** Asserts every request went to the page's own origin, for one of its own files. */
export function assertOnlyOwnFiles(session) {
  assert.ok(session.requests.length > 0, 'no requests were recorded');
  for (const url of session.requests) {
    const u = new URL(url);
    assert.equal(u.origin, session.origin, `request to another origin: ${url}`);
    const file = join(WWW, decodeURIComponent(u.pathname.slice(new URL(session.url).pathname.length - 1)));
    assert.ok(u.pathname.endsWith('/') || existsSync(file), `request for a file that is not in www/: ${url}`);
  }
  // Worker fetches are recorded too: the wasm is only ever loaded by the worker.
  return session.requests;
}

/** Asserts nothing went to storage, the URL or the console. */
export async function assertNothingLeaked(session) {
  const { page } = session;
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    hash: location.hash,
    search: location.search,
    idb: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '', hash: '', search: '', idb: 0 });
  // The page never logs; Chromium's own warnings (CSP violations, form hints) would show up here too.
  assert.deepEqual(session.consoleMessages, [], 'console messages or page errors');
}

/** A temporary directory removed when the test ends. */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'keyfit-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a command; returns {code, out} with stdout and stderr together. */
export function run(cmd, args, opts = {}) {
  try {
    return { code: 0, out: execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, ...opts }) };
  } catch (err) {
    return { code: err.status ?? -1, out: `${err.stdout || ''}${err.stderr || ''}` };
  }
}

/** Writes text to a file with mode 600 (ssh-keygen refuses readable private keys). */
export function writeKey(path, text) {
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** Clicks `locator`, waits for the download it starts; returns {name, text}. */
export async function downloadFrom(page, locator, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const path = join(dir, `dl-${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  chmodSync(path, 0o600); // ssh-keygen refuses private keys that others can read
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

/** Selects a tab by its name. */
export async function openTab(page, name) {
  await page.getByRole('tab', { name }).click();
}
