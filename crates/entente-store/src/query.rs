//! The answers to the questions asked across a corpus, and the period they are asked over.
//! Every answer is plain data (serialisable), ordered deterministically by the backend.
//!
//! Dates: a relation's date is its own start (else its end, else its article's date), as
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A [`Period`] keeps the relations whose date overlaps it,
//! at the precision of each: "2016" overlaps `--since 2016-05`; undated relations fall outside
//! any period.

use entente_core::{ActorKind, EventType, Modality, PartKind, Polarity, Sector};
use serde::Serialize;

/// A time window; either end may be open. Bounds are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
/// ([`Period::new`] checks them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    pub since: Option<String>,
    pub until: Option<String>,
}

/// What is wrong with the bounds given for a [`Period`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// `bound` (`since` or `until`) is not a partial date.
    NotADate { bound: &'static str, value: String },
    /// `since` is after `until`.
    Reversed { since: String, until: String },
}

impl Period {
    /// The period between `since` and `until` (each `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or
    /// open), `since` not after `until`: the one validation of the command line and the API.
    pub fn new(since: Option<&str>, until: Option<&str>) -> std::result::Result<Period, PeriodError> {
        for (bound, value) in [("since", since), ("until", until)] {
            if let Some(v) = value.filter(|v| !entente_core::is_partial_date(v)) {
                return Err(PeriodError::NotADate { bound, value: v.to_string() });
            }
        }
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(PeriodError::Reversed { since: s.to_string(), until: u.to_string() });
            }
        }
        Ok(Period { since: since.map(str::to_string), until: until.map(str::to_string) })
    }
}

/// An actor's code with its name and kind as the store knows them (from the relations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorName {
    pub code: String,
    pub name: Option<String>,
    pub kind: Option<ActorKind>,
}

/// A value (a modality, an event type) and how many relations have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count<T> {
    pub value: T,
    pub relations: u64,
}

/// An amount stated for a tie, with how often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    pub value: f64,
    pub unit: String,
    pub of: Option<String>,
    pub relations: u64,
    pub documents: u64,
}

/// An evidence sentence with its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceItem {
    pub text: String,
    pub part: PartKind,
    pub confidence: f64,
    pub doc: String,
    /// The document's date (given or inferred).
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: String,
    pub target: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub modality: Modality,
}

/// One sector and polarity of a pair's relations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tie {
    pub sector: Sector,
    pub polarity: Polarity,
    pub documents: u64,
    pub relations: u64,
    /// Relations with the profile's first actor as source, and with the second.
    pub a_to_b: u64,
    pub b_to_a: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    pub modalities: Vec<Count<Modality>>,
    pub types: Vec<Count<EventType>>,
    pub amounts: Vec<Amount>,
    /// The strongest evidence sentences (by confidence), each sentence once.
    pub evidence: Vec<EvidenceItem>,
}

/// The partnership profile of a pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadProfile {
    pub a: ActorName,
    pub b: ActorName,
    pub period: Period,
    pub documents: u64,
    pub relations: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// By documents, then relations.
    pub ties: Vec<Tie>,
}

/// Documents and relations for one sector and polarity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TieCount {
    pub sector: Sector,
    pub polarity: Polarity,
    pub documents: u64,
    pub relations: u64,
}

/// An actor's tie with one other actor, for one polarity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerTie {
    pub actor: ActorName,
    /// How many sectors the tie spans.
    pub breadth: u64,
    /// Documents stating it (the tie's weight).
    pub documents: u64,
    pub relations: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// By documents.
    pub sectors: Vec<TieCount>,
}

/// An actor's ties split into partners (cooperative) and rivals (conflictual), each ranked by
/// breadth (sectors), then weight (documents), then relations, then code; `limit` of each, if
/// given: the one ranking of every backend's [`crate::Backend::actor`].
pub fn rank_ties(
    ties: impl IntoIterator<Item = (Polarity, PartnerTie)>,
    limit: Option<usize>,
) -> (Vec<PartnerTie>, Vec<PartnerTie>) {
    let (mut partners, mut rivals) = (Vec::new(), Vec::new());
    for (polarity, tie) in ties {
        match polarity {
            Polarity::Conflictual => rivals.push(tie),
            Polarity::Cooperative => partners.push(tie),
        }
    }
    for list in [&mut partners, &mut rivals] {
        list.sort_by(|x, y| {
            (y.breadth, y.documents, y.relations)
                .cmp(&(x.breadth, x.documents, x.relations))
                .then_with(|| x.actor.code.cmp(&y.actor.code))
        });
        if let Some(n) = limit {
            list.truncate(n);
        }
    }
    (partners, rivals)
}

/// An actor's partners and rivals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorProfile {
    pub actor: ActorName,
    pub period: Period,
    pub documents: u64,
    pub relations: u64,
    /// Cooperative ties, by breadth then weight.
    pub partners: Vec<PartnerTie>,
    /// Conflictual ties, by breadth then weight.
    pub rivals: Vec<PartnerTie>,
}

/// One month (or year, for relations dated only by year) of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineRow {
    /// `YYYY-MM`, or `YYYY` for relations dated to the year only.
    pub month: String,
    pub documents: u64,
    pub relations: u64,
    pub cooperative: u64,
    pub conflictual: u64,
    pub sectors: Vec<TieCount>,
}

/// Relations by month for a pair (or for one actor with everyone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub a: ActorName,
    pub b: Option<ActorName>,
    pub period: Period,
    pub months: Vec<TimelineRow>,
    /// Relations with no date at all (left out of the months).
    pub undated: u64,
}

/// A full-text search over evidence sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    /// Pass `text` to the backend's full-text syntax as it is (SQLite FTS5's: `AND`, `OR`,
    /// `NEAR`, `"phrases"`, `prefix*`); otherwise every word must appear.
    pub raw: bool,
    pub limit: usize,
}

/// A relation stated by a sentence found by search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchRelation {
    pub source: String,
    pub target: String,
    pub sector: Sector,
    pub polarity: Polarity,
    pub modality: Modality,
    #[serde(rename = "type")]
    pub event_type: EventType,
}

/// A sentence found by search, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub doc: String,
    pub date: Option<String>,
    pub url: Option<String>,
    pub part: PartKind,
    pub text: String,
    /// The sentence with the matches in `[brackets]`.
    pub snippet: String,
    pub relations: Vec<SearchRelation>,
}
