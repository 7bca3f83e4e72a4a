// keyfit as a web developer takes it: `npm pack` of dist/npm/, installed with pinned versions of Vite, webpack
// and TypeScript from the npm registry into a fresh folder, then
// - node: the API checks and converts a key (the wasm read from the package);
// - a Vite app and a webpack app built from scratch: opened in Chromium under README's policy for the widget, the
//   API checks a key, the widget renders, checks a key and makes a key pair, firing its events;
// - tsc --strict --noEmit: a file using every export and event compiles, a file misusing them does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, recordedPage } from '../e2e/harness.mjs';
import { WIDGET_CSP, corpus, install, missingPackage, pack, serveStatic, sh, shFails, tempDir, writeFiles } from './helpers.mjs';

// Pinned: the versions these tests were written against (vite 8 needs npm 11).
const VERSIONS = { vite: '8.4.1', webpack: '5.113.0', 'webpack-cli': '7.3.1', typescript: '5.9.3' };
const KEY = corpus('rsa2048-pkcs1.pem');

/** The app both bundlers build: the API on a key, and two widgets whose events are recorded. */
const APP = {
  'src/main.js': `import init, { inspectKey, checkCloneUrl, convertKey } from 'keyfit';
import 'keyfit/widget';

window.keyfitEvents = [];
for (const type of ['keyfit-report', 'keyfit-generated']) {
  document.addEventListener(type, (e) => window.keyfitEvents.push({ type, id: e.target.id, detail: e.detail }));
}
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
const KEY = ${JSON.stringify(KEY)};
window.apiResult = init().then(() => {
  const r = inspectKey(KEY);
  return { format: r.format, jiraReady: r.jiraReady, fingerprint: r.fingerprintSha256,
    openssh: convertKey(KEY, { to: 'openssh' }).split('\\n')[0], url: checkCloneUrl('https://github.com/a/b').problems.map((p) => p.code) };
}, (err) => ({ error: String(err) }));
`,
  body: '<h1>keyfit in an app</h1>\n<keyfit-widget id="w-check" mode="check"></keyfit-widget>\n'
    + '<keyfit-widget id="w-generate" mode="generate"></keyfit-widget>\n',
};

const html = (script) => `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>keyfit app</title>\n${script}\n</head>\n<body>\n${APP.body}</body></html>\n`;

/** Opens a built app under README's widget policy and checks the API and both widgets. */
async function checkApp(t, root, nodeResult) {
  const { origin } = await serveStatic(t, root, { csp: WIDGET_CSP });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const { page, requests, consoleMessages } = await recordedPage(context);
  await page.goto(`${origin}/`);
  assert.deepEqual(await page.evaluate(() => window.apiResult), nodeResult, 'the API in the browser gives what it gives in node');

  await page.locator('#w-check #check-input').fill(KEY);
  await page.waitForFunction(() => window.keyfitEvents.some((e) => e.type === 'keyfit-report'));
  const report = (await page.evaluate(() => window.keyfitEvents)).find((e) => e.type === 'keyfit-report');
  assert.equal(report.id, 'w-check');
  assert.equal(report.detail.verdict, 'jira-ready');
  assert.equal(report.detail.fingerprintSha256, nodeResult.fingerprint);

  const gen = page.locator('#w-generate');
  await gen.locator('#gen-bits').selectOption('2048');
  await gen.locator('#gen-go').click();
  await page.waitForFunction(() => window.keyfitEvents.some((e) => e.type === 'keyfit-generated'), null, { timeout: 90_000 });
  const generated = (await page.evaluate(() => window.keyfitEvents)).find((e) => e.type === 'keyfit-generated');
  assert.equal(generated.detail.bits, 2048);
  assert.match(await gen.locator('#gen-private').inputValue(), /^-----BEGIN RSA PRIVATE KEY-----\n/);
  assert.equal(generated.detail.publicKey, await gen.locator('#gen-public').inputValue());

  assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the wasm was loaded from the app');
  for (const url of requests) assert.equal(new URL(url).origin, origin, url);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(consoleMessages, []);
}

test('the npm package, installed from its tarball, in node, Vite, webpack and tsc', { skip: missingPackage, timeout: 900_000 }, async (t) => {
  const dir = tempDir(t);
  const tarball = pack(dir);
  const started = Date.now();
  install(join(dir, 'app'), { keyfit: `file:${tarball}`, ...VERSIONS });
  t.diagnostic(`npm install of keyfit, vite, webpack, webpack-cli, typescript: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const app = join(dir, 'app');

  const contents = sh('tar', ['-tzf', tarball]).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  await t.test('the tarball holds the package and nothing else', () => {
    for (const f of ['package.json', 'README.md', 'index.js', 'node.js', 'index.d.ts', 'codes.d.ts', 'keyfit-widget.js',
      'keyfit-widget.d.ts', 'worker.js', 'pkg/keyfit.js', 'pkg/keyfit_bg.wasm', 'pkg/keyfit_url.js', 'pkg/keyfit_url_bg.wasm',
      'pkg/keyfit_kdf.js', 'pkg/keyfit_kdf_bg.wasm', 'pkg/widget-parts.js']) {
      assert.ok(contents.includes(f), `${f} is not in the tarball`);
    }
    assert.deepEqual(contents.filter((f) => !/^(pkg|js)\/|^[\w.-]+\.(js|d\.ts|json|md)$/.test(f)), []);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/keyfit/package.json'), 'utf8'));
    const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
    assert.equal(manifest.version, cargo.match(/^version = "([^"]+)"/m)[1]);
    assert.equal(manifest.license, 'MIT OR Apache-2.0');
  });

  let nodeResult;
  await t.test('node: init() reads the wasm from the package; the API checks and converts a key', () => {
    writeFiles(app, { 'node-check.mjs': `import init, { inspectKey, checkCloneUrl, convertKey, matchKey } from 'keyfit';
await init();
const KEY = ${JSON.stringify(KEY)};
const r = inspectKey(KEY);
const match = matchKey(KEY, {}, r.fingerprintSha256);
let thrown = null;
try { convertKey(KEY, { to: 'nope' }); } catch (err) { thrown = err.code; }
// Encrypted under each KDF keyfit writes (derived in the package's KDF part), then read back.
const kdfs = ['openssh', 'ppk3', 'pkcs8'].map((to) => convertKey(convertKey(KEY, { to, newPassphrase: 'pw 7', rounds: 2 }),
  { to: 'pkcs1', passphrase: 'pw 7' }) === convertKey(KEY, { to: 'pkcs1' }));
console.log(JSON.stringify({ result: { format: r.format, jiraReady: r.jiraReady, fingerprint: r.fingerprintSha256,
  openssh: convertKey(KEY, { to: 'openssh' }).split('\\n')[0], url: checkCloneUrl('https://github.com/a/b').problems.map((p) => p.code) },
  match: match.code, thrown, kdfs }));
` });
    const out = JSON.parse(sh('node', ['node-check.mjs'], { cwd: app }));
    assert.equal(out.match, 'same-key');
    assert.equal(out.thrown, 'invalid-option');
    assert.deepEqual(out.kdfs, [true, true, true], 'bcrypt, Argon2id and PBKDF2 written and read back');
    writeFileSync(join(dir, 'key.pem'), KEY, { mode: 0o600 }); // ssh-keygen refuses keys others can read
    const fingerprint = sh('ssh-keygen', ['-l', '-f', join(dir, 'key.pem')]).split(' ')[1];
    assert.deepEqual(out.result, { format: 'pkcs1', jiraReady: true, fingerprint, openssh: '-----BEGIN OPENSSH PRIVATE KEY-----', url: ['https-url'] });
    nodeResult = out.result;
  });

  const tsc = (file) => {
    writeFiles(app, { [`tsconfig-${file}.json`]: JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022',
      module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom', 'dom.iterable'], types: [] }, files: [`types/${file}.ts`] }) });
    writeFiles(app, { [`types/${file}.ts`]: readFileSync(new URL(`types/${file}.ts`, import.meta.url), 'utf8') });
    return [join(app, 'node_modules/.bin/tsc'), ['--project', `tsconfig-${file}.json`], { cwd: app }];
  };

  await t.test('tsc --strict --noEmit: every export and event used as README says compiles', () => {
    sh(...tsc('good'));
  });

  await t.test('tsc --strict --noEmit: each misuse is an error, and nothing else is', () => {
    const out = shFails(...tsc('bad'));
    const source = readFileSync(new URL('types/bad.ts', import.meta.url), 'utf8').split('\n');
    const misuses = source.flatMap((line, i) => (/\/\/ misuse/.test(line) ? [i + 1] : []));
    const errors = [...new Set([...out.matchAll(/types\/bad\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1])))];
    assert.deepEqual(errors, misuses, out);
  });

  await t.test('Vite: the app built with vite build works in Chromium under the widget policy', async () => {
    const root = join(app, 'vite-app');
    writeFiles(root, { 'index.html': html('<script type="module" src="./src/main.js"></script>'), 'src/main.js': APP['src/main.js'] });
    sh(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root });
    assert.ok(readdirSync(join(root, 'dist/assets')).some((f) => f.endsWith('.wasm')), 'vite copied the wasm');
    await checkApp(t, join(root, 'dist'), nodeResult);
  });

  await t.test('webpack: the app built with webpack works in Chromium under the widget policy', async () => {
    const root = join(app, 'webpack-app');
    writeFiles(root, {
      'src/main.js': APP['src/main.js'],
      'dist/index.html': html('<script src="main.js"></script>'),
      'webpack.config.mjs': `export default { mode: 'production', entry: './src/main.js', output: { path: new URL('./dist', import.meta.url).pathname }, performance: { hints: false } };\n`,
    });
    sh(join(app, 'node_modules/.bin/webpack'), ['--config', 'webpack.config.mjs'], { cwd: root });
    assert.ok(readdirSync(join(root, 'dist')).some((f) => f.endsWith('.wasm')), 'webpack emitted the wasm');
    await checkApp(t, join(root, 'dist'), nodeResult);
  });
});
