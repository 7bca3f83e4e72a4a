// Secrets of the PBKDF2 step left in wasm memory: after each call (the engine deriving, or WebCrypto deriving and
// the engine given the bytes), the whole linear memory is searched for the passphrase and the derived key.
// Freed memory is not cleared by the allocator, so anything found was copied and dropped without being wiped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { ITERATIONS, PASSPHRASE, PRFS, encrypted, keyfit, wasm, withWebCrypto } from './kdf-helpers.mjs';

/** Which of `needles` (name -> Buffer) occur in wasm memory now. */
function found(needles) {
  const memory = Buffer.from(wasm.memory.buffer);
  return Object.entries(needles).filter(([, n]) => memory.indexOf(n) >= 0).map(([name]) => name);
}

for (const prf of PRFS) {
  const { pem, salt } = encrypted(prf);
  const needles = {
    passphrase: Buffer.from(PASSPHRASE),
    // A window of the derived key: long enough to be unique, short enough to be found in any aligned copy.
    'derived key (16 bytes)': pbkdf2Sync(PASSPHRASE, salt, ITERATIONS, 32, prf.toLowerCase()).subarray(8, 24),
  };
  const calls = {
    'convertKey -> pkcs1': (derivedKeys) => keyfit.convertKey(pem, { to: 'pkcs1', passphrase: PASSPHRASE, derivedKeys }),
    'convertKey -> pkcs8 with a new passphrase': (derivedKeys) =>
      keyfit.convertKey(pem, { to: 'pkcs8', passphrase: PASSPHRASE, newPassphrase: 'another one 41d', derivedKeys }),
    inspectKey: (derivedKeys) => keyfit.inspectKey(pem, { passphrase: PASSPHRASE, derivedKeys }),
  };
  for (const [what, call] of Object.entries(calls)) {
    test(`memory after ${what} of PBKDF2-${prf}, derived by the engine`, () => {
      call(undefined);
      assert.deepEqual(found(needles), []);
    });
    test(`memory after ${what} of PBKDF2-${prf}, derived by WebCrypto`, async () => {
      await withWebCrypto(PASSPHRASE, call);
      assert.deepEqual(found(needles), []);
    });
  }
}
