// keyfit's module worker: all key work happens here, never on the page's thread.
// Protocol: {id, op, args, parts, modules} -> {id, ok: true, value, memoryBytes} | {id, ok: false, error: {code,
// message}, memoryBytes}. `parts`: the engine parts the op runs on (js/parts.js; absent, this worker asks
// partsFor itself); `modules`: those parts compiled by the page ({keys, read, url, kdf}: WebAssembly.Module or null).
// memoryBytes is the size of the wasm memory after the job: wasm memory never shrinks, so after a costly KDF the
// page replaces this worker (js/worker-client.js) rather than keep hundreds of megabytes for the session.
// Byte arrays received (a dropped file, primes) are zeroed once the job is done, whatever its outcome.
// The engine comes in four parts (build.sh): the key engine (pkg/keyfit_bg.wasm), its check part
// (pkg/keyfit_read_bg.wasm, seven tenths of its weight: a key checked or matched without a passphrase, which needs
// no cipher, writer or prime search), the Host URL check (pkg/keyfit_url_bg.wasm, a fifth of its weight) and the
// KDFs (pkg/keyfit_kdf_bg.wasm, built for speed), which the key engine asks for every key derivation
// (js/derive-keys.js). Each loads on the first job that needs it, or when the page asks ahead of need (op `load`),
// at most once; a part that failed to load is tried again by the next job that needs it, which reports the failure.
import initKeys, * as keyfit from './pkg/keyfit.js';
import initRead, * as checkPart from './pkg/keyfit_read.js';
import initUrl, { checkCloneUrl } from './pkg/keyfit_url.js';
import initKdf, { deriveKey } from './pkg/keyfit_kdf.js';
import { withDerivedKeys } from './js/derive-keys.js';
import { failure } from './js/failure.js';
import { partsFor } from './js/parts.js';

/** The parts: how each loads (wasm-bindgen's init: fetch and instantiateStreaming where the wasm is served as
 * application/wasm), and once loading, its promise and memory. */
const PARTS = {
  keys: { init: initKeys, file: 'pkg/keyfit_bg.wasm', ready: null, memory: null },
  read: { init: initRead, file: 'pkg/keyfit_read_bg.wasm', ready: null, memory: null },
  url: { init: initUrl, file: 'pkg/keyfit_url_bg.wasm', ready: null, memory: null },
  kdf: { init: initKdf, file: 'pkg/keyfit_kdf_bg.wasm', ready: null, memory: null },
};

/** The KDF part's bindings for js/derive-keys.js: loaded already if the page asked ahead of need (op `load`, with
 * the part it compiled, for a locked key whose KDF only this part derives), else fetched here on the first
 * derivation. */
const kdfPart = () => load('kdf').then(() => ({ deriveKey }));

/**
 * Extra workers for a PBKDF2's independent output blocks and a scrypt's independent blocks (js/derive-keys.js), one
 * per core: each is this script again (`?lane`), started for one part (op deriveKey) and ended once it answers, so
 * none stays idle with a secret. PBKDF2-SHA224 at its cap (two blocks) in Chromium: 1.15 s in this worker alone, 0.81 s in two lanes
 * (medians of 3, tests/bench/hostile.mjs; openssl 0.64 s). They are this worker's own: when the page ends this
 * worker (Stop, Cancel, a newer job), the browser ends them with it. Where one cannot start (a worker from blob: or data:, as in the single file), the
 * part is derived here.
 */
const lanes = {
  count: /^https?:$/.test(self.location?.protocol) ? Math.max(1, navigator.hardwareConcurrency || 1) : 1,
  derive(request, passphrase) {
    return new Promise((resolve, reject) => {
      let lane = null;
      const here = () => {
        lane?.terminate();
        kdfPart().then(({ deriveKey: derive }) => derive(request, passphrase)).then(resolve, reject);
      };
      try {
        lane = new Worker(new URL('?lane', self.location.href), { type: 'module' });
      } catch {
        here();
        return;
      }
      lane.onerror = here;
      lane.onmessage = ({ data }) => {
        lane.terminate();
        if (data.ok) resolve(data.value);
        else reject(failure(data.error.code, data.error.message));
      };
      // A copy to the lane (moved: none stays here); this one for deriving here if the lane does not start.
      const copy = passphrase.slice();
      lane.postMessage({ id: 0, op: 'deriveKey', args: { request, passphrase: copy } }, [copy.buffer]);
    }).finally(() => passphrase.fill(0));
  },
};

/**
 * Loads part `name` once, from `module` (compiled by the page, js/workers.js) if it came with the job, else by
 * fetching it; rejects with code engine-load-failed (and forgets the attempt) if it does not load.
 */
function load(name, module) {
  const part = PARTS[name];
  part.ready ??= part.init(module ? { module_or_path: module } : undefined).then((exports) => { part.memory = exports.memory; }, (err) => {
    part.ready = null;
    throw failure('engine-load-failed', `keyfit’s engine (${part.file}) did not load: ${err.message}`);
  });
  return part.ready;
}

/** An RSA key from the browser's own WebCrypto, exported as PKCS#8 bytes. */
async function webcryptoPkcs8(bits) {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
}

/** The bindings that read a key without a passphrase for a job on `parts`: the check part's, or the key engine's
 * where the page sent the job there (it had the key engine already). */
const engineOf = (parts) => (parts.includes('read') ? checkPart : keyfit);

const ops = {
  async generateKey({ bits = 4096, comment = '', passphrase = '', engine = 'auto' } = {}) {
    const options = { bits, comment, passphrase };
    const haveWebCrypto = Boolean(self.crypto?.subtle);
    if (engine === 'webcrypto' && !haveWebCrypto) {
      throw failure('webcrypto-unavailable', 'WebCrypto is not available here (it needs an https page).');
    }
    if (engine !== 'rust' && haveWebCrypto) {
      let der = null;
      const started = performance.now();
      let webcryptoMs = 0;
      try {
        der = await webcryptoPkcs8(bits);
        webcryptoMs = performance.now() - started;
      } catch (err) {
        if (engine === 'webcrypto') throw failure('webcrypto-failed', `WebCrypto could not make the key: ${err.message}`);
        // engine 'auto': fall through to the Rust engine
      }
      if (der) {
        try {
          // webcryptoMs: how long the browser's own key generation took, so the cost keyfit adds can be measured.
          return { ...keyfit.finishKey(der, options), engine: 'webcrypto', webcryptoMs };
        } finally {
          der.fill(0);
        }
      }
    }
    return { ...keyfit.generateKey(options), engine: 'rust' };
  },

  // keyfit's Rust engine, run across several workers by js/key-generator.js: one prime per call...
  findPrime({ bits }) {
    return keyfit.findPrime(bits);
  },

  // ...then the key from the first two primes found.
  keyFromPrimes({ p, q, bits, comment, passphrase }) {
    try {
      return { ...keyfit.keyFromPrimes(p, q, { bits, comment, passphrase }) };
    } finally {
      p.fill(0);
      q.fill(0);
    }
  },

  inspectKey({ input, passphrase } = {}, parts) {
    if (!passphrase) return engineOf(parts).inspectKey(input, {});
    return withDerivedKeys({ passphrase }, (derivedKeys) =>
      keyfit.inspectKey(input, { passphrase, derivedKeys }), kdfPart, lanes);
  },

  convertKey({ input, ...options } = {}) {
    return withDerivedKeys(options, (derivedKeys) => keyfit.convertKey(input, { ...options, derivedKeys }), kdfPart, lanes);
  },

  checkCloneUrl({ text } = {}) {
    return checkCloneUrl(text);
  },

  matchKey({ input, passphrase, other } = {}, parts) {
    if (!passphrase) return engineOf(parts).matchKey(input, {}, other);
    return withDerivedKeys({ passphrase }, (derivedKeys) =>
      keyfit.matchKey(input, { passphrase, derivedKeys }, other), kdfPart, lanes);
  },

  // A part of a PBKDF2 or a scrypt for a worker that derives in parallel (`lanes` above); the passphrase's bytes
  // are zeroed once done, as every byte array a job receives.
  deriveKey({ request, passphrase } = {}) {
    return deriveKey(request, passphrase);
  },
};

/** The parts of op `load`'s `{parts}`: any of 'keys', 'read', 'url' and 'kdf'. */
function partsToLoad({ parts } = {}) {
  if (!Array.isArray(parts) || !parts.every((p) => Object.hasOwn(PARTS, p))) {
    throw failure('invalid-option', 'load needs parts: a list of "keys", "read", "url" and "kdf".');
  }
  return parts;
}

/** Zeroes every byte array among a job's arguments (this worker's copies: the page keeps its own). */
function wipe(args) {
  if (!args || typeof args !== 'object') return;
  for (const value of Object.values(args)) {
    if (ArrayBuffer.isView(value)) new Uint8Array(value.buffer, value.byteOffset, value.byteLength).fill(0);
    else if (value instanceof ArrayBuffer) new Uint8Array(value).fill(0);
  }
}

const memoryBytes = () => Object.values(PARTS).reduce((sum, part) => sum + (part.memory?.buffer.byteLength ?? 0), 0);

self.onmessage = async ({ data: { id, op, args, parts: given, modules = {} } }) => {
  try {
    let value;
    if (op !== 'load' && !Object.hasOwn(ops, op)) throw failure('invalid-option', `Unknown operation ${op}.`);
    // The parts the page chose for the job (js/parts.js), else this worker's own choice.
    const parts = Array.isArray(given) && given.every((p) => Object.hasOwn(PARTS, p)) ? given
      : op === 'load' ? partsToLoad(args) : partsFor(op, args);
    await Promise.all(parts.map((name) => load(name, modules[name])));
    // op `load`: ahead of need, the parts the page expects to use soon; nothing more to run.
    if (op !== 'load') value = await ops[op](args, parts);
    wipe(args);
    self.postMessage({ id, ok: true, value, memoryBytes: memoryBytes() });
  } catch (err) {
    wipe(args);
    const coded = typeof err?.code === 'string';
    self.postMessage({
      id,
      ok: false,
      error: {
        code: coded ? err.code : 'internal',
        message: coded ? err.message : `keyfit hit an internal error (${err?.name || 'unknown'}).`,
      },
      memoryBytes: memoryBytes(),
    });
  }
};
