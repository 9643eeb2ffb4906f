#!/usr/bin/env bash
# The ingest benchmark: synthetic corpora of ~5 KB news documents (entente-synth),
# ingested by the release binary into a fresh store; reports documents per second and peak
# memory (/usr/bin/time -v) per size, to show throughput and that memory stays flat as the
# corpus grows (documents stream; nothing holds the corpus). CPU seconds and documents per
# CPU-second are given too: on a shared machine wall time measures the neighbours as well.
#
#   scripts/bench_ingest.sh [SIZES...]        default: 10000 100000
#   BENCH_DIR=/somewhere scripts/bench_ingest.sh 10000
#
# Also runs the store's write path alone (cargo bench -p entente-sqlite --bench ingest), which
# measures SQLite without the extractor.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
dir="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$dir"
echo "working in $dir"

cargo build --release -p entente-cli -p entente-synth --manifest-path "$root/Cargo.toml" >&2
bin="$root/target/release/entente"
synth="$root/target/release/entente-synth"

printf '\n%-10s %10s %12s %10s %12s %12s %12s %8s\n' documents seconds "documents/s" "CPU s" "docs/CPU-s" relations "peak RSS MB" "db MB"
for n in "${sizes[@]}"; do
    corpus="$dir/corpus-$n"
    if [ ! -f "$corpus/.done" ]; then
        rm -rf "$corpus"
        "$synth" --docs "$n" --out "$corpus"
        touch "$corpus/.done"
    fi
    db="$dir/bench-$n.db"
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -v "$bin" ingest "$corpus" --db "$db" --no-progress \
        >"$dir/ingest-$n.out" 2>"$dir/ingest-$n.err" || {
        cat "$dir/ingest-$n.err" >&2
        exit 1
    }
    summary="$(grep '^ingest:' "$dir/ingest-$n.out")"
    secs="$(sed -E 's/.* in ([0-9.]+) s .*/\1/' <<<"$summary")"
    rate="$(sed -E 's/.*\(([0-9]+) documents\/s\).*/\1/' <<<"$summary")"
    rels="$(sed -E 's/.*; ([0-9]+) relations written.*/\1/' <<<"$summary")"
    rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/ingest-$n.err")"
    cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$dir/ingest-$n.err")"
    per_cpu="$(awk -v n="$n" -v c="$cpu" 'BEGIN {printf "%.0f", n / c}')"
    db_mb="$(du -m "$db" | cut -f1)"
    printf '%-10s %10s %12s %10s %12s %12s %12s %8s\n' "$n" "$secs" "$rate" "$cpu" "$per_cpu" "$rels" "$((rss_kb / 1024))" "$db_mb"
done

echo
for per_doc in 6 27; do
    cargo bench -p entente-sqlite --bench ingest --manifest-path "$root/Cargo.toml" -- 20000 256 "$per_doc" 2>/dev/null | tail -1
done
