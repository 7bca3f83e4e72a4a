//! Which repository a URL names on its host: the path without `.git` and without a web page's parts, and Azure
//! DevOps's organisation and project.

use super::hosts::HostKind;
use super::parse::ParsedUrl;
use super::text::last;

/// The repository's path on its host, without `.git` and without the parts of a web page address:
/// `owner/repo` (GitHub, Bitbucket Cloud), `group/sub/project` (GitLab), `proj/repo` (Bitbucket Server).
pub(super) fn repo_path(p: &ParsedUrl) -> Option<String> {
    let path = p.path?.trim_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let mut parts = path.split('/');
    let mut next = || parts.next().filter(|s| !s.is_empty());
    let out = match p.kind {
        HostKind::Github | HostKind::BitbucketCloud => {
            let (owner, repo) = (next()?, next()?);
            [owner, "/", repo].concat()
        }
        HostKind::Gitlab => {
            let end = path
                .find("/-/")
                .unwrap_or(path.strip_suffix("/-").unwrap_or(path).len());
            let project = &path[..end];
            if !project.contains('/') {
                return None;
            }
            project.to_string()
        }
        HostKind::BitbucketServer => {
            let (a, b, c) = (next()?, next()?, next());
            let d = next();
            match (a, c, d) {
                ("projects", Some("repos"), Some(repo)) => [b, "/", repo].concat(),
                ("users", Some("repos"), Some(repo)) => ["~", b, "/", repo].concat(),
                ("scm", Some(repo), _) => [b, "/", repo].concat(),
                _ => [a, "/", b].concat(),
            }
            .to_ascii_lowercase()
        }
        _ if path.is_empty() => return None,
        _ => path.to_string(),
    };
    Some(out.strip_suffix(".git").map(str::to_string).unwrap_or(out))
}

/// The Azure DevOps organisation the URL names.
pub(super) fn azure_org<'a>(p: &ParsedUrl<'a>) -> Option<&'a str> {
    if p.kind != HostKind::AzureDevops {
        return None;
    }
    let host = p.host?;
    let mut segments = p.path?.split('/').filter(|s| !s.is_empty());
    if host.eq_ignore_ascii_case("dev.azure.com") {
        segments.next()
    } else if host.eq_ignore_ascii_case("ssh.dev.azure.com")
        || host.eq_ignore_ascii_case("vs-ssh.visualstudio.com")
    {
        segments.next().filter(|v| *v == "v3").and(segments.next())
    } else {
        let lower = host.to_ascii_lowercase();
        let org_len = lower.strip_suffix(".visualstudio.com")?.len();
        host.get(..org_len)
            .filter(|o| !o.is_empty() && !o.contains('.'))
    }
}
/// Azure DevOps's (organisation, project, repository, whether more follows) from a web or HTTPS address:
/// dev.azure.com/ORG/PROJECT/_git/REPO, ORG.visualstudio.com[/DefaultCollection]/PROJECT/_git/REPO, and
/// .../ORG/_git/REPO, where the project has the repository's name.
pub(super) fn azure_parts<'a>(p: &ParsedUrl<'a>) -> Option<(&'a str, &'a str, &'a str, bool)> {
    let org = azure_org(p)?;
    let (before, after) = p.path?.split_once("/_git/")?;
    let mut rest = after.split('/').filter(|s| !s.is_empty());
    let repo = rest.next()?;
    let project = match before.get(last(before, b'/').map_or(0, |i| i + 1)..) {
        Some(s) if !s.is_empty() && s != org && s != "DefaultCollection" => s,
        _ => repo,
    };
    Some((org, project, repo, rest.next().is_some()))
}
