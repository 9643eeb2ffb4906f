//! Loading the gazetteer from its TSV files and building the one trie that finds every
//! surface form in a text.

use std::collections::HashMap;

use entente_core::{ActorKind, MentionRole};

use crate::date::Period;
use crate::scan::{first_run, lower_gate_index, runs, word_hash, LowerGate, WordGate};
use crate::trie::Trie;
use crate::{ActorInfo, GazetteerError};
use entente_text::hash::{FastMap, FastSet};

pub(crate) const ACTORS_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/gazetteer/actors.tsv"));
pub(crate) const NAMES_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/gazetteer/names.tsv"));
pub(crate) const PERSONS_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/gazetteer/persons.tsv"));
pub(crate) const MEMBERS_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/gazetteer/members.tsv"));
pub(crate) const RULES_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/gazetteer/rules.tsv"));

/// A name, adjective or capital of an actor, valid in a period.
#[derive(Debug, Clone)]
pub(crate) struct NameRow {
    pub actor: u32,
    pub role: MentionRole,
    pub period: Period,
    pub from: &'static str,
    pub until: &'static str,
    /// For an organisation of the state (role body): its kind (company, agency, ministry) and
    /// name ("Petrobras"), when the gazetteer gives them.
    pub agent: Option<(ActorKind, &'static str)>,
}

/// One office term of a person.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub office: &'static str,
    pub from: &'static str,
    pub until: &'static str,
    pub period: Period,
}

/// An office holder of one state (a person holding offices in two states is two persons).
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub name: &'static str,
    pub actor: u32,
    pub terms: Vec<Term>,
}

impl Person {
    /// The term in force at `when`, else the latest one begun by then (a former holder);
    /// `None` when no term had begun.
    pub fn term_at(&self, when: &Period) -> Option<&Term> {
        if let Some(t) = self.terms.iter().find(|t| t.period.overlaps(when)) {
            return Some(t);
        }
        self.terms.iter().filter(|t| t.period.started_by(when)).max_by_key(|t| t.period.from)
    }
}

/// What kind of company, ministry or body a noun makes ("carmaker", "Ministry", "army").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyClass {
    Ministry,
    Company,
    /// An agency or regulator, named after the noun or not ("German regulator BaFin").
    Agency,
    Body,
}

/// What a surface form may mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cand {
    /// A row of `names`.
    Name(u32),
    /// A person's full name or alias.
    Person(u32),
    /// A person's surname alone.
    Surname(u32),
    /// The one name of a monarch too common to stand alone ("Hussein"): the person only after
    /// a monarch's title ("King Hussein").
    Regnal(u32),
    /// A phrase that names no actor.
    Block,
    /// An office title; the office as shown.
    Title(u32),
    Body(BodyClass),
    /// A phrase pointing back to the `n` most recent states.
    Coref(u8),
    /// A phrase pointing to the state of the office holder just named ("his country").
    HolderCoref,
    /// A noun that makes a preceding capital a place ("region").
    Place,
}

impl Cand {
    /// Whether the surface is a proper name (capitalised words) rather than a lexicon phrase.
    pub fn is_name(self) -> bool {
        matches!(self, Cand::Name(_) | Cand::Person(_) | Cand::Surname(_) | Cand::Regnal(_) | Cand::Block)
    }
}

/// A candidate meaning with the exact surface it was listed under.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub surface: &'static str,
    pub cand: Cand,
    /// Whether a context rule of rules.tsv names this surface (most names have none, and
    /// are not looked up in the rules).
    pub ruled: bool,
}

/// A state's membership of an organisation.
#[derive(Debug, Clone)]
pub(crate) struct MemberRow {
    pub org: u32,
    pub member: u32,
    pub period: Period,
    pub from: &'static str,
    pub until: &'static str,
}

/// Context rules, from rules.tsv.
#[derive(Debug, Default)]
pub(crate) struct Rules {
    pub not_before: HashMap<&'static str, Vec<&'static str>>,
    pub not_after: HashMap<&'static str, Vec<&'static str>>,
    pub not_near: HashMap<&'static str, Vec<&'static str>>,
    pub firstname: Vec<&'static str>,
    pub not_allcaps: Vec<&'static str>,
    /// Combining forms ("Sino", "Franco"): an actor only before a hyphen and a word
    /// ("Sino-Japanese", "Franco-German"), never alone ("General Franco").
    pub hyphen_only: Vec<&'static str>,
    pub not_surname: Vec<&'static str>,
    pub particles: Vec<&'static str>,
    /// Words that may stand before a surname alone ("Mr Putin").
    pub honorifics: Vec<&'static str>,
    /// Capitalised words that end a name ("Tuesday", "March").
    pub not_name: Vec<&'static str>,
    /// Words of a ministry's portfolio after a title and "for" or "of" ("Trade", "Affairs").
    pub portfolio: Vec<&'static str>,
    /// Capital names that stay the same city under another name ("Astana" → "Nur-Sultan").
    pub same_city: HashMap<&'static str, Vec<&'static str>>,
    /// Capitals that are also the seat of an organisation and name it in international news
    /// ("Brussels": the EU), unless the document names the capital's own state.
    pub seat: HashMap<&'static str, u32>,
    /// Names of currencies after a state's name or adjective ("Turkish lira", "U.S. cents"):
    /// the pair names money, not the state.
    pub currency: Vec<&'static str>,
}

impl Rules {
    /// Whether a context rule names this surface.
    fn names(&self, surface: &str) -> bool {
        self.not_before.contains_key(surface)
            || self.not_after.contains_key(surface)
            || self.not_near.contains_key(surface)
            || self.firstname.contains(&surface)
            || self.not_allcaps.contains(&surface)
            || self.hyphen_only.contains(&surface)
    }
}

/// Everything loaded: actors, names, persons, memberships, rules and the trie.
#[derive(Debug)]
pub(crate) struct Data {
    pub actors: Vec<ActorInfo>,
    pub actor_index: FastMap<Box<str>, u32>,
    pub names: Vec<NameRow>,
    pub persons: Vec<Person>,
    /// Persons of each actor (indexed like `actors`).
    pub by_actor: Vec<Vec<u32>>,
    pub members: Vec<MemberRow>,
    pub offices: Vec<Box<str>>,
    pub rules: Rules,
    /// Entries of each automaton pattern (one pattern per lower-cased surface).
    pub patterns: Vec<Vec<Entry>>,
    /// Pattern id by lower-cased surface (persons by `person_key`).
    pub pattern_index: FastMap<Box<str>, u32>,
    /// The trie of the first `ac_patterns` patterns (names and lexicon phrases).
    pub ac: Trie,
    pub ac_patterns: usize,
    /// The most words in a person's name or alias.
    pub max_person_words: usize,
    /// The first words of persons' names, aliases and surnames (lower case).
    pub person_first_words: FastSet<Box<str>>,
    /// The first runs of letters of the automaton's patterns, as hashes ("israel", "the" of
    /// "the uk", "al" of "al-qaeda").
    pub ac_gate: WordGate,
    /// The first runs of letters of `person_first_words` in ASCII, as hashes.
    pub person_gate: WordGate,
    /// The first three letters of the automaton's patterns that may be found at a word in
    /// small letters: lexicon phrases, and names that begin with a particle ("al-Qaeda").
    pub lower_gate: LowerGate,
}

/// The non-comment lines of a TSV file, numbered from 1, split into columns.
fn rows(text: &'static str) -> impl Iterator<Item = (usize, [&'static str; 8])> {
    // Split by hand: the files have tens of thousands of short lines, and the general string
    // searchers cost more to set up per line and field than the scan itself (a third of the
    // start-up time before).
    let mut from = 0;
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]).map(move |end| {
        let line = &text[from.min(end)..end];
        from = end + 1;
        line
    });
    lines.enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') || line.bytes().all(|b| b.is_ascii_whitespace()) {
            return None;
        }
        let mut cols = [""; 8];
        let (mut c, mut from) = (0, 0);
        for (j, &b) in line.as_bytes().iter().enumerate() {
            if b == b'\t' {
                if c < cols.len() {
                    cols[c] = &line[from..j];
                }
                c += 1;
                from = j + 1;
            }
        }
        if c < cols.len() {
            cols[c] = &line[from..];
        }
        Some((i + 1, cols))
    })
}

/// `str::trim`, with a quick way out for the common field that begins and ends in a letter.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

fn field<'a>(cols: &[&'a str], i: usize) -> &'a str {
    cols.get(i).copied().unwrap_or("")
}

fn err(file: &'static str, line: usize, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Format { file, line, message: message.into() }
}

fn period(file: &'static str, line: usize, from: &str, until: &str) -> Result<Period, GazetteerError> {
    Period::between(from, until).ok_or_else(|| err(file, line, format!("bad dates {from:?} {until:?}")))
}

struct Builder {
    patterns: Vec<Vec<Entry>>,
    /// Keys in pattern order, kept while the automaton's patterns are added.
    keys: Option<Vec<Box<str>>>,
    index: FastMap<Box<str>, u32>,
    first_words: FastSet<Box<str>>,
    max_words: usize,
}

/// The key a person's name is found under: lower case, hyphens as spaces, single spaces
/// ("Kassym-Jomart Tokayev" → "kassym jomart tokayev"), as `scan` builds it from the text.
pub(crate) fn person_key(s: &str) -> String {
    // Most names are ASCII with single spaces and no hyphens: lowered as they stand.
    let b = s.as_bytes();
    let start = b.iter().position(|&c| c != b' ' && c != b'-').unwrap_or(b.len());
    let end = b.iter().rposition(|&c| c != b' ' && c != b'-').map_or(start, |i| i + 1);
    let (t, b) = (&s[start..end], &b[start..end]);
    if b.iter().all(|&c| c.is_ascii() && c != b'-') && !b.windows(2).any(|w| w == b"  ") {
        return t.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' || c == '-' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

impl Builder {
    fn add(&mut self, surface: &'static str, cand: Cand) {
        let key = trim(surface).to_ascii_lowercase();
        self.add_key(key, surface, cand);
    }

    fn add_person(&mut self, surface: &'static str, cand: Cand) {
        let key = person_key(surface);
        let words = 1 + key.bytes().filter(|&b| b == b' ').count();
        self.max_words = self.max_words.max(words.min(6));
        let first = &key[..key.find(' ').unwrap_or(key.len())];
        if !self.first_words.contains(first) {
            self.first_words.insert(first.into());
        }
        self.add_key(key, surface, cand);
    }

    fn add_key(&mut self, key: String, surface: &'static str, cand: Cand) {
        let surface = trim(surface);
        if surface.is_empty() || key.is_empty() {
            return;
        }
        let next = self.patterns.len() as u32;
        let id = match self.index.entry(key.into_boxed_str()) {
            std::collections::hash_map::Entry::Occupied(o) => *o.get(),
            std::collections::hash_map::Entry::Vacant(v) => {
                if let Some(keys) = &mut self.keys {
                    keys.push(v.key().clone());
                }
                v.insert(next);
                self.patterns.push(Vec::with_capacity(1));
                next
            }
        };
        let entries = &mut self.patterns[id as usize];
        if !entries.iter().any(|e| e.cand == cand && e.surface == surface) {
            entries.push(Entry { surface, cand, ruled: false });
        }
    }
}

pub(crate) fn load() -> Result<Data, GazetteerError> {
    // Actors.
    let mut actors = Vec::new();
    for (line, cols) in rows(ACTORS_TSV) {
        let kind = ActorKind::parse(field(&cols, 1))
            .ok_or_else(|| err("actors.tsv", line, format!("unknown kind {:?}", field(&cols, 1))))?;
        let ccode = match field(&cols, 3) {
            "" => None,
            s => Some(s.parse().map_err(|_| err("actors.tsv", line, format!("bad ccode {s:?}")))?),
        };
        actors.push(ActorInfo { code: field(&cols, 0), kind, name: field(&cols, 2), ccode });
    }
    actors.sort_by(|a, b| a.code.cmp(b.code));
    let actor_index: FastMap<Box<str>, u32> =
        actors.iter().enumerate().map(|(i, a)| (a.code.into(), i as u32)).collect();
    let actor = |file: &'static str, line: usize, code: &str| -> Result<u32, GazetteerError> {
        actor_index.get(code).copied().ok_or_else(|| err(file, line, format!("unknown actor {code:?}")))
    };

    let mut b = Builder {
        patterns: Vec::with_capacity(60_000),
        keys: Some(Vec::with_capacity(4_000)),
        first_words: FastSet::with_capacity_and_hasher(20_000, Default::default()),
        max_words: 1,
        index: FastMap::with_capacity_and_hasher(60_000, Default::default()),
    };

    // Names.
    let mut names = Vec::new();
    for (line, cols) in rows(NAMES_TSV) {
        let role = match field(&cols, 2) {
            "name" => MentionRole::Name,
            "adj" => MentionRole::Adjective,
            "capital" => MentionRole::Capital,
            "body" => MentionRole::Body,
            other => return Err(err("names.tsv", line, format!("unknown role {other:?}"))),
        };
        let (from, until) = (field(&cols, 3), field(&cols, 4));
        let agent = match field(&cols, 5) {
            "" => None,
            k => match ActorKind::parse(k) {
                Some(kind @ (ActorKind::Company | ActorKind::Agency | ActorKind::Ministry)) => {
                    Some((kind, Some(field(&cols, 6)).filter(|n| !n.is_empty()).unwrap_or(field(&cols, 0))))
                }
                _ => return Err(err("names.tsv", line, format!("unknown organisation kind {k:?}"))),
            },
        };
        names.push(NameRow {
            actor: actor("names.tsv", line, field(&cols, 1))?,
            role,
            period: period("names.tsv", line, from, until)?,
            from,
            until,
            agent,
        });
        b.add(field(&cols, 0), Cand::Name(names.len() as u32 - 1));
    }

    // Rules (before persons: surnames that are common words are left out).
    let mut rules = Rules::default();
    let mut offices: Vec<Box<str>> = Vec::new();
    let mut office_ids: HashMap<Box<str>, u32> = HashMap::new();
    let list = |s: &'static str| -> Vec<&'static str> { s.split('|').filter(|w| !w.is_empty()).collect() };
    for (line, cols) in rows(RULES_TSV) {
        let (kind, surface, arg) = (field(&cols, 0), field(&cols, 1), field(&cols, 2));
        match kind {
            "block" => b.add(surface, Cand::Block),
            "title" => {
                let office = if arg.is_empty() { surface.to_lowercase() } else { arg.to_owned() };
                let id = *office_ids.entry(office.as_str().into()).or_insert_with(|| {
                    offices.push(office.as_str().into());
                    offices.len() as u32 - 1
                });
                b.add(surface, Cand::Title(id));
            }
            "body" => {
                let class = match arg {
                    "ministry" => BodyClass::Ministry,
                    "company" => BodyClass::Company,
                    "agency" => BodyClass::Agency,
                    "body" => BodyClass::Body,
                    other => return Err(err("rules.tsv", line, format!("unknown body class {other:?}"))),
                };
                b.add(surface, Cand::Body(class));
            }
            "coref1" => b.add(surface, Cand::Coref(1)),
            "coref2" => b.add(surface, Cand::Coref(2)),
            "coref_holder" => b.add(surface, Cand::HolderCoref),
            "place" => b.add(surface, Cand::Place),
            "not_before" => {
                rules.not_before.insert(surface, list(arg));
            }
            "not_after" => {
                rules.not_after.insert(surface, list(arg));
            }
            "not_near" => {
                rules.not_near.insert(surface, list(arg));
            }
            "same_city" => {
                rules.same_city.insert(surface, list(arg));
            }
            "seat" => {
                rules.seat.insert(surface, actor("rules.tsv", line, arg)?);
            }
            "firstname" => rules.firstname.push(surface),
            "not_allcaps" => rules.not_allcaps.push(surface),
            "hyphen_only" => rules.hyphen_only.push(surface),
            "not_surname" => rules.not_surname.push(surface),
            "particle" => rules.particles.push(surface),
            "not_name" => rules.not_name.push(surface),
            "portfolio" => rules.portfolio.push(surface),
            "honorific" => rules.honorifics.push(surface),
            "currency" => rules.currency.push(surface),
            other => return Err(err("rules.tsv", line, format!("unknown rule {other:?}"))),
        }
    }

    for e in b.patterns.iter_mut().flatten() {
        e.ruled = matches!(e.cand, Cand::Name(_)) && rules.names(e.surface);
    }

    // The trie finds names and lexicon phrases; persons (most of the gazetteer by size)
    // are found by looking up runs of capitalised words in a hash map, which keeps start-up
    // fast (an automaton over every person's name took several times longer to build). It is
    // asked only at the start of a word that may begin a form (its first run of letters is in
    // the gate; in small letters, the three-letter gate lets it through first), for the
    // longest form from there.
    let ac_keys = b.keys.take().unwrap_or_default();
    let ac_patterns = ac_keys.len();
    let mut ac_gate = WordGate::new();
    for k in &ac_keys {
        if let Some((_, first)) = runs(k).next() {
            ac_gate.insert(first.hash);
        }
    }
    // A trie, walked a byte at a time from a word's start (`scan::name_at`): one walk gives
    // every form that begins at a word.
    let ac = Trie::build(&ac_keys.iter().map(|k| &**k).collect::<Vec<_>>());

    // Persons: consecutive rows of one (name, code) are one person. Weekdays and months are
    // never a surname alone ("Friday" is also Saint Vincent's prime minister's surname).
    let not_surname: FastSet<&str> = rules.not_surname.iter().chain(&rules.not_name).copied().collect();
    let mut persons: Vec<Person> = Vec::with_capacity(25_000);
    let mut person_index: FastMap<(&'static str, u32), u32> =
        FastMap::with_capacity_and_hasher(25_000, Default::default());
    for (line, cols) in rows(PERSONS_TSV) {
        let name = field(&cols, 0);
        let code = actor("persons.tsv", line, field(&cols, 3))?;
        let (from, until) = (field(&cols, 5), field(&cols, 6));
        let term = Term { office: field(&cols, 4), from, until, period: period("persons.tsv", line, from, until)? };
        let key = (name, code);
        if let Some(&id) = person_index.get(&key) {
            persons[id as usize].terms.push(term);
            continue;
        }
        let id = persons.len() as u32;
        person_index.insert(key, id);
        // A name of one word ("Suharto", or a leader the data knows by surname only) is read
        // by the rules for surnames alone.
        let single = !name.contains(' ');
        let surname = match field(&cols, 2) {
            "" if single => name,
            s => s,
        };
        if single && not_surname.contains(name) {
            b.add_person(name, Cand::Regnal(id));
        }
        let surname = (!surname.is_empty() && !not_surname.contains(surname)).then_some(surname);
        persons.push(Person { name, actor: code, terms: vec![term] });
        if !single {
            b.add_person(name, Cand::Person(id));
        }
        for alias in field(&cols, 1).split('|').filter(|a| !a.is_empty()) {
            b.add_person(alias, Cand::Person(id));
        }
        if let Some(s) = surname {
            b.add_person(s, Cand::Surname(id));
        }
    }

    // Members.
    let mut members = Vec::new();
    for (line, cols) in rows(MEMBERS_TSV) {
        let org = actor("members.tsv", line, field(&cols, 0))?;
        let member = actor("members.tsv", line, field(&cols, 1))?;
        let (from, until) = (field(&cols, 2), field(&cols, 3));
        members.push(MemberRow { org, member, period: period("members.tsv", line, from, until)?, from, until });
    }

    let mut person_gate = WordGate::new();
    for w in &b.first_words {
        let run = first_run(w);
        if run.is_ascii() {
            person_gate.insert(word_hash(run));
        }
    }

    // A word that begins in a small letter fits a pattern's case only as a lexicon phrase, as
    // a surface listed in small letters, or as a name whose first word is a particle ("al",
    // "d'"): see `case_fits`.
    let mut lower_gate = LowerGate::new();
    let particles: Vec<String> = rules.particles.iter().map(|p| p.to_lowercase()).collect();
    for (key, entries) in ac_keys.iter().zip(&b.patterns) {
        let first_word = key.split([' ', '-']).next().unwrap_or("");
        let lower = entries.iter().any(|e| !e.cand.is_name() || !e.surface.starts_with(char::is_uppercase))
            || particles.iter().any(|p| p == first_word)
            || key.starts_with("d'")
            || key.starts_with("l'");
        if lower && key.as_bytes()[0].is_ascii_alphabetic() {
            lower_gate.insert(lower_gate_index(key.as_bytes()));
        }
    }

    let mut by_actor = vec![Vec::new(); actors.len()];
    for (i, p) in persons.iter().enumerate() {
        by_actor[p.actor as usize].push(i as u32);
    }
    Ok(Data {
        actors,
        actor_index,
        names,
        persons,
        by_actor,
        members,
        offices,
        rules,
        patterns: b.patterns,
        pattern_index: b.index,
        ac,
        ac_patterns,
        max_person_words: b.max_words,
        person_first_words: b.first_words,
        ac_gate,
        person_gate,
        lower_gate,
    })
}

#[cfg(test)]
mod tests {
    use super::person_key;

    #[test]
    fn person_keys_read_hyphens_as_spaces() {
        assert_eq!(person_key("Kassym-Jomart  Tokayev"), "kassym jomart tokayev");
        assert_eq!(person_key("-Recep Tayyip ERDOĞAN-"), "recep tayyip erdoğan");
        assert_eq!(person_key(""), "");
        assert_eq!(person_key(" Ali  Khamenei "), "ali khamenei");
        assert_eq!(person_key("Jean-Yves Le Drian"), "jean yves le drian");
        assert_eq!(person_key("Boris Johnson"), "boris johnson");
    }
}
