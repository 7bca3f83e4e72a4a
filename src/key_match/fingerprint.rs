//! Reading a key fingerprint as git hosts and tools spell it. Hand-written (a few dozen lines over `text`'s hex):
//! no crate reads these spellings, and a pattern crate would cost the page more than this does.
//!
//! SHA-256 (the digest of the key's OpenSSH wire blob, as
//! [`ssh-keygen -l`](https://man.openbsd.org/ssh-keygen#l) prints it):
//! - `SHA256:<43 base64 characters>`: ssh-keygen, GitHub's and GitLab's SSH key pages, GitLab's API
//!   `fingerprint_sha256` (<https://docs.gitlab.com/api/keys/>), Bitbucket's documentation
//!   (<https://support.atlassian.com/bitbucket-cloud/docs/configure-ssh-and-two-step-verification/>);
//! - the same without `SHA256:`: Bitbucket Data Center's REST `SimpleSshKeyFingerprint` (the algorithm and the
//!   value in separate fields, as remembered), and pages that show the prefix apart from the value (reported for GitHub and GitLab in
//!   issue 13; not confirmed from their documentation);
//! - with the base64 padding `=` that `base64` and most libraries add;
//! - inside a whole `ssh-keygen -l` line (`4096 SHA256:... comment (RSA)`), PuTTYgen's "Key fingerprint"
//!   (`ssh-rsa 4096 SHA256:...`), or JSON (`"fingerprint": "SHA256:..."`);
//! - as 64 hex digits, with or without colons (cloud-init's `ci-info` table and tools that print hex).
//!
//! MD5 (the older form):
//! - `aa:bb:...` (16 pairs): GitLab's API `fingerprint`, Bitbucket's documentation (`97:8c:... (RSA)`),
//!   Azure DevOps' SSH public keys page (MD5; Microsoft's SSH page,
//!   <https://learn.microsoft.com/azure/devops/repos/git/use-ssh-keys-to-authenticate>, has users compare it with
//!   `ssh-keygen -l -E md5`, as remembered: the search here did not find that passage), ssh-keygen before 6.8;
//! - `MD5:aa:bb:...`: `ssh-keygen -E md5 -l`, GitLab's SSH key page;
//! - 32 hex digits without colons (`md5sum` of the decoded blob, AWS-style listings).
//!
//! Hex digits and the `SHA256:` / `MD5:` prefixes may be in any case. The base64 of SHA-256 may NOT: base64 is
//! case-sensitive (`a` and `A` are different 6-bit values), so a fingerprint whose letters changed case is
//! another fingerprint, and is never taken for a match.

/// A fingerprint read from text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fingerprint<'a> {
    /// SHA-256 as its 43 characters of unpadded base64, exactly as given (case-sensitive).
    Sha256Base64(&'a str),
    /// SHA-256 given in hex.
    Sha256Hex([u8; 32]),
    /// MD5 given in hex (the first 16 bytes).
    Md5([u8; 32]),
}

/// What the text holds, as far as fingerprints go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Found<'a> {
    /// A whole fingerprint.
    Whole(Fingerprint<'a>),
    /// A fingerprint cut short: `true` for SHA-256, `false` for MD5.
    Incomplete(bool),
    /// A `SHA256:` or `MD5:` prefix followed by something that is no fingerprint: `true` for SHA-256.
    Malformed(bool),
    /// Nothing that looks like a fingerprint.
    Nothing,
}

/// Characters that separate words besides white space: quotes, brackets and punctuation around a fingerprint
/// in JSON, tables and prose. None of them occurs inside a fingerprint.
const SEPARATORS: &[char] = &[
    '"', '\'', '`', ',', ';', '(', ')', '[', ']', '{', '}', '<', '>', '|',
];

/// Length of the base64 of a SHA-256 digest, unpadded.
const SHA256_B64_LEN: usize = 43;

/// Reads the fingerprint in `text`: a SHA-256 one when there is one (GitLab shows MD5 and SHA-256 side by side),
/// else an MD5 one; else what went wrong with the first word that looked like one.
pub(crate) fn find(text: &str) -> Found<'_> {
    let mut words = text
        .split(|c: char| c.is_whitespace() || SEPARATORS.contains(&c))
        .filter(|w| !w.is_empty())
        .peekable();
    let mut best = Found::Nothing;
    while let Some(word) = words.next() {
        let word = word.trim_end_matches('.');
        // `SHA256: abc...`: the prefix on its own, the value in the next word.
        let (prefix, body) = match split_prefix(word) {
            Some((p, "")) => (Some(p), words.peek().copied().unwrap_or("")),
            Some((p, body)) => (Some(p), body),
            None => (None, word),
        };
        match classify(prefix, body) {
            found @ Found::Whole(Fingerprint::Sha256Base64(_) | Fingerprint::Sha256Hex(_)) => {
                return found
            }
            found @ Found::Whole(_) if !matches!(best, Found::Whole(_)) => best = found,
            found @ (Found::Incomplete(_) | Found::Malformed(_)) if best == Found::Nothing => {
                best = found
            }
            _ => {}
        }
    }
    best
}

/// Splits a leading `SHA256:`, `SHA-256:` or `MD5:` (any case) off `word`: `true` for SHA-256.
fn split_prefix(word: &str) -> Option<(bool, &str)> {
    [("sha256:", true), ("sha-256:", true), ("md5:", false)]
        .into_iter()
        .find_map(|(p, sha)| {
            word.get(..p.len())
                .filter(|w| w.eq_ignore_ascii_case(p))
                .map(|_| (sha, &word[p.len()..]))
        })
}

/// Classifies one word, after its prefix (`Some(true)` SHA256, `Some(false)` MD5) if it had one.
fn classify(prefix: Option<bool>, body: &str) -> Found<'_> {
    let b64_len = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
            .then_some(s.len())
    };
    let unpadded = body.strip_suffix('=').unwrap_or(body);
    if prefix != Some(false) && b64_len(unpadded) == Some(SHA256_B64_LEN) {
        return Found::Whole(Fingerprint::Sha256Base64(unpadded));
    }
    if let Some(found) = hex_fingerprint(body, prefix.is_some()) {
        return match (prefix, found) {
            // `MD5:` before a SHA-256 length, or `SHA256:` before an MD5 length: not what it says it is.
            (Some(false), Found::Whole(Fingerprint::Sha256Hex(_))) => Found::Malformed(false),
            (Some(true), Found::Whole(Fingerprint::Md5(_))) => Found::Malformed(true),
            (Some(sha), Found::Incomplete(_)) => Found::Incomplete(sha),
            (_, found) => found,
        };
    }
    match prefix {
        Some(true) if b64_len(unpadded).is_some_and(|n| n > 0 && n < SHA256_B64_LEN) => {
            Found::Incomplete(true)
        }
        Some(sha) => Found::Malformed(sha),
        None => Found::Nothing,
    }
}

/// Reads hex digits (either case), in pairs separated by colons or not at all: 16 bytes are MD5, 32 bytes
/// SHA-256. Fewer digits are a fingerprint cut short (possibly mid-pair) when they come in colon pairs (at
/// least four, or any after a prefix) or after a prefix. `None` when `body` is not such hex.
fn hex_fingerprint(body: &str, prefixed: bool) -> Option<Found<'static>> {
    let mut bytes = [0u8; 32];
    let (mut digits, mut colons, mut in_pair) = (0usize, 0usize, 0usize);
    for c in body.bytes() {
        if c == b':' {
            // A colon only after a whole pair.
            if in_pair != 2 {
                return None;
            }
            (colons, in_pair) = (colons + 1, 0);
            continue;
        }
        let value = char::from(c).to_digit(16)? as u8;
        if digits == 64 || (colons > 0 && in_pair == 2) {
            return None;
        }
        bytes[digits / 2] |= value << (4 * (1 - digits % 2));
        (digits, in_pair) = (digits + 1, in_pair + 1);
    }
    let pairs = colons > 0;
    if digits == 0 || (pairs && colons < 3 && !prefixed) {
        return None;
    }
    Some(match digits {
        32 => Found::Whole(Fingerprint::Md5(bytes)),
        64 => Found::Whole(Fingerprint::Sha256Hex(bytes)),
        _ if !pairs && !prefixed => return None,
        n => Found::Incomplete(n > 32),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const B64: &str = "zvJiiVnfDS6vVYupIpqqkT0M74jQ0TUJmP788d75UWE";
    const MD5: &str = "3c:2a:96:3e:48:2d:3e:92:9a:0b:53:2d:e3:0a:54:6a";

    fn sha() -> Found<'static> {
        Found::Whole(Fingerprint::Sha256Base64(B64))
    }

    fn md5() -> Found<'static> {
        let mut bytes = [0; 32];
        let hex = crate::text::decode_hex(&MD5.replace(':', "")).expect("hex");
        bytes[..16].copy_from_slice(&hex);
        Found::Whole(Fingerprint::Md5(bytes))
    }

    #[test]
    fn reads_every_sha256_spelling() {
        for text in [
            format!("SHA256:{B64}"),
            format!("sha256:{B64}="),
            B64.to_string(),
            format!("{B64}="),
            format!("  SHA256: {B64}\n"),
            format!("4096 SHA256:{B64} me@host (RSA)"),
            format!("ssh-rsa 2048 SHA256:{B64}"),
            format!("{{\"algorithm\":\"SHA256\",\"value\":\"{B64}\"}}"),
            format!("MD5:{MD5} SHA256:{B64}"),
        ] {
            assert_eq!(find(&text), sha(), "{text}");
        }
    }

    #[test]
    fn reads_every_md5_spelling() {
        for text in [
            MD5.to_string(),
            MD5.to_uppercase(),
            format!("MD5:{MD5}"),
            format!("md5:{}", MD5.to_uppercase()),
            MD5.replace(':', ""),
            format!("2048 MD5:{MD5} me@host (RSA)"),
            format!("{MD5} (RSA)"),
            format!("\"fingerprint\": \"{MD5}\","),
        ] {
            assert_eq!(find(&text), md5(), "{text}");
        }
    }

    #[test]
    fn short_wrong_and_missing_fingerprints() {
        assert_eq!(
            find(&format!("SHA256:{}", &B64[..42])),
            Found::Incomplete(true)
        );
        assert_eq!(find(&MD5[..44]), Found::Incomplete(false));
        assert_eq!(find("MD5:3c:2a"), Found::Incomplete(false));
        assert_eq!(find(&format!("MD5:{B64}")), Found::Malformed(false));
        assert_eq!(find("SHA256:not*base64"), Found::Malformed(true));
        assert_eq!(find(&B64[..42]), Found::Nothing);
        assert_eq!(find("hello world 12:30"), Found::Nothing);
        assert_eq!(find("é:é:é:é SHA256:é"), Found::Malformed(true));
        assert_eq!(find(""), Found::Nothing);
    }
}
