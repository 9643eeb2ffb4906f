//! The server's side of the store: a pool of readers (each a [`Store`] opened for reading,
//! which answers the questions and the listings) and one writer for `POST /api/documents`,
//! all opened through the [`Connector`] the server was given. The server writes no SQL and
//! knows no backend: the store owns its schema and queries.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use entente_store::{Connector, Store, StoreError};

use crate::error::ApiError;

/// Read connections kept open between requests.
pub const MAX_IDLE: usize = 32;
/// How long a reader waits on a writer's lock, at most (the store's lock timeout when shorter).
pub const READ_BUSY: Duration = Duration::from_secs(5);

/// One reader: the store opened for reading.
pub type Reader = Store;

/// The readers and the writer of one store.
pub struct Db {
    store: Arc<dyn Connector>,
    /// How long the writer waits for another process's lock.
    lock_timeout: Duration,
    idle: Mutex<Vec<Reader>>,
    writer: Mutex<Option<Store>>,
}

impl Db {
    /// Opens (creating and migrating if needed) the store and checks one reader; the writer
    /// waits `lock_timeout` for another process's lock, readers at most [`READ_BUSY`]. A store
    /// that cannot be written (read-only media) is served for reading: its writer is opened at
    /// the first write, which fails saying so.
    pub fn open(store: Arc<dyn Connector>, lock_timeout: Duration) -> Result<Db, StoreError> {
        let writer = match store.open(true, lock_timeout) {
            Ok(w) => Some(w),
            Err(StoreError::ReadOnly { .. }) => None,
            Err(e) => return Err(e),
        };
        let db = Db { store, lock_timeout, idle: Mutex::new(Vec::new()), writer: Mutex::new(writer) };
        let reader = db.open_reader()?;
        db.idle.lock().unwrap_or_else(|e| e.into_inner()).push(reader);
        Ok(db)
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The store's connector, to open a connection of one's own.
    pub fn connector(&self) -> &Arc<dyn Connector> {
        &self.store
    }

    fn open_reader(&self) -> Result<Reader, StoreError> {
        let wait = READ_BUSY.min(self.lock_timeout);
        self.store.open_for_reading(wait)
    }

    /// Runs `f` with a pooled reader (blocking: call from a blocking thread).
    pub fn read<R>(&self, f: impl FnOnce(&Reader) -> Result<R, ApiError>) -> Result<R, ApiError> {
        let pooled = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let reader = match pooled {
            Some(r) => r,
            None => self.open_reader()?,
        };
        let out = f(&reader);
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(reader);
        }
        out
    }

    /// Runs `f` with the one writer (blocking; writers wait for each other).
    pub fn write<R>(&self, f: impl FnOnce(&mut Store) -> Result<R, ApiError>) -> Result<R, ApiError> {
        let mut guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(self.store.open(true, self.lock_timeout)?);
        }
        let store = guard.as_mut().expect("writer opened above");
        f(store)
    }
}
