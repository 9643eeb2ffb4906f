//! Shared by the server's tests (`serve_*.rs`): a store filled from the bundled examples, a
//! server on a free loopback port over it (the SQLite backend, as `entente serve --db FILE` has
//! it), a small HTTP/1.1 client (no dependencies), and the load of many clients mixing reads
//! with refused writes (`tests/serve_load.rs`; `examples/hostile_load.rs` includes this file
//! too). The tests read the store through the store's API only.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use entente::{Content, Document, Extractor, EXTRACTOR_VERSION};
use entente_store::{Connector, IngestItem, NewDocument, Page};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The seed article of the issue, from the shared corpus (which CI always has: a missing one
/// fails the test rather than letting it check less).
pub fn seed_article() -> PathBuf {
    let p = repo().join("../shared/corpus/caspian-comrades.txt");
    assert!(p.exists(), "{} is missing: the seed tests need ../shared", p.display());
    p
}

/// A fresh, empty directory, never the same twice (tests run in parallel and may share a name).
pub fn temp_dir(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("entente-serve-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A text file as `entente ingest` reads it: id from the file name, no URL, date or title.
pub fn text_document(path: &Path) -> Document {
    Document {
        id: path.file_stem().unwrap().to_string_lossy().into_owned(),
        url: None,
        date: None,
        title: None,
        content: Content::Text(std::fs::read_to_string(path).unwrap()),
    }
}

/// Every `examples/*.txt` in name order, then the seed article when present.
pub fn example_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.push(seed_article());
    paths
}

/// Extracts and stores `docs` in the store at `db`, as `entente ingest` does.
pub fn ingest(db: &Path, docs: &[Document]) {
    let extractor = Extractor::new().unwrap();
    let mut store = entente_sqlite::open(db).unwrap();
    let done: Vec<NewDocument> = docs
        .iter()
        .map(|d| {
            let x = extractor.extract(d).unwrap();
            NewDocument::new(d.clone(), &x.article, x.relations)
        })
        .collect();
    let items: Vec<IngestItem<'_>> = done.iter().map(NewDocument::item).collect();
    store.ingest_batch(&items, EXTRACTOR_VERSION).unwrap();
}

/// A store filled from the bundled examples (and the seed article when present).
pub fn example_store(name: &str) -> PathBuf {
    let db = temp_dir(name).join("store.db");
    let docs: Vec<Document> = example_paths().iter().map(|p| text_document(p)).collect();
    ingest(&db, &docs);
    db
}

/// A server running on its own thread until the test process ends.
pub struct Server {
    pub addr: SocketAddr,
    pub db: PathBuf,
}

/// The server's setup over the store file `db`, writes allowed with `token`.
pub fn config(db: &Path, token: Option<&str>) -> entente_serve::Config {
    entente_serve::Config::new(Arc::new(entente_sqlite::Sqlite::new(db)), token.map(str::to_string))
}

pub fn start(db: &Path, token: Option<&str>) -> Server {
    start_with(config(db, token))
}

/// A server set up by `config` (other limits than the defaults).
pub fn start_with(config: entente_serve::Config) -> Server {
    serve_app(Arc::new(entente_serve::App::open(&config).unwrap()), config)
}

/// A server whose page answers were worked out before it listened (`App::warm`).
pub fn start_warmed(db: &Path) -> Server {
    let config = config(db, None);
    let app = Arc::new(entente_serve::App::open(&config).unwrap());
    app.warm().unwrap();
    serve_app(app, config)
}

fn serve_app(app: Arc<entente_serve::App>, config: entente_serve::Config) -> Server {
    let limits = app.limits();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            entente_serve::serve(listener, entente_serve::router(app), limits, std::future::pending()).await.unwrap();
        });
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    Server { addr, db: config.store.path().to_path_buf() }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// One request over a fresh connection (`Connection: close`).
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    try_request(addr, method, path, headers, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// [`request`], saying what went wrong instead of panicking: no connection, or no answer.
pub fn try_request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<Answer, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("no connection: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(120))).map_err(|e| e.to_string())?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" || method == "PUT" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).map_err(|e| format!("the request head was not sent: {e}"))?;
    // The server may answer (413, 401) before reading all of a large body.
    let _ = stream.write_all(body);
    let raw = read_answer(&mut stream);
    if !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        return Err(format!("no answer ({} bytes before the connection closed)", raw.len()));
    }
    Ok(parse_answer(&raw))
}

/// Reads one answer: the head, then the body by its Content-Length, its chunks, or to EOF
/// (a peer may keep the connection open whatever `Connection: close` says).
fn read_answer(stream: &mut TcpStream) -> Vec<u8> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            let chunked = head.contains("transfer-encoding: chunked");
            let body = &raw[split + 4..];
            let done = match length {
                Some(n) => body.len() >= n,
                None if chunked => body.ends_with(b"0\r\n\r\n"),
                None => false,
            };
            if done {
                return raw;
            }
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return raw,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    }
}

pub fn parse_answer(raw: &[u8]) -> Answer {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&rest[..eol]).split(';').next().unwrap().trim(), 16)
                    .unwrap_or(0);
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
            rest = &rest[eol + 2 + size + 2..];
        }
        body = out;
    }
    Answer { status, headers, body }
}

pub fn get(addr: SocketAddr, path: &str) -> Answer {
    request(addr, "GET", path, &[], b"")
}

/// GET expecting 200 and JSON.
pub fn get_json(addr: SocketAddr, path: &str) -> serde_json::Value {
    let a = get(addr, path);
    assert_eq!(a.status, 200, "GET {path}: {}", a.text());
    assert!(a.header("content-type").unwrap_or("").starts_with("application/json"), "GET {path}");
    a.json()
}

/// GET expecting a JSON error with `status`.
pub fn get_error(addr: SocketAddr, path: &str, status: u16) -> String {
    let a = get(addr, path);
    assert_json_error(&a, status, &format!("GET {path}"));
    a.json()["error"].as_str().unwrap().to_string()
}

pub fn assert_json_error(a: &Answer, status: u16, what: &str) {
    if let Err(e) = json_error(a, status) {
        panic!("{what}: {e}");
    }
}

/// Whether `a` is the JSON error `{"error", "status"}` with `status`, and if not, why.
pub fn json_error(a: &Answer, status: u16) -> Result<(), String> {
    if a.status != status {
        return Err(format!("status {}, not {status}: {}", a.status, a.text()));
    }
    if !a.header("content-type").unwrap_or("").starts_with("application/json") {
        return Err(format!("not JSON: {:?}", a.headers));
    }
    let v: serde_json::Value = serde_json::from_slice(&a.body).map_err(|e| format!("not JSON ({e}): {}", a.text()))?;
    if v["status"] != status || v["error"].as_str().is_none_or(str::is_empty) {
        return Err(format!("not an error with status {status}: {v}"));
    }
    Ok(())
}

/// The hostile article as a document whose URL and title are hostile too.
pub fn hostile_document() -> serde_json::Value {
    serde_json::json!({
        "id": "hostile-url",
        "url": "javascript:window.__pwned=1",
        "title": "<img src=x onerror=\"window.__pwned=1\"> Fjords & fuel cells",
        "date": "2024-04-02",
        "text": std::fs::read_to_string(repo().join("examples/hostile.txt")).unwrap(),
    })
}

/// The write token of the load: long, so that a wrong token can share most of it.
pub const LOAD_TOKEN: &str = "entente-load-3f9c2a7b51d04e86a1c9b7e2d5f30a64";

/// The limits of the load's server: a small body limit, so that a body over it stays small, and
/// room for three documents a request.
pub fn load_limits() -> entente_serve::Limits {
    entente_serve::Limits { max_body: 64 * 1024, max_documents: 3, ..Default::default() }
}

/// One request of a load and the answer it must get.
#[derive(Debug, Clone)]
pub struct Probe {
    /// What it is, in a few words (its tallies go by this).
    pub what: String,
    pub method: &'static str,
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// The status it must get.
    pub status: u16,
    /// For a read, the body it must get, byte for byte (the answer before the load); for a
    /// refused write `None`, and its body must be a JSON error with its status.
    pub answer: Option<Vec<u8>>,
}

impl Probe {
    pub fn is_read(&self) -> bool {
        self.answer.is_some()
    }

    /// Whether `a` is the answer this request must get, and if not, why.
    pub fn check(&self, a: &Answer) -> Result<(), String> {
        match &self.answer {
            None => json_error(a, self.status),
            Some(_) if a.status != self.status => Err(format!("status {}: {}", a.status, short(&a.text()))),
            Some(want) if a.body != *want => Err(format!("another body than before the load: {}", short(&a.text()))),
            Some(_) => Ok(()),
        }
    }
}

/// The first 300 characters of `text`, for a message.
fn short(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_string(),
    }
}

/// The reads of the load, each with its answer now, checked for sense: a pair's profile (TUR-GEO,
/// and ISR-AZE of the seed article), the map's graph, a search, a document and the counts.
pub fn load_reads(addr: SocketAddr) -> Vec<Probe> {
    let mut paths = vec!["/api/pairs/TUR/GEO", "/api/graph", "/api/search?q=pipeline", "/api/stats"];
    paths.push("/api/documents/black-sea-bridges?limit=5");
    seed_article();
    paths.push("/api/pairs/ISR/AZE");
    paths
        .into_iter()
        .map(|path| {
            let a = get(addr, path);
            assert_eq!(a.status, 200, "GET {path}: {}", a.text());
            let v = a.json();
            let sane = match path {
                p if p.starts_with("/api/pairs/") => v["relations"].as_u64() > Some(0),
                "/api/graph" => v["edges"].as_array().is_some_and(|e| !e.is_empty()),
                "/api/stats" => v["documents"].as_u64() > Some(0),
                _ => v["id"].is_string() || v["items"].as_array().is_some_and(|i| !i.is_empty()),
            };
            assert!(sane, "GET {path}: {v}");
            let (what, path) = (format!("GET {path}"), path.to_string());
            Probe { what, method: "GET", path, headers: vec![], body: vec![], status: 200, answer: Some(a.body) }
        })
        .collect()
}

/// Writes the server must refuse, with the status each must get (`docs/web.md`, the OpenAPI
/// document): no token or another scheme 401; a wrong token 403, also one that shares all but
/// its last byte with the right one; a body over `limits.max_body` 413 (a 401 first without a
/// token: the token is checked before the body is read), and so are more documents than
/// `limits.max_documents`; with the right token, a body that is not JSON, not UTF-8, or a
/// document without an id, with a field of the wrong type or a bad date 400, and a document the
/// reader refuses (no text) 422. Every refused write would store something new (or replace an
/// example) if it were accepted.
pub fn load_bad_writes(limits: &entente_serve::Limits) -> Vec<Probe> {
    let text = "Georgia and Armenia signed a trade agreement on electricity.";
    let doc = |id: &str| serde_json::json!({"id": id, "text": text}).to_string();
    let right = format!("Bearer {LOAD_TOKEN}");
    let (last, rest) = (LOAD_TOKEN.len() - 1, &LOAD_TOKEN[..LOAD_TOKEN.len() - 1]);
    let changed = format!("Bearer {rest}{}", if &LOAD_TOKEN[last..] == "0" { "1" } else { "0" });
    // About 100 KiB over a limit of 64 KiB.
    let big_text = format!("{text} ").repeat(limits.max_body * 25 / 16 / text.len() + 1);
    let big = serde_json::json!({"id": "load-big", "text": big_text}).to_string();
    let many: String = (0..=limits.max_documents).map(|i| doc(&format!("load-many-{i}")) + "\n").collect();
    assert!(many.len() < limits.max_body, "the count is what is over the limit, not the size");
    let cases: Vec<(&str, Option<String>, Vec<u8>, u16)> = vec![
        ("no token", None, doc("load-1").into(), 401),
        ("another scheme", Some(format!("Basic {LOAD_TOKEN}")), doc("load-2").into(), 401),
        ("a wrong token", Some("Bearer wrong".into()), doc("load-3").into(), 403),
        ("the token but its last byte", Some(format!("Bearer {rest}")), doc("load-4").into(), 403),
        ("the token and a byte more", Some(format!("{right}0")), doc("load-5").into(), 403),
        ("the token, its last byte changed", Some(changed), doc("load-6").into(), 403),
        ("an example replaced, wrong token", Some("Bearer x".into()), doc("black-sea-bridges").into(), 403),
        ("a body over the limit", Some(right.clone()), big.clone().into(), 413),
        ("a body over the limit, no token", None, big.into(), 401),
        ("too many documents", Some(right.clone()), many.into(), 413),
        ("an empty body", Some(right.clone()), vec![], 400),
        ("malformed JSON", Some(right.clone()), br#"{"id": "load-7", "text": "#.to_vec(), 400),
        ("not UTF-8", Some(right.clone()), b"{\"id\": \"load-8\", \"text\": \"\xff\xfe\"}".to_vec(), 400),
        ("no id", Some(right.clone()), serde_json::json!({"text": text}).to_string().into(), 400),
        (
            "an id that is a list",
            Some(right.clone()),
            serde_json::json!({"id": ["load-9"], "text": text}).to_string().into(),
            400,
        ),
        ("text that is a number", Some(right.clone()), br#"{"id": "load-10", "text": 42}"#.to_vec(), 400),
        ("not an object", Some(right.clone()), b"[1, 2]".to_vec(), 400),
        (
            "a bad date",
            Some(right.clone()),
            serde_json::json!({"id": "load-11", "text": text, "date": "yesterday"}).to_string().into(),
            400,
        ),
        (
            "a bad line after a good one",
            Some(right.clone()),
            format!("{}\n{{\"id\": \"load-13\"\n", doc("load-12")).into(),
            400,
        ),
        ("a document without text", Some(right), br#"{"id": "load-14", "text": ""}"#.to_vec(), 422),
    ];
    cases
        .into_iter()
        .map(|(what, auth, body, status)| Probe {
            what: what.into(),
            method: "POST",
            path: "/api/documents".into(),
            headers: auth.map(|a| ("Authorization", a)).into_iter().collect(),
            body,
            status,
            answer: None,
        })
        .collect()
}

/// What the clients of a load got.
#[derive(Debug, Default)]
pub struct Tally {
    /// The time each read took, connection included.
    pub read_times: Vec<Duration>,
    /// Answers by request (`Probe::what`) and status (0: none).
    pub statuses: BTreeMap<String, BTreeMap<u16, usize>>,
    /// Answers that were not the one their request must get.
    pub wrong: usize,
    /// The first few of them, described.
    pub wrong_examples: Vec<String>,
}

impl Tally {
    pub fn requests(&self) -> usize {
        self.statuses.values().flat_map(|s| s.values()).sum()
    }

    /// Answers by status, whatever the request.
    pub fn by_status(&self) -> BTreeMap<u16, usize> {
        let mut out = BTreeMap::new();
        for (status, n) in self.statuses.values().flatten() {
            *out.entry(*status).or_default() += n;
        }
        out
    }

    fn add(&mut self, other: Tally) {
        self.read_times.extend(other.read_times);
        for (what, statuses) in other.statuses {
            let mine = self.statuses.entry(what).or_default();
            for (status, n) in statuses {
                *mine.entry(status).or_default() += n;
            }
        }
        self.wrong += other.wrong;
        let room = 10usize.saturating_sub(self.wrong_examples.len());
        self.wrong_examples.extend(other.wrong_examples.into_iter().take(room));
    }
}

/// One client: sends `probes` in turn, from the `first`, each over a fresh connection, while
/// `more(n)` says yes with `n` sent so far.
pub fn send_probes(addr: SocketAddr, probes: &[Probe], first: usize, more: &(dyn Fn(usize) -> bool + Sync)) -> Tally {
    let mut t = Tally::default();
    let mut n = 0;
    while more(n) {
        let p = &probes[(first + n) % probes.len()];
        n += 1;
        let headers: Vec<(&str, &str)> = p.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let started = Instant::now();
        let got = try_request(addr, p.method, &p.path, &headers, &p.body);
        if p.is_read() {
            t.read_times.push(started.elapsed());
        }
        let status = got.as_ref().map_or(0, |a| a.status);
        *t.statuses.entry(p.what.clone()).or_default().entry(status).or_default() += 1;
        if let Err(e) = got.and_then(|a| p.check(&a)) {
            t.wrong += 1;
            if t.wrong_examples.len() < 10 {
                t.wrong_examples.push(format!("{} ({}): {e}", p.what, p.status));
            }
        }
    }
    t
}

/// A load: for each group, its number of clients sending its requests at once (each client from
/// its own place in the list) while `more(n)`; what each group got.
pub fn load(addr: SocketAddr, groups: &[(&[Probe], usize)], more: &(dyn Fn(usize) -> bool + Sync)) -> Vec<Tally> {
    std::thread::scope(|scope| {
        let handles: Vec<Vec<_>> = groups
            .iter()
            .map(|&(probes, clients)| {
                (0..clients)
                    .map(|c| scope.spawn(move || send_probes(addr, probes, c * probes.len() / clients.max(1), more)))
                    .collect()
            })
            .collect();
        handles
            .into_iter()
            .map(|group| {
                let mut t = Tally::default();
                for h in group {
                    t.add(h.join().expect("a client panicked"));
                }
                t
            })
            .collect()
    })
}

/// What a store holds, read through the store's API on a connection opened for reading: each
/// document (id, content hash, when it was stored) and how many sentences and relations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holdings {
    pub documents: Vec<(String, String, String)>,
    pub sentences: u64,
    pub relations: u64,
}

pub fn holdings(db: &Path) -> Holdings {
    let store = read_only(db);
    let stats = store.stats().unwrap();
    let all = Page { limit: stats.documents as usize, offset: 0 };
    let documents = store.documents(all).unwrap().items.into_iter().map(|d| (d.id, d.hash, d.ingested_at)).collect();
    Holdings { documents, sentences: stats.sentences, relations: stats.relations }
}

/// The store's own consistency check: `ok` when it is whole, else the problems found.
pub fn integrity(db: &Path) -> String {
    let problems = read_only(db).check().unwrap();
    if problems.is_empty() {
        "ok".into()
    } else {
        problems.join("; ")
    }
}

fn read_only(db: &Path) -> entente_store::Store {
    entente_sqlite::Sqlite::new(db).open_for_reading(entente_store::BUSY_TIMEOUT).unwrap()
}
