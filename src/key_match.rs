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

/// The other side, once read.
enum Other {
    /// A public key; `true` when it came from a private key.
    Key(PublicKey, bool),
    /// A fingerprint.
    Fingerprint(Fingerprint),
    /// No answer possible: kind, code, message.
    Refused(OtherKind, &'static str, String),
}

const SAME: &str = "Same key: what you pasted belongs to this key.";
const DIFFERENT: &str =
    "Different keys: what you pasted belongs to another key. Add this key's public key on \
     the git host, or give Jira the private key of the key the git host has.";
const CASE_CHANGED: &str = "Different fingerprints: they agree only if upper and lower case are ignored, and \
     SHA256 fingerprints are case-sensitive. Copy the fingerprint again exactly as the git host shows it.";
const PRIVATE_NOTE: &str =
    " But what you pasted to compare is a PRIVATE key: the git host needs only the \
     public key; never paste the private key there.";
const WRONG_PASSPHRASE_NOTE: &str =
    " (Compared by the public key the file shows in the clear: the passphrase \
     entered does not unlock the key; check it before you give it to Jira.)";
const PASTE_OTHER: &str =
    "Paste the public key (ssh-rsa AAAA...) or the fingerprint the git host shows (SHA256:... or aa:bb:...).";

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
    let no_answer = |code, message: String, key_fingerprint| KeyMatch {
        matches: None,
        other_kind,
        code,
        message,
        key_fingerprint,
    };
    let (key, wrong_passphrase) = match read_key(input, passphrase) {
        Ok(read) => read,
        Err((code, message)) => return no_answer(code, message, None),
    };
    let key_fingerprint = Some(if other_kind == OtherKind::FingerprintMd5 {
        key.fingerprint_md5()
    } else {
        key.fingerprint_sha256()
    });
    let blob = key.to_ssh_blob();
    let (same, code, mut message) = match other {
        Other::Refused(_, code, message) => return no_answer(code, message, key_fingerprint),
        Other::Key(other, private) => {
            let same = other.to_ssh_blob() == blob;
            let code = if private {
                "other-is-private-key"
            } else {
                same_or_different(same)
            };
            let mut message = String::from(if same { SAME } else { DIFFERENT });
            if private {
                message.push_str(PRIVATE_NOTE);
            }
            (same, code, message)
        }
        Other::Fingerprint(Fingerprint::Md5(md5)) => {
            let same = Md5::digest(&blob)[..] == md5;
            (same, same_or_different(same), String::new())
        }
        Other::Fingerprint(Fingerprint::Sha256Hex(digest)) => {
            let same = Sha256::digest(&blob)[..] == digest;
            (same, same_or_different(same), String::new())
        }
        Other::Fingerprint(Fingerprint::Sha256Base64(given)) => {
            // Exact comparison: base64 is case-sensitive.
            let own = Base64Unpadded::encode_string(&Sha256::digest(&blob));
            if own == given {
                (true, "same-key", String::new())
            } else if own.eq_ignore_ascii_case(&given) {
                (false, "case-mismatch", CASE_CHANGED.to_string())
            } else {
                (false, "different-key", String::new())
            }
        }
    };
    if message.is_empty() {
        message.push_str(if same { SAME } else { DIFFERENT });
    }
    if wrong_passphrase {
        message.push_str(WRONG_PASSPHRASE_NOTE);
    }
    KeyMatch {
        matches: Some(same),
        other_kind,
        code,
        message,
        key_fingerprint,
    }
}

fn same_or_different(same: bool) -> &'static str {
    if same {
        "same-key"
    } else {
        "different-key"
    }
}

/// Whether `bytes` hold nothing but white space.
fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// The key's public half, and whether a passphrase was given that does not unlock it; or (code, message).
fn read_key(
    input: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<(PublicKey, bool), (&'static str, String)> {
    if limits::check_input_len(input.len()).is_err() {
        return Err((
            "key-too-large",
            "The key is too large: keyfit reads at most 1 MiB. Paste only the key.".into(),
        ));
    }
    if is_blank(input) {
        return Err(("key-empty", "Paste the key to compare first.".into()));
    }
    let parsed = detect::read(input, passphrase)
        .parsed
        .map_err(|err| ("key-unreadable", format!("The key cannot be read. {err}")))?;
    if let Some(public) = parsed.public {
        return Ok((public, parsed.locked == Some(Error::WrongPassphrase)));
    }
    Err(match parsed.locked {
        Some(Error::PassphraseRequired) => (
            "needs-passphrase",
            "This key shows its public half only once unlocked: enter its passphrase to compare it.".into(),
        ),
        Some(Error::WrongPassphrase) => (
            "wrong-passphrase",
            "The passphrase does not unlock the key, so it cannot be compared: check the passphrase (it is \
             case-sensitive)."
                .into(),
        ),
        Some(err) => ("key-unreadable", format!("The key cannot be read. {err}")),
        None => (
            "key-unreadable",
            "The key cannot be read: its public half is missing.".into(),
        ),
    })
}

/// Reads the other side: a key when the checker reads one, else a fingerprint.
fn read_other(other: &[u8]) -> Other {
    let refused = |code, message: &str| Other::Refused(OtherKind::Unknown, code, message.into());
    if limits::check_input_len(other.len()).is_err() {
        return refused(
            "other-too-large",
            "What you pasted to compare is too large: keyfit reads at most 1 MiB. Paste only the public key or the fingerprint.",
        );
    }
    if is_blank(other) {
        return refused("other-empty", PASTE_OTHER);
    }
    let reading = detect::read(other, None);
    let key_error = match reading.parsed {
        Ok(parsed) => {
            let private = !parsed.public_only;
            return match parsed.public {
                Some(public) => Other::Key(public, private),
                None => Other::Refused(
                    OtherKind::PublicKey,
                    "other-is-private-key",
                    "What you pasted to compare is a locked private key whose public half needs the passphrase. \
                     Paste its public key or the fingerprint the git host shows instead; never paste a private \
                     key into the git host."
                        .into(),
                ),
            };
        }
        Err(err) => err,
    };
    let text = core::str::from_utf8(other).unwrap_or_default();
    match fingerprint::find(text) {
        Found::Whole(fp) => Other::Fingerprint(fp),
        Found::Incomplete(sha) => Other::Refused(
            fingerprint_kind(sha),
            "fingerprint-incomplete",
            "The fingerprint is cut short: copy all of it (SHA256: and 43 characters, or 16 pairs of hex digits for MD5).".into(),
        ),
        Found::Malformed(sha) => Other::Refused(
            fingerprint_kind(sha),
            "other-unreadable",
            "This is not a whole fingerprint: copy it again exactly as the git host shows it.".into(),
        ),
        // A key of a known format that does not read: say what is wrong with it.
        Found::Nothing if reading.format != crate::Format::Unknown => Other::Refused(
            OtherKind::Unknown,
            "other-unreadable",
            format!("What you pasted to compare cannot be read. {key_error}"),
        ),
        Found::Nothing => refused("other-unreadable", PASTE_OTHER),
    }
}

fn fingerprint_kind(sha: bool) -> OtherKind {
    if sha {
        OtherKind::FingerprintSha256
    } else {
        OtherKind::FingerprintMd5
    }
}
