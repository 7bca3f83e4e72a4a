//! `check_clone_url` against what Jira really runs: Jira's Git Integration hands the Host URL to JGit
//! (`new URIish(text)`, then the first transport whose `canHandle` says yes) and connects with JSch as
//! `getUser()` to `getHost()`:`getPort()`, asking for `getPath()`. tests/tools/JgitUrl.java reads every URL with
//! Debian's JGit (libjgit-java, /usr/share/java/org.eclipse.jgit.jar; nothing connects anywhere), over
//! tests/clone-urls.tsv and the corpus tests/clone-urls-jgit.tsv (made by tests/tools/make-jgit-corpus.py), and
//! this test asserts: every URL keyfit calls usable is read by JGit as SSH with the same user, host, port and
//! path; every suggestion is read by JGit as SSH to the host and repository meant; every error's stated reason
//! holds for JGit. Each disagreement is listed; there must be none.

mod clone_url_table;

use clone_url_table::{rows, unescape};
use keyfit::{check_clone_url, CloneUrlReport, Severity};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const JAR: &str = "/usr/share/java/org.eclipse.jgit.jar";

/// What JGit makes of one text.
#[derive(Clone, Debug, PartialEq)]
enum Jgit {
    /// `new URIish(text)` threw this exception.
    Refused(String),
    /// The fields of the URIish and the transport picked (None: no transport takes it).
    Read {
        transport: Option<String>,
        user: Option<String>,
        pass: Option<String>,
        host: Option<String>,
        port: Option<u16>,
        path: Option<String>,
    },
}

impl Jgit {
    fn ssh(&self) -> bool {
        matches!(self, Jgit::Read { transport: Some(t), .. } if t == "ssh")
    }
    fn transport(&self) -> &str {
        match self {
            Jgit::Read {
                transport: Some(t), ..
            } => t,
            Jgit::Read { .. } => "none",
            Jgit::Refused(_) => "refused",
        }
    }
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<String> {
    if s == "-" {
        return None;
    }
    let bytes: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect();
    Some(String::from_utf8(bytes).expect("utf-8"))
}

/// JGit's reading of each text (compiles tests/tools/JgitUrl.java once per build directory).
fn jgit(texts: &[String]) -> Vec<Jgit> {
    assert!(
        Path::new(JAR).exists(),
        "{JAR} missing: apt-get install -y libjgit-java (./build.sh test installs it)"
    );
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jgit-url");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/JgitUrl.java");
    let class = out_dir.join("JgitUrl.class");
    let stale = |c: &Path| {
        let age = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        age(c).is_none() || age(c) < age(&source)
    };
    if stale(&class) {
        let tmp = out_dir.join(format!("build.{}", std::process::id()));
        std::fs::create_dir_all(&tmp).expect("mkdir");
        let ok = Command::new("javac")
            .args(["-nowarn", "-cp", JAR, "-d"])
            .arg(&tmp)
            .arg(&source)
            .status()
            .expect("javac (default-jdk-headless)");
        assert!(ok.success(), "javac failed");
        std::fs::rename(tmp.join("JgitUrl.class"), &class).expect("move class");
        let _ = std::fs::remove_dir(&tmp);
    }
    let mut child = Command::new("java")
        .arg("-cp")
        .arg(format!("{JAR}:{}", out_dir.display()))
        .arg("JgitUrl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("java");
    let input: String = texts.iter().map(|t| hex(t) + "\n").collect();
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("java");
    assert!(out.status.success(), "JgitUrl failed");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let read: Vec<Jgit> = text
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            match f[0] {
                "ERR" => Jgit::Refused(unhex(f[1]).unwrap_or_default()),
                _ => Jgit::Read {
                    transport: unhex(f[1]),
                    user: unhex(f[3]),
                    pass: unhex(f[4]),
                    host: unhex(f[5]),
                    port: unhex(f[6]).and_then(|p| p.parse().ok()),
                    path: unhex(f[7]),
                },
            }
        })
        .collect();
    assert_eq!(read.len(), texts.len());
    read
}

/// The host and repository a URL means (`None`: no repository).
type Meant = Option<(String, String)>;

/// The corpus: (line, input, the host and repository meant).
fn corpus() -> Vec<(usize, String, Meant)> {
    let text = include_str!("clone-urls-jgit.tsv");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        .skip(1)
        .map(|(i, l)| {
            let (input, meant) = l.split_once('\t').expect("two columns");
            let meant = meant
                .split_once(' ')
                .map(|(h, p)| (h.to_string(), p.to_string()));
            (i + 1, unescape(input), meant)
        })
        .collect()
}

/// A host as keyfit gives it (IPv6 without brackets, lower case).
fn host_key(h: &str) -> String {
    h.trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase()
}

/// A path as sent to the server: JGit drops the `/` before a `~` of an ssh:// path (so does git).
fn path_key(p: &str) -> String {
    p.strip_prefix("/~")
        .map_or_else(|| p.to_string(), |rest| format!("~{rest}"))
}

/// A repository as meant: no leading `/` or `~`, no `.git`, lower case.
fn repo_key(p: &str) -> String {
    let p = p.trim_start_matches('/').trim_start_matches('~');
    p.strip_suffix(".git").unwrap_or(p).to_ascii_lowercase()
}

/// Whether JGit reads `text` as SSH exactly as keyfit's report `r` says.
fn same_reading(r: &CloneUrlReport, j: &Jgit) -> Result<(), String> {
    let Jgit::Read {
        transport,
        user,
        host,
        port,
        path,
        ..
    } = j
    else {
        return Err(format!("JGit refused it: {j:?}"));
    };
    let want = (
        Some("ssh"),
        r.user.as_deref(),
        r.host.as_deref().map(host_key),
        r.port,
        r.path.as_deref().map(path_key),
    );
    let got = (
        transport.as_deref(),
        user.as_deref(),
        host.as_deref().map(host_key),
        *port,
        path.clone(),
    );
    if want == got {
        Ok(())
    } else {
        Err(format!("keyfit {want:?}, JGit {got:?}"))
    }
}

/// Whether JGit's reading bears out the stated reason of an error code (None: the reason is a fact about the
/// host or the text, not about how it is read).
fn reason_holds(code: &str, r: &CloneUrlReport, j: &Jgit, cleaned: &Jgit) -> Option<bool> {
    let (user, host, path, port) = match j {
        Jgit::Read {
            user,
            host,
            path,
            port,
            ..
        } => (user.clone(), host.clone(), path.clone(), *port),
        Jgit::Refused(_) => (None, None, None, None),
    };
    let t = j.transport();
    Some(match code {
        // "over HTTPS it never uses your key"
        "https-url" | "browser-url" => t == "http" || !j.ssh(),
        "git-protocol" => t == "git",
        // "Jira cannot reach a path on your computer": read as a local path, or as a one-letter host.
        "local-path" => !j.ssh() || host.is_some_and(|h| h.len() == 1),
        // "Jira does not read this as that server"
        "slash-after-host" | "colon-in-ssh-url" | "scheme-case" | "scheme-typo" => {
            !j.ssh() || host.map(|h| host_key(&h)) != r.host.as_deref().map(host_key)
        }
        // "JGit reads the number as the start of the path"
        "scp-with-port" => path.is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit())),
        "scp-second-colon" => path.is_some_and(|p| p.split('/').next().unwrap_or("").contains(':')),
        "bad-port" => !j.ssh() || port.is_none_or(|p| p == 0),
        "wrong-user" => user.is_some_and(|u| u != "git"),
        "missing-user" => user.is_none() || host.is_some_and(|h| h.contains('@')),
        "dash-option" => [user, host, path]
            .iter()
            .flatten()
            .any(|s| s.trim_start_matches('/').starts_with('-')),
        // "JGit reads an IPv6 address only as ssh://[lower-case hex]": it refuses it or reads another host.
        "ipv6-form" => {
            !j.ssh()
                || host.is_none_or(|h| {
                    !(h.starts_with('[') && h.ends_with(']'))
                        || h.contains(|c: char| c.is_ascii_uppercase())
                })
        }
        // "JGit decodes %XX in ssh:// URLs, or refuses a bad one"
        "percent-escape" => {
            !j.ssh()
                || Some(path_key(r.path.as_deref().unwrap_or(""))) != path
                || user.as_deref() != r.user.as_deref()
        }
        // "Jira reads it as a host named after the transport"
        "transport-form" => j.ssh() && host.is_some_and(|h| !h.contains('.')),
        // Pasted decorations: JGit reads the pasted text otherwise than the cleaned URL.
        "quotes" | "git-clone-prefix" | "invisible-character" => j != cleaned,
        _ => return None,
    })
}

#[test]
fn jgit_reads_every_url_as_keyfit_says() {
    let mut inputs: Vec<(String, String, Meant)> = rows()
        .into_iter()
        .filter(|r| r.input.len() <= 2048)
        .map(|r| (format!("tests/clone-urls.tsv:{}", r.line), r.input, None))
        .collect();
    let corpus = corpus();
    assert!(corpus.len() >= 500, "{} corpus rows", corpus.len());
    inputs.extend(
        corpus.into_iter().map(|(line, input, meant)| {
            (format!("tests/clone-urls-jgit.tsv:{line}"), input, meant)
        }),
    );
    let reports: Vec<CloneUrlReport> = inputs.iter().map(|(_, i, _)| check_clone_url(i)).collect();
    // JGit reads each input, its cleaned text and its suggestion.
    let mut texts: Vec<String> = Vec::new();
    for ((_, input, _), r) in inputs.iter().zip(&reports) {
        texts.push(input.clone());
        texts.push(r.cleaned.clone());
        texts.push(r.suggestion.clone().unwrap_or_default());
    }
    let read = jgit(&texts);
    let mut wrong: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let (mut usable, mut suggested, mut reasons) = (0, 0, 0);
    for (i, ((at, input, meant), r)) in inputs.iter().zip(&reports).enumerate() {
        let (j, j_cleaned, j_suggestion) = (&read[3 * i], &read[3 * i + 1], &read[3 * i + 2]);
        if r.ok && matches!(r.form.name(), "ssh" | "scp") {
            usable += 1;
            // Blanks around a URL are the one decoration left ok (with a warning): Jira gets the cleaned text.
            let only_blanks = r.problems.iter().any(|p| p.code == "whitespace");
            let as_read = if only_blanks { j_cleaned } else { j };
            if let Err(e) = same_reading(r, as_read) {
                wrong
                    .entry("usable, read otherwise by JGit")
                    .or_default()
                    .push(format!("{at} {input:?}: {e}"));
            }
        }
        if let Some(s) = &r.suggestion {
            suggested += 1;
            let again = check_clone_url(s);
            let mut why = same_reading(&again, j_suggestion).err();
            if let (
                Some((host, repo)),
                Jgit::Read {
                    host: Some(h),
                    path: Some(p),
                    ..
                },
            ) = (meant, j_suggestion)
            {
                if host_key(h) != host.to_ascii_lowercase()
                    || repo_key(p) != repo.to_ascii_lowercase()
                {
                    why = Some(format!("meant {host} {repo}, JGit goes to {h} {p}"));
                }
            }
            if let Some(e) = why {
                wrong
                    .entry("suggestion sent elsewhere by JGit")
                    .or_default()
                    .push(format!("{at} {input:?} -> {s:?}: {e}"));
            }
        }
        for p in r.problems.iter().filter(|p| p.severity == Severity::Error) {
            match reason_holds(p.code, r, j, j_cleaned) {
                Some(true) => reasons += 1,
                Some(false) => wrong
                    .entry("reason not true for JGit")
                    .or_default()
                    .push(format!("{at} {input:?}: {} but JGit reads {j:?}", p.code)),
                None => {}
            }
        }
    }
    let count: usize = wrong.values().map(Vec::len).sum();
    let mut report = format!(
        "{} URLs: {usable} usable, {suggested} suggestions, {reasons} reasons checked; {count} disagreements\n",
        inputs.len()
    );
    for (kind, list) in &wrong {
        report.push_str(&format!("== {kind}: {}\n", list.len()));
        for l in list {
            report.push_str(l);
            report.push('\n');
        }
    }
    eprintln!("{report}");
    assert_eq!(count, 0, "{report}");
    assert!(usable >= 100 && suggested >= 100, "{report}");
}
