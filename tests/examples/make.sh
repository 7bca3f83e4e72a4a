#!/usr/bin/env bash
# Makes the unit tests' key vectors in tests/examples/<format>/ with the real tools (OpenSSH 9.2p1, PuTTYgen
# 0.78, OpenSSL 3.0; Debian 12), as the files here were made. Each run makes new keys: the fingerprints, salts
# and comments the tests expect are next to each vector's constant (src/format/*/tests.rs, src/format/*.rs),
# so after a run update those from `ssh-keygen -l -f` of each plain original (the puttygen ones from
# `puttygen -O public-openssh`), as the comments there say.
#
# Usage: tests/examples/make.sh   (writes into tests/examples/; needs ssh-keygen, puttygen, openssl)
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pg() { timeout 30 puttygen "$@" </dev/null; }
printf 'keyfit test pw' >"$work/PW"
: >"$work/EMPTY"
printf 'pw' >"$work/pw"

# OpenSSH private keys (src/format/openssh/tests.rs).
mkdir -p openssh
for spec in rsa:1024:rsa1024 rsa:2048:rsa2048 ed25519::ed25519 ecdsa:256:p256 ecdsa:384:p384 ecdsa:521:p521 \
  dsa:1024:dsa; do
  IFS=: read -r type bits name <<<"$spec"
  ssh-keygen -q -t "$type" ${bits:+-b "$bits"} -N '' -C "$name@keyfit" -f "$work/$name"
  cp "$work/$name" "openssh/$name.key"
done
for cipher in aes128-ctr aes192-ctr aes256-ctr aes128-cbc aes192-cbc aes256-cbc aes128-gcm@openssh.com \
  aes256-gcm@openssh.com chacha20-poly1305@openssh.com 3des-cbc; do
  short=${cipher%@openssh.com}
  cp "$work/ed25519" "$work/e"
  ssh-keygen -q -p -P '' -N pw -Z "$cipher" -f "$work/e"
  cp "$work/e" "openssh/ed25519-$short.key"
done
for spec in rsa1024:aes256-ctr:rsa1024-aes256-ctr rsa2048:chacha20-poly1305@openssh.com:rsa2048-chacha \
  p384:aes256-gcm@openssh.com:p384-aes256-gcm dsa:aes256-cbc:dsa-aes256-cbc; do
  IFS=: read -r from cipher name <<<"$spec"
  cp "$work/$from" "$work/e"
  ssh-keygen -q -p -P '' -N pw -Z "$cipher" -f "$work/e"
  cp "$work/e" "openssh/$name.key"
done
pg -t rsa -b 1024 -C putty-rsa -O private-openssh-new -o openssh/putty-rsa.key --new-passphrase /dev/null
pg -t ed25519 -C putty-ed -O private-openssh-new -o openssh/putty-ed25519.key --new-passphrase /dev/null
pg openssh/putty-rsa.key -P -O private-openssh-new -o openssh/putty-rsa-aes256-ctr.key --new-passphrase "$work/pw"

# PuTTY .ppk (src/format/ppk/tests.rs); PW holds `keyfit test pw`, EMPTY nothing.
mkdir -p ppk
pg -t ed25519 -C 'ed comment' -o ppk/ed-v3.ppk --new-passphrase "$work/EMPTY"
pg ppk/ed-v3.ppk -P -O private -o ppk/ed-v3e.ppk --new-passphrase "$work/PW"
pg ppk/ed-v3.ppk -P -O private --ppk-param kdf=argon2i,memory=16384,passes=3,parallelism=2 \
  -o ppk/ed-v3i.ppk --new-passphrase "$work/PW"
pg ppk/ed-v3.ppk -P -O private --ppk-param version=2 -o ppk/ed-v2.ppk --new-passphrase "$work/EMPTY"
pg ppk/ed-v3.ppk -P -O private --ppk-param version=2 -o ppk/ed-v2e.ppk --new-passphrase "$work/PW"
pg -t rsa -b 1024 -C 'rsa1024 test' -o "$work/rsa1024.ppk" --new-passphrase "$work/EMPTY"
pg "$work/rsa1024.ppk" -P -O private --ppk-param kdf=argon2i,memory=1024,passes=2,parallelism=2 \
  -o ppk/rsa1024-v3i.ppk --new-passphrase "$work/PW"
pg "$work/rsa1024.ppk" -P -O private --ppk-param version=2 -o ppk/rsa1024-v2e.ppk --new-passphrase "$work/PW"
pg -t rsa -b 2048 -C 'rsa2048 test' -o ppk/rsa2048-v3.ppk --new-passphrase "$work/EMPTY"
pg ppk/rsa2048-v3.ppk -P -O private -o ppk/rsa2048-v3e.ppk --new-passphrase "$work/PW"
pg -t ecdsa -b 256 -C 'p256 test' -o "$work/p256.ppk" --new-passphrase "$work/EMPTY"
pg "$work/p256.ppk" -P -O private --ppk-param kdf=argon2d,memory=2048,passes=3,parallelism=1 \
  -o ppk/p256-v3d.ppk --new-passphrase "$work/PW"
pg "$work/p256.ppk" -P -O private --ppk-param version=2 -o ppk/p256-v2.ppk --new-passphrase "$work/EMPTY"
pg -t ecdsa -b 384 -C 'p384 test' -o "$work/p384.ppk" --new-passphrase "$work/EMPTY"
pg "$work/p384.ppk" -P -O private -o ppk/p384-v3e.ppk --new-passphrase "$work/PW"
pg -t ecdsa -b 521 -C 'p521 test' -o "$work/p521.ppk" --new-passphrase "$work/EMPTY"
pg "$work/p521.ppk" -P -O private --ppk-param version=2 -o ppk/p521-v2e.ppk --new-passphrase "$work/PW"
pg -t dsa -b 1024 -C 'dsa test' -o "$work/dsa.ppk" --new-passphrase "$work/EMPTY"
pg "$work/dsa.ppk" -P -O private -o ppk/dsa-v3e.ppk --new-passphrase "$work/PW"
pg "$work/dsa.ppk" -P -O private --ppk-param version=2 -o ppk/dsa-v2.ppk --new-passphrase "$work/EMPTY"

# ssh.com private keys (src/format/sshcom.rs), from the ppk keys above.
mkdir -p sshcom
pg "$work/rsa1024.ppk" -O private-sshcom -o sshcom/rsa1024.key
pg "$work/rsa1024.ppk" -P -O private-sshcom -o sshcom/rsa1024-e.key --new-passphrase "$work/PW"
pg ppk/rsa2048-v3.ppk -O private-sshcom -o sshcom/rsa2048.key
pg "$work/dsa.ppk" -O private-sshcom -o sshcom/dsa.key
pg "$work/dsa.ppk" -P -O private-sshcom -o sshcom/dsa-e.key --new-passphrase "$work/PW"

# PKCS#8 (src/format/pkcs8.rs) and SEC1 (src/format/sec1.rs).
mkdir -p pkcs8 sec1
openssl genpkey -algorithm ed25519 -out pkcs8/ed25519.pem
openssl pkcs8 -topk8 -passout pass:pw -in pkcs8/ed25519.pem -out pkcs8/ed25519-enc.pem
openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256 -out pkcs8/p256.pem
openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:1024 -out pkcs8/rsa1024.pem
ssh-keygen -q -t ecdsa -b 256 -m PEM -N '' -C '' -f "$work/ec"
cp "$work/ec" sec1/ec-p256.pem
ssh-keygen -q -t ecdsa -b 256 -m PEM -N hunter2 -C '' -f "$work/ec-enc"
cp "$work/ec-enc" sec1/ec-p256-enc.pem
echo "made tests/examples/; now update the fingerprints next to each vector's constant"
