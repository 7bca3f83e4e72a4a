// Stands in for www/js/workers.js inside the single file, which may be opened from disk (file://), where module
// workers and workers from files are refused. Each worker is the same code (keyfitWorkerMain: worker.js bundled
// with the engine and its wasm) started as a classic worker from a blob: URL (Chromium), else from a data: URL
// (Firefox refuses blob: workers to file:// pages), else run on the page itself with a visible note: keyfit never
// silently does nothing. `keyfitWorkerMain` and `KEYFIT_WASM` are defined by the single file's script.

/** What a started worker says first, so a worker that cannot run is told apart from one that is slow. */
const STARTED = 'keyfit-worker-started';

function workerSource() {
  return ["'use strict';(", String(keyfitWorkerMain), ')(self, "', KEYFIT_WASM, `");self.postMessage("${STARTED}");`];
}

let blobUrl = null;
const STRATEGIES = [
  () => new Worker(blobUrl ??= URL.createObjectURL(new Blob(workerSource(), { type: 'text/javascript' }))),
  () => new Worker(`data:text/javascript;charset=utf-8,${encodeURIComponent(workerSource().join(''))}`),
];
/** The first way that worked, so later workers do not retry the ones that failed. */
let firstWorking = 0;

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

  #start(i) {
    if (i >= STRATEGIES.length) {
      this.#runOnPage();
      return;
    }
    let worker;
    try {
      worker = STRATEGIES[i]();
    } catch {
      this.#start(i + 1);
      return;
    }
    this.#worker = worker;
    worker.onmessage = ({ data }) => {
      if (!this.#started && data === STARTED) {
        this.#started = true;
        firstWorking = i;
        for (const message of this.#queue.splice(0)) worker.postMessage(message);
        return;
      }
      this.#emit('message', new MessageEvent('message', { data }));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.#started) {
        this.#emit('error', new ErrorEvent('error', { message: event.message, cancelable: true }));
        return;
      }
      worker.terminate();
      this.#start(i + 1);
    };
  }

  #runOnPage() {
    firstWorking = STRATEGIES.length;
    noteOnPage();
    const self = new EventTarget();
    self.onmessage = null;
    self.crypto = globalThis.crypto;
    self.postMessage = (data) => {
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

/** Says once, on the page, that the work runs on the page (it can pause, and Stop waits for the current step). */
function noteOnPage() {
  if (document.getElementById('keyfit-on-page')) return;
  const note = document.createElement('p');
  note.id = 'keyfit-on-page';
  note.className = 'verdict';
  note.dataset.tone = 'warn';
  note.setAttribute('role', 'status');
  note.textContent = 'This browser would not start background workers for this file, so keyfit works on this page '
    + 'itself: the page may pause while it makes or converts a key, and Cancel or Stop waits for the current step. '
    + 'Your keys still stay on this computer.';
  const header = document.querySelector('body > header');
  if (header) header.after(note);
  else document.body.prepend(note);
}
