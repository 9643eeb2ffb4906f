//! The store's backend-neutral tests live in this crate's `tests/`: each test is written once
//! against [`Fresh`] (something that gives fresh, empty stores) and run once per backend by
//! [`on_every_backend!`]: SQLite (a store in memory) and PostgreSQL (a database of its own per
//! store, created on the server `ENTENTE_TEST_POSTGRES` names and dropped after).
//!
//! Without `ENTENTE_TEST_POSTGRES` the PostgreSQL half prints that it skips and passes, unless
//! `ENTENTE_REQUIRE_POSTGRES=1` (as `.ci/run` sets), when it fails. The tests only a backend
//! can have (SQLite's files, locks and application id) stay in that backend's crate.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use entente_store::{Connector, Store, BUSY_TIMEOUT};

/// Gives fresh, empty stores of one backend.
pub trait Fresh {
    /// The backend's name, for messages.
    fn name(&self) -> &'static str;
    /// A new, empty store, migrated to the current schema.
    fn store(&self) -> Store;
}

/// SQLite: each store is a new database in memory.
pub struct Sqlite;

impl Fresh for Sqlite {
    fn name(&self) -> &'static str {
        "sqlite"
    }
    fn store(&self) -> Store {
        entente_sqlite::open_in_memory().expect("an SQLite store in memory")
    }
}

/// The server for PostgreSQL tests, from `ENTENTE_TEST_POSTGRES` (a URL of a server where the
/// tests may create and drop databases). `None`, with a note naming `test`, when it is not set;
/// a panic instead when `ENTENTE_REQUIRE_POSTGRES=1`, so CI cannot skip them unseen.
pub fn postgres_url(test: &str) -> Option<String> {
    match std::env::var("ENTENTE_TEST_POSTGRES") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            let required = std::env::var("ENTENTE_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "{test}: ENTENTE_REQUIRE_POSTGRES=1 but ENTENTE_TEST_POSTGRES (a PostgreSQL URL) is not set"
            );
            eprintln!("note: {test}: ENTENTE_TEST_POSTGRES is not set; the PostgreSQL test is skipped");
            None
        }
    }
}

/// `url` with its database (the path) replaced by `database`; the query string is kept.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_at = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[authority_at..].find('/').map_or(base.len(), |i| authority_at + i);
    let mut out = format!("{}/{database}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// `url` with any password replaced by `***`, for messages.
pub fn without_password(url: &str) -> String {
    let Some(start) = url.find("://").map(|i| i + 3) else { return url.to_string() };
    let end = url[start..].find(['/', '?']).map_or(url.len(), |i| start + i);
    match url[start..end].rfind('@') {
        Some(at) => {
            let userinfo = &url[start..start + at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..start], &url[start + at..]),
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    }
}

/// Databases made on a PostgreSQL server for one test, each dropped when this is dropped.
pub struct TestDatabases {
    admin_url: String,
    made: Mutex<Vec<String>>,
}

impl TestDatabases {
    /// On the server `ENTENTE_TEST_POSTGRES` names, or `None` (see [`postgres_url`]).
    pub fn from_env(test: &str) -> Option<TestDatabases> {
        postgres_url(test).map(|url| TestDatabases::on(&url))
    }

    /// On the server at `admin_url` (whose database is used only to create and drop others).
    pub fn on(admin_url: &str) -> TestDatabases {
        TestDatabases { admin_url: admin_url.to_string(), made: Mutex::new(Vec::new()) }
    }

    fn admin(&self) -> postgres::Client {
        postgres::Client::connect(&self.admin_url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("{}: cannot connect to the test server: {e}", without_password(&self.admin_url)))
    }

    /// A new, empty database (a name never used before by this process), as a URL.
    pub fn database(&self) -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("entente_test_{}_{n}", std::process::id());
        let mut admin = self.admin();
        // A database of a process that had this id and died before dropping it goes first.
        // (One statement per call: CREATE DATABASE cannot run inside a transaction block.)
        let made = admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .and_then(|()| admin.batch_execute(&format!("CREATE DATABASE {name}")));
        if let Err(e) = made {
            panic!("{}: cannot create database {name}: {e}", without_password(&self.admin_url));
        }
        self.made.lock().unwrap().push(name.clone());
        with_database(&self.admin_url, &name)
    }
}

impl Drop for TestDatabases {
    fn drop(&mut self) {
        let made = std::mem::take(&mut *self.made.lock().unwrap());
        if made.is_empty() {
            return;
        }
        match postgres::Client::connect(&self.admin_url, postgres::NoTls) {
            Ok(mut admin) => {
                for name in made {
                    if let Err(e) = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")) {
                        eprintln!("note: could not drop test database {name}: {e}");
                    }
                }
            }
            Err(e) => eprintln!("note: could not drop the test databases {made:?}: {e}"),
        }
    }
}

/// PostgreSQL: each store is a new database on the test server, dropped with this.
pub struct Postgres(pub TestDatabases);

impl Postgres {
    /// On the server `ENTENTE_TEST_POSTGRES` names, or `None` (see [`postgres_url`]).
    pub fn from_env(test: &str) -> Option<Postgres> {
        TestDatabases::from_env(test).map(Postgres)
    }

    /// The connector of a new, empty database (not yet opened: nothing created in it).
    pub fn connector(&self) -> entente_postgres::PgConnector {
        let url = self.0.database();
        entente_postgres::PgConnector::new(&url)
            .unwrap_or_else(|e| panic!("{}: not a PostgreSQL address: {e}", without_password(&url)))
    }
}

impl Fresh for Postgres {
    fn name(&self) -> &'static str {
        "postgres"
    }
    fn store(&self) -> Store {
        let connector = self.connector();
        connector.open(true, BUSY_TIMEOUT).unwrap_or_else(|e| panic!("a PostgreSQL store: {e}"))
    }
}

/// Each test function named, `fn NAME(backend: &dyn Fresh)`, as two tests: `sqlite::NAME`
/// and `postgres::NAME` (skipped, with a note, without a test server).
#[macro_export]
macro_rules! on_every_backend {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $test() {
                    super::$test(&$crate::Sqlite)
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $test() {
                    if let Some(pg) = $crate::Postgres::from_env(stringify!($test)) {
                        super::$test(&pg)
                    }
                }
            )*
        }
    };
}

/// The folder of PostgreSQL's server programs (`initdb`, `pg_ctl`): `ENTENTE_PG_BINDIR` (as
/// `.ci/run` sets), else `pg_config --bindir`, else the newest `/usr/lib/postgresql/*/bin`.
pub fn pg_bindir() -> Option<PathBuf> {
    let has_server = |d: &Path| d.join("initdb").is_file() && d.join("pg_ctl").is_file();
    if let Some(d) = std::env::var_os("ENTENTE_PG_BINDIR").map(PathBuf::from) {
        return has_server(&d).then_some(d);
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(d) = from_pg_config.filter(|d| has_server(d)) {
        return Some(d);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, d)| has_server(d))
        .collect();
    versions.sort();
    versions.pop().map(|(_, d)| d)
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// A PostgreSQL server of one test's own (its own data folder and port), for the tests that
/// stop or restart a server; stopped and removed when dropped. Run as the `postgres` user when
/// the test runs as root (initdb refuses root).
pub struct PgServer {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl PgServer {
    /// A new server, started; `None` with a note when PostgreSQL's server programs are not
    /// here, a panic instead when `ENTENTE_REQUIRE_POSTGRES=1`.
    pub fn start(test: &str) -> Option<PgServer> {
        let Some(bin) = pg_bindir() else {
            let required = std::env::var("ENTENTE_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
            assert!(!required, "{test}: ENTENTE_REQUIRE_POSTGRES=1 but PostgreSQL's initdb and pg_ctl are not found");
            eprintln!("note: {test}: PostgreSQL's server programs (initdb, pg_ctl) are not here; skipped");
            return None;
        };
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("entente-pg-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let as_postgres = running_as_root();
        if as_postgres {
            let status = Command::new("chown").arg("postgres").arg(&dir).status();
            assert!(status.is_ok_and(|s| s.success()), "chown postgres {}", dir.display());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let server = PgServer { bin, dir, port, as_postgres };
        let data = server.dir.join("data");
        server.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "entente",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        );
        server.pg_ctl(&["start"]);
        Some(server)
    }

    /// The server's address, with the `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://entente@127.0.0.1:{}/postgres", self.port)
    }

    /// `pg_ctl restart -m fast`: every connection is cut, the server comes back on the same port.
    pub fn restart(&self) {
        self.pg_ctl(&["restart", "-m", "fast"]);
    }

    /// `pg_ctl stop -m fast`.
    pub fn stop(&self) {
        self.pg_ctl(&["stop", "-m", "fast"]);
    }

    /// `pg_ctl start` again after [`PgServer::stop`].
    pub fn start_again(&self) {
        self.pg_ctl(&["start"]);
    }

    fn pg_ctl(&self, what: &[&str]) {
        let data = self.dir.join("data");
        let log = self.dir.join("log");
        let options =
            format!("-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=100", self.port, self.dir.display());
        let mut args = vec!["-D", data.to_str().unwrap(), "-l", log.to_str().unwrap(), "-w", "-o", &options];
        args.extend_from_slice(what);
        self.run("pg_ctl", &args);
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let o = self
            .command(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{}: {e}", self.bin.join(program).display()));
        let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
        assert!(
            o.status.success(),
            "{program} {args:?} failed: {}{}\nserver log:\n{log}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self
            .command("pg_ctl")
            .args(["-D", data.to_str().unwrap(), "-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_takes_another_database_and_keeps_its_options() {
        assert_eq!(with_database("postgres://u@h:5/postgres", "x"), "postgres://u@h:5/x");
        assert_eq!(with_database("postgres://u@h:5", "x"), "postgres://u@h:5/x");
        assert_eq!(with_database("postgresql://u:p@h/db?sslmode=disable", "x"), "postgresql://u:p@h/x?sslmode=disable");
    }

    #[test]
    fn a_password_is_never_shown() {
        assert_eq!(without_password("postgres://u:secret@h:5/db"), "postgres://u:***@h:5/db");
        assert_eq!(without_password("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(without_password("postgres://h/db?x=a@b"), "postgres://h/db?x=a@b");
    }
}
