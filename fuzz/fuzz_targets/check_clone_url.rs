//! The clone URL check of Jira's Host URL field, on any text: no panic, `ok` exactly when no problem is an
//! error, and a suggestion always checks without errors.
#![no_main]
use keyfit::{check_clone_url, Severity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = keyfit_fuzz::text(data) {
        let r = check_clone_url(text);
        assert_eq!(r.ok, r.problems.iter().all(|p| p.severity != Severity::Error));
        if let Some(s) = &r.suggestion {
            assert!(check_clone_url(s).ok, "{s}");
        }
    }
});
