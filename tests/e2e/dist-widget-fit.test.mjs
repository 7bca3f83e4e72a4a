// The widget fits the page it sits in (issue 22): light or dark as the page's theme switch, `color-scheme` or
// background says, or as its `theme` attribute fixes; the page's font family and size (em, not rem, under a 125%
// root); axe-core finds nothing in either scheme. And a widget or page that cannot start under the page's
// Content-Security-Policy names the directive in its first line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchChromium, tempDir } from './harness.mjs';
import { DOCS, SITE, missingDist, serveDocs } from './dist-helpers.mjs';
import { serveStatic } from '../package/helpers.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const LIGHT_CARD = 'rgb(255, 255, 255)';
const DARK_CARD = 'rgb(24, 28, 34)';

/** Each widget's scheme (by its :state) and panel colour, by id. */
const schemes = (page) => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('keyfit-widget')].map((w) => [w.id,
  `${w.matches(':state(dark)') ? 'dark' : w.matches(':state(light)') ? 'light' : 'none'} ${getComputedStyle(w.shadowRoot.querySelector('[part~="panel"]')).backgroundColor}`])));

const both = (scheme) => `${scheme} ${scheme === 'dark' ? DARK_CARD : LIGHT_CARD}`;

async function themesPage(t, colorScheme) {
  const { origin } = await serveDocs(t);
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await (await browser.newContext({ colorScheme, viewport: { width: 1100, height: 900 } })).newPage();
  await page.goto(`${origin}/docs/themes.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('keyfit-widget')].every((w) => w.shadowRoot?.querySelector('#check-input')));
  return page;
}

test('the widget follows the page\'s theme switches, color-scheme and background, or its theme attribute', { skip: missingDist }, async (t) => {
  const page = await themesPage(t, 'light');
  assert.deepEqual(await schemes(page), { 'w-auto': both('light'), 'w-switch': both('light'), 'w-material': both('light'),
    'w-scheme': both('dark'), 'w-dark-bg': both('dark'), 'w-fixed': both('dark') });
  await page.evaluate(() => {
    document.querySelector('#switch').dataset.theme = 'dark'; // furo, Docusaurus
    document.querySelector('#material').dataset.mdColorScheme = 'slate'; // Material for MkDocs
    document.querySelector('#w-fixed').theme = 'light';
    document.documentElement.style.colorScheme = 'dark'; // the page's own color-scheme
  });
  await page.waitForFunction(() => document.querySelector('#w-material').matches(':state(dark)'));
  assert.deepEqual(await schemes(page), { 'w-auto': both('dark'), 'w-switch': both('dark'), 'w-material': both('dark'),
    'w-scheme': both('dark'), 'w-dark-bg': both('dark'), 'w-fixed': both('light') });
  await page.evaluate(() => {
    document.querySelector('#switch').dataset.theme = 'auto'; // furo's "auto": as the page, here light
    document.documentElement.style.colorScheme = 'light dark'; // both: the system's (light here)
  });
  await page.waitForFunction(() => document.querySelector('#w-switch').matches(':state(light)'));
  assert.equal((await schemes(page))['w-auto'], both('light'));
});

test('a page with no dark theme gets a light widget when the system is dark; one with both schemes a dark one', { skip: missingDist }, async (t) => {
  const page = await themesPage(t, 'dark');
  assert.equal((await schemes(page))['w-auto'], both('light'), 'alabaster-like page: white, no color-scheme');
  await page.evaluate(() => { document.documentElement.style.colorScheme = 'light dark'; });
  await page.waitForFunction(() => document.querySelector('#w-auto').matches(':state(dark)'));
  assert.equal((await schemes(page))['w-auto'], both('dark'));
});

test('the widget takes the page\'s font family and size, in em under a 125% root', { skip: missingDist }, async (t) => {
  const page = await themesPage(t, 'light');
  const sizes = await page.evaluate(() => {
    const w = document.querySelector('#w-auto');
    const text = getComputedStyle(document.querySelector('#text'));
    const css = (sel) => getComputedStyle(w.shadowRoot.querySelector(sel));
    return { text: [text.fontFamily, text.fontSize], widget: [getComputedStyle(w).fontFamily, getComputedStyle(w).fontSize],
      label: css('label').fontSize, heading: css('h2').fontSize, field: css('#check-input').fontFamily };
  });
  assert.deepEqual(sizes.text, ['Georgia, serif', '16px']);
  assert.deepEqual(sizes.widget, sizes.text);
  assert.equal(sizes.label, '16px');
  assert.equal(sizes.heading, '21.6px'); // 1.35em of 16 px, not 1.35rem of 20 px
  assert.match(sizes.field, /monospace/);
});

test('axe-core finds no violation in the widget, light and dark', { skip: missingDist }, async (t) => {
  for (const scheme of ['light', 'dark']) {
    const page = await themesPage(t, scheme);
    await page.evaluate(AXE);
    const found = await page.evaluate(async () => (await window.axe.run({ include: [['keyfit-widget']] }, { resultTypes: ['violations'] }))
      .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(found, [], scheme);
  }
});

/** A docs page (tests/dist-docs/index.html) and keyfit at /static/keyfit/, served with `csp`. */
async function docsUnder(t, csp) {
  const root = tempDir(t);
  cpSync(SITE, join(root, 'static/keyfit'), { recursive: true });
  cpSync(DOCS, join(root, 'docs'), { recursive: true });
  const { origin } = await serveStatic(t, root, { csp });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${origin}/docs/`);
  return page;
}

const firstLine = async (page, id) => {
  const note = page.locator(`#${id}`).locator('[role="alert"]').first();
  await note.waitFor({ timeout: 30_000 });
  return note.textContent();
};

test('a policy without \'wasm-unsafe-eval\': the widget says so in its first line, naming the source to add', { skip: missingDist }, async (t) => {
  const page = await docsUnder(t, "default-src 'none'; script-src 'self'; style-src 'self'; worker-src 'self'; connect-src 'self'");
  const text = await firstLine(page, 'w-check');
  assert.match(text, /^keyfit cannot run here: this page's Content-Security-Policy does not allow WebAssembly\. Add 'wasm-unsafe-eval' to its script-src/);
  assert.match(await firstLine(page, 'w-convert'), /^keyfit cannot run here: .*'wasm-unsafe-eval'/);
});

test('a policy that blocks the worker: the widget names worker-src', { skip: missingDist }, async (t) => {
  const page = await docsUnder(t, "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'none'; connect-src 'self'");
  assert.match(await firstLine(page, 'w-check'), /^keyfit cannot run here: this page's Content-Security-Policy blocked its worker \(worker-src\)\. Add 'self' to worker-src/);
});

test('the hosted page under a policy that blocks its modules names the file and the directive', { skip: missingDist }, async (t) => {
  const root = tempDir(t);
  cpSync(SITE, root, { recursive: true });
  // A host policy that allows only boot.js by path: the page's modules are refused.
  const { origin } = await serveStatic(t, root, { csp: (o) => `default-src 'none'; script-src ${o}/js/boot.js 'wasm-unsafe-eval'; style-src 'self'` });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const note = page.locator('#keyfit-startup');
  await note.waitFor();
  assert.match(await note.textContent(), /^keyfit could not start: this page’s Content-Security-Policy blocked page\.js \(script-src-elem\)\./);
});

test('the hosted page under a policy without \'wasm-unsafe-eval\': a check says so in its first line', { skip: missingDist }, async (t) => {
  const root = tempDir(t);
  cpSync(SITE, root, { recursive: true });
  const { origin } = await serveStatic(t, root, { csp: () => "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; worker-src 'self'; connect-src 'self'" });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.click('#tab-check');
  await page.locator('#check-input').fill('-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n');
  const status = page.locator('#check-status .title');
  await status.waitFor();
  assert.match(await status.textContent(), /^keyfit cannot run here: this page's Content-Security-Policy does not allow WebAssembly\. Add 'wasm-unsafe-eval' to its script-src/);
});

test('the widget\'s styles need no style-src: constructable stylesheets under default-src \'none\'', { skip: missingDist }, async (t) => {
  const page = await docsUnder(t, "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'");
  const panel = page.locator('#w-check [part~="panel"]');
  await panel.waitFor();
  assert.equal(await panel.evaluate((p) => getComputedStyle(p).backgroundColor), LIGHT_CARD);
  assert.equal(await panel.evaluate((p) => getComputedStyle(p).borderTopStyle), 'solid');
  // The docs page's own stylesheet is refused (so the policy is in force), the widget's are not.
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).fontFamily), 'Georgia, serif');
});
