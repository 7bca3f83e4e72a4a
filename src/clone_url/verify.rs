//! The terminal commands that check the SSH connection with the key, for a URL that passed every check: one for
//! POSIX sh, one for PowerShell and one for cmd, each first restricting the key file to its owner (ssh refuses a
//! key file others can read).

use super::hosts::{facts, HostKind, Verify};
use super::parse::{self, Shape};
use super::text::with_number;

/// The command that checks the connection, for each shell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifyCommands {
    /// POSIX sh (bash, zsh, macOS Terminal, Git Bash): `chmod 600 id_rsa.pem && ...`.
    pub sh: String,
    /// PowerShell (Windows 10 and later ship OpenSSH): `icacls ...; ...`.
    pub powershell: String,
    /// cmd.exe: `icacls ... && ...`.
    pub cmd: String,
}

const SSH: [&str; 5] = ["ssh", "-i", "id_rsa.pem", "-o", "IdentitiesOnly=yes"];

/// The commands for `url`, the suggestion or a URL with no error (`None`: a placeholder URL). `--` ends the
/// options of ssh and git ls-remote, so the destination is never read as one (checked with `ssh -G --` and
/// `GIT_SSH_COMMAND=... git ls-remote --`).
pub(super) fn verify(kind: HostKind, url: Option<&str>) -> VerifyCommands {
    let f = facts(kind);
    let p = url.map(parse::parse);
    let p = p
        .as_ref()
        .filter(|p| matches!(p.shape, Shape::Url | Shape::Scp));
    let mut words: Vec<String> = Vec::new();
    let ls_remote = match (f.verify, p, url) {
        (Verify::LsRemote, Some(_), Some(url)) => Some(url),
        (Verify::Greeting | Verify::Info, Some(p), _) => {
            let host = p.host.unwrap_or("HOST");
            let user = p
                .user
                .unwrap_or(if f.ssh_port.is_some() { "USER" } else { "git" });
            words.extend(SSH.iter().map(|w| w.to_string()));
            if let Some(port) = p.port.or(f.ssh_port).filter(|&n| n != 22) {
                words.push("-p".into());
                words.push(with_number("", port));
            }
            if f.verify == Verify::Greeting {
                words.push("-T".into());
            }
            words.push("--".into());
            // An IPv6 address without brackets: ssh reads `user@host` up to the last `@` and would look up
            // `[2001:db8::1]` as a name (`ssh -G` shows it).
            words.push([user, "@", host].concat());
            if f.verify == Verify::Info {
                words.push("info".into());
            }
            None
        }
        _ => Some("SSH_CLONE_URL"),
    };
    let ssh = SSH.join(" ");
    if let Some(url) = ls_remote {
        words = ["git", "ls-remote", "--", url].map(String::from).to_vec();
    }
    let env = |set: &str, end: &str| {
        ls_remote
            .map(|_| [set, "GIT_SSH_COMMAND", end].concat())
            .unwrap_or_default()
    };
    let cmd_words = if words.iter().all(|w| cmd_safe(w)) {
        words.clone()
    } else {
        // cmd has no quoting that keeps `%`, `^`, `&` or `"` literal: a placeholder then.
        ["git", "ls-remote", "--", "SSH_CLONE_URL"]
            .map(String::from)
            .to_vec()
    };
    let cmd_env = if cmd_words[0] == "git" {
        ["set \"GIT_SSH_COMMAND=", &ssh, "\" && "].concat()
    } else {
        String::new()
    };
    VerifyCommands {
        sh: [
            "chmod 600 id_rsa.pem && ",
            &env("", &["='", &ssh, "' "].concat()),
            &join(&words, shell_word),
        ]
        .concat(),
        powershell: [
            "icacls id_rsa.pem /inheritance:r /grant:r \"$($env:USERNAME):(R)\"; ",
            &env("$env:", &[" = '", &ssh, "'; "].concat()),
            &join(&words, powershell_word),
        ]
        .concat(),
        cmd: [
            "icacls id_rsa.pem /inheritance:r /grant:r \"%USERNAME%:(R)\" && ",
            &cmd_env,
            &join(&cmd_words, |w| w.to_string()),
        ]
        .concat(),
    }
}

fn join(words: &[String], quote: fn(&str) -> String) -> String {
    words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" ")
}

/// Characters no shell (sh, PowerShell or cmd) treats specially.
fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=:,./_~-".contains(&b))
}

/// A word cmd.exe passes on as it is (`@` is plain there except at the start of a line).
fn cmd_safe(s: &str) -> bool {
    plain(&s.replace('@', ""))
}

/// `s` as one POSIX shell word: as it is when it holds only characters no shell treats specially, else in single
/// quotes (a pasted URL must not become a command).
fn shell_word(s: &str) -> String {
    if plain(&s.replace(['@', '%'], "")) {
        return s.to_string();
    }
    ["'", &s.replace('\'', r"'\''"), "'"].concat()
}

/// `s` as one PowerShell argument: in single quotes (no expansion; `'` doubled) unless plain; `--` always quoted,
/// since PowerShell itself reads a bare `--` as the end of its parameters.
fn powershell_word(s: &str) -> String {
    if plain(s) && s != "--" && !s.starts_with('-') || matches!(s, "-i" | "-o" | "-p" | "-T") {
        return s.to_string();
    }
    ["'", &s.replace('\'', "''"), "'"].concat()
}
