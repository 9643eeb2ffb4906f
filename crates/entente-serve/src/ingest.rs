//! `POST /api/documents`: documents in the input format of `extract` (one JSON object, a JSON
//! array of them, or JSON Lines), extracted and stored in one transaction. All or nothing: a
//! request with one bad document stores none and says which line is wrong.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use entente::pipeline;
use entente::{Document, EXTRACTOR_VERSION};
use entente_store::{IngestItem, NewDocument};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::routes::authorize;
use crate::{blocking, App, Limits};

/// Splits a body into documents, each with the line (1-based) it starts on.
fn parse_documents(text: &str) -> Result<Vec<(usize, Document)>, ApiError> {
    let bad = |line: usize, e: &dyn std::fmt::Display| ApiError::bad_request(format!("line {line}: {e}"));
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ApiError::bad_request("the body is empty: send a document as JSON, or JSON Lines"));
    }
    let first_line = text[..text.len() - trimmed.len()].matches('\n').count() + 1;
    // One JSON value (an object, or an array of objects), else JSON Lines.
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return match value {
            Value::Array(values) => values
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    entente::input::document_from_value(v)
                        .map(|d| (first_line, d))
                        .map_err(|e| ApiError::bad_request(format!("document {}: {e}", i + 1)))
                })
                .collect(),
            v => entente::input::document_from_value(v).map(|d| vec![(first_line, d)]).map_err(|e| bad(first_line, &e)),
        };
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push((i + 1, entente::input::document_from_json(line).map_err(|e| bad(i + 1, &e))?));
    }
    Ok(out)
}

pub async fn post_documents(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Response {
    match ingest(app, headers, body).await {
        Ok(v) => (StatusCode::OK, Json(v)).into_response(),
        Err(e) => {
            let unauthorized = e.status == StatusCode::UNAUTHORIZED;
            let mut res = e.into_response();
            if unauthorized {
                res.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"entente\""));
            }
            res
        }
    }
}

async fn ingest(app: Arc<App>, headers: HeaderMap, body: Body) -> Result<Value, ApiError> {
    authorize(&app, &headers)?;
    let Limits { max_body, max_documents, body_timeout, threads, .. } = app.limits;
    let read = tokio::time::timeout(body_timeout, axum::body::to_bytes(body, max_body));
    let bytes = read
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!("the body took longer than {} s to arrive", body_timeout.as_secs_f64()),
            )
        })?
        .map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body is larger than {max_body} bytes (or was cut off)"),
            )
        })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| ApiError::bad_request(format!("the body is not UTF-8: {e}")))?;
    let docs = parse_documents(text)?;
    if docs.len() > max_documents {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("{} documents in one request; at most {max_documents}", docs.len()),
        ));
    }
    blocking(move || {
        let mut extracted = Vec::with_capacity(docs.len());
        let work = |(line, doc): (usize, Document)| (line, pipeline::extract(&app.extractor, &doc), doc);
        pipeline::ordered(threads, docs.into_iter(), work, |(line, x, doc)| match x {
            Ok(x) => {
                extracted.push(NewDocument::new(doc, &x.article, x.relations));
                Ok(())
            }
            Err(e) => {
                Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("line {line}: document {:?}: {e}", doc.id)))
            }
        })?;
        let items: Vec<IngestItem<'_>> = extracted.iter().map(NewDocument::item).collect();
        let outcome = app.db.write(|store| Ok(store.ingest_batch(&items, EXTRACTOR_VERSION)?))?;
        let documents: Vec<Value> = extracted
            .iter()
            .map(|x| json!({"id": x.document.id, "article_date": x.article_date, "relations": x.relations.len()}))
            .collect();
        Ok(json!({
            "added": outcome.added,
            "replaced": outcome.replaced,
            "unchanged": outcome.unchanged,
            "relations": outcome.relations,
            "extractor_version": EXTRACTOR_VERSION,
            "documents": documents,
        }))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::parse_documents;

    #[test]
    fn one_object_an_array_or_json_lines() {
        assert_eq!(parse_documents(r#"{"id":"a","text":"x"}"#).unwrap().len(), 1);
        assert_eq!(parse_documents(r#"[{"id":"a","text":"x"},{"id":"b","text":"y"}]"#).unwrap().len(), 2);
        let lines = "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"text\":\"y\"}\n";
        let docs = parse_documents(lines).unwrap();
        assert_eq!(docs.iter().map(|d| d.0).collect::<Vec<_>>(), vec![1, 3]);
        let e = parse_documents("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\"}\n").unwrap_err();
        assert!(e.message.starts_with("line 2:"), "{}", e.message);
        assert!(parse_documents("  \n").is_err());
        assert!(parse_documents("[1]").is_err());
    }
}
