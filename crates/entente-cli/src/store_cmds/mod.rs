//! The store's subcommands: `ingest` and `reindex` fill it; `dyad`, `actor`, `timeline` and
//! `search` ask it; `export` writes it out for other tools. The store itself (`entente-store`)
//! answers with plain structs; this module owns the files, the terminal and the formats.

pub mod export;
pub mod ingest;
pub mod query;
mod table;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use entente_store::{Period, PeriodError, Store};

/// Where the store is: shared by every subcommand that uses it.
#[derive(clap::Args, Clone, Debug)]
pub struct DbArgs {
    /// The store file (`ingest` creates it on first use).
    #[arg(long, env = "ENTENTE_DB", default_value = "entente.db", value_name = "FILE")]
    pub db: PathBuf,
    /// How long to wait for another process's lock on the store before giving up.
    #[arg(long, default_value = "30", value_name = "SECONDS", value_parser = crate::parse_seconds)]
    pub lock_timeout: Duration,
}

impl DbArgs {
    /// Opens the store, creating it if missing, migrating it if it is older.
    pub fn open(&self) -> Result<Store> {
        Ok(Store::open_waiting(&self.db, true, self.lock_timeout)?)
    }

    /// Opens an existing store for questions (migrating it if it is older).
    pub fn open_existing(&self) -> Result<Store> {
        Ok(Store::open_waiting(&self.db, false, self.lock_timeout)?)
    }

    /// Opens an existing store only to read it: [`Self::open_existing`], or read-only where the
    /// file cannot be written (read-only media).
    pub fn open_for_reading(&self) -> Result<Store> {
        Ok(Store::open_for_reading(&self.db, self.lock_timeout)?)
    }
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
