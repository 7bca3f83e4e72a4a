//! The clone URL check: what a user pasted into Jira's **Host URL** field, whether Jira's SSH connection can use
//! it, which git host it names, the URL to paste instead, and where that host wants the public key.
//!
//! Data flows one way: text -> `clean` (pasted decorations off, reported as info) -> `parse` (the form:
//! scp, ssh, https, http, git or unknown) -> `hosts` (which host, its facts) -> `checks` (problems and the
//! suggestion) -> [`CloneUrlReport`]. Git's own URL rules are in `git help clone` ("GIT URLS"): an scp-like
//! `[user@]host:path` needs a colon before the first slash, and only `ssh://` URLs carry a port.
//!
//! Hand-written: the `url` crate knows nothing of git's scp-like form, and every byte counts in the page's budget.

mod checks;
mod clean;
mod hosts;
mod parse;

use crate::inspect::{Problem, Severity};
use crate::limits;

pub use hosts::HostKind;

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
    /// A command that checks the SSH connection with the key.
    pub verify: String,
    /// The public documentation these facts come from.
    pub docs: &'static [&'static str],
}

/// The report on one pasted clone URL. It never holds a password or token that was in the URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloneUrlReport {
    /// True exactly when no problem has error severity.
    pub ok: bool,
    /// How the URL is written.
    pub form: UrlForm,
    /// The SSH (or URL) user, when one is given.
    pub user: Option<String>,
    /// The host name or address (IPv6 without brackets).
    pub host: Option<String>,
    /// The port, when one is given.
    pub port: Option<u16>,
    /// The path as written after the host (`ssh://` and `https://` paths start with `/`).
    pub path: Option<String>,
    /// Which git host this is (guessed from clear hints for self-hosted servers).
    pub host_kind: HostKind,
    /// The host's plain name for the page ("GitHub", ..., "your git server").
    pub host_name: &'static str,
    /// The input with the pasted decorations removed (what was checked), a password or token replaced by `***`.
    pub cleaned: String,
    /// Everything found, in the order checked.
    pub problems: Vec<Problem>,
    /// The URL to paste instead, when keyfit can derive it.
    pub suggestion: Option<String>,
    /// Where and how the public key is added on this host.
    pub guide: Guide,
}

/// Checks a clone URL pasted into Jira's Host URL field. Never fails and never panics: every finding is a
/// [`Problem`] with a stable code (README "Clone URL codes").
///
/// ```
/// let r = keyfit::check_clone_url("https://github.com/acme/app");
/// assert!(!r.ok);
/// assert_eq!(r.problems[0].code, "https-url");
/// assert_eq!(r.suggestion.as_deref(), Some("git@github.com:acme/app.git"));
/// assert!(keyfit::check_clone_url("git@github.com:acme/app.git").ok);
/// ```
pub fn check_clone_url(text: &str) -> CloneUrlReport {
    let mut problems = Vec::new();
    if text.len() > limits::MAX_CLONE_URL_BYTES {
        problems.push(problem(
            "url-too-long",
            Severity::Error,
            "This is far longer than any clone URL (over 2 KiB), so it was not checked.",
            "Paste only the repository's SSH clone URL, copied from its Clone button.",
        ));
        let mut r = report(problems, &parse::Parsed::none(), String::new());
        r.guide.verify = hosts::verify(&r, None);
        return r;
    }
    let cleaned = clean::clean(text, &mut problems);
    let url = parse::parse(cleaned);
    let shown = url.redacted(cleaned);
    checks::check(&url, &mut problems);
    let suggestion = checks::suggest(&url, &problems, text, cleaned);
    let mut r = report(problems, &url, shown);
    // Pages of the repository come from the URL to use: the suggestion when there is one.
    if let Some(mut target) = suggestion.as_deref().map(parse::parse) {
        target.kind = url.kind;
        r.guide = hosts::guide(hosts::facts(url.kind), &target);
    }
    r.guide.verify = hosts::verify(&r, suggestion.as_deref());
    r.suggestion = suggestion;
    r
}

/// Whether `url` checks without errors exactly as it is (no decoration to take off, under the length cap): the
/// test every suggestion passes.
fn checks_clean(url: &str) -> bool {
    let mut problems = Vec::new();
    if url.len() > limits::MAX_CLONE_URL_BYTES || clean::clean(url, &mut problems) != url {
        return false;
    }
    checks::check(&parse::parse(url), &mut problems);
    problems.iter().all(|p| p.severity != Severity::Error)
}

fn report(problems: Vec<Problem>, url: &parse::Parsed, cleaned: String) -> CloneUrlReport {
    let facts = hosts::facts(url.kind);
    CloneUrlReport {
        ok: problems.iter().all(|p| p.severity != Severity::Error),
        form: url.form,
        guide: hosts::guide(facts, url),
        user: url.user.map(str::to_string),
        host: url.host.map(str::to_string),
        port: url.port,
        path: url.path.map(str::to_string),
        host_kind: url.kind,
        host_name: facts.plain_name,
        cleaned,
        problems,
        suggestion: None,
    }
}

/// A problem whose message and fix have no variable part.
fn problem(code: &'static str, severity: Severity, message: &str, fix: &str) -> Problem {
    Problem {
        code,
        severity,
        message: message.to_string(),
        fix: fix.to_string(),
    }
}
