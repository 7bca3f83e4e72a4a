// The one table of names: key formats, key types, conversion targets and their file names.

/** Plain-language names of the formats `inspectKey` reports. */
const FORMAT_NAMES = {
  pkcs1: 'PKCS#1 RSA private key, PEM (“BEGIN RSA PRIVATE KEY”): the format Jira takes',
  pkcs8: 'PKCS#8 private key, PEM (“BEGIN PRIVATE KEY”, OpenSSL 3 and ssh-keygen -m PKCS8)',
  openssh: 'OpenSSH private key (ssh-keygen’s default since 7.8)',
  ppk2: 'PuTTY private key, version 2 (.ppk)',
  ppk3: 'PuTTY private key, version 3 (.ppk, PuTTY 0.75 and later)',
  sshcom: 'SSH.com / Tectia private key (“BEGIN SSH2 ENCRYPTED PRIVATE KEY”)',
  'openssh-public': 'OpenSSH public key (one line: ssh-rsa AAAA…)',
  'rfc4716-public': 'SSH2 public key (RFC 4716, “BEGIN SSH2 PUBLIC KEY”)',
  'pkcs1-public': 'PKCS#1 RSA public key, PEM (“BEGIN RSA PUBLIC KEY”)',
  'spki-public': 'Public key, PEM (“BEGIN PUBLIC KEY”, X.509 SubjectPublicKeyInfo)',
  'openssh-certificate': 'OpenSSH certificate (a -cert.pub file): a signed public key',
  ssh1: 'SSH-1 private key (protocol 1, obsolete)',
  'x509-certificate': 'X.509 certificate (“BEGIN CERTIFICATE”), not a key',
  pgp: 'OpenPGP / GnuPG key, not an SSH key',
  unknown: 'Not a key format keyfit recognises',
};

/** The page's names of checkCloneUrl's host kinds (Atlassian now calls Bitbucket Server "Data Center"). */
const HOST_NAMES = {
  github: 'GitHub', gitlab: 'GitLab', 'bitbucket-cloud': 'Bitbucket Cloud', 'bitbucket-server': 'Bitbucket Data Center',
  'azure-devops': 'Azure DevOps', beanstalk: 'Beanstalk', gerrit: 'Gerrit', gitblit: 'GitBlit', gitolite: 'Gitolite',
};

/**
 * The name of the host a clone URL answer names: the page's, else the engine's ("your git server"); a kind the
 * engine only guessed (`hostGuessed`: a `gitlab.` prefix, port 7999...) is said to be a guess.
 */
export const hostName = (a) => {
  const name = HOST_NAMES[a?.hostKind];
  if (!name) return a?.hostName;
  return a.hostGuessed ? `what looks like a self-hosted ${name}` : name;
};

/** The plain name of a format code; unknown codes are shown as they are. */
export const formatName = (format) => FORMAT_NAMES[format] || format;

const ALGORITHMS = {
  rsa: 'RSA', dsa: 'DSA', ed25519: 'Ed25519', ed448: 'Ed448',
  'ecdsa-p256': 'ECDSA P-256', 'ecdsa-p384': 'ECDSA P-384', 'ecdsa-p521': 'ECDSA P-521',
  'sk-ed25519': 'Ed25519 (FIDO security key)', 'sk-ecdsa-p256': 'ECDSA P-256 (FIDO security key)',
  rsa1: 'SSH-1 RSA', other: 'non-standard SSH',
};

/** "RSA", "Ed25519"... for an algorithm code; unknown codes are shown as they are. */
export const algorithmName = (a) => ALGORITHMS[String(a).toLowerCase()] || String(a).toUpperCase();

/**
 * Every `convertKey` target. `suffix` follows the base name (id_rsa, id_ed25519...) so that each format has a
 * file name of its own; `short` is the name used in status lines.
 */
export const TARGETS = [
  { to: 'pkcs1', label: 'PKCS#1 PEM, for Jira', short: 'PKCS#1 PEM (BEGIN RSA PRIVATE KEY)', suffix: '.pem', private: true },
  { to: 'pkcs8', label: 'PKCS#8 PEM', short: 'PKCS#8 PEM (BEGIN PRIVATE KEY)', suffix: '.pkcs8.pem', private: true },
  { to: 'openssh', label: 'OpenSSH private key', short: 'OpenSSH format', suffix: '', private: true },
  { to: 'ppk3', label: 'PuTTY .ppk version 3', short: 'PuTTY .ppk version 3', suffix: '.ppk', private: true },
  { to: 'ppk2', label: 'PuTTY .ppk v2 (before 0.75)', short: 'PuTTY .ppk version 2', suffix: '-v2.ppk', private: true },
  { to: 'openssh-public', label: 'Public key: OpenSSH (git hosts)', short: 'an OpenSSH public key line', suffix: '.pub', private: false },
  { to: 'rfc4716-public', label: 'Public key: SSH2 (RFC 4716)', short: 'an SSH2 (RFC 4716) public key', suffix: '.rfc4716.pub', private: false },
  { to: 'pkcs1-public', label: 'Public key: PKCS#1 PEM', short: 'a PKCS#1 PEM public key', suffix: '.pkcs1.pub.pem', private: false },
  { to: 'spki-public', label: 'Public key: BEGIN PUBLIC KEY', short: 'a PEM public key (BEGIN PUBLIC KEY)', suffix: '.pub.pem', private: false },
];

export const target = (to) => TARGETS.find((t) => t.to === to);

/** ssh-keygen's base file name for a key type: id_rsa, id_ed25519, id_ecdsa, id_dsa (id_key when unknown). */
export function baseName(algorithm) {
  const a = String(algorithm || '').toLowerCase();
  if (a.startsWith('ecdsa')) return 'id_ecdsa';
  return { rsa: 'id_rsa', ed25519: 'id_ed25519', dsa: 'id_dsa', ed448: 'id_ed448' }[a] || 'id_key';
}

/** The download name of a key of `algorithm` written as target `to`: id_rsa.pem, id_ed25519.pub, id_rsa-v2.ppk... */
export const fileName = (to, algorithm) => baseName(algorithm) + target(to).suffix;

/** The key type named inside a converted text, where the format names it (public lines, .ppk files). */
export function algorithmInText(text) {
  const m = /(?:^|\s|: )(ssh-rsa|ssh-ed25519|ssh-dss|ecdsa-sha2-nistp(?:256|384|521))\b/.exec(text.slice(0, 200));
  if (!m) return /^-----BEGIN RSA /.test(text) ? 'rsa' : null;
  return { 'ssh-rsa': 'rsa', 'ssh-ed25519': 'ed25519', 'ssh-dss': 'dsa' }[m[1]] || `ecdsa-p${m[1].slice(-3)}`;
}

/** Targets whose file can carry a comment. */
export const HAS_COMMENT = new Set(['openssh', 'ppk3', 'ppk2', 'openssh-public', 'rfc4716-public']);

/** The largest input keyfit reads (the engine's cap in src/limits.rs); the page refuses more before any work. */
export const INPUT_LIMIT = 1 << 20;

/** Size of a text or byte input in bytes (UTF-8 for text; for a text of more characters than the cap, its length). */
export function byteSize(input) {
  if (typeof input !== 'string') return input.length;
  return input.length > INPUT_LIMIT ? input.length : new Blob([input]).size;
}

/** "2.0 MB", "740 KB", "312 bytes". */
export function sizeText(bytes) {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 10_000) return `${Math.round(bytes / 1000)} KB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}
