//! From the parsed HTML tree to a flat form the extractor can score in linear time: the
//! page's block-level elements (an arena in document order, each with its tag, what its
//! class, id and role hint at, and where its subtree ends) and its text blocks (the text
//! between two block boundaries, with how much of it is link text).
//!
//! Scripts, styles, `<noscript>`, `<template>`, forms' controls, embedded media and hidden
//! elements (the `hidden` attribute, `aria-hidden="true"`, inline `display:none` or
//! `visibility:hidden`, screen-reader-only classes) are left out here, with their text.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// The block-level tags the extractor tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Root,
    Body,
    P,
    Div,
    Section,
    Article,
    Main,
    Aside,
    Nav,
    Header,
    Footer,
    Li,
    List,
    Dl,
    Dt,
    Dd,
    H(u8),
    Blockquote,
    Pre,
    Figure,
    Figcaption,
    Table,
    Tr,
    Cell,
    Caption,
    Form,
    Address,
    Details,
    Other,
}

impl Tag {
    /// The tag of a block-level element, or `None` for an inline one.
    fn block(name: &str) -> Option<Tag> {
        Some(match name {
            "p" => Tag::P,
            "div" | "center" | "hgroup" | "fieldset" | "dialog" | "legend" => Tag::Div,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "aside" => Tag::Aside,
            "nav" | "menu" => Tag::Nav,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "li" => Tag::Li,
            "ul" | "ol" => Tag::List,
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "h1" => Tag::H(1),
            "h2" => Tag::H(2),
            "h3" => Tag::H(3),
            "h4" => Tag::H(4),
            "h5" => Tag::H(5),
            "h6" => Tag::H(6),
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "table" | "tbody" | "thead" | "tfoot" => Tag::Table,
            "tr" => Tag::Tr,
            "td" | "th" => Tag::Cell,
            "caption" => Tag::Caption,
            "form" => Tag::Form,
            "address" => Tag::Address,
            "details" | "summary" => Tag::Details,
            "body" => Tag::Body,
            "hr" | "html" | "option" | "optgroup" | "frameset" => Tag::Other,
            _ => return None,
        })
    }

    pub fn is_heading(self) -> bool {
        matches!(self, Tag::H(_))
    }
}

/// What an element's class, id, role or itemprop says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Comment,
    Related,
    Share,
    Newsletter,
    Advert,
    Navigation,
    Footer,
    Sidebar,
    Cookie,
    Bio,
    Byline,
    Caption,
    PullQuote,
    /// Tags, categories, dates, breadcrumbs: page furniture around the article.
    Meta,
}

impl Hint {
    /// Hints that only say "furniture of the page" and can be wrong on a wrapper that holds the
    /// whole page; they are cancelled on an element holding most of the page's text.
    pub fn is_weak(self) -> bool {
        matches!(self, Hint::Navigation | Hint::Footer | Hint::Sidebar | Hint::Meta)
    }
}

/// An element's inherited flags.
pub mod flag {
    pub const LINK_HEAVY: u32 = 1;
    pub const IN_HEADING: u32 = 2;
    pub const IN_LI: u32 = 4;
    pub const IN_BLOCKQUOTE: u32 = 8;
    pub const IN_FIGCAPTION: u32 = 16;
    pub const IN_PRE: u32 = 32;
    pub const IN_TABLE: u32 = 64;
    pub const ARTICLE_BODY: u32 = 128;
    pub const POSITIVE: u32 = 256;
    pub const IN_ARTICLE: u32 = 512;
    pub const IN_P: u32 = 1024;
    pub const IN_FIGURE: u32 = 2048;
    /// The element's hint comes from its ARIA role (not inherited).
    pub const FIRM: u32 = 4096;
}

/// A block-level element.
#[derive(Debug, Clone)]
pub struct El {
    pub tag: Tag,
    /// Index of the parent element; the root is its own parent.
    pub parent: usize,
    /// One past the index of the last element of its subtree.
    pub end: usize,
    pub depth: u32,
    /// Flags inherited from the ancestors, and its own.
    pub flags: u32,
    /// What its own class, id or role hint at.
    pub hint: Option<Hint>,
}

/// The text between two block boundaries.
#[derive(Debug, Clone)]
pub struct TextBlock {
    /// The innermost block-level element holding it.
    pub el: usize,
    /// Whitespace squashed; line breaks (`<br>`) kept as `\n`.
    pub text: String,
    /// Characters (not counting spaces).
    pub chars: u32,
    /// Characters inside links.
    pub link_chars: u32,
}

impl TextBlock {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// The flattened page.
#[derive(Debug, Default)]
pub struct Flat {
    pub els: Vec<El>,
    pub blocks: Vec<TextBlock>,
}

/// The hint of one class or id token list.
fn hint_of(attr: &str) -> Option<Hint> {
    let lower = attr.to_ascii_lowercase();
    // Embedded posts (a tweet quoted in the article) are part of the text, whatever else the
    // element's classes say ("article-widget article-tweet").
    let embedded = lower.contains("embed") || lower.contains("tweet") || lower.contains("instagram-media");
    if embedded && !lower.contains("caption") && !lower.contains("credit") {
        return None;
    }
    for class in lower.split_ascii_whitespace() {
        if let Some(h) = hint_of_class(class) {
            return Some(h);
        }
    }
    None
}

fn hint_of_class(class: &str) -> Option<Hint> {
    // A state class names what the element has, not what it is.
    if class.starts_with("has-") || class.starts_with("with-") || class.starts_with("no-") || class.starts_with("is-") {
        return None;
    }
    let has = |p: &str| class.contains(p);
    // Embedded posts (a tweet quoted in the article) are part of the text.
    if (has("embed") || has("tweet") || has("instagram-media")) && !has("caption") && !has("credit") {
        return None;
    }
    let tokens = || class.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| !t.is_empty());
    let token = |p: &[&str]| tokens().any(|t| p.contains(&t));
    if has("pullquote") || has("pull-quote") || has("pull_quote") || has("blockquote-pull") {
        return Some(Hint::PullQuote);
    }
    if has("comment") || has("disqus") || token(&["respond", "replies", "discussion"]) {
        return Some(Hint::Comment);
    }
    if has("cookie") || has("consent") || has("gdpr") {
        return Some(Hint::Cookie);
    }
    if has("newsletter")
        || has("subscribe")
        || has("signup")
        || has("sign-up")
        || has("paywall")
        || has("inline-cta")
        || token(&["cta", "optin", "registration", "login", "donate", "membership"])
    {
        return Some(Hint::Newsletter);
    }
    if has("related")
        || has("recommend")
        || has("more-stories")
        || has("morestories")
        || has("also-read")
        || has("read-more")
        || has("readmore")
        || has("read-next")
        || has("outbrain")
        || has("taboola")
        || has("popular")
        || has("trending")
        || has("most-read")
        || has("mostread")
        || has("teaser")
        || has("ticker")
        || has("breaking")
        || has("next-article")
        || has("further-reading")
        || token(&["more", "upnext", "recirc", "promo", "promoted", "suggested", "linkbox"])
    {
        return Some(Hint::Related);
    }
    if has("share")
        || has("sharing")
        || has("social")
        || has("sociable")
        || token(&["addthis", "sharethis", "print", "tools", "toolbar", "actions"])
    {
        return Some(Hint::Share);
    }
    if has("advert")
        || has("sponsor")
        || has("banner")
        || has("dfp")
        || has("adsense")
        || has("adslot")
        || has("ad-slot")
        || has("adunit")
        || has("ad-unit")
        || has("ad-container")
        || has("ad-wrapper")
        || has("gpt-ad")
        || token(&["ad", "ads", "adv", "advertising", "commercial", "affiliate"])
    {
        return Some(Hint::Advert);
    }
    if has("author-bio")
        || has("authorbio")
        || has("about-author")
        || has("about-the-author")
        || has("author-info")
        || has("author-box")
        || has("authorbox")
        || token(&["bio", "biography", "contributor"])
    {
        return Some(Hint::Bio);
    }
    if has("caption") || has("credit") || token(&["wp-caption-text"]) {
        return Some(Hint::Caption);
    }
    if has("byline") || token(&["author", "authors", "dateline"]) {
        return Some(Hint::Byline);
    }
    if has("breadcrumb")
        || has("navbar")
        || has("navigation")
        || has("menu")
        || has("pagination")
        || has("pager")
        || has("masthead")
        || has("skip-link")
        || token(&["nav", "topbar"])
    {
        return Some(Hint::Navigation);
    }
    if has("footer") || has("copyright") {
        return Some(Hint::Footer);
    }
    if has("sidebar")
        || has("widget")
        || token(&["rail", "siderail", "rightrail"])
        || token(&["aside", "side", "right-col", "sidebar"])
    {
        return Some(Hint::Sidebar);
    }
    // Tag lists and metadata lines: the class ends with what it holds ("post-tags",
    // "entry-meta"); a class that starts with it ("tag-economy") labels the post instead.
    const META_ENDS: &[&str] = &[
        "tags",
        "tagged",
        "tag-list",
        "taglist",
        "categories",
        "topics",
        "keywords",
        "meta",
        "timestamp",
        "date",
        "published",
        "pubdate",
        "dateline",
    ];
    if META_ENDS.iter().any(|e| {
        class.ends_with(e)
            && (class.len() == e.len() || !class.as_bytes()[class.len() - e.len() - 1].is_ascii_alphanumeric())
    }) {
        return Some(Hint::Meta);
    }
    None
}

fn positive(attr: &str) -> bool {
    let lower = attr.to_ascii_lowercase();
    lower.split_ascii_whitespace().any(|c| {
        c.contains("article")
            || c.contains("content")
            || c.contains("entry")
            || c.contains("story")
            || c.contains("post-body")
            || c.contains("postbody")
            || c.contains("prose")
            || c.contains("text")
            || c.contains("body")
    })
}

/// Whether an element is hidden from a reader of the page.
fn hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(class) = e.attr("class") {
        for c in class.split_ascii_whitespace() {
            let c = c.to_ascii_lowercase();
            if matches!(
                c.as_str(),
                "hidden"
                    | "hide"
                    | "sr-only"
                    | "visually-hidden"
                    | "visuallyhidden"
                    | "screen-reader-text"
                    | "screen-reader-only"
                    | "d-none"
                    | "element-invisible"
                    | "offscreen"
                    | "is-hidden"
            ) {
                return true;
            }
            // The content of hover cards and tooltips shows only under the pointer (the term
            // they hang on, outside that content, stays).
            let hover =
                c.contains("tooltip") || c.contains("popover") || c.contains("hovercard") || c.contains("rollover");
            let content = ["block", "card", "content", "box", "body", "inner", "panel", "text"]
                .iter()
                .any(|p| c.rsplit(['-', '_']).next().is_some_and(|last| last.ends_with(p)));
            if hover && content {
                return true;
            }
        }
    }
    false
}

/// Elements whose content is never article text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "textarea"
            | "button"
            | "input"
            | "head"
            | "title"
            | "link"
            | "meta"
            | "map"
            | "area"
            | "source"
            | "track"
            | "picture"
            | "img"
            | "label"
    )
}

struct Builder {
    flat: Flat,
    stack: Vec<usize>,
    buf: String,
    chars: u32,
    link_chars: u32,
    link_depth: u32,
}

impl Builder {
    fn top(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn flush(&mut self) {
        if self.chars > 0 {
            let mut text = String::with_capacity(self.buf.len());
            for line in self.buf.split('\n') {
                let l = line.trim();
                if !l.is_empty() {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(l);
                }
            }
            let text = if text.is_ascii() { text } else { entente_text::normalize(&text) };
            let el = self.top();
            self.flat.blocks.push(TextBlock { el, text, chars: self.chars, link_chars: self.link_chars });
        }
        self.buf.clear();
        self.chars = 0;
        self.link_chars = 0;
    }

    fn text(&mut self, t: &str, pre: bool) {
        let in_link = self.link_depth > 0;
        for c in t.chars() {
            if c.is_whitespace() || c == '\u{a0}' {
                if pre && c == '\n' {
                    self.buf.push('\n');
                } else if !self.buf.ends_with([' ', '\n']) && !self.buf.is_empty() {
                    self.buf.push(' ');
                }
            } else if !c.is_control() && !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}') {
                self.buf.push(c);
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.buf.trim_end_matches(' ');
        if trimmed.ends_with('\n') {
            // Two line breaks in a row end a paragraph.
            self.flush();
        } else if !trimmed.is_empty() {
            self.buf.truncate(trimmed.len());
            self.buf.push('\n');
        }
    }
}

/// Flattens a parsed page. Linear in the size of the tree; never recursive.
pub fn flatten(dom: &Html) -> Flat {
    let mut b =
        Builder { flat: Flat::default(), stack: vec![0], buf: String::new(), chars: 0, link_chars: 0, link_depth: 0 };
    b.flat.els.push(El { tag: Tag::Root, parent: 0, end: 1, depth: 0, flags: 0, hint: None });
    let mut skip: Option<ego_tree::NodeId> = None;
    let mut hint_cache: std::collections::HashMap<String, Option<Hint>> = std::collections::HashMap::new();
    // For each open element: whether it pushed a block element, whether it is a link.
    let mut opened: Vec<(bool, bool)> = Vec::new();
    let mut pre_depth = 0u32;
    for edge in dom.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => b.text(t, pre_depth > 0),
                    Node::Element(e) => {
                        let name = e.name();
                        if skipped(name) || hidden(e) {
                            skip = Some(node.id());
                            continue;
                        }
                        if name == "br" {
                            b.line_break();
                            opened.push((false, false));
                            continue;
                        }
                        let is_link = name == "a" && e.attr("href").is_some();
                        if is_link {
                            b.link_depth += 1;
                        }
                        let tag = Tag::block(name);
                        if let Some(tag) = tag {
                            b.flush();
                            let parent = b.top();
                            let pflags = b.flat.els[parent].flags;
                            let mut flags = pflags & !(flag::LINK_HEAVY | flag::FIRM);
                            let mut hint = None;
                            let class = e.attr("class").unwrap_or("");
                            let id = e.attr("id").unwrap_or("");
                            let itemprop = e.attr("itemprop").unwrap_or("");
                            let role = e.attr("role").unwrap_or("");
                            if itemprop.eq_ignore_ascii_case("articlebody") {
                                flags |= flag::ARTICLE_BODY;
                            } else if tag != Tag::Body {
                                // Pages repeat their class names: each is read once.
                                let mut cached = |attr: &str| -> Option<Hint> {
                                    if attr.is_empty() {
                                        return None;
                                    }
                                    if let Some(h) = hint_cache.get(attr) {
                                        return *h;
                                    }
                                    let h = hint_of(attr);
                                    hint_cache.insert(attr.to_string(), h);
                                    h
                                };
                                hint = cached(class).or_else(|| cached(id));
                                if itemprop.eq_ignore_ascii_case("author") {
                                    hint = Some(Hint::Byline);
                                }
                                let by_role = match role {
                                    "navigation" | "menubar" | "menu" => Some(Hint::Navigation),
                                    "complementary" => Some(Hint::Sidebar),
                                    "contentinfo" => Some(Hint::Footer),
                                    "alert" | "alertdialog" | "dialog" => Some(Hint::Cookie),
                                    _ => None,
                                };
                                // A role is the page's own statement of what the element is.
                                if by_role.is_some() && hint.is_none_or(Hint::is_weak) {
                                    hint = by_role;
                                    flags |= flag::FIRM;
                                }
                                hint = hint.or(match tag {
                                    Tag::Nav => Some(Hint::Navigation),
                                    Tag::Footer => Some(Hint::Footer),
                                    Tag::Aside => Some(Hint::Sidebar),
                                    Tag::Figcaption => Some(Hint::Caption),
                                    _ => None,
                                });
                                if matches!(tag, Tag::Article | Tag::Main) && hint.is_some_and(Hint::is_weak) {
                                    hint = None;
                                }
                                if positive(class) || positive(id) || role == "main" {
                                    flags |= flag::POSITIVE;
                                }
                            }
                            flags |= match tag {
                                Tag::H(_) => flag::IN_HEADING,
                                Tag::Li | Tag::Dd | Tag::Dt => flag::IN_LI,
                                Tag::Blockquote => flag::IN_BLOCKQUOTE,
                                Tag::Figcaption => flag::IN_FIGCAPTION,
                                Tag::Pre => flag::IN_PRE,
                                Tag::Table => flag::IN_TABLE,
                                Tag::Article => flag::IN_ARTICLE,
                                Tag::P => flag::IN_P,
                                Tag::Figure => flag::IN_FIGURE,
                                _ => 0,
                            };
                            if tag == Tag::Pre {
                                pre_depth += 1;
                            }
                            let idx = b.flat.els.len();
                            b.flat.els.push(El {
                                tag,
                                parent,
                                end: idx + 1,
                                depth: b.flat.els[parent].depth.saturating_add(1),
                                flags,
                                hint,
                            });
                            b.stack.push(idx);
                        }
                        opened.push((tag.is_some(), is_link));
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if !matches!(node.value(), Node::Element(_)) {
                    continue;
                }
                let Some((block, link)) = opened.pop() else {
                    continue;
                };
                if link {
                    b.link_depth = b.link_depth.saturating_sub(1);
                }
                if block {
                    b.flush();
                    if let Some(idx) = b.stack.pop() {
                        if b.flat.els[idx].tag == Tag::Pre {
                            pre_depth = pre_depth.saturating_sub(1);
                        }
                        let end = b.flat.els.len();
                        b.flat.els[idx].end = end;
                    }
                }
            }
        }
    }
    b.flush();
    let n = b.flat.els.len();
    b.flat.els[0].end = n;
    b.flat
}
