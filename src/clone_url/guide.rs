//! Where a host wants the public key, for the repository a URL names: the host's facts with their page
//! templates filled in.

use super::hosts::Facts;
use super::parse::ParsedUrl;
use super::repo::{azure_org, repo_path};
use super::verify::VerifyCommands;

/// Where and how the public key is added on the git host the URL names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guide {
    /// Where the user's own SSH keys are added, in plain words.
    pub account_keys: &'static str,
    /// The page itself, when the host has a fixed one.
    pub account_keys_url: Option<String>,
    /// Where a repository's read-only deploy (access) key is added; `None` when the host has none.
    pub deploy_keys: Option<&'static str>,
    /// That page for this repository, when it can be derived from the URL.
    pub deploy_keys_url: Option<String>,
    /// Which key types the host accepts (RSA, which Jira needs, noted).
    pub key_types: &'static str,
    /// The command that checks the SSH connection with the key, for POSIX sh, PowerShell and cmd.
    pub verify: VerifyCommands,
    /// The public documentation these facts come from.
    pub docs: &'static [&'static str],
}

/// Where the public key goes for the host and repository of `p`.
pub(super) fn guide(f: &'static Facts, p: &ParsedUrl) -> Guide {
    let repo = repo_path(p);
    let org = azure_org(p);
    Guide {
        account_keys: f.account_keys,
        account_keys_url: fill(f.account_keys_url, p, repo.as_deref(), org),
        deploy_keys: f.deploy_keys,
        deploy_keys_url: fill(f.deploy_keys_url, p, repo.as_deref(), org),
        key_types: f.key_types,
        verify: VerifyCommands::default(),
        docs: f.docs,
    }
}

/// A URL template with its parts filled in; `None` when the template is empty or a part is unknown. One pass over
/// the template (no `str::replace`).
fn fill(template: &str, p: &ParsedUrl, repo: Option<&str>, org: Option<&str>) -> Option<String> {
    if template.is_empty() {
        return None;
    }
    let mut parts = repo.unwrap_or("").split('/');
    let (first, second) = (parts.next(), parts.next().or(Some("")));
    let host = p
        .host
        .map(|h| h.strip_prefix("www.").unwrap_or(h).to_ascii_lowercase());
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let value = match rest.as_bytes().get(open + 1) {
            Some(b'h') => host.as_deref(),
            Some(b'o') => org,
            Some(b'r') => repo,
            Some(b'0') => first,
            _ => second,
        };
        // Only characters a URL path carries as they are: no quote, `<`, `?`, `#` or `:` from the paste.
        let value = value.filter(|v| {
            !v.is_empty()
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~/%+@".contains(&b))
        })?;
        out.push_str(value);
        rest = rest.get(open..)?.split_once('}')?.1;
    }
    out.push_str(rest);
    Some(out)
}
