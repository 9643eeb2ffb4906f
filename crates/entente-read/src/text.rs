//! The plain-text front end: text as scraped (lines and blank lines) to a [`Page`].

use crate::page::{Block, BlockKind, Page};

/// Reads text as scraped.
pub fn read_text(text: &str, _title: Option<&str>) -> Page {
    let mut page = Page::default();
    for para in text.split("\n\n") {
        let t = para.trim();
        if !t.is_empty() {
            page.blocks.push(Block::new(BlockKind::Body, t));
        }
    }
    page
}
