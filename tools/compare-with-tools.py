#!/usr/bin/env python3
"""Compare keyfit with the reference tools over a folder of key files.

    tools/compare-with-tools.py [options] DIR

For every file under DIR, runs keyfit (examples/inspect.rs, natively) and the reference tools: ssh-keygen
(-l, -y, -i), openssl (pkey, with the legacy provider), puttygen and classic JSch 0.1.54
(tests/tools/jsch-check.sh). It reports every file where keyfit's answer differs from theirs:

  - kind (private/public), algorithm and SHA256 fingerprint as `ssh-keygen -l` prints it, where any tool
    reads the key (fingerprints the project wrote beside a key, `NAME.fp`, count where no tool reads it);
  - the Jira verdict: jiraReady must never be true where JSch refuses the file, and an RSA key of 2048 bits or
    more under `BEGIN RSA PRIVATE KEY` that JSch loads must be jiraReady;
  - for RSA private keys, keyfit's PKCS#1 conversion (keeping the passphrase) must load in ssh-keygen and
    JSch with the same fingerprint;
  - a file no tool reads must get an error with a code, not a fingerprint no one confirms.

Passphrases come from a TSV (file, passphrase, where the project's tests state it) and from `passphrase=` in
DIR/SOURCES.tsv. Judgements (file, field, value, reason) override the tools where they are judged wrong.
Prints one line per disagreement, grouped by family, then the count. Not part of ./build.sh test.
Exit status: 0 when every file agrees, 1 otherwise.
"""

import argparse
import base64
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in tools/
from der_tlv import der_items  # tools/der_tlv.py, beside this script

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
JSCH = os.path.join(ROOT, "tests", "tools", "jsch-check.sh")
# Reference outputs that projects keep beside their keys: not keys themselves.
NOT_KEYS = re.compile(r"(^|/)(README(\.md)?|SOURCES\.tsv)$|\.fp$|\.fp\.bb$|\.result$")
ORACLE_VERSION = 5

# ssh-keygen / PuTTY type names -> keyfit algorithm names.
SSH_ALGORITHMS = {
    "ssh-rsa": "rsa",
    "ssh-dss": "dsa",
    "ssh-ed25519": "ed25519",
    "ecdsa-sha2-nistp256": "ecdsa-p256",
    "ecdsa-sha2-nistp384": "ecdsa-p384",
    "ecdsa-sha2-nistp521": "ecdsa-p521",
    "sk-ssh-ed25519@openssh.com": "sk-ed25519",
    "sk-ecdsa-sha2-nistp256@openssh.com": "sk-ecdsa-p256",
    "ssh-ed448": "ed448",
}


def ssh_algorithm(ssh_type):
    """keyfit's name for an SSH key type; certificates name the certified key's algorithm."""
    base = re.sub(r"-cert-v0[01]@openssh\.com$", "", ssh_type)
    base = {"sk-ssh-ed25519": "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256": "sk-ecdsa-sha2-nistp256@openssh.com"}.get(base, base)
    return SSH_ALGORITHMS.get(base, base)


def fingerprint(blob):
    """`SHA256:...` as ssh-keygen -l prints it."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def run(cmd, timeout=30, stdin=b""):
    try:
        p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout)
        return p.returncode == 0, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return False, "", "timeout"


# --- a little DER, to turn openssl's SubjectPublicKeyInfo into an SSH blob --------------------------------------


def ssh_string(b):
    return len(b).to_bytes(4, "big") + b


def ssh_mpint(b):
    b = b.lstrip(b"\x00")
    if b and b[0] & 0x80:
        b = b"\x00" + b
    return ssh_string(b)


OID_RSA = "2a864886f70d010101"
OID_EC = "2a8648ce3d0201"
OID_DSA = "2a8648ce380401"
OID_ED25519 = "2b6570"
OID_ED448 = "2b6571"
CURVES = {"2a8648ce3d030107": "nistp256", "2b81040022": "nistp384", "2b81040023": "nistp521"}
CURVE_BITS = {"nistp256": 256, "nistp384": 384, "nistp521": 521}
# Field primes of the three curves, for explicit EC parameters.
PRIME_CURVES = {
    2**256 - 2**224 + 2**192 + 2**96 - 1: "nistp256",
    2**384 - 2**128 - 2**96 + 2**32 - 1: "nistp384",
    2**521 - 1: "nistp521",
}


def spki_to_ssh(der):
    """(ssh type, blob, bits) of a DER SubjectPublicKeyInfo, or None."""
    try:
        (_, spki), = der_items(der)
        (_, alg), (_, bitstr) = der_items(spki)
        parts = der_items(alg)
        oid = parts[0][1].hex()
        key = bitstr[1:]
        if oid == OID_RSA:
            (_, seq), = der_items(key)
            (_, n), (_, e) = der_items(seq)
            bits = int.from_bytes(n, "big").bit_length()
            return "ssh-rsa", ssh_string(b"ssh-rsa") + ssh_mpint(e) + ssh_mpint(n), bits
        if oid == OID_ED25519:
            return "ssh-ed25519", ssh_string(b"ssh-ed25519") + ssh_string(key), 256
        if oid == OID_ED448:
            return "ssh-ed448", ssh_string(b"ssh-ed448") + ssh_string(key), 448
        if oid == OID_EC:
            tag, params = parts[1]
            if tag == 0x06:
                curve = CURVES.get(params.hex())
            else:
                field = der_items(params)[1][1]
                prime = int.from_bytes(der_items(field)[1][1], "big")
                curve = PRIME_CURVES.get(prime)
            if curve is None:
                return None
            t = "ecdsa-sha2-" + curve
            return t, ssh_string(t.encode()) + ssh_string(curve.encode()) + ssh_string(key), CURVE_BITS[curve]
        if oid == OID_DSA:
            (_, p), (_, q), (_, g) = der_items(parts[1][1])
            (_, y), = der_items(key)
            bits = int.from_bytes(p, "big").bit_length()
            blob = ssh_string(b"ssh-dss") + b"".join(ssh_mpint(x) for x in (p, q, g, y))
            return "ssh-dss", blob, bits
    except (ValueError, IndexError):
        return None
    return None


def line_to_ssh(line):
    """(type, blob) of an `ssh-xxx AAAA...` line; for a certificate, the certified key's."""
    f = line.split()
    if len(f) < 2:
        return None
    try:
        blob = base64.b64decode(f[1])
    except ValueError:
        return None
    if f[0].endswith("-cert-v01@openssh.com"):
        return certified_key(blob)
    return f[0], blob


# The public-key fields of each certificate type (PROTOCOL.certkeys): strings and mpints alike are length-prefixed.
CERT_FIELDS = {"ssh-rsa": 2, "ssh-dss": 4, "ecdsa-sha2-nistp256": 2, "ecdsa-sha2-nistp384": 2,
               "ecdsa-sha2-nistp521": 2, "ssh-ed25519": 1, "sk-ecdsa-sha2-nistp256@openssh.com": 3,
               "sk-ssh-ed25519@openssh.com": 2}


def certified_key(blob):
    """(type, plain key blob) inside an OpenSSH certificate blob: type, nonce, then the key's fields."""
    def take(i):
        n = int.from_bytes(blob[i:i + 4], "big")
        return blob[i + 4:i + 4 + n], i + 4 + n
    cert_type, i = take(0)
    base = cert_type.decode().replace("-cert-v01@openssh.com", "")
    base = {"sk-ssh-ed25519": "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256": "sk-ecdsa-sha2-nistp256@openssh.com"}.get(base, base)
    if base not in CERT_FIELDS:
        return None
    _, i = take(i)  # nonce
    start = i
    for _ in range(CERT_FIELDS[base]):
        _, i = take(i)
    return base, ssh_string(base.encode()) + blob[start:i]


def openssl_spki(args, path):
    """Runs `openssl ARGS -in PATH` writing the public key as DER SubjectPublicKeyInfo: (ran, (ssh type, blob,
    bits) or None); ran is False where openssl failed, and its error text is third."""
    spki = path + ".spki"
    ok, _, err = run(["openssl", *args, "-in", path, "-pubout", "-outform", "DER", "-out", spki])
    if not ok:
        return False, None, err
    with open(spki, "rb") as f:
        return True, spki_to_ssh(f.read()), err


# --- the reference tools ----------------------------------------------------------------------------------------

def oracle(path, passphrase):
    """What each reference tool reads in the file: a list of readings and JSch's verdict."""
    readings = []
    tmp = tempfile.mkdtemp(prefix="keyfit-compare-")
    try:
        key = os.path.join(tmp, "key")
        shutil.copyfile(path, key)
        os.chmod(key, 0o600)
        pw = passphrase or ""
        passfile = os.path.join(tmp, "pass")
        with open(passfile, "w", encoding="utf-8") as f:
            f.write(pw)

        def add(tool, kind, ssh_type, blob=None, fp=None, bits=None):
            readings.append({"tool": tool, "kind": kind, "algorithm": ssh_algorithm(ssh_type),
                             "fingerprint": fp or fingerprint(blob), "bits": bits})

        # ssh-keygen -l: public keys, certificates, and the public part of private keys.
        ok, out, _ = run(["ssh-keygen", "-l", "-E", "sha256", "-f", key])
        if ok:
            m = re.match(r"(\d+) (SHA256:\S+) .*\(([A-Z0-9-]+)\)\s*$", out.strip())
            if m:
                readings.append({"tool": "ssh-keygen -l", "kind": None, "label": m.group(3),
                                 "algorithm": None, "fingerprint": m.group(2), "bits": int(m.group(1))})
        # ssh-keygen -y: the private key.
        ok, out, _ = run(["ssh-keygen", "-y", "-P", pw, "-f", key])
        if ok and line_to_ssh(out):
            t, blob = line_to_ssh(out)
            add("ssh-keygen -y", "private", t, blob)
        # ssh-keygen -i: public keys in other forms.
        for m in ("RFC4716", "PKCS8", "PEM"):
            ok, out, _ = run(["ssh-keygen", "-i", "-m", m, "-f", key])
            if ok and line_to_ssh(out):
                t, blob = line_to_ssh(out)
                add("ssh-keygen -i " + m, "public", t, blob)
                break
        # openssl: private keys (with the legacy provider for old PBE schemes), then public keys.
        prov = ["-provider", "default", "-provider", "legacy"]
        for form in ("PEM", "DER"):
            ok, got, _ = openssl_spki(["pkey", *prov, "-inform", form, "-passin", "pass:" + pw], key)
            tool, kind = "openssl pkey", "private"
            if not ok:
                ok, got, _ = openssl_spki(["pkey", *prov, "-pubin", "-inform", form], key)
                tool, kind = "openssl pkey -pubin", "public"
            if not ok:
                ok, got, _ = openssl_spki(["rsa", "-RSAPublicKey_in", "-inform", form], key)
            if ok:
                if got:
                    add(tool, kind, got[0], got[1], bits=got[2])
                break
        # puttygen: PuTTY files, OpenSSH and PEM keys, public keys.
        ok, out, _ = run(["timeout", "20", "puttygen", key, "--old-passphrase", passfile,
                          "-O", "public-openssh", "-o", key + ".pub"])
        if ok and os.path.exists(key + ".pub"):
            got = line_to_ssh(open(key + ".pub", encoding="utf-8", errors="replace").read())
            if got:
                # Exporting the private key needs it decrypted; one of the two targets differs from the input.
                kind, errs = "public", ""
                for target in ("private-openssh", "private-openssh-new", "private"):
                    ok, _, err = run(["timeout", "20", "puttygen", key, "--old-passphrase", passfile, "-O", target,
                                      "-o", key + ".out"])
                    if ok:
                        kind = "private"
                        break
                    errs += err
                if kind == "public" and "passphrase" in errs:
                    kind = None  # a private key whose passphrase is not known: only its public half was read
                ok, out, _ = run(["timeout", "20", "puttygen", key, "-O", "fingerprint"])
                bits = int(out.split()[1]) if ok and len(out.split()) > 2 and out.split()[1].isdigit() else None
                add("puttygen", kind, got[0], got[1], bits=bits)
        # A block under the wrong PEM label (a hand edit): the tools' reading of the same body under its own label.
        if not readings:
            relabelled(key, pw, add)
        # JSch 0.1.54, the Jira side.
        cmd = ["bash", JSCH, key] + ([pw] if passphrase is not None else [])
        ok, out, err = run(cmd, timeout=60)
        jsch = (out + err).strip().splitlines()[-1] if (out + err).strip() else "FAIL (no output)"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"version": ORACLE_VERSION, "readings": readings, "jsch": jsch}


PEM_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
              "PUBLIC KEY", "RSA PUBLIC KEY"]


def relabelled(key, pw, add):
    """Reads the first PEM block's body under each other label, as the tools would if the label were right."""
    text = open(key, "rb").read().decode("latin-1")
    m = re.search(r"-----BEGIN ([A-Z0-9 ]+)-----", text)
    if not m or m.group(1) not in PEM_LABELS:
        return
    for label in PEM_LABELS:
        if label == m.group(1):
            continue
        alt = key + ".relabelled"
        with open(alt, "w", encoding="latin-1") as f:
            f.write(text.replace("-----BEGIN %s-----" % m.group(1), "-----BEGIN %s-----" % label)
                    .replace("-----END %s-----" % m.group(1), "-----END %s-----" % label))
        os.chmod(alt, 0o600)
        private = "PRIVATE" in label
        args = ["pkey", "-provider", "default", "-provider", "legacy", "-passin", "pass:" + pw]
        if not private:
            args.insert(1, "-pubin")
            if label == "RSA PUBLIC KEY":
                args = ["rsa", "-RSAPublicKey_in"]
        _, got, _ = openssl_spki(args, alt)
        if got:
            add("openssl (as %s)" % label, "private" if private else "public", got[0], got[1], bits=got[2])
            return


def keyfit(binary, path, passphrase, tmp):
    """keyfit's report (and PKCS#1 conversion) of one file."""
    cmd = [binary]
    if passphrase is not None:
        pf = os.path.join(tmp, "pass")
        with open(pf, "w", encoding="utf-8") as f:
            f.write(passphrase)
        cmd += ["--passphrase-file", pf]
    out_file = os.path.join(tmp, "pkcs1.pem")
    cmd += ["--pkcs1-out", out_file, "--repaired-out", os.path.join(tmp, "repaired"), path]
    ok, out, err = run(cmd, timeout=120)
    if not ok:
        return {"crash": (err or out).strip()[-300:]}, None
    rep = json.loads(out)
    return rep, (out_file if rep.get("convert") == "ok" else None)


def check_conversion(pem_file, passphrase, want_fp, tmp):
    """Problems with keyfit's PKCS#1 output: ssh-keygen and JSch must read it with the same fingerprint."""
    problems = []
    os.chmod(pem_file, 0o600)
    ok, out, err = run(["ssh-keygen", "-y", "-P", passphrase or "", "-f", pem_file])
    got = line_to_ssh(out) if ok else None
    if not got and "Invalid key length" in err:
        # ssh-keygen loads no RSA key under 1024 bits, whatever its form: openssl reads it instead.
        _, spki, err = openssl_spki(["pkey", "-passin", "pass:" + (passphrase or "")], pem_file)
        got = spki[:2] if spki else None
    if not got:
        problems.append("ssh-keygen -y cannot read keyfit's PKCS#1 output: " + err.strip()[:100])
    elif fingerprint(got[1]) != want_fp:
        problems.append("keyfit's PKCS#1 output has fingerprint %s, not %s" % (fingerprint(got[1]), want_fp))
    cmd = ["bash", JSCH, pem_file] + ([passphrase] if passphrase is not None else [])
    ok, out, err = run(cmd, timeout=60)
    if not ok:
        problems.append("JSch cannot load keyfit's PKCS#1 output: " + (out + err).strip()[:100])
    return problems


# --- what the right answer is -----------------------------------------------------------------------------------

def expected(rel, path, orc, judgements):
    """The answer the tools give: kind, algorithm, fingerprint (None when no tool reads the key)."""
    rs = orc["readings"]
    fps = sorted({r["fingerprint"] for r in rs})
    exp = {"kind": None, "algorithm": None, "fingerprint": None, "tools": [r["tool"] for r in rs],
           "conflict": None, "source": "tools"}
    if len(fps) > 1:
        exp["conflict"] = "; ".join("%s says %s" % (r["tool"], r["fingerprint"]) for r in rs)
    if fps:
        exp["fingerprint"] = fps[0] if len(fps) == 1 else None
        kinds = {r["kind"] for r in rs if r["kind"]}
        exp["kind"] = "private" if "private" in kinds else ("public" if "public" in kinds else None)
        if not kinds and orc.get("encrypted"):
            exp["kind"] = "private"
        algs = {r["algorithm"] for r in rs if r["algorithm"]}
        if len(algs) == 1:
            exp["algorithm"] = algs.pop()
        elif not algs:
            label = next((r.get("label") for r in rs if r.get("label")), "")
            exp["algorithm"] = {"RSA": "rsa", "DSA": "dsa", "ED25519": "ed25519", "ED25519-SK": "sk-ed25519",
                                "ECDSA-SK": "sk-ecdsa-p256"}.get(label.replace("-CERT", ""))
            if label.startswith("ECDSA") and "SK" not in label:
                bits = rs[0]["bits"]
                exp["algorithm"] = "ecdsa-p%d" % bits
            if label.endswith("-CERT"):
                exp["kind"] = "public"
    elif orc.get("repaired"):
        # No tool reads the file as given; they read keyfit's repair of it (e.g. CR line ends) with this answer.
        sub = expected(rel, path, orc["repaired"], {})
        for field in ("kind", "algorithm", "fingerprint", "conflict"):
            exp[field] = sub[field]
        exp["tools"] = [t + " (on keyfit's repaired text)" for t in sub["tools"]]
        exp["source"] = "repaired"
    else:
        # The project's own record of the fingerprint, for key types no tool here reads.
        for fp_file in (path + ".fp", re.sub(r"(_pw|\.pub)$", "", path) + ".fp"):
            if os.path.exists(fp_file):
                exp["fingerprint"] = open(fp_file, encoding="utf-8").read().split()[0]
                exp["source"] = os.path.basename(fp_file)
                break
    for field, value, _reason in judgements.get(rel, []):
        exp[field] = None if value == "-" else value
        exp["source"] = "judged"
        if field == "fingerprint":
            exp["conflict"] = None
    return exp


ERROR_CODES = {"not-a-key", "truncated", "corrupt", "passphrase-required", "wrong-passphrase",
               "unsupported-cipher", "unsupported-algorithm", "kdf-too-costly", "key-too-large",
               "inconsistent-key"}


def first_label(path):
    with open(path, "rb") as f:
        text = f.read().decode("latin-1")
    m = re.search(r"-----BEGIN ([A-Z0-9 ]+)-----", text)
    return m.group(1) if m else None


def compare(rel, path, passphrase, rep, pkcs1, orc, exp, tmp):
    """Disagreements between keyfit's report and the reference tools, as sentences."""
    bad = []
    if "crash" in rep:
        return ["keyfit crashed: " + rep["crash"]]
    codes = [p["code"] for p in rep["problems"]]
    errors = [p["code"] for p in rep["problems"] if p["severity"] == "error"]
    if exp["conflict"]:
        bad.append("the tools disagree (%s): judge it" % exp["conflict"])
    if exp["fingerprint"] and exp["source"] != "judged" and exp["kind"]:
        if rep["kind"] != exp["kind"]:
            bad.append("kind %s, tools say %s" % (rep["kind"], exp["kind"]))
        if exp["algorithm"] and rep["algorithm"] != exp["algorithm"]:
            bad.append("algorithm %s, tools say %s" % (rep["algorithm"], exp["algorithm"]))
    elif exp["source"] == "judged":
        for field in ("kind", "algorithm"):
            if exp[field] and rep[field] != exp[field]:
                bad.append("%s %s, judged %s" % (field, rep[field], exp[field]))
    if exp["fingerprint"]:
        if rep["fingerprintSha256"] != exp["fingerprint"]:
            bad.append("fingerprint %s, %s say %s (codes %s)" % (
                rep["fingerprintSha256"], "/".join(exp["tools"]) or exp["source"], exp["fingerprint"], codes))
    elif not exp["conflict"]:
        if rep["fingerprintSha256"]:
            bad.append("fingerprint %s that no tool confirms" % rep["fingerprintSha256"])
        if not errors:
            bad.append("no tool reads it, but keyfit reports no error (codes %s)" % codes)
    for p in rep["problems"]:
        if not p["code"] or not p["message"]:
            bad.append("a problem without code or message")
    # The Jira verdict against JSch 0.1.54.
    jsch_ok = orc["jsch"].startswith("OK")
    if jsch_ok and "mangled-paste" in errors:
        bad.append("keyfit calls the text damaged, but JSch loads it as it is: %s" % orc["jsch"])
    if rep["jiraReady"] and not jsch_ok:
        bad.append("jiraReady, but JSch says %s" % orc["jsch"])
    bits = next((r["bits"] for r in orc["readings"] if r.get("bits")), None)
    if (jsch_ok and not rep["jiraReady"] and exp["algorithm"] == "rsa" and exp["kind"] == "private"
            and (bits or rep["bits"] or 0) >= 2048 and first_label(path) == "RSA PRIVATE KEY"):
        bad.append("not jiraReady (codes %s), but JSch loads it: %s" % (codes, orc["jsch"]))
    # An RSA private key converts to PKCS#1 that the tools read back with the same fingerprint.
    if exp["algorithm"] == "rsa" and exp["kind"] == "private" and exp["fingerprint"]:
        if pkcs1 is None:
            bad.append("convertKey to pkcs1 fails: %s" % rep.get("convert"))
        else:
            bad.extend(check_conversion(pkcs1, passphrase, exp["fingerprint"], tmp))
    return bad


def oracle_row(path, passphrase):
    """The tools' answer for one file, for test-vector scripts (tests/families/make.sh)."""
    orc = oracle(path, passphrase)
    exp = expected(os.path.basename(path), path, orc, {})
    if exp["conflict"]:
        raise SystemExit("%s: the tools disagree: %s" % (path, exp["conflict"]))
    bits = next((r["bits"] for r in orc["readings"] if r.get("bits") and r["tool"] != "puttygen"), None)
    bits = bits or next((r["bits"] for r in orc["readings"] if r.get("bits")), None)
    if exp["algorithm"] == "ed25519":
        bits = 256  # puttygen says 255, ssh-keygen 256
    jsch = "ok" if orc["jsch"].startswith("OK") else "fail"
    return [exp["kind"] or "-", exp["algorithm"] or "-", str(bits) if bits else "-",
            exp["fingerprint"] or "-", jsch]


# --- families, for the summary ----------------------------------------------------------------------------------

def family(path, rep, exp):
    """A short name for the kind of input, so failures group into families."""
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("latin-1")
    labels = re.findall(r"-----BEGIN ([A-Z0-9 ]+)-----", text)
    first = text.lstrip("\ufeff \t\r\n")
    if re.match(r"\S+-cert-v0[01]@openssh\.com ", first):
        return "openssh certificate"
    if re.match(r"sk-\S+@openssh\.com ", first) or b"sk-ssh-ed25519@openssh.com" in raw or \
            (b"-----BEGIN OPENSSH" in raw and "sk-" in (exp.get("algorithm") or "")):
        return "security-key (sk) key"
    if "ENCRYPTED PRIVATE KEY" in labels and re.search(r"MIIB|MII", text) and not re.search(
            r"BgkqhkiG9w0BBQ0", text):
        return "pkcs8 old PBE scheme"
    if "ENCRYPTED PRIVATE KEY" in labels and re.search(r"BgkqhkiG9w0BBQ0", text):
        return "pkcs8 PBES2"
    if len(labels) > 1 or (labels and not first.startswith("-----BEGIN")):
        return "text around the key"
    if "\r\n" in text and labels and any(len(l) > 100 for l in text.splitlines()):
        return "CRLF + one-line base64"
    if "DEK-Info" in text and labels and labels[0] == "PRIVATE KEY":
        return "DEK-Info on PRIVATE KEY"
    if "DEK-Info: AES-192" in text:
        return "DEK-Info AES-192-CBC"
    if first.startswith("PuTTY-User-Key-File") and "Private-Lines" not in text:
        return "ppk public-only"
    if labels and labels[0] == "RSA PRIVATE KEY" and "MIIE" in text and rep.get("format") != "pkcs1":
        return "mislabelled header"
    if labels and labels[0] in ("RSA PUBLIC KEY", "RSA PRIVATE KEY"):
        return "pkcs1 " + labels[0].split()[1].lower()
    if labels and labels[0] == "EC PRIVATE KEY":
        return "sec1 ec"
    if labels:
        return labels[0].lower()
    if first.startswith("PuTTY"):
        return "ppk"
    if re.match(r"(ssh|ecdsa)-\S+ AAAA", first):
        return "openssh public line"
    return "other"


# --- main -------------------------------------------------------------------------------------------------------

def read_passphrases(args):
    pw = {}
    sources = os.path.join(args.dir, "SOURCES.tsv")
    if os.path.exists(sources):
        for line in open(sources, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            m = re.search(r"passphrase=(\S+)", line)
            if m:
                pw[f[0]] = m.group(1)
    if args.passphrases and os.path.exists(args.passphrases):
        for line in open(args.passphrases, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            pw[f[0]] = f[1]
    return pw


def read_judgements(file):
    out = {}
    if file and os.path.exists(file):
        for line in open(file, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            rel, field, value, reason = line.rstrip("\n").split("\t", 3)
            out.setdefault(rel, []).append((field, value, reason))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--passphrases", default=os.path.join(HERE, "peers-passphrases.tsv"))
    ap.add_argument("--judgements", default=os.path.join(HERE, "peers-judgements.tsv"))
    ap.add_argument("--keyfit", default=os.path.join(ROOT, "target", "debug", "examples", "inspect"))
    ap.add_argument("--cache", default=os.path.join(ROOT, "target", "compare-oracle-cache.json"),
                    help="the tools' answers, kept between runs (keyed by file content and passphrase)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", help="regex on the relative path")
    ap.add_argument("--verbose", action="store_true", help="print every file, agreeing or not")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--oracle", action="store_true",
                    help="DIR is one file: print the tools' answer as kind, algorithm, bits, fingerprint, JSch "
                         "(tab separated, '-' where none); the passphrase is in $KEYFIT_PASSPHRASE, if set")
    args = ap.parse_args()
    if args.oracle:
        print("\t".join(oracle_row(args.dir, os.environ.get("KEYFIT_PASSPHRASE"))))
        return 0

    if not args.no_build:
        subprocess.run(["cargo", "build", "--quiet", "--example", "inspect"], cwd=ROOT, check=True)
    passphrases = read_passphrases(args)
    judgements = read_judgements(args.judgements)
    files = []
    for base, dirs, names in os.walk(args.dir):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(base, n)
            rel = os.path.relpath(p, args.dir)
            if NOT_KEYS.search(rel) or "/results/" in "/" + rel:
                continue
            if args.only and not re.search(args.only, rel):
                continue
            files.append((rel, p))

    cache = {}
    if os.path.exists(args.cache):
        try:
            cache = json.load(open(args.cache, encoding="utf-8"))
        except ValueError:
            cache = {}

    def one(item):
        rel, p = item
        pw = passphrases.get(rel)
        data = open(p, "rb").read()
        ck = hashlib.sha256(data + b"\0" + (pw or "").encode() + (b"\1" if pw is None else b"")).hexdigest()
        orc = cache.get(ck)
        if not orc or orc.get("version") != ORACLE_VERSION:
            orc = oracle(p, pw)
        tmp = tempfile.mkdtemp(prefix="keyfit-compare-")
        try:
            rep, pkcs1 = keyfit(args.keyfit, p, pw, tmp)
            repaired = os.path.join(tmp, "repaired")
            if not orc["readings"] and os.path.exists(repaired):
                orc = dict(orc, repaired=oracle(repaired, pw))
            exp = expected(rel, p, orc, judgements)
            bad = compare(rel, p, pw, rep, pkcs1, orc, exp, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return rel, p, ck, orc, rep, exp, bad

    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for r in pool.map(one, files):
            results.append(r)
            cache[r[2]] = r[3]
    os.makedirs(os.path.dirname(args.cache), exist_ok=True)
    json.dump(cache, open(args.cache, "w", encoding="utf-8"))

    groups = {}
    judged = []
    for rel, p, _, orc, rep, exp, bad in results:
        if args.verbose:
            print("%-4s %-60s %s %s %s jira=%s jsch=%s" % (
                "ok" if not bad else "FAIL", rel, rep.get("kind"), rep.get("algorithm"),
                rep.get("fingerprintSha256"), rep.get("jiraReady"), orc["jsch"]))
        if rel in judgements:
            judged.extend((rel, f, v, why) for f, v, why in judgements[rel])
        if bad:
            groups.setdefault(family(p, rep, exp), []).append((rel, bad))
    failed = sum(len(v) for v in groups.values())
    for fam in sorted(groups, key=lambda k: -len(groups[k])):
        print("\n== %s (%d)" % (fam, len(groups[fam])))
        for rel, bad in groups[fam]:
            print("  %s: %s" % (rel, " | ".join(bad)))
    if judged:
        print("\n== judged against the tools (%d)" % len(judged))
        for rel, f, v, why in judged:
            print("  %s: %s = %s: %s" % (rel, f, v, why))
    print("\n%d of %d files agree with the reference tools (%d disagree)" % (
        len(results) - failed, len(results), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
