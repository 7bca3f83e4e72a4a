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
use crate::kdf::{outside, Params, Prf, Request};
use crate::key::dsa_from_parts;
use crate::key::{ed25519_bytes, Ed25519Private, PrivateKey};
use crate::legacy_pem;
use crate::limits;
use crate::parsed::{Encryption, Format, Kdf, Parsed};
use crate::text::PEM_WIDTH;
use ::pkcs8::pkcs5::pbes2::{self, EncryptionScheme, Pbkdf2Prf};
use ::pkcs8::{EncryptedPrivateKeyInfo, PrivateKeyInfo};
use cbc::cipher::{
    block_padding::Pkcs7, BlockCipher, BlockDecryptMut, BlockEncryptMut, KeyInit, KeyIvInit,
};
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
                let mut key = Zeroizing::new(vec![0u8; params.encryption.key_size()]);
                if params
                    .kdf
                    .key_length()
                    .is_some_and(|len| usize::from(len) != key.len())
                {
                    return Err(Error::Corrupt("the PBES2 parameters are invalid"));
                }
                match &params.kdf {
                    pbes2::Kdf::Pbkdf2(p) => pbkdf2_into(p, pass, &mut key)?,
                    pbes2::Kdf::Scrypt(s) => scrypt_into(s, pass, &mut key)?,
                    other => {
                        return Err(Error::UnsupportedCipher(format!(
                            "PBES2 with {}",
                            other.oid()
                        )))
                    }
                }
                decrypt_cbc(params.encryption, &key, ciphertext)
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

/// PBKDF2 of `pass` into `out` with the PRF the parameters name ([`crate::kdf`]: made by the caller when it
/// derives outside, else here).
fn pbkdf2_into(p: &pbes2::Pbkdf2Params<'_>, pass: &[u8], out: &mut [u8]) -> Result<()> {
    let prf = match p.prf {
        Pbkdf2Prf::HmacWithSha1 => Prf::Sha1,
        Pbkdf2Prf::HmacWithSha224 => Prf::Sha224,
        Pbkdf2Prf::HmacWithSha256 => Prf::Sha256,
        Pbkdf2Prf::HmacWithSha384 => Prf::Sha384,
        Pbkdf2Prf::HmacWithSha512 => Prf::Sha512,
        other => {
            return Err(Error::UnsupportedCipher(format!(
                "PBKDF2 with {}",
                other.oid()
            )))
        }
    };
    crate::limits::check_pbkdf2_work(p.iteration_count, out.len().div_ceil(prf.block_len()))?;
    let params = Params::Pbkdf2 {
        prf,
        iterations: p.iteration_count,
    };
    derive_into(params, p.salt, pass, out)
}

/// scrypt of `pass` into `out`; the caller has checked the caps.
fn scrypt_into(s: &pbes2::ScryptParams<'_>, pass: &[u8], out: &mut [u8]) -> Result<()> {
    // N is a power of two from 2 up (checked when described).
    let params = Params::Scrypt {
        log_n: s.cost_parameter.trailing_zeros() as u8,
        r: s.block_size.into(),
        p: s.parallelization.into(),
    };
    derive_into(params, s.salt, pass, out)
}

/// The derivation `params` of `pass` with `salt`, as long as `out`, into `out`.
fn derive_into(params: Params, salt: &[u8], pass: &[u8], out: &mut [u8]) -> Result<()> {
    let mut request = Request {
        params,
        salt: salt.to_vec(),
        len: out.len(),
        write: false,
    };
    out.copy_from_slice(&outside::derive(&mut request, pass)?);
    Ok(())
}

/// Decrypts PBES2's CBC ciphers with the derived key; a padding failure is a wrong passphrase.
fn decrypt_cbc(es: EncryptionScheme<'_>, key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    fn run<C: BlockDecryptMut + BlockCipher + KeyInit>(
        key: &[u8],
        iv: &[u8],
        data: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        let mut buf = Zeroizing::new(data.to_vec());
        let len = cbc::Decryptor::<C>::new_from_slices(key, iv)
            .map_err(|_| Error::Corrupt("the PBES2 parameters are invalid"))?
            .decrypt_padded_mut::<Pkcs7>(&mut buf)
            .map_err(|_| Error::WrongPassphrase)?
            .len();
        buf.truncate(len);
        Ok(buf)
    }
    match es {
        EncryptionScheme::Aes128Cbc { iv } => run::<aes::Aes128Dec>(key, iv, data),
        EncryptionScheme::Aes192Cbc { iv } => run::<aes::Aes192Dec>(key, iv, data),
        EncryptionScheme::Aes256Cbc { iv } => run::<aes::Aes256Dec>(key, iv, data),
        EncryptionScheme::DesEde3Cbc { iv } => run::<des::TdesEde3>(key, iv, data),
        EncryptionScheme::DesCbc { iv } => run::<des::Des>(key, iv, data),
        other => Err(Error::UnsupportedCipher(format!(
            "PBES2 with {}",
            other.oid()
        ))),
    }
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
        pbes2::Kdf::Pbkdf2(p) => {
            limits::check_salt(p.salt.len())?;
            Kdf::Pbkdf2 {
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
            }
        }
        pbes2::Kdf::Scrypt(s) => {
            limits::check_salt(s.salt.len())?;
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
    // A caller that derives outside is asked with this fresh salt, then gives the bytes with it: the salt
    // written is the one the key was derived with.
    let mut request = Request {
        params: Params::Pbkdf2 {
            prf: Prf::Sha256,
            iterations: WRITE_ITERATIONS,
        },
        salt: salt.to_vec(),
        len: 32,
        write: true,
    };
    let key = outside::derive(&mut request, pass)?;
    let salt = request.salt;
    let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(WRITE_ITERATIONS, &salt, &iv)
        .map_err(|_| Error::Corrupt("the PBES2 parameters could not be built"))?;
    let ciphertext = cbc::Encryptor::<aes::Aes256Enc>::new_from_slices(&key[..], &iv)
        .map_err(|_| Error::Corrupt("the key could not be encrypted"))?
        .encrypt_padded_vec_mut::<Pkcs7>(&der);
    let info = EncryptedPrivateKeyInfo {
        encryption_algorithm: params.into(),
        encrypted_data: &ciphertext,
    };
    let out = info.to_der().map_err(der_error)?;
    Ok(armor::write(ENCRYPTED_LABEL, &[], &out, PEM_WIDTH))
}

#[cfg(test)]
mod tests;
