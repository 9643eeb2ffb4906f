//! `entente extract` on many threads gives exactly what it gives on one: the same bytes in the
//! same order, the same skipped documents and the same exit status, across chunk boundaries
//! (documents are extracted 256 at a time).

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_entente");

/// A fresh directory under the system's temp dir, removed when dropped.
mod common;
use common::TempDir;

const STATES: &[&str] = &["Israel", "Azerbaijan", "Kazakhstan", "Russia", "China", "Turkey", "Japan", "Norway"];
const SENTENCES: &[&str] = &[
    "{a} agreed to sell {b} $5 billion worth of arms in 2016.",
    "{a} supplies about 40 percent of {b}'s oil imports.",
    "{a} imposed sanctions on {b}'s banks.",
    "{a} and {b} agreed to share intelligence on terrorism.",
    "Trade between {a} and {b} reached $2.5 billion last year.",
];

/// A directory of documents: text files, an HTML page, the bundled examples, and a JSON Lines
/// file of 700 documents (three chunks) with a few bad lines among them.
fn corpus(dir: &Path) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for entry in std::fs::read_dir(&examples).unwrap().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let mut jsonl = String::new();
    for i in 0..700 {
        if i % 97 == 13 {
            jsonl.push_str("{not json\n");
            continue;
        }
        let (a, b) = (STATES[i % STATES.len()], STATES[(i * 3 + 1) % STATES.len()]);
        let mut text = String::new();
        for k in 0..(1 + i % 4) {
            let s = SENTENCES[(i + k) % SENTENCES.len()].replace("{a}", a).replace("{b}", b);
            text.push_str(&s);
            text.push_str(if k % 2 == 0 { " Officials said talks would go on.\n\n" } else { " " });
        }
        let mut doc = serde_json::json!({"id": format!("doc-{i:04}"), "date": "2016-12-20", "text": text});
        if i.is_multiple_of(2) {
            doc["url"] = format!("https://news.example/{i}").into();
        }
        jsonl.push_str(&doc.to_string());
        jsonl.push('\n');
    }
    std::fs::write(dir.join("batch.jsonl"), jsonl).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("page.html"),
        "<html><head><title>Ties</title></head><body><article><h1>Ties</h1>\
         <p>Norway agreed to sell Japan liquefied natural gas under a ten-year contract, officials said.</p>\
         </article></body></html>",
    )
    .unwrap();
}

fn extract(dir: &Path, extra: &[&str]) -> Output {
    Command::new(BIN).arg("extract").arg(dir).args(extra).output().unwrap()
}

#[test]
fn threads_give_byte_identical_output() {
    let dir = TempDir::new("identical");
    corpus(dir.path());
    for format in ["jsonl", "table"] {
        let one = extract(dir.path(), &["--format", format, "--threads", "1"]);
        let four = extract(dir.path(), &["--format", format, "--threads", "4"]);
        assert_eq!(one.status.code(), Some(3), "{format}: bad documents are skipped: {one:?}");
        assert_eq!(four.status.code(), one.status.code(), "{format}: exit status");
        assert!(one.stdout.len() > 10_000, "{format}: too little output: {}", String::from_utf8_lossy(&one.stdout));
        assert!(one.stdout == four.stdout, "{format}: --threads 1 and --threads 4 differ");
        assert_eq!(String::from_utf8_lossy(&one.stderr), String::from_utf8_lossy(&four.stderr), "{format}: messages");
    }
    let explained = extract(dir.path(), &["--format", "jsonl", "--explain", "--threads", "1"]);
    let explained4 = extract(dir.path(), &["--format", "jsonl", "--explain", "--threads", "4"]);
    assert!(explained.stdout == explained4.stdout, "--explain: --threads 1 and --threads 4 differ");
}

#[test]
fn output_follows_input_order() {
    let dir = TempDir::new("order");
    corpus(dir.path());
    let out = extract(dir.path(), &["--format", "jsonl", "--threads", "3"]);
    let docs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].as_str().unwrap().to_string())
        .filter(|d| d.starts_with("doc-"))
        .collect();
    assert!(docs.len() > 700, "every document states relations: {}", docs.len());
    assert!(docs.windows(2).all(|w| w[0] <= w[1]), "relations come in document order");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let skipped: Vec<&str> = stderr.lines().filter(|l| l.starts_with("skipped: ")).collect();
    assert_eq!(skipped.len(), 9, "{stderr}");
    assert!(skipped[0].contains("batch.jsonl:14:"), "{stderr}");
    assert!(skipped.last().unwrap().contains("empty.txt"), "skips in input order: {stderr}");
}

#[test]
fn threads_must_be_positive() {
    let dir = TempDir::new("zero");
    let out = extract(dir.path(), &["--threads", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a positive whole number"));
}

#[test]
fn lowered_sentence_limits_pass_sentences_over_with_a_warning() {
    let dir = TempDir::new("sentence-limits");
    let sentence = "Israel agreed to sell Azerbaijan $5 billion worth of arms in 2016.";
    std::fs::write(dir.path().join("arms.txt"), format!("Arms deal\n\n{sentence}\n")).unwrap();
    let relations = |o: &Output| String::from_utf8_lossy(&o.stdout).lines().count();
    let warnings = |o: &Output| -> Vec<String> {
        String::from_utf8_lossy(&o.stderr).lines().filter(|l| l.starts_with("warning: ")).map(String::from).collect()
    };
    let default = extract(dir.path(), &["--format", "jsonl"]);
    assert!(default.status.success(), "{default:?}");
    assert!(relations(&default) >= 1, "the sentence states a relation");
    assert!(warnings(&default).is_empty(), "{:?}", warnings(&default));
    for (flag, value, message) in [
        ("--max-sentence-bytes", "40", "1 sentence(s) over 40 bytes or 64 actor mentions were not read for relations"),
        (
            "--max-sentence-mentions",
            "1",
            "1 sentence(s) over 4096 bytes or 1 actor mentions were not read for relations",
        ),
    ] {
        let o = extract(dir.path(), &["--format", "jsonl", flag, value]);
        assert!(o.status.success(), "{flag}: a warning is not a failure: {o:?}");
        assert_eq!(relations(&o), 0, "{flag} {value}: the sentence was read for relations");
        assert_eq!(warnings(&o), [format!("warning: arms: {message}")], "{flag}");
    }
    // At the sentence's own length, it is read.
    let o = extract(dir.path(), &["--format", "jsonl", "--max-sentence-bytes", &sentence.len().to_string()]);
    assert_eq!(relations(&o), relations(&default));
}

/// Documents of a corpus that hold nothing (an empty record, a page of navigation only) give
/// no relations and a warning each; they are no failure of the run.
#[test]
fn empty_documents_give_nothing_and_no_failure() {
    let dir = TempDir::new("emptydocs");
    let good =
        serde_json::json!({"id": "good", "text": "Norway agreed to sell Japan liquefied natural gas, officials said."});
    let lines = [
        r#"{"id": "blank", "date": "2015-01-01", "text": ""}"#.to_string(),
        r#"{"id": "nav", "html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"}"#.to_string(),
        good.to_string(),
    ];
    std::fs::write(dir.path().join("docs.jsonl"), lines.join("\n") + "\n").unwrap();
    let out = extract(dir.path(), &["--format", "jsonl"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning: blank: the document is empty"), "{stderr}");
    assert!(stderr.contains("warning: nav: no article text"), "{stderr}");
    assert!(!stderr.contains("skipped"), "{stderr}");
    let docs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].as_str().unwrap().to_string())
        .collect();
    assert!(!docs.is_empty() && docs.iter().all(|d| d == "good"), "{docs:?}");
}

/// `read --format json` gives each page the reader's `body_confidence`, and `extract
/// --min-body-confidence` skips the pages under it, with a warning, keeping the others.
#[test]
fn pages_the_reader_is_unsure_of_can_be_skipped() {
    let dir = TempDir::new("confidence");
    let paragraph = |i: usize| {
        format!(
            "<p>Norway agreed to sell Japan liquefied natural gas under contract {i}, the energy ministry said on \
             Tuesday, and the first cargo is due to leave Hammerfest in the spring after talks that began in {}.</p>",
            2000 + i
        )
    };
    let clear = format!(
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>Gas deal</h1>{}</article></body></html>",
        (0..6).map(paragraph).collect::<String>()
    );
    // Two lines of text lost among the labels of a menu and a player.
    let labels: String = (0..40).map(|i| format!("<div><span>Option {i}</span></div>")).collect();
    let unsure = format!(
        "<html><body><div>{labels}<div><p>Norway agreed to sell Japan liquefied natural gas, officials said.</p></div>{labels}</div></body></html>"
    );
    let lines =
        [serde_json::json!({"id": "clear", "html": clear}), serde_json::json!({"id": "unsure", "html": unsure})];
    let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(dir.path().join("docs.jsonl"), lines.join("\n") + "\n").unwrap();

    let out = Command::new(BIN).args(["read", "--format", "json"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let docs: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let confidence = |id: &str| {
        docs.iter()
            .find(|d| d["id"] == id)
            .and_then(|d| d["body_confidence"].as_f64())
            .unwrap_or_else(|| panic!("{id}"))
    };
    let (high, low) = (confidence("clear"), confidence("unsure"));
    assert!(high > 0.8 && low < 0.5, "clear {high}, unsure {low}");

    let docs_of = |o: &Output| -> Vec<String> {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].as_str().unwrap().to_string())
            .collect()
    };
    let all = extract(dir.path(), &["--format", "jsonl"]);
    assert!(docs_of(&all).iter().any(|d| d == "unsure"), "{:?}", docs_of(&all));
    let sure = extract(dir.path(), &["--format", "jsonl", "--min-body-confidence", "0.6"]);
    let stderr = String::from_utf8_lossy(&sure.stderr);
    assert_eq!(sure.status.code(), Some(0), "{stderr}");
    let kept = docs_of(&sure);
    assert!(!kept.is_empty() && kept.iter().all(|d| d == "clear"), "{kept:?}");
    assert!(stderr.contains("unsure: the reader is unsure of the article's body"), "{stderr}");
    let bad = extract(dir.path(), &["--min-body-confidence", "1.5"]);
    assert_ne!(bad.status.code(), Some(0));
}

#[cfg(feature = "parquet")]
#[path = "../src/parquet_read.rs"]
mod parquet_read;

/// The relations of a JSON Lines output, as JSON values, in order.
fn jsonl_relations(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// `extract --format parquet --output FILE` holds exactly the relations of `--format jsonl`,
/// in the same order, with each document's URL; with `--explain` too. A Python reader
/// (pyarrow, duckdb) finds the same when one is installed.
#[cfg(feature = "parquet")]
#[test]
fn parquet_holds_exactly_the_jsonl_relations() {
    let t = TempDir::new("parquet");
    corpus(t.path());
    for explain in [&[][..], &["--explain"][..]] {
        let jsonl = extract(t.path(), &[&["--format", "jsonl"][..], explain].concat());
        let expected = jsonl_relations(&jsonl.stdout);
        assert!(expected.len() > 500, "{} relations", expected.len());
        let file = t.path().join("out.parquet");
        let out =
            extract(t.path(), &[&["--format", "parquet", "--output", file.to_str().unwrap()][..], explain].concat());
        assert_eq!(out.status.code(), jsonl.status.code(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty());
        let rows = parquet_read::rows(std::fs::read(&file).unwrap());
        let relations: Vec<_> = rows.iter().map(|(r, _, _)| r.clone()).collect();
        assert_eq!(relations, expected);
        for (r, url, _) in &rows {
            let n: usize = r["doc"].as_str().unwrap().strip_prefix("doc-").map_or(1, |n| n.parse().unwrap());
            assert_eq!(url.is_some(), n.is_multiple_of(2), "{r}");
        }
        std::fs::remove_file(&file).unwrap();
    }
    let jsonl = extract(t.path(), &["--format", "jsonl"]);
    let file = t.path().join("out.parquet");
    extract(t.path(), &["--format", "parquet", "-o", file.to_str().unwrap()]);
    python_reads_the_same(&file, &jsonl_relations(&jsonl.stdout));
}

/// pyarrow and duckdb, where installed, read the file without help and find the relations.
#[cfg(feature = "parquet")]
fn python_reads_the_same(file: &Path, expected: &[serde_json::Value]) {
    let key = |r: &serde_json::Value| {
        format!("{}|{}|{}|{}|{}", r["doc"], r["source"], r["target"], r["type"], r["evidence"]["start"])
            .replace('"', "")
    };
    let mut want: Vec<String> = expected.iter().map(key).collect();
    want.sort();
    let script = r#"
import sys
path, reader = sys.argv[1], sys.argv[2]
if reader == "pyarrow":
    import pyarrow.parquet as pq
    rows = pq.read_table(path).to_pylist()
else:
    import duckdb
    cur = duckdb.sql(f"select * from read_parquet('{path}')")
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r)) for r in cur.fetchall()]
for r in rows:
    assert isinstance(r["quantities"], list)
    print(f"{r['doc']}|{r['source']}|{r['target']}|{r['type']}|{r['evidence_start']}")
"#;
    for reader in ["pyarrow", "duckdb"] {
        let probe = Command::new("python3").args(["-c", &format!("import {reader}")]).output();
        if !probe.is_ok_and(|o| o.status.success()) {
            eprintln!("note: python3 with {reader} not found; the {reader} read-back is skipped");
            continue;
        }
        let out = Command::new("python3").args(["-c", script, file.to_str().unwrap(), reader]).output().unwrap();
        assert!(out.status.success(), "{reader}: {}", String::from_utf8_lossy(&out.stderr));
        let mut got: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(String::from).collect();
        got.sort();
        assert_eq!(got, want, "{reader}");
    }
}

/// `export --format parquet` holds exactly the relations of `export --format jsonl`, in order,
/// with the stored documents' URLs.
#[cfg(feature = "parquet")]
#[test]
fn exported_parquet_holds_exactly_the_stored_relations() {
    let t = TempDir::new("parquet-export");
    corpus(t.path());
    let db = t.path().join("store.db");
    let db = db.to_str().unwrap();
    let ingest = Command::new(BIN).args(["ingest", "--db", db]).arg(t.path().join("batch.jsonl")).output().unwrap();
    assert_eq!(ingest.status.code(), Some(3), "{}", String::from_utf8_lossy(&ingest.stderr));
    let jsonl = Command::new(BIN).args(["export", "--db", db, "--format", "jsonl"]).output().unwrap();
    let file = t.path().join("export.parquet");
    let out = Command::new(BIN)
        .args(["export", "--db", db, "--format", "parquet", "--out", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = parquet_read::rows(std::fs::read(&file).unwrap());
    let expected = jsonl_relations(&jsonl.stdout);
    assert!(expected.len() > 500, "{} relations", expected.len());
    assert_eq!(rows.iter().map(|(r, _, _)| r.clone()).collect::<Vec<_>>(), expected);
    assert!(rows.iter().any(|(_, url, _)| url.is_some()) && rows.iter().any(|(_, url, _)| url.is_none()));
}
