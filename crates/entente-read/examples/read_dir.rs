//! Reads every `.html` file of a directory and prints the articles as JSON, in the shape
//! `entente read --format json` prints (id and parts with their text), for scoring the reader
//! alone: `cargo run --release -p entente-read --example read_dir -- DIR > read.json`.

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
    let mut out = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).expect("cannot read a file");
        let (html, _) = entente_text::decode(&bytes);
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = Document {
            id: id.clone(),
            url: None,
            date: None,
            title: None,
            content: Content::Html(html),
        };
        match entente_read::read(&doc, &opts) {
            Ok(a) => {
                let parts: Vec<_> = a
                    .parts
                    .iter()
                    .map(|p| serde_json::json!({"kind": p.kind, "text": &a.text[p.start..p.end]}))
                    .collect();
                let dropped: Vec<_> = a
                    .dropped
                    .iter()
                    .map(|d| serde_json::json!({"reason": d.reason, "text": d.text}))
                    .collect();
                out.push(serde_json::json!({"id": id, "title": a.title, "author": a.author, "date": a.date, "parts": parts, "dropped": dropped}));
            }
            Err(e) => eprintln!("{id}: {e}"),
        }
    }
    println!("{}", serde_json::to_string(&out).expect("json"));
}
