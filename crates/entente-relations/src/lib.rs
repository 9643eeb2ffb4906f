//! Relations: from sentences and actor mentions to typed, quantified, dated ties.
//! (First slice: nothing yet.)

use entente_core::{Article, Mention, Relation};

/// Why the built-in lexicon could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("lexicon file {file}, line {line}: {message}")]
    Format {
        file: &'static str,
        line: usize,
        message: String,
    },
}

/// The cue words: sector vocabulary, triggers with their PLOVER type, modality cues.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// Loads the lexicon compiled into the binary from `data/lexicon/`.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Ok(Lexicon {})
    }
}

/// Every relation the article's sentences state between the mentioned actors.
pub fn extract(_article: &Article, _mentions: &[Mention], _lexicon: &Lexicon) -> Vec<Relation> {
    Vec::new()
}
