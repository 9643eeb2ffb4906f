#![no_main]
//! The text reader on arbitrary bytes (decoded as the CLI decodes them).
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let (text, _) = entente::decode_text(data);
    let doc =
        entente::Document { id: "f".into(), url: None, date: None, title: None, content: entente::Content::Text(text) };
    if let Ok(a) = common::extractor().read(&doc) {
        common::check_article(&a);
    }
});
