#![no_main]
//! The WARC reader resynchronises after a damaged record: a record whose header lines (mode 0)
//! or whose Content-Length value (mode 1) are arbitrary bytes, then two good records. Unless the
//! damaged record declares a valid length within the limit (its block then takes what that
//! length says), both good records are read.
use libfuzzer_sys::fuzz_target;

const LIMIT: u64 = 4096;

fn good(id: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Page {id}.</p></body></html>");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    // No version line can hide in the damage: every `W` is lowercased.
    let damage: Vec<u8> = rest.iter().map(|&b| if b == b'W' { b'w' } else { b }).collect();
    let mut bytes = b"WARC/1.0\r\nWARC-Type: response\r\n".to_vec();
    let checked = if mode % 2 == 0 {
        // Arbitrary header lines and block; no Content-Length among them.
        let lower = damage.to_ascii_lowercase();
        let has_length = lower.windows(14).any(|w| w == b"content-length");
        bytes.extend_from_slice(&damage);
        !has_length
    } else {
        // An arbitrary Content-Length value on one line.
        let value: Vec<u8> = damage.into_iter().filter(|&b| b != b'\r' && b != b'\n').collect();
        let within = std::str::from_utf8(&value).ok().and_then(|v| v.trim().parse::<u64>().ok()).is_some_and(|n| n <= LIMIT);
        bytes.extend_from_slice(b"Content-Length: ");
        bytes.extend_from_slice(&value);
        bytes.extend_from_slice(b"\r\n");
        !within
    };
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes.extend(good("good-1"));
    bytes.extend(good("good-2"));
    let ids: Vec<String> =
        entente_read::warc::documents(&bytes[..], LIMIT).filter_map(Result::ok).map(|d| d.id).collect();
    if checked {
        assert!(ids.ends_with(&["good-1".to_string(), "good-2".to_string()]), "{ids:?}");
    }
});
