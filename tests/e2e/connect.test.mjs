// The Connect to Jira tab (issue 13): walked by keyboard only (Tab, Shift+Tab, Enter, Space, typing) from an https
// GitHub URL and an OpenSSH-format RSA key made by ssh-keygen to the suggested SSH URL and a Jira-ready PKCS#1 key
// that ssh-keygen and openssl read, with the fingerprint ssh-keygen prints compared, and no request leaving the
// page. Then: a stale URL answer never shows beside a newer URL, another key's fingerprint says "different", a
// locked key asks for its passphrase, the summary is not ready while the URL has an error, a dropped file comes to
// this tab and its check can be stopped, and leaving the page empties the secret fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNothingLeaked, assertOnlyOwnFiles, engineHas, run, start, tempDir } from './harness.mjs';

const skip = !(engineHas('checkCloneUrl') && engineHas('matchKey')) && 'checkCloneUrl or matchKey is not exported by www/pkg/keyfit.js yet';
const PASS = 'walk pass';
const HTTPS_URL = 'https://github.com/acme/widgets';
const SSH_URL = 'git@github.com:acme/widgets.git';

/**
 * Lets a test hold back the next clone URL answer a worker sends (`window.holdNextUrlAnswer = ms`), as a slow
 * worker would; `window.heldDelivered` turns true once it has been handed to the page.
 */
function holdableUrlAnswers() {
  const RealWorker = globalThis.Worker;
  globalThis.Worker = class extends RealWorker {
    set onmessage(handler) {
      super.onmessage = (event) => {
        const ms = globalThis.holdNextUrlAnswer;
        if (!ms || !event.data?.value || !('hostKind' in event.data.value)) { handler(event); return; }
        globalThis.holdNextUrlAnswer = 0;
        setTimeout(() => { handler(event); globalThis.heldDelivered = true; }, ms);
      };
    }

    get onmessage() { return super.onmessage; }
  };
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page, selector, { back = false, max = 60 } = {}) {
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((s) => Boolean(document.activeElement?.matches(s)), selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`${selector} was not reached with ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** `ssh-keygen -l` (or `-E md5 -l`) output for a key file: what a user copies from a terminal. */
const fingerprintLine = (file, md5 = false) => run('ssh-keygen', [...(md5 ? ['-E', 'md5'] : []), '-l', '-f', file]).out.trim();

function makeKey(dir, name, args) {
  const file = join(dir, name);
  const made = run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-C', `${name}@keyfit`, '-f', file, ...args]);
  assert.equal(made.code, 0, made.out);
  return { file, text: readFileSync(file, 'utf8'), pub: readFileSync(`${file}.pub`, 'utf8').trim() };
}

test('connect: the whole form by keyboard, then stale answers, other keys, locked keys, URL errors', { skip }, async (t) => {
  const dir = tempDir(t);
  const key = makeKey(dir, 'walk', ['-N', PASS]); // OpenSSH format, ssh-keygen's default
  const other = makeKey(dir, 'other', ['-N', '']);
  const locked = makeKey(dir, 'locked', ['-N', 'pem pass', '-m', 'PEM']);
  const session = await start({ init: holdableUrlAnswers });
  t.after(() => session.close());
  const { page } = session;
  const $ = (selector) => page.locator(selector);
  const summary = $('#connect-summary');
  const compareResult = $('#connect-compare-result');

  await t.test('keyboard only: https URL -> SSH URL, OpenSSH key -> Jira-ready PKCS#1, fingerprint compared', async () => {
    await tabTo(page, '#tab-generate');
    await page.keyboard.press('End');
    assert.equal(await $('#tab-connect').getAttribute('aria-selected'), 'true');
    assert.ok(await $('#connect').isVisible());

    // 1. Host URL: the https address is an error, with the SSH URL to use instead.
    await tabTo(page, '#connect-url');
    await page.keyboard.type(HTTPS_URL);
    await $('#connect-url-problems li[data-code="https-url"]').waitFor();
    assert.equal(await $('#connect-url-verdict').getAttribute('data-tone'), 'bad');
    assert.match(await $('#connect-url-verdict').textContent(), /GitHub.*Why: .*HTTPS/s, 'the live region carries the reason');
    assert.equal(await $('#connect-url-suggested').textContent(), SSH_URL);
    assert.match(await summary.textContent(), /^Not ready yet/);
    await tabTo(page, '#connect-url-use');
    await page.keyboard.press('Enter');
    await $('#connect-url-verdict[data-tone="ok"]').waitFor();
    assert.equal(await $('#connect-url').inputValue(), SSH_URL);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'connect-url', 'the focus goes back to the field');

    // 2. The key: its passphrase is asked for, then "Make it Jira-ready" (which keeps the passphrase).
    await tabTo(page, '#connect-key-input');
    await page.keyboard.insertText(key.text);
    await $('#connect-key-pass-row').waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'connect-key-pass');
    assert.match(await $('#connect-key-pass-hint').textContent(), /Jira asks for it in the Passphrase field; leave that blank if the key has none/);
    await page.keyboard.type(PASS);
    await page.keyboard.press('Enter');
    await $('#connect-key-problems li[data-code="openssh-format"]').waitFor();
    assert.equal(await $('#connect-key-verdict').getAttribute('data-tone'), 'bad');
    await tabTo(page, '#connect-key-converter .make-ready');
    await page.keyboard.press('Space');
    await $('#connect-key-converter .status').filter({ hasText: 'Checked again: Jira will accept this key.' }).waitFor();

    // 3. The git host's side: the public key, where GitHub takes it, links that tell the host nothing.
    assert.equal((await $('#connect-key-public').inputValue()).trim(), key.pub);
    assert.ok(await $('#connect-guide').isVisible());
    assert.match(await $('#connect-host-intro').textContent(), /GitHub/);
    const links = await $('#connect-guide a').evaluateAll((as) => as.map((a) => [a.href, a.rel, a.target]));
    assert.ok(links.length > 0, 'links to GitHub\'s pages');
    for (const [href, rel, target] of links) {
      assert.match(href, /^https:\/\//);
      assert.equal(rel, 'noreferrer noopener');
      assert.equal(target, '_blank');
    }
    // The verify command shows once the key file exists (issue 19: it needs id_rsa.pem), in step 4.
    assert.ok(await $('#connect-verify').isHidden(), 'no verify command before the key file exists');

    // The fingerprint ssh-keygen prints, pasted into the Compare box.
    await tabTo(page, '#connect-compare');
    const line = fingerprintLine(`${key.file}.pub`);
    await page.keyboard.insertText(line);
    await compareResult.filter({ hasText: 'Same key' }).waitFor();
    assert.equal(await compareResult.getAttribute('data-tone'), 'ok');
    const sha = line.split(' ')[1];
    assert.equal((await compareResult.textContent()).split(sha).length, 3, 'both fingerprints are shown');

    // 4. The summary: ready, with the SSH URL, the PKCS#1 key (downloaded by keyboard) and the passphrase note.
    await summary.filter({ hasText: '✓ Ready' }).waitFor();
    assert.equal(await summary.getAttribute('data-tone'), 'ok');
    assert.equal(await $('#connect-sum-url').textContent(), SSH_URL);
    assert.match(await $('#connect-sum-pass').textContent(), /passphrase you entered in step 2/);
    await tabTo(page, '#connect-sum-dl');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'id_rsa.pem');
    assert.match(await $('#connect-verify-commands').textContent(), /git@github\.com/, 'the verify command');
    const pem = join(dir, 'jira.pem');
    await download.saveAs(pem);
    const text = readFileSync(pem, 'utf8');
    assert.equal(text, await $('#connect-sum-key').inputValue());
    assert.match(text, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,/);
    run('chmod', ['600', pem]);
    const derived = run('ssh-keygen', ['-y', '-P', PASS, '-f', pem]);
    assert.equal(derived.code, 0, derived.out);
    assert.equal(derived.out.trim().split(' ').slice(0, 2).join(' '), key.pub.split(' ').slice(0, 2).join(' '));
    assert.match(run('openssl', ['rsa', '-check', '-noout', '-passin', `pass:${PASS}`, '-in', pem]).out, /RSA key ok/);

    assertOnlyOwnFiles(session);
    await assertNothingLeaked(session);
  });

  await t.test('a stale URL answer never shows beside a newer URL', async () => {
    // Every frame, the URL in the field and the host the answer on screen names.
    await page.evaluate(() => {
      window.urlFrames = [];
      const sample = () => {
        const answer = document.getElementById('connect-url-answer');
        window.urlFrames.push([document.getElementById('connect-url').value,
          answer.checkVisibility() ? document.getElementById('connect-url-verdict').textContent : null]);
        window.urlSampling = requestAnimationFrame(sample);
      };
      sample();
    });
    const url = $('#connect-url');
    await page.evaluate(() => { window.holdNextUrlAnswer = 1500; });
    await url.fill('https://github.com/acme/held');
    await page.waitForFunction(() => window.holdNextUrlAnswer === 0); // its answer is on its way, held back
    await url.fill('https://gitlab.com/acme/newer');
    await $('#connect-url-verdict').filter({ hasText: 'gitlab.com' }).waitFor();
    await page.waitForFunction(() => window.heldDelivered === true);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    assert.match(await $('#connect-url-verdict').textContent(), /gitlab\.com/);
    const frames = await page.evaluate(() => { cancelAnimationFrame(window.urlSampling); return window.urlFrames; });
    const hostIn = (value) => /git(hub|lab)\.com/.exec(value)[0];
    const wrong = frames.filter(([value, verdict]) => verdict !== null && !verdict.includes(hostIn(value)));
    assert.deepEqual(wrong, [], 'an answer shown beside another URL');
    assert.ok(frames.some(([, verdict]) => verdict?.includes('gitlab.com')));
  });

  await t.test('the summary is not ready while the URL has an error, or a USER to replace', async () => {
    const url = $('#connect-url');
    await url.fill('git@github.com/acme/widgets.git'); // git reads this as a local path
    await $('#connect-url-problems li[data-code="slash-after-host"]').waitFor();
    assert.ok(await $('#connect-sum-key-box').isVisible(), 'the key is still Jira-ready');
    assert.match(await summary.textContent(), /^Not ready yet: a correct Host URL/);
    assert.equal(await summary.getAttribute('data-tone'), 'warn');
    // A suggestion with a user name only the user knows: not ready until USER is replaced.
    await url.fill('https://gerrit.example.com/a/widgets');
    await $('#connect-url-problems li[data-code="https-url"]').waitFor();
    await $('#connect-url-use').click();
    await $('#connect-url-verdict').filter({ hasText: 'once USER is replaced' }).waitFor();
    assert.equal(await url.inputValue(), 'ssh://USER@gerrit.example.com:29418/widgets');
    assert.match(await summary.textContent(), /^Not ready yet: a correct Host URL/);
    assert.match(await $('#connect-sum-url-note').textContent(), /replace USER/);
    await url.fill('ssh://jane@gerrit.example.com:29418/widgets');
    await summary.filter({ hasText: '✓ Ready' }).waitFor();
    await url.fill(SSH_URL);
    await $('#connect-sum-url').filter({ hasText: SSH_URL }).waitFor();
    await summary.filter({ hasText: '✓ Ready' }).waitFor();
  });

  await t.test('another key\'s fingerprint says different; MD5 and public-key forms compare too', async () => {
    const compare = $('#connect-compare');
    await compare.fill(fingerprintLine(`${other.file}.pub`));
    await compareResult.filter({ hasText: 'Different' }).waitFor();
    assert.equal(await compareResult.getAttribute('data-tone'), 'bad');
    const text = await compareResult.textContent();
    assert.ok(text.includes(fingerprintLine(`${other.file}.pub`).split(' ')[1]), 'the host\'s fingerprint');
    assert.ok(text.includes(fingerprintLine(`${key.file}.pub`).split(' ')[1]), 'the key\'s fingerprint');
    await compare.fill(fingerprintLine(`${key.file}.pub`, true));
    await compareResult.filter({ hasText: 'Same key' }).waitFor();
    assert.ok((await compareResult.textContent()).includes(fingerprintLine(`${key.file}.pub`, true).split(' ')[1]));
    await compare.fill(other.pub);
    await compareResult.filter({ hasText: 'Different' }).waitFor();
    assert.ok((await compareResult.textContent()).includes(fingerprintLine(`${other.file}.pub`).split(' ')[1]));
  });

  await t.test('a locked PKCS#1 key asks for its passphrase, in the key step and in the comparison', async () => {
    await $('#connect-compare').fill(fingerprintLine(`${locked.file}.pub`));
    await $('#connect-key-input').fill(locked.text);
    await $('#connect-key-pass-row').waitFor({ state: 'visible' });
    // The passphrase of the previous paste is still in the field (as on the Check tab): it does not unlock this key.
    await $('#connect-key-problems li[data-code="passphrase-required"], #connect-key-problems li[data-code="wrong-passphrase"]').waitFor();
    await compareResult.filter({ hasText: 'passphrase' }).waitFor();
    assert.equal(await compareResult.getAttribute('data-tone'), 'warn');
    assert.match(await summary.textContent(), /^Not ready yet: a Jira-ready private key/);
    assert.ok(await $('#connect-sum-key-box').isHidden());
    assert.equal(await $('#connect-sum-key').inputValue(), '', 'the previous key is gone from the summary');
    await $('#connect-key-pass').fill('pem pass');
    await $('#connect-key-pass').press('Enter');
    await summary.filter({ hasText: '✓ Ready' }).waitFor();
    await compareResult.filter({ hasText: 'Same key' }).waitFor();
    assert.equal(await $('#connect-sum-key').inputValue(), locked.text, 'a Jira-ready key is given as it is');
    assert.match(await $('#connect-sum-pass').textContent(), /passphrase you entered in step 2/);
  });

  await t.test('a key file dropped on the page while this tab is open comes here; its check can be stopped', async () => {
    const slow = makeKey(dir, 'slow', ['-a', '120', '-N', 'slow pass']);
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'id_rsa'));
      return dt;
    }, slow.text);
    await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await $('#connect-key-file-note').filter({ hasText: 'id_rsa' }).waitFor();
    assert.ok(await $('#connect').isVisible(), 'the Connect tab stays open');
    assert.equal(await $('#connect-key-input').inputValue(), slow.text);
    await $('#connect-key-pass-row').waitFor({ state: 'visible' });
    await $('#connect-key-pass').fill('slow pass');
    await $('#connect-key-pass').press('Enter');
    await $('#connect-key-cancel').click();
    await $('#connect-key-status').filter({ hasText: 'Check stopped.' }).waitFor();
    assert.ok(await $('#connect-key-report').isHidden());
    assert.match(await summary.textContent(), /^Not ready yet: a Jira-ready private key/);
  });

  await t.test('leaving the page empties the key, passphrase, summary and URL fields (a URL may hold a token)', async () => {
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
    for (const id of ['connect-url', 'connect-key-input', 'connect-key-pass', 'connect-sum-key', 'connect-compare', 'connect-key-public']) {
      assert.equal(await $(`#${id}`).inputValue(), '', id);
    }
  });
});
