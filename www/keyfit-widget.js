// <keyfit-widget mode="check">: keyfit's Check, Generate, Convert or Connect tool inside any page, with one script tag:
//   <script type="module" src="/path/to/keyfit-widget.js"></script>
//   <keyfit-widget mode="check"></keyfit-widget>          (modes: check, generate, convert, connect)
// It is the page's own tool (the same markup, taken from index.html at build time, and the same modules) in an
// open shadow root, styled with constructable stylesheets (so a host's `style-src 'self'` is enough). The engine,
// its worker and wasm are found next to this file, so any path works. Theming: CSS custom properties
// (`--keyfit-accent`, `--keyfit-card`, ...) and parts (`::part(panel)`, `button`, `field`, `verdict`, `status`).
// Events (bubbling, composed): `keyfit-report` after each check shown (check and connect), `keyfit-generated` after
// each key pair.
// Their details carry public facts only: never a private key, a passphrase or repaired key text.
// Importing this module where there is no DOM (static-site pre-rendering) defines nothing and does not throw.

/** Each mode's page modules, loaded when a widget of that mode is shown. */
const MODULES = {
  check: () => import('./js/check-ui.js'),
  generate: () => Promise.all([import('./js/generate-ui.js'), import('./js/key-generator.js')]).then((m) => Object.assign({}, ...m)),
  convert: () => import('./js/convert-ui.js'),
  connect: () => import('./js/connect-ui.js'),
};
const NEEDS_PASSPHRASE = new Set(['passphrase-required', 'wrong-passphrase']);

/** Styles for the host element itself, on top of the page's stylesheet. */
const HOST_CSS = `
:host { display: block; margin: 1rem 0; padding: 0; max-width: none; background: none; }
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

let sheets = null;
function styleSheets(css) {
  if (!sheets) {
    sheets = [css, HOST_CSS].map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
  }
  return sheets;
}

const Base = globalThis.HTMLElement ?? class {};

export class KeyfitWidget extends Base {
  static get observedAttributes() {
    return ['mode'];
  }

  #renders = 0;
  #drop = null; // the current mode's drop handler
  #jobs = []; // the workers of the current mode, stopped when the mode changes or the element leaves the page

  constructor() {
    super();
    for (const type of ['dragover', 'drop']) this.addEventListener(type, (event) => this.#drop?.(event));
  }

  connectedCallback() {
    this.#show();
  }

  disconnectedCallback() {
    this.#renders++;
    this.#stop();
  }

  attributeChangedCallback(_name, old, value) {
    if (this.isConnected && old !== value) this.#show();
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
    const mode = this.getAttribute('mode') ?? 'check';
    // Everything is loaded before the markup is shown, so nothing typed into it goes unseen.
    const [parts, ui, { WorkerClient }, tool] = await Promise.all([
      import('./pkg/widget-parts.js'), import('./js/ui.js'), import('./js/worker-client.js'), Object.hasOwn(MODULES, mode) ? MODULES[mode]() : null]);
    if (run !== this.#renders) return;
    root.adoptedStyleSheets = styleSheets(parts.CSS);
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
    if (mode === 'check') {
      this.#dropTo(tool.mountCheck(root, tools, { converterTools: client(), compareTools: client(),
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
      this.#dropTo(tool.mountConnect(root, tools, { keyTools: client(), converterTools: client(), compareTools: client(),
        onReport: (report) => this.#fire('keyfit-report', reportDetail(report)) }));
    } else {
      this.#dropTo(tool.mountConvert(root, tools));
    }
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
