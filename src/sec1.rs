//! OpenSSL's "traditional" PEM private keys for algorithms other than RSA:
//! `-----BEGIN EC PRIVATE KEY-----`, SEC1's `ECPrivateKey` ([RFC 5915](https://www.rfc-editor.org/rfc/rfc5915),
//! [SEC 1 v2 §C.4](https://www.secg.org/sec1-v2.pdf)), as `ssh-keygen -t ecdsa -m PEM` and `openssl ec` write it;
//! and `-----BEGIN DSA PRIVATE KEY-----`, OpenSSL's `SEQUENCE { 0, p, q, g, y, x }` (no RFC; OpenSSL's
//! `DSAPrivateKey` in `crypto/dsa/dsa_asn1.c`). Either may carry OpenSSL's legacy `DEK-Info` encryption, handled
//! exactly as for PKCS#1 by [`crate::legacy_pem`].
//!
//! `ECPrivateKey` is parsed by the `sec1` crate; the DSA structure is five integers read with `der`, since no
//! crate of the RustCrypto generation keyfit uses parses it.

use crate::armor::Armor;
use crate::error::{Error, Result};
use crate::key::{Curve, DsaPrivate, EcdsaPrivate, PrivateKey};
use crate::legacy_pem;
use crate::limits;
use crate::parsed::Parsed;
use crate::pkcs1::der_error;
use der::asn1::UintRef;
use der::{Decode, Reader, SliceReader};
use num_bigint_dig::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use zeroize::Zeroizing;

/// PEM label of a SEC1 EC private key.
pub const EC_LABEL: &str = "EC PRIVATE KEY";
/// PEM label of an OpenSSL DSA private key.
pub const DSA_LABEL: &str = "DSA PRIVATE KEY";

/// Largest DSA subgroup order keyfit accepts, in bits (FIPS 186-4 stops at 256; the cap bounds `g^x mod p`).
pub const MAX_DSA_Q_BITS: usize = 512;

/// Reads an `EC PRIVATE KEY` block; without a passphrase an encrypted key yields no private key.
///
/// # Errors
/// [`Error::WrongPassphrase`], [`Error::UnsupportedCipher`], [`Error::UnsupportedAlgorithm`] for another curve
/// or a key without its public point, [`Error::Truncated`], [`Error::Corrupt`].
pub fn read_ec(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    legacy_pem::read_private(armor, passphrase, |der| {
        decode_ec_der(der).map(PrivateKey::Ecdsa)
    })
}

/// Reads a `DSA PRIVATE KEY` block; without a passphrase an encrypted key yields no private key.
///
/// # Errors
/// [`Error::WrongPassphrase`], [`Error::UnsupportedCipher`], [`Error::InconsistentKey`] when `y != g^x mod p`,
/// [`Error::KeyTooLarge`], [`Error::Truncated`], [`Error::Corrupt`].
pub fn read_dsa(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    legacy_pem::read_private(armor, passphrase, |der| {
        decode_dsa_der(der).map(PrivateKey::Dsa)
    })
}

/// Parses a DER `ECPrivateKey` that names its curve and carries its public point.
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::UnsupportedAlgorithm`].
pub fn decode_ec_der(der: &[u8]) -> Result<EcdsaPrivate> {
    let k = ::sec1::EcPrivateKey::from_der(der).map_err(der_error)?;
    let oid = k
        .parameters
        .and_then(|p| p.named_curve())
        .ok_or(Error::Corrupt("the EC key does not name its curve"))?;
    ec_private(Curve::from_oid(&oid)?, &k, None)
}

/// Builds an ECDSA key from a parsed `ECPrivateKey` on a known curve; `outer_point` is a public key stored
/// beside it (PKCS#8 v2). The `ECPrivateKey` must not name another curve.
///
/// # Errors
/// [`Error::Corrupt`] for a curve mismatch or a malformed scalar or point, [`Error::UnsupportedAlgorithm`] when
/// no public point is stored (deriving it needs curve arithmetic keyfit does not ship).
pub fn ec_private(
    curve: Curve,
    k: &::sec1::EcPrivateKey<'_>,
    outer_point: Option<&[u8]>,
) -> Result<EcdsaPrivate> {
    if let Some(params) = k.parameters {
        if params.named_curve() != Some(curve.oid()) {
            return Err(Error::Corrupt("the EC key names two different curves"));
        }
    }
    let point = k
        .public_key
        .or(outer_point)
        .ok_or_else(|| Error::UnsupportedAlgorithm("ECDSA key without its public point".into()))?;
    EcdsaPrivate::new(curve, point, k.private_key)
}

/// Parses OpenSSL's DER `DSAPrivateKey`: `SEQUENCE { version 0, p, q, g, y, x }`.
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::InconsistentKey`], [`Error::KeyTooLarge`].
pub fn decode_dsa_der(der: &[u8]) -> Result<DsaPrivate> {
    let mut reader = SliceReader::new(der).map_err(der_error)?;
    let parts = reader
        .sequence(|r| {
            let version = u8::decode(r)?;
            let mut v = [BigUint::zero(), BigUint::zero(), BigUint::zero()];
            for slot in &mut v {
                *slot = uint(UintRef::decode(r)?);
            }
            let y = uint(UintRef::decode(r)?);
            let x = uint(UintRef::decode(r)?);
            Ok((version == 0, v, y, x))
        })
        .map_err(der_error)?;
    reader.finish(()).map_err(der_error)?;
    let (version_zero, [p, q, g], y, x) = parts;
    if !version_zero {
        return Err(Error::Corrupt("the DSA key version is not 0"));
    }
    dsa_private(p, q, g, Some(y), x)
}

/// A DER INTEGER as a number (UintRef strips the sign byte).
pub fn uint(u: UintRef<'_>) -> BigUint {
    BigUint::from_bytes_be(u.as_bytes())
}

/// Builds a DSA key after bounding every cost a file controls; computes `y = g^x mod p` when it is not stored.
///
/// # Errors
/// [`Error::KeyTooLarge`] past the modulus or subgroup cap, [`Error::InconsistentKey`] for parameters out of
/// range or a stored `y` that does not match `x`.
pub fn dsa_private(
    p: BigUint,
    q: BigUint,
    g: BigUint,
    y: Option<BigUint>,
    x: BigUint,
) -> Result<DsaPrivate> {
    // Wiped on every return; the key keeps its own copy.
    let x = Zeroizing::new(x);
    limits::check_rsa_bits(p.bits())?;
    if q.bits() > MAX_DSA_Q_BITS {
        return Err(Error::KeyTooLarge {
            parameter: "DSA subgroup order bits",
            value: q.bits() as u64,
            limit: MAX_DSA_Q_BITS as u64,
        });
    }
    let one = BigUint::one();
    if p <= one || p.is_even() || q <= one || q >= p {
        return Err(Error::InconsistentKey(
            "the DSA parameters p and q are invalid",
        ));
    }
    if g <= one || g >= p {
        return Err(Error::InconsistentKey(
            "the DSA generator g is out of range",
        ));
    }
    if x.is_zero() || *x >= q {
        return Err(Error::InconsistentKey(
            "the DSA private value is out of range",
        ));
    }
    let y = match y {
        Some(y) => y,
        None => g.modpow(&x, &p),
    };
    DsaPrivate::new(p, q, g, y, (*x).clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::armor;
    use crate::parsed::Kdf;
    use crate::pkcs8::tests::{have, run, ssh_fingerprint, tool_fingerprint};
    use std::process::Command;

    // `ssh-keygen -t ecdsa -b 256 -m PEM -N '' -C '' -f k`
    const EC_P256: &str = "-----BEGIN EC PRIVATE KEY-----
MHcCAQEEINoA8UlDyNA7MKFHSMVbbMf8abXSNxAUfkwK7HPsH82loAoGCCqGSM49
AwEHoUQDQgAEa1GHriLglVNFBAaNcKOyZIp66VhOgYtlYPEKBcu9GJd2/TdpCMg/
nZ3YNgztJBehhsJ0Uo0QdDqpW9QRUT7z8Q==
-----END EC PRIVATE KEY-----
";
    // `ssh-keygen -l -f k.pub`.
    const EC_P256_FP: &str = "SHA256:6aS9VjGRO1KwTITvcnPZ8QhSYtSS2WCGZUyPSJg/VMQ";

    // `ssh-keygen -t ecdsa -b 256 -m PEM -N hunter2 -C '' -f k` (legacy AES-128-CBC encryption).
    const EC_P256_ENC: &str = "-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,F2FE6735264611E858232C0DB3C7507E

L9SsMtK3ZAEOeeKW/rUvxtCf7qNJXeMSXlzmipPVkR1GRpLRQPeT2nu2yCCzxMkz
iYdGm/3SJ27wPkXp6KLU8fnW2jN+f8eFKWm5lo38LvI1bJaX5nNrrzEAYPdq3zZ0
I6peeNgdlUgNxAxQafdq7Q+m8L26yio+p48nmKUdEjg=
-----END EC PRIVATE KEY-----
";
    // `ssh-keygen -l -f k.pub`.
    const EC_P256_ENC_FP: &str = "SHA256:3csQfwova68KDKzUHve1pgK5r2qOrgmdzEhcXfybmE8";

    #[test]
    fn reads_embedded_ec_key() {
        let parsed = read_ec(&armor::parse(EC_P256).unwrap(), None).unwrap();
        assert_eq!(parsed.format, crate::parsed::Format::Pkcs1);
        assert!(parsed.encryption.is_none());
        let key = parsed.private.unwrap();
        assert_eq!(key.algorithm().name(), "ecdsa-p256");
        assert_eq!(key.public_key().fingerprint_sha256(), EC_P256_FP);

        let a = armor::parse(EC_P256_ENC).unwrap();
        let locked = read_ec(&a, None).unwrap();
        assert!(locked.private.is_none() && locked.public.is_none());
        assert_eq!(locked.encryption.unwrap().cipher, "aes-128-cbc");
        let parsed = read_ec(&a, Some(b"hunter2")).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), EC_P256_ENC_FP);
        assert_eq!(
            read_ec(&a, Some(b"hunter3")).err(),
            Some(Error::WrongPassphrase)
        );
    }

    #[test]
    fn ssh_keygen_ec_keys_plain_and_encrypted() {
        if !have("ssh-keygen") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        for bits in ["256", "384", "521"] {
            for pass in ["", "hunter2"] {
                let path = dir.path().join(format!("ec{bits}{pass}"));
                run(Command::new("ssh-keygen")
                    .args([
                        "-q", "-t", "ecdsa", "-b", bits, "-m", "PEM", "-C", "", "-N", pass, "-f",
                    ])
                    .arg(&path));
                let a = armor::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
                assert_eq!(a.label, EC_LABEL);
                let want = ssh_fingerprint(&path.with_extension("pub"));
                let parsed = read_ec(&a, (!pass.is_empty()).then_some(pass.as_bytes())).unwrap();
                assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
                if pass.is_empty() {
                    assert!(parsed.encryption.is_none());
                    continue;
                }
                let enc = parsed.encryption.unwrap();
                assert_eq!(enc.cipher, "aes-128-cbc");
                assert_eq!(enc.kdf, Some(Kdf::EvpBytesToKeyMd5));
                let locked = read_ec(&a, None).unwrap();
                assert!(locked.private.is_none() && locked.encryption.is_some());
                assert_eq!(
                    read_ec(&a, Some(b"hunter3")).err(),
                    Some(Error::WrongPassphrase)
                );
            }
        }
    }

    #[test]
    fn openssl_dsa_and_ec_traditional() {
        if !have("openssl") || !have("ssh-keygen") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let openssl =
            |args: &[&str]| run(Command::new("openssl").current_dir(dir.path()).args(args));
        let read_file = |name: &str| {
            armor::parse(&std::fs::read_to_string(dir.path().join(name)).unwrap()).unwrap()
        };
        openssl(&[
            "genpkey",
            "-genparam",
            "-algorithm",
            "dsa",
            "-pkeyopt",
            "dsa_paramgen_bits:1024",
            "-out",
            "param",
        ]);
        openssl(&["genpkey", "-paramfile", "param", "-out", "dsa8"]);
        let want = tool_fingerprint(&dir.path().join("dsa8"), None);
        // `openssl dsa` writes the traditional form, plain and with legacy DES-EDE3 encryption.
        openssl(&["dsa", "-in", "dsa8", "-out", "dsa"]);
        openssl(&[
            "dsa", "-des3", "-passout", "pass:pw", "-in", "dsa8", "-out", "dsa_enc",
        ]);
        let a = read_file("dsa");
        assert_eq!(a.label, DSA_LABEL);
        let parsed = read_dsa(&a, None).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
        let a = read_file("dsa_enc");
        let locked = read_dsa(&a, None).unwrap();
        assert_eq!(locked.encryption.unwrap().cipher, "des-ede3-cbc");
        assert!(locked.private.is_none());
        let parsed = read_dsa(&a, Some(b"pw")).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
        assert_eq!(
            read_dsa(&a, Some(b"px")).err(),
            Some(Error::WrongPassphrase)
        );

        // `openssl ec -aes256` of a P-521 key.
        openssl(&[
            "genpkey",
            "-algorithm",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-521",
            "-out",
            "ec8",
        ]);
        let want = tool_fingerprint(&dir.path().join("ec8"), None);
        openssl(&[
            "ec", "-aes256", "-passout", "pass:pw", "-in", "ec8", "-out", "ec",
        ]);
        let a = read_file("ec");
        let parsed = read_ec(&a, Some(b"pw")).unwrap();
        assert_eq!(parsed.encryption.unwrap().cipher, "aes-256-cbc");
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
        assert_eq!(read_ec(&a, Some(b"px")).err(), Some(Error::WrongPassphrase));
    }

    #[test]
    fn damaged_keys_are_errors_not_panics() {
        let a = armor::parse(EC_P256).unwrap();
        for cut in 0..a.data.len() {
            let e = decode_ec_der(&a.data[..cut]).err();
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
        assert_eq!(decode_ec_der(&der).err().map(|e| e.code()), Some("corrupt"));
        // No public point.
        let bare = ::sec1::EcPrivateKey {
            public_key: None,
            ..k
        };
        let der = der::Encode::to_der(&bare).unwrap();
        assert_eq!(
            decode_ec_der(&der).err(),
            Some(Error::UnsupportedAlgorithm(
                "ECDSA key without its public point".into()
            ))
        );
    }

    #[test]
    fn dsa_costs_are_bounded() {
        let big = BigUint::one() << 20000usize;
        let e = dsa_private(
            big.clone() + 1u32,
            5u32.into(),
            2u32.into(),
            None,
            3u32.into(),
        );
        assert_eq!(e.err().map(|e| e.code()), Some("key-too-large"));
        let p = (BigUint::one() << 2048usize) + 1u32;
        let q = (BigUint::one() << 1024usize) + 1u32;
        let e = dsa_private(p, q, 2u32.into(), None, 3u32.into());
        assert_eq!(e.err().map(|e| e.code()), Some("key-too-large"));
        let e = dsa_private(23u32.into(), 11u32.into(), 4u32.into(), None, 11u32.into());
        assert_eq!(e.err().map(|e| e.code()), Some("inconsistent-key"));
        // 4 = 2^2 generates the subgroup of order 11 mod 23; x = 3 gives y = 64 mod 23 = 18.
        let k = dsa_private(23u32.into(), 11u32.into(), 4u32.into(), None, 3u32.into()).unwrap();
        assert_eq!(k.y, BigUint::from(18u32));
        let e = dsa_private(
            23u32.into(),
            11u32.into(),
            4u32.into(),
            Some(17u32.into()),
            3u32.into(),
        );
        assert_eq!(e.err().map(|e| e.code()), Some("inconsistent-key"));
    }
}
