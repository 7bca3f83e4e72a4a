// PBKDF2 made by WebCrypto (as the worker does where crypto.subtle exists) and by the engine give the same key,
// for every PRF: the same converted text, the same report. SHA-224 (which WebCrypto lacks) is never asked for; a
// wrong passphrase and a wrong derived key are wrong passphrases; a KDF past its cap is refused before anything
// is derived or asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { ITERATIONS, PASSPHRASE, PRFS, encrypted, keyfit, verdict, withWebCrypto } from './kdf-helpers.mjs';

const convert = (pem, passphrase) => (derivedKeys) => keyfit.convertKey(pem, { to: 'pkcs1', passphrase, derivedKeys });
const inspect = (pem, passphrase) => (derivedKeys) => keyfit.inspectKey(pem, { passphrase, derivedKeys });

for (const prf of PRFS) {
  test(`PBKDF2-HMAC-${prf}: WebCrypto and the engine give the same key`, async () => {
    const { pem, salt } = encrypted(prf);
    const here = convert(pem, PASSPHRASE)(undefined);
    assert.match(here, /^-----BEGIN RSA PRIVATE KEY-----/);
    const { value, requests } = await withWebCrypto(PASSPHRASE, convert(pem, PASSPHRASE));
    assert.equal(value, here);
    if (prf === 'SHA224') {
      assert.deepEqual(requests, [], 'SHA-224 is derived by the engine');
    } else {
      const hash = prf.replace('SHA', 'SHA-');
      assert.deepEqual(requests.map((r) => ({ ...r, salt: Buffer.from(r.salt) })),
        [{ hash, salt, iterations: ITERATIONS, length: 32 }]);
      // And what WebCrypto made is PBKDF2 as node's OpenSSL makes it.
      const derived = await withWebCrypto(PASSPHRASE, (keys) => (keys.length ? keys[0].key : keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys: keys })));
      assert.deepEqual(Buffer.from(derived.value), pbkdf2Sync(PASSPHRASE, salt, ITERATIONS, 32, prf.toLowerCase()));
    }
    const reports = [inspect(pem, PASSPHRASE)(undefined), (await withWebCrypto(PASSPHRASE, inspect(pem, PASSPHRASE))).value];
    for (const r of reports) {
      // Unlocked: the only error left is that PKCS#8 is not the format Jira takes.
      assert.equal(verdict(r), 'pkcs8-format');
      assert.equal(r.bits, 2048);
      assert.equal(r.kdf.prf, `hmacWith${prf}`);
    }
    assert.equal(reports[0].fingerprintSha256, reports[1].fingerprintSha256);
  });
}

test('DES-EDE3 under PBKDF2-HMAC-SHA1 (two output blocks) is the same both ways', async () => {
  const { pem } = encrypted('SHA1', 'des-ede3-cbc');
  const { value, requests } = await withWebCrypto(PASSPHRASE, convert(pem, PASSPHRASE));
  assert.equal(requests[0].length, 24);
  assert.equal(value, convert(pem, PASSPHRASE)(undefined));
});

test('a wrong passphrase is wrong-passphrase both ways, and so is a wrong derived key', async () => {
  const { pem, salt } = encrypted('SHA256');
  const wrong = 'not the passphrase';
  assert.equal(verdict(inspect(pem, wrong)(undefined)), 'wrong-passphrase');
  const { value } = await withWebCrypto(wrong, inspect(pem, wrong));
  assert.equal(verdict(value), 'wrong-passphrase');
  const bogus = [{ hash: 'SHA-256', salt, iterations: ITERATIONS, key: new Uint8Array(32).fill(7) }];
  assert.equal(verdict(keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys: bogus })), 'wrong-passphrase');
  assert.throws(() => keyfit.convertKey(pem, { to: 'pkcs1', passphrase: PASSPHRASE, derivedKeys: bogus }), { code: 'wrong-passphrase' });
});

test('a derivation for other parameters is not used: the engine asks for its own', () => {
  const { pem, salt } = encrypted('SHA256');
  const other = [{ hash: 'SHA-256', salt, iterations: ITERATIONS + 1, key: new Uint8Array(32) }];
  assert.throws(() => keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys: other }), (err) =>
    err.code === 'pbkdf2-needed' && err.pbkdf2.iterations === ITERATIONS);
});

test('derivedKeys that are not an array of {hash, salt, iterations, key} are misuse', () => {
  const { pem } = encrypted('SHA256');
  for (const derivedKeys of ['x', [{ hash: 'SHA-224', salt: new Uint8Array(1), iterations: 1, key: new Uint8Array(1) }], [{}]]) {
    assert.throws(() => keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys }), { code: 'invalid-option' });
  }
});

test('PBKDF2 past its iteration cap is refused before anything is derived or asked for', async () => {
  // 65536 iterations are the DER INTEGER 02 03 01 00 00; 02 03 7F FF FF is 8,388,607, past the cap, same length.
  const { pem } = encrypted('SHA256', 'aes-256-cbc', 65536);
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
  const at = der.indexOf(Buffer.from([2, 3, 1, 0, 0]));
  assert.ok(at > 0);
  der.set([0x7f, 0xff, 0xff], at + 2);
  const t0 = performance.now();
  const { value, requests } = await withWebCrypto(PASSPHRASE, inspect(new Uint8Array(der), PASSPHRASE));
  assert.equal(verdict(value), 'kdf-too-costly');
  assert.deepEqual(requests, []);
  assert.equal(verdict(inspect(new Uint8Array(der), PASSPHRASE)(undefined)), 'kdf-too-costly');
  assert.ok(performance.now() - t0 < 1000, 'refused at once');
});
