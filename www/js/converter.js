// The converter: a form cloned from <template id="converter-template">, used under a key-check report and in the
// Convert tab. It converts whatever key `source()` returns: {input: string | Uint8Array, passphrase, pending?}, where
// pending() is a promise that settles once the key's report is known.
// A conversion keeps the key's passphrase unless the user types a new one or ticks "Remove the passphrase",
// and the status always says whether the result is encrypted. Every conversion is a job of the converter's own
// JobSlot: Stop ends it, and any change of the key, its passphrase or the target aborts it and clears its answer.
import { clonePanel, copy, download, invalid, say, wipe } from './ui.js';
import { HAS_COMMENT, TARGETS, algorithmInText, byteSize, fileName, target } from './formats.js';
import { JobSlot } from './job.js';
import { SAY, sayError } from './messages.js';

/** Codes after which writing the key in another format cannot make Jira take it. */
const UNFIXABLE = new Set(['not-rsa', 'key-too-small', 'inconsistent-key', 'public-key-not-private',
  'passphrase-required', 'wrong-passphrase', 'truncated', 'corrupt', 'not-a-key', 'key-too-large',
  'kdf-too-costly', 'unsupported-algorithm']);

/** The form's elements, by class. */
function parts(host) {
  const q = (selector) => host.querySelector(selector);
  return {
    q,
    to: q('.to'), newPass: q('.new-pass'), newPass2: q('.new-pass2'), removePass: q('.remove-pass'),
    hint: q('.pass-hint'), comment: q('.comment'), status: q('.status'), out: q('.out'), outText: q('.out-text'),
    makeReady: q('.make-ready'), go: q('.go'), stop: q('.stop'),
  };
}

/** Shows what fits the target and the key: passphrase fields, cipher, comment, and the hints' words. */
function layout(c, encrypted, willEncrypt) {
  const t = target(c.to.value);
  for (const node of c.q('form').querySelectorAll('.when-private')) node.hidden = !t.private;
  c.q('.when-encrypted').hidden = !t.private || !encrypted;
  c.q('.jira-fix-text').textContent = SAY.jiraFix(encrypted);
  c.newPass.disabled = c.newPass2.disabled = c.removePass.checked;
  c.hint.textContent = SAY.newPassphraseHint(encrypted);
  c.q('.when-cipher').hidden = t.to !== 'pkcs1' || !willEncrypt;
  c.q('.when-comment').hidden = !HAS_COMMENT.has(t.to);
}

/**
 * The passphrase the result gets and how it is protected ('kept' | 'new' | 'removed' | 'none'), or {refused}
 * with what to say when the form cannot tell.
 */
function protectionOf(c, t, src, keyEncrypted) {
  if (!t.private) return { protection: 'none' };
  if (c.removePass.checked) return { newPassphrase: '', protection: 'removed' };
  if (c.newPass.value || c.newPass2.value) {
    const mismatch = c.newPass.value !== c.newPass2.value;
    invalid(c.newPass2, mismatch);
    return mismatch ? { refused: SAY.passphrasesDiffer, focus: c.newPass2 } : { newPassphrase: c.newPass.value, protection: 'new' };
  }
  if (!keyEncrypted) return { newPassphrase: '', protection: 'none' };
  if (!src.passphrase) return { refused: SAY.enterPassphraseFirst };
  return { newPassphrase: src.passphrase, protection: 'kept' };
}

/**
 * The work of one conversion, in the converter's worker: the converted text, and for PKCS#1 whether the
 * engine's own check of the result says Jira takes it.
 */
async function convertAndVerify(tools, signal, options) {
  const text = await tools.call('convertKey', options);
  if (signal.aborted || options.to !== 'pkcs1') return { text, jiraReady: false };
  try {
    const checked = await tools.call('inspectKey', { input: text, passphrase: options.newPassphrase });
    return { text, jiraReady: Boolean(checked.jiraReady) };
  } catch (err) {
    if (err.code === 'cancelled') throw err;
    return { text, jiraReady: false }; // the conversion itself succeeded; the status says so
  }
}

/** Forgets the converted text and the status (they belonged to another key, passphrase or target). */
function clearResult(cv) {
  cv.job.abort();
  cv.c.out.hidden = true;
  wipe(cv.c.outText);
  if (cv.state.result) cv.onResult?.(null);
  cv.state.result = null;
  say(cv.c.status, '');
}

/** Forgets everything typed or derived: new passphrases, the choice to remove one, the converted text. */
function resetConverter(cv) {
  const { c } = cv;
  clearResult(cv);
  wipe(c.newPass, c.newPass2, c.comment);
  c.removePass.checked = false;
  invalid(c.newPass2, false);
  cv.relayout();
}

function showResult(cv, t, got) {
  const { c, state } = cv;
  const algorithm = state.report?.algorithm || algorithmInText(got.text) || (t.to.startsWith('pkcs1') ? 'rsa' : null);
  state.result = { text: got.text, file: fileName(t.to, algorithm) };
  c.outText.value = got.text;
  c.q('.download').textContent = SAY.download(state.result.file);
  c.out.hidden = false;
  const [line, tone] = SAY.converted(t, got.protection, got.cipher?.toUpperCase());
  say(c.status, got.jiraReady ? SAY.checkedAgain(line) : line, tone);
  if (t.private) wipe(c.newPass, c.newPass2); // used; a later conversion asks again
  cv.relayout();
  cv.onResult?.({ text: got.text, to: t.to, protection: got.protection, jiraReady: got.jiraReady });
}

/** The key to convert, once its report (on its way, maybe) says whether it has a passphrase to keep. */
async function settledSource(source, signal) {
  const src = source();
  if (!src?.pending) return src;
  await src.pending();
  return signal.aborted ? null : source();
}

/** One conversion as a job: {refused} when the form cannot tell what to write, else the conversion. */
async function conversion(cv, tools, signal, t) {
  const { c } = cv;
  const src = await settledSource(cv.source, signal);
  if (signal.aborted) return null;
  if (!src) return { refused: SAY.pasteKeyFirst };
  const p = protectionOf(c, t, src, cv.keyEncrypted());
  if (p.refused) return p;
  const cipher = t.to === 'pkcs1' && p.newPassphrase ? c.q('.cipher').value : undefined;
  const comment = HAS_COMMENT.has(t.to) && c.comment.value.trim() ? c.comment.value.trim() : undefined;
  const options = { input: src.input, passphrase: src.passphrase || undefined, to: t.to, newPassphrase: p.newPassphrase, comment, cipher };
  try {
    return { ...await convertAndVerify(tools, signal, options), protection: p.protection, cipher };
  } catch (err) {
    throw Object.assign(err, { size: byteSize(src.input) });
  }
}

async function runConversion(cv, targetName) {
  clearResult(cv);
  const t = target(targetName);
  try {
    const got = await cv.job.run((tools, signal) => conversion(cv, tools, signal, t), SAY.converting);
    const value = got?.value;
    if (value?.refused) {
      say(cv.c.status, value.refused, 'bad');
      value.focus?.focus();
    } else if (value) {
      showResult(cv, t, value);
    }
  } catch (err) {
    sayError(cv.c.status, err, { report: cv.state.report, size: err.size }, SAY.couldNotConvert);
  }
}

/** The form's events: a change of target or passphrase forgets the result; the buttons. */
function wireConverter(cv) {
  const { c, state } = cv;
  const forget = () => { clearResult(cv); cv.relayout(); };
  c.to.addEventListener('change', forget);
  c.newPass.addEventListener('input', forget);
  c.newPass2.addEventListener('input', () => { invalid(c.newPass2, false); forget(); });
  c.removePass.addEventListener('change', () => {
    if (c.removePass.checked) wipe(c.newPass, c.newPass2);
    forget();
  });
  c.q('.converter-form').addEventListener('submit', (event) => { event.preventDefault(); runConversion(cv, c.to.value); });
  c.makeReady.addEventListener('click', () => { c.to.value = 'pkcs1'; cv.relayout(); runConversion(cv, 'pkcs1'); });
  c.q('.copy').addEventListener('click', () => copy(c.outText, c.status, { secret: target(c.to.value).private }));
  c.q('.download').addEventListener('click', () => download(state.result.file, state.result.text));
  addEventListener('pagehide', () => resetConverter(cv));
}

/**
 * Wires a converter into `host` (inside `root`, a document or shadow root). `tools` is this converter's own
 * WorkerClient, so its Stop ends only its own job. `onResult`, if given, sees each finished conversion as
 * {text, to, protection: 'kept'|'new'|'removed'|'none', jiraReady} (jiraReady: re-checked as PKCS#1 Jira takes),
 * and null whenever the result is forgotten.
 */
export function mountConverter(root, host, tools, source, onResult) {
  clonePanel(root, 'converter-template', host, host.id || 'converter');
  const c = parts(host);
  const state = { result: null, report: null };
  for (const t of TARGETS) c.to.append(new Option(t.label, t.to));
  c.go.classList.add('primary');
  const job = new JobSlot(tools, {
    stop: c.stop, clock: c.q('.clock'), focusAfter: c.go, onStop: () => say(c.status, SAY.conversionStopped, 'warn'),
  });
  /** True when the key to convert has a passphrase (from its report; else: one was given). */
  const keyEncrypted = () => (state.report ? Boolean(state.report.encrypted) : Boolean(source()?.passphrase));
  const relayout = () => layout(c, keyEncrypted(),
    !c.removePass.checked && Boolean(c.newPass.value || c.newPass2.value || keyEncrypted()));
  const cv = { c, state, job, source, onResult, keyEncrypted, relayout };
  wireConverter(cv);
  relayout();
  // A report that offers to make the key Jira-ready: the key engine (the check part converts nothing) loads while it
  // is read. A key that is ready as it is loads nothing more, for someone who only checks a key.
  let warmed = false;

  return {
    /**
     * Adapts the form to the report of the key on screen (or to none): Jira button, targets a public key
     * allows, comment. `repairFirst`: the key must be repaired before it can be made Jira-ready, so the button
     * waits. A conversion of this same key made before its report arrived stays.
     */
    setReport(r, options = {}) {
      state.report = r || null;
      offerFor(c, state.report, Boolean(options.repairFirst));
      if (!c.makeReady.hidden && !warmed) warmed = Boolean(tools.preload?.('keys'));
      relayout();
    },
    /** Forgets the converted text and status (the key's passphrase changed). */
    clearResult: () => clearResult(cv),
    /** Forgets everything (the key changed; its report is on its way). */
    reset: () => resetConverter(cv),
    /** Whether "Make it Jira-ready" is offered. */
    get offersJiraFix() { return !c.makeReady.hidden; },
  };
}

/** The Jira button, the primary action and the targets that fit a key's report. */
function offerFor(c, report, repairFirst) {
  const problems = report?.problems || [];
  const readablePrivateRsa = report?.kind === 'private' && String(report.algorithm).toLowerCase() === 'rsa'
    && !problems.some((p) => UNFIXABLE.has(p.code));
  c.makeReady.hidden = !(readablePrivateRsa && !report.jiraReady) || repairFirst;
  c.q('.jira-fix').hidden = c.makeReady.hidden;
  // A key Jira takes as it is is not offered a conversion as the primary action.
  c.go.classList.toggle('primary', c.makeReady.hidden && !repairFirst && !report?.jiraReady);
  const isPublic = report?.kind === 'public';
  for (const option of c.to.options) option.disabled = isPublic && target(option.value).private;
  if (c.to.selectedOptions[0]?.disabled) c.to.value = 'openssh-public';
  if (!c.comment.value) c.comment.value = report?.comment || '';
}
