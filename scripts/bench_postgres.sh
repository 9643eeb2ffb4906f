#!/usr/bin/env bash
# Ingest into PostgreSQL with 1, 2 and 4 concurrent `entente ingest` writers, and into SQLite
# the same way in the same run, on one generated corpus (scripts/gen_bench_corpus.py, ~5 KB
# news documents, split into 4 files). With k writers, writer i ingests the files i, i+k, ...
# (disjoint shards); then an overlap run: every writer also sends the next writer's shard, so
# each document is sent twice, by two processes at once. After each run the store is counted:
# documents (and distinct ids), relations, against the corpus and the 1-writer run, so a lost
# or duplicated document shows. Each writer extracts on one thread (-j 1): k writers use k
# cores, and the machine's cores bound the gain.
#
#   scripts/bench_postgres.sh [DOCUMENTS]        default 4000
#   ENTENTE_BIN=target/release/entente BENCH_DIR=/tmp/b scripts/bench_postgres.sh 4000
#   BENCH_POSTGRES=postgres://user@host:5432/postgres scripts/bench_postgres.sh   # a server of yours
#
# Without BENCH_POSTGRES it starts a PostgreSQL server of its own (initdb from pg_config
# --bindir or /usr/lib/postgresql/*/bin, default settings: fsync on), on a free port, with its
# data in BENCH_DIR, and stops it at exit. It creates one database per run and drops it.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-4000}"
dir="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$dir"
echo "working in $dir"

if [ -z "${ENTENTE_BIN:-}" ]; then
    cargo build --release -p entente-cli --manifest-path "$root/Cargo.toml" >&2
    ENTENTE_BIN="$root/target/release/entente"
fi
bin="$ENTENTE_BIN"

corpus="$dir/corpus-$n"
if [ ! -f "$corpus/.done" ]; then
    rm -rf "$corpus"
    python3 "$root/scripts/gen_bench_corpus.py" "$corpus" "$n" --per-file $(((n + 3) / 4))
    touch "$corpus/.done"
fi
mapfile -t parts < <(find "$corpus" -name '*.jsonl' | sort)
[ "${#parts[@]}" -eq 4 ] || { echo "expected 4 corpus files in $corpus, found ${#parts[@]}" >&2; exit 1; }

# The server.
if [ -n "${BENCH_POSTGRES:-}" ]; then
    admin="$BENCH_POSTGRES"
else
    pg_bin=""
    for d in "$(pg_config --bindir 2>/dev/null)" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then pg_bin="$d"; break; fi
    done
    [ -n "$pg_bin" ] || { echo "no PostgreSQL server programs (initdb, pg_ctl); give BENCH_POSTGRES" >&2; exit 1; }
    as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    pg_dir="$dir/pg"
    rm -rf "$pg_dir"
    mkdir -p "$pg_dir"
    [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U entente -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
    trap 'as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true' EXIT
    admin="postgres://entente@127.0.0.1:$port/postgres"
fi
base="${admin%%\?*}"
base="${base%/*}"
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$admin" -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $(psql "$admin" -XAtc 'SHOW server_version') (fsync $(psql "$admin" -XAtc 'SHOW fsync')); corpus: $n documents, $(du -sm "$corpus" | cut -f1) MB; $bin"
printf '\n%-9s %-14s %8s %9s %12s %10s %10s %11s %s\n' backend run writers seconds "documents/s" documents "distinct" relations check

reference_relations=""
run() { # backend, k, overlap (0/1)
    local backend="$1" k="$2" overlap="$3" label db
    label="$k writer(s)"
    [ "$overlap" = 1 ] && label="$k, overlapping"
    if [ "$backend" = postgres ]; then
        local name="entente_bench_${k}_${overlap}"
        psql_admin "DROP DATABASE IF EXISTS $name" && psql_admin "CREATE DATABASE $name"
        db="$base/$name"
    else
        db="$dir/bench-$k-$overlap.db"
        rm -f "$db" "$db-wal" "$db-shm"
    fi
    # The store made (schema) before the clock starts, as a running store would be.
    "$bin" ingest /dev/null --db "$db" --no-progress >/dev/null 2>&1 || true
    local pids=() started ended i j files
    started=$(date +%s.%N)
    for ((i = 0; i < k; i++)); do
        files=()
        for ((j = i; j < 4; j += k)); do files+=("${parts[$j]}"); done
        if [ "$overlap" = 1 ]; then
            for ((j = (i + 1) % k; j < 4; j += k)); do files+=("${parts[$j]}"); done
        fi
        "$bin" ingest "${files[@]}" --db "$db" --no-progress -j 1 --lock-timeout 600 \
            >"$dir/$backend-$k-$overlap-$i.out" 2>"$dir/$backend-$k-$overlap-$i.err" &
        pids+=($!)
    done
    local failed=0
    for p in "${pids[@]}"; do wait "$p" || failed=1; done
    ended=$(date +%s.%N)
    if [ "$failed" = 1 ]; then
        echo "a writer failed ($backend, $label):" >&2
        cat "$dir/$backend-$k-$overlap-"*.err >&2
        exit 1
    fi
    local docs distinct rels
    if [ "$backend" = postgres ]; then
        read -r docs distinct rels < <(psql "$db" -XAt -F ' ' -c \
            "SELECT (SELECT count(*) FROM documents), (SELECT count(DISTINCT doc_id) FROM documents), (SELECT count(*) FROM relations)")
    else
        read -r docs distinct rels < <(python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
q = lambda s: c.execute(s).fetchone()[0]
print(q("SELECT count(*) FROM documents"), q("SELECT count(DISTINCT doc_id) FROM documents"), q("SELECT count(*) FROM relations"))
' "$db")
    fi
    [ -n "$reference_relations" ] || reference_relations="$rels"
    local check="ok"
    if [ "$docs" != "$n" ] || [ "$distinct" != "$n" ] || [ "$rels" != "$reference_relations" ]; then
        check="WRONG (expected $n documents, $reference_relations relations)"
    fi
    local secs rate
    secs=$(awk -v a="$started" -v b="$ended" 'BEGIN {printf "%.1f", b - a}')
    rate=$(awk -v a="$started" -v b="$ended" -v n="$n" 'BEGIN {printf "%.0f", n / (b - a)}')
    printf '%-9s %-14s %8s %9s %12s %10s %10s %11s %s\n' "$backend" "$label" "$k" "$secs" "$rate" "$docs" "$distinct" "$rels" "$check"
    if [ "$backend" = postgres ]; then psql_admin "DROP DATABASE $name WITH (FORCE)"; fi
    [ "$check" = ok ] || return 1
}

status=0
for k in 1 2 4; do
    run postgres "$k" 0 || status=1
    run sqlite "$k" 0 || status=1
done
run postgres 4 1 || status=1
run sqlite 4 1 || status=1
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
