//! Helpers shared by the unit tests inside `src/`: running the real tools and reading what they say.
#![allow(clippy::unwrap_used)]

use crate::key::PublicKey;
use std::path::Path;
use std::process::Command;

/// Whether a tool is installed; prints a note when it is not.
pub(crate) fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-h").output().is_ok();
    if !found {
        eprintln!("note: {tool} is not installed; skipping the part of this test that needs it");
    }
    found
}

/// Runs a command, asserts it succeeded and returns its standard output.
pub(crate) fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.stdin(std::process::Stdio::null()).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `ssh-keygen -l -E sha256` of an OpenSSH public key file: the fingerprint field.
pub(crate) fn ssh_fingerprint(pub_file: &Path) -> String {
    let out = run(Command::new("ssh-keygen")
        .args(["-l", "-E", "sha256", "-f"])
        .arg(pub_file));
    String::from_utf8(out)
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string()
}

/// The SHA-256 fingerprint of a private key file as the real tools see it: `openssl pkey -pubout`, then
/// `ssh-keygen -i -m PKCS8` and `ssh-keygen -l`; for Ed25519, which ssh-keygen cannot import, the blob is
/// built from the last 32 bytes of openssl's DER.
pub(crate) fn tool_fingerprint(key_file: &Path, pass: Option<&str>) -> String {
    let dir = key_file.parent().unwrap();
    let stem = key_file.file_name().unwrap().to_string_lossy().to_string();
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
    if der.len() == 44
        && der[..12]
            == [
                0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
            ]
    {
        let key: [u8; 32] = der[12..].try_into().unwrap();
        std::fs::write(&ssh_pub, PublicKey::Ed25519(key).to_openssh_line("")).unwrap();
    } else {
        let line = run(Command::new("ssh-keygen")
            .args(["-i", "-m", "PKCS8", "-f"])
            .arg(&spki));
        std::fs::write(&ssh_pub, line).unwrap();
    }
    ssh_fingerprint(&ssh_pub)
}
