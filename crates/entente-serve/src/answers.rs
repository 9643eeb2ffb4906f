//! The answers of the costly listings (the map's graph, the actor list), kept while the store
//! does not change.
//!
//! Both aggregate every relation of the store: on a store of 100,000 documents (1.1 million
//! relations) the actor list took 8–11 s and the graph 3 s, and the page asks for both each
//! time it opens. A store is mostly read long after it was written, so an answer is kept, by
//! its route and query, together with the store's version when it was worked out, and given
//! again while the version is the same.
//!
//! The version is SQLite's `PRAGMA data_version` on a connection of its own that never writes:
//! it changes whenever any other connection commits, this server's writer or another process's
//! `entente ingest` alike. It is read before the answer is worked out, so an answer that saw a
//! later write is kept under the earlier version, and is worked out again at the next request.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

use crate::error::ApiError;

/// Answers kept at most (all are forgotten when one more comes, as for the titles).
const MAX_ANSWERS: usize = 32;

pub(crate) struct Answers {
    version: Mutex<Connection>,
    kept: Mutex<HashMap<String, (i64, Value)>>,
}

impl Answers {
    pub fn open(path: &Path) -> Result<Answers, entente_store::StoreError> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| entente_store::StoreError::CannotOpen {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                })?;
        Ok(Answers { version: Mutex::new(conn), kept: Mutex::new(HashMap::new()) })
    }

    /// The store's version as this connection sees it.
    pub fn version(&self) -> Result<i64, ApiError> {
        let conn = self.version.lock().unwrap_or_else(|e| e.into_inner());
        Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The answer kept for `key`, if it was worked out at `version`.
    pub fn get(&self, key: &str, version: i64) -> Option<Value> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(key).filter(|(v, _)| *v == version).map(|(_, answer)| answer.clone())
    }

    pub fn put(&self, key: String, version: i64, answer: Value) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= MAX_ANSWERS && !kept.contains_key(&key) {
            kept.clear();
        }
        kept.insert(key, (version, answer));
    }

    /// The answer for `key` at the store's present version: the kept one, or `work`'s, then
    /// kept (blocking).
    pub fn answer(&self, key: String, work: impl FnOnce() -> Result<Value, ApiError>) -> Result<Value, ApiError> {
        let version = self.version()?;
        if let Some(answer) = self.get(&key, version) {
            return Ok(answer);
        }
        let answer = work()?;
        self.put(key, version, answer.clone());
        Ok(answer)
    }
}
