// Small, strict helpers to take index.html apart by ids and tags (never by line numbers). Each throws, naming
// what it looked for, when the page does not have exactly what the build expects.

class BuildError extends Error {}
export const fail = (what) => { throw new BuildError(what); };

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The start and end offsets of the element with `id="id"` (its outer HTML), matching nested tags of its kind. */
function span(html, id) {
  const open = new RegExp(`<([a-zA-Z][\\w-]*)\\b[^>]*?\\sid="${escape(id)}"[^>]*>`, 'g');
  const first = open.exec(html);
  if (!first) fail(`index.html has no element with id="${id}"`);
  if (open.exec(html)) fail(`index.html has two elements with id="${id}"`);
  const tag = first[1];
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  tags.lastIndex = first.index + first[0].length;
  let depth = 1;
  for (let t; (t = tags.exec(html));) {
    depth += t[1] ? -1 : 1;
    if (depth === 0) return [first.index, t.index + t[0].length];
  }
  return fail(`index.html: the element with id="${id}" is not closed`);
}

/** The outer HTML of the element with `id="id"`. */
export function elementById(html, id) {
  const [start, end] = span(html, id);
  return html.slice(start, end);
}

/** `html` with the text inside the element with `id="id"` set to `text` (escaped). */
export function setTextById(html, id, text) {
  const [start, end] = span(html, id);
  const outer = html.slice(start, end);
  const inner = outer.indexOf('>') + 1;
  const close = outer.lastIndexOf('</');
  return html.slice(0, start) + outer.slice(0, inner) + escapeText(text) + outer.slice(close) + html.slice(end);
}

export const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `html` with the one match of `pattern` replaced by `replacement` (a string taken literally, or a function). */
export function replaceOnce(html, pattern, replacement, what) {
  const all = html.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)) || [];
  if (all.length !== 1) fail(`index.html: expected one ${what}, found ${all.length}`);
  return html.replace(pattern, typeof replacement === 'function' ? replacement : () => replacement);
}

/** Sets (or replaces) attribute `name` on the opening tag `tag` (a string such as '<button type="button">'). */
export function withAttribute(tag, name, value) {
  const re = new RegExp(`\\s${escape(name)}="[^"]*"`);
  const attr = ` ${name}="${value}"`;
  if (re.test(tag)) return tag.replace(re, attr);
  return tag.replace(/\s*(\/?)>$/, `${attr}$1>`);
}

/** Removes attribute `name` (with or without a value) from the opening tag `tag`. */
export function withoutAttribute(tag, name) {
  return tag.replace(new RegExp(`\\s${escape(name)}(="[^"]*")?(?=[\\s>/])`), '');
}
