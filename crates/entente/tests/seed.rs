//! The whole pipeline on the seed article, checked against its hand-made answer
//! (`../shared/gold/caspian-comrades.json`, read here, not copied): every required link is
//! found with its direction, amounts and modality, and links the answer does not allow cost no
//! more than issue 18's bar (F1 >= 0.95). The article and its answer live beside the repository
//! (they are not ours to copy); without them the test fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use entente::Extractor;
use entente_core::{Content, Document, Relation};
use serde_json::Value;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// A link as the scorer keys it: the unordered pair, the sector and the polarity.
type Key = (String, String, String, String);

fn key(a: &str, b: &str, sector: &str, polarity: &str) -> Key {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    (lo.to_string(), hi.to_string(), sector.to_string(), polarity.to_string())
}

#[test]
fn seed_article_matches_its_answer() {
    let (corpus, gold) = (shared().join("corpus/caspian-comrades.txt"), shared().join("gold/caspian-comrades.json"));
    // CI always has ../shared: without it this test fails rather than check nothing.
    let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let (text, answer) = (read(&corpus), read(&gold));
    let answer: Value = serde_json::from_str(&answer).expect("the gold file is JSON");
    let doc =
        Document { id: "caspian-comrades".into(), url: None, date: None, title: None, content: Content::Text(text) };
    let x = Extractor::new().unwrap().extract(&doc).unwrap();
    let mut found: BTreeMap<Key, Vec<&Relation>> = BTreeMap::new();
    for r in &x.relations {
        found.entry(key(&r.source, &r.target, r.sector.as_str(), r.polarity.as_str())).or_default().push(r);
    }

    let mut allowed = BTreeSet::new();
    let mut required = 0;
    for link in answer[0]["links"].as_array().expect("links") {
        let pair = link["pair"].as_array().unwrap();
        let k = key(
            pair[0].as_str().unwrap(),
            pair[1].as_str().unwrap(),
            link["sector"].as_str().unwrap(),
            link["polarity"].as_str().unwrap(),
        );
        allowed.insert(k.clone());
        if link["required"] != Value::Bool(true) {
            continue;
        }
        required += 1;
        let recs = found.get(&k).unwrap_or_else(|| panic!("missed {k:?} ({})", link["note"]));
        if let Some(dirs) = link["direction"].as_array() {
            let ok = recs.iter().any(|r| {
                dirs.iter()
                    .any(|d| d[0].as_str() == Some(r.source.as_str()) && d[1].as_str() == Some(r.target.as_str()))
            });
            assert!(
                ok,
                "{k:?}: direction {dirs:?}, found {:?}",
                recs.iter().map(|r| (&r.source, &r.target)).collect::<Vec<_>>()
            );
        }
        for q in link["quantities"].as_array().into_iter().flatten() {
            let (value, unit) = (q["value"].as_f64().unwrap(), q["unit"].as_str().unwrap());
            let ok = recs
                .iter()
                .flat_map(|r| &r.quantities)
                .any(|p| p.unit == unit && (p.value - value).abs() <= 0.01 * value.abs().max(1e-9));
            assert!(ok, "{k:?}: quantity {value} {unit} not found");
        }
        if let Some(m) = link["modality"].as_array() {
            assert!(
                recs.iter().any(|r| m.iter().any(|v| v.as_str() == Some(r.modality.as_str()))),
                "{k:?}: modality {m:?}"
            );
        }
    }
    assert!(required >= 15, "the answer has its required links ({required})");
    // Every required link is found (above); links the answer does not allow may cost
    // precision only as far as issue 18's bar, F1 >= 0.95 on this article (the parse finds
    // readings the pairing rules never tried, and each one the answer lacks counts here).
    let extra: Vec<&Key> = found.keys().filter(|k| !allowed.contains(*k)).collect();
    let matched = found.len() - extra.len();
    let precision = matched as f64 / found.len() as f64;
    let recall = 1.0; // every required link was found, or the asserts above failed
    let f1 = 2.0 * precision * recall / (precision + recall);
    assert!(f1 >= 0.95, "F1 {f1:.3}: links the answer does not allow: {extra:?}");
}
