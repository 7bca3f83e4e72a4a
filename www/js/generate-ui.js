// The Generate tab: options in, key pair out. Generation and "Save as" are each a job of their own JobSlot,
// on their own workers, so each Cancel or Stop ends only its own job.
import { byId, copy, download, invalid, say, wipe } from './ui.js';
import { TARGETS, fileName, target } from './formats.js';
import { JobSlot } from './job.js';
import { SAY, sayError } from './messages.js';

/** Shows a generated key pair. */
function showKey($, k, seconds) {
  $('gen-private').value = k.privateKey;
  $('gen-public').value = k.publicKey;
  $('gen-fp-sha256').textContent = k.fingerprintSha256;
  $('gen-fp-md5').textContent = k.fingerprintMd5;
  // For the benchmark: the part of the time the browser's WebCrypto itself took (no key material).
  $('gen-meta').dataset.webcryptoMs = k.webcryptoMs ?? '';
  $('gen-meta').textContent = SAY.generatedMeta(k, seconds);
  $('gen-step-pass').hidden = !k.passphrase;
  say($('gen-copy-status'), '');
  $('gen-result').hidden = false;
}

/** "Save the private key in another format": the key converted in the Save as job, then downloaded. */
function wireSaveAs($, saveJob, keyNow) {
  const saveAs = $('gen-saveas');
  const copyStatus = $('gen-copy-status');
  for (const t of TARGETS) {
    if (t.to !== 'pkcs1' && t.to !== 'openssh-public') saveAs.append(new Option(t.label, t.to));
  }
  const saveLabel = () => { $('gen-saveas-go').textContent = SAY.download(fileName(saveAs.value, 'rsa')); };
  saveAs.addEventListener('change', () => { saveLabel(); say(copyStatus, ''); });
  saveLabel();
  $('gen-saveas-go').addEventListener('click', async () => {
    const t = target(saveAs.value);
    const key = keyNow();
    say(copyStatus, '');
    const options = {
      input: key.privateKey,
      passphrase: key.passphrase || undefined,
      to: t.to,
      newPassphrase: t.private ? key.passphrase : undefined,
      comment: key.comment || undefined,
    };
    try {
      const got = await saveJob.run((tools) => tools.call('convertKey', options), SAY.saving);
      if (!got) return;
      download(fileName(t.to, 'rsa'), got.value);
      say(copyStatus, SAY.saved(fileName(t.to, 'rsa'), t.private, Boolean(key.passphrase)), 'ok');
    } catch (err) {
      sayError(copyStatus, err, {}, SAY.couldNotConvert);
    }
  });
}

/**
 * Wires the Generate tab found in `root` (a document or shadow root). `generator` makes keys; `tools` is the
 * WorkerClient of "Save as", so its Stop ends only that job. `options.onNext({text, passphrase})`, if given, is
 * "Next: connect to Jira" with the new private key.
 */
export function mountGenerate(root, generator, tools, options = {}) {
  const $ = byId(root);
  const [pass, pass2, status] = [$('gen-pass'), $('gen-pass2'), $('gen-status')];
  let key = null; // {privateKey, passphrase, comment, ...} of the last generated pair
  const genJob = new JobSlot(generator, {
    stop: $('gen-cancel'), clock: $('gen-clock'), holds: $('gen-go'), onStop: () => say(status, SAY.generationCancelled, 'warn'),
  });
  const saveJob = new JobSlot(tools, {
    stop: $('gen-saveas-stop'), clock: $('gen-saveas-clock'), focusAfter: $('gen-saveas-go'),
    onStop: () => say($('gen-copy-status'), SAY.saveStopped, 'warn'),
  });
  wireSaveAs($, saveJob, () => key);
  $('gen-copy-private').addEventListener('click', () => copy($('gen-private'), $('gen-copy-status'), { secret: true }));
  $('gen-copy-public').addEventListener('click', () => copy($('gen-public'), $('gen-copy-status')));
  $('gen-dl-private').addEventListener('click', () => download(fileName('pkcs1', 'rsa'), key.privateKey));
  $('gen-dl-public').addEventListener('click', () => download(fileName('openssh-public', 'rsa'), key.publicKey));
  $('gen-next').hidden = !options.onNext;
  $('gen-next').addEventListener('click', () => options.onNext({ text: key.privateKey, passphrase: key.passphrase }));

  const mismatch = () => {
    const bad = pass.value !== pass2.value;
    invalid(pass2, bad);
    $('gen-pass-error').hidden = !bad;
    return bad;
  };
  pass2.addEventListener('input', () => { if (pass2.getAttribute('aria-invalid')) mismatch(); });

  /** Forgets the key pair and the passphrases typed (a new key is on its way, or the page is being left). */
  function clearKey() {
    key = null;
    saveJob.abort();
    wipe($('gen-private'), $('gen-public'));
    say($('gen-copy-status'), '');
  }

  $('gen-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (mismatch()) { pass2.focus(); return; }
    const args = { bits: Number($('gen-bits').value), comment: $('gen-comment').value.trim(), passphrase: pass.value, engine: $('gen-engine').value };
    $('gen-result').hidden = true;
    clearKey();
    say(status, SAY.generating(args.bits));
    try {
      const got = await genJob.run((generator) => generator.call('generateKey', args), SAY.generatingClock);
      if (!got) return;
      key = { ...got.value, passphrase: args.passphrase, comment: args.comment };
      wipe(pass, pass2); // the key is made; its passphrase is no longer needed in the form
      const hadFocus = [$('gen-cancel'), $('gen-go')].includes(root.activeElement);
      showKey($, key, got.seconds);
      say(status, SAY.generated(got.value.bits, got.seconds), 'ok');
      if (hadFocus) $('gen-result-heading').focus();
    } catch (err) {
      sayError(status, err, {}, SAY.couldNotGenerate);
    }
  });

  addEventListener('pagehide', () => {
    genJob.abort();
    clearKey();
    wipe(pass, pass2);
    $('gen-result').hidden = true;
    say(status, '');
  });
  return { clear: clearKey };
}
