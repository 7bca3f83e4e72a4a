//! Repairing mangled pastes of any text.
#![no_main]
use keyfit::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = keyfit_fuzz::text(data) {
        let _ = fuzzing::repair(text);
    }
});
