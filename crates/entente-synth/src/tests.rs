use std::collections::BTreeSet;
use std::path::PathBuf;

use super::*;

/// A fresh, empty folder for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("entente-synth-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn read_all(files: &[PathBuf]) -> Vec<u8> {
    files.iter().flat_map(|f| std::fs::read(f).unwrap()).collect()
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let t = Scratch::new("seed");
    let one = write_corpus(&t.0.join("one"), 30, 7, 2000, 9).unwrap();
    let two = write_corpus(&t.0.join("two"), 30, 7, 2000, 9).unwrap();
    let other = write_corpus(&t.0.join("other"), 30, 7, 2000, 10).unwrap();
    assert_eq!(one.len(), 5, "30 documents, 7 a file: {one:?}");
    assert!(!read_all(&one).is_empty());
    assert_eq!(read_all(&one), read_all(&two));
    assert_ne!(read_all(&one), read_all(&other), "another seed, other documents");
    // The first document of seed 1, pinned: a change to the generator changes every corpus
    // that benchmarks were measured on, and must be seen.
    let first = Generator::new(1, 0).document(0);
    let pinned = concat!(
        r#"{"date":"2006-09-20","id":"synth-0000000","text":"Kazakhstan has no plans to restore diplomatic ties "#,
        r#"with Australia. The two delegations are due to meet again after the holidays. A spokeswoman said "#,
        r#"the timetable depended on the weather and on funding.\n\nAzerbaijan pledged to impose sanctions on "#,
        r#"Chile's shipping lines.","title":"Markets steady as talks go on","url":"https://synth.example/2006/0"}"#
    );
    assert_eq!(first.json_line(), pinned);
    assert_eq!(first.stated.iter().map(|s| (s.a, s.b)).collect::<Vec<_>>(), [("KAZ", "AUS"), ("AZE", "CHL")]);
}

#[test]
fn a_document_is_the_same_in_any_range_and_file() {
    let g = Generator::new(3, 800);
    let all: Vec<Doc> = g.documents(0, 12).collect();
    let tail: Vec<Doc> = g.documents(5, 7).collect();
    assert_eq!(all[5..], tail[..]);
    let ids: Vec<&str> = all.iter().map(|d| d.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "ids sort as their numbers do");
    assert_eq!(all[11].id, doc_id(11));

    let t = Scratch::new("files");
    let files = g.write_corpus(&t.0, 0, 12, 5).unwrap();
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]);
    let text = String::from_utf8(read_all(&files)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 12);
    for (line, doc) in lines.iter().zip(&all) {
        assert_eq!(*line, doc.json_line());
    }
    let single = t.0.join("one.jsonl");
    let bytes = g.write_jsonl(&single, 5, 7).unwrap();
    assert_eq!(bytes, std::fs::metadata(&single).unwrap().len());
    let lines = std::fs::read_to_string(&single).unwrap();
    assert_eq!(lines.lines().next().unwrap(), all[5].json_line());
}

#[test]
fn documents_reach_their_size_and_not_much_more() {
    for bytes in [0, 300, 2000, 5000, 20_000] {
        for doc in Generator::new(1, bytes).documents(0, 40) {
            let len = doc.text.len();
            assert!(len >= bytes, "{}: {len} bytes, asked for {bytes}", doc.id);
            assert!(len < bytes.max(1) + 700, "{}: {len} bytes, asked for {bytes}", doc.id);
            assert!(doc.stated.len() >= 2, "{}: opens and ends with a relation sentence", doc.id);
            let paragraphs = doc.text.split("\n\n").count();
            assert!(paragraphs >= 2, "{}", doc.id);
        }
    }
    let text = news_text(100_000, 42);
    assert!(text.len() >= 100_000 && text.len() < 107_000, "{}", text.len());
    assert_eq!(text, news_text(100_000, 42));
}

#[test]
fn a_write_error_names_the_file() {
    let t = Scratch::new("error");
    let blocked = t.0.join("a-file");
    std::fs::write(&blocked, "not a folder").unwrap();
    let e = write_corpus(&blocked.join("corpus"), 3, 2, 100, 1).unwrap_err();
    assert!(e.to_string().contains("a-file"), "{e}");
}

fn documents(n: usize, bytes: usize) -> Vec<(Doc, entente::Document)> {
    let g = Generator::new(1, bytes);
    g.documents(0, n)
        .map(|d| {
            let input = entente::input::document_from_json(&d.json_line()).unwrap();
            (d, input)
        })
        .collect()
}

/// Every sentence that names an actor is a relation sentence, naming its two states once each,
/// in the order of [`Doc::stated`]; the title names none.
#[test]
fn relation_sentences_name_the_states_the_gazetteer_knows_and_nothing_else_names_one() {
    let extractor = entente::Extractor::new().unwrap();
    let (mut states, mut templates) = (BTreeSet::new(), 0);
    for (doc, input) in documents(300, 1500) {
        let article = extractor.read(&input).unwrap();
        let mentions = entente::find_mentions(&extractor.gazetteer, &article);
        let mut named = Vec::new();
        for part in &article.parts {
            for s in &part.sentences {
                let inside: Vec<&entente::Mention> =
                    mentions.iter().filter(|m| m.start >= s.start && m.end <= s.end).collect();
                if inside.is_empty() {
                    continue;
                }
                assert_ne!(part.kind, entente::PartKind::Title, "{}: the title names an actor", doc.id);
                let codes: BTreeSet<&str> = inside.iter().map(|m| &*m.code).collect();
                let sentence = &article.text[s.start..s.end];
                assert_eq!(inside.len(), 2, "{}: {sentence:?} names {codes:?}", doc.id);
                named.push((codes, sentence.to_string()));
            }
        }
        assert_eq!(named.len(), doc.stated.len(), "{}: {named:?} for {:?}", doc.id, doc.stated);
        for ((codes, sentence), stated) in named.iter().zip(&doc.stated) {
            assert_eq!(sentence, &stated.sentence, "{}", doc.id);
            assert_eq!(codes, &BTreeSet::from([stated.a, stated.b]), "{}: {sentence:?}", doc.id);
            states.extend([stated.a, stated.b]);
        }
        templates += doc.stated.len();
    }
    assert_eq!(states.len(), STATES.len(), "every state is named somewhere");
    assert!(templates > 600, "{templates} relation sentences");
}

/// Every document gives relations, each found in one of its relation sentences with at least
/// one of the two states the sentence names (the other may be the document's topic, as the
/// extractor reads a sentence without an object); and most of its relation sentences give one
/// between their own two states.
#[test]
fn every_document_gives_relations_from_its_relation_sentences() {
    let extractor = entente::Extractor::new().unwrap();
    let mut sectors = BTreeSet::new();
    let (mut sentences, mut between_their_states) = (0, 0);
    for (doc, input) in documents(200, 1500) {
        let x = extractor.extract(&input).unwrap();
        assert!(!x.relations.is_empty(), "{}: no relation in {:?}", doc.id, doc.text);
        for r in &x.relations {
            let stated = doc.stated.iter().find(|s| s.sentence == r.evidence.text);
            let Some(stated) = stated else { panic!("{}: {:?} is no relation sentence", doc.id, r.evidence.text) };
            let own = [stated.a, stated.b];
            assert!(own.contains(&&*r.source) || own.contains(&&*r.target), "{}: {r:?}", doc.id);
            sectors.insert(format!("{:?}", r.sector));
        }
        for s in &doc.stated {
            sentences += 1;
            let pair = |r: &&entente::Relation| {
                r.evidence.text == s.sentence && [(s.a, s.b), (s.b, s.a)].contains(&(&*r.source, &*r.target))
            };
            between_their_states += usize::from(x.relations.iter().any(|r| pair(&r)));
        }
        assert!(x.article.warnings.is_empty(), "{}: {:?}", doc.id, x.article.warnings);
    }
    assert!(sectors.len() >= 8, "{sectors:?}");
    assert!(between_their_states * 10 >= sentences * 8, "{between_their_states} of {sentences} relation sentences");
}
