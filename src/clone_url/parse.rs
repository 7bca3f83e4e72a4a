//! Reads a cleaned clone URL into its parts, following git's rules (`git help clone`, "GIT URLS"):
//! `scheme://[user[:password]@]host[:port]/path`, and the scp-like `[user@]host:path`, which git takes only when
//! a colon comes before the first slash. Everything is a slice of the input; nothing is decoded.

use super::hosts::HostKind;
use super::text::{has_any, last, number, At};

/// How the URL is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlForm {
    /// `[user@]host:path`, git's scp-like form.
    Scp,
    /// `ssh://[user@]host[:port]/path`.
    Ssh,
    /// `https://...`.
    Https,
    /// `http://...`.
    Http,
    /// `git://...`, the read-only git daemon.
    Git,
    /// None of the above (a local path, a bare host name, text that is no URL).
    Unknown,
}

impl UrlForm {
    /// `scp`, `ssh`, `https`, `http`, `git` or `unknown`.
    pub fn name(self) -> &'static str {
        match self {
            UrlForm::Scp => "scp",
            UrlForm::Ssh => "ssh",
            UrlForm::Https => "https",
            UrlForm::Http => "http",
            UrlForm::Git => "git",
            UrlForm::Unknown => "unknown",
        }
    }
}

/// What the text is, before any judgement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// Nothing was pasted.
    Empty,
    /// `scheme://...` with a scheme git speaks (ssh, https, http, git).
    Url,
    /// `[user@]host:path`.
    Scp,
    /// `[user@]host/path` (no colon): git reads it as a local path.
    HostSlash,
    /// `[user@]host` alone.
    HostOnly,
    /// A local path or `file://` URL.
    Local,
    /// Anything else.
    NotUrl(NotUrl),
}

/// Why a text is no URL (each gets its own message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NotUrl {
    /// Plain text.
    Text,
    /// A key was pasted into the URL field.
    Key,
    /// A scheme git does not use for a remote repository (`ftp://`, `svn://`, ...).
    Scheme,
    /// A host part with characters no host name has.
    BadHost,
    /// Blanks or line breaks inside.
    Spaces,
    /// Control or format characters (Unicode Cc, Cf, U+2028, U+2029).
    Control,
    /// git's transport-helper form `word::address` (`ext::`, `fd::`).
    Transport,
    /// A scheme missing a character (`ssh:/`, `ssh//`); the text with `://` put right.
    SchemeTypo,
}

/// The parts of a clone URL, each a slice of the cleaned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ParsedUrl<'a> {
    pub shape: Shape,
    pub form: UrlForm,
    /// The user, unless it is itself a token.
    pub user: Option<&'a str>,
    pub host: Option<&'a str>,
    pub port: Option<u16>,
    /// The port as written, when it is not a port number.
    pub bad_port: Option<&'a str>,
    pub path: Option<&'a str>,
    /// `?...` or `#...` of an http(s) URL.
    pub query: Option<&'a str>,
    /// Byte ranges of the cleaned text that hold a password or token, in order (at most two: the user part's
    /// and the query's). An array, not a `Vec`: `ParsedUrl` needs no heap and no drop code.
    pub secrets: [Option<(usize, usize)>; 2],
    pub kind: HostKind,
    /// Whether the kind is a guess from a hint (a `gitlab.` prefix, port 7999, ...) rather than the host's name.
    pub guessed: bool,
    /// Whether the scheme is written with capitals (`SSH://`), which JGit does not know.
    pub scheme_case: bool,
}

impl<'a> ParsedUrl<'a> {
    /// Nothing known (the input was not looked at).
    pub fn none() -> ParsedUrl<'static> {
        ParsedUrl::of(Shape::Empty)
    }

    fn of(shape: Shape) -> ParsedUrl<'a> {
        ParsedUrl {
            shape,
            form: UrlForm::Unknown,
            user: None,
            host: None,
            port: None,
            bad_port: None,
            path: None,
            query: None,
            secrets: [None; 2],
            kind: HostKind::Other,
            guessed: false,
            scheme_case: false,
        }
    }

    /// The cleaned text with every password or token replaced by `***` and every control or format character
    /// by U+FFFD (so that none reaches a page or a terminal).
    pub fn redacted(&self, cleaned: &str) -> String {
        let mut out = String::with_capacity(cleaned.len());
        let mut at = 0;
        let push = |out: &mut String, part: &str| {
            out.extend(
                part.chars()
                    .map(|c| if is_hidden(c) { '\u{FFFD}' } else { c }),
            )
        };
        for &(start, end) in self.secrets.iter().flatten() {
            push(&mut out, &cleaned[at..start]);
            out.push_str("***");
            at = end;
        }
        push(&mut out, &cleaned[at..]);
        out
    }

    /// Whether a password or token was in the URL.
    pub fn has_secret(&self) -> bool {
        self.secrets[0].is_some()
    }

    /// The port written into an scp-like path (`host:7999/proj/repo.git`), and the path after it.
    pub fn scp_port(&self) -> Option<(&'a str, &'a str)> {
        let path = self.path?;
        let digits = path.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &path[digits..];
        (digits > 0 && (rest.is_empty() || rest.starts_with('/')))
            .then_some((&path[..digits], rest))
    }

    /// Marks the bytes `start..end` of the cleaned text as a password or token.
    fn hide(&mut self, start: usize, end: usize) {
        let slot = usize::from(self.has_secret());
        if let Some(last) = self.secrets[slot.saturating_sub(1)].filter(|_| slot == 1) {
            // Already two: keep one range over both.
            if last.1 <= start {
                self.secrets[1] = Some((last.0.min(start), end));
                return;
            }
        }
        self.secrets[slot] = Some((start, end));
    }

    /// A path's query or fragment holding a token (`?access_key=...`, `#token=...`): hidden and cut off the path.
    fn hide_query(&mut self, start: usize, whole: &'a str) {
        let Some(path) = self.path else { return };
        let Some(q) = path.find(['?', '#']) else {
            return;
        };
        let lower = path[q..].to_ascii_lowercase();
        if has_any(&lower, At::Anywhere, SECRET_WORDS) {
            self.path = Some(&path[..q]);
            self.query = Some(&path[q..]);
            self.hide(start + q + 1, whole.len());
        }
    }
}

/// Words of a query or fragment that hold a secret (`?private_token=`, `?access_key=`, `#access_token=`).
const SECRET_WORDS: &[&str] = &[
    "token",
    "password",
    "passwd",
    "pwd",
    "secret",
    "key",
    "auth",
    "credential",
    "sig=",
];

/// Whether `c` is a control or format character (Unicode Cc, Cf, or the line and paragraph separators): never
/// part of a URL, and able to hide or reorder what a page or a terminal shows.
pub(super) fn is_hidden(c: char) -> bool {
    const FORMAT: [(u32, u32); 19] = [
        (0xAD, 0xAD),
        (0x600, 0x605),
        (0x61C, 0x61C),
        (0x6DD, 0x6DD),
        (0x70F, 0x70F),
        (0x890, 0x891),
        (0x8E2, 0x8E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x2028, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
    ];
    let n = u32::from(c);
    c.is_control()
        || FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&n))
        || n == 0xE0001
        || (0xE0020..=0xE007F).contains(&n)
}

/// Reads `s` (already cleaned); the host kind is left for `kind.rs`.
pub(super) fn parse(s: &str) -> ParsedUrl<'_> {
    let mut p = parse_shape(s);
    if let Some(host) = p.host {
        if !valid_host(host) {
            p = ParsedUrl::of(Shape::NotUrl(NotUrl::BadHost));
        }
    }
    let key_or_spaces = matches!(p.shape, Shape::NotUrl(NotUrl::Key | NotUrl::Spaces));
    if s.chars().any(is_hidden) && !key_or_spaces {
        // Nothing of it is read; a secret found stays hidden.
        let secrets = p.secrets;
        p = ParsedUrl::of(Shape::NotUrl(NotUrl::Control));
        p.secrets = secrets;
    }
    p
}

/// `ssh:/x`, `ssh//x`, `https:/x`, ...: the scheme's length when the text starts with a known scheme missing a
/// character of `://`.
pub(super) fn scheme_typo(s: &str) -> Option<usize> {
    let lower = s.get(..12).unwrap_or(s).to_ascii_lowercase();
    ["git+ssh", "ssh", "https", "http"]
        .iter()
        .find_map(|scheme| {
            let rest = lower.strip_prefix(scheme)?;
            (rest.starts_with(":/") && !rest.starts_with("://") || rest.starts_with("//"))
                .then_some(scheme.len())
        })
}

fn parse_shape(s: &str) -> ParsedUrl<'_> {
    if s.is_empty() {
        return ParsedUrl::of(Shape::Empty);
    }
    if is_key(s) {
        return ParsedUrl::of(Shape::NotUrl(NotUrl::Key));
    }
    // git's `ext::command` and `fd::3`: a word, then `::`.
    if let Some((word, _)) = s.split_once("::") {
        if !word.is_empty()
            && word
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        {
            return ParsedUrl::of(Shape::NotUrl(NotUrl::Transport));
        }
    }
    if s.contains(char::is_whitespace) {
        return ParsedUrl::of(Shape::NotUrl(NotUrl::Spaces));
    }
    if scheme_typo(s).is_some() {
        return ParsedUrl::of(Shape::NotUrl(NotUrl::SchemeTypo));
    }
    if let Some(i) = s.find("://") {
        let scheme = &s[..i];
        if !scheme.is_empty()
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        {
            return parse_url(s, i);
        }
    }
    let b = s.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return ParsedUrl::of(Shape::Local); // C:\repos\app, C:/repos/app, D:app
    }
    // Words that end in a colon but name no host: a fingerprint, or a scheme of a web page.
    if let Some((word, _)) = s.split_once(':') {
        let word = word.to_ascii_lowercase();
        if ["sha256", "sha1", "md5"].contains(&word.as_str()) {
            return ParsedUrl::of(Shape::NotUrl(NotUrl::Key));
        }
        if [
            "javascript",
            "data",
            "mailto",
            "vbscript",
            "about",
            "blob",
            "http",
            "https",
            "file",
        ]
        .contains(&word.as_str())
        {
            return ParsedUrl::of(Shape::NotUrl(NotUrl::Scheme));
        }
    }
    if s.starts_with(['/', '.', '~', '\\']) {
        return ParsedUrl::of(Shape::Local);
    }
    // `user:password@host...` without a scheme: keep the user, hide the password, read the rest. But
    // `host.example.com:repo@v2.git` is git's scp form with an `@` in its path (the user part ends at the first `@`
    // before the first `:`): a host name with a dot before the colon, and only a name after the `@`.
    if let Some(at) = s.find('@') {
        let head = &s[..at];
        if let (Some(colon), false) = (head.find(':'), head.contains(['/', '['])) {
            let mut p = parse_shape(&s[at + 1..]);
            let scp_path =
                p.shape == Shape::HostOnly && p.user.is_none() && head[..colon].contains('.');
            if !scp_path {
                if p.user.is_none()
                    && !p.has_secret()
                    && matches!(p.shape, Shape::Scp | Shape::HostSlash | Shape::HostOnly)
                {
                    let user = &head[..colon];
                    if looks_like_token(user) {
                        p.hide(0, at);
                    } else {
                        p.user = Some(user).filter(|u| !u.is_empty());
                        p.hide(colon + 1, at);
                    }
                    return p;
                }
                let mut p = ParsedUrl::of(Shape::NotUrl(NotUrl::Text));
                p.hide(colon + 1, at);
                return p;
            }
        }
    }
    // Where the host part ends: the first ':' outside brackets, or the first '/'.
    let host_end = host_part_end(s);
    let (user, host) = split_user(&s[..host_end]);
    let (host, bracketed) = unbracket(host);
    let mut p = ParsedUrl::of(Shape::Scp);
    p.user = user;
    if user.is_some_and(looks_like_token) {
        p.user = None;
        p.hide(0, user.map_or(0, str::len));
    }
    p.host = Some(host);
    match s.as_bytes().get(host_end) {
        Some(b':') => {
            p.form = UrlForm::Scp;
            p.path = Some(&s[host_end + 1..]);
        }
        // `acme/app` is a folder; `host.example.com/app` and `git@host/app` name a server.
        Some(b'/') if bracketed || host.contains('.') || user.is_some() => {
            p.shape = Shape::HostSlash;
            // A browser address without its scheme: its query or fragment is not part of the path.
            let path = &s[host_end + 1..];
            let end = path.find(['?', '#']).unwrap_or(path.len());
            p.path = Some(&path[..end]);
            p.query = Some(&path[end..]).filter(|q| !q.is_empty());
        }
        Some(b'/') => return ParsedUrl::of(Shape::Local),
        _ if bracketed || host.contains('.') || user.is_some() => p.shape = Shape::HostOnly,
        _ => return ParsedUrl::of(Shape::NotUrl(NotUrl::Text)),
    }
    p
}

/// Whether `s` is a key: an armoured block (`-----BEGIN`, RFC 4716's `---- BEGIN`), a PuTTY file, bare base64 of
/// a key blob, or a public-key line (`ssh-rsa AAAA...`: a type word, a blank, then base64). A host named
/// `ssh-git.example.com` is no key.
fn is_key(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let first = words.next().unwrap_or("");
    has_any(s, At::Start, &["----", "PuTTY-User-Key", "AAAA"])
        || (has_any(first, At::Start, &["ssh-", "ecdsa-", "sk-"])
            && words.next().is_some_and(|w| w.starts_with("AAAA")))
}

/// `scheme://authority/path`, the scheme ending at byte `i`.
fn parse_url(s: &str, i: usize) -> ParsedUrl<'_> {
    let scheme = &s[..i];
    let form = match scheme.to_ascii_lowercase().as_str() {
        "ssh" | "git+ssh" | "ssh+git" => UrlForm::Ssh,
        "https" => UrlForm::Https,
        "http" => UrlForm::Http,
        "git" => UrlForm::Git,
        "file" => return ParsedUrl::of(Shape::Local),
        _ => return ParsedUrl::of(Shape::NotUrl(NotUrl::Scheme)),
    };
    let web = matches!(form, UrlForm::Https | UrlForm::Http);
    let start = i + 3;
    let rest = &s[start..];
    let mut auth_len = rest
        .find(|c| c == '/' || (web && (c == '?' || c == '#')))
        .unwrap_or(rest.len());
    // A password with a `/` or `#` in it, not percent-encoded: `user:pa/ss@host/...`. The user part is then
    // everything up to the last `@` that a host name follows.
    if !rest[..auth_len].contains('@') {
        if let Some(at) = last(rest, b'@') {
            let head = &rest[..at];
            let host_len = rest[at + 1..]
                .find(['/', '?', '#'])
                .unwrap_or(rest.len() - at - 1);
            let host = &rest[at + 1..at + 1 + host_len];
            if head
                .find(':')
                .is_some_and(|c| !head[..c].contains(['/', '@']))
                && valid_host(host.split(':').next().unwrap_or(""))
            {
                auth_len = at + 1 + host_len;
            }
        }
    }
    let authority = &rest[..auth_len];
    let mut p = ParsedUrl::of(Shape::Url);
    p.form = form;
    p.scheme_case = scheme.bytes().any(|b| b.is_ascii_uppercase());
    let mut host_port = authority;
    if let Some(at) = last(authority, b'@') {
        let userinfo = &authority[..at];
        host_port = &authority[at + 1..];
        let user = userinfo.split(':').next().unwrap_or("");
        if looks_like_token(user) || (web && looks_like_long_token(user)) {
            p.hide(start, start + at);
        } else {
            p.user = Some(user).filter(|u| !u.is_empty());
            if let Some(colon) = userinfo.find(':') {
                p.hide(start + colon + 1, start + at);
            }
        }
    }
    let (host, port) = match host_port.strip_prefix('[') {
        Some(inner) => match inner.split_once(']') {
            Some((h, after)) if after.is_empty() || after.starts_with(':') => (h, after.get(1..)),
            _ => return ParsedUrl::of(Shape::NotUrl(NotUrl::BadHost)),
        },
        // An IPv6 address without brackets: no reading is sure.
        None if host_port.matches(':').count() > 1 => {
            return ParsedUrl::of(Shape::NotUrl(NotUrl::BadHost))
        }
        None => match host_port.split_once(':') {
            Some((h, port)) => (h, Some(port)),
            None => (host_port, None),
        },
    };
    p.host = Some(host);
    match port {
        Some("") | None => {}
        Some(text) => match number(text, 10) {
            Some(n @ 1..=65535) => p.port = Some(n as u16),
            _ => p.bad_port = Some(text),
        },
    }
    let after = &rest[auth_len..];
    p.path = Some(after);
    if web {
        let path_len = after.find(['?', '#']).unwrap_or(after.len());
        p.path = Some(&after[..path_len]);
        p.query = Some(&after[path_len..]).filter(|q| !q.is_empty());
    }
    if web {
        if let Some(q) = p
            .query
            .filter(|q| has_any(&q.to_ascii_lowercase(), At::Anywhere, SECRET_WORDS))
        {
            p.hide(s.len() - q.len() + 1, s.len());
        }
    } else {
        p.hide_query(start + auth_len, s);
    }
    p
}

/// The end of `[user@]host` in an scp-like or bare text: the first ':' (outside IPv6 brackets) or '/'.
fn host_part_end(s: &str) -> usize {
    let mut in_brackets = false;
    for (i, c) in s.bytes().enumerate() {
        match c {
            b'[' => in_brackets = true,
            b']' => in_brackets = false,
            b':' if !in_brackets => return i,
            b'/' => return i,
            _ => {}
        }
    }
    s.len()
}

fn split_user(s: &str) -> (Option<&str>, &str) {
    match last(s, b'@') {
        Some(at) => (Some(&s[..at]), &s[at + 1..]),
        None => (None, s),
    }
}

/// `[2001:db8::1]` -> (`2001:db8::1`, true).
fn unbracket(host: &str) -> (&str, bool) {
    match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(inner) => (inner, true),
        None => (host, false),
    }
}

/// Host names (letters, digits, `-`, `.`, `_`) and IPv6 addresses (hex digits, `:`, `.`, a `%zone`).
fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && (host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
            || (host.contains(':')
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b":.%".contains(&b))))
}

/// A user part of an https URL that is a long random-looking word: an access token git sends as the password.
fn looks_like_long_token(user: &str) -> bool {
    user.len() >= 32 && !user.contains(['.', '@'])
}

/// A user part that is an access token (GitHub's `ghp_...`/`github_pat_...`, GitLab's `glpat-...`).
fn looks_like_token(user: &str) -> bool {
    has_any(
        user,
        At::Start,
        &[
            "ghp_",
            "gho_",
            "ghu_",
            "ghs_",
            "ghr_",
            "github_pat_",
            "glpat-",
            "gldt-",
            "glptt-",
            "glrt-",
        ],
    )
}
