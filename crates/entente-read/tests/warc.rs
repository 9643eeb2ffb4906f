//! WARC files built here, record by record: each HTML response becomes a document with its URL
//! and day; other records are passed over; a gzipped WARC (one gzip member per record) reads the
//! same once ungzipped; the document reads into an article.

use std::io::{BufReader, Write};

use entente_read::warc;

fn record(kind: &str, id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2016-12-21T23:59:59Z\r\nContent-Type: application/http; msgtype={kind}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn archive() -> Vec<Vec<u8>> {
    let page = std::fs::read(format!("{}/tests/data/news.html", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(&page);
    let mut gzipped = Vec::new();
    {
        let mut enc = flate2::write::GzEncoder::new(&mut gzipped, flate2::Compression::fast());
        enc.write_all(b"<html><body><p>Second page, sent gzip-encoded by its server, about trade talks between Chile and Peru.</p></body></html>").unwrap();
        enc.finish().unwrap();
    }
    let mut http2 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http2.extend_from_slice(&gzipped);
    vec![
        record("warcinfo", "info-1", "", b"software: entente-test\r\nformat: WARC File Format 1.0\r\n"),
        record(
            "request",
            "req-1",
            "https://ledger.example/world/2016/12/21/gas-corridor",
            b"GET /world HTTP/1.1\r\nHost: ledger.example\r\n\r\n",
        ),
        record("response", "resp-1", "https://ledger.example/world/2016/12/21/gas-corridor", &http),
        record(
            "response",
            "resp-2",
            "https://ledger.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n",
        ),
        record("metadata", "meta-1", "https://ledger.example/", b"via: test\r\n"),
        record("response", "resp-3", "https://wire.example/trade", &http2),
    ]
}

#[test]
fn html_responses_become_documents() {
    let bytes: Vec<u8> = archive().concat();
    let docs: Vec<_> = warc::documents(&bytes[..], 10 << 20).collect::<Result<_, _>>().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "resp-1");
    assert_eq!(docs[0].url.as_deref(), Some("https://ledger.example/world/2016/12/21/gas-corridor"));
    assert_eq!(docs[0].date.as_deref(), Some("2016-12-21"));
    assert!(docs[0].content.as_str().starts_with("<!DOCTYPE html>"));
    assert!(docs[1].content.as_str().contains("Chile and Peru"));
    let a = entente_read::read(&docs[0], &entente_read::ReadOptions::default()).unwrap();
    assert_eq!(a.title.as_deref(), Some("Norway and Poland agree gas corridor"));
    assert_eq!(a.url.as_deref(), docs[0].url.as_deref());
}

#[test]
fn a_gzipped_warc_reads_the_same() {
    let mut gz = Vec::new();
    for rec in archive() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&rec).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let reader = BufReader::new(flate2::read::MultiGzDecoder::new(&gz[..]));
    let docs: Vec<_> = warc::documents(reader, 10 << 20).collect::<Result<_, _>>().unwrap();
    assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["resp-1", "resp-3"]);
}

#[test]
fn records_are_all_seen_and_limits_hold() {
    let bytes: Vec<u8> = archive().concat();
    let kinds: Vec<String> = warc::records(&bytes[..], 10 << 20).map(|r| r.unwrap().kind().to_string()).collect();
    assert_eq!(kinds, ["warcinfo", "request", "response", "response", "metadata", "response"]);
    // A block over the limit is an error, and reading goes on after it.
    let out: Vec<_> = warc::documents(&bytes[..], 200).collect();
    assert!(out.iter().any(|r| r.as_ref().is_err_and(|e| e.message.contains("over the limit"))));
    assert!(out.iter().any(|r| r.as_ref().is_ok_and(|d| d.id == "resp-3")));
    // Junk before a record is reported, and the record after it still read.
    let mut junk = b"this is not a warc\r\n".to_vec();
    junk.extend(archive()[2].clone());
    let out: Vec<_> = warc::documents(&junk[..], 10 << 20).collect();
    assert_eq!(out.len(), 2);
    assert!(out[0].is_err());
    assert_eq!(out[1].as_ref().unwrap().id, "resp-1");
}

/// A response record holding a short page about `topic`.
fn page_record(id: &str, topic: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>A page about {topic}, and the talks between Chile and Peru.</p></body></html>"
    );
    record("response", id, &format!("https://wire.example/{id}"), http.as_bytes())
}

/// A record whose Content-Length is replaced by `length` (`None`: no such field).
fn with_length(rec: &[u8], length: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8(rec.to_vec()).unwrap();
    let start = text.find("Content-Length: ").unwrap();
    let end = start + text[start..].find("\r\n").unwrap() + 2;
    let field = length.map_or(String::new(), |l| format!("Content-Length: {l}\r\n"));
    format!("{}{field}{}", &text[..start], &text[end..]).into_bytes()
}

#[test]
fn a_bad_content_length_loses_only_its_record() {
    for (length, says) in [
        (None, "no valid Content-Length (none); skipped to the next record"),
        (Some("twelve"), "no valid Content-Length (\"twelve\"); skipped to the next record"),
        (Some("-5"), "no valid Content-Length (\"-5\"); skipped to the next record"),
        (Some("99999999999999999999999"), "skipped to the next record"),
        // Over the limit and longer than all that follows: the next record still ends it.
        (Some("1000000000000"), "a block of 1000000000000 bytes, over the limit"),
    ] {
        let bytes = [
            page_record("one", "wheat"),
            with_length(&page_record("two", "salt"), length),
            page_record("three", "copper"),
            page_record("four", "tin"),
        ]
        .concat();
        let out: Vec<_> = warc::documents(&bytes[..], 1 << 20).collect();
        let ids: Vec<&str> = out.iter().filter_map(|r| r.as_ref().ok()).map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["one", "three", "four"], "Content-Length {length:?}: {out:?}");
        let errors: Vec<String> = out.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("WARC record 2 (byte ") && errors[0].contains(says), "{errors:?}");
    }
}
