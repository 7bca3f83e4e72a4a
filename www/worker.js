// keyfit's module worker: all key work happens here, never on the page's thread.
// Protocol: {id, op, args} -> {id, ok: true, value, memoryBytes} | {id, ok: false, error: {code, message}, memoryBytes}.
// memoryBytes is the size of the wasm memory after the job: wasm memory never shrinks, so after a costly KDF the
// page replaces this worker (js/worker-client.js) rather than keep hundreds of megabytes for the session.
// Byte arrays received (a dropped file, primes) are zeroed once the job is done, whatever its outcome.
import init, * as keyfit from './pkg/keyfit.js';
import { failure } from './js/failure.js';

let ready = null;
let memory = null;

/** An RSA key from the browser's own WebCrypto, exported as PKCS#8 bytes. */
async function webcryptoPkcs8(bits) {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
}

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

  inspectKey({ input, passphrase } = {}) {
    return keyfit.inspectKey(input, { passphrase: passphrase || undefined });
  },

  convertKey({ input, ...options } = {}) {
    return keyfit.convertKey(input, options);
  },

  checkCloneUrl({ text } = {}) {
    return keyfit.checkCloneUrl(text);
  },

  matchKey({ input, passphrase, other } = {}) {
    return keyfit.matchKey(input, { passphrase: passphrase || undefined }, other);
  },
};

/** Zeroes every byte array among a job's arguments (this worker's copies: the page keeps its own). */
function wipe(args) {
  if (!args || typeof args !== 'object') return;
  for (const value of Object.values(args)) {
    if (ArrayBuffer.isView(value)) new Uint8Array(value.buffer, value.byteOffset, value.byteLength).fill(0);
    else if (value instanceof ArrayBuffer) new Uint8Array(value).fill(0);
  }
}

const memoryBytes = () => memory?.buffer.byteLength ?? 0;

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    if (!Object.hasOwn(ops, op)) throw failure('invalid-option', `Unknown operation ${op}.`);
    ready ??= init().then((exports) => { memory = exports.memory; }, (err) => {
      ready = null;
      throw failure('engine-load-failed', `keyfit’s engine did not load: ${err.message}`);
    });
    await ready;
    const value = await ops[op](args);
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
