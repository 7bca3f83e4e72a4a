// No silent failure: wherever keyfit cannot start, the page says so in plain words and what to do instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, stopServer } from '../../tools/serve.mjs';
import { WWW } from './harness.mjs';
import { CORPUS, browse } from './dist-helpers.mjs';

/** Serves www/ for one test; returns its origin. */
async function served(t) {
  const server = await serve(WWW, 0);
  t.after(() => stopServer(server));
  return `http://127.0.0.1:${server.address().port}`;
}

test('www/index.html opened from disk says it cannot start there and points to keyfit.html', async (t) => {
  const { page } = await browse(t);
  await page.goto(pathToFileURL(join(WWW, 'index.html')).href);
  const note = page.locator('#keyfit-startup');
  await note.waitFor({ state: 'visible' });
  assert.match(await note.textContent(), /cannot start from a file on your disk.*keyfit\.html/s);
  assert.equal(await note.getAttribute('role'), 'alert');
});

test('a browser without WebAssembly is told so on load', async (t) => {
  const origin = await served(t);
  const { page, context } = await browse(t);
  await context.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto(`${origin}/`);
  const note = page.locator('#keyfit-startup');
  await note.waitFor({ state: 'visible' });
  assert.match(await note.textContent(), /does not run WebAssembly/);
});

test('scripts that do not run (blocked) are reported; a page that started shows no note', async (t) => {
  const origin = await served(t);
  const { page, context } = await browse(t);
  await page.goto(`${origin}/`);
  await page.waitForSelector('html[data-keyfit="started"]', { state: 'attached' });
  await page.waitForLoadState('load');
  assert.equal(await page.locator('#keyfit-startup').count(), 0, 'no note when keyfit started');
  await context.route('**/app.js', (route) => route.abort());
  await page.reload();
  const note = page.locator('#keyfit-startup');
  await note.waitFor({ state: 'visible' });
  assert.match(await note.textContent(), /could not start: its scripts did not run/);
});

test('an error that stops the page\'s scripts is reported with its message', async (t) => {
  const origin = await served(t);
  const { page, context } = await browse(t);
  await context.route('**/app.js', (route) => route.fulfill({
    contentType: 'text/javascript', body: "throw new Error('a broken build');",
  }));
  await page.goto(`${origin}/`);
  const note = page.locator('#keyfit-startup');
  await note.waitFor({ state: 'visible' });
  assert.match(await note.textContent(), /an error stopped its scripts \(.*a broken build\)/);
});

/** With engine part `wasm` unreachable, `act(page)` on the hosted page ends with `status` saying the engine did not
 * load: a part that fails is reported by the job that needs it. */
async function engineFailureReported(t, wasm, act, status) {
  const origin = await served(t);
  const { page, context } = await browse(t);
  await context.route(`**/${wasm}`, (route) => route.abort());
  await page.goto(`${origin}/`);
  await act(page);
  const shown = page.locator(`${status}[data-tone="bad"]`);
  await shown.waitFor();
  assert.match(await shown.textContent(), /engine/i);
}

test('an engine that fails to load is reported when it is needed: the check part for a check', (t) =>
  engineFailureReported(t, 'keyfit_read_bg.wasm', async (page) => {
    await page.locator('#tab-check').click();
    await page.locator('#check-input').fill(readFileSync(join(CORPUS, 'rsa2048-pkcs1.pem'), 'utf8'));
  }, '#check-status'));

test('an engine that fails to load is reported when it is needed: the key engine for a key generation', (t) =>
  engineFailureReported(t, 'keyfit_bg.wasm', async (page) => {
    await page.locator('#tab-generate').click();
    await page.locator('#gen-go').click();
  }, '#gen-status'));

test('a Host URL check whose part of the engine fails to load is reported when it is needed', (t) =>
  engineFailureReported(t, 'keyfit_url_bg.wasm', async (page) => {
    await page.locator('#tab-connect').click();
    await page.locator('#connect-url').fill('git@github.com:acme/app.git');
  }, '#connect-url-status'));
