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
    use std::process::{Command, Stdio};

    // Vectors made by puttygen 0.78 from the keys of the ppk tests; PW is a file holding `keyfit test pw`.
    // Fingerprints are `ssh-keygen -l` of `puttygen -O public-openssh`.
    const PW: &[u8] = b"keyfit test pw";
    const FP_RSA1024: &str = "SHA256:6qKGH7o85DvETnltxjw9NeTV6Q65OCmTii/PrOYnIdA";
    const FP_RSA2048: &str = "SHA256:xXmy/SheUPKvV7U1vbO29GjgR42i0Iw+zrOocbBdb0o";
    const FP_DSA: &str = "SHA256:8kOGzMP9BBBmW56h2oESYpWce0AGWndS/rKe8x7Eo+I";

    /// `puttygen rsa1024.ppk -O private-sshcom (key 'rsa1024 test' of the ppk tests)`
    const RSA1024: &str = "\
---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n\
Comment: \"rsa1024 test\"\n\
P2/56wAAAi4AAAA3aWYtbW9kbntzaWdue3JzYS1wa2NzMS1zaGExfSxlbmNyeXB0e3JzYS\n\
1wa2NzMXYyLW9hZXB9fQAAAARub25lAAAB3wAAAdsAAAARAQABAAAD/1Yjp9tc7tCB4tJm\n\
0UvbGJ6IrpT9xpAYgtwK4yXpc0vdbFSM9nQsOsfaYzRCLUWWGc4BXleHyYA5HPVZ7Wz2K9\n\
SDIrEyFLPY4Z074UJnGOVDPrE7SHRvqRAE34M1c9POSXjOYkKqgw4q6oPo5O2bW/kTmZEq\n\
TEw7Xsm8vXAR4E0xAAAEAIDosXgdqXsJxqHUbKzY8qD2b+horpAjL1XyldRcEJwDiCzPEl\n\
g0IysJcmvcZaSyzd+3Hji6Lel8a6sjNo0fxqPcsCXb5HDo8wdGwZRsyfu+kMBtEupNcX0H\n\
xqriWIzYEw7vX9XCsHnY/jA2Hu2lEtgpwHPXpk0FghqKVBj298hrAAAB/ArYi3P5D8Ey5d\n\
PCjI1YOBFeKcUwa9U3g5dbPRovKBwsB1cZPO9dQQfUz24SmUZNzvWdFhQY8xlbfkZOR/ZL\n\
AZUAAAIAmSZ5yimiL7t0/i+yW1VPL9KirtHj9jbbwQn4A9Eu8bb602BPpsTu80Txi2T9wz\n\
o3jiWTU47QgP2W1Noc0csNmQAAAgDXeqiTKllzKOLqew9USCg143YiyjaArYdc3yEZ/Cl7\n\
Hnbp+GvLCnTXfcEZZ1ErlIvGvIytkGy0/uqndSDXsyCj\n\
---- END SSH2 ENCRYPTED PRIVATE KEY ----\n";

    /// `puttygen rsa1024.ppk -P -O private-sshcom --new-passphrase PW`
    const RSA1024_E: &str = "\
---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n\
Comment: \"rsa1024 test\"\n\
P2/56wAAAjMAAAA3aWYtbW9kbntzaWdue3JzYS1wa2NzMS1zaGExfSxlbmNyeXB0e3JzYS\n\
1wa2NzMXYyLW9hZXB9fQAAAAgzZGVzLWNiYwAAAeA/2XXw7YrHQksTjnRAakyYdMkXIR38\n\
D89uZOs00ceqaE7vMBc4ApshsyAkaaHYohttoeynLXAbrc5RtPs2tOwhMUFx7HkJzllTAp\n\
L23t9igmsLTPWixJVoaS9oEiDxLae/tV13cxsn7ISa0wBMoQoQpLoJe2hKzJDpT4C2uuEj\n\
v+RCd+VZIErj5svRsc+KZNCMjddsV0wKYhQB1uUuAdPgJFOH+v0ZCcjRCO/YdfZGKTnlAL\n\
7vwlKyocn2Gi2SY2xqpH8ihyQoDX0Q/iwCouGQfuUaKwj1TnJZC3yeU5P+nL278gz86ZaS\n\
EoXr5jGIThKxOoQCdQYZJX+0uYqzuaOkkqUT9hOJILhFMYjeN8fusHga3HuQqPqxDNRj5s\n\
C4YaUDfihKSzEqbvrhdIBmUmmf+0lO8Wb3WaXLfBPcWLETTfJiwendsWY47wz3hLG5dS7x\n\
dRdhEDQsO9ols0MREAQZXjncwSxw8C7NIZMqcdpvicsCN8m+NL9/aCBPCDGXVN6FKpkxYm\n\
QB6X0p5TKoGNgRZLHN+HKFPgbQo7AUEjdEru7u/ch8I2BO49YoMsQ75cELwrQV9VdxL6SK\n\
ZUNy8UA269TeqzQu5XHYY8NmYe9/dH88GPiSr264vsJ52mSpHO4=\n\
---- END SSH2 ENCRYPTED PRIVATE KEY ----\n";

    /// `puttygen rsa2048.ppk -O private-sshcom`
    const RSA2048: &str = "\
---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n\
Comment: \"rsa2048 test\"\n\
P2/56wAAA+4AAAA3aWYtbW9kbntzaWdue3JzYS1wa2NzMS1zaGExfSxlbmNyeXB0e3JzYS\n\
1wa2NzMXYyLW9hZXB9fQAAAARub25lAAADnwAAA5sAAAARAQABAAAIAJKPVeCLGzEhM4xC\n\
IXQrWnXcjHY65BzivrDVy9keO08BFa0V0EBZj6tte7rDR24j9fmXWij7jUsde1UMgHUVWe\n\
o1K8QLOsHyv8ARCnHUCFV2ppWMibH99n9wHlPpwRAEyGuwpQ4KKQK23SZqn4buLG/a6MLx\n\
3JqsQceKmyQLko6LeRPVlLfK+ixyowaQDDdEhEuVUi/Y1K0OWx5D0Q5EBUcmfs74TTdUUn\n\
3oQ5RpaYuPbyC6GE1AydwnYF4kDnCuAx2hioJoo8Udv4gLObcPZTgNKulXUNLwXT+C6jDE\n\
Qp+5Er8GxQrC5D2Keq237PHaN8j7c8ewcpcXctayHyvQsJkAAAgA08kGIo/VnyEhzXHvUP\n\
QzX3BqC0Y3GfbjIB1sbra9syJIlzR2gP1UiJsnfyltSDJfht/I6RY/OTCemvGQXq595/uQ\n\
LQQHdSDmlkCwq39K4lq7UrpkXTl1kXWdjAD0LFq+x3mpmJ7EJ7b7BeW3546hTPAgDJ0TXq\n\
MB8j2ZC8Xl1RAoCT0OIL7MNGboUw35jWSTVvZkVHG5k9Cv1643N2GsMnVM+dZt57dLEYF7\n\
GUUS2CuyOl77AnWHlRuRENm4vKqZAQsHdpFjrWmFmSsm02cq7vWp0ElO6KNXXkOA3Mb0ns\n\
nMbyZ/8inonUO23QJZkb4O2IQfos696PsKBz8v+9mIfwAABACdCjS5sxznKYHBlZA0K6bM\n\
48dbitaNDMTa7B40rn8qZ78A+WjLm2e/xCr1FLcLT5aeo/pNM8/Q8hB/Y/zEi/42neHlkJ\n\
b6Z+JluKTL8LwI7BZMsQD0OqW2XNzFDQVc0MD8WI00qvI4rKm8KHfNzrkdNBQsQ1lYW2qB\n\
MhFZTVtNsAAABADUUWQPU3Ek7ebosjv1Ah43G0bZAE+iUvDXHeK0w1QaC3IGvPhXGfKUKz\n\
BXbmMfPGhPVn+Kj9g2GKlbebt8+1vS+fr/H1BwnbtH6RFRF6Ld77aY7LJGoRYVYlDq2TgW\n\
GKdnapWVD95QUU9mwd9rO6y5/ferUrhGP0e77mgjkJ7SawAABAD/W5O+fxfk858KjhdVtj\n\
WR7gSfATsN0mjBcDCKZ/esIjGOBIRLJ2sxI1ea9PZobH7RPFbrJfXQWVufT5k3A98+K2M7\n\
vDwlFz9Dp8mr58Eu8VAylC4pAtsXGN0wX4pERKW1Sg3QvxWnrnRR9NFC03NUX27GvYNMsW\n\
17TFpcHY9vPQ==\n\
---- END SSH2 ENCRYPTED PRIVATE KEY ----\n";

    /// `puttygen dsa.ppk -O private-sshcom`
    const DSA: &str = "\
---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n\
Comment: \"dsa test\"\n\
P2/56wAAAgIAAAAmZGwtbW9kcHtzaWdue2RzYS1uaXN0LXNoYTF9LGRoe3BsYWlufX0AAA\n\
AEbm9uZQAAAcQAAAHAAAAAAAAABADNbaqzdZHSxcuXUTRR1ntX0JnlRdMX7Ak9H3q6fy+F\n\
BwiBkkLFEapinT7fwe/C+yVpus+O6vwgm2HkMUrK1ibshk7369XUAGfxUVhFdyMOFWnbVm\n\
9JTQ0oqTzpJAV6NnDm0injv8HOC3wZrggudjkwVHlznb6Pt1FQSm47/8exUQAABACEkxzW\n\
ntNRe2JXtK5iG+eKACVU75zKGuLQyHaB+FuHgLwXIO7BBrdSTt+jb5Gck3UnwSHLHUruU5\n\
YdoqCpljiPzLZZfZ7qxJuquNCa5A6QxKNAshnmBehPRvpP4WVPHIMOMsBi0yPypFOMBFJq\n\
JBNd3yPV7lp01UT9otzHW9ROeAAAAKCxLo0ZLW9zonuCN97kO80Lr2C/+QAAA/92k9U6AG\n\
jTwnxyf5SVj2crXLykXRDj3IxyeAiHxyf3C3hKvUoP3SgYqZlkE8WNRsLsm6GEIzA5XrUo\n\
1NX2PL27srw5bu4iW8GCHI/uE/3NErnPXPIq816T7KnduWxpzpHu2Rlj6+CfY3gsJTvPXC\n\
LsHTZ5fMXwXNqKZDrOOS48lwAAAKCZv5DwvMy7fO3+oXDHSda4Gne7rg==\n\
---- END SSH2 ENCRYPTED PRIVATE KEY ----\n";

    /// `puttygen dsa.ppk -P -O private-sshcom --new-passphrase PW`
    const DSA_E: &str = "\
---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n\
Comment: \"dsa test\"\n\
P2/56wAAAgoAAAAmZGwtbW9kcHtzaWdue2RzYS1uaXN0LXNoYTF9LGRoe3BsYWlufX0AAA\n\
AIM2Rlcy1jYmMAAAHIiVjnosiYRwd9tajT6GutxigW8AXynXt4yF6Z2pfQ7OiAvNgqpLAW\n\
M4fYdHesF1w7cRJv9K4Vh+fHA9JZpe90PePGcuzRpc+SD/O6I4uYyqQHmlTsps0Z5dSub0\n\
8HcyOryv5aguX4V1IBqzBiiqNUnvIrRhYcO27QpjvUGexM/YJ0W794caELNRMXaMJLFz8J\n\
BsRN9vpFw2oQXcCkaIar1A1ONofk4BW5WOP4vMM5jtMcbE7G8DjW39PrWoG1lUEzp3mgQy\n\
i8QY9WwtJhCGa7mnZlOxdj8xm5G+qZq1O6hN+vKa0f2FWDWgdQvswxLrP1fQQ635Ss5KBV\n\
8X9zBSWroWrVqTFAeJEY+obnNoH9nkoaLT8ht13cdyHa2yJESs8PdC+qxJwef4wW+Uskl/\n\
IBSkwDhwyDUnjc2WjvIwA5CDjCyuKoXSGMvuW4tJOMTQhO0roSc8u6XP/ZOSKHML4J7BAw\n\
3VoeKQ2kuylnRPN6VuL/bt+oCySidBUtzDjsGwAKasQ65y5S8OAKQ+ZefjBOG0+Hab4CnF\n\
Hcp2ie6uhbC1Q1i343VanvCuCRz5OI3YyI9M9J5/Smh/Ud0egWWGakVaiekTXh8HkZ\n\
---- END SSH2 ENCRYPTED PRIVATE KEY ----\n";

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

    /// Runs puttygen under a timeout with stdin closed; returns whether it succeeded.
    fn puttygen(args: &[&str]) -> bool {
        Command::new("timeout")
            .arg("30")
            .arg("puttygen")
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn reads_fresh_puttygen_keys() {
        let installed = Command::new("puttygen")
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            eprintln!("puttygen is not installed: skipping the puttygen cross-check");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
        let (empty, pw, ppk, public, out) = (
            path("empty"),
            path("pw"),
            path("key.ppk"),
            path("key.pub"),
            path("key.sshcom"),
        );
        std::fs::write(&empty, b"").unwrap();
        std::fs::write(&pw, PW).unwrap();
        for kind in ["rsa", "dsa"] {
            let comment = "fresh \"key\"";
            let args = [
                "-t",
                kind,
                "-b",
                "1024",
                "-C",
                comment,
                "-o",
                &ppk,
                "--new-passphrase",
                &empty,
            ];
            assert!(puttygen(&args));
            assert!(puttygen(&[&ppk, "-O", "public-openssh", "-o", &public]));
            let line = std::fs::read_to_string(&public).unwrap();
            let blob = armor::decode_base64(line.split_whitespace().nth(1).unwrap()).unwrap();
            let fp = crate::key::PublicKey::from_ssh_blob(&blob)
                .unwrap()
                .fingerprint_sha256();
            for pass in [None, Some(PW)] {
                let new_pass = if pass.is_some() { &pw } else { &empty };
                let args = [
                    &ppk,
                    "-P",
                    "--new-passphrase",
                    new_pass,
                    "-O",
                    "private-sshcom",
                    "-o",
                    &out,
                ];
                assert!(puttygen(&args));
                let text = std::fs::read_to_string(&out).unwrap();
                let parsed = parse(&text, pass).unwrap();
                assert_eq!(fingerprint(&parsed), fp, "{kind} {}", pass.is_some());
                assert_eq!(parsed.comment.as_deref(), Some(comment));
                if pass.is_some() {
                    assert_eq!(
                        parse(&text, Some(b"wrong")).err(),
                        Some(Error::WrongPassphrase)
                    );
                }
            }
        }
    }
}
