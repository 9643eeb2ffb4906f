//! Lemmas: a table of (lower-case form, XPOS) -> lemma learnt from the treebank, and suffix
//! rules for words it has not seen ("talks"/NNS -> "talk", "seized"/VBD -> "seize").

use std::collections::BTreeMap;

use crate::bytes::{Reader, Writer};
use crate::strtable::StrTable;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lemmatizer {
    /// "form\txpos" -> lemma, only where the lemma is not what the rules give.
    table: StrTable,
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
        Lemmatizer { table: table.iter().collect() }
    }

    /// The lemma of a word with its XPOS tag.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(l) = self.table.get(&key(&lower, xpos)) {
            return l.to_string();
        }
        rules(form, &lower, xpos)
    }

    pub fn write(&self, w: &mut Writer) {
        self.table.write(w);
    }

    pub fn read(r: &mut Reader) -> Option<Lemmatizer> {
        Some(Lemmatizer { table: StrTable::read(r)? })
    }
}

fn is_proper(xpos: &str) -> bool {
    xpos.starts_with("NNP")
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a byte is a consonant letter ("y" counts as one: "stay", "obey").
fn is_consonant(c: u8) -> bool {
    c.is_ascii_lowercase() && !is_vowel(c)
}

/// The verb whose "-ed"/"-ing" form left `stem` when the suffix was cut off, by the spelling
/// rules of English inflection:
/// - a doubled final consonant after a vowel is undone ("stopp" -> "stop", "committ" ->
///   "commit"), but not a double that the verb itself ends in ("add", "fill", "pass", "buzz",
///   "staff"; "boycott" is one the spelling cannot tell from "allott", and needs the table);
/// - a silent "e" dropped before the suffix is restored where the stem ends as such verbs do:
///   a soft "c"/"g" or a "v", "z" or "u"
///   ("produc", "chang", "solv", "seiz", "continu"), but not "-ng" after "i", "o" or "u"
///   ("belong", "bring"); a vowel and "s" ("rais", "clos", "us", "accus"; not "focus"); a consonant and "s" ("revers",
///   "collaps"); a consonant and "l" ("settl", "tackl"); "-ate", "-ade", "-ide", "-ode", "-ude",
///   "-ute", "-ire", "-ure", "-are", "-ine", "-ome", "-ume", "-ake", "-ike", "-oke", "-ape",
///   "-ile", "-ule" after a consonant ("negotiat", "upgrad", "decid", "explod", "includ",
///   "execut", "requir", "secur", "declar", "determin", "welcom", "assum", "invok", "escap",
///   "compil", "schedul"); and any consonant-vowel-consonant stem of one short syllable
///   ("vot", "hop", "us").
///
/// Endings that are as often whole verbs ("-it": "visit", "-et": "target", "-en": "open",
/// "-on": "abandon", "-er": "consider", "-ot": "pilot", "-op": "develop") keep no "e".
fn verb_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 || !b.iter().all(u8::is_ascii_lowercase) {
        return stem.to_string();
    }
    let (last, prev) = (b[n - 1], b[n - 2]);
    // A stem of two letters has the word's start before it, which is no vowel.
    let before = if n >= 3 { b[n - 3] } else { b'b' };
    if n >= 4 && last == prev && is_consonant(last) && !matches!(last, b'l' | b's' | b'z' | b'f') && is_vowel(before) {
        return stem[..n - 1].to_string();
    }
    // "u" after "q" is a consonant's sound ("requir", "acquir").
    let before_consonant = is_consonant(before) || (before == b'u' && n >= 4 && b[n - 4] == b'q');
    let c_v_c = is_consonant(last) && is_vowel(prev) && before_consonant;
    // "-iate" and "-uate" verbs ("negotiat", "evaluat"), not "-eat"/"-oat" ones ("treat", "float").
    let ate = prev == b'a' && last == b't' && (is_consonant(before) || matches!(before, b'i' | b'u'));
    let e_after = matches!(last, b'v' | b'z' | b'c' | b'u')
        || (last == b'g' && !(prev == b'n' && matches!(before, b'i' | b'o' | b'u')))
        || (last == b's' && is_vowel(prev) && !(prev == b'u' && before == b'c' && n >= 4 && is_vowel(b[n - 4])))
        || (last == b's' && matches!(prev, b'r' | b'n' | b'p' | b'l'))
        || (last == b'l' && matches!(prev, b'b' | b'c' | b'd' | b'f' | b'g' | b'k' | b'p' | b't' | b'z'))
        || ate
        || (c_v_c
            && matches!(
                (prev, last),
                (b'a', b'd')
                    | (b'i', b'd')
                    | (b'o', b'd')
                    | (b'u', b'd')
                    | (b'u', b't')
                    | (b'i', b'r')
                    | (b'u', b'r')
                    | (b'a', b'r')
                    | (b'i', b'n')
                    | (b'o', b'm')
                    | (b'u', b'm')
                    | (b'a', b'k')
                    | (b'i', b'k')
                    | (b'o', b'k')
                    | (b'a', b'p')
                    | (b'i', b'l')
                    | (b'u', b'l')
            ))
        || (c_v_c && n <= 3 && !matches!(last, b'w' | b'x' | b'y'))
        || (c_v_c && n == 4 && !is_vowel(b[0]) && !matches!(last, b'w' | b'x' | b'y'));
    if e_after {
        return format!("{stem}e");
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
            // "-ee" verbs take "d" alone ("agreed", "guaranteed"); "-eed" ones add "ed"
            // ("proceeded"), so a form ending in "eed" is one of the first.
            if lower.len() >= 5 && lower.ends_with("eed") {
                return lower[..lower.len() - 1].to_string();
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

    /// Unseen "-ed" and "-ing" forms of regular verbs, by the spelling rules of English: the
    /// silent "e" restored, the doubled consonant undone, and neither where the verb has none.
    #[test]
    fn e_restoration_and_doubled_consonants() {
        let l = Lemmatizer::default();
        for (form, xpos, lemma) in [
            ("upgraded", "VBD", "upgrade"),
            ("upgrading", "VBG", "upgrade"),
            ("negotiated", "VBN", "negotiate"),
            ("invading", "VBG", "invade"),
            ("decided", "VBD", "decide"),
            ("concluded", "VBD", "conclude"),
            ("executed", "VBN", "execute"),
            ("required", "VBN", "require"),
            ("secured", "VBD", "secure"),
            ("declared", "VBD", "declare"),
            ("determined", "VBD", "determine"),
            ("welcomed", "VBD", "welcome"),
            ("assuming", "VBG", "assume"),
            ("revoked", "VBD", "revoke"),
            ("escaped", "VBD", "escape"),
            ("scheduled", "VBN", "schedule"),
            ("settled", "VBD", "settle"),
            ("reversed", "VBD", "reverse"),
            ("changed", "VBD", "change"),
            ("guaranteed", "VBD", "guarantee"),
            ("produced", "VBD", "produce"),
            ("voted", "VBD", "vote"),
            ("using", "VBG", "use"),
            ("committed", "VBD", "commit"),
            ("planned", "VBD", "plan"),
            ("occurred", "VBD", "occur"),
            ("belonged", "VBD", "belong"),
            ("visited", "VBD", "visit"),
            ("targeted", "VBD", "target"),
            ("opened", "VBD", "open"),
            ("abandoned", "VBD", "abandon"),
            ("considered", "VBD", "consider"),
            ("developing", "VBG", "develop"),
            ("added", "VBD", "add"),
            ("passed", "VBD", "pass"),
            ("staffed", "VBN", "staff"),
            ("focused", "VBD", "focus"),
            ("attacked", "VBD", "attack"),
            ("stayed", "VBD", "stay"),
            ("signed", "VBD", "sign"),
        ] {
            assert_eq!(l.lemma(form, xpos), lemma, "{form}/{xpos}");
        }
    }

    #[test]
    fn the_table_holds_irregular_forms() {
        let l = Lemmatizer::train([("sold", "VBD", "sell"), ("Sold", "VBN", "sell")].into_iter());
        assert_eq!(l.lemma("sold", "VBD"), "sell");
        assert_eq!(l.lemma("SOLD", "VBN"), "sell");
    }
}
