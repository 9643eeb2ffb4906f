//! Inputs that once crashed the pipeline (found by the property tests and fuzzers), kept so
//! they never do again. Each must read (or be refused with a `ReadError`) without panicking,
//! and every offset must fall on a character boundary of the article text.

use entente::{Content, Document, Extractor};

fn run(content: Content) {
    let extractor = Extractor::new().unwrap();
    let doc = Document { id: "regression".into(), url: None, date: None, title: None, content };
    if let Ok(out) = extractor.extract(&doc) {
        let text = &out.article.text;
        for r in &out.relations {
            assert!(text.is_char_boundary(r.evidence.start) && text.is_char_boundary(r.evidence.end));
        }
        for m in &out.mentions {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}

/// quantity.rs looked 4 bytes back from a number for a currency sign and sliced inside 'δ'.
#[test]
fn amount_after_multibyte_letters() {
    run(Content::Html("Israel...</a>Azerbaijan...Ελλάδα$5 billion".into()));
    run(Content::Text("Israel and Azerbaijan signed a deal of Ελλάδα5 billion.".into()));
    run(Content::Text("Israel sold Azerbaijan 日本5 billion worth of arms.".into()));
}

/// time.rs looked 1 byte back from a year for a '$' and sliced inside a Thai vowel mark.
#[test]
fn year_after_multibyte_character() {
    run(Content::Text("U.S....Israel...\u{ec8}in 2016".into()));
    run(Content::Text("Israel signed a deal with Azerbaijan \u{2014}2016.".into()));
    run(Content::Text("Israel signed a deal with Azerbaijan é2016.".into()));
}

/// meta.rs cut 12 bytes after an '&' in a title to look for ';', inside 'λ'.
#[test]
fn entity_before_multibyte_title() {
    run(Content::Html("<title>&amp;NATOΕλλάδα".into()));
    run(Content::Html("<title>&#x1F600NATO Ελλάδα</title><p>Israel and Azerbaijan signed a deal.</p>".into()));
}

/// resolve.rs stepped one byte past a non-word character before a surname, inside a flag.
#[test]
fn surname_after_flag_emoji() {
    run(Content::Text("🇮🇱APresident Putin...".into()));
    run(Content::Html("🇮🇱ChinaPresident Putin".into()));
}

/// sentences.rs stepped one byte past the space before the word ending in a period; a space
/// of several bytes (ideographic, line separator) left it inside the character.
#[test]
fn period_after_wide_space() {
    run(Content::Text("Israel signed with Dr\u{3000}Smith. Azerbaijan agreed.".into()));
    run(Content::Text("Israel met Gen\u{1680}X. Then Iran left.".into()));
}

/// A "sentence" of thousands of actor names (or a megabyte without a period) is passed over
/// for relations: pairing its mentions was quadratic. The sentences around it still count.
#[test]
fn endless_sentences_are_passed_over() {
    let extractor = Extractor::new().unwrap();
    let list = "Iran, Azerbaijan, Russia, China, ".repeat(2000);
    let text = format!(
        "Israel agreed to sell Azerbaijan $5 billion worth of arms.\n\nIsrael signed with {list}and NATO.\n\n\
         Israel signed a trade agreement with Azerbaijan."
    );
    let doc = Document { id: "long".into(), url: None, date: None, title: None, content: Content::Text(text) };
    let out = extractor.extract(&doc).unwrap();
    for r in &out.relations {
        assert!(r.evidence.text.len() <= entente::MAX_SENTENCE_BYTES, "a relation from the endless sentence");
    }
    assert!(out.relations.len() >= 2, "the ordinary sentences still give relations: {:?}", out.relations.len());
    assert!(
        out.article.warnings.iter().any(|w| w.contains("1 sentence(s) over 4096 bytes")),
        "the article says a sentence was passed over: {:?}",
        out.article.warnings
    );
    // The limits are the extractor's to change.
    let mut wide = Extractor::new().unwrap();
    wide.relation_limits.max_sentence_bytes = 1 << 20;
    wide.relation_limits.max_sentence_mentions = 1 << 20;
    let short = "Israel signed with Iran, Azerbaijan, Russia, China and NATO.";
    let doc = Document { id: "s".into(), url: None, date: None, title: None, content: Content::Text(short.into()) };
    let mut narrow = Extractor::new().unwrap();
    narrow.relation_limits.max_sentence_bytes = 20;
    assert!(narrow.extract(&doc).unwrap().relations.is_empty());
    assert!(narrow.extract(&doc).unwrap().article.warnings.iter().any(|w| w.contains("over 20 bytes")));
    assert_eq!(wide.extract(&doc).unwrap().relations, extractor.extract(&doc).unwrap().relations);
}
