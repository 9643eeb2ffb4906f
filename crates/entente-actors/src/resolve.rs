//! Resolving the surface forms found in an article into actor mentions: dates, context rules
//! for names that are also words or people, titles, bodies and coreference.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use aho_corasick::MatchKind;

use entente_core::{ActorKind, Agent, Article, Mention, MentionRole, PersonInfo};

use crate::date::Period;
use crate::gazetteer::{BodyClass, Cand, Data, Entry, Person};
use crate::scan::{scan, Hit, Scan};

/// How many words may stand between an adjective and the noun of its body
/// ("Israeli [defence] company").
const BODY_GAP_WORDS: usize = 3;

/// The last words of a company's name that carries its state ("Kuwait Petroleum Corp").
const COMPANY_ENDS: &[&str] = &[
    "Corp",
    "Corporation",
    "Co",
    "Company",
    "Inc",
    "Ltd",
    "Airlines",
    "Airways",
    "Petroleum",
    "Industries",
    "Holdings",
    "Telecom",
    "Motors",
    "Steel",
    "Railways",
    "Lines",
];

/// The last words of an agency's name that carries its state ("Japan Fair Trade Commission").
const AGENCY_ENDS: &[&str] = &["Agency", "Authority", "Board", "Commission", "Institute"];

/// Words that link clauses or name actions, which no company's description holds ("Israel
/// said the company").
const LINK_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "for", "with", "by", "at", "from", "said", "says",
    "its", "their", "his", "her", "that", "which", "who", "is", "was", "are", "were", "has", "have", "had", "will",
    "would", "as", "than",
];

/// Words that make a capitalised name a place rather than an organisation ("Gulf of Mexico",
/// "Turkey's Black Sea coast").
const PLACE_WORDS: &[&str] = &[
    "Sea",
    "Gulf",
    "River",
    "Coast",
    "Island",
    "Islands",
    "Mountains",
    "Province",
    "Region",
    "Valley",
    "Lake",
    "Desert",
    "Basin",
    "Strait",
    "Straits",
    "Bay",
    "Peninsula",
    "Border",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Ocean",
    "City",
    "State",
    "Republic",
    "Kingdom",
    "People",
    "Government",
];

/// How long after leaving office a holder's surname alone still names them (about two years).
const RECENT_FORMER_DAYS: u32 = 744;

/// Whether the name at byte `start` is the second half of a word of "pro-" or "non-"
/// ("pro-Russian rebels", "non-OPEC producers"): a description of other actors by their
/// stance towards it or their standing outside it, which names it as no actor.
fn describes(text: &str, start: usize) -> bool {
    let Some(at) = start.checked_sub(4) else { return false };
    let bytes = text.as_bytes();
    let prefix = &bytes[at..start];
    (prefix.eq_ignore_ascii_case(b"pro-") || prefix.eq_ignore_ascii_case(b"non-"))
        && !text[..at].chars().next_back().is_some_and(entente_text::is_alphanumeric)
}

/// The longest sentence taken as context for a mention (in bytes); a longer one is cut
/// around the mention.
const MAX_SENTENCE: usize = 1500;

/// How many earlier mentions coreference and person resolution look back over.
const LOOKBACK: usize = 200;

pub(crate) fn find(data: &Data, article: &Article) -> Vec<Mention> {
    let when = article.date.as_ref().and_then(|d| Period::of_date(&d.value)).unwrap_or(Period::ANY);
    let mut sentences: Vec<(usize, usize)> = article
        .sentences()
        .map(|(_, _, sp)| (sp.start, sp.end))
        .filter(|&(a, b)| a < b && b <= article.text.len())
        .collect();
    sentences.sort_unstable();
    let mut mentions = find_with(data, &article.text, when, sentences);
    crate::pronoun::resolve(article, &mut mentions);
    mentions
}

pub(crate) fn find_in(data: &Data, text: &str, when: Period) -> Vec<Mention> {
    find_with(data, text, when, Vec::new())
}

/// `sentences`: the article's sentence spans, sorted (empty: sentences are guessed).
fn find_with(data: &Data, text: &str, when: Period, sentences: Vec<(usize, usize)>) -> Vec<Mention> {
    let found = scan(data, text);
    let hits = &found.hits;
    // About one mention a hit: sized once, not grown (and copied) a doubling at a time.
    let out = Vec::with_capacity(hits.len());
    let mut r = Resolver {
        data,
        text,
        when,
        hits,
        found: &found,
        out,
        seen: Vec::new(),
        titled: Vec::new(),
        others: HashSet::new(),
        sentences,
    };
    let mut i = 0;
    while i < hits.len() {
        i = r.resolve(i).max(i + 1);
    }
    let titled = std::mem::take(&mut r.titled);
    let mut out = r.out;
    out.sort_by_key(|m| (m.start, m.end));
    if !titled.is_empty() {
        titled_surnames(data, text, &titled, &mut out);
    }
    out
}

/// How far after a titled name its surname alone is looked for (bytes): an article's length.
const TITLED_REACH: usize = 20_000;

/// A person named after a title with a state ("Dutch Finance Minister Onno Ruding", whom the
/// gazetteer may not know, or knows by another spelling): the surname as the text spells it
/// names them alone later in the article.
struct Titled {
    /// The surname, the last word of the name as written (for an organisation: its name).
    surname: Range<usize>,
    actor: u32,
    /// The person, or else the organisation ("Germany's Siemens": later "Siemens" alone).
    info: Option<PersonInfo>,
    agent: Option<Agent>,
}

/// The later mentions of titled persons by surname alone ("Tereschenko said"), where no other
/// mention covers the word, each of the most recent titled person of that surname before it
/// (within [`TITLED_REACH`]). One pass of an automaton of the surnames. `out` is sorted and
/// stays so.
fn titled_surnames(data: &Data, text: &str, titled: &[Titled], out: &mut Vec<Mention>) {
    // Each surname, with its titled persons in text order.
    let mut of_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, t) in titled.iter().enumerate() {
        of_surname.entry(&text[t.surname.clone()]).or_default().push(k);
    }
    let mut surnames: Vec<&str> = of_surname.keys().copied().collect();
    surnames.sort_unstable();
    // A few names an article: the NFA alone, built in a fraction of the time of a DFA, which
    // would cost more to build than it saves on one article's text.
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .build(&surnames)
    else {
        return;
    };
    let from = titled.iter().map(|t| t.surname.end).min().unwrap_or(text.len());
    let until =
        floor_boundary(text, titled.iter().map(|t| t.surname.end).max().unwrap_or(0).saturating_add(TITLED_REACH));
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, index of titled)
    for m in ac.find_iter(&text[from..until.max(from)]) {
        let (start, end) = (from + m.start(), from + m.end());
        let bounded = !text[..start].chars().next_back().is_some_and(|c| entente_text::is_alphanumeric(c) || c == '-')
            && !text[end..].chars().next().is_some_and(|c| entente_text::is_alphanumeric(c) || c == '-');
        if !bounded {
            continue;
        }
        // The most recent titled person of this surname named before, within reach.
        let ks = of_surname.get(&text[start..end]).map_or(&[][..], Vec::as_slice);
        let Some(&k) = ks[..ks.partition_point(|&k| titled[k].surname.end <= start)].last() else {
            continue;
        };
        // An organisation's name is a name of its own only where no other capitalised word
        // joins it ("Siemens", not "White House" after "Canada's White").
        if titled[k].info.is_none() && in_longer_name(text, start, end) {
            continue;
        }
        if start - titled[k].surname.end > TITLED_REACH {
            continue;
        }
        let after = out.partition_point(|m| m.start < end);
        let covered = out[..after].iter().rev().take(8).any(|m| m.end > start);
        if !covered {
            found.push((start, end, k));
        }
    }
    if found.is_empty() {
        return;
    }
    for &(start, end, k) in &found {
        let t = &titled[k];
        let actor = &data.actors[t.actor as usize];
        out.push(Mention {
            start,
            end,
            code: actor.code.into(),
            kind: actor.kind,
            name: actor.name.into(),
            role: if t.info.is_some() { MentionRole::Person } else { MentionRole::Body },
            person: t.info.clone(),
            agent: t.agent.clone(),
        });
    }
    // Two sorted runs: the stable sort merges them in one pass.
    out.sort_by_key(|m| (m.start, m.end));
}

struct Resolver<'a> {
    data: &'a Data,
    text: &'a str,
    when: Period,
    hits: &'a [Hit],
    found: &'a Scan,
    out: Vec<Mention>,
    /// Persons named in full so far, most recent last.
    seen: Vec<u32>,
    /// Persons named after a title, by their surnames as written, in text order.
    titled: Vec<Titled>,
    /// Surnames that someone other than their office holders bears in this text, named in full
    /// before ("Morrison" after "Tim Morrison").
    others: HashSet<&'a str>,
    /// The article's sentences, sorted by start.
    sentences: Vec<(usize, usize)>,
}

/// An actor chosen for a name, with how it was named.
#[derive(Clone, Copy)]
struct Named {
    actor: u32,
    role: MentionRole,
    /// An organisation of the gazetteer: its kind and name.
    agent: Option<(ActorKind, &'static str)>,
}

impl<'a> Resolver<'a> {
    fn entries(&self, i: usize) -> impl Iterator<Item = &'a Entry> + 'a {
        let pat = &self.data.patterns[self.hits[i].pat as usize];
        self.found.entries_of(i).iter().map(move |&e| &pat[e as usize])
    }

    fn has(&self, i: usize, pred: impl Fn(Cand) -> bool) -> bool {
        i < self.hits.len() && self.entries(i).any(|e| pred(e.cand))
    }

    fn title_of(&self, i: usize) -> Option<u32> {
        if i >= self.hits.len() {
            return None;
        }
        self.entries(i).find_map(|e| match e.cand {
            Cand::Title(o) => Some(o),
            _ => None,
        })
    }

    fn body_of(&self, i: usize) -> Option<BodyClass> {
        if i >= self.hits.len() {
            return None;
        }
        self.entries(i).find_map(|e| match e.cand {
            Cand::Body(c) => Some(c),
            _ => None,
        })
    }

    /// Whether only spaces stand between byte `a` and hit `j`.
    fn adjacent(&self, a: usize, j: usize) -> bool {
        j < self.hits.len()
            && self.hits[j].start >= a
            && self.text[a..self.hits[j].start].chars().all(|c| c == ' ')
            && self.hits[j].start > a
    }

    /// Notes a person named in full (most recent last, each once).
    fn remember(&mut self, p: u32) {
        if let Some(k) = self.seen.iter().position(|&q| q == p) {
            self.seen.remove(k);
        }
        self.seen.push(p);
    }

    /// The sentence around a span: the article's own, else a guess from punctuation.
    fn sentence(&self, start: usize, end: usize) -> (usize, usize) {
        let k = self.sentences.partition_point(|&(s, _)| s <= start);
        if k > 0 {
            let (s, e) = self.sentences[k - 1];
            // A "sentence" of a whole page (text without punctuation) is no context: guess.
            if start < e && end <= e && e - s <= MAX_SENTENCE {
                return (s, e);
            }
        }
        sentence_around(self.text, start, end)
    }

    /// Whether the sentence around a span is written in capitals (a headline).
    fn in_capitals(&self, start: usize, end: usize) -> bool {
        let (s, e) = self.sentence(start, end);
        in_capitals(self.text, s, e)
    }

    fn push(&mut self, start: usize, end: usize, actor: u32, role: MentionRole, person: Option<PersonInfo>) {
        self.push_agent(start, end, actor, role, person, None);
    }

    fn push_agent(
        &mut self,
        start: usize,
        end: usize,
        actor: u32,
        role: MentionRole,
        person: Option<PersonInfo>,
        agent: Option<Agent>,
    ) {
        let info = &self.data.actors[actor as usize];
        self.out.push(Mention {
            start,
            end,
            code: info.code.into(),
            kind: info.kind,
            name: info.name.into(),
            role,
            person,
            agent,
        });
    }

    /// An organisation of a state that the text introduces ("Germany's Siemens", "Statoil,
    /// Norway's state oil company"): one mention of its state, and its name alone names it
    /// later in the article.
    fn introduce(&mut self, start: usize, end: usize, name: Range<usize>, actor: u32, kind: Option<ActorKind>) {
        let agent = kind.map(|kind| Agent { name: self.text[name.clone()].to_string().into(), kind });
        let words_ok = self.text[name.clone()]
            .split([' ', '-'])
            .all(|w| w.chars().count() >= 2 && !self.data.rules.not_name.contains(&w));
        if words_ok && !self.text[name.clone()].contains(['\n', ',']) {
            self.titled.push(Titled { surname: name, actor, info: None, agent: agent.clone() });
        }
        self.push_agent(start, end, actor, MentionRole::Body, None, agent);
    }

    /// Resolves hit `i` (and the hits it absorbs); returns the next hit to look at.
    fn resolve(&mut self, i: usize) -> usize {
        if self.has(i, |c| c == Cand::Block) {
            return i + 1;
        }
        // A surname of a person named earlier in full beats a place of the same spelling.
        if let Some(p) = self.seen_surname(i) {
            return self.person(i, p);
        }
        if self.has(i, |c| matches!(c, Cand::Name(_))) {
            if let Some(named) = self.name(i) {
                return self.named(i, named);
            }
            // A name ruled out by context may still be a person's ("Chad" the first name is not).
            return i + 1;
        }
        if self.has(i, |c| matches!(c, Cand::Person(_))) {
            if let Some(p) = self.full_person(i) {
                return self.person(i, p);
            }
            return i + 1;
        }
        if self.has(i, |c| matches!(c, Cand::Surname(_))) {
            // "Tim Morrison": the surname alone is his from here on, not the office holder's.
            if self.someone_else_in_full(i) {
                let hit = self.hits[i];
                self.others.insert(&self.text[hit.start..hit.end]);
            }
            if let Some(p) = self.surname(i) {
                return self.person(i, p);
            }
            return i + 1;
        }
        if self.after_royal_title(i) {
            // "King Hussein": a monarch's one name, too common to stand alone.
            let regnal: Vec<u32> = self
                .entries(i)
                .filter_map(|e| match e.cand {
                    Cand::Regnal(p) => Some(p),
                    _ => None,
                })
                .collect();
            if let Some(p) = self.unique_in_office(&regnal) {
                return self.person(i, p);
            }
        }
        if let Some(office) = self.title_of(i) {
            return self.title_of_state(i, office);
        }
        if self.has(i, |c| c == Cand::HolderCoref) {
            self.holder_coref(i);
            return i + 1;
        }
        if let Some(n) = self.entries(i).find_map(|e| match e.cand {
            Cand::Coref(n) => Some(n),
            _ => None,
        }) {
            self.coref(i, n);
        }
        i + 1
    }

    /// "his country", "her government": the state of the office holders named before it in its
    /// sentence, else in the sentence just before; nothing when there are none, or holders of
    /// two states ("Shoukry met Kerry. Later his country ...").
    fn holder_coref(&mut self, i: usize) {
        let hit = self.hits[i];
        let (start, _) = self.sentence(hit.start, hit.end);
        let skip = self.out.len().saturating_sub(LOOKBACK);
        let holders = |m: &&Mention| {
            m.start < hit.start
                && matches!(m.role, MentionRole::Person | MentionRole::Office)
                && matches!(m.kind, ActorKind::State | ActorKind::FormerState)
        };
        let recent: Vec<&Mention> = self.out[skip..].iter().rev().filter(holders).take(8).collect();
        let Some(last) = recent.first() else { return };
        // The sentence of the holders: this one, else the one that ends where this begins.
        let from = if last.start >= start {
            start
        } else {
            let (prev_start, prev_end) = self.sentence(last.start, last.end);
            if prev_end > start || !self.text[prev_end..start].trim().is_empty() {
                return;
            }
            prev_start
        };
        let mut in_sentence = recent.iter().take_while(|m| m.start >= from);
        if in_sentence.any(|m| m.code != last.code) {
            return;
        }
        let m = Mention {
            start: hit.start,
            end: hit.end,
            role: MentionRole::Coreference,
            person: None,
            agent: None,
            ..(*last).clone()
        };
        self.out.push(m);
    }

    // ------------------------------------------------------------------ names

    /// The actor a name stands for at the article's date, after the context rules.
    fn name(&self, i: usize) -> Option<Named> {
        let hit = &self.hits[i];
        let data = self.data;
        let mut best: Option<(u32, Named, (u32, u32), &str)> = None; // (row, named, rank, surface)
        for e in self.entries(i) {
            let Cand::Name(row) = e.cand else { continue };
            if e.ruled && !self.context_allows(i, e.surface) {
                continue;
            }
            let r = &data.names[row as usize];
            let distance = r.period.distance(&self.when);
            let mut actor = r.actor;
            if distance > 0 && r.role == MentionRole::Capital {
                // A capital out of its years: the same city under another name still counts
                // ("Astana" in 2020); a city that stopped being the capital does not.
                match self.same_city(e.surface) {
                    Some(a) => actor = a,
                    None => continue,
                }
            }
            // Prefer names valid at the date, then the nearest, then the latest.
            let rank = (distance, Period::ANY.until.0 - r.period.until.0.min(Period::ANY.until.0));
            let named = Named { actor, role: r.role, agent: r.agent };
            if best.as_ref().is_none_or(|b| rank < b.2) {
                best = Some((row, named, rank, e.surface));
            }
        }
        let (_, mut named, _, surface) = best?;
        if describes(self.text, hit.start) || self.names_currency(hit.end, named.role) {
            return None;
        }
        if named.role == MentionRole::Capital
            && (self.place_follows(hit.end, i) || after_name_particle(self.text, hit.start))
        {
            return None;
        }
        // "Brussels" is the EU in international news, unless the text is about Belgium.
        if named.role == MentionRole::Capital {
            if let Some(&org) = data.rules.seat.get(surface) {
                let code = &data.actors[named.actor as usize].code;
                let own_state = self.out.iter().any(|m| {
                    &m.code == code
                        && matches!(
                            m.role,
                            MentionRole::Name | MentionRole::Adjective | MentionRole::Person | MentionRole::Office
                        )
                });
                if !own_state {
                    named.actor = org;
                }
            }
        }
        Some(named)
    }

    fn same_city(&self, surface: &str) -> Option<u32> {
        let others = self.data.rules.same_city.get(surface)?;
        for other in others {
            let key = other.to_ascii_lowercase();
            let Some(&pat) = self.data.pattern_index.get(key.as_str()) else {
                continue;
            };
            for e in &self.data.patterns[pat as usize] {
                if let Cand::Name(row) = e.cand {
                    let r = &self.data.names[row as usize];
                    if r.role == MentionRole::Capital && r.period.overlaps(&self.when) {
                        return Some(r.actor);
                    }
                }
            }
        }
        None
    }

    /// "the Turkish lira", "84 U.S. cents": a state's name or adjective before the name of a
    /// currency (in small letters: "Canadian Mark Dollar" is a person) names money, unless an
    /// amount follows ("lent Russia dollars 6bn": the currency begins the amount).
    fn names_currency(&self, end: usize, role: MentionRole) -> bool {
        if !matches!(role, MentionRole::Name | MentionRole::Adjective) {
            return false;
        }
        let Some(word) = next_word(self.text, end) else { return false };
        if !self.data.rules.currency.contains(&word) {
            return false;
        }
        // The word is a slice of the text: its end is a character boundary.
        let after = word.as_ptr() as usize - self.text.as_ptr() as usize + word.len();
        !next_word(self.text, after).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// "the Almaty region": a capital followed by a place noun is a place.
    fn place_follows(&self, end: usize, i: usize) -> bool {
        self.adjacent(end, i + 1) && self.has(i + 1, |c| c == Cand::Place)
    }

    fn context_allows(&self, i: usize, surface: &str) -> bool {
        let hit = &self.hits[i];
        let rules = &self.data.rules;
        let next = next_word(self.text, hit.end);
        let prev = prev_word(self.text, hit.start);
        if let Some(words) = rules.not_before.get(surface) {
            if next.is_some_and(|w| words.iter().any(|x| **x == *w)) {
                return false;
            }
        }
        if let Some(words) = rules.not_after.get(surface) {
            if let Some(p) = prev {
                let bare = p.trim_end_matches(|c: char| !entente_text::is_alphanumeric(c));
                if words.iter().any(|x| **x == *p || **x == *bare) {
                    return false;
                }
            }
        }
        if let Some(words) = rules.not_near.get(surface) {
            let (s, e) = self.sentence(hit.start, hit.end);
            let sentence = &self.text[s..e];
            if words.iter().any(|w| contains_word(sentence, w)) {
                return false;
            }
        }
        if rules.firstname.iter().any(|x| **x == *surface) {
            // "Chad Smith": a capitalised word that names nothing follows.
            let after = &self.text[hit.end..];
            if after.starts_with(' ')
                && after[1..].chars().next().is_some_and(char::is_uppercase)
                && !(i + 1 < self.hits.len() && self.hits[i + 1].start == hit.end + 1)
                && !self.in_capitals(hit.start, hit.end)
            {
                return false;
            }
        }
        if rules.not_allcaps.iter().any(|x| **x == *surface) && self.in_capitals(hit.start, hit.end) {
            return false;
        }
        if rules.hyphen_only.iter().any(|x| **x == *surface) {
            // "Sino-Japanese": the combining form, a hyphen, and a word.
            let mut after = self.text[hit.end..].chars();
            if !(after.next() == Some('-') && after.next().is_some_and(char::is_alphabetic)) {
                return false;
            }
        }
        true
    }

    /// Emits a named actor, folding in a title, a body or a parenthesis around it.
    fn named(&mut self, i: usize, named: Named) -> usize {
        let hit = self.hits[i];
        let text = self.text;
        // "GTIB (Israel)": a body whose state is given in parentheses.
        if named.role == MentionRole::Name && text[..hit.start].ends_with('(') && text[hit.end..].starts_with(')') {
            let open = hit.start - 1;
            if let Some(start) = body_name_before(text, open) {
                if !self.overlaps_previous(start) {
                    self.push(start, hit.end + 1, named.actor, MentionRole::Body, None);
                    return i + 1;
                }
            }
        }
        // The end of a modifier: "Israeli", "Israel's", "Israel".
        let after_mod = if named.role == MentionRole::Name {
            let rest = &text[hit.end..];
            if rest.starts_with("'s ") || rest.starts_with("\u{2019}s ") {
                hit.end + rest.find(' ').unwrap_or(0)
            } else {
                hit.end
            }
        } else {
            hit.end
        };
        let possessive = after_mod > hit.end;
        // Only a state has offices here: "UN ambassador" is some state's envoy to the UN.
        let state = matches!(self.data.actors[named.actor as usize].kind, ActorKind::State | ActorKind::FormerState);
        let modifier = state && matches!(named.role, MentionRole::Adjective | MentionRole::Name);
        // "Kazakh Prime Minister Sergei Tereschenko", "the Iranian foreign minister".
        if modifier && self.adjacent(after_mod, i + 1) {
            if let Some(office) = self.title_of(i + 1) {
                // "Robert Dunne, Canada's deputy chief of delegation": the person before the comma.
                self.titled_apposition(hit.start, possessive, named.actor, office);
                return self.office(i + 1, hit.start, named.actor, office);
            }
        }
        if modifier && !possessive {
            // "Kuwait Petroleum Corp", "Korea Electric Power Corp": a name that carries its state.
            if let Some((end, kind)) = self.carried_name(i) {
                let agent = Agent { name: text[hit.start..end].to_string().into(), kind };
                self.push_agent(hit.start, end, named.actor, MentionRole::Body, None, Some(agent));
                return self.next_after(end, i + 1);
            }
        }
        if state && named.role == MentionRole::Name && !possessive {
            // "EVA of Taiwan": a capitalised name before "of" and the state.
            if let Some(start) = text[..hit.start].strip_suffix(" of ").and_then(|h| self.owned_name_before(h.len())) {
                self.introduce(start, hit.end, start..hit.start - 4, named.actor, None);
                return i + 1;
            }
        }
        if modifier {
            let body = self.body_after(i, after_mod);
            // "Bezeq, the Israeli telecommunication company", "Statoil, Norway's state oil
            // company": the company before the comma.
            if let Some((_, BodyClass::Company)) = body {
                let stem = if possessive { text[..hit.start].strip_suffix(", ") } else { None };
                let start = match stem {
                    Some(stem) => body_name_before(text, stem.len()),
                    None if named.role == MentionRole::Adjective => appositive_before(text, hit.start),
                    None => None,
                };
                if let Some(start) = start {
                    if !self.overlaps_previous(start) {
                        let end = name_end(text, start, &self.data.rules.not_name);
                        self.introduce(start, end, start..end, named.actor, Some(ActorKind::Company));
                    }
                }
            }
            if let Some((j, class)) = body {
                // "Japanese carmaker Nissan": an organisation of the gazetteer after the noun.
                if matches!(class, BodyClass::Company | BodyClass::Agency) && self.adjacent(self.hits[j].end, j + 1) {
                    if let Some(org) =
                        self.name(j + 1).filter(|n| n.role == MentionRole::Body && n.actor == named.actor)
                    {
                        let agent = org.agent.map(|(kind, name)| Agent { name: name.into(), kind });
                        let end = self.hits[j + 1].end;
                        self.push_agent(hit.start, end, named.actor, MentionRole::Body, None, agent);
                        return j + 2;
                    }
                }
                let noun_start = self.hits[j].start;
                let noun_end = self.hits[j].end;
                // "Japanese carmaker Nissan", "German regulator BaFin": the name after the noun.
                let name_after = || {
                    let rest = &text[noun_end..];
                    if rest.starts_with(' ')
                        && rest[1..].chars().next().is_some_and(char::is_uppercase)
                        && !(j + 1 < self.hits.len() && self.hits[j + 1].start == noun_end + 1)
                    {
                        Some(name_end(text, noun_end + 1, &self.data.rules.not_name)).filter(|&e| e > noun_end + 1)
                    } else {
                        None
                    }
                };
                let (end, name, kind) = match class {
                    BodyClass::Ministry => {
                        let end = of_phrase_end(text, noun_end, &self.data.rules.not_name);
                        (end, Some(noun_start..end), Some(ActorKind::Ministry))
                    }
                    BodyClass::Body => (noun_end, None, None),
                    BodyClass::Agency => match name_after() {
                        Some(end) => (end, Some(noun_end + 1..end), Some(ActorKind::Agency)),
                        None => (noun_end, None, Some(ActorKind::Agency)),
                    },
                    BodyClass::Company => match name_after() {
                        Some(end) => (end, Some(noun_end + 1..end), Some(ActorKind::Company)),
                        None => (0, None, None),
                    },
                };
                if end > 0 {
                    match (name, kind) {
                        (Some(name), Some(kind)) if class != BodyClass::Ministry => {
                            self.introduce(hit.start, end, name, named.actor, Some(kind))
                        }
                        (name, kind) => {
                            let agent = kind.map(|kind| Agent {
                                name: text[name.unwrap_or(noun_start..noun_end)].to_string().into(),
                                kind,
                            });
                            self.push_agent(hit.start, end, named.actor, MentionRole::Body, None, agent)
                        }
                    }
                    return self.next_after(end, j + 1);
                }
            }
        }
        // "Germany's Siemens", "Canada's White": a name the state owns.
        if state && possessive && !self.in_capitals(hit.start, hit.end) {
            let at = after_mod + 1;
            let next_is_hit = i + 1 < self.hits.len() && self.hits[i + 1].start == at;
            if !next_is_hit && text[at..].chars().next().is_some_and(char::is_uppercase) {
                let end = name_end(text, at, &self.data.rules.not_name);
                if end > at && !is_place_name(&text[at..end]) {
                    self.introduce(hit.start, end, at..end, named.actor, None);
                    return self.next_after(end, i + 1);
                }
            }
        }
        let agent = named.agent.map(|(kind, name)| Agent { name: name.into(), kind });
        self.push_agent(hit.start, hit.end, named.actor, named.role, None, agent);
        i + 1
    }

    /// A person's name of two to three capitalised words before ", " and a state's possessive
    /// or ", the " and its adjective, followed by a title: the person holds that office, and
    /// the surname alone names them later.
    fn titled_apposition(&mut self, modifier_start: usize, possessive: bool, actor: u32, office: u32) {
        let text = self.text;
        let stem = if possessive {
            text[..modifier_start].strip_suffix(", ")
        } else {
            text[..modifier_start].strip_suffix(", the ")
        };
        let Some(start) = stem.and_then(|stem| body_name_before(text, stem.len())) else { return };
        let end = name_end(text, start, &self.data.rules.not_name);
        let name = &text[start..end];
        if end > modifier_start || name.split(' ').count() < 2 || self.overlaps_previous(start) || is_place_name(name) {
            return;
        }
        let info = PersonInfo {
            name: name.to_string(),
            office: self.data.offices[office as usize].to_string(),
            from: None,
            until: None,
        };
        self.note_titled(start..end, actor, &info);
        self.push(start, end, actor, MentionRole::Person, Some(info));
    }

    /// "Kuwait Petroleum Corp": the end of capitalised words after state hit `i` that end in a
    /// word of a company's or an agency's name, with the kind it gives.
    fn carried_name(&self, i: usize) -> Option<(usize, ActorKind)> {
        let end = self.hits[i].end;
        let rest = &self.text[end..];
        let next_is_hit = i + 1 < self.hits.len() && self.hits[i + 1].start == end + 1;
        if next_is_hit || !rest.starts_with(' ') || !rest[1..].chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let stop = name_end(self.text, end + 1, &self.data.rules.not_name);
        let name = &self.text[end + 1..stop];
        let last = name.rsplit(' ').next()?.trim_end_matches('.');
        let kind = if COMPANY_ENDS.contains(&last) {
            ActorKind::Company
        } else if AGENCY_ENDS.contains(&last) {
            ActorKind::Agency
        } else {
            return None;
        };
        Some((stop, kind))
    }

    /// The start of a capitalised name (one to three words) ending at byte `end`, before "of"
    /// and a state ("EVA of Taiwan"): not a place ("Gulf of Mexico"), not covered by a mention
    /// ("President Reagan of the United States"), and not a sentence's first word alone unless
    /// it has capitals inside ("Exports of Japan" is no name, "EVA of Taiwan" is).
    fn owned_name_before(&self, end: usize) -> Option<usize> {
        let start = body_name_before(self.text, end)?;
        let name = &self.text[start..end];
        let inner_capital = name.chars().skip(1).any(char::is_uppercase);
        if self.overlaps_previous(start)
            || is_place_name(name)
            || (sentence_start(self.text, start) && !inner_capital)
            || name.split(' ').any(|w| self.data.rules.not_name.contains(&w))
        {
            return None;
        }
        Some(start)
    }

    /// The first hit at or after `j` that starts at or after byte `end`.
    fn next_after(&self, end: usize, mut j: usize) -> usize {
        while j < self.hits.len() && self.hits[j].start < end {
            j += 1;
        }
        j
    }

    /// Whether one of the last mentions already covers byte `start` (mentions come in text
    /// order, give or take a body inserted before its adjective).
    fn overlaps_previous(&self, start: usize) -> bool {
        self.out.iter().rev().take(4).any(|m| m.end > start)
    }

    /// A body noun after modifier hit `i` (ending at byte `from`: "Israeli", "Norway's"), with
    /// at most a few plain words between; after a state's name, none of them a word that
    /// links clauses ("Israel said the company" names no Israeli company).
    fn body_after(&self, i: usize, from: usize) -> Option<(usize, BodyClass)> {
        let j = i + 1;
        let class = self.body_of(j)?;
        let gap = self.text.get(from..self.hits[j].start)?;
        if !gap.starts_with(' ') {
            return None;
        }
        if gap.contains('\n')
            || gap.split_whitespace().take(BODY_GAP_WORDS + 1).count() > BODY_GAP_WORDS
            || !gap.split_whitespace().all(|w| w.chars().all(|c| entente_text::is_alphabetic(c) || c == '-'))
        {
            return None;
        }
        if self
            .entries(i)
            .any(|e| matches!(e.cand, Cand::Name(r) if self.data.names[r as usize].role == MentionRole::Name))
            && gap.split_whitespace().any(|w| LINK_WORDS.contains(&w) || w.ends_with("ed"))
        {
            return None;
        }
        Some((j, class))
    }

    // ------------------------------------------------------------------ titles

    /// Notes the surname (the last word) of a name after a title, so that it alone names the
    /// person later: a word of a few letters, not an initial, and not one the rules say is no
    /// name or no surname ("May", "Monday").
    fn note_titled(&mut self, name: Range<usize>, actor: u32, info: &PersonInfo) {
        let text = &self.text[name.clone()];
        let start = text.rfind(' ').map_or(name.start, |k| name.start + k + 1);
        let surname = &self.text[start..name.end];
        let rules = &self.data.rules;
        if surname.chars().count() >= 3
            && surname.chars().next().is_some_and(char::is_uppercase)
            && surname.chars().all(|c| entente_text::is_alphabetic(c) || c == '-')
            && !rules.not_name.contains(&surname)
            && !rules.not_surname.contains(&surname)
        {
            self.titled.push(Titled { surname: start..name.end, actor, info: Some(info.clone()), agent: None });
        }
    }

    /// A title after a state's name or adjective: one mention through the holder's name.
    fn office(&mut self, t: usize, start: usize, actor: u32, office: u32) -> usize {
        let office_name = self.data.offices[office as usize].to_string();
        // With its portfolio, when one follows: "Minister for Trade Negotiations".
        let title_end = portfolio_end(self.text, self.hits[t].end, &self.data.rules.portfolio);
        // The first hit after the title (a portfolio may have covered some).
        let n = self.next_after(title_end, t + 1);
        // A known person after the title.
        if self.adjacent(title_end, n) {
            // The person of the title's state ("French President Emmanuel Macron", not the
            // co-prince of Andorra), else whom the name alone would give.
            let of_state = self.entries(n).find_map(|e| match e.cand {
                Cand::Person(p) | Cand::Surname(p) | Cand::Regnal(p)
                    if self.data.persons[p as usize].actor == actor
                        && self.data.persons[p as usize].term_at(&self.when).is_some() =>
                {
                    Some(p)
                }
                _ => None,
            });
            let p = if of_state.is_some() {
                of_state
            } else if self.has(n, |c| matches!(c, Cand::Person(_))) {
                self.full_person(n)
            } else if self.has(n, |c| matches!(c, Cand::Surname(_))) {
                self.surname(n)
            } else {
                None
            };
            if let Some(p) = p {
                let person = &self.data.persons[p as usize];
                if person.actor == actor {
                    let info = self.titled_info(p, &office_name);
                    self.remember(p);
                    let end = self.hits[n].end;
                    // The surname as this text spells it ("Tereschenko"), when the gazetteer
                    // lists another spelling.
                    self.note_titled(self.hits[n].start..end, actor, &info);
                    self.push(start, end, actor, MentionRole::Person, Some(info));
                    return n + 1;
                }
            }
        }
        // An unknown name after the title: "Kazakh Prime Minister Sergei Tereschenko". A name
        // the gazetteer knows only as someone's of another time or state is unknown here too:
        // "Japanese Finance Minister Kiichi Miyazawa" in 1987, whose record is his later term
        // as prime minister; "Soviet Foreign Minister Eduard Shevardnadze", Georgia's later.
        let rest = &self.text[title_end..];
        let next_is_hit = n < self.hits.len()
            && self.hits[n].start == title_end + 1
            && !self.entries(n).all(|e| matches!(e.cand, Cand::Person(_) | Cand::Surname(_) | Cand::Regnal(_)));
        if rest.starts_with(' ') && rest[1..].chars().next().is_some_and(char::is_uppercase) && !next_is_hit {
            let end = name_end(self.text, title_end + 1, &self.data.rules.not_name);
            if end > title_end + 1 {
                let name = self.text[title_end + 1..end].to_string();
                let info = PersonInfo { name, office: office_name, from: None, until: None };
                self.note_titled(title_end + 1..end, actor, &info);
                self.push(start, end, actor, MentionRole::Person, Some(info));
                return self.next_after(end, n);
            }
        }
        // The office alone: its holder at the date, when the gazetteer knows.
        let info = self.holder(actor, &office_name).unwrap_or(PersonInfo {
            name: String::new(),
            office: office_name,
            from: None,
            until: None,
        });
        self.push(start, title_end, actor, MentionRole::Office, Some(info));
        n
    }

    /// "the President of Kazakhstan": a title before "of" and a state.
    fn title_of_state(&mut self, i: usize, office: u32) -> usize {
        let end = self.hits[i].end;
        if self.text[end..].starts_with(" of ") && self.adjacent(end + 3, i + 1) {
            if let Some(named) = self.name(i + 1) {
                if named.role == MentionRole::Name {
                    let office_name = self.data.offices[office as usize].to_string();
                    let info = self.holder(named.actor, &office_name).unwrap_or(PersonInfo {
                        name: String::new(),
                        office: office_name,
                        from: None,
                        until: None,
                    });
                    let start = self.hits[i].start;
                    let stop = self.hits[i + 1].end;
                    self.push(start, stop, named.actor, MentionRole::Office, Some(info));
                    return i + 2;
                }
            }
        }
        // "president Nursultan Abish-uly Nazarbayev": a name the gazetteer lacks in full whose
        // last word is an office holder's surname.
        let rest = &self.text[end..];
        let next_is_person =
            self.adjacent(end, i + 1) && self.has(i + 1, |c| matches!(c, Cand::Person(_) | Cand::Surname(_)));
        if rest.starts_with(' ') && rest[1..].chars().next().is_some_and(char::is_uppercase) && !next_is_person {
            let name_stop = name_end(self.text, end + 1, &self.data.rules.not_name);
            let name = &self.text[end + 1..name_stop];
            if let Some(last) = name.rsplit([' ', '-']).next().filter(|_| name.contains(' ')) {
                if let Some(p) = self.surname_of(last) {
                    let office_name = &*self.data.offices[office as usize];
                    let info = self.titled_info(p, office_name);
                    let actor = self.data.persons[p as usize].actor;
                    let start = self.hits[i].start;
                    self.push(start, name_stop, actor, MentionRole::Person, Some(info));
                    return self.next_after(name_stop, i + 1);
                }
            }
        }
        i + 1
    }

    /// The one office holder of this surname at the date (or known from earlier in the text).
    fn surname_of(&self, word: &str) -> Option<u32> {
        let &pat = self.data.pattern_index.get(crate::gazetteer::person_key(word).as_str())?;
        let cands: Vec<u32> = self.data.patterns[pat as usize]
            .iter()
            .filter_map(|e| match e.cand {
                Cand::Surname(p) => Some(p),
                _ => None,
            })
            .collect();
        if let Some(&p) = self.seen.iter().rev().find(|p| cands.contains(p)) {
            return Some(p);
        }
        self.unique_in_office(&cands)
    }

    /// A person's office as a title in the text names it, with the gazetteer's dates when its
    /// record is of that office.
    fn titled_info(&self, p: u32, office: &str) -> PersonInfo {
        let person = &self.data.persons[p as usize];
        let of_office = person.terms.iter().filter(|t| t.office == office);
        let term = of_office
            .clone()
            .find(|t| t.period.overlaps(&self.when))
            .or_else(|| of_office.filter(|t| t.period.started_by(&self.when)).max_by_key(|t| t.period.from));
        match term {
            Some(t) => PersonInfo {
                name: person.name.to_string(),
                office: office.to_string(),
                from: non_empty(t.from),
                until: non_empty(t.until),
            },
            None => PersonInfo { name: person.name.to_string(), office: office.to_string(), from: None, until: None },
        }
    }

    /// Who held an office of a state at the article's date.
    fn holder(&self, actor: u32, office: &str) -> Option<PersonInfo> {
        if self.when == Period::ANY {
            return None;
        }
        let persons = self.data.by_actor.get(actor as usize)?;
        for &p in persons {
            let person = &self.data.persons[p as usize];
            for t in &person.terms {
                if t.office == office && t.period.overlaps(&self.when) {
                    return Some(PersonInfo {
                        name: person.name.to_string(),
                        office: t.office.to_string(),
                        from: non_empty(t.from),
                        until: non_empty(t.until),
                    });
                }
            }
        }
        None
    }

    // ------------------------------------------------------------------ persons

    fn person_info(&self, p: u32) -> PersonInfo {
        let person = &self.data.persons[p as usize];
        match person.term_at(&self.when).or_else(|| person.terms.first()) {
            Some(t) => PersonInfo {
                name: person.name.to_string(),
                office: t.office.to_string(),
                from: non_empty(t.from),
                until: non_empty(t.until),
            },
            None => PersonInfo { name: person.name.to_string(), office: String::new(), from: None, until: None },
        }
    }

    /// The person a full name or alias stands for: one whose office had begun by the date;
    /// among several, one whose state the article already named.
    fn full_person(&self, i: usize) -> Option<u32> {
        let mut best: Option<(u32, (bool, bool, usize))> = None;
        for e in self.entries(i) {
            let Cand::Person(p) = e.cand else { continue };
            let person = &self.data.persons[p as usize];
            if person.term_at(&self.when).is_none() {
                continue;
            }
            // Prefer an office held at the date over one held before ("Mark Rutte" is NATO's
            // in 2025, no longer the Netherlands'), then a state the article has named, then
            // the state with more office holders (France over Andorra for its co-prince, the UK
            // over the other realms).
            let in_office = person.terms.iter().any(|t| t.period.overlaps(&self.when));
            let rank = (in_office, self.named_before(person), self.data.by_actor[person.actor as usize].len());
            if best.is_none_or(|(_, r)| rank > r) {
                best = Some((p, rank));
            }
        }
        best.map(|(p, _)| p)
    }

    fn named_before(&self, person: &Person) -> bool {
        let code = &self.data.actors[person.actor as usize].code;
        self.out.iter().rev().take(LOOKBACK).any(|m| &m.code == code)
    }

    /// A surname that follows the same person's full name earlier in the article.
    fn seen_surname(&self, i: usize) -> Option<u32> {
        if self.seen.is_empty() {
            return None;
        }
        for e in self.entries(i) {
            if let Cand::Surname(p) = e.cand {
                if self.seen.contains(&p) && self.surname_context(i) {
                    return Some(p);
                }
            }
        }
        None
    }

    /// A surname alone: the person named before in full, else the only state whose office
    /// holders of that surname were in office at the date.
    fn surname(&self, i: usize) -> Option<u32> {
        if !self.surname_context(i) {
            return None;
        }
        let mut cands: Vec<u32> = Vec::new();
        for e in self.entries(i) {
            if let Cand::Surname(p) = e.cand {
                if let Some(&s) = self.seen.iter().rev().find(|&&s| s == p) {
                    return Some(s);
                }
                cands.push(p);
            }
        }
        // Someone else of this surname named in full ("Tim Morrison"): the holder only if the
        // article has named the holder's state ("Ivanka Trump" leaves "Trump" the president's
        // in an article about the United States).
        let hit = &self.hits[i];
        if self.others.contains(&self.text[hit.start..hit.end])
            && !cands.iter().any(|&p| self.named_before(&self.data.persons[p as usize]))
        {
            return None;
        }
        // An undated article: every leader since 1980 was in office "then", and a surname that
        // many people bear ("Phillips", "Scott", "Davis") would be a head of government
        // somewhere; the surname alone names the holder only where the article has named the
        // holder's state.
        if self.when == Period::ANY {
            cands.retain(|&p| self.named_before(&self.data.persons[p as usize]));
        }
        // Holders of one surname in several states ("Obama": the US president, a prime
        // minister of Equatorial Guinea): the document's own states decide before the date
        // does, and then a former holder counts too ("the Obama administration" in 2019).
        let actor = |p: u32| self.data.persons[p as usize].actor;
        let several_states = cands.iter().any(|&p| actor(p) != actor(cands[0]));
        let named: Vec<u32> = if several_states {
            cands.iter().copied().filter(|&p| self.named_before(&self.data.persons[p as usize])).collect()
        } else {
            Vec::new()
        };
        if !named.is_empty() && named.iter().all(|&p| actor(p) == actor(named[0])) {
            return self.unique_in_office(&named).or_else(|| {
                named
                    .iter()
                    .copied()
                    .filter_map(|p| {
                        let t = self.data.persons[p as usize].terms.iter().filter(|t| t.period.started_by(&self.when));
                        t.map(|t| t.period.from).max().map(|from| (from, p))
                    })
                    .max()
                    .map(|(_, p)| p)
            });
        }
        self.unique_in_office(&cands)
    }

    /// Whether a monarch's title stands just before hit `i` ("King", "Emir", "Sultan").
    fn after_royal_title(&self, i: usize) -> bool {
        i > 0
            && self.adjacent(self.hits[i - 1].end, i)
            && self
                .title_of(i - 1)
                .is_some_and(|o| matches!(&*self.data.offices[o as usize], "king" | "queen" | "emir" | "sultan"))
    }

    /// Of these persons, the ones in office at the date (else those who left office shortly
    /// before it: "Netanyahu" a month after his term), when all are of one state.
    fn unique_in_office(&self, cands: &[u32]) -> Option<u32> {
        let within = |days: u32| -> Vec<u32> {
            cands
                .iter()
                .copied()
                .filter(|&p| {
                    self.data.persons[p as usize]
                        .terms
                        .iter()
                        .any(|t| t.period.started_by(&self.when) && t.period.distance(&self.when) <= days)
                })
                .collect()
        };
        let mut in_office = within(0);
        if in_office.is_empty() {
            in_office = within(RECENT_FORMER_DAYS);
        }
        let first = *in_office.first()?;
        let actor = self.data.persons[first as usize].actor;
        in_office.iter().all(|&p| self.data.persons[p as usize].actor == actor).then_some(first)
    }

    /// A surname is a person's only when no other capitalised name sits against it
    /// ("Jeb Bush", "Bush Street").
    fn surname_context(&self, i: usize) -> bool {
        let hit = &self.hits[i];
        if self.first_name_before(i).is_some() {
            return false;
        }
        let after = &self.text[hit.end..];
        if after.starts_with(' ') && after[1..].chars().next().is_some_and(char::is_uppercase) {
            let next_is_hit = i + 1 < self.hits.len() && self.hits[i + 1].start == hit.end + 1;
            if !next_is_hit {
                return false;
            }
        }
        true
    }

    /// The capitalised word just before hit `i` that makes it someone's full name ("Jeb" of
    /// "Jeb Bush"): not a title, an honorific, another form, or a sentence's first word.
    fn first_name_before(&self, i: usize) -> Option<&'a str> {
        let hit = &self.hits[i];
        let stripped = self.text[..hit.start].strip_suffix(' ')?;
        let prev_is_hit = i > 0 && self.hits[i - 1].end == hit.start - 1;
        if prev_is_hit || !stripped.chars().next_back().is_some_and(entente_text::is_alphabetic) {
            return None;
        }
        let word_start = stripped
            .rfind(|ch: char| !entente_text::is_alphanumeric(ch) && ch != '.' && ch != '-')
            .map_or(0, |k| k + stripped[k..].chars().next().map_or(1, char::len_utf8));
        let word = &self.text[word_start..stripped.len()];
        let honorific = self.data.rules.honorifics.contains(&word);
        (word.chars().next().is_some_and(char::is_uppercase) && !honorific && !sentence_start(self.text, word_start))
            .then_some(word)
    }

    /// Whether hit `i` is the surname of someone else than the office holders who bear it,
    /// named in full ("Tim Morrison", where the gazetteer's Morrison is Scott): every holder
    /// of the surname has another first name (one known by surname alone may be the one).
    fn someone_else_in_full(&self, i: usize) -> bool {
        let Some(first) = self.first_name_before(i) else { return false };
        self.entries(i).all(|e| match e.cand {
            Cand::Surname(p) => {
                let name = self.data.persons[p as usize].name;
                name.contains(' ') && !name.split(' ').any(|w| w == first)
            }
            _ => true,
        })
    }

    /// Emits a person mention, taking in a title just before it ("Prime Minister Yitzhak Rabin").
    fn person(&mut self, i: usize, p: u32) -> usize {
        let mut start = self.hits[i].start;
        let mut title = None;
        if i > 0 && self.adjacent(self.hits[i - 1].end, i) {
            if let Some(office) = self.title_of(i - 1) {
                let t = &self.hits[i - 1];
                if !self.out.iter().rev().take(2).any(|m| m.end > t.start) {
                    start = t.start;
                    title = Some(&*self.data.offices[office as usize]);
                }
            }
        }
        if self.entries(i).any(|e| e.cand == Cand::Person(p)) {
            self.remember(p);
        }
        let info = match title {
            Some(office) => self.titled_info(p, office),
            None => self.person_info(p),
        };
        let actor = self.data.persons[p as usize].actor;
        let end = self.hits[i].end;
        self.push(start, end, actor, MentionRole::Person, Some(info));
        i + 1
    }

    // ------------------------------------------------------------------ coreference

    fn coref(&mut self, i: usize, n: u8) {
        let hit = self.hits[i];
        let phrase = self.text[hit.start..hit.end].to_ascii_lowercase();
        // "the alliance" after an alliance's own name points to it.
        if phrase.ends_with("alliance") {
            if let Some(m) = self.out.last() {
                if m.kind == ActorKind::Igo && matches!(&*m.code, "NATO" | "CSTO" | "WARSAW_PACT") {
                    let m = m.clone();
                    self.out.push(Mention {
                        start: hit.start,
                        end: hit.end,
                        role: MentionRole::Coreference,
                        person: None,
                        agent: None,
                        ..m
                    });
                    return;
                }
            }
        }
        // States named earlier in the phrase's own sentence: "the alliance between the two
        // countries" names them there; "Israeli investors in both countries" names the one
        // acting on the two, which are then the ones named before.
        let (sentence_start, _) = self.sentence(hit.start, hit.end);
        let skip = self.out.len().saturating_sub(LOOKBACK);
        let states: Vec<&Mention> = self.out[skip..]
            .iter()
            .filter(|m| {
                matches!(m.kind, ActorKind::State | ActorKind::FormerState)
                    && m.start < hit.start
                    && m.role != MentionRole::Coreference
            })
            .collect();
        let mut in_sentence: Vec<&str> = Vec::new();
        for m in states.iter().rev().take_while(|m| m.start >= sentence_start) {
            if !in_sentence.contains(&&*m.code) {
                in_sentence.push(&m.code);
            }
        }
        let exclude: Vec<&str> = if n == 2 && in_sentence.len() == 1 { in_sentence.clone() } else { Vec::new() };
        let mut picked: Vec<Mention> = Vec::new();
        for pass in 0..2 {
            picked.clear();
            for m in states.iter().rev() {
                if pass == 0 && exclude.contains(&&*m.code) {
                    continue;
                }
                if picked.iter().any(|p| p.code == m.code) {
                    continue;
                }
                picked.push((*m).clone());
                if picked.len() == n as usize {
                    break;
                }
            }
            if picked.len() == n as usize {
                break;
            }
        }
        if picked.len() < n as usize {
            return;
        }
        picked.reverse();
        for m in picked {
            self.out.push(Mention {
                start: hit.start,
                end: hit.end,
                role: MentionRole::Coreference,
                person: None,
                agent: None,
                ..m
            });
        }
    }
}

/// Whether a capitalised name names a place or the state itself rather than an organisation.
/// Whether a Romance name particle, itself after a capitalised word, stands just before
/// `start`: a capital there ends a person's or an institution's name ("Miguel de la Madrid",
/// "Banco de Lima"), not the government's seat.
fn after_name_particle(text: &str, start: usize) -> bool {
    const PARTICLES: [&str; 9] = ["de", "del", "da", "do", "dos", "das", "du", "di", "la"];
    let mut rest = &text[..start];
    let mut particles = 0;
    while let Some(before) = rest.strip_suffix(' ') {
        let word_start = before.rfind(' ').map_or(0, |k| k + 1);
        let word = &before[word_start..];
        if PARTICLES.contains(&word) {
            particles += 1;
            rest = &before[..word_start];
            continue;
        }
        return particles > 0 && word.chars().next().is_some_and(char::is_uppercase);
    }
    false
}

fn is_place_name(name: &str) -> bool {
    name.split([' ', '-']).any(|w| PLACE_WORDS.contains(&w))
}

/// Whether the word at `start..end` joins a capitalised word before or after it ("White
/// House", "Jack White"), unless the one before begins a sentence.
fn in_longer_name(text: &str, start: usize, end: usize) -> bool {
    let capital_after = text[end..].strip_prefix(' ').is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase));
    let before = text[..start].strip_suffix(' ').filter(|_| !sentence_start(text, start));
    let capital_before = before.is_some_and(|b| {
        let w = b.rsplit(' ').next().unwrap_or(b);
        let ws = b.len() - w.len();
        w.chars().next().is_some_and(char::is_uppercase) && !sentence_start(text, ws)
    });
    capital_after || capital_before
}

/// The largest character boundary of `text` at or before `at` (the end if past it).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// The whitespace-delimited word after byte `end` (trailing punctuation removed).
fn next_word(text: &str, end: usize) -> Option<&str> {
    let rest = text[end..].strip_prefix(' ')?;
    let w = rest.split_whitespace().next()?;
    Some(w.trim_end_matches(|c: char| !entente_text::is_alphanumeric(c)))
}

/// The whitespace-delimited word before byte `start`.
fn prev_word(text: &str, start: usize) -> Option<&str> {
    let before = text[..start].strip_suffix(' ')?;
    before.split_whitespace().next_back()
}

/// Whether `start` begins a sentence (or the text, or a line).
fn sentence_start(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '"', '\'', '(', '\u{201C}']);
    match before.chars().next_back() {
        None => true,
        // "Lt. Matt Harris": the period of a title does not end a sentence.
        Some('.') => {
            let head = &before[..before.len() - 1];
            // The letters after the last non-letter, which may be several bytes long.
            let from = head.char_indices().rev().find(|&(_, c)| !c.is_ascii_alphabetic());
            let word = &head[from.map_or(0, |(k, c)| k + c.len_utf8())..];
            !entente_text::is_title_abbreviation(word)
        }
        Some(c) => matches!(c, '!' | '?' | '\n' | ':' | ';' | '\u{2014}'),
    }
}

/// The bounds of the sentence around a span, roughly (to 300 bytes either side).
fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut s = start;
    let lo = start.saturating_sub(300);
    while s > lo {
        let Some(c) = text[..s].chars().next_back() else { break };
        if matches!(c, '.' | '!' | '?' | '\n') && text[s..].starts_with(' ') {
            break;
        }
        if c == '\n' {
            break;
        }
        s -= c.len_utf8();
    }
    let mut e = end;
    let hi = (end + 300).min(text.len());
    while e < hi {
        let Some(c) = text[e..].chars().next() else { break };
        e += c.len_utf8();
        if matches!(c, '!' | '?' | '\n') || (c == '.' && text[e..].starts_with(' ')) {
            break;
        }
    }
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    (s, e)
}

fn contains_word(hay: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(k) = hay[from..].find(word) {
        let s = from + k;
        let e = s + word.len();
        let ok_before = hay[..s].chars().next_back().is_none_or(|c| !entente_text::is_alphanumeric(c));
        let ok_after = hay[e..].chars().next().is_none_or(|c| !entente_text::is_alphanumeric(c));
        if ok_before && ok_after {
            return true;
        }
        from = s + word.len().max(1);
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
        if from >= hay.len() {
            break;
        }
    }
    false
}

/// Whether the text around a span is written in capitals (a headline).
fn in_capitals(text: &str, s: usize, e: usize) -> bool {
    // Stops at the first small letter, which in running text comes within a word or two.
    let mut letters = 0;
    for c in text[s..e].chars().filter(|&c| entente_text::is_alphabetic(c)) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters > 4
}

/// The end of a ministry's portfolio after a title that ends at `at`: " for Trade
/// Negotiations", " of State for Foreign Affairs", " for the Environment" (capitalised words of
/// the rules' portfolio list, joined by "and", "for", "of", "the"); `at` when none follows.
fn portfolio_end(text: &str, at: usize, portfolio: &[&str]) -> usize {
    let rest = &text[at..];
    let Some(after) = rest.strip_prefix(" for ").or_else(|| rest.strip_prefix(" of ")) else {
        return at;
    };
    let mut pos = text.len() - after.len();
    let mut end = at;
    for _ in 0..8 {
        let rest = &text[pos..];
        let len = rest.find(|c: char| !entente_text::is_alphabetic(c)).unwrap_or(rest.len());
        let word = &rest[..len];
        if portfolio.contains(&word) {
            end = pos + len;
        } else if !matches!(word, "and" | "for" | "of" | "the") {
            break;
        }
        pos += len;
        if !text[pos..].starts_with(' ') {
            break;
        }
        pos += 1;
    }
    end
}

/// The end of a proper name starting at `start`: capitalised words (with particles such as
/// "bin", "al", "de" between), at most four.
fn name_end(text: &str, start: usize, stop: &[&str]) -> usize {
    let mut end = start;
    let mut pos = start;
    let (mut words, mut tokens) = (0, 0);
    while words < 4 && tokens < 7 {
        let rest = &text[pos..];
        let w_len = rest
            .find(|c: char| !(entente_text::is_alphanumeric(c) || c == '-' || c == '.' || c == '&' || c == '\''))
            .unwrap_or(rest.len());
        if w_len == 0 {
            break;
        }
        let word = &rest[..w_len];
        let possessive = word.ends_with("'s");
        let w = word.strip_suffix("'s").unwrap_or(word).trim_end_matches(['.', '\'']);
        if stop.contains(&w) {
            break;
        }
        let capital = w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let particle = matches!(w, "bin" | "al" | "de" | "van" | "von" | "da" | "ibn");
        if !(capital || (particle && words > 0)) {
            break;
        }
        if capital {
            end = pos + w.len();
            words += 1;
        }
        tokens += 1;
        pos += w_len;
        if possessive || !text[pos..].starts_with(' ') {
            break;
        }
        pos += 1;
    }
    end
}

/// "Bezeq, the Israeli ...": the start of a capitalised name ending just before ", the ".
fn appositive_before(text: &str, adj_start: usize) -> Option<usize> {
    let before = &text[..adj_start];
    let stem = [", the ", ", an ", ", a "].iter().find_map(|p| before.strip_suffix(p))?;
    body_name_before(text, stem.len())
}

/// The start of a capitalised name (one to three words) ending at byte `end` (exclusive, one
/// space before it skipped), when one is there.
fn body_name_before(text: &str, end: usize) -> Option<usize> {
    let head = text.get(..end)?;
    let head = head.strip_suffix(' ').unwrap_or(head);
    let mut start = head.len();
    let mut words = 0;
    let mut cur = head;
    while words < 3 {
        let ws = cur
            .rfind(|c: char| !(entente_text::is_alphanumeric(c) || c == '-' || c == '&' || c == '.'))
            .map_or(0, |k| k + cur[k..].chars().next().map_or(1, char::len_utf8));
        let w = &cur[ws..];
        if w.is_empty() || !w.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        start = ws;
        words += 1;
        if ws == 0 || !cur[..ws].ends_with(' ') || sentence_start(text, ws) {
            break;
        }
        cur = &cur[..ws - 1];
    }
    (words > 0 && start < head.len()).then_some(start)
}

/// After "Ministry": " of Communication", " of Foreign Affairs and Trade".
fn of_phrase_end(text: &str, end: usize, stop: &[&str]) -> usize {
    let rest = &text[end..];
    let Some(tail) = rest.strip_prefix(" of ") else {
        if rest.starts_with(' ') && rest[1..].chars().next().is_some_and(char::is_uppercase) {
            // "Ministry" already ended in "of" ("Ministry of" matched).
        }
        return end;
    };
    let start = end + 4;
    if !tail.chars().next().is_some_and(char::is_uppercase) {
        return end;
    }
    let mut e = name_end(text, start, stop);
    // "of Communications and Information Technologies", but not "of Communication and GTIB
    // (Israel)": an acronym or a name with its own parenthesis after "and" is another body.
    while text[e..].starts_with(" and ") && text[e + 5..].chars().next().is_some_and(char::is_uppercase) {
        let next = name_end(text, e + 5, stop);
        let word = &text[e + 5..next];
        let acronym = word.len() > 1 && !word.chars().any(char::is_lowercase);
        if acronym || text[next..].starts_with(" (") {
            break;
        }
        e = next;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_after_a_character_of_several_bytes_is_read_without_a_panic() {
        // The word before the period is found from the last non-letter, here of two bytes.
        assert!(sentence_start("the deal\u{ae}. ", "the deal\u{ae}. ".len()));
        assert!(!sentence_start("\u{ae}Mr. ", "\u{ae}Mr. ".len()));
        assert!(sentence_start("fin\u{e9}. ", "fin\u{e9}. ".len()));
    }

    #[test]
    fn names_end_at_the_last_capitalised_word() {
        let t = "met Sergei Tereschenko in town";
        assert_eq!(&t[4..name_end(t, 4, &[])], "Sergei Tereschenko");
        let t = "met Bashar Assad Tuesday";
        assert_eq!(&t[4..name_end(t, 4, &["Tuesday"])], "Bashar Assad");
        let t = "met Sergei Tereschenko's aide";
        assert_eq!(&t[4..name_end(t, 4, &[])], "Sergei Tereschenko");
        let t = "Emir Tamim bin Hamad al Thani said";
        assert_eq!(&t[5..name_end(t, 5, &[])], "Tamim bin Hamad al Thani");
    }

    #[test]
    fn appositives_find_the_company() {
        let t = "Acme Telecom, the Ruritanian company";
        let adj = t.find("Ruritanian").unwrap();
        assert_eq!(appositive_before(t, adj), Some(0));
        let t = "it said, the Ruritanian company";
        let adj = t.find("Ruritanian").unwrap();
        assert_eq!(appositive_before(t, adj), None);
    }

    #[test]
    fn words_around() {
        assert_eq!(next_word("Turkey sandwich.", 6), Some("sandwich"));
        assert_eq!(prev_word("Atlanta, Georgia", 9), Some("Atlanta,"));
        assert!(contains_word("He flew to Atlanta today", "Atlanta"));
        assert!(!contains_word("Atlantans", "Atlanta"));
        assert!(sentence_start("Yes. Bush", 5));
        assert!(!sentence_start("said Bush", 5));
    }
}
