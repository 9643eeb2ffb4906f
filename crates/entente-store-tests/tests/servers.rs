//! The test servers and databases themselves: a server of a test's own starts, takes
//! connections, comes back after a restart on the same port, and is gone (process and folder)
//! when dropped; a test database exists while its owner lives and is dropped after.

use entente_store_tests::{PgServer, TestDatabases};

fn connect(url: &str) -> Result<postgres::Client, postgres::Error> {
    postgres::Client::connect(url, postgres::NoTls)
}

fn databases(admin: &str) -> Vec<String> {
    let mut c = connect(admin).unwrap();
    c.query("SELECT datname FROM pg_database ORDER BY datname", &[]).unwrap().iter().map(|r| r.get(0)).collect()
}

#[test]
fn a_server_of_its_own_restarts_and_goes_away() {
    let Some(server) = PgServer::start("a_server_of_its_own_restarts_and_goes_away") else {
        return;
    };
    let url = server.url();
    let mut before = connect(&url).unwrap();
    let one: i32 = before.query_one("SELECT 1", &[]).unwrap().get(0);
    assert_eq!(one, 1);
    server.restart();
    assert!(before.query_one("SELECT 1", &[]).is_err(), "a connection survived the restart");
    let mut after = connect(&url).unwrap();
    assert_eq!(after.query_one("SELECT 2", &[]).unwrap().get::<_, i32>(0), 2);

    let made;
    {
        let dbs = TestDatabases::on(&url);
        made = dbs.database();
        let name = made.rsplit('/').next().unwrap().to_string();
        assert!(databases(&url).contains(&name), "{made} was not created");
        connect(&made).unwrap().batch_execute("CREATE TABLE t (x int); INSERT INTO t VALUES (1)").unwrap();
        // Dropped even while a connection to it is open.
        std::mem::forget(connect(&made).unwrap());
    }
    let name = made.rsplit('/').next().unwrap();
    assert!(!databases(&url).iter().any(|d| d == name), "{made} was not dropped");

    drop(after);
    drop(server);
    assert!(connect(&url).is_err(), "the server still answers after it was dropped");
}
