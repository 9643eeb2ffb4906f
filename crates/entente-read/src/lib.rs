//! Reads a page as scraped into an [`Article`].
//!
//! Takes a [`Document`] (text as scraped, or HTML) and gives the article inside it: the title,
//! the body paragraphs, photo captions, pull quotes and the author's bio, each marked with its
//! [`PartKind`]; the boilerplate lines it dropped, with why; the publication date with where it
//! came from; and every part split into sentences with byte offsets into [`Article::text`].
//!
//! The two front ends, [`text`] and [`html`], each turn their input into a [`Page`]: a list of
//! classified [`Block`]s plus metadata. [`assemble`] turns a page into the article (one text,
//! offsets, sentences), so both inputs end in the same shape.
//!
//! Everything here is pure: no I/O, no global state; the same document always gives the same
//! article. Reading never panics on text: bad input is a [`ReadError`] naming what is wrong.

pub mod assemble;
pub mod classify;
pub mod date;
pub mod html;
pub mod page;
mod quotes;
pub mod text;
pub mod warc;

pub use page::{Block, BlockKind, Page};

use entente_core::{Article, Content, DateSource, Document, PartKind, PubDate};

/// Limits on what the reader accepts.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest document, in bytes, that is read (default [`MAX_BYTES`], 10 MiB); a larger one
    /// is [`ReadError::TooLarge`].
    pub max_bytes: usize,
    /// HTML nesting past which a page is read by its tags alone, without its tree (default
    /// [`html::deep::MAX_DEPTH`], 1500); the article's warnings say so. The HTML5 tree builder
    /// takes quadratic time in the nesting, so a higher limit lets a hostile page take longer.
    pub max_depth: usize,
}

/// The default of [`ReadOptions::max_bytes`]: 10 MiB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_bytes: MAX_BYTES, max_depth: html::deep::MAX_DEPTH }
    }
}

/// Why a document could not be read into an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the document is empty")]
    Empty,
    #[error("the document looks binary, not text or HTML ({0} control bytes in its first 4 KB)")]
    Binary(usize),
    #[error("the document is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("no article text was found in the document")]
    NoText,
}

impl ReadError {
    /// Whether the document was read and simply holds nothing to extract (empty, or only
    /// boilerplate), as against one that could not be read: a corpus may hold such documents
    /// (a failed scrape), and a batch reports them without failing.
    pub fn is_nothing_to_read(&self) -> bool {
        matches!(self, ReadError::Empty | ReadError::NoText)
    }
}

/// The control bytes of `head` other than line breaks, tabs and form feeds (binary content
/// has many), eight bytes at a time past those with none.
fn control_bytes(head: &[u8]) -> usize {
    let is_control = |b: u8| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c));
    let mut chunks = head.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if entente_text::swar::has_less(w, 0x20) {
            n += chunk.iter().filter(|&&b| is_control(b)).count();
        }
    }
    n + chunks.remainder().iter().filter(|&&b| is_control(b)).count()
}

/// Reads a document into an article.
pub fn read(doc: &Document, opts: &ReadOptions) -> Result<Article, ReadError> {
    read_scored(doc, opts).map(|(article, _)| article)
}

/// Reads a document into an article, with how sure the reader is that the article's body is
/// the page's article, whole and alone: from 0 (a guess) to 1. Text as scraped is 1; for HTML, the
/// share of the page's prose the article holds, its length and its agreement with the page's
/// JSON-LD `articleBody` (docs/reader.md).
pub fn read_scored(doc: &Document, opts: &ReadOptions) -> Result<(Article, f32), ReadError> {
    let raw = doc.content.as_str();
    if raw.len() > opts.max_bytes {
        return Err(ReadError::TooLarge { size: raw.len(), limit: opts.max_bytes });
    }
    if raw.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let controls = control_bytes(&raw.as_bytes()[..raw.len().min(4096)]);
    if controls > 8 {
        return Err(ReadError::Binary(controls));
    }
    let normalized = entente_text::normalize(raw);
    let mut page = match &doc.content {
        Content::Text(_) => text::read_text(&normalized, doc.title.as_deref(), doc.date.is_none()),
        Content::Html(_) => html::read_html_within(&normalized, doc.url.as_deref(), opts.max_depth),
    };
    if let Some(title) = &doc.title {
        page.title = Some(entente_text::squash_spaces(&entente_text::normalize(title)));
    }
    if let Some(d) = &doc.date {
        page.date = Some(PubDate { value: d.clone(), source: DateSource::Input, inferred: false, evidence: None });
    }
    let confidence = page.body_confidence;
    let article = assemble::assemble(doc, page);
    if !article.parts.iter().any(|p| p.kind == PartKind::Body) {
        return Err(ReadError::NoText);
    }
    Ok((article, confidence))
}

/// A small generator of numbers (xorshift) for the tests' random cases: the same cases on
/// every run.
#[cfg(test)]
pub(crate) struct TestRng(pub u64);

#[cfg(test)]
impl TestRng {
    /// A number below `n` (at least 1).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_bytes_counts_as_a_byte_at_a_time_would() {
        let simple = |h: &[u8]| {
            h.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))).count()
        };
        let mut x: u64 = 3;
        for len in 0..200 {
            let head: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    [b'a', b' ', b'\n', b'\t', 0, 7, 0x0c, 0x1f, 0xe2, b'\r'][(x >> 40) as usize % 10]
                })
                .collect();
            assert_eq!(super::control_bytes(&head), simple(&head), "{head:?}");
        }
    }
}
