// Secrets left in wasm memory: after each API call of the built module (www/pkg, made by ./build.sh) returns,
// its whole linear memory is searched for the key texts that went in and came out (every base64 line of them),
// the passphrases, and the private exponent's bytes. Freed memory is not cleared by the allocator, so anything
// found was copied somewhere and dropped without being wiped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const ROOT = new URL('../..', import.meta.url).pathname;
const keyfit = await import(`${ROOT}www/pkg/keyfit.js`);
const exports = keyfit.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_bg.wasm`) });
const corpus = (name) => readFileSync(`${ROOT}tests/corpus/keys/${name}`, 'utf8');
const PASSPHRASE = readFileSync(`${ROOT}tests/corpus/PASSPHRASE`, 'utf8').trim();
const NEW_PASSPHRASE = 'scan me: a new passphrase 7f3a';

/** The base64 lines of a key text (40 characters or more: headers, comments and short lines are not secret). */
const lines = (text) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l));

/** The private exponent d of a PKCS#1 PEM, as big-endian bytes (read with node's own crypto). */
async function privateExponent(pem) {
  const { createPrivateKey } = await import('node:crypto');
  const jwk = createPrivateKey(pem).export({ format: 'jwk' });
  return Buffer.from(jwk.d, 'base64url');
}

/** Which of `needles` (name -> Buffer) occur in wasm memory now. */
function found(needles) {
  const memory = Buffer.from(exports.memory.buffer);
  return Object.entries(needles).filter(([, n]) => n.length > 0 && memory.indexOf(n) >= 0).map(([name]) => name);
}

function needlesOf(label, text) {
  return Object.fromEntries(lines(text).map((l, i) => [`${label} line ${i + 1}`, Buffer.from(l)]));
}

const PKCS1 = corpus('rsa2048-pkcs1.pem');
const D = await privateExponent(PKCS1);
// A window of d's bytes: long enough to be unique, short enough to be found in any aligned copy.
const dNeedle = { 'd (32 bytes)': D.subarray(40, 72) };

const PLAIN = { ...needlesOf('input', PKCS1), ...dNeedle };
const cases = [
  // [what, needles of the input, call]
  ['convertKey pkcs1 -> openssh with a new passphrase', PLAIN, () => keyfit.convertKey(PKCS1, { to: 'openssh', newPassphrase: NEW_PASSPHRASE, rounds: 4 })],
  ['convertKey pkcs1 -> pkcs8', PLAIN, () => keyfit.convertKey(PKCS1, { to: 'pkcs8' })],
  ['convertKey pkcs1 -> ppk2', PLAIN, () => keyfit.convertKey(PKCS1, { to: 'ppk2' })],
  ['convertKey pkcs1 -> pkcs1 encrypted', PLAIN, () => keyfit.convertKey(PKCS1, { to: 'pkcs1', newPassphrase: NEW_PASSPHRASE })],
  ['convertKey legacy-encrypted pkcs1 -> pkcs1', dNeedle, () => keyfit.convertKey(corpus('rsa2048-pkcs1-aes-128-cbc.pem'), { to: 'pkcs1', passphrase: PASSPHRASE })],
  ['convertKey openssh (bcrypt) -> pkcs1', {}, () => keyfit.convertKey(corpus('rsa2048-openssh-aes256-ctr.key'), { to: 'pkcs1', passphrase: PASSPHRASE })],
  ['convertKey ppk3 (Argon2) -> pkcs1', {}, () => keyfit.convertKey(corpus('rsa2048-ppk3-argon2id.ppk'), { to: 'pkcs1', passphrase: PASSPHRASE })],
  ['convertKey pkcs8 (PBKDF2) -> pkcs1', {}, () => keyfit.convertKey(corpus('rsa2048-pkcs8-pbkdf2-sha256-aes-256-cbc.pem'), { to: 'pkcs1', passphrase: PASSPHRASE })],
  ['convertKey ed25519 openssh -> pkcs8', {}, () => keyfit.convertKey(corpus('ed25519-openssh.key'), { to: 'pkcs8' })],
  ['inspectKey plain pkcs1', PLAIN, () => keyfit.inspectKey(PKCS1, {})],
  ['inspectKey mangled pkcs1 (repaired text)', PLAIN, () => keyfit.inspectKey(PKCS1.replace(/\n/g, '\r\n'), {})],
  ['inspectKey encrypted openssh with its passphrase', {}, () => keyfit.inspectKey(corpus('rsa2048-openssh-aes256-ctr.key'), { passphrase: PASSPHRASE })],
  ['inspectKey with a wrong passphrase', {}, () => keyfit.inspectKey(corpus('rsa2048-ppk2-aes256-cbc.ppk'), { passphrase: NEW_PASSPHRASE })],
  ['generateKey 2048-bit with a passphrase', {}, () => keyfit.generateKey({ bits: 2048, passphrase: NEW_PASSPHRASE })],
];

for (const [what, inputs, call] of cases) {
  test(`memory after ${what}`, () => {
    let out;
    try {
      out = call();
    } catch (err) {
      assert.fail(`${what} threw ${err.code}: ${err.message}`);
    }
    const text = typeof out === 'string' ? out : out.privateKey ?? '';
    const needles = {
      ...inputs,
      ...needlesOf('output', text),
      passphrase: Buffer.from(PASSPHRASE),
      'new passphrase': Buffer.from(NEW_PASSPHRASE),
    };
    if (!/inspect/.test(what)) assert.ok(Object.keys(needlesOf('output', text)).length > 0, 'no key text came out');
    const left = found(needles);
    assert.deepEqual(left, [], `left in wasm memory after ${what}: ${left.join(', ')}`);
  });
}

test('the scan finds what is there', () => {
  // A buffer of the module's own allocator, filled and never freed by this test: the scan must see it.
  const marker = createHash('sha256').update('memory scan self-test').digest();
  const view = new Uint8Array(exports.memory.buffer);
  const at = view.length - 4096;
  const saved = view.slice(at, at + marker.length);
  view.set(marker, at);
  try {
    assert.deepEqual(found({ marker }), ['marker']);
  } finally {
    view.set(saved, at);
  }
});
