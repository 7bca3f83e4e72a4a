// Plain words for the engine's stable codes. The engine's own message names parameters and limits; the page
// leads with a first line a first-time user understands and a fix that fits the case, and keeps the engine's
// text as a detail (see problemNodes).
import { algorithmName, INPUT_LIMIT, sizeText } from './formats.js';
import { el } from './ui.js';

const NEW_RSA = 'Generate a new 4096-bit RSA key on the Generate tab, add its public key on your git host, and give Jira the private key.';
const CONVERT = 'Click “Make it Jira-ready” just below: keyfit rewrites it as BEGIN RSA PRIVATE KEY';

/** The base64 body of a PEM-like text (no header lines), or ''. */
function pemBody(text) {
  if (typeof text !== 'string') return '';
  const m = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)(?:-----END|$)/.exec(text);
  return m ? m[1].replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\\n|[\s"]/g, '') : '';
}

/** True for an OpenSSH-format body under another PEM header (a header edited by hand). */
export function openSshBodyUnderOtherHeader(text) {
  return typeof text === 'string' && !/BEGIN OPENSSH PRIVATE KEY/.test(text)
    && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) && pemBody(text).startsWith('b3BlbnNzaC1rZXktdjE');
}

/** The text with its PEM header and footer replaced by OpenSSH's. */
export function withOpenSshHeader(text) {
  return text.replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, '-----BEGIN OPENSSH PRIVATE KEY-----')
    .replace(/-----END [A-Z ]*PRIVATE KEY-----/, '-----END OPENSSH PRIVATE KEY-----');
}

/**
 * {title, fix} in plain words for a problem or error `code`. `ctx`: what the page knows of the case: report
 * (the engine's report, if any), size (bytes of the input), text (the input, if text), fileName, makeReady
 * (true when the page offers "Make it Jira-ready"), repairFirst (true when the key must be repaired first),
 * locked (true while the key waits for its passphrase).
 */
export function explain(code, ctx = {}) {
  const r = ctx.report || {};
  const alg = r.algorithm ? algorithmName(r.algorithm) : null;
  const convertFix = ctx.repairFirst
    ? 'First click “Use the repaired key”; keyfit checks it again and then offers “Make it Jira-ready”.'
    : ctx.locked ? 'Enter its passphrase first; keyfit then offers “Make it Jira-ready”, which keeps the passphrase.'
      : ctx.makeReady === false ? 'Rewriting it as PKCS#1 would not be enough here: see the other problem listed.'
        : `${CONVERT}${r.encrypted ? ' and keeps its passphrase' : ''}.`;
  switch (code) {
    case 'not-a-key':
      if (ctx.size === 0) return { title: ctx.fileName ? `“${ctx.fileName}” is empty (0 bytes).` : 'There is nothing to check yet.', fix: 'Paste a private key, or choose the key file itself (usually id_rsa, in the .ssh folder).' };
      if (r.format === 'x509-certificate') return { title: 'This is a certificate, not an SSH key.', fix: 'Paste the private key file itself (usually id_rsa), not a certificate.' };
      if (r.format === 'pgp') return { title: 'This is a PGP (GnuPG) key, not an SSH key.', fix: NEW_RSA };
      return { title: 'keyfit found no key in this text.', fix: 'Paste the private key file itself: usually id_rsa, opened in a text editor, from -----BEGIN to -----END.' };
    case 'truncated':
      return { title: 'Part of the key is missing: the text is cut short.', fix: 'Copy the whole key again, including the -----BEGIN and -----END lines.' };
    case 'corrupt':
      if (openSshBodyUnderOtherHeader(ctx.text)) {
        return { title: 'The header says one format, but the text inside is an OpenSSH-format key: the header lines were changed.', fix: 'Click “Use the OpenSSH header” to put back -----BEGIN OPENSSH PRIVATE KEY-----; keyfit then offers to make it Jira-ready.' };
      }
      return { title: 'The key is damaged: its content does not read as a key.', fix: 'Use an intact copy of the file (a backup, or the original on the machine that made it), or generate a new key.' };
    case 'passphrase-required':
      return { title: 'This key is locked with a passphrase.', fix: 'Enter its passphrase: keyfit needs it to read the key. It stays in this tab.' };
    case 'wrong-passphrase':
      return { title: 'That passphrase does not unlock this key.', fix: 'Passphrases are case-sensitive: check Caps Lock and try again.' };
    case 'public-key-not-private':
      if (r.format === 'openssh-certificate') {
        return { title: 'This is an OpenSSH certificate (a -cert.pub file): a signed public key, not the private key Jira needs.', fix: 'Paste the private key it belongs to: the file of the same name without -cert.pub (for example id_rsa).' };
      }
      return { title: 'This is a public key; Jira needs the private key.', fix: 'Paste the private key (id_rsa, without .pub). The public key goes on your git host’s SSH keys page.' };
    case 'not-rsa':
      if (String(r.algorithm).startsWith('sk-')) {
        return { title: 'This key lives on a hardware security key (FIDO): its private half never leaves the token, so Jira can never use it.', fix: NEW_RSA };
      }
      return { title: `This is ${alg ? `${/^(?:[AEIOU]|RSA|SSH)/i.test(alg) ? 'an' : 'a'} ${alg}` : 'a non-RSA'} key; Jira’s Git Integration needs an RSA key.`, fix: NEW_RSA };
    case 'openssh-format':
      return { title: 'This key is in OpenSSH format, which Jira does not read.', fix: convertFix };
    case 'pkcs8-format':
      return { title: 'This key is in PKCS#8 format (BEGIN PRIVATE KEY), which Jira does not read.', fix: convertFix };
    case 'ppk-format':
      return { title: 'This is a PuTTY .ppk file, which Jira does not read.', fix: convertFix };
    case 'sshcom-format':
      return { title: 'This is an ssh.com (SECSH) key, which Jira does not read.', fix: convertFix };
    case 'unsupported-cipher':
      if (r.format === 'pkcs1' && r.cipher) {
        return { title: `Jira cannot decrypt this key’s encryption (${r.cipher.toUpperCase()}).`, fix: 'Click “Make it Jira-ready”: keyfit encrypts it again with AES-128-CBC, with the same passphrase.' };
      }
      return { title: `keyfit cannot decrypt this key’s encryption${r.cipher ? ` (${r.cipher})` : ''}.`, fix: 'Open the key in the tool that made it and save it again with its default settings, then check it here.' };
    case 'unsupported-algorithm':
      return { title: 'keyfit does not read this type of key.', fix: NEW_RSA };
    case 'kdf-too-costly':
      return { title: 'This key’s passphrase protection is set so high that unlocking it could freeze the page.', fix: 'Save the key again with default settings in the tool that made it (for example ssh-keygen -p -f <key file>), then check it here.' };
    case 'key-too-large':
    case 'file-too-large':
      if (ctx.size > INPUT_LIMIT) {
        return ctx.fileName
          ? { title: `“${ctx.fileName}” is ${sizeText(ctx.size)}: far more than a key file (a few KB).`, fix: 'Choose the key file itself (usually id_rsa in your .ssh folder), not an archive or another file.' }
          : { title: `This text is ${sizeText(ctx.size)}: far more than a key (a few KB), so keyfit did not read it.`, fix: 'Paste only the key, from its -----BEGIN line to its -----END line.' };
      }
      return { title: `This key is larger than keyfit reads${r.bits ? ` (${r.bits} bits)` : ''}: ${r.kind === 'public' || String(r.format).endsWith('-public') ? 'public keys of up to 16384 bits' : 'RSA private keys of up to 8192 bits'} are read.`, fix: 'Jira recommends 4096 bits: generate a new 4096-bit key on the Generate tab.' };
    case 'inconsistent-key':
      return { title: 'The key’s parts do not belong together: the file is damaged or was edited.', fix: 'Use an intact copy of the key, or generate a new one.' };
    case 'key-too-small':
      return { title: `This key is too small${r.bits ? ` (${r.bits} bits)` : ''}: Jira needs at least 2048 bits.`, fix: `${NEW_RSA} Replace the old public key on your git host too.` };
    case 'mangled-paste':
      return { title: 'The key text was damaged on its way here (by a chat tool, a web form or JSON, for example).', fix: 'Click “Use the repaired key”: keyfit puts the text back together; the key itself is unchanged.' };
    case 'repaired':
      return { title: 'keyfit tidied the text (line ends, spaces or line length); the key is unchanged.', fix: 'Nothing to do.' };
    case 'passphrase-protected':
      return { title: 'The key has a passphrase. That is fine: Jira asks for it when you add the key.', fix: '' };
    case 'cancelled':
      return { title: 'Stopped.', fix: '' };
    case 'worker-failed':
    case 'engine-load-failed':
    case 'not-available':
    case 'internal':
      return { title: 'keyfit’s code could not finish this in this browser.', fix: 'Reload the page and try again; if it happens again, try another browser.' };
    default:
      return { title: 'keyfit could not do that.', fix: '' };
  }
}

/** Severity as the page shows it: a key under 2048 bits is a problem for Jira, a locked key a step to take. */
export function shownSeverity(problem) {
  if (problem.code === 'passphrase-required') return 'step';
  return problem.severity;
}

export const SEVERITY_LABEL = { error: 'Problem', warning: 'Warning', info: 'Note', step: 'Next step' };

/**
 * The nodes that show a problem or an error: the plain first line, its fix, and the engine's own words in a
 * closed <details>. `engine` is {message, fix} as the engine said it.
 */
export function problemNodes({ title, fix }, engine = {}, label = null) {
  const detail = [engine.message, engine.fix].filter(Boolean).join(' ');
  return [
    label ? el('strong', {}, `${label}: `) : null,
    el('span', { className: 'title' }, title),
    fix ? el('span', { className: 'fix' }, fix) : null,
    detail && detail !== title ? el('details', {}, el('summary', {}, 'Details'), el('span', {}, detail)) : null,
  ].filter(Boolean);
}

/** Shows an error in a status element: plain line, fix, and the engine's message as a detail. */
export function sayError(node, err, ctx = {}, prefix = '') {
  const plain = explain(err.code, ctx);
  node.replaceChildren(...problemNodes({ title: prefix + plain.title, fix: plain.fix },
    err.code === 'cancelled' ? {} : { message: err.message }));
  node.dataset.tone = err.code === 'cancelled' ? 'warn' : 'bad';
}
