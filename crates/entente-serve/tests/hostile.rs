//! Hostile requests the API tests do not cover: too many documents in one request, paths that
//! try to climb out of the page, SQL in every parameter that reaches a query, and cross-origin
//! requests (no CORS: a page elsewhere gets no readable answer).

mod common;

use common::*;

fn store() -> Server {
    let db = temp_dir("hostile").join("store.db");
    let docs = [entente::Document {
        id: "one".into(),
        url: None,
        date: Some("2016-12-20".into()),
        title: None,
        content: entente::Content::Text("Israel agreed to sell Azerbaijan $5 billion worth of arms.".into()),
    }];
    ingest(&db, &docs);
    start(&db, Some("s3cret"))
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

/// A client that sends half a request head and then nothing (slowloris) does not hold its
/// connection for ever: the server closes it. OPEN GAP (SECURITY.md): `axum::serve` gives hyper
/// no timer, so there is no header-read timeout and this test fails after 90 s; run it with
/// `cargo test -p entente-serve --test hostile -- --ignored` once the server sets one.
#[test]
#[ignore = "open gap: no header-read timeout (SECURITY.md)"]
fn half_a_request_head_is_dropped() {
    use std::io::{Read, Write};
    let s = store();
    let mut stream = std::net::TcpStream::connect(s.addr).unwrap();
    stream.write_all(b"GET /api/actors HTTP/1.1\r\nHost: x\r\n").unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(90))).unwrap();
    let started = std::time::Instant::now();
    let mut buf = [0u8; 1024];
    let closed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {
                break false
            }
            Err(_) => break true,
        }
    };
    eprintln!("half a request head: closed {closed} after {:?}", started.elapsed());
    assert!(closed, "the server kept a half-sent request open for {:?}", started.elapsed());
}
