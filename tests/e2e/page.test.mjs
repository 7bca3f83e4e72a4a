// The page itself: works from a sub-path, keyboard tabs, and the static rules (CSP, no HTML injection, no storage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WWW, assertNothingLeaked, assertOnlyOwnFiles, launchChromium, openTab, start, tempDir } from './harness.mjs';
import { serve, stopServer } from '../../tools/serve.mjs';

const sources = () => ['app.js', 'worker.js', ...readdirSync(join(WWW, 'js')).map((f) => `js/${f}`)]
  .map((f) => [f, readFileSync(join(WWW, f), 'utf8')]);

test('static: CSP meta, no inline script, style or handlers, no HTML sinks, no storage or console', () => {
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(csp, 'CSP meta tag');
  assert.match(csp[1], /^default-src 'none';/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline script');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
  assert.doesNotMatch(html, /\sstyle=/i, 'inline style attribute');
  assert.doesNotMatch(html, /<style/i, 'style element');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'absolute URL');
  for (const textarea of html.match(/<textarea[^>]*>/g)) {
    for (const attr of ['spellcheck="false"', 'autocomplete="off"', 'autocapitalize="off"', 'autocorrect="off"']) {
      assert.ok(textarea.includes(attr), `${textarea} lacks ${attr}`);
    }
  }
  for (const [file, js] of sources()) {
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, `${file}: HTML sink`);
    assert.doesNotMatch(js, /localStorage|sessionStorage|indexedDB|document\.cookie|history\.|location\.(hash|search|href)\s*=/, `${file}: storage`);
    assert.doesNotMatch(js, /console\./, `${file}: console`);
    // The one fetch: js/workers.js's, of the engine's own parts (the URLs it names next to it, nothing else).
    const network = file === 'js/workers.js' ? js.replace(/^  const response = await fetch\(url\);$/m, '') : js;
    assert.doesNotMatch(network, /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon/, `${file}: network`);
  }
  const parts = readFileSync(join(WWW, 'js/workers.js'), 'utf8').match(/const PART_URLS = \{\n([^}]*)\};/);
  assert.ok(parts, 'js/workers.js names the parts it fetches');
  for (const line of parts[1].trim().split('\n')) assert.match(line, /^\s*\w+: new URL\('\.\.\/pkg\/\w+\.wasm', import\.meta\.url\),$/);
});

test('page: served from a sub-path, tabs by keyboard, a key made there', async (t) => {
  const root = tempDir(t);
  symlinkSync(WWW, join(root, 'keyfit'));
  const session = await start({ root, path: '/keyfit/' });
  t.after(() => session.close());
  const { page } = session;
  assert.equal(new URL(page.url()).pathname, '/keyfit/');

  const tab = (name) => page.getByRole('tab', { name });
  await tab('Generate a key').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tab('Check a key').getAttribute('aria-selected'), 'true');
  assert.ok(await page.locator('#check').isVisible());
  assert.ok(await page.locator('#generate').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-check');
  await page.keyboard.press('End');
  assert.ok(await page.locator('#connect').isVisible());
  await page.keyboard.press('ArrowRight');
  assert.ok(await page.locator('#generate').isVisible(), 'arrows wrap around');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'gen-bits', 'Tab moves into the panel');

  await page.getByLabel('Key size').selectOption('2048');
  await page.keyboard.press('Tab'); // the rest by keyboard: Enter in a field submits the form
  await page.locator('#gen-comment').press('Enter');
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 60_000 });
  assert.match(await page.locator('#gen-status').textContent(), /^Done: a 2048-bit key pair/);

  const urls = assertOnlyOwnFiles(session);
  assert.ok(urls.every((u) => new URL(u).pathname.startsWith('/keyfit/')), urls.join('\n'));
  await assertNothingLeaked(session);
});

/** How many times the page fetched engine part `part` (a file of pkg/), from the requests it made. */
const fetchCount = (requests) => (part) => requests.filter((u) => new URL(u).pathname === `/pkg/${part}`).length;

test('engine parts: fetched once by the page for all its workers, the Host URL part only for the Connect tab, the key engine only when needed', async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page, requests } = session;
  const fetched = fetchCount(requests);
  const key = readFileSync(join(ROOT, 'tests/corpus/keys/rsa2048-pkcs1.pem'), 'utf8');

  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(key);
  await page.waitForFunction(() => document.querySelector('#check-verdict')?.dataset.tone === 'ok');
  assert.equal(fetched('keyfit_url_bg.wasm'), 0, 'no Host URL part for a key check');
  // A key Jira takes as it is: past the loading at idle (1 s after start), still no key engine, only its check part.
  await page.waitForTimeout(3000);
  assert.equal(fetched('keyfit_bg.wasm'), 0, 'no key engine for checking a key Jira takes');
  assert.equal(fetched('keyfit_read_bg.wasm'), 1, 'the check part');
  await openTab(page, 'Convert');
  await page.locator('#convert-input').fill(key);
  await page.waitForFunction(() => document.querySelector('#convert-summary')?.textContent.includes('2048 bits'));
  await openTab(page, 'Connect to Jira');
  await page.locator('#connect-url').fill('git@github.com:example/repo.git');
  await page.waitForFunction(() => Boolean(document.querySelector('#connect-url-verdict')?.dataset.tone));
  await page.locator('#connect-key-input').fill(key);
  await page.waitForFunction(() => document.querySelector('#connect-key-verdict')?.dataset.tone === 'ok');

  assert.ok(page.workers().length >= 4, `workers: ${page.workers().length}`);
  assert.equal(fetched('keyfit_bg.wasm'), 1, 'the key engine, once');
  assert.equal(fetched('keyfit_read_bg.wasm'), 1, 'the check part, once');
  assert.equal(fetched('keyfit_url_bg.wasm'), 1, 'the Host URL part, once');
  assert.equal(fetched('keyfit_kdf_bg.wasm'), 0, 'no KDF part where no key was encrypted');
});

test('engine parts: a key Jira does not take brings the key engine while its report is read, before Make it Jira-ready', async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page, requests } = session;
  const fetched = fetchCount(requests);
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(readFileSync(join(ROOT, 'tests/corpus/keys/rsa2048-openssh.key'), 'utf8'));
  await page.locator('#check-verdict[data-tone="bad"]').waitFor();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/pkg/keyfit_bg.wasm')));
  assert.equal(fetched('keyfit_bg.wasm'), 1, 'the key engine, ahead of the conversion');
});

test('engine parts: where the page has the key engine already (Convert opened first), a check runs on it, with no check part fetched', async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page, requests } = session;
  const fetched = fetchCount(requests);
  await openTab(page, 'Convert');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/pkg/keyfit_bg.wasm')));
  await page.waitForTimeout(500); // compiled
  const key = readFileSync(join(ROOT, 'tests/corpus/keys/rsa2048-pkcs1.pem'), 'utf8');
  await page.locator('#convert-input').fill(key);
  await page.waitForFunction(() => document.querySelector('#convert-summary')?.textContent.includes('2048 bits'));
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(key);
  await page.waitForFunction(() => document.querySelector('#check-verdict')?.dataset.tone === 'ok');
  await page.waitForTimeout(2500); // past the check part's loading at idle, which finds the key engine there
  assert.equal(fetched('keyfit_bg.wasm'), 1, 'the key engine, once');
  assert.equal(fetched('keyfit_read_bg.wasm'), 0, 'no check part');
});

/** The page opened with its module held back, as on a slow link: the page shows, and is used, before it has run;
 * `release()` lets the module load. */
async function heldStart(t) {
  const server = await serve(WWW, 0);
  const browser = await launchChromium();
  t.after(async () => { await browser.close(); await stopServer(server); });
  const context = await browser.newContext();
  let release;
  const held = new Promise((ok) => { release = ok; });
  await context.route('**/app.js', async (route) => { await held; await route.continue(); });
  const page = await context.newPage();
  const url = `http://127.0.0.1:${server.address().port}/`;
  await page.goto(url, { waitUntil: 'commit' });
  return { page, release, url };
}

test('slow start: a tab clicked and a Host URL typed before keyfit started are taken up when it starts', async (t) => {
  const { page, release } = await heldStart(t);
  await page.locator('#tab-connect').click();
  assert.notEqual(await page.evaluate(() => document.documentElement.dataset.keyfit), 'started');
  await page.evaluate(() => {
    const input = document.querySelector('#connect-url');
    input.value = 'git@github.com:example/repo.git';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  release();
  await page.waitForFunction(() => document.documentElement.dataset.keyfit === 'started');
  assert.equal(await page.locator('#tab-connect').getAttribute('aria-selected'), 'true', 'the tab clicked opened');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-connect');
  await page.waitForFunction(() => document.querySelector('#connect-url-verdict')?.dataset.tone === 'ok');
  assert.match(await page.locator('#connect-url-verdict').textContent(), /github/i);
});

test('slow start: Generate clicked before keyfit started reloads nothing, and makes the key once it starts', async (t) => {
  const { page, release, url } = await heldStart(t);
  let navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++; });
  await page.locator('#gen-bits').selectOption('2048');
  await page.locator('#gen-go').click({ noWaitAfter: true });
  await page.waitForTimeout(300);
  assert.equal(navigations, 0, 'the form was not sent as a page load');
  release();
  await page.waitForFunction(() => document.querySelector('#gen-private')?.value.includes('BEGIN RSA PRIVATE KEY'), null, { timeout: 60_000 });
  assert.equal(page.url(), url);
  assert.equal(navigations, 0);
});

test('a locked key whose KDF only the KDF part derives: that part loads while the passphrase is typed', async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page, requests } = session;
  const fetched = (part) => fetchCount(requests)(part) > 0;
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(readFileSync(join(ROOT, 'tests/corpus/keys/rsa2048-pkcs8-pbkdf2-sha256-aes-256-cbc.pem'), 'utf8'));
  await page.locator('#check-pass').waitFor();
  await page.waitForTimeout(500);
  assert.equal(fetched('keyfit_kdf_bg.wasm'), false, 'PBKDF2-SHA256 is the browser\'s: no KDF part');
  await page.locator('#check-input').fill(readFileSync(join(ROOT, 'tests/corpus/keys/rsa2048-openssh-aes256-ctr.key'), 'utf8'));
  await page.locator('#check-problems li[data-code="passphrase-required"]').waitFor();
  for (let i = 0; i < 50 && !fetched('keyfit_kdf_bg.wasm'); i++) await page.waitForTimeout(100);
  assert.ok(fetched('keyfit_kdf_bg.wasm'), 'the KDF part (bcrypt-pbkdf) is fetched before any passphrase is given');
  assert.equal(await page.locator('#check-pass').inputValue(), '');
  await page.locator('#check-pass').fill(readFileSync(join(ROOT, 'tests/corpus/PASSPHRASE'), 'utf8').trim());
  await page.getByRole('button', { name: 'Unlock and check' }).click();
  await page.waitForFunction(() => document.querySelector('#check-facts')?.textContent.includes('SHA256:')
    && !document.querySelector('#check-problems li[data-code="passphrase-required"]'));
  assert.equal(requests.filter((u) => new URL(u).pathname === '/pkg/keyfit_kdf_bg.wasm').length, 1, 'fetched once');
});
