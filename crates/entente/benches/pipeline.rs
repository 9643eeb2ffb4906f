//! Throughput of each stage of the pipeline on one core, in bytes of input text per second:
//! `cargo bench -p entente --bench pipeline`.
//!
//! The documents are the JSON Lines files and `.txt` scrapes of `$ENTENTE_BENCH_CORPUS` (a file
//! or a directory), else the real news of `../shared/corpus` beside the repository, else the
//! bundled `examples/`. Stages: `read` (page → article, sentences included), `sentences` (the
//! segmenter alone over the article text), `actors` (the gazetteer matcher), `relations` (the
//! pairing rules over sentences and mentions) and `extract` (all of it, as the CLI runs it).
//! `entente bench` gives the same stages on many threads and with the store.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente::{find_mentions, Article, Content, Document, Extractor};

fn documents_in(path: &Path, out: &mut Vec<Document>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries.iter().filter(|p| !p.is_dir()) {
            documents_in(p, out);
        }
        return;
    }
    let Ok(bytes) = std::fs::read(path) else { return };
    let text = entente::decode_text(&bytes).0;
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl") => out.extend(text.lines().filter_map(|l| entente::input::document_from_json(l).ok())),
        Some("txt") => out.push(Document {
            id: path.display().to_string(),
            url: None,
            date: None,
            title: None,
            content: Content::Text(text),
        }),
        _ => {}
    }
}

fn corpus() -> Vec<Document> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let places = [
        std::env::var_os("ENTENTE_BENCH_CORPUS").map(PathBuf::from),
        Some(here.join("../../../shared/corpus")),
        Some(here.join("../../examples")),
    ];
    for place in places.into_iter().flatten() {
        let mut docs = Vec::new();
        documents_in(&place, &mut docs);
        if !docs.is_empty() {
            eprintln!("pipeline: {} documents from {}", docs.len(), place.display());
            return docs;
        }
    }
    panic!("no documents to measure on");
}

fn bench(c: &mut Criterion) {
    let extractor = Extractor::new().unwrap();
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.content.as_str().len()).sum();
    let articles: Vec<Article> = docs.iter().filter_map(|d| extractor.read(d).ok()).collect();
    let mentions: Vec<_> = articles.iter().map(|a| find_mentions(&extractor.gazetteer, a)).collect();

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    group.bench_function("read", |b| {
        b.iter(|| docs.iter().map(|d| extractor.read(black_box(d)).map_or(0, |a| a.parts.len())).sum::<usize>())
    });
    group.bench_function("sentences", |b| {
        b.iter(|| {
            articles
                .iter()
                .flat_map(|a| a.parts.iter().map(|p| entente_text::sentences(black_box(&a.text[p.start..p.end])).len()))
                .sum::<usize>()
        })
    });
    group.bench_function("actors", |b| {
        b.iter(|| articles.iter().map(|a| find_mentions(&extractor.gazetteer, black_box(a)).len()).sum::<usize>())
    });
    group.bench_function("relations", |b| {
        b.iter(|| {
            articles
                .iter()
                .zip(&mentions)
                .map(|(a, m)| entente_relations::extract(black_box(a), m, &extractor.lexicon).len())
                .sum::<usize>()
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| docs.iter().map(|d| extractor.extract(black_box(d)).map_or(0, |x| x.relations.len())).sum::<usize>())
    });
    group.finish();

    let mut group = c.benchmark_group("start-up");
    group.sample_size(10);
    group.bench_function("Extractor::new", |b| b.iter(|| Extractor::new().unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
