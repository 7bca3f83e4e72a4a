//! Which git host a parsed URL names, read from the tables of `hosts.rs`: exact names, then hosted suffixes,
//! then clear hints of self-hosted products.

use super::hosts::{Hint, HostKind, DOMAINS, HINTS, PREFIXES, SUFFIXES};
use super::parse::{self, ParsedUrl, UrlForm};

/// `s` (already cleaned) parsed, with its host kind.
pub(super) fn read(s: &str) -> ParsedUrl<'_> {
    let mut p = parse::parse(s);
    p.kind = kind(&p);
    p
}

/// Whether `host` is a hosted service whose SSH user must be `git`.
pub(super) fn needs_git_user(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    DOMAINS
        .iter()
        .any(|(d, _, git)| *git && host.eq_ignore_ascii_case(d))
}

/// Which host the URL names.
fn kind(p: &ParsedUrl) -> HostKind {
    let Some(host) = p.host else {
        return HostKind::Other;
    };
    let host = host.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    let named = DOMAINS
        .iter()
        .find(|(d, _, _)| *d == host)
        .map(|(_, kind, _)| kind)
        .or_else(|| {
            SUFFIXES
                .iter()
                .find(|(s, _)| host.ends_with(s))
                .map(|(_, k)| k)
        })
        .or_else(|| {
            PREFIXES
                .iter()
                .find(|(s, _)| host.starts_with(s))
                .map(|(_, k)| k)
        });
    if let Some(kind) = named {
        return *kind;
    }
    let path = p.path.unwrap_or("");
    let web = matches!(p.form, UrlForm::Https | UrlForm::Http);
    let holds = |hint: Hint| match hint {
        Hint::User(u) => p.user == Some(u),
        Hint::Port(n) => p.port == Some(n),
        Hint::PortAndGitPath(n) => p.port == Some(n) && path.ends_with(".git"),
        Hint::WebPath(start) => web && path.starts_with(start),
        Hint::PathStart(start) => path.starts_with(start),
        Hint::PathHas(part) => path.contains(part),
    };
    HINTS
        .iter()
        .find(|(hint, _)| holds(*hint))
        .map_or(HostKind::Other, |(_, kind)| *kind)
}
