#![no_main]
//! The whole pipeline (read, match, extract) on arbitrary text or HTML, checked for offsets
//! and for determinism.
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|input: (bool, bool, &str)| {
    let (html, dated, data) = input;
    let content = if html { entente::Content::Html(data.into()) } else { entente::Content::Text(data.into()) };
    let doc =
        entente::Document { id: "f".into(), url: None, date: dated.then(|| "2016-12-20".into()), title: None, content };
    let e = common::extractor();
    if let Ok(x) = e.extract(&doc) {
        common::check_extraction(&x);
        let y = e.extract(&doc).unwrap();
        assert_eq!(serde_json_string(&x), serde_json_string(&y), "not deterministic");
    }
});

fn serde_json_string(x: &entente::Extraction) -> String {
    format!("{:?}{:?}", x.mentions, x.relations)
}
