// The three parts of the engine inside the single file (not the check part: keyfit-wasm.js answers for it):
// `wasmBase64` (a parameter of the function this code is bundled into, keyfitWorkerMain) holds each part's wasm,
// gzip then base64, comma-separated: the key engine (part 0), the Host URL check (part 1), the KDFs (part 2).
// keyfit-wasm.js, keyfit-url-wasm.js and keyfit-kdf-wasm.js stand in for the three wasm-bindgen glues with them.

/** Part `i`, unpacked. Through a Response, never a Blob: WebKit (2.50) cannot read a Blob inside a worker of a page
 * opened from disk ("NotReadableError: The I/O read operation failed."), in blob: and data: workers alike. */
async function unpack(i) {
  const packed = Uint8Array.from(atob(wasmBase64.split(',')[i]), (c) => c.charCodeAt(0));
  const stream = new Response(packed).body.pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** The `init` of part `i`: unpacks and instantiates it through the glue's own init (`initBindings`) on the first
 * call (asynchronously, so it also works on a page); every call resolves with the wasm's exports. */
export function partInit(i, initBindings) {
  let loading = null;
  return () => (loading ??= unpack(i).then((wasm) => initBindings({ module_or_path: wasm })));
}
