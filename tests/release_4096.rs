//! A real 4096-bit key from the operating system's RNG, checked by every real tool. Debug builds of RSA key
//! generation are slow, so `./build.sh test` runs this file with `--release`.

mod common;

use keyfit::{generate_key, GenerateOptions};

#[test]
#[cfg_attr(debug_assertions, ignore = "run by ./build.sh test with --release")]
fn a_real_4096_bit_key_passes_every_tool() {
    for passphrase in ["", "correct horse battery staple"] {
        let opts = GenerateOptions {
            bits: 4096,
            comment: "keyfit-release-test".into(),
            passphrase: passphrase.into(),
        };
        let key = generate_key(&opts, &mut rand_core::OsRng).expect("generate");
        assert_eq!(key.bits, 4096);
        let pass = (!passphrase.is_empty()).then_some(passphrase);
        common::tools::check_pem_with_tools(
            &key.private_key,
            pass,
            &key.public_key,
            &key.fingerprint_sha256,
        );
    }
}
