//! The longest run of base64 characters in a text: how the tests and the fuzz target `match_key` (which
//! includes this file by path) check that an answer carries no key material.

/// Length of the longest run of `A-Z a-z 0-9 + /` in `text`.
pub fn longest_base64_run(text: &str) -> usize {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/'))
        .map(str::len)
        .max()
        .unwrap_or(0)
}
