// The functions of keyfit's API, the same for browsers and bundlers (index.js) and for node (node.js), which differ
// only in how `init()` finds the wasm of the three parts.
import { deriveKey } from './pkg/keyfit_kdf.js';
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
