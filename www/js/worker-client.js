// Talks to worker.js: one promise per request, {id, op, args} -> {id, ok, value | error}.
// cancel() terminates the worker; the next call makes a fresh one.
import { failure } from './failure.js';

const WORKER_URL = new URL('../worker.js', import.meta.url);

export class WorkerClient {
  #worker = null;
  #pending = new Map();
  #nextId = 1;

  /** Runs `op` in the worker; resolves with its value or rejects with an Error that has a `code`. */
  call(op, args) {
    const worker = this.#worker ?? this.#spawn();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
  }

  /** Stops whatever the worker is doing; pending calls reject with code "cancelled". */
  cancel() {
    this.#stop(failure('cancelled', 'Cancelled.'));
  }

  #spawn() {
    const worker = new Worker(WORKER_URL, { type: 'module' });
    worker.onmessage = ({ data }) => {
      const call = this.#pending.get(data.id);
      if (!call) return;
      this.#pending.delete(data.id);
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
    return worker;
  }

  #stop(error) {
    this.#worker?.terminate();
    this.#worker = null;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) call.reject(error);
  }
}
