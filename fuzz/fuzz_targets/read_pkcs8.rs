//! The reader of PKCS#8, plain and encrypted (PBES2 with PBKDF2 or scrypt), as PEM text or DER bytes, on any input.
#![no_main]
use keyfit::fuzzing;
use keyfit::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let _ = fuzzing::read_as(bytes, Format::Pkcs8, pass);
});
