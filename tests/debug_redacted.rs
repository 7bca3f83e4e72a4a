//! No public type prints key material through `Debug`: what a reader returns (`Parsed`, `PrivateKey`, the RSA
//! key inside it), a generated key's options, a conversion's options. rsa 0.9's own `RsaPrivateKey` derives a
//! `Debug` that prints d and the primes; keyfit's `RsaKey` wraps it.

mod common;

use keyfit::{read_any, ConvertOptions, Format, GenerateOptions, PrivateKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};

/// The decimal forms of the 64-bit limbs of a number (how num-bigint-dig's `Debug` prints it).
fn limbs(bytes: &[u8]) -> Vec<String> {
    bytes
        .rchunks(8)
        .map(|c| {
            c.iter()
                .fold(0u64, |a, &b| (a << 8) | u64::from(b))
                .to_string()
        })
        .filter(|s| s.len() >= 12)
        .collect()
}

fn leaked<'a>(text: &str, secrets: &'a [String]) -> Vec<&'a String> {
    secrets
        .iter()
        .filter(|s| text.contains(s.as_str()))
        .collect()
}

#[test]
fn rsa_keys_and_what_holds_them_print_no_secret() {
    let parsed = read_any(&common::read("rsa2048-pkcs1.pem"), None).expect("read");
    let Some(PrivateKey::Rsa(key)) = &parsed.private else {
        panic!("not an RSA private key");
    };
    let mut secrets = limbs(&key.d().to_bytes_be());
    for p in key.primes() {
        secrets.extend(limbs(&p.to_bytes_be()));
    }
    assert!(!secrets.is_empty());
    // The detector works: the rsa crate's own Debug shows them.
    let inner: &rsa::RsaPrivateKey = key;
    assert!(!leaked(&format!("{inner:?}"), &secrets).is_empty());
    let shown = [
        format!("{parsed:?}"),
        format!("{:?}", parsed.private),
        format!("{key:?}"),
        format!("{:?}", parsed.private.as_ref().map(|k| k.as_rsa())),
    ];
    for text in &shown {
        assert!(leaked(text, &secrets).is_empty(), "{text}");
    }
    assert_eq!(
        format!("{key:?}"),
        format!("RsaKey({} bits, redacted)", key.n().bits())
    );
}

#[test]
fn other_keys_and_options_print_no_secret() {
    for file in [
        "ed25519-openssh.key",
        "ecdsa256-openssh.key",
        "dsa-openssh.key",
    ] {
        let parsed = read_any(&common::read(file), None).expect("read");
        let text = format!("{parsed:?}");
        assert!(text.contains("PrivateKey("), "{text}");
        assert!(
            !text.contains("seed") && !text.contains("scalar") && !text.contains("x:"),
            "{text}"
        );
    }
    let mut convert = ConvertOptions::new(Format::OpenSsh);
    convert.passphrase = String::from("hunter2 old").into();
    convert.new_passphrase = String::from("hunter2 new").into();
    let generate = GenerateOptions {
        passphrase: String::from("hunter2 gen").into(),
        ..GenerateOptions::default()
    };
    let text = format!("{convert:?} {generate:?}");
    assert!(!text.contains("hunter2"), "{text}");
}
