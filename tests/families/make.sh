#!/bin/bash
# Regenerates tests/families/keys/ and tests/families/expected.tsv: the families of real-world key files that
# issue 10 found keyfit getting wrong (old PKCS#8 PBE schemes, text around the key, mislabelled PEM headers,
# CRLF with one-line base64, OpenSSH certificates, security-key (sk) keys, Ed448 / X25519 / post-quantum /
# explicit-curve keys, PuTTY files with only a public key, DEK-Info on a PRIVATE KEY block, DEK-Info AES-192).
#
# Every file is written by a real tool (openssl 3 with its legacy provider, ssh-keygen 9.2, puttygen 0.78), or
# is a real tool's output with its text rearranged the way people and other tools rearrange it (labels edited,
# lines joined, a certificate or a licence header added; each step says which). Files no tool here can write
# (security-key keys, ML-DSA hybrid keys, a .ppk holding only a public key) are copied from other projects'
# test suites, with their source in SOURCES.tsv.
#
# expected.tsv columns (tab separated, one header line):
#   file family format kind algorithm bits encrypted cipher fingerprint jira_ready jsch passphrase
# format/encrypted/cipher are what this script asked the tool to write. kind, algorithm, bits and the SHA256
# fingerprint are the reference tools' answer, from tools/compare-with-tools.py --oracle (ssh-keygen -l/-y/-i,
# openssl pkey, puttygen; for a relabelled block, the tools' reading of the block it was made from; for the
# copied ML-DSA key, the fingerprint file its project wrote). jsch is classic JSch 0.1.54's verdict
# (tests/tools/jsch-check.sh). jira_ready is what keyfit must answer: JSch loads it, and it is an RSA key of
# 2048 bits or more in PKCS#1 PEM. "-" means none.
#
# Key material is random on every run: commit keys/ and expected.tsv together.
set -eu
shopt -s inherit_errexit
umask 077

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$HERE/keys
TSV=$HERE/expected.tsv
ORACLE="python3 $ROOT/tools/compare-with-tools.py --oracle"
PASS='correct horse'
COPIED=$HERE/copied
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyfit-families.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROWS=$WORK/rows.tsv
: > "$ROWS"
printf '%s' "$PASS" > "$WORK/pass"

die() { echo "make.sh: $*" >&2; exit 1; }
putty() { timeout 30 puttygen "$@" </dev/null; }
ossl() { openssl "$1" -provider legacy -provider default "${@:2}"; }

rm -rf "$OUT"
mkdir -p "$OUT"

# record FILE FAMILY FORMAT ENCRYPTED CIPHER PASSPHRASE [ORACLE-FILE]
# The oracle reads ORACLE-FILE (default FILE) for kind/algorithm/bits/fingerprint, and JSch reads FILE itself.
record() {
    local file=$1 family=$2 format=$3 enc=$4 cipher=$5 pass=$6 from=${7:-$OUT/$1}
    [ -s "$OUT/$file" ] || die "$file was not written"
    local kind alg bits fp jsch _jsch
    if [ "$pass" = - ]; then
        IFS=$'\t' read -r kind alg bits fp _jsch < <(env -u KEYFIT_PASSPHRASE $ORACLE "$from")
        IFS=$'\t' read -r _ _ _ _ jsch < <(env -u KEYFIT_PASSPHRASE $ORACLE "$OUT/$file")
    else
        IFS=$'\t' read -r kind alg bits fp _jsch < <(KEYFIT_PASSPHRASE=$pass $ORACLE "$from")
        IFS=$'\t' read -r _ _ _ _ jsch < <(KEYFIT_PASSPHRASE=$pass $ORACLE "$OUT/$file")
    fi
    local jira=false
    if [ "$jsch" = ok ] && [ "$format" = pkcs1 ] && [ "$kind" = private ] && [ "$alg" = rsa ] \
        && [ "$bits" -ge 2048 ]; then
        jira=true
    fi
    echo "  $file: $family $format $kind $alg $bits $cipher $fp jira=$jira jsch=$jsch" >&2
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$family" "$format" "$kind" "$alg" \
        "$bits" "$enc" "$cipher" "$fp" "$jira" "$jsch" "$pass" >> "$ROWS"
}

# relabel SRC DST OLD NEW: DST is SRC with its BEGIN/END labels changed (as a hand edit does)
relabel() { sed -e "s/-----BEGIN $3-----/-----BEGIN $4-----/" -e "s/-----END $3-----/-----END $4-----/" "$1" > "$2"; }

# ------------------------------------------------------------------------------------------------ base keys
openssl genrsa -out "$WORK/rsa.pem" 2048 2>/dev/null
openssl rsa -in "$WORK/rsa.pem" -traditional -out "$WORK/rsa-pkcs1.pem" 2>/dev/null
openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/p256.pem"
openssl genpkey -algorithm ed25519 -out "$WORK/ed25519.pem"
openssl req -x509 -new -key "$WORK/rsa.pem" -subj /CN=keyfit-test -days 3650 -out "$WORK/cert.pem" 2>/dev/null

# ------------------------------------------------------------- pbe: PKCS#8 under PKCS#5 v1.5 and PKCS#12 PBE
# openssl pkcs8 -v1 NAME: PKCS#5 v1.5 (PBKDF1) and PKCS#12 schemes; -v2 rc2*: PBES2 with RC2-CBC.
for v1 in PBE-MD5-DES:des-cbc PBE-SHA1-DES:des-cbc PBE-MD5-RC2-64:rc2-64-cbc PBE-SHA1-RC2-64:rc2-64-cbc \
    PBE-SHA1-3DES:des-ede3-cbc PBE-SHA1-2DES:des-ede-cbc PBE-SHA1-RC2-128:rc2-128-cbc \
    PBE-SHA1-RC2-40:rc2-40-cbc PBE-SHA1-RC4-128:rc4-128 PBE-SHA1-RC4-40:rc4-40; do
    name=${v1%%:*} cipher=${v1#*:}
    f=pbe-rsa2048-$(tr 'A-Z' 'a-z' <<<"$name").pem
    ossl pkcs8 -topk8 -v1 "$name" -passout "pass:$PASS" -in "$WORK/rsa.pem" -out "$OUT/$f"
    record "$f" pbe pkcs8 true "$cipher" "$PASS"
done
for v2 in rc2-cbc:rc2-128-cbc rc2-40-cbc:rc2-40-cbc rc2-64-cbc:rc2-64-cbc; do
    f=pbe-rsa2048-pbes2-${v2%%:*}.pem
    ossl pkcs8 -topk8 -v2 "${v2%%:*}" -passout "pass:$PASS" -in "$WORK/rsa.pem" -out "$OUT/$f"
    record "$f" pbe pkcs8 true "${v2#*:}" "$PASS"
done
ossl pkcs8 -topk8 -v1 PBE-SHA1-3DES -passout "pass:$PASS" -in "$WORK/p256.pem" -out "$OUT/pbe-p256-pbe-sha1-3des.pem"
record pbe-p256-pbe-sha1-3des.pem pbe pkcs8 true des-ede3-cbc "$PASS"
ossl pkcs8 -topk8 -v1 PBE-SHA1-RC2-40 -passout "pass:$PASS" -in "$WORK/ed25519.pem" -out "$OUT/pbe-ed25519-pbe-sha1-rc2-40.pem"
record pbe-ed25519-pbe-sha1-rc2-40.pem pbe pkcs8 true rc2-40-cbc "$PASS"
ossl pkcs8 -topk8 -v1 PBE-SHA1-3DES -passout "pass:$PASS" -in "$WORK/rsa.pem" -outform DER -out "$OUT/pbe-rsa2048-pbe-sha1-3des.der"
record pbe-rsa2048-pbe-sha1-3des.der pbe pkcs8 true des-ede3-cbc "$PASS"

# ------------------------------------------------------------------------ text: text and blocks around a key
# openssl pkcs12 -nodes: "Bag Attributes" lines, the certificate, then the key (PKCS#8), as one file.
openssl pkcs12 -export -in "$WORK/cert.pem" -inkey "$WORK/rsa.pem" -passout "pass:$PASS" -out "$WORK/k.p12"
openssl pkcs12 -in "$WORK/k.p12" -nodes -passin "pass:$PASS" -out "$OUT/text-pkcs12-nodes.pem"
record text-pkcs12-nodes.pem text pkcs8 false - -
openssl pkcs12 -in "$WORK/k.p12" -nodes -nocerts -passin "pass:$PASS" -out "$OUT/text-pkcs12-nodes-nocerts.pem"
record text-pkcs12-nodes-nocerts.pem text pkcs8 false - -
# The same bag attributes above an OpenSSL "traditional" key (what OpenSSL before 1.0 wrote).
sed -n '1,/^Key Attributes/p' "$OUT/text-pkcs12-nodes-nocerts.pem" > "$OUT/text-bag-attributes-pkcs1.pem"
cat "$WORK/rsa-pkcs1.pem" >> "$OUT/text-bag-attributes-pkcs1.pem"
record text-bag-attributes-pkcs1.pem text pkcs1 false - -
# openssl -text: the ASN.1 dump of the key above its PEM block.
openssl rsa -in "$WORK/rsa.pem" -traditional -text -out "$OUT/text-openssl-rsa-text.pem" 2>/dev/null
record text-openssl-rsa-text.pem text pkcs1 false - -
openssl pkey -in "$WORK/p256.pem" -text -out "$OUT/text-openssl-pkey-text.pem"
record text-openssl-pkey-text.pem text pkcs8 false - -
# openssl ecparam -genkey: an EC PARAMETERS block, then the key.
openssl ecparam -name prime256v1 -genkey -out "$OUT/text-openssl-ecparam-genkey.pem"
record text-openssl-ecparam-genkey.pem text pkcs1 false - -
# A key and its certificate in one file, in either order (web servers' key bundles).
cat "$WORK/rsa-pkcs1.pem" "$WORK/cert.pem" > "$OUT/text-pkcs1-then-certificate.pem"
record text-pkcs1-then-certificate.pem text pkcs1 false - -
cat "$WORK/cert.pem" "$WORK/rsa-pkcs1.pem" > "$OUT/text-certificate-then-pkcs1.pem"
record text-certificate-then-pkcs1.pem text pkcs1 false - -
# A licence header above the key (test fixtures in source trees).
{ printf '# Copyright 2020 Example Corp.\n# Licensed under the Apache License, Version 2.0\n\n'; cat "$WORK/rsa-pkcs1.pem"; } \
    > "$OUT/text-licence-header-pkcs1.pem"
record text-licence-header-pkcs1.pem text pkcs1 false - -

# --------------------------------------------------------------------- label: a body under another PEM label
# PKCS#8 relabelled "RSA PRIVATE KEY" by hand (to please Jira), and the other mix-ups seen in the wild.
openssl pkcs8 -topk8 -nocrypt -in "$WORK/rsa.pem" -out "$WORK/rsa-pkcs8.pem"
relabel "$WORK/rsa-pkcs8.pem" "$OUT/label-pkcs8-as-rsa-private.pem" 'PRIVATE KEY' 'RSA PRIVATE KEY'
record label-pkcs8-as-rsa-private.pem label pkcs8 false - - "$WORK/rsa-pkcs8.pem"
relabel "$WORK/rsa-pkcs1.pem" "$OUT/label-pkcs1-as-private.pem" 'RSA PRIVATE KEY' 'PRIVATE KEY'
record label-pkcs1-as-private.pem label pkcs1 false - - "$WORK/rsa-pkcs1.pem"
openssl pkcs8 -topk8 -v2 aes256 -passout "pass:$PASS" -in "$WORK/rsa.pem" -out "$WORK/rsa-pkcs8-enc.pem"
relabel "$WORK/rsa-pkcs8-enc.pem" "$OUT/label-encrypted-pkcs8-as-rsa-private.pem" 'ENCRYPTED PRIVATE KEY' 'RSA PRIVATE KEY'
record label-encrypted-pkcs8-as-rsa-private.pem label pkcs8 true aes-256-cbc "$PASS" "$WORK/rsa-pkcs8-enc.pem"
openssl ec -in "$WORK/p256.pem" -out "$WORK/p256-sec1.pem" 2>/dev/null
relabel "$WORK/p256-sec1.pem" "$OUT/label-sec1-as-rsa-private.pem" 'EC PRIVATE KEY' 'RSA PRIVATE KEY'
record label-sec1-as-rsa-private.pem label pkcs1 false - - "$WORK/p256-sec1.pem"
openssl pkey -in "$WORK/rsa.pem" -pubout -out "$WORK/rsa-spki.pem"
relabel "$WORK/rsa-spki.pem" "$OUT/label-spki-as-rsa-public.pem" 'PUBLIC KEY' 'RSA PUBLIC KEY'
record label-spki-as-rsa-public.pem label spki-public false - - "$WORK/rsa-spki.pem"
openssl rsa -in "$WORK/rsa.pem" -RSAPublicKey_out -out "$WORK/rsa-pkcs1-public.pem" 2>/dev/null
relabel "$WORK/rsa-pkcs1-public.pem" "$OUT/label-pkcs1-public-as-spki.pem" 'RSA PUBLIC KEY' 'PUBLIC KEY'
record label-pkcs1-public-as-spki.pem label pkcs1-public false - - "$WORK/rsa-pkcs1-public.pem"
openssl pkey -in "$WORK/p256.pem" -pubout -out "$WORK/p256-spki.pem"
relabel "$WORK/p256-spki.pem" "$OUT/label-ec-spki-as-rsa-public.pem" 'PUBLIC KEY' 'RSA PUBLIC KEY'
record label-ec-spki-as-rsa-public.pem label spki-public false - - "$WORK/p256-spki.pem"

# --------------------------------------------------------------- layout: line ends x base64 wrapping x end
# The same PKCS#1 key, plain and AES-128-CBC, with LF / CRLF / CR line ends, base64 at 64 columns / on one line /
# at 76 columns, with and without a final newline: JSch decides which of these Jira takes.
openssl rsa -in "$WORK/rsa.pem" -traditional -aes128 -passout "pass:$PASS" -out "$WORK/rsa-pkcs1-aes128.pem" 2>/dev/null
layout() { # SRC ENDS WRAP FINAL -> stdout
    python3 - "$@" <<'EOF'
import sys
src, ends, wrap, final = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
lines = open(src).read().splitlines()
head, body, tail = [], [], []
for l in lines:
    if l.startswith("-----BEGIN") or (not body and (":" in l or l == "") and head):
        head.append(l)
    elif l.startswith("-----END"):
        tail.append(l)
    else:
        body.append(l)
b64 = "".join(body)
width = {"64": 64, "76": 76, "oneline": len(b64)}[wrap]
body = [b64[i:i + width] for i in range(0, len(b64), width)]
nl = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}[ends]
text = nl.join(head + body + tail) + (nl if final == "yes" else "")
sys.stdout.write(text)
EOF
}
for src in plain aes128; do
    [ $src = plain ] && s=$WORK/rsa-pkcs1.pem pass=- cipher=- enc=false
    [ $src = aes128 ] && s=$WORK/rsa-pkcs1-aes128.pem pass=$PASS cipher=aes-128-cbc enc=true
    for ends in lf crlf cr; do
        for wrap in 64 oneline 76; do
            for final in yes no; do
                [ $ends-$wrap-$final = lf-64-yes ] && [ $src = plain ] && continue
                f=layout-pkcs1-$src-$ends-$wrap-$final-newline.pem
                layout "$s" $ends $wrap $final > "$OUT/$f"
                record "$f" layout pkcs1 $enc $cipher "$pass" "$s"
            done
        done
    done
done

# ----------------------------------------------------------------------------- cert: OpenSSH certificates
ssh-keygen -q -t ed25519 -N '' -C keyfit-ca -f "$WORK/ca"
for t in rsa:2048 ed25519:256 ecdsa:256 ecdsa:384 ecdsa:521 dsa:1024; do
    ssh-keygen -q -t "${t%%:*}" -b "${t#*:}" -N '' -C keyfit-test -f "$WORK/user-${t%%:*}${t#*:}"
    ssh-keygen -q -s "$WORK/ca" -I keyfit-test -n git -V +520w "$WORK/user-${t%%:*}${t#*:}.pub"
    cp "$WORK/user-${t%%:*}${t#*:}-cert.pub" "$OUT/cert-${t%%:*}${t#*:}-user-cert.pub"
    record "cert-${t%%:*}${t#*:}-user-cert.pub" cert openssh-certificate false - -
done
ssh-keygen -q -s "$WORK/ca" -h -I host.example -n host.example "$WORK/user-rsa2048.pub"
cp "$WORK/user-rsa2048-cert.pub" "$OUT/cert-rsa2048-host-cert.pub"
record cert-rsa2048-host-cert.pub cert openssh-certificate false - -
ssh-keygen -q -t rsa -b 2048 -N '' -C keyfit-rsa-ca -f "$WORK/rsa-ca"
ssh-keygen -q -s "$WORK/rsa-ca" -t rsa-sha2-512 -I keyfit-test -n git "$WORK/user-ed25519256.pub"
cp "$WORK/user-ed25519256-cert.pub" "$OUT/cert-ed25519-by-rsa-sha2-512-cert.pub"
record cert-ed25519-by-rsa-sha2-512-cert.pub cert openssh-certificate false - -

# ------------------------------------------------------- sk: FIDO security-key keys (no token here: copied)
# ------------------------------------------------ types: Ed448, X25519/X448, ML-DSA hybrids, explicit curves
openssl genpkey -algorithm ed448 -out "$OUT/types-ed448-pkcs8.pem"
record types-ed448-pkcs8.pem types pkcs8 false - -
openssl pkey -in "$OUT/types-ed448-pkcs8.pem" -pubout -out "$OUT/types-ed448-spki.pem"
record types-ed448-spki.pem types spki-public false - -
putty -t ed448 -C keyfit-test -o "$OUT/types-ed448.ppk" --new-passphrase "$WORK/pass"
record types-ed448.ppk types ppk3 true aes256-cbc "$PASS"
putty "$OUT/types-ed448.ppk" --old-passphrase "$WORK/pass" -O private-openssh-new -o "$OUT/types-ed448-openssh.key"
record types-ed448-openssh.key types openssh true aes256-ctr "$PASS"
putty "$OUT/types-ed448.ppk" -O public-openssh -o "$OUT/types-ed448.pub"
record types-ed448.pub types openssh-public false - -
for x in x25519 x448; do
    openssl genpkey -algorithm $x -out "$OUT/types-$x-pkcs8.pem"
    record "types-$x-pkcs8.pem" types pkcs8 false - -
done
openssl ecparam -name secp256k1 -genkey -noout -out "$OUT/types-secp256k1-sec1.pem"
record types-secp256k1-sec1.pem types pkcs1 false - -
for c in prime256v1:p256 secp384r1:p384; do
    openssl ecparam -name "${c%%:*}" -param_enc explicit -genkey -noout -out "$OUT/types-${c#*:}-explicit-sec1.pem"
    record "types-${c#*:}-explicit-sec1.pem" types pkcs1 false - -
    openssl pkcs8 -topk8 -nocrypt -in "$OUT/types-${c#*:}-explicit-sec1.pem" -out "$OUT/types-${c#*:}-explicit-pkcs8.pem"
    record "types-${c#*:}-explicit-pkcs8.pem" types pkcs8 false - -
    openssl ec -in "$OUT/types-${c#*:}-explicit-sec1.pem" -pubout -out "$OUT/types-${c#*:}-explicit-spki.pem" 2>/dev/null
    record "types-${c#*:}-explicit-spki.pem" types spki-public false - -
done
# EC keys stored without their public point (openssl ec -no_public), in SEC1 and PKCS#8.
openssl ec -in "$WORK/p256.pem" -no_public -out "$OUT/types-p256-no-public-sec1.pem" 2>/dev/null
record types-p256-no-public-sec1.pem types pkcs1 false - -
openssl pkcs8 -topk8 -nocrypt -in "$OUT/types-p256-no-public-sec1.pem" -out "$OUT/types-p256-no-public-pkcs8.pem"
record types-p256-no-public-pkcs8.pem types pkcs8 false - -
# A .ppk holding only a public key (puttygen writes none: its public lines, cut from a puttygen file).
putty -t rsa -b 2048 -C keyfit-test -o "$WORK/rsa.ppk" --new-passphrase /dev/null
sed -n '1,/^Public-Lines/p' "$WORK/rsa.ppk" > "$OUT/types-rsa-public-only.ppk"
n=$(sed -n 's/^Public-Lines: //p' "$WORK/rsa.ppk")
sed -n "/^Public-Lines/,+${n}p" "$WORK/rsa.ppk" | tail -n +2 >> "$OUT/types-rsa-public-only.ppk"
record types-rsa-public-only.ppk types ppk3 false - -
# DEK-Info (OpenSSL's legacy PEM encryption) on a PKCS#8 "PRIVATE KEY" block, as OpenSSL 1.1's
# `pkey -traditional -aes128` wrote for Ed25519: the DER encrypted with `openssl enc`, key from EVP_BytesToKey.
dek_pkcs8() { # SRC DST
    local iv key
    iv=$(openssl rand -hex 16 | tr 'a-f' 'A-F')
    key=$(openssl enc -aes-128-cbc -md md5 -S "${iv:0:16}" -pass "pass:$PASS" -P | sed -n 's/^key=//p')
    openssl pkcs8 -topk8 -nocrypt -in "$1" -outform DER -out "$WORK/dek.der"
    openssl enc -aes-128-cbc -K "$key" -iv "$iv" -in "$WORK/dek.der" -out "$WORK/dek.enc"
    { echo '-----BEGIN PRIVATE KEY-----'; echo 'Proc-Type: 4,ENCRYPTED'; echo "DEK-Info: AES-128-CBC,$iv"; echo
      base64 -w 64 "$WORK/dek.enc"; echo '-----END PRIVATE KEY-----'; } > "$2"
}
dek_pkcs8 "$WORK/ed25519.pem" "$OUT/types-ed25519-pkcs8-dek-aes-128-cbc.pem"
record types-ed25519-pkcs8-dek-aes-128-cbc.pem types pkcs8 true aes-128-cbc "$PASS"
dek_pkcs8 "$WORK/rsa.pem" "$OUT/types-rsa2048-pkcs8-dek-aes-128-cbc.pem"
record types-rsa2048-pkcs8-dek-aes-128-cbc.pem types pkcs8 true aes-128-cbc "$PASS"

# --------------------------------------------------------------- dek: legacy PEM ciphers and what JSch takes
for c in aes192:aes-192-cbc des3:des-ede3-cbc; do
    openssl rsa -in "$WORK/rsa.pem" -traditional "-${c%%:*}" -passout "pass:$PASS" -out "$OUT/dek-rsa2048-${c#*:}.pem" 2>/dev/null
    record "dek-rsa2048-${c#*:}.pem" dek pkcs1 true "${c#*:}" "$PASS"
done
ossl rsa -in "$WORK/rsa.pem" -traditional -des -passout "pass:$PASS" -out "$OUT/dek-rsa2048-des-cbc.pem" 2>/dev/null
record dek-rsa2048-des-cbc.pem dek pkcs1 true des-cbc "$PASS"
openssl ec -in "$WORK/p256.pem" -aes192 -passout "pass:$PASS" -out "$OUT/dek-p256-aes-192-cbc.pem" 2>/dev/null
record dek-p256-aes-192-cbc.pem dek pkcs1 true aes-192-cbc "$PASS"

# -------------------------------------------------------------------- copied: what no tool here writes
# SOURCES.tsv: file, family, format, encrypted, cipher, passphrase, where it came from.
while IFS=$'\t' read -r file family format enc cipher pass source; do
    case $file in '#'*|'') continue ;; esac
    cp "$COPIED/$file" "$OUT/$file"
    [ -f "$COPIED/$file.fp" ] && cp "$COPIED/$file.fp" "$OUT/$file.fp"
    record "$file" "$family" "$format" "$enc" "$cipher" "$pass"
    : "$source"
done < "$HERE/SOURCES.tsv"

{
    printf 'file\tfamily\tformat\tkind\talgorithm\tbits\tencrypted\tcipher\tfingerprint\tjira_ready\tjsch\tpassphrase\n'
    sort "$ROWS"
} > "$TSV"
chmod 644 "$OUT"/* "$TSV"
echo "make.sh: wrote $(wc -l < "$ROWS") files to $OUT and $TSV" >&2
