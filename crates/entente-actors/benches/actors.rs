//! Actor recognition throughput on a megabyte of generated news-like text, and the start-up
//! cost of the built-in gazetteer.
//!
//! `cargo bench -p entente-actors` (criterion reports MB/s for `find_mentions/1MB`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_actors::{find_mentions, Gazetteer};
use entente_core::{Article, DateSource, Part, PartKind, PubDate, Span};

/// A deterministic generator (64-bit LCG), so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        items[(self.0 >> 33) as usize % items.len()]
    }
}

/// About `size` bytes of sentences in the manner of wire news: states, capitals, adjectives,
/// office holders, organisations, and a lot of ordinary words.
fn news_text(size: usize) -> String {
    let states = [
        "Israel",
        "Azerbaijan",
        "Kazakhstan",
        "Iran",
        "the United States",
        "Russia",
        "China",
        "Japan",
        "Germany",
        "France",
        "Turkey",
        "Georgia",
        "Jordan",
        "Brazil",
        "India",
        "Pakistan",
        "Egypt",
        "Saudi Arabia",
        "Kenya",
        "Ukraine",
        "the UK",
        "Nigeria",
        "Mexico",
        "Canada",
        "Australia",
    ];
    let adjectives = [
        "Israeli", "Azeri", "Kazakh", "Iranian", "American", "Russian", "Chinese", "Japanese", "German", "Turkish",
        "Indian", "Egyptian",
    ];
    let capitals =
        ["Baku", "Astana", "Moscow", "Beijing", "Washington", "Tehran", "Ankara", "Tokyo", "Berlin", "Cairo", "Delhi"];
    let people =
        ["Netanyahu", "President Ilham Aliyev", "Prime Minister Narendra Modi", "Vladimir Putin", "Nazarbayev"];
    let orgs = ["the European Union", "NATO", "the UN Security Council", "OPEC", "the IMF", "ASEAN", "the EEU"];
    let verbs = [
        "signed an agreement with",
        "agreed to sell arms to",
        "criticised",
        "held talks with",
        "imposed sanctions on",
        "expanded trade with",
        "sent a delegation to",
        "welcomed",
    ];
    let fillers = [
        "officials said on Tuesday, citing a statement released after the meeting",
        "according to people familiar with the negotiations who asked not to be named",
        "in a move that analysts described as a significant shift in regional policy",
        "despite concerns raised by several lawmakers and business groups over the cost",
        "as markets rose sharply and oil prices fell for a third consecutive session",
        "after months of talks over pipelines, tariffs and the price of wheat",
    ];
    let mut rng = Rng(42);
    let mut text = String::with_capacity(size + 512);
    while text.len() < size {
        let subject = match rng.pick(&["s", "a", "c", "p", "o"]) {
            "s" => rng.pick(&states).to_string(),
            "a" => format!("The {} government", rng.pick(&adjectives)),
            "c" => rng.pick(&capitals).to_string(),
            "p" => rng.pick(&people).to_string(),
            _ => rng.pick(&orgs).to_string(),
        };
        let object = match rng.pick(&["s", "c", "o"]) {
            "s" => rng.pick(&states),
            "c" => rng.pick(&capitals),
            _ => rng.pick(&orgs),
        };
        let mut sentence = format!("{subject} {} {object}, {}.", rng.pick(&verbs), rng.pick(&fillers));
        if let Some(first) = sentence.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        text.push_str(&sentence);
        text.push_str(if rng.pick(&["a", "b", "c", "d"]) == "a" { "\n\n" } else { " " });
        if rng.pick(&["a", "b", "c", "d", "e", "f"]) == "a" {
            text.push_str("The two countries have been close partners since the 1990s. ");
        }
    }
    text
}

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
    let a = article(news_text(1 << 20));
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
