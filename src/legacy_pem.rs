//! OpenSSL's legacy PEM encryption (RFC 1421 headers `Proc-Type: 4,ENCRYPTED` and `DEK-Info: <cipher>,<iv hex>`),
//! as `openssl rsa -traditional -aes128` and `ssh-keygen -m PEM -N` write it. The key is OpenSSL's
//! `EVP_BytesToKey` with MD5, one iteration, and the first 8 bytes of the IV as salt.
//!
//! Hand-written: no maintained crate implements it (about 80 lines on RustCrypto's md-5, aes, des and cbc).

use crate::armor::{self, Armor};
use crate::error::{Error, Result};
use crate::key::PrivateKey;
use crate::parsed::{Encryption, Format, Kdf, Parsed};
use crate::text::{decode_hex, encode_hex, shown, PEM_WIDTH};
use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use md5::{Digest, Md5};
use rand_core::CryptoRngCore;
use zeroize::Zeroizing;

/// A cipher of the `DEK-Info` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyCipher {
    /// `DES-EDE3-CBC` (3DES), what PuTTYgen writes.
    DesEde3Cbc,
    /// `DES-CBC` (single DES, weak).
    DesCbc,
    /// `AES-128-CBC`, what `ssh-keygen -m PEM` writes.
    Aes128Cbc,
    /// `AES-192-CBC`.
    Aes192Cbc,
    /// `AES-256-CBC`.
    Aes256Cbc,
}

impl LegacyCipher {
    /// Parses a `DEK-Info` cipher name.
    ///
    /// # Errors
    /// [`Error::UnsupportedCipher`] for any other name.
    pub fn from_name(name: &str) -> Result<Self> {
        Ok(match name.to_ascii_uppercase().as_str() {
            "DES-EDE3-CBC" => LegacyCipher::DesEde3Cbc,
            "DES-CBC" => LegacyCipher::DesCbc,
            "AES-128-CBC" => LegacyCipher::Aes128Cbc,
            "AES-192-CBC" => LegacyCipher::Aes192Cbc,
            "AES-256-CBC" => LegacyCipher::Aes256Cbc,
            // The name comes from the file: shown short and printable, as every name read from a file (a mangled
            // paste can run the key's base64 into the header).
            _ => {
                return Err(Error::UnsupportedCipher(
                    shown(name.as_bytes()).to_ascii_lowercase(),
                ))
            }
        })
    }

    /// The `DEK-Info` name, e.g. `AES-128-CBC`.
    pub fn name(self) -> &'static str {
        match self {
            LegacyCipher::DesEde3Cbc => "DES-EDE3-CBC",
            LegacyCipher::DesCbc => "DES-CBC",
            LegacyCipher::Aes128Cbc => "AES-128-CBC",
            LegacyCipher::Aes192Cbc => "AES-192-CBC",
            LegacyCipher::Aes256Cbc => "AES-256-CBC",
        }
    }

    fn key_len(self) -> usize {
        match self {
            LegacyCipher::DesCbc => 8,
            LegacyCipher::Aes128Cbc => 16,
            LegacyCipher::DesEde3Cbc | LegacyCipher::Aes192Cbc => 24,
            LegacyCipher::Aes256Cbc => 32,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            LegacyCipher::DesEde3Cbc | LegacyCipher::DesCbc => 8,
            _ => 16,
        }
    }
}

/// The encryption a legacy PEM block declares, if any.
///
/// # Errors
/// [`Error::UnsupportedCipher`] for an unknown cipher, [`Error::Corrupt`] for a malformed `DEK-Info`.
pub(crate) fn encryption_of(armor: &Armor) -> Result<Option<(LegacyCipher, Vec<u8>)>> {
    let encrypted = armor
        .header("Proc-Type")
        .is_some_and(|v| v.contains("ENCRYPTED"));
    let Some(dek) = armor.header("DEK-Info") else {
        return if encrypted {
            Err(Error::Corrupt("the DEK-Info header is missing"))
        } else {
            Ok(None)
        };
    };
    let (name, iv_hex) = dek
        .split_once(',')
        .ok_or(Error::Corrupt("the DEK-Info header is malformed"))?;
    let cipher = LegacyCipher::from_name(name.trim())?;
    let iv = decode_hex(iv_hex.trim()).ok_or(Error::Corrupt("the DEK-Info IV is not hex"))?;
    if iv.len() != cipher.iv_len() {
        return Err(Error::Corrupt("the DEK-Info IV has the wrong length"));
    }
    Ok(Some((cipher, iv)))
}

/// The report form of a legacy cipher.
pub(crate) fn describe(cipher: LegacyCipher) -> Encryption {
    Encryption {
        cipher: cipher.name().to_ascii_lowercase(),
        kdf: Some(Kdf::EvpBytesToKeyMd5),
    }
}

/// OpenSSL's `EVP_BytesToKey(MD5, salt, passphrase, count = 1)`. The hasher keeps the last partial block of its
/// input (the passphrase's tail) in its buffer and does not clear it on drop: after each digest the buffer is
/// reset and overwritten with 63 zero bytes (a shorter-than-a-block update is copied into the buffer), and the
/// digests, which are key bytes, are wiped too.
fn bytes_to_key(passphrase: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    use md5::digest::FixedOutputReset;
    use zeroize::Zeroize;
    let mut key = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut prev = md5::digest::Output::<Md5>::default();
    let mut h = Md5::new();
    while key.len() < len {
        if !key.is_empty() {
            Digest::update(&mut h, prev);
        }
        Digest::update(&mut h, passphrase);
        Digest::update(&mut h, salt);
        FixedOutputReset::finalize_into_reset(&mut h, &mut prev);
        Digest::update(&mut h, [0u8; 63]);
        Digest::reset(&mut h);
        key.extend_from_slice(&prev);
    }
    prev.as_mut_slice().zeroize();
    key.truncate(len);
    key
}

macro_rules! cbc_decrypt {
    ($c:ty, $key:expr, $iv:expr, $data:expr) => {
        cbc::Decryptor::<$c>::new_from_slices($key, $iv)
            .map_err(|_| Error::Corrupt("bad cipher parameters"))?
            .decrypt_padded_vec_mut::<Pkcs7>($data)
            .map_err(|_| Error::WrongPassphrase)
    };
}

macro_rules! cbc_encrypt {
    ($c:ty, $key:expr, $iv:expr, $data:expr) => {
        cbc::Encryptor::<$c>::new_from_slices($key, $iv)
            .map_err(|_| Error::Corrupt("bad cipher parameters"))?
            .encrypt_padded_vec_mut::<Pkcs7>($data)
    };
}

/// Decrypts a legacy-encrypted body. A padding failure means the passphrase is wrong.
///
/// # Errors
/// [`Error::WrongPassphrase`] when the padding does not check out; [`Error::Truncated`] for a partial block.
pub(crate) fn decrypt(
    cipher: LegacyCipher,
    iv: &[u8],
    passphrase: &[u8],
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let block = cipher.iv_len();
    if data.is_empty() || data.len() % block != 0 {
        return Err(Error::Truncated);
    }
    let key = bytes_to_key(passphrase, &iv[..8], cipher.key_len());
    let plain = match cipher {
        LegacyCipher::DesEde3Cbc => cbc_decrypt!(des::TdesEde3, &key, iv, data),
        LegacyCipher::DesCbc => cbc_decrypt!(des::Des, &key, iv, data),
        LegacyCipher::Aes128Cbc => cbc_decrypt!(aes::Aes128, &key, iv, data),
        LegacyCipher::Aes192Cbc => cbc_decrypt!(aes::Aes192, &key, iv, data),
        LegacyCipher::Aes256Cbc => cbc_decrypt!(aes::Aes256, &key, iv, data),
    }?;
    Ok(Zeroizing::new(plain))
}

/// Encrypts `der` and returns the value of the `DEK-Info` header (`CIPHER,IV-HEX`) and the body.
///
/// # Errors
/// Only on an internal cipher-parameter mismatch.
pub(crate) fn encrypt(
    cipher: LegacyCipher,
    passphrase: &[u8],
    der: &[u8],
    rng: &mut impl CryptoRngCore,
) -> Result<(String, Vec<u8>)> {
    let mut iv = vec![0u8; cipher.iv_len()];
    rng.fill_bytes(&mut iv);
    let key = bytes_to_key(passphrase, &iv[..8], cipher.key_len());
    let body = match cipher {
        LegacyCipher::DesEde3Cbc => cbc_encrypt!(des::TdesEde3, &key, &iv, der),
        LegacyCipher::DesCbc => cbc_encrypt!(des::Des, &key, &iv, der),
        LegacyCipher::Aes128Cbc => cbc_encrypt!(aes::Aes128, &key, &iv, der),
        LegacyCipher::Aes192Cbc => cbc_encrypt!(aes::Aes192, &key, &iv, der),
        LegacyCipher::Aes256Cbc => cbc_encrypt!(aes::Aes256, &key, &iv, der),
    };
    Ok((format!("{},{}", cipher.name(), encode_hex(&iv, true)), body))
}

/// Writes a traditional private key block of `label` around `der`, encrypted when a passphrase is given, as
/// `openssl rsa -traditional [-aes128]` lays it out.
///
/// # Errors
/// Only on an internal cipher-parameter mismatch.
pub(crate) fn write(
    label: &str,
    der: &[u8],
    passphrase: Option<(&[u8], LegacyCipher)>,
    rng: &mut impl CryptoRngCore,
) -> Result<Zeroizing<String>> {
    Ok(match passphrase {
        None => armor::write(label, &[], der, PEM_WIDTH),
        Some((pass, cipher)) => {
            let (dek, body) = encrypt(cipher, pass, der, rng)?;
            armor::write(
                label,
                &[("Proc-Type", "4,ENCRYPTED"), ("DEK-Info", &dek)],
                &body,
                PEM_WIDTH,
            )
        }
    })
}

/// Reads an OpenSSL "traditional" private key block (`RSA`, `EC` or `DSA PRIVATE KEY`), plain or legacy-encrypted,
/// with `decode` for its DER; without a passphrase an encrypted key yields no private key.
///
/// # Errors
/// [`Error::WrongPassphrase`], [`Error::UnsupportedCipher`] and the errors of `decode`.
pub(crate) fn read_private(
    armor: &Armor,
    passphrase: Option<&[u8]>,
    decode: impl Fn(&[u8]) -> Result<PrivateKey>,
) -> Result<Parsed> {
    let Some((cipher, iv)) = encryption_of(armor)? else {
        return Ok(Parsed::private(
            Format::Pkcs1,
            decode(&armor.data)?,
            None,
            None,
        ));
    };
    let encryption = describe(cipher);
    Parsed::encrypted(
        Format::Pkcs1,
        encryption.clone(),
        None,
        None,
        passphrase,
        |pass| {
            let der = decrypt(cipher, &iv, pass, &armor.data)?;
            // With a wrong key the padding check passes about once in 256 tries; the DER parse then fails.
            let key = decode(&der).map_err(|e| match e {
                Error::InconsistentKey(_) | Error::KeyTooLarge { .. } => e,
                _ => Error::WrongPassphrase,
            })?;
            Ok(Parsed::private(Format::Pkcs1, key, None, Some(encryption)))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_to_key_matches_openssl() {
        // `openssl enc -aes-256-cbc -P -md md5 -pass pass:pw -S 0102030405060708` prints this key.
        let key = bytes_to_key(b"pw", &[1, 2, 3, 4, 5, 6, 7, 8], 32);
        assert_eq!(
            encode_hex(&key, true),
            "222776D258E716EFDAA0CF5A7E504B9D21982575418A44BE8D93693294778EEA"
        );
    }

    #[test]
    fn round_trip_and_wrong_passphrase() {
        let mut rng = rand_core::OsRng;
        for c in [
            LegacyCipher::DesEde3Cbc,
            LegacyCipher::DesCbc,
            LegacyCipher::Aes128Cbc,
            LegacyCipher::Aes256Cbc,
        ] {
            let (dek, body) = encrypt(c, b"pw", b"secret der bytes", &mut rng).unwrap();
            let iv = decode_hex(dek.split_once(',').unwrap().1).unwrap();
            assert_eq!(
                &decrypt(c, &iv, b"pw", &body).unwrap()[..],
                b"secret der bytes"
            );
            // A wrong key garbles the padding almost always; either way it must not return the plaintext.
            assert_ne!(
                decrypt(c, &iv, b"px", &body)
                    .ok()
                    .as_deref()
                    .map(|v| &v[..]),
                Some(&b"secret der bytes"[..])
            );
        }
    }
}
