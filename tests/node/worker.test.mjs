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
