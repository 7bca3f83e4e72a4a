//! Running the real tools from the native tests, and reading what they say.

use keyfit::PublicKey;
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

/// Runs a command, asserts it succeeded and returns its standard output.
pub fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.stdin(Stdio::null()).output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `puttygen <args>` under a 30 s timeout with stdin closed (it would prompt); returns whether it succeeded.
pub fn puttygen<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> bool {
    Command::new("timeout")
        .arg("30")
        .arg("puttygen")
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `ssh-keygen -l -E sha256` of an OpenSSH public key file: the fingerprint field.
pub fn ssh_fingerprint(pub_file: &Path) -> String {
    let out = run(Command::new("ssh-keygen")
        .args(["-l", "-E", "sha256", "-f"])
        .arg(pub_file));
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
    let ssh_pub = dir.join(format!("{stem}.sshpub"));
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
    if der.len() == 44 && der[..12] == ed25519_prefix {
        let key: [u8; 32] = der[12..].try_into().expect("32 bytes");
        std::fs::write(&ssh_pub, PublicKey::Ed25519(key).to_openssh_line("")).expect("write");
    } else {
        let line = run(Command::new("ssh-keygen")
            .args(["-i", "-m", "PKCS8", "-f"])
            .arg(&spki));
        std::fs::write(&ssh_pub, line).expect("write");
    }
    ssh_fingerprint(&ssh_pub)
}

/// Makes a 1024-bit DSA key with `openssl genpkey` (PKCS#8) in `dir`, named `name`; returns its path.
pub fn openssl_dsa_key(dir: &Path, name: &str) -> PathBuf {
    let param = format!("{name}.param");
    let openssl = |args: &[&str]| run(Command::new("openssl").current_dir(dir).args(args));
    openssl(&[
        "genpkey",
        "-genparam",
        "-algorithm",
        "dsa",
        "-pkeyopt",
        "dsa_paramgen_bits:1024",
        "-out",
        &param,
    ]);
    openssl(&["genpkey", "-paramfile", &param, "-out", name]);
    dir.join(name)
}
