//! The problems of a parsed clone URL, in a fixed order (secrets, the form, the path, the user, the address).
//! Messages never repeat the input: only fixed words and the host's name.

use super::address::is_private;
use super::hosts::{facts, HostKind};
use super::kind::needs_git_user;
use super::parse::{NotUrl, ParsedUrl, Shape, UrlForm};
use super::repo::{azure_parts, repo_path};
use super::text::{has_any, problem, At};
use crate::inspect::{Problem, Severity};

const COPY_SSH_URL: &str = "Copy the SSH clone URL from the repository's Clone button (SSH tab): it looks like git@host:group/repo.git or ssh://git@host/group/repo.git.";

fn error(problems: &mut Vec<Problem>, code: &'static str, message: &str, fix: &str) {
    problems.push(problem(code, Severity::Error, message, fix));
}

/// Adds the problems of `p` to `problems`.
pub(super) fn check(p: &ParsedUrl, problems: &mut Vec<Problem>) {
    if p.has_secret() {
        error(
            problems,
            "password-in-url",
            "The URL holds a password or access token. keyfit does not show it, but whoever sees this URL can use it.",
            "Remove it (Jira's SSH integration uses the key, not a password), and revoke or change that token or password on the git host.",
        );
    }
    // CVE-2017-1000117: ssh and git read a word starting with `-` as an option (`-oProxyCommand=...` runs a
    // command); git refuses such a user, host or path, and so must Jira's side and the verify command.
    if [p.user, p.host, p.path]
        .into_iter()
        .flatten()
        .any(|s| s.starts_with('-'))
    {
        error(
            problems,
            "dash-option",
            "A part of this URL starts with a dash, which ssh and git read as an option (a known way to make a clone URL run a command); git refuses such URLs.",
            "Copy the clone URL again from the repository's Clone button: no real user, host or repository name starts with a dash.",
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

fn check_form(p: &ParsedUrl, problems: &mut Vec<Problem>) {
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
    if p.form == UrlForm::Scp && p.scp_port().is_some() {
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
    if p.bad_port.is_none() && (path.is_empty() || (needs_owner && repo_path(p).is_none())) {
        missing_path(problems);
    }
}

/// Whether an http(s) URL is a web page of the repository rather than its clone URL.
fn is_browser(p: &ParsedUrl) -> bool {
    let path = p.path.unwrap_or("");
    let trimmed = path.trim_matches('/');
    let segments = trimmed.split('/').filter(|s| !s.is_empty()).count();
    let query = p.query.unwrap_or("");
    query.starts_with('#')
        || has_any(query, At::Anywhere, &["path=", "version=", "tab="])
        || has_any(
            path,
            At::Anywhere,
            &["/tree/", "/blob/", "/src/", "/browse", "/-/"],
        )
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
fn check_user(p: &ParsedUrl, problems: &mut Vec<Problem>) {
    if !matches!(p.form, UrlForm::Ssh | UrlForm::Scp) {
        return;
    }
    let Some(host) = p.host else { return };
    let name = facts(p.kind).plain_name;
    if host.eq_ignore_ascii_case("vs-ssh.visualstudio.com") && p.user.is_none() {
        return error(
            problems,
            "missing-user",
            "The old Azure DevOps SSH address needs your organisation as the user (ORG@vs-ssh.visualstudio.com).",
            "Copy the current SSH URL from the Clone dialog: git@ssh.dev.azure.com:v3/ORG/PROJECT/REPO.",
        );
    }
    if p.user.is_none() && matches!(p.kind, HostKind::Gerrit | HostKind::Gitblit) {
        return problems.push(Problem {
            code: "missing-user",
            severity: Severity::Error,
            message: [
                name,
                " takes SSH connections for your user name there, and this URL names no user: Jira would log in as some other user and be refused.",
            ]
            .concat(),
            fix: [
                "Write your ",
                name,
                " user name and @ in front of the host (its settings page shows it; it is not git), as in the suggested URL with USER replaced.",
            ]
            .concat(),
        });
    }
    if !needs_git_user(host) {
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
