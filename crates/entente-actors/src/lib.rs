//! Actors: the world gazetteer and the matcher that resolves every mention in an article.
//! (First slice: an empty gazetteer; the full one replaces this.)

use entente_core::{Article, Mention};

/// Why the built-in gazetteer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer file {file}, line {line}: {message}")]
    Format {
        file: &'static str,
        line: usize,
        message: String,
    },
}

/// The gazetteer: every actor, its names, capitals, office holders and members.
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// Loads the gazetteer compiled into the binary from `data/gazetteer/`.
    pub fn builtin() -> Result<Gazetteer, GazetteerError> {
        Ok(Gazetteer {})
    }
}

/// Finds and resolves every actor mention in the article, in text order.
pub fn find_mentions(_gazetteer: &Gazetteer, _article: &Article) -> Vec<Mention> {
    Vec::new()
}
