//! Bad input gives a parse, never a panic: every word gets a head inside the sentence, exactly
//! one word is the root, and the heads form a tree.

use entente_syntax::{Model, Sentence};

fn well_formed(s: &Sentence) {
    let n = s.tokens.len();
    if n == 0 {
        return;
    }
    assert_eq!(s.tokens.iter().filter(|t| t.head == 0).count(), 1, "one root");
    for (i, t) in s.tokens.iter().enumerate() {
        assert!(t.head <= n, "head in range");
        assert_ne!(t.head, i + 1, "no word heads itself");
        // Following heads from any word reaches the root within n steps: no cycles.
        let mut at = i;
        let mut steps = 0;
        while let Some(h) = s.head_of(at) {
            at = h;
            steps += 1;
            assert!(steps <= n, "cycle through word {}", i + 1);
        }
        assert!(!t.deprel.is_empty());
    }
}

#[test]
fn empty_input_gives_an_empty_sentence() {
    let m = Model::shipped();
    assert!(m.parse_text("", 0).tokens.is_empty());
    assert!(m.parse_text(" \n\t ", 7).tokens.is_empty());
    assert!(m.parse_words(&[]).tokens.is_empty());
}

#[test]
fn ten_thousand_words_parse() {
    let m = Model::shipped();
    let words: Vec<&str> = ["the", "minister", "said", "that", "Chile", "and", "Peru", "signed", "a", "deal", ","]
        .iter()
        .cycle()
        .take(10_000)
        .copied()
        .collect();
    let s = m.parse_words(&words);
    assert_eq!(s.tokens.len(), 10_000);
    well_formed(&s);
    let text = words.join(" ");
    let s = m.parse_text(&text, 0);
    assert_eq!(s.tokens.len(), 10_000);
    well_formed(&s);
}

#[test]
fn punctuation_only_and_odd_characters() {
    let m = Model::shipped();
    for text in [
        "...",
        "!!! ??? ;;; --",
        "\"\"\"",
        "( [ { } ] )",
        "\u{0}\u{1}\u{7f}",
        "\u{FFFD}\u{FFFD} \u{200B}",
        "مرحبا بالعالم",
        "e\u{301}\u{301}\u{301}",
        "😀 🚀 💥",
        "'''s n't 's",
        "$ $ $ % %",
        "-",
        "a",
    ] {
        let s = m.parse_text(text, 3);
        assert!(!s.tokens.is_empty(), "{text:?}");
        for t in &s.tokens {
            assert_eq!(&text[t.start - 3..t.end - 3], t.form, "offsets of {text:?}");
        }
        well_formed(&s);
    }
    let s = m.parse_words(&["", "", "x"]);
    well_formed(&s);
}
