//! SSH protocol 1 RSA keys, which OpenSSH wrote before 7.4 removed them (2016): the binary private key file
//! (`SSH PRIVATE KEY FILE FORMAT 1.1`, OpenSSH's `sshkey.c` before 7.4, `sshkey_private_rsa1_to_blob`) and the
//! public line `bits e n comment` in decimal (`identity.pub`). keyfit names them and gives the fingerprint
//! OpenSSH gave them (SHA-256 of n then e), which the file shows in the clear; nothing uses them today.
//!
//! ```text
//! "SSH PRIVATE KEY FILE FORMAT 1.1\n\0"
//! byte   cipher type (0 = none, 3 = 3DES)
//! uint32 reserved
//! uint32 bits
//! mpint1 n, mpint1 e      (uint16 bit count, then the bytes)
//! string comment
//! ...    the private part, encrypted when the cipher is not 0
//! ```
//!
//! Hand-written: no crate reads these files.

use crate::error::{Error, Result};
use crate::key::PublicKey;
use crate::parsed::{Encryption, Format, Parsed};
use crate::wire::Reader;
use num_bigint_dig::BigUint;

/// The magic that opens a private key file.
pub(crate) const MAGIC: &[u8] = b"SSH PRIVATE KEY FILE FORMAT 1.1\n\0";

/// Whether a text is an SSH-1 public line: `bits e n`, all decimal, the modulus long.
pub(crate) fn is_public_line(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let mut decimal = |min: usize| {
        words
            .next()
            .is_some_and(|w| w.len() >= min && w.bytes().all(|b| b.is_ascii_digit()))
    };
    decimal(3) && decimal(1) && decimal(100)
}

/// An SSH-1 `mpint`: a 16-bit bit count, then that many bits' bytes.
fn mpint1(r: &mut Reader<'_>) -> Result<BigUint> {
    let [hi, lo] = <[u8; 2]>::try_from(r.bytes(2)?).unwrap_or_default();
    let bits = usize::from(u16::from_be_bytes([hi, lo]));
    Ok(BigUint::from_bytes_be(r.bytes(bits.div_ceil(8))?))
}

/// Reads the private key file: its public key and comment, and whether it is encrypted (no private key: keyfit
/// does not use SSH-1 keys).
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::KeyTooLarge`].
pub(crate) fn read_private(data: &[u8]) -> Result<Parsed> {
    let body = data
        .strip_prefix(MAGIC)
        .ok_or(Error::NotAKey("not an SSH-1 key file"))?;
    let mut r = Reader::new(body);
    let cipher = r.bytes(1)?[0];
    r.bytes(4)?; // reserved
    r.u32()?; // bits, as the file states them
    let n = mpint1(&mut r)?;
    let e = mpint1(&mut r)?;
    let comment = String::from_utf8_lossy(r.string()?).into_owned();
    let encryption = match cipher {
        0 => None,
        3 => Some(Encryption {
            cipher: "3des".into(),
            kdf: None,
        }),
        other => Some(Encryption {
            cipher: format!("ssh1-cipher-{other}"),
            kdf: None,
        }),
    };
    Ok(Parsed {
        format: Format::Ssh1,
        encryption,
        comment: Some(comment).filter(|c| !c.is_empty()),
        public: Some(PublicKey::rsa1(n, e)?),
        private: None,
        public_only: false,
        locked: None,
    })
}

/// Reads a public line `bits e n [comment]`.
///
/// # Errors
/// [`Error::Corrupt`] for numbers that do not parse, [`Error::KeyTooLarge`].
pub(crate) fn read_public(text: &str) -> Result<Parsed> {
    let line = text.trim();
    let mut words = line.splitn(4, char::is_whitespace);
    let _bits = words.next();
    let number = |w: Option<&str>| {
        w.and_then(|w| BigUint::parse_bytes(w.as_bytes(), 10))
            .ok_or(Error::Corrupt("an SSH-1 public key number is not decimal"))
    };
    let e = number(words.next())?;
    let n = number(words.next())?;
    let comment = words
        .next()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    let mut parsed = Parsed::public(Format::Ssh1, PublicKey::rsa1(n, e)?, comment);
    parsed.public_only = true;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    // OpenSSH's regress/unittests/sshkey/testdata/rsa1_1.pub (OpenSSH 7.3), and its rsa1_1.fp.
    const PUBLIC: &str = "1024 65537 145043942670517902781741650890610683756045780348507433188994725700923246927874581962206512480287863636935077725837494808988986557337885675565086448774391442851909709751605441036910145362277967349042489937363543710406342212883803780768870873303921572812138116796733586484633244057911618360651775855949808953129 RSA1 test key #1
";
    const FINGERPRINT: &str = "SHA256:/kk7K9S9kwYFiFilnZYFwCsQJweI/SGQVR2nIa8VBhE";

    #[test]
    fn reads_the_public_line_with_openssh_s_fingerprint() {
        assert!(is_public_line(PUBLIC));
        let parsed = read_public(PUBLIC).unwrap();
        let public = parsed.public.unwrap();
        assert_eq!(public.algorithm().name(), "rsa1");
        assert_eq!(public.bits(), 1024);
        assert_eq!(public.fingerprint_sha256(), FINGERPRINT);
        assert!(!is_public_line("ssh-rsa AAAA"));
        assert!(read_private(b"SSH PRIVATE KEY FILE FORMAT 1.1\n\0\0").is_err());
    }
}
