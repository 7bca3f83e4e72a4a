// README's widget recipes, proved in the real generators: MkDocs with Material, Sphinx with furo and Docusaurus 3,
// installed at test time (pip into a venv, npm; pinned versions), each site built from README's lines as written
// (extracted here, so README cannot drift from what was tested), served under README's full policy for that
// generator, at the site root and under a sub-path. In each: the widget renders, checks a key and fires
// keyfit-report, also after the site's client-side navigation (Material's instant loading, Docusaurus' router);
// it follows the theme switch to dark and back, takes the page's font, and axe-core finds no violation in it
// in either theme; under alabaster, which has no dark theme, it stays light on a dark system. Screenshots (light and dark) go to tests/e2e/screenshots-out/ (git-ignored).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../e2e/harness.mjs';
import { ROOT, corpus, serveStatic, tempDir, writeFiles } from '../package/helpers.mjs';

const SITE = join(ROOT, 'dist/site');
const SHOTS = join(ROOT, 'tests/e2e/screenshots-out');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const missing = !existsSync(join(SITE, 'keyfit-widget.js')) && 'dist/site/ is not built: run ./build.sh dist';
const KEY = corpus('rsa2048-pkcs1.pem');

// Pinned: the versions these recipes were proved with.
const PIP = ['mkdocs==1.6.1', 'mkdocs-material==9.8.2', 'sphinx==9.0.4', 'furo==2025.12.19'];
// @docusaurus/faster (Rspack) builds the site in 37 s where webpack took 153-198 s (same machine, same load).
const NPM = { '@docusaurus/core': '3.10.2', '@docusaurus/preset-classic': '3.10.2', '@docusaurus/faster': '3.10.2', '@mdx-js/react': '3.1.1', clsx: '2.1.1',
  'prism-react-renderer': '2.4.1', react: '19.2.0', 'react-dom': '19.2.0' };

/** The first fenced block of `lang` after `marker` in README. */
function readmeBlock(marker, lang) {
  const at = README.indexOf(marker);
  assert.ok(at >= 0, `README has no "${marker}"`);
  const m = README.slice(at).match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'));
  assert.ok(m, `README: no ${lang} block after "${marker}"`);
  return m[1];
}

/** The first `<keyfit-widget ...></keyfit-widget>` inline code after `marker` in README. */
const readmeElement = (marker) => README.slice(README.indexOf(marker)).match(/`(<keyfit-widget[^`]*><\/keyfit-widget>)`/)[1];

/** README's full policy for a generator: the `Content-Security-Policy:` block after its name in the policy list. */
const readmePolicy = (name) => readmeBlock(`Full policy, ${name}`, '').trim().replace(/^Content-Security-Policy: /, '');

/** Runs a command without blocking the event loop (installs run side by side); rejects with its output. */
function run(cmd, args, { cwd, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Opens `url` in Chromium recording policy violations and console messages from the first script on. */
async function open(t, browser, url, { colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 640 }, colorScheme });
  t.after(() => context.close());
  await context.addInitScript(() => {
    window.cspViolations = [];
    window.keyfitEvents = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    document.addEventListener('keyfit-report', (e) => window.keyfitEvents.push(e.detail));
  });
  const page = await context.newPage();
  const messages = [];
  page.on('console', (m) => {
    // A site without a favicon gets the browser's 404 for /favicon.ico: not the recipe's doing.
    if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico')) messages.push(m.text());
  });
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, messages };
}

/** The widget on the page checks a key and fires keyfit-report. */
async function widgetChecks(page) {
  const widget = page.locator('keyfit-widget').first();
  await widget.locator('#check-input').waitFor();
  const before = await page.evaluate(() => window.keyfitEvents.length);
  await widget.locator('#check-input').fill(KEY);
  await page.waitForFunction((n) => window.keyfitEvents.length > n, before);
  assert.equal((await page.evaluate(() => window.keyfitEvents.at(-1))).verdict, 'jira-ready');
  assert.equal(await widget.locator('#check-verdict').textContent(), '✓ Jira will accept this key.');
}

/** A client-side navigation by clicking `link`: the page is not reloaded, and the new page's widget works. */
async function navigatesClientSide(page, link) {
  await page.evaluate(() => { window.keyfitSamePage = true; });
  const url = page.url();
  await link.click();
  await page.waitForFunction((old) => location.href !== old, url);
  await widgetChecks(page);
  assert.equal(await page.evaluate(() => window.keyfitSamePage), true, 'the navigation reloaded the page');
}

/** Light or dark as the widget shows it, its panel's background, and its font against the text around it. */
function widgetLook(page) {
  return page.locator('keyfit-widget').first().evaluate((w) => {
    const around = getComputedStyle(w.parentElement);
    const style = getComputedStyle(w);
    const label = w.shadowRoot.querySelector('label');
    return {
      scheme: w.matches(':state(dark)') ? 'dark' : w.matches(':state(light)') ? 'light' : 'none',
      panel: getComputedStyle(w.shadowRoot.querySelector('[part~="panel"]')).backgroundColor,
      font: [style.fontFamily === around.fontFamily, style.fontSize === around.fontSize,
        getComputedStyle(label).fontSize === around.fontSize],
    };
  });
}

/** axe-core on the widget only (the theme's own markup is not keyfit's to fix). */
async function axe(page) {
  if (!await page.evaluate(() => Boolean(window.axe))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run({ include: [['keyfit-widget']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

const LIGHT_CARD = 'rgb(255, 255, 255)';
const DARK_CARD = 'rgb(24, 28, 34)';

/**
 * The checks every generator's site gets at `url`: the widget checks a key; `toggle()` switches the theme to
 * dark (`untoggle()` back); font, scheme and axe in each; screenshots; then a client-side navigation by `link`
 * where the site has one; no policy violation and no console error throughout.
 */
async function proveSite(t, browser, { name, url, toggle, untoggle, link = null, shot = false }) {
  const { page, messages } = await open(t, browser, url);
  await widgetChecks(page);
  const light = await widgetLook(page);
  assert.deepEqual(light, { scheme: 'light', panel: LIGHT_CARD, font: [true, true, true] }, `${name}: light`);
  assert.deepEqual(await axe(page), [], `${name}: axe-core in the light theme`);
  if (shot) await page.screenshot({ path: join(SHOTS, `recipe-${name}-light.png`) });
  await toggle(page);
  await page.waitForFunction(() => document.querySelector('keyfit-widget').matches(':state(dark)'));
  assert.deepEqual(await widgetLook(page), { ...light, scheme: 'dark', panel: DARK_CARD }, `${name}: dark`);
  assert.deepEqual(await axe(page), [], `${name}: axe-core in the dark theme`);
  if (shot) await page.screenshot({ path: join(SHOTS, `recipe-${name}-dark.png`) });
  await untoggle(page);
  await page.waitForFunction(() => document.querySelector('keyfit-widget').matches(':state(light)'));
  if (link) await navigatesClientSide(page, link(page));
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], `${name}: policy violations`);
  assert.deepEqual(messages, [], `${name}: console errors`);
}

test('README\'s widget recipes in MkDocs + Material, Sphinx + furo and Docusaurus 3', { skip: missing, timeout: 1_200_000 }, async (t) => {
  const dir = tempDir(t, 'keyfit-recipes-');
  mkdirSync(SHOTS, { recursive: true });
  const started = Date.now();
  // Both installs at once: pip for MkDocs and Sphinx, npm for Docusaurus.
  const venv = join(dir, 'venv');
  const pip = run('python3', ['-m', 'venv', venv]).then(() => run(join(venv, 'bin/pip'), ['install', '-q', '--disable-pip-version-check', ...PIP]))
    .then(() => t.diagnostic(`pip install ${PIP.join(' ')}: ${seconds(started)}`));
  const docu = join(dir, 'docusaurus');
  writeFiles(docu, { 'package.json': JSON.stringify({ name: 'docs', private: true, dependencies: NPM }) });
  const npm = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: docu })
    .then(() => t.diagnostic(`npm install of Docusaurus ${NPM['@docusaurus/core']}: ${seconds(started)}`));
  const installs = Promise.allSettled([pip, npm]);
  t.after(() => installs);
  const browser = await launchChromium();
  t.after(() => browser.close());
  const element = readmeElement('**MkDocs**');

  await t.test('MkDocs + Material: at the root and under site_url /sub/, instant navigation, theme toggle', async () => {
    await pip;
    const t0 = Date.now();
    for (const base of ['/', '/sub/']) {
      const site = join(dir, `mkdocs${base.replaceAll('/', '-')}`);
      const { origin } = await serveStatic(t, join(site, 'site'), { base, csp: readmePolicy('MkDocs + Material') });
      writeFiles(site, {
        'mkdocs.yml': `site_name: Keys for Jira\nsite_url: ${origin}${base}\ntheme:\n  name: material\n  font: false\n  features:\n    - navigation.instant\n`
          + '  palette:\n    - scheme: default\n      toggle:\n        icon: material/brightness-7\n        name: Dark mode\n'
          + '    - scheme: slate\n      toggle:\n        icon: material/brightness-4\n        name: Light mode\n'
          + 'nav:\n  - index.md\n  - other.md\n'
          + readmeBlock('**MkDocs**', 'yaml'),
        'docs/index.md': `# Check your key\n\nPaste the key you will give Jira.\n\n${element}\n\nThen see [the other page](other.md).\n`,
        'docs/other.md': `# Another page\n\n${element}\n`,
      });
      cpSync(SITE, join(site, 'docs/keyfit'), { recursive: true });
      await run(join(venv, 'bin/mkdocs'), ['build', '-q'], { cwd: site });
      await proveSite(t, browser, {
        name: 'mkdocs', url: `${origin}${base}`, shot: base === '/',
        toggle: (page) => page.locator('label[for="__palette_1"]').click(),
        untoggle: (page) => page.locator('label[for="__palette_0"]').click(),
        link: (page) => page.locator('article a[href*="other"]'),
      });
    }
    t.diagnostic(`MkDocs: two sites built and checked in ${seconds(t0)}`);
  });

  await t.test('Sphinx + furo: at the root and under /sub/; alabaster (no dark theme) on a dark system', async () => {
    await pip;
    const t0 = Date.now();
    const site = join(dir, 'sphinx');
    writeFiles(site, {
      'conf.py': `project = 'Keys for Jira'\nhtml_theme = 'furo'\n${readmeBlock('**Sphinx**', 'python')}`,
      'index.rst': `Check your key\n==============\n\nPaste the key you will give Jira.\n\n${readmeBlock('**Sphinx**', 'rst')}\n`
        + '.. toctree::\n\n   other\n',
      'other.rst': `Another page\n============\n\n${readmeBlock('**Sphinx**', 'rst')}`,
    });
    cpSync(SITE, join(site, '_static/keyfit'), { recursive: true });
    await run(join(venv, 'bin/sphinx-build'), ['-q', '-b', 'html', '.', '_build'], { cwd: site });
    // furo's switch goes auto -> dark -> light (for a light system).
    const toggle = (page) => page.locator('button.theme-toggle >> visible=true').first().click();
    for (const base of ['/', '/sub/']) {
      const { origin } = await serveStatic(t, join(site, '_build'), { base, csp: readmePolicy('Sphinx + furo') });
      await proveSite(t, browser, { name: 'sphinx', url: `${origin}${base}`, shot: base === '/', toggle,
        untoggle: async (page) => { await toggle(page); }, link: null });
    }
    // alabaster, Sphinx's default theme, has no dark theme: a light widget even when the system is dark.
    writeFiles(site, { 'conf.py': readFileSync(join(site, 'conf.py'), 'utf8').replace("html_theme = 'furo'", "html_theme = 'alabaster'") });
    await run(join(venv, 'bin/sphinx-build'), ['-q', '-b', 'html', '.', '_build-alabaster'], { cwd: site });
    const { origin } = await serveStatic(t, join(site, '_build-alabaster'), { csp: readmePolicy('Sphinx + furo') });
    const { page, messages } = await open(t, browser, `${origin}/`, { colorScheme: 'dark' });
    await widgetChecks(page);
    assert.deepEqual(await widgetLook(page), { scheme: 'light', panel: LIGHT_CARD, font: [true, true, true] }, 'alabaster, system dark');
    assert.deepEqual(await axe(page), [], 'alabaster: axe-core');
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'alabaster: policy violations');
    assert.deepEqual(messages, [], 'alabaster: console errors');
    t.diagnostic(`Sphinx: built and checked in ${seconds(t0)}`);
  });

  await t.test('Docusaurus 3: at the root and under baseUrl /sub/, client-side navigation, theme toggle', async () => {
    await npm;
    const t0 = Date.now();
    const config = readmeBlock('**Docusaurus**', 'js');
    cpSync(SITE, join(docu, 'static/keyfit'), { recursive: true });
    writeFiles(docu, {
      'docs/index.mdx': `---\nslug: /\n---\n# Check your key\n\nPaste the key you will give Jira.\n\n${readmeElement('**Docusaurus**')}\n\nThen see [the other page](./other.mdx).\n`,
      'docs/other.mdx': `# Another page\n\n${readmeElement('**Docusaurus**')}\n`,
    });
    for (const base of ['/', '/sub/']) {
      writeFiles(docu, {
        'docusaurus.config.js': config.replace(/^const baseUrl = '\/';/m, `const baseUrl = '${base}';`)
          .replace(/^\s*\/\/ \.\.\. ?the rest of the site's config\n/m, `  title: 'Keys for Jira', url: 'http://127.0.0.1', onBrokenLinks: 'throw', future: { v4: true, faster: true },
  presets: [['classic', { docs: { routeBasePath: '/' }, blog: false, pages: false }]],
  themeConfig: { navbar: { title: 'Keys for Jira', items: [{ to: '/other', label: 'Another page' }] } },
`),
      });
      const tb = Date.now();
      await run(join(docu, 'node_modules/.bin/docusaurus'), ['build', '--no-minify', '--out-dir', `build${base.replaceAll('/', '-')}`], { cwd: docu });
      t.diagnostic(`Docusaurus build with baseUrl ${base}: ${seconds(tb)}`);
      const { origin } = await serveStatic(t, join(docu, `build${base.replaceAll('/', '-')}`), { base, csp: readmePolicy('Docusaurus') });
      const toggle = (page) => page.locator('button[class*="toggleButton"]').first().click();
      await proveSite(t, browser, { name: 'docusaurus', url: `${origin}${base}`, shot: base === '/', toggle, untoggle: toggle,
        link: (page) => page.locator('nav a[href$="/other"]').first() });
    }
    t.diagnostic(`Docusaurus: two sites built and checked in ${seconds(t0)}`);
  });
  t.diagnostic(`all three generators: ${seconds(started)}`);
});
