// Stands in for pkg/keyfit.js inside the single file, and for pkg/keyfit_read.js (the check part, a subset of the key
// engine, is not in the single file: the key engine answers for it): the same bindings, with the key engine's wasm
// taken from the file itself (wasm-parts.js) instead of fetched from a sibling file, which a page opened from disk
// may not do. It loads when worker.js first needs it (a job, or the page's preload).
import initBindings from '../../../www/pkg/keyfit.js';
import { partInit } from './wasm-parts.js';

export * from '../../../www/pkg/keyfit.js';

/** Resolves with the wasm's exports, as the bindings' own init does. */
export default partInit(0, initBindings);
