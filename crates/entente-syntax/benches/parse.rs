//! Tagger and parser together, on one core: EWT dev's words (gold tokenisation), and the same
//! through the tokeniser from text. Throughput in words.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_syntax::{conllu, Model};

fn bench(c: &mut Criterion) {
    let path = format!("{}/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let gold = conllu::read(&text).expect("EWT dev reads");
    let sentences: Vec<Vec<&str>> =
        gold.iter().take(1000).map(|s| s.tokens.iter().map(|t| t.form.as_str()).collect()).collect();
    let joined: Vec<String> = sentences.iter().map(|s| s.join(" ")).collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let model = Model::shipped();
    let mut g = c.benchmark_group("syntax");
    g.throughput(Throughput::Elements(words as u64));
    g.sample_size(10);
    g.bench_function("tag+parse, gold words", |b| {
        b.iter(|| sentences.iter().map(|s| model.parse_words(s).tokens.len()).sum::<usize>())
    });
    g.bench_function("tokenise+tag+parse, text", |b| {
        b.iter(|| joined.iter().map(|s| model.parse_text(s, 0).tokens.len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
