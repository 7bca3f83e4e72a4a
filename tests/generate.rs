//! Key generation: generated keys are consistent and every real tool takes them.
//! Keys here come from a seeded RNG (test-only) so each run does the same work.

mod common;

use keyfit::{generate_key, GenerateOptions};
use num_bigint_dig::BigUint;
use num_integer::Integer;
use num_traits::One;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};

fn opts(bits: usize, comment: &str, passphrase: &str) -> GenerateOptions {
    GenerateOptions {
        bits,
        comment: comment.into(),
        passphrase: passphrase.into(),
    }
}

/// TEST ONLY: a deterministic RNG, so the same seed makes the same key on every run.
fn seeded(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

#[test]
fn generated_keys_are_consistent() {
    for seed in 0..3 {
        let key = generate_key(&opts(2048, "", ""), &mut seeded(seed)).expect("generate");
        let rsa = key.key.as_rsa().expect("rsa");
        let (p, q) = (&rsa.primes()[0], &rsa.primes()[1]);
        let one = BigUint::one();
        assert_eq!(&(p * q), rsa.n(), "n = p*q");
        assert_eq!(rsa.e(), &BigUint::from(65537u32));
        assert_eq!(rsa.n().bits(), 2048);
        let lambda = (p - &one).lcm(&(q - &one));
        assert_eq!((rsa.e() * rsa.d()) % &lambda, one, "e*d = 1 mod lambda(n)");
        assert!(key
            .private_key
            .starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        assert!(key.private_key.ends_with("-----END RSA PRIVATE KEY-----\n"));
        assert!(key.private_key.lines().all(|l| l.len() <= 64));
        assert!(!key.private_key.contains('\r'));
    }
}

#[test]
fn the_same_seed_makes_the_same_key_and_another_seed_another() {
    let a = generate_key(&opts(2048, "", ""), &mut seeded(7)).expect("a");
    let b = generate_key(&opts(2048, "", ""), &mut seeded(7)).expect("b");
    let c = generate_key(&opts(2048, "", ""), &mut seeded(8)).expect("c");
    assert_eq!(a.fingerprint_sha256, b.fingerprint_sha256);
    assert_ne!(a.fingerprint_sha256, c.fingerprint_sha256);
}

#[test]
fn real_tools_take_a_generated_key() {
    let key = generate_key(&opts(2048, "jira@example.com", ""), &mut seeded(1)).expect("generate");
    assert!(key
        .public_key
        .starts_with("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB"));
    assert!(key.public_key.ends_with(" jira@example.com"));
    assert!(key.fingerprint_md5.starts_with("MD5:") && key.fingerprint_md5.len() == 4 + 47);
    common::tools::check_pem_with_tools(
        &key.private_key,
        None,
        &key.public_key,
        &key.fingerprint_sha256,
    );
}

#[test]
fn real_tools_decrypt_a_generated_key_with_its_passphrase_only() {
    let key = generate_key(&opts(2048, "ci", "correct horse"), &mut seeded(2)).expect("generate");
    assert!(key
        .private_key
        .contains("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"));
    common::tools::check_pem_with_tools(
        &key.private_key,
        Some("correct horse"),
        &key.public_key,
        &key.fingerprint_sha256,
    );
    // keyfit's own checker agrees: ready for Jira, and wrong passphrases are named as such.
    let report = keyfit::inspect(key.private_key.as_bytes(), Some(b"correct horse"));
    assert!(report.jira_ready, "{:?}", report.problems);
    let report = keyfit::inspect(key.private_key.as_bytes(), Some(b"wrong"));
    assert_eq!(report.problems[0].code, "wrong-passphrase");
}

#[test]
fn bad_options_are_refused_with_a_code() {
    let err = generate_key(&opts(1024, "", ""), &mut seeded(0))
        .err()
        .expect("1024 refused");
    assert_eq!(err.code(), "invalid-option");
    let err = generate_key(&opts(2048, "a\nb", ""), &mut seeded(0))
        .err()
        .expect("newline refused");
    assert_eq!(err.code(), "invalid-option");
}
