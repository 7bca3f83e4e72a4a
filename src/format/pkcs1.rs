//! PKCS#1 RSA keys ([RFC 8017 appendix A.1](https://www.rfc-editor.org/rfc/rfc8017#appendix-A.1)):
//! `-----BEGIN RSA PRIVATE KEY-----`, plain or with OpenSSL's legacy encryption ([`crate::legacy_pem`]), the
//! format Jira's Git Integration takes; and `-----BEGIN RSA PUBLIC KEY-----`.
//!
//! The DER bodies are read and written by [`crate::asn1`] on the `pkcs1` crate, since PKCS#8 and SPKI hold them too.

use crate::armor::{self, Armor};
use crate::asn1;
use crate::error::Result;
use crate::key::{PrivateKey, PublicKey};
use crate::legacy_pem::{self, LegacyCipher};
use crate::parsed::{Format, Parsed};
use crate::text::PEM_WIDTH;
use rand_core::CryptoRngCore;
use rsa::RsaPrivateKey;
use zeroize::Zeroizing;

/// PEM label of a PKCS#1 private key.
pub(crate) const PRIVATE_LABEL: &str = "RSA PRIVATE KEY";
/// PEM label of a PKCS#1 public key.
pub(crate) const PUBLIC_LABEL: &str = "RSA PUBLIC KEY";

/// Reads a `RSA PRIVATE KEY` block; without a passphrase an encrypted key yields no private key.
///
/// # Errors
/// [`crate::Error::WrongPassphrase`], [`crate::Error::UnsupportedCipher`] and the errors of
/// [`asn1::rsa_private_from_der`].
pub(crate) fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    legacy_pem::read_private(armor, passphrase, |der| {
        asn1::rsa_private_from_der(der).map(PrivateKey::Rsa)
    })
}

/// Writes a PKCS#1 PEM private key, encrypted when a passphrase is given.
///
/// # Errors
/// Only on an internal encoding failure.
pub(crate) fn write(
    key: &RsaPrivateKey,
    passphrase: Option<(&[u8], LegacyCipher)>,
    rng: &mut impl CryptoRngCore,
) -> Result<Zeroizing<String>> {
    let der = asn1::rsa_private_der(key)?;
    legacy_pem::write(PRIVATE_LABEL, der.as_bytes(), passphrase, rng)
}

/// Reads a `RSA PUBLIC KEY` block.
///
/// # Errors
/// [`crate::Error::Truncated`], [`crate::Error::Corrupt`], [`crate::Error::InconsistentKey`].
pub(crate) fn read_public(armor: &Armor) -> Result<Parsed> {
    let public = asn1::rsa_public_from_der(&armor.data)?;
    Ok(Parsed::public(Format::Pkcs1Public, public, None))
}

/// Writes a `RSA PUBLIC KEY` PEM block (as `ssh-keygen -e -m PEM`).
///
/// # Errors
/// [`crate::Error::NotRsa`] for other algorithms.
pub(crate) fn write_public(public: &PublicKey) -> Result<String> {
    let der = asn1::rsa_public_der(public)?;
    Ok(armor::write(PUBLIC_LABEL, &[], &der, PEM_WIDTH).to_string())
}
