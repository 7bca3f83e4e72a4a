// The Check tab: a pasted, chosen or dropped key in, a plain-language report out.
import { byId, copy, debounce, download, el, readKeyFile, say, stopwatch } from './ui.js';
import { FORMAT_NAMES, algorithmName } from './formats.js';
import { mountConverter } from './convert-ui.js';

const SEVERITY = { error: 'Problem', warning: 'Warning', info: 'Note' };
const NEEDS_PASSPHRASE = new Set(['passphrase-required', 'wrong-passphrase']);

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

/** Wires the Check tab found in `root` (a document or shadow root); `onReport(report)` sees each report shown. */
export function mountCheck(root, tools, { onReport } = {}) {
  const $ = byId(root);
  const input = $('check-input');
  const passRow = $('check-pass-row');
  const pass = $('check-pass');
  const status = $('check-status');
  const reportBox = $('check-report');
  const verdict = $('check-verdict');
  const compareInput = $('compare-input');
  const compareResult = $('compare-result');
  let source = null; // string | Uint8Array
  let report = null;
  let runs = 0; // only the newest check may render

  const converter = mountConverter(root, $('check-converter'), tools,
    () => (source === null ? null : { input: source, passphrase: passRow.hidden ? '' : pass.value }));

  /** A new key to check; a different key (a new file) forgets the passphrase, an edit of the same one keeps it. */
  function setSource(value, note = '', newKey = false) {
    source = value;
    $('check-file-note').textContent = note;
    if (newKey) {
      pass.value = '';
      passRow.hidden = true;
    }
  }

  async function check() {
    const run = ++runs;
    if (source === null || source.length === 0 || (typeof source === 'string' && !source.trim())) {
      reportBox.hidden = true;
      report = null;
      say(status, '');
      return;
    }
    say(status, '');
    const stop = stopwatch($('check-clock'), 'Checking…');
    const showStop = setTimeout(() => { $('check-cancel').hidden = false; }, 1000);
    try {
      const value = await tools.call('inspect', { input: source, passphrase: passRow.hidden ? '' : pass.value });
      if (run === runs) render(value);
    } catch (err) {
      if (run !== runs) return;
      reportBox.hidden = true;
      report = null;
      if (err.code === 'cancelled') say(status, 'Check stopped.', 'warn');
      else say(status, `Could not check this key: ${err.message}`, 'bad');
      if (NEEDS_PASSPHRASE.has(err.code)) showPassphrase();
    } finally {
      clearTimeout(showStop);
      stop();
      $('check-cancel').hidden = true;
    }
  }

  function showPassphrase() {
    const wasHidden = passRow.hidden;
    passRow.hidden = false;
    if (wasHidden) pass.focus();
  }

  function render(r) {
    report = r;
    // Shown before the verdict is written, so screen readers announce the live region's first message.
    reportBox.hidden = false;
    const problems = r.problems || [];
    const codes = new Set(problems.map((p) => p.code));
    const needPass = problems.some((p) => NEEDS_PASSPHRASE.has(p.code));
    const otherErrors = problems.some((p) => p.severity === 'error' && !NEEDS_PASSPHRASE.has(p.code));

    if (r.jiraReady) {
      say(verdict, `✓ Jira will accept this key.${r.encrypted ? ' Enter its passphrase in Jira too.' : ''}`, 'ok');
    } else if (needPass && !otherErrors) {
      say(verdict, codes.has('wrong-passphrase')
        ? 'That passphrase does not unlock this key. Try again to finish the check.'
        : 'This key has a passphrase: enter it to finish the check.', 'warn');
    } else {
      say(verdict, '✗ Jira will not accept this key as it is.', 'bad');
    }

    const list = $('check-problems');
    list.replaceChildren(...problems.map((p) => {
      const item = el('li', { className: p.severity }, el('strong', {}, `${SEVERITY[p.severity] || 'Note'}: `),
        p.message, p.fix ? el('span', { className: 'fix' }, p.fix) : null);
      item.dataset.code = p.code;
      return item;
    }));

    const repaired = $('check-use-repaired');
    repaired.hidden = !r.repairedText;

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
    say($('check-copy-status'), '');

    converter.setReport(r);
    $('check-converter').hidden = needPass || !r.kind;
    if (needPass) showPassphrase();
    else passRow.hidden = !r.encrypted;
    compare();
    onReport?.(r);
  }

  const compare = async () => {
    const text = compareInput.value.trim();
    if (!text) { say(compareResult, ''); return; }
    if (!report?.fingerprintSha256) {
      say(compareResult, 'Check a readable key above first (unlock it if it has a passphrase).', 'warn');
      return;
    }
    try {
      const other = await tools.call('inspect', { input: text });
      if (!other.fingerprintSha256) {
        say(compareResult, `keyfit cannot read this as a key${other.problems?.[0] ? ': ' + other.problems[0].message : '.'}`, 'bad');
      } else if (other.fingerprintSha256 === report.fingerprintSha256) {
        say(compareResult, `✓ Match: this public key belongs to the key above (${other.fingerprintSha256}).`, 'ok');
      } else {
        say(compareResult, `✗ No match: this is a different key (${other.fingerprintSha256}).`, 'bad');
      }
    } catch (err) {
      say(compareResult, `keyfit cannot read this as a key: ${err.message}`, 'bad');
    }
  };

  const checkSoon = debounce(check, 300);
  input.addEventListener('input', () => { setSource(input.value); checkSoon(); });
  compareInput.addEventListener('input', debounce(compare, 300));
  $('check-form').addEventListener('submit', (event) => { event.preventDefault(); check(); });
  $('check-cancel').addEventListener('click', () => tools.cancel());
  $('check-file').addEventListener('change', (event) => {
    if (event.target.files[0]) loadFile(event.target.files[0]);
    event.target.value = '';
  });
  $('check-use-repaired').addEventListener('click', () => {
    input.value = report.repairedText;
    setSource(report.repairedText, 'Now checking the repaired key.');
    check();
  });
  $('check-copy-public').addEventListener('click', () => copy($('check-public'), $('check-copy-status')));
  $('check-dl-public').addEventListener('click', () => download('id_rsa.pub', $('check-public').value));

  async function loadFile(file) {
    try {
      const f = await readKeyFile(file);
      input.value = f.text ?? '';
      setSource(f.bytes, `Loaded “${f.name}” (${f.bytes.length} bytes${f.text === null ? ', binary' : ''}).`, true);
      check();
    } catch (err) {
      say(status, err.message, 'bad');
    }
  }

  return { loadFile };
}
