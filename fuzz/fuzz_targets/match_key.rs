//! `match_key` on any two inputs: the key, then `\n###\n`, then what to compare it with (without the separator,
//! the same bytes on both sides). Never a panic; an answer has a code and a message without key-length base64 runs; a
//! side compared with itself is never called another key.
#![no_main]
use libfuzzer_sys::fuzz_target;

const SEPARATOR: &[u8] = b"\n###\n";

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let (key, other) = match bytes.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(i) => (&bytes[..i], &bytes[i + SEPARATOR.len()..]),
        None => (bytes, bytes),
    };
    let m = keyfit::match_key(key, pass, other);
    assert!(!m.code.is_empty() && !m.message.is_empty());
    assert!(m.matches.is_none() || m.key_fingerprint.is_some());
    let longest_base64 = keyfit_fuzz::longest_base64_run(&m.message);
    // Names read from a file (a cipher, a key type) are shown, up to 64 characters (`text::shown`); key
    // material is longer (the shortest, an Ed25519 public key, is 68 characters of base64).
    assert!(longest_base64 <= 64, "{}", m.message);
    if key == other && m.matches.is_some() {
        assert_eq!(m.matches, Some(true), "{}", m.code);
    }
});
