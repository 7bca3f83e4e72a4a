//! The one error type of keyfit.
//!
//! Every variant maps to a stable kebab-case [`Error::code`] that the page and the JS API expose, and to a
//! plain-language message and fix (`Display` and [`Error::fix`], written in `messages.rs`). No variant carries
//! key material: only names, numbers and byte offsets.

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

impl std::error::Error for Error {}
