//! The problems of a parsed clone URL, in a fixed order (secrets, the form, the path, the user, the address),
//! and the URL to paste instead. Messages never repeat the input: only fixed words and the host's name.

use super::hosts::{self, HostKind};
use super::parse::{NotUrl, Parsed, Shape};
use super::{problem, UrlForm};
use crate::inspect::{Problem, Severity};

const COPY_SSH_URL: &str = "Copy the SSH clone URL from the repository's Clone button (SSH tab): it looks like git@host:group/repo.git or ssh://git@host/group/repo.git.";

fn error(problems: &mut Vec<Problem>, code: &'static str, message: &str, fix: &str) {
    problems.push(problem(code, Severity::Error, message, fix));
}

/// Adds the problems of `p` to `problems`.
pub(super) fn check(p: &Parsed, problems: &mut Vec<Problem>) {
    if p.has_secret() {
        error(
            problems,
            "password-in-url",
            "The URL holds a password or access token. keyfit does not show it, but whoever sees this URL can use it.",
            "Remove it (Jira's SSH integration uses the key, not a password), and revoke or change that token or password on the git host.",
        );
    }
    match p.shape {
        Shape::Empty => error(problems, "empty", "Nothing was pasted.", COPY_SSH_URL),
        Shape::NotUrl(why) => not_a_url(why, problems),
        Shape::Local => error(
            problems,
            "local-path",
            "This is a folder or file path, not the address of a git server: Jira cannot reach a path on your computer.",
            COPY_SSH_URL,
        ),
        Shape::HostSlash => error(
            problems,
            "slash-after-host",
            "A slash right after the host name makes git read this as a folder on the local computer, not as a server.",
            "Put a colon between the host and the path (git@host:group/repo.git), or use the suggested URL.",
        ),
        Shape::HostOnly => missing_path(problems),
        Shape::Url | Shape::Scp => check_form(p, problems),
    }
    if matches!(
        p.shape,
        Shape::Url | Shape::Scp | Shape::HostSlash | Shape::HostOnly
    ) {
        check_user(p, problems);
        if p.host.is_some_and(is_private) {
            problems.push(problem(
                "private-address",
                Severity::Warning,
                "This host is a private or local address (a local name, a private IP range, or a name without a domain). Jira Cloud connects from the internet and cannot reach it.",
                "Use the server's public name, or make the server reachable from Jira Cloud (Atlassian publishes the IP ranges it connects from). Jira Data Center inside the same network can reach it.",
            ));
        }
    }
}

fn not_a_url(why: NotUrl, problems: &mut Vec<Problem>) {
    let message = match why {
        NotUrl::Spaces => {
            return error(
                problems,
                "space-inside",
                "The URL has a blank or a line break inside it; a clone URL has none.",
                "Copy the URL again in one piece, or remove the blanks inside it.",
            )
        }
        NotUrl::Text => "This is not a clone URL.",
        NotUrl::Key => {
            "This is a key, not a clone URL: the key goes into Jira's private key field."
        }
        NotUrl::Scheme => "Git does not fetch repositories from this kind of address.",
        NotUrl::BadHost => "The host part has characters that no host name has.",
    };
    error(problems, "not-a-url", message, COPY_SSH_URL);
}

fn missing_path(problems: &mut Vec<Problem>) {
    error(
        problems,
        "missing-path",
        "The URL names a server but no repository on it.",
        COPY_SSH_URL,
    );
}

/// What to add to a fix about a suggestion for this host.
fn suggestion_note(kind: HostKind) -> &'static str {
    match kind {
        HostKind::BitbucketServer => " 7999 is Bitbucket's default SSH port: copy the real one from the repository's Clone dialog (SSH).",
        HostKind::Gerrit | HostKind::Gitblit => " Replace USER with your user name on that server; 29418 is its default SSH port.",
        HostKind::AzureDevops => " Azure DevOps Server listens for SSH on port 22 by default: compare with the Clone dialog (SSH).",
        HostKind::Gitlab => " A GitLab server of your own may use another SSH user or port: compare with the Clone button (SSH).",
        _ => "",
    }
}

fn fix_with_note(fix: &str, kind: HostKind) -> String {
    let mut s = fix.to_string();
    s.push_str(suggestion_note(kind));
    s
}

fn check_form(p: &Parsed, problems: &mut Vec<Problem>) {
    let use_ssh = "Use the SSH clone URL instead (the Clone button's SSH tab; keyfit suggests it when it can work it out).";
    match p.form {
        UrlForm::Https | UrlForm::Http if is_browser(p) => problems.push(Problem {
            code: "browser-url",
            severity: Severity::Error,
            message: "This is the address of a web page of the repository, not its clone URL.".into(),
            fix: fix_with_note(use_ssh, p.kind),
        }),
        UrlForm::Https | UrlForm::Http => problems.push(Problem {
            code: "https-url",
            severity: Severity::Error,
            message: "This is an HTTPS clone URL. Jira's SSH integration needs the SSH clone URL: over HTTPS it never uses your key.".into(),
            fix: fix_with_note(use_ssh, p.kind),
        }),
        UrlForm::Git => problems.push(Problem {
            code: "git-protocol",
            severity: Severity::Error,
            message: "git:// addresses are read-only and unauthenticated: they never use an SSH key, and most hosts no longer serve them.".into(),
            fix: fix_with_note(use_ssh, p.kind),
        }),
        _ => {}
    }
    if let Some(port) = p.bad_port {
        if p.form == UrlForm::Ssh && !port.starts_with(|c: char| c.is_ascii_digit()) {
            error(
                problems,
                "colon-in-ssh-url",
                "This mixes the two SSH forms: an ssh:// URL separates host and path with a slash, and a colon after the host must be followed by a port number.",
                "Replace the colon after the host with a slash (ssh://git@host/group/repo.git), or drop ssh:// (git@host:group/repo.git).",
            );
        } else {
            error(
                problems,
                "bad-port",
                "The port after the host is not a number from 1 to 65535.",
                "Copy the port from the repository's Clone dialog (SSH), or leave it out for the default port 22.",
            );
        }
    }
    if p.form == UrlForm::Scp && scp_port(p).is_some() {
        error(
            problems,
            "scp-with-port",
            "The short form host:path cannot carry a port: git reads the number as the start of the path.",
            "Use the ssh:// form to give a port (ssh://git@host:7999/project/repo.git), or the suggested URL.",
        );
    }
    let path = p.path.unwrap_or("").trim_matches('/');
    let needs_owner = matches!(
        p.kind,
        HostKind::Github | HostKind::BitbucketCloud | HostKind::Gitlab
    );
    // With a colon in an ssh:// URL, part of the path is where the port would be.
    if p.bad_port.is_none() && (path.is_empty() || (needs_owner && hosts::repo_path(p).is_none())) {
        missing_path(problems);
    }
}

/// The port written into an scp-like path (`host:7999/proj/repo.git`), and the path after it.
fn scp_port<'a>(p: &Parsed<'a>) -> Option<(&'a str, &'a str)> {
    let path = p.path?;
    let digits = path.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &path[digits..];
    (digits > 0 && (rest.is_empty() || rest.starts_with('/'))).then_some((&path[..digits], rest))
}

/// Whether an http(s) URL is a web page of the repository rather than its clone URL.
fn is_browser(p: &Parsed) -> bool {
    let path = p.path.unwrap_or("");
    let trimmed = path.trim_matches('/');
    let segments = trimmed.split('/').filter(|s| !s.is_empty()).count();
    let query = p.query.unwrap_or("");
    query.starts_with('#')
        || ["path=", "version=", "tab="]
            .iter()
            .any(|k| query.contains(k))
        || ["/tree/", "/blob/", "/src/", "/browse", "/-/"]
            .iter()
            .any(|m| path.contains(m))
        || match p.kind {
            HostKind::Github | HostKind::BitbucketCloud => segments > 2,
            HostKind::BitbucketServer => {
                path.starts_with("/projects/") || path.starts_with("/users/")
            }
            HostKind::AzureDevops => azure_parts(p).is_some_and(|(.., extra)| extra),
            HostKind::Gerrit => path.starts_with("/c/") || path.starts_with("/admin/"),
            _ => false,
        }
}

/// `wrong-user` and `missing-user`: the hosted services whose SSH user is fixed.
fn check_user(p: &Parsed, problems: &mut Vec<Problem>) {
    if !matches!(p.form, UrlForm::Ssh | UrlForm::Scp) {
        return;
    }
    let Some(host) = p.host else { return };
    let name = hosts::facts(p.kind).plain_name;
    if host.eq_ignore_ascii_case("vs-ssh.visualstudio.com") && p.user.is_none() {
        return error(
            problems,
            "missing-user",
            "The old Azure DevOps SSH address needs your organisation as the user (ORG@vs-ssh.visualstudio.com).",
            "Copy the current SSH URL from the Clone dialog: git@ssh.dev.azure.com:v3/ORG/PROJECT/REPO.",
        );
    }
    if !hosts::needs_git_user(host) {
        return;
    }
    let (code, what) = match p.user {
        None => ("missing-user", "names no user"),
        Some("git") => return,
        Some(_) => ("wrong-user", "names another user"),
    };
    problems.push(Problem {
        code,
        severity: Severity::Error,
        message: [
            name,
            " accepts SSH connections only for the user git, and this URL ",
            what,
            ": Jira would log in as some other user and be refused.",
        ]
        .concat(),
        fix: "Write git@ in front of the host, as in the suggested URL.".into(),
    });
}

/// Whether a host is out of Jira Cloud's reach: local names, private, loopback, link-local and shared
/// addresses, and names without a domain. (Hand-written: std's address parsers cost 3 KB of wasm.)
fn is_private(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if h.contains(':') {
        // IPv6: loopback, unspecified, link-local fe80::/10, unique local fc00::/7, or a mapped IPv4 address.
        let h = h.split('%').next().unwrap_or("");
        let first = h.split(':').next().unwrap_or("");
        let mapped = h.rsplit(':').next().filter(|v4| v4.contains('.'));
        return h == "::1"
            || h == "::"
            || (first.len() == 4 && (first.starts_with("fc") || first.starts_with("fd")))
            || (first.len() == 4
                && ["fe8", "fe9", "fea", "feb"]
                    .iter()
                    .any(|p| first.starts_with(p)))
            || mapped.is_some_and(is_private);
    }
    let mut octets = [0u16; 4];
    let mut count = 0;
    for part in h.split('.') {
        match (octets.get_mut(count), part.parse::<u16>()) {
            (Some(o), Ok(n)) if part.len() <= 3 && part.bytes().all(|c| c.is_ascii_digit()) => {
                *o = n
            }
            _ => {
                count = 9;
                break;
            }
        }
        count += 1;
    }
    if let (4, [a, b, _, _]) = (count, octets) {
        return matches!((a, b), (10 | 127 | 0, _) | (192, 168) | (169, 254))
            || (a == 172 && (16..32).contains(&b))
            || (a == 100 && (64..128).contains(&b)); // shared address space, RFC 6598
    }
    !h.contains('.')
        || h == "localhost"
        || [
            ".localhost",
            ".local",
            ".internal",
            ".lan",
            ".home.arpa",
            ".localdomain",
        ]
        .iter()
        .any(|s| h.ends_with(s))
}

/// Azure DevOps's (organisation, project, repository, whether more follows) from a web or HTTPS address.
fn azure_parts<'a>(p: &Parsed<'a>) -> Option<(&'a str, &'a str, &'a str, bool)> {
    let org = hosts::azure_org(p)?;
    let segments: Vec<&str> = p.path?.split('/').filter(|s| !s.is_empty()).collect();
    let git = segments.iter().position(|s| *s == "_git")?;
    let repo = *segments.get(git + 1)?;
    // dev.azure.com/ORG/PROJECT/_git/REPO, ORG.visualstudio.com[/DefaultCollection]/PROJECT/_git/REPO, and
    // .../ORG/_git/REPO, where the project has the repository's name.
    let project = if git > 0 && segments[git - 1] != org && segments[git - 1] != "DefaultCollection"
    {
        segments[git - 1]
    } else {
        repo
    };
    Some((org, project, repo, segments.len() > git + 2))
}

/// The URL to paste instead, when it can be worked out; it always checks without errors.
pub(super) fn suggest(
    p: &Parsed,
    problems: &[Problem],
    original: &str,
    cleaned: &str,
) -> Option<String> {
    let has = |code: &str| problems.iter().any(|x| x.code == code);
    let errors = problems.iter().any(|x| x.severity == Severity::Error);
    let s = if !errors {
        // Only decorations were taken off: the cleaned URL is the one to paste.
        (cleaned != original && !cleaned.is_empty()).then(|| cleaned.to_string())?
    } else if has("https-url")
        || has("browser-url")
        || has("git-protocol")
        || has("slash-after-host")
    {
        match from_web(p) {
            Some(url) => url,
            // Any other host: only the colon can be put right.
            None if has("slash-after-host") => [&user_at(p.user), p.host?, ":", p.path?].concat(),
            None => return None,
        }
    } else if matches!(p.shape, Shape::Url | Shape::Scp) && !has("bad-port") && !has("missing-path")
    {
        repaired_ssh(p, &has)?
    } else {
        return None;
    };
    super::checks_clean(&s).then_some(s)
}

/// The SSH clone URL for a web, HTTPS or git:// address of a known host.
fn from_web(p: &Parsed) -> Option<String> {
    let host = p.host?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let repo = hosts::repo_path(p);
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
            let name = repo.split('/').next()?;
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

/// An ssh:// or scp-like URL with its user, port and colon put right.
fn repaired_ssh(p: &Parsed, has: &dyn Fn(&str) -> bool) -> Option<String> {
    let host = p.host?;
    let bracketed = [
        if host.contains(':') { "[" } else { "" },
        host,
        if host.contains(':') { "]" } else { "" },
    ]
    .concat();
    let mut user = p.user;
    if has("missing-user") || has("wrong-user") {
        user = Some("git");
    }
    let path = p.path?;
    if host.eq_ignore_ascii_case("vs-ssh.visualstudio.com") {
        // Its user is the organisation; the current address needs none but git.
        return path
            .starts_with("v3/")
            .then(|| ["git@ssh.dev.azure.com:", path].concat());
    }
    if has("colon-in-ssh-url") {
        return Some(["ssh://", &user_at(user), &bracketed, "/", p.bad_port?, path].concat());
    }
    if let Some((port, rest)) = scp_port(p).filter(|_| has("scp-with-port")) {
        let at = user_at(Some(user.unwrap_or("git")));
        return Some(["ssh://", &at, &bracketed, ":", port, rest].concat());
    }
    let changed = has("missing-user") || has("wrong-user") || has("password-in-url");
    changed.then(|| match p.form {
        UrlForm::Scp => [&user_at(user), &bracketed, ":", path].concat(),
        _ => {
            let port = p
                .port
                .map(|n| [":", &n.to_string()].concat())
                .unwrap_or_default();
            ["ssh://", &user_at(user), &bracketed, &port, path].concat()
        }
    })
}
