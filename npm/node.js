// keyfit's API for node: the same functions as index.js; `await init()` reads the wasm of both parts (the key engine
// and the Host URL check) from this package's files (node's fetch does not read file: URLs).
import { readFile } from 'node:fs/promises';
import loadKeys from './pkg/keyfit.js';
import loadUrl from './pkg/keyfit_url.js';

export { initSync, generateKey, finishKey, findPrime, keyFromPrimes, inspectKey, convertKey, matchKey }
  from './pkg/keyfit.js';
export { checkCloneUrl, initSync as initCloneUrlSync } from './pkg/keyfit_url.js';

const wasm = (name) => ({ module_or_path: readFile(new URL(`./pkg/${name}`, import.meta.url)) });

/** Loads keyfit's engine: the key engine from this package's keyfit_bg.wasm, or from what you pass (bytes, a
 * Response, a URL), and the Host URL check from its keyfit_url_bg.wasm. Resolves with the key engine's exports. */
export default async function init(input) {
  const [keys] = await Promise.all([loadKeys(input ?? wasm('keyfit_bg.wasm')), loadUrl(wasm('keyfit_url_bg.wasm'))]);
  return keys;
}
