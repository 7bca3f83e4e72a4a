//! Repairs keys mangled on their way through web forms, chat tools, JSON and terminals: line ends, eaten or
//! escaped line breaks, indentation, quotes, byte-order marks, odd wrapping, missing final newline.
//!
//! Repairs never touch the key's bytes: they rebuild the text around the same base64, so a repaired key has the
//! same fingerprint as the original. Each repair is reported by a stable code.

use crate::armor;
use crate::asn1;
use crate::text::{PEM_WIDTH, SSH_WIDTH};
use zeroize::Zeroizing;

/// One kind of repair, reported by its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repair {
    /// A UTF-8 byte-order mark was removed.
    ByteOrderMark,
    /// Quotes around the whole key were removed.
    Quotes,
    /// Literal `\n` sequences (JSON, YAML, shell) became line breaks.
    EscapedNewlines,
    /// CRLF or CR line ends became LF.
    LineEnds,
    /// Indentation before the lines was removed.
    Indentation,
    /// Blanks at the end of lines were removed (JSch rejects them inside the base64).
    TrailingBlanks,
    /// Blank lines before or after the key were removed.
    BlankLines,
    /// RFC 1421 headers were rewritten in OpenSSL's exact form (`DEK-Info: AES-128-CBC,<IV>`).
    Headers,
    /// Line breaks eaten by a form or chat (key on one line, or spaces for breaks) were restored.
    LineBreaks,
    /// The base64 was re-wrapped at the format's usual width.
    Wrapping,
    /// The missing final newline was added.
    FinalNewline,
    /// Old Mac line ends (CR alone) became LF: JSch reads no key with them.
    CrLineEnds,
    /// The base64 was on one line between Windows (CRLF) line ends, the one layout of the two that JSch refuses
    /// (either alone it reads); it was re-wrapped.
    CrlfOneLine,
    /// Text around the key block (OpenSSL's `Bag Attributes`, an ASN.1 dump, a licence header, another block
    /// after it) was left out; JSch and OpenSSL read past it.
    SurroundingText,
    /// Another block (a certificate, EC parameters) comes before the key: JSch reads only the first block, so
    /// the key was taken out of the file.
    BlockBeforeKey,
    /// The BEGIN/END label named another structure than the one inside (a PKCS#8 key under
    /// `RSA PRIVATE KEY`, edited by hand): the label was set to what the body is.
    Label,
}

impl Repair {
    /// The stable code, as listed in README.
    pub fn code(self) -> &'static str {
        match self {
            Repair::ByteOrderMark => "byte-order-mark",
            Repair::Quotes => "quotes",
            Repair::EscapedNewlines => "escaped-newlines",
            Repair::LineEnds => "line-ends",
            Repair::Indentation => "indentation",
            Repair::TrailingBlanks => "trailing-blanks",
            Repair::BlankLines => "blank-lines",
            Repair::Headers => "headers",
            Repair::LineBreaks => "line-breaks",
            Repair::Wrapping => "wrapping",
            Repair::FinalNewline => "final-newline",
            Repair::CrLineEnds => "cr-line-ends",
            Repair::CrlfOneLine => "crlf-one-line",
            Repair::SurroundingText => "surrounding-text",
            Repair::BlockBeforeKey => "block-before-key",
            Repair::Label => "label",
        }
    }

    /// Whether the original text would fail in a strict reader (JSch, the library family on Jira's side, or
    /// ssh-keygen), as opposed to a cosmetic difference that JSch and OpenSSL read anyway (checked with
    /// tests/tools/jsch-check.sh: CRLF, blank lines around the key, a missing final newline, 76-column base64).
    pub fn is_structural(self) -> bool {
        !matches!(
            self,
            Repair::LineEnds
                | Repair::BlankLines
                | Repair::FinalNewline
                | Repair::Wrapping
                | Repair::SurroundingText
        )
    }

    /// A plain-language description.
    pub fn describe(self) -> &'static str {
        match self {
            Repair::ByteOrderMark => "removed an invisible byte-order mark at the start",
            Repair::Quotes => "removed quotes around the key",
            Repair::EscapedNewlines => "turned literal \\n sequences back into line breaks",
            Repair::LineEnds => "converted Windows (CRLF) line ends to LF",
            Repair::CrLineEnds => "converted old Mac (CR) line ends, which Jira cannot read, to LF",
            Repair::CrlfOneLine => {
                "split the base64, which was on one line with Windows line ends (Jira refuses that pair)"
            }
            Repair::SurroundingText => "left out the text around the key block",
            Repair::BlockBeforeKey => {
                "took the key out of the file: another block (a certificate?) comes first, and Jira reads only the first"
            }
            Repair::Label => "set the BEGIN/END label to the kind of key inside",
            Repair::Indentation => "removed indentation before the lines",
            Repair::TrailingBlanks => "removed blanks at the ends of lines",
            Repair::BlankLines => "removed blank lines around the key",
            Repair::Headers => "rewrote the encryption headers in OpenSSL's exact form",
            Repair::LineBreaks => {
                "restored the line breaks that were lost (key pasted on one line)"
            }
            Repair::Wrapping => "re-wrapped the base64 lines at the usual width",
            Repair::FinalNewline => "added the missing newline at the end",
        }
    }
}

/// Text after repair, with what was repaired.
pub(crate) struct Repaired {
    /// The clean text: LF line ends, canonical wrapping, final newline.
    pub text: Zeroizing<String>,
    /// What was repaired, in order; empty when the text was already clean.
    pub repairs: Vec<Repair>,
}

fn note(repairs: &mut Vec<Repair>, r: Repair) {
    if !repairs.contains(&r) {
        repairs.push(r);
    }
}

/// The base64 width the reference tool of an armoured format writes.
fn width_for(label: &str) -> usize {
    match label {
        "OPENSSH PRIVATE KEY" => SSH_WIDTH,
        l if l.starts_with("SSH2 ") => SSH_WIDTH,
        _ => PEM_WIDTH,
    }
}

/// Repairs `input`; returns it unchanged (with no repairs) when it is already clean.
pub(crate) fn repair(input: &str) -> Repaired {
    let mut repairs = Vec::new();
    let mut text: &str = input;
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        note(&mut repairs, Repair::ByteOrderMark);
        text = rest;
    }
    let mut s = Zeroizing::new(text.to_string());
    let trimmed = s.trim();
    for q in ['"', '\'', '`'] {
        if trimmed.len() >= 2 && trimmed.starts_with(q) && trimmed.ends_with(q) {
            note(&mut repairs, Repair::Quotes);
            s = Zeroizing::new(trimmed.trim_matches(q).to_string());
            break;
        }
    }
    // Only a text with no real line break is an escaped one: a PuTTY comment may hold `C:\new`.
    let one_line = !s.trim().contains(['\n', '\r']);
    if one_line && s.contains("\\n") && (s.contains("-----") || s.contains("PuTTY-User-Key-File")) {
        note(&mut repairs, Repair::EscapedNewlines);
        // JSON writers also escape slashes (PHP's json_encode), which base64 is full of.
        s = Zeroizing::new(
            s.replace("\\r\\n", "\n")
                .replace("\\n", "\n")
                .replace("\\/", "/"),
        );
    }
    let crlf = s.contains("\r\n");
    if s.contains('\r') {
        note(
            &mut repairs,
            if crlf {
                Repair::LineEnds
            } else {
                Repair::CrLineEnds
            },
        );
        s = Zeroizing::new(s.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if let Some(key) = key_block(&s, &mut repairs) {
        s = key;
    }
    let mut out = Zeroizing::new(String::with_capacity(s.len() + 8));
    let content: Vec<&str> = s.lines().collect();
    let first = content.iter().position(|l| !l.trim().is_empty());
    let last = content.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return Repaired {
            text: Zeroizing::new(input.to_string()),
            repairs: Vec::new(),
        };
    };
    if first > 0 || last + 1 < content.len() {
        note(&mut repairs, Repair::BlankLines);
    }
    for line in &content[first..=last] {
        if line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            note(&mut repairs, Repair::Indentation);
        }
        if line.ends_with([' ', '\t']) {
            note(&mut repairs, Repair::TrailingBlanks);
        }
        let line = line.trim();
        let canonical = canonical_header(line);
        if canonical.as_deref().is_some_and(|c| c != line) {
            note(&mut repairs, Repair::Headers);
        }
        out.push_str(canonical.as_deref().unwrap_or(line));
        out.push('\n');
    }
    if !s.ends_with('\n') && !repairs.contains(&Repair::LineEnds) {
        note(&mut repairs, Repair::FinalNewline);
    }
    if crlf && one_line_body(&out) {
        note(&mut repairs, Repair::CrlfOneLine);
    }
    let relabelled = relabel(&out, &mut repairs);
    let out = relabelled.unwrap_or(out);
    let rebuilt = rebuild_armor(&out, &mut repairs);
    let text = rebuilt.unwrap_or(out);
    if repairs.is_empty() {
        return Repaired {
            text: Zeroizing::new(input.to_string()),
            repairs,
        };
    }
    Repaired { text, repairs }
}

/// The exact form OpenSSL writes (and JSch requires) of a legacy PEM header line, if `line` is one.
/// The key block of a text that holds more than the key: the first block labelled as a private or public key,
/// without the text and blocks around it (noted as cosmetic when the key is the first block, as JSch reads such
/// a file, and as structural when another block comes first). `None` when there is nothing around the key, or
/// no key block.
fn key_block(text: &str, repairs: &mut Vec<Repair>) -> Option<Zeroizing<String>> {
    let mut rest = text;
    let mut blocks_before = 0;
    loop {
        let block = armor::find_block(rest)?;
        let is_key = block.label.ends_with("PRIVATE KEY") || block.label.ends_with("PUBLIC KEY");
        if !is_key {
            blocks_before += 1;
            rest = block.after;
            continue;
        }
        let before = &text[..text.len() - rest.len() + block.before.len()];
        if before.trim().is_empty() && block.after.trim().is_empty() {
            return None;
        }
        note(
            repairs,
            if blocks_before > 0 {
                Repair::BlockBeforeKey
            } else {
                Repair::SurroundingText
            },
        );
        let (open, close) = if block.secsh {
            ("---- ", " ----")
        } else {
            ("-----", "-----")
        };
        let mut key = Zeroizing::new(String::with_capacity(block.inner.len() + 80));
        key.push_str(&format!("{open}BEGIN {}{close}", block.label));
        key.push_str(block.inner);
        key.push_str(&format!("{open}END {}{close}\n", block.label));
        return Some(key);
    }
}

/// Whether a block's base64 is all on one line (the layout JSch refuses with CRLF line ends).
fn one_line_body(text: &str) -> bool {
    armor::find_block(text).is_some_and(|b| {
        b.inner
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.contains(':'))
            .count()
            == 1
    })
}

/// The text with its PEM label set to the structure its body holds, when the two differ (a PKCS#8 key under
/// `RSA PRIVATE KEY`, an SPKI under `RSA PUBLIC KEY`...); `None` when they agree, the body is encrypted with
/// legacy headers, or it cannot be decoded.
fn relabel(text: &str, repairs: &mut Vec<Repair>) -> Option<Zeroizing<String>> {
    let block = armor::find_block(text)?;
    if block.secsh || block.inner.contains(':') || !asn1::PEM_DER_LABELS.contains(&block.label) {
        return None;
    }
    let b64: Zeroizing<String> = Zeroizing::new(block.inner.split_whitespace().collect());
    let der = armor::decode_base64(&b64).ok()?;
    let label = asn1::pem_label_of(&der)?;
    if label == block.label {
        return None;
    }
    note(repairs, Repair::Label);
    Some(Zeroizing::new(
        text.replacen(
            &format!("-----BEGIN {}-----", block.label),
            &format!("-----BEGIN {label}-----"),
            1,
        )
        .replacen(
            &format!("-----END {}-----", block.label),
            &format!("-----END {label}-----"),
            1,
        ),
    ))
}

fn canonical_header(line: &str) -> Option<String> {
    let (name, value) = line.split_once(':')?;
    let value: String = value.split_whitespace().collect();
    match name.trim().to_ascii_lowercase().as_str() {
        "proc-type" if value.eq_ignore_ascii_case("4,ENCRYPTED") => {
            Some("Proc-Type: 4,ENCRYPTED".into())
        }
        "dek-info" => {
            let (cipher, iv) = value.split_once(',')?;
            Some(format!(
                "DEK-Info: {},{}",
                cipher.to_ascii_uppercase(),
                iv.to_ascii_uppercase()
            ))
        }
        _ => None,
    }
}

/// Re-lays an armoured block whose line breaks were lost or whose wrapping is odd, through
/// [`armor::layout`]: BEGIN line, headers, blank line (only after RFC 1421 headers), base64 at the format's
/// width, END line. `None` when the text is not a single armoured block or already canonical. A SECSH block
/// (RFC 4716 public key, ssh.com private key) is rebuilt only when its line breaks were lost: in other
/// wrappings the tools read it as it is.
fn rebuild_armor(text: &str, repairs: &mut Vec<Repair>) -> Option<Zeroizing<String>> {
    let block = armor::find_block(text)?;
    if !block.before.trim().is_empty() || !block.after.trim().is_empty() {
        return None;
    }
    let inner = block.inner;
    let (headers, body) = if block.secsh {
        secsh_headers(inner)?
    } else {
        pem_headers(inner)?
    };
    let header_refs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let width = width_for(block.label);
    let canonical = armor::layout(block.label, block.secsh, &header_refs, &body, width);
    if text == canonical.as_str() {
        return None;
    }
    // Header lines, and the continuation lines of a SECSH header that ends in `\`, are not base64.
    let mut continued = false;
    let mut body_lines = inner.lines().filter(|l| {
        let header = continued || l.contains(':');
        continued = header && l.trim_end().ends_with('\\');
        !l.trim().is_empty() && !header
    });
    let header_block: String = headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    let one_line = !inner.starts_with('\n')
        || !inner.ends_with('\n')
        || body_lines.any(|l| l.trim().contains(char::is_whitespace))
        || (!headers.is_empty() && !block.secsh && !inner.contains(&format!("{header_block}\n")));
    if block.secsh && !one_line {
        return None;
    }
    note(
        repairs,
        if one_line {
            Repair::LineBreaks
        } else {
            Repair::Wrapping
        },
    );
    Some(canonical)
}

/// A block's headers (name, value) and its base64, blanks squeezed out.
type Split = (Vec<(&'static str, String)>, Zeroizing<String>);

/// The headers a PEM block's text holds: only legacy encryption's RFC 1421 headers, whose values have known
/// shapes (`4,ENCRYPTED`, `<cipher>,<IV hex>`), so they are found even with no separator left at all; and the
/// base64 after them. `None` for other headers (a `Comment:`, say): such a block is not ours to re-lay.
fn pem_headers(inner: &str) -> Option<Split> {
    let foreign = |l: &str| {
        l.split_once(':').is_some_and(|(name, _)| {
            !matches!(
                name.trim().to_ascii_lowercase().as_str(),
                "proc-type" | "dek-info"
            )
        })
    };
    if inner.lines().any(foreign) {
        return None;
    }
    // Squeeze out every blank, then split off the headers.
    let compact: Zeroizing<String> = Zeroizing::new(inner.split_whitespace().collect());
    let mut headers = Vec::new();
    let mut rest = compact.as_str();
    if let Some(r) = rest.strip_prefix("Proc-Type:") {
        rest = r.strip_prefix("4,ENCRYPTED")?;
        headers.push(("Proc-Type", "4,ENCRYPTED".to_string()));
        if let Some(r) = rest.strip_prefix("DEK-Info:") {
            let (cipher, r) = r.split_once(',')?;
            let iv_hex_len = if cipher.to_ascii_uppercase().starts_with("DES") {
                16
            } else {
                32
            };
            let iv = r.get(..iv_hex_len)?;
            headers.push(("DEK-Info", format!("{cipher},{iv}")));
            rest = &r[iv_hex_len..];
        }
    }
    Some((headers, Zeroizing::new(rest.to_string())))
}

/// The headers of a SECSH block's text (`Comment: "..."`, RFC 4716 §3.3), each a name and a colon, then a quoted
/// value or one word; and the base64 after them, blanks squeezed out. Base64 holds no colon, so the headers end
/// where the base64 begins. `None`, the text left as it is, for a header other than `Comment`, a quote left open,
/// or a `\` in a value (a continued line or an escape): not ours to re-lay.
fn secsh_headers(inner: &str) -> Option<Split> {
    let mut headers = Vec::new();
    let mut rest = inner.trim_start();
    while let Some((name, after)) = rest.split_once(':') {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            break;
        }
        let after = after.trim_start();
        let value_len = match after.strip_prefix('"') {
            Some(quoted) => quoted.find('"')? + 2,
            None => after.find(char::is_whitespace).unwrap_or(after.len()),
        };
        let value = &after[..value_len];
        if value.contains('\\') {
            return None;
        }
        // SECSH header names are case-insensitive; the tools write `Comment`.
        let name = if name.eq_ignore_ascii_case("Comment") {
            "Comment"
        } else {
            return None;
        };
        headers.push((name, value.to_string()));
        rest = after[value_len..].trim_start();
    }
    Some((headers, Zeroizing::new(rest.split_whitespace().collect())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM: &str = "-----BEGIN RSA PRIVATE KEY-----\nAAAABBBB\n-----END RSA PRIVATE KEY-----\n";

    fn codes(r: &Repaired) -> Vec<&'static str> {
        r.repairs.iter().map(|r| r.code()).collect()
    }

    #[test]
    fn clean_text_is_untouched() {
        let r = repair("-----BEGIN X-----\nAAAA\n-----END X-----\n");
        assert!(r.repairs.is_empty());
    }

    #[test]
    fn one_line_paste_is_rebuilt() {
        let r = repair("-----BEGIN RSA PRIVATE KEY----- AAAA BBBB -----END RSA PRIVATE KEY-----");
        assert_eq!(codes(&r), ["final-newline", "line-breaks"]);
        assert_eq!(
            r.text.as_str(),
            "-----BEGIN RSA PRIVATE KEY-----\nAAAABBBB\n-----END RSA PRIVATE KEY-----\n"
        );
    }

    #[test]
    fn escaped_quoted_crlf_and_indented() {
        let r = repair(
            "\"-----BEGIN RSA PRIVATE KEY-----\\nAAAABBBB\\n-----END RSA PRIVATE KEY-----\\n\"",
        );
        assert_eq!(codes(&r), ["quotes", "escaped-newlines"]);
        assert_eq!(r.text.as_str(), PEM);
        // CRLF alone is cosmetic for JSch; with the base64 on one line it is not; CR alone never is.
        let two_lines =
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\nBBBB\n-----END RSA PRIVATE KEY-----\n";
        let r = repair(&two_lines.replace('\n', "\r\n"));
        assert_eq!(codes(&r), ["line-ends", "wrapping"]);
        let r = repair(&PEM.replace('\n', "\r\n"));
        assert_eq!(codes(&r), ["line-ends", "crlf-one-line"]);
        assert!(r.repairs.iter().any(|r| r.is_structural()));
        let r = repair(&PEM.replace('\n', "\r"));
        assert_eq!(codes(&r), ["cr-line-ends"]);
        assert!(r.repairs[0].is_structural());
        let r = repair(
            &PEM.lines()
                .map(|l| format!("    {l}\n"))
                .collect::<String>(),
        );
        assert_eq!(codes(&r), ["indentation"]);
        let r = repair("-----BEGIN X-----\nAAAA\nBBBB\n-----END X-----\n");
        assert_eq!(codes(&r), ["wrapping"]);
    }

    #[test]
    fn headers_survive_a_one_line_paste() {
        let r = repair(
            "-----BEGIN RSA PRIVATE KEY----- Proc-Type: 4,ENCRYPTED DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF AAAA -----END RSA PRIVATE KEY-----",
        );
        assert_eq!(
            r.text.as_str(),
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"
        );
    }

    #[test]
    fn real_line_breaks_keep_literal_backslash_n() {
        // A PuTTY comment may hold a Windows path; the text has real line breaks, so nothing is unescaped.
        let ppk = "PuTTY-User-Key-File-3: ssh-ed25519\nComment: C:\\Users\\nick\\id\n";
        assert!(repair(ppk).repairs.is_empty());
    }

    #[test]
    fn headers_are_rewritten_in_openssl_form_and_others_left_alone() {
        let r = repair("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: aes-128-cbc,00ff\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assert_eq!(codes(&r), ["headers"]);
        assert!(r.text.contains("\nDEK-Info: AES-128-CBC,00FF\n\n"));
        let commented = "-----BEGIN RSA PRIVATE KEY-----\nComment: hello\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert!(repair(commented).repairs.is_empty());
    }

    #[test]
    fn one_line_secsh_pastes_are_rebuilt() {
        // ssh-keygen's RFC 4716 export and puttygen's ssh.com private key, each pasted on one line.
        for (file, original) in [
            (
                "rsa2048-rfc4716.pub",
                include_str!("../tests/corpus/keys/rsa2048-rfc4716.pub"),
            ),
            (
                "rsa2048-sshcom.key",
                include_str!("../tests/corpus/keys/rsa2048-sshcom.key"),
            ),
        ] {
            assert!(repair(original).repairs.is_empty(), "{file}");
            let one_line = original.lines().collect::<Vec<_>>().join(" ");
            let r = repair(&one_line);
            assert_eq!(codes(&r), ["final-newline", "line-breaks"], "{file}");
            assert_eq!(r.text.as_str(), original, "{file}");
        }
    }

    #[test]
    fn secsh_blocks_in_other_wrappings_are_left_alone() {
        let original = include_str!("../tests/corpus/keys/rsa2048-rfc4716.pub");
        let body: String = original
            .lines()
            .filter(|l| !l.contains("----") && !l.contains(':'))
            .collect();
        let rewrapped = format!(
            "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"x\"\n{}\n{}\n---- END SSH2 PUBLIC KEY ----\n",
            &body[..64],
            &body[64..]
        );
        assert!(repair(&rewrapped).repairs.is_empty());
    }

    #[test]
    fn the_key_block_is_taken_out_of_the_text_around_it() {
        let cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        let around = format!("Bag Attributes\n    localKeyID: 01 02\n{PEM}{cert}");
        let r = repair(&around);
        assert_eq!(codes(&r), ["surrounding-text"]);
        assert!(!r.repairs[0].is_structural());
        assert_eq!(r.text.as_str(), PEM);
        let r = repair(&format!("{cert}{PEM}"));
        assert_eq!(codes(&r), ["block-before-key"]);
        assert!(r.repairs[0].is_structural());
        assert_eq!(r.text.as_str(), PEM);
        // A certificate alone stays as it is: it is not a key.
        assert!(repair(cert).repairs.is_empty());
    }

    #[test]
    fn a_label_is_set_to_the_structure_inside() {
        // `openssl genpkey -algorithm ed25519`, a PKCS#8 body, under an edited label.
        let p8 = "MC4CAQAwBQYDK2VwBCIEIH3Xv260QJikD0oXceuVlrj/aOhG9f8LQ2lghrlnslo8";
        let r = repair(&format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{p8}\n-----END RSA PRIVATE KEY-----\n"
        ));
        assert_eq!(codes(&r), ["label"]);
        assert_eq!(
            r.text.as_str(),
            format!("-----BEGIN PRIVATE KEY-----\n{p8}\n-----END PRIVATE KEY-----\n")
        );
        let r = repair(&format!(
            "-----BEGIN PRIVATE KEY-----\n{p8}\n-----END PRIVATE KEY-----\n"
        ));
        assert!(r.repairs.is_empty());
    }

    #[test]
    fn secsh_comment_continuations_are_not_base64() {
        // RFC 4716 §3.3.2: a header line ending in a backslash continues on the next line (mscdex/ssh2's
        // rfc4716_rsa3.pub has one): that line is no one-line paste to rebuild.
        let text = "---- BEGIN SSH2 PUBLIC KEY ----\nComment: a long \\\nmulti-line comment\nAAAA\nBBBB\n---- END SSH2 PUBLIC KEY ----\n";
        assert!(
            repair(text).repairs.is_empty(),
            "{:?}",
            codes(&repair(text))
        );
    }

    #[test]
    fn bom_is_removed() {
        let r = repair(&format!("\u{feff}{PEM}"));
        assert_eq!(r.repairs[0], Repair::ByteOrderMark);
    }
}
