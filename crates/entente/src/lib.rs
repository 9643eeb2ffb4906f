//! entente's pipeline as one library: a [`Document`] as scraped → an [`Article`] → actor
//! [`Mention`]s → [`Relation`]s, each with the sentence that states it.
//!
//! ```
//! use entente::{Extractor, Document, Content};
//! let extractor = Extractor::new().unwrap();
//! let doc = Document {
//!     id: "example".into(), url: None, date: Some("2016-12-20".into()), title: None,
//!     content: Content::Text("Israel agreed to sell Azerbaijan $5 billion worth of arms.".into()),
//! };
//! let out = extractor.extract(&doc).unwrap();
//! assert_eq!(out.article.parts.len(), 1);
//! ```
//!
//! Pure and deterministic: no I/O, no clock. The binary owns files, the store and the server;
//! this crate only computes. [`pipeline`] runs the extractor over many documents on threads, in
//! input order (its one piece of global state: a panic hook that keeps a document's panic quiet).

pub mod input;
pub mod pipeline;

pub use entente_actors::{find_mentions, Gazetteer, GazetteerError};
pub use entente_core::*;
pub use entente_read::{ReadError, ReadOptions};
pub use entente_relations::{
    Lexicon, LexiconError, Limits as RelationLimits, MAX_SENTENCE_BYTES, MAX_SENTENCE_MENTIONS,
};

/// The version of the extractor, stored with every relation so a store knows what to redo.
pub const EXTRACTOR_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+parse.23");

/// Why the extractor could not start.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// What the pipeline found in one document.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub article: Article,
    /// How sure the reader is that the article's body is the page's article (0 to 1; see
    /// [`Extractor::read_scored`]).
    pub body_confidence: f32,
    pub mentions: Vec<Mention>,
    pub relations: Vec<Relation>,
}

/// The code of the gazetteer's actor with this code or name (any case, spaces around ignored):
/// how the CLI and the server resolve an actor that the store has not seen.
pub fn gazetteer_code(gazetteer: &Gazetteer, text: &str) -> Option<String> {
    let t = text.trim();
    gazetteer
        .actors()
        .find(|a| a.code.eq_ignore_ascii_case(t) || a.name.eq_ignore_ascii_case(t))
        .map(|a| a.code.to_string())
}

/// The loaded gazetteer and lexicon, and the reader's limits: build once, use for every
/// document (it is `Sync`, so threads can share it).
#[derive(Debug)]
pub struct Extractor {
    pub gazetteer: Gazetteer,
    pub lexicon: Lexicon,
    pub read_options: ReadOptions,
    /// Which sentences are read for relations (length and mentions; see [`RelationLimits`]).
    pub relation_limits: RelationLimits,
    /// PETRARCH2's CAMEO verb dictionary, converted (`data/lexicon/cameo_*.tsv`): built on
    /// first use ([`Extractor::cameo`]), as only `code_on_parse` needs it and only a sentence
    /// with two actors is coded.
    cameo: std::sync::OnceLock<entente_relations::cameo::Cameo>,
    /// Code relations on the dependency parse of each sentence with two actors
    /// (`entente_relations::parsed`). On by default; off (`extract --pairing`), the surface
    /// pairing rules alone, which are about ten times faster and find less on unseen text
    /// (README, "Relations on the parse").
    pub code_on_parse: bool,
    /// With `code_on_parse`, add the surface pairing rules' relations that the parse did not
    /// give in the same sentence (`entente_relations::parsed::with_pairing`). On by default;
    /// off (`extract --parse-alone`), the parse alone.
    pub with_pairing: bool,
}

impl Extractor {
    /// Loads the built-in gazetteer and lexicon.
    pub fn new() -> Result<Self, SetupError> {
        Ok(Extractor {
            gazetteer: Gazetteer::builtin()?,
            lexicon: Lexicon::builtin()?,
            read_options: ReadOptions::default(),
            relation_limits: RelationLimits::default(),
            cameo: std::sync::OnceLock::new(),
            code_on_parse: true,
            with_pairing: true,
        })
    }

    /// The CAMEO dictionary, built on first use (a sixth of start-up's instructions when built
    /// eagerly). The dictionary is compiled in and tested to parse; should it not, an empty
    /// one, as the parser's model does.
    pub fn cameo(&self) -> &entente_relations::cameo::Cameo {
        self.cameo.get_or_init(|| entente_relations::cameo::Cameo::builtin().unwrap_or_default())
    }

    /// Reads a document into an article.
    pub fn read(&self, doc: &Document) -> Result<Article, ReadError> {
        entente_read::read(doc, &self.read_options)
    }

    /// Reads a document into an article, with how sure the reader is that the article's body
    /// is the page's article, whole and alone (0 to 1; text as scraped is 1).
    pub fn read_scored(&self, doc: &Document) -> Result<(Article, f32), ReadError> {
        entente_read::read_scored(doc, &self.read_options)
    }

    /// Reads a document and extracts its actors and relations.
    pub fn extract(&self, doc: &Document) -> Result<Extraction, ReadError> {
        let (mut article, body_confidence) = self.read_scored(doc)?;
        let mentions = find_mentions(&self.gazetteer, &article);
        let relations = if self.code_on_parse {
            let model = entente_syntax::Model::shipped();
            let parse =
                |text: &str, offset: usize, names: &[(usize, usize)]| model.parse_text_names(text, offset, names);
            let (lexicon, cameo, limits) = (&self.lexicon, self.cameo(), &self.relation_limits);
            let parsed = entente_relations::parsed::extract_parsed(&article, &mentions, lexicon, cameo, limits, &parse);
            if self.with_pairing {
                let paired = entente_relations::extract_with(&article, &mentions, lexicon, limits);
                entente_relations::parsed::with_pairing(parsed, paired)
            } else {
                parsed
            }
        } else {
            entente_relations::extract_with(&article, &mentions, &self.lexicon, &self.relation_limits)
        };
        let over = self.relation_limits.passed_over(&article, &mentions);
        if over > 0 {
            let l = &self.relation_limits;
            article.warnings.push(format!(
                "{over} sentence(s) over {} bytes or {} actor mentions were not read for relations",
                l.max_sentence_bytes, l.max_sentence_mentions
            ));
        }
        Ok(Extraction { article, body_confidence, mentions, relations })
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences; returns the text and how many were
/// replaced (for a warning).
pub fn decode_text(bytes: &[u8]) -> (String, usize) {
    entente_text::decode(bytes)
}
