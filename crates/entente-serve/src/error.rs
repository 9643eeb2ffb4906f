//! Errors as the API answers them: `{"error": message, "status": code}` with that status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use entente_store::StoreError;

/// An error answer: a status and a message for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into() }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

/// The JSON body of an error answer.
pub fn error_body(status: StatusCode, message: &str) -> serde_json::Value {
    serde_json::json!({ "error": message, "status": status.as_u16() })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(error_body(self.status, &self.message))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            // The query text is the client's: say what is wrong with it, not where the file is.
            StoreError::BadQuery { query, detail, .. } => {
                ApiError::bad_request(format!("search query {query:?} is not valid full-text syntax: {detail}"))
            }
            StoreError::Locked { .. } => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the store is busy; try again"),
            other => {
                eprintln!("entente serve: store error: {other}");
                ApiError::internal("the store failed to answer (the server's log says why)")
            }
        }
    }
}
