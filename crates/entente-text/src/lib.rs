//! Text utilities for news English, used by every later stage.
//!
//! - [`decode`] turns bytes into text, replacing invalid UTF-8 and counting the replacements;
//! - [`normalize`] makes typography uniform (curly quotes, non-breaking and zero-width
//!   characters, soft hyphens, line endings) so later stages match one form;
//! - [`sentences`] splits a paragraph into sentences, right on abbreviations, initials,
//!   decimals, quotes, parentheses and ellipses;
//! - [`words`] gives the word tokens of a text with their byte offsets.
//!
//! Every function is pure and total: any input gives an answer, never a panic, and every
//! offset falls on a character boundary of the text it indexes.

mod chars;
pub mod hash;
mod sentences;
pub mod swar;
mod words;

pub use chars::{is_alphabetic, is_alphanumeric};
pub use sentences::{is_title_abbreviation, sentences};
pub use words::{is_word_byte, words, Word};

/// The lines of `text` exactly as [`str::lines`] gives them (split at `\n`, a `\r` before it
/// taken off), with the line breaks found by memchr's vector search: the readers split every
/// page into lines, and the standard library's search reads a word at a time.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        match breaks.next() {
            Some(at) => {
                let line = &text[start..at];
                start = at + 1;
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => {
                let line = &text[start..];
                start = text.len();
                Some(line)
            }
        }
    })
}

/// Decodes bytes as UTF-8, replacing each invalid sequence with U+FFFD.
/// Returns the text and the number of replacements made.
pub fn decode(bytes: &[u8]) -> (String, usize) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), 0),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let before = bytes.windows(3).filter(|w| *w == "\u{FFFD}".as_bytes()).count();
            let after = text.matches('\u{FFFD}').count();
            (text, after.saturating_sub(before))
        }
    }
}

/// Normalises typography: curly quotes and apostrophes become straight ones, non-breaking and
/// other Unicode spaces become a plain space, soft hyphens, zero-width characters and the byte
/// order mark disappear, `\r\n` and `\r` become `\n`, and other control characters become a
/// space. Dashes, ellipses and letters are kept as they are.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII and line feeds, most of any text, are copied a run at a time (and
        // looked at eight bytes at a time).
        let run = i;
        while i < bytes.len() {
            if let Some(w) = swar::word_at(bytes, i) {
                if !(swar::has_high(w) || swar::has_less(w, 0x20) || swar::has_byte(w, 0x7f)) {
                    i += 8;
                    continue;
                }
            }
            if bytes[i] == b'\n' || (0x20..0x7f).contains(&bytes[i]) {
                i += 1;
            } else {
                break;
            }
        }
        out.push_str(&text[run..i]);
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\r' => {
                if bytes.get(i) != Some(&b'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn squash_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_str_lines() {
        let cases = ["", "\n", "\n\n", "a", "a\n", "a\r\n", "a\r", "a\r\r\nb", "\r\n\r\n", "Bakı\n\nİ\r\nx\n"];
        for text in cases {
            assert_eq!(lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn normalizes_typography() {
        let s = normalize("Israel\u{2019}s \u{201C}ally\u{201D}\u{00A0}now\u{00AD}here\u{200B}\r\nnext\rlast");
        assert_eq!(s, "Israel's \"ally\" nowhere\nnext\nlast");
    }

    #[test]
    fn decode_counts_replacements() {
        let (s, n) = decode(b"ok \xff\xfe then");
        assert!(s.starts_with("ok "));
        assert!(n >= 1);
        let (s, n) = decode("fine \u{FFFD} already".as_bytes());
        assert_eq!(n, 0);
        assert!(s.contains('\u{FFFD}'));
    }

    #[test]
    fn squashes() {
        assert_eq!(squash_spaces("  a \n b\t c "), "a b c");
    }
}
