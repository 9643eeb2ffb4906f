#!/usr/bin/env bash
# Pathological inputs, each at 1x, 2x and 4x its size, through `entente extract` (read, split,
# match, extract): the time must grow linearly with the size (about 2x per step), never
# quadratically (4x per step). A benchmark to run and read, not a timed test.
#
#   scripts/bench_pathological.sh [BASE_BYTES]      default 1048576 (1 MiB)
#   ENTENTE_BIN=target/release/entente scripts/bench_pathological.sh   (skip the build)
#   BENCH_TIMEOUT=120 (default): a run stopped after that many seconds shows the limit as its time
#   BENCH_ONLY="attributes bomb": only the inputs named (default: all)
#
# Inputs (generated, nothing from a corpus):
#   nospace     one line of letters: no space, no period
#   commas      commas only (a million at 1x)
#   actors      actor names in one sentence joined by commas ("Israel, Iran, Azerbaijan, ...")
#   words       one sentence of ordinary words, no period
#   periods     "a." repeated: a sentence every 2 bytes
#   triggers    one sentence of "Israel signed with Iran" repeated without a period
#   numbers     "$5 billion " repeated
#   amounts     short sentences with an amount, in one paragraph (no line break)
#   entities    "&amp;" repeated in a title and in text
#   deep_html   <div> nested to the size (no closing tags), text at the bottom
#   many_p      one <p> per sentence
#   json_ld     a JSON-LD script nested arrays at depth
#   quotes      a transcript: lines wholly in quotation marks, each a pull-quote candidate
#   quotes_html body paragraphs, each followed by a quoted paragraph that repeats it
#   namesakes   office holders' surnames borne by others named in full, then alone
#   titled     titled persons the gazetteer lacks, then their surnames alone
#   owned      organisations whose state the text gives ("Germany's X", "Y of Taiwan"), then alone
#   attributes  one <div> with distinct attributes (a0 a1 ... aN) to the size, then a paragraph
#   parsed      sentences of about 2 KB, two actors each, nested clauses between them: every
#               sentence goes through the tagger and parser
#
# Then the one-line bomb: a .jsonl.gz of one JSON line of 64x the base size ("aaaa..."), then a
# good line, read by `entente read` at the default --max-bytes (10 MiB): the time and the peak
# resident memory (/usr/bin/time), which must stay flat while the line grows.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
base="${1:-1048576}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

if [ -z "${ENTENTE_BIN:-}" ]; then
    cargo build --release -p entente-cli --manifest-path "$root/Cargo.toml" >&2
    bin="$root/target/release/entente"
else
    bin="$ENTENTE_BIN"
fi

python3 - "$dir" "$base" <<'PY'
import sys, os
d, base = sys.argv[1], int(sys.argv[2])
def fit(unit, n):
    return (unit * (n // len(unit) + 1))[:n]
gens = {
    "nospace.txt": lambda n: fit("abcdefghij", n),
    "commas.txt": lambda n: "Israel " + "," * n,
    "actors.txt": lambda n: "Israel signed with " + fit("Iran, Azerbaijan, Russia, China, the United States, ", n) + "and NATO.",
    "words.txt": lambda n: "Israel " + fit("said that the talks would go on ", n),
    "periods.txt": lambda n: fit("a.", n),
    "triggers.txt": lambda n: fit("Israel signed with Iran and ", n),
    "amounts.txt": lambda n: fit("Israel sold Iran 5 tanks. ", n),
    "numbers.txt": lambda n: "Israel sold Iran " + fit("$5 billion ", n) + "of arms.",
    "entities.html": lambda n: "<title>" + fit("&amp;", n // 2) + "</title><p>" + fit("Israel &amp; Iran ", n // 2) + "</p>",
    "deep_html.html": lambda n: "<div>" * (n // 5) + "<p>Israel signed a deal with Azerbaijan.</p>",
    "many_p.html": lambda n: fit("<p>Israel signed a deal with Azerbaijan.</p>", n),
    "quotes.txt": lambda n: fit('"Israel said that the talks with Iran would go on."\n\n', n),
    "namesakes.txt": lambda n: fit("".join("The aide %s Morrison spoke with Iran. Later Morrison and Harris said %s Harris left. "
        % (a + b, b + a) for a in "ABCDEFGHIJ" for b in "klmnopqrst"), n),
    "titled.txt": lambda n: fit("".join("Dutch Trade Minister Pieter Vander%s signed with Iran. Vander%s said so. "
        % (a + b, b + a) for a in "abcdefghij" for b in "klmnopqrst"), n),
    "owned.txt": lambda n: fit("".join("Germany's Firma%s signed with Iran. Firma%s said so. Sky%s of Taiwan ordered jets. Sky%s flew. "
        % (a + b, b + a, a + b, b + a) for a in "abcdefghij" for b in "klmnopqrst"), n),
    "quotes_html.html": lambda n: fit('<p>Israel said that the talks with Iran would go on for another year at least, and that '
        'the next round would open in Baku.</p><p>"Israel said that the talks with Iran would go on."</p>', n),
    "attributes.html": lambda n: "<div" + fit("".join(" a%d" % i for i in range(n // 4 + 10)), n) + ">" + "<p>Israel signed a deal with Azerbaijan.</p>",
    "parsed.txt": lambda n: fit("Israel, which " + "said that the talks that the ministers held in the spring and in the summer would go on, " * 22
        + "signed a deal with Iran. ", n),
    "json_ld.html": lambda n: '<script type="application/ld+json">' + "[" * 100 + fit('{"@type":"NewsArticle","headline":"x"},', n) + "{}" + "]" * 100 + "</script><p>Israel signed a deal with Azerbaijan.</p>",
}
for name, g in gens.items():
    for k in (1, 2, 4):
        stem, ext = name.split(".")
        with open(os.path.join(d, f"{stem}-{k}x.{ext}"), "w") as f:
            f.write(g(base * k))
PY

limit="${BENCH_TIMEOUT:-120}"
slow=""
printf '%-10s %10s %10s %10s %12s %12s\n' input 1x_s 2x_s 4x_s "2x/1x" "4x/2x"
for f in "$dir"/*-1x.*; do
    name="$(basename "$f")"
    stem="${name%-1x.*}"
    ext="${name##*.}"
    if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $stem "* ]]; then
        continue
    fi
    times=()
    for k in 1 2 4; do
        start=$(date +%s.%N)
        status=0
        timeout "$limit" "$bin" extract "$dir/$stem-${k}x.$ext" --max-bytes 100000000 >/dev/null 2>&1 || status=$?
        end=$(date +%s.%N)
        if [ "$status" = 124 ]; then
            times+=("$limit")
            slow="$slow $stem-${k}x"
        else
            times+=("$(echo "$end - $start" | bc -l)")
        fi
    done
    r1=$(echo "${times[1]} / ${times[0]}" | bc -l)
    r2=$(echo "${times[2]} / ${times[1]}" | bc -l)
    printf '%-10s %10.3f %10.3f %10.3f %12.2f %12.2f\n' "$stem" "${times[0]}" "${times[1]}" "${times[2]}" "$r1" "$r2"
done
echo "(linear: ratios near 2; quadratic: near 4. Sizes: $base, $((base * 2)), $((base * 4)) bytes.)"
if [ -n "$slow" ]; then
    echo "stopped after ${limit} s (BENCH_TIMEOUT):$slow"
fi

# The one-line bomb.
if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" bomb "* ]]; then
    exit 0
fi
python3 - "$dir" "$base" <<'PY'
import sys, os, gzip
d, base = sys.argv[1], int(sys.argv[2])
chunk = b"a" * (1 << 20)
for k in (1, 2, 4):
    with gzip.open(os.path.join(d, f"bomb-{k}x.jsonl.gz"), "wb", compresslevel=1) as f:
        f.write(b'{"id":"bomb","text":"')
        for _ in range(64 * base * k // len(chunk)):
            f.write(chunk)
        f.write(b'"}\n{"id":"after","text":"Israel signed a deal with Azerbaijan."}\n')
PY
printf '%-10s %10s %10s %10s %12s %12s\n' "bomb" "line_MiB" "seconds" "peak_MiB" "" ""
for k in 1 2 4; do
    f="$dir/bomb-${k}x.jsonl.gz"
    /usr/bin/time -f '%e %M' -o "$dir/time.txt" timeout "$limit" "$bin" read "$f" >/dev/null 2>&1 || true
    read -r secs kib < <(tail -n 1 "$dir/time.txt") || true
    printf '%-10s %10d %10.2f %10.1f\n' "bomb-${k}x" $((64 * base * k / 1048576)) "$secs" "$(echo "$kib / 1024" | bc -l)"
done
echo "(the bomb: the line is skipped over the limit; the peak must not grow with it.)"
