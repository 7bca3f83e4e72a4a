// The Connect tab: Jira's SSH form top to bottom. 1. the Host URL, checked as typed; 2. the private key and its
// passphrase (the key-check panel); 3. the git host's side: the public key, where that host takes it, and a
// fingerprint comparison; 4. what goes into which Jira field. Every answer belongs to the input on screen (an
// edit aborts the job of the old one and forgets its answer), and every job has its own JobSlot and worker. On a
// phone, steps 1-3 fold into one line each once finished (connect-steps.js).
import { breakable, byId, copy, debounce, download, el, say, wipe } from './ui.js';
import { connectSteps } from './connect-steps.js';
import { hostName } from './formats.js';
import { JobSlot } from './job.js';
import { mountKeyCheck } from './key-check.js';
import { MATCH, REPOSITORIES, SAY, SEVERITY_LABEL, guessedNote, problemNodes, sayError, urlProblem } from './messages.js';

/** matchKey's codes for a key it can read only with (another) passphrase. */
const LOCKED = new Set(['needs-passphrase', 'wrong-passphrase']);

/** A fingerprint in a pasted `ssh-keygen -l` line or a host's page (SHA256:..., MD5:..., aa:bb:...). */
const FINGERPRINT = /(?:SHA256|MD5):\S+|(?:[0-9a-f]{2}:){15}[0-9a-f]{2}/i;

/** The placeholder checkCloneUrl's suggestions use for a user name only the user knows (Gerrit, GitBlit). */
const PLACEHOLDER = /\bUSER@/;

/** A link to a host's page: a plain link that opens a new tab and tells that page nothing; https only. */
const link = (href, text = href) => (/^https:\/\//.test(href || '')
  ? el('a', { href, rel: 'noreferrer noopener', target: '_blank' }, text) : el('span', {}, text));

/** The port "Use this URL" put in, while the user has not said it is right: its warning, else null. */
const pendingGuess = (state) => (state.guessed && !state.guessed.confirmed && state.guessed.url === state.answer?.text
  ? state.guessed : null);

/** Step 1's one line once Jira can use the URL as it is (the verdict's ✓ with no warning), else null. */
function urlLine(answer, guess) {
  if (!answer?.ok || guess || answer.problems.some((p) => p.severity === 'warning')) return null;
  const url = answer.cleaned || answer.text.trim();
  return PLACEHOLDER.test(url) ? null : SAY.stepDone.url(url);
}

/**
 * Writes checkCloneUrl's answer `a` (with `text`, the URL it is for) into step 1. `guess`: the guessed port's
 * warning (pendingGuess), kept until the user says the port is right or edits the URL.
 */
function showUrlAnswer($, a, guess) {
  const warned = a.problems.some((p) => p.severity === 'warning');
  const named = PLACEHOLDER.test(a.text);
  // Shown before the verdict is written, so screen readers announce the live region's first message...
  $('connect-url-answer').hidden = false;
  const [line, tone] = SAY.urlVerdict(a, { warned, named, guessed: Boolean(guess) });
  const shown = a.problems.map((p) => ({ p, plain: urlProblem(p.code, a) }));
  if (guess) shown.push({ p: { code: 'guessed-port', severity: 'warning' }, plain: { title: guess.note } });
  const errors = shown.filter(({ p }) => p.severity === 'error').map(({ plain }) => plain.title);
  // ...with the reasons, which are the list below on screen.
  $('connect-url-verdict').replaceChildren(line, errors.length ? el('span', { className: 'visually-hidden' }, SAY.why(errors)) : '');
  $('connect-url-verdict').dataset.tone = tone;
  $('connect-url-problems').replaceChildren(...shown.map(({ p, plain }) => {
    const item = el('li', { className: p.severity }, ...problemNodes(plain, p, SEVERITY_LABEL[p.severity] || 'Note'));
    item.dataset.code = p.code;
    return item;
  }));
  $('connect-url-confirm').hidden = !guess;
  const offer = Boolean(a.suggestion) && a.suggestion !== a.text.trim();
  $('connect-url-suggested').replaceChildren(...breakable(offer ? a.suggestion : ''));
  $('connect-url-suggestion').hidden = !offer;
}

/** Step 3: where the host named by the URL takes the public key, its key types and how to verify. */
function showGuide($, answer) {
  const g = answer?.host && answer.guide;
  $('connect-host-intro').textContent = SAY.hostIntro(g && (hostName(answer) || answer.host));
  $('connect-guide').hidden = !g;
  if (!g) return;
  // One key pair serves every repository Jira connects: what works for one repository and for several, per host.
  const [one, several] = REPOSITORIES[answer.hostKind] || REPOSITORIES.other;
  $('connect-guide-where').replaceChildren(
    el('li', {}, el('strong', {}, SAY.oneRepository), one, ' ', g.deployKeys || '', ' ', link(g.deployKeysUrl, SAY.openPage)),
    el('li', {}, el('strong', {}, SAY.severalRepositories), several, ' ', g.accountKeys || '', ' ', link(g.accountKeysUrl, SAY.openPage)),
  );
  const docName = (d) => { try { const u = new URL(d); return u.hostname + u.pathname.replace(/\/$/, ''); } catch { return d; } };
  const facts = [
    [SAY.keyTypes, [].concat(g.keyTypes || []).join(', ')],
    [SAY.itsDocumentation, (g.docs || []).length && el('span', {}, ...g.docs.flatMap((d, i) => [i ? ' · ' : '', link(d, docName(d))]))],
  ].filter(([, v]) => v);
  $('connect-guide-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

/** The work of a comparison: matchKey, and a pasted public key's own fingerprint to show beside the key's. */
async function matchWork(tools, signal, args, other) {
  const m = await tools.call('matchKey', args);
  if (signal.aborted) return m;
  const theirs = m.otherKind === 'public-key' && m.keyFingerprint
    ? (await tools.call('inspectKey', { input: other })).fingerprintSha256
    : m.otherKind.startsWith('fingerprint') ? other.match(FINGERPRINT)?.[0] || other : null;
  return { ...m, theirs };
}

function showMatch(result, m) {
  const mark = { true: '✓ ', false: '✗ ' }[m.match] || '';
  const words = MATCH[m.code] || m.message;
  const lines = [`${mark}${words}`];
  if (m.match !== null && m.keyFingerprint) {
    lines.push(el('span', { className: 'fix' }, SAY.yourKey(m.keyFingerprint)), el('span', { className: 'fix' }, SAY.theHosts(m.theirs)));
  }
  if (m.message && m.message !== words) lines.push(el('details', {}, el('summary', {}, SAY.details), el('span', {}, m.message)));
  result.replaceChildren(...lines);
  result.dataset.tone = m.match ? 'ok' : m.match === false || !LOCKED.has(m.code) ? 'bad' : 'warn';
}

/**
 * The commands that check the connection with id_rsa.pem, once that file exists (`keyFile`): checkCloneUrl's
 * {sh, powershell, cmd}, each restricting the key file first (an older engine's single sh line gets chmod here).
 */
function showVerify($, answer, keyFile) {
  const v = answer?.guide?.verify;
  const forms = typeof v === 'string' ? [[SAY.shell, `chmod 600 id_rsa.pem\n${v}`]]
    : v ? [[SAY.shell, v.sh], [SAY.powershell, v.powershell], [SAY.cmd, v.cmd !== v.powershell && v.cmd]] : [];
  const shown = forms.filter(([, text]) => text);
  $('connect-verify').hidden = !keyFile || !shown.length;
  $('connect-verify-commands').replaceChildren(...shown.flatMap(([k, text]) => [el('dt', {}, k), el('dd', {}, el('code', { className: 'command' }, text))]));
}

/** Step 4: what goes into Jira's three fields, and whether everything is ready. True if the key is the same. */
function summarize($, answer, ready, guess) {
  const shownUrl = answer?.ok ? answer.cleaned || answer.text.trim() : answer?.suggestion || '';
  const urlOk = Boolean(answer?.ok) && !PLACEHOLDER.test(shownUrl) && !guess;
  $('connect-sum-url').replaceChildren(...breakable(shownUrl));
  $('connect-sum-url-box').hidden = !shownUrl;
  $('connect-sum-url-note').textContent = urlOk ? ''
    : SAY.urlNote(!shownUrl ? 'none' : guess ? 'port' : answer.ok ? 'user' : 'suggested');
  $('connect-sum-key-note').textContent = ready ? '' : SAY.keyNote;
  $('connect-sum-key-box').hidden = !ready;
  const sumKey = $('connect-sum-key');
  const sameKey = sumKey.value === (ready?.text ?? '');
  if (!sameKey) {
    sumKey.value = ready?.text ?? '';
    say($('connect-sum-status'), '');
  }
  $('connect-sum-pass').textContent = SAY.passphraseStep(ready?.protection);
  const [line, tone] = SAY.connectSummary({ url: urlOk, key: Boolean(ready), port: Boolean(guess) });
  say($('connect-summary'), line, tone);
  return sameKey; // false: another key, whose file is not downloaded yet
}

/**
 * Wires the Connect tab found in `root` (a document or shadow root). `tools` is the URL check's WorkerClient; the
 * key check, its converter and the comparison get their own (`options.keyTools`, `converterTools`,
 * `compareTools`; by default new instances of the same class), so each Stop ends only its own job.
 * `options.onReport(report)` sees each key report shown (the widget's `keyfit-report` event).
 */
export function mountConnect(root, tools, options = {}) {
  const make = () => new tools.constructor();
  const { keyTools = make(), converterTools = make(), compareTools = make() } = options;
  const $ = byId(root);
  // checkCloneUrl's answer for the URL on screen; the converter's result; the port "Use this URL" guessed.
  const state = { answer: null, converted: null, guessed: null, keyFile: false };
  const steps = connectSteps(root);
  const url = wireUrl($, tools, state, () => update());
  const compare = wireCompare($, compareTools, () => key, () => update());
  const key = mountKeyCheck(root, $('connect-key-panel'), 'connect-key', keyTools, {
    converterTools,
    level: 4,
    factsClosed: true,
    publicBoxIn: $('connect-public-host'),
    readingPart: options.readingPart,
    onChange(report) {
      if (report) { compare.run(); options.onReport?.(report); } else compare.stop();
      update();
    },
    onConverted: (result) => { state.converted = result; update(); },
  });

  /** The Jira-ready private key: the key as given if Jira takes it, else the converter's re-checked PKCS#1. */
  function jiraKey() {
    const r = key.report;
    if (r?.jiraReady) return { text: key.text, protection: r.encrypted ? 'kept' : 'none' };
    return state.converted?.jiraReady ? state.converted : null;
  }
  function update() {
    const ready = jiraKey();
    const guess = pendingGuess(state);
    showGuide($, state.answer);
    if (!summarize($, state.answer, ready, guess)) state.keyFile = false;
    showVerify($, state.answer, state.keyFile);
    steps.url(urlLine(state.answer, guess));
    steps.key(ready && SAY.stepDone.key(ready.protection));
    steps.host(compare.same && SAY.stepDone.host);
  }

  $('connect-sum-url-copy').addEventListener('click', () => copy($('connect-sum-url'), $('connect-sum-status')));
  $('connect-sum-copy').addEventListener('click', () => copy($('connect-sum-key'), $('connect-sum-status'), { secret: true }));
  $('connect-sum-dl').addEventListener('click', () => {
    download('id_rsa.pem', $('connect-sum-key').value);
    state.keyFile = true;
    update();
  });
  update();

  /** Forgets every answer, the key and the URL, which may hold a token (the page is being left). */
  function clear() {
    key.clear();
    state.converted = null;
    wipe($('connect-url'), $('connect-compare'), $('connect-sum-key'));
    url.forget();
    compare.run();
  }
  addEventListener('pagehide', clear);
  return {
    loadFile: key.loadFile,
    clear,
    /** Checks a key brought from another tab (Generate, Check, Convert), with its passphrase if it has one. */
    useKey: (text, passphrase) => key.use(text, passphrase),
  };
}

/** Step 1: the Host URL, checked as typed (a JobSlot on `tools`); `changed()` after each answer or forgetting. */
function wireUrl($, tools, state, changed) {
  const input = $('connect-url');
  const job = new JobSlot(tools, {
    stop: $('connect-url-stop'), clock: $('connect-url-clock'), focusAfter: input,
    onStop: () => say($('connect-url-status'), SAY.urlCheckStopped, 'warn'),
  });
  function forget() {
    job.abort();
    state.answer = null;
    $('connect-url-answer').hidden = true;
    say($('connect-url-status'), '');
    changed();
  }
  async function check() {
    forget();
    const text = input.value;
    if (!text.trim()) return;
    try {
      const got = await job.run((t) => t.call('checkCloneUrl', { text }));
      if (!got) return;
      state.answer = { ...got.value, text };
      showUrlAnswer($, state.answer, pendingGuess(state));
      changed();
    } catch (err) {
      sayError($('connect-url-status'), err, {}, SAY.couldNotCheckUrl);
    }
  }
  const checkSoon = debounce(check, 200);
  input.addEventListener('input', () => { state.guessed = null; forget(); checkSoon(); });
  $('connect-url-form').addEventListener('submit', (event) => { event.preventDefault(); check(); });
  $('connect-url-confirm').addEventListener('click', () => {
    if (state.guessed) state.guessed.confirmed = true;
    showUrlAnswer($, state.answer, null);
    input.focus(); // the button goes with the warning it belonged to
    changed();
  });
  $('connect-url-use').addEventListener('click', () => {
    if (!state.answer?.suggestion) return;
    const note = guessedNote(state.answer);
    state.guessed = note ? { url: state.answer.suggestion, note, confirmed: false } : null;
    input.value = state.answer.suggestion;
    input.focus(); // the button goes with the answer it belonged to
    check();
  });
  return { forget };
}

/**
 * Step 3's comparison of the key of step 2 (`keyCheck()`) with what the host shows (a fingerprint or a public key);
 * `changed()` once it says the same key, and when that answer goes.
 */
function wireCompare($, tools, keyCheck, changed) {
  const input = $('connect-compare');
  const result = $('connect-compare-result');
  const job = new JobSlot(tools, {
    stop: $('connect-compare-stop'), clock: $('connect-compare-clock'), focusAfter: input,
    onStop: () => say(result, SAY.comparisonStopped, 'warn'),
  });
  let same = false;
  const sameKey = (yes) => {
    if (same === yes) return;
    same = yes;
    changed();
  };
  async function run() {
    job.abort();
    say(result, '');
    sameKey(false);
    const other = input.value.trim();
    const mine = keyCheck()?.key;
    if (!other) return;
    if (!mine) { say(result, SAY.pasteKeyInStep2, 'warn'); return; }
    // The public half, where the report has it, needs no passphrase and no key derivation.
    const publicKey = keyCheck().report?.publicKey;
    const args = publicKey ? { input: publicKey, other } : { ...mine, other };
    try {
      const got = await job.run((t, signal) => matchWork(t, signal, args, other));
      if (!got) return;
      showMatch(result, got.value);
      sameKey(got.value.match === true);
    } catch (err) {
      sayError(result, err, {}, SAY.couldNotCompare);
    }
  }
  const stop = () => { job.abort(); say(result, ''); sameKey(false); };
  const runSoon = debounce(run, 300);
  input.addEventListener('input', () => { stop(); runSoon(); });
  return { run, stop, get same() { return same; } };
}
