// Stands in for pkg/keyfit.js inside the single file: the same bindings, with the engine's wasm taken from the
// file itself (gzip, then base64, in `wasmBase64`, a parameter of the function this code is bundled into) instead
// of fetched from a sibling file, which a page opened from disk may not do. The engine loads as soon as the worker
// starts, and the worker says whether it did (engine-status.js), so the page can try another way when it did not.
import initBindings from '../../../www/pkg/keyfit.js';
import { ENGINE_FAILED, ENGINE_LOADED } from './engine-status.js';

export * from '../../../www/pkg/keyfit.js';

/** The unpacked wasm. Through a Response, never a Blob: WebKit (2.50) cannot read a Blob inside a worker of a page
 * opened from disk ("NotReadableError: The I/O read operation failed."), in blob: and data: workers alike. */
async function unpack() {
  const packed = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
  const stream = new Response(packed).body.pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** Unpacks and instantiates the engine (asynchronously, so it also works on a page); the wasm's exports. */
const loading = unpack().then((wasm) => initBindings({ module_or_path: wasm }));
loading.then(() => self.postMessage(ENGINE_LOADED), (err) => self.postMessage({ [ENGINE_FAILED]: String(err?.message ?? err) }));

/** Resolves with the wasm's exports, as the bindings' own init does. */
export default function init() {
  return loading;
}
