// keyfit's API for browsers and bundlers: the engine's functions, once `await init()` has loaded the wasm of its two
// parts, the key engine and the Host URL check (found beside this package's pkg/keyfit.js and pkg/keyfit_url.js
// through `new URL('./keyfit_bg.wasm', import.meta.url)` and `new URL('./keyfit_url_bg.wasm', import.meta.url)`,
// which bundlers copy).
import loadKeys from './pkg/keyfit.js';
import loadUrl from './pkg/keyfit_url.js';

export { initSync, generateKey, finishKey, findPrime, keyFromPrimes, inspectKey, convertKey, matchKey }
  from './pkg/keyfit.js';
export { checkCloneUrl, initSync as initCloneUrlSync } from './pkg/keyfit_url.js';

/** Loads keyfit's engine: the key engine from keyfit_bg.wasm, or from what you pass (bytes, a Response, a URL), and
 * the Host URL check from keyfit_url_bg.wasm. Resolves with the key engine's exports. */
export default async function init(input) {
  const [keys] = await Promise.all([loadKeys(input), loadUrl()]);
  return keys;
}
