//! From a [`Page`] to an [`Article`]: one extracted text, parts with byte offsets, sentences.

use entente_core::{Article, Document, Dropped, Part, PartKind, Span};

use crate::page::{BlockKind, Page};

/// Builds the article: the kept blocks, in page order, joined by blank lines into
/// [`Article::text`]; each becomes a [`Part`] with its sentences. A title block is added from
/// the page's title when the page has none. Dropped blocks go to [`Article::dropped`].
pub fn assemble(doc: &Document, page: Page) -> Article {
    let mut text = String::new();
    let mut parts = Vec::new();
    let mut dropped = Vec::new();
    let has_title_block = page.blocks.iter().any(|b| b.kind == BlockKind::Title);
    let title_block = match (&page.title, has_title_block) {
        (Some(t), false) if !t.trim().is_empty() => Some((PartKind::Title, t.as_str())),
        _ => None,
    };
    let kept = page.blocks.iter().filter_map(|b| {
        let kind = match b.kind {
            BlockKind::Title => PartKind::Title,
            BlockKind::Body => PartKind::Body,
            BlockKind::Caption => PartKind::Caption,
            BlockKind::PullQuote => PartKind::PullQuote,
            BlockKind::Bio => PartKind::Bio,
            BlockKind::Dropped(reason) => {
                dropped.push(Dropped { text: b.text.trim().to_string(), reason });
                return None;
            }
        };
        Some((kind, b.text.as_str()))
    });
    let all: Vec<(PartKind, &str)> = title_block.into_iter().chain(kept).collect();
    for (kind, block) in all {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(block);
        let end = text.len();
        let sentences =
            entente_text::sentences(block).into_iter().map(|(a, b)| Span::new(start + a, start + b)).collect();
        parts.push(Part { kind, start, end, sentences });
    }
    let title = page
        .title
        .clone()
        .or_else(|| parts.iter().find(|p| p.kind == PartKind::Title).map(|p| text[p.start..p.end].to_string()));
    Article {
        id: doc.id.clone(),
        url: doc.url.clone(),
        title,
        date: page.date,
        author: page.author,
        text,
        parts,
        dropped,
        warnings: page.warnings,
    }
}
