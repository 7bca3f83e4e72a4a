// The one way the page and the widget run worker work (a check, a comparison, a conversion, Save as, a key
// generation, each Connect check): a JobSlot runs one job at a time, with the AbortSignal contract of squoosh's
// `updateImage` and github/auto-complete-element. Starting a job aborts the slot's older one; a job's answer is
// applied only while its signal is not aborted; Stop is that same abort, and it also cancels the worker work
// (`tools.cancel()` terminates the worker; the next job gets a fresh one).
import { hideKeepingFocus, stopwatch } from './ui.js';

/**
 * When Stop shows: once a job has run this long (a quicker job is over before a user could reach the button),
 * or at once for a job whose start button is held (disabled) while it runs, as Stop then takes its place and
 * its focus.
 */
export const STOP_AFTER_MS = 250;

export class JobSlot {
  #tools;
  #ui;
  #controller = null;
  #stopClock = null;
  #done = Promise.resolve(null);

  /**
   * `tools`: {call, cancel}, a WorkerClient or a KeyGenerator. `ui` (all optional): stop, the Stop button;
   * onStop(), what the page says once Stop ended a job; focusAfter, where the focus goes when Stop hides;
   * clock, the element that shows the running time; holds, the start button, disabled while a job runs.
   */
  constructor(tools, ui = {}) {
    this.#tools = tools;
    this.#ui = ui;
    ui.stop?.addEventListener('click', () => { if (this.abort()) ui.onStop?.(); });
  }

  /** True while a job of this slot runs. */
  get running() {
    return this.#controller !== null;
  }

  /** The outcome of the slot's latest job (see run), once it has ended. */
  get done() {
    return this.#done;
  }

  /**
   * Aborts the older job, then runs work(tools, signal). Resolves with {value, seconds} when the job is still
   * current at its end; with null once it was aborted (a newer job, abort(), Stop) or its worker was cancelled;
   * rejects with the job's coded error otherwise. `label` ("Checking…") is shown beside the running clock.
   */
  run(work, label = '') {
    this.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { clock } = this.#ui;
    const seconds = clock ? stopwatch(clock, label) : () => 0;
    this.#stopClock = seconds;
    this.#done = this.#run(work, seconds, controller.signal).finally(() => {
      if (this.#controller === controller) this.#end();
    });
    return this.#done;
  }

  async #run(work, seconds, signal) {
    const { stop, holds } = this.#ui;
    let show = null;
    if (holds) {
      const hadFocus = holds.getRootNode().activeElement === holds;
      holds.disabled = true;
      if (stop) stop.hidden = false;
      if (hadFocus) stop?.focus(); // the disabled button would drop the focus to the page
    } else if (stop) {
      show = setTimeout(() => { stop.hidden = signal.aborted; }, STOP_AFTER_MS);
    }
    try {
      const value = await work(this.#tools, signal);
      return signal.aborted ? null : { value, seconds: seconds() };
    } catch (err) {
      if (signal.aborted || err?.code === 'cancelled') return null;
      throw err;
    } finally {
      clearTimeout(show);
    }
  }

  /** Ends the running job, if any: its worker work is cancelled and its answer never applied. True if one ran. */
  abort() {
    const controller = this.#controller;
    if (!controller) return false;
    controller.abort();
    this.#tools.cancel();
    this.#end();
    return true;
  }

  #end() {
    const { stop, focusAfter, holds } = this.#ui;
    this.#controller = null;
    this.#stopClock?.();
    if (holds) holds.disabled = false;
    if (stop) hideKeepingFocus(stop, focusAfter ?? holds);
  }
}
