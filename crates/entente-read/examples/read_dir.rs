//! Reads every `.html` file of a directory and prints the articles as JSON, in the shape
//! `entente read --format json` prints (id and parts with their text), for scoring the reader
//! alone: `cargo run --release -p entente-read --example read_dir -- DIR > read.json`.
//! On standard error: the pages, bytes and seconds spent reading (files already in memory,
//! one thread), for `scripts/compare_trafilatura.py`.

use entente_core::{Content, Document};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: read_dir DIR");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("cannot list the directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
        .collect();
    paths.sort();
    let opts = entente_read::ReadOptions::default();
    let docs: Vec<Document> = paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("cannot read a file");
            let (html, _) = entente_text::decode(&bytes);
            let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Document { id, url: None, date: None, title: None, content: Content::Html(html) }
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.content.as_str().len()).sum();
    let start = std::time::Instant::now();
    let cpu_start = cpu_seconds();
    let results: Vec<_> = docs.iter().map(|d| entente_read::read_scored(d, &opts)).collect();
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map_or(secs, |(b, a)| b - a);
    eprintln!("pages {} bytes {bytes} seconds {secs:.3} cpu {cpu:.3}", docs.len());
    let mut out = Vec::new();
    for (doc, result) in docs.iter().zip(results) {
        match result {
            Ok((a, confidence)) => {
                let parts: Vec<_> = a
                    .parts
                    .iter()
                    .map(|p| serde_json::json!({"kind": p.kind, "text": &a.text[p.start..p.end]}))
                    .collect();
                let dropped: Vec<_> =
                    a.dropped.iter().map(|d| serde_json::json!({"reason": d.reason, "text": d.text})).collect();
                out.push(serde_json::json!({"id": doc.id, "title": a.title, "author": a.author,
                    "date": a.date, "body_confidence": confidence, "parts": parts, "dropped": dropped}));
            }
            Err(e) => eprintln!("{}: {e}", doc.id),
        }
    }
    println!("{}", serde_json::to_string(&out).expect("json"));
}

/// The CPU time this thread has run, in seconds (Linux: /proc/thread-self/schedstat), which a
/// busy machine does not inflate as it does the wall clock.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
