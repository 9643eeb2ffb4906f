//! scripts/spark_extract.py in Spark's local mode with two executors on ../shared/corpus's JSON
//! Lines files (and a file of our own with a broken line): its Parquet holds exactly the
//! relations that `entente extract` gives on one machine, and the broken line comes back as a
//! failed-document row, not as a failed job.
//!
//! Needs a Java runtime and pyspark with pyarrow and pandas (.ci/run installs them). Without them the test
//! says so and passes, unless ENTENTE_REQUIRE_SPARK=1 (set by .ci/run), where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_entente");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Why Spark cannot run here, if it cannot.
fn missing() -> Option<String> {
    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        return Some("no Java runtime (java)".into());
    }
    let py = Command::new("python3").args(["-c", "import pyspark, pyarrow, pandas"]).output();
    match py {
        Ok(o) if o.status.success() => None,
        _ => Some("python3 with pyspark, pyarrow and pandas not found".into()),
    }
}

/// Reads Spark's partitioned Parquet and `extract`'s JSON Lines, puts both in the spec's shape
/// and compares them as multisets; prints the counts.
const COMPARE: &str = r#"
import json, sys
import pyarrow.parquet as pq
out, expected_path = sys.argv[1], sys.argv[2]
rows = pq.read_table(out + "/relations").to_pylist()
def spec(r):
    d = {
        "doc": r["doc"], "source": r["source"], "target": r["target"], "sector": str(r["sector"]),
        "type": r["type"], "polarity": r["polarity"], "modality": r["modality"],
        "quantities": [{"value": q["value"], "unit": q["unit"], "of": q["of"]} for q in r["quantities"]],
        "time": {"start": r["time_start"], "end": r["time_end"]},
        "source_actor": {"name": r["source_name"], "kind": r["source_kind"]},
        "target_actor": {"name": r["target_name"], "kind": r["target_kind"]},
        "evidence": {"text": r["evidence_text"], "start": r["evidence_start"], "end": r["evidence_end"],
                     "part": r["evidence_part"]},
        "confidence": r["confidence"],
    }
    if r.get("mode") is not None:
        d["mode"] = r["mode"]
    return d
def key(r):
    return json.dumps(r, sort_keys=True)
got = sorted((spec(r) for r in rows), key=key)
want = sorted((json.loads(l) for l in open(expected_path) if l.strip()), key=key)
for r in want:
    r.setdefault("quantities", [])
    for q in r["quantities"]:
        q.setdefault("of", None)
if got != want:
    g, w = {key(r) for r in got}, {key(r) for r in want}
    print("only in Spark:", sorted(g - w)[:3], "only in extract:", sorted(w - g)[:3], file=sys.stderr)
    sys.exit(1)
failed = pq.read_table(out + "/failed").to_pylist()
print(json.dumps({"relations": len(got), "failed": failed}))
"#;

#[test]
fn spark_local_mode_gives_exactly_the_relations_of_extract() {
    if let Some(why) = missing() {
        common::skip_unless_required(
            "ENTENTE_REQUIRE_SPARK",
            &why,
            "the Spark test is skipped (.ci/run installs them)",
        );
        return;
    }
    let corpus = root().join("../shared/corpus");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "jsonl")).collect())
        .unwrap_or_default();
    inputs.sort();
    let t = TempDir::new("spark");
    let own = t.path().join("own.jsonl");
    let good = |id: &str, text: &str| serde_json::json!({"id": id, "date": "2030-05-01", "text": text}).to_string();
    std::fs::write(
        &own,
        [
            good("own-1", "Norway agreed to sell Japan liquefied natural gas under a ten-year contract."),
            "{this line is not JSON".to_string(),
            good("own-2", "Chile imposed sanctions on Peru's banks after the talks failed."),
        ]
        .join("\n")
            + "\n",
    )
    .unwrap();
    inputs.push(own);

    let expected = Command::new(BIN).args(["extract", "--format", "jsonl", "-j", "2"]).args(&inputs).output().unwrap();
    assert_eq!(
        expected.status.code(),
        Some(3),
        "the broken line is skipped: {}",
        String::from_utf8_lossy(&expected.stderr)
    );
    let expected_path = t.path().join("expected.jsonl");
    std::fs::write(&expected_path, &expected.stdout).unwrap();

    let out = t.path().join("out");
    let spark = Command::new("python3")
        .arg(root().join("scripts/spark_extract.py"))
        .args(["--master", "local[2]", "--partitions", "4", "--out"])
        .arg(&out)
        .args(&inputs)
        .env("ENTENTE_BIN", BIN)
        .output()
        .unwrap();
    assert!(spark.status.success(), "spark_extract.py: {}", String::from_utf8_lossy(&spark.stderr));

    let cmp = Command::new("python3").args(["-c", COMPARE]).arg(&out).arg(&expected_path).output().unwrap();
    assert!(cmp.status.success(), "Spark and extract differ: {}", String::from_utf8_lossy(&cmp.stderr));
    let report: serde_json::Value = serde_json::from_slice(&cmp.stdout).unwrap();
    let n_expected = String::from_utf8_lossy(&expected.stdout).lines().count();
    assert_eq!(report["relations"].as_u64(), Some(n_expected as u64));
    assert!(n_expected > 20, "{n_expected} relations");
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0]["error"].as_str().unwrap().contains("JSON"), "{failed:?}");
}
