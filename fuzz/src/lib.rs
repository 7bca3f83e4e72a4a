//! Shared input handling for keyfit's fuzz targets (`fuzz_targets/`, one per reader).
//!
//! The first byte of a fuzz input picks the passphrase (none, the test corpus's, or a wrong one), so
//! encrypted seeds from tests/corpus exercise both the decrypting and the refusing paths; the rest is the file.

/// The passphrase of tests/corpus (tests/corpus/PASSPHRASE).
pub const PASSPHRASE: &[u8] = b"correct horse";

/// Splits a fuzz input into (passphrase, file bytes).
pub fn split(data: &[u8]) -> (Option<&'static [u8]>, &[u8]) {
    match data.split_first() {
        None => (None, data),
        Some((&b, rest)) => (
            match b % 3 {
                0 => None,
                1 => Some(PASSPHRASE),
                _ => Some(b"wrong horse".as_slice()),
            },
            rest,
        ),
    }
}

/// The file bytes as text, when they are UTF-8 (the text readers take `&str`).
pub fn text(bytes: &[u8]) -> Option<&str> {
    core::str::from_utf8(bytes).ok()
}

#[path = "../../tests/common/base64_run.rs"]
mod base64_run;
pub use base64_run::longest_base64_run;
