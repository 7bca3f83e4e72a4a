// dist/keyfit.html opened from disk (file://) in Chromium, with every request that is not for a file aborted:
// generate with both engines (keys checked by ssh-keygen and openssl), check a key of each format family, convert,
// download; its policy refuses nothing it needs; where workers cannot start it works on the page and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WWW, downloadFrom, run, tempDir, writeKey } from './harness.mjs';
import { CORPUS, DIST, browse, missingDist } from './dist-helpers.mjs';

const SINGLE = pathToFileURL(join(DIST, 'keyfit.html')).href;

/** Opens `url` from disk with every request for anything but a file aborted; waits until keyfit started. */
async function openFromDisk(t, url, { before } = {}) {
  const session = await browse(t);
  const aborted = [];
  await session.context.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    aborted.push(route.request().url());
    return route.abort();
  });
  const started = []; // the URL of every worker started
  session.page.on('worker', (w) => started.push(w.url()));
  if (before) await before(session);
  await session.page.goto(url);
  return { ...session, aborted, workers: started };
}

/** Waits for the page's modules to have started (app.js marks <html data-keyfit="started">). */
const started = (page) => page.waitForSelector('html[data-keyfit="started"]', { state: 'attached' });

/** Generates a key pair with `engine` ('auto' or 'rust'); returns the two keys. */
async function generate(page, engine, passphrase = '') {
  await page.locator('#tab-generate').click();
  await page.locator('#gen-bits').selectOption('2048');
  await page.locator('#gen-engine').selectOption(engine);
  await page.locator('#gen-pass').fill(passphrase);
  await page.locator('#gen-pass2').fill(passphrase);
  await page.locator('#gen-go').click();
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 90_000 });
  return { privateKey: await page.locator('#gen-private').inputValue(), publicKey: await page.locator('#gen-public').inputValue() };
}

/** Checks `text` on the Check tab; waits for the report; returns the verdict's tone and the problem codes. */
async function check(page, text, passphrase) {
  await page.locator('#tab-check').click();
  const verdict = page.locator('#check-verdict');
  await page.locator('#check-input').fill('');
  await page.locator('#check-report').waitFor({ state: 'hidden' });
  await page.locator('#check-input').fill(text);
  if (passphrase !== undefined) {
    await page.locator('#check-pass-row').waitFor({ state: 'visible' });
    await page.locator('#check-pass').fill(passphrase);
    await page.locator('#check-pass').press('Enter');
    await page.locator('#check-problems li[data-code="passphrase-required"]').waitFor({ state: 'detached' });
  }
  await verdict.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelector('#check-verdict').textContent !== '');
  return {
    tone: await verdict.getAttribute('data-tone'),
    codes: await page.locator('#check-problems li').evaluateAll((items) => items.map((li) => li.dataset.code)),
    format: await page.locator('#check-facts dd').first().textContent(),
  };
}

/** Asserts openssl and ssh-keygen accept a PKCS#1 private key and that it matches `publicKey`. */
function assertToolsAccept(dir, name, privateKey, publicKey, passphrase = '') {
  const file = writeKey(join(dir, name), privateKey);
  assert.match(run('openssl', ['rsa', '-check', '-noout', '-passin', `pass:${passphrase}`, '-in', file]).out, /RSA key ok/);
  const derived = run('ssh-keygen', ['-y', '-P', passphrase, '-f', file]);
  assert.equal(derived.code, 0, derived.out);
  assert.equal(derived.out.trim().split(' ').slice(0, 2).join(' '), publicKey.trim().split(' ').slice(0, 2).join(' '));
}

test('dist/keyfit.html from disk: generates, checks, converts and downloads with no request', { skip: missingDist }, async (t) => {
  const dir = tempDir(t);
  const { page, requests, aborted, consoleMessages, workers } = await openFromDisk(t, SINGLE);
  await started(page);

  await t.test('it is the same page (the same element ids as www/index.html), and shows its version', async () => {
    const html = readFileSync(join(WWW, 'index.html'), 'utf8')
      .replace(/(<template\b[^>]*>)[\s\S]*?<\/template>/g, '$1'); // a template's content is not in the DOM
    const source = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    const shown = new Set(await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id)));
    assert.ok(source.length > 20);
    assert.deepEqual(source.filter((id) => !shown.has(id)), [], 'ids of www/index.html missing from the single file');
    assert.match(await page.locator('#keyfit-version').textContent(), /^\d+\.\d+\.\d+ \(git [0-9a-f]{12}/);
  });

  await t.test('generate with WebCrypto (Auto): ssh-keygen and openssl accept the key and its download', async () => {
    const key = await generate(page, 'auto', 'disk pass');
    assert.match(await page.locator('#gen-meta').textContent(), /WebCrypto/);
    assert.match(key.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n/);
    assertToolsAccept(dir, 'webcrypto', key.privateKey, key.publicKey, 'disk pass');
    const file = await downloadFrom(page, page.locator('#gen-dl-private'), dir);
    assert.equal(file.text, key.privateKey);
  });

  await t.test('generate with the Rust engine (prime workers): ssh-keygen and openssl accept the key', async () => {
    const key = await generate(page, 'rust');
    const meta = await page.locator('#gen-meta').textContent();
    assert.doesNotMatch(meta, /WebCrypto/);
    assert.match(meta, /keyfit/);
    // The generation worker of the first key, then at least two prime workers, all from blob: URLs.
    assert.ok(workers.length >= 3, `${workers.length} workers started`);
    assert.ok(workers.every((url) => url.startsWith('blob:')), workers.join());
    assert.match(key.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\nMII/);
    assertToolsAccept(dir, 'rust', key.privateKey, key.publicKey);
    const pub = await downloadFrom(page, page.locator('#gen-dl-public'), dir);
    assert.equal(pub.text, key.publicKey);
  });

  await t.test('check a key of each format family', async () => {
    const key = (name) => readFileSync(join(CORPUS, name), 'utf8');
    const cases = [
      ['rsa2048-pkcs1.pem', 'ok', []],
      ['rsa2048-pkcs8.pem', 'bad', ['pkcs8-format']],
      ['rsa2048-openssh.key', 'bad', ['openssh-format']],
      ['rsa2048-ppk3.ppk', 'bad', ['ppk-format']],
      ['rsa2048-sshcom.key', 'bad', ['sshcom-format']],
      ['rsa2048-openssh.pub', 'bad', ['public-key-not-private']],
      ['ed25519-openssh.key', 'bad', ['not-rsa']],
    ];
    for (const [name, tone, codes] of cases) {
      const r = await check(page, key(name));
      assert.equal(r.tone, tone, name);
      for (const code of codes) assert.ok(r.codes.includes(code), `${name}: ${code} in ${r.codes}`);
    }
    const locked = await check(page, key('rsa2048-pkcs1-aes-128-cbc.pem'), 'correct horse');
    assert.equal(locked.tone, 'ok', 'an encrypted PKCS#1 key, unlocked, is Jira-ready');
    // The KDFs come from the file's third part (bcrypt-pbkdf, Argon2, scrypt; PBKDF2-SHA-256 by WebCrypto).
    for (const [name, code] of [['rsa2048-openssh-aes256-ctr.key', 'openssh-format'], ['rsa2048-ppk3-argon2id.ppk', 'ppk-format'],
      ['rsa2048-pkcs8-scrypt-aes-256-cbc.pem', 'pkcs8-format']]) {
      const r = await check(page, key(name), 'correct horse');
      assert.ok(r.codes.includes(code) && !r.codes.includes('wrong-passphrase'), `${name}, unlocked: ${r.codes}`);
    }
  });

  await t.test('convert an OpenSSH key to PKCS#1 and download it', async () => {
    await page.locator('#tab-convert').click();
    await page.locator('#convert-input').fill(readFileSync(join(CORPUS, 'rsa2048-openssh.key'), 'utf8'));
    const conv = page.locator('#convert-converter');
    await conv.locator('.to').selectOption('pkcs1');
    await conv.locator('.go').click();
    await conv.locator('.out').waitFor({ state: 'visible' });
    const text = await conv.locator('.out-text').inputValue();
    assert.match(text, /^-----BEGIN RSA PRIVATE KEY-----\n/);
    const file = await downloadFrom(page, conv.locator('.download'), dir);
    assert.equal(file.text, text);
    const expected = run('ssh-keygen', ['-y', '-f', writeKey(join(dir, 'openssh'), readFileSync(join(CORPUS, 'rsa2048-openssh.key'), 'utf8'))]);
    assertToolsAccept(dir, 'converted', text, expected.out);
  });

  await t.test('connect: the clone URL checked, the key ready, its fingerprint compared', async () => {
    await page.locator('#tab-connect').click();
    await page.locator('#connect-url').fill('https://github.com/acme/app');
    await page.locator('#connect-url-use').click();
    await page.locator('#connect-url-verdict[data-tone="ok"]').waitFor();
    assert.equal(await page.locator('#connect-url').inputValue(), 'git@github.com:acme/app.git');
    await page.locator('#connect-key-input').fill(readFileSync(join(CORPUS, 'rsa2048-pkcs1.pem'), 'utf8'));
    await page.locator('#connect-summary').filter({ hasText: '✓ Ready' }).waitFor();
    await page.locator('#connect-compare').fill(run('ssh-keygen', ['-l', '-f', join(CORPUS, 'rsa2048-openssh.pub')]).out);
    await page.locator('#connect-compare-result').filter({ hasText: 'Same key' }).waitFor();
  });

  await t.test('nothing but the file itself was requested, and its policy refused nothing', async () => {
    assert.deepEqual(aborted, []);
    assert.equal(await page.locator('#keyfit-on-page').count(), 0, 'the work ran in workers, not on the page');
    assert.equal(await page.getAttribute('html', 'data-keyfit-workers'), 'blob');
    assert.ok(workers.length >= 4, 'the generation, prime and check workers ran (from blob: URLs)');
    assert.ok(workers.every((url) => url.startsWith('blob:')), workers.join());
    const other = requests.filter((url) => url !== SINGLE && !url.startsWith('blob:') && !url.startsWith('data:'));
    assert.deepEqual(other, [], 'requests other than the file itself');
    assert.deepEqual(consoleMessages, [], 'console messages (a refused script, style or worker shows here)');
  });
});

test('dist/keyfit.html where no worker can start: works on the page and says so', { skip: missingDist }, async (t) => {
  const { page, consoleMessages } = await openFromDisk(t, SINGLE, {
    // As a browser whose policy refuses this file's workers: every Worker construction throws.
    before: ({ context }) => context.addInitScript(() => {
      globalThis.Worker = class { constructor() { throw new DOMException('Workers are refused here.', 'SecurityError'); } };
    }),
  });
  await started(page);
  const r = await check(page, readFileSync(join(CORPUS, 'rsa2048-pkcs1.pem'), 'utf8'));
  assert.equal(r.tone, 'ok');
  const note = page.locator('#keyfit-on-page');
  assert.ok(await note.isVisible());
  assert.match(await note.textContent(), /would not start background workers/);
  assert.equal(await page.getAttribute('html', 'data-keyfit-workers'), 'page');
  await page.locator('#tab-generate').click();
  await page.locator('#gen-bits').selectOption('2048');
  await page.locator('#gen-engine').selectOption('rust');
  await page.locator('#gen-go').click();
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 120_000 });
  assert.match(await page.locator('#gen-private').inputValue(), /^-----BEGIN RSA PRIVATE KEY-----\n/);
  assert.deepEqual(consoleMessages, []);
});

test('dist/keyfit.html where blob: workers fail: data: workers do the work', { skip: missingDist }, async (t) => {
  const { page, consoleMessages } = await openFromDisk(t, SINGLE, {
    // As a browser that refuses a file:// page's blob: workers: the blob: URL is revoked first, so the worker's
    // script cannot load and its error arrives asynchronously.
    before: ({ context }) => context.addInitScript(() => {
      const RealWorker = globalThis.Worker;
      globalThis.Worker = class extends RealWorker {
        constructor(url, options) {
          if (String(url).startsWith('blob:')) URL.revokeObjectURL(url);
          super(url, options);
        }
      };
    }),
  });
  await started(page);
  const r = await check(page, readFileSync(join(CORPUS, 'rsa2048-openssh.key'), 'utf8'));
  assert.equal(r.tone, 'bad');
  assert.ok(r.codes.includes('openssh-format'));
  assert.equal(await page.locator('#keyfit-on-page').count(), 0);
  assert.ok(page.workers().length >= 1);
  assert.ok(page.workers().every((w) => w.url().startsWith('data:')), page.workers().map((w) => w.url().slice(0, 30)).join());
  // Chromium logs the failed blob: load; nothing else may appear.
  assert.deepEqual(consoleMessages.filter((m) => !/blob:/.test(m)), []);
});

/**
 * An init script that makes the engine fail to load inside workers started the ways in `ways` ('blob', 'data'),
 * as WebKit 2.50 did from disk when the engine was unpacked through a Blob: the worker starts, its engine does not.
 */
const engineFailsIn = (ways) => ({ context }) => context.addInitScript((failing) => {
  const BREAK = "self.DecompressionStream = class { constructor() { throw new TypeError('no engine here'); } };\n";
  if (failing.includes('blob')) {
    const RealBlob = globalThis.Blob;
    globalThis.Blob = class extends RealBlob {
      constructor(parts = [], options = {}) {
        super(options.type === 'text/javascript' ? [BREAK, ...parts] : parts, options);
      }
    };
  }
  if (failing.includes('data')) {
    const RealWorker = globalThis.Worker;
    globalThis.Worker = class extends RealWorker {
      constructor(url, options) {
        const s = String(url);
        super(s.startsWith('data:') ? s.replace(',', `,${encodeURIComponent(BREAK)}`) : url, options);
      }
    };
  }
}, ways);

test('dist/keyfit.html where the engine fails to load in blob: workers: data: workers do the work', { skip: missingDist }, async (t) => {
  const { page, consoleMessages } = await openFromDisk(t, SINGLE, { before: engineFailsIn(['blob']) });
  await started(page);
  const r = await check(page, readFileSync(join(CORPUS, 'rsa2048-pkcs1.pem'), 'utf8'));
  assert.equal(r.tone, 'ok');
  assert.equal(await page.getAttribute('html', 'data-keyfit-workers'), 'data');
  assert.equal(await page.locator('#keyfit-on-page').count(), 0);
  assert.deepEqual(consoleMessages, []);
});

test('dist/keyfit.html where the engine loads in no worker: works on the page and says so', { skip: missingDist }, async (t) => {
  const { page, consoleMessages } = await openFromDisk(t, SINGLE, { before: engineFailsIn(['blob', 'data']) });
  await started(page);
  const r = await check(page, readFileSync(join(CORPUS, 'rsa2048-openssh.key'), 'utf8'));
  assert.equal(r.tone, 'bad');
  assert.ok(r.codes.includes('openssh-format'));
  assert.equal(await page.getAttribute('html', 'data-keyfit-workers'), 'page');
  const note = page.locator('#keyfit-on-page');
  assert.ok(await note.isVisible());
  assert.match(await note.textContent(), /engine would not load in background workers.*runs on this page/);
  assert.deepEqual(consoleMessages, []);
});
