//! The closed vocabularies of the spec (sector, event type, polarity, modality, part, actor
//! kind) as SQL values: stored as their text, read back through their one parser, so that a
//! row that holds anything else is an error naming the column's vocabulary.

use std::path::Path;

use entente_core::{ActorKind, EventType, Modality, PartKind, Polarity, Sector};
use entente_store::StoreError;

/// A closed vocabulary: its name and its one parser.
pub trait Vocabulary: Sized + Copy {
    const NAME: &'static str;
    fn parse_text(s: &str) -> Option<Self>;
}

macro_rules! vocabulary {
    ($($t:ty => $name:literal),* $(,)?) => {$(
        impl Vocabulary for $t {
            const NAME: &'static str = $name;
            fn parse_text(s: &str) -> Option<Self> {
                <$t>::parse(s)
            }
        }
    )*};
}

vocabulary!(
    Sector => "sector", EventType => "event type", Polarity => "polarity", Modality => "modality",
    PartKind => "part", ActorKind => "actor kind",
);

/// Column `i` of `r` read as a vocabulary value.
pub(crate) fn get<T: Vocabulary>(r: &postgres::Row, i: usize, p: &Path) -> Result<T, StoreError> {
    let s: &str = r.get(i);
    parse(s, p)
}

/// Column `i` of `r` read as a vocabulary value, or NULL.
pub(crate) fn get_opt<T: Vocabulary>(r: &postgres::Row, i: usize, p: &Path) -> Result<Option<T>, StoreError> {
    let s: Option<&str> = r.get(i);
    s.map(|s| parse(s, p)).transpose()
}

fn parse<T: Vocabulary>(s: &str, p: &Path) -> Result<T, StoreError> {
    T::parse_text(s)
        .ok_or_else(|| StoreError::Invalid { path: p.to_path_buf(), detail: format!("not a {}: {s:?}", T::NAME) })
}
