//! The HTML front end: a page's HTML, through a real HTML5 parser (html5ever, by way of
//! `scraper`), to a [`Page`] of classified blocks.
//!
//! How the article is found:
//! 1. [`dom::flatten`] turns the tree into block-level elements and text blocks, leaving out
//!    scripts, styles, forms' controls and hidden elements;
//! 2. each text block is scored by its length, its link density and whether it reads like
//!    prose; class, id, role and tag hints (comments, related links, share bars, newsletter
//!    boxes, adverts, navigation, footers, sidebars) mark regions that are not the article;
//! 3. the article is the element that holds the most prose for the least boilerplate (one
//!    bottom-up pass, linear in the page), with `itemprop=articleBody` preferred;
//! 4. inside it, each block becomes a body paragraph, a heading of the body, a caption, a
//!    pull quote, a bio, or a dropped line with why; outside it, everything is dropped but the
//!    headline, the lead photo's caption and the author's bio;
//! 5. when the page carries the article as schema.org JSON-LD `articleBody` and the HTML gave
//!    much less, the JSON-LD text is used.
//!
//! Metadata (title, author, date) comes from [`meta`] and [`crate::date`].

pub mod attrs;
pub mod deep;
pub mod dom;
pub mod meta;

use entente_core::{DateSource, DropReason, PubDate};
use scraper::Html;

use crate::classify;
use crate::page::{Block, BlockKind, Page};
use crate::quotes::{Body, Vocab};
use dom::{flag, Flat, Hint, Tag, TextBlock};

/// Reads an HTML page; one nested deeper than [`deep::MAX_DEPTH`] is read without its tree.
pub fn read_html(html: &str, url: Option<&str>) -> Page {
    read_html_within(html, url, deep::MAX_DEPTH)
}

/// [`read_html`] with another nesting limit: a page nested deeper than `max_depth` is read by
/// its tags alone ([`deep`]), with a warning that says so.
pub fn read_html_within(html: &str, url: Option<&str>, max_depth: usize) -> Page {
    let html = &*attrs::cap_attributes(html);
    if deep::too_deep(html, max_depth) {
        let flat = deep::flatten_tokens(html);
        let mut page = build_page(&flat, &meta::Meta::default(), url, max_depth);
        // Without the tree there are no containers to tell the article from the rest.
        page.body_confidence = page.body_confidence.min(0.3);
        page.warnings.push(format!("the page nests elements more than {max_depth} deep: read without its structure"));
        return page;
    }
    let dom = Html::parse_document(html);
    let meta = meta::read_meta(&dom);
    let flat = dom::flatten(&dom);
    drop(dom);
    build_page(&flat, &meta, url, max_depth)
}

/// Is the text a sentence of prose (ends like one, or has several clause marks)?
fn prose_like(t: &str) -> bool {
    let end = t.trim_end().chars().last().unwrap_or(' ');
    matches!(end, '.' | '!' | '?' | '"' | '\'' | ')' | ':' | ';' | '\u{3002}' | '\u{2026}')
        || t.matches([',', '.', ';']).count() >= 2
}

/// How many letters of a spaced script one character of a script written without spaces
/// (Chinese, Japanese kana and kanji) stands for: a Chinese word is one or two characters where an
/// English one is five letters and a space, so length thresholds written for spaced text would
/// otherwise pass over whole articles.
const CJK_WEIGHT: f32 = 3.0;

/// Characters of scripts written without spaces between words (CJK ideographs, kana, Hangul
/// syllables, and their punctuation).
fn unspaced_chars(t: &str) -> u32 {
    t.chars()
        .filter(|&c| {
            matches!(c as u32,
                0x3000..=0x30FF   // CJK punctuation, hiragana, katakana
                | 0x3400..=0x4DBF // CJK extension A
                | 0x4E00..=0x9FFF // CJK unified ideographs
                | 0xAC00..=0xD7AF // Hangul syllables
                | 0xF900..=0xFAFF // CJK compatibility ideographs
                | 0xFF00..=0xFFEF) // full-width forms
        })
        .count() as u32
}

/// How much the block counts as article prose, before any hint.
fn prose_chars(b: &TextBlock, el: &dom::El) -> f32 {
    // Markup in `<pre>` is a listing the article shows; elsewhere it is a page escaped twice.
    if el.flags & flag::IN_PRE == 0 && looks_like_markup(&b.text) {
        return 0.0;
    }
    let nonlink = b.chars.saturating_sub(b.link_chars) as f32;
    if b.link_density() > 0.5 || el.flags & (flag::IN_HEADING | flag::IN_FIGCAPTION) != 0 {
        return 0.0;
    }
    // Text mostly in an unspaced script is weighed by what it says, not by its letters, and its
    // clauses are often set apart by spaces rather than ended by stops.
    let cjk = if b.chars >= 8 { unspaced_chars(&b.text) } else { 0 };
    let unspaced = cjk * 2 >= b.chars && cjk > 0;
    let nonlink =
        if unspaced { nonlink + (CJK_WEIGHT - 1.0) * cjk.saturating_sub(b.link_chars) as f32 } else { nonlink };
    let in_p = el.tag == Tag::P || el.flags & flag::IN_P != 0;
    let prose = prose_like(&b.text) || (unspaced && b.link_chars == 0 && cjk >= 15);
    if nonlink >= 100.0 || (nonlink >= 30.0 && prose) || (in_p && nonlink >= 15.0 && prose) {
        nonlink
    } else {
        0.0
    }
}

/// Markup shown as text (a page escaped twice, a `<noscript>` tracking pixel).
fn looks_like_markup(t: &str) -> bool {
    let t = t.trim();
    t.starts_with('<') && (t.ends_with('>') || t.len() > 40) && t.contains('=')
}

/// Why a region's text is dropped, if the region is not article text.
fn drop_reason(h: Hint) -> Option<DropReason> {
    Some(match h {
        Hint::Comment => DropReason::Comment,
        Hint::Related => DropReason::Related,
        Hint::Share => DropReason::Share,
        Hint::Newsletter => DropReason::Widget,
        Hint::Advert => DropReason::Advert,
        Hint::Navigation => DropReason::Navigation,
        Hint::Footer => DropReason::Other,
        Hint::Sidebar => DropReason::Widget,
        Hint::Cookie => DropReason::Cookie,
        Hint::Meta => DropReason::Other,
        Hint::Byline => DropReason::Byline,
        Hint::Bio | Hint::Caption | Hint::PullQuote => return None,
    })
}

/// The per-element hint regions, after cancelling weak hints on wrappers of the whole page.
fn regions(flat: &Flat) -> Vec<Option<(Hint, usize)>> {
    let n = flat.els.len();
    let mut raw = vec![0f32; n];
    // Link text below each element.
    let mut linked = vec![0f32; n];
    for b in &flat.blocks {
        raw[b.el] += prose_chars(b, &flat.els[b.el]);
        linked[b.el] += b.link_chars as f32;
    }
    for i in (1..n).rev() {
        let p = flat.els[i].parent;
        raw[p] += raw[i];
        linked[p] += linked[i];
    }
    let total = raw[0].max(1.0);
    // The prose of the largest article marker (`<article>`, `<main>`, `itemprop=articleBody`,
    // without a hint of its own) below each element.
    let mut marked = vec![0f32; n];
    for i in (1..n).rev() {
        let el = &flat.els[i];
        let marker =
            el.hint.is_none() && (matches!(el.tag, Tag::Article | Tag::Main) || el.flags & flag::ARTICLE_BODY != 0);
        let m = if marker { marked[i].max(raw[i]) } else { marked[i] };
        let p = el.parent;
        marked[p] = marked[p].max(m);
    }
    let mut region: Vec<Option<(Hint, usize)>> = vec![None; n];
    for i in 1..n {
        let el = &flat.els[i];
        let inherited = region[el.parent];
        let own = el.hint.filter(|h| {
            // A hint on a wrapper of most of the page's prose, or of the article, is a
            // page-layout class ("page-ad-margins", "has-sidebar").
            let share = raw[i] / total;
            let wraps_article = marked[i] > 0.3 * raw[i] && raw[i] > 0.0;
            // Share bars, adverts, newsletter and cookie boxes are small: one holding
            // several paragraphs of prose is misnamed ("paywall", "ad-free").
            let small_box = matches!(h, Hint::Share | Hint::Advert | Hint::Newsletter | Hint::Cookie);
            // A "read more" or "more" box that holds paragraphs of unlinked prose is the rest
            // of the article behind an expander, not a box of teasers (which are links).
            let continuation = *h == Hint::Related && raw[i] > 800.0 && linked[i] * 10.0 < raw[i];
            let firm = el.flags & flag::FIRM != 0;
            !(wraps_article
                || (small_box && raw[i] > 800.0)
                || continuation
                || (share > 0.5
                    && !firm
                    && (h.is_weak() || matches!(h, Hint::Byline | Hint::Caption | Hint::PullQuote | Hint::Bio)))
                || (share > 0.8 && !firm && *h != Hint::Comment))
        });
        region[i] = match (own, inherited) {
            // Inside a dropped region, keep the outer reason unless the inner one is local.
            (Some(h), Some((outer, at))) if drop_reason(outer).is_some() && drop_reason(h).is_some() => {
                Some((outer, at))
            }
            (Some(h), _) => Some((h, i)),
            (None, inh) => inh,
        };
        // An element marked as the article body starts afresh.
        if el.flags & flag::ARTICLE_BODY != 0 && flat.els[el.parent].flags & flag::ARTICLE_BODY == 0 {
            region[i] = own.map(|h| (h, i));
        }
    }
    // A "Related articles" / "You may also like" heading heads a box of teasers: what follows
    // it inside its parent is that box, until prose of the article shows up again.
    // A "Comments" / "42 responses" / "Leave a reply" heading heads readers' comments, likewise.
    let mut heads: Vec<Option<Hint>> = vec![None; n];
    for b in &flat.blocks {
        let el = &flat.els[b.el];
        // A heading, or an element holding nothing but the label.
        let label_el = el.tag.is_heading() || (flat.els[b.el].end == b.el + 1 && b.link_chars == 0);
        if !label_el || b.chars >= 60 {
            continue;
        }
        if el.hint == Some(Hint::Related)
            || classify::boilerplate(&b.text) == Some(DropReason::Related)
            || related_label(&b.text)
        {
            heads[b.el] = Some(Hint::Related);
        } else if comment_label(&b.text) {
            heads[b.el] = Some(Hint::Comment);
        }
    }
    gallery(flat, &raw, &mut region);
    // Headings whose text is mostly a link.
    let mut linked_heading = vec![false; n];
    for b in &flat.blocks {
        if flat.els[b.el].tag.is_heading() && b.link_density() > 0.5 {
            linked_heading[b.el] = true;
        }
    }
    let mut covered = 0;
    for h in 1..n {
        let Some(label) = heads[h] else {
            continue;
        };
        if region[h].is_some_and(|(r, _)| r != label) {
            continue;
        }
        let parent = flat.els[h].parent;
        if parent == 0 || flat.els[parent].tag == Tag::Body {
            continue;
        }
        let from = flat.els[h].end.max(covered);
        // A heading heads its section: the next heading of its level or above, not a link (a
        // teaser's title) nor another label, starts a section of the page's own ("See also"
        // then "References").
        let to = match flat.els[h].tag {
            Tag::H(level) => (from..flat.els[parent].end)
                .find(|&i| {
                    matches!(flat.els[i].tag, Tag::H(l) if l <= level) && !linked_heading[i] && heads[i].is_none()
                })
                .unwrap_or(flat.els[parent].end),
            _ => flat.els[parent].end,
        };
        // Paragraphs of prose straight under the same parent after the heading: the heading is
        // a box inside the article's text, not the start of a teaser section.
        let first_block = flat.blocks.partition_point(|b| b.el < from);
        let prose_after = flat.blocks[first_block..].iter().take_while(|b| b.el < to).take(2000).any(|b| {
            flat.els[b.el].parent == parent && flat.els[b.el].tag == Tag::P && prose_chars(b, &flat.els[b.el]) >= 100.0
        });
        if prose_after {
            continue;
        }
        for r in region.iter_mut().take(to).skip(from) {
            if r.is_none() {
                *r = Some((label, h));
            }
        }
        covered = covered.max(to);
    }
    region
}

/// "3/50 Title", "3 of 50 Title": the counter of a slide in a gallery; gives the total.
fn slide_total(t: &str) -> Option<u32> {
    let mut words = t.split_whitespace();
    let first = words.next()?;
    let num = |w: &str| -> Option<u32> { w.parse::<u32>().ok() };
    let (k, total) = match first.split_once('/') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => {
            let k = num(first)?;
            if words.next()? != "of" {
                return None;
            }
            (k, num(words.next()?)?)
        }
    };
    (k >= 1 && k <= total && total >= 3).then_some(total)
}

/// A gallery of slides inside the page (a "business news in pictures" strip of fifty photos,
/// each with a heading "k/50" and a caption paragraph) is not the article, however much prose
/// its captions add up to: the smallest element holding three or more headings that count
/// slides of one total is marked as a box of other stories, when the page has an article
/// besides it (a page that is only the gallery keeps it).
fn gallery(flat: &Flat, raw: &[f32], region: &mut [Option<(Hint, usize)>]) {
    let mut slides: Vec<(u32, usize)> = Vec::new();
    for b in &flat.blocks {
        if flat.els[b.el].flags & flag::IN_HEADING != 0 && b.chars < 200 && slides.len() < 1000 {
            if let Some(total) = slide_total(&b.text) {
                slides.push((total, b.el));
            }
        }
    }
    let Some(&(total, first)) = slides.first() else {
        return;
    };
    let same: Vec<usize> = slides.iter().filter(|(t, _)| *t == total).map(|&(_, e)| e).collect();
    if same.len() < 3 {
        return;
    }
    // The smallest element holding them all: climb from the first until it holds the last.
    let last = same[same.len() - 1];
    let mut lca = first;
    while lca != 0 && !within(flat, last, lca) {
        lca = flat.els[lca].parent;
    }
    if lca == 0 || raw[0] - raw[lca] < 1000.0 {
        return;
    }
    for r in region.iter_mut().take(flat.els[lca].end).skip(lca) {
        if r.is_none() {
            *r = Some((Hint::Related, lca));
        }
    }
}

/// Picks the element holding the article: the most prose for the least boilerplate.
fn choose_container(flat: &Flat, region: &[Option<(Hint, usize)>]) -> usize {
    let n = flat.els.len();
    let mut score = vec![0f32; n];
    for b in &flat.blocks {
        let el = &flat.els[b.el];
        let dropped = region[b.el].is_some_and(|(h, _)| drop_reason(h).is_some());
        let good = if dropped { 0.0 } else { prose_chars(b, el) };
        let mut s = if good > 0.0 {
            let boost = if el.flags & flag::ARTICLE_BODY != 0 { 1.5 } else { 1.0 };
            good * boost - 0.5 * b.link_chars as f32
        } else {
            -(b.chars as f32) * if dropped { 0.6 } else { 0.35 }
        };
        if region[b.el].is_some_and(|(h, _)| matches!(h, Hint::Bio | Hint::Caption | Hint::PullQuote | Hint::Byline)) {
            s = s.max(0.0) * 0.0;
        }
        score[b.el] += s;
    }
    for i in (1..n).rev() {
        let p = flat.els[i].parent;
        score[p] += score[i];
    }
    let mut best = 0;
    for i in 0..n {
        if score[i] > score[best] {
            best = i;
        }
    }
    best = climb(flat, region, best);
    // schema.org's articleBody, when it holds a fair part of the best element's prose, is the
    // article: what the best element adds around it is teasers and boxes.
    let mut marked: Option<usize> = None;
    for i in 1..n {
        let el = &flat.els[i];
        if el.flags & flag::ARTICLE_BODY != 0
            && flat.els[el.parent].flags & flag::ARTICLE_BODY == 0
            && marked.is_none_or(|m| score[i] > score[m])
        {
            marked = Some(i);
        }
    }
    if let Some(m) = marked {
        if m < best && within(flat, best, m) {
            return best;
        }
        if score[m] > 0.0 && score[m] >= 0.3 * score[best] {
            return m;
        }
    }
    // An `<article>` or `<main>` inside the best element that holds most of its score is the
    // article; the rest is teasers of other articles.
    for i in best + 1..flat.els[best].end {
        let el = &flat.els[i];
        if matches!(el.tag, Tag::Article | Tag::Main)
            && region[i].is_none_or(|(h, _)| h.is_weak())
            && score[i] >= 0.6 * score[best]
        {
            return i;
        }
    }
    best
}

/// An article split across several containers (paragraphs as siblings of the best one, a
/// body in two `<div>`s around an advert, a page of sections): while the best element's parent
/// holds half as much prose again outside dropped regions, the parent is the article.
fn climb(flat: &Flat, region: &[Option<(Hint, usize)>], mut best: usize) -> usize {
    let n = flat.els.len();
    let mut good = vec![0f32; n];
    for b in &flat.blocks {
        if region[b.el].is_none_or(|(h, _)| drop_reason(h).is_none()) {
            good[b.el] += prose_chars(b, &flat.els[b.el]);
        }
    }
    for i in (1..n).rev() {
        let p = flat.els[i].parent;
        good[p] += good[i];
    }
    while best != 0 {
        let p = flat.els[best].parent;
        if matches!(flat.els[p].tag, Tag::Root | Tag::Body) || good[p] < 1.5 * good[best] {
            break;
        }
        best = p;
    }
    best
}

fn within(flat: &Flat, el: usize, container: usize) -> bool {
    container <= el && el < flat.els[container].end
}

/// A label over links to other articles ("More Great Stories", "Popular on Example", "Also
/// on Example", "Related news").
fn related_label(t: &str) -> bool {
    let lower = t.trim().trim_end_matches([':', '.']).to_lowercase();
    let words = lower.split_whitespace().count();
    if words == 0 || words > 7 {
        return false;
    }
    let starts = |p: &str| lower.starts_with(p);
    (starts("more ")
        && ["stories", "news", "articles", "from", "on ", "reading", "videos"].iter().any(|w| lower.contains(w)))
        || starts("popular on")
        || starts("popular in")
        || starts("also on ")
        || starts("related")
        || starts("recommended")
        || starts("you may ")
        || starts("you might ")
        || starts("most read")
        || starts("most popular")
        || starts("most viewed")
        || starts("trending")
        || starts("editors' picks")
        || starts("editor's picks")
        || starts("latest from")
        || starts("further reading")
        || starts("other stories")
        || starts("in other news")
        || matches!(
            lower.as_str(),
            "top stories"
                | "latest news"
                | "latest stories"
                | "partner news"
                | "more stories"
                | "don't miss"
                | "read next"
                | "up next"
                | "what to read next"
                | "recommended for you"
                | "read more"
                | "see also"
                | "also read"
                | "more news"
                | "news from our partners"
                | "around the web"
                | "sponsored stories"
        )
}

/// A label over readers' comments: "Comments", "42 comments", "Comments (42)", "Leave a reply",
/// "Join the discussion".
fn comment_label(t: &str) -> bool {
    let lower = t.trim().trim_end_matches([':', '.']).to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']'))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    matches!(
        words.join(" ").as_str(),
        "comments"
            | "comment"
            | "reader comments"
            | "readers' comments"
            | "responses"
            | "replies"
            | "leave a comment"
            | "leave a reply"
            | "add a comment"
            | "post a comment"
            | "show comments"
            | "view comments"
            | "join the discussion"
            | "join the conversation"
    )
}

/// "1 of 6", "3 / 12", "1 - 5 of 36": a gallery or list counter.
fn counter(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() <= 5
        && words.iter().filter(|w| w.chars().all(|c| c.is_ascii_digit())).count() >= 2
        && words.iter().any(|w| matches!(*w, "of" | "/" | "-" | "de" | "von" | "из"))
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || matches!(*w, "of" | "/" | "-" | "de" | "von" | "из"))
}

/// Short lines pages put inside articles: labels of adverts and boxes, "updated" stamps,
/// notes about scripts.
fn short_junk(t: &str) -> Option<DropReason> {
    if t.len() > 80 {
        return None;
    }
    let lower = t.trim().trim_end_matches(['.', ':', '!']).to_lowercase();
    if related_label(t) {
        return Some(DropReason::Related);
    }
    if counter(&lower) {
        return Some(DropReason::Widget);
    }
    let words = lower.split_whitespace().count();
    if (lower.ends_with("min read")
        || lower.ends_with("minute read")
        || lower.ends_with("minutes read")
        || lower.starts_with("reading time")
        || lower.starts_with("tempo de leitura")
        || lower.starts_with("tiempo de lectura"))
        && words <= 6
    {
        return Some(DropReason::Widget);
    }
    if (lower.starts_with("filed under")
        || lower.starts_with("posted in")
        || lower.starts_with("tags:")
        || lower.starts_with("topics:"))
        && words <= 12
    {
        return Some(DropReason::Other);
    }
    if lower.starts_with("source:") && words <= 6 {
        return Some(DropReason::Credit);
    }
    match lower.as_str() {
        "advert"
        | "advertisement"
        | "ad"
        | "ads"
        | "sponsored"
        | "sponsored content"
        | "paid content"
        | "story continues below advertisement"
        | "article continues below advertisement"
        | "continue reading below"
        | "story continues below" => Some(DropReason::Advert),
        "top stories"
        | "key points"
        | "partner news"
        | "more stories"
        | "latest news"
        | "latest stories"
        | "related coverage"
        | "related content"
        | "related video"
        | "watch"
        | "video"
        | "photos"
        | "gallery"
        | "image"
        | "photo"
        | "more on this story"
        | "editor's picks"
        | "popular"
        | "most viewed"
        | "recommended for you"
        | "don't miss"
        | "trending now"
        | "also read"
        | "read next"
        | "up next"
        | "this slideshow requires javascript"
        | "please enable javascript"
        | "enable javascript"
        | "view comments"
        | "show comments"
        | "open in app"
        | "listen to this article"
        | "print this page" => Some(DropReason::Widget),
        _ if lower.starts_with("updated at ")
            || lower.starts_with("updated:")
            || lower.starts_with("last updated")
            || lower.starts_with("published:")
            || lower.starts_with("posted:")
            || lower.starts_with("read more:")
            || lower.starts_with("also read:")
            || lower.starts_with("related:")
            || lower.starts_with("see also:")
            || lower.starts_with("more:") =>
        {
            Some(DropReason::Other)
        }
        _ => None,
    }
}

/// A short line that only gives a date ("Published 21 December 2016, 10:00").
fn date_line(t: &str) -> bool {
    if t.chars().count() > 80 {
        return false;
    }
    let Some((_, ev)) = crate::date::find_in_line(t) else {
        return false;
    };
    let rest = t.replace(&ev, "");
    rest.split_whitespace().filter(|w| w.chars().any(entente_text::is_alphabetic)).count() <= 6
}

fn similar_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars().filter(|&c| entente_text::is_alphanumeric(c)).flat_map(char::to_lowercase).collect()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a == b || (a.len() >= 12 && b.contains(&a)) || (b.len() >= 12 && a.contains(&b)))
}

/// Strips a site name from a `<title>`: "Talks resume | Example News" → "Talks resume".
fn clean_title(t: &str, site: Option<&str>) -> String {
    let mut best = t.trim();
    // "Headline - Section - Site": strip one trailing part at a time.
    for _ in 0..4 {
        let before = best;
        for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{00bb} ", " \u{00b7} "] {
            if let Some(i) = best.rfind(sep) {
                let (head, tail) = (&best[..i], &best[i + sep.len()..]);
                let tail_is_site = site.is_some_and(|s| similar_title(s, tail)) || tail.split_whitespace().count() <= 4;
                if tail_is_site && head.split_whitespace().count() >= 3 {
                    best = head.trim();
                }
            }
        }
        if best == before {
            break;
        }
    }
    best.to_string()
}

/// "By JANE DOE, Associated Press" → "JANE DOE, Associated Press": a byline's "By" goes.
fn clean_author(a: &str) -> String {
    let t = a.trim();
    let t = ["By ", "BY ", "by "].iter().find_map(|p| t.strip_prefix(p)).unwrap_or(t);
    t.trim().trim_end_matches([',', '|']).trim().to_string()
}

fn build_page(flat: &Flat, meta: &meta::Meta, url: Option<&str>, max_depth: usize) -> Page {
    let mut page = Page::default();
    let region = regions(flat);
    let container = choose_container(flat, &region);
    let outer = flat.els[container].parent;
    let outer2 = flat.els[outer].parent;
    let headline =
        meta.headline.clone().or_else(|| meta.html_title.as_deref().map(|t| clean_title(t, meta.site_name.as_deref())));
    let mut title_done = false;
    let mut byline_author: Option<String> = None;
    let mut blocks: Vec<Block> = Vec::with_capacity(flat.blocks.len());
    for b in &flat.blocks {
        let el = &flat.els[b.el];
        let hint = region[b.el].map(|(h, _)| h);
        let inside = within(flat, b.el, container);
        let text = b.text.as_str();
        let ld = b.link_density();
        let heading = el.flags & flag::IN_HEADING != 0;
        if heading
            && !title_done
            && (el.tag == Tag::H(1) || headline.as_deref().is_some_and(|h| similar_title(h, text)))
        {
            let matches = headline.as_deref().is_none_or(|h| similar_title(h, text));
            if matches && ld < 0.8 {
                title_done = true;
                page.title.get_or_insert_with(|| text.replace('\n', " "));
                blocks.push(Block::new(BlockKind::Title, text));
                continue;
            }
        }
        let kind = if !inside {
            let near = within(flat, b.el, outer2);
            match hint {
                Some(Hint::Caption) if within(flat, b.el, outer) => BlockKind::Caption,
                _ if el.flags & flag::IN_FIGCAPTION != 0 && within(flat, b.el, outer) => BlockKind::Caption,
                Some(Hint::Bio) if near && b.chars >= 40 && ld < 0.5 => BlockKind::Bio,
                Some(h) if drop_reason(h).is_some() => {
                    BlockKind::Dropped(match (classify::boilerplate(text), drop_reason(h)) {
                        (Some(DropReason::Copyright | DropReason::Cookie), _) | (_, Some(DropReason::Other)) => {
                            classify::boilerplate(text).unwrap_or(DropReason::Other)
                        }
                        (_, r) => r.unwrap_or(DropReason::Other),
                    })
                }
                _ => BlockKind::Dropped(classify::boilerplate(text).unwrap_or(if ld > 0.5 {
                    DropReason::Navigation
                } else {
                    DropReason::Other
                })),
            }
        } else {
            classify_inside(b, el, hint, &mut byline_author)
        };
        blocks.push(Block::new(kind, text));
    }
    // Headings of the body must head some body text; a trailing heading ("More on this") goes.
    heading_pass(flat, &mut blocks);
    control_runs(flat, &mut blocks);
    before_title(flat, container, &mut blocks);
    pull_quotes(&mut blocks);
    let from_json_ld = json_ld_fallback(&mut blocks, meta, max_depth);
    if from_json_ld {
        page.warnings.push("the page's HTML held little of the article: body read from its JSON-LD articleBody".into());
    }
    page.body_confidence = body_confidence(flat, &region, container, &blocks, meta, from_json_ld);

    page.title = page.title.take().or(headline).filter(|t| !t.is_empty());
    page.author = meta.author.as_deref().map(clean_author).or(byline_author).filter(|a| !a.is_empty());
    page.date = meta
        .date
        .clone()
        .or_else(|| url.and_then(crate::date::from_url))
        .or_else(|| meta.url.as_deref().and_then(crate::date::from_url));
    if page.date.is_none() {
        page.date = visible_date(&blocks);
    }
    page.blocks = blocks;
    page
}

/// How sure the reader is that the body it kept is the page's article, whole and alone, from
/// 0 to 1. The product of four pieces of evidence:
/// - the share of the page's prose (outside regions named as boilerplate) that the chosen
///   element holds: near 1 when the article stands out, low when prose of a like weight lies
///   elsewhere (a second article, a teaser list written as paragraphs, comments without a
///   class that says so);
/// - the share of the element's text that is prose: menus, player controls, link lists and
///   labels inside it mean it may hold more than the article, or an article in a form the
///   reader does not take for prose (a list, a table);
/// - the body's length: a few lines (under about 500 letters) may be a teaser or a fragment;
/// - when the page states its body as structured data (JSON-LD `articleBody`), how much of
///   that text's vocabulary the body holds; a shorter articleBody (a teaser) that the body
///   contains agrees, a different one does not. A body taken from JSON-LD because the HTML
///   held little is only as sure as that agreement can't tell, 0.6.
fn body_confidence(
    flat: &Flat,
    region: &[Option<(Hint, usize)>],
    container: usize,
    blocks: &[Block],
    meta: &meta::Meta,
    from_json_ld: bool,
) -> f32 {
    let (mut inside, mut total) = (0f32, 0f32);
    for b in &flat.blocks {
        if region[b.el].is_some_and(|(h, _)| drop_reason(h).is_some()) {
            continue;
        }
        let p = prose_chars(b, &flat.els[b.el]);
        total += p;
        if within(flat, b.el, container) {
            inside += p;
        }
    }
    let share = if total > 0.0 { inside / total } else { 0.0 };
    // Text in the element that is not prose (menus, player controls, link lists, labels):
    // a container that holds much of it may hold more than the article, or the article may
    // be in lines the reader does not take for prose.
    let (mut held, mut not_prose) = (0f32, 0f32);
    for b in &flat.blocks {
        if within(flat, b.el, container) {
            held += b.chars as f32;
            if prose_chars(b, &flat.els[b.el]) == 0.0 {
                not_prose += b.chars as f32;
            }
        }
    }
    let purity = if held > 0.0 { 1.0 - not_prose / held } else { 0.0 };
    let body: Vec<&str> = blocks.iter().filter(|b| b.kind == BlockKind::Body).map(|b| b.text.as_str()).collect();
    let letters: usize = body.iter().map(|t| t.chars().filter(|c| c.is_alphanumeric()).count()).sum();
    let cjk: usize = body.iter().map(|t| unspaced_chars(t) as usize).sum();
    let weighed = letters as f32 + (CJK_WEIGHT - 1.0) * cjk as f32;
    let length = (weighed / 500.0).min(1.0);
    let mut confidence = if from_json_ld { 0.6 } else { share.sqrt() * length.sqrt() * purity * purity };
    if let Some(stated) = meta.article_body.as_deref().filter(|t| t.len() >= 200) {
        if !from_json_ld {
            let agree = vocabulary_held(stated, &body);
            confidence = confidence.min(0.5 + 0.5 * agree);
        }
    }
    (confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// The share of the distinct words (three letters or more, lower-cased) of `stated` that the
/// `body` paragraphs hold.
fn vocabulary_held(stated: &str, body: &[&str]) -> f32 {
    use std::collections::HashSet;
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).map(|w| w.to_lowercase()).collect()
    };
    let held: HashSet<String> = body.iter().flat_map(|t| words(t)).collect();
    let stated: HashSet<String> = words(stated).into_iter().collect();
    if stated.is_empty() {
        return 1.0;
    }
    stated.iter().filter(|w| held.contains(*w)).count() as f32 / stated.len() as f32
}

/// What the article's element holds before its headline (breadcrumbs, tickers, kickers) is
/// not the article.
fn before_title(flat: &Flat, container: usize, blocks: &mut [Block]) {
    let n = blocks.len().min(flat.blocks.len());
    let Some(t) = (0..n).find(|&i| blocks[i].kind == BlockKind::Title) else {
        return;
    };
    if !within(flat, flat.blocks[t].el, container) {
        return;
    }
    let body = |bs: &[Block]| -> usize { bs.iter().filter(|b| b.kind == BlockKind::Body).map(|b| b.text.len()).sum() };
    if body(&blocks[..t]) * 2 > body(&blocks[t..n]) {
        return;
    }
    for b in &mut blocks[..t] {
        if b.kind == BlockKind::Body {
            b.kind = BlockKind::Dropped(DropReason::Other);
        }
    }
}

/// Runs of short labels in `<div>`s inside the article (a video player's controls and menus,
/// a toolbar, a font picker: "Auto", "High (HD)", "Captions", "A"): six or more in a row, with no
/// prose, paragraph, list item, cell or heading between them, are a widget, not the article.
fn control_runs(flat: &Flat, blocks: &mut [Block]) {
    const MIN_RUN: usize = 6;
    let n = blocks.len().min(flat.blocks.len());
    let label = |i: usize| {
        let b = &flat.blocks[i];
        let el = &flat.els[b.el];
        b.chars < 30
            && matches!(el.tag, Tag::Div | Tag::Other | Tag::Section)
            && el.flags & (flag::IN_P | flag::IN_HEADING | flag::IN_LI | flag::IN_TABLE) == 0
            && prose_chars(b, el) == 0.0
    };
    let mut run: Vec<usize> = Vec::new();
    for i in 0..=n {
        let go_on = i < n && (!matches!(blocks[i].kind, BlockKind::Body) || label(i));
        if go_on {
            if blocks[i].kind == BlockKind::Body {
                run.push(i);
            }
            continue;
        }
        if run.len() >= MIN_RUN {
            for &j in &run {
                blocks[j].kind = BlockKind::Dropped(DropReason::Widget);
            }
        }
        run.clear();
    }
}

/// Marks body headings (`<h2>`.. inside the article) that head no body text as dropped.
fn heading_pass(flat: &Flat, blocks: &mut [Block]) {
    // blocks and flat.blocks are parallel up to here.
    let n = blocks.len().min(flat.blocks.len());
    let mut body_after = false;
    for i in (0..n).rev() {
        let el = &flat.els[flat.blocks[i].el];
        if blocks[i].kind != BlockKind::Body {
            continue;
        }
        if el.flags & flag::IN_HEADING != 0 {
            if !body_after {
                blocks[i].kind = BlockKind::Dropped(DropReason::Related);
            }
            body_after = false;
        } else {
            body_after = true;
        }
    }
}

fn classify_inside(b: &TextBlock, el: &dom::El, hint: Option<Hint>, author: &mut Option<String>) -> BlockKind {
    let text = b.text.as_str();
    let ld = b.link_density();
    match hint {
        Some(Hint::Caption) => return BlockKind::Caption,
        Some(Hint::PullQuote) => return BlockKind::PullQuote,
        Some(Hint::Bio) => {
            if let Some(name) = classify::bio(text).filter(|n| !n.is_empty()) {
                author.get_or_insert(name);
            }
            return if b.chars >= 40 { BlockKind::Bio } else { BlockKind::Dropped(DropReason::Byline) };
        }
        Some(Hint::Byline) => {
            if let Some(name) = classify::byline(text) {
                author.get_or_insert(name);
            }
            return BlockKind::Dropped(DropReason::Byline);
        }
        Some(h) => {
            if let Some(r) = drop_reason(h) {
                return BlockKind::Dropped(r);
            }
        }
        None => {}
    }
    if el.flags & flag::IN_FIGCAPTION != 0 {
        return BlockKind::Caption;
    }
    if let Some(r) = classify::boilerplate(text) {
        return BlockKind::Dropped(r);
    }
    if el.flags & flag::IN_PRE == 0 && looks_like_markup(text) {
        return BlockKind::Dropped(DropReason::Other);
    }
    if let Some(r) = short_junk(text) {
        return BlockKind::Dropped(r);
    }
    // A linked sentence of a paragraph stays; linked titles and menus go.
    let linked_sentence = el.tag == Tag::P
        && text.split_whitespace().count() >= 8
        && text.trim_end().ends_with(['.', '!', '?'])
        && !text.contains('|');
    if ld > 0.5 && b.chars < 400 && !linked_sentence {
        return BlockKind::Dropped(if el.flags & flag::IN_LI != 0 {
            DropReason::Related
        } else {
            DropReason::Navigation
        });
    }
    if b.chars < 100 {
        if let Some(name) = classify::byline(text) {
            author.get_or_insert(name);
            return BlockKind::Dropped(DropReason::Byline);
        }
        if date_line(text) {
            return BlockKind::Dropped(DropReason::Other);
        }
    }
    if el.tag != Tag::P && el.flags & flag::IN_P == 0 && b.chars < 300 && classify::is_caption(text) {
        return BlockKind::Caption;
    }
    if el.flags & flag::IN_BLOCKQUOTE != 0 && b.chars < 400 && classify::bio(text).is_some() {
        return BlockKind::Bio;
    }
    BlockKind::Body
}

/// A quoted line that repeats other body text is a pull quote.
pub(crate) fn pull_quotes(blocks: &mut [Block]) {
    let long = |b: &Block| b.kind == BlockKind::Body && b.text.len() > 100;
    let candidates: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            blocks[i].kind == BlockKind::Body && blocks[i].text.len() < 400 && classify::is_quoted(&blocks[i].text)
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    let in_body: Vec<usize> = (0..blocks.len()).filter(|&j| long(&blocks[j])).collect();
    let mut vocab = Vocab::default();
    let quotes: Vec<Vec<u32>> = candidates.iter().map(|&i| vocab.add(&blocks[i].text)).collect();
    // The body as it was before any quote was found: what a short quote is checked against.
    let Some(all) = Body::new(&vocab, &quotes, in_body.iter().map(|&j| blocks[j].text.as_str())) else {
        return;
    };
    // A long quote is part of the body: it is checked against the body without it and without
    // the long pull quotes found before it (a copy of `all`, made at the first of those).
    let mut now: Option<Body> = None;
    for (quote, &i) in quotes.iter().zip(&candidates) {
        let found = match in_body.binary_search(&i) {
            Err(_) => all.repeats(quote, None),
            Ok(k) => {
                let found = now.as_ref().unwrap_or(&all).repeats(quote, Some(k));
                if found {
                    now.get_or_insert_with(|| all.clone()).remove(k);
                }
                found
            }
        };
        if found {
            blocks[i].kind = BlockKind::PullQuote;
        }
    }
}

/// Uses JSON-LD `articleBody` when the page's HTML gave much less text than it.
fn json_ld_fallback(blocks: &mut Vec<Block>, meta: &meta::Meta, max_depth: usize) -> bool {
    let Some(raw) = meta.article_body.as_deref() else {
        return false;
    };
    let text = if raw.contains("</") || raw.contains("<p") || raw.contains("<br") {
        let raw = &*attrs::cap_attributes(raw);
        let flat = if deep::too_deep(raw, max_depth) {
            deep::flatten_tokens(raw)
        } else {
            dom::flatten(&Html::parse_fragment(raw))
        };
        flat.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")
    } else {
        raw.to_string()
    };
    let json_chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let body_chars: usize = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Body)
        .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if json_chars < 200 || body_chars * 2 >= json_chars {
        return false;
    }
    for b in blocks.iter_mut() {
        if b.kind == BlockKind::Body {
            b.kind = BlockKind::Dropped(DropReason::Other);
        }
    }
    let at = blocks.iter().position(|b| b.kind == BlockKind::Title).map_or(0, |i| i + 1);
    let paras: Vec<Block> = text
        .split('\n')
        .map(entente_text::squash_spaces)
        .filter(|p| !p.is_empty())
        .map(|p| Block::new(BlockKind::Body, p))
        .collect();
    blocks.splice(at..at, paras);
    true
}

/// A visible dateline among the dropped lines or the first body lines, else a copyright year.
fn visible_date(blocks: &[Block]) -> Option<PubDate> {
    let mut copyright: Option<(i32, &str)> = None;
    for b in blocks {
        if let Some(y) = crate::date::copyright_year(&b.text) {
            if copyright.is_none_or(|(c, _)| y > c) && b.text.len() < 300 {
                copyright = Some((y, &b.text));
            }
        }
    }
    let first_body = blocks.iter().position(|b| b.kind == BlockKind::Body).unwrap_or(0);
    for b in blocks.iter().skip(first_body.saturating_sub(12)).take(16) {
        if b.text.chars().count() > 200 || crate::date::copyright_year(&b.text).is_some() {
            continue;
        }
        if let Some((value, ev)) = crate::date::find_in_line(&b.text) {
            if value.len() == 10 {
                return Some(PubDate { value, source: DateSource::Dateline, inferred: true, evidence: Some(ev) });
            }
        }
    }
    copyright.map(|(y, l)| PubDate {
        value: format!("{y:04}"),
        source: DateSource::Copyright,
        inferred: true,
        evidence: Some(l.trim().chars().take(120).collect()),
    })
}

/// For development: the chosen container and every text block with its element, region and
/// prose score, one line each.
#[doc(hidden)]
pub fn explain(html: &str) -> String {
    use std::fmt::Write;
    let dom = Html::parse_document(&attrs::cap_attributes(html));
    let flat = dom::flatten(&dom);
    let region = regions(&flat);
    let container = choose_container(&flat, &region);
    let mut out = String::new();
    let c = &flat.els[container];
    let _ = writeln!(out, "container {container} {:?} end {} depth {}", c.tag, c.end, c.depth);
    for b in &flat.blocks {
        let el = &flat.els[b.el];
        let inside = within(&flat, b.el, container);
        let short: String = b.text.chars().take(90).collect();
        let _ = writeln!(
            out,
            "{} {:>5} {:?} {:?} prose {:.0} ld {:.2} | {}",
            if inside { "IN " } else { "out" },
            b.el,
            el.tag,
            region[b.el],
            prose_chars(b, el),
            b.link_density(),
            short.replace('\n', " / ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_counters_and_short_junk() {
        for l in ["More Great Stories", "Popular on Example", "Related news", "You may also like", "Also on Example"] {
            assert!(related_label(l), "{l}");
        }
        for l in ["More talks are planned", "Relations between Chile and Peru improved this year, officials say"] {
            assert!(!related_label(l), "{l}");
        }
        for l in ["Comments", "42 Comments", "Comments (42)", "Leave a Reply", "Join the discussion:"] {
            assert!(comment_label(l), "{l}");
        }
        for l in ["Comments on the accord were mixed", "No comment", "Replies to the ministry"] {
            assert!(!comment_label(l), "{l}");
        }
        assert_eq!(slide_total("3/50 Harbour at dawn"), Some(50));
        assert_eq!(slide_total("2 of 12 Harbour"), Some(12));
        assert_eq!(slide_total("24/7 news"), None);
        assert!(counter("1 of 6") && counter("1 - 5 of 36"));
        assert!(!counter("5040") && !counter("17 27") && !counter("Kyle Busch 5040"));
        assert_eq!(short_junk("Advertisement"), Some(DropReason::Advert));
        assert_eq!(short_junk("5 min read"), Some(DropReason::Widget));
        assert_eq!(short_junk("Filed under: Politics |"), Some(DropReason::Other));
        assert_eq!(short_junk("The ministers met in Ankara."), None);
        assert!(date_line("Published 21 December 2016, 10:00"));
        assert!(!date_line("On 21 December 2016 the ministers of both countries met in Ankara to sign it."));
        assert!(looks_like_markup("<img height=\"1\" width=\"1\" src=\"x\">"));
        assert!(!looks_like_markup("<3 the talks went well"));
    }

    #[test]
    fn titles_lose_the_site_name() {
        assert_eq!(
            clean_title("Talks resume in Vienna | Example News", Some("Example News")),
            "Talks resume in Vienna"
        );
        assert_eq!(clean_title("Talks resume in Vienna - World - Example", None), "Talks resume in Vienna");
        assert_eq!(clean_title("Vienna - a city", None), "Vienna - a city");
    }
}
