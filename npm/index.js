// keyfit's API for browsers and bundlers: the engine's functions, once `await init()` has loaded the wasm (found
// beside this package's pkg/keyfit.js through `new URL('./keyfit_bg.wasm', import.meta.url)`, which bundlers copy).
export { default, initSync, generateKey, finishKey, findPrime, keyFromPrimes, inspectKey, convertKey, matchKey, checkCloneUrl }
  from './pkg/keyfit.js';
