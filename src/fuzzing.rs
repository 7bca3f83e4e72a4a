//! Entry points for the cargo-fuzz targets of `fuzz/`, one per reader; compiled only with `--cfg fuzzing` (as
//! `cargo fuzz` builds), where the caps of [`crate::limits`] are lowered. Not part of keyfit's API.

use crate::detect;
use crate::error::Result;
use crate::parsed::{Format, Parsed};
use crate::repair::Repair;

/// The one reading pass of `inspect` and `convert_key`: repair, format, reader; returns the format named and
/// what the reader found.
pub fn read(bytes: &[u8], passphrase: Option<&[u8]>) -> (Format, Result<Parsed>) {
    let reading = detect::read(bytes, passphrase);
    (reading.format, reading.parsed)
}

/// Reads `bytes` (text when UTF-8 without NUL bytes, DER otherwise) with the reader of `format` alone.
///
/// # Errors
/// The reader's errors.
pub fn read_as(bytes: &[u8], format: Format, passphrase: Option<&[u8]>) -> Result<Parsed> {
    detect::read_as(bytes, format, passphrase)
}

/// The repaired text of a paste and what was repaired.
pub fn repair(text: &str) -> (String, Vec<Repair>) {
    let r = crate::repair::repair(text);
    (r.text.to_string(), r.repairs)
}
