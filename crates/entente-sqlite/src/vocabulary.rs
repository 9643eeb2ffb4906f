//! The closed vocabularies of the spec (sector, event type, polarity, modality, part, actor
//! kind) as SQL values: stored as their text, read back through their one parser, so that a
//! row that holds anything else is an error naming the column's vocabulary, not a string
//! passed on.

use entente_core::{ActorKind, EventType, Modality, PartKind, Polarity, Sector};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// A closed vocabulary: its name, its one parser and its text.
pub trait Vocabulary: Sized + Copy {
    const NAME: &'static str;
    fn parse_text(s: &str) -> Option<Self>;
    fn text(self) -> &'static str;
}

macro_rules! vocabulary {
    ($($t:ty => $name:literal),* $(,)?) => {$(
        impl Vocabulary for $t {
            const NAME: &'static str = $name;
            fn parse_text(s: &str) -> Option<Self> {
                <$t>::parse(s)
            }
            fn text(self) -> &'static str {
                self.as_str()
            }
        }
    )*};
}

vocabulary!(
    Sector => "sector", EventType => "event type", Polarity => "polarity", Modality => "modality",
    PartKind => "part", ActorKind => "actor kind",
);

/// A vocabulary value as an SQL column or parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sql<T>(pub T);

impl<T: Vocabulary> FromSql for Sql<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        T::parse_text(s).map(Sql).ok_or_else(|| FromSqlError::Other(format!("not a {}: {s:?}", T::NAME).into()))
    }
}

impl<T: Vocabulary> ToSql for Sql<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.text()))
    }
}

/// Column `i` of `r` read as a vocabulary value.
pub(crate) fn get<T: Vocabulary>(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<T> {
    Ok(r.get::<_, Sql<T>>(i)?.0)
}

/// Column `i` of `r` read as a vocabulary value, or NULL.
pub(crate) fn get_opt<T: Vocabulary>(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<T>> {
    Ok(r.get::<_, Option<Sql<T>>>(i)?.map(|v| v.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vocabulary_goes_through_sql_and_back_and_a_stranger_is_refused() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let back: Sql<Sector> = conn.query_row("SELECT ?1", [Sql(Sector::Arms)], |r| r.get(0)).unwrap();
        assert_eq!(back, Sql(Sector::Arms));
        let text: String = conn.query_row("SELECT ?1", [Sql(PartKind::PullQuote)], |r| r.get(0)).unwrap();
        assert_eq!(text, "pull_quote");
        let kind: Option<Sql<ActorKind>> = conn.query_row("SELECT NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(kind, None);
        let err = conn.query_row("SELECT 'friendly'", [], |r| r.get::<_, Sql<Polarity>>(0)).unwrap_err();
        assert!(err.to_string().contains("not a polarity: \"friendly\""), "{err}");
    }
}
