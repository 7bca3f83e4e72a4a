//! Entry points for the cargo-fuzz targets of `fuzz/`, one per reader; compiled only with `--cfg fuzzing` (as
//! `cargo fuzz` builds), where the caps of [`crate::limits`] are lowered. Not part of keyfit's API.

use crate::detect::{self, Input};
use crate::error::Result;
use crate::parsed::{Format, Parsed};
use crate::repair::Repair;

/// Reads `bytes` as `format` (text when UTF-8 without NUL bytes, DER otherwise), as `inspect` does once it has
/// named the format.
///
/// # Errors
/// The reader's errors.
pub fn read_as(bytes: &[u8], format: Format, passphrase: Option<&[u8]>) -> Result<Parsed> {
    detect::read(Input::from_bytes(bytes), format, passphrase)
}

/// The format `bytes` look like, from their shape alone.
pub fn sniff(bytes: &[u8]) -> Format {
    detect::sniff(Input::from_bytes(bytes))
}

/// The repaired text of a paste and what was repaired.
pub fn repair(text: &str) -> (String, Vec<Repair>) {
    let r = crate::repair::repair(text);
    (r.text.to_string(), r.repairs)
}
