// Shared helpers for the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::sync::OnceLock;

use entente_actors::{find_mentions, Gazetteer};
use entente_core::{Article, DateSource, Mention, MentionRole, Part, PartKind, PubDate, Span};

pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::builtin().expect("the built-in gazetteer loads"))
}

/// An article of one body paragraph, dated or not.
pub fn article(text: &str, date: Option<&str>) -> Article {
    Article {
        id: "test".into(),
        url: None,
        title: None,
        date: date.map(|d| PubDate { value: d.into(), source: DateSource::Input, inferred: false, evidence: None }),
        author: None,
        text: text.to_string(),
        parts: vec![Part {
            kind: PartKind::Body,
            start: 0,
            end: text.len(),
            sentences: vec![Span::new(0, text.len())],
        }],
        dropped: vec![],
        warnings: vec![],
    }
}

pub fn mentions(text: &str, date: Option<&str>) -> Vec<Mention> {
    find_mentions(gazetteer(), &article(text, date))
}

/// (surface, code, role) of every mention.
pub fn found(text: &str, date: Option<&str>) -> Vec<(String, String, MentionRole)> {
    mentions(text, date).into_iter().map(|m| (text[m.start..m.end].to_string(), m.code.into_owned(), m.role)).collect()
}

/// (surface, code) of every mention.
pub fn codes(text: &str, date: Option<&str>) -> Vec<(String, String)> {
    found(text, date).into_iter().map(|(s, c, _)| (s, c)).collect()
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}
