//! Actors: the world gazetteer and the matcher that resolves every mention in an article.
//! (First slice: an empty gazetteer; the full one replaces this.)

use entente_core::{ActorKind, Article, Mention};

/// An actor of the gazetteer: the unit the map is built on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorInfo {
    /// ISO3 for states, ISO 3166-3 for former states, a short name for organisations and groups.
    pub code: String,
    pub kind: ActorKind,
    /// Canonical name ("Israel", "European Union").
    pub name: String,
    /// Correlates of War state code, for states that have one.
    pub ccode: Option<u32>,
}

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

    /// The actor with this code.
    pub fn actor(&self, _code: &str) -> Option<&ActorInfo> {
        None
    }

    /// Every actor, ordered by code.
    pub fn actors(&self) -> impl Iterator<Item = &ActorInfo> {
        std::iter::empty()
    }
}

/// Finds and resolves every actor mention in the article, in text order.
pub fn find_mentions(_gazetteer: &Gazetteer, _article: &Article) -> Vec<Mention> {
    Vec::new()
}
