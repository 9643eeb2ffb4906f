//! Finding surface forms: one pass over the text's words, with word-boundary and case checks.
//!
//! Every form of the gazetteer begins at the start of a word, so the pass looks only there,
//! and only where the word's hash is in a gate of the words forms begin with (for forms of
//! several words, the hash of their first two words together): most words of news text
//! ("the", "said", "agreement") are passed over after a bit test or two. Where a word may
//! begin a name or lexicon phrase, the anchored automaton gives the longest form from there;
//! where a capitalised word may begin a person's name, the following words are looked up. The
//! runs of letters are read eight bytes at a time where the text is ASCII.

use aho_corasick::{Anchored, Input};

use crate::gazetteer::{Cand, Data, Entry};

/// A surface form found in the text, with the entries whose case fits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    /// The automaton pattern (an index of `Data::patterns`).
    pub pat: u32,
    /// The entries of that pattern whose case fits the text: `Scan::entries[first..first + len]`
    /// (indexes of the pattern's entries).
    pub first: u32,
    pub len: u32,
}

/// The surface forms of a text, and their entries (one list for all, so that a hit costs no
/// allocation of its own).
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub hits: Vec<Hit>,
    pub entries: Vec<u32>,
}

impl Scan {
    /// The entries of hit `i` whose case fits, as indexes of its pattern's entries.
    pub fn entries_of(&self, i: usize) -> &[u32] {
        let h = &self.hits[i];
        &self.entries[h.first as usize..(h.first + h.len) as usize]
    }
}

/// A form found at one place before it is kept: where it ends and its pattern (the entries
/// that fit are in a buffer reused from word to word).
struct Found {
    end: usize,
    pat: u32,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// A word's hash for a [`WordGate`]: its first eight bytes, ASCII letters in lower case, and its
/// length, mixed (the automaton's keys are lower-cased the same way, other bytes kept).
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut acc = 0u64;
    for (k, &b) in word.as_bytes().iter().take(8).enumerate() {
        acc |= u64::from(if b.is_ascii_alphanumeric() { b | 0x20 } else { b }) << (8 * k);
    }
    mix(acc, word.len())
}

/// The hash of two runs one after the other, for the gate of forms of several words.
pub(crate) fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(17) ^ second).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

fn mix(acc: u64, len: usize) -> u64 {
    (acc ^ (len as u64).rotate_right(8)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The first run of letters and digits of a key ("al" of "al-qaeda").
pub(crate) fn first_run(key: &str) -> &str {
    let end = key.char_indices().find(|&(_, c)| !is_word_char(c)).map_or(key.len(), |(i, _)| i);
    &key[..end]
}

const GATE_BITS: u32 = 18;

/// A set of word hashes as bits (32 KB): whether some form may begin with a word. A false
/// positive costs one lookup; there are no false negatives.
#[derive(Debug, Clone)]
pub(crate) struct WordGate {
    bits: Box<[u64]>,
}

impl WordGate {
    pub fn new() -> WordGate {
        WordGate { bits: vec![0; 1 << (GATE_BITS - 6)].into_boxed_slice() }
    }

    fn slot(h: u64) -> (usize, u64) {
        let i = (h >> (64 - GATE_BITS)) as usize;
        (i >> 6, 1 << (i & 63))
    }

    pub fn insert(&mut self, h: u64) {
        let (word, bit) = WordGate::slot(h);
        self.bits[word] |= bit;
    }

    pub fn may_contain(&self, h: u64) -> bool {
        let (word, bit) = WordGate::slot(h);
        self.bits[word] & bit != 0
    }
}

/// A run of letters and digits: where it starts, its [`word_hash`], and whether it has a
/// character outside ASCII.
pub(crate) struct Run {
    pub start: usize,
    pub hash: u64,
    pub ascii: bool,
}

/// The class of each byte: a separator in ASCII, a letter or digit in ASCII, or a byte of a
/// character outside ASCII (decoded to be classed).
const SEPARATOR: u8 = 0;
const ASCII_WORD: u8 = 1;
const OUTSIDE: u8 = 2;
static CLASS: [u8; 256] = {
    let mut t = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            OUTSIDE
        } else if c.is_ascii_alphanumeric() {
            ASCII_WORD
        } else {
            SEPARATOR
        };
        b += 1;
    }
    t
};

/// The runs of letters and digits of a text, in order.
pub(crate) struct Runs<'t> {
    text: &'t str,
    at: usize,
}

pub(crate) fn runs(text: &str) -> Runs<'_> {
    Runs { text, at: 0 }
}

impl Runs<'_> {
    /// The character at `at` (outside ASCII) if it is a letter or digit, with its length.
    fn outside_word(&self, at: usize) -> Option<usize> {
        let c = self.text[at..].chars().next()?;
        c.is_alphanumeric().then_some(c.len_utf8())
    }
}

const LANES_LO: u64 = 0x0101_0101_0101_0101;
const LANES_HI: u64 = 0x8080_8080_8080_8080;

/// The lanes of `w` (the top bit of each byte) that are ASCII letters or digits, eight bytes
/// at a time: `b | 0x20` in `a..=z`, or `b` in `0..=9`, and no byte outside ASCII. No lane
/// carries into the next (each sum stays below 0x100).
fn word_lanes(w: u64) -> u64 {
    let y = w & !LANES_HI;
    let x = y | (LANES_LO * 0x20);
    let letter = x.wrapping_add(LANES_LO * 0x1f) & !x.wrapping_add(LANES_LO * 0x05);
    let digit = y.wrapping_add(LANES_LO * 0x50) & !y.wrapping_add(LANES_LO * 0x46);
    (letter | digit) & !w & LANES_HI
}

/// How many bytes from the start of `w` are ASCII letters or digits (0 to 8).
fn leading_word_bytes(w: u64) -> usize {
    (!word_lanes(w) & LANES_HI).trailing_zeros() as usize / 8
}

impl Iterator for Runs<'_> {
    type Item = Run;

    fn next(&mut self) -> Option<Run> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        // The next letter or digit (separators skipped eight at a time).
        loop {
            if let Some(w) = entente_text::swar::word_at(bytes, at) {
                let interesting = word_lanes(w) | (w & LANES_HI);
                if interesting == 0 {
                    at += 8;
                    continue;
                }
                at += interesting.trailing_zeros() as usize / 8;
            }
            let &b = bytes.get(at)?;
            match CLASS[usize::from(b)] {
                ASCII_WORD => break,
                SEPARATOR => at += 1,
                _ => match self.outside_word(at) {
                    Some(_) => break,
                    None => at += self.text[at..].chars().next().map_or(1, char::len_utf8),
                },
            }
        }
        let start = at;
        let mut acc = 0u64;
        let mut ascii = true;
        loop {
            // ASCII letters and digits, eight at a time where there are eight bytes left; the
            // first eight bytes of the run make the hash.
            loop {
                let (n, lowered) = match entente_text::swar::word_at(bytes, at) {
                    Some(w) => (leading_word_bytes(w), w | (LANES_LO * 0x20)),
                    None => {
                        let n = bytes[at..].iter().take_while(|&&b| CLASS[usize::from(b)] == ASCII_WORD).count();
                        let lowered =
                            bytes[at..at + n].iter().rev().fold(0u64, |acc, &b| (acc << 8) | u64::from(b | 0x20));
                        (n, lowered)
                    }
                };
                let off = at - start;
                if off < 8 && n > 0 {
                    let take = n.min(8 - off);
                    let mask = if take == 8 { u64::MAX } else { (1u64 << (8 * take)) - 1 };
                    acc |= (lowered & mask) << (8 * off);
                }
                at += n;
                if n < 8 {
                    break;
                }
            }
            // A letter outside ASCII goes on the run; anything else ends it.
            match bytes.get(at) {
                Some(&b) if CLASS[usize::from(b)] == OUTSIDE => {
                    let Some(len) = self.outside_word(at) else { break };
                    for (k, &b) in bytes[at..at + len].iter().enumerate() {
                        if at + k - start < 8 {
                            acc |= u64::from(b) << (8 * (at + k - start));
                        }
                    }
                    ascii = false;
                    at += len;
                }
                _ => break,
            }
        }
        self.at = at;
        Some(Run { start, hash: mix(acc, at - start), ascii })
    }
}

/// Every surface form of the gazetteer in `text`, leftmost-longest, in text order: names and
/// lexicon phrases from the automaton, persons from runs of capitalised words; where two begin
/// at one word, the longer wins ("Israel Katz" over "Israel"), a name over a person of the
/// same length. Forms do not overlap.
pub(crate) fn scan(data: &Data, text: &str) -> Scan {
    let mut out = Scan::default();
    let (mut name_entries, mut person_entries) = (Vec::new(), Vec::new());
    let mut covered = 0;
    let mut all = runs(text);
    let mut following = all.next();
    while let Some(run) = following.take() {
        following = all.next();
        if run.start < covered {
            continue;
        }
        let start = run.start;
        // A form of one word, or of several whose first two words are these.
        let may_name = data.ac_gate.may_contain(run.hash)
            || following.as_ref().is_some_and(|next| data.ac_pair_gate.may_contain(pair_hash(run.hash, next.hash)));
        let name = if may_name { name_at(data, text, start, &mut name_entries) } else { None };
        let capital = text[start..].chars().next().is_some_and(char::is_uppercase);
        let person = if capital
            && (!run.ascii || data.person_gate.may_contain(run.hash))
            && !joined_by_apostrophe(text, start)
        {
            person_at(data, text, start, &mut person_entries)
        } else {
            None
        };
        let (found, entries) = match (name, person) {
            (Some(n), Some(p)) if p.end > n.end => (p, &person_entries),
            (Some(n), _) => (n, &name_entries),
            (None, Some(p)) => (p, &person_entries),
            (None, None) => continue,
        };
        covered = found.end;
        let first = out.entries.len() as u32;
        out.entries.extend_from_slice(entries);
        out.hits.push(Hit { start, end: found.end, pat: found.pat, first, len: entries.len() as u32 });
    }
    out
}

/// Whether the run at `start` continues a word across an apostrophe ("Neill" in "O'Neill"),
/// as [`Words`] reads it, and so begins no word.
fn joined_by_apostrophe(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let (Some(apostrophe), Some(c0)) = (before.next(), before.next()) else { return false };
    if !matches!(apostrophe, '\'' | '\u{2019}') || !c0.is_alphanumeric() {
        return false;
    }
    let mut rest = text[start..].chars();
    let (n1, n2) = (rest.next(), rest.next());
    let possessive = matches!(n1, Some('s' | 'S')) && !n2.is_some_and(char::is_alphanumeric);
    n1.is_some_and(char::is_alphabetic) && !possessive
}

/// The words of a text from a word start, for person lookup: letters and digits, an
/// apostrophe inside a word ("O'Neill", but not a possessive "'s"), a period after one
/// capital ("J.").
struct Words<'t> {
    text: &'t str,
    pos: usize,
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let mut start: Option<usize> = None;
        let chars = text[self.pos..].char_indices();
        for (k, c) in chars {
            let i = self.pos + k;
            let inside = match c {
                c if c.is_alphanumeric() => true,
                '\'' | '\u{2019}' => {
                    let mut rest = text[i + c.len_utf8()..].chars();
                    let (n1, n2) = (rest.next(), rest.next());
                    let possessive = matches!(n1, Some('s' | 'S')) && !n2.is_some_and(char::is_alphanumeric);
                    start.is_some() && n1.is_some_and(char::is_alphabetic) && !possessive
                }
                '.' => start.is_some_and(|s| {
                    let w = &text[s..i];
                    w.chars().count() == 1 && w.chars().all(char::is_uppercase)
                }),
                _ => false,
            };
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    self.pos = i;
                    return Some((s, i));
                }
                _ => {}
            }
            if c == '.' && inside {
                // "J." ends its word.
                if let Some(s) = start {
                    self.pos = i + 1;
                    return Some((s, i + 1));
                }
            }
        }
        self.pos = text.len();
        start.map(|s| (s, text.len()))
    }
}

/// A person at the word beginning at `ws`: the longest run (up to the longest name) of words
/// joined by single spaces or hyphens, starting with a capital, that is a person's name, alias
/// or surname.
fn person_at(data: &Data, text: &str, ws: usize, entries: &mut Vec<u32>) -> Option<Found> {
    let mut words = Words { text, pos: ws };
    let (_, we) = words.next()?;
    let mut key = String::new();
    for c in text[ws..we].chars() {
        key.extend(c.to_lowercase());
    }
    if !data.person_first_words.contains(key.as_str()) {
        return None;
    }
    // The words that follow, each joined to the one before by one space or a hyphen. Names
    // are capitalised words and particles ("bin", "al-", "de").
    let mut run = vec![(ws, we)];
    while run.len() < data.max_person_words {
        let Some((s, e)) = words.next() else { break };
        let gap = &text[run[run.len() - 1].1..s];
        let word = &text[s..e];
        let namelike =
            word.chars().next().is_some_and(char::is_uppercase) || data.rules.particles.contains(&word) || gap == "-";
        if (gap == " " || gap == "-") && namelike {
            run.push((s, e));
        } else {
            break;
        }
    }
    for len in (1..=run.len()).rev() {
        key.clear();
        for (k, &(s, e)) in run[..len].iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            for c in text[s..e].chars() {
                key.extend(c.to_lowercase());
            }
        }
        let Some(&pat) = data.pattern_index.get(key.as_str()) else {
            continue;
        };
        if (pat as usize) < data.ac_patterns {
            continue; // the automaton finds it
        }
        let end = run[len - 1].1;
        let surface = &text[ws..end];
        entries.clear();
        entries.extend(
            data.patterns[pat as usize]
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e.cand, Cand::Person(_) | Cand::Surname(_)))
                .filter(|(_, e)| case_fits_person(surface, e, &data.rules.particles))
                .map(|(k, _)| k as u32),
        );
        if !entries.is_empty() {
            return Some(Found { end, pat });
        }
    }
    None
}

/// `case_fits` for a name found with hyphens read as spaces.
fn case_fits_person(t: &str, entry: &Entry, particles: &[&str]) -> bool {
    case_fits(t, entry, particles) || case_fits(&t.replace('-', " "), entry, particles)
}

/// A name or lexicon phrase at `start`: the longest form of the anchored automaton that ends
/// at a word boundary and fits in case, else a shorter one ("Georgia" when "Georgia tech"
/// fails).
fn name_at(data: &Data, text: &str, start: usize, entries: &mut Vec<u32>) -> Option<Found> {
    let find = |end: usize| data.ac.try_find(Input::new(text).span(start..end).anchored(Anchored::Yes)).ok().flatten();
    let mut m = find(text.len())?;
    loop {
        let (end, pat) = (m.end(), m.pattern().as_usize());
        if text.is_char_boundary(end) && boundary_after(text, end) {
            let surface = &text[start..end];
            entries.clear();
            entries.extend(
                data.patterns[pat]
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| case_fits(surface, e, &data.rules.particles))
                    .map(|(i, _)| i as u32),
            );
            if !entries.is_empty() {
                return Some(Found { end, pat: pat as u32 });
            }
        }
        if end <= start + 1 {
            return None;
        }
        m = find(end - 1)?;
    }
}

/// Whether the text's capitalisation fits the listed surface: acronyms exactly; names with
/// every word capitalised (or all in capitals, as headlines are); lexicon phrases in any case.
pub(crate) fn case_fits(t: &str, entry: &Entry, particles: &[&str]) -> bool {
    let s = entry.surface;
    if t == s {
        return true;
    }
    if !s.chars().any(char::is_lowercase) {
        return false; // an acronym: exactly as listed
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 3 && !t.chars().any(char::is_lowercase) {
        return true; // a headline in capitals
    }
    if entry.cand.is_name() {
        let mut any_upper = false;
        for w in t.split([' ', '-']).filter(|w| !w.is_empty()) {
            if particles.iter().any(|p| &**p == w) {
                continue;
            }
            let w = w.strip_prefix("d'").or_else(|| w.strip_prefix("l'")).unwrap_or(w);
            match w.chars().find(|c| c.is_alphabetic()) {
                Some(c) if c.is_uppercase() => any_upper = true,
                Some(_) => return false,
                None => {}
            }
        }
        any_upper
    } else {
        // A lexicon phrase: any case ("Foreign Ministry", "foreign ministry").
        t.eq_ignore_ascii_case(s)
    }
}

#[cfg(test)]
mod tests {
    use super::{first_run, joined_by_apostrophe, runs, word_hash};

    #[test]
    fn runs_hash_as_their_words_do() {
        // The gate is built from `word_hash` of the keys' first runs and asked with the runs'
        // hashes: the two must agree, in any case, inside and outside ASCII.
        let text = "The UK's al-Qaeda, KAZAKHSTAN; Côte d'Ivoire—Türkiye 2016 Ελλάδα";
        let got: Vec<(&str, bool)> = runs(text)
            .map(|r| {
                let end = r.start + first_run(&text[r.start..]).len();
                assert_eq!(r.hash, word_hash(&text[r.start..end].to_ascii_lowercase()), "{}", &text[r.start..end]);
                (&text[r.start..end], r.ascii)
            })
            .collect();
        let words: Vec<&str> = got.iter().map(|g| g.0).collect();
        assert_eq!(
            words,
            ["The", "UK", "s", "al", "Qaeda", "KAZAKHSTAN", "Côte", "d", "Ivoire", "Türkiye", "2016", "Ελλάδα"]
        );
        assert!(got[0].1 && !got[6].1 && !got[11].1);
        // Words that share eight bytes still differ by length.
        assert_ne!(word_hash("internat"), word_hash("international"));
    }

    /// The runs as the definition gives them, a character at a time.
    fn runs_by_characters(text: &str) -> Vec<(usize, u64, bool)> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = i + c.len_utf8();
            let mut ascii = c.is_ascii();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphanumeric() {
                    break;
                }
                ascii &= d.is_ascii();
                end = j + d.len_utf8();
                chars.next();
            }
            out.push((i, word_hash(&text[i..end]), ascii));
        }
        out
    }

    #[test]
    fn runs_eight_bytes_at_a_time_are_the_runs_by_characters() {
        let alphabet: Vec<char> = "aZz09 .,'-@[`{/:é–Ωx\n".chars().collect();
        let mut x: u64 = 7;
        for _ in 0..100_000 {
            let mut s = String::new();
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for _ in 0..(x >> 58) {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            let fast: Vec<(usize, u64, bool)> = runs(&s).map(|r| (r.start, r.hash, r.ascii)).collect();
            assert_eq!(fast, runs_by_characters(&s), "{s:?}");
        }
    }

    #[test]
    fn an_apostrophe_inside_a_word_joins_it() {
        let t = "O'Neill and Israel's and 'Quoted'";
        assert!(joined_by_apostrophe(t, 2));
        assert!(!joined_by_apostrophe(t, 19)); // the possessive "s"
        assert!(!joined_by_apostrophe(t, 25)); // after a space
        assert!(!joined_by_apostrophe(t, 0));
    }
}
