// The converter: a form cloned from <template id="converter-template">, used under a check report and in the
// Convert tab. It converts whatever key `source()` returns: {input: string | Uint8Array, passphrase}.
import { copy, download, invalid, say, stopwatch } from './ui.js';
import { HAS_COMMENT, TARGETS, target } from './formats.js';

/** Codes after which writing the key in another format cannot make Jira take it. */
const UNFIXABLE = new Set(['not-rsa', 'key-too-small', 'inconsistent-key', 'public-key-not-private',
  'passphrase-required', 'wrong-passphrase', 'truncated', 'corrupt', 'not-a-key']);

export function mountConverter(root, host, tools, source) {
  host.append(root.getElementById('converter-template').content.cloneNode(true));
  const q = (selector) => host.querySelector(selector);
  const to = q('.to');
  const newPass = q('.new-pass');
  const newPass2 = q('.new-pass2');
  const comment = q('.comment');
  const status = q('.status');
  const out = q('.out');
  const outText = q('.out-text');
  const makeReady = q('.make-ready');
  let result = null; // {text, file}

  for (const t of TARGETS) to.append(new Option(t.label, t.to));
  q('.go').classList.add('primary');

  function layout() {
    const t = target(to.value);
    for (const node of host.querySelectorAll('.when-private')) node.hidden = !t.private;
    q('.when-cipher').hidden = t.to !== 'pkcs1' || !newPass.value;
    q('.when-comment').hidden = !HAS_COMMENT.has(t.to);
  }
  to.addEventListener('change', layout);
  newPass.addEventListener('input', layout);
  layout();

  // Bumped whenever the source changes or a new conversion starts: a late answer for an older one is dropped.
  let generation = 0;

  async function run(targetName) {
    const mine = ++generation;
    out.hidden = true;
    result = null;
    const src = source();
    if (!src) { say(status, 'Paste or choose a key first.', 'bad'); return; }
    const t = target(targetName);
    const mismatch = t.private && newPass.value !== newPass2.value;
    invalid(newPass2, mismatch);
    if (mismatch) { say(status, 'The two new passphrases differ.', 'bad'); newPass2.focus(); return; }
    const options = {
      input: src.input,
      passphrase: src.passphrase || undefined,
      to: t.to,
      newPassphrase: t.private ? newPass.value : undefined,
      comment: HAS_COMMENT.has(t.to) && comment.value.trim() ? comment.value.trim() : undefined,
      cipher: t.to === 'pkcs1' && newPass.value ? q('.cipher').value : undefined,
    };
    say(status, '');
    const stop = stopwatch(q('.clock'), 'Converting…');
    try {
      const text = await tools.call('convert', options);
      stop();
      if (mine !== generation) return;
      result = { text, file: t.file };
      outText.value = text;
      q('.download').textContent = `Download ${t.file}`;
      out.hidden = false;
      say(status, `Converted to ${t.label}.`, 'ok');
      if (t.to === 'pkcs1') await verify(text, options.newPassphrase, mine);
    } catch (err) {
      stop();
      if (mine === generation) say(status, `Could not convert: ${err.message}`, 'bad');
    }
  }

  /** Re-checks a PKCS#1 result so the page can say, from the engine's own report, that Jira will take it. */
  async function verify(text, passphrase, mine) {
    try {
      const report = await tools.call('inspect', { input: text, passphrase });
      if (report.jiraReady && mine === generation) say(status, 'Converted. Checked again: Jira will accept this key.', 'ok');
    } catch { /* the conversion itself succeeded; the status already says so */ }
  }

  q('.converter-form').addEventListener('submit', (event) => { event.preventDefault(); run(to.value); });
  makeReady.addEventListener('click', () => { to.value = 'pkcs1'; layout(); run('pkcs1'); });
  q('.copy').addEventListener('click', () => copy(outText, status));
  q('.download').addEventListener('click', () => download(result.file, result.text));

  return {
    /** Adapts the form to a check report (or to none): Jira button, targets a public key allows, comment. */
    setReport(report) {
      generation++;
      const problems = report?.problems || [];
      const readablePrivateRsa = report?.kind === 'private' && String(report.algorithm).toLowerCase() === 'rsa'
        && !problems.some((p) => UNFIXABLE.has(p.code));
      makeReady.hidden = !(readablePrivateRsa && !report.jiraReady);
      q('.jira-fix').hidden = makeReady.hidden;
      q('.go').classList.toggle('primary', makeReady.hidden);
      const isPublic = report?.kind === 'public';
      for (const option of to.options) option.disabled = isPublic && target(option.value).private;
      if (to.selectedOptions[0]?.disabled) to.value = 'openssh-public';
      comment.value = report?.comment || '';
      out.hidden = true;
      say(status, '');
      layout();
    },
  };
}
