//! The HTML reader on hand-written pages (tests/data/*.html), one rule each: the article found
//! among navigation, cookie banners, share bars, related links, comments, adverts and
//! newsletter boxes; captions, pull quotes, bios and the headline marked; metadata read; hidden
//! and scripted text left out; and no panic on hostile input.

use entente_core::{Article, Content, DateSource, Document, DropReason, PartKind};
use entente_read::{read, ReadError, ReadOptions};

fn page(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn doc(html: String, url: Option<&str>) -> Document {
    Document { id: "t".into(), url: url.map(String::from), date: None, title: None, content: Content::Html(html) }
}

fn read_page(name: &str) -> Article {
    read(&doc(page(name), None), &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn texts(a: &Article, kind: PartKind) -> Vec<&str> {
    a.parts.iter().filter(|p| p.kind == kind).map(|p| &a.text[p.start..p.end]).collect()
}

fn body(a: &Article) -> String {
    texts(a, PartKind::Body).join("\n")
}

fn dropped_with(a: &Article, needle: &str) -> Option<DropReason> {
    a.dropped.iter().find(|d| d.text.contains(needle)).map(|d| d.reason)
}

#[test]
fn news_page_keeps_the_article_and_drops_the_furniture() {
    let a = read_page("news.html");
    let body = body(&a);
    // Every paragraph of the article, its heading, its list and its blockquote.
    for want in [
        "OSLO, Dec 21",
        "ten billion cubic metres",
        "A long road to the deal",
        "Talks began in 2001",
        "a final investment decision",
        "This corridor is about security",
        "Denmark, whose waters",
    ] {
        assert!(body.contains(want), "missing {want:?} in {body}");
    }
    // Nothing of the page around it.
    for unwanted in [
        "cookies",
        "World",
        "Facebook",
        "Related articles",
        "LNG terminal",
        "All rights reserved",
        "About us",
        "script text",
        "By Ingrid",
    ] {
        assert!(!body.contains(unwanted), "{unwanted:?} leaked into {body}");
    }
    assert_eq!(dropped_with(&a, "We use cookies"), Some(DropReason::Cookie));
    assert_eq!(dropped_with(&a, "Facebook"), Some(DropReason::Share));
    assert_eq!(dropped_with(&a, "LNG terminal"), Some(DropReason::Related));
    assert_eq!(dropped_with(&a, "Business"), Some(DropReason::Navigation));
    assert_eq!(dropped_with(&a, "By Ingrid Halvorsen"), Some(DropReason::Byline));
    // Headline, caption with its credit, pull quote, bio.
    assert_eq!(texts(&a, PartKind::Title), vec!["Norway and Poland agree gas corridor"]);
    assert_eq!(a.title.as_deref(), Some("Norway and Poland agree gas corridor"));
    let captions = texts(&a, PartKind::Caption);
    assert!(captions.iter().any(|c| c.contains("Photo: Jan Kowal")), "{captions:?}");
    let quotes = texts(&a, PartKind::PullQuote);
    assert!(quotes.iter().any(|q| q.contains("closer than ever")), "{quotes:?}");
    let bios = texts(&a, PartKind::Bio);
    assert!(bios.iter().any(|b| b.starts_with("Ingrid Halvorsen is a correspondent")), "{bios:?}");
    // Metadata with where it came from.
    assert_eq!(a.author.as_deref(), Some("Ingrid Halvorsen"));
    let date = a.date.as_ref().expect("a date");
    assert_eq!((date.value.as_str(), date.source, date.inferred), ("2016-12-21", DateSource::Meta, true));
    assert!(date.evidence.as_deref().is_some_and(|e| e.contains("article:published_time")));
    // The parts are one paragraph each, with sentences inside the text.
    for p in &a.parts {
        assert!(!a.text[p.start..p.end].contains("\n\n"));
        for s in &p.sentences {
            assert!(p.start <= s.start && s.end <= p.end);
        }
    }
}

#[test]
fn comments_that_outweigh_the_article_are_dropped() {
    let a = read_page("comments.html");
    let body = body(&a);
    assert!(body.contains("left Astrakhan on Friday"), "{body}");
    assert!(body.contains("meet again next year"), "{body}");
    assert!(!body.contains("twenty years"), "a comment leaked: {body}");
    assert!(!body.contains("Turkmenistan"), "a comment leaked: {body}");
    assert_eq!(dropped_with(&a, "twenty years"), Some(DropReason::Comment));
    assert_eq!(a.title.as_deref(), Some("Why the Caspian summit failed"));
}

#[test]
fn a_live_blog_keeps_its_short_posts() {
    let a = read_page("liveblog.html");
    let body = body(&a);
    for want in ["arriving in Brussels", "oil embargo", "minute of silence", "lunch with the US president"] {
        assert!(body.contains(want), "missing {want:?} in {body}");
    }
    assert!(!body.contains("Copyright"), "{body}");
    assert_eq!(a.date.as_ref().map(|d| d.value.as_str()), Some("2022-03-24"));
}

#[test]
fn an_article_split_by_ads_and_newsletter_boxes_is_whole() {
    let a = read_page("split.html");
    let body = body(&a);
    for want in ["share supplies", "fuel, food", "similar agreements", "Beijing did not comment", "high-speed rail"] {
        assert!(body.contains(want), "missing {want:?} in {body}");
    }
    for unwanted in ["Advertisement", "newsletter", "morning briefing", "Read more", "Subscribe"] {
        assert!(!body.contains(unwanted), "{unwanted:?} leaked into {body}");
    }
    assert_eq!(dropped_with(&a, "Advertisement"), Some(DropReason::Advert));
    assert_eq!(dropped_with(&a, "Sign up for our newsletter"), Some(DropReason::Widget));
    assert_eq!(a.author.as_deref(), Some("Kenji Mori"));
    let date = a.date.as_ref().expect("a date");
    assert_eq!((date.value.as_str(), date.source), ("2020-09-10", DateSource::JsonLd));
}

#[test]
fn an_article_only_in_json_ld_is_read_from_it() {
    let a = read_page("jsonld.html");
    let body = texts(&a, PartKind::Body);
    assert_eq!(body.len(), 3, "{body:?}");
    assert!(body[0].starts_with("Chile and Argentina agreed"));
    assert!(body[2].contains("glaciers"));
    assert_eq!(a.title.as_deref(), Some("Chile and Argentina settle glacier border"));
    assert_eq!(a.author.as_deref(), Some("Lucia Ferreyra"));
    assert_eq!(a.date.as_ref().map(|d| (d.value.as_str(), d.source)), Some(("2018-04-05", DateSource::JsonLd)));
}

#[test]
fn hidden_elements_and_scripts_are_never_text() {
    let a = read_page("hidden.html");
    let all = &a.text;
    for unwanted in [
        "Script paragraph",
        "Noscript paragraph",
        "Template paragraph",
        "Hidden paragraph",
        "Aria-hidden",
        "Display none",
        "margin",
    ] {
        assert!(!all.contains(unwanted), "{unwanted:?} was read: {all}");
        assert!(a.dropped.iter().all(|d| !d.text.contains(unwanted)), "{unwanted:?} was read");
    }
    let body = body(&a);
    // Entities decoded; a <br> ends a sentence inside its paragraph.
    assert!(body.contains("droughts & want"), "{body}");
    let last = a.parts.iter().rfind(|p| p.kind == PartKind::Body).expect("a body part");
    assert_eq!(a.text[last.start..last.end].lines().count(), 2);
    assert_eq!(last.sentences.len(), 2);
}

#[test]
fn a_page_without_text_is_no_text() {
    let err = read(&doc(page("notext.html"), None), &ReadOptions::default()).unwrap_err();
    assert_eq!(err, ReadError::NoText);
}

#[test]
fn the_date_comes_from_the_url_or_a_dateline_when_the_page_has_no_metadata() {
    let html = "<html><body><article><h1>Talks in Vienna</h1><p>Iran and the six powers resumed talks in Vienna on Tuesday about the nuclear programme, diplomats said.</p></article></body></html>";
    let a = read(&doc(html.into(), Some("https://wire.example/2015/07/14/talks")), &ReadOptions::default()).unwrap();
    let d = a.date.expect("a date from the URL");
    assert_eq!((d.value.as_str(), d.source), ("2015-07-14", DateSource::Url));

    let html = "<html><body><article><h1>Talks in Vienna</h1><p class=date>Published July 14, 2015</p><p>Iran and the six powers resumed talks in Vienna on Tuesday about the nuclear programme, diplomats said.</p></article><footer>&copy; Wire 2019</footer></body></html>";
    let a = read(&doc(html.into(), None), &ReadOptions::default()).unwrap();
    let d = a.date.expect("a date from the dateline");
    assert_eq!((d.value.as_str(), d.source), ("2015-07-14", DateSource::Dateline));

    let html = "<html><body><article><p>Iran and the six powers resumed talks in Vienna on Tuesday about the nuclear programme, diplomats said.</p></article><footer>&copy; Wire 2019</footer></body></html>";
    let a = read(&doc(html.into(), None), &ReadOptions::default()).unwrap();
    let d = a.date.expect("a copyright year");
    assert_eq!((d.value.as_str(), d.source), ("2019", DateSource::Copyright));
}

#[test]
fn hostile_input_never_panics() {
    let opts = ReadOptions::default();
    let para =
        "<p>Serbia and Kosovo agreed to resume talks on trade and travel under European mediation, officials said.</p>";
    // Deep nesting.
    let deep = format!("<html><body>{}{para}{}</body></html>", "<div>".repeat(20_000), "</div>".repeat(20_000));
    let a = read(&doc(deep, None), &opts).expect("deep page");
    assert!(body(&a).contains("Serbia and Kosovo"));
    let deep_inline = format!("<p>{}text{}</p>", "<b><i>".repeat(10_000), "</i></b>".repeat(10_000));
    let _ = read(&doc(deep_inline, None), &opts);
    // A huge page.
    let huge = format!("<html><body>{}</body></html>", para.repeat(20_000));
    let a = read(&doc(huge, None), &opts).expect("huge page");
    assert!(a.parts.len() > 1000);
    // Garbage, broken markup, unclosed tags, stray entities.
    for junk in [
        "<<<>>>",
        "<html><body><p>unclosed <a href='x'>link <div><p>Serbia</p>",
        "&#xFFFFFFFF; &#0; &bogus; &amp",
        "</p></div></body></html>",
        "<table><tr><td><table><tr><td>cell",
        "<svg><p>in svg</p></svg><math><mi>x</mi></math>",
        "\u{FFFD}\u{FFFD}<p>\u{FFFD}</p>",
        "<script>unterminated",
        "<p style='display:none'",
    ] {
        let _ = read(&doc(junk.into(), None), &opts);
    }
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    let (text, _) = entente_text::decode(&bytes);
    assert!(read(&doc(text, None), &opts).is_err());
}

#[test]
fn the_nesting_limit_is_an_option() {
    let para =
        "<p>Serbia and Kosovo agreed to resume talks on trade and travel under European mediation, officials said.</p>";
    let html = format!("<html><body>{}{para}{}</body></html>", "<div>".repeat(40), "</div>".repeat(40));
    let flat_read = |a: &Article| a.warnings.iter().any(|w| w.contains("deep: read without its structure"));
    // 40 deep is nothing by default: read with its tree, no warning.
    let a = read(&doc(html.clone(), None), &ReadOptions::default()).unwrap();
    assert!(!flat_read(&a), "{:?}", a.warnings);
    assert!(body(&a).contains("Serbia and Kosovo"));
    // Over a limit of 30: read by its tags alone, the article still found, and a warning.
    let opts = ReadOptions { max_depth: 30, ..ReadOptions::default() };
    let a = read(&doc(html.clone(), None), &opts).unwrap();
    assert!(
        a.warnings.iter().any(|w| w == "the page nests elements more than 30 deep: read without its structure"),
        "{:?}",
        a.warnings
    );
    assert!(body(&a).contains("Serbia and Kosovo"));
    // At the limit, not over it.
    let a = read(&doc(html, None), &ReadOptions { max_depth: 40, ..ReadOptions::default() }).unwrap();
    assert!(!flat_read(&a), "{:?}", a.warnings);
}

#[test]
fn a_you_may_also_like_heading_starts_a_box_of_teasers() {
    let teaser = |t: &str| {
        format!("<div class=\"card\"><h4><a href=\"/x\">{t}</a></h4><p>{t} A summary of another story, long enough to look like a paragraph of prose to a reader.</p></div>")
    };
    let html = format!(
        "<html><body><div class=\"wrap\"><article><h1>Peru and Chile sign water accord</h1>\
         <p>Peru and Chile signed an accord on Tuesday on sharing the waters of the Lauca river, ending a dispute that had soured relations for decades.</p>\
         <p>The accord sets up a joint commission to measure the flow and settle disagreements, the foreign ministries said in a statement.</p></article>\
         <div><h3>You may also like</h3>{}{}{}</div></div></body></html>",
        teaser("Bolivia asks court to rule on sea access."),
        teaser("Ecuador opens new border crossing with Peru."),
        teaser("Argentina and Uruguay end pulp mill row."),
    );
    let a = read(&doc(html.clone(), None), &ReadOptions::default()).unwrap();
    let text = body(&a);
    assert!(text.contains("joint commission"), "{text}");
    assert!(!text.contains("Bolivia") && !text.contains("pulp mill"), "{text}");
    // A label in an element of its own works as the heading does.
    let html = html.replace("<h3>You may also like</h3>", "<div class=\"label\">Top stories</div>");
    let a = read(&doc(html, None), &ReadOptions::default()).unwrap();
    let text = body(&a);
    assert!(text.contains("joint commission"), "{text}");
    assert!(!text.contains("Bolivia") && !text.contains("pulp mill"), "{text}");

    // The same heading inside the article's text, with the article going on after it, is a
    // box inside the text: the text after it stays.
    let html = "<html><body><article><h1>Peru and Chile sign water accord</h1>\
         <p>Peru and Chile signed an accord on Tuesday on sharing the waters of the Lauca river, ending a dispute that had soured relations for decades.</p>\
         <h3>Related</h3><ul><li><a href=\"/a\">Bolivia asks court to rule on sea access</a></li></ul>\
         <p>The accord sets up a joint commission to measure the flow and settle disagreements, the foreign ministries said in a statement.</p>\
         </article></body></html>";
    let a = read(&doc(html.into(), None), &ReadOptions::default()).unwrap();
    let text = body(&a);
    assert!(text.contains("joint commission"), "{text}");
    assert!(!text.contains("Bolivia"), "{text}");
}
