//! `check_clone_url` on the table of tests/clone-urls.tsv (every code, every host kind, the URLs that must stay
//! valid), and the promises around it: suggestions check clean, secrets never come back, messages never repeat
//! the input, the length cap, no panic on mangled input.

mod clone_url_table;
mod common;

use clone_url_table::{or_dash, rows};
use common::tools::{try_run, try_run_with_input};
use keyfit::{check_clone_url, CloneUrlReport, Severity};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every code `check_clone_url` can give (README "Clone URL codes" lists the same).
const CODES: [&str; 29] = [
    "empty",
    "url-too-long",
    "not-a-url",
    "space-inside",
    "local-path",
    "password-in-url",
    "dash-option",
    "https-url",
    "browser-url",
    "git-protocol",
    "slash-after-host",
    "scp-with-port",
    "colon-in-ssh-url",
    "bad-port",
    "missing-path",
    "wrong-user",
    "missing-user",
    "private-address",
    "git-clone-prefix",
    "quotes",
    "whitespace",
    "invisible-character",
    "control-character",
    "transport-form",
    "scheme-typo",
    "scheme-case",
    "ipv6-form",
    "scp-second-colon",
    "percent-escape",
];

const KINDS: [&str; 10] = [
    "github",
    "gitlab",
    "bitbucket-cloud",
    "bitbucket-server",
    "azure-devops",
    "beanstalk",
    "gerrit",
    "gitblit",
    "gitolite",
    "other",
];

fn codes(r: &CloneUrlReport) -> String {
    if r.problems.is_empty() {
        return "-".into();
    }
    let codes: Vec<&str> = r.problems.iter().map(|p| p.code).collect();
    codes.join(",")
}

/// Everything of a report that the page shows.
fn shown(r: &CloneUrlReport) -> Vec<String> {
    let g = &r.guide;
    let mut all = vec![
        r.cleaned.clone(),
        g.verify.sh.clone(),
        g.verify.powershell.clone(),
        g.verify.cmd.clone(),
        g.account_keys.to_string(),
        g.key_types.to_string(),
    ];
    all.extend(
        [
            &r.user,
            &r.host,
            &r.path,
            &r.suggestion,
            &g.account_keys_url,
            &g.deploy_keys_url,
        ]
        .into_iter()
        .flatten()
        .cloned(),
    );
    for p in &r.problems {
        all.push(p.message.clone());
        all.push(p.fix.clone());
    }
    all
}

#[test]
fn the_table_rows_match() {
    let rows = rows();
    assert!(rows.len() >= 80, "{} rows", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        let r = check_clone_url(&row.input);
        let path = r
            .path
            .clone()
            .map(|p| if p.is_empty() { "\"\"".into() } else { p });
        let got = [
            r.ok.to_string(),
            r.form.name().into(),
            r.host_kind.name().into(),
            or_dash(r.host.clone()),
            or_dash(r.port),
            or_dash(r.user.clone()),
            or_dash(path),
            codes(&r),
            or_dash(r.suggestion.clone()),
        ];
        let want = row.expected();
        if got != want {
            wrong.push(format!(
                "line {} {:?}:\n  want {want:?}\n  got  {got:?}",
                row.line, row.input
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_table_has_every_code_and_host_kind() {
    let rows = rows();
    for code in CODES {
        assert!(
            rows.iter().any(|r| r.codes.split(',').any(|c| c == code)),
            "no row has {code}"
        );
    }
    for kind in KINDS {
        assert!(rows.iter().any(|r| r.kind == kind), "no row is {kind}");
    }
    for row in &rows {
        for code in row.codes.split(',').filter(|c| *c != "-") {
            assert!(
                CODES.contains(&code),
                "line {}: {code} is not listed",
                row.line
            );
        }
    }
}

#[test]
fn ok_means_no_error_and_every_problem_has_words() {
    for row in rows() {
        let r = check_clone_url(&row.input);
        assert_eq!(
            r.ok,
            r.problems.iter().all(|p| p.severity != Severity::Error)
        );
        for p in &r.problems {
            assert!(
                p.message.ends_with('.') && p.fix.len() > 10,
                "{}: {p:?}",
                row.line
            );
        }
        assert!(!r.guide.docs.is_empty() && !r.guide.verify.sh.is_empty());
        assert!(r.guide.docs.iter().all(|d| d.starts_with("http")));
    }
}

/// A suggestion is a URL to paste: it must check without errors and without a further suggestion.
#[test]
fn every_suggestion_checks_clean() {
    let mut seen = 0;
    for row in rows() {
        let Some(s) = check_clone_url(&row.input).suggestion else {
            continue;
        };
        seen += 1;
        let again = check_clone_url(&s);
        assert!(again.ok, "line {}: {s} gives {}", row.line, codes(&again));
        assert!(
            again.problems.iter().all(|p| p.code == "private-address"),
            "line {}: {s} gives {}",
            row.line,
            codes(&again)
        );
        assert_eq!(again.suggestion, None, "{s}");
        assert_eq!(again.cleaned, s);
    }
    assert!(seen >= 40, "{seen} suggestions");
}

#[test]
fn passwords_and_tokens_never_come_back() {
    let cases = [
        (
            "https://alice:s3cret-pass@github.com/acme/app.git",
            "s3cret-pass",
        ),
        (
            "https://oauth2:glpat-Zx8yW7vU6tS5rQ4p@gitlab.com/g/r.git",
            "glpat-Zx8yW7vU6tS5rQ4p",
        ),
        (
            "https://ghp_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78@github.com/a/b",
            "ghp_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78",
        ),
        (
            "https://x-access-token:ghs_TOKENTOKEN1234@github.com/a/b.git",
            "ghs_TOKENTOKEN1234",
        ),
        (
            "ssh://git:hunter2hunter2@git.example.com/app.git",
            "hunter2hunter2",
        ),
        (
            "git clone https://bob:pa55word99@bitbucket.org/t/r.git",
            "pa55word99",
        ),
        (
            "https://git.example.com/app.git?private_token=abc123def456",
            "abc123def456",
        ),
        (
            "https://dev.azure.com/o/p/_git/r?access_token=tok987654",
            "tok987654",
        ),
        ("https://u:p4ssw0rd!@[2001:db8::7]/r.git", "p4ssw0rd!"),
        ("alice:s3cretS3cret@github.com:a/b.git", "s3cretS3cret"),
        ("alice:s3cretS3cret@nonsense", "s3cretS3cret"),
        // Issue 18: every form a token takes in a URL.
        (
            "https://ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz:x-oauth-basic@github.com/acme/app.git",
            "ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz",
        ),
        (
            "https://glpat-Zx8yW7vU6tS5rQ4pXyZ1:@gitlab.com/group/repo.git",
            "glpat-Zx8yW7vU6tS5rQ4pXyZ1",
        ),
        (
            "https://x-token-auth:gho_16C7e42F292c6912E7710c838347Ae178B4a@bitbucket.org/t/r.git",
            "gho_16C7e42F292c6912E7710c838347Ae178B4a",
        ),
        (
            "https://github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz@github.com/a/b",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
        ),
        (
            "ssh://git@git.example.com/app.git?access_key=abc123def456",
            "abc123def456",
        ),
        (
            "https://gitlab.com/group/repo.git#access_token=abc123def456",
            "abc123def456",
        ),
        ("https://alice:pa/ss#word@gitlab.com/group/repo.git", "pa/ss#word"),
        (
            "ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz@github.com:acme/app.git",
            "ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz",
        ),
        ("ssh://:hunter2hunter2@git.example.com/app.git", "hunter2hunter2"),
        ("https://alice:s3cretS3cret@github.com/acme/app\u{15}.git", "s3cretS3cret"),
    ];
    for (input, secret) in cases {
        let r = check_clone_url(input);
        assert!(!r.ok, "{input}");
        assert!(
            r.problems.iter().any(|p| p.code == "password-in-url"),
            "{input}"
        );
        assert!(r.cleaned.contains("***"), "{input}: {}", r.cleaned);
        for text in shown(&r) {
            assert!(!text.contains(secret), "{input}: {text}");
        }
        assert!(!format!("{r:?}").contains(secret), "{input}: Debug");
    }
}

/// Messages and fixes are fixed words (and the host's name): never the pasted text, which could hold a secret.
#[test]
fn messages_never_repeat_the_input() {
    for row in rows() {
        let r = check_clone_url(&row.input);
        let pasted = [Some(r.cleaned.clone()), r.path.clone(), r.user.clone()];
        for p in &r.problems {
            for part in pasted.iter().flatten().filter(|s| s.len() >= 6) {
                assert!(
                    !p.message.contains(part.as_str()) && !p.fix.contains(part.as_str()),
                    "line {}: {part} in {p:?}",
                    row.line
                );
            }
        }
    }
}

#[test]
fn urls_over_2_kib_are_refused_unread() {
    assert_eq!(keyfit::limits::MAX_CLONE_URL_BYTES, 2048);
    let base = "git@github.com:acme/.git";
    let at_cap = base.replace(".git", &format!("{}.git", "a".repeat(2048 - base.len())));
    assert_eq!(at_cap.len(), 2048);
    let r = check_clone_url(&at_cap);
    assert!(r.ok, "{}", codes(&r));
    let over = format!(" {at_cap}");
    let r = check_clone_url(&over);
    assert_eq!(codes(&r), "url-too-long");
    assert!(!r.ok);
    assert_eq!(
        (r.cleaned.as_str(), r.host.as_ref(), r.suggestion.as_ref()),
        ("", None, None)
    );
    let r = check_clone_url(&"\n".repeat(1 << 20));
    assert_eq!(codes(&r), "url-too-long");
    // A suggestion longer than the cap would not check: there is none.
    let long = format!("git.example.com:7999/proj/{}.git", "a".repeat(2010));
    assert!(long.len() <= 2048);
    let r = check_clone_url(&long);
    assert_eq!((codes(&r).as_str(), r.suggestion), ("scp-with-port", None));
}

/// Inputs the fuzz target found (fuzz/fuzz_targets/check_clone_url.rs).
#[test]
fn fuzz_findings() {
    // Its suggestion was wrapped in quotes, which the check of the suggestion took off.
    let r = check_clone_url("''''''':''''@d/''''''");
    assert_eq!(r.suggestion, None);
    assert_eq!(r.cleaned, "''':***@d/''");
}

#[test]
fn the_guide_points_at_the_host_and_repository() {
    let r = check_clone_url("https://github.com/acme/app/tree/main");
    let g = &r.guide;
    assert_eq!(r.host_name, "GitHub");
    assert_eq!(
        g.account_keys_url.as_deref(),
        Some("https://github.com/settings/keys")
    );
    assert_eq!(
        g.deploy_keys_url.as_deref(),
        Some("https://github.com/acme/app/settings/keys")
    );
    assert_eq!(
        g.verify.sh,
        "chmod 600 id_rsa.pem && ssh -i id_rsa.pem -o IdentitiesOnly=yes -T -- git@github.com"
    );
    assert!(g.key_types.contains("RSA"));

    let r = check_clone_url("git@gitlab.example.com:team/sub/app.git");
    assert_eq!(
        r.guide.account_keys_url.as_deref(),
        Some("https://gitlab.example.com/-/user_settings/ssh_keys")
    );
    assert_eq!(
        r.guide.deploy_keys_url.as_deref(),
        Some("https://gitlab.example.com/team/sub/app/-/settings/repository")
    );

    // The repository pages come from the suggested URL, not from the port written into the path.
    let r = check_clone_url("git@bitbucket.example.com:7999/PROJ/repo.git");
    assert_eq!(
        r.guide.deploy_keys_url.as_deref(),
        Some("https://bitbucket.example.com/plugins/servlet/ssh/projects/proj/repos/repo/keys")
    );
    assert!(r
        .guide
        .verify
        .sh
        .ends_with("git ls-remote -- ssh://git@bitbucket.example.com:7999/PROJ/repo.git"));

    let r = check_clone_url("https://acme.visualstudio.com/proj/_git/repo");
    assert_eq!(
        r.guide.account_keys_url.as_deref(),
        Some("https://dev.azure.com/acme/_usersSettings/keys")
    );
    assert_eq!(r.guide.deploy_keys, None);

    let r = check_clone_url("ssh://alice@gerrit.example.com:29418/tools/project");
    assert_eq!(
        r.guide.verify.sh,
        "chmod 600 id_rsa.pem && ssh -i id_rsa.pem -o IdentitiesOnly=yes -p 29418 -T -- alice@gerrit.example.com"
    );

    let r = check_clone_url("gitolite@git.example.com:repo");
    assert_eq!(
        r.guide.verify.sh,
        "chmod 600 id_rsa.pem && ssh -i id_rsa.pem -o IdentitiesOnly=yes -- gitolite@git.example.com info"
    );

    // A page address is built only from characters a URL path carries as they are.
    let r = check_clone_url("git@github.com:acme/app\"onclick=x.git");
    assert_eq!(r.guide.deploy_keys_url, None);
    let r = check_clone_url("git@bitbucket.example.com:7999/~alice/repo.git");
    assert_eq!(
        r.guide.deploy_keys_url.as_deref(),
        Some("https://bitbucket.example.com/plugins/servlet/ssh/projects/~alice/repos/repo/keys")
    );

    let r = check_clone_url("nonsense");
    assert_eq!(
        (r.host_name, r.guide.account_keys_url),
        ("your git server", None)
    );
    assert!(r
        .guide
        .verify
        .sh
        .ends_with("git ls-remote -- SSH_CLONE_URL"));
}

/// The verify command is for pasting into a terminal: a URL with shell characters stays one quoted word.
#[test]
fn the_verify_command_quotes_what_a_shell_would_run() {
    let r = check_clone_url("git@git.example.com:team/$(reboot)`id`.git");
    assert!(r.ok);
    assert!(
        r.guide
            .verify
            .sh
            .ends_with("git ls-remote -- 'git@git.example.com:team/$(reboot)`id`.git'"),
        "{}",
        r.guide.verify.sh
    );
    let r = check_clone_url("git@git.example.com:team/it's.git");
    assert!(
        r.guide
            .verify
            .sh
            .ends_with(r"'git@git.example.com:team/it'\''s.git'"),
        "{}",
        r.guide.verify.sh
    );
}

/// Table inputs with characters deleted, repeated or replaced: no panic, and the report keeps its promises.
#[test]
fn mangled_inputs_keep_the_promises() {
    let inputs: Vec<String> = rows()
        .into_iter()
        .map(|r| r.input)
        .filter(|i| i.len() < 200)
        .collect();
    let specials = [
        '@', ':', '/', '[', ']', '%', '?', '#', '\'', '"', ' ', '\n', '~', '\\', '.', 'é',
        '\u{200B}',
    ];
    let mut rng = ChaCha8Rng::seed_from_u64(13);
    for _ in 0..20_000 {
        let mut chars: Vec<char> = inputs[rng.next_u32() as usize % inputs.len()]
            .chars()
            .collect();
        for _ in 0..1 + rng.next_u32() % 3 {
            let at = rng.next_u32() as usize % (chars.len() + 1);
            let c = specials[rng.next_u32() as usize % specials.len()];
            match rng.next_u32() % 3 {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 if at < chars.len() => chars[at] = c,
                _ => chars.insert(at, c),
            }
        }
        let input: String = chars.into_iter().collect();
        let r = check_clone_url(&input);
        assert_eq!(
            r.ok,
            r.problems.iter().all(|p| p.severity != Severity::Error),
            "{input:?}"
        );
        if let Some(s) = &r.suggestion {
            assert!(check_clone_url(s).ok, "{input:?} -> {s}");
        }
    }
}

/// Inputs built to break out of the verify command: options, shell characters, quotes (tests/clone-urls.tsv has
/// the rest).
const HOSTILE: [&str; 13] = [
    "gitolite@[2001:db8::5]:repo",
    "-oProxyCommand=touch${IFS}pwned@gitolite.example.com:repo",
    "ssh://-oProxyCommand=touch${IFS}pwned@gerrit.example.com:29418/project",
    "git@git.example.com:team/$(touch pwned)`id`;rm.git",
    "git@git.example.com:team/it's.git",
    "git@git.example.com:team/a\"b\\c.git",
    "a'b@git.example.com:repo",
    "$(id)@git.example.com:repo",
    "ssh://x;id@gerrit.example.com:29418/p",
    "'\"@gitolite.example.com:repo",
    "https://github.com/acme/$(id)",
    "git@github.com:acme/a|b&c>d.git",
    "ssh://git@[::1]/'x'",
];

/// The table's inputs and the hostile ones.
fn verify_inputs() -> Vec<String> {
    rows()
        .into_iter()
        .map(|r| r.input)
        .chain(HOSTILE.iter().map(|s| s.to_string()))
        .collect()
}

/// Runs `program` with `stdin` as its input; it must succeed. Its standard output.
fn run_with_stdin(program: &str, args: &[&str], stdin: &str) -> String {
    let ran = try_run_with_input(
        std::process::Command::new(program).args(args),
        stdin.as_bytes(),
    );
    String::from_utf8(ran.expect_ok()).expect("utf-8")
}

/// Every verify command as a shell reads it: `sh -n` finds no syntax error, and Python's shlex (POSIX rules)
/// splits it into the fixed words, `--`, and one destination word equal to the URL (or `user@host`) meant.
#[test]
fn every_verify_command_is_one_safe_shell_command() {
    let inputs = verify_inputs();
    let reports: Vec<CloneUrlReport> = inputs.iter().map(|i| check_clone_url(i)).collect();
    let commands: Vec<&str> = reports.iter().map(|r| r.guide.verify.sh.as_str()).collect();
    assert!(commands.iter().all(|c| !c.contains(['\n', '\0'])));
    run_with_stdin("sh", &["-n"], &commands.join("\n"));
    let split: Vec<Vec<String>> = verify_words().into_iter().map(|(_, w)| w).collect();
    assert_eq!(split.len(), commands.len());
    const GIT_SSH: &str = "GIT_SSH_COMMAND=ssh -i id_rsa.pem -o IdentitiesOnly=yes";
    for ((input, r), words) in inputs.iter().zip(&reports).zip(&split) {
        // The URL the command is for: the suggestion, else the URL itself when it has no error.
        let usable = r.ok && matches!(r.form.name(), "ssh" | "scp");
        let meant = r
            .suggestion
            .clone()
            .or_else(|| usable.then(|| r.cleaned.clone()));
        let dash = words.iter().position(|w| *w == "--");
        let dash = dash.unwrap_or_else(|| panic!("{input:?}: no -- in {words:?}"));
        let (before, after) = (&words[..dash], &words[dash + 1..]);
        if before[0] == GIT_SSH {
            assert_eq!(before, [GIT_SSH, "git", "ls-remote"], "{input:?}");
            let want = meant.as_deref().unwrap_or("SSH_CLONE_URL");
            assert_eq!(after, [want], "{input:?}");
            continue;
        }
        let meant = meant.unwrap_or_else(|| panic!("{input:?}: ssh without a URL: {words:?}"));
        let target = check_clone_url(&meant);
        assert!(target.ok, "{input:?}");
        let fixed = [
            "ssh",
            "-i",
            "id_rsa.pem",
            "-o",
            "IdentitiesOnly=yes",
            "-p",
            "-T",
        ];
        for (i, w) in before.iter().enumerate() {
            let port = i > 0 && before[i - 1] == "-p" && w.parse::<u16>().is_ok();
            assert!(fixed.contains(&w.as_str()) || port, "{input:?}: {words:?}");
        }
        let host = target.host.expect("host");
        let (user, at_host) = after[0].rsplit_once('@').expect("user@host");
        assert_eq!(at_host, host, "{input:?}");
        if let Some(u) = &target.user {
            assert_eq!(user, u, "{input:?}");
        }
        assert!(
            after.len() == 1 || after[1..] == ["info"],
            "{input:?}: {words:?}"
        );
    }
}

/// Each verify command's words (the shell's reading, by Python's shlex), for the table and the hostile inputs.
fn verify_words() -> Vec<(String, Vec<String>)> {
    let inputs = verify_inputs();
    let commands: Vec<String> = inputs
        .iter()
        .map(|i| {
            let sh = check_clone_url(i).guide.verify.sh;
            // The key file's permissions first, then the command itself.
            let rest = sh.strip_prefix("chmod 600 id_rsa.pem && ");
            rest.unwrap_or_else(|| panic!("{i:?}: no chmod in {sh}"))
                .to_string()
        })
        .collect();
    let text = run_with_stdin(
        "python3",
        &["-c", "import shlex, sys\nfor c in sys.stdin.read().split('\\n'): print('\\x1f'.join(shlex.split(c)))"],
        &commands.join("\n"),
    );
    let words: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split('\x1f').map(str::to_string).collect())
        .collect();
    assert_eq!(words.len(), inputs.len());
    inputs.into_iter().zip(words).collect()
}

/// The real tools read each verify command as meant, without connecting anywhere: `ssh -G` (print the
/// configuration and exit) takes the destination as user and host, and `git ls-remote --` hands ssh the host
/// the URL names (a `GIT_SSH_COMMAND` that prints its arguments stands in for ssh).
#[test]
fn ssh_and_git_read_the_verify_commands_as_meant() {
    use std::process::Command;
    let (mut ssh_runs, mut git_runs) = (0, 0);
    for (input, words) in verify_words() {
        let r = check_clone_url(&input);
        let meant = r.suggestion.clone().unwrap_or(r.cleaned.clone());
        let dash = words.iter().position(|w| w == "--").expect("--");
        if words[0] == "ssh" {
            let ssh = try_run(Command::new("ssh").arg("-G").args(&words[1..]));
            let (stdout, stderr) = (ssh.text(), &ssh.stderr);
            let (user, host) = words[dash + 1].rsplit_once('@').expect("user@host");
            if !ssh.ok {
                // ssh refuses a user name with shell characters outright: not run, not an option.
                assert!(stderr.contains("invalid characters"), "{input:?}: {stderr}");
                assert!(
                    user.contains(|c: char| !c.is_ascii_alphanumeric()),
                    "{input:?}"
                );
                continue;
            }
            ssh_runs += 1;
            let line = |key: &str| {
                stdout
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .unwrap_or_default()
                    .to_string()
            };
            assert_eq!(line("user "), user, "{input:?}");
            assert_eq!(line("hostname "), host.to_ascii_lowercase(), "{input:?}");
            let port = words
                .iter()
                .position(|w| w == "-p")
                .map_or("22", |i| words[i + 1].as_str());
            assert_eq!(line("port "), port, "{input:?}");
            continue;
        }
        let url = &words[dash + 1];
        if url == "SSH_CLONE_URL" {
            continue;
        }
        assert_eq!(url, &meant, "{input:?}");
        let git = try_run(
            Command::new("git")
                .args(["ls-remote", "--", url])
                .env("GIT_SSH_COMMAND", "printf '<%s>\\n' >&2"),
        );
        let stderr = &git.stderr;
        let args: Vec<&str> = stderr
            .lines()
            .filter_map(|l| l.strip_prefix('<')?.strip_suffix('>'))
            .collect();
        let target = check_clone_url(url);
        let host = target.host.expect("host");
        let destination = match &target.user {
            Some(user) => format!("{user}@{host}"),
            None => host,
        };
        let at = args.iter().position(|a| a.starts_with("git-upload-pack "));
        let at = at.unwrap_or_else(|| panic!("{input:?}: git ran no ssh: {stderr}"));
        assert_eq!(args[at - 1], destination, "{input:?}: {args:?}");
        if let Some(port) = target.port.filter(|&p| p != 22) {
            assert!(args.windows(2).any(|w| w == ["-p", &port.to_string()]));
        }
        git_runs += 1;
    }
    assert!(
        ssh_runs >= 20 && git_runs >= 20,
        "{ssh_runs} ssh, {git_runs} git"
    );
}

/// PowerShell's reading of an argument list (pwsh is not installed here, so its quoting rules are written out):
/// words split at blanks outside quotes; `'...'` is literal with `''` for `'`; a bare word must hold no character
/// PowerShell expands or treats as syntax.
fn powershell_words(s: &str) -> Vec<String> {
    let (mut words, mut word, mut chars) = (Vec::new(), None::<String>, s.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            ' ' => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next().expect("closing quote") {
                        '\'' if chars.peek() == Some(&'\'') => {
                            chars.next();
                            w.push('\'');
                        }
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            c => {
                assert!(!"$`\"(){};&|<>@#,".contains(c), "{c:?} unquoted in {s}");
                word.get_or_insert_with(String::new).push(c);
            }
        }
    }
    words.extend(word);
    words
}

/// cmd.exe's reading: words split at blanks; no `%`, `^`, `&`, `|`, `<`, `>`, `!`, `(`, `)` or `"` in them.
fn cmd_words(s: &str) -> Vec<String> {
    assert!(
        !s.contains(['%', '^', '&', '|', '<', '>', '!', '(', ')', '"']),
        "{s}"
    );
    s.split(' ').map(str::to_string).collect()
}

/// The PowerShell and cmd commands restrict the key file first, then run the same words as the sh command (cmd
/// a placeholder URL when the URL has a character cmd cannot quote).
#[test]
fn the_powershell_and_cmd_commands_run_the_same_words() {
    const PS_KEY: &str = "icacls id_rsa.pem /inheritance:r /grant:r \"$($env:USERNAME):(R)\"; ";
    const CMD_KEY: &str = "icacls id_rsa.pem /inheritance:r /grant:r \"%USERNAME%:(R)\" && ";
    const SSH: &str = "ssh -i id_rsa.pem -o IdentitiesOnly=yes";
    let (mut placeholders, mut same) = (0, 0);
    for (input, sh_words) in verify_words() {
        let v = check_clone_url(&input).guide.verify;
        let ps = v.powershell.strip_prefix(PS_KEY).expect("icacls first");
        let ps = match ps.strip_prefix(&format!("$env:GIT_SSH_COMMAND = '{SSH}'; ")) {
            Some(rest) => {
                assert!(sh_words[0].starts_with("GIT_SSH_COMMAND="), "{input:?}");
                rest
            }
            None => ps,
        };
        let mut want: Vec<String> = sh_words.clone();
        if want[0].starts_with("GIT_SSH_COMMAND=") {
            want.remove(0);
        }
        assert_eq!(powershell_words(ps), want, "{input:?}: {}", v.powershell);
        let cmd = v.cmd.strip_prefix(CMD_KEY).expect("icacls first");
        let cmd = cmd
            .strip_prefix(&format!("set \"GIT_SSH_COMMAND={SSH}\" && "))
            .unwrap_or(cmd);
        let words = cmd_words(cmd);
        if words == want {
            same += 1;
        } else {
            assert_eq!(
                words,
                ["git", "ls-remote", "--", "SSH_CLONE_URL"],
                "{input:?}"
            );
            placeholders += 1;
        }
    }
    assert!(
        same >= 100 && placeholders >= 3,
        "{same} same, {placeholders} placeholders"
    );
}

/// Control and format characters (Unicode Cc, Cf, U+2028/2029) make a URL unusable and never come back: not in
/// `cleaned` (shown as U+FFFD), a suggestion, the user, host or path, or a verify command.
#[test]
fn control_and_format_characters_never_come_back() {
    let hidden = [
        '\0',
        '\u{7}',
        '\u{8}',
        '\u{F}',
        '\u{15}',
        '\u{1B}',
        '\u{7F}',
        '\u{85}',
        '\u{AD}',
        '\u{200B}',
        '\u{200E}',
        '\u{202E}',
        '\u{2066}',
        '\u{2028}',
        '\u{2029}',
        '\u{FEFF}',
        '\u{E0041}',
    ];
    let is_hidden = |s: &str| s.chars().any(|c| hidden.contains(&c));
    let mut rng = ChaCha8Rng::seed_from_u64(18);
    let inputs: Vec<String> = rows()
        .into_iter()
        .map(|r| r.input)
        .filter(|i| i.len() < 200)
        .collect();
    for _ in 0..5_000 {
        let mut chars: Vec<char> = inputs[rng.next_u32() as usize % inputs.len()]
            .chars()
            .collect();
        let at = 1 + rng.next_u32() as usize % chars.len().max(1);
        chars.insert(
            at.min(chars.len()),
            hidden[rng.next_u32() as usize % hidden.len()],
        );
        let input: String = chars.into_iter().collect();
        let r = check_clone_url(&input);
        let v = &r.guide.verify;
        for text in [&r.cleaned, &v.sh, &v.powershell, &v.cmd]
            .into_iter()
            .chain(
                [&r.user, &r.host, &r.path, &r.suggestion]
                    .into_iter()
                    .flatten(),
            )
        {
            assert!(!is_hidden(text), "{input:?}: {text:?}");
        }
        // Inside the URL (not at its ends, where blanks are taken off), such a character is never usable.
        let inner = input.trim_matches(|c: char| c.is_whitespace() || hidden.contains(&c));
        if is_hidden(inner) {
            assert!(!r.ok, "{input:?}");
        }
    }
}
