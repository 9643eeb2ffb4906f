#![no_main]
//! The sentence splitter and the word tokenizer on arbitrary (normalized) text.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    for text in [data.to_string(), entente_text::normalize(data)] {
        let mut last = 0;
        for (s, e) in entente_text::sentences(&text) {
            assert!(last <= s && s <= e && e <= text.len(), "sentence {s}..{e} after {last}");
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            last = e;
        }
        for w in entente_text::words(&text) {
            assert!(w.start <= w.end && text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        }
    }
});
