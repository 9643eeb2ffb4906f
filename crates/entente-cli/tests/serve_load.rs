//! Hostile requests under load: eight clients mix reads with writes the server must refuse
//! (no token, wrong tokens, bodies over the limit, bad JSON). Every read gets the answer it got
//! before the load; every bad write gets its own 4xx; afterwards the store holds exactly what it
//! held, and passes the integrity check. How fast the reads are under such a load is measured by
//! `examples/hostile_load.rs`, not here: this test counts requests, not seconds.

mod server;

use server::*;

/// Clients at once.
const CLIENTS: usize = 8;

#[test]
fn reads_answer_and_bad_writes_are_refused_under_load() {
    let db = example_store("hostile-load");
    let limits = load_limits();
    let mut config = config(&db, Some(LOAD_TOKEN));
    config.limits = limits;
    let s = start_with(config);
    let before = holdings(&db);
    assert!(before.relations > 0, "{before:?}");

    // A read after each bad write, so that reads and writes are in flight together.
    let reads = load_reads(s.addr);
    let bad = load_bad_writes(&limits);
    let mixed: Vec<Probe> =
        bad.iter().enumerate().flat_map(|(i, b)| [b.clone(), reads[i % reads.len()].clone()]).collect();
    // Each client goes twice through the list, from its own place in it: every request is sent
    // 2 * CLIENTS times.
    let per_client = 2 * mixed.len();
    let tally = load(s.addr, &[(&mixed, CLIENTS)], &|n| n < per_client).remove(0);

    assert_eq!(tally.wrong, 0, "answers that were not the ones due: {:#?}", tally.wrong_examples);
    assert_eq!(tally.requests(), CLIENTS * per_client);
    for b in &bad {
        let got = &tally.statuses[&b.what];
        assert_eq!(got.get(&b.status).copied(), Some(2 * CLIENTS), "{}: {got:?}", b.what);
    }
    assert_eq!(tally.read_times.len(), CLIENTS * per_client / 2);
    eprintln!("{} requests; by status: {:?}", tally.requests(), tally.by_status());

    // Nothing was written, and the store is whole.
    assert_eq!(holdings(&db), before, "the store changed under refused writes");
    assert_eq!(integrity(&db), "ok");

    // The check sees a write: the one good write is stored.
    let auth = [("Authorization", &*format!("Bearer {LOAD_TOKEN}"))];
    let good = r#"{"id": "load-good", "text": "Georgia and Armenia signed a trade agreement on electricity."}"#;
    let a = request(s.addr, "POST", "/api/documents", &auth, good.as_bytes());
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["added"], 1);
    let after = holdings(&db);
    assert_eq!(after.documents.len(), before.documents.len() + 1, "{after:?}");
    assert_eq!(after.documents.last().unwrap().0, "load-good");
    assert!(after.relations > before.relations, "{} relations, as before", after.relations);
    assert_eq!(integrity(&db), "ok");
}
