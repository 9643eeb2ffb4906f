//! The store's backend-neutral tests, written once against [`Fresh`] and run on every backend
//! (`sqlite::NAME`, `postgres::NAME`): ingest and its idempotence, the questions, the listings,
//! the exports. (Moved from entente-sqlite's unit tests; SQLite's own stay there.)

use entente_core::{
    ActorKind, ActorRef as Ref, EventType, Evidence, Explanation, Modality, PartKind, Quantity, Sector, TimeSpan,
};
use entente_store::{
    BatchOutcome, Content, Count, Document, IngestItem, Page, Period, Relation, RelationFilter, Result, SearchQuery,
    Store, StoreError,
};
use entente_store_tests::{on_every_backend, Fresh, Postgres, Sqlite};

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
fn sample(b: &dyn Fresh) -> Store {
    let mut store = b.store();
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

fn ingest_is_idempotent_and_replaces_changed_documents(b: &dyn Fresh) {
    let mut store = sample(b);
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

fn same_id_twice_in_a_batch_keeps_the_later(b: &dyn Fresh) {
    let mut store = b.store();
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

fn dyad_profile(b: &dyn Fresh) {
    let store = sample(b);
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

fn periods_overlap_at_each_dates_precision(b: &dyn Fresh) {
    let store = sample(b);
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

fn actor_partners_and_rivals(b: &dyn Fresh) {
    let store = sample(b);
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

fn timeline_by_month(b: &dyn Fresh) {
    let store = sample(b);
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

fn search_evidence(b: &dyn Fresh) {
    let store = sample(b);
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

fn relations_export_as_they_came(b: &dyn Fresh) {
    let mut store = b.store();
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

fn graph_and_dyad_years(b: &dyn Fresh) {
    let store = sample(b);
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

fn resolve_actor_by_code_or_name(b: &dyn Fresh) {
    let store = sample(b);
    assert_eq!(store.resolve_actor("isr").unwrap().unwrap().code, "ISR");
    assert_eq!(store.resolve_actor("azerbaijan").unwrap().unwrap().code, "AZE");
    assert!(store.resolve_actor("Atlantis").unwrap().is_none());
}

fn reindex_finds_stale_documents_and_replaces(b: &dyn Fresh) {
    let mut store = sample(b);
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

fn an_office_holder_acting_for_a_code_does_not_name_it(b: &dyn Fresh) {
    let mut store = b.store();
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

fn the_title_the_reader_found_is_stored_and_named_where_none_was_given(b: &dyn Fresh) {
    let mut store = b.store();
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

on_every_backend!(
    ingest_is_idempotent_and_replaces_changed_documents,
    same_id_twice_in_a_batch_keeps_the_later,
    dyad_profile,
    periods_overlap_at_each_dates_precision,
    actor_partners_and_rivals,
    timeline_by_month,
    search_evidence,
    relations_export_as_they_came,
    graph_and_dyad_years,
    resolve_actor_by_code_or_name,
    reindex_finds_stale_documents_and_replaces,
    an_office_holder_acting_for_a_code_does_not_name_it,
    the_title_the_reader_found_is_stored_and_named_where_none_was_given,
);

/// A NUL character (U+0000, which JSON's `\u0000` gives) in a document's id, text, title and a
/// relation's sentence: SQLite stores it and gives it back as it was; PostgreSQL, whose text
/// cannot hold it, refuses the batch with an error that names the store, and keeps nothing of it.
#[test]
fn a_nul_character_is_kept_by_sqlite_and_refused_by_postgres_by_name() {
    nul_character(&Sqlite, true);
    if let Some(pg) = Postgres::from_env("a_nul_character_is_kept_by_sqlite_and_refused_by_postgres_by_name") {
        nul_character(&pg, false);
    }
}

fn nul_character(b: &dyn Fresh, kept: bool) {
    let mut store = b.store();
    ingest(&mut store, &doc("before", "…", None), &[]);
    let mut d = doc("nul\0id", "text with \0 inside", Some("2016"));
    d.title = Some("a \0 title".into());
    let mut x = r("ISR", "AZE", Sector::Arms, EventType::Aid);
    x.sent = (0, "Israel sold \0 drones to Azerbaijan.");
    let rels = [rel("nul\0id", x)];
    let out = store.ingest_batch(
        &[IngestItem { document: &d, article_date: Some("2016"), article_title: None, relations: &rels }],
        V,
    );
    match out {
        Ok(out) => {
            assert!(kept, "{}: took a NUL character, expected a refusal", b.name());
            assert_eq!(out.added, 1);
            assert_eq!(store.stored_document("nul\0id").unwrap(), Some(d.clone()));
            let mut back = Vec::new();
            store
                .for_each_relation(|row| -> Result<()> {
                    back.push(row.relation);
                    Ok(())
                })
                .unwrap();
            assert_eq!(back, rels);
        }
        Err(e) => {
            assert!(!kept, "{}: refused a NUL character: {e}", b.name());
            eprintln!("{}: {e}", b.name());
            let path = store.path().display().to_string();
            assert!(e.to_string().contains(&path), "the error names the store ({path}): {e}");
            assert_eq!(store.stats().unwrap().documents, 1, "nothing of the refused batch is stored");
        }
    }
}
