//! Plain data shared by every stage of the entente pipeline.
//!
//! The pipeline is `Document` (a page as scraped) → [`Article`] (title, body paragraphs,
//! captions, ... each split into sentences) → [`Mention`]s of actors → [`Relation`]s between
//! actors. This crate holds only those types: no parsing, no I/O, no global state. Every type is
//! plain data with public fields and serialises to the JSON shapes of
//! `../shared/spec/relations.md` (the contract), so the binary can print them as they are.
//!
//! Offsets: every `start`/`end` pair in this crate is a byte range into [`Article::text`], the
//! article's extracted text, and always falls on UTF-8 character boundaries.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A document as it arrives: one article, as scraped, with what the input said about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date as given by the input: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub content: Content,
}

/// The body of a [`Document`]: text as scraped, or the page's HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Content {
    Text(String),
    Html(String),
}

impl Content {
    pub fn as_str(&self) -> &str {
        match self {
            Content::Text(s) | Content::Html(s) => s,
        }
    }
}

/// A byte range into [`Article::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $s)] $variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $s),* } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$variant),)* _ => None } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

string_enum!(
    /// What a kept part of the page is.
    PartKind {
        Title => "title",
        Body => "body",
        Caption => "caption",
        PullQuote => "pull_quote",
        Bio => "bio",
    }
);

impl PartKind {
    /// Parts whose sentences may carry relations (spec §1: body and captions; a pull quote
    /// repeats the body, a bio and a title are not evidence).
    pub fn carries_relations(self) -> bool {
        matches!(self, PartKind::Body | PartKind::Caption)
    }
}

/// One kept part of the article: a body paragraph, the title, a caption...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub kind: PartKind,
    pub start: usize,
    pub end: usize,
    pub sentences: Vec<Span>,
}

/// Why a line of the page was dropped as boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    Navigation,
    Widget,
    Copyright,
    Credit,
    Contact,
    Social,
    Cookie,
    Share,
    Related,
    Comment,
    Advert,
    Byline,
    Other,
}

/// A line of the page that was dropped, kept so a person can check what went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    pub text: String,
    pub reason: DropReason,
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Given with the document.
    Input,
    /// `<meta property="article:published_time">` and its kin.
    Meta,
    /// schema.org JSON-LD `datePublished`.
    JsonLd,
    /// A `<time datetime>` element.
    Time,
    /// The page's URL (`/2016/12/21/`).
    Url,
    /// A visible dateline ("December 21, 2016", "MOSCOW, Dec 21 (Reuters)").
    Dateline,
    /// A copyright year: an upper bound only.
    Copyright,
}

/// The publication date of an article, with its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PubDate {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub value: String,
    pub source: DateSource,
    /// True unless the input gave the date.
    pub inferred: bool,
    /// The text it was read from, for a person to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl PubDate {
    pub fn year(&self) -> Option<i32> {
        self.value.get(..4)?.parse().ok()
    }
}

/// A page read into an article. `text` is the extracted text; every offset points into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<PubDate>,
    pub author: Option<String>,
    /// The kept parts, each separated from the next by a blank line.
    pub text: String,
    pub parts: Vec<Part>,
    pub dropped: Vec<Dropped>,
    /// Things a person should know (invalid UTF-8 replaced, ...). Never fatal.
    pub warnings: Vec<String>,
}

impl Article {
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }
    /// Every sentence of the article in order, with the index and kind of its part.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, PartKind, Span)> + '_ {
        self.parts.iter().enumerate().flat_map(|(i, p)| p.sentences.iter().map(move |s| (i, p.kind, *s)))
    }
}

string_enum!(
    /// What kind of actor a code stands for (spec §2). `Company` (a firm that counts for its
    /// state), `Agency` (a state agency, central bank, news agency or armed service), `Ministry`
    /// (a ministry or department of a government) and `OfficeHolder` (a person holding an office
    /// of the state) appear only in the output's `source_actor`/`target_actor`: a mention's own
    /// kind is that of its code.
    ActorKind {
        State => "state",
        Igo => "igo",
        Group => "group",
        FormerState => "former_state",
        Company => "company",
        Agency => "agency",
        Ministry => "ministry",
        OfficeHolder => "office_holder",
    }
);

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionRole {
    /// The actor's own name or alias ("Israel", "the UK", "EEU").
    Name,
    /// An adjective or demonym ("Israeli", "Azeri").
    Adjective,
    /// A capital or seat of government used for the government ("Baku").
    Capital,
    /// An office holder ("Netanyahu", "Prime Minister Yitzhak Rabin").
    Person,
    /// A title with a country ("the Iranian foreign minister").
    Office,
    /// A company, ministry or body whose state the text gives ("GTIB (Israel)").
    Body,
    /// A pronoun or phrase pointing back ("the two countries", "its").
    Coreference,
}

/// One mention of an actor in the article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// The rolled-up actor code (ISO3, IGO short name, group name); borrowed from the
    /// gazetteer, so that a mention costs no allocation.
    pub code: Cow<'static, str>,
    pub kind: ActorKind,
    /// The actor's canonical name ("Israel").
    pub name: Cow<'static, str>,
    pub role: MentionRole,
    /// For persons and offices: the office, its holder and dates, as the gazetteer has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonInfo>,
    /// The company, agency or ministry that acts for the state ("Petrobras", a company), when
    /// the mention names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<Agent>,
}

impl Mention {
    /// The name and kind the output shows for this mention's actor: the organisation or office
    /// holder that acts (spec §4 `source_actor`), else the actor of its code.
    pub fn shown(&self) -> (Cow<'static, str>, ActorKind) {
        if let Some(a) = &self.agent {
            return (a.name.clone(), a.kind);
        }
        match &self.person {
            Some(p) if matches!(self.role, MentionRole::Person | MentionRole::Office) => {
                let name = if p.name.is_empty() { &p.office } else { &p.name };
                if name.is_empty() {
                    (self.name.clone(), self.kind)
                } else {
                    (Cow::Owned(name.clone()), ActorKind::OfficeHolder)
                }
            }
            _ => (self.name.clone(), self.kind),
        }
    }
}

/// An organisation behind a [`Mention`]: its name and kind (company, agency, ministry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub name: Cow<'static, str>,
    pub kind: ActorKind,
}

/// An office holder behind a [`Mention`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInfo {
    pub name: String,
    pub office: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

string_enum!(
    /// Cooperative or conflictual (spec §3).
    Polarity {
        Cooperative => "cooperative",
        Conflictual => "conflictual",
    }
);

string_enum!(
    /// Whether the relation happened, is planned, hoped, conditional or denied (spec §3).
    Modality {
        Actual => "actual",
        Planned => "planned",
        Hoped => "hoped",
        Hypothetical => "hypothetical",
        Negated => "negated",
    }
);

string_enum!(
    /// The dimension of a tie (spec §3, "Sectors").
    Sector {
        Energy => "energy",
        Trade => "trade",
        Economy => "economy",
        Technology => "technology",
        Cyber => "cyber",
        Agriculture => "agriculture",
        Arms => "arms",
        Military => "military",
        Security => "security",
        Diplomacy => "diplomacy",
        Sanctions => "sanctions",
        Other => "other",
    }
);

string_enum!(
    /// The PLOVER event type (spec §3).
    EventType {
        Agree => "AGREE",
        Consult => "CONSULT",
        Support => "SUPPORT",
        Concede => "CONCEDE",
        Cooperate => "COOPERATE",
        Aid => "AID",
        Retreat => "RETREAT",
        Request => "REQUEST",
        Accuse => "ACCUSE",
        Reject => "REJECT",
        Threaten => "THREATEN",
        Protest => "PROTEST",
        Sanction => "SANCTION",
        Mobilize => "MOBILIZE",
        Coerce => "COERCE",
        Assault => "ASSAULT",
    }
);

impl EventType {
    /// The modes the PLOVER manual (2021) defines for the type (its tables "CONSULT modes" to
    /// "ASSAULT modes"); AGREE, SUPPORT, CONCEDE, COOPERATE and AID have none.
    pub fn modes(self) -> &'static [&'static str] {
        match self {
            EventType::Agree | EventType::Support | EventType::Concede | EventType::Cooperate | EventType::Aid => &[],
            EventType::Consult => &["visit", "third-party", "multilateral", "phone"],
            EventType::Retreat => &["withdraw", "release", "disarm", "ceasefire", "access", "resign"],
            EventType::Request | EventType::Reject => &["assist", "change", "yield", "meet"],
            EventType::Accuse => &["disapprove", "investigate", "allege"],
            EventType::Threaten => &["restrict", "arrest", "relations", "expel", "territory", "violence"],
            EventType::Protest => &["demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"],
            EventType::Sanction => &["convict", "expel", "withdraw", "discontinue"],
            EventType::Mobilize => &["troops", "weapons", "police", "militia"],
            EventType::Coerce => &[
                "seize",
                "restrict",
                "censor",
                "curfew",
                "martial-law",
                "arrest",
                "deport",
                "withhold",
                "misinformation",
                "cyber",
            ],
            EventType::Assault => &[
                "abduct",
                "beat",
                "torture",
                "sexual",
                "targeted",
                "destroy",
                "primitive",
                "firearms",
                "explosives",
                "suicide-attack",
                "aerial",
                "drone",
                "heavy-weapons",
                "crowd-control",
                "unconventional",
            ],
        }
    }

    /// PLOVER's split: AGREE to RETREAT cooperate, REQUEST to ASSAULT conflict.
    pub fn polarity(self) -> Polarity {
        if self <= EventType::Retreat {
            Polarity::Cooperative
        } else {
            Polarity::Conflictual
        }
    }
}

/// An amount the text gives for a relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// In base units: "$5 billion" is 5000000000.
    pub value: f64,
    /// `percent`, an ISO 4217 code, or a counted noun (`troops`, `tonnes`, `barrels_per_day`).
    pub unit: String,
    /// What it measures, when the text says.
    #[serde(default)]
    pub of: Option<String>,
}

/// When a relation holds: either end may be open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSpan {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// The sentence that states a relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub part: PartKind,
}

/// The actor at one end of a relation, as the output shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    pub name: String,
    pub kind: ActorKind,
}

/// One claim the text makes about two actors (spec §3, §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub doc: String,
    pub source: String,
    pub target: String,
    pub sector: Sector,
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The PLOVER mode of the act, where the manual defines modes for its type and the
    /// dictionary entry that coded it names one (`CONSULT` "visit", `COERCE` "arrest").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    pub polarity: Polarity,
    pub modality: Modality,
    pub quantities: Vec<Quantity>,
    pub time: TimeSpan,
    pub source_actor: ActorRef,
    pub target_actor: ActorRef,
    pub evidence: Evidence,
    pub confidence: f64,
    /// Why the extractor said so: cue words and the rule that fired (`--explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// The cue words and rule behind a relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub rule: String,
    pub cues: Vec<String>,
}

/// Checks a date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
pub fn is_partial_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7) && (1..=12).contains(&num(5..7)),
        10 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && (1..=12).contains(&num(5..7))
                && (1..=31).contains(&num(8..10))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polarity_follows_plover_order() {
        assert_eq!(EventType::Retreat.polarity(), Polarity::Cooperative);
        assert_eq!(EventType::Agree.polarity(), Polarity::Cooperative);
        assert_eq!(EventType::Request.polarity(), Polarity::Conflictual);
        assert_eq!(EventType::Sanction.polarity(), Polarity::Conflictual);
    }

    #[test]
    fn partial_dates() {
        for ok in ["2016", "2016-12", "2016-12-21"] {
            assert!(is_partial_date(ok), "{ok}");
        }
        for bad in ["16", "2016-13", "2016-12-32", "2016/12/21", "", "abcd"] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }

    #[test]
    fn relation_serialises_with_spec_field_names() {
        let r = Relation {
            doc: "d".into(),
            source: "ISR".into(),
            target: "AZE".into(),
            sector: Sector::Arms,
            event_type: EventType::Aid,
            mode: None,
            polarity: Polarity::Cooperative,
            modality: Modality::Planned,
            quantities: vec![Quantity { value: 5e9, unit: "USD".into(), of: Some("arms".into()) }],
            time: TimeSpan::default(),
            source_actor: ActorRef { name: "Israel".into(), kind: ActorKind::State },
            target_actor: ActorRef { name: "Azerbaijan".into(), kind: ActorKind::State },
            evidence: Evidence { text: "x".into(), start: 0, end: 1, part: PartKind::Body },
            confidence: 0.9,
            explain: None,
        };
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["type"], "AID");
        assert_eq!(v["sector"], "arms");
        assert_eq!(v["modality"], "planned");
        assert_eq!(v["evidence"]["part"], "body");
        assert_eq!(v["time"]["start"], serde_json::Value::Null);
        assert!(v.get("explain").is_none());
        // No mode: no field; a mode: after the type.
        assert!(v.get("mode").is_none());
        let visit = Relation { event_type: EventType::Consult, mode: Some("visit".into()), ..r };
        let text = serde_json::to_string(&visit).unwrap();
        assert!(text.contains(r#""type":"CONSULT","mode":"visit","polarity""#), "{text}");
        let back: Relation = serde_json::from_str(&text).unwrap();
        assert_eq!(back, visit);
    }

    #[test]
    fn modes_are_the_plover_manual_s() {
        let all = |t: EventType| t.modes().len();
        assert_eq!(all(EventType::Agree) + all(EventType::Support) + all(EventType::Aid), 0);
        assert!(EventType::Consult.modes().contains(&"visit"));
        assert!(EventType::Coerce.modes().contains(&"arrest") && !EventType::Assault.modes().contains(&"arrest"));
        assert_eq!(EventType::Request.modes(), EventType::Reject.modes());
    }
}
