//! Public keys in the forms people paste: the OpenSSH line (`ssh-rsa AAAA... comment`, as in `authorized_keys`,
//! [RFC 4253 §6.6](https://www.rfc-editor.org/rfc/rfc4253#section-6.6) and OpenSSH's `sshd(8)` AUTHORIZED_KEYS
//! FILE FORMAT), the SECSH block (`---- BEGIN SSH2 PUBLIC KEY ----`,
//! [RFC 4716](https://www.rfc-editor.org/rfc/rfc4716)) and `-----BEGIN PUBLIC KEY-----`, X.509
//! `SubjectPublicKeyInfo` ([RFC 5280 §4.1](https://www.rfc-editor.org/rfc/rfc5280#section-4.1); algorithms per
//! RFC 3279, RFC 5480, RFC 8410). PKCS#1 `RSA PUBLIC KEY` lives in `format::pkcs1`.
//!
//! The SSH line and RFC 4716 are hand-written on [`crate::wire`] and [`crate::armor`] (a few lines each; the
//! `ssh-key` crate does not read `authorized_keys` options or write RFC 4716). SPKI uses the `spki` crate.

use crate::armor::{self, Armor};
use crate::asn1::{
    self, algorithm_name, der_error, dsa_parameters, encode_dsa_parameters, named_curve, uint,
    DSA_OID, EC_OID, ED25519_OID, ED448_OID, RSA_OID,
};
use crate::error::{Error, Result};
use crate::key::{ecdsa_point, ed25519_bytes, PublicKey};
use crate::limits;
use crate::parsed::{Format, Parsed};
use crate::text::{shown, PEM_WIDTH, SSH_WIDTH};
use crate::wire::{Reader, Writer};
use base64ct::{Base64, Encoding};
use der::asn1::{AnyRef, BitStringRef, UintRef};
use der::{Decode, Encode};

/// Armour label of an RFC 4716 public key.
pub(crate) const RFC4716_LABEL: &str = "SSH2 PUBLIC KEY";
/// PEM label of a `SubjectPublicKeyInfo`.
pub(crate) const SPKI_LABEL: &str = "PUBLIC KEY";

/// Reads the first key line of OpenSSH public key text: `type base64 [comment]`, optionally after
/// `authorized_keys` options (`no-pty,command="..." ssh-ed25519 AAAA...`). Blank lines and `#` comments are
/// skipped.
///
/// # Errors
/// [`Error::NotAKey`] without a key line, [`Error::Corrupt`] when the type named in the text differs from the
/// blob's, [`Error::UnsupportedAlgorithm`] (certificates, security keys...), [`Error::Truncated`].
pub(crate) fn read_openssh_line(text: &str) -> Result<Parsed> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .ok_or(Error::NotAKey("no public key line"))?;
    let (first, _) = split_word(line);
    let key_part = if looks_like_key_type(first) {
        line
    } else {
        skip_options(line)
    };
    let (kind, rest) = split_word(key_part);
    let (b64, comment) = split_word(rest);
    if !looks_like_key_type(kind) {
        return Err(Error::NotAKey("no SSH key type on the line"));
    }
    if b64.is_empty() {
        return Err(Error::NotAKey("no base64 key after the key type"));
    }
    let comment = Some(comment.trim()).filter(|c| !c.is_empty());
    let blob = armor::decode_base64(b64)?;
    let blob_kind = Reader::new(&blob).string()?;
    if blob_kind != kind.as_bytes() {
        return Err(Error::Corrupt(
            "the key type on the line differs from the key data",
        ));
    }
    let (format, public) = if kind.ends_with(CERT_SUFFIX) {
        (Format::OpenSshCertificate, certified_key(&blob)?)
    } else {
        (Format::OpenSshPublic, PublicKey::from_ssh_blob(&blob)?)
    };
    Ok(Parsed::public(format, public, comment.map(str::to_string)))
}

/// How the type names of OpenSSH certificates end (`ssh-rsa-cert-v01@openssh.com`).
pub(crate) const CERT_SUFFIX: &str = "-cert-v01@openssh.com";

/// The public key an OpenSSH certificate certifies
/// ([PROTOCOL.certkeys](https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.certkeys)):
/// `string type, string nonce`, then the key's own fields, then the certificate's (serial, principals, validity,
/// options, CA key, signature), which keyfit does not need. `ssh-keygen -l` fingerprints this key.
///
/// # Errors
/// [`Error::UnsupportedAlgorithm`] for an unknown certificate type, [`Error::Truncated`] / [`Error::Corrupt`].
fn certified_key(blob: &[u8]) -> Result<PublicKey> {
    let mut r = Reader::new(blob);
    let cert_type = r.string()?;
    let base = cert_type
        .strip_suffix(CERT_SUFFIX.as_bytes())
        .ok_or(Error::Corrupt("not a certificate type"))?;
    // Security-key types keep their `@openssh.com` after the base name.
    let (base, fields): (&[u8], usize) = match base {
        b"ssh-rsa" => (b"ssh-rsa", 2),
        b"ssh-dss" => (b"ssh-dss", 4),
        b"ecdsa-sha2-nistp256" | b"ecdsa-sha2-nistp384" | b"ecdsa-sha2-nistp521" => (base, 2),
        b"ssh-ed25519" => (b"ssh-ed25519", 1),
        b"sk-ecdsa-sha2-nistp256" => (b"sk-ecdsa-sha2-nistp256@openssh.com", 3),
        b"sk-ssh-ed25519" => (b"sk-ssh-ed25519@openssh.com", 2),
        other => {
            return Err(Error::UnsupportedAlgorithm(format!(
                "{}{CERT_SUFFIX} certificates",
                shown(other)
            )))
        }
    };
    r.string()?; // nonce
    let start = blob.len() - r.remaining().len();
    for _ in 0..fields {
        r.string()?;
    }
    let end = blob.len() - r.remaining().len();
    let mut w = Writer::default();
    w.string(base).raw(&blob[start..end]);
    PublicKey::from_ssh_blob(w.as_slice())
}

/// The first whitespace-separated word and the rest, trimmed at the start.
fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(|c: char| c.is_ascii_whitespace()) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

/// Whether a word is shaped like an SSH key type (`ssh-*`, `ecdsa-*`, `sk-*`, or `*@domain` without `=`/`"`).
fn looks_like_key_type(word: &str) -> bool {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-@._".contains(&b));
    plain
        && (word.starts_with("ssh-")
            || word.starts_with("ecdsa-")
            || word.starts_with("sk-")
            || word.contains('@'))
}

/// The rest of an `authorized_keys` line after its options field, which ends at the first whitespace outside
/// double quotes (a backslash escapes a quote inside them).
fn skip_options(line: &str) -> &str {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c.is_ascii_whitespace() && !quoted => return line[i..].trim_start(),
            _ => {}
        }
    }
    ""
}

/// Reads a `---- BEGIN SSH2 PUBLIC KEY ----` block; the `Comment:` header, unquoted, is the comment.
///
/// # Errors
/// [`Error::NotAKey`] for another label, and the errors of [`PublicKey::from_ssh_blob`].
pub(crate) fn read_rfc4716(armor: &Armor) -> Result<Parsed> {
    if armor.label != RFC4716_LABEL {
        return Err(Error::NotAKey("not an SSH2 public key"));
    }
    let public = PublicKey::from_ssh_blob(&armor.data)?;
    let comment = armor.header("Comment").map(|c| {
        let c = c.trim();
        c.strip_prefix('"')
            .and_then(|c| c.strip_suffix('"'))
            .unwrap_or(c)
            .to_string()
    });
    Ok(Parsed::public(Format::Rfc4716Public, public, comment))
}

/// Whether `der` is shaped as a `SubjectPublicKeyInfo` (a dropped `.der` public key), not a private key.
pub(crate) fn is_spki_der(der: &[u8]) -> bool {
    use der::Decode;
    spki::SubjectPublicKeyInfoRef::from_der(der).is_ok()
}

/// Reads a `SubjectPublicKeyInfo`, given as a `-----BEGIN PUBLIC KEY-----` block or as DER: RSA, Ed25519,
/// ECDSA on P-256/384/521, DSA.
///
/// # Errors
/// [`Error::NotAKey`] for another PEM label, [`Error::UnsupportedAlgorithm`], [`Error::KeyTooLarge`],
/// [`Error::InconsistentKey`], [`Error::Truncated`], [`Error::Corrupt`].
pub(crate) fn read_spki(armor_or_der: &[u8]) -> Result<Parsed> {
    let pem = core::str::from_utf8(armor_or_der)
        .ok()
        .filter(|t| t.contains("-----BEGIN"));
    let public = match pem {
        Some(text) => {
            let a = armor::parse(text)?;
            if a.label != SPKI_LABEL {
                return Err(Error::NotAKey("not a PUBLIC KEY block"));
            }
            decode_spki(&a.data)?
        }
        None => decode_spki(armor_or_der)?,
    };
    Ok(Parsed::public(Format::SpkiPublic, public, None))
}

/// Parses a DER `SubjectPublicKeyInfo`.
fn decode_spki(der: &[u8]) -> Result<PublicKey> {
    let info = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(der_error)?;
    let alg = info.algorithm;
    let key = info.subject_public_key.as_bytes().ok_or(Error::Corrupt(
        "the public key bit string is not whole bytes",
    ))?;
    match alg.oid {
        RSA_OID => {
            if alg.parameters.is_some_and(|p| !p.is_null()) {
                return Err(Error::Corrupt("the RSA algorithm parameters are not NULL"));
            }
            asn1::rsa_public_from_der(key)
        }
        ED25519_OID => {
            if alg.parameters.is_some() {
                return Err(Error::Corrupt("the Ed25519 algorithm has parameters"));
            }
            Ok(PublicKey::Ed25519(ed25519_bytes(key)?))
        }
        ED448_OID => {
            if alg.parameters.is_some() {
                return Err(Error::Corrupt("the Ed448 algorithm has parameters"));
            }
            PublicKey::ed448(key)
        }
        EC_OID => {
            let curve = named_curve(alg.parameters)?;
            Ok(PublicKey::Ecdsa {
                curve,
                point: ecdsa_point(curve, key)?,
            })
        }
        DSA_OID => {
            let (p, q, g) = dsa_parameters(alg.parameters)?;
            limits::check_rsa_bits(p.bits())?;
            let y = uint(UintRef::from_der(key).map_err(der_error)?);
            Ok(PublicKey::Dsa { p, q, g, y })
        }
        other => Err(Error::UnsupportedAlgorithm(algorithm_name(other))),
    }
}

/// The `authorized_keys` line with a final newline: `ssh-ed25519 AAAA... comment\n`.
pub(crate) fn write_openssh_line(public: &PublicKey, comment: &str) -> String {
    let mut line = public.to_openssh_line(comment);
    line.push('\n');
    line
}

/// An RFC 4716 block laid out as `ssh-keygen -e -m RFC4716` lays it out: `Comment: "<comment>"` (left out
/// when empty), base64 at 70 columns.
pub(crate) fn write_rfc4716(public: &PublicKey, comment: &str) -> String {
    let quoted = format!("\"{comment}\"");
    let headers: &[(&str, &str)] = if comment.is_empty() {
        &[]
    } else {
        &[("Comment", &quoted)]
    };
    let b64 = Base64::encode_string(&public.to_ssh_blob());
    armor::layout(RFC4716_LABEL, true, headers, &b64, SSH_WIDTH).to_string()
}

/// DER `SubjectPublicKeyInfo`, as `openssl pkey -pubout -outform DER` writes it.
///
/// # Errors
/// Only on an internal encoding failure.
pub(crate) fn spki_der(public: &PublicKey) -> Result<Vec<u8>> {
    let params_der;
    let curve_oid;
    let (oid, parameters, key): (_, Option<AnyRef<'_>>, Vec<u8>) = match public {
        PublicKey::Rsa { .. } => (RSA_OID, Some(AnyRef::NULL), asn1::rsa_public_der(public)?),
        PublicKey::Ed25519(k) => (ED25519_OID, None, k.to_vec()),
        PublicKey::Ecdsa { curve, point } => {
            curve_oid = curve.oid();
            (EC_OID, Some(AnyRef::from(&curve_oid)), point.clone())
        }
        PublicKey::Dsa { p, q, g, y } => {
            params_der = encode_dsa_parameters(p, q, g)?;
            let y = y.to_bytes_be();
            let y = UintRef::new(&y)
                .and_then(|u| u.to_der())
                .map_err(der_error)?;
            (
                DSA_OID,
                Some(AnyRef::from_der(&params_der).map_err(der_error)?),
                y,
            )
        }
        PublicKey::Named { .. } | PublicKey::Rsa1 { .. } => {
            return Err(Error::UnsupportedAlgorithm(
                public.algorithm().name().to_string(),
            ))
        }
    };
    let info = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef { oid, parameters },
        subject_public_key: BitStringRef::from_bytes(&key).map_err(der_error)?,
    };
    info.to_der().map_err(der_error)
}

/// A `-----BEGIN PUBLIC KEY-----` block, as `openssl pkey -pubout` writes it.
///
/// # Errors
/// Only on an internal encoding failure.
pub(crate) fn write_spki(public: &PublicKey) -> Result<String> {
    Ok(armor::write(SPKI_LABEL, &[], &spki_der(public)?, PEM_WIDTH).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // `ssh-keygen -t ed25519 -C 'me@host' -N '' -f k`; k.pub:
    const ED_LINE: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDyTHPGe3oLrYzFks6XNwb1cLaxF0ysAkjqXl84Syqs+ me@host\n";
    // `ssh-keygen -l -f k.pub`
    const ED_FP: &str = "SHA256:NIVhHBqYAcUykf6M+aVA8z31g5rKItKaxF57/tk+qW4";

    #[test]
    fn reads_lines_with_options_comments_and_blank_lines() {
        let want = read_openssh_line(ED_LINE).unwrap();
        assert_eq!(want.format, Format::OpenSshPublic);
        assert_eq!(want.comment.as_deref(), Some("me@host"));
        let key = want.public.unwrap();
        assert_eq!(key.fingerprint_sha256(), ED_FP);
        assert_eq!(write_openssh_line(&key, "me@host"), ED_LINE);
        let b64 = ED_LINE.split(' ').nth(1).unwrap();
        for (text, comment) in [
            (
                format!("# keys\n\n  ssh-ed25519   {b64}   two words \r\n"),
                Some("two words"),
            ),
            (format!("ssh-ed25519 {b64}"), None),
            (
                format!("no-pty,from=\"10.0.0.1\" ssh-ed25519 {b64} c"),
                Some("c"),
            ),
            (
                format!("command=\"echo \\\"a b\\\" ssh-rsa x\",no-pty ssh-ed25519 {b64} c"),
                Some("c"),
            ),
            (
                format!("restrict ssh-ed25519 {b64}\nssh-rsa AAAA second"),
                None,
            ),
        ] {
            let p = read_openssh_line(&text).unwrap();
            assert_eq!(p.public.as_ref(), Some(&key), "{text}");
            assert_eq!(p.comment.as_deref(), comment, "{text}");
        }
        let code = |t: &str| read_openssh_line(t).err().map(|e| e.code());
        assert_eq!(code(&format!("ssh-rsa {b64}")), Some("corrupt"));
        assert_eq!(
            code(&format!("ssh-ed25519 {}", &b64[..b64.len() - 2])),
            Some("truncated")
        );
        assert_eq!(
            code(&format!("ssh-ed25519 {}", &b64[..40])),
            Some("truncated")
        );
        assert_eq!(code("ssh-ed25519"), Some("not-a-key"));
        assert_eq!(code("hello world"), Some("not-a-key"));
        assert_eq!(code("\n# only a comment\n"), Some("not-a-key"));
        assert_eq!(code("ssh-ed25519 AAAA*AAA"), Some("corrupt"));
        // ssh-keygen -t ed25519-sk writes this type (RustCrypto/SSH's test vector): keyfit names it and gives
        // ssh-keygen -l's fingerprint; the same type with a short key is damage.
        let sk = "AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAICFo/k5LU8863u66YC9eUO2170QduohPURkQnbLa/dczAAAABHNzaDo=";
        let parsed =
            read_openssh_line(&format!("sk-ssh-ed25519@openssh.com {sk} user@example.com"))
                .unwrap();
        let public = parsed.public.unwrap();
        assert_eq!(public.algorithm().name(), "sk-ed25519");
        assert_eq!(
            public.fingerprint_sha256(),
            "SHA256:6WZVJ44bqhAWLVP4Ns0TDkoSQSsZo/h2K+mEvOaNFbw"
        );
        let short = "AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIAA=";
        assert_eq!(
            code(&format!("sk-ssh-ed25519@openssh.com {short}")),
            Some("truncated")
        );
    }

    #[test]
    fn reads_spki_as_pem_or_der() {
        let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBXDXcBhPGr7CS1+kKvIAeH4Kmt9GmHbdcZWgwQqUE6o me@host";
        let public = read_openssh_line(line).unwrap().public.unwrap();
        let pem = write_spki(&public).unwrap();
        assert_eq!(
            read_spki(pem.as_bytes()).unwrap().public.as_ref(),
            Some(&public)
        );
        let der = spki_der(&public).unwrap();
        assert_eq!(read_spki(&der).unwrap().public.as_ref(), Some(&public));
        // A private key is not a public key.
        let private = include_str!("../../tests/examples/pkcs8/rsa1024.pem");
        assert_eq!(
            read_spki(private.as_bytes()).err().map(|e| e.code()),
            Some("not-a-key")
        );
    }

    #[test]
    fn damaged_spki_is_reported() {
        let key = read_openssh_line(ED_LINE).unwrap().public.unwrap();
        let der = spki_der(&key).unwrap();
        for cut in 0..der.len() {
            let e = read_spki(&der[..cut]).unwrap_err();
            assert!(
                matches!(e, Error::Truncated | Error::Corrupt(_)),
                "{cut}: {e:?}"
            );
        }
        for i in 0..der.len() {
            let mut bad = der.clone();
            bad[i] ^= 0x41;
            let _ = read_spki(&bad);
        }
    }
}
