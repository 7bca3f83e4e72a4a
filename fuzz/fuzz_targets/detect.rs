//! Naming the format from the input's shape, then reading it as that format (what `inspect` does before
//! diagnosing).
#![no_main]
use keyfit::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let _ = fuzzing::read_as(bytes, fuzzing::sniff(bytes), pass);
});
