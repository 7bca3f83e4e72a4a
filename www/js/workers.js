// How keyfit starts its workers: every worker (the tools worker and the prime workers) is made here.
// The single-file build (tools/dist.mjs) swaps this module for tools/bundle/single-file/workers.js, which starts
// the same code as classic blob:/data: workers with the wasm inlined, and runs it on the page where no worker can.

const WORKER_URL = new URL('../worker.js', import.meta.url);

/** A new keyfit worker (worker.js, a module worker found next to this module's folder). */
export function startWorker() {
  return new Worker(WORKER_URL, { type: 'module' });
}
