//! Finding surface forms: one pass over the text's words, with word-boundary and case checks.
//!
//! Every form of the gazetteer begins at the start of a word, so the pass looks only there.
//! The word starts are found eight bytes at a time where the text is ASCII. A word in small
//! letters can begin a form only as a lexicon phrase or a particle ("the two countries",
//! "al-Qaeda"), so a 4 KB table of the first three letters of those turns most words of news
//! text ("said", "agreement", "with") away before anything else is read. Other words, and
//! those the table lets through, are hashed and looked up in a gate of the first words of
//! forms. Where a word may begin a name or lexicon phrase, one walk of the trie from its
//! anchored start gives every form from there, and the longest that fits is kept; where a
//! capitalised word may begin a person's name, the following words are looked up.

use entente_text::swar::alnum_lanes;

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
    entente_text::is_alphanumeric(c)
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

/// The words in small letters that may begin a form, by their first three letters
/// ([`lower_gate_index`]; 4 KB, so that it stays in the cache).
#[derive(Debug, Clone)]
pub(crate) struct LowerGate {
    bits: Box<[u64]>,
}

impl LowerGate {
    pub fn new() -> LowerGate {
        LowerGate { bits: vec![0; (1 << 15) / 64].into_boxed_slice() }
    }

    pub fn insert(&mut self, index: usize) {
        self.bits[index >> 6] |= 1 << (index & 63);
    }

    #[inline]
    pub fn contains(&self, index: usize) -> bool {
        self.bits[index >> 6] & (1 << (index & 63)) != 0
    }
}

/// A run of letters and digits: its [`word_hash`], and whether it has a character outside
/// ASCII.
pub(crate) struct Run {
    pub hash: u64,
    pub ascii: bool,
}

const LANES_LO: u64 = 0x0101_0101_0101_0101;
const LANES_HI: u64 = 0x8080_8080_8080_8080;

/// Whether a character begins or goes on a run.
fn is_word_at(text: &str, at: usize) -> (bool, usize) {
    text[at..].chars().next().map_or((false, 1), |c| (is_word_char(c), c.len_utf8()))
}

/// Where the runs of letters and digits of a text begin, in order: a letter or digit after
/// anything else. Eight bytes at a time where they are ASCII, so that the words a scan passes
/// over cost a few instructions each.
pub(crate) struct WordStarts<'t> {
    text: &'t str,
    /// Where to look on from (a character boundary).
    pos: usize,
    /// Whether the character before `pos` is a letter or digit.
    in_word: bool,
}

impl<'t> WordStarts<'t> {
    pub fn new(text: &'t str) -> Self {
        WordStarts { text, pos: 0, in_word: false }
    }
}

impl Iterator for WordStarts<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        loop {
            if let Some(w) = entente_text::swar::word_at(bytes, self.pos) {
                let lanes = alnum_lanes(w);
                let starts = lanes & !((lanes << 8) | if self.in_word { 0x80 } else { 0 });
                // The lanes before the first byte outside ASCII (all eight if none).
                let ascii = (w & LANES_HI).trailing_zeros() / 8;
                let before = if ascii == 8 { u64::MAX } else { (1u64 << (8 * ascii)) - 1 };
                if starts & before != 0 {
                    let at = self.pos + starts.trailing_zeros() as usize / 8;
                    self.pos = at + 1;
                    self.in_word = true;
                    return Some(at);
                }
                if ascii == 8 {
                    self.in_word = lanes >> 63 != 0;
                    self.pos += 8;
                    continue;
                }
                if ascii > 0 {
                    self.in_word = lanes >> (8 * ascii - 1) & 1 != 0;
                    self.pos += ascii as usize;
                }
            }
            // A character at a time where the text leaves ASCII, and in the last bytes.
            if self.pos >= bytes.len() {
                return None;
            }
            let at = self.pos;
            let (word, len) = is_word_at(self.text, at);
            let begins = word && !self.in_word;
            self.pos += len;
            self.in_word = word;
            if begins {
                return Some(at);
            }
        }
    }
}

/// The run that begins at `start` (a word start).
#[inline]
pub(crate) fn run_at(text: &str, start: usize) -> Run {
    let bytes = text.as_bytes();
    if let Some(w) = entente_text::swar::word_at(bytes, start) {
        let lowered = w | (LANES_LO * 0x20);
        let stop = !alnum_lanes(w) & LANES_HI;
        if stop != 0 {
            let n = stop.trailing_zeros() / 8;
            if w >> (8 * n) & 0x80 == 0 {
                let hash = mix(lowered & (u64::MAX >> (64 - 8 * n)), n as usize);
                return Run { hash, ascii: true };
            }
        } else {
            // Eight letters or more: they make the hash; the end is further on.
            let mut at = start + 8;
            while let Some(w) = entente_text::swar::word_at(bytes, at) {
                let stop = !alnum_lanes(w) & LANES_HI;
                if stop == 0 {
                    at += 8;
                    continue;
                }
                let n = stop.trailing_zeros() / 8;
                if w >> (8 * n) & 0x80 != 0 {
                    break; // the run may go on outside ASCII
                }
                return Run { hash: mix(lowered, at + n as usize - start), ascii: true };
            }
        }
    }
    run_by_characters(text, start)
}

/// [`run_at`] a character at a time: the first eight bytes of the run make the hash, ASCII
/// letters and digits in lower case, other bytes as they are.
fn run_by_characters(text: &str, start: usize) -> Run {
    let (mut acc, mut ascii, mut at) = (0u64, true, start);
    for c in text[start..].chars() {
        if !is_word_char(c) {
            break;
        }
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            let off = at - start;
            if off < 8 {
                acc |= u64::from(if b.is_ascii_alphanumeric() { b | 0x20 } else { b }) << (8 * off);
            }
            at += 1;
        }
        ascii &= c.is_ascii();
    }
    Run { hash: mix(acc, at - start), ascii }
}

/// The runs of letters and digits of a text, in order, with where each starts.
pub(crate) fn runs(text: &str) -> impl Iterator<Item = (usize, Run)> + '_ {
    WordStarts::new(text).map(move |start| (start, run_at(text, start)))
}

/// The three-letter gate's index of a word's first bytes: each ASCII letter in lower case as
/// 1 to 26, anything else (or nothing) as 0.
#[inline]
pub(crate) fn lower_gate_index(bytes: &[u8]) -> usize {
    let class = |k: usize| bytes.get(k).map_or(0, |&b| if b.is_ascii_alphabetic() { usize::from(b & 0x1f) } else { 0 });
    (class(0) << 10) | (class(1) << 5) | class(2)
}

/// Every surface form of the gazetteer in `text`, leftmost-longest, in text order: names and
/// lexicon phrases from the automaton, persons from runs of capitalised words; where two begin
/// at one word, the longer wins ("Israel Katz" over "Israel"), a name over a person of the
/// same length. Forms do not overlap.
pub(crate) fn scan(data: &Data, text: &str) -> Scan {
    let bytes = text.as_bytes();
    // News text has a form every 80 bytes or so: sized once rather than grown.
    let mut out = Scan { hits: Vec::with_capacity(text.len() / 64), entries: Vec::with_capacity(text.len() / 64) };
    let (mut name_entries, mut name_ends, mut person_entries) = (Vec::new(), Vec::new(), Vec::new());
    let mut key = String::new();
    let mut covered = 0;
    for start in WordStarts::new(text) {
        if start < covered {
            continue;
        }
        let b0 = bytes[start];
        let (name, person) = if b0.is_ascii_lowercase() {
            // A word in small ASCII letters begins a form only if it may begin a lexicon
            // phrase (or a name after a particle): most words of a text end here.
            if !data.lower_gate.contains(lower_gate_index(&bytes[start..]))
                || !data.ac_gate.may_contain(run_at(text, start).hash)
            {
                continue;
            }
            (name_at(data, text, start, &mut name_entries, &mut name_ends), None)
        } else {
            let run = run_at(text, start);
            let name = if data.ac_gate.may_contain(run.hash) {
                name_at(data, text, start, &mut name_entries, &mut name_ends)
            } else {
                None
            };
            let capital = if b0.is_ascii() {
                b0.is_ascii_uppercase()
            } else {
                text[start..].chars().next().is_some_and(char::is_uppercase)
            };
            let person = if capital
                && (!run.ascii || data.person_gate.may_contain(run.hash))
                && !joined_by_apostrophe(text, start)
            {
                person_at(data, text, start, &mut key, &mut person_entries)
            } else {
                None
            };
            (name, person)
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
    if !matches!(apostrophe, '\'' | '\u{2019}') || !entente_text::is_alphanumeric(c0) {
        return false;
    }
    let mut rest = text[start..].chars();
    let (n1, n2) = (rest.next(), rest.next());
    let possessive = matches!(n1, Some('s' | 'S')) && !n2.is_some_and(entente_text::is_alphanumeric);
    n1.is_some_and(entente_text::is_alphabetic) && !possessive
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
                c if entente_text::is_alphanumeric(c) => true,
                '\'' | '\u{2019}' => {
                    let mut rest = text[i + c.len_utf8()..].chars();
                    let (n1, n2) = (rest.next(), rest.next());
                    let possessive = matches!(n1, Some('s' | 'S')) && !n2.is_some_and(entente_text::is_alphanumeric);
                    start.is_some() && n1.is_some_and(entente_text::is_alphabetic) && !possessive
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
fn person_at(data: &Data, text: &str, ws: usize, key: &mut String, entries: &mut Vec<u32>) -> Option<Found> {
    let mut words = Words { text, pos: ws };
    let (_, we) = words.next()?;
    key.clear();
    push_lowercase(key, &text[ws..we]);
    if !data.person_first_words.contains(key.as_str()) {
        return None;
    }
    // The words that follow, each joined to the one before by one space or a hyphen. Names
    // are capitalised words and particles ("bin", "al-", "de"). The key of the first `k`
    // words is `key[..ends[k - 1]]`.
    let mut run = [(0, 0); MAX_PERSON_WORDS];
    let mut ends = [0; MAX_PERSON_WORDS];
    let (mut len, max) = (1, data.max_person_words.min(MAX_PERSON_WORDS));
    run[0] = (ws, we);
    ends[0] = key.len();
    while len < max {
        let Some((s, e)) = words.next() else { break };
        let gap = &text[run[len - 1].1..s];
        let word = &text[s..e];
        let namelike =
            word.chars().next().is_some_and(char::is_uppercase) || data.rules.particles.contains(&word) || gap == "-";
        if (gap == " " || gap == "-") && namelike {
            run[len] = (s, e);
            key.push(' ');
            push_lowercase(key, word);
            ends[len] = key.len();
            len += 1;
        } else {
            break;
        }
    }
    for len in (1..=len).rev() {
        let Some(&pat) = data.pattern_index.get(&key[..ends[len - 1]]) else {
            continue;
        };
        if (pat as usize) < data.ac_patterns {
            continue; // the trie finds it
        }
        let end = run[len - 1].1;
        let surface = &text[ws..end];
        entries.clear();
        entries.extend(
            data.patterns[pat as usize]
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e.cand, Cand::Person(_) | Cand::Surname(_) | Cand::Regnal(_)))
                .filter(|(_, e)| case_fits_person(surface, e, &data.rules.particles))
                .map(|(k, _)| k as u32),
        );
        if !entries.is_empty() {
            return Some(Found { end, pat });
        }
    }
    None
}

/// The most words of a person's name that are looked up (the gazetteer's keys have at most
/// six).
const MAX_PERSON_WORDS: usize = 8;

/// `word` appended to `key` in lower case.
fn push_lowercase(key: &mut String, word: &str) {
    if word.is_ascii() {
        let from = key.len();
        key.push_str(word);
        key[from..].make_ascii_lowercase();
    } else {
        for c in word.chars() {
            key.extend(c.to_lowercase());
        }
    }
}

/// `case_fits` for a name found with hyphens read as spaces.
fn case_fits_person(t: &str, entry: &Entry, particles: &[&str]) -> bool {
    case_fits(t, entry, particles) || case_fits(&t.replace('-', " "), entry, particles)
}

/// A name or lexicon phrase at `start`: the longest form of the trie that ends at a word
/// boundary and fits in case, else a shorter one ("Georgia" when "Georgia tech" fails).
///
/// One walk of the trie from its root gives every form that begins at `start`
/// (a match state whose pattern is as long as the walk; one whose pattern is shorter carries
/// a match that began later, which an anchored search leaves out), collected in `ends`; they
/// are tried longest first.
fn name_at(
    data: &Data,
    text: &str,
    start: usize,
    entries: &mut Vec<u32>,
    ends: &mut Vec<(usize, u32)>,
) -> Option<Found> {
    let trie = &data.ac;
    let bytes = text.as_bytes();
    ends.clear();
    let mut node = crate::trie::ROOT;
    for (at, &b) in bytes.iter().enumerate().skip(start) {
        let Some(next) = trie.next(node, b) else { break };
        node = next;
        if let Some(pat) = trie.key_at(node) {
            ends.push((at + 1, pat));
        }
    }
    for &(end, pat) in ends.iter().rev() {
        if text.is_char_boundary(end) && boundary_after(text, end) {
            let surface = &text[start..end];
            entries.clear();
            entries.extend(
                data.patterns[pat as usize]
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| case_fits(surface, e, &data.rules.particles))
                    .map(|(i, _)| i as u32),
            );
            if !entries.is_empty() {
                return Some(Found { end, pat });
            }
        }
    }
    None
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
    let letters = t.chars().filter(|&c| entente_text::is_alphabetic(c)).count();
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
            match w.chars().find(|&c| entente_text::is_alphabetic(c)) {
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
    use super::{case_fits, first_run, joined_by_apostrophe, lower_gate_index, runs, word_hash, WordStarts};

    #[test]
    fn the_small_letter_gate_lets_through_every_form_that_fits_in_small_letters() {
        // Asked of `case_fits` itself, not of the rule the gate is built by: the key in small
        // letters, with the later words capitalised ("al-Qaeda"), and the listed surface with a
        // small first letter.
        let data = crate::gazetteer::load().unwrap();
        let mut tried = 0;
        for pattern in &data.patterns[..data.ac_patterns] {
            for entry in pattern {
                let key = entry.surface.trim().to_ascii_lowercase();
                let mut later_capitalised = String::new();
                for (i, c) in key.char_indices() {
                    let after_break = i > 0 && matches!(key.as_bytes()[i - 1], b' ' | b'-');
                    later_capitalised.push(if after_break { c.to_ascii_uppercase() } else { c });
                }
                let mut small_first = entry.surface.trim().to_owned();
                if small_first.is_char_boundary(1) {
                    small_first[..1].make_ascii_lowercase();
                }
                for text in [key.clone(), later_capitalised, small_first] {
                    if text.as_bytes()[0].is_ascii_lowercase() && case_fits(&text, entry, &data.rules.particles) {
                        tried += 1;
                        assert!(data.lower_gate.contains(lower_gate_index(text.as_bytes())), "{text:?}");
                    }
                }
            }
        }
        assert!(tried > 200, "{tried}");
    }

    #[test]
    fn a_longer_form_that_does_not_fit_leaves_the_shorter_one_at_the_same_word() {
        let data = crate::gazetteer::load().unwrap();
        let found = |text: &str| -> Vec<String> {
            let scan = super::scan(&data, text);
            scan.hits.iter().map(|h| text[h.start..h.end].to_string()).collect()
        };
        // The longest form that fits wins.
        assert_eq!(found("Guinea-Bissau signed."), ["Guinea-Bissau"]);
        // Its case does not fit (a name's words are capitalised): the shorter form from the
        // same word, which the same walk of the trie passed.
        assert_eq!(found("Guinea-bissau signed."), ["Guinea"]);
        // Neither ends at a word's end.
        assert!(found("Iraniana signed.").is_empty());
        assert_eq!(found("Iranian ships"), ["Iranian"]);
    }

    #[test]
    fn word_starts_are_where_runs_begin_across_bytes_outside_ascii() {
        let text = "“Kazakhstan’s” oil—Türkiye, Ελλάδα and al-Qaeda: 2016.";
        let words: Vec<&str> = WordStarts::new(text).map(|s| first_run(&text[s..])).collect();
        assert_eq!(words, ["Kazakhstan", "s", "oil", "Türkiye", "Ελλάδα", "and", "al", "Qaeda", "2016"]);
    }

    #[test]
    fn runs_hash_as_their_words_do() {
        // The gate is built from `word_hash` of the keys' first runs and asked with the runs'
        // hashes: the two must agree, in any case, inside and outside ASCII.
        let text = "The UK's al-Qaeda, KAZAKHSTAN; Côte d'Ivoire—Türkiye 2016 Ελλάδα";
        let got: Vec<(&str, bool)> = runs(text)
            .map(|(start, r)| {
                let end = start + first_run(&text[start..]).len();
                assert_eq!(r.hash, word_hash(&text[start..end].to_ascii_lowercase()), "{}", &text[start..end]);
                (&text[start..end], r.ascii)
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
            if !entente_text::is_alphanumeric(c) {
                continue;
            }
            let mut end = i + c.len_utf8();
            let mut ascii = c.is_ascii();
            while let Some(&(j, d)) = chars.peek() {
                if !entente_text::is_alphanumeric(d) {
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
            let fast: Vec<(usize, u64, bool)> = runs(&s).map(|(start, r)| (start, r.hash, r.ascii)).collect();
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
