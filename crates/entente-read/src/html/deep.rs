//! Pages nested too deeply for the tree builder.
//!
//! An HTML5 tree builder checks the stack of open elements on every tag, so a page of tens of
//! thousands of nested elements (no real page; a hostile or broken one) takes quadratic time.
//! [`too_deep`] estimates the nesting in one linear pass over the bytes; such a page is read by
//! [`flatten_tokens`] instead: html5ever's tokenizer alone (linear, with entities, raw text and
//! comments handled as the standard says), each block-level tag a paragraph break, scripts,
//! styles and hidden elements left out. The article is then found among those paragraphs as
//! usual, without the page's structure.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

use super::dom::{El, Flat, Tag as BlockTag, TextBlock};

/// Nesting past which a page is read without its tree, by default
/// ([`crate::ReadOptions::max_depth`] changes it).
pub const MAX_DEPTH: usize = 1500;

/// Tags that never nest or are usually left open (their end is implied): not counted.
fn uncounted(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
            | b"keygen"
            | b"command"
            | b"basefont"
            | b"frame"
            | b"image"
            | b"isindex"
    )
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() || needle.is_empty() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
}

/// Whether the page nests elements deeper than `max_depth` (by default [`MAX_DEPTH`]), by a
/// linear scan of its tags (an estimate: end tags close the innermost open element).
pub fn too_deep(html: &str, max_depth: usize) -> bool {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = memchr(b'<', &b[i..]) else {
            break;
        };
        i += lt + 1;
        if b[i..].starts_with(b"!--") {
            i = find_ci(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let start = if close { i + 1 } else { i };
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-') {
            end += 1;
        }
        if end == start || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = b[start..end].to_ascii_lowercase();
        let gt = memchr(b'>', &b[end..]).map_or(b.len(), |p| end + p);
        let self_closing = gt > 0 && gt < b.len() && b[gt - 1] == b'/';
        i = gt.min(b.len());
        if close {
            if !uncounted(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if matches!(name.as_slice(), b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"plaintext") {
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(&name);
            i = find_ci(b, i, &end_tag).unwrap_or(b.len());
            continue;
        }
        if !self_closing && !uncounted(&name) {
            depth += 1;
            if depth > max_depth {
                return true;
            }
        }
    }
    false
}

fn memchr(c: u8, s: &[u8]) -> Option<usize> {
    s.iter().position(|&x| x == c)
}

struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    blocks: Vec<TextBlock>,
    buf: String,
    chars: u32,
    link_chars: u32,
    links: u32,
    /// Inside an element whose text is never read (script, style, hidden...): its name and
    /// how many of that name are open inside it.
    skip: Option<(String, u32)>,
}

impl State {
    fn flush(&mut self) {
        if self.chars > 0 {
            let text = entente_text::squash_spaces(&entente_text::normalize(&self.buf));
            if !text.is_empty() {
                self.blocks.push(TextBlock { el: 0, text, chars: self.chars, link_chars: self.link_chars });
            }
        }
        self.buf.clear();
        self.chars = 0;
        self.link_chars = 0;
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some((skipped, open)) = &mut self.skip {
            if name == skipped.as_str() {
                match tag.kind {
                    TagKind::StartTag if !tag.self_closing => *open += 1,
                    TagKind::EndTag if *open <= 1 => self.skip = None,
                    TagKind::EndTag => *open -= 1,
                    _ => {}
                }
            }
            return raw_kind(name, tag.kind);
        }
        if tag.kind == TagKind::StartTag {
            let attr = |n: &str| tag.attrs.iter().find(|a| &*a.name.local == n).map(|a| &*a.value);
            let hidden = attr("hidden").is_some()
                || attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
                || attr("style").is_some_and(|s| {
                    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                    s.contains("display:none") || s.contains("visibility:hidden")
                });
            let never_text = matches!(
                name,
                "script"
                    | "style"
                    | "noscript"
                    | "template"
                    | "svg"
                    | "math"
                    | "iframe"
                    | "object"
                    | "select"
                    | "textarea"
                    | "button"
                    | "head"
                    | "title"
            );
            if (hidden || never_text) && !tag.self_closing && !is_void(name) {
                self.flush();
                self.skip = Some((name.to_string(), 1));
                return raw_kind(name, tag.kind);
            }
        }
        if name == "br" {
            self.buf.push('\n');
        } else if name == "a" {
            match tag.kind {
                TagKind::StartTag => self.links += 1,
                TagKind::EndTag => self.links = self.links.saturating_sub(1),
            }
        } else if is_block(name) {
            self.flush();
        }
        TokenSinkResult::Continue
    }

    fn text(&mut self, t: &str) {
        if self.skip.is_some() {
            return;
        }
        for c in t.chars() {
            if c.is_whitespace() {
                if !self.buf.ends_with([' ', '\n']) && !self.buf.is_empty() {
                    self.buf.push(' ');
                }
            } else if !c.is_control() {
                self.buf.push(c);
                self.chars += 1;
                if self.links > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }
}

fn is_void(name: &str) -> bool {
    uncounted(name.as_bytes()) && !matches!(name, "p" | "li" | "dt" | "dd" | "tr" | "td" | "th")
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "nav"
            | "header"
            | "footer"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "form"
            | "address"
            | "hr"
            | "body"
    )
}

/// The tokenizer's state after a start tag of this element, as a tree builder would set it.
fn raw_kind(name: &str, kind: TagKind) -> TokenSinkResult<()> {
    if kind != TagKind::StartTag {
        return TokenSinkResult::Continue;
    }
    match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => TokenSinkResult::RawData(RawKind::Rawtext),
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => st.tag(&tag),
            Token::CharacterTokens(t) => {
                st.text(&t);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Reads a page with the tokenizer alone: its text blocks, all under one root element.
pub fn flatten_tokens(html: &str) -> Flat {
    let sink = Sink { state: RefCell::new(State::default()) };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.state.into_inner();
    st.flush();
    Flat { els: vec![El { tag: BlockTag::Root, parent: 0, end: 1, depth: 0, flags: 0, hint: None }], blocks: st.blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_estimate() {
        let too_deep = |html: &str| too_deep(html, MAX_DEPTH);
        assert!(!too_deep("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"));
        let deep = format!("{}x{}", "<div>".repeat(MAX_DEPTH + 10), "</div>".repeat(MAX_DEPTH + 10));
        assert!(too_deep(&deep));
        let flat = "<div>x</div>".repeat(10 * MAX_DEPTH);
        assert!(!too_deep(&flat));
        let many_p = "<p>unclosed paragraph".repeat(3 * MAX_DEPTH);
        assert!(!too_deep(&many_p));
        let in_script = format!("<script>{}</script>", "<div>".repeat(MAX_DEPTH + 10));
        assert!(!too_deep(&in_script));
        assert!(!too_deep("<"));
        assert!(!too_deep("<!--"));
        assert!(!too_deep("</"));
    }

    #[test]
    fn depth_limit_is_the_one_given() {
        let nested = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert!(!super::too_deep(&nested(20), 20));
        assert!(super::too_deep(&nested(21), 20));
        assert!(!super::too_deep(&nested(21), MAX_DEPTH));
    }

    #[test]
    fn tokens_give_paragraphs() {
        let f = flatten_tokens(
            "<div><p>One &amp; two.</p><script>var x = '<p>no</p>';</script><p hidden>gone</p><p>Three <a href=x>four</a></p></div>",
        );
        let texts: Vec<&str> = f.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One & two.", "Three four"]);
        assert_eq!(f.blocks[1].link_chars, 4);
    }
}
