//! Exports: every relation in the spec's shape, the actor graph, dyad-years.

use entente_core::{ActorKind, Polarity, Relation, Sector};
use serde::Serialize;

/// A stored relation, as the extractor gave it, with its document's URL and date.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    pub relation: Relation,
    pub url: Option<String>,
    /// The document's date (given or inferred).
    pub doc_date: Option<String>,
    /// The relation's effective date: its own start, else its end, else the document's.
    pub date: Option<String>,
}

/// An actor of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphNode {
    pub code: String,
    pub name: String,
    /// The actor's kind; none for a code the actors table does not hold (`""` on the wire).
    #[serde(serialize_with = "kind_or_empty")]
    pub kind: Option<ActorKind>,
    pub documents: u64,
    pub relations: u64,
}

impl GraphNode {
    /// The kind as the exports write it: its name, or empty.
    pub fn kind_text(&self) -> &'static str {
        self.kind.map_or("", ActorKind::as_str)
    }
}

fn kind_or_empty<S: serde::Serializer>(kind: &Option<ActorKind>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(kind.map_or("", ActorKind::as_str))
}

/// The relations of one unordered pair (`a` < `b`) in one sector and polarity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    pub a: String,
    pub b: String,
    pub sector: Sector,
    pub polarity: Polarity,
    /// Documents stating it: the edge's weight.
    pub documents: u64,
    pub relations: u64,
    pub a_to_b: u64,
    pub b_to_a: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// The actor graph: nodes by code, edges by pair, sector and polarity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// Documents and relations of one sector and polarity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkCount {
    pub sector: Sector,
    pub polarity: Polarity,
    pub documents: u64,
    pub relations: u64,
}

/// One unordered pair (`a` < `b`) in one year: the unit of dyad-year datasets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DyadYear {
    pub a: String,
    pub b: String,
    pub year: i32,
    pub documents: u64,
    pub relations: u64,
    pub links: Vec<LinkCount>,
}
