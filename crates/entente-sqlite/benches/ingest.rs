//! The store's write path alone: documents of about 5 KB with their relations, written in
//! batches as `entente ingest` does, without the extractor.
//!
//!     cargo bench -p entente-store --bench ingest [-- DOCS [BATCH [RELATIONS_PER_DOC]]]
//!
//! Without RELATIONS_PER_DOC every paragraph states one (about 27 per document, a stress
//! case); news articles of that size state a handful.
//!
//! Prints documents per second and relations per second.

use std::time::Instant;

use entente_core::{
    ActorKind, ActorRef, Content, Document, EventType, Evidence, Modality, PartKind, Quantity, Relation, Sector,
    TimeSpan,
};
use entente_store::IngestItem;

const CODES: &[(&str, &str)] = &[
    ("ISR", "Israel"),
    ("AZE", "Azerbaijan"),
    ("KAZ", "Kazakhstan"),
    ("IRN", "Iran"),
    ("RUS", "Russia"),
    ("CHN", "China"),
    ("TUR", "Turkey"),
    ("GEO", "Georgia"),
    ("ARM", "Armenia"),
    ("IND", "India"),
    ("USA", "United States"),
    ("FRA", "France"),
];

fn document(i: usize, per_doc: usize) -> (Document, Vec<Relation>) {
    let mut text = String::new();
    let mut relations = Vec::new();
    let mut k = 0;
    while text.len() < 5000 {
        if k >= per_doc {
            text.push_str("Analysts said the announcement reflected a broader shift in the region's alliances. ");
            text.push_str("Officials declined to give further details of the talks, which lasted two days.\n\n");
            continue;
        }
        let a = CODES[(i + k) % CODES.len()];
        let b = CODES[(i * 7 + k * 3 + 1) % CODES.len()];
        let b = if a.0 == b.0 { CODES[(i + k + 1) % CODES.len()] } else { b };
        let sentence = format!(
            "{} agreed to sell {} ${} billion worth of arms and missile defense technology in {}, \
             officials said on report {i}.",
            a.1,
            b.1,
            1 + k % 9,
            1992 + (i + k) % 30
        );
        let start = text.len();
        text.push_str(&sentence);
        text.push_str(" Officials declined to give further details of the talks.\n\n");
        let sector = Sector::ALL[(i + k) % Sector::ALL.len()];
        let ty = [EventType::Aid, EventType::Agree, EventType::Threaten, EventType::Cooperate][k % 4];
        relations.push(Relation {
            doc: format!("doc-{i}"),
            source: a.0.into(),
            target: b.0.into(),
            sector,
            event_type: ty,
            mode: None,
            polarity: ty.polarity(),
            modality: Modality::Planned,
            quantities: if k % 3 == 0 {
                vec![Quantity { value: 1e9 * (1 + k % 9) as f64, unit: "USD".into(), of: Some("arms".into()) }]
            } else {
                Vec::new()
            },
            time: TimeSpan { start: Some(format!("{}", 1992 + (i + k) % 30)), end: None },
            source_actor: ActorRef { name: a.1.into(), kind: ActorKind::State },
            target_actor: ActorRef { name: b.1.into(), kind: ActorKind::State },
            evidence: Evidence { start, end: start + sentence.len(), text: sentence, part: PartKind::Body },
            confidence: 0.8,
            explain: None,
        });
        k += 1;
    }
    let doc = Document {
        id: format!("doc-{i}"),
        url: Some(format!("https://bench.example/{i}")),
        date: Some(format!("{}-06-15", 1992 + i % 30)),
        title: None,
        content: Content::Text(text),
    };
    (doc, relations)
}

/// User and system CPU time of this process so far (Linux; 0 elsewhere). On a shared machine
/// wall time says more about the neighbours than about the store.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let n = args.first().copied().unwrap_or(20_000);
    let batch = args.get(1).copied().unwrap_or(256);
    let per_doc = args.get(2).copied().unwrap_or(usize::MAX);
    let dir = std::env::temp_dir().join(format!("entente-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("bench.db");
    let mut store = entente_sqlite::open(&db).unwrap();
    let mut relations = 0usize;
    let mut gen_time = 0.0;
    let started = Instant::now();
    let mut i = 0;
    while i < n {
        let t = Instant::now();
        let docs: Vec<_> = (i..(i + batch).min(n)).map(|i| document(i, per_doc)).collect();
        gen_time += t.elapsed().as_secs_f64();
        let items: Vec<_> = docs
            .iter()
            .map(|(d, r)| IngestItem {
                document: d,
                article_date: d.date.as_deref(),
                article_title: None,
                relations: r,
            })
            .collect();
        relations += store.ingest_batch(&items, "bench").unwrap().relations;
        i += batch;
    }
    let secs = started.elapsed().as_secs_f64() - gen_time;
    let cpu = cpu_seconds() - gen_time;
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "store write path: {n} documents (~5 KB, {:.1} relations each) in {secs:.2} s ({cpu:.2} s of CPU): \
         {:.0} documents/s ({:.0} per CPU-second), {:.0} relations/s; database {:.0} MB",
        relations as f64 / n as f64,
        n as f64 / secs,
        n as f64 / cpu,
        relations as f64 / secs,
        size as f64 / 1e6
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
