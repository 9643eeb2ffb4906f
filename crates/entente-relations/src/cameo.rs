//! PETRARCH2's CAMEO verb dictionary as converted by `scripts/build_cameo.py` into
//! `data/lexicon/cameo_*.tsv`: verb forms with their block and default code, the patterns of
//! each block as conditions on the parse, the synonym sets, and the CAMEO -> PLOVER table.

use entente_core::{EventType, Sector};
use entente_text::hash::{FastMap, FastSet};

use crate::LexiconError;

const VERBS: &str = include_str!("../../../data/lexicon/cameo_verbs.tsv");
const PATTERNS: &str = include_str!("../../../data/lexicon/cameo_patterns.tsv");
const SYNSETS: &str = include_str!("../../../data/lexicon/cameo_synsets.tsv");
const PLOVER: &str = include_str!("../../../data/lexicon/cameo_plover.tsv");
const NOUNS: &str = include_str!("../../../data/lexicon/event_nouns.tsv");

/// A verb form's entry.
#[derive(Debug, Clone)]
pub struct VerbEntry {
    pub lemma: String,
    pub block: String,
    /// The verb's own code, if it codes without a pattern.
    pub code: Option<String>,
    /// Line of `cameo_verbs.tsv`.
    pub line: usize,
    /// Line of CAMEO.2.0.txt.
    pub source_line: usize,
}

/// A pattern: conditions on the verb's dependents; `None` is "any".
#[derive(Debug, Clone)]
pub struct Pattern {
    pub subject: Option<String>,
    /// The object's words; the last is its head.
    pub object: Option<Vec<String>>,
    pub particle: Option<String>,
    pub preposition: Option<String>,
    pub prep_object: Option<Vec<String>>,
    pub code: String,
    pub line: usize,
    pub source_line: usize,
}

impl Pattern {
    /// How many conditions it sets (the most specific matching pattern wins).
    pub fn specificity(&self) -> usize {
        usize::from(self.subject.is_some())
            + self.object.as_ref().map_or(0, Vec::len)
            + usize::from(self.particle.is_some())
            + usize::from(self.preposition.is_some())
            + self.prep_object.as_ref().map_or(0, Vec::len)
    }
}

/// An event noun's entry (`event_nouns.tsv`): the CAMEO code of the act it names.
#[derive(Debug, Clone)]
pub struct NounEntry {
    pub code: String,
    /// The parties in any order ("a truce between A and B").
    pub symmetric: bool,
    /// Line of `event_nouns.tsv`.
    pub line: usize,
}

/// A CAMEO code's PLOVER reading.
#[derive(Debug, Clone)]
pub struct PloverEntry {
    pub event_type: EventType,
    pub mode: String,
    pub context: String,
}

impl PloverEntry {
    /// The PLOVER mode, if the table gives one (`cameo_plover.tsv` keeps only the manual's).
    pub fn mode(&self) -> Option<&str> {
        (self.mode != "-").then_some(self.mode.as_str())
    }

    /// The codebook's context as a hint for the sector, when no word of the sentence decides.
    pub fn sector_hint(&self) -> Option<Sector> {
        let c = self.context.split(';').next().unwrap_or("");
        Some(match c {
            "economic" => Sector::Economy,
            "military" | "peacekeeping" | "cbrn" => Sector::Military,
            "intelligence" => Sector::Security,
            "diplomatic" => Sector::Diplomacy,
            _ => return None,
        })
    }
}

/// The converted dictionary.
#[derive(Debug, Default)]
pub struct Cameo {
    verbs: FastMap<String, Vec<VerbEntry>>,
    patterns: FastMap<String, Vec<Pattern>>,
    synsets: FastMap<String, FastSet<String>>,
    plover: FastMap<String, PloverEntry>,
    nouns: FastMap<String, NounEntry>,
}

fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> + '_ {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

fn opt(s: &str) -> Option<String> {
    (s != "-" && !s.is_empty()).then(|| s.to_string())
}

fn words(s: &str) -> Option<Vec<String>> {
    opt(s).map(|w| w.split(' ').map(str::to_string).collect())
}

impl Cameo {
    /// Parses the four files (verbs, patterns, synonym sets, PLOVER table).
    pub fn parse(verbs: &str, patterns: &str, synsets: &str, plover: &str) -> Result<Cameo, LexiconError> {
        let err = |file: &'static str, line: usize, message: String| LexiconError::Format { file, line, message };
        let mut c = Cameo::default();
        for (line, cols) in rows(plover) {
            if cols.len() != 4 {
                return Err(err("cameo_plover.tsv", line, "expected 4 columns: code, type, mode, context".into()));
            }
            let event_type = EventType::parse(cols[1])
                .ok_or_else(|| err("cameo_plover.tsv", line, format!("unknown PLOVER type {:?}", cols[1])))?;
            if cols[2] != "-" && !event_type.modes().contains(&cols[2]) {
                let message = format!(
                    "{:?} is not a mode of {event_type} (the PLOVER manual's: {:?})",
                    cols[2],
                    event_type.modes()
                );
                return Err(err("cameo_plover.tsv", line, message));
            }
            c.plover.insert(
                cols[0].to_string(),
                PloverEntry { event_type, mode: cols[2].to_string(), context: cols[3].to_string() },
            );
        }
        let number = |file: &'static str, line: usize, s: &str| {
            s.parse::<usize>().map_err(|_| err(file, line, format!("line number {s:?} is not a number")))
        };
        for (line, cols) in rows(verbs) {
            let f = "cameo_verbs.tsv";
            if cols.len() != 5 {
                return Err(err(f, line, "expected 5 columns: form, lemma, block, code, line".into()));
            }
            let code = opt(cols[3]);
            if let Some(code) = &code {
                if !c.plover.contains_key(code) {
                    return Err(err(f, line, format!("code {code} is not in cameo_plover.tsv")));
                }
            }
            let entry = VerbEntry {
                lemma: cols[1].to_string(),
                block: cols[2].to_string(),
                code,
                line,
                source_line: number(f, line, cols[4])?,
            };
            c.verbs.entry(cols[0].to_string()).or_default().push(entry);
        }
        for (line, cols) in rows(patterns) {
            let f = "cameo_patterns.tsv";
            if cols.len() != 8 {
                return Err(err(f, line, "expected 8 columns: block, subject, object, particle, preposition, prepositional object, code, line".into()));
            }
            if !c.plover.contains_key(cols[6]) {
                return Err(err(f, line, format!("code {} is not in cameo_plover.tsv", cols[6])));
            }
            let p = Pattern {
                subject: opt(cols[1]),
                object: words(cols[2]),
                particle: opt(cols[3]),
                preposition: opt(cols[4]),
                prep_object: words(cols[5]),
                code: cols[6].to_string(),
                line,
                source_line: number(f, line, cols[7])?,
            };
            c.patterns.entry(cols[0].to_string()).or_default().push(p);
        }
        for (line, cols) in rows(synsets) {
            if cols.len() != 2 {
                return Err(err("cameo_synsets.tsv", line, "expected 2 columns: set, member".into()));
            }
            c.synsets.entry(cols[0].to_string()).or_default().insert(cols[1].to_string());
        }
        Ok(c)
    }

    /// Adds the event nouns (`event_nouns.tsv`: forms, CAMEO code, F or S, note); every code
    /// must be one of the PLOVER table's.
    pub fn with_nouns(mut self, nouns: &str) -> Result<Cameo, LexiconError> {
        let f = "event_nouns.tsv";
        for (line, cols) in rows(nouns) {
            let err = |message: String| LexiconError::Format { file: f, line, message };
            if cols.len() != 4 {
                return Err(err("expected 4 columns: forms, CAMEO code, direction, note".into()));
            }
            if !self.plover.contains_key(cols[1]) {
                return Err(err(format!("code {} is not in cameo_plover.tsv", cols[1])));
            }
            let symmetric = match cols[2] {
                "F" => false,
                "S" => true,
                d => return Err(err(format!("direction {d:?} is neither F nor S"))),
            };
            for form in cols[0].split('|').filter(|w| !w.is_empty()) {
                let entry = NounEntry { code: cols[1].to_string(), symmetric, line };
                self.nouns.insert(form.to_string(), entry);
            }
        }
        Ok(self)
    }

    /// The dictionary compiled into the binary, with the event nouns.
    pub fn builtin() -> Result<Cameo, LexiconError> {
        Cameo::parse(VERBS, PATTERNS, SYNSETS, PLOVER)?.with_nouns(NOUNS)
    }

    /// An event noun's entry, by its lemma (else its lowercased form).
    pub fn noun(&self, lemma: &str, form: &str) -> Option<&NounEntry> {
        self.nouns.get(lemma).or_else(|| self.nouns.get(form))
    }

    /// The entries of a verb, by its lemma (else its lowercased form).
    pub fn verb(&self, lemma: &str, form: &str) -> &[VerbEntry] {
        self.verbs.get(lemma).or_else(|| self.verbs.get(form)).map_or(&[], Vec::as_slice)
    }

    /// The patterns of a block.
    pub fn patterns(&self, block: &str) -> &[Pattern] {
        self.patterns.get(block).map_or(&[], Vec::as_slice)
    }

    /// A code's PLOVER reading.
    pub fn plover(&self, code: &str) -> Option<&PloverEntry> {
        self.plover.get(code)
    }

    /// Does a lemma fill a pattern's word: the same word (singular or plural), or a member of
    /// the named synonym set (`&WEAPON`).
    pub fn word_matches(&self, pattern_word: &str, lemma: &str) -> bool {
        if let Some(set) = pattern_word.strip_prefix('&') {
            let _ = set;
            return self
                .synsets
                .get(pattern_word)
                .is_some_and(|members| members.contains(lemma) || members.contains(singular(lemma)));
        }
        pattern_word == lemma || singular(pattern_word) == singular(lemma)
    }

    /// Every PLOVER type some verb or pattern codes (for the coverage test).
    pub fn types(&self) -> FastSet<EventType> {
        let mut out = FastSet::default();
        for code in self.verbs.values().flatten().filter_map(|v| v.code.as_deref()) {
            out.extend(self.plover(code).map(|p| p.event_type));
        }
        for code in self.patterns.values().flatten().map(|p| p.code.as_str()) {
            out.extend(self.plover(code).map(|p| p.event_type));
        }
        for code in self.nouns.values().map(|n| n.code.as_str()) {
            out.extend(self.plover(code).map(|p| p.event_type));
        }
        out
    }
}

/// The mode of the rejection that refusing a cooperative act is (the PLOVER manual's REJECT
/// modes): refusing aid or cooperation rejects "assist", refusing to meet rejects "meet",
/// refusing to release, withdraw or ease rejects "yield".
pub fn refused_mode(refused: EventType) -> Option<&'static str> {
    match refused {
        EventType::Cooperate | EventType::Aid => Some("assist"),
        EventType::Consult => Some("meet"),
        EventType::Retreat | EventType::Concede => Some("yield"),
        _ => None,
    }
}

/// A naive singular, enough to match dictionary words against lemmas ("tanks", "tank").
fn singular(w: &str) -> &str {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dictionary_loads_and_reaches_every_plover_type() {
        let c = Cameo::builtin().unwrap();
        assert_eq!(c.types().len(), 16);
        let sell = c.verb("sell", "sold");
        assert!(sell.iter().any(|v| v.block == "sell"));
        // "- * &WEAPON [062]" under SELL: selling weapons is military cooperation.
        let weapon = c.patterns("sell").iter().find(|p| p.object.as_deref() == Some(&["&WEAPON".to_string()][..]));
        assert_eq!(c.plover(&weapon.unwrap().code).unwrap().event_type, EventType::Cooperate);
        assert!(c.word_matches("&WEAPON", "missiles") || c.word_matches("&WEAPON", "missile"));
        assert!(!c.word_matches("&WEAPON", "wheat"));
    }

    #[test]
    fn event_nouns_name_the_act_of_their_verb() {
        let c = Cameo::builtin().unwrap();
        let ty = |w: &str| c.noun(w, w).and_then(|n| c.plover(&n.code)).map(|p| p.event_type);
        assert_eq!(ty("demand"), Some(EventType::Request));
        assert_eq!(ty("refusal"), Some(EventType::Reject));
        assert_eq!(ty("mediation"), Some(EventType::Consult));
        assert_eq!(ty("investigations"), Some(EventType::Accuse));
        assert_eq!(ty("truce"), Some(EventType::Retreat));
        assert_eq!(ty("kidnapping"), Some(EventType::Assault));
        assert_eq!(ty("table"), None);
        assert!(c.noun("war", "wars").unwrap().symmetric && !c.noun("demand", "demand").unwrap().symmetric);
        let e =
            Cameo::parse("", "", "", "100\tREQUEST\t-\t-\n").unwrap().with_nouns("demand\t999\tF\tx\n").unwrap_err();
        assert!(e.to_string().contains("event_nouns.tsv, line 1"), "{e}");
        let e =
            Cameo::parse("", "", "", "100\tREQUEST\t-\t-\n").unwrap().with_nouns("demand\t100\tR\tx\n").unwrap_err();
        assert!(e.to_string().contains("neither F nor S"), "{e}");
    }

    #[test]
    fn the_converter_s_corrections_hold() {
        let c = Cameo::builtin().unwrap();
        let code = |lemma: &str| c.verb(lemma, lemma).iter().find_map(|v| v.code.clone());
        // "COMPENSATE [114]" was a slip for paying compensation (the dictionary's own 0842).
        let comp = c.plover(&code("compensate").unwrap()).unwrap();
        assert_eq!(comp.event_type, EventType::Retreat);
        // "express" codes by what is expressed: no default; "concern" is a disapproval.
        assert_eq!(code("express"), None);
        let concern =
            c.patterns("explain_verbal").iter().find(|p| p.object.as_deref() == Some(&["concern".to_string()][..]));
        assert_eq!(c.plover(&concern.unwrap().code).unwrap().event_type, EventType::Accuse);
        // Polysemous verbs and the verbs of governing code only by their patterns.
        for verb in ["take", "leave", "consider", "beat", "control", "govern", "lead"] {
            assert_eq!(code(verb), None, "{verb}");
        }
        // A bare preposition is a preposition, not an object: "- * FROM [0841]" under RELEASE.
        assert!(c.patterns("release").iter().any(|p| p.preposition.as_deref() == Some("from") && p.object.is_none()));
        assert!(c.patterns("release").iter().all(|p| p.object.as_deref() != Some(&["from".to_string()][..])));
        // "- * TO [030]" and "- * (TO) [042]" are both "head to": the group's reading is kept.
        let head_to: Vec<&str> = c
            .patterns("oversee_manage")
            .iter()
            .filter(|p| p.preposition.as_deref() == Some("to") && p.prep_object.is_none() && p.specificity() == 1)
            .map(|p| p.code.as_str())
            .collect();
        assert_eq!(head_to, ["042"]);
        // Auxiliaries are no subject ("- WILL *" under HOST is left out, not a subject "will").
        for block in ["host", "blame", "allow", "explosive_destruction"] {
            assert!(c
                .patterns(block)
                .iter()
                .all(|p| !matches!(p.subject.as_deref(), Some("will" | "been" | "agree" | "test"))));
        }
    }

    #[test]
    fn modes_are_the_manual_s_and_reach_every_type_that_has_them() {
        let c = Cameo::builtin().unwrap();
        let mut with_modes = FastSet::default();
        for p in c.plover.values() {
            if let Some(m) = p.mode() {
                assert!(p.event_type.modes().contains(&m), "{m}");
                with_modes.insert(p.event_type);
            }
        }
        // The eleven types the manual gives modes to; AGREE, SUPPORT, CONCEDE, COOPERATE, AID have none.
        assert_eq!(with_modes.len(), 11, "{with_modes:?}");
        assert_eq!(c.plover("0841").unwrap().mode(), Some("release"));
        assert_eq!(c.plover("186").unwrap().mode(), Some("targeted"));
        assert_eq!(c.plover("085").unwrap().mode(), None);
        assert_eq!(refused_mode(EventType::Aid), Some("assist"));
        let e = Cameo::parse("", "", "", "173\tCOERCE\tvisit\t-\n").unwrap_err();
        assert!(e.to_string().contains("not a mode of COERCE"), "{e}");
    }

    #[test]
    fn bad_lines_are_named() {
        let e = Cameo::parse("", "", "", "040\tCHAT\t-\t-\n").unwrap_err();
        assert!(e.to_string().contains("cameo_plover.tsv, line 1"), "{e}");
        let e = Cameo::parse("sell\tsell\tsell\t999\t1\n", "", "", "").unwrap_err();
        assert!(e.to_string().contains("cameo_verbs.tsv, line 1"), "{e}");
    }
}
