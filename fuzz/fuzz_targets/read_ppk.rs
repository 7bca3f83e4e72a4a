//! The reader of PuTTY .ppk v2 and v3 (Argon2, HMAC), on any input.
#![no_main]
use keyfit::detect::{self, Input};
use keyfit::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    if let Some(text) = keyfit_fuzz::text(bytes) {
        let _ = detect::read(Input::Text(text), Format::Ppk3, pass);
    }
});
