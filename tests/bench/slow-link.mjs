// The bench group "slow link": dist/site as a host serves it (gzip), in Chromium with the network at 1.6 Mbps
// down / 750 kbps up / 150 ms round trip and the CPU slowed 4x (CDP Network.emulateNetworkConditions,
// Emulation.setCPUThrottlingRate), cache off, a fresh browser context per run. For each first answer a user waits
// for, the time from navigation and the bytes fetched by then (gzip, every file counted once, the worker's too):
// the page started, a Host URL's verdict, a plain key's verdict, an encrypted key's verdict (passphrase typed at
// once), a generated key. Then the gzip weight of each engine part (every .wasm of dist/site).
// Nothing here asserts a timing.
//
// Part of `./build.sh bench`; alone: `node tests/bench/slow-link.mjs` (builds nothing: run ./build.sh dist first).
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { fileFor, stopServer } from '../../tools/serve.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const SITE = join(ROOT, 'dist/site');
const CORPUS = join(ROOT, 'tests/corpus/keys');
const PASSPHRASE = readFileSync(join(ROOT, 'tests/corpus/PASSPHRASE'), 'utf8').trim();
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json' };
/** The slow profile of issue 21. */
export const PROFILE = { downKbps: 1600, upKbps: 750, rttMs: 150, cpuSlowdown: 4 };

const gzip = (body) => gzipSync(body, { level: 9 });

/** dist/site with gzip, as a host serves it (compressed once per file). */
function serveGzipped(root) {
  const cache = new Map();
  const server = createServer((req, res) => {
    const { file: path } = fileFor(root, req.url);
    let body;
    try {
      if (!path) throw new Error('outside the site');
      body = cache.get(path) ?? gzip(readFileSync(path));
    } catch {
      res.writeHead(404).end();
      return;
    }
    cache.set(path, body);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-encoding': 'gzip',
      'content-length': body.length, 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** What each first answer needs done on the page, and the sign that it came. */
const SCENARIOS = {
  'page started': { act: async () => {}, done: () => document.documentElement.dataset.keyfit === 'started' },
  "Host URL's verdict": {
    act: async (page) => {
      await page.locator('#tab-connect').click();
      await page.locator('#connect-url').fill('git@github.com:example/repo.git');
    },
    done: () => Boolean(document.querySelector('#connect-url-verdict')?.dataset.tone),
  },
  "plain key's verdict": {
    act: async (page) => {
      await page.locator('#tab-check').click();
      await page.locator('#check-input').fill(readFileSync(join(CORPUS, 'rsa2048-pkcs1.pem'), 'utf8'));
    },
    done: () => document.querySelector('#check-verdict')?.dataset.tone === 'ok',
  },
  "encrypted key's verdict (PKCS#8, PBKDF2-SHA256)": {
    act: async (page) => {
      await page.locator('#tab-check').click();
      await page.locator('#check-input').fill(readFileSync(join(CORPUS, 'rsa2048-pkcs8-pbkdf2-sha256-aes-256-cbc.pem'), 'utf8'));
      await page.locator('#check-pass').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock and check' }).click();
    },
    // Unlocked: the report shows the key's fingerprint and no longer asks for the passphrase.
    done: () => Boolean(document.querySelector('#check-facts')?.textContent.includes('SHA256:'))
      && !document.querySelector('#check-problems li[data-code="passphrase-required"]'),
  },
  'generated key (default settings)': {
    act: async (page) => page.locator('#gen-go').click(),
    done: () => document.querySelector('#gen-private')?.value.includes('BEGIN RSA PRIVATE KEY'),
  },
};

/** One run of a scenario in a fresh context: {ms, bytes} from navigation start. */
async function runOnce(browser, origin, { act, done }) {
  const context = await browser.newContext();
  const finished = [];
  context.on('requestfinished', async (r) => {
    const at = Date.now();
    try {
      const body = await r.response().then((res) => res?.body());
      if (body) finished.push({ url: r.url(), at, gzip: gzip(body).length });
    } catch { /* no body */ }
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PROFILE.rttMs,
    downloadThroughput: (PROFILE.downKbps * 1000) / 8, uploadThroughput: (PROFILE.upKbps * 1000) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
  await page.goto(origin, { waitUntil: 'commit' });
  await act(page);
  await page.waitForFunction(done, null, { polling: 20, timeout: 180_000 });
  const { now, origin: t0 } = await page.evaluate(() => ({ now: performance.now(), origin: performance.timeOrigin }));
  const end = t0 + now;
  await new Promise((ok) => setTimeout(ok, 200)); // let the bodies of requests finished by then be read
  const seen = new Map();
  for (const f of finished) if (f.at <= end + 50) seen.set(f.url, f.gzip);
  await context.close();
  return { ms: now, bytes: [...seen.values()].reduce((a, b) => a + b, 0) };
}

/** What each part of the engine is for (build.sh). */
const PART_NAMES = { 'pkg/keyfit_bg.wasm': 'the key engine', 'pkg/keyfit_read_bg.wasm': 'its check part',
  'pkg/keyfit_url_bg.wasm': 'the Host URL check',
  'pkg/keyfit_kdf_bg.wasm': 'the KDFs' };

/** Every .wasm under dist/site and its gzip weight; `part`: its path, with what it is for where known. */
export function engineParts(site = SITE) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.wasm')) {
        const part = relative(site, path);
        out.push({ part: PART_NAMES[part] ? `${part} (${PART_NAMES[part]})` : part, gzip: gzip(readFileSync(path)).length });
      }
    }
  };
  walk(site);
  return out;
}

/**
 * Runs the group: `record(group, what, samples)` as bench.mjs's (times in ms); returns the summary lines (median
 * bytes per answer, the engine parts).
 */
export async function slowLinkGroup({ record, n = 2, only = null }) {
  const server = await serveGzipped(SITE);
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
  const lines = [];
  try {
    for (const [what, scenario] of Object.entries(SCENARIOS)) {
      if (only && !what.toLowerCase().includes(only.toLowerCase())) continue;
      const runs = [];
      for (let i = 0; i < n; i++) runs.push(await runOnce(browser, origin, scenario));
      record('slow link', `${what}: time from navigation`, runs.map((r) => r.ms));
      const kib = runs.map((r) => r.bytes / 1024).sort((a, b) => a - b);
      lines.push(`Slow link, ${what}: ${kib.map((k) => k.toFixed(1)).join(' / ')} KiB gzip fetched by then (each run)`);
    }
  } finally {
    await browser.close();
    stopServer(server);
  }
  const parts = engineParts();
  lines.push(`Engine parts (gzip): ${parts.map((p) => `${p.part} ${(p.gzip / 1024).toFixed(1)} KiB`).join(', ')}`);
  lines.unshift(`Slow-link profile: ${PROFILE.downKbps / 1000} Mbps down, ${PROFILE.upKbps} kbps up, ${PROFILE.rttMs} ms round trip, CPU ${PROFILE.cpuSlowdown}x slower, cache off, dist/site served with gzip`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const record = (group, what, samples) => {
    const s = [...samples].sort((a, b) => a - b);
    console.log(`${what.padEnd(70)} n=${s.length} min ${fmt(s[0])} median ${fmt(s[Math.floor(s.length / 2)])} max ${fmt(s[s.length - 1])}`);
  };
  const lines = await slowLinkGroup({ record, n: Number(process.env.BENCH_N || 2), only: process.env.SLOW_ONLY || null });
  for (const line of lines) console.log(line);
}
