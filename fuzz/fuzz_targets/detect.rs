//! Naming the format from the input's shape, then reading it as that format (what `inspect` does before
//! diagnosing).
#![no_main]
use keyfit::detect::{self, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let input = Input::from_bytes(bytes);
    let format = detect::sniff(input);
    let _ = detect::read(input, format, pass);
});
