//! SEC1 EC private keys: `-----BEGIN EC PRIVATE KEY-----`, SEC1's `ECPrivateKey`
//! ([RFC 5915](https://www.rfc-editor.org/rfc/rfc5915), [SEC 1 v2 §C.4](https://www.secg.org/sec1-v2.pdf)), as
//! `ssh-keygen -t ecdsa -m PEM` and `openssl ec` write it, plain or with OpenSSL's legacy `DEK-Info` encryption
//! ([`crate::legacy_pem`]). The body is read in [`crate::asn1`] with the `der` crate, which, unlike the `sec1`
//! crate, takes explicit curve parameters.

use crate::armor::Armor;
use crate::asn1;
use crate::error::Result;
use crate::key::PrivateKey;
use crate::legacy_pem;
use crate::parsed::Parsed;

/// PEM label of a SEC1 EC private key.
pub(crate) const LABEL: &str = "EC PRIVATE KEY";

/// Reads an `EC PRIVATE KEY` block; without a passphrase an encrypted key yields no private key.
///
/// # Errors
/// [`crate::Error::WrongPassphrase`], [`crate::Error::UnsupportedCipher`], [`crate::Error::UnsupportedAlgorithm`]
/// for another curve, [`crate::Error::InconsistentKey`] when the scalar does not give the stored point,
/// [`crate::Error::Truncated`], [`crate::Error::Corrupt`].
pub(crate) fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    legacy_pem::read_private(armor, passphrase, |der| {
        asn1::ec_private_from_der(der).map(PrivateKey::Ecdsa)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader as a result: a passphrase that fails is an error (see `Parsed::unlocked`).
    fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
        super::read(armor, passphrase).and_then(Parsed::unlocked)
    }
    use crate::armor;
    use crate::error::Error;
    use der::Decode;

    // `ssh-keygen -t ecdsa -b 256 -m PEM -N '' -C '' -f k`
    const EC_P256: &str = include_str!("../../tests/examples/sec1/ec-p256.pem");
    // `ssh-keygen -l -f k.pub`.
    const EC_P256_FP: &str = "SHA256:6aS9VjGRO1KwTITvcnPZ8QhSYtSS2WCGZUyPSJg/VMQ";

    // `ssh-keygen -t ecdsa -b 256 -m PEM -N hunter2 -C '' -f k` (legacy AES-128-CBC encryption).
    const EC_P256_ENC: &str = include_str!("../../tests/examples/sec1/ec-p256-enc.pem");
    // `ssh-keygen -l -f k.pub`.
    const EC_P256_ENC_FP: &str = "SHA256:3csQfwova68KDKzUHve1pgK5r2qOrgmdzEhcXfybmE8";

    #[test]
    fn reads_embedded_ec_key() {
        let parsed = read(&armor::parse(EC_P256).unwrap(), None).unwrap();
        assert_eq!(parsed.format, crate::parsed::Format::Pkcs1);
        assert!(parsed.encryption.is_none());
        let key = parsed.private.unwrap();
        assert_eq!(key.algorithm().name(), "ecdsa-p256");
        assert_eq!(key.public_key().fingerprint_sha256(), EC_P256_FP);

        let a = armor::parse(EC_P256_ENC).unwrap();
        let locked = read(&a, None).unwrap();
        assert!(locked.private.is_none() && locked.public.is_none());
        assert_eq!(locked.encryption.unwrap().cipher, "aes-128-cbc");
        let parsed = read(&a, Some(b"hunter2")).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), EC_P256_ENC_FP);
        assert_eq!(
            read(&a, Some(b"hunter3")).err(),
            Some(Error::WrongPassphrase)
        );
    }

    #[test]
    fn damaged_keys_are_errors_not_panics() {
        let a = armor::parse(EC_P256).unwrap();
        for cut in 0..a.data.len() {
            let e = asn1::ec_private_from_der(&a.data[..cut]).err();
            assert!(
                matches!(e, Some(Error::Truncated | Error::Corrupt(_))),
                "{cut}: {e:?}"
            );
        }
        // No curve parameters.
        let k = ::sec1::EcPrivateKey::from_der(&a.data).unwrap();
        let bare = ::sec1::EcPrivateKey {
            parameters: None,
            ..k.clone()
        };
        let der = der::Encode::to_der(&bare).unwrap();
        assert_eq!(
            asn1::ec_private_from_der(&der).err().map(|e| e.code()),
            Some("corrupt")
        );
        // No public point: derived from the scalar, the very point the file had.
        let bare = ::sec1::EcPrivateKey {
            public_key: None,
            ..k.clone()
        };
        let der = der::Encode::to_der(&bare).unwrap();
        let derived = asn1::ec_private_from_der(&der).unwrap();
        assert_eq!(Some(derived.point.as_slice()), k.public_key);
        // A point that is not the scalar's: inconsistent.
        let mut other = k.public_key.unwrap().to_vec();
        let last = other.len() - 1;
        other[last] ^= 1;
        let moved = ::sec1::EcPrivateKey {
            public_key: Some(&other),
            ..k
        };
        let der = der::Encode::to_der(&moved).unwrap();
        assert_eq!(
            asn1::ec_private_from_der(&der).err().map(|e| e.code()),
            Some("inconsistent-key")
        );
    }
}
