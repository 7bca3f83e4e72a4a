// The Check tab: a pasted, chosen or dropped key in, a plain-language report out. Every answer belongs to the
// input on screen: an edit hides the old report at once, and a newer edit stops the check of an older one.
import {
  byId, copy, debounce, download, el, hideKeepingFocus, keyFileLoader, refuseHugeInput, say, stopwatch, wipe,
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
 * Wires the Check tab found in `root` (a document or shadow root). `tools` is the check's own WorkerClient;
 * the converter under the report and the public-key comparison get their own (`options.converterTools`,
 * `options.compareTools`; by default new instances of the same class), so each Stop ends only its own job.
 * `options.onReport(report)` sees each report shown (the widget's `keyfit-report` event).
 */
export function mountCheck(root, tools, options = {}) {
  const { converterTools = new tools.constructor(), compareTools = new tools.constructor(), onReport } = options;
  const $ = byId(root);
  const input = $('check-input');
  const passRow = $('check-pass-row');
  const pass = $('check-pass');
  const status = $('check-status');
  const reportBox = $('check-report');
  const verdict = $('check-verdict');
  const compareInput = $('compare-input');
  const compareResult = $('compare-result');
  const cancel = $('check-cancel');
  let source = null; // string | Uint8Array
  let sourceName = null; // the file's name, for messages
  let report = null;
  let locked = null; // {source, problems} of the last report that asked for the passphrase
  let runs = 0; // only the newest check may render
  let checking = false;
  let focusVerdict = false;

  const converter = mountConverter(root, $('check-converter'), converterTools,
    () => (source === null ? null : { input: source, passphrase: passRow.hidden ? '' : pass.value }));

  /** Forgets the report on screen: it belonged to another input or passphrase. */
  function forgetReport() {
    report = null;
    reportBox.hidden = true;
    converter.reset();
    say(compareResult, '');
  }

  /** A new key to check; a different key (a new file) forgets the passphrase, an edit of the same one keeps it. */
  function setSource(value, note = '', newKey = false, name = null) {
    source = value;
    sourceName = name;
    $('check-file-note').textContent = note;
    forgetReport();
    if (newKey) {
      wipe(pass);
      passRow.hidden = true;
    }
  }

  const isEmpty = () => source === null || source.length === 0 || (typeof source === 'string' && !source.trim());

  async function check({ fromButton = false } = {}) {
    const run = ++runs;
    if (checking) { checking = false; tools.cancel(); } // a newer input supersedes the running check
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
    const stop = stopwatch($('check-clock'), 'Checking…');
    const showStop = setTimeout(() => { cancel.hidden = false; }, 250);
    try {
      const value = await tools.call('inspect', { input: source, passphrase: passRow.hidden ? '' : pass.value });
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
    verdict.replaceChildren(line, reasons ? el('span', { className: 'visually-hidden' }, reasons) : null);
    verdict.dataset.tone = tone;

    $('check-problems').replaceChildren(...shown.map(({ p, severity, plain }) => {
      const item = el('li', { className: severity }, ...problemNodes(plain, p, SEVERITY_LABEL[severity] || 'Note'));
      item.dataset.code = p.code;
      return item;
    }));

    const repaired = $('check-use-repaired');
    repaired.hidden = !r.repairedText || headerMismatch;
    repaired.classList.toggle('primary', !makeReady);
    $('check-use-header').hidden = !headerMismatch;
    $('check-repair-note').hidden = !(repairFirst && problems.some((p) => FORMAT_PROBLEMS.has(p.code)));

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
    $('check-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));

    $('check-public').value = r.publicKey || '';
    $('check-public-box').hidden = !r.publicKey;
    $('check-dl-public').textContent = `Download ${fileName('openssh-public', r.algorithm)}`;
    say($('check-copy-status'), '');

    $('check-converter').hidden = needPass || !r.kind;
    if (needPass) showPassphrase();
    else passRow.hidden = !r.encrypted;
    if (focusVerdict) { focusVerdict = false; verdict.focus(); }
    compare();
    onReport?.(r);
  }

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

  const checkSoon = debounce(check, 300);
  refuseHugeInput(input, INPUT_LIMIT, (size) => {
    runs++;
    forgetReport();
    sayError(status, { code: 'key-too-large' }, { size });
  });
  refuseHugeInput(compareInput, INPUT_LIMIT, (size) => sayError(compareResult, { code: 'key-too-large' }, { size }));
  input.addEventListener('input', () => {
    setSource(input.value);
    say(status, '');
    checkSoon();
  });
  pass.addEventListener('input', () => {
    // The report and any conversion belong to the passphrase they were made with.
    if (report && !report.problems?.some((p) => NEEDS_PASSPHRASE.has(p.code))) {
      forgetReport();
      say(status, 'Press Enter or “Unlock and check” to check the key with this passphrase.');
    } else {
      converter.reset();
    }
  });
  compareInput.addEventListener('input', debounce(compare, 300));
  $('check-form').addEventListener('submit', (event) => {
    event.preventDefault();
    check({ fromButton: true });
  });
  cancel.addEventListener('click', () => {
    runs++;
    checking = false;
    tools.cancel();
    hideKeepingFocus(cancel, input);
    $('check-clock').textContent = '';
    say(status, 'Check stopped. Press Check to start it again.', 'warn');
  });
  const useText = (text, note) => {
    input.value = text;
    setSource(text, note);
    focusVerdict = true;
    check();
  };
  $('check-use-repaired').addEventListener('click', () => useText(report.repairedText, 'Now checking the repaired key.'));
  $('check-use-header').addEventListener('click', () => useText(withOpenSshHeader(source), 'Now checking the key with the OpenSSH header.'));
  $('check-copy-public').addEventListener('click', () => copy($('check-public'), $('check-copy-status')));
  $('check-dl-public').addEventListener('click', () => download(fileName('openssh-public', report?.algorithm), $('check-public').value));

  const loadFile = keyFileLoader($('check-file'), (f, loaded) => {
    runs++;
    input.value = f.text ?? '';
    setSource(f.bytes, loaded, true, f.name);
    check();
  }, (err, file) => {
    runs++;
    wipe(input);
    setSource(null, '', true, file.name);
    sayError(status, err, { size: err.size, fileName: err.fileName });
  });

  /** Forgets the key, its passphrase and the report (the page is being left). */
  function clear() {
    runs++;
    if (checking) { checking = false; tools.cancel(); }
    setSource(null, '', true);
    wipe(input, compareInput, $('check-public'));
    say(status, '');
  }
  addEventListener('pagehide', clear);

  return { loadFile, clear };
}
