//! The converter: any readable key into the format the user needs, adding, changing or removing the passphrase.

use crate::detect::{self, Prepared};
use crate::error::{Error, Result};
use crate::format::ppk::PpkVersion;
use crate::format::{openssh, pkcs1, pkcs8, ppk, public};
use crate::key::PublicKey;
use crate::legacy_pem::LegacyCipher;
use crate::limits;
use crate::parsed::Parsed;
use rand_core::CryptoRngCore;
use zeroize::Zeroizing;

/// A format keyfit writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// PKCS#1 PEM, the Jira format.
    Pkcs1,
    /// PKCS#8 PEM.
    Pkcs8,
    /// OpenSSH private key format.
    OpenSsh,
    /// PuTTY .ppk version 3.
    Ppk3,
    /// PuTTY .ppk version 2.
    Ppk2,
    /// `ssh-rsa AAAA... comment`.
    OpenSshPublic,
    /// RFC 4716 `---- BEGIN SSH2 PUBLIC KEY ----`.
    Rfc4716Public,
    /// `-----BEGIN RSA PUBLIC KEY-----`.
    Pkcs1Public,
    /// `-----BEGIN PUBLIC KEY-----`.
    SpkiPublic,
}

impl Target {
    /// Every target, in the order the page offers them.
    pub const ALL: [Target; 9] = [
        Target::Pkcs1,
        Target::Pkcs8,
        Target::OpenSsh,
        Target::Ppk3,
        Target::Ppk2,
        Target::OpenSshPublic,
        Target::Rfc4716Public,
        Target::Pkcs1Public,
        Target::SpkiPublic,
    ];

    /// The name used in the API, the same as the checker's format names.
    pub fn name(self) -> &'static str {
        match self {
            Target::Pkcs1 => "pkcs1",
            Target::Pkcs8 => "pkcs8",
            Target::OpenSsh => "openssh",
            Target::Ppk3 => "ppk3",
            Target::Ppk2 => "ppk2",
            Target::OpenSshPublic => "openssh-public",
            Target::Rfc4716Public => "rfc4716-public",
            Target::Pkcs1Public => "pkcs1-public",
            Target::SpkiPublic => "spki-public",
        }
    }

    /// Parses a target name.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] for an unknown name.
    pub fn from_name(name: &str) -> Result<Self> {
        Target::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .ok_or_else(|| Error::InvalidOption(format!("unknown target format \"{name}\"")))
    }

    /// Whether the target holds only the public key.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            Target::OpenSshPublic
                | Target::Rfc4716Public
                | Target::Pkcs1Public
                | Target::SpkiPublic
        )
    }
}

/// What to convert to, and how. `Debug` never shows the passphrases.
#[derive(Clone)]
pub struct ConvertOptions {
    /// The passphrase of the input key, if it is encrypted.
    pub passphrase: Zeroizing<String>,
    /// The target format.
    pub to: Target,
    /// The passphrase of the output; empty for an unencrypted key.
    pub new_passphrase: Zeroizing<String>,
    /// A comment to set; `None` keeps the input's comment.
    pub comment: Option<String>,
    /// Legacy PEM cipher for an encrypted `pkcs1` output.
    pub cipher: LegacyCipher,
    /// bcrypt rounds for an encrypted `openssh` output.
    pub rounds: u32,
}

impl core::fmt::Debug for ConvertOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ConvertOptions")
            .field("to", &self.to)
            .field("passphrase", &redacted(&self.passphrase))
            .field("new_passphrase", &redacted(&self.new_passphrase))
            .field("comment", &self.comment)
            .field("cipher", &self.cipher)
            .field("rounds", &self.rounds)
            .finish()
    }
}

/// What `Debug` shows of a secret: whether there is one, never its value.
pub(crate) fn redacted(secret: &str) -> &'static str {
    if secret.is_empty() {
        "(none)"
    } else {
        "(redacted)"
    }
}

impl ConvertOptions {
    /// Options for `to` with no passphrases and the default cipher and rounds.
    pub fn new(to: Target) -> Self {
        ConvertOptions {
            passphrase: Zeroizing::new(String::new()),
            to,
            new_passphrase: Zeroizing::new(String::new()),
            comment: None,
            cipher: LegacyCipher::Aes128Cbc,
            rounds: openssh::DEFAULT_ROUNDS,
        }
    }
}

/// Parses a cipher name for an encrypted `pkcs1` output.
///
/// # Errors
/// [`Error::InvalidOption`] for anything but `aes-128-cbc`, `aes-256-cbc`, `des-ede3-cbc`.
pub fn cipher_from_name(name: &str) -> Result<LegacyCipher> {
    match name {
        "aes-128-cbc" => Ok(LegacyCipher::Aes128Cbc),
        "aes-256-cbc" => Ok(LegacyCipher::Aes256Cbc),
        "des-ede3-cbc" => Ok(LegacyCipher::DesEde3Cbc),
        _ => Err(Error::InvalidOption(format!(
            "cipher must be aes-128-cbc, aes-256-cbc or des-ede3-cbc, not \"{name}\""
        ))),
    }
}

/// Reads any key (repairing a mangled paste first), decrypting it with `passphrase` when given.
///
/// # Errors
/// The reader's errors, [`Error::KdfTooCostly`] before any costly derivation.
pub fn read_any(bytes: &[u8], passphrase: Option<&[u8]>) -> Result<Parsed> {
    limits::check_input_len(bytes.len())?;
    let prepared = Prepared::new(bytes);
    let input = prepared.input();
    let format = detect::sniff(input);
    let outer = detect::read(input, format, None)?;
    let Some(enc) = &outer.encryption else {
        return Ok(outer);
    };
    let Some(pass) = passphrase.filter(|p| !p.is_empty()) else {
        return Ok(outer);
    };
    if let Some(kdf) = &enc.kdf {
        kdf.check_limits()?;
    }
    detect::read(input, format, Some(pass))
}

/// Converts a key to `opts.to`.
///
/// # Errors
/// [`Error::PassphraseRequired`] / [`Error::WrongPassphrase`] for an encrypted input,
/// [`Error::PublicKeyNotPrivate`] for a private target from a public key, [`Error::NotRsa`] for RSA-only
/// targets, and any reader error.
///
/// # Examples
/// ```
/// use keyfit::{convert_key, ConvertOptions, Target};
/// let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBXDXcBhPGr7CS1+kKvIAeH4Kmt9GmHbdcZWgwQqUE6o me@host\n";
/// let rfc = convert_key(line.as_bytes(), &ConvertOptions::new(Target::Rfc4716Public), &mut rand_core::OsRng);
/// assert!(rfc.unwrap().starts_with("---- BEGIN SSH2 PUBLIC KEY ----\n"));
/// ```
pub fn convert_key(
    bytes: &[u8],
    opts: &ConvertOptions,
    rng: &mut impl CryptoRngCore,
) -> Result<Zeroizing<String>> {
    if opts
        .comment
        .as_deref()
        .is_some_and(|c| c.contains(['\n', '\r']))
    {
        return Err(Error::InvalidOption(
            "the comment must be a single line".into(),
        ));
    }
    let pass = Some(opts.passphrase.as_bytes()).filter(|p| !p.is_empty());
    let parsed = read_any(bytes, pass)?;
    let comment = opts
        .comment
        .clone()
        .or(parsed.comment.clone())
        .unwrap_or_default();
    let new_pass = Some(opts.new_passphrase.as_bytes()).filter(|p| !p.is_empty());
    if opts.to.is_public() {
        let public = parsed
            .public
            .as_ref()
            .ok_or(if parsed.encryption.is_some() {
                Error::PassphraseRequired
            } else {
                Error::Corrupt("the public key could not be read")
            })?;
        return Ok(Zeroizing::new(match opts.to {
            Target::OpenSshPublic => public::write_openssh_line(public, &comment),
            Target::Rfc4716Public => public::write_rfc4716(public, &comment),
            Target::Pkcs1Public => pkcs1::write_public(public)?,
            _ => public::write_spki(public)?,
        }));
    }
    let key = match &parsed.private {
        Some(k) => k,
        None if parsed.public_only => return Err(Error::PublicKeyNotPrivate),
        None => match parsed.public.as_ref().map(PublicKey::algorithm) {
            Some(alg) if !alg.is_usable() => {
                return Err(Error::UnsupportedAlgorithm(alg.name().to_string()))
            }
            _ => return Err(Error::PassphraseRequired),
        },
    };
    match opts.to {
        Target::Pkcs1 => pkcs1::write(key.as_rsa()?, new_pass.map(|p| (p, opts.cipher)), rng),
        Target::Pkcs8 => pkcs8::write(key, new_pass, rng),
        Target::OpenSsh => {
            limits::check_bcrypt_rounds(opts.rounds)?;
            openssh::write(key, &comment, new_pass, opts.rounds, rng)
        }
        Target::Ppk3 => ppk::write(key, &comment, new_pass, PpkVersion::V3, rng),
        Target::Ppk2 => ppk::write(key, &comment, new_pass, PpkVersion::V2, rng),
        _ => Err(Error::InvalidOption("not a private-key target".into())),
    }
}
