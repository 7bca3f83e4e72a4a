// Names, file names and options for the key formats keyfit reads and writes.

/** Plain-language names of the formats `inspectKey` reports. */
export const FORMAT_NAMES = {
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
  'x509-certificate': 'X.509 certificate (“BEGIN CERTIFICATE”), not a key',
  pgp: 'OpenPGP / GnuPG key, not an SSH key',
  unknown: 'Not a key format keyfit recognises',
};

const ALGORITHMS = {
  rsa: 'RSA', dsa: 'DSA', ed25519: 'Ed25519', ed448: 'Ed448',
  'ecdsa-p256': 'ECDSA P-256', 'ecdsa-p384': 'ECDSA P-384', 'ecdsa-p521': 'ECDSA P-521',
};

/** "RSA", "Ed25519"... for an algorithm code; unknown codes are shown as they are. */
export const algorithmName = (a) => ALGORITHMS[String(a).toLowerCase()] || String(a).toUpperCase();

/** Every `convertKey` target, with the file name a download gets. */
export const TARGETS = [
  { to: 'pkcs1', label: 'PKCS#1 PEM: BEGIN RSA PRIVATE KEY (Jira)', file: 'id_rsa', private: true },
  { to: 'pkcs8', label: 'PKCS#8 PEM: BEGIN PRIVATE KEY', file: 'id_rsa.pem', private: true },
  { to: 'openssh', label: 'OpenSSH private key', file: 'id_rsa', private: true },
  { to: 'ppk3', label: 'PuTTY .ppk version 3', file: 'id_rsa.ppk', private: true },
  { to: 'ppk2', label: 'PuTTY .ppk version 2 (PuTTY < 0.75)', file: 'id_rsa.ppk', private: true },
  { to: 'openssh-public', label: 'Public key: OpenSSH one line (git hosts)', file: 'id_rsa.pub', private: false },
  { to: 'rfc4716-public', label: 'Public key: SSH2 (RFC 4716)', file: 'id_rsa.pub', private: false },
  { to: 'pkcs1-public', label: 'Public key: PKCS#1 PEM', file: 'id_rsa.pub', private: false },
  { to: 'spki-public', label: 'Public key: PEM, BEGIN PUBLIC KEY', file: 'id_rsa.pub', private: false },
];

export const target = (to) => TARGETS.find((t) => t.to === to);

/** Targets whose file can carry a comment. */
export const HAS_COMMENT = new Set(['openssh', 'ppk3', 'ppk2', 'openssh-public', 'rfc4716-public']);
