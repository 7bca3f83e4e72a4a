//! Unit tests of the ppk reader and writer, on vectors made by the real tools (tests/examples/ppk).

use super::*;

/// The reader as a result: a passphrase that fails is an error (see `Parsed::unlocked`).
fn read(text: &str, passphrase: Option<&[u8]>) -> Result<Parsed> {
    super::read(text, passphrase).and_then(Parsed::unlocked)
}

use std::time::{Duration, Instant};

// Vectors made by puttygen 0.78 (putty-tools, Debian 12) under `timeout 30 ... </dev/null`; EMPTY is an empty
// file and PW a file holding `keyfit test pw`. Fingerprints are `ssh-keygen -l` of `puttygen -O public-openssh`.
use crate::test_support::{
    FP_PUTTY_DSA as FP_DSA, FP_PUTTY_RSA1024 as FP_RSA1024, FP_PUTTY_RSA2048 as FP_RSA2048,
    PUTTY_PW as PW,
};
const FP_ED: &str = "SHA256:EsXoPqYEwG+4ACrcCBN5l+SzGLeSbXPQ6FACivoRhP8";
const FP_P256: &str = "SHA256:1kueGPitoz5NgQ24CqWxrZFYgREfxHZmcosX2ntPLSw";
const FP_P384: &str = "SHA256:p6mNMb32XszUPDmDNojdmUoVdDT4YQLl6Vxd2NN0e5A";
const FP_P521: &str = "SHA256:Hp7LIYCsO8j6Nk35sQeHCNyyovWzLhUFX7gLab2RFkI";

/// `puttygen -t ed25519 -C 'ed comment' -o ed.ppk --new-passphrase EMPTY`
const ED_V3: &str = include_str!("../../../tests/examples/ppk/ed-v3.ppk");

/// `puttygen ed.ppk -P -O private --new-passphrase PW (Argon2id defaults)`
const ED_V3E: &str = include_str!("../../../tests/examples/ppk/ed-v3e.ppk");

/// `puttygen ed.ppk -P -O private --ppk-param kdf=argon2i,memory=16384,passes=3,parallelism=2 --new-passphrase PW`
const ED_V3I: &str = include_str!("../../../tests/examples/ppk/ed-v3i.ppk");

/// `puttygen ed.ppk -P -O private --ppk-param version=2 --new-passphrase EMPTY`
const ED_V2: &str = include_str!("../../../tests/examples/ppk/ed-v2.ppk");

/// `puttygen ed.ppk -P -O private --ppk-param version=2 --new-passphrase PW`
const ED_V2E: &str = include_str!("../../../tests/examples/ppk/ed-v2e.ppk");

/// `puttygen -t rsa -b 1024 -C 'rsa1024 test', then -O private --ppk-param kdf=argon2i,memory=1024,passes=2,parallelism=2 --new-passphrase PW`
const RSA1024_V3I: &str = include_str!("../../../tests/examples/ppk/rsa1024-v3i.ppk");

/// `the same key, -O private --ppk-param version=2 --new-passphrase PW`
const RSA1024_V2E: &str = include_str!("../../../tests/examples/ppk/rsa1024-v2e.ppk");

/// `puttygen -t rsa -b 2048 -C 'rsa2048 test' --new-passphrase EMPTY`
const RSA2048_V3: &str = include_str!("../../../tests/examples/ppk/rsa2048-v3.ppk");

/// `the same key, -P -O private --new-passphrase PW (Argon2id defaults)`
const RSA2048_V3E: &str = include_str!("../../../tests/examples/ppk/rsa2048-v3e.ppk");

/// `puttygen -t ecdsa -b 256 -C 'p256 test', then -O private --ppk-param kdf=argon2d,memory=2048,passes=3,parallelism=1 --new-passphrase PW`
const P256_V3D: &str = include_str!("../../../tests/examples/ppk/p256-v3d.ppk");

/// `the same key, -O private --ppk-param version=2 --new-passphrase EMPTY`
const P256_V2: &str = include_str!("../../../tests/examples/ppk/p256-v2.ppk");

/// `puttygen -t ecdsa -b 384 -C 'p384 test', then -P -O private --new-passphrase PW`
const P384_V3E: &str = include_str!("../../../tests/examples/ppk/p384-v3e.ppk");

/// `puttygen -t ecdsa -b 521 -C 'p521 test', then -O private --ppk-param version=2 --new-passphrase PW`
const P521_V2E: &str = include_str!("../../../tests/examples/ppk/p521-v2e.ppk");

/// `puttygen -t dsa -b 1024 -C 'dsa test', then -P -O private --new-passphrase PW`
const DSA_V3E: &str = include_str!("../../../tests/examples/ppk/dsa-v3e.ppk");

/// `the same key, -O private --ppk-param version=2 --new-passphrase EMPTY`
const DSA_V2: &str = include_str!("../../../tests/examples/ppk/dsa-v2.ppk");

/// One vector: text, format, KDF when encrypted, fingerprint, comment.
struct Vector {
    name: &'static str,
    text: &'static str,
    format: Format,
    kdf: Option<Kdf>,
    fingerprint: &'static str,
    comment: &'static str,
}

fn argon(flavor: &'static str, memory_kib: u32, passes: u32, parallelism: u32) -> Option<Kdf> {
    Some(Kdf::Argon2 {
        flavor,
        memory_kib,
        passes,
        parallelism,
    })
}

/// The keys behind the vectors: fingerprint and comment.
type Key = (&'static str, &'static str);
const ED: Key = (FP_ED, "ed comment");
const RSA1024: Key = (FP_RSA1024, "rsa1024 test");
const RSA2048: Key = (FP_RSA2048, "rsa2048 test");
const P256: Key = (FP_P256, "p256 test");
const P384: Key = (FP_P384, "p384 test");
const P521: Key = (FP_P521, "p521 test");
const DSA: Key = (FP_DSA, "dsa test");

/// One row per vector, one line each (hence no rustfmt).
#[rustfmt::skip]
fn vectors() -> Vec<Vector> {
    let v = |name, text, format, kdf, (fingerprint, comment): Key| Vector { name, text, format, kdf, fingerprint, comment };
    let (p2, p3, sha1) = (Format::Ppk2, Format::Ppk3, Some(Kdf::PpkSha1));
    vec![
        v("ed v3", ED_V3, p3, None, ED),
        v("ed v3 argon2id", ED_V3E, p3, argon("argon2id", 8192, 13, 1), ED),
        v("ed v3 argon2i", ED_V3I, p3, argon("argon2i", 16384, 3, 2), ED),
        v("ed v2", ED_V2, p2, None, ED),
        v("ed v2 enc", ED_V2E, p2, sha1.clone(), ED),
        v("rsa1024 v3 argon2i", RSA1024_V3I, p3, argon("argon2i", 1024, 2, 2), RSA1024),
        v("rsa1024 v2 enc", RSA1024_V2E, p2, sha1.clone(), RSA1024),
        v("rsa2048 v3", RSA2048_V3, p3, None, RSA2048),
        v("rsa2048 v3 argon2id", RSA2048_V3E, p3, argon("argon2id", 8192, 21, 1), RSA2048),
        v("p256 v3 argon2d", P256_V3D, p3, argon("argon2d", 2048, 3, 1), P256),
        v("p256 v2", P256_V2, p2, None, P256),
        v("p384 v3 argon2id", P384_V3E, p3, argon("argon2id", 8192, 21, 1), P384),
        v("p521 v2 enc", P521_V2E, p2, sha1.clone(), P521),
        v("dsa v3 argon2id", DSA_V3E, p3, argon("argon2id", 8192, 21, 1), DSA),
        v("dsa v2", DSA_V2, p2, None, DSA),
    ]
}

fn decrypt(text: &str) -> Parsed {
    read(text, Some(PW)).unwrap()
}

fn fingerprint(p: &Parsed) -> String {
    p.public.as_ref().unwrap().fingerprint_sha256()
}

#[test]
fn reads_puttygen_vectors() {
    for v in vectors() {
        let clear = read(v.text, None).unwrap();
        assert_eq!(clear.format, v.format, "{}", v.name);
        assert_eq!(fingerprint(&clear), v.fingerprint, "{}", v.name);
        assert_eq!(clear.comment.as_deref(), Some(v.comment), "{}", v.name);
        assert_eq!(
            clear.encryption.as_ref().and_then(|e| e.kdf.clone()),
            v.kdf,
            "{}",
            v.name
        );
        assert_eq!(clear.private.is_some(), v.kdf.is_none(), "{}", v.name);
        if let Some(e) = &clear.encryption {
            assert_eq!(e.cipher, "aes256-cbc");
        }
        let full = decrypt(v.text);
        let private = full.private.as_ref().unwrap();
        assert_eq!(
            private.public_key().fingerprint_sha256(),
            v.fingerprint,
            "{}",
            v.name
        );
        assert_eq!(full.comment.as_deref(), Some(v.comment), "{}", v.name);
        if v.kdf.is_some() {
            assert_eq!(
                read(v.text, Some(b"keyfit test pW")).err(),
                Some(Error::WrongPassphrase),
                "{}",
                v.name
            );
            assert_eq!(
                read(v.text, Some(b"")).err(),
                Some(Error::WrongPassphrase),
                "{}",
                v.name
            );
        }
    }
}

/// The Argon2 parameters a vector states.
fn argon_of(text: &str) -> Option<Argon2Params> {
    let start = text.find("Key-Derivation:")?;
    read_argon2(&mut Lines(text[start..].lines())).ok()
}

#[test]
fn writer_matches_puttygen_byte_for_byte() {
    for v in vectors() {
        let key = decrypt(v.text).private.unwrap();
        let version = if v.format == Format::Ppk2 {
            PpkVersion::V2
        } else {
            PpkVersion::V3
        };
        let pass = v.kdf.is_some().then_some(PW);
        let argon = argon_of(v.text);
        let out = write_with(&key, v.comment, pass, version, argon.as_ref()).unwrap();
        assert_eq!(out.as_str(), v.text, "{}", v.name);
    }
}

#[test]
fn writer_round_trips_through_reader() {
    let mut rng = rand_core::OsRng;
    for v in [ED_V3, RSA1024_V2E, P256_V2, P521_V2E, DSA_V2] {
        let key = decrypt(v).private.unwrap();
        let blob = private_blob(&key).unwrap().into_inner();
        for version in [PpkVersion::V2, PpkVersion::V3] {
            for pass in [None, Some(&b""[..]), Some(PW)] {
                let text = write(&key, "a \"quoted\": comment ", pass, version, &mut rng).unwrap();
                let encrypted = pass.is_some_and(|p| !p.is_empty());
                assert_eq!(text.contains("aes256-cbc"), encrypted);
                let back = read(&text, Some(PW)).unwrap();
                assert_eq!(back.format, version.format());
                assert_eq!(back.comment.as_deref(), Some("a \"quoted\": comment "));
                assert_eq!(back.public, Some(key.public_key()));
                assert_eq!(
                    private_blob(back.private.as_ref().unwrap())
                        .unwrap()
                        .as_slice(),
                    &blob[..]
                );
                if encrypted && version == PpkVersion::V3 {
                    assert_eq!(back.encryption.unwrap().kdf, argon("argon2id", 8192, 21, 1));
                }
            }
        }
    }
    let key = decrypt(ED_V3).private.unwrap();
    assert_eq!(
        write(&key, "two\nlines", None, PpkVersion::V3, &mut rng)
            .err()
            .map(|e| e.code()),
        Some("invalid-option")
    );
}

#[test]
fn tampering_is_detected() {
    // Plain file: the MAC (keyed from the empty passphrase) still covers everything.
    let flipped = ED_V3.replace("Private-MAC: 33bb", "Private-MAC: 33bc");
    assert_eq!(
        read(&flipped, None).err(),
        Some(Error::Corrupt(
            "the MAC does not match: the file was changed"
        ))
    );
    let renamed = ED_V3.replace("Comment: ed comment", "Comment: ed comment2");
    assert_eq!(
        read(&renamed, None).err(),
        Some(Error::Corrupt(
            "the MAC does not match: the file was changed"
        ))
    );
    let renamed = ED_V2.replace("Comment: ed comment", "Comment: ed");
    assert_eq!(
        read(&renamed, Some(PW)).err().map(|e| e.code()),
        Some("corrupt")
    );
    // Encrypted file: a changed comment is indistinguishable from a wrong passphrase.
    let renamed = ED_V2E.replace("Comment: ed comment", "Comment: ed comment2");
    assert_eq!(read(&renamed, Some(PW)).err(), Some(Error::WrongPassphrase));
    // A public key that does not match the first line.
    let swapped = ED_V3.replace(
        "PuTTY-User-Key-File-3: ssh-ed25519",
        "PuTTY-User-Key-File-3: ssh-rsa",
    );
    assert_eq!(
        read(&swapped, None).err().map(|e| e.code()),
        Some("corrupt")
    );
    // A MAC of the wrong length.
    let short = ED_V3.replace("Private-MAC: 33bb", "Private-MAC: 3");
    assert_eq!(read(&short, None).err().map(|e| e.code()), Some("corrupt"));
}

#[test]
fn hostile_argon2_parameters_fail_fast() {
    // Zero values, and more lanes than memory allows (memory < 8 KiB per lane), are invalid: "corrupt".
    let cases = [
        (
            "Argon2-Memory: 8192",
            "Argon2-Memory: 4194304",
            "kdf-too-costly",
        ),
        ("Argon2-Memory: 8192", "Argon2-Memory: 0", "corrupt"),
        (
            "Argon2-Passes: 21",
            "Argon2-Passes: 4294967295",
            "kdf-too-costly",
        ),
        ("Argon2-Passes: 21", "Argon2-Passes: 0", "corrupt"),
        ("Argon2-Passes: 21", "Argon2-Passes: 4294967296", "corrupt"),
        (
            "Argon2-Parallelism: 1",
            "Argon2-Parallelism: 4294967295",
            "corrupt",
        ),
        ("Argon2-Parallelism: 1", "Argon2-Parallelism: 0", "corrupt"),
        (
            "Argon2-Memory: 8192\nArgon2-Passes: 21",
            "Argon2-Memory: 262144\nArgon2-Passes: 64",
            "kdf-too-costly",
        ),
        (
            "Key-Derivation: Argon2id",
            "Key-Derivation: scrypt",
            "unsupported-cipher",
        ),
    ];
    for (from, to, code) in cases {
        let text = RSA2048_V3E.replace(from, to);
        assert_ne!(text, RSA2048_V3E);
        for pass in [None, Some(PW)] {
            let start = Instant::now();
            assert_eq!(
                read(&text, pass).err().map(|e| e.code()),
                Some(code),
                "{to}"
            );
            assert!(start.elapsed() < Duration::from_secs(1), "{to}");
        }
    }
    // A salt Argon2 cannot take.
    let salt = RSA2048_V3E
        .lines()
        .find(|l| l.starts_with("Argon2-Salt"))
        .unwrap();
    let text = RSA2048_V3E.replace(salt, "Argon2-Salt: 0102");
    assert_eq!(
        read(&text, Some(PW)).err().map(|e| e.code()),
        Some("corrupt")
    );
    let text = RSA2048_V3E.replace(salt, "Argon2-Salt: xyz");
    assert_eq!(read(&text, None).err().map(|e| e.code()), Some("corrupt"));
}

#[test]
fn huge_line_counts_are_truncation_without_allocation() {
    for (from, to, want) in [
        (
            "Public-Lines: 2",
            "Public-Lines: 99999999",
            Error::Truncated,
        ),
        (
            "Public-Lines: 2",
            "Public-Lines: 4294967295",
            Error::Truncated,
        ),
        (
            "Private-Lines: 1",
            "Private-Lines: 4294967295",
            Error::Truncated,
        ),
        ("Public-Lines: 2", "Public-Lines: 3", Error::Truncated),
        (
            "Public-Lines: 2",
            "Public-Lines: 99999999999999",
            Error::Corrupt("a PuTTY key header does not hold a valid number"),
        ),
        (
            "Public-Lines: 2",
            "Public-Lines: -1",
            Error::Corrupt("a PuTTY key header does not hold a valid number"),
        ),
    ] {
        let start = Instant::now();
        assert_eq!(
            read(&ED_V3.replace(from, to), None).err(),
            Some(want),
            "{to}"
        );
        assert!(start.elapsed() < Duration::from_millis(500), "{to}");
    }
}

#[test]
fn every_prefix_is_an_error_and_none_panics() {
    for text in [ED_V3, RSA2048_V3, P256_V2, ED_V2E] {
        let complete = text.trim_end().len();
        for cut in 0..complete {
            let Some(prefix) = text.get(..cut) else {
                continue;
            };
            match read(prefix, None) {
                Err(_) => {}
                // Cut right after the public lines, the text is the public-only form other tools export.
                Ok(p) => assert!(p.public_only, "cut at {cut}"),
            }
        }
        let last = text.rfind("Private-MAC").unwrap();
        assert_eq!(read(&text[..last], None).err(), Some(Error::Truncated));
    }
}

#[test]
fn tolerates_trailing_spaces_and_crlf() {
    let spaced: String = ED_V3E.lines().map(|l| format!("{l}  \t\n")).collect();
    let p = read(&spaced, Some(PW)).unwrap();
    assert_eq!(p.comment.as_deref(), Some("ed comment"));
    assert_eq!(fingerprint(&p), FP_ED);
    let crlf = ED_V2.replace('\n', "\r\n");
    assert_eq!(fingerprint(&read(&crlf, None).unwrap()), FP_ED);
    let padded = format!("\n\n{RSA2048_V3}\n\n");
    assert!(read(&padded, None).unwrap().private.is_some());
    // An empty comment is written `Comment: ` (with the space) and read back empty, with or without it.
    let key = decrypt(ED_V3).private.unwrap();
    let text = write(&key, "", None, PpkVersion::V3, &mut rand_core::OsRng).unwrap();
    assert!(text.contains("\nComment: \n"));
    let stripped = text.replace("Comment: \n", "Comment:\n");
    assert_eq!(read(&stripped, None).unwrap().comment.as_deref(), Some(""));
}

#[test]
fn names_what_it_cannot_read() {
    assert_eq!(
        read("hello world", None).err().map(|e| e.code()),
        Some("not-a-key")
    );
    assert_eq!(read("", None).err().map(|e| e.code()), Some("not-a-key"));
    let v1 = ED_V2.replace("PuTTY-User-Key-File-2", "PuTTY-User-Key-File-1");
    assert_eq!(
        read(&v1, None).err().map(|e| e.code()),
        Some("unsupported-algorithm")
    );
    let other = ED_V2E.replace("Encryption: aes256-cbc", "Encryption: aes128-ctr");
    assert_eq!(
        read(&other, None).err(),
        Some(Error::UnsupportedCipher("aes128-ctr".into()))
    );
    // A type keyfit only names, whose blob is of another type: damage.
    let alg = ED_V3.replace("ssh-ed25519\n", "ssh-ed448\n");
    assert_eq!(read(&alg, None).err().map(|e| e.code()), Some("corrupt"));
    let order = ED_V3.replace(
        "Encryption: none\nComment: ed comment",
        "Comment: ed comment\nEncryption: none",
    );
    assert_eq!(read(&order, None).err().map(|e| e.code()), Some("corrupt"));
    let debug = format!("{:?}", read(ED_V3, None).unwrap());
    assert!(
        !debug.contains("bn4i"),
        "no private key bytes in Debug output"
    );
}

// --- Against the real puttygen (skipped with a note when it is not installed). ---
