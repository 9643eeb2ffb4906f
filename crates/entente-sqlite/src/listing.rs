//! The listings the web map asks for: actors with their ties, relations by filter (with their
//! documents and evidence), a pair's evidence sentences, stored documents, the map's graph, and
//! the store's change counter. Pages are cut in SQL (`LIMIT`/`OFFSET`); every value from a
//! request is a bound parameter, and the WHERE clause is joined from this crate's constant
//! fragments (the same pair and period fragments as the questions in `query.rs`).

use entente_core::{ActorKind, Document, Polarity};
use entente_store::{
    ActorRef, ActorRow, DocumentRow, EvidenceRow, GraphEdge, Listing, Page, QuantityRow, RelationFilter, RelationRow,
    SentenceRelation, SentenceRow, TimeRow,
};
use rusqlite::types::ToSql;
use rusqlite::{named_params, Connection, OptionalExtension};

use crate::vocabulary;
use crate::{At, Result, SqliteStore};

fn u(n: i64) -> u64 {
    n.max(0) as u64
}

/// A WHERE clause over `relations r` and its bound values.
struct Clause {
    sql: String,
    values: Vec<(&'static str, Option<String>)>,
}

impl Clause {
    fn bind<'a>(&'a self, extra: &'a [(&'static str, i64)]) -> Vec<(&'a str, &'a dyn ToSql)> {
        self.values
            .iter()
            .map(|(k, v)| (*k, v as &dyn ToSql))
            .chain(extra.iter().map(|(k, v)| (*k, v as &dyn ToSql)))
            .collect()
    }
}

impl Clause {
    /// The clause of `filter`.
    fn of(filter: &RelationFilter) -> Clause {
        // A relation's date overlaps the period at its own precision (as the questions).
        let mut parts: Vec<&'static str> = vec!["r.source != r.target", period!()];
        let mut values: Vec<(&'static str, Option<String>)> =
            vec![(":since", filter.period.since.clone()), (":until", filter.period.until.clone())];
        if let Some(a) = &filter.actor {
            parts.push("(r.source = :actor OR r.target = :actor)");
            values.push((":actor", Some(a.clone())));
        }
        if let Some((a, b)) = &filter.pair {
            parts.push(pair!());
            values.push((":a", Some(a.clone())));
            values.push((":b", Some(b.clone())));
        }
        let vocabularies = [
            ("r.sector = :sector", ":sector", filter.sector.map(|s| s.as_str())),
            ("r.polarity = :polarity", ":polarity", filter.polarity.map(|s| s.as_str())),
            ("r.modality = :modality", ":modality", filter.modality.map(|s| s.as_str())),
        ];
        for (sql, name, value) in vocabularies {
            if let Some(v) = value {
                parts.push(sql);
                values.push((name, Some(v.to_string())));
            }
        }
        if let Some(d) = &filter.doc {
            parts.push("r.doc = (SELECT id FROM documents WHERE doc_id = :doc)");
            values.push((":doc", Some(d.clone())));
        }
        Clause { sql: parts.join(" AND "), values }
    }
}

const DOCUMENT_COLUMNS: &str = "SELECT d.doc_id, d.title, d.url, d.date, d.article_date,
        d.extractor_version, d.ingested_at, (SELECT count(*) FROM relations r WHERE r.doc = d.id), d.hash,
        d.article_title
     FROM documents d";

fn document_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        title: r.get(1)?,
        url: r.get(2)?,
        date: r.get(3)?,
        article_date: r.get(4)?,
        extractor_version: r.get(5)?,
        ingested_at: r.get(6)?,
        relations: u(r.get(7)?),
        hash: r.get(8)?,
        article_title: r.get(9)?,
    })
}

fn quantities(conn: &Connection, relation: i64) -> rusqlite::Result<Vec<QuantityRow>> {
    conn.prepare_cached("SELECT value, unit, of FROM quantities WHERE relation = ?1 ORDER BY rowid")?
        .query_map([relation], |r| Ok(QuantityRow { value: r.get(0)?, unit: r.get(1)?, of: r.get(2)? }))?
        .collect()
}

impl SqliteStore {
    /// Runs `f` on the connection, naming this store's file in its error.
    fn sql<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        f(&self.conn).at(&self.path)
    }

    /// SQLite's `PRAGMA data_version` on this connection: it changes when another connection
    /// commits a change to the file (a server's answers are kept while it stays the same).
    pub fn data_version(&self) -> Result<i64> {
        self.sql(|c| c.query_row("PRAGMA data_version", [], |r| r.get(0)))
    }

    /// Actors that appear in a relation between two different actors, most ties first; `q`
    /// matches a code (any case) or part of a name, `kind` an actor kind.
    pub fn actors(&self, q: Option<&str>, kind: Option<ActorKind>, page: Page) -> Result<Listing<ActorRow>> {
        const BASE: &str = "WITH e AS (
                SELECT source AS code, target AS other, polarity, doc FROM relations WHERE source != target
                UNION ALL
                SELECT target, source, polarity, doc FROM relations WHERE source != target),
            t AS (
                SELECT e.code, x.name, x.kind, count(DISTINCT e.other) AS ties,
                       count(DISTINCT CASE WHEN e.polarity = :cooperative THEN e.other END) AS partners,
                       count(DISTINCT CASE WHEN e.polarity = :conflictual THEN e.other END) AS rivals,
                       count(DISTINCT e.doc) AS documents, count(*) AS relations
                FROM e LEFT JOIN actors x ON x.code = e.code
                WHERE (:q IS NULL OR e.code = upper(:q) OR instr(lower(x.name), lower(:q)) > 0)
                  AND (:kind IS NULL OR x.kind = :kind)
                GROUP BY e.code)";
        let (cooperative, conflictual) =
            (vocabulary::Sql(Polarity::Cooperative), vocabulary::Sql(Polarity::Conflictual));
        let kind = kind.map(vocabulary::Sql);
        self.sql(|conn| {
            // The total comes with the rows (the aggregate is the cost, not the page); only a
            // page past the end asks for it alone.
            let rows_sql = format!(
                "{BASE} SELECT *, count(*) OVER () FROM t ORDER BY ties DESC, documents DESC, code LIMIT :limit OFFSET :offset"
            );
            let mut total: Option<i64> = None;
            let items = conn
                .prepare_cached(&rows_sql)?
                .query_map(
                    named_params! {
                        ":q": q, ":kind": kind, ":cooperative": cooperative, ":conflictual": conflictual,
                        ":limit": page.limit as i64, ":offset": page.offset as i64,
                    },
                    |r| {
                        total = Some(r.get(8)?);
                        Ok(ActorRow {
                            code: r.get(0)?,
                            name: r.get(1)?,
                            kind: vocabulary::get_opt(r, 2)?,
                            ties: u(r.get(3)?),
                            partners: u(r.get(4)?),
                            rivals: u(r.get(5)?),
                            documents: u(r.get(6)?),
                            relations: u(r.get(7)?),
                        })
                    },
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let total: i64 = match total {
                Some(t) => t,
                None => conn
                    .prepare_cached(&format!("{BASE} SELECT count(*) FROM t"))?
                    .query_row(
                        named_params! {":q": q, ":kind": kind, ":cooperative": cooperative, ":conflictual": conflictual},
                        |r| r.get(0),
                    )?,
            };
            Ok(Listing::new(items, Some(u(total)), page))
        })
    }

    /// Relations matching `filter`, newest first (undated last), then in stored order.
    pub fn relations(&self, filter: &RelationFilter, page: Page) -> Result<Listing<RelationRow>> {
        let clause = Clause::of(filter);
        let sql = format!(
            "SELECT r.id, d.doc_id, COALESCE(d.title, d.article_title), COALESCE(d.article_date, d.date), d.url,
                    r.source, r.target,
                    r.sector, r.type, r.polarity, r.modality, r.time_start, r.time_end, r.date,
                    sa.name, sa.kind, ta.name, ta.kind, s.text, s.start, s.end, s.part, r.confidence
             FROM relations r
             JOIN documents d ON d.id = r.doc
             JOIN sentences s ON s.id = r.sentence
             LEFT JOIN actors sa ON sa.code = r.source
             LEFT JOIN actors ta ON ta.code = r.target
             WHERE {}
             ORDER BY {}
             LIMIT :limit OFFSET :offset",
            clause.sql,
            crate::RELATIONS_NEWEST_FIRST
        );
        let extra = [(":limit", page.limit as i64), (":offset", page.offset as i64)];
        self.sql(|conn| {
            let mut items = conn
                .prepare_cached(&sql)?
                .query_map(clause.bind(&extra).as_slice(), |r| {
                    Ok(RelationRow {
                        id: r.get(0)?,
                        doc: r.get(1)?,
                        doc_title: r.get(2)?,
                        doc_date: r.get(3)?,
                        url: r.get(4)?,
                        source: r.get(5)?,
                        target: r.get(6)?,
                        sector: vocabulary::get(r, 7)?,
                        event_type: vocabulary::get(r, 8)?,
                        polarity: vocabulary::get(r, 9)?,
                        modality: vocabulary::get(r, 10)?,
                        quantities: Vec::new(),
                        time: TimeRow { start: r.get(11)?, end: r.get(12)? },
                        date: r.get(13)?,
                        source_actor: ActorRef { name: r.get(14)?, kind: vocabulary::get_opt(r, 15)? },
                        target_actor: ActorRef { name: r.get(16)?, kind: vocabulary::get_opt(r, 17)? },
                        evidence: EvidenceRow {
                            text: r.get(18)?,
                            start: r.get(19)?,
                            end: r.get(20)?,
                            part: vocabulary::get(r, 21)?,
                        },
                        confidence: r.get(22)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for item in &mut items {
                item.quantities = quantities(conn, item.id)?;
            }
            let total: i64 = conn
                .prepare_cached(&format!("SELECT count(*) FROM relations r WHERE {}", clause.sql))?
                .query_row(clause.bind(&[]).as_slice(), |r| r.get(0))?;
            Ok(Listing::new(items, Some(u(total)), page))
        })
    }

    /// The distinct evidence sentences of the relations matching `filter`, newest first, each
    /// with its document and the matching relations it states. `segments` is left empty.
    pub fn sentences(&self, filter: &RelationFilter, page: Page) -> Result<Listing<SentenceRow>> {
        let clause = Clause::of(filter);
        let sql = format!(
            "SELECT s.id, s.text, s.part, d.doc_id, COALESCE(d.title, d.article_title),
                    COALESCE(d.article_date, d.date), d.url,
                    max(r.date) AS rdate
             FROM relations r
             JOIN sentences s ON s.id = r.sentence
             JOIN documents d ON d.id = r.doc
             WHERE {}
             GROUP BY s.id
             ORDER BY rdate IS NULL, rdate DESC, s.id
             LIMIT :limit OFFSET :offset",
            clause.sql
        );
        let rel_sql = format!(
            "SELECT r.id, r.source, r.target, r.sector, r.polarity, r.modality, r.type, r.confidence,
                    r.time_start, r.time_end
             FROM relations r WHERE r.sentence = :sentence AND {} ORDER BY r.id",
            clause.sql
        );
        let extra = [(":limit", page.limit as i64), (":offset", page.offset as i64)];
        self.sql(|conn| {
            let mut items = conn
                .prepare_cached(&sql)?
                .query_map(clause.bind(&extra).as_slice(), |r| {
                    Ok(SentenceRow {
                        sentence: r.get(0)?,
                        text: r.get(1)?,
                        part: vocabulary::get(r, 2)?,
                        segments: Vec::new(),
                        doc: r.get(3)?,
                        title: r.get(4)?,
                        date: r.get(5)?,
                        url: r.get(6)?,
                        relations: Vec::new(),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for item in &mut items {
                let extra = [(":sentence", item.sentence)];
                let rels = conn
                    .prepare_cached(&rel_sql)?
                    .query_map(clause.bind(&extra).as_slice(), |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            SentenceRelation {
                                source: r.get(1)?,
                                target: r.get(2)?,
                                sector: vocabulary::get(r, 3)?,
                                polarity: vocabulary::get(r, 4)?,
                                modality: vocabulary::get(r, 5)?,
                                event_type: vocabulary::get(r, 6)?,
                                confidence: r.get(7)?,
                                time: TimeRow { start: r.get(8)?, end: r.get(9)? },
                                quantities: Vec::new(),
                            },
                        ))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                for (id, mut rel) in rels {
                    rel.quantities = quantities(conn, id)?;
                    item.relations.push(rel);
                }
            }
            let total: i64 = conn
                .prepare_cached(&format!("SELECT count(DISTINCT r.sentence) FROM relations r WHERE {}", clause.sql))?
                .query_row(clause.bind(&[]).as_slice(), |r| r.get(0))?;
            Ok(Listing::new(items, Some(u(total)), page))
        })
    }

    /// Stored documents in the order they were first stored.
    pub fn documents(&self, page: Page) -> Result<Listing<DocumentRow>> {
        self.sql(|conn| {
            let items = conn
                .prepare_cached(&format!("{DOCUMENT_COLUMNS} ORDER BY d.id LIMIT ?1 OFFSET ?2"))?
                .query_map([page.limit as i64, page.offset as i64], document_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let total: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
            Ok(Listing::new(items, Some(u(total)), page))
        })
    }

    /// One stored document's metadata by its id.
    pub fn document(&self, id: &str) -> Result<Option<DocumentRow>> {
        self.sql(|conn| {
            conn.prepare_cached(&format!("{DOCUMENT_COLUMNS} WHERE d.doc_id = ?1"))?
                .query_row([id], document_row)
                .optional()
        })
    }

    /// A stored document as it was given (to read its title when the input had none).
    pub fn stored_document(&self, id: &str) -> Result<Option<Document>> {
        let sql = format!("{} WHERE doc_id = ?1", crate::ingest::DOCUMENT_INPUT);
        let row =
            self.sql(|conn| conn.prepare_cached(&sql)?.query_row([id], crate::ingest::document_input).optional())?;
        row.map(|doc| doc.map_err(|e| self.invalid(e))).transpose()
    }

    /// One edge per unordered pair, sector and polarity among the relations `filter` keeps.
    pub fn edges(&self, filter: &RelationFilter) -> Result<Vec<GraphEdge>> {
        let clause = Clause::of(filter);
        self.edges_where(&clause.sql, &clause.bind(&[]))
    }
}
