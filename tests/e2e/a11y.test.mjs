// Accessibility: an axe-core audit (node_modules/axe-core, pinned in package-lock.json, evaluated in the page
// under test only) of every tab in each state (Connect: empty, URL error with a locked key, not ready, ready, on a
// phone its finished steps folded, a guessed port), in light and dark, at 1280 and 390 px wide, with zero
// violations; nothing wider than a phone's screen; and a screenshot of each state in tests/e2e/screenshots-out/
// (git-ignored) for a person to look at. Plus what a screen reader needs that axe cannot see (issue 9, point 9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, engineHas, openTab, run, start, tempDir } from './harness.mjs';

const skip = !(engineHas('convertKey') && engineHas('checkCloneUrl') && engineHas('matchKey'))
  && 'convertKey, checkCloneUrl or matchKey is not exported by www/pkg/keyfit.js yet';
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SHOTS = join(ROOT, 'tests/e2e/screenshots-out');

/** Runs axe-core on the page as it is; returns its violations in a readable form. */
async function axe(page) {
  if (!await page.evaluate(() => Boolean(window.axe))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  });
}

/** Elements that stick out of their panel or the screen (a cut-off select, a long line). */
function overflowing(page) {
  return page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > innerWidth) out.push(`page is ${document.documentElement.scrollWidth} px wide`);
    for (const node of document.querySelectorAll('select, input, textarea, button')) {
      if (!node.checkVisibility()) continue;
      const panel = (node.closest('fieldset, [role="tabpanel"]') || document.querySelector('main')).getBoundingClientRect();
      const box = node.getBoundingClientRect();
      if (box.right > panel.right + 0.5 || box.left < panel.left - 0.5) out.push(`${node.id || node.className} sticks out of its panel`);
      if (node.tagName === 'SELECT' && node.selectedOptions[0]) { // the chosen option's text fits the box
        const style = getComputedStyle(node);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = style.font;
        const needed = ctx.measureText(node.selectedOptions[0].text).width + parseFloat(style.paddingLeft)
          + parseFloat(style.paddingRight) + 20; // the arrow
        if (needed > box.width) out.push(`${node.id || node.className}: “${node.selectedOptions[0].text}” is cut off`);
      }
    }
    return out;
  });
}

function makeKeys(t) {
  const dir = tempDir(t);
  const make = (name, args) => {
    run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-C', 'me@example.com', '-f', join(dir, name), ...args]);
    return readFileSync(join(dir, name), 'utf8');
  };
  const big = join(dir, 'backup.tar');
  writeFileSync(big, Buffer.alloc(1_200_000, 1));
  return {
    pem: make('pem', ['-N', '', '-m', 'PEM']),
    openssh: make('openssh', ['-N', '']),
    locked: make('locked', ['-N', 'secret']),
    lockedPub: readFileSync(join(dir, 'locked.pub'), 'utf8'),
    big,
  };
}

/** The states README shows: [first, last element] of the clip, per state and config. */
const README_SHOTS = {
  'check-not-ready-light-1280': ['#check', '#check-converter'],
  'convert-converted-dark-390': ['#convert', '#convert-converter .out'],
  'generate-empty-light-390': ['body > header', 'main [role="tablist"]'],
  'check-converted-light-1280': ['#check-report', '#check-problems'],
  'connect-guessed-port-light-390': ['#connect-url-form', '#connect-url-answer'],
  'connect-folded-light-390': ['#connect-step-url', '#connect-sum-url-box'],
};

/** A screenshot of the page from the top of `first` to the bottom of `last` (page coordinates). */
async function clipShot(page, [first, last], path) {
  const clip = await page.evaluate(([a, b]) => {
    const top = document.querySelector(a).getBoundingClientRect();
    const bottom = document.querySelector(b).getBoundingClientRect();
    const x = Math.max(0, top.left - 8);
    const y = Math.max(0, top.top + scrollY - 8);
    return { x, y, width: top.width + 16, height: bottom.bottom + scrollY + 8 - y };
  }, [first, last]);
  await page.screenshot({ path, fullPage: true, clip });
}

const CONFIGS = [
  { colorScheme: 'light', viewport: { width: 1280, height: 800 }, name: 'light-1280' },
  { colorScheme: 'dark', viewport: { width: 1280, height: 800 }, name: 'dark-1280' },
  { colorScheme: 'light', viewport: { width: 390, height: 844 }, name: 'light-390' },
  { colorScheme: 'dark', viewport: { width: 390, height: 844 }, name: 'dark-390' },
];

for (const config of CONFIGS) {
  test(`axe-core: every tab in every state, ${config.name}: no violations`, { skip }, async (t) => {
    const keys = makeKeys(t);
    mkdirSync(SHOTS, { recursive: true });
    const session = await start(config);
    t.after(() => session.close());
    const { page } = session;
    const found = [];
    const state = async (name) => {
      for (const v of await axe(page)) found.push(`${name}: ${v}`);
      for (const o of await overflowing(page)) found.push(`${name}: ${o}`);
      await page.screenshot({ path: join(SHOTS, `${name}-${config.name}.png`), fullPage: true });
      const readme = README_SHOTS[`${name}-${config.name}`];
      if (readme) await clipShot(page, readme, join(SHOTS, `readme-${name}-${config.name}.png`));
    };
    const verdict = page.locator('#check-verdict');
    const conv = (host) => page.locator(host);

    await state('generate-empty');
    await page.getByLabel('Key size').selectOption('2048');
    await page.locator('#gen-comment').fill('me@example.com');
    await page.locator('#gen-pass').fill('secret');
    await page.locator('#gen-pass2').fill('secret');
    await page.getByRole('button', { name: 'Generate key pair' }).click();
    await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 60_000 });
    await state('generate-generated');

    await openTab(page, 'Check a key');
    await state('check-empty');
    await page.locator('#check-input').fill(keys.pem);
    await verdict.filter({ hasText: '✓ Jira will accept this key.' }).waitFor();
    await state('check-ready');
    await page.locator('#check-input').fill(keys.openssh);
    await verdict.filter({ hasText: '✗ Jira will not accept this key' }).waitFor();
    await state('check-not-ready');
    await page.locator('#check-input').fill(keys.locked);
    await verdict.filter({ hasText: 'enter it to finish the check' }).waitFor();
    await state('check-needs-passphrase');
    await page.locator('#check-pass').fill('wrong');
    await page.locator('#check-pass').press('Enter');
    await verdict.filter({ hasText: 'does not unlock' }).waitFor();
    await state('check-wrong-passphrase');
    await page.locator('#check-pass').fill('secret');
    await page.locator('#check-pass').press('Enter');
    await page.locator('#check-problems li[data-code="openssh-format"]').waitFor();
    await page.locator('#compare-input').fill(keys.lockedPub);
    await page.locator('#compare-result').filter({ hasText: /\S/ }).waitFor();
    await conv('#check-converter').getByRole('button', { name: 'Make it Jira-ready' }).click();
    await conv('#check-converter .status').filter({ hasText: 'Checked again' }).waitFor();
    await state('check-converted');
    await page.locator('#check-input').fill(keys.pem.trim().split('\n').join(' '));
    await page.locator('#check-problems li[data-code="mangled-paste"]').waitFor();
    await state('check-mangled');
    await page.locator('#check-file').setInputFiles(keys.big);
    await page.locator('#check-status').filter({ hasText: 'backup.tar' }).waitFor();
    await state('check-too-large');

    await openTab(page, 'Convert');
    await state('convert-empty');
    await page.locator('#convert-input').fill(keys.locked);
    await page.locator('#convert-summary').filter({ hasText: 'locked with a passphrase' }).waitFor();
    await state('convert-needs-passphrase');
    await page.locator('#convert-pass').fill('secret');
    await conv('#convert-converter').getByLabel('Convert to').selectOption('ppk3');
    await conv('#convert-converter').getByRole('button', { name: 'Convert', exact: true }).click();
    await conv('#convert-converter .out').waitFor({ state: 'visible' });
    await state('convert-converted');

    await openTab(page, 'Connect to Jira');
    await state('connect-empty');
    await page.locator('#connect-url').fill('https://github.com/acme/widgets');
    await page.locator('#connect-url-problems li[data-code="https-url"]').waitFor();
    await page.locator('#connect-key-input').fill(keys.locked);
    await page.locator('#connect-key-problems li[data-code="passphrase-required"]').waitFor();
    await state('connect-url-error-needs-passphrase');
    await page.locator('#connect-url-use').click();
    await page.locator('#connect-url-verdict[data-tone="ok"]').waitFor();
    await page.locator('#connect-key-pass').fill('secret');
    await page.locator('#connect-key-pass').press('Enter');
    await page.locator('#connect-key-problems li[data-code="openssh-format"]').waitFor();
    await page.locator('#connect-compare').fill(keys.pem);
    await page.locator('#connect-compare-result').filter({ hasText: /\S/ }).waitFor();
    await state('connect-not-ready');
    await conv('#connect-key-converter').getByRole('button', { name: 'Make it Jira-ready' }).click();
    await page.locator('#connect-summary').filter({ hasText: '✓ Ready' }).waitFor();
    await page.locator('#connect-compare').fill(keys.lockedPub);
    await page.locator('#connect-compare-result').filter({ hasText: 'Same key' }).waitFor();
    await state('connect-ready');
    if (config.viewport.width <= 640) {
      // On a phone the finished steps fold into one line each once the focus leaves them.
      await page.locator('#connect-sum-url-copy').focus();
      const folded = await page.locator('.step-line[aria-expanded="false"]').count();
      if (folded !== 3) found.push(`connect-folded: ${folded} of the 3 finished steps folded`);
      await state('connect-folded');
      await page.locator('#connect-step-url .step-line').click(); // opened again to change the URL
    }
    await page.locator('#connect-url').fill('https://bitbucket.example.com/projects/PROJ/repos/app/browse');
    await page.locator('#connect-url-use').click();
    await page.locator('#connect-url-problems li[data-code="guessed-port"]').waitFor();
    await state('connect-guessed-port');

    assert.deepEqual(found, [], `\n${found.join('\n')}`);
  });
}

test('9: screen readers hear the reasons; the report has a heading; hints are tied to their fields', { skip }, async (t) => {
  const keys = makeKeys(t);
  const session = await start();
  t.after(() => session.close());
  const { page } = session;
  await openTab(page, 'Check a key');
  await page.locator('#check-input').fill(keys.openssh);
  await page.locator('#check-problems li[data-code="openssh-format"]').waitFor();
  // The verdict is the live region: its text carries the reasons.
  assert.match(await page.locator('#check-verdict').textContent(), /Jira will not accept this key.*OpenSSH format/s);
  assert.equal(await page.getByRole('heading', { name: 'What keyfit found' }).count(), 1);
  const described = await page.locator('#check-converter .new-pass').evaluate((f) =>
    (f.getAttribute('aria-describedby') || '').split(' ').map((id) => f.getRootNode().getElementById(id)?.textContent || '').join(' '));
  assert.match(described, /Leave both empty/);
  assert.equal(await page.locator('main [role="tablist"]').count(), 1, 'the tab list is inside the main landmark');
});
