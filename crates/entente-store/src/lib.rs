//! The knowledge store's one API, whatever holds the data: every ingested document with its
//! original input, the relations the extractor found in it, the questions asked across a corpus
//! (a pair's partnership profile, an actor's partners and rivals, a pair's timeline, full-text
//! search over evidence), the listings of the web map, and the exports for other tools.
//!
//! This crate speaks no SQL and links no database. It holds:
//! - [`Backend`]: what a store does, one method per question, listing, write and export; a
//!   backend crate implements it (`entente-sqlite` for a file, `entente-postgres` for a
//!   database server);
//! - [`Connector`]: how to reach one store (a file, a URL), which the binary makes from `--db`
//!   and hands to whoever opens the store (the command line, the server's reader pool);
//! - [`Store`]: an open store of any backend, and the answers worked out from a backend's
//!   answers alone (the actor [`Graph`], the [`MapGraph`]);
//! - the rows, listings and filters, with the closed vocabularies as enums of entente-core;
//! - [`Period`], the one validation of date periods; [`schema::STEPS`], the migrations
//!   described once (each backend holds the statements of every step).
//!
//! Contract of every backend: ingest is idempotent (a document whose [`document_hash`] is
//! stored is left alone, a changed one has its relations replaced) and one batch is one
//! transaction; answers are ordered deterministically; every value from outside is bound as a
//! parameter, never spliced into a statement; [`Backend::data_version`] changes when another
//! connection commits.

mod export;
mod ingest;
mod listing;
mod query;
pub mod schema;

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use entente_core::{Content, Document, Relation};
pub use export::{DyadYear, ExportRow, Graph, GraphEdge, GraphNode, LinkCount};
pub use ingest::{document_hash, BatchOutcome, IngestItem, NewDocument};
pub use listing::{
    ActorRef, ActorRow, DocumentRow, EvidenceRow, Listing, MapEdge, MapGraph, MapNode, Page, QuantityRow,
    RelationFilter, RelationRow, Segment, SentenceRelation, SentenceRow, TimeRow,
};
pub use query::{
    rank_ties, ActorName, ActorProfile, Amount, Count, DyadProfile, EvidenceItem, PartnerTie, Period, PeriodError,
    SearchHit, SearchQuery, SearchRelation, Tie, TieCount, Timeline, TimelineRow,
};
pub use schema::SCHEMA_VERSION;

/// What went wrong with a store, always naming where it is (its file, or its address).
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
    /// A database server's schema that holds other tables but no entente store: refused
    /// rather than altered.
    #[error("{path}: holds other tables but no entente store ({detail}); give an empty database or schema")]
    ForeignSchema { path: PathBuf, detail: String },
    /// The connection to a database server was lost (the server stopped or restarted, the
    /// network failed): the transaction in flight was rolled back.
    #[error("{path}: lost the connection to the database server ({detail}); what was being written was rolled back")]
    Lost { path: PathBuf, detail: String },
    #[error("{path}: schema version {found} is newer than this entente supports ({supported}); use a newer entente")]
    NewerSchema { path: PathBuf, found: i32, supported: i32 },
    #[error("{path}: search query {query:?} is not valid full-text syntax: {detail}")]
    BadQuery { path: PathBuf, query: String, detail: String },
    #[error("{path}: a stored row is not valid: {detail}")]
    Invalid { path: PathBuf, detail: String },
    /// Any other failure of the backend, with the backend's own error.
    #[error("{path}: {source}")]
    Backend {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a connection waits for another process's lock before giving up, by default
/// ([`Connector::open`] and [`Backend::set_busy_timeout`] take another).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How much a store holds.
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

/// What a store does: one open connection to it. Not `Sync`; open one per thread (readers and
/// one writer may work at the same time). Every method names the store in its error.
pub trait Backend: Send {
    /// Where the store lives (a file, an address), as its errors name it.
    fn path(&self) -> &Path;
    /// The schema version of the open store (after migration, [`SCHEMA_VERSION`]).
    fn schema_version(&self) -> Result<i32>;
    /// How long to wait for another process's lock before failing with [`StoreError::Locked`].
    fn set_busy_timeout(&self, wait: Duration) -> Result<()>;
    /// The backend's own consistency checks: empty when all is well, else the problems found.
    fn check(&self) -> Result<Vec<String>>;
    /// How much the store holds.
    fn stats(&self) -> Result<Stats>;
    /// A number that changes when another connection commits a change to the store (the
    /// server keeps its costly answers while it stays the same).
    fn data_version(&self) -> Result<i64>;

    // Writing.

    /// For each document, whether the store already holds it with the same content, so the
    /// caller can skip extracting it. [`Backend::ingest_batch`] checks again; this only saves work.
    fn unchanged(&self, docs: &[&Document]) -> Result<Vec<bool>>;
    /// Stores a batch in one transaction: new documents are added, changed ones (another hash)
    /// have their relations replaced, unchanged ones are left alone. If the same id appears
    /// twice in a batch, the later one wins.
    fn ingest_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome>;
    /// Like [`Backend::ingest_batch`], but replaces the relations of every document even when
    /// its content is unchanged: for re-extraction with a new extractor.
    fn replace_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome>;
    /// Row ids of the documents to re-extract: those whose relations came from another
    /// extractor version than `current`, or all of them, in the order stored.
    fn stale_documents(&self, current: &str, all: bool) -> Result<Vec<i64>>;
    /// The original input of stored documents, by row id (see [`Backend::stale_documents`]);
    /// a document deleted meanwhile is left out.
    fn documents_by_rowid(&self, ids: &[i64]) -> Result<Vec<Document>>;

    // The questions (`entente dyad`, `actor`, `timeline`, `search` and the API's).

    /// The actor with this code, or failing that this name (either case-insensitive), among
    /// the actors the store has seen. `None` if it has never appeared in a relation.
    fn resolve_actor(&self, text: &str) -> Result<Option<ActorName>>;
    /// The actor as the store knows it; the bare code if it has never appeared.
    fn actor_name(&self, code: &str) -> Result<ActorName>;
    /// The partnership profile of `a` and `b` (codes): per sector and polarity, documents,
    /// relations, first and last dates, modalities, types, amounts, and the `evidence`
    /// strongest sentences.
    fn dyad(&self, a: &str, b: &str, period: &Period, evidence: usize) -> Result<DyadProfile>;
    /// An actor's partners (cooperative ties) and rivals (conflictual ties), each ranked by
    /// breadth (sectors), then weight (documents), then relations; `limit` of each, if given.
    fn actor(&self, a: &str, period: &Period, limit: Option<usize>) -> Result<ActorProfile>;
    /// Relations by month between `a` and `b`, or between `a` and anyone when `b` is `None`.
    fn timeline(&self, a: &str, b: Option<&str>, period: &Period) -> Result<Timeline>;
    /// Full-text search over the evidence sentences, best match first, with the relations each
    /// sentence states; a query the backend's syntax refuses is [`StoreError::BadQuery`].
    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>>;

    // The listings of the web map.

    /// Actors that appear in a relation between two different actors, most ties first; `q`
    /// matches a code (any case) or part of a name, `kind` an actor kind.
    fn actors(&self, q: Option<&str>, kind: Option<entente_core::ActorKind>, page: Page) -> Result<Listing<ActorRow>>;
    /// Relations matching `filter`, newest first (undated last), then in stored order.
    fn relations(&self, filter: &RelationFilter, page: Page) -> Result<Listing<RelationRow>>;
    /// The distinct evidence sentences of the relations matching `filter`, newest first, each
    /// with its document and the matching relations it states. `segments` is left empty.
    fn sentences(&self, filter: &RelationFilter, page: Page) -> Result<Listing<SentenceRow>>;
    /// Stored documents in the order they were first stored.
    fn documents(&self, page: Page) -> Result<Listing<DocumentRow>>;
    /// One stored document's metadata by its id.
    fn document(&self, id: &str) -> Result<Option<DocumentRow>>;
    /// A stored document as it was given.
    fn stored_document(&self, id: &str) -> Result<Option<Document>>;
    /// One edge per unordered pair, sector and polarity among the relations between two
    /// different actors that `filter` keeps, ordered by pair, sector and polarity (the export's
    /// graph and the map's).
    fn edges(&self, filter: &RelationFilter) -> Result<Vec<GraphEdge>>;

    // Exports.

    /// Calls `f` with every stored relation, in the order stored, without holding them all,
    /// until `f` says no more (`false`).
    fn each_relation(&self, f: &mut dyn FnMut(ExportRow) -> bool) -> Result<()>;
    /// Every actor in a relation between two different actors, by code, with its documents
    /// and relations.
    fn graph_nodes(&self) -> Result<Vec<GraphNode>>;
    /// Every unordered pair of different actors per year of its relations' dates (undated
    /// relations are left out), with documents and relations per sector and polarity.
    fn dyad_years(&self) -> Result<Vec<DyadYear>>;
}

/// How to reach one store: the binary makes one from `--db` (or `ENTENTE_DB`) and hands it to
/// whoever opens the store, which then needs to know no backend.
pub trait Connector: Send + Sync + std::fmt::Debug {
    /// Where the store lives, as messages name it.
    fn path(&self) -> &Path;
    /// Opens the store, creating it if missing and `create`, else failing with
    /// [`StoreError::Missing`], and migrates it to [`SCHEMA_VERSION`]; waits at most `wait` for
    /// another process's lock, while opening and after.
    fn open(&self, create: bool, wait: Duration) -> Result<Store>;
    /// Opens an existing store to read it only (the questions, export, the server's readers),
    /// where that is possible without writing (read-only media); writing through it fails
    /// with [`StoreError::ReadOnly`].
    fn open_for_reading(&self, wait: Duration) -> Result<Store>;
}

/// An open store, of whichever backend: every [`Backend`] method, and the answers worked out
/// from them.
pub struct Store(Box<dyn Backend>);

impl Store {
    /// A store over an open backend.
    pub fn new(backend: impl Backend + 'static) -> Store {
        Store(Box::new(backend))
    }

    /// Calls `f` with every stored relation, in the order stored, without holding them all;
    /// the first error of `f` stops it and is returned.
    pub fn for_each_relation<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(ExportRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut failed = None;
        self.0.each_relation(&mut |row| match f(row) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        })?;
        failed.map_or(Ok(()), Err)
    }

    /// The actor graph: every actor in a relation between two different actors, and one edge
    /// per unordered pair, sector and polarity.
    pub fn graph(&self) -> Result<Graph> {
        Ok(Graph { nodes: self.0.graph_nodes()?, edges: self.0.edges(&RelationFilter::default())? })
    }
}

impl Deref for Store {
    type Target = dyn Backend;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl DerefMut for Store {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut *self.0
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({})", self.0.path().display())
    }
}
