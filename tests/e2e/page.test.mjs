// The page itself: works from a sub-path, keyboard tabs, and the static rules (CSP, no HTML injection, no storage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { WWW, assertNothingLeaked, assertOnlyOwnFiles, start, tempDir } from './harness.mjs';

const sources = () => ['app.js', 'worker.js', ...readdirSync(join(WWW, 'js')).map((f) => `js/${f}`)]
  .map((f) => [f, readFileSync(join(WWW, f), 'utf8')]);

test('static: CSP meta, no inline script, style or handlers, no HTML sinks, no storage or console', () => {
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(csp, 'CSP meta tag');
  assert.match(csp[1], /^default-src 'none';/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline script');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
  assert.doesNotMatch(html, /\sstyle=/i, 'inline style attribute');
  assert.doesNotMatch(html, /<style/i, 'style element');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'absolute URL');
  for (const textarea of html.match(/<textarea[^>]*>/g)) {
    for (const attr of ['spellcheck="false"', 'autocomplete="off"', 'autocapitalize="off"', 'autocorrect="off"']) {
      assert.ok(textarea.includes(attr), `${textarea} lacks ${attr}`);
    }
  }
  for (const [file, js] of sources()) {
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, `${file}: HTML sink`);
    assert.doesNotMatch(js, /localStorage|sessionStorage|indexedDB|document\.cookie|history\.|location\.(hash|search|href)\s*=/, `${file}: storage`);
    assert.doesNotMatch(js, /console\./, `${file}: console`);
    assert.doesNotMatch(js, /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon/, `${file}: network`);
  }
});

test('page: served from a sub-path, tabs by keyboard, a key made there', async (t) => {
  const root = tempDir(t);
  symlinkSync(WWW, join(root, 'keyfit'));
  const session = await start({ root, path: '/keyfit/' });
  t.after(() => session.close());
  const { page } = session;
  assert.equal(new URL(page.url()).pathname, '/keyfit/');

  const tab = (name) => page.getByRole('tab', { name });
  await tab('Generate a key').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tab('Check a key').getAttribute('aria-selected'), 'true');
  assert.ok(await page.locator('#check').isVisible());
  assert.ok(await page.locator('#generate').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-check');
  await page.keyboard.press('End');
  assert.ok(await page.locator('#connect').isVisible());
  await page.keyboard.press('ArrowRight');
  assert.ok(await page.locator('#generate').isVisible(), 'arrows wrap around');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'gen-bits', 'Tab moves into the panel');

  await page.getByLabel('Key size').selectOption('2048');
  await page.keyboard.press('Tab'); // the rest by keyboard: Enter in a field submits the form
  await page.locator('#gen-comment').press('Enter');
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 60_000 });
  assert.match(await page.locator('#gen-status').textContent(), /^Done: a 2048-bit key pair/);

  const urls = assertOnlyOwnFiles(session);
  assert.ok(urls.every((u) => new URL(u).pathname.startsWith('/keyfit/')), urls.join('\n'));
  await assertNothingLeaked(session);
});
