//! The store's subcommands: `ingest` and `reindex` fill it; `dyad`, `actor`, `timeline` and
//! `search` ask it; `export` writes it out for other tools. The store itself (`entente-store`)
//! answers with plain structs; this module owns the files, the terminal and the formats.

pub mod export;
pub mod ingest;
pub mod query;
mod table;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use entente_store::{Connector, Period, PeriodError, Store};

/// Where the store is: shared by every subcommand that uses it.
#[derive(clap::Args, Clone, Debug)]
pub struct DbArgs {
    /// The store file (`ingest` creates it on first use): an SQLite file.
    #[arg(long, env = "ENTENTE_DB", default_value = "entente.db", value_name = "FILE")]
    pub db: PathBuf,
    /// How long to wait for another process's lock on the store before giving up.
    #[arg(long, default_value = "30", value_name = "SECONDS", value_parser = crate::parse_seconds)]
    pub lock_timeout: Duration,
}

impl DbArgs {
    /// The store `--db` names, reached through its backend ([`connector`]).
    pub fn connector(&self) -> Result<Arc<dyn Connector>> {
        connector(&self.db)
    }

    /// Opens the store, creating it if missing, migrating it if it is older.
    pub fn open(&self) -> Result<Store> {
        Ok(self.connector()?.open(true, self.lock_timeout)?)
    }

    /// Opens an existing store for questions (migrating it if it is older).
    pub fn open_existing(&self) -> Result<Store> {
        Ok(self.connector()?.open(false, self.lock_timeout)?)
    }

    /// Opens an existing store only to read it: [`Self::open_existing`], or read-only where the
    /// file cannot be written (read-only media).
    pub fn open_for_reading(&self) -> Result<Store> {
        Ok(self.connector()?.open_for_reading(self.lock_timeout)?)
    }
}

/// The backend of the store `db` names: this is where the binary picks it. A `postgres://` or
/// `postgresql://` address names a PostgreSQL server, which this build has no backend for (it
/// is refused rather than taken for a file name); anything else is an SQLite file.
pub fn connector(db: &Path) -> Result<Arc<dyn Connector>> {
    let text = db.to_string_lossy();
    if ["postgres://", "postgresql://"].iter().any(|scheme| text.starts_with(scheme)) {
        anyhow::bail!("{text}: a PostgreSQL store, and this entente has no PostgreSQL backend; give an SQLite file");
    }
    Ok(Arc::new(entente_sqlite::Sqlite::new(db)))
}

/// A time window for the questions.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct PeriodArgs {
    /// Only relations dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only relations dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

impl PeriodArgs {
    pub fn period(&self) -> Result<Period> {
        Period::new(self.since.as_deref(), self.until.as_deref()).map_err(|e| match e {
            PeriodError::NotADate { bound, value } => {
                anyhow::anyhow!("--{bound} {value:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")
            }
            PeriodError::Reversed { since, until } => anyhow::anyhow!("--since {since} is after --until {until}"),
        })
    }
}

/// How a question's answer is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_an_sqlite_store_and_a_postgres_address_is_refused_by_name() {
        let file = connector(Path::new("corpus/entente.db")).unwrap();
        assert_eq!(file.path(), Path::new("corpus/entente.db"));
        for address in ["postgres://localhost/entente", "postgresql://user@db.example/news"] {
            let e = connector(Path::new(address)).unwrap_err().to_string();
            assert!(e.starts_with(address) && e.contains("no PostgreSQL backend"), "{e}");
        }
    }
}
