//! Helpers shared by the CLI's test files (each includes this module; not every file uses
//! every helper).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A test that cannot run because a part is missing (`why`) says so and passes, unless the
/// variable `required` is set (as `.ci/run` sets it), where it fails: CI cannot skip it unseen.
pub fn skip_unless_required(required: &str, why: &str, what: &str) {
    assert!(std::env::var(required).is_err(), "{required} is set but {why}");
    eprintln!("note: {why}; {what}");
}

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

/// `entente serve --addr 127.0.0.1:0 --db DB ARGS...` (without ENTENTE_DB or ENTENTE_TOKEN from
/// the environment): the process and the address it listens on, read from the line that says
/// where to open the page; the rest of its standard error is drained so it never blocks.
pub fn serve_process(db: &std::ffi::OsStr, args: &[&str]) -> (std::process::Child, std::net::SocketAddr) {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .args(args)
        .env_remove("ENTENTE_DB")
        .env_remove("ENTENTE_TOKEN")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut said = Vec::new();
    let addr = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            panic!("the server did not start: {said:?}");
        };
        if let Some(rest) = line.strip_prefix("open http://") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
        said.push(line);
    };
    std::thread::spawn(move || lines.for_each(drop));
    (child, addr)
}
