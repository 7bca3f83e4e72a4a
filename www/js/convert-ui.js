// The converter: a form cloned from <template id="converter-template">, used under a check report and in the
// Convert tab (mountConvert). It converts whatever key `source()` returns: {input: string | Uint8Array, passphrase}.
// A conversion keeps the key's passphrase unless the user types a new one or ticks "Remove the passphrase",
// and the status always says whether the result is encrypted. Every job can be stopped; any change of the key,
// its passphrase or the target clears the answer that belonged to the old one.
import {
  byId, copy, debounce, download, hideKeepingFocus, invalid, keyFileLoader, refuseHugeInput, say, stopwatch, wipe,
} from './ui.js';
import { FORMAT_NAMES, HAS_COMMENT, INPUT_LIMIT, TARGETS, algorithmInText, algorithmName, byteSize, fileName, target } from './formats.js';
import { explain, problemNodes, sayError } from './messages.js';

/** Codes after which writing the key in another format cannot make Jira take it. */
const UNFIXABLE = new Set(['not-rsa', 'key-too-small', 'inconsistent-key', 'public-key-not-private',
  'passphrase-required', 'wrong-passphrase', 'truncated', 'corrupt', 'not-a-key', 'key-too-large',
  'kdf-too-costly', 'unsupported-algorithm']);

/** What the file of each private target is encrypted with when it has a passphrase. */
const CIPHER_OF = { pkcs8: 'AES-256-CBC', openssh: 'aes256-ctr', ppk3: 'AES-256-CBC', ppk2: 'AES-256-CBC' };

/**
 * Wires a converter into `host` (inside `root`, a document or shadow root). `tools` is this converter's own
 * WorkerClient, so its Stop ends only its own job. `onResult`, if given, sees each finished conversion as
 * {text, to, protection: 'kept'|'new'|'removed'|'none', jiraReady} (jiraReady: re-checked as PKCS#1 Jira takes),
 * and null whenever the result is forgotten.
 */
export function mountConverter(root, host, tools, source, onResult) {
  host.append(root.getElementById('converter-template').content.cloneNode(true));
  const q = (selector) => host.querySelector(selector);
  const to = q('.to');
  const newPass = q('.new-pass');
  const newPass2 = q('.new-pass2');
  const removePass = q('.remove-pass');
  const hint = q('.pass-hint');
  const comment = q('.comment');
  const status = q('.status');
  const out = q('.out');
  const outText = q('.out-text');
  const makeReady = q('.make-ready');
  const go = q('.go');
  const stopButton = q('.stop');
  let result = null; // {text, file}
  let report = null; // the source key's report, when known
  let repairFirst = false;
  let busy = false;

  // Ids unique per converter, so the hint is tied to its fields and the output to its label.
  const prefix = host.id || 'converter';
  hint.id = `${prefix}-pass-hint`;
  newPass.setAttribute('aria-describedby', hint.id);
  newPass2.setAttribute('aria-describedby', hint.id);
  outText.id = `${prefix}-out-text`;
  q('.out-label').htmlFor = outText.id;

  for (const t of TARGETS) to.append(new Option(t.label, t.to));
  go.classList.add('primary');

  /** True when the key to convert has a passphrase (from its report; else: one was given). */
  const keyEncrypted = () => (report ? Boolean(report.encrypted) : Boolean(source()?.passphrase));
  const newGiven = () => Boolean(newPass.value || newPass2.value);
  const willEncrypt = () => !removePass.checked && (newGiven() || keyEncrypted());

  function layout() {
    const t = target(to.value);
    const encrypted = keyEncrypted();
    for (const node of host.querySelectorAll('.when-private')) node.hidden = !t.private;
    q('.when-encrypted').hidden = !t.private || !encrypted;
    q('.jira-fix-text').textContent = 'Jira takes this key once it is written as PKCS#1 PEM (BEGIN RSA PRIVATE KEY). '
      + (encrypted ? 'keyfit does that here and keeps the key’s passphrase, unless you choose otherwise below.' : 'keyfit does that here.');
    newPass.disabled = newPass2.disabled = removePass.checked;
    hint.textContent = encrypted
      ? 'Leave both empty to keep the key’s passphrase, or type a new one. Jira asks for the passphrase when you add the key.'
      : 'Leave both empty for a key without a passphrase, or type one to protect the key. Jira asks for it when you add the key.';
    q('.when-cipher').hidden = t.to !== 'pkcs1' || !willEncrypt();
    q('.when-comment').hidden = !HAS_COMMENT.has(t.to);
  }

  /** Stops this converter's running job, if any. */
  function stopJob() {
    if (!busy) return;
    busy = false;
    tools.cancel();
    hideKeepingFocus(stopButton, go);
  }

  /** Forgets the converted text and the status (they belonged to another key, passphrase or target). */
  function clearResult() {
    generation++;
    stopJob();
    out.hidden = true;
    wipe(outText);
    if (result) onResult?.(null);
    result = null;
    say(status, '');
  }

  // Bumped whenever the source changes or a new conversion starts: a late answer for an older one is dropped.
  let generation = 0;

  to.addEventListener('change', () => { clearResult(); layout(); });
  newPass.addEventListener('input', () => { clearResult(); layout(); });
  newPass2.addEventListener('input', () => { clearResult(); invalid(newPass2, false); layout(); });
  removePass.addEventListener('change', () => {
    if (removePass.checked) wipe(newPass, newPass2);
    clearResult();
    layout();
  });
  layout();

  /** The status line of a finished conversion: the format, and whether and how the result is encrypted. */
  function describe(t, protection, cipher) {
    if (!t.private) return [`Converted to ${t.short}. Public keys have no passphrase.`, 'ok'];
    const c = cipher || CIPHER_OF[t.to];
    switch (protection) {
      case 'kept': return [`Converted to ${t.short}, still protected by the key’s passphrase (encrypted, ${c}).`, 'ok'];
      case 'new': return [`Converted to ${t.short}, protected by your new passphrase (encrypted, ${c}).`, 'ok'];
      case 'removed': return [`Converted to ${t.short} without a passphrase, as you chose: not encrypted, so anyone who gets this file can use the key.`, 'warn'];
      default: return [`Converted to ${t.short}, without a passphrase (not encrypted), as the key was.`, 'ok'];
    }
  }

  async function run(targetName) {
    clearResult();
    const mine = generation;
    let src = source();
    if (src?.pending) { // the key's report is on its way: it says whether there is a passphrase to keep
      await src.pending;
      if (mine !== generation) return;
      src = source();
    }
    if (!src) { say(status, 'Paste or choose a key first.', 'bad'); return; }
    const t = target(targetName);
    let newPassphrase;
    let protection = 'none';
    if (t.private) {
      if (removePass.checked) {
        newPassphrase = '';
        protection = 'removed';
      } else if (newGiven()) {
        const mismatch = newPass.value !== newPass2.value;
        invalid(newPass2, mismatch);
        if (mismatch) { say(status, 'The two new passphrases differ.', 'bad'); newPass2.focus(); return; }
        newPassphrase = newPass.value;
        protection = 'new';
      } else if (keyEncrypted()) {
        if (!src.passphrase) {
          say(status, 'This key has a passphrase: enter it first; keyfit needs it to read the key, and keeps it.', 'bad');
          return;
        }
        newPassphrase = src.passphrase;
        protection = 'kept';
      } else {
        newPassphrase = '';
      }
    }
    const cipher = t.to === 'pkcs1' && newPassphrase ? q('.cipher').value : undefined;
    const options = {
      input: src.input,
      passphrase: src.passphrase || undefined,
      to: t.to,
      newPassphrase,
      comment: HAS_COMMENT.has(t.to) && comment.value.trim() ? comment.value.trim() : undefined,
      cipher,
    };
    busy = true;
    stopButton.hidden = false;
    const stop = stopwatch(q('.clock'), 'Converting…');
    try {
      const text = await tools.call('convert', options);
      if (mine !== generation) return;
      const algorithm = report?.algorithm || algorithmInText(text) || (t.to.startsWith('pkcs1') ? 'rsa' : null);
      result = { text, file: fileName(t.to, algorithm) };
      outText.value = text;
      q('.download').textContent = `Download ${result.file}`;
      out.hidden = false;
      const [line, tone] = describe(t, protection, cipher?.toUpperCase());
      say(status, line, tone);
      if (t.private) wipe(newPass, newPass2); // used; a later conversion asks again
      layout();
      const jiraReady = t.to === 'pkcs1' && await verify(text, newPassphrase, mine, line);
      if (mine === generation) onResult?.({ text, to: t.to, protection, jiraReady });
    } catch (err) {
      if (mine !== generation) return;
      if (err.code === 'cancelled') say(status, 'Conversion stopped. Nothing was written.', 'warn');
      else sayError(status, err, { report, size: byteSize(src.input) }, 'Could not convert: ');
    } finally {
      stop();
      if (mine === generation) {
        busy = false;
        hideKeepingFocus(stopButton, go);
      }
    }
  }

  /** Re-checks a PKCS#1 result so the page can say, from the engine's own report, that Jira will take it (true). */
  async function verify(text, passphrase, mine, line) {
    try {
      const checked = await tools.call('inspect', { input: text, passphrase });
      if (checked.jiraReady && mine === generation) say(status, `${line} Checked again: Jira will accept this key.`, status.dataset.tone);
      return checked.jiraReady;
    } catch { /* the conversion itself succeeded; the status already says so */ }
    return false;
  }

  q('.converter-form').addEventListener('submit', (event) => { event.preventDefault(); run(to.value); });
  makeReady.addEventListener('click', () => { to.value = 'pkcs1'; layout(); run('pkcs1'); });
  stopButton.addEventListener('click', () => stopJob());
  q('.copy').addEventListener('click', () => copy(outText, status, { secret: target(to.value).private }));
  q('.download').addEventListener('click', () => download(result.file, result.text));

  /** Forgets everything typed or derived: new passphrases, the choice to remove one, the converted text. */
  function reset() {
    clearResult();
    wipe(newPass, newPass2, comment);
    removePass.checked = false;
    invalid(newPass2, false);
    layout();
  }

  addEventListener('pagehide', reset);

  return {
    /**
     * Adapts the form to the report of the key on screen (or to none): Jira button, targets a public key
     * allows, comment. (What was derived from a previous key was forgotten by reset() when the input changed;
     * its report is replaced only here. A conversion of this same key made before its report arrived stays.)
     * `repairFirst`: the key must be repaired before it can be made Jira-ready, so the button waits.
     */
    setReport(r, options = {}) {
      report = r || null;
      repairFirst = Boolean(options.repairFirst);
      const problems = report?.problems || [];
      const readablePrivateRsa = report?.kind === 'private' && String(report.algorithm).toLowerCase() === 'rsa'
        && !problems.some((p) => UNFIXABLE.has(p.code));
      makeReady.hidden = !(readablePrivateRsa && !report.jiraReady) || repairFirst;
      q('.jira-fix').hidden = makeReady.hidden;
      go.classList.toggle('primary', makeReady.hidden && !repairFirst);
      const isPublic = report?.kind === 'public';
      for (const option of to.options) option.disabled = isPublic && target(option.value).private;
      if (to.selectedOptions[0]?.disabled) to.value = 'openssh-public';
      if (!comment.value) comment.value = report?.comment || '';
      layout();
    },
    /** Forgets the converted text and status (the key's passphrase changed). */
    clearResult,
    /** Forgets everything (the key changed; its report is on its way). */
    reset,
    /** Whether "Make it Jira-ready" is offered. */
    get offersJiraFix() { return !makeReady.hidden; },
  };
}

/** Wires the Convert tab found in `root`: a key in, the converter under it. `tools` is the tab's own WorkerClient. */
export function mountConvert(root, tools) {
  const $ = byId(root);
  const input = $('convert-input');
  const pass = $('convert-pass');
  const summary = $('convert-summary');
  const note = $('convert-file-note');
  let source = null; // string | Uint8Array
  let runs = 0;
  let inspecting = false;
  let shown = null; // the report the summary shows
  let pending = null; // resolves when the report of the key on screen has arrived (or will not)
  let settle = null;
  const expectReport = () => { settle?.(); pending = new Promise((ok) => { settle = ok; }); };
  const reportSettled = () => { settle?.(); settle = null; pending = null; };

  const isEmpty = (s) => s === null || s.length === 0 || (typeof s === 'string' && !s.trim());
  const converter = mountConverter(root, $('convert-converter'), tools,
    () => (isEmpty(source) || byteSize(source) > INPUT_LIMIT ? null : { input: source, passphrase: pass.value, pending }));

  /** Forgets the summary and drops the running inspection, if any: they are of an older input. */
  function supersede() {
    runs++;
    if (inspecting) { inspecting = false; tools.cancel(); }
    shown = null;
    say(summary, '');
  }

  /** Reads what the key is (without its passphrase: no key derivation, so it is quick) for the summary line. */
  async function inspect(fileName = null) {
    supersede();
    const run = runs;
    const size = isEmpty(source) ? 0 : byteSize(source);
    if (size === 0) {
      if (fileName) say(summary, explain('not-a-key', { size: 0, fileName }).title, 'bad');
      converter.setReport(null);
      reportSettled();
      return;
    }
    if (size > INPUT_LIMIT) {
      sayError(summary, { code: 'key-too-large' }, { size, fileName });
      converter.setReport(null);
      reportSettled();
      return;
    }
    inspecting = true;
    try {
      const r = await tools.call('inspect', { input: source });
      if (run !== runs) return;
      converter.setReport(r);
      showSummary(r);
    } catch (err) {
      if (run !== runs) return;
      converter.setReport(null); // the previous key's report must not stay behind this input
      if (err.code !== 'cancelled') sayError(summary, err, { size });
    } finally {
      if (run === runs) {
        inspecting = false;
        reportSettled();
      }
    }
  }

  function showSummary(r) {
    shown = r;
    const fatal = (r.problems || []).find((p) => p.severity === 'error' && !['passphrase-required', 'openssh-format',
      'pkcs8-format', 'ppk-format', 'sshcom-format', 'public-key-not-private', 'not-rsa', 'unsupported-cipher', 'mangled-paste'].includes(p.code));
    if (fatal) {
      summary.replaceChildren(...problemNodes(explain(fatal.code, { report: r, text: typeof source === 'string' ? source : null }), fatal));
      summary.dataset.tone = 'bad';
      return;
    }
    const what = [FORMAT_NAMES[r.format] || r.format];
    if (r.algorithm) what.push(`${algorithmName(r.algorithm)}${r.bits ? ` ${r.bits} bits` : ''}`);
    if (!r.encrypted) {
      say(summary, `${what.join(', ')}, without a passphrase.`, 'ok');
    } else if (!pass.value) {
      say(summary, `${what.join(', ')}. It is locked with a passphrase: enter it below to convert it.`, 'warn');
    } else {
      say(summary, `${what.join(', ')}, protected by a passphrase.`, 'ok');
    }
  }

  const inspectSoon = debounce(inspect, 300);
  refuseHugeInput(input, INPUT_LIMIT, (size) => {
    supersede();
    converter.reset();
    sayError(summary, { code: 'key-too-large' }, { size });
  });
  input.addEventListener('input', () => {
    supersede(); // now, not when the debounced inspection starts: a late report would settle `pending` for this text
    source = input.value;
    say(note, '');
    converter.reset();
    expectReport();
    inspectSoon();
  });
  pass.addEventListener('input', () => {
    converter.clearResult();
    if (shown) showSummary(shown);
  });
  $('convert-form').addEventListener('submit', (event) => event.preventDefault());

  const newFile = () => {
    supersede();
    converter.reset();
    wipe(pass); // a new file: the old key's passphrase does not belong to it
  };
  const loadFile = keyFileLoader($('convert-file'), (f, loaded) => {
    newFile();
    input.value = f.text ?? '';
    source = f.bytes;
    say(note, loaded);
    expectReport();
    inspect(f.name);
  }, (err) => {
    newFile();
    source = null;
    input.value = '';
    say(note, '');
    sayError(summary, err, { size: err.size, fileName: err.fileName });
    converter.setReport(null);
  });

  /** Forgets the key, its passphrase and every answer (the page is being left). */
  function clear() {
    supersede();
    source = null;
    reportSettled();
    wipe(input, pass);
    say(note, '');
  }
  addEventListener('pagehide', clear);

  return { loadFile, clear };
}
