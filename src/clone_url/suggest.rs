//! The URL to paste instead: derived from the parsed URL and its problems, and kept only when it itself
//! checks without errors.

use super::checks;
use super::clean;
use super::hosts::HostKind;
use super::kind;
use super::parse::{ParsedUrl, Shape, UrlForm};
use super::repo::{azure_parts, repo_path};
use super::text::with_number;
use crate::inspect::{Problem, Severity};
use crate::limits;

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
fn repaired_ssh(p: &ParsedUrl, has: &dyn Fn(&str) -> bool) -> Option<String> {
    let host = p.host?;
    let bracketed = [
        if host.contains(':') { "[" } else { "" },
        host,
        if host.contains(':') { "]" } else { "" },
    ]
    .concat();
    let mut user = p.user;
    if has("missing-user") || has("wrong-user") {
        let named = matches!(p.kind, HostKind::Gerrit | HostKind::Gitblit);
        user = Some(if named { "USER" } else { "git" });
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
    if let Some((port, rest)) = p.scp_port().filter(|_| has("scp-with-port")) {
        let at = user_at(Some(user.unwrap_or("git")));
        return Some(["ssh://", &at, &bracketed, ":", port, rest].concat());
    }
    let changed = has("missing-user") || has("wrong-user") || has("password-in-url");
    changed.then(|| match p.form {
        UrlForm::Scp => [&user_at(user), &bracketed, ":", path].concat(),
        _ => {
            let port = p.port.map(|n| with_number(":", n)).unwrap_or_default();
            ["ssh://", &user_at(user), &bracketed, &port, path].concat()
        }
    })
}
