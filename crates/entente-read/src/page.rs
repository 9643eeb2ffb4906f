//! The reader's intermediate form: a page as a list of classified blocks.

use entente_core::{DropReason, PubDate};

/// What a block of the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Body,
    Caption,
    PullQuote,
    Bio,
    /// Boilerplate: not part of the article, kept for a person to check.
    Dropped(DropReason),
}

/// One block of text: a paragraph, a heading, a caption, a line of boilerplate. Its text is
/// normalised; a line break inside it is kept (it ends a sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block { kind, text: text.into() }
    }
}

/// What a front end (text or HTML) found in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<PubDate>,
    pub blocks: Vec<Block>,
    pub warnings: Vec<String>,
    /// How sure the front end is that the body blocks are the article's extent, from 0 to 1
    /// (docs/reader.md says how the HTML reader weighs it); text as scraped is all the front end has, 1.
    pub body_confidence: f32,
}
