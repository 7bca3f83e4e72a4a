// keyfit's API for browsers and bundlers: the engine's functions, once `await init()` has loaded the wasm of its three
// parts, the key engine, the Host URL check and the KDFs (found beside this package's pkg/keyfit.js, pkg/keyfit_url.js
// and pkg/keyfit_kdf.js through `new URL('./keyfit_bg.wasm', import.meta.url)` and its like, which bundlers copy).
import loadKeys from './pkg/keyfit.js';
import loadUrl from './pkg/keyfit_url.js';
import loadKdf from './pkg/keyfit_kdf.js';

export * from './api.js';

/** Loads keyfit's engine: the key engine from keyfit_bg.wasm, or from what you pass (bytes, a Response, a URL), the
 * Host URL check from keyfit_url_bg.wasm and the KDFs from keyfit_kdf_bg.wasm. Resolves with the key engine's
 * exports. */
export default async function init(input) {
  const [exports] = await Promise.all([loadKeys(input), loadUrl(), loadKdf()]);
  return exports;
}
