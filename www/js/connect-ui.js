// The Connect tab: Jira's SSH form top to bottom. 1. the Host URL, checked as typed; 2. the private key and its
// passphrase (the Check tab's report and converter); 3. the git host's side: the public key, where that host takes
// it, and a fingerprint comparison; 4. what goes into which Jira field. Every answer belongs to the input on
// screen (an edit forgets the old answer at once), and every job runs on its own worker with its own Stop.
import { byId, copy, debounce, download, el, hideKeepingFocus, say, wipe } from './ui.js';
import { mountKeyCheck } from './check-ui.js';
import { SEVERITY_LABEL, problemNodes, sayError } from './messages.js';

/** matchKey's codes for a key it can read only with (another) passphrase. */
const LOCKED = new Set(['needs-passphrase', 'wrong-passphrase']);

/** A fingerprint in a pasted `ssh-keygen -l` line or a host's page (SHA256:..., MD5:..., aa:bb:...). */
const FINGERPRINT = /(?:SHA256|MD5):\S+|(?:[0-9a-f]{2}:){15}[0-9a-f]{2}/i;

/** The placeholder checkCloneUrl's suggestions use for a user name only the user knows (Gerrit, GitBlit). */
const PLACEHOLDER = /\bUSER@/;

/** What to type into Jira's Passphrase field, by how the Jira-ready key is protected. */
const PASSPHRASE_STEP = {
  kept: 'Type the passphrase you entered in step 2.',
  new: 'Type the new passphrase you chose for the Jira-ready key.',
  removed: 'Leave it blank: the Jira-ready key has no passphrase.',
  none: 'Leave it blank: this key has no passphrase.',
};

/**
 * One job at a time on `tools` (its own worker): run(work) calls work(tools) and resolves with {value}, or with
 * null once a newer run(), stop() or the Stop button made the answer stale. Stop shows after 250 ms; `stopped()`
 * says what Stop did.
 */
function stoppableJob(tools, stopButton, focusAfter, stopped) {
  let runs = 0;
  let busy = false;
  const stop = () => {
    runs++;
    if (!busy) return;
    busy = false;
    tools.cancel();
    hideKeepingFocus(stopButton, focusAfter);
  };
  stopButton.addEventListener('click', () => { stop(); stopped(); });
  return {
    stop,
    async run(work) {
      stop();
      const mine = runs;
      busy = true;
      const show = setTimeout(() => { stopButton.hidden = false; }, 250);
      try {
        const value = await work(tools);
        return mine === runs ? { value } : null;
      } catch (err) {
        if (mine !== runs || err.code === 'cancelled') return null;
        throw err;
      } finally {
        clearTimeout(show);
        if (mine === runs) { busy = false; hideKeepingFocus(stopButton, focusAfter); }
      }
    },
  };
}

/** A link to a host's page: a plain link that opens a new tab and tells that page nothing; https only. */
const link = (href, text = href) => (/^https:\/\//.test(href || '')
  ? el('a', { href, rel: 'noreferrer noopener', target: '_blank' }, text) : el('span', {}, text));

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
  const url = $('connect-url');
  const urlStatus = $('connect-url-status');
  const compareInput = $('connect-compare');
  const compareResult = $('connect-compare-result');
  const sumKey = $('connect-sum-key');
  let answer = null; // checkCloneUrl's answer for the URL on screen, with `text`: that URL
  let converted = null; // the converter's result for the key on screen

  // 1. Host URL

  const urlJob = stoppableJob(tools, $('connect-url-stop'), url,
    () => say(urlStatus, 'Check stopped. Press Enter in the field to check it again.', 'warn'));

  function forgetUrl() {
    urlJob.stop();
    answer = null;
    $('connect-url-answer').hidden = true;
    say(urlStatus, '');
    showGuide();
    summarize();
  }

  async function checkUrl() {
    forgetUrl();
    const text = url.value;
    if (!text.trim()) return;
    try {
      const got = await urlJob.run((t) => t.call('checkUrl', { text }));
      if (got && text === url.value) showUrl({ ...got.value, text });
    } catch (err) {
      if (text === url.value) sayError(urlStatus, err, {}, 'Could not check this URL: ');
    }
  }

  function showUrl(a) {
    answer = a;
    const warned = a.problems.some((p) => p.severity === 'warning');
    const named = PLACEHOLDER.test(a.text) ? ' once USER is replaced by your user name on that server' : '';
    const host = a.hostName ? ` for ${a.hostName}${a.host ? ` (${a.host})` : ''}` : '';
    // Shown before the verdict is written, so screen readers announce the live region's first message...
    $('connect-url-answer').hidden = false;
    const verdict = $('connect-url-verdict');
    say(verdict, a.ok
      ? `✓ An SSH clone URL${host}: Jira can use it${named}${warned ? ', but see the warning below' : ''}.`
      : `✗ Jira cannot connect with this URL as it is${host ? `; the host is${host.slice(4)}` : ''}.`,
    a.ok ? (warned || named ? 'warn' : 'ok') : 'bad');
    // ...with the reasons, which are the list below on screen.
    const errors = a.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    if (errors.length) verdict.append(el('span', { className: 'visually-hidden' }, ` Why: ${errors.join(' ')}`));
    $('connect-url-problems').replaceChildren(...a.problems.map((p) => {
      const item = el('li', { className: p.severity },
        ...problemNodes({ title: p.message, fix: p.fix }, {}, SEVERITY_LABEL[p.severity] || 'Note'));
      item.dataset.code = p.code;
      return item;
    }));
    const offer = Boolean(a.suggestion) && a.suggestion !== a.text.trim();
    $('connect-url-suggested').textContent = offer ? a.suggestion : '';
    $('connect-url-suggestion').hidden = !offer;
    showGuide();
    summarize();
  }

  const checkUrlSoon = debounce(checkUrl, 200);
  url.addEventListener('input', () => { forgetUrl(); checkUrlSoon(); });
  $('connect-url-form').addEventListener('submit', (event) => { event.preventDefault(); checkUrl(); });
  $('connect-url-use').addEventListener('click', () => {
    if (!answer?.suggestion) return;
    url.value = answer.suggestion;
    url.focus(); // the button goes with the answer it belonged to
    checkUrl();
  });

  // 2. Key and passphrase

  const key = mountKeyCheck(root, 'connect-key', keyTools, {
    converterTools,
    onChange(report) {
      if (report) { compare(); options.onReport?.(report); } else { compareJob.stop(); say(compareResult, ''); }
      summarize();
    },
    onConverted: (result) => { converted = result; summarize(); },
  });

  // 3. The git host

  /** Where the host named by the URL takes the public key, its key types and how to verify the connection. */
  function showGuide() {
    const g = answer?.host && answer.guide;
    const host = answer?.hostName || answer?.host || 'your git host';
    $('connect-host-intro').textContent = g
      ? `Add the public key on ${host}:`
      : 'Enter the Host URL in step 1: keyfit then says where that host takes the public key.';
    $('connect-guide').hidden = !g;
    if (!g) return;
    $('connect-guide-where').replaceChildren(...[
      g.deployKeys && el('li', {}, el('strong', {}, 'Recommended, read-only: the repository’s deploy keys. '),
        g.deployKeys, ' ', link(g.deployKeysUrl)),
      g.accountKeys && el('li', {}, el('strong', {}, 'Or your account’s SSH keys. '), g.accountKeys, ' ', link(g.accountKeysUrl)),
    ].filter(Boolean));
    const facts = [
      ['Key types it takes', [].concat(g.keyTypes || []).join(', ')],
      ['Verify from a terminal', g.verify && el('code', {}, g.verify.sh)],
      ['Its documentation', (g.docs || []).length && el('span', {}, ...g.docs.flatMap((d, i) => [i ? ' · ' : '', link(d)]))],
    ].filter(([, v]) => v);
    $('connect-guide-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  const compareJob = stoppableJob(compareTools, $('connect-compare-stop'), compareInput,
    () => say(compareResult, 'Comparison stopped.', 'warn'));

  /** Compares the key of step 2 with what the host shows (a fingerprint or a public key). */
  async function compare() {
    compareJob.stop();
    say(compareResult, '');
    const other = compareInput.value.trim();
    const mine = key.key;
    if (!other) return;
    if (!mine) { say(compareResult, 'Paste your private key in step 2 first.', 'warn'); return; }
    // The public half, where the report has it, needs no passphrase and no key derivation.
    const publicKey = key.report?.publicKey;
    const args = publicKey ? { input: publicKey, other } : { ...mine, other };
    try {
      const got = await compareJob.run(async (t) => {
        const m = await t.call('match', args);
        // A pasted public key's own fingerprint, to show beside the key's (matchKey gives the key's only).
        const theirs = m.otherKind === 'public-key' && m.keyFingerprint ? (await t.call('inspect', { input: other })).fingerprintSha256
          : m.otherKind.startsWith('fingerprint') ? other.match(FINGERPRINT)?.[0] || other : null;
        return { ...m, theirs };
      });
      if (got) showMatch(got.value);
    } catch (err) {
      sayError(compareResult, err, {}, 'Could not compare: ');
    }
  }

  function showMatch(m) {
    const mark = { true: '✓ ', false: '✗ ' }[m.match] || '';
    const lines = [`${mark}${m.message}`];
    if (m.match !== null && m.keyFingerprint) {
      lines.push(el('span', { className: 'fix' }, `Your key: ${m.keyFingerprint}`),
        el('span', { className: 'fix' }, `The host’s: ${m.theirs || 'as pasted'}`));
    }
    compareResult.replaceChildren(...lines);
    compareResult.dataset.tone = m.match ? 'ok' : m.match === false || !LOCKED.has(m.code) ? 'bad' : 'warn';
  }

  const compareSoon = debounce(compare, 300);
  compareInput.addEventListener('input', () => { compareJob.stop(); say(compareResult, ''); compareSoon(); });

  // 4. In Jira

  /** The Jira-ready private key: the key as given if Jira takes it, else the converter's re-checked PKCS#1. */
  function jiraKey() {
    const r = key.report;
    if (r?.jiraReady) return { text: key.text, protection: r.encrypted ? 'kept' : 'none' };
    if (converted?.jiraReady) return converted;
    return null;
  }

  function summarize() {
    const ready = jiraKey();
    const shownUrl = answer?.ok ? answer.cleaned || answer.text.trim() : answer?.suggestion || '';
    const urlOk = Boolean(answer?.ok) && !PLACEHOLDER.test(shownUrl);
    $('connect-sum-url').textContent = shownUrl;
    $('connect-sum-url-note').textContent = urlOk ? ''
      : !shownUrl ? 'Enter a correct SSH clone URL in step 1.'
        : answer.ok ? '(replace USER with your user name in step 1)' : '(suggested: click “Use this URL” in step 1 to check it)';
    $('connect-sum-key-note').textContent = ready ? '' : 'Check the key in step 2, and make it Jira-ready there if it is not.';
    $('connect-sum-key-box').hidden = !ready;
    if (sumKey.value !== (ready?.text ?? '')) {
      sumKey.value = ready?.text ?? '';
      say($('connect-sum-status'), '');
    }
    $('connect-sum-pass').textContent = ready ? PASSPHRASE_STEP[ready.protection] || PASSPHRASE_STEP.kept
      : 'Known once the key is ready.';
    const missing = [!urlOk && 'a correct Host URL (step 1)', !ready && 'a Jira-ready private key (step 2)'].filter(Boolean);
    say($('connect-summary'), missing.length ? `Not ready yet: ${missing.join(' and ')}.`
      : '✓ Ready: fill in Jira’s form with these three, then click Add Integration.', missing.length ? 'warn' : 'ok');
  }

  $('connect-sum-copy').addEventListener('click', () => copy(sumKey, $('connect-sum-status'), { secret: true }));
  $('connect-sum-dl').addEventListener('click', () => download('id_rsa.pem', sumKey.value));
  summarize();

  /** Forgets every answer, the key and the URL, which may hold a token (the page is being left). */
  function clear() {
    key.clear();
    converted = null;
    wipe(url, compareInput, sumKey);
    forgetUrl();
    compare();
  }
  addEventListener('pagehide', clear);

  return { loadFile: key.loadFile, clear };
}
