//! `entente read` on the inputs people give it, good and bad: every bad document gets a clear
//! message naming the file (and line), the run goes on with the others, and the exit status
//! says something was skipped.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn entente() -> Command {
    Command::new(env!("CARGO_BIN_EXE_entente"))
}

mod common;
use common::fresh_dir as tempdir;

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = entente()
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

const ARTICLE: &str = "Home | News | Opinion\n\nNorway and Japan Deepen Ties\n\nBy Kari Holm\n\n\
Norway agreed to sell Japan liquefied natural gas under a ten-year contract, officials in Oslo said on Monday. \
The deal was signed by both energy ministers.\n\n\
Japan will also invest in offshore wind farms along the Norwegian coast. Mr. Sato of the trade ministry said the \
U.S. had welcomed the plan.\n\n\u{a9} Example Wire 2020.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

#[test]
fn reads_a_text_scrape() {
    let dir = tempdir("text");
    let f = write(&dir, "norway-japan.txt", ARTICLE.as_bytes());
    let out = run(&["read", "--format", "json", &f], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    let doc = &v[0];
    assert_eq!(doc["id"], "norway-japan");
    assert_eq!(doc["title"], "Norway and Japan Deepen Ties");
    assert_eq!(doc["author"], "Kari Holm");
    assert_eq!(doc["date"], "2020");
    assert_eq!(doc["date_source"], "copyright");
    let parts = doc["parts"].as_array().unwrap();
    let body: Vec<&serde_json::Value> = parts.iter().filter(|p| p["kind"] == "body").collect();
    assert_eq!(body.len(), 2);
    // Sentences keep "Mr." and "U.S." inside, and their offsets index the text.
    let sents = body[1]["sentences"].as_array().unwrap();
    assert_eq!(sents.len(), 2, "{sents:?}");
    assert!(sents[1]["text"].as_str().unwrap().starts_with("Mr. Sato"));
    let dropped: Vec<&str> = doc["dropped"].as_array().unwrap().iter().map(|d| d["reason"].as_str().unwrap()).collect();
    assert_eq!(dropped, vec!["navigation", "byline", "copyright"]);
    // Human output names the parts.
    let out = run(&["read", &f], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("title:  Norway and Japan Deepen Ties"), "{text}");
    assert!(text.contains("[body"), "{text}");
}

#[test]
fn reads_json_lines_from_a_file_and_stdin() {
    let dir = tempdir("jsonl");
    let batch = concat!(
        r#"{"id":"a","text":"Japan and Norway signed a trade pact on Tuesday.","date":"2016-03-01","url":"https://example.org/a"}"#,
        "\n\n",
        r#"{"id":"b","html":"<html><body><article><p>Norway sold Japan gas in a deal that officials called the largest of its kind in a decade.</p></article></body></html>","title":"Gas"}"#,
        "\n"
    );
    let f = write(&dir, "batch.jsonl", batch.as_bytes());
    for args in [vec!["read", "--format", "json", f.as_str()], vec!["read", "--format", "json", "-"]] {
        let stdin = (args[3] == "-").then_some(batch.as_bytes());
        let out = run(&args, stdin);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v = json(&out);
        assert_eq!(v.as_array().unwrap().len(), 2);
        assert_eq!(v[0]["id"], "a");
        assert_eq!(v[0]["date"], "2016-03-01");
        assert_eq!(v[0]["date_source"], "input");
        assert_eq!(v[1]["title"], "Gas");
        assert!(v[1]["parts"].as_array().unwrap().iter().any(|p| p["kind"] == "body"));
    }
}

#[test]
fn directories_are_read_recursively_in_order() {
    let dir = tempdir("dir");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    write(&dir, "b.txt", ARTICLE.as_bytes());
    write(&dir.join("sub"), "a.txt", ARTICLE.as_bytes());
    write(&dir, "notes.md", b"# not an article");
    let out = run(&["read", "--format", "json", &dir.display().to_string()], None);
    assert!(out.status.success());
    let ids: Vec<String> =
        json(&out).as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, vec!["b", "a"]);
}

#[test]
fn bad_inputs_are_named_skipped_and_counted() {
    let dir = tempdir("bad");
    let good = write(&dir, "good.txt", ARTICLE.as_bytes());
    let empty = write(&dir, "empty.txt", b"");
    let binary = write(&dir, "binary.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0]);
    let mut invalid = ARTICLE.as_bytes().to_vec();
    invalid.extend_from_slice(b"\nMore text \xff\xfe here that is not valid UTF-8 at all.\n");
    let invalid = write(&dir, "invalid.txt", &invalid);
    let notext = write(
        &dir,
        "notext.html",
        b"<html><head><script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>",
    );
    let big = dir.join("big.txt");
    {
        let mut f = std::fs::File::create(&big).unwrap();
        let line = "Norway and Japan met again to talk about trade and energy policy. ".repeat(100) + "\n";
        while f.metadata().unwrap().len() < 50 * 1024 * 1024 {
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    let jsonl = write(
        &dir,
        "mixed.jsonl",
        b"{\"id\":\"ok\",\"text\":\"Japan signed a trade pact with Norway.\"}\nnot json at all\n{\"text\":\"no id here\"}\n",
    );
    let big = big.display().to_string();
    let out = run(&["read", "--format", "json", &good, &empty, &binary, &invalid, &notext, &big, &jsonl], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains(&format!("{empty}: the file is empty")), "{err}");
    assert!(err.contains(&format!("{binary}: a binary file")), "{err}");
    assert!(err.contains(&format!("warning: {invalid}: ")) && err.contains("invalid UTF-8"), "{err}");
    assert!(err.contains("notext: no article text"), "{err}");
    assert!(err.contains(&format!("{big}: larger than the limit")), "{err}");
    assert!(err.contains(&format!("{jsonl}:2: not JSON")), "{err}");
    assert!(err.contains(&format!("{jsonl}:3: no \"id\"")), "{err}");
    assert!(err.contains("6 document(s) skipped"), "{err}");
    // The good ones were all read.
    let ids: Vec<String> =
        json(&out).as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, vec!["good", "invalid", "ok"]);
}

#[test]
fn lowered_reader_limits_take_effect_with_a_message() {
    let dir = tempdir("limits");
    let para = "<p>Norway agreed to sell Japan liquefied natural gas under a ten-year contract, officials said.</p>";
    let page = format!("<html><body>{}{para}{}</body></html>", "<div>".repeat(40), "</div>".repeat(40));
    let f = write(&dir, "deep.html", page.as_bytes());
    let deep_warning = |v: &serde_json::Value| -> Vec<String> {
        v[0]["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect()
    };
    // 40 deep is nothing by default.
    let out = run(&["read", "--format", "json", &f], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(deep_warning(&json(&out)).is_empty(), "{:?}", deep_warning(&json(&out)));
    // Over --max-depth 30: read without its structure, the article still found, and said so.
    let out = run(&["read", "--format", "json", "--max-depth", "30", &f], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    assert_eq!(deep_warning(&v), ["the page nests elements more than 30 deep: read without its structure"]);
    assert!(v[0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["kind"] == "body" && p["text"].as_str().unwrap().starts_with("Norway agreed to sell Japan")));
    let out = run(&["read", "--max-depth", "30", &f], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning: the page nests elements more than 30 deep"), "{text}");
    // --max-bytes below the file's size: skipped, with the flag named, exit 3.
    let out = run(&["read", "--max-bytes", "100", &f], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains(&format!("{f}: larger than the limit of 100 bytes (--max-bytes)")), "{err}");
    // A limit that is not a number is refused before anything is read.
    let out = run(&["read", "--max-depth", "deep", &f], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-depth"));
}
