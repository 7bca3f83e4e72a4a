//! The reader of PKCS#1 and the rest of OpenSSL's traditional family (EC and DSA PRIVATE KEY), with DEK-Info encryption, on any input.
#![no_main]
use keyfit::fuzzing;
use keyfit::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let _ = fuzzing::read_as(bytes, Format::Pkcs1, pass);
});
