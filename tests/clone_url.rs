//! `check_clone_url` on the table of tests/clone-urls.tsv (every code, every host kind, the URLs that must stay
//! valid), and the promises around it: suggestions check clean, secrets never come back, messages never repeat
//! the input, the length cap, no panic on mangled input.

mod clone_url_table;

use clone_url_table::{or_dash, rows};
use keyfit::{check_clone_url, CloneUrlReport, Severity};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every code `check_clone_url` can give (README "Clone URL codes" lists the same).
const CODES: [&str; 20] = [
    "empty",
    "url-too-long",
    "not-a-url",
    "space-inside",
    "local-path",
    "password-in-url",
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
        g.verify.clone(),
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
        let want = [
            row.ok.to_string(),
            row.form.clone(),
            row.kind.clone(),
            row.host.clone(),
            row.port.clone(),
            row.user.clone(),
            row.path.clone(),
            row.codes.clone(),
            row.suggestion.clone(),
        ];
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
        assert!(!r.guide.docs.is_empty() && !r.guide.verify.is_empty());
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
        g.verify,
        "ssh -i id_rsa.pem -o IdentitiesOnly=yes -T git@github.com"
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
        .ends_with("git ls-remote ssh://git@bitbucket.example.com:7999/PROJ/repo.git"));

    let r = check_clone_url("https://acme.visualstudio.com/proj/_git/repo");
    assert_eq!(
        r.guide.account_keys_url.as_deref(),
        Some("https://dev.azure.com/acme/_usersSettings/keys")
    );
    assert_eq!(r.guide.deploy_keys, None);

    let r = check_clone_url("ssh://alice@gerrit.example.com:29418/tools/project");
    assert_eq!(
        r.guide.verify,
        "ssh -i id_rsa.pem -o IdentitiesOnly=yes -p 29418 -T alice@gerrit.example.com"
    );

    let r = check_clone_url("gitolite@git.example.com:repo");
    assert_eq!(
        r.guide.verify,
        "ssh -i id_rsa.pem -o IdentitiesOnly=yes gitolite@git.example.com info"
    );

    let r = check_clone_url("nonsense");
    assert_eq!(
        (r.host_name, r.guide.account_keys_url),
        ("your git server", None)
    );
    assert!(r.guide.verify.ends_with("git ls-remote SSH_CLONE_URL"));
}

/// The verify command is for pasting into a terminal: a URL with shell characters stays one quoted word.
#[test]
fn the_verify_command_quotes_what_a_shell_would_run() {
    let r = check_clone_url("git@git.example.com:team/$(reboot)`id`.git");
    assert!(r.ok);
    assert!(
        r.guide
            .verify
            .ends_with("git ls-remote 'git@git.example.com:team/$(reboot)`id`.git'"),
        "{}",
        r.guide.verify
    );
    let r = check_clone_url("git@git.example.com:team/it's.git");
    assert!(
        r.guide
            .verify
            .ends_with(r"'git@git.example.com:team/it'\''s.git'"),
        "{}",
        r.guide.verify
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
