#!/usr/bin/env python3
"""Runs `entente extract` over a corpus on Spark and writes partitioned Parquet (docs/scale.md).

Input: JSON Lines files (one document a line, as `entente extract` reads them; .gz too) and
WARC files (.warc, .warc.gz), given as paths or globs Spark understands (local, HDFS, S3...).
Each partition of JSON Lines is piped through `entente extract --format jsonl -j 1 -`; each
WARC file goes through `entente extract --format jsonl -j 1 FILE`. The binary is the one shipped
with `spark-submit --files /path/to/entente`, else ENTENTE_BIN, else `entente` on PATH.

Output, under OUT:
  relations/   one row per relation, partitioned by sector (the columns of docs/parquet.md)
  failed/      one row per document entente could not read or extract: where it was, its id
               when known, and the error. A failed document is a row, never a failed job.

    spark-submit --master local[2] --files target/release/entente \\
        scripts/spark_extract.py --out out/ corpus/*.jsonl

Exit status 0 when the job ran, whatever number of documents failed (the count is printed).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

RELATION_COLUMNS = [
    ("doc", "string"), ("url", "string"), ("doc_date", "string"),
    ("source", "string"), ("target", "string"),
    ("source_name", "string"), ("source_kind", "string"),
    ("target_name", "string"), ("target_kind", "string"),
    ("sector", "string"), ("type", "string"), ("mode", "string"), ("polarity", "string"), ("modality", "string"),
    ("quantities", "array<struct<value:double,unit:string,of:string>>"),
    ("time_start", "string"), ("time_end", "string"),
    ("evidence_text", "string"), ("evidence_start", "bigint"), ("evidence_end", "bigint"),
    ("evidence_part", "string"), ("confidence", "double"),
]
FAILED_COLUMNS = [("place", "string"), ("doc", "string"), ("error", "string")]


def ddl(columns):
    return ", ".join(f"`{name}` {kind}" for name, kind in columns)


def entente_binary():
    """The shipped binary (--files), else ENTENTE_BIN, else `entente` on PATH."""
    try:
        from pyspark import SparkFiles
        shipped = SparkFiles.get("entente")
        if os.path.isfile(shipped):
            if not os.access(shipped, os.X_OK):
                os.chmod(shipped, 0o755)
            return shipped
    except Exception:  # no SparkContext here (a test of the functions), or nothing shipped
        pass
    found = os.environ.get("ENTENTE_BIN") or shutil.which("entente")
    if not found:
        raise RuntimeError("entente not found: ship it with --files, set ENTENTE_BIN or put it on PATH")
    return found


def relation_row(r, docs):
    """A relation of `extract --format jsonl` as a row of RELATION_COLUMNS."""
    url, date = docs.get(r["doc"], (None, None))
    ev, sa, ta = r["evidence"], r["source_actor"], r["target_actor"]
    return (
        r["doc"], url, date, r["source"], r["target"], sa["name"], sa["kind"], ta["name"], ta["kind"],
        r["sector"], r["type"], r.get("mode"), r["polarity"], r["modality"],
        [(float(q["value"]), q["unit"], q.get("of")) for q in r["quantities"]],
        r["time"]["start"], r["time"]["end"], ev["text"], ev["start"], ev["end"], ev["part"],
        float(r["confidence"]),
    )


def run_entente(args, stdin_bytes):
    """Runs entente: its exit status, the relations (dicts), the skipped documents as
    (place, message) pairs (entente reports each as `skipped: PLACE: MESSAGE`), its stderr."""
    p = subprocess.run([entente_binary(), "extract", "--format", "jsonl", "-j", "1", *args],
                       input=stdin_bytes, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    relations = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    skipped = []
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("skipped: "):
            place, _, message = line[len("skipped: "):].partition(": ")
            skipped.append((place, message))
    return p.returncode, relations, skipped, p.stderr.decode("utf-8", "replace")


def extract_lines(tag, lines):
    """One partition of JSON Lines documents: (relation rows, failed rows)."""
    lines = [l for l in lines if l.strip()]
    docs, ids = {}, []
    for line in lines:
        try:
            d = json.loads(line)
            ids.append(d.get("id") if isinstance(d, dict) else None)
            if isinstance(d, dict) and d.get("id") is not None:
                docs[d["id"]] = (d.get("url"), d.get("date"))
        except ValueError:
            ids.append(None)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    status, relations, skipped, stderr = run_entente(["-"], data)
    if status not in (0, 3):
        # entente itself failed on this partition: run each document alone, so that one bad
        # document fails alone.
        if len(lines) == 1:
            return [], [(f"{tag}:1", ids[0], f"entente exited {status}: {stderr.strip()[-500:]}")]
        out_rel, out_failed = [], []
        for i, line in enumerate(lines):
            rel, failed = extract_lines(f"{tag}:{i + 1}", [line])
            out_rel += rel
            out_failed += [(f"{tag}:{i + 1}" if p.endswith(":1") else p, d, e) for p, d, e in failed]
        return out_rel, out_failed
    failed = []
    for place, message in skipped:
        if place.startswith("-:") and place[2:].isdigit():
            n = int(place[2:])
            doc_id = ids[n - 1] if 0 < n <= len(ids) else None
            failed.append((f"{tag}:{n}", doc_id, message))
        else:
            failed.append((tag, place, message))
    return [relation_row(r, docs) for r in relations], failed


def extract_warc(path, content):
    """One WARC file: (relation rows, failed rows)."""
    suffix = ".warc.gz" if path.endswith(".gz") else ".warc"
    with tempfile.NamedTemporaryFile(suffix=suffix) as f:
        f.write(content)
        f.flush()
        status, relations, skipped, stderr = run_entente([f.name], None)
    if status not in (0, 3):
        return [], [(path, None, f"entente exited {status}: {stderr.strip()[-500:]}")]
    return [relation_row(r, {}) for r in relations], [(path, p, m) for p, m in skipped]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="JSON Lines (.jsonl[.gz]) or WARC (.warc[.gz]) files or globs")
    ap.add_argument("--out", required=True, help="output directory (replaced)")
    ap.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    ap.add_argument("--partitions", type=int, default=0,
                    help="partitions of the JSON Lines input (default: Spark's default parallelism x 4)")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName("entente-extract").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    jsonl = [p for p in args.inputs if ".warc" not in os.path.basename(p)]
    warcs = [p for p in args.inputs if ".warc" in os.path.basename(p)]

    parts = []
    if jsonl:
        n = args.partitions or sc.defaultParallelism * 4
        lines = sc.textFile(",".join(jsonl), minPartitions=n)
        parts.append(lines.mapPartitionsWithIndex(lambda i, it: [extract_lines(f"partition-{i}", list(it))]))
    if warcs:
        files = sc.binaryFiles(",".join(warcs))
        parts.append(files.map(lambda pc: extract_warc(pc[0], pc[1])))
    results = parts[0] if len(parts) == 1 else sc.union(parts)
    results = results.cache()
    relations = results.flatMap(lambda r: r[0])
    failed = results.flatMap(lambda r: r[1])

    rel_df = spark.createDataFrame(relations, ddl(RELATION_COLUMNS))
    rel_df.write.mode("overwrite").partitionBy("sector").parquet(os.path.join(args.out, "relations"))
    failed_df = spark.createDataFrame(failed, ddl(FAILED_COLUMNS))
    failed_df.write.mode("overwrite").parquet(os.path.join(args.out, "failed"))
    n_rel = spark.read.parquet(os.path.join(args.out, "relations")).count()
    n_failed = spark.read.parquet(os.path.join(args.out, "failed")).count()
    print(f"{n_rel} relations, {n_failed} failed documents -> {args.out}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
