//! Running the real tools from the native tests, and reading what they say: one way to run a tool
//! ([`try_run`], or [`run`] when it must succeed) and one fingerprint helper ([`ssh_keygen_fingerprint`]).

use keyfit::PublicKey;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Whether a tool is installed; prints a note when it is not.
pub fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-h").output().is_ok();
    if !found {
        eprintln!("note: {tool} is not installed; skipping the part of this test that needs it");
    }
    found
}

/// A fresh temporary folder when every tool named is installed; `None`, after a note, when one is not.
pub fn workdir_with(tools: &[&str]) -> Option<tempfile::TempDir> {
    if tools.iter().all(|t| have(t)) {
        Some(tempfile::tempdir().expect("tempdir"))
    } else {
        None
    }
}

/// What a tool did.
pub struct Ran {
    /// Whether it exited with status 0.
    pub ok: bool,
    /// Its standard output.
    pub stdout: Vec<u8>,
    /// Its standard error, as text.
    pub stderr: String,
    /// The command, for messages.
    command: String,
}

impl Ran {
    /// The standard output as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// The standard output; panics with the command and its standard error when the tool failed.
    pub fn expect_ok(self) -> Vec<u8> {
        assert!(self.ok, "{}: {}", self.command, self.stderr);
        self.stdout
    }
}

/// Runs a tool with `input` on its standard input (closed at once when empty) and waits for it.
pub fn try_run_with_input(cmd: &mut Command, input: &[u8]) -> Ran {
    let command = format!("{cmd:?}");
    let mut child = cmd
        .stdin(if input.is_empty() {
            Stdio::null()
        } else {
            Stdio::piped()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command}: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("write to stdin");
    }
    let out = child.wait_with_output().expect("wait");
    Ran {
        ok: out.status.success(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        command,
    }
}

/// Runs a tool with its standard input closed (a tool that prompts gets end of file) and waits for it.
pub fn try_run(cmd: &mut Command) -> Ran {
    try_run_with_input(cmd, b"")
}

/// Runs a tool that must succeed; its standard output.
pub fn run(cmd: &mut Command) -> Vec<u8> {
    try_run(cmd).expect_ok()
}

/// `puttygen` under a 30 s timeout (it would prompt for a passphrase it was not given), to add arguments to.
pub fn puttygen() -> Command {
    let mut cmd = Command::new("timeout");
    cmd.args(["30", "puttygen"]);
    cmd
}

/// Writes `contents` to a 0600 file in `dir` (ssh-keygen refuses readable private keys).
pub fn write_private(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path
}

/// `ssh-keygen -l -E sha256` of a public key given as text, in any form ssh-keygen reads (an OpenSSH line, an
/// RFC 4716 block): the `SHA256:...` field.
pub fn ssh_keygen_fingerprint(public: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("key.pub");
    std::fs::write(&path, public).expect("write public key");
    let out = run(Command::new("ssh-keygen")
        .args(["-l", "-E", "sha256", "-f"])
        .arg(&path));
    String::from_utf8(out)
        .expect("utf8")
        .split_whitespace()
        .nth(1)
        .expect("fingerprint")
        .to_string()
}

/// The SHA-256 fingerprint of a private key file as the real tools see it: `openssl pkey -pubout`, then
/// `ssh-keygen -i -m PKCS8` and `ssh-keygen -l`; for Ed25519, which ssh-keygen cannot import, the blob is
/// built from the last 32 bytes of openssl's DER.
pub fn tool_fingerprint(key_file: &Path, pass: Option<&str>) -> String {
    let dir = key_file.parent().expect("dir");
    let stem = key_file
        .file_name()
        .expect("name")
        .to_string_lossy()
        .to_string();
    let spki = dir.join(format!("{stem}.spki"));
    let mut cmd = Command::new("openssl");
    cmd.args(["pkey", "-pubout", "-in"])
        .arg(key_file)
        .arg("-out")
        .arg(&spki);
    if let Some(p) = pass {
        cmd.args(["-passin", &format!("pass:{p}")]);
    }
    run(&mut cmd);
    let der = run(Command::new("openssl")
        .args(["pkey", "-pubin", "-outform", "DER", "-in"])
        .arg(&spki));
    let ed25519_prefix = [
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ];
    let line = if der.len() == 44 && der[..12] == ed25519_prefix {
        let key: [u8; 32] = der[12..].try_into().expect("32 bytes");
        PublicKey::Ed25519(key).to_openssh_line("")
    } else {
        let line = run(Command::new("ssh-keygen")
            .args(["-i", "-m", "PKCS8", "-f"])
            .arg(&spki));
        String::from_utf8(line).expect("utf8")
    };
    ssh_keygen_fingerprint(&line)
}

/// Runs `openssl <args>` in `dir`; it must succeed. Its standard output.
pub fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    run(Command::new("openssl").current_dir(dir).args(args))
}

/// Makes a 1024-bit DSA key with `openssl genpkey` (PKCS#8) in `dir`, named `name`; returns its path.
pub fn openssl_dsa_key(dir: &Path, name: &str) -> PathBuf {
    let param = format!("{name}.param");
    openssl(
        dir,
        &[
            "genpkey",
            "-genparam",
            "-algorithm",
            "dsa",
            "-pkeyopt",
            "dsa_paramgen_bits:1024",
            "-out",
            &param,
        ],
    );
    openssl(dir, &["genpkey", "-paramfile", &param, "-out", name]);
    dir.join(name)
}

/// Runs classic JSch (tests/tools/jsch-check.sh) on a private key file: whether it loaded the key, and what
/// it said.
pub fn jsch_accepts(path: &Path, passphrase: Option<&str>) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/jsch-check.sh");
    let mut cmd = Command::new("bash");
    cmd.arg(script).arg(path);
    if let Some(p) = passphrase {
        cmd.arg(p);
    }
    let ran = try_run(&mut cmd);
    (ran.ok, format!("{}{}", ran.text(), ran.stderr))
}

/// Asserts that classic JSch loads a key keyfit calls Jira-ready, written to a 0600 file `name` in `dir`.
pub fn assert_jsch_loads(dir: &Path, name: &str, key: &[u8], passphrase: Option<&str>) {
    let path = write_private(dir, name, key);
    let (ok, out) = jsch_accepts(&path, passphrase);
    assert!(ok, "{name}: keyfit says Jira-ready but JSch says {out}");
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

    let out = run(Command::new("openssl")
        .args(["rsa", "-check", "-noout", "-passin"])
        .arg(format!("pass:{pass}"))
        .arg("-in")
        .arg(&key));
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("RSA key ok"), "openssl rsa -check: {out}");

    let out = run(Command::new("ssh-keygen")
        .args(["-y", "-P", pass, "-f"])
        .arg(&key));
    let fields: Vec<&str> = public_line.split_whitespace().take(2).collect();
    assert_eq!(
        String::from_utf8_lossy(&out)
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>(),
        fields,
        "ssh-keygen -y gives another key"
    );
    assert_eq!(
        ssh_keygen_fingerprint(public_line),
        fingerprint,
        "fingerprint differs from ssh-keygen -l"
    );

    let passfile = dir.path().join("pass");
    std::fs::write(&passfile, pass).expect("write pass");
    run(puttygen()
        .arg(&key)
        .arg("--old-passphrase")
        .arg(&passfile)
        .args(["-O", "fingerprint"]));

    let (ok, out) = jsch_accepts(&key, passphrase);
    assert!(ok, "JSch: {out}");

    if passphrase.is_some() {
        let openssl = try_run(
            Command::new("openssl")
                .args(["rsa", "-check", "-noout", "-passin", "pass:wrong"])
                .arg("-in")
                .arg(&key),
        );
        assert!(!openssl.ok, "openssl took a wrong passphrase");
        let ssh_keygen = try_run(
            Command::new("ssh-keygen")
                .args(["-y", "-P", "wrong", "-f"])
                .arg(&key),
        );
        assert!(!ssh_keygen.ok, "ssh-keygen took a wrong passphrase");
        let (ok, ..) = jsch_accepts(&key, Some("wrong"));
        assert!(!ok, "JSch took a wrong passphrase");
    }
}
