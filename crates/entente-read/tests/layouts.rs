//! The HTML reader on kinds of layout it was not first written for (issue 20), one hand-written
//! page each: an article continued behind a "read more" expander, an article whose paragraphs
//! are siblings among tables and link lists, and a Chinese post whose lines carry no stops.

use entente_core::{Article, Content, Document, PartKind};
use entente_read::{read, ReadOptions};

fn read_html(html: &str) -> Article {
    let doc = Document { id: "t".into(), url: None, date: None, title: None, content: Content::Html(html.to_string()) };
    read(&doc, &ReadOptions::default()).expect("an article")
}

fn body(a: &Article) -> String {
    a.parts.iter().filter(|p| p.kind == PartKind::Body).map(|p| &a.text[p.start..p.end]).collect::<Vec<_>>().join("\n")
}

/// A paragraph of made-up prose about talks between two states, `i` making it distinct in
/// its words, not only its number (the reader drops a paragraph that repeats another).
fn para(i: usize) -> String {
    const TOPICS: [&str; 8] = [
        "fishing quotas in the northern banks",
        "port fees charged to grain ships",
        "the border crossing at Vell",
        "power lines across the river",
        "visas for seasonal workers",
        "a rail link to the coast",
        "the shared lake's water level",
        "customs checks on timber",
    ];
    const MOODS: [&str; 5] = [
        "both sides said the mood had improved since the spring",
        "an official called the meeting frank but useful",
        "no agreement was signed, though drafts were swapped",
        "the ministers promised a joint statement within weeks",
        "observers from a neighbouring state took notes",
    ];
    format!(
        "<p>On day {i} of the talks, the delegations of Norland and Estovia discussed {}, and {}; {} followed later.</p>",
        TOPICS[i % 8],
        MOODS[(i / 8) % 5],
        TOPICS[(i * 3 + 1) % 8]
    )
}

#[test]
fn an_article_continued_behind_a_read_more_expander_is_whole() {
    let teasers: String = (0..4)
        .map(|i| format!("<li><a href=\"/s{i}\">Another story number {i} about something else entirely</a></li>"))
        .collect();
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>\
         <div class=\"story\"><h1>Norland and Estovia resume talks</h1>{}{}\
         <div id=\"read-more\"><div class=\"read-more-link\"><a href=\"#\">Read more</a></div>\
         <div class=\"read-more-content\">{}<p>The continuation ends with the ministers agreeing to meet again in Vell.</p></div></div>\
         <div class=\"related\"><h3>More stories</h3><ul>{teasers}</ul></div></div></body></html>",
        para(1),
        para(2),
        (3..9).map(para).collect::<String>()
    );
    let a = read_html(&html);
    let text = body(&a);
    for want in ["day 1 of", "day 2 of", "day 5 of", "day 8 of", "meet again in Vell"] {
        assert!(text.contains(want), "missing {want:?} in {text}");
    }
    assert!(!text.contains("Another story"), "{text}");
}

#[test]
fn paragraphs_among_tables_and_link_lists_are_one_article() {
    // An encyclopedia-like page: an infobox of short linked cells, sections of paragraphs each
    // with its own long paragraph, and a big box of links at the end, all siblings in one
    // element; no single paragraph's element may stand for the article.
    let cells: String = (0..60)
        .map(|i| format!("<tr><th>Field {i}</th><td><a href=\"/f{i}\">Linked value number {i}</a></td></tr>"))
        .collect();
    let links: String = (0..400).map(|i| format!("<li><a href=\"/n{i}\">Navigation entry {i}</a></li>")).collect();
    let mut sections = String::new();
    for i in 0..6 {
        sections.push_str(&format!("<h2>Section {i}</h2>{}{}", para(10 * i), para(10 * i + 1)));
    }
    let long: String =
        (0..6).map(|i| format!("Sentence {i} of the long paragraph says more about the quotas. ")).collect();
    let html = format!(
        "<html><body><div id=\"content\"><h1>Norland–Estovia relations</h1><table class=\"box\">{cells}</table>\
         <div><p>{long}</p></div>{sections}<div class=\"navbox-list\"><ul>{links}</ul></div></div></body></html>"
    );
    let a = read_html(&html);
    let text = body(&a);
    for want in ["Sentence 5 of the long paragraph", "day 0 of", "day 31 of", "day 51 of"] {
        assert!(text.contains(want), "missing {want:?} in {text}");
    }
    assert!(!text.contains("Navigation entry 77"), "{text}");
}

#[test]
fn a_chinese_post_with_lines_without_stops_is_read() {
    // A travel post in Chinese: each line a clause set apart by a space, no full stop, and
    // short by the count of letters that spaced scripts are measured by; beside it a list of
    // linked categories.
    let lines = [
        "清晨从山下出发 沿着溪谷一路往上走 雾气慢慢散开了",
        "山路两旁的枫树已经变红 风一吹就落下许多叶子",
        "中午到达营地 主人准备了热汤和米饭 大家围着火炉聊天",
        "下午天气转晴 远处的山峰终于露出了全貌 景色非常壮观",
        "晚上气温很低 我们早早钻进帐篷 听着雨声慢慢睡着",
        "第二天一早收拾好装备 告别营地的主人 准备下山回家",
    ];
    let body_html: String = lines.iter().map(|l| format!("<p>{l}</p><p><img src=\"x.jpg\"></p>")).collect();
    let cats: String = (0..30).map(|i| format!("<li><a href=\"/c{i}\">分类{i}</a></li>")).collect();
    let html = format!(
        "<html><body><div class=\"sidebar\"><ul>{cats}</ul></div>\
         <div class=\"post\"><h1>山中露营记</h1><div class=\"entry\">{body_html}</div></div></body></html>"
    );
    let a = read_html(&html);
    let text = body(&a);
    for l in lines {
        assert!(text.contains(l), "missing {l:?} in {text}");
    }
    assert!(!text.contains("分类3"), "{text}");
}

#[test]
fn a_video_players_controls_inside_the_article_are_not_its_text() {
    let controls: String =
        ["Embed", "Quality", "Auto", "High (HD)", "Medium", "Low", "Captions", "Language", "English"]
            .iter()
            .map(|c| format!("<div class=\"vp-item\"><div>{c}</div></div>"))
            .collect();
    let html = format!(
        "<html><body><div class=\"story\"><h1>Norland and Estovia resume talks</h1>\
         <div class=\"player\">{controls}</div>{}{}{}</div></body></html>",
        para(1),
        para(2),
        para(3)
    );
    let a = read_html(&html);
    let text = body(&a);
    assert!(text.contains("day 1 of") && text.contains("day 3 of"), "{text}");
    for c in ["Quality", "High (HD)", "Captions"] {
        assert!(!text.contains(c), "{c:?} in {text}");
    }
    // Short lines of the article's own (a list of places) stay.
    let html = format!(
        "<html><body><article><h1>Talks resume</h1>{}<ul><li>Vell</li><li>Oster</li><li>Brand</li><li>Holm</li>\
         <li>Sudby</li><li>Tarn</li><li>Ulm</li></ul>{}</article></body></html>",
        para(1),
        para(2)
    );
    let text = body(&read_html(&html));
    assert!(text.contains("Oster") && text.contains("Ulm"), "{text}");
}

#[test]
fn a_see_also_heading_heads_its_own_section_not_the_rest_of_the_page() {
    // An encyclopedia-like page: the text, a "See also" section of links, then a "Notes"
    // section of citations written out (the page's own text, which is not a list of links).
    let see_also: String = (0..5).map(|i| format!("<li><a href=\"/w{i}\">Another entry number {i}</a></li>")).collect();
    let notes: String = (0..6)
        .map(|i| {
            format!(
                "<li>Quoted in a yearbook of the fisheries board, volume {i}, which printed the minutes of the sessions held in Vell and Oster that year.</li>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><div id=\"content\"><h1>Norland–Estovia talks</h1>{}{}{}\
         <h2>See also</h2><ul>{see_also}</ul><h2>Notes</h2><ol>{notes}</ol></div></body></html>",
        para(1),
        para(2),
        para(3)
    );
    let a = read_html(&html);
    let text = body(&a);
    assert!(text.contains("day 3 of"), "{text}");
    assert!(text.contains("volume 4, which printed the minutes"), "{text}");
    assert!(!text.contains("Another entry"), "{text}");
    // Teasers under a "Related" heading whose titles are headings of the same level (links)
    // are still the box, to its end.
    let teasers: String = (0..3)
        .map(|i| format!("<h2><a href=\"/t{i}\">Teaser title {i}</a></h2><p>A summary of another story number {i}, long enough to pass for a sentence of prose in a paragraph.</p>"))
        .collect();
    let html = format!(
        "<html><body><div class=\"page\"><div class=\"story\"><h1>Talks</h1>{}{}</div><div><h2>Related</h2>{teasers}</div></div></body></html>",
        para(1),
        para(2)
    );
    let text = body(&read_html(&html));
    assert!(text.contains("day 2 of") && !text.contains("another story number"), "{text}");
}

#[test]
fn a_code_listing_and_a_credit_run_into_a_paragraph_are_text() {
    let html = format!(
        "<html><body><article><h1>Checking a page's markup</h1>{}\
         <pre><code>&lt;link rel=\"stylesheet\" media=\"all\" href=\"vendor/site.css\"&gt;\n&lt;script src=\"vendor/check.js\"&gt;&lt;/script&gt;</code></pre>\
         <p>© Example Photo Agency The ministers of Norland and Estovia met at the border post on Tuesday morning and agreed \
         to reopen the crossing for trucks, ending a closure that had lasted since the floods in the spring and cost \
         traders on both sides of the river a great deal of money, officials in both capitals said.</p>{}\
         <p>© Example Press 2021. All rights reserved.</p></article></body></html>",
        para(1),
        para(2)
    );
    let a = read_html(&html);
    let text = body(&a);
    assert!(text.contains("vendor/check.js"), "{text}");
    assert!(text.contains("agreed to reopen the crossing"), "{text}");
    assert!(!text.contains("All rights reserved"), "{text}");
}

#[test]
fn a_gallery_of_counted_slides_inside_the_article_is_not_its_text() {
    let slides: String = (1..=12)
        .map(|k| {
            format!(
                "<li><h2><span class=\"n\">{k}/12</span> Harbour scene {k}</h2><p>Photo {k} of the harbour shows cranes, \
                 ferries and the old customs house, with a caption long enough to read as a paragraph of prose.</p></li>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><div class=\"story\"><h1>Norland and Estovia resume talks</h1>{}{}{}{}\
         <div class=\"strip\"><h2>The week in pictures</h2><ul>{slides}</ul></div></div></body></html>",
        para(1),
        para(2),
        para(3),
        (4..9).map(para).collect::<String>()
    );
    let a = read_html(&html);
    let text = body(&a);
    assert!(text.contains("day 1 of") && text.contains("day 8 of"), "{text}");
    assert!(!text.contains("cranes, ferries"), "{text}");
    // A page that is only the gallery keeps it.
    let html = format!(
        "<html><body><div class=\"gallery\"><h1>The week in pictures</h1><ul>{slides}</ul></div></body></html>"
    );
    let text = body(&read_html(&html));
    assert!(text.contains("Photo 7 of the harbour"), "{text}");
}

/// `para`'s text in a `<div>` instead of a `<p>`.
fn div_para(i: usize) -> String {
    para(i).replace("<p>", "<div>").replace("</p>", "</div>")
}

#[test]
fn paragraphs_written_as_divs_in_an_article_beside_a_longer_comment_thread() {
    // The article's paragraphs are `<div>`s inside `<article>`; below it, a thread of readers'
    // comments without any class that names it, with more text than the article.
    let comments: String = (0..12)
        .map(|i| {
            format!(
                "<li><div><span>reader{i}</span> wrote:</div><div>I think comment number {i} deserves a reply, because the \
                 talks have gone on for years and nobody I know in the port towns has seen any change at all.</div></li>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><main><article><h1>Norland and Estovia resume talks</h1>{}</article>\
         <section><h2>Comments</h2><ul>{comments}</ul></section></main></body></html>",
        (1..7).map(div_para).collect::<String>()
    );
    let a = read_html(&html);
    let text = body(&a);
    for want in ["day 1 of", "day 6 of"] {
        assert!(text.contains(want), "missing {want:?} in {text}");
    }
    assert!(!text.contains("deserves a reply"), "{text}");
}
