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
    /// The store: an SQLite file (`ingest` creates it on first use), or a PostgreSQL database
    /// (`postgres://user@host:port/database`; `ingest` creates the tables in it).
    #[arg(long, env = "ENTENTE_DB", hide_env_values = true, default_value = "entente.db", value_name = "FILE|URL")]
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
/// `postgresql://` address names a store on a PostgreSQL server; anything else is an SQLite file.
pub fn connector(db: &Path) -> Result<Arc<dyn Connector>> {
    let text = db.to_string_lossy();
    if entente_postgres::is_address(&text) {
        return Ok(Arc::new(entente_postgres::PgConnector::new(&text)?));
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
    fn a_file_is_an_sqlite_store_and_a_postgres_address_a_postgres_store_named_without_its_password() {
        let file = connector(Path::new("corpus/entente.db")).unwrap();
        assert_eq!(file.path(), Path::new("corpus/entente.db"));
        assert_eq!(format!("{file:?}"), r#"Sqlite { path: "corpus/entente.db" }"#);
        let cases = [
            ("postgres://localhost/entente", "postgres://localhost/entente"),
            ("postgresql://user:s3cret@db.example:5433/news", "postgresql://user@db.example:5433/news"),
            ("postgres://u@h/news?password=s3cret&sslmode=disable", "postgres://u@h/news?sslmode=disable"),
        ];
        for (address, shown) in cases {
            let store = connector(Path::new(address)).unwrap();
            assert_eq!(store.path(), Path::new(shown));
            assert!(format!("{store:?}").starts_with("PgConnector("), "{store:?}");
            assert!(!format!("{store:?}").contains("s3cret"), "{store:?}");
        }
        // Nothing listens on port 1: the message names the address, without the password.
        let e = connector(Path::new("postgres://who:s3cret@127.0.0.1:1/none"))
            .unwrap()
            .open(true, std::time::Duration::from_secs(1))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("postgres://who@127.0.0.1:1/none: cannot open the database: cannot connect"), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
    }
}
