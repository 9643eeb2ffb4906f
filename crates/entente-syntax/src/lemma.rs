//! Lemmas: a table of (lower-case form, XPOS) -> lemma learnt from the treebank, and suffix
//! rules for words it has not seen ("talks"/NNS -> "talk", "seized"/VBD -> "seize").

use std::collections::BTreeMap;

use crate::bytes::{Reader, Writer};

#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// "form\txpos" -> lemma, only where the lemma is not what the rules give.
    table: BTreeMap<String, String>,
}

fn key(lower: &str, xpos: &str) -> String {
    format!("{lower}\t{xpos}")
}

impl Lemmatizer {
    /// Learns from (form, xpos, lemma) triples: the most frequent lemma of each lower-case form
    /// and tag, kept where the rules would get it wrong.
    pub fn train<'a>(items: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut counts: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
        for (form, xpos, lemma) in items {
            let lower = form.to_lowercase();
            let lemma = if is_proper(xpos) { lemma.to_string() } else { lemma.to_lowercase() };
            *counts.entry(key(&lower, xpos)).or_default().entry(lemma).or_default() += 1;
        }
        let mut table = BTreeMap::new();
        for (k, ls) in counts {
            let best = ls.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, _)| l.clone());
            if let Some(best) = best {
                let (lower, xpos) = k.split_once('\t').unwrap_or((&k, ""));
                if rules(lower, lower, xpos) != best {
                    table.insert(k, best);
                }
            }
        }
        Lemmatizer { table }
    }

    /// The lemma of a word with its XPOS tag.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(l) = self.table.get(&key(&lower, xpos)) {
            return l.clone();
        }
        rules(form, &lower, xpos)
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.table.len() as u32);
        for (k, v) in &self.table {
            w.str(k);
            w.str(v);
        }
    }

    pub fn read(r: &mut Reader) -> Option<Lemmatizer> {
        let n = r.u32()? as usize;
        let mut table = BTreeMap::new();
        for _ in 0..n {
            let k = r.str()?;
            table.insert(k, r.str()?);
        }
        Some(Lemmatizer { table })
    }
}

fn is_proper(xpos: &str) -> bool {
    xpos.starts_with("NNP")
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Undoes a doubled final consonant ("stopp" -> "stop"), or restores a silent "e"
/// ("seiz" -> "seize") where the stem looks like it needs one.
fn verb_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f') {
        return stem[..n - 1].to_string();
    }
    if n >= 2 {
        let last = b[n - 1];
        let prev = b[n - 2];
        let e_after = matches!(last, b'v' | b'z' | b'c' | b'g' | b'u')
            || (last == b's' && prev != b's' && is_vowel(prev))
            || (!is_vowel(last)
                && is_vowel(prev)
                && n >= 3
                && !is_vowel(b[n - 3])
                && n <= 4
                && last != b'w'
                && last != b'x'
                && last != b'y');
        if e_after {
            return format!("{stem}e");
        }
    }
    stem.to_string()
}

/// Suffix rules by tag, for words the table does not hold.
fn rules(form: &str, lower: &str, xpos: &str) -> String {
    if is_proper(xpos) {
        return form.to_string();
    }
    let strip = |suf: &str| lower.strip_suffix(suf).filter(|s| s.len() >= 2);
    match xpos {
        "NNS" => {
            if let Some(s) = strip("ies") {
                return format!("{s}y");
            }
            for suf in ["sses", "shes", "ches", "xes", "zes"] {
                if let Some(s) = strip(suf) {
                    return format!("{s}{}", &suf[..suf.len() - 2]);
                }
            }
            if lower.ends_with("ss") || lower.ends_with("us") || lower.ends_with("is") {
                return lower.to_string();
            }
            strip("s").map(str::to_string).unwrap_or_else(|| lower.to_string())
        }
        "VBZ" => {
            if let Some(s) = strip("ies") {
                return format!("{s}y");
            }
            for suf in ["sses", "shes", "ches", "xes", "zes", "oes"] {
                if let Some(s) = strip(suf) {
                    return format!("{s}{}", &suf[..suf.len() - 2]);
                }
            }
            strip("s").map(str::to_string).unwrap_or_else(|| lower.to_string())
        }
        "VBD" | "VBN" => {
            if let Some(s) = strip("ied") {
                return format!("{s}y");
            }
            if let Some(s) = strip("ed") {
                return verb_stem(s);
            }
            lower.to_string()
        }
        "VBG" => {
            if let Some(s) = strip("ying").filter(|s| s.len() <= 2) {
                return format!("{s}ie");
            }
            if let Some(s) = strip("ing") {
                return verb_stem(s);
            }
            lower.to_string()
        }
        _ => lower.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_rules_for_unseen_words() {
        let l = Lemmatizer::default();
        assert_eq!(l.lemma("talks", "NNS"), "talk");
        assert_eq!(l.lemma("sanctions", "NNS"), "sanction");
        assert_eq!(l.lemma("countries", "NNS"), "country");
        assert_eq!(l.lemma("seized", "VBD"), "seize");
        assert_eq!(l.lemma("signed", "VBD"), "sign");
        assert_eq!(l.lemma("stopped", "VBD"), "stop");
        assert_eq!(l.lemma("imposing", "VBG"), "impose");
        assert_eq!(l.lemma("Ankara", "NNP"), "Ankara");
    }

    #[test]
    fn the_table_holds_irregular_forms() {
        let l = Lemmatizer::train([("sold", "VBD", "sell"), ("Sold", "VBN", "sell")].into_iter());
        assert_eq!(l.lemma("sold", "VBD"), "sell");
        assert_eq!(l.lemma("SOLD", "VBN"), "sell");
    }
}
