//! `entente serve` takes its limits from the command line: documents per request, body size and
//! the time a client has to send a request head, each lowered here and seen to hold; and a
//! server killed (`kill -9`) in the middle of a write loses nothing it had committed.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// A server started by the binary; stopped when dropped.
struct Served {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new, empty directory for one test's store.
mod common;
use common::fresh_dir;

/// `entente serve` on a free loopback port with a new store, the token `t`, and `flags`.
fn serve(name: &str, flags: &[&str]) -> Served {
    serve_at(&fresh_dir(name).join("store.db"), flags)
}

/// `entente serve` on the store `db` (created if missing).
fn serve_at(db: &std::path::Path, flags: &[&str]) -> Served {
    let (child, addr) = common::serve_process(db.as_os_str(), &[&["--token", "t"], flags].concat());
    Served { child, addr }
}

/// One POST of `body` to /api/documents with the token: the status and the answer's body.
fn post(addr: SocketAddr, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let head = format!(
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer t\r\nConnection: close\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before it reads the whole body.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no answer: {raw:?}"));
    (status, raw.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default())
}

fn documents(n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Georgia and Armenia signed a trade agreement.\"}}\n"))
        .collect()
}

#[test]
fn lowered_request_limits_hold() {
    let s = serve("requests", &["--max-documents", "2", "--max-body-bytes", "3000"]);
    let (status, body) = post(s.addr, documents(3).as_bytes());
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("3 documents in one request; at most 2"), "{body}");
    let (status, body) = post(s.addr, documents(2).as_bytes());
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"added\":2"), "{body}");
    let big =
        format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "Georgia and Armenia signed a trade agreement. ".repeat(80));
    assert!(big.len() > 3000);
    let (status, body) = post(s.addr, big.as_bytes());
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("larger than 3000 bytes"), "{body}");
}

#[test]
fn a_lowered_header_timeout_closes_a_stalled_connection() {
    let s = serve("header", &["--header-timeout", "1"]);
    let mut stream = TcpStream::connect(s.addr).unwrap();
    let started = Instant::now();
    stream.write_all(b"GET /api/actors HTTP/1.1\r\nHost: x\r\n").unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut rest = Vec::new();
    let closed = match stream.read_to_end(&mut rest) {
        Ok(_) => true,
        Err(e) => !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
    };
    let waited = started.elapsed();
    assert!(closed, "still open after {waited:?}");
    assert!(waited >= Duration::from_millis(700) && waited < Duration::from_secs(8), "closed after {waited:?}");
}

#[test]
fn limits_that_make_no_sense_are_refused() {
    for flags in [["--header-timeout", "0"], ["--max-documents", "0"], ["--max-connections", "none"]] {
        let o = Command::new(env!("CARGO_BIN_EXE_entente"))
            .args(["serve", "--db", "/nonexistent/never-opened.db"])
            .args(flags)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{flags:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(flags[0]), "{flags:?}");
    }
}

/// (documents, relations) in the store, and its integrity check.
fn store_state(db: &std::path::Path) -> (i64, i64, String) {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let count = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    (count("SELECT count(*) FROM documents"), count("SELECT count(*) FROM relations"), ok)
}

#[test]
fn kill_9_during_a_write_loses_nothing_committed() {
    let db = fresh_dir("kill9").join("store.db");
    let mut s = serve_at(&db, &[]);
    let (status, body) = post(s.addr, documents(20).as_bytes());
    assert_eq!(status, 200, "{body}");
    let (docs, relations, _) = store_state(&db);
    assert_eq!(docs, 20);
    assert!(relations >= 20, "{relations}");

    // A big request (3,000 documents, ~5 MB), one transaction: killed while it is extracted
    // and written.
    let text = "Georgia and Armenia signed a trade agreement, and Turkey sold wheat to Georgia. ".repeat(20);
    let big_request =
        || -> String { (0..3000).map(|i| format!("{{\"id\":\"big{i}\",\"text\":\"{text}\"}}\n")).collect() };
    let big = big_request();
    let addr = s.addr;
    let (sent_tx, sent_rx) = std::sync::mpsc::channel();
    let client = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        let head = format!(
            "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer t\r\nConnection: close\r\n\
             Content-Length: {}\r\n\r\n",
            big.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(big.as_bytes()).unwrap();
        sent_tx.send(()).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
    });
    sent_rx.recv_timeout(Duration::from_secs(60)).expect("the body was sent");
    std::thread::sleep(Duration::from_millis(150));
    s.child.kill().unwrap(); // SIGKILL
    s.child.wait().unwrap();
    client.join().unwrap();

    // All or nothing of the request; everything before it; a whole database.
    let (docs, after_relations, ok) = store_state(&db);
    assert_eq!(ok, "ok");
    assert!(docs == 20 || docs == 3020, "{docs} documents: part of a request was stored");
    assert!(after_relations >= relations);
    eprintln!("killed with {docs} documents stored");

    // Started again, the server takes the request whole.
    let s = serve_at(&db, &[]);
    let (status, body) = post(s.addr, big_request().as_bytes());
    assert_eq!(status, 200, "{body}");
    let (docs, _, ok) = store_state(&db);
    assert_eq!((docs, ok.as_str()), (3020, "ok"));
}
