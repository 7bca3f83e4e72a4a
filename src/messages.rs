//! Every word the core says about a key, in one table: for each problem code, its message and its fix side by
//! side (an [`Error`] of reading, or a [`Finding`] of the checker).
//!
//! They speak to whoever calls the API, in Rust or JavaScript: they name actions, formats and commands, never a
//! page's controls. keyfit's page and widget word the same codes their own way, in their own table, and show
//! these as the detail.

use crate::error::Error;
use crate::key::Algorithm;
use crate::parsed::Format;
use crate::repair::Repair;
use core::fmt;

/// The fix for a key type Jira cannot use, or one too small.
const NEW_RSA: &str =
    "Generate a new 4096-bit RSA key, add its public key on your git host, and give Jira the \
     private key.";
/// The fix for an RSA key in a format Jira does not read.
const CONVERT: &str = "Convert it to PKCS#1 PEM (-----BEGIN RSA PRIVATE KEY-----), keeping or setting its \
     passphrase. With OpenSSH: ssh-keygen -p -m PEM -f <key file> (this rewrites the file in place).";
/// The fix for a damaged file.
const INTACT_COPY: &str = "Use an intact copy of the file, or generate a new key.";

impl Error {
    /// The message (what [`Display`](fmt::Display) writes) and the fix, in plain English.
    fn words(&self) -> (String, &'static str) {
        match self {
            Error::NotAKey(what) => (
                format!("This is not a key: {what}."),
                "Give the private key file itself: usually id_rsa, from -----BEGIN to -----END.",
            ),
            Error::Truncated => (
                "The key is cut short: part of it is missing.".into(),
                "Copy the whole key again, including the -----BEGIN and -----END lines.",
            ),
            Error::Corrupt(what) => (
                format!("The key is damaged: {what}."),
                INTACT_COPY,
            ),
            Error::PassphraseRequired => (
                "The key is protected by a passphrase: enter it.".into(),
                "Give the key's passphrase to finish the check.",
            ),
            Error::WrongPassphrase => (
                "The passphrase is wrong: it does not unlock this key.".into(),
                "Check the passphrase (it is case-sensitive) and try again.",
            ),
            Error::UnsupportedCipher(c) => (
                format!("The key is encrypted with {c}, which keyfit cannot decrypt."),
                "Decrypt or convert it with the tool that made it, then check it again.",
            ),
            Error::UnsupportedAlgorithm(a) => {
                (format!("The key type {a} is not supported."), NEW_RSA)
            }
            Error::KdfTooCostly { parameter, value, limit } => (
                format!(
                    "The key asks for {parameter} = {value}, more than keyfit allows ({limit}); deriving \
                     the key would take too long."
                ),
                "Re-save the key with the tool that made it using default settings (e.g. ssh-keygen -p -f \
                 <key file>).",
            ),
            Error::KeyTooLarge { parameter, value, limit } => (
                format!("The input is too large: {parameter} is {value}, the limit is {limit}."),
                "Use a key within keyfit's limits (the message names the one exceeded): RSA private keys of \
                 at most 8192 bits, 4096 recommended.",
            ),
            Error::KeyTooSmall(bits) => (
                format!("The RSA key has only {bits} bits; at least 2048 are needed."),
                "Generate a new 4096-bit RSA key; Jira and most git hosts refuse keys under 2048 bits.",
            ),
            Error::InconsistentKey(what) => (
                format!("The key's parts do not fit together: {what}."),
                INTACT_COPY,
            ),
            Error::NotRsa(alg) => (format!("The key is {alg}; this needs an RSA key."), NEW_RSA),
            Error::PublicKeyNotPrivate => (
                "This is a public key; the private key is needed here.".into(),
                "Give the private key (id_rsa), not the public key (id_rsa.pub).",
            ),
            Error::InvalidOption(what) => (format!("Invalid option: {what}."), ""),
        }
    }

    /// What to do about it, in plain English (empty for [`Error::InvalidOption`], the caller's mistake).
    pub fn fix(&self) -> &'static str {
        self.words().1
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words().0)
    }
}

/// What the checker finds in a key it could read, beyond the errors of reading it.
pub(crate) enum Finding<'a> {
    /// A public key (or, with `certificate`, an OpenSSH certificate) where Jira needs the private key.
    PublicOnly {
        /// The input is an OpenSSH certificate (`*-cert.pub`).
        certificate: bool,
    },
    /// A key type other than RSA.
    NotRsa(Algorithm),
    /// An RSA private key in a format Jira's Git Integration does not read (OpenSSH, PKCS#8, PuTTY, ssh.com).
    NotPkcs1(Format),
    /// A PKCS#1 key encrypted with a cipher Jira cannot decrypt; names the cipher.
    CipherJiraCannotRead(&'a str),
    /// An encrypted key Jira will take with its passphrase.
    PassphraseProtected,
    /// The text needed repairs, at least one structural.
    MangledPaste(&'a [Repair]),
    /// The text needed cosmetic repairs only.
    Repaired(&'a [Repair]),
}

impl Finding<'_> {
    /// The code, message and fix.
    pub(crate) fn words(&self) -> (&'static str, String, &'static str) {
        match *self {
            Finding::PublicOnly { certificate: true } => (
                Error::PublicKeyNotPrivate.code(),
                "This is an OpenSSH certificate (a -cert.pub file): a public key signed by a certificate \
                 authority. It holds no private key, and Jira takes no certificates."
                    .into(),
                "Give the private key the certificate was issued for: the file of the same name without \
                 -cert.pub (id_rsa for id_rsa-cert.pub).",
            ),
            Finding::PublicOnly { certificate: false } => (
                Error::PublicKeyNotPrivate.code(),
                "This is a public key. Jira needs the private key; the public key goes on your git host (its \
                 SSH keys page)."
                    .into(),
                Error::PublicKeyNotPrivate.fix(),
            ),
            Finding::NotRsa(alg) => (
                Error::NotRsa(alg.display()).code(),
                match why_unusable(alg) {
                    Some(why) => format!("The key is {}, which Jira cannot use. {why}", alg.display()),
                    None => Error::NotRsa(alg.display()).to_string(),
                },
                NEW_RSA,
            ),
            Finding::NotPkcs1(format) => {
                let (code, message) = match format {
                    Format::OpenSsh => ("openssh-format", "This is an OpenSSH-format private key (-----BEGIN OPENSSH PRIVATE KEY-----), ssh-keygen's default since OpenSSH 7.8. Jira's Git Integration does not read this format."),
                    Format::Pkcs8 => ("pkcs8-format", "This is a PKCS#8 private key (-----BEGIN PRIVATE KEY-----). Jira's Git Integration needs the RSA PEM form (-----BEGIN RSA PRIVATE KEY-----)."),
                    Format::Ppk2 | Format::Ppk3 => ("ppk-format", "This is a PuTTY private key (.ppk). Jira's Git Integration does not read PuTTY files."),
                    _ => ("sshcom-format", "This is an ssh.com (SECSH) private key. Jira's Git Integration does not read this format."),
                };
                (code, message.into(), CONVERT)
            }
            Finding::CipherJiraCannotRead(cipher) => (
                "unsupported-cipher",
                format!(
                    "The key is encrypted with {}, which Jira's Git Integration cannot decrypt.",
                    cipher.to_ascii_uppercase()
                ),
                "Convert it to PKCS#1 PEM again with AES-128-CBC (or without a passphrase).",
            ),
            Finding::PassphraseProtected => (
                "passphrase-protected",
                "The key is protected by a passphrase. Jira will ask for it when you add the key.".into(),
                "Enter the same passphrase in Jira's form.",
            ),
            Finding::MangledPaste(repairs) => (
                "mangled-paste",
                format!("The key text was damaged on its way here; keyfit {}.", listed(repairs)),
                "Use the repaired text keyfit gives with this report, not the text as it came.",
            ),
            Finding::Repaired(repairs) => (
                "repaired",
                format!("keyfit {}.", listed(repairs)),
                "Nothing to do: Jira reads the key either way; the repaired text is the canonical layout.",
            ),
        }
    }
}

/// Why no one can hand a key of this type to Jira, for the types keyfit only names.
fn why_unusable(alg: Algorithm) -> Option<&'static str> {
    match alg {
        Algorithm::SkEd25519 | Algorithm::SkEcdsaP256 => Some(
            "Its private half lives on a FIDO security key (a hardware token) and never leaves it, so no \
             software such as Jira can sign with it.",
        ),
        Algorithm::Ed448 => Some("Ed448 keys are not used by OpenSSH or Jira."),
        Algorithm::OtherSsh => Some("keyfit and Jira do not use this key type."),
        Algorithm::Rsa1 => Some(
            "SSH protocol 1 keys were removed from OpenSSH in 7.4 (2016); no current SSH client uses them.",
        ),
        _ => None,
    }
}

/// The repairs made, as one phrase: "removed quotes around the key, converted ...".
fn listed(repairs: &[Repair]) -> String {
    repairs
        .iter()
        .map(|r| r.describe())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message and fix the core writes, with sample data.
    fn everything() -> Vec<(&'static str, String, &'static str)> {
        let errors = [
            Error::NotAKey("prose"),
            Error::Truncated,
            Error::Corrupt("bad base64"),
            Error::PassphraseRequired,
            Error::WrongPassphrase,
            Error::UnsupportedCipher("rc5".into()),
            Error::UnsupportedAlgorithm("x25519".into()),
            Error::KdfTooCostly {
                parameter: "bcrypt rounds",
                value: 9,
                limit: 8,
            },
            Error::KeyTooLarge {
                parameter: "input bytes",
                value: 9,
                limit: 8,
            },
            Error::KeyTooSmall(1024),
            Error::InconsistentKey("n is not p × q"),
            Error::NotRsa("Ed25519"),
            Error::PublicKeyNotPrivate,
            Error::InvalidOption("bits".into()),
        ];
        let repairs = [Repair::Quotes, Repair::LineEnds];
        let mut findings = vec![
            Finding::PublicOnly { certificate: true },
            Finding::PublicOnly { certificate: false },
            Finding::CipherJiraCannotRead("des-cbc"),
            Finding::PassphraseProtected,
            Finding::MangledPaste(&repairs),
            Finding::Repaired(&repairs[1..]),
        ];
        for alg in Algorithm::ALL.into_iter().filter(|&a| a != Algorithm::Rsa) {
            findings.push(Finding::NotRsa(alg));
        }
        for format in [Format::OpenSsh, Format::Pkcs8, Format::Ppk2, Format::SshCom] {
            findings.push(Finding::NotPkcs1(format));
        }
        let mut all: Vec<_> = errors
            .iter()
            .map(|e| (e.code(), e.to_string(), e.fix()))
            .collect();
        all.extend(findings.iter().map(Finding::words));
        all
    }

    #[test]
    fn no_page_control_is_named() {
        // The core's words serve every API caller: no button, tab or click of keyfit's page.
        for (code, message, fix) in everything() {
            for text in [message.as_str(), fix] {
                let lower = text.to_ascii_lowercase();
                for page_word in ["click", " tab", "button", "make it jira-ready", "browser"] {
                    assert!(!lower.contains(page_word), "{code}: {text}");
                }
            }
            assert!(!message.is_empty(), "{code}");
            assert!(!fix.is_empty() || code == "invalid-option", "{code}");
        }
    }

    #[test]
    fn security_keys_are_named_as_such() {
        let (code, message, _) = Finding::NotRsa(Algorithm::SkEd25519).words();
        assert_eq!(code, "not-rsa");
        assert!(message.contains("FIDO security key"), "{message}");
    }
}
