//! The converter: any readable key into the format the user needs, adding, changing or removing the passphrase.

use crate::detect;
use crate::error::{Error, Result};
use crate::format::ppk::PpkVersion;
use crate::format::{openssh, pkcs1, pkcs8, ppk, public};
use crate::key::PublicKey;
use crate::legacy_pem::LegacyCipher;
use crate::parsed::{Format, Parsed};
use crate::secret::Secret;
use rand_core::CryptoRngCore;
use zeroize::Zeroizing;

/// What to convert to, and how. `Debug` never shows the passphrases.
#[derive(Clone, Debug)]
pub struct ConvertOptions {
    /// The passphrase of the input key, if it is encrypted.
    pub passphrase: Secret<String>,
    /// The target format: one of [`Format::WRITABLE`].
    pub to: Format,
    /// The passphrase of the output; empty for an unencrypted key.
    pub new_passphrase: Secret<String>,
    /// A comment to set; `None` keeps the input's comment.
    pub comment: Option<String>,
    /// Legacy PEM cipher for an encrypted `pkcs1` output.
    pub cipher: LegacyCipher,
    /// bcrypt rounds for an encrypted `openssh` output.
    pub rounds: u32,
}

impl ConvertOptions {
    /// Options for `to` with no passphrases and the default cipher and rounds.
    pub fn new(to: Format) -> Self {
        ConvertOptions {
            passphrase: Secret::default(),
            to,
            new_passphrase: Secret::default(),
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

/// Reads any key (repairing a mangled paste first), decrypting it with `passphrase` when given: the reading
/// pass of [`convert_key`]. Without a passphrase an encrypted key is read as far as the file shows it in the
/// clear ([`Parsed::locked`] says why the rest is missing).
///
/// # Errors
/// The reader's errors: [`Error::WrongPassphrase`] when `passphrase` does not unlock the key,
/// [`Error::KdfTooCostly`] before any costly derivation, [`Error::NotAKey`], [`Error::Truncated`],
/// [`Error::Corrupt`]...
///
/// # Examples
/// ```
/// let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBXDXcBhPGr7CS1+kKvIAeH4Kmt9GmHbdcZWgwQqUE6o me@host\n";
/// let parsed = keyfit::read_any(line.as_bytes(), None).unwrap();
/// assert_eq!(parsed.format, keyfit::Format::OpenSshPublic);
/// assert_eq!(parsed.comment.as_deref(), Some("me@host"));
/// ```
pub fn read_any(bytes: &[u8], passphrase: Option<&[u8]>) -> Result<Parsed> {
    detect::read(bytes, passphrase).parsed?.unlocked()
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
/// use keyfit::{convert_key, ConvertOptions, Format};
/// let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBXDXcBhPGr7CS1+kKvIAeH4Kmt9GmHbdcZWgwQqUE6o me@host\n";
/// let rfc = convert_key(line.as_bytes(), &ConvertOptions::new(Format::Rfc4716Public), &mut rand_core::OsRng);
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
    if !opts.to.is_writable() {
        return Err(Error::InvalidOption(format!(
            "keyfit does not write {} keys",
            opts.to.name()
        )));
    }
    let parsed = read_any(bytes, Some(opts.passphrase.as_bytes()))?;
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
            Format::OpenSshPublic => public::write_openssh_line(public, &comment),
            Format::Rfc4716Public => public::write_rfc4716(public, &comment),
            Format::Pkcs1Public => pkcs1::write_public(public)?,
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
        Format::Pkcs1 => pkcs1::write(key.as_rsa()?, new_pass.map(|p| (p, opts.cipher)), rng),
        Format::Pkcs8 => pkcs8::write(key, new_pass, rng),
        // The rounds are checked by the writer, and only when it encrypts: without a passphrase they are unused.
        Format::OpenSsh => openssh::write(key, &comment, new_pass, opts.rounds, rng),
        Format::Ppk3 => ppk::write(key, &comment, new_pass, PpkVersion::V3, rng),
        Format::Ppk2 => ppk::write(key, &comment, new_pass, PpkVersion::V2, rng),
        _ => Err(Error::InvalidOption(format!(
            "keyfit does not write {} keys",
            opts.to.name()
        ))),
    }
}
