//! The one error type of keyfit.
//!
//! Every variant maps to a stable kebab-case [`Error::code`] that the page and the JS API expose, and to a
//! plain-language message. No variant carries key material: only names, numbers and byte offsets.

use core::fmt;

/// Result alias used throughout keyfit.
pub type Result<T> = core::result::Result<T, Error>;

/// Everything that can go wrong while reading, checking, converting or generating a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input is not a key at all (empty, binary noise, prose...). The string names what it is, if known.
    NotAKey(&'static str),
    /// The input is a key, but cut short (missing END line, short base64, blob ends early).
    Truncated,
    /// The input is recognisably a key container, but its structure is broken.
    Corrupt(&'static str),
    /// The key is encrypted and no passphrase was given.
    PassphraseRequired,
    /// A passphrase was given but does not decrypt the key.
    WrongPassphrase,
    /// The key uses a cipher keyfit does not implement; names the cipher.
    UnsupportedCipher(String),
    /// The key uses an algorithm keyfit does not implement; names it.
    UnsupportedAlgorithm(String),
    /// A KDF parameter in the file exceeds keyfit's cap; names the parameter, its value and the cap.
    KdfTooCostly {
        /// Parameter name, e.g. `bcrypt rounds`.
        parameter: &'static str,
        /// Value found in the file.
        value: u64,
        /// Largest value keyfit accepts.
        limit: u64,
    },
    /// A size in the input exceeds keyfit's cap; names what, its value and the cap.
    KeyTooLarge {
        /// What was too large, e.g. `RSA modulus bits`.
        parameter: &'static str,
        /// Value found.
        value: u64,
        /// Largest value keyfit accepts.
        limit: u64,
    },
    /// The RSA key is smaller than keyfit will write or Jira will take.
    KeyTooSmall(u32),
    /// The key's components do not agree with each other (n != p*q, bad d, public half mismatch...).
    InconsistentKey(&'static str),
    /// The operation needs an RSA key and this one is not.
    NotRsa(&'static str),
    /// The input is a public key where a private key is needed.
    PublicKeyNotPrivate,
    /// An option passed by the caller is invalid (not a problem in the key).
    InvalidOption(String),
}

impl Error {
    /// Stable kebab-case code, as listed in README.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotAKey(_) => "not-a-key",
            Error::Truncated => "truncated",
            Error::Corrupt(_) => "corrupt",
            Error::PassphraseRequired => "passphrase-required",
            Error::WrongPassphrase => "wrong-passphrase",
            Error::UnsupportedCipher(_) => "unsupported-cipher",
            Error::UnsupportedAlgorithm(_) => "unsupported-algorithm",
            Error::KdfTooCostly { .. } => "kdf-too-costly",
            Error::KeyTooLarge { .. } => "key-too-large",
            Error::KeyTooSmall(_) => "key-too-small",
            Error::InconsistentKey(_) => "inconsistent-key",
            Error::NotRsa(_) => "not-rsa",
            Error::PublicKeyNotPrivate => "public-key-not-private",
            Error::InvalidOption(_) => "invalid-option",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotAKey(what) => write!(f, "This is not a key: {what}."),
            Error::Truncated => f.write_str("The key is cut short: part of it is missing."),
            Error::Corrupt(what) => write!(f, "The key is damaged: {what}."),
            Error::PassphraseRequired => f.write_str("The key is protected by a passphrase: enter it."),
            Error::WrongPassphrase => f.write_str("The passphrase is wrong: it does not unlock this key."),
            Error::UnsupportedCipher(c) => write!(f, "The key is encrypted with {c}, which keyfit cannot decrypt."),
            Error::UnsupportedAlgorithm(a) => write!(f, "The key type {a} is not supported."),
            Error::KdfTooCostly { parameter, value, limit } => write!(
                f,
                "The key asks for {parameter} = {value}, more than keyfit allows ({limit}); a file like this could freeze the page."
            ),
            Error::KeyTooLarge { parameter, value, limit } => {
                write!(f, "The input is too large: {parameter} is {value}, the limit is {limit}.")
            }
            Error::KeyTooSmall(bits) => write!(f, "The RSA key has only {bits} bits; at least 2048 are needed."),
            Error::InconsistentKey(what) => write!(f, "The key's parts do not fit together: {what}."),
            Error::NotRsa(alg) => write!(f, "The key is {alg}; this needs an RSA key."),
            Error::PublicKeyNotPrivate => {
                f.write_str("This is a public key; the private key is needed here.")
            }
            Error::InvalidOption(what) => write!(f, "Invalid option: {what}."),
        }
    }
}

impl std::error::Error for Error {}
