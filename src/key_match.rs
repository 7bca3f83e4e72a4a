//! Does a key belong with what a git host shows? Compares the key given to Jira (any form the checker reads)
//! with a public key or a fingerprint copied from the git host or a tool (see [`fingerprint`] for the spellings).
//!
//! Both sides go through the checker's reading pass (`detect::read`: size cap, repair of mangled pastes, one
//! reader). The key's public half is all that is compared: OpenSSH, PuTTY and public-key forms show it without
//! the passphrase; PKCS#1, PKCS#8 and ssh.com keys need it.

mod fingerprint;

use crate::detect;
use crate::error::Error;
use crate::key::PublicKey;
use crate::limits;
use base64ct::{Base64Unpadded, Encoding};
use fingerprint::{Fingerprint, Found};
use md5::{Digest as _, Md5};
use sha2::Sha256;

/// What the text to compare with turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherKind {
    /// A public key (any form the checker reads), or the public half of a private key pasted by mistake.
    PublicKey,
    /// A SHA-256 fingerprint.
    FingerprintSha256,
    /// An MD5 fingerprint.
    FingerprintMd5,
    /// Nothing keyfit can compare.
    Unknown,
}

impl OtherKind {
    /// `public-key`, `fingerprint-sha256`, `fingerprint-md5` or `unknown`.
    pub fn name(self) -> &'static str {
        match self {
            OtherKind::PublicKey => "public-key",
            OtherKind::FingerprintSha256 => "fingerprint-sha256",
            OtherKind::FingerprintMd5 => "fingerprint-md5",
            OtherKind::Unknown => "unknown",
        }
    }
}

/// The answer of [`match_key`]. No field ever holds key material: only the public key's fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMatch {
    /// `Some(true)`: the same key; `Some(false)`: another key; `None`: no answer (the code says why).
    pub matches: Option<bool>,
    /// What the text to compare with is.
    pub other_kind: OtherKind,
    /// Stable kebab-case reason (listed in README, "Key match codes").
    pub code: &'static str,
    /// The answer in plain words.
    pub message: String,
    /// The key's fingerprint in the kind of the other side (`MD5:aa:bb:...` against an MD5 fingerprint,
    /// `SHA256:...` otherwise), to show side by side; `None` when the key's public half is not known.
    pub key_fingerprint: Option<String>,
}

/// The message of each code, in plain words; a reading error or a note may follow it.
const MESSAGES: [(&str, &str); 13] = [
    ("same-key", "Same key: what you pasted belongs to this key."),
    (
        "different-key",
        "Different keys: what you pasted belongs to another key. Add this key's public key on \
        the git host, or give Jira the private key of the key the git host has.",
    ),
    (
        "case-mismatch",
        "Different fingerprints: they agree only if upper and lower case are ignored, and SHA256 \
        fingerprints are case-sensitive. Copy it again exactly as the git host shows it.",
    ),
    (
        "other-is-private-key",
        "What you pasted to compare is a PRIVATE key: the git host needs only the public \
        key; never paste the private key there.",
    ),
    (
        "needs-passphrase",
        "This key shows its public half only once unlocked: enter its passphrase.",
    ),
    (
        "wrong-passphrase",
        "The passphrase does not unlock the key (it is case-sensitive).",
    ),
    ("key-empty", "Paste the key first."),
    (
        "key-too-large",
        "The key is larger than keyfit reads (1 MiB): paste only the key.",
    ),
    ("key-unreadable", "The key cannot be read."),
    (
        "other-empty",
        "Paste the public key (ssh-rsa AAAA...) or the fingerprint the git host shows (SHA256:... \
        or aa:bb:...).",
    ),
    (
        "other-too-large",
        "What you pasted to compare is larger than keyfit reads (1 MiB): paste only the public \
        key or the fingerprint.",
    ),
    (
        "other-unreadable",
        "What you pasted to compare is neither a public key nor a whole fingerprint.",
    ),
    (
        "fingerprint-incomplete",
        "The fingerprint is cut short: copy all of it (SHA256: and 43 characters, or 16 \
        pairs of hex digits for MD5).",
    ),
];

/// Said after a match made by the public half a locked key shows in the clear, when the passphrase given is wrong.
const WRONG_PASSPHRASE_NOTE: &str =
    " (By the public key the file shows in the clear: the passphrase entered \
    does not unlock the key; check it before you give it to Jira.)";

/// The message of `code`, then `more`.
fn message(code: &str, more: &str) -> String {
    let head = MESSAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, m)| m);
    [head, more].concat()
}

/// What one side shows once read: its public key, whether the file holds a private key, why it stayed locked.
struct Side {
    public: Option<PublicKey>,
    private: bool,
    locked: Option<Error>,
}

/// Reads one side with the checker's reading pass; an error says why it cannot be read.
fn read_side(bytes: &[u8], passphrase: Option<&[u8]>) -> Result<Side, Error> {
    let parsed = detect::read(bytes, passphrase).parsed?;
    Ok(Side {
        public: parsed.public,
        private: !parsed.public_only,
        locked: parsed.locked,
    })
}

/// The other side, once read.
enum Other<'a> {
    /// A public key; `true` when it came from a private key.
    Key(PublicKey, bool),
    /// A fingerprint.
    Fingerprint(Fingerprint<'a>),
    /// No answer possible: kind, code, what follows the code's message.
    Refused(OtherKind, &'static str, String),
}

/// Compares the key in `input` (text or DER, as [`crate::inspect`] takes; unlocked with `passphrase` when its
/// public half is not in the clear) with `other`: a public key, or a fingerprint as git hosts and tools show it.
/// Never fails: a side that cannot be read gives `matches: None` and a code.
///
/// # Examples
/// ```
/// let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBXDXcBhPGr7CS1+kKvIAeH4Kmt9GmHbdcZWgwQqUE6o me@host\n";
/// let fp = keyfit::inspect(line.as_bytes(), None).fingerprint_sha256.unwrap();
/// let m = keyfit::match_key(line.as_bytes(), None, format!("256 {fp} me@host (ED25519)").as_bytes());
/// assert_eq!((m.matches, m.code), (Some(true), "same-key"));
/// let m = keyfit::match_key(line.as_bytes(), None, fp.to_lowercase().as_bytes());
/// assert_eq!((m.matches, m.code), (Some(false), "case-mismatch"));
/// ```
pub fn match_key(input: &[u8], passphrase: Option<&[u8]>, other: &[u8]) -> KeyMatch {
    let other = read_other(other);
    let other_kind = match &other {
        Other::Key(..) => OtherKind::PublicKey,
        Other::Fingerprint(Fingerprint::Md5(_)) => OtherKind::FingerprintMd5,
        Other::Fingerprint(_) => OtherKind::FingerprintSha256,
        Other::Refused(kind, ..) => *kind,
    };
    let answer = |matches, code, more: &str, key_fingerprint| KeyMatch {
        matches,
        other_kind,
        code,
        message: message(code, more),
        key_fingerprint,
    };
    let (key, wrong_passphrase) = match read_key(input, passphrase) {
        Ok(read) => read,
        Err((code, more)) => return answer(None, code, &more, None),
    };
    let key_fingerprint = Some(if other_kind == OtherKind::FingerprintMd5 {
        key.fingerprint_md5()
    } else {
        key.fingerprint_sha256()
    });
    let blob = key.to_ssh_blob();
    let sha256 = Sha256::digest(&blob);
    let (same, case_changed, private) = match other {
        Other::Refused(_, code, more) => return answer(None, code, &more, key_fingerprint),
        Other::Key(other, private) => (other.to_ssh_blob() == blob, false, private),
        Other::Fingerprint(Fingerprint::Md5(md5)) => {
            (Md5::digest(&blob)[..] == md5[..16], false, false)
        }
        Other::Fingerprint(Fingerprint::Sha256Hex(digest)) => (sha256[..] == digest, false, false),
        Other::Fingerprint(Fingerprint::Sha256Base64(given)) => {
            // Exact comparison: base64 is case-sensitive.
            let own = Base64Unpadded::encode_string(&sha256);
            (
                own == given,
                own != given && own.eq_ignore_ascii_case(given),
                false,
            )
        }
    };
    let verdict = match (same, case_changed) {
        (true, _) => "same-key",
        (false, true) => "case-mismatch",
        (false, false) => "different-key",
    };
    let mut text = message(verdict, "");
    if wrong_passphrase {
        text.push_str(WRONG_PASSPHRASE_NOTE);
    }
    let (code, text) = if private {
        (
            "other-is-private-key",
            message("other-is-private-key", &[" ", &text].concat()),
        )
    } else {
        (verdict, text)
    };
    KeyMatch {
        matches: Some(same),
        other_kind,
        code,
        message: text,
        key_fingerprint,
    }
}

/// Whether `bytes` hold nothing but white space.
fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// The key's public half, and whether a passphrase was given that does not unlock it; or (code, what follows
/// the code's message).
fn read_key(
    input: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<(PublicKey, bool), (&'static str, String)> {
    if limits::check_input_len(input.len()).is_err() {
        return Err(("key-too-large", String::new()));
    }
    if is_blank(input) {
        return Err(("key-empty", String::new()));
    }
    let side = read_side(input, passphrase).map_err(|err| ("key-unreadable", format!(" {err}")))?;
    if let Some(public) = side.public {
        return Ok((public, matches!(side.locked, Some(Error::WrongPassphrase))));
    }
    Err(match side.locked {
        Some(Error::PassphraseRequired) => ("needs-passphrase", String::new()),
        Some(Error::WrongPassphrase) => ("wrong-passphrase", String::new()),
        Some(err) => ("key-unreadable", format!(" {err}")),
        None => ("key-unreadable", String::new()),
    })
}

/// Reads the other side: a key when the checker reads one, else a fingerprint.
fn read_other(other: &[u8]) -> Other<'_> {
    let refused = |kind, code, more: &str| Other::Refused(kind, code, more.into());
    if limits::check_input_len(other.len()).is_err() {
        return refused(OtherKind::Unknown, "other-too-large", "");
    }
    if is_blank(other) {
        return refused(OtherKind::Unknown, "other-empty", "");
    }
    let key_error = match read_side(other, None) {
        Ok(Side {
            public: Some(public),
            private,
            ..
        }) => return Other::Key(public, private),
        Ok(_) => return refused(
            OtherKind::PublicKey,
            "other-is-private-key",
            " It is locked: paste its public key or the fingerprint the git host shows instead.",
        ),
        Err(err) => err,
    };
    let kind = |sha| {
        if sha {
            OtherKind::FingerprintSha256
        } else {
            OtherKind::FingerprintMd5
        }
    };
    match fingerprint::find(core::str::from_utf8(other).unwrap_or_default()) {
        Found::Whole(fp) => Other::Fingerprint(fp),
        Found::Incomplete(sha) => refused(kind(sha), "fingerprint-incomplete", ""),
        Found::Malformed(sha) => refused(kind(sha), "other-unreadable", ""),
        // Say what the reader found wrong: a damaged key, a certificate, no key at all.
        Found::Nothing => Other::Refused(
            OtherKind::Unknown,
            "other-unreadable",
            format!(" {key_error}"),
        ),
    }
}
