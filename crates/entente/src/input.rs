//! Documents from their JSON form: `{"id", "text" | "html", "url"?, "date"?, "title"?}`, the
//! input format of `extract`, `ingest` and the server's `POST /api/documents`.

use entente_core::{is_partial_date, Content, Document};
use serde::Deserialize;

/// Why a JSON document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("not a JSON object")]
    NotObject,
    #[error("no \"id\" (a non-empty string)")]
    MissingId,
    #[error("neither \"text\" nor \"html\" is given")]
    MissingContent,
    #[error("\"date\" is {0:?}, not YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
    #[error("field \"{0}\" is not a string")]
    NotString(&'static str),
}

#[derive(Deserialize)]
struct Raw {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    html: Option<serde_json::Value>,
    url: Option<serde_json::Value>,
    date: Option<serde_json::Value>,
    title: Option<serde_json::Value>,
}

fn opt_string(v: Option<serde_json::Value>, field: &'static str) -> Result<Option<String>, InputError> {
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(InputError::NotString(field)),
    }
}

/// Parses one document from a JSON value.
pub fn document_from_value(value: serde_json::Value) -> Result<Document, InputError> {
    if !value.is_object() {
        return Err(InputError::NotObject);
    }
    let raw: Raw = serde_json::from_value(value).map_err(|e| InputError::NotJson(e.to_string()))?;
    let id = match raw.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err(InputError::MissingId),
    };
    let content = match (opt_string(raw.html, "html")?, opt_string(raw.text, "text")?) {
        (Some(h), _) => Content::Html(h),
        (None, Some(t)) => Content::Text(t),
        (None, None) => return Err(InputError::MissingContent),
    };
    let date = opt_string(raw.date, "date")?.filter(|d| !d.is_empty());
    if let Some(d) = &date {
        if !is_partial_date(d) {
            return Err(InputError::BadDate(d.clone()));
        }
    }
    Ok(Document { id, url: opt_string(raw.url, "url")?, date, title: opt_string(raw.title, "title")?, content })
}

/// Parses one line of JSON Lines into a document.
pub fn document_from_json(line: &str) -> Result<Document, InputError> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| InputError::NotJson(e.to_string()))?;
    document_from_value(value)
}

/// One line of a JSON Lines stream, read by [`json_lines`]: its number (from 1), how many
/// invalid UTF-8 sequences were replaced in it, and its document or why there is none.
#[derive(Debug)]
pub struct JsonLine {
    pub line: usize,
    pub replaced: usize,
    pub document: Result<Document, String>,
}

/// The documents of a JSON Lines stream, one line at a time. A line longer than `max_bytes`
/// is an error ("line longer than the limit of N bytes") and is skipped without being kept:
/// at most `max_bytes + 1` bytes of any line are ever held, whatever its length (a gzip bomb
/// of one line, `/dev/zero`). Blank lines are passed over; a read error ends the stream.
pub fn json_lines<R: std::io::BufRead>(reader: R, max_bytes: u64) -> impl Iterator<Item = JsonLine> {
    let mut reader = reader;
    let mut line = 0usize;
    let mut buf = Vec::new();
    let mut done = false;
    std::iter::from_fn(move || loop {
        use std::io::{BufRead, Read};
        if done {
            return None;
        }
        buf.clear();
        line += 1;
        let failed = |e: std::io::Error| JsonLine { line, replaced: 0, document: Err(format!("cannot read: {e}")) };
        match reader.by_ref().take(max_bytes.saturating_add(1)).read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                done = true;
                return Some(failed(e));
            }
        }
        if buf.len() as u64 > max_bytes && !buf.ends_with(b"\n") {
            // The rest of the over-long line, read and dropped.
            buf = Vec::new();
            if let Err(e) = skip_line(&mut reader) {
                done = true;
                return Some(failed(e));
            }
            let message = format!("line longer than the limit of {max_bytes} bytes");
            return Some(JsonLine { line, replaced: 0, document: Err(message) });
        }
        let (text, replaced) = crate::decode_text(&buf);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        return Some(JsonLine { line, replaced, document: document_from_json(text).map_err(|e| e.to_string()) });
    })
}

/// Reads past the next newline (or to the end), keeping nothing but the reader's own buffer.
fn skip_line<R: std::io::BufRead>(reader: &mut R) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_documents_and_refuses_bad_ones() {
        let d = document_from_json(r#"{"id":"a","text":"Hi.","date":"2016-12","url":"http://x"}"#).unwrap();
        assert_eq!(d.id, "a");
        assert_eq!(d.date.as_deref(), Some("2016-12"));
        assert_eq!(d.content, Content::Text("Hi.".into()));
        let h = document_from_json(r#"{"id":7,"html":"<p>x</p>"}"#).unwrap();
        assert_eq!(h.id, "7");
        assert!(matches!(h.content, Content::Html(_)));
        assert!(matches!(document_from_json("{not json"), Err(InputError::NotJson(_))));
        assert_eq!(document_from_json(r#"{"text":"x"}"#), Err(InputError::MissingId));
        assert_eq!(document_from_json(r#"{"id":"a"}"#), Err(InputError::MissingContent));
        assert_eq!(document_from_json(r#"[1]"#), Err(InputError::NotObject));
        assert_eq!(
            document_from_json(r#"{"id":"a","text":"x","date":"yesterday"}"#),
            Err(InputError::BadDate("yesterday".into()))
        );
        assert_eq!(document_from_json(r#"{"id":"a","text":5}"#), Err(InputError::NotString("text")));
    }
}
