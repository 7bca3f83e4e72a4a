// keyfit's page as the engines suite reads and fills it, through a session of drivers.mjs. An element is named by
// a CSS selector, or by a list of them that goes down through shadow roots (the widget) and same-origin iframes
// (embed.html): ['#keyfit-frame', 'keyfit-widget', '#check-input']. Text goes in as a paste does (value, then an
// input event); clicks on the page's own buttons, downloads and the file picker use the driver's real input.

/** Page-side: the element a path of selectors names, or null. */
const FIND = `(path) => path.reduce((at, selector) => {
  const root = at && (at.shadowRoot ?? at.contentDocument ?? at);
  return root ? root.querySelector(selector) : null;
}, document)`;

const path = (p) => (Array.isArray(p) ? p : [p]);

/** Runs `body` (page-side source using `el`, the element, and `arg`) on the element `p` names. */
const onElement = (s, p, body, arg = null) => s.run(`(path, arg) => { const el = (${FIND})(path); ${body} }`, path(p), arg);

/** Sets a field's text as a paste would (an input event, then change). */
export const fill = (s, p, text) => onElement(s, p, `
  el.value = arg;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));`, text);

/** Chooses option `value` of a select. */
export const select = (s, p, value) => onElement(s, p, `
  if (![...el.options].some((o) => o.value === arg)) throw new Error('no option ' + arg);
  el.value = arg;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));`, value);

/** Presses Enter in a field as far as keyfit's forms care: submits the field's form. */
export const submit = (s, p) => onElement(s, p, 'el.form.requestSubmit();');

/** Clicks with the DOM (for elements inside the widget's shadow root or a frame, out of the driver's CSS reach). */
export const clickInside = (s, p) => onElement(s, p, 'el.click();');

export const value = (s, p) => onElement(s, p, 'return el ? el.value : null;');
export const text = (s, p) => onElement(s, p, 'return el ? el.textContent : null;');
export const attribute = (s, p, name) => onElement(s, p, 'return el ? el.getAttribute(arg) : null;', name);

/** Waits until the element `p` names exists and shows (not hidden, laid out); `what` names it in a timeout. */
export const shows = (s, p, { timeout = 30_000 } = {}) => s.waitFor(`(path) => {
  const el = (${FIND})(path);
  return Boolean(el && !el.closest('[hidden]') && el.getClientRects().length > 0);
}`, [path(p)], { timeout, what: `${path(p).join(' ')} to show` });

/** Waits until the element `p` names exists and its text matches `pattern`; returns the text. */
export const textMatches = (s, p, pattern, { timeout = 30_000 } = {}) => s.waitFor(`(path, source, flags) => {
  const el = (${FIND})(path);
  return el && new RegExp(source, flags).test(el.textContent) ? el.textContent : null;
}`, [path(p), pattern.source, pattern.flags], { timeout, what: `${path(p).join(' ')} to say ${pattern}` });

/** Waits until the element `p` names exists. */
export const exists = (s, p, { timeout = 30_000 } = {}) => s.waitFor(`(path) => Boolean((${FIND})(path))`, [path(p)],
  { timeout, what: `${path(p).join(' ')} to exist` });

/** The problem codes listed under a report (`list`: the selector of its <ul>). */
export const problemCodes = (s, list) => onElement(s, list, 'return [...el.querySelectorAll("li")].map((li) => li.dataset.code);');
