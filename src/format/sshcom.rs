//! ssh.com / SECSH private keys (`---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`), as the ssh.com (Tectia) tools
//! and `puttygen -O private-sshcom` write them. RSA and DSA only, unencrypted or `3des-cbc`.
//!
//! No published spec exists; the reference is PuTTY's `import.c` ("Code to read ssh.com private keys"):
//! <https://git.tartarus.org/?p=simon/putty.git;a=blob;f=import.c>. The armour is RFC 4716 style
//! (see [`crate::armor`]); the body is
//! `uint32 0x3f6ff9eb, uint32 total length, string key type, string cipher, string key data`, where the key data,
//! once decrypted, is `string payload` followed by padding. Numbers in the payload are ssh.com "mpints": a
//! `uint32` bit count, then `(bits + 7) / 8` big-endian bytes.
//!
//! Hand-written: no crate reads this format (RustCrypto's `ssh-key` does not). The key is
//! `MD5(pass) || MD5(pass || MD5(pass))`, first 24 bytes, for 3DES-EDE in CBC mode with a zero IV.

use crate::armor::Armor;
use crate::error::{Error, Result};
use crate::key::{rsa_from_parts, DsaPrivate, PrivateKey, RsaCrt};
use crate::parsed::{Encryption, Format, Kdf, Parsed};
use crate::text::shown;
use crate::wire::Reader;
use des::cipher::{block_padding::NoPadding, BlockDecryptMut, KeyIvInit};
use md5::{Digest, Md5};
use num_bigint_dig::BigUint;
use zeroize::Zeroizing;

/// The armour label of an ssh.com private key (encrypted or not, the label is the same).
pub(crate) const LABEL: &str = "SSH2 ENCRYPTED PRIVATE KEY";
/// The magic number that opens the body.
const MAGIC: u32 = 0x3f6f_f9eb;
/// Key-type prefixes PuTTY recognises: the rest of the string (`{sign{...},encrypt{...}}`) varies.
const RSA_PREFIX: &[u8] = b"if-modn{sign{rsa";
const DSA_PREFIX: &[u8] = b"dl-modp{sign{dsa";
/// The only cipher ssh.com keys use besides `none`.
const CIPHER: &str = "3des-cbc";
/// 3DES block size.
const BLOCK: usize = 8;

/// The key types ssh.com files hold.
#[derive(Clone, Copy)]
enum KeyType {
    Rsa,
    Dsa,
}

/// Reads an ssh.com "mpint": a `uint32` bit count, then `(bits + 7) / 8` bytes.
fn mpint(r: &mut Reader<'_>) -> Result<BigUint> {
    let bits = u64::from(r.u32()?);
    let len = usize::try_from(bits.div_ceil(8)).map_err(|_| Error::Truncated)?;
    Ok(BigUint::from_bytes_be(r.bytes(len)?))
}

/// The 3DES key: `MD5(pass) || MD5(pass || MD5(pass))`, first 24 bytes.
fn derive_key(passphrase: &[u8]) -> Zeroizing<[u8; 24]> {
    let a = Md5::digest(passphrase);
    let b = Md5::new()
        .chain_update(passphrase)
        .chain_update(a)
        .finalize();
    let mut key = Zeroizing::new([0u8; 24]);
    key[..16].copy_from_slice(&a);
    key[16..].copy_from_slice(&b[..8]);
    key
}

/// The comment of the `Comment:` header, without its surrounding quotes.
fn comment(armor: &Armor) -> Option<String> {
    let c = armor.header("Comment")?;
    let c = c
        .strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .unwrap_or(c);
    Some(c.to_string())
}

/// Decodes the payload of an RSA or DSA key.
fn decode_payload(kind: KeyType, payload: &[u8]) -> Result<PrivateKey> {
    let mut r = Reader::new(payload);
    Ok(match kind {
        KeyType::Rsa => {
            let e = mpint(&mut r)?;
            let d = mpint(&mut r)?;
            let n = mpint(&mut r)?;
            let u = mpint(&mut r)?;
            let p = mpint(&mut r)?;
            let q = mpint(&mut r)?;
            // ssh.com stores u = p^-1 mod q; keyfit's (PKCS#1's) coefficient is q^-1 mod p, so the primes swap,
            // as PuTTY's import does.
            let crt = RsaCrt {
                dp: None,
                dq: None,
                qinv: Some(u),
            };
            PrivateKey::Rsa(rsa_from_parts(n, e, d, q, p, crt)?)
        }
        KeyType::Dsa => {
            if r.u32()? != 0 {
                return Err(Error::UnsupportedAlgorithm(
                    "DSA with ssh.com predefined parameters".into(),
                ));
            }
            let p = mpint(&mut r)?;
            let g = mpint(&mut r)?;
            let q = mpint(&mut r)?;
            let y = mpint(&mut r)?;
            let x = mpint(&mut r)?;
            PrivateKey::Dsa(DsaPrivate::new(p, q, g, y, x)?)
        }
    })
}

/// Reads an ssh.com private key from its armour. Without a passphrase an encrypted key yields the encryption and
/// the comment only: ssh.com files keep the public key inside the encrypted part.
///
/// # Errors
/// [`Error::NotAKey`] for another armour label; [`Error::Truncated`] when the body ends early;
/// [`Error::Corrupt`] for a broken structure; [`Error::WrongPassphrase`] when the decrypted data is not a
/// well-formed payload; [`Error::UnsupportedAlgorithm`] / [`Error::UnsupportedCipher`] for other key types and
/// ciphers; [`Error::InconsistentKey`] when the key's numbers do not fit together.
pub(crate) fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    if armor.label != LABEL {
        return Err(Error::NotAKey("it is not an ssh.com private key"));
    }
    let data: &[u8] = &armor.data;
    let mut r = Reader::new(data);
    if r.u32()? != MAGIC {
        return Err(Error::Corrupt("the ssh.com magic number is wrong"));
    }
    let total = u64::from(r.u32()?);
    if total > data.len() as u64 {
        return Err(Error::Truncated);
    }
    if total < data.len() as u64 {
        return Err(Error::Corrupt("the ssh.com length field is wrong"));
    }
    let type_name = r.string()?;
    let kind = if type_name.starts_with(RSA_PREFIX) {
        KeyType::Rsa
    } else if type_name.starts_with(DSA_PREFIX) {
        KeyType::Dsa
    } else {
        return Err(Error::UnsupportedAlgorithm(format!(
            "ssh.com key type {}",
            shown(type_name)
        )));
    };
    let encrypted = match r.string()? {
        b"none" => false,
        c if c == CIPHER.as_bytes() => true,
        other => return Err(Error::UnsupportedCipher(shown(other))),
    };
    let body = r.string()?;
    if body.is_empty() {
        return Err(Error::Corrupt("the ssh.com key data is empty"));
    }
    let comment = comment(armor);
    let encryption = encrypted.then(|| Encryption {
        cipher: CIPHER.to_string(),
        kdf: Some(Kdf::SshComMd5),
    });

    let Some(encryption) = encryption else {
        return open(kind, body, None, comment, None);
    };
    Parsed::encrypted(
        Format::SshCom,
        encryption.clone(),
        None,
        comment.clone(),
        passphrase,
        |pass| open(kind, body, Some(pass), comment, Some(encryption)),
    )
}

/// Decrypts (with `pass`, for an encrypted file) and decodes the key data.
fn open(
    kind: KeyType,
    body: &[u8],
    pass: Option<&[u8]>,
    comment: Option<String>,
    encryption: Option<Encryption>,
) -> Result<Parsed> {
    let encrypted = pass.is_some();
    let plain = if let Some(pass) = pass {
        if body.len() % BLOCK != 0 {
            return Err(Error::Corrupt(
                "the encrypted key data is not a whole number of cipher blocks",
            ));
        }
        let key = derive_key(pass);
        let mut buf = Zeroizing::new(body.to_vec());
        cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key[..], &[0u8; BLOCK])
            .map_err(|_| Error::Corrupt("bad cipher parameters"))?
            .decrypt_padded_mut::<NoPadding>(&mut buf)
            .map_err(|_| Error::Corrupt("the encrypted key data is malformed"))?;
        buf
    } else {
        Zeroizing::new(body.to_vec())
    };

    // The payload is a string followed by less than one block of padding. A wrong passphrase garbles the length.
    let mut inner = Reader::new(&plain);
    let payload = match inner.string() {
        Ok(p) if inner.remaining().len() < BLOCK => p,
        _ if encrypted => return Err(Error::WrongPassphrase),
        Ok(_) => return Err(Error::Corrupt("extra bytes after the ssh.com key data")),
        Err(e) => return Err(e),
    };
    let private = decode_payload(kind, payload)?;
    Ok(Parsed::private(
        Format::SshCom,
        private,
        comment,
        encryption,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader as a result: a passphrase that fails is an error (see `Parsed::unlocked`).
    fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
        super::read(armor, passphrase).and_then(Parsed::unlocked)
    }
    use crate::armor;

    // Vectors made by puttygen 0.78 from the keys of the ppk tests; PW is a file holding `keyfit test pw`.
    // Fingerprints are `ssh-keygen -l` of `puttygen -O public-openssh`.
    use crate::test_support::{
        FP_PUTTY_DSA as FP_DSA, FP_PUTTY_RSA1024 as FP_RSA1024, FP_PUTTY_RSA2048 as FP_RSA2048,
        PUTTY_PW as PW,
    };

    /// `puttygen rsa1024.ppk -O private-sshcom (key 'rsa1024 test' of the ppk tests)`
    const RSA1024: &str = include_str!("../../tests/examples/sshcom/rsa1024.key");

    /// `puttygen rsa1024.ppk -P -O private-sshcom --new-passphrase PW`
    const RSA1024_E: &str = include_str!("../../tests/examples/sshcom/rsa1024-e.key");

    /// `puttygen rsa2048.ppk -O private-sshcom`
    const RSA2048: &str = include_str!("../../tests/examples/sshcom/rsa2048.key");

    /// `puttygen dsa.ppk -O private-sshcom`
    const DSA: &str = include_str!("../../tests/examples/sshcom/dsa.key");

    /// `puttygen dsa.ppk -P -O private-sshcom --new-passphrase PW`
    const DSA_E: &str = include_str!("../../tests/examples/sshcom/dsa-e.key");

    fn parse(text: &str, pass: Option<&[u8]>) -> Result<Parsed> {
        read(&armor::parse(text)?, pass)
    }

    fn fingerprint(p: &Parsed) -> String {
        p.public.as_ref().unwrap().fingerprint_sha256()
    }

    #[test]
    fn reads_puttygen_vectors() {
        for (text, fp, comment, encrypted) in [
            (RSA1024, FP_RSA1024, "rsa1024 test", false),
            (RSA1024_E, FP_RSA1024, "rsa1024 test", true),
            (RSA2048, FP_RSA2048, "rsa2048 test", false),
            (DSA, FP_DSA, "dsa test", false),
            (DSA_E, FP_DSA, "dsa test", true),
        ] {
            let clear = parse(text, None).unwrap();
            assert_eq!(clear.format, Format::SshCom);
            assert_eq!(clear.comment.as_deref(), Some(comment));
            assert_eq!(clear.private.is_some(), !encrypted, "{comment}");
            let full = parse(text, Some(PW)).unwrap();
            assert_eq!(fingerprint(&full), fp, "{comment}");
            assert_eq!(
                full.private
                    .as_ref()
                    .unwrap()
                    .public_key()
                    .fingerprint_sha256(),
                fp
            );
            if encrypted {
                let e = clear.encryption.unwrap();
                assert_eq!(e.cipher, "3des-cbc");
                assert_eq!(e.kdf, Some(Kdf::SshComMd5));
                assert!(clear.public.is_none());
                for wrong in [&b"keyfit test pW"[..], b"", b"pw"] {
                    assert_eq!(parse(text, Some(wrong)).err(), Some(Error::WrongPassphrase));
                }
            } else {
                assert!(clear.encryption.is_none());
                assert_eq!(fingerprint(&clear), fp);
            }
        }
    }

    #[test]
    fn rsa_primes_and_coefficient_are_mapped() {
        let key = parse(RSA1024, None).unwrap().private.unwrap();
        let rsa = key.as_rsa().unwrap();
        // The coefficient check inside rsa_from_parts passed; the larger prime comes first, as in PuTTY.
        use rsa::traits::PrivateKeyParts;
        assert!(rsa.primes()[0] > rsa.primes()[1]);
    }

    fn armor_of(data: Vec<u8>) -> Armor {
        Armor {
            label: LABEL.into(),
            headers: vec![],
            data: Zeroizing::new(data),
        }
    }

    /// Builds a body: magic, length, type, cipher, key data.
    fn body(type_name: &[u8], cipher: &[u8], key: &[u8]) -> Vec<u8> {
        let mut w = crate::wire::Writer::default();
        w.u32(MAGIC)
            .u32(0)
            .string(type_name)
            .string(cipher)
            .string(key);
        let mut v = w.as_slice().to_vec();
        let len = (v.len() as u32).to_be_bytes();
        v[4..8].copy_from_slice(&len);
        v
    }

    #[test]
    fn hostile_bodies_are_errors_not_panics() {
        let rsa = b"if-modn{sign{rsa-pkcs1-sha1},encrypt{rsa-pkcs1v2-oaep}}";
        let code = |data: Vec<u8>, pass: Option<&[u8]>| {
            read(&armor_of(data), pass).err().map(|e| e.code())
        };
        // A bit count of 2^32 - 1 must not overflow or allocate.
        let mut payload = crate::wire::Writer::default();
        payload.u32(u32::MAX);
        let mut key = crate::wire::Writer::default();
        key.string(payload.as_slice());
        assert_eq!(
            code(body(rsa, b"none", key.as_slice()), None),
            Some("truncated")
        );
        assert_eq!(
            code(body(b"ec-modp", b"none", key.as_slice()), None),
            Some("unsupported-algorithm")
        );
        assert_eq!(
            code(body(rsa, b"aes128-cbc", key.as_slice()), None),
            Some("unsupported-cipher")
        );
        assert_eq!(code(body(rsa, b"none", b""), None), Some("corrupt"));
        assert_eq!(
            code(body(rsa, b"3des-cbc", b"1234567"), Some(PW)),
            Some("corrupt")
        );
        assert_eq!(
            code(body(rsa, b"3des-cbc", b"12345678"), Some(PW)),
            Some("wrong-passphrase")
        );
        assert_eq!(code(body(rsa, b"3des-cbc", b"12345678"), None), None);
        let mut wrong_magic = body(rsa, b"none", key.as_slice());
        wrong_magic[0] = 0;
        assert_eq!(code(wrong_magic, None), Some("corrupt"));
        let mut trailing = body(rsa, b"none", key.as_slice());
        trailing.push(0);
        assert_eq!(code(trailing, None), Some("corrupt"));
        let dsa = b"dl-modp{sign{dsa-nist-sha1},dh{plain}}";
        let mut predefined = crate::wire::Writer::default();
        predefined.u32(1);
        let mut key = crate::wire::Writer::default();
        key.string(predefined.as_slice());
        assert_eq!(
            code(body(dsa, b"none", key.as_slice()), None),
            Some("unsupported-algorithm")
        );
        let other = Armor {
            label: "SSH2 PUBLIC KEY".into(),
            ..armor_of(vec![])
        };
        assert_eq!(
            read(&other, None).err().map(|e| e.code()),
            Some("not-a-key")
        );
        // Every prefix of a real body fails cleanly.
        let real = armor::parse(RSA1024).unwrap();
        for cut in 0..real.data.len() {
            assert!(read(&armor_of(real.data[..cut].to_vec()), None).is_err());
        }
        // A changed number is caught by the consistency checks.
        let mut changed = real.data.to_vec();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert_eq!(code(changed, None), Some("inconsistent-key"));
    }
}
