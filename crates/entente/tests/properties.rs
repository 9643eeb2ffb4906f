//! Property tests over the whole pipeline: for arbitrary Unicode text and arbitrary tag soup,
//! every offset the reader, the matcher and the extractor give falls on a character boundary
//! inside `Article::text`, nothing panics, and the same document always gives the same output.

use std::sync::OnceLock;

use entente::{Article, Content, Document, Extraction, Extractor};
use proptest::prelude::*;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new().expect("built-in data loads"))
}

/// Words that make the pipeline do something: actor names, triggers, amounts, dates,
/// abbreviations, quotes, and characters of every UTF-8 width.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "Israel", "Azerbaijan", "Iran", "Russia", "the United States", "China", "NATO", "the EU",
    "Iranian", "French", "Moscow", "Beijing", "the two countries", "its", "President Putin",
    "agreed to sell", "signed", "a deal", "sanctions on", "attacked", "will supply", "denied",
    "$5 billion", "5,000 troops", "40%", "in 2016", "on 20 December 2016", "last year",
    "worth of arms", "oil", "gas", "military", "trade", "with", "and", "to", "from", "at",
    "U.S.", "Dr.", "e.g.", "...", "\u{201c}", "\u{201d}", "\"", "'", "(", ")", ",", ";", ":",
    ".", "!", "?", " ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u{a0}", "\u{ad}", "\u{200b}",
    "\u{feff}", "é", "ß", "日本", "Ελλάδα", "Россия", "🇮🇱", "👍🏽", "\u{301}", "e\u{301}",
    "\u{2028}", "\u{fffd}", "&amp;", "&#x1F600;", "<", ">",
];

/// Text built from the pieces above mixed with arbitrary strings.
fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-zA-Z]{1,12}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// HTML built from tags (well-formed or not) around news text.
fn tag_soup() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    const TAGS: &[&str] = &[
        "<html>", "<head>", "<title>", "</title>", "<body>", "<article>", "</article>", "<p>",
        "</p>", "<div class=\"story-body\">", "<div class=\"comments\">", "</div>", "<nav>",
        "</nav>", "<h1>", "</h1>", "<figure><figcaption>", "</figcaption></figure>", "<br>",
        "<blockquote>", "</blockquote>", "<ul><li>", "</li></ul>", "<a href=\"/x\">", "</a>",
        "<script>", "</script>", "<style>", "</style>", "<pre>", "</pre>", "<table><tr><td>",
        "<time datetime=\"2016-12-20\">", "</time>", "<!--", "-->", "<![CDATA[", "]]>",
        "<meta property=\"article:published_time\" content=\"2016-12-20\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"",
        "\"}</script>", "<div hidden>", "<span style=\"display:none\">", "</span>", "<",
    ];
    let piece = prop_oneof![
        2 => proptest::sample::select(TAGS).prop_map(str::to_string),
        3 => news_text(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn doc(content: Content, date: Option<String>) -> Document {
    Document { id: "prop".into(), url: Some("https://example.org/2016/12/20/story".into()), date, title: None, content }
}

fn on_boundary(text: &str, start: usize, end: usize, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(start <= end, "{what}: start {start} after end {end}");
    prop_assert!(end <= text.len(), "{what}: end {end} past the text ({} bytes)", text.len());
    prop_assert!(text.is_char_boundary(start), "{what}: start {start} inside a character");
    prop_assert!(text.is_char_boundary(end), "{what}: end {end} inside a character");
    Ok(())
}

fn check_offsets(article: &Article, out: Option<&Extraction>) -> Result<(), TestCaseError> {
    let text = &article.text;
    for (i, part) in article.parts.iter().enumerate() {
        on_boundary(text, part.start, part.end, &format!("part {i}"))?;
        for s in &part.sentences {
            on_boundary(text, s.start, s.end, &format!("sentence of part {i}"))?;
            prop_assert!(part.start <= s.start && s.end <= part.end, "sentence {s:?} outside its part {i}");
        }
    }
    if let Some(out) = out {
        for m in &out.mentions {
            on_boundary(text, m.start, m.end, &format!("mention {}", m.code))?;
        }
        for r in &out.relations {
            let ev = &r.evidence;
            on_boundary(text, ev.start, ev.end, "evidence")?;
            prop_assert_eq!(&text[ev.start..ev.end], ev.text.as_str(), "evidence text is its span");
        }
    }
    Ok(())
}

fn serialized(out: &Result<Extraction, entente::ReadError>) -> String {
    match out {
        Ok(x) => format!(
            "{}\n{}\n{}",
            serde_json::to_string(&x.article).unwrap(),
            serde_json::to_string(&x.mentions).unwrap(),
            serde_json::to_string(&x.relations).unwrap()
        ),
        Err(e) => format!("error: {e}"),
    }
}

fn check(doc: &Document) -> Result<(), TestCaseError> {
    let first = extractor().extract(doc);
    if let Ok(out) = &first {
        check_offsets(&out.article, Some(out))?;
    }
    // Deterministic: a second run gives byte-identical output.
    let again = extractor().extract(doc);
    prop_assert_eq!(serialized(&first), serialized(&again));
    Ok(())
}

/// `n` cases, or `PROPTEST_CASES` when set (for a longer run: `PROPTEST_CASES=5000 cargo test`).
fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(n)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(192), ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_text(s in any::<String>()) {
        check(&doc(Content::Text(s), None))?;
    }

    #[test]
    fn newsy_text(s in news_text(), dated in any::<bool>()) {
        check(&doc(Content::Text(s), dated.then(|| "2016-12-20".to_string())))?;
    }

    #[test]
    fn any_unicode_html(s in any::<String>()) {
        check(&doc(Content::Html(s), None))?;
    }

    #[test]
    fn tag_soup_html(s in tag_soup()) {
        check(&doc(Content::Html(s), None))?;
    }

    #[test]
    fn read_alone_keeps_offsets(s in news_text()) {
        if let Ok(article) = extractor().read(&doc(Content::Text(s), None)) {
            check_offsets(&article, None)?;
        }
    }
}

/// Cases proptest found or that the fuzzers should keep covering, pinned.
#[test]
fn pinned_inputs() {
    for s in [
        "\u{301}Israel",
        "Israel\u{301} signed",
        "e\u{301}.\n\n\u{ad}",
        "\u{feff}\u{200b}Iran.",
        "🇮🇱🇮🇷 Israel and Iran.",
    ] {
        for content in [Content::Text(s.into()), Content::Html(s.into())] {
            check(&doc(content, None)).unwrap();
        }
    }
}
