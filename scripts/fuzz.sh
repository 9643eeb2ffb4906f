#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds: scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]
#
# Targets (fuzz/fuzz_targets/): read_text, read_html, sentences, actors, extract, input_json, warc,
# warc_resync, json_lines, parse.
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and nightly compiler flags: the nightly toolchain
# when installed, else the stable one with RUSTC_BOOTSTRAP=1. Runs at the lowest CPU priority,
# one job; the corpus grows in fuzz/corpus/TARGET, crashes land in fuzz/artifacts/TARGET (both
# ignored by git: every crash becomes a test in crates/entente/tests/regressions.rs instead).
# A run that takes more than 10 s on one input counts as a hang (-timeout=10), and one input is at
# most 64 KB (-max_len), besides what the targets check themselves.
#
# To fuzz the last commit while the working tree is being edited, fuzz a copy of it and keep the
# compiled dependencies: git archive HEAD | tar -x -C /tmp/snap &&
#   CARGO_TARGET_DIR="$PWD/fuzz/target" /tmp/snap/scripts/fuzz.sh TARGET SECONDS
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

target="${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]}"
seconds="${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]}"
shift 2

if ! command -v cargo-fuzz >/dev/null; then
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
  exit 2
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  cargo=(cargo +nightly)
else
  export RUSTC_BOOTSTRAP=1
  cargo=(cargo)
fi

mkdir -p "corpus/$target" "artifacts/$target"
# Seed the corpus with the project's examples once (a copy: corpus/ is not committed).
if [ -z "$(ls -A "corpus/$target")" ]; then
  for f in ../examples/* ../crates/entente-read/tests/data/*; do
    [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] && cp "$f" "corpus/$target/" || true
  done
fi

nice -n 19 "${cargo[@]}" fuzz run --sanitizer none -j 1 "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout=10 -max_len=65536 -rss_limit_mb=2048 \
  -artifact_prefix="artifacts/$target/" -print_final_stats=1 "$@"
