//! Shared by the tests: a store filled from the bundled examples, a server on a free loopback
//! port, and a small HTTP/1.1 client (no dependencies).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use entente::{Content, Document, Extractor, EXTRACTOR_VERSION};
use entente_store::{IngestItem, Store};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The seed article of the issue, when the shared corpus is there.
pub fn seed_article() -> Option<PathBuf> {
    let p = repo().join("../shared/corpus/caspian-comrades.txt");
    p.exists().then_some(p)
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
    paths.extend(seed_article());
    paths
}

/// Extracts and stores `docs` in the store at `db`, as `entente ingest` does.
pub fn ingest(db: &Path, docs: &[Document]) {
    let extractor = Extractor::new().unwrap();
    let mut store = Store::open(db).unwrap();
    let done: Vec<_> = docs
        .iter()
        .map(|d| {
            let x = extractor.extract(d).unwrap();
            (d, x.article.date.map(|d| d.value), x.relations)
        })
        .collect();
    let items: Vec<IngestItem<'_>> = done
        .iter()
        .map(|(d, date, r)| IngestItem { document: d, article_date: date.as_deref(), relations: r })
        .collect();
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

pub fn start(db: &Path, token: Option<&str>) -> Server {
    start_with(entente_serve::Config::new(db, token.map(str::to_string)))
}

/// A server set up by `config` (other limits than the defaults).
pub fn start_with(config: entente_serve::Config) -> Server {
    let app = Arc::new(entente_serve::App::open(&config).unwrap());
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
    Server { addr, db: config.db }
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
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" || method == "PUT" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413, 401) before reading all of a large body.
    let _ = stream.write_all(body);
    parse_answer(&read_answer(&mut stream))
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
    assert_eq!(a.status, status, "{what}: {}", a.text());
    assert!(a.header("content-type").unwrap_or("").starts_with("application/json"), "{what}: {:?}", a.headers);
    let v = a.json();
    assert_eq!(v["status"], status, "{what}: {v}");
    assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{what}: {v}");
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
