// When the browser has a moment: for work done ahead of need (engine parts loaded before a job asks).

/** Resolves once the browser is idle (requestIdleCallback, within 2 s), or after 200 ms where there is no such thing. */
export function whenIdle() {
  return new Promise((resolve) => {
    if (globalThis.requestIdleCallback) requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 200);
  });
}
