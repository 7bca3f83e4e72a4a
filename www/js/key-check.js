// The key-check panel, one markup (<template id="key-check-template">) mounted by the Check tab and by the
// Connect tab's step 2: a pasted, chosen or dropped key in, a plain-language report out, the converter under it.
// Every answer belongs to the input on screen: an edit hides the old report at once and aborts the check of an
// older input or passphrase (a JobSlot).
import {
  clonePanel, copy, debounce, download, el, keyFileLoader, refuseHugeInput, say, wipe,
} from './ui.js';
import { INPUT_LIMIT, byteSize, fileName } from './formats.js';
import { JobSlot } from './job.js';
import { mountConverter } from './converter.js';
import {
  SAY, SEVERITY_LABEL, explain, openSshBodyUnderOtherHeader, problemNodes, reportFacts, sayError, shownSeverity,
  withOpenSshHeader,
} from './messages.js';

const NEEDS_PASSPHRASE = new Set(['passphrase-required', 'wrong-passphrase']);
/** The KDFs (report.kdf.name) that only the engine's KDF part derives. */
const KDF_PART_NEEDED = /^(bcrypt-pbkdf|argon2|scrypt)/;
/** The note a repaired paste gets: the key travelled through chat or email, so it is best replaced. */
const TRAVELLED = { code: 'travelled', severity: 'info' };
const FORMAT_PROBLEMS = new Set(['openssh-format', 'pkcs8-format', 'ppk-format', 'sshcom-format']);

/** A heading of the panel at the level its page needs (the template's is an h3). */
function atLevel(heading, level) {
  if (heading.tagName === `H${level}`) return;
  heading.replaceWith(el(`h${level}`, { id: heading.id }, ...heading.childNodes));
}

/** What a report says, in the page's terms: its problems as shown, and which way out the panel offers. */
function readReport(r, { text, locked, makeReady, repairFirst, size, fileName: name }) {
  const problems = [...(r.problems || [])];
  const codes = new Set(problems.map((p) => p.code));
  // After a wrong passphrase, also the problems found while the key was locked (its format).
  if (codes.has('wrong-passphrase') && locked) {
    for (const p of locked) if (!NEEDS_PASSPHRASE.has(p.code) && !codes.has(p.code)) problems.push(p);
  }
  const needPass = problems.some((p) => NEEDS_PASSPHRASE.has(p.code));
  const ctx = { report: r, text, size, fileName: name, makeReady, repairFirst, locked: needPass };
  const shown = problems.map((p) => ({ p, severity: shownSeverity(p), plain: explain(p.code, ctx) }));
  return { problems, codes, needPass, shown, errors: shown.filter((s) => s.severity === 'error') };
}

/** The verdict line and its tone. */
function verdictOf(r, seen, { makeReady, repairFirst }) {
  if (r.jiraReady) return [SAY.ready(r.encrypted), 'ok'];
  if (seen.needPass && seen.errors.every((s) => FORMAT_PROBLEMS.has(s.p.code) || NEEDS_PASSPHRASE.has(s.p.code))) {
    return [seen.codes.has('wrong-passphrase') ? SAY.wrongPassphrase : SAY.needsPassphrase, 'warn'];
  }
  return [SAY.notReady(makeReady ? 'fix' : repairFirst ? 'repair' : ''), 'bad'];
}

/**
 * Writes the verdict: of the key as given, or, once the converter wrote a Jira-ready key (`converted`), of the key
 * Jira will get, the given key's problems staying below for the record.
 */
function renderVerdict($, r, seen, offers, converted) {
  const [line, tone] = converted?.jiraReady ? [SAY.readyConverted(converted.protection), 'ok'] : verdictOf(r, seen, offers);
  // Screen readers hear the reasons with the verdict; on screen they are the list below.
  const reasons = seen.errors.map((s) => s.plain.title);
  const why = reasons.length ? el('span', { className: 'visually-hidden' }, converted?.jiraReady ? SAY.wasWhy(reasons) : SAY.why(reasons)) : '';
  $('verdict').replaceChildren(line, why);
  $('verdict').dataset.tone = tone;
  $('history').hidden = !converted?.jiraReady || !seen.shown.length;
}

/** Writes a report into the panel's elements (`$`: name -> element). */
function renderReport($, r, seen, offers) {
  renderVerdict($, r, seen, offers, null);
  $('problems').replaceChildren(...seen.shown.map(({ p, severity, plain }) => {
    const item = el('li', { className: severity }, ...problemNodes(plain, p, SEVERITY_LABEL[severity] || 'Note'));
    item.dataset.code = p.code;
    return item;
  }));
  const repaired = $('use-repaired');
  repaired.hidden = !r.repairedText || offers.headerMismatch;
  repaired.classList.toggle('primary', !offers.makeReady);
  $('use-header').hidden = !offers.headerMismatch;
  $('repair-note').hidden = !(offers.repairFirst && seen.problems.some((p) => FORMAT_PROBLEMS.has(p.code)));
  $('facts').replaceChildren(...reportFacts(r).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
  $('public').value = r.publicKey || '';
  $('public-box').hidden = !r.publicKey;
  $('dl-public').textContent = SAY.download(fileName('openssh-public', r.algorithm));
  say($('copy-status'), '');
  $('converter').hidden = seen.needPass || !r.kind;
}

/**
 * Mounts a key-check panel into `host` (inside `root`, a document or shadow root); its ids are `${prefix}-input`,
 * `${prefix}-pass`, `${prefix}-report`... `tools` is the check's own WorkerClient; the converter under the report
 * gets its own (`options.converterTools`), so each Stop ends only its own job. Options: onChange(report | null)
 * sees each report shown and each one forgotten; onConverted each conversion's result (see mountConverter);
 * level, the report heading's level (3); publicBoxIn, where the public key goes (default: under the report);
 * factsClosed, "About this key" starts closed; readingPart, the part to load at the first keystroke ('read', the
 * check part; 'keys' on a page that loads the key engine anyway, js/parts.js).
 */
export function mountKeyCheck(root, host, prefix, tools, options = {}) {
  const { converterTools = new tools.constructor(), level = 3 } = options;
  const $ = clonePanel(root, 'key-check-template', host, prefix);
  atLevel($('report-heading'), level);
  $('about').open = !options.factsClosed;
  options.publicBoxIn?.append($('public-box'));
  const state = {
    source: null, sourceName: null, report: null, locked: null, focusVerdict: false, shown: null, converted: null, travelled: false,
  };
  const passphrase = () => ($('pass-row').hidden ? '' : $('pass').value);
  const key = () => (state.source === null ? null : { input: state.source, passphrase: passphrase() });
  const converter = mountConverter(root, $('converter'), converterTools, key, (result) => {
    state.converted = result;
    if (state.shown) renderVerdict($, state.report, state.shown.seen, state.shown.offers, result);
    options.onConverted?.(result);
  });
  const job = new JobSlot(tools, {
    stop: $('cancel'), clock: $('clock'), focusAfter: $('input'), onStop: () => say($('status'), SAY.checkStopped, 'warn'),
  });
  // The check part starts loading at the first keystroke or paste, while the check waits for typing to pause.
  let warmed = false;
  const preload = (...parts) => tools.preload?.(...parts);
  const warmUp = () => { if (!warmed) warmed = Boolean(preload(options.readingPart ?? 'read')); };
  const panel = { $, state, job, converter, passphrase, warmUp, preload, onChange: options.onChange };
  wireKeyCheck(panel);
  addEventListener('pagehide', () => clearKeyCheck(panel));
  return {
    loadFile: panel.loadFile,
    clear: () => clearKeyCheck(panel),
    /** The report on screen (it belongs to the key and passphrase on screen), or null. */
    get report() { return state.report; },
    /** The key on screen (text, or a file's bytes) and the passphrase given for it. */
    get key() { return key(); },
    /** The key's text as on screen (a file's text). */
    get text() { return $('input').value; },
    /** Checks `text` (a key brought from another tab), unlocked with `passphrase` if it has one. */
    use(text, passphrase = '') {
      $('input').value = text;
      setSource(panel, text, { newKey: true, note: SAY.broughtKey });
      if (passphrase) { $('pass-row').hidden = false; $('pass').value = passphrase; }
      checkKey(panel);
    },
  };
}

/** Forgets the report on screen: it belonged to another input or passphrase. */
function forgetReport({ $, state, converter, onChange }) {
  state.report = null;
  state.shown = null;
  $('report').hidden = true;
  $('public-box').hidden = true;
  converter.reset();
  onChange?.(null);
}

/** A new key to check; a different key (a new file) forgets the passphrase, an edit of the same one keeps it. */
function setSource(panel, value, { note = '', newKey = false, name = null } = {}) {
  const { $, state } = panel;
  panel.job.abort();
  state.travelled = false;
  state.source = value;
  state.sourceName = name;
  $('file-note').textContent = note;
  forgetReport(panel);
  if (newKey) {
    wipe($('pass'));
    $('pass-row').hidden = true;
  }
}

function showPassphrase($) {
  const wasHidden = $('pass-row').hidden;
  $('pass-row').hidden = false;
  if (wasHidden) $('pass').focus();
}

/** Checks the key on screen; says why not when there is nothing to check or too much. */
async function checkKey(panel, { fromButton = false } = {}) {
  const { $, state, job } = panel;
  job.abort();
  forgetReport(panel);
  say($('status'), '');
  const { source, sourceName } = state;
  const size = source === null ? 0 : byteSize(source);
  if (source === null || size === 0 || (typeof source === 'string' && !source.trim())) {
    if (size === 0 && sourceName) sayError($('status'), { code: 'not-a-key' }, { size: 0, fileName: sourceName });
    else if (fromButton) { say($('status'), SAY.pasteFirst, 'warn'); $('input').focus(); }
    return;
  }
  if (size > INPUT_LIMIT) { // refused here: no copy to the worker, no work
    sayError($('status'), { code: 'key-too-large' }, { size, fileName: sourceName });
    return;
  }
  try {
    const got = await job.run((tools) => tools.call('inspectKey', { input: source, passphrase: panel.passphrase() }), SAY.checking);
    if (got) showReport(panel, got.value);
  } catch (err) {
    sayError($('status'), err, { size, fileName: sourceName }, SAY.couldNotCheck);
    if (NEEDS_PASSPHRASE.has(err.code)) showPassphrase($);
  }
}

function showReport(panel, r) {
  const { $, state, converter } = panel;
  const codes = new Set((r.problems || []).map((p) => p.code));
  if (codes.has('passphrase-required')) {
    state.locked = { source: state.source, problems: r.problems };
    // The key engine (the check part decrypts nothing) and its KDF's part load while the passphrase is typed
    // (PBKDF2 is mostly the browser's own).
    panel.preload('keys', ...(KDF_PART_NEEDED.test(r.kdf?.name ?? '') ? ['kdf'] : []));
  }
  const text = typeof state.source === 'string' ? state.source : null;
  const headerMismatch = codes.has('corrupt') && openSshBodyUnderOtherHeader(text);
  const repairFirst = Boolean(r.repairedText) && codes.has('mangled-paste') && !headerMismatch;
  converter.setReport(r, { repairFirst });
  const offers = { makeReady: converter.offersJiraFix, repairFirst, headerMismatch };
  const seen = readReport(state.travelled ? { ...r, problems: [...(r.problems || []), TRAVELLED] } : r, {
    ...offers, text, size: byteSize(state.source), fileName: state.sourceName,
    locked: state.locked?.source === state.source ? state.locked.problems : null,
  });
  state.report = r;
  state.shown = { seen, offers };
  $('report').hidden = false; // before the verdict is written, so screen readers announce its first message
  renderReport($, r, seen, offers);
  if (seen.needPass) showPassphrase($);
  else $('pass-row').hidden = !r.encrypted;
  if (state.focusVerdict) { state.focusVerdict = false; $('verdict').focus(); }
  panel.onChange?.(r);
}

/** The panel's events: typing, the passphrase, the buttons, a chosen file. */
function wireKeyCheck(panel) {
  const { $, state, job, converter, warmUp } = panel;
  const input = $('input');
  const checkSoon = debounce(() => checkKey(panel), 300);
  refuseHugeInput(input, INPUT_LIMIT, (size) => {
    job.abort();
    forgetReport(panel);
    sayError($('status'), { code: 'key-too-large' }, { size });
  });
  input.addEventListener('input', () => {
    setSource(panel, input.value); // aborts now, not when the debounced check starts: its answer is of older text
    say($('status'), '');
    warmUp();
    checkSoon();
  });
  $('pass').addEventListener('input', () => {
    // The report, a running check and any conversion belong to the passphrase they were made with.
    if (job.running || (state.report && !state.report.problems?.some((p) => NEEDS_PASSPHRASE.has(p.code)))) {
      job.abort();
      forgetReport(panel);
      say($('status'), SAY.passphraseChanged);
    } else {
      converter.reset();
    }
  });
  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    checkKey(panel, { fromButton: true });
  });
  const useText = (text, note) => {
    input.value = text;
    setSource(panel, text, { note });
    state.focusVerdict = true;
    checkKey(panel);
  };
  $('use-repaired').addEventListener('click', () => {
    useText(state.report.repairedText, SAY.checkingRepaired);
    state.travelled = true; // a paste mangled on its way: the key travelled through chat, email or a web form
  });
  $('use-header').addEventListener('click', () => useText(withOpenSshHeader(state.source), SAY.checkingWithHeader));
  $('copy-public').addEventListener('click', () => copy($('public'), $('copy-status')));
  $('dl-public').addEventListener('click', () => download(fileName('openssh-public', state.report?.algorithm), $('public').value));
  panel.loadFile = keyFileLoader($('file'), (f, loaded) => {
    input.value = f.text ?? '';
    setSource(panel, f.bytes, { note: loaded, newKey: true, name: f.name });
    checkKey(panel);
  }, (err, file) => {
    wipe(input);
    setSource(panel, null, { newKey: true, name: file.name });
    sayError($('status'), err, { size: err.size, fileName: err.fileName });
  });
}

/** Forgets the key, its passphrase and the report (the page is being left). */
function clearKeyCheck(panel) {
  setSource(panel, null, { newKey: true });
  wipe(panel.$('input'), panel.$('public'));
  say(panel.$('status'), '');
}
