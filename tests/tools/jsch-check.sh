#!/bin/bash
# Usage: tests/tools/jsch-check.sh <keyfile> [passphrase]
# Checks a private key with classic JSch (Debian libjsch-java, /usr/share/java/jsch.jar).
# Compiles JschCheck.java once into ${TMPDIR:-/tmp}/keyfit-jsch (recompiles when the
# source is newer), then prints "OK <type> <bits>" (exit 0) or "FAIL <reason>" (exit 1).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar=${JSCH_JAR:-/usr/share/java/jsch.jar}
out=${TMPDIR:-/tmp}/keyfit-jsch
if [ ! -r "$jar" ]; then
    echo "FAIL $jar missing (apt-get install -y libjsch-java)"
    exit 2
fi
if [ ! -f "$out/JschCheck.class" ] || [ "$here/JschCheck.java" -nt "$out/JschCheck.class" ]; then
    mkdir -p "$out"
    # compile into a private temp dir and move into place, so parallel callers never see half a class file
    tmp=$(mktemp -d "$out/build.XXXXXX")
    javac -nowarn -cp "$jar" -d "$tmp" "$here/JschCheck.java" >&2
    mv -f "$tmp/JschCheck.class" "$out/JschCheck.class"
    rmdir "$tmp"
fi
exec java -cp "$jar:$out" JschCheck "$@"
