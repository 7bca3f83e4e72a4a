// The Check tab: a pasted, chosen or dropped key in, a plain-language report out. Every answer belongs to the
// input on screen: an edit hides the old report at once, and a newer edit stops the check of an older one.
import {
  copy, debounce, download, el, hideKeepingFocus, keyFileLoader, refuseHugeInput, say, stopwatch, wipe,
} from './ui.js';
import { FORMAT_NAMES, INPUT_LIMIT, algorithmName, byteSize, fileName } from './formats.js';
import { mountConverter } from './convert-ui.js';
import {
  SEVERITY_LABEL, explain, openSshBodyUnderOtherHeader, problemNodes, sayError, shownSeverity, withOpenSshHeader,
} from './messages.js';

const NEEDS_PASSPHRASE = new Set(['passphrase-required', 'wrong-passphrase']);
const FORMAT_PROBLEMS = new Set(['openssh-format', 'pkcs8-format', 'ppk-format', 'sshcom-format']);

/** "bcrypt-pbkdf (16 rounds)", "argon2id (8192 KiB, 21 passes, 1 lane)"... from a report's kdf object. */
function kdfName(kdf) {
  if (!kdf?.name) return null;
  const p = [];
  if (kdf.rounds) p.push(`${kdf.rounds} rounds`);
  if (kdf.memoryKib) p.push(`${kdf.memoryKib} KiB`, `${kdf.passes} passes`, `${kdf.parallelism} lane${kdf.parallelism === 1 ? '' : 's'}`);
  if (kdf.iterations) p.push(`${kdf.prf ? kdf.prf + ', ' : ''}${kdf.iterations} iterations`);
  if (kdf.logN) p.push(`N = 2^${kdf.logN}, r = ${kdf.r}, p = ${kdf.p}`);
  return p.length ? `${kdf.name} (${p.join(', ')})` : kdf.name;
}

/**
 * Wires a key check whose elements have ids `${prefix}-input`, `${prefix}-pass`, `${prefix}-report`... in `root`
 * (a document or shadow root): the Check tab's, and the Connect tab's key step. `tools` is the check's own
 * WorkerClient; the converter under the report gets its own (`options.converterTools`), so each Stop ends only its
 * own job. `options.onChange(report | null)` sees each report shown and each one forgotten; `options.onConverted`
 * each conversion's result (see mountConverter).
 */
export function mountKeyCheck(root, prefix, tools, options = {}) {
  const { converterTools = new tools.constructor(), onChange, onConverted } = options;
  const $ = (id) => root.getElementById(`${prefix}-${id}`);
  const input = $('input');
  const passRow = $('pass-row');
  const pass = $('pass');
  const status = $('status');
  const reportBox = $('report');
  const verdict = $('verdict');
  const cancel = $('cancel');
  let source = null; // string | Uint8Array
  let sourceName = null; // the file's name, for messages
  let report = null;
  let locked = null; // {source, problems} of the last report that asked for the passphrase
  let runs = 0; // only the newest check may render
  let checking = false;
  let focusVerdict = false;

  const passphrase = () => (passRow.hidden ? '' : pass.value);
  const converter = mountConverter(root, $('converter'), converterTools,
    () => (source === null ? null : { input: source, passphrase: passphrase() }), onConverted);

  /** Forgets the report on screen: it belonged to another input or passphrase. */
  function forgetReport() {
    report = null;
    reportBox.hidden = true;
    converter.reset();
    onChange?.(null);
  }

  /** A new key to check; a different key (a new file) forgets the passphrase, an edit of the same one keeps it. */
  function setSource(value, note = '', newKey = false, name = null) {
    source = value;
    sourceName = name;
    $('file-note').textContent = note;
    forgetReport();
    if (newKey) {
      wipe(pass);
      passRow.hidden = true;
    }
  }

  const isEmpty = () => source === null || source.length === 0 || (typeof source === 'string' && !source.trim());

  /** Ends the running check, if any: its answer would belong to an older input or passphrase. */
  function supersede() {
    runs++;
    if (!checking) return;
    checking = false;
    tools.cancel();
    hideKeepingFocus(cancel, input);
  }

  async function check({ fromButton = false } = {}) {
    supersede();
    const run = runs;
    forgetReport();
    say(status, '');
    if (isEmpty()) {
      if (source !== null && source.length === 0 && sourceName) {
        sayError(status, { code: 'not-a-key' }, { size: 0, fileName: sourceName });
      } else if (fromButton) {
        say(status, 'Paste a key first, or choose a key file.', 'warn');
        input.focus();
      }
      return;
    }
    const size = byteSize(source);
    if (size > INPUT_LIMIT) { // refused here: no copy to the worker, no work
      sayError(status, { code: 'key-too-large' }, { size, fileName: sourceName });
      return;
    }
    checking = true;
    const stop = stopwatch($('clock'), 'Checking…');
    const showStop = setTimeout(() => { cancel.hidden = false; }, 250);
    try {
      const value = await tools.call('inspect', { input: source, passphrase: passphrase() });
      if (run === runs) render(value);
    } catch (err) {
      if (run !== runs) return;
      if (err.code === 'cancelled') say(status, 'Check stopped. Press Check to start it again.', 'warn');
      else sayError(status, err, { size, fileName: sourceName }, 'Could not check this key: ');
      if (NEEDS_PASSPHRASE.has(err.code)) showPassphrase();
    } finally {
      clearTimeout(showStop);
      stop();
      if (run === runs) {
        checking = false;
        hideKeepingFocus(cancel, input);
      }
    }
  }

  function showPassphrase() {
    const wasHidden = passRow.hidden;
    passRow.hidden = false;
    if (wasHidden) pass.focus();
  }

  /** The report's problems; after a wrong passphrase, also those found while the key was locked (its format). */
  function problemsOf(r) {
    const problems = [...(r.problems || [])];
    const codes = new Set(problems.map((p) => p.code));
    if (codes.has('passphrase-required')) locked = { source, problems };
    if (codes.has('wrong-passphrase') && locked?.source === source) {
      for (const p of locked.problems) if (!NEEDS_PASSPHRASE.has(p.code) && !codes.has(p.code)) problems.push(p);
    }
    return problems;
  }

  function render(r) {
    report = r;
    const problems = problemsOf(r);
    const codes = new Set(problems.map((p) => p.code));
    const needPass = problems.some((p) => NEEDS_PASSPHRASE.has(p.code));
    const text = typeof source === 'string' ? source : null;
    const headerMismatch = codes.has('corrupt') && openSshBodyUnderOtherHeader(text);
    const repairFirst = Boolean(r.repairedText) && codes.has('mangled-paste') && !headerMismatch;

    converter.setReport(r, { repairFirst });
    const makeReady = converter.offersJiraFix;
    const ctx = { report: r, text, size: byteSize(source), fileName: sourceName, makeReady, repairFirst, locked: needPass };
    const shown = problems.map((p) => ({ p, severity: shownSeverity(p), plain: explain(p.code, ctx) }));
    const errors = shown.filter((s) => s.severity === 'error');

    // Shown before the verdict is written, so screen readers announce the live region's first message.
    reportBox.hidden = false;
    let line;
    let tone;
    if (r.jiraReady) {
      [line, tone] = [`✓ Jira will accept this key.${r.encrypted ? ' Enter its passphrase in Jira too.' : ''}`, 'ok'];
    } else if (needPass && errors.every((s) => FORMAT_PROBLEMS.has(s.p.code) || NEEDS_PASSPHRASE.has(s.p.code))) {
      [line, tone] = [codes.has('wrong-passphrase')
        ? 'That passphrase does not unlock this key. Try again to finish the check.'
        : 'This key has a passphrase: enter it to finish the check.', 'warn'];
    } else {
      const next = makeReady ? ' keyfit can fix it: see just below.' : repairFirst ? ' keyfit can repair it: see just below.' : '';
      [line, tone] = [`✗ Jira will not accept this key as it is.${next}`, 'bad'];
    }
    // Screen readers hear the reasons with the verdict; on screen they are the list below.
    const reasons = errors.length ? ` Why: ${errors.map((s) => s.plain.title).join(' ')}` : '';
    verdict.replaceChildren(line, ...(reasons ? [el('span', { className: 'visually-hidden' }, reasons)] : []));
    verdict.dataset.tone = tone;

    $('problems').replaceChildren(...shown.map(({ p, severity, plain }) => {
      const item = el('li', { className: severity }, ...problemNodes(plain, p, SEVERITY_LABEL[severity] || 'Note'));
      item.dataset.code = p.code;
      return item;
    }));

    const repaired = $('use-repaired');
    repaired.hidden = !r.repairedText || headerMismatch;
    repaired.classList.toggle('primary', !makeReady);
    $('use-header').hidden = !headerMismatch;
    $('repair-note').hidden = !(repairFirst && problems.some((p) => FORMAT_PROBLEMS.has(p.code)));

    const facts = [
      ['Format', FORMAT_NAMES[r.format] || r.format],
      ['Key', r.kind && `${r.algorithm ? algorithmName(r.algorithm) + ' ' : ''}${r.kind} key`],
      ['Size', r.bits && `${r.bits} bits`],
      ['Passphrase', r.encrypted ? ['Yes', r.cipher, kdfName(r.kdf)].filter(Boolean).join(', ') : r.kind === 'private' ? 'None' : null],
      ['Comment', r.comment],
      ['Fingerprint (SHA256)', r.fingerprintSha256],
      ['Fingerprint (MD5)', r.fingerprintMd5],
      ['Repaired', r.repairs?.length ? r.repairs.join(', ').replaceAll('-', ' ') : null],
    ].filter(([, v]) => v !== null && v !== undefined && v !== '');
    $('facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));

    $('public').value = r.publicKey || '';
    $('public-box').hidden = !r.publicKey;
    $('dl-public').textContent = `Download ${fileName('openssh-public', r.algorithm)}`;
    say($('copy-status'), '');

    $('converter').hidden = needPass || !r.kind;
    if (needPass) showPassphrase();
    else passRow.hidden = !r.encrypted;
    if (focusVerdict) { focusVerdict = false; verdict.focus(); }
    onChange?.(r);
  }

  const checkSoon = debounce(check, 300);
  refuseHugeInput(input, INPUT_LIMIT, (size) => {
    supersede();
    forgetReport();
    sayError(status, { code: 'key-too-large' }, { size });
  });
  input.addEventListener('input', () => {
    supersede(); // not only when the debounced check starts: until then its answer would show beside this text
    setSource(input.value);
    say(status, '');
    checkSoon();
  });
  pass.addEventListener('input', () => {
    // The report, a running check and any conversion belong to the passphrase they were made with.
    if (checking || (report && !report.problems?.some((p) => NEEDS_PASSPHRASE.has(p.code)))) {
      supersede();
      forgetReport();
      say(status, 'Press Enter or “Unlock and check” to check the key with this passphrase.');
    } else {
      converter.reset();
    }
  });
  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    check({ fromButton: true });
  });
  cancel.addEventListener('click', () => {
    supersede();
    $('clock').textContent = '';
    say(status, 'Check stopped. Press Check to start it again.', 'warn');
  });
  const useText = (text, note) => {
    input.value = text;
    setSource(text, note);
    focusVerdict = true;
    check();
  };
  $('use-repaired').addEventListener('click', () => useText(report.repairedText, 'Now checking the repaired key.'));
  $('use-header').addEventListener('click', () => useText(withOpenSshHeader(source), 'Now checking the key with the OpenSSH header.'));
  $('copy-public').addEventListener('click', () => copy($('public'), $('copy-status')));
  $('dl-public').addEventListener('click', () => download(fileName('openssh-public', report?.algorithm), $('public').value));

  const loadFile = keyFileLoader($('file'), (f, loaded) => {
    supersede();
    input.value = f.text ?? '';
    setSource(f.bytes, loaded, true, f.name);
    check();
  }, (err, file) => {
    supersede();
    wipe(input);
    setSource(null, '', true, file.name);
    sayError(status, err, { size: err.size, fileName: err.fileName });
  });

  /** Forgets the key, its passphrase and the report (the page is being left). */
  function clear() {
    supersede();
    setSource(null, '', true);
    wipe(input, $('public'));
    say(status, '');
  }
  addEventListener('pagehide', clear);

  return {
    loadFile,
    clear,
    /** The report on screen (it belongs to the key and passphrase on screen), or null. */
    get report() { return report; },
    /** The key on screen (text, or a file's bytes) and the passphrase given for it. */
    get key() { return source === null ? null : { input: source, passphrase: passphrase() }; },
    /** The key's text as on screen (a file's text). */
    get text() { return input.value; },
  };
}

/**
 * Wires the Check tab found in `root` (a document or shadow root). `tools` is the check's own WorkerClient;
 * the converter under the report and the public-key comparison get their own (`options.converterTools`,
 * `options.compareTools`; by default new instances of the same class), so each Stop ends only its own job.
 * `options.onReport(report)` sees each report shown (the widget's `keyfit-report` event).
 */
export function mountCheck(root, tools, options = {}) {
  const { compareTools = new tools.constructor(), onReport } = options;
  const compareInput = root.getElementById('compare-input');
  const compareResult = root.getElementById('compare-result');
  let report = null;
  const checker = mountKeyCheck(root, 'check', tools, {
    ...options,
    onChange(r) {
      report = r;
      if (!r) { say(compareResult, ''); return; }
      compare();
      onReport?.(r);
    },
  });

  let comparing = false;
  const compare = async () => {
    const text = compareInput.value.trim();
    if (comparing) { comparing = false; compareTools.cancel(); }
    if (!text) { say(compareResult, ''); return; }
    if (!report?.fingerprintSha256) {
      say(compareResult, 'Check a readable key above first (unlock it if it has a passphrase).', 'warn');
      return;
    }
    const mine = report;
    comparing = true;
    try {
      const other = await compareTools.call('inspect', { input: text });
      if (mine !== report) return;
      if (!other.fingerprintSha256) {
        const first = other.problems?.[0];
        say(compareResult, `keyfit cannot read this as a key${first ? `: ${explain(first.code, { report: other }).title}` : '.'}`, 'bad');
      } else if (other.fingerprintSha256 === report.fingerprintSha256) {
        say(compareResult, `✓ Match: this public key belongs to the key above (${other.fingerprintSha256}).`, 'ok');
      } else {
        say(compareResult, `✗ No match: this is a different key (${other.fingerprintSha256}).`, 'bad');
      }
    } catch (err) {
      if (err.code !== 'cancelled' && mine === report) sayError(compareResult, err, {}, 'keyfit cannot read this as a key: ');
    } finally {
      if (mine === report) comparing = false;
    }
  };

  refuseHugeInput(compareInput, INPUT_LIMIT, (size) => sayError(compareResult, { code: 'key-too-large' }, { size }));
  compareInput.addEventListener('input', debounce(compare, 300));
  addEventListener('pagehide', () => wipe(compareInput));

  return { loadFile: checker.loadFile, clear() { checker.clear(); wipe(compareInput); } };
}
