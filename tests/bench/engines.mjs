// keyfit's Rust engine (its prime search) in Chromium, Firefox ESR and WebKit on the same machine, for
// `./build.sh bench` (group "engines"; alone: `./build.sh bench engines` or `node tests/bench/engines.mjs`).
// For each browser, on www/ served over http:
// - the keys seeds 1-3 determine, one thread (www/bench-pkg/, when ./build.sh bench has built it): the same work
//   in every browser, so the ratio is the engine's speed, whatever the prime-search luck;
// - inspectKey of an RSA-4096 key, which tests p and q for primality: fixed work, in a fresh worker (engine load
//   and cold code) and warm;
// - one prime worker: the time of one 2048-bit prime (findPrime);
// - k = 1, 2, 4 prime workers searching as js/key-generator.js does (each from its own random start, the first
//   two primes found make the key): the time until two primes are found, per 4096-bit key;
// - the page itself: a 4096-bit key with keyfit's engine, click to text, with the page's own worker count.
// Also reports navigator.hardwareConcurrency as each browser says it. Nothing here asserts a timing.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, stopServer } from '../../tools/serve.mjs';
import { missing, open } from '../engines/drivers.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const SEEDS = [1, 2, 3];

/**
 * Page-side: one round of `k` module workers (worker.js) searching for `bits`-bit primes until two are found, as
 * js/key-generator.js does: the workers stay for the next round (kept in the page), a worker still searching when
 * the second prime arrives is terminated, and its replacement starts (and loads the engine) in the next round's
 * time. Returns the time to two primes and, with one worker, the time of each prime.
 */
const SEARCH = async (k, bits) => {
  const url = new URL('worker.js', location.href);
  const pool = ((window.keyfitBenchPools ??= {})[k] ??= []);
  while (pool.length < k) pool.push(new Worker(url, { type: 'module' }));
  let nextId = (window.keyfitBenchId ??= 1);
  const call = (w, op, args) => new Promise((ok, fail) => {
    const id = nextId++;
    window.keyfitBenchId = nextId;
    const on = ({ data }) => {
      if (data.id !== id) return;
      w.removeEventListener('message', on);
      if (data.ok) ok(data.value); else fail(new Error(data.error.message));
    };
    w.addEventListener('message', on);
    w.postMessage({ id, op, args });
  });
  const primes = [];
  const busy = new Set(pool);
  let found = 0;
  const t0 = performance.now();
  await new Promise((done, fail) => {
    for (const w of pool) {
      (async () => {
        while (found < 2) {
          const s = performance.now();
          await call(w, 'findPrime', { bits });
          if (found >= 2) return;
          if (k === 1) primes.push(performance.now() - s);
          if (++found === 2) { busy.delete(w); done(); }
        }
      })().catch(fail);
    }
  });
  const ms = performance.now() - t0;
  for (const w of busy) { w.terminate(); pool.splice(pool.indexOf(w), 1); }
  return { rounds: [ms], primes };
};

/** Page-side: `times` runs of inspectKey on `key` (an RSA-4096 PKCS#1 key: p and q are tested for primality, the
 * prime search's own arithmetic) in one fresh worker: fixed work, unlike a prime search's luck. Times in ms: the
 * first call (loading the engine and running its code cold) and the next `times` (warm). */
const FIXED = async (key, times) => {
  const w = new Worker(new URL('worker.js', location.href), { type: 'module' });
  let id = 0;
  const inspect = () => new Promise((ok, fail) => {
    const mine = ++id;
    w.onmessage = ({ data }) => { if (data.id === mine) (data.ok ? ok : fail)(data.value ?? data.error); };
    w.postMessage({ id: mine, op: 'inspectKey', args: { input: key } });
  });
  let t0 = performance.now();
  await inspect(); // loads the engine, then runs cold code
  const cold = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < times; i++) {
    t0 = performance.now();
    await inspect();
    warm.push(performance.now() - t0);
  }
  w.terminate();
  return { cold, warm };
};

/** Page-side: the keys that `seeds` determine (`bits` bits, keyfit's prime engine, one thread, on the page), from
 * the benchmark's own build (www/bench-pkg/, made by ./build.sh bench): the same work in every browser. Times in ms. */
const SEEDED = async (seeds, bits) => {
  const m = await import(new URL('bench-pkg/keyfit.js', location.href).href);
  await m.default();
  return seeds.map((seed) => {
    const t0 = performance.now();
    m.seededKeygen(seed, bits, 'fast');
    return performance.now() - t0;
  });
};

/** Page-side: one 4096-bit key with keyfit's engine through the page (click to text); its time in ms. */
const PAGE_KEY = async () => {
  const select = (id, value) => {
    const el = document.querySelector(id);
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  select('#gen-bits', '4096');
  select('#gen-engine', 'rust');
  const before = document.querySelector('#gen-private').value;
  const t0 = performance.now();
  document.querySelector('#gen-go').click();
  await new Promise((ok) => {
    const poll = () => (!document.querySelector('#gen-result').hidden && document.querySelector('#gen-private').value !== before
      ? ok() : setTimeout(poll, 5));
    poll();
  });
  return performance.now() - t0;
};

/** A function of this file run in the page with arguments, in any of the three browsers: (source, ...args). */
const call = (fn, args) => `(${fn})(...${JSON.stringify(args)})`;

/** Chromium (playwright-core) on `origin`: {name, run(fn, ...args), close()}. */
async function openChromium(origin) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  const page = await browser.newPage();
  await page.goto(origin);
  return { key: 'chromium', name: `Chromium ${browser.version()}`, run: (fn, ...args) => page.evaluate(call(fn, args)), close: () => browser.close() };
}

/** Firefox or WebKit (tests/engines/drivers.mjs) on `origin`: {name, run(fn, ...args), close()}. */
async function openEngine(engine, origin) {
  const cleanups = [];
  const s = await open({ after: (fn) => cleanups.push(fn) }, engine); // open() registers its own cleanup
  await s.goto(origin);
  const name = engine === 'firefox' ? `Firefox ${s.version.split('/')[1]}` : `WebKitGTK ${s.version.split(' ')[1]}`;
  return { key: engine, name, run: (fn, ...args) => s.run(fn, ...args), close: async () => { for (const fn of cleanups) await fn(); } };
}

/**
 * The group "engines": `record(group, what, samples)` as bench.mjs records a line; `n` samples per line. The
 * browsers run side by side, one sample each in turn, so a change in the machine's load hits them alike.
 * Returns summary lines (hardwareConcurrency per browser, the medians side by side, the load average).
 */
export async function engineGroup({ record, n = 8 }) {
  const server = await serve(join(ROOT, 'www'), 0);
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const lines = [];
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const load = [loadavg()[0]];
  const browsers = [];
  try {
    browsers.push(await openChromium(origin));
    for (const engine of ['firefox', 'webkit']) if (!missing(engine)) browsers.push(await openEngine(engine, origin));
    for (const b of browsers) {
      b.cores = await b.run(() => navigator.hardwareConcurrency);
      lines.push(`${b.name}: navigator.hardwareConcurrency = ${b.cores} (${cpus().length} cores here)`);
      await b.run(() => new Promise((ok) => {
        const wait = () => (document.querySelector('#gen-saveas')?.options.length > 0 ? ok() : setTimeout(wait, 20));
        wait();
      }));
      b.samples = { seeded: [], cold: [], fixed: [], prime: [], page: [], 1: [], 2: [], 4: [] };
    }
    if (existsSync(join(ROOT, 'www/bench-pkg/keyfit.js'))) {
      for (const seed of SEEDS) for (const b of browsers) b.samples.seeded.push(...await b.run(SEEDED, [seed], 4096));
    }
    const key = readFileSync(join(ROOT, 'tests/corpus/keys/rsa4096-pkcs1-sshkeygen.pem'), 'utf8');
    for (let i = 0; i < n; i++) {
      for (const b of browsers) {
        const { cold, warm } = await b.run(FIXED, key, 5);
        b.samples.cold.push(cold);
        b.samples.fixed.push(...warm);
      }
    }
    for (const k of [1, 2, 4]) {
      for (let i = 0; i < n; i++) {
        for (const b of browsers) {
          const { rounds, primes } = await b.run(SEARCH, k, 2048);
          b.samples[k].push(...rounds);
          if (k === 1) b.samples.prime.push(...primes);
        }
      }
    }
    for (const b of browsers) await b.run(PAGE_KEY); // warm-up: the page's workers load the engine
    for (let i = 0; i < n; i++) for (const b of browsers) b.samples.page.push(await b.run(PAGE_KEY));
  } finally {
    for (const b of browsers) await b.close().catch(() => {});
    await stopServer(server);
  }
  load.push(loadavg()[0]);
  for (const b of browsers) {
    if (b.samples.seeded.length) {
      record('engines', `${b.name}: keyfit's prime engine, seeds ${SEEDS[0]}-${SEEDS.at(-1)}, 4096 bits, one thread (same work)`, b.samples.seeded);
    }
    record('engines', `${b.name}: inspectKey RSA-4096 PKCS#1, first call in a fresh worker (engine load, cold code)`, b.samples.cold);
    record('engines', `${b.name}: inspectKey RSA-4096 PKCS#1 (p and q tested: fixed work), one worker`, b.samples.fixed);
    record('engines', `${b.name}: one 2048-bit prime, one worker`, b.samples.prime);
    for (const k of [1, 2, 4]) {
      record('engines', `${b.name}: two 2048-bit primes (a 4096-bit key), ${k} prime worker${k > 1 ? 's' : ''}`, b.samples[k]);
    }
    record('engines', `${b.name}: 4096-bit key through the page (keyfit's engine, click to text)`, b.samples.page);
  }
  const [c, ...others] = browsers;
  for (const b of others) {
    const ratio = (what) => (median(b.samples[what]) / median(c.samples[what])).toFixed(2);
    const fastest = (x) => Math.min(...x.samples.fixed);
    const sum = (x) => x.samples.seeded.reduce((a, v) => a + v, 0);
    if (b.samples.seeded.length) lines.push(`${b.name} vs ${c.name}: the same ${SEEDS.length} seeded keys, one thread: ${(sum(b) / sum(c)).toFixed(2)}x`);
    lines.push(`${b.name} vs ${c.name}: fixed work (inspectKey RSA-4096, fastest run) ${(fastest(b) / fastest(c)).toFixed(2)}x; medians: one prime ${ratio('prime')}x, a key with 1 / 2 / 4 workers ${ratio(1)}x / `
      + `${ratio(2)}x / ${ratio(4)}x, a key through the page ${ratio('page')}x`);
  }
  lines.push(`Load average (1 min) at the start and end of the group: ${load.map((l) => l.toFixed(1)).join(' and ')}`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const record = (group, what, samples) => {
    const s = [...samples].sort((a, b) => a - b);
    console.log(`${what.padEnd(100)} n=${String(s.length).padStart(2)} min ${fmt(s[0])} median ${fmt(s[Math.floor((s.length - 1) / 2)])} max ${fmt(s[s.length - 1])}`);
  };
  const lines = await engineGroup({ record, n: Number(process.env.BENCH_N || 8) });
  for (const line of lines) console.log(line);
}
