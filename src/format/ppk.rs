//! PuTTY private key files (`.ppk`), versions 2 and 3, read and written as PuTTYgen 0.78 does.
//!
//! Spec: PuTTY manual appendix C, "PPK file format",
//! <https://the.earth.li/~sgtatham/putty/0.78/htmldoc/AppendixC.html>; PuTTY's `sshpubk.c` is the reference code.
//!
//! Hand-written: no released crate writes .ppk (RustCrypto's `ssh-key` reads it only in its unreleased 0.7
//! line, and never writes it). The format is small: text headers, two base64 blobs in SSH wire encoding,
//! AES-256-CBC, and an HMAC over everything, keyed from the passphrase by SHA-1 (v2) or Argon2 (v3).
//!
//! The public key and comment are in clear text: they are reported without the passphrase. An unencrypted file is
//! still MAC-checked (with a key derived from the empty passphrase), so an edited file is reported as corrupt.

use crate::armor;
use crate::error::{Error, Result};
use crate::key::{
    ed25519_bytes, rsa_from_parts, rsa_qinv, Algorithm, DsaPrivate, EcdsaPrivate, Ed25519Private,
    PrivateKey, PublicKey, RsaCrt,
};
use crate::limits;
use crate::kdf::{outside, Argon2Flavor, Params, Request};
use crate::parsed::{Encryption, Format, Kdf, Parsed};
use crate::text::{decode_hex, encode_hex, shown, PEM_WIDTH};
use crate::wire::{Reader, Writer};
use aes::cipher::{block_padding::NoPadding, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hmac::{Hmac, Mac};
use num_bigint_dig::BigUint;
use rand_core::CryptoRngCore;
use rsa::traits::PrivateKeyParts;
use sha1::{Digest, Sha1};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The .ppk version to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PpkVersion {
    /// `PuTTY-User-Key-File-2`: read by every PuTTY since 0.52; keys from the passphrase by one round of SHA-1.
    V2,
    /// `PuTTY-User-Key-File-3`: PuTTY 0.75 and later; keys from the passphrase by Argon2id.
    V3,
}

impl PpkVersion {
    fn format(self) -> Format {
        match self {
            PpkVersion::V2 => Format::Ppk2,
            PpkVersion::V3 => Format::Ppk3,
        }
    }

    fn mac_len(self) -> usize {
        match self {
            PpkVersion::V2 => 20,
            PpkVersion::V3 => 32,
        }
    }
}

/// Argon2 memory keyfit writes, in KiB: PuTTYgen 0.78's default.
pub(crate) const ARGON2_MEMORY_KIB: u32 = 8192;
/// Argon2 passes keyfit writes. PuTTYgen tunes passes so that derivation takes about 100 ms; on this project's
/// reference machine (2 cores) `puttygen -O private` with a passphrase wrote 21 when idle (13 under load).
pub(crate) const ARGON2_PASSES: u32 = 21;
/// Argon2 lanes keyfit writes: PuTTYgen 0.78's default.
pub(crate) const ARGON2_PARALLELISM: u32 = 1;
/// Length of the random Argon2 salt keyfit writes, as PuTTYgen does.
pub(crate) const ARGON2_SALT_LEN: usize = 16;

/// The only cipher .ppk files use.
const CIPHER: &str = "aes256-cbc";
/// AES block size; encrypted private data is padded to it.
const BLOCK: usize = 16;
/// Width of the base64 lines PuTTYgen writes.
/// Prefix of the v2 MAC key: `SHA-1(prefix || passphrase)`.
const V2_MAC_KEY_PREFIX: &[u8] = b"putty-private-key-file-mac-key";

/// Argon2 parameters as a v3 file states them.
struct Argon2Params {
    flavor: Argon2Flavor,
    memory_kib: u32,
    passes: u32,
    parallelism: u32,
    salt: Vec<u8>,
}

impl Argon2Params {
    fn kdf(&self) -> Kdf {
        Kdf::Argon2 {
            flavor: self.flavor.name(),
            memory_kib: self.memory_kib,
            passes: self.passes,
            parallelism: self.parallelism,
        }
    }

    fn header_name(&self) -> &'static str {
        match self.flavor {
            Argon2Flavor::D => "Argon2d",
            Argon2Flavor::I => "Argon2i",
            Argon2Flavor::Id => "Argon2id",
        }
    }
}

/// Key material derived from the passphrase.
struct Keys {
    /// AES-256 key (32 bytes) followed by the CBC IV (16 bytes); unused when the file is not encrypted.
    cipher: Zeroizing<[u8; 48]>,
    /// HMAC key (SHA-1 for v2, SHA-256 for v3); empty for an unencrypted v3 file.
    mac: Zeroizing<Vec<u8>>,
    /// The Argon2 salt the keys were derived with (for a write, the one to write); empty without Argon2.
    salt: Vec<u8>,
}

/// Derives the cipher and MAC keys. `passphrase` is `None` for an unencrypted file. For a write (`write`), the
/// Argon2 salt is fresh, and the keys may come with another ([`crate::kdf::outside::derive`]): `Keys::salt`.
fn derive_keys(
    version: PpkVersion,
    argon: Option<&Argon2Params>,
    passphrase: Option<&[u8]>,
    write: bool,
) -> Result<Keys> {
    let mut cipher = Zeroizing::new([0u8; 48]);
    let mut salt = Vec::new();
    let mac = match (version, passphrase) {
        (PpkVersion::V2, pass) => {
            if let Some(pass) = pass {
                // key = SHA-1(00000000 || pass) || SHA-1(00000001 || pass), first 32 bytes; IV zero.
                let a = Sha1::new().chain_update([0, 0, 0, 0]).chain_update(pass);
                let b = Sha1::new().chain_update([0, 0, 0, 1]).chain_update(pass);
                cipher[..20].copy_from_slice(&a.finalize());
                cipher[20..32].copy_from_slice(&b.finalize()[..12]);
            }
            let mac = Sha1::new()
                .chain_update(V2_MAC_KEY_PREFIX)
                .chain_update(pass.unwrap_or_default())
                .finalize();
            Zeroizing::new(mac.to_vec())
        }
        (PpkVersion::V3, None) => Zeroizing::new(Vec::new()),
        (PpkVersion::V3, Some(pass)) => {
            // The reader has had the parameters checked against keyfit's caps (`Parsed::encrypted`).
            let params = argon.ok_or(Error::Corrupt("the Argon2 parameters are missing"))?;
            let mut request = Request {
                params: Params::Argon2 {
                    flavor: params.flavor,
                    memory_kib: params.memory_kib,
                    passes: params.passes,
                    lanes: params.parallelism,
                },
                salt: params.salt.clone(),
                len: 80,
                write,
            };
            let out = outside::derive(&mut request, pass)?;
            salt = request.salt;
            cipher.copy_from_slice(&out[..48]);
            Zeroizing::new(out[48..].to_vec())
        }
    };
    Ok(Keys { cipher, mac, salt })
}

/// The MAC over `string(alg) string(encryption) string(comment) string(public) string(private plaintext)`.
fn compute_mac(version: PpkVersion, key: &[u8], fields: [&[u8]; 5]) -> Result<Zeroizing<Vec<u8>>> {
    let len: usize = fields.iter().map(|f| 4 + f.len()).sum();
    let mut w = Writer::with_capacity(len);
    for f in fields {
        w.string(f);
    }
    let bad_key = |_| Error::Corrupt("the MAC key is invalid");
    let tag = match version {
        PpkVersion::V2 => {
            let mut m = Hmac::<Sha1>::new_from_slice(key).map_err(bad_key)?;
            m.update(w.as_slice());
            m.finalize().into_bytes().to_vec()
        }
        PpkVersion::V3 => {
            let mut m = Hmac::<Sha256>::new_from_slice(key).map_err(bad_key)?;
            m.update(w.as_slice());
            m.finalize().into_bytes().to_vec()
        }
    };
    Ok(Zeroizing::new(tag))
}

/// Reads the text of a .ppk file line by line; line counts from the file never allocate.
struct Lines<'a>(core::str::Lines<'a>);

impl<'a> Lines<'a> {
    /// The value of header `name`, after the colon and one space, untrimmed (comments may end in spaces).
    fn raw(&mut self, name: &str) -> Result<&'a str> {
        let line = self.0.next().ok_or(Error::Truncated)?;
        match line.split_once(':') {
            Some((k, v)) if k.trim() == name => Ok(v.strip_prefix(' ').unwrap_or(v)),
            _ => Err(Error::Corrupt(
                "a PuTTY key header line is missing or out of order",
            )),
        }
    }

    /// The value of header `name`, trimmed.
    fn value(&mut self, name: &str) -> Result<&'a str> {
        Ok(self.raw(name)?.trim())
    }

    /// The value of header `name` as a decimal number.
    fn number(&mut self, name: &str) -> Result<u32> {
        self.value(name)?
            .parse()
            .map_err(|_| Error::Corrupt("a PuTTY key header does not hold a valid number"))
    }

    /// `count` lines of base64, decoded. Stops at the end of the text or at a header line: both mean lines are
    /// missing, so a huge count costs nothing.
    fn base64(&mut self, count: u32) -> Result<Zeroizing<Vec<u8>>> {
        let mut b64 = Zeroizing::new(String::new());
        for _ in 0..count {
            let line = self.0.next().ok_or(Error::Truncated)?.trim();
            if line.contains(':') {
                return Err(Error::Truncated);
            }
            b64.push_str(line);
        }
        armor::decode_base64(&b64)
    }
}

fn read_argon2(lines: &mut Lines<'_>) -> Result<Argon2Params> {
    let flavor = match lines.value("Key-Derivation")? {
        "Argon2id" => Argon2Flavor::Id,
        "Argon2i" => Argon2Flavor::I,
        "Argon2d" => Argon2Flavor::D,
        other => {
            return Err(Error::UnsupportedCipher(format!(
                "key derivation {}",
                shown(other.as_bytes())
            )))
        }
    };
    let memory_kib = lines.number("Argon2-Memory")?;
    let passes = lines.number("Argon2-Passes")?;
    let parallelism = lines.number("Argon2-Parallelism")?;
    let salt_hex = lines.value("Argon2-Salt")?;
    limits::check_salt(salt_hex.len() / 2)?;
    let salt = decode_hex(salt_hex).ok_or(Error::Corrupt("the Argon2 salt is not hex"))?;
    Ok(Argon2Params {
        flavor,
        memory_kib,
        passes,
        parallelism,
        salt,
    })
}

/// Reads a .ppk file (LF or CRLF line endings). Without a passphrase an encrypted key yields the public key, the
/// comment and the encryption, but no private key.
///
/// The Argon2 parameters are checked against keyfit's caps before any derivation, with or without a
/// passphrase: a file keyfit will refuse to derive is reported at once.
///
/// # Errors
/// [`Error::NotAKey`] when the text is not a .ppk file; [`Error::Truncated`] when lines are missing;
/// [`Error::Corrupt`] for broken headers or a MAC mismatch on an unencrypted file; [`Error::WrongPassphrase`] for
/// a MAC mismatch on an encrypted file; [`Error::KdfTooCostly`] for Argon2 parameters over the caps;
/// [`Error::UnsupportedCipher`] / [`Error::UnsupportedAlgorithm`]; [`Error::InconsistentKey`] when the private
/// values do not match the public key.
pub(crate) fn read(text: &str, passphrase: Option<&[u8]>) -> Result<Parsed> {
    let mut lines = Lines(text.lines());
    let first = lines
        .0
        .by_ref()
        .find(|l| !l.trim().is_empty())
        .ok_or(Error::NotAKey("the text is empty"))?;
    let (magic, alg_name) = first
        .split_once(':')
        .ok_or(Error::NotAKey("it is not a PuTTY key file"))?;
    let version = match magic.trim() {
        "PuTTY-User-Key-File-2" => PpkVersion::V2,
        "PuTTY-User-Key-File-3" => PpkVersion::V3,
        m if m.starts_with("PuTTY-User-Key-File-") => {
            return Err(Error::UnsupportedAlgorithm(format!(
                "{} (a PuTTY key file version keyfit does not read)",
                shown(m.as_bytes())
            )))
        }
        _ => return Err(Error::NotAKey("it is not a PuTTY key file")),
    };
    let alg_name = alg_name.trim();
    let encryption_name = lines.value("Encryption")?;
    let encrypted = match encryption_name {
        "none" => false,
        CIPHER => true,
        other => return Err(Error::UnsupportedCipher(shown(other.as_bytes()))),
    };
    let comment = lines.raw("Comment")?;
    let public_lines = lines.number("Public-Lines")?;
    let public_blob = lines.base64(public_lines)?;
    if !encrypted && lines.0.clone().all(|l| l.trim().is_empty()) {
        // Only the public half (what some tools export as a "public .ppk").
        let public = PublicKey::from_ssh_blob(&public_blob)?;
        return Ok(Parsed {
            format: version.format(),
            encryption: None,
            comment: Some(comment.to_string()),
            public: Some(public),
            private: None,
            public_only: true,
            locked: None,
        });
    }
    let argon = match (version, encrypted) {
        (PpkVersion::V3, true) => Some(read_argon2(&mut lines)?),
        _ => None,
    };
    let private_lines = lines.number("Private-Lines")?;
    let private_data = lines.base64(private_lines)?;
    let stored_mac = decode_hex(lines.value("Private-MAC")?)
        .filter(|m| m.len() == version.mac_len())
        .ok_or(Error::Corrupt("the Private-MAC line is malformed"))?;

    let alg = Algorithm::from_ssh_name(alg_name.as_bytes())
        .or_else(|_| Algorithm::named_only(alg_name.as_bytes()))?;
    let public = PublicKey::from_ssh_blob(&public_blob)?;
    if public.algorithm() != alg {
        return Err(Error::Corrupt(
            "the public key does not match the key type on the first line",
        ));
    }
    let format = version.format();
    let file = File {
        version,
        alg_name,
        comment,
        public_blob: &public_blob,
        public: &public,
        argon: argon.as_ref(),
        private_data: &private_data,
        stored_mac: &stored_mac,
    };
    if !encrypted {
        return file.open(None);
    }
    let encryption = Encryption {
        cipher: CIPHER.to_string(),
        kdf: Some(argon.as_ref().map_or(Kdf::PpkSha1, Argon2Params::kdf)),
    };
    Parsed::encrypted(
        format,
        encryption,
        Some(public.clone()),
        Some(comment.to_string()),
        passphrase,
        |pass| file.open(Some(pass)),
    )
}

/// The fields of a .ppk file, read and checked, before the private part is opened.
struct File<'a> {
    version: PpkVersion,
    alg_name: &'a str,
    comment: &'a str,
    public_blob: &'a [u8],
    public: &'a PublicKey,
    argon: Option<&'a Argon2Params>,
    private_data: &'a [u8],
    stored_mac: &'a [u8],
}

impl File<'_> {
    /// Decrypts (with `pass`, for an encrypted file), checks the MAC and decodes the private key.
    fn open(&self, pass: Option<&[u8]>) -> Result<Parsed> {
        let File {
            version,
            alg_name,
            comment,
            public_blob,
            public,
            argon,
            private_data,
            stored_mac,
        } = *self;
        let encrypted = pass.is_some();
        let encryption = encrypted.then(|| Encryption {
            cipher: CIPHER.to_string(),
            kdf: Some(argon.map_or(Kdf::PpkSha1, Argon2Params::kdf)),
        });
        let format = version.format();
        let keys = derive_keys(version, argon, pass, false)?;
        let plain = if encrypted {
            if private_data.len() % BLOCK != 0 {
                return Err(Error::Corrupt(
                    "the private key data is not a whole number of cipher blocks",
                ));
            }
            let mut buf = Zeroizing::new(private_data.to_vec());
            cbc::Decryptor::<aes::Aes256>::new_from_slices(&keys.cipher[..32], &keys.cipher[32..])
                .map_err(|_| Error::Corrupt("bad cipher parameters"))?
                .decrypt_padded_mut::<NoPadding>(&mut buf)
                .map_err(|_| Error::Corrupt("the private key data is malformed"))?;
            buf
        } else {
            Zeroizing::new(private_data.to_vec())
        };

        // An editor may have added spaces after the comment: accept the MAC of the trimmed comment too.
        let enc_name = if encrypted { CIPHER } else { "none" };
        let mut matched = None;
        for candidate in [comment, comment.trim_end()] {
            let fields = [
                alg_name.as_bytes(),
                enc_name.as_bytes(),
                candidate.as_bytes(),
                public_blob,
                &plain[..],
            ];
            let mac = compute_mac(version, &keys.mac, fields)?;
            if bool::from(mac.ct_eq(stored_mac)) {
                matched = Some(candidate);
                break;
            }
        }
        let Some(comment) = matched else {
            return Err(if encrypted {
                Error::WrongPassphrase
            } else {
                Error::Corrupt("the MAC does not match: the file was changed")
            });
        };
        if !public.algorithm().is_usable() {
            // A type keyfit only names (PuTTY writes Ed448): the MAC has proved the passphrase, or an unencrypted
            // file intact; the public key is all keyfit shows of it.
            return Ok(Parsed {
                format,
                encryption,
                comment: Some(comment.to_string()),
                public: Some(public.clone()),
                private: None,
                public_only: false,
                locked: None,
            });
        }
        let private = decode_private(public, &plain)?;
        Ok(Parsed::private(
            format,
            private,
            Some(comment.to_string()),
            encryption,
        ))
    }
}

/// Decodes the private blob (followed by any padding) against the public key.
fn decode_private(public: &PublicKey, plain: &[u8]) -> Result<PrivateKey> {
    let mut r = Reader::new(plain);
    Ok(match public {
        PublicKey::Rsa { n, e } => {
            // Wiped on every error path (a field missing or damaged after them).
            let mut d = Zeroizing::new(r.mpint()?);
            let mut p = Zeroizing::new(r.mpint()?);
            let mut q = Zeroizing::new(r.mpint()?);
            let crt = RsaCrt {
                dp: None,
                dq: None,
                qinv: Some(r.mpint()?),
            };
            PrivateKey::Rsa(rsa_from_parts(
                n.clone(),
                e.clone(),
                core::mem::take(&mut *d),
                core::mem::take(&mut *p),
                core::mem::take(&mut *q),
                crt,
            )?)
        }
        PublicKey::Ed25519(pk) => {
            let seed = Zeroizing::new(ed25519_bytes(r.string()?)?);
            PrivateKey::Ed25519(Ed25519Private::new(*seed, Some(*pk))?)
        }
        PublicKey::Ecdsa { curve, point } => {
            let scalar = r.string()?;
            if scalar.first().is_some_and(|&b| b & 0x80 != 0) {
                return Err(Error::Corrupt("a number is negative"));
            }
            PrivateKey::Ecdsa(EcdsaPrivate::new(*curve, point, scalar)?)
        }
        PublicKey::Dsa { p, q, g, y } => {
            let mut x = Zeroizing::new(r.mpint()?);
            PrivateKey::Dsa(DsaPrivate::new(
                p.clone(),
                q.clone(),
                g.clone(),
                y.clone(),
                core::mem::take(&mut *x),
            )?)
        }
        PublicKey::Named { .. } | PublicKey::Rsa1 { .. } => {
            return Err(Error::UnsupportedAlgorithm(
                public.algorithm().name().to_string(),
            ))
        }
    })
}

/// The private blob PuTTY stores for a key, unpadded.
fn private_blob(key: &PrivateKey) -> Result<Writer> {
    let mut w = Writer::with_capacity(2048);
    match key {
        PrivateKey::Rsa(k) => {
            let primes = k.primes();
            w.mpint(k.d());
            for p in primes.iter().take(2) {
                w.mpint(p);
            }
            w.mpint(&*rsa_qinv(k)?);
        }
        PrivateKey::Ed25519(k) => {
            w.string(&k.seed);
        }
        PrivateKey::Ecdsa(k) => {
            w.mpint(&Zeroizing::new(BigUint::from_bytes_be(&k.scalar)));
        }
        PrivateKey::Dsa(k) => {
            w.mpint(&k.x);
        }
    }
    Ok(w)
}

/// Writes a .ppk file with LF line endings, as PuTTYgen 0.78 does: v3 encrypts with AES-256-CBC under Argon2id
/// ([`ARGON2_MEMORY_KIB`], [`ARGON2_PASSES`], [`ARGON2_PARALLELISM`], a random 16-byte salt); v2 under SHA-1.
/// `None` or an empty passphrase writes an unencrypted (but MAC-protected) file, as PuTTYgen does.
///
/// # Errors
/// [`Error::InvalidOption`] for a comment with a line break.
pub(crate) fn write(
    key: &PrivateKey,
    comment: &str,
    passphrase: Option<&[u8]>,
    version: PpkVersion,
    rng: &mut impl CryptoRngCore,
) -> Result<Zeroizing<String>> {
    let pass = passphrase.filter(|p| !p.is_empty());
    let argon = match (version, pass) {
        (PpkVersion::V3, Some(_)) => {
            let mut salt = vec![0u8; ARGON2_SALT_LEN];
            rng.fill_bytes(&mut salt);
            Some(Argon2Params {
                flavor: Argon2Flavor::Id,
                memory_kib: ARGON2_MEMORY_KIB,
                passes: ARGON2_PASSES,
                parallelism: ARGON2_PARALLELISM,
                salt,
            })
        }
        _ => None,
    };
    write_with(key, comment, pass, version, argon.as_ref())
}

/// [`write`] with the Argon2 parameters given (`Some` exactly when v3 and encrypted).
fn write_with(
    key: &PrivateKey,
    comment: &str,
    pass: Option<&[u8]>,
    version: PpkVersion,
    argon: Option<&Argon2Params>,
) -> Result<Zeroizing<String>> {
    if comment.contains(['\r', '\n']) {
        return Err(Error::InvalidOption(
            "the comment must be a single line".into(),
        ));
    }
    let alg = key.algorithm().ssh_name();
    let public_blob = key.public_key().to_ssh_blob();
    let mut private = private_blob(key)?.into_inner();
    let enc_name = if pass.is_some() {
        // PuTTY pads with the SHA-1 of the unpadded blob, so equal inputs give equal files.
        let pad = (BLOCK - private.len() % BLOCK) % BLOCK;
        let digest = Sha1::digest(&private[..]);
        let mut padded = Zeroizing::new(Vec::with_capacity(private.len() + pad));
        padded.extend_from_slice(&private);
        padded.extend_from_slice(&digest[..pad]);
        private = padded;
        CIPHER
    } else {
        "none"
    };
    let keys = derive_keys(version, argon, pass, true)?;
    let fields = [
        alg.as_bytes(),
        enc_name.as_bytes(),
        comment.as_bytes(),
        &public_blob[..],
        &private[..],
    ];
    let mac = compute_mac(version, &keys.mac, fields)?;
    if pass.is_some() {
        let len = private.len();
        cbc::Encryptor::<aes::Aes256>::new_from_slices(&keys.cipher[..32], &keys.cipher[32..])
            .map_err(|_| Error::Corrupt("bad cipher parameters"))?
            .encrypt_padded_mut::<NoPadding>(&mut private, len)
            .map_err(|_| Error::Corrupt("the private key data is malformed"))?;
    }

    let public_b64 = armor::wrap_base64(&public_blob, PEM_WIDTH);
    let private_b64 = armor::wrap_base64(&private, PEM_WIDTH);
    let mut out = Zeroizing::new(String::with_capacity(
        512 + comment.len() + public_b64.len() + private_b64.len(),
    ));
    let number = match version {
        PpkVersion::V2 => 2,
        PpkVersion::V3 => 3,
    };
    out.push_str(&format!("PuTTY-User-Key-File-{number}: {alg}\n"));
    out.push_str(&format!("Encryption: {enc_name}\nComment: {comment}\n"));
    out.push_str(&format!("Public-Lines: {}\n", public_b64.lines().count()));
    out.push_str(&public_b64);
    if let Some(a) = argon {
        out.push_str(&format!(
            "Key-Derivation: {}\nArgon2-Memory: {}\nArgon2-Passes: {}\nArgon2-Parallelism: {}\nArgon2-Salt: {}\n",
            a.header_name(),
            a.memory_kib,
            a.passes,
            a.parallelism,
            encode_hex(&keys.salt, false)
        ));
    }
    out.push_str(&format!("Private-Lines: {}\n", private_b64.lines().count()));
    out.push_str(&private_b64);
    out.push_str(&format!("Private-MAC: {}\n", encode_hex(&mac, false)));
    Ok(out)
}

#[cfg(test)]
mod tests;
