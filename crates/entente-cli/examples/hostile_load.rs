//! How fast reads are answered while other clients send writes the server must refuse.
//!
//! ```sh
//! cargo run --release -p entente-cli --example hostile_load -- [SECONDS] [CLIENTS] [--db PATH]
//! ```
//!
//! Starts the server in this process (token and limits of `tests/serve_load.rs`: a body limit
//! of 64 KiB, three documents a request) over a store filled from the bundled examples, or over
//! the store at `PATH` (which it must not change: every write it sends is one to refuse). Then,
//! each phase SECONDS long (default 10):
//!
//! - A: CLIENTS clients (default 16) read, each request over a fresh connection: a pair's
//!   profile, the map's graph, a search, a document and the counts, in turn;
//! - B: the same reads, while CLIENTS other clients send the bad writes of the test (no token,
//!   wrong tokens, bodies over the limit, bad JSON) as fast as they are answered.
//!
//! It prints, a phase a line each, reads a second, the reads' median and 99th-percentile time
//! (connection included) and the answers to bad writes by status; then whether the store is
//! as it was. It exits with 1 if a read failed or got another answer than before the load, a bad
//! write got anything but its 4xx, or the store changed or fails its integrity check.

#[path = "../tests/server/mod.rs"]
mod server;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use server::*;

fn usage() -> ExitCode {
    eprintln!("usage: hostile_load [SECONDS] [CLIENTS] [--db PATH]");
    ExitCode::from(2)
}

/// The time below which `share` of `sorted` fall.
fn percentile(sorted: &[Duration], share: f64) -> Duration {
    let i = ((sorted.len() as f64 * share) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(i).copied().unwrap_or_default()
}

/// One phase: `readers` clients reading and `attackers` sending bad writes for `length`;
/// whether every answer was the one due.
fn phase(name: &str, addr: std::net::SocketAddr, groups: [(&[Probe], usize); 2], length: Duration) -> bool {
    let started = Instant::now();
    let deadline = started + length;
    let tallies = load(addr, &groups, &|_| Instant::now() < deadline);
    let took = started.elapsed().as_secs_f64();
    let (reads, bad) = (&tallies[0], &tallies[1]);
    let mut times = reads.read_times.clone();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: {} readers, {} attackers, {took:.1} s: {:.0} reads/s, read p50 {:.1} ms, p99 {:.1} ms; \
         {:.0} bad writes/s, by status {:?}",
        groups[0].1,
        groups[1].1,
        times.len() as f64 / took,
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.99)),
        bad.requests() as f64 / took,
        bad.by_status(),
    );
    for t in [reads, bad] {
        for e in &t.wrong_examples {
            println!("  wrong answer: {e}");
        }
    }
    reads.wrong == 0 && bad.wrong == 0 && !times.is_empty()
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut numbers, mut db) = (Vec::new(), None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => match args.next() {
                Some(p) => db = Some(PathBuf::from(p)),
                None => return usage(),
            },
            _ => match a.parse::<u64>() {
                Ok(n) if n > 0 => numbers.push(n),
                _ => return usage(),
            },
        }
    }
    if numbers.len() > 2 {
        return usage();
    }
    let length = Duration::from_secs(numbers.first().copied().unwrap_or(10));
    let clients = numbers.get(1).copied().unwrap_or(16) as usize;
    let ours = db.is_none();
    let db = db.unwrap_or_else(|| example_store("bench"));

    let limits = load_limits();
    let mut config = config(&db, Some(LOAD_TOKEN));
    config.limits = limits;
    let server = start_with(config);
    let before = holdings(&db);
    let reads = load_reads(server.addr);
    let bad = load_bad_writes(&limits);
    println!(
        "store {}: {} documents, {} relations; {} reads and {} bad writes in turn",
        db.display(),
        before.documents.len(),
        before.relations,
        reads.len(),
        bad.len()
    );

    let a = phase("A (reads)", server.addr, [(&reads, clients), (&bad, 0)], length);
    let b = phase("B (reads + bad writes)", server.addr, [(&reads, clients), (&bad, clients)], length);
    let after = holdings(&db);
    let integrity = integrity(&db);
    let same = after == before;
    println!(
        "store: {} (documents {}, relations {}); integrity check: {integrity}",
        if same { "unchanged" } else { "CHANGED" },
        after.documents.len(),
        after.relations
    );
    if ours {
        let _ = std::fs::remove_dir_all(db.parent().unwrap());
    }
    if a && b && same && integrity == "ok" {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
