//! The problems of a parsed clone URL, in a fixed order (secrets, the form, the path, the user, the address).
//! Messages never repeat the input: only fixed words and the host's name.

use super::address::is_private;
use super::hosts::{facts, HostKind};
use super::kind::needs_git_user;
use super::parse::{NotUrl, ParsedUrl, Shape, UrlForm};
use super::repo::{azure_parts, repo_path};
use super::text::{has_any, problem, At};
use crate::problem::{Problem, Severity};

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
    // command). JGit runs no command line, but such a URL never works, and it must not reach a verify command.
    if [p.user, p.host, p.path]
        .into_iter()
        .flatten()
        .any(|s| s.starts_with('-'))
    {
        error(
            problems,
            "dash-option",
            "A part of this URL starts with a dash. Jira's connection runs no command line, so nothing runs there, but no server has such a user, host or repository: the connection fails. On a terminal, ssh and git would read it as an option, a known way to make a clone URL run a command.",
            "Copy the clone URL again from the repository's Clone button: no real user, host or repository name starts with a dash.",
        );
    }
    if p.scheme_case {
        error(
            problems,
            "scheme-case",
            "The scheme is written with capitals: Jira's connection knows only lower-case schemes (ssh://) and reads this as a folder path.",
            "Write the scheme in lower case, as in the suggested URL.",
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
            "A slash right after the host name: Jira does not read this as that server (it sees a folder path, or takes what comes before a colon further on as the host).",
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
        NotUrl::Control => {
            return error(
                problems,
                "control-character",
                "The text holds control or invisible formatting characters, which no clone URL has: they can hide or reorder what is shown, and Jira would send them to the server.",
                "Copy the URL again from the repository's Clone button, or type it by hand.",
            )
        }
        NotUrl::Transport => {
            return error(
                problems,
                "transport-form",
                "This is git's transport-helper form (ext::, fd::), which only a local git runs: Jira reads the word before :: as a host name.",
                COPY_SSH_URL,
            )
        }
        NotUrl::SchemeTypo => {
            return error(
                problems,
                "scheme-typo",
                "The scheme misses a character of :// (ssh:/ or ssh//): Jira reads the scheme as a host name or a folder path.",
                "Write :// after the scheme, as in the suggested URL.",
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
        if p.form == UrlForm::Ssh && port.starts_with(|c: char| c.is_ascii_alphabetic() || c == '~')
        {
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
    check_address(p, problems);
    if p.form == UrlForm::Scp && p.scp_port().is_some() && !p.host.is_some_and(|h| h.contains(':'))
    {
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

/// `ipv6-form`, `scp-second-colon` and `percent-escape`: what JGit, which Jira uses, reads
/// otherwise than git.
fn check_address(p: &ParsedUrl, problems: &mut Vec<Problem>) {
    let ssh_like = matches!(p.form, UrlForm::Ssh | UrlForm::Scp);
    if ssh_like && p.host.is_some_and(|h| h.contains(':')) {
        let h = p.host.unwrap_or("");
        if p.form == UrlForm::Scp
            || h.contains(|c: char| c.is_ascii_uppercase() || c == '.' || c == '%')
        {
            error(
                problems,
                "ipv6-form",
                "Jira's connection reads an IPv6 address only in the ssh:// form, in lower case, and without a zone (%) or an IPv4 tail: it would connect to another host or none.",
                "Use the suggested URL (ssh://git@[2001:db8::1]/path), or the server's host name.",
            );
        }
    }
    let path = p.path.unwrap_or("");
    let ipv6 = p.host.is_some_and(|h| h.contains(':'));
    if p.form == UrlForm::Scp && !ipv6 && path.split('/').next().unwrap_or("").contains(':') {
        error(
            problems,
            "scp-second-colon",
            "A second colon after the host: Jira's connection reads everything after the first colon, the number or name included, as the repository path.",
            "Give a port only in the ssh:// form (ssh://git@host:7999/project/repo.git), as in the suggested URL.",
        );
    }
    if p.form == UrlForm::Ssh && (path.contains('%') || p.user.is_some_and(|u| u.contains('%'))) {
        error(
            problems,
            "percent-escape",
            "A % escape in an ssh:// URL: Jira's connection decodes it (so it asks for another name than git would) or refuses a malformed one.",
            "Write the name without % escapes, or use the short form user@host:path, which Jira does not decode.",
        );
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
    // A hidden token as the user is still a user (JGit logs in as it).
    let (code, what) = match p.user.or(p.has_secret().then_some("***")) {
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
