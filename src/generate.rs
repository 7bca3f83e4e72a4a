//! RSA key generation: a PKCS#1 PEM private key ready for Jira and the `ssh-rsa` line for the git host.

use crate::error::{Error, Result};
use crate::key::{PrivateKey, PublicKey};
use crate::legacy_pem::LegacyCipher;
use crate::pkcs1;
use num_bigint_dig::BigUint;
use rand_core::CryptoRngCore;
use rsa::RsaPrivateKey;
use zeroize::Zeroizing;

/// Key sizes keyfit generates.
pub const ALLOWED_BITS: [usize; 3] = [2048, 3072, 4096];
/// The default (and recommended) key size.
pub const DEFAULT_BITS: usize = 4096;
/// The public exponent of every generated key.
pub const PUBLIC_EXPONENT: u32 = 65537;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// Modulus size: 2048, 3072 or 4096.
    pub bits: usize,
    /// Comment for the public key line, e.g. `jira@example.com`.
    pub comment: String,
    /// Passphrase; empty means an unencrypted key.
    pub passphrase: Zeroizing<String>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            bits: DEFAULT_BITS,
            comment: String::new(),
            passphrase: Zeroizing::new(String::new()),
        }
    }
}

/// A generated key pair in the forms Jira and git hosts take.
pub struct GeneratedKey {
    /// PKCS#1 PEM private key (encrypted with AES-128-CBC when a passphrase was given).
    pub private_key: Zeroizing<String>,
    /// `ssh-rsa AAAA... comment`.
    pub public_key: String,
    /// `SHA256:...`.
    pub fingerprint_sha256: String,
    /// `MD5:aa:bb:...`.
    pub fingerprint_md5: String,
    /// Modulus size.
    pub bits: usize,
    /// The key itself, for saving it in other formats.
    pub key: PrivateKey,
}

/// Checks the options before any work is done.
///
/// # Errors
/// [`Error::InvalidOption`] for an unsupported size or a comment with a line break.
pub fn check_options(opts: &GenerateOptions) -> Result<()> {
    if !ALLOWED_BITS.contains(&opts.bits) {
        return Err(Error::InvalidOption(format!(
            "bits must be 2048, 3072 or 4096, not {}",
            opts.bits
        )));
    }
    if opts.comment.contains(['\n', '\r']) {
        return Err(Error::InvalidOption(
            "the comment must be a single line".into(),
        ));
    }
    Ok(())
}

/// Generates an RSA key pair with `e = 65537`.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options.
///
/// # Examples
/// ```
/// use keyfit::{generate_key, GenerateOptions};
/// let opts = GenerateOptions { bits: 2048, comment: "me@host".into(), ..Default::default() };
/// let key = generate_key(&opts, &mut rand_core::OsRng).unwrap();
/// assert!(key.private_key.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
/// assert!(key.public_key.starts_with("ssh-rsa AAAA") && key.public_key.ends_with(" me@host"));
/// ```
pub fn generate_key(opts: &GenerateOptions, rng: &mut impl CryptoRngCore) -> Result<GeneratedKey> {
    check_options(opts)?;
    let key = RsaPrivateKey::new_with_exp(rng, opts.bits, &BigUint::from(PUBLIC_EXPONENT))
        .map_err(|_| Error::InvalidOption("key generation failed".into()))?;
    finish(key, opts, rng)
}

/// Writes a freshly made RSA key (from [`generate_key`] or from the browser's WebCrypto) in Jira's form.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options.
pub fn finish(
    key: RsaPrivateKey,
    opts: &GenerateOptions,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey> {
    check_options(opts)?;
    let pass = (!opts.passphrase.is_empty())
        .then(|| (opts.passphrase.as_bytes(), LegacyCipher::Aes128Cbc));
    let private_key = pkcs1::write(&key, pass, rng)?;
    let bits = pkcs1::bits(&key);
    let key = PrivateKey::Rsa(key);
    let public: PublicKey = key.public_key();
    Ok(GeneratedKey {
        private_key,
        public_key: public.to_openssh_line(&opts.comment),
        fingerprint_sha256: public.fingerprint_sha256(),
        fingerprint_md5: public.fingerprint_md5(),
        bits,
        key,
    })
}

/// Finishes a key pair made by the browser's WebCrypto (`generateKey` then `exportKey("pkcs8")`): checks the
/// key, then writes it as [`finish`] does. The key is checked like any other input, never trusted.
///
/// # Errors
/// [`Error::Corrupt`] if the bytes are not an RSA PKCS#8 key, [`Error::InconsistentKey`], [`Error::InvalidOption`].
pub fn finish_pkcs8(
    pkcs8_der: &[u8],
    opts: &GenerateOptions,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey> {
    let PrivateKey::Rsa(key) = crate::pkcs8::decode_private_info(pkcs8_der)? else {
        return Err(Error::NotRsa("non-RSA"));
    };
    if !ALLOWED_BITS.contains(&pkcs1::bits(&key)) {
        return Err(Error::InvalidOption(
            "the browser made a key of an unexpected size".into(),
        ));
    }
    finish(key, opts, rng)
}
