// The Connect tab's steps on a phone: a finished step folds into one line, its title and outcome ("✓ Host URL:
// git@github.com:acme/app.git"), which is a button that opens it again (the WAI-ARIA accordion: a button with
// aria-expanded inside the step's heading). A step folds once it is finished and the focus is elsewhere, so never
// under the fingers of someone typing in it, and opens again as soon as it is not finished (the URL or the key
// changed). At wider widths every step stays open: the form is short there, and read beside Jira's own form.
import { el } from './ui.js';

/** style.css's phone layout, where finished steps fold. */
const NARROW = '(max-width: 40rem)';

/** What can hold the focus in a step's body, for the focus of a heading button that goes away. */
const FOCUSABLE = 'input:not([type="hidden"]), textarea, select, button';

/**
 * Makes the step `<div id="{id}"><h3>title</h3><div id="{id}-body">…</div></div>` in `root` (a document or shadow
 * root) foldable on a phone. Returns `show(line)`: `line` is the step's outcome as [label, text] (SAY.stepDone)
 * while the step is finished, else null.
 */
function foldableStep(root, id, narrow) {
  const box = root.getElementById(id);
  const heading = box.querySelector('h3');
  const title = [...heading.childNodes];
  const body = root.getElementById(`${id}-body`);
  const button = el('button', { type: 'button', className: 'step-line' });
  button.setAttribute('aria-controls', body.id);
  // line: the outcome while finished; folded: the body is folded away; pending: finished while the focus was in it.
  const s = { line: null, folded: false, pending: false };

  function render() {
    const foldable = narrow.matches && s.line !== null;
    const folded = foldable && s.folded;
    if (foldable) {
      const [label, text] = s.line;
      button.replaceChildren(el('span', {}, el('strong', {}, label), ' ', text));
      button.setAttribute('aria-expanded', String(!folded));
    }
    if (foldable !== (heading.firstChild === button)) {
      const hadFocus = root.activeElement === button;
      heading.replaceChildren(...(foldable ? [button] : title));
      if (hadFocus) body.querySelector(FOCUSABLE)?.focus();
    }
    body.hidden = folded;
    box.classList.toggle('folded', folded);
  }

  button.addEventListener('click', () => {
    s.folded = !s.folded;
    s.pending = false;
    render();
  });
  // The focus moved on to another field or button: a step finished meanwhile folds now.
  box.addEventListener('focusout', (event) => {
    if (!s.pending || !event.relatedTarget || box.contains(event.relatedTarget)) return;
    s.pending = false;
    s.folded = true;
    render();
  });
  // The focus got into a folded body (at a wider width, where it shows): it is being worked on, so it stays open.
  box.addEventListener('focusin', (event) => {
    if (!s.folded || !body.contains(event.target)) return;
    s.folded = false;
    render();
  });
  narrow.addEventListener('change', render);

  return function show(line) {
    const was = s.line;
    s.line = line || null;
    if (!s.line) {
      s.folded = false;
      s.pending = false;
    } else if (!was) {
      s.pending = box.contains(root.activeElement);
      s.folded = !s.pending;
    }
    render();
  };
}

/** The Connect tab's foldable steps in `root`, by name: url, key, host; each a `show(line)` (see foldableStep). */
export function connectSteps(root) {
  const narrow = matchMedia(NARROW);
  return {
    url: foldableStep(root, 'connect-step-url', narrow),
    key: foldableStep(root, 'connect-step-key', narrow),
    host: foldableStep(root, 'connect-step-host', narrow),
  };
}
