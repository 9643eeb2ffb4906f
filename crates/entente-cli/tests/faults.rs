//! Faults around the store, run as the built binary: a read-only database, a database locked by
//! another process, a full disk. Each must end in an error that names the database, and leave a
//! store that passes `PRAGMA integrity_check` and holds every document committed before.
//! (A process killed mid-ingest is tested in `store.rs`.)
//!
//! The read-only and full-disk cases need a small file system of their own: a tmpfs mounted for
//! the test, which needs root (as CI runs). Without it they print a note and pass.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_entente");

use entente_synth::{Doc, Generator};

/// A fresh directory under the system's temp dir, removed when dropped.
mod common;
use common::TempDir;

/// A tmpfs of a given size mounted on a directory, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// `None` (with a note) when mounting is not allowed here.
    fn mount(dir: &Path, size: &str, test: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status();
        if status.is_ok_and(|s| s.success()) {
            Some(Tmpfs(dir.to_path_buf()))
        } else {
            eprintln!("note: {test}: cannot mount a tmpfs here (needs root); the test is skipped");
            None
        }
    }
    fn remount(&self, options: &str) {
        let ok = Command::new("mount").args(["-o", &format!("remount,{options}")]).arg(&self.0).status().unwrap();
        assert!(ok.success(), "remount {options}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn entente(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).env_remove("ENTENTE_DB").output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) {
    assert!(o.status.success(), "exit {:?}\nstderr: {}", o.status, stderr(&o));
}

/// `n` synthetic news documents (ids from `first`, in order) as one JSON Lines file; each of at
/// least `bytes` bytes (0: the generator's smallest, two relation sentences and a paragraph).
fn corpus(path: &Path, first: usize, n: usize, bytes: usize) -> Vec<Doc> {
    let generator = Generator::new(1, bytes);
    generator.write_jsonl(path, first, n).unwrap();
    generator.documents(first, n).collect()
}

/// Per document: id, relations, sentences.
fn per_document(db: &Path) -> Vec<(String, i64, i64)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT d.doc_id, (SELECT count(*) FROM relations r WHERE r.doc = d.id),
                    (SELECT count(*) FROM sentences s WHERE s.doc = d.id)
             FROM documents d ORDER BY d.doc_id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn ingest(dir: &Path, input: &str, db: &Path) -> Output {
    let db = db.to_str().unwrap();
    entente(dir, &["ingest", input, "--db", db, "--batch-size", "16", "--jobs", "1", "--no-progress"])
}

#[test]
fn read_only_database() {
    let t = TempDir::new("readonly");
    corpus(&t.path().join("a.jsonl"), 0, 20, 0);
    corpus(&t.path().join("b.jsonl"), 20, 20, 0);
    let dir = t.path().join("ro");
    let root = nix_root();
    let fs = if root { Tmpfs::mount(&dir, "16M", "read_only_database") } else { None };
    if root && fs.is_none() {
        return;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("store.db");
    ok(ingest(t.path(), "a.jsonl", &db));
    let before = per_document(&db);
    assert_eq!(before.len(), 20);
    // Read-only: the whole file system when root (root ignores permission bits), else the file.
    match &fs {
        Some(fs) => fs.remount("ro"),
        None => set_mode(&db, 0o444),
    }
    let o = ingest(t.path(), "b.jsonl", &db);
    assert!(!o.status.success(), "an ingest into a read-only store succeeded");
    let err = stderr(&o);
    eprintln!("the error: {}", err.trim());
    assert!(err.contains("store.db"), "the error names the database: {err}");
    assert!(err.contains("read-only"), "the error says what is wrong: {err}");
    assert!(!err.contains("panicked"), "{err}");
    match &fs {
        Some(fs) => fs.remount("rw"),
        None => set_mode(&db, 0o644),
    }
    assert_eq!(integrity(&db), "ok");
    assert_eq!(per_document(&db), before, "every committed document is still there, whole");
    ok(ingest(t.path(), "b.jsonl", &db));
    assert_eq!(per_document(&db).len(), 40, "writable again, the store takes the rest");
}

/// A store of the 20 documents of `a.jsonl` (`b.jsonl` holds 20 more), and a connection that
/// holds its write lock as another process would (this test process, through its own
/// connection) until it is dropped.
fn locked_store(t: &TempDir) -> (PathBuf, rusqlite::Connection) {
    corpus(&t.path().join("a.jsonl"), 0, 20, 0);
    corpus(&t.path().join("b.jsonl"), 20, 20, 0);
    let db = t.path().join("store.db");
    ok(ingest(t.path(), "a.jsonl", &db));
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE; DELETE FROM documents WHERE 0;").unwrap();
    (db, holder)
}

#[test]
fn database_locked_by_another_process() {
    let t = TempDir::new("locked");
    let (db, holder) = locked_store(&t);
    let before = per_document(&db);
    let o = ingest(t.path(), "b.jsonl", &db);
    assert!(!o.status.success(), "an ingest took a lock another process holds");
    let err = stderr(&o);
    eprintln!("the error: {}", err.trim());
    assert!(err.contains("store.db") && err.contains("locked"), "the error names the database and the lock: {err}");
    assert!(!err.contains("panicked"), "{err}");
    drop(holder);
    assert_eq!(integrity(&db), "ok");
    assert_eq!(per_document(&db), before);
    ok(ingest(t.path(), "b.jsonl", &db));
    assert_eq!(per_document(&db).len(), 40);
}

#[test]
fn a_shorter_lock_timeout_gives_up_sooner() {
    let t = TempDir::new("lock-timeout");
    let (db, holder) = locked_store(&t);
    let started = std::time::Instant::now();
    let args = ["ingest", "b.jsonl", "--db", db.to_str().unwrap(), "--no-progress", "--lock-timeout", "1"];
    let o = entente(t.path(), &args);
    let waited = started.elapsed();
    drop(holder);
    let err = stderr(&o);
    eprintln!("after {waited:?}: {}", err.trim());
    assert!(!o.status.success(), "an ingest took a lock another process holds");
    assert!(err.contains("store.db: the database is locked by another process"), "{err}");
    assert!(err.contains("give --lock-timeout SECONDS"), "the message names the flag: {err}");
    assert!(waited >= std::time::Duration::from_secs(1), "gave up after {waited:?}, before the timeout");
    assert!(waited < std::time::Duration::from_secs(15), "waited {waited:?}: not the 1 s asked for");
    assert_eq!(per_document(&db).len(), 20);
    ok(entente(t.path(), &args));
    assert_eq!(per_document(&db).len(), 40);
    // Not a number of seconds: refused before the store is opened.
    let o = entente(t.path(), &["dyad", "ISR", "AZE", "--db", db.to_str().unwrap(), "--lock-timeout", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("\"soon\" is not a number of seconds"), "{}", stderr(&o));
}

#[test]
fn full_disk() {
    let t = TempDir::new("full");
    corpus(&t.path().join("a.jsonl"), 0, 10, 0);
    // About 7 MB of documents for a 1 MB file system.
    corpus(&t.path().join("big.jsonl"), 10, 3000, 2000);
    let dir = t.path().join("small");
    let Some(fs) = Tmpfs::mount(&dir, "1M", "full_disk") else {
        return;
    };
    let db = dir.join("store.db");
    ok(ingest(t.path(), "a.jsonl", &db));
    let before = per_document(&db);
    assert_eq!(before.len(), 10);
    let o = ingest(t.path(), "big.jsonl", &db);
    assert!(!o.status.success(), "7 MB went into a 1 MB disk");
    let err = stderr(&o);
    eprintln!("the error: {}", err.trim());
    assert!(err.contains("store.db"), "the error names the database: {err}");
    assert!(err.contains("the disk is full"), "the error says the disk is full: {err}");
    assert!(!err.contains("panicked"), "{err}");
    // Space again: the store is whole, with every committed document complete.
    // Room for the write-ahead log too: an ingest of these 7 MB grows it to about 67 MB.
    fs.remount("size=256M");
    assert_eq!(integrity(&db), "ok");
    let after = per_document(&db);
    for doc in &before {
        assert!(after.contains(doc), "{doc:?} was committed before the disk filled");
    }
    // The reference: the same documents into a store with room.
    let reference = t.path().join("reference.db");
    ok(ingest(t.path(), "a.jsonl", &reference));
    ok(ingest(t.path(), "big.jsonl", &reference));
    let whole = per_document(&reference);
    for doc in &after {
        assert!(whole.contains(doc), "{doc:?} is stored partly");
    }
    // And it takes the rest now.
    ok(ingest(t.path(), "big.jsonl", &db));
    assert_eq!(per_document(&db), whole);
}

fn nix_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `GET path` from the server at `addr`: the answer.
fn served_get(addr: std::net::SocketAddr, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

#[test]
fn questions_export_and_the_server_read_a_store_on_read_only_media() {
    let t = TempDir::new("ro-media");
    let docs = corpus(&t.path().join("a.jsonl"), 0, 20, 0);
    // A pair the first document speaks of, and a word of its first sentence, to ask about.
    let stated = &docs[0].stated[0];
    let (a, b) = (stated.a, stated.b);
    let word = stated.sentence.split(' ').find(|w| w.len() >= 5 && w.bytes().all(|c| c.is_ascii_lowercase())).unwrap();
    let dir = t.path().join("ro");
    if !nix_root() {
        eprintln!("note: needs a read-only mount (root); skipped");
        return;
    }
    let Some(fs) = Tmpfs::mount(&dir, "16M", "read_only_media") else {
        return;
    };
    let db = dir.join("store.db");
    ok(ingest(t.path(), "a.jsonl", &db));
    fs.remount("ro");
    let db = db.to_str().unwrap();
    for args in [
        &["dyad", a, b, "--db", db][..],
        &["actor", a, "--db", db],
        &["timeline", a, b, "--db", db],
        &["search", word, "--db", db],
        &["export", "--format", "csv", "--db", db],
    ] {
        let o = entente(t.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(!o.stdout.is_empty(), "{args:?} printed nothing");
    }
    let csv = entente(t.path(), &["export", "--format", "csv", "--db", db]).stdout;
    assert!(String::from_utf8_lossy(&csv).lines().count() > 20, "every relation is exported");
    // The server serves it, and says a write cannot be done.
    let (mut server, addr) = common::serve_process(db.as_ref(), &[]);
    let answer = served_get(addr, "/api/stats");
    let _ = server.kill();
    let _ = server.wait();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"documents\":20"), "{answer}");
    // Nothing was written beside the store.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "only store.db in the read-only folder");
    fs.remount("rw");
}
