//! Faults of a PostgreSQL store, run as the built binary: a writer killed mid-batch (SIGKILL)
//! loses only the batch it had not committed, and running it again completes the store; the
//! server restarted (`pg_ctl restart -m fast`) during an ingest makes the writer say so and exit
//! non-zero, leaves no partial document, and a re-run completes the store. Each result is
//! compared, document by document, with a clean ingest of the same corpus.
//!
//! The kill uses a fresh database on the test server (`ENTENTE_TEST_POSTGRES`); the restart
//! starts a server of its own (own data folder and port) with the same programs `.ci/run`
//! finds. Without them these tests say so and skip, unless `ENTENTE_REQUIRE_POSTGRES=1`.

mod common;

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::TempDir;
use entente_store_tests::{PgServer, TestDatabases};

const BIN: &str = env!("CARGO_BIN_EXE_entente");

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstdout: {}\nstderr: {}", o.status, text(&o.stdout), text(&o.stderr));
    text(&o.stdout)
}

const COUNTRIES: &[&str] =
    &["Israel", "Azerbaijan", "Kazakhstan", "Iran", "Russia", "China", "Turkey", "Georgia", "Armenia", "India"];

/// `n` small news documents as one JSON Lines file.
fn write_corpus(path: &Path, n: usize) {
    let mut out = String::new();
    for i in 0..n {
        let a = COUNTRIES[i % COUNTRIES.len()];
        let b = COUNTRIES[(i * 7 + 3) % COUNTRIES.len()];
        let b = if a == b { "Japan" } else { b };
        let text = format!(
            "{a} agreed to sell {b} ${} billion worth of arms in {}.\n\n\
             Diplomats from both sides said the energy talks would go on. Bulletin {i} has nothing more.\n\n\
             {b} and {a} signed a trade agreement worth ${} million.",
            1 + i % 9,
            1995 + i % 25,
            10 + i % 90
        );
        let doc =
            serde_json::json!({"id": format!("doc-{i:05}"), "date": format!("{}-03-01", 1995 + i % 25), "text": text});
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn client(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap_or_else(|e| panic!("{url}: {e}"))
}

/// Per document: id, hash, relations, sentences (the store's own tables, as SQLite has them).
fn per_document(url: &str) -> Vec<(String, String, i64, i64)> {
    client(url)
        .query(
            "SELECT d.doc_id, d.hash,
                    (SELECT count(*) FROM relations r WHERE r.doc = d.id),
                    (SELECT count(*) FROM sentences s WHERE s.doc = d.id)
             FROM documents d ORDER BY d.doc_id COLLATE \"C\"",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
}

fn count(url: &str, table: &str) -> i64 {
    client(url).query_one(&format!("SELECT count(*) FROM {table}"), &[]).unwrap().get(0)
}

/// The documents stored so far, or 0 while the store is not made yet.
fn documents_now(url: &str) -> i64 {
    postgres::Client::connect(url, postgres::NoTls)
        .ok()
        .and_then(|mut c| c.query_one("SELECT count(*) FROM documents", &[]).ok())
        .map_or(0, |r| r.get(0))
}

const BATCH: usize = 10;

fn ingest_args(db: &str) -> Vec<String> {
    let batch = BATCH.to_string();
    ["ingest", "corpus.jsonl", "--db", db, "--batch-size", &batch, "--jobs", "1", "--no-progress"]
        .map(String::from)
        .to_vec()
}

fn ingest(dir: &Path, db: &str) -> Output {
    Command::new(BIN).args(ingest_args(db)).current_dir(dir).env_remove("ENTENTE_DB").output().unwrap()
}

fn spawn_ingest(dir: &Path, db: &str) -> Child {
    Command::new(BIN)
        .args(ingest_args(db))
        .current_dir(dir)
        .env_remove("ENTENTE_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until `url`'s store holds at least `n` documents (at most a minute): what it saw.
fn wait_for_documents(url: &str, n: i64, child: &mut Child) -> i64 {
    let started = Instant::now();
    let mut seen = 0;
    while started.elapsed() < Duration::from_secs(60) {
        seen = documents_now(url);
        if seen >= n || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    seen
}

/// Every stored document is whole (as in `clean`), the store holds whole batches only, and a
/// re-run completes it: equal to `clean`, with each table's count equal too.
fn check_partial_then_complete(dir: &Path, url: &str, clean_url: &str, n: usize) {
    let clean = per_document(clean_url);
    assert_eq!(clean.len(), n);
    let partial = per_document(url);
    assert!(partial.len() < n, "stopped before the end");
    assert_eq!(partial.len() % BATCH, 0, "only whole batches are committed: {}", partial.len());
    let clean_by_id: std::collections::HashMap<_, _> = clean.iter().map(|d| (d.0.clone(), d)).collect();
    for d in &partial {
        assert_eq!(&d, clean_by_id.get(&d.0).unwrap(), "a stored document has all its relations");
    }
    let out = ok(ingest(dir, url));
    assert!(out.contains(&format!("{} new", n - partial.len())), "{out}");
    assert!(out.contains(&format!("{} unchanged", partial.len())), "{out}");
    assert_eq!(per_document(url), clean);
    for table in ["documents", "relations", "sentences", "quantities", "actors"] {
        assert_eq!(count(url, table), count(clean_url, table), "{table}");
    }
}

/// The documents of the corpus.
const N: usize = 2000;

/// A clean ingest of the corpus, and a second one started and seen to commit 5 batches.
struct Started {
    clean: String,
    url: String,
    child: Child,
    seen: i64,
}

fn clean_then_started(t: &TempDir, pg: &TestDatabases) -> Started {
    write_corpus(&t.path().join("corpus.jsonl"), N);
    let clean = pg.database();
    ok(ingest(t.path(), &clean));
    let url = pg.database();
    let mut child = spawn_ingest(t.path(), &url);
    let seen = wait_for_documents(&url, 5 * BATCH as i64, &mut child);
    Started { clean, url, child, seen }
}

#[test]
fn a_writer_killed_mid_batch_loses_only_that_batch() {
    let Some(pg) = TestDatabases::from_env("a_writer_killed_mid_batch_loses_only_that_batch") else {
        return;
    };
    let t = TempDir::new("pg-kill");
    let Started { clean, url, mut child, seen } = clean_then_started(&t, &pg);
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "the ingest finished before it could be killed; make the corpus larger");
    assert!(seen > 0, "no documents appeared within a minute");
    // The server rolls back the killed writer's open transaction when its connection drops.
    assert!(per_document(&url).len() >= seen as usize, "documents seen before the kill are kept");
    check_partial_then_complete(t.path(), &url, &clean, N);
}

#[test]
fn a_server_restarted_during_an_ingest_stops_it_and_a_rerun_completes() {
    let test = "a_server_restarted_during_an_ingest_stops_it_and_a_rerun_completes";
    let Some(server) = PgServer::start(test) else {
        return;
    };
    let pg = TestDatabases::on(&server.url());
    let t = TempDir::new("pg-restart");
    let Started { clean, url, mut child, seen } = clean_then_started(&t, &pg);
    assert!(seen > 0, "no documents appeared within a minute");
    server.restart();
    // The writer notices at its next statement; give it a minute.
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    if child.try_wait().unwrap().is_none() {
        let _ = child.kill();
        panic!("the writer went on for a minute after the server restarted");
    }
    let o = child.wait_with_output().unwrap();
    let err = text(&o.stderr);
    eprintln!("the writer said: {}", err.trim());
    assert!(!o.status.success(), "the ingest finished before the restart; make the corpus larger\n{}", text(&o.stdout));
    assert!(!err.contains("panicked"), "{err}");
    let address = url.split("://").nth(1).unwrap().split('/').next().unwrap().split('@').next_back().unwrap();
    assert!(err.contains(address), "the error names the server ({address}): {err}");
    check_partial_then_complete(t.path(), &url, &clean, N);
}
