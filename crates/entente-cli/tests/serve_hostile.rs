//! Hostile requests the API tests do not cover: too many documents in one request (at the
//! default limits and at lowered ones), paths that try to climb out of the page, SQL in every
//! parameter that reaches a query, cross-origin requests (no CORS: a page elsewhere gets no
//! readable answer), clients that send a request head slowly or not at all (slowloris), and
//! more connections than the server takes at once.

mod server;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use server::*;

/// A store of one document, served with the token `s3cret` and `limits`.
fn store_with(limits: entente_serve::Limits) -> Server {
    let db = temp_dir("hostile").join("store.db");
    let docs = [entente::Document {
        id: "one".into(),
        url: None,
        date: Some("2016-12-20".into()),
        title: None,
        content: entente::Content::Text("Israel agreed to sell Azerbaijan $5 billion worth of arms.".into()),
    }];
    ingest(&db, &docs);
    let mut config = config(&db, Some("s3cret"));
    config.limits = limits;
    start_with(config)
}

fn store() -> Server {
    store_with(entente_serve::Limits::default())
}

#[test]
fn too_many_documents_in_one_request() {
    let s = store();
    let auth = [("Authorization", "Bearer s3cret")];
    let line = |i: usize| format!("{{\"id\":\"n{i}\",\"text\":\"x\"}}\n");
    let body: String = (0..=entente_serve::MAX_DOCUMENTS).map(line).collect();
    assert!(body.len() < entente_serve::MAX_BODY, "the count limit is what is tested, not the size");
    let a = request(s.addr, "POST", "/api/documents", &auth, body.as_bytes());
    assert_json_error(&a, 413, "too many documents");
    let message = a.json()["error"].as_str().unwrap().to_string();
    assert!(message.contains(&entente_serve::MAX_DOCUMENTS.to_string()), "{message}");
    // Nothing of the refused request was stored.
    get_error(s.addr, "/api/documents/n0", 404);
    assert_eq!(get_json(s.addr, "/api/stats")["documents"], 1);
}

#[test]
fn no_path_leaves_the_compiled_page() {
    let s = store();
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/Cargo.toml",
        "/..%2f..%2fetc%2fpasswd",
        "/assets/../../Cargo.toml",
        "/app.js/../../../etc/passwd",
        "/%2e%2e%5c%2e%2e%5cCargo.toml",
        "//etc/passwd",
        "/api/documents/..%2f..%2fetc%2fpasswd",
    ] {
        let a = get(s.addr, path);
        let text = a.text();
        assert!(a.status == 404 || a.status == 400, "GET {path}: {} {text}", a.status);
        assert!(!text.contains("[workspace]") && !text.contains("root:"), "GET {path} leaked a file: {text}");
    }
}

#[test]
fn sql_in_parameters_is_only_text() {
    let s = store();
    let before = get_json(s.addr, "/api/stats");
    let payloads = ["'", "ISR' OR '1'='1", "x'; DROP TABLE documents; --", "\") OR 1=1 --", "%", "_"];
    for p in payloads {
        let q: String = p.bytes().map(|b| format!("%{b:02X}")).collect();
        for path in [
            format!("/api/search?q={q}"),
            format!("/api/actors/{q}"),
            format!("/api/pairs/ISR/{q}"),
            format!("/api/relations?actor={q}"),
            format!("/api/relations?sector={q}"),
            format!("/api/graph?sector={q}"),
            format!("/api/documents/{q}"),
        ] {
            let a = get(s.addr, &path);
            assert!(a.status == 200 || a.status == 400 || a.status == 404, "GET {path}: {} {}", a.status, a.text());
            assert!(a.header("content-type").unwrap_or("").starts_with("application/json"), "GET {path}");
        }
    }
    assert_eq!(get_json(s.addr, "/api/stats"), before, "the store changed under hostile reads");
}

#[test]
fn no_cross_origin_access() {
    let s = store();
    let origin = [("Origin", "https://evil.example")];
    let a = request(s.addr, "GET", "/api/actors", &origin, b"");
    assert_eq!(a.status, 200);
    assert!(a.header("access-control-allow-origin").is_none(), "{:?}", a.headers);
    let preflight = [
        ("Origin", "https://evil.example"),
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "authorization"),
    ];
    let a = request(s.addr, "OPTIONS", "/api/documents", &preflight, b"");
    assert!(a.status >= 400, "a preflight must not succeed: {}", a.status);
    assert!(a.header("access-control-allow-origin").is_none() && a.header("access-control-allow-methods").is_none());
}

#[test]
fn lowered_limits_on_documents_and_bodies_hold() {
    let limits = entente_serve::Limits { max_documents: 3, max_body: 2_000, ..Default::default() };
    let s = store_with(limits);
    let auth = [("Authorization", "Bearer s3cret")];
    let line = |i: usize| format!("{{\"id\":\"n{i}\",\"text\":\"Georgia and Armenia signed a trade agreement.\"}}\n");
    // One document over the count: refused whole, with the limit in the message.
    let four: String = (0..4).map(line).collect();
    assert!(four.len() < 2_000, "the count limit is what is tested here, not the size");
    let a = request(s.addr, "POST", "/api/documents", &auth, four.as_bytes());
    assert_json_error(&a, 413, "four documents");
    assert_eq!(a.json()["error"], "4 documents in one request; at most 3");
    get_error(s.addr, "/api/documents/n0", 404);
    // At the count: stored.
    let three: String = (0..3).map(line).collect();
    let a = request(s.addr, "POST", "/api/documents", &auth, three.as_bytes());
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["added"], 3);
    // One document over the size: refused, with the limit in the message.
    let big = serde_json::json!({"id": "big", "text": "Georgia and Armenia signed a trade agreement. ".repeat(50)});
    let big = big.to_string();
    assert!(big.len() > 2_000 && big.len() < entente_serve::MAX_BODY);
    let a = request(s.addr, "POST", "/api/documents", &auth, big.as_bytes());
    assert_json_error(&a, 413, "a body over 2000 bytes");
    let message = a.json()["error"].as_str().unwrap().to_string();
    assert!(message.contains("larger than 2000 bytes"), "{message}");
    get_error(s.addr, "/api/documents/big", 404);
    assert_eq!(get_json(s.addr, "/api/stats")["documents"], 4);
}

/// Reads until the server closes the connection or `limit` passes; whether it closed, and what
/// it sent.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (bool, Vec<u8>) {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return (true, got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return (false, got)
            }
            Err(_) => return (true, got),
        }
    }
}

/// A server that gives a request head `timeout`.
fn impatient(timeout: Duration) -> SocketAddr {
    let s = store_with(entente_serve::Limits { header_timeout: timeout, ..Default::default() });
    // It serves whoever sends a whole request in time.
    assert_eq!(get_json(s.addr, "/healthz")["status"], "ok");
    s.addr
}

/// A client that sends half a request head and then nothing (slowloris) does not hold its
/// connection for ever: the server closes it once the header timeout passes, not before.
#[test]
fn half_a_request_head_is_dropped() {
    let timeout = Duration::from_secs(2);
    let addr = impatient(timeout);
    let mut stream = TcpStream::connect(addr).unwrap();
    let started = Instant::now();
    stream.write_all(b"GET /api/actors HTTP/1.1\r\nHost: x\r\n").unwrap();
    let (closed, got) = read_until_closed(&mut stream, Duration::from_secs(60));
    let waited = started.elapsed();
    eprintln!("half a request head: closed {closed} after {waited:?}");
    assert!(closed, "the server kept a half-sent request open for {waited:?}");
    assert!(!got.starts_with(b"HTTP/1.1 2"), "{}", String::from_utf8_lossy(&got));
    // Closed by the configured timeout: not at once, and well before the default one.
    assert!(waited >= timeout - Duration::from_millis(300), "closed after {waited:?}, before the timeout");
    assert!(waited < entente_serve::HEADER_TIMEOUT, "closed after {waited:?}: the configured timeout was not used");
}

/// The timeout is for the whole head: a client that drips it a byte at a time (each byte well
/// inside the timeout) is closed too.
#[test]
fn a_request_head_sent_a_byte_at_a_time_is_dropped() {
    let timeout = Duration::from_secs(2);
    let addr = impatient(timeout);
    let mut stream = TcpStream::connect(addr).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let step = Duration::from_millis(200);
    let whole = step * head.len() as u32;
    assert!(whole > timeout * 3);
    let drip = std::thread::spawn(move || {
        for b in head {
            if writer.write_all(&[*b]).is_err() {
                return false;
            }
            std::thread::sleep(step);
        }
        true
    });
    let started = Instant::now();
    let (closed, got) = read_until_closed(&mut stream, whole + Duration::from_secs(30));
    let waited = started.elapsed();
    eprintln!("a dripped request head: closed {closed} after {waited:?}");
    assert!(closed && waited < whole, "the server waited {waited:?} for a dripped head");
    assert!(!got.starts_with(b"HTTP/1.1 2"), "answered a head that took {waited:?}");
    assert!(waited >= timeout - Duration::from_millis(300), "closed after {waited:?}");
    assert!(waited < entente_serve::HEADER_TIMEOUT, "closed after {waited:?}: the configured timeout was not used");
    drop(stream);
    let _ = drip.join();
}

/// Past the cap on open connections the next one waits until one closes (here the idle one,
/// closed by the header timeout); then it is served.
#[test]
fn connections_past_the_cap_wait_their_turn() {
    let timeout = Duration::from_secs(2);
    let s = store_with(entente_serve::Limits { max_connections: 1, header_timeout: timeout, ..Default::default() });
    let started = Instant::now();
    let idle = TcpStream::connect(s.addr).unwrap();
    let health = get(s.addr, "/healthz");
    let waited = started.elapsed();
    eprintln!("a second connection with room for one: answered after {waited:?}");
    assert_eq!(health.status, 200, "{}", health.text());
    assert!(waited >= timeout - Duration::from_millis(300), "served beside the idle one after {waited:?}");
    // With the slot free, the next is served at once.
    let started = Instant::now();
    assert_eq!(get(s.addr, "/healthz").status, 200);
    assert!(started.elapsed() < timeout, "{:?}", started.elapsed());
    drop(idle);
}

/// A body that stops arriving is refused once the body timeout passes (408), and nothing of it
/// is stored.
#[test]
fn a_body_that_stops_arriving_is_refused() {
    let timeout = Duration::from_secs(1);
    let s = store_with(entente_serve::Limits { body_timeout: timeout, ..Default::default() });
    let mut stream = TcpStream::connect(s.addr).unwrap();
    let started = Instant::now();
    let body = br#"{"id": "slow", "text": "Georgia and Armenia signed a trade agreement."}"#;
    let head = format!(
        "POST /api/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer s3cret\r\nConnection: close\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body[..10]).unwrap();
    let (_, got) = read_until_closed(&mut stream, Duration::from_secs(30));
    let waited = started.elapsed();
    let a = parse_answer(&got);
    assert_json_error(&a, 408, "a stalled body");
    assert_eq!(a.json()["error"], "the body took longer than 1 s to arrive");
    assert!(waited >= timeout - Duration::from_millis(300) && waited < entente_serve::BODY_TIMEOUT, "{waited:?}");
    get_error(s.addr, "/api/documents/slow", 404);
}

/// Sends `raw` as it is on a fresh connection and reads the answer to the end.
fn raw_request(addr: SocketAddr, raw: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut reader = stream.try_clone().unwrap();
    // Written by another thread: the server may answer before it has read it all.
    let bytes = raw.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stream.write_all(&bytes);
    });
    let mut out = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    let _ = writer.join();
    assert!(!out.is_empty(), "no answer");
    parse_answer(&out)
}

fn assert_hardened(a: &Answer, what: &str) {
    for (name, value) in entente_serve::SECURITY_HEADERS {
        assert_eq!(a.header(name), Some(value), "{what}: {name} in {:?}", a.headers);
    }
}

#[test]
fn a_host_that_is_not_this_server_is_refused() {
    let s = store();
    let port = s.addr.port();
    let get = |host: &str| {
        raw_request(
            s.addr,
            format!("GET /api/documents/one HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    // A page on a name rebound to 127.0.0.1 reads nothing...
    for host in ["evil.example".to_string(), format!("evil.example:{port}"), format!("localhost.evil.example:{port}")] {
        let a = get(&host);
        assert_json_error(&a, 421, &host);
        assert_hardened(&a, &host);
        assert!(!a.text().contains("Azerbaijan"), "{}", a.text());
    }
    // ...and writes nothing, token or not.
    let body = r#"{"id":"rebound","text":"Chile agreed to sell Peru copper."}"#;
    let post = format!(
        "POST /api/documents HTTP/1.1\r\nHost: evil.example:{port}\r\nAuthorization: Bearer s3cret\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    assert_json_error(&raw_request(s.addr, post.as_bytes()), 421, "POST");
    get_error(s.addr, "/api/documents/rebound", 404);
    // The names of this machine are served.
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), "LOCALHOST".into(), format!("[::1]:{port}")]
    {
        let a = get(&host);
        assert_eq!(a.status, 200, "{host}: {}", a.text());
        assert!(a.text().contains("Azerbaijan"), "{host}");
    }
}

#[test]
fn a_host_given_with_allow_host_is_served() {
    let db = temp_dir("hosts").join("store.db");
    let mut config = config(&db, None);
    config.hosts = vec!["map.example".into()];
    let s = start_with(config);
    for (host, status) in [("map.example", 200), ("Map.Example:8443", 200), ("evil.example", 421)] {
        let a = raw_request(
            s.addr,
            format!("GET /api/stats HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert_eq!(a.status, status, "{host}: {}", a.text());
    }
}

#[test]
fn heads_too_large_for_the_parser_get_json_errors() {
    let s = store();
    let long_url = format!("/api/search?{}", (0..10_000).map(|i| format!("p{i}=x")).collect::<Vec<_>>().join("&"));
    let huge_url = format!("/api/search?q={}", "a".repeat(1 << 20));
    let huge_header = format!("X-Big: {}", "b".repeat(1 << 20));
    let many_headers: String = (0..200).map(|i| format!("X-H{i}: v\r\n")).collect();
    for (what, raw, status) in [
        ("10,000 parameters", format!("GET {long_url} HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414),
        ("a 1 MB URL", format!("GET {huge_url} HTTP/1.1\r\nHost: localhost\r\n\r\n"), 431),
        ("a 1 MB header", format!("GET /healthz HTTP/1.1\r\nHost: localhost\r\n{huge_header}\r\n\r\n"), 431),
        ("200 headers", format!("GET /healthz HTTP/1.1\r\nHost: localhost\r\n{many_headers}\r\n"), 431),
        ("not HTTP", "GET / HTTP/1.1\r\nHo st\0: x\r\n\r\n".to_string(), 400),
    ] {
        let a = raw_request(s.addr, raw.as_bytes());
        assert_json_error(&a, status, what);
        assert_hardened(&a, what);
    }
    // The server goes on serving.
    assert_eq!(get_json(s.addr, "/api/stats")["documents"], 1);
}
