#!/usr/bin/env bash
# Load benchmark of the web map's API: a store holding at least 100,000 relations (a synthetic
# corpus from entente-synth, ingested by the release binary), `entente serve` on
# loopback, and wrk with 64 concurrent connections for 20 seconds against the pair route
# (/api/pairs/A/B, the data of `entente dyad`) for the pair with the most relations, then the
# pair's evidence page. Reports requests per second and p99 latency; fails on any error or
# non-2xx answer.
#
#   scripts/bench_serve.sh                       # 100000 relations, 64 connections, 20 s
#   RELATIONS=20000 DURATION=5s scripts/bench_serve.sh
#   BENCH_DIR=/somewhere scripts/bench_serve.sh  # keeps the corpus and store between runs
#   BIN=/path/to/entente scripts/bench_serve.sh  # another build (ingests and serves; not built here)
#
# Needs wrk (apt-get install -y wrk) and python3.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
relations="${RELATIONS:-100000}"
connections="${CONNECTIONS:-64}"
duration="${DURATION:-20s}"
threads="${THREADS:-2}"
port="${PORT:-18471}"
dir="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$dir"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }

cargo build --release -q -p entente-synth --manifest-path "$root/Cargo.toml" >&2
synth="$root/target/release/entente-synth"
bin="${BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release -q -p entente-cli --manifest-path "$root/Cargo.toml" >&2
    bin="$root/target/release/entente"
fi
db="$dir/serve-bench.db"

count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from relations').fetchone()[0])" "$1" 2>/dev/null || echo 0; }

# About 11 relations per synthetic document: add corpus parts until the store holds enough.
part=0
while [ "$(count "$db")" -lt "$relations" ]; do
    part=$((part + 1))
    corpus="$dir/corpus-$part"
    if [ ! -f "$corpus/.done" ]; then
        rm -rf "$corpus"
        # Each part its own seed, its ids after the last part's (ids must not collide).
        n=$(( (relations / 11) + 500 ))
        "$synth" --docs "$n" --out "$corpus" --seed "$part" --first $(( (part - 1) * n )) >&2
        touch "$corpus/.done"
    fi
    "$bin" ingest "$corpus" --db "$db" --no-progress >&2
done
echo "store: $db with $(count "$db") relations" >&2

read -r a b n <<<"$(python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(*c.execute("""SELECT min(source, target), max(source, target), count(*) FROM relations
                    WHERE source != target GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1""").fetchone())
PY
)"
echo "pair: $a-$b ($n relations)" >&2

"$bin" serve --db "$db" --addr "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null

run() {
    local name="$1" url="$2"
    curl -fsS "$url" >/dev/null
    local out
    out="$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s --latency "$url")"
    echo "$out" >"$dir/wrk-$name.txt"
    local rps p99 bad errors
    rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    bad="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
    errors="$(grep -c 'Socket errors' <<<"$out" || true)"
    printf '%-10s %-40s %12s %10s %8s\n' "$name" "${url#http://127.0.0.1:$port}" "$rps" "$p99" "${bad:-0}"
    if [ -n "$bad" ] || [ "$errors" != 0 ]; then
        echo "errors during the run:" >&2
        echo "$out" >&2
        return 1
    fi
}

echo
echo "$(count "$db") relations stored; $connections connections for $duration ($threads wrk threads), $(nproc) cores"
printf '%-10s %-40s %12s %10s %8s\n' route path "requests/s" p99 errors
run pair "http://127.0.0.1:$port/api/pairs/$a/$b"
run evidence "http://127.0.0.1:$port/api/pairs/$a/$b/evidence?limit=20"
