// Stands in for www/js/workers.js inside the single file, which may be opened from disk (file://), where module
// workers and workers from files are refused. Each worker is the same code (keyfitWorkerMain: worker.js bundled
// with the engine and its wasm) started as a classic worker from a blob: URL, else from a data: URL, else run on
// the page itself with a visible note: keyfit never silently does nothing. A way counts as working once the
// engine has loaded in it (keyfit-wasm.js says so); a worker that fails to start or to load the engine makes the
// next way be tried. `keyfitWorkerMain` and `KEYFIT_WASM` are defined by the single file's script.
import { ENGINE_FAILED, ENGINE_LOADED } from './engine-status.js';

function workerSource() {
  return ["'use strict';(", String(keyfitWorkerMain), ')(self, "', KEYFIT_WASM, '");'];
}

let blobUrl = null;
/** The ways to run a worker, in order; WAYS names them. */
const STRATEGIES = [
  () => new Worker(blobUrl ??= URL.createObjectURL(new Blob(workerSource(), { type: 'text/javascript' }))),
  () => new Worker(`data:text/javascript;charset=utf-8,${encodeURIComponent(workerSource().join(''))}`),
];
const WAYS = ['blob', 'data', 'page'];
/** The first way that worked, so later workers do not retry the ones that failed. */
let firstWorking = 0;

/** No part is compiled on the page here: each worker unpacks the wasm it carries (keyfit-wasm.js). */
export function compiledPart() {
  return Promise.resolve(null);
}

/** None is ever compiled on the page (`compiledPart`). */
export const isRequested = () => false;

/** A new keyfit worker: an object with the Worker interface the page uses (postMessage, terminate, events). */
export function startWorker() {
  return new InlineWorker();
}

class InlineWorker extends EventTarget {
  onmessage = null;
  onerror = null;
  #worker = null;
  #page = null; // the stand-in `self` when the work runs on the page
  #queue = [];
  #started = false;
  #terminated = false;

  constructor() {
    super();
    this.#start(firstWorking);
  }

  postMessage(message) {
    if (this.#terminated) return;
    if (!this.#started) this.#queue.push(message);
    else if (this.#page) this.#toPage(message);
    else this.#worker.postMessage(message);
  }

  terminate() {
    this.#terminated = true;
    this.#queue.length = 0;
    this.#worker?.terminate();
  }

  /** Starts way `i`; `engineFailed`: an earlier way started a worker whose engine did not load. */
  #start(i, engineFailed = false) {
    if (this.#terminated) return;
    if (i >= STRATEGIES.length) {
      this.#runOnPage(engineFailed);
      return;
    }
    let worker;
    try {
      worker = STRATEGIES[i]();
    } catch {
      this.#start(i + 1, engineFailed);
      return;
    }
    this.#worker = worker;
    worker.onmessage = ({ data }) => {
      if (this.#started) {
        this.#emit('message', new MessageEvent('message', { data }));
      } else if (data === ENGINE_LOADED) {
        this.#started = true;
        working(i);
        for (const message of this.#queue.splice(0)) worker.postMessage(message);
      } else if (data?.[ENGINE_FAILED] !== undefined) {
        worker.terminate();
        this.#start(i + 1, true);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.#started) {
        this.#emit('error', new ErrorEvent('error', { message: event.message, cancelable: true }));
        return;
      }
      worker.terminate();
      this.#start(i + 1, engineFailed);
    };
  }

  #runOnPage(engineFailed) {
    working(STRATEGIES.length);
    noteOnPage(engineFailed);
    const self = new EventTarget();
    self.onmessage = null;
    self.crypto = globalThis.crypto;
    self.postMessage = (data) => {
      // Whether the engine loaded here too: a job that needs it says so if it did not (worker.js).
      if (data === ENGINE_LOADED || data?.[ENGINE_FAILED] !== undefined) return;
      const copy = structuredClone(data);
      setTimeout(() => { if (!this.#terminated) this.#emit('message', new MessageEvent('message', { data: copy })); });
    };
    keyfitWorkerMain(self, KEYFIT_WASM);
    this.#page = self;
    this.#started = true;
    for (const message of this.#queue.splice(0)) this.#toPage(message);
  }

  #toPage(message) {
    const event = new MessageEvent('message', { data: structuredClone(message) });
    setTimeout(() => {
      if (this.#terminated) return;
      this.#page.onmessage?.(event);
      this.#page.dispatchEvent(event);
    });
  }

  #emit(type, event) {
    this[`on${type}`]?.(event);
    this.dispatchEvent(event);
  }
}

/** Way `i` works: later workers start with it, and <html data-keyfit-workers> names it (blob, data or page). */
function working(i) {
  firstWorking = i;
  document.documentElement.dataset.keyfitWorkers = WAYS[i];
}

/** Says once, on the page, that the work runs on the page (it can pause, and Stop waits for the current step). */
function noteOnPage(engineFailed) {
  // Made by www/js/boot.js, the classic script keyfit.html runs ahead of this bundle (as its start-up note is).
  const why = engineFailed ? 'keyfit’s engine would not load in background workers' : 'This browser would not start background workers';
  window.keyfitBoot.note('keyfit-on-page', 'warn', 'status', `${why} for this file, so keyfit runs on this page: it may pause `
    + 'during long jobs, and Stop waits for the current step. Your keys still stay on this computer.');
}
