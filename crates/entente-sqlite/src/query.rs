//! Reading: the questions asked across a corpus. Every answer is plain data (serialisable),
//! ordered deterministically.
//!
//! Dates: a relation's date is its own start (else its end, else its article's date), as
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A [`Period`] keeps the relations whose date overlaps it,
//! at the precision of each: "2016" overlaps `--since 2016-05`; undated relations fall outside
//! any period.

use std::collections::BTreeMap;

use entente_core::{ActorKind, Polarity, Sector};
use entente_store::{
    ActorName, ActorProfile, Amount, Count, DyadProfile, EvidenceItem, PartnerTie, Period, SearchHit, SearchQuery,
    SearchRelation, Tie, TieCount, Timeline, TimelineRow,
};
use rusqlite::{named_params, OptionalExtension};

use crate::vocabulary;
use crate::{At, Result, SqliteStore, StoreError};

// SQL fragments, joined at compile time (never with user values, which are bound).
macro_rules! pair {
    () => {
        "((r.source = :a AND r.target = :b) OR (r.source = :b AND r.target = :a))"
    };
}
macro_rules! one {
    () => {
        "((r.source = :a OR r.target = :a) AND r.source != r.target)"
    };
}
macro_rules! period {
    () => {
        "(:since IS NULL OR (r.date IS NOT NULL AND r.date >= substr(:since, 1, length(r.date))))
         AND (:until IS NULL OR (r.date IS NOT NULL AND substr(r.date, 1, length(:until)) <= :until))"
    };
}

/// Turns plain words into an FTS5 query where each must appear: every word is quoted, so
/// punctuation and FTS5 operators in user text are taken literally.
pub fn fts_quote(text: &str) -> String {
    text.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

fn u(n: i64) -> u64 {
    n.max(0) as u64
}

impl SqliteStore {
    /// The actor with this code, or failing that this name (either case-insensitive), among
    /// the actors the store has seen. `None` if it has never appeared in a relation.
    pub fn resolve_actor(&self, text: &str) -> Result<Option<ActorName>> {
        self.conn
            .prepare_cached(
                "SELECT code, name, kind FROM actors
                 WHERE code = upper(:t) OR lower(name) = lower(:t)
                 ORDER BY code = upper(:t) DESC, code LIMIT 1",
            )
            .at(&self.path)?
            .query_row(named_params! {":t": text.trim()}, |r| {
                Ok(ActorName { code: r.get(0)?, name: r.get(1)?, kind: vocabulary::get_opt(r, 2)? })
            })
            .optional()
            .at(&self.path)
    }

    /// The actor as the store knows it; the bare code if it has never appeared.
    pub fn actor_name(&self, code: &str) -> Result<ActorName> {
        let found = self
            .conn
            .prepare_cached("SELECT name, kind FROM actors WHERE code = ?1")
            .at(&self.path)?
            .query_row([code], |r| Ok((r.get(0)?, vocabulary::get::<ActorKind>(r, 1)?)))
            .optional()
            .at(&self.path)?;
        let (name, kind) = found.unzip();
        Ok(ActorName { code: code.to_string(), name, kind })
    }

    /// The partnership profile of `a` and `b` (codes): per sector and polarity, documents,
    /// relations, first and last dates, modalities, types, amounts, and the `evidence` strongest
    /// sentences.
    pub fn dyad(&self, a: &str, b: &str, period: &Period, evidence: usize) -> Result<DyadProfile> {
        let p = &self.path;
        let params = named_params! {
            ":a": a, ":b": b, ":since": period.since, ":until": period.until,
        };
        let (documents, relations, first, last) = self
            .conn
            .prepare_cached(concat!(
                "SELECT count(DISTINCT r.doc), count(*), min(r.date), max(r.date)
                 FROM relations r WHERE ",
                pair!(),
                " AND ",
                period!()
            ))
            .at(p)?
            .query_row(params, |r| {
                Ok((u(r.get(0)?), u(r.get(1)?), r.get::<_, Option<String>>(2)?, r.get::<_, Option<String>>(3)?))
            })
            .at(p)?;

        let mut ties: Vec<Tie> = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT r.sector, r.polarity, count(DISTINCT r.doc), count(*),
                        sum(r.source = :a), min(r.date), max(r.date)
                 FROM relations r WHERE ",
                pair!(),
                " AND ",
                period!(),
                " GROUP BY r.sector, r.polarity ORDER BY 3 DESC, 4 DESC, 1, 2"
            ))
            .at(p)?;
        let mut rows = stmt.query(params).at(p)?;
        while let Some(r) = rows.next().at(p)? {
            let relations = u(r.get(3).at(p)?);
            let a_to_b = u(r.get(4).at(p)?);
            ties.push(Tie {
                sector: vocabulary::get(r, 0).at(p)?,
                polarity: vocabulary::get(r, 1).at(p)?,
                documents: u(r.get(2).at(p)?),
                relations,
                a_to_b,
                b_to_a: relations - a_to_b,
                first: r.get(5).at(p)?,
                last: r.get(6).at(p)?,
                modalities: Vec::new(),
                types: Vec::new(),
                amounts: Vec::new(),
                evidence: Vec::new(),
            });
        }
        drop(rows);
        drop(stmt);
        let index: BTreeMap<(Sector, Polarity), usize> =
            ties.iter().enumerate().map(|(i, t)| ((t.sector, t.polarity), i)).collect();
        let tie = |sector: Sector, polarity: Polarity| index.get(&(sector, polarity)).copied();

        let by_modality = concat!(
            "SELECT r.sector, r.polarity, r.modality, count(*) FROM relations r WHERE ",
            pair!(),
            " AND ",
            period!(),
            " GROUP BY 1, 2, 3 ORDER BY 4 DESC, 3"
        );
        let by_type = concat!(
            "SELECT r.sector, r.polarity, r.type, count(*) FROM relations r WHERE ",
            pair!(),
            " AND ",
            period!(),
            " GROUP BY 1, 2, 3 ORDER BY 4 DESC, 3"
        );
        for (sql, modal) in [(by_modality, true), (by_type, false)] {
            let mut stmt = self.conn.prepare_cached(sql).at(p)?;
            let mut rows = stmt.query(params).at(p)?;
            while let Some(r) = rows.next().at(p)? {
                if let Some(i) = tie(vocabulary::get(r, 0).at(p)?, vocabulary::get(r, 1).at(p)?) {
                    let relations = u(r.get(3).at(p)?);
                    if modal {
                        ties[i].modalities.push(Count { value: vocabulary::get(r, 2).at(p)?, relations });
                    } else {
                        ties[i].types.push(Count { value: vocabulary::get(r, 2).at(p)?, relations });
                    }
                }
            }
        }

        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT r.sector, r.polarity, q.value, q.unit, q.of, count(*), count(DISTINCT r.doc)
                 FROM relations r JOIN quantities q ON q.relation = r.id WHERE ",
                pair!(),
                " AND ",
                period!(),
                " GROUP BY 1, 2, 3, 4, 5 ORDER BY q.unit, q.value DESC, q.of"
            ))
            .at(p)?;
        let mut rows = stmt.query(params).at(p)?;
        while let Some(r) = rows.next().at(p)? {
            if let Some(i) = tie(vocabulary::get(r, 0).at(p)?, vocabulary::get(r, 1).at(p)?) {
                ties[i].amounts.push(Amount {
                    value: r.get(2).at(p)?,
                    unit: r.get(3).at(p)?,
                    of: r.get(4).at(p)?,
                    relations: u(r.get(5).at(p)?),
                    documents: u(r.get(6).at(p)?),
                });
            }
        }
        drop(rows);
        drop(stmt);

        if evidence > 0 {
            let mut stmt = self
                .conn
                .prepare_cached(concat!(
                    "SELECT sector, polarity, text, part, confidence, doc_id, doc_date, url,
                            source, target, type, modality
                     FROM (
                        SELECT *, row_number() OVER (PARTITION BY sector, polarity
                                    ORDER BY confidence DESC, doc_date DESC, sid) AS rank
                        FROM (
                            SELECT r.sector AS sector, r.polarity AS polarity, s.id AS sid,
                                   s.text AS text, s.part AS part, max(r.confidence) AS confidence,
                                   d.doc_id AS doc_id, COALESCE(d.article_date, d.date) AS doc_date,
                                   d.url AS url, r.source AS source, r.target AS target,
                                   r.type AS type, r.modality AS modality
                            FROM relations r
                            JOIN sentences s ON s.id = r.sentence
                            JOIN documents d ON d.id = r.doc
                            WHERE ",
                    pair!(),
                    " AND ",
                    period!(),
                    "       GROUP BY r.sector, r.polarity, s.text
                        )
                     )
                     WHERE rank <= :n ORDER BY sector, polarity, rank"
                ))
                .at(p)?;
            let mut rows = stmt
                .query(named_params! {
                    ":a": a, ":b": b, ":since": period.since, ":until": period.until,
                    ":n": evidence as i64,
                })
                .at(p)?;
            while let Some(r) = rows.next().at(p)? {
                if let Some(i) = tie(vocabulary::get(r, 0).at(p)?, vocabulary::get(r, 1).at(p)?) {
                    ties[i].evidence.push(EvidenceItem {
                        text: r.get(2).at(p)?,
                        part: vocabulary::get(r, 3).at(p)?,
                        confidence: r.get(4).at(p)?,
                        doc: r.get(5).at(p)?,
                        date: r.get(6).at(p)?,
                        url: r.get(7).at(p)?,
                        source: r.get(8).at(p)?,
                        target: r.get(9).at(p)?,
                        event_type: vocabulary::get(r, 10).at(p)?,
                        modality: vocabulary::get(r, 11).at(p)?,
                    });
                }
            }
        }

        Ok(DyadProfile {
            a: self.actor_name(a)?,
            b: self.actor_name(b)?,
            period: period.clone(),
            documents,
            relations,
            first,
            last,
            ties,
        })
    }

    /// An actor's partners (cooperative ties) and rivals (conflictual ties), each ranked by
    /// breadth (sectors), then weight (documents), then relations; `limit` of each, if given.
    pub fn actor(&self, a: &str, period: &Period, limit: Option<usize>) -> Result<ActorProfile> {
        let p = &self.path;
        let params = named_params! {":a": a, ":since": period.since, ":until": period.until};
        let (documents, relations) = self
            .conn
            .prepare_cached(concat!(
                "SELECT count(DISTINCT r.doc), count(*) FROM relations r WHERE ",
                one!(),
                " AND ",
                period!()
            ))
            .at(p)?
            .query_row(params, |r| Ok((u(r.get(0)?), u(r.get(1)?))))
            .at(p)?;

        // (other, polarity) -> tie
        let mut ties: BTreeMap<(String, Polarity), PartnerTie> = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT CASE WHEN r.source = :a THEN r.target ELSE r.source END AS other,
                        r.polarity, count(DISTINCT r.doc), count(*), min(r.date), max(r.date),
                        count(DISTINCT r.sector), x.name, x.kind
                 FROM relations r
                 LEFT JOIN actors x ON x.code = CASE WHEN r.source = :a THEN r.target ELSE r.source END
                 WHERE ",
                one!(),
                " AND ",
                period!(),
                " GROUP BY other, r.polarity"
            ))
            .at(p)?;
        let mut rows = stmt.query(params).at(p)?;
        while let Some(r) = rows.next().at(p)? {
            let code: String = r.get(0).at(p)?;
            let polarity: Polarity = vocabulary::get(r, 1).at(p)?;
            ties.insert(
                (code.clone(), polarity),
                PartnerTie {
                    actor: ActorName { code, name: r.get(7).at(p)?, kind: vocabulary::get_opt(r, 8).at(p)? },
                    breadth: u(r.get(6).at(p)?),
                    documents: u(r.get(2).at(p)?),
                    relations: u(r.get(3).at(p)?),
                    first: r.get(4).at(p)?,
                    last: r.get(5).at(p)?,
                    sectors: Vec::new(),
                },
            );
        }
        drop(rows);
        drop(stmt);

        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT CASE WHEN r.source = :a THEN r.target ELSE r.source END AS other,
                        r.polarity, r.sector, count(DISTINCT r.doc), count(*)
                 FROM relations r WHERE ",
                one!(),
                " AND ",
                period!(),
                " GROUP BY other, r.polarity, r.sector ORDER BY 4 DESC, 5 DESC, 3"
            ))
            .at(p)?;
        let mut rows = stmt.query(params).at(p)?;
        while let Some(r) = rows.next().at(p)? {
            let key: (String, Polarity) = (r.get(0).at(p)?, vocabulary::get(r, 1).at(p)?);
            if let Some(t) = ties.get_mut(&key) {
                t.sectors.push(TieCount {
                    sector: vocabulary::get(r, 2).at(p)?,
                    polarity: key.1,
                    documents: u(r.get(3).at(p)?),
                    relations: u(r.get(4).at(p)?),
                });
            }
        }

        let (partners, rivals) =
            entente_store::rank_ties(ties.into_iter().map(|((_, polarity), tie)| (polarity, tie)), limit);
        Ok(ActorProfile { actor: self.actor_name(a)?, period: period.clone(), documents, relations, partners, rivals })
    }

    /// Relations by month between `a` and `b`, or between `a` and anyone when `b` is `None`.
    pub fn timeline(&self, a: &str, b: Option<&str>, period: &Period) -> Result<Timeline> {
        let p = &self.path;
        macro_rules! sql {
            ($scope:expr) => {
                [
                    concat!(
                        "SELECT substr(r.date, 1, 7) AS month, count(DISTINCT r.doc), count(*)
                         FROM relations r WHERE r.date IS NOT NULL AND ",
                        $scope,
                        " AND ",
                        period!(),
                        " GROUP BY month ORDER BY month"
                    ),
                    concat!(
                        "SELECT substr(r.date, 1, 7) AS month, r.sector, r.polarity,
                                count(DISTINCT r.doc), count(*)
                         FROM relations r WHERE r.date IS NOT NULL AND ",
                        $scope,
                        " AND ",
                        period!(),
                        " GROUP BY month, r.sector, r.polarity ORDER BY month, 4 DESC, 5 DESC, 2, 3"
                    ),
                    concat!("SELECT count(*) FROM relations r WHERE r.date IS NULL AND ", $scope, " AND ", period!()),
                ]
            };
        }
        let (sqls, b_param) = match b {
            Some(b) => (sql!(pair!()), Some(b)),
            None => (sql!(one!()), None),
        };
        let run = |sql: &str, f: &mut dyn FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>| -> Result<()> {
            let mut stmt = self.conn.prepare_cached(sql).at(p)?;
            let mut rows = match b_param {
                Some(b) => stmt.query(named_params! {
                    ":a": a, ":b": b, ":since": period.since, ":until": period.until,
                }),
                None => stmt.query(named_params! {
                    ":a": a, ":since": period.since, ":until": period.until,
                }),
            }
            .at(p)?;
            while let Some(r) = rows.next().at(p)? {
                f(r).at(p)?;
            }
            Ok(())
        };
        let mut months: Vec<TimelineRow> = Vec::new();
        run(sqls[0], &mut |r| {
            months.push(TimelineRow {
                month: r.get(0)?,
                documents: u(r.get(1)?),
                relations: u(r.get(2)?),
                cooperative: 0,
                conflictual: 0,
                sectors: Vec::new(),
            });
            Ok(())
        })?;
        let index: BTreeMap<String, usize> = months.iter().enumerate().map(|(i, m)| (m.month.clone(), i)).collect();
        run(sqls[1], &mut |r| {
            let month: String = r.get(0)?;
            if let Some(&i) = index.get(&month) {
                let polarity: Polarity = vocabulary::get(r, 2)?;
                let relations = u(r.get(4)?);
                // The month's relations by polarity, from its rows by sector and polarity.
                match polarity {
                    Polarity::Cooperative => months[i].cooperative += relations,
                    Polarity::Conflictual => months[i].conflictual += relations,
                }
                months[i].sectors.push(TieCount {
                    sector: vocabulary::get(r, 1)?,
                    polarity,
                    documents: u(r.get(3)?),
                    relations,
                });
            }
            Ok(())
        })?;
        let mut undated = 0;
        run(sqls[2], &mut |r| {
            undated = u(r.get(0)?);
            Ok(())
        })?;
        Ok(Timeline {
            a: self.actor_name(a)?,
            b: b.map(|b| self.actor_name(b)).transpose()?,
            period: period.clone(),
            months,
            undated,
        })
    }

    /// Full-text search over the evidence sentences, best match first, with the relations each
    /// sentence states.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let p = &self.path;
        let fts = if query.raw { query.text.trim().to_string() } else { fts_quote(&query.text) };
        let bad = |detail: String| StoreError::BadQuery { path: p.clone(), query: query.text.clone(), detail };
        if fts.is_empty() {
            return Err(bad("nothing to search for".into()));
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.id, d.doc_id, COALESCE(d.article_date, d.date), d.url, s.part, s.text,
                        snippet(sentences_fts, 0, '[', ']', '…', 40)
                 FROM sentences_fts
                 JOIN sentences s ON s.id = sentences_fts.rowid
                 JOIN documents d ON d.id = s.doc
                 WHERE sentences_fts MATCH :q
                 ORDER BY rank, s.id
                 LIMIT :limit",
            )
            .at(p)?;
        let rows = stmt
            .query_map(named_params! {":q": fts, ":limit": query.limit as i64}, |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    SearchHit {
                        doc: r.get(1)?,
                        date: r.get(2)?,
                        url: r.get(3)?,
                        part: vocabulary::get(r, 4)?,
                        text: r.get(5)?,
                        snippet: r.get(6)?,
                        relations: Vec::new(),
                    },
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| match &e {
                // The statement is fixed, so a plain SQLITE_ERROR comes from the query text.
                rusqlite::Error::SqliteFailure(f, Some(msg)) if f.extended_code == 1 => bad(msg.clone()),
                _ => crate::from_sqlite(p, e),
            })?;
        let mut rel = self
            .conn
            .prepare_cached(
                "SELECT source, target, sector, polarity, modality, type FROM relations
                 WHERE sentence = ?1 ORDER BY id",
            )
            .at(p)?;
        let mut hits = Vec::with_capacity(rows.len());
        for (sid, mut hit) in rows {
            hit.relations = rel
                .query_map([sid], |r| {
                    Ok(SearchRelation {
                        source: r.get(0)?,
                        target: r.get(1)?,
                        sector: vocabulary::get(r, 2)?,
                        polarity: vocabulary::get(r, 3)?,
                        modality: vocabulary::get(r, 4)?,
                        event_type: vocabulary::get(r, 5)?,
                    })
                })
                .and_then(|rows| rows.collect())
                .at(p)?;
            hits.push(hit);
        }
        Ok(hits)
    }
}
