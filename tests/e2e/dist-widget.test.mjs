// The widget on a sample docs page (tests/dist-docs) served from another path than keyfit (dist/site at
// /static/keyfit/) under a strict CSP header: each mode works, a check raises `keyfit-report` with the right verdict
// and no private material, generation raises `keyfit-generated` with the public half only, a wrong mode says so,
// the host's theme reaches the widget, and embed.html works inside an iframe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadFrom, run, tempDir, writeKey } from './harness.mjs';
import { CORPUS, assertPublicOnly, browse, missingDist, serveDocs } from './dist-helpers.mjs';

const corpus = (name) => readFileSync(join(CORPUS, name), 'utf8');
const PASSPHRASE = 'correct horse'; // tests/corpus/PASSPHRASE

/** The events the docs page's own script (docs.js) saw, from index `from` on. */
const eventsSince = (page, from) => page.evaluate((n) => window.keyfitEvents.slice(n), from);

test('the widget on a docs page with a strict CSP: every mode, events without private material', { skip: missingDist }, async (t) => {
  const dir = tempDir(t);
  const { origin } = await serveDocs(t);
  const { page, requests, consoleMessages } = await browse(t);
  await page.goto(`${origin}/docs/`);
  const widget = (id) => page.locator(`#${id}`);
  await widget('w-check').locator('#check-input').waitFor();

  await t.test('a Jira-ready key raises keyfit-report with its facts and nothing private', async () => {
    const w = widget('w-check');
    const key = corpus('rsa2048-pkcs1.pem');
    await w.locator('#check-input').fill(key);
    await page.waitForFunction(() => window.keyfitEvents.some((e) => e.type === 'keyfit-report'));
    const [event] = await eventsSince(page, 0);
    assert.equal(event.from, 'w-check');
    assert.equal(event.bubbles, true);
    assert.equal(event.composed, true);
    assert.equal(event.detail.verdict, 'jira-ready');
    assert.equal(event.detail.jiraReady, true);
    assert.equal(event.detail.format, 'pkcs1');
    assert.equal(event.detail.algorithm, 'rsa');
    assert.equal(event.detail.bits, 2048);
    const pub = run('ssh-keygen', ['-y', '-f', writeKey(join(dir, 'k'), key)]).out.trim();
    assert.equal(event.detail.publicKey.split(' ').slice(0, 2).join(' '), pub.split(' ').slice(0, 2).join(' '));
    assert.equal(event.detail.fingerprintSha256, run('ssh-keygen', ['-l', '-f', join(dir, 'k')]).out.split(' ')[1]);
    assert.deepEqual(Object.keys(event.detail).sort(), ['algorithm', 'bits', 'comment', 'encrypted', 'fingerprintMd5',
      'fingerprintSha256', 'format', 'jiraReady', 'kind', 'problems', 'publicKey', 'verdict']);
    assertPublicOnly(assert, event.detail, { privateText: key });
    assert.equal(await w.locator('#check-verdict').getAttribute('data-tone'), 'ok');
  });

  await t.test('an encrypted key: needs-passphrase, then jira-ready, never the passphrase', async () => {
    const w = widget('w-check');
    const key = corpus('rsa2048-pkcs1-aes-128-cbc.pem');
    const from = (await eventsSince(page, 0)).length;
    await w.locator('#check-input').fill(key);
    await w.locator('#check-pass-row').waitFor({ state: 'visible' });
    await page.waitForFunction((n) => window.keyfitEvents.length > n, from);
    await w.locator('#check-pass').fill(PASSPHRASE);
    await w.locator('#check-pass').press('Enter');
    await page.waitForFunction((n) => window.keyfitEvents.slice(n).some((e) => e.detail.verdict === 'jira-ready'), from);
    const events = await eventsSince(page, from);
    assert.equal(events[0].detail.verdict, 'needs-passphrase');
    assert.ok(events[0].detail.problems.includes('passphrase-required'));
    assert.equal(events.at(-1).detail.encrypted, true);
    for (const e of events) assertPublicOnly(assert, e.detail, { privateText: key, passphrase: PASSPHRASE });
  });

  await t.test('a mangled OpenSSH paste: not-jira-ready with its codes; the repaired text stays in the widget', async () => {
    const w = widget('w-check');
    const from = (await eventsSince(page, 0)).length;
    const mangled = corpus('rsa2048-openssh.key').trim().split('\n').join(' '); // pasted on one line
    await w.locator('#check-input').fill(mangled);
    await page.waitForFunction((n) => window.keyfitEvents.length > n, from);
    const [event] = await eventsSince(page, from);
    assert.equal(event.detail.verdict, 'not-jira-ready');
    assert.ok(event.detail.problems.includes('openssh-format'), event.detail.problems.join());
    assertPublicOnly(assert, event.detail);
  });

  await t.test('generate mode: keyfit-generated carries the public half; the private key stays in the widget', async () => {
    const w = widget('w-generate');
    await w.locator('#gen-bits').selectOption('2048');
    await w.locator('#gen-pass').fill('gen pass');
    await w.locator('#gen-pass2').fill('gen pass');
    const from = (await eventsSince(page, 0)).length;
    await w.locator('#gen-go').click();
    await page.waitForFunction((n) => window.keyfitEvents.slice(n).some((e) => e.type === 'keyfit-generated'), from, { timeout: 90_000 });
    const event = (await eventsSince(page, from)).find((e) => e.type === 'keyfit-generated');
    assert.equal(event.from, 'w-generate');
    assert.deepEqual(Object.keys(event.detail).sort(), ['bits', 'engine', 'fingerprintMd5', 'fingerprintSha256', 'publicKey']);
    const privateKey = await w.locator('#gen-private').inputValue();
    assert.match(privateKey, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED/);
    assert.equal(event.detail.publicKey, await w.locator('#gen-public').inputValue());
    assertPublicOnly(assert, event.detail, { privateText: privateKey, passphrase: 'gen pass' });
    const file = writeKey(join(dir, 'gen'), privateKey);
    assert.match(run('openssl', ['rsa', '-check', '-noout', '-passin', 'pass:gen pass', '-in', file]).out, /RSA key ok/);
    const download = await downloadFrom(page, w.locator('#gen-dl-private'), dir);
    assert.equal(download.text, privateKey);
  });

  await t.test('convert mode: an OpenSSH key written as PKCS#1 that openssl reads', async () => {
    const w = widget('w-convert');
    await w.locator('#convert-input').fill(corpus('rsa2048-openssh-aes256-ctr.key'));
    await w.locator('#convert-pass').fill(PASSPHRASE);
    const conv = w.locator('#convert-converter');
    await conv.locator('.to').selectOption('pkcs1');
    await conv.locator('.go').click();
    await conv.locator('.out').waitFor({ state: 'visible' });
    const text = await conv.locator('.out-text').inputValue();
    const file = writeKey(join(dir, 'conv'), text);
    const passin = /ENCRYPTED/.test(text) ? ['-passin', `pass:${PASSPHRASE}`] : [];
    assert.match(run('openssl', ['rsa', '-check', '-noout', ...passin, '-in', file]).out, /RSA key ok/);
  });

  await t.test('connect mode: the URL fixed, a Jira-ready key, the summary ready, links that tell the host nothing', async () => {
    const w = widget('w-connect');
    await w.locator('#connect-url').fill('https://gitlab.com/acme/app');
    await w.locator('#connect-url-problems li[data-code="https-url"]').waitFor();
    await w.locator('#connect-url-use').click();
    await w.locator('#connect-url-verdict[data-tone="ok"]').waitFor();
    const from = (await eventsSince(page, 0)).length;
    await w.locator('#connect-key-input').fill(corpus('rsa2048-pkcs1.pem'));
    await w.locator('#connect-summary').filter({ hasText: '✓ Ready' }).waitFor();
    const [event] = await eventsSince(page, from);
    assert.equal(event.from, 'w-connect');
    assert.equal(event.detail.verdict, 'jira-ready');
    assertPublicOnly(assert, event.detail, { privateText: corpus('rsa2048-pkcs1.pem') });
    assert.equal(await w.locator('#connect-sum-url').textContent(), 'git@gitlab.com:acme/app.git');
    assert.equal(await w.locator('#connect-sum-key').inputValue(), corpus('rsa2048-pkcs1.pem'));
    const rels = await w.locator('#connect-guide a').evaluateAll((as) => as.map((a) => a.rel));
    assert.ok(rels.length > 0 && rels.every((rel) => rel === 'noreferrer noopener'), rels.join());
  });

  await t.test('an unknown mode says so in the widget', async () => {
    const note = widget('w-typo').locator('[role="alert"]');
    assert.match(await note.textContent(), /no mode “chekc”.*"check", "generate", "convert" or "connect"/);
  });

  await t.test('the host theme reaches the widget through a custom property and a part', async () => {
    const w = widget('w-check');
    const primary = w.locator('#check-form button.primary');
    assert.equal(await primary.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(130, 80, 223)');
    assert.equal(await w.locator('[part~="panel"]').evaluate((p) => getComputedStyle(p).borderTopWidth), '2px');
  });

  await t.test('every request stayed on the docs origin, within the docs and keyfit folders; no CSP violation', async () => {
    for (const url of requests) {
      const u = new URL(url);
      assert.equal(u.origin, origin, url);
      assert.match(u.pathname, /^\/(docs|static\/keyfit)\//, url);
    }
    assert.ok(requests.some((url) => url.endsWith('/static/keyfit/pkg/keyfit_bg.wasm')), 'the wasm came from keyfit\'s folder');
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(consoleMessages, []);
  });
});

test('embed.html works inside an iframe of a docs page', { skip: missingDist }, async (t) => {
  const { origin } = await serveDocs(t);
  const { page, consoleMessages } = await browse(t);
  await page.goto(`${origin}/docs/framed.html`);
  const frame = page.frameLocator('#keyfit-frame');
  await frame.locator('keyfit-widget[mode="check"] #check-input').fill(corpus('rsa2048-ppk3.ppk'));
  await frame.locator('#check-problems li[data-code="ppk-format"]').waitFor();
  assert.equal(await frame.locator('#check-verdict').getAttribute('data-tone'), 'bad');
  assert.deepEqual(consoleMessages, []);
});

test('a widget whose files cannot be loaded says so instead of staying empty', { skip: missingDist }, async (t) => {
  const { origin } = await serveDocs(t);
  const { page, context } = await browse(t);
  await context.route('**/static/keyfit/pkg/widget-parts.js', (route) => route.abort());
  await page.goto(`${origin}/docs/`);
  const note = page.locator('#w-check').locator('[role="alert"]');
  await note.waitFor();
  assert.match(await note.textContent(), /could not load its files/);
});

test('the engine a docs page fetches for a check: the check part where only checks are offered, else the key engine alone', { skip: missingDist }, async (t) => {
  const { origin } = await serveDocs(t);
  const fetched = (requests, part) => requests.filter((url) => new URL(url).pathname === `/static/keyfit/pkg/${part}`).length;
  for (const [path, id, expected] of [
    // Only check widgets: the check part, and nothing of the key engine for a key Jira takes.
    ['/docs/themes.html', 'w-auto', { read: 1, keys: 0 }],
    // A page that also generates and converts: the key engine, loaded once for all its widgets, and no check part.
    ['/docs/', 'w-check', { read: 0, keys: 1 }],
  ]) {
    const { page, context, requests } = await browse(t);
    // The widgets that make keys shown last, so that the check widget renders first and loads its engine itself.
    await context.route(/\/js\/(generate|convert)-ui\.js$/, async (route) => {
      await new Promise((ok) => setTimeout(ok, 1500));
      await route.continue();
    });
    await page.goto(`${origin}${path}`);
    // At once, before the page is idle (when the widgets load their engine ahead of need).
    const w = page.locator(`#${id}`);
    await w.locator('#check-input').fill(corpus('rsa2048-pkcs1.pem'));
    await w.locator('#check-verdict[data-tone="ok"]').waitFor();
    await page.waitForTimeout(2500); // past the loading at idle
    assert.deepEqual({ read: fetched(requests, 'keyfit_read_bg.wasm'), keys: fetched(requests, 'keyfit_bg.wasm') }, expected, path);
  }
});
