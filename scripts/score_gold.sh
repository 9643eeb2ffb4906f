#!/usr/bin/env bash
# Scores the extractor on every gold set in ../shared/gold (as ../shared/hooks/before-stop does).
# usage: scripts/score_gold.sh [--verbose] [--pairing|--parse-alone]  (the default: the parse with the pairing rules added)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
cargo build --release -q --bin entente
verbose=""; mode=()
for a in "$@"; do case "$a" in --verbose) verbose=1 ;; --pairing) mode=(--pairing) ;; --parse-alone) mode=(--parse-alone) ;; esac; done
bin=target/release/entente
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for gold in "$shared"/gold/*.json; do
  name=$(basename "$gold" .json)
  case "$name" in
    *.body)
      name=${name%.body}
      "$bin" read --format json "$shared/corpus/$name" >"$tmp/read.json" 2>/dev/null || true
      printf '%-20s %s\n' "$name" "$(python3 "$shared/tools/score_body.py" "$gold" "$tmp/read.json" | tail -n 1)"
      ;;
    *)
      input=""
      for c in "$shared/corpus/$name.txt" "$shared/corpus/$name.jsonl"; do [ -e "$c" ] && input=$c && break; done
      [ -n "$input" ] || continue
      "$bin" extract "${mode[@]}" --format jsonl "$input" >"$tmp/$name.jsonl" 2>/dev/null || true
      if [ -n "$verbose" ]; then
        python3 "$shared/tools/score.py" "$gold" "$tmp/$name.jsonl" --verbose
      else
        printf '%-20s %s\n' "$name" "$(python3 "$shared/tools/score.py" "$gold" "$tmp/$name.jsonl" | tail -n 1)"
      fi
      ;;
  esac
done
