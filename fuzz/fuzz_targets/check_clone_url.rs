//! The clone URL check of Jira's Host URL field, on any text: no panic, `ok` exactly when no problem is an
//! error, a suggestion always checks without errors, and no control or bidi character comes back in `cleaned`,
//! a suggestion or a verify command.
#![no_main]
use keyfit::{check_clone_url, Severity};
use libfuzzer_sys::fuzz_target;

fn hidden(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

fuzz_target!(|data: &[u8]| {
    if let Some(text) = keyfit_fuzz::text(data) {
        let r = check_clone_url(text);
        assert_eq!(
            r.ok,
            r.problems.iter().all(|p| p.severity != Severity::Error)
        );
        if let Some(s) = &r.suggestion {
            assert!(check_clone_url(s).ok, "{s}");
            assert!(!hidden(s), "{s:?}");
        }
        let v = &r.guide.verify;
        for shown in [&r.cleaned, &v.sh, &v.powershell, &v.cmd] {
            assert!(!hidden(shown), "{shown:?}");
        }
    }
});
