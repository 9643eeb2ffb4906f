//! The rules that turn a sentence's cues and actors into relations.
//!
//! For each trigger (a word or phrase of `data/lexicon/triggers.tsv`), inside its clause (the
//! stretch of the sentence between commas, semicolons, colons and dashes):
//! - **Pairs.** "between A and B", a compound ("an Israeli-Kazakh partnership", "the
//!   Israel-Azerbaijan alliance") or a coordinated subject of a symmetric trigger ("A and B
//!   signed") pair the actors among themselves. Otherwise the *left* actor is the nearest actor
//!   before the trigger that is not the object of a preposition (a subject, a possessor "Israel's
//!   provision", an adjective "Israeli companies"), with the actors coordinated with it ("the
//!   United States and the European Union"); the *right* actor is the nearest actor after it
//!   (an object, "to X", "with X", "from X", "X's economy"), with its coordinates.
//! - **Direction.** Forward triggers go left → right, reverse ones right → left ("imports ...
//!   from"), symmetric ones in the order named; an actor after "from" is the source; in the
//!   passive ("were sold to Baku by Israel") the actor after "by" is.
//! - **Not actors here:** "anti-X", a possessor of a place ("on Iran's borders"), "in X" unless
//!   the trigger takes a place (a visit, talks).
//! - **Sector:** fixed for some triggers (an embargo is sanctions); else the nearest strong sector
//!   word in the clause (weak words only when no strong one is near), where goods decide trade
//!   verbs only if they are energy or arms; else the trigger's default.
//! - **Modality:** the strongest cue before the trigger in its clause within the cue's reach:
//!   negated, then hypothetical, hoped, planned; none means actual. A refusal ("refused to",
//!   "would not") of a cooperative act makes it a rejection by the refuser, which happened.
//! - **Amounts** go to the nearest trigger in their clause; **times** to the triggers of their
//!   clause, or of the whole sentence when it opens with one ("In 2012, ...") or has only one.
//! - **Gapping:** a clause that starts with "and" and has an actor but no trigger repeats the
//!   previous trigger ("imports 40 percent ... from A, and 25 percent from B").

use std::borrow::Cow;
use std::collections::BTreeMap;

use entente_core::{
    ActorRef, Article, DateSource, EventType, Evidence, Explanation, Mention, MentionRole, Modality, PartKind,
    Polarity, Quantity, Relation, Sector, TimeSpan,
};

use crate::lexicon::{Direction, GateSlot, Lexicon, Trigger, WordClass};
use crate::time::Anchor;
use crate::tokens::{occurrences, tokenize, Occurrence, Token, WordSeq, Words};
use crate::{quantity, time};

const PREPOSITIONS: &[&str] = &[
    "with",
    "to",
    "from",
    "on",
    "against",
    "in",
    "of",
    "for",
    "at",
    "between",
    "by",
    "into",
    "over",
    "near",
    "across",
    "relative",
    "among",
    "toward",
    "towards",
    "than",
    "about",
    "inside",
    "within",
    "throughout",
];
const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "both", "other", "his", "her", "our", "all", "two"];
const PLACE_NOUNS: &[&str] = &[
    "border",
    "borders",
    "region",
    "regions",
    "territory",
    "territories",
    "soil",
    "coast",
    "coastline",
    "waters",
    "airspace",
    "shores",
    "frontier",
    "frontiers",
    "streets",
    "city",
    "cities",
    "province",
    "provinces",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "outskirts",
    "doorstep",
    "backyard",
];
const PASSIVE_AUX: &[&str] = &["was", "were", "is", "are", "been", "being", "be"];

/// A cue found in the sentence: token range and what it is.
struct Cue<T> {
    first: usize,
    end: usize,
    value: T,
}

struct Sentence<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    tokens: Vec<Token<'a>>,
    occ: Vec<Occurrence>,
    /// Clause id of each token.
    clause: Vec<usize>,
}

impl Sentence<'_> {
    /// The class `words.tsv` gives token `k`.
    fn class(&self, k: usize) -> Option<WordClass> {
        self.lexicon.class(&self.tokens[k].lower)
    }

    /// The preposition that governs an occurrence; a coordinated actor shares its group's
    /// ("with Baku and Astana": both are objects of "with").
    fn prep_before(&self, o: &Occurrence) -> Option<&str> {
        let k = self.occ.iter().position(|x| x.first == o.first).unwrap_or(0);
        let mut head = k;
        while head > 0 && self.coordinated(&self.occ[head - 1], &self.occ[head]) {
            head -= 1;
        }
        self.own_prep(&self.occ[head])
    }

    fn own_prep(&self, o: &Occurrence) -> Option<&str> {
        let mut i = o.first;
        while i > 0 {
            i -= 1;
            let t = &self.tokens[i];
            if DETERMINERS.contains(&t.lower()) {
                if self.tokens[i + 1].punct_before.is_some() {
                    return None;
                }
                continue;
            }
            if self.tokens[i + 1].punct_before.is_some() && i + 1 == o.first {
                return None;
            }
            return PREPOSITIONS.contains(&t.lower()).then_some(t.lower());
        }
        None
    }

    /// A possessor of a place ("Iran's borders") is a location, not an actor.
    fn is_place(&self, o: &Occurrence) -> bool {
        let next = self.tokens.get(o.last + 1).map(|t| t.lower()).unwrap_or("");
        (o.possessive && PLACE_NOUNS.contains(&next)) || matches!(next, "region" | "province" | "oblast")
    }

    /// Are occurrences `a` (earlier) and `b` coordinated: only "and", "or", ",", "&" and
    /// determiners between them?
    fn coordinated(&self, a: &Occurrence, b: &Occurrence) -> bool {
        // A comma that ends a clause ends the list too: "During the visit to Baku, Israel agreed".
        if b.first <= a.last || self.clause[a.last] != self.clause[b.first] {
            return false;
        }
        let between = &self.tokens[a.last + 1..b.first];
        if between.is_empty() {
            // "Baku, Astana" with a comma, or "Israeli-Kazakh" with a hyphen
            return self.tokens[b.first].punct_before == Some(',') || self.tokens[b.first].hyphen_before;
        }
        between.len() <= 3
            && between.iter().any(|t| matches!(t.lower(), "and" | "or" | "&"))
            && between.iter().all(|t| matches!(t.lower(), "and" | "or" | "&" | "the" | "both" | "with" | "other"))
            && !between.iter().any(|t| t.lower == "with")
    }

    /// The coordinated group around occurrence `k` (indices into `occ`).
    fn group(&self, k: usize) -> Vec<usize> {
        let mut lo = k;
        while lo > 0 && self.coordinated(&self.occ[lo - 1], &self.occ[lo]) {
            lo -= 1;
        }
        let mut hi = k;
        while hi + 1 < self.occ.len() && self.coordinated(&self.occ[hi], &self.occ[hi + 1]) {
            hi += 1;
        }
        (lo..=hi).filter(|&i| !self.occ[i].anti && !self.is_place(&self.occ[i])).collect()
    }
}

/// What one trigger produced before it becomes relations.
struct Found {
    trigger_first: usize,
    trigger_end: usize,
    trigger: Trigger,
    pairs: Vec<(usize, usize)>,
    rule: &'static str,
    sector: Sector,
    sector_cue: Option<String>,
    modality: Modality,
    modality_cue: Option<String>,
    confidence: f64,
    quantities: Vec<Quantity>,
    time: TimeSpan,
    /// The sector came from a word of the sentence or a fixed trigger, not a default.
    cued: bool,
}

/// The longest sentence, in bytes, that is read for relations. Longer "sentences" are lists,
/// tables or text without punctuation, not statements; pairing their mentions would cost time
/// quadratic in their length (hostile input: a megabyte with no period).
pub const MAX_SENTENCE_BYTES: usize = 4096;
/// The most actor mentions a sentence may hold to be read for relations (a sentence naming a
/// hundred states is a list, and pairing them is quadratic).
pub const MAX_SENTENCE_MENTIONS: usize = 64;

/// Which sentences are read for relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest sentence in bytes (default [`MAX_SENTENCE_BYTES`]).
    pub max_sentence_bytes: usize,
    /// Most actor mentions in one sentence (default [`MAX_SENTENCE_MENTIONS`]).
    pub max_sentence_mentions: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_sentence_bytes: MAX_SENTENCE_BYTES, max_sentence_mentions: MAX_SENTENCE_MENTIONS }
    }
}

impl Limits {
    /// How many of the article's relation-bearing sentences these limits pass over.
    pub fn passed_over(&self, article: &Article, mentions: &[Mention]) -> usize {
        let mut starts: Vec<usize> = mentions.iter().map(|m| m.start).collect();
        starts.sort_unstable();
        article
            .sentences()
            .filter(|(_, kind, _)| kind.carries_relations())
            .filter(|(_, _, span)| {
                let inside = starts.partition_point(|&s| s < span.end) - starts.partition_point(|&s| s < span.start);
                span.len() > self.max_sentence_bytes || inside > self.max_sentence_mentions
            })
            .count()
    }
}

/// Every relation that the article's body and caption sentences state (sentences over
/// [`MAX_SENTENCE_BYTES`] or [`MAX_SENTENCE_MENTIONS`] are passed over).
pub fn extract(article: &Article, mentions: &[Mention], lexicon: &Lexicon) -> Vec<Relation> {
    extract_with(article, mentions, lexicon, &Limits::default())
}

/// [`extract`] with other limits on the sentences read.
pub fn extract_with(article: &Article, mentions: &[Mention], lexicon: &Lexicon, limits: &Limits) -> Vec<Relation> {
    let anchor =
        article.date.as_ref().filter(|d| d.source != DateSource::Copyright).and_then(|d| Anchor::parse(&d.value));
    // Sector words per part, counted once and only for articles with a sentence to read.
    let mut counts: Vec<Option<BTreeMap<Sector, usize>>> = vec![None; article.parts.len()];
    let mut topic: Option<Option<Sector>> = None;
    let mut out = Vec::new();
    let mut part_topics: BTreeMap<usize, Option<Sector>> = BTreeMap::new();
    for (part, kind, span, inside) in relation_sentences(article, mentions, limits) {
        // The paragraph's own dominant sector, else the article's: counted only when a relation
        // asks for it (most sentences name their sector, or give no relation).
        let mut topic_here = || {
            let local = *part_topics
                .entry(part)
                .or_insert_with(|| dominant(part_counts(article, lexicon, &mut counts, part), 2, 3));
            local.or_else(|| *topic.get_or_insert_with(|| article_topic(article, lexicon, &mut counts)))
        };
        sentence_relations(article, kind, span.start, span.end, &inside, lexicon, (anchor, &mut topic_here), &mut out);
    }
    out
}

/// The sentences read for relations (body and captions, within the limits) that name at least
/// two distinct actors, with their mentions in order: the others yield nothing and are not read.
pub(crate) fn relation_sentences<'a>(
    article: &'a Article,
    mentions: &'a [Mention],
    limits: &'a Limits,
) -> impl Iterator<Item = (usize, PartKind, entente_core::Span, Vec<&'a Mention>)> + 'a {
    let mut sorted: Vec<&Mention> = mentions.iter().collect();
    sorted.sort_by_key(|m| (m.start, m.end));
    article.sentences().filter_map(move |(part, kind, span)| {
        if !kind.carries_relations() || span.len() > limits.max_sentence_bytes {
            return None;
        }
        let lo = sorted.partition_point(|m| m.start < span.start);
        let inside: Vec<&Mention> =
            sorted[lo..].iter().take_while(|m| m.start < span.end).filter(|m| m.end <= span.end).copied().collect();
        if inside.len() > limits.max_sentence_mentions {
            return None;
        }
        let mut codes: Vec<&str> = inside.iter().map(|m| &*m.code).collect();
        codes.sort_unstable();
        codes.dedup();
        (codes.len() >= 2).then_some((part, kind, span, inside))
    })
}

/// The article's topic: the sector whose strong words dominate its title and opening
/// paragraphs (the title counts twice), if one does. A trigger with no sector word of its own
/// takes it ("the two sides will continue talks" in an article about a trade row).
pub(crate) fn article_topic(
    article: &Article,
    lexicon: &Lexicon,
    counts: &mut [Option<BTreeMap<Sector, usize>>],
) -> Option<Sector> {
    let mut total: BTreeMap<Sector, usize> = BTreeMap::new();
    let mut body_parts = 0;
    for (i, p) in article.parts.iter().enumerate() {
        let weight = match p.kind {
            PartKind::Title => 2,
            PartKind::Body if body_parts < 3 => {
                body_parts += 1;
                1
            }
            _ => continue,
        };
        for (&sector, &n) in part_counts(article, lexicon, counts, i) {
            *total.entry(sector).or_default() += n * weight;
        }
    }
    dominant(&total, 3, 2)
}

/// The strong sector words of part `i`, counted the first time they are asked for.
pub(crate) fn part_counts<'c>(
    article: &Article,
    lexicon: &Lexicon,
    counts: &'c mut [Option<BTreeMap<Sector, usize>>],
    i: usize,
) -> &'c BTreeMap<Sector, usize> {
    let p = &article.parts[i];
    counts[i].get_or_insert_with(|| sector_counts(article, lexicon, p.start, p.end))
}

/// Strong sector words in `text[start..end]`.
fn sector_counts(article: &Article, lexicon: &Lexicon, start: usize, end: usize) -> BTreeMap<Sector, usize> {
    let mut counts = BTreeMap::new();
    let words = Words::of(&article.text, start, end);
    let mut i = 0;
    while i < words.count() {
        match lexicon.sectors.match_at(&words, i) {
            Some((c, n)) => {
                if c.strong {
                    *counts.entry(c.sector).or_default() += 1;
                }
                i += n;
            }
            None => i += 1,
        }
    }
    counts
}

/// The sector with the most words, if it has at least `min` and more than `fifths`/5 of all,
/// and no other sector has as many.
pub(crate) fn dominant(counts: &BTreeMap<Sector, usize>, min: usize, fifths: usize) -> Option<Sector> {
    let total: usize = counts.values().sum();
    let (&sector, &n) = counts.iter().max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))?;
    let tie = counts.iter().any(|(s, m)| *s != sector && *m == n);
    (n >= min && n * 5 > total * fifths && !tie).then_some(sector)
}

#[allow(clippy::too_many_arguments)]
fn sentence_relations(
    article: &Article,
    kind: PartKind,
    start: usize,
    end: usize,
    mentions: &[&Mention],
    lexicon: &Lexicon,
    (anchor, topic): (Option<Anchor>, &mut dyn FnMut() -> Option<Sector>),
    out: &mut Vec<Relation>,
) {
    let text = article.text.as_str();
    let mut tokens = tokenize(text, start, end);
    let occ = occurrences(&mut tokens, mentions);
    let mut clause = Vec::with_capacity(tokens.len());
    let mut c = 0;
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && matches!(t.punct_before, Some(',' | ';' | ':' | '\u{2014}')) {
            // A comma inside a list of actors ("A, B and C") does not end the clause.
            let list = t.punct_before == Some(',')
                && tokens[i - 1].actor.is_some()
                && t.actor.is_some_and(|k| {
                    let after = tokens.get(occ[k].last + 1);
                    after.is_some_and(|n| matches!(n.lower(), "and" | "or") || n.punct_before == Some(','))
                });
            // The serial comma of a list of three or more: "A, B, and C" (the actor before it
            // itself follows a comma and an actor, so "with Iran, and Russia said" still ends).
            let serial = t.punct_before == Some(',')
                && matches!(t.lower(), "and" | "or")
                && tokens[i - 1].actor.is_some_and(|k| {
                    let first = occ[k].first;
                    first > 0 && tokens[first].punct_before == Some(',') && tokens[first - 1].actor.is_some()
                })
                && tokens.get(i + 1).is_some_and(|n| {
                    n.actor.is_some() || (n.lower() == "the" && tokens.get(i + 2).is_some_and(|m| m.actor.is_some()))
                });
            if !list && !serial {
                c += 1;
            }
        } else if i > 0 && matches!(t.lower(), "but" | "whereas" | "although" | "though" | "while") {
            c += 1;
        }
        clause.push(c);
    }
    let s = Sentence { text, lexicon, tokens, occ, clause };

    // One pass for the cues.
    let mut triggers: Vec<Cue<Trigger>> = Vec::new();
    let mut sectors = Vec::new();
    let mut modals = Vec::new();
    let words = s.tokens.as_slice();
    for i in 0..s.tokens.len() {
        // No phrase begins in an actor; the three lexicons share the word's gate slot.
        let slot = s.tokens[i].actor.is_none().then(|| GateSlot::of(words.lower(i)));
        if let Some((t, n)) = slot.and_then(|g| lexicon.triggers.match_in_slot(words, i, g)) {
            if triggers.last().is_none_or(|p| p.end <= i) {
                triggers.push(Cue { first: i, end: i + n, value: t.clone() });
            }
        }
        if let Some((c, n)) = slot.and_then(|g| lexicon.sectors.match_in_slot(words, i, g)) {
            sectors.push(Cue { first: i, end: i + n, value: *c });
        }
        if let Some((m, n)) = slot.and_then(|g| lexicon.modality.match_in_slot(words, i, g)) {
            modals.push(Cue { first: i, end: i + n, value: *m });
        } else if s.tokens[i].raw(s.text).ends_with("n't") || s.tokens[i].raw(s.text).ends_with("n\u{2019}t") {
            // "won't", "wouldn't" refuse (reach 2, as "will not" in the lexicon); "didn't",
            // "can't" deny.
            let lower = words.lower(i);
            let refusal = lower.starts_with("won") || lower.starts_with("wouldn");
            let reach = if refusal { 2 } else { 5 };
            modals.push(Cue {
                first: i,
                end: i + 1,
                value: crate::lexicon::ModalityCue { modality: Modality::Negated, reach, refusal },
            });
        }
    }
    // "agreed to sell": the agreement is the modality of the sale.
    let modal_only: Vec<bool> = triggers
        .iter()
        .map(|t| {
            t.value.modal
                && s.tokens.get(t.end).is_some_and(|n| n.lower == "to")
                && triggers.iter().any(|u| u.first > t.end && u.first <= t.end + 3 && !u.value.none)
        })
        .collect();
    let mut found: Vec<Found> = Vec::new();
    let mut produced = vec![false; triggers.len()];
    // Where each trigger of an act stands, with its polarity (for the actor it claims).
    let others: Vec<(usize, entente_core::Polarity)> = triggers
        .iter()
        .enumerate()
        .filter(|(k, t)| !modal_only[*k] && !t.value.none)
        .map(|(_, t)| (t.first, t.value.event_type.polarity()))
        .collect();
    for (ti, trig) in triggers.iter().enumerate() {
        if modal_only[ti] || trig.value.none {
            continue;
        }
        // "relies on Russia for wheat" names the supplier right after "on"; "reliant on
        // exports to the US" leaves the exports their own relation.
        if trig.value.cued && s.tokens[trig.end - 1].lower == "on" {
            let next = s.tokens[trig.end..].iter().position(|t| !DETERMINERS.contains(&t.lower()));
            if next.is_none_or(|k| s.tokens[trig.end + k].actor.is_none()) {
                continue;
            }
        }
        // Two triggers close together with no actor between: the first governs ("continued to
        // oppose the deal", "signed a trade agreement with").
        // A modality cue between them ("signed a deal to buy") leaves the second its own.
        let near = |tj: usize, prev: &Cue<Trigger>| {
            !modal_only[tj]
                && !prev.value.none
                && prev.end <= trig.first
                && trig.first - prev.end <= 3
                && s.clause[prev.first] == s.clause[trig.first]
                && s.tokens[prev.end..trig.first].iter().all(|t| t.actor.is_none())
                && !triggers
                    .iter()
                    .enumerate()
                    .any(|(k, u)| modal_only[k] && u.first >= prev.end && u.end <= trig.first)
        };
        if triggers[..ti].iter().enumerate().any(|(tj, prev)| produced[tj] && near(tj, prev)) {
            continue;
        }
        let governed = triggers[..ti].iter().enumerate().any(|(tj, prev)| near(tj, prev));
        if let Some(f) = pairs_for(&s, trig, governed, &others) {
            let mut f = finish(&s, trig, f, &sectors, &modals);
            // A cued trigger needs a sector word of its own after it (the goods: "relies on
            // Russia for wheat", "sent troops"); its sector still follows the goods rule.
            let own_word = || {
                sectors.iter().any(|c| {
                    s.clause[c.first] == s.clause[trig.first] && c.first >= trig.end && c.first <= trig.end + 8
                })
            };
            if trig.value.cued && f.sector_cue.is_none() && !own_word() {
                continue;
            }
            // "Algeria cut gas supplies to Spain", "Indonesia banned palm oil exports to India":
            // trade stopped is pressure, not partnership; a ban is a sanction.
            if trig.value.goods {
                if let Some(ban) = stopped_by(&s, trig.first) {
                    f.trigger.event_type = EventType::Sanction;
                    f.trigger.mode = Some("discontinue");
                    if ban {
                        f.sector = Sector::Sanctions;
                    }
                }
            }
            // "Relations between A and B have soured", "strained ties with": a relationship
            // said to be worse is a rivalry.
            if f.trigger.event_type == EventType::Cooperate && soured(&s, trig) {
                f.trigger.event_type = EventType::Reject;
                f.trigger.mode = None;
            }
            produced[ti] = true;
            // A generic trigger in a sentence that names an organisation of one field is in that
            // field, as on the parse ("backed Chile's entry into the WTO": trade).
            if !f.cued && trig.value.sector == Sector::Diplomacy {
                let field =
                    s.occ.iter().flat_map(|o| o.codes()).find_map(|c| crate::coding::field_of(c).map(|f| (c, f)));
                if let Some((code, field)) = field {
                    f.sector = field;
                    f.sector_cue = Some(code.to_string());
                    f.cued = true;
                }
            }
            // A generic trigger (default diplomacy) with no sector word near takes the topic; a
            // relationship as a whole ("ties with X") does not.
            if !f.cued && trig.value.sector == Sector::Diplomacy && !trig.value.whole {
                if let Some(t) = topic() {
                    f.sector = t;
                    f.sector_cue = Some(format!("article topic: {t}"));
                }
            }
            found.push(f);
        }
    }
    // A relation whose sector is only a default is dropped when the sentence gives the same
    // pair a sector of its own.
    let keys: Vec<Vec<(String, String, entente_core::Polarity)>> = found
        .iter()
        .map(|f| {
            f.pairs
                .iter()
                .flat_map(|&(a, b)| {
                    let s = &s;
                    s.occ[a].codes().flat_map(move |x| {
                        s.occ[b].codes().map(move |y| {
                            let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
                            (lo.to_string(), hi.to_string(), f.trigger.event_type.polarity())
                        })
                    })
                })
                .collect()
        })
        .collect();
    let cued: Vec<bool> = found.iter().map(|f| f.cued).collect();
    let mut idx = 0;
    found.retain(|_| {
        let i = idx;
        idx += 1;
        cued[i] || !keys[i].iter().all(|k| (0..keys.len()).any(|j| j != i && cued[j] && keys[j].contains(k)))
    });
    gapping(&s, &triggers, &modal_only, &mut found, &sectors, &modals);
    if found.is_empty() {
        return;
    }
    let quantities = quantity::find(text, &s.tokens);
    let times = time::find(text, &s.tokens, anchor);

    // Amounts to the nearest trigger of their clause; from a clause with no relation and no
    // actor of its own ("..., purchasing close to 1.5 mln tonnes"), to the nearest before it.
    for q in &quantities {
        let c = s.clause[q.token];
        let own = found.iter().any(|f| s.clause[f.trigger_first] == c);
        let lone = !own && !s.occ.iter().any(|o| s.clause[o.first] == c);
        let best = found
            .iter_mut()
            .filter(|f| s.clause[f.trigger_first] == c || (lone && f.trigger_first < q.token))
            .min_by_key(|f| (f.trigger_first as isize - q.token as isize).unsigned_abs());
        if let Some(f) = best {
            f.quantities.push(q.quantity.clone());
        }
    }
    // Times to the triggers of their clause, else the sentence's opening or only time.
    let opening = times.iter().find(|t| {
        let c = s.clause[t.token];
        c == 0 && !s.occ.iter().any(|o| s.clause[o.first] == 0) && s.clause.last().is_some_and(|&l| l > 0)
    });
    for f in &mut found {
        let own = times
            .iter()
            .filter(|t| s.clause[t.token] == s.clause[f.trigger_first])
            .min_by_key(|t| (t.token as isize - f.trigger_first as isize).unsigned_abs());
        let chosen = own.or(opening).or(if times.len() == 1 { times.first() } else { None });
        if let Some(t) = chosen {
            f.time = t.span.clone();
        }
    }

    // Relations, one per pair and trigger, merged when the same.
    let mut merged: BTreeMap<(usize, Cow<'static, str>, Cow<'static, str>, Sector), Relation> = BTreeMap::new();
    for f in found {
        for &(a, b) in &f.pairs {
            for (sc, sn, sk) in &s.occ[a].actors {
                for (tc, tn, tk) in &s.occ[b].actors {
                    if sc == tc {
                        continue;
                    }
                    let key = (f.trigger_first, sc.clone(), tc.clone(), f.sector);
                    let coref = s.occ[a].role == MentionRole::Coreference || s.occ[b].role == MentionRole::Coreference;
                    let confidence = if coref { f.confidence - 0.1 } else { f.confidence };
                    let mut cues =
                        vec![text[s.tokens[f.trigger_first].start..s.tokens[f.trigger_end - 1].end].to_string()];
                    cues.extend(f.sector_cue.clone());
                    cues.extend(f.modality_cue.clone());
                    let rel = Relation {
                        doc: article.id.clone(),
                        source: sc.to_string(),
                        target: tc.to_string(),
                        sector: f.sector,
                        event_type: f.trigger.event_type,
                        mode: f.trigger.mode.map(str::to_string),
                        polarity: f.trigger.event_type.polarity(),
                        modality: f.modality,
                        quantities: f.quantities.clone(),
                        time: f.time.clone(),
                        source_actor: ActorRef { name: sn.to_string(), kind: *sk },
                        target_actor: ActorRef { name: tn.to_string(), kind: *tk },
                        evidence: Evidence { text: text[start..end].to_string(), start, end, part: kind },
                        confidence: (confidence * 100.0).round() / 100.0,
                        explain: Some(Explanation {
                            rule: format!(
                                "pairing rule {} (extract.rs); trigger triggers.tsv:{}",
                                f.rule, f.trigger.line
                            ),
                            cues,
                        }),
                    };
                    merged.entry(key).or_insert(rel);
                }
            }
        }
    }
    // The same link from two triggers of one sentence: keep the first, with all amounts.
    let mut seen: Vec<Relation> = Vec::new();
    for (_, r) in merged {
        if let Some(prev) = seen
            .iter_mut()
            .find(|p| p.source == r.source && p.target == r.target && p.sector == r.sector && p.polarity == r.polarity)
        {
            for q in r.quantities {
                if !prev.quantities.contains(&q) {
                    prev.quantities.push(q);
                }
            }
            if prev.time.start.is_none() && prev.time.end.is_none() {
                prev.time = r.time;
            }
            continue;
        }
        seen.push(r);
    }
    out.extend(seen);
}

/// The actor pairs a trigger binds (indices into the sentence's occurrences), the rule that
/// bound them and its confidence.
type Pairing = (Vec<(usize, usize)>, &'static str, f64);

/// The actor pairs of one trigger, by the rules in the module docs.
///
/// `others`: the first token and polarity of every trigger of an act in the sentence. An actor
/// after a trigger of the other polarity belongs to that one ("closer ties with the West despite
/// the war with Russia": Russia is the war's side, not the ties').
fn pairs_for(
    s: &Sentence<'_>,
    trig: &Cue<Trigger>,
    governed: bool,
    others: &[(usize, entente_core::Polarity)],
) -> Option<Pairing> {
    let t = &trig.value;
    let clause = s.clause[trig.first];
    let in_clause = |o: &Occurrence| s.clause[o.first] == clause || s.clause[o.last] == clause;

    // "between A and B" right after the trigger, or ending it ("trade between").
    let mut k = trig.end - 1;
    while k < s.tokens.len() && k <= trig.end + 2 && s.tokens[k].actor.is_none() {
        if matches!(s.tokens[k].lower(), "between" | "among") {
            if let Some(first) = s.occ.iter().position(|o| o.first > k && o.first <= k + 3) {
                let g = s.group(first);
                let pairs = all_pairs(s, &g);
                if !pairs.is_empty() {
                    return Some((pairs, "between", 0.85));
                }
            }
        }
        k += 1;
    }

    // Left: the nearest actor before the trigger in its clause that is not a prepositional
    // object, or an actor right before it that modifies it ("a European Community complaint").
    let modifier = |o: &Occurrence| {
        o.last < trig.first
            && trig.first - o.last <= 2
            && !o.possessive
            && s.tokens[o.last + 1..trig.first].iter().all(|t| {
                t.punct_before.is_none()
                    && !PREPOSITIONS.contains(&t.lower())
                    && !matches!(t.lower(), "and" | "or" | "but" | "nor")
            })
            && s.tokens[trig.first].punct_before.is_none()
    };
    let left = (0..s.occ.len()).rev().find(|&i| {
        let o = &s.occ[i];
        o.last < trig.first && in_clause(o) && !o.anti && !s.is_place(o) && (s.prep_before(o).is_none() || modifier(o))
    });
    // "called on Iran to help Y", "permission for Iran to buy", "permission to Iran to help Y":
    // the actor right before an infinitive's "to", under "on" or "for" (or "to" after a noun of
    // permission), is the infinitive's subject. Not "sent troops to Iran to fight Y", where the
    // sender fights.
    let controller = (trig.first >= 2 && s.tokens[trig.first - 1].lower() == "to")
        .then(|| s.occ.iter().position(|o| o.last + 2 == trig.first && in_clause(o) && !o.anti))
        .flatten()
        .filter(|&i| {
            let mut k = s.occ[i].first;
            while k > 0 && DETERMINERS.contains(&s.tokens[k - 1].lower()) {
                k -= 1;
            }
            let prep = k.checked_sub(1).map(|k| s.tokens[k].lower()).unwrap_or("");
            let noun = k.checked_sub(2).map(|k| s.tokens[k].lower()).unwrap_or("");
            matches!(prep, "on" | "for") || (prep == "to" && crate::coding::PERMISSION_NOUNS.contains(&noun))
        });
    let left = controller.or(left);
    // A relative clause ("Norway, which buys oil from ...") takes the actor before it.
    let clause_start = s.clause.iter().position(|&c| c == clause).unwrap_or(0);
    let relative = matches!(s.tokens[clause_start].lower(), "which" | "who" | "that" | "whose");
    let left = left.or_else(|| {
        if !relative || clause == 0 {
            return None;
        }
        (0..s.occ.len()).rev().find(|&i| {
            let o = &s.occ[i];
            s.clause[o.last] == clause - 1 && !o.anti && s.prep_before(o).is_none()
        })
    });
    // A verb phrase coordinated with the main one ("The EC claims ... but has been unsatisfied
    // with ...") shares the sentence's subject; so does a clause after an apposition ("The US
    // commander in Iraq, General David Petraeus, held talks with ...").
    let coordinated_vp = clause > 0 && matches!(s.tokens[clause_start].lower(), "but" | "and" | "yet");
    let mut fallback_subject = false;
    let left = left.or_else(|| {
        if clause == 0
            || (!coordinated_vp && opens_subordinate(s, clause))
            || s.occ.iter().any(|o| in_clause(o) && o.last < trig.first)
            || relative_before(s, clause_start, trig.first)
        {
            return None;
        }
        let subject = main_subject(s).filter(|&i| s.occ[i].last < trig.first && s.clause[s.occ[i].first] < clause);
        fallback_subject = subject.is_some() && !coordinated_vp;
        subject
    });
    // A compound right before a symmetric trigger: "an Israeli-Kazakh partnership".
    if let Some(l) = left {
        let o = &s.occ[l];
        if l > 0 && s.tokens[o.first].hyphen_before && s.occ[l - 1].last + 1 == o.first && trig.first - o.last <= 3 {
            return Some((vec![(l - 1, l)], "compound", 0.85));
        }
    }
    let left_group = left.map(|l| s.group(l)).unwrap_or_default();
    let left_group: Vec<usize> = left_group.into_iter().filter(|&i| s.occ[i].last < trig.first).collect();

    // Passive: "were sold to Baku by Israel", "corn bought recently by the Soviet Union".
    let by_follows = (trig.end..(trig.end + 3).min(s.tokens.len())).any(|k| s.tokens[k].lower == "by");
    let passive = trig.first >= 1
        && ((1..=2).any(|d| trig.first >= d && PASSIVE_AUX.contains(&s.tokens[trig.first - d].lower())) || by_follows)
        && (s.tokens[trig.first].lower.ends_with("ed")
            || matches!(
                s.tokens[trig.first].lower(),
                "sold"
                    | "given"
                    | "sent"
                    | "signed"
                    | "bought"
                    | "held"
                    | "struck"
                    | "shot"
                    | "fought"
                    | "made"
                    | "built"
                    | "lent"
            ));

    // Right: the nearest actor after the trigger in its clause.
    let mut right = None;
    let mut by_agent = None;
    for i in 0..s.occ.len() {
        let o = &s.occ[i];
        if o.first < trig.end || !in_clause(o) || o.anti || s.is_place(o) {
            continue;
        }
        if others.iter().any(|&(f, pol)| f >= trig.end && f < o.first && pol != t.event_type.polarity()) {
            continue;
        }
        let prep = s.prep_before(o);
        if passive && prep == Some("by") {
            // "killed by the Air France plane crash": an accident is no act of the actor that
            // names the vehicle; "killed by a French air strike" is.
            if accident_follows(s, o) {
                continue;
            }
            by_agent.get_or_insert(i);
            continue;
        }
        let at_target = (prep == Some("at") && force(t)) || (prep == Some("in") && o.possessive);
        if matches!(prep, Some("in" | "at" | "near" | "across" | "inside" | "within" | "throughout"))
            && !t.place
            && !at_target
        {
            continue;
        }
        // Goods go "to" a partner; troops sent "into" a country are an invasion, not a sale.
        if matches!(prep, Some("than" | "about" | "relative" | "over")) || (t.goods && prep == Some("into")) {
            continue;
        }
        // What is developed belongs to the other actor ("upgrading the Azeri telephone
        // system"), or is a link that runs to it ("build a power cable to Georgia").
        if t.dev && !(o.possessive || o.role == MentionRole::Adjective) {
            let link_to =
                matches!(prep, Some("to" | "into")) && (trig.end..o.first).any(|k| s.class(k) == Some(WordClass::Link));
            if !link_to {
                continue;
            }
        }
        // Sanctions fall on their target: "sanctions on X", "an embargo against X", "sanctioned X".
        // Ties are cut "with" the other side; an ambassador is recalled "from" it.
        let last = s.tokens[trig.end - 1].lower();
        let ties = matches!(last, "ties" | "relations") && prep == Some("with");
        let envoy = matches!(last, "ambassador" | "ambassadors" | "envoy") && prep == Some("from");
        if t.event_type == EventType::Sanction
            && !matches!(prep, None | Some("on" | "against" | "of" | "to"))
            && !ties
            && !envoy
            && !goods_from(s, trig.end, o)
        {
            continue;
        }
        if right.is_none() {
            right = Some(i);
        }
    }
    if passive {
        if let Some(agent) = by_agent {
            // The other actor: an object after the trigger, the subject, or the owner of what
            // the verb is about ("U.S. corn had been bought by ...").
            let other = right.or(left).or_else(|| {
                (0..s.occ.len()).rev().find(|&i| s.occ[i].last < trig.first && in_clause(&s.occ[i]) && !s.occ[i].anti)
            })?;
            let pair = if t.direction == Direction::Reverse { (other, agent) } else { (agent, other) };
            return Some((vec![pair], "passive", 0.8));
        }
    }
    let symmetric_like = t.direction == Direction::Symmetric || t.event_type == entente_core::EventType::Consult;
    // "Ukraine ... wants closer European Union links": with nothing after a symmetric trigger,
    // the actor modifying it is the partner and the owner stands further left.
    if right.is_none() && symmetric_like && !governed {
        // Not a list that opens the clause: "The US, Russia and Switzerland met" is a
        // coordinated subject.
        let opens_list = |l: usize| {
            let group = s.group(l);
            group.len() >= 2
                && (clause_start..s.occ[group[0]].first).all(|k| matches!(s.tokens[k].lower(), "the" | "both"))
        };
        if let Some(l) =
            left.filter(|&l| modifier(&s.occ[l]) && s.occ[l].role != MentionRole::Coreference && !opens_list(l))
        {
            let group = s.group(l);
            let owner = (0..l).rev().find(|&i| {
                let o = &s.occ[i];
                in_clause(o) && !o.anti && !s.is_place(o) && s.prep_before(o).is_none() && !group.contains(&i)
            });
            let owner = owner.or_else(|| main_subject(s).filter(|&m| m < l));
            if let Some(o) = owner {
                return Some((vec![(o, l)], "owner-modifier", 0.7));
            }
        }
    }
    let Some(r) = right else {
        // "China is Brazil's largest trading partner": a subject, a copula, and the possessor
        // of the trigger noun.
        if let Some(pair) = left.and_then(|l| copula_possessive(s, trig, l, in_clause)) {
            return Some((vec![pair], "copula-possessive", 0.8));
        }
        // "Germany and France agreed to jointly develop a fighter": done together, any
        // trigger relates the coordinated subject.
        let jointly = (trig.first.saturating_sub(2)..(trig.end + 1).min(s.tokens.len()))
            .any(|k| matches!(s.tokens[k].lower(), "jointly" | "together"));
        if jointly && !governed && !fallback_subject && left_group.len() >= 2 {
            let pairs = all_pairs(s, &left_group);
            if !pairs.is_empty() {
                return Some((pairs, "coordinated subject, jointly", 0.75));
            }
        }
        // "A and B signed an accord": a coordinated subject of a symmetric trigger.
        // Not for the object of another trigger ("oppose the deal") nor a subject borrowed from
        // another clause.
        if governed || fallback_subject {
            return None;
        }
        if symmetric_like && left_group.len() >= 2 {
            let pairs = all_pairs(s, &left_group);
            if !pairs.is_empty() {
                return Some((pairs, "coordinated subject", 0.75));
            }
        }
        if symmetric_like {
            if let Some(l) = left {
                if s.occ[l].actors.len() >= 2 {
                    return Some((all_pairs(s, &[l]), "plural subject", 0.7));
                }
            }
        }
        return None;
    };
    let right_group: Vec<usize> = s.group(r).into_iter().filter(|&i| s.occ[i].first >= trig.end).collect();
    // "tariffs on steel from Japan": the goods' origin is the sanction's target, not its source.
    let from = s.prep_before(&s.occ[r]) == Some("from")
        && !(t.event_type == EventType::Sanction && goods_from(s, trig.end, &s.occ[r]));
    let mut pairs = Vec::new();
    // "A and B held talks in C": where two sides met is the venue, not a third side.
    if symmetric_like && left_group.len() >= 2 && matches!(s.prep_before(&s.occ[r]), Some("in" | "at")) {
        let pairs = all_pairs(s, &left_group);
        return (!pairs.is_empty()).then_some((pairs, "coordinated subject", 0.75));
    }
    if left_group.is_empty() {
        // A plural actor after a symmetric trigger: "ties with both countries" has no pair, but
        // "relations of the two countries" does.
        if symmetric_like && s.occ[r].actors.len() >= 2 && matches!(s.prep_before(&s.occ[r]), Some("of")) {
            return Some((all_pairs(s, &[r]), "plural object", 0.7));
        }
        return None;
    }
    for &a in &left_group {
        for &b in &right_group {
            let reverse = match t.direction {
                Direction::Reverse => true,
                Direction::Forward => from,
                Direction::Symmetric => false,
            };
            pairs.push(if reverse { (b, a) } else { (a, b) });
        }
    }
    if symmetric_like && left_group.len() >= 2 && right_group.is_empty() {
        pairs.extend(all_pairs(s, &left_group));
    }
    let rule = match t.direction {
        _ if fallback_subject => "sentence subject-object",
        Direction::Forward => "subject-object",
        Direction::Reverse => "subject-object (reverse)",
        Direction::Symmetric => "subject-with-object",
    };
    Some((pairs, rule, if fallback_subject { 0.65 } else { 0.85 }))
}

/// Whether the noun phrase that occurrence `o` opens ends in a noun of accident ("the Air France
/// flight 447 crash"): up to four words after it, with no punctuation or preposition between.
fn accident_follows(s: &Sentence<'_>, o: &Occurrence) -> bool {
    let mut k = o.last + 1;
    while k < s.tokens.len() && k <= o.last + 4 {
        let t = &s.tokens[k];
        if t.punct_before.is_some() || t.actor.is_some() || PREPOSITIONS.contains(&t.lower()) {
            return false;
        }
        if crate::coding::ACCIDENT_NOUNS.contains(&t.lower()) {
            return true;
        }
        k += 1;
    }
    false
}

/// "China is Brazil's largest trading partner", "Norway was Britain's main supplier of gas":
/// the possessor `l` stands just before the trigger (adjectives between), and a subject stands
/// before it with only a copula between. Returns (source, target) by the trigger's direction.
fn copula_possessive(
    s: &Sentence<'_>,
    trig: &Cue<Trigger>,
    l: usize,
    in_clause: impl Fn(&Occurrence) -> bool,
) -> Option<(usize, usize)> {
    let p = &s.occ[l];
    let close = p.possessive
        && p.last < trig.first
        && trig.first - p.last <= 4
        && s.tokens[p.last + 1..=trig.first].iter().all(|t| t.actor.is_none() && t.punct_before.is_none());
    if !close || l == 0 {
        return None;
    }
    let subject = &s.occ[l - 1];
    if !in_clause(subject) || subject.anti || subject.possessive || s.prep_before(subject).is_some() {
        return None;
    }
    let between: Vec<&str> = s.tokens[subject.last + 1..p.first].iter().map(|t| t.lower()).collect();
    let copula = matches!(
        between.as_slice(),
        ["is" | "was" | "are" | "were" | "remains" | "remained" | "became" | "becomes"]
            | ["has" | "had" | "have", "become" | "been"]
            | ["is" | "was", "now" | "still" | "already" | "also"]
            | ["will", "be" | "become" | "remain"]
    );
    if !copula || s.tokens[p.first].punct_before.is_some() {
        return None;
    }
    Some(if trig.value.direction == Direction::Reverse { (l, l - 1) } else { (l - 1, l) })
}

/// A relation noun ("relations", "ties") with a word of deterioration just before it or
/// after its actors in the same clause ("strained ties", "relations ... have soured").
fn soured(s: &Sentence<'_>, trig: &Cue<Trigger>) -> bool {
    let noun = matches!(s.tokens[trig.end - 1].lower(), "relations" | "ties" | "relationship" | "links");
    if !noun {
        return false;
    }
    // "seeking to mend ties frayed by ...": what is being set right is no rivalry.
    if (trig.first.saturating_sub(3)..trig.first).any(|k| s.class(k) == Some(WordClass::Mend)) {
        return false;
    }
    let clause = s.clause[trig.first];
    let worse = |k: usize| s.class(k) == Some(WordClass::Worse);
    let before = (trig.first.saturating_sub(2)..trig.first).any(worse);
    let after = (trig.end..(trig.end + 10).min(s.tokens.len())).take_while(|&k| s.clause[k] == clause).any(worse);
    before || after
}

/// A verb that stops the trade named at token `at` ("cut gas supplies", "halted deliveries",
/// "banned palm oil exports"), up to three words before it with only the goods between:
/// `Some(true)` for a ban, `Some(false)` for a cut.
fn stopped_by(s: &Sentence<'_>, at: usize) -> Option<bool> {
    for k in (at.saturating_sub(3)..at).rev() {
        let t = &s.tokens[k];
        // "cut tariffs on exports" lowers a cost, not the trade; "cut its exports by half" may
        // be demand, not pressure: only a verb right on the goods counts.
        let in_between = t.actor.is_some()
            || s.tokens[k + 1].punct_before.is_some()
            || s.class(k) == Some(WordClass::Cost)
            || matches!(t.lower(), "the" | "its" | "their")
            || PREPOSITIONS.contains(&t.lower());
        if in_between {
            return None;
        }
        match s.class(k) {
            Some(WordClass::Ban) => return Some(true),
            Some(WordClass::Stop) => return Some(false),
            _ => {}
        }
    }
    None
}

/// Words that open a clause that is not the main one.
const SUBORDINATE: &[&str] = &[
    "as", "if", "while", "when", "after", "before", "since", "because", "although", "though", "which", "who", "that",
    "even", "unless", "whereas", "once", "until", "despite", "whose", "whether",
];

fn opens_subordinate(s: &Sentence<'_>, c: usize) -> bool {
    let first = s.clause.iter().position(|&x| x == c).unwrap_or(0);
    SUBORDINATE.contains(&s.tokens[first].lower())
}

/// "tariffs on steel from Japan": an actor after "from" where "on" stands between the trigger
/// and it, the origin of the goods a duty falls on.
fn goods_from(s: &Sentence<'_>, trigger_end: usize, o: &Occurrence) -> bool {
    s.prep_before(o) == Some("from") && (trigger_end..o.first).any(|k| s.tokens[k].lower() == "on")
}

/// Words after which "that" opens what was said, thought or known, not a relative clause.
const REPORTING: &str = "said says say saying announced added stated reported noted warned claimed argued insisted \
    believe believes believed think thinks thought hope hopes hoped expect expects expected know knows knew fear \
    fears feared suggest suggests suggested show shows showed mean means meant confirmed denied agreed so such now \
    given adding noting stressing explaining arguing warning claiming insisting announcing stating confirming \
    denying hoping believing";

/// Whether a relative pronoun stands between `from` and the trigger at `at` ("the militant
/// group that has seized parts of Iraq"): the trigger's subject is the noun before it, not an
/// actor of another clause.
fn relative_before(s: &Sentence<'_>, from: usize, at: usize) -> bool {
    (from.max(1)..at).any(|k| match s.tokens[k].lower() {
        "which" | "who" | "whose" => true,
        "that" => {
            let before = s.tokens[k - 1].lower();
            s.tokens[k].punct_before.is_none() && !REPORTING.split_whitespace().any(|w| w == before)
        }
        _ => false,
    })
}

/// The sentence's main subject: the first actor, not governed by a preposition, of the first
/// clause that holds an actor, unless that clause is subordinate ("As X ..., Y ...": then the
/// subject is not known without a parse).
fn main_subject(s: &Sentence<'_>) -> Option<usize> {
    let first = s.occ.iter().position(|o| !o.anti && !s.is_place(o) && s.prep_before(o).is_none())?;
    let c = s.clause[s.occ[first].first];
    if opens_subordinate(s, c)
        || (0..c).any(|k| opens_subordinate(s, k) && s.occ.iter().any(|o| s.clause[o.first] == k))
    {
        return None;
    }
    Some(first)
}

/// Every pair (in order of mention) among the actors of these occurrences.
fn all_pairs(s: &Sentence<'_>, group: &[usize]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (x, &a) in group.iter().enumerate() {
        if s.occ[a].actors.len() >= 2 {
            pairs.push((a, a));
        }
        for &b in &group[x + 1..] {
            pairs.push((a, b));
        }
    }
    pairs
}

fn finish(
    s: &Sentence<'_>,
    trig: &Cue<Trigger>,
    (pairs, rule, confidence): (Vec<(usize, usize)>, &'static str, f64),
    sectors: &[Cue<crate::lexicon::SectorCue>],
    modals: &[Cue<crate::lexicon::ModalityCue>],
) -> Found {
    let (sector, sector_cue, sure) = choose_sector(s, trig, sectors);
    let (mut modality, modality_cue, refusal) = choose_modality(s, trig.first, modals);
    let cued = trig.value.fixed || sector_cue.is_some() || force(&trig.value);
    let mut trigger = trig.value.clone();
    // "Israel refused to sell ...", "said it would not provide support to ...": a cooperative
    // act refused is a rejection (PLOVER's REJECT), and the refusal happened.
    // The one who refuses, the actor named first (the subject), is the source, whatever the
    // direction of the act refused ("Brazil won't buy wheat from Canada": BRA rejects CAN).
    let mut pairs = pairs;
    if refusal && trigger.event_type.polarity() == Polarity::Cooperative {
        trigger.mode = crate::cameo::refused_mode(trigger.event_type);
        trigger.event_type = EventType::Reject;
        modality = Modality::Actual;
        for p in &mut pairs {
            if s.occ[p.0].first > s.occ[p.1].first {
                *p = (p.1, p.0);
            }
        }
    }
    Found {
        trigger_first: trig.first,
        trigger_end: trig.end,
        trigger,
        pairs,
        rule,
        sector,
        sector_cue,
        modality,
        modality_cue,
        confidence: if sure { confidence } else { confidence - 0.1 },
        quantities: Vec::new(),
        time: TimeSpan::default(),
        cued,
    }
}

fn choose_sector(
    s: &Sentence<'_>,
    trig: &Cue<Trigger>,
    sectors: &[Cue<crate::lexicon::SectorCue>],
) -> (Sector, Option<String>, bool) {
    let t = &trig.value;
    if t.fixed {
        return (t.sector, None, true);
    }
    let clause = s.clause[trig.first];
    // Force is military (or security) whatever it hits, unless it is a cyber attack.
    if force(t) {
        let cyber = sectors.iter().find(|c| {
            c.value.sector == Sector::Cyber
                && s.clause[c.first] == clause
                && (c.end <= trig.first && trig.first - c.end <= 2 || c.first >= trig.end && c.first - trig.end <= 2)
        });
        return match cyber {
            Some(c) => {
                (Sector::Cyber, Some(s.text[s.tokens[c.first].start..s.tokens[c.end - 1].end].to_string()), true)
            }
            None => (t.sector, None, true),
        };
    }
    let distance = |c: &Cue<crate::lexicon::SectorCue>| {
        if c.end <= trig.first {
            trig.first - c.end
        } else {
            c.first.saturating_sub(trig.end)
        }
    };
    let usable = |c: &&Cue<crate::lexicon::SectorCue>| {
        s.clause[c.first] == clause
            && distance(c) <= 10
            // What is traded decides: oil, arms; troops or police sent are military or security.
            && (!t.goods
                || matches!(c.value.sector, Sector::Energy | Sector::Arms)
                || (matches!(c.value.sector, Sector::Military | Sector::Security) && c.first >= trig.end))
            && !(t.goods && c.first >= trig.first && c.end <= trig.end)
    };
    let pick = |strong: bool, max: usize| {
        sectors
            .iter()
            .filter(usable)
            .filter(|c| c.value.strong == strong && distance(c) <= max)
            .min_by_key(|c| (distance(c), c.first < trig.first))
    };
    let cue = pick(true, 10).or_else(|| pick(false, 5));
    match cue {
        Some(c) => {
            let words = s.text[s.tokens[c.first].start..s.tokens[c.end - 1].end].to_string();
            (c.value.sector, Some(words), c.value.strong)
        }
        None => (t.sector, None, t.goods),
    }
}

/// Triggers of force (attacks, deployments, arrests) keep their own sector.
fn force(t: &Trigger) -> bool {
    matches!(t.event_type, EventType::Assault | EventType::Mobilize | EventType::Coerce)
}

/// The modality of the trigger at `at`, the cue's text, and whether the cue is a refusal.
fn choose_modality(
    s: &Sentence<'_>,
    at: usize,
    modals: &[Cue<crate::lexicon::ModalityCue>],
) -> (Modality, Option<String>, bool) {
    let clause = s.clause[at];
    let mut best: Option<(u8, &Cue<crate::lexicon::ModalityCue>)> = None;
    for m in modals {
        if m.end > at {
            continue;
        }
        let reach_ok = m.value.reach == 0 || at - m.end <= m.value.reach;
        let same_clause = s.clause[m.first] == clause;
        // "if" reaches over commas to the end of its conditional clause only.
        if !same_clause || !reach_ok {
            continue;
        }
        let rank = match m.value.modality {
            Modality::Negated => 4,
            Modality::Hypothetical => 3,
            Modality::Hoped => 2,
            Modality::Planned => 1,
            Modality::Actual => 0,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, m));
        }
    }
    let cue_text =
        |m: &Cue<crate::lexicon::ModalityCue>| s.text[s.tokens[m.first].start..s.tokens[m.end - 1].end].to_string();
    match best {
        Some((_, m)) => {
            // "If the cable is completed, Georgia would export ...": a conditional modal in the
            // main clause of a sentence with a condition in another clause is hypothetical.
            let conditional_modal =
                m.end == m.first + 1 && matches!(s.tokens[m.first].lower(), "would" | "could" | "might");
            let condition = modals.iter().find(|c| {
                c.value.modality == Modality::Hypothetical && s.clause[c.first] != clause && c.value.reach == 0
            });
            match condition {
                Some(c) if conditional_modal => {
                    (Modality::Hypothetical, Some(format!("{} \u{2026} {}", cue_text(c), cue_text(m))), false)
                }
                _ => (m.value.modality, Some(cue_text(m)), m.value.refusal),
            }
        }
        None => (Modality::Actual, None, false),
    }
}

/// "Israel imports 40 percent of its oil from Azerbaijan, and 25 percent from Kazakhstan": a
/// clause opening with "and", with an actor but no trigger, repeats the last trigger.
fn gapping(
    s: &Sentence<'_>,
    triggers: &[Cue<Trigger>],
    modal_only: &[bool],
    found: &mut Vec<Found>,
    sectors: &[Cue<crate::lexicon::SectorCue>],
    modals: &[Cue<crate::lexicon::ModalityCue>],
) {
    let last_clause = s.clause.last().copied().unwrap_or(0);
    for c in 1..=last_clause {
        let Some(first) = s.clause.iter().position(|&x| x == c) else {
            continue;
        };
        if s.tokens[first].lower != "and" {
            continue;
        }
        if triggers.iter().enumerate().any(|(i, t)| !modal_only[i] && !t.value.none && s.clause[t.first] == c) {
            continue;
        }
        let Some(r) = s.occ.iter().position(|o| s.clause[o.first] == c && !o.anti) else {
            continue;
        };
        if !matches!(s.prep_before(&s.occ[r]), Some("from" | "to" | "with")) {
            continue;
        }
        // The previous clause's trigger and its left actor.
        let Some(prev) = found.iter().rev().find(|f| s.clause[f.trigger_first] == c - 1) else {
            continue;
        };
        let lefts: Vec<usize> = prev
            .pairs
            .iter()
            .flat_map(|&(a, b)| [a, b])
            .filter(|&i| s.clause[s.occ[i].first] < c && s.occ[i].last < prev.trigger_first)
            .collect();
        let Some(&l) = lefts.first() else { continue };
        let reverse = prev.trigger.direction == Direction::Reverse || s.prep_before(&s.occ[r]) == Some("from");
        let pair = if reverse { (r, l) } else { (l, r) };
        let trig = triggers.iter().find(|t| t.first == prev.trigger_first).expect("found comes from a trigger");
        let mut f = finish(s, trig, (vec![pair], "gapping", 0.7), sectors, modals);
        // The amounts and times of this clause attach to the repeated trigger here.
        f.trigger_first = first;
        f.trigger_end = first + 1;
        f.sector = prev.sector;
        f.sector_cue = prev.sector_cue.clone();
        found.push(f);
    }
}
