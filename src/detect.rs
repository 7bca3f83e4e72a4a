//! The one reading pass that both the checker and the converter use: repairs a mangled paste, names the format,
//! and reads the input once with the reader for that format, trying the passphrase once.

use crate::armor::{self, Armor};
use crate::error::{Error, Result};
use crate::format::{dsa, openssh, pkcs1, pkcs8, ppk, public, sec1, ssh1, sshcom};
use crate::limits;
use crate::parsed::{Format, Parsed};
use crate::repair::{self, Repaired};

/// An input: text (pasted, or a text file) or binary DER (a dropped `.der` file).
#[derive(Clone, Copy)]
enum Input<'a> {
    /// Text.
    Text(&'a str),
    /// DER bytes.
    Der(&'a [u8]),
}

impl<'a> Input<'a> {
    /// Classifies dropped bytes: UTF-8 text without NUL bytes is text, anything else binary.
    fn from_bytes(bytes: &'a [u8]) -> Self {
        match core::str::from_utf8(bytes) {
            Ok(text) if !text.contains('\0') => Input::Text(text),
            _ => Input::Der(bytes),
        }
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

/// Which reader takes an input, as its shape tells before anything is decoded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// `RSA PRIVATE KEY`.
    Pkcs1,
    /// `EC PRIVATE KEY`.
    Sec1,
    /// `DSA PRIVATE KEY`.
    Dsa,
    /// `PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`.
    Pkcs8,
    /// DER bytes that start a SEQUENCE.
    Pkcs8Der,
    /// `OPENSSH PRIVATE KEY`.
    OpenSsh,
    /// `PuTTY-User-Key-File-2` / `-3`.
    Ppk(Format),
    /// `SSH2 ENCRYPTED PRIVATE KEY`.
    SshCom,
    /// `SSH2 PUBLIC KEY`.
    Rfc4716,
    /// `RSA PUBLIC KEY`.
    Pkcs1Public,
    /// `PUBLIC KEY`.
    Spki,
    /// `ssh-rsa AAAA...`.
    OpenSshLine,
    /// `ssh-rsa-cert-v01@openssh.com AAAA...`.
    OpenSshCertificate,
    /// An SSH-1 private key file, or its `bits e n` public line.
    Ssh1,
    /// Not a key: a certificate, a PGP block, another PEM block, binary data or text keyfit does not know.
    None(Format),
}

impl Reader {
    /// The format this reader reads.
    fn format(self) -> Format {
        match self {
            Reader::Pkcs1 | Reader::Sec1 | Reader::Dsa => Format::Pkcs1,
            Reader::Pkcs8 | Reader::Pkcs8Der => Format::Pkcs8,
            Reader::OpenSsh => Format::OpenSsh,
            Reader::Ppk(format) | Reader::None(format) => format,
            Reader::SshCom => Format::SshCom,
            Reader::Rfc4716 => Format::Rfc4716Public,
            Reader::Pkcs1Public => Format::Pkcs1Public,
            Reader::Spki => Format::SpkiPublic,
            Reader::OpenSshLine => Format::OpenSshPublic,
            Reader::OpenSshCertificate => Format::OpenSshCertificate,
            Reader::Ssh1 => Format::Ssh1,
        }
    }
}

/// The armour label of the first BEGIN line, if any.
fn begin_label(text: &str) -> Option<&str> {
    text.lines().find_map(|l| armor::delimiter(l, "BEGIN"))
}

/// Picks the reader for `input` from its shape alone, without decoding it.
fn sniff(input: Input<'_>) -> Reader {
    let text = match input {
        Input::Der(der) => {
            return if der.starts_with(ssh1::MAGIC) {
                Reader::Ssh1
            } else if public::is_spki_der(der) {
                Reader::Spki
            } else if der.first() == Some(&0x30) {
                Reader::Pkcs8Der
            } else {
                Reader::None(Format::Unknown)
            }
        }
        Input::Text(t) => t.trim_start(),
    };
    if text.starts_with("PuTTY-User-Key-File-3") {
        return Reader::Ppk(Format::Ppk3);
    }
    if text.starts_with("PuTTY-User-Key-File-") {
        return Reader::Ppk(Format::Ppk2);
    }
    if let Some(label) = begin_label(text) {
        return match label {
            pkcs1::PRIVATE_LABEL => Reader::Pkcs1,
            sec1::LABEL => Reader::Sec1,
            dsa::LABEL => Reader::Dsa,
            pkcs8::PRIVATE_LABEL | pkcs8::ENCRYPTED_LABEL => Reader::Pkcs8,
            openssh::LABEL => Reader::OpenSsh,
            sshcom::LABEL | "SSH2 PRIVATE KEY" => Reader::SshCom,
            public::RFC4716_LABEL => Reader::Rfc4716,
            pkcs1::PUBLIC_LABEL => Reader::Pkcs1Public,
            public::SPKI_LABEL => Reader::Spki,
            "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE" => {
                Reader::None(Format::X509Certificate)
            }
            l if l.starts_with("PGP ") => Reader::None(Format::Pgp),
            _ => Reader::None(Format::Unknown),
        };
    }
    if ssh1::is_public_line(text) {
        return Reader::Ssh1;
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
                Reader::OpenSshCertificate
            } else {
                Reader::OpenSshLine
            };
        }
    }
    Reader::None(Format::Unknown)
}

/// What a non-key input is, in words, for [`Error::NotAKey`].
fn not_a_key(format: Format, input: Input<'_>) -> Error {
    let text = match input {
        Input::Der(_) => return Error::NotAKey("the file is binary data, not a key"),
        Input::Text(text) => text,
    };
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

/// Reads `input` with `reader`, decrypting with `passphrase` when given.
fn read_with(reader: Reader, input: Input<'_>, passphrase: Option<&[u8]>) -> Result<Parsed> {
    let text = match (reader, input) {
        (Reader::None(format), _) => return Err(not_a_key(format, input)),
        (Reader::Ssh1, Input::Der(der)) => return ssh1::read_private(der),
        (Reader::Spki, Input::Der(der)) => return public::read_spki(der),
        (_, Input::Der(der)) => return pkcs8::read_der(der, passphrase),
        (_, Input::Text(text)) => text,
    };
    let armored = || -> Result<Armor> { armor::parse(text) };
    match reader {
        Reader::Pkcs1 => pkcs1::read(&armored()?, passphrase),
        Reader::Sec1 => sec1::read(&armored()?, passphrase),
        Reader::Dsa => dsa::read(&armored()?, passphrase),
        Reader::Pkcs8 | Reader::Pkcs8Der => pkcs8::read(&armored()?, passphrase),
        Reader::OpenSsh => openssh::read(&armored()?, passphrase),
        Reader::Ppk(_) => ppk::read(text.trim_start(), passphrase),
        Reader::SshCom => sshcom::read(&armored()?, passphrase),
        Reader::Rfc4716 => public::read_rfc4716(&armored()?),
        Reader::Pkcs1Public => pkcs1::read_public(&armored()?),
        Reader::Spki => public::read_spki(&armored()?.data),
        Reader::OpenSshLine | Reader::OpenSshCertificate => public::read_openssh_line(text),
        Reader::Ssh1 => ssh1::read_public(text),
        Reader::None(format) => Err(not_a_key(format, input)),
    }
}

/// What one reading of an input found.
pub(crate) struct Reading {
    /// The format, from the input's shape; `Unknown` when not recognised.
    pub(crate) format: Format,
    /// The repair of a mangled paste, when the input was text.
    pub(crate) repaired: Option<Repaired>,
    /// What the reader found (an encrypted key that stayed locked says why in [`Parsed::locked`]), or why the
    /// input could not be read.
    pub(crate) parsed: Result<Parsed>,
}

/// Reads any key given as bytes (text or DER), once: repairs a mangled paste, names the format, and reads it,
/// trying `passphrase` (when given and not empty) on an encrypted key. Caps are checked here (input size) and
/// by [`Parsed::encrypted`] (KDF costs), before any derivation.
pub(crate) fn read(bytes: &[u8], passphrase: Option<&[u8]>) -> Reading {
    if let Err(err) = limits::check_input_len(bytes.len()) {
        return Reading {
            format: Format::Unknown,
            repaired: None,
            parsed: Err(err),
        };
    }
    let passphrase = passphrase.filter(|p| !p.is_empty());
    let original = Input::from_bytes(bytes);
    let repaired = match original {
        Input::Text(text) => Some(repair::repair(text)),
        Input::Der(_) => None,
    };
    let input = repaired.as_ref().map_or(original, |r| Input::Text(&r.text));
    let reader = sniff(input);
    let parsed = read_with(reader, input, passphrase);
    Reading {
        format: reader.format(),
        repaired,
        parsed,
    }
}

/// Reads `bytes` with the reader of `format`, whatever their shape (`Pkcs1` takes the `EC` and `DSA PRIVATE KEY`
/// readers too, by label): the fuzz targets of `fuzz/` drive each reader on its own through this.
#[cfg(fuzzing)]
pub(crate) fn read_as(bytes: &[u8], format: Format, passphrase: Option<&[u8]>) -> Result<Parsed> {
    let input = Input::from_bytes(bytes);
    let reader = match (format, sniff(input)) {
        (Format::Pkcs1, r @ (Reader::Sec1 | Reader::Dsa)) => r,
        (Format::Pkcs1, _) => Reader::Pkcs1,
        (Format::Pkcs8, _) => Reader::Pkcs8,
        (Format::OpenSsh, _) => Reader::OpenSsh,
        (Format::Ppk2 | Format::Ppk3, _) => Reader::Ppk(format),
        (Format::SshCom, _) => Reader::SshCom,
        (Format::Rfc4716Public, _) => Reader::Rfc4716,
        (Format::Pkcs1Public, _) => Reader::Pkcs1Public,
        (Format::SpkiPublic, _) => Reader::Spki,
        (Format::OpenSshPublic, _) => Reader::OpenSshLine,
        (other, _) => Reader::None(other),
    };
    read_with(reader, input, passphrase)
}
