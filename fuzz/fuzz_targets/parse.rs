#![no_main]
//! The tokeniser, tagger and parser on arbitrary text, and the CoNLL-U reader on arbitrary
//! bytes: never a panic; offsets inside the text; one root and heads inside the sentence.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let model = entente_syntax::Model::shipped();
    let s = model.parse_text(data, 0);
    let n = s.tokens.len();
    for t in &s.tokens {
        assert!(t.start < t.end && t.end <= data.len() && &data[t.start..t.end] == t.form);
        assert!(t.head <= n);
    }
    assert!(n == 0 || s.tokens.iter().filter(|t| t.head == 0).count() == 1);
    if let Ok(blocks) = entente_syntax::conllu::read_blocks(data) {
        for mut b in blocks {
            model.annotate_sentence(&mut b.sentence);
        }
    }
});
