#!/usr/bin/env bash
# Byte-identical proof between two builds of entente (issue 21): the same inputs through both
# binaries, every output compared with cmp.
#
#   scripts/compare_builds.sh OLD_BINARY [NEW_BINARY]      # NEW: target/release/entente
#   DOCS=2000 scripts/compare_builds.sh /work/bin/entente-db69021
#   BENCH_DIR=/somewhere scripts/compare_builds.sh OLD     # keeps the corpus and stores
#
# Compared:
# - `extract --format jsonl` on every gold set's corpus in ../shared/corpus (SHARED to move it);
# - `extract` on examples/ as JSON Lines and as the table;
# - a store of DOCS (10,000) synthetic documents (entente-synth, seed 1), ingested by
#   each binary into its own file, then `export` in every format but Parquet (jsonl, csv, graphml,
#   gexf, dyad-year) and the questions (`dyad`, `actor`, `timeline`, `search`) as JSON.
# Also prints each ingest's wall and CPU seconds (documents/s), the two builds one after the
# other on the same machine: a side-by-side speed check, not a benchmark.
# Exits 1 if any output differs.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
old="${1:?usage: scripts/compare_builds.sh OLD_BINARY [NEW_BINARY]}"
new="${2:-$root/target/release/entente}"
shared="${SHARED:-$root/../shared}"
docs="${DOCS:-10000}"
dir="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$dir"
[ -x "$old" ] || { echo "$old: not an executable" >&2; exit 2; }
[ -x "$new" ] || { echo "$new: not an executable (build it: cargo build --release --bin entente)" >&2; exit 2; }

differ=0
# compare WHAT: $dir/old.WHAT against $dir/new.WHAT
compare() {
    local what=$1 a="$dir/old.$1" b="$dir/new.$1"
    if cmp -s "$a" "$b"; then
        printf 'same       %-44s %10d bytes  %s\n' "$what" "$(stat -c %s "$a")" "$(sha256sum "$a" | cut -c1-16)"
    else
        printf 'DIFFERENT  %-44s %10d / %d bytes\n' "$what" "$(stat -c %s "$a")" "$(stat -c %s "$b")"
        differ=1
    fi
}
# both WHAT ARGS...: runs each binary with ARGS, standard output to $dir/TAG.WHAT
both() {
    local what=$1
    shift
    "$old" "$@" >"$dir/old.$what" 2>/dev/null || true
    "$new" "$@" >"$dir/new.$what" 2>/dev/null || true
    compare "$what"
}

echo "old: $old"
echo "new: $new"

for corpus in "$shared"/corpus/*.jsonl "$shared"/corpus/*.txt; do
    [ -e "$corpus" ] || continue
    name=$(basename "$corpus")
    both "extract.$name" extract --format jsonl "$corpus"
done
both "extract.examples.jsonl" extract --format jsonl "$root/examples"
both "extract.examples.table" extract --format table "$root/examples"

corpus="$dir/corpus-$docs"
if [ ! -f "$corpus/.done" ]; then
    rm -rf "$corpus"
    cargo build --release -q -p entente-synth --manifest-path "$root/Cargo.toml" >&2
    "$root/target/release/entente-synth" --docs "$docs" --out "$corpus" --seed 1 >&2
    touch "$corpus/.done"
fi
for tag in old new; do
    bin=$old
    [ "$tag" = new ] && bin=$new
    db="$dir/$tag.db"
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f "%e %U %S" -o "$dir/$tag.time" "$bin" ingest "$corpus" --db "$db" --no-progress >/dev/null 2>&1
    read -r wall user sys <"$dir/$tag.time"
    awk -v t="$tag" -v n="$docs" -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN {
        printf "ingest %-3s %6d documents: %7.1f s wall, %7.1f s CPU: %5.0f documents/s, %5.0f per CPU-second\n",
            t, n, w, u + s, n / w, n / (u + s) }'
done
for format in jsonl csv graphml gexf dyad-year; do
    "$old" export --format "$format" --db "$dir/old.db" >"$dir/old.export.$format"
    "$new" export --format "$format" --db "$dir/new.db" >"$dir/new.export.$format"
    compare "export.$format"
done
# The busiest pair and its first actor, as the store gives them.
read -r a b <<<"$("$new" export --format dyad-year --db "$dir/new.db" \
    | awk -F, 'NR > 1 { n[$1 " " $2] += $7 } END { for (k in n) print n[k], k }' | sort -k1,1nr -k2 | head -1 | cut -d' ' -f2-)"
for question in "dyad $a $b" "actor $a" "timeline $a $b" "search sanctions"; do
    # shellcheck disable=SC2086
    "$old" $question --format json --db "$dir/old.db" >"$dir/old.q.${question// /_}" 2>/dev/null || true
    # shellcheck disable=SC2086
    "$new" $question --format json --db "$dir/new.db" >"$dir/new.q.${question// /_}" 2>/dev/null || true
    compare "q.${question// /_}"
done

if [ "$differ" = 0 ]; then
    echo "all outputs byte-identical"
else
    echo "some outputs differ (files in $dir)"
fi
exit "$differ"
