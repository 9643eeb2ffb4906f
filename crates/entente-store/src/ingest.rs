//! What is written: documents with what the extractor made of them, what a batch did, and the
//! content hash that makes ingest idempotent.

use entente_core::{Article, Content, Document, Relation};

/// One document to store, with what the extractor made of it.
#[derive(Debug, Clone, Copy)]
pub struct IngestItem<'a> {
    pub document: &'a Document,
    /// The article's publication date as the reader settled it (given or inferred): the date
    /// of relations that carry none of their own.
    pub article_date: Option<&'a str>,
    /// The article's title as the reader found it (given, or the page's headline).
    pub article_title: Option<&'a str>,
    pub relations: &'a [Relation],
}

/// A document with what the extractor made of it, owned: what `entente ingest`, `reindex`
/// and the server's ingest hand to the store ([`NewDocument::item`] to write it).
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub document: Document,
    /// The article's publication date as the reader settled it.
    pub article_date: Option<String>,
    /// The article's title as the reader found it.
    pub article_title: Option<String>,
    pub relations: Vec<Relation>,
}

impl NewDocument {
    /// The document, the article the reader made of it, and the relations extracted from it.
    pub fn new(document: Document, article: &Article, relations: Vec<Relation>) -> NewDocument {
        NewDocument {
            document,
            article_date: article.date.as_ref().map(|d| d.value.clone()),
            article_title: article.title.clone(),
            relations,
        }
    }

    /// The document to write, borrowed.
    pub fn item(&self) -> IngestItem<'_> {
        IngestItem {
            document: &self.document,
            article_date: self.article_date.as_deref(),
            article_title: self.article_title.as_deref(),
            relations: &self.relations,
        }
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct BatchOutcome {
    /// Documents new to the store.
    pub added: usize,
    /// Documents stored before with other content (or re-extracted), whose relations were replaced.
    pub replaced: usize,
    /// Documents already stored with the same content, left alone.
    pub unchanged: usize,
    /// Relations written.
    pub relations: usize,
}

impl std::ops::AddAssign for BatchOutcome {
    fn add_assign(&mut self, o: BatchOutcome) {
        self.added += o.added;
        self.replaced += o.replaced;
        self.unchanged += o.unchanged;
        self.relations += o.relations;
    }
}

/// The content hash of a document: its id, content (kind and text) and the metadata that can
/// change what is extracted (URL, date, title). 128-bit FNV-1a over length-prefixed fields,
/// as 32 hex digits; stable across builds and platforms.
pub fn document_hash(doc: &Document) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            h ^= b as u128;
            h = h.wrapping_mul(PRIME);
        }
    };
    let (kind, text) = match &doc.content {
        Content::Text(t) => ("text", t),
        Content::Html(h) => ("html", h),
    };
    eat(doc.id.as_bytes());
    eat(kind.as_bytes());
    eat(text.as_bytes());
    for field in [&doc.url, &doc.date, &doc.title] {
        match field {
            Some(v) => eat(v.as_bytes()),
            None => eat(b"\xff"),
        }
    }
    format!("{h:032x}")
}
