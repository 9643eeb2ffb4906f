//! The seed article: every actor mention in body and caption resolves as a person would.

mod common;

use entente_actors::find_mentions;
use entente_core::{Article, MentionRole, Part, PartKind, Span};

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
        let sentences =
            entente_text::sentences(&text[start..]).into_iter().map(|(a, b)| Span::new(start + a, start + b)).collect();
        parts.push(Part { kind, start, end: text.len(), sentences });
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
    // CI always has ../shared: without it this test fails rather than check nothing.
    let raw = std::fs::read_to_string(PATH).unwrap_or_else(|e| panic!("{PATH}: {e}"));
    let article = read_by_hand(&raw);
    let mentions = find_mentions(common::gazetteer(), &article);
    let part_of = |start: usize| article.parts.iter().find(|p| p.start <= start && start < p.end).map(|p| p.kind);
    let evidence: Vec<(&str, &str, MentionRole)> = mentions
        .iter()
        .filter(|m| matches!(part_of(m.start), Some(PartKind::Body | PartKind::Caption)))
        .map(|m| (&article.text[m.start..m.end], &*m.code, m.role))
        .collect();
    let has = |surface: &str, code: &str, role: MentionRole| {
        assert!(
            evidence.iter().any(|&(s, c, r)| s == surface && c == code && r == role),
            "no {surface:?} -> {code} {role:?} in {evidence:#?}"
        )
    };
    // Companies, ministries and bodies with the state the text gives them.
    has("Bezeq", "ISR", MentionRole::Body);
    has("GTIB (Israel)", "ISR", MentionRole::Body);
    has("Azeri Ministry of Communication", "AZE", MentionRole::Body);
    // Office holders, with or without the gazetteer knowing the name as written.
    has("Benjamin Netanyahu", "ISR", MentionRole::Person);
    has("Netanyahu", "ISR", MentionRole::Person);
    has("Prime Minister Yitzhak Rabin", "ISR", MentionRole::Person);
    has("Kazakh Prime Minister Sergei Tereschenko", "KAZ", MentionRole::Person);
    has("Israeli Prime Minister Ehud Barak", "ISR", MentionRole::Person);
    has("President Nursultan Nazarbayev", "KAZ", MentionRole::Person);
    // Organisations under their aliases.
    has("Eurasian Economic Union", "EAEU", MentionRole::Name);
    has("EEU", "EAEU", MentionRole::Name);
    has("UN Security Council", "UN", MentionRole::Name);
    has("Security Council", "UN", MentionRole::Name);
    // Capitals for their governments; a region is a place.
    has("Jerusalem", "ISR", MentionRole::Capital);
    has("Baku", "AZE", MentionRole::Capital);
    has("Astana", "KAZ", MentionRole::Capital);
    assert!(!evidence.iter().any(|(s, ..)| s.contains("Almaty")), "Almaty region is a place");
    assert!(!evidence.iter().any(|(s, ..)| s.contains("BakuTel")), "BakuTel is a forum");
    // Adjectives, groups, coreference.
    has("Azeri", "AZE", MentionRole::Adjective);
    has("Kazakh", "KAZ", MentionRole::Adjective);
    has("Iranian", "IRN", MentionRole::Adjective);
    has("ISIS", "ISIS", MentionRole::Name);
    has("the two countries", "ISR", MentionRole::Coreference);
    has("the two countries", "AZE", MentionRole::Coreference);
    has("the two countries", "KAZ", MentionRole::Coreference);
    // "Israeli business leaders have invested in ... both countries": the two before, not Israel.
    let both: Vec<&str> = evidence.iter().filter(|(s, ..)| *s == "both countries").map(|&(_, c, _)| c).collect();
    assert_eq!(both, ["AZE", "KAZ"]);
    // Nothing but the states, organisations and groups the article is about.
    let allowed = ["ISR", "AZE", "KAZ", "IRN", "USA", "EU", "ARM", "EAEU", "UN", "PSE", "ISIS"];
    for (s, c, _) in &evidence {
        assert!(allowed.contains(c), "unexpected {s:?} -> {c}");
    }
    // The author's bio names a newspaper, not a government.
    let bio: Vec<&str> = mentions
        .iter()
        .filter(|m| part_of(m.start) == Some(PartKind::Bio))
        .map(|m| &article.text[m.start..m.end])
        .collect();
    assert!(bio.is_empty(), "{bio:?}");
}
