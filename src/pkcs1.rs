//! PKCS#1 RSA keys (RFC 8017 appendix A.1): `-----BEGIN RSA PRIVATE KEY-----`, plain or with OpenSSL's legacy
//! encryption, the format Jira's Git Integration takes; and `-----BEGIN RSA PUBLIC KEY-----`.

use crate::armor::{self, Armor};
use crate::error::{Error, Result};
use crate::key::{rsa_from_parts, PrivateKey, PublicKey, RsaCrt};
use crate::legacy_pem::{self, LegacyCipher};
use crate::parsed::{Format, Parsed};
use der::{Decode, Encode};
use num_bigint_dig::BigUint;
use pkcs1::EncodeRsaPrivateKey;
use rand_core::CryptoRngCore;
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use zeroize::Zeroizing;

/// PEM label of a PKCS#1 private key.
pub const PRIVATE_LABEL: &str = "RSA PRIVATE KEY";
/// PEM label of a PKCS#1 public key.
pub const PUBLIC_LABEL: &str = "RSA PUBLIC KEY";
/// The `rsaEncryption` algorithm OID (PKCS#1), as in PKCS#8 and SPKI.
pub const RSA_ENCRYPTION: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// Maps a DER decoding error: running out of bytes is truncation, anything else corruption.
pub fn der_error(err: der::Error) -> Error {
    match err.kind() {
        der::ErrorKind::Incomplete { .. } => Error::Truncated,
        _ => Error::Corrupt("the key's ASN.1 structure is invalid"),
    }
}

fn uint(u: pkcs1::UintRef<'_>) -> BigUint {
    BigUint::from_bytes_be(u.as_bytes())
}

/// Parses a DER `RSAPrivateKey` and checks it is consistent.
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::InconsistentKey`], [`Error::KeyTooLarge`].
pub fn decode_private_der(der: &[u8]) -> Result<RsaPrivateKey> {
    let k = pkcs1::RsaPrivateKey::from_der(der).map_err(der_error)?;
    if k.other_prime_infos.is_some() {
        return Err(Error::UnsupportedAlgorithm("multi-prime RSA".into()));
    }
    let crt = RsaCrt {
        dp: Some(uint(k.exponent1)),
        dq: Some(uint(k.exponent2)),
        qinv: Some(uint(k.coefficient)),
    };
    rsa_from_parts(
        uint(k.modulus),
        uint(k.public_exponent),
        uint(k.private_exponent),
        uint(k.prime1),
        uint(k.prime2),
        crt,
    )
}

/// Reads a `RSA PRIVATE KEY` block; without a passphrase an encrypted key yields no private key.
///
/// # Errors
/// [`Error::WrongPassphrase`], [`Error::UnsupportedCipher`] and the errors of [`decode_private_der`].
pub fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    legacy_pem::read_private(armor, passphrase, |der| {
        decode_private_der(der).map(PrivateKey::Rsa)
    })
}

/// Writes a PKCS#1 PEM private key, encrypted when a passphrase is given.
///
/// # Errors
/// Only on an internal encoding failure.
pub fn write(
    key: &RsaPrivateKey,
    passphrase: Option<(&[u8], LegacyCipher)>,
    rng: &mut impl CryptoRngCore,
) -> Result<Zeroizing<String>> {
    let der = key
        .to_pkcs1_der()
        .map_err(|_| Error::Corrupt("the key could not be encoded"))?;
    Ok(match passphrase {
        None => armor::write(PRIVATE_LABEL, &[], der.as_bytes(), 64),
        Some((pass, cipher)) => {
            let (dek, body) = legacy_pem::encrypt(cipher, pass, der.as_bytes(), rng)?;
            armor::write(
                PRIVATE_LABEL,
                &[("Proc-Type", "4,ENCRYPTED"), ("DEK-Info", &dek)],
                &body,
                64,
            )
        }
    })
}

/// Reads a `RSA PUBLIC KEY` block.
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::InconsistentKey`].
pub fn read_public(armor: &Armor) -> Result<Parsed> {
    let k = pkcs1::RsaPublicKey::from_der(&armor.data).map_err(der_error)?;
    let public = PublicKey::rsa(uint(k.modulus), uint(k.public_exponent))?;
    Ok(Parsed::public(Format::Pkcs1Public, public, None))
}

/// DER `RSAPublicKey` of a public RSA key.
///
/// # Errors
/// [`Error::NotRsa`] for other algorithms.
pub fn public_der(public: &PublicKey) -> Result<Vec<u8>> {
    let PublicKey::Rsa { n, e } = public else {
        return Err(Error::NotRsa(public.algorithm().display()));
    };
    let (n, e) = (n.to_bytes_be(), e.to_bytes_be());
    let k = pkcs1::RsaPublicKey {
        modulus: pkcs1::UintRef::new(&n).map_err(der_error)?,
        public_exponent: pkcs1::UintRef::new(&e).map_err(der_error)?,
    };
    k.to_der().map_err(der_error)
}

/// Writes a `RSA PUBLIC KEY` PEM block (as `ssh-keygen -e -m PEM`).
///
/// # Errors
/// [`Error::NotRsa`] for other algorithms.
pub fn write_public(public: &PublicKey) -> Result<String> {
    Ok(armor::write(PUBLIC_LABEL, &[], &public_der(public)?, 64).to_string())
}

/// The modulus size of an RSA private key in bits.
pub fn bits(key: &RsaPrivateKey) -> usize {
    key.n().bits()
}
