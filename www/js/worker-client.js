// Talks to worker.js: one promise per request, {id, op, args} -> {id, ok, value | error, memoryBytes}; `op` is the
// name of the engine's export it runs (inspectKey, convertKey, checkCloneUrl...), or `load` (preload()). cancel()
// terminates the worker; the next call makes a fresh one. Every running worker is terminated when the page is
// hidden (`pagehide`: a page kept in the back/forward cache keeps no worker, and no key in one); after `pageshow`
// the next call makes a fresh one. A worker whose wasm memory grew past RETIRE_MEMORY_BYTES (wasm memory never
// shrinks: a 256 MiB KDF would keep 300 MB for the session) is replaced once it has answered every call it was given.
import { failure } from './failure.js';
import { partsFor } from './parts.js';
import { compiledPart, isRequested, startWorker } from './workers.js';

/** Wasm memory past which a worker is replaced after its jobs: well above a 4096-bit key or PuTTY's 8 MiB Argon2. */
export const RETIRE_MEMORY_BYTES = 48 << 20;

/** The clients that have a worker running, for pagehide. */
const running = new Set();
globalThis.addEventListener?.('pagehide', () => {
  for (const client of [...running]) client.cancel();
});

export class WorkerClient {
  #worker = null;
  #pending = new Map();
  #nextId = 1;
  #started = 0;
  #retired = 0;

  /** How many workers this client has started and how many it replaced for their memory (for tests). */
  get stats() {
    return { started: this.#started, retired: this.#retired };
  }

  /**
   * Runs `op` in the worker; resolves with its value or rejects with an Error that has a `code`. The engine part the
   * op needs goes with it, compiled on the page once for every worker (js/workers.js), or null: then the worker
   * loads the part itself. The page's fetch of the part runs while the new worker's own script loads.
   */
  call(op, args) {
    const worker = this.#worker ?? this.#spawn();
    const id = this.#nextId++;
    const parts = partsFor(op, args, isRequested);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      Promise.all(parts.map(compiledPart)).then((modules) => {
        // Not to a worker stopped meanwhile (its calls were rejected then).
        if (this.#worker !== worker || !this.#pending.has(id)) return;
        worker.postMessage({ id, op, args, parts, modules: Object.fromEntries(parts.map((p, i) => [p, modules[i]])) });
      });
    });
  }

  /**
   * Loads engine parts in the worker ahead of need ('keys': the key engine; 'url': the Host URL check), starting the
   * worker if none runs. Resolves once they are in, or have failed: a part that did not load is tried again, and its
   * failure reported, by the first call that needs it.
   */
  preload(...parts) {
    return this.call('load', { parts }).then(() => {}, () => {});
  }

  /** Stops whatever the worker is doing; pending calls reject with code "cancelled". */
  cancel() {
    this.#stop(failure('cancelled', 'Cancelled.'));
  }

  #spawn() {
    const worker = startWorker();
    worker.onmessage = ({ data }) => {
      const call = this.#pending.get(data.id);
      if (!call) return;
      this.#pending.delete(data.id);
      if (data.memoryBytes > RETIRE_MEMORY_BYTES && this.#pending.size === 0 && this.#worker === worker) {
        // Retire it before settling, so a call made in response to this answer starts on a fresh worker.
        this.#retired++;
        worker.terminate();
        this.#worker = null;
        running.delete(this);
      }
      if (data.ok) {
        call.resolve(data.value);
      } else {
        call.reject(failure(data.error.code, data.error.message));
        // A trap inside the wasm can leave its memory inconsistent: start clean next time.
        if (data.error.code === 'internal') this.#stop(failure('internal', data.error.message));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#stop(failure('worker-failed', 'keyfit’s engine could not start in this browser.'));
    };
    this.#worker = worker;
    this.#started++;
    running.add(this);
    return worker;
  }

  #stop(error) {
    this.#worker?.terminate();
    this.#worker = null;
    running.delete(this);
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) call.reject(error);
  }
}
