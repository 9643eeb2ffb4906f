//! SQLite's own tests (its files, locks, plans and migrations from its own old versions); the
//! backend-neutral store tests run on every backend in crates/entente-store-tests.

use super::*;
use entente_store::{BatchOutcome, Content, PeriodError, Relation};

const V: &str = "test+1";

fn doc(id: &str, text: &str, date: Option<&str>) -> Document {
    Document {
        id: id.into(),
        url: Some(format!("https://example.org/{id}")),
        date: date.map(String::from),
        title: None,
        content: Content::Text(text.into()),
    }
}

fn ingest(store: &mut Store, d: &Document, rels: &[Relation]) -> BatchOutcome {
    store
        .ingest_batch(
            &[IngestItem { document: d, article_date: d.date.as_deref(), article_title: None, relations: rels }],
            V,
        )
        .unwrap()
}

#[test]
fn hash_is_stable_and_sensitive() {
    let a = doc("a", "text", None);
    assert_eq!(document_hash(&a), document_hash(&a.clone()));
    assert_eq!(document_hash(&a).len(), 32);
    let mut b = a.clone();
    b.content = Content::Html("text".into());
    assert_ne!(document_hash(&a), document_hash(&b));
    let mut c = a.clone();
    c.date = Some("2016".into());
    assert_ne!(document_hash(&a), document_hash(&c));
    // Field boundaries count: id "ab" + "c" differs from id "a" + "bc".
    assert_ne!(document_hash(&doc("ab", "c", None)), document_hash(&doc("a", "bc", None)));
}

#[test]
fn the_newest_relations_are_read_from_an_index_not_sorted() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let a = doc("a", "x", None);
    store
        .ingest_batch(&[IngestItem { document: &a, article_date: None, article_title: None, relations: &[] }], V)
        .unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    };
    let listing = format!(
        "SELECT r.id FROM relations r JOIN documents d ON d.id = r.doc WHERE r.source != r.target \
         ORDER BY {RELATIONS_NEWEST_FIRST} LIMIT 20"
    );
    let p = plan(&listing);
    assert!(p.contains("relations_recent") && !p.contains("TEMP B-TREE"), "{p}");
    // Any other order is sorted: the index is what spares it.
    let p = plan("SELECT r.id FROM relations r ORDER BY r.date, r.id LIMIT 20");
    assert!(p.contains("TEMP B-TREE"), "{p}");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("entente-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn files_open_create_and_refuse() {
    let dir = temp_dir("files");
    let db = dir.join("e.db");
    assert!(matches!(open_existing(&db), Err(StoreError::Missing { .. })));
    {
        let mut store = open(&db).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        ingest(&mut store, &doc("a", "x", None), &[]);
    }
    let store = open_existing(&db).unwrap();
    assert_eq!(store.stats().unwrap().documents, 1);
    drop(store);

    let junk = dir.join("junk.db");
    std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
    let e = open(&junk).err().unwrap();
    assert!(matches!(e, StoreError::NotADatabase { .. }), "{e}");
    assert!(e.to_string().contains("junk.db"));

    let foreign = dir.join("foreign.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    assert!(matches!(open(&foreign), Err(StoreError::Foreign { .. })));

    let newer = dir.join("newer.db");
    drop(open(&newer).unwrap());
    rusqlite::Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    let e = open(&newer).err().unwrap();
    assert!(matches!(e, StoreError::NewerSchema { found: 99, .. }), "{e}");

    // Locked: another connection holds the write lock.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut store = open(&db).unwrap();
    store.set_busy_timeout(Duration::from_millis(50)).unwrap();
    let e = store
        .ingest_batch(
            &[IngestItem { document: &doc("b", "y", None), article_date: None, article_title: None, relations: &[] }],
            V,
        )
        .err()
        .unwrap();
    assert!(matches!(e, StoreError::Locked { .. }), "{e}");
    holder.execute_batch("ROLLBACK").unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An empty store of schema version 1 at `db`, and the connection that made it.
fn version_1_store(db: &std::path::Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(schema::MIGRATIONS[0]).unwrap();
    c.execute_batch(&format!("PRAGMA user_version = 1; PRAGMA application_id = {};", schema::APPLICATION_ID)).unwrap();
    c
}

#[test]
fn opening_waits_for_a_lock_as_long_as_it_is_told() {
    let dir = temp_dir("wait");
    let db = dir.join("old.db");
    // A version-1 store in WAL mode (to migrate on opening), its write lock held by another
    // connection.
    let c = version_1_store(&db);
    let mode: String = c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    c.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let e = Sqlite::new(&db).open(false, Duration::from_millis(200)).expect_err("opened a locked store");
    let waited = started.elapsed();
    assert!(matches!(e, StoreError::Locked { .. }), "{e}");
    assert!(waited >= Duration::from_millis(150) && waited < BUSY_TIMEOUT / 3, "waited {waited:?}");
    c.execute_batch("ROLLBACK").unwrap();
    drop(c);
    let store = Sqlite::new(&db).open(false, Duration::from_millis(200)).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn migrates_a_version_1_store_with_its_data() {
    let dir = temp_dir("v1");
    let db = dir.join("old.db");
    {
        let c = version_1_store(&db);
        c.execute_batch(
            "INSERT INTO documents VALUES (1, 'old', NULL, '2015-03-01', NULL, 'text', 'x', 'h',
                 'old+0', '2015-03-01', '2015-03-02T00:00:00Z');
             INSERT INTO actors VALUES ('ISR', 'state', 'Israel'), ('AZE', 'state', 'Azerbaijan');
             INSERT INTO sentences VALUES (1, 1, 0, 20, 'body', 'Israel sold Azerbaijan drones.');
             INSERT INTO relations VALUES (1, 1, 1, 'ISR', 'AZE', 'arms', 'AID', 'cooperative',
                 'actual', NULL, NULL, 0.8, NULL);",
        )
        .unwrap();
    }
    let store = open_existing(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let p = store.dyad("ISR", "AZE", &Period::default(), 1).unwrap();
    assert_eq!(p.relations, 1);
    assert_eq!(p.first.as_deref(), Some("2015-03-01"), "dates filled in");
    let hits = store.search(&SearchQuery { text: "drones".into(), raw: false, limit: 5 }).unwrap();
    assert_eq!(hits.len(), 1, "old sentences indexed");
    assert_eq!(store.stale_documents("new+1", false).unwrap().len(), 1);
    assert!(store.check().unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_period_takes_partial_dates_in_order_and_names_what_is_wrong() {
    let p = Period::new(Some("2016"), Some("2016-05-31")).unwrap();
    assert_eq!((p.since.as_deref(), p.until.as_deref()), (Some("2016"), Some("2016-05-31")));
    assert_eq!(Period::new(None, None).unwrap(), Period::default());
    assert_eq!(
        Period::new(Some("2016"), Some("2016-13")),
        Err(PeriodError::NotADate { bound: "until", value: "2016-13".into() })
    );
    assert_eq!(
        Period::new(Some("May 2016"), None),
        Err(PeriodError::NotADate { bound: "since", value: "May 2016".into() })
    );
    assert_eq!(
        Period::new(Some("2017"), Some("2016-12")),
        Err(PeriodError::Reversed { since: "2017".into(), until: "2016-12".into() })
    );
}
