//! The listings the web map asks for: actors with their ties, relations by filter (with their
//! documents and evidence), a pair's evidence sentences, stored documents, and the edges of the
//! map. Pages are cut in SQL (`LIMIT`/`OFFSET`); every value from a request is bound, and the
//! WHERE clause is joined from this crate's constant fragments.

use std::collections::HashMap;

use entente_core::{ActorKind, Document, Polarity};
use entente_store::{
    ActorRef, ActorRow, DocumentRow, EvidenceRow, GraphEdge, Listing, Page, QuantityRow, RelationFilter, RelationRow,
    SentenceRelation, SentenceRow, TimeRow,
};

use crate::params::{pair, period, Params};
use crate::query::u;
use crate::vocabulary::{get, get_opt};
use crate::{At, PgStore, Result};

/// The WHERE clause over `relations r` of `filter`, its values bound in `params`.
pub(crate) fn clause(filter: &RelationFilter, params: &mut Params) -> String {
    let mut parts: Vec<String> = vec!["r.source <> r.target".into(), period(params, &filter.period)];
    if let Some(a) = &filter.actor {
        let a = params.add(a.clone());
        parts.push(format!("(r.source = {a} OR r.target = {a})"));
    }
    if let Some((a, b)) = &filter.pair {
        let (a, b) = (params.add(a.clone()), params.add(b.clone()));
        parts.push(pair(&a, &b));
    }
    let vocabularies = [
        ("r.sector", filter.sector.map(|s| s.as_str())),
        ("r.polarity", filter.polarity.map(|s| s.as_str())),
        ("r.modality", filter.modality.map(|s| s.as_str())),
    ];
    for (column, value) in vocabularies {
        if let Some(v) = value {
            let v = params.add(v.to_string());
            parts.push(format!("{column} = {v}"));
        }
    }
    if let Some(d) = &filter.doc {
        let d = params.add(d.clone());
        parts.push(format!("r.doc = (SELECT id FROM documents WHERE doc_id = {d})"));
    }
    parts.join(" AND ")
}

const DOCUMENT_COLUMNS: &str = "SELECT d.doc_id, d.title, d.url, d.date, d.article_date,
        d.extractor_version, d.ingested_at, (SELECT count(*) FROM relations r WHERE r.doc = d.id), d.hash,
        d.article_title
     FROM documents d";

fn document_row(r: &postgres::Row) -> DocumentRow {
    DocumentRow {
        id: r.get(0),
        title: r.get(1),
        url: r.get(2),
        date: r.get(3),
        article_date: r.get(4),
        extractor_version: r.get(5),
        ingested_at: r.get(6),
        relations: u(r.get(7)),
        hash: r.get(8),
        article_title: r.get(9),
    }
}

impl PgStore {
    /// The amounts of these relations, each relation's in the order stored.
    pub(crate) fn quantities(&self, relations: &[i64]) -> Result<HashMap<i64, Vec<QuantityRow>>> {
        let mut out: HashMap<i64, Vec<QuantityRow>> = HashMap::new();
        if relations.is_empty() {
            return Ok(out);
        }
        for r in self
            .client()
            .query(
                "SELECT relation, value, unit, \"of\" FROM quantities WHERE relation = ANY($1) ORDER BY relation, id",
                &[&relations],
            )
            .at(&self.path)?
        {
            out.entry(r.get(0)).or_default().push(QuantityRow { value: r.get(1), unit: r.get(2), of: r.get(3) });
        }
        Ok(out)
    }

    /// Actors that appear in a relation between two different actors, most ties first; `q`
    /// matches a code (any case) or part of a name (ASCII case-insensitive, as SQLite), `kind`
    /// an actor kind.
    pub fn actors(&self, q: Option<&str>, kind: Option<ActorKind>, page: Page) -> Result<Listing<ActorRow>> {
        let p = &self.path;
        let mut params = Params::default();
        let (pq, pk) = (params.add(q.map(str::to_string)), params.add(kind.map(|k| k.as_str().to_string())));
        let (coop, conf) = (
            params.add(Polarity::Cooperative.as_str().to_string()),
            params.add(Polarity::Conflictual.as_str().to_string()),
        );
        let base = format!(
            "WITH e AS (
                SELECT source AS code, target AS other, polarity, doc FROM relations WHERE source <> target
                UNION ALL
                SELECT target, source, polarity, doc FROM relations WHERE source <> target),
            t AS (
                SELECT e.code AS code, min(x.name) AS name, min(x.kind) AS kind, count(DISTINCT e.other) AS ties,
                       count(DISTINCT CASE WHEN e.polarity = {coop} THEN e.other END) AS partners,
                       count(DISTINCT CASE WHEN e.polarity = {conf} THEN e.other END) AS rivals,
                       count(DISTINCT e.doc) AS documents, count(*) AS relations
                FROM e LEFT JOIN actors x ON x.code = e.code
                WHERE ({pq}::text IS NULL OR e.code = upper({pq}::text COLLATE \"C\")
                       OR strpos(lower(x.name), lower({pq}::text COLLATE \"C\")) > 0)
                  AND ({pk}::text IS NULL OR x.kind = {pk}::text)
                GROUP BY e.code)"
        );
        let (l, o) = (params.add(page.limit as i64), params.add(page.offset as i64));
        let rows = self.rows(
            &format!(
                "{base} SELECT code, name, kind, ties, partners, rivals, documents, relations, count(*) OVER ()
                 FROM t ORDER BY ties DESC, documents DESC, code LIMIT {l} OFFSET {o}"
            ),
            &params,
        )?;
        let mut total: Option<i64> = None;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            total = Some(r.get(8));
            items.push(ActorRow {
                code: r.get(0),
                name: r.get(1),
                kind: get_opt(r, 2, p)?,
                ties: u(r.get(3)),
                partners: u(r.get(4)),
                rivals: u(r.get(5)),
                documents: u(r.get(6)),
                relations: u(r.get(7)),
            });
        }
        let total = match total {
            Some(t) => t,
            // Only a page past the end asks for the total alone (the placeholders of the page
            // come last, so the same values serve).
            None => self.rows(&format!("{base} SELECT count(*), {l}::int8, {o}::int8 FROM t"), &params)?[0].get(0),
        };
        Ok(Listing::new(items, Some(u(total)), page))
    }

    /// Relations matching `filter`, newest first (undated last), then in stored order.
    pub fn relations(&self, filter: &RelationFilter, page: Page) -> Result<Listing<RelationRow>> {
        let p = &self.path;
        let mut params = Params::default();
        let clause = clause(filter, &mut params);
        let total = self.rows(&format!("SELECT count(*) FROM relations r WHERE {clause}"), &params)?[0].get(0);
        let (l, o) = (params.add(page.limit as i64), params.add(page.offset as i64));
        let rows = self.rows(
            &format!(
                "SELECT r.id, d.doc_id, COALESCE(d.title, d.article_title), COALESCE(d.article_date, d.date), d.url,
                        r.source, r.target,
                        r.sector, r.type, r.polarity, r.modality, r.time_start, r.time_end, r.date,
                        sa.name, sa.kind, ta.name, ta.kind, s.text, s.start, s.\"end\", s.part, r.confidence
                 FROM relations r
                 JOIN documents d ON d.id = r.doc
                 JOIN sentences s ON s.id = r.sentence
                 LEFT JOIN actors sa ON sa.code = r.source
                 LEFT JOIN actors ta ON ta.code = r.target
                 WHERE {clause}
                 ORDER BY r.date IS NULL, r.date DESC, r.id
                 LIMIT {l} OFFSET {o}"
            ),
            &params,
        )?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            items.push(RelationRow {
                id: r.get(0),
                doc: r.get(1),
                doc_title: r.get(2),
                doc_date: r.get(3),
                url: r.get(4),
                source: r.get(5),
                target: r.get(6),
                sector: get(r, 7, p)?,
                event_type: get(r, 8, p)?,
                polarity: get(r, 9, p)?,
                modality: get(r, 10, p)?,
                quantities: Vec::new(),
                time: TimeRow { start: r.get(11), end: r.get(12) },
                date: r.get(13),
                source_actor: ActorRef { name: r.get(14), kind: get_opt(r, 15, p)? },
                target_actor: ActorRef { name: r.get(16), kind: get_opt(r, 17, p)? },
                evidence: EvidenceRow { text: r.get(18), start: r.get(19), end: r.get(20), part: get(r, 21, p)? },
                confidence: r.get(22),
            });
        }
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        let mut quantities = self.quantities(&ids)?;
        for item in &mut items {
            item.quantities = quantities.remove(&item.id).unwrap_or_default();
        }
        Ok(Listing::new(items, Some(u(total)), page))
    }

    /// The distinct evidence sentences of the relations matching `filter`, newest first, each
    /// with its document and the matching relations it states. `segments` is left empty.
    pub fn sentences(&self, filter: &RelationFilter, page: Page) -> Result<Listing<SentenceRow>> {
        let p = &self.path;
        let mut params = Params::default();
        let clause = clause(filter, &mut params);
        let total = self
            .rows(&format!("SELECT count(DISTINCT r.sentence) FROM relations r WHERE {clause}"), &params)?[0]
            .get(0);
        let mut page_params = Params::default();
        let page_clause = crate::listing::clause(filter, &mut page_params);
        let (l, o) = (page_params.add(page.limit as i64), page_params.add(page.offset as i64));
        let rows = self.rows(
            &format!(
                "SELECT s.id, s.text, s.part, d.doc_id, COALESCE(d.title, d.article_title),
                        COALESCE(d.article_date, d.date), d.url, max(r.date) AS rdate
                 FROM relations r
                 JOIN sentences s ON s.id = r.sentence
                 JOIN documents d ON d.id = r.doc
                 WHERE {page_clause}
                 GROUP BY s.id, d.id
                 ORDER BY max(r.date) IS NULL, max(r.date) DESC, s.id
                 LIMIT {l} OFFSET {o}"
            ),
            &page_params,
        )?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            items.push(SentenceRow {
                sentence: r.get(0),
                text: r.get(1),
                part: get(r, 2, p)?,
                segments: Vec::new(),
                doc: r.get(3),
                title: r.get(4),
                date: r.get(5),
                url: r.get(6),
                relations: Vec::new(),
            });
        }
        if !items.is_empty() {
            let ids: Vec<i64> = items.iter().map(|i| i.sentence).collect();
            let s = params.add(ids);
            let rels = self.rows(
                &format!(
                    "SELECT r.id, r.sentence, r.source, r.target, r.sector, r.polarity, r.modality, r.type,
                            r.confidence, r.time_start, r.time_end
                     FROM relations r WHERE r.sentence = ANY({s}) AND {clause} ORDER BY r.id"
                ),
                &params,
            )?;
            let rel_ids: Vec<i64> = rels.iter().map(|r| r.get(0)).collect();
            let mut quantities = self.quantities(&rel_ids)?;
            let index: HashMap<i64, usize> = items.iter().enumerate().map(|(i, s)| (s.sentence, i)).collect();
            for r in &rels {
                let id: i64 = r.get(0);
                let sentence: i64 = r.get(1);
                if let Some(&i) = index.get(&sentence) {
                    items[i].relations.push(SentenceRelation {
                        source: r.get(2),
                        target: r.get(3),
                        sector: get(r, 4, p)?,
                        polarity: get(r, 5, p)?,
                        modality: get(r, 6, p)?,
                        event_type: get(r, 7, p)?,
                        confidence: r.get(8),
                        time: TimeRow { start: r.get(9), end: r.get(10) },
                        quantities: quantities.remove(&id).unwrap_or_default(),
                    });
                }
            }
        }
        Ok(Listing::new(items, Some(u(total)), page))
    }

    /// Stored documents in the order they were first stored.
    pub fn documents(&self, page: Page) -> Result<Listing<DocumentRow>> {
        let p = &self.path;
        let mut c = self.client();
        let items = c
            .query(
                &format!("{DOCUMENT_COLUMNS} ORDER BY d.id LIMIT $1 OFFSET $2"),
                &[&(page.limit as i64), &(page.offset as i64)],
            )
            .at(p)?
            .iter()
            .map(document_row)
            .collect();
        let total: i64 = c.query_one("SELECT count(*) FROM documents", &[]).at(p)?.get(0);
        Ok(Listing::new(items, Some(u(total)), page))
    }

    /// One stored document's metadata by its id.
    pub fn document(&self, id: &str) -> Result<Option<DocumentRow>> {
        if id.contains('\0') {
            return Ok(None); // PostgreSQL text holds no NUL, so no stored id does.
        }
        let row = self.client().query_opt(&format!("{DOCUMENT_COLUMNS} WHERE d.doc_id = $1"), &[&id]).at(&self.path)?;
        Ok(row.as_ref().map(document_row))
    }

    /// A stored document as it was given.
    pub fn stored_document(&self, id: &str) -> Result<Option<Document>> {
        if id.contains('\0') {
            return Ok(None); // PostgreSQL text holds no NUL, so no stored id does.
        }
        let sql = format!("{} FROM documents WHERE doc_id = $1", crate::ingest::DOCUMENT_INPUT);
        let row = self.client().query_opt(&sql, &[&id]).at(&self.path)?;
        row.map(|r| crate::ingest::document_input(&r).map_err(|e| self.invalid(e))).transpose()
    }

    /// One edge per unordered pair, sector and polarity among the relations `filter` keeps.
    pub fn edges(&self, filter: &RelationFilter) -> Result<Vec<GraphEdge>> {
        let p = &self.path;
        let mut params = Params::default();
        let clause = clause(filter, &mut params);
        let rows = self.rows(
            &format!(
                "SELECT LEAST(r.source, r.target) AS a, GREATEST(r.source, r.target) AS b, r.sector, r.polarity,
                        count(DISTINCT r.doc), count(*), sum(CASE WHEN r.source < r.target THEN 1 ELSE 0 END)::bigint,
                        min(r.date), max(r.date)
                 FROM relations r WHERE {clause}
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
            ),
            &params,
        )?;
        let mut edges = Vec::with_capacity(rows.len());
        for r in &rows {
            let relations = u(r.get(5));
            let a_to_b = u(r.get(6));
            edges.push(GraphEdge {
                a: r.get(0),
                b: r.get(1),
                sector: get(r, 2, p)?,
                polarity: get(r, 3, p)?,
                documents: u(r.get(4)),
                relations,
                a_to_b,
                b_to_a: relations - a_to_b,
                first: r.get(7),
                last: r.get(8),
            });
        }
        Ok(edges)
    }
}
