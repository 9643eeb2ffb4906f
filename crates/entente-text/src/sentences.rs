//! Sentence segmentation for news English.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis, after any closing quotes and brackets, when
//! whitespace and then a sentence start (a capital, a digit, an opening quote or bracket) follow,
//! or at the end of the text. A line break always ends a sentence (headlines, list items and
//! captions have no final period). A period does not end a sentence after a title or other
//! abbreviation that is always followed by more ("Mr.", "Gen.", "St.", "No. 10", "Jan. 5"), after
//! an initial ("John F. Kennedy"), or after a dotted acronym ("U.S.", "U.N.") unless the next word
//! is one that usually opens a sentence ("The", "But", "He"...).

use crate::hash::FastMap;

/// The longest abbreviation of the lists below, in bytes (a test keeps it true).
const MAX_ABBREVIATION: usize = 6;

/// Abbreviations after which a period never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm", "cmdr",
    "brig", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "st", "ste", "mt", "ft", "fr", "sr", "jr", "supt",
    "insp", "det", "pvt", "vs", "v", "cf", "approx", "dept", "est", "fig", "ca", "al", "gov't",
];
/// Whether `word` (without its period) is a title or other abbreviation after which a period
/// never ends a sentence ("Lt", "Dr", "Sen"), in any case.
pub fn is_title_abbreviation(word: &str) -> bool {
    word.len() <= MAX_ABBREVIATION && TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
}

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
    // Each line with its line break (memchr finds the breaks).
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1);
    for to in ends.chain((!text.ends_with('\n')).then_some(text.len())) {
        split_line(text, line_start, to, &mut out, may_end_after(&text.as_bytes()[..to]));
        line_start = to;
    }
    out
}

/// Where the first byte at or after a position that may end a sentence is (a terminator or
/// the first byte of an ellipsis; the end of `bytes` if none), for positions asked in
/// increasing order: memchr's vector search for each kind, again only once the position has
/// passed the one found.
fn may_end_after(bytes: &[u8]) -> impl FnMut(usize) -> usize + '_ {
    let to = bytes.len();
    let stop_from = move |i: usize| memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map_or(to, |k| i + k);
    let ellipsis_from = move |i: usize| memchr::memchr(0xE2, &bytes[i..]).map_or(to, |k| i + k);
    let (mut next_stop, mut next_ellipsis) = (None, None);
    move |i| {
        let stop = *next_stop.get_or_insert_with(|| stop_from(i));
        let stop = if stop < i { *next_stop.insert(stop_from(i)) } else { stop };
        let ellipsis = *next_ellipsis.get_or_insert_with(|| ellipsis_from(i));
        let ellipsis = if ellipsis < i { *next_ellipsis.insert(ellipsis_from(i)) } else { ellipsis };
        stop.min(ellipsis)
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    // A sentence mostly begins and ends with printable ASCII (past the space, which no
    // whitespace is): nothing to trim there.
    let plain = |b: Option<&u8>| b.is_some_and(|b| (0x21..0x80).contains(b));
    let lead = if plain(s.as_bytes().first()) { 0 } else { s.len() - s.trim_start().len() };
    let trail = if plain(s.as_bytes().last()) { 0 } else { s.len() - s.trim_end().len() };
    if lead + trail < s.len() {
        out.push((start + lead, end - trail));
    }
}

/// Splits the line `text[from..to]`; `may_end(i)` gives the first byte at or after `i` that may
/// end a sentence (asked with `i` increasing).
fn split_line(
    text: &str,
    from: usize,
    to: usize,
    out: &mut Vec<(usize, usize)>,
    mut may_end: impl FnMut(usize) -> usize,
) {
    let bytes = &text.as_bytes()[..to];
    let mut start = from;
    let mut i = from;
    loop {
        i = may_end(i);
        if i >= to {
            break;
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
    let core = word.trim_start_matches(|c: char| !crate::is_alphanumeric(c));
    if core.len() > MAX_ABBREVIATION && !core.contains('.') {
        return false;
    }
    let lists = Lists::of(core);
    let next_word = rest.trim_start_matches(['"', '\'', '(', '[']);
    let next_word = &next_word[..next_word.find(|c: char| !crate::is_alphanumeric(c)).unwrap_or(next_word.len())];
    let next_is_opener = || Lists::of(next_word).0 & Lists::OPENER != 0;
    let next_is_number = rest.starts_with(|c: char| c.is_ascii_digit());

    // An initial: one capital letter ("John F. Kennedy"), unless an opener follows.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase() && !next_is_opener();
    }
    if lists.0 & Lists::TITLE != 0 {
        return true;
    }
    if next_is_number && lists.0 & Lists::BEFORE_NUMBER != 0 {
        return true;
    }
    // "U.S." arrives here as "U.S" (the final period is the terminator).
    if is_dotted_acronym_before_period(word) || lists.0 & Lists::WEAK != 0 {
        return !next_is_opener();
    }
    false
}

/// The word lists above that a word is on, in any case, as bits.
#[derive(Clone, Copy)]
struct Lists(u8);

impl Lists {
    const TITLE: u8 = 1;
    const BEFORE_NUMBER: u8 = 2;
    const WEAK: u8 = 4;
    const OPENER: u8 = 8;
    /// The longest word on any list (a test keeps it true).
    const LONGEST: usize = 9;

    /// Every word of the lists with the lists it is on (built once; a sentence end is looked up
    /// in it, not compared with each word of each list).
    fn table() -> &'static FastMap<&'static [u8], u8> {
        static TABLE: std::sync::OnceLock<FastMap<&'static [u8], u8>> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table = FastMap::default();
            let lists = [(TITLES, Lists::TITLE), (BEFORE_NUMBER, Lists::BEFORE_NUMBER), (WEAK, Lists::WEAK)];
            for (list, bit) in lists.into_iter().chain([(OPENERS, Lists::OPENER)]) {
                for &word in list {
                    *table.entry(word.as_bytes()).or_default() |= bit;
                }
            }
            table
        })
    }

    /// The lists `word` is on (the lists hold ASCII in small letters).
    fn of(word: &str) -> Lists {
        if word.len() > Lists::LONGEST || !word.is_ascii() {
            return Lists(0);
        }
        let mut buf = [0u8; Lists::LONGEST];
        let key = &mut buf[..word.len()];
        key.copy_from_slice(word.as_bytes());
        key.make_ascii_lowercase();
        Lists(Lists::table().get(&*key).copied().unwrap_or(0))
    }
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
    fn the_table_of_lists_answers_as_each_list_would() {
        let lists = [
            (TITLES, Lists::TITLE),
            (BEFORE_NUMBER, Lists::BEFORE_NUMBER),
            (WEAK, Lists::WEAK),
            (OPENERS, Lists::OPENER),
        ];
        // Every word of every list, in three cases, and some on no list.
        let mut words: Vec<String> = Vec::new();
        for (list, _) in lists {
            for w in list {
                assert!(w.len() <= Lists::LONGEST && w.is_ascii() && *w == w.to_lowercase(), "{w}");
                words.extend([w.to_string(), w.to_uppercase(), format!("{}{}", w[..1].to_uppercase(), &w[1..])]);
            }
        }
        words.extend(["", "said", "Jan5", "décembre", "meanwhiles", "JANUARY", "u.s"].map(String::from));
        for w in &words {
            for (list, bit) in lists {
                let on = list.iter().any(|a| a.eq_ignore_ascii_case(w));
                assert_eq!(Lists::of(w).0 & bit != 0, on, "{w} {bit}");
            }
        }
    }

    /// The splitter with the bytes that may end a sentence found one at a time.
    fn split_a_byte_at_a_time(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let to = line_start + line.len();
            let bytes = text.as_bytes();
            let next = |i: usize| (i..to).find(|&k| matches!(bytes[k], b'.' | b'!' | b'?' | 0xE2)).unwrap_or(to);
            split_line(text, line_start, to, &mut out, next);
            line_start = to;
        }
        out
    }

    #[test]
    fn the_vector_search_finds_what_a_byte_at_a_time_does() {
        let pieces = [
            "Israel", " ", "  ", ".", "!", "?", "...", "\u{2026}", "\u{2013}", "\u{201C}", "\"", "'", ")", "U.S", "Mr",
            "No", " 5", "\n", "the", "Bakı", "é", "\u{A0}", "(", "e.g", "\u{B}", "\t",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..1 + state % 40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let found = sentences(&text);
            assert_eq!(found, split_a_byte_at_a_time(&text), "{text:?}");
            // Each is trimmed of all whitespace, as `str::trim` sees it.
            assert!(found.iter().all(|&(a, b)| a < b && text[a..b].trim() == &text[a..b]), "{text:?}");
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
