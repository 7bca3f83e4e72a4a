// keyfit's API for node: the same functions as index.js; `await init()` reads the wasm of the three parts (the key
// engine, the Host URL check, the KDFs) from this package's files (node's fetch does not read file: URLs).
import { readFile } from 'node:fs/promises';
import loadKeys from './pkg/keyfit.js';
import loadUrl from './pkg/keyfit_url.js';
import loadKdf from './pkg/keyfit_kdf.js';

export * from './api.js';

const wasm = (name) => ({ module_or_path: readFile(new URL(`./pkg/${name}`, import.meta.url)) });

/** Loads keyfit's engine: the key engine from this package's keyfit_bg.wasm, or from what you pass (bytes, a
 * Response, a URL), the Host URL check from its keyfit_url_bg.wasm and the KDFs from keyfit_kdf_bg.wasm. Resolves
 * with the key engine's exports. */
export default async function init(input) {
  const [exports] = await Promise.all([loadKeys(input ?? wasm('keyfit_bg.wasm')), loadUrl(wasm('keyfit_url_bg.wasm')),
    loadKdf(wasm('keyfit_kdf_bg.wasm'))]);
  return exports;
}
