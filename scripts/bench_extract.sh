#!/usr/bin/env bash
# The speed figures of docs/speed.md, on this machine: extraction throughput on one thread and
# on all (generated 5 KB articles, web article bodies, short real news), start-up time, ingest documents per second,
# peak memory while streaming a large JSON Lines file, and `entente bench`'s stage table.
# Wall time and CPU seconds are both given: on a shared machine wall time measures the
# neighbours too, and MB per CPU-second is the fairer figure per core.
#
#   scripts/bench_extract.sh                 quick: 10 MB corpora, a 100 MB streaming file
#   BIG_MB=1000 scripts/bench_extract.sh     the streaming file at ~1 GB (takes minutes)
#   BENCH_DIR=/somewhere scripts/bench_extract.sh   keep the generated corpora there
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${BENCH_DIR:-$(mktemp -d)}"
big_mb="${BIG_MB:-100}"
mkdir -p "$dir"
echo "working in $dir" >&2

cargo build --release -p entente-cli -p entente-synth --manifest-path "$root/Cargo.toml" >&2
bin="$root/target/release/entente"
synth="$root/target/release/entente-synth"
cores="$(nproc)"

# Corpora: generated ~5 KB articles (entente-synth) and the real news of
# ../shared/corpus repeated with new ids (short: a median of 167 bytes a document), about 10 MB
# of text each.
gen() { # DIR N
    if [ ! -f "$1/.done" ]; then
        rm -rf "$1"
        "$synth" --docs "$2" --out "$1" --per-file 1000000 >&2
        touch "$1/.done"
    fi
}
gen "$dir/gen10" 2000
real="$dir/real10.jsonl"
if [ ! -f "$real" ]; then
    python3 - "$root/../shared/corpus" "$real" <<'EOF'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
docs = []
for name in ("news-dev.jsonl", "up-gsr.jsonl"):
    with open(os.path.join(src, name), encoding="utf-8") as f:
        docs += [json.loads(l) for l in f if l.strip()]
size, rnd = 0, 0
with open(out, "w", encoding="utf-8") as w:
    while size < 10_000_000:
        for d in docs:
            w.write(json.dumps(dict(d, id=f"{d['id']}#{rnd}")) + "\n")
            size += len(d.get("text", "").encode())
        rnd += 1
EOF
fi

# Web articles: the bodies (title, body, captions) that `entente read` finds in the 181 pages of
# ../shared/corpus/article-extraction (news and blogs, some in Russian, Korean or Japanese), as
# text (paragraphs between blank lines), repeated with new ids to about 10 MB.
web="$dir/web10.jsonl"
if [ ! -f "$web" ]; then
    "$bin" read --format json "$root/../shared/corpus/article-extraction" 2>/dev/null | python3 -c '
import json, sys
pages = json.load(sys.stdin)
bodies = ["\n\n".join(p["text"] for p in page["parts"] if p["kind"] in ("title", "body", "caption")) for page in pages]
size, rnd = 0, 0
with open(sys.argv[1], "w", encoding="utf-8") as w:
    while size < 10_000_000:
        for i, text in enumerate(bodies):
            w.write(json.dumps({"id": f"web-{i}#{rnd}", "text": text}) + "\n")
            size += len(text.encode())
        rnd += 1
' "$web"
fi

text_mb() { # JSONL files... -> MB of document text
    python3 -c 'import json,sys; print(sum(len(json.loads(l).get("text","").encode()) for f in sys.argv[1:] for l in open(f) if l.strip())/1e6)' "$@"
}

timed() { # LABEL MB COMMAND... : wall, CPU, MB/s, MB/CPU-s, peak RSS
    local label="$1" mb="$2"
    shift 2
    /usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || {
        [ $? -eq 3 ] || { cat "$dir/stderr.txt" >&2; exit 1; }
    }
    read -r wall user sys rss < <(tail -1 "$dir/time.txt")
    awk -v l="$label" -v mb="$mb" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
        c = u + s; printf "%-44s %8.1f %8.2f %8.2f %8.2f %10.2f %8d\n", l, mb, w, c, mb / w, mb / c, r / 1024 }'
}

printf '\n%-44s %8s %8s %8s %8s %10s %8s\n' "run" "MB" "wall s" "CPU s" "MB/s" "MB/CPU-s" "RSS MB"
gen_mb="$(text_mb "$dir"/gen10/*.jsonl)"
real_mb="$(text_mb "$real")"
web_mb="$(text_mb "$web")"
for t in 1 "$cores"; do
    timed "extract, generated 5 KB articles, $t thr" "$gen_mb" "$bin" extract --threads "$t" "$dir"/gen10
    timed "extract, web article bodies, $t thr" "$web_mb" "$bin" extract --threads "$t" "$web"
    timed "extract, short real news, $t thr" "$real_mb" "$bin" extract --threads "$t" "$real"
done

# Ingest of 5 KB articles into a fresh store (all threads).
rm -f "$dir/ingest.db" "$dir/ingest.db-wal" "$dir/ingest.db-shm"
/usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" "$bin" ingest "$dir"/gen10 --db "$dir/ingest.db" --no-progress \
    >"$dir/ingest.out" 2>"$dir/stderr.txt"
read -r wall user sys rss <"$dir/time.txt"
awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
    printf "%-44s %8d %8.2f %8.2f %8.0f docs/s %6.0f docs/CPU-s, RSS %d MB\n", "ingest, 2000 generated 5 KB articles", 2000, w, u + s, 2000 / w, 2000 / (u + s), r / 1024 }'

# Start-up: extract on one short document, 20 times.
printf '{"id": "s", "text": "Norway agreed to sell Japan gas."}\n' >"$dir/one.jsonl"
python3 - "$bin" "$dir/one.jsonl" <<'EOF'
import subprocess, sys, time
runs = []
for _ in range(20):
    t0 = time.perf_counter()
    subprocess.run([sys.argv[1], "extract", "--format", "jsonl", sys.argv[2]], check=True, stdout=subprocess.DEVNULL)
    runs.append((time.perf_counter() - t0) * 1000)
runs.sort()
print(f"start-up (extract on one sentence, 20 runs): median {runs[10]:.0f} ms, min {runs[0]:.0f} ms, max {runs[-1]:.0f} ms")
EOF

# Peak memory while streaming a large JSON Lines file (generated 5 KB articles).
n_big=$((big_mb * 200))
gen "$dir/big$big_mb" "$n_big"
big_file="$(ls "$dir/big$big_mb"/*.jsonl)"
big_bytes="$(stat -c %s "$big_file")"
timed "extract, streaming ${big_mb} MB JSONL, $cores thr" "$(awk -v b="$big_bytes" 'BEGIN {print b / 1e6}')" \
    "$bin" extract --threads "$cores" "$big_file"
echo "(the streaming row counts MB of the JSON Lines file, not of the text alone)"

echo
gen "$dir/gen1000" 1000
"$bin" bench "$dir/gen1000"
