//! What a reader learns from a key file: its format, how it is protected, and the key itself.

use crate::error::{Error, Result};
use crate::key::{PrivateKey, PublicKey};
use crate::limits;

/// The key formats keyfit names when reading and writes when converting (those in [`Format::WRITABLE`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// OpenSSL's "traditional" PEM private keys: `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1, the format Jira
    /// takes), and, when reading, `EC PRIVATE KEY` (SEC1) and `DSA PRIVATE KEY` too. keyfit writes only RSA.
    Pkcs1,
    /// `-----BEGIN PRIVATE KEY-----` / `ENCRYPTED PRIVATE KEY`, or DER.
    Pkcs8,
    /// `-----BEGIN OPENSSH PRIVATE KEY-----`, ssh-keygen's default since 7.8.
    OpenSsh,
    /// PuTTY-User-Key-File-2.
    Ppk2,
    /// PuTTY-User-Key-File-3 (what keyfit writes for `.ppk` by default).
    Ppk3,
    /// `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----` (ssh.com / SECSH).
    SshCom,
    /// `ssh-rsa AAAA... comment`.
    OpenSshPublic,
    /// `---- BEGIN SSH2 PUBLIC KEY ----`.
    Rfc4716Public,
    /// `-----BEGIN RSA PUBLIC KEY-----`.
    Pkcs1Public,
    /// `-----BEGIN PUBLIC KEY-----`.
    SpkiPublic,
    /// `ssh-rsa-cert-v01@openssh.com AAAA...` (`id_rsa-cert.pub`), an OpenSSH certificate: a public key signed
    /// by a certificate authority.
    OpenSshCertificate,
    /// An SSH protocol 1 key (`SSH PRIVATE KEY FILE FORMAT 1.1`, or its `bits e n` public line).
    Ssh1,
    /// `-----BEGIN CERTIFICATE-----`.
    X509Certificate,
    /// `-----BEGIN PGP ...-----`.
    Pgp,
    /// Anything else.
    Unknown,
}

impl Format {
    /// The formats keyfit writes, in the order the page offers them.
    pub const WRITABLE: [Format; 9] = [
        Format::Pkcs1,
        Format::Pkcs8,
        Format::OpenSsh,
        Format::Ppk3,
        Format::Ppk2,
        Format::OpenSshPublic,
        Format::Rfc4716Public,
        Format::Pkcs1Public,
        Format::SpkiPublic,
    ];

    /// The name keyfit reports, e.g. `pkcs1`, `openssh-public`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pkcs1 => "pkcs1",
            Format::Pkcs8 => "pkcs8",
            Format::OpenSsh => "openssh",
            Format::Ppk2 => "ppk2",
            Format::Ppk3 => "ppk3",
            Format::SshCom => "sshcom",
            Format::OpenSshPublic => "openssh-public",
            Format::Rfc4716Public => "rfc4716-public",
            Format::Pkcs1Public => "pkcs1-public",
            Format::SpkiPublic => "spki-public",
            Format::OpenSshCertificate => "openssh-certificate",
            Format::Ssh1 => "ssh1",
            Format::X509Certificate => "x509-certificate",
            Format::Pgp => "pgp",
            Format::Unknown => "unknown",
        }
    }

    /// Parses the name of a format keyfit writes, as [`Format::name`] gives it.
    ///
    /// # Errors
    /// [`crate::Error::InvalidOption`] for any other name.
    pub fn from_name(name: &str) -> Result<Self> {
        Format::WRITABLE
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| Error::InvalidOption(format!("unknown target format \"{name}\"")))
    }

    /// Whether keyfit writes this format.
    pub fn is_writable(self) -> bool {
        Format::WRITABLE.contains(&self)
    }

    /// Whether this format holds only a public key.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            Format::OpenSshPublic
                | Format::OpenSshCertificate
                | Format::Rfc4716Public
                | Format::Pkcs1Public
                | Format::SpkiPublic
        )
    }
}

/// A key derivation function and its parameters, as stored in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kdf {
    /// OpenSSL's `EVP_BytesToKey` with MD5 and one iteration (legacy PEM, no real stretching).
    EvpBytesToKeyMd5,
    /// OpenSSH's bcrypt-pbkdf.
    Bcrypt {
        /// Rounds.
        rounds: u32,
    },
    /// Argon2 (PuTTY .ppk v3).
    Argon2 {
        /// `argon2id`, `argon2i` or `argon2d`.
        flavor: &'static str,
        /// Memory in KiB.
        memory_kib: u32,
        /// Passes.
        passes: u32,
        /// Lanes.
        parallelism: u32,
    },
    /// PBKDF2 (PKCS#8 PBES2).
    Pbkdf2 {
        /// `hmacWithSHA1`, `hmacWithSHA256`, ...
        prf: &'static str,
        /// Iterations.
        iterations: u32,
    },
    /// scrypt (PKCS#8 PBES2).
    Scrypt {
        /// log2(N).
        log_n: u8,
        /// Block size.
        r: u32,
        /// Parallelism.
        p: u32,
    },
    /// PBKDF1 (PKCS#8 PBES1, `openssl pkcs8 -v1 PBE-MD5-DES` and the like).
    Pbkdf1 {
        /// `md5` or `sha1`.
        hash: &'static str,
        /// Iterations.
        iterations: u32,
    },
    /// The PKCS#12 key derivation (PKCS#8 under `pbeWithSHAAnd3-KeyTripleDES-CBC` and the like).
    Pkcs12 {
        /// `sha1`.
        hash: &'static str,
        /// Iterations.
        iterations: u32,
    },
    /// PuTTY .ppk v2's one round of SHA-1 over the passphrase.
    PpkSha1,
    /// ssh.com's MD5-based key derivation.
    SshComMd5,
}

impl Kdf {
    /// The name keyfit reports.
    pub fn name(&self) -> &'static str {
        match self {
            Kdf::EvpBytesToKeyMd5 => "evp-bytestokey-md5",
            Kdf::Bcrypt { .. } => "bcrypt-pbkdf",
            Kdf::Argon2 { flavor, .. } => flavor,
            Kdf::Pbkdf2 { .. } => "pbkdf2",
            Kdf::Scrypt { .. } => "scrypt",
            Kdf::Pbkdf1 { .. } => "pbkdf1",
            Kdf::Pkcs12 { .. } => "pkcs12",
            Kdf::PpkSha1 => "ppk-sha1",
            Kdf::SshComMd5 => "sshcom-md5",
        }
    }

    /// Checks the parameters against keyfit's caps, before any derivation runs.
    ///
    /// # Errors
    /// [`crate::Error::KdfTooCostly`] naming the parameter.
    pub(crate) fn check_limits(&self) -> Result<()> {
        match *self {
            Kdf::Bcrypt { rounds } => limits::check_bcrypt_rounds(rounds),
            Kdf::Argon2 {
                memory_kib,
                passes,
                parallelism,
                ..
            } => limits::check_argon2(memory_kib, passes, parallelism),
            Kdf::Pbkdf2 { iterations, .. } => limits::check_pbkdf2(iterations),
            Kdf::Scrypt { log_n, r, p } => limits::check_scrypt(log_n, r, p),
            Kdf::Pbkdf1 { iterations, .. } | Kdf::Pkcs12 { iterations, .. } => {
                limits::check_pbe_iterations(iterations)
            }
            Kdf::EvpBytesToKeyMd5 | Kdf::PpkSha1 | Kdf::SshComMd5 => Ok(()),
        }
    }
}

/// How a key file is encrypted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encryption {
    /// The cipher as keyfit names it, lower case: `aes-128-cbc`, `aes256-ctr`, `des-ede3-cbc`, ...
    pub cipher: String,
    /// The KDF, when known.
    pub kdf: Option<Kdf>,
}

/// What a reader learned from one key file.
#[derive(Debug)]
pub struct Parsed {
    /// The format.
    pub format: Format,
    /// How the key is encrypted; `None` when it is not.
    pub encryption: Option<Encryption>,
    /// The comment, when the format carries one (and, for OpenSSH, once decrypted).
    pub comment: Option<String>,
    /// The public key, when the file shows it without the passphrase or once decrypted.
    pub public: Option<PublicKey>,
    /// The private key: `None` for public-key formats and for encrypted keys that stayed locked.
    pub private: Option<PrivateKey>,
    /// Whether the file holds only a public key: the public-key formats, a certificate, and a PuTTY file
    /// without its private lines.
    pub public_only: bool,
    /// Why an encrypted key stayed locked: [`Error::PassphraseRequired`] when none was given, or what went
    /// wrong with the one given ([`Error::WrongPassphrase`], damage found once decrypted...).
    pub locked: Option<Error>,
}

impl Parsed {
    /// A parsed public key.
    pub(crate) fn public(format: Format, public: PublicKey, comment: Option<String>) -> Self {
        Parsed {
            format,
            encryption: None,
            comment,
            public: Some(public),
            private: None,
            public_only: true,
            locked: None,
        }
    }

    /// A parsed, decrypted private key; the public key is derived from it.
    pub(crate) fn private(
        format: Format,
        private: PrivateKey,
        comment: Option<String>,
        encryption: Option<Encryption>,
    ) -> Self {
        Parsed {
            format,
            encryption,
            comment,
            public: Some(private.public_key()),
            private: Some(private),
            public_only: false,
            locked: None,
        }
    }

    /// An encrypted key, read in one pass: the KDF is checked against keyfit's caps (every encrypted reader
    /// comes through here, so no derivation starts past a cap), then `unlock` decrypts with the passphrase, when
    /// one is given. When it is not, or `unlock` fails, the result keeps what the file shows in the clear (`public`,
    /// `comment`) and says why in [`Parsed::locked`].
    ///
    /// # Errors
    /// [`Error::KdfTooCostly`] (and [`Error::Corrupt`] for zero costs), with or without a passphrase.
    pub(crate) fn encrypted(
        format: Format,
        encryption: Encryption,
        public: Option<PublicKey>,
        comment: Option<String>,
        passphrase: Option<&[u8]>,
        unlock: impl FnOnce(&[u8]) -> Result<Parsed>,
    ) -> Result<Self> {
        if let Some(kdf) = &encryption.kdf {
            kdf.check_limits()?;
        }
        // The check part (cargo feature `read` without `keys`) decrypts nothing: its API takes no passphrase,
        // and without a call of `unlock` its wasm leaves out the ciphers and the derivations.
        let passphrase = passphrase.filter(|_| cfg!(feature = "keys"));
        let failure = match passphrase.map(unlock) {
            Some(Ok(parsed)) => return Ok(parsed),
            Some(Err(err)) => err,
            None => Error::PassphraseRequired,
        };
        Ok(Parsed {
            format,
            encryption: Some(encryption),
            comment,
            public,
            private: None,
            public_only: false,
            locked: Some(failure),
        })
    }

    /// The reading as a result: an error when a passphrase was tried and failed; a locked key read without a
    /// passphrase stays a success (its public part may be all the caller needs).
    ///
    /// # Errors
    /// What [`Parsed::locked`] holds, unless that is [`Error::PassphraseRequired`].
    pub fn unlocked(self) -> Result<Self> {
        match self.locked {
            Some(err) if err != Error::PassphraseRequired => Err(err),
            _ => Ok(self),
        }
    }
}
