// Small DOM helpers. Everything that shows data uses textContent or value, never HTML.
import { failure } from './failure.js';
import { INPUT_LIMIT } from './formats.js';

/** An element lookup scoped to `root` (the page's document, or a widget's shadow root). */
export const byId = (root) => (id) => root.getElementById(id);

/** Looks an element up in the page's document. */
export const $ = byId(document);

/** Creates an element: el('p', {className: 'x'}, 'text', child...). */
export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** Offers `text` as a file download named `name`. */
export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let clipboardNoted = false;

/**
 * Copies a textarea's value (or an element's text) to the clipboard; says so in `status`. For a private key (`secret`), the first copy
 * also says that the key stays on the clipboard.
 */
export async function copy(textarea, status, { secret = false } = {}) {
  try {
    await navigator.clipboard.writeText(textarea.value ?? textarea.textContent);
  } catch {
    textarea.select?.();
    if (!textarea.select || !document.execCommand('copy')) {
      say(status, 'Copy failed: select the text and copy it yourself.', 'bad');
      return;
    }
  }
  if (secret && !clipboardNoted) {
    clipboardNoted = true;
    say(status, 'Copied. The private key stays on your clipboard until you copy something else: once it is pasted into Jira, copy any other text to replace it.', 'warn');
  } else {
    say(status, 'Copied to the clipboard.');
  }
}

/** Hides `node`; if it had the focus, moves the focus to `fallback` so it never falls to the page's body. */
export function hideKeepingFocus(node, fallback) {
  const had = node.getRootNode().activeElement === node;
  node.hidden = true;
  if (had && fallback && !fallback.hidden && !fallback.disabled) fallback.focus();
}

/**
 * Refuses a paste or drop into `field` of more than `limit` characters before it reaches the field (no long
 * layout of megabytes of text, no work); calls refused(size) instead.
 */
export function refuseHugeInput(field, limit, refused) {
  field.addEventListener('beforeinput', (event) => {
    const incoming = event.data ?? event.dataTransfer?.getData('text/plain') ?? '';
    if (incoming.length > limit) {
      event.preventDefault();
      refused(incoming.length);
    }
  });
}

/** Empties fields that held a passphrase or a key. */
export function wipe(...fields) {
  for (const f of fields) if (f) f.value = '';
}

/** Writes a status line; tone is '', 'ok', 'bad' or 'warn'. */
export function say(node, text, tone = '') {
  node.textContent = text;
  node.dataset.tone = tone;
}

/**
 * Shows "<label> N.N s" in `node` until the returned stop() is called; stop() returns the seconds elapsed.
 */
export function stopwatch(node, label) {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  const tick = () => { node.textContent = `${label} ${seconds().toFixed(1)} s`; };
  tick();
  const timer = setInterval(tick, 100);
  return () => { clearInterval(timer); node.textContent = ''; return seconds(); };
}

/** Calls fn after `ms` without further calls; `.now()` makes the waiting call at once and returns its result. */
export function debounce(fn, ms) {
  let timer = null;
  let waiting = null;
  const later = (...args) => {
    clearTimeout(timer);
    waiting = args;
    timer = setTimeout(later.now, ms);
  };
  later.now = () => {
    if (!waiting) return undefined;
    const args = waiting;
    clearTimeout(timer);
    waiting = null;
    return fn(...args);
  };
  return later;
}

/** Reads a dropped or chosen file as bytes; refuses anything larger than a key file could be. */
export async function readKeyFile(file) {
  if (file.size > INPUT_LIMIT) {
    throw Object.assign(failure('file-too-large', `“${file.name}” is ${Math.round(file.size / 1024)} KB: a key file is a few KB at most.`),
      { size: file.size, fileName: file.name });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (/[\x00-\x08\x0e-\x1f\x7f]/.test(text)) text = null;
  } catch { /* binary, e.g. DER */ }
  return { name: file.name, bytes, text };
}

/**
 * The one way a key file comes in: reads it (readKeyFile) and calls `use(file, note)` with a "Loaded …" note,
 * or `refuse(error)`. `picker`, an <input type="file">, is wired to it and emptied so the same file can come again.
 */
export function keyFileLoader(picker, use, refuse) {
  async function loadFile(file) {
    let f;
    try {
      f = await readKeyFile(file);
    } catch (err) {
      refuse(err, file);
      return;
    }
    use(f, `Loaded “${f.name}” (${f.bytes.length} bytes${f.text === null ? ', binary' : ''}).`);
  }
  picker.addEventListener('change', (event) => {
    if (event.target.files[0]) loadFile(event.target.files[0]);
    event.target.value = '';
  });
  return loadFile;
}

/** Sets or clears a field's error state. */
export function invalid(field, bad) {
  if (bad) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}

/**
 * Clones <template id="templateId"> into `host`, giving each element with data-id="x" the id `${prefix}-x`,
 * and turning data-for, data-describedby and data-labelledby into for, aria-describedby and aria-labelledby on
 * those ids: one markup, unique ids per copy. Returns the lookup name -> element of this copy.
 */
export function clonePanel(root, templateId, host, prefix) {
  const part = root.getElementById(templateId).content.cloneNode(true);
  const id = (name) => `${prefix}-${name}`;
  for (const node of part.querySelectorAll('[data-id]')) node.id = id(node.dataset.id);
  for (const node of part.querySelectorAll('[data-for]')) node.htmlFor = id(node.dataset.for);
  for (const [data, aria] of [['describedby', 'aria-describedby'], ['labelledby', 'aria-labelledby']]) {
    for (const node of part.querySelectorAll(`[data-${data}]`)) node.setAttribute(aria, id(node.dataset[data]));
  }
  host.append(part);
  return (name) => root.getElementById(id(name));
}

/** A URL as nodes with a <wbr> after each / : . @, so that it wraps only there (never inside a port or a name). */
export function breakable(url) {
  return url.split(/(?<=[/:.@])/).flatMap((part, i) => (i ? [el('wbr'), part] : [part]));
}
