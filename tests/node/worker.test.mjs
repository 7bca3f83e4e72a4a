// www/worker.js outside a browser: its message handler run in node against the built wasm (www/pkg), with
// `self` and `fetch` stood in for. The byte arrays a job receives are zeroed once it is done, whatever its
// outcome, and every answer reports the wasm memory's size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../..', import.meta.url);
const replies = [];
globalThis.self = globalThis;
self.postMessage = (message) => replies.push(message);
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, ...rest) => (String(url).startsWith('file:')
  ? new Response(readFileSync(fileURLToPath(url)), { headers: { 'Content-Type': 'application/wasm' } })
  : realFetch(url, ...rest));
await import(new URL('www/worker.js', ROOT));

async function send(op, args) {
  replies.length = 0;
  await self.onmessage({ data: { id: 1, op, args } });
  return replies[0];
}

const key = (name) => new Uint8Array(readFileSync(new URL(`tests/corpus/keys/${name}`, ROOT)));

test('worker: a dropped file is zeroed after inspect and after convert', async () => {
  for (const [op, args] of [['inspectKey', {}], ['convertKey', { to: 'openssh' }]]) {
    const input = key('rsa2048-pkcs1.pem');
    const reply = await send(op, { input, ...args });
    assert.equal(reply.ok, true, JSON.stringify(reply.error));
    assert.ok(reply.memoryBytes > 0, 'the answer reports the wasm memory');
    assert.ok(input.every((b) => b === 0), `${op}: the bytes were not zeroed`);
  }
});

test('worker: zeroed on failure too', async () => {
  const input = key('ed25519-openssh.key');
  const reply = await send('convertKey', { input, to: 'pkcs1' });
  assert.equal(reply.ok, false);
  assert.equal(reply.error.code, 'not-rsa');
  assert.ok(reply.memoryBytes > 0);
  assert.ok(input.every((b) => b === 0));
});

test('worker: primes given to keyFromPrimes are zeroed', async () => {
  const p = await send('findPrime', { bits: 1024 });
  const q = await send('findPrime', { bits: 1024 });
  const reply = await send('keyFromPrimes', { p: p.value, q: q.value, bits: 2048 });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  assert.ok(p.value.every((b) => b === 0) && q.value.every((b) => b === 0));
});

// Every KDF through the worker's protocol (js/derive-keys.js): the key engine throws kdf-needed, the worker derives
// (PBKDF2 by WebCrypto, the rest in the KDF part) and calls again. Read: each encrypted corpus file to PKCS#1;
// write: to encrypted OpenSSH (bcrypt), .ppk v3 (Argon2id) and PKCS#8 (PBKDF2-SHA-256), then back.
const PASSPHRASE = readFileSync(new URL('tests/corpus/PASSPHRASE', ROOT), 'utf8').trim();
const text = (name) => readFileSync(new URL(`tests/corpus/keys/${name}`, ROOT), 'utf8');
const PKCS1 = text('rsa2048-pkcs1.pem');

test('worker: every KDF read through kdf-needed (PBKDF2, scrypt, bcrypt, Argon2 d/i/id) gives the key', async () => {
  for (const name of ['rsa2048-pkcs8-pbkdf2-sha1-aes-256-cbc.pem', 'rsa2048-pkcs8-pbkdf2-sha512-aes-256-cbc.pem',
    'rsa2048-pkcs8-scrypt-aes-256-cbc.pem', 'rsa2048-openssh-aes256-ctr.key', 'rsa2048-ppk3-argon2d.ppk',
    'rsa2048-ppk3-argon2i.ppk', 'rsa2048-ppk3-argon2id.ppk']) {
    const reply = await send('convertKey', { input: text(name), to: 'pkcs1', passphrase: PASSPHRASE });
    assert.equal(reply.ok, true, `${name}: ${JSON.stringify(reply.error)}`);
    assert.equal(reply.value, PKCS1, name);
    const wrong = await send('convertKey', { input: text(name), to: 'pkcs1', passphrase: 'not it' });
    assert.equal(wrong.error?.code, 'wrong-passphrase', name);
    const report = await send('inspectKey', { input: text(name), passphrase: PASSPHRASE });
    assert.equal(report.value.bits, 2048, name);
  }
});

test('worker: writes under every KDF it writes (bcrypt, Argon2id, PBKDF2) read back, each with a fresh salt', async () => {
  const newPassphrase = 'a new one: 3e9d';
  for (const [to, salt] of [['openssh', /^b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0/m],
    ['ppk3', /^Argon2-Salt: ([0-9a-f]{32})$/m], ['pkcs8', /^-----BEGIN ENCRYPTED PRIVATE KEY-----$/m]]) {
    const written = [];
    for (let i = 0; i < 2; i++) {
      const reply = await send('convertKey', { input: PKCS1, to, newPassphrase, rounds: 2 });
      assert.equal(reply.ok, true, `${to}: ${JSON.stringify(reply.error)}`);
      assert.match(reply.value, salt, to);
      written.push(reply.value);
    }
    assert.notEqual(written[0], written[1], `${to}: two writes, one salt`);
    for (const input of written) {
      const back = await send('convertKey', { input, to: 'pkcs1', passphrase: newPassphrase });
      assert.equal(back.ok, true, `${to} back: ${JSON.stringify(back.error)}`);
      assert.equal(back.value, PKCS1, to);
    }
    // Passphrase changed in one call: a read's and a write's derivation, each from its own passphrase.
    const changed = await send('convertKey', { input: written[0], to, passphrase: newPassphrase, newPassphrase: PASSPHRASE, rounds: 2 });
    assert.equal(changed.ok, true, JSON.stringify(changed.error));
    const again = await send('convertKey', { input: changed.value, to: 'pkcs1', passphrase: PASSPHRASE });
    assert.equal(again.value, PKCS1, `${to}, passphrase changed`);
  }
});

test('worker: memoryBytes counts the KDF part (a 128 MiB scrypt leaves a worker the page retires)', async () => {
  const reply = await send('convertKey', { input: text('rsa2048-pkcs8-scrypt-aes-256-cbc.pem'), to: 'pkcs1', passphrase: PASSPHRASE });
  assert.equal(reply.ok, true);
  // The corpus file's scrypt (N = 2^14, r = 8) mixes 16 MiB in the KDF part's memory; the key engine's own stays
  // a few MiB for this key.
  assert.ok(reply.memoryBytes > 16 << 20, `${reply.memoryBytes}`);
});
