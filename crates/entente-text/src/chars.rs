//! [`char::is_alphanumeric`] and [`char::is_alphabetic`] with their answers remembered for the
//! Basic Multilingual Plane.
//!
//! The standard library answers for a character outside ASCII by searching its Unicode tables,
//! a few hundred instructions each time. Every stage asks it of every character outside ASCII
//! that it passes over: the curly quotes and dashes of English web pages, and every letter of a
//! page in Cyrillic, Greek, Arabic, Korean or Japanese. Here the standard library's answer for
//! a character below U+10000 is asked once per process and remembered, in four bits per
//! character (32 KB in all); characters past U+FFFF are passed on to it. So the answer is
//! always the standard library's.

use std::sync::atomic::{AtomicU64, Ordering};

/// Sixteen characters a cell, four bits each: whether the answer to "alphanumeric?" is known
/// and what it is, then the same for "alphabetic?". A bit is only ever set, and a known answer
/// is set with its value in one operation, so a relaxed load sees either no answer or the
/// right one, from any thread.
static MEMO: [AtomicU64; 0x10000 / 16] = [const { AtomicU64::new(0) }; 0x10000 / 16];

/// The answer for a character outside ASCII (`alphabetic` chooses the question): remembered,
/// or asked of the standard library. Not inlined, so that the ASCII test stays small where it
/// is inlined.
#[inline(never)]
fn outside_ascii(c: char, alphabetic: bool) -> bool {
    let ask = |c: char| if alphabetic { c.is_alphabetic() } else { c.is_alphanumeric() };
    let code = c as usize;
    let Some(cell) = MEMO.get(code / 16) else { return ask(c) };
    let shift = (code % 16) * 4 + if alphabetic { 2 } else { 0 };
    let known = cell.load(Ordering::Relaxed) >> shift;
    if known & 1 != 0 {
        return known & 2 != 0;
    }
    let answer = ask(c);
    cell.fetch_or((1 | u64::from(answer) << 1) << shift, Ordering::Relaxed);
    answer
}

/// Exactly [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        outside_ascii(c, false)
    }
}

/// Exactly [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        outside_ascii(c, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_gets_the_standard_librarys_answer() {
        // The second round reads the remembered answers.
        for round in 0..2 {
            for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{:04X} round {round}", c as u32);
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{:04X} round {round}", c as u32);
            }
        }
    }

    #[test]
    fn usual_characters_outside_ascii_get_both_answers() {
        for c in ['é', 'ß', 'Ж', 'я', 'Ω', 'א', 'ب', '한', 'カ', '中'] {
            assert!(is_alphanumeric(c) && is_alphabetic(c), "{c}");
        }
        for c in ['\u{2019}', '\u{201C}', '\u{2014}', '\u{00A0}', '«', '×'] {
            assert!(!is_alphanumeric(c) && !is_alphabetic(c), "{c:?}");
        }
        // Numbers are alphanumeric, not alphabetic.
        for c in ['²', '½', '\u{2070}', '٣'] {
            assert!(is_alphanumeric(c) && !is_alphabetic(c), "{c}");
        }
    }
}
