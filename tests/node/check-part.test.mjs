// The check part (www/pkg/keyfit_read.js, cargo feature `read`: what the page loads for a key checked or matched
// without a passphrase) against the key engine (www/pkg/keyfit.js): the same report for every key of the corpus
// and every hostile input, the same comparison, no passphrase taken, and none of the key engine's making exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const ROOT = new URL('../..', import.meta.url).pathname;
const load = async (name) => {
  const mod = await import(`${ROOT}www/pkg/${name}.js`);
  mod.initSync({ module: readFileSync(`${ROOT}www/pkg/${name}_bg.wasm`) });
  return mod;
};
const engine = await load('keyfit');
const checkPart = await load('keyfit_read');

/** Every key of the corpus and every hostile input, as bytes (as a dropped file comes). */
const inputs = ['tests/corpus/keys', 'tests/bad'].flatMap((dir) => readdirSync(`${ROOT}${dir}`)
  .filter((name) => !name.endsWith('.sh'))
  .map((name) => [`${dir}/${name}`, new Uint8Array(readFileSync(`${ROOT}${dir}/${name}`))]));

/** The outcome of a call: its value, or its error's code and message. */
const outcome = (call) => {
  try {
    return { value: call() };
  } catch (err) {
    return { code: err.code, message: err.message };
  }
};

test('check part: the key engine\'s report for every input read without a passphrase', () => {
  assert.ok(inputs.length > 150, `only ${inputs.length} inputs`);
  let locked = 0;
  for (const [name, bytes] of inputs) {
    const expected = outcome(() => engine.inspectKey(bytes.slice(), {}));
    assert.deepEqual(outcome(() => checkPart.inspectKey(bytes.slice(), {})), expected, name);
    if (expected.value?.problems?.some((p) => p.code === 'passphrase-required')) locked++;
  }
  // Encrypted keys are among them: their reports (KDF, cipher, public half shown in the clear) come from the check part too.
  assert.ok(locked > 20, `only ${locked} locked keys`);
});

test('check part: the key engine\'s comparison of a key with a public key or a fingerprint', () => {
  const text = (name) => readFileSync(`${ROOT}tests/corpus/keys/${name}`, 'utf8');
  const others = [text('rsa2048-openssh.pub'), text('ed25519-openssh.pub'),
    engine.inspectKey(text('rsa2048-pkcs1.pem'), {}).fingerprintSha256, 'not a key'];
  for (const key of ['rsa2048-pkcs1.pem', 'rsa2048-openssh.key', 'rsa2048-ppk3-argon2id.ppk', 'ed25519-openssh.key']) {
    for (const other of others) {
      assert.deepEqual(outcome(() => checkPart.matchKey(text(key), {}, other)),
        outcome(() => engine.matchKey(text(key), {}, other)), `${key} vs ${other.slice(0, 30)}`);
    }
  }
});

test('check part: takes no passphrase, and has none of the key engine\'s making exports', () => {
  const locked = readFileSync(`${ROOT}tests/corpus/keys/rsa2048-pkcs1-aes-128-cbc.pem`, 'utf8');
  for (const call of [() => checkPart.inspectKey(locked, { passphrase: 'x' }), () => checkPart.matchKey(locked, { passphrase: 'x' }, 'SHA256:x')]) {
    assert.equal(outcome(call).code, 'invalid-option');
  }
  // An empty passphrase is none, as in the key engine.
  assert.deepEqual(outcome(() => checkPart.inspectKey(locked, { passphrase: '' })), outcome(() => engine.inspectKey(locked, {})));
  for (const name of ['convertKey', 'generateKey', 'finishKey', 'findPrime', 'keyFromPrimes']) {
    assert.equal(typeof engine[name], 'function', name);
    assert.equal(checkPart[name], undefined, name);
  }
});
