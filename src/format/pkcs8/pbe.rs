//! The PKCS#8 encryption schemes older than PBES2, which older OpenSSL (`openssl pkcs8 -v1`), Java keystore
//! exports and PKCS#12 tools write: PBES1 ([RFC 8018 §6.1](https://www.rfc-editor.org/rfc/rfc8018#section-6.1):
//! PBKDF1 with MD5 or SHA-1, DES-CBC or RC2-CBC) and the PKCS#12 schemes
//! ([RFC 7292 Appendix B and C](https://www.rfc-editor.org/rfc/rfc7292#appendix-B): the PKCS#12 KDF with SHA-1,
//! 3DES, 2-key 3DES, RC2 and RC4), plus PBES2 with RC2-CBC ([RFC 8018 §B.2.3](https://www.rfc-editor.org/rfc/rfc8018#appendix-B.2.3)),
//! which the `pkcs5` crate does not take.
//!
//! Hand-written on RustCrypto's ciphers and digests: no maintained crate derives PKCS#12 keys or decrypts these
//! schemes (pkcs5 0.7 stops at PBES2 with AES and DES). Every iteration count is checked against
//! [`crate::limits`] before anything is derived.

use crate::error::{Error, Result};
use crate::parsed::{Encryption, Kdf};
use cbc::cipher::{
    block_padding::Pkcs7, BlockDecryptMut, InnerIvInit, KeyInit, KeyIvInit, StreamCipher,
};
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Reader};
use md5::Md5;
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

/// The hash of PBKDF1 (PBES1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pbkdf1Hash {
    Md5,
    Sha1,
}

/// The cipher a scheme decrypts with, and its key length in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cipher {
    DesCbc,
    DesEde3Cbc,
    DesEdeCbc,
    /// RC2-CBC with this many effective key bits (the key is `bits / 8` bytes, except in PBES2 where the KDF
    /// says how long it is).
    Rc2Cbc(usize),
    /// RC4 with this many key bytes.
    Rc4(usize),
}

impl Cipher {
    fn key_len(self) -> usize {
        match self {
            Cipher::DesCbc => 8,
            Cipher::DesEde3Cbc => 24,
            Cipher::DesEdeCbc => 16,
            Cipher::Rc2Cbc(bits) => bits / 8,
            Cipher::Rc4(bytes) => bytes,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Cipher::Rc4(_) => 0,
            _ => 8,
        }
    }

    /// The name keyfit reports, as `openssl list -cipher-algorithms` spells it.
    fn name(self) -> String {
        match self {
            Cipher::DesCbc => "des-cbc".into(),
            Cipher::DesEde3Cbc => "des-ede3-cbc".into(),
            Cipher::DesEdeCbc => "des-ede-cbc".into(),
            Cipher::Rc2Cbc(bits) => format!("rc2-{bits}-cbc"),
            Cipher::Rc4(bytes) => format!("rc4-{}", bytes * 8),
        }
    }
}

/// How the key and IV are derived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Derivation {
    Pbkdf1(Pbkdf1Hash),
    Pkcs12Sha1,
}

/// A PBES1 or PKCS#12 scheme with its parameters, as read from an `EncryptedPrivateKeyInfo`.
#[derive(Clone, Debug)]
pub struct OldScheme<'a> {
    derivation: Derivation,
    cipher: Cipher,
    salt: &'a [u8],
    iterations: u32,
}

/// The schemes by OID: PKCS#5 v1.5 (`1.2.840.113549.1.5.*`) and PKCS#12 (`1.2.840.113549.1.12.1.*`).
fn scheme_of(oid: &ObjectIdentifier) -> Option<(Derivation, Cipher)> {
    use Derivation::{Pbkdf1, Pkcs12Sha1};
    use Pbkdf1Hash::{Md5, Sha1};
    Some(match oid.to_string().as_str() {
        "1.2.840.113549.1.5.3" => (Pbkdf1(Md5), Cipher::DesCbc),
        "1.2.840.113549.1.5.6" => (Pbkdf1(Md5), Cipher::Rc2Cbc(64)),
        "1.2.840.113549.1.5.10" => (Pbkdf1(Sha1), Cipher::DesCbc),
        "1.2.840.113549.1.5.11" => (Pbkdf1(Sha1), Cipher::Rc2Cbc(64)),
        "1.2.840.113549.1.12.1.1" => (Pkcs12Sha1, Cipher::Rc4(16)),
        "1.2.840.113549.1.12.1.2" => (Pkcs12Sha1, Cipher::Rc4(5)),
        "1.2.840.113549.1.12.1.3" => (Pkcs12Sha1, Cipher::DesEde3Cbc),
        "1.2.840.113549.1.12.1.4" => (Pkcs12Sha1, Cipher::DesEdeCbc),
        "1.2.840.113549.1.12.1.5" => (Pkcs12Sha1, Cipher::Rc2Cbc(128)),
        "1.2.840.113549.1.12.1.6" => (Pkcs12Sha1, Cipher::Rc2Cbc(40)),
        _ => return None,
    })
}

impl<'a> OldScheme<'a> {
    /// Reads `PBEParameter ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER }` (the same shape for
    /// PKCS#12's `pkcs-12PbeParams`) for an old scheme's OID; `None` when the OID is not one.
    ///
    /// # Errors
    /// [`Error::Corrupt`] for malformed parameters, [`Error::KdfTooCostly`] past the iteration cap.
    pub fn parse(oid: &ObjectIdentifier, params: Option<AnyRef<'a>>) -> Result<Option<Self>> {
        let Some((derivation, cipher)) = scheme_of(oid) else {
            return Ok(None);
        };
        let params = params.ok_or(Error::Corrupt("the encryption parameters are missing"))?;
        let (salt, iterations) = params
            .sequence(|r| {
                let salt = OctetStringRef::decode(r)?;
                let iterations = u32::decode(r)?;
                Ok((salt.as_bytes(), iterations))
            })
            .map_err(|_| Error::Corrupt("the encryption parameters are malformed"))?;
        if iterations == 0 {
            return Err(Error::Corrupt("the iteration count is zero"));
        }
        // PBES1 fixes the salt at 8 bytes; PKCS#12 takes any length (and real files use 8 to 20).
        if matches!(derivation, Derivation::Pbkdf1(_)) && salt.len() != 8 {
            return Err(Error::Corrupt("the PBES1 salt is not 8 bytes"));
        }
        crate::limits::check_salt(salt.len())?;
        let scheme = OldScheme {
            derivation,
            cipher,
            salt,
            iterations,
        };
        scheme.kdf().check_limits()?;
        Ok(Some(scheme))
    }

    /// The KDF as the report shows it.
    pub fn kdf(&self) -> Kdf {
        match self.derivation {
            Derivation::Pbkdf1(hash) => Kdf::Pbkdf1 {
                hash: match hash {
                    Pbkdf1Hash::Md5 => "md5",
                    Pbkdf1Hash::Sha1 => "sha1",
                },
                iterations: self.iterations,
            },
            Derivation::Pkcs12Sha1 => Kdf::Pkcs12 {
                hash: "sha1",
                iterations: self.iterations,
            },
        }
    }

    /// The report form: cipher and KDF.
    pub fn encryption(&self) -> Encryption {
        Encryption {
            cipher: self.cipher.name(),
            kdf: Some(self.kdf()),
        }
    }

    /// Decrypts `data`; a padding failure is a wrong passphrase.
    ///
    /// # Errors
    /// [`Error::WrongPassphrase`], [`Error::Truncated`] for a partial block.
    pub fn decrypt(&self, passphrase: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let (key, iv) = match self.derivation {
            Derivation::Pbkdf1(hash) => {
                let dk = pbkdf1(hash, passphrase, self.salt, self.iterations);
                (
                    Zeroizing::new(dk[..8].to_vec()),
                    Zeroizing::new(dk[8..16].to_vec()),
                )
            }
            Derivation::Pkcs12Sha1 => {
                let key = pkcs12_kdf(
                    passphrase,
                    self.salt,
                    self.iterations,
                    1,
                    self.cipher.key_len(),
                );
                let iv = pkcs12_kdf(
                    passphrase,
                    self.salt,
                    self.iterations,
                    2,
                    self.cipher.iv_len(),
                );
                (key, iv)
            }
        };
        decrypt(self.cipher, &key, &iv, data)
    }
}

/// PBKDF1 (RFC 8018 §5.1): `T = H^c(P || S)`, of which PBES1 takes 8 bytes of key and 8 of IV.
fn pbkdf1(
    hash: Pbkdf1Hash,
    passphrase: &[u8],
    salt: &[u8],
    iterations: u32,
) -> Zeroizing<[u8; 16]> {
    fn run<D: Digest>(passphrase: &[u8], salt: &[u8], iterations: u32) -> Zeroizing<Vec<u8>> {
        let mut t = Zeroizing::new(
            D::new()
                .chain_update(passphrase)
                .chain_update(salt)
                .finalize()
                .to_vec(),
        );
        for _ in 1..iterations {
            t = Zeroizing::new(D::digest(&t[..]).to_vec());
        }
        t
    }
    let t = match hash {
        Pbkdf1Hash::Md5 => run::<Md5>(passphrase, salt, iterations),
        Pbkdf1Hash::Sha1 => run::<Sha1>(passphrase, salt, iterations),
    };
    let mut dk = Zeroizing::new([0u8; 16]);
    dk.copy_from_slice(&t[..16]);
    dk
}

/// The PKCS#12 KDF with SHA-1 (RFC 7292 Appendix B.2): `id` 1 for key bytes, 2 for the IV. The passphrase is
/// taken as UTF-8 and used as a BMPString with its two-byte terminator, as OpenSSL does.
fn pkcs12_kdf(
    passphrase: &[u8],
    salt: &[u8],
    iterations: u32,
    id: u8,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    const V: usize = 64; // SHA-1 block size
    const U: usize = 20; // SHA-1 output size
    let text = String::from_utf8_lossy(passphrase);
    let mut bmp = Zeroizing::new(Vec::with_capacity(text.len() * 2 + 2));
    for unit in text.encode_utf16() {
        bmp.extend_from_slice(&unit.to_be_bytes());
    }
    bmp.extend_from_slice(&[0, 0]);
    let fill = |src: &[u8]| -> Zeroizing<Vec<u8>> {
        let n = V * src.len().div_ceil(V);
        Zeroizing::new((0..n).map(|i| src[i % src.len()]).collect())
    };
    let mut i = Zeroizing::new(Vec::new());
    if !salt.is_empty() {
        i.extend_from_slice(&fill(salt));
    }
    i.extend_from_slice(&fill(&bmp));
    let d = [id; V];
    let mut out = Zeroizing::new(Vec::with_capacity(len + U));
    while out.len() < len {
        let mut a = Sha1::new().chain_update(d).chain_update(&i[..]).finalize();
        for _ in 1..iterations {
            a = Sha1::digest(a);
        }
        out.extend_from_slice(&a);
        if out.len() >= len {
            break;
        }
        // I_j = (I_j + B + 1) mod 2^(8v), with B = A repeated to v bytes.
        let b: Vec<u8> = (0..V).map(|k| a[k % U]).collect();
        for block in i.chunks_mut(V) {
            let mut carry = 1u16;
            for k in (0..V).rev() {
                let sum = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(len);
    out
}

/// Decrypts with a CBC block cipher (PKCS#7 padding) or RC4.
fn decrypt(cipher: Cipher, key: &[u8], iv: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let block = if matches!(cipher, Cipher::Rc4(_)) {
        1
    } else {
        8
    };
    if data.is_empty() || data.len() % block != 0 {
        return Err(Error::Truncated);
    }
    let bad = |_| Error::Corrupt("bad cipher parameters");
    let plain = match cipher {
        Cipher::DesCbc => cbc::Decryptor::<des::Des>::new_from_slices(key, iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(data),
        Cipher::DesEde3Cbc => cbc::Decryptor::<des::TdesEde3>::new_from_slices(key, iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(data),
        Cipher::DesEdeCbc => cbc::Decryptor::<des::TdesEde2>::new_from_slices(key, iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(data),
        Cipher::Rc2Cbc(bits) => {
            if key.is_empty() || key.len() > 128 {
                return Err(Error::Corrupt("bad cipher parameters"));
            }
            let rc2 = rc2::Rc2::new_with_eff_key_len(key, bits);
            cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, iv)
                .map_err(bad)?
                .decrypt_padded_vec_mut::<Pkcs7>(data)
        }
        Cipher::Rc4(_) => {
            let mut buf = Zeroizing::new(data.to_vec());
            rc4_apply(key, &mut buf)?;
            return Ok(buf);
        }
    };
    plain
        .map(Zeroizing::new)
        .map_err(|_| Error::WrongPassphrase)
}

/// RC4 over `buf` with a 5- or 16-byte key.
fn rc4_apply(key: &[u8], buf: &mut [u8]) -> Result<()> {
    use rc4::consts::{U16, U5};
    let bad = |_| Error::Corrupt("bad cipher parameters");
    match key.len() {
        5 => rc4::Rc4::<U5>::new_from_slice(key)
            .map_err(bad)?
            .apply_keystream(buf),
        16 => rc4::Rc4::<U16>::new_from_slice(key)
            .map_err(bad)?
            .apply_keystream(buf),
        _ => return Err(Error::Corrupt("bad cipher parameters")),
    }
    Ok(())
}

/// `rc2-cbc` (RFC 8018 §B.2.3) as the PBES2 encryption scheme.
pub const RC2_CBC_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.3.2");

/// The effective key bits of `RC2-CBC-Parameter ::= SEQUENCE { rc2ParameterVersion INTEGER OPTIONAL,
/// iv OCTET STRING (SIZE(8)) }`, and the IV. Version 160 is 40 bits, 120 is 64, 58 is 128, 256 and up are
/// the bits themselves; without a version, 32 bits (RFC 8018 §B.2.3).
///
/// # Errors
/// [`Error::Corrupt`] for malformed parameters; [`Error::UnsupportedCipher`] for a version that names no size.
pub fn rc2_parameters<'a>(params: Option<AnyRef<'a>>) -> Result<(usize, &'a [u8])> {
    let params = params.ok_or(Error::Corrupt("the RC2 parameters are missing"))?;
    let (version, iv) = params
        .sequence(|r: &mut der::SliceReader<'a>| {
            let version = if r.peek_tag()? == der::Tag::Integer {
                Some(u32::decode(r)?)
            } else {
                None
            };
            let iv = OctetStringRef::decode(r)?;
            Ok((version, iv.as_bytes()))
        })
        .map_err(|_| Error::Corrupt("the RC2 parameters are malformed"))?;
    if iv.len() != 8 {
        return Err(Error::Corrupt("the RC2 IV is not 8 bytes"));
    }
    let bits = match version {
        None => 32,
        Some(160) => 40,
        Some(120) => 64,
        Some(58) => 128,
        Some(v) if (256..=1024).contains(&v) => v as usize,
        Some(v) => {
            return Err(Error::UnsupportedCipher(format!(
                "RC2 with parameter version {v}"
            )))
        }
    };
    Ok((bits, iv))
}

/// Decrypts PBES2 with RC2-CBC once PBKDF2 has given the key.
///
/// # Errors
/// [`Error::WrongPassphrase`], [`Error::Truncated`], [`Error::Corrupt`].
pub fn decrypt_rc2(key: &[u8], bits: usize, iv: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    decrypt(Cipher::Rc2Cbc(bits), key, iv, data)
}

/// The report name of RC2 with `bits` effective key bits.
pub fn rc2_name(bits: usize) -> String {
    Cipher::Rc2Cbc(bits).name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkcs12_kdf_matches_rfc7292_vectors() {
        // OpenSSL's test/pkcs12_format_test vectors are files; these are the classic PKCS#12 KDF vectors
        // (password "smeg", salt 0A58CF64530D823F, 1 iteration), as in BouncyCastle's PKCS12Test.
        let salt = [0x0a, 0x58, 0xcf, 0x64, 0x53, 0x0d, 0x82, 0x3f];
        let key = pkcs12_kdf(b"smeg", &salt, 1, 1, 24);
        let hex: String = key.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(hex, "8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3");
        let iv = pkcs12_kdf(b"smeg", &salt, 1, 2, 8);
        let hex: String = iv.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(hex, "79993DFE048D3B76");
    }
}
