// keyfit's benchmark, run by `./build.sh bench`: key generation, checking and conversion in headless Chromium,
// side by side with the native tools in one run, plus page weight, start-up time and main-thread smoothness.
// Prints min / median / max per line and the ratios, and writes the table to bench/RESULTS.md, which README's
// performance section reproduces. Nothing here asserts a timing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve, stopServer } from '../../tools/serve.mjs';
import { updateReadme } from './readme.mjs';
import { distWeights } from './dist-weight.mjs';
import { hostileGroup } from './hostile.mjs';
import { engineGroup } from './engines.mjs';
import { slowLinkGroup } from './slow-link.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const N = Number(process.env.BENCH_N || 20);
const CORPUS = join(ROOT, 'tests/corpus/keys');
const PASSPHRASE = 'correct horse';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];

const rows = [];
const notes = [];

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, min: s[0], median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, max: s[s.length - 1] };
}

/** Records one line of the table; `ms` samples in milliseconds. */
function record(group, what, samples) {
  const row = { group, what, ...stats(samples) };
  rows.push(row);
  console.log(`${group.padEnd(12)} ${what.padEnd(58)} n=${String(row.n).padStart(3)}  min ${fmt(row.min)}  median ${fmt(row.median)}  max ${fmt(row.max)}`);
  return row;
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`).padStart(9);

/** Times `n` runs of a native command (wall clock, including process start). */
function timeCommand(n, cmd, argsFor, setup = () => {}) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    setup(i);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, argsFor(i), { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    const t1 = process.hrtime.bigint();
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    samples.push(Number(t1 - t0) / 1e6);
  }
  return samples;
}

const tmp = mkdtempSync(join(tmpdir(), 'keyfit-bench-'));
const passfile = join(tmp, 'pass');
writeFileSync(passfile, PASSPHRASE);

function nativeGeneration() {
  const key = join(tmp, 'k');
  const clean = () => rmSync(key, { force: true }) || rmSync(`${key}.pub`, { force: true });
  const ssh = record('generate', 'ssh-keygen -t rsa -b 4096 -m pem (native)',
    timeCommand(N, 'ssh-keygen', () => ['-q', '-t', 'rsa', '-b', '4096', '-m', 'pem', '-N', '', '-f', key], clean));
  const ossl = record('generate', 'openssl genrsa 4096 (native)', timeCommand(N, 'openssl', () => ['genrsa', '-out', key, '4096']));
  return { ssh, ossl };
}

function nativeChecks() {
  const copy = (name) => {
    const dst = join(tmp, name);
    writeFileSync(dst, readFileSync(join(CORPUS, name)), { mode: 0o600 });
    return dst;
  };
  const openssh = copy('rsa2048-openssh-aes256-ctr.key');
  const ppk = copy('rsa2048-ppk3-argon2id.ppk');
  const pem = copy('rsa4096-pkcs1-sshkeygen.pem');
  const n = Math.min(N, 10);
  record('native', 'ssh-keygen -y: plain RSA-4096 PKCS#1', timeCommand(n, 'ssh-keygen', () => ['-y', '-f', pem]));
  record('native', 'ssh-keygen -y -P: OpenSSH, bcrypt 16 rounds', timeCommand(n, 'ssh-keygen', () => ['-y', '-P', PASSPHRASE, '-f', openssh]));
  // -O public-openssh would not decrypt; exporting the private key runs Argon2 and decrypts.
  record('native', 'puttygen -O private-openssh: ppk3 Argon2id (PuTTY defaults)',
    timeCommand(n, 'puttygen', () => [ppk, '--old-passphrase', passfile, '-O', 'private-openssh', '-o', join(tmp, 'out.pem')]));
}

/** The seeded engine natively: the same seeds as in the browser, so the same work. */
function nativeSeeded(seeds, bits, engine) {
  const out = execFileSync('cargo', ['run', '-q', '--release', '--features', 'bench', '--example', 'seeded_keygen', '--', String(bits),
    String(seeds[0]), String(seeds[seeds.length - 1]), engine], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  // One line per seed: "<engine>\tbits=..\tseed=..\t<ms> ms\t<fingerprint>"
  return out.split('\n').filter((l) => /\tseed=/.test(l)).map((l) => {
    const f = l.split('\t');
    return { ms: parseFloat(f[3]), fingerprint: f[4] };
  });
}

async function browserRuns(server) {
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
  const context = await browser.newContext();
  const weights = new Map();
  context.on('response', async (r) => {
    try {
      const body = await r.body();
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/bench-pkg/')) return; // the benchmark's own build is not part of the page
      weights.set(path, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch { /* redirects have no body */ }
  });
  await context.addInitScript(() => {
    // Start-up: the moment the page's controls are wired (app.js fills the Save-as list last).
    new MutationObserver((_, obs) => {
      if (document.querySelector('#gen-saveas')?.options.length > 0) {
        window.__usableAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
    // Smoothness: every long task (>= 50 ms) on the main thread, and the largest gap between timer ticks.
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: 'longtask', buffered: true });
  });

  const page = await context.newPage();
  const startup = [];
  for (let i = 0; i < Math.min(N, 10); i++) {
    await page.goto(`${origin}?r=${i}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__usableAt !== undefined);
    startup.push(await page.evaluate(() => window.__usableAt));
  }
  const usable = record('page', 'time until usable (navigation start -> controls wired)', startup);

  // Generation through the UI: click to PEM and OpenSSH text on the page.
  const generate = async (engine, bits = 4096) => {
    await page.selectOption('#gen-bits', String(bits));
    await page.selectOption('#gen-engine', engine);
    return page.evaluate(async () => {
      window.__longTasks.length = 0;
      let maxGap = 0;
      let last = performance.now();
      let probing = true;
      const probe = () => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
        if (probing) setTimeout(probe, 0);
      };
      setTimeout(probe, 0);
      const result = document.querySelector('#gen-result');
      const t0 = performance.now();
      document.querySelector('#gen-go').click();
      await new Promise((ok) => {
        const poll = () => (!result.hidden && document.querySelector('#gen-private').value.includes('BEGIN RSA PRIVATE KEY')
          && document.querySelector('#gen-public').value.startsWith('ssh-rsa ') ? ok() : setTimeout(poll, 2));
        setTimeout(poll, 2);
      });
      const ms = performance.now() - t0;
      probing = false;
      const webcryptoMs = Number(document.querySelector('#gen-meta').dataset.webcryptoMs) || null;
      return { ms, webcryptoMs, longest: Math.max(0, ...window.__longTasks), maxGap };
    });
  };
  const series = async (engine, label, n = N) => {
    const runs = [];
    for (let i = 0; i < n; i++) runs.push(await generate(engine));
    const row = record('generate', label, runs.map((r) => r.ms));
    row.longestTask = Math.max(...runs.map((r) => r.longest));
    row.runs = runs;
    row.maxGap = Math.max(...runs.map((r) => r.maxGap));
    return row;
  };
  await generate('auto'); // warm-up: loads the worker and its wasm once
  const auto = await series('auto', 'keyfit default path (WebCrypto + Rust PEM), click to text');
  const rust = await series('rust', "keyfit's Rust engine, click to text");

  // Raw WebCrypto in the same browser, for the ratio.
  const raw = [];
  for (let i = 0; i < N; i++) {
    raw.push(await page.evaluate(async () => {
      const t0 = performance.now();
      await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
      return performance.now() - t0;
    }));
  }
  const webcrypto = record('generate', 'raw WebCrypto generateKey RSA-4096 (same browser)', raw);

  // The API in a worker of the page, for checking and converting (as the page does it).
  const corpus = (name) => readFileSync(join(CORPUS, name), 'utf8');
  const inWorker = async (op, args, n) => page.evaluate(async ({ op, args, n }) => {
    const { WorkerClient } = await import('./js/worker-client.js');
    const client = new WorkerClient();
    await client.call('inspectKey', { input: '' });
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await client.call(op, args);
      times.push(performance.now() - t0);
    }
    client.cancel();
    return times;
  }, { op, args, n });
  const n = Math.min(N, 10);
  record('check', 'inspectKey: plain RSA-4096 PKCS#1', await inWorker('inspectKey', { input: corpus('rsa4096-pkcs1-sshkeygen.pem') }, n));
  record('check', 'inspectKey: OpenSSH, bcrypt 16 rounds, with passphrase',
    await inWorker('inspectKey', { input: corpus('rsa2048-openssh-aes256-ctr.key'), passphrase: PASSPHRASE }, n));
  record('check', 'inspectKey: ppk3 Argon2id (PuTTY defaults), with passphrase',
    await inWorker('inspectKey', { input: corpus('rsa2048-ppk3-argon2id.ppk'), passphrase: PASSPHRASE }, n));
  record('convert', 'convertKey: RSA-4096 PKCS#1 -> OpenSSH', await inWorker('convertKey', { input: corpus('rsa4096-pkcs1-sshkeygen.pem'), to: 'openssh' }, n));
  record('convert', 'convertKey: OpenSSH bcrypt 16 -> PKCS#1 (Make it Jira-ready)',
    await inWorker('convertKey', { input: corpus('rsa2048-openssh-aes256-ctr.key'), passphrase: PASSPHRASE, to: 'pkcs1' }, n));
  record('convert', 'convertKey: ppk3 Argon2id -> PKCS#1',
    await inWorker('convertKey', { input: corpus('rsa2048-ppk3-argon2id.ppk'), passphrase: PASSPHRASE, to: 'pkcs1' }, n));

  // Hostile inputs: the costliest file at each cap of src/limits.rs, and files past them (tests/bench/hostile.mjs).
  await hostileGroup({ page, record, timeCommand, n: Math.min(N, 3) });

  // Long tasks while checking and converting through the page's own UI.
  await page.evaluate(() => { window.__longTasks.length = 0; });
  await page.getByRole('tab', { name: 'Check a key' }).click();
  await page.fill('#check-input', corpus('rsa2048-ppk3-argon2id.ppk'));
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.waitForSelector('#check-pass', { state: 'visible' });
  await page.fill('#check-pass', PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock and check' }).click();
  // The unlocked report (ppk-format, with the key's facts) before converting: an earlier click is dropped.
  await page.locator('#check-facts').filter({ hasText: 'RSA' }).waitFor();
  // A .ppk shows its facts before it is unlocked: wait for the report that no longer asks for the passphrase.
  await page.locator('#check-problems li[data-code="passphrase-required"]').waitFor({ state: 'detached' });
  await page.locator('#check-converter').getByRole('button', { name: 'Make it Jira-ready' }).click();
  await page.locator('#check-converter .status').filter({ hasText: 'Checked again' }).waitFor({ timeout: 60_000 });
  const checkLongest = await page.evaluate(() => Math.max(0, ...window.__longTasks));

  // Seeded engine in the browser, for the wasm/native ratio (same seeds, same work).
  let seeded = null;
  if (process.env.BENCH_SEEDED !== '0') {
    seeded = {};
    for (const engine of ['fast', 'rsa']) {
      seeded[engine] = await page.evaluate(async ({ seeds, bits, engine }) => {
        const m = await import('./bench-pkg/keyfit.js'); // built with the bench feature by ./build.sh bench
        await m.default();
        return seeds.map((s) => {
          const t0 = performance.now();
          const fingerprint = m.seededKeygen(s, bits, engine);
          return { ms: performance.now() - t0, fingerprint };
        });
      }, { seeds: SEEDS, bits: 4096, engine });
    }
  }

  const weight = [...weights.values()].reduce((a, w) => ({ raw: a.raw + w.raw, gzip: a.gzip + w.gzip }), { raw: 0, gzip: 0 });
  const files = [...weights.keys()].sort();
  const version = browser.version();
  await browser.close();
  return { auto, rust, webcrypto, usable, weight, files, checkLongest, seeded, version };
}

const SEEDS = [1, 2, 3, 4, 5, 6];

const t0 = Date.now();
console.log(`keyfit benchmark: N = ${N}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})`);
const server = await serve(join(ROOT, 'www'), 0);
let browser;
try {
  browser = await browserRuns(server);
} finally {
  stopServer(server);
}
console.log(`Chromium ${browser.version}`);
// keyfit's engine in Chromium, Firefox ESR and WebKit side by side (tests/bench/engines.mjs).
const engineLines = await engineGroup({ record, n: Math.min(N, 6) });
const dist = await distWeights(FLAGS);
notes.push(...await slowLinkGroup({ record, n: Math.min(N, 2) })); // tests/bench/slow-link.mjs
const native = nativeGeneration();
nativeChecks();

const seededLines = [];
if (browser.seeded) {
  const names = { fast: "keyfit's prime engine", rsa: 'rsa crate 0.9 (for comparison)' };
  for (const engine of ['fast', 'rsa']) {
    const wasm = browser.seeded[engine];
    const nat = nativeSeeded(SEEDS, 4096, engine);
    const sum = (rs) => rs.reduce((a, r) => a + r.ms, 0);
    const same = wasm.every((r, i) => r.fingerprint === nat[i]?.fingerprint);
    record('seeded', `${names[engine]}, seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]}, one thread: wasm in Chromium`, wasm.map((r) => r.ms));
    record('seeded', `${names[engine]}, seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]}, one thread: native`, nat.map((r) => r.ms));
    seededLines.push(`Seeded wasm/native ratio, ${names[engine]} (same ${SEEDS.length} keys, ${same ? 'identical fingerprints' : 'FINGERPRINTS DIFFER'}): ${(sum(wasm) / sum(nat)).toFixed(2)}x`);
  }
}

const ratio = (a, b) => (a.median / b.median).toFixed(2);
// Prime search makes single keys swing 5-10x, so medians of separate series differ by luck. The default path's
// cost over WebCrypto is measured on the same keys: click-to-text against the WebCrypto call inside it.
const perKey = browser.auto.runs.filter((r) => r.webcryptoMs);
const added = stats(perKey.map((r) => r.ms - r.webcryptoMs));
const perKeyRatio = stats(perKey.map((r) => r.ms / r.webcryptoMs));
const summary = [
  `keyfit default path vs raw WebCrypto, same keys (click-to-text / WebCrypto generateKey inside it): median ${perKeyRatio.median.toFixed(2)}x, max ${perKeyRatio.max.toFixed(2)}x; time keyfit adds: median ${added.median.toFixed(0)} ms, max ${added.max.toFixed(0)} ms`,
  `keyfit default path vs raw WebCrypto, separate series (median / median, luck-dependent): ${ratio(browser.auto, browser.webcrypto)}x`,
  `keyfit Rust engine vs ssh-keygen (median): ${ratio(browser.rust, native.ssh)}x`,
  `keyfit default path vs ssh-keygen (median): ${ratio(browser.auto, native.ssh)}x`,
  ...seededLines,
  ...engineLines,
  `Hosted page (dist/site/: what a host serves, scripts minified and the page's modules in one file): ${(dist.hosted.gzip / 1024).toFixed(1)} KiB gzip (${(dist.hosted.raw / 1024).toFixed(1)} KiB raw) for ${dist.hostedFiles.length} files: ${dist.hostedFiles.join(' ')}; target <= 250 KB gzip`,
  `Hosted page, everything it can load (a check, a Rust-engine key, a Host URL, keys locked with bcrypt, Argon2 and scrypt): ${(dist.hostedAll.gzip / 1024).toFixed(1)} KiB gzip (${(dist.hostedAll.raw / 1024).toFixed(1)} KiB raw) for ${dist.hostedAllFiles.length} files: ${dist.hostedAllFiles.join(' ')}; target <= 250 KiB gzip`,
  `Hosted page, all it has loaded by a Host URL's verdict (Connect tab, nothing else done): ${(dist.hostedUrl.gzip / 1024).toFixed(1)} KiB gzip (${(dist.hostedUrl.raw / 1024).toFixed(1)} KiB raw) for ${dist.hostedUrlFiles.length} files: ${dist.hostedUrlFiles.join(' ')}`,
  `Page weight from www/ (the sources as written, what ./build.sh serve shows): ${(browser.weight.gzip / 1024).toFixed(1)} KiB gzip (${(browser.weight.raw / 1024).toFixed(1)} KiB raw) for ${browser.files.length} files: ${browser.files.join(' ')}`,
  `Single file (dist/keyfit.html): ${(dist.single.gzip / 1024).toFixed(1)} KiB gzip (${(dist.single.raw / 1024).toFixed(1)} KiB raw), target <= 350 KB gzip`,
  `Widget, all it loads on a docs page once each mode is used: ${(dist.widget.gzip / 1024).toFixed(1)} KiB gzip (${(dist.widget.raw / 1024).toFixed(1)} KiB raw) for ${dist.widgetFiles.length} files: ${dist.widgetFiles.join(' ')}; target <= 250 KB gzip`,
  `Longest main-thread task while generating: ${browser.auto.longestTask ? `${browser.auto.longestTask.toFixed(0)} ms` : 'none >= 50 ms'} (default path), ${browser.rust.longestTask ? `${browser.rust.longestTask.toFixed(0)} ms` : 'none >= 50 ms'} (Rust engine); largest gap between timer ticks: ${browser.auto.maxGap.toFixed(0)} / ${browser.rust.maxGap.toFixed(0)} ms`,
  `Longest main-thread task while checking and converting a ppk3 key in the page: ${browser.checkLongest ? `${browser.checkLongest.toFixed(0)} ms` : 'none >= 50 ms'}`,
].filter(Boolean);
for (const line of summary) console.log(line);

const table = [
  '| group | what | n | min | median | max |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.group} | ${r.what} | ${r.n} | ${fmt(r.min).trim()} | ${fmt(r.median).trim()} | ${fmt(r.max).trim()} |`),
];
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench/RESULTS.md'), [
  `Made by \`./build.sh bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, Chromium ${browser.version}, N = ${N}, ${Math.round((Date.now() - t0) / 1000)} s.`,
  '',
  ...table,
  '',
  ...summary.map((s) => `- ${s}`),
  ...notes.map((s) => `- ${s}`),
  '',
].join('\n'));
updateReadme(ROOT);
console.log('\nwrote bench/RESULTS.md and its copy in README.md');
rmSync(tmp, { recursive: true, force: true });
