// Issue 11, the page's part: every job can be stopped from where the user is, a newer edit cancels the check
// of an older one, passphrase and key fields are emptied once done with (and when the page is left), and the
// first copy of a private key says that it stays on the clipboard. A key with 120 bcrypt rounds (made by
// ssh-keygen -a 120, under every cap keyfit sets) keeps the worker busy long enough to press Stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineHas, openTab, run, start, tempDir } from './harness.mjs';

const skip = !engineHas('convertKey') && 'convertKey is not exported by www/pkg/keyfit.js yet';
const SLOW_PASS = 'slow pass';

/** Counts the workers the page terminates (a cancelled job ends its worker). */
function countTerminations() {
  window.__terminated = 0;
  const terminate = Worker.prototype.terminate;
  Worker.prototype.terminate = function counted() {
    window.__terminated++;
    return terminate.call(this);
  };
}

function keys(t) {
  const dir = tempDir(t);
  const make = (name, args) => {
    const made = run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-f', join(dir, name), ...args]);
    assert.equal(made.code, 0, made.out);
    return readFileSync(join(dir, name), 'utf8');
  };
  return {
    dir,
    slow: make('slow', ['-a', '120', '-N', SLOW_PASS]),
    plain: make('plain', ['-N', '', '-m', 'PEM']),
    path: (name) => join(dir, name),
  };
}

const focusedClass = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.className);

test('stop: the Convert tab, the converter under a report, Check and Save as each stop their own job', { skip }, async (t) => {
  const k = keys(t);
  const session = await start({ init: countTerminations });
  t.after(() => session.close());
  const { page } = session;

  await t.test('Convert tab: Stop ends the conversion; the next one works', async () => {
    const conv = page.locator('#convert-converter');
    await openTab(page, 'Convert');
    await page.locator('#convert-input').fill(k.slow);
    await page.locator('#convert-pass').fill(SLOW_PASS);
    await conv.getByRole('button', { name: 'Convert', exact: true }).click();
    const stop = conv.getByRole('button', { name: 'Stop' });
    await stop.waitFor({ state: 'visible' });
    await stop.click();
    await conv.locator('.status').filter({ hasText: 'Conversion stopped. Nothing was written.' }).waitFor();
    assert.ok(await stop.isHidden());
    assert.ok(await conv.locator('.out').isHidden());
    assert.equal(await focusedClass(page), 'go primary', 'the focus goes back to Convert');
    await conv.getByRole('button', { name: 'Convert', exact: true }).click();
    await conv.locator('.out').waitFor({ state: 'visible', timeout: 30_000 });
  });

  await t.test('Check tab: Stop ends the check, then the converter’s Stop ends “Make it Jira-ready”', async () => {
    await openTab(page, 'Check a key');
    await page.locator('#check-input').fill(k.slow);
    await page.locator('#check-pass').fill(SLOW_PASS);
    await page.locator('#check-pass').press('Enter');
    await page.locator('#check-cancel').click();
    await page.locator('#check-status').filter({ hasText: 'Check stopped.' }).waitFor();
    assert.ok(await page.locator('#check-report').isHidden());

    await page.getByRole('button', { name: 'Unlock and check' }).click();
    await page.locator('#check-problems li[data-code="openssh-format"]').waitFor({ timeout: 30_000 });
    const conv = page.locator('#check-converter');
    await conv.getByRole('button', { name: 'Make it Jira-ready' }).click();
    await conv.getByRole('button', { name: 'Stop' }).click();
    await conv.locator('.status').filter({ hasText: 'Conversion stopped.' }).waitFor();
    assert.ok(await conv.locator('.out').isHidden());
  });

  await t.test('Save as: Stop ends the conversion and nothing is downloaded', async () => {
    await openTab(page, 'Generate a key');
    await page.getByLabel('Key size').selectOption('2048');
    await page.getByRole('button', { name: 'Generate key pair' }).click();
    await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 60_000 });
    await page.getByLabel('Save the private key in another format').selectOption('ppk3');
    let downloads = 0;
    page.on('download', () => downloads++);
    const before = await page.evaluate(() => window.__terminated);
    // Both clicks in one task: the job has certainly not finished when Stop is pressed.
    await page.evaluate(() => {
      document.getElementById('gen-saveas-go').click();
      document.getElementById('gen-saveas-stop').click();
    });
    await page.locator('#gen-copy-status').filter({ hasText: 'Save stopped. Nothing was written.' }).waitFor();
    assert.ok(await page.evaluate(() => window.__terminated) > before, 'the job’s worker was ended');
    assert.ok(await page.locator('#gen-saveas-stop').isHidden());
    await page.waitForTimeout(300);
    assert.equal(downloads, 0);
  });
});

/** Opens the page with a slow key being checked; `before` is the count of worker terminations so far. */
async function slowCheckRunning(t) {
  const k = keys(t);
  const session = await start({ init: countTerminations });
  t.after(() => session.close());
  const { page } = session;
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(k.slow);
  await page.locator('#check-pass').fill(SLOW_PASS);
  await page.locator('#check-pass').press('Enter');
  await page.locator('#check-clock').filter({ hasText: 'Checking…' }).waitFor();
  const before = await page.evaluate(() => window.__terminated);
  return { k, page, before };
}

test('a newer edit cancels the check of an older one', { skip }, async (t) => {
  const { k, page, before } = await slowCheckRunning(t);
  await page.locator('#check-input').fill(k.plain);
  await page.locator('#check-verdict').filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
  assert.ok(await page.evaluate(() => window.__terminated) > before, 'the superseded check was cancelled');
});

test('a passphrase edited during its check ends that check: its answer would not be for the passphrase on screen', { skip }, async (t) => {
  const { k, page, before } = await slowCheckRunning(t);
  await page.locator('#check-pass').press('x');
  await page.locator('#check-status').filter({ hasText: 'Unlock and check' }).waitFor();
  assert.ok(await page.evaluate(() => window.__terminated) > before, 'the check with the old passphrase was cancelled');
  assert.ok(await page.locator('#check-report').isHidden());
  assert.ok(await page.locator('#check-cancel').isHidden());
});

test('secrets: passphrase and key fields are emptied once used, on a new file and when the page is left', { skip }, async (t) => {
  const k = keys(t);
  const session = await start();
  t.after(() => session.close());
  const { page, context } = session;
  const value = (selector) => page.locator(selector).inputValue();

  await t.test('the Generate passphrases, once the key is made; the first copy of a private key warns once', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin });
    await page.getByLabel('Key size').selectOption('2048');
    await page.locator('#gen-pass').fill('gen secret');
    await page.locator('#gen-pass2').fill('gen secret');
    await page.getByRole('button', { name: 'Generate key pair' }).click();
    await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await value('#gen-pass'), '');
    assert.equal(await value('#gen-pass2'), '');
    const copied = page.locator('#gen-copy-status');
    await page.locator('#gen-copy-private').click();
    await copied.filter({ hasText: 'stays on your clipboard' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await value('#gen-private'));
    await page.locator('#gen-copy-public').click();
    await copied.filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    await page.locator('#gen-copy-private').click();
    await copied.filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    assert.doesNotMatch(await copied.textContent(), /stays on your clipboard/, 'said once');
  });

  await t.test('the converter’s new passphrases once used; its output and the old passphrase on a new file', async () => {
    const conv = page.locator('#convert-converter');
    await openTab(page, 'Convert');
    await page.locator('#convert-file').setInputFiles(k.path('slow'));
    await page.locator('#convert-pass').fill(SLOW_PASS);
    await conv.getByLabel('Convert to').selectOption('pkcs8');
    await conv.locator('.new-pass').fill('new secret');
    await conv.locator('.new-pass2').fill('new secret');
    await conv.getByRole('button', { name: 'Convert', exact: true }).click();
    await conv.locator('.out').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await conv.locator('.new-pass').inputValue(), '');
    assert.equal(await conv.locator('.new-pass2').inputValue(), '');
    await page.locator('#convert-file').setInputFiles(k.path('plain'));
    await page.locator('#convert-file-note').filter({ hasText: 'Loaded “plain”' }).waitFor();
    assert.equal(await value('#convert-pass'), '', 'the old key’s passphrase is gone');
    assert.equal(await conv.locator('.out-text').inputValue(), '', 'the old output is gone');
  });

  await t.test('everything, when the page is left (pagehide)', async () => {
    await page.locator('#convert-input').fill(k.slow);
    await page.locator('#convert-pass').fill(SLOW_PASS);
    await page.locator('#convert-converter .new-pass').fill('x');
    await openTab(page, 'Check a key');
    await page.locator('#check-input').fill(k.slow);
    await page.locator('#check-pass-row').waitFor({ state: 'visible' });
    await page.locator('#check-pass').fill(SLOW_PASS);
    await openTab(page, 'Generate a key');
    await page.locator('#gen-pass').fill('typed');
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
    const left = await page.evaluate(() => [...document.querySelectorAll('textarea, input[type="password"]')]
      .filter((f) => f.value !== '').map((f) => f.id || f.className));
    assert.deepEqual(left, [], 'fields still holding text');
  });
});

/**
 * Holds back, for `ms`, every request the page posts to a worker whose `input` or `other` is one of the texts in
 * window.__slow: a stand-in for a worker busy with that job.
 */
function slowWorkerFor() {
  window.__slow = new Set();
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function held(message, ...rest) {
    const texts = [message?.args?.input, message?.args?.other].filter((s) => typeof s === 'string').map((s) => s.trim());
    if (texts.some((s) => window.__slow.has(s))) setTimeout(() => post.call(this, message, ...rest), 2_000);
    else post.call(this, message, ...rest);
  };
}

test('compare: a third comparison still stops the second; no answer for older text ever shows', { skip }, async (t) => {
  const dir = tempDir(t);
  const pub = (name) => {
    const made = run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-m', 'PEM', '-f', join(dir, name)]);
    assert.equal(made.code, 0, made.out);
    return readFileSync(join(dir, `${name}.pub`), 'utf8').trim();
  };
  const [mine, first, third] = [pub('mine'), pub('first'), pub('third')];
  const session = await start({ init: slowWorkerFor });
  t.after(() => session.close());
  const { page } = session;
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(readFileSync(join(dir, 'mine'), 'utf8'));
  await page.locator('#check-verdict').filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
  await page.evaluate((texts) => {
    for (const s of texts) window.__slow.add(s);
    // Every text the result shows from here on.
    window.__shown = [];
    const result = document.getElementById('compare-result');
    new MutationObserver(() => window.__shown.push(result.textContent))
      .observe(result, { childList: true, characterData: true, subtree: true });
  }, [first, mine]);

  const input = page.locator('#compare-input');
  const clock = () => page.evaluate(() => performance.now());
  await input.fill(first); // 1: slow
  await page.waitForTimeout(400); // past the 300 ms debounce: the first comparison runs
  await input.fill(mine); // 2: slow; it stops the first
  await page.waitForTimeout(400);
  await input.fill(third); // 3: quick; it must stop the second
  await page.locator('#compare-result').filter({ hasText: 'No match' }).waitFor();
  const seen = await clock();
  await page.waitForFunction((t0) => performance.now() - t0 > 2_500, seen);
  const shown = await page.evaluate(() => window.__shown.filter(Boolean));
  assert.match(shown.at(-1), /No match/, `the answer for the text on screen stays: ${shown.join(' | ')}`);
  assert.ok(!shown.some((s) => /✓ Match/.test(s)), `the second comparison’s answer never shows: ${shown.join(' | ')}`);
});

test('pagehide ends every worker (check, converter, URL, generator, prime workers); after pageshow they start again', { skip }, async (t) => {
  const k = keys(t);
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  const workers = () => page.workers().length;

  await page.getByLabel('Key size').selectOption('2048');
  await page.getByLabel('Made by').selectOption('rust'); // the prime workers
  await page.getByRole('button', { name: 'Generate key pair' }).click();
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 60_000 });
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(k.plain);
  await page.locator('#check-verdict').filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
  await openTab(page, 'Connect to Jira');
  await page.locator('#connect-url').fill('git@github.com:acme/app.git');
  await page.locator('#connect-url-verdict').filter({ hasText: 'Jira can use it' }).waitFor();
  assert.ok(workers() >= 2, `workers running before pagehide: ${workers()}`);

  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
  for (let i = 0; i < 40 && workers() > 0; i++) await page.waitForTimeout(50);
  assert.equal(workers(), 0, 'no worker is left in a hidden page');

  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(k.plain);
  await page.locator('#check-verdict').filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
  assert.ok(workers() >= 1, 'a fresh worker for the check');
});
