//! Takes off what comes along when a clone URL is copied from a page, a chat or a terminal: surrounding blanks
//! and line breaks, quotes and angle brackets, a leading `git clone` with its options and a trailing directory.
//! Each repair is reported once. JGit, which Jira uses, takes none of them off, so quotes, a `git clone` command
//! and invisible characters are errors (the cleaned URL is suggested); blanks are a warning. Only slicing: the
//! result is a part of the input.

use super::text::problem;
use crate::problem::{Problem, Severity};

/// Characters trimmed at both ends: Unicode white space (line breaks, no-break spaces) and the invisible marks
/// web pages carry (zero-width space, byte order mark, direction marks).
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}')
}

/// Pairs of quotes that wrap a pasted URL.
const QUOTES: [(char, char); 6] = [
    ('"', '"'),
    ('\'', '\''),
    ('`', '`'),
    ('<', '>'),
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
];

/// Options of `git clone` that take a separate value (`git clone -h`, git 2.47).
const OPTIONS_WITH_VALUE: [&str; 21] = [
    "-b",
    "--branch",
    "-o",
    "--origin",
    "-c",
    "--config",
    "--depth",
    "-j",
    "--jobs",
    "-u",
    "--upload-pack",
    "--reference",
    "--reference-if-able",
    "--template",
    "--filter",
    "--shallow-since",
    "--shallow-exclude",
    "--separate-git-dir",
    "--ref-format",
    "--server-option",
    "--bundle-uri",
];

/// The pasted text without its decorations; adds one info problem per kind of repair.
pub(super) fn clean<'a>(text: &'a str, problems: &mut Vec<Problem>) -> &'a str {
    let (mut blanks, mut quotes, mut prefix, mut invisible) = (false, false, false, false);
    let mut s = text;
    // A few rounds: `"git clone 'url'" ` needs blanks, quotes, the command, then quotes again.
    for _ in 0..4 {
        let before = s;
        let trimmed = s.trim_matches(is_blank);
        let (start, end) = (
            s.len() - s.trim_start_matches(is_blank).len(),
            trimmed.len(),
        );
        let cut = [&s[..start], &s[start + end..]];
        blanks |= trimmed.len() != s.len();
        invisible |= cut
            .iter()
            .any(|c| !c.bytes().all(|b| b.is_ascii_whitespace()));
        s = trimmed;
        if let Some(inner) = unquote(s) {
            quotes = true;
            s = inner;
        }
        if let Some(url) = strip_git_clone(s) {
            prefix = true;
            s = url;
        }
        if s.len() == before.len() {
            break;
        }
    }
    if prefix {
        problems.push(problem(
            "git-clone-prefix",
            Severity::Error,
            "The paste is a whole `git clone` command: Jira would read `git clone` as part of the user name. keyfit checked only its URL.",
            "Use this URL: paste only the cleaned URL (the suggestion) into Jira's Host URL field.",
        ));
    }
    if quotes {
        problems.push(problem(
            "quotes",
            Severity::Error,
            "Quotes or angle brackets around the URL: Jira keeps them, as part of the user name and the path. keyfit checked the URL without them.",
            "Use this URL: paste the cleaned URL (the suggestion), without quotes.",
        ));
    }
    if invisible {
        problems.push(problem(
            "invisible-character",
            Severity::Error,
            "Invisible characters around the URL (a zero-width space, a byte order mark, a no-break space or a direction mark): Jira keeps them as part of the user name or the path. keyfit checked the URL without them.",
            "Use this URL: paste the cleaned URL (the suggestion).",
        ));
    } else if blanks {
        problems.push(problem(
            "whitespace",
            Severity::Warning,
            "Blanks or line breaks around the URL: keyfit checked it without them, but Jira's connection does not take them off.",
            "Paste the cleaned URL (the suggestion), without blanks around it.",
        ));
    }
    s
}

fn unquote(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    let (_, close) = QUOTES.iter().find(|(open, _)| *open == first)?;
    let inner = s.strip_prefix(first)?.strip_suffix(*close)?;
    Some(inner)
}

/// The URL of a pasted `git clone [options] URL [directory]` command (also after a `$ ` prompt).
fn strip_git_clone(s: &str) -> Option<&str> {
    let s = s
        .strip_prefix('$')
        .unwrap_or(s)
        .trim_start_matches(is_blank);
    let mut words = s.split(is_blank).filter(|w| !w.is_empty());
    let (git, clone) = (words.next()?, words.next()?);
    if !git.eq_ignore_ascii_case("git") || !clone.eq_ignore_ascii_case("clone") {
        return None;
    }
    while let Some(word) = words.next() {
        if word == "--" {
            return words.next().or(Some(""));
        }
        if word.starts_with('-') && word.len() > 1 {
            if OPTIONS_WITH_VALUE.contains(&word) {
                words.next();
            }
            continue;
        }
        return Some(word);
    }
    Some("")
}
