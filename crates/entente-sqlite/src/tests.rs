use super::*;
use entente_core::{
    ActorKind, ActorRef as Ref, EventType, Evidence, Explanation, Modality, PartKind, Quantity, Sector, TimeSpan,
};
use entente_store::{BatchOutcome, Content, Count, PeriodError, Relation};

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

fn name(code: &str) -> &'static str {
    match code {
        "ISR" => "Israel",
        "AZE" => "Azerbaijan",
        "IRN" => "Iran",
        "KAZ" => "Kazakhstan",
        "USA" => "United States",
        _ => "Elsewhere",
    }
}

struct R {
    s: &'static str,
    t: &'static str,
    sector: Sector,
    ty: EventType,
    modality: Modality,
    start: Option<&'static str>,
    q: Vec<Quantity>,
    sent: (usize, &'static str),
    conf: f64,
}

fn r(s: &'static str, t: &'static str, sector: Sector, ty: EventType) -> R {
    R { s, t, sector, ty, modality: Modality::Actual, start: None, q: Vec::new(), sent: (0, "A sentence."), conf: 0.5 }
}

fn rel(d: &str, x: R) -> Relation {
    Relation {
        doc: d.into(),
        source: x.s.into(),
        target: x.t.into(),
        sector: x.sector,
        event_type: x.ty,
        mode: None,
        polarity: x.ty.polarity(),
        modality: x.modality,
        quantities: x.q,
        time: TimeSpan { start: x.start.map(String::from), end: None },
        source_actor: Ref { name: name(x.s).into(), kind: ActorKind::State },
        target_actor: Ref { name: name(x.t).into(), kind: ActorKind::State },
        evidence: Evidence {
            text: x.sent.1.into(),
            start: x.sent.0,
            end: x.sent.0 + x.sent.1.len(),
            part: PartKind::Body,
        },
        confidence: x.conf,
        explain: None,
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

const ARMS: &str = "Israel agreed to sell Azerbaijan $5 billion worth of arms.";
const OIL: &str = "Azerbaijan supplies 40% of Israel's oil.";
const DRONES: &str = "Israel sold drones to Azerbaijan.";

/// Three documents about ISR-AZE, one about ISR-IRN rivalry, one about ISR-KAZ.
fn sample() -> Store {
    let mut store = open_in_memory().unwrap();
    let d1 = doc("d1", "…", Some("2016-12-20"));
    let mut arms = r("ISR", "AZE", Sector::Arms, EventType::Aid);
    arms.modality = Modality::Planned;
    arms.q = vec![Quantity { value: 5e9, unit: "USD".into(), of: Some("arms".into()) }];
    arms.sent = (10, ARMS);
    arms.conf = 0.9;
    let mut oil = r("AZE", "ISR", Sector::Energy, EventType::Cooperate);
    oil.q = vec![Quantity { value: 40.0, unit: "percent".into(), of: Some("share of Israel's oil".into()) }];
    oil.sent = (80, OIL);
    oil.conf = 0.8;
    ingest(&mut store, &d1, &[rel("d1", arms), rel("d1", oil)]);

    let d2 = doc("d2", "…", Some("2012-02-26"));
    let mut drones = r("ISR", "AZE", Sector::Arms, EventType::Aid);
    drones.sent = (0, DRONES);
    drones.conf = 0.7;
    drones.start = Some("2012-02");
    let mut drones2 = r("ISR", "AZE", Sector::Military, EventType::Cooperate);
    drones2.sent = (0, DRONES);
    drones2.conf = 0.6;
    let mut iran = r("ISR", "IRN", Sector::Military, EventType::Threaten);
    iran.sent = (40, "Israel threatened Iran.");
    let mut iran2 = r("IRN", "ISR", Sector::Diplomacy, EventType::Accuse);
    iran2.sent = (70, "Iran accused Israel.");
    ingest(&mut store, &d2, &[rel("d2", drones), rel("d2", drones2), rel("d2", iran), rel("d2", iran2)]);

    let d3 = doc("d3", "…", None);
    let mut kaz = r("KAZ", "ISR", Sector::Technology, EventType::Cooperate);
    kaz.sent = (0, "Kazakhstan and Israel cooperate in space research.");
    let mut aze = r("AZE", "ISR", Sector::Diplomacy, EventType::Consult);
    aze.sent = (60, "Azerbaijan's president met Israel's prime minister.");
    aze.start = Some("2016");
    ingest(&mut store, &d3, &[rel("d3", kaz), rel("d3", aze)]);
    store
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
fn ingest_is_idempotent_and_replaces_changed_documents() {
    let mut store = sample();
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.relations, s.actors), (3, 8, 4));
    // The drones sentence states two relations but is stored once.
    assert_eq!(s.sentences, 7);
    assert_eq!(s.extractor_versions, vec![(V.to_string(), 3)]);

    // Same content again: nothing written.
    let d1 = doc("d1", "…", Some("2016-12-20"));
    let out = ingest(&mut store, &d1, &[]);
    assert_eq!(out.unchanged, 1);
    assert_eq!(store.stats().unwrap().relations, 8);
    assert_eq!(store.unchanged(&[&d1]).unwrap(), vec![true]);

    // Changed content: its relations are replaced, the others stay.
    let d1b = doc("d1", "… updated", Some("2016-12-20"));
    assert_eq!(store.unchanged(&[&d1b]).unwrap(), vec![false]);
    let mut x = r("ISR", "AZE", Sector::Trade, EventType::Agree);
    x.sent = (0, "Israel and Azerbaijan signed a trade deal.");
    let out = ingest(&mut store, &d1b, &[rel("d1", x)]);
    assert_eq!((out.added, out.replaced, out.relations), (0, 1, 1));
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.relations), (3, 7));
    assert!(store.check().unwrap().is_empty());
    let hits = store.search(&SearchQuery { text: "billion".into(), raw: false, limit: 10 }).unwrap();
    assert!(hits.is_empty(), "old sentences leave the search index");
}

#[test]
fn same_id_twice_in_a_batch_keeps_the_later() {
    let mut store = open_in_memory().unwrap();
    let a = doc("a", "one", None);
    let b = doc("a", "two", None);
    let out = store
        .ingest_batch(
            &[
                IngestItem { document: &a, article_date: None, article_title: None, relations: &[] },
                IngestItem { document: &b, article_date: None, article_title: None, relations: &[] },
            ],
            V,
        )
        .unwrap();
    assert_eq!((out.added, out.replaced), (1, 1));
    let docs = store.documents_by_rowid(&store.stale_documents(V, true).unwrap()).unwrap();
    assert_eq!(docs, vec![b]);
}

#[test]
fn dyad_profile() {
    let store = sample();
    let p = store.dyad("ISR", "AZE", &Period::default(), 3).unwrap();
    assert_eq!(p.a.name.as_deref(), Some("Israel"));
    assert_eq!((p.documents, p.relations), (3, 5));
    assert_eq!(p.first.as_deref(), Some("2012-02"));
    assert_eq!(p.last.as_deref(), Some("2016-12-20"));
    let arms = &p.ties[0];
    assert_eq!((arms.sector.as_str(), arms.polarity.as_str()), ("arms", "cooperative"));
    assert_eq!((arms.documents, arms.relations, arms.a_to_b, arms.b_to_a), (2, 2, 2, 0));
    assert_eq!(
        arms.modalities,
        vec![Count { value: Modality::Actual, relations: 1 }, Count { value: Modality::Planned, relations: 1 }]
    );
    assert_eq!(arms.amounts.len(), 1);
    assert_eq!(arms.amounts[0].value, 5e9);
    assert_eq!(arms.amounts[0].of.as_deref(), Some("arms"));
    // Strongest first, with the document's id, date and URL.
    assert_eq!(arms.evidence.len(), 2);
    assert_eq!(arms.evidence[0].text, ARMS);
    assert_eq!(arms.evidence[0].doc, "d1");
    assert_eq!(arms.evidence[0].date.as_deref(), Some("2016-12-20"));
    assert_eq!(arms.evidence[0].url.as_deref(), Some("https://example.org/d1"));
    assert_eq!(arms.evidence[1].text, DRONES);
    let energy = p.ties.iter().find(|t| t.sector.as_str() == "energy").unwrap();
    assert_eq!((energy.a_to_b, energy.b_to_a), (0, 1));
    assert_eq!(energy.amounts[0].unit, "percent");

    // Order of the pair does not matter for counts.
    let q = store.dyad("AZE", "ISR", &Period::default(), 3).unwrap();
    assert_eq!(q.relations, 5);

    // Evidence limit.
    let one = store.dyad("ISR", "AZE", &Period::default(), 1).unwrap();
    assert_eq!(one.ties[0].evidence.len(), 1);
}

#[test]
fn periods_overlap_at_each_dates_precision() {
    let store = sample();
    let since = |s: &str| Period { since: Some(s.into()), until: None };
    // 2016-12-20 (d1 x2) and 2016 (d3) are in; 2012-02 is out.
    assert_eq!(store.dyad("ISR", "AZE", &since("2016-05"), 0).unwrap().relations, 3);
    assert_eq!(store.dyad("ISR", "AZE", &since("2016-12-21"), 0).unwrap().relations, 1);
    let until = Period { since: None, until: Some("2012".into()) };
    // The drones relation dated 2012-02 and the military one dated by its article 2012-02-26.
    assert_eq!(store.dyad("ISR", "AZE", &until, 0).unwrap().relations, 2);
    let both = Period { since: Some("2013".into()), until: Some("2016-06".into()) };
    assert_eq!(store.dyad("ISR", "AZE", &both, 0).unwrap().relations, 1);
}

#[test]
fn actor_partners_and_rivals() {
    let store = sample();
    let p = store.actor("ISR", &Period::default(), None).unwrap();
    assert_eq!(p.relations, 8);
    assert_eq!(p.documents, 3);
    let partners: Vec<_> = p.partners.iter().map(|t| t.actor.code.as_str()).collect();
    assert_eq!(partners, ["AZE", "KAZ"]);
    assert_eq!(p.partners[0].breadth, 4); // arms, military, energy, diplomacy
    assert_eq!(p.partners[0].documents, 3);
    assert_eq!(p.partners[0].sectors[0].sector.as_str(), "arms");
    assert_eq!(p.partners[0].actor.name.as_deref(), Some("Azerbaijan"));
    let rivals: Vec<_> = p.rivals.iter().map(|t| t.actor.code.as_str()).collect();
    assert_eq!(rivals, ["IRN"]);
    assert_eq!(p.rivals[0].breadth, 2);
    let limited = store.actor("ISR", &Period::default(), Some(1)).unwrap();
    assert_eq!(limited.partners.len(), 1);
}

#[test]
fn timeline_by_month() {
    let store = sample();
    let t = store.timeline("ISR", Some("AZE"), &Period::default()).unwrap();
    let months: Vec<_> = t.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, ["2012-02", "2016", "2016-12"]);
    assert_eq!(t.months[0].relations, 2);
    assert_eq!(t.months[0].sectors.len(), 2);
    assert_eq!(t.undated, 0);
    let all = store.timeline("ISR", None, &Period::default()).unwrap();
    assert_eq!(all.undated, 1); // KAZ, from an undated document
    assert_eq!(all.months[0].conflictual, 2);
}

#[test]
fn search_evidence() {
    let store = sample();
    let q = |text: &str, raw: bool| SearchQuery { text: text.into(), raw, limit: 10 };
    let hits = store.search(&q("drones", false)).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc, "d2");
    assert_eq!(hits[0].relations.len(), 2);
    assert!(hits[0].snippet.contains("[drones]"));
    // Punctuation and operators in plain text are taken literally.
    assert_eq!(store.search(&q("$5 billion", false)).unwrap().len(), 1);
    assert_eq!(store.search(&q("Israel's oil AND", false)).unwrap().len(), 0);
    assert_eq!(store.search(&q("drones OR oil", true)).unwrap().len(), 2);
    let e = store.search(&q("\"unbalanced", true));
    assert!(matches!(e, Err(StoreError::BadQuery { .. })), "{e:?}");
    assert!(matches!(store.search(&q("  ", false)), Err(StoreError::BadQuery { .. })));
}

#[test]
fn relations_export_as_they_came() {
    let mut store = open_in_memory().unwrap();
    let d = doc("x", "…", Some("2016"));
    let mut a = rel("x", {
        let mut a = r("ISR", "AZE", Sector::Arms, EventType::Aid);
        a.q = vec![
            Quantity { value: 5e9, unit: "USD".into(), of: Some("arms".into()) },
            Quantity { value: 3.0, unit: "drones".into(), of: None },
        ];
        a.start = Some("2016-12");
        a.sent = (3, ARMS);
        a
    });
    a.explain = Some(Explanation { rule: "sell".into(), cues: vec!["agreed to sell".into()] });
    a.time.end = Some("2017".into());
    let b = rel("x", r("AZE", "ISR", Sector::Energy, EventType::Cooperate));
    ingest(&mut store, &d, &[a.clone(), b.clone()]);
    let mut rows = Vec::new();
    store
        .for_each_relation(|row| -> Result<()> {
            rows.push(row);
            Ok(())
        })
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].relation, a);
    assert_eq!(rows[1].relation, b);
    assert_eq!(rows[0].date.as_deref(), Some("2016-12"));
    assert_eq!(rows[1].date.as_deref(), Some("2016"));
    assert_eq!(rows[0].url.as_deref(), Some("https://example.org/x"));
}

#[test]
fn graph_and_dyad_years() {
    let store = sample();
    let g = store.graph().unwrap();
    let codes: Vec<_> = g.nodes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(codes, ["AZE", "IRN", "ISR", "KAZ"]);
    assert_eq!(g.nodes[2].documents, 3);
    assert_eq!(g.nodes[0].name, "Azerbaijan");
    let arms = g.edges.iter().find(|e| e.sector.as_str() == "arms").expect("an arms edge");
    assert_eq!((arms.a.as_str(), arms.b.as_str()), ("AZE", "ISR"));
    assert_eq!((arms.documents, arms.a_to_b, arms.b_to_a), (2, 0, 2));
    assert_eq!(g.edges.len(), 7);

    let dy = store.dyad_years().unwrap();
    let keys: Vec<_> = dy.iter().map(|d| (d.a.as_str(), d.b.as_str(), d.year)).collect();
    // KAZ-ISR is undated and left out.
    assert_eq!(keys, [("AZE", "ISR", 2012), ("AZE", "ISR", 2016), ("IRN", "ISR", 2012)]);
    assert_eq!((dy[1].documents, dy[1].relations), (2, 3));
    assert_eq!(dy[1].links.len(), 3);
}

#[test]
fn resolve_actor_by_code_or_name() {
    let store = sample();
    assert_eq!(store.resolve_actor("isr").unwrap().unwrap().code, "ISR");
    assert_eq!(store.resolve_actor("azerbaijan").unwrap().unwrap().code, "AZE");
    assert!(store.resolve_actor("Atlantis").unwrap().is_none());
}

#[test]
fn reindex_finds_stale_documents_and_replaces() {
    let mut store = sample();
    assert!(store.stale_documents(V, false).unwrap().is_empty());
    let stale = store.stale_documents("test+2", false).unwrap();
    assert_eq!(stale.len(), 3);
    let docs = store.documents_by_rowid(&stale).unwrap();
    assert_eq!(docs[0], doc("d1", "…", Some("2016-12-20")));
    let items: Vec<_> = docs
        .iter()
        .map(|d| IngestItem { document: d, article_date: d.date.as_deref(), article_title: None, relations: &[] })
        .collect();
    let out = store.replace_batch(&items, "test+2").unwrap();
    assert_eq!(out.replaced, 3);
    assert!(store.stale_documents("test+2", false).unwrap().is_empty());
    assert_eq!(store.stats().unwrap().relations, 0);

    // HTML comes back as HTML, with its metadata.
    let mut page = doc("page", "<p>Israel and Azerbaijan.</p>", Some("2016-12"));
    page.content = Content::Html("<p>Israel and Azerbaijan.</p>".into());
    page.title = Some("Caspian comrades".into());
    ingest(&mut store, &page, &[]);
    let ids = store.stale_documents("test+3", false).unwrap();
    let back = store.documents_by_rowid(&ids).unwrap();
    assert_eq!(back.last(), Some(&page));
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

#[test]
fn an_office_holder_acting_for_a_code_does_not_name_it() {
    let mut store = open_in_memory().unwrap();
    let by_minister = |id: &str| {
        let mut x = rel(id, r("ISR", "AZE", Sector::Arms, EventType::Aid));
        x.source_actor = Ref { name: "Avi Levi".into(), kind: ActorKind::OfficeHolder };
        x
    };
    // Only the minister has acted for Israel: the code holds its place under itself.
    let d1 = doc("d1", ARMS, Some("2020-01-01"));
    ingest(&mut store, &d1, &[by_minister("d1")]);
    let isr = store.actor_name("ISR").unwrap();
    assert_eq!((isr.name.as_deref(), isr.kind), (Some("ISR"), Some(ActorKind::State)));
    assert_eq!(store.actor_name("AZE").unwrap().name.as_deref(), Some("Azerbaijan"));
    // A relation naming Israel itself names the code, and a later minister does not rename it.
    let d2 = doc("d2", DRONES, Some("2020-02-01"));
    ingest(&mut store, &d2, &[rel("d2", r("ISR", "AZE", Sector::Arms, EventType::Aid))]);
    let d3 = doc("d3", OIL, Some("2020-03-01"));
    ingest(&mut store, &d3, &[by_minister("d3")]);
    let isr = store.actor_name("ISR").unwrap();
    assert_eq!((isr.name.as_deref(), isr.kind), (Some("Israel"), Some(ActorKind::State)));
}

#[test]
fn the_title_the_reader_found_is_stored_and_named_where_none_was_given() {
    let mut store = open_in_memory().unwrap();
    // A scrape without a title of its own, whose reader found the headline; a document given
    // with a title, whose title wins over the one its page shows.
    let scrape = doc("scrape", "Ports and pipelines\n\nIsrael sold drones to Azerbaijan.", Some("2016"));
    let mut titled = doc("titled", "…", Some("2016"));
    titled.title = Some("Given title".into());
    let rels = [rel("scrape", r("ISR", "AZE", Sector::Arms, EventType::Aid))];
    let titled_rels = [rel("titled", r("ISR", "AZE", Sector::Energy, EventType::Cooperate))];
    store
        .ingest_batch(
            &[
                IngestItem {
                    document: &scrape,
                    article_date: Some("2016"),
                    article_title: Some("Ports and pipelines"),
                    relations: &rels,
                },
                IngestItem {
                    document: &titled,
                    article_date: Some("2016"),
                    article_title: Some("The page's headline"),
                    relations: &titled_rels,
                },
            ],
            V,
        )
        .unwrap();
    let row = store.document("scrape").unwrap().unwrap();
    assert_eq!((row.title.as_deref(), row.shown_title()), (None, Some("Ports and pipelines")));
    assert_eq!(store.document("titled").unwrap().unwrap().shown_title(), Some("Given title"));
    let page = Page { limit: 10, offset: 0 };
    let listed = store.relations(&RelationFilter::default(), page).unwrap();
    let mut titles: Vec<_> = listed.items.iter().map(|r| (r.doc.as_str(), r.doc_title.as_deref())).collect();
    titles.sort();
    assert_eq!(titles, [("scrape", Some("Ports and pipelines")), ("titled", Some("Given title"))]);
    let pair = RelationFilter { pair: Some(("ISR".into(), "AZE".into())), ..Default::default() };
    let sentences = store.sentences(&pair, page).unwrap();
    assert!(sentences.items.iter().any(|s| s.doc == "scrape" && s.title.as_deref() == Some("Ports and pipelines")));
}
