//! The lexicons: triggers, sector words and modality cues, read from the TSV files in
//! `data/lexicon/` (compiled into the binary), and a phrase index that finds them in a
//! sentence's tokens in one pass.

use entente_text::hash::FastMap;

use entente_core::{EventType, Modality, Sector};

use crate::tokens::WordSeq;
use crate::LexiconError;

/// Which actor is the source (see `data/lexicon/triggers.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Reverse,
    Symmetric,
}

/// A trigger's entry.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub event_type: EventType,
    pub direction: Direction,
    pub sector: Sector,
    pub fixed: bool,
    pub goods: bool,
    pub place: bool,
    pub dev: bool,
    pub modal: bool,
    /// Only with a sector word of its own: "sent police officers" is a tie, "sent a telex"
    /// is not.
    pub cued: bool,
    /// A relationship as a whole ("ties", "relations", "partnership"): a sector word near it
    /// decides its sector, never the article's topic (`whole` in `triggers.tsv`).
    pub whole: bool,
    /// A phrase that looks like a trigger but is not one ("dispute panel"): it only stops
    /// shorter triggers inside it from matching.
    pub none: bool,
    /// The PLOVER mode of the act (`visit`, `arrest`), where its type has modes.
    pub mode: Option<&'static str>,
    /// Its line in `triggers.tsv` (for `--explain`).
    pub line: usize,
}

/// A sector word's entry.
#[derive(Debug, Clone, Copy)]
pub struct SectorCue {
    pub sector: Sector,
    pub strong: bool,
}

/// A modality cue's entry.
#[derive(Debug, Clone, Copy)]
pub struct ModalityCue {
    pub modality: Modality,
    /// How many tokens before the trigger it may stand; 0 is anywhere in the clause.
    pub reach: usize,
    /// A refusal ("refused to", "would not"): negated, and a cooperative act refused is a
    /// rejection (`refused` in `modality.tsv`).
    pub refusal: bool,
}

/// Phrases (token sequences) indexed by their first token, longest first.
#[derive(Debug)]
pub struct PhraseIndex<T> {
    by_first: FastMap<String, Vec<(Vec<String>, T)>>,
    /// The first tokens' first two bytes and length, as bits (see [`gate_slot`]): most words
    /// begin no phrase and are passed over without hashing them.
    gate: Box<[u64]>,
}

const GATE_WORDS: usize = 1 << 10;

/// A word's place in the gate of every phrase index: its first two bytes and its length (up to
/// 15). Worked out once for a word that several indexes are asked about.
#[derive(Debug, Clone, Copy)]
pub struct GateSlot {
    word: usize,
    bit: u64,
}

impl GateSlot {
    pub fn of(word: &str) -> GateSlot {
        let b = word.as_bytes();
        let b0 = usize::from(b.first().copied().unwrap_or(0));
        let b1 = usize::from(b.get(1).copied().unwrap_or(0));
        let i = (b0 * 31 + b1) * 16 + b.len().min(15);
        let i = i % (GATE_WORDS * 64);
        GateSlot { word: i / 64, bit: 1 << (i % 64) }
    }
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex { by_first: FastMap::default(), gate: vec![0; GATE_WORDS].into_boxed_slice() }
    }
}

impl<T> PhraseIndex<T> {
    fn insert(&mut self, phrase: &str, value: T) {
        let words: Vec<String> = phrase
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().replace('\'', ""))
            .collect();
        if words.is_empty() {
            return;
        }
        let slot = GateSlot::of(&words[0]);
        self.gate[slot.word] |= slot.bit;
        let list = self.by_first.entry(words[0].clone()).or_default();
        list.push((words, value));
        list.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
    }

    /// The longest phrase that starts at word `i` and does not run into an actor or across
    /// clause punctuation; returns its value and its length in words (a hyphen between its
    /// words counted).
    pub fn match_at<S: WordSeq + ?Sized>(&self, words: &S, i: usize) -> Option<(&T, usize)> {
        if words.is_actor(i) {
            return None;
        }
        self.match_in_slot(words, i, GateSlot::of(words.lower(i)))
    }

    /// [`PhraseIndex::match_at`] for a word that is not an actor's, whose gate slot is known.
    pub fn match_in_slot<S: WordSeq + ?Sized>(&self, words: &S, i: usize, slot: GateSlot) -> Option<(&T, usize)> {
        if self.gate[slot.word] & slot.bit == 0 {
            return None;
        }
        let list = self.by_first.get(words.lower(i))?;
        let n = words.count();
        'phrases: for (phrase, value) in list {
            let mut j = i + 1;
            for w in phrase.iter().skip(1) {
                // A hyphen that is a word of its own (the parse's words: "free - trade zone")
                // joins the words it stands between, as a hyphen in the text does.
                while j < n && words.lower(j) == "-" && !words.breaks_before(j) {
                    j += 1;
                }
                if j >= n || words.is_actor(j) || words.lower(j) != w || words.breaks_before(j) {
                    continue 'phrases;
                }
                j += 1;
            }
            return Some((value, j - i));
        }
        None
    }
}

/// A class of single words that the pairing rules ask about (`data/lexicon/words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// A relationship got worse ("soured", "strained").
    Worse,
    /// A ban on the trade it precedes ("banned").
    Ban,
    /// A stop or cut of the trade it precedes ("halted", "cut").
    Stop,
    /// A cost whose cut is not a cut of trade ("tariffs").
    Cost,
    /// Something built between places ("pipeline", "cable").
    Link,
    /// A relationship set right ("mend", "restore"), whatever made it worse.
    Mend,
    /// A noun of people, whose "from X" names where they come from ("dissidents from X").
    People,
    /// A measure taken away or softened ("lifted", "eased"): "lifted the embargo on X".
    Lift,
}

/// All the lexicons.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub triggers: PhraseIndex<Trigger>,
    pub sectors: PhraseIndex<SectorCue>,
    pub modality: PhraseIndex<ModalityCue>,
    pub words: FastMap<String, WordClass>,
}

const TRIGGERS: &str = include_str!("../../../data/lexicon/triggers.tsv");
const SECTORS: &str = include_str!("../../../data/lexicon/sectors.tsv");
const MODALITY: &str = include_str!("../../../data/lexicon/modality.tsv");
const WORDS: &str = include_str!("../../../data/lexicon/words.tsv");

fn rows<'a>(file: &'static str, text: &'a str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    let _ = file;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

fn err(file: &'static str, line: usize, message: impl Into<String>) -> LexiconError {
    LexiconError::Format { file, line, message: message.into() }
}

impl Lexicon {
    /// Parses the three lexicon files.
    pub fn parse(triggers: &str, sectors: &str, modality: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (line, cols) in rows("triggers.tsv", triggers) {
            let f = "triggers.tsv";
            if cols.len() < 5 || cols.len() > 6 {
                return Err(err(f, line, "expected 5 or 6 columns: forms, type, direction, sector, flags, mode"));
            }
            let none = cols[1] == "-";
            let event_type = if none {
                EventType::Agree
            } else {
                EventType::parse(cols[1]).ok_or_else(|| err(f, line, format!("unknown type {:?}", cols[1])))?
            };
            let direction = match cols[2] {
                "F" => Direction::Forward,
                "R" => Direction::Reverse,
                "S" => Direction::Symmetric,
                d => return Err(err(f, line, format!("unknown direction {d:?} (F, R or S)"))),
            };
            let sector = Sector::parse(cols[3]).ok_or_else(|| err(f, line, format!("unknown sector {:?}", cols[3])))?;
            let flags: Vec<&str> = cols[4].split(',').map(str::trim).collect();
            for flag in &flags {
                if !matches!(*flag, "-" | "fixed" | "goods" | "place" | "dev" | "modal" | "cued" | "whole") {
                    return Err(err(f, line, format!("unknown flag {flag:?}")));
                }
            }
            let mode = match cols.get(5).copied().unwrap_or("-") {
                "-" => None,
                m => Some(event_type.modes().iter().copied().find(|&x| x == m).ok_or_else(|| {
                    err(
                        f,
                        line,
                        format!("{m:?} is not a mode of {event_type} (the PLOVER manual's: {:?})", event_type.modes()),
                    )
                })?),
            };
            let trigger = Trigger {
                event_type,
                mode,
                direction,
                sector,
                fixed: flags.contains(&"fixed"),
                goods: flags.contains(&"goods"),
                place: flags.contains(&"place"),
                dev: flags.contains(&"dev"),
                modal: flags.contains(&"modal"),
                cued: flags.contains(&"cued"),
                whole: flags.contains(&"whole"),
                none,
                line,
            };
            for form in cols[0].split('|') {
                lex.triggers.insert(form, trigger.clone());
            }
        }
        for (line, cols) in rows("sectors.tsv", sectors) {
            let f = "sectors.tsv";
            if cols.len() < 3 {
                return Err(err(f, line, "expected 3 columns: phrase, sector, strength"));
            }
            let sector = Sector::parse(cols[1]).ok_or_else(|| err(f, line, format!("unknown sector {:?}", cols[1])))?;
            let strong = match cols[2] {
                "strong" => true,
                "weak" => false,
                s => return Err(err(f, line, format!("unknown strength {s:?} (strong or weak)"))),
            };
            lex.sectors.insert(cols[0], SectorCue { sector, strong });
        }
        for (line, cols) in rows("modality.tsv", modality) {
            let f = "modality.tsv";
            if cols.len() < 3 {
                return Err(err(f, line, "expected 3 columns: phrase, modality, reach"));
            }
            let refusal = cols[1] == "refused";
            let modality = match cols[1] {
                "refused" => Modality::Negated,
                "planned" => Modality::Planned,
                "hoped" => Modality::Hoped,
                "hypothetical" => Modality::Hypothetical,
                "negated" => Modality::Negated,
                "actual" => Modality::Actual,
                m => return Err(err(f, line, format!("unknown modality {m:?}"))),
            };
            let reach = cols[2].parse().map_err(|_| err(f, line, format!("reach {:?} is not a number", cols[2])))?;
            lex.modality.insert(cols[0], ModalityCue { modality, reach, refusal });
        }
        Ok(lex)
    }

    /// Adds the word classes of `words.tsv` (word, class) to a parsed lexicon.
    pub fn with_words(mut self, words: &str) -> Result<Lexicon, LexiconError> {
        let f = "words.tsv";
        for (line, cols) in rows(f, words) {
            if cols.len() != 2 || cols[0].is_empty() || cols[0].contains(' ') {
                return Err(err(f, line, "expected 2 columns: a single word, a class"));
            }
            let class = match cols[1] {
                "worse" => WordClass::Worse,
                "ban" => WordClass::Ban,
                "stop" => WordClass::Stop,
                "cost" => WordClass::Cost,
                "link" => WordClass::Link,
                "mend" => WordClass::Mend,
                "people" => WordClass::People,
                "lift" => WordClass::Lift,
                other => return Err(err(f, line, format!("unknown class {other:?}"))),
            };
            self.words.insert(cols[0].to_lowercase(), class);
        }
        Ok(self)
    }

    /// The class of a lowercased word, if `words.tsv` gives it one.
    pub fn class(&self, word: &str) -> Option<WordClass> {
        self.words.get(word).copied()
    }

    /// The lexicon compiled into the binary from `data/lexicon/`.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Lexicon::parse(TRIGGERS, SECTORS, MODALITY)?.with_words(WORDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads() {
        let lex = Lexicon::builtin().unwrap();
        assert!(lex.triggers.by_first.contains_key("sell"));
        assert!(lex.sectors.by_first.contains_key("oil"));
        assert!(lex.modality.by_first.contains_key("will"));
    }

    #[test]
    fn triggers_carry_their_plover_mode() {
        // The mode column: "visited" is a CONSULT "visit", "arrested" a COERCE "arrest",
        // "condemned" an ACCUSE "disapprove" (PLOVER codes criticism as ACCUSE, not PROTEST);
        // "attacked" names no mode, and AGREE has none.
        let lex = Lexicon::builtin().unwrap();
        let at = |w: &str| {
            let seq = crate::tokens::Words::of(w, 0, w.len());
            lex.triggers.match_at(&seq, 0).map(|(t, _)| (t.event_type, t.mode))
        };
        assert_eq!(at("visited"), Some((EventType::Consult, Some("visit"))));
        assert_eq!(at("telephoned"), Some((EventType::Consult, Some("phone"))));
        assert_eq!(at("arrested"), Some((EventType::Coerce, Some("arrest"))));
        assert_eq!(at("condemned"), Some((EventType::Accuse, Some("disapprove"))));
        assert_eq!(at("expelled"), Some((EventType::Sanction, Some("expel"))));
        assert_eq!(at("lifted the embargo"), Some((EventType::Retreat, None)));
        assert_eq!(at("attacked"), Some((EventType::Assault, None)));
        assert_eq!(at("agreed"), Some((EventType::Agree, None)));
        // Every row's mode is one its type has.
        for list in lex.triggers.by_first.values() {
            for (_, t) in list {
                assert!(t.mode.is_none_or(|m| t.event_type.modes().contains(&m)), "line {}", t.line);
            }
        }
    }

    #[test]
    fn every_phrase_is_found_past_the_gate() {
        // Each phrase of each built-in lexicon, given as its own words, is found at its start.
        fn check<T>(index: &PhraseIndex<T>) -> usize {
            let mut checked = 0;
            for list in index.by_first.values() {
                for (words, _) in list {
                    let text = words.join(" ");
                    let seq = crate::tokens::Words::of(&text, 0, text.len());
                    if (0..seq.count()).map(|i| seq.lower(i)).eq(words.iter().map(String::as_str)) {
                        assert!(index.match_at(&seq, 0).is_some_and(|(_, n)| n >= words.len()), "{text}");
                        checked += 1;
                    }
                }
            }
            checked
        }
        let lex = Lexicon::builtin().unwrap();
        assert!(check(&lex.triggers) > 100 && check(&lex.sectors) > 100 && check(&lex.modality) > 20);
    }

    #[test]
    fn bad_lines_are_named() {
        let e = Lexicon::parse("sell\tAID\tX\tarms\t-\n", "", "").unwrap_err();
        assert!(e.to_string().contains("triggers.tsv, line 1"), "{e}");
        let e = Lexicon::parse("visit\tCONSULT\tF\tdiplomacy\t-\tarrest\n", "", "").unwrap_err();
        assert!(
            e.to_string().contains("triggers.tsv, line 1") && e.to_string().contains("not a mode of CONSULT"),
            "{e}"
        );
        let e = Lexicon::parse("", "# c\noil\tenergy\tmighty\n", "").unwrap_err();
        assert!(e.to_string().contains("sectors.tsv, line 2"), "{e}");
        let e = Lexicon::default().with_words("soured\tworse\nhalted\tpaused\n").unwrap_err();
        assert!(e.to_string().contains("words.tsv, line 2"), "{e}");
    }
}
