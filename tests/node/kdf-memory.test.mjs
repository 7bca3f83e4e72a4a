// Secrets of the PBKDF2 step left in wasm memory: after each call (the KDF part deriving, or WebCrypto deriving and
// the engine given the bytes), the whole linear memory of both the key engine and the KDF part is searched for the
// passphrase and the derived key. Freed memory is not cleared by the allocator, so anything found was copied and
// dropped without being wiped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { ITERATIONS, PASSPHRASE, PRFS, encrypted, kdfWasm, keyfit, wasm, withKdfPart, withWebCrypto } from './kdf-helpers.mjs';

/** Which of `needles` (name -> Buffer) occur in either part's wasm memory now. */
function found(needles) {
  const memories = [wasm, kdfWasm].map((w) => Buffer.from(w.memory.buffer));
  return Object.entries(needles).filter(([, n]) => memories.some((m) => m.indexOf(n) >= 0)).map(([name]) => name);
}

const NEW = 'another one 41d';
for (const prf of PRFS) {
  const { pem, salt } = encrypted(prf);
  const needles = {
    passphrase: Buffer.from(PASSPHRASE),
    'new passphrase': Buffer.from(NEW),
    // A window of the derived key: long enough to be unique, short enough to be found in any aligned copy.
    'derived key (16 bytes)': pbkdf2Sync(PASSPHRASE, salt, ITERATIONS, 32, prf.toLowerCase()).subarray(8, 24),
  };
  const calls = {
    'convertKey -> pkcs1': (derivedKeys) => keyfit.convertKey(pem, { to: 'pkcs1', passphrase: PASSPHRASE, derivedKeys }),
    'convertKey -> pkcs8 with a new passphrase': (derivedKeys) =>
      keyfit.convertKey(pem, { to: 'pkcs8', passphrase: PASSPHRASE, newPassphrase: NEW, derivedKeys }),
    inspectKey: (derivedKeys) => keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys }),
  };
  const passphrases = { passphrase: PASSPHRASE, newPassphrase: NEW };
  for (const [what, call] of Object.entries(calls)) {
    test(`memory after ${what} of PBKDF2-${prf}, derived by the KDF part`, () => {
      withKdfPart(passphrases, call);
      assert.deepEqual(found(needles), []);
    });
    test(`memory after ${what} of PBKDF2-${prf}, derived as the worker does (WebCrypto where it can)`, async () => {
      await withWebCrypto(passphrases, call);
      assert.deepEqual(found(needles), []);
    });
  }
}
