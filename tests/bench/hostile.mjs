// The bench group "hostile inputs": the costliest file keyfit accepts at each cap of src/limits.rs, and files
// past the caps, timed in Chromium through the page's worker (as the page runs them), beside the native tool
// that reads the same file where one does. The at-cap files are written by the real tools where they can write
// them (ssh-keygen -a, puttygen --ppk-param, openssl pkcs8 -iter/-scrypt), so the native figure is a real read
// with the right passphrase; shapes no tool writes (salts at the cap) come from tests/bad/make.sh.
// Nothing here asserts a timing.
//
// Part of `./build.sh bench`; alone: `node tests/bench/hostile.mjs` (builds nothing: run ./build.sh first;
// HOSTILE_ONLY=PBKDF2 keeps the cases whose description contains that text).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const PASSPHRASE = 'correct horse';

/** The caps of src/limits.rs (`pub const NAME: type = expr;` with integer expressions), by name. */
export function readCaps(root = ROOT) {
  const caps = {};
  const src = readFileSync(join(root, 'src/limits.rs'), 'utf8');
  for (const [, name, value] of src.matchAll(/pub const (MAX_\w+): \w+ = ([^;]+);/g)) {
    // `if cfg!(fuzzing) { lowered } else { cap }`: the lowered fuzzing value is not the cap.
    const expr = value.match(/else \{([^}]*)\}/)?.[1] ?? value;
    const js = expr.trim().replace(/_/g, '').replace(/\b(\d+)(u8|u16|u32|u64|usize)\b/g, '$1');
    if (/^[\d\s()+\-*<>]+$/.test(js)) caps[name] = Number(Function(`"use strict"; return (${js});`)());
  }
  return caps;
}

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'], timeout: 600_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * The hostile cases: {what, path, native: [cmd, args] | null, note}. Files at the caps are made in `dir` by the
 * real tools; past-the-cap files are read from tests/bad.
 */
export function hostileCases(dir, caps = readCaps()) {
  const passfile = join(dir, 'pass');
  writeFileSync(passfile, PASSPHRASE);
  const bad = (name) => join(ROOT, 'tests/bad', name);
  const cases = [];
  const pkey = (path) => ['openssl', ['pkey', '-in', path, '-passin', `file:${passfile}`, '-noout']];

  // bcrypt-pbkdf at the rounds cap (ssh-keygen -a), Ed25519 so the key itself costs nothing.
  const rounds = caps.MAX_BCRYPT_ROUNDS;
  const bcrypt = join(dir, 'bcrypt.key');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-a', String(rounds), '-N', PASSPHRASE, '-C', 'hostile', '-f', bcrypt]);
  cases.push({ what: `OpenSSH bcrypt-pbkdf, ${rounds} rounds (cap)`, path: bcrypt,
    native: ['ssh-keygen', ['-y', '-P', PASSPHRASE, '-f', bcrypt]] });

  // Argon2 at its caps: most memory, most passes, most lanes, each with memory x passes at the work cap.
  const mem = caps.MAX_ARGON2_MEMORY_KIB;
  const work = caps.MAX_ARGON2_WORK;
  const argon = (tag, memory, passes, lanes) => {
    const path = join(dir, `argon2-${tag}.ppk`);
    run('puttygen', ['-t', 'ed25519', '-C', 'hostile', '-O', 'private', '-o', path, '--new-passphrase', passfile,
      '--ppk-param', `kdf=argon2id,memory=${memory},passes=${passes},parallelism=${lanes}`], '');
    cases.push({ what: `ppk3 Argon2id ${memory / 1024} MiB x ${passes} passes x ${lanes} lanes (${tag} at cap)`, path,
      native: ['puttygen', [path, '--old-passphrase', passfile, '-O', 'private-openssh', '-o', join(dir, 'out.pem')]] });
  };
  argon('memory', mem, Math.max(1, Math.floor(work / mem)), 1);
  argon('passes', Math.floor(work / caps.MAX_ARGON2_PASSES), caps.MAX_ARGON2_PASSES, 1);
  argon('lanes', mem, Math.max(1, Math.floor(work / mem)), caps.MAX_ARGON2_LANES);

  // PBKDF2 at the iteration cap, for each PRF OpenSSL writes; SHA-1 needs two blocks for an AES-256 key.
  const iter = caps.MAX_PBKDF2_ITERATIONS;
  const ed = join(dir, 'ed25519.pem');
  run('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', ed]);
  for (const prf of ['hmacWithSHA1', 'hmacWithSHA224', 'hmacWithSHA256', 'hmacWithSHA384', 'hmacWithSHA512']) {
    const path = join(dir, `pbkdf2-${prf}.pem`);
    run('openssl', ['pkcs8', '-topk8', '-in', ed, '-v2', 'aes-256-cbc', '-v2prf', prf, '-iter', String(iter),
      '-passout', `file:${passfile}`, '-out', path]);
    cases.push({ what: `PKCS#8 PBKDF2-${prf.slice(8)} AES-256, ${iter} iterations (cap)`, path, native: pkey(path) });
  }
  cases.push({ what: `PKCS#8 PBKDF2-SHA512, salt at the cap, ${iter} iterations (crafted)`,
    path: bad('at-cap-pkcs8-pbkdf2.pem'), native: null });

  // scrypt at its caps: largest N, and largest p x r (scrypt's first PBKDF2 step), each at the work cap.
  const logN = caps.MAX_SCRYPT_LOG_N;
  const scryptCase = (tag, n, r, p) => {
    const path = join(dir, `scrypt-${tag}.pem`);
    // OpenSSL refuses to write (and to read) scrypt above 32 MiB of memory: then keyfit alone is timed.
    const made = spawnSync('openssl', ['pkcs8', '-topk8', '-in', ed, '-scrypt', '-scrypt_N', String(n), '-scrypt_r',
      String(r), '-scrypt_p', String(p), '-passout', `file:${passfile}`, '-out', path], { stdio: 'ignore' });
    cases.push({ what: `PKCS#8 scrypt N = 2^${Math.log2(n)}, r = ${r}, p = ${p} (${tag} at cap)`, path: made.status === 0 ? path : null,
      native: made.status === 0 ? pkey(path) : null, note: made.status === 0 ? '' : 'openssl refuses (memory limit)' });
  };
  const sWork = caps.MAX_SCRYPT_WORK;
  const sMem = caps.MAX_SCRYPT_MEMORY;
  const nMax = 2 ** logN;
  const rAtN = Math.max(1, Math.min(Math.floor(sMem / (128 * nMax)), Math.floor(sWork / nMax)));
  scryptCase('N', nMax, rAtN, Math.max(1, Math.floor(sWork / (nMax * rAtN))));
  cases.push({ what: `PKCS#8 scrypt N = 2^${logN}, r = ${rAtN}, salt at the cap (crafted)`, path: bad('at-cap-pkcs8-scrypt-logn.pem'), native: null });
  const rp = Math.floor(caps.MAX_SCRYPT_EXPANSION / 128);
  scryptCase('p x r', Math.max(2, 2 ** Math.floor(Math.log2(sWork / rp))), 8, Math.floor(rp / 8));
  cases.push({ what: 'PKCS#8 scrypt N = 2^7, r = 8, p = 1024, salt at the cap (crafted)', path: bad('at-cap-pkcs8-scrypt.pem'), native: null });
  cases.push({ what: `OpenSSH bcrypt-pbkdf, ${rounds} rounds, salt at the cap (crafted)`, path: bad('at-cap-openssh-bcrypt.key'), native: null });
  cases.push({ what: 'ppk3 Argon2id 256 MiB x 2 passes, salt at the cap (crafted)', path: bad('at-cap-ppk3-argon2.ppk'), native: null });

  // The largest RSA private key: p and q are tested for primality at every size (openssl genrsa takes a while).
  const rsaBits = caps.MAX_RSA_PRIVATE_BITS;
  const rsa = join(dir, 'rsa.pem');
  if (!process.env.HOSTILE_ONLY || /rsa/i.test(process.env.HOSTILE_ONLY)) run('openssl', ['genrsa', '-traditional', '-out', rsa, String(rsaBits)]);
  if (existsSync(rsa)) cases.push({ what: `RSA-${rsaBits} PKCS#1, p and q tested (cap)`, path: rsa,
    native: ['openssl', ['rsa', '-check', '-noout', '-in', rsa]] });

  // Past the caps: refused before any work.
  for (const name of ['rsa-16384-private.pem', 'pkcs8-scrypt-expansion-256m.pem', 'pkcs8-scrypt-n2p20-r2-p2.pem', 'pkcs8-scrypt-expansion-salt-64k.pem',
    'openssh-bcrypt-rounds-100000.key', 'ppk3-argon2-memory-4g.ppk']) {
    cases.push({ what: `past the caps: ${name}`, path: bad(name), native: null });
  }
  // HOSTILE_ONLY=text: only the cases whose description contains it (e.g. PBKDF2), for a quick look.
  const only = process.env.HOSTILE_ONLY?.toLowerCase();
  return cases.filter((c) => c.path && (!only || c.what.toLowerCase().includes(only)));
}

/** Times keyfit's inspectKey (with the passphrase) on each case in a worker of `page`; returns [{ms[], code}]. */
export async function timeInBrowser(page, cases, n) {
  const out = [];
  for (const c of cases) {
    out.push(await page.evaluate(async ({ input, passphrase, n }) => {
      const { WorkerClient } = await import('./js/worker-client.js');
      const client = new WorkerClient();
      await client.call('inspectKey', { input: '' });
      const ms = [];
      let code = null;
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const report = await client.call('inspectKey', { input, passphrase });
        ms.push(performance.now() - t0);
        code = report.problems.find((p) => p.severity === 'error')?.code ?? 'ok';
      }
      client.cancel();
      return { ms, code };
    }, { input: readFileSync(c.path, 'utf8'), passphrase: PASSPHRASE, n }));
  }
  return out;
}

/** Runs the group: `record(group, what, samples)` as bench.mjs's, `timeCommand(n, cmd, argsFor)` likewise. */
export async function hostileGroup({ page, record, timeCommand, n = 3 }) {
  const dir = mkdtempSync(join(tmpdir(), 'keyfit-hostile-'));
  try {
    const caps = readCaps();
    const cases = hostileCases(dir, caps);
    const times = await timeInBrowser(page, cases, n);
    cases.forEach((c, i) => {
      record('hostile', `keyfit: ${c.what} -> ${times[i].code}`, times[i].ms);
      if (c.native) record('hostile', `native ${c.native[0]}: ${c.what}`, timeCommand(n, c.native[0], () => c.native[1]));
      else if (c.note) console.log(`hostile      ${c.what}: ${c.note}`);
    });
    return caps;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { serve, stopServer } = await import('../../tools/serve.mjs');
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const record = (group, what, samples) => {
    const s = [...samples].sort((a, b) => a - b);
    console.log(`${what.padEnd(100)} n=${s.length} min ${fmt(s[0])} median ${fmt(s[Math.floor(s.length / 2)])} max ${fmt(s[s.length - 1])}`);
  };
  const timeCommand = (n, cmd, argsFor) => Array.from({ length: n }, (_, i) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, argsFor(i), { stdio: 'ignore', timeout: 600_000 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${cmd} failed`);
    return ms;
  });
  const server = await serve(join(ROOT, 'www'), 0);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    console.log(`Chromium ${browser.version()}, caps:`, readCaps());
    await hostileGroup({ page, record, timeCommand, n: Number(process.env.BENCH_N || 3) });
  } finally {
    await browser.close();
    stopServer(server);
  }
}
