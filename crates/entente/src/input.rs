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
