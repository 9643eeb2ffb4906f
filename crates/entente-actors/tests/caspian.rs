//! The seed article: every actor mention in body and caption resolves as a person would.

mod common;

use entente_actors::find_mentions;
use entente_core::{Article, Part, PartKind, Span};

/// The article as the reader would give it, built here by hand so that this test does not
/// depend on the reader: paragraphs, each marked title, body, caption, pull quote or bio, and
/// the page's boilerplate left out.
fn read_by_hand(raw: &str) -> Article {
    let mut text = String::new();
    let mut parts = Vec::new();
    for para in raw.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let boiler = ["All Articles", "Please reload", "\u{a9}", "Designed by", "Contact us", "Follow us", "\u{2022}"];
        if boiler.iter().any(|b| para.starts_with(b)) {
            continue;
        }
        let kind = if parts.is_empty() {
            PartKind::Title
        } else if para.contains("Credit:") {
            PartKind::Caption
        } else if para.starts_with('"') || para.starts_with('\u{201c}') {
            PartKind::PullQuote
        } else if para.contains("DPhil candidate") {
            PartKind::Bio
        } else {
            PartKind::Body
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&para.replace('\u{2019}', "'"));
        parts.push(Part { kind, start, end: text.len(), sentences: vec![Span::new(start, text.len())] });
    }
    Article {
        id: "caspian-comrades".into(),
        url: None,
        title: None,
        date: None,
        author: None,
        text,
        parts,
        dropped: vec![],
        warnings: vec![],
    }
}

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/caspian-comrades.txt");

#[test]
fn caspian_comrades() {
    let Ok(raw) = std::fs::read_to_string(PATH) else {
        eprintln!("skipped: {PATH} is absent");
        return;
    };
    let article = read_by_hand(&raw);
    let mentions = find_mentions(common::gazetteer(), &article);
    for m in &mentions {
        let part = article.parts.iter().find(|p| p.start <= m.start && m.end <= p.end).map(|p| p.kind);
        println!(
            "{:?} {:?} {} {:?} {:?}",
            part,
            &article.text[m.start..m.end],
            m.code,
            m.role,
            m.person.as_ref().map(|p| (&p.name, &p.office))
        );
    }
}
