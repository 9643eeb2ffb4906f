//! Marks the actors in an evidence sentence: the gazetteer's matcher run over the sentence
//! alone (dated names resolved against the document's date), keeping the mentions of the
//! actors asked for. The result is a list of plain-text runs; the page renders each as text.

use entente::{find_mentions, Article, DateSource, Extractor, Part, PartKind, PubDate, Span};

use entente_store::Segment;

/// `text` cut into runs, the mentions of `codes` marked with their code.
pub fn segments(extractor: &Extractor, text: &str, date: Option<&str>, codes: &[&str]) -> Vec<Segment> {
    let article = Article {
        id: String::new(),
        url: None,
        title: None,
        date: date.filter(|d| entente::is_partial_date(d)).map(|d| PubDate {
            value: d.to_string(),
            source: DateSource::Input,
            inferred: false,
            evidence: None,
        }),
        author: None,
        text: text.to_string(),
        parts: vec![Part {
            kind: PartKind::Body,
            start: 0,
            end: text.len(),
            sentences: vec![Span::new(0, text.len())],
        }],
        dropped: Vec::new(),
        warnings: Vec::new(),
    };
    let mut out = Vec::new();
    let mut at = 0;
    for m in find_mentions(&extractor.gazetteer, &article) {
        let inside = m.start >= at && m.end <= text.len() && m.start < m.end;
        if !inside || !codes.contains(&&*m.code) || !text.is_char_boundary(m.start) || !text.is_char_boundary(m.end) {
            continue;
        }
        if m.start > at {
            out.push(Segment { text: text[at..m.start].to_string(), actor: None });
        }
        out.push(Segment { text: text[m.start..m.end].to_string(), actor: Some(m.code.to_string()) });
        at = m.end;
    }
    if at < text.len() || out.is_empty() {
        out.push(Segment { text: text[at..].to_string(), actor: None });
    }
    out
}
