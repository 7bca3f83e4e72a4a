#!/bin/bash
# Regenerates the bad inputs of tests/bad_inputs.rs in this folder: mangled pastes, truncations, wrong
# headers, non-keys, hostile KDF parameters, inconsistent RSA numbers and tampered MACs.
#
# Every file is derived from a file of tests/corpus/keys/ (made by the real tools), deterministically: no
# randomness but a SHA-256 stream seeded with a corpus file, so a rerun writes the same bytes until the
# corpus changes. After regenerating the corpus, rerun this script and commit both.
# Each case below says what it does; tests/bad_inputs.rs declares what keyfit must say of it.
#
# Usage: tests/bad/make.sh [OUTDIR]    (default: this folder; the test compares a rerun with the files)
# Needs: python3 (standard library only) and tools/der_tlv.py.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
mkdir -p "$OUT"
exec python3 - "$HERE/../corpus/keys" "$OUT" "$HERE/../../tools" <<'PY'
import base64, hashlib, os, re, struct, sys

KEYS, OUT = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[3])
sys.dont_write_bytecode = True  # no __pycache__ in tools/
from der_tlv import der_items  # tools/der_tlv.py, also read by tools/compare-with-tools.py
KEEP = {"make.sh", ".gitattributes"}
for name in os.listdir(OUT):
    if name not in KEEP and os.path.isfile(os.path.join(OUT, name)):
        os.remove(os.path.join(OUT, name))

def corpus(name):
    with open(os.path.join(KEYS, name), "rb") as f:
        return f.read()

written = set()
def put(name, data):
    assert name not in written, name
    written.add(name)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)

def stream(seed, n):
    """n pseudo-random bytes: SHA-256 in counter mode over a seed (a corpus file)."""
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(seed + struct.pack(">I", i)).digest()
        i += 1
    return out[:n]

# ------------------------------------------------------------------ PEM, DER and SSH wire helpers

def pem_split(text):
    """(label, header lines, body bytes, width) of a one-block PEM/SECSH text."""
    lines = text.split("\n")
    begin = next(i for i, l in enumerate(lines) if "BEGIN " in l)
    end = next(i for i, l in enumerate(lines) if "END " in l)
    label = re.sub(r"^-+ ?BEGIN |\s*-+$", "", lines[begin])
    inner = lines[begin + 1:end]
    headers = []
    while inner and (":" in inner[0] or inner[0] == "" or (headers and headers[-1].endswith("\\"))):
        headers.append(inner.pop(0))
    body = "".join(inner)
    return label, headers, base64.b64decode(body), len(inner[0])

def pem_join(label, headers, data, width, dashes=5):
    b64 = base64.b64encode(data).decode()
    d = "-" * dashes
    sp = " " if dashes == 4 else ""
    out = [f"{d}{sp}BEGIN {label}{sp}{d}"] + headers
    out += [b64[i:i + width] for i in range(0, len(b64), width)]
    out.append(f"{d}{sp}END {label}{sp}{d}")
    return "\n".join(out) + "\n"

def der_tree(b):
    """A DER value as (tag, children) when constructed, else (tag, bytes)."""
    (tag, content), = der_items(b)
    return der_node(tag, content)

def der_node(tag, content):
    if tag & 0x20:
        return (tag, [der_node(t, c) for t, c in der_items(content)])
    return (tag, content)

def der_len(n):
    if n < 0x80:
        return bytes([n])
    k = (n.bit_length() + 7) // 8
    return bytes([0x80 | k]) + n.to_bytes(k, "big")

def der_encode(node):
    tag, v = node
    if isinstance(v, list):
        v = b"".join(der_encode(k) for k in v)
    return bytes([tag]) + der_len(len(v)) + v

def der_int(n):
    return (0x02, n.to_bytes(n.bit_length() // 8 + 1, "big"))

def int_of(node):
    return int.from_bytes(node[1], "big")

def rsa_parts(der):
    """[version, n, e, d, p, q, dp, dq, qinv] of a PKCS#1 RSAPrivateKey."""
    return [int_of(k) for k in der_tree(der)[1]]

def rsa_der(parts):
    return der_encode((0x30, [der_int(x) for x in parts]))

def ssh_string(b):
    return struct.pack(">I", len(b)) + b

class Wire:
    def __init__(self, b):
        self.b, self.o = b, 0
    def u32(self):
        v = struct.unpack(">I", self.b[self.o:self.o + 4])[0]
        self.o += 4
        return v
    def string(self):
        n = self.u32()
        v = self.b[self.o:self.o + n]
        self.o += n
        return v

def openssh_fields(blob):
    """magic, cipher, kdf, kdfoptions, nkeys, public, private section of an OpenSSH private key blob."""
    magic = b"openssh-key-v1\0"
    assert blob.startswith(magic)
    w = Wire(blob)
    w.o = len(magic)
    cipher, kdf, opts = w.string(), w.string(), w.string()
    nkeys = w.u32()
    pub = w.string()
    priv = w.string()
    return cipher, kdf, opts, nkeys, pub, priv

def openssh_blob(cipher, kdf, opts, nkeys, pub, priv):
    return (b"openssh-key-v1\0" + ssh_string(cipher) + ssh_string(kdf) + ssh_string(opts)
            + struct.pack(">I", nkeys) + ssh_string(pub) + ssh_string(priv))

def ppk_set(text, header, value):
    """A .ppk text with one header's value replaced."""
    out, n = re.subn(rf"(?m)^{re.escape(header)}: .*$", f"{header}: {value}", text)
    assert n == 1, header
    return out

def flip_hex_char(text, header):
    """Flips the last hex digit of a .ppk header (e.g. Private-MAC)."""
    m = re.search(rf"(?m)^{re.escape(header)}: ([0-9a-f]+)$", text)
    s, e = m.span(1)
    last = text[e - 1]
    return text[:e - 1] + ("0" if last != "0" else "1") + text[e:]

# ------------------------------------------------------------------ the corpus files used

def texts(*names):
    return [corpus(name).decode() for name in names]

PKCS1, PKCS1_AES, RSA1024 = texts("rsa2048-pkcs1.pem", "rsa2048-pkcs1-aes-128-cbc.pem", "rsa1024-pkcs1.pem")
OPENSSH, OPENSSH_ENC, PUBLINE = texts("rsa2048-openssh.key", "rsa2048-openssh-aes256-ctr.key", "rsa2048-openssh.pub")
PPK2, PPK2_ENC = texts("rsa2048-ppk2.ppk", "rsa2048-ppk2-aes256-cbc.ppk")
PPK3, PPK3_ENC = texts("rsa2048-ppk3.ppk", "rsa2048-ppk3-argon2id.ppk")
PKCS8_PBKDF2, PKCS8_SCRYPT = texts("rsa2048-pkcs8-pbkdf2-sha256-aes-256-cbc.pem", "rsa2048-pkcs8-scrypt-aes-256-cbc.pem")

def lines_of(t):
    return t.rstrip("\n").split("\n")

# ------------------------------------------------------------------ mangled pastes (all repairable)
# Three keys: plain PKCS#1, OpenSSH (70 columns) and legacy-encrypted PKCS#1 (Proc-Type/DEK-Info headers
# and the blank line after them are the tricky part).
MANGLE_SOURCES = {"pkcs1": PKCS1, "openssh": OPENSSH, "pkcs1-aes": PKCS1_AES}
for tag, t in MANGLE_SOURCES.items():
    ls = lines_of(t)
    ext = "key" if tag == "openssh" else "pem"
    # CRLF line ends (Windows editors, Outlook).
    put(f"{tag}-crlf.{ext}", t.replace("\n", "\r\n"))
    # CR-only line ends (classic Mac OS, some copy buffers).
    put(f"{tag}-cr.{ext}", t.replace("\n", "\r"))
    # Every line break removed: the whole key on one line (an HTML <input> strips line breaks).
    put(f"{tag}-one-line.{ext}", "".join(ls))
    # Line breaks turned into spaces (a chat tool or a form that folds whitespace).
    put(f"{tag}-spaces.{ext}", " ".join(ls) + "\n")
    # JSON string: literal \n escapes, wrapped in double quotes.
    put(f"{tag}-json.{ext}", '"' + t.replace("\n", "\\n") + '"')
    # Every line indented by four spaces (pasted into YAML or Markdown; blank lines stay empty).
    put(f"{tag}-indented.{ext}", "".join(("    " + l if l else l) + "\n" for l in ls))
    # UTF-8 byte-order mark in front (Windows Notepad).
    put(f"{tag}-bom.{ext}", "\ufeff" + t)
    # Wrapped in single quotes (shell).
    put(f"{tag}-single-quotes.{ext}", "'" + t + "'")
    # Trailing blanks at the end of lines and blank lines after the key.
    put(f"{tag}-trailing-blanks.{ext}", "".join(l + "  \t\n" for l in ls) + "\n\n")
    # No newline after the END line.
    put(f"{tag}-no-final-newline.{ext}", t.rstrip("\n"))
    # Base64 re-wrapped at 76 columns (MIME width), headers kept.
    label, headers, data, _ = pem_split(t)
    put(f"{tag}-wrap76.{ext}", pem_join(label, headers, data, 76))
    # Combination: BOM, indentation, CRLF, no final newline.
    put(f"{tag}-bom-indent-crlf.{ext}", "\ufeff" + "\r\n".join("  " + l if l else l for l in ls))
    # Combination: JSON with \r\n escapes inside double quotes, indented like a pretty-printed value.
    put(f"{tag}-json-crlf.{ext}", '    "' + t.replace("\n", "\\r\\n") + '"\n')
    # Combination: spaces for line breaks, inside double quotes, CRLF after.
    put(f"{tag}-quoted-spaces.{ext}", '"' + " ".join(ls) + '"\r\n')
    # JSON as PHP's json_encode writes it: "/" escaped as "\/" as well as \n.
    put(f"{tag}-json-slashes.{ext}", '"' + t.replace("/", "\\/").replace("\n", "\\n") + '"')

# A .ppk v3 with CRLF line ends, and one with every line indented.
put("ppk3-crlf.ppk", PPK3.replace("\n", "\r\n"))
put("ppk3-indented.ppk", "".join("  " + l + "\n" for l in lines_of(PPK3)))
# An OpenSSH public key line with CRLF, and one indented.
put("openssh-pub-crlf.pub", PUBLINE.replace("\n", "\r\n"))
put("openssh-pub-indented.pub", "    " + PUBLINE)

# ------------------------------------------------------------------ truncations
ls = lines_of(PKCS1)
# Cut in the middle of the base64 (mid-line, not at a multiple of 4), END line gone.
mid = "\n".join(ls[:12]) + "\n" + ls[12][:37]
put("pkcs1-cut-mid-base64.pem", mid)
# Cut at the end of a base64 line (a whole number of quads), END line gone.
put("pkcs1-cut-at-line.pem", "\n".join(ls[:12]) + "\n")
# All the base64, but the END line missing.
put("pkcs1-no-end.pem", "\n".join(ls[:-1]) + "\n")
# Only the BEGIN line.
put("pkcs1-begin-only.pem", ls[0] + "\n")
# BEGIN and END lines with nothing between.
put("pkcs1-empty-body.pem", ls[0] + "\n" + ls[-1] + "\n")
# The second half of the base64 lines removed, END line kept: the DER ends early.
put("pkcs1-lines-missing.pem", "\n".join(ls[:12] + ls[-1:]) + "\n")
# OpenSSH key cut mid-base64, END line gone.
ols = lines_of(OPENSSH)
put("openssh-cut.key", "\n".join(ols[:10]) + "\n" + ols[10][:21])
# The encrypted PKCS#1 key with only its headers left.
als = lines_of(PKCS1_AES)
put("pkcs1-aes-headers-only.pem", "\n".join(als[:4]) + "\n")
# The first half of a .ppk v3 (cut inside the Private-Lines).
pls = lines_of(PPK3)
put("ppk3-half.ppk", "\n".join(pls[:len(pls) // 2]) + "\n")
# A .ppk v2 without its Private-MAC line.
put("ppk2-no-mac.ppk", "\n".join(lines_of(PPK2)[:-1]) + "\n")
# An OpenSSH public key line cut short: base64 cut at a multiple of 4, and mid-quad.
typ, b64 = PUBLINE.split()[:2]
put("openssh-pub-cut.pub", f"{typ} {b64[:200]}\n")
put("openssh-pub-cut-midquad.pub", f"{typ} {b64[:201]}\n")

# ------------------------------------------------------------------ header forms JSch refuses
# (each checked with tests/tools/jsch-check.sh: JSch fails on all four, so keyfit must not call them Jira-ready)
# The DEK-Info cipher in lower case.
put("pkcs1-aes-dek-lowercase.pem", PKCS1_AES.replace("DEK-Info: AES-128-CBC,", "DEK-Info: aes-128-cbc,"))
# Extra blanks inside the DEK-Info value.
put("pkcs1-aes-dek-spaces.pem", PKCS1_AES.replace("DEK-Info: AES-128-CBC,", "DEK-Info:  AES-128-CBC ,"))
# The blank line between the headers and the base64 removed.
put("pkcs1-aes-no-blank-after-headers.pem", re.sub(r"(DEK-Info: [^\n]*\n)\n", r"\1", PKCS1_AES))
# SECSH-style four-dash delimiters around a PEM label (OpenSSL refuses them too).
put("pkcs1-four-dashes.pem", PKCS1.replace("-----BEGIN RSA PRIVATE KEY-----", "---- BEGIN RSA PRIVATE KEY ----")
    .replace("-----END RSA PRIVATE KEY-----", "---- END RSA PRIVATE KEY ----"))

# ------------------------------------------------------------------ wrong headers
# BEGIN RSA PRIVATE KEY ... END PRIVATE KEY.
put("pkcs1-label-mismatch.pem", PKCS1.replace("-----END RSA PRIVATE KEY-----", "-----END PRIVATE KEY-----"))
# A made-up label around a real RSA body.
put("foo-key.pem", PKCS1.replace("RSA PRIVATE KEY", "FOO KEY"))
# DEK-Info naming a cipher nobody implements (OpenSSL's Blowfish, and a made-up one).
put("pkcs1-dek-bf-cbc.pem", PKCS1_AES.replace("DEK-Info: AES-128-CBC,", "DEK-Info: BF-CBC,"))
put("pkcs1-dek-made-up.pem", PKCS1_AES.replace("DEK-Info: AES-128-CBC,", "DEK-Info: ROT13-CBC,"))
# DEK-Info with the IV's hex damaged.
put("pkcs1-dek-bad-iv.pem", re.sub(r"(DEK-Info: AES-128-CBC,)..", r"\1ZZ", PKCS1_AES))
# A non-base64 character in the body.
put("pkcs1-bad-char.pem", PKCS1.replace(ls[5], ls[5][:10] + "*" + ls[5][11:]))

# ------------------------------------------------------------------ not keys
# Empty (the corpus key cut to nothing), whitespace only.
put("empty.txt", b"")
put("whitespace.txt", " \t\n\r\n   \n")
# Random binary bytes (not starting with an ASN.1 SEQUENCE tag, not UTF-8).
rnd = bytearray(stream(corpus("rsa2048-pkcs1.pem"), 1024))
rnd[0] = 0xC3
rnd[1] = 0x28
put("random.bin", bytes(rnd))
# Random bytes behind a JPEG/JFIF header.
put("jpeg-like.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + stream(corpus("rsa2048-openssh.key"), 2048))
# Random bytes behind an ASN.1 SEQUENCE tag: DER-shaped noise.
put("random-der.der", b"\x30\x82\x04\x00" + stream(corpus("rsa2048-pkcs8.der"), 1024))
# Plain prose that mentions keys (with the public key's comment and type words, but no key).
put("prose.txt", "Hi team,\n\nhere is the key for Jira as you asked. It is an ssh-rsa key, 2048 bits,\n"
                 "and the passphrase is the usual one. Let me know if the BEGIN line is missing.\n\nThanks!\n")

# ------------------------------------------------------------------ hostile KDF parameters
def openssh_with_rounds(text, rounds):
    label, headers, blob, width = pem_split(text)
    cipher, kdf, opts, nkeys, pub, priv = openssh_fields(blob)
    salt = Wire(opts).string()
    opts = ssh_string(salt) + struct.pack(">I", rounds)
    return pem_join(label, headers, openssh_blob(cipher, kdf, opts, nkeys, pub, priv), width)
# bcrypt rounds 0xFFFFFFFF (ssh-keygen hangs on it), 100000 (about 12 minutes), and 0.
put("openssh-bcrypt-rounds-max.key", openssh_with_rounds(OPENSSH_ENC, 0xFFFFFFFF))
put("openssh-bcrypt-rounds-100000.key", openssh_with_rounds(OPENSSH_ENC, 100000))
put("openssh-bcrypt-rounds-0.key", openssh_with_rounds(OPENSSH_ENC, 0))
# PPK v3 Argon2 parameters edited (the MAC then cannot match: the caps must be checked before it).
put("ppk3-argon2-memory-4g.ppk", ppk_set(PPK3_ENC, "Argon2-Memory", "4194304"))
put("ppk3-argon2-passes-max.ppk", ppk_set(PPK3_ENC, "Argon2-Passes", "4294967295"))
put("ppk3-argon2-parallelism-max.ppk", ppk_set(PPK3_ENC, "Argon2-Parallelism", "4294967295"))
put("ppk3-argon2-memory-0.ppk", ppk_set(PPK3_ENC, "Argon2-Memory", "0"))

def pkcs8_edit(text, path, value):
    """An encrypted PKCS#8 PEM with the INTEGER at `path` (indices into the DER tree) set to value."""
    label, headers, der, width = pem_split(text)
    tree = der_tree(der)
    node = tree
    for i in path[:-1]:
        node = node[1][i]
    assert node[1][path[-1]][0] == 0x02
    node[1][path[-1]] = der_int(value)
    return pem_join(label, headers, der_encode(tree), width)
# EncryptedPrivateKeyInfo / AlgorithmIdentifier / PBES2-params / keyDerivationFunc / PBKDF2-params / iterationCount
put("pkcs8-pbkdf2-iterations-2p31.pem", pkcs8_edit(PKCS8_PBKDF2, [0, 1, 0, 1, 1], 1 << 31))
# ... / scrypt-params / costParameter N = 2^30 (1 TiB of memory at r = 8).
put("pkcs8-scrypt-n-2p30.pem", pkcs8_edit(PKCS8_SCRYPT, [0, 1, 0, 1, 1], 1 << 30))

# ------------------------------------------------------------------ KDF costs the first caps missed (issue 11)
def der_path(tree, path):
    node = tree
    for i in path:
        node = node[1][i]
    return node

def pkcs8_params(text, path, ints=None, salt=None):
    """An encrypted PKCS#8 PEM with the KDF parameters at `path` edited: ints {index: value}, salt bytes at 0."""
    label, headers, der, width = pem_split(text)
    tree = der_tree(der)
    params = der_path(tree, path)
    for i, v in (ints or {}).items():
        assert params[1][i][0] == 0x02
        params[1][i] = der_int(v)
    if salt is not None:
        assert params[1][0][0] == 0x04
        params[1][0] = (0x04, salt)
    return pem_join(label, headers, der_encode(tree), width)

SCRYPT_PARAMS = [0, 1, 0, 1]  # EncryptedPrivateKeyInfo / AlgorithmIdentifier / PBES2-params / KDF / scrypt-params
PBKDF2_PARAMS = [0, 1, 0, 1]  # ... / PBKDF2-params: salt, iterationCount, [keyLength], [prf]
# scrypt N = 2, r = 65535, p = 32: inside the first caps (N*r*p < 2^22, 128*r*N = 16 MiB), but scrypt's first
# PBKDF2 step expands the passphrase to p*128*r = 256 MiB (24 s and 332 MB in wasm).
put("pkcs8-scrypt-expansion-256m.pem", pkcs8_params(PKCS8_SCRYPT, SCRYPT_PARAMS, {1: 2, 2: 65535, 3: 32}))
# The same shape with a 64 KiB salt, which PBKDF2 hashes again for every 32-byte output block (hours).
put("pkcs8-scrypt-expansion-salt-64k.pem",
    pkcs8_params(PKCS8_SCRYPT, SCRYPT_PARAMS, {1: 2, 2: 65535, 3: 32}, salt=stream(b"salt", 65_536)))
# OpenSSL's own scrypt shape (N = 2^14, r = 8, p = 1) with a 64 KiB salt.
put("pkcs8-scrypt-salt-64k.pem", pkcs8_params(PKCS8_SCRYPT, SCRYPT_PARAMS, {1: 1 << 14, 2: 8, 3: 1}, salt=stream(b"salt", 65_536)))
# The first caps' costliest shape: N = 2^20, r = 2, p = 2 (9-10 s in wasm).
put("pkcs8-scrypt-n2p20-r2-p2.pem", pkcs8_params(PKCS8_SCRYPT, SCRYPT_PARAMS, {1: 1 << 20, 2: 2, 3: 2}))
# PBKDF2 with a 64 KiB salt, at OpenSSL's 2048 iterations.
put("pkcs8-pbkdf2-salt-64k.pem", pkcs8_params(PKCS8_PBKDF2, PBKDF2_PARAMS, salt=stream(b"salt", 65_536)))
# bcrypt-pbkdf with a 64 KiB salt at 16 rounds.
def openssh_with_kdf(text, rounds, salt):
    label, headers, blob, width = pem_split(text)
    cipher, kdf, opts, nkeys, pub, priv = openssh_fields(blob)
    opts = ssh_string(salt) + struct.pack(">I", rounds)
    return pem_join(label, headers, openssh_blob(cipher, kdf, opts, nkeys, pub, priv), width)
put("openssh-bcrypt-salt-64k.key", openssh_with_kdf(OPENSSH_ENC, 16, stream(b"salt", 65_536)))
# Argon2 with a 64 KiB salt (128 KiB of hex) at PuTTY's parameters.
put("ppk3-argon2-salt-64k.ppk", ppk_set(PPK3_ENC, "Argon2-Salt", stream(b"salt", 65_536).hex()))

# ------------------------------------------------------------------ the costliest files inside the caps
# Each KDF at the caps of src/limits.rs, with a salt of MAX_KDF_SALT_BYTES (1024): keyfit must run the whole
# derivation (then report a wrong passphrase: the edited parameters derive another key). The bench group
# "hostile inputs" times them; tests/bad_inputs.rs checks they are not refused.
CAP_SALT = stream(b"cap salt", 1024)
# PBKDF2-HMAC-SHA512 (the slowest PRF per iteration), 1 000 000 iterations.
put("at-cap-pkcs8-pbkdf2.pem", pkcs8_params(corpus("rsa2048-pkcs8-pbkdf2-sha512-aes-256-cbc.pem").decode(),
                                            PBKDF2_PARAMS, {1: 1_000_000}, salt=CAP_SALT))
# scrypt with p × 128 × r = 1 MiB and N × r × p = 2^20 (N = 128, r = 8, p = 1024).
put("at-cap-pkcs8-scrypt.pem", pkcs8_params(PKCS8_SCRYPT, SCRYPT_PARAMS, {1: 128, 2: 8, 3: 1024}, salt=CAP_SALT))
# scrypt with the largest N and memory: N = 2^19, r = 2, p = 1 (128 MiB, N × r × p = 2^20).
put("at-cap-pkcs8-scrypt-logn.pem", pkcs8_params(PKCS8_SCRYPT, SCRYPT_PARAMS, {1: 1 << 19, 2: 2, 3: 1}, salt=CAP_SALT))
# bcrypt-pbkdf, 128 rounds.
put("at-cap-openssh-bcrypt.key", openssh_with_kdf(OPENSSH_ENC, 128, CAP_SALT))
# Argon2id, 256 MiB x 2 passes (memory x passes at its cap).
put("at-cap-ppk3-argon2.ppk", ppk_set(ppk_set(ppk_set(PPK3_ENC, "Argon2-Memory", "262144"), "Argon2-Passes", "2"),
                                      "Argon2-Salt", CAP_SALT.hex()))

# ------------------------------------------------------------------ inconsistent RSA components
_, _, der, _ = pem_split(PKCS1)
v, n, e, d, p, q, dp, dq, qi = rsa_parts(der)
other_p = rsa_parts(pem_split(RSA1024)[2])[4]
def pkcs1_with(parts, name):
    put(name, pem_join("RSA PRIVATE KEY", [], rsa_der(parts), 64))
# q replaced by a prime of another key (rsa1024-pkcs1.pem's p): n != p*q.
pkcs1_with([v, n, e, d, p, other_p, dp, dq, qi], "rsa-wrong-q.pem")
# d + 2, with dp, dq left as they were.
pkcs1_with([v, n, e, d + 2, p, q, dp, dq, qi], "rsa-d-altered.pem")
# d + 2 with dp, dq recomputed from it: only the check e*d = 1 mod (p-1)(q-1) catches it.
d2 = d + 2
pkcs1_with([v, n, e, d2, p, q, d2 % (p - 1), d2 % (q - 1), qi], "rsa-d-altered-crt-consistent.pem")
# dp + 1.
pkcs1_with([v, n, e, d, p, q, dp + 1, dq, qi], "rsa-dp-altered.pem")
# qinv + 1.
pkcs1_with([v, n, e, d, p, q, dp, dq, qi + 1], "rsa-qinv-altered.pem")
# e = 65536 (even).
pkcs1_with([v, n, 65536, d, p, q, dp, dq, qi], "rsa-e-even.pem")
# A 20000-bit modulus claimed in an RSA PUBLIC KEY and in an ssh-rsa line (the corpus modulus repeated,
# top and bottom bits set).
big = bytearray((n.to_bytes(256, "big") * 10)[:2500])
big[0] |= 0x80
big[-1] |= 0x01
bign = int.from_bytes(big, "big")
put("rsa-public-20000-bits.pem", pem_join("RSA PUBLIC KEY", [], der_encode((0x30, [der_int(bign), der_int(65537)])), 64))
blob = ssh_string(b"ssh-rsa") + ssh_string(b"\x01\x00\x01") + ssh_string(b"\x00" + bytes(big))
put("openssh-pub-20000-bits.pub", "ssh-rsa " + base64.b64encode(blob).decode() + " big\n")

# ------------------------------------------------------------------ keys whose parts do not fit (issue 11)
def mpint_bytes(n):
    b = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" + b if b and b[0] & 0x80 else b

def ssh_mpint(n):
    return ssh_string(mpint_bytes(n))

def openssh_plain_fields(text):
    """(cipher, kdf, opts, nkeys, public blob, [private fields as bytes], comment) of an unencrypted OpenSSH key."""
    label, headers, blob, width = pem_split(text)
    cipher, kdf, opts, nkeys, pub, priv = openssh_fields(blob)
    w = Wire(priv)
    check1, check2 = w.u32(), w.u32()
    assert check1 == check2
    return w, (cipher, kdf, opts, nkeys, pub, check1, width)

def openssh_plain_join(head, pub, fields, comment):
    cipher, kdf, opts, nkeys, _, check, width = head
    priv = struct.pack(">II", check, check) + b"".join(fields) + ssh_string(comment)
    i = 1
    while len(priv) % 8:
        priv += bytes([i])
        i += 1
    return pem_join("OPENSSH PRIVATE KEY", [], openssh_blob(cipher, kdf, opts, nkeys, pub, priv), width)

# ECDSA P-256 with the private scalar plus one: the public point no longer belongs to it.
w, head = openssh_plain_fields(corpus("ecdsa256-openssh.key").decode())
typ, curve, point = w.string(), w.string(), w.string()
scalar = int.from_bytes(w.string(), "big")
comment = w.string()
put("ecdsa256-openssh-scalar-mismatch.key", openssh_plain_join(head, head[4],
    [ssh_string(typ), ssh_string(curve), ssh_string(point), ssh_mpint(scalar + 1)], comment))
# DSA with p + 1 (even) and y recomputed as g^x mod (p + 1): the public value matches, the group is not one.
w, head = openssh_plain_fields(corpus("dsa-openssh.key").decode())
typ = w.string()
dp_, dq_, dg_, dy_, dx_ = (int.from_bytes(w.string(), "big") for _ in range(5))
comment = w.string()
p2 = dp_ + 1
y2 = pow(dg_, dx_, p2)
pub2 = ssh_string(typ) + ssh_mpint(p2) + ssh_mpint(dq_) + ssh_mpint(dg_) + ssh_mpint(y2)
put("dsa-openssh-p-even.key", openssh_plain_join(head, pub2,
    [ssh_string(typ), ssh_mpint(p2), ssh_mpint(dq_), ssh_mpint(dg_), ssh_mpint(y2), ssh_mpint(dx_)], comment))

def composite_rsa(bits, seed):
    """PKCS#1 parts of an RSA "key" whose p and q are odd composites of bits/2 bits: every relation between the
    numbers holds (n = p q, e d = 1 mod lcm(p-1, q-1), the CRT values), only primality does not."""
    e = 65537
    half = bits // 2
    k = 0
    from math import gcd
    def odd(tag, m):
        nonlocal k
        while True:
            k += 1
            v = int.from_bytes(stream(seed + tag + str(k).encode(), half // 8), "big") | (3 << (half - 2)) | 1
            # An odd multiple of m (so surely composite) whose v - 1 is prime to e.
            v -= v % (2 * m)
            v += m
            if v.bit_length() == half and (v - 1) % e != 0:
                return v
    p = odd(b"p", 5)
    q = odd(b"q", 7)
    assert gcd(p, q) == 1
    lam = (p - 1) * (q - 1) // gcd(p - 1, q - 1)
    d = pow(e, -1, lam)
    return [0, p * q, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)]
# An 8192-bit key with composite p and q (4096 bits each, past keyfit's prime engine: tested with modpow).
pkcs1_with(composite_rsa(8192, b"composite 8192"), "rsa-8192-composite-pq.pem")
# A 16384-bit private key (its p and q are composite too): past the private-key cap, refused before any test.
pkcs1_with(composite_rsa(16384, b"composite 16384"), "rsa-16384-private.pem")
# d + lcm(p-1, q-1) * 2^4096: the same exponent modulo p - 1 and q - 1 (the CRT values still match), but far
# past the modulus.
from math import gcd
lam = (p - 1) * (q - 1) // gcd(p - 1, q - 1)
pkcs1_with([v, n, e, d + lam * (1 << 4096), p, q, dp, dq, qi], "rsa-d-past-modulus.pem")

# ------------------------------------------------------------------ tampered MACs and check numbers
# Last hex digit of Private-MAC changed, in an unencrypted ppk2 and ppk3, and in encrypted ones.
put("ppk2-mac-flipped.ppk", flip_hex_char(PPK2, "Private-MAC"))
put("ppk3-mac-flipped.ppk", flip_hex_char(PPK3, "Private-MAC"))
put("ppk2-aes-mac-flipped.ppk", flip_hex_char(PPK2_ENC, "Private-MAC"))
put("ppk3-argon2-mac-flipped.ppk", flip_hex_char(PPK3_ENC, "Private-MAC"))
# The comment of a plain ppk changed (it is covered by the MAC), and of an encrypted one.
put("ppk3-comment-changed.ppk", PPK3.replace("Comment: keyfit-test", "Comment: keyfit-tost"))
put("ppk2-aes-comment-changed.ppk", PPK2_ENC.replace("Comment: keyfit-test", "Comment: keyfit-tost"))
def openssh_private_bit_flipped(text, at):
    """An OpenSSH key with the low bit of byte `at` of its private section (encrypted or not) flipped."""
    label, headers, blob, width = pem_split(text)
    f = list(openssh_fields(blob))
    priv = bytearray(f[5])
    priv[at] ^= 0x01
    f[5] = bytes(priv)
    return pem_join(label, headers, openssh_blob(*f), width)

# The second check number of an unencrypted OpenSSH key flipped (they must be equal).
put("openssh-checkint-flipped.key", openssh_private_bit_flipped(OPENSSH, 7))
# The first byte of an aes256-ctr OpenSSH key's encrypted section flipped: in CTR mode this flips the first
# check number only, which is what a wrong passphrase looks like.
put("openssh-aes-checkint-flipped.key", openssh_private_bit_flipped(OPENSSH_ENC, 0))

print(f"make.sh: wrote {len(written)} files to {OUT}", file=sys.stderr)
PY
