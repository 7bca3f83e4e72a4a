// Not a test: full-page screenshots of each tab, light and dark, desktop and a 390-px phone, for a human to look at.
// Usage: node tests/e2e/screenshots.mjs [outdir]   (default /tmp/keyfit-shots)
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, start } from './harness.mjs';

const out = process.argv[2] || '/tmp/keyfit-shots';
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'keyfit-shots-'));
run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', 'pw', '-C', 'me@example.com', '-f', join(dir, 'k')]);

for (const colorScheme of ['light', 'dark']) {
  for (const [device, viewport] of [['desktop', { width: 1100, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const session = await start({ colorScheme, viewport });
    const { page } = session;
    const shot = async (name) => {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      if (wide > 0) console.log(`${name}-${colorScheme}-${device}: ${wide} px wider than the screen`);
      await page.screenshot({ path: join(out, `${name}-${colorScheme}-${device}.png`), fullPage: true });
      if (device === 'phone') { // also in screen-sized pieces, easier to read
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 1; y < height; y += 800, i++) {
          await page.screenshot({ path: join(out, `${name}-${colorScheme}-${device}-${i}.png`), fullPage: true,
            clip: { x: 0, y, width: 390, height: Math.min(800, height - y) } });
        }
      }
    };

    await page.getByLabel('Key size').selectOption('2048');
    await page.locator('#gen-pass').fill('pw');
    await page.locator('#gen-pass2').fill('pw');
    await page.getByRole('button', { name: 'Generate key pair' }).click();
    await page.locator('#gen-result').waitFor({ state: 'visible' });
    await shot('generate');

    await page.getByRole('tab', { name: 'Check a key' }).click();
    await page.locator('#check-input').fill(readFileSync(join(dir, 'k'), 'utf8'));
    await page.locator('#check-pass-row').waitFor({ state: 'visible' });
    await shot('check-locked');
    await page.locator('#check-pass').fill('pw');
    await page.locator('#check-pass').press('Enter');
    await page.locator('#check-problems li[data-code="openssh-format"]').waitFor();
    await page.locator('#check-problems li[data-code="passphrase-required"]').waitFor({ state: 'detached' });
    await page.locator('#compare-input').fill(readFileSync(join(dir, 'k.pub'), 'utf8'));
    await page.locator('#compare-result').filter({ hasText: 'Match' }).waitFor();
    await page.getByRole('button', { name: 'Make it Jira-ready' }).click();
    await page.locator('#check-converter .out').waitFor({ state: 'visible' });
    await shot('check');

    await page.getByRole('tab', { name: 'Convert' }).click();
    await page.locator('#convert-input').fill(readFileSync(join(dir, 'k'), 'utf8'));
    await page.locator('#convert-pass').fill('pw');
    await page.locator('#convert-converter').getByLabel('Convert to').selectOption('ppk3');
    await page.locator('#convert-converter').getByRole('button', { name: 'Convert', exact: true }).click();
    await page.locator('#convert-converter .out').waitFor({ state: 'visible' });
    await shot('convert');
    await session.close();
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`screenshots in ${out}`);
