//! The terminal command that checks the SSH connection with the key, for a URL that passed every check.

use super::hosts::{facts, HostKind, Verify};
use super::parse::{self, Shape};
use super::text::with_number;

/// The command that checks the connection with the key: for the suggestion when there is one, else for the
/// URL itself when it has no error and can be used over SSH. `--` ends the options of ssh and git ls-remote, so
/// the destination is never read as one (checked with `ssh -G --` and `GIT_SSH_COMMAND=... git ls-remote --`).
pub(super) fn verify(kind: HostKind, url: Option<&str>) -> String {
    let f = facts(kind);
    let p = url.map(parse::parse);
    let p = p
        .as_ref()
        .filter(|p| matches!(p.shape, Shape::Url | Shape::Scp));
    const SSH: &str = "ssh -i id_rsa.pem -o IdentitiesOnly=yes";
    const LS_REMOTE: &str =
        "GIT_SSH_COMMAND='ssh -i id_rsa.pem -o IdentitiesOnly=yes' git ls-remote -- ";
    match (f.verify, p, url) {
        (Verify::LsRemote, _, Some(url)) if p.is_some() => [LS_REMOTE, &shell_word(url)].concat(),
        (Verify::Greeting | Verify::Info, Some(p), _) => {
            let host = p.host.unwrap_or("HOST");
            let user = p
                .user
                .unwrap_or(if f.ssh_port.is_some() { "USER" } else { "git" });
            let port = p.port.or(f.ssh_port).filter(|&n| n != 22);
            let port = port.map(|n| with_number(" -p ", n)).unwrap_or_default();
            // An IPv6 address without brackets: ssh reads `user@host` up to the last `@` and would look up
            // `[2001:db8::1]` as a name (`ssh -G` shows it).
            let login = [user, "@", host].concat();
            let (t, info) = if f.verify == Verify::Info {
                ("", " info")
            } else {
                (" -T", "")
            };
            [SSH, &port, t, " -- ", &shell_word(&login), info].concat()
        }
        _ => [LS_REMOTE, "SSH_CLONE_URL"].concat(),
    }
}

/// `s` as one shell word: as it is when it holds only characters no shell treats specially, else in single
/// quotes (a pasted URL must not become a command).
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"@%+=:,./_~-".contains(&b))
    {
        return s.to_string();
    }
    ["'", &s.replace('\'', r"'\''"), "'"].concat()
}
