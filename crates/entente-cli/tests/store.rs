//! The store's subcommands, run as the built binary: ingest (idempotent, crash-safe), reindex,
//! the questions in every format, the exports, migration of an old store, and errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use entente::{
    ActorKind, ActorRef, Content, Document, EventType, Evidence, Modality, PartKind, Quantity, Relation, Sector,
    TimeSpan,
};
use entente_store::IngestItem;
use entente_synth::{doc_id, Doc, Generator};

const BIN: &str = env!("CARGO_BIN_EXE_entente");

/// A fresh directory under the system's temp dir, removed when dropped.
mod common;
use common::TempDir;

fn entente(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).env_remove("ENTENTE_DB").output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstdout: {}\nstderr: {}", o.status, stdout(&o), stderr(&o));
    stdout(&o)
}

/// `n` short synthetic news documents (the generator's smallest: an opening paragraph and a
/// closing sentence, two relation sentences and more) as JSON Lines files of `per_file` lines
/// each: the files and the documents, in order.
fn write_corpus(dir: &Path, n: usize, per_file: usize) -> (Vec<PathBuf>, Vec<Doc>) {
    let generator = Generator::new(1, 0);
    let files = generator.write_corpus(dir, 0, n, per_file).unwrap();
    (files, generator.documents(0, n).collect())
}

fn sql_count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Per document: its relations and sentences, for comparing two stores.
fn per_document(db: &Path) -> Vec<(String, String, i64, i64)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT d.doc_id, d.hash,
                    (SELECT count(*) FROM relations r WHERE r.doc = d.id),
                    (SELECT count(*) FROM sentences s WHERE s.doc = d.id)
             FROM documents d ORDER BY d.doc_id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn ingest_is_idempotent_replaces_changed_documents_and_reports_skips() {
    let t = TempDir::new("idem");
    let corpus = t.path().join("corpus");
    let (files, docs) = write_corpus(&corpus, 60, 25);
    std::fs::write(corpus.join("broken.jsonl"), "{\"id\": \"x\"}\nnot json\n").unwrap();

    // Default store: entente.db in the current directory.
    let o = entente(t.path(), &["ingest", "corpus"]);
    assert_eq!(o.status.code(), Some(3), "skipped documents give exit 3: {}", stderr(&o));
    assert!(stderr(&o).contains("broken.jsonl:1"), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 document(s) skipped"));
    assert!(stdout(&o).contains("60 new"), "{}", stdout(&o));
    let db = t.path().join("entente.db");
    assert_eq!(sql_count(&db, "SELECT count(*) FROM documents"), 60);
    let first = per_document(&db);

    // Again: nothing changes.
    std::fs::remove_file(corpus.join("broken.jsonl")).unwrap();
    let out = ok(entente(t.path(), &["ingest", "corpus"]));
    assert!(out.contains("0 new, 0 changed, 60 unchanged"), "{out}");
    assert_eq!(per_document(&db), first);

    // One document changed (the first, by a neutral sentence more): its relations are replaced,
    // the rest untouched.
    let part = &files[0];
    let text = std::fs::read_to_string(part).unwrap();
    let (first_line, rest) = text.split_once('\n').unwrap();
    let mut changed: serde_json::Value = serde_json::from_str(first_line).unwrap();
    assert_eq!(changed["id"], docs[0].id);
    changed["text"] = format!("{} Nothing else was said.", docs[0].text).into();
    std::fs::write(part, format!("{changed}\n{rest}")).unwrap();
    let out = ok(entente(t.path(), &["ingest", "corpus"]));
    assert!(out.contains("0 new, 1 changed, 59 unchanged"), "{out}");
    let after = per_document(&db);
    assert_eq!(after.len(), 60);
    assert_ne!(after[0].1, first[0].1, "new hash stored");
    assert_eq!(after[1..], first[1..]);
}

#[test]
fn db_flag_and_environment_variable() {
    let t = TempDir::new("dbflag");
    let corpus = t.path().join("c");
    write_corpus(&corpus, 5, 5);
    ok(entente(t.path(), &["ingest", "c", "--db", "flag.db"]));
    assert_eq!(sql_count(&t.path().join("flag.db"), "SELECT count(*) FROM documents"), 5);
    let o = Command::new(BIN)
        .args(["ingest", "c"])
        .current_dir(t.path())
        .env("ENTENTE_DB", t.path().join("env.db"))
        .output()
        .unwrap();
    ok(o);
    assert_eq!(sql_count(&t.path().join("env.db"), "SELECT count(*) FROM documents"), 5);
    assert!(!t.path().join("entente.db").exists());
    // Questions take --db the same way, and never create a store.
    let o = entente(t.path(), &["dyad", "ISR", "AZE", "--db", "missing.db"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.db: no store here"), "{}", stderr(&o));
    assert!(!t.path().join("missing.db").exists());
    ok(entente(t.path(), &["dyad", "ISR", "AZE", "--db", "flag.db"]));
}

/// Kill -9 in the middle of an ingest: the database passes its integrity check and holds
/// whole batches only, each document with all its relations; running the ingest again
/// completes it with no duplicates, equal to a clean run.
#[test]
fn kill_9_mid_ingest_loses_nothing_committed() {
    let t = TempDir::new("kill");
    let corpus = t.path().join("corpus");
    const N: usize = 4000;
    const BATCH: usize = 20;
    write_corpus(&corpus, N, 500);
    let batch = BATCH.to_string();
    let args = |db: &str| -> Vec<String> {
        ["ingest", "corpus", "--db", db, "--batch-size", &batch, "--jobs", "1"].map(String::from).to_vec()
    };

    ok(Command::new(BIN).args(args("clean.db")).current_dir(t.path()).output().unwrap());
    let clean = per_document(&t.path().join("clean.db"));
    assert_eq!(clean.len(), N);

    let db = t.path().join("killed.db");
    let mut child = Command::new(BIN)
        .args(args("killed.db"))
        .current_dir(t.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut seen = 0i64;
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok(c) = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) {
            seen = c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap_or(0);
            if seen >= 5 * BATCH as i64 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "the ingest finished before it could be killed; make the corpus larger");
    assert!(seen > 0, "no rows appeared within a minute");

    let c = rusqlite::Connection::open(&db).unwrap();
    let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    drop(c);
    let partial = per_document(&db);
    assert!(partial.len() >= seen as usize, "rows seen before the kill are kept");
    assert!(partial.len() < N, "killed before the end");
    assert_eq!(partial.len() % BATCH, 0, "only whole batches are committed: {}", partial.len());
    let clean_by_id: std::collections::HashMap<_, _> = clean.iter().map(|d| (d.0.clone(), d)).collect();
    for d in &partial {
        assert_eq!(&d, clean_by_id.get(&d.0).unwrap(), "a stored document has all its relations");
    }

    let out = ok(Command::new(BIN).args(args("killed.db")).current_dir(t.path()).output().unwrap());
    assert!(out.contains(&format!("{} new", N - partial.len())), "{out}");
    assert!(out.contains(&format!("{} unchanged", partial.len())), "{out}");
    assert_eq!(per_document(&db), clean);
    for table in ["documents", "relations", "sentences", "quantities", "actors"] {
        let sql = format!("SELECT count(*) FROM {table}");
        assert_eq!(sql_count(&db, &sql), sql_count(&t.path().join("clean.db"), &sql), "{table}");
    }
}

/// A store written by schema version 1 (made here by hand, as that version wrote it) is
/// migrated by the next command that opens it, its data intact and searchable.
#[test]
fn migrates_a_version_1_store() {
    let t = TempDir::new("v1");
    let db = t.path().join("old.db");
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE documents (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, url TEXT,
            date TEXT, title TEXT,
            content_kind TEXT NOT NULL CHECK (content_kind IN ('text', 'html')),
            content TEXT NOT NULL, hash TEXT NOT NULL, extractor_version TEXT NOT NULL,
            article_date TEXT, ingested_at TEXT NOT NULL);
         CREATE TABLE actors (code TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL);
         CREATE TABLE sentences (id INTEGER PRIMARY KEY,
            doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, end INTEGER NOT NULL, part TEXT NOT NULL, text TEXT NOT NULL);
         CREATE INDEX sentences_doc ON sentences(doc);
         CREATE TABLE relations (id INTEGER PRIMARY KEY,
            doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sentence INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            source TEXT NOT NULL, target TEXT NOT NULL, sector TEXT NOT NULL, type TEXT NOT NULL,
            polarity TEXT NOT NULL, modality TEXT NOT NULL, time_start TEXT, time_end TEXT,
            confidence REAL NOT NULL, explain TEXT);
         CREATE INDEX relations_doc ON relations(doc);
         CREATE TABLE quantities (relation INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
            value REAL NOT NULL, unit TEXT NOT NULL, of TEXT);
         CREATE INDEX quantities_relation ON quantities(relation);
         PRAGMA application_id = 1162761285;
         PRAGMA user_version = 1;
         INSERT INTO documents VALUES (1, 'old-1', 'https://old.example/1', NULL, NULL, 'text',
            'Israel sold Azerbaijan drones.', 'h1', 'old+0', '2012-02-26', '2012-02-27T00:00:00Z');
         INSERT INTO actors VALUES ('ISR', 'state', 'Israel'), ('AZE', 'state', 'Azerbaijan');
         INSERT INTO sentences VALUES (1, 1, 0, 30, 'body', 'Israel sold Azerbaijan drones.');
         INSERT INTO relations VALUES (1, 1, 1, 'ISR', 'AZE', 'arms', 'AID', 'cooperative',
            'actual', NULL, NULL, 0.8, NULL);
         INSERT INTO quantities VALUES (1, 1600000000, 'USD', 'drones');",
    )
    .unwrap();
    // Half-written: the writer ends without closing, so the data lives only in the
    // write-ahead log, not yet in the database file (as after a crash).
    assert!(t.path().join("old.db-wal").exists());
    std::mem::forget(c);

    let json = ok(entente(t.path(), &["dyad", "Israel", "AZE", "--db", "old.db", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["relations"], 1);
    assert_eq!(v["first"], "2012-02-26", "relation dates filled from the article date");
    assert_eq!(v["ties"][0]["amounts"][0]["value"], 1600000000.0);
    assert_eq!(v["ties"][0]["evidence"][0]["url"], "https://old.example/1");
    let found = ok(entente(t.path(), &["search", "drones", "--db", "old.db"]));
    assert!(found.contains("[drones]"), "old sentences are searchable: {found}");

    let c = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, entente_store::SCHEMA_VERSION as i64);
    let docs: i64 = c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(docs, 1);
    let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn errors_name_the_file_and_the_problem() {
    let t = TempDir::new("errors");
    std::fs::write(t.path().join("junk.db"), vec![b'j'; 8192]).unwrap();
    let o = entente(t.path(), &["actor", "ISR", "--db", "junk.db"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("junk.db: not an SQLite database"), "{}", stderr(&o));

    let c = rusqlite::Connection::open(t.path().join("other.db")).unwrap();
    c.execute_batch("CREATE TABLE mine (x)").unwrap();
    drop(c);
    let o = entente(t.path(), &["export", "--format", "jsonl", "--db", "other.db"]);
    assert!(stderr(&o).contains("other.db: an SQLite database, but not an entente store"), "{}", stderr(&o));

    let db = t.path().join("new.db");
    drop(entente_sqlite::open(&db).unwrap());
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA user_version = 42").unwrap();
    let o = entente(t.path(), &["search", "x", "--db", "new.db"]);
    assert!(stderr(&o).contains("schema version 42 is newer"), "{}", stderr(&o));

    let o = entente(t.path(), &["dyad", "ISR", "AZE", "--since", "last year", "--db", "new.db"]);
    assert!(stderr(&o).contains("--since \"last year\""), "{}", stderr(&o));
}

// ---- Questions and exports, on relations written through the store's API, so they do not
// ---- depend on what the extractor finds today.

fn relation(doc: &str, s: (&str, &str), t: (&str, &str), sector: Sector, ty: EventType, sentence: &str) -> Relation {
    Relation {
        doc: doc.into(),
        source: s.0.into(),
        target: t.0.into(),
        sector,
        event_type: ty,
        mode: None,
        polarity: ty.polarity(),
        modality: Modality::Actual,
        quantities: Vec::new(),
        time: TimeSpan::default(),
        source_actor: ActorRef { name: s.1.into(), kind: ActorKind::State },
        target_actor: ActorRef { name: t.1.into(), kind: ActorKind::State },
        evidence: Evidence { text: sentence.into(), start: 0, end: sentence.len(), part: PartKind::Body },
        confidence: 0.8,
        explain: None,
    }
}

const ISR: (&str, &str) = ("ISR", "Israel");
const AZE: (&str, &str) = ("AZE", "Azerbaijan");
const IRN: (&str, &str) = ("IRN", "Iran & \"friends\"");
const ARMS: &str = "Israel agreed to sell Azerbaijan $5 billion worth of arms and missile defense technology.";

fn filled_store(dir: &Path) -> PathBuf {
    let db = dir.join("q.db");
    let mut store = entente_sqlite::open(&db).unwrap();
    let doc = |id: &str, date: &str| Document {
        id: id.into(),
        url: Some(format!("https://news.example/{id}")),
        date: Some(date.into()),
        title: None,
        content: Content::Text("…".into()),
    };
    let d1 = doc("caspian", "2016-12-20");
    let mut arms = relation("caspian", ISR, AZE, Sector::Arms, EventType::Aid, ARMS);
    arms.modality = Modality::Planned;
    arms.confidence = 0.9;
    arms.quantities =
        vec![Quantity { value: 5e9, unit: "USD".into(), of: Some("arms and missile defense technology".into()) }];
    let oil = relation("caspian", AZE, ISR, Sector::Energy, EventType::Cooperate, "Azerbaijan sells Israel oil.");
    let d2 = doc("rivals", "2015-03-02");
    let threat = relation("rivals", IRN, ISR, Sector::Military, EventType::Threaten, "Iran threatened Israel.");
    let mut old =
        relation("rivals", ISR, AZE, Sector::Diplomacy, EventType::Consult, "Israel's president visited Baku.");
    old.time.start = Some("1997-08".into());
    let (r1, r2) = ([arms, oil], [threat, old]);
    let items = [
        IngestItem { document: &d1, article_date: Some("2016-12-20"), article_title: None, relations: &r1 },
        IngestItem { document: &d2, article_date: Some("2015-03-02"), article_title: None, relations: &r2 },
    ];
    store.ingest_batch(&items, entente::EXTRACTOR_VERSION).unwrap();
    db
}

#[test]
fn dyad_in_every_format() {
    let t = TempDir::new("dyad");
    filled_store(t.path());
    let table = ok(entente(t.path(), &["dyad", "isr", "Azerbaijan", "--db", "q.db"]));
    assert!(
        table.starts_with("ISR (Israel) and AZE (Azerbaijan): 2 documents, 3 relations, 1997-08 to 2016-12-20"),
        "{table}"
    );
    assert!(table.contains("5 billion USD (arms and missile defense technology)"), "{table}");
    assert!(table.contains("planned 1"), "{table}");
    assert!(table.contains(ARMS) && table.contains("https://news.example/caspian"), "{table}");

    let json = ok(entente(t.path(), &["dyad", "ISR", "AZE", "--db", "q.db", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["ties"].as_array().unwrap().len(), 3);
    let arms = v["ties"].as_array().unwrap().iter().find(|t| t["sector"] == "arms").unwrap();
    assert_eq!(arms["evidence"][0]["doc"], "caspian");
    assert_eq!(arms["evidence"][0]["date"], "2016-12-20");
    assert_eq!(arms["amounts"][0]["value"], 5e9);

    let csv = ok(entente(t.path(), &["dyad", "ISR", "AZE", "--db", "q.db", "--format", "csv", "--since", "2000"]));
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "header and two ties since 2000: {csv}");
    assert!(lines[0].starts_with("a,b,sector,polarity,documents,relations"));
    assert!(csv.contains("5000000000 USD (arms and missile defense technology)"));
    let until = ok(entente(t.path(), &["dyad", "ISR", "AZE", "--db", "q.db", "--format", "csv", "--until", "1999"]));
    assert_eq!(until.lines().count(), 2);
    assert!(until.contains("diplomacy"));
}

#[test]
fn actor_timeline_and_search() {
    let t = TempDir::new("actor");
    filled_store(t.path());
    let json = ok(entente(t.path(), &["actor", "ISR", "--db", "q.db", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["partners"][0]["actor"]["code"], "AZE");
    assert_eq!(v["partners"][0]["breadth"], 3);
    assert_eq!(v["rivals"][0]["actor"]["code"], "IRN");
    let table = ok(entente(t.path(), &["actor", "ISR", "--db", "q.db"]));
    assert!(table.contains("rivals (conflictual ties)"), "{table}");
    let csv = ok(entente(t.path(), &["actor", "ISR", "--db", "q.db", "--format", "csv"]));
    assert!(csv.contains("ISR,rival,1,IRN,\"Iran & \"\"friends\"\"\""), "{csv}");

    let tl = ok(entente(t.path(), &["timeline", "ISR", "AZE", "--db", "q.db", "--format", "csv"]));
    let months: Vec<_> = tl.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(months, ["1997-08", "2016-12", "2016-12"]);
    let table = ok(entente(t.path(), &["timeline", "ISR", "AZE", "--db", "q.db"]));
    assert!(table.contains("2016-12") && table.contains("arms+ 1"), "{table}");
    let json = ok(entente(t.path(), &["timeline", "ISR", "--db", "q.db", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["months"].as_array().unwrap().len(), 3);

    let found = ok(entente(t.path(), &["search", "missile", "defense", "--db", "q.db"]));
    assert!(found.contains("[missile] [defense]") && found.contains("ISR>AZE arms cooperative planned"), "{found}");
    let none = ok(entente(t.path(), &["search", "Israel's", "AND", "--db", "q.db", "--format", "json"]));
    assert_eq!(none.trim(), "[]");
    let raw = ok(entente(t.path(), &["search", "--raw", "oil OR threatened", "--db", "q.db", "--format", "csv"]));
    assert_eq!(raw.lines().count(), 3, "{raw}");
    let o = entente(t.path(), &["search", "--raw", "\"open", "--db", "q.db"]);
    assert!(stderr(&o).contains("not valid full-text syntax"), "{}", stderr(&o));
}

#[test]
fn export_relations_graph_and_dyad_years() {
    let t = TempDir::new("export");
    filled_store(t.path());
    let jsonl = ok(entente(t.path(), &["export", "--format", "jsonl", "--db", "q.db"]));
    let rels: Vec<Relation> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rels.len(), 4);
    assert_eq!(rels[0].evidence.text, ARMS);
    assert_eq!(rels[0].quantities[0].value, 5e9);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    for field in ["doc", "source", "target", "sector", "type", "polarity", "modality", "quantities", "time", "evidence"]
    {
        assert!(first.get(field).is_some(), "spec field {field}");
    }

    ok(entente(t.path(), &["export", "--format", "csv", "--db", "q.db", "--out", "r.csv"]));
    let csv = std::fs::read_to_string(t.path().join("r.csv")).unwrap();
    assert_eq!(csv.lines().count(), 5);
    assert!(csv.contains("https://news.example/caspian"));

    let dy = ok(entente(t.path(), &["export", "--format", "dyad-year", "--db", "q.db"]));
    let lines: Vec<_> = dy.lines().collect();
    assert!(lines[0].starts_with("code1,code2,ccode1,ccode2,year,documents,relations,energy_coop,energy_conf"));
    assert_eq!(lines.len(), 4, "AZE-ISR 1997 and 2016, IRN-ISR 2015: {dy}");
    assert!(lines[1].starts_with("AZE,ISR,"), "{dy}");
    assert!(lines[1].contains(",1997,"), "{dy}");

    ok(entente(t.path(), &["export", "--format", "graphml", "--db", "q.db", "--out", "g.graphml"]));
    ok(entente(t.path(), &["export", "--format", "gexf", "--db", "q.db", "--out", "g.gexf"]));
    let graphml = std::fs::read_to_string(t.path().join("g.graphml")).unwrap();
    assert!(graphml.contains("Iran &amp; &quot;friends&quot;"), "names escaped");
    assert_eq!(graphml.matches("<edge ").count(), 4);
    let gexf = std::fs::read_to_string(t.path().join("g.gexf")).unwrap();
    assert_eq!(gexf.matches("<node ").count(), 3);

    let check = r#"
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
assert g.number_of_nodes() == 3, g.nodes
assert g.number_of_edges() == 4, g.edges
assert g.nodes["IRN"]["name"] == 'Iran & "friends"', g.nodes["IRN"]
assert g.nodes["ISR"]["kind"] == "state"
arms = [d for _, _, d in g.edges(data=True) if d["sector"] == "arms"]
assert arms[0]["weight"] == 1.0 and arms[0]["polarity"] == "cooperative", arms
assert sorted(d["sign"] for _, _, d in g.edges(data=True)) == [-1, 1, 1, 1]
x = nx.read_gexf(sys.argv[2])
assert x.number_of_nodes() == 3 and x.number_of_edges() == 4, (x.nodes, x.edges)
print("networkx ok")
"#;
    let has_networkx =
        Command::new("python3").args(["-c", "import networkx"]).output().map(|o| o.status.success()).unwrap_or(false);
    if !has_networkx {
        eprintln!("note: networkx is not importable; GraphML/GEXF not read back (pip install networkx)");
        return;
    }
    let o = Command::new("python3").args(["-c", check, "g.graphml", "g.gexf"]).current_dir(t.path()).output().unwrap();
    assert!(o.status.success(), "networkx could not read the export:\n{}{}", stdout(&o), stderr(&o));
}

#[test]
fn reindex_redoes_documents_of_another_extractor_version() {
    let t = TempDir::new("reindex");
    write_corpus(&t.path().join("c"), 30, 30);
    ok(entente(t.path(), &["ingest", "c"]));
    let db = t.path().join("entente.db");
    let before = per_document(&db);
    let msg = stderr(&entente(t.path(), &["reindex"]));
    assert!(msg.contains("nothing to do"), "{msg}");

    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE documents SET extractor_version = 'old' WHERE doc_id < ?1", [doc_id(10)])
        .unwrap();
    let out = ok(entente(t.path(), &["reindex"]));
    assert!(out.contains("10 re-extracted"), "{out}");
    assert_eq!(per_document(&db), before, "same extractor, same relations");
    assert_eq!(
        sql_count(
            &db,
            &format!("SELECT count(*) FROM documents WHERE extractor_version = '{}'", entente::EXTRACTOR_VERSION)
        ),
        30
    );
    let out = ok(entente(t.path(), &["reindex", "--all"]));
    assert!(out.contains("30 re-extracted"), "{out}");
    assert_eq!(per_document(&db), before);
}

#[test]
fn ingest_and_reindex_take_the_sentence_limits() {
    let t = TempDir::new("limits");
    let (_, docs) = write_corpus(&t.path().join("c"), 4, 4);
    let db = t.path().join("entente.db");
    let relations = || sql_count(&db, "SELECT count(*) FROM relations");
    let warnings = |o: &Output| -> Vec<String> {
        stderr(o).lines().filter(|l| l.starts_with("warning: ")).map(String::from).collect()
    };
    // One actor mention allowed per sentence: the sentences of each document that name two
    // states (its relation sentences) are passed over, and each document says how many.
    let o = entente(t.path(), &["ingest", "c", "--no-progress", "--jobs", "1", "--max-sentence-mentions", "1"]);
    let said = warnings(&o);
    ok(o);
    assert_eq!(relations(), 0);
    assert_eq!(said.len(), 4, "{said:?}");
    for d in &docs {
        let n = d.stated.len();
        let warning = format!("warning: {}: {n} sentence(s) over 4096 bytes or 1 actor mentions were not read", d.id);
        assert!(said.contains(&format!("{warning} for relations")), "{warning} in {said:?}");
    }
    // Reindexed with the default limits: the relations come, without a warning.
    let o = entente(t.path(), &["reindex", "--all", "--no-progress"]);
    assert!(warnings(&o).is_empty(), "{:?}", warnings(&o));
    ok(o);
    let all = relations();
    let stated: usize = docs.iter().map(|d| d.stated.len()).sum();
    assert!(all as usize >= stated, "{all} relations from {stated} relation sentences");
    // Reindexed with a sentence length that every sentence passes: none again.
    let o = entente(t.path(), &["reindex", "--all", "--no-progress", "--max-sentence-bytes", "30"]);
    let said = warnings(&o);
    ok(o);
    assert_eq!(relations(), 0);
    assert_eq!(said.len(), 4, "{said:?}");
    assert!(said.iter().all(|w| w.contains(" over 30 bytes or 64 actor mentions were not read")), "{said:?}");
}

/// What `extract` prints is what `ingest` stores and `export` gives back: the same relations,
/// in the same order, in the spec's shape (so `score.py` scores both alike).
#[test]
fn export_gives_back_what_extract_finds() {
    let t = TempDir::new("roundtrip");
    write_corpus(&t.path().join("c"), 40, 15);
    let strip = |jsonl: &str| -> Vec<serde_json::Value> {
        jsonl
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v.as_object_mut().unwrap().remove("explain");
                v
            })
            .collect()
    };
    let extracted = strip(&ok(entente(t.path(), &["extract", "c", "--format", "jsonl"])));
    ok(entente(t.path(), &["ingest", "c", "--jobs", "3", "--batch-size", "7"]));
    let exported = strip(&ok(entente(t.path(), &["export", "--format", "jsonl"])));
    assert_eq!(exported.len(), extracted.len());
    assert_eq!(exported, extracted);
}

#[test]
fn ingest_passes_over_empty_documents_without_failing() {
    let t = TempDir::new("emptydocs");
    let lines = [
        r#"{"id": "blank", "text": "   "}"#,
        r#"{"id": "good", "text": "Norway agreed to sell Japan liquefied natural gas, officials said."}"#,
    ];
    std::fs::write(t.path().join("docs.jsonl"), lines.join("\n") + "\n").unwrap();
    let o = entente(t.path(), &["ingest", "docs.jsonl", "--db", "e.db", "--no-progress"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: blank: the document is empty; nothing to store"), "{}", stderr(&o));
    let db = t.path().join("e.db");
    assert_eq!(sql_count(&db, "SELECT count(*) FROM documents"), 1);
    assert!(sql_count(&db, "SELECT count(*) FROM relations") >= 1);
}
