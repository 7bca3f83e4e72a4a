//! The reader of PKCS#8, plain and encrypted (PBES2 with PBKDF2 or scrypt), as PEM text or DER bytes, on any input.
#![no_main]
use keyfit::detect::{self, Input};
use keyfit::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let input = match keyfit_fuzz::text(bytes) {
        Some(text) => Input::Text(text),
        None => Input::Der(bytes),
    };
    let _ = detect::read(input, Format::Pkcs8, pass);
});
