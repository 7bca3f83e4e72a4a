// Cancel terminates the generating worker; the next generation gets a fresh one and works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNothingLeaked, assertOnlyOwnFiles, start } from './harness.mjs';

test('cancel: a running Rust-engine generation stops, and the next one works', async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  const status = page.locator('#gen-status');
  // The Check tab's worker starts at idle to load the key engine ahead of need (app.js) and stays; the
  // generation's own workers are the ones a cancel must end.
  for (let i = 0; i < 200 && page.workers().length === 0; i++) await page.waitForTimeout(50);
  const before = new Set(page.workers());
  assert.equal(before.size, 1, 'the Check tab\'s worker, started at idle');
  const generationWorkers = () => page.workers().filter((w) => !before.has(w));

  await page.getByLabel('Key size').selectOption('4096');
  await page.getByLabel('Made by').selectOption('rust');
  await page.getByRole('button', { name: 'Generate key pair' }).click();
  // The elapsed-time clock runs while the worker works.
  await page.locator('#gen-clock').filter({ hasText: /^Generating… \d+\.\d s$/ }).waitFor();
  await page.waitForFunction(() => /Generating… (0\.[3-9]|[1-9])/.test(document.querySelector('#gen-clock').textContent));
  assert.ok(await page.getByRole('button', { name: 'Generate key pair' }).isDisabled());
  assert.ok(generationWorkers().length > 0, 'the generation runs in workers of its own');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await status.filter({ hasText: 'Generation cancelled' }).waitFor({ timeout: 2_000 });
  assert.equal(await page.locator('#gen-clock').textContent(), '');
  assert.ok(await page.locator('#gen-cancel').isHidden());
  assert.ok(await page.locator('#gen-result').isHidden(), 'no key is shown after a cancel');
  assert.ok(await page.getByRole('button', { name: 'Generate key pair' }).isEnabled());
  // The terminated workers are gone; the Check tab's is untouched.
  for (let i = 0; i < 40 && generationWorkers().length > 0; i++) await page.waitForTimeout(50);
  assert.equal(generationWorkers().length, 0);
  assert.deepEqual(page.workers(), [...before]);

  await page.getByLabel('Key size').selectOption('2048');
  await page.getByRole('button', { name: 'Generate key pair' }).click();
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 60_000 });
  assert.match(await status.textContent(), /^Done: a 2048-bit key pair/);
  assert.match(await page.locator('#gen-meta').textContent(), /^2048-bit RSA, made by keyfit’s own code/);
  assert.match(await page.locator('#gen-private').inputValue(), /^-----BEGIN RSA PRIVATE KEY-----\n/);

  assertOnlyOwnFiles(session);
  await assertNothingLeaked(session);
});
