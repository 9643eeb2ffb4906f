//! Two defences at the edge of the server (issue 23):
//!
//! - **DNS rebinding.** A page on `evil.example` whose name is made to resolve to 127.0.0.1 is
//!   same-origin with this server in the browser's eyes, so the browser lets it read the
//!   answers. Its requests still say `Host: evil.example`, so [`check_host`] answers only
//!   requests whose `Host` is `localhost` (or a name under `.localhost`), an IP address (which
//!   no rebinding can forge: the page's origin would be that address itself), or a name given
//!   with `--allow-host`; any other gets `421` and nothing is read or written.
//! - **Errors hyper writes itself.** A request head hyper cannot take (a URL over 65,534 bytes:
//!   `414`; a head over its buffer, 400 KB, or over 100 headers: `431`; not HTTP: `400`) is
//!   answered by hyper before any service runs, with an empty body and none of the security
//!   headers. [`JsonErrors`] wraps the connection and replaces that answer, as it is written,
//!   by the same status with a JSON body and the headers of every other answer.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::ApiError;

/// Whether a request naming `host` (the `Host` header's value, port included) is for this
/// server: `localhost`, `*.localhost`, an IP address, or one of `allowed` (without port, any
/// case).
pub fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        match rest.split_once(']') {
            Some((v6, port)) if port.is_empty() || port.starts_with(':') => {
                return v6.parse::<std::net::Ipv6Addr>().is_ok();
            }
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
        || allowed.iter().any(|a| a.trim_end_matches('.').eq_ignore_ascii_case(&name))
}

/// Refuses (`421`) a request whose `Host` header names another server; see the module's text.
/// A request without a `Host` header (HTTP/1.0) is not from a browser and is served.
pub async fn check_host(State(allowed): State<Arc<[String]>>, req: Request, next: Next) -> Response {
    if let Some(host) = req.headers().get(header::HOST) {
        let host = String::from_utf8_lossy(host.as_bytes()).into_owned();
        if !host_allowed(&host, &allowed) {
            let shown: String = host.chars().take(100).collect();
            return ApiError::new(
                StatusCode::MISDIRECTED_REQUEST,
                format!(
                    "this server answers to localhost, its IP addresses and the names given with --allow-host, \
                     not to {shown:?} (a page that rebinds its name to this address is refused)"
                ),
            )
            .into_response();
        }
    }
    next.run(req).await
}

/// The answer hyper writes for a head it could not parse, if `out` is one: its status.
fn hyper_error(out: &[u8]) -> Option<StatusCode> {
    let status = match out.get(..13)? {
        b"HTTP/1.1 400 " => StatusCode::BAD_REQUEST,
        b"HTTP/1.1 414 " => StatusCode::URI_TOO_LONG,
        b"HTTP/1.1 431 " => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        _ => return None,
    };
    // Every answer of the router has a body; hyper's has none. (A body cannot contain a raw
    // line break: every answer with text in it is JSON.)
    let head_end = out.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = out[..head_end].to_ascii_lowercase();
    let empty = head.windows(19).any(|w| w == b"\r\ncontent-length: 0") && out.len() == head_end + 4;
    empty.then_some(status)
}

/// The JSON answer that replaces hyper's empty one.
fn json_answer(status: StatusCode) -> Vec<u8> {
    let message = match status {
        StatusCode::URI_TOO_LONG => "the URL is longer than the server reads (65,534 bytes)",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => {
            "the request's head (its URL and headers) is larger than the server reads (about 400 KB, or 100 headers)"
        }
        _ => "the request is not HTTP/1.1 the server can read",
    };
    let body = crate::error::error_body(status, message).to_string();
    let mut out = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        body.len()
    );
    for (name, value) in crate::SECURITY_HEADERS {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("cache-control: no-store\r\n\r\n");
    out.push_str(&body);
    out.into_bytes()
}

/// A connection whose answers pass unchanged, except hyper's own empty error answers, which
/// become JSON ones (see the module's text). Writes are not vectored, so that an answer's
/// head arrives in one write.
pub struct JsonErrors<S> {
    inner: S,
    /// A replacement being written, and how much of it is written.
    pending: Option<(Vec<u8>, usize)>,
}

impl<S> JsonErrors<S> {
    pub fn new(inner: S) -> Self {
        JsonErrors { inner, pending: None }
    }
}

impl<S: AsyncWrite + Unpin> JsonErrors<S> {
    fn drive_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, done)) = &mut self.pending {
            if *done == bytes.len() {
                self.pending = None;
                break;
            }
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &bytes[*done..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *done += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for JsonErrors<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for JsonErrors<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        ready!(self.drive_pending(cx))?;
        if let Some(status) = hyper_error(buf) {
            self.pending = Some((json_answer(status), 0));
            // Written as far as hyper knows; flush and shutdown write the replacement.
            let _ = self.drive_pending(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drive_pending(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drive_pending(cx))?;
        ready!(Pin::new(&mut self.inner).poll_shutdown(cx))?;
        // Read what the client has already sent (the rest of a head too large to take), so
        // that closing does not reset the connection before the client reads the answer.
        let mut scratch = [0u8; 16 * 1024];
        for _ in 0..256 {
            let mut rb = ReadBuf::new(&mut scratch);
            match Pin::new(&mut self.inner).poll_read(cx, &mut rb) {
                Poll::Ready(Ok(())) if !rb.filled().is_empty() => continue,
                _ => break,
            }
        }
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let none: Vec<String> = Vec::new();
        for ok in [
            "localhost",
            "localhost:8080",
            "LOCALHOST.",
            "map.localhost:1",
            "127.0.0.1:8080",
            "10.0.0.2",
            "[::1]:80",
            "[::1]",
        ] {
            assert!(host_allowed(ok, &none), "{ok}");
        }
        for bad in
            ["evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.evil.example", "[::1]x", "", "x"]
        {
            assert!(!host_allowed(bad, &none), "{bad}");
        }
        assert!(host_allowed("Map.Example:443", &["map.example".to_string()]));
    }

    #[test]
    fn only_hypers_empty_errors_are_replaced() {
        let hyper = b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        assert_eq!(hyper_error(hyper), Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE));
        let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(hyper_error(ours), None);
        let answer = String::from_utf8(json_answer(StatusCode::URI_TOO_LONG)).unwrap();
        assert!(answer.starts_with("HTTP/1.1 414 URI Too Long\r\ncontent-type: application/json\r\n"), "{answer}");
        assert!(answer.contains("\r\nx-content-type-options: nosniff\r\n"), "{answer}");
    }
}
