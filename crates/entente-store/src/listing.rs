//! The listings the web map asks for: actors with their ties, relations by filter (with their
//! documents and evidence), a pair's evidence sentences, stored documents, and the map's graph,
//! which is worked out here from the backend's edges.

use std::collections::{BTreeMap, BTreeSet};

use entente_core::{ActorKind, EventType, Modality, PartKind, Polarity, Sector};
use serde::Serialize;

use crate::{Period, Result, Store};

/// A page of a list: at most `limit` rows from `offset` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
}

/// A page of a list, with how many rows the whole list has when that is known.
#[derive(Debug, Clone, Serialize)]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub total: Option<u64>,
    pub limit: usize,
    pub offset: usize,
}

impl<T> Listing<T> {
    pub fn new(items: Vec<T>, total: Option<u64>, page: Page) -> Self {
        Listing { items, total, limit: page.limit, offset: page.offset }
    }
    /// A page cut from a whole list held in memory.
    pub fn slice(all: Vec<T>, page: Page) -> Self {
        let total = all.len() as u64;
        let items = all.into_iter().skip(page.offset).take(page.limit).collect();
        Listing::new(items, Some(total), page)
    }
}

/// An actor with how widely it is tied.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRow {
    pub code: String,
    pub name: Option<String>,
    pub kind: Option<ActorKind>,
    /// Distinct actors it has any relation with.
    pub ties: u64,
    /// Distinct actors it has cooperative relations with.
    pub partners: u64,
    /// Distinct actors it has conflictual relations with.
    pub rivals: u64,
    pub documents: u64,
    pub relations: u64,
}

/// A filter over relations between two different actors. Every field narrows; `None` leaves
/// it open.
#[derive(Debug, Clone, Default)]
pub struct RelationFilter {
    pub actor: Option<String>,
    pub pair: Option<(String, String)>,
    pub sector: Option<Sector>,
    pub polarity: Option<Polarity>,
    pub modality: Option<Modality>,
    pub period: Period,
    pub doc: Option<String>,
}

/// An actor at one end of a relation.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRef {
    pub name: Option<String>,
    pub kind: Option<ActorKind>,
}

/// An amount stated by a relation.
#[derive(Debug, Clone, Serialize)]
pub struct QuantityRow {
    pub value: f64,
    pub unit: String,
    pub of: Option<String>,
}

/// A relation's evidence sentence.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    pub text: String,
    pub start: i64,
    pub end: i64,
    pub part: PartKind,
}

/// The time a relation gives.
#[derive(Debug, Clone, Serialize)]
pub struct TimeRow {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// A stored relation in the spec's shape, with its document's title, date and URL.
#[derive(Debug, Clone, Serialize)]
pub struct RelationRow {
    pub id: i64,
    pub doc: String,
    /// The document's title: the one given with it, else the one the reader found.
    pub doc_title: Option<String>,
    pub doc_date: Option<String>,
    pub url: Option<String>,
    pub source: String,
    pub target: String,
    pub sector: Sector,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub polarity: Polarity,
    pub modality: Modality,
    pub quantities: Vec<QuantityRow>,
    pub time: TimeRow,
    /// The relation's own date, else its document's.
    pub date: Option<String>,
    pub source_actor: ActorRef,
    pub target_actor: ActorRef,
    pub evidence: EvidenceRow,
    pub confidence: f64,
}

/// One relation a sentence states, as the evidence list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceRelation {
    pub source: String,
    pub target: String,
    pub sector: Sector,
    pub polarity: Polarity,
    pub modality: Modality,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub confidence: f64,
    pub time: TimeRow,
    pub quantities: Vec<QuantityRow>,
}

/// A run of an evidence sentence, naming the actor when it is a mention of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

/// An evidence sentence of a pair, with its document and the relations it states.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceRow {
    pub sentence: i64,
    pub text: String,
    pub part: PartKind,
    /// The sentence cut into runs, the pair's actors marked (filled by the caller).
    pub segments: Vec<Segment>,
    pub doc: String,
    /// The document's title: the one given with it, else the one the reader found.
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub relations: Vec<SentenceRelation>,
}

/// A stored document's metadata.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The date given with the document.
    pub date: Option<String>,
    /// The date the reader settled (given or inferred).
    pub article_date: Option<String>,
    pub extractor_version: String,
    pub ingested_at: String,
    pub relations: u64,
    /// The content hash ([`crate::document_hash`]); not on the wire.
    #[serde(skip)]
    pub hash: String,
    /// The title the reader found (the given one, else the page's headline); not on the wire
    /// here (the API's document route sends it as `article_title`).
    #[serde(skip)]
    pub article_title: Option<String>,
}

impl DocumentRow {
    /// The title to show: the one given with the document, else the one the reader found.
    pub fn shown_title(&self) -> Option<&str> {
        self.title.as_deref().or(self.article_title.as_deref())
    }
}

/// A node of the map.
#[derive(Debug, Clone, Serialize)]
pub struct MapNode {
    pub code: String,
    pub name: Option<String>,
    pub kind: Option<ActorKind>,
    /// Distinct actors it is tied to in the map.
    pub partners: u64,
    /// Documents over its edges (a document counts once per edge).
    pub weight: u64,
}

/// An edge of the map: one unordered pair (`a` < `b`) in one sector and polarity.
#[derive(Debug, Clone, Serialize)]
pub struct MapEdge {
    pub a: String,
    pub b: String,
    pub sector: Sector,
    pub polarity: Polarity,
    pub documents: u64,
    pub relations: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// The map: the best-tied actors and the edges among them.
#[derive(Debug, Clone, Serialize)]
pub struct MapGraph {
    pub nodes: Vec<MapNode>,
    pub edges: Vec<MapEdge>,
    /// Actors before the `limit` cut.
    pub total_nodes: u64,
    pub truncated: bool,
}

impl Store {
    /// The map: edges per unordered pair, sector and polarity among the relations matching
    /// `filter` (its `actor`, if any, keeps that actor, its neighbours and the edges among
    /// them), then the `limit` actors with the most partners and the edges among them.
    pub fn map(&self, filter: &RelationFilter, limit: usize) -> Result<MapGraph> {
        let mut f = filter.clone();
        let ego = f.actor.take();
        let mut edges: Vec<MapEdge> = self
            .edges(&f)?
            .into_iter()
            .map(|e| MapEdge {
                a: e.a,
                b: e.b,
                sector: e.sector,
                polarity: e.polarity,
                documents: e.documents,
                relations: e.relations,
                first: e.first,
                last: e.last,
            })
            .collect();
        if let Some(ego) = &ego {
            let mut keep: BTreeSet<String> = BTreeSet::new();
            keep.insert(ego.clone());
            for e in &edges {
                if &e.a == ego {
                    keep.insert(e.b.clone());
                } else if &e.b == ego {
                    keep.insert(e.a.clone());
                }
            }
            edges.retain(|e| keep.contains(&e.a) && keep.contains(&e.b));
        }
        let mut neighbours: BTreeMap<&str, (BTreeSet<&str>, u64)> = BTreeMap::new();
        for e in &edges {
            for (x, y) in [(&e.a, &e.b), (&e.b, &e.a)] {
                let n = neighbours.entry(x).or_default();
                n.0.insert(y);
                n.1 += e.documents;
            }
        }
        let mut ranked: Vec<(&str, u64, u64)> =
            neighbours.iter().map(|(c, (ns, w))| (*c, ns.len() as u64, *w)).collect();
        ranked.sort_by(|x, y| (y.1, y.2).cmp(&(x.1, x.2)).then_with(|| x.0.cmp(y.0)));
        let total_nodes = ranked.len() as u64;
        let truncated = ranked.len() > limit;
        ranked.truncate(limit);
        let mut nodes = Vec::with_capacity(ranked.len());
        for (code, _, weight) in &ranked {
            let known = self.actor_name(code)?;
            nodes.push(MapNode { code: known.code, name: known.name, kind: known.kind, partners: 0, weight: *weight });
        }
        let kept: BTreeSet<String> = ranked.iter().map(|r| r.0.to_string()).collect();
        edges.retain(|e| kept.contains(&e.a) && kept.contains(&e.b));
        // Partners within the map as drawn.
        let mut degree: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for e in &edges {
            degree.entry(&e.a).or_default().insert(&e.b);
            degree.entry(&e.b).or_default().insert(&e.a);
        }
        for n in &mut nodes {
            n.partners = degree.get(n.code.as_str()).map_or(0, |s| s.len() as u64);
        }
        Ok(MapGraph { nodes, edges, total_nodes, truncated })
    }
}
