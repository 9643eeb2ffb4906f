//! Reading: the questions asked across a corpus, with the same rows, order and numbers as the
//! SQLite backend (text compared as bytes, NULLs placed where SQLite places them, ties broken
//! alike).

use std::collections::{BTreeMap, HashMap};

use entente_core::{ActorKind, Polarity, Sector};
use entente_store::{
    ActorName, ActorProfile, Amount, Count, DyadProfile, EvidenceItem, PartnerTie, Period, SearchHit, SearchQuery,
    SearchRelation, Tie, TieCount, Timeline, TimelineRow,
};

use crate::params::{one, pair, period as period_clause, Params};
use crate::vocabulary::{get, get_opt};
use crate::{fts, At, PgStore, Result, StoreError};

pub(crate) fn u(n: i64) -> u64 {
    n.max(0) as u64
}

/// Turns plain words into an FTS5 query where each must appear: every word is quoted, so
/// punctuation and FTS5 operators in user text are taken literally (as SQLite's backend does).
pub fn fts_quote(text: &str) -> String {
    text.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

impl PgStore {
    /// Runs a joined statement.
    pub(crate) fn rows(&self, sql: &str, params: &Params) -> Result<Vec<postgres::Row>> {
        self.client().query(sql, &params.refs()).at(&self.path)
    }

    /// The actor with this code, or failing that this name (either case-insensitive, ASCII as
    /// SQLite), among the actors the store has seen.
    pub fn resolve_actor(&self, text: &str) -> Result<Option<ActorName>> {
        if text.contains('\0') {
            return Ok(None); // PostgreSQL text holds no NUL, so no stored actor does.
        }
        let p = &self.path;
        let row = self
            .client()
            .query_opt(
                "SELECT code, name, kind FROM actors
                 WHERE code = upper($1::text COLLATE \"C\") OR lower(name) = lower($1::text COLLATE \"C\")
                 ORDER BY code = upper($1::text COLLATE \"C\") DESC, code LIMIT 1",
                &[&text.trim()],
            )
            .at(p)?;
        row.map(|r| Ok(ActorName { code: r.get(0), name: r.get(1), kind: get_opt(&r, 2, p)? })).transpose()
    }

    /// The actor as the store knows it; the bare code if it has never appeared.
    pub fn actor_name(&self, code: &str) -> Result<ActorName> {
        let p = &self.path;
        if code.contains('\0') {
            return Ok(ActorName { code: code.to_string(), name: None, kind: None });
        }
        let row = self.client().query_opt("SELECT name, kind FROM actors WHERE code = $1", &[&code]).at(p)?;
        let (name, kind) = match row {
            Some(r) => (Some(r.get(0)), Some(get::<ActorKind>(&r, 1, p)?)),
            None => (None, None),
        };
        Ok(ActorName { code: code.to_string(), name, kind })
    }

    /// The partnership profile of `a` and `b` (codes).
    pub fn dyad(&self, a: &str, b: &str, period: &Period, evidence: usize) -> Result<DyadProfile> {
        let p = &self.path;
        let mut params = Params::default();
        let (pa, pb) = (params.add(a.to_string()), params.add(b.to_string()));
        let scope = format!("{} AND {}", pair(&pa, &pb), period_clause(&mut params, period));

        let head = self.rows(
            &format!("SELECT count(DISTINCT r.doc), count(*), min(r.date), max(r.date) FROM relations r WHERE {scope}"),
            &params,
        )?;
        let h = &head[0];
        let (documents, relations, first, last) = (u(h.get(0)), u(h.get(1)), h.get(2), h.get(3));

        let mut ties: Vec<Tie> = Vec::new();
        for r in self.rows(
            &format!(
                "SELECT r.sector, r.polarity, count(DISTINCT r.doc), count(*),
                        sum(CASE WHEN r.source = {pa} THEN 1 ELSE 0 END)::bigint, min(r.date), max(r.date)
                 FROM relations r WHERE {scope}
                 GROUP BY r.sector, r.polarity ORDER BY 3 DESC, 4 DESC, 1, 2"
            ),
            &params,
        )? {
            let relations = u(r.get(3));
            let a_to_b = u(r.get(4));
            ties.push(Tie {
                sector: get(&r, 0, p)?,
                polarity: get(&r, 1, p)?,
                documents: u(r.get(2)),
                relations,
                a_to_b,
                b_to_a: relations - a_to_b,
                first: r.get(5),
                last: r.get(6),
                modalities: Vec::new(),
                types: Vec::new(),
                amounts: Vec::new(),
                evidence: Vec::new(),
            });
        }
        let index: BTreeMap<(Sector, Polarity), usize> =
            ties.iter().enumerate().map(|(i, t)| ((t.sector, t.polarity), i)).collect();
        let tie = |sector: Sector, polarity: Polarity| index.get(&(sector, polarity)).copied();

        for (column, modal) in [("r.modality", true), ("r.type", false)] {
            for r in self.rows(
                &format!(
                    "SELECT r.sector, r.polarity, {column}, count(*) FROM relations r WHERE {scope}
                     GROUP BY 1, 2, 3 ORDER BY 4 DESC, 3"
                ),
                &params,
            )? {
                if let Some(i) = tie(get(&r, 0, p)?, get(&r, 1, p)?) {
                    let relations = u(r.get(3));
                    if modal {
                        ties[i].modalities.push(Count { value: get(&r, 2, p)?, relations });
                    } else {
                        ties[i].types.push(Count { value: get(&r, 2, p)?, relations });
                    }
                }
            }
        }

        for r in self.rows(
            &format!(
                "SELECT r.sector, r.polarity, q.value, q.unit, q.\"of\", count(*), count(DISTINCT r.doc)
                 FROM relations r JOIN quantities q ON q.relation = r.id WHERE {scope}
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY q.unit, q.value DESC, q.\"of\" NULLS FIRST"
            ),
            &params,
        )? {
            if let Some(i) = tie(get(&r, 0, p)?, get(&r, 1, p)?) {
                ties[i].amounts.push(Amount {
                    value: r.get(2),
                    unit: r.get(3),
                    of: r.get(4),
                    relations: u(r.get(5)),
                    documents: u(r.get(6)),
                });
            }
        }

        if evidence > 0 {
            let n = params.add(evidence as i64);
            // One row per sector, polarity and sentence text: the relation with the highest
            // confidence, and among equals the first that SQLite's plan meets (its bare columns
            // beside max() are the first maximum's): relations from `a` to `b` before those from
            // `b` to `a` (the two arms of the pair, each read from the pair index), each by date
            // (undated first), then in stored order.
            for r in self.rows(
                &format!(
                    "SELECT sector, polarity, text, part, confidence, doc_id, doc_date, url,
                            source, target, type, modality
                     FROM (
                        SELECT *, row_number() OVER (PARTITION BY sector, polarity
                                    ORDER BY confidence DESC, doc_date DESC NULLS LAST, sid) AS rank
                        FROM (
                            SELECT DISTINCT ON (r.sector, r.polarity, s.text)
                                   r.sector AS sector, r.polarity AS polarity, s.id AS sid,
                                   s.text AS text, s.part AS part, r.confidence AS confidence,
                                   d.doc_id AS doc_id, COALESCE(d.article_date, d.date) AS doc_date,
                                   d.url AS url, r.source AS source, r.target AS target,
                                   r.type AS type, r.modality AS modality
                            FROM relations r
                            JOIN sentences s ON s.id = r.sentence
                            JOIN documents d ON d.id = r.doc
                            WHERE {scope}
                            ORDER BY r.sector, r.polarity, s.text, r.confidence DESC,
                                     CASE WHEN r.source = {pa} AND r.target = {pb} THEN 0 ELSE 1 END,
                                     r.date NULLS FIRST, r.id
                        ) AS best
                     ) AS ranked
                     WHERE rank <= {n} ORDER BY sector, polarity, rank"
                ),
                &params,
            )? {
                if let Some(i) = tie(get(&r, 0, p)?, get(&r, 1, p)?) {
                    ties[i].evidence.push(EvidenceItem {
                        text: r.get(2),
                        part: get(&r, 3, p)?,
                        confidence: r.get(4),
                        doc: r.get(5),
                        date: r.get(6),
                        url: r.get(7),
                        source: r.get(8),
                        target: r.get(9),
                        event_type: get(&r, 10, p)?,
                        modality: get(&r, 11, p)?,
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
        let mut params = Params::default();
        let pa = params.add(a.to_string());
        let scope = format!("{} AND {}", one(&pa), period_clause(&mut params, period));
        let other = format!("CASE WHEN r.source = {pa} THEN r.target ELSE r.source END");
        let head =
            self.rows(&format!("SELECT count(DISTINCT r.doc), count(*) FROM relations r WHERE {scope}"), &params)?;
        let (documents, relations) = (u(head[0].get(0)), u(head[0].get(1)));

        let mut ties: BTreeMap<(String, Polarity), PartnerTie> = BTreeMap::new();
        for r in self.rows(
            &format!(
                "SELECT {other} AS other, r.polarity, count(DISTINCT r.doc), count(*), min(r.date), max(r.date),
                        count(DISTINCT r.sector), min(x.name), min(x.kind)
                 FROM relations r LEFT JOIN actors x ON x.code = {other}
                 WHERE {scope} GROUP BY 1, 2"
            ),
            &params,
        )? {
            let code: String = r.get(0);
            let polarity: Polarity = get(&r, 1, p)?;
            ties.insert(
                (code.clone(), polarity),
                PartnerTie {
                    actor: ActorName { code, name: r.get(7), kind: get_opt(&r, 8, p)? },
                    breadth: u(r.get(6)),
                    documents: u(r.get(2)),
                    relations: u(r.get(3)),
                    first: r.get(4),
                    last: r.get(5),
                    sectors: Vec::new(),
                },
            );
        }
        for r in self.rows(
            &format!(
                "SELECT {other} AS other, r.polarity, r.sector, count(DISTINCT r.doc), count(*)
                 FROM relations r WHERE {scope}
                 GROUP BY 1, 2, 3 ORDER BY 4 DESC, 5 DESC, 3"
            ),
            &params,
        )? {
            let key: (String, Polarity) = (r.get(0), get(&r, 1, p)?);
            if let Some(t) = ties.get_mut(&key) {
                t.sectors.push(TieCount {
                    sector: get(&r, 2, p)?,
                    polarity: key.1,
                    documents: u(r.get(3)),
                    relations: u(r.get(4)),
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
        let mut params = Params::default();
        let pa = params.add(a.to_string());
        let who = match b {
            Some(b) => {
                let pb = params.add(b.to_string());
                pair(&pa, &pb)
            }
            None => one(&pa),
        };
        let scope = format!("{who} AND {}", period_clause(&mut params, period));
        let mut months: Vec<TimelineRow> = Vec::new();
        for r in self.rows(
            &format!(
                "SELECT substr(r.date, 1, 7) AS month, count(DISTINCT r.doc), count(*)
                 FROM relations r WHERE r.date IS NOT NULL AND {scope} GROUP BY 1 ORDER BY 1"
            ),
            &params,
        )? {
            months.push(TimelineRow {
                month: r.get(0),
                documents: u(r.get(1)),
                relations: u(r.get(2)),
                cooperative: 0,
                conflictual: 0,
                sectors: Vec::new(),
            });
        }
        let index: BTreeMap<String, usize> = months.iter().enumerate().map(|(i, m)| (m.month.clone(), i)).collect();
        for r in self.rows(
            &format!(
                "SELECT substr(r.date, 1, 7) AS month, r.sector, r.polarity, count(DISTINCT r.doc), count(*)
                 FROM relations r WHERE r.date IS NOT NULL AND {scope}
                 GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 5 DESC, 2, 3"
            ),
            &params,
        )? {
            let month: String = r.get(0);
            if let Some(&i) = index.get(&month) {
                let polarity: Polarity = get(&r, 2, p)?;
                let relations = u(r.get(4));
                match polarity {
                    Polarity::Cooperative => months[i].cooperative += relations,
                    Polarity::Conflictual => months[i].conflictual += relations,
                }
                months[i].sectors.push(TieCount {
                    sector: get(&r, 1, p)?,
                    polarity,
                    documents: u(r.get(3)),
                    relations,
                });
            }
        }
        let undated =
            self.rows(&format!("SELECT count(*) FROM relations r WHERE r.date IS NULL AND {scope}"), &params)?;
        Ok(Timeline {
            a: self.actor_name(a)?,
            b: b.map(|b| self.actor_name(b)).transpose()?,
            period: period.clone(),
            months,
            undated: u(undated[0].get(0)),
        })
    }

    /// Full-text search over the evidence sentences, best match first (FTS5's bm25, then the
    /// sentence's row id), with FTS5's snippet and the relations each sentence states.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let p = &self.path;
        let text = if query.raw { query.text.trim().to_string() } else { fts_quote(&query.text) };
        let bad = |detail: String| StoreError::BadQuery { path: p.clone(), query: query.text.clone(), detail };
        if text.is_empty() {
            return Err(bad("nothing to search for".into()));
        }
        let parsed = fts::parse(&text).map_err(bad)?;
        let Some(tsquery) = parsed.tsquery() else {
            return Ok(Vec::new());
        };
        if query.limit == 0 {
            return Ok(Vec::new());
        }
        let mut c = self.client();
        let candidates = c.query("SELECT id, text FROM sentences WHERE fts @@ $1::text::tsquery", &[&tsquery]).at(p)?;
        // (rank, sentence, text, tokens, instances of each phrase)
        let mut found: Vec<(f64, i64, String, Vec<fts::Token>, fts::Instances)> = Vec::new();
        for r in &candidates {
            let text: String = r.get(1);
            let tokens = fts::tokenize(&text);
            let words: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
            if let Some(inst) = parsed.matches(&words) {
                found.push((0.0, r.get(0), text, tokens, inst));
            }
        }
        if found.is_empty() {
            return Ok(Vec::new());
        }
        // What bm25 needs of the whole table: its totals, and the rows holding each phrase.
        let totals = c.query_one("SELECT fts_rows, fts_tokens FROM entente_store", &[]).at(p)?;
        let mut hits = Vec::with_capacity(parsed.phrases.len());
        for phrase in &parsed.phrases {
            let one =
                fts::Query { expr: fts::Expr::Near { phrases: vec![0], near: None }, phrases: vec![phrase.clone()] };
            let n: i64 = match one.tsquery() {
                Some(q) => {
                    c.query_one("SELECT count(*) FROM sentences WHERE fts @@ $1::text::tsquery", &[&q]).at(p)?.get(0)
                }
                None => 0,
            };
            hits.push(n);
        }
        let stats = fts::Stats { rows: totals.get(0), tokens: totals.get(1), hits };
        for f in &mut found {
            f.0 = fts::bm25(&stats, &f.4, f.3.len());
        }
        found.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        found.truncate(query.limit);

        let ids: Vec<i64> = found.iter().map(|f| f.1).collect();
        let mut meta: HashMap<i64, postgres::Row> = HashMap::new();
        for r in c
            .query(
                "SELECT s.id, d.doc_id, COALESCE(d.article_date, d.date), d.url, s.part
                 FROM sentences s JOIN documents d ON d.id = s.doc WHERE s.id = ANY($1)",
                &[&ids],
            )
            .at(p)?
        {
            meta.insert(r.get(0), r);
        }
        let mut relations: HashMap<i64, Vec<SearchRelation>> = HashMap::new();
        for r in c
            .query(
                "SELECT sentence, source, target, sector, polarity, modality, type FROM relations
                 WHERE sentence = ANY($1) ORDER BY id",
                &[&ids],
            )
            .at(p)?
        {
            relations.entry(r.get(0)).or_default().push(SearchRelation {
                source: r.get(1),
                target: r.get(2),
                sector: get(&r, 3, p)?,
                polarity: get(&r, 4, p)?,
                modality: get(&r, 5, p)?,
                event_type: get(&r, 6, p)?,
            });
        }
        let mut out = Vec::with_capacity(found.len());
        for (_, id, text, tokens, inst) in found {
            // A sentence deleted since it was found is left out.
            let Some(m) = meta.get(&id) else { continue };
            let snippet = fts::snippet(&parsed, &text, &tokens, &inst);
            out.push(SearchHit {
                doc: m.get(1),
                date: m.get(2),
                url: m.get(3),
                part: get(m, 4, p)?,
                text,
                snippet,
                relations: relations.remove(&id).unwrap_or_default(),
            });
        }
        Ok(out)
    }
}
