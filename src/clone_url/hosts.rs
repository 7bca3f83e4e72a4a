//! The git hosts keyfit knows, written down once: how to recognise each, the SSH user it requires, where keys
//! are added, which key types it takes and how to check the connection. Each entry names the public
//! documentation it came from; those URLs are also what `guide.docs` shows. Facts marked "not confirmed" were
//! not found in the documentation searched (November 2026) and come from the hosts' pages as commonly linked:
//! correct them here when they move. Plain data only: the rules that read it are in `kind.rs` (which host),
//! `guide.rs` (the pages) and `verify.rs` (the command); adding a host is a row here.

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
pub(super) const DOMAINS: [(&str, HostKind, bool); 12] = [
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

/// Hosted services known by the end of their host names.
pub(super) const SUFFIXES: [(&str, HostKind); 2] = [
    (".visualstudio.com", HostKind::AzureDevops),
    (".beanstalkapp.com", HostKind::Beanstalk),
];

/// Names of hosted services that a self-hosted server never carries inside its own name: `github.com.evil.example`
/// and `gerrit.googlesource.com.evil.example` are look-alikes, not guesses (the names of `DOMAINS` and `SUFFIXES`
/// count too).
pub(super) const LOOK_ALIKES: [&str; 2] = ["googlesource.com", "azure.com"];

/// Self-hosted products guessed from the first label of the host name.
pub(super) const PREFIXES: [(&str, HostKind); 5] = [
    ("gitlab.", HostKind::Gitlab),
    ("bitbucket.", HostKind::BitbucketServer),
    ("gerrit.", HostKind::Gerrit),
    ("gitblit.", HostKind::Gitblit),
    ("gitolite.", HostKind::Gitolite),
];

/// A clear hint of a self-hosted product in a URL whose host name says nothing.
#[derive(Clone, Copy)]
pub(super) enum Hint {
    /// The SSH user.
    User(&'static str),
    /// The port.
    Port(u16),
    /// The port, and a path ending in `.git`.
    PortAndGitPath(u16),
    /// An http(s) path starting so.
    WebPath(&'static str),
    /// A path starting so.
    PathStart(&'static str),
    /// A path holding this.
    PathHas(&'static str),
}

/// The hints, tried in order after the names.
pub(super) const HINTS: [(Hint, HostKind); 10] = [
    (Hint::User("gitolite"), HostKind::Gitolite),
    (Hint::Port(7999), HostKind::BitbucketServer),
    (Hint::WebPath("/scm/"), HostKind::BitbucketServer),
    (Hint::WebPath("/projects/"), HostKind::BitbucketServer),
    (Hint::PortAndGitPath(29418), HostKind::Gitblit),
    (Hint::Port(29418), HostKind::Gerrit),
    (Hint::WebPath("/r/"), HostKind::Gitblit),
    (Hint::PathHas("/tfs/"), HostKind::AzureDevops),
    (Hint::PathStart("tfs/"), HostKind::AzureDevops),
    (Hint::PathHas("/_git/"), HostKind::AzureDevops),
];

/// How a host's connection is checked from a terminal.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Verify {
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
    pub code: &'static str,
    pub plain_name: &'static str,
    pub account_keys: &'static str,
    pub account_keys_url: &'static str,
    pub deploy_keys: Option<&'static str>,
    pub deploy_keys_url: &'static str,
    pub key_types: &'static str,
    pub verify: Verify,
    /// Default SSH port and user for the verify command (None: as in the URL).
    pub ssh_port: Option<u16>,
    pub docs: &'static [&'static str],
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
