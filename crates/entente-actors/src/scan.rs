//! Finding surface forms: one pass of the automaton with word-boundary and case checks.

use aho_corasick::{Anchored, Input};

use crate::gazetteer::{Data, Entry};

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

fn boundary_before(text: &str, start: usize) -> bool {
    text[..start].chars().next_back().is_none_or(|c| !is_word_char(c))
}

fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Every surface form of the gazetteer in `text`, leftmost-longest, in text order.
pub(crate) fn scan(data: &Data, text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = data.ac.find(Input::new(text).span(pos..text.len())) else {
            break;
        };
        let start = m.start();
        if !boundary_before(text, start) {
            pos = next_char(text, start);
            continue;
        }
        let (mut end, mut pat) = (m.end(), m.pattern().as_usize());
        let mut found = None;
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
                    found = Some((end, pat, entries));
                    break;
                }
            }
            if end <= start + 1 {
                break;
            }
            // A shorter form at the same start ("Georgia" when "Georgia tech" fails).
            match data.ac.find(Input::new(text).span(start..end - 1).anchored(Anchored::Yes)) {
                Some(m2) => {
                    end = m2.end();
                    pat = m2.pattern().as_usize();
                }
                None => break,
            }
        }
        match found {
            Some((end, pat, entries)) => {
                hits.push(Hit { start, end, pat: pat as u32, entries });
                pos = end;
            }
            None => pos = next_char(text, start),
        }
    }
    hits
}

/// Whether the text's capitalisation fits the listed surface: acronyms exactly; names with
/// every word capitalised (or all in capitals, as headlines are); lexicon phrases exactly but
/// for their first letter.
pub(crate) fn case_fits(t: &str, entry: &Entry, particles: &[Box<str>]) -> bool {
    let s = &*entry.surface;
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
        let mut tc = t.chars();
        let mut sc = s.chars();
        match (tc.next(), sc.next()) {
            (Some(a), Some(b)) => a.to_lowercase().eq(b.to_lowercase()) && tc.as_str() == sc.as_str(),
            _ => false,
        }
    }
}
