// Every word the page and the widget show, in one place: the plain first line and fix for each of the engine's
// stable codes (explain, urlProblem), and every status, verdict and label the page writes (SAY). The engine's
// own message names parameters and limits and is written for API users; the page leads with its own words and
// keeps the engine's message as a detail (see problemNodes), never the engine's fix. Names of formats and key
// types are in formats.js.
import { INPUT_LIMIT, algorithmName, formatName, hostName, sizeText } from './formats.js';
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

/** How keyfit's "Make it Jira-ready" fixes a format problem, as far as the page knows the case. */
function convertFix(ctx, r) {
  if (ctx.repairFirst) return 'First click “Use the repaired key”; keyfit checks it again and then offers “Make it Jira-ready”.';
  if (ctx.locked) return 'Enter its passphrase first; keyfit then offers “Make it Jira-ready”, which keeps the passphrase.';
  if (ctx.makeReady === false) return 'Rewriting it as PKCS#1 would not be enough here: see the other problem listed.';
  return `${CONVERT}${r.encrypted ? ' and keeps its passphrase' : ''}.`;
}

/** "an Ed25519", "a DSA": the key type named in a sentence, from the report's algorithm. */
function aKey(r) {
  if (!r.algorithm) return null;
  const alg = algorithmName(r.algorithm);
  return `${/^(?:[AEIOU]|RSA|SSH)/i.test(alg) ? 'an' : 'a'} ${alg}`;
}

/**
 * The one table of the engine's codes in the page's words: code -> (ctx, report) -> {title, fix, next?}.
 */
const PROBLEMS = {
  'not-a-key': (ctx, r) => {
    if (ctx.size === 0) return { title: ctx.fileName ? `“${ctx.fileName}” is empty (0 bytes).` : 'There is nothing to check yet.', fix: 'Paste a private key, or choose the key file itself (usually id_rsa, in the .ssh folder).' };
    if (r.format === 'x509-certificate') return { title: 'This is a certificate, not an SSH key.', fix: 'Paste the private key file itself (usually id_rsa), not a certificate.' };
    if (r.format === 'pgp') return { title: 'This is a PGP (GnuPG) key, not an SSH key.', fix: NEW_RSA };
    return { title: 'keyfit found no key in this text.', fix: 'Paste the private key file itself: usually id_rsa, opened in a text editor, from -----BEGIN to -----END.' };
  },
  'truncated': () => ({ title: 'Part of the key is missing: the text is cut short.', fix: 'Copy the whole key again, including the -----BEGIN and -----END lines.' }),
  'corrupt': (ctx, r) => {
    if (openSshBodyUnderOtherHeader(ctx.text)) {
      return { title: 'The header says one format, but the text inside is an OpenSSH-format key: the header lines were changed.', fix: 'Click “Use the OpenSSH header” to put back -----BEGIN OPENSSH PRIVATE KEY-----; keyfit then offers to make it Jira-ready.' };
    }
    return { title: 'The key is damaged: its content does not read as a key.', fix: 'Use an intact copy of the file (a backup, or the original on the machine that made it), or generate a new key.' };
  },
  'passphrase-required': () => ({ title: 'This key is locked with a passphrase.', fix: 'Enter its passphrase: keyfit needs it to read the key. It stays in this tab.' }),
  'wrong-passphrase': () => ({ title: 'That passphrase does not unlock this key.', fix: 'Passphrases are case-sensitive: check Caps Lock and try again.' }),
  'public-key-not-private': (ctx, r) => {
    if (r.format === 'openssh-certificate') {
      return { title: 'This is an OpenSSH certificate (a -cert.pub file): a signed public key, not the private key Jira needs.', fix: 'Paste the private key it belongs to: the file of the same name without -cert.pub (for example id_rsa).' };
    }
    return { title: 'This is a public key; Jira needs the private key.', fix: 'Paste the private key (id_rsa, without .pub). The public key goes on your git host’s SSH keys page.' };
  },
  'not-rsa': (ctx, r) => {
    if (String(r.algorithm).startsWith('sk-')) {
      return { title: `This ${r.algorithm ? `${algorithmName(r.algorithm)} ` : ''}key lives on a hardware security key (FIDO): its private half never leaves the token, so Jira can never use it.`, fix: NEW_RSA };
    }
    return { title: `This is ${aKey(r) || 'a non-RSA'} key; Jira’s Git Integration needs an RSA key.`, fix: NEW_RSA };
  },
  'openssh-format': (ctx, r) => ({ title: 'This key is in OpenSSH format, which Jira does not read.', fix: convertFix(ctx, r) }),
  'pkcs8-format': (ctx, r) => ({ title: 'This key is in PKCS#8 format (BEGIN PRIVATE KEY), which Jira does not read.', fix: convertFix(ctx, r) }),
  'ppk-format': (ctx, r) => ({ title: 'This is a PuTTY .ppk file, which Jira does not read.', fix: convertFix(ctx, r) }),
  'sshcom-format': (ctx, r) => ({ title: 'This is an ssh.com (SECSH) key, which Jira does not read.', fix: convertFix(ctx, r) }),
  'unsupported-cipher': (ctx, r) => {
    if (r.format === 'pkcs1' && r.cipher) {
      return { title: `Jira cannot decrypt this key’s encryption (${r.cipher.toUpperCase()}).`, fix: 'Click “Make it Jira-ready”: keyfit encrypts it again with AES-128-CBC, with the same passphrase.' };
    }
    return { title: `keyfit cannot decrypt this key’s encryption${r.cipher ? ` (${r.cipher})` : ''}.`, fix: 'Open the key in the tool that made it and save it again with its default settings, then check it here.' };
  },
  'unsupported-algorithm': () => ({ title: 'keyfit does not read this type of key.', fix: NEW_RSA }),
  'kdf-too-costly': () => ({ title: 'This key’s passphrase protection is set so high that unlocking it could freeze the page.', fix: 'Save the key again with default settings in the tool that made it (for example ssh-keygen -p -f <key file>), then check it here.' }),
  'key-too-large': (ctx, r) => {
    if (ctx.size > INPUT_LIMIT) {
      return ctx.fileName
        ? { title: `“${ctx.fileName}” is ${sizeText(ctx.size)}: far more than a key file (a few KB).`, fix: 'Choose the key file itself (usually id_rsa in your .ssh folder), not an archive or another file.' }
        : { title: `This text is ${sizeText(ctx.size)}: far more than a key (a few KB), so keyfit did not read it.`, fix: 'Paste only the key, from its -----BEGIN line to its -----END line.' };
    }
    return { title: `This key is larger than keyfit reads${r.bits ? ` (${r.bits} bits)` : ''}: ${r.kind === 'public' || String(r.format).endsWith('-public') ? 'public keys of up to 16384 bits' : 'RSA private keys of up to 8192 bits'} are read.`, fix: 'Jira recommends 4096 bits: generate a new 4096-bit key on the Generate tab.' };
  },
  'inconsistent-key': () => ({ title: 'The key’s parts do not belong together: the file is damaged or was edited.', fix: 'Use an intact copy of the key, or generate a new one.' }),
  'key-too-small': (ctx, r) => ({ title: `This key is too small${r.bits ? ` (${r.bits} bits)` : ''}: Jira needs at least 2048 bits.`, fix: `${NEW_RSA} Replace the old public key on your git host too.` }),
  'mangled-paste': () => ({ title: 'The key text was damaged on its way here (by a chat tool, a web form or JSON, for example).', fix: 'Click “Use the repaired key”: keyfit puts the text back together; the key itself is unchanged.' }),
  travelled: () => ({ title: 'This key travelled through chat or email (or a web form), where others may have seen it.', fix: 'Once Jira works with it, replace it: generate a new key here and give Jira that one (Connect tab, “Replace the key of an existing integration”).' }),
  'repaired': () => ({ title: 'keyfit tidied the text (line ends, spaces or line length); the key is unchanged.', fix: 'Nothing to do.' }),
  'passphrase-protected': () => ({ title: 'The key has a passphrase. That is fine: Jira asks for it when you add the key.', fix: '' }),
  'cancelled': () => ({ title: 'Stopped.', fix: '' }),
  'worker-failed': () => ({ title: 'keyfit’s code could not finish this in this browser.', fix: 'Reload the page and try again; if it happens again, try another browser.' }),
};
PROBLEMS['file-too-large'] = PROBLEMS['key-too-large'];
PROBLEMS['engine-load-failed'] = PROBLEMS['worker-failed'];
PROBLEMS['not-available'] = PROBLEMS['worker-failed'];
PROBLEMS['internal'] = PROBLEMS['worker-failed'];

/**
 * {title, fix, next?} in plain words for a problem or error `code`. `ctx`: what the page knows of the case:
 * report (the engine's report, if any), size (bytes of the input), text (the input, if text), fileName,
 * makeReady (true when the page offers "Make it Jira-ready"), repairFirst (true when the key must be repaired
 * first), locked (true while the key waits for its passphrase).
 */
export function explain(code, ctx = {}) {
  const words = Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code] : () => ({ title: 'keyfit could not do that.', fix: '' });
  return words(ctx, ctx.report || {});
}

/** Severity as the page shows it: a key under 2048 bits is a problem for Jira, a locked key a step to take. */
export function shownSeverity(problem) {
  if (problem.code === 'passphrase-required') return 'step';
  return problem.severity;
}

export const SEVERITY_LABEL = { error: 'Problem', warning: 'Warning', info: 'Note', step: 'Next step' };

/**
 * The nodes that show a problem or an error: the plain first line, its fix, its next step, and the engine's own
 * message in a closed <details> (never the engine's fix: it is worded for API users).
 */
export function problemNodes({ title, fix, next }, engine = {}, label = null) {
  const detail = engine.message;
  return [
    label ? el('strong', {}, `${label}: `) : null,
    el('span', { className: 'title' }, title),
    fix ? el('span', { className: 'fix' }, fix) : null,
    next ? el('span', { className: 'fix' }, next) : null,
    detail && detail !== title ? el('details', {}, el('summary', {}, SAY.details), el('span', {}, detail)) : null,
  ].filter(Boolean);
}

/**
 * The first line for an engine that could not start (`err`, as a WorkerClient rejects), naming the cause where the
 * browser shows it: a Content-Security-Policy without 'wasm-unsafe-eval' (the engine's error says so), or one that
 * blocked the worker (`violations`: the page's `securitypolicyviolation` events). Else null (the tool's own message
 * stands).
 */
export function startupProblem(err, violations = []) {
  const text = `${err?.message ?? ''}`;
  if (/Content[ -]Security[ -]Policy|wasm-unsafe-eval|'unsafe-eval'/i.test(text) || violations.some((v) => v.blockedURI === 'wasm-eval')) {
    return 'keyfit cannot run here: this page\'s Content-Security-Policy does not allow WebAssembly. '
      + 'Add \'wasm-unsafe-eval\' to its script-src (in the policy sent with the page and with keyfit\'s worker.js).';
  }
  const blocked = violations[0];
  if (blocked) {
    const directive = blocked.effectiveDirective || blocked.violatedDirective;
    return `keyfit cannot run here: this page's Content-Security-Policy blocked its worker (${directive}). `
      + `Add 'self' to ${directive} (keyfit's files must be served from this site).`;
  }
  if (err?.code === 'worker-failed') {
    return 'keyfit cannot run here: its worker (worker.js) did not start. Check that the whole keyfit folder is served '
      + 'from this site next to keyfit-widget.js, and that the page\'s policy allows worker-src \'self\'.';
  }
  if (err?.code === 'engine-load-failed') {
    return 'keyfit cannot run here: its engine (the .wasm files in pkg/) did not load. Check that '
      + 'they are served next to keyfit-widget.js as application/wasm, and that the page\'s policy allows connect-src \'self\'.';
  }
  return null;
}

/** Shows an error in a status element: plain line, fix, and the engine's message as a detail. */
export function sayError(node, err, ctx = {}, prefix = '') {
  // An engine the page's Content-Security-Policy blocked: the cause and the directive to add, first.
  const blocked = /Content[ -]Security[ -]Policy|wasm-unsafe-eval/i.test(err.message ?? '') ? startupProblem(err) : null;
  const plain = blocked ? { title: blocked, fix: '' } : explain(err.code, ctx);
  node.replaceChildren(...problemNodes({ ...plain, title: (blocked ? '' : prefix) + plain.title },
    err.code === 'cancelled' ? {} : { message: err.message }));
  node.dataset.tone = err.code === 'cancelled' ? 'warn' : 'bad';
}

const COPY_SSH_URL = 'Copy the SSH clone URL from the repository’s Clone button, SSH tab.';
const USE_THIS_URL = 'Click “Use this URL”, or copy the SSH clone URL from the Clone button’s SSH tab.';
const USE_CLEANED_URL = 'Click “Use this URL”: keyfit puts in the URL alone, as Jira needs it.';

/** What the page adds about a suggested URL, by the host's kind (checkCloneUrl's `hostKind`). */
const GUESSED = {
  'bitbucket-server': '7999 is Bitbucket’s default SSH port: copy the real one from the repository’s Clone dialog (SSH).',
  gerrit: 'Replace USER with your user name on that server; 29418 is its default SSH port.',
  'azure-devops': 'Azure DevOps Server listens for SSH on port 22 by default: compare with the Clone dialog (SSH).',
  gitlab: 'A GitLab server of your own may use another SSH user or port: compare with the Clone button (SSH).',
};
GUESSED.gitblit = GUESSED.gerrit;

/** checkCloneUrl's codes in the page's words: code -> [first line, fix] (the engine's message is the detail). */
const URL_WORDS = {
  'password-in-url': ['The URL holds a password or token: whoever sees it can use it.', 'Remove it (Jira uses the key), and revoke that token or password on the git host.'],
  'dash-option': ['A user, host or path in this URL starts with a dash: Jira’s connection fails (and ssh on a terminal would read it as an option).', COPY_SSH_URL],
  'git-clone-prefix': ['This is a whole git clone command: Jira would read “git clone” as part of the user name.', USE_CLEANED_URL],
  quotes: ['The URL is inside quotes or brackets: Jira would keep them in the user name and path.', USE_CLEANED_URL],
  'invisible-character': ['The URL carries an invisible character (a zero-width space, no-break space or direction mark): Jira would keep it.', USE_CLEANED_URL],
  whitespace: ['Blanks or line breaks around the URL.', USE_CLEANED_URL],
  'control-character': ['The URL holds a control or direction character that no clone URL has: keyfit did not read it.', 'Copy the SSH clone URL again from the repository’s Clone button, SSH tab, and paste it here.'],
  'scheme-case': ['Jira reads only lower-case schemes: with SSH:// in capitals it looks for a folder on its own disk.', USE_THIS_URL],
  'scheme-typo': ['The URL starts with ssh:/ or ssh// instead of ssh://: Jira reads it as another host or a folder.', USE_THIS_URL],
  'transport-form': ['This is git’s transport-helper form (word::…), which Jira does not use: it reads the word as a host.', COPY_SSH_URL],
  'ipv6-form': ['Jira reads an IPv6 address only as ssh://user@[address]/path with lower-case hex.', USE_THIS_URL],
  'scp-second-colon': ['A second colon in the short form: Jira reads everything after the first colon as the repository’s path.', USE_THIS_URL],
  'percent-escape': ['The URL holds %-escapes: Jira decodes them (git does not), or refuses a broken one.', USE_THIS_URL],
  empty: ['Nothing was pasted.', COPY_SSH_URL],
  'space-inside': ['The URL has a blank or a line break inside it.', 'Copy the URL again in one piece.'],
  'not-a-url': ['This is not a clone URL.', COPY_SSH_URL],
  'local-path': ['This is a path on your computer: Jira cannot reach it.', COPY_SSH_URL],
  'slash-after-host': ['A slash follows the host name: Jira reads this as a folder on its own disk, or takes the wrong host.', USE_THIS_URL],
  'missing-path': ['The URL names a server but no repository.', COPY_SSH_URL],
  'browser-url': ['This is the repository’s web page, not its clone URL.', USE_THIS_URL],
  'https-url': ['This is an HTTPS URL: Jira’s SSH integration needs the SSH clone URL.', USE_THIS_URL],
  'git-protocol': ['git:// addresses never use an SSH key.', USE_THIS_URL],
  'colon-in-ssh-url': ['In an ssh:// URL a colon after the host must be followed by a port.', USE_THIS_URL],
  'bad-port': ['The port is not a number from 1 to 65535.', 'Copy the port from the Clone dialog (SSH), or leave it out for 22.'],
  'scp-with-port': ['The short form host:path cannot carry a port.', USE_THIS_URL],
  'missing-user': ['The URL lacks the SSH user this host needs.', USE_THIS_URL],
  'wrong-user': ['This host takes SSH connections only for the user git.', USE_THIS_URL],
  'private-address': ['A private or local address: Jira Cloud cannot reach it.', 'Use the server’s public name. Jira Data Center in the same network can reach it.'],
  'url-too-long': ['This is far longer than a clone URL; keyfit did not check it.', COPY_SSH_URL],
};

/**
 * The warning a port in checkCloneUrl's suggestion `a` gets when that port is only the host's default (Gerrit's
 * and GitBlit's suggestions hold USER, which keeps them from "ready" until the user edits them anyway).
 */
export const guessedNote = (a) => (a?.suggestion && /:\d+\//.test(a.suggestion)
  && ['bitbucket-server', 'azure-devops'].includes(a.hostKind) ? GUESSED[a.hostKind] : null);

/**
 * Per host kind: [one repository, several repositories]. Git Integration for Jira uses one key pair for every
 * repository it connects, so the key must be where all of them accept it.
 */
export const REPOSITORIES = {
  github: ['a read-only deploy key.', 'a deploy key serves one repository only (a second one answers “Key is already in use”): add the key to a machine user’s account that has read access to them.'],
  gitlab: ['a read-only deploy key.', 'one deploy key can be enabled on many projects (each project’s Deploy keys, “Privately accessible deploy keys”).'],
  'bitbucket-cloud': ['a read-only access key.', 'add the same key as an access key on each repository.'],
  'bitbucket-server': ['a read-only repository access key.', 'a project access key covers every repository of the project; the same key can also be added to several repositories.'],
  'azure-devops': ['there are no deploy keys: SSH keys belong to a user.', 'add the key to a user (a service account) with read access to all of them.'],
  other: ['the key of a user with read access.', 'the key of a user with read access to all of them.'],
};

/** {title, fix, next} for one of checkCloneUrl's problem codes; `a` is its answer (hostKind, suggestion). */
export function urlProblem(code, a = {}) {
  const [title, fix] = URL_WORDS[code] || ['keyfit could not check this URL.', COPY_SSH_URL];
  return { title, fix, next: a.suggestion ? GUESSED[a.hostKind] : undefined };
}

/** The first line for each of matchKey's codes (the engine's message, which may add a reading error, is the detail). */
export const MATCH = {
  'same-key': 'Same key: what you pasted belongs to this key.',
  'different-key': 'Different keys: add this key’s public key on the git host, or give Jira the key the host has.',
  'case-mismatch': 'Different fingerprints (they differ in upper and lower case): copy it again exactly.',
  'other-is-private-key': 'That is a PRIVATE key: the git host needs only the public key.',
  'needs-passphrase': 'Enter the key’s passphrase in step 2 to compare it.',
  'wrong-passphrase': 'The passphrase does not unlock the key.',
  'key-empty': 'Paste your private key in step 2 first.',
  'other-unreadable': 'That is neither a public key nor a whole fingerprint.',
  'fingerprint-incomplete': 'The fingerprint is cut short: copy all of it.',
};

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

/** The rows of a report's "About this key": [label, value], empty values left out. */
export function reportFacts(r) {
  return [
    ['Format', formatName(r.format)],
    ['Key', r.kind && `${r.algorithm ? algorithmName(r.algorithm) + ' ' : ''}${r.kind} key`],
    ['Size', r.bits && `${r.bits} bits`],
    ['Passphrase', r.encrypted ? ['Yes', r.cipher, kdfName(r.kdf)].filter(Boolean).join(', ') : r.kind === 'private' ? 'None' : null],
    ['Comment', r.comment],
    ['Fingerprint (SHA256)', r.fingerprintSha256],
    ['Fingerprint (MD5)', r.fingerprintMd5],
    ['Repaired', r.repairs?.length ? r.repairs.join(', ').replaceAll('-', ' ') : null],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
}

/** Who made a generated key, by the engine the worker names. */
const ENGINES = { webcrypto: 'your browser’s own RSA code (WebCrypto)', rust: 'keyfit’s own code' };

/** What the file of each private target is encrypted with when it has a passphrase. */
const CIPHER_OF = { pkcs8: 'AES-256-CBC', openssh: 'aes256-ctr', ppk3: 'AES-256-CBC', ppk2: 'AES-256-CBC' };

/** The status line of a finished conversion to target `t`: the format, and whether and how it is encrypted. */
function converted(t, protection, cipher) {
  if (!t.private) return [`Converted to ${t.short}. Public keys have no passphrase.`, 'ok'];
  const c = cipher || CIPHER_OF[t.to];
  switch (protection) {
    case 'kept': return [`Converted to ${t.short}, still protected by the key’s passphrase (encrypted, ${c}).`, 'ok'];
    case 'new': return [`Converted to ${t.short}, protected by your new passphrase (encrypted, ${c}).`, 'ok'];
    case 'removed': return [`Converted to ${t.short} without a passphrase, as you chose: not encrypted, so anyone who gets this file can use the key.`, 'warn'];
    default: return [`Converted to ${t.short}, without a passphrase (not encrypted), as the key was.`, 'ok'];
  }
}

/** The page's own sentences: statuses, verdicts and labels, by what they say. */
export const SAY = {
  details: 'Details',
  converted,
  urlVerdict: (a, { warned, named, guessed }) => {
    const host = hostName(a) ? ` for ${hostName(a)}${a.host ? ` (${a.host})` : ''}` : '';
    if (!a.ok) return [`✗ Jira cannot connect with this URL as it is${host ? `; the host is${host.slice(4)}` : ''}.`, 'bad'];
    const once = named ? ' once USER is replaced by your user name on that server' : guessed ? ' once you have checked its port' : '';
    const mark = once ? '' : '✓ '; // not usable yet: no ✓
    return [`${mark}An SSH clone URL${host}: Jira can use it${once}${warned ? ', but see the warning below' : ''}.`,
      warned || named || guessed ? 'warn' : 'ok'];
  },
  urlCheckStopped: 'Check stopped. Press Enter in the field to check it again.',
  couldNotCheckUrl: 'Could not check this URL: ',
  hostIntro: (host) => (host ? `Add the public key on ${host}:` : 'Enter the Host URL in step 1: keyfit then says where that host takes the public key.'),
  oneRepository: 'One repository: ',
  severalRepositories: 'Several repositories: ',
  openPage: 'open that page',
  keyTypes: 'Key types it takes',
  shell: 'macOS, Linux, Git Bash (sh)',
  powershell: 'Windows PowerShell',
  cmd: 'Windows Command Prompt (cmd)',
  itsDocumentation: 'Its documentation',
  comparisonStopped: 'Comparison stopped.',
  pasteKeyInStep2: 'Paste your private key in step 2 first.',
  couldNotCompare: 'Could not compare: ',
  yourKey: (fp) => `Your key: ${fp}`,
  theHosts: (fp) => `The host’s: ${fp || 'as pasted'}`,
  urlNote: (why) => ({
    none: 'Enter a correct SSH clone URL in step 1.',
    user: '(replace USER with your user name in step 1)',
    suggested: '(suggested: click “Use this URL” in step 1 to check it)',
    port: '(check the port in step 1: it is the host’s default, not read from your server)',
  })[why],
  keyNote: 'Check the key in step 2, and make it Jira-ready there if it is not.',
  passphraseStep: (protection) => ({
    kept: 'Type the passphrase you entered in step 2.',
    new: 'Type the new passphrase you chose for the Jira-ready key.',
    removed: 'Leave it blank: the Jira-ready key has no passphrase.',
    none: 'Leave it blank: this key has no passphrase.',
  })[protection] ?? (protection ? 'Type the passphrase you entered in step 2.' : 'Known once the key is ready.'),
  /** A finished Connect step folded into one line on a phone: [its title, its outcome]. */
  stepDone: {
    url: (url) => ['✓ Host URL:', url],
    key: (protection) => ['✓ Private key:', `Jira-ready, ${{ kept: 'passphrase kept', new: 'new passphrase' }[protection] || 'no passphrase'}`],
    host: ['✓ Git host:', 'it has this key'],
  },
  connectSummary: ({ url, key, port }) => {
    const missing = [!url && (port ? 'a Host URL whose port you have checked (step 1)' : 'a correct Host URL (step 1)'),
      !key && 'a Jira-ready private key (step 2)'].filter(Boolean);
    return missing.length ? [`Not ready yet: ${missing.join(' and ')}.`, 'warn']
      : ['✓ Ready: fill in Jira’s form with these three, then click Add Integration.', 'ok'];
  },
  generating: (bits) => `Generating a ${bits}-bit RSA key…`,
  generatingClock: 'Generating…',
  generated: (bits, seconds) => `Done: a ${bits}-bit key pair in ${seconds.toFixed(1)} s.`,
  generatedMeta: (k, seconds) => `${k.bits}-bit RSA, made by ${ENGINES[k.engine] || k.engine} in ${seconds.toFixed(1)} s`
    + (k.passphrase ? ', protected by your passphrase (AES-128-CBC).' : ', without a passphrase.'),
  generationCancelled: 'Generation cancelled. Nothing was made.',
  couldNotGenerate: 'Could not generate the key: ',
  saving: 'Saving…',
  saveStopped: 'Save stopped. Nothing was written.',
  saved: (file, isPrivate, withPassphrase) => `Saved as ${file}${isPrivate ? (withPassphrase ? ', protected by your passphrase' : ', without a passphrase') : ''}.`,
  convertSummary: (what, passphrase) => ({
    plain: [`${what}, without a passphrase.`, 'ok'],
    locked: [`${what}. It is locked with a passphrase: enter it below to convert it.`, 'warn'],
    given: [`${what}, protected by a passphrase.`, 'ok'],
  })[passphrase],
  jiraFix: (encrypted) => 'Jira takes this key once it is written as PKCS#1 PEM (BEGIN RSA PRIVATE KEY). '
    + (encrypted ? 'keyfit does that here and keeps the key’s passphrase, unless you choose otherwise below.' : 'keyfit does that here.'),
  newPassphraseHint: (encrypted) => (encrypted
    ? 'Leave both empty to keep the key’s passphrase, or type a new one. Jira asks for the passphrase when you add the key.'
    : 'Leave both empty for a key without a passphrase, or type one to protect the key. Jira asks for it when you add the key.'),
  download: (file) => `Download ${file}`,
  pasteFirst: 'Paste a key first, or choose a key file.',
  checkStopped: 'Check stopped. Press Check to start it again.',
  couldNotCheck: 'Could not check this key: ',
  checking: 'Checking…',
  readyConverted: (protection) => `✓ Jira will accept the key keyfit wrote below (PKCS#1 PEM).${protection === 'kept' || protection === 'new' ? ' Enter its passphrase in Jira too.' : ''}`,
  wasWhy: (titles) => ` The key as you gave it was not: ${titles.join(' ')}`,
  broughtKey: 'The key from the tab you came from.',
  ready: (encrypted) => `✓ Jira will accept this key.${encrypted ? ' Enter its passphrase in Jira too.' : ''}`,
  wrongPassphrase: 'That passphrase does not unlock this key. Try again to finish the check.',
  needsPassphrase: 'This key has a passphrase: enter it to finish the check.',
  notReady: (next) => `✗ Jira will not accept this key as it is.${{ fix: ' keyfit can fix it: see just below.', repair: ' keyfit can repair it: see just below.' }[next] || ''}`,
  why: (titles) => ` Why: ${titles.join(' ')}`,
  passphraseChanged: 'Press Enter or “Unlock and check” to check the key with this passphrase.',
  checkingRepaired: 'Now checking the repaired key.',
  checkingWithHeader: 'Now checking the key with the OpenSSH header.',
  compareFirst: 'Check a readable key above first (unlock it if it has a passphrase).',
  compareUnreadable: (why) => `keyfit cannot read this as a key${why ? `: ${why}` : '.'}`,
  compareUnreadablePrefix: 'keyfit cannot read this as a key: ',
  compareMatch: (fp) => `✓ Match: this public key belongs to the key above (${fp}).`,
  compareNoMatch: (fp) => `✗ No match: this is a different key (${fp}).`,
  pasteKeyFirst: 'Paste or choose a key first.',
  converting: 'Converting…',
  conversionStopped: 'Conversion stopped. Nothing was written.',
  couldNotConvert: 'Could not convert: ',
  passphrasesDiffer: 'The two new passphrases differ.',
  enterPassphraseFirst: 'This key has a passphrase: enter it first; keyfit needs it to read the key, and keeps it.',
  checkedAgain: (line) => `${line} Checked again: Jira will accept this key.`,
};
