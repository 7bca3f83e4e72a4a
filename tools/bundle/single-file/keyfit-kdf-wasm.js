// Stands in for pkg/keyfit_kdf.js inside the single file: the KDF part's bindings, with its wasm taken from the file
// itself (wasm-parts.js). It loads when the key engine first asks for a key derivation (js/derive-keys.js).
import initBindings from '../../../www/pkg/keyfit_kdf.js';
import { partInit } from './wasm-parts.js';

export * from '../../../www/pkg/keyfit_kdf.js';

/** Resolves with the wasm's exports, as the bindings' own init does. */
export default partInit(2, initBindings);
