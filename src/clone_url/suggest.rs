//! The URL to paste instead: derived from the parsed URL and its problems, and kept only when it itself
//! checks without errors.

use super::address;
use super::checks;
use super::clean;
use super::hosts::HostKind;
use super::kind;
use super::parse::{self, ParsedUrl, Shape, UrlForm};
use super::repo::{azure_parts, repo_path};
use super::text::{last, number, with_number};

/// The codes of pasted decorations: their URL is the cleaned text.
const DECORATIONS: [&str; 3] = ["quotes", "git-clone-prefix", "invisible-character"];
use crate::limits;
use crate::problem::{Problem, Severity};

/// Whether `url` checks without errors exactly as it is (no decoration to take off, under the length cap): the
/// test every suggestion passes.
fn checks_clean(url: &str) -> bool {
    let mut problems = Vec::new();
    if url.len() > limits::MAX_CLONE_URL_BYTES || clean::clean(url, &mut problems) != url {
        return false;
    }
    checks::check(&kind::read(url), &mut problems);
    problems.iter().all(|p| p.severity != Severity::Error)
}

/// The URL to paste instead, when it can be worked out; it always checks without errors.
pub(super) fn suggest(
    p: &ParsedUrl,
    problems: &[Problem],
    original: &str,
    cleaned: &str,
) -> Option<String> {
    let has = |code: &str| problems.iter().any(|x| x.code == code);
    let errors = problems
        .iter()
        .any(|x| x.severity == Severity::Error && !DECORATIONS.contains(&x.code));
    let s = if !errors {
        // Only decorations were taken off: the cleaned URL is the one to paste.
        (cleaned != original && !cleaned.is_empty()).then(|| cleaned.to_string())?
    } else if has("control-character") {
        return None;
    } else if has("scheme-typo") {
        // `ssh:/x` and `ssh//x` with `://` put right, then checked (and repaired) as any URL.
        let len = parse::scheme_typo(cleaned)?;
        let rest = cleaned[len..].trim_start_matches([':', '/']);
        let fixed = [&cleaned[..len], "://", rest].concat();
        let q = kind::read(&fixed);
        let mut found = Vec::new();
        checks::check(&q, &mut found);
        if found.iter().all(|x| x.severity != Severity::Error) {
            fixed
        } else {
            suggest(&q, &found, &fixed, &fixed)?
        }
    } else if has("https-url")
        || has("browser-url")
        || has("git-protocol")
        || has("slash-after-host")
    {
        let port_first = has("slash-after-host")
            && p.path
                .is_some_and(|path| path.starts_with(|c: char| c.is_ascii_digit()));
        match from_web(p).filter(|_| !port_first) {
            Some(url) => url,
            // Any other host: only the colon can be put right.
            None if has("slash-after-host") => {
                let (host, path) = (p.host?, p.path?);
                let page = ["/tree/", "/blob/", "/src/", "/browse", "/-/"];
                if host.contains(':')
                    || path.starts_with('/')
                    || page.iter().any(|w| path.contains(w))
                {
                    return None;
                }
                // `host/7999/proj/repo.git`: the port was meant.
                let digits = path.bytes().take_while(u8::is_ascii_digit).count();
                match path
                    .get(digits..)
                    .filter(|r| digits > 0 && r.starts_with('/'))
                {
                    Some(rest) => {
                        let at = user_at(Some(p.user.unwrap_or("git")));
                        ["ssh://", &at, host, ":", &path[..digits], rest].concat()
                    }
                    None => [&user_at(p.user), host, ":", path].concat(),
                }
            }
            None => return None,
        }
    } else if matches!(p.shape, Shape::Url | Shape::Scp) && !has("bad-port") && !has("missing-path")
    {
        repaired_ssh(p, &has)?
    } else {
        return None;
    };
    checks_clean(&s).then_some(s)
}

/// The SSH clone URL for a web, HTTPS or git:// address of a known host.
fn from_web(p: &ParsedUrl) -> Option<String> {
    let host = p.host?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let repo = repo_path(p);
    Some(match p.kind {
        HostKind::Github | HostKind::Gitlab | HostKind::BitbucketCloud => {
            ["git@", host, ":", &repo?, ".git"].concat()
        }
        HostKind::BitbucketServer => ["ssh://git@", host, ":7999/", &repo?, ".git"].concat(),
        HostKind::AzureDevops if host == "dev.azure.com" || host.ends_with(".visualstudio.com") => {
            let (org, project, repo, _) = azure_parts(p)?;
            ["git@ssh.dev.azure.com:v3/", org, "/", project, "/", repo].concat()
        }
        HostKind::AzureDevops => {
            // Azure DevOps Server: the same path over SSH, port 22 by default.
            let path = p.path?;
            let end = path.find("/_git/")? + "/_git/".len();
            let repo = path[end..].split('/').next().filter(|r| !r.is_empty())?;
            ["ssh://", host, ":22", &path[..end], repo].concat()
        }
        HostKind::Gerrit => {
            // https://host/a/PROJECT (authenticated), https://host/c/PROJECT/+/123 and /admin/repos/PROJECT (pages).
            let path = repo?;
            let project = path
                .strip_prefix("a/")
                .or(path.strip_prefix("admin/repos/"));
            let project = match path.strip_prefix("c/") {
                Some(change) => change.split("/+").next().unwrap_or(change),
                None => project.unwrap_or(&path),
            };
            ["ssh://USER@", host, ":29418/", project].concat()
        }
        HostKind::Gitblit => {
            let repo = repo?;
            let repo = repo.strip_prefix("r/").unwrap_or(&repo);
            ["ssh://USER@", host, ":29418/", repo, ".git"].concat()
        }
        HostKind::Beanstalk => {
            let account = host.split('.').next()?;
            let repo = repo?;
            let mut parts = repo.split('/');
            let name = match (parts.next()?, parts.next()) {
                (first, Some(second)) if first == account => second,
                (first, _) => first,
            };
            [
                "git@",
                account,
                ".git.beanstalkapp.com:/",
                account,
                "/",
                name,
                ".git",
            ]
            .concat()
        }
        HostKind::Gitolite | HostKind::Other => return None,
    })
}

/// `user@`, or nothing.
fn user_at(user: Option<&str>) -> String {
    user.map(|u| [u, "@"].concat()).unwrap_or_default()
}

/// An ssh:// or scp-like URL with its user, port, colon, scheme, address and escapes put right.
fn repaired_ssh(p: &ParsedUrl, has: &dyn Fn(&str) -> bool) -> Option<String> {
    let mut host = p.host?.to_string();
    let mut user = p.user.map(str::to_string);
    if has("missing-user") || has("wrong-user") {
        let named = matches!(p.kind, HostKind::Gerrit | HostKind::Gitblit);
        user = Some(if named { "USER" } else { "git" }.to_string());
    }
    let mut path = p.path?.to_string();
    if host.eq_ignore_ascii_case("vs-ssh.visualstudio.com") {
        // Its user is the organisation; the current address needs none but git.
        return path
            .starts_with("v3/")
            .then(|| ["git@ssh.dev.azure.com:", &path].concat());
    }
    let mut port = p.port;
    let mut ssh_form = p.form == UrlForm::Ssh;
    if has("colon-in-ssh-url") {
        path = ["/", p.bad_port?, &path].concat();
    }
    if let Some((digits, rest)) = p.scp_port().filter(|_| has("scp-with-port")) {
        user.get_or_insert_with(|| "git".into());
        port = Some(u16::try_from(number(digits, 10)?).ok()?);
        path = rest.to_string();
        ssh_form = true;
    }
    if has("scp-second-colon") {
        // `host:7999:path` (a port) or `2001:db8::1:path` (an IPv6 address without brackets).
        let (head, rest) = path.split_once('/').unwrap_or((&path, ""));
        let colon = last(head, b':')?;
        let (before, after) = (&head[..colon], &head[colon + 1..]);
        let address = [host.as_str(), ":", before].concat();
        if address::ipv6(&address).is_some() {
            host = address;
        } else {
            port = Some(u16::try_from(number(before, 10)?).ok()?);
            user.get_or_insert_with(|| "git".into());
        }
        path = ["/", after, if rest.is_empty() { "" } else { "/" }, rest].concat();
        ssh_form = true;
    }
    if has("ipv6-form") || host.contains(':') {
        if host.contains(['.', '%']) {
            return None;
        }
        if p.form == UrlForm::Scp {
            // `git@[v6]:2222/path` and `git@[v6]:2222:path`: the port meant.
            let digits = path.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && path[digits..].starts_with(['/', ':']) {
                port = Some(u16::try_from(number(&path[..digits], 10)?).ok()?);
                path = path[digits + 1..].to_string();
            }
        }
        host = host.to_ascii_lowercase();
        ssh_form = true;
    }
    if has("percent-escape") {
        user = match user {
            Some(u) => Some(decoded(&u)?),
            None => None,
        };
        path = decoded(&path)?;
    }
    let changed = [
        "missing-user",
        "wrong-user",
        "password-in-url",
        "colon-in-ssh-url",
        "scp-with-port",
        "scp-second-colon",
        "ipv6-form",
        "percent-escape",
        "scheme-case",
    ]
    .iter()
    .any(|c| has(c));
    if !changed {
        return None;
    }
    let bracketed = if host.contains(':') {
        ["[", &host, "]"].concat()
    } else {
        host
    };
    let at = user.map(|u| u + "@").unwrap_or_default();
    Some(if ssh_form {
        let port = port.map(|n| with_number(":", n)).unwrap_or_default();
        let slash = if path.starts_with('/') { "" } else { "/" };
        ["ssh://", &at, &bracketed, &port, slash, &path].concat()
    } else {
        [&at, &bracketed, ":", &path].concat()
    })
}

/// `s` with its `%XX` escapes decoded, when every escape is valid and decodes to a character that needs none
/// (letters, digits, `-._~`); else `None`.
fn decoded(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let byte = number(rest.get(at + 1..at + 3)?, 16)? as u8;
        if !(byte.is_ascii_alphanumeric() || b"-._~".contains(&byte)) {
            return None;
        }
        out.push(char::from(byte));
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    Some(out)
}
