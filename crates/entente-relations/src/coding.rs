//! Events coded on a dependency parse (Universal Dependencies, EWT conventions).
//!
//! A predicate is a word the project's triggers know (verbs and event nouns, with their
//! direction and sector flags) or, failing that, a verb of the CAMEO dictionary whose pattern
//! or own code gives a PLOVER type. Its actors come from its arguments:
//! - `nsubj` (and `obl:agent` of a passive) is the agent; `nsubj:pass`, `obj`, `iobj` and an
//!   `obl`/`nmod` with its `case` ("to", "with", "against", "on"...) are the other side; "from"
//!   names the source of a reverse trigger ("imports oil from X"); "with", "between", "among"
//!   the partners of a symmetric one;
//! - an event noun takes `nmod:poss` and `nmod` with "by" as agent, `amod`/`compound` actors as
//!   parties ("the Israeli-Azerbaijani accord"), and the subject of the verb it is the object
//!   of ("X signed an accord with Y");
//! - an argument that is no actor itself names one through its possessor, adjective or compound
//!   ("Israel's state company", "Israeli firms", "the Azeri ministry"), its `appos`, or, as a
//!   relative pronoun, the noun its clause modifies; `conj` members share its role;
//! - a verb without a subject takes it from the verb it completes (`xcomp`: control and raising)
//!   or is coordinated with (`conj`), or from the noun of its relative clause;
//! - the verb that an `xcomp` completes gives the modality through `modality.tsv` ("agreed to":
//!   planned; "hopes to": hoped; "refused to": a rejection by the refuser), as do auxiliaries;
//!   `not`/`never` on the predicate or its auxiliaries make it negated, not a rejection;
//! - a verb of saying codes nothing itself (CAMEO 01 is no event); the clause it reports is
//!   coded as any other. A verb that is itself an event (accuse, demand) codes its own act.
//!   What the speaker says another must do is the speaker's demand on it, with the speaker
//!   before ("X said Y must ...") or after the clause ("Y must ..., X said");
//! - a "from"/"to" phrase that the parse hangs on the object, its "of" goods or a phrase of time
//!   is the predicate's ("bought jets from X", "900 tonnes of rice to X", "in May from X");
//! - a verb of opposition over an event noun ("opposed the deal with X") acts against the noun's
//!   partners and is no party to it; a hostile noun takes "on"/"against" from its light verb
//!   ("imposed sanctions on X");
//! - a noun names the actors it lists ("countries such as A and B"); authorities name the place
//!   they sit "in" ("regulators in Oslo"); "anti-X" and "pro-X" name no actor;
//! - gapping: a conjunct with no verb of its own and its own "to"/"from" phrase repeats the
//!   verb ("sold tanks to A and jets to B", "pledged $3 million to A and $2 million to B");
//! - an event noun with a participle of making takes its agent ("an accord reached by A, B and
//!   C": every pair); mediators ("brokered by A and B") are not one another's partners;
//! - a participle clause on a message, or on the verb that sends one ("sent a note to X
//!   protesting ...", "a telex to X calling for ..."), is the sender's act toward the addressee
//!   (`message_of`);
//! - "open" with a market, ports or airspace as its object gives another access: cooperation in
//!   trade (or, for airspace, the military), CAMEO 061;
//! - the mandative subjunctive ("insisted that Y lift") is a demand on the clause's subject;
//! - parser errors are mended first: a verb read as an adjective with a subject of its own heads
//!   its clause (`repair`); "due to" before a verb is "scheduled to" (`repair_due_to`); "as"
//!   before a noun and a verb opens a clause, not a prepositional phrase (`repair_as_clause`); a
//!   "by" phrase after an active verb's object is the object's, not a passive agent
//!   (`repair_active_agent`); a verb of intent read as a plural noun with a subject ("plans to
//!   help") controls its infinitive (`repair_noun_verb`); a verb read as an adjective after a
//!   modal ("said it would free N X prisoners") heads its clause (`repair_modal_adjective`);
//!   a name between a verb and an amount
//!   is the verb's indirect object ("lend X 800 million dollars", `repair_recipient`); a
//!   subject under a preposition is an adjunct, and the noun the verb hung on its subject
//!   (`repair_case_subject`); a verb after the closing comma of a relative clause between the
//!   subject and it is the main verb (`repair_relative_subject`);
//! - a measure names the actor of what it measures ("300,000 tonnes of French wheat"); "remain"
//!   and "become", and an apposition, say what their noun is ("X became Y's largest supplier",
//!   "X, a close ally of Y"); one actor modifying a relation noun whose agent comes from its
//!   verb is the other side ("X wants closer EU ties"); talks or a visit in an adjunct of
//!   occasion ("after talks in X") are the subject's; talks take the sector of their topic on
//!   the light verb ("resumed talks on debt") or of an infinitive of discussing;
//! - the subject of a verb that enters or takes part in an event noun ("went into a union with
//!   X", "took part in talks with X", "agreed on a loan to X") is its agent (`entered_into`);
//! - an "if"/"unless" clause on the act makes it hypothetical; a clause under a verb of hoping
//!   ("expect that ...") is hoped;
//! - a place at a state's edge ("on X's coast", "near X's frontier") on a friendly act or a
//!   noun names no side (`beside_a_place`).
//!
//! Symmetric events with two groups ("A and B signed with C and D") pair across the groups; one
//! group ("between A, B and C") gives every pair. Pure, linear in the sentence's length times
//! its actors (a predicate looks at its own dependents only).

use entente_core::{EventType, Modality, Polarity, Sector};
use entente_syntax::{Sentence, Upos};

use crate::cameo::Cameo;
use crate::lexicon::{Direction, GateSlot, Lexicon, Trigger};
use crate::tokens::WordSeq;

/// An actor mention laid on the sentence's words (0-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorSpan<'a> {
    pub first: usize,
    pub last: usize,
    pub code: &'a str,
}

/// One event between two actors of the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The predicate word.
    pub predicate: usize,
    /// Indexes into the actors given.
    pub source: usize,
    pub target: usize,
    pub event_type: EventType,
    /// The PLOVER mode its entry names (`visit`, `arrest`), if its type has modes.
    pub mode: Option<String>,
    pub sector: Sector,
    pub modality: Modality,
    /// Dependency paths from the predicate to each actor ("nsubj", "obl:to>conj").
    pub source_path: String,
    pub target_path: String,
    /// The dictionary entry or rule that coded it ("triggers.tsv:24", "cameo_patterns.tsv:310
    /// (CAMEO.2.0.txt:3449)").
    pub entry: String,
    /// The word that gave the sector, or the modality's cue.
    pub sector_cue: Option<String>,
    pub modality_cue: Option<String>,
    /// The sector is only the entry's default (no word of the sentence, no fixed sector): the
    /// caller may put the article's topic in its place.
    pub generic: bool,
}

/// The sentence's lowercase forms and actor marks, for the phrase indexes.
struct Seq {
    lower: Vec<String>,
    actor: Vec<Option<usize>>,
}

impl WordSeq for Seq {
    fn count(&self) -> usize {
        self.lower.len()
    }
    fn lower(&self, i: usize) -> &str {
        &self.lower[i]
    }
    fn is_actor(&self, i: usize) -> bool {
        self.actor[i].is_some()
    }
    fn breaks_before(&self, _: usize) -> bool {
        false
    }
}

/// A few words as a sequence (a lemma, "agree to").
struct Few<'a>(Vec<&'a str>);

impl WordSeq for Few<'_> {
    fn count(&self) -> usize {
        self.0.len()
    }
    fn lower(&self, i: usize) -> &str {
        self.0[i]
    }
    fn is_actor(&self, _: usize) -> bool {
        false
    }
    fn breaks_before(&self, _: usize) -> bool {
        false
    }
}

/// Roles: actors with their paths.
#[derive(Default, Debug)]
struct Roles {
    agent: Vec<(usize, String)>,
    target: Vec<(usize, String)>,
    source: Vec<(usize, String)>,
    partner: Vec<(usize, String)>,
    party: Vec<(usize, String)>,
}

/// What coded the predicate.
enum Entry<'l> {
    Trigger(&'l Trigger),
    Cameo { event_type: EventType, hint: Option<Sector>, entry: String, direction: Direction, mode: Option<String> },
}

/// The parse with children lists and actor marks.
pub struct Parse<'s> {
    s: &'s Sentence,
    children: Vec<Vec<usize>>,
    seq: Seq,
    /// Every mention on each word.
    all: Vec<Vec<usize>>,
    /// Lowercased lemmas.
    lemmas: Vec<String>,
    /// Nouns of people (`words.tsv` class `people`), once marked by [`Parse::mark_people`].
    people: Vec<bool>,
    /// Verbs whose own entry is an act of opposition, a rejection, accusation, protest or
    /// sanction ("opposed", "rejected", "suspended talks"): an event noun they
    /// take as object is not their subject's ("Ireland opposed the deal with Chile").
    against: Vec<bool>,
    /// Event nouns that are the `obl` of a verb whose words up to the noun's preposition are a
    /// refusal of `modality.tsv` ("withdrew from the accord with X", "pulled out of the talks"):
    /// the verb's subject is the party that refuses it, as of an object ("scrapped the deal").
    undone: Vec<bool>,
    /// Words tagged as adjectives that [`repair_modal_adjective`] reads as verbs.
    read_as_verb: Vec<bool>,
    /// Each word's head and relation, as the parse gives them or as [`repair`] mends them.
    heads: Vec<Option<usize>>,
    rels: Vec<&'s str>,
}

/// Mends one error of the parser that UD's own rules show: a verb read as an adjective (`amod`)
/// of the noun after it, with a subject of its own ("Armenian forces shelled Azerbaijani
/// positions" parsed as "shelled positions" with "forces" its subject). An adjectival modifier
/// has no subject in UD; the verb heads its clause, and the noun is its object.
fn repair(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) {
    // Which words have a subject, in one pass (the repair gives no word a new subject).
    let mut subject = vec![false; heads.len()];
    for (c, h) in heads.iter().enumerate() {
        if let (Some(h), "nsubj") = (*h, rels[c]) {
            subject[h] = true;
        }
    }
    for t in 0..heads.len() {
        if s.tokens[t].upos != Upos::Verb || rels[t] != "amod" || !subject[t] {
            continue;
        }
        let Some(h) = heads[t].filter(|&h| h > t) else { continue };
        let up = heads[h];
        let said = up.is_some_and(|u| saying(&s.tokens[u].lemma.to_lowercase()));
        rels[t] = match rels[h] {
            "root" => "root",
            _ if said => "ccomp",
            _ => "dep",
        };
        heads[t] = up;
        heads[h] = Some(t);
        rels[h] = "obj";
    }
}

/// Mends a second error of the parser: "due to" before a verb read as the preposition "due to"
/// ("was due to meet the minister" parsed with "meet" as the `case` of "minister", or as a
/// `dep`). Before a verb's base form it is "scheduled to": the verb is the adjective's `xcomp`,
/// "to" its `mark`, and a noun that the verb was made the `case` of is its object.
fn repair_due_to(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) {
    for to in 1..heads.len().saturating_sub(1) {
        let (due, v) = (to - 1, to + 1);
        let is_due = s.tokens[due].form.eq_ignore_ascii_case("due") && s.tokens[to].form.eq_ignore_ascii_case("to");
        // "X was due to meet Y" parsed with "meet" the clausal subject of "due", beside its
        // subject X: a predicate has one subject; the clause completes "due".
        let subject = (0..heads.len()).any(|c| heads[c] == Some(due) && rels[c] == "nsubj");
        if is_due && heads[v] == Some(due) && rels[v] == "csubj" && heads[to] == Some(v) && subject {
            rels[v] = "xcomp";
            continue;
        }
        if !is_due || heads[to] != Some(due) || rels[to] != "fixed" {
            continue;
        }
        let base = s.tokens[v].form.eq_ignore_ascii_case(&s.tokens[v].lemma);
        if s.tokens[v].upos != Upos::Verb || !base || rels[v] == "xcomp" {
            continue;
        }
        if rels[v] == "case" {
            if let Some(n) = heads[v].filter(|&n| n > v && heads[n] == Some(due)) {
                heads[n] = Some(v);
                rels[n] = "obj";
            }
        }
        heads[v] = Some(due);
        rels[v] = "xcomp";
        heads[to] = Some(v);
        rels[to] = "mark";
    }
}

/// Mends a third error of the parser: "as" opening a clause of time ("the talks came as the
/// minister prepared to visit Y") read as a preposition, its clause's subject an `obl` of the
/// main verb ("came as the minister") and the clause's verb a bare `xcomp` or `conj` of it with
/// no subject. A verb in the past or present tense right after that noun phrase (the tagger
/// often reads the past as a participle there), with no conjunction of its own, is the
/// clause's head: the noun its subject, "as" its `mark`, the clause an `advcl`.
fn repair_as_clause(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) {
    let finite = |w: usize| matches!(s.tokens[w].xpos.as_str(), "VBD" | "VBZ" | "VBP" | "VBN");
    for a in 0..heads.len() {
        if !s.tokens[a].form.eq_ignore_ascii_case("as") || rels[a] != "case" {
            continue;
        }
        let Some(n) = heads[a].filter(|&n| n > a && rels[n] == "obl") else { continue };
        let Some(v) = heads[n] else { continue };
        // The first word after the noun phrase (words that hang below the noun), looked for
        // among a few words and a few steps up, so that the mend stays linear in the sentence.
        let Some(w) = (n + 1..heads.len().min(n + 16)).find(|&w| !descends(heads, w, n)) else { continue };
        if heads[w] != Some(v) || !matches!(rels[w], "xcomp" | "conj") || !finite(w) {
            continue;
        }
        // A clause of its own already (a subject, a conjunction): nothing to mend. Once per
        // noun at most (the mend makes it a subject).
        let own = |c: usize| heads[c] == Some(w) && matches!(rels[c], "nsubj" | "nsubj:pass" | "cc" | "mark" | "expl");
        if (0..heads.len()).any(own) {
            continue;
        }
        heads[n] = Some(w);
        rels[n] = "nsubj";
        heads[a] = Some(w);
        rels[a] = "mark";
        rels[w] = "advcl";
    }
}

/// Mends a fourth error of the parser: a "by" phrase after the object of an active verb read as
/// the verb's passive agent ("X turned down a proposal by Y to resume talks" with "Y" the
/// `obl:agent` of "turned"). UD gives `obl:agent` only to passives; a verb with a subject of
/// its own and no passive auxiliary has none, and the phrase is its object's ("a proposal by
/// Y"): an `nmod` of the object.
fn repair_active_agent(heads: &mut [Option<usize>], rels: &mut [&str]) {
    for a in 0..heads.len() {
        let Some(v) = heads[a].filter(|_| rels[a] == "obl:agent") else { continue };
        let kid = |r: &str| (0..heads.len()).find(|&c| heads[c] == Some(v) && rels[c] == r);
        let active = kid("nsubj").is_some() && kid("aux:pass").is_none() && kid("nsubj:pass").is_none();
        if let Some(o) = kid("obj").filter(|&o| active && o < a) {
            heads[a] = Some(o);
            rels[a] = "nmod";
        }
    }
}

/// Mends two more errors of the parser around a verb of saying, each a shape that English does not
/// allow:
/// - the reported clause's subject read as the object of "said" and its verb as a conjunct of
///   "said" with no "and" before it ("he said other countries, such as X, needed to act" parsed
///   as "said countries" and "said ... needed"): the conjunct is the reported clause (`ccomp`)
///   and the object its subject;
/// - the speaker after the clause read as a conjunct of the clause's verb, "said" hanging as its
///   `dep` or `parataxis` with no subject ("Y must act, the agency said" parsed with "agency"
///   a conjunct of "act"): the noun just before "said" is its subject.
fn repair_reported(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) {
    let n = heads.len();
    let has = |heads: &[Option<usize>], rels: &[&str], h: usize, r: &[&str]| {
        (0..n).any(|c| heads[c] == Some(h) && r.contains(&rels[c]))
    };
    for say in 0..n {
        if s.tokens[say].upos != Upos::Verb || !saying(&s.tokens[say].lemma.to_lowercase()) {
            continue;
        }
        let obj = (say + 1..n).find(|&o| heads[o] == Some(say) && rels[o] == "obj");
        let conj = (say + 1..n).find(|&c| heads[c] == Some(say) && rels[c] == "conj");
        if let (Some(o), Some(c)) = (obj, conj) {
            let plain = o < c && s.tokens[c].upos == Upos::Verb;
            if plain && !has(heads, rels, c, &["cc", "nsubj", "nsubj:pass"]) && !has(heads, rels, say, &["ccomp"]) {
                heads[c] = Some(say);
                rels[c] = "ccomp";
                heads[o] = Some(c);
                rels[o] = "nsubj";
            }
        }
        let Some(clause) = heads[say].filter(|&h| h < say && matches!(rels[say], "dep" | "parataxis")) else {
            continue;
        };
        if has(heads, rels, say, &["nsubj", "ccomp", "obj"]) {
            continue;
        }
        // The last conjunct of the clause's verb before "said", a noun, with nothing but its own
        // modifiers between it and "said".
        let Some(speaker) = (clause + 1..say).rev().find(|&w| heads[w] == Some(clause) && rels[w] == "conj") else {
            continue;
        };
        let noun = matches!(s.tokens[speaker].upos, Upos::Noun | Upos::Propn);
        if noun && (speaker + 1..say).all(|w| descends(heads, w, speaker) || rels[w] == "punct") {
            heads[speaker] = Some(say);
            rels[speaker] = "nsubj";
        }
    }
}

/// Whether word `w` hangs under `top` (within eight steps up).
fn descends(heads: &[Option<usize>], mut w: usize, top: usize) -> bool {
    for _ in 0..8 {
        match heads[w] {
            Some(h) if h == top => return true,
            Some(h) => w = h,
            None => return false,
        }
    }
    false
}

/// Mends the parser's split of a subordinate clause from its subject: "Prices rose after Iranian
/// forces seized a tanker" parsed with "forces" an `obl` of "rose" under the preposition "after",
/// and "seized" an `advcl` (or `parataxis`) of "rose" with no subject. A finite verb (inflected,
/// not a gerund) has a subject; the noun right before it, under a word that is a subordinator as
/// well as a preposition ("after", "before", "since", "until"), is that subject, and the word its
/// `mark`.
fn repair_subordinate(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) {
    let n = heads.len();
    for v in 0..n {
        let t = &s.tokens[v];
        let lower = t.form.to_lowercase();
        let finite = t.upos == Upos::Verb && lower != t.lemma.to_lowercase() && !lower.ends_with("ing");
        let Some(h) = heads[v].filter(|_| finite && matches!(rels[v], "advcl" | "parataxis")) else { continue };
        if (0..n).any(|c| heads[c] == Some(v) && matches!(rels[c], "nsubj" | "nsubj:pass" | "mark")) {
            continue;
        }
        let Some(noun) = (0..v).rev().find(|&w| heads[w] == Some(h) && rels[w] == "obl") else { continue };
        let case = (0..noun).find(|&c| heads[c] == Some(noun) && rels[c] == "case");
        let Some(case) = case.filter(|&c| {
            matches!(s.tokens[c].form.to_lowercase().as_str(), "after" | "before" | "since" | "until" | "till")
        }) else {
            continue;
        };
        if !matches!(s.tokens[noun].upos, Upos::Noun | Upos::Propn | Upos::Pron)
            || !(noun + 1..v).all(|w| descends(heads, w, noun))
        {
            continue;
        }
        heads[noun] = Some(v);
        rels[noun] = "nsubj";
        heads[case] = Some(v);
        rels[case] = "mark";
    }
}

/// Mends an error of the parser: a verb of intent that is also a plural noun ("plans",
/// "aims", "vows", "pledges") read as a noun, with a subject of its own and its infinitive as a
/// clause of the noun ("The X government plans to help Y" parsed with "plans" a NOUN, "help" its
/// `acl`). A noun has no subject in UD unless a copula makes it a predicate; with a subject and
/// no copula it is the verb, and its infinitive its `xcomp`, whose subject it controls.
fn repair_noun_verb(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) {
    let n = heads.len();
    for t in 0..n {
        if s.tokens[t].upos != Upos::Noun {
            continue;
        }
        let kid = |rel: &str| (0..n).any(|c| heads[c] == Some(t) && rels[c] == rel);
        if !kid("nsubj") || kid("cop") || kid("aux") {
            continue;
        }
        for c in (t + 1)..n {
            let to =
                (0..n).any(|m| heads[m] == Some(c) && rels[m] == "mark" && s.tokens[m].form.eq_ignore_ascii_case("to"));
            if heads[c] == Some(t) && rels[c] == "acl" && to && s.tokens[c].upos == Upos::Verb {
                rels[c] = "xcomp";
            }
        }
    }
}

/// Modal auxiliaries: in English the word after one (past "not", "also", "never") is a verb
/// in its base form, or "be"/"have".
const MODALS: &[&str] = &["will", "would", "shall", "should", "can", "could", "may", "might", "must"];

/// Mends an error of the tagger: a verb that is also an adjective ("free", "open", "clear",
/// "secure") read as an adjective after a modal auxiliary ("Y said it would free 150 X
/// prisoners" parsed as "free prisoners" a noun phrase with "would" and "it" hanging on the
/// noun). After a modal, English has a bare verb, never an adjective without "be"; and a noun
/// with a subject and an auxiliary but no copula is no predicate. The word heads the clause,
/// the noun is its object, and the subject, the modal and the adverbs before it are its own.
/// With the word the head already ("it will not free X sailors", the noun an `obl` with no
/// preposition), that `obl` is its object. Returns the words to read as verbs.
fn repair_modal_adjective(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) -> Vec<bool> {
    let n = heads.len();
    let mut verb = vec![false; n];
    let form = |w: usize| s.tokens[w].form.to_lowercase();
    for w in 1..n {
        if s.tokens[w].upos != Upos::Adj {
            continue;
        }
        // The modal, past at most two adverbs ("would not", "will also").
        let mut m = w - 1;
        while m > 0 && m + 2 >= w && matches!(s.tokens[m].upos, Upos::Adv | Upos::Part) && form(m) != "to" {
            m -= 1;
        }
        if !MODALS.contains(&form(m).as_str()) || !matches!(s.tokens[m].upos, Upos::Aux | Upos::Verb) {
            continue;
        }
        let cop = |heads: &[Option<usize>], rels: &[&str], h: usize| {
            (0..n).any(|c| heads[c] == Some(h) && matches!(rels[c], "cop" | "aux:pass"))
        };
        if rels[w] == "amod" {
            let Some(h) = heads[w].filter(|&h| h > w && matches!(s.tokens[h].upos, Upos::Noun | Upos::Propn)) else {
                continue;
            };
            // The noun the modal hangs on: the adjective's own, or a noun above it that the
            // parse made the clause's head ("would free X prisoners as a gesture" parsed with
            // "would" on "gesture"), which then has its preposition and is the verb's `obl`.
            let Some(g) = heads[m].filter(|&g| matches!(s.tokens[g].upos, Upos::Noun | Upos::Propn)) else {
                continue;
            };
            let above =
                g != h && g > h && descends(heads, h, g) && (0..n).any(|c| heads[c] == Some(g) && rels[c] == "case");
            if !(g == h || above) || cop(heads, rels, g) {
                continue;
            }
            // What hangs on that noun before the word (its subject, the modal, the adverbs) and
            // a clause's phrases after it (a noun takes no `obl`) are the verb's.
            for c in 0..n {
                if heads[c] != Some(g) {
                    continue;
                }
                if c < w
                    && c != m
                    && matches!(rels[c], "nsubj" | "nsubj:pass" | "aux" | "advmod" | "mark" | "punct" | "cc")
                    || c > g && matches!(rels[c], "obl" | "advcl" | "punct")
                {
                    heads[c] = Some(w);
                }
            }
            heads[m] = Some(w);
            rels[m] = "aux";
            heads[w] = heads[g];
            rels[w] = rels[g];
            if above {
                heads[g] = Some(w);
                rels[g] = "obl";
            }
            heads[h] = Some(w);
            rels[h] = "obj";
            verb[w] = true;
        } else if heads[m] == Some(w) && rels[m] == "aux" && !cop(heads, rels, w) {
            for c in w + 1..n {
                let bare = !(0..n).any(|k| heads[k] == Some(c) && rels[k] == "case");
                if heads[c] == Some(w) && rels[c] == "obl" && bare {
                    rels[c] = "obj";
                }
            }
            verb[w] = true;
        }
    }
    verb
}

/// Mends a parser error around an adjunct set off by commas between the subject and its verb
/// ("The minister, here after talks in X, said ..." parsed with "talks" the subject of "said"
/// and "said" a `dep` of "minister", the root). A subject has no preposition in UD: the noun
/// under the preposition is an `obl` of the verb, and the noun the verb hung on, before it, is
/// the verb's subject; the verb takes that noun's place in the tree.
fn repair_case_subject(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) {
    let n = heads.len();
    for v in 0..n {
        if s.tokens[v].upos != Upos::Verb || !matches!(rels[v], "dep" | "parataxis" | "appos") {
            continue;
        }
        let Some(r) = heads[v].filter(|&r| r < v && matches!(s.tokens[r].upos, Upos::Noun | Upos::Propn)) else {
            continue;
        };
        let Some(sj) = (r + 1..v).find(|&c| heads[c] == Some(v) && rels[c] == "nsubj") else { continue };
        let marked = (r + 1..sj).any(|c| heads[c] == Some(sj) && rels[c] == "case" && s.tokens[c].upos == Upos::Adp);
        if !marked {
            continue;
        }
        heads[v] = heads[r];
        rels[v] = rels[r];
        heads[r] = Some(v);
        rels[r] = "nsubj";
        rels[sj] = "obl";
    }
}

/// Mends a parser error around a non-restrictive relative clause between the subject and its
/// verb ("X, which hosts Y's troops, criticised Z" parsed with "X" the root, "hosts" its
/// relative clause and "criticised" a clause hung on "hosts"). A relative clause set off by
/// commas ends at its closing comma: a verb right after that comma, hung on the clause and with
/// no subject of its own, is the main verb, and the noun the clause modifies is its subject.
/// The verb takes the noun's place in the tree; what hung on the noun after the verb (the final
/// period) is the verb's.
fn repair_relative_subject(s: &Sentence, heads: &mut [Option<usize>], rels: &mut [&str]) {
    let n = heads.len();
    let comma = |w: usize| s.tokens[w].form == ",";
    for r in 0..n {
        if !matches!(rels[r], "acl:relcl") {
            continue;
        }
        let Some(noun) = heads[r].filter(|&h| h + 1 < r && comma(h + 1)) else { continue };
        if !matches!(s.tokens[noun].upos, Upos::Noun | Upos::Propn)
            || !matches!(rels[noun], "root" | "dep" | "parataxis")
        {
            continue;
        }
        let Some(v) = (r + 1..n).find(|&v| {
            heads[v] == Some(r)
                && comma(v - 1)
                && s.tokens[v].upos == Upos::Verb
                && matches!(rels[v], "advcl" | "conj" | "parataxis" | "dep" | "ccomp")
                && !(0..n).any(|c| heads[c] == Some(v) && rels[c].starts_with("nsubj"))
        }) else {
            continue;
        };
        // The relative clause's own words all come before the verb.
        if (v + 1..n).any(|c| heads[c] == Some(r)) {
            continue;
        }
        heads[v] = heads[noun];
        rels[v] = rels[noun];
        for h in heads.iter_mut().skip(v + 1) {
            if *h == Some(noun) {
                *h = Some(v);
            }
        }
        heads[noun] = Some(v);
        rels[noun] = "nsubj";
        // The comma that closes the relative clause is the clause's.
        heads[v - 1] = Some(r);
        rels[v - 1] = "punct";
    }
}

/// Mends a parser error of the double object: the recipient before an amount read as a
/// compound of the amount ("lent Kenya 300 million dollars" parsed as "Kenya 300 million" with
/// "Kenya" a `compound` of "million"; "sold Peru 12 helicopters" with "Peru" an
/// `nmod:unmarked` of "12"). A name before a number, right after a verb, is the verb's
/// indirect object (a year, "the 1987 budget", is left).
fn repair_recipient(s: &Sentence, actors: &[ActorSpan<'_>], heads: &mut [Option<usize>], rels: &mut [&str]) {
    let n = heads.len();
    for a in actors {
        if a.first == usize::MAX || a.last.saturating_add(1) >= n || a.first == 0 {
            continue;
        }
        let span = a.first..=a.last;
        let Some(w) = span.clone().find(|&w| heads[w].is_none_or(|h| !span.contains(&h))) else { continue };
        let next = a.last + 1;
        let number = matches!(s.tokens[next].upos, Upos::Num | Upos::Sym)
            && !(s.tokens[next].form.len() == 4 && s.tokens[next].form.starts_with(['1', '2']));
        let before = if s.tokens[a.first - 1].form.eq_ignore_ascii_case("the") && a.first >= 2 {
            a.first - 2
        } else {
            a.first - 1
        };
        if !matches!(rels[w], "compound" | "nmod:unmarked") || !number || s.tokens[before].upos != Upos::Verb {
            continue;
        }
        // The amount hangs below the verb (its object or the object's number).
        let Some(h) = heads[w].filter(|&h| h > a.last) else { continue };
        if !descends(heads, h, before) {
            continue;
        }
        heads[w] = Some(before);
        rels[w] = "iobj";
    }
}

impl<'s> Parse<'s> {
    pub fn new(s: &'s Sentence, actors: &[ActorSpan<'_>]) -> Parse<'s> {
        let n = s.tokens.len();
        let mut heads: Vec<Option<usize>> = (0..n).map(|i| s.head_of(i).filter(|&h| h < n && h != i)).collect();
        let mut rels: Vec<&str> = s.tokens.iter().map(|t| t.deprel.as_str()).collect();
        repair(s, &mut heads, &mut rels);
        let read_as_verb = repair_modal_adjective(s, &mut heads, &mut rels);
        repair_due_to(s, &mut heads, &mut rels);
        repair_as_clause(s, &mut heads, &mut rels);
        repair_active_agent(&mut heads, &mut rels);
        repair_reported(s, &mut heads, &mut rels);
        repair_subordinate(s, &mut heads, &mut rels);
        repair_noun_verb(s, &mut heads, &mut rels);
        repair_recipient(s, actors, &mut heads, &mut rels);
        repair_case_subject(s, &mut heads, &mut rels);
        repair_relative_subject(s, &mut heads, &mut rels);
        let mut children = vec![Vec::new(); n];
        for (i, h) in heads.iter().enumerate() {
            if let Some(h) = *h {
                children[h].push(i);
            }
        }
        let mut actor = vec![None; n];
        let mut all: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (k, a) in actors.iter().enumerate() {
            for w in (a.first..=a.last).take_while(|&w| w < n) {
                // "anti-X cooperation": X is what the others stand against, not one of them;
                // "pro-X rebels" are on X's side, and are not X.
                let form = s.tokens[w].form.to_lowercase();
                if form.starts_with("anti-") || form.starts_with("pro-") {
                    continue;
                }
                actor[w].get_or_insert(k);
                // "the two countries": two mentions on the same words.
                if all[w].len() < 8 {
                    all[w].push(k);
                }
            }
        }
        let lower = s.tokens.iter().map(|t| t.form.to_lowercase()).collect();
        let lemmas = s.tokens.iter().map(|t| t.lemma.to_lowercase()).collect();
        let people = vec![false; n];
        Parse {
            s,
            children,
            seq: Seq { lower, actor },
            all,
            lemmas,
            people,
            against: vec![false; n],
            undone: vec![false; n],
            read_as_verb,
            heads,
            rels,
        }
    }

    /// Marks the nouns of people ("dissidents", "delegation") by the lexicon's word classes.
    pub fn mark_people(&mut self, lexicon: &Lexicon) {
        use crate::lexicon::WordClass;
        for (i, m) in self.people.iter_mut().enumerate() {
            *m =
                lexicon.class(&self.lemmas[i]).or_else(|| lexicon.class(&self.seq.lower[i])) == Some(WordClass::People);
        }
    }

    fn rel(&self, i: usize) -> &str {
        self.rels[i]
    }
    /// A verb by its tag or by [`repair_modal_adjective`].
    fn is_verb(&self, i: usize) -> bool {
        self.s.tokens[i].upos == Upos::Verb || self.read_as_verb[i]
    }
    fn lemma(&self, i: usize) -> &str {
        &self.lemmas[i]
    }
    fn head(&self, i: usize) -> Option<usize> {
        self.heads[i]
    }
    fn kids<'a>(&'a self, i: usize, rels: &'a [&'a str]) -> impl Iterator<Item = usize> + 'a {
        self.children[i].iter().copied().filter(move |&c| rels.contains(&self.rel(c)))
    }
    /// The `case` word of a nominal ("to" of "to Baku"), with a multiword one's second word.
    fn case(&self, i: usize) -> Option<String> {
        let c = self.children[i].iter().copied().find(|&c| self.rel(c) == "case")?;
        let mut w = self.lemma(c).to_string();
        if let Some(f) = self.children[c].iter().copied().find(|&f| self.rel(f) == "fixed") {
            w = format!("{w} {}", self.lemma(f));
        }
        Some(w)
    }
}

/// Every event of the sentence.
pub fn code(s: &Sentence, actors: &[ActorSpan<'_>], lexicon: &Lexicon, cameo: &Cameo) -> Vec<Event> {
    code_with_topic(s, actors, None, lexicon, cameo)
}

/// [`code`] with the document's topic actor (an index into `actors`, whose span may lie outside
/// the sentence): a trade flow with a partner named and no agent of its own ("exports: 900
/// tonnes to A, 700 to B" under a heading about one country) takes it as its agent.
pub fn code_with_topic(
    s: &Sentence,
    actors: &[ActorSpan<'_>],
    topic: Option<usize>,
    lexicon: &Lexicon,
    cameo: &Cameo,
) -> Vec<Event> {
    let mut p = Parse::new(s, actors);
    p.mark_people(lexicon);
    let mut out: Vec<Event> = Vec::new();
    let n = s.tokens.len();
    // The predicates: phrases of the triggers on the surface ("called on", "held talks", "free
    // trade zone") at their syntactic head, then single words by form or lemma.
    let mut preds: Vec<Option<(Entry<'_>, bool)>> = (0..n).map(|_| None).collect();
    let mut covered = vec![false; n];
    // A phrase that ends in its preposition ("pipeline through", "pipeline via"): the noun that
    // preposition governs is the other side.
    let mut phrase_object: Vec<Option<usize>> = vec![None; n];
    let mut i = 0;
    while i < n {
        match lexicon.triggers.match_at(&p.seq, i) {
            Some((trig, len)) if len >= 2 => {
                let words = i..(i + len).min(n);
                let head = words.clone().find(|&k| p.head(k).is_none_or(|h| !words.contains(&h))).unwrap_or(i);
                for c in covered.iter_mut().take(words.end).skip(words.start) {
                    *c = true;
                }
                if !trig.none && preds[head].is_none() {
                    let nominal = matches!(s.tokens[head].upos, Upos::Noun | Upos::Propn);
                    preds[head] = Some((Entry::Trigger(trig), nominal));
                    let last = words.end - 1;
                    if p.rel(last) == "case" {
                        phrase_object[head] = p.head(last).filter(|o| !words.contains(o));
                    }
                }
                i += len;
            }
            _ => i += 1,
        }
    }
    for (i, slot) in preds.iter_mut().enumerate() {
        if slot.is_none() && !covered[i] && p.seq.actor[i].is_none() {
            *slot = predicate(&p, i, lexicon, cameo);
        }
    }
    // "find common ground with", "held talks with": a verb whose object is an event noun of the
    // triggers is a support verb; the noun is the event, the verb's own CAMEO entry is not.
    // A verb that is a conflictual event of its own ("opposed the deal with X", "rejected the
    // accord with X") is no support verb: it acts against the noun's partners, and its subject
    // is no party to the noun's event.
    let noun_event: Vec<bool> = preds.iter().map(|e| matches!(e, Some((Entry::Trigger(_), true)))).collect();
    let friendly_noun: Vec<bool> = preds
        .iter()
        .map(|e| matches!(e, Some((en, true)) if entry_type(en).polarity() == Polarity::Cooperative))
        .collect();
    let against: Vec<bool> = preds
        .iter()
        .enumerate()
        .map(|(i, pred)| match pred {
            // "opposed", "rejected", "criticised" (the project's triggers of opposition).
            Some((Entry::Trigger(t), false)) => {
                matches!(t.event_type, EventType::Reject | EventType::Accuse | EventType::Protest | EventType::Sanction)
            }
            // "suspended talks with", "cancelled a deal with" (CAMEO's reductions of ties); not
            // a CAMEO sense that other object nouns give ("found common ground" as a finding).
            Some((Entry::Cameo { event_type: EventType::Sanction, .. }, false)) => {
                p.kids(i, &["obj"]).any(|o| friendly_noun[o])
            }
            _ => false,
        })
        .collect();
    p.against = against;
    let pact: Vec<bool> = preds.iter().map(|e| matches!(e, Some((en, true)) if undoable(en))).collect();
    p.undone = (0..n).map(|i| pact[i] && cue_through(&p, i, lexicon).is_some_and(|(c, _)| c.refusal)).collect();
    let p = p;
    for (i, pred) in preds.into_iter().enumerate() {
        let Some((entry, nominal)) = pred else { continue };
        if matches!(entry, Entry::Cameo { .. }) && !p.against[i] && p.kids(i, &["obj"]).any(|o| noun_event[o]) {
            continue;
        }
        let hostile = entry_type(&entry).polarity() == Polarity::Conflictual;
        // A flow of goods or a receipt: a "from" phrase on its object names the giver.
        let flow = match &entry {
            Entry::Trigger(t) => t.goods || t.direction == Direction::Reverse,
            Entry::Cameo { .. } => receiving(&p, i),
        };
        let accuse = matches!(entry_type(&entry), EventType::Accuse | EventType::Request);
        let own_entry = matches!(entry, Entry::Trigger(_));
        let meeting = matches!(entry_type(&entry), EventType::Consult | EventType::Agree);
        let force = matches!(
            entry_type(&entry),
            EventType::Assault | EventType::Coerce | EventType::Mobilize | EventType::Sanction
        );
        let mut roles = roles(&p, i, nominal, Kind { hostile, force, flow, accuse, own_entry, meeting });
        if let Some(o) = phrase_object[i] {
            let mut found = Vec::new();
            actors_of(&p, o, &format!("{}:{}", p.rel(o), p.case(o).unwrap_or_default()), &mut found, 0);
            let known = |a: usize| roles.target.iter().chain(&roles.partner).chain(&roles.source).any(|t| t.0 == a);
            found.retain(|f| !known(f.0));
            roles.target.append(&mut found);
        }
        if let (Some(t), Entry::Trigger(trig)) = (topic, &entry) {
            let flow = !roles.target.is_empty() || !roles.source.is_empty();
            if trig.goods && roles.agent.is_empty() && roles.party.is_empty() && flow {
                roles.agent.push((t, "topic of the document".to_string()));
            }
        }
        let (direction, rule) = match &entry {
            Entry::Trigger(t) => (t.direction, format!("triggers.tsv:{}", t.line)),
            // "Ukraine received tanks from Poland": the receiver is the target (CAMEO marks
            // these patterns `[:code]`, which the converted tables do not keep).
            Entry::Cameo { entry, .. } if !nominal && receiving(&p, i) => (Direction::Reverse, entry.clone()),
            Entry::Cameo { entry, direction, .. } => (*direction, entry.clone()),
        };
        let event_type = entry_type(&entry);
        let entry_mode = match &entry {
            Entry::Trigger(t) => t.mode.map(str::to_string),
            Entry::Cameo { mode, .. } => mode.clone(),
        };
        let coded_type = event_type;
        let mut pairs = pairs(&roles, direction);
        // "Chinese and Indian troops clashed": a verb of mutual conflict with a coordinated
        // subject and no other side names the two sides.
        let mutual = mutual_conflict(&p, i, nominal, hostile);
        if pairs.is_empty() && mutual && roles.target.is_empty() && roles.partner.is_empty() {
            pairs = pairs_among(&roles.agent);
        }
        if pairs.is_empty() {
            continue;
        }
        // Only an agreement, talks or a transaction can be undone ("scrapped the deal",
        // "cancelled a purchase of oil"; a pipeline breached is nothing refused).
        let pact = nominal && undoable(&entry);
        let (mut modality, modality_cue, refusal, refusal_denied) = modality(&p, i, lexicon, pact);
        let mut event_type = event_type;
        let mut rule = rule;
        let mut banned = false;
        if let Entry::Trigger(t) = entry {
            match pressure(&p, i, t, lexicon) {
                Some(Pressure::Ban) => {
                    event_type = EventType::Sanction;
                    banned = true;
                    rule = format!("{rule} + words.tsv ban (coding.rs:{}, pressure)", line!());
                }
                Some(Pressure::Stop) => {
                    event_type = EventType::Sanction;
                    rule = format!("{rule} + words.tsv stop (coding.rs:{}, pressure)", line!());
                }
                Some(Pressure::Worse) => {
                    event_type = EventType::Reject;
                    rule = format!("{rule} + words.tsv worse (coding.rs:{}, pressure)", line!());
                }
                None => {}
            }
        }
        if let Entry::Trigger(t) = entry {
            if lifted(&p, i, t, lexicon) {
                event_type = EventType::Retreat;
                rule = format!("{rule} + words.tsv lift (coding.rs:{}, lifted)", line!());
            }
            if welcomed_act(&p, i, t) {
                event_type = EventType::Support;
                rule = format!("{rule} + an act welcomed (coding.rs:{}, welcomed_act)", line!());
            }
        }
        let expelled = ordered_out(&p, i);
        if expelled {
            event_type = EventType::Sanction;
            rule = format!("{rule} + ordered to leave (coding.rs:{}, ordered_out)", line!());
        }
        // "X threatened to impose sanctions on Y": the threat is the act (PLOVER THREATEN, its
        // mode the threat's content); the act threatened gives the sector and the sides.
        let mut threat_mode = None;
        if let Some(content) = threatened(&p, i).and_then(|_| threat_content(event_type, entry_mode.as_deref())) {
            event_type = EventType::Threaten;
            threat_mode = content;
            rule = format!("{rule} + threatened (coding.rs:{}, threat)", line!());
        }
        if refusal && event_type.polarity() == Polarity::Cooperative {
            // "X refused to sell arms to Y": X rejects Y, which happened ("did not withdraw
            // from the accord": a rejection that did not happen).
            event_type = EventType::Reject;
            modality = if refusal_denied { Modality::Negated } else { Modality::Actual };
            let agents: Vec<usize> = roles.agent.iter().map(|a| a.0).collect();
            for pr in &mut pairs {
                if agents.contains(&pr.1 .0) && !agents.contains(&pr.0 .0) {
                    std::mem::swap(&mut pr.0, &mut pr.1);
                }
            }
        }
        // The entry's mode holds for the type it coded; a cooperative act refused is a rejection
        // of its kind (refused aid: REJECT "assist").
        let mode = if expelled {
            Some("expel".to_string())
        } else if event_type == coded_type {
            entry_mode
        } else if event_type == EventType::Threaten {
            threat_mode.map(str::to_string)
        } else if refusal && event_type == EventType::Reject {
            crate::cameo::refused_mode(coded_type).map(str::to_string)
        } else if event_type == EventType::Sanction {
            // Trade stopped or banned: PLOVER's "discontinue" (curtail commercial exchanges).
            Some("discontinue".to_string())
        } else {
            None
        };
        let (mut sector, mut sector_cue) =
            if banned { (Sector::Sanctions, None) } else { sector(&p, i, &entry, lexicon) };
        let mut generic = sector_cue.is_none()
            && match &entry {
                Entry::Trigger(t) => !t.fixed && !t.whole && t.sector == Sector::Diplomacy,
                Entry::Cameo { event_type, .. } => event_type.polarity() == Polarity::Cooperative,
            };
        if sector_cue.is_none() && sector == Sector::Diplomacy {
            if let Some((code, field)) = field_in_sentence(actors) {
                (sector, sector_cue, generic) = (field, Some(code.to_string()), false);
            }
        }
        for ((a, pa), (b, pb)) in pairs {
            if actors[a].code == actors[b].code {
                continue;
            }
            let ev = Event {
                predicate: i,
                source: a,
                target: b,
                event_type,
                mode: mode.clone(),
                sector,
                modality,
                source_path: pa,
                target_path: pb,
                entry: rule.clone(),
                sector_cue: sector_cue.clone(),
                modality_cue: modality_cue.clone(),
                generic,
            };
            push(&mut out, actors, ev);
        }
    }
    for i in 0..n {
        let clauses: Vec<usize> = p.kids(i, &["ccomp"]).collect();
        if !clauses.is_empty() {
            reported_demand(&p, i, &clauses, actors, lexicon, &mut out);
        }
        // "Japan must open its market, the minister said": the speaker after the clause, on a
        // verb of saying that the clause takes as `parataxis` or `dep`.
        if p.is_verb(i) {
            for say in p.kids(i, &["parataxis", "dep"]).filter(|&d| d > i && speaker_after(&p, d)) {
                reported_demand(&p, say, &[i], actors, lexicon, &mut out);
            }
        }
    }
    out
}

/// A predicate of mutual conflict, which names its sides when only one group is named ("Chinese
/// and Indian troops clashed"; "the two countries came close to armed confrontation", "A and B
/// edged toward war"): a verb of fighting or quarrelling, or a hostile noun of fighting or of a
/// standoff, which are between parties by their meaning (`stand-off` and `dispute` need two).
fn mutual_conflict(p: &Parse<'_>, i: usize, nominal: bool, hostile: bool) -> bool {
    if !nominal {
        return matches!(p.lemma(i), "clash" | "quarrel" | "spar" | "feud" | "skirmish");
    }
    hostile
        && matches!(
            p.lemma(i),
            "confrontation" | "conflict" | "war" | "clash" | "standoff" | "stand-off" | "hostility" | "hostilities"
        )
}

/// Whether a lemma is a verb of saying, whose complement is what was said.
fn saying(lemma: &str) -> bool {
    matches!(
        lemma,
        "say" | "add" | "state" | "warn" | "insist" | "argue" | "stress" | "declare" | "write" | "announce" | "report"
    )
}

/// Whether `say` is a verb of saying with a subject and nothing reported of its own ("..., the
/// minister said on Tuesday"), after the clause it reports.
fn speaker_after(p: &Parse<'_>, say: usize) -> bool {
    saying(p.lemma(say))
        && p.kids(say, &["nsubj"]).next().is_some()
        && p.kids(say, &["ccomp", "obj", "xcomp"]).next().is_none()
}

/// Whether an event noun's entry is one that a verb of undoing refuses: an agreement, talks, or
/// a transaction of goods ("scrapped the deal", "pulled out of the talks", "cancelled the sale").
fn undoable(entry: &Entry<'_>) -> bool {
    matches!(entry_type(entry), EventType::Agree | EventType::Consult) || matches!(entry, Entry::Trigger(t) if t.goods)
}

/// The event type an entry codes.
fn entry_type(entry: &Entry<'_>) -> EventType {
    match entry {
        Entry::Trigger(t) => t.event_type,
        Entry::Cameo { event_type, .. } => *event_type,
    }
}

enum Pressure {
    Ban,
    Stop,
    Worse,
}

/// Trade stopped or banned ("cut gas supplies to", "banned wheat exports to": the goods noun
/// is the object of a verb of `words.tsv`'s `stop` or `ban`), and ties gone bad ("strained
/// ties", "relations have soured", not "mend strained ties").
fn pressure(p: &Parse<'_>, i: usize, t: &Trigger, lexicon: &Lexicon) -> Option<Pressure> {
    use crate::lexicon::WordClass;
    let class = |k: usize| lexicon.class(&p.seq.lower[k]).or_else(|| lexicon.class(p.lemma(k)));
    let head = p.head(i);
    if t.goods && p.rel(i) == "obj" {
        match head.and_then(class) {
            Some(WordClass::Ban) => return Some(Pressure::Ban),
            Some(WordClass::Stop) => return Some(Pressure::Stop),
            _ => {}
        }
    }
    let relation = matches!(p.lemma(i), "relation" | "relations" | "tie" | "ties" | "relationship" | "link" | "links");
    if t.event_type == EventType::Cooperate && relation {
        let mended = head.is_some_and(|h| class(h) == Some(WordClass::Mend));
        let worse = p.kids(i, &["amod"]).any(|a| class(a) == Some(WordClass::Worse))
            || (p.rel(i).starts_with("nsubj") && head.is_some_and(|h| class(h) == Some(WordClass::Worse)));
        if worse && !mended {
            return Some(Pressure::Worse);
        }
    }
    None
}

/// A sanction taken away or softened: an embargo, sanctions, restrictions or tariffs as the
/// object of a verb of `words.tsv`'s `lift` ("lifted its sanctions on X", "eased restrictions on
/// X's goods", "lowered tariffs on X") or as the subject of its passive ("the embargo on X was
/// lifted"). Easing sanctions is CAMEO 085, PLOVER RETREAT: a cooperative act toward the target.
fn lifted(p: &Parse<'_>, i: usize, t: &Trigger, lexicon: &Lexicon) -> bool {
    use crate::lexicon::WordClass;
    if t.event_type != EventType::Sanction || !matches!(p.s.tokens[i].upos, Upos::Noun | Upos::Propn) {
        return false;
    }
    let class = |k: usize| lexicon.class(&p.seq.lower[k]).or_else(|| lexicon.class(p.lemma(k)));
    matches!(p.rel(i), "obj" | "nsubj:pass") && p.head(i).is_some_and(|h| class(h) == Some(WordClass::Lift))
}

/// "ordered the X ambassador to leave", "told Y's diplomats to leave the country": an order to
/// leave is an expulsion (CAMEO 166, PLOVER SANCTION "expel"), whatever the verb coded alone
/// (a request; "ordered its envoy" a recall, by a CAMEO pattern). The clause is the
/// verb's `xcomp` or, as the parser often has it, a clause on its object.
fn ordered_out(p: &Parse<'_>, i: usize) -> bool {
    if !matches!(p.lemma(i), "order" | "tell" | "instruct") {
        return false;
    }
    let leave = |v: usize| {
        matches!(p.lemma(v), "leave" | "quit" | "depart") && p.kids(v, &["mark"]).any(|m| p.lemma(m) == "to")
    };
    p.kids(i, &["xcomp"]).any(leave) || p.kids(i, &["obj", "iobj"]).any(|o| p.kids(o, &["acl", "xcomp"]).any(leave))
}

/// "welcomed X's decision", "welcomes the move by X": to welcome an act, not a guest, is to
/// approve of it (CAMEO 051, PLOVER SUPPORT), not to host a visit.
fn welcomed_act(p: &Parse<'_>, i: usize, t: &Trigger) -> bool {
    const ACTS: &[&str] = &[
        "decision",
        "move",
        "step",
        "statement",
        "announcement",
        "proposal",
        "plan",
        "offer",
        "initiative",
        "election",
        "result",
        "ruling",
        "resolution",
        "report",
        "effort",
        "progress",
        "commitment",
        "call",
        "approach",
        "gesture",
        "stance",
        "position",
        "policy",
        "vote",
    ];
    t.mode == Some("visit")
        && p.lemma(i) == "welcome"
        && p.kids(i, &["obj", "nsubj:pass"])
            .any(|o| ACTS.contains(&p.lemma(o)) || ACTS.contains(&p.seq.lower[o].as_str()))
}

/// Adds an event unless the sentence has its link (pair, sector, polarity) already: the first
/// predicate keeps it.
fn push(out: &mut Vec<Event>, actors: &[ActorSpan<'_>], ev: Event) {
    let (a, b) = (actors[ev.source].code, actors[ev.target].code);
    let dup = out.iter().any(|e| {
        let (x, y) = (actors[e.source].code, actors[e.target].code);
        ((x, y) == (a, b) || (x, y) == (b, a))
            && e.sector == ev.sector
            && e.event_type.polarity() == ev.event_type.polarity()
    });
    if !dup && a != b {
        out.push(ev);
    }
}

/// "X said Japan needed to cut its surplus", "X said Y should/must ...", "Y must ..., X said":
/// what the speaker says another actor has to do is the speaker's demand on it (REQUEST),
/// whatever the verb of saying. `clauses` are the clauses `say` reports.
fn reported_demand(
    p: &Parse<'_>,
    say: usize,
    clauses: &[usize],
    actors: &[ActorSpan<'_>],
    lexicon: &Lexicon,
    out: &mut Vec<Event>,
) {
    let mut speakers = Vec::new();
    for c in p.kids(say, &["nsubj"]) {
        actors_of(p, c, "nsubj", &mut speakers, 0);
    }
    if speakers.is_empty() {
        return;
    }
    let up = if p.head(say).is_some_and(|h| clauses.contains(&h)) { p.rel(say).to_string() } else { "ccomp-up".into() };
    for &clause in clauses {
        let obliged = p.kids(clause, &["aux"]).any(|a| matches!(p.lemma(a), "should" | "must" | "ought"))
            || (matches!(p.lemma(clause), "need" | "have") && p.kids(clause, &["xcomp"]).next().is_some())
            || mandative(p, clause);
        let negated = p.kids(clause, &["advmod"]).any(|a| matches!(p.lemma(a), "not" | "never"));
        if !obliged || negated {
            continue;
        }
        let mut addressees = Vec::new();
        for c in p.kids(clause, &["nsubj"]) {
            actors_of(p, c, "nsubj", &mut addressees, 0);
        }
        // What the demanded act is for gives its dimension too ("should take action to cut its
        // budget deficit").
        let cue = sector_word(p, clause, lexicon).or_else(|| purpose_sector(p, clause, lexicon));
        // Else an organisation of one field named in the sentence gives it, as for any
        // diplomatic act ("said the US should back Chile's entry into the WTO": trade).
        let field = if cue.is_none() { field_in_sentence(actors) } else { None };
        for (a, pa) in &speakers {
            for (b, pb) in &addressees {
                // "demanded that Y withdraw": the demand verb's own entry asked Y already.
                let asked = out.iter().any(|e| {
                    e.event_type == EventType::Request
                        && actors[e.source].code == actors[*a].code
                        && actors[e.target].code == actors[*b].code
                });
                if asked {
                    continue;
                }
                push(
                    out,
                    actors,
                    Event {
                        predicate: clause,
                        source: *a,
                        target: *b,
                        event_type: EventType::Request,
                        mode: None,
                        sector: cue.map_or(field.map_or(Sector::Diplomacy, |f| f.1), |w| w.0),
                        modality: Modality::Actual,
                        source_path: format!("{up}>{pa}"),
                        target_path: pb.clone(),
                        entry: format!("rule: demand in reported speech (coding.rs:{}, reported_demand)", line!()),
                        sector_cue: cue.map(|w| p.s.tokens[w.3].form.clone()).or(field.map(|f| f.0.to_string())),
                        modality_cue: None,
                        generic: cue.is_none() && field.is_none(),
                    },
                );
            }
        }
    }
}

/// The mandative subjunctive: a reported clause whose verb is the bare base form, with no
/// auxiliary, after a subject that is no pronoun ("insisted that Y lift its curbs", "urged
/// that Y withdraw"): English uses it only for what someone demands or proposes, never for a
/// fact ("said that Y lifts/lifted"). Verbs whose past is their base form ("cut", "set") are
/// left out: "said Y cut rates" is a past fact.
fn mandative(p: &Parse<'_>, clause: usize) -> bool {
    const SAME_PAST: &[&str] = &[
        "cut", "put", "set", "hit", "let", "shut", "cost", "spread", "quit", "bet", "cast", "hurt", "split", "burst",
        "read",
    ];
    let t = &p.s.tokens[clause];
    let named_subject = p.kids(clause, &["nsubj"]).any(|sj| !matches!(p.s.tokens[sj].upos, Upos::Pron));
    t.upos == Upos::Verb
        && t.xpos == "VB"
        && p.rel(clause) == "ccomp"
        && named_subject
        && !SAME_PAST.contains(&p.lemma(clause))
        && p.kids(clause, &["aux", "aux:pass", "mark"]).all(|m| p.lemma(m) == "that")
}

/// Is word `i` a predicate, and by which entry; `true` for an event noun.
fn predicate<'l>(p: &Parse<'_>, i: usize, lexicon: &'l Lexicon, cameo: &Cameo) -> Option<(Entry<'l>, bool)> {
    let t = &p.s.tokens[i];
    let nominal = matches!(t.upos, Upos::Noun | Upos::Propn);
    if !nominal && !p.is_verb(i) {
        return None;
    }
    let lemma = p.lemma(i);
    let form = &p.seq.lower[i];
    let found = |w: &str| {
        let few = Few(vec![w]);
        lexicon.triggers.match_in_slot(&few, 0, GateSlot::of(w)).filter(|(_, n)| *n == 1).map(|(t, _)| t)
    };
    if let Some(trig) = found(form).or_else(|| found(lemma)) {
        // A trigger that needs a sector word of its own ("sent troops") is left to CAMEO when
        // the parse gives none below it.
        if !(trig.none || trig.cued && sector_word(p, i, lexicon).is_none()) {
            return Some((Entry::Trigger(trig), nominal));
        }
        if trig.none {
            return None;
        }
    }
    if nominal {
        return event_noun(p, i, cameo);
    }
    // "opened its market to X", "will open its ports to X's ships", "opened its airspace to X":
    // access given to another, cooperation in the field of what is opened (CAMEO 061; the
    // dictionary has "open" only as a verb of starting).
    if matches!(lemma, "open" | "reopen") {
        let field = p.kids(i, &["obj"]).find_map(|o| match p.lemma(o) {
            "market" | "markets" | "port" | "ports" => Some(Sector::Trade),
            "airspace" => Some(Sector::Military),
            _ => None,
        });
        if let (Some(field), Some(pl)) = (field, cameo.plover("061")) {
            let entry = "rule: access opened to another (coding.rs, predicate)".to_string();
            return Some((
                Entry::Cameo {
                    event_type: pl.event_type,
                    hint: Some(field),
                    entry,
                    direction: Direction::Forward,
                    mode: None,
                },
                false,
            ));
        }
    }
    // A verb with its particle or preposition ("call off", "call up") is its own entry.
    let next = p.children[i]
        .iter()
        .copied()
        .filter_map(|c| match p.rel(c) {
            "compound:prt" => Some(p.lemma(c)),
            "obl" => p.children[c].iter().copied().find(|&k| k == i + 1 && p.rel(k) == "case").map(|k| p.lemma(k)),
            _ => None,
        })
        .find(|w| !cameo.verb(&format!("{lemma} {w}"), "").is_empty());
    let entries = match &next {
        Some(w) => cameo.verb(&format!("{lemma} {w}"), ""),
        None => cameo.verb(lemma, form),
    };
    let mut best: Option<(usize, String, String)> = None;
    for v in entries {
        for pat in cameo.patterns(&v.block) {
            if let Some(score) = pattern_matches(p, i, pat, cameo) {
                if best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((
                        score,
                        pat.code.clone(),
                        format!("cameo_patterns.tsv:{} (CAMEO.2.0.txt:{})", pat.line, pat.source_line),
                    ));
                }
            }
        }
        if best.is_none() {
            if let Some(code) = &v.code {
                best = Some((0, code.clone(), format!("cameo_verbs.tsv:{} (CAMEO.2.0.txt:{})", v.line, v.source_line)));
            }
        }
    }
    let (_, code, entry) = best?;
    let pl = cameo.plover(&code)?;
    Some((
        Entry::Cameo {
            event_type: pl.event_type,
            hint: hint(pl),
            entry,
            direction: Direction::Forward,
            mode: pl.mode().map(str::to_string),
        },
        false,
    ))
}

/// The sector a CAMEO code suggests: the codebook's context, and for coercion its mode: an
/// arrest, a deportation or a seizure is policing (security), a restriction or ban on a
/// foreign party a sanction ("fined a Danish bank"); other coercion is military.
fn hint(pl: &crate::cameo::PloverEntry) -> Option<Sector> {
    if pl.event_type == EventType::Coerce {
        match pl.mode.as_str() {
            "arrest" | "deport" | "seize" => return Some(Sector::Security),
            "restrict" | "ban" => return Some(Sector::Sanctions),
            _ => {}
        }
    }
    pl.sector_hint()
}

/// An event noun of `event_nouns.tsv` ("a demand", "the truce"), coded as the act of its verb.
fn event_noun<'l>(p: &Parse<'_>, i: usize, cameo: &Cameo) -> Option<(Entry<'l>, bool)> {
    let n = cameo.noun(p.lemma(i), &p.seq.lower[i])?;
    // "demand for oil" is the market's, not a demand: a demand "for" names an actor ("a demand
    // for X to withdraw").
    if p.lemma(i) == "demand"
        && p.kids(i, &["nmod"]).any(|c| p.case(c).as_deref() == Some("for") && p.seq.actor[c].is_none())
    {
        return None;
    }
    let pl = cameo.plover(&n.code)?;
    let direction = if n.symmetric { Direction::Symmetric } else { Direction::Forward };
    let entry = format!("event_nouns.tsv:{} (CAMEO {})", n.line, n.code);
    let mode = pl.mode().map(str::to_string);
    Some((Entry::Cameo { event_type: pl.event_type, hint: hint(pl), entry, direction, mode }, true))
}

/// The number of conditions a pattern meets on verb `v`, if it meets them all.
fn pattern_matches(p: &Parse<'_>, v: usize, pat: &crate::cameo::Pattern, cameo: &Cameo) -> Option<usize> {
    let head_matches = |i: usize, words: &[String]| {
        let (head, rest) = words.split_last()?;
        if !cameo.word_matches(head, p.lemma(i)) && !cameo.word_matches(head, &p.seq.lower[i]) {
            return None;
        }
        // The other words of a phrase are the head's modifiers.
        rest.iter()
            .all(|w| {
                p.children[i]
                    .iter()
                    .any(|&c| cameo.word_matches(w, p.lemma(c)) || cameo.word_matches(w, &p.seq.lower[c]))
            })
            .then_some(())
    };
    if let Some(subj) = &pat.subject {
        let s = p.kids(v, &["nsubj"]).next()?;
        head_matches(s, std::slice::from_ref(subj))?;
    }
    if let Some(obj) = &pat.object {
        let o = p.kids(v, &["obj", "nsubj:pass"]).next()?;
        head_matches(o, obj)?;
    }
    if let Some(prt) = &pat.particle {
        p.kids(v, &["compound:prt", "advmod"]).find(|&c| p.lemma(c) == prt)?;
    }
    if let Some(prep) = &pat.preposition {
        // The preposition's object hangs on the verb or, after an object, on that object.
        let mut cands: Vec<usize> = p.kids(v, &["obl", "obl:npmod", "obl:tmod", "nmod"]).collect();
        for o in p.kids(v, &["obj"]) {
            cands.extend(p.kids(o, &["nmod"]));
        }
        let ok = cands.into_iter().any(|c| {
            p.case(c).as_deref() == Some(prep.as_str())
                && pat.prep_object.as_ref().is_none_or(|w| head_matches(c, w).is_some())
        });
        if !ok {
            return None;
        }
    }
    Some(pat.specificity())
}

/// The actors word `i` names, with the paths from it ("" for itself), its conjuncts included.
fn actors_of(p: &Parse<'_>, i: usize, path: &str, out: &mut Vec<(usize, String)>, depth: usize) {
    if depth > 4 {
        return;
    }
    let before = out.len();
    if p.seq.actor[i].is_some() {
        out.extend(p.all[i].iter().map(|&a| (a, path.to_string())));
    } else if matches!(p.s.tokens[i].upos, Upos::Pron)
        && matches!(p.lemma(i), "it" | "they" | "he" | "she" | "we")
        && (p.rel(i).starts_with("nsubj") || reported_object(p, i))
    {
        // "X said it would ...": the subject pronoun of a reported clause is the speaker; so is
        // "it" or "they" as its object ("X said Y had attacked it", "... was fired at it").
        let clause = p.head(i).filter(|&c| p.rel(c) == "ccomp");
        let speaker = clause.and_then(|c| p.head(c)).and_then(|say| p.kids(say, &["nsubj"]).next());
        if let Some(sp) = speaker.filter(|&sp| sp != i) {
            actors_of(p, sp, &format!("{path}>speaker"), out, depth + 1);
        }
    } else if matches!(p.s.tokens[i].upos, Upos::Pron)
        && matches!(p.seq.lower[i].as_str(), "its" | "their")
        && p.rel(i) == "nmod:poss"
    {
        if let Some((holder, via)) = claimant(p, i) {
            actors_of(p, holder, &format!("{path}>{via}"), out, depth + 1);
        }
    } else if matches!(p.s.tokens[i].upos, Upos::Pron) && matches!(p.lemma(i), "which" | "who" | "that") {
        // A relative pronoun stands for the noun its clause modifies.
        let clause = p.head(i).filter(|&h| p.rel(h).starts_with("acl"));
        if let Some(noun) = clause.and_then(|c| p.head(c)) {
            actors_of(p, noun, &format!("{path}>relcl-head"), out, depth + 1);
        }
    } else {
        // "Israel's state company", "Israeli firms", "the Azeri ministry", "the government of X".
        for c in p.children[i].iter().copied() {
            let r = p.rel(c);
            let via = matches!(r, "nmod:poss" | "amod" | "compound" | "flat")
                || (r == "nmod" && p.case(c).as_deref() == Some("of"));
            if via && p.seq.actor[c].is_some() && r == "nmod:poss" && p.rel(i) == "nmod" && beside_a_place(p, i) {
                // "a foothold on Chile's coast", "a base at Russia's doorstep": a place.
                continue;
            }
            if via && p.seq.actor[c].is_some() {
                // "US and British activists": the modifier's conjuncts name actors too.
                actors_of(p, c, &format!("{path}>{r}"), out, depth + 1);
                if !matches!(r, "amod" | "compound") {
                    break;
                }
                // "the Peruvian-Bolivian accord", "the U.S.-Japanese pact": a compound adjective
                // of two actors names both, as one modifier inside the other or side by side.
                for g in p.kids(c, &["amod", "compound"]).filter(|&g| p.seq.actor[g].is_some()) {
                    out.push((p.seq.actor[g].unwrap_or(0), format!("{path}>{r}>{}", p.rel(g))));
                }
                continue;
            }
            // "an Islamic State target": the actor one compound further down.
            if matches!(r, "compound" | "amod") {
                let inner = p.kids(c, &["compound", "amod", "flat"]).find(|&g| p.seq.actor[g].is_some());
                if let Some(g) = inner.filter(|_| out.len() == before) {
                    out.push((p.seq.actor[g].unwrap_or(0), format!("{path}>{r}>{}", p.rel(g))));
                    break;
                }
            }
        }
        // "bought 200,000 tonnes of Argentine maize", "two battalions of Russian troops": a
        // measure names the actor of what it measures.
        if out.len() == before && measure(p, i) {
            for g in p.kids(i, &["nmod"]).filter(|&g| is_of(p, g)) {
                actors_of(p, g, &format!("{path}>nmod:of"), out, depth + 1);
            }
        }
        if out.len() == before {
            for c in p.kids(i, &["appos"]) {
                actors_of(p, c, &format!("{path}>appos"), out, depth + 1);
            }
        }
        if out.len() == before {
            examples(p, i, path, out, depth);
        }
        if out.len() == before {
            of_or_from(p, i, path, out, depth);
        }
        if out.len() == before {
            border_with(p, i, path, out, depth);
        }
    }
    for c in p.kids(i, &["conj"]) {
        actors_of(p, c, &format!("{path}>conj"), out, depth + 1);
    }
}

/// The holder of a claim or statement whose clause a possessive "its"/"their" stands in: "X said
/// its exports to Y fell" (the speaker, the subject of the verb of saying the clause completes),
/// "X's claims that its sales to Y were hurt", "Canadian claims that its ..." (the noun's
/// possessor or adjective, for a clause with "that" completing a noun). Only when no actor is
/// named between the holder and the pronoun ("X said Y should open its market": Y's). Returns
/// the word naming the holder and the path to it.
fn claimant(p: &Parse<'_>, pron: usize) -> Option<(usize, &'static str)> {
    let mut clause = p.head(pron)?;
    for _ in 0..4 {
        let up = p.head(clause)?;
        let holder = match p.rel(clause) {
            "ccomp" if p.is_verb(up) => p.kids(up, &["nsubj"]).next().map(|sj| (sj, "speaker")),
            "acl" | "ccomp" if matches!(p.s.tokens[up].upos, Upos::Noun) => {
                let that = p.kids(clause, &["mark"]).any(|m| p.lemma(m) == "that");
                let owner = p.kids(up, &["nmod:poss", "amod", "compound"]).find(|&o| p.seq.actor[o].is_some());
                owner.filter(|_| that).map(|o| (o, "claim-holder"))
            }
            _ => {
                clause = up;
                continue;
            }
        };
        let (h, via) = holder?;
        let between = (h + 1..pron).any(|k| p.seq.actor[k].is_some());
        return (!between && h < pron).then_some((h, via));
    }
    None
}

/// A noun that names no actor itself stands for the actors it lists as examples: "countries
/// such as Japan and Korea", "several states, including Peru", "nations like Chile".
fn examples(p: &Parse<'_>, i: usize, path: &str, out: &mut Vec<(usize, String)>, depth: usize) {
    if !matches!(p.s.tokens[i].upos, Upos::Noun | Upos::Pron) {
        return;
    }
    for c in p.kids(i, &["nmod", "appos", "acl"]) {
        let case = p.case(c).unwrap_or_default();
        if matches!(case.as_str(), "such as" | "include" | "including" | "like") {
            actors_of(p, c, &format!("{path}>nmod:{case}"), out, depth + 1);
        }
    }
}

/// Nouns of the authorities of a place: "officials in Tokyo", "a court in Guyana" act for the
/// state of that place. (Not all people: "diplomats in Beijing", "troops in Iraq" are often
/// foreign.)
const AUTHORITIES: &[&str] = &[
    "official",
    "officials",
    "authority",
    "authorities",
    "regulator",
    "regulators",
    "prosecutor",
    "prosecutors",
    "court",
    "courts",
    "judge",
    "judges",
    "police",
    "government",
];

/// Nouns of a written or spoken message that one party sends another.
const MESSAGES: &[&str] = &["note", "letter", "message", "telex", "cable", "telegram", "memorandum", "communique"];

/// Verbs that send a message to another.
const SENDING: &[&str] = &["send", "deliver", "hand", "address", "dispatch", "write", "submit", "transmit", "forward"];

/// The message that a participle clause hangs on and the verb that sends it: the clause an
/// `acl` of the message (or of a noun in its "to" phrase, where the parse often hangs it) or an
/// `advcl` of the verb whose object the message is ("sent a note to Y protesting ...").
fn message_of(p: &Parse<'_>, i: usize) -> Option<(usize, usize)> {
    let participle = p.seq.lower[i].ends_with("ing");
    let msg = if p.rel(i).starts_with("acl") && participle {
        let mut h = p.head(i)?;
        for _ in 0..3 {
            if MESSAGES.contains(&p.lemma(h)) {
                break;
            }
            if !matches!(p.rel(h), "nmod" | "conj") {
                return None;
            }
            h = p.head(h)?;
        }
        h
    } else if p.rel(i) == "advcl" && participle {
        let v = p.head(i)?;
        p.kids(v, &["obj"]).find(|&o| MESSAGES.contains(&p.lemma(o)) && o < i)?
    } else {
        return None;
    };
    let send = p.head(msg).filter(|&v| p.rel(msg) == "obj" && p.is_verb(v))?;
    (MESSAGES.contains(&p.lemma(msg)) && SENDING.contains(&p.lemma(send))).then_some((msg, send))
}

/// Nouns of what a state or its firms own or hold, whose "of" phrase names the owner: "seized
/// the assets of a Peruvian firm", "stormed the embassy of X", "entered the airspace of X" act
/// on X. (Not amounts or parts: "a share of X's sales" is no act on X.)
const OWNED: &[&str] = &[
    "asset",
    "assets",
    "property",
    "properties",
    "holdings",
    "embassy",
    "embassies",
    "consulate",
    "consulates",
    "airspace",
    "waters",
    "territory",
    "vessel",
    "vessels",
    "ship",
    "ships",
    "aircraft",
];

/// A noun of people (`words.tsv` class `people`) that names no actor by its own modifiers names
/// the one its "of" phrase does ("the mayor of the city of X", "the head of the Y agency") or
/// the place they come from ("dissidents from X", "a delegation from Y"); a noun of
/// [`AUTHORITIES`] also the place it sits "in". Other nouns do not: "a share of X's sales" is no
/// act of X's.
fn of_or_from(p: &Parse<'_>, i: usize, path: &str, out: &mut Vec<(usize, String)>, depth: usize) {
    let authority = AUTHORITIES.contains(&p.lemma(i)) || AUTHORITIES.contains(&p.seq.lower[i].as_str());
    let owned = OWNED.contains(&p.lemma(i)) || OWNED.contains(&p.seq.lower[i].as_str());
    if !p.people[i] && !authority && !owned {
        return;
    }
    for c in p.kids(i, &["nmod"]) {
        let case = p.case(c).unwrap_or_default();
        if (matches!(case.as_str(), "of" | "from") && !owned) || (owned && case == "of") || (authority && case == "in")
        {
            actors_of(p, c, &format!("{path}>nmod:{case}"), out, depth + 1);
        }
    }
}

/// An object that names no actor and is a thing, not people ("targets", "positions", "bases"):
/// a place phrase on it says where the act fell.
fn placed(p: &Parse<'_>, o: usize) -> bool {
    p.rel(o) == "obj" && !p.people[o] && no_actor(p, o)
}

/// A border that names no actor by its own modifiers names the state on its other side: "its
/// border with X", "the frontier with X" (a place on that border faces X). The nouns of a
/// frontier are `border_noun`'s, which the rules of force at a border read too.
fn border_with(p: &Parse<'_>, i: usize, path: &str, out: &mut Vec<(usize, String)>, depth: usize) {
    if !border_noun(p, i) {
        return;
    }
    for c in p.kids(i, &["nmod"]).filter(|&c| p.case(c).as_deref() == Some("with")) {
        actors_of(p, c, &format!("{path}>nmod:with"), out, depth + 1);
    }
}

/// A non-human pronoun as the object or oblique of its clause ("attacked it", "fired at them").
fn reported_object(p: &Parse<'_>, i: usize) -> bool {
    matches!(p.lemma(i), "it" | "they") && matches!(p.rel(i), "obj" | "iobj" | "obl")
}

/// A noun that measures an amount of something ("tonnes", "barrels", "a shipment", "40
/// percent", "two battalions"): one with a number of its own, or a word of measure.
fn measure(p: &Parse<'_>, i: usize) -> bool {
    p.seq.actor[i].is_none()
        && matches!(p.s.tokens[i].upos, Upos::Noun | Upos::Num | Upos::Sym)
        && (p.kids(i, &["nummod"]).next().is_some()
            || matches!(
                p.lemma(i),
                "tonne"
                    | "ton"
                    | "barrel"
                    | "bushel"
                    | "bale"
                    | "cargo"
                    | "shipment"
                    | "consignment"
                    | "quantity"
                    | "amount"
                    | "volume"
                    | "lot"
                    | "percent"
                    | "battalion"
                    | "brigade"
                    | "third"
                    | "half"
                    | "bulk"
                    | "majority"
            ))
}

/// An "of" phrase that names no actor: what a quantity or an event noun is of ("900 tonnes of
/// rice", "the sale of jets").
fn is_of(p: &Parse<'_>, g: usize) -> bool {
    p.seq.actor[g].is_none() && p.case(g).as_deref() == Some("of")
}

/// A verb of receiving: its subject is the one that gets, a "from" phrase names the giver
/// ("received tanks from X", "obtained a loan from X", "faces sanctions from X").
fn receiving(p: &Parse<'_>, v: usize) -> bool {
    p.is_verb(v) && matches!(p.lemma(v), "receive" | "obtain" | "get" | "gain" | "face")
}

/// A noun of a span of time that names no actor ("quarter", "the first months").
fn time_noun(p: &Parse<'_>, i: usize) -> bool {
    p.seq.actor[i].is_none()
        && matches!(
            p.lemma(i),
            "quarter" | "month" | "year" | "week" | "day" | "period" | "season" | "half" | "decade" | "weekend"
        )
}

/// What kind of event a predicate codes, as far as its roles care.
#[derive(Clone, Copy)]
struct Kind {
    /// Force or a sanction (ASSAULT, COERCE, MOBILIZE, SANCTION): a thing it strikes "in" a state
    /// names that state; "near", "along", "off" or "across" a place aims it at the place's state
    /// ("massed troops near X", "deployed ships off X").
    force: bool,
    /// A conflictual event: it takes "on"/"against" from its light verb.
    hostile: bool,
    /// A flow of goods or a receipt: the object's "from" and its goods' phrases are its own.
    flow: bool,
    /// An accusation, a complaint or a demand: whom it accuses or asks is in its "that" clause.
    accuse: bool,
    /// Coded by the project's triggers ("alleged", "complained"), not by CAMEO, whose verbs of
    /// accusing are often verbs of saying too ("claimed that", "charged that").
    own_entry: bool,
    /// A meeting or an agreement (CONSULT, AGREE): its "in"/"at" phrase is where it took place,
    /// not a side, once two sides are named ("A and B held talks in C", "signed the accord in C").
    meeting: bool,
}

/// The roles of predicate `i`.
fn roles(p: &Parse<'_>, i: usize, nominal: bool, kind: Kind) -> Roles {
    let Kind { hostile, force, flow, accuse, own_entry, meeting } = kind;
    let mut venue: Vec<(usize, String)> = Vec::new();
    let mut r = Roles::default();
    let intent = intention_subject(p, i);
    // "Norway remains Turkey's main supplier", "X became Y's largest buyer": a verb of being
    // (remain, become, stay) that the parse reads with the noun as its object is a copula; its
    // subject is the noun's.
    let copular = nominal
        && matches!(p.rel(i), "obj" | "xcomp")
        && p.head(i).is_some_and(|h| matches!(p.lemma(h), "remain" | "become" | "stay"));
    let copular_subject = p.head(i).filter(|_| copular).and_then(|h| p.kids(h, &["nsubj"]).next());
    // "Kuwait, a close ally of the United States, ...", "Norway, Germany's main supplier of
    // gas, ...": an apposition says what its noun is, as a copula does.
    let appositive = nominal && p.rel(i) == "appos";
    let copular_subject = copular_subject.or(p.head(i).filter(|&h| appositive && p.seq.actor[h].is_some()));
    let own_subject = intent.is_some()
        || copular_subject.is_some()
        || p.children[i].iter().any(|&c| matches!(p.rel(c), "nsubj" | "nsubj:pass" | "expl"));
    if let Some(sj) = copular_subject {
        let path = if appositive { "appos-head".to_string() } else { format!("{}-up>nsubj", p.rel(i)) };
        actors_of(p, sj, &path, &mut r.agent, 0);
    }
    // "gave it an ally on X's borders": with the recipient named (iobj), a phrase of place is
    // an adjunct, not the other side.
    let recipient = p.kids(i, &["iobj"]).next().is_some();
    for &c in &p.children[i] {
        let rel = p.rel(c).to_string();
        let mut found = Vec::new();
        match rel.as_str() {
            // "Norway is Turkey's main supplier": with a subject of its own, the noun's possessor
            // is the other side.
            "nmod:poss" if nominal && own_subject => {
                actors_of(p, c, &rel, &mut found, 0);
                r.target.append(&mut found);
            }
            "nsubj:outer" if intent == Some(c) => {
                actors_of(p, c, &rel, &mut found, 0);
                r.agent.append(&mut found);
            }
            // An accident is done by no one: its vehicle's owner is no agent.
            "nsubj" | "obl:agent" | "nmod:agent" if accident(p, c) => {}
            "nsubj" | "obl:agent" | "nmod:poss" | "nmod:agent" => {
                actors_of(p, c, &rel, &mut found, 0);
                r.agent.append(&mut found);
            }
            "nsubj:pass" | "obj" | "iobj" => {
                actors_of(p, c, &rel, &mut found, 0);
                r.target.append(&mut found);
            }
            "amod" | "compound" if nominal => {
                // "the Indian-Japanese accord", "the Brazil-Argentina summit": the parse hangs
                // the first actor on the second (named first, it is the source).
                if p.seq.actor[c].is_some() {
                    for g in p.kids(c, &["amod", "compound"]).filter(|&g| p.seq.actor[g].is_some()) {
                        actors_of(p, g, &format!("{rel}>{}", p.rel(g)), &mut found, 0);
                    }
                }
                actors_of(p, c, &rel, &mut found, 0);
                r.party.append(&mut found);
            }
            "obl" | "nmod" | "obl:npmod" if !hostile && beside_a_place(p, c) => {}
            "obl" | "nmod" | "obl:npmod" => {
                let case = p.case(c).unwrap_or_default();
                if border_noun(p, c) {
                    if hostile {
                        border_side(p, c, &format!("{rel}:{case}"), &mut r.target);
                    }
                    continue;
                }
                actors_of(p, c, &format!("{rel}:{case}"), &mut found, 0);
                if found.is_empty() && matches!(case.as_str(), "to" | "on" | "against" | "toward" | "towards") {
                    beneficiary_below(p, c, force, &format!("{rel}:{case}"), &mut found);
                }
                match case.as_str() {
                    "by" if nominal || p.children[i].iter().any(|&x| p.rel(x) == "nsubj:pass") => {
                        r.agent.append(&mut found)
                    }
                    "from" => r.source.append(&mut found),
                    "with" | "between" | "among" | "amongst" => r.partner.append(&mut found),
                    "on" | "at" | "into" | "over" | "in" | "upon" | "onto" if recipient => {}
                    "in" | "at" if meeting => venue.append(&mut found),
                    // "massed troops near X", "attacked platforms offshore X", "seized a ship off X".
                    "near" | "along" | "off" | "offshore" | "across" if force => r.target.append(&mut found),
                    "to" | "on" | "against" | "toward" | "towards" | "at" | "into" | "for" | "over" | "of" | "in"
                    | "upon" | "onto" => r.target.append(&mut found),
                    _ => {}
                }
            }
            _ => {}
        }
        // An event noun as the object: its "with"/"between" partners ("signed an accord with").
        if nominal {
            continue;
        }
    }
    // "imported in the second quarter from X": a "from" or "to" phrase that the parse hangs on
    // a phrase of time belongs to the verb (a quarter is imported from nowhere).
    if !nominal {
        for t in p.kids(i, &["obl", "obl:tmod", "obl:npmod", "obl:unmarked"]).filter(|&t| time_noun(p, t)) {
            for d in p.kids(t, &["nmod"]) {
                let case = p.case(d).unwrap_or_default();
                let mut found = Vec::new();
                actors_of(p, d, &format!("{}>nmod:{case}", p.rel(t)), &mut found, 0);
                match case.as_str() {
                    "from" => r.source.append(&mut found),
                    "to" => r.target.append(&mut found),
                    _ => {}
                }
            }
        }
    }
    // Light verbs: the noun's own partners were read by the noun itself; a verb's object that
    // is an event noun lends the verb's "with" partners to it (handled by the noun's subject).
    // A list under the predicate ("exports: 900 tonnes to A, 700 to B"): each item's
    // destination is a target of the one predicate.
    // The parse often hangs the phrase of direction on the object, or on the object's "of"
    // ("bought six jets from X", "sold 900 tonnes of rice to X", "X's sale of jets to Y"): it
    // is the predicate's all the same.
    let goods: Vec<usize> =
        if nominal && flow { p.kids(i, &["nmod"]).filter(|&g| is_of(p, g)).collect() } else { Vec::new() };
    for item in p.kids(i, &["appos", "list", "parataxis", "dep", "obj"]).chain(goods) {
        let mut items = vec![item];
        items.extend(p.kids(item, &["conj", "list", "appos"]));
        for it in items {
            let mut holders = vec![(it, format!("{}>", p.rel(it)))];
            if flow {
                holders.extend(
                    p.kids(it, &["nmod"]).filter(|&g| is_of(p, g)).map(|g| (g, format!("{}>nmod:of>", p.rel(it)))),
                );
            }
            for (h, prefix) in holders {
                for d in p.kids(h, &["nmod", "obl"]) {
                    // "lift the sanctions on X", "sold drones to X" with the phrase on the object.
                    let case = p.case(d);
                    let path = format!("{prefix}nmod:{}", case.clone().unwrap_or_default());
                    match case.as_deref() {
                        Some("to" | "on" | "against" | "toward" | "towards") => {
                            let before = r.target.len();
                            actors_of(p, d, &path, &mut r.target, 0);
                            if r.target.len() == before && it == item && h == it {
                                beneficiary_below(p, d, force, &path, &mut r.target);
                            }
                        }
                        Some("from") if flow => actors_of(p, d, &path, &mut r.source, 0),
                        // "bombed rebel camps in X": a hostile act on a thing that names no
                        // actor is on the state where the thing is.
                        Some("in" | "inside") if force && !nominal && it == item && h == it && placed(p, it) => {
                            actors_of(p, d, &path, &mut r.target, 0)
                        }
                        // "rejected an offer from X", "condemned the remarks by X": what a
                        // hostile act is against is its object's author.
                        Some("from" | "by") if hostile && !nominal && it == item && h == it && p.rel(it) == "obj" => {
                            actors_of(p, d, &path, &mut r.target, 0)
                        }
                        // "improved trade conditions for X", "eased access for X's firms": a
                        // friendly act's beneficiary, on its object as on the verb.
                        Some("for") if !hostile && !nominal && it == item && h == it && p.rel(it) == "obj" => {
                            actors_of(p, d, &path, &mut r.target, 0)
                        }
                        // "signed an accord with X": the partner of the verb too.
                        Some("with" | "between" | "among") if it == item && h == it => {
                            actors_of(p, d, &path, &mut r.partner, 0)
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    // "Peru alleged that Chile had armed the rebels", "Peru's complaint that Chile broke the
    // treaty", "Peru demanded that Chile withdraw": an accusation or demand with no other side
    // of its own accuses or asks the subject of its clause.
    if accuse && own_entry && r.target.is_empty() && r.partner.is_empty() {
        let clauses: &[&str] = if nominal { &["acl", "ccomp"] } else { &["ccomp"] };
        let mut content: Vec<usize> = p.kids(i, clauses).filter(|&c| c > i).collect();
        if nominal && content.is_empty() {
            content.extend(that_clause_after(p, i));
        }
        for c in content {
            if nominal && !p.kids(c, &["mark"]).any(|m| p.lemma(m) == "that") {
                continue;
            }
            for sj in p.kids(c, &["nsubj", "nsubj:pass"]) {
                let rel = p.rel(sj).to_string();
                actors_of(p, sj, &format!("{}>{rel}", p.rel(c)), &mut r.target, 0);
            }
        }
    }
    // "the visit of the Chinese president to Laos": with another side named and no agent, an
    // event noun's "of" actor is its agent ("the invasion of X" alone names only the target).
    if nominal && r.agent.is_empty() && r.party.is_empty() {
        let of = |path: &str| path == "nmod:of" || path.starts_with("nmod:of>");
        let other = r.target.iter().any(|t| !of(&t.1)) || !r.partner.is_empty();
        if other && r.target.iter().any(|t| of(&t.1)) {
            let (agents, rest): (Vec<_>, Vec<_>) = r.target.drain(..).partition(|t| of(&t.1));
            r.agent = agents;
            r.target = rest;
        }
    }
    if r.agent.is_empty() && !own_subject {
        // Control, raising, coordination, relative clauses: the subject comes from above.
        let mut cur = i;
        let mut lent = false;
        for _ in 0..6 {
            let rel = p.rel(cur).to_string();
            let Some(h) = p.head(cur) else { break };
            let mut found = Vec::new();
            match rel.as_str() {
                "xcomp" | "conj" => {
                    // Object control ("urged Iran to talk"): the matrix object is the subject.
                    let obj = if rel == "xcomp" {
                        p.kids(h, &["obj", "iobj"]).find(|&o| p.seq.actor[o].is_some())
                    } else {
                        None
                    };
                    if let Some(o) = obj {
                        actors_of(p, o, "xcomp-up>obj", &mut found, 0);
                    } else if let Some(sj) = p.kids(h, &["nsubj", "nsubj:pass"]).next() {
                        actors_of(p, sj, &format!("{rel}-up>nsubj"), &mut found, 0);
                        if found.is_empty() && rel == "conj" {
                            speaker_of_low_conjunct(p, cur, h, sj, &mut found);
                        }
                    }
                }
                // "met Y to discuss trade", "signed the deal after meeting Y", "was involved in
                // upgrading Y's network": an infinitive or gerund adverbial clause without a
                // subject takes the matrix subject.
                "advcl" if nonfinite_adverbial(p, cur) => {
                    // "would not give permission to Russia to help Y": the act permitted is the
                    // permitted one's, not the permitter's.
                    let permission = p.kids(h, &["obj"]).find(|&o| permission_noun(p, o));
                    if let Some(noun) = permission {
                        permission_holder(p, noun, &mut found);
                        if found.is_empty() {
                            break;
                        }
                    } else if let Some(sj) = p.kids(h, &["nsubj"]).next() {
                        actors_of(p, sj, "advcl-up>nsubj", &mut found, 0);
                    }
                }
                r2 if (r2.starts_with("acl") || r2 == "dep") && !nominal && permission_noun(p, h) => {
                    // "gave Russia permission to help Y", "Russia's permission to fly over Y".
                    actors_of(p, h, "acl-head", &mut found, 0);
                    if found.is_empty() {
                        permission_holder(p, h, &mut found);
                    }
                    if found.is_empty() {
                        break;
                    }
                }
                r2 if (r2.starts_with("acl") || r2 == "dep") && !nominal => {
                    actors_of(p, h, "acl-head", &mut found, 0);
                    // "reaffirmed their commitment to cooperate": a noun that names no actor
                    // passes the clause up to the verb it is the object of.
                    if found.is_empty() && p.rel(h) == "obj" {
                        if let Some(sj) = p.head(h).and_then(|v| p.kids(v, &["nsubj"]).next()) {
                            actors_of(p, sj, "acl-up>obj-up>nsubj", &mut found, 0);
                        }
                    }
                }
                // "Ireland opposed the deal": the opponent is no party to the deal.
                // "X asked the WTO to rule on its dispute with Y": a third party asked to judge
                // or settle a matter with Y settles it between Y and the one who asks.
                "obl" if nominal && !r.partner.is_empty() && asker_of_arbiter(p, h).is_some() => {
                    if let Some(asker) = asker_of_arbiter(p, h) {
                        actors_of(p, asker, "obl-up>xcomp-up>nsubj", &mut found, 0);
                    }
                }
                // "after talks in Tokyo, the minister said", "the president, on a visit to
                // Y, said": a meeting or visit in an adjunct of time or purpose was the doer's,
                // the clause's subject or the noun the phrase describes.
                "obl" | "nmod"
                    if nominal
                        && meeting
                        && adjunct_of_occasion(p, cur)
                        && !(rel == "obl" && (p.undone[cur] || amount_in(p, cur, h) || entered_into(p, cur, h))) =>
                {
                    if rel == "obl" {
                        if let Some(sj) = p.kids(h, &["nsubj"]).next() {
                            actors_of(p, sj, "obl-up>nsubj", &mut found, 0);
                        }
                    } else {
                        actors_of(p, h, "nmod-head", &mut found, 0);
                    }
                }
                "obj" | "nsubj:pass" if nominal && p.against[h] => break,
                // "Kenya obtained a loan from China": the receiver is the loan's target, the
                // giver its agent.
                "obj" if nominal && receiving(p, h) => {
                    // "X's bankers face an investigation in Y", "X faces sanctions by Y": a
                    // hostile act that the subject undergoes is done by the state whose
                    // authorities act there, on the noun or on the verb.
                    if hostile {
                        let by_place = |path: &str| {
                            ["nmod:in", "nmod:by"].iter().any(|k| path == *k || path.starts_with(&format!("{k}>")))
                        };
                        let (place, rest): (Vec<_>, Vec<_>) = r.target.drain(..).partition(|t| by_place(&t.1));
                        r.target = rest;
                        r.agent.extend(place);
                        for o in p.kids(h, &["obl"]) {
                            if let Some(case @ ("in" | "by")) = p.case(o).as_deref() {
                                actors_of(p, o, &format!("obj-up>obl:{case}"), &mut r.agent, 0);
                            }
                        }
                    }
                    if let Some(sj) = p.kids(h, &["nsubj"]).next() {
                        actors_of(p, sj, "obj-up>nsubj", &mut r.target, 0);
                    }
                    for o in p.kids(h, &["obl"]).filter(|&o| p.case(o).as_deref() == Some("from")) {
                        actors_of(p, o, "obj-up>obl:from", &mut r.source, 0);
                    }
                    break;
                }
                "obj" | "nsubj:pass" | "obl"
                    if nominal
                        && (rel != "obl" || p.undone[cur] || amount_in(p, cur, h) || entered_into(p, cur, h)) =>
                {
                    // "X signed an accord with Y": the accord's agent is the verb's subject; the
                    // verb's own, or the one it takes from above ("sought to deepen a partnership").
                    // "Qatar and Egypt brokered the truce": mediators are no parties to it, nor
                    // one another's partners, when the parties are not named.
                    let mediators = mediation(p, h) && r.partner.is_empty() && r.target.is_empty();
                    if mediators {
                        break;
                    } else if let Some(sj) = p.kids(h, &["nsubj"]).next() {
                        actors_of(p, sj, "obj-up>nsubj", &mut found, 0);
                    } else if let Some(by) = p.kids(h, &["obl:agent"]).next() {
                        // "Evidence against X was presented by Y": the passive's agent.
                        actors_of(p, by, "nsubj:pass-up>obl:agent", &mut found, 0);
                    } else {
                        lent = true;
                    }
                    // "imposed sanctions on X", "launched strikes against X": a hostile noun
                    // takes its target from the verb that carries it.
                    for o in p.kids(h, &["obl"]) {
                        let case = p.case(o);
                        let takes = matches!(case.as_deref(), Some("with" | "between" | "to"))
                            || (hostile && matches!(case.as_deref(), Some("on" | "against")));
                        if takes {
                            let mut f2 = Vec::new();
                            actors_of(p, o, &format!("obj-up>obl:{}", p.case(o).unwrap_or_default()), &mut f2, 0);
                            if !matches!(case.as_deref(), Some("with" | "between")) {
                                r.target.append(&mut f2);
                            } else {
                                r.partner.append(&mut f2);
                            }
                        }
                    }
                }
                _ => {}
            }
            if !found.is_empty() {
                r.agent = found;
                break;
            }
            let purpose = rel == "advcl" && nonfinite_adverbial(p, cur);
            if !matches!(rel.as_str(), "xcomp" | "conj") && !purpose && !lent {
                break;
            }
            cur = h;
        }
    }
    // "X sent a note to Y protesting the raid", "a telex to Y calling for talks": the act of a
    // participle clause on a message, or on the verb that sends one, is the sender's, and it is
    // addressed to the message's addressee.
    if !nominal && !own_subject {
        if let Some((msg, send)) = message_of(p, i) {
            if let Some(sj) = p.kids(send, &["nsubj"]).next().filter(|_| r.agent.is_empty()) {
                actors_of(p, sj, "message-up>nsubj", &mut r.agent, 0);
            }
            if !r.agent.is_empty() && r.target.is_empty() && r.partner.is_empty() {
                let to = |t: &usize| p.case(*t).as_deref() == Some("to");
                for t in p.kids(msg, &["nmod"]).filter(to).chain(p.kids(send, &["obl"]).filter(to)) {
                    actors_of(p, t, "message>nmod:to", &mut r.target, 0);
                }
                for t in p.kids(send, &["iobj"]) {
                    actors_of(p, t, "message-up>iobj", &mut r.target, 0);
                }
            }
        }
    }
    if nominal && r.agent.is_empty() {
        made_by(p, i, &mut r);
    }
    // A verb, or a noun of trade over a list ("exports: 900 tonnes to A, 700 tonnes to B").
    if !nominal || flow {
        gapped(p, i, flow, &mut r);
    }
    if !venue.is_empty() {
        // A visit's "in" is its host ("X's president arrived in Y"): only where two sides are
        // named already is it the venue.
        let mut sides: Vec<usize> =
            [&r.agent, &r.target, &r.source, &r.partner, &r.party].iter().flat_map(|g| g.iter().map(|a| a.0)).collect();
        sides.sort_unstable();
        sides.dedup();
        if sides.len() < 2 {
            r.target.append(&mut venue);
        }
    }
    r
}

/// Nouns of leave given to another: what they allow is done by the one allowed ("permission
/// Nouns of an accident: what they name happened to a vehicle or a site, no actor did it ("killed
/// by the Air France crash": no act of France's; "killed by a French air strike" is one). The
/// parse reads them as no agent; the pairing rules read them too.
pub(crate) const ACCIDENT_NOUNS: &[&str] =
    &["crash", "crashes", "accident", "accidents", "collision", "collisions", "derailment", "disaster", "disasters"];

fn accident(p: &Parse<'_>, n: usize) -> bool {
    p.s.tokens[n].upos == Upos::Noun && ACCIDENT_NOUNS.contains(&p.seq.lower[n].as_str())
}

/// to X to fly over Y"; the pairing rules read it too).
pub(crate) const PERMISSION_NOUNS: &[&str] =
    &["permission", "authorisation", "authorization", "approval", "clearance", "licence", "license", "consent"];

fn permission_noun(p: &Parse<'_>, n: usize) -> bool {
    matches!(p.s.tokens[n].upos, Upos::Noun) && PERMISSION_NOUNS.contains(&p.lemma(n))
}

/// The one a noun of permission is given to: an actor under "to" or "for" on the noun ("permission
/// to Russia", "approval for Iran"), else the indirect object or "to" phrase of the verb that
/// gives it ("gave Russia permission", "granted permission to Russia" hung on the verb).
fn permission_holder(p: &Parse<'_>, noun: usize, found: &mut Vec<(usize, String)>) {
    let to_for = |c: usize| matches!(p.case(c).as_deref(), Some("to" | "for"));
    for c in p.kids(noun, &["nmod"]).filter(|&c| to_for(c)) {
        actors_of(p, c, "permission>nmod", found, 0);
    }
    if found.is_empty() {
        if let Some(v) = p.head(noun).filter(|_| p.rel(noun) == "obj") {
            for c in p.kids(v, &["iobj"]) {
                actors_of(p, c, "permission-up>iobj", found, 0);
            }
            for c in p.kids(v, &["obl"]).filter(|&c| to_for(c)) {
                actors_of(p, c, "permission-up>obl", found, 0);
            }
        }
    }
}

/// A phrase of the occasion of an act: "after", "during", "following", "before" talks, "on" a
/// visit, "for" talks.
fn adjunct_of_occasion(p: &Parse<'_>, noun: usize) -> bool {
    matches!(p.case(noun).as_deref(), Some("after" | "during" | "following" | "before" | "on" | "for"))
}

/// A verb of a third party that brings others to an agreement ("brokered", "mediated").
fn mediation(p: &Parse<'_>, v: usize) -> bool {
    matches!(p.lemma(v), "broker" | "mediate" | "facilitate")
}

/// Verbs whose doers are the parties of the agreement they make ("reached", "concluded",
/// "signed", "negotiated", "sealed"): not a mediator's ("brokered") or an outsider's ("backed").
const MAKING: &[&str] = &[
    "reach",
    "conclude",
    "sign",
    "negotiate",
    "seal",
    "strike",
    "ink",
    "agree",
    "forge",
    "finalise",
    "finalize",
    "clinch",
    "ratify",
    "initial",
    "renew",
    "adopt",
];

/// "an accord reached by A, B, C and D", "the pact concluded by A and B": an event noun
/// modified by a passive participle of making whose agent is named has that agent as its own:
/// a group that made an agreement among itself gives every pair of it.
fn made_by(p: &Parse<'_>, noun: usize, r: &mut Roles) {
    for v in p.kids(noun, &["acl"]).filter(|&v| p.s.tokens[v].xpos == "VBN" && MAKING.contains(&p.lemma(v))) {
        for by in p.kids(v, &["obl:agent"]) {
            actors_of(p, by, "acl>obl:agent", &mut r.agent, 0);
        }
    }
}

/// Gapping: "sold tanks to A, helicopters to B and missiles to C", "pledged $30 million to A
/// and $15 million to B", "shipped 900 tonnes to A and 700 tonnes to B". A conjunct that is no
/// verb and names no actor, with no subject of its own, repeats the verb that the first
/// conjunct has; the parser hangs it on the verb, on its object or on the destination before
/// it. Its own "to"/"on"/"against" phrase is the verb's target, its "from" phrase (of a flow)
/// the verb's source.
fn gapped(p: &Parse<'_>, i: usize, flow: bool, r: &mut Roles) {
    let mut stack = vec![(i, 0usize)];
    let mut seen = 0;
    while let Some((k, depth)) = stack.pop() {
        seen += 1;
        if seen > 64 || depth > 4 {
            continue;
        }
        for &c in &p.children[k] {
            let rel = p.rel(c);
            let nounish = matches!(p.s.tokens[c].upos, Upos::Noun | Upos::Num | Upos::Sym | Upos::Propn);
            if !nounish || !matches!(rel, "obj" | "obl" | "nmod" | "conj" | "dep" | "iobj" | "appos" | "list") {
                continue;
            }
            stack.push((c, depth + 1));
            let remnant = rel == "conj"
                && p.seq.actor[c].is_none()
                && !p.children[c].iter().any(|&d| p.rel(d).starts_with("nsubj"));
            if !remnant {
                continue;
            }
            for d in p.kids(c, &["nmod", "obl"]) {
                let case = p.case(d).unwrap_or_default();
                let path = format!("gapped>conj>nmod:{case}");
                let known = |a: usize, r: &Roles| r.target.iter().chain(&r.source).any(|t| t.0 == a);
                let mut found = Vec::new();
                match case.as_str() {
                    "to" | "on" | "against" => actors_of(p, d, &path, &mut found, 0),
                    "from" if flow => actors_of(p, d, &path, &mut found, 0),
                    _ => continue,
                }
                found.retain(|f| !known(f.0, r));
                if case == "from" {
                    r.source.append(&mut found);
                } else {
                    r.target.append(&mut found);
                }
            }
        }
    }
}

/// An event noun that its verb's subject enters or takes part in: "entered into an alliance with
/// X", "went into a joint venture with X" (any verb with "into"), "took part in talks with X",
/// "engaged in a dispute with X", "participated in exercises with X", and the noun a subject
/// agrees or decides on ("agreed on a loan to X"). The verb's subject is the
/// noun's agent, as of an object ("signed an accord with X"). Other prepositions do not make it
/// a party: "protested against the deal with X", "learnt of the talks with X".
fn entered_into(p: &Parse<'_>, noun: usize, verb: usize) -> bool {
    match p.case(noun).as_deref() {
        Some("into") => true,
        Some("in") => matches!(p.lemma(verb), "participate" | "engage" | "take" | "join" | "involve"),
        // "agreed on a loan to X", "decided on an arms sale to X": what the subject settles.
        Some("on" | "upon") => matches!(p.lemma(verb), "agree" | "decide" | "settle"),
        _ => false,
    }
}

/// An adverbial clause of an infinitive ("to discuss") or of a gerund after its preposition
/// ("after meeting", "by supplying", "in upgrading", "while visiting"), whose understood subject
/// is the subject of the clause it modifies (English adjuncts of this shape are subject-controlled).
fn nonfinite_adverbial(p: &Parse<'_>, v: usize) -> bool {
    let marks: Vec<&str> = p.kids(v, &["mark"]).map(|m| p.lemma(m)).collect();
    marks.contains(&"to")
        || (p.s.tokens[v].xpos == "VBG"
            && marks.iter().any(|m| {
                matches!(*m, "after" | "before" | "by" | "in" | "while" | "when" | "since" | "without" | "upon" | "on")
            }))
}

type Pair = ((usize, String), (usize, String));

/// Every pair of a group, in the order named.
fn pairs_among(g: &[(usize, String)]) -> Vec<Pair> {
    let mut out = Vec::new();
    for (k, x) in g.iter().enumerate() {
        for y in &g[k + 1..] {
            if x.0 != y.0 {
                out.push((x.clone(), y.clone()));
            }
        }
    }
    out
}

/// Source-target pairs by the entry's direction.
fn pairs(r: &Roles, direction: Direction) -> Vec<Pair> {
    let mut out = Vec::new();
    let cross = |a: &[(usize, String)], b: &[(usize, String)], out: &mut Vec<Pair>| {
        for x in a {
            for y in b {
                if x.0 != y.0 {
                    out.push((x.clone(), y.clone()));
                }
            }
        }
    };
    let all = |g: &[(usize, String)], out: &mut Vec<Pair>| out.extend(pairs_among(g));
    match direction {
        Direction::Symmetric => {
            let mut side: Vec<(usize, String)> = r.agent.clone();
            if side.is_empty() {
                side = r.party.clone();
            }
            let mut other: Vec<(usize, String)> = r.partner.clone();
            other.extend(r.target.iter().cloned());
            if side.is_empty() && other.len() >= 2 {
                // "talks between A and B": every pair of the group; "deals with A and B" names
                // only one side (the other is left unsaid), so it pairs nothing.
                let among: Vec<(usize, String)> = other
                    .iter()
                    .filter(|(_, path)| ["between", "among", "amongst"].iter().any(|c| path.contains(c)))
                    .cloned()
                    .collect();
                all(&among, &mut out);
            } else if other.is_empty() {
                // "Canada wants closer European Union ties": with an agent named, the one actor
                // that modifies the noun is the other side.
                // (The parse may name one actor twice, by a compound and its head.)
                let mut modifier: Vec<(usize, String)> = r.party.clone();
                modifier.sort_by_key(|m| m.0);
                modifier.dedup_by_key(|m| m.0);
                let one = modifier.len() == 1 && !r.agent.iter().any(|a| a.0 == modifier[0].0);
                if !r.agent.is_empty() && one {
                    cross(&side, &modifier, &mut out);
                } else {
                    all(&side, &mut out);
                }
            } else {
                // "Serbia and Kosovo met in Brussels": a group that meets at a venue meets
                // among itself too.
                if other.iter().all(|(_, path)| matches!(path.as_str(), "obl:in" | "obl:at")) {
                    all(&side, &mut out);
                }
                cross(&side, &other, &mut out);
            }
        }
        Direction::Forward => {
            let mut src = r.agent.clone();
            let mut tgt = r.target.clone();
            tgt.extend(r.partner.iter().cloned());
            // "demanded compensation from Y": with an agent named, "from" names the other side.
            if src.is_empty() {
                src = r.source.clone();
            } else {
                tgt.extend(r.source.iter().cloned());
            }
            if src.is_empty() && tgt.is_empty() && r.party.len() >= 2 {
                all(&r.party, &mut out);
            }
            if src.is_empty() {
                src = r.party.clone();
            }
            cross(&src, &tgt, &mut out);
        }
        Direction::Reverse => {
            // "X imports oil from Y": Y is the source; "Y's imports" has no source named.
            let src = if r.source.is_empty() { r.target.clone() } else { r.source.clone() };
            let mut tgt = r.agent.clone();
            if tgt.is_empty() {
                tgt = r.party.clone();
            }
            cross(&src, &tgt, &mut out);
        }
    }
    out
}

/// The parser's error of a conjunct hung low: "X said the accord imposes costs on Y and praised
/// Y's resolve" parsed with "praised" coordinated with "imposes" inside the reported clause.
/// When the conjunct is an act done by speaking (praising, criticising, urging: a judgment of
/// a speaker) and the clause's subject `sj` is a thing (no actor, no person, no authority), the
/// thing cannot do it; the conjunct is the speaker's second verb, coordinated with the verb of
/// saying, and takes the speaker as its subject.
fn speaker_of_low_conjunct(p: &Parse<'_>, conj: usize, clause: usize, sj: usize, out: &mut Vec<(usize, String)>) {
    let spoken = matches!(
        p.lemma(conj),
        "praise"
            | "welcome"
            | "hail"
            | "commend"
            | "applaud"
            | "thank"
            | "criticise"
            | "criticize"
            | "condemn"
            | "denounce"
            | "accuse"
            | "blame"
            | "urge"
    );
    let thing = matches!(p.s.tokens[sj].upos, Upos::Noun) && !p.people[sj] && !AUTHORITIES.contains(&p.lemma(sj));
    if !spoken {
        return;
    }
    let say = p.head(clause).filter(|&v| p.rel(clause) == "ccomp" && saying(p.lemma(v)));
    if let (true, Some(say)) = (thing, say) {
        if let Some(speaker) = p.kids(say, &["nsubj"]).next() {
            actors_of(p, speaker, "conj-up>ccomp-up>nsubj", out, 0);
        }
    }
}

/// A clause opened by "that" right after noun `i` that the parse hangs elsewhere ("a complaint
/// that X's law was unfair" with the clause made a relative clause of a noun before, or a
/// conjunct): in English a "that" clause straight after a noun of saying completes that noun.
fn that_clause_after(p: &Parse<'_>, i: usize) -> Option<usize> {
    let that = i + 1;
    if that >= p.rels.len() || p.seq.lower[that] != "that" || p.rel(that) != "mark" {
        return None;
    }
    let c = p.head(that).filter(|&c| c > that)?;
    (p.head(c) != Some(i)).then_some(c)
}

/// "withdrew objections to quotas for X", "lifted limits on imports from X": the object's phrase
/// of direction names a thing, not an actor; whom that thing is for, or whose goods it is, is
/// the other side (a target two prepositions down). Only "for" and "from" on that noun: its
/// other phrases are what it is about ("quotas on beef"); and, for force or a sanction (`force`),
/// "in": a thing attacked or sanctioned in a state ("air strikes on rebel camps in X", "sanctions on banks in
/// X") is an act on that state.
fn beneficiary_below(p: &Parse<'_>, thing: usize, force: bool, path: &str, out: &mut Vec<(usize, String)>) {
    for d in p.kids(thing, &["nmod"]) {
        let case = p.case(d).unwrap_or_default();
        if matches!(case.as_str(), "for" | "from") || (force && case == "in") {
            actors_of(p, d, &format!("{path}>nmod:{case}"), out, 0);
        }
    }
}

/// The subject of a copular "to" clause, a noun ("X's plan is to sell Y jets", "the aim is to
/// ..."): whoever has the plan or aim is the infinitive's understood subject. The parse gives the
/// noun as `nsubj` or `nsubj:outer` of the infinitive, which has "to" and a copula of its own.
fn intention_subject(p: &Parse<'_>, i: usize) -> Option<usize> {
    if !p.is_verb(i) || !p.kids(i, &["mark"]).any(|m| p.lemma(m) == "to") || p.kids(i, &["cop"]).next().is_none() {
        return None;
    }
    p.kids(i, &["nsubj:outer", "nsubj"]).find(|&c| matches!(p.s.tokens[c].upos, Upos::Noun))
}

/// The subject of a request to an actor to judge or settle ("X asked the WTO to rule on ...",
/// "urged the UN to mediate in ..."), given the verb of judging: it must complete (`xcomp`) a
/// verb of asking whose object or indirect object is an actor, the arbiter.
fn asker_of_arbiter(p: &Parse<'_>, judge: usize) -> Option<usize> {
    let judging = matches!(
        p.lemma(judge),
        "rule" | "arbitrate" | "adjudicate" | "mediate" | "settle" | "resolve" | "judge" | "decide"
    );
    let ask = p.head(judge).filter(|_| judging && p.rel(judge) == "xcomp")?;
    let asking = matches!(p.lemma(ask), "ask" | "urge" | "request" | "invite" | "call");
    let arbiter = p.kids(ask, &["obj", "iobj"]).any(|o| p.seq.actor[o].is_some());
    p.kids(ask, &["nsubj"]).next().filter(|_| asking && arbiter)
}

/// Whether a word and its modifiers name no actor ("rebel camps", not "Iraqi camps").
fn no_actor(p: &Parse<'_>, w: usize) -> bool {
    let mut found = Vec::new();
    actors_of(p, w, "", &mut found, 0);
    found.is_empty()
}

/// A noun of a frontier ("border", "frontier"): a phrase of it is where an act happens.
fn border_noun(p: &Parse<'_>, w: usize) -> bool {
    matches!(p.lemma(w), "border" | "borders" | "frontier" | "frontiers" | "boundary" | "doorstep")
}

/// Nouns of the edge of a state's land besides its border, where something lies beside it
/// rather than in it.
const EDGES: &[&str] = &["backyard", "shore", "coast", "coastline", "outskirts"];

/// A phrase of place at the edge of a state ("on Peru's border", "off Japan's coast", "near
/// Russia's frontier"). On a noun ("a port on Peru's border", "a base near Russia's frontier")
/// its possessor says where the thing is, not who takes part; on the verb of a friendly act
/// ("gave Chile a foothold on Peru's coast") too. On a hostile act ("shelled villages along
/// Armenia's border") or as an object ("shelled Armenia's border") the possessor names the state
/// the act is against.
fn beside_a_place(p: &Parse<'_>, noun: usize) -> bool {
    let lemma = p.lemma(noun);
    let edge = border_noun(p, noun)
        || EDGES.contains(&lemma)
        || EDGES.iter().any(|e| p.seq.lower[noun].strip_suffix('s') == Some(e));
    let at =
        matches!(p.case(noun).as_deref(), Some("on" | "at" | "along" | "near" | "off" | "beyond" | "across" | "by"));
    edge && at
}

/// A show or use of force at a border is against the state on the other side: "massed troops
/// along its border with X" (the "with" actor), "on X's border" (the border's own actor when no
/// "with" is named; the acting state itself pairs with nothing). A friendly act at a border has
/// no side there ("gave it an ally on X's borders": a place), so the caller skips it.
fn border_side(p: &Parse<'_>, border: usize, path: &str, out: &mut Vec<(usize, String)>) {
    let before = out.len();
    for d in p.kids(border, &["nmod"]).filter(|&d| p.case(d).as_deref() == Some("with")) {
        actors_of(p, d, &format!("{path}>nmod:with"), out, 0);
    }
    if out.len() == before {
        for c in p.kids(border, &["nmod:poss", "amod", "compound"]) {
            actors_of(p, c, &format!("{path}>{}", p.rel(c)), out, 0);
        }
    }
}

/// "pledged $20 million in aid", "sent 500 tonnes in food aid": an event noun under "in" on a
/// verb whose object is an amount says what the amount is of, so it is the verb's object.
fn amount_in(p: &Parse<'_>, noun: usize, verb: usize) -> bool {
    p.case(noun).as_deref() == Some("in")
        && p.kids(verb, &["obj"]).any(|o| match p.s.tokens[o].upos {
            Upos::Sym | Upos::Num => true,
            Upos::Noun => p.kids(o, &["nummod"]).next().is_some(),
            _ => false,
        })
}

/// The verb "threaten" whose infinitive predicate `i` is ("threatened to impose", "has
/// threatened to cut"), following the verbs it completes; an event noun starts from the verb
/// whose object it is ("threatened to impose sanctions").
fn threatened(p: &Parse<'_>, i: usize) -> Option<usize> {
    let mut cur = i;
    if p.rel(cur) == "obj" && matches!(p.s.tokens[cur].upos, Upos::Noun) {
        cur = p.head(cur)?;
    }
    for _ in 0..3 {
        if p.rel(cur) != "xcomp" {
            return None;
        }
        cur = p.head(cur)?;
        if p.lemma(cur) == "threaten" {
            return Some(cur);
        }
    }
    None
}

/// What a threat of an act of type `threatened` (with its mode) threatens, as PLOVER's THREATEN
/// modes name it: `Some(None)` a threat with no mode named, `None` no threat (a cooperative
/// act "threatened" is not a threat to the other side: "threatened to sign a deal with Y").
fn threat_content(threatened: EventType, mode: Option<&str>) -> Option<Option<&'static str>> {
    Some(match threatened {
        EventType::Sanction => Some("restrict"),
        EventType::Assault | EventType::Mobilize => Some("violence"),
        EventType::Coerce => match mode {
            Some("arrest") => Some("arrest"),
            Some("deport" | "expel") => Some("expel"),
            _ => None,
        },
        EventType::Reject | EventType::Retreat | EventType::Protest => Some("relations"),
        EventType::Threaten | EventType::Accuse | EventType::Request => None,
        _ => return None,
    })
}

/// Modality of predicate `i`: from its auxiliaries, negation, and the verbs it completes.
///
/// `pact`: the predicate is an agreement or talks, which a verb of undoing it refuses ("scrapped
/// the deal", "withdrew from the accord"); another noun under such a verb takes only its
/// auxiliaries and negation ("breached the pipeline" refuses nothing).
///
/// Returns the modality, its cue, whether a cue refuses the act, and whether that refusal is
/// itself denied: a verb of refusing or undoing with "not" or "never" on it or on a verb above
/// ("did not withdraw from the accord", "did not refuse to sell"; not "will not sell", where
/// the negation is the refusal).
fn modality(p: &Parse<'_>, i: usize, lexicon: &Lexicon, pact: bool) -> (Modality, Option<String>, bool, bool) {
    let rank = |m: Modality| match m {
        Modality::Negated => 4,
        Modality::Hypothetical => 3,
        Modality::Hoped => 2,
        Modality::Planned => 1,
        Modality::Actual => 0,
    };
    // Past an infinitive of purpose or a noun of permission, a refusal above denies the act
    // without making it a rejection of its own ("would not give permission to X to help Y").
    let past_purpose = std::cell::Cell::new(false);
    let mut best: Option<(Modality, String, bool)> = None;
    let mut consider = |m: Modality, cue: String, refusal: bool| {
        let (m, refusal) = if refusal && past_purpose.get() { (Modality::Negated, false) } else { (m, refusal) };
        if refusal || best.as_ref().is_none_or(|b| !b.2 && rank(m) > rank(b.0)) {
            best = Some((m, cue, refusal));
        }
    };
    let lookup = |words: Vec<&str>| {
        let few = Few(words);
        let slot = GateSlot::of(few.0[0]);
        lexicon.modality.match_in_slot(&few, 0, slot).filter(|(_, n)| *n == few.0.len()).map(|(m, _)| *m)
    };
    let mut cur = i;
    // Whether `cur` is the verb whose object (or "from" phrase) the event noun is.
    let mut up_from_noun = false;
    // The first step at which a verb's own meaning refuses, and the steps negated.
    let mut refusing_verb: Option<usize> = None;
    let mut negated_at: Vec<usize> = Vec::new();
    // "X's plan is to sell": the noun of intention gives the modality as its verb would.
    if let Some(noun) = intention_subject(p, i) {
        let (form, lemma) = (p.seq.lower[noun].as_str(), p.lemma(noun));
        if let Some(m) = lookup(vec![form, "to"]).or_else(|| lookup(vec![lemma, "to"])).or_else(|| lookup(vec![form])) {
            consider(m.modality, format!("{form} is to"), m.refusal);
        }
    }
    for step in 0..6 {
        // "will not", "would never": an auxiliary with a negation refuses.
        let aux = p.children[cur].iter().copied().find(|&c| p.rel(c) == "aux");
        let neg =
            p.children[cur].iter().copied().find(|&c| p.rel(c) == "advmod" && matches!(p.lemma(c), "not" | "never"));
        if let (Some(a), Some(n)) = (aux, neg) {
            if let Some(m) = lookup(vec![&p.seq.lower[a], p.lemma(n)]) {
                consider(m.modality, format!("{} {}", p.seq.lower[a], p.seq.lower[n]), m.refusal);
            }
        }
        for c in p.children[cur].iter().copied() {
            let r = p.rel(c);
            let l = p.lemma(c);
            let form = p.seq.lower[c].clone();
            if (r == "advmod" || r == "neg" || r == "det") && matches!(l, "not" | "never" | "no") {
                negated_at.push(step);
                consider(Modality::Negated, form, false);
            } else if r == "aux" {
                if let Some(m) = lookup(vec![&form]) {
                    consider(m.modality, form, m.refusal);
                }
            } else if r == "mark" && matches!(l, "if" | "unless") {
                consider(Modality::Hypothetical, form, false);
            } else if r == "advcl" {
                // A condition on the act ("X would sell gas to Y if the pipeline is built",
                // "if the talks fail, X will impose sanctions on Y"): hypothetical.
                if let Some(m) = p.kids(c, &["mark"]).find(|&m| matches!(p.lemma(m), "if" | "unless")) {
                    consider(Modality::Hypothetical, p.seq.lower[m].clone(), false);
                }
            }
        }
        // A clause that a verb of hoping takes ("officials hope that X will support Y",
        // "expects that X will sign"): what is hoped for, not what happened.
        if p.rel(cur) == "ccomp" {
            if let Some(h) = p.head(cur) {
                let m = lookup(vec![&p.seq.lower[h]]).or_else(|| lookup(vec![p.lemma(h)]));
                if let Some(m) = m.filter(|m| m.modality == Modality::Hoped) {
                    consider(m.modality, p.seq.lower[h].clone(), false);
                }
            }
        }
        if step > 0 && (pact || !up_from_noun) {
            // The verb completed ("agreed to sell"): its form with "to" in the modality lexicon.
            let form = p.seq.lower[cur].clone();
            let lemma = p.lemma(cur);
            let m = lookup(vec![&form, "to"]).or_else(|| lookup(vec![&lemma, "to"])).or_else(|| lookup(vec![&form]));
            if let Some(m) = m {
                if m.refusal {
                    refusing_verb.get_or_insert(step);
                }
                consider(m.modality, format!("{form} to"), m.refusal);
            }
        }
        // "withdrew from the accord": the verb with the noun's preposition.
        let through = if step == 0 && pact && matches!(p.s.tokens[cur].upos, Upos::Noun) {
            cue_through(p, cur, lexicon)
        } else {
            None
        };
        if let Some((m, cue)) = &through {
            if m.refusal {
                // The verb is the next step up.
                refusing_verb.get_or_insert(step + 1);
            }
            consider(m.modality, cue.clone(), m.refusal);
        }
        // The verb completed, or the verb whose object the event noun is ("did not sign the
        // treaty", "did not withdraw from the treaty").
        let noun_object =
            step == 0 && (p.rel(cur) == "obj" || through.is_some()) && matches!(p.s.tokens[cur].upos, Upos::Noun);
        up_from_noun = noun_object;
        // A clause that completes a noun ("no plans to sell", "no intention of selling",
        // "announced plans to buy"): the noun's determiner and the noun with "to" give it.
        let noun_complement = p.rel(cur) == "acl"
            && p.children[cur].iter().any(|&c| p.rel(c) == "mark" && matches!(p.lemma(c), "to" | "of"));
        // "sent troops to help Y", "would not give permission to X to help Y": the act of
        // purpose, and the act permitted, are as done as the verb they hang on.
        let purpose = (p.rel(cur) == "advcl"
            && p.children[cur].iter().any(|&c| p.rel(c) == "mark" && p.lemma(c) == "to"))
            || (step > 0 && p.rel(cur) == "obj" && permission_noun(p, cur));
        match p.head(cur) {
            Some(h) if p.rel(cur) == "xcomp" || noun_object || noun_complement || purpose => {
                if purpose {
                    past_purpose.set(true);
                }
                cur = h;
            }
            _ => break,
        }
    }
    let denied = refusing_verb.is_some_and(|r| negated_at.iter().any(|&n| n >= r));
    match best {
        Some((m, cue, refusal)) => (m, Some(cue), refusal, refusal && denied),
        None => (Modality::Actual, None, false, false),
    }
}

/// The cue of `modality.tsv` that a verb and the preposition of its `obl` make together
/// ("withdrew from", "pulled out of", "walked away from"), with its words: the verb's form, its
/// particles and adverbs, and the noun's prepositions, as they stand in the sentence between the
/// verb and the noun.
fn cue_through(p: &Parse<'_>, noun: usize, lexicon: &Lexicon) -> Option<(crate::lexicon::ModalityCue, String)> {
    if p.rel(noun) != "obl" {
        return None;
    }
    let verb = p.head(noun).filter(|&h| h < noun && p.is_verb(h))?;
    let last = p.kids(noun, &["case"]).filter(|&c| c > verb).max()?;
    if last - verb > 3 {
        return None;
    }
    let mut words: Vec<&str> = vec![&p.seq.lower[verb]];
    for w in verb + 1..=last {
        let own = p.head(w) == Some(verb) && matches!(p.rel(w), "advmod" | "compound:prt");
        let case = p.head(w) == Some(noun) && p.rel(w) == "case";
        if !own && !case {
            return None;
        }
        words.push(&p.seq.lower[w]);
    }
    let few = Few(words);
    let slot = GateSlot::of(few.0[0]);
    let (cue, n) = lexicon.modality.match_in_slot(&few, 0, slot)?;
    (n == few.0.len()).then(|| (*cue, few.0.join(" ")))
}

/// A sector word among the predicate's own dependents and theirs (not other clauses).
fn sector_word(p: &Parse<'_>, i: usize, lexicon: &Lexicon) -> Option<(Sector, usize, bool, usize)> {
    sector_word_below(p, i, lexicon, false)
}

/// [`sector_word`], leaving out the predicate's own word when `below_only` ("imports" is a
/// trade word, but what "imports oil" trades is the oil).
fn sector_word_below(
    p: &Parse<'_>,
    i: usize,
    lexicon: &Lexicon,
    below_only: bool,
) -> Option<(Sector, usize, bool, usize)> {
    let mut best: Option<(Sector, usize, bool, usize)> = None;
    let mut stack = vec![(i, 0usize)];
    // "the tanks that X sent to Y": a relative pronoun object stands for the noun its clause
    // modifies, and that noun is what the verb acts on.
    if p.rel(i).starts_with("acl") {
        let relative = p.kids(i, &["obj", "nsubj:pass"]).any(|o| matches!(p.lemma(o), "that" | "which"));
        if let Some(noun) = p.head(i).filter(|_| relative) {
            stack.push((noun, 1));
        }
    }
    let mut seen = 0;
    while let Some((k, depth)) = stack.pop() {
        seen += 1;
        if seen > 64 {
            break;
        }
        if let Some((cue, _)) = lexicon.sectors.match_at(&p.seq, k).filter(|_| !(below_only && k == i)) {
            let dist = k.abs_diff(i);
            let better = match &best {
                None => true,
                Some((_, d, strong, _)) => (cue.strong && !strong) || (cue.strong == *strong && dist < *d),
            };
            if better {
                best = Some((cue.sector, dist, cue.strong, k));
            }
        }
        if depth < 3 {
            for &c in &p.children[k] {
                let r = p.rel(c);
                let clause = matches!(r, "ccomp" | "advcl" | "parataxis" | "acl:relcl" | "csubj")
                    || (r == "conj" && p.is_verb(c));
                if !clause && p.seq.actor[c].is_none() {
                    stack.push((c, depth + 1));
                }
            }
        }
    }
    best
}

/// Help is in the dimension of what it is for: "gave technical help to Y to build an irrigation
/// network" is farming, "lent Y money to modernise its refineries" energy. A strong sector word
/// of the aid's infinitive of purpose ("to build ...", the parse's `advcl` with "to"), which
/// [`sector_word`] leaves out as another clause, outranks a weak one of the aid itself
/// ("technical", "technological").
fn purpose_sector(p: &Parse<'_>, i: usize, lexicon: &Lexicon) -> Option<(Sector, usize, bool, usize)> {
    // "provided assistance to Y to build ...": the purpose hangs on the verb whose object the aid is.
    let verb = if p.rel(i) == "obj" { p.head(i).unwrap_or(i) } else { i };
    p.kids(i, &["advcl"])
        .chain(p.kids(verb, &["advcl"]).filter(|_| verb != i))
        .filter(|&c| p.kids(c, &["mark"]).any(|m| p.lemma(m) == "to"))
        .find_map(|c| sector_word(p, c, lexicon).filter(|w| w.2))
}

/// Talks are in the dimension of what they are about, wherever the parse hangs the topic: "held
/// talks on debt relief" (the "on" phrase on the light verb, not on the noun), "met to discuss
/// border security" (an infinitive of a verb of discussing). A strong sector word there.
fn topic_sector(p: &Parse<'_>, i: usize, lexicon: &Lexicon) -> Option<(Sector, usize, bool, usize)> {
    let verb = if matches!(p.rel(i), "obj" | "nsubj:pass") { p.head(i).unwrap_or(i) } else { i };
    let about = |c: usize| matches!(p.case(c).as_deref(), Some("on" | "over" | "about" | "concerning" | "regarding"));
    let topics = p.kids(verb, &["obl"]).filter(|&c| verb != i && about(c));
    let discuss = |c: usize| {
        p.kids(c, &["mark"]).any(|m| p.lemma(m) == "to")
            && matches!(p.lemma(c), "discuss" | "negotiate" | "debate" | "review" | "address" | "resolve" | "settle")
    };
    let purposes =
        p.kids(i, &["advcl", "xcomp"]).chain(p.kids(verb, &["advcl"]).filter(|_| verb != i)).filter(|&c| discuss(c));
    topics.chain(purposes).find_map(|c| sector_word(p, c, lexicon).filter(|w| w.2))
}

/// Organisations whose field is one dimension of relations, as their charters set it: the
/// WTO, GATT, EFTA and Mercosur trade, OPEC and the IEA energy.
const FIELD_OF_ORGANISATION: &[(&str, Sector)] = &[
    ("WTO", Sector::Trade),
    ("GATT", Sector::Trade),
    ("EFTA", Sector::Trade),
    ("MERCOSUR", Sector::Trade),
    ("OPEC", Sector::Energy),
    ("IEA", Sector::Energy),
];

/// The field of an organisation of [`FIELD_OF_ORGANISATION`] that the sentence names, with its
/// code. A diplomatic act with no word of its own for its dimension, in a sentence that names
/// one, is in that field, friendly or not: "France and Italy held talks at the WTO" are about
/// trade, "agreed at the OPEC meeting to cooperate" about oil, "asked the WTO to rule on its
/// dispute with Chile" a trade dispute. The document's topic actor is not in the sentence.
fn field_in_sentence<'a>(actors: &[ActorSpan<'a>]) -> Option<(&'a str, Sector)> {
    actors.iter().filter(|a| a.first != usize::MAX).find_map(|a| field_of(a.code).map(|f| (a.code, f)))
}

/// The field of an organisation of [`FIELD_OF_ORGANISATION`], by its code (the pairing rules
/// use it as the parse does: `extract.rs`).
pub(crate) fn field_of(code: &str) -> Option<Sector> {
    FIELD_OF_ORGANISATION.iter().find(|(c, _)| *c == code).map(|&(_, f)| f)
}

/// The sector: fixed by the trigger, else a word below the predicate, else the entry's default.
fn sector(p: &Parse<'_>, i: usize, entry: &Entry<'_>, lexicon: &Lexicon) -> (Sector, Option<String>) {
    let goods = matches!(entry, Entry::Trigger(t) if t.goods);
    let mut word = sector_word_below(p, i, lexicon, goods);
    if entry_type(entry) == EventType::Aid && word.is_none_or(|w| !w.2) {
        word = purpose_sector(p, i, lexicon).or(word);
    }
    if matches!(entry_type(entry), EventType::Consult | EventType::Agree) && word.is_none_or(|w| !w.2) {
        word = topic_sector(p, i, lexicon).or(word);
    }
    let cue = |w: &(Sector, usize, bool, usize)| Some(p.s.tokens[w.3].form.clone());
    match entry {
        Entry::Trigger(t) => {
            let force = matches!(t.event_type, EventType::Assault | EventType::Mobilize | EventType::Coerce);
            if t.fixed || (force && word.as_ref().is_none_or(|w| w.0 != Sector::Cyber)) {
                return (t.sector, None);
            }
            match word {
                Some(w)
                    if !t.goods
                        || matches!(w.0, Sector::Energy | Sector::Arms | Sector::Military | Sector::Security) =>
                {
                    (w.0, cue(&w))
                }
                _ => (t.sector, None),
            }
        }
        Entry::Cameo { event_type, hint, .. } => {
            // An arrest or deportation is policing, a fine or ban a sanction (see `hint`).
            if let (EventType::Coerce, Some(h @ (Sector::Security | Sector::Sanctions))) = (event_type, hint) {
                return (*h, None);
            }
            let force = matches!(event_type, EventType::Assault | EventType::Mobilize | EventType::Coerce);
            if force {
                return (
                    if word.is_some_and(|w| w.0 == Sector::Cyber) { Sector::Cyber } else { Sector::Military },
                    None,
                );
            }
            // Sanctions, embargoes, export bans; expelling envoys or breaking ties is diplomacy.
            if *event_type == EventType::Sanction {
                return (if *hint == Some(Sector::Diplomacy) { Sector::Diplomacy } else { Sector::Sanctions }, None);
            }
            match word {
                Some(w) => (w.0, cue(&w)),
                None => (hint.unwrap_or(Sector::Diplomacy), None),
            }
        }
    }
}
