//! How fast the reader reads HTML pages, on one core: `cargo bench -p entente-read`.
//!
//! Reads every `.html` page of `$ENTENTE_BENCH_PAGES` (default: the public benchmark pages at
//! `../shared/corpus/article-extraction` beside the repository, else this crate's own test pages)
//! with [`entente_read::read`] (parse, find the article, metadata, sentences) and reports
//! pages per second (`read_html/pages`) and bytes per second (`read_html/bytes`).
//! `scripts/compare_trafilatura.py` runs trafilatura on the same pages for comparison.
//!
//! Seen on the 181 benchmark pages (31.5 MB), on the project's 2-core machine: 0.73 s for all
//! (about 245 pages/s, 43 MB/s) when the machine was quiet; with other builds running, the
//! comparison script's CPU-time figures were entente 224 pages/s (39 MB/s) against
//! trafilatura 2.3.1's 43 pages/s (7.5 MB/s) in the same run.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_core::{Content, Document};

fn pages() -> Vec<Document> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        std::env::var_os("ENTENTE_BENCH_PAGES").map(PathBuf::from),
        Some(here.join("../../../shared/corpus/article-extraction")),
        Some(here.join("tests/data")),
    ];
    for dir in dirs.into_iter().flatten() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> =
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
        paths.sort();
        let docs: Vec<Document> = paths
            .iter()
            .filter_map(|p| {
                let bytes = std::fs::read(p).ok()?;
                Some(Document {
                    id: p.display().to_string(),
                    url: None,
                    date: None,
                    title: None,
                    content: Content::Html(entente_text::decode(&bytes).0),
                })
            })
            .collect();
        if !docs.is_empty() {
            eprintln!("read_html: {} pages from {}", docs.len(), dir.display());
            return docs;
        }
    }
    Vec::new()
}

fn bench(c: &mut Criterion) {
    let docs = pages();
    let bytes: usize = docs.iter().map(|d| d.content.as_str().len()).sum();
    let opts = entente_read::ReadOptions::default();
    let read_all = || {
        let mut n = 0;
        for d in &docs {
            if let Ok(a) = entente_read::read(d, &opts) {
                n += a.parts.len();
            }
        }
        n
    };
    let mut g = c.benchmark_group("read_html");
    g.sample_size(10);
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("pages", |b| b.iter(read_all));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("bytes", |b| b.iter(read_all));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
