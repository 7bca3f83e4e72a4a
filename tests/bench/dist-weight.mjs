// The dist build's weight for `./build.sh bench`: dist/keyfit.html gzip -9; everything the widget loads on the
// sample docs page (tests/dist-docs) once each mode has been used (a check and a key generation load the worker,
// the wasm and the prime workers' code); everything the hosted page (dist/site/, minified) loads for a check and a
// key generation, for a Host URL's verdict alone, and for every kind of job (all it can load); and each part of the engine (every .wasm of dist/site). Each
// file counted once, gzip -9.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve, stopServer } from '../../tools/serve.mjs';
import { CORPUS, DIST, SITE, startDocsServer } from '../e2e/dist-helpers.mjs';
import { engineParts } from './slow-link.mjs';

const gzip = (body) => gzipSync(body, { level: 9 }).length;
const total = (files) => [...files.values()].reduce((a, w) => ({ raw: a.raw + w.raw, gzip: a.gzip + w.gzip }), { raw: 0, gzip: 0 });

/** A check and a Rust-engine key generation on the hosted page. */
async function checkAndGenerate(page) {
  await page.getByRole('tab', { name: 'Check a key' }).click();
  await page.locator('#check-input').fill(readFileSync(join(CORPUS, 'rsa2048-pkcs1.pem'), 'utf8'));
  await page.locator('#check-verdict[data-tone="ok"]').waitFor();
  await page.getByRole('tab', { name: 'Generate a key' }).click();
  await page.locator('#gen-bits').selectOption('2048');
  await page.locator('#gen-engine').selectOption('rust');
  await page.locator('#gen-go').click();
  await page.locator('#gen-result').waitFor({ state: 'visible', timeout: 120_000 });
}

/** A Host URL's verdict on the hosted page (Connect tab), and nothing else: the key engine is not needed for it. */
async function hostUrlVerdict(page) {
  await page.locator('#tab-connect').click();
  await page.locator('#connect-url').fill('git@github.com:example/repo.git');
  await page.locator('#connect-url-verdict[data-tone]').waitFor();
}

/** Every kind of job the hosted page runs, so that it loads everything it can: a check, a Rust-engine key generation,
 * a Host URL, and a key locked with each KDF the engine derives (bcrypt, Argon2, scrypt; PBKDF2 is the browser's). */
async function everything(page) {
  await checkAndGenerate(page);
  await hostUrlVerdict(page);
  const passphrase = readFileSync(join(CORPUS, '../PASSPHRASE'), 'utf8').trim();
  await page.getByRole('tab', { name: 'Check a key' }).click();
  for (const file of ['rsa2048-openssh-aes256-ctr.key', 'rsa2048-ppk3-argon2id.ppk', 'rsa2048-pkcs8-scrypt-aes-256-cbc.pem']) {
    await page.locator('#check-input').fill(readFileSync(join(CORPUS, file), 'utf8'));
    await page.locator('#check-pass').waitFor();
    await page.locator('#check-pass').fill(passphrase);
    await page.getByRole('button', { name: 'Unlock and check' }).click();
    await page.waitForFunction(() => document.querySelector('#check-facts')?.textContent.includes('SHA256:')
      && !document.querySelector('#check-problems li[data-code="passphrase-required"]'), null, { timeout: 120_000 });
  }
}

/** What the hosted page (dist/site/, as a host serves it) has loaded once `act(page)` is done, each file counted once
 * (a file still loading then, e.g. an engine part fetched ahead of need, is not counted). */
async function hostedPageWeight(browser, act) {
  const server = await serve(SITE, 0);
  const files = new Map();
  let done = false;
  try {
    const context = await browser.newContext();
    context.on('requestfinished', async (request) => {
      if (done) return;
      try {
        const r = await request.response();
        const body = await r.body();
        files.set(new URL(r.url()).pathname, { raw: body.length, gzip: gzip(body) });
      } catch { /* no body */ }
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await act(page);
    done = true;
    await new Promise((ok) => setTimeout(ok, 200)); // the bodies of the requests finished by then
    await context.close();
  } finally {
    stopServer(server);
  }
  return { weight: total(files), files: [...files.keys()].sort() };
}

export async function distWeights(flags) {
  const single = readFileSync(join(DIST, 'keyfit.html'));
  const docs = await startDocsServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: flags });
  const files = new Map();
  let hosted;
  let hostedUrl;
  let hostedAll;
  try {
    hosted = await hostedPageWeight(browser, checkAndGenerate);
    hostedUrl = await hostedPageWeight(browser, hostUrlVerdict);
    hostedAll = await hostedPageWeight(browser, everything);
    const context = await browser.newContext();
    context.on('response', async (r) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith('/static/keyfit/')) return;
      try {
        const body = await r.body();
        files.set(path.slice('/static/keyfit/'.length), { raw: body.length, gzip: gzip(body) });
      } catch { /* no body */ }
    });
    const page = await context.newPage();
    await page.goto(`${docs.origin}/docs/`);
    await page.locator('#w-check #check-input').fill(readFileSync(join(CORPUS, 'rsa2048-pkcs1.pem'), 'utf8'));
    await page.locator('#w-check #check-verdict[data-tone="ok"]').waitFor();
    await page.locator('#w-generate #gen-bits').selectOption('2048');
    await page.locator('#w-generate #gen-engine').selectOption('rust');
    await page.locator('#w-generate #gen-go').click();
    await page.locator('#w-generate #gen-result').waitFor({ state: 'visible', timeout: 120_000 });
    await page.locator('#w-convert #convert-input').waitFor();
  } finally {
    await browser.close();
    await docs.close();
  }
  return { single: { raw: single.length, gzip: gzip(single) }, widget: total(files), widgetFiles: [...files.keys()].sort(),
    hosted: hosted.weight, hostedFiles: hosted.files, hostedUrl: hostedUrl.weight, hostedUrlFiles: hostedUrl.files,
    hostedAll: hostedAll.weight, hostedAllFiles: hostedAll.files,
    parts: engineParts(SITE) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'];
  const w = await distWeights(flags);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`hosted page (dist/site): ${kib(w.hosted.gzip)} gzip (${kib(w.hosted.raw)} raw) for ${w.hostedFiles.length} files: ${w.hostedFiles.join(' ')}`);
  console.log(`hosted page, all it has loaded by a Host URL's verdict (Connect tab, nothing else done): ${kib(w.hostedUrl.gzip)} gzip (${kib(w.hostedUrl.raw)} raw) for ${w.hostedUrlFiles.length} files: ${w.hostedUrlFiles.join(' ')}`);
  console.log(`hosted page, everything it can load (every kind of job run): ${kib(w.hostedAll.gzip)} gzip (${kib(w.hostedAll.raw)} raw) for ${w.hostedAllFiles.length} files: ${w.hostedAllFiles.join(' ')}`);
  console.log(`engine parts (gzip): ${w.parts.map((p) => `${p.part} ${kib(p.gzip)}`).join(', ')}`);
  console.log(`single file: ${kib(w.single.gzip)} gzip (${kib(w.single.raw)} raw)`);
  console.log(`widget: ${kib(w.widget.gzip)} gzip (${kib(w.widget.raw)} raw) for ${w.widgetFiles.length} files: ${w.widgetFiles.join(' ')}`);
}
