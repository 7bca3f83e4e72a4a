// Shared by tests/node/*.test.mjs: the built engine (www/pkg, made by ./build.sh) and its KDF part, PKCS#8 files
// encrypted by OpenSSL with each PBKDF2 PRF, and the worker's protocol for key derivations (www/js/derive-keys.js:
// PBKDF2 by WebCrypto, driven with node's own crypto.subtle, everything else by the KDF part).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
export const keyfit = await import(`${ROOT}www/pkg/keyfit.js`);
export const wasm = keyfit.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_bg.wasm`) });
export const kdfPart = await import(`${ROOT}www/pkg/keyfit_kdf.js`);
export const kdfWasm = kdfPart.initSync({ module: readFileSync(`${ROOT}www/pkg/keyfit_kdf_bg.wasm`) });
const { withDerivedKeys, withDerivedKeysSync } = await import(`${ROOT}www/js/derive-keys.js`);

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
 * `call(derivedKeys)` as the worker runs it (www/js/derive-keys.js): each `kdf-needed` is derived (PBKDF2 with
 * SHA-1/256/384/512 by node's WebCrypto, everything else by the KDF part) and handed back. Returns `{value,
 * requests}` (the derivations the engine asked for).
 */
export async function withWebCrypto(passphrases, call) {
  const requests = [];
  const value = await withDerivedKeys(passphrases, asking(call, requests), async () => kdfPart);
  return { value, requests };
}

/** `call(derivedKeys)` with every derivation made by the KDF part (deriveKey), synchronously, as the npm package
 * runs it: `{value, requests}`. */
export function withKdfPart(passphrases, call, deriveKey = kdfPart.deriveKey) {
  const requests = [];
  const value = withDerivedKeysSync(passphrases, asking(call, requests), deriveKey);
  return { value, requests };
}

/** `call`, recording the requests it throws in `requests`. */
const asking = (call, requests) => (derivedKeys) => {
  try {
    return call(derivedKeys);
  } catch (err) {
    if (err?.code === 'kdf-needed') requests.push(err.kdf);
    throw err;
  }
};

/** The error code of an inspectKey report, or 'ok'. */
export const verdict = (report) => report.problems.find((p) => p.severity === 'error')?.code ?? 'ok';
