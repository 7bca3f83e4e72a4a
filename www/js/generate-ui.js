// The Generate tab: options in, key pair out, work done in its own worker so Cancel can stop it.
import { byId, copy, download, invalid, say, stopwatch } from './ui.js';
import { TARGETS, target } from './formats.js';

const ENGINES = { webcrypto: 'the browser’s WebCrypto', rust: 'keyfit’s Rust engine' };

/** Wires the Generate tab found in `root` (a document or shadow root). */
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
  saveAs.addEventListener('change', () => { $('gen-saveas-go').textContent = `Download ${target(saveAs.value).file}`; });

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
    go.disabled = true;
    cancel.hidden = false;
    result.hidden = true;
    key = null;
    say(status, `Generating a ${args.bits}-bit RSA key…`);
    const stop = stopwatch($('gen-clock'), 'Generating…');
    try {
      const value = await generator.call('generate', args);
      const seconds = stop();
      key = { ...value, passphrase: args.passphrase, comment: args.comment };
      show(key, seconds);
      say(status, `Done: a ${value.bits}-bit key pair in ${seconds.toFixed(1)} s.`, 'ok');
    } catch (err) {
      stop();
      if (err.code === 'cancelled') say(status, 'Generation cancelled. Nothing was made.', 'warn');
      else say(status, `Could not generate the key: ${err.message}`, 'bad');
    } finally {
      go.disabled = false;
      cancel.hidden = true;
    }
  });

  cancel.addEventListener('click', () => { generator.cancel(); go.focus(); });

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

  $('gen-copy-private').addEventListener('click', () => copy($('gen-private'), copyStatus));
  $('gen-copy-public').addEventListener('click', () => copy($('gen-public'), copyStatus));
  $('gen-dl-private').addEventListener('click', () => download('id_rsa', key.privateKey));
  $('gen-dl-public').addEventListener('click', () => download('id_rsa.pub', key.publicKey));

  $('gen-saveas-go').addEventListener('click', async () => {
    const t = target(saveAs.value);
    try {
      const text = await tools.call('convert', {
        input: key.privateKey,
        passphrase: key.passphrase || undefined,
        to: t.to,
        newPassphrase: t.private ? key.passphrase : undefined,
        comment: key.comment || undefined,
      });
      download(t.file, text);
      say(copyStatus, `Saved as ${t.file}.`, 'ok');
    } catch (err) {
      say(copyStatus, `Could not convert: ${err.message}`, 'bad');
    }
  });
}
