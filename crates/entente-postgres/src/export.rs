//! Exports: every relation in the spec's shape (streamed in chunks from one snapshot), the actor
//! graph's nodes, dyad-years.

use std::collections::BTreeMap;

use entente_core::{
    ActorKind, ActorRef, EventType, Evidence, Explanation, Modality, PartKind, Polarity, Quantity, Relation, Sector,
    TimeSpan,
};
use entente_store::{DyadYear, ExportRow, GraphNode, LinkCount};

use crate::query::u;
use crate::vocabulary::{get, get_opt};
use crate::{At, PgStore, Result};

/// Relations read per round trip while streaming them.
const CHUNK: i64 = 2000;

impl PgStore {
    /// Calls `f` with every stored relation, in the order stored, without holding them all,
    /// until `f` says no more (`false`). The relations are read from one snapshot (a
    /// repeatable-read transaction), so a batch committed meanwhile is seen whole or not at all.
    pub fn each_relation(&self, f: &mut dyn FnMut(ExportRow) -> bool) -> Result<()> {
        let p = &self.path;
        self.client().batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").at(p)?;
        let result = self.each_relation_in_snapshot(f);
        let end = self.client().batch_execute(if result.is_ok() { "COMMIT" } else { "ROLLBACK" }).at(p);
        result.and(end)
    }

    fn each_relation_in_snapshot(&self, f: &mut dyn FnMut(ExportRow) -> bool) -> Result<()> {
        let p = &self.path;
        let mut after = i64::MIN;
        loop {
            let rows = self
                .client()
                .query(
                    "SELECT r.id, d.doc_id, r.source, r.target, r.sector, r.type, r.polarity,
                            r.modality, r.time_start, r.time_end, s.text, s.start, s.\"end\", s.part,
                            r.confidence, r.explain, sa.name, sa.kind, ta.name, ta.kind,
                            d.url, COALESCE(d.article_date, d.date), r.date, r.mode
                     FROM relations r
                     JOIN documents d ON d.id = r.doc
                     JOIN sentences s ON s.id = r.sentence
                     LEFT JOIN actors sa ON sa.code = r.source
                     LEFT JOIN actors ta ON ta.code = r.target
                     WHERE r.id > $1
                     ORDER BY r.id LIMIT $2",
                    &[&after, &CHUNK],
                )
                .at(p)?;
            let Some(last) = rows.last() else {
                return Ok(());
            };
            after = last.get(0);
            let ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
            let mut quantities = self.quantities(&ids)?;
            for r in &rows {
                let id: i64 = r.get(0);
                let source: String = r.get(2);
                let target: String = r.get(3);
                let actor = |name: Option<String>, kind: Option<&str>, code: &str| ActorRef {
                    name: name.unwrap_or_else(|| code.to_string()),
                    kind: kind.and_then(ActorKind::parse).unwrap_or(ActorKind::State),
                };
                let explain: Option<String> = r.get(15);
                let explain: Option<Explanation> = explain.and_then(|e| serde_json::from_str(&e).ok());
                let relation = Relation {
                    doc: r.get(1),
                    source_actor: actor(r.get(16), r.get(17), &source),
                    target_actor: actor(r.get(18), r.get(19), &target),
                    source,
                    target,
                    sector: get::<Sector>(r, 4, p)?,
                    event_type: get::<EventType>(r, 5, p)?,
                    mode: r.get(23),
                    polarity: get::<Polarity>(r, 6, p)?,
                    modality: get::<Modality>(r, 7, p)?,
                    quantities: quantities
                        .remove(&id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|q| Quantity { value: q.value, unit: q.unit, of: q.of })
                        .collect(),
                    time: TimeSpan { start: r.get(8), end: r.get(9) },
                    evidence: Evidence {
                        text: r.get(10),
                        start: u(r.get(11)) as usize,
                        end: u(r.get(12)) as usize,
                        part: get::<PartKind>(r, 13, p)?,
                    },
                    confidence: r.get(14),
                    explain,
                };
                if !f(ExportRow { relation, url: r.get(20), doc_date: r.get(21), date: r.get(22) }) {
                    return Ok(());
                }
            }
            if (rows.len() as i64) < CHUNK {
                return Ok(());
            }
        }
    }

    /// Every actor in a relation between two different actors, by code, with its documents and
    /// relations.
    pub fn graph_nodes(&self) -> Result<Vec<GraphNode>> {
        let p = &self.path;
        let rows = self
            .client()
            .query(
                "SELECT e.code, COALESCE(min(x.name), e.code), min(x.kind), count(DISTINCT e.doc), count(*)
                 FROM (SELECT source AS code, doc FROM relations WHERE source <> target
                       UNION ALL
                       SELECT target AS code, doc FROM relations WHERE source <> target) e
                 LEFT JOIN actors x ON x.code = e.code
                 GROUP BY e.code ORDER BY e.code",
                &[],
            )
            .at(p)?;
        rows.iter()
            .map(|r| {
                Ok(GraphNode {
                    code: r.get(0),
                    name: r.get(1),
                    kind: get_opt(r, 2, p)?,
                    documents: u(r.get(3)),
                    relations: u(r.get(4)),
                })
            })
            .collect()
    }

    /// Every unordered pair of different actors per year of its relations' dates (undated
    /// relations are left out), with documents and relations per sector and polarity.
    pub fn dyad_years(&self) -> Result<Vec<DyadYear>> {
        let p = &self.path;
        let mut years: BTreeMap<(String, String, i32), DyadYear> = BTreeMap::new();
        let mut c = self.client();
        for r in c
            .query(
                "SELECT LEAST(source, target) AS a, GREATEST(source, target) AS b,
                        CAST(substr(date, 1, 4) AS INTEGER) AS y, count(DISTINCT doc), count(*)
                 FROM relations
                 WHERE source <> target AND date ~ '^[0-9]{4}'
                 GROUP BY 1, 2, 3",
                &[],
            )
            .at(p)?
        {
            let (a, b, year): (String, String, i32) = (r.get(0), r.get(1), r.get(2));
            years.insert(
                (a.clone(), b.clone(), year),
                DyadYear { a, b, year, documents: u(r.get(3)), relations: u(r.get(4)), links: Vec::new() },
            );
        }
        let links = c
            .query(
                "SELECT LEAST(source, target) AS a, GREATEST(source, target) AS b,
                        CAST(substr(date, 1, 4) AS INTEGER) AS y, sector, polarity,
                        count(DISTINCT doc), count(*)
                 FROM relations
                 WHERE source <> target AND date ~ '^[0-9]{4}'
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
                &[],
            )
            .at(p)?;
        drop(c);
        for r in &links {
            let key: (String, String, i32) = (r.get(0), r.get(1), r.get(2));
            if let Some(dy) = years.get_mut(&key) {
                dy.links.push(LinkCount {
                    sector: get(r, 3, p)?,
                    polarity: get(r, 4, p)?,
                    documents: u(r.get(5)),
                    relations: u(r.get(6)),
                });
            }
        }
        Ok(years.into_values().collect())
    }
}
