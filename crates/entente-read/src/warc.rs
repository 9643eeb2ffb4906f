//! Web archives (WARC 1.0 / 1.1, as crawlers write them): records from any [`BufRead`], and
//! each `response` record holding an HTML page as a [`Document`].
//!
//! Pure parsing: the caller opens the file (and ungzips a `.warc.gz`, whose records are
//! concatenated gzip members). A record's HTTP payload is taken out of its HTTP response
//! (status line and headers dropped, chunked transfer coding and gzip or deflate content coding
//! undone) and decoded from UTF-8, ISO-8859-1 or windows-1252 as its headers or `<meta
//! charset>` say. A malformed record is an error naming its place; reading goes on with the next.
//!
//! ```
//! use entente_read::warc;
//! let page = "<html><body><p>Talks resumed.</p></body></html>";
//! let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
//! let rec = format!(
//!     "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\n\
//!      WARC-Date: 2016-12-21T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1234>\r\n\
//!      Content-Length: {}\r\n\r\n{http}\r\n\r\n",
//!     http.len()
//! );
//! let docs: Vec<_> = warc::documents(rec.as_bytes(), 1 << 20).collect();
//! let doc = docs[0].as_ref().unwrap();
//! assert_eq!(doc.url.as_deref(), Some("https://news.example/a"));
//! assert_eq!(doc.date.as_deref(), Some("2016-12-21"));
//! ```

use std::io::{BufRead, Read};

use entente_core::{Content, Document};

/// One WARC record: its named fields and its content block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The header fields in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The content block (for a `response`, the HTTP response as received).
    pub block: Vec<u8>,
}

impl Record {
    /// The value of a header field (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
    /// `WARC-Type`: `response`, `request`, `warcinfo`, `metadata`, ...
    pub fn kind(&self) -> &str {
        self.header("WARC-Type").unwrap_or("")
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("WARC record {record} (byte {offset}): {message}")]
pub struct WarcError {
    /// 1-based number of the record in the file.
    pub record: usize,
    /// Byte offset of the record's start in the (uncompressed) stream.
    pub offset: u64,
    pub message: String,
}

/// Reads records one at a time from a stream.
pub struct Records<R> {
    reader: R,
    offset: u64,
    record: usize,
    max_bytes: u64,
    done: bool,
    /// Where a record starts whose version line was read while skipping junk.
    pending: Option<u64>,
}

/// The records of a WARC stream. A block over `max_bytes` is skipped with an error.
pub fn records<R: BufRead>(reader: R, max_bytes: u64) -> Records<R> {
    Records { reader, offset: 0, record: 0, max_bytes, done: false, pending: None }
}

impl<R: BufRead> Records<R> {
    fn read_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        self.read_line_within(buf, u64::MAX)
    }

    /// A line of at most `most` bytes (and at most 64 KB: a header line longer is not WARC).
    fn read_line_within(&mut self, buf: &mut Vec<u8>, most: u64) -> std::io::Result<usize> {
        buf.clear();
        let n = (&mut self.reader).take(most.min(64 * 1024)).read_until(b'\n', buf)?;
        self.offset += n as u64;
        Ok(n)
    }

    /// Reads on, line by line, to the next record's version line (`WARC/1.`, after a blank line
    /// when `after_blank`), reading at most `most` bytes. Found, the record is read next
    /// (`pending`) and this is true; at the end of the stream, reading is done.
    fn skip_to_next_record(&mut self, most: u64, after_blank: bool) -> bool {
        let mut line = Vec::new();
        let mut left = most;
        let mut blank_before = true;
        while left > 0 {
            let at = self.offset;
            match self.read_line_within(&mut line, left) {
                Ok(0) | Err(_) => {
                    self.done = true;
                    return false;
                }
                Ok(n) => left -= n as u64,
            }
            if line.starts_with(b"WARC/1.") && (blank_before || !after_blank) {
                self.pending = Some(at);
                return true;
            }
            // A line cut at 64 KB goes on in the next read: it is not a line's start.
            blank_before = line.ends_with(b"\n") && line.iter().all(u8::is_ascii_whitespace);
        }
        false
    }

    fn error(&mut self, offset: u64, message: impl Into<String>) -> Option<Result<Record, WarcError>> {
        Some(Err(WarcError { record: self.record, offset, message: message.into() }))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Some(start) = self.pending.take() {
            self.record += 1;
            return self.record_after_version(start);
        }
        let mut line = Vec::new();
        // Skip blank lines between records; find the version line.
        loop {
            let at = self.offset;
            match self.read_line(&mut line) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return self.error(at, format!("cannot read: {e}"));
                }
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.record += 1;
            if line.starts_with(b"WARC/") {
                return self.record_after_version(at);
            }
            // Not at a record: skip to the next version line, and say so.
            loop {
                let next_at = self.offset;
                match self.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        self.done = true;
                        break;
                    }
                    Ok(_) if line.starts_with(b"WARC/") => {
                        self.pending = Some(next_at);
                        break;
                    }
                    Ok(_) => {}
                }
            }
            return self.error(at, "not a WARC record (no \"WARC/\" version line); skipped to the next");
        }
    }
}

impl<R: BufRead> Records<R> {
    /// Reads the header fields and block of a record whose version line has just been read.
    fn record_after_version(&mut self, start: u64) -> Option<Result<Record, WarcError>> {
        let mut line = Vec::new();
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match self.read_line(&mut line) {
                Ok(0) => {
                    self.done = true;
                    return self.error(start, "the stream ends inside the record's header");
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return self.error(start, format!("cannot read: {e}"));
                }
            }
            let t = String::from_utf8_lossy(&line);
            let t = t.trim_end_matches(['\r', '\n']);
            if t.is_empty() {
                break;
            }
            if (t.starts_with(' ') || t.starts_with('\t')) && !headers.is_empty() {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(t.trim());
                }
                continue;
            }
            match t.split_once(':') {
                Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
                None => return self.error(start, format!("a header line without a colon: {t:?}")),
            }
            if headers.len() > 1000 {
                self.skip_to_next_record(u64::MAX, false);
                return self.error(start, "more than 1000 header fields; skipped to the next record");
            }
        }
        let Some(len) = header(&headers, "Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            // Missing, negative, not a number or past 2^64: the block's end is unknown, so the
            // next record is the next version line.
            let given = header(&headers, "Content-Length").map_or("none".to_string(), |v| format!("{v:?}"));
            self.skip_to_next_record(u64::MAX, false);
            return self.error(start, format!("no valid Content-Length ({given}); skipped to the next record"));
        };
        if len > self.max_bytes {
            // Skipped line by line, keeping nothing; a length larger than the block (or than the
            // whole stream) stops at the next record's version line after a blank line, which
            // is how every record ends.
            self.skip_to_next_record(len, true);
            return self.error(start, format!("a block of {len} bytes, over the limit of {} bytes", self.max_bytes));
        }
        let mut block = Vec::with_capacity(len.min(1 << 24) as usize);
        match (&mut self.reader).take(len).read_to_end(&mut block) {
            Ok(n) => self.offset += n as u64,
            Err(e) => {
                self.done = true;
                return self.error(start, format!("cannot read the block: {e}"));
            }
        }
        if (block.len() as u64) < len {
            self.done = true;
            return self.error(start, format!("the stream ends inside the block ({} of {len} bytes)", block.len()));
        }
        Some(Ok(Record { headers, block }))
    }
}

type Headers = Vec<(String, String)>;

/// An HTTP response split into its header fields and its body (coding undone).
fn http_payload(block: &[u8], max_bytes: u64) -> Option<(Headers, Vec<u8>)> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let split = find(block, b"\r\n\r\n").map(|i| (i, 4)).or_else(|| find(block, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut headers = Vec::new();
    for l in head.lines().skip(1) {
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let mut body = block[split.0 + split.1..].to_vec();
    if header(&headers, "Transfer-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        if let Some(b) = unchunk(&body) {
            body = b;
        }
    }
    let coding = header(&headers, "Content-Encoding").unwrap_or("").to_ascii_lowercase();
    if coding.contains("gzip") || coding.contains("deflate") {
        let mut out = Vec::new();
        let ok = if coding.contains("gzip") {
            flate2::read::MultiGzDecoder::new(&body[..]).take(max_bytes + 1).read_to_end(&mut out).is_ok()
        } else {
            flate2::read::ZlibDecoder::new(&body[..]).take(max_bytes + 1).read_to_end(&mut out).is_ok()
        };
        if ok && !out.is_empty() {
            body = out;
        }
    }
    Some((headers, body))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undoes HTTP chunked transfer coding; `None` when the body is not validly chunked.
fn unchunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    loop {
        let eol = i + find(&body[i..], b"\r\n")?;
        let size_text = std::str::from_utf8(&body[i..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        i = eol + 2;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        out.extend_from_slice(body.get(i..end)?);
        i = end + 2;
        if i > body.len() {
            return Some(out);
        }
    }
}

/// The charset an HTTP `Content-Type` or the page's `<meta>` declares, lowercased.
fn charset(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    let from = |s: &str| -> Option<String> {
        let lower = s.to_ascii_lowercase();
        let at = lower.find("charset=")? + 8;
        let v: String = lower[at..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        (!v.is_empty()).then_some(v)
    };
    content_type.and_then(from).or_else(|| {
        let head = &body[..body.len().min(2048)];
        from(&String::from_utf8_lossy(head))
    })
}

/// windows-1252's characters for bytes 0x80 to 0x9F (ISO-8859-1 has controls there).
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes a page: UTF-8 unless it declares ISO-8859-1 or windows-1252 (and is not valid
/// UTF-8). Returns the text and the number of invalid sequences replaced.
pub fn decode_page(body: &[u8], declared: Option<&str>) -> (String, usize) {
    if let Ok(s) = std::str::from_utf8(body) {
        return (s.to_string(), 0);
    }
    match declared {
        Some("iso-8859-1" | "latin1" | "latin-1" | "windows-1252" | "cp1252" | "us-ascii" | "ascii") => {
            let text = body
                .iter()
                .map(|&b| match b {
                    0x80..=0x9f => CP1252[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect();
            (text, 0)
        }
        _ => entente_text::decode(body),
    }
}

/// The day of a WARC-Date (`2016-12-21T10:00:00Z` → `2016-12-21`).
fn day(date: &str) -> Option<String> {
    let d = date.trim().get(..10)?;
    entente_core::is_partial_date(d).then(|| d.to_string())
}

/// The document in a `response` record holding an HTML page (`None` for other records: requests,
/// metadata, images, redirects without a body).
pub fn document(rec: &Record, max_bytes: u64) -> Option<Document> {
    if !rec.kind().eq_ignore_ascii_case("response") {
        return None;
    }
    let url = rec.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
    let (http_headers, body) = match http_payload(&rec.block, max_bytes) {
        Some(p) => p,
        // A response record may hold the payload alone (no HTTP envelope).
        None => (Vec::new(), rec.block.clone()),
    };
    let content_type = header(&http_headers, "Content-Type");
    let looks_html = {
        let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
        head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") || head.contains("<p")
    };
    let html = match content_type {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.contains("html") || (ct.contains("text/plain") && looks_html)
        }
        None => looks_html,
    };
    if !html || body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let cs = charset(content_type, &body);
    let (text, _) = decode_page(&body, cs.as_deref());
    let id = rec
        .header("WARC-Record-ID")
        .map(|r| {
            let r = r.trim().trim_matches(['<', '>']);
            r.strip_prefix("urn:uuid:").unwrap_or(r).to_string()
        })
        .filter(|r| !r.is_empty())
        .or_else(|| url.clone())?;
    Some(Document { id, url, date: rec.header("WARC-Date").and_then(day), title: None, content: Content::Html(text) })
}

/// The HTML documents of a WARC stream, with an error for each record that could not be read.
/// Blocks over `max_bytes` are skipped with an error.
pub fn documents<R: BufRead>(reader: R, max_bytes: u64) -> impl Iterator<Item = Result<Document, WarcError>> {
    records(reader, max_bytes).filter_map(move |r| match r {
        Ok(rec) => document(&rec, max_bytes).map(Ok),
        Err(e) => Some(Err(e)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-11-19T08:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{kind}-1>\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    #[test]
    fn chunked_and_latin1() {
        let body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Ca\r\n7\r\nf\xe9s</p>\r\n0\r\n\r\n";
        let warc = record("response", "http://x.example/", body);
        let docs: Vec<_> = documents(&warc[..], 1 << 20).collect();
        assert_eq!(docs.len(), 1);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.content.as_str(), "<p>Caf\u{e9}s</p>");
        assert_eq!(d.id, "response-1");
    }

    #[test]
    fn skips_other_records_and_reports_bad_ones() {
        let mut warc = record("warcinfo", "", b"software: test\r\n");
        warc.extend(record("request", "http://x.example/", b"GET / HTTP/1.1\r\n\r\n"));
        warc.extend(record(
            "response",
            "http://x.example/img",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        warc.extend(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n");
        let out: Vec<_> = documents(&warc[..], 1 << 20).collect();
        assert_eq!(out.len(), 1);
        assert!(out[0].as_ref().unwrap_err().message.contains("Content-Length"));
    }

    #[test]
    fn never_panics_on_garbage() {
        for junk in [
            &b""[..],
            b"WARC/1.0",
            b"WARC/1.0\r\nContent-Length: 99999\r\n\r\nshort",
            b"\xff\xfe\x00garbage\n\n",
            b"HTTP/1.1",
        ] {
            let _ = documents(junk, 1 << 20).count();
        }
        assert_eq!(unchunk(b"zz\r\n"), None);
        assert_eq!(unchunk(b"ffffffffffffffff\r\nab"), None);
    }
}
