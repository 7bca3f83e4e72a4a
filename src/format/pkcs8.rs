//! PKCS#8 private keys ([RFC 5208](https://www.rfc-editor.org/rfc/rfc5208),
//! [RFC 5958](https://www.rfc-editor.org/rfc/rfc5958)): `-----BEGIN PRIVATE KEY-----`,
//! `-----BEGIN ENCRYPTED PRIVATE KEY-----` (PBES2, [RFC 8018 §6.2](https://www.rfc-editor.org/rfc/rfc8018#section-6.2),
//! with PBKDF2 or scrypt, [RFC 7914](https://www.rfc-editor.org/rfc/rfc7914)) and their DER forms.
//!
//! Inside: RSA (`RSAPrivateKey`, RFC 8017), Ed25519 ([RFC 8410](https://www.rfc-editor.org/rfc/rfc8410)),
//! ECDSA on P-256/384/521 (`ECPrivateKey`, RFC 5915) and DSA ([RFC 3279 §2.3.2](https://www.rfc-editor.org/rfc/rfc3279#section-2.3.2)).
//!
//! The `pkcs8` and `pkcs5` crates parse and encrypt. keyfit reads the PBES2 parameters itself first, to report
//! them and to check them against [`crate::limits`] before anything is derived: pkcs5 has no cap of its own (it
//! would run 2^32 PBKDF2 iterations, and panics in debug builds on a zero scrypt cost). The schemes older than
//! PBES2, and PBES2 with RC2, which pkcs5 does not take, are in [`pbe`].

use crate::armor::{self, Armor};
use crate::asn1::{
    self, algorithm_name, der_error, dsa_parameters, encode_dsa_parameters, named_curve, uint,
    DSA_OID, EC_OID, ED25519_OID, ED448_OID, RSA_OID,
};
use crate::error::{Error, Result};
use crate::key::dsa_from_parts;
use crate::key::{ed25519_bytes, Ed25519Private, PrivateKey};
use crate::legacy_pem;
use crate::parsed::{Encryption, Format, Kdf, Parsed};
use crate::text::PEM_WIDTH;
use ::pkcs8::pkcs5::pbes2::{self, EncryptionScheme, Pbkdf2Prf};
use ::pkcs8::{EncryptedPrivateKeyInfo, PrivateKeyInfo};
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Decode, Encode, Reader, SliceReader, Tag};
use rand_core::CryptoRngCore;
use zeroize::Zeroizing;

mod pbe;

/// PEM label of a plain PKCS#8 key.
pub(crate) const PRIVATE_LABEL: &str = "PRIVATE KEY";
/// PEM label of an encrypted PKCS#8 key.
pub(crate) const ENCRYPTED_LABEL: &str = "ENCRYPTED PRIVATE KEY";

/// PBKDF2 iterations keyfit writes: OpenSSL 3's default for `openssl pkcs8 -topk8`.
pub(crate) const WRITE_ITERATIONS: u32 = 2048;

/// Reads a `PRIVATE KEY` or `ENCRYPTED PRIVATE KEY` block; without a passphrase an encrypted key yields its
/// encryption and no private key.
///
/// # Errors
/// [`Error::NotAKey`] for another label, and the errors of [`read_der`].
pub(crate) fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    if armor.label != PRIVATE_LABEL && armor.label != ENCRYPTED_LABEL {
        return Err(Error::NotAKey("not a PKCS#8 private key"));
    }
    if legacy_pem::encryption_of(armor)?.is_some() {
        // OpenSSL's legacy DEK-Info encryption over a PKCS#8 body, as OpenSSL 1.1's `pkey -traditional` wrote
        // it for key types without a traditional form (Ed25519).
        let mut parsed = legacy_pem::read_private(armor, passphrase, decode_private_info)?;
        parsed.format = Format::Pkcs8;
        return Ok(parsed);
    }
    read_der(&armor.data, passphrase)
}

/// Reads a DER `PrivateKeyInfo` or `EncryptedPrivateKeyInfo`, told apart by their first field.
///
/// # Errors
/// [`Error::WrongPassphrase`], [`Error::KdfTooCostly`] (checked before any derivation),
/// [`Error::UnsupportedCipher`], [`Error::UnsupportedAlgorithm`], [`Error::InconsistentKey`],
/// [`Error::KeyTooLarge`], [`Error::Truncated`], [`Error::Corrupt`].
pub(crate) fn read_der(der: &[u8], passphrase: Option<&[u8]>) -> Result<Parsed> {
    // BER with indefinite lengths (Java's and BouncyCastle's writers): rewritten as DER first.
    if der.get(1) == Some(&0x80) {
        if let Some(normal) = asn1::ber_to_der(der) {
            return read_der(&normal, passphrase);
        }
    }
    if !is_encrypted(der)? {
        let key = decode_private_info(der)?;
        return Ok(Parsed::private(Format::Pkcs8, key, None, None));
    }
    let (algorithm, ciphertext) = split_encrypted(der)?;
    let scheme = Scheme::of(algorithm)?;
    let encryption = scheme.describe()?;
    Parsed::encrypted(
        Format::Pkcs8,
        encryption.clone(),
        None,
        None,
        passphrase,
        |pass| decrypt(&scheme, ciphertext, pass, encryption),
    )
}

/// Decrypts and decodes the `encryptedData` of an `EncryptedPrivateKeyInfo`.
fn decrypt(
    scheme: &Scheme<'_>,
    ciphertext: &[u8],
    pass: &[u8],
    encryption: Encryption,
) -> Result<Parsed> {
    let plain = scheme.decrypt(pass, ciphertext)?;
    // A wrong key passes the padding check about once in 256 tries; the DER parse then fails.
    let key = decode_private_info(&plain).map_err(|e| match e {
        Error::InconsistentKey(_) | Error::KeyTooLarge { .. } | Error::UnsupportedAlgorithm(_) => e,
        _ => Error::WrongPassphrase,
    })?;
    Ok(Parsed::private(Format::Pkcs8, key, None, Some(encryption)))
}

/// Whether the DER is an `EncryptedPrivateKeyInfo` (first field a SEQUENCE) rather than a `PrivateKeyInfo`
/// (first field the version INTEGER).
fn is_encrypted(der: &[u8]) -> Result<bool> {
    let mut reader = SliceReader::new(der).map_err(der_error)?;
    let header = der::Header::decode(&mut reader).map_err(der_error)?;
    if header.tag != Tag::Sequence {
        return Err(Error::Corrupt("the key is not an ASN.1 SEQUENCE"));
    }
    match reader.peek_tag().map_err(der_error)? {
        Tag::Integer => Ok(false),
        Tag::Sequence => Ok(true),
        _ => Err(Error::Corrupt("the key's ASN.1 structure is invalid")),
    }
}

/// Splits an `EncryptedPrivateKeyInfo` into its algorithm identifier and ciphertext.
fn split_encrypted(der: &[u8]) -> Result<(::pkcs8::AlgorithmIdentifierRef<'_>, &[u8])> {
    let mut reader = SliceReader::new(der).map_err(der_error)?;
    let parts = reader
        .sequence(|r| {
            let alg = ::pkcs8::AlgorithmIdentifierRef::decode(r)?;
            let data = OctetStringRef::decode(r)?;
            Ok((alg, data.as_bytes()))
        })
        .map_err(der_error)?;
    reader.finish(parts).map_err(der_error)
}

/// How an `EncryptedPrivateKeyInfo` is encrypted.
enum Scheme<'a> {
    /// PBES2 as the `pkcs5` crate takes it (PBKDF2 or scrypt, AES-CBC or DES).
    Pbes2(pbes2::Parameters<'a>),
    /// PBES2 with RC2-CBC: the KDF, the effective key bits and the IV.
    Pbes2Rc2(pbes2::Kdf<'a>, usize, &'a [u8]),
    /// PBES1 or a PKCS#12 scheme.
    Old(pbe::OldScheme<'a>),
}

impl<'a> Scheme<'a> {
    /// Reads the encryption algorithm identifier.
    fn of(alg: ::pkcs8::AlgorithmIdentifierRef<'a>) -> Result<Self> {
        if let Some(old) = pbe::OldScheme::parse(&alg.oid, alg.parameters)? {
            return Ok(Scheme::Old(old));
        }
        if alg.oid == pbes2::PBES2_OID {
            let params = alg
                .parameters
                .ok_or(Error::Corrupt("the PBES2 parameters are missing"))?;
            let (kdf, enc) = params
                .sequence(|r| {
                    let kdf = ::pkcs8::AlgorithmIdentifierRef::decode(r)?;
                    let enc = ::pkcs8::AlgorithmIdentifierRef::decode(r)?;
                    Ok((kdf, enc))
                })
                .map_err(der_error)?;
            if enc.oid == pbe::RC2_CBC_OID {
                let kdf = pbes2::Kdf::try_from(kdf).map_err(|e| match e.kind() {
                    der::ErrorKind::OidUnknown { oid } => {
                        Error::UnsupportedCipher(format!("PBES2 with key derivation {oid}"))
                    }
                    _ => der_error(e),
                })?;
                let (bits, iv) = pbe::rc2_parameters(enc.parameters)?;
                return Ok(Scheme::Pbes2Rc2(kdf, bits, iv));
            }
        }
        pbes2_parameters(alg).map(Scheme::Pbes2)
    }

    /// The report form: cipher and KDF.
    fn describe(&self) -> Result<Encryption> {
        match self {
            Scheme::Pbes2(params) => describe(params),
            Scheme::Pbes2Rc2(kdf, bits, _) => {
                if !kdf.is_pbkdf2() {
                    return Err(Error::UnsupportedCipher("RC2 with scrypt".into()));
                }
                Ok(Encryption {
                    cipher: pbe::rc2_name(*bits),
                    kdf: Some(describe_kdf(kdf)?),
                })
            }
            Scheme::Old(old) => Ok(old.encryption()),
        }
    }

    /// Decrypts the key; the caller has checked the KDF's caps.
    fn decrypt(&self, pass: &[u8], ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        match self {
            Scheme::Pbes2(params) => {
                let block = match params.encryption {
                    EncryptionScheme::Aes128Cbc { .. }
                    | EncryptionScheme::Aes192Cbc { .. }
                    | EncryptionScheme::Aes256Cbc { .. } => 16,
                    _ => 8,
                };
                if ciphertext.is_empty() || ciphertext.len() % block != 0 {
                    return Err(Error::Truncated);
                }
                let mut buf = Zeroizing::new(ciphertext.to_vec());
                let len = params
                    .decrypt_in_place(pass, &mut buf)
                    .map_err(|e| match e {
                        ::pkcs8::pkcs5::Error::DecryptFailed
                        | ::pkcs8::pkcs5::Error::EncryptFailed => Error::WrongPassphrase,
                        ::pkcs8::pkcs5::Error::UnsupportedAlgorithm { oid } => {
                            Error::UnsupportedCipher(format!("PBES2 with {oid}"))
                        }
                        _ => Error::Corrupt("the PBES2 parameters are invalid"),
                    })?
                    .len();
                buf.truncate(len);
                Ok(buf)
            }
            Scheme::Pbes2Rc2(kdf, bits, iv) => {
                let p = kdf
                    .pbkdf2()
                    .ok_or(Error::UnsupportedCipher("RC2 with scrypt".into()))?;
                // RC2 takes 1 to 128 key bytes; PBES2 gives the length in the KDF, or it is the effective size.
                let len = p.key_length.map_or(bits.div_ceil(8), usize::from);
                if !(1..=128).contains(&len) {
                    return Err(Error::Corrupt("the RC2 key length is invalid"));
                }
                let mut key = Zeroizing::new(vec![0u8; len]);
                pbkdf2_into(p, pass, &mut key)?;
                pbe::decrypt_rc2(&key, *bits, iv, ciphertext)
            }
            Scheme::Old(old) => old.decrypt(pass, ciphertext),
        }
    }
}

/// PBKDF2 of `pass` into `out` with the PRF the parameters name.
fn pbkdf2_into(p: &pbes2::Pbkdf2Params<'_>, pass: &[u8], out: &mut [u8]) -> Result<()> {
    use pbkdf2::pbkdf2_hmac;
    let (salt, n) = (p.salt, p.iteration_count);
    match p.prf {
        Pbkdf2Prf::HmacWithSha1 => pbkdf2_hmac::<sha1::Sha1>(pass, salt, n, out),
        Pbkdf2Prf::HmacWithSha224 => pbkdf2_hmac::<sha2::Sha224>(pass, salt, n, out),
        Pbkdf2Prf::HmacWithSha256 => pbkdf2_hmac::<sha2::Sha256>(pass, salt, n, out),
        Pbkdf2Prf::HmacWithSha384 => pbkdf2_hmac::<sha2::Sha384>(pass, salt, n, out),
        Pbkdf2Prf::HmacWithSha512 => pbkdf2_hmac::<sha2::Sha512>(pass, salt, n, out),
        other => {
            return Err(Error::UnsupportedCipher(format!(
                "PBKDF2 with {}",
                other.oid()
            )))
        }
    }
    Ok(())
}

/// The PBES2 parameters, or the name of the scheme keyfit cannot decrypt.
fn pbes2_parameters(alg: ::pkcs8::AlgorithmIdentifierRef<'_>) -> Result<pbes2::Parameters<'_>> {
    if alg.oid != pbes2::PBES2_OID {
        return Err(Error::UnsupportedCipher(scheme_name(alg.oid)));
    }
    let params = alg
        .parameters
        .ok_or(Error::Corrupt("the PBES2 parameters are missing"))?;
    pbes2::Parameters::try_from(params).map_err(|e| match e.kind() {
        der::ErrorKind::OidUnknown { oid } => {
            Error::UnsupportedCipher(format!("PBES2 with {}", scheme_name(oid)))
        }
        _ => der_error(e),
    })
}

/// Human names of the encryption schemes keyfit does not decrypt (the others are in [`pbe`]).
fn scheme_name(oid: ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "1.2.840.113549.1.5.1" => "pbeWithMD2AndDES-CBC",
        "1.2.840.113549.1.5.4" => "pbeWithMD2AndRC2-CBC",
        "1.2.156.10197.1.104.2" => "sm4-cbc",
        "1.3.6.1.4.1.3029.1.2" => "bf-cbc",
        "1.2.840.113533.7.66.10" => "cast5-cbc",
        _ => return format!("PKCS#8 encryption {oid}"),
    };
    name.to_string()
}

/// The report form of PBES2 parameters.
fn describe(params: &pbes2::Parameters<'_>) -> Result<Encryption> {
    let cipher = match params.encryption {
        EncryptionScheme::Aes128Cbc { .. } => "aes-128-cbc",
        EncryptionScheme::Aes192Cbc { .. } => "aes-192-cbc",
        EncryptionScheme::Aes256Cbc { .. } => "aes-256-cbc",
        EncryptionScheme::DesEde3Cbc { .. } => "des-ede3-cbc",
        EncryptionScheme::DesCbc { .. } => "des-cbc",
        other => {
            return Err(Error::UnsupportedCipher(format!(
                "PBES2 with {}",
                other.oid()
            )))
        }
    };
    let kdf = describe_kdf(&params.kdf)?;
    Ok(Encryption {
        cipher: cipher.to_string(),
        kdf: Some(kdf),
    })
}

/// The report form of a PBES2 key derivation.
fn describe_kdf(kdf: &pbes2::Kdf<'_>) -> Result<Kdf> {
    Ok(match kdf {
        pbes2::Kdf::Pbkdf2(p) => Kdf::Pbkdf2 {
            prf: match p.prf {
                Pbkdf2Prf::HmacWithSha1 => "hmacWithSHA1",
                Pbkdf2Prf::HmacWithSha224 => "hmacWithSHA224",
                Pbkdf2Prf::HmacWithSha256 => "hmacWithSHA256",
                Pbkdf2Prf::HmacWithSha384 => "hmacWithSHA384",
                Pbkdf2Prf::HmacWithSha512 => "hmacWithSHA512",
                other => {
                    return Err(Error::UnsupportedCipher(format!(
                        "PBKDF2 with {}",
                        other.oid()
                    )))
                }
            },
            iterations: p.iteration_count,
        },
        pbes2::Kdf::Scrypt(s) => {
            let n = s.cost_parameter;
            // N must be a power of two from 2 up (RFC 7914 §2); pkcs5 would underflow on 0.
            if n < 2 || !n.is_power_of_two() {
                return Err(Error::Corrupt("the scrypt cost is not a power of two"));
            }
            if s.block_size == 0 || s.parallelization == 0 {
                return Err(Error::Corrupt("the scrypt parameters are zero"));
            }
            Kdf::Scrypt {
                // At most 63: fits.
                log_n: n.trailing_zeros() as u8,
                r: s.block_size.into(),
                p: s.parallelization.into(),
            }
        }
        other => {
            return Err(Error::UnsupportedCipher(format!(
                "PBES2 with {}",
                other.oid()
            )))
        }
    })
}

/// Parses a DER `PrivateKeyInfo` into a checked key.
///
/// # Errors
/// [`Error::UnsupportedAlgorithm`] for other algorithms or curves, [`Error::InconsistentKey`],
/// [`Error::KeyTooLarge`], [`Error::Truncated`], [`Error::Corrupt`].
pub(crate) fn decode_private_info(der: &[u8]) -> Result<PrivateKey> {
    let info = PrivateKeyInfo::from_der(der).map_err(der_error)?;
    let alg = info.algorithm;
    match alg.oid {
        RSA_OID => {
            if alg.parameters.is_some_and(|p| !p.is_null()) {
                return Err(Error::Corrupt("the RSA algorithm parameters are not NULL"));
            }
            Ok(PrivateKey::Rsa(asn1::rsa_private_from_der(
                info.private_key,
            )?))
        }
        ED25519_OID => {
            if alg.parameters.is_some() {
                return Err(Error::Corrupt("the Ed25519 algorithm has parameters"));
            }
            // RFC 8410 §7: the private key is an OCTET STRING inside the OCTET STRING.
            let seed = OctetStringRef::from_der(info.private_key).map_err(der_error)?;
            let seed = Zeroizing::new(ed25519_bytes(seed.as_bytes())?);
            let public = info.public_key.map(ed25519_bytes).transpose()?;
            Ok(PrivateKey::Ed25519(Ed25519Private::new(*seed, public)?))
        }
        EC_OID => {
            let curve = named_curve(alg.parameters)?;
            let k = asn1::EcKeyParts::from_der(info.private_key)?;
            Ok(PrivateKey::Ecdsa(asn1::ec_private(
                curve,
                &k,
                info.public_key,
            )?))
        }
        DSA_OID => {
            let (p, q, g) = dsa_parameters(alg.parameters)?;
            let x = uint(UintRef::from_der(info.private_key).map_err(der_error)?);
            Ok(PrivateKey::Dsa(dsa_from_parts(p, q, g, None, x)?))
        }
        // Its public key would have to be computed (keyfit carries no Ed448 arithmetic); keyfit reads Ed448
        // only where the file shows the public key (SPKI, OpenSSH, PuTTY).
        ED448_OID => Err(Error::UnsupportedAlgorithm(
            "Ed448 stored without its public key".into(),
        )),
        other => Err(Error::UnsupportedAlgorithm(algorithm_name(other))),
    }
}

/// DER `PrivateKeyInfo` (version 1, no public key), as `openssl pkcs8 -topk8 -nocrypt` writes it.
///
/// # Errors
/// Only on an internal encoding failure.
pub(crate) fn encode_private_info(key: &PrivateKey) -> Result<Zeroizing<Vec<u8>>> {
    let dsa_params;
    let ec_oid;
    let (algorithm, inner): (::pkcs8::AlgorithmIdentifierRef<'_>, Zeroizing<Vec<u8>>) = match key {
        PrivateKey::Rsa(k) => {
            let doc = asn1::rsa_private_der(k)?;
            (
                ::pkcs8::AlgorithmIdentifierRef {
                    oid: RSA_OID,
                    parameters: Some(AnyRef::NULL),
                },
                Zeroizing::new(doc.as_bytes().to_vec()),
            )
        }
        PrivateKey::Ed25519(k) => (
            ::pkcs8::AlgorithmIdentifierRef {
                oid: ED25519_OID,
                parameters: None,
            },
            Zeroizing::new(
                OctetStringRef::new(&k.seed)
                    .and_then(|s| s.to_der())
                    .map_err(der_error)?,
            ),
        ),
        PrivateKey::Ecdsa(k) => {
            ec_oid = k.curve.oid();
            // OpenSSL leaves the curve out of the inner ECPrivateKey: the algorithm identifier names it.
            let inner = ::sec1::EcPrivateKey {
                private_key: &k.scalar,
                parameters: None,
                public_key: Some(&k.point),
            };
            (
                ::pkcs8::AlgorithmIdentifierRef {
                    oid: EC_OID,
                    parameters: Some(AnyRef::from(&ec_oid)),
                },
                Zeroizing::new(inner.to_der().map_err(der_error)?),
            )
        }
        PrivateKey::Dsa(k) => {
            dsa_params = encode_dsa_parameters(&k.p, &k.q, &k.g)?;
            let x = Zeroizing::new(k.x.to_bytes_be());
            (
                ::pkcs8::AlgorithmIdentifierRef {
                    oid: DSA_OID,
                    parameters: Some(AnyRef::from_der(&dsa_params).map_err(der_error)?),
                },
                Zeroizing::new(
                    UintRef::new(&x)
                        .and_then(|u| u.to_der())
                        .map_err(der_error)?,
                ),
            )
        }
    };
    let info = PrivateKeyInfo::new(algorithm, &inner);
    Ok(Zeroizing::new(info.to_der().map_err(der_error)?))
}

/// Writes a PKCS#8 PEM key: `PRIVATE KEY`, or with a passphrase `ENCRYPTED PRIVATE KEY` under PBES2 with
/// PBKDF2-HMAC-SHA256 (2048 iterations, 16-byte salt) and AES-256-CBC, OpenSSL 3's default.
///
/// # Errors
/// Only on an internal encoding failure.
pub(crate) fn write(
    key: &PrivateKey,
    passphrase: Option<&[u8]>,
    rng: &mut impl CryptoRngCore,
) -> Result<Zeroizing<String>> {
    let der = encode_private_info(key)?;
    let Some(pass) = passphrase else {
        return Ok(armor::write(PRIVATE_LABEL, &[], &der, PEM_WIDTH));
    };
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    rng.fill_bytes(&mut salt);
    rng.fill_bytes(&mut iv);
    let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(WRITE_ITERATIONS, &salt, &iv)
        .map_err(|_| Error::Corrupt("the PBES2 parameters could not be built"))?;
    let ciphertext = params
        .encrypt(pass, &der)
        .map_err(|_| Error::Corrupt("the key could not be encrypted"))?;
    let info = EncryptedPrivateKeyInfo {
        encryption_algorithm: params.into(),
        encrypted_data: &ciphertext,
    };
    let out = info.to_der().map_err(der_error)?;
    Ok(armor::write(ENCRYPTED_LABEL, &[], &out, PEM_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The readers as results: a passphrase that fails is an error (see `Parsed::unlocked`).
    fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
        super::read(armor, passphrase).and_then(Parsed::unlocked)
    }

    fn read_der(der: &[u8], passphrase: Option<&[u8]>) -> Result<Parsed> {
        super::read_der(der, passphrase).and_then(Parsed::unlocked)
    }
    use crate::test_support::{have, run, ssh_fingerprint, tool_fingerprint};
    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::time::{Duration, Instant};

    // `openssl genpkey -algorithm ed25519`
    const ED25519: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIH3Xv260QJikD0oXceuVlrj/aOhG9f8LQ2lghrlnslo8
-----END PRIVATE KEY-----
";
    // `openssl pkcs8 -topk8 -passout pass:pw` of ED25519 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC).
    const ED25519_ENC: &str = "-----BEGIN ENCRYPTED PRIVATE KEY-----
MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgd7JGhlSDUAQICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEBgENFRpSk3tjhxlig5ODSEEQN2u
GDqcnCgUt62nG++Albjt4tnMOihrxZCyCDO6iTQK5+LJWOWSzguyfG2P2eSMbDKW
gPtJhjz6odceCx9KMKU=
-----END ENCRYPTED PRIVATE KEY-----
";
    // `ssh-keygen -l` of the public key (built from the last 32 bytes of `openssl pkey -pubout -outform DER`).
    const ED25519_FP: &str = "SHA256:NNIjNsISAFSP1KcpjL+DpIql6+/buMYAwlMOSL9F+3M";

    // `openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256`
    const P256: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgo3hgWhg//4E0ueNe
XGdNdBwomzMbe+oWRdVHp7Tz4o6hRANCAASGgWMF40C3NDFKyqRB9CpuvIZugZbC
91hzI6dWsDBxUgh5MiUqrQeWyJmtDLwLsduSxYf7En/koRBUXNBkt/a3
-----END PRIVATE KEY-----
";
    // `ssh-keygen -l` of `ssh-keygen -i -m PKCS8` of `openssl pkey -pubout` of P256.
    const P256_FP: &str = "SHA256:nHNfq+KiUi94mthqx1UsHXNSOvMtD9wDLLSMRtjjUHw";

    // `openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:1024`
    const RSA1024: &str = "-----BEGIN PRIVATE KEY-----
MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBANFzDYBJ/qVUYs12
mTsq6B17m+A6DBK2zFinc9Keo6H7ugQXKWUkEZdcaEk9Q2TqQs4u2pyrMWlNu3gf
p3lem/oXv1QdfJxsdEmIwQ1tlg7YPUu32YD9Fmot8fn9s+D6dfpqUXKM39KmMNJ2
EzCJApCMcT6ke3YVV0g4F23jeVJlAgMBAAECgYAEnWhav0ahFe7nYAmYSCW9IJAa
rKy/bM+r1GS061Hnq8g5dtkupVDN6PdTRcpKWu8F4/plIVCBZXkP+IKUJgWBvvG2
/2DkhgdF5h9hT+/UjYEWqD0QFIXm1c1g3D7DJ9YVgLa2iqcEzfxQKnaO6ti18cQY
l6Tn0xncfVzJNWSoAQJBAPgbl7XNRgGlA5IC1CaOYM0PJYbeCGn9AXuaWDDgl2ZR
E1C8cAB2MANYzYUByX7H7ovY0wjIrRosCn25naNPSoECQQDYHKelZlA56jvJ1yTV
XWYvDjWOo3shSQkD2w9t3gfggvsrRbfYuSfGz9Za9MrHoryCtzRXWvIcMx0+v+2l
8y3lAkAulH+XEkLibCiPcRiDZJen6AATofvSaj2tBv0nsAK8otwNfFNKwuWguzta
jUtXEhInDz4PmB1nnH0bvY1q66gBAkBHc5HqGZ3EyDDkVwGSmcLDJAuJEXwQUTlt
0OuVA6fPDv9EG1ThjrYcAXN5tx2kS6XQAgqIJ0WNFUlCCerkxzYRAkEAy0ezu3+d
fltaJyE3Q+ppLe0eHp/HWLzzSsnjUr5DsXzh4iH4iHczqAJNXqPpU2iJU11zcnkG
nv8P27N7E4AhAQ==
-----END PRIVATE KEY-----
";
    // `ssh-keygen -l` of `ssh-keygen -i -m PKCS8` of `openssl pkey -pubout` of RSA1024.
    const RSA1024_FP: &str = "SHA256:dcCesmlTLb9n/DurRC2xpAeDUn/I2SHgXYr42qZvvn0";

    fn pem(text: &str) -> Armor {
        armor::parse(text).unwrap()
    }

    fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
        run(Command::new("openssl").current_dir(dir).args(args))
    }

    /// Keys made by `openssl genpkey`: name, file.
    fn openssl_keys(dir: &Path) -> Vec<(&'static str, PathBuf)> {
        let mut keys = Vec::new();
        for (name, args) in [
            (
                "rsa1024",
                &["-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:1024"][..],
            ),
            (
                "rsa2048",
                &["-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:2048"][..],
            ),
            ("ed25519", &["-algorithm", "ed25519"][..]),
            (
                "p256",
                &["-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"][..],
            ),
            (
                "p384",
                &["-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"][..],
            ),
            (
                "p521",
                &["-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-521"][..],
            ),
        ] {
            let mut a = vec!["genpkey", "-out", name];
            a.extend_from_slice(args);
            openssl(dir, &a);
            keys.push((name, dir.join(name)));
        }
        openssl(
            dir,
            &[
                "genpkey",
                "-genparam",
                "-algorithm",
                "dsa",
                "-pkeyopt",
                "dsa_paramgen_bits:1024",
                "-out",
                "dsaparam",
            ],
        );
        openssl(dir, &["genpkey", "-paramfile", "dsaparam", "-out", "dsa"]);
        keys.push(("dsa", dir.join("dsa")));
        keys
    }

    #[test]
    fn reads_embedded_keys() {
        for (text, fp, alg) in [
            (ED25519, ED25519_FP, "ed25519"),
            (P256, P256_FP, "ecdsa-p256"),
            (RSA1024, RSA1024_FP, "rsa"),
        ] {
            let parsed = read(&pem(text), None).unwrap();
            assert_eq!(parsed.format, Format::Pkcs8);
            assert!(parsed.encryption.is_none());
            let key = parsed.private.unwrap();
            assert_eq!(key.algorithm().name(), alg);
            assert_eq!(key.public_key().fingerprint_sha256(), fp);
            // The writer gives back the same text, as openssl does.
            let mut rng = rand_core::OsRng;
            assert_eq!(&*write(&key, None, &mut rng).unwrap(), text);
        }
        let a = pem(ED25519_ENC);
        let locked = read(&a, None).unwrap();
        assert!(locked.private.is_none() && locked.public.is_none());
        assert_eq!(
            locked.encryption,
            Some(Encryption {
                cipher: "aes-256-cbc".into(),
                kdf: Some(Kdf::Pbkdf2 {
                    prf: "hmacWithSHA256",
                    iterations: 2048
                })
            })
        );
        let parsed = read(&a, Some(b"pw")).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), ED25519_FP);
        assert!(parsed.encryption.is_some());
        assert_eq!(read(&a, Some(b"pv")).err(), Some(Error::WrongPassphrase));
        assert_eq!(read(&a, Some(b"")).err(), Some(Error::WrongPassphrase));
    }

    #[test]
    fn openssl_keys_in_every_pbes2_variant() {
        if !have("openssl") || !have("ssh-keygen") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let pbkdf2 = |prf, cipher: &str| Encryption {
            cipher: cipher.into(),
            kdf: Some(Kdf::Pbkdf2 {
                prf,
                iterations: 2048,
            }),
        };
        let variants: [(&str, &[&str], Encryption); 6] = [
            ("default", &[], pbkdf2("hmacWithSHA256", "aes-256-cbc")),
            (
                "sha1",
                &["-v2prf", "hmacWithSHA1"],
                pbkdf2("hmacWithSHA1", "aes-256-cbc"),
            ),
            (
                "sha512",
                &["-v2prf", "hmacWithSHA512"],
                pbkdf2("hmacWithSHA512", "aes-256-cbc"),
            ),
            (
                "des3",
                &["-v2", "des3"],
                pbkdf2("hmacWithSHA256", "des-ede3-cbc"),
            ),
            (
                "aes128",
                &["-v2", "aes128"],
                pbkdf2("hmacWithSHA256", "aes-128-cbc"),
            ),
            (
                "scrypt",
                &["-scrypt"],
                Encryption {
                    cipher: "aes-256-cbc".into(),
                    kdf: Some(Kdf::Scrypt {
                        log_n: 14,
                        r: 8,
                        p: 1,
                    }),
                },
            ),
        ];
        for (name, file) in openssl_keys(dir.path()) {
            let want = tool_fingerprint(&file, None);
            let text = std::fs::read_to_string(&file).unwrap();
            let plain = read(&pem(&text), None).unwrap();
            assert_eq!(
                plain.public.as_ref().unwrap().fingerprint_sha256(),
                want,
                "{name}"
            );
            // DER, plain.
            let der_file = format!("{name}.der");
            openssl(
                dir.path(),
                &[
                    "pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in", name, "-out",
                    &der_file,
                ],
            );
            let der = std::fs::read(dir.path().join(&der_file)).unwrap();
            let parsed = read_der(&der, None).unwrap();
            assert_eq!(
                parsed.public.unwrap().fingerprint_sha256(),
                want,
                "{name} DER"
            );
            for (variant, args, encryption) in &variants {
                let out = format!("{name}.{variant}");
                let mut a = vec![
                    "pkcs8", "-topk8", "-passout", "pass:pw", "-in", name, "-out", &out,
                ];
                a.extend_from_slice(args);
                openssl(dir.path(), &a);
                let a = pem(&std::fs::read_to_string(dir.path().join(&out)).unwrap());
                assert_eq!(a.label, ENCRYPTED_LABEL);
                let locked = read(&a, None).unwrap();
                assert!(locked.private.is_none());
                assert_eq!(locked.encryption.as_ref(), Some(encryption), "{out}");
                let parsed = read(&a, Some(b"pw")).unwrap();
                assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want, "{out}");
                assert_eq!(
                    read(&a, Some(b"wrong")).err(),
                    Some(Error::WrongPassphrase),
                    "{out}"
                );
            }
            // DER, encrypted.
            let enc_der = format!("{name}.enc.der");
            openssl(
                dir.path(),
                &[
                    "pkcs8", "-topk8", "-passout", "pass:pw", "-outform", "DER", "-in", name,
                    "-out", &enc_der,
                ],
            );
            let der = std::fs::read(dir.path().join(&enc_der)).unwrap();
            assert!(read_der(&der, None).unwrap().private.is_none());
            let parsed = read_der(&der, Some(b"pw")).unwrap();
            assert_eq!(
                parsed.public.unwrap().fingerprint_sha256(),
                want,
                "{name} encrypted DER"
            );
        }
    }

    #[test]
    fn ssh_keygen_pkcs8_keys() {
        if !have("ssh-keygen") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        for (t, bits) in [("rsa", "1024"), ("ecdsa", "384")] {
            let file = dir.path().join(t);
            run(Command::new("ssh-keygen")
                .args([
                    "-q", "-t", t, "-b", bits, "-m", "PKCS8", "-N", "hunter2", "-C", "", "-f",
                ])
                .arg(&file));
            let want = ssh_fingerprint(&file.with_extension("pub"));
            let a = pem(&std::fs::read_to_string(&file).unwrap());
            let parsed = read(&a, Some(b"hunter2")).unwrap();
            assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
            // ssh-keygen 9.2 writes PBKDF2-HMAC-SHA256, 2048 iterations, AES-128-CBC.
            assert_eq!(parsed.encryption.unwrap().cipher, "aes-128-cbc");
            assert_eq!(
                read(&a, Some(b"hunter3")).err(),
                Some(Error::WrongPassphrase)
            );
        }
    }

    #[test]
    fn writer_matches_openssl_and_is_read_back_by_it() {
        if !have("openssl") || !have("ssh-keygen") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut rng = rand_core::OsRng;
        for (name, file) in openssl_keys(dir.path()) {
            let want = tool_fingerprint(&file, None);
            let text = std::fs::read_to_string(&file).unwrap();
            let key = read(&pem(&text), None).unwrap().private.unwrap();
            // Unencrypted: byte for byte what `openssl pkcs8 -topk8 -nocrypt` writes.
            let expected = openssl(dir.path(), &["pkcs8", "-topk8", "-nocrypt", "-in", name]);
            let ours = write(&key, None, &mut rng).unwrap();
            assert_eq!(ours.as_bytes(), &expected[..], "{name}");
            // Encrypted: openssl decrypts it and finds the same key; so does our reader.
            let ours = write(&key, Some(b"pass phrase"), &mut rng).unwrap();
            assert!(ours.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
            assert!(ours.lines().all(|l| l.len() <= 64));
            let enc = dir.path().join(format!("{name}.ours"));
            std::fs::write(&enc, ours.as_bytes()).unwrap();
            run(Command::new("openssl")
                .args([
                    "pkey",
                    "-passin",
                    "pass:pass phrase",
                    "-noout",
                    "-text",
                    "-in",
                ])
                .arg(&enc));
            if name.starts_with("rsa") {
                let out = run(Command::new("openssl")
                    .args([
                        "rsa",
                        "-check",
                        "-noout",
                        "-passin",
                        "pass:pass phrase",
                        "-in",
                    ])
                    .arg(&enc));
                assert!(String::from_utf8_lossy(&out).contains("RSA key ok"));
            }
            assert_eq!(tool_fingerprint(&enc, Some("pass phrase")), want, "{name}");
            let back = read(&pem(&ours), Some(b"pass phrase")).unwrap();
            assert_eq!(
                back.encryption.unwrap().kdf,
                Some(Kdf::Pbkdf2 {
                    prf: "hmacWithSHA256",
                    iterations: 2048
                })
            );
            assert_eq!(back.public.unwrap().fingerprint_sha256(), want);
        }
    }

    /// An `EncryptedPrivateKeyInfo` with the given KDF, AES-256-CBC and 32 bytes of ciphertext.
    fn hostile(kdf: pbes2::Kdf<'_>) -> Vec<u8> {
        let iv = [7u8; 16];
        let params = pbes2::Parameters {
            kdf,
            encryption: EncryptionScheme::Aes256Cbc { iv: &iv },
        };
        EncryptedPrivateKeyInfo {
            encryption_algorithm: params.into(),
            encrypted_data: &[0u8; 32],
        }
        .to_der()
        .unwrap()
    }

    fn pbkdf2_with(iterations: u32) -> Vec<u8> {
        hostile(pbes2::Kdf::Pbkdf2(pbes2::Pbkdf2Params {
            salt: &[1; 16],
            iteration_count: iterations,
            key_length: None,
            prf: Pbkdf2Prf::HmacWithSha256,
        }))
    }

    fn scrypt_with(n: u64, r: u16, p: u16) -> Vec<u8> {
        hostile(pbes2::Kdf::Scrypt(pbes2::ScryptParams {
            salt: &[1; 16],
            cost_parameter: n,
            block_size: r,
            parallelization: p,
            key_length: None,
        }))
    }

    /// An `EncryptedPrivateKeyInfo` under an old scheme (`oid` as DER content bytes) with `iterations`.
    fn old_scheme_with(oid: &[u8], iterations: u32) -> Vec<u8> {
        let mut params = vec![0x04, 8, 1, 2, 3, 4, 5, 6, 7, 8];
        params.extend_from_slice(&iterations.to_der().unwrap());
        let params = [&[0x30, params.len() as u8][..], &params].concat();
        let alg = [&[0x06, oid.len() as u8][..], oid, &params].concat();
        let alg = [&[0x30, alg.len() as u8][..], &alg].concat();
        let body = [&alg[..], &[0x04, 16], &[0u8; 16]].concat();
        [&[0x30, body.len() as u8][..], &body].concat()
    }

    #[test]
    fn old_scheme_iterations_are_capped_before_deriving() {
        let start = Instant::now();
        // pbeWithSHAAnd3-KeyTripleDES-CBC (PKCS#12) and pbeWithMD5AndDES-CBC (PBES1).
        let pkcs12 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03];
        let pbes1 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x03];
        for oid in [&pkcs12[..], &pbes1[..]] {
            for pass in [None, Some(&b"pw"[..])] {
                let err = read_der(&old_scheme_with(oid, u32::MAX), pass).unwrap_err();
                assert_eq!(
                    err,
                    Error::KdfTooCostly {
                        parameter: "PBE iterations",
                        value: u32::MAX.into(),
                        limit: crate::limits::MAX_PBE_ITERATIONS.into()
                    }
                );
            }
            assert_eq!(
                read_der(&old_scheme_with(oid, 0), None)
                    .err()
                    .map(|e| e.code()),
                Some("corrupt")
            );
            // Within the cap, the zero ciphertext is a wrong passphrase.
            assert_eq!(
                read_der(&old_scheme_with(oid, 1), Some(b"pw")).err(),
                Some(Error::WrongPassphrase)
            );
        }
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn hostile_kdf_parameters_are_refused_before_deriving() {
        let start = Instant::now();
        for iterations in [
            1u32 << 31,
            u32::MAX,
            crate::limits::MAX_PBKDF2_ITERATIONS + 1,
        ] {
            for pass in [None, Some(&b"pw"[..])] {
                let err = read_der(&pbkdf2_with(iterations), pass).unwrap_err();
                assert_eq!(
                    err,
                    Error::KdfTooCostly {
                        parameter: "PBKDF2 iterations",
                        value: iterations.into(),
                        limit: crate::limits::MAX_PBKDF2_ITERATIONS.into()
                    }
                );
            }
        }
        let err = read_der(&scrypt_with(1 << 30, 8, 1), Some(b"pw")).unwrap_err();
        assert_eq!(err.code(), "kdf-too-costly");
        assert!(err.to_string().contains("scrypt log2(N)"));
        let err = read_der(&scrypt_with(1 << 14, 65535, 65535), Some(b"pw")).unwrap_err();
        assert_eq!(err.code(), "kdf-too-costly");
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        // Costs that are not powers of two, or zero, are damage (pkcs5 itself would underflow on zero).
        for (n, r, p) in [
            (0, 8, 1),
            (1, 8, 1),
            (3, 8, 1),
            (1 << 14, 0, 1),
            (1 << 14, 8, 0),
        ] {
            assert_eq!(
                read_der(&scrypt_with(n, r, p), Some(b"pw"))
                    .err()
                    .map(|e| e.code()),
                Some("corrupt"),
                "{n} {r} {p}"
            );
        }
        assert_eq!(
            read_der(&pbkdf2_with(0), Some(b"pw"))
                .err()
                .map(|e| e.code()),
            Some("corrupt")
        );
        // Within the caps, the garbage ciphertext is a wrong passphrase.
        assert_eq!(
            read_der(&pbkdf2_with(1), Some(b"pw")).err(),
            Some(Error::WrongPassphrase)
        );
    }

    #[test]
    fn damage_is_reported_not_panicked_on() {
        let mut rng = rand_core::OsRng;
        let key = read(&pem(P256), None).unwrap().private.unwrap();
        let enc = write(&key, Some(b"pw"), &mut rng).unwrap();
        for text in [P256, RSA1024, &enc] {
            let der = pem(text).data;
            for cut in 0..der.len() {
                let e = read_der(&der[..cut], Some(b"pw")).unwrap_err();
                assert!(
                    matches!(e, Error::Truncated | Error::Corrupt(_)),
                    "cut {cut}: {e:?}"
                );
            }
            for i in 0..der.len() {
                for bit in [0x01u8, 0x80] {
                    let mut bad = der.to_vec();
                    bad[i] ^= bit;
                    // Anything but a panic; a flip in a ciphertext is a wrong passphrase or damage.
                    let _ = read_der(&bad, Some(b"pw"));
                    let _ = read_der(&bad, None);
                }
            }
        }
        assert_eq!(read_der(&[], None).err(), Some(Error::Truncated));
        assert_eq!(
            read_der(&[0x04, 0x00], None).err().map(|e| e.code()),
            Some("corrupt")
        );
    }

    #[test]
    fn unsupported_schemes_and_algorithms_are_named() {
        if !have("openssl") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        openssl(
            dir.path(),
            &["genpkey", "-algorithm", "x25519", "-out", "x"],
        );
        let a = pem(&String::from_utf8(openssl(dir.path(), &["pkey", "-in", "x"])).unwrap());
        assert_eq!(
            read(&a, None).err(),
            Some(Error::UnsupportedAlgorithm("X25519".into()))
        );
        // PKCS#12-style PBE, OpenSSL's `-v1`: named, not decrypted.
        let ed = dir.path().join("ed");
        std::fs::write(&ed, ED25519).unwrap();
        let out = Command::new("openssl")
            .current_dir(dir.path())
            .args([
                "pkcs8",
                "-topk8",
                "-v1",
                "PBE-SHA1-3DES",
                "-passout",
                "pass:pw",
                "-in",
                "ed",
            ])
            .output()
            .unwrap();
        if out.status.success() {
            // PKCS#12-style PBE, OpenSSL's `-v1`: named, then decrypted (tests/families.rs has every scheme).
            let a = pem(&String::from_utf8(out.stdout).unwrap());
            let locked = read(&a, None).unwrap();
            assert_eq!(
                locked.encryption,
                Some(Encryption {
                    cipher: "des-ede3-cbc".into(),
                    kdf: Some(Kdf::Pkcs12 {
                        hash: "sha1",
                        iterations: 2048
                    })
                })
            );
            let parsed = read(&a, Some(b"pw")).unwrap();
            assert_eq!(parsed.public.unwrap().fingerprint_sha256(), ED25519_FP);
            assert_eq!(read(&a, Some(b"px")).err(), Some(Error::WrongPassphrase));
        } else {
            eprintln!("note: this openssl cannot write PBE-SHA1-3DES");
        }
    }

    #[test]
    fn inner_structures_are_checked() {
        // Ed25519 in a version 2 PrivateKeyInfo with its public key (RFC 8410 §10.3), right and wrong.
        let key = read(&pem(ED25519), None).unwrap().private.unwrap();
        let PrivateKey::Ed25519(k) = &key else {
            panic!()
        };
        let inner = OctetStringRef::new(&k.seed).unwrap().to_der().unwrap();
        let alg = ::pkcs8::AlgorithmIdentifierRef {
            oid: ED25519_OID,
            parameters: None,
        };
        let mut other = k.public;
        other[0] ^= 1;
        for (public, ok) in [(k.public, true), (other, false)] {
            let info = PrivateKeyInfo {
                algorithm: alg,
                private_key: &inner,
                public_key: Some(&public),
            };
            let r = read_der(&info.to_der().unwrap(), None);
            if ok {
                assert_eq!(r.unwrap().public.unwrap().fingerprint_sha256(), ED25519_FP);
            } else {
                assert_eq!(r.err().map(|e| e.code()), Some("inconsistent-key"));
            }
        }
        // ECDSA without its public point, and naming another curve inside.
        let der = pem(P256).data;
        let info = PrivateKeyInfo::from_der(&der).unwrap();
        let ec = ::sec1::EcPrivateKey::from_der(info.private_key).unwrap();
        let bare = ::sec1::EcPrivateKey {
            public_key: None,
            ..ec.clone()
        }
        .to_der()
        .unwrap();
        let r = read_der(
            &PrivateKeyInfo {
                private_key: &bare,
                ..info.clone()
            }
            .to_der()
            .unwrap(),
            None,
        );
        // Without its public point, the point is computed from the scalar: the same key.
        assert_eq!(r.unwrap().public.unwrap().fingerprint_sha256(), P256_FP);
        let p384 = crate::key::Curve::P384.oid();
        let named = ::sec1::EcPrivateKey {
            parameters: Some(::sec1::EcParameters::NamedCurve(p384)),
            ..ec
        }
        .to_der()
        .unwrap();
        let r = read_der(
            &PrivateKeyInfo {
                private_key: &named,
                ..info
            }
            .to_der()
            .unwrap(),
            None,
        );
        assert_eq!(r.err().map(|e| e.code()), Some("corrupt"));
    }
}
