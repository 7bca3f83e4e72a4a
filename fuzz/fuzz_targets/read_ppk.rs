//! The reader of PuTTY .ppk v2 and v3 (Argon2, HMAC), on any input.
#![no_main]
use keyfit::fuzzing;
use keyfit::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let _ = fuzzing::read_as(bytes, Format::Ppk3, pass);
});
