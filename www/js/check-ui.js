// The Check tab: the key-check panel (key-check.js), and under its report a comparison with a public key.
import { debounce, refuseHugeInput, say, wipe } from './ui.js';
import { INPUT_LIMIT } from './formats.js';
import { JobSlot } from './job.js';
import { mountKeyCheck } from './key-check.js';
import { SAY, explain, sayError } from './messages.js';

/** Says whether the public key `text` belongs to the key of `report`. */
async function comparePublicKey(job, report, text, result) {
  const got = await job.run((tools) => tools.call('inspectKey', { input: text }));
  if (!got) return;
  const other = got.value;
  if (!other.fingerprintSha256) {
    const first = other.problems?.[0];
    say(result, SAY.compareUnreadable(first && explain(first.code, { report: other }).title), 'bad');
  } else if (other.fingerprintSha256 === report.fingerprintSha256) {
    say(result, SAY.compareMatch(other.fingerprintSha256), 'ok');
  } else {
    say(result, SAY.compareNoMatch(other.fingerprintSha256), 'bad');
  }
}

/**
 * Wires the Check tab found in `root` (a document or shadow root). `tools` is the check's own WorkerClient;
 * the converter under the report and the public-key comparison get their own (`options.converterTools`,
 * `options.compareTools`; by default new instances of the same class), so each Stop ends only its own job.
 * `options.onReport(report)` sees each report shown (the widget's `keyfit-report` event).
 */
export function mountCheck(root, tools, options = {}) {
  const { compareTools = new tools.constructor(), onReport, onNext } = options;
  const $ = (id) => root.getElementById(id);
  const compareInput = $('compare-input');
  const result = $('compare-result');
  const job = new JobSlot(compareTools);
  let report = null;
  let converted = null; // the converter's result for the key on screen
  /** The key Jira will get, once there is one: the key as given if Jira takes it, else the converted one. */
  const jiraKey = () => (report?.jiraReady ? { text: checker.text, passphrase: checker.key?.passphrase }
    : converted?.jiraReady ? { text: converted.text, passphrase: converted.protection === 'kept' ? checker.key?.passphrase : '' } : null);
  const showNext = () => { $('check-next').hidden = !onNext || !jiraKey(); };

  async function compare() {
    job.abort();
    const text = compareInput.value.trim();
    if (!text) { say(result, ''); return; }
    if (!report?.fingerprintSha256) { say(result, SAY.compareFirst, 'warn'); return; }
    try {
      await comparePublicKey(job, report, text, result);
    } catch (err) {
      sayError(result, err, {}, SAY.compareUnreadablePrefix);
    }
  }

  const checker = mountKeyCheck(root, $('check-panel'), 'check', tools, {
    ...options,
    onConverted(result) { converted = result; showNext(); },
    onChange(r) {
      report = r;
      showNext();
      $('compare-box').hidden = !r;
      if (!r) { job.abort(); say(result, ''); return; }
      compare();
      onReport?.(r);
    },
  });
  $('check-next-go').addEventListener('click', () => onNext(jiraKey()));
  const compareSoon = debounce(compare, 300);
  refuseHugeInput(compareInput, INPUT_LIMIT, (size) => sayError(result, { code: 'key-too-large' }, { size }));
  compareInput.addEventListener('input', () => { job.abort(); compareSoon(); });
  addEventListener('pagehide', () => wipe(compareInput));

  return { loadFile: checker.loadFile, clear() { checker.clear(); wipe(compareInput); } };
}
