// The worker protocol's housekeeping: each answer reports the wasm memory; a worker that grew past
// RETIRE_MEMORY_BYTES (here by a 128 MiB scrypt derivation) is replaced once it has answered, so the page does not
// keep the memory for the session; a small job keeps its worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, start } from './harness.mjs';

test('worker: replaced after a job that grew its memory, kept after a small one', async (t) => {
  const session = await start();
  t.after(() => session.close());
  const costly = readFileSync(join(ROOT, 'tests/bad/at-cap-pkcs8-scrypt-logn.pem'), 'utf8');
  const small = readFileSync(join(ROOT, 'tests/corpus/keys/rsa2048-pkcs1.pem'), 'utf8');
  const result = await session.page.evaluate(async ({ costly, small }) => {
    const { WorkerClient, RETIRE_MEMORY_BYTES } = await import('./js/worker-client.js');
    const client = new WorkerClient();
    const first = await client.call('inspectKey', { input: small });
    const afterSmall = { ...client.stats };
    const second = await client.call('inspectKey', { input: costly, passphrase: 'correct horse' });
    const afterCostly = { ...client.stats };
    const third = await client.call('inspectKey', { input: small });
    const afterNext = { ...client.stats };
    client.cancel();
    return {
      limit: RETIRE_MEMORY_BYTES,
      codes: [first, second, third].map((r) => r.problems.find((p) => p.severity === 'error')?.code ?? 'ok'),
      afterSmall, afterCostly, afterNext,
    };
  }, { costly, small });
  assert.deepEqual(result.codes, ['ok', 'wrong-passphrase', 'ok']);
  assert.deepEqual(result.afterSmall, { started: 1, retired: 0 });
  assert.deepEqual(result.afterCostly, { started: 1, retired: 1 });
  assert.deepEqual(result.afterNext, { started: 2, retired: 1 });
  assert.ok(result.limit < 128 << 20);
});
