// The Convert tab: a key in, a one-line summary of what it is, the converter (converter.js) under it.
import { byId, debounce, keyFileLoader, refuseHugeInput, say, wipe } from './ui.js';
import { INPUT_LIMIT, algorithmName, byteSize, formatName } from './formats.js';
import { JobSlot } from './job.js';
import { mountConverter } from './converter.js';
import { SAY, explain, problemNodes, sayError } from './messages.js';

/** Problems the summary leaves to the converter (it says what to do about them) rather than show as fatal. */
const NOT_FATAL = new Set(['passphrase-required', 'openssh-format', 'pkcs8-format', 'ppk-format', 'sshcom-format',
  'public-key-not-private', 'not-rsa', 'unsupported-cipher', 'mangled-paste']);

const isEmpty = (s) => s === null || s.length === 0 || (typeof s === 'string' && !s.trim());

/** The summary line of a key's report: its format and type, and whether its passphrase is still needed. */
function showSummary(summary, r, { text, passphrase }) {
  const fatal = (r.problems || []).find((p) => p.severity === 'error' && !NOT_FATAL.has(p.code));
  if (fatal) {
    summary.replaceChildren(...problemNodes(explain(fatal.code, { report: r, text }), fatal));
    summary.dataset.tone = 'bad';
    return;
  }
  const what = [formatName(r.format)];
  if (r.algorithm) what.push(`${algorithmName(r.algorithm)}${r.bits ? ` ${r.bits} bits` : ''}`);
  const [line, tone] = SAY.convertSummary(what.join(', '), !r.encrypted ? 'plain' : passphrase ? 'given' : 'locked');
  say(summary, line, tone);
}

/** Reads what the Convert tab's key is (without its passphrase: no key derivation, so quick) for its summary. */
async function inspectKey({ job, state, summary, summaryOf, forget, converter }, fileName) {
  forget();
  const size = isEmpty(state.source) ? 0 : byteSize(state.source);
  if (size === 0 || size > INPUT_LIMIT) {
    if (size > INPUT_LIMIT) sayError(summary, { code: 'key-too-large' }, { size, fileName });
    else if (fileName) say(summary, explain('not-a-key', { size: 0, fileName }).title, 'bad');
    converter.setReport(null);
    return;
  }
  try {
    const got = await job.run((t) => t.call('inspectKey', { input: state.source }));
    if (!got) return;
    converter.setReport(got.value);
    state.shown = got.value;
    summaryOf(got.value);
  } catch (err) {
    converter.setReport(null); // the previous key's report must not stay behind this input
    sayError(summary, err, { size });
  }
}

/**
 * Wires the Convert tab found in `root`: a key in, the converter under it. `tools` is the tab's own WorkerClient.
 * `options.onNext({text, passphrase})`, if given, is "Next: connect to Jira" with a Jira-ready conversion.
 */
export function mountConvert(root, tools, options = {}) {
  const $ = byId(root);
  const input = $('convert-input');
  const pass = $('convert-pass');
  const summary = $('convert-summary');
  const job = new JobSlot(tools);
  const state = { source: null, shown: null }; // the key on screen; the report the summary shows
  const summaryOf = (r) => showSummary(summary, r, { text: typeof state.source === 'string' ? state.source : null, passphrase: pass.value });

  const tab = { job, state, summary, summaryOf, forget: () => forget(), converter: null };
  const inspect = (fileName = null) => inspectKey(tab, fileName);
  const inspectSoon = debounce(inspect, 300);
  const converter = tab.converter = mountConverter(root, $('convert-converter'), new tools.constructor(), () => (
    isEmpty(state.source) || byteSize(state.source) > INPUT_LIMIT ? null
      : { input: state.source, passphrase: pass.value, pending: () => inspectSoon.now() ?? job.done }), (result) => {
    state.ready = result?.jiraReady ? { text: result.text, passphrase: result.protection === 'kept' ? pass.value : '' } : null;
    $('convert-next').hidden = !options.onNext || !state.ready;
  });
  $('convert-next-go').addEventListener('click', () => options.onNext(state.ready));

  /** Forgets the summary and aborts the running inspection, if any: they are of an older input. */
  function forget() {
    job.abort();
    state.shown = null;
    say(summary, '');
  }
  /** A new key: the converter forgets the old one's answers, and a new file its passphrase. */
  function newKey(source, { file = false, note = '' } = {}) {
    forget();
    converter.reset();
    if (file) wipe(pass);
    state.source = source;
    say($('convert-file-note'), note);
  }

  refuseHugeInput(input, INPUT_LIMIT, (size) => {
    forget();
    converter.reset();
    sayError(summary, { code: 'key-too-large' }, { size });
  });
  // The key engine starts loading at the first keystroke or paste, while the check waits for typing to pause.
  let warmed = false;
  input.addEventListener('input', () => {
    if (!warmed) warmed = Boolean(tools.preload?.('keys'));
    newKey(input.value);
    inspectSoon();
  });
  pass.addEventListener('input', () => {
    converter.clearResult();
    if (state.shown) summaryOf(state.shown);
  });
  $('convert-form').addEventListener('submit', (event) => event.preventDefault());
  const loadFile = keyFileLoader($('convert-file'), (f, loaded) => {
    input.value = f.text ?? '';
    newKey(f.bytes, { file: true, note: loaded });
    inspect(f.name);
  }, (err) => {
    input.value = '';
    newKey(null, { file: true });
    sayError(summary, err, { size: err.size, fileName: err.fileName });
    converter.setReport(null);
  });

  /** Forgets the key, its passphrase and every answer (the page is being left). */
  function clear() {
    newKey(null, { file: true });
    wipe(input);
  }
  addEventListener('pagehide', clear);
  return { loadFile, clear };
}
