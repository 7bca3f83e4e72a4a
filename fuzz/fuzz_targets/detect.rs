//! The one reading pass (repair, format from the shape, the reader for it) that `inspect` and `convert_key`
//! share.
#![no_main]
use keyfit::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let _ = fuzzing::read(bytes, pass);
});
