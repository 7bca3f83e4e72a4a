#!/usr/bin/env bash
# keyfit's one build script. Installs what a fresh machine lacks, then:
#   ./build.sh          build the wasm and JS glue into www/pkg/
#   ./build.sh serve    build, then serve www/ on http://127.0.0.1:${PORT:-8080}/
#   ./build.sh test     run every test: native, wasm in headless Chromium, browser end-to-end (Chromium, and the
#                       core of it in Firefox ESR and WebKit)
#   ./build.sh bench    benchmarks side by side with the native tools (not part of test); `bench engines`: only
#                       keyfit's engine in Chromium, Firefox ESR and WebKit
#   ./build.sh dist     build, then dist/keyfit.html (one file that works from disk) and dist/site/ (to host)
#   ./build.sh fuzz [SECONDS]   every cargo-fuzz target of fuzz/ for SECONDS each (default 300; not part of test)
#   ./build.sh audit    cargo audit (offline against a local rustsec/advisory-db clone: ADVISORY_DB=dir)
set -eu
cd "$(dirname "$0")"

WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
DEBIAN_PACKAGES="chromium chromium-driver firefox-esr webkit2gtk-driver xvfb openssh-client putty-tools openssl libjsch-java libjgit-java default-jdk-headless"
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
    # Not --locked: with it, cargo install failed here (its lockfile pins a crate version the registry lacks).
    cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

need_node() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

need_fuzz() {
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
}

# Runs every fuzz target for $1 seconds, seeded from tests/corpus and tests/bad (each file behind a first byte
# of 1: "use the corpus passphrase", see fuzz/src/lib.rs). New inputs stay in fuzz/corpus/, crashes in
# fuzz/artifacts/ (both ignored by git): a crash becomes a row of tests/bad_inputs.rs.
fuzz() {
  local seconds=${1:-300} failed="" summary=""
  need_fuzz
  rm -rf fuzz/seeds && mkdir -p fuzz/seeds
  for f in tests/corpus/keys/* tests/bad/*; do
    case "$f" in *.sh) continue ;; esac
    { printf '\001'; cat "$f"; } > "fuzz/seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  # The clone URL table's inputs (as written there) seed check_clone_url.
  grep -v '^#' tests/clone-urls.tsv | tail -n +2 | cut -f1 | awk '{ print > ("fuzz/seeds/url-" NR) }'
  (cd fuzz && cargo +nightly fuzz build -O)
  for target in $(cd fuzz && cargo +nightly fuzz list); do
    mkdir -p "fuzz/corpus/$target"
    echo "== fuzz $target for ${seconds} s"
    if (cd fuzz && cargo +nightly fuzz run -O "$target" "corpus/$target" seeds -- -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len=65536 -dict=keys.dict -print_final_stats=1) 2> "fuzz/$target.log"; then
      :
    else
      failed="$failed $target"
    fi
    summary="$summary\n  $target: $(sed -n 's/^stat::number_of_executed_units: *//p' "fuzz/$target.log" | tail -1) executions"
  done
  printf "fuzz executions per target:$summary\n"
  if [ -n "$failed" ]; then
    echo "CRASHES in:$failed (inputs in fuzz/artifacts/, logs in fuzz/*.log)" >&2
    return 1
  fi
}

audit() {
  command -v cargo-audit >/dev/null || cargo install cargo-audit --locked --no-default-features
  # .cargo/audit.toml lists the advisories ignored and why.
  if [ -n "${ADVISORY_DB:-}" ]; then
    cargo audit --db "$ADVISORY_DB" --no-fetch --stale
  else
    cargo audit
  fi
}

# wasm_part out_dir name features: one part of the page's wasm, built from the crate with only `features`, as
# out_dir/name.js (wasm-bindgen's glue) and out_dir/name_bg.wasm. The KDF part (keyfit_kdf) is built for speed
# (cargo profile kdf: opt-level 3; wasm-opt -O3), the others for size (opt-level "z", wasm-opt -Oz).
wasm_part() {
  local out=$1 name=$2 features=$3
  # Each part but the key engine in a target folder of its own: sharing one, each build would rebuild the crate
  # for the other part.
  local target_dir=target profile=release
  [ "$name" = keyfit ] || target_dir="target/wasm-$name"
  [ "$name" = keyfit_kdf ] && profile=kdf
  # Panic messages carry the crates' source paths: name them from CARGO_HOME, so the wasm (and dist/) is the same
  # byte for byte whoever builds it. No `-Cllvm-args=-inline-threshold=5` (1.4 KB gzip less wasm): it reaches
  # into the opt-level 3 hash kernels too, and PBKDF2 at its cap took 29% (SHA-256) to 40% (SHA-512) more CPU
  # time in node with it (inspectKey, A/B, 2 runs each); bcrypt, scrypt and Argon2 were the same within noise.
  RUSTFLAGS="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo" \
    cargo build -q --lib --profile "$profile" --target "$TARGET" --target-dir "$target_dir" --no-default-features --features "$features"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" "$target_dir/$TARGET/$profile/keyfit.wasm"
  # binaryen from npm: Debian's wasm-opt 108 corrupts wasm-bindgen output.
  # --low-memory-unused: Rust's wasm keeps no data below 1024 (the stack ends there only when full); 0.7 KB gzip less.
  # -Oz twice: the second pass finds 0.6 KB (gzip) more; a third, or --converge, finds nothing more (the hash
  # kernels change by a few bytes, same speed in an A/B run of the hostile cases). --flatten --rereloop between
  # the first -Oz and the other two rebuilds the control flow: 1.0 KB gzip less, 3 s more, the at-cap KDFs and
  # findPrime the same speed in node (A/B, 2 runs).
  local passes="-Oz --flatten --rereloop -Oz -Oz"
  [ "$profile" = kdf ] && passes="-O3"
  node_modules/.bin/wasm-opt $passes --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --strip-debug --strip-producers "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
}

# build [out_dir [cargo features]]: the wasm and its JS glue; the page's is www/pkg/, in four parts: the key
# engine (keyfit.js, keyfit_bg.wasm: feature keys), its check part (keyfit_read.js, keyfit_read_bg.wasm: feature
# read, a key checked without a passphrase), the Host URL check (keyfit_url.js, keyfit_url_bg.wasm: feature
# clone-url) and the KDFs (keyfit_kdf.js, keyfit_kdf_bg.wasm: feature kdfs), which the page's worker loads apart
# (www/worker.js). Another out_dir (the benchmark's) gets only the key engine, with `features` added.
build() {
  local out=${1:-www/pkg} features=${2:-} sizes=""
  need_rust
  need_node
  wasm_part "$out" keyfit "keys${features:+,$features}"
  sizes="keyfit_bg.wasm $(gzip -9c "$out/keyfit_bg.wasm" | wc -c) bytes"
  if [ "$out" = www/pkg ]; then
    wasm_part "$out" keyfit_read read
    sizes="$sizes, keyfit_read_bg.wasm $(gzip -9c "$out/keyfit_read_bg.wasm" | wc -c) bytes"
    wasm_part "$out" keyfit_kdf kdfs
    sizes="$sizes, keyfit_kdf_bg.wasm $(gzip -9c "$out/keyfit_kdf_bg.wasm" | wc -c) bytes"
    wasm_part "$out" keyfit_url clone-url
    sizes="$sizes, keyfit_url_bg.wasm $(gzip -9c "$out/keyfit_url_bg.wasm" | wc -c) bytes"
    # The widget's markup and styles, from index.html and style.css.
    node tools/dist.mjs widget-parts
  fi
  echo "built $out/ (wasm, gzip: $sizes)"
}

dist() {
  node tools/dist.mjs --out dist
  (cd dist/site && sha256sum --quiet -c SHA256SUMS)
}

# phase title: prints the title of a stage of the test run and how long the run has taken so far.
phase() {
  echo "== $1 (at $((SECONDS / 60)) min $((SECONDS % 60)) s)"
}

case "${1:-build}" in
  build)
    build
    ;;
  dist)
    build
    dist
    ;;
  serve)
    build
    exec node tools/serve.mjs "${PORT:-8080}"
    ;;
  test)
    need_debian
    build
    dist
    phase "format and lints"
    cargo fmt --check
    cargo clippy -q --all-targets -- -D warnings
    cargo clippy -q --all-targets --features bench -- -D warnings
    cargo clippy -q --lib --target "$TARGET" -- -D warnings
    # The page's four wasm parts, each feature set alone (build()).
    cargo clippy -q --lib --target "$TARGET" --no-default-features --features keys -- -D warnings
    cargo clippy -q --lib --target "$TARGET" --no-default-features --features read -- -D warnings
    cargo clippy -q --lib --target "$TARGET" --no-default-features --features clone-url -- -D warnings
    cargo clippy -q --lib --target "$TARGET" --no-default-features --features kdfs -- -D warnings
    phase "native tests"
    # One build of the tests: feature bench adds only the benchmark's seeded generator (and its tests) to the default.
    cargo test -q --features bench
    phase "native release-mode tests (real 4096-bit keys)"
    cargo test -q --release --test release_4096 -- --include-ignored
    phase "wasm binding tests in headless Chromium"
    CHROMEDRIVER=/usr/bin/chromedriver cargo test --target "$TARGET" --test wasm_api
    phase "node tests (tools, wasm memory after each call)"
    # --test-timeout: a test that hangs fails after 10 minutes (20 for the npm installs) rather than stall the run.
    node --test --test-concurrency=1 --test-timeout=600000 tests/node/
    phase "browser end-to-end tests"
    node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/
    phase "the browser suite's core in Firefox ESR and WebKit"
    node --test --test-concurrency=1 --test-timeout=600000 tests/engines/
    phase "the npm package as users take it, and README's recipes in MkDocs, Sphinx, Docusaurus"
    node --test --test-concurrency=1 --test-timeout=1200000 tests/package/ tests/recipes/
    phase "every test passed"
    ;;
  bench)
    need_debian
    if [ "${2:-}" = engines ]; then
      # Only the group "engines": keyfit's engine in Chromium, Firefox ESR and WebKit (prints, writes nothing).
      build
      node tests/bench/engines.mjs
      exit
    fi
    # The benchmark's seededKeygen lives in its own build (feature bench), never in the page's www/pkg/.
    build www/bench-pkg bench
    build
    dist
    node tests/bench/bench.mjs
    ;;
  fuzz)
    fuzz "${2:-300}"
    ;;
  audit)
    audit
    ;;
  *)
    echo "usage: $0 [build|serve|test|bench [engines]|dist|fuzz [SECONDS]|audit]" >&2
    exit 2
    ;;
esac
