// Secrets left in wasm memory: after each API call of the built modules (www/pkg, made by ./build.sh) returns,
// its whole linear memory is searched for the key texts that went in and came out (every base64 line of them),
// the passphrases, and the private exponent's bytes. Freed memory is not cleared by the allocator, so anything
// found was copied somewhere and dropped without being wiped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const ROOT = new URL('../..', import.meta.url).pathname;
const keyfit = await import(`${ROOT}www/pkg/keyfit.js`);
const exports = keyfit.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_bg.wasm`) });
const kdf = await import(`${ROOT}www/pkg/keyfit_kdf.js?memory`);
const kdfExports = kdf.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_kdf_bg.wasm`) });
// The check part: what the page runs for a key checked or matched without a passphrase.
const checkPart = await import(`${ROOT}www/pkg/keyfit_read.js?memory`);
const checkPartExports = checkPart.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_read_bg.wasm`) });
const { withDerivedKeysSync } = await import(`${ROOT}www/js/derive-keys.js`);
/** `k[fn](input, options, ...rest)` with the key derivations it asks for made by `kdfPart` (the KDF part), as the npm
 * package makes them. */
const derived = (k, kdfPart, fn, input, options = {}, ...rest) =>
  withDerivedKeysSync(options, (derivedKeys) => k[fn](input, { ...options, derivedKeys }, ...rest), kdfPart.deriveKey);
const corpus = (name) => readFileSync(`${ROOT}tests/corpus/keys/${name}`, 'utf8');
const PASSPHRASE = readFileSync(`${ROOT}tests/corpus/PASSPHRASE`, 'utf8').trim();
const NEW_PASSPHRASE = 'scan me: a new passphrase 7f3a';

/** The base64 lines of a key text (40 characters or more: headers, comments and short lines are not secret). */
const lines = (text) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l));

/** The private exponent d of a PKCS#1 PEM, as big-endian bytes (read with node's own crypto). */
async function privateExponent(pem) {
  const { createPrivateKey } = await import('node:crypto');
  const jwk = createPrivateKey(pem).export({ format: 'jwk' });
  return Buffer.from(jwk.d, 'base64url');
}

/** Which of `needles` (name -> Buffer) occur in wasm memory now: the key engine's, the check part's or the KDF
 * part's. */
function found(needles) {
  const memories = [exports, checkPartExports, kdfExports].map((e) => Buffer.from(e.memory.buffer));
  return Object.entries(needles).filter(([, n]) => n.length > 0 && memories.some((m) => m.indexOf(n) >= 0)).map(([name]) => name);
}

function needlesOf(label, text) {
  return Object.fromEntries(lines(text).map((l, i) => [`${label} line ${i + 1}`, Buffer.from(l)]));
}

const PKCS1 = corpus('rsa2048-pkcs1.pem');
const D = await privateExponent(PKCS1);
// A window of d's bytes: long enough to be unique, short enough to be found in any aligned copy.
const dNeedle = { 'd (32 bytes)': D.subarray(40, 72) };

const PLAIN = { ...needlesOf('input', PKCS1), ...dNeedle };
const cases = [
  // [what, needles of the input, call]
  ['convertKey pkcs1 -> openssh with a new passphrase', PLAIN, () => derived(keyfit, kdf, 'convertKey', PKCS1, { to: 'openssh', newPassphrase: NEW_PASSPHRASE, rounds: 4 })],
  ['convertKey pkcs1 -> pkcs8', PLAIN, () => keyfit.convertKey(PKCS1, { to: 'pkcs8' })],
  ['convertKey pkcs1 -> ppk2', PLAIN, () => keyfit.convertKey(PKCS1, { to: 'ppk2' })],
  ['convertKey pkcs1 -> pkcs1 encrypted', PLAIN, () => keyfit.convertKey(PKCS1, { to: 'pkcs1', newPassphrase: NEW_PASSPHRASE })],
  ['convertKey legacy-encrypted pkcs1 -> pkcs1', dNeedle, () => keyfit.convertKey(corpus('rsa2048-pkcs1-aes-128-cbc.pem'), { to: 'pkcs1', passphrase: PASSPHRASE })],
  ['convertKey openssh (bcrypt) -> pkcs1', {}, () => derived(keyfit, kdf, 'convertKey', corpus('rsa2048-openssh-aes256-ctr.key'), { to: 'pkcs1', passphrase: PASSPHRASE })],
  ['convertKey ppk3 (Argon2) -> pkcs1', {}, () => derived(keyfit, kdf, 'convertKey', corpus('rsa2048-ppk3-argon2id.ppk'), { to: 'pkcs1', passphrase: PASSPHRASE })],
  ['convertKey pkcs8 (PBKDF2) -> pkcs1', {}, () => derived(keyfit, kdf, 'convertKey', corpus('rsa2048-pkcs8-pbkdf2-sha256-aes-256-cbc.pem'), { to: 'pkcs1', passphrase: PASSPHRASE })],
  ['convertKey ed25519 openssh -> pkcs8', {}, () => keyfit.convertKey(corpus('ed25519-openssh.key'), { to: 'pkcs8' })],
  ['inspectKey plain pkcs1', PLAIN, () => keyfit.inspectKey(PKCS1, {})],
  ['inspectKey mangled pkcs1 (repaired text)', PLAIN, () => keyfit.inspectKey(PKCS1.replace(/\n/g, '\r\n'), {})],
  ['check part: inspectKey plain pkcs1', PLAIN, () => checkPart.inspectKey(PKCS1, {})],
  ['check part: inspectKey mangled pkcs1 (repaired text)', PLAIN, () => checkPart.inspectKey(PKCS1.replace(/\n/g, '\r\n'), {})],
  // Its private lines only: the public ones are in the report's public key.
  ['check part: inspectKey ppk2 (MAC checked)', needlesOf('private', corpus('rsa2048-ppk2.ppk').split('Private-Lines')[1]), () => checkPart.inspectKey(corpus('rsa2048-ppk2.ppk'), {})],
  ['check part: matchKey pkcs1 against its public key', PLAIN, () => checkPart.matchKey(PKCS1, {}, corpus('rsa2048-openssh.pub'))],
  ['inspectKey encrypted openssh with its passphrase', {}, () => derived(keyfit, kdf, 'inspectKey', corpus('rsa2048-openssh-aes256-ctr.key'), { passphrase: PASSPHRASE })],
  ['inspectKey with a wrong passphrase', {}, () => keyfit.inspectKey(corpus('rsa2048-ppk2-aes256-cbc.ppk'), { passphrase: NEW_PASSPHRASE })],
  ['generateKey 2048-bit with a passphrase', {}, () => keyfit.generateKey({ bits: 2048, passphrase: NEW_PASSPHRASE })],
];

for (const [what, inputs, call] of cases) {
  test(`memory after ${what}`, () => {
    let out;
    try {
      out = call();
    } catch (err) {
      assert.fail(`${what} threw ${err.code}: ${err.message}`);
    }
    const text = typeof out === 'string' ? out : out.privateKey ?? '';
    const needles = {
      ...inputs,
      ...needlesOf('output', text),
      passphrase: Buffer.from(PASSPHRASE),
      'new passphrase': Buffer.from(NEW_PASSPHRASE),
    };
    if (!/inspect|match/.test(what)) assert.ok(Object.keys(needlesOf('output', text)).length > 0, 'no key text came out');
    const left = found(needles);
    assert.deepEqual(left, [], `left in wasm memory after ${what}: ${left.join(', ')}`);
  });
}

test('the scan finds what is there, in the key engine and in the check part', () => {
  // A buffer of the module's own allocator, filled and never freed by this test: the scan must see it.
  const marker = createHash('sha256').update('memory scan self-test').digest();
  for (const part of [exports, checkPartExports]) {
    const view = new Uint8Array(part.memory.buffer);
    const at = view.length - 4096;
    const saved = view.slice(at, at + marker.length);
    view.set(marker, at);
    try {
      assert.deepEqual(found({ marker }), ['marker']);
    } finally {
      view.set(saved, at);
    }
  }
});

// Issue 18: every passphrase length from 1 to 64 characters and every token form, each call in a fresh wasm
// instance (a new import of the module), so that nothing another call left behind is found or overwritten.
async function fresh(n) {
  const mod = await import(`${ROOT}www/pkg/keyfit.js?fresh=${n}`);
  const ex = mod.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_bg.wasm`) });
  const kdfPart = await freshKdfPart(n);
  const has = (needle) => Buffer.from(ex.memory.buffer).indexOf(needle) >= 0 || kdfPart.has(needle);
  return { mod, kdfPart: kdfPart.mod, has };
}

/** A fresh instance of the KDF part (www/pkg/keyfit_kdf.js), with its own wasm memory. */
async function freshKdfPart(n) {
  const mod = await import(`${ROOT}www/pkg/keyfit_kdf.js?fresh=${n}`);
  const ex = mod.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_kdf_bg.wasm`) });
  const has = (needle) => Buffer.from(ex.memory.buffer).indexOf(needle) >= 0;
  return { mod, has };
}

const LEGACY = corpus('rsa2048-pkcs1-aes-128-cbc.pem');
const PUBLIC = corpus('rsa2048-openssh.pub');
let instance = 0;
/** A passphrase of `n` characters (lengths under 4 are called too, but a 1-3 byte string is found anywhere). */
const passphrase = (n) => 'Pq7#x'.repeat(13).slice(0, n);
const ALL = Array.from({ length: 64 }, (_, i) => i + 1);
// The slow KDFs (bcrypt, PBKDF2, Argon2: seconds per call in a fresh instance) at the lengths where a hash's
// block buffer changes shape; the cheap paths (MD5, SHA-1) at every length.
const EDGES = [1, 4, 8, 16, 20, 31, 32, 33, 55, 56, 63, 64];
const calls = [
  ['inspectKey, wrong passphrase on a DEK-Info PKCS#1', ALL, (k, p) => k.inspectKey(LEGACY, { passphrase: p })],
  ['matchKey, wrong passphrase on a DEK-Info PKCS#1', ALL, (k, p) => k.matchKey(LEGACY, { passphrase: p }, PUBLIC)],
  ['convertKey to encrypted pkcs1 (passphrase kept)', ALL, (k, p) => k.convertKey(PKCS1, { to: 'pkcs1', newPassphrase: p })],
  ['convertKey legacy pkcs1, passphrase kept', ALL, (k, p) => k.convertKey(k.convertKey(PKCS1, { to: 'pkcs1', newPassphrase: p }), { to: 'pkcs1', passphrase: p, newPassphrase: p })],
  ['convertKey legacy pkcs1, passphrase changed', ALL, (k, p) => k.convertKey(LEGACY, { to: 'pkcs1', passphrase: PASSPHRASE, newPassphrase: p })],
  ['convertKey legacy pkcs1, passphrase removed', ALL, (k, p) => k.convertKey(k.convertKey(PKCS1, { to: 'pkcs1', newPassphrase: p }), { to: 'pkcs1', passphrase: p })],
  ['convertKey to ppk2 with a passphrase', ALL, (k, p) => k.convertKey(PKCS1, { to: 'ppk2', newPassphrase: p })],
  ['convertKey to openssh with a passphrase', EDGES, (k, p, d) => derived(k, d, 'convertKey', PKCS1, { to: 'openssh', newPassphrase: p, rounds: 2 })],
  ['convertKey to pkcs8 with a passphrase', EDGES, (k, p, d) => derived(k, d, 'convertKey', PKCS1, { to: 'pkcs8', newPassphrase: p })],
  ['convertKey to ppk3 with a passphrase', [4, 20, 64], (k, p, d) => derived(k, d, 'convertKey', PKCS1, { to: 'ppk3', newPassphrase: p })],
];
for (const [what, lengths, call] of calls) {
  test(`memory after ${what}, passphrases of ${lengths.length === 64 ? '1 to 64' : lengths.join(', ')} characters`, async () => {
    const left = [];
    for (const n of lengths) {
      const p = passphrase(n);
      const { mod, kdfPart, has } = await fresh(instance++);
      try { call(mod, p, kdfPart); } catch { /* a wrong passphrase throws: the memory is what counts */ }
      if (n >= 4 && has(Buffer.from(p))) left.push(n);
    }
    assert.deepEqual(left, [], `passphrase left in wasm memory after ${what}, lengths: ${left.join(' ')}`);
  });
}

// The KDF part alone: each KDF's deriveKey, every passphrase length from 1 to 64, each call in a fresh instance.
const SALT = new Uint8Array(16).fill(0x5a);
const REQUESTS = {
  'PBKDF2-SHA-224': { name: 'pbkdf2', hash: 'SHA-224', iterations: 2, salt: SALT, length: 32 },
  'PBKDF2-SHA-512': { name: 'pbkdf2', hash: 'SHA-512', iterations: 2, salt: SALT, length: 32 },
  scrypt: { name: 'scrypt', logN: 4, r: 8, p: 2, salt: SALT, length: 32 },
  bcrypt: { name: 'bcrypt', rounds: 2, salt: SALT, length: 48 },
  Argon2id: { name: 'argon2id', memoryKib: 64, passes: 1, parallelism: 2, salt: SALT, length: 80 },
};
for (const [kdfName, request] of Object.entries(REQUESTS)) {
  test(`memory of the KDF part after deriveKey, ${kdfName}, passphrases of 1 to 64 characters`, async () => {
    const left = [];
    for (const n of ALL) {
      const p = passphrase(n);
      const { mod, has } = await freshKdfPart(instance++);
      const bytes = new TextEncoder().encode(p);
      const key = mod.deriveKey(request, bytes);
      assert.equal(key.length, request.length);
      bytes.fill(0);
      if (n >= 4 && has(Buffer.from(p))) left.push(n);
    }
    assert.deepEqual(left, [], `passphrase left in the KDF part's memory after ${kdfName}, lengths: ${left.join(' ')}`);
  });
}

// scrypt as the worker derives it in parallel (js/derive-keys.js): its blocks mixed in parts, then the key from all
// of them. The key is the whole derivation's; neither the passphrase nor the mixed blocks stay in the KDF part.
test('memory of the KDF part after a scrypt derived in parts, passphrases of 1 to 64 characters', async () => {
  const request = REQUESTS.scrypt;
  const left = [];
  for (const n of ALL) {
    const bytes = () => new TextEncoder().encode(passphrase(n));
    const whole = (await freshKdfPart(instance++)).mod.deriveKey(request, bytes());
    const { mod, has } = await freshKdfPart(instance++);
    const parts = [mod.deriveKey({ ...request, firstBlock: 0, blocks: 1 }, bytes()), mod.deriveKey({ ...request, firstBlock: 1, blocks: 1 }, bytes())];
    const mixed = new Uint8Array([...parts[0], ...parts[1]]);
    assert.equal(mixed.length, 128 * request.r * request.p);
    const window = Buffer.from(mixed.subarray(100, 132));
    const key = mod.deriveKey({ ...request, mixed }, bytes());
    assert.deepEqual(key, whole, `the key of the parts is the whole derivation's (${n})`);
    for (const b of [...parts, mixed]) b.fill(0);
    if ((n >= 4 && has(Buffer.from(passphrase(n)))) || has(window)) left.push(n);
  }
  assert.deepEqual(left, [], `passphrase or mixed blocks left in the KDF part's memory, lengths: ${left.join(' ')}`);
});

const TOKENS = [
  'ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz', 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
  'ghs_abcdefghijklmnopqrstuvwxyz0123456789', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
  'glpat-Zx8yW7vU6tS5rQ4pXyZ1', 'Sup3rS3cretPassw0rd', 'abc123def456ghi789',
];
const FORMS = [
  (t) => `https://${t}@github.com/acme/app.git`, (t) => `https://${t}:x-oauth-basic@github.com/acme/app.git`,
  (t) => `https://oauth2:${t}@gitlab.com/group/repo.git`, (t) => `https://${t}:@gitlab.com/group/repo.git`,
  (t) => `https://x-token-auth:${t}@bitbucket.org/team/repo.git`, (t) => `https://git.example.com/app.git?private_token=${t}`,
  (t) => `https://gitlab.com/group/repo.git#access_token=${t}`, (t) => `ssh://git:${t}@git.example.com/app.git`,
  (t) => `ssh://git@git.example.com/app.git?access_key=${t}`, (t) => `alice:${t}@github.com:acme/app.git`,
  (t) => `git clone https://alice:${t}@bitbucket.org/t/r.git`, (t) => `https://alice:${t}@github.com/acme/app\u0015.git`,
];
/** A fresh instance of the engine's Host URL part (www/pkg/keyfit_url.js, the page's checkCloneUrl), with its own
 * wasm memory. */
async function freshUrlPart(n) {
  const mod = await import(`${ROOT}www/pkg/keyfit_url.js?fresh=${n}`);
  const ex = mod.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_url_bg.wasm`) });
  const has = (needle) => Buffer.from(ex.memory.buffer).indexOf(needle) >= 0;
  return { mod, has };
}

test('memory after checkCloneUrl, every token form', async () => {
  const left = [];
  for (const t of TOKENS) {
    for (const [i, form] of FORMS.entries()) {
      const { mod, has } = await freshUrlPart(instance++);
      mod.checkCloneUrl(form(t));
      if (has(Buffer.from(t))) left.push(`${t.slice(0, 6)}... form ${i}`);
    }
  }
  assert.deepEqual(left, [], `token left in wasm memory: ${left.join(', ')}`);
});
