//! The HTML front end: a page's HTML, through a real HTML5 parser, to a [`Page`].
//! (First slice: paragraphs only; the full reader replaces this.)

use scraper::{Html, Selector};

use crate::page::{Block, BlockKind, Page};

/// Reads an HTML page.
pub fn read_html(html: &str, _url: Option<&str>) -> Page {
    let dom = Html::parse_document(html);
    let mut page = Page::default();
    if let Ok(sel) = Selector::parse("title") {
        page.title = dom
            .select(&sel)
            .next()
            .map(|t| entente_text::squash_spaces(&t.text().collect::<String>()));
    }
    if let Ok(sel) = Selector::parse("p") {
        for p in dom.select(&sel) {
            let t = entente_text::squash_spaces(&p.text().collect::<String>());
            if !t.is_empty() {
                page.blocks.push(Block::new(BlockKind::Body, t));
            }
        }
    }
    page
}
