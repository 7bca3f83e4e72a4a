#!/bin/bash
# Regenerates the test corpus in tests/corpus/keys/ and its description
# tests/corpus/expected.tsv, using only the real tools:
#   ssh-keygen (OpenSSH 9.2), puttygen (PuTTY 0.78), openssl 3, classic JSch 0.1.54.
# Needs: apt-get install -y putty-tools libjsch-java openssh-client openssl default-jdk-headless
#
# Every encrypted file uses the passphrase in tests/corpus/PASSPHRASE ("correct horse",
# written without a trailing newline).
#
# expected.tsv columns (tab separated, one header line, rows sorted by file name):
#   file format kind algorithm bits encrypted cipher fingerprint_sha256 jira_ready jsch
# format/kind/algorithm/encrypted/cipher are what this script asked the tools to write, and are
# checked against the files (cipher read back from the file, algorithm and bits from the tool).
# fingerprint_sha256 and bits come from ssh-keygen -l / puttygen -l on the file itself (after
# decrypting it with the passphrase where the format hides the public key); jsch is the
# observed result of tests/tools/jsch-check.sh.
#
# Key material is random on every run, so a rerun changes every file and fingerprint:
# commit keys/ and expected.tsv together.
set -eu
shopt -s inherit_errexit   # let failures inside $(...) stop the script too
umask 077   # ssh-keygen refuses private keys that are readable by others

CORPUS=$(cd "$(dirname "$0")" && pwd)
OUT=$CORPUS/keys
TSV=$CORPUS/expected.tsv
JSCH=$CORPUS/../tools/jsch-check.sh
PASS='correct horse'
PASSFILE=$CORPUS/PASSPHRASE
COMMENT=keyfit-test

printf '%s' "$PASS" > "$PASSFILE"
chmod 644 "$PASSFILE"
rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyfit-corpus.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROWS=$WORK/rows.tsv
: > "$ROWS"

die() { echo "make.sh: $*" >&2; exit 1; }
note() { echo "make.sh: note: $*" >&2; }

# ---------------------------------------------------------------- tool wrappers

# puttygen spins forever on some malformed input and prompts on a tty: always bound it
# and give it no stdin. Passphrases only ever go through files.
putty() { timeout 30 puttygen "$@" </dev/null; }

# DES-CBC (and other single-DES/legacy ciphers) live in OpenSSL 3's legacy provider.
ossl_legacy() { openssl "$1" -provider legacy -provider default "${@:2}"; }

# crlf SRC DST (both in keys/): DST = SRC with CRLF line endings
crlf() { sed 's/$/\r/' "$OUT/$1" > "$OUT/$2"; }

# ---------------------------------------------------------------- fingerprints

# "ssh-keygen -l" output "2048 SHA256:xxx comment (RSA)" -> "bits<TAB>SHA256:xxx<TAB>RSA"
parse_sshkg_l() { awk '{ t=$NF; gsub(/[()]/, "", t); print $1 "\t" $2 "\t" t }'; }

# Public key (OpenSSH line) of a private key file, via ssh-keygen -y with the passphrase.
# Falls back to decrypting with openssl (DES-CBC, DER) and feeding ssh-keygen the result.
pub_of_private() {
    local f=$1 tmp=$WORK/fallback.pem
    if ssh-keygen -y -P "$PASS" -f "$f" 2>"$WORK/err"; then return 0; fi
    local inform=PEM
    case $f in *.der) inform=DER ;; esac
    note "ssh-keygen cannot read $(basename "$f") ($(tr '\n' ' ' < "$WORK/err")); decrypting with openssl pkey first"
    ossl_legacy pkey -inform "$inform" -in "$f" -passin "pass:$PASS" -out "$tmp"
    ssh-keygen -y -f "$tmp"
    rm -f "$tmp"
}

# Prints "bits<TAB>fingerprint<TAB>TYPE" for a file of the given format, TYPE as ssh-keygen
# names it (RSA, ED25519, ECDSA, DSA).
fingerprint() {
    local f=$1 format=$2
    case $format in
    pkcs1|pkcs8|openssh)
        pub_of_private "$f" | ssh-keygen -l -f - | parse_sshkg_l ;;
    ppk2|ppk3|sshcom)
        # puttygen -l reads only the public half of a .ppk; to prove the file also decrypts,
        # export it through puttygen and fingerprint that with ssh-keygen: both must agree.
        local line pt bits fp tmp=$WORK/putty-export
        line=$(putty "$f" -l --old-passphrase "$PASSFILE")
        read -r pt bits fp <<<"$line"
        rm -f "$tmp"
        putty "$f" --old-passphrase "$PASSFILE" -O private-openssh-new -o "$tmp"
        local other
        # (the export keeps the old passphrase unless --new-passphrase is given)
        other=$(ssh-keygen -y -P "$PASS" -f "$tmp" | ssh-keygen -l -f - | parse_sshkg_l)
        rm -f "$tmp"
        [ "$(cut -f2 <<<"$other")" = "$fp" ] || die "$f: puttygen -l says $fp, ssh-keygen on its export says $other"
        # bits: ssh-keygen's figure (puttygen -l says 255 for Ed25519, ssh-keygen 256)
        [ "$(cut -f1 <<<"$other")" = "$bits" ] || note "$(basename "$f"): puttygen -l says $bits bits, ssh-keygen $(cut -f1 <<<"$other")"
        printf '%s\n' "$other" ;;
    openssh-public)
        ssh-keygen -l -f "$f" | parse_sshkg_l ;;
    rfc4716-public)
        ssh-keygen -i -m RFC4716 -f "$f" | ssh-keygen -l -f - | parse_sshkg_l ;;
    pkcs1-public)
        ssh-keygen -i -m PEM -f "$f" | ssh-keygen -l -f - | parse_sshkg_l ;;
    spki-public)
        ssh-keygen -i -m PKCS8 -f "$f" | ssh-keygen -l -f - | parse_sshkg_l ;;
    *)
        printf -- '-\t-\t-\n' ;;
    esac
}

# ---------------------------------------------------------------- cipher read-back

# hex of the first bytes of the base64 body of an armoured file (PEM or RFC 4716 style)
body_hex() {
    grep -v -e '^-----' -e '^---- ' -e '^[A-Za-z-]*: ' "$1" | tr -d '\r\n' | base64 -d 2>/dev/null \
        | head -c 200 | od -An -v -tx1 | tr -d ' \n'
}
# read an SSH wire "string" at hex offset $2 of hex $1: prints "<string> <next offset>"
wire_string() {
    local hex=$1 at=$2 len
    len=$((16#${hex:at:8}))
    printf '%s %d\n' "$(xxd -r -p <<<"${hex:at+8:len*2}")" $((at + 8 + len * 2))
}

# The cipher as written in the file, lower case, "-" when unencrypted.
cipher_in_file() {
    local f=$1 format=$2 hex s at
    case $format in
    pkcs1)
        s=$(sed -n 's/^DEK-Info: *\([^,]*\),.*/\1/p' "$f" | tr 'A-Z' 'a-z')
        echo "${s:--}" ;;
    pkcs8)
        if grep -q 'BEGIN ENCRYPTED PRIVATE KEY' "$f"; then
            # the PBES2 encryption scheme is the last cipher OID in the structure
            openssl asn1parse -in "$f" | grep -o 'OBJECT *:[a-z0-9-]*' | sed 's/.*://' \
                | grep -E '^(aes|des|camellia|aria)' | tail -1
        else
            echo -
        fi ;;
    openssh)
        hex=$(body_hex "$f")
        [ "${hex:0:30}" = "$(printf 'openssh-key-v1\0' | od -An -tx1 | tr -d ' \n')" ] || die "$f: no openssh-key-v1 magic"
        read -r s at <<<"$(wire_string "$hex" 30)"
        [ "$s" = none ] && s=-
        echo "$s" ;;
    ppk2|ppk3)
        s=$(sed -n 's/^Encryption: *//p' "$f" | tr -d '\r')
        [ "$s" = none ] && s=-
        echo "$s" ;;
    sshcom)
        hex=$(body_hex "$f")
        [ "${hex:0:8}" = 3f6ff9eb ] || die "$f: no ssh.com magic"
        read -r s at <<<"$(wire_string "$hex" 16)"   # key type string
        read -r s at <<<"$(wire_string "$hex" "$at")" # cipher string
        [ "$s" = none ] && s=-
        echo "$s" ;;
    *)
        echo - ;;
    esac
}

# ---------------------------------------------------------------- recording rows

# alg name used in expected.tsv from ssh-keygen's type and bits
alg_name() {
    case $1 in
    RSA) echo rsa ;;
    ED25519) echo ed25519 ;;
    DSA) echo dsa ;;
    ECDSA) echo "ecdsa-p$2" ;;
    -) echo - ;;
    *) die "unknown ssh-keygen key type $1" ;;
    esac
}

declare -A FAMILY_FP

# record FILE FORMAT KIND ALGORITHM ENCRYPTED CIPHER
#   FILE is relative to keys/. The first file of a key family (file name prefix before the
#   first "-") sets that family's fingerprint; every other file of the family must match it.
record() {
    local file=$1 format=$2 kind=$3 alg=$4 enc=$5 cipher=$6 f=$OUT/$1
    [ -s "$f" ] || die "$file was not written"
    local got
    got=$(cipher_in_file "$f" "$format")
    [ "$got" = "$cipher" ] || die "$file: expected cipher $cipher, file says $got"
    if [ "$cipher" = - ]; then [ "$enc" = false ]; else [ "$enc" = true ]; fi || die "$file: encrypted/cipher mismatch"

    local bits fp type fpl
    fpl=$(fingerprint "$f" "$format")
    IFS=$'\t' read -r bits fp type <<<"$fpl"
    [ "$(alg_name "$type" "$bits")" = "$alg" ] || die "$file: tool says $type $bits, expected $alg"
    case $fp in SHA256:*|-) ;; *) die "$file: bad fingerprint '$fp'" ;; esac

    local family=${file%%-*}
    if [ "$fp" != - ]; then
        if [ -z "${FAMILY_FP[$family]:-}" ]; then
            FAMILY_FP[$family]=$fp
        elif [ "${FAMILY_FP[$family]}" != "$fp" ]; then
            die "$file: fingerprint $fp differs from the rest of family $family (${FAMILY_FP[$family]})"
        fi
    fi

    # Jira wants an RSA private key in PKCS#1 PEM ("RSA PRIVATE KEY"), plain or encrypted with
    # DES-EDE3-CBC / AES-128-CBC / AES-192-CBC / AES-256-CBC (what JSch 0.1.54 decrypts), of at least 2048 bits.
    local jira=false
    if [ "$format" = pkcs1 ] && [ "$kind" = private ] && [ "$alg" = rsa ] && [ "$bits" -ge 2048 ] \
        && grep -q -- '-----BEGIN RSA PRIVATE KEY-----' "$f"; then
        case $cipher in -|des-ede3-cbc|aes-128-cbc|aes-192-cbc|aes-256-cbc) jira=true ;; esac
    fi

    local jsch=fail jout
    if jout=$("$JSCH" "$f" "$PASS" 2>&1); then jsch=ok; fi
    echo "  $file: $format $kind $alg $bits $cipher $fp jira=$jira jsch: $jout" >&2

    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$file" "$format" "$kind" "$alg" "$bits" "$enc" "$cipher" "$fp" "$jira" "$jsch" >> "$ROWS"
}

# ---------------------------------------------------------------- generators, one per tool family

# OpenSSL: PKCS#1 (traditional) PEM, legacy-encrypted PEM, PKCS#8 plain/DER/encrypted.
# $1 = family prefix, $2 = base PKCS#1 file already in $OUT.
openssl_family() {
    local p=$1 base=$OUT/$2
    local c
    # -traditional = PKCS#1 "RSA PRIVATE KEY" with Proc-Type/DEK-Info headers
    for c in des3:des-ede3-cbc aes128:aes-128-cbc aes192:aes-192-cbc aes256:aes-256-cbc; do
        openssl rsa -in "$base" -traditional "-${c%%:*}" -passout "pass:$PASS" -out "$OUT/$p-pkcs1-${c#*:}.pem" 2>/dev/null
        record "$p-pkcs1-${c#*:}.pem" pkcs1 private rsa true "${c#*:}"
    done
    # Without the legacy provider, "-des -traditional" silently writes an UNENCRYPTED key.
    ossl_legacy rsa -in "$base" -traditional -des -passout "pass:$PASS" -out "$OUT/$p-pkcs1-des-cbc.pem" 2>/dev/null
    record "$p-pkcs1-des-cbc.pem" pkcs1 private rsa true des-cbc

    openssl pkcs8 -topk8 -nocrypt -in "$base" -out "$OUT/$p-pkcs8.pem"
    record "$p-pkcs8.pem" pkcs8 private rsa false -
    openssl pkcs8 -topk8 -nocrypt -in "$base" -outform DER -out "$OUT/$p-pkcs8.der"
    record "$p-pkcs8.der" pkcs8 private rsa false -

    # -topk8 without options: PBES2, PBKDF2 with hmacWithSHA256, AES-256-CBC
    openssl pkcs8 -topk8 -in "$base" -passout "pass:$PASS" -out "$OUT/$p-pkcs8-pbkdf2-sha256-aes-256-cbc.pem"
    record "$p-pkcs8-pbkdf2-sha256-aes-256-cbc.pem" pkcs8 private rsa true aes-256-cbc
    openssl pkcs8 -topk8 -v2prf hmacWithSHA1 -in "$base" -passout "pass:$PASS" -out "$OUT/$p-pkcs8-pbkdf2-sha1-aes-256-cbc.pem"
    record "$p-pkcs8-pbkdf2-sha1-aes-256-cbc.pem" pkcs8 private rsa true aes-256-cbc
    openssl pkcs8 -topk8 -v2prf hmacWithSHA512 -in "$base" -passout "pass:$PASS" -out "$OUT/$p-pkcs8-pbkdf2-sha512-aes-256-cbc.pem"
    record "$p-pkcs8-pbkdf2-sha512-aes-256-cbc.pem" pkcs8 private rsa true aes-256-cbc
    openssl pkcs8 -topk8 -v2 des3 -in "$base" -passout "pass:$PASS" -out "$OUT/$p-pkcs8-pbkdf2-sha256-des-ede3-cbc.pem"
    record "$p-pkcs8-pbkdf2-sha256-des-ede3-cbc.pem" pkcs8 private rsa true des-ede3-cbc
    openssl pkcs8 -topk8 -v2 aes128 -in "$base" -passout "pass:$PASS" -out "$OUT/$p-pkcs8-pbkdf2-sha256-aes-128-cbc.pem"
    record "$p-pkcs8-pbkdf2-sha256-aes-128-cbc.pem" pkcs8 private rsa true aes-128-cbc
    # -scrypt: PBES2 with scrypt (N=16384, r=8, p=1 by default) and AES-256-CBC
    openssl pkcs8 -topk8 -scrypt -in "$base" -passout "pass:$PASS" -out "$OUT/$p-pkcs8-scrypt-aes-256-cbc.pem"
    record "$p-pkcs8-scrypt-aes-256-cbc.pem" pkcs8 private rsa true aes-256-cbc

    # a self-signed certificate over the same key (not a private key file at all)
    openssl req -x509 -new -key "$base" -subj "/CN=$COMMENT" -days 3650 -sha256 -out "$OUT/$p-x509-cert.pem" 2>/dev/null
    record "$p-x509-cert.pem" x509-certificate none - false -
}

# ssh-keygen: rewrites a copy of the base key. "-p" (change passphrase) rewrites the file in
# the format given by -m, or in the OpenSSH new format when -m is absent; "-Z" picks the
# new-format cipher. $1 = family prefix, $2 = base private key file in $OUT.
sshkeygen_family() {
    local p=$1 base=$OUT/$2 out c name
    rewrite() { # rewrite OUTFILE NEWPASS [ssh-keygen options...]
        out=$OUT/$1
        cp "$base" "$out"
        ssh-keygen -q -p -P '' -N "$2" "${@:3}" -f "$out" >/dev/null
    }

    rewrite "$p-pkcs1-sshkeygen.pem" '' -m PEM
    record "$p-pkcs1-sshkeygen.pem" pkcs1 private rsa false -
    rewrite "$p-pkcs1-sshkeygen-aes-128-cbc.pem" "$PASS" -m PEM
    record "$p-pkcs1-sshkeygen-aes-128-cbc.pem" pkcs1 private rsa true aes-128-cbc
    rewrite "$p-pkcs8-sshkeygen.pem" '' -m PKCS8
    record "$p-pkcs8-sshkeygen.pem" pkcs8 private rsa false -
    # PBES2 / PBKDF2-SHA256 / 2048 iterations / AES-128-CBC
    rewrite "$p-pkcs8-sshkeygen-aes-128-cbc.pem" "$PASS" -m PKCS8
    record "$p-pkcs8-sshkeygen-aes-128-cbc.pem" pkcs8 private rsa true aes-128-cbc

    rewrite "$p-openssh.key" ''
    record "$p-openssh.key" openssh private rsa false -
    # default new-format encryption: aes256-ctr, bcrypt KDF with 16 rounds
    rewrite "$p-openssh-aes256-ctr.key" "$PASS"
    record "$p-openssh-aes256-ctr.key" openssh private rsa true aes256-ctr
    for c in aes128-ctr aes192-ctr aes128-cbc aes256-cbc aes128-gcm@openssh.com aes256-gcm@openssh.com \
        chacha20-poly1305@openssh.com; do
        name=$p-openssh-${c%@*}.key
        rewrite "$name" "$PASS" -Z "$c"
        record "$name" openssh private rsa true "$c"
    done

    # public key exports
    ssh-keygen -y -f "$base" > "$OUT/$p-openssh.pub"
    record "$p-openssh.pub" openssh-public public rsa false -
    ssh-keygen -e -m RFC4716 -f "$OUT/$p-openssh.pub" > "$OUT/$p-rfc4716.pub"
    record "$p-rfc4716.pub" rfc4716-public public rsa false -
    # "-e -m PEM" writes a PKCS#1 "RSA PUBLIC KEY", "-e -m PKCS8" an X.509 SubjectPublicKeyInfo "PUBLIC KEY"
    ssh-keygen -e -m PEM -f "$OUT/$p-openssh.pub" > "$OUT/$p-pkcs1-public.pem"
    record "$p-pkcs1-public.pem" pkcs1-public public rsa false -
    ssh-keygen -e -m PKCS8 -f "$OUT/$p-openssh.pub" > "$OUT/$p-spki-public.pem"
    record "$p-spki-public.pem" spki-public public rsa false -
}

# puttygen: imports the base key and exports it in every PuTTY-writable format.
# $1 = family prefix, $2 = base private key file in $OUT, $3 = algorithm, $4 = "full" or "ppk3"
puttygen_family() {
    local p=$1 base=$OUT/$2 alg=$3 what=$4
    putty "$base" -C "$COMMENT" -O private -o "$OUT/$p-ppk3.ppk"
    record "$p-ppk3.ppk" ppk3 private "$alg" false -
    [ "$what" = full ] || return 0

    # defaults: Argon2id, 8192 KiB, parallelism 1, passes calibrated to take ~100 ms here
    putty "$base" -C "$COMMENT" -O private --new-passphrase "$PASSFILE" -o "$OUT/$p-ppk3-argon2id.ppk"
    record "$p-ppk3-argon2id.ppk" ppk3 private "$alg" true aes256-cbc
    putty "$base" -C "$COMMENT" -O private --new-passphrase "$PASSFILE" \
        --ppk-param kdf=argon2i,memory=16384,passes=3,parallelism=2 -o "$OUT/$p-ppk3-argon2i.ppk"
    record "$p-ppk3-argon2i.ppk" ppk3 private "$alg" true aes256-cbc
    putty "$base" -C "$COMMENT" -O private --new-passphrase "$PASSFILE" \
        --ppk-param kdf=argon2d,memory=8192,passes=2,parallelism=1 -o "$OUT/$p-ppk3-argon2d.ppk"
    record "$p-ppk3-argon2d.ppk" ppk3 private "$alg" true aes256-cbc

    # PPK v2: SHA-1 based key derivation and MAC
    putty "$base" -C "$COMMENT" -O private --ppk-param version=2 -o "$OUT/$p-ppk2.ppk"
    record "$p-ppk2.ppk" ppk2 private "$alg" false -
    putty "$base" -C "$COMMENT" -O private --ppk-param version=2 --new-passphrase "$PASSFILE" -o "$OUT/$p-ppk2-aes256-cbc.ppk"
    record "$p-ppk2-aes256-cbc.ppk" ppk2 private "$alg" true aes256-cbc

    # PuTTYgen on Windows writes CRLF line endings; the Linux build writes LF. Classic JSch reads
    # .ppk (v2 only) solely with CR line ends, so keep CRLF copies made from the files above.
    crlf "$p-ppk2.ppk" "$p-ppk2-crlf.ppk"
    record "$p-ppk2-crlf.ppk" ppk2 private "$alg" false -
    crlf "$p-ppk2-aes256-cbc.ppk" "$p-ppk2-aes256-cbc-crlf.ppk"
    record "$p-ppk2-aes256-cbc-crlf.ppk" ppk2 private "$alg" true aes256-cbc

    # "private-openssh" = PKCS#1 PEM for RSA (DES-EDE3-CBC when a passphrase is set)
    putty "$base" -C "$COMMENT" -O private-openssh -o "$OUT/$p-pkcs1-puttygen.pem"
    record "$p-pkcs1-puttygen.pem" pkcs1 private "$alg" false -
    putty "$base" -C "$COMMENT" -O private-openssh --new-passphrase "$PASSFILE" -o "$OUT/$p-pkcs1-puttygen-des-ede3-cbc.pem"
    record "$p-pkcs1-puttygen-des-ede3-cbc.pem" pkcs1 private "$alg" true des-ede3-cbc

    # "private-openssh-new" = OpenSSH new format, padded to 16 bytes even when unencrypted
    putty "$base" -C "$COMMENT" -O private-openssh-new -o "$OUT/$p-openssh-puttygen.key"
    record "$p-openssh-puttygen.key" openssh private "$alg" false -
    putty "$base" -C "$COMMENT" -O private-openssh-new --new-passphrase "$PASSFILE" -o "$OUT/$p-openssh-puttygen-aes256-ctr.key"
    record "$p-openssh-puttygen-aes256-ctr.key" openssh private "$alg" true aes256-ctr

    putty "$base" -C "$COMMENT" -O private-sshcom -o "$OUT/$p-sshcom.key"
    record "$p-sshcom.key" sshcom private "$alg" false -
    putty "$base" -C "$COMMENT" -O private-sshcom --new-passphrase "$PASSFILE" -o "$OUT/$p-sshcom-3des-cbc.key"
    record "$p-sshcom-3des-cbc.key" sshcom private "$alg" true 3des-cbc
}

# Files that are not keys at all.
other_files() {
    # A fake OpenPGP armoured block (gpg is not needed: only the armour matters).
    cat > "$OUT/pgp-private-key.asc" <<'EOF'
-----BEGIN PGP PRIVATE KEY BLOCK-----

lFgEZQAAABYJKwYBBAHaRw8BAQdAa2V5Zml0LXRlc3QtZmFrZS1wZ3Ata2V5LW5v
dC1yZWFsLWRhdGEtMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=
=keyf
-----END PGP PRIVATE KEY BLOCK-----
EOF
    record pgp-private-key.asc pgp none - false -
    printf 'this is not a key\n' > "$OUT/unknown-text.txt"
    record unknown-text.txt unknown none - false -
}

# ---------------------------------------------------------------- the corpus

[ -x "$JSCH" ] || die "$JSCH missing"
for t in openssl ssh-keygen puttygen java javac timeout xxd; do
    command -v "$t" >/dev/null || die "$t not installed"
done

echo "RSA 2048 (openssl genrsa), shared by the openssl, ssh-keygen and puttygen families" >&2
openssl genrsa -traditional -out "$OUT/rsa2048-pkcs1.pem" 2048 2>/dev/null
record rsa2048-pkcs1.pem pkcs1 private rsa false -
crlf rsa2048-pkcs1.pem rsa2048-pkcs1-crlf.pem   # as saved by a Windows editor
record rsa2048-pkcs1-crlf.pem pkcs1 private rsa false -
openssl_family rsa2048 rsa2048-pkcs1.pem
sshkeygen_family rsa2048 rsa2048-pkcs1.pem
puttygen_family rsa2048 rsa2048-pkcs1.pem rsa full

echo "RSA 4096 generated by ssh-keygen directly as PKCS#1 PEM" >&2
ssh-keygen -q -t rsa -b 4096 -m PEM -N '' -C "$COMMENT" -f "$OUT/rsa4096-pkcs1-sshkeygen.pem"
rm -f "$OUT/rsa4096-pkcs1-sshkeygen.pem.pub"
record rsa4096-pkcs1-sshkeygen.pem pkcs1 private rsa false -

echo "RSA 1024: too small for Jira" >&2
openssl genrsa -traditional -out "$OUT/rsa1024-pkcs1.pem" 1024 2>/dev/null
record rsa1024-pkcs1.pem pkcs1 private rsa false -

echo "Ed25519" >&2
ssh-keygen -q -t ed25519 -N '' -C "$COMMENT" -f "$OUT/ed25519-openssh.key"
mv "$OUT/ed25519-openssh.key.pub" "$OUT/ed25519-openssh.pub"
record ed25519-openssh.key openssh private ed25519 false -
record ed25519-openssh.pub openssh-public public ed25519 false -
cp "$OUT/ed25519-openssh.key" "$OUT/ed25519-openssh-aes256-ctr.key"
ssh-keygen -q -p -P '' -N "$PASS" -f "$OUT/ed25519-openssh-aes256-ctr.key" >/dev/null
record ed25519-openssh-aes256-ctr.key openssh private ed25519 true aes256-ctr
puttygen_family ed25519 ed25519-openssh.key ed25519 ppk3

echo "ECDSA" >&2
for b in 256 384 521; do
    ssh-keygen -q -t ecdsa -b $b -N '' -C "$COMMENT" -f "$OUT/ecdsa$b-openssh.key"
    rm -f "$OUT/ecdsa$b-openssh.key.pub"
    record "ecdsa$b-openssh.key" openssh private "ecdsa-p$b" false -
done
puttygen_family ecdsa256 ecdsa256-openssh.key ecdsa-p256 ppk3

echo "DSA" >&2
if ssh-keygen -q -t dsa -N '' -C "$COMMENT" -f "$OUT/dsa-openssh.key" 2>/dev/null; then
    rm -f "$OUT/dsa-openssh.key.pub"
    record dsa-openssh.key openssh private dsa false -
else
    rm -f "$OUT/dsa-openssh.key" "$OUT/dsa-openssh.key.pub"
    note "this ssh-keygen no longer generates DSA keys: skipped"
fi

other_files

# every file in keys/ must have exactly one row
[ "$(ls "$OUT" | wc -l)" -eq "$(wc -l < "$ROWS")" ] || die "keys/ and expected.tsv disagree: $(ls "$OUT" | wc -l) files, $(wc -l < "$ROWS") rows"
chmod 755 "$OUT"; chmod 644 "$OUT"/*   # git does not keep 0600; readers that need 0600 (ssh-keygen) must copy

{
    printf 'file\tformat\tkind\talgorithm\tbits\tencrypted\tcipher\tfingerprint_sha256\tjira_ready\tjsch\n'
    LC_ALL=C sort "$ROWS"
} > "$TSV"
chmod 644 "$TSV"
echo "wrote $(wc -l < "$ROWS") files to $OUT ($(cat "$OUT"/* | wc -c) bytes) and $TSV" >&2
