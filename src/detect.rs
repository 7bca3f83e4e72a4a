//! Names the format of an input and hands it to the reader for that format.

use crate::armor::{self, Armor};
use crate::error::{Error, Result};
use crate::format::{dsa, openssh, pkcs1, pkcs8, ppk, public, sec1, sshcom};
use crate::parsed::{Format, Parsed};
use crate::repair::{self, Repaired};

/// An input: text (pasted, or a text file) or binary DER (a dropped `.der` file).
#[derive(Clone, Copy)]
pub(crate) enum Input<'a> {
    /// Text.
    Text(&'a str),
    /// DER bytes.
    Der(&'a [u8]),
}

impl<'a> Input<'a> {
    /// Classifies dropped bytes: UTF-8 text without NUL bytes is text, anything else binary.
    pub fn from_bytes(bytes: &'a [u8]) -> Self {
        match core::str::from_utf8(bytes) {
            Ok(text) if !text.contains('\0') => Input::Text(text),
            _ => Input::Der(bytes),
        }
    }
}

/// An input after repair of a mangled paste (text only; DER is taken as it is).
pub(crate) struct Prepared<'a> {
    original: Input<'a>,
    repaired: Option<Repaired>,
}

impl<'a> Prepared<'a> {
    /// Classifies `bytes` and repairs text.
    pub fn new(bytes: &'a [u8]) -> Self {
        let original = Input::from_bytes(bytes);
        let repaired = match original {
            Input::Text(t) => Some(repair::repair(t)),
            Input::Der(_) => None,
        };
        Prepared { original, repaired }
    }

    /// The input to read: the repaired text, or the DER bytes.
    pub fn input(&self) -> Input<'_> {
        match &self.repaired {
            Some(r) => Input::Text(&r.text),
            None => self.original,
        }
    }

    /// The repair, when the input was text.
    pub fn repaired(&self) -> Option<&Repaired> {
        self.repaired.as_ref()
    }
}

/// The SSH key types that open an OpenSSH public key line.
const SSH_TYPES: [&str; 10] = [
    "ssh-rsa",
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "ssh-dss",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "rsa-sha2-256",
    "rsa-sha2-512",
];

/// The armour label of the first BEGIN line, if any.
pub(crate) fn begin_label(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| armor::delimiter(l, "BEGIN"))
        .map(|(label, _)| label)
}

/// Names the format of `input` from its shape alone, without decoding it.
pub(crate) fn sniff(input: Input<'_>) -> Format {
    let text = match input {
        Input::Der(der) => {
            return if der.first() == Some(&0x30) {
                Format::Pkcs8
            } else {
                Format::Unknown
            }
        }
        Input::Text(t) => t.trim_start(),
    };
    if text.starts_with("PuTTY-User-Key-File-3") {
        return Format::Ppk3;
    }
    if text.starts_with("PuTTY-User-Key-File-") {
        return Format::Ppk2;
    }
    if let Some(label) = begin_label(text) {
        return match label {
            pkcs1::PRIVATE_LABEL | sec1::LABEL | dsa::LABEL => Format::Pkcs1,
            pkcs8::PRIVATE_LABEL | pkcs8::ENCRYPTED_LABEL => Format::Pkcs8,
            openssh::LABEL => Format::OpenSsh,
            sshcom::LABEL | "SSH2 PRIVATE KEY" => Format::SshCom,
            public::RFC4716_LABEL => Format::Rfc4716Public,
            pkcs1::PUBLIC_LABEL => Format::Pkcs1Public,
            public::SPKI_LABEL => Format::SpkiPublic,
            "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE" => Format::X509Certificate,
            l if l.starts_with("PGP ") => Format::Pgp,
            _ => Format::Unknown,
        };
    }
    // `type AAAA... comment`, possibly after authorized_keys options: any type name shaped like OpenSSH's, so
    // that key types keyfit only names (Ed448, post-quantum hybrids) and certificates are recognised.
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    let ssh_type = |i: usize| {
        words.get(i).is_some_and(|w| {
            SSH_TYPES.contains(w)
                || (w.starts_with("ssh-")
                    || w.starts_with("sk-")
                    || w.starts_with("ecdsa-")
                    || w.contains('@'))
                    && words.get(i + 1).is_some_and(|b| b.starts_with("AAAA"))
        })
    };
    for i in [0, 1] {
        if ssh_type(i) {
            return if words[i].ends_with(public::CERT_SUFFIX) {
                Format::OpenSshCertificate
            } else {
                Format::OpenSshPublic
            };
        }
    }
    Format::Unknown
}

/// What a non-key input is, in words, for [`Error::NotAKey`].
fn not_a_key(format: Format, text: &str) -> Error {
    match format {
        Format::X509Certificate => {
            Error::NotAKey("it is an X.509 certificate (for TLS), not an SSH key")
        }
        Format::Pgp => Error::NotAKey("it is a PGP (GnuPG) key block, not an SSH key"),
        _ if text.trim().is_empty() => Error::NotAKey("the input is empty"),
        _ if begin_label(text).is_some_and(|l| l.contains("CERTIFICATE REQUEST")) => {
            Error::NotAKey("it is a certificate signing request, not an SSH key")
        }
        _ if begin_label(text).is_some() => {
            Error::NotAKey("it is a PEM block of a kind that holds no SSH key")
        }
        _ => Error::NotAKey("no key format recognised"),
    }
}

/// Reads `input` as `format` (from [`sniff`]), decrypting with `passphrase` when given.
///
/// # Errors
/// The reader's errors; [`Error::NotAKey`] for certificates, PGP blocks and unknown text.
pub(crate) fn read(input: Input<'_>, format: Format, passphrase: Option<&[u8]>) -> Result<Parsed> {
    let text = match input {
        Input::Der(_) if format == Format::Unknown => {
            return Err(Error::NotAKey("the file is binary data, not a key"))
        }
        Input::Der(der) => return pkcs8::read_der(der, passphrase),
        Input::Text(t) => t,
    };
    let armored = || -> Result<Armor> { armor::parse(text) };
    match format {
        Format::Pkcs1 => {
            let a = armored()?;
            match a.label.as_str() {
                "EC PRIVATE KEY" => sec1::read(&a, passphrase),
                "DSA PRIVATE KEY" => dsa::read(&a, passphrase),
                _ => pkcs1::read(&a, passphrase),
            }
        }
        Format::Pkcs8 => pkcs8::read(&armored()?, passphrase),
        Format::OpenSsh => openssh::read(&armored()?, passphrase),
        Format::Ppk2 | Format::Ppk3 => ppk::read(text.trim_start(), passphrase),
        Format::SshCom => sshcom::read(&armored()?, passphrase),
        Format::Rfc4716Public => public::read_rfc4716(&armored()?),
        Format::Pkcs1Public => pkcs1::read_public(&armored()?),
        Format::SpkiPublic => public::read_spki(&armored()?.data),
        Format::OpenSshPublic | Format::OpenSshCertificate => public::read_openssh_line(text),
        Format::X509Certificate | Format::Pgp | Format::Unknown => Err(not_a_key(format, text)),
    }
}
