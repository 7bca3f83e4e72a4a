// The core of the browser suite, run in one engine (firefox.test.mjs, webkit.test.mjs) with its default settings:
// every tab of the hosted page (dist/site/) served over http (generate with WebCrypto and with keyfit's engine,
// check + passphrase + Make it Jira-ready, the file picker, convert to .ppk, connect), the single file opened from
// disk, the widget on a docs page and embed.html in an iframe. Downloads are read from the browser's download
// folder; keys are checked by openssl, ssh-keygen and puttygen. Chromium runs the full suite (tests/e2e/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, tempDir, writeKey } from '../e2e/harness.mjs';
import { CORPUS, DIST, SITE, assertPublicOnly, missingDist, startDocsServer } from '../e2e/dist-helpers.mjs';
import { serve, stopServer } from '../../tools/serve.mjs';
import { missing, open } from './drivers.mjs';
import {
  attribute, clickInside, exists, fill, problemCodes, select, shows, submit, text, textMatches, value,
} from './page.mjs';

const corpus = (name) => readFileSync(join(CORPUS, name), 'utf8');
const PASSPHRASE = 'correct horse'; // tests/corpus/PASSPHRASE
const KEY_TIMEOUT = 120_000; // a 2048-bit key from keyfit's engine: seconds, but the machine may be busy

/** The first two fields of an OpenSSH public key line (type and base64). */
const publicPart = (line) => line.trim().split(/\s+/).slice(0, 2).join(' ');

/** Asserts openssl and ssh-keygen accept a PKCS#1 private key and that it belongs to `publicKey`. */
function assertToolsAccept(dir, name, privateKey, publicKey, passphrase = '') {
  const file = writeKey(join(dir, name), privateKey);
  assert.match(run('openssl', ['rsa', '-check', '-noout', '-passin', `pass:${passphrase}`, '-in', file]).out, /RSA key ok/);
  const derived = run('ssh-keygen', ['-y', '-P', passphrase, '-f', file]);
  assert.equal(derived.code, 0, derived.out);
  assert.equal(publicPart(derived.out), publicPart(publicKey));
}

/** Generates a 2048-bit key pair with `engine` ('auto' or 'rust'); returns the keys and the line under them. */
async function generate(s, engine, passphrase = '') {
  await s.click('#tab-generate');
  await select(s, '#gen-bits', '2048');
  await select(s, '#gen-engine', engine);
  await fill(s, '#gen-pass', passphrase);
  await fill(s, '#gen-pass2', passphrase);
  const before = await value(s, '#gen-private');
  await s.click('#gen-go');
  const outcome = await s.waitFor((old) => {
    const failed = document.querySelector('#gen-status[data-tone="bad"]');
    if (failed) return { failed: failed.textContent };
    return !document.querySelector('#gen-result').hidden && document.querySelector('#gen-private').value !== old;
  }, [before], { timeout: KEY_TIMEOUT, what: 'the key pair' });
  if (outcome.failed) throw new Error(`generation failed: ${outcome.failed}`);
  return { privateKey: await value(s, '#gen-private'), publicKey: await value(s, '#gen-public'), meta: await text(s, '#gen-meta') };
}

/** Checks `key` on the Check tab (unlocking it with `passphrase` if given); returns the verdict's tone and codes. */
async function check(s, key, passphrase) {
  await s.click('#tab-check');
  await fill(s, '#check-input', '');
  await s.waitFor(() => document.querySelector('#check-report').hidden, [], { what: 'the old report to go' });
  await fill(s, '#check-input', key);
  if (passphrase !== undefined) {
    await shows(s, '#check-pass-row');
    await fill(s, '#check-pass', passphrase);
    await submit(s, '#check-pass');
    await s.waitFor(() => !document.querySelector('#check-problems li[data-code="passphrase-required"]'), [],
      { what: 'the key to be unlocked' });
  }
  const outcome = await s.waitFor(() => {
    const failed = document.querySelector('#check-status[data-tone="bad"]');
    return failed ? { failed: failed.textContent } : document.querySelector('#check-verdict').textContent !== '';
  }, [], { what: 'the verdict' });
  if (outcome.failed) throw new Error(`check failed: ${outcome.failed}`);
  return { tone: await attribute(s, '#check-verdict', 'data-tone'), codes: await problemCodes(s, '#check-problems') };
}

/** Converts `key` on the Convert tab to `to` (no new passphrase); returns the download. */
async function convert(s, key, to) {
  await s.click('#tab-convert');
  await fill(s, '#convert-input', key);
  await select(s, '#convert-converter .to', to);
  await s.click('#convert-converter .go');
  await shows(s, '#convert-converter .out');
  return s.download(() => s.click('#convert-converter .download'));
}

/** Opens `url` and waits for keyfit to have started (app.js marks <html data-keyfit="started">). */
async function openPage(s, url) {
  await s.goto(url);
  await exists(s, 'html[data-keyfit="started"]');
}

/** The checks every engine runs; `engine` is 'firefox' or 'webkit'. */
export function engineSuite(engine) {
  const skip = missing(engine) || missingDist;
  const name = engine === 'firefox' ? 'Firefox ESR' : 'WebKit';

  test(`${name}: the hosted page (dist/site), every tab`, { skip, timeout: 600_000 }, async (t) => {
    const dir = tempDir(t);
    // Served as tools/serve.mjs serves it: with keyfit's own policy as a header on every file.
    const server = await serve(SITE, 0);
    t.after(() => stopServer(server));
    const s = await open(t, engine);
    t.diagnostic(`${s.version}`);
    await openPage(s, `http://127.0.0.1:${server.address().port}/`);

    await t.test('generate with WebCrypto (Auto) and a passphrase; the download is the key', async () => {
      const key = await generate(s, 'auto', 'engine pass');
      assert.match(key.meta, /WebCrypto/);
      assert.match(key.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n/);
      assertToolsAccept(dir, 'webcrypto', key.privateKey, key.publicKey, 'engine pass');
      const file = await s.download(() => s.click('#gen-dl-private'));
      assert.equal(file.name, 'id_rsa.pem');
      assert.equal(file.text, key.privateKey);
    });

    await t.test("generate with keyfit's engine (prime workers)", async () => {
      const key = await generate(s, 'rust');
      assert.doesNotMatch(key.meta, /WebCrypto/);
      assertToolsAccept(dir, 'rust', key.privateKey, key.publicKey);
    });

    await t.test('check an encrypted OpenSSH key, unlock it, make it Jira-ready, download it', async () => {
      const key = corpus('rsa2048-openssh-aes256-ctr.key');
      const r = await check(s, key, PASSPHRASE);
      assert.equal(r.tone, 'bad');
      assert.ok(r.codes.includes('openssh-format'), r.codes.join());
      await s.click('#check-converter .make-ready');
      await textMatches(s, '#check-converter .status', /Checked again: Jira will accept this key\./);
      const file = await s.download(() => s.click('#check-converter .download'));
      assert.equal(file.name, 'id_rsa.pem');
      assert.match(file.text, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n/);
      const original = run('ssh-keygen', ['-y', '-P', PASSPHRASE, '-f', writeKey(join(dir, 'openssh-enc'), key)]).out;
      assertToolsAccept(dir, 'ready', file.text, original, PASSPHRASE);
    });

    await t.test('a key file chosen with the file picker is checked', async () => {
      await s.click('#tab-check');
      await s.upload('#check-file', join(CORPUS, 'rsa2048-pkcs8.pem'));
      await textMatches(s, '#check-file-note', /rsa2048-pkcs8\.pem/);
      await exists(s, '#check-problems li[data-code="pkcs8-format"]');
      assert.equal(await attribute(s, '#check-verdict', 'data-tone'), 'bad');
    });

    await t.test('convert an OpenSSH key to PuTTY .ppk and download it: puttygen reads it', async () => {
      const key = corpus('rsa2048-openssh.key');
      const file = await convert(s, key, 'ppk3');
      assert.equal(file.name, 'id_rsa.ppk');
      assert.match(file.text, /^PuTTY-User-Key-File-3: ssh-rsa\r?\nEncryption: none/);
      const fromPutty = run('timeout', ['20', 'puttygen', file.path, '-O', 'public-openssh']);
      assert.equal(fromPutty.code, 0, fromPutty.out);
      const expected = run('ssh-keygen', ['-y', '-f', writeKey(join(dir, 'openssh'), key)]).out;
      assert.equal(publicPart(fromPutty.out), publicPart(expected));
    });

    await t.test('connect: the clone URL checked, the key ready, its fingerprint compared', async () => {
      await s.click('#tab-connect');
      await fill(s, '#connect-url', 'https://github.com/acme/app');
      await s.click('#connect-url-use');
      await exists(s, '#connect-url-verdict[data-tone="ok"]');
      assert.equal(await value(s, '#connect-url'), 'git@github.com:acme/app.git');
      await fill(s, '#connect-key-input', corpus('rsa2048-pkcs1.pem'));
      await textMatches(s, '#connect-summary', /✓ Ready/);
      await fill(s, '#connect-compare', run('ssh-keygen', ['-l', '-f', join(CORPUS, 'rsa2048-openssh.pub')]).out);
      await textMatches(s, '#connect-compare-result', /Same key/);
    });

    if (s.errors) await t.test('no error reached the page', () => assert.deepEqual(s.errors, []));
  });

  test(`${name}: dist/keyfit.html from disk`, { skip, timeout: 600_000 }, async (t) => {
    const dir = tempDir(t);
    const s = await open(t, engine);
    await openPage(s, pathToFileURL(join(DIST, 'keyfit.html')).href);

    await t.test("generate with keyfit's engine: ssh-keygen and openssl accept the key and its download", async () => {
      const key = await generate(s, 'rust');
      assertToolsAccept(dir, 'rust', key.privateKey, key.publicKey);
      const file = await s.download(() => s.click('#gen-dl-public'));
      assert.equal(file.text, key.publicKey);
    });

    await t.test('check a PKCS#8 key and an encrypted PKCS#1 key', async () => {
      const pkcs8 = await check(s, corpus('rsa2048-pkcs8.pem'));
      assert.equal(pkcs8.tone, 'bad');
      assert.ok(pkcs8.codes.includes('pkcs8-format'), pkcs8.codes.join());
      const locked = await check(s, corpus('rsa2048-pkcs1-aes-128-cbc.pem'), PASSPHRASE);
      assert.equal(locked.tone, 'ok');
    });

    await t.test('convert an OpenSSH key to PKCS#1 and download it', async () => {
      const key = corpus('rsa2048-openssh.key');
      const file = await convert(s, key, 'pkcs1');
      assert.match(file.text, /^-----BEGIN RSA PRIVATE KEY-----\n/);
      const expected = run('ssh-keygen', ['-y', '-f', writeKey(join(dir, 'openssh'), key)]).out;
      assertToolsAccept(dir, 'converted', file.text, expected);
    });

    await t.test('the work ran in background workers', async () => {
      const way = await attribute(s, 'html', 'data-keyfit-workers');
      t.diagnostic(`${s.version}: the single file's workers started from ${way}: URLs`);
      assert.ok(way === 'blob' || way === 'data', `workers: ${way}`);
      assert.equal(await s.run(() => document.querySelector('#keyfit-on-page')), null);
    });

    if (s.errors) await t.test('no error reached the page', () => assert.deepEqual(s.errors, []));
  });

  test(`${name}: the widget on a docs page, and embed.html in an iframe`, { skip, timeout: 600_000 }, async (t) => {
    const docs = await startDocsServer();
    t.after(() => docs.close());
    const s = await open(t, engine);
    await s.goto(`${docs.origin}/docs/`);
    const events = (type) => s.run((kind) => window.keyfitEvents.filter((e) => e.type === kind), type);

    await t.test('check mode: a Jira-ready key raises keyfit-report with nothing private', async () => {
      const key = corpus('rsa2048-pkcs1.pem');
      await exists(s, ['#w-check', '#check-input']);
      await fill(s, ['#w-check', '#check-input'], key);
      await s.waitFor(() => window.keyfitEvents.some((e) => e.type === 'keyfit-report'), [], { what: 'keyfit-report' });
      const [event] = await events('keyfit-report');
      assert.equal(event.detail.verdict, 'jira-ready');
      assertPublicOnly(assert, event.detail, { privateText: key });
    });

    await t.test('generate mode: keyfit-generated carries the public half only', async () => {
      await exists(s, ['#w-generate', '#gen-go']);
      await select(s, ['#w-generate', '#gen-bits'], '2048');
      await clickInside(s, ['#w-generate', '#gen-go']);
      await s.waitFor(() => window.keyfitEvents.some((e) => e.type === 'keyfit-generated'), [],
        { timeout: KEY_TIMEOUT, what: 'keyfit-generated' });
      const [event] = await events('keyfit-generated');
      assert.match(event.detail.publicKey, /^ssh-rsa /);
      const privateKey = await value(s, ['#w-generate', '#gen-private']);
      assertPublicOnly(assert, event.detail, { privateText: privateKey });
    });

    await t.test('embed.html in an iframe checks a key', async () => {
      await s.goto(`${docs.origin}/docs/framed.html`);
      const inFrame = (...selectors) => ['#keyfit-frame', 'keyfit-widget[mode="check"]', ...selectors];
      await exists(s, inFrame('#check-input'));
      await fill(s, inFrame('#check-input'), corpus('rsa2048-ppk3.ppk'));
      await exists(s, inFrame('#check-problems li[data-code="ppk-format"]'));
      assert.equal(await attribute(s, inFrame('#check-verdict'), 'data-tone'), 'bad');
    });

    // The docs page names no icon, so the browser asks for /favicon.ico, which the docs site's policy refuses.
    if (s.errors) await t.test('no error reached the page', () => assert.deepEqual(s.errors.filter((e) => !/favicon\.ico/.test(e)), []));
  });
}

