#![no_main]
//! The HTML reader (parse, flatten, score, metadata, JSON-LD) on arbitrary bytes.
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let (html, _) = entente::decode_text(data);
    let doc = entente::Document {
        id: "f".into(),
        url: Some("https://example.org/2016/12/20/story".into()),
        date: None,
        title: None,
        content: entente::Content::Html(html),
    };
    if let Ok(a) = common::extractor().read(&doc) {
        common::check_article(&a);
    }
});
