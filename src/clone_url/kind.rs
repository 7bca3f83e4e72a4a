//! Which git host a parsed URL names, read from the tables of `hosts.rs`: exact names, then hosted suffixes,
//! then clear hints of self-hosted products.

use super::hosts::{Hint, HostKind, DOMAINS, HINTS, LOOK_ALIKES, PREFIXES, SUFFIXES};
use super::parse::{self, ParsedUrl, UrlForm};

/// `s` (already cleaned) parsed, with its host kind.
pub(super) fn read(s: &str) -> ParsedUrl<'_> {
    let mut p = parse::parse(s);
    (p.kind, p.guessed) = kind(&p);
    p
}

/// Whether `host` is a hosted service whose SSH user must be `git`.
pub(super) fn needs_git_user(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    DOMAINS
        .iter()
        .any(|(d, _, git)| *git && host.eq_ignore_ascii_case(d))
}

/// Which host the URL names, and whether that is a guess. A name that starts with a hosted service's name and
/// goes on (`gitlab.com.evil.example`) is no host keyfit knows.
fn kind(p: &ParsedUrl) -> (HostKind, bool) {
    let Some(host) = p.host else {
        return (HostKind::Other, false);
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
        });
    if let Some(kind) = named {
        return (*kind, false);
    }
    let look_alike = DOMAINS
        .iter()
        .map(|(d, _, _)| *d)
        .chain(SUFFIXES.iter().map(|(s, _)| s.trim_start_matches('.')))
        .chain(LOOK_ALIKES)
        .any(|d| {
            (host.starts_with(d) && host[d.len()..].starts_with('.'))
                || host.contains(&[".", d, "."].concat())
        });
    if look_alike {
        return (HostKind::Other, false);
    }
    if let Some((_, kind)) = PREFIXES.iter().find(|(s, _)| host.starts_with(s)) {
        return (*kind, true);
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
        .map_or((HostKind::Other, false), |(_, kind)| (*kind, true))
}
