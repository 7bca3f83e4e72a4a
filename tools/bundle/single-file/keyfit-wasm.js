// Stands in for pkg/keyfit.js inside the single file: the same bindings, with the engine's wasm taken from the
// file itself (gzip, then base64, in `wasmBase64`, a parameter of the function this code is bundled into) instead
// of fetched from a sibling file, which a page opened from disk may not do.
import initBindings from '../../../www/pkg/keyfit.js';

export * from '../../../www/pkg/keyfit.js';

/**
 * Decodes and unpacks the inlined wasm, then instantiates it (asynchronously, so it also works on a page).
 * Resolves with the wasm's exports, as the bindings' own init does.
 */
export default async function init() {
  const packed = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return initBindings({ module_or_path: await new Response(stream).arrayBuffer() });
}
