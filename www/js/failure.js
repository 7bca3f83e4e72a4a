// The one maker of coded errors in www/: an Error with a stable `code`, as keyfit's engine throws them.
export const failure = (code, message) => Object.assign(new Error(message), { code });

/**
 * The first line for an engine that could not start (`err`, as a WorkerClient rejects), naming the cause where the
 * browser shows it: a Content-Security-Policy without 'wasm-unsafe-eval' (the engine's error says so), or one that
 * blocked the worker (`violations`: the page's `securitypolicyviolation` events). Else null (the tool's own message
 * stands).
 */
export function startupProblem(err, violations = []) {
  const text = `${err?.message ?? ''}`;
  if (/Content[ -]Security[ -]Policy|wasm-unsafe-eval|'unsafe-eval'/i.test(text) || violations.some((v) => v.blockedURI === 'wasm-eval')) {
    return 'keyfit cannot run here: this page\'s Content-Security-Policy does not allow WebAssembly. '
      + 'Add \'wasm-unsafe-eval\' to its script-src (in the policy sent with the page and with keyfit\'s worker.js).';
  }
  const blocked = violations[0];
  if (blocked) {
    const directive = blocked.effectiveDirective || blocked.violatedDirective;
    return `keyfit cannot run here: this page's Content-Security-Policy blocked its worker (${directive}). `
      + `Add 'self' to ${directive} (keyfit's files must be served from this site).`;
  }
  if (err?.code === 'worker-failed') {
    return 'keyfit cannot run here: its worker (worker.js) did not start. Check that the whole keyfit folder is served '
      + 'from this site next to keyfit-widget.js, and that the page\'s policy allows worker-src \'self\'.';
  }
  if (err?.code === 'engine-load-failed') {
    return 'keyfit cannot run here: its engine (pkg/keyfit_bg.wasm) did not load. Check that it is served next to '
      + 'keyfit-widget.js as application/wasm, and that the page\'s policy allows connect-src \'self\'.';
  }
  return null;
}
