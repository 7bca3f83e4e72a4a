// The Generate tab: options in, key pair out, work done in its own worker so Cancel can stop it.
import { byId, copy, download, hideKeepingFocus, invalid, say, stopwatch, wipe } from './ui.js';
import { TARGETS, fileName, target } from './formats.js';
import { sayError } from './messages.js';

const ENGINES = { webcrypto: 'your browser’s own RSA code (WebCrypto)', rust: 'keyfit’s own code' };

/**
 * Wires the Generate tab found in `root` (a document or shadow root). `generator` makes keys; `tools` is the
 * WorkerClient of "Save as", so its Stop ends only that job.
 */
export function mountGenerate(root, generator, tools) {
  const $ = byId(root);
  const form = $('gen-form');
  const pass = $('gen-pass');
  const pass2 = $('gen-pass2');
  const go = $('gen-go');
  const cancel = $('gen-cancel');
  const status = $('gen-status');
  const result = $('gen-result');
  const copyStatus = $('gen-copy-status');
  const saveAs = $('gen-saveas');
  let key = null; // {privateKey, passphrase, comment, ...} of the last generated pair

  for (const t of TARGETS) {
    if (t.to !== 'pkcs1' && t.to !== 'openssh-public') saveAs.append(new Option(t.label, t.to));
  }
  const saveGo = $('gen-saveas-go');
  const saveStop = $('gen-saveas-stop');
  const saveLabel = () => { saveGo.textContent = `Download ${fileName(saveAs.value, 'rsa')}`; };
  saveAs.addEventListener('change', () => { saveLabel(); say(copyStatus, ''); });
  saveLabel();

  const mismatch = () => {
    const bad = pass.value !== pass2.value;
    invalid(pass2, bad);
    $('gen-pass-error').hidden = !bad;
    return bad;
  };
  pass2.addEventListener('input', () => { if (pass2.getAttribute('aria-invalid')) mismatch(); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (mismatch()) { pass2.focus(); return; }
    const args = {
      bits: Number($('gen-bits').value),
      comment: $('gen-comment').value.trim(),
      passphrase: pass.value,
      engine: $('gen-engine').value,
    };
    const hadFocus = root.activeElement === go;
    go.disabled = true;
    cancel.hidden = false;
    if (hadFocus) cancel.focus(); // the disabled button would drop the focus to the page
    result.hidden = true;
    clearKey();
    say(status, `Generating a ${args.bits}-bit RSA key…`);
    const stop = stopwatch($('gen-clock'), 'Generating…');
    try {
      const value = await generator.call('generate', args);
      const seconds = stop();
      key = { ...value, passphrase: args.passphrase, comment: args.comment };
      wipe(pass, pass2); // the key is made; its passphrase is no longer needed in the form
      show(key, seconds);
      say(status, `Done: a ${value.bits}-bit key pair in ${seconds.toFixed(1)} s.`, 'ok');
      if (root.activeElement === cancel || root.activeElement === go) $('gen-result-heading').focus();
    } catch (err) {
      stop();
      if (err.code === 'cancelled') say(status, 'Generation cancelled. Nothing was made.', 'warn');
      else sayError(status, err, {}, 'Could not generate the key: ');
    } finally {
      go.disabled = false;
      hideKeepingFocus(cancel, go);
    }
  });

  cancel.addEventListener('click', () => generator.cancel());

  function show(k, seconds) {
    $('gen-private').value = k.privateKey;
    $('gen-public').value = k.publicKey;
    $('gen-fp-sha256').textContent = k.fingerprintSha256;
    $('gen-fp-md5').textContent = k.fingerprintMd5;
    // For the benchmark: the part of the time the browser's WebCrypto itself took (no key material).
    $('gen-meta').dataset.webcryptoMs = k.webcryptoMs ?? '';
    $('gen-meta').textContent = `${k.bits}-bit RSA, made by ${ENGINES[k.engine] || k.engine} in ${seconds.toFixed(1)} s`
      + (k.passphrase ? ', protected by your passphrase (AES-128-CBC).' : ', without a passphrase.');
    $('gen-step-pass').hidden = !k.passphrase;
    say(copyStatus, '');
    result.hidden = false;
  }

  $('gen-copy-private').addEventListener('click', () => copy($('gen-private'), copyStatus, { secret: true }));
  $('gen-copy-public').addEventListener('click', () => copy($('gen-public'), copyStatus));
  $('gen-dl-private').addEventListener('click', () => download(fileName('pkcs1', 'rsa'), key.privateKey));
  $('gen-dl-public').addEventListener('click', () => download(fileName('openssh-public', 'rsa'), key.publicKey));

  let saving = 0; // the running "Save as" job, 0 when none
  saveGo.addEventListener('click', async () => {
    const t = target(saveAs.value);
    const file = fileName(t.to, 'rsa');
    const mine = ++saving;
    saveStop.hidden = false;
    const stop = stopwatch($('gen-saveas-clock'), 'Saving…');
    say(copyStatus, '');
    try {
      const text = await tools.call('convert', {
        input: key.privateKey,
        passphrase: key.passphrase || undefined,
        to: t.to,
        newPassphrase: t.private ? key.passphrase : undefined,
        comment: key.comment || undefined,
      });
      if (mine !== saving) return;
      download(file, text);
      say(copyStatus, `Saved as ${file}${t.private ? (key.passphrase ? ', protected by your passphrase' : ', without a passphrase') : ''}.`, 'ok');
    } catch (err) {
      if (mine !== saving) return;
      if (err.code === 'cancelled') say(copyStatus, 'Save stopped. Nothing was written.', 'warn');
      else sayError(copyStatus, err, {}, 'Could not convert: ');
    } finally {
      stop();
      if (mine === saving) {
        saving = 0;
        hideKeepingFocus(saveStop, saveGo);
      }
    }
  });
  saveStop.addEventListener('click', () => {
    if (saving) tools.cancel();
  });

  /** Forgets the key pair and the passphrases typed (a new key is on its way, or the page is being left). */
  function clearKey() {
    key = null;
    if (saving) { saving = 0; tools.cancel(); hideKeepingFocus(saveStop, saveGo); }
    wipe($('gen-private'), $('gen-public'));
    say(copyStatus, '');
  }
  addEventListener('pagehide', () => {
    clearKey();
    wipe(pass, pass2);
    result.hidden = true;
    say(status, '');
  });

  return { clear: clearKey };
}
