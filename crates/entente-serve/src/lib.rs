//! The web map: entente's store over HTTP, and a browser view of partnerships with their
//! evidence.
//!
//! [`router`] builds an axum router with
//! - a JSON API under `/api/` (described by the OpenAPI 3 document at `/api/openapi.json`):
//!   actors, an actor's partners and timeline, a pair's profile (the data of `entente dyad`),
//!   timeline and evidence sentences, relations by filter, full-text search over evidence,
//!   documents, the map's graph, and `POST /api/documents` to ingest (with a bearer token);
//! - `/healthz`;
//! - the page (`/`, `/app.js`, `/app.css`, `/icon.svg`), compiled into the binary.
//!
//! Every answer carries a strict Content-Security-Policy (`default-src 'self'`, no inline
//! script), `X-Content-Type-Options: nosniff` and no-referrer; every error is JSON
//! (`{"error", "status"}`), whatever produced it. The page inserts every string from a
//! document as text (scraped text is hostile) and links only http(s) URLs.
//!
//! The store is whichever backend the [`Config`]'s connector reaches (the binary picks it from
//! `--db`): queries run on blocking threads, each with a pooled read connection; writes go
//! through one writer. Reads need no token; writes need the one the server was
//! started with, and are off when it was started without one.

mod answers;
mod assets;
pub mod db;
pub mod error;
pub mod guard;
mod highlight;
mod ingest;
pub mod params;
mod routes;

use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use entente::{Extractor, ReadOptions, RelationLimits};

pub use error::ApiError;
pub use params::{DEFAULT_LIMIT, MAX_LIMIT};

/// The OpenAPI 3 document of the API (hand-written; `/api/openapi.json`).
pub const OPENAPI: &str = include_str!("openapi.json");

/// The Content-Security-Policy of every answer.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// How the server is set up ([`Config::new`] gives the defaults).
#[derive(Debug, Clone)]
pub struct Config {
    /// The store (created if missing), reached through its backend's connector.
    pub store: Arc<dyn entente_store::Connector>,
    /// The bearer token that allows writes; `None` turns writes off.
    pub token: Option<String>,
    /// What one connection and one request may take.
    pub limits: Limits,
    /// How long the store waits for another process's lock before a write fails (default
    /// [`entente_store::BUSY_TIMEOUT`]); reads wait at most [`db::READ_BUSY`] of it.
    pub lock_timeout: Duration,
    /// The reader's limits for posted documents (size, HTML nesting).
    pub read_options: ReadOptions,
    /// Which sentences of posted documents are read for relations.
    pub relation_limits: RelationLimits,
    /// Host names the server answers to besides `localhost` and IP addresses (`--allow-host`;
    /// a request naming any other in its `Host` header gets `421`: DNS rebinding).
    pub hosts: Vec<String>,
}

impl Config {
    /// The store `store` reaches, writes allowed with `token`, every limit at its default.
    pub fn new(store: Arc<dyn entente_store::Connector>, token: Option<String>) -> Config {
        Config {
            store,
            token,
            limits: Limits::default(),
            lock_timeout: entente_store::BUSY_TIMEOUT,
            read_options: ReadOptions::default(),
            relation_limits: RelationLimits::default(),
            hosts: Vec::new(),
        }
    }
}

/// The largest request body accepted, by default.
pub const MAX_BODY: usize = 10 * 1024 * 1024;
/// The most documents one request may carry, by default.
pub const MAX_DOCUMENTS: usize = 10_000;
/// How long a client may take to send a request's head, by default (a slow or stalled client,
/// "slowloris", is disconnected after it; so is a kept-alive connection idle that long).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to send a request's body, by default.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(60);
/// Connections served at once, by default: with the store's files this stays under the usual
/// limit of 1,024 open files.
pub const MAX_CONNECTIONS: usize = 512;

/// What one connection and one request may take. Each is a flag of `entente serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, in bytes (default [`MAX_BODY`]); over it, `413`.
    pub max_body: usize,
    /// Most documents in one `POST /api/documents` (default [`MAX_DOCUMENTS`]); over it,
    /// `413` and nothing of the request is stored.
    pub max_documents: usize,
    /// Time a client has to send a request's head, from the moment the connection waits for
    /// one (default [`HEADER_TIMEOUT`]); then the connection is closed.
    pub header_timeout: Duration,
    /// Time a client has to send a request's body (default [`BODY_TIMEOUT`]); then `408`.
    pub body_timeout: Duration,
    /// Connections served at once (default [`MAX_CONNECTIONS`], at least 1); past it, new
    /// connections wait in the listener's queue until one closes.
    pub max_connections: usize,
    /// Threads that extract the documents of one `POST /api/documents` (default: the number
    /// of cores); the stored result is the same for any number.
    pub threads: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: MAX_BODY,
            max_documents: MAX_DOCUMENTS,
            header_timeout: HEADER_TIMEOUT,
            body_timeout: BODY_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            threads: entente::pipeline::threads_or_cores(None),
        }
    }
}

/// What every handler shares.
pub struct App {
    pub(crate) db: db::Db,
    /// The graph's and the actor list's answers, kept while the store does not change.
    pub(crate) answers: answers::Answers,
    pub(crate) extractor: Extractor,
    pub(crate) token: Option<String>,
    pub(crate) limits: Limits,
    /// The host names answered besides `localhost` and IP addresses ([`Config::hosts`]).
    hosts: Arc<[String]>,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum StartError {
    Store(entente_store::StoreError),
    Extractor(entente::SetupError),
    EmptyToken,
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Store(e) => write!(f, "{e}"),
            StartError::Extractor(e) => write!(f, "cannot load the extractor: {e}"),
            StartError::EmptyToken => {
                write!(f, "the token is empty: give a non-empty --token, or none to turn writes off")
            }
        }
    }
}

impl std::error::Error for StartError {}

impl App {
    /// Opens the store and loads the extractor.
    pub fn open(config: &Config) -> Result<App, StartError> {
        if config.token.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(StartError::EmptyToken);
        }
        let db = db::Db::open(Arc::clone(&config.store), config.lock_timeout).map_err(StartError::Store)?;
        let answers = answers::Answers::open(config.store.as_ref()).map_err(StartError::Store)?;
        let mut extractor = Extractor::new().map_err(StartError::Extractor)?;
        extractor.read_options = config.read_options.clone();
        extractor.relation_limits = config.relation_limits;
        Ok(App {
            db,
            answers,
            extractor,
            token: config.token.as_ref().map(|t| t.trim().to_string()),
            limits: config.limits,
            hosts: config.hosts.iter().map(|h| h.trim().to_string()).collect(),
        })
    }

    /// Where the store being served lives.
    pub fn db_path(&self) -> &Path {
        self.db.path()
    }

    /// What one connection and one request may take (give them to [`serve`]).
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Whether `POST /api/documents` is on.
    pub fn writes(&self) -> bool {
        self.token.is_some()
    }

    /// How many documents and relations the store holds (for the start-up line).
    pub fn counts(&self) -> Result<(u64, u64), ApiError> {
        self.db.read(|r| {
            let s = r.stats()?;
            Ok((s.documents, s.relations))
        })
    }
}

/// The queries the page sends as it opens (`assets/app.js`): the map's graph with no filter,
/// and the counts.
const PAGE_GRAPH_QUERY: &str = "limit=1000";

/// How long the store must stay unchanged before the page's answers are worked out again: a
/// running ingest changes it many times a second, and each graph costs seconds on a large store.
const WARM_QUIET: Duration = Duration::from_secs(5);

impl App {
    /// Works out the answers the page asks for as it opens (the map's graph and the counts),
    /// and keeps them, so that the first visitor after a start or a write does not wait for
    /// them (seconds on a million relations). Blocking.
    pub fn warm(&self) -> Result<(), ApiError> {
        routes::graph_answer(self, Some(PAGE_GRAPH_QUERY))?;
        routes::stats_answer(self)?;
        Ok(())
    }
}

/// Keeps the page's answers worked out in a thread of its own: at once, then again whenever
/// the store has changed and stayed unchanged for a few seconds. The thread ends with the
/// last `Arc` of the app.
pub fn keep_warm(app: &Arc<App>) {
    let app = Arc::downgrade(app);
    let spawned = std::thread::Builder::new().name("entente-warm".into()).spawn(move || {
        let mut warmed: Option<i64> = None;
        let mut seen: Option<(i64, std::time::Instant)> = None;
        loop {
            let Some(app) = app.upgrade() else { return };
            if let Ok(version) = app.answers.version() {
                let since = match seen {
                    Some((v, at)) if v == version => at,
                    _ => std::time::Instant::now(),
                };
                seen = Some((version, since));
                // At start at once; later only once the store has been quiet.
                let quiet = warmed.is_none() || since.elapsed() >= WARM_QUIET;
                if warmed != Some(version) && quiet && app.warm().is_ok() {
                    warmed = Some(version);
                }
            }
            drop(app);
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    // Without the thread the answers are worked out at the first request instead.
    drop(spawned);
}

/// How many requests may work on the store at once: twice the cores, within 4 to 32 (the
/// readers kept open). More would only wait for the CPU while holding connections.
fn store_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new((cores * 2).clamp(4, db::MAX_IDLE))
    })
}

/// Runs blocking work (SQLite, extraction) off the async threads, a bounded number at a time.
pub(crate) async fn blocking<R: Send + 'static>(
    f: impl FnOnce() -> Result<R, ApiError> + Send + 'static,
) -> Result<R, ApiError> {
    let _permit = store_permits().acquire().await.map_err(|_| ApiError::internal("the server is shutting down"))?;
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| Err(ApiError::internal(format!("the request failed: {e}"))))
}

/// The whole service: API, page, health check, security headers and JSON errors.
pub fn router(app: Arc<App>) -> Router {
    let max_body = app.limits.max_body;
    let hosts = Arc::clone(&app.hosts);
    Router::new()
        .route("/", get(assets::index))
        .route("/index.html", get(assets::index))
        .route("/app.js", get(assets::script))
        .route("/app.css", get(assets::style))
        .route("/icon.svg", get(assets::icon))
        .route("/healthz", get(routes::healthz))
        .route("/api/openapi.json", get(routes::openapi))
        .route("/api/stats", get(routes::stats))
        .route("/api/graph", get(routes::graph))
        .route("/api/actors", get(routes::actors))
        .route("/api/actors/{code}", get(routes::actor_profile))
        .route("/api/actors/{code}/partners", get(routes::actor_partners))
        .route("/api/actors/{code}/timeline", get(routes::actor_timeline))
        .route("/api/pairs/{a}/{b}", get(routes::pair_profile))
        .route("/api/pairs/{a}/{b}/timeline", get(routes::pair_timeline))
        .route("/api/pairs/{a}/{b}/evidence", get(routes::pair_evidence))
        .route("/api/relations", get(routes::relations))
        .route("/api/search", get(routes::search))
        .route("/api/documents", get(routes::documents).post(ingest::post_documents))
        .route("/api/documents/{id}", get(routes::document))
        .fallback(routes::not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn_with_state(hosts, guard::check_host))
        .layer(axum::middleware::from_fn(harden))
        .with_state(app)
}

/// Security headers on every answer, and any error that is not JSON yet (a rejection by the
/// framework: 405, 413, a bad path) turned into `{"error", "status"}`.
async fn harden(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/") || req.uri().path() == "/healthz";
    let mut res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let (parts, body) = res.into_parts();
        let bytes = axum::body::to_bytes(body, 16 * 1024).await.unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).trim().to_string();
        let message = if text.is_empty() { status.canonical_reason().unwrap_or("error").to_string() } else { text };
        let mut fresh = ApiError::new(status, message).into_response();
        for name in [header::ALLOW, header::WWW_AUTHENTICATE] {
            if let Some(v) = parts.headers.get(&name) {
                fresh.headers_mut().insert(name, v.clone());
            }
        }
        res = fresh;
    }
    let h = res.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        h.insert(name, HeaderValue::from_static(value));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        let value = if api { "no-store" } else { "no-cache" };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

/// The headers every answer carries (names lowercase), besides `Cache-Control`.
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// How long a stopping server waits for the requests in flight.
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` (HTTP/1.1, keep-alive) until `shutdown` resolves, then lets
/// the requests in flight finish. Each connection has `limits.header_timeout` to send a request
/// head (hyper's timer; `axum::serve` sets none), and at most `limits.max_connections` are
/// served at once: past that, the next is accepted when one closes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    let open = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    tokio::pin!(shutdown);
    loop {
        // A slot first, then a connection: at the limit, clients wait in the listener's queue.
        let slot = tokio::select! {
            slot = Arc::clone(&open).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    eprintln!("entente serve: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let mut stop = stop_rx.clone();
        connections.spawn(async move {
            let _slot = slot;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
            let conn = http.serve_connection(TokioIo::new(guard::JsonErrors::new(stream)), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
        // Forget the connections that are done.
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(DRAIN, async { while connections.join_next().await.is_some() {} }).await;
    Ok(())
}
