//! The checker against a corpus made by the real tools (tests/corpus/make.sh): every file's report must agree
//! with what ssh-keygen, puttygen and openssl say of it, and every key keyfit calls Jira-ready must load in JSch.

mod common;

use common::{corpus, read, Expected, PASSPHRASE};
use keyfit::{inspect, Report};

fn codes(r: &Report) -> Vec<&'static str> {
    r.problems.iter().map(|p| p.code).collect()
}

fn check(e: &Expected, r: &Report) -> Vec<String> {
    let mut bad = Vec::new();
    let mut expect = |what: &str, got: String, want: &str| {
        if got != want {
            bad.push(format!("{}: {what} is {got:?}, expected {want:?}", e.file));
        }
    };
    expect(
        "format",
        r.format.map_or("-", |f| f.name()).into(),
        &e.format,
    );
    let kind = match r.private {
        Some(true) => "private",
        Some(false) => "public",
        None => "none",
    };
    expect("kind", kind.into(), &e.kind);
    expect(
        "algorithm",
        r.algorithm.map_or("-", |a| a.name()).into(),
        &e.algorithm,
    );
    expect(
        "bits",
        r.bits.map_or("-".into(), |b| b.to_string()),
        &e.bits,
    );
    expect(
        "encrypted",
        r.encrypted.to_string(),
        &e.encrypted.to_string(),
    );
    expect("cipher", r.cipher.clone().unwrap_or("-".into()), &e.cipher);
    expect(
        "fingerprint",
        r.fingerprint_sha256.clone().unwrap_or("-".into()),
        &e.fingerprint,
    );
    expect(
        "jiraReady",
        r.jira_ready.to_string(),
        &e.jira_ready.to_string(),
    );
    bad
}

#[test]
fn reports_agree_with_the_real_tools() {
    let mut failures = Vec::new();
    for e in corpus() {
        let pass = e.encrypted.then_some(PASSPHRASE.as_bytes());
        let r = inspect(&read(&e.file), pass);
        failures.extend(check(&e, &r));
        if e.kind == "none" && !codes(&r).contains(&"not-a-key") {
            failures.push(format!(
                "{}: expected not-a-key, got {:?}",
                e.file,
                codes(&r)
            ));
        }
        if !r.jira_ready
            && !r
                .problems
                .iter()
                .any(|p| p.severity != keyfit::Severity::Info)
        {
            failures.push(format!("{}: not Jira-ready without saying why", e.file));
        }
        if e.kind == "private" && !e.jira_ready && e.algorithm == "rsa" && e.bits != "1024" {
            let want = match e.format.as_str() {
                "openssh" => "openssh-format",
                "pkcs8" => "pkcs8-format",
                "ppk2" | "ppk3" => "ppk-format",
                "sshcom" => "sshcom-format",
                _ => "unsupported-cipher",
            };
            if !codes(&r).contains(&want) {
                failures.push(format!("{}: expected {want}, got {:?}", e.file, codes(&r)));
            }
        }
    }
    common::assert_no_failures(&failures);
}

#[test]
fn encrypted_keys_ask_for_their_passphrase_and_refuse_a_wrong_one() {
    let mut failures = Vec::new();
    for e in corpus().into_iter().filter(|e| e.encrypted) {
        let bytes = read(&e.file);
        let r = inspect(&bytes, None);
        if !r.encrypted || r.jira_ready || !codes(&r).contains(&"passphrase-required") {
            failures.push(format!(
                "{}: without passphrase got {:?}",
                e.file,
                codes(&r)
            ));
        }
        if r.cipher.as_deref() != Some(e.cipher.as_str()) {
            failures.push(format!(
                "{}: cipher {:?} without the passphrase",
                e.file, r.cipher
            ));
        }
        let r = inspect(&bytes, Some(b"wrong horse"));
        if codes(&r).first() != Some(&"wrong-passphrase") || r.jira_ready {
            failures.push(format!(
                "{}: with a wrong passphrase got {:?}",
                e.file,
                codes(&r)
            ));
        }
    }
    common::assert_no_failures(&failures);
}

#[test]
fn every_key_called_jira_ready_loads_in_jsch() {
    if !std::path::Path::new("/usr/share/java/jsch.jar").exists() {
        panic!("classic JSch is missing: apt-get install libjsch-java (build.sh test installs it)");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut checked = 0;
    for e in corpus() {
        let pass = e.encrypted.then_some(PASSPHRASE);
        let bytes = read(&e.file);
        if !inspect(&bytes, pass.map(str::as_bytes)).jira_ready {
            continue;
        }
        common::tools::assert_jsch_loads(dir.path(), &e.file, &bytes, pass);
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} Jira-ready keys in the corpus");
}
