//! Helpers shared by the CLI's test files (each includes this module; not every file uses
//! every helper).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A fresh, empty folder under the system's temporary folder, named after the test binary's
/// process and `name` (so that test binaries running at once never share one).
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("entente-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A [`fresh_dir`] removed with all it holds when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        TempDir(fresh_dir(name))
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
