// The key derivations of an engine call. The page's key engine (pkg/keyfit_bg.wasm) is built without the KDFs: a
// call that needs one throws `kdf-needed` with the request (`err.kdf`: {name, salt, length, write} and the KDF's
// parameters), which is made here and handed back in the call's `derivedKeys`. PBKDF2 with SHA-1, -256, -384 or
// -512 goes to WebCrypto where crypto.subtle exists (native code); everything else, and PBKDF2 without WebCrypto,
// to the KDF part (pkg/keyfit_kdf_bg.wasm, `deriveKey`, built at opt-level 3). A reading derives from the
// passphrase, a write (`write: true`: a fresh salt the engine then writes) from the new passphrase. Passphrases
// cross as bytes, zeroed after each derivation; derived bytes are zeroed once the call returns.
import { failure } from './failure.js';

/** A call asks for at most a reading's and a write's derivation; the engine asks nothing it was given again. */
const MAX_DERIVATIONS = 4;

/**
 * Runs `call(derivedKeys)` (inspectKey, convertKey or matchKey with `derivedKeys`) until it needs nothing more.
 * `kdfPart()` resolves with the KDF part's bindings ({deriveKey}), loading it on first need.
 */
export async function withDerivedKeys({ passphrase, newPassphrase }, call, kdfPart) {
  const derivedKeys = [];
  try {
    for (;;) {
      try {
        return call(derivedKeys);
      } catch (err) {
        if (err?.code !== 'kdf-needed') throw err;
        if (derivedKeys.length >= MAX_DERIVATIONS) throw failure('internal', 'keyfit asked for too many key derivations.');
        const request = err.kdf;
        const made = await derive(request, (request.write ? newPassphrase : passphrase) ?? '', kdfPart);
        derivedKeys.push({ ...request, ...made });
      }
    }
  } finally {
    for (const { key } of derivedKeys) key?.fill(0);
  }
}

/** One derivation: `{key}`, or `{refused}` (why the KDF takes neither this passphrase nor these parameters). */
async function derive(request, passphrase, kdfPart) {
  const pass = new TextEncoder().encode(passphrase);
  try {
    if (request.name === 'pbkdf2' && request.hash !== 'SHA-224' && globalThis.crypto?.subtle) {
      const key = await webcryptoPbkdf2(pass, request);
      if (key) return { key };
    }
    const { deriveKey } = await kdfPart();
    try {
      return { key: deriveKey(request, pass) };
    } catch (err) {
      if (err?.code === 'kdf-refused') return { refused: err.refused };
      throw err;
    }
  } finally {
    pass.fill(0);
  }
}

/** PBKDF2 with WebCrypto: the derived bytes, or null if WebCrypto refuses the parameters (the KDF part then
 * derives, or says why not). */
async function webcryptoPbkdf2(pass, { hash, salt, iterations, length }) {
  try {
    const base = await globalThis.crypto.subtle.importKey('raw', pass, 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(await globalThis.crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, base, length * 8));
  } catch {
    return null;
  }
}

/**
 * `call(derivedKeys)` as withDerivedKeys runs it, synchronously, every derivation by the KDF part's `deriveKey`
 * (loaded already): the npm package's inspectKey, convertKey and matchKey, which stay synchronous.
 */
export function withDerivedKeysSync({ passphrase, newPassphrase }, call, deriveKey) {
  const derivedKeys = [];
  try {
    for (;;) {
      try {
        return call(derivedKeys);
      } catch (err) {
        if (err?.code !== 'kdf-needed') throw err;
        if (derivedKeys.length >= MAX_DERIVATIONS) throw failure('internal', 'keyfit asked for too many key derivations.');
        const request = err.kdf;
        const pass = new TextEncoder().encode((request.write ? newPassphrase : passphrase) ?? '');
        try {
          derivedKeys.push({ ...request, key: deriveKey(request, pass) });
        } catch (refusal) {
          if (refusal?.code !== 'kdf-refused') throw refusal;
          derivedKeys.push({ ...request, refused: refusal.refused });
        } finally {
          pass.fill(0);
        }
      }
    }
  } finally {
    for (const { key } of derivedKeys) key?.fill(0);
  }
}
