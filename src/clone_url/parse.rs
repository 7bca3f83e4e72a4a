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
        }
    }

    /// The cleaned text with every password or token replaced by `***`.
    pub fn redacted(&self, cleaned: &str) -> String {
        let mut out = String::with_capacity(cleaned.len());
        let mut at = 0;
        for &(start, end) in self.secrets.iter().flatten() {
            out.push_str(&cleaned[at..start]);
            out.push_str("***");
            at = end;
        }
        out.push_str(&cleaned[at..]);
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
        self.secrets[slot] = Some((start, end));
    }
}

/// Reads `s` (already cleaned); the host kind is left for `kind.rs`.
pub(super) fn parse(s: &str) -> ParsedUrl<'_> {
    let mut p = parse_shape(s);
    if let Some(host) = p.host {
        if !valid_host(host) {
            p = ParsedUrl::of(Shape::NotUrl(NotUrl::BadHost));
        }
    }
    p
}

fn parse_shape(s: &str) -> ParsedUrl<'_> {
    if s.is_empty() {
        return ParsedUrl::of(Shape::Empty);
    }
    if is_key(s) {
        return ParsedUrl::of(Shape::NotUrl(NotUrl::Key));
    }
    if s.contains(char::is_whitespace) {
        return ParsedUrl::of(Shape::NotUrl(NotUrl::Spaces));
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
    if b.len() >= 2
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b.len() == 2 || b"/\\".contains(&b[2]))
    {
        return ParsedUrl::of(Shape::Local); // C:\repos\app or C:/repos/app
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
                    p.user = Some(&head[..colon]);
                    p.hide(colon + 1, at);
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
    p.host = Some(host);
    match s.as_bytes().get(host_end) {
        Some(b':') => {
            p.form = UrlForm::Scp;
            p.path = Some(&s[host_end + 1..]);
        }
        Some(b'/') => {
            p.shape = Shape::HostSlash;
            p.path = Some(&s[host_end + 1..]);
        }
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
    let form = match s[..i].to_ascii_lowercase().as_str() {
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
    let auth_len = rest
        .find(|c| c == '/' || (web && (c == '?' || c == '#')))
        .unwrap_or(rest.len());
    let authority = &rest[..auth_len];
    let mut p = ParsedUrl::of(Shape::Url);
    p.form = form;
    let mut host_port = authority;
    if let Some(at) = last(authority, b'@') {
        let userinfo = &authority[..at];
        host_port = &authority[at + 1..];
        match userinfo.find(':') {
            Some(colon) => {
                p.user = Some(&userinfo[..colon]);
                p.hide(start + colon + 1, start + at);
            }
            None if web && looks_like_token(userinfo) => p.hide(start, start + at),
            None => p.user = Some(userinfo),
        }
    }
    let (host, port) = match host_port.strip_prefix('[') {
        Some(inner) => match inner.split_once(']') {
            Some((h, after)) if after.is_empty() || after.starts_with(':') => (h, after.get(1..)),
            _ => return ParsedUrl::of(Shape::NotUrl(NotUrl::BadHost)),
        },
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
    let path_len = if web {
        after.find(['?', '#']).unwrap_or(after.len())
    } else {
        after.len()
    };
    p.path = Some(&after[..path_len]);
    if path_len < after.len() {
        let query = &after[path_len..];
        p.query = Some(query);
        let lower = query.to_ascii_lowercase();
        if has_any(&lower, At::Anywhere, &["token", "password", "secret"]) {
            p.hide(start + auth_len + path_len + 1, s.len());
        }
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

/// A user part of an https URL that is really an access token (GitHub's `ghp_...`/`github_pat_...`, GitLab's
/// `glpat-...`, or any long random-looking word), which git sends as the password.
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
        ],
    ) || (user.len() >= 32 && !user.contains(['.', '@']))
}
