// Generate through the page, then check the keys with the real tools (openssl, ssh-keygen, puttygen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import {
  assertNothingLeaked, assertOnlyOwnFiles, downloadFrom, engineHas, run, start, tempDir, writeKey,
} from './harness.mjs';

/** Fills the Generate form and waits for the result; returns what the page shows. */
async function generate(page, { bits = '4096', engine = 'auto', passphrase = '', comment = '' } = {}) {
  await page.getByLabel('Key size').selectOption(bits);
  await page.getByLabel('Made by').selectOption(engine);
  await page.locator('#gen-comment').fill(comment);
  await page.locator('#gen-pass').fill(passphrase);
  await page.locator('#gen-pass2').fill(passphrase);
  await page.getByRole('button', { name: 'Generate key pair' }).click();
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 90_000 });
  return {
    privateKey: await page.locator('#gen-private').inputValue(),
    publicKey: await page.locator('#gen-public').inputValue(),
    sha256: await page.locator('#gen-fp-sha256').textContent(),
    md5: await page.locator('#gen-fp-md5').textContent(),
    meta: await page.locator('#gen-meta').textContent(),
  };
}

test('generate: keys made in the page pass openssl, ssh-keygen and the downloads', async (t) => {
  const dir = tempDir(t);
  const session = await start();
  t.after(() => session.close());
  const { page } = session;

  await t.test('4096 bits, default engine (WebCrypto), no passphrase', async () => {
    const key = await generate(page, { comment: 'jira@example.com' });
    assert.match(key.meta, /^4096-bit RSA, made by your browser’s own RSA code/);
    assert.match(key.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\n/);
    assert.doesNotMatch(key.privateKey, /ENCRYPTED/);
    const file = writeKey(join(dir, 'id_rsa'), key.privateKey);

    assert.match(run('openssl', ['rsa', '-check', '-noout', '-in', file]).out, /RSA key ok/);
    assert.match(run('openssl', ['rsa', '-text', '-noout', '-in', file]).out, /Private-Key: \(4096 bit, 2 primes\)/);
    const derived = run('ssh-keygen', ['-y', '-f', file]);
    assert.equal(derived.code, 0, derived.out);
    const [type, blob, comment] = key.publicKey.trim().split(' ');
    assert.equal(derived.out.trim().split(' ').slice(0, 2).join(' '), `${type} ${blob}`);
    assert.equal(comment, 'jira@example.com');
    const listed = run('ssh-keygen', ['-l', '-f', file]).out.trim().split(' ');
    assert.equal(listed[0], '4096');
    assert.equal(key.sha256, listed[1]);
    const md5 = run('ssh-keygen', ['-l', '-E', 'md5', '-f', file]).out.trim().split(' ');
    assert.equal(key.md5, md5[1]);

    const priv = await downloadFrom(page, page.getByRole('button', { name: 'Download id_rsa.pem', exact: true }), dir);
    assert.equal(priv.name, 'id_rsa.pem');
    assert.equal(priv.text, key.privateKey);
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin });
    await page.locator('#gen-copy-public').click();
    await page.locator('#gen-copy-status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key.publicKey);
    const pub = await downloadFrom(page, page.getByRole('button', { name: 'Download id_rsa.pub' }), dir);
    assert.equal(pub.name, 'id_rsa.pub');
    assert.equal(pub.text, key.publicKey);
  });

  await t.test('2048 bits with a passphrase, Rust engine', async (st) => {
    const pass = 'tr0ub4dor &3';
    const key = await generate(page, { bits: '2048', engine: 'rust', passphrase: pass });
    assert.match(key.meta, /^2048-bit RSA, made by keyfit’s own code/);
    assert.match(key.privateKey, /Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,/);
    assert.ok(await page.locator('#gen-step-pass').isVisible(), 'next steps mention the passphrase');
    const file = writeKey(join(dir, 'id_rsa_pw'), key.privateKey);
    assert.match(run('openssl', ['rsa', '-passin', `pass:${pass}`, '-check', '-noout', '-in', file]).out, /RSA key ok/);
    assert.notEqual(run('openssl', ['rsa', '-passin', 'pass:wrong', '-check', '-noout', '-in', file]).code, 0);
    const derived = run('ssh-keygen', ['-y', '-P', pass, '-f', file]);
    assert.equal(derived.out.trim().split(' ').slice(0, 2).join(' '), key.publicKey.trim().split(' ').slice(0, 2).join(' '));
    const pubFile = join(dir, 'id_rsa_pw.pub');
    writeFileSync(pubFile, derived.out);
    assert.equal(run('ssh-keygen', ['-l', '-f', pubFile]).out.trim().split(' ')[1], key.sha256);

    await st.test('Save as PuTTY .ppk keeps the passphrase', { skip: !engineHas('convertKey') && 'convertKey is not in www/pkg yet' }, async () => {
      await page.getByLabel('Save the private key in another format').selectOption('ppk3');
      const ppk = await downloadFrom(page, page.locator('#gen-saveas-go'), dir);
      assert.equal(ppk.name, 'id_rsa.ppk');
      assert.match(ppk.text, /^PuTTY-User-Key-File-3: ssh-rsa\r?\nEncryption: aes256-cbc/);
      const passFile = join(dir, 'pass');
      writeFileSync(passFile, pass);
      const out = run('timeout', ['20', 'puttygen', ppk.path, '--old-passphrase', passFile, '-l', '-E', 'sha256'], { stdio: ['ignore', 'pipe', 'pipe'] });
      assert.match(out.out, new RegExp(key.sha256.replace(/[+/]/g, '\\$&')));
    });
  });

  await t.test('different passphrases are refused before any work', async () => {
    await page.locator('#gen-pass').fill('one');
    await page.locator('#gen-pass2').fill('two');
    await page.getByRole('button', { name: 'Generate key pair' }).click();
    assert.ok(await page.getByText('The two passphrases differ.').isVisible());
    assert.equal(await page.locator('#gen-pass2').getAttribute('aria-invalid'), 'true');
    assert.ok(await page.locator('#gen-result').isVisible(), 'the previous result stays');
  });

  await t.test('nothing left the page, nothing was stored or logged', async () => {
    const urls = assertOnlyOwnFiles(session);
    assert.ok(urls.some((u) => u.endsWith('/pkg/keyfit_bg.wasm')), 'the worker’s wasm fetch is recorded');
    await assertNothingLeaked(session);
  });
});
