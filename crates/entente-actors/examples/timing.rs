//! Prints how long `Gazetteer::builtin()` takes, and actor recognition speed on a text file.
//!
//! `cargo run --release -p entente-actors --example timing [FILE]`

use std::time::Instant;

use entente_actors::{find_mentions, Gazetteer};
use entente_core::{Article, Part, PartKind, Span};

fn main() {
    let t = Instant::now();
    let g = Gazetteer::builtin().expect("gazetteer");
    println!("Gazetteer::builtin(): {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let g2 = Gazetteer::builtin().expect("gazetteer");
    println!("Gazetteer::builtin() again: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    drop(g2);
    let Some(path) = std::env::args().nth(1) else { return };
    let text = std::fs::read_to_string(&path).expect("read the file");
    let len = text.len();
    let article = Article {
        id: path,
        url: None,
        title: None,
        date: None,
        author: None,
        text,
        parts: vec![Part { kind: PartKind::Body, start: 0, end: len, sentences: vec![Span::new(0, len)] }],
        dropped: vec![],
        warnings: vec![],
    };
    let t = Instant::now();
    let mut n = 0;
    let rounds = 5;
    for _ in 0..rounds {
        n = find_mentions(&g, &article).len();
    }
    let s = t.elapsed().as_secs_f64() / rounds as f64;
    println!("{n} mentions in {len} bytes: {:.1} ms, {:.1} MB/s", s * 1e3, len as f64 / s / 1e6);
}
