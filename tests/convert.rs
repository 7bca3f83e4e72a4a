//! The converter: every readable corpus key round-trips through every target, and the real tools read what
//! keyfit writes (openssl, ssh-keygen, puttygen, JSch), with equal fingerprints and refusing wrong passphrases.

mod common;

use common::tools::{jsch_accepts, puttygen, run, ssh_keygen_fingerprint, try_run, write_private};
use common::{corpus, read, PASSPHRASE};
use keyfit::PrivateKey;
use keyfit::{convert_key, read_any, ConvertOptions, Format};
use rand_chacha::rand_core::SeedableRng;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use std::path::Path;
use std::process::Command;

/// TEST ONLY: a seeded RNG for IVs and salts.
fn rng() -> rand_chacha::ChaCha20Rng {
    rand_chacha::ChaCha20Rng::seed_from_u64(4)
}

/// Every secret component of a key, in a canonical order, for comparing two keys.
fn components(key: &PrivateKey) -> Vec<Vec<u8>> {
    match key {
        PrivateKey::Rsa(k) => {
            let mut primes: Vec<Vec<u8>> = k.primes().iter().map(|p| p.to_bytes_be()).collect();
            primes.sort();
            [
                vec![
                    k.n().to_bytes_be(),
                    k.e().to_bytes_be(),
                    k.d().to_bytes_be(),
                ],
                primes,
            ]
            .concat()
        }
        PrivateKey::Ed25519(k) => vec![k.seed.to_vec(), k.public.to_vec()],
        PrivateKey::Ecdsa(k) => vec![k.point.clone(), k.scalar.clone()],
        PrivateKey::Dsa(k) => [&k.p, &k.q, &k.g, &k.y, &k.x]
            .iter()
            .map(|v| v.to_bytes_be())
            .collect(),
    }
}

fn opts(to: Format, passphrase: &str, new_passphrase: &str) -> ConvertOptions {
    let mut o = ConvertOptions::new(to);
    o.passphrase = passphrase.into();
    o.new_passphrase = new_passphrase.into();
    o
}

fn carries_comment(to: Format) -> bool {
    matches!(
        to,
        Format::OpenSsh
            | Format::Ppk2
            | Format::Ppk3
            | Format::OpenSshPublic
            | Format::Rfc4716Public
    )
}

fn supports(key: &PrivateKey, to: Format) -> bool {
    key.algorithm() == keyfit::Algorithm::Rsa || !matches!(to, Format::Pkcs1 | Format::Pkcs1Public)
}

#[test]
fn every_readable_key_round_trips_through_every_target() {
    let mut done = 0;
    for e in corpus().into_iter().filter(|e| e.kind == "private") {
        let pass = if e.encrypted { PASSPHRASE } else { "" };
        let original = read_any(&read(&e.file), Some(pass.as_bytes())).expect(&e.file);
        let key = original.private.as_ref().expect("private key");
        for to in Format::WRITABLE {
            if !supports(key, to) {
                let err = convert_key(&read(&e.file), &opts(to, pass, ""), &mut rng())
                    .expect_err("not-rsa");
                assert_eq!(err.code(), "not-rsa", "{} -> {}", e.file, to.name());
                continue;
            }
            for new_pass in ["", "new pass"] {
                if to.is_public() && !new_pass.is_empty() {
                    continue;
                }
                let mut o = opts(to, pass, new_pass);
                o.comment = Some("round trip".into());
                let out = convert_key(&read(&e.file), &o, &mut rng())
                    .unwrap_or_else(|err| panic!("{} -> {}: {err}", e.file, to.name()));
                assert!(
                    out.ends_with('\n') && !out.contains('\r'),
                    "{} -> {}: layout",
                    e.file,
                    to.name()
                );
                let back = read_any(out.as_bytes(), Some(new_pass.as_bytes())).expect("read back");
                assert_eq!(back.format.name(), to.name(), "{} -> {}", e.file, to.name());
                assert_eq!(
                    back.public,
                    original.public,
                    "{} -> {}: public key",
                    e.file,
                    to.name()
                );
                if let Some(k) = &back.private {
                    assert_eq!(
                        components(k),
                        components(key),
                        "{} -> {}: components",
                        e.file,
                        to.name()
                    );
                } else {
                    assert!(
                        to.is_public(),
                        "{} -> {}: private key lost",
                        e.file,
                        to.name()
                    );
                }
                assert_eq!(
                    back.encryption.is_some(),
                    !new_pass.is_empty(),
                    "{} -> {}",
                    e.file,
                    to.name()
                );
                if carries_comment(to) {
                    assert_eq!(
                        back.comment.as_deref(),
                        Some("round trip"),
                        "{} -> {}",
                        e.file,
                        to.name()
                    );
                }
                done += 1;
            }
        }
    }
    assert!(done > 300, "only {done} conversions");
}

#[test]
fn comments_are_kept_from_formats_that_carry_them() {
    let out = convert_key(
        &read("rsa2048-ppk3.ppk"),
        &opts(Format::OpenSsh, "", ""),
        &mut rng(),
    )
    .expect("convert");
    let ppk = read_any(&read("rsa2048-ppk3.ppk"), None).expect("ppk");
    let back = read_any(out.as_bytes(), None).expect("back");
    assert!(ppk.comment.is_some());
    assert_eq!(back.comment, ppk.comment);
}

/// The bcrypt rounds are unused without a new passphrase: any value, even 0 or one past the cap, still writes
/// the unencrypted OpenSSH key; with a passphrase they are checked, as the caller's option.
#[test]
fn openssh_without_a_new_passphrase_ignores_the_rounds() {
    let want = fingerprint_of("rsa2048-pkcs1.pem");
    for rounds in [0, 1, 16, keyfit::limits::MAX_BCRYPT_ROUNDS + 1, u32::MAX] {
        let mut o = opts(Format::OpenSsh, "", "");
        o.rounds = rounds;
        let out = convert_key(&read("rsa2048-pkcs1.pem"), &o, &mut rng())
            .unwrap_or_else(|e| panic!("rounds {rounds}: {e}"));
        assert!(out.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        let back = read_any(out.as_bytes(), None).expect("read back");
        assert!(back.encryption.is_none(), "rounds {rounds}");
        assert_eq!(
            back.public.expect("public").fingerprint_sha256(),
            want,
            "rounds {rounds}"
        );
    }
    for rounds in [0, keyfit::limits::MAX_BCRYPT_ROUNDS + 1] {
        let mut o = opts(Format::OpenSsh, "", "new pass");
        o.rounds = rounds;
        let err = convert_key(&read("rsa2048-pkcs1.pem"), &o, &mut rng()).expect_err("rounds");
        assert_eq!(err.code(), "invalid-option", "rounds {rounds}");
    }
}

/// Converts `file` to `to` (encrypted with `new_pass` when non-empty) and writes it, 0600, in `dir`.
fn convert_to_file(dir: &Path, file: &str, to: Format, new_pass: &str) -> std::path::PathBuf {
    let e = corpus()
        .into_iter()
        .find(|e| e.file == file)
        .expect("corpus row");
    let pass = if e.encrypted { PASSPHRASE } else { "" };
    let out = convert_key(&read(file), &opts(to, pass, new_pass), &mut rng()).expect("convert");
    write_private(dir, &format!("{}.{}", file, to.name()), out.as_bytes())
}

fn fingerprint_of(file: &str) -> String {
    corpus()
        .into_iter()
        .find(|e| e.file == file)
        .expect("row")
        .fingerprint
}

/// The RSA source files: one per family, so each reader's output feeds each writer.
const RSA_SOURCES: [&str; 5] = [
    "rsa2048-openssh-aes256-ctr.key",
    "rsa2048-ppk3-argon2id.ppk",
    "rsa2048-pkcs8.pem",
    "rsa2048-sshcom.key",
    "rsa2048-pkcs1.pem",
];

#[test]
fn openssl_reads_pkcs1_and_pkcs8_and_refuses_a_wrong_passphrase() {
    let dir = tempfile::tempdir().expect("tempdir");
    for src in RSA_SOURCES {
        for to in [Format::Pkcs1, Format::Pkcs8] {
            for pass in ["", "new pass"] {
                let f = convert_to_file(dir.path(), src, to, pass);
                let check = try_run(
                    Command::new("openssl")
                        .args(["rsa", "-check", "-noout", "-passin"])
                        .arg(format!("pass:{pass}"))
                        .arg("-in")
                        .arg(&f),
                );
                assert!(
                    check.ok && check.text().contains("RSA key ok"),
                    "{src} -> {}: {}{}",
                    to.name(),
                    check.text(),
                    check.stderr
                );
                if !pass.is_empty() {
                    let wrong = try_run(
                        Command::new("openssl")
                            .args(["rsa", "-noout", "-passin", "pass:wrong", "-in"])
                            .arg(&f),
                    );
                    assert!(
                        !wrong.ok,
                        "{src} -> {}: openssl took a wrong passphrase",
                        to.name()
                    );
                }
            }
        }
    }
}

#[test]
fn jsch_reads_pkcs1_plain_and_encrypted_with_every_cipher() {
    let dir = tempfile::tempdir().expect("tempdir");
    for cipher in ["aes-128-cbc", "aes-256-cbc", "des-ede3-cbc"] {
        let mut o = opts(Format::Pkcs1, PASSPHRASE, "new pass");
        o.cipher = keyfit::cipher_from_name(cipher).expect("cipher");
        let out =
            convert_key(&read("rsa2048-openssh-aes256-ctr.key"), &o, &mut rng()).expect("convert");
        assert!(out.contains(&format!("DEK-Info: {},", cipher.to_ascii_uppercase())));
        let f = write_private(dir.path(), cipher, out.as_bytes());
        let (ok, msg) = jsch_accepts(&f, Some("new pass"));
        assert!(ok, "{cipher}: {msg}");
        let (ok, _) = jsch_accepts(&f, Some("wrong"));
        assert!(!ok, "{cipher}: JSch took a wrong passphrase");
    }
    let f = convert_to_file(dir.path(), "rsa2048-ppk3.ppk", Format::Pkcs1, "");
    let (ok, msg) = jsch_accepts(&f, None);
    assert!(ok, "plain: {msg}");
}

#[test]
fn ssh_keygen_reads_openssh_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    for src in
        RSA_SOURCES
            .into_iter()
            .chain(["ed25519-ppk3.ppk", "ecdsa256-ppk3.ppk", "dsa-openssh.key"])
    {
        for pass in ["", "new pass"] {
            let f = convert_to_file(dir.path(), src, Format::OpenSsh, pass);
            let out = run(Command::new("ssh-keygen")
                .args(["-y", "-P", pass, "-f"])
                .arg(&f));
            assert_eq!(
                ssh_keygen_fingerprint(&String::from_utf8(out).expect("utf8")),
                fingerprint_of(src),
                "{src}"
            );
            if !pass.is_empty() {
                let wrong = try_run(
                    Command::new("ssh-keygen")
                        .args(["-y", "-P", "wrong", "-f"])
                        .arg(&f),
                );
                assert!(!wrong.ok, "{src}: ssh-keygen took a wrong passphrase");
            }
        }
    }
}

#[test]
fn puttygen_reads_ppk2_and_ppk3_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let passfile = |p: &str| {
        let f = dir.path().join(format!("pass-{}", p.len()));
        std::fs::write(&f, p).expect("write");
        f
    };
    for src in [
        "rsa2048-openssh-aes256-ctr.key",
        "rsa2048-pkcs1.pem",
        "ed25519-openssh.key",
        "ecdsa384-openssh.key",
    ] {
        for to in [Format::Ppk2, Format::Ppk3] {
            for pass in ["", "new pass"] {
                let f = convert_to_file(dir.path(), src, to, pass);
                let out = run(puttygen()
                    .arg(&f)
                    .arg("--old-passphrase")
                    .arg(passfile(pass))
                    .args(["-O", "public-openssh"]));
                assert_eq!(
                    ssh_keygen_fingerprint(&String::from_utf8(out).expect("utf8")),
                    fingerprint_of(src),
                    "{src} -> {}",
                    to.name()
                );
                if !pass.is_empty() {
                    let wrong = try_run(
                        puttygen()
                            .arg(&f)
                            .arg("--old-passphrase")
                            .arg(passfile("wrong"))
                            .args(["-O", "private-openssh", "-o"])
                            .arg(dir.path().join("out")),
                    );
                    assert!(
                        !wrong.ok,
                        "{src} -> {}: puttygen took a wrong passphrase",
                        to.name()
                    );
                }
            }
        }
    }
}

#[test]
fn ssh_keygen_imports_rfc4716_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    for src in [
        "rsa2048-pkcs1.pem",
        "ed25519-openssh.key",
        "rsa2048-ppk3.ppk",
    ] {
        let f = convert_to_file(dir.path(), src, Format::Rfc4716Public, "");
        let out = run(Command::new("ssh-keygen")
            .args(["-i", "-m", "RFC4716", "-f"])
            .arg(&f));
        assert_eq!(
            ssh_keygen_fingerprint(&String::from_utf8(out).expect("utf8")),
            fingerprint_of(src),
            "{src}"
        );
    }
}

#[test]
fn bytes_match_the_deterministic_tools() {
    let dir = tempfile::tempdir().expect("tempdir");
    for src in RSA_SOURCES {
        // Unencrypted PKCS#1 is DER, so exactly one encoding: openssl's must be the same bytes.
        let ours = convert_to_file(dir.path(), src, Format::Pkcs1, "");
        let theirs = run(Command::new("openssl")
            .args(["rsa", "-traditional", "-in"])
            .arg(&ours));
        assert_eq!(
            std::fs::read(&ours).expect("read"),
            theirs,
            "{src}: PKCS#1 differs from openssl's"
        );
        // The public line equals what ssh-keygen derives from the private key (minus its comment).
        let line = convert_to_file(dir.path(), src, Format::OpenSshPublic, "");
        let theirs = String::from_utf8(run(Command::new("ssh-keygen")
            .args(["-y", "-P", "", "-f"])
            .arg(&ours)))
        .expect("utf8");
        let ours_line = std::fs::read_to_string(&line).expect("read");
        let fields = |s: &str| s.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        assert_eq!(fields(&ours_line), fields(&theirs), "{src}");
    }
    let line = convert_to_file(dir.path(), "rsa2048-openssh.key", Format::OpenSshPublic, "");
    let theirs =
        std::fs::read_to_string(common::corpus_dir().join("rsa2048-openssh.pub")).expect("pub");
    assert_eq!(
        std::fs::read_to_string(line).expect("read"),
        theirs,
        "same comment: the whole line is equal"
    );
}

#[test]
fn errors_have_the_checker_codes() {
    let code = |file: &str, o: ConvertOptions| {
        convert_key(&read(file), &o, &mut rng())
            .expect_err(file)
            .code()
    };
    assert_eq!(
        code(
            "rsa2048-openssh-aes256-ctr.key",
            opts(Format::Pkcs1, "", "")
        ),
        "passphrase-required"
    );
    assert_eq!(
        code(
            "rsa2048-openssh-aes256-ctr.key",
            opts(Format::Pkcs1, "nope", "")
        ),
        "wrong-passphrase"
    );
    assert_eq!(
        code("rsa2048-openssh.pub", opts(Format::Pkcs1, "", "")),
        "public-key-not-private"
    );
    assert_eq!(
        code("ed25519-openssh.key", opts(Format::Pkcs1, "", "")),
        "not-rsa"
    );
    assert_eq!(
        code("rsa2048-x509-cert.pem", opts(Format::Pkcs1, "", "")),
        "not-a-key"
    );
    // A public target works from an encrypted key whose format shows the public key in the clear.
    let out = convert_key(
        &read("rsa2048-openssh-aes256-ctr.key"),
        &opts(Format::OpenSshPublic, "", ""),
        &mut rng(),
    );
    assert!(out
        .expect("public from encrypted openssh")
        .starts_with("ssh-rsa AAAA"));
}
