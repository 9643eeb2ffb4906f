//! Finding surface forms: one pass of the automaton with word-boundary and case checks.

use aho_corasick::Input;

use crate::gazetteer::{Cand, Data, Entry};

/// A surface form found in the text, with the entries whose case fits.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    /// The automaton pattern (an index of `Data::patterns`).
    pub pat: u32,
    /// The entries of that pattern whose case fits the text.
    pub entries: Vec<u32>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Every surface form of the gazetteer in `text`, leftmost-longest, in text order: names and
/// lexicon phrases from the automaton, persons from runs of capitalised words; where the two
/// overlap, the earlier start and then the longer form wins ("Israel Katz" over "Israel").
pub(crate) fn scan(data: &Data, text: &str) -> Vec<Hit> {
    let names = scan_automaton(data, text);
    let persons = scan_persons(data, text);
    if persons.is_empty() {
        return names;
    }
    let mut all: Vec<Hit> = names.into_iter().chain(persons).collect();
    all.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(all.len());
    for h in all {
        if out.last().is_none_or(|l| h.start >= l.end) {
            out.push(h);
        }
    }
    out
}

/// A word of the text for person lookup: letters and digits, an apostrophe inside a word
/// ("O'Neill", but not a possessive "'s"), a period after one capital ("J.").
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
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
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
        if c == '.' && inside {
            // "J." ends its word.
            if let Some(s) = start.take() {
                out.push((s, i + 1));
            }
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Persons: the longest run (up to the longest name) of words joined by single spaces or
/// hyphens, starting with a capital, that is a person's name, alias or surname.
fn scan_persons(data: &Data, text: &str) -> Vec<Hit> {
    let words = words(text);
    let mut hits = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < words.len() {
        let (ws, we) = words[i];
        if !text[ws..].chars().next().is_some_and(char::is_uppercase) {
            i += 1;
            continue;
        }
        key.clear();
        for c in text[ws..we].chars() {
            key.extend(c.to_lowercase());
        }
        if !data.person_first_words.contains(key.as_str()) {
            i += 1;
            continue;
        }
        // How many words follow, each joined to the one before by one space or a hyphen.
        // Names are capitalised words and particles ("bin", "al-", "de").
        let mut n = 1;
        while n < data.max_person_words && i + n < words.len() {
            let gap = &text[words[i + n - 1].1..words[i + n].0];
            let (s, e) = words[i + n];
            let word = &text[s..e];
            let namelike = word.chars().next().is_some_and(char::is_uppercase)
                || data.rules.particles.contains(&word)
                || gap == "-";
            if (gap == " " || gap == "-") && namelike {
                n += 1;
            } else {
                break;
            }
        }
        let mut found = None;
        for len in (1..=n).rev() {
            key.clear();
            for (k, &(s, e)) in words[i..i + len].iter().enumerate() {
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
            let end = words[i + len - 1].1;
            let surface = &text[ws..end];
            let entries: Vec<u32> = data.patterns[pat as usize]
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e.cand, Cand::Person(_) | Cand::Surname(_)))
                .filter(|(_, e)| case_fits_person(surface, e, &data.rules.particles))
                .map(|(k, _)| k as u32)
                .collect();
            if !entries.is_empty() {
                found = Some((len, Hit { start: ws, end, pat, entries }));
                break;
            }
        }
        match found {
            Some((len, hit)) => {
                hits.push(hit);
                i += len;
            }
            None => i += 1,
        }
    }
    hits
}

/// `case_fits` for a name found with hyphens read as spaces.
fn case_fits_person(t: &str, entry: &Entry, particles: &[&str]) -> bool {
    case_fits(t, entry, particles) || case_fits(&t.replace('-', " "), entry, particles)
}

/// Names and lexicon phrases: one leftmost-longest pass of the automaton; a form must start
/// and end at word boundaries and fit in case, else a shorter form at the same start is tried
/// ("Georgia" when "Georgia tech" fails).
fn scan_automaton(data: &Data, text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for m in data.ac.find_iter(text) {
        let start = m.start();
        if text[..start].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        let (mut end, mut pat) = (m.end(), m.pattern().as_usize());
        loop {
            if text.is_char_boundary(end) && boundary_after(text, end) {
                let surface = &text[start..end];
                let entries: Vec<u32> = data.patterns[pat]
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| case_fits(surface, e, &data.rules.particles))
                    .map(|(i, _)| i as u32)
                    .collect();
                if !entries.is_empty() {
                    hits.push(Hit { start, end, pat: pat as u32, entries });
                    break;
                }
            }
            if end <= start + 1 {
                break;
            }
            // A shorter form at the same start: the leftmost match in a shorter span, when it
            // starts there (an unanchored automaton is half the size of one that does both).
            match data.ac.find(Input::new(text).span(start..end - 1)).filter(|m2| m2.start() == start) {
                Some(m2) => {
                    end = m2.end();
                    pat = m2.pattern().as_usize();
                }
                None => break,
            }
        }
    }
    hits
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
