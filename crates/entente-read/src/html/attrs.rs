//! A linear pre-pass that bounds the attributes html5ever sees on one tag.
//!
//! html5ever's tokenizer compares each new attribute with every earlier one of its tag (to drop
//! duplicates), and its tree builder merges the attributes of a repeated `<html>` or `<body>`
//! into the first one, again one search and one insertion each: a tag with n attributes, or n
//! repeated `<body a…>` tags, cost time quadratic in n (a `<div a0 a1 … a999999>` of 6.9 MB was
//! read for minutes). This pass keeps the first [`MAX_ATTRIBUTES`] attributes of each tag and
//! drops the attributes of every `<html>` and `<body>` tag after the first of its name, so the
//! work per tag is bounded by a constant times its length. A page with no such tag is returned
//! as it is (borrowed, not copied).
//!
//! The scan follows the HTML tokenizer's tag states (attribute names, quoted and unquoted
//! values), skips comments, doctypes and processing instructions, and skips the raw text of
//! `script`, `style`, `textarea`, `title`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`
//! and `plaintext`, so the text it sees as tags is the text html5ever sees as tags.

use std::borrow::Cow;

use memchr::{memchr, memmem};

/// The most attributes kept on one tag. Real pages stay far below (a few dozen at most, on SVG
/// or framework markup); the ones the reader looks at (`class`, `id`, `role`, `itemprop`,
/// `hidden`, `style`, `aria-hidden`) come first on any page not written to defeat it.
pub const MAX_ATTRIBUTES: usize = 64;

/// The page with each tag's attributes past [`MAX_ATTRIBUTES`] removed, and the attributes of
/// every `<html>` or `<body>` after the first of each removed.
pub fn cap_attributes(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Byte ranges to remove, in order; each starts at an attribute's name (an ASCII byte or
    // the first byte of a character) and ends before the tag's `>` (or at the end).
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let (mut seen_html, mut seen_body) = (false, false);
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &b[i..]) {
        i += lt + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => {
                i = memmem::find(&b[i + 3..], b"-->").map_or(b.len(), |e| i + 3 + e + 3);
                continue;
            }
            Some(b'!' | b'?') => {
                i = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
                continue;
            }
            _ => {}
        }
        let end_tag = b.get(i) == Some(&b'/');
        let name_start = if end_tag { i + 1 } else { i };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut at = name_start;
        while at < b.len() && !matches!(b[at], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>') {
            at += 1;
        }
        let name = b[name_start..at].to_ascii_lowercase();
        let first_of_kind = match name.as_slice() {
            b"html" if !end_tag => !std::mem::replace(&mut seen_html, true),
            b"body" if !end_tag => !std::mem::replace(&mut seen_body, true),
            _ => true,
        };
        let keep = if first_of_kind { MAX_ATTRIBUTES } else { 0 };
        let (gt, cut_from) = scan_attributes(b, at, keep);
        if let Some(from) = cut_from {
            cuts.push((from, gt));
        }
        i = (gt + 1).min(b.len());
        if !end_tag && i < b.len() {
            i = after_raw_text(b, i, &name);
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Reads the attributes of a tag from `at` (just after its name): the position of the `>` that
/// ends it (or the end of the page), and where the attribute past the first `keep` starts.
fn scan_attributes(b: &[u8], mut at: usize, keep: usize) -> (usize, Option<usize>) {
    let space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let mut count = 0usize;
    let mut cut_from = None;
    loop {
        while at < b.len() && (space(b[at]) || b[at] == b'/') {
            at += 1;
        }
        if at >= b.len() || b[at] == b'>' {
            return (at, cut_from);
        }
        // An attribute's name: its first byte may be `=`, as the tokenizer reads it.
        count += 1;
        if count > keep && cut_from.is_none() {
            cut_from = Some(at);
        }
        at += 1;
        while at < b.len() && !space(b[at]) && !matches!(b[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        while at < b.len() && space(b[at]) {
            at += 1;
        }
        if b.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < b.len() && space(b[at]) {
            at += 1;
        }
        match b.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                at = memchr(q, &b[at + 1..]).map_or(b.len(), |e| at + 1 + e + 1);
            }
            _ => {
                while at < b.len() && !space(b[at]) && b[at] != b'>' {
                    at += 1;
                }
            }
        }
    }
}

/// Past the raw text of an element whose content is not markup (from `at`, just after its
/// start tag): the position of its end tag's `<`, or `at` for any other element.
fn after_raw_text(b: &[u8], at: usize, name: &[u8]) -> usize {
    const RAW: [&[u8]; 9] =
        [b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"noscript"];
    if name == b"plaintext" {
        return b.len();
    }
    if !RAW.contains(&name) {
        return at;
    }
    let mut i = at;
    while let Some(p) = memchr(b'<', &b[i..]) {
        let lt = i + p;
        let rest = &b[lt + 1..];
        if rest.first() == Some(&b'/') && rest.len() > name.len() && rest[1..=name.len()].eq_ignore_ascii_case(name) {
            return lt;
        }
        i = lt + 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_not_copied() {
        let page =
            r#"<html lang="en"><body class="a"><div id="x" data-a='1' hidden>Text</div><!-- <p a b> --></body></html>"#;
        assert!(matches!(cap_attributes(page), Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_past_the_cap_are_dropped() {
        let many: String = (0..100).map(|n| format!(" a{n}=\"v>{n}\"")).collect();
        let page = format!("<div class=\"story\"{many}>Talks resumed.</div>");
        let capped = cap_attributes(&page);
        let kept = capped.matches(" a").count();
        assert_eq!(kept, MAX_ATTRIBUTES - 1, "{capped}");
        assert!(capped.starts_with("<div class=\"story\" a0=\"v>0\""));
        assert!(capped.ends_with(">Talks resumed.</div>"), "{capped}");
    }

    #[test]
    fn a_repeated_body_loses_its_attributes() {
        let page = "<body class=\"a\"><p>One.</p><body id=b data-x><body   onload=x>";
        assert_eq!(cap_attributes(page), "<body class=\"a\"><p>One.</p><body ><body   >");
    }

    #[test]
    fn raw_text_and_comments_are_not_tags() {
        let many: String = (0..100).map(|n| format!(" a{n}")).collect();
        let page = format!("<script>var s = '<div{many}>';</script><!-- <div{many}> --><textarea><b{many}></textarea>");
        assert!(matches!(cap_attributes(&page), Cow::Borrowed(_)));
        let open = format!("<p{many}");
        assert_eq!(cap_attributes(&open).matches(" a").count(), MAX_ATTRIBUTES);
    }
}
