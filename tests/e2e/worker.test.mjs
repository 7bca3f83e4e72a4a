// The worker protocol's housekeeping: each answer reports the wasm memory; a worker that grew past
// RETIRE_MEMORY_BYTES (here by a 128 MiB scrypt derivation) is replaced once it has answered, so the page does not
// keep the memory for the session; a small job keeps its worker. A PBKDF2 of two output blocks is derived in two
// workers, the extra one ended with the job, or with the job's worker when the job is cancelled; so are a scrypt's
// blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

/** Resolves once `check()` holds, polling (Playwright reports a worker's end as an event). */
async function until(check, what) {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((ok) => setTimeout(ok, 50));
  assert.ok(check(), what);
}

/** The extra workers (`worker.js?lane`) the page starts from now on, each `{closed}`. */
function laneWorkers(page) {
  const lanes = [];
  page.on('worker', (worker) => {
    if (!worker.url().endsWith('?lane')) return;
    const lane = { closed: false };
    lanes.push(lane);
    worker.on('close', () => { lane.closed = true; });
  });
  return lanes;
}

test('worker: a PBKDF2 of two blocks runs in extra workers, which end with the job and with a cancel', async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  // PBKDF2-HMAC-SHA224 (not in WebCrypto: the KDF part) at the iteration cap, AES-256: two 28-byte output blocks.
  const pem = execFileSync('openssl', ['pkcs8', '-topk8', '-in', join(ROOT, 'tests/corpus/keys/rsa2048-pkcs8.pem'), '-v2',
    'aes-256-cbc', '-v2prf', 'hmacWithSHA224', '-iter', '1000000', '-passout', 'pass:correct horse'], { encoding: 'utf8' });
  const lanes = laneWorkers(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const result = await page.evaluate(async (input) => {
    const { WorkerClient } = await import('./js/worker-client.js');
    window.client = new WorkerClient();
    const report = await window.client.call('inspectKey', { input, passphrase: 'correct horse' });
    return { bits: report.bits, prf: report.kdf?.prf, code: report.problems.find((p) => p.severity === 'error')?.code };
  }, pem);
  assert.deepEqual(result, { bits: 2048, prf: 'hmacWithSHA224', code: 'pkcs8-format' }, 'unlocked');
  if (cores < 2) return t.skip(`${cores} core: no extra worker`);
  assert.equal(lanes.length, 2, 'an extra worker for each block');
  await until(() => lanes.every((l) => l.closed), 'the extra workers ended with the job');
  // Cancelled while the extra workers derive: they end with the job's worker.
  await page.evaluate((input) => { window.pending = window.client.call('inspectKey', { input, passphrase: 'correct horse' }).catch((e) => e.code); }, pem);
  await until(() => lanes.length === 4, 'the second job started its extra workers');
  assert.ok(lanes.slice(2).every((l) => !l.closed));
  await page.evaluate(() => window.client.cancel());
  await until(() => lanes.every((l) => l.closed), 'the extra workers ended with the cancelled job');
});

test('worker: a scrypt\'s blocks are mixed in extra workers, and the key they make unlocks the file', async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  // scrypt with N x r x p at keyfit's cap (N = 2^7, r = 8, p = 1024), as openssl writes it.
  const pem = execFileSync('openssl', ['pkcs8', '-topk8', '-in', join(ROOT, 'tests/corpus/keys/rsa2048-pkcs8.pem'), '-scrypt',
    '-scrypt_N', '128', '-scrypt_r', '8', '-scrypt_p', '1024', '-passout', 'pass:correct horse'], { encoding: 'utf8' });
  const lanes = laneWorkers(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const result = await page.evaluate(async (input) => {
    const { WorkerClient } = await import('./js/worker-client.js');
    const client = new WorkerClient();
    const codes = [];
    for (const passphrase of ['correct horse', 'wrong horse']) {
      const report = await client.call('inspectKey', { input, passphrase });
      codes.push(report.problems.find((p) => p.severity === 'error')?.code ?? `${report.bits} bits`);
    }
    client.cancel();
    return codes;
  }, pem);
  assert.deepEqual(result, ['pkcs8-format', 'wrong-passphrase'], 'unlocked with its passphrase only');
  if (cores < 2) return t.skip(`${cores} core: no extra worker`);
  assert.equal(lanes.length, 2 * Math.min(cores, 1024), 'extra workers for the blocks, for each of the two tries');
  await until(() => lanes.every((l) => l.closed), 'the extra workers ended with the job');
});
