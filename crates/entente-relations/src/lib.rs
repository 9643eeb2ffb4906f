//! Relations: from sentences and actor mentions to typed, quantified, dated ties.
//!
//! Takes an [`Article`] and the actor [`Mention`]s found in it; gives every [`Relation`] that a
//! body or caption sentence states between two actors. One pass over each sentence's tokens
//! finds the cues of the lexicons ([`Lexicon`]: triggers, sector words, modality cues) and the
//! amounts and times; then each trigger takes its actors from the sentence's structure (see
//! [`extract`] for the rules), its sector from the words nearest to it, its modality from the
//! cues before it.
//!
//! Precision comes first: a trigger with no actor on one side yields nothing, and a sentence that
//! names two actors without a trigger between them yields nothing.

pub mod cameo;
pub mod coding;
mod extract;
pub mod lexicon;
pub mod parsed;
pub mod quantity;
pub mod time;
pub mod tokens;

pub use extract::{extract, extract_with, Limits, MAX_SENTENCE_BYTES, MAX_SENTENCE_MENTIONS};
pub use lexicon::Lexicon;

/// Why a lexicon file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("lexicon file {file}, line {line}: {message}")]
    Format { file: &'static str, line: usize, message: String },
}
