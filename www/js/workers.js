// How keyfit starts its workers, and the engine parts they share: every worker (the tools worker and the prime
// workers) is made here, and each part of the engine is fetched and compiled here once for all of them.
// The single-file build (tools/dist.mjs) swaps this module for tools/bundle/single-file/workers.js, which starts
// the same code as classic blob:/data: workers with the wasm inlined, and runs it on the page where no worker can.

const WORKER_URL = new URL('../worker.js', import.meta.url);

/** The engine's parts (build.sh), by the names worker.js gives them. */
const PART_URLS = {
  keys: new URL('../pkg/keyfit_bg.wasm', import.meta.url),
  read: new URL('../pkg/keyfit_read_bg.wasm', import.meta.url),
  url: new URL('../pkg/keyfit_url_bg.wasm', import.meta.url),
  kdf: new URL('../pkg/keyfit_kdf_bg.wasm', import.meta.url),
};

/** A new keyfit worker (worker.js, a module worker found next to this module's folder). */
export function startWorker() {
  return new Worker(WORKER_URL, { type: 'module' });
}

const compiled = new Map();

/** Whether part `name` is compiled on this page, or on its way (js/parts.js then gives a check to the key engine:
 * its remaining bytes come no later than the check part's would, sharing the line with them). */
export const isRequested = (name) => compiled.has(name);

/**
 * Engine part `name` compiled on this page, once, for every worker (a WebAssembly.Module is handed to a worker by
 * postMessage, and the worker instantiates it without a fetch or a compile of its own): the fetch starts when the
 * page asks, in parallel with a new worker's own script. Resolves with null where the page cannot compile it (a
 * policy without 'wasm-unsafe-eval' here, the network): the worker then loads the part itself and says why if that
 * fails too. A failed attempt is forgotten, so a later job tries again.
 */
export function compiledPart(name) {
  if (!Object.hasOwn(PART_URLS, name) || typeof WebAssembly?.compile !== 'function') return Promise.resolve(null);
  if (!compiled.has(name)) {
    compiled.set(name, compile(PART_URLS[name]).catch(() => {
      compiled.delete(name);
      return null;
    }));
  }
  return compiled.get(name);
}

/** Streaming compile where the host serves application/wasm; from the whole body where it does not. */
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  if (WebAssembly.compileStreaming && response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
