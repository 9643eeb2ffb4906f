//! The server's side of the store: a pool of read connections (each an [`entente_store::Store`]
//! for the store's own questions, beside a read-only SQLite connection for the listings the
//! store does not offer: actors, relations by filter, a pair's evidence sentences, documents,
//! the map's graph), and one writer for `POST /api/documents`.
//!
//! The listings read the store's schema (version [`entente_store::SCHEMA_VERSION`], checked at
//! start). Their SQL is joined from constant fragments only; every value from a request is a
//! bound parameter.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use entente_core::{Content, Document};
use entente_store::{Period, Store, RELATIONS_NEWEST_FIRST};
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::ApiError;
use crate::params::Page;

/// Read connections kept open between requests.
pub const MAX_IDLE: usize = 32;
/// How long a reader waits on a writer's lock, at most (the store's lock timeout when shorter).
pub const READ_BUSY: Duration = Duration::from_secs(5);

/// A plain read-only SQLite connection to the store file.
/// (On read-only media too: [`entente_store::read_only_connection`].)
pub(crate) fn open_read_only(path: &Path) -> Result<Connection, entente_store::StoreError> {
    entente_store::read_only_connection(path)
}

/// One reader: the store's API and a plain read-only connection to the same file.
pub struct Reader {
    pub store: Store,
    pub conn: Connection,
}

/// The readers and the writer of one store file.
pub struct Db {
    path: PathBuf,
    /// How long the writer waits for another process's lock.
    lock_timeout: Duration,
    idle: Mutex<Vec<Reader>>,
    writer: Mutex<Option<Store>>,
}

impl Db {
    /// Opens (creating and migrating if needed) the store at `path` and checks one reader; the
    /// writer waits `lock_timeout` for another process's lock, readers at most [`READ_BUSY`].
    /// A store that cannot be written (read-only media) is served for reading: its writer is
    /// opened at the first write, which fails saying so.
    pub fn open(path: &Path, lock_timeout: Duration) -> Result<Db, entente_store::StoreError> {
        let writer = match Store::open_waiting(path, true, lock_timeout) {
            Ok(w) => Some(w),
            Err(entente_store::StoreError::ReadOnly { .. }) if path.exists() => None,
            Err(e) => return Err(e),
        };
        let db =
            Db { path: path.to_path_buf(), lock_timeout, idle: Mutex::new(Vec::new()), writer: Mutex::new(writer) };
        let reader = db.open_reader()?;
        db.idle.lock().unwrap_or_else(|e| e.into_inner()).push(reader);
        Ok(db)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn open_reader(&self) -> Result<Reader, entente_store::StoreError> {
        let wait = READ_BUSY.min(self.lock_timeout);
        let store = Store::open_for_reading(&self.path, wait)?;
        let conn = open_read_only(&self.path)?;
        conn.busy_timeout(wait)
            .map_err(|e| entente_store::StoreError::CannotOpen { path: self.path.clone(), detail: e.to_string() })?;
        Ok(Reader { store, conn })
    }

    /// Runs `f` with a pooled reader (blocking: call from a blocking thread).
    pub fn read<R>(&self, f: impl FnOnce(&Reader) -> Result<R, ApiError>) -> Result<R, ApiError> {
        let pooled = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let reader = match pooled {
            Some(r) => r,
            None => self.open_reader()?,
        };
        let out = f(&reader);
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(reader);
        }
        out
    }

    /// Runs `f` with the one writer (blocking; writers wait for each other).
    pub fn write<R>(&self, f: impl FnOnce(&mut Store) -> Result<R, ApiError>) -> Result<R, ApiError> {
        let mut guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(Store::open_waiting(&self.path, true, self.lock_timeout)?);
        }
        let store = guard.as_mut().expect("writer opened above");
        f(store)
    }
}

fn u(n: i64) -> u64 {
    n.max(0) as u64
}

/// An actor with how widely it is tied.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRow {
    pub code: String,
    pub name: Option<String>,
    pub kind: Option<String>,
    /// Distinct actors it has any relation with.
    pub ties: u64,
    /// Distinct actors it has cooperative relations with.
    pub partners: u64,
    /// Distinct actors it has conflictual relations with.
    pub rivals: u64,
    pub documents: u64,
    pub relations: u64,
}

/// A filter over relations. Every field narrows; `None` leaves it open.
#[derive(Debug, Clone, Default)]
pub struct RelationFilter {
    pub actor: Option<String>,
    pub pair: Option<(String, String)>,
    pub sector: Option<String>,
    pub polarity: Option<String>,
    pub modality: Option<String>,
    pub period: Period,
    pub doc: Option<String>,
}

impl RelationFilter {
    /// The WHERE clause (constant fragments) and its bound values.
    fn clause(&self) -> (String, Vec<(&'static str, String)>) {
        let mut parts: Vec<&'static str> = vec!["r.source != r.target"];
        let mut values: Vec<(&'static str, String)> = Vec::new();
        if let Some(a) = &self.actor {
            parts.push("(r.source = :actor OR r.target = :actor)");
            values.push((":actor", a.clone()));
        }
        if let Some((a, b)) = &self.pair {
            parts.push("((r.source = :a AND r.target = :b) OR (r.source = :b AND r.target = :a))");
            values.push((":a", a.clone()));
            values.push((":b", b.clone()));
        }
        if let Some(s) = &self.sector {
            parts.push("r.sector = :sector");
            values.push((":sector", s.clone()));
        }
        if let Some(p) = &self.polarity {
            parts.push("r.polarity = :polarity");
            values.push((":polarity", p.clone()));
        }
        if let Some(m) = &self.modality {
            parts.push("r.modality = :modality");
            values.push((":modality", m.clone()));
        }
        // A relation's date overlaps the period at its own precision (as the store's queries).
        if let Some(s) = &self.period.since {
            parts.push("(r.date IS NOT NULL AND r.date >= substr(:since, 1, length(r.date)))");
            values.push((":since", s.clone()));
        }
        if let Some(s) = &self.period.until {
            parts.push("(r.date IS NOT NULL AND substr(r.date, 1, length(:until)) <= :until)");
            values.push((":until", s.clone()));
        }
        if let Some(d) = &self.doc {
            parts.push("r.doc = (SELECT id FROM documents WHERE doc_id = :doc)");
            values.push((":doc", d.clone()));
        }
        (parts.join(" AND "), values)
    }
}

fn bind<'a>(values: &'a [(&'static str, String)], extra: &'a [(&'static str, i64)]) -> Vec<(&'a str, &'a dyn ToSql)> {
    values.iter().map(|(k, v)| (*k, v as &dyn ToSql)).chain(extra.iter().map(|(k, v)| (*k, v as &dyn ToSql))).collect()
}

/// An actor at one end of a relation.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRef {
    pub name: Option<String>,
    pub kind: Option<String>,
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
    pub part: String,
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
    pub doc_title: Option<String>,
    pub doc_date: Option<String>,
    pub url: Option<String>,
    pub source: String,
    pub target: String,
    pub sector: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub polarity: String,
    pub modality: String,
    pub quantities: Vec<QuantityRow>,
    pub time: TimeRow,
    /// The relation's own date, else its document's.
    pub date: Option<String>,
    pub source_actor: ActorRef,
    pub target_actor: ActorRef,
    pub evidence: EvidenceRow,
    pub confidence: f64,
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

/// One relation a sentence states, as the evidence list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceRelation {
    pub source: String,
    pub target: String,
    pub sector: String,
    pub polarity: String,
    pub modality: String,
    #[serde(rename = "type")]
    pub event_type: String,
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
    pub part: String,
    /// The sentence cut into runs, the pair's actors marked.
    pub segments: Vec<Segment>,
    pub doc: String,
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
}

/// A node of the map.
#[derive(Debug, Clone, Serialize)]
pub struct MapNode {
    pub code: String,
    pub name: Option<String>,
    pub kind: Option<String>,
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
    pub sector: String,
    pub polarity: String,
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

impl Reader {
    /// Actors that appear in a relation between two different actors, most ties first.
    pub fn actors(&self, q: Option<&str>, kind: Option<&str>, page: Page) -> Result<Listing<ActorRow>, ApiError> {
        const BASE: &str = "WITH e AS (
                SELECT source AS code, target AS other, polarity, doc FROM relations WHERE source != target
                UNION ALL
                SELECT target, source, polarity, doc FROM relations WHERE source != target),
            t AS (
                SELECT e.code, x.name, x.kind, count(DISTINCT e.other) AS ties,
                       count(DISTINCT CASE WHEN e.polarity = 'cooperative' THEN e.other END) AS partners,
                       count(DISTINCT CASE WHEN e.polarity = 'conflictual' THEN e.other END) AS rivals,
                       count(DISTINCT e.doc) AS documents, count(*) AS relations
                FROM e LEFT JOIN actors x ON x.code = e.code
                WHERE (:q IS NULL OR e.code = upper(:q) OR instr(lower(x.name), lower(:q)) > 0)
                  AND (:kind IS NULL OR x.kind = :kind)
                GROUP BY e.code)";
        // The total comes with the rows (the aggregate is the cost, not the page); only a page
        // past the end asks for it alone.
        let rows_sql = format!(
            "{BASE} SELECT *, count(*) OVER () FROM t ORDER BY ties DESC, documents DESC, code LIMIT :limit OFFSET :offset"
        );
        let count_sql = format!("{BASE} SELECT count(*) FROM t");
        let mut total: Option<i64> = None;
        let mut stmt = self.conn.prepare_cached(&rows_sql)?;
        let items = stmt
            .query_map(
                rusqlite::named_params! {":q": q, ":kind": kind, ":limit": page.limit as i64, ":offset": page.offset as i64},
                |r| {
                    total = Some(r.get(8)?);
                    Ok(ActorRow {
                        code: r.get(0)?,
                        name: r.get(1)?,
                        kind: r.get(2)?,
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
            None => self
                .conn
                .prepare_cached(&count_sql)?
                .query_row(rusqlite::named_params! {":q": q, ":kind": kind}, |r| r.get(0))?,
        };
        Ok(Listing::new(items, Some(u(total)), page))
    }

    fn quantities(&self, relation: i64) -> rusqlite::Result<Vec<QuantityRow>> {
        self.conn
            .prepare_cached("SELECT value, unit, of FROM quantities WHERE relation = ?1 ORDER BY rowid")?
            .query_map([relation], |r| Ok(QuantityRow { value: r.get(0)?, unit: r.get(1)?, of: r.get(2)? }))?
            .collect()
    }

    /// Relations matching `filter`, newest first (undated last), then in stored order.
    pub fn relations(&self, filter: &RelationFilter, page: Page) -> Result<Listing<RelationRow>, ApiError> {
        let (clause, values) = filter.clause();
        let sql = format!(
            "SELECT r.id, d.doc_id, d.title, COALESCE(d.article_date, d.date), d.url, r.source, r.target,
                    r.sector, r.type, r.polarity, r.modality, r.time_start, r.time_end, r.date,
                    sa.name, sa.kind, ta.name, ta.kind, s.text, s.start, s.end, s.part, r.confidence
             FROM relations r
             JOIN documents d ON d.id = r.doc
             JOIN sentences s ON s.id = r.sentence
             LEFT JOIN actors sa ON sa.code = r.source
             LEFT JOIN actors ta ON ta.code = r.target
             WHERE {clause}
             ORDER BY {RELATIONS_NEWEST_FIRST}
             LIMIT :limit OFFSET :offset"
        );
        let extra = [(":limit", page.limit as i64), (":offset", page.offset as i64)];
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut items = stmt
            .query_map(bind(&values, &extra).as_slice(), |r| {
                Ok(RelationRow {
                    id: r.get(0)?,
                    doc: r.get(1)?,
                    doc_title: r.get(2)?,
                    doc_date: r.get(3)?,
                    url: r.get(4)?,
                    source: r.get(5)?,
                    target: r.get(6)?,
                    sector: r.get(7)?,
                    event_type: r.get(8)?,
                    polarity: r.get(9)?,
                    modality: r.get(10)?,
                    quantities: Vec::new(),
                    time: TimeRow { start: r.get(11)?, end: r.get(12)? },
                    date: r.get(13)?,
                    source_actor: ActorRef { name: r.get(14)?, kind: r.get(15)? },
                    target_actor: ActorRef { name: r.get(16)?, kind: r.get(17)? },
                    evidence: EvidenceRow { text: r.get(18)?, start: r.get(19)?, end: r.get(20)?, part: r.get(21)? },
                    confidence: r.get(22)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for item in &mut items {
            item.quantities = self.quantities(item.id)?;
        }
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM relations r WHERE {clause}"))?
            .query_row(bind(&values, &[]).as_slice(), |r| r.get(0))?;
        Ok(Listing::new(items, Some(u(total)), page))
    }

    /// The distinct evidence sentences of the relations matching `filter`, newest first, each
    /// with its document and the matching relations it states. `segments` is left empty.
    pub fn sentences(&self, filter: &RelationFilter, page: Page) -> Result<Listing<SentenceRow>, ApiError> {
        let (clause, values) = filter.clause();
        let sql = format!(
            "SELECT s.id, s.text, s.part, d.doc_id, d.title, COALESCE(d.article_date, d.date), d.url,
                    max(r.date) AS rdate
             FROM relations r
             JOIN sentences s ON s.id = r.sentence
             JOIN documents d ON d.id = r.doc
             WHERE {clause}
             GROUP BY s.id
             ORDER BY rdate IS NULL, rdate DESC, s.id
             LIMIT :limit OFFSET :offset"
        );
        let extra = [(":limit", page.limit as i64), (":offset", page.offset as i64)];
        let mut items = self
            .conn
            .prepare_cached(&sql)?
            .query_map(bind(&values, &extra).as_slice(), |r| {
                Ok(SentenceRow {
                    sentence: r.get(0)?,
                    text: r.get(1)?,
                    part: r.get(2)?,
                    segments: Vec::new(),
                    doc: r.get(3)?,
                    title: r.get(4)?,
                    date: r.get(5)?,
                    url: r.get(6)?,
                    relations: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let rel_sql = format!(
            "SELECT r.id, r.source, r.target, r.sector, r.polarity, r.modality, r.type, r.confidence,
                    r.time_start, r.time_end
             FROM relations r WHERE r.sentence = :sentence AND {clause} ORDER BY r.id"
        );
        for item in &mut items {
            let extra = [(":sentence", item.sentence)];
            let rels = self
                .conn
                .prepare_cached(&rel_sql)?
                .query_map(bind(&values, &extra).as_slice(), |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        SentenceRelation {
                            source: r.get(1)?,
                            target: r.get(2)?,
                            sector: r.get(3)?,
                            polarity: r.get(4)?,
                            modality: r.get(5)?,
                            event_type: r.get(6)?,
                            confidence: r.get(7)?,
                            time: TimeRow { start: r.get(8)?, end: r.get(9)? },
                            quantities: Vec::new(),
                        },
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, mut rel) in rels {
                rel.quantities = self.quantities(id)?;
                item.relations.push(rel);
            }
        }
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(DISTINCT r.sentence) FROM relations r WHERE {clause}"))?
            .query_row(bind(&values, &[]).as_slice(), |r| r.get(0))?;
        Ok(Listing::new(items, Some(u(total)), page))
    }

    const DOCUMENT_COLUMNS: &'static str = "SELECT d.doc_id, d.title, d.url, d.date, d.article_date,
            d.extractor_version, d.ingested_at, (SELECT count(*) FROM relations r WHERE r.doc = d.id)
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
        })
    }

    /// Stored documents in the order they were first stored.
    pub fn documents(&self, page: Page) -> Result<Listing<DocumentRow>, ApiError> {
        let sql = format!("{} ORDER BY d.id LIMIT ?1 OFFSET ?2", Self::DOCUMENT_COLUMNS);
        let items = self
            .conn
            .prepare_cached(&sql)?
            .query_map([page.limit as i64, page.offset as i64], Self::document_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total: i64 = self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        Ok(Listing::new(items, Some(u(total)), page))
    }

    /// One stored document by its id.
    pub fn document(&self, id: &str) -> Result<Option<DocumentRow>, ApiError> {
        let sql = format!("{} WHERE d.doc_id = ?1", Self::DOCUMENT_COLUMNS);
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], Self::document_row).optional()?)
    }

    /// A stored document as it was given (for reading its title when the input had none).
    pub fn stored_document(&self, id: &str) -> Result<Option<Document>, ApiError> {
        let row = self
            .conn
            .prepare_cached("SELECT url, date, title, content_kind, content FROM documents WHERE doc_id = ?1")?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .optional()?;
        Ok(row.map(|(url, date, title, kind, content)| Document {
            id: id.to_string(),
            url,
            date,
            title,
            content: if kind == "html" { Content::Html(content) } else { Content::Text(content) },
        }))
    }

    /// The map: edges per unordered pair, sector and polarity among the relations matching
    /// `filter` (its `actor`, if any, keeps that actor, its neighbours and the edges among
    /// them), then the `limit` actors with the most partners and the edges among them.
    pub fn graph(&self, filter: &RelationFilter, limit: usize) -> Result<MapGraph, ApiError> {
        let mut f = filter.clone();
        let ego = f.actor.take();
        let (clause, values) = f.clause();
        let sql = format!(
            "SELECT min(r.source, r.target) AS a, max(r.source, r.target) AS b, r.sector, r.polarity,
                    count(DISTINCT r.doc), count(*), min(r.date), max(r.date)
             FROM relations r WHERE {clause}
             GROUP BY a, b, r.sector, r.polarity ORDER BY a, b, r.sector, r.polarity"
        );
        let mut edges = self
            .conn
            .prepare_cached(&sql)?
            .query_map(bind(&values, &[]).as_slice(), |r| {
                Ok(MapEdge {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    sector: r.get(2)?,
                    polarity: r.get(3)?,
                    documents: u(r.get(4)?),
                    relations: u(r.get(5)?),
                    first: r.get(6)?,
                    last: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if let Some(ego) = &ego {
            let mut keep: BTreeSet<&str> = BTreeSet::new();
            keep.insert(ego.as_str());
            for e in &edges {
                if &e.a == ego {
                    keep.insert(&e.b);
                } else if &e.b == ego {
                    keep.insert(&e.a);
                }
            }
            let keep: BTreeSet<String> = keep.into_iter().map(str::to_string).collect();
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
        let kept: BTreeSet<String> = ranked.iter().map(|r| r.0.to_string()).collect();
        let mut names = self.conn.prepare_cached("SELECT name, kind FROM actors WHERE code = ?1")?;
        let mut nodes = Vec::with_capacity(ranked.len());
        for (code, _, weight) in &ranked {
            let (name, kind) = names
                .query_row([code], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?)))
                .optional()?
                .unwrap_or((None, None));
            nodes.push(MapNode { code: code.to_string(), name, kind, partners: 0, weight: *weight });
        }
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
