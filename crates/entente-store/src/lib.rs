//! The knowledge store: every ingested document with its original input, the relations the
//! extractor found in it, and the questions asked across a corpus (a pair's partnership
//! profile, an actor's partners and rivals, a pair's timeline, full-text search over evidence)
//! and the exports for other tools (relations, the actor graph, dyad-years).
//!
//! One SQLite file, opened by [`Store::open`] (created and migrated as needed; see [`schema`]).
//! The store knows nothing of input files, the command line or output formats: it takes
//! [`Document`]s with their [`Relation`]s and answers with plain serialisable structs, which
//! the binary prints.
//!
//! Durability: the file is in WAL mode and every [`Store::ingest_batch`] is one transaction, so
//! a process killed mid-ingest leaves every batch committed before it and nothing of the one
//! it was writing. Ingest is idempotent: a document whose hash ([`document_hash`]) is already
//! stored is left alone; a changed one has its relations replaced.
//!
//! Every value from outside is bound as an SQL parameter; no SQL is built from user text.

#[macro_use]
mod query;
mod export;
mod ingest;
mod listing;
pub mod schema;
mod vocabulary;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use entente_core::{Content, Document, Relation};
pub use export::{DyadYear, ExportRow, Graph, GraphEdge, GraphNode, LinkCount};
pub use ingest::{document_hash, BatchOutcome, IngestItem, NewDocument};
pub use listing::{
    ActorRef, ActorRow, DocumentRow, EvidenceRow, Listing, MapEdge, MapGraph, MapNode, Page, QuantityRow,
    RelationFilter, RelationRow, Segment, SentenceRelation, SentenceRow, TimeRow,
};
pub use query::{
    fts_quote, ActorName, ActorProfile, Amount, Count, DyadProfile, EvidenceItem, PartnerTie, Period, PeriodError,
    SearchHit, SearchQuery, SearchRelation, Tie, TieCount, Timeline, TimelineRow,
};
pub use schema::{RELATIONS_NEWEST_FIRST, SCHEMA_VERSION};

/// What went wrong with a store, always naming its file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: no store here (run `entente ingest` first, or give --db)")]
    Missing { path: PathBuf },
    #[error("{path}: cannot open the database: {detail}")]
    CannotOpen { path: PathBuf, detail: String },
    #[error("{path}: the database is locked by another process (gave up waiting for it)")]
    Locked { path: PathBuf },
    #[error("{path}: the database is read-only here, and this needs to write to it ({detail})")]
    ReadOnly { path: PathBuf, detail: String },
    #[error("{path}: the disk is full; free some space and run again (the unfinished batch was not written)")]
    DiskFull { path: PathBuf },
    #[error("{path}: not an SQLite database (or it is encrypted)")]
    NotADatabase { path: PathBuf },
    #[error("{path}: the database is corrupt: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path}: an SQLite database, but not an entente store (application_id {found:#x}, schema version {version})"
    )]
    Foreign { path: PathBuf, found: i32, version: i32 },
    #[error("{path}: schema version {found} is newer than this entente supports ({supported}); use a newer entente")]
    NewerSchema { path: PathBuf, found: i32, supported: i32 },
    #[error("{path}: search query {query:?} is not valid full-text syntax: {detail}")]
    BadQuery { path: PathBuf, query: String, detail: String },
    #[error("{path}: a stored row is not valid: {detail}")]
    Invalid { path: PathBuf, detail: String },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a connection waits for another process's lock before giving up, by default
/// ([`Store::open_waiting`] and [`Store::set_busy_timeout`] change it).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

impl StoreError {
    pub(crate) fn from_sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        let detail = e.to_string();
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path, detail },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path, detail },
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StoreError::CannotOpen { path, detail },
            _ => StoreError::Sqlite { path, source: e },
        }
    }
}

/// A store that cannot be opened because its file or folder cannot be written (a read-only file
/// system, a file without write permission) says so, not only "unable to open".
fn read_only(path: &Path, e: StoreError) -> StoreError {
    if !matches!(e, StoreError::CannotOpen { .. }) || !path.exists() {
        return e;
    }
    match std::fs::OpenOptions::new().append(true).open(path) {
        Err(io)
            if matches!(io.kind(), std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied) =>
        {
            StoreError::ReadOnly { path: path.to_path_buf(), detail: io.to_string() }
        }
        _ => e,
    }
}

/// A read-only SQLite connection to the store file, which works on read-only media too.
///
/// A store in WAL mode is read through its `-shm` file, which SQLite creates on first read; on
/// a read-only medium it cannot, and a plain read-only connection fails. Then, if no
/// write-ahead log with content lies beside the file (the last writer closed cleanly), the
/// file holds every committed change and is opened `immutable=1`: SQLite reads it without
/// locks or `-shm`. With a non-empty log that cannot be read the error says so.
pub fn read_only_connection(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).at(path)?;
    // The first read opens the log: this is where a read-only medium fails.
    let first = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i32>(0)).at(path);
    let Err(e) = first else {
        return Ok(conn);
    };
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            detail: format!(
                "its write-ahead log {} holds changes that cannot be read without writing ({e}); \
                 copy the store and its -wal file to a writable place",
                wal.display()
            ),
        });
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI).at(path)?;
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i32>(0)).at(path)?;
    Ok(conn)
}

/// A path as the path of a `file:` URI: every byte but unreserved ones and `/` percent-encoded.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in absolute.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Attaches the store's path to SQLite errors.
pub(crate) trait At<T> {
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> At<T> for rusqlite::Result<T> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|e| StoreError::from_sqlite(path, e))
    }
}

/// An open store: one SQLite connection. Not `Sync`; open one per thread (readers and one
/// writer may work at the same time).
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// How many documents, relations... a store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub schema_version: i32,
    pub documents: u64,
    pub relations: u64,
    pub sentences: u64,
    pub actors: u64,
    /// Documents per extractor version that produced their relations.
    pub extractor_versions: Vec<(String, u64)>,
}

impl Store {
    /// Opens the store at `path`, creating it if missing, and migrates it to [`SCHEMA_VERSION`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_with(path.as_ref(), true, BUSY_TIMEOUT)
    }

    /// Opens an existing store (an error if there is none), migrating it if it is older.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_with(path.as_ref(), false, BUSY_TIMEOUT)
    }

    /// [`Store::open`] (`create`) or [`Store::open_existing`], waiting at most `wait` for
    /// another process's lock, while opening (a migration) and after, instead of
    /// [`BUSY_TIMEOUT`]; past it, [`StoreError::Locked`].
    pub fn open_waiting(path: impl AsRef<Path>, create: bool, wait: Duration) -> Result<Store> {
        Self::open_with(path.as_ref(), create, wait)
    }

    /// Opens an existing store to read it only (the questions, export, the server's readers):
    /// as [`Store::open_existing`] when the file can be written, else read-only, which also
    /// works on read-only media (a read-only mount, a CD, a snapshot) where opening for writing
    /// fails with [`StoreError::ReadOnly`]. A read-only store must be at [`SCHEMA_VERSION`]
    /// (migrating would write); writing through it fails with `ReadOnly`.
    pub fn open_for_reading(path: impl AsRef<Path>, wait: Duration) -> Result<Store> {
        let path = path.as_ref();
        match Self::open_with(path, false, wait) {
            Err(StoreError::ReadOnly { .. }) => {}
            other => return other,
        }
        let store = Store { conn: read_only_connection(path)?, path: path.to_path_buf() };
        store.conn.busy_timeout(wait).at(path)?;
        let (app_id, version) = store.identity()?;
        store.check_identity(app_id, version)?;
        if version != SCHEMA_VERSION {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                detail: format!("it is at schema version {version}, and moving it to {SCHEMA_VERSION} writes to it"),
            });
        }
        store.conn.execute_batch("PRAGMA cache_size = -65536;").at(path)?;
        Ok(store)
    }

    /// A store in memory, for tests and one-off use.
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().at(&path)?;
        let mut store = Store { conn, path };
        store.prepare(BUSY_TIMEOUT)?;
        Ok(store)
    }

    fn open_with(path: &Path, create: bool, wait: Duration) -> Result<Store> {
        let exists = path.exists();
        if !create && !exists {
            return Err(StoreError::Missing { path: path.to_path_buf() });
        }
        if exists && path.is_dir() {
            return Err(StoreError::CannotOpen { path: path.to_path_buf(), detail: "it is a directory".into() });
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).at(path).map_err(|e| read_only(path, e))?;
        let mut store = Store { conn, path: path.to_path_buf() };
        store.prepare(wait).map_err(|e| read_only(path, e))?;
        Ok(store)
    }

    /// Settings, identity check and migrations.
    fn prepare(&mut self, wait: Duration) -> Result<()> {
        let path = self.path.clone();
        self.conn.busy_timeout(wait).at(&path)?;
        // The first read of the file: a foreign or broken file fails here.
        let (app_id, version) = self.identity()?;
        self.check_identity(app_id, version)?;
        if path.as_os_str() != ":memory:" {
            let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).at(&path)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::CannotOpen {
                    path,
                    detail: format!("cannot use write-ahead logging (journal mode stays {mode})"),
                });
            }
        }
        self.conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384;").at(&path)?;
        self.migrate()
    }

    fn identity(&self) -> Result<(i32, i32)> {
        let app_id: i32 = self.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).at(&self.path)?;
        let version: i32 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).at(&self.path)?;
        Ok((app_id, version))
    }

    fn check_identity(&self, app_id: i32, version: i32) -> Result<()> {
        if app_id == schema::APPLICATION_ID {
            if version > SCHEMA_VERSION {
                return Err(StoreError::NewerSchema {
                    path: self.path.clone(),
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            return Ok(());
        }
        // Not ours: only an empty file may become a store.
        let tables: i64 = self.conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).at(&self.path)?;
        if app_id == 0 && version == 0 && tables == 0 {
            return Ok(());
        }
        Err(StoreError::Foreign { path: self.path.clone(), found: app_id, version })
    }

    /// Runs the migration steps the database lacks, each in its own transaction.
    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        loop {
            // No write lock when there is nothing to do, so readers open beside a writer.
            if self.identity()?.1 == SCHEMA_VERSION {
                return Ok(());
            }
            let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).at(&path)?;
            // Read again under the write lock: another process may have migrated meanwhile.
            let version: i32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).at(&path)?;
            if version >= SCHEMA_VERSION {
                if version > SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema { path, found: version, supported: SCHEMA_VERSION });
                }
                return Ok(());
            }
            tx.execute_batch(schema::MIGRATIONS[version as usize]).at(&path)?;
            // PRAGMA arguments cannot be bound; these are constants of this crate.
            tx.execute_batch(&format!(
                "PRAGMA user_version = {}; PRAGMA application_id = {};",
                version + 1,
                schema::APPLICATION_ID
            ))
            .at(&path)?;
            tx.commit().at(&path)?;
        }
    }

    /// How long to wait for another process's lock before failing with
    /// [`StoreError::Locked`] (default [`BUSY_TIMEOUT`], 30 s).
    pub fn set_busy_timeout(&self, wait: Duration) -> Result<()> {
        self.conn.busy_timeout(wait).at(&self.path)
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database (after migration, [`SCHEMA_VERSION`]).
    pub fn schema_version(&self) -> Result<i32> {
        Ok(self.identity()?.1)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`: empty when all is well, else the
    /// problems SQLite reports.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").at(&self.path)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).at(&self.path)?;
        for row in rows {
            let row = row.at(&self.path)?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check").at(&self.path)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "foreign key: table {} row {:?} refers to a missing row of {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?
                ))
            })
            .at(&self.path)?;
        for row in rows {
            problems.push(row.at(&self.path)?);
        }
        Ok(problems)
    }

    /// How much the store holds.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            self.conn.query_row(sql, [], |r| r.get::<_, i64>(0)).at(&self.path).map(|n| n as u64)
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT extractor_version, count(*) FROM documents
                 GROUP BY extractor_version ORDER BY extractor_version",
            )
            .at(&self.path)?;
        let versions = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
            .at(&self.path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .at(&self.path)?;
        Ok(Stats {
            schema_version: self.schema_version()?,
            documents: count("SELECT count(*) FROM documents")?,
            relations: count("SELECT count(*) FROM relations")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            actors: count("SELECT count(*) FROM actors")?,
            extractor_versions: versions,
        })
    }

    pub(crate) fn invalid(&self, detail: impl Into<String>) -> StoreError {
        StoreError::Invalid { path: self.path.clone(), detail: detail.into() }
    }
}

#[cfg(test)]
mod tests;
