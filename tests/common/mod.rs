//! Shared helpers for the native integration tests: the corpus and its expected reports, and the real tools.
#![allow(dead_code)]

pub mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The passphrase of every encrypted corpus file.
pub const PASSPHRASE: &str = "correct horse";

/// One row of tests/corpus/expected.tsv (made by tests/corpus/make.sh from the real tools).
#[derive(Debug, Clone)]
pub struct Expected {
    pub file: String,
    pub format: String,
    pub kind: String,
    pub algorithm: String,
    pub bits: String,
    pub encrypted: bool,
    pub cipher: String,
    pub fingerprint: String,
    pub jira_ready: bool,
    pub jsch: bool,
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/keys")
}

pub fn corpus() -> Vec<Expected> {
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/expected.tsv"),
    )
    .expect("expected.tsv");
    tsv.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 10, "bad row {line}");
            Expected {
                file: f[0].into(),
                format: f[1].into(),
                kind: f[2].into(),
                algorithm: f[3].into(),
                bits: f[4].into(),
                encrypted: f[5] == "true",
                cipher: f[6].into(),
                fingerprint: f[7].into(),
                jira_ready: f[8] == "true",
                jsch: f[9] == "ok",
            }
        })
        .collect()
}

pub fn read(file: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(file)).expect("corpus file")
}

/// Whether a command exists on PATH.
pub fn have(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs a command and returns (success, stdout, stderr).
pub fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd
        .stdin(std::process::Stdio::null())
        .output()
        .expect("spawn");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes `contents` to a 0600 file in `dir` (ssh-keygen refuses readable private keys).
pub fn write_private(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path
}

/// `ssh-keygen -l` of a public or unencrypted private key file: the `SHA256:...` field.
pub fn ssh_keygen_fingerprint(path: &Path) -> String {
    let (ok, out, err) = run(Command::new("ssh-keygen").arg("-l").arg("-f").arg(path));
    assert!(ok, "ssh-keygen -l failed: {err}");
    out.split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

/// `ssh-keygen -l` of a public key given as text (any form ssh-keygen reads), written to a file in `dir`.
pub fn ssh_keygen_fingerprint_of_text(dir: &Path, public: &str) -> String {
    let path = dir.join("fingerprint.pub");
    std::fs::write(&path, public).expect("write public key");
    ssh_keygen_fingerprint(&path)
}

/// Runs classic JSch (tests/tools/jsch-check.sh) on a private key file.
pub fn jsch_accepts(path: &Path, passphrase: Option<&str>) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/jsch-check.sh");
    let mut cmd = Command::new("bash");
    cmd.arg(script).arg(path);
    if let Some(p) = passphrase {
        cmd.arg(p);
    }
    let (ok, out, err) = run(&mut cmd);
    (ok, format!("{out}{err}"))
}

/// Checks a PKCS#1 PEM private key with every real tool: openssl, ssh-keygen, puttygen and JSch; with a
/// passphrase, also that each refuses a wrong one. Returns nothing; panics with the tool's words on failure.
pub fn check_pem_with_tools(
    pem: &str,
    passphrase: Option<&str>,
    public_line: &str,
    fingerprint: &str,
) {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = write_private(dir.path(), "id_rsa", pem.as_bytes());
    let pass = passphrase.unwrap_or("");

    let (ok, out, err) = run(Command::new("openssl")
        .args(["rsa", "-check", "-noout", "-passin"])
        .arg(format!("pass:{pass}"))
        .arg("-in")
        .arg(&key));
    assert!(
        ok && out.contains("RSA key ok"),
        "openssl rsa -check: {out}{err}"
    );

    let (ok, out, err) = run(Command::new("ssh-keygen")
        .args(["-y", "-P", pass, "-f"])
        .arg(&key));
    assert!(ok, "ssh-keygen -y: {err}");
    let fields: Vec<&str> = public_line.split_whitespace().take(2).collect();
    assert_eq!(
        out.split_whitespace().take(2).collect::<Vec<_>>(),
        fields,
        "ssh-keygen -y gives another key"
    );
    assert_eq!(
        ssh_keygen_fingerprint_of_text(dir.path(), public_line),
        fingerprint,
        "fingerprint differs from ssh-keygen -l"
    );

    let passfile = dir.path().join("pass");
    std::fs::write(&passfile, pass).expect("write pass");
    let (ok, out, err) = run(Command::new("timeout")
        .args(["30", "puttygen"])
        .arg(&key)
        .arg("--old-passphrase")
        .arg(&passfile)
        .args(["-O", "fingerprint"]));
    assert!(ok, "puttygen: {out}{err}");

    let (ok, out) = jsch_accepts(&key, passphrase);
    assert!(ok, "JSch: {out}");

    if passphrase.is_some() {
        let (ok, ..) = run(Command::new("openssl")
            .args(["rsa", "-check", "-noout", "-passin", "pass:wrong"])
            .arg("-in")
            .arg(&key));
        assert!(!ok, "openssl took a wrong passphrase");
        let (ok, ..) = run(Command::new("ssh-keygen")
            .args(["-y", "-P", "wrong", "-f"])
            .arg(&key));
        assert!(!ok, "ssh-keygen took a wrong passphrase");
        let (ok, ..) = jsch_accepts(&key, Some("wrong"));
        assert!(!ok, "JSch took a wrong passphrase");
    }
}
