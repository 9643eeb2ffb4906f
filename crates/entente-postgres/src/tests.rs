//! Tests against a real server: set `ENTENTE_TEST_POSTGRES` to an address where the tests may
//! create and drop databases (`postgres://entente@localhost:5433/postgres`). Without it they
//! say that they skip, unless `ENTENTE_REQUIRE_POSTGRES=1`, when they fail. Each test works
//! in a database of its own, dropped after, so they run in parallel.
//!
//! The answers are compared with the SQLite backend's on the same documents: same rows, same
//! order, same numbers, same snippets.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::*;
use entente_core::{
    ActorKind, ActorRef as Ref, Content, EventType, Evidence, Modality, PartKind, Quantity, Relation, Sector, TimeSpan,
};
use entente_store::{IngestItem, NewDocument, Page, Period, RelationFilter, SearchQuery};

const V: &str = "pg-test+1";

/// A database of its own on the test server, dropped when done.
struct TestDb {
    admin: String,
    name: String,
    url: String,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// `url` with its database replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let start = base.find("://").map_or(0, |i| i + 3);
    let path = base[start..].find('/').map_or(base.len(), |i| start + i);
    let mut out = format!("{}/{db}", &base[..path]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl TestDb {
    /// A fresh database, or `None` (the test skips) when no server is given.
    fn new(test: &str) -> Option<TestDb> {
        let Ok(admin) = std::env::var("ENTENTE_TEST_POSTGRES") else {
            assert!(
                std::env::var("ENTENTE_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "{test}: ENTENTE_REQUIRE_POSTGRES=1 but ENTENTE_TEST_POSTGRES names no server"
            );
            eprintln!("{test}: skipped (set ENTENTE_TEST_POSTGRES to a PostgreSQL address to run it)");
            return None;
        };
        let name = format!("entente_t{}_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst), test);
        let name: String = name.chars().take(60).collect();
        let mut c = postgres::Client::connect(&admin, NoTls).expect("the test server answers");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let url = with_database(&admin, &name);
        Some(TestDb { admin, name, url })
    }

    fn connector(&self) -> PgConnector {
        PgConnector::new(&self.url).unwrap()
    }

    fn open(&self) -> Store {
        self.connector().open(true, BUSY_TIMEOUT).unwrap()
    }

    /// A plain connection to the test's database.
    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, NoTls).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

fn doc(id: &str, date: Option<&str>) -> Document {
    Document {
        id: id.into(),
        url: Some(format!("https://news.example/{id}")),
        date: date.map(String::from),
        title: None,
        content: Content::Text(format!("The text of {id}.")),
    }
}

fn name(code: &str) -> &'static str {
    match code {
        "TUR" => "Turkey",
        "GEO" => "Georgia",
        "ARM" => "Armenia",
        "RUS" => "Russia",
        "EU" => "European Union",
        _ => "Somewhere",
    }
}

/// A relation of `d` from `s` to `t`, stated by `text` at `at`.
#[allow(clippy::too_many_arguments)]
fn rel(d: &str, s: &str, t: &str, sector: Sector, ty: EventType, at: usize, text: &str, conf: f64) -> Relation {
    Relation {
        doc: d.into(),
        source: s.into(),
        target: t.into(),
        sector,
        event_type: ty,
        mode: None,
        polarity: ty.polarity(),
        modality: Modality::Actual,
        quantities: Vec::new(),
        time: TimeSpan::default(),
        source_actor: Ref { name: name(s).into(), kind: ActorKind::State },
        target_actor: Ref { name: name(t).into(), kind: ActorKind::State },
        evidence: Evidence { text: text.into(), start: at, end: at + text.len(), part: PartKind::Body },
        confidence: conf,
        explain: None,
    }
}

const PIPE: &str = "Turkey and Georgia opened a gas pipeline across the border, a pipeline built in three years.";
const RAIL: &str = "Georgia and Turkey agreed on a railway link. Officials said: the railway opens next spring.";
const ARMS: &str = "Russia sold Armenia tanks worth $200 million.";
const CLASH: &str = "Armenia accused Turkey of massing troops on the border.";
const SELF: &str = "Turkey reorganised its own ministries.";
const LONG: &str = "In a long statement that went on and on about many other matters, about ports, about roads, about \
                    schools and hospitals and the weather of the season, the ministers of Georgia and Armenia finally \
                    signed an accord on water sharing from the river they share, which both sides called historic, \
                    and then they went on to talk about tourism and trade and culture for a very long time indeed.";

/// Documents about a handful of states: dated to the day, month and year, undated, amounts,
/// a relation of a state with itself, an actor acted for, two relations in one sentence, the
/// same sentence in two documents.
fn fixture() -> Vec<NewDocument> {
    let mut out = Vec::new();
    let mut push = |d: Document, article_date: Option<&str>, relations: Vec<Relation>| {
        out.push(NewDocument {
            document: d,
            article_date: article_date.map(String::from),
            article_title: Some("A headline".into()),
            relations,
        })
    };
    let mut pipe = rel("a1", "TUR", "GEO", Sector::Energy, EventType::Cooperate, 0, PIPE, 0.9);
    pipe.time.start = Some("2019-05-14".into());
    let pipe2 = rel("a1", "GEO", "TUR", Sector::Energy, EventType::Cooperate, 0, PIPE, 0.9);
    let rail = rel("a1", "GEO", "TUR", Sector::Diplomacy, EventType::Consult, 120, RAIL, 0.7);
    push(doc("a1", Some("2019-05-20")), Some("2019-05-20"), vec![pipe, pipe2, rail]);

    let mut arms = rel("a2", "RUS", "ARM", Sector::Arms, EventType::Aid, 0, ARMS, 0.8);
    arms.quantities = vec![
        Quantity { value: 200e6, unit: "USD".into(), of: Some("tanks".into()) },
        Quantity { value: 40.0, unit: "tanks".into(), of: None },
    ];
    arms.time.start = Some("2018-11".into());
    arms.modality = Modality::Planned;
    let mut clash = rel("a2", "ARM", "TUR", Sector::Military, EventType::Accuse, 60, CLASH, 0.6);
    clash.source_actor = Ref { name: "the Armenian defence ministry".into(), kind: ActorKind::Agency };
    let own = rel("a2", "TUR", "TUR", Sector::Diplomacy, EventType::Consult, 120, SELF, 0.5);
    push(doc("a2", None), Some("2018"), vec![arms, clash, own]);

    let water = rel("a3", "GEO", "ARM", Sector::Agriculture, EventType::Cooperate, 0, LONG, 0.75);
    let eu = rel("a3", "EU", "GEO", Sector::Trade, EventType::Aid, 500, "The EU pledged aid to Georgia.", 0.65);
    push(doc("a3", None), None, vec![water, eu]);

    // The pipeline sentence again, in another document, with a lower confidence.
    let mut again = rel("a4", "TUR", "GEO", Sector::Energy, EventType::Cooperate, 0, PIPE, 0.55);
    again.time.start = Some("2019".into());
    let rivalry = rel("a4", "RUS", "GEO", Sector::Military, EventType::Threaten, 100, "Russia warned Georgia.", 0.9);
    push(doc("a4", Some("2020-01-02")), Some("2020-01-02"), vec![again, rivalry]);
    out
}

fn fill(store: &mut Store, docs: &[NewDocument]) {
    for d in docs {
        store.ingest_batch(&[d.item()], V).unwrap();
    }
}

/// Every answer of a store on the fixture, as text (`ingested_at` left out: it is the clock's).
fn answers(store: &Store) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |what: &str, v: String| out.push((what.to_string(), v));
    let j = |v: &dyn erased::Json| v.json();
    let all = Period::default();
    let since = Period::new(Some("2019-05"), None).unwrap();
    let until = Period::new(None, Some("2018")).unwrap();
    for (a, b) in [("TUR", "GEO"), ("GEO", "TUR"), ("RUS", "ARM"), ("ARM", "TUR"), ("XXX", "TUR")] {
        for (pname, period) in [("all", &all), ("since", &since), ("until", &until)] {
            put(&format!("dyad {a} {b} {pname}"), j(&store.dyad(a, b, period, 3).unwrap()));
            put(&format!("timeline {a} {b} {pname}"), j(&store.timeline(a, Some(b), period).unwrap()));
        }
        put(&format!("dyad {a} {b} 1"), j(&store.dyad(a, b, &all, 1).unwrap()));
    }
    for a in ["TUR", "GEO", "ARM", "RUS", "EU", "XXX"] {
        put(&format!("actor {a}"), j(&store.actor(a, &all, None).unwrap()));
        put(&format!("actor {a} 1"), j(&store.actor(a, &since, Some(1)).unwrap()));
        put(&format!("timeline {a}"), j(&store.timeline(a, None, &all).unwrap()));
        put(&format!("name {a}"), j(&store.actor_name(a).unwrap()));
    }
    for t in ["tur", "Georgia", "armenia", "european union", "nobody", " GEO "] {
        put(&format!("resolve {t}"), j(&store.resolve_actor(t).unwrap()));
    }
    let searches = [
        ("pipeline", false),
        ("Turkey", false),
        ("georgia turkey", false),
        ("railway", false),
        ("water", false),
        ("U.S.", false),
        ("\"gas pipeline\" OR tanks", true),
        ("NEAR(georgia armenia, 3)", true),
        ("pipe*", true),
        ("turkey NOT railway", true),
        ("^russia", true),
        ("ministers AND historic", true),
    ];
    for (q, raw) in searches {
        let hits = store.search(&SearchQuery { text: q.into(), raw, limit: 10 }).unwrap();
        put(&format!("search {q}"), j(&hits));
    }
    put("search limit", j(&store.search(&SearchQuery { text: "georgia".into(), raw: false, limit: 2 }).unwrap()));
    for kind in [None, Some(ActorKind::State), Some(ActorKind::Igo)] {
        for q in [None, Some("geo"), Some("ar"), Some("Union")] {
            for page in [Page { limit: 2, offset: 0 }, Page { limit: 10, offset: 1 }, Page { limit: 5, offset: 50 }] {
                put(&format!("actors {q:?} {kind:?} {page:?}"), j(&store.actors(q, kind, page).unwrap()));
            }
        }
    }
    let filters = [
        RelationFilter::default(),
        RelationFilter { actor: Some("GEO".into()), ..Default::default() },
        RelationFilter { pair: Some(("GEO".into(), "TUR".into())), ..Default::default() },
        RelationFilter { sector: Some(Sector::Energy), period: since.clone(), ..Default::default() },
        RelationFilter { polarity: Some(entente_core::Polarity::Conflictual), ..Default::default() },
        RelationFilter { modality: Some(Modality::Planned), ..Default::default() },
        RelationFilter { doc: Some("a2".into()), ..Default::default() },
        RelationFilter { period: until.clone(), ..Default::default() },
    ];
    for (i, f) in filters.iter().enumerate() {
        for page in [Page { limit: 3, offset: 0 }, Page { limit: 10, offset: 2 }] {
            put(&format!("relations {i} {page:?}"), j(&store.relations(f, page).unwrap()));
            put(&format!("sentences {i} {page:?}"), j(&store.sentences(f, page).unwrap()));
        }
        put(&format!("edges {i}"), j(&store.edges(f).unwrap()));
        put(&format!("map {i}"), j(&store.map(f, 3).unwrap()));
    }
    let documents = store.documents(Page { limit: 10, offset: 0 }).unwrap();
    let docs: Vec<_> =
        documents.items.iter().map(|d| (&d.id, &d.title, &d.article_title, &d.hash, d.relations)).collect();
    put("documents", format!("{docs:?} {:?}", documents.total));
    for id in ["a1", "a3", "none"] {
        let d = store.document(id).unwrap();
        put(&format!("document {id}"), format!("{:?}", d.map(|d| (d.id, d.url, d.date, d.article_date, d.hash))));
        put(&format!("stored {id}"), format!("{:?}", store.stored_document(id).unwrap()));
    }
    let mut rows = Vec::new();
    store
        .for_each_relation(|r| -> Result<()> {
            rows.push(format!("{r:?}"));
            Ok(())
        })
        .unwrap();
    put("each_relation", rows.join("\n"));
    put("graph", j(&store.graph().unwrap()));
    put("dyad_years", j(&store.dyad_years().unwrap()));
    let stale = store.stale_documents("other", false).unwrap();
    put("stale", format!("{stale:?} {:?}", store.stale_documents(V, false).unwrap()));
    put("by rowid", format!("{:?}", store.documents_by_rowid(&[stale[2], 999, stale[0]]).unwrap()));
    let mut stats = store.stats().unwrap();
    stats.schema_version = 0;
    put("stats", format!("{stats:?}"));
    out
}

/// Serialising any answer, behind a reference.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string_pretty(self).unwrap()
        }
    }
}

#[test]
fn every_answer_is_the_sqlite_backends_answer() {
    let Some(db) = TestDb::new("same_answers") else { return };
    let docs = fixture();
    let mut sqlite = entente_sqlite::open_in_memory().unwrap();
    fill(&mut sqlite, &docs);
    let mut pg = db.open();
    fill(&mut pg, &docs);
    let (want, got) = (answers(&sqlite), answers(&pg));
    assert_eq!(want.len(), got.len());
    for ((what, w), (_, g)) in want.iter().zip(&got) {
        assert_eq!(g, w, "{what}: PostgreSQL (left) differs from SQLite (right)");
    }
    assert!(pg.check().unwrap().is_empty(), "{:?}", pg.check());
}

#[test]
fn a_store_is_created_migrated_once_and_a_foreign_or_newer_schema_is_refused() {
    let Some(db) = TestDb::new("migrate") else { return };
    // Nothing there and not asked to create: missing.
    let e = db.connector().open(false, BUSY_TIMEOUT).unwrap_err();
    assert!(matches!(e, StoreError::Missing { .. }), "{e}");
    // Several openers at once migrate it once.
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let c = db.connector();
            std::thread::spawn(move || c.open(true, BUSY_TIMEOUT).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap().unwrap(), SCHEMA_VERSION);
    }
    let store = db.connector().open(false, BUSY_TIMEOUT).unwrap();
    assert_eq!(store.stats().unwrap().schema_version, SCHEMA_VERSION);
    assert!(store.check().unwrap().is_empty());
    let mut c = db.client();
    c.batch_execute("UPDATE entente_store SET version = 99").unwrap();
    let e = db.connector().open(true, BUSY_TIMEOUT).unwrap_err();
    assert!(matches!(e, StoreError::NewerSchema { found: 99, .. }), "{e}");
    c.batch_execute("UPDATE entente_store SET version = 5, application_id = 7").unwrap();
    let e = db.connector().open(true, BUSY_TIMEOUT).unwrap_err();
    assert!(matches!(e, StoreError::Foreign { found: 7, .. }), "{e}");

    let Some(other) = TestDb::new("foreign") else { return };
    other.client().batch_execute("CREATE TABLE invoices (id int)").unwrap();
    let e = other.connector().open(true, BUSY_TIMEOUT).unwrap_err();
    assert!(matches!(e, StoreError::ForeignSchema { .. }), "{e}");
    assert!(e.to_string().contains("invoices"), "{e}");
    let n: i64 =
        other.client().query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[]).unwrap().get(0);
    assert_eq!(n, 1, "the foreign schema was left alone");
}

#[test]
fn a_version_one_store_is_migrated_and_its_sentences_become_searchable() {
    let Some(db) = TestDb::new("from_v1") else { return };
    let mut c = db.client();
    c.batch_execute(schema::MIGRATIONS[0].0).unwrap();
    c.execute("INSERT INTO entente_store (application_id, version) VALUES ($1, 1)", &[&schema::APPLICATION_ID])
        .unwrap();
    c.batch_execute(
        "INSERT INTO documents (doc_id, content_kind, content, hash, extractor_version, article_date, ingested_at)
             VALUES ('old', 'text', 'x', 'h', 'v0', '2015-03-01', '2015-03-02T00:00:00Z');
         INSERT INTO sentences (doc, start, \"end\", part, text) VALUES (1, 0, 30, 'body', 'Armenia and Georgia signed.');
         INSERT INTO relations (doc, sentence, source, target, sector, type, polarity, modality, confidence)
             VALUES (1, 1, 'ARM', 'GEO', 'diplomacy', 'AGREE', 'cooperative', 'actual', 0.5);",
    )
    .unwrap();
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let hits = store.search(&SearchQuery { text: "signed".into(), raw: false, limit: 5 }).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].snippet, "Armenia and Georgia [signed].");
    assert_eq!(hits[0].date.as_deref(), Some("2015-03-01"));
    // The relation's date was filled from its article.
    let t = store.timeline("ARM", None, &Period::default()).unwrap();
    assert_eq!(t.months[0].month, "2015-03");
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
}

#[test]
fn ingest_is_idempotent_and_replaces_changed_documents() {
    let Some(db) = TestDb::new("idempotent") else { return };
    let mut store = db.open();
    let docs = fixture();
    let items: Vec<IngestItem<'_>> = docs.iter().map(NewDocument::item).collect();
    let first = store.ingest_batch(&items, V).unwrap();
    assert_eq!((first.added, first.replaced, first.unchanged, first.relations), (4, 0, 0, 10));
    let version = store.data_version().unwrap();
    let again = store.ingest_batch(&items, V).unwrap();
    assert_eq!((again.added, again.replaced, again.unchanged, again.relations), (0, 0, 4, 0));
    assert_eq!(store.data_version().unwrap(), version, "nothing written, nothing changed");
    let refs: Vec<&Document> = docs.iter().map(|d| &d.document).collect();
    assert_eq!(store.unchanged(&refs).unwrap(), vec![true; 4]);

    // A changed document replaces its relations; the same id twice in a batch: the later wins.
    let mut changed = docs[1].clone();
    changed.document.content = Content::Text("Rewritten.".into());
    changed.relations.truncate(1);
    let mut twice = docs[2].clone();
    twice.document.title = Some("Another title".into());
    let mut last = twice.clone();
    last.document.title = Some("The last title".into());
    last.relations.truncate(1);
    let out = store.ingest_batch(&[changed.item(), twice.item(), last.item()], V).unwrap();
    assert_eq!((out.added, out.replaced, out.unchanged, out.relations), (0, 3, 0, 1 + 2 + 1));
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.relations), (4, 3 + 1 + 1 + 2));
    assert_eq!(store.document("a3").unwrap().unwrap().title.as_deref(), Some("The last title"));
    assert_eq!(
        store
            .relations(&RelationFilter { doc: Some("a2".into()), ..Default::default() }, Page { limit: 9, offset: 0 })
            .unwrap()
            .total,
        Some(1)
    );
    // replace_batch rewrites even unchanged documents.
    let out = store.replace_batch(&[docs[0].item()], "v2").unwrap();
    assert_eq!((out.replaced, out.relations), (1, 3));
    assert_eq!(store.stale_documents("v2", false).unwrap().len(), 3);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());

    // The same writes into SQLite give the same store.
    let mut sqlite = entente_sqlite::open_in_memory().unwrap();
    sqlite.ingest_batch(&items, V).unwrap();
    sqlite.ingest_batch(&[changed.item(), twice.item(), last.item()], V).unwrap();
    sqlite.replace_batch(&[docs[0].item()], "v2").unwrap();
    let (want, got) = (answers(&sqlite), answers(&store));
    for ((what, w), (_, g)) in want.iter().zip(&got) {
        assert_eq!(g, w, "{what}: PostgreSQL (left) differs from SQLite (right)");
    }
}

/// `n` documents, each with two relations in two sentences.
fn many(n: usize) -> Vec<NewDocument> {
    (0..n)
        .map(|i| {
            let id = format!("m{i:03}");
            let s1 = format!("Georgia and Turkey held talks number {i}.");
            let s2 = format!("Armenia thanked Russia for aid shipment {i}.");
            let r1 = rel(&id, "GEO", "TUR", Sector::Diplomacy, EventType::Consult, 0, &s1, 0.5);
            let r2 = rel(&id, "ARM", "RUS", Sector::Trade, EventType::Cooperate, 80, &s2, 0.6);
            NewDocument {
                document: doc(&id, Some("2021-06-01")),
                article_date: None,
                article_title: None,
                relations: vec![r1, r2],
            }
        })
        .collect()
}

#[test]
fn concurrent_writers_of_overlapping_documents_store_each_once() {
    let Some(db) = TestDb::new("concurrent") else { return };
    drop(db.open());
    let docs = std::sync::Arc::new(many(120));
    // Four writers: two over all documents in opposite orders, two over halves, batches of 7.
    let plans: Vec<Vec<usize>> =
        vec![(0..120).collect(), (0..120).rev().collect(), (30..90).collect(), (60..120).chain(0..30).collect()];
    let threads: Vec<_> = plans
        .into_iter()
        .map(|plan| {
            let (c, docs) = (db.connector(), docs.clone());
            std::thread::spawn(move || {
                let mut store = c.open(true, BUSY_TIMEOUT).unwrap();
                let mut total = BatchOutcome::default();
                for chunk in plan.chunks(7) {
                    let items: Vec<IngestItem<'_>> = chunk.iter().map(|&i| docs[i].item()).collect();
                    total += store.ingest_batch(&items, V).unwrap();
                }
                total
            })
        })
        .collect();
    let mut total = BatchOutcome::default();
    for t in threads {
        total += t.join().unwrap();
    }
    assert_eq!(total.added, 120, "{total:?}");
    assert_eq!(total.added + total.unchanged, 120 + 120 + 60 + 90);
    assert_eq!(total.relations, 240);
    let store = db.open();
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.relations, stats.sentences, stats.actors), (120, 240, 240, 4));
    let mut c = db.client();
    let dup: i64 = c
        .query_one("SELECT count(*) FROM (SELECT doc FROM relations GROUP BY doc HAVING count(*) <> 2) x", &[])
        .unwrap()
        .get(0);
    assert_eq!(dup, 0, "every document has exactly its two relations");
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
}

#[test]
fn data_version_changes_when_another_connection_commits() {
    let Some(db) = TestDb::new("data_version") else { return };
    let mut writer = db.open();
    let reader = db.connector().open_for_reading(BUSY_TIMEOUT).unwrap();
    let before = reader.data_version().unwrap();
    assert_eq!(reader.data_version().unwrap(), before, "stable while nothing is written");
    let docs = fixture();
    writer.ingest_batch(&[docs[0].item()], V).unwrap();
    let after = reader.data_version().unwrap();
    assert_ne!(after, before);
    writer.ingest_batch(&[docs[0].item()], V).unwrap();
    assert_eq!(reader.data_version().unwrap(), after, "an unchanged document writes nothing");
    // The reader cannot write.
    let mut reader = reader;
    let e = reader.ingest_batch(&[docs[1].item()], V).unwrap_err();
    assert!(matches!(e, StoreError::ReadOnly { .. }), "{e}");
}

#[test]
fn search_refuses_bad_syntax_and_finds_nothing_quietly() {
    let Some(db) = TestDb::new("search") else { return };
    let mut store = db.open();
    fill(&mut store, &fixture());
    for q in ["\"unclosed", "pipeline AND", "a (b OR c)", "NEAR(a b, x)", "title:gas", "(pipeline"] {
        let e = store.search(&SearchQuery { text: q.into(), raw: true, limit: 5 }).unwrap_err();
        assert!(matches!(&e, StoreError::BadQuery { query, .. } if query == q), "{q}: {e}");
    }
    // NUL: PostgreSQL text cannot hold it; a write is refused naming the document, a lookup
    // finds nothing, a search ignores what follows it (as FTS5's parser does).
    let mut bad = fixture().remove(0);
    bad.document.id = "a\0b".into();
    let e = store.ingest_batch(&[fixture()[2].item(), bad.item()], V).unwrap_err();
    assert!(
        matches!(&e, StoreError::Invalid { detail, .. } if detail.contains("\"a\\0b\": its id holds a NUL")),
        "{e}"
    );
    assert!(store.document("a\0b").unwrap().is_none() && store.stored_document("x\0").unwrap().is_none());
    assert!(store.resolve_actor("GEO\0").unwrap().is_none());
    let hits = store.search(&SearchQuery { text: "pipeline\0 zeppelin".into(), raw: true, limit: 5 }).unwrap();
    assert_eq!(hits.len(), 2);
    let e = store.search(&SearchQuery { text: "  ".into(), raw: false, limit: 5 }).unwrap_err();
    assert!(matches!(e, StoreError::BadQuery { .. }), "{e}");
    assert!(store.search(&SearchQuery { text: "zeppelin".into(), raw: false, limit: 5 }).unwrap().is_empty());
    assert!(store.search(&SearchQuery { text: "—".into(), raw: false, limit: 5 }).unwrap().is_empty());
    let hits = store.search(&SearchQuery { text: "pipeline".into(), raw: false, limit: 5 }).unwrap();
    assert_eq!(hits.len(), 2, "the pipeline sentence, in two documents");
    assert!(hits[0].snippet.contains("gas [pipeline] across"), "{}", hits[0].snippet);
    assert_eq!(hits[0].relations.len(), 2);
}

#[test]
fn a_lost_connection_fails_the_batch_and_leaves_nothing_of_it() {
    let Some(db) = TestDb::new("lost") else { return };
    let mut store = db.open();
    let docs = fixture();
    store.ingest_batch(&[docs[0].item()], V).unwrap();
    let mut admin = postgres::Client::connect(&db.admin, NoTls).unwrap();
    admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            &[&db.name],
        )
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let e = store.ingest_batch(&[docs[1].item()], V).unwrap_err();
    assert!(matches!(e, StoreError::Lost { .. }), "{e:?}");
    assert!(e.to_string().starts_with(&db.url), "{e}");
    let store = db.open();
    assert_eq!(store.stats().unwrap().documents, 1);
}

#[test]
fn an_unreachable_server_or_a_wrong_password_is_named_without_the_password() {
    let e = PgConnector::new("postgres://ann:hunter2@127.0.0.1:1/news").unwrap().open(true, BUSY_TIMEOUT).unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, StoreError::CannotOpen { .. }), "{e:?}");
    assert!(text.starts_with("postgres://ann@127.0.0.1:1/news: cannot open the database: cannot connect"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    let e = PgConnector::new("postgres://ann:hunter2@[bad/x").unwrap_err().to_string();
    assert!(!e.contains("hunter2") && e.contains("not a valid PostgreSQL address"), "{e}");
    assert_eq!(redact("postgresql://a:b@h:1/d?password=c&x=1"), "postgresql://a@h:1/d?x=1");
    assert_eq!(redact("postgres://h/d"), "postgres://h/d");

    let Some(db) = TestDb::new("auth") else { return };
    // A role that must give a password, on a server that trusts local users: the server may
    // not ask for it, so only the database that does not exist is checked here.
    let missing = with_database(&db.admin, "entente_no_such_database");
    let e = PgConnector::new(&missing).unwrap().open(false, BUSY_TIMEOUT).unwrap_err();
    assert!(matches!(e, StoreError::Missing { .. }), "{e}");
    let e = PgConnector::new(&missing).unwrap().open(true, BUSY_TIMEOUT).unwrap_err();
    assert!(e.to_string().contains("create the database first"), "{e}");
}
