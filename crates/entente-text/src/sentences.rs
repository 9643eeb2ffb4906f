//! Sentence segmentation for news English.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis, after any closing quotes and brackets, when
//! whitespace and then a sentence start (a capital, a digit, an opening quote or bracket) follow,
//! or at the end of the text. A line break always ends a sentence (headlines, list items and
//! captions have no final period). A period does not end a sentence after a title or other
//! abbreviation that is always followed by more ("Mr.", "Gen.", "St.", "No. 10", "Jan. 5"), after
//! an initial ("John F. Kennedy"), or after a dotted acronym ("U.S.", "U.N.") unless the next word
//! is one that usually opens a sentence ("The", "But", "He"...).

use crate::swar;

/// The longest abbreviation of the lists below, in bytes (a test keeps it true).
const MAX_ABBREVIATION: usize = 6;

/// Abbreviations after which a period never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm", "cmdr",
    "brig", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "st", "ste", "mt", "ft", "fr", "sr", "jr", "supt",
    "insp", "det", "pvt", "vs", "v", "cf", "approx", "dept", "est", "fig", "ca", "al", "gov't",
];
/// Abbreviations that do not end a sentence when a number follows ("No. 10", "Jan. 5").
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "vol", "art", "sec", "para", "p", "pp", "ch", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "op",
];
/// Abbreviations that end a sentence only when a usual sentence opener follows.
const WEAK: &[&str] = &[
    "inc", "ltd", "co", "corp", "plc", "llc", "bros", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "a.m", "p.m", "e.g",
    "i.e", "ave", "blvd", "rd", "univ",
];
/// Words that usually open a sentence: after an ambiguous period they mean it ended.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "as",
    "for",
    "since",
    "after",
    "before",
    "when",
    "while",
    "however",
    "meanwhile",
    "its",
    "his",
    "her",
    "their",
    "our",
    "officials",
    "analysts",
    "if",
    "although",
    "though",
    "according",
    "last",
    "earlier",
    "later",
    "now",
    "both",
    "some",
    "many",
    "most",
    "one",
    "two",
    "what",
    "why",
    "how",
    "who",
    "under",
    "during",
    "despite",
    "with",
    "by",
    "from",
    "to",
    "also",
    "still",
];

/// The sentences of `text` as byte ranges, trimmed of surrounding whitespace. Empty lines give
/// no sentence. The ranges are in order, do not overlap, and cover every non-space character.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((start + lead, end - trail));
    }
}

fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut start = from;
    let mut i = from;
    while i < to {
        // Eight bytes at a time past those that cannot end a sentence, then straight to the
        // first that may.
        if let Some(w) = swar::word_at(&bytes[..to], i) {
            let may_end =
                swar::eq_lanes(w, b'.') | swar::eq_lanes(w, b'!') | swar::eq_lanes(w, b'?') | swar::eq_lanes(w, 0xE2);
            if may_end == 0 {
                i += 8;
                continue;
            }
            i += may_end.trailing_zeros() as usize / 8;
        }
        let b = bytes[i];
        let term_len = match b {
            b'.' | b'!' | b'?' => 1,
            0xE2 if text[i..].starts_with('\u{2026}') => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        // A run of terminators ("?!", "...").
        let mut j = i + term_len;
        while j < to && matches!(bytes[j], b'.' | b'!' | b'?') {
            j += 1;
        }
        // Closing quotes and brackets belong to the sentence that ends.
        while j < to && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        }
        if j >= to || !bytes[j].is_ascii_whitespace() {
            i = j.max(i + 1);
            continue;
        }
        // What follows the whitespace.
        let mut k = j;
        while k < to && bytes[k].is_ascii_whitespace() {
            k += 1;
        }
        if k >= to {
            break; // the line ends here anyway
        }
        let ellipsis = b != b'.' || j - i > 1;
        if starts_sentence(&text[k..to]) && (ellipsis || !period_continues(text, start, i, &text[k..to])) {
            push_trimmed(text, start, j, out);
            start = k;
        }
        i = k;
    }
    push_trimmed(text, start, to, out);
}

/// Does `rest` look like the start of a sentence?
fn starts_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        Some('"' | '\'' | '(' | '[') => chars.next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
        _ => false,
    }
}

/// After a single period at byte `dot`, does the sentence go on?
fn period_continues(text: &str, sent_start: usize, dot: usize, rest: &str) -> bool {
    // The word before the period.
    let before = &text[sent_start..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '[' | '/'))
        .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Most sentences end in a word longer than any abbreviation listed here and without a
    // period inside: that ends the sentence.
    let core = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if core.len() > MAX_ABBREVIATION && !core.contains('.') {
        return false;
    }
    let lower = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let is = |list: &[&str]| list.iter().any(|a| a.eq_ignore_ascii_case(lower));
    let next_word = rest.trim_start_matches(['"', '\'', '(', '[']);
    let next_word = &next_word[..next_word.find(|c: char| !c.is_alphanumeric()).unwrap_or(next_word.len())];
    let next_is_opener = || OPENERS.iter().any(|o| o.eq_ignore_ascii_case(next_word));
    let next_is_number = rest.starts_with(|c: char| c.is_ascii_digit());

    // An initial: one capital letter ("John F. Kennedy"), unless an opener follows.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase() && !next_is_opener();
    }
    if is(TITLES) {
        return true;
    }
    if next_is_number && is(BEFORE_NUMBER) {
        return true;
    }
    // "U.S." arrives here as "U.S" (the final period is the terminator).
    if is_dotted_acronym_before_period(word) || is(WEAK) {
        return !next_is_opener();
    }
    false
}

/// Whether `word` and a period after it make a dotted acronym ("U.S" of "U.S.").
fn is_dotted_acronym_before_period(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3
        && b.len() % 2 == 1
        && b.iter().enumerate().all(|(i, &c)| if i % 2 == 0 { c.is_ascii_alphabetic() } else { c == b'.' })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_fast_path_allows() {
        for list in [TITLES, BEFORE_NUMBER, WEAK] {
            assert!(list.iter().all(|a| a.len() <= MAX_ABBREVIATION), "{list:?}");
        }
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("Israel agreed. Azerbaijan paid! Did Iran object? No."),
            vec!["Israel agreed.", "Azerbaijan paid!", "Did Iran object?", "No."]
        );
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Aliyev met Gen. Smith and Lt. Col. Ames at St. Antony's. John F. Kennedy came."),
            vec!["Mr. Aliyev met Gen. Smith and Lt. Col. Ames at St. Antony's.", "John F. Kennedy came."]
        );
    }

    #[test]
    fn acronyms_end_only_before_an_opener() {
        assert_eq!(
            split("The U.S. Navy sailed. Aid came from the U.N. The talks went on in the U.K. Parliament."),
            vec!["The U.S. Navy sailed.", "Aid came from the U.N.", "The talks went on in the U.K. Parliament."]
        );
    }

    #[test]
    fn numbers_and_months() {
        assert_eq!(
            split("On Jan. 5 the deal of $5.2 billion was signed at No. 10 Downing Street. It held."),
            vec!["On Jan. 5 the deal of $5.2 billion was signed at No. 10 Downing Street.", "It held."]
        );
    }

    #[test]
    fn quotes_parentheses_and_ellipses() {
        assert_eq!(
            split("He said: \"We agree.\" Then he left. \"Is it over?\" he asked. (It was not.) Talks... Resumed."),
            vec![
                "He said: \"We agree.\"",
                "Then he left.",
                "\"Is it over?\" he asked.",
                "(It was not.)",
                "Talks...",
                "Resumed."
            ]
        );
        assert_eq!(split("Wait\u{2026} Then go."), vec!["Wait\u{2026}", "Then go."]);
    }

    #[test]
    fn companies_and_lowercase_continuations() {
        assert_eq!(
            split("Shares of Acme Inc. rose. It sold to Acme Inc. Ltd units. See e.g. the annex."),
            vec!["Shares of Acme Inc. rose.", "It sold to Acme Inc. Ltd units.", "See e.g. the annex."]
        );
    }

    #[test]
    fn headlines_and_line_breaks() {
        assert_eq!(
            split("Caspian Comrades\nIsrael looks east. Again"),
            vec!["Caspian Comrades", "Israel looks east.", "Again"]
        );
        assert!(split("  \n \n").is_empty());
    }

    #[test]
    fn offsets_cover_text_on_boundaries() {
        let s = "Café owners in Bakı said: \u{201C}Yes.\u{201D} Élan grew. Ünal left\u{2026} Ok.";
        for (a, b) in sentences(s) {
            assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        }
    }
}
