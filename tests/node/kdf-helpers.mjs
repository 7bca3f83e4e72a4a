// Shared by tests/node/kdf-*.test.mjs: the built engine (www/pkg, made by ./build.sh), PKCS#8 files encrypted by
// OpenSSL with each PBKDF2 PRF, and the worker's protocol for PBKDF2 made by WebCrypto (www/worker.js
// withWebCryptoPbkdf2), driven with node's own crypto.subtle.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
export const keyfit = await import(`${ROOT}www/pkg/keyfit.js`);
export const wasm = keyfit.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_bg.wasm`) });

export const PASSPHRASE = 'kdf test: correct horse 9c1e';
export const PRFS = ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'];
export const ITERATIONS = 4096;

const dir = mkdtempSync(join(tmpdir(), 'keyfit-kdf-'));
const passfile = join(dir, 'pass');
writeFileSync(passfile, PASSPHRASE);
const plain = join(ROOT, 'tests/corpus/keys/rsa2048-pkcs8.pem');

/** The corpus RSA key under PBES2 with PBKDF2-HMAC-`prf` and `cipher`, written by openssl; `{pem, salt}`. */
export function encrypted(prf, cipher = 'aes-256-cbc', iterations = ITERATIONS) {
  const pem = execFileSync('openssl', ['pkcs8', '-topk8', '-in', plain, '-v2', cipher, '-v2prf', `hmacWith${prf}`,
    '-iter', String(iterations), '-passout', `file:${passfile}`], { encoding: 'utf8' });
  // The first OCTET STRING of the structure is PBKDF2's salt (then the IV, then the ciphertext).
  const dump = execFileSync('openssl', ['asn1parse'], { input: pem, encoding: 'utf8' });
  const salt = Buffer.from(dump.match(/OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)/)[1], 'hex');
  return { pem, salt };
}

/**
 * `call(derivedKeys)` as the worker runs it where crypto.subtle exists: each `pbkdf2-needed` is derived with
 * WebCrypto and handed back. Returns `{value, requests}` (the derivations the engine asked for).
 */
export async function withWebCrypto(passphrase, call) {
  const derivedKeys = [];
  const requests = [];
  for (;;) {
    try {
      return { value: call(derivedKeys), requests };
    } catch (err) {
      if (err?.code !== 'pbkdf2-needed' || requests.length > 2) throw err;
      requests.push(err.pbkdf2);
      const { hash, salt, iterations, length } = err.pbkdf2;
      const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
      const key = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, base, length * 8));
      derivedKeys.push({ hash, salt, iterations, key });
    }
  }
}

/** The error code of an inspectKey report, or 'ok'. */
export const verdict = (report) => report.problems.find((p) => p.severity === 'error')?.code ?? 'ok';
