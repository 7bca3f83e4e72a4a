//! The whole checker on any bytes: detection, repair, every reader, the report. Never a panic; every problem
//! has a code.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let report = keyfit::inspect(bytes, pass);
    assert!(report.problems.iter().all(|p| !p.code.is_empty()));
});
