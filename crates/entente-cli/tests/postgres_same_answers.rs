//! The same corpus ingested by the built binary into SQLite and into PostgreSQL gives the same
//! answers, byte for byte: every query command (dyad, actor, timeline, search) in every format,
//! every export format, the ingest's counts, and every API route of `entente serve` over each
//! store. Needs a PostgreSQL server (`ENTENTE_TEST_POSTGRES`); without one it says so and skips,
//! unless `ENTENTE_REQUIRE_POSTGRES=1`.
//!
//! What cannot be byte-identical, and what is compared instead:
//! - where the store is (the file's path, the server's address) appears in the ingest summary:
//!   the line is compared with the address replaced;
//! - each document's `ingested_at` is the clock of its ingest: compared as its shape (every
//!   digit a 0), so both stores must write the same format.

mod common;
mod server;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::TempDir;
use entente_store_tests::{without_password, TestDatabases};

const BIN: &str = env!("CARGO_BIN_EXE_entente");

fn entente(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).env_remove("ENTENTE_DB").output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The same command on both stores (`{db}` in `args` stands for the store): both must exit
/// alike and print the same (standard error with each store's address made `{db}`).
fn same(dir: &Path, sqlite: &str, pg: &str, args: &[&str]) -> Output {
    let run = |db: &str| {
        let args: Vec<String> = args.iter().map(|a| a.replace("{db}", db)).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        entente(dir, &args)
    };
    let (a, b) = (run(sqlite), run(pg));
    let shown = |o: &Output, db: &str| text(&o.stderr).replace(db, "{db}").replace(&without_password(db), "{db}");
    assert_eq!(
        a.status.code(),
        b.status.code(),
        "{args:?}: exit\nsqlite: {}\npostgres: {}",
        shown(&a, sqlite),
        shown(&b, pg)
    );
    if a.stdout != b.stdout {
        let (x, y) = (text(&a.stdout), text(&b.stdout));
        let at = x.lines().zip(y.lines()).position(|(l, m)| l != m).unwrap_or(x.lines().count().min(y.lines().count()));
        panic!(
            "{args:?}: different answers, first at line {}:\nsqlite:   {:?}\npostgres: {:?}\n({} and {} bytes)",
            at + 1,
            x.lines().nth(at),
            y.lines().nth(at),
            x.len(),
            y.len()
        );
    }
    assert_eq!(shown(&a, sqlite), shown(&b, pg), "{args:?}: standard error");
    a
}

/// The corpus: ../shared/corpus's news-dev and up-gsr (JSON Lines) and the seed article.
fn corpus(dir: &Path) {
    let shared = server::repo().join("../shared/corpus");
    std::fs::create_dir_all(dir).unwrap();
    for name in ["news-dev.jsonl", "up-gsr.jsonl", "caspian-comrades.txt"] {
        let from = shared.join(name);
        std::fs::copy(&from, dir.join(name)).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
}

/// `"ingested_at":"…"` with every digit of the value made 0.
fn ingest_clock_as_shape(body: &str) -> String {
    const KEY: &str = "\"ingested_at\":\"";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find(KEY) {
        out.push_str(&rest[..i + KEY.len()]);
        rest = &rest[i + KEY.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.extend(rest[..end].chars().map(|c| if c.is_ascii_digit() { '0' } else { c }));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Percent-encodes a path segment or query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn sqlite_and_postgres_give_the_same_answers() {
    let Some(pg) = TestDatabases::from_env("sqlite_and_postgres_give_the_same_answers") else {
        return;
    };
    let t = TempDir::new("pg-same");
    corpus(&t.path().join("corpus"));
    let sqlite = t.path().join("s.db").to_str().unwrap().to_string();
    let postgres = pg.database();

    // Ingest: the same counts (the summary's first line has the time; its counts compared).
    let ingest = ["ingest", "corpus", "--db", "{db}", "--no-progress", "--batch-size", "16"];
    let counts = |o: &Output, db: &str| -> Vec<String> {
        assert!(o.status.success(), "ingest into {}: {}", without_password(db), text(&o.stderr));
        text(&o.stdout)
            .lines()
            .map(|l| match l.split_once("documents/s): ") {
                Some((_, counts)) => counts.to_string(),
                None => l.replace(db, "{db}").replace(&without_password(db), "{db}"),
            })
            .collect()
    };
    let run = |db: &str| {
        let args: Vec<String> = ingest.iter().map(|a| a.replace("{db}", db)).collect();
        Command::new(BIN).args(&args).current_dir(t.path()).env_remove("ENTENTE_DB").output().unwrap()
    };
    let (a, b) = (run(&sqlite), run(&postgres));
    assert_eq!(counts(&a, &sqlite), counts(&b, &postgres));
    // How many documents the corpus gave (a blank document is passed over, not stored).
    let n: usize = text(&a.stdout)
        .split(" documents in ")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no count in {:?}", text(&a.stdout)));
    assert!(n > 100 && text(&a.stdout).contains(&format!("{n} new")), "{}", text(&a.stdout));
    // Again: nothing new in either.
    let (a, b) = (run(&sqlite), run(&postgres));
    assert_eq!(counts(&a, &sqlite), counts(&b, &postgres));
    assert!(text(&b.stdout).contains(&format!("0 new, 0 changed, {n} unchanged")), "{}", text(&b.stdout));

    // What to ask: the actors and pairs of the most relations, from the store's own export.
    let jsonl = same(t.path(), &sqlite, &postgres, &["export", "--format", "jsonl", "--db", "{db}"]);
    let mut by_actor: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_pair: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut docs: Vec<String> = Vec::new();
    for line in text(&jsonl.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, t) = (v["source"].as_str().unwrap().to_string(), v["target"].as_str().unwrap().to_string());
        *by_actor.entry(s.clone()).or_default() += 1;
        *by_actor.entry(t.clone()).or_default() += 1;
        if s != t {
            *by_pair.entry((s, t)).or_default() += 1;
        }
        let doc = v["doc"].as_str().unwrap().to_string();
        if !docs.contains(&doc) {
            docs.push(doc);
        }
    }
    let top = |m: Vec<(usize, String)>, k: usize| -> Vec<String> {
        let mut m = m;
        m.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        m.into_iter().take(k).map(|(_, x)| x).collect()
    };
    let actors = top(by_actor.iter().map(|(a, n)| (*n, a.clone())).collect(), 6);
    let pairs: Vec<(String, String)> = {
        let mut p: Vec<_> = by_pair.iter().map(|(k, n)| (*n, k.clone())).collect();
        p.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        p.into_iter().take(6).map(|(_, k)| k).collect()
    };
    assert!(actors.len() >= 4 && pairs.len() >= 4, "too few relations to compare: {actors:?} {pairs:?}");

    // The questions, in every format.
    let mut asked = 0;
    let mut failed = Vec::new();
    for format in ["table", "json", "csv"] {
        let f = &["--format", format, "--db", "{db}"][..];
        let mut ask = |args: &[&str]| {
            let o = same(t.path(), &sqlite, &postgres, &[args, f].concat());
            asked += 1;
            if !o.status.success() || o.stdout.is_empty() {
                failed.push(args.join(" "));
            }
        };
        for (a, b) in &pairs {
            ask(&["dyad", a, b]);
            ask(&["dyad", b, a, "--evidence", "10"]);
            ask(&["dyad", a, b, "--since", "2015", "--until", "2020-06"]);
            ask(&["timeline", a, b]);
            ask(&["timeline", a, b, "--since", "2018-03"]);
        }
        for a in &actors {
            ask(&["actor", a]);
            ask(&["actor", a, "--limit", "2", "--until", "2019"]);
            ask(&["timeline", a]);
        }
        // Actors by name and in any case, and an actor never seen.
        ask(&["actor", "israel"]);
        ask(&["dyad", "Atlantis", "ISR"]);
        for words in [
            &["agreed"][..],
            &["military", "aid"],
            &["oil"],
            &["sanctions"],
            &["talks"],
            &["president"],
            &["the"],
            &["signed", "--limit", "5"],
            &["$5 billion"],
            &["Israel's", "AND"],
            &["--raw", "trade OR energy"],
            &["--raw", "sign*"],
            &["--raw", "\"prime minister\""],
            &["--raw", "\"unbalanced"],
        ] {
            ask(&[&["search"], words].concat());
        }
    }
    eprintln!("{asked} questions asked, the same answers");
    // Only the bad query failed (in each format); every other question had an answer to compare.
    assert_eq!(failed, ["search --raw \"unbalanced"; 3]);

    // Every export format, to files (Parquet too).
    for format in ["jsonl", "csv", "graphml", "gexf", "dyad-year", "parquet"] {
        let (fa, fb) = (format!("s.{format}"), format!("p.{format}"));
        for (db, out) in [(&sqlite, &fa), (&postgres, &fb)] {
            let o = entente(t.path(), &["export", "--format", format, "--db", db, "--out", out]);
            assert!(o.status.success(), "export {format} from {}: {}", without_password(db), text(&o.stderr));
        }
        let (a, b) = (std::fs::read(t.path().join(&fa)).unwrap(), std::fs::read(t.path().join(&fb)).unwrap());
        assert!(!a.is_empty(), "export {format} is empty");
        assert!(a == b, "export --format {format}: the files differ ({} and {} bytes)", a.len(), b.len());
    }

    // The server over each store: every route, with their parameters.
    let mut paths: Vec<String> = [
        "/",
        "/app.js",
        "/healthz",
        "/api/openapi.json",
        "/api/stats",
        "/api/graph",
        "/api/graph?sector=arms",
        "/api/graph?polarity=conflictual&since=2015",
        "/api/graph?modality=planned&limit=5",
        "/api/actors",
        "/api/actors?q=is",
        "/api/actors?kind=state&limit=5&offset=2",
        "/api/actors?q=zz",
        "/api/relations",
        "/api/relations?limit=7&offset=3",
        "/api/relations?sector=energy",
        "/api/relations?polarity=cooperative&modality=actual&since=2016&until=2020",
        "/api/search?q=agreed",
        "/api/search?q=military+aid&limit=3&offset=1",
        "/api/search?q=trade+OR+energy&raw=true",
        "/api/search?q=%22unbalanced&raw=true",
        "/api/documents",
        "/api/documents?limit=5&offset=10",
        "/api/documents/no-such-document",
        "/api/actors/ATLANTIS",
        "/api/pairs/ISR/ATLANTIS",
    ]
    .map(String::from)
    .to_vec();
    for a in &actors {
        let a = enc(a);
        paths.push(format!("/api/actors/{a}"));
        paths.push(format!("/api/actors/{a}?since=2016&limit=2&offset=1"));
        paths.push(format!("/api/actors/{a}/partners"));
        paths.push(format!("/api/actors/{a}/partners?polarity=conflictual&sector=military&limit=3"));
        paths.push(format!("/api/actors/{a}/timeline"));
        paths.push(format!("/api/actors/{a}/timeline?until=2019"));
        paths.push(format!("/api/relations?actor={a}"));
        paths.push(format!("/api/graph?actor={a}"));
    }
    for (a, b) in &pairs {
        let (a, b) = (enc(a), enc(b));
        paths.push(format!("/api/pairs/{a}/{b}"));
        paths.push(format!("/api/pairs/{b}/{a}?evidence=10&since=2015"));
        paths.push(format!("/api/pairs/{a}/{b}/timeline"));
        paths.push(format!("/api/pairs/{a}/{b}/evidence"));
        paths.push(format!("/api/pairs/{a}/{b}/evidence?limit=2&offset=1&polarity=cooperative"));
        paths.push(format!("/api/relations?pair={a},{b}"));
    }
    for d in docs.iter().take(8) {
        paths.push(format!("/api/documents/{}", enc(d)));
        paths.push(format!("/api/relations?doc={}", enc(d)));
    }
    let (mut sa, addr_a) = common::serve_process(sqlite.as_ref(), &[]);
    let (mut sb, addr_b) = common::serve_process(postgres.as_ref(), &[]);
    let mut differ = Vec::new();
    let mut refused = Vec::new();
    for p in &paths {
        let (a, b) = (server::get(addr_a, p), server::get(addr_b, p));
        if a.status != 200 {
            refused.push(p.as_str());
        }
        let (ba, bb) = (ingest_clock_as_shape(&a.text()), ingest_clock_as_shape(&b.text()));
        if a.status != b.status || a.header("content-type") != b.header("content-type") || ba != bb {
            let at = ba.bytes().zip(bb.bytes()).position(|(x, y)| x != y).unwrap_or(ba.len().min(bb.len()));
            let around = |s: &str| s.get(at.saturating_sub(80)..(at + 80).min(s.len())).unwrap_or("").to_string();
            differ.push(format!(
                "GET {p}: {} vs {} at byte {at}:\n  sqlite:   {:?}\n  postgres: {:?}",
                a.status,
                b.status,
                around(&ba),
                around(&bb)
            ));
        }
    }
    let _ = (sa.kill(), sb.kill());
    let _ = (sa.wait(), sb.wait());
    assert!(differ.is_empty(), "{} of {} routes differ:\n{}", differ.len(), paths.len(), differ.join("\n"));
    // Only the requests meant to fail did (the rest compared real answers).
    assert_eq!(
        refused,
        [
            "/api/search?q=%22unbalanced&raw=true",
            "/api/documents/no-such-document",
            "/api/actors/ATLANTIS",
            "/api/pairs/ISR/ATLANTIS"
        ]
    );
    eprintln!("{} API requests, the same answers", paths.len());
}
