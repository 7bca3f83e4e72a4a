//! Text armour: RFC 7468 PEM (`-----BEGIN X-----`) with RFC 1421 headers (`Proc-Type`, `DEK-Info`), and the
//! RFC 4716 / SECSH style (`---- BEGIN SSH2 PUBLIC KEY ----`) with `Comment:` headers and `\` continuations.
//!
//! Hand-written: the `pem-rfc7468` crate rejects headers, which legacy encrypted PEM and RFC 4716 need, and
//! cannot tell a truncated block from a damaged one.

use crate::error::{Error, Result};
use base64ct::{Base64, Encoding};
use zeroize::Zeroizing;

/// One armoured block.
pub(crate) struct Armor {
    /// The label between `BEGIN` and the dashes, e.g. `RSA PRIVATE KEY`.
    pub label: String,
    /// Headers in order, continuation lines joined.
    pub headers: Vec<(String, String)>,
    /// The decoded body.
    pub data: Zeroizing<Vec<u8>>,
}

impl Armor {
    /// The value of a header, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The label of a `BEGIN`/`END` line: PEM's five dashes, or SECSH's four for an `SSH2 ` label.
pub(crate) fn delimiter<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let line = line.trim();
    let dashes = line.len() - line.trim_start_matches('-').len();
    if !(4..=5).contains(&dashes) || !line.ends_with("----") {
        return None;
    }
    let inner = line.trim_matches('-').trim();
    let label = inner.strip_prefix(word)?.strip_prefix(' ')?.trim();
    // SECSH blocks (`---- BEGIN SSH2 ... ----`) have four dashes, PEM blocks five; neither reader takes the other.
    let secsh = dashes == 4;
    if secsh != label.starts_with("SSH2 ") {
        return None;
    }
    Some(label)
}

/// Finds and decodes the first armoured block in `text`.
///
/// # Errors
/// [`Error::NotAKey`] without a BEGIN line, [`Error::Truncated`] without its END line or with short base64,
/// [`Error::Corrupt`] for characters that are not base64.
pub(crate) fn parse(text: &str) -> Result<Armor> {
    let mut lines = text.lines();
    let label = lines
        .by_ref()
        .find_map(|l| delimiter(l, "BEGIN"))
        .ok_or(Error::NotAKey("no BEGIN line"))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut body = Zeroizing::new(String::new());
    let mut continued = false;
    let mut ended = false;
    for line in lines {
        if let Some(end) = delimiter(line, "END") {
            if end != label {
                return Err(Error::Corrupt("the END line does not match the BEGIN line"));
            }
            ended = true;
            break;
        }
        let line = line.trim();
        if continued {
            if let Some((_, v)) = headers.last_mut() {
                v.push_str(line.trim_end_matches('\\'));
            }
            continued = line.ends_with('\\');
        } else if body.is_empty() && line.contains(':') {
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            continued = v.ends_with('\\');
            headers.push((
                k.trim().to_string(),
                v.trim().trim_end_matches('\\').to_string(),
            ));
        } else {
            body.push_str(line);
        }
    }
    if !ended {
        return Err(Error::Truncated);
    }
    let data = decode_base64(&body)?;
    Ok(Armor {
        label: label.to_string(),
        headers,
        data,
    })
}

/// Decodes padded standard base64, telling truncation (bad length) from corruption (bad characters).
///
/// # Errors
/// [`Error::Truncated`] or [`Error::Corrupt`].
pub(crate) fn decode_base64(b64: &str) -> Result<Zeroizing<Vec<u8>>> {
    if !b64
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'=')
    {
        return Err(Error::Corrupt(
            "the key text contains characters that are not base64",
        ));
    }
    if b64.is_empty() {
        return Err(Error::Truncated);
    }
    if b64.len() % 4 != 0 {
        return Err(Error::Truncated);
    }
    Base64::decode_vec(b64)
        .map(Zeroizing::new)
        .map_err(|_| Error::Corrupt("the base64 text is malformed"))
}

/// Wraps base64 of `data` at `width` columns, each line ending in LF.
pub(crate) fn wrap_base64(data: &[u8], width: usize) -> Zeroizing<String> {
    wrap(&Zeroizing::new(Base64::encode_string(data)), width)
}

/// Wraps base64 text at `width` columns, each line ending in LF.
fn wrap(b64: &str, width: usize) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(b64.len() + b64.len() / width + 2));
    for chunk in b64.as_bytes().chunks(width) {
        // Callers pass base64, which is ASCII, so every chunk is valid UTF-8.
        out.push_str(core::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Writes a PEM block with optional RFC 1421 headers (followed by a blank line), base64 at `width` columns.
pub(crate) fn write(
    label: &str,
    headers: &[(&str, &str)],
    data: &[u8],
    width: usize,
) -> Zeroizing<String> {
    let b64 = Zeroizing::new(Base64::encode_string(data));
    layout(label, false, headers, &b64, width)
}

/// Lays out an armoured block around base64 text: the BEGIN line (five dashes, or SECSH's four), the headers
/// (followed by a blank line in a PEM block, as RFC 1421 has it; SECSH has none), the base64 at `width`
/// columns, the END line.
pub(crate) fn layout(
    label: &str,
    secsh: bool,
    headers: &[(&str, &str)],
    b64: &str,
    width: usize,
) -> Zeroizing<String> {
    let (open, close) = if secsh {
        ("---- ", " ----")
    } else {
        ("-----", "-----")
    };
    let body = wrap(b64, width);
    let mut out = Zeroizing::new(String::with_capacity(body.len() + 128));
    out.push_str(&format!("{open}BEGIN {label}{close}\n"));
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\n"));
    }
    if !headers.is_empty() && !secsh {
        out.push('\n');
    }
    out.push_str(&body);
    out.push_str(&format!("{open}END {label}{close}\n"));
    out
}

/// An armoured block found in a text whose line breaks may be lost: the text around and inside the delimiters.
pub(crate) struct Block<'a> {
    /// The label, e.g. `RSA PRIVATE KEY`.
    pub(crate) label: &'a str,
    /// Whether the delimiters are SECSH's four dashes.
    pub(crate) secsh: bool,
    /// The text before the BEGIN delimiter.
    pub(crate) before: &'a str,
    /// The text between the delimiters: headers and base64.
    pub(crate) inner: &'a str,
    /// The text after the END delimiter.
    pub(crate) after: &'a str,
}

/// Finds the first BEGIN delimiter in `text`, wherever it is on its line, and the END delimiter with the same
/// label: the one scanner of damaged text, used by [`crate::repair`]. `None` without both.
pub(crate) fn find_block(text: &str) -> Option<Block<'_>> {
    let pem = text.find("-----BEGIN ");
    let secsh = text.find("---- BEGIN ");
    let (begin, secsh) = match (pem, secsh) {
        (Some(p), Some(s)) if s < p => (s, true),
        (Some(p), _) => (p, false),
        (None, Some(s)) => (s, true),
        (None, None) => return None,
    };
    let (open, close) = if secsh {
        ("---- ", " ----")
    } else {
        ("-----", "-----")
    };
    let after_begin = begin + open.len() + "BEGIN ".len();
    let label_end = after_begin + text[after_begin..].find(close)?;
    let label = text[after_begin..label_end].trim();
    // As for whole lines: SECSH labels start with `SSH2 `, PEM labels do not.
    if secsh != label.starts_with("SSH2 ") {
        return None;
    }
    let end_marker = format!("{open}END {label}{close}");
    let inner_start = label_end + close.len();
    let end = inner_start + text[inner_start..].find(&end_marker)?;
    Some(Block {
        label,
        secsh,
        before: &text[..begin],
        inner: &text[inner_start..end],
        after: &text[end + end_marker.len()..],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_and_body() {
        let text = "junk\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC\n-----END RSA PRIVATE KEY-----\n";
        let a = parse(text).unwrap();
        assert_eq!(a.label, "RSA PRIVATE KEY");
        assert_eq!(a.header("dek-info"), Some("AES-128-CBC,00"));
        assert_eq!(&a.data[..], &[0, 1, 2]);
    }

    #[test]
    fn reads_secsh_continuations() {
        let text = "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"a long \\\ncomment\"\nAAEC\n---- END SSH2 PUBLIC KEY ----\n";
        let a = parse(text).unwrap();
        // Four-dash delimiters hold only `SSH2 ` labels (see `delimiter`).
        assert_eq!(a.label, "SSH2 PUBLIC KEY");
        assert_eq!(a.header("Comment"), Some("\"a long comment\""));
    }

    #[test]
    fn missing_end_is_truncation() {
        assert_eq!(
            parse("-----BEGIN X-----\nAAEC\n").err(),
            Some(Error::Truncated)
        );
        assert_eq!(
            parse("-----BEGIN X-----\nAAE\n-----END X-----").err(),
            Some(Error::Truncated)
        );
        assert_eq!(parse("hello").err().map(|e| e.code()), Some("not-a-key"));
    }

    #[test]
    fn finds_blocks_without_line_breaks() {
        let b = find_block("x -----BEGIN A B----- Q: 1 AAAA -----END A B----- y").unwrap();
        assert_eq!((b.label, b.secsh), ("A B", false));
        assert_eq!((b.before, b.inner, b.after), ("x ", " Q: 1 AAAA ", " y"));
        let b = find_block("---- BEGIN SSH2 PUBLIC KEY ---- AAAA ---- END SSH2 PUBLIC KEY ----")
            .unwrap();
        assert_eq!(
            (b.label, b.secsh, b.inner),
            ("SSH2 PUBLIC KEY", true, " AAAA ")
        );
        assert!(
            find_block("---- BEGIN RSA PRIVATE KEY ---- AAAA ---- END RSA PRIVATE KEY ----")
                .is_none()
        );
        assert!(find_block("-----BEGIN X----- AAAA -----END Y-----").is_none());
    }

    #[test]
    fn lays_out_secsh_without_a_blank_line() {
        let text = layout("SSH2 PUBLIC KEY", true, &[("Comment", "\"c\"")], "AAAA", 70);
        assert_eq!(
            text.as_str(),
            "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"c\"\nAAAA\n---- END SSH2 PUBLIC KEY ----\n"
        );
    }

    #[test]
    fn writes_wrapped_pem() {
        let pem = write("X", &[], &[0u8; 60], 64);
        assert_eq!(pem.lines().nth(1).map(str::len), Some(64));
        assert!(pem.ends_with("-----END X-----\n"));
    }
}
