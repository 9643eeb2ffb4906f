#!/usr/bin/env bash
# Spark local mode with 1 and 2 executors against single-process `entente extract` on the same
# synthetic corpus (entente-synth), in one run: documents/s for each (docs/scale.md).
#
#   scripts/bench_spark.sh [N_DOCS]    (default 20000; needs java, pyspark, pyarrow)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
BIN=${ENTENTE_BIN:-target/release/entente}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --release -q -p entente-synth >&2
target/release/entente-synth --docs "$N" --out "$WORK/corpus" --per-file 5000 >/dev/null
files=("$WORK"/corpus/*.jsonl)

secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$@"; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$@"; }

echo "corpus: $N documents, $(du -sh "$WORK/corpus" | cut -f1); $(nproc) cores; $(date -u +%FT%TZ)"
for j in 1 2; do
  t0=$(date +%s.%N)
  "$BIN" extract --format jsonl -j "$j" "${files[@]}" >"$WORK/extract-$j.jsonl"
  t=$(secs "$t0" "$(date +%s.%N)")
  echo "extract -j $j: ${t}s, $(rate "$N" "$t") docs/s, $(wc -l <"$WORK/extract-$j.jsonl") relations"
done
for e in 1 2; do
  t0=$(date +%s.%N)
  ENTENTE_BIN="$BIN" python3 scripts/spark_extract.py --master "local[$e]" --out "$WORK/spark-$e" "${files[@]}" 2>"$WORK/spark-$e.log"
  t=$(secs "$t0" "$(date +%s.%N)")
  echo "spark local[$e]: ${t}s, $(rate "$N" "$t") docs/s (JVM start and Parquet write included); $(tail -1 "$WORK/spark-$e.log")"
done
