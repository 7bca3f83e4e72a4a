// Stands in for pkg/keyfit_url.js inside the single file: the Host URL check's bindings, with its wasm taken from the
// file itself (wasm-parts.js). This small part loads as soon as the worker starts, and the worker says whether it
// did (engine-status.js), so the page can try another way to run workers when it did not (single-file/workers.js);
// the key engine loads the same way, when first needed.
import initBindings from '../../../www/pkg/keyfit_url.js';
import { ENGINE_FAILED, ENGINE_LOADED } from './engine-status.js';
import { partInit } from './wasm-parts.js';

export * from '../../../www/pkg/keyfit_url.js';

/** Resolves with the wasm's exports, as the bindings' own init does. */
const init = partInit(1, initBindings);
export default init;

init().then(() => self.postMessage(ENGINE_LOADED), (err) => self.postMessage({ [ENGINE_FAILED]: String(err?.message ?? err) }));
