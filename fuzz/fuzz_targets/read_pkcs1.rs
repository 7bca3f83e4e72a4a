//! The reader of PKCS#1 and the rest of OpenSSL's traditional family (EC and DSA PRIVATE KEY), with DEK-Info encryption, on any input.
#![no_main]
use keyfit::detect::{self, Input};
use keyfit::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    if let Some(text) = keyfit_fuzz::text(bytes) {
        let _ = detect::read(Input::Text(text), Format::Pkcs1, pass);
    }
});
