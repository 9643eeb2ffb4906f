//! Exports: every relation in the spec's shape (streamed), the actor graph's nodes and edges,
//! dyad-years.

use std::collections::BTreeMap;

use entente_core::{
    ActorKind, ActorRef, EventType, Evidence, Explanation, Modality, PartKind, Polarity, Quantity, Relation, Sector,
    TimeSpan,
};
use entente_store::{DyadYear, ExportRow, GraphEdge, GraphNode, LinkCount};
use rusqlite::types::ToSql;

use crate::{At, Result, SqliteStore};

fn u(n: i64) -> u64 {
    n.max(0) as u64
}

impl SqliteStore {
    /// Calls `f` with every stored relation, in the order stored, without holding them all,
    /// until `f` says no more (`false`).
    pub fn each_relation(&self, f: &mut dyn FnMut(ExportRow) -> bool) -> Result<()> {
        let p = &self.path;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.id, d.doc_id, r.source, r.target, r.sector, r.type, r.polarity,
                        r.modality, r.time_start, r.time_end, s.text, s.start, s.end, s.part,
                        r.confidence, r.explain, sa.name, sa.kind, ta.name, ta.kind,
                        d.url, COALESCE(d.article_date, d.date), r.date, r.mode
                 FROM relations r
                 JOIN documents d ON d.id = r.doc
                 JOIN sentences s ON s.id = r.sentence
                 LEFT JOIN actors sa ON sa.code = r.source
                 LEFT JOIN actors ta ON ta.code = r.target
                 ORDER BY r.id",
            )
            .at(p)?;
        let mut quantities =
            self.conn.prepare("SELECT value, unit, of FROM quantities WHERE relation = ?1 ORDER BY rowid").at(p)?;
        let mut rows = stmt.query([]).at(p)?;
        while let Some(r) = rows.next().at(p)? {
            let id: i64 = r.get(0).at(p)?;
            let text = |i: usize| -> Result<String> { r.get(i).at(p) };
            let bad = |what: &str, v: String| self.invalid(format!("relation {id}: {what} {v:?}"));
            let sector = text(4)?;
            let sector = Sector::parse(&sector).ok_or_else(|| bad("sector", sector))?;
            let ty = text(5)?;
            let event_type = EventType::parse(&ty).ok_or_else(|| bad("type", ty))?;
            let pol = text(6)?;
            let polarity = Polarity::parse(&pol).ok_or_else(|| bad("polarity", pol))?;
            let modal = text(7)?;
            let modality = Modality::parse(&modal).ok_or_else(|| bad("modality", modal))?;
            let part = text(13)?;
            let part = PartKind::parse(&part).ok_or_else(|| bad("part", part))?;
            let source: String = text(2)?;
            let target: String = text(3)?;
            let actor = |name: Option<String>, kind: Option<String>, code: &str| ActorRef {
                name: name.unwrap_or_else(|| code.to_string()),
                kind: kind.as_deref().and_then(ActorKind::parse).unwrap_or(ActorKind::State),
            };
            let explain: Option<String> = r.get(15).at(p)?;
            let explain: Option<Explanation> = explain.and_then(|e| serde_json::from_str(&e).ok());
            let quantities = quantities
                .query_map([id], |q| Ok(Quantity { value: q.get(0)?, unit: q.get(1)?, of: q.get(2)? }))
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .at(p)?;
            let relation = Relation {
                doc: text(1)?,
                source_actor: actor(r.get(16).at(p)?, r.get(17).at(p)?, &source),
                target_actor: actor(r.get(18).at(p)?, r.get(19).at(p)?, &target),
                source,
                target,
                sector,
                event_type,
                mode: r.get(23).at(p)?,
                polarity,
                modality,
                quantities,
                time: TimeSpan { start: r.get(8).at(p)?, end: r.get(9).at(p)? },
                evidence: Evidence {
                    text: text(10)?,
                    start: u(r.get(11).at(p)?) as usize,
                    end: u(r.get(12).at(p)?) as usize,
                    part,
                },
                confidence: r.get(14).at(p)?,
                explain,
            };
            if !f(ExportRow { relation, url: r.get(20).at(p)?, doc_date: r.get(21).at(p)?, date: r.get(22).at(p)? }) {
                break;
            }
        }
        Ok(())
    }

    /// Every actor in a relation between two different actors, by code, with its documents and
    /// relations.
    pub fn graph_nodes(&self) -> Result<Vec<GraphNode>> {
        let p = &self.path;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT e.code, COALESCE(x.name, e.code), x.kind,
                        count(DISTINCT e.doc), count(*)
                 FROM (SELECT source AS code, doc FROM relations WHERE source != target
                       UNION ALL
                       SELECT target AS code, doc FROM relations WHERE source != target) e
                 LEFT JOIN actors x ON x.code = e.code
                 GROUP BY e.code ORDER BY e.code",
            )
            .at(p)?;
        stmt.query_map([], |r| {
            Ok(GraphNode {
                code: r.get(0)?,
                name: r.get(1)?,
                kind: crate::vocabulary::get_opt(r, 2)?,
                documents: u(r.get(3)?),
                relations: u(r.get(4)?),
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .at(p)
    }

    /// One edge per unordered pair, sector and polarity among the relations (`relations r`)
    /// that `clause` keeps, by pair, sector and polarity (the export's graph and the map's).
    pub(crate) fn edges_where(&self, clause: &str, values: &[(&str, &dyn ToSql)]) -> Result<Vec<GraphEdge>> {
        let sql = format!(
            "SELECT min(r.source, r.target) AS a, max(r.source, r.target) AS b, r.sector, r.polarity,
                    count(DISTINCT r.doc), count(*), sum(r.source < r.target), min(r.date), max(r.date)
             FROM relations r WHERE {clause}
             GROUP BY a, b, r.sector, r.polarity ORDER BY a, b, r.sector, r.polarity"
        );
        let p = &self.path;
        let mut stmt = self.conn.prepare_cached(&sql).at(p)?;
        let edges = stmt
            .query_map(values, |r| {
                let relations = u(r.get(5)?);
                let a_to_b = u(r.get(6)?);
                Ok(GraphEdge {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    sector: crate::vocabulary::get(r, 2)?,
                    polarity: crate::vocabulary::get(r, 3)?,
                    documents: u(r.get(4)?),
                    relations,
                    a_to_b,
                    b_to_a: relations - a_to_b,
                    first: r.get(7)?,
                    last: r.get(8)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .at(p)?;
        Ok(edges)
    }

    /// Every unordered pair of different actors per year of its relations' dates (undated
    /// relations are left out), with documents and relations per sector and polarity.
    pub fn dyad_years(&self) -> Result<Vec<DyadYear>> {
        let p = &self.path;
        let mut years: BTreeMap<(String, String, i32), DyadYear> = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT min(source, target) AS a, max(source, target) AS b,
                        CAST(substr(date, 1, 4) AS INTEGER) AS y, count(DISTINCT doc), count(*)
                 FROM relations
                 WHERE source != target AND date GLOB '[0-9][0-9][0-9][0-9]*'
                 GROUP BY a, b, y",
            )
            .at(p)?;
        let mut rows = stmt.query([]).at(p)?;
        while let Some(r) = rows.next().at(p)? {
            let (a, b, year): (String, String, i32) = (r.get(0).at(p)?, r.get(1).at(p)?, r.get(2).at(p)?);
            years.insert(
                (a.clone(), b.clone(), year),
                DyadYear {
                    a,
                    b,
                    year,
                    documents: u(r.get(3).at(p)?),
                    relations: u(r.get(4).at(p)?),
                    links: Vec::new(),
                },
            );
        }
        drop(rows);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT min(source, target) AS a, max(source, target) AS b,
                        CAST(substr(date, 1, 4) AS INTEGER) AS y, sector, polarity,
                        count(DISTINCT doc), count(*)
                 FROM relations
                 WHERE source != target AND date GLOB '[0-9][0-9][0-9][0-9]*'
                 GROUP BY a, b, y, sector, polarity ORDER BY a, b, y, sector, polarity",
            )
            .at(p)?;
        let mut rows = stmt.query([]).at(p)?;
        while let Some(r) = rows.next().at(p)? {
            let key: (String, String, i32) = (r.get(0).at(p)?, r.get(1).at(p)?, r.get(2).at(p)?);
            if let Some(dy) = years.get_mut(&key) {
                dy.links.push(LinkCount {
                    sector: crate::vocabulary::get(r, 3).at(p)?,
                    polarity: crate::vocabulary::get(r, 4).at(p)?,
                    documents: u(r.get(5).at(p)?),
                    relations: u(r.get(6).at(p)?),
                });
            }
        }
        Ok(years.into_values().collect())
    }
}
