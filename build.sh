#!/usr/bin/env bash
# keyfit's one build script. Installs what a fresh machine lacks, then:
#   ./build.sh          build the wasm and JS glue into www/pkg/
#   ./build.sh serve    build, then serve www/ on http://127.0.0.1:${PORT:-8080}/
#   ./build.sh test     run every test: native, wasm in headless Chromium, browser end-to-end
#   ./build.sh bench    benchmarks side by side with the native tools (not part of test)
set -eu
cd "$(dirname "$0")"

WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
DEBIAN_PACKAGES="chromium chromium-driver openssh-client putty-tools openssl libjsch-java default-jdk-headless"
TARGET=wasm32-unknown-unknown
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

need_debian() {
  local missing=""
  for p in $DEBIAN_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "installing Debian packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  fi
}

need_rust() {
  rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
  if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$WASM_BINDGEN_VERSION" ]; then
    # Not --locked: its lockfile asks for a crate version the registry here lacks (see shared/FACTS.md).
    cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

need_node() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# build [out_dir [cargo features]]: the wasm and its JS glue; the page's is www/pkg/, without the bench feature.
build() {
  local out=${1:-www/pkg} features=${2:-}
  need_rust
  need_node
  cargo build -q --lib --release --target "$TARGET" ${features:+--features "$features"}
  wasm-bindgen --target web --no-typescript --out-dir "$out" "target/$TARGET/release/keyfit.wasm"
  # binaryen from npm: Debian's wasm-opt 108 corrupts wasm-bindgen output (shared/FACTS.md).
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --strip-debug --strip-producers "$out/keyfit_bg.wasm" -o "$out/keyfit_bg.wasm"
  echo "built $out/ ($(gzip -9c "$out/keyfit_bg.wasm" | wc -c) bytes of wasm, gzip)"
}

case "${1:-build}" in
  build)
    build
    ;;
  serve)
    build
    exec node tools/serve.mjs "${PORT:-8080}"
    ;;
  test)
    need_debian
    build
    echo "== format and lints"
    cargo fmt --check
    cargo clippy -q --all-targets -- -D warnings
    cargo clippy -q --all-targets --features bench -- -D warnings
    cargo clippy -q --lib --target "$TARGET" -- -D warnings
    echo "== native tests"
    cargo test -q
    cargo test -q --features bench --lib prime::bench
    echo "== native release-mode tests (real 4096-bit keys)"
    cargo test -q --release --test release_4096 -- --include-ignored
    echo "== wasm binding tests in headless Chromium"
    CHROMEDRIVER=/usr/bin/chromedriver cargo test --target "$TARGET" --test wasm_api
    echo "== browser end-to-end tests"
    node --test --test-concurrency=1 tests/e2e/
    ;;
  bench)
    need_debian
    # The benchmark's seededKeygen lives in its own build (feature bench), never in the page's www/pkg/.
    build www/bench-pkg bench
    build
    node tests/bench/bench.mjs
    ;;
  *)
    echo "usage: $0 [build|serve|test|bench]" >&2
    exit 2
    ;;
esac
