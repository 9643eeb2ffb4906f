//! Actor recognition throughput on a megabyte of synthetic news (entente-synth's articles, seed
//! 42), and the start-up cost of the built-in gazetteer.
//!
//! `cargo bench -p entente-actors` (criterion reports MB/s for `find_mentions/1MB`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_actors::{find_mentions, Gazetteer};
use entente_core::{Article, DateSource, Part, PartKind, PubDate, Span};

fn article(text: String) -> Article {
    let len = text.len();
    Article {
        id: "bench".into(),
        url: None,
        title: None,
        date: Some(PubDate { value: "2016-12-21".into(), source: DateSource::Input, inferred: false, evidence: None }),
        author: None,
        text,
        parts: vec![Part { kind: PartKind::Body, start: 0, end: len, sentences: vec![Span::new(0, len)] }],
        dropped: vec![],
        warnings: vec![],
    }
}

fn bench(c: &mut Criterion) {
    let gazetteer = Gazetteer::builtin().unwrap();
    let a = article(entente_synth::news_text(1 << 20, 42));
    let mut group = c.benchmark_group("find_mentions");
    group.throughput(Throughput::Bytes(a.text.len() as u64));
    group.sample_size(10);
    group.bench_function("1MB", |b| b.iter(|| find_mentions(&gazetteer, black_box(&a))));
    group.finish();

    let mut group = c.benchmark_group("gazetteer");
    group.sample_size(10);
    group.bench_function("builtin", |b| b.iter(|| Gazetteer::builtin().unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
