//! OpenSSL's DSA private keys: `-----BEGIN DSA PRIVATE KEY-----`, `SEQUENCE { 0, p, q, g, y, x }` (no RFC;
//! OpenSSL's `DSAPrivateKey` in `crypto/dsa/dsa_asn1.c`), plain or with OpenSSL's legacy `DEK-Info` encryption
//! ([`crate::legacy_pem`]). The body is read in [`crate::asn1`].
//!
//! Deliberately the twin of `sec1.rs`: both are the same legacy-PEM reader around a different DER body, kept
//! as one file per format so that each label has its own place.

use crate::armor::Armor;
use crate::asn1;
use crate::error::Result;
use crate::key::PrivateKey;
use crate::legacy_pem;
use crate::parsed::Parsed;

/// PEM label of an OpenSSL DSA private key.
pub(crate) const LABEL: &str = "DSA PRIVATE KEY";

/// Reads a `DSA PRIVATE KEY` block; without a passphrase an encrypted key yields no private key.
///
/// # Errors
/// [`crate::Error::WrongPassphrase`], [`crate::Error::UnsupportedCipher`], [`crate::Error::InconsistentKey`]
/// when `y != g^x mod p`, [`crate::Error::KeyTooLarge`], [`crate::Error::Truncated`], [`crate::Error::Corrupt`].
pub(crate) fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    legacy_pem::read_private(armor, passphrase, |der| {
        asn1::dsa_private_from_der(der).map(PrivateKey::Dsa)
    })
}
