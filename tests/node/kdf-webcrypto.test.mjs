// PBKDF2 made by WebCrypto (as the worker does where crypto.subtle exists) and by the KDF part give the same key,
// for every PRF: the same converted text, the same report. SHA-224 (which WebCrypto lacks) goes to the KDF part; a
// wrong passphrase and a wrong derived key are wrong passphrases; a KDF past its cap is refused before anything
// is derived or asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { ITERATIONS, PASSPHRASE, PRFS, encrypted, kdfPart, keyfit, verdict, withKdfPart, withWebCrypto } from './kdf-helpers.mjs';

const convert = (pem, passphrase) => (derivedKeys) => keyfit.convertKey(pem, { to: 'pkcs1', passphrase, derivedKeys });
const inspect = (pem, passphrase) => (derivedKeys) => keyfit.inspectKey(pem, { passphrase, derivedKeys });

for (const prf of PRFS) {
  test(`PBKDF2-HMAC-${prf}: WebCrypto and the KDF part give the same key`, async () => {
    const { pem, salt } = encrypted(prf);
    const hash = prf.replace('SHA', 'SHA-');
    const here = withKdfPart({ passphrase: PASSPHRASE }, convert(pem, PASSPHRASE)).value;
    assert.match(here, /^-----BEGIN RSA PRIVATE KEY-----/);
    const { value, requests } = await withWebCrypto({ passphrase: PASSPHRASE }, convert(pem, PASSPHRASE));
    assert.equal(value, here);
    assert.deepEqual(requests.map((r) => ({ ...r, salt: Buffer.from(r.salt) })),
      [{ name: 'pbkdf2', hash, salt, iterations: ITERATIONS, length: 32, write: false }]);
    // What the KDF part makes is PBKDF2 as node's OpenSSL makes it.
    assert.deepEqual(Buffer.from(kdfPart.deriveKey(requests[0], new TextEncoder().encode(PASSPHRASE))),
      pbkdf2Sync(PASSPHRASE, salt, ITERATIONS, 32, prf.toLowerCase()));
    const reports = [withKdfPart({ passphrase: PASSPHRASE }, inspect(pem, PASSPHRASE)).value,
      (await withWebCrypto({ passphrase: PASSPHRASE }, inspect(pem, PASSPHRASE))).value];
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
  const { value, requests } = await withWebCrypto({ passphrase: PASSPHRASE }, convert(pem, PASSPHRASE));
  assert.equal(requests[0].length, 24);
  assert.equal(value, withKdfPart({ passphrase: PASSPHRASE }, convert(pem, PASSPHRASE)).value);
});

test('a wrong passphrase is wrong-passphrase both ways, and so is a wrong derived key', async () => {
  const { pem, salt } = encrypted('SHA256');
  const wrong = 'not the passphrase';
  assert.equal(verdict(withKdfPart({ passphrase: wrong }, inspect(pem, wrong)).value), 'wrong-passphrase');
  const { value } = await withWebCrypto({ passphrase: wrong }, inspect(pem, wrong));
  assert.equal(verdict(value), 'wrong-passphrase');
  const bogus = [{ name: 'pbkdf2', hash: 'SHA-256', salt, iterations: ITERATIONS, length: 32, key: new Uint8Array(32).fill(7) }];
  assert.equal(verdict(keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys: bogus })), 'wrong-passphrase');
  assert.throws(() => keyfit.convertKey(pem, { to: 'pkcs1', passphrase: PASSPHRASE, derivedKeys: bogus }), { code: 'wrong-passphrase' });
});

test('a derivation for other parameters is not used: the engine asks for its own', () => {
  const { pem, salt } = encrypted('SHA256');
  const other = [{ name: 'pbkdf2', hash: 'SHA-256', salt, iterations: ITERATIONS + 1, length: 32, key: new Uint8Array(32) }];
  assert.throws(() => keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys: other }), (err) =>
    err.code === 'kdf-needed' && err.kdf.name === 'pbkdf2' && err.kdf.iterations === ITERATIONS);
});

test('the key engine derives nothing itself: without derivedKeys it asks all the same', () => {
  const { pem } = encrypted('SHA224');
  assert.throws(() => keyfit.inspectKey(pem, { passphrase: PASSPHRASE }), (err) =>
    err.code === 'kdf-needed' && err.kdf.hash === 'SHA-224' && err.kdf.write === false);
});

test('derivedKeys that are not an array of requests, each with key or refused, are misuse', () => {
  const { pem } = encrypted('SHA256');
  const request = { name: 'pbkdf2', hash: 'SHA-256', salt: new Uint8Array(1), iterations: 1, length: 1 };
  for (const derivedKeys of ['x', [request], [{ ...request, hash: 'MD5', key: new Uint8Array(1) }], [{ ...request, refused: 'x' }], [{}]]) {
    assert.throws(() => keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys }), { code: 'invalid-option' });
  }
});

test('the KDF part refuses a request past the caps, and says why a KDF refused', () => {
  const pass = new TextEncoder().encode(PASSPHRASE);
  const salt = new Uint8Array(16);
  assert.throws(() => kdfPart.deriveKey({ name: 'pbkdf2', hash: 'SHA-1', salt, iterations: 1_000_001, length: 20 }, pass),
    { code: 'invalid-option' });
  assert.throws(() => kdfPart.deriveKey({ name: 'bcrypt', rounds: 1, salt, length: 48 }, new Uint8Array(0)),
    (err) => err.code === 'kdf-refused' && err.refused === 'empty-passphrase');
  assert.throws(() => kdfPart.deriveKey({ name: 'argon2id', memoryKib: 64, passes: 1, parallelism: 1, salt: salt.subarray(0, 2), length: 80 }, pass),
    (err) => err.code === 'kdf-refused' && err.refused === 'invalid');
});

test('PBKDF2 past its iteration cap is refused before anything is derived or asked for', async () => {
  // 65536 iterations are the DER INTEGER 02 03 01 00 00; 02 03 7F FF FF is 8,388,607, past the cap, same length.
  const { pem } = encrypted('SHA256', 'aes-256-cbc', 65536);
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
  const at = der.indexOf(Buffer.from([2, 3, 1, 0, 0]));
  assert.ok(at > 0);
  der.set([0x7f, 0xff, 0xff], at + 2);
  const t0 = performance.now();
  const { value, requests } = await withWebCrypto({ passphrase: PASSPHRASE }, inspect(new Uint8Array(der), PASSPHRASE));
  assert.equal(verdict(value), 'kdf-too-costly');
  assert.deepEqual(requests, []);
  assert.equal(verdict(keyfit.inspectKey(new Uint8Array(der), { passphrase: PASSPHRASE })), 'kdf-too-costly');
  assert.ok(performance.now() - t0 < 1000, 'refused at once');
});
