#![no_main]
//! The actor matcher on an article whose text is arbitrary, split into parts and sentences as
//! the splitter splits it, with or without a date.
use libfuzzer_sys::fuzz_target;
mod common;

use entente_core::{Article, DateSource, Part, PartKind, PubDate, Span};

fuzz_target!(|input: (bool, &str)| {
    let (dated, data) = input;
    let text = entente_text::normalize(data);
    let sentences = entente_text::sentences(&text).into_iter().map(|(s, e)| Span::new(s, e)).collect();
    let article = Article {
        id: "f".into(),
        url: None,
        title: None,
        date: dated.then(|| PubDate {
            value: "2016-12-20".into(),
            source: DateSource::Input,
            inferred: false,
            evidence: None,
        }),
        author: None,
        parts: vec![Part { kind: PartKind::Body, start: 0, end: text.len(), sentences }],
        text,
        dropped: vec![],
        warnings: vec![],
    };
    let mentions = entente_actors::find_mentions(&common::extractor().gazetteer, &article);
    for m in &mentions {
        assert!(m.start <= m.end && article.text.is_char_boundary(m.start) && article.text.is_char_boundary(m.end));
    }
});
