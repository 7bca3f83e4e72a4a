//! `match_key` against the real tools: for every key of tests/corpus, the public key and the fingerprints that
//! ssh-keygen (`-y`, `-l`, `-E md5 -l`, `-e`) and puttygen print, written in each spelling git hosts and tools
//! use, must name that key, and another corpus key's must not. Then the edge cases: locked keys, wrong
//! passphrases, case changes, cut-short fingerprints, garbage, private keys pasted to compare, caps.

mod common;

use common::base64_run::longest_base64_run;
use common::tools::{puttygen, try_run, try_run_with_input, write_private};
use common::{corpus, read, Expected, PASSPHRASE};
use keyfit::{match_key, KeyMatch, OtherKind};
use std::path::Path;
use std::process::Command;

/// What the real tools say of one corpus key.
#[derive(Clone)]
struct Oracle {
    /// The corpus file.
    file: String,
    /// `ssh-rsa AAAA... comment`, from `ssh-keygen -y` (or puttygen / openssl where ssh-keygen cannot read it).
    public_line: String,
    /// `ssh-keygen -e` of it: the RFC 4716 block.
    rfc4716: String,
    /// `ssh-keygen -l`: `2048 SHA256:... comment (RSA)`.
    sha256_line: String,
    /// `ssh-keygen -E md5 -l`: `2048 MD5:aa:bb:... comment (RSA)`.
    md5_line: String,
    /// `puttygen -O fingerprint`: `ssh-rsa 2048 SHA256:...`.
    puttygen_line: String,
}

impl Oracle {
    /// `SHA256:...`.
    fn sha256(&self) -> &str {
        field(&self.sha256_line, 1)
    }

    /// `MD5:aa:bb:...`.
    fn md5(&self) -> &str {
        field(&self.md5_line, 1)
    }
}

fn field(line: &str, i: usize) -> &str {
    line.split_whitespace().nth(i).expect("field")
}

/// Runs a command and returns its standard output when it succeeded and wrote something.
fn output(cmd: &mut Command) -> Option<String> {
    let ran = try_run(cmd);
    Some(ran.text()).filter(|o| ran.ok && !o.trim().is_empty())
}

/// The public key line of a corpus file, from the first real tool that reads it.
fn tool_public_line(dir: &Path, e: &Expected) -> String {
    let path = write_private(dir, &e.file, &read(&e.file));
    let import = |mode: &str| {
        output(
            Command::new("ssh-keygen")
                .args(["-i", "-m", mode, "-f"])
                .arg(&path),
        )
    };
    let line = match e.format.as_str() {
        "openssh-public" => Some(String::from_utf8(read(&e.file)).expect("utf8")),
        "rfc4716-public" => import("RFC4716"),
        "pkcs1-public" => import("PEM"),
        "spki-public" => import("PKCS8"),
        _ => None,
    };
    let passfile = dir.join("pass");
    std::fs::write(&passfile, PASSPHRASE).expect("pass");
    let line = line
        .or_else(|| {
            output(
                Command::new("ssh-keygen")
                    .args(["-y", "-P", PASSPHRASE, "-f"])
                    .arg(&path),
            )
        })
        .or_else(|| {
            output(
                puttygen()
                    .arg(&path)
                    .arg("--old-passphrase")
                    .arg(&passfile)
                    .args(["-O", "public-openssh"]),
            )
        })
        .or_else(|| {
            // DER PKCS#8, and DES-CBC PEM (OpenSSL 3's legacy provider): openssl, then ssh-keygen -i.
            let spki = dir.join(format!("{}.spki", e.file));
            let mut cmd = Command::new("openssl");
            cmd.args(["pkey", "-provider", "legacy", "-provider", "default"]);
            if e.file.ends_with(".der") {
                cmd.args(["-inform", "DER"]);
            }
            cmd.arg("-in")
                .arg(&path)
                .args(["-passin", &format!("pass:{PASSPHRASE}"), "-pubout", "-out"])
                .arg(&spki);
            output(&mut cmd).or(Some(String::new()))?;
            output(
                Command::new("ssh-keygen")
                    .args(["-i", "-m", "PKCS8", "-f"])
                    .arg(&spki),
            )
        });
    line.unwrap_or_else(|| panic!("{}: no tool gives its public key", e.file))
        .trim()
        .to_string()
}

/// Asks the tools about every key of the corpus (not the non-keys).
fn oracles() -> Vec<Oracle> {
    let dir = tempfile::tempdir().expect("tempdir");
    corpus()
        .iter()
        .filter(|e| e.kind != "none")
        .map(|e| {
            let public_line = tool_public_line(dir.path(), e);
            let pub_file = dir.path().join("key.pub");
            std::fs::write(&pub_file, format!("{public_line}\n")).expect("write");
            let keygen = |args: &[&str]| {
                output(Command::new("ssh-keygen").args(args).arg(&pub_file))
                    .expect("ssh-keygen")
                    .trim()
                    .to_string()
            };
            let oracle = Oracle {
                file: e.file.clone(),
                rfc4716: keygen(&["-e", "-f"]),
                sha256_line: keygen(&["-l", "-f"]),
                md5_line: keygen(&["-E", "md5", "-l", "-f"]),
                puttygen_line: output(puttygen().arg(&pub_file).args(["-O", "fingerprint"]))
                    .expect("puttygen")
                    .trim()
                    .to_string(),
                public_line,
            };
            assert_eq!(
                oracle.sha256(),
                e.fingerprint,
                "{}: the tools disagree with expected.tsv",
                e.file
            );
            oracle
        })
        .collect()
}

/// The passphrase a key needs to show its public half: only PKCS#1, PKCS#8 and ssh.com keys hide it.
fn needed_passphrase(e: &Expected) -> Option<&'static [u8]> {
    (e.encrypted && matches!(e.format.as_str(), "pkcs1" | "pkcs8" | "sshcom"))
        .then_some(PASSPHRASE.as_bytes())
}

/// An answer never carries key material: no long run of base64 in the message.
fn check_no_key_material(m: &KeyMatch) {
    assert!(
        longest_base64_run(&m.message) < 30,
        "key material in {:?}",
        m.message
    );
}

/// The SHA-256 digest of `SHA256:<base64>` in hex, by coreutils' base64 and od.
fn sha256_hex(fingerprint: &str) -> String {
    let b64 = format!("{}=\n", fingerprint.trim_start_matches("SHA256:"));
    let hex = try_run_with_input(
        Command::new("sh").args(["-c", "base64 -d | od -An -v -tx1"]),
        b64.as_bytes(),
    );
    String::from_utf8(hex.expect_ok())
        .expect("utf8")
        .split_whitespace()
        .collect()
}

/// Every SHA-256 spelling of the tools' fingerprint that git hosts and tools show.
fn sha256_spellings(o: &Oracle) -> Vec<String> {
    let fp = o.sha256();
    let body = fp.trim_start_matches("SHA256:");
    let kind = o.sha256_line.rsplit(' ').next().expect("(TYPE)");
    let hex = sha256_hex(fp);
    let pairs: Vec<String> = hex
        .as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    vec![
        o.sha256_line.clone(),            // ssh-keygen -l, whole
        fp.to_string(),                   // GitHub, GitLab, ssh-keygen
        body.to_string(),                 // without the prefix
        format!("{body}="),               // padded
        format!("{fp}="),                 // prefixed and padded
        format!("sha256:{body}"),         // prefix in another case
        format!("{fp} {kind}"),           // `(RSA)` after it
        format!("{fp} jira@example.com"), // a comment after it
        format!("  {fp}\n"),              // blanks around it
        format!("{{\"algorithm\":\"SHA256\",\"value\":\"{body}\"}}"), // Bitbucket Data Center REST
        o.puttygen_line.clone(),          // puttygen -O fingerprint
        pairs.join(":"),                  // hex pairs (cloud-init)
        hex.to_uppercase(),               // hex, one word, upper case
    ]
}

/// Every MD5 spelling of the tools' fingerprint.
fn md5_spellings(o: &Oracle) -> Vec<String> {
    let fp = o.md5();
    let pairs = fp.trim_start_matches("MD5:");
    vec![
        o.md5_line.clone(),                       // ssh-keygen -E md5 -l, whole
        fp.to_string(),                           // MD5:aa:bb:... (ssh-keygen, GitLab)
        pairs.to_string(),                        // aa:bb:... (GitLab API, Azure DevOps, Bitbucket)
        pairs.to_uppercase(),                     // AA:BB:...
        format!("md5:{}", pairs.to_uppercase()),  // prefix and hex in other cases
        pairs.replace(':', ""),                   // 32 hex digits
        pairs.replace(':', "").to_uppercase(),    // 32 HEX DIGITS
        format!("{pairs} (RSA)"),                 // Bitbucket's documentation
        format!("\"fingerprint\": \"{pairs}\","), // JSON
    ]
}

fn expect(
    failures: &mut Vec<String>,
    what: &str,
    m: &KeyMatch,
    want: (Option<bool>, OtherKind, &str),
) {
    check_no_key_material(m);
    if (m.matches, m.other_kind, m.code) != want {
        failures.push(format!(
            "{what}: got {:?} {:?} {}, expected {want:?} ({})",
            m.matches, m.other_kind, m.code, m.message
        ));
    }
}

#[test]
fn every_corpus_key_matches_the_tools_fingerprints_in_every_spelling() {
    let oracles = oracles();
    let rows: Vec<Expected> = corpus().into_iter().filter(|e| e.kind != "none").collect();
    assert!(oracles.len() >= 50, "only {} keys", oracles.len());
    let mut failures = Vec::new();
    for (o, e) in oracles.iter().zip(&rows) {
        let key = read(&e.file);
        let pass = needed_passphrase(e);
        let same = |other: &str| match_key(&key, pass, other.as_bytes());
        for spelling in sha256_spellings(o) {
            let m = same(&spelling);
            expect(
                &mut failures,
                &format!("{} vs {spelling:?}", o.file),
                &m,
                (Some(true), OtherKind::FingerprintSha256, "same-key"),
            );
            if m.key_fingerprint.as_deref() != Some(o.sha256()) {
                failures.push(format!(
                    "{}: keyFingerprint {:?}",
                    o.file, m.key_fingerprint
                ));
            }
        }
        for spelling in md5_spellings(o) {
            let m = same(&spelling);
            expect(
                &mut failures,
                &format!("{} vs {spelling:?}", o.file),
                &m,
                (Some(true), OtherKind::FingerprintMd5, "same-key"),
            );
            if m.key_fingerprint.as_deref() != Some(o.md5()) {
                failures.push(format!(
                    "{}: keyFingerprint {:?}",
                    o.file, m.key_fingerprint
                ));
            }
        }
        for public in [&o.public_line, &o.rfc4716] {
            let m = same(public);
            expect(
                &mut failures,
                &format!("{} vs its public key", o.file),
                &m,
                (Some(true), OtherKind::PublicKey, "same-key"),
            );
        }
        // Another key of the corpus: its fingerprints and public key do not match.
        let other = oracles
            .iter()
            .find(|x| x.sha256() != o.sha256())
            .expect("another key");
        for (spelling, kind) in [
            (other.sha256().to_string(), OtherKind::FingerprintSha256),
            (other.md5_line.clone(), OtherKind::FingerprintMd5),
            (other.public_line.clone(), OtherKind::PublicKey),
        ] {
            let m = same(&spelling);
            expect(
                &mut failures,
                &format!("{} vs {}", o.file, other.file),
                &m,
                (Some(false), kind, "different-key"),
            );
        }
    }
    common::assert_no_failures(&failures);
}

/// The tools' SHA-256 fingerprint of the RSA-2048 key most corpus files hold, and its public key line.
fn rsa2048() -> Oracle {
    oracles()
        .into_iter()
        .find(|o| o.file == "rsa2048-openssh.pub")
        .expect("rsa2048-openssh.pub")
}

#[test]
fn locked_keys_match_by_their_clear_public_half_or_ask_for_the_passphrase() {
    let o = rsa2048();
    let mut failures = Vec::new();
    for e in corpus()
        .iter()
        .filter(|e| e.encrypted && e.fingerprint == o.sha256())
    {
        let key = read(&e.file);
        let clear = needed_passphrase(e).is_none();
        let what = |p: &str| format!("{} {p}", e.file);
        let none = match_key(&key, None, o.sha256().as_bytes());
        let wrong = match_key(&key, Some(b"wrong horse"), o.md5().as_bytes());
        let empty = match_key(&key, Some(b""), o.public_line.as_bytes());
        if clear {
            // OpenSSH and PuTTY keys show their public half without the passphrase.
            expect(
                &mut failures,
                &what("no passphrase"),
                &none,
                (Some(true), OtherKind::FingerprintSha256, "same-key"),
            );
            expect(
                &mut failures,
                &what("wrong passphrase"),
                &wrong,
                (Some(true), OtherKind::FingerprintMd5, "same-key"),
            );
            expect(
                &mut failures,
                &what("empty passphrase"),
                &empty,
                (Some(true), OtherKind::PublicKey, "same-key"),
            );
            if !wrong.message.contains("passphrase") {
                failures.push(format!(
                    "{}: a wrong passphrase goes unsaid: {}",
                    e.file, wrong.message
                ));
            }
        } else {
            expect(
                &mut failures,
                &what("no passphrase"),
                &none,
                (None, OtherKind::FingerprintSha256, "needs-passphrase"),
            );
            expect(
                &mut failures,
                &what("wrong passphrase"),
                &wrong,
                (None, OtherKind::FingerprintMd5, "wrong-passphrase"),
            );
            expect(
                &mut failures,
                &what("empty passphrase"),
                &empty,
                (None, OtherKind::PublicKey, "needs-passphrase"),
            );
            if none.key_fingerprint.is_some() {
                failures.push(format!("{}: a fingerprint without the key", e.file));
            }
        }
    }
    common::assert_no_failures(&failures);
}

#[test]
fn sha256_base64_is_case_sensitive_and_hex_is_not() {
    let o = rsa2048();
    let key = read("rsa2048-pkcs1.pem");
    let fp = o.sha256();
    let body = fp.trim_start_matches("SHA256:");
    let swapped: String = body
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let one_letter = {
        let i = body
            .find(|c: char| c.is_ascii_alphabetic())
            .expect("a letter");
        let mut s = body.to_string();
        let c = s.remove(i);
        let flipped = if c.is_ascii_lowercase() {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        };
        s.insert(i, flipped);
        s
    };
    let mut failures = Vec::new();
    for other in [
        fp.to_lowercase(),
        fp.to_uppercase(),
        format!("SHA256:{swapped}"),
        format!("SHA256:{one_letter}"),
        one_letter.clone(),
    ] {
        let m = match_key(&key, None, other.as_bytes());
        expect(
            &mut failures,
            &other,
            &m,
            (Some(false), OtherKind::FingerprintSha256, "case-mismatch"),
        );
    }
    let m = match_key(&key, None, o.md5().to_uppercase().as_bytes());
    expect(
        &mut failures,
        "MD5 in upper case",
        &m,
        (Some(true), OtherKind::FingerprintMd5, "same-key"),
    );
    common::assert_no_failures(&failures);
}

#[test]
fn a_fingerprint_cut_short_never_matches() {
    let o = rsa2048();
    let key = read("rsa2048-pkcs1.pem");
    let fp = o.sha256();
    let md5 = o.md5();
    let mut failures = Vec::new();
    for cut in [1, 2, 5, 10] {
        for (other, kind, code) in [
            (
                &fp[..fp.len() - cut],
                OtherKind::FingerprintSha256,
                "fingerprint-incomplete",
            ),
            (
                &fp[7..fp.len() - cut],
                OtherKind::Unknown,
                "other-unreadable",
            ),
            (
                &md5[..md5.len() - cut],
                OtherKind::FingerprintMd5,
                "fingerprint-incomplete",
            ),
            (
                &md5[4..md5.len() - 3 * cut],
                OtherKind::FingerprintMd5,
                "fingerprint-incomplete",
            ),
        ] {
            let m = match_key(&key, None, other.as_bytes());
            expect(&mut failures, other, &m, (None, kind, code));
        }
    }
    // One character too many is no fingerprint either.
    let m = match_key(&key, None, format!("{fp}A").as_bytes());
    expect(
        &mut failures,
        "one more",
        &m,
        (None, OtherKind::FingerprintSha256, "other-unreadable"),
    );
    common::assert_no_failures(&failures);
}

#[test]
fn what_cannot_be_compared_says_why() {
    let key = read("rsa2048-pkcs1.pem");
    let mut failures = Vec::new();
    let big = vec![b'a'; keyfit::limits::MAX_INPUT_BYTES + 1];
    for (what, other, code) in [
        ("empty", b"".to_vec(), "other-empty"),
        ("blanks", b" \n\t ".to_vec(), "other-empty"),
        (
            "prose",
            b"the key on my laptop".to_vec(),
            "other-unreadable",
        ),
        ("binary", vec![0, 159, 146, 150, 255, 1], "other-unreadable"),
        (
            "a certificate",
            read("rsa2048-x509-cert.pem"),
            "other-unreadable",
        ),
        (
            "a PGP block",
            read("pgp-private-key.asc"),
            "other-unreadable",
        ),
        ("too large", big.clone(), "other-too-large"),
        (
            "a broken key line",
            b"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ me".to_vec(),
            "other-unreadable",
        ),
    ] {
        let m = match_key(&key, None, &other);
        expect(&mut failures, what, &m, (None, OtherKind::Unknown, code));
        if m.key_fingerprint.as_deref() != Some(rsa2048_fingerprint()) {
            failures.push(format!("{what}: keyFingerprint {:?}", m.key_fingerprint));
        }
    }
    let fp = rsa2048_fingerprint().as_bytes();
    for (what, key, code) in [
        ("empty key", b"".to_vec(), "key-empty"),
        (
            "garbage key",
            b"not a key at all".to_vec(),
            "key-unreadable",
        ),
        ("a fingerprint as the key", fp.to_vec(), "key-unreadable"),
        (
            "truncated key",
            read("rsa2048-pkcs1.pem")[..900].to_vec(),
            "key-unreadable",
        ),
        ("too large key", big, "key-too-large"),
    ] {
        let m = match_key(&key, None, fp);
        expect(
            &mut failures,
            what,
            &m,
            (None, OtherKind::FingerprintSha256, code),
        );
        if m.key_fingerprint.is_some() {
            failures.push(format!("{what}: keyFingerprint {:?}", m.key_fingerprint));
        }
    }
    common::assert_no_failures(&failures);
}

fn rsa2048_fingerprint() -> &'static str {
    "SHA256:zvJiiVnfDS6vVYupIpqqkT0M74jQ0TUJmP788d75UWE"
}

#[test]
fn a_private_key_pasted_to_compare_is_compared_and_named() {
    let key = read("rsa2048-openssh.pub");
    let mut failures = Vec::new();
    for (file, want) in [
        ("rsa2048-pkcs1.pem", Some(true)),
        ("rsa2048-openssh-aes256-ctr.key", Some(true)),
        ("rsa2048-ppk3-argon2id.ppk", Some(true)),
        ("ed25519-openssh.key", Some(false)),
        ("rsa4096-pkcs1-sshkeygen.pem", Some(false)),
        // Locked, its public half hidden: no answer, and a request for the public key instead.
        ("rsa2048-pkcs8-pbkdf2-sha256-aes-256-cbc.pem", None),
    ] {
        let other = read(file);
        let m = match_key(&key, None, &other);
        expect(
            &mut failures,
            file,
            &m,
            (want, OtherKind::PublicKey, "other-is-private-key"),
        );
        if !m.message.contains("private key") {
            failures.push(format!("{file}: {}", m.message));
        }
        let text = String::from_utf8_lossy(&other);
        if text
            .lines()
            .any(|l| l.len() > 16 && m.message.contains(l.trim()))
        {
            failures.push(format!("{file}: the message quotes the key"));
        }
    }
    common::assert_no_failures(&failures);
}

#[test]
fn mangled_pastes_are_repaired_on_both_sides() {
    let o = rsa2048();
    let one_line = String::from_utf8(read("rsa2048-pkcs1.pem"))
        .expect("utf8")
        .replace('\n', " ");
    let quoted = format!("\"{}\"", o.public_line);
    let padded = format!("\r\n  {}  \r\n\r\n", o.public_line);
    let mut failures = Vec::new();
    for (what, key, other) in [
        ("one-line PEM", one_line.clone(), o.sha256().to_string()),
        ("one-line PEM vs quoted public key", one_line, quoted),
        (
            "CRLF key",
            String::from_utf8(read("rsa2048-pkcs1-crlf.pem")).expect("utf8"),
            o.md5_line.clone(),
        ),
        ("DER key", String::new(), o.sha256().to_string()),
        (
            "wrapped public line",
            String::from_utf8(read("rsa2048-pkcs1.pem")).expect("utf8"),
            padded,
        ),
    ] {
        let key = if key.is_empty() {
            read("rsa2048-pkcs8.der")
        } else {
            key.into_bytes()
        };
        let m = match_key(&key, None, other.as_bytes());
        if m.matches != Some(true) {
            failures.push(format!("{what}: {:?} {} {}", m.matches, m.code, m.message));
        }
    }
    common::assert_no_failures(&failures);
}

#[test]
fn names_read_from_the_file_are_shown_short() {
    // Found by the fuzz target match_key: base64 run into the DEK-Info header came back whole in the message.
    let base64 = "MIIEpAIBAAKCAQEAz73uLUlpBGQSiyBpOUSp/1TFN8FlZ7a3GN6CbiQ7".repeat(4);
    let pem = format!(
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: {base64},00112233445566778899AABBCCDDEEFF\n\n\
         {base64}\n-----END RSA PRIVATE KEY-----\n"
    );
    let m = match_key(
        pem.as_bytes(),
        Some(b"pw"),
        rsa2048_fingerprint().as_bytes(),
    );
    assert_eq!(
        (m.matches, m.code),
        (None, "key-unreadable"),
        "{}",
        m.message
    );
    assert!(m.message.contains("encrypted with"), "{}", m.message);
    // Lower-cased in the message, as cipher names are.
    let leaked = |message: &str| {
        message
            .to_lowercase()
            .contains(&base64[..65].to_lowercase())
    };
    assert!(!leaked(&m.message), "{}", m.message);
    let report = keyfit::inspect(pem.as_bytes(), Some(b"pw"));
    assert!(report.problems.iter().all(|p| !leaked(&p.message)));
    // The same for a key type name (PuTTY's first line; found by the same target).
    let ppk = String::from_utf8(read("rsa2048-ppk2.ppk"))
        .expect("utf8")
        .replacen("ssh-rsa", &base64, 1);
    let m = match_key(ppk.as_bytes(), None, rsa2048_fingerprint().as_bytes());
    assert_eq!(m.code, "key-unreadable", "{}", m.message);
    assert!(!leaked(&m.message), "{}", m.message);
}
