// <keyfit-widget mode="check">: keyfit's Check, Generate, Convert or Connect tool inside any page, with one script tag:
//   <script type="module" src="/path/to/keyfit-widget.js"></script>
//   <keyfit-widget mode="check"></keyfit-widget>          (modes: check, generate, convert, connect)
// It is the page's own tool (the same markup, taken from index.html at build time, and the same modules) in an
// open shadow root, styled with constructable stylesheets (so a host's `style-src 'self'` is enough). The engine,
// its worker and wasm are found next to this file, so any path works. Theming: CSS custom properties
// (`--keyfit-accent`, `--keyfit-card`, ...) and parts (`::part(panel)`, `button`, `field`, `verdict`, `status`).
// It fits the page it sits in: light or dark as the page's theme switch says (`theme="auto"`, the default; or
// `theme="light"`/`"dark"`), and the page's font family and size (every size in em, none in rem).
// Events (bubbling, composed): `keyfit-report` after each check shown (check and connect), `keyfit-generated` after
// each key pair.
// Their details carry public facts only: never a private key, a passphrase or repaired key text.
// Importing this module where there is no DOM (static-site pre-rendering) defines nothing and does not throw.

import { failure } from './js/failure.js';
import { whenIdle } from './js/idle.js';

/** Each mode's page modules, loaded when a widget of that mode is shown. */
const MODULES = {
  check: () => import('./js/check-ui.js'),
  generate: () => Promise.all([import('./js/generate-ui.js'), import('./js/key-generator.js')]).then((m) => Object.assign({}, ...m)),
  convert: () => import('./js/convert-ui.js'),
  connect: () => import('./js/connect-ui.js'),
};
const NEEDS_PASSPHRASE = new Set(['passphrase-required', 'wrong-passphrase']);
const THEMES = ['auto', 'light', 'dark'];

/** Styles for the host element itself, on top of the page's stylesheet. */
const HOST_CSS = `
:host { display: block; margin: 1em 0; padding: 0; max-width: none; background: none;
  font-family: inherit; font-size: inherit; font-weight: inherit; line-height: 1.5; }
:host([hidden]) { display: none; }
[part~="panel"] { background: var(--keyfit-card); border: 1px solid var(--keyfit-line); border-radius: 0.5rem; padding: 1.25rem; }
`;

/** The public facts of a check report: what `keyfit-report` carries (no private key, passphrase or repaired text). */
export function reportDetail(r) {
  const problems = (r.problems || []).map((p) => p.code);
  const locked = problems.some((c) => NEEDS_PASSPHRASE.has(c));
  const otherErrors = (r.problems || []).some((p) => p.severity === 'error' && !NEEDS_PASSPHRASE.has(p.code));
  return {
    verdict: r.jiraReady ? 'jira-ready' : locked && !otherErrors ? 'needs-passphrase' : 'not-jira-ready',
    jiraReady: Boolean(r.jiraReady),
    format: r.format ?? null,
    kind: r.kind ?? null,
    algorithm: r.algorithm ?? null,
    bits: r.bits ?? null,
    encrypted: Boolean(r.encrypted),
    problems,
    comment: r.comment ?? null,
    fingerprintSha256: r.fingerprintSha256 ?? null,
    fingerprintMd5: r.fingerprintMd5 ?? null,
    publicKey: r.publicKey ?? null,
  };
}

/** The public half of a generated key pair: what `keyfit-generated` carries. */
export function generatedDetail(k) {
  return {
    bits: k.bits ?? null,
    engine: k.engine ?? null,
    publicKey: k.publicKey,
    fingerprintSha256: k.fingerprintSha256,
    fingerprintMd5: k.fingerprintMd5,
  };
}

function sheet(text) {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

let sheets = null;
/** The page's stylesheet for a shadow root (sizes in em, so they follow the host's font size), the host's own rules,
 * and one sheet per scheme: the page's light colours, or its dark ones, whichever the system prefers. */
function styleSheets(css) {
  if (!sheets) {
    const base = sheet(css.replace(/(\d*\.?\d+)rem\b/g, '$1em'));
    let light = '';
    let dark = '';
    for (const rule of base.cssRules) {
      if (!light && rule.selectorText === ':host') light = rule.style.cssText;
      if (rule.conditionText && /prefers-color-scheme:\s*dark/.test(rule.conditionText)) {
        dark += [...rule.cssRules].map((r) => r.style?.cssText ?? '').join(' ');
      }
    }
    sheets = {
      base: [base, sheet(HOST_CSS)],
      light: sheet(`:host { ${light} color-scheme: light; }`),
      dark: sheet(`:host { ${light} ${dark} color-scheme: dark; }`),
    };
  }
  return sheets;
}

// ---------------------------------------------------------------------------------------------- light or dark

/** Theme switches of documentation themes: Material for MkDocs (`data-md-color-scheme`), furo and Docusaurus
 * (`data-theme`), Bootstrap (`data-bs-theme`), and others' `data-color-scheme`/`data-mode`. */
const THEME_ATTRIBUTES = ['data-md-color-scheme', 'data-theme', 'data-bs-theme', 'data-color-scheme', 'data-mode'];
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** 'dark' or 'light' for a theme switch's value (Material calls its dark scheme "slate"), else null ("auto"). */
function schemeOf(value) {
  if (/dark|slate|night|black/i.test(value)) return 'dark';
  if (/light|default|day|white/i.test(value)) return 'light';
  return null;
}

/** Relative luminance of a computed `rgb(...)` colour, or null when it is transparent. */
function luminance(color) {
  const m = color.match(/rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?/);
  if (!m || (m[4] !== undefined && parseFloat(m[4]) === 0)) return null;
  const [r, g, b] = m.slice(1, 4).map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The element around `el`, across shadow roots. */
const around = (el) => el.parentElement ?? el.getRootNode?.().host ?? null;

/**
 * Light or dark, as the page around `el` shows itself: the nearest theme switch (an attribute above, or a `dark` or
 * `light` class), else the page's `color-scheme` (one scheme: that one; both: the system's), else the colour of the
 * page behind it (a page that declares no scheme is as light as it looks).
 */
function hostScheme(el) {
  for (let node = around(el); node; node = around(node)) {
    for (const name of THEME_ATTRIBUTES) {
      const scheme = node.hasAttribute(name) ? schemeOf(node.getAttribute(name)) : null;
      if (scheme) return scheme;
    }
    if (node.classList.contains('dark')) return 'dark';
    if (node.classList.contains('light')) return 'light';
  }
  const parent = around(el) ?? document.documentElement;
  const declared = `${getComputedStyle(parent).colorScheme} ${document.querySelector('meta[name="color-scheme"]')?.content ?? ''}`;
  const dark = /\bdark\b/.test(declared);
  const light = /\blight\b/.test(declared);
  if (dark && light) return matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
  if (dark || light) return dark ? 'dark' : 'light';
  for (let node = parent; node; node = around(node)) {
    const l = luminance(getComputedStyle(node).backgroundColor);
    if (l !== null) return l < 0.2 ? 'dark' : 'light';
  }
  return 'light';
}

/** The widgets on the page, told when the page's theme may have changed. */
const shown = new Set();
let watching = false;
function watchTheme() {
  if (watching) return;
  watching = true;
  const update = () => {
    for (const widget of shown) widget.refreshScheme();
  };
  // Theme attributes anywhere; classes and inline styles (a `color-scheme`) only on <html> and <body>. Two
  // observers: observing one node again would replace the options of the first call.
  new MutationObserver(update).observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: THEME_ATTRIBUTES });
  const top = new MutationObserver(update);
  for (const node of [document.documentElement, document.body]) {
    if (node) top.observe(node, { attributes: true, attributeFilter: ['class', 'style'] });
  }
  matchMedia(DARK_QUERY).addEventListener('change', update);
}

// ---------------------------------------------------------------------------------------------- start-up

/** The page's one start-up check of the engine: resolves with the error that kept it from starting, or null. */
let probe = null;

/** Policy violations on the page that can keep keyfit's engine from starting (WebAssembly, workers). */
const violations = [];
if (globalThis.document) {
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.blockedURI === 'wasm-eval' || /^(worker|child)-src/.test(e.effectiveDirective || e.violatedDirective)) violations.push(e);
  });
}

const Base = globalThis.HTMLElement ?? class {};

export class KeyfitWidget extends Base {
  static get observedAttributes() {
    return ['mode', 'theme'];
  }

  /** The tool shown: `check` (default), `generate`, `convert` or `connect`. */
  get mode() {
    return this.getAttribute('mode') ?? 'check';
  }

  set mode(value) {
    this.setAttribute('mode', value);
  }

  /** `auto` (default: as the page's theme), `light` or `dark`. */
  get theme() {
    const value = this.getAttribute('theme');
    return THEMES.includes(value) ? value : 'auto';
  }

  set theme(value) {
    this.setAttribute('theme', value);
  }

  #renders = 0;
  #internals = null; // for the :state(dark) and :state(light) the page can style
  #drop = null; // the current mode's drop handler
  #jobs = []; // the workers of the current mode, stopped when the mode changes or the element leaves the page

  constructor() {
    super();
    for (const type of ['dragover', 'drop']) this.addEventListener(type, (event) => this.#drop?.(event));
    try {
      this.#internals = this.attachInternals();
    } catch {
      // no ElementInternals: the states are only a convenience
    }
  }

  connectedCallback() {
    shown.add(this);
    watchTheme();
    this.#show();
  }

  disconnectedCallback() {
    shown.delete(this);
    this.#renders++;
    this.#stop();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.isConnected || old === value) return;
    if (name === 'theme') this.refreshScheme();
    else this.#show();
  }

  /** Light or dark as the `theme` attribute says, or as the page around it shows (called when the page changes). */
  refreshScheme() {
    const root = this.shadowRoot;
    if (!root || !sheets) return;
    const scheme = this.theme === 'auto' ? hostScheme(this) : this.theme;
    const wanted = [...sheets.base, sheets[scheme]];
    if (root.adoptedStyleSheets.length !== wanted.length || root.adoptedStyleSheets.some((s, i) => s !== wanted[i])) {
      root.adoptedStyleSheets = wanted;
    }
    try {
      this.#internals?.states.delete(scheme === 'dark' ? 'light' : 'dark');
      this.#internals?.states.add(scheme);
    } catch {
      // CustomStateSet missing: nothing else depends on it
    }
  }

  #stop() {
    this.#drop = null;
    for (const job of this.#jobs.splice(0)) job.cancel();
  }

  #fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail: Object.freeze(detail), bubbles: true, composed: true }));
  }

  /** Renders the current mode; if keyfit's files cannot be loaded, says so in the widget instead of staying empty. */
  #show() {
    const run = this.#renders + 1;
    this.#render().catch((err) => {
      if (run !== this.#renders) return;
      const note = document.createElement('p');
      note.setAttribute('role', 'alert');
      note.setAttribute('part', 'verdict error');
      note.textContent = `keyfit-widget could not load its files (${err?.message || err}). `
        + 'Check that the whole keyfit folder is served next to keyfit-widget.js, from this site.';
      (this.shadowRoot ?? this.attachShadow({ mode: 'open' })).replaceChildren(note);
    });
  }

  async #render() {
    const run = ++this.#renders;
    this.#stop();
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const mode = this.mode;
    // Everything is loaded before the markup is shown, so nothing typed into it goes unseen.
    const [parts, ui, { WorkerClient }, tool] = await Promise.all([
      import('./pkg/widget-parts.js'), import('./js/ui.js'), import('./js/worker-client.js'), Object.hasOwn(MODULES, mode) ? MODULES[mode]() : null]);
    if (run !== this.#renders) return;
    styleSheets(parts.CSS);
    this.refreshScheme();
    if (!tool) {
      const note = ui.el('p', { className: 'verdict' },
        `keyfit-widget: there is no mode “${mode}”. Use mode="check", "generate", "convert" or "connect".`);
      note.dataset.tone = 'bad';
      note.setAttribute('role', 'alert');
      note.setAttribute('part', 'verdict error');
      root.replaceChildren(note);
      return;
    }
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${parts.MARKUP[mode]}`, 'text/html');
    root.replaceChildren(...doc.body.childNodes);
    // One WorkerClient per surface, as on the page, so each Stop ends only its own job.
    const client = () => {
      const c = new WorkerClient();
      this.#jobs.push(c);
      return c;
    };
    const tools = client();
    const readingPart = this.#readingPart();
    this.#probe(tools, root, run, readingPart);
    if (mode === 'check') {
      this.#dropTo(tool.mountCheck(root, tools, { converterTools: client(), compareTools: client(), readingPart,
        onReport: (report) => this.#fire('keyfit-report', reportDetail(report)) }));
    } else if (mode === 'generate') {
      const widget = this;
      const generator = new (class extends tool.KeyGenerator {
        async call(op, args) {
          const key = await super.call(op, args);
          // After the page code has shown the key (it continues in a microtask once this returns).
          setTimeout(() => widget.#fire('keyfit-generated', generatedDetail(key)));
          return key;
        }
      })();
      this.#jobs.push(generator);
      tool.mountGenerate(root, generator, tools);
    } else if (mode === 'connect') {
      this.#dropTo(tool.mountConnect(root, tools, { keyTools: client(), converterTools: client(), compareTools: client(), readingPart,
        onReport: (report) => this.#fire('keyfit-report', reportDetail(report)) }));
    } else {
      this.#dropTo(tool.mountConvert(root, tools));
    }
  }

  /** The part that checks a key given without a passphrase: the check part ('read'), or the key engine ('keys') on a
   * page that also has a widget that makes keys (mode generate or convert): that page loads the key engine anyway,
   * a check then runs on it (js/parts.js), and the key code is not fetched twice. */
  #readingPart() {
    return document.querySelector('keyfit-widget:is([mode="generate"], [mode="convert"])') ? 'keys' : 'read';
  }

  /** Loads the engine once the page is idle (the first check is then quicker, and the host page loads first), so a
   * page whose policy or files keep it from starting says why before anyone types: the first line names the cause.
   * The parts of the engine the mode's first answer uses: `reading` (`#readingPart`) in modes check and connect
   * (with the Host URL check's part), the key engine in modes generate and convert. */
  #probe(tools, root, run, reading) {
    // Once per page: the first widget's worker answers for all (they share the page's policy and keyfit's files).
    const stillShown = () => run === this.#renders;
    const parts = { check: [reading], connect: ['url', reading] }[this.mode] ?? ['keys'];
    probe ??= whenIdle()
      .then(() => (stillShown() ? tools.call('load', { parts }) : Promise.reject(failure('cancelled', 'gone'))))
      .then(() => null, (err) => {
        if (err?.code === 'cancelled') probe = null;
        return err;
      });
    probe.then(async (err) => {
      if (!err || !stillShown() || err.code === 'cancelled') return;
      const { startupProblem } = await import('./js/messages.js');
      const text = stillShown() && startupProblem(err, violations);
      if (!text) return;
      const note = document.createElement('p');
      note.className = 'verdict';
      note.dataset.tone = 'bad';
      note.setAttribute('role', 'alert');
      note.setAttribute('part', 'verdict error');
      note.textContent = text;
      root.prepend(note);
    });
  }

  /** A key file dropped on the widget goes to its tool, as a file dropped on the page does. */
  #dropTo(tool) {
    const files = (event) => [...(event.dataTransfer?.types || [])].includes('Files');
    this.#drop = (event) => {
      if (!files(event)) return;
      event.preventDefault();
      if (event.type === 'drop' && event.dataTransfer.files[0]) tool.loadFile(event.dataTransfer.files[0]);
    };
  }
}

if (globalThis.customElements && !globalThis.customElements.get('keyfit-widget')) {
  globalThis.customElements.define('keyfit-widget', KeyfitWidget);
}
