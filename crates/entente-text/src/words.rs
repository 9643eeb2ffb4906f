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
    crate::is_alphanumeric(c)
}

/// Whether the character at byte `i` (a character boundary) is a word character, and its
/// length: one test for ASCII, a decode otherwise.
#[inline]
fn char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        text[i..].chars().next().map_or((false, 1), |c| (is_word_char(c), c.len_utf8()))
    }
}

/// The word tokens of `text`, in order.
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    // About one word in six bytes of news text.
    let mut out = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let (word, len) = char_at(text, i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        while end < bytes.len() {
            // ASCII letters and digits, eight at a time.
            if let Some(w) = crate::swar::word_at(bytes, end) {
                let n = crate::swar::leading_alnum(w);
                end += n;
                if n == 8 {
                    continue;
                }
            }
            if end >= bytes.len() {
                break;
            }
            let (word, len) = char_at(text, end);
            if word {
                end += len;
                continue;
            }
            // Inner joiners (all ASCII): kept only when a word character follows.
            let d = bytes[end];
            if matches!(d, b'\'' | b'-' | b'.' | b',' | b'&') {
                let next = text[end + 1..].chars().next();
                let joins = match d {
                    // 1,200 but not "Israel, Iran"
                    b',' => {
                        text[start..end].bytes().all(|b| b.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
                    }
                    _ => next.is_some_and(is_word_char),
                };
                if joins {
                    end += 1;
                    continue;
                }
                // "U.S." keeps its final period when the word is letter-period pairs.
                if d == b'.' && is_dotted_acronym(&text[start..end + 1]) {
                    end += 1;
                }
            }
            break;
        }
        out.push(Word { start, end });
        i = end;
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
