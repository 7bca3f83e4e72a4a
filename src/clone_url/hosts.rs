//! The git hosts keyfit knows, written down once: how to recognise each, the SSH user it requires, where keys
//! are added, which key types it takes and how to check the connection. Each entry names the public
//! documentation it came from; those URLs are also what `guide.docs` shows. Facts marked "not confirmed" were
//! not found in the documentation searched (November 2026) and come from the hosts' pages as commonly linked:
//! correct them here when they move.

use super::parse::{self, Parsed, Shape};
use super::{CloneUrlReport, Guide, UrlForm};

/// Which git host a URL names. Self-hosted products are recognised only from clear hints (README).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    /// github.com.
    Github,
    /// gitlab.com, or a server named `gitlab.*`.
    Gitlab,
    /// bitbucket.org.
    BitbucketCloud,
    /// Bitbucket Server / Data Center (`bitbucket.*`, `/scm/`, port 7999).
    BitbucketServer,
    /// Azure DevOps Services (dev.azure.com, *.visualstudio.com) or Server/TFS (`/tfs/`, `/_git/`).
    AzureDevops,
    /// Beanstalk (*.beanstalkapp.com).
    Beanstalk,
    /// Gerrit (`gerrit.*`, port 29418).
    Gerrit,
    /// GitBlit (`gitblit.*`, port 29418 with a `.git` path, `/r/` https paths).
    Gitblit,
    /// Gitolite (`gitolite.*`, the user `gitolite`).
    Gitolite,
    /// Any other git server.
    Other,
}

impl HostKind {
    /// The stable name: `github`, `gitlab`, `bitbucket-cloud`, ... `other`.
    pub fn name(self) -> &'static str {
        facts(self).code
    }
}

/// Hosts known by their exact name: (name, kind, whether its SSH user must be `git`).
const DOMAINS: [(&str, HostKind, bool); 12] = [
    ("github.com", HostKind::Github, true),
    ("www.github.com", HostKind::Github, true),
    ("ssh.github.com", HostKind::Github, true),
    ("gitlab.com", HostKind::Gitlab, true),
    ("www.gitlab.com", HostKind::Gitlab, true),
    ("altssh.gitlab.com", HostKind::Gitlab, true),
    ("bitbucket.org", HostKind::BitbucketCloud, true),
    ("www.bitbucket.org", HostKind::BitbucketCloud, true),
    ("altssh.bitbucket.org", HostKind::BitbucketCloud, true),
    ("ssh.dev.azure.com", HostKind::AzureDevops, true),
    ("dev.azure.com", HostKind::AzureDevops, false),
    // The old Azure SSH host: its user is the organisation.
    ("vs-ssh.visualstudio.com", HostKind::AzureDevops, false),
];

/// Self-hosted products guessed from the first label of the host name.
const PREFIXES: [(&str, HostKind); 5] = [
    ("gitlab.", HostKind::Gitlab),
    ("bitbucket.", HostKind::BitbucketServer),
    ("gerrit.", HostKind::Gerrit),
    ("gitblit.", HostKind::Gitblit),
    ("gitolite.", HostKind::Gitolite),
];

/// Whether `host` is a hosted service whose SSH user must be `git`.
pub(super) fn needs_git_user(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    DOMAINS
        .iter()
        .any(|(d, _, git)| *git && host.eq_ignore_ascii_case(d))
}

/// Which host the URL names: exact names, then hosted suffixes, then clear hints of self-hosted products.
pub(super) fn kind(p: &Parsed) -> HostKind {
    let Some(host) = p.host else {
        return HostKind::Other;
    };
    let host = host.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    if let Some((_, kind, _)) = DOMAINS.iter().find(|(d, _, _)| *d == host) {
        return *kind;
    }
    if host.ends_with(".visualstudio.com") {
        return HostKind::AzureDevops;
    }
    if host.ends_with(".beanstalkapp.com") {
        return HostKind::Beanstalk;
    }
    if let Some((_, kind)) = PREFIXES.iter().find(|(p, _)| host.starts_with(p)) {
        return *kind;
    }
    let path = p.path.unwrap_or("");
    let web = matches!(p.form, UrlForm::Https | UrlForm::Http);
    if p.user == Some("gitolite") {
        HostKind::Gitolite
    } else if p.port == Some(7999)
        || (web && (path.starts_with("/scm/") || path.starts_with("/projects/")))
    {
        HostKind::BitbucketServer
    } else if p.port == Some(29418) {
        if path.ends_with(".git") {
            HostKind::Gitblit
        } else {
            HostKind::Gerrit
        }
    } else if web && path.starts_with("/r/") {
        HostKind::Gitblit
    } else if path.contains("/tfs/") || path.starts_with("tfs/") || path.contains("/_git/") {
        HostKind::AzureDevops
    } else {
        HostKind::Other
    }
}

/// How a host's connection is checked from a terminal.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verify {
    /// `ssh -T user@host`: the host answers with a greeting naming the account.
    Greeting,
    /// `git ls-remote URL`: lists the branches when the key is accepted (hosts without a greeting).
    LsRemote,
    /// `ssh user@host info`: Gitolite lists the repositories the key may use.
    Info,
}

/// What keyfit knows about one host. In the URL templates, `{host}` is the URL's host, `{org}` the Azure
/// organisation, `{repo}` the repository path (without `.git`), `{0}` and `{1}` its first two parts; a
/// template is empty when there is no such page.
pub(super) struct Facts {
    code: &'static str,
    pub plain_name: &'static str,
    account_keys: &'static str,
    account_keys_url: &'static str,
    deploy_keys: Option<&'static str>,
    deploy_keys_url: &'static str,
    key_types: &'static str,
    verify: Verify,
    /// Default SSH port and user for the verify command (None: as in the URL).
    ssh_port: Option<u16>,
    docs: &'static [&'static str],
}

const HOSTS: [Facts; 10] = [
    // https://docs.github.com/en/authentication/connecting-to-github-with-ssh/adding-a-new-ssh-key-to-your-github-account
    // https://docs.github.com/en/authentication/connecting-to-github-with-ssh/checking-for-existing-ssh-keys
    //   (DSA dropped 2022-03-15; RSA keys added after 2021-11-02 must sign with SHA-2: confirmed)
    // https://docs.github.com/en/authentication/connecting-to-github-with-ssh/managing-deploy-keys
    // https://docs.github.com/en/authentication/connecting-to-github-with-ssh/testing-your-ssh-connection
    Facts {
        code: "github",
        plain_name: "GitHub",
        account_keys: "GitHub: your profile picture > Settings > SSH and GPG keys > New SSH key.",
        account_keys_url: "https://github.com/settings/keys",
        deploy_keys: Some("GitHub: the repository > Settings > Deploy keys > Add deploy key; leave \"Allow write access\" off (Jira's SSH connection only reads)."),
        deploy_keys_url: "https://github.com/{repo}/settings/keys",
        key_types: "RSA (what Jira needs; it must sign with SHA-2, as current clients do), ECDSA, Ed25519 and security keys. DSA keys are no longer accepted.",
        verify: Verify::Greeting,
        ssh_port: None,
        docs: &[
            "https://docs.github.com/en/authentication/connecting-to-github-with-ssh/adding-a-new-ssh-key-to-your-github-account",
            "https://docs.github.com/en/authentication/connecting-to-github-with-ssh/checking-for-existing-ssh-keys",
            "https://docs.github.com/en/authentication/connecting-to-github-with-ssh/managing-deploy-keys",
            "https://docs.github.com/en/authentication/connecting-to-github-with-ssh/testing-your-ssh-connection",
        ],
    },
    // https://docs.gitlab.com/user/ssh/ (the user settings page moved to /-/user_settings/ssh_keys in GitLab 16)
    // https://docs.gitlab.com/security/ssh_keys_restrictions/ (defaults: DSA forbidden; RSA, ECDSA, ED25519 and
    //   the _SK types allowed; a self-managed admin can restrict types and minimum sizes: confirmed)
    // https://docs.gitlab.com/user/project/deploy_keys/ (read-only unless "Grant write permissions")
    Facts {
        code: "gitlab",
        plain_name: "GitLab",
        account_keys: "GitLab: your avatar > Edit profile > SSH Keys > Add new key.",
        account_keys_url: "https://{host}/-/user_settings/ssh_keys",
        deploy_keys: Some("GitLab: the project > Settings > Repository > Deploy keys > Add new key; leave \"Grant write permissions\" off (Jira's SSH connection only reads)."),
        deploy_keys_url: "https://{host}/{repo}/-/settings/repository",
        key_types: "RSA (what Jira needs), ECDSA, ED25519 and their security-key (_SK) forms; DSA is forbidden by default. A self-managed server's administrator can forbid types or set minimum sizes.",
        verify: Verify::Greeting,
        ssh_port: None,
        docs: &[
            "https://docs.gitlab.com/user/ssh/",
            "https://docs.gitlab.com/security/ssh_keys_restrictions/",
            "https://docs.gitlab.com/user/project/deploy_keys/",
        ],
    },
    // https://support.atlassian.com/bitbucket-cloud/docs/configure-ssh-and-two-step-verification/
    // https://support.atlassian.com/bitbucket-cloud/docs/supported-ssh-key-formats/ (Ed25519 256, ECDSA 256,
    //   RSA 2048, DSA 1024 bits minimum; OpenSSH authorized_keys format only: confirmed)
    // https://confluence.atlassian.com/bitbucket/use-access-keys-294486051.html (access keys are read-only:
    //   confirmed). The two page addresses below are not confirmed.
    Facts {
        code: "bitbucket-cloud",
        plain_name: "Bitbucket Cloud",
        account_keys: "Bitbucket: the settings cog > Personal Bitbucket settings > SSH keys > Add key.",
        account_keys_url: "https://bitbucket.org/account/settings/ssh-keys/",
        deploy_keys: Some("Bitbucket: the repository > Repository settings > Access keys > Add key (access keys are read-only)."),
        deploy_keys_url: "https://bitbucket.org/{repo}/admin/access-keys/",
        key_types: "Ed25519, ECDSA, RSA (what Jira needs) of at least 2048 bits, and DSA; pasted as one OpenSSH line (ssh-rsa AAAA...).",
        verify: Verify::Greeting,
        ssh_port: None,
        docs: &[
            "https://support.atlassian.com/bitbucket-cloud/docs/configure-ssh-and-two-step-verification/",
            "https://support.atlassian.com/bitbucket-cloud/docs/supported-ssh-key-formats/",
            "https://confluence.atlassian.com/bitbucket/use-access-keys-294486051.html",
        ],
    },
    // https://confluence.atlassian.com/bitbucketserver/ssh-user-keys-for-personal-use-776639793.html (ED25519,
    //   RSA2, DSA, ECDSA, the -SK types; admins can restrict types and sizes: confirmed)
    // https://confluence.atlassian.com/bitbucketserver0814/ssh-access-keys-for-system-use-1305643425.html
    //   (project or repository access keys with Read permission: confirmed). Port 7999 is the default SSH port.
    //   The /plugins/servlet/ssh/... page addresses are not confirmed.
    Facts {
        code: "bitbucket-server",
        plain_name: "Bitbucket Server",
        account_keys: "Bitbucket: your profile picture > Manage account > SSH keys > Add key.",
        account_keys_url: "https://{host}/plugins/servlet/ssh/account/keys",
        deploy_keys: Some("Bitbucket: the repository (or project) > Repository settings > Access keys > Add key, with the Read permission."),
        deploy_keys_url: "https://{host}/plugins/servlet/ssh/projects/{0}/repos/{1}/keys",
        key_types: "ED25519, RSA (what Jira needs; 2048 bits or more advised), ECDSA, DSA and security keys, unless the administrator restricts them.",
        verify: Verify::LsRemote,
        ssh_port: Some(7999),
        docs: &[
            "https://confluence.atlassian.com/bitbucketserver/ssh-user-keys-for-personal-use-776639793.html",
            "https://confluence.atlassian.com/bitbucketserver0814/ssh-access-keys-for-system-use-1305643425.html",
        ],
    },
    // https://learn.microsoft.com/en-us/azure/devops/repos/git/use-ssh-keys-to-authenticate (RSA key pairs; SSH
    //   URLs start with ssh.dev.azure.com, the old ones with vs-ssh.visualstudio.com and still work: confirmed).
    //   SSH keys belong to a user: Azure DevOps has no per-repository deploy key. The _usersSettings/keys
    //   address is not confirmed.
    Facts {
        code: "azure-devops",
        plain_name: "Azure DevOps",
        account_keys: "Azure DevOps: User settings (the icon next to your avatar) > SSH public keys > New Key.",
        account_keys_url: "https://dev.azure.com/{org}/_usersSettings/keys",
        deploy_keys: None,
        deploy_keys_url: "",
        key_types: "RSA (what Jira needs); the documentation describes RSA key pairs only, signed with rsa-sha2-256 or rsa-sha2-512.",
        verify: Verify::LsRemote,
        ssh_port: None,
        docs: &["https://learn.microsoft.com/en-us/azure/devops/repos/git/use-ssh-keys-to-authenticate"],
    },
    // http://guides.beanstalkapp.com/version-control/tips-for-using-ssh-keys.html (the public key goes into
    //   your Beanstalk profile: confirmed). Clone URLs are git@ACCOUNT.git.beanstalkapp.com:/ACCOUNT/REPO.git.
    //   The accepted key types and a deploy key are not confirmed.
    Facts {
        code: "beanstalk",
        plain_name: "Beanstalk",
        account_keys: "Beanstalk: your profile (top right) > SSH Keys > Add a key.",
        account_keys_url: "",
        deploy_keys: None,
        deploy_keys_url: "",
        key_types: "RSA (what Jira needs) works; the documentation names no other type.",
        verify: Verify::LsRemote,
        ssh_port: None,
        docs: &["http://guides.beanstalkapp.com/version-control/tips-for-using-ssh-keys.html"],
    },
    // https://gerrit-review.googlesource.com/Documentation/user-upload.html (Settings > SSH Keys; OpenSSH or
    //   RFC 4716 public keys; port 29418; `ssh -p 29418 USER@host` greets: confirmed). No deploy keys: a
    //   separate Gerrit account is the usual read-only identity.
    Facts {
        code: "gerrit",
        plain_name: "Gerrit",
        account_keys: "Gerrit: Settings (top right) > SSH Keys > paste the key > Add new SSH key.",
        account_keys_url: "https://{host}/settings/",
        deploy_keys: None,
        deploy_keys_url: "",
        key_types: "RSA (what Jira needs) and the other OpenSSH types the server's SSH daemon supports.",
        verify: Verify::Greeting,
        ssh_port: Some(29418),
        docs: &["https://gerrit-review.googlesource.com/Documentation/user-upload.html"],
    },
    // https://gitblit.github.io/gitblit/setup_transport_ssh.html (port 29418; `ssh -l USER -p 29418 HOST keys
    //   add` uploads a key: confirmed from its source, src/site/setup_transport_ssh.mkd). Key types not confirmed.
    Facts {
        code: "gitblit",
        plain_name: "GitBlit",
        account_keys: "GitBlit: your profile > SSH Keys, or from a terminal: cat id_rsa.pub | ssh -l USER -p 29418 HOST keys add",
        account_keys_url: "",
        deploy_keys: None,
        deploy_keys_url: "",
        key_types: "RSA (what Jira needs); other types depend on the server.",
        verify: Verify::LsRemote,
        ssh_port: Some(29418),
        docs: &["https://gitblit.github.io/gitblit/setup_transport_ssh.html"],
    },
    // https://gitolite.com/gitolite/basic-admin.html (users are keydir/USER.pub files pushed to the
    //   gitolite-admin repository by its administrator; `ssh git@host info` lists what a key may use). The page
    //   address is not confirmed.
    Facts {
        code: "gitolite",
        plain_name: "Gitolite",
        account_keys: "Gitolite has no web page: its administrator adds the public key as keydir/USER.pub to the gitolite-admin repository, grants it read access in conf/gitolite.conf and pushes.",
        account_keys_url: "",
        deploy_keys: None,
        deploy_keys_url: "",
        key_types: "Whatever the server's OpenSSH accepts; RSA (what Jira needs) works.",
        verify: Verify::Info,
        ssh_port: None,
        docs: &["https://gitolite.com/gitolite/basic-admin.html"],
    },
    // https://git-scm.com/book/en/v2/Git-on-the-Server-Generating-Your-SSH-Public-Key (linked by Jira's guide)
    // https://git-scm.com/docs/git-clone#_git_urls
    Facts {
        code: "other",
        plain_name: "your git server",
        account_keys: "Your git server: the SSH keys page of your profile or account settings, or ask its administrator to add the public key for the account Jira uses.",
        account_keys_url: "",
        deploy_keys: None,
        deploy_keys_url: "",
        key_types: "Depends on the server; RSA (what Jira needs) is accepted almost everywhere.",
        verify: Verify::LsRemote,
        ssh_port: None,
        docs: &[
            "https://git-scm.com/book/en/v2/Git-on-the-Server-Generating-Your-SSH-Public-Key",
            "https://git-scm.com/docs/git-clone#_git_urls",
        ],
    },
];

/// The facts of one host kind.
pub(super) fn facts(kind: HostKind) -> &'static Facts {
    &HOSTS[kind as usize]
}

/// Where the public key goes for the host and repository of `p`.
pub(super) fn guide(f: &'static Facts, p: &Parsed) -> Guide {
    let repo = repo_path(p);
    let org = azure_org(p);
    Guide {
        account_keys: f.account_keys,
        account_keys_url: fill(f.account_keys_url, p, repo.as_deref(), org),
        deploy_keys: f.deploy_keys,
        deploy_keys_url: fill(f.deploy_keys_url, p, repo.as_deref(), org),
        key_types: f.key_types,
        verify: String::new(),
        docs: f.docs,
    }
}

/// A URL template with its parts filled in; `None` when the template is empty or a part is unknown.
fn fill(template: &str, p: &Parsed, repo: Option<&str>, org: Option<&str>) -> Option<String> {
    if template.is_empty() {
        return None;
    }
    let mut parts = repo.unwrap_or("").split('/');
    let (first, second) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut out = template.to_string();
    for (key, value) in [
        (
            "{host}",
            p.host
                .map(|h| h.strip_prefix("www.").unwrap_or(h).to_ascii_lowercase()),
        ),
        ("{org}", org.map(str::to_string)),
        ("{repo}", repo.map(str::to_string)),
        ("{0}", Some(first.to_string())),
        ("{1}", Some(second.to_string())),
    ] {
        if out.contains(key) {
            let value = value.filter(|v| !v.is_empty() && !v.contains(':'))?;
            out = out.replace(key, &value);
        }
    }
    Some(out)
}

/// The repository's path on its host, without `.git` and without the parts of a web page address:
/// `owner/repo` (GitHub, Bitbucket Cloud), `group/sub/project` (GitLab), `proj/repo` (Bitbucket Server).
pub(super) fn repo_path(p: &Parsed) -> Option<String> {
    let path = p.path?.trim_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let mut parts = path.split('/');
    let mut next = || parts.next().filter(|s| !s.is_empty());
    let out = match p.kind {
        HostKind::Github | HostKind::BitbucketCloud => {
            let (owner, repo) = (next()?, next()?);
            [owner, "/", repo].concat()
        }
        HostKind::Gitlab => {
            let end = path
                .find("/-/")
                .unwrap_or(path.strip_suffix("/-").unwrap_or(path).len());
            let project = &path[..end];
            if !project.contains('/') {
                return None;
            }
            project.to_string()
        }
        HostKind::BitbucketServer => {
            let (a, b, c) = (next()?, next()?, next());
            let d = next();
            match (a, c, d) {
                ("projects", Some("repos"), Some(repo)) => [b, "/", repo].concat(),
                ("users", Some("repos"), Some(repo)) => ["~", b, "/", repo].concat(),
                ("scm", Some(repo), _) => [b, "/", repo].concat(),
                _ => [a, "/", b].concat(),
            }
            .to_ascii_lowercase()
        }
        _ if path.is_empty() => return None,
        _ => path.to_string(),
    };
    Some(out.strip_suffix(".git").map(str::to_string).unwrap_or(out))
}

/// The Azure DevOps organisation the URL names.
pub(super) fn azure_org<'a>(p: &Parsed<'a>) -> Option<&'a str> {
    if p.kind != HostKind::AzureDevops {
        return None;
    }
    let host = p.host?;
    let mut segments = p.path?.split('/').filter(|s| !s.is_empty());
    if host.eq_ignore_ascii_case("dev.azure.com") {
        segments.next()
    } else if host.eq_ignore_ascii_case("ssh.dev.azure.com")
        || host.eq_ignore_ascii_case("vs-ssh.visualstudio.com")
    {
        segments.next().filter(|v| *v == "v3").and(segments.next())
    } else {
        let lower = host.to_ascii_lowercase();
        let org_len = lower.strip_suffix(".visualstudio.com")?.len();
        host.get(..org_len)
            .filter(|o| !o.is_empty() && !o.contains('.'))
    }
}

/// The command that checks the connection with the key: for the suggestion when there is one, else for the
/// URL itself when it can be used over SSH.
pub(super) fn verify(r: &CloneUrlReport, suggestion: Option<&str>) -> String {
    let f = facts(r.host_kind);
    let usable = r.ok && matches!(r.form, UrlForm::Ssh | UrlForm::Scp);
    let url = suggestion.or(if usable {
        Some(r.cleaned.as_str())
    } else {
        None
    });
    let p = url.map(parse::parse);
    let p = p
        .as_ref()
        .filter(|p| matches!(p.shape, Shape::Url | Shape::Scp));
    const SSH: &str = "ssh -i id_rsa.pem -o IdentitiesOnly=yes";
    const LS_REMOTE: &str =
        "GIT_SSH_COMMAND='ssh -i id_rsa.pem -o IdentitiesOnly=yes' git ls-remote ";
    match (f.verify, p, url) {
        (Verify::LsRemote, _, Some(url)) if p.is_some() => [LS_REMOTE, &shell_word(url)].concat(),
        (Verify::Greeting | Verify::Info, Some(p), _) => {
            let host = p.host.unwrap_or("HOST");
            let v6 = host.contains(':');
            let user = p
                .user
                .unwrap_or(if f.ssh_port.is_some() { "USER" } else { "git" });
            let port = p.port.or(f.ssh_port).filter(|&n| n != 22);
            let port = port
                .map(|n| [" -p ", &n.to_string()].concat())
                .unwrap_or_default();
            let login = [
                user,
                "@",
                if v6 { "[" } else { "" },
                host,
                if v6 { "]" } else { "" },
            ]
            .concat();
            let (t, info) = if f.verify == Verify::Info {
                ("", " info")
            } else {
                (" -T", "")
            };
            [SSH, &port, t, " ", &shell_word(&login), info].concat()
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
