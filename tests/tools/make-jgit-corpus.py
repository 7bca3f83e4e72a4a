#!/usr/bin/env python3
"""Writes tests/clone-urls-jgit.tsv: real clone URLs of every host kind and the mistakes users make with them,
each with the repository it means (tests/clone_url_jgit.rs reads every one with JGit and keyfit).

Usage: python3 tests/tools/make-jgit-corpus.py > tests/clone-urls-jgit.tsv

Columns: input (escaped as in tests/clone-urls.tsv: \\n \\t \\r \\s \\\\ \\u{XXXX}), then the repository meant as
`host path` (the SSH URL's host, its path without a leading `/` or `~` and without `.git`), `-` when none.
"""

# (SSH clone URL as the host's Clone button gives it, https clone URL or None, web page or None)
BASES = [
    # GitHub, GitHub Enterprise Server, GHE.com
    ("git@github.com:torvalds/linux.git", "https://github.com/torvalds/linux.git", "https://github.com/torvalds/linux/tree/master/kernel"),
    ("git@github.com:rust-lang/rust.git", "https://github.com/rust-lang/rust.git", "https://github.com/rust-lang/rust/blob/master/README.md"),
    ("git@github.com:eclipse-jgit/jgit.git", "https://github.com/eclipse-jgit/jgit.git", "https://github.com/eclipse-jgit/jgit"),
    ("git@github.com:RustCrypto/SSH.git", "https://github.com/RustCrypto/SSH.git", "https://github.com/RustCrypto/SSH/pulls"),
    ("ssh://git@ssh.github.com:443/microsoft/vscode.git", None, None),
    ("git@github.example.com:platform/billing-service.git", "https://github.example.com/platform/billing-service.git", None),
    ("git@octocorp.ghe.com:octocorp/website.git", "https://octocorp.ghe.com/octocorp/website.git", None),
    # GitLab.com (nested groups), self-managed GitLab (custom ports)
    ("git@gitlab.com:gitlab-org/gitlab.git", "https://gitlab.com/gitlab-org/gitlab.git", "https://gitlab.com/gitlab-org/gitlab/-/tree/master"),
    ("git@gitlab.com:gitlab-org/ci-cd/docker-machine.git", "https://gitlab.com/gitlab-org/ci-cd/docker-machine.git", "https://gitlab.com/gitlab-org/ci-cd/docker-machine/-/blob/main/README.md"),
    ("git@salsa.debian.org:debian/devscripts.git", "https://salsa.debian.org/debian/devscripts.git", None),
    # GNOME's SSH host is not its web host (no rule can derive it from the https URL): SSH forms only.
    ("git@ssh.gitlab.gnome.org:GNOME/gtk.git", None, None),
    ("git@gitlab.example.com:team/sub/app.git", "https://gitlab.example.com/team/sub/app.git", "https://gitlab.example.com/team/sub/app/-/tree/main"),
    ("ssh://git@gitlab.example.com:2222/group/sub/app.git", None, None),
    # Bitbucket Cloud, Bitbucket Data Center
    ("git@bitbucket.org:atlassian/atlassian-connect-express.git", "https://bitbucket.org/atlassian/atlassian-connect-express.git", "https://bitbucket.org/atlassian/atlassian-connect-express/src/master/"),
    ("git@bitbucket.org:team/repo.git", "https://alice@bitbucket.org/team/repo.git", None),
    ("ssh://git@bitbucket.example.com:7999/proj/repo.git", "https://bitbucket.example.com/scm/proj/repo.git", "https://bitbucket.example.com/projects/PROJ/repos/repo/browse"),
    ("ssh://git@git.company.example:7999/ops/deploy-tools.git", "https://git.company.example/scm/ops/deploy-tools.git", None),
    ("ssh://git@bitbucket.example.com:7999/~alice/scratch.git", None, None),
    # Azure DevOps Services (both forms) and Server
    ("git@ssh.dev.azure.com:v3/fabrikam/Fabrikam/fabrikam-web", "https://dev.azure.com/fabrikam/Fabrikam/_git/fabrikam-web", "https://dev.azure.com/fabrikam/Fabrikam/_git/fabrikam-web?path=/README.md"),
    ("git@ssh.dev.azure.com:v3/contoso/Platform/api", "https://contoso.visualstudio.com/Platform/_git/api", None),
    ("contoso@vs-ssh.visualstudio.com:v3/contoso/Platform/api", None, None),
    ("ssh://tfs.example.com:22/tfs/DefaultCollection/Proj/_git/Repo", "https://tfs.example.com/tfs/DefaultCollection/Proj/_git/Repo", None),
    # Gerrit, GitBlit, Gitolite, Beanstalk
    ("ssh://alice@gerrit.example.com:29418/tools/project", "https://gerrit.example.com/a/tools/project", "https://gerrit.example.com/c/tools/project/+/1234"),
    ("ssh://alice@review.example.org:29418/platform/build", None, None),
    ("ssh://alice@gitblit.example.com:29418/team/repo.git", "https://gitblit.example.com/r/team/repo.git", None),
    ("gitolite@git.example.com:infra/puppet", None, None),
    ("git@gitolite.example.com:testing.git", None, None),
    ("git@acme.git.beanstalkapp.com:/acme/site.git", "https://acme.git.beanstalkapp.com/site.git", None),
    # AWS CodeCommit (an SSH key ID as user), sourcehut, Gitea, Forgejo (Codeberg)
    ("ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo", "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo", None),
    ("git@git.sr.ht:~sircmpwn/scdoc", "https://git.sr.ht/~sircmpwn/scdoc", None),
    ("git@gitea.com:gitea/tea.git", "https://gitea.com/gitea/tea.git", None),
    ("git@codeberg.org:forgejo/forgejo.git", "https://codeberg.org/forgejo/forgejo.git", "https://codeberg.org/forgejo/forgejo/src/branch/forgejo"),
    ("ssh://git@gitea.example.com:2222/owner/repo.git", None, None),
    # Plain servers, addresses
    ("git@git.example.com:team/app.git", None, None),
    ("ssh://git@203.0.113.7/srv/git/app.git", None, None),
    ("ssh://git@[2001:db8::7]:2222/srv/git/app.git", None, None),
]

TOKENS = [
    "ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz",
    "gho_16C7e42F292c6912E7710c838347Ae178B4a",
    "ghs_abcdefghijklmnopqrstuvwxyz0123456789",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
    "glpat-Zx8yW7vU6tS5rQ4pXyZ1",
]


def parts(ssh):
    """(user, host, port, path) of an SSH clone URL."""
    if ssh.startswith("ssh://"):
        rest = ssh[6:]
        auth, _, path = rest.partition("/")
        user, _, hostport = auth.rpartition("@")
        if hostport.startswith("["):
            host, _, port = hostport[1:].partition("]")
            port = port[1:]
        else:
            host, _, port = hostport.partition(":")
        return user or None, host, port or None, "/" + path
    auth, _, path = ssh.partition(":")
    user, _, host = auth.rpartition("@")
    return user or None, host, None, path


def meant(ssh):
    _, host, _, path = parts(ssh)
    path = path.lstrip("/").lstrip("~")
    if path.endswith(".git"):
        path = path[:-4]
    return f"{host} {path}"


def escape(s):
    out = []
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif c == " ":
            out.append("\\s")
        elif ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or ord(c) > 0x7E and not c.isalnum():
            out.append("\\u{%X}" % ord(c))
        else:
            out.append(c)
    return "".join(out)


def mistakes(ssh, https, web):
    user, host, port, path = parts(ssh)
    bracket = f"[{host}]" if ":" in host else host
    at = f"{user}@" if user else ""
    rel = path.lstrip("/")
    yield ssh
    # The other SSH form
    if ssh.startswith("ssh://"):
        if not port:
            yield f"{at}{bracket}:{rel}"
    else:
        yield f"ssh://{at}{bracket}/{rel}"
    # Pasted decorations
    yield f"  {ssh}\n"
    yield f"\t{ssh}"
    yield f'"{ssh}"'
    yield f"'{ssh}'"
    yield f"`{ssh}`"
    yield f"<{ssh}>"
    yield f"\u201c{ssh}\u201d"
    yield f"git clone {ssh}"
    yield f"$ git clone --depth 1 {ssh} app"
    yield f"\u200b{ssh}"
    yield f"\ufeff{ssh}"
    yield f"{ssh}\u00a0"
    yield f"\u200e{ssh}"
    yield ssh.replace("@", "@\u200b", 1) if user else "\u200b" + ssh
    # Upper-case schemes
    if ssh.startswith("ssh://"):
        yield "SSH://" + ssh[6:]
        yield "Ssh://" + ssh[6:]
        yield "GIT+SSH://" + ssh[6:]
    else:
        yield f"SSH://{at}{bracket}/{rel}"
    # The wrong separators
    yield f"{at}{bracket}/{rel}"
    yield f"ssh://{at}{bracket}:{rel}"
    yield f"ssh//{at}{bracket}/{rel}"
    yield f"ssh:/{at}{bracket}/{rel}"
    # Ports in every wrong place
    p = port or "2222"
    yield f"{at}{bracket}:{p}/{rel}"
    yield f"{at}{bracket}:{p}:{rel}"
    yield f"ssh://{at}{bracket}:+{p}/{rel}"
    yield f"ssh://{at}{bracket}:\u0662\u0662/{rel}"
    yield f"ssh://{at}{bracket}:0/{rel}"
    yield f"ssh://{at}{bracket}:{p}a/{rel}"
    # Percent escapes
    yield f"ssh://{at}{bracket}/{rel.replace('/', '%2F', 1)}"
    yield f"ssh://{at}{bracket}/{rel}%zz"
    # Control and format characters
    yield ssh + "\x15"
    yield ssh.replace(":", ":\u202e", 1)
    # Tokens
    yield f"ssh://{user or 'git'}:{TOKENS[0]}@{bracket}/{rel}"
    yield f"ssh://{at}{bracket}/{rel}?access_key={TOKENS[1]}"
    if https:
        yield https
        yield "HTTPS://" + https[8:]
        yield "http://" + https[8:]
        yield f"git clone {https}"
        rest = https[8:].split("@", 1)[-1]
        yield f"https://{TOKENS[0]}:x-oauth-basic@{rest}"
        yield f"https://x-access-token:{TOKENS[2]}@{rest}"
        yield f"https://{TOKENS[3]}@{rest}"
        yield f"https://oauth2:{TOKENS[4]}@{rest}"
        yield f"https://{TOKENS[4]}:@{rest}"
        yield f"https://x-token-auth:{TOKENS[1]}@{rest}"
        yield f"https://alice:pa/ss#word@{rest}"
        yield f"{https}?private_token={TOKENS[4]}"
        yield f"{https}#access_token={TOKENS[1]}"
        yield f"git://{rest}"
    if web:
        yield web
        yield rest_of(web)


def rest_of(url):
    """A web address without its scheme, as typed into a browser's address bar."""
    return url.split("://", 1)[1]


# Mistakes that mean no repository at all, and the other forms JGit knows
OTHERS = [
    "D:app", "C:\\repos\\app", "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", "javascript:alert(1)",
    "ext::sh -c touch% /tmp/pwned", "fd::3", "transport::foo", "git@example.com:a\x15touch${IFS}X;#\x0f",
    "git@example.com:app\x00.git", "git@example.com:app\x7f.git", "git@example.com:app\u2028.git",
    "git@gitlab.com.evil.example:acme/app.git", "git@bitbucket.org.evil.example:acme/app.git",
    "ssh://alice@gerrit.googlesource.com.evil.example:29418/project", "git@github.com.evil.example:acme/app.git",
    "git@[2001:db8::1]:x.git", "ssh://git@[2001:DB8::1]/x.git", "ssh://git@[::ffff:192.0.2.1]/x.git",
    "ssh://git@[fe80::1%eth0]/x.git", "ssh://git@[fe80::1%25eth0]/x.git", "git@2001:db8::1:team/app.git",
    "ssh://git@[2001:db8:0:0:0:0:0:1]/x.git", "ssh://git@2001:db8::1/x.git", "ssh://[2001:db8::9]/x.git",
    "ssh://:pw@git.example.com/team/app.git", "acme/app", "ssh://git@host.example.com:22:team/app.git",
    "git@github.com:22:acme/app.git", "git@host.example.com:7999:proj/repo.git",
    "ssh://git@git.example.com/My%20Project/app.git", "git@git.example.com:My%20Project/app.git",
    "ssh://git@git.example.com/app%zz.git", "ssh://us%65r@git.example.com/app.git",
    "bitbucket.example.com/7999/proj/repo.git", "git@bitbucket.example.com/7999/proj/repo.git",
    "https://glpat-Zx8yW7vU6tS5rQ4pXyZ1:@gitlab.com/group/repo.git",
    "https://alice:secret/with/slash@gitlab.com/group/repo.git",
    "https://alice:sec#ret@gitlab.com/group/repo.git",
    "ssh://git@git.example.com/app.git#token=abcdef0123456789",
    "ssh://-oProxyCommand=x@git.example.com/app.git", "git@git.example.com:-app.git",
    "-oProxyCommand=touch${IFS}x@git.example.com:app.git",
]

OTHERS_MEANT = {
    "git@[2001:db8::1]:x.git": "2001:db8::1 x",
    "ssh://git@[2001:DB8::1]/x.git": "2001:db8::1 x",
    "ssh://git@[2001:db8:0:0:0:0:0:1]/x.git": "2001:db8::1 x",
    "git@2001:db8::1:team/app.git": "2001:db8::1 team/app",
    "ssh://git@2001:db8::1/x.git": "2001:db8::1 x",
    "ssh://:pw@git.example.com/team/app.git": "git.example.com team/app",
    "ssh://git@host.example.com:22:team/app.git": "host.example.com team/app",
    "git@github.com:22:acme/app.git": "github.com acme/app",
    "git@host.example.com:7999:proj/repo.git": "host.example.com proj/repo",
    "bitbucket.example.com/7999/proj/repo.git": "bitbucket.example.com proj/repo",
    "git@bitbucket.example.com/7999/proj/repo.git": "bitbucket.example.com proj/repo",
    "https://glpat-Zx8yW7vU6tS5rQ4pXyZ1:@gitlab.com/group/repo.git": "gitlab.com group/repo",
    "https://alice:secret/with/slash@gitlab.com/group/repo.git": "gitlab.com group/repo",
    "https://alice:sec#ret@gitlab.com/group/repo.git": "gitlab.com group/repo",
    "ssh://git@git.example.com/app.git#token=abcdef0123456789": "git.example.com app",
    "git@gitlab.com.evil.example:acme/app.git": "gitlab.com.evil.example acme/app",
    "git@bitbucket.org.evil.example:acme/app.git": "bitbucket.org.evil.example acme/app",
    "git@github.com.evil.example:acme/app.git": "github.com.evil.example acme/app",
}


def main():
    print(__doc__.strip().replace("\n", "\n# ").join(["# ", ""]))
    print("input\tmeant")
    seen = set()
    rows = []
    for ssh, https, web in BASES:
        for url in mistakes(ssh, https, web):
            if url not in seen:
                seen.add(url)
                rows.append((url, meant(ssh)))
    for url in OTHERS:
        if url not in seen:
            seen.add(url)
            rows.append((url, OTHERS_MEANT.get(url, "-")))
    for url, m in rows:
        print(f"{escape(url)}\t{m}")


main()
