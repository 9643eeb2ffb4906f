//! The SQLite backend of the knowledge store: one file, opened through [`Sqlite`] (the
//! [`Connector`] the binary makes from `--db FILE`), created and migrated as needed (see
//! [`schema`]), and [`SqliteStore`], which answers every method of entente-store's [`Backend`]
//! in SQL. This is the only crate of the product that links SQLite.
//!
//! Durability: the file is in WAL mode and every [`Backend::ingest_batch`] is one transaction,
//! so a process killed mid-ingest leaves every batch committed before it and nothing of the one
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

use entente_core::{ActorKind, Document};
use entente_store::{
    ActorName, ActorProfile, ActorRow, BatchOutcome, DocumentRow, DyadProfile, DyadYear, ExportRow, GraphEdge,
    GraphNode, IngestItem, Listing, Page, Period, RelationFilter, RelationRow, SearchHit, SearchQuery, SentenceRow,
    Stats, Timeline,
};
use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use entente_store::{document_hash, Backend, Connector, Store, StoreError, BUSY_TIMEOUT, SCHEMA_VERSION};
pub use query::fts_quote;
pub use schema::RELATIONS_NEWEST_FIRST;

type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An SQLite error as a [`StoreError`] naming the store's file: the kinds a person acts on
/// (locked, read-only, disk full, not a database, corrupt) by name, any other as it is.
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
        _ => StoreError::Backend { path, source: Box::new(e) },
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
        self.map_err(|e| from_sqlite(path, e))
    }
}

/// A store file: the [`Connector`] of the SQLite backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sqlite {
    path: PathBuf,
}

impl Sqlite {
    /// The store in the file at `path` (created on first [`Connector::open`] with `create`).
    pub fn new(path: impl Into<PathBuf>) -> Sqlite {
        Sqlite { path: path.into() }
    }
}

impl Connector for Sqlite {
    fn path(&self) -> &Path {
        &self.path
    }

    fn open(&self, create: bool, wait: Duration) -> Result<Store> {
        SqliteStore::open_with(&self.path, create, wait).map(Store::new)
    }

    fn open_for_reading(&self, wait: Duration) -> Result<Store> {
        SqliteStore::open_for_reading(&self.path, wait).map(Store::new)
    }
}

/// Opens the store at `path`, creating it if missing, and migrates it to [`SCHEMA_VERSION`].
pub fn open(path: impl AsRef<Path>) -> Result<Store> {
    Sqlite::new(path.as_ref()).open(true, BUSY_TIMEOUT)
}

/// Opens an existing store (an error if there is none), migrating it if it is older.
pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
    Sqlite::new(path.as_ref()).open(false, BUSY_TIMEOUT)
}

/// A store in memory, for tests and one-off use.
pub fn open_in_memory() -> Result<Store> {
    SqliteStore::open_in_memory().map(Store::new)
}

/// An open store: one SQLite connection. Not `Sync`; open one per thread (readers and one
/// writer may work at the same time).
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens an existing store to read it only (the questions, export, the server's readers):
    /// as [`Connector::open`] without `create` when the file can be written, else read-only,
    /// which also works on read-only media (a read-only mount, a CD, a snapshot) where opening
    /// for writing fails with [`StoreError::ReadOnly`]. A read-only store must be at
    /// [`SCHEMA_VERSION`] (migrating would write); writing through it fails with `ReadOnly`.
    pub fn open_for_reading(path: impl AsRef<Path>, wait: Duration) -> Result<SqliteStore> {
        let path = path.as_ref();
        match Self::open_with(path, false, wait) {
            Err(StoreError::ReadOnly { .. }) => {}
            other => return other,
        }
        let store = SqliteStore { conn: read_only_connection(path)?, path: path.to_path_buf() };
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
    pub fn open_in_memory() -> Result<SqliteStore> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().at(&path)?;
        let mut store = SqliteStore { conn, path };
        store.prepare(BUSY_TIMEOUT)?;
        Ok(store)
    }

    /// Opens the store at `path`, creating it if missing and `create`, waiting at most `wait`
    /// for another process's lock, while opening (a migration) and after; past it,
    /// [`StoreError::Locked`].
    pub fn open_with(path: &Path, create: bool, wait: Duration) -> Result<SqliteStore> {
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
        let mut store = SqliteStore { conn, path: path.to_path_buf() };
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

/// Every method answered by the inherent method of the same name, in SQL.
impl Backend for SqliteStore {
    fn path(&self) -> &Path {
        &self.path
    }
    fn schema_version(&self) -> Result<i32> {
        SqliteStore::schema_version(self)
    }
    fn set_busy_timeout(&self, wait: Duration) -> Result<()> {
        SqliteStore::set_busy_timeout(self, wait)
    }
    fn check(&self) -> Result<Vec<String>> {
        SqliteStore::check(self)
    }
    fn stats(&self) -> Result<Stats> {
        SqliteStore::stats(self)
    }
    fn data_version(&self) -> Result<i64> {
        SqliteStore::data_version(self)
    }
    fn unchanged(&self, docs: &[&Document]) -> Result<Vec<bool>> {
        SqliteStore::unchanged(self, docs)
    }
    fn ingest_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome> {
        SqliteStore::ingest_batch(self, items, extractor_version)
    }
    fn replace_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome> {
        SqliteStore::replace_batch(self, items, extractor_version)
    }
    fn stale_documents(&self, current: &str, all: bool) -> Result<Vec<i64>> {
        SqliteStore::stale_documents(self, current, all)
    }
    fn documents_by_rowid(&self, ids: &[i64]) -> Result<Vec<Document>> {
        SqliteStore::documents_by_rowid(self, ids)
    }
    fn resolve_actor(&self, text: &str) -> Result<Option<ActorName>> {
        SqliteStore::resolve_actor(self, text)
    }
    fn actor_name(&self, code: &str) -> Result<ActorName> {
        SqliteStore::actor_name(self, code)
    }
    fn dyad(&self, a: &str, b: &str, period: &Period, evidence: usize) -> Result<DyadProfile> {
        SqliteStore::dyad(self, a, b, period, evidence)
    }
    fn actor(&self, a: &str, period: &Period, limit: Option<usize>) -> Result<ActorProfile> {
        SqliteStore::actor(self, a, period, limit)
    }
    fn timeline(&self, a: &str, b: Option<&str>, period: &Period) -> Result<Timeline> {
        SqliteStore::timeline(self, a, b, period)
    }
    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        SqliteStore::search(self, query)
    }
    fn actors(&self, q: Option<&str>, kind: Option<ActorKind>, page: Page) -> Result<Listing<ActorRow>> {
        SqliteStore::actors(self, q, kind, page)
    }
    fn relations(&self, filter: &RelationFilter, page: Page) -> Result<Listing<RelationRow>> {
        SqliteStore::relations(self, filter, page)
    }
    fn sentences(&self, filter: &RelationFilter, page: Page) -> Result<Listing<SentenceRow>> {
        SqliteStore::sentences(self, filter, page)
    }
    fn documents(&self, page: Page) -> Result<Listing<DocumentRow>> {
        SqliteStore::documents(self, page)
    }
    fn document(&self, id: &str) -> Result<Option<DocumentRow>> {
        SqliteStore::document(self, id)
    }
    fn stored_document(&self, id: &str) -> Result<Option<Document>> {
        SqliteStore::stored_document(self, id)
    }
    fn edges(&self, filter: &RelationFilter) -> Result<Vec<GraphEdge>> {
        SqliteStore::edges(self, filter)
    }
    fn each_relation(&self, f: &mut dyn FnMut(ExportRow) -> bool) -> Result<()> {
        SqliteStore::each_relation(self, f)
    }
    fn graph_nodes(&self) -> Result<Vec<GraphNode>> {
        SqliteStore::graph_nodes(self)
    }
    fn dyad_years(&self) -> Result<Vec<DyadYear>> {
        SqliteStore::dyad_years(self)
    }
}

#[cfg(test)]
mod tests;
