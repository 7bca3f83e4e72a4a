// keyfit's API for node: the same functions as index.js; `await init()` reads the wasm of the three parts (the key
// engine, the Host URL check, the KDFs) from this package's files (node's fetch does not read file: URLs).
import { readFile } from 'node:fs/promises';
import loadKeys from './pkg/keyfit.js';
import loadUrl from './pkg/keyfit_url.js';

import loadKdf, { deriveKey } from './pkg/keyfit_kdf.js';
import * as keys from './pkg/keyfit.js';
import { withDerivedKeysSync } from './js/derive-keys.js';

export { initSync, generateKey, finishKey, findPrime, keyFromPrimes } from './pkg/keyfit.js';
export { checkCloneUrl, initSync as initCloneUrlSync } from './pkg/keyfit_url.js';
export { initSync as initKdfSync } from './pkg/keyfit_kdf.js';

// The key engine derives no key itself (it throws kdf-needed): these derive in the KDF part, synchronously.
export const inspectKey = (input, options) =>
  withDerivedKeysSync(options ?? {}, (derivedKeys) => keys.inspectKey(input, { ...options, derivedKeys }), deriveKey);
export const convertKey = (input, options) =>
  withDerivedKeysSync(options ?? {}, (derivedKeys) => keys.convertKey(input, { ...options, derivedKeys }), deriveKey);
export const matchKey = (input, options, other) =>
  withDerivedKeysSync(options ?? {}, (derivedKeys) => keys.matchKey(input, { ...options, derivedKeys }, other), deriveKey);

const wasm = (name) => ({ module_or_path: readFile(new URL(`./pkg/${name}`, import.meta.url)) });

/** Loads keyfit's engine: the key engine from this package's keyfit_bg.wasm, or from what you pass (bytes, a
 * Response, a URL), the Host URL check from its keyfit_url_bg.wasm and the KDFs from keyfit_kdf_bg.wasm. Resolves
 * with the key engine's exports. */
export default async function init(input) {
  const [exports] = await Promise.all([loadKeys(input ?? wasm('keyfit_bg.wasm')), loadUrl(wasm('keyfit_url_bg.wasm')),
    loadKdf(wasm('keyfit_kdf_bg.wasm'))]);
  return exports;
}
