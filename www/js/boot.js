// keyfit's start-up check: a classic script, so it runs even where the browser refuses the page's modules
// (a page opened from disk, file://). If keyfit did not start, it says so in plain words and what to do instead.
(function () {
  'use strict';
  const root = document.documentElement;

  function explain() {
    if (typeof WebAssembly !== 'object') {
      return 'keyfit cannot start: this browser does not run WebAssembly (it may be turned off by a policy, '
        + 'an extension or a "strict security" mode). Turn it on for this page, or use another browser.';
    }
    if (root.dataset.keyfit === 'started') return null;
    if (root.dataset.keyfitBuild === 'single-file') {
      return 'keyfit could not start in this browser. Check that JavaScript is allowed for this file, '
        + 'or open the hosted keyfit page instead.';
    }
    if (location.protocol === 'file:') {
      return 'keyfit cannot start from a file on your disk: browsers refuse this page’s scripts there. '
        + 'Open keyfit.html instead (the single-file version, made by ./build.sh dist and published with the site), '
        + 'or serve this folder from a web server.';
    }
    if (blocked) {
      return `keyfit could not start: this page’s Content-Security-Policy blocked ${blocked}. `
        + 'Serve keyfit with the policy README gives (its files from the page’s own origin, \'wasm-unsafe-eval\' in script-src).';
    }
    if (firstError) {
      return `keyfit could not start: an error stopped its scripts (${firstError}). `
        + 'Reload the page; if this stays, try another browser or the single-file keyfit.html.';
    }
    return 'keyfit could not start: its scripts did not run (blocked by the network, an extension or a policy). '
      + 'Reload the page; if this stays, try another browser or the single-file keyfit.html.';
  }

  // The first uncaught error before keyfit started (start-up runs no key material, so its message is safe to show).
  let firstError = null;
  window.addEventListener('error', (event) => {
    if (root.dataset.keyfit !== 'started' && event.message) firstError ??= event.message;
  });

  // The first of keyfit's own files the page's policy refused before keyfit started, with the directive to change.
  let blocked = null;
  document.addEventListener('securitypolicyviolation', (event) => {
    if (root.dataset.keyfit === 'started' || blocked) return;
    const what = event.blockedURI === 'wasm-eval' ? 'WebAssembly' : event.blockedURI.split('/').pop() || event.blockedURI;
    blocked = `${what} (${event.effectiveDirective || event.violatedDirective})`;
  });

  function show(text) {
    if (document.getElementById('keyfit-startup')) return;
    const note = document.createElement('p');
    note.id = 'keyfit-startup';
    note.className = 'verdict';
    note.dataset.tone = 'bad';
    note.setAttribute('role', 'alert');
    note.textContent = text;
    const header = document.querySelector('body > header');
    if (header) header.after(note);
    else document.body.prepend(note);
  }

  window.addEventListener('load', () => {
    const text = explain();
    if (text) show(text);
  });
})();
