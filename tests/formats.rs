//! Each format against the real tools, through keyfit's public API: keys made by ssh-keygen, openssl and
//! puttygen are read with the fingerprints the tools print, and what keyfit writes is read back by the tools.
//! Each part is skipped, with a note, where its tool is not installed.
#![allow(clippy::unwrap_used)]

mod common;

use common::tools::{
    have, openssl, openssl_dsa_key, puttygen, run, ssh_keygen_fingerprint, tool_fingerprint,
    try_run, workdir_with,
};
use keyfit::{
    convert_key, read_any, ConvertOptions, Encryption, Error, Format, Kdf, Parsed, Result,
};
use std::path::Path;

/// The unit tests' vectors, made by tests/examples/make.sh.
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/examples");
use std::process::Command;

/// A text key block as the tests handle it: its PEM label and its text.
struct Armored {
    label: String,
    text: String,
}

/// The label of the first BEGIN line of `text`, with the text.
fn armored(text: &str) -> Armored {
    let label = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("-----BEGIN ")?.strip_suffix("-----"))
        .unwrap_or_default()
        .to_string();
    Armored {
        label,
        text: text.to_string(),
    }
}

/// Reads a key block through the public API; a passphrase that fails is an error.
/// The armour of the text file `name` in `dir`.
fn armored_file(dir: &Path, name: &str) -> Armored {
    armored(&std::fs::read_to_string(dir.join(name)).unwrap())
}

fn read(a: &Armored, passphrase: Option<&[u8]>) -> Result<Parsed> {
    read_any(a.text.as_bytes(), passphrase)
}

/// Reads DER bytes through the public API.
fn read_der(der: &[u8], passphrase: Option<&[u8]>) -> Result<Parsed> {
    read_any(der, passphrase)
}

/// Converts `source` (unencrypted) to `to`, encrypted with `new_passphrase` when given.
fn write(source: &str, to: Format, new_passphrase: Option<&[u8]>) -> String {
    let mut opts = ConvertOptions::new(to);
    if let Some(p) = new_passphrase {
        opts.new_passphrase = String::from_utf8(p.to_vec()).unwrap().into();
    }
    convert_key(source.as_bytes(), &opts, &mut rand_core::OsRng)
        .unwrap()
        .to_string()
}

/// SEC1 `EC PRIVATE KEY` (src/format/sec1.rs).
mod sec1 {
    use super::*;

    const LABEL: &str = "EC PRIVATE KEY";

    #[test]
    fn ssh_keygen_ec_keys_plain_and_encrypted() {
        let Some(dir) = workdir_with(&["ssh-keygen"]) else {
            return;
        };
        for bits in ["256", "384", "521"] {
            for pass in ["", "hunter2"] {
                let path = dir.path().join(format!("ec{bits}{pass}"));
                run(Command::new("ssh-keygen")
                    .args([
                        "-q", "-t", "ecdsa", "-b", bits, "-m", "PEM", "-C", "", "-N", pass, "-f",
                    ])
                    .arg(&path));
                let a = armored(&std::fs::read_to_string(&path).unwrap());
                assert_eq!(a.label, LABEL);
                let want = ssh_keygen_fingerprint(
                    &std::fs::read_to_string(path.with_extension("pub")).unwrap(),
                );
                let parsed = read(&a, (!pass.is_empty()).then_some(pass.as_bytes())).unwrap();
                assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
                if pass.is_empty() {
                    assert!(parsed.encryption.is_none());
                    continue;
                }
                let enc = parsed.encryption.unwrap();
                assert_eq!(enc.cipher, "aes-128-cbc");
                assert_eq!(enc.kdf, Some(Kdf::EvpBytesToKeyMd5));
                let locked = read(&a, None).unwrap();
                assert!(locked.private.is_none() && locked.encryption.is_some());
                assert_eq!(read(&a, Some(b"px")).err(), Some(Error::WrongPassphrase));
            }
        }
    }

    #[test]
    fn openssl_ec_traditional() {
        let Some(dir) = workdir_with(&["openssl", "ssh-keygen"]) else {
            return;
        };
        // `openssl ec -aes256` of a P-521 key.
        openssl(
            dir.path(),
            &[
                "genpkey",
                "-algorithm",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-521",
                "-out",
                "ec8",
            ],
        );
        let want = tool_fingerprint(&dir.path().join("ec8"), None);
        openssl(
            dir.path(),
            &[
                "ec", "-aes256", "-passout", "pass:pw", "-in", "ec8", "-out", "ec",
            ],
        );
        let a = armored_file(dir.path(), "ec");
        let parsed = read(&a, Some(b"pw")).unwrap();
        assert_eq!(parsed.encryption.unwrap().cipher, "aes-256-cbc");
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
        assert_eq!(read(&a, Some(b"px")).err(), Some(Error::WrongPassphrase));
    }
}

/// OpenSSL's `DSA PRIVATE KEY` (src/format/dsa.rs).
mod dsa {
    use super::*;

    const LABEL: &str = "DSA PRIVATE KEY";

    #[test]
    fn openssl_dsa_traditional() {
        let Some(dir) = workdir_with(&["openssl", "ssh-keygen"]) else {
            return;
        };
        openssl_dsa_key(dir.path(), "dsa8");
        let want = tool_fingerprint(&dir.path().join("dsa8"), None);
        // `openssl dsa` writes the traditional form, plain and with legacy DES-EDE3 encryption.
        openssl(dir.path(), &["dsa", "-in", "dsa8", "-out", "dsa"]);
        openssl(
            dir.path(),
            &[
                "dsa", "-des3", "-passout", "pass:pw", "-in", "dsa8", "-out", "dsa_enc",
            ],
        );
        let a = armored_file(dir.path(), "dsa");
        assert_eq!(a.label, LABEL);
        let parsed = read(&a, None).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
        let a = armored_file(dir.path(), "dsa_enc");
        let locked = read(&a, None).unwrap();
        assert_eq!(locked.encryption.unwrap().cipher, "des-ede3-cbc");
        assert!(locked.private.is_none());
        let parsed = read(&a, Some(b"pw")).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
        assert_eq!(read(&a, Some(b"px")).err(), Some(Error::WrongPassphrase));
    }
}

/// PKCS#8, plain, encrypted and DER (src/format/pkcs8.rs).
mod pkcs8 {
    use super::*;
    use std::path::PathBuf;

    const ENCRYPTED_LABEL: &str = "ENCRYPTED PRIVATE KEY";

    fn pem(text: &str) -> Armored {
        armored(text)
    }

    /// Keys made by `openssl genpkey`: name, file.
    fn openssl_keys(dir: &Path) -> Vec<(&'static str, PathBuf)> {
        let mut keys = Vec::new();
        for (name, args) in [
            (
                "rsa1024",
                &["-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:1024"][..],
            ),
            (
                "rsa2048",
                &["-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:2048"][..],
            ),
            ("ed25519", &["-algorithm", "ed25519"][..]),
            (
                "p256",
                &["-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"][..],
            ),
            (
                "p384",
                &["-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"][..],
            ),
            (
                "p521",
                &["-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-521"][..],
            ),
        ] {
            let mut a = vec!["genpkey", "-out", name];
            a.extend_from_slice(args);
            openssl(dir, &a);
            keys.push((name, dir.join(name)));
        }
        keys.push(("dsa", openssl_dsa_key(dir, "dsa")));
        keys
    }

    #[test]
    fn openssl_keys_in_every_pbes2_variant() {
        let Some(dir) = workdir_with(&["openssl", "ssh-keygen"]) else {
            return;
        };
        let pbkdf2 = |prf, cipher: &str| Encryption {
            cipher: cipher.into(),
            kdf: Some(Kdf::Pbkdf2 {
                prf,
                iterations: 2048,
            }),
        };
        let variants: [(&str, &[&str], Encryption); 6] = [
            ("default", &[], pbkdf2("hmacWithSHA256", "aes-256-cbc")),
            (
                "sha1",
                &["-v2prf", "hmacWithSHA1"],
                pbkdf2("hmacWithSHA1", "aes-256-cbc"),
            ),
            (
                "sha512",
                &["-v2prf", "hmacWithSHA512"],
                pbkdf2("hmacWithSHA512", "aes-256-cbc"),
            ),
            (
                "des3",
                &["-v2", "des3"],
                pbkdf2("hmacWithSHA256", "des-ede3-cbc"),
            ),
            (
                "aes128",
                &["-v2", "aes128"],
                pbkdf2("hmacWithSHA256", "aes-128-cbc"),
            ),
            (
                "scrypt",
                &["-scrypt"],
                Encryption {
                    cipher: "aes-256-cbc".into(),
                    kdf: Some(Kdf::Scrypt {
                        log_n: 14,
                        r: 8,
                        p: 1,
                    }),
                },
            ),
        ];
        for (name, file) in openssl_keys(dir.path()) {
            let want = tool_fingerprint(&file, None);
            let text = std::fs::read_to_string(&file).unwrap();
            let plain = read(&pem(&text), None).unwrap();
            assert_eq!(
                plain.public.as_ref().unwrap().fingerprint_sha256(),
                want,
                "{name}"
            );
            // DER, plain.
            let der_file = format!("{name}.der");
            openssl(
                dir.path(),
                &[
                    "pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in", name, "-out",
                    &der_file,
                ],
            );
            let der = std::fs::read(dir.path().join(&der_file)).unwrap();
            let parsed = read_der(&der, None).unwrap();
            assert_eq!(
                parsed.public.unwrap().fingerprint_sha256(),
                want,
                "{name} DER"
            );
            for (variant, args, encryption) in &variants {
                let out = format!("{name}.{variant}");
                let mut a = vec![
                    "pkcs8", "-topk8", "-passout", "pass:pw", "-in", name, "-out", &out,
                ];
                a.extend_from_slice(args);
                openssl(dir.path(), &a);
                let a = pem(&std::fs::read_to_string(dir.path().join(&out)).unwrap());
                assert_eq!(a.label, ENCRYPTED_LABEL);
                let locked = read(&a, None).unwrap();
                assert!(locked.private.is_none());
                assert_eq!(locked.encryption.as_ref(), Some(encryption), "{out}");
                let parsed = read(&a, Some(b"pw")).unwrap();
                assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want, "{out}");
                assert_eq!(
                    read(&a, Some(b"wrong")).err(),
                    Some(Error::WrongPassphrase),
                    "{out}"
                );
            }
            // DER, encrypted.
            let enc_der = format!("{name}.enc.der");
            openssl(
                dir.path(),
                &[
                    "pkcs8", "-topk8", "-passout", "pass:pw", "-outform", "DER", "-in", name,
                    "-out", &enc_der,
                ],
            );
            let der = std::fs::read(dir.path().join(&enc_der)).unwrap();
            assert!(read_der(&der, None).unwrap().private.is_none());
            let parsed = read_der(&der, Some(b"pw")).unwrap();
            assert_eq!(
                parsed.public.unwrap().fingerprint_sha256(),
                want,
                "{name} encrypted DER"
            );
        }
    }

    #[test]
    fn ssh_keygen_pkcs8_keys() {
        let Some(dir) = workdir_with(&["ssh-keygen"]) else {
            return;
        };
        for (t, bits) in [("rsa", "1024"), ("ecdsa", "384")] {
            let file = dir.path().join(t);
            run(Command::new("ssh-keygen")
                .args([
                    "-q", "-t", t, "-b", bits, "-m", "PKCS8", "-N", "hunter2", "-C", "", "-f",
                ])
                .arg(&file));
            let want = ssh_keygen_fingerprint(
                &std::fs::read_to_string(file.with_extension("pub")).unwrap(),
            );
            let a = pem(&std::fs::read_to_string(&file).unwrap());
            let parsed = read(&a, Some(b"hunter2")).unwrap();
            assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
            // ssh-keygen 9.2 writes PBKDF2-HMAC-SHA256, 2048 iterations, AES-128-CBC.
            assert_eq!(parsed.encryption.unwrap().cipher, "aes-128-cbc");
            assert_eq!(read(&a, Some(b"px")).err(), Some(Error::WrongPassphrase));
        }
    }

    #[test]
    fn writer_matches_openssl_and_is_read_back_by_it() {
        let Some(dir) = workdir_with(&["openssl", "ssh-keygen"]) else {
            return;
        };
        for (name, file) in openssl_keys(dir.path()) {
            let want = tool_fingerprint(&file, None);
            let key = std::fs::read_to_string(&file).unwrap();
            // Unencrypted: byte for byte what `openssl pkcs8 -topk8 -nocrypt` writes.
            let expected = openssl(dir.path(), &["pkcs8", "-topk8", "-nocrypt", "-in", name]);
            let ours = write(&key, Format::Pkcs8, None);
            assert_eq!(ours.as_bytes(), &expected[..], "{name}");
            // Encrypted: openssl decrypts it and finds the same key; so does our reader.
            let ours = write(&key, Format::Pkcs8, Some(b"pass phrase"));
            assert!(ours.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
            assert!(ours.lines().all(|l| l.len() <= 64));
            let enc = dir.path().join(format!("{name}.ours"));
            std::fs::write(&enc, ours.as_bytes()).unwrap();
            run(Command::new("openssl")
                .args([
                    "pkey",
                    "-passin",
                    "pass:pass phrase",
                    "-noout",
                    "-text",
                    "-in",
                ])
                .arg(&enc));
            if name.starts_with("rsa") {
                let out = run(Command::new("openssl")
                    .args([
                        "rsa",
                        "-check",
                        "-noout",
                        "-passin",
                        "pass:pass phrase",
                        "-in",
                    ])
                    .arg(&enc));
                assert!(String::from_utf8_lossy(&out).contains("RSA key ok"));
            }
            assert_eq!(tool_fingerprint(&enc, Some("pass phrase")), want, "{name}");
            let back = read(&pem(&ours), Some(b"pass phrase")).unwrap();
            assert_eq!(
                back.encryption.unwrap().kdf,
                Some(Kdf::Pbkdf2 {
                    prf: "hmacWithSHA256",
                    iterations: 2048
                })
            );
            assert_eq!(back.public.unwrap().fingerprint_sha256(), want);
        }
    }

    #[test]
    fn unsupported_schemes_and_algorithms_are_named() {
        let Some(dir) = workdir_with(&["openssl"]) else {
            return;
        };
        openssl(
            dir.path(),
            &["genpkey", "-algorithm", "x25519", "-out", "x"],
        );
        let a = pem(&String::from_utf8(openssl(dir.path(), &["pkey", "-in", "x"])).unwrap());
        assert_eq!(
            read(&a, None).err(),
            Some(Error::UnsupportedAlgorithm("X25519".into()))
        );
        // PKCS#12-style PBE, OpenSSL's `-v1`: named and decrypted (tests/families.rs has every scheme).
        let ed = dir.path().join("ed");
        std::fs::write(&ed, include_str!("examples/pkcs8/ed25519.pem")).unwrap();
        let out = try_run(Command::new("openssl").current_dir(dir.path()).args([
            "pkcs8",
            "-topk8",
            "-v1",
            "PBE-SHA1-3DES",
            "-passout",
            "pass:pw",
            "-in",
            "ed",
        ]));
        if out.ok {
            let a = pem(&String::from_utf8(out.stdout).unwrap());
            assert_eq!(
                read(&a, None).unwrap().encryption,
                Some(Encryption {
                    cipher: "des-ede3-cbc".into(),
                    kdf: Some(Kdf::Pkcs12 {
                        hash: "sha1",
                        iterations: 2048
                    })
                })
            );
            let parsed = read(&a, Some(b"pw")).unwrap();
            assert_eq!(
                parsed.public.unwrap().fingerprint_sha256(),
                tool_fingerprint(&ed, None)
            );
            assert_eq!(read(&a, Some(b"px")).err(), Some(Error::WrongPassphrase));
        } else {
            eprintln!("note: this openssl cannot write PBE-SHA1-3DES");
        }
    }
}

/// ssh.com private keys (src/format/sshcom.rs).
mod sshcom {
    use super::*;

    const PW: &[u8] = b"keyfit test pw";

    fn parse(text: &str, pass: Option<&[u8]>) -> Result<Parsed> {
        read_any(text.as_bytes(), pass)
    }

    fn fingerprint(p: &Parsed) -> String {
        p.public.as_ref().unwrap().fingerprint_sha256()
    }

    #[test]
    fn reads_fresh_puttygen_keys() {
        let Some(dir) = workdir_with(&["puttygen"]) else {
            return;
        };
        let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
        let (empty, pw, ppk, public, out) = (
            path("empty"),
            path("pw"),
            path("key.ppk"),
            path("key.pub"),
            path("key.sshcom"),
        );
        std::fs::write(&empty, b"").unwrap();
        std::fs::write(&pw, PW).unwrap();
        for kind in ["rsa", "dsa"] {
            let comment = "fresh \"key\"";
            let args = [
                "-t",
                kind,
                "-b",
                "1024",
                "-C",
                comment,
                "-o",
                &ppk,
                "--new-passphrase",
                &empty,
            ];
            run(puttygen().args(args));
            run(puttygen().args([&ppk, "-O", "public-openssh", "-o", &public]));
            let line = std::fs::read_to_string(&public).unwrap();
            let fp = read_any(line.as_bytes(), None)
                .unwrap()
                .public
                .unwrap()
                .fingerprint_sha256();
            for pass in [None, Some(PW)] {
                let new_pass = if pass.is_some() { &pw } else { &empty };
                let args = [
                    &ppk,
                    "-P",
                    "--new-passphrase",
                    new_pass,
                    "-O",
                    "private-sshcom",
                    "-o",
                    &out,
                ];
                run(puttygen().args(args));
                let text = std::fs::read_to_string(&out).unwrap();
                let parsed = parse(&text, pass).unwrap();
                assert_eq!(fingerprint(&parsed), fp, "{kind} {}", pass.is_some());
                assert_eq!(parsed.comment.as_deref(), Some(comment));
                if pass.is_some() {
                    assert_eq!(
                        parse(&text, Some(b"wrong")).err(),
                        Some(Error::WrongPassphrase)
                    );
                }
            }
        }
    }
}

/// Public keys: the OpenSSH line, RFC 4716, SPKI and PKCS#1 (src/format/public.rs, src/format/pkcs1.rs).
mod public {
    use super::*;
    use base64ct::{Base64, Encoding};

    /// Writes the public key of `source` as `to`, with `comment` where the format carries one.
    fn write_public(source: &str, to: Format, comment: &str) -> String {
        let mut opts = ConvertOptions::new(to);
        opts.comment = Some(comment.to_string());
        convert_key(source.as_bytes(), &opts, &mut rand_core::OsRng)
            .unwrap()
            .to_string()
    }

    /// Writes `text` to a file in `dir` and returns its path.
    fn file(dir: &std::path::Path, name: &str, text: &[u8]) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn ssh_keygen_exports_and_imports() {
        let Some(dir) = workdir_with(&["ssh-keygen", "openssl"]) else {
            return;
        };
        for (t, bits) in [
            ("rsa", "1024"),
            ("rsa", "2048"),
            ("ecdsa", "256"),
            ("ecdsa", "384"),
            ("ecdsa", "521"),
            ("ed25519", "256"),
        ] {
            let key = dir.path().join(format!("{t}{bits}"));
            run(Command::new("ssh-keygen")
                .args([
                    "-q",
                    "-t",
                    t,
                    "-b",
                    bits,
                    "-N",
                    "",
                    "-C",
                    "user@example",
                    "-f",
                ])
                .arg(&key));
            let pub_file = key.with_extension("pub");
            let line = std::fs::read_to_string(&pub_file).unwrap();
            let want = ssh_keygen_fingerprint(&std::fs::read_to_string(&pub_file).unwrap());
            let parsed = read_any(line.as_bytes(), None).unwrap();
            assert_eq!(parsed.format, Format::OpenSshPublic);
            let public = parsed.public.unwrap();
            assert_eq!(public.fingerprint_sha256(), want);
            assert_eq!(
                write_public(&line, Format::OpenSshPublic, "user@example"),
                line
            );

            // RFC 4716 from ssh-keygen, and ours read back by ssh-keygen.
            let rfc = run(Command::new("ssh-keygen")
                .args(["-e", "-m", "RFC4716", "-f"])
                .arg(&pub_file));
            let p = read_any(&rfc, None).unwrap();
            assert_eq!(p.format, Format::Rfc4716Public);
            assert_eq!(p.public.as_ref(), Some(&public));
            let comment = p.comment.unwrap();
            assert!(
                comment.contains("converted by") && !comment.contains('"'),
                "{comment}"
            );
            let ours = write_public(&line, Format::Rfc4716Public, &comment);
            assert_eq!(ours.as_bytes(), &rfc[..], "{t}{bits}");
            let ours = write_public(&line, Format::Rfc4716Public, "");
            assert!(!ours.contains("Comment"));
            let back = run(Command::new("ssh-keygen")
                .args(["-i", "-m", "RFC4716", "-f"])
                .arg(file(dir.path(), "ours.rfc", ours.as_bytes())));
            assert_eq!(
                String::from_utf8(back).unwrap(),
                write_public(&line, Format::OpenSshPublic, "")
            );

            if t == "ed25519" {
                continue; // ssh-keygen 9.2 cannot export Ed25519 as SPKI.
            }
            // SPKI from `ssh-keygen -e -m PKCS8`: PEM and DER; ours is what openssl writes.
            let spki = run(Command::new("ssh-keygen")
                .args(["-e", "-m", "PKCS8", "-f"])
                .arg(&pub_file));
            let p = read_any(&spki, None).unwrap();
            assert_eq!(p.format, Format::SpkiPublic);
            assert_eq!(p.public.as_ref(), Some(&public));
            let spki_file = file(dir.path(), "spki.pem", &spki);
            let der = run(Command::new("openssl")
                .args(["pkey", "-pubin", "-outform", "DER", "-in"])
                .arg(&spki_file));
            // keyfit's SPKI is openssl's, byte for byte (the DER reader is a unit test: public.rs).
            let ours = write_public(&line, Format::SpkiPublic, "");
            let body: String = ours.lines().filter(|l| !l.starts_with("-----")).collect();
            assert_eq!(Base64::decode_vec(&body).unwrap(), der);
            let openssl_pem = run(Command::new("openssl")
                .args(["pkey", "-pubin", "-in"])
                .arg(&spki_file));
            assert_eq!(
                write_public(&line, Format::SpkiPublic, "").as_bytes(),
                &openssl_pem[..]
            );
            if t == "rsa" {
                // `ssh-keygen -e -m PEM` writes PKCS#1; `openssl rsa -pubout` of the private key writes SPKI.
                let pkcs1 = run(Command::new("ssh-keygen")
                    .args(["-e", "-m", "PEM", "-f"])
                    .arg(&pub_file));
                let p = read_any(&pkcs1, None).unwrap();
                assert_eq!(p.format, Format::Pkcs1Public);
                assert_eq!(p.public.as_ref(), Some(&public));
                assert_eq!(
                    write_public(&line, Format::Pkcs1Public, "").as_bytes(),
                    &pkcs1[..]
                );
                let rsa_pub = run(Command::new("openssl")
                    .args(["rsa", "-pubin", "-pubout", "-in"])
                    .arg(&spki_file));
                assert_eq!(
                    write_public(&line, Format::SpkiPublic, "").as_bytes(),
                    &rsa_pub[..]
                );
            }
            let imported = run(Command::new("ssh-keygen")
                .args(["-i", "-m", "PKCS8", "-f"])
                .arg(file(
                    dir.path(),
                    "ours.spki",
                    write_public(&line, Format::SpkiPublic, "").as_bytes(),
                )));
            assert_eq!(
                String::from_utf8(imported).unwrap(),
                write_public(&line, Format::OpenSshPublic, "")
            );
        }
    }

    #[test]
    fn openssl_spki_of_every_algorithm() {
        let Some(dir) = workdir_with(&["openssl", "ssh-keygen"]) else {
            return;
        };
        openssl_dsa_key(dir.path(), "dsa");
        openssl(
            dir.path(),
            &["genpkey", "-algorithm", "ed25519", "-out", "ed"],
        );
        openssl(
            dir.path(),
            &[
                "genpkey",
                "-algorithm",
                "rsa",
                "-pkeyopt",
                "rsa_keygen_bits:1024",
                "-out",
                "rsa",
            ],
        );
        for name in ["dsa", "ed", "rsa"] {
            let pem = openssl(dir.path(), &["pkey", "-pubout", "-in", name]);
            let pem_text = String::from_utf8(pem.clone()).unwrap();
            let p = read_any(&pem, None).unwrap();
            assert_eq!(p.format, Format::SpkiPublic);
            let public = p.public.unwrap();
            let ours = write_public(&pem_text, Format::SpkiPublic, "");
            assert_eq!(ours.as_bytes(), &pem[..], "{name}");
            let der = openssl(
                dir.path(),
                &["pkey", "-pubout", "-outform", "DER", "-in", name],
            );
            let body: String = ours.lines().filter(|l| !l.starts_with("-----")).collect();
            assert_eq!(Base64::decode_vec(&body).unwrap(), der);
            if name == "rsa" {
                assert_eq!(openssl(dir.path(), &["rsa", "-pubout", "-in", name]), pem);
            }
            // The fingerprint ssh-keygen gives (Ed25519 cannot be imported by ssh-keygen 9.2).
            if name != "ed" {
                let line = run(Command::new("ssh-keygen")
                    .args(["-i", "-m", "PKCS8", "-f"])
                    .arg(file(dir.path(), "spki", &pem)));
                let want = ssh_keygen_fingerprint(&String::from_utf8(line).unwrap());
                assert_eq!(public.fingerprint_sha256(), want, "{name}");
            }
        }
        // Another algorithm is named; a private key is not a public key.
        openssl(dir.path(), &["genpkey", "-algorithm", "x448", "-out", "x"]);
        let pem = openssl(dir.path(), &["pkey", "-pubout", "-in", "x"]);
        assert_eq!(
            read_any(&pem, None).err(),
            Some(Error::UnsupportedAlgorithm("X448".into()))
        );
    }
}

/// OpenSSH private keys (src/format/openssh.rs).
mod openssh {
    use super::*;

    /// The unencrypted vectors of the unit tests (tests/examples/openssh/, made by tests/examples/make.sh).
    const PLAIN: [&str; 9] = [
        "rsa1024",
        "rsa2048",
        "ed25519",
        "p256",
        "p384",
        "p521",
        "dsa",
        "putty-rsa",
        "putty-ed25519",
    ];

    #[test]
    fn ssh_keygen_reads_what_we_write() {
        use std::io::Write as _;
        if !have("ssh-keygen") {
            return;
        }
        for v in PLAIN {
            let path = Path::new(EXAMPLES).join(format!("openssh/{v}.key"));
            let source = std::fs::read_to_string(path).unwrap();
            let original = read_any(source.as_bytes(), None).unwrap();
            let fingerprint = original.public.unwrap().fingerprint_sha256();
            for pass in ["pw", ""] {
                let mut opts = ConvertOptions::new(Format::OpenSsh);
                opts.new_passphrase = pass.into();
                let text = convert_key(source.as_bytes(), &opts, &mut rand_core::OsRng).unwrap();
                // NamedTempFile is created with mode 0600, which ssh-keygen insists on.
                let mut file = tempfile::NamedTempFile::new().unwrap();
                file.write_all(text.as_bytes()).unwrap();
                let out = run(Command::new("ssh-keygen")
                    .args(["-y", "-P", pass, "-f"])
                    .arg(file.path()));
                let line = String::from_utf8(out).unwrap();
                let public = read_any(line.as_bytes(), None).unwrap().public.unwrap();
                assert_eq!(public.fingerprint_sha256(), fingerprint, "{v} {pass:?}");
            }
        }
    }
}

/// PuTTY .ppk (src/format/ppk.rs).
mod ppk {
    use super::*;
    use keyfit::PrivateKey;
    use rsa::traits::PrivateKeyParts;

    const PW: &[u8] = b"keyfit test pw";
    const ED_V3: &str = include_str!("examples/ppk/ed-v3.ppk");
    const RSA1024_V2E: &str = include_str!("examples/ppk/rsa1024-v2e.ppk");
    const P256_V2: &str = include_str!("examples/ppk/p256-v2.ppk");
    const DSA_V2: &str = include_str!("examples/ppk/dsa-v2.ppk");
    const FP_ED: &str = "SHA256:EsXoPqYEwG+4ACrcCBN5l+SzGLeSbXPQ6FACivoRhP8";
    const FP_RSA1024: &str = "SHA256:6qKGH7o85DvETnltxjw9NeTV6Q65OCmTii/PrOYnIdA";
    const FP_P256: &str = "SHA256:1kueGPitoz5NgQ24CqWxrZFYgREfxHZmcosX2ntPLSw";
    const FP_DSA: &str = "SHA256:8kOGzMP9BBBmW56h2oESYpWce0AGWndS/rKe8x7Eo+I";

    /// Converts the vector `source` (encrypted with [`PW`] or not) to `version` with `comment`, encrypted with
    /// `pass` when given.
    fn write(source: &str, comment: &str, pass: Option<&[u8]>, version: Format) -> String {
        let mut opts = ConvertOptions::new(version);
        opts.passphrase = String::from_utf8(PW.to_vec()).unwrap().into();
        opts.comment = Some(comment.to_string());
        if let Some(p) = pass {
            opts.new_passphrase = String::from_utf8(p.to_vec()).unwrap().into();
        }
        convert_key(source.as_bytes(), &opts, &mut rand_core::OsRng)
            .unwrap()
            .to_string()
    }

    /// Runs `puttygen <file> --old-passphrase <pass file> <args>` under a timeout; returns whether it succeeded.
    fn puttygen(dir: &Path, file: &Path, pass: &[u8], args: &[&str]) -> bool {
        let pass_file = dir.join("old-pass");
        std::fs::write(&pass_file, pass).unwrap();
        let mut all = vec![
            file.as_os_str(),
            "--old-passphrase".as_ref(),
            pass_file.as_os_str(),
        ];
        all.extend(args.iter().map(std::ffi::OsStr::new));
        try_run(common::tools::puttygen().args(&all)).ok
    }

    #[test]
    fn puttygen_accepts_what_we_write() {
        let Some(dir) = workdir_with(&["puttygen"]) else {
            return;
        };
        let empty = dir.path().join("empty");
        std::fs::write(&empty, b"").unwrap();
        let empty = empty.to_str().unwrap().to_string();
        for (vector, fp, comment) in [
            (ED_V3, FP_ED, "ed comment"),
            (RSA1024_V2E, FP_RSA1024, "rsa1024 test"),
            (P256_V2, FP_P256, "p256 test"),
            (DSA_V2, FP_DSA, "dsa test"),
        ] {
            let key = read_any(vector.as_bytes(), Some(PW))
                .unwrap()
                .private
                .unwrap();
            let plain_v3 = write(vector, comment, None, Format::Ppk3);
            for version in [Format::Ppk2, Format::Ppk3] {
                for pass in [None, Some(PW)] {
                    let what = format!("{fp} {version:?} encrypted={}", pass.is_some());
                    let file = dir.path().join("ours.ppk");
                    std::fs::write(&file, write(vector, comment, pass, version).as_bytes())
                        .unwrap();
                    let pass = pass.unwrap_or_default();
                    // Its public key.
                    let pub_file = dir.path().join("out.pub");
                    assert!(
                        puttygen(
                            dir.path(),
                            &file,
                            pass,
                            &["-O", "public-openssh", "-o", pub_file.to_str().unwrap()]
                        ),
                        "{what}"
                    );
                    let line = std::fs::read_to_string(&pub_file).unwrap();
                    let public = read_any(line.as_bytes(), None).unwrap().public.unwrap();
                    assert_eq!(public.fingerprint_sha256(), fp, "{what}");
                    // Its private key: puttygen decrypts it and re-saves it unencrypted exactly as we would.
                    let out = dir.path().join("out.ppk");
                    let args = [
                        "-P",
                        "-O",
                        "private",
                        "--new-passphrase",
                        &empty,
                        "-o",
                        out.to_str().unwrap(),
                    ];
                    assert!(puttygen(dir.path(), &file, pass, &args), "{what}");
                    assert_eq!(
                        std::fs::read_to_string(&out).unwrap(),
                        plain_v3.as_str(),
                        "{what}"
                    );
                    // OpenSSH export works too.
                    let pem = dir.path().join("out.pem");
                    assert!(
                        puttygen(
                            dir.path(),
                            &file,
                            pass,
                            &["-O", "private-openssh", "-o", pem.to_str().unwrap()]
                        ),
                        "{what}"
                    );
                    if let PrivateKey::Rsa(rsa) = &key {
                        let text = std::fs::read_to_string(&pem).unwrap();
                        // puttygen keeps the passphrase: the PEM is encrypted with DES-EDE3-CBC when ours was.
                        let pem_pass = (!pass.is_empty()).then_some(pass);
                        let back = read_any(text.as_bytes(), pem_pass).unwrap();
                        assert_eq!(back.format, Format::Pkcs1);
                        assert_eq!(
                            back.private.unwrap().as_rsa().unwrap().d(),
                            rsa.d(),
                            "{what}"
                        );
                    }
                    // And a wrong passphrase is refused.
                    if !pass.is_empty() {
                        assert!(
                            !puttygen(
                                dir.path(),
                                &file,
                                b"wrong",
                                &["-O", "private-openssh", "-o", pem.to_str().unwrap()]
                            ),
                            "{what}"
                        );
                    }
                }
            }
        }
    }
}

/// A public key dropped as a `.der` file (`openssl pkey -pubout -outform DER`) is named as such and fingerprinted
/// as ssh-keygen does, not taken for a damaged PKCS#8 private key.
#[test]
fn a_der_public_key_is_read_as_spki() {
    if !have("openssl") {
        eprintln!("skipped: openssl is not installed");
        return;
    }
    let key = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/keys/rsa2048-pkcs1.pem"
    );
    let der = run(Command::new("openssl").args(["pkey", "-pubout", "-outform", "DER", "-in", key]));
    let report = keyfit::inspect(&der, None);
    assert_eq!(report.format, Some(Format::SpkiPublic));
    assert_eq!(
        report.fingerprint_sha256.as_deref(),
        Some("SHA256:zvJiiVnfDS6vVYupIpqqkT0M74jQ0TUJmP788d75UWE")
    );
    assert!(report
        .problems
        .iter()
        .any(|p| p.code == "public-key-not-private"));
}
