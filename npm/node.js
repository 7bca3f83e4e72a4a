// keyfit's API for node: the same functions as index.js; `await init()` reads the wasm from this package's files
// (node's fetch does not read file: URLs).
import { readFile } from 'node:fs/promises';
import load from './pkg/keyfit.js';

export { initSync, generateKey, finishKey, findPrime, keyFromPrimes, inspectKey, convertKey, matchKey, checkCloneUrl }
  from './pkg/keyfit.js';

/** Loads keyfit's engine: from this package's keyfit_bg.wasm, or from what you pass (bytes, a Response, a URL). */
export default function init(input) {
  return load(input ?? { module_or_path: readFile(new URL('./pkg/keyfit_bg.wasm', import.meta.url)) });
}
