//! Word tokens with byte offsets.

/// A word of the text: letters and digits, with inner apostrophes, hyphens, periods and
/// commas kept when a letter or digit follows them ("U.S.", "5.2", "1,200", "anti-ISIS",
/// "Israel's"). Punctuation is not a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

impl Word {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// True for bytes that can be part of a word: ASCII letters and digits, and any byte of a
/// non-ASCII character (letters of other scripts, accented letters).
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The word tokens of `text`, in order.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_word_char(c) {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                it.next();
                continue;
            }
            // Inner joiners: kept only when a word character follows.
            if matches!(d, '\'' | '-' | '.' | ',' | '&') {
                let next = text[j + d.len_utf8()..].chars().next();
                let joins = match d {
                    ',' => {
                        // 1,200 but not "Israel, Iran"
                        text[start..end].bytes().all(|b| b.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
                    }
                    '.' => next.is_some_and(is_word_char) && !next.is_some_and(char::is_whitespace),
                    _ => next.is_some_and(is_word_char),
                };
                if joins {
                    it.next();
                    end = j + d.len_utf8();
                    continue;
                }
                // "U.S." keeps its final period when the word is letter-period pairs.
                if d == '.' && is_dotted_acronym(&text[start..end + 1]) {
                    it.next();
                    end = j + 1;
                }
            }
            break;
        }
        out.push(Word { start, end });
    }
    out
}

/// "U.S." / "U.N." / "e.g.": single letters each followed by a period.
pub(crate) fn is_dotted_acronym(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4 && b.len() & 1 == 0 && b.chunks(2).all(|p| p[0].is_ascii_alphabetic() && p[1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        words(s).iter().map(|w| w.text(s)).collect()
    }

    #[test]
    fn words_keep_inner_joiners() {
        assert_eq!(
            toks("Israel's $5.2 billion, 1,200 anti-ISIS troops in the U.S. now."),
            vec!["Israel's", "5.2", "billion", "1,200", "anti-ISIS", "troops", "in", "the", "U.S.", "now"]
        );
        assert_eq!(toks("Israel, Iran"), vec!["Israel", "Iran"]);
        assert_eq!(toks("Étienne–Bakı"), vec!["Étienne", "Bakı"]);
    }
}
