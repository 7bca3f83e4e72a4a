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
    flavor: argon2::Algorithm,
    memory_kib: u32,
    passes: u32,
    parallelism: u32,
    salt: Vec<u8>,
}

impl Argon2Params {
    fn kdf(&self) -> Kdf {
        Kdf::Argon2 {
            flavor: match self.flavor {
                argon2::Algorithm::Argon2d => "argon2d",
                argon2::Algorithm::Argon2i => "argon2i",
                argon2::Algorithm::Argon2id => "argon2id",
            },
            memory_kib: self.memory_kib,
            passes: self.passes,
            parallelism: self.parallelism,
        }
    }

    fn header_name(&self) -> &'static str {
        match self.flavor {
            argon2::Algorithm::Argon2d => "Argon2d",
            argon2::Algorithm::Argon2i => "Argon2i",
            argon2::Algorithm::Argon2id => "Argon2id",
        }
    }
}

/// Key material derived from the passphrase.
struct Keys {
    /// AES-256 key (32 bytes) followed by the CBC IV (16 bytes); unused when the file is not encrypted.
    cipher: Zeroizing<[u8; 48]>,
    /// HMAC key (SHA-1 for v2, SHA-256 for v3); empty for an unencrypted v3 file.
    mac: Zeroizing<Vec<u8>>,
}

/// Derives the cipher and MAC keys. `passphrase` is `None` for an unencrypted file.
fn derive_keys(
    version: PpkVersion,
    argon: Option<&Argon2Params>,
    passphrase: Option<&[u8]>,
) -> Result<Keys> {
    let mut cipher = Zeroizing::new([0u8; 48]);
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
            let invalid = |_| Error::Corrupt("the Argon2 parameters are invalid");
            let p = argon2::Params::new(
                params.memory_kib,
                params.passes,
                params.parallelism,
                Some(80),
            )
            .map_err(invalid)?;
            let mut out = Zeroizing::new([0u8; 80]);
            argon2::Argon2::new(params.flavor, argon2::Version::V0x13, p)
                .hash_password_into(pass, &params.salt, &mut out[..])
                .map_err(invalid)?;
            cipher.copy_from_slice(&out[..48]);
            Zeroizing::new(out[48..].to_vec())
        }
    };
    Ok(Keys { cipher, mac })
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
        "Argon2id" => argon2::Algorithm::Argon2id,
        "Argon2i" => argon2::Algorithm::Argon2i,
        "Argon2d" => argon2::Algorithm::Argon2d,
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
    let salt = decode_hex(lines.value("Argon2-Salt")?)
        .ok_or(Error::Corrupt("the Argon2 salt is not hex"))?;
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
        let keys = derive_keys(version, argon, pass)?;
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
            // A type keyfit only names (Ed448): the MAC has proved the passphrase; the public key is all it shows.
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
            let d = r.mpint()?;
            let p = r.mpint()?;
            let q = r.mpint()?;
            let crt = RsaCrt {
                dp: None,
                dq: None,
                qinv: Some(r.mpint()?),
            };
            PrivateKey::Rsa(rsa_from_parts(n.clone(), e.clone(), d, p, q, crt)?)
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
        PublicKey::Dsa { p, q, g, y } => PrivateKey::Dsa(DsaPrivate::new(
            p.clone(),
            q.clone(),
            g.clone(),
            y.clone(),
            r.mpint()?,
        )?),
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
                flavor: argon2::Algorithm::Argon2id,
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
    let keys = derive_keys(version, argon, pass)?;
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
            encode_hex(&a.salt, false)
        ));
    }
    out.push_str(&format!("Private-Lines: {}\n", private_b64.lines().count()));
    out.push_str(&private_b64);
    out.push_str(&format!("Private-MAC: {}\n", encode_hex(&mac, false)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader as a result: a passphrase that fails is an error (see `Parsed::unlocked`).
    fn read(text: &str, passphrase: Option<&[u8]>) -> Result<Parsed> {
        super::read(text, passphrase).and_then(Parsed::unlocked)
    }
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    // Vectors made by puttygen 0.78 (putty-tools, Debian 12) under `timeout 30 ... </dev/null`; EMPTY is an empty
    // file and PW a file holding `keyfit test pw`. Fingerprints are `ssh-keygen -l` of `puttygen -O public-openssh`.
    const PW: &[u8] = b"keyfit test pw";
    const FP_ED: &str = "SHA256:EsXoPqYEwG+4ACrcCBN5l+SzGLeSbXPQ6FACivoRhP8";
    const FP_RSA1024: &str = "SHA256:6qKGH7o85DvETnltxjw9NeTV6Q65OCmTii/PrOYnIdA";
    const FP_RSA2048: &str = "SHA256:xXmy/SheUPKvV7U1vbO29GjgR42i0Iw+zrOocbBdb0o";
    const FP_P256: &str = "SHA256:1kueGPitoz5NgQ24CqWxrZFYgREfxHZmcosX2ntPLSw";
    const FP_P384: &str = "SHA256:p6mNMb32XszUPDmDNojdmUoVdDT4YQLl6Vxd2NN0e5A";
    const FP_P521: &str = "SHA256:Hp7LIYCsO8j6Nk35sQeHCNyyovWzLhUFX7gLab2RFkI";
    const FP_DSA: &str = "SHA256:8kOGzMP9BBBmW56h2oESYpWce0AGWndS/rKe8x7Eo+I";

    /// `puttygen -t ed25519 -C 'ed comment' -o ed.ppk --new-passphrase EMPTY`
    const ED_V3: &str = "\
PuTTY-User-Key-File-3: ssh-ed25519\n\
Encryption: none\n\
Comment: ed comment\n\
Public-Lines: 2\n\
AAAAC3NzaC1lZDI1NTE5AAAAII432iwgM9O5zaOgyyyV1y8B0KoJs/vMoo0vKdg1\n\
+EiU\n\
Private-Lines: 1\n\
AAAAIG4i45qEvKRn3S32s8pcRiVS/ALdgzjRPrKLMLKvjjIx\n\
Private-MAC: 33bbb3b9460a2d654fbc93c8630436124fd1d720fed90ccb142f77d0dc72c1ff\n";

    /// `puttygen ed.ppk -P -O private --new-passphrase PW (Argon2id defaults)`
    const ED_V3E: &str = "\
PuTTY-User-Key-File-3: ssh-ed25519\n\
Encryption: aes256-cbc\n\
Comment: ed comment\n\
Public-Lines: 2\n\
AAAAC3NzaC1lZDI1NTE5AAAAII432iwgM9O5zaOgyyyV1y8B0KoJs/vMoo0vKdg1\n\
+EiU\n\
Key-Derivation: Argon2id\n\
Argon2-Memory: 8192\n\
Argon2-Passes: 13\n\
Argon2-Parallelism: 1\n\
Argon2-Salt: 852ae950ce4e436ba5997b796c0dbe83\n\
Private-Lines: 1\n\
QKBpkILDRdp1tl5HgzI91mYR6rNCX2PT+SURJcv0JrD7+5AC0wxTet0vQTNgcHDw\n\
Private-MAC: 9a427ac2935fba2d6265ccd99c4f626e42ca76c4571e18bb0ba3502235e53a53\n";

    /// `puttygen ed.ppk -P -O private --ppk-param kdf=argon2i,memory=16384,passes=3,parallelism=2 --new-passphrase PW`
    const ED_V3I: &str = "\
PuTTY-User-Key-File-3: ssh-ed25519\n\
Encryption: aes256-cbc\n\
Comment: ed comment\n\
Public-Lines: 2\n\
AAAAC3NzaC1lZDI1NTE5AAAAII432iwgM9O5zaOgyyyV1y8B0KoJs/vMoo0vKdg1\n\
+EiU\n\
Key-Derivation: Argon2i\n\
Argon2-Memory: 16384\n\
Argon2-Passes: 3\n\
Argon2-Parallelism: 2\n\
Argon2-Salt: 7b9772b9006c101f6a25e26a9d2e3419\n\
Private-Lines: 1\n\
4l7WtKcLH5lABwnvTXGpqoUQoLZ1Fjlil8cUNQaEqz2shPT/XUWFKl8/e7zxSCKB\n\
Private-MAC: e38e8980ee796fb90acde8e070f0f18cf6130a966b02929e1fb3d7d6009a20ce\n";

    /// `puttygen ed.ppk -P -O private --ppk-param version=2 --new-passphrase EMPTY`
    const ED_V2: &str = "\
PuTTY-User-Key-File-2: ssh-ed25519\n\
Encryption: none\n\
Comment: ed comment\n\
Public-Lines: 2\n\
AAAAC3NzaC1lZDI1NTE5AAAAII432iwgM9O5zaOgyyyV1y8B0KoJs/vMoo0vKdg1\n\
+EiU\n\
Private-Lines: 1\n\
AAAAIG4i45qEvKRn3S32s8pcRiVS/ALdgzjRPrKLMLKvjjIx\n\
Private-MAC: 33f44eb3d4ccf829600ce724d93601e32a788090\n";

    /// `puttygen ed.ppk -P -O private --ppk-param version=2 --new-passphrase PW`
    const ED_V2E: &str = "\
PuTTY-User-Key-File-2: ssh-ed25519\n\
Encryption: aes256-cbc\n\
Comment: ed comment\n\
Public-Lines: 2\n\
AAAAC3NzaC1lZDI1NTE5AAAAII432iwgM9O5zaOgyyyV1y8B0KoJs/vMoo0vKdg1\n\
+EiU\n\
Private-Lines: 1\n\
zPmhuwUrAd9wwP7jCS3symYyKyIF9AuMpJTTv1dAsXDMNNukvLoZfeqOaVhwUYzT\n\
Private-MAC: efcf7ead480b3464ede9dc4f8376d136678678cc\n";

    /// `puttygen -t rsa -b 1024 -C 'rsa1024 test', then -O private --ppk-param kdf=argon2i,memory=1024,passes=2,parallelism=2 --new-passphrase PW`
    const RSA1024_V3I: &str = "\
PuTTY-User-Key-File-3: ssh-rsa\n\
Encryption: aes256-cbc\n\
Comment: rsa1024 test\n\
Public-Lines: 4\n\
AAAAB3NzaC1yc2EAAAADAQABAAAAgQCA6LF4Hal7Ccah1Gys2PKg9m/oaK6QIy9V\n\
8pXUXBCcA4gszxJYNCMrCXJr3GWkss3ftx44ui3pfGurIzaNH8aj3LAl2+Rw6PMH\n\
RsGUbMn7vpDAbRLqTXF9B8aq4liM2BMO71/VwrB52P4wNh7tpRLYKcBz16ZNBYIa\n\
ilQY9vfIaw==\n\
Key-Derivation: Argon2i\n\
Argon2-Memory: 1024\n\
Argon2-Passes: 2\n\
Argon2-Parallelism: 2\n\
Argon2-Salt: 35dbe9a5973cdeaba739a9b18e015205\n\
Private-Lines: 8\n\
66seIbDTrsfKCtrkdxiM94d2ZmTQ3d/jXCye44jXKC9GHXyp4REgesFg6neWXLRr\n\
MCHCmpkePhazMCsP4HxRmke9RvylGX4ziA+ea2/Ori+dttFYWeypJGrkr1Am6t8o\n\
/gtfQBSU66G8uNCznbpTB47LaPsgVnA896oOiIjog2SqU7j2oCHFcSsffIKfiEDN\n\
AO6PWAf+fborip3F7+zjG9yQAIo6j+vzN9mVvRx+TJj7lecJLUFp9F1X9f7SD4ri\n\
QjLYU1qMHP6ng4f9PkgjJFJS47d6F0uPxIsl5agtOeHBMTdyDFoIEID0+GauhD52\n\
0LwE5XX+3D3UDjABZLYbSqNMJGNC6kehebjafv7hS7dnSA+ZZ6MCO748Rw98T1AH\n\
uMOfYePO5SeGtvIUeG/E5kOac8zjaPJPoJFeJ0l55PQvN3OiktwMSJLnE+r9rtQh\n\
BcQvL/2PigueYcrsOX2juQ==\n\
Private-MAC: 7583922cb208c6725b90b81f554d0698466579b476df69ccd8e838f0caad61fd\n";

    /// `the same key, -O private --ppk-param version=2 --new-passphrase PW`
    const RSA1024_V2E: &str = "\
PuTTY-User-Key-File-2: ssh-rsa\n\
Encryption: aes256-cbc\n\
Comment: rsa1024 test\n\
Public-Lines: 4\n\
AAAAB3NzaC1yc2EAAAADAQABAAAAgQCA6LF4Hal7Ccah1Gys2PKg9m/oaK6QIy9V\n\
8pXUXBCcA4gszxJYNCMrCXJr3GWkss3ftx44ui3pfGurIzaNH8aj3LAl2+Rw6PMH\n\
RsGUbMn7vpDAbRLqTXF9B8aq4liM2BMO71/VwrB52P4wNh7tpRLYKcBz16ZNBYIa\n\
ilQY9vfIaw==\n\
Private-Lines: 8\n\
v04GazV9RagfeDSZP5LcrchAdpkcanBsXeIK3Zy+Lde2Rf83Skze+XG8tB/hnVx1\n\
N4SQQlnd3kGAt6a725aQIaJuU8a3hsUGlxbhK7v8EdUra3JXGb07rIH7R5E0BWBK\n\
/7jBjcH4h0hBsJWNrR5BElwaTu5u9jQEaL9veAIjFMz8yEXuz5YJ0hKdjicIqKk+\n\
NoG6hkaSJYFzWx6js15onHpKNTneywpJESbF4QiYbrN/DYbjxqXQ6E2W07Lrkzgg\n\
yG2tiUWDQ/4mcTGZB57ljusgkASIWmr8QwfbYMy3hXzE8vmvAp6SmJwtVQ4Wodaa\n\
9tIqiSO1udcvCPoxhSfICST76KpkZD3R/aeMVvDqb0Yf+DEbDqqHYhS7XzcubnSY\n\
3NomzHA0rH6KIf8MfOihEMSojvluV6NIjAGJ52F060mJ2SzX95UCSKpha6Prx+dq\n\
k4Lok7Mbso5vg0klQB1mkQ==\n\
Private-MAC: 441dc91e4b2d6de2564b13093271f69ebc906038\n";

    /// `puttygen -t rsa -b 2048 -C 'rsa2048 test' --new-passphrase EMPTY`
    const RSA2048_V3: &str = "\
PuTTY-User-Key-File-3: ssh-rsa\n\
Encryption: none\n\
Comment: rsa2048 test\n\
Public-Lines: 6\n\
AAAAB3NzaC1yc2EAAAADAQABAAABAQDTyQYij9WfISHNce9Q9DNfcGoLRjcZ9uMg\n\
HWxutr2zIkiXNHaA/VSImyd/KW1IMl+G38jpFj85MJ6a8ZBern3n+5AtBAd1IOaW\n\
QLCrf0riWrtSumRdOXWRdZ2MAPQsWr7HeamYnsQntvsF5bfnjqFM8CAMnRNeowHy\n\
PZkLxeXVECgJPQ4gvsw0ZuhTDfmNZJNW9mRUcbmT0K/Xrjc3YawydUz51m3nt0sR\n\
gXsZRRLYK7I6XvsCdYeVG5EQ2bi8qpkBCwd2kWOtaYWZKybTZyru9anQSU7oo1de\n\
Q4DcxvSeycxvJn/yKeidQ7bdAlmRvg7YhB+izr3o+woHPy/72Yh/\n\
Private-Lines: 14\n\
AAABAQCSj1XgixsxITOMQiF0K1p13Ix2OuQc4r6w1cvZHjtPARWtFdBAWY+rbXu6\n\
w0duI/X5l1oo+41LHXtVDIB1FVnqNSvECzrB8r/AEQpx1AhVdqaVjImx/fZ/cB5T\n\
6cEQBMhrsKUOCikCtt0map+G7ixv2ujC8dyarEHHipskC5KOi3kT1ZS3yvoscqMG\n\
kAw3RIRLlVIv2NStDlseQ9EORAVHJn7O+E03VFJ96EOUaWmLj28guhhNQMncJ2Be\n\
JA5wrgMdoYqCaKPFHb+ICzm3D2U4DSrpV1DS8F0/guowxEKfuRK/BsUKwuQ9inqt\n\
t+zx2jfI+3PHsHKXF3LWsh8r0LCZAAAAgQD/W5O+fxfk858KjhdVtjWR7gSfATsN\n\
0mjBcDCKZ/esIjGOBIRLJ2sxI1ea9PZobH7RPFbrJfXQWVufT5k3A98+K2M7vDwl\n\
Fz9Dp8mr58Eu8VAylC4pAtsXGN0wX4pERKW1Sg3QvxWnrnRR9NFC03NUX27GvYNM\n\
sW17TFpcHY9vPQAAAIEA1FFkD1NxJO3m6LI79QIeNxtG2QBPolLw1x3itMNUGgty\n\
Brz4VxnylCswV25jHzxoT1Z/io/YNhipW3m7fPtb0vn6/x9QcJ27R+kRURei3e+2\n\
mOyyRqEWFWJQ6tk4FhinZ2qVlQ/eUFFPZsHfazusuf33q1K4Rj9Hu+5oI5Ce0msA\n\
AACBAJ0KNLmzHOcpgcGVkDQrpszjx1uK1o0MxNrsHjSufypnvwD5aMubZ7/EKvUU\n\
twtPlp6j+k0zz9DyEH9j/MSL/jad4eWQlvpn4mW4pMvwvAjsFkyxAPQ6pbZc3MUN\n\
BVzQwPxYjTSq8jisqbwod83OuR00FCxDWVhbaoEyEVlNW02w\n\
Private-MAC: 746bbf7851afc37e32892f7f34f99f928c52ac67151eb4d92500a6bdbcb391f8\n";

    /// `the same key, -P -O private --new-passphrase PW (Argon2id defaults)`
    const RSA2048_V3E: &str = "\
PuTTY-User-Key-File-3: ssh-rsa\n\
Encryption: aes256-cbc\n\
Comment: rsa2048 test\n\
Public-Lines: 6\n\
AAAAB3NzaC1yc2EAAAADAQABAAABAQDTyQYij9WfISHNce9Q9DNfcGoLRjcZ9uMg\n\
HWxutr2zIkiXNHaA/VSImyd/KW1IMl+G38jpFj85MJ6a8ZBern3n+5AtBAd1IOaW\n\
QLCrf0riWrtSumRdOXWRdZ2MAPQsWr7HeamYnsQntvsF5bfnjqFM8CAMnRNeowHy\n\
PZkLxeXVECgJPQ4gvsw0ZuhTDfmNZJNW9mRUcbmT0K/Xrjc3YawydUz51m3nt0sR\n\
gXsZRRLYK7I6XvsCdYeVG5EQ2bi8qpkBCwd2kWOtaYWZKybTZyru9anQSU7oo1de\n\
Q4DcxvSeycxvJn/yKeidQ7bdAlmRvg7YhB+izr3o+woHPy/72Yh/\n\
Key-Derivation: Argon2id\n\
Argon2-Memory: 8192\n\
Argon2-Passes: 21\n\
Argon2-Parallelism: 1\n\
Argon2-Salt: 05fb759d7dc46076857c436d560ee80a\n\
Private-Lines: 14\n\
Bah4cN/eiY7y3JDl2DzgvCClk4oKCe/eLj5+E6j0F7uThFTvSkztOuy/iKzaGUxl\n\
Rye75iWmBMl0XiJ4qAe0WsBnuLbrr6a3A0eqMLOfksCDJ7gjiE9HeE0UK+q4CUu4\n\
qQLWrxIYOae2Zt6lwhx+EZQK0P6XPMxrLZA9mmQ3XwM6PZtIeIDhOL958NxRWqul\n\
Igu1N/B8K2Eb/D3o4rvbMa2O4fkhqm/KgY3U3BuoA7elegnhrdQeD19zDJFh/7CA\n\
AwSfK7AzNo+OVRSA/+cwQzt9utHYY2ctlVWGBZt0rZYBrabNSNros62pm6oKg0xU\n\
49jJ7oVd6XQS8UsoGf6Yr0bbScrPEq18r/9VbBHQbsXsh3LPiGAJZzHXAasd/Jry\n\
EizzyCWkL0xX9C2ufpGLMB436UaZyglWj2tSp/kGYQfXGcS29jlAUhDo7H1ZtVbb\n\
de2tnIWqpD8uiBAFoPXeUoaLp84648HvGnuOzeGLuO3w7Y02tp8f0OP9dJ4LhWU9\n\
cS0SO9KjGgS6ctgJjE1QK+djWl2/pQRzgc+bcldYuI+hNiX3HMtX6+q7SKeccnON\n\
KMBK2o9oZ5fI1UkaFdEg/u7/P//mmMBpVfARev06PBcab8QwN39R4Y4FRJkqUD00\n\
v248yyTnDUf3JvRK01yLuoSNjj4H3E93YutuH2dBlbjKPNJyBSOD0iO1S+E5xKjU\n\
aK6f/AbDIoSq8q6eUD5Pbc2xvLB1pjfZFHzNiF2bmU2hSjfxRdfJl/ilBSaGG9II\n\
wZktBb4TB4JzoIloalup2/Y8CMEiK3VsWk8vT4jaoVd1e+BR9UNqao4E4C55FFzV\n\
yKNfjGKkXN1HoF93/pxijg/7G3gkVXG+2XtdyHCwSO5S0HPdyVAHzBu3aPtIP7Fw\n\
Private-MAC: ada554658abc0ffd39e83ed598876d387b28eb7d6bce0a89af294fc1af9eab38\n";

    /// `puttygen -t ecdsa -b 256 -C 'p256 test', then -O private --ppk-param kdf=argon2d,memory=2048,passes=3,parallelism=1 --new-passphrase PW`
    const P256_V3D: &str = "\
PuTTY-User-Key-File-3: ecdsa-sha2-nistp256\n\
Encryption: aes256-cbc\n\
Comment: p256 test\n\
Public-Lines: 3\n\
AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFdS7DyH1HP4\n\
CjSphVN9juBT7ElDHwNigEU9w6wgKDr9C+rRyrdNr9MLrQj/ysuZmaFV8TzUQbJP\n\
oEHOQ/NvuWg=\n\
Key-Derivation: Argon2d\n\
Argon2-Memory: 2048\n\
Argon2-Passes: 3\n\
Argon2-Parallelism: 1\n\
Argon2-Salt: 745eea7c4d160fd289302ef9b246b221\n\
Private-Lines: 1\n\
Ya6EPBlqBP/mSoNZEDJcGYdm8DLO1amOevGAURvCeLoNd50N8b5J/2CY/aah9DQw\n\
Private-MAC: 1240ee0b87d2ebfffb4bf358dcf46ba8801c898fad5e86630ea79765fb1d0431\n";

    /// `the same key, -O private --ppk-param version=2 --new-passphrase EMPTY`
    const P256_V2: &str = "\
PuTTY-User-Key-File-2: ecdsa-sha2-nistp256\n\
Encryption: none\n\
Comment: p256 test\n\
Public-Lines: 3\n\
AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFdS7DyH1HP4\n\
CjSphVN9juBT7ElDHwNigEU9w6wgKDr9C+rRyrdNr9MLrQj/ysuZmaFV8TzUQbJP\n\
oEHOQ/NvuWg=\n\
Private-Lines: 1\n\
AAAAIEzJX9gwEMDwmO01Rv9+LbnZ/6/6N4qXMyQWJmBJ3185\n\
Private-MAC: bfc219c49d180496f3d14b27512a84e7ed979d60\n";

    /// `puttygen -t ecdsa -b 384 -C 'p384 test', then -P -O private --new-passphrase PW`
    const P384_V3E: &str = "\
PuTTY-User-Key-File-3: ecdsa-sha2-nistp384\n\
Encryption: aes256-cbc\n\
Comment: p384 test\n\
Public-Lines: 3\n\
AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBGoj2VadQdqp\n\
XtRl9eX3OTVqb1V0p3YMVW33KckCbgWSqr33iBUIwglmXfdONc1LgMLyDVYgWfA2\n\
ojErLHnp187HeO8gmw6ekHlChsNxsV5tlLRx85vPoe5wb+vbRb7/jw==\n\
Key-Derivation: Argon2id\n\
Argon2-Memory: 8192\n\
Argon2-Passes: 21\n\
Argon2-Parallelism: 1\n\
Argon2-Salt: 09bd7185db2b0470fe112fac4f3418a9\n\
Private-Lines: 2\n\
FihjrwMrZ9GNyY2BfzV1pTqcL6R2O07XRyXA/68FJVbFKWtPKMX2IpRk5RnHjw2X\n\
62B8vEDvec4d24x7DXIIkw==\n\
Private-MAC: 2e6e4abe74a6de345ffee4ee1e5b77a4ffe624ac51379ee8c95f7af4f6dd3c86\n";

    /// `puttygen -t ecdsa -b 521 -C 'p521 test', then -O private --ppk-param version=2 --new-passphrase PW`
    const P521_V2E: &str = "\
PuTTY-User-Key-File-2: ecdsa-sha2-nistp521\n\
Encryption: aes256-cbc\n\
Comment: p521 test\n\
Public-Lines: 4\n\
AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAGzlfePduKU\n\
KPDsgti4uhFfBfb8NxdxPOiVNchFYfKqhNBUGmpDsJicx7AaGUgm8kh3FM2MF9lX\n\
tQrUPLP89Q8qAwGKpKuPxRoDeYKIirGaYiZDPzxRU9MjsjHo0iv3gJDZUTRWr71S\n\
deSMFAa4rQy3yiAZrSe5ZNapzPlUNBFW2w0DOA==\n\
Private-Lines: 2\n\
ib+YSlXmipczH2PvuAP/RYZNPr5+0IW2hljGr4YKhFCEZOdpwifRenU0tkDxKGAz\n\
n1WV/HfRnwyqKOlLOKd4fHsgicNvmVxh8XYCTVKu9NM=\n\
Private-MAC: 5a2375f45dbde08384a2f3b64265c9f6f1579a21\n";

    /// `puttygen -t dsa -b 1024 -C 'dsa test', then -P -O private --new-passphrase PW`
    const DSA_V3E: &str = "\
PuTTY-User-Key-File-3: ssh-dss\n\
Encryption: aes256-cbc\n\
Comment: dsa test\n\
Public-Lines: 10\n\
AAAAB3NzaC1kc3MAAACBAM1tqrN1kdLFy5dRNFHWe1fQmeVF0xfsCT0ferp/L4UH\n\
CIGSQsURqmKdPt/B78L7JWm6z47q/CCbYeQxSsrWJuyGTvfr1dQAZ/FRWEV3Iw4V\n\
adtWb0lNDSipPOkkBXo2cObSKeO/wc4LfBmuCC52OTBUeXOdvo+3UVBKbjv/x7FR\n\
AAAAFQCxLo0ZLW9zonuCN97kO80Lr2C/+QAAAIEAhJMc1p7TUXtiV7SuYhvnigAl\n\
VO+cyhri0Mh2gfhbh4C8FyDuwQa3Uk7fo2+RnJN1J8Ehyx1K7lOWHaKgqZY4j8y2\n\
WX2e6sSbqrjQmuQOkMSjQLIZ5gXoT0b6T+FlTxyDDjLAYtMj8qRTjARSaiQTXd8j\n\
1e5adNVE/aLcx1vUTngAAACAdpPVOgBo08J8cn+UlY9nK1y8pF0Q49yMcngIh8cn\n\
9wt4Sr1KD90oGKmZZBPFjUbC7JuhhCMwOV61KNTV9jy9u7K8OW7uIlvBghyP7hP9\n\
zRK5z1zyKvNek+yp3blsac6R7tkZY+vgn2N4LCU7z1wi7B02eXzF8FzaimQ6zjku\n\
PJc=\n\
Key-Derivation: Argon2id\n\
Argon2-Memory: 8192\n\
Argon2-Passes: 21\n\
Argon2-Parallelism: 1\n\
Argon2-Salt: 82befb8103abdda5d7da176565ec0482\n\
Private-Lines: 1\n\
7gdKSjHN9TI7aEkJSGPhKDyhAkTHEajTREBpT7d849w=\n\
Private-MAC: 57eec3abde7f412fb855afca2e3c93c096182e232c9867dbe87c36358929ffe4\n";

    /// `the same key, -O private --ppk-param version=2 --new-passphrase EMPTY`
    const DSA_V2: &str = "\
PuTTY-User-Key-File-2: ssh-dss\n\
Encryption: none\n\
Comment: dsa test\n\
Public-Lines: 10\n\
AAAAB3NzaC1kc3MAAACBAM1tqrN1kdLFy5dRNFHWe1fQmeVF0xfsCT0ferp/L4UH\n\
CIGSQsURqmKdPt/B78L7JWm6z47q/CCbYeQxSsrWJuyGTvfr1dQAZ/FRWEV3Iw4V\n\
adtWb0lNDSipPOkkBXo2cObSKeO/wc4LfBmuCC52OTBUeXOdvo+3UVBKbjv/x7FR\n\
AAAAFQCxLo0ZLW9zonuCN97kO80Lr2C/+QAAAIEAhJMc1p7TUXtiV7SuYhvnigAl\n\
VO+cyhri0Mh2gfhbh4C8FyDuwQa3Uk7fo2+RnJN1J8Ehyx1K7lOWHaKgqZY4j8y2\n\
WX2e6sSbqrjQmuQOkMSjQLIZ5gXoT0b6T+FlTxyDDjLAYtMj8qRTjARSaiQTXd8j\n\
1e5adNVE/aLcx1vUTngAAACAdpPVOgBo08J8cn+UlY9nK1y8pF0Q49yMcngIh8cn\n\
9wt4Sr1KD90oGKmZZBPFjUbC7JuhhCMwOV61KNTV9jy9u7K8OW7uIlvBghyP7hP9\n\
zRK5z1zyKvNek+yp3blsac6R7tkZY+vgn2N4LCU7z1wi7B02eXzF8FzaimQ6zjku\n\
PJc=\n\
Private-Lines: 1\n\
AAAAFQCZv5DwvMy7fO3+oXDHSda4Gne7rg==\n\
Private-MAC: ffb4ec5e38445b7eb570e39cff65ad67a54eaa17\n";

    /// One vector: text, format, KDF when encrypted, fingerprint, comment.
    struct Vector {
        name: &'static str,
        text: &'static str,
        format: Format,
        kdf: Option<Kdf>,
        fingerprint: &'static str,
        comment: &'static str,
    }

    fn argon(flavor: &'static str, memory_kib: u32, passes: u32, parallelism: u32) -> Option<Kdf> {
        Some(Kdf::Argon2 {
            flavor,
            memory_kib,
            passes,
            parallelism,
        })
    }

    fn vectors() -> Vec<Vector> {
        let v = |name, text, format, kdf, fingerprint, comment| Vector {
            name,
            text,
            format,
            kdf,
            fingerprint,
            comment,
        };
        let (p2, p3) = (Format::Ppk2, Format::Ppk3);
        vec![
            v("ed v3", ED_V3, p3, None, FP_ED, "ed comment"),
            v(
                "ed v3 argon2id",
                ED_V3E,
                p3,
                argon("argon2id", 8192, 13, 1),
                FP_ED,
                "ed comment",
            ),
            v(
                "ed v3 argon2i",
                ED_V3I,
                p3,
                argon("argon2i", 16384, 3, 2),
                FP_ED,
                "ed comment",
            ),
            v("ed v2", ED_V2, p2, None, FP_ED, "ed comment"),
            v(
                "ed v2 enc",
                ED_V2E,
                p2,
                Some(Kdf::PpkSha1),
                FP_ED,
                "ed comment",
            ),
            v(
                "rsa1024 v3 argon2i",
                RSA1024_V3I,
                p3,
                argon("argon2i", 1024, 2, 2),
                FP_RSA1024,
                "rsa1024 test",
            ),
            v(
                "rsa1024 v2 enc",
                RSA1024_V2E,
                p2,
                Some(Kdf::PpkSha1),
                FP_RSA1024,
                "rsa1024 test",
            ),
            v(
                "rsa2048 v3",
                RSA2048_V3,
                p3,
                None,
                FP_RSA2048,
                "rsa2048 test",
            ),
            v(
                "rsa2048 v3 argon2id",
                RSA2048_V3E,
                p3,
                argon("argon2id", 8192, 21, 1),
                FP_RSA2048,
                "rsa2048 test",
            ),
            v(
                "p256 v3 argon2d",
                P256_V3D,
                p3,
                argon("argon2d", 2048, 3, 1),
                FP_P256,
                "p256 test",
            ),
            v("p256 v2", P256_V2, p2, None, FP_P256, "p256 test"),
            v(
                "p384 v3 argon2id",
                P384_V3E,
                p3,
                argon("argon2id", 8192, 21, 1),
                FP_P384,
                "p384 test",
            ),
            v(
                "p521 v2 enc",
                P521_V2E,
                p2,
                Some(Kdf::PpkSha1),
                FP_P521,
                "p521 test",
            ),
            v(
                "dsa v3 argon2id",
                DSA_V3E,
                p3,
                argon("argon2id", 8192, 21, 1),
                FP_DSA,
                "dsa test",
            ),
            v("dsa v2", DSA_V2, p2, None, FP_DSA, "dsa test"),
        ]
    }

    fn decrypt(text: &str) -> Parsed {
        read(text, Some(PW)).unwrap()
    }

    fn fingerprint(p: &Parsed) -> String {
        p.public.as_ref().unwrap().fingerprint_sha256()
    }

    #[test]
    fn reads_puttygen_vectors() {
        for v in vectors() {
            let clear = read(v.text, None).unwrap();
            assert_eq!(clear.format, v.format, "{}", v.name);
            assert_eq!(fingerprint(&clear), v.fingerprint, "{}", v.name);
            assert_eq!(clear.comment.as_deref(), Some(v.comment), "{}", v.name);
            assert_eq!(
                clear.encryption.as_ref().and_then(|e| e.kdf.clone()),
                v.kdf,
                "{}",
                v.name
            );
            assert_eq!(clear.private.is_some(), v.kdf.is_none(), "{}", v.name);
            if let Some(e) = &clear.encryption {
                assert_eq!(e.cipher, "aes256-cbc");
            }
            let full = decrypt(v.text);
            let private = full.private.as_ref().unwrap();
            assert_eq!(
                private.public_key().fingerprint_sha256(),
                v.fingerprint,
                "{}",
                v.name
            );
            assert_eq!(full.comment.as_deref(), Some(v.comment), "{}", v.name);
            if v.kdf.is_some() {
                assert_eq!(
                    read(v.text, Some(b"keyfit test pW")).err(),
                    Some(Error::WrongPassphrase),
                    "{}",
                    v.name
                );
                assert_eq!(
                    read(v.text, Some(b"")).err(),
                    Some(Error::WrongPassphrase),
                    "{}",
                    v.name
                );
            }
        }
    }

    /// The Argon2 parameters a vector states.
    fn argon_of(text: &str) -> Option<Argon2Params> {
        let start = text.find("Key-Derivation:")?;
        read_argon2(&mut Lines(text[start..].lines())).ok()
    }

    #[test]
    fn writer_matches_puttygen_byte_for_byte() {
        for v in vectors() {
            let key = decrypt(v.text).private.unwrap();
            let version = if v.format == Format::Ppk2 {
                PpkVersion::V2
            } else {
                PpkVersion::V3
            };
            let pass = v.kdf.is_some().then_some(PW);
            let argon = argon_of(v.text);
            let out = write_with(&key, v.comment, pass, version, argon.as_ref()).unwrap();
            assert_eq!(out.as_str(), v.text, "{}", v.name);
        }
    }

    #[test]
    fn writer_round_trips_through_reader() {
        let mut rng = rand_core::OsRng;
        for v in [ED_V3, RSA1024_V2E, P256_V2, P521_V2E, DSA_V2] {
            let key = decrypt(v).private.unwrap();
            let blob = private_blob(&key).unwrap().into_inner();
            for version in [PpkVersion::V2, PpkVersion::V3] {
                for pass in [None, Some(&b""[..]), Some(PW)] {
                    let text =
                        write(&key, "a \"quoted\": comment ", pass, version, &mut rng).unwrap();
                    let encrypted = pass.is_some_and(|p| !p.is_empty());
                    assert_eq!(text.contains("aes256-cbc"), encrypted);
                    let back = read(&text, Some(PW)).unwrap();
                    assert_eq!(back.format, version.format());
                    assert_eq!(back.comment.as_deref(), Some("a \"quoted\": comment "));
                    assert_eq!(back.public, Some(key.public_key()));
                    assert_eq!(
                        private_blob(back.private.as_ref().unwrap())
                            .unwrap()
                            .as_slice(),
                        &blob[..]
                    );
                    if encrypted && version == PpkVersion::V3 {
                        assert_eq!(back.encryption.unwrap().kdf, argon("argon2id", 8192, 21, 1));
                    }
                }
            }
        }
        let key = decrypt(ED_V3).private.unwrap();
        assert_eq!(
            write(&key, "two\nlines", None, PpkVersion::V3, &mut rng)
                .err()
                .map(|e| e.code()),
            Some("invalid-option")
        );
    }

    #[test]
    fn tampering_is_detected() {
        // Plain file: the MAC (keyed from the empty passphrase) still covers everything.
        let flipped = ED_V3.replace("Private-MAC: 33bb", "Private-MAC: 33bc");
        assert_eq!(
            read(&flipped, None).err(),
            Some(Error::Corrupt(
                "the MAC does not match: the file was changed"
            ))
        );
        let renamed = ED_V3.replace("Comment: ed comment", "Comment: ed comment2");
        assert_eq!(
            read(&renamed, None).err(),
            Some(Error::Corrupt(
                "the MAC does not match: the file was changed"
            ))
        );
        let renamed = ED_V2.replace("Comment: ed comment", "Comment: ed");
        assert_eq!(
            read(&renamed, Some(PW)).err().map(|e| e.code()),
            Some("corrupt")
        );
        // Encrypted file: a changed comment is indistinguishable from a wrong passphrase.
        let renamed = ED_V2E.replace("Comment: ed comment", "Comment: ed comment2");
        assert_eq!(read(&renamed, Some(PW)).err(), Some(Error::WrongPassphrase));
        // A public key that does not match the first line.
        let swapped = ED_V3.replace(
            "PuTTY-User-Key-File-3: ssh-ed25519",
            "PuTTY-User-Key-File-3: ssh-rsa",
        );
        assert_eq!(
            read(&swapped, None).err().map(|e| e.code()),
            Some("corrupt")
        );
        // A MAC of the wrong length.
        let short = ED_V3.replace("Private-MAC: 33bb", "Private-MAC: 3");
        assert_eq!(read(&short, None).err().map(|e| e.code()), Some("corrupt"));
    }

    #[test]
    fn hostile_argon2_parameters_fail_fast() {
        // Zero values, and more lanes than memory allows (memory < 8 KiB per lane), are invalid: "corrupt".
        let cases = [
            (
                "Argon2-Memory: 8192",
                "Argon2-Memory: 4194304",
                "kdf-too-costly",
            ),
            ("Argon2-Memory: 8192", "Argon2-Memory: 0", "corrupt"),
            (
                "Argon2-Passes: 21",
                "Argon2-Passes: 4294967295",
                "kdf-too-costly",
            ),
            ("Argon2-Passes: 21", "Argon2-Passes: 0", "corrupt"),
            ("Argon2-Passes: 21", "Argon2-Passes: 4294967296", "corrupt"),
            (
                "Argon2-Parallelism: 1",
                "Argon2-Parallelism: 4294967295",
                "corrupt",
            ),
            ("Argon2-Parallelism: 1", "Argon2-Parallelism: 0", "corrupt"),
            (
                "Argon2-Memory: 8192\nArgon2-Passes: 21",
                "Argon2-Memory: 262144\nArgon2-Passes: 64",
                "kdf-too-costly",
            ),
            (
                "Key-Derivation: Argon2id",
                "Key-Derivation: scrypt",
                "unsupported-cipher",
            ),
        ];
        for (from, to, code) in cases {
            let text = RSA2048_V3E.replace(from, to);
            assert_ne!(text, RSA2048_V3E);
            for pass in [None, Some(PW)] {
                let start = Instant::now();
                assert_eq!(
                    read(&text, pass).err().map(|e| e.code()),
                    Some(code),
                    "{to}"
                );
                assert!(start.elapsed() < Duration::from_secs(1), "{to}");
            }
        }
        // A salt Argon2 cannot take.
        let salt = RSA2048_V3E
            .lines()
            .find(|l| l.starts_with("Argon2-Salt"))
            .unwrap();
        let text = RSA2048_V3E.replace(salt, "Argon2-Salt: 0102");
        assert_eq!(
            read(&text, Some(PW)).err().map(|e| e.code()),
            Some("corrupt")
        );
        let text = RSA2048_V3E.replace(salt, "Argon2-Salt: xyz");
        assert_eq!(read(&text, None).err().map(|e| e.code()), Some("corrupt"));
    }

    #[test]
    fn huge_line_counts_are_truncation_without_allocation() {
        for (from, to, want) in [
            (
                "Public-Lines: 2",
                "Public-Lines: 99999999",
                Error::Truncated,
            ),
            (
                "Public-Lines: 2",
                "Public-Lines: 4294967295",
                Error::Truncated,
            ),
            (
                "Private-Lines: 1",
                "Private-Lines: 4294967295",
                Error::Truncated,
            ),
            ("Public-Lines: 2", "Public-Lines: 3", Error::Truncated),
            (
                "Public-Lines: 2",
                "Public-Lines: 99999999999999",
                Error::Corrupt("a PuTTY key header does not hold a valid number"),
            ),
            (
                "Public-Lines: 2",
                "Public-Lines: -1",
                Error::Corrupt("a PuTTY key header does not hold a valid number"),
            ),
        ] {
            let start = Instant::now();
            assert_eq!(
                read(&ED_V3.replace(from, to), None).err(),
                Some(want),
                "{to}"
            );
            assert!(start.elapsed() < Duration::from_millis(500), "{to}");
        }
    }

    #[test]
    fn every_prefix_is_an_error_and_none_panics() {
        for text in [ED_V3, RSA2048_V3, P256_V2, ED_V2E] {
            let complete = text.trim_end().len();
            for cut in 0..complete {
                let Some(prefix) = text.get(..cut) else {
                    continue;
                };
                match read(prefix, None) {
                    Err(_) => {}
                    // Cut right after the public lines, the text is the public-only form other tools export.
                    Ok(p) => assert!(p.public_only, "cut at {cut}"),
                }
            }
            let last = text.rfind("Private-MAC").unwrap();
            assert_eq!(read(&text[..last], None).err(), Some(Error::Truncated));
        }
    }

    #[test]
    fn tolerates_trailing_spaces_and_crlf() {
        let spaced: String = ED_V3E.lines().map(|l| format!("{l}  \t\n")).collect();
        let p = read(&spaced, Some(PW)).unwrap();
        assert_eq!(p.comment.as_deref(), Some("ed comment"));
        assert_eq!(fingerprint(&p), FP_ED);
        let crlf = ED_V2.replace('\n', "\r\n");
        assert_eq!(fingerprint(&read(&crlf, None).unwrap()), FP_ED);
        let padded = format!("\n\n{RSA2048_V3}\n\n");
        assert!(read(&padded, None).unwrap().private.is_some());
        // An empty comment is written `Comment: ` (with the space) and read back empty, with or without it.
        let key = decrypt(ED_V3).private.unwrap();
        let text = write(&key, "", None, PpkVersion::V3, &mut rand_core::OsRng).unwrap();
        assert!(text.contains("\nComment: \n"));
        let stripped = text.replace("Comment: \n", "Comment:\n");
        assert_eq!(read(&stripped, None).unwrap().comment.as_deref(), Some(""));
    }

    #[test]
    fn names_what_it_cannot_read() {
        assert_eq!(
            read("hello world", None).err().map(|e| e.code()),
            Some("not-a-key")
        );
        assert_eq!(read("", None).err().map(|e| e.code()), Some("not-a-key"));
        let v1 = ED_V2.replace("PuTTY-User-Key-File-2", "PuTTY-User-Key-File-1");
        assert_eq!(
            read(&v1, None).err().map(|e| e.code()),
            Some("unsupported-algorithm")
        );
        let other = ED_V2E.replace("Encryption: aes256-cbc", "Encryption: aes128-ctr");
        assert_eq!(
            read(&other, None).err(),
            Some(Error::UnsupportedCipher("aes128-ctr".into()))
        );
        // A type keyfit only names, whose blob is of another type: damage.
        let alg = ED_V3.replace("ssh-ed25519\n", "ssh-ed448\n");
        assert_eq!(read(&alg, None).err().map(|e| e.code()), Some("corrupt"));
        let order = ED_V3.replace(
            "Encryption: none\nComment: ed comment",
            "Comment: ed comment\nEncryption: none",
        );
        assert_eq!(read(&order, None).err().map(|e| e.code()), Some("corrupt"));
        let debug = format!("{:?}", read(ED_V3, None).unwrap());
        assert!(
            !debug.contains("bn4i"),
            "no private key bytes in Debug output"
        );
    }

    // --- Against the real puttygen (skipped with a note when it is not installed). ---

    fn have_puttygen() -> bool {
        let ok = Command::new("puttygen")
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("puttygen is not installed: skipping the puttygen cross-check");
        }
        ok
    }

    /// Runs `puttygen <file> --old-passphrase <pass file> <args>` under a timeout; returns whether it succeeded.
    fn puttygen(dir: &Path, file: &Path, pass: &[u8], args: &[&str]) -> bool {
        let pass_file = dir.join("old-pass");
        std::fs::write(&pass_file, pass).unwrap();
        Command::new("timeout")
            .arg("30")
            .arg("puttygen")
            .arg(file)
            .arg("--old-passphrase")
            .arg(&pass_file)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn puttygen_accepts_what_we_write() {
        if !have_puttygen() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::write(&empty, b"").unwrap();
        let empty = empty.to_str().unwrap().to_string();
        let mut rng = rand_core::OsRng;
        for (vector, fp, comment) in [
            (ED_V3, FP_ED, "ed comment"),
            (RSA1024_V2E, FP_RSA1024, "rsa1024 test"),
            (P256_V2, FP_P256, "p256 test"),
            (DSA_V2, FP_DSA, "dsa test"),
        ] {
            let key = decrypt(vector).private.unwrap();
            let plain_v3 = write(&key, comment, None, PpkVersion::V3, &mut rng).unwrap();
            for version in [PpkVersion::V2, PpkVersion::V3] {
                for pass in [None, Some(PW)] {
                    let what = format!("{fp} {version:?} encrypted={}", pass.is_some());
                    let file = dir.path().join("ours.ppk");
                    std::fs::write(
                        &file,
                        write(&key, comment, pass, version, &mut rng)
                            .unwrap()
                            .as_bytes(),
                    )
                    .unwrap();
                    let pass = pass.unwrap_or_default();
                    // Its public key.
                    let pub_file = dir.path().join("out.pub");
                    assert!(
                        puttygen(
                            dir.path(),
                            &file,
                            pass,
                            &["-O", "public-openssh", "-o", pub_file.to_str().unwrap()]
                        ),
                        "{what}"
                    );
                    let line = std::fs::read_to_string(&pub_file).unwrap();
                    let b64 = line.split_whitespace().nth(1).unwrap();
                    let blob = armor::decode_base64(b64).unwrap();
                    assert_eq!(
                        PublicKey::from_ssh_blob(&blob)
                            .unwrap()
                            .fingerprint_sha256(),
                        fp,
                        "{what}"
                    );
                    // Its private key: puttygen decrypts it and re-saves it unencrypted exactly as we would.
                    let out = dir.path().join("out.ppk");
                    let args = [
                        "-P",
                        "-O",
                        "private",
                        "--new-passphrase",
                        &empty,
                        "-o",
                        out.to_str().unwrap(),
                    ];
                    assert!(puttygen(dir.path(), &file, pass, &args), "{what}");
                    assert_eq!(
                        std::fs::read_to_string(&out).unwrap(),
                        plain_v3.as_str(),
                        "{what}"
                    );
                    // OpenSSH export works too.
                    let pem = dir.path().join("out.pem");
                    assert!(
                        puttygen(
                            dir.path(),
                            &file,
                            pass,
                            &["-O", "private-openssh", "-o", pem.to_str().unwrap()]
                        ),
                        "{what}"
                    );
                    if let PrivateKey::Rsa(rsa) = &key {
                        let text = std::fs::read_to_string(&pem).unwrap();
                        // puttygen keeps the passphrase: the PEM is encrypted with DES-EDE3-CBC when ours was.
                        let pem_pass = (!pass.is_empty()).then_some(pass);
                        let back =
                            crate::format::pkcs1::read(&armor::parse(&text).unwrap(), pem_pass)
                                .unwrap();
                        assert_eq!(
                            back.private.unwrap().as_rsa().unwrap().d(),
                            rsa.d(),
                            "{what}"
                        );
                    }
                    // And a wrong passphrase is refused.
                    if !pass.is_empty() {
                        assert!(
                            !puttygen(
                                dir.path(),
                                &file,
                                b"wrong",
                                &["-O", "private-openssh", "-o", pem.to_str().unwrap()]
                            ),
                            "{what}"
                        );
                    }
                }
            }
        }
    }
}
