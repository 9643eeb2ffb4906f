//! The `entente-synth` binary, as the scripts run it.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_entente-synth");

#[test]
fn writes_the_documents_asked_for_in_files_from_first() {
    let dir = std::env::temp_dir().join(format!("entente-synth-bin-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new(BIN)
        .args(["--docs", "7", "--per-file", "3", "--bytes", "600", "--seed", "4", "--first", "20", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("7 documents (seed 4"));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]);
    let mut lines = Vec::new();
    for name in &names {
        lines.extend(std::fs::read_to_string(dir.join(name)).unwrap().lines().map(String::from));
    }
    let expected: Vec<String> = entente_synth::Generator::new(4, 600).documents(20, 7).map(|d| d.json_line()).collect();
    assert_eq!(lines, expected, "the library's documents 20 to 26 of seed 4");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wrong_argument_is_named() {
    for (args, says) in [
        (&["--out", "x"][..], "--docs N is needed"),
        (&["--docs", "many", "--out", "x"], "--docs: \"many\" is not a whole number"),
        (&["--docs", "3"], "--out DIR is needed"),
        (&["--docs", "3", "--out", "x", "--per-file", "0"], "--per-file must be at least 1"),
        (&["--docs", "3", "--out", "x", "--colour", "red"], "unknown option \"--colour\""),
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says) && err.contains("usage: entente-synth"), "{args:?}: {err}");
    }
}
