//! The answers of the costly listings (the map's graph, the actor list), kept while the store
//! does not change.
//!
//! Both aggregate every relation of the store: on a store of 100,000 documents (1.1 million
//! relations) the actor list took 8–11 s and the graph 3 s, and the page asks for both each
//! time it opens. A store is mostly read long after it was written, so an answer is kept, by
//! its route and query, together with the store's version when it was worked out, and given
//! again while the version is the same.
//!
//! Requests that ask for an answer while it is being worked out wait for it instead of working
//! it out too, and the server works out the page's first answers when it starts and again after
//! the store changes (`keep_warm`), so that no visitor waits seconds for them.
//!
//! The version is the store's `data_version` on a connection of its own that never writes
//! (SQLite's `PRAGMA data_version`): it changes whenever any other connection commits, this
//! server's writer or another process's `entente ingest` alike. It is read before the answer is worked out, so an answer that saw a
//! later write is kept under the earlier version, and is worked out again at the next request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use entente_store::{Connector, StoreError};
use serde_json::Value;

use crate::error::ApiError;

/// Answers kept at most, and their bytes at most: when one more would pass either, all are
/// forgotten. An answer over a quarter of the bytes is not kept.
const MAX_ANSWERS: usize = 32;
const MAX_BYTES: usize = 64 << 20;

/// Answers as JSON text, so that a kept one is sent as it is, not encoded again.
#[derive(Default)]
struct Kept {
    answers: HashMap<String, (i64, Bytes)>,
    bytes: usize,
}

/// An answer as JSON text, and whether it was kept from an earlier request (sent as the
/// `X-Entente-Answer` header: `kept` or `new`).
pub(crate) struct Answered {
    pub json: Bytes,
    pub kept: bool,
}

/// Reads the store's version.
type Version = Box<dyn Fn() -> Result<i64, StoreError> + Send + Sync>;

pub(crate) struct Answers {
    version: Version,
    kept: Mutex<Kept>,
    /// One lock per answer being worked out, so that requests that ask for it meanwhile wait
    /// for it rather than work it out too (the page opened by many after a write).
    working: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

impl Answers {
    /// Answers over the store of `connector`, whose version is read on a connection of its own.
    pub fn open(connector: &dyn Connector) -> Result<Answers, StoreError> {
        let store = Mutex::new(connector.open_for_reading(crate::db::READ_BUSY)?);
        Ok(Answers::with_version(Box::new(move || store.lock().unwrap_or_else(|e| e.into_inner()).data_version())))
    }

    fn with_version(version: Version) -> Answers {
        Answers { version, kept: Mutex::new(Kept::default()), working: Mutex::default() }
    }

    /// The store's version as this connection sees it.
    pub fn version(&self) -> Result<i64, ApiError> {
        Ok((self.version)()?)
    }

    /// The answer kept for `key`, if it was worked out at `version`.
    fn get(&self, key: &str, version: i64) -> Option<Bytes> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.answers.get(key).filter(|(v, _)| *v == version).map(|(_, answer)| answer.clone())
    }

    fn put(&self, key: String, version: i64, answer: Bytes) {
        if answer.len() > MAX_BYTES / 4 {
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, old)) = kept.answers.remove(&key) {
            kept.bytes -= old.len();
        }
        if kept.answers.len() >= MAX_ANSWERS || kept.bytes + answer.len() > MAX_BYTES {
            *kept = Kept::default();
        }
        kept.bytes += answer.len();
        kept.answers.insert(key, (version, answer));
    }

    /// The answer for `key` at the store's present version, as JSON text: the kept one, or
    /// `work`'s, then kept (blocking).
    pub fn answer(&self, key: String, work: impl FnOnce() -> Result<Value, ApiError>) -> Result<Answered, ApiError> {
        let version = self.version()?;
        if let Some(json) = self.get(&key, version) {
            return Ok(Answered { json, kept: true });
        }
        // One at a time for a key: a request that waited finds the answer kept.
        let turn = Arc::clone(self.working.lock().unwrap_or_else(|e| e.into_inner()).entry(key.clone()).or_default());
        let answered = (|| {
            let _turn = turn.lock().unwrap_or_else(|e| e.into_inner());
            let version = self.version()?;
            if let Some(json) = self.get(&key, version) {
                return Ok(Answered { json, kept: true });
            }
            let json = serde_json::to_vec(&work()?)
                .map(Bytes::from)
                .map_err(|e| ApiError::internal(format!("cannot encode the answer: {e}")))?;
            self.put(key.clone(), version, json.clone());
            Ok(Answered { json, kept: false })
        })();
        // The last one out forgets the lock (the map holds one reference, `turn` another).
        let mut working = self.working.lock().unwrap_or_else(|e| e.into_inner());
        if Arc::strong_count(&turn) == 2 {
            working.remove(&key);
        }
        answered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers over a store whose version stays 1 (these tests write nothing).
    fn answers() -> Answers {
        Answers::with_version(Box::new(|| Ok(1)))
    }

    #[test]
    fn an_answer_is_kept_for_its_version_and_the_bytes_stay_bounded() {
        let a = answers();
        a.put("x".into(), 1, Bytes::from_static(b"[1]"));
        assert_eq!(a.get("x", 1).as_deref(), Some(&b"[1]"[..]));
        assert_eq!(a.get("x", 2), None);
        a.put("x".into(), 2, Bytes::from_static(b"[1,2]"));
        assert_eq!(a.get("x", 2).as_deref(), Some(&b"[1,2]"[..]));
        // Too large to keep.
        a.put("big".into(), 2, Bytes::from(vec![b' '; MAX_BYTES / 4 + 1]));
        assert_eq!(a.get("big", 2), None);
        // Filling past the bound forgets what was kept; the count is bounded too.
        for i in 0..5 {
            a.put(format!("k{i}"), 2, Bytes::from(vec![b' '; MAX_BYTES / 4]));
        }
        for i in 0..MAX_ANSWERS + 3 {
            a.put(format!("small{i}"), 2, Bytes::from_static(b"{}"));
        }
        let kept = a.kept.lock().unwrap_or_else(|e| e.into_inner());
        assert!(kept.bytes <= MAX_BYTES && kept.answers.len() <= MAX_ANSWERS, "{} {}", kept.bytes, kept.answers.len());
        assert_eq!(kept.bytes, kept.answers.values().map(|(_, b)| b.len()).sum::<usize>());
        assert!(kept.answers.contains_key(&format!("small{}", MAX_ANSWERS + 2)));
    }

    /// Waits until `n` hold the turn of `key`: the map's own reference, and one per request
    /// (a guard against hanging if requests stop taking turns).
    fn wait_for_holders(a: &Answers, key: &str, n: usize) {
        let start = std::time::Instant::now();
        while a.working.lock().unwrap().get(key).map_or(0, Arc::strong_count) < n {
            assert!(start.elapsed().as_secs() < 60, "never {n} holders of the turn");
            std::thread::yield_now();
        }
    }

    #[test]
    fn who_asks_while_an_answer_is_worked_out_waits_for_it_and_does_not_work_it_out_again() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let a = Arc::new(answers());
        let works = Arc::new(AtomicUsize::new(0));
        let first = {
            let (a, works) = (Arc::clone(&a), Arc::clone(&works));
            std::thread::spawn(move || {
                a.answer("graph".into(), || {
                    works.fetch_add(1, Ordering::SeqCst);
                    // Work on until the second request is waiting for this answer.
                    wait_for_holders(&a, "graph", 3);
                    Ok(serde_json::json!({"nodes": 1}))
                })
                .map(|r| r.kept)
            })
        };
        wait_for_holders(&a, "graph", 2);
        let second = a.answer("graph".into(), || {
            works.fetch_add(1, Ordering::SeqCst);
            Ok(serde_json::json!({"nodes": 2}))
        });
        let second = second.ok().unwrap();
        assert!(second.kept && &second.json[..] == br#"{"nodes":1}"#);
        assert_eq!(first.join().unwrap().ok(), Some(false));
        assert_eq!(works.load(Ordering::SeqCst), 1);
        // Nobody waits any more: the turn is forgotten.
        assert!(a.working.lock().unwrap().is_empty());
    }
}
