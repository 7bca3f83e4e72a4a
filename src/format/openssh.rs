//! OpenSSH's own private key format, `-----BEGIN OPENSSH PRIVATE KEY-----`, which ssh-keygen writes by default
//! since 7.8: specified in [PROTOCOL.key](https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key),
//! with the chacha20-poly1305 construction of
//! [PROTOCOL.chacha20poly1305](https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.chacha20poly1305);
//! the reference code is `sshkey_private_to_blob2` / `sshkey_parse_private2` in OpenSSH's `sshkey.c`.
//!
//! ```text
//! "openssh-key-v1\0"
//! string ciphername          none | aes256-ctr | ...
//! string kdfname             none | bcrypt
//! string kdfoptions          empty | string salt, uint32 rounds
//! uint32 number of keys      1
//! string public key blob
//! string private section     (encrypted), followed by the AEAD tag for the GCM and chacha20 ciphers
//!
//! private section: uint32 checkint, uint32 checkint, string type, <private fields>, string comment,
//!                  padding 1, 2, 3, ... up to the cipher's block size
//! ```
//!
//! Hand-written rather than taken from the `ssh-key` crate: ssh-key 0.6 cannot turn any real OpenSSH RSA key
//! into an `rsa` key (it passes `p` twice), rejects PuTTYgen's `-O private-openssh-new` keys (padded to 16 bytes
//! even unencrypted), runs bcrypt for however many rounds the file asks, and reports a wrong passphrase and a
//! damaged file alike. Here the rounds are capped before any derivation, and the check numbers and AEAD tags
//! tell a wrong passphrase ([`Error::WrongPassphrase`]) from damage ([`Error::Corrupt`]).
//!
//! The cipher table (the 11 ciphers, their key/IV/block/tag sizes and modes) is RustCrypto's `ssh-cipher` 0.2,
//! of the same generation as keyfit's other crates (cipher 0.4): it decrypts in place and reports a failed AEAD
//! tag as its own error, which keyfit reads as a wrong passphrase, so no diagnostic is lost.

use crate::armor::{self, Armor};
use crate::error::{Error, Result};
use crate::key::{
    ed25519_bytes, rsa_from_parts, rsa_qinv, Algorithm, Curve, DsaPrivate, EcdsaPrivate,
    Ed25519Private, PrivateKey, PublicKey, RsaCrt,
};
use crate::limits;
use crate::kdf::{outside, Params, Request};
use crate::parsed::{Encryption, Format, Kdf, Parsed};
use crate::text::{shown, SSH_WIDTH};
use crate::wire::{Reader, Writer};
use num_bigint_dig::BigUint;
use rand_core::CryptoRngCore;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use ssh_cipher::Cipher;
use zeroize::Zeroizing;

/// PEM label.
pub(crate) const LABEL: &str = "OPENSSH PRIVATE KEY";
/// Default bcrypt rounds, as current ssh-keygen writes.
pub(crate) const DEFAULT_ROUNDS: u32 = 16;

/// The magic bytes that open the decoded body.
const MAGIC: &[u8] = b"openssh-key-v1\0";
/// Length of the AEAD tags (AES-GCM, chacha20-poly1305).
const TAG_LEN: usize = 16;
/// Salt length ssh-keygen writes for bcrypt.
const SALT_LEN: usize = 16;
/// Cipher ssh-keygen uses for passphrase-protected keys (a CTR mode: no padding to check, no tag to store).
const WRITE_CIPHER: Cipher = Cipher::Aes256Ctr;

/// The cipher of the `ciphername` field: one of the 11 OpenSSH accepts for a private key (`ssh -Q cipher`,
/// `none` included), or [`Error::UnsupportedCipher`] naming it.
fn cipher_from_name(name: &[u8]) -> Result<Cipher> {
    core::str::from_utf8(name)
        .ok()
        .and_then(|n| Cipher::new(n).ok())
        .ok_or_else(|| Error::UnsupportedCipher(shown(name)))
}

/// Key and IV lengths; chacha20-poly1305 takes two 32-byte keys (payload, then length header) and no IV.
fn key_iv_len(cipher: Cipher) -> (usize, usize) {
    cipher.key_and_iv_size().unwrap_or((0, 0))
}

/// Length of the authentication tag stored after the private section.
fn tag_len(cipher: Cipher) -> usize {
    if cipher.has_tag() {
        TAG_LEN
    } else {
        0
    }
}

/// Decrypts the private section in place with key || IV from bcrypt-pbkdf (RustCrypto's `ssh-cipher`, the
/// table of OpenSSH's ciphers and their modes); checks the tag of AEAD ciphers. A tag that does not verify is
/// a wrong passphrase; the caller has checked that the section is whole blocks.
fn decrypt(cipher: Cipher, key_iv: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<()> {
    let (key_len, iv_len) = key_iv_len(cipher);
    let (key, iv) = key_iv.split_at(key_len.min(key_iv.len()));
    let tag = match tag_len(cipher) {
        0 => None,
        _ => Some(
            <[u8; TAG_LEN]>::try_from(tag).map_err(|_| Error::Corrupt("bad cipher parameters"))?,
        ),
    };
    cipher
        .decrypt(key, &iv[..iv_len.min(iv.len())], buf, tag)
        .map_err(|err| match err {
            ssh_cipher::Error::Crypto if cipher.has_tag() => Error::WrongPassphrase,
            _ => Error::Corrupt("bad cipher parameters"),
        })
}

/// bcrypt-pbkdf of the passphrase into the cipher's key || IV ([`crate::kdf`]: made by the caller when it derives
/// outside, else here). The caller has checked the rounds. For a write (`write`), `salt` is fresh and may be
/// replaced by the salt the bytes were derived with: the salt to write.
fn derive(
    cipher: Cipher,
    passphrase: &[u8],
    salt: &mut Vec<u8>,
    rounds: u32,
    write: bool,
) -> Result<Zeroizing<Vec<u8>>> {
    let (key_len, iv_len) = key_iv_len(cipher);
    let mut request = Request {
        params: Params::Bcrypt { rounds },
        salt: core::mem::take(salt),
        len: key_len + iv_len,
        write,
    };
    let key_iv = outside::derive(&mut request, passphrase);
    *salt = request.salt;
    key_iv
}

/// The bcrypt salt and rounds of the `kdfoptions` string.
fn bcrypt_options(options: &[u8]) -> Result<(&[u8], u32)> {
    // The options string is complete, so running out inside it is damage, not truncation.
    let short = |_| Error::Corrupt("the bcrypt options are too short");
    let mut r = Reader::new(options);
    let salt = r.string().map_err(short)?;
    let rounds = r.u32().map_err(short)?;
    if !r.is_empty() {
        return Err(Error::Corrupt("extra bytes after the bcrypt options"));
    }
    if salt.is_empty() {
        return Err(Error::Corrupt("the bcrypt salt is empty"));
    }
    limits::check_salt(salt.len())?;
    Ok((salt, rounds))
}

/// Reads an `OPENSSH PRIVATE KEY` block.
///
/// The public key (and so the fingerprint) is in the clear: without a passphrase an encrypted key yields
/// `public` and `encryption` but no private key and no comment (the comment is encrypted).
///
/// # Errors
/// [`Error::Truncated`] when the data ends early; [`Error::Corrupt`] for structural damage (bad magic, check
/// numbers or padding of an unencrypted key); [`Error::WrongPassphrase`] when the check numbers or the AEAD tag
/// do not verify; [`Error::UnsupportedCipher`] / [`Error::UnsupportedAlgorithm`]; [`Error::KdfTooCostly`] when
/// the bcrypt rounds exceed keyfit's cap (checked before any derivation, with or without a passphrase);
/// [`Error::Corrupt`] for more than one key (OpenSSH refuses such files too); [`Error::InconsistentKey`] when
/// the key's parts disagree.
pub(crate) fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    let data: &[u8] = &armor.data;
    if !data.starts_with(MAGIC) {
        return Err(if MAGIC.starts_with(data) {
            Error::Truncated
        } else {
            Error::Corrupt("the OpenSSH key does not start with its magic bytes")
        });
    }
    let mut r = Reader::new(&data[MAGIC.len()..]);
    let cipher = cipher_from_name(r.string()?)?;
    let kdf_name = r.string()?;
    let kdf_options = r.string()?;
    let kdf = match kdf_name {
        b"none" if cipher == Cipher::None && kdf_options.is_empty() => None,
        b"none" if cipher == Cipher::None => {
            return Err(Error::Corrupt(
                "key derivation options are given without a key derivation",
            ))
        }
        b"none" => {
            return Err(Error::Corrupt(
                "the key is encrypted but names no key derivation",
            ))
        }
        b"bcrypt" if cipher == Cipher::None => {
            return Err(Error::Corrupt("a key derivation is named but no cipher"))
        }
        b"bcrypt" => Some(bcrypt_options(kdf_options)?),
        other => {
            return Err(Error::UnsupportedCipher(format!(
                "{} with key derivation {}",
                cipher.as_str(),
                shown(other)
            )))
        }
    };
    let keys = r.u32()?;
    if keys == 0 {
        return Err(Error::Corrupt("the file holds no key"));
    }
    if keys > limits::MAX_KEYS_PER_FILE {
        // OpenSSH itself refuses such a file as an invalid format.
        return Err(Error::Corrupt(
            "the file holds more than one key, which OpenSSH does not read",
        ));
    }
    let public = PublicKey::from_ssh_blob(r.string()?)?;
    let section = r.string()?;
    let tag = r.bytes(tag_len(cipher))?;
    if !r.is_empty() {
        return Err(Error::Corrupt("extra bytes after the private key"));
    }

    let Some((salt, rounds)) = kdf else {
        if !public.algorithm().is_usable() {
            check_numbers(section, Protection::None)?;
            return Ok(named(public, None));
        }
        let (private, comment) = read_section(section, Protection::None)?;
        return finish(public, private, comment, None);
    };
    let encryption = Encryption {
        cipher: cipher.as_str().to_string(),
        kdf: Some(Kdf::Bcrypt { rounds }),
    };
    if section.is_empty() || section.len() % cipher.block_size() != 0 {
        return Err(Error::Corrupt(
            "the encrypted section is not a whole number of cipher blocks",
        ));
    }
    Parsed::encrypted(
        Format::OpenSsh,
        encryption.clone(),
        Some(public.clone()),
        None,
        passphrase,
        |passphrase| {
            let key_iv = derive(cipher, passphrase, &mut salt.to_vec(), rounds, false)?;
            let mut plain = Zeroizing::new(section.to_vec());
            decrypt(cipher, &key_iv, &mut plain, tag)?;
            let protection = if tag_len(cipher) > 0 {
                Protection::Authenticated
            } else {
                Protection::Unauthenticated
            };
            if !public.algorithm().is_usable() {
                check_numbers(&plain, protection)?;
                return Ok(named(public, Some(encryption)));
            }
            let (private, comment) = read_section(&plain, protection)?;
            finish(public, private, comment, Some(encryption))
        },
    )
}

/// A key of a type keyfit only names (a security key, Ed448, a post-quantum hybrid): its public key, which the
/// file shows in the clear, and no private key.
fn named(public: PublicKey, encryption: Option<Encryption>) -> Parsed {
    Parsed {
        format: Format::OpenSsh,
        encryption,
        comment: None,
        public: Some(public),
        private: None,
        public_only: false,
        locked: None,
    }
}

/// Checks the two check numbers that open the private section: after decryption they prove the passphrase.
fn check_numbers(section: &[u8], protection: Protection) -> Result<()> {
    let mut r = Reader::new(section);
    if r.u32()? != r.u32()? {
        return Err(if protection == Protection::Unauthenticated {
            Error::WrongPassphrase
        } else {
            Error::Corrupt("the check numbers of the private key do not match")
        });
    }
    Ok(())
}

/// What vouches for the decrypted private section, which decides how a check-number mismatch reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Protection {
    /// Stored in the clear: a mismatch is damage.
    None,
    /// CTR/CBC: the check numbers are the only test of the passphrase.
    Unauthenticated,
    /// GCM/chacha20-poly1305: the tag already proved the passphrase, so a mismatch is damage.
    Authenticated,
}

/// Checks the outer public key against the private one and builds the result.
fn finish(
    public: PublicKey,
    private: PrivateKey,
    comment: String,
    encryption: Option<Encryption>,
) -> Result<Parsed> {
    if private.public_key() != public {
        return Err(Error::InconsistentKey(
            "the public key in the header does not match the private key",
        ));
    }
    let comment = (!comment.is_empty()).then_some(comment);
    Ok(Parsed::private(
        Format::OpenSsh,
        private,
        comment,
        encryption,
    ))
}

/// Parses the (decrypted) private section: check numbers, key, comment, padding.
fn read_section(section: &[u8], protection: Protection) -> Result<(PrivateKey, String)> {
    let mut r = Reader::new(section);
    let check1 = r.u32()?;
    let check2 = r.u32()?;
    if check1 != check2 {
        return Err(if protection == Protection::Unauthenticated {
            Error::WrongPassphrase
        } else {
            Error::Corrupt("the check numbers of the private key do not match")
        });
    }
    // The section is complete (its length was checked), so running out inside it is damage, not truncation.
    let inner = |e: Error| match e {
        Error::Truncated => Error::Corrupt("a field of the private key overruns its section"),
        other => other,
    };
    let private = read_private_key(&mut r).map_err(inner)?;
    let comment = String::from_utf8_lossy(r.string().map_err(inner)?).into_owned();
    let padding_ok = r
        .remaining()
        .iter()
        .enumerate()
        .all(|(i, &b)| usize::from(b) == (i + 1) & 0xff);
    if !padding_ok {
        return Err(Error::Corrupt("padding is wrong"));
    }
    Ok((private, comment))
}

/// Reads an mpint into a buffer that is zeroized if reading the rest of the key fails.
fn secret_mpint(r: &mut Reader<'_>) -> Result<Zeroizing<BigUint>> {
    r.mpint().map(Zeroizing::new)
}

/// Reads the key type and private fields of the private section.
fn read_private_key(r: &mut Reader<'_>) -> Result<PrivateKey> {
    let alg = Algorithm::from_ssh_name(r.string()?)?;
    Ok(match alg {
        Algorithm::Rsa => {
            let n = r.mpint()?;
            let e = r.mpint()?;
            let mut d = secret_mpint(r)?;
            let crt = RsaCrt {
                dp: None,
                dq: None,
                qinv: Some(r.mpint()?),
            };
            let mut p = secret_mpint(r)?;
            let mut q = secret_mpint(r)?;
            PrivateKey::Rsa(rsa_from_parts(
                n,
                e,
                core::mem::take(&mut *d),
                core::mem::take(&mut *p),
                core::mem::take(&mut *q),
                crt,
            )?)
        }
        Algorithm::Ed25519 => {
            let public = ed25519_bytes(r.string()?)?;
            let both = r.string()?;
            if both.len() != 64 {
                return Err(Error::Corrupt("the Ed25519 private key is not 64 bytes"));
            }
            let (seed, copy) = both.split_at(32);
            if copy != public {
                return Err(Error::InconsistentKey(
                    "the two copies of the Ed25519 public key differ",
                ));
            }
            let mut seed32 = Zeroizing::new([0u8; 32]);
            seed32.copy_from_slice(seed);
            PrivateKey::Ed25519(Ed25519Private::new(*seed32, Some(public))?)
        }
        Algorithm::Ecdsa(curve) => {
            if Curve::from_ssh_id(r.string()?)? != curve {
                return Err(Error::Corrupt(
                    "the ECDSA curve name does not match the key type",
                ));
            }
            let point = r.string()?;
            let scalar = r.string()?;
            if scalar.first().is_some_and(|&b| b & 0x80 != 0) {
                return Err(Error::Corrupt("a number is negative"));
            }
            PrivateKey::Ecdsa(EcdsaPrivate::new(curve, point, scalar)?)
        }
        Algorithm::Dsa => {
            let p = r.mpint()?;
            let q = r.mpint()?;
            let g = r.mpint()?;
            let y = r.mpint()?;
            let mut x = secret_mpint(r)?;
            // x < q bounds the exponentiation DsaPrivate::new runs; keep q itself within p's size.
            if q.bits() > p.bits() {
                return Err(Error::InconsistentKey(
                    "the DSA subgroup order is larger than the modulus",
                ));
            }
            PrivateKey::Dsa(DsaPrivate::new(p, q, g, y, core::mem::take(&mut *x))?)
        }
        other => return Err(Error::UnsupportedAlgorithm(other.name().to_string())),
    })
}

/// Writes the key type and private fields, in the order of [`read_private_key`].
fn write_private_key(w: &mut Writer, key: &PrivateKey) -> Result<()> {
    w.string(key.algorithm().ssh_name().as_bytes());
    match key {
        PrivateKey::Rsa(k) => {
            let [p, q] = k.primes() else {
                return Err(Error::UnsupportedAlgorithm("multi-prime RSA".into()));
            };
            w.mpint(k.n())
                .mpint(k.e())
                .mpint(k.d())
                .mpint(&*rsa_qinv(k)?)
                .mpint(p)
                .mpint(q);
        }
        PrivateKey::Ed25519(k) => {
            let mut both = Zeroizing::new([0u8; 64]);
            both[..32].copy_from_slice(&k.seed);
            both[32..].copy_from_slice(&k.public);
            w.string(&k.public).string(&both[..]);
        }
        PrivateKey::Ecdsa(k) => {
            let scalar = Zeroizing::new(BigUint::from_bytes_be(&k.scalar));
            w.string(k.curve.ssh_id().as_bytes())
                .string(&k.point)
                .mpint(&scalar);
        }
        PrivateKey::Dsa(k) => {
            w.mpint(&k.p)
                .mpint(&k.q)
                .mpint(&k.g)
                .mpint(&k.y)
                .mpint(&k.x);
        }
    }
    Ok(())
}

/// Writes an `OPENSSH PRIVATE KEY` block as ssh-keygen does.
///
/// Without a passphrase (or with an empty one, as ssh-keygen treats it) the key is stored with cipher and KDF
/// `none`, padded to 8 bytes. With one it is encrypted with aes256-ctr under bcrypt-pbkdf with a random 16-byte
/// salt and `rounds` rounds ([`DEFAULT_ROUNDS`] is ssh-keygen's default), padded to 16 bytes. The check numbers
/// are random. The body is base64 wrapped at 70 columns.
///
/// # Errors
/// [`Error::InvalidOption`] when encrypting with `rounds` of zero or above [`limits::MAX_BCRYPT_ROUNDS`] (the
/// rounds are not used without a passphrase); [`Error::UnsupportedAlgorithm`] for a multi-prime RSA key.
pub(crate) fn write(
    key: &PrivateKey,
    comment: &str,
    passphrase: Option<&[u8]>,
    rounds: u32,
    rng: &mut impl CryptoRngCore,
) -> Result<Zeroizing<String>> {
    let passphrase = passphrase.filter(|p| !p.is_empty());
    if passphrase.is_some() {
        if rounds == 0 {
            return Err(Error::InvalidOption(
                "bcrypt rounds must be at least 1".into(),
            ));
        }
        if limits::check_bcrypt_rounds(rounds).is_err() {
            return Err(Error::InvalidOption(format!(
                "bcrypt rounds must be at most {}",
                limits::MAX_BCRYPT_ROUNDS
            )));
        }
    }
    let cipher = if passphrase.is_some() {
        WRITE_CIPHER
    } else {
        Cipher::None
    };

    let public = key.public_key().to_ssh_blob();
    // Room for every private field up front, so that no partial copy of the secrets is left by a reallocation.
    let mut section = Writer::with_capacity(4 * public.len() + comment.len() + 64);
    let check = rng.next_u32();
    section.u32(check).u32(check);
    write_private_key(&mut section, key)?;
    section.string(comment.as_bytes());
    let mut pad = 1u8;
    while section.as_slice().len() % cipher.block_size() != 0 {
        section.raw(&[pad]);
        pad += 1;
    }
    let mut section = section.into_inner();

    let mut kdf_options = Writer::default();
    let kdf_name = match passphrase {
        None => "none",
        Some(passphrase) => {
            let mut salt = vec![0u8; SALT_LEN];
            rng.fill_bytes(&mut salt);
            let key_iv = derive(cipher, passphrase, &mut salt, rounds, true)?;
            kdf_options.string(&salt).u32(rounds);
            let (key, iv) = key_iv.split_at(key_iv_len(cipher).0);
            cipher
                .encrypt(key, iv, &mut section)
                .map_err(|_| Error::Corrupt("the key could not be encrypted"))?;
            "bcrypt"
        }
    };

    let mut out = Writer::with_capacity(section.len() + public.len() + 128);
    out.raw(MAGIC)
        .string(cipher.as_str().as_bytes())
        .string(kdf_name.as_bytes())
        .string(kdf_options.as_slice())
        .u32(1)
        .string(&public)
        .string(&section);
    Ok(armor::write(LABEL, &[], out.as_slice(), SSH_WIDTH))
}

#[cfg(test)]
mod tests;
