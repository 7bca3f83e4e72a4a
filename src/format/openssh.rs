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

use crate::armor::{self, Armor};
use crate::error::{Error, Result};
use crate::key::{
    ed25519_bytes, rsa_from_parts, rsa_qinv, Algorithm, Curve, DsaPrivate, EcdsaPrivate,
    Ed25519Private, PrivateKey, PublicKey, RsaCrt,
};
use crate::limits;
use crate::parsed::{Encryption, Format, Kdf, Parsed};
use crate::text::{shown, SSH_WIDTH};
use crate::wire::{Reader, Writer};
use aes::cipher::{
    block_padding::NoPadding, BlockDecryptMut, KeyInit, KeyIvInit, StreamCipher, StreamCipherSeek,
};
use aes_gcm::aead::AeadInPlace;
use num_bigint_dig::BigUint;
use rand_core::CryptoRngCore;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// PEM label.
pub(crate) const LABEL: &str = "OPENSSH PRIVATE KEY";
/// Default bcrypt rounds, as current ssh-keygen writes.
pub(crate) const DEFAULT_ROUNDS: u32 = 16;

/// The magic bytes that open the decoded body.
const MAGIC: &[u8] = b"openssh-key-v1\0";
/// Column at which ssh-keygen wraps the base64 body.
/// Salt length ssh-keygen writes for bcrypt.
const SALT_LEN: usize = 16;
/// Cipher ssh-keygen uses for passphrase-protected keys (a CTR mode: [`write`] relies on that).
const WRITE_CIPHER: Cipher = Cipher::Aes256Ctr;

/// The ciphers OpenSSH accepts for a private key (`ssh -Q cipher`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cipher {
    None,
    Aes128Ctr,
    Aes192Ctr,
    Aes256Ctr,
    Aes128Cbc,
    Aes192Cbc,
    Aes256Cbc,
    Aes128Gcm,
    Aes256Gcm,
    ChaCha20Poly1305,
    TdesCbc,
}

impl Cipher {
    const ALL: [Cipher; 11] = [
        Cipher::None,
        Cipher::Aes128Ctr,
        Cipher::Aes192Ctr,
        Cipher::Aes256Ctr,
        Cipher::Aes128Cbc,
        Cipher::Aes192Cbc,
        Cipher::Aes256Cbc,
        Cipher::Aes128Gcm,
        Cipher::Aes256Gcm,
        Cipher::ChaCha20Poly1305,
        Cipher::TdesCbc,
    ];

    fn from_name(name: &[u8]) -> Result<Self> {
        Cipher::ALL
            .into_iter()
            .find(|c| c.name().as_bytes() == name)
            .ok_or_else(|| Error::UnsupportedCipher(shown(name)))
    }

    /// The name as OpenSSH writes it.
    fn name(self) -> &'static str {
        match self {
            Cipher::None => "none",
            Cipher::Aes128Ctr => "aes128-ctr",
            Cipher::Aes192Ctr => "aes192-ctr",
            Cipher::Aes256Ctr => "aes256-ctr",
            Cipher::Aes128Cbc => "aes128-cbc",
            Cipher::Aes192Cbc => "aes192-cbc",
            Cipher::Aes256Cbc => "aes256-cbc",
            Cipher::Aes128Gcm => "aes128-gcm@openssh.com",
            Cipher::Aes256Gcm => "aes256-gcm@openssh.com",
            Cipher::ChaCha20Poly1305 => "chacha20-poly1305@openssh.com",
            Cipher::TdesCbc => "3des-cbc",
        }
    }

    /// Key length; chacha20-poly1305 takes two 32-byte keys (payload, then length header).
    fn key_len(self) -> usize {
        match self {
            Cipher::None => 0,
            Cipher::Aes128Ctr | Cipher::Aes128Cbc | Cipher::Aes128Gcm => 16,
            Cipher::Aes192Ctr | Cipher::Aes192Cbc | Cipher::TdesCbc => 24,
            Cipher::Aes256Ctr | Cipher::Aes256Cbc | Cipher::Aes256Gcm => 32,
            Cipher::ChaCha20Poly1305 => 64,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Cipher::None | Cipher::ChaCha20Poly1305 => 0,
            Cipher::TdesCbc => 8,
            Cipher::Aes128Gcm | Cipher::Aes256Gcm => 12,
            _ => 16,
        }
    }

    /// The block size the private section is padded to (OpenSSH uses 8 for stream-like ciphers and none).
    fn block_size(self) -> usize {
        match self {
            Cipher::None | Cipher::ChaCha20Poly1305 | Cipher::TdesCbc => 8,
            _ => 16,
        }
    }

    /// Length of the authentication tag stored after the private section.
    fn tag_len(self) -> usize {
        match self {
            Cipher::Aes128Gcm | Cipher::Aes256Gcm | Cipher::ChaCha20Poly1305 => 16,
            _ => 0,
        }
    }
}

fn cipher_error<E>(_: E) -> Error {
    Error::Corrupt("bad cipher parameters")
}

fn stream<S: KeyIvInit + StreamCipher>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<()> {
    S::new_from_slices(key, iv)
        .map_err(cipher_error)?
        .apply_keystream(buf);
    Ok(())
}

fn cbc_decrypt<D: KeyIvInit + BlockDecryptMut>(
    key: &[u8],
    iv: &[u8],
    buf: &mut [u8],
) -> Result<()> {
    D::new_from_slices(key, iv)
        .map_err(cipher_error)?
        .decrypt_padded_mut::<NoPadding>(buf)
        .map_err(|_| Error::Corrupt("the encrypted section is not a whole number of blocks"))?;
    Ok(())
}

fn gcm_decrypt<A: AeadInPlace + KeyInit>(
    key: &[u8],
    iv: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> Result<()> {
    if iv.len() != 12 || tag.len() != 16 {
        return Err(cipher_error(()));
    }
    A::new_from_slice(key)
        .map_err(cipher_error)?
        .decrypt_in_place_detached(iv.into(), b"", buf, tag.into())
        .map_err(|_| Error::WrongPassphrase)
}

/// OpenSSH's chacha20-poly1305 for a private key: sequence number 0, no length header, so only the payload key
/// (the first 32 bytes) is used. The Poly1305 key is keystream block 0; the payload is encrypted from block 1.
fn chacha_decrypt(key: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<()> {
    use poly1305::universal_hash::KeyInit as _;
    let main_key = key.get(..32).ok_or_else(|| cipher_error(()))?;
    let mut chacha =
        chacha20::ChaCha20Legacy::new_from_slices(main_key, &[0u8; 8]).map_err(cipher_error)?;
    let mut poly_key = Zeroizing::new([0u8; 32]);
    chacha.apply_keystream(&mut poly_key[..]);
    let expected = poly1305::Poly1305::new_from_slice(&poly_key[..])
        .map_err(cipher_error)?
        .compute_unpadded(buf);
    if !bool::from(expected.as_slice().ct_eq(tag)) {
        return Err(Error::WrongPassphrase);
    }
    chacha.seek(64u32);
    chacha.apply_keystream(buf);
    Ok(())
}

/// Decrypts the private section in place with key || IV from bcrypt-pbkdf; checks the tag of AEAD ciphers.
fn decrypt(cipher: Cipher, key_iv: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<()> {
    let (key, iv) = key_iv.split_at(cipher.key_len().min(key_iv.len()));
    match cipher {
        Cipher::None => Ok(()),
        Cipher::Aes128Ctr => stream::<ctr::Ctr128BE<aes::Aes128>>(key, iv, buf),
        Cipher::Aes192Ctr => stream::<ctr::Ctr128BE<aes::Aes192>>(key, iv, buf),
        Cipher::Aes256Ctr => stream::<ctr::Ctr128BE<aes::Aes256>>(key, iv, buf),
        Cipher::Aes128Cbc => cbc_decrypt::<cbc::Decryptor<aes::Aes128>>(key, iv, buf),
        Cipher::Aes192Cbc => cbc_decrypt::<cbc::Decryptor<aes::Aes192>>(key, iv, buf),
        Cipher::Aes256Cbc => cbc_decrypt::<cbc::Decryptor<aes::Aes256>>(key, iv, buf),
        Cipher::TdesCbc => cbc_decrypt::<cbc::Decryptor<des::TdesEde3>>(key, iv, buf),
        Cipher::Aes128Gcm => gcm_decrypt::<aes_gcm::Aes128Gcm>(key, iv, buf, tag),
        Cipher::Aes256Gcm => gcm_decrypt::<aes_gcm::Aes256Gcm>(key, iv, buf, tag),
        Cipher::ChaCha20Poly1305 => chacha_decrypt(key, buf, tag),
    }
}

/// bcrypt-pbkdf of the passphrase into the cipher's key || IV. The caller has checked the rounds.
fn derive(
    cipher: Cipher,
    passphrase: &[u8],
    salt: &[u8],
    rounds: u32,
) -> Result<Zeroizing<Vec<u8>>> {
    let mut key_iv = Zeroizing::new(vec![0u8; cipher.key_len() + cipher.iv_len()]);
    bcrypt_pbkdf::bcrypt_pbkdf(passphrase, salt, rounds, &mut key_iv).map_err(|_| {
        if passphrase.is_empty() {
            // OpenSSH refuses an empty passphrase for an encrypted key the same way.
            Error::WrongPassphrase
        } else {
            Error::Corrupt("the bcrypt parameters are invalid")
        }
    })?;
    Ok(key_iv)
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
/// [`Error::KeyTooLarge`] for more than one key; [`Error::InconsistentKey`] when the key's parts disagree.
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
    let cipher = Cipher::from_name(r.string()?)?;
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
                cipher.name(),
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
    let tag = r.bytes(cipher.tag_len())?;
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
        cipher: cipher.name().to_string(),
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
            let key_iv = derive(cipher, passphrase, salt, rounds)?;
            let mut plain = Zeroizing::new(section.to_vec());
            decrypt(cipher, &key_iv, &mut plain, tag)?;
            let protection = if cipher.tag_len() > 0 {
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
            let mut salt = [0u8; SALT_LEN];
            rng.fill_bytes(&mut salt);
            kdf_options.string(&salt).u32(rounds);
            let key_iv = derive(cipher, passphrase, &salt, rounds)?;
            // CTR mode: encrypting is decrypting.
            decrypt(cipher, &key_iv, &mut section, &[])?;
            "bcrypt"
        }
    };

    let mut out = Writer::with_capacity(section.len() + public.len() + 128);
    out.raw(MAGIC)
        .string(cipher.name().as_bytes())
        .string(kdf_name.as_bytes())
        .string(kdf_options.as_slice())
        .u32(1)
        .string(&public)
        .string(&section);
    Ok(armor::write(LABEL, &[], out.as_slice(), SSH_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader as a result: a passphrase that fails is an error (see `Parsed::unlocked`).
    fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
        super::read(armor, passphrase).and_then(Parsed::unlocked)
    }
    use base64ct::{Base64, Encoding};

    /// One key file made by a real tool, with what `ssh-keygen -l -f` says about its plain original.
    struct Vector {
        name: &'static str,
        text: &'static str,
        passphrase: Option<&'static [u8]>,
        cipher: &'static str,
        comment: &'static str,
        fingerprint: &'static str,
    }

    fn armor_of(text: &str) -> Armor {
        armor::parse(text).unwrap()
    }

    fn armor_with(data: &[u8]) -> Armor {
        Armor {
            label: LABEL.into(),
            headers: Vec::new(),
            data: Zeroizing::new(data.to_vec()),
        }
    }

    /// Byte offsets of the fields of a decoded body.
    struct Layout {
        cipher: usize,
        kdf_options: usize,
        keys: usize,
        public: core::ops::Range<usize>,
        section: core::ops::Range<usize>,
    }

    fn layout(data: &[u8]) -> Layout {
        let at = |r: &Reader<'_>| data.len() - r.remaining().len();
        let mut r = Reader::new(data);
        r.bytes(MAGIC.len()).unwrap();
        let cipher = at(&r);
        r.string().unwrap();
        r.string().unwrap();
        let kdf_options = at(&r);
        r.string().unwrap();
        let keys = at(&r);
        r.u32().unwrap();
        let public_start = at(&r) + 4;
        r.string().unwrap();
        let public = public_start..at(&r);
        let section_start = at(&r) + 4;
        r.string().unwrap();
        Layout {
            cipher,
            kdf_options,
            keys,
            public,
            section: section_start..at(&r),
        }
    }

    fn vector(name: &str) -> &'static Vector {
        VECTORS.iter().find(|v| v.name == name).unwrap()
    }

    fn plain_vectors() -> impl Iterator<Item = &'static Vector> {
        VECTORS.iter().filter(|v| v.passphrase.is_none())
    }

    fn encrypted_vectors() -> impl Iterator<Item = &'static Vector> {
        VECTORS.iter().filter(|v| v.passphrase.is_some())
    }

    fn fingerprint_of(p: &Parsed) -> String {
        p.public.as_ref().unwrap().fingerprint_sha256()
    }

    #[test]
    fn reads_every_vector() {
        for v in VECTORS {
            let parsed =
                read(&armor_of(v.text), v.passphrase).unwrap_or_else(|e| panic!("{}: {e}", v.name));
            assert_eq!(parsed.format, Format::OpenSsh);
            let private = parsed.private.as_ref().unwrap();
            assert_eq!(
                private.public_key().fingerprint_sha256(),
                v.fingerprint,
                "{}",
                v.name
            );
            assert_eq!(fingerprint_of(&parsed), v.fingerprint, "{}", v.name);
            assert_eq!(parsed.comment.as_deref(), Some(v.comment), "{}", v.name);
            match v.passphrase {
                None => assert_eq!(parsed.encryption, None, "{}", v.name),
                Some(_) => assert_eq!(
                    parsed.encryption,
                    Some(Encryption {
                        cipher: v.cipher.into(),
                        kdf: Some(Kdf::Bcrypt { rounds: 16 })
                    }),
                    "{}",
                    v.name
                ),
            }
        }
    }

    #[test]
    fn reads_the_public_key_without_the_passphrase() {
        for v in encrypted_vectors() {
            let parsed = read(&armor_of(v.text), None).unwrap();
            assert!(parsed.private.is_none(), "{}", v.name);
            assert_eq!(parsed.comment, None, "{}", v.name);
            assert_eq!(fingerprint_of(&parsed), v.fingerprint, "{}", v.name);
            assert_eq!(
                parsed.encryption.map(|e| (e.cipher, e.kdf)),
                Some((v.cipher.to_string(), Some(Kdf::Bcrypt { rounds: 16 }))),
                "{}",
                v.name
            );
        }
    }

    #[test]
    fn wrong_passphrase_is_reported_as_such() {
        for v in encrypted_vectors() {
            let err = read(&armor_of(v.text), Some(b"px")).unwrap_err();
            assert_eq!(err, Error::WrongPassphrase, "{}", v.name);
        }
        let v = vector("ed25519-aes256-ctr");
        assert_eq!(
            read(&armor_of(v.text), Some(b"")).unwrap_err(),
            Error::WrongPassphrase
        );
    }

    #[test]
    fn a_damaged_aead_tag_or_ciphertext_fails_authentication() {
        for name in ["ed25519-aes256-gcm", "ed25519-chacha20-poly1305"] {
            let armor = armor_of(vector(name).text);
            let section = layout(&armor.data).section;
            for at in [section.start, section.end, armor.data.len() - 1] {
                let mut data = armor.data.to_vec();
                data[at] ^= 1;
                assert_eq!(
                    read(&armor_with(&data), Some(b"pw")).unwrap_err(),
                    Error::WrongPassphrase,
                    "{name} byte {at}"
                );
            }
        }
    }

    #[test]
    fn puttygen_over_padding_is_accepted() {
        // puttygen -O private-openssh-new pads the unencrypted section to 16 bytes, ssh-keygen to 8.
        let armor = armor_of(vector("putty-ed25519").text);
        let section = layout(&armor.data).section;
        assert_eq!(section.len() % 16, 0);
        assert!(read(&armor, None).unwrap().private.is_some());
    }

    #[test]
    fn flipped_check_number_in_a_plain_key_is_corruption() {
        for v in plain_vectors() {
            let armor = armor_of(v.text);
            let mut data = armor.data.to_vec();
            let at = layout(&data).section.start + 7;
            data[at] ^= 0x40;
            assert_eq!(
                read(&armor_with(&data), None).unwrap_err(),
                Error::Corrupt("the check numbers of the private key do not match"),
                "{}",
                v.name
            );
        }
    }

    #[test]
    fn wrong_padding_is_corruption() {
        // ssh-keygen padded this section with 01..07.
        let armor = armor_of(vector("ed25519").text);
        let mut data = armor.data.to_vec();
        let end = layout(&data).section.end;
        assert_eq!(&data[end - 7..end], &[1, 2, 3, 4, 5, 6, 7]);
        data[end - 1] = 0;
        assert_eq!(
            read(&armor_with(&data), None).unwrap_err(),
            Error::Corrupt("padding is wrong")
        );
    }

    #[test]
    fn costly_bcrypt_rounds_are_refused_before_deriving() {
        let armor = armor_of(vector("ed25519-aes256-ctr").text);
        // kdfoptions: uint32 length, string salt (16 bytes), uint32 rounds.
        let rounds_at = layout(&armor.data).kdf_options + 4 + 4 + 16;
        assert_eq!(&armor.data[rounds_at..rounds_at + 4], &16u32.to_be_bytes());
        let mut data = armor.data.to_vec();
        data[rounds_at..rounds_at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
        let started = std::time::Instant::now();
        for pass in [Some(&b"pw"[..]), None] {
            let err = read(&armor_with(&data), pass).unwrap_err();
            assert_eq!(err.code(), "kdf-too-costly");
            assert!(err.to_string().contains("bcrypt rounds"));
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        data[rounds_at..rounds_at + 4].copy_from_slice(&0u32.to_be_bytes());
        assert_eq!(
            read(&armor_with(&data), Some(b"pw")).unwrap_err().code(),
            "corrupt"
        );
    }

    #[test]
    fn every_prefix_is_truncation() {
        for (name, pass) in [
            ("ed25519", None),
            ("p256", None),
            ("ed25519-aes256-gcm", None),
            ("ed25519-aes256-gcm", Some(&b"pw"[..])),
            ("ed25519-aes128-cbc", Some(&b"pw"[..])),
        ] {
            let armor = armor_of(vector(name).text);
            for len in 0..armor.data.len() {
                assert_eq!(
                    read(&armor_with(&armor.data[..len]), pass).unwrap_err(),
                    Error::Truncated,
                    "{name} cut to {len}"
                );
            }
        }
    }

    #[test]
    fn no_byte_flip_panics() {
        for name in ["ed25519", "p256", "p521", "dsa", "rsa1024", "putty-rsa"] {
            let armor = armor_of(vector(name).text);
            for at in 0..armor.data.len() {
                for mask in [0x01, 0x80, 0xff] {
                    let mut data = armor.data.to_vec();
                    data[at] ^= mask;
                    let _ = read(&armor_with(&data), None);
                }
            }
        }
    }

    #[test]
    fn header_public_key_must_match_the_private_key() {
        // ssh-keygen's Ed25519 header in front of puttygen's Ed25519 private section.
        let a = armor_of(vector("ed25519").text);
        let b = armor_of(vector("putty-ed25519").text);
        let (la, lb) = (layout(&a.data), layout(&b.data));
        let mut data = a.data[..la.public.end].to_vec();
        data.extend_from_slice(&b.data[lb.public.end..]);
        assert_eq!(
            read(&armor_with(&data), None).unwrap_err(),
            Error::InconsistentKey("the public key in the header does not match the private key")
        );
    }

    #[test]
    fn key_count_cipher_and_magic_are_checked() {
        let armor = armor_of(vector("ed25519").text);
        let keys_at = layout(&armor.data).keys;
        let mut data = armor.data.to_vec();
        data[keys_at..keys_at + 4].copy_from_slice(&2u32.to_be_bytes());
        assert_eq!(
            read(&armor_with(&data), None).unwrap_err(),
            Error::Corrupt("the file holds more than one key, which OpenSSH does not read")
        );
        data[keys_at..keys_at + 4].copy_from_slice(&0u32.to_be_bytes());
        assert_eq!(
            read(&armor_with(&data), None).unwrap_err().code(),
            "corrupt"
        );

        let armor = armor_of(vector("ed25519-aes256-ctr").text);
        let name_at = layout(&armor.data).cipher + 4;
        let mut data = armor.data.to_vec();
        data[name_at..name_at + 10].copy_from_slice(b"aes256-xyz");
        assert_eq!(
            read(&armor_with(&data), Some(b"pw")).unwrap_err(),
            Error::UnsupportedCipher("aes256-xyz".into())
        );

        let mut data = armor.data.to_vec();
        data[0] = b'O';
        assert_eq!(
            read(&armor_with(&data), None).unwrap_err().code(),
            "corrupt"
        );
    }

    #[test]
    fn writes_plain_keys_exactly_as_ssh_keygen() {
        // Same bytes as ssh-keygen's own file except the random check numbers.
        for v in plain_vectors().filter(|v| !v.name.starts_with("putty")) {
            let theirs = armor_of(v.text);
            let parsed = read(&theirs, None).unwrap();
            let text = write(
                parsed.private.as_ref().unwrap(),
                v.comment,
                None,
                DEFAULT_ROUNDS,
                &mut rand_core::OsRng,
            )
            .unwrap();
            let ours = armor_of(&text);
            let checks = layout(&theirs.data).section.start;
            let mut a = theirs.data.to_vec();
            let mut b = ours.data.to_vec();
            assert_eq!(b[checks..checks + 4], b[checks + 4..checks + 8]);
            a[checks..checks + 8].fill(0);
            b[checks..checks + 8].fill(0);
            assert_eq!(a, b, "{}", v.name);
            let widths = |t: &str| t.lines().map(str::len).collect::<Vec<_>>();
            assert_eq!(widths(&text), widths(v.text), "{}", v.name);
            assert!(text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
            assert!(text.ends_with("\n-----END OPENSSH PRIVATE KEY-----\n"));
        }
    }

    #[test]
    fn written_encrypted_keys_read_back() {
        let mut rng = rand_core::OsRng;
        for v in plain_vectors() {
            let key = read(&armor_of(v.text), None).unwrap().private.unwrap();
            let text = write(&key, v.comment, Some(b"secret"), 4, &mut rng).unwrap();
            let armor = armor_of(&text);
            assert_eq!(layout(&armor.data).section.len() % 16, 0);
            let back = read(&armor, Some(b"secret")).unwrap();
            assert_eq!(fingerprint_of(&back), v.fingerprint, "{}", v.name);
            assert_eq!(back.comment.as_deref(), Some(v.comment));
            assert_eq!(
                back.encryption,
                Some(Encryption {
                    cipher: "aes256-ctr".into(),
                    kdf: Some(Kdf::Bcrypt { rounds: 4 })
                })
            );
            assert_eq!(
                read(&armor, Some(b"secreT")).unwrap_err(),
                Error::WrongPassphrase
            );
            let locked = read(&armor, None).unwrap();
            assert!(locked.private.is_none());
            assert_eq!(fingerprint_of(&locked), v.fingerprint);
        }
    }

    #[test]
    fn write_options_are_checked() {
        let key = read(&armor_of(vector("ed25519").text), None)
            .unwrap()
            .private
            .unwrap();
        let mut rng = rand_core::OsRng;
        for rounds in [0, limits::MAX_BCRYPT_ROUNDS + 1, u32::MAX] {
            assert_eq!(
                write(&key, "", Some(b"pw"), rounds, &mut rng)
                    .unwrap_err()
                    .code(),
                "invalid-option"
            );
        }
        // An empty passphrase means no encryption, as in ssh-keygen; rounds then do not matter.
        let text = write(&key, "", Some(b""), 0, &mut rng).unwrap();
        let back = read(&armor_of(&text), None).unwrap();
        assert!(back.encryption.is_none() && back.private.is_some());
        assert_eq!(back.comment, None);
    }

    /// Runs ssh-keygen, or returns `None` (after saying so) when it is not installed.
    #[cfg(not(target_arch = "wasm32"))]
    fn ssh_keygen(args: &[&std::ffi::OsStr]) -> Option<std::process::Output> {
        match std::process::Command::new("ssh-keygen")
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
        {
            Ok(out) => Some(out),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                println!("ssh-keygen is not installed: skipping the interoperability check");
                None
            }
            Err(e) => panic!("ssh-keygen: {e}"),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn ssh_keygen_reads_what_we_write() {
        use std::io::Write as _;
        let mut rng = rand_core::OsRng;
        for v in plain_vectors() {
            let key = read(&armor_of(v.text), None).unwrap().private.unwrap();
            for pass in ["pw", ""] {
                let text = write(
                    &key,
                    v.comment,
                    Some(pass.as_bytes()),
                    DEFAULT_ROUNDS,
                    &mut rng,
                )
                .unwrap();
                // NamedTempFile is created with mode 0600, which ssh-keygen insists on.
                let mut file = tempfile::NamedTempFile::new().unwrap();
                file.write_all(text.as_bytes()).unwrap();
                let Some(out) = ssh_keygen(&[
                    "-y".as_ref(),
                    "-P".as_ref(),
                    pass.as_ref(),
                    "-f".as_ref(),
                    file.path().as_os_str(),
                ]) else {
                    return;
                };
                assert!(
                    out.status.success(),
                    "{} {pass:?}: {}",
                    v.name,
                    String::from_utf8_lossy(&out.stderr)
                );
                let line = String::from_utf8(out.stdout).unwrap();
                let blob = Base64::decode_vec(line.split_whitespace().nth(1).unwrap()).unwrap();
                let public = PublicKey::from_ssh_blob(&blob).unwrap();
                assert_eq!(
                    public.fingerprint_sha256(),
                    v.fingerprint,
                    "{} {pass:?}",
                    v.name
                );
            }
        }
    }

    // Test vectors. Made with OpenSSH 9.2p1 and PuTTYgen 0.78:
    //   ssh-keygen -q -t rsa -b 1024 -N '' -C rsa1024@keyfit -f rsa1024 (likewise rsa 2048, ed25519,
    //     ecdsa -b 256/384/521, dsa), each with -C <name>@keyfit
    //   ed25519-<cipher>: cp ed25519 F; ssh-keygen -q -p -P '' -N pw -Z <cipher> -f F (same for the other
    //     encrypted ssh-keygen keys: rsa1024 aes256-ctr, rsa2048 chacha20-poly1305, p384 aes256-gcm, dsa aes256-cbc)
    //   timeout 30 puttygen -t rsa -b 1024 -C putty-rsa -O private-openssh-new -o putty-rsa --new-passphrase /dev/null
    //   timeout 30 puttygen -t ed25519 -C putty-ed -O private-openssh-new -o putty-ed25519 --new-passphrase /dev/null
    //   timeout 30 puttygen putty-rsa -P -O private-openssh-new -o putty-rsa-aes256-ctr --new-passphrase pwfile
    //     (pwfile holds `pw`); all with </dev/null.
    // Fingerprints are those `ssh-keygen -l -f` prints for the plain originals.
    const VECTORS: &[Vector] = &[
        Vector {
            name: "rsa1024",
            text: SSH_RSA1024,
            passphrase: None,
            cipher: "none",
            comment: "rsa1024@keyfit",
            fingerprint: "SHA256:QR88FKGZ/a0C3Qy22BlFP/w+QAqj7uhvQcxnmVJdpo8",
        },
        Vector {
            name: "rsa2048",
            text: SSH_RSA2048,
            passphrase: None,
            cipher: "none",
            comment: "rsa2048@keyfit",
            fingerprint: "SHA256:loumT9wIv+Lj6tCTn3aNsjCPzvMUZzE5wBuyijqh9o0",
        },
        Vector {
            name: "ed25519",
            text: SSH_ED25519,
            passphrase: None,
            cipher: "none",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "p256",
            text: SSH_P256,
            passphrase: None,
            cipher: "none",
            comment: "p256@keyfit",
            fingerprint: "SHA256:9fePpDzDu5HqzogcwKiU5fewWGrZCvQnxf3lfO9E+FI",
        },
        Vector {
            name: "p384",
            text: SSH_P384,
            passphrase: None,
            cipher: "none",
            comment: "p384@keyfit",
            fingerprint: "SHA256:UCeG5omfgnbSGkji9QIWPVlQZkIYSijATmwFv8wrfDo",
        },
        Vector {
            name: "p521",
            text: SSH_P521,
            passphrase: None,
            cipher: "none",
            comment: "p521@keyfit",
            fingerprint: "SHA256:6eMjdvK+LzC33msg9xh9jCbZlLkJPL8JNshDBx7FHL8",
        },
        Vector {
            name: "dsa",
            text: SSH_DSA,
            passphrase: None,
            cipher: "none",
            comment: "dsa@keyfit",
            fingerprint: "SHA256:JvBARlS4UcuL4w5ZqoM5i7uyDc89DeHd+35jD31pPSc",
        },
        Vector {
            name: "putty-rsa",
            text: SSH_PUTTY_RSA,
            passphrase: None,
            cipher: "none",
            comment: "putty-rsa",
            fingerprint: "SHA256:TwdtNEyoINvtxmsA6Q5lMrFI1N+12O+kk+jdSIk1+bc",
        },
        Vector {
            name: "putty-ed25519",
            text: SSH_PUTTY_ED25519,
            passphrase: None,
            cipher: "none",
            comment: "putty-ed",
            fingerprint: "SHA256:nt6N6L8Szmh+ibKx1mKPggKnIPsh8PtS1S0Tl/7G1n4",
        },
        Vector {
            name: "ed25519-aes128-ctr",
            text: SSH_ED25519_AES128_CTR,
            passphrase: Some(b"pw"),
            cipher: "aes128-ctr",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-aes192-ctr",
            text: SSH_ED25519_AES192_CTR,
            passphrase: Some(b"pw"),
            cipher: "aes192-ctr",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-aes256-ctr",
            text: SSH_ED25519_AES256_CTR,
            passphrase: Some(b"pw"),
            cipher: "aes256-ctr",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-aes128-cbc",
            text: SSH_ED25519_AES128_CBC,
            passphrase: Some(b"pw"),
            cipher: "aes128-cbc",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-aes192-cbc",
            text: SSH_ED25519_AES192_CBC,
            passphrase: Some(b"pw"),
            cipher: "aes192-cbc",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-aes256-cbc",
            text: SSH_ED25519_AES256_CBC,
            passphrase: Some(b"pw"),
            cipher: "aes256-cbc",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-aes128-gcm",
            text: SSH_ED25519_AES128_GCM,
            passphrase: Some(b"pw"),
            cipher: "aes128-gcm@openssh.com",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-aes256-gcm",
            text: SSH_ED25519_AES256_GCM,
            passphrase: Some(b"pw"),
            cipher: "aes256-gcm@openssh.com",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-chacha20-poly1305",
            text: SSH_ED25519_CHACHA20_POLY1305,
            passphrase: Some(b"pw"),
            cipher: "chacha20-poly1305@openssh.com",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "ed25519-3des-cbc",
            text: SSH_ED25519_3DES_CBC,
            passphrase: Some(b"pw"),
            cipher: "3des-cbc",
            comment: "ed25519@keyfit",
            fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
        },
        Vector {
            name: "rsa1024-aes256-ctr",
            text: SSH_RSA1024_AES256_CTR,
            passphrase: Some(b"pw"),
            cipher: "aes256-ctr",
            comment: "rsa1024@keyfit",
            fingerprint: "SHA256:QR88FKGZ/a0C3Qy22BlFP/w+QAqj7uhvQcxnmVJdpo8",
        },
        Vector {
            name: "rsa2048-chacha",
            text: SSH_RSA2048_CHACHA,
            passphrase: Some(b"pw"),
            cipher: "chacha20-poly1305@openssh.com",
            comment: "rsa2048@keyfit",
            fingerprint: "SHA256:loumT9wIv+Lj6tCTn3aNsjCPzvMUZzE5wBuyijqh9o0",
        },
        Vector {
            name: "p384-aes256-gcm",
            text: SSH_P384_AES256_GCM,
            passphrase: Some(b"pw"),
            cipher: "aes256-gcm@openssh.com",
            comment: "p384@keyfit",
            fingerprint: "SHA256:UCeG5omfgnbSGkji9QIWPVlQZkIYSijATmwFv8wrfDo",
        },
        Vector {
            name: "dsa-aes256-cbc",
            text: SSH_DSA_AES256_CBC,
            passphrase: Some(b"pw"),
            cipher: "aes256-cbc",
            comment: "dsa@keyfit",
            fingerprint: "SHA256:JvBARlS4UcuL4w5ZqoM5i7uyDc89DeHd+35jD31pPSc",
        },
        Vector {
            name: "putty-rsa-aes256-ctr",
            text: SSH_PUTTY_RSA_AES256_CTR,
            passphrase: Some(b"pw"),
            cipher: "aes256-ctr",
            comment: "putty-rsa",
            fingerprint: "SHA256:TwdtNEyoINvtxmsA6Q5lMrFI1N+12O+kk+jdSIk1+bc",
        },
    ];

    const SSH_RSA1024: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAlwAAAAdzc2gtcn
NhAAAAAwEAAQAAAIEAuZNExasxYTcmAALAIh748lDyy3+cQi/BUoHtGM2g1NpVQVxZ55/X
uyVissjNRtQGR6jcvwO15TKpIFuQpaiBk73EkJfA+bkCB9mTgZcWglZUPOPRU39JKC0Pc9
84vISYOdQVyKDfSVhUdsdmRUOJSSYWSRr2YQ5hgcvwpDKZ4i8AAAIIOGFHwThhR8EAAAAH
c3NoLXJzYQAAAIEAuZNExasxYTcmAALAIh748lDyy3+cQi/BUoHtGM2g1NpVQVxZ55/Xuy
VissjNRtQGR6jcvwO15TKpIFuQpaiBk73EkJfA+bkCB9mTgZcWglZUPOPRU39JKC0Pc984
vISYOdQVyKDfSVhUdsdmRUOJSSYWSRr2YQ5hgcvwpDKZ4i8AAAADAQABAAAAgFCf2/wpQV
3kMN1GVKU+YZgddS7WdVQIHWy0SAdDp0FyziGEdwb72iVTu8rDFPRVv5i4k5dljExUs0f8
oB5o1EpXM70KBtJWJzdfsU7Kovt6BOsl1ZfOHTgi3rEqWS3ycjFOymipTH57INhfU0UcAA
UycpdGa8/j1Az37cwV/5GhAAAAQQCT0xAMR9mr+bavqZCzkG60tiapyWGkJ/efm5hs/wCz
b/QGCWZ0ulZbjpNLDucfjMGy3ZDwlyleTp/m/HurqpJPAAAAQQDmakJhwpO9bjy06g8Ds1
b1sB8DqiZAo0I9J5QRVLySvz8CxhZ2sFszioOAHZ7J0GIjZ8Ve+NuYiwQdhKBhW63fAAAA
QQDOLmaBsvFeuY0GgANG5zgHHUlbsPwRFOFp82Z9GocCr7jukguXdU35EBWavcD6exi+jM
0JorWuoBjtvQzouLWxAAAADnJzYTEwMjRAa2V5Zml0AQIDBA==
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_RSA2048: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABFwAAAAdzc2gtcn
NhAAAAAwEAAQAAAQEAqxNxcT/zElvEKwGSYM6Xm6Nyh/wzBaQJtmbrjSWF9WXJt0ciIT0Z
4sEdl3G54G8iutdznyQi3YkcuvaNTL2ZaA5rhqGDAPdTDhGkWfhApwKCPKAHB6qGgivQQI
j1qAGdm0IMLMnpob9l7T9A67fMXeInTXIr4je/epqAjHT3Msbsq4rqYjuowkzI23tkSqnn
NuauNde6SoMF+u2S2Wxh+z2ppu+Oqta0asYKLpsyFyFtfkzL4XTttuXtUAdMJhxp1gTYyu
jakjEfeChwihtbUCPWIFzxm86iZRDis//EewVuxf0GAq1sOFAh7h28St+xSqDRttH/eqAI
3NhW5y8w0wAAA8jX0WJ219FidgAAAAdzc2gtcnNhAAABAQCrE3FxP/MSW8QrAZJgzpebo3
KH/DMFpAm2ZuuNJYX1Zcm3RyIhPRniwR2XcbngbyK613OfJCLdiRy69o1MvZloDmuGoYMA
91MOEaRZ+ECnAoI8oAcHqoaCK9BAiPWoAZ2bQgwsyemhv2XtP0Drt8xd4idNciviN796mo
CMdPcyxuyriupiO6jCTMjbe2RKqec25q4117pKgwX67ZLZbGH7Pamm746q1rRqxgoumzIX
IW1+TMvhdO225e1QB0wmHGnWBNjK6NqSMR94KHCKG1tQI9YgXPGbzqJlEOKz/8R7BW7F/Q
YCrWw4UCHuHbxK37FKoNG20f96oAjc2FbnLzDTAAAAAwEAAQAAAQAnqXhRgzv9c50FQ3YG
T59CjCBPep7xndhKm43cyWhHPnQHs8wr3JiVw6PyqoEnkVyB6NV7fcs/hTxN9D9KHWLlhw
JS0jsnDDALQPfTjAShM6myGH/IvTY2E6ZSb+5UJxu9FRDxiVZLE66z1Ehe3dvZoEbwY5nc
9oPEDvHinnN5J9fDqpwA0cAu8OhnqDmSA/ODxcIU5rsteAKlA78HPg0xsABoFrgrIF++EO
VJCCLD7Kqd0cJMNfl8+cxzX05nRFUQvZxveiyugisZyqWv1dPqNxMBL6R+KXrtIqgoAupj
UfApfaStrLolLxNaYsUN43r4XcXz2cEiqzDsrFLLJL9RAAAAgQDIG0b0BGxbvqxUuK5TnD
n/nH9PK7s2vliatei3MQVNjE8Cqk7NXaZintJ+mLZYJWlMjvePPfvxOpjf8KyJlPnn2Bxj
TjBuf7p8J0tduj/5BDFh7fu78TA//NWAdt12ZX5XjUPVOltQj4cKaQJ3U0JtmTtUXNzGXo
NMBM5aWuNV+AAAAIEA6CaAYLW8usvOr+X6vPkEBd7JbujD95ODCWLxROzg9onqNMjfh5H2
hMR6ym1angU77LlY/TG1TaajcoxsQ6PtLi1Our6QUdcUtKnkrtCaxSaV6/JbdsfKBO206y
eCMCQiPgkRVWkvxXGb15RkrYC2PgvIrXFMUXxwxIcI4zoGTs8AAACBALymstzIEIUEZClT
k00j7bKTouThKf/n+eKyXTe8AILd6bZOdWKwigHHpMtUyiszxaZVeYRiTpved37SXoQrMu
aFYo+5rPGWB4gFquniSNJHKGW13P2lLc8PAUyFzOWL414avOGS1CfwtFlJnQfngOF4/mIL
ooIT8p5GsV50uV69AAAADnJzYTIwNDhAa2V5Zml0AQIDBA==
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACDtL6LqQvJh0tQKbyTNR09Pohr+33iYcJF9Ohm9CLz3/gAAAJhdJgYvXSYG
LwAAAAtzc2gtZWQyNTUxOQAAACDtL6LqQvJh0tQKbyTNR09Pohr+33iYcJF9Ohm9CLz3/g
AAAED0cVYkkg4aCEhKxxnjXcIABxKYuK/yLKHLthrl+UTxbO0voupC8mHS1ApvJM1HT0+i
Gv7feJhwkX06Gb0IvPf+AAAADmVkMjU1MTlAa2V5Zml0AQIDBAUGBw==
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_P256: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS
1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQQQBGP7G8yOsZpiKM89wBuMT7vYFhxp
pCv4Rn/V3VizEIEd2w1QR4gQP1PPIHe2DewLvCWS7sQOukhCBoJ5l0m1AAAAqOpVMM/qVT
DPAAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBBAEY/sbzI6xmmIo
zz3AG4xPu9gWHGmkK/hGf9XdWLMQgR3bDVBHiBA/U88gd7YN7Au8JZLuxA66SEIGgnmXSb
UAAAAgIaOtilDPmRZWVKwjtNAqXC2I5c0e6evPTGRSUnactv8AAAALcDI1NkBrZXlmaXQB
AgMEBQ==
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_P384: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAiAAAABNlY2RzYS
1zaGEyLW5pc3RwMzg0AAAACG5pc3RwMzg0AAAAYQQsKgCkt8SvA6IDmmv5Ee70an6S5aFB
fckBuffvsSj5RAgclxUBCcEY1Rpsvby+eECDUhTUl2tU/SakgzYZaA9vyZgOAVquRZGMBG
B3dQXX4QQ7TF3Xr9ttkKxA1B1xvkMAAADYqTFRJqkxUSYAAAATZWNkc2Etc2hhMi1uaXN0
cDM4NAAAAAhuaXN0cDM4NAAAAGEELCoApLfErwOiA5pr+RHu9Gp+kuWhQX3JAbn377Eo+U
QIHJcVAQnBGNUabL28vnhAg1IU1JdrVP0mpIM2GWgPb8mYDgFarkWRjARgd3UF1+EEO0xd
16/bbZCsQNQdcb5DAAAAMQCNFLjxSkK31LRGNpyuuWAGcfiToP1cXmxZ0s+NGp0jKJXKWm
o4OS+K1u2YdoImOZQAAAALcDM4NEBrZXlmaXQBAgME
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_P521: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAArAAAABNlY2RzYS
1zaGEyLW5pc3RwNTIxAAAACG5pc3RwNTIxAAAAhQQAd7209w1AFsfJ+LEXG04NW525E/6P
H1SAXgnHafu5Fi56+SPTId7XFxM1gdncS5eqvCPhZHiitgSTK7uViePRmOABkCCdypooyV
XDMEJpRtLnOdM6RXxHqWi9uEhJKCyapcpae+oWyv2ftTyCTg+yEOxR/SY61R0Q1VTrBEx0
QzvKe8UAAAEIkRACG5EQAhsAAAATZWNkc2Etc2hhMi1uaXN0cDUyMQAAAAhuaXN0cDUyMQ
AAAIUEAHe9tPcNQBbHyfixFxtODVuduRP+jx9UgF4Jx2n7uRYuevkj0yHe1xcTNYHZ3EuX
qrwj4WR4orYEkyu7lYnj0ZjgAZAgncqaKMlVwzBCaUbS5znTOkV8R6lovbhISSgsmqXKWn
vqFsr9n7U8gk4PshDsUf0mOtUdENVU6wRMdEM7ynvFAAAAQT9bSGhklmlOGE/Szx344Nx1
1UBkH6rGsLPrsfOV8Li4lcnV4btPpPJzS+5Xv4N/VAiIGvu+NhTr5zqzHSdxZpcRAAAAC3
A1MjFAa2V5Zml0
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_DSA: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABsgAAAAdzc2gtZH
NzAAAAgQDymnh9znu64HP5RsLTZIh2mTaLQ9UmN0qZbhRXQtMQ9Xmv+KuqWCGJ2d4gPwtr
moq7e6oDlHgdZgX9ieJP8L0JcBjWrC7Shi6O8szh3mL3PgzBeRz6QW6ZaHL7NgRTYEQn+P
DjzbAcTj6+uV1txjQdBK4vnFuWrgz+rTYWimz9NwAAABUAjSylvENKwPLhXQq5O9JbfCFm
fe8AAACBAMlz4RUhXkZ5Pn62r2yr6Et9kNqk3Zb10dvA4mRX71lLNX+FqryjZhDBOeqpk5
DN6QEPmJdbFHJhuIPN/JUKApcC6nUMjEiWZMr7G2Z7YY0y2eT1rpPevV8g3e5kEPmeGgd4
UlS3Hj/jhyzyPCpH1cd784Zx2PUdBQn2C2ofaj3RAAAAgAnz3IGghf/2f1W5zlwsfMulTG
7/6C6Z/xy08bCrY/0pL14yx/yR+dciTu5FjQQVYK8D0LkqPto+ggNow/5Of2M2StfFAxOj
HrMte99jA36/iZjydIjO0OyCc3FYOG8Ni+DwDDohDx0R5FmR3ffGhjkH1PdNHaDpIuuppX
MMxVydAAAB4IuKcveLinL3AAAAB3NzaC1kc3MAAACBAPKaeH3Oe7rgc/lGwtNkiHaZNotD
1SY3SpluFFdC0xD1ea/4q6pYIYnZ3iA/C2uairt7qgOUeB1mBf2J4k/wvQlwGNasLtKGLo
7yzOHeYvc+DMF5HPpBbplocvs2BFNgRCf48OPNsBxOPr65XW3GNB0Eri+cW5auDP6tNhaK
bP03AAAAFQCNLKW8Q0rA8uFdCrk70lt8IWZ97wAAAIEAyXPhFSFeRnk+fravbKvoS32Q2q
TdlvXR28DiZFfvWUs1f4WqvKNmEME56qmTkM3pAQ+Yl1sUcmG4g838lQoClwLqdQyMSJZk
yvsbZnthjTLZ5PWuk969XyDd7mQQ+Z4aB3hSVLceP+OHLPI8KkfVx3vzhnHY9R0FCfYLah
9qPdEAAACACfPcgaCF//Z/VbnOXCx8y6VMbv/oLpn/HLTxsKtj/SkvXjLH/JH51yJO7kWN
BBVgrwPQuSo+2j6CA2jD/k5/YzZK18UDE6Mesy1732MDfr+JmPJ0iM7Q7IJzcVg4bw2L4P
AMOiEPHRHkWZHd98aGOQfU900doOki66mlcwzFXJ0AAAAUOeKpVZWS98FlvHJYUFdW1Zwe
OVMAAAAKZHNhQGtleWZpdA==
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_PUTTY_RSA: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAlwAAAAdz
c2gtcnNhAAAAAwEAAQAAAIEApKJaTP+Xq0qUkIzzzEiRZ/HsRTUMJSXKWhwoPK8j
MQb+Rg9vNEcJCxZ5nFHtZsPoNk1wHb+62HZBTuyqTNnL2n+k6FNLVxgcQDs3GXN8
zrigY5trtKYFM/7W/FvswoDaNJ/yBL4rDk9iVO4Bb8TC2N0DZQMi33inPijO+lVj
kWsAAAIAAp18YAKdfGAAAAAHc3NoLXJzYQAAAIEApKJaTP+Xq0qUkIzzzEiRZ/Hs
RTUMJSXKWhwoPK8jMQb+Rg9vNEcJCxZ5nFHtZsPoNk1wHb+62HZBTuyqTNnL2n+k
6FNLVxgcQDs3GXN8zrigY5trtKYFM/7W/FvswoDaNJ/yBL4rDk9iVO4Bb8TC2N0D
ZQMi33inPijO+lVjkWsAAAADAQABAAAAgFFkMmB+u+zjIi+Uf7Mu7TQGVligsTBs
Tm3eHcZij3NdkbfxSXj+5Wml4tl1Z3i2wcaW4ibS8vyw+fia6Fa2FiFUCiXmeSzK
kF2Vd0bqpMTLhgaQY1Lup7mgjHxE3fWZIcSwEoeiBoKSiQGgtIjcDntnmvtczsuQ
GFvu5VaqjuGBAAAAQQCG0rkopw7H9QQDeOoedTK8/GQoJj/F+QwtWXa4iaaeRj/N
YSN1sKwPFSdQsN1k8uUpzMZnpAu1/Pp+pRELKxPBAAAAQQDdRbhAlbrut4hE+LTE
/LPRA7TmxL+DcF20JGWuSKOBi8RgdT6qZcXbvznvDxL62sjmNztL5rRLbkGOMiT5
mtK/AAAAQQC+eQZ54A+uB7xXK1Ud6Qm1lzrawLiQe3zY/3oYw6SxgAMiGdpEtbJy
SAzi9ZLkRSy9Wjw86Cjo7Ml5GfHuImhVAAAACXB1dHR5LXJzYQE=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_PUTTY_ED25519: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz
c2gtZWQyNTUxOQAAACBTYJFU+SCvh06xPimfsHTT99Yr8vev606dLyFKMxWOEAAA
AJAqQ9ESKkPREgAAAAtzc2gtZWQyNTUxOQAAACBTYJFU+SCvh06xPimfsHTT99Yr
8vev606dLyFKMxWOEAAAAECpeaMkU120H8vP9ldR9bxHasU5ntfmTmBvTfoe4seq
BVNgkVT5IK+HTrE+KZ+wdNP31ivy96/rTp0vIUozFY4QAAAACHB1dHR5LWVkAQID
BAU=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_AES128_CTR: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczEyOC1jdHIAAAAGYmNyeXB0AAAAGAAAABB4KcO/kv
ssyJXwr3E1HUjnAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIO0voupC8mHS1Apv
JM1HT0+iGv7feJhwkX06Gb0IvPf+AAAAoJSkGaNYs5OuDpHZeyN9bSAeDO8ELtErwNH1tb
0EyAkD/h5EM4Au9Hsldqi2qWy+s5HlqC3aNldRVjzuSdrEAHCYxEBUf52WaIXfynrsaEkc
EFx7qEonAZpMy4slLf4mM1GVnsp7BMrP7NoA79sbAkowJThR+CVQvayDQM8fVA9bauBONh
FelFdqyXBFtl78Hx+/y+A8TI1Zw97gvdkGCg8=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_AES192_CTR: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczE5Mi1jdHIAAAAGYmNyeXB0AAAAGAAAABCEs1tfO6
Vp+7w7YswFL/SyAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIO0voupC8mHS1Apv
JM1HT0+iGv7feJhwkX06Gb0IvPf+AAAAoBMc0ngCnZ5BwiIIbkLGITxMk8wluo5mYxJKl1
mpOrWUD2oNETgLZ/Q+/Vzp6iJvFakUBoPc2rdn9pd9ocRJwhb5N8j4bLZrjjqysUKh4JxQ
IRb+/AVQrBXq1Raq/hojABm5jQAj/VOPuzEao5PK8fyswCEMQz+MLWQJoscineVp+N16Xk
fUGl5j2OQ6IzQzGQe665durXjWRgYHvQWQI/0=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_AES256_CTR: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABB4uW8sEu
QT14j8+dBsrOoeAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIO0voupC8mHS1Apv
JM1HT0+iGv7feJhwkX06Gb0IvPf+AAAAoCTdTFb9v8tda2aH2D4+A7h5UlL/kPw2i7KiPV
buy4GeiFZxyA/EWj8UrBAuLC7HsITCPVQq8CUNdpJtzkLM+bYhxTBN9theGEmI4k+UJUka
KXF1kvUmqZl1UBaoX2psUPcdhctmOLeKk5iXyj7KIGIk6nWyfSmqPTdYEBXcJi67k+6+gt
ovqpo5hwvVN1/lmfWaZYWtCiJfTbE95z+genU=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_AES128_CBC: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczEyOC1jYmMAAAAGYmNyeXB0AAAAGAAAABBb6UMGTm
dz/aQWVh8XthbUAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIO0voupC8mHS1Apv
JM1HT0+iGv7feJhwkX06Gb0IvPf+AAAAoI36l3326TPzhIg90WHZt27m09sQ1nZPfLrsoq
3f7H2slPl84/E3zky/g512qTODmHNeqdAWNWPE937jytNKmRp/UWJdfFtW37JHuUQ+zFSW
0Cy2A5YXF8S4HZ6kgtaVw0FBlkm8DdKxt5jxjSs1NXZ3KUtdL8sukqmYPn5S+UL9TNgxrK
axa8Wklp6Uhra7eDYX32jtS/bxMpDoRG2KJhk=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_AES192_CBC: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczE5Mi1jYmMAAAAGYmNyeXB0AAAAGAAAABDjlZ+3FK
rMO7cwt7k7FWsGAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIO0voupC8mHS1Apv
JM1HT0+iGv7feJhwkX06Gb0IvPf+AAAAoGCCHm34lVo8SMqKW5L6usauXJGubNI18rIIT9
FlhXe2/AYkH4EhYVsx9w3Ob23LV4XxijXkaeIKQzYs37PTzJ9AKNyzSdYEdFsSIpMaOC7V
smjhit7E/XgMoHeUzXzYbmmTr6C+Jeg6Hjd3i/hl1CqCsPy3dc8QZuAdgHv0m8C4ri7oCm
jSrHVOhG68RYpr/3QoDU19PwjsxNlnD48m6AE=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_AES256_CBC: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jYmMAAAAGYmNyeXB0AAAAGAAAABCq73pd/y
ZNGDHIc7z3gGlcAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIO0voupC8mHS1Apv
JM1HT0+iGv7feJhwkX06Gb0IvPf+AAAAoOieRZapKPeIyBiDzBZ3EyGVa0YA6/Jnawonrv
Sv1a80P/OzyLlaYSMz4AIGuN57ysW3GqBUfI1fE/K47W/Lao25fr5Ocd0OyPeRQrd1inon
N92lnrqZofk4RIRe/TMbk5/Ut3zaHbcSDiqR0JzS5toLh1Un/JI6WEB1XLD6CW2CwbdIPB
s6fJattldTp8lqm17n7jq7IO0s8x3V0Fgm+g0=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_AES128_GCM: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAAFmFlczEyOC1nY21Ab3BlbnNzaC5jb20AAAAGYmNyeXB0AA
AAGAAAABCpbK4tNCtdPibZZMNHkHVrAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAA
IO0voupC8mHS1ApvJM1HT0+iGv7feJhwkX06Gb0IvPf+AAAAoOUwN9CcLR2lhMw6yBlAPV
4t/4IxRI5ERNvGlQSR1dK7jW5mGsD4eZFmk1vnSA2e+zSHDXd48MWTdR0gj6SbZDhJHaGP
kkkgM6xFqJXuOAMxlSOX1ksVa/5/UQ86ZFC1RH38EPwTWBHnSXiCUWjxaJNR2fzh/xy7Qs
Cfpvgjt3oWKMT4qu+JWnqM8yp8z5X03JvDjYzS72S+K3NtXDt5r03w9YIgw1s5+OxurNec
mrdp
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_AES256_GCM: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAAFmFlczI1Ni1nY21Ab3BlbnNzaC5jb20AAAAGYmNyeXB0AA
AAGAAAABB2PDKwhoqzZXBy65+6KBqhAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAA
IO0voupC8mHS1ApvJM1HT0+iGv7feJhwkX06Gb0IvPf+AAAAoH/WNrHwj/GOn9QwEopUIW
Sz2YAAxV28IgOWDWPm7pNNcFG9PHaNlUs5PWBpRvgnDN+aHSie+lzh2W4PxfVr4D5YrGa/
OxmIya3n6uT9vlYyQbCvBDKXivgEiS63ULfAdsFvFH17tPWw7E/lI/KfR6BY4yWN1R/Wn/
3AjdxsC/NDUYZsdzf5S78RFOg1p96yEsDjZPJ8MNWVLuDhw5aYM4ARk0hFavtytcFvcwPp
YYVz
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_CHACHA20_POLY1305: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAAHWNoYWNoYTIwLXBvbHkxMzA1QG9wZW5zc2guY29tAAAABm
JjcnlwdAAAABgAAAAQehDAPzAgkAhLcy1rbDwcxgAAABAAAAABAAAAMwAAAAtzc2gtZWQy
NTUxOQAAACDtL6LqQvJh0tQKbyTNR09Pohr+33iYcJF9Ohm9CLz3/gAAAJjre7F0n09Xyh
WetHMZPwSFBKGPtRcgILZys2dbjBhB0M8XPiqR2HfyMnbtoH4MtzGpBuTrccSP4mlRz5a2
WxaAlcvb9Frp3erCWBnz3pXzrSL7QJeM6mYBdWFt83GobsvpzsJ6KSFKqYca/c8EApFTOD
zGexFEY20dAthZFn0yEDNQ1qHacSwzCalL2LEo5hrLugYdgenY5KMYj8n3BQ9eemDz/V40
NBc=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_ED25519_3DES_CBC: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACDNkZXMtY2JjAAAABmJjcnlwdAAAABgAAAAQ4GoXKu2hsX
lMuf8NZqS5ZAAAABAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACDtL6LqQvJh0tQKbyTN
R09Pohr+33iYcJF9Ohm9CLz3/gAAAJgeZ7Z9BJJ0/scACHzDk/TeoejxWJRtxkMS2Js3mR
DExROMNdILSp24gfTjD8g/MVeP5fKKki6Fzd3JQ2Urwy05DB3A9X5An2BCSfanTsjaMWEg
l0BSVYsONDs2i28yPJ66yJ7JpXDNxb1CPFeOtpZYMF3ee7tblZI/NYQwEcf8OWODDMm6ez
Dq7sbfePfOYH3PrqYRlw6M4A==
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_RSA1024_AES256_CTR: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABCUSc9EOF
Jvln6ltSyWKQLIAAAAEAAAAAEAAACXAAAAB3NzaC1yc2EAAAADAQABAAAAgQC5k0TFqzFh
NyYAAsAiHvjyUPLLf5xCL8FSge0YzaDU2lVBXFnnn9e7JWKyyM1G1AZHqNy/A7XlMqkgW5
ClqIGTvcSQl8D5uQIH2ZOBlxaCVlQ849FTf0koLQ9z3zi8hJg51BXIoN9JWFR2x2ZFQ4lJ
JhZJGvZhDmGBy/CkMpniLwAAAhCkbnhaI+eP5bScSLcnGM3y292YMvYa/irkljceYAXRMj
DNxOXmGwUEdSmv6UnwAHoUcZcUpUlCeJz53KKJ89IqlvB4jJC8XcdgHhq6yx740mRKf+TT
osJ2EK8UM/FwNm9ilW2lb6l+ZlhNP86KP99hxKsJchGV06x7uclkkIuYqOfhlo4OS4AwgQ
+EgKQg0N0e57v1Yegc51qErG2TR/CesBrWx3gt8Of2H24pPv/6c9qsmDTmNeKUTVguH1xJ
95y8RkeXlc10/GqumQwi9KF0TyWIZXdOa7MdxrYDU/6WNKAFQnk+6uWzr4fN7puUQ7HS6J
ZRoUtB/GmtRDLvF0dEvZyoRCi3NFFLYQI1T0KtEzz7AjTaasyF6LjLvOQm7PArHQv0dPQw
drI+FT4dvTJwR9E/6pyugAO+0tn5vHhhHti90tR87P4c9w7rvWB29YhQsy9ml3l/JxPXvN
nAgw1SupajPqwBSMbr7dwojsQ4i4lWeXEcp5dR0mibi3XN4lPJrL5+IGKmyb0/NG8446iV
H+pkALfYQ04Ne7tBakIel9FB2NtXuQm1ldSgwaVCcj8xnxQONehXfBgUblTobS6KDAsrJq
r1e/VodcPeJSZcAH1/wl+szjC58sQP/DOxu/wKga8OOTDQukpEyzvduItXCuKjMk5sFIlr
OJZN5qY9Evc1T8uOUjJUSddUdHmR6s4=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_RSA2048_CHACHA: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAAHWNoYWNoYTIwLXBvbHkxMzA1QG9wZW5zc2guY29tAAAABm
JjcnlwdAAAABgAAAAQaGJemPATGJyaKW0CkDi17QAAABAAAAABAAABFwAAAAdzc2gtcnNh
AAAAAwEAAQAAAQEAqxNxcT/zElvEKwGSYM6Xm6Nyh/wzBaQJtmbrjSWF9WXJt0ciIT0Z4s
Edl3G54G8iutdznyQi3YkcuvaNTL2ZaA5rhqGDAPdTDhGkWfhApwKCPKAHB6qGgivQQIj1
qAGdm0IMLMnpob9l7T9A67fMXeInTXIr4je/epqAjHT3Msbsq4rqYjuowkzI23tkSqnnNu
auNde6SoMF+u2S2Wxh+z2ppu+Oqta0asYKLpsyFyFtfkzL4XTttuXtUAdMJhxp1gTYyuja
kjEfeChwihtbUCPWIFzxm86iZRDis//EewVuxf0GAq1sOFAh7h28St+xSqDRttH/eqAI3N
hW5y8w0wAAA8gkr65X80r1XPa/M7Tl9YcoSujoa5OH1Eeyaht4s9iv5C0B7eto3Rz20UGg
OCVZoYM08H08RezC0RanspS1a6VTKRB3MIeG7Qs2Ystnopeg/R8D/7HCWVJTyvecVNxpk0
TsyxjLvpf+2Wkgowa1PH5hOi/BSZNpxtdcdkXkepPh+OFbj8jrD+zwmHdRAMeBlpD97MOk
R3pe6SjKoQ+isaBHYuhQO/+juyIYowI99O6KO6zMCNrVyNOxdTNXPs6UXzG3ZCXUD3Ok2n
ecJqaVG+yVlCRDc//tRlEibcvbqypB7VPVsWiYncHjlz3aXt21dRktRKkE8X/32JFFusZU
0TkhWy8I5NyWH2vjUFm7lSU131NkQEgdUk2XvG9OI/2hNf2kZFkwV/sD6T0cR0AjYf1bFn
N8peWeKhFhhXlOteE6DjMqAUj2Y1H3IbMcFq4QW4fAfDE3lprd8DCRrQSBAkv1V/41T0ob
vI7uauWq/AcdIyyS5fiPOu6vT+wRu7zfLoiPNbGpiHJ/5v3WL7wuKUK/2aNwSuDzREaDk6
f3sCoKJLU788grjbvq+mp8aeMxQ2S3PCqVXhEIs+N8efoLryGKSxrr7Xk+/Sxccj8WripF
69VvI8g3L1daZ+gtP64/bFVzUt4hLen/B7fG2hImOZ/x7XYUpN2fDlwbTtoICT4FBHuEzB
9ZFfyHpPtUJGO54QmYgUAKmFAAe23znLNJBaPnmJk1Q97S9g1difRjMvq/fhUNMwaWGMBe
qyLJOl+WTRbJeBOTLeCZxhEdF+KcoaXYgAO5vizOrpQnua+x37wS/8Hm3LIzlC6jn2+MIR
QiMdOadWIBlxGEZ4/MokMs15FGh8EZjKMYEGiTED+zVst1FanJQ0dKM89NhbJ11lANbEGZ
WVSH+yJ/yW18ah7cJDBr+YvAP8soxgVT5tsUGKc4FrvP///8EnOvVlnj4pWC9/gTxHKWoe
Wx1d4vBy4pTtQ4A2MQo9H0YKbLkkaM27HdqJwUM90dp58wIr5N7bw4GDe8kmoFGTAq2E/g
3XxeAB0UAmneRMXWgoSXjSODJPlWt28yglQEZhs9eDk4ZlDJ9qU7wTedodIpQxhBouPAM8
LnrYE+YIpRtY1Dx7tfOqEBFMu7IYMYUR+bdqP8WinDyJe4HgIM09q7jXqsK5HgxeqrvKTC
pQBK4II1k26zo8sdyo7YtVy40mTRQfFAjqa3s0Np4bI6Hid0FrFubQf4hOLIMpWCOZz2l9
qlSBE95Jlt+5cXAq8L7Qcm3AqnHe7Hp2asxOmufchmtrFosm72t0fK7C3EPuhdiXs=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_P384_AES256_GCM: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAAFmFlczI1Ni1nY21Ab3BlbnNzaC5jb20AAAAGYmNyeXB0AA
AAGAAAABDlDIUCZmaO0aFmti0NC7guAAAAEAAAAAEAAACIAAAAE2VjZHNhLXNoYTItbmlz
dHAzODQAAAAIbmlzdHAzODQAAABhBCwqAKS3xK8DogOaa/kR7vRqfpLloUF9yQG59++xKP
lECByXFQEJwRjVGmy9vL54QINSFNSXa1T9JqSDNhloD2/JmA4BWq5FkYwEYHd1BdfhBDtM
Xdev222QrEDUHXG+QwAAAOBJb9TL8MPC1D5gIy7EfHjJWE8WJri22Lj8sti/x4DtpvTx52
iAfuLzfyeEVjdLW/lQSfTydMSEuf7ShfEmS1bvZQlDhTLnxgsPQTX+dg4gQp0/urAkVOY3
/mTbK2qBi/6tltkETDuL/ofYR/jFAIbutL42On8zLbvZDmp9jQqg05g//ZcjnL65MYJHz5
Eia1dMtYZBhjmHGucobsPB90s2xbfdUrQQeOHcWk15dSDJZRm5UgVw7qiPlJtAx3xewkFk
i+VWMzPcgvmrIkhGGC4KOwZJGJwkZAZui+6TPMND0ilR71sru8yRhOBHGWaxbCU=
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_DSA_AES256_CBC: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jYmMAAAAGYmNyeXB0AAAAGAAAABC7nBobdt
riNUSFGMu5unfGAAAAEAAAAAEAAAGyAAAAB3NzaC1kc3MAAACBAPKaeH3Oe7rgc/lGwtNk
iHaZNotD1SY3SpluFFdC0xD1ea/4q6pYIYnZ3iA/C2uairt7qgOUeB1mBf2J4k/wvQlwGN
asLtKGLo7yzOHeYvc+DMF5HPpBbplocvs2BFNgRCf48OPNsBxOPr65XW3GNB0Eri+cW5au
DP6tNhaKbP03AAAAFQCNLKW8Q0rA8uFdCrk70lt8IWZ97wAAAIEAyXPhFSFeRnk+fravbK
voS32Q2qTdlvXR28DiZFfvWUs1f4WqvKNmEME56qmTkM3pAQ+Yl1sUcmG4g838lQoClwLq
dQyMSJZkyvsbZnthjTLZ5PWuk969XyDd7mQQ+Z4aB3hSVLceP+OHLPI8KkfVx3vzhnHY9R
0FCfYLah9qPdEAAACACfPcgaCF//Z/VbnOXCx8y6VMbv/oLpn/HLTxsKtj/SkvXjLH/JH5
1yJO7kWNBBVgrwPQuSo+2j6CA2jD/k5/YzZK18UDE6Mesy1732MDfr+JmPJ0iM7Q7IJzcV
g4bw2L4PAMOiEPHRHkWZHd98aGOQfU900doOki66mlcwzFXJ0AAAHgraCmMyCkwxXgcMLE
U/P930yfxHmhR9OZlBentiv6efAQQ089UC/xpg2G/QuEi/lgrrlSll43dUt0dXCe6x7ARA
fEcV9lmidBnoPxIBGTCizwKRROCmoqndUxvl0ElDsRhbZQcC+fqgs9+q0ExZOquIq8HFxH
U5FRgxcG2qv7uKtgmtPkALhWTwR0K6YpbPf8j9nAv41C20oxNy0YwxmIlRlTyGaSGcP2td
B2WTy+Co1R2FGXYpWUKUfup1jjf6lFo9Vr5KILlpVVDWTy3+K5BNL7A86enfATTbQbM31Q
WQSy+8DWm51y2s3mO6LQ7EbwbRcc02mmqItRu8HHtNZ39CWvs25+VtHfxd5gqwI9wIRg85
Gmf+0k5OS/FytHC/X9Kjd6hXT5kv2NJpNVVCHMjajKRW4NrZuuC1cyWMIUYarepAq392oW
DvgKCIMFHk0FLsI3ysqlYNUKiCUNoPiXpyP76vQfwhaRZh5RQP48QImtyWGXTBF6ZIq//K
NZcRJ71/PriTt5VZ5E/XB4OnhMdt3oS+L7c9NxD65vLAbjfbC6EtJzasMJXzbAfOYrXZni
/Gn2QSZUSdwvjuZ4zj9ztNQKKW1JCDJ7WpSZEofHal7xYDSyzvd9Ewt3xenjo/S4
-----END OPENSSH PRIVATE KEY-----
";

    const SSH_PUTTY_RSA_AES256_CTR: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABBA
5JdLsfA0v06y317lUCK2AAAAEAAAAAEAAACXAAAAB3NzaC1yc2EAAAADAQABAAAA
gQCkolpM/5erSpSQjPPMSJFn8exFNQwlJcpaHCg8ryMxBv5GD280RwkLFnmcUe1m
w+g2TXAdv7rYdkFO7KpM2cvaf6ToU0tXGBxAOzcZc3zOuKBjm2u0pgUz/tb8W+zC
gNo0n/IEvisOT2JU7gFvxMLY3QNlAyLfeKc+KM76VWORawAAAgC4UYHTSoxya3es
IIVbnxqZYCOEbjC0XjqRWdBxK/ugFkE5fPYwplbZz2MMxSPLs4WDxwI1Jku2reFJ
jB4J84yhXVN5KyXvqIOfzJwIUOW0VfP4J2jFV/Gceh/sHJPLKqghGlqjTk+6mYE/
iVcWNxFFWLKut1yKuB0CrW8qHLKX+q+KybjZOWl0goBi8pzjuIYyacWafA4coCfh
L+b3QQ2YzJGJGRg4O7f1/oDKaHv528wK2CQVCefhAsC0UDCPXYD5EF5csBtIqsc+
AH8pn/hvRMrQA+/UQBeGkFQM5aECMWXYVc7o0UAIfPyO6POZWon1MLwGJ+AdaxDg
GAOWUrWYNr3N9zPSKBqEbRYLzVPftCLEZROVkDMcTbcHNsdCTbK/U5LLFTEMcBGi
czUZbIi5m7hTT7iXwhiR0FN0sby4pm87E9mtMBu46xqY4mK7/gVFfW9w3ff0NSSl
+MOWUwRIeLheTofnjGvptpFeN51zAy3cHHV/hhZpJyuXiXBlHTMNCFZRkpugoUQM
dNBGRiyLZL/PcliKGAJPvyNlXK0qkZx1icx/LAAB1KP9XRHjk+K8Ytdo5BoSooE/
pQKWT6pZ1jtDoWt5qc9Rq1sDne6Qc9NbyLn8gUzB6mWguVKgLEAt9t3CH6G2KECh
q3EjdXRs+2UDGCgd313tNa1nbd2C4g==
-----END OPENSSH PRIVATE KEY-----
";
}
