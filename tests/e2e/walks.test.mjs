// Issue 19: the page walked as four users walk it, asserting on the text they see. A Jira admin with an OpenSSH
// id_rsa (passphrase) and a GitHub https URL; a developer with a PuTTY .ppk (made by puttygen) and a Bitbucket Data
// Center browse URL; a team lead rotating the key; someone on a 390 px phone pasting a key a chat app mangled. Plus
// the first screen, Generate -> Connect, and a page saved with the browser ("Webpage, Complete", and MHTML).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WWW, engineHas, launchChromium, openTab, run, start, tempDir } from './harness.mjs';

const skip = !(engineHas('checkCloneUrl') && engineHas('matchKey')) && 'checkCloneUrl or matchKey is not exported by www/pkg/keyfit.js yet';
const PASS = 'walk pass';

/** The text a user sees in `selector` (hidden parts left out). */
const seen = (page, selector) => page.locator(selector).evaluate((node) => node.innerText);

/** Fails if any visible text on the page says "null" or "undefined". */
async function noStrayWords(page) {
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /\bnull\b|\bundefined\b/, 'a stray "null" or "undefined" shows');
}

function sshKeygen(dir, name, args) {
  const file = join(dir, name);
  const made = run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-C', `${name}@keyfit`, '-f', file, ...args]);
  assert.equal(made.code, 0, made.out);
  return { file, text: readFileSync(file, 'utf8') };
}

test('the Jira admin: OpenSSH id_rsa with a passphrase and a GitHub https URL, made ready in Connect', { skip }, async (t) => {
  const key = sshKeygen(tempDir(t), 'id_rsa', ['-N', PASS]);
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  const $ = (s) => page.locator(s);
  await openTab(page, 'Connect to Jira');
  await $('#connect-url').fill('https://github.com/acme/app');
  await $('#connect-url-use').click();
  await $('#connect-url-verdict[data-tone="ok"]').waitFor();
  await $('#connect-key-input').fill(key.text);
  await $('#connect-key-pass').fill(PASS);
  await $('#connect-key-pass').press('Enter');
  await $('#connect-key-verdict').filter({ hasText: 'Jira will not accept this key as it is' }).waitFor();
  assert.doesNotMatch(await seen(page, '#connect-key-verdict'), /null|undefined/);
  await $('#connect-key-converter').getByRole('button', { name: 'Make it Jira-ready' }).click();
  await $('#connect-summary').filter({ hasText: '✓ Ready' }).waitFor();
  const verdict = await seen(page, '#connect-key-verdict');
  assert.match(verdict, /^✓/, `the headline follows the key Jira gets: ${verdict}`);
  assert.doesNotMatch(verdict, /✗/);
  assert.match(await seen(page, '#connect-key-report'), /OpenSSH format/, 'the original’s problem is kept as history');
  await noStrayWords(page);
});

test('a key that is ready already: a ✓ without "null", and no primary Convert', { skip }, async (t) => {
  const key = sshKeygen(tempDir(t), 'id_rsa', ['-N', PASS, '-m', 'PEM']);
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(key.text);
  await page.locator('#check-pass').fill(PASS);
  await page.locator('#check-pass').press('Enter');
  await page.locator('#check-verdict').filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
  assert.equal(await seen(page, '#check-verdict'), '✓ Jira will accept this key. Enter its passphrase in Jira too.');
  const primaries = await page.locator('#check-converter button.primary:visible').allTextContents();
  assert.deepEqual(primaries, [], 'no conversion offered as the primary action');
  await noStrayWords(page);
});

test('the developer: a Bitbucket Data Center browse URL; the guessed port is never “Ready”', { skip }, async (t) => {
  const dir = tempDir(t);
  const ppk = join(dir, 'dev.ppk');
  const made = run('puttygen', ['-t', 'rsa', '-b', '2048', '-C', 'dev@keyfit', '-o', ppk, '--new-passphrase', '/dev/null']);
  assert.equal(made.code, 0, made.out);
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  const $ = (s) => page.locator(s);
  await openTab(page, 'Connect to Jira');
  await $('#connect-key-file').setInputFiles(ppk);
  await $('#connect-key-converter').getByRole('button', { name: 'Make it Jira-ready' }).click();
  await $('#connect-key-converter .status').filter({ hasText: 'Checked again' }).waitFor();
  await $('#connect-url').fill('https://bitbucket.example.com/projects/PROJ/repos/app/browse');
  await $('#connect-url-use').click();
  await $('#connect-url-verdict').filter({ hasText: 'SSH clone URL' }).waitFor();
  assert.match(await seen(page, '#connect-url-answer'), /7999 is Bitbucket’s default SSH port/, 'the warning stays');
  assert.match(await seen(page, '#connect-url-verdict'), /Bitbucket Data Center/, 'named as Atlassian names it now');
  assert.doesNotMatch(await seen(page, '#connect-summary'), /Ready:/);
  assert.match(await seen(page, '#connect-summary'), /port/);
  await page.getByRole('button', { name: 'The port is right' }).click();
  await $('#connect-summary').filter({ hasText: '✓ Ready' }).waitFor();
  // An edit of the URL is the user's own: it is checked as typed, with no guessed port to confirm.
  await $('#connect-url').fill('ssh://git@bitbucket.example.com:7990/proj/app.git');
  await $('#connect-summary').filter({ hasText: '✓ Ready' }).waitFor();
  assert.ok(await $('#connect-key-file-note').isVisible());
  assert.ok(await $('#connect-key-file').evaluate((n) => n.getBoundingClientRect().width <= 1), 'no “No file chosen” beside “Loaded”');
  await noStrayWords(page);
});

test('the team lead: a rotation path that says Edit integration and when to remove the old key', { skip }, async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  await openTab(page, 'Connect to Jira');
  const text = await seen(page, '#connect');
  assert.match(text, /Replace the key of an existing integration/);
  assert.match(text, /Edit integration/);
  assert.match(text, /remove the old public key .*once the new key works/i);
});

test('the first screen: Jira’s own words lead on; Connect is one click away; both Jira routes and Upload Key File', { skip }, async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  const first = await seen(page, 'body > header');
  assert.match(first, /SSH key format is invalid/);
  await page.locator('body > header').getByRole('button', { name: /SSH key format is invalid/ }).click();
  assert.ok(await page.locator('#check').isVisible(), 'the message leads to the Check tab');
  await page.locator('body > header').getByRole('button', { name: /Connect a repository/ }).click();
  assert.ok(await page.locator('#connect').isVisible());
  const connect = await seen(page, '#connect');
  assert.match(connect, /Quick start.*SSH.*Connect/s);
  assert.match(connect, /Single git repository integration/);
  assert.match(connect, /Upload Key File/);
});

test('Generate → Next: connect to Jira carries the key and its passphrase into Connect', { skip }, async (t) => {
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  await page.getByLabel('Key size').selectOption('2048');
  await page.locator('#gen-pass').fill(PASS);
  await page.locator('#gen-pass2').fill(PASS);
  await page.getByRole('button', { name: 'Generate key pair' }).click();
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 60_000 });
  const privateKey = await page.locator('#gen-private').inputValue();
  await page.locator('#generate').getByRole('button', { name: 'Next: connect to Jira' }).click();
  assert.ok(await page.locator('#connect').isVisible());
  assert.equal(await page.locator('#connect-key-input').inputValue(), privateKey);
  await page.locator('#connect-key-verdict').filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
  assert.match(await seen(page, '#connect-sum-pass'), /passphrase/);
  await noStrayWords(page);
});

test('the phone: tabs in one row at 390 px; a key mangled by a chat app is repaired and flagged for replacing', { skip }, async (t) => {
  const key = sshKeygen(tempDir(t), 'chat', ['-N', '', '-m', 'PEM']);
  const session = await start({ viewport: { width: 390, height: 844 } });
  t.after(() => session.close());
  const { page } = session;
  const tops = await page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `the tabs are in one row: ${tops.join(', ')}`);
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(key.text.trim().split('\n').join(' '));
  await page.getByRole('button', { name: 'Use the repaired key' }).click();
  await page.locator('#check-verdict').filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
  assert.match(await seen(page, '#check-report'), /chat or email/, 'a key that travelled through chat should be replaced');
  await noStrayWords(page);
});

/** A folded Connect step's line: {text, expanded, lines, cut} (lines: its height in lines of its text). */
const stepLine = (page, step) => page.locator(`#connect-step-${step} .step-line`).evaluate((button) => {
  const span = button.firstElementChild;
  const lineHeight = parseFloat(getComputedStyle(span).lineHeight);
  return { text: span.innerText, expanded: button.getAttribute('aria-expanded'),
    lines: span.getBoundingClientRect().height / lineHeight, cut: span.scrollWidth > span.clientWidth };
});

test('the phone: Connect’s finished steps fold into one line that names the outcome; a changed URL opens its step again', { skip }, async (t) => {
  const key = sshKeygen(tempDir(t), 'id_rsa', ['-N', '', '-m', 'PEM']);
  const session = await start({ viewport: { width: 390, height: 844 } });
  t.after(() => session.close());
  const { page } = session;
  const $ = (s) => page.locator(s);
  await openTab(page, 'Connect to Jira');
  await $('#connect-url').fill('git@github.com:acme/app.git');
  await $('#connect-url-verdict[data-tone="ok"]').waitFor();
  assert.ok(await $('#connect-url').isVisible(), 'a step never folds while the focus is in it');

  // The key field takes the focus: step 1 is finished, so it folds into one line.
  await $('#connect-key-input').fill(key.text);
  const url = await stepLine(page, 'url');
  assert.deepEqual({ ...url, lines: Math.round(url.lines) }, { text: '✓ Host URL: git@github.com:acme/app.git', expanded: 'false', lines: 1, cut: false });
  assert.ok((await $('#connect-step-url').boundingBox()).height < 60, 'the folded step is one line high');
  assert.equal(await $('#connect-step-url-body').isVisible(), false);
  await $('#connect-summary').filter({ hasText: '✓ Ready' }).waitFor();
  await $('#connect-compare').focus();
  assert.match((await stepLine(page, 'key')).text, /^✓ Private key: Jira-ready, no passphrase$/);

  // Opened again by keyboard; a changed URL keeps it open (not finished: no line) until it is right again.
  await $('#connect-step-url .step-line').focus();
  await page.keyboard.press('Enter');
  assert.equal((await stepLine(page, 'url')).expanded, 'true');
  assert.ok(await $('#connect-url').isVisible(), 'opened, the step shows its field');
  await $('#connect-url').fill('https://github.com/acme/widgets');
  await $('#connect-url-problems li[data-code="https-url"]').waitFor();
  assert.equal(await $('#connect-step-url .step-line').count(), 0, 'an unfinished step has no folded line');
  assert.equal(await seen(page, '#connect-step-url h3'), '1. Host URL');
  await $('#connect-url-use').click();
  await $('#connect-url-verdict[data-tone="ok"]').waitFor();
  assert.ok(await $('#connect-url').isVisible(), 'still open while the focus is in it');
  await $('#connect-compare').focus();
  assert.equal((await stepLine(page, 'url')).text, '✓ Host URL: git@github.com:acme/widgets.git');

  // Step 3 folds once the host's key is the same one and the focus moves on.
  await $('#connect-compare').fill(readFileSync(`${key.file}.pub`, 'utf8'));
  await $('#connect-compare-result').filter({ hasText: 'Same key' }).waitFor();
  await $('#connect-sum-url-copy').focus();
  assert.equal((await stepLine(page, 'host')).text, '✓ Git host: it has this key');
  assert.equal(await $('#connect-compare').isVisible(), false);
  await noStrayWords(page);

  // At 1280 px every step shows in full, as before (once the browser has told the page its width changed: the media
  // query's change event comes with the next rendering, after setViewportSize has returned).
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => document.querySelectorAll('.step-line').length === 0, null, { timeout: 5000 });
  for (const step of ['url', 'key', 'host']) assert.ok(await $(`#connect-step-${step}-body`).isVisible(), `${step} shows at 1280 px`);
});

test('a page saved with the browser (“Webpage, Complete”) says to use keyfit.html, with no build command', async (t) => {
  const dir = tempDir(t);
  const session = await start();
  t.after(() => session.close());
  // As Chromium writes it: the DOM as it is now, its classic and module scripts saved beside it under new names
  // (the modules' own imports are not saved).
  const html = (await session.page.content())
    .replace('src="js/boot.js"', 'src="keyfit_files/boot.js"')
    .replace('src="app.js"', 'src="keyfit_files/app.js"')
    .replace('href="style.css"', 'href="keyfit_files/style.css"');
  mkdirSync(join(dir, 'keyfit_files'));
  for (const [from, to] of [['js/boot.js', 'boot.js'], ['app.js', 'app.js'], ['style.css', 'style.css']]) {
    copyFileSync(join(WWW, from), join(dir, 'keyfit_files', to));
  }
  writeFileSync(join(dir, 'saved.html'), html);
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(dir, 'saved.html')).href);
  const note = page.locator('#keyfit-startup');
  await note.waitFor();
  const text = await note.innerText();
  assert.match(text, /keyfit\.html/);
  assert.doesNotMatch(text, /build\.sh|npm|node /, 'no build command in what a user reads');
});

test('a page saved with the browser as MHTML (“Webpage, Single File”) says to use keyfit.html, and offers nothing that cannot work', async (t) => {
  const dir = tempDir(t);
  const session = await start();
  t.after(() => session.close());
  // What Chromium's "Save as › Webpage, Single File" writes: the DOM as it is now and its stylesheet, no scripts.
  const cdp = await session.context.newCDPSession(session.page);
  const { data } = await cdp.send('Page.captureSnapshot', { format: 'mhtml' });
  const file = join(dir, 'keyfit.mhtml');
  writeFileSync(file, data);
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(pathToFileURL(file).href);
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /saved by the browser/, `the note says what this copy is: ${text}`);
  assert.match(text, /use keyfit\.html/i);
  assert.doesNotMatch(text, /build\.sh|npm|node /, 'no build command in what a user reads');
  // Nothing to click or fill that would do nothing: the tabs and their forms are not shown.
  const controls = await page.locator('main, button, input, textarea, select').evaluateAll((nodes) => nodes.filter((n) => n.checkVisibility()).length);
  assert.equal(controls, 0, 'no tab, button or field shows in a copy where no script runs');
  assert.doesNotMatch(text, /✓|Generate key pair/);

  // The same note, and no tabs, where JavaScript is turned off (what <noscript> used to say).
  const off = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await off.goto(session.url);
  assert.ok(await off.getByText('use keyfit.html instead').isVisible());
  assert.equal(await off.locator('main').isVisible(), false);
});

test('the verify commands show once id_rsa.pem exists, each restricting the key file first', { skip }, async (t) => {
  const key = sshKeygen(tempDir(t), 'id_rsa', ['-N', '', '-m', 'PEM']);
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  await openTab(page, 'Connect to Jira');
  await page.locator('#connect-url').fill('git@github.com:acme/app.git');
  await page.locator('#connect-key-input').fill(key.text);
  await page.locator('#connect-summary').filter({ hasText: '✓ Ready' }).waitFor();
  assert.doesNotMatch(await seen(page, '#connect'), /ssh -i id_rsa\.pem|ls-remote/, 'no command before the key file exists');
  await Promise.all([page.waitForEvent('download'), page.locator('#connect-sum-dl').click()]);
  const commands = await seen(page, '#connect-verify');
  assert.match(commands, /chmod 600 id_rsa\.pem/);
  assert.match(commands, /git@github\.com/);
});

test('the hosted page (dist/site) offers keyfit.html, the copy that works offline, with its SHA-256', async (t) => {
  const { dist } = await import('../../tools/dist.mjs');
  const out = tempDir(t);
  dist(out);
  const session = await start({ root: join(out, 'site') });
  t.after(() => session.close());
  const offer = await seen(session.page, '#offline-copy');
  const sha = run('sha256sum', [join(out, 'site/keyfit.html')]).out.split(' ')[0];
  assert.match(offer, /Download keyfit\.html \(works offline\)/);
  assert.ok(offer.includes(sha), `the SHA-256 of keyfit.html (${sha}) is shown: ${offer}`);
});
