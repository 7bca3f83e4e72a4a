// keyfit's start-up check: a classic script, so it runs even where the browser refuses the page's modules
// (a page opened from disk, file://). If keyfit did not start, it says so in plain words and what to do instead.
'use strict';
// One block, so that nothing here is a global (the page's other scripts are modules).
{
  const root = document.documentElement;
  // A page that says it started before any of its scripts ran is a copy saved by the browser ("Save as"): its
  // markup is the page as it was, its scripts are not all there. It does not start (app.js checks this flag);
  // it says to use keyfit.html instead.
  const saved = root.dataset.keyfit === 'started' || root.hasAttribute('data-keyfit-saved');
  if (saved) {
    delete root.dataset.keyfit;
    root.setAttribute('data-keyfit-saved', '');
  }

  function explain() {
    if (typeof WebAssembly !== 'object') {
      return 'keyfit cannot start: this browser does not run WebAssembly (it may be turned off by a policy, '
        + 'an extension or a "strict security" mode). Turn it on for this page, or use another browser.';
    }
    if (root.dataset.keyfit === 'started') return null;
    if (saved) {
      return 'This is a copy of the keyfit page saved by the browser, and such a copy cannot run keyfit. '
        + 'Use keyfit.html instead: the one-file copy of keyfit that works offline (the hosted keyfit page offers '
        + 'it as “Download keyfit.html”), or open the hosted page.';
    }
    if (root.dataset.keyfitBuild === 'single-file') {
      return 'keyfit could not start in this browser. Check that JavaScript is allowed for this file, '
        + 'or open the hosted keyfit page instead.';
    }
    if (location.protocol === 'file:') {
      return 'keyfit cannot start from a file on your disk: browsers refuse this page’s scripts there. '
        + 'Open keyfit.html instead, the one-file copy of keyfit that works offline (the hosted keyfit page offers '
        + 'it as “Download keyfit.html”), or open the hosted page.';
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

  // The first of keyfit's own files the page's policy refused before keyfit started, with the directive to change:
  // its scripts, worker and wasm (a refused icon or style does not keep keyfit from starting).
  let blocked = null;
  function refused(uri, directive) {
    if (root.dataset.keyfit === 'started' || blocked || !/^(script|worker|connect)-src/.test(directive)) return;
    const what = uri === 'wasm-eval' ? 'WebAssembly' : uri.split('/').pop() || uri;
    blocked = `${what} (${directive})`;
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    refused(event.blockedURI, event.effectiveDirective || event.violatedDirective);
  });
  // This script is deferred (the page's module is then fetched beside it, not after it): a refusal of the module
  // comes before it runs, and only the browser's report buffer (ReportingObserver, where there is one) still has it.
  let reports = null;
  const fromReports = (list) => {
    for (const { body } of list) refused(body.blockedURL, body.effectiveDirective);
  };
  try {
    reports = new ReportingObserver(fromReports, { types: ['csp-violation'], buffered: true });
    reports.observe();
  } catch {
    reports = null; // no ReportingObserver here: the event above is the only source
  }

  /**
   * Puts a status paragraph (`tone`: bad or warn; `role`: alert or status) under the page's header, once per `id`.
   * The one maker of such notes: the start-up note below, and the single file's "runs on this page" note
   * (tools/bundle/single-file/workers.js, bundled after this script, calls it as `keyfitBoot.note`).
   */
  function note(id, tone, role, text) {
    if (document.getElementById(id)) return;
    const p = document.createElement('p');
    p.id = id;
    p.className = 'verdict';
    p.dataset.tone = tone;
    p.setAttribute('role', role);
    p.textContent = text;
    const header = document.querySelector('body > header');
    if (header) header.after(p);
    else document.body.prepend(p);
  }

  // The tab chosen before keyfit started: on a slow link the page shows before its module has run, and app.js then
  // opens the tab the user clicked (text typed meanwhile stays in its field, and app.js checks it).
  let earlyTab = null;
  document.addEventListener('click', (event) => {
    if (root.dataset.keyfit === 'started') return;
    const button = event.target.closest?.('[role="tab"], [data-tab]');
    if (button) earlyTab = button.dataset.tab || button.id;
  });

  // A form sent before keyfit started (Generate clicked on a slow link) is not sent as a page load, which would
  // reload the page and lose what was typed: app.js sends it again once it runs.
  let earlyForm = null;
  document.addEventListener('submit', (event) => {
    if (root.dataset.keyfit === 'started') return;
    event.preventDefault();
    earlyForm = event.target.id || null;
  });

  window.keyfitBoot = Object.freeze({ note, earlyTab: () => earlyTab, earlyForm: () => earlyForm });

  window.addEventListener('load', () => {
    if (reports) fromReports(reports.takeRecords());
    const text = explain();
    if (text) note('keyfit-startup', 'bad', 'alert', text);
  });
}
