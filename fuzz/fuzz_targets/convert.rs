//! Reading any key and writing it in an unencrypted target format (picked by the first byte).
#![no_main]
use keyfit::{convert_key, read_any, ConvertOptions, Format};
use libfuzzer_sys::fuzz_target;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

/// Targets that cost no KDF work (an encrypted output would time the KDF, not the readers).
const TARGETS: [Format; 8] = [
    Format::Pkcs1,
    Format::Pkcs8,
    Format::OpenSsh,
    Format::Ppk2,
    Format::OpenSshPublic,
    Format::Rfc4716Public,
    Format::Pkcs1Public,
    Format::SpkiPublic,
];

fuzz_target!(|data: &[u8]| {
    let (pass, bytes) = keyfit_fuzz::split(data);
    let to = TARGETS[data.first().map_or(0, |&b| usize::from(b / 3)) % TARGETS.len()];
    let mut opts = ConvertOptions::new(to);
    if let Some(p) = pass {
        opts.passphrase = String::from_utf8_lossy(p).into_owned().into();
    }
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    if let Ok(text) = convert_key(bytes, &opts, &mut rng) {
        // What keyfit writes, keyfit reads.
        let again = read_any(text.as_bytes(), None);
        assert!(
            again.is_ok(),
            "keyfit cannot read its own {} output",
            to.name()
        );
    }
});
