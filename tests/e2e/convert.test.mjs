// The Convert tab: one key through every target, each download read back by the real tools; an encrypted
// OpenSSH key through the file picker; passphrase errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  JSCH_CHECK, assertNothingLeaked, assertOnlyOwnFiles, downloadFrom, engineHas, openTab, run, start, tempDir,
} from './harness.mjs';

const skip = !engineHas('convertKey') && 'convertKey is not exported by www/pkg/keyfit.js yet';

/** Fingerprint of a public key in any format ssh-keygen can import (`-i -m`), or of an OpenSSH line. */
function publicFingerprint(dir, file, importAs) {
  let line = readFileSync(file, 'utf8');
  if (importAs) line = run('ssh-keygen', ['-i', '-m', importAs, '-f', file]).out;
  const pub = join(dir, 'fp.pub');
  writeFileSync(pub, line);
  return run('ssh-keygen', ['-l', '-f', pub]).out.trim().split(' ')[1];
}

test('convert: every target, read back by openssl, ssh-keygen, puttygen and JSch', { skip }, async (t) => {
  const dir = tempDir(t);
  const pem = join(dir, 'id_rsa');
  run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-m', 'PEM', '-C', 'conv@keyfit', '-f', pem]);
  const expected = publicFingerprint(dir, `${pem}.pub`);
  const passFile = join(dir, 'pass');
  writeFileSync(passFile, 'n p');

  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  const conv = page.locator('#convert-converter');
  await openTab(page, 'Convert');

  /** Converts the loaded key to `to`; returns the download. */
  async function convert(to, { newPassphrase = '', cipher } = {}) {
    await conv.getByLabel('Convert to').selectOption(to);
    if (await conv.locator('.new-pass').isVisible()) {
      await conv.locator('.new-pass').fill(newPassphrase);
      await conv.locator('.new-pass2').fill(newPassphrase);
    }
    // PKCS#1 carries no comment: set the one ssh-keygen put in the .pub for the formats that have one.
    if (await conv.locator('.comment').isVisible()) await conv.locator('.comment').fill('conv@keyfit');
    if (cipher) await conv.getByLabel('Encryption').selectOption(cipher);
    await conv.getByRole('button', { name: 'Convert', exact: true }).click();
    await conv.locator('.out').waitFor({ state: 'visible' });
    return downloadFrom(page, conv.locator('.download'), dir);
  }

  await page.locator('#convert-input').fill(readFileSync(pem, 'utf8'));

  const checks = {
    async pkcs1(f) {
      assert.equal(f.name, 'id_rsa.pem');
      assert.match(f.text, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,/);
      assert.match(run('openssl', ['rsa', '-passin', 'pass:n p', '-check', '-noout', '-in', f.path]).out, /RSA key ok/);
      return run('ssh-keygen', ['-y', '-P', 'n p', '-f', f.path]).out;
    },
    async pkcs8(f) {
      assert.equal(f.name, 'id_rsa.pkcs8.pem');
      assert.match(f.text, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      assert.match(run('openssl', ['rsa', '-passin', 'pass:n p', '-check', '-noout', '-in', f.path]).out, /RSA key ok/);
      return run('ssh-keygen', ['-y', '-P', 'n p', '-f', f.path]).out;
    },
    async openssh(f) {
      assert.equal(f.name, 'id_rsa');
      assert.match(f.text, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
      const out = run('ssh-keygen', ['-y', '-P', 'n p', '-f', f.path]).out;
      assert.match(out, / conv@keyfit\n$/);
      return out;
    },
    async ppk3(f) {
      assert.equal(f.name, 'id_rsa.ppk');
      assert.match(f.text, /^PuTTY-User-Key-File-3: ssh-rsa\r?\nEncryption: aes256-cbc\r?\nComment: conv@keyfit/);
      return run('timeout', ['20', 'puttygen', f.path, '--old-passphrase', passFile, '-O', 'public-openssh'], { stdio: ['ignore', 'pipe', 'pipe'] }).out;
    },
    async ppk2(f) {
      assert.equal(f.name, 'id_rsa-v2.ppk');
      assert.match(f.text, /^PuTTY-User-Key-File-2: ssh-rsa\r?\nEncryption: aes256-cbc/);
      return run('timeout', ['20', 'puttygen', f.path, '--old-passphrase', passFile, '-O', 'public-openssh'], { stdio: ['ignore', 'pipe', 'pipe'] }).out;
    },
    async 'openssh-public'(f) {
      assert.equal(f.name, 'id_rsa.pub');
      assert.equal(f.text.trim(), readFileSync(`${pem}.pub`, 'utf8').trim());
      return f.text;
    },
    async 'rfc4716-public'(f) {
      assert.match(f.text, /^---- BEGIN SSH2 PUBLIC KEY ----/);
      return run('ssh-keygen', ['-i', '-m', 'RFC4716', '-f', f.path]).out;
    },
    async 'pkcs1-public'(f) {
      assert.match(f.text, /^-----BEGIN RSA PUBLIC KEY-----\n/);
      return run('ssh-keygen', ['-i', '-m', 'PEM', '-f', f.path]).out;
    },
    async 'spki-public'(f) {
      assert.match(f.text, /^-----BEGIN PUBLIC KEY-----\n/);
      return run('ssh-keygen', ['-i', '-m', 'PKCS8', '-f', f.path]).out;
    },
  };

  const targets = await conv.getByLabel('Convert to').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(targets.sort(), Object.keys(checks).sort(), 'the select offers every target');
  for (const to of targets) {
    await t.test(to, async () => {
      const file = await convert(to, { newPassphrase: 'n p' });
      const line = await checks[to](file);
      const pub = join(dir, `${to}.pub`);
      writeFileSync(pub, line);
      assert.equal(publicFingerprint(dir, pub), expected, `fingerprint of the ${to} output`);
      if (to === 'pkcs1' && existsSync(JSCH_CHECK)) assert.match(run(JSCH_CHECK, [file.path, 'n p']).out, /^OK/);
    });
  }

  await t.test('pkcs1 without a passphrase', async () => {
    const file = await convert('pkcs1');
    assert.equal(file.text, readFileSync(pem, 'utf8'), 'same bytes as ssh-keygen -m PEM');
  });

  await t.test('different new passphrases are refused', async () => {
    await conv.getByLabel('Convert to').selectOption('pkcs8');
    await conv.locator('.new-pass').fill('a');
    await conv.locator('.new-pass2').fill('b');
    await conv.getByRole('button', { name: 'Convert', exact: true }).click();
    assert.equal(await conv.locator('.status').textContent(), 'The two new passphrases differ.');
    assert.equal(await conv.locator('.new-pass2').getAttribute('aria-invalid'), 'true');
    assert.ok(await conv.locator('.out').isHidden());
  });

  await t.test('an encrypted OpenSSH file, wrong then right passphrase, to DES-EDE3 PKCS#1 for JSch', async () => {
    const key = join(dir, 'enc');
    run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', 'old', '-C', 'enc@keyfit', '-f', key]);
    await page.locator('#convert-file').setInputFiles(key);
    await page.locator('#convert-file-note').filter({ hasText: /^Loaded “enc” \(\d+ bytes\)\.$/ }).waitFor();
    await conv.getByLabel('Convert to').selectOption('pkcs1');
    await conv.locator('.new-pass').fill('n p');
    await conv.locator('.new-pass2').fill('n p');
    await page.locator('#convert-pass').fill('wrong');
    await conv.getByRole('button', { name: 'Convert', exact: true }).click();
    await conv.locator('.status').filter({ hasText: /passphrase does not unlock this key/i }).waitFor();
    assert.equal(await conv.locator('.status').getAttribute('data-tone'), 'bad');
    await page.locator('#convert-pass').fill('old');
    const file = await convert('pkcs1', { newPassphrase: 'n p', cipher: 'des-ede3-cbc' });
    assert.match(file.text, /DEK-Info: DES-EDE3-CBC,/);
    assert.match(run('openssl', ['rsa', '-passin', 'pass:n p', '-check', '-noout', '-in', file.path]).out, /RSA key ok/);
    writeFileSync(join(dir, 'enc-out.pub'), run('ssh-keygen', ['-y', '-P', 'n p', '-f', file.path]).out);
    assert.equal(publicFingerprint(dir, join(dir, 'enc-out.pub')), publicFingerprint(dir, `${key}.pub`));
    if (existsSync(JSCH_CHECK)) assert.match(run(JSCH_CHECK, [file.path, 'n p']).out, /^OK/);
  });

  await t.test('nothing left the page, nothing was stored or logged', async () => {
    assertOnlyOwnFiles(session);
    await assertNothingLeaked(session);
  });
});
