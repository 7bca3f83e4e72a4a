//! The public-key readers (OpenSSH line, RFC 4716, PKCS#1 and SPKI public keys; picked by the first byte).
#![no_main]
use keyfit::fuzzing;
use keyfit::Format;
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 4] = [
    Format::OpenSshPublic,
    Format::Rfc4716Public,
    Format::Pkcs1Public,
    Format::SpkiPublic,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let _ = fuzzing::read_as(rest, FORMATS[usize::from(pick) % FORMATS.len()], None);
});
