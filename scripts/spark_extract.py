#!/usr/bin/env python3
"""Runs `entente extract` over a corpus on Spark and writes partitioned Parquet (docs/scale.md).

Input: JSON Lines files (one document a line, as `entente extract` reads them; .gz too) and
WARC files (.warc, .warc.gz), given as paths or globs Spark understands (local, HDFS, S3...).
Each partition of JSON Lines is piped through `entente extract --format parquet -j 1 -`; each
WARC file goes through `entente extract --format parquet -j 1 FILE`. pyarrow reads entente's
Parquet and hands it to Spark as Arrow batches (mapInArrow): no Python row objects. The
binary is the one shipped with `spark-submit --files /path/to/entente`, else ENTENTE_BIN, else
`entente` on PATH. Needs pyarrow and pandas (>= 2.2) beside pyspark on the executors.

Output, under OUT:
  relations/   one row per relation, partitioned by sector (the columns of docs/parquet.md, with
               plain strings for its dictionaries and signed offsets; no --explain columns)
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


def arrow_schema():
    """The Arrow schema of the rows the tasks hand to Spark: the relation columns, then
    `failed_place` and `failed_error`, set only on a failed document's row."""
    import pyarrow as pa
    quantity = pa.struct([("value", pa.float64()), ("unit", pa.string()), ("of", pa.string())])
    kinds = {"string": pa.string(), "bigint": pa.int64(), "double": pa.float64()}
    fields = [(n, pa.list_(quantity) if n == "quantities" else kinds[k]) for n, k in RELATION_COLUMNS]
    return pa.schema(fields + [("failed_place", pa.string()), ("failed_error", pa.string())])


def relations_table(parquet_bytes):
    """`extract --format parquet`'s output as a table of arrow_schema(): dictionaries become
    strings, offsets signed (Spark has no unsigned integers), the --explain columns go."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = arrow_schema()
    t = pq.read_table(pa.BufferReader(parquet_bytes))
    cols = [t.column(n).cast(schema.field(n).type) for n, _ in RELATION_COLUMNS]
    nulls = [pa.nulls(t.num_rows, pa.string())] * 2
    return pa.Table.from_arrays(cols + nulls, schema=schema)


def failed_table(failed):
    """Failed documents, (place, doc id or None, error) each, as rows of arrow_schema()."""
    import pyarrow as pa
    schema = arrow_schema()
    n = len(failed)
    cols = {f.name: pa.nulls(n, f.type) for f in schema}
    cols["doc"] = pa.array([d for _, d, _ in failed], pa.string())
    cols["failed_place"] = pa.array([p for p, _, _ in failed], pa.string())
    cols["failed_error"] = pa.array([e for _, _, e in failed], pa.string())
    return pa.Table.from_arrays([cols[f.name] for f in schema], schema=schema)


def run_entente(args, stdin_bytes):
    """Runs entente with Parquet output: its exit status, the Parquet bytes, the skipped
    documents as (place, message) pairs (entente reports each as `skipped: PLACE: MESSAGE`),
    its stderr."""
    p = subprocess.run([entente_binary(), "extract", "--format", "parquet", "-j", "1", *args],
                       input=stdin_bytes, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stderr = p.stderr.decode("utf-8", "replace")
    skipped = []
    for line in stderr.splitlines():
        if line.startswith("skipped: "):
            place, _, message = line[len("skipped: "):].partition(": ")
            skipped.append((place, message))
    return p.returncode, p.stdout, skipped, stderr


def doc_id(line):
    try:
        d = json.loads(line)
    except ValueError:
        return None
    return d.get("id") if isinstance(d, dict) else None


def extract_lines(tag, lines, place=None):
    """One partition of JSON Lines documents: a list of tables of arrow_schema(), its
    relations and its failed documents. `place(n)` names line n (from 1) in a failed row;
    by default `TAG:n`."""
    place = place or (lambda n: f"{tag}:{n}")
    lines = [l for l in lines if l.strip()]
    if not lines:
        return []
    data = ("\n".join(lines) + "\n").encode("utf-8")
    status, parquet, skipped, stderr = run_entente(["-"], data)
    if status not in (0, 3):
        # entente itself failed on this partition: run each document alone, so that one bad
        # document fails alone, named by its line in the partition.
        if len(lines) == 1:
            return [failed_table([(place(1), doc_id(lines[0]), f"entente exited {status}: {stderr.strip()[-500:]}")])]
        out = []
        for i, line in enumerate(lines):
            out += extract_lines(tag, [line], place=lambda _, n=i + 1: place(n))
        return out
    failed = []
    for where, message in skipped:
        if where.startswith("-:") and where[2:].isdigit():
            n = int(where[2:])
            failed.append((place(n), doc_id(lines[n - 1]) if 0 < n <= len(lines) else None, message))
        else:
            failed.append((tag, where, message))
    return [relations_table(parquet), failed_table(failed)]


def extract_warc(path, content):
    """One WARC file: a list of tables of arrow_schema()."""
    suffix = ".warc.gz" if path.endswith(".gz") else ".warc"
    with tempfile.NamedTemporaryFile(suffix=suffix) as f:
        f.write(content)
        f.flush()
        status, parquet, skipped, stderr = run_entente([f.name], None)
    if status not in (0, 3):
        return [failed_table([(path, None, f"entente exited {status}: {stderr.strip()[-500:]}")])]
    return [relations_table(parquet), failed_table([(path, p, m) for p, m in skipped])]


def lines_task(batches):
    """mapInArrow over a partition of input lines: all its lines through one entente process."""
    from pyspark import TaskContext
    lines = [v for b in batches for v in b.column(0).to_pylist() if v is not None]
    for t in extract_lines(f"partition-{TaskContext.get().partitionId()}", lines):
        yield from t.to_batches()


def warc_task(batches):
    """mapInArrow over WARC files (path, content): each file through one entente process."""
    for b in batches:
        for path, content in zip(b.column("path").to_pylist(), b.column("content").to_pylist()):
            for t in extract_warc(path, content):
                yield from t.to_batches()


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

    # Each task hands Spark its rows as Arrow batches (entente writes Parquet, pyarrow reads it):
    # no Python row objects between entente and Spark's Parquet writer.
    spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
    schema = ", ".join([ddl(RELATION_COLUMNS), "`failed_place` string", "`failed_error` string"])
    frames = []
    if jsonl:
        n = args.partitions or sc.defaultParallelism * 4
        lines = spark.read.text(jsonl)
        if lines.rdd.getNumPartitions() != n:
            lines = lines.repartition(n)
        frames.append(lines.mapInArrow(lines_task, schema))
    if warcs:
        files = spark.read.format("binaryFile").load(warcs).select("path", "content")
        frames.append(files.mapInArrow(warc_task, schema))
    rows = frames[0] if len(frames) == 1 else frames[0].unionByName(frames[1])
    rows = rows.cache()

    relations = rows.where("failed_place is null").drop("failed_place", "failed_error")
    relations.write.mode("overwrite").partitionBy("sector").parquet(os.path.join(args.out, "relations"))
    failed = rows.where("failed_place is not null").selectExpr("failed_place as place", "doc", "failed_error as error")
    failed.write.mode("overwrite").parquet(os.path.join(args.out, "failed"))
    n_rel = spark.read.parquet(os.path.join(args.out, "relations")).count()
    n_failed = spark.read.parquet(os.path.join(args.out, "failed")).count()
    print(f"{n_rel} relations, {n_failed} failed documents -> {args.out}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
