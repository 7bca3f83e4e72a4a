//! Small text helpers shared by every step of the clone URL check (hand-written: each saves wasm bytes over the
//! generic std path it replaces).

use crate::problem::{Problem, Severity};

/// Where a word of a list must be found in a text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    Start,
    End,
    Anywhere,
}

/// Whether `s` starts with, ends with or contains one of `words` (one function for every list: each
/// `.iter().any(closure)` would be compiled on its own).
pub(super) fn has_any(s: &str, at: At, words: &[&str]) -> bool {
    words.iter().any(|w| match at {
        At::Start => s.starts_with(w),
        At::End => s.ends_with(w),
        At::Anywhere => s.contains(w),
    })
}

/// The byte index of the last `b` in `s` (`rfind` with a char pulls in a reverse UTF-8 searcher).
pub(super) fn last(s: &str, b: u8) -> Option<usize> {
    s.bytes().rposition(|c| c == b)
}

/// `digits` as a number in `radix` (only digits, at least one, at most `u32::MAX`); hand-written so that one
/// small function serves ports, IPv4 parts and IPv6 groups.
pub(super) fn number(digits: &str, radix: u32) -> Option<u32> {
    if digits.is_empty() {
        return None;
    }
    digits.chars().try_fold(0u32, |n, c| {
        n.checked_mul(radix)?.checked_add(c.to_digit(radix)?)
    })
}

/// `prefix` then `n` in decimal.
pub(super) fn with_number(prefix: &str, n: u16) -> String {
    let mut s = String::from(prefix);
    let mut div = 10000;
    while div > 1 && n / div == 0 {
        div /= 10;
    }
    while div > 0 {
        s.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
    s
}

/// A problem whose message and fix have no variable part.
pub(super) fn problem(code: &'static str, severity: Severity, message: &str, fix: &str) -> Problem {
    Problem {
        code,
        severity,
        message: message.to_string(),
        fix: fix.to_string(),
    }
}
