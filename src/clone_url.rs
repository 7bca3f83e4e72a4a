//! The clone URL check: what a user pasted into Jira's **Host URL** field, whether Jira's SSH connection can use
//! it, which git host it names, the URL to paste instead, and where that host wants the public key.
//!
//! Data flows one way: text -> `clean` (pasted decorations off, reported as info) -> `parse` (the form:
//! scp, ssh, https, http, git or unknown) -> `kind` (which host, from the table in `hosts`) -> `checks` (the
//! problems) -> `suggest` (the URL to paste instead) -> `guide` and `verify` (where the key goes, the command
//! that checks it) -> [`CloneUrlReport`]. `address` (IPv4/IPv6), `repo` (the repository a URL names) and
//! `text` are helpers of these steps. Git's own URL rules are in `git help clone` ("GIT URLS"): an scp-like
//! `[user@]host:path` needs a colon before the first slash, and only `ssh://` URLs carry a port.
//!
//! Hand-written: the `url` crate knows nothing of git's scp-like form, and every byte counts in the page's budget.

mod address;
mod checks;
mod clean;
mod guide;
mod hosts;
mod kind;
mod parse;
mod repo;
mod suggest;
mod text;
mod verify;

use crate::limits;
use crate::problem::{Problem, Severity};
use parse::ParsedUrl;
use text::problem;

pub use guide::Guide;
pub use hosts::HostKind;
pub use parse::UrlForm;
pub use verify::VerifyCommands;

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
    /// Whether `host_kind` is a guess from a hint (a `gitlab.` or `bitbucket.` prefix, port 7999 or 29418, a
    /// path such as `/scm/`): a self-hosted server that looks like that product, not the hosted service.
    pub host_guessed: bool,
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
        let mut r = report(problems, &ParsedUrl::none(), String::new());
        r.guide.verify = verify::verify(r.host_kind, None);
        return r;
    }
    let cleaned = clean::clean(text, &mut problems);
    let url = kind::read(cleaned);
    let shown = url.redacted(cleaned);
    checks::check(&url, &mut problems);
    let suggestion = suggest::suggest(&url, &problems, text, cleaned);
    let mut r = report(problems, &url, shown);
    // Pages of the repository come from the URL to use: the suggestion when there is one.
    if let Some(mut target) = suggestion.as_deref().map(parse::parse) {
        target.kind = url.kind;
        r.guide = guide::guide(hosts::facts(url.kind), &target);
    }
    // The command is for the suggestion, else for the URL itself when it has no error and is an SSH URL.
    let usable = r.ok && matches!(r.form, UrlForm::Ssh | UrlForm::Scp);
    let target = suggestion
        .as_deref()
        .or(usable.then_some(r.cleaned.as_str()));
    r.guide.verify = verify::verify(r.host_kind, target);
    r.suggestion = suggestion;
    r
}

fn report(problems: Vec<Problem>, url: &ParsedUrl, cleaned: String) -> CloneUrlReport {
    let facts = hosts::facts(url.kind);
    CloneUrlReport {
        ok: problems.iter().all(|p| p.severity != Severity::Error),
        form: url.form,
        guide: guide::guide(facts, url),
        user: url.user.map(str::to_string),
        host: url.host.map(str::to_string),
        port: url.port,
        path: url.path.map(str::to_string),
        host_kind: url.kind,
        host_name: facts.plain_name,
        host_guessed: url.guessed,
        cleaned,
        problems,
        suggestion: None,
    }
}
