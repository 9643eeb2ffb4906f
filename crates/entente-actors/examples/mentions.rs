//! Prints the actor mentions of each document of a JSON Lines file (`id`, `date`, `title`,
//! `text`), for a person to check: `cargo run -p entente-actors --example mentions FILE.jsonl`.

use entente_actors::{find_mentions, Gazetteer};
use entente_core::{Article, DateSource, Part, PartKind, PubDate, Span};

fn main() {
    let path = std::env::args().nth(1).expect("a JSON Lines file");
    let g = Gazetteer::builtin().expect("gazetteer");
    let data = std::fs::read_to_string(&path).expect("read the file");
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let title = v["title"].as_str().unwrap_or("");
        let body = v["text"].as_str().unwrap_or("");
        let text = if title.is_empty() { body.to_string() } else { format!("{title}\n\n{body}") };
        let len = text.len();
        let article = Article {
            id: v["id"].as_str().unwrap_or("").into(),
            url: None,
            title: None,
            date: v["date"].as_str().map(|d| PubDate {
                value: d.into(),
                source: DateSource::Input,
                inferred: false,
                evidence: None,
            }),
            author: None,
            text,
            parts: vec![Part { kind: PartKind::Body, start: 0, end: len, sentences: vec![Span::new(0, len)] }],
            dropped: vec![],
            warnings: vec![],
        };
        println!("== {} {}", article.id, v["date"].as_str().unwrap_or(""));
        for m in find_mentions(&g, &article) {
            let person = m.person.map(|p| format!(" [{} / {}]", p.name, p.office)).unwrap_or_default();
            println!("  {:?} -> {} {:?}{person}", &article.text[m.start..m.end], m.code, m.role);
        }
    }
}
