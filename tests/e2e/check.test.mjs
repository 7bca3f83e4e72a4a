// Check a key through the page: passphrase prompt, verdict, problems, "Make it Jira-ready", repairs, compare,
// file picker (DER) and drag-and-drop (.ppk). Keys are made by the real tools at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  JSCH_CHECK, assertNothingLeaked, assertOnlyOwnFiles, downloadFrom, engineHas, openTab, run, start, tempDir,
} from './harness.mjs';

const skip = !engineHas('inspectKey') && 'inspectKey is not exported by www/pkg/keyfit.js yet';

/** Fingerprint (SHA256:...) of a key file as ssh-keygen sees it. */
const fingerprint = (file) => run('ssh-keygen', ['-l', '-f', file]).out.trim().split(' ')[1];

test('check: OpenSSH key with a passphrase, made Jira-ready; public key; mangled paste; compare; files', { skip }, async (t) => {
  const dir = tempDir(t);
  const key = join(dir, 'id_rsa');
  run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', 'pw', '-C', 'e2e@keyfit', '-f', key]);
  const other = join(dir, 'other');
  run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-m', 'PEM', '-C', 'other@keyfit', '-f', other]);
  const expected = fingerprint(`${key}.pub`);

  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  const input = page.locator('#check-input');
  const verdict = page.locator('#check-verdict');
  const problem = (code) => page.locator(`#check-problems li[data-code="${code}"]`);
  const fact = (name) => page.locator('#check-facts dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
  await openTab(page, 'Check a key');

  await t.test('the passphrase field appears, then the verdict names the OpenSSH format', async () => {
    await input.fill(readFileSync(key, 'utf8'));
    await page.locator('#check-pass-row').waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'check-pass', 'focus moves to the passphrase');
    assert.ok(await problem('passphrase-required').isVisible());
    await page.locator('#check-pass').fill('wrong');
    await page.locator('#check-pass').press('Enter');
    await problem('wrong-passphrase').waitFor();
    await page.locator('#check-pass').fill('pw');
    await page.getByRole('button', { name: 'Unlock and check' }).click();
    await problem('wrong-passphrase').waitFor({ state: 'detached' });
    await problem('openssh-format').waitFor();
    assert.ok(await problem('wrong-passphrase').count() === 0);
    assert.equal(await verdict.getAttribute('data-tone'), 'bad');
    assert.match(await verdict.textContent(), /Jira will not accept this key/);
    assert.match(await fact('Format').textContent(), /^OpenSSH private key \(ssh-keygen’s default since 7\.8\)/);
    assert.equal(await fact('Key').textContent(), 'RSA private key');
    assert.equal(await fact('Size').textContent(), '2048 bits');
    assert.match(await fact('Passphrase').textContent(), /^Yes, aes256-ctr, bcrypt-pbkdf \(16 rounds\)/);
    assert.equal(await fact('Comment').textContent(), 'e2e@keyfit');
    assert.equal(await fact('Fingerprint (SHA256)').textContent(), expected);
    assert.equal((await page.locator('#check-public').inputValue()).trim(), readFileSync(`${key}.pub`, 'utf8').trim());
  });

  await t.test('compare says match, then no match', async () => {
    const result = page.locator('#compare-result');
    await page.locator('#compare-input').fill(readFileSync(`${key}.pub`, 'utf8'));
    await result.filter({ hasText: 'Match' }).waitFor();
    assert.equal(await result.getAttribute('data-tone'), 'ok');
    await page.locator('#compare-input').fill(readFileSync(`${other}.pub`, 'utf8'));
    await result.filter({ hasText: 'No match' }).waitFor();
    assert.equal(await result.getAttribute('data-tone'), 'bad');
    await page.locator('#compare-input').fill('');
  });

  await t.test('"Make it Jira-ready" writes a PKCS#1 key that openssl and JSch read', async () => {
    const conv = page.locator('#check-converter');
    const makeReady = conv.getByRole('button', { name: 'Make it Jira-ready' });
    assert.ok(await makeReady.isVisible());
    await conv.locator('.new-pass').fill('new pw');
    await conv.locator('.new-pass2').fill('new pw');
    await makeReady.click();
    await conv.locator('.status').filter({ hasText: 'Checked again: Jira will accept this key.' }).waitFor();
    const file = await downloadFrom(page, conv.getByRole('button', { name: 'Download id_rsa.pem' }), dir);
    assert.equal(file.name, 'id_rsa.pem');
    assert.match(file.text, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,/);
    assert.match(run('openssl', ['rsa', '-passin', 'pass:new pw', '-check', '-noout', '-in', file.path]).out, /RSA key ok/);
    const pub = run('ssh-keygen', ['-y', '-P', 'new pw', '-f', file.path]);
    writeFileSync(join(dir, 'ready.pub'), pub.out);
    assert.equal(fingerprint(join(dir, 'ready.pub')), expected);
    if (existsSync(JSCH_CHECK)) {
      const jsch = run(JSCH_CHECK, [file.path, 'new pw']);
      assert.equal(jsch.code, 0, jsch.out);
      assert.match(jsch.out, /^OK/);
    } else {
      t.diagnostic('tests/tools/jsch-check.sh is missing: JSch not asked');
    }
  });

  await t.test('a public key is named as such', async () => {
    await input.fill(readFileSync(`${key}.pub`, 'utf8'));
    await problem('public-key-not-private').waitFor();
    assert.match(await verdict.textContent(), /Jira will not accept this key/);
    assert.ok(await page.locator('#check-pass-row').isHidden());
    assert.ok(await page.getByRole('button', { name: 'Make it Jira-ready' }).isHidden());
    assert.match(await fact('Format').textContent(), /^OpenSSH public key/);
  });

  await t.test('a PEM pasted on one line is repaired, and the repaired key is Jira-ready', async () => {
    const pem = readFileSync(other, 'utf8');
    await input.fill(pem.trim().split('\n').join(' '));
    await problem('mangled-paste').waitFor();
    const use = page.getByRole('button', { name: 'Use the repaired key' });
    assert.ok(await use.isVisible());
    await use.click();
    await verdict.filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
    assert.equal(await input.inputValue(), pem);
    assert.ok(await use.isHidden());
    assert.equal(await fact('Fingerprint (SHA256)').textContent(), fingerprint(`${other}.pub`));
    assert.ok(await page.getByRole('button', { name: 'Make it Jira-ready' }).isHidden());
  });

  await t.test('a DER file from the file picker is read as bytes', async () => {
    const der = join(dir, 'key.der');
    run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER', '-in', other, '-out', der]);
    await page.locator('#check-file').setInputFiles(der);
    await problem('pkcs8-format').waitFor();
    assert.match(await page.locator('#check-file-note').textContent(), /key\.der.*binary/);
    assert.match(await fact('Format').textContent(), /^PKCS#8/);
    assert.equal(await fact('Fingerprint (SHA256)').textContent(), fingerprint(`${other}.pub`));
  });

  await t.test('a .ppk dropped on the page is checked', async () => {
    const ppk = join(dir, 'key.ppk');
    run('timeout', ['20', 'puttygen', other, '-O', 'private', '-o', ppk], { stdio: ['ignore', 'pipe', 'pipe'] });
    await openTab(page, 'Generate a key'); // a drop on another tab opens Check
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'key.ppk'));
      return dt;
    }, readFileSync(ppk, 'utf8'));
    await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await problem('ppk-format').waitFor();
    assert.ok(await page.locator('#check').isVisible());
    assert.match(await fact('Format').textContent(), /^PuTTY private key, version 3/);
  });

  await t.test('nothing left the page, nothing was stored or logged', async () => {
    assertOnlyOwnFiles(session);
    await assertNothingLeaked(session);
  });
});
