//! The PostgreSQL backend of the knowledge store: a database on a server that several writers
//! fill at once and any number of readers ask, reached through [`PgConnector`] (the
//! [`Connector`] the binary makes from `--db postgres://...`), created and migrated as needed
//! (see [`schema`]), and [`PgStore`], which answers every method of entente-store's
//! [`Backend`] in SQL with the same rows, order and numbers as the SQLite backend. This is the
//! only crate of the product that speaks to PostgreSQL.
//!
//! - **One batch, one transaction**, idempotent under concurrent writers: each batch takes a
//!   transaction-scoped advisory lock per document id (in one order, so two writers never
//!   deadlock), so two writers of the same document serialise and the second finds it stored.
//!   Rows go in with one multi-row statement per table per batch.
//! - **Migrations** run under a session advisory lock, each step in its own transaction with
//!   the version it leads to; a schema holding other tables is refused.
//! - **Search** tokenizes, matches, ranks (bm25) and cuts snippets as SQLite's FTS5 does
//!   ([`fts`]); PostgreSQL's `tsvector` index only finds the candidates.
//! - **Errors name the address without its password**, and say what is wrong: cannot connect,
//!   authentication, no database, lost connection, locked, read-only, bad search syntax.
//!
//! Every value from outside is bound as a parameter; no SQL is built from user text.

mod export;
mod fts;
#[allow(clippy::unreadable_literal)]
mod fts_tables;
mod ingest;
mod listing;
mod params;
mod query;
pub mod schema;
mod vocabulary;

use std::cell::{RefCell, RefMut};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use entente_core::{ActorKind, Document};
use entente_store::{
    ActorName, ActorProfile, ActorRow, BatchOutcome, DocumentRow, DyadProfile, DyadYear, ExportRow, GraphEdge,
    GraphNode, IngestItem, Listing, Page, Period, RelationFilter, RelationRow, SearchHit, SearchQuery, SentenceRow,
    Stats, Timeline,
};
use postgres::error::SqlState;
use postgres::{Client, NoTls};

pub use entente_store::{Backend, Connector, Store, StoreError, BUSY_TIMEOUT, SCHEMA_VERSION};

type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The advisory lock (two keys) held while migrating.
const MIGRATION_LOCK: (i32, i32) = (schema::APPLICATION_ID, 0);
/// The first key of the per-document advisory locks of ingest (the second is the id's hash).
const DOCUMENT_LOCK: i32 = schema::APPLICATION_ID + 1;

/// Whether `db` names a PostgreSQL server (`postgres://` or `postgresql://`).
pub fn is_address(db: &str) -> bool {
    ["postgres://", "postgresql://"].iter().any(|scheme| db.starts_with(scheme))
}

/// The address with its password removed (from the user part and from a `password=`
/// parameter), as messages show it.
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let (head, rest) = url.split_at(scheme_end);
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rfind('@') {
        Some(at) => {
            let user = &authority[..at];
            let user = user.split_once(':').map_or(user, |(u, _)| u);
            format!("{user}@{}", &authority[at + 1..])
        }
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|kv| !kv.split('=').next().unwrap_or("").eq_ignore_ascii_case("password"))
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    format!("{head}{authority}{tail}")
}

/// A failure with its own words, as the source of [`StoreError::Backend`].
#[derive(Debug)]
struct Failure(String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

/// The server's words for an error: its message (and detail) for an error it reported, else
/// the client's.
fn words(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(d) => format!("{} ({d})", db.message()),
            None => db.message().to_string(),
        },
        None => {
            let mut s = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                let more = inner.to_string();
                if !s.contains(&more) {
                    s.push_str(": ");
                    s.push_str(&more);
                }
                source = inner.source();
            }
            s
        }
    }
}

/// A PostgreSQL error as a [`StoreError`] naming the store's address: the kinds a person acts
/// on (lost connection, locked, read-only, disk full) by name, any other with the server's
/// words.
pub(crate) fn from_pg(path: &Path, e: postgres::Error) -> StoreError {
    let path = path.to_path_buf();
    let detail = words(&e);
    if e.is_closed() {
        return StoreError::Lost { path, detail };
    }
    let Some(code) = e.code() else {
        // No answer from the server: the connection broke under the request.
        if e.as_db_error().is_none() && std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()) {
            return StoreError::Lost { path, detail };
        }
        return StoreError::Backend { path, source: Box::new(Failure(detail)) };
    };
    match *code {
        SqlState::LOCK_NOT_AVAILABLE => StoreError::Locked { path },
        SqlState::READ_ONLY_SQL_TRANSACTION | SqlState::INSUFFICIENT_PRIVILEGE => StoreError::ReadOnly { path, detail },
        SqlState::DISK_FULL => StoreError::DiskFull { path },
        SqlState::ADMIN_SHUTDOWN
        | SqlState::CRASH_SHUTDOWN
        | SqlState::CANNOT_CONNECT_NOW
        | SqlState::CONNECTION_FAILURE
        | SqlState::CONNECTION_EXCEPTION => StoreError::Lost { path, detail },
        _ => StoreError::Backend { path, source: Box::new(Failure(detail)) },
    }
}

/// Attaches the store's address to PostgreSQL errors.
pub(crate) trait At<T> {
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> At<T> for std::result::Result<T, postgres::Error> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|e| from_pg(path, e))
    }
}

/// A store on a PostgreSQL server: the [`Connector`] of this backend.
#[derive(Clone)]
pub struct PgConnector {
    config: postgres::Config,
    /// The address without its password.
    shown: PathBuf,
}

impl std::fmt::Debug for PgConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PgConnector({})", self.shown.display())
    }
}

impl PgConnector {
    /// The store at `url` (`postgres://user[:password]@host[:port]/database[?options]`, or
    /// `postgresql://`); the tables live in the connection's current schema (`public`, or the
    /// first of `options=-csearch_path=...`). Nothing is reached until [`Connector::open`].
    pub fn new(url: &str) -> Result<PgConnector> {
        let shown = PathBuf::from(redact(url));
        let mut config = postgres::Config::from_str(url).map_err(|e| StoreError::CannotOpen {
            path: shown.clone(),
            detail: format!("not a valid PostgreSQL address: {}", redact(&e.to_string())),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("entente");
        }
        Ok(PgConnector { config, shown })
    }

    fn connect(&self, create: bool) -> Result<Client> {
        let path = &self.shown;
        self.config.connect(NoTls).map_err(|e| {
            let detail = words(&e);
            match e.code() {
                Some(&SqlState::INVALID_CATALOG_NAME) if !create => StoreError::Missing { path: path.clone() },
                Some(&SqlState::INVALID_CATALOG_NAME) => StoreError::CannotOpen {
                    path: path.clone(),
                    detail: format!("{detail}; create the database first (createdb), entente makes only its tables"),
                },
                Some(&SqlState::INVALID_PASSWORD | &SqlState::INVALID_AUTHORIZATION_SPECIFICATION) => {
                    StoreError::CannotOpen { path: path.clone(), detail: format!("authentication failed: {detail}") }
                }
                _ => StoreError::CannotOpen {
                    path: path.clone(),
                    detail: format!("cannot connect to the server: {detail}"),
                },
            }
        })
    }
}

impl Connector for PgConnector {
    fn path(&self) -> &Path {
        &self.shown
    }

    fn open(&self, create: bool, wait: Duration) -> Result<Store> {
        let store = PgStore { conn: RefCell::new(self.connect(create)?), path: self.shown.clone() };
        store.set_busy_timeout(wait)?;
        store.prepare(create)?;
        Ok(Store::new(store))
    }

    fn open_for_reading(&self, wait: Duration) -> Result<Store> {
        let store = PgStore { conn: RefCell::new(self.connect(false)?), path: self.shown.clone() };
        store.set_busy_timeout(wait)?;
        store.prepare(false)?;
        store.client().batch_execute("SET default_transaction_read_only = on").at(&store.path)?;
        Ok(Store::new(store))
    }
}

/// An open store: one connection to the server. Not `Sync`; open one per thread.
pub struct PgStore {
    conn: RefCell<Client>,
    path: PathBuf,
}

impl PgStore {
    /// The connection (one request at a time).
    pub(crate) fn client(&self) -> RefMut<'_, Client> {
        self.conn.borrow_mut()
    }

    pub(crate) fn invalid(&self, detail: impl Into<String>) -> StoreError {
        StoreError::Invalid { path: self.path.clone(), detail: detail.into() }
    }

    /// The store's identity in the current schema: `None` when the schema holds no store,
    /// else its application id and version.
    fn identity(&self) -> Result<Option<(i32, i32)>> {
        let p = &self.path;
        let mut c = self.client();
        let schema: Option<String> = c.query_one("SELECT current_schema()::text", &[]).at(p)?.get(0);
        let Some(schema) = schema else {
            return Err(StoreError::CannotOpen {
                path: p.clone(),
                detail: "no schema to hold the store (the search_path names none that exists)".into(),
            });
        };
        let has: bool = c
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2)",
                &[&schema, &schema::META],
            )
            .at(p)?
            .get(0);
        if !has {
            return Ok(None);
        }
        let row = c.query_opt("SELECT application_id, version FROM entente_store", &[]).at(p)?;
        Ok(Some(row.map_or((0, 0), |r| (r.get(0), r.get(1)))))
    }

    /// Refuses what is not an entente store (or is one newer than this build); `None` when the
    /// schema is empty.
    fn check_identity(&self, identity: Option<(i32, i32)>) -> Result<Option<i32>> {
        let p = &self.path;
        match identity {
            Some((app, version)) if app == schema::APPLICATION_ID => {
                if version > SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema { path: p.clone(), found: version, supported: SCHEMA_VERSION });
                }
                Ok(Some(version))
            }
            Some((app, version)) => Err(StoreError::Foreign { path: p.clone(), found: app, version }),
            None => {
                let tables: Vec<String> = self
                    .client()
                    .query(
                        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
                         ORDER BY 1 LIMIT 4",
                        &[],
                    )
                    .at(p)?
                    .iter()
                    .map(|r| r.get(0))
                    .collect();
                if tables.is_empty() {
                    return Ok(None);
                }
                Err(StoreError::ForeignSchema {
                    path: p.clone(),
                    detail: format!("its schema has {} and no table {}", tables.join(", "), schema::META),
                })
            }
        }
    }

    /// Identity check and migrations.
    fn prepare(&self, create: bool) -> Result<()> {
        let version = self.check_identity(self.identity()?)?;
        match version {
            Some(v) if v == SCHEMA_VERSION => return Ok(()),
            None if !create => return Err(StoreError::Missing { path: self.path.clone() }),
            _ => {}
        }
        self.migrate()
    }

    /// Runs the migration steps the store lacks, each in its own transaction, under a session
    /// advisory lock so that concurrent openers migrate once.
    fn migrate(&self) -> Result<()> {
        let p = &self.path;
        self.client().execute("SELECT pg_advisory_lock($1, $2)", &[&MIGRATION_LOCK.0, &MIGRATION_LOCK.1]).at(p)?;
        let result = self.migrate_locked();
        let unlock =
            self.client().execute("SELECT pg_advisory_unlock($1, $2)", &[&MIGRATION_LOCK.0, &MIGRATION_LOCK.1]).at(p);
        result.and(unlock.map(|_| ()))
    }

    fn migrate_locked(&self) -> Result<()> {
        let p = &self.path;
        loop {
            // Read again under the lock: another process may have migrated meanwhile.
            let version = self.check_identity(self.identity()?)?.unwrap_or(0);
            if version >= SCHEMA_VERSION {
                return Ok(());
            }
            let (sql, fill) = schema::MIGRATIONS[version as usize];
            let mut c = self.client();
            let mut tx = c.transaction().at(p)?;
            tx.batch_execute(sql).at(p)?;
            if fill == schema::Fill::SearchIndex {
                ingest::fill_search_index(&mut tx, p)?;
            }
            if version == 0 {
                tx.execute(
                    "INSERT INTO entente_store (application_id, version) VALUES ($1, 1)",
                    &[&schema::APPLICATION_ID],
                )
                .at(p)?;
            } else {
                tx.execute("UPDATE entente_store SET version = $1, data_version = data_version + 1", &[&(version + 1)])
                    .at(p)?;
            }
            tx.commit().at(p)?;
        }
    }

    /// How long to wait for another session's lock before failing with
    /// [`StoreError::Locked`] (PostgreSQL's `lock_timeout`).
    pub fn set_busy_timeout(&self, wait: Duration) -> Result<()> {
        // A number of this crate's making, not user text.
        let ms = wait.as_millis().clamp(1, i32::MAX as u128);
        self.client().batch_execute(&format!("SET lock_timeout = {ms}")).at(&self.path)
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i32> {
        Ok(self.identity()?.map_or(0, |(_, v)| v))
    }

    /// The store's own consistency checks: every relation's sentence is of its document, and
    /// the search totals match the sentences.
    pub fn check(&self) -> Result<Vec<String>> {
        let p = &self.path;
        let mut c = self.client();
        let mut problems = Vec::new();
        let mismatched: i64 = c
            .query_one(
                "SELECT count(*) FROM relations r JOIN sentences s ON s.id = r.sentence WHERE s.doc <> r.doc",
                &[],
            )
            .at(p)?
            .get(0);
        if mismatched > 0 {
            problems.push(format!("{mismatched} relations cite a sentence of another document"));
        }
        let row = c
            .query_one(
                "SELECT (SELECT count(*) FROM sentences), (SELECT COALESCE(sum(tokens), 0)::bigint FROM sentences),
                        fts_rows, fts_tokens FROM entente_store",
                &[],
            )
            .at(p)?;
        let (rows, tokens, kept_rows, kept_tokens): (i64, i64, i64, i64) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        if (rows, tokens) != (kept_rows, kept_tokens) {
            problems.push(format!(
                "search totals: {kept_rows} sentences and {kept_tokens} tokens kept, {rows} and {tokens} stored"
            ));
        }
        let unindexed: i64 = c.query_one("SELECT count(*) FROM sentences WHERE fts IS NULL", &[]).at(p)?.get(0);
        if unindexed > 0 {
            problems.push(format!("{unindexed} sentences are missing from the search index"));
        }
        Ok(problems)
    }

    /// How much the store holds.
    pub fn stats(&self) -> Result<Stats> {
        let p = &self.path;
        let version = self.schema_version()?;
        let mut c = self.client();
        let row = c
            .query_one(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM relations),
                        (SELECT count(*) FROM sentences), (SELECT count(*) FROM actors)",
                &[],
            )
            .at(p)?;
        let n = |i: usize| row.get::<_, i64>(i).max(0) as u64;
        let versions = c
            .query(
                "SELECT extractor_version, count(*) FROM documents GROUP BY extractor_version ORDER BY extractor_version",
                &[],
            )
            .at(p)?
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1).max(0) as u64))
            .collect();
        Ok(Stats {
            schema_version: version,
            documents: n(0),
            relations: n(1),
            sentences: n(2),
            actors: n(3),
            extractor_versions: versions,
        })
    }

    /// A counter every writing transaction raises as it commits: it changes when another
    /// connection commits a change to the store (one row read; cheap).
    pub fn data_version(&self) -> Result<i64> {
        let row = self.client().query_one("SELECT data_version FROM entente_store", &[]).at(&self.path)?;
        Ok(row.get(0))
    }
}

/// Every method answered by the inherent method of the same name, in SQL.
impl Backend for PgStore {
    fn path(&self) -> &Path {
        &self.path
    }
    fn schema_version(&self) -> Result<i32> {
        PgStore::schema_version(self)
    }
    fn set_busy_timeout(&self, wait: Duration) -> Result<()> {
        PgStore::set_busy_timeout(self, wait)
    }
    fn check(&self) -> Result<Vec<String>> {
        PgStore::check(self)
    }
    fn stats(&self) -> Result<Stats> {
        PgStore::stats(self)
    }
    fn data_version(&self) -> Result<i64> {
        PgStore::data_version(self)
    }
    fn unchanged(&self, docs: &[&Document]) -> Result<Vec<bool>> {
        PgStore::unchanged(self, docs)
    }
    fn ingest_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome> {
        PgStore::ingest_batch(self, items, extractor_version)
    }
    fn replace_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome> {
        PgStore::replace_batch(self, items, extractor_version)
    }
    fn stale_documents(&self, current: &str, all: bool) -> Result<Vec<i64>> {
        PgStore::stale_documents(self, current, all)
    }
    fn documents_by_rowid(&self, ids: &[i64]) -> Result<Vec<Document>> {
        PgStore::documents_by_rowid(self, ids)
    }
    fn resolve_actor(&self, text: &str) -> Result<Option<ActorName>> {
        PgStore::resolve_actor(self, text)
    }
    fn actor_name(&self, code: &str) -> Result<ActorName> {
        PgStore::actor_name(self, code)
    }
    fn dyad(&self, a: &str, b: &str, period: &Period, evidence: usize) -> Result<DyadProfile> {
        PgStore::dyad(self, a, b, period, evidence)
    }
    fn actor(&self, a: &str, period: &Period, limit: Option<usize>) -> Result<ActorProfile> {
        PgStore::actor(self, a, period, limit)
    }
    fn timeline(&self, a: &str, b: Option<&str>, period: &Period) -> Result<Timeline> {
        PgStore::timeline(self, a, b, period)
    }
    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        PgStore::search(self, query)
    }
    fn actors(&self, q: Option<&str>, kind: Option<ActorKind>, page: Page) -> Result<Listing<ActorRow>> {
        PgStore::actors(self, q, kind, page)
    }
    fn relations(&self, filter: &RelationFilter, page: Page) -> Result<Listing<RelationRow>> {
        PgStore::relations(self, filter, page)
    }
    fn sentences(&self, filter: &RelationFilter, page: Page) -> Result<Listing<SentenceRow>> {
        PgStore::sentences(self, filter, page)
    }
    fn documents(&self, page: Page) -> Result<Listing<DocumentRow>> {
        PgStore::documents(self, page)
    }
    fn document(&self, id: &str) -> Result<Option<DocumentRow>> {
        PgStore::document(self, id)
    }
    fn stored_document(&self, id: &str) -> Result<Option<Document>> {
        PgStore::stored_document(self, id)
    }
    fn edges(&self, filter: &RelationFilter) -> Result<Vec<GraphEdge>> {
        PgStore::edges(self, filter)
    }
    fn each_relation(&self, f: &mut dyn FnMut(ExportRow) -> bool) -> Result<()> {
        PgStore::each_relation(self, f)
    }
    fn graph_nodes(&self) -> Result<Vec<GraphNode>> {
        PgStore::graph_nodes(self)
    }
    fn dyad_years(&self) -> Result<Vec<DyadYear>> {
        PgStore::dyad_years(self)
    }
}

#[cfg(test)]
mod tests;
