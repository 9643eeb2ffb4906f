//! Writing: documents with their relations, one transaction per batch, idempotent under
//! concurrent writers, with one multi-row statement per table per batch.
//!
//! A batch first takes a transaction-scoped advisory lock for each of its document ids (by a
//! hash of the id, in ascending order, so that two writers with overlapping batches never wait
//! on each other in a cycle), then reads which of its documents are stored and with what hash.
//! Two writers of the same document so take turns, and the second finds the first's copy. The
//! outcome (added, replaced, unchanged, relations) is worked out as SQLite's backend works it
//! out document by document, the same id twice in a batch included, and the rows are then
//! written in the order SQLite's backend would write them, so both stores number their rows
//! alike.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use entente_core::{ActorKind, Content, Document};
use entente_store::{document_hash, BatchOutcome, IngestItem};
use postgres::types::ToSql;
use postgres::Transaction;

use crate::fts;
use crate::{At, PgStore, Result, StoreError, DOCUMENT_LOCK};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    SkipUnchanged,
    Replace,
}

/// The second key of a document's advisory lock: a 32-bit FNV-1a hash of its id (two ids with
/// the same hash only wait for each other).
fn lock_key(id: &str) -> i32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as i32
}

/// The time of writing as SQLite's backend writes it (`strftime('%Y-%m-%dT%H:%M:%SZ', 'now')`).
const NOW: &str = r#"to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#;

fn content(doc: &Document) -> (&'static str, &str) {
    match &doc.content {
        Content::Text(t) => ("text", t),
        Content::Html(h) => ("html", h),
    }
}

/// Whether an actor of this kind is the code's own actor (a state, IGO, group or former state),
/// not someone acting for it.
fn names_the_code(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::State | ActorKind::Igo | ActorKind::Group | ActorKind::FormerState)
}

/// Where a document's row is: stored before the batch, or added by it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Row {
    Stored(i64),
    Added,
}

impl PgStore {
    /// For each document, whether the store already holds it with the same content.
    pub fn unchanged(&self, docs: &[&Document]) -> Result<Vec<bool>> {
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        let stored: HashMap<String, String> = self
            .client()
            .query("SELECT doc_id, hash FROM documents WHERE doc_id = ANY($1)", &[&ids])
            .at(&self.path)?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        Ok(docs.iter().map(|d| stored.get(&d.id).is_some_and(|h| *h == document_hash(d))).collect())
    }

    /// Stores a batch in one transaction: new documents are added, changed ones (another hash)
    /// have their relations replaced, unchanged ones are left alone. If the same id appears
    /// twice in a batch, the later one wins.
    pub fn ingest_batch(&self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome> {
        self.write_batch(items, extractor_version, Mode::SkipUnchanged)
    }

    /// Like [`PgStore::ingest_batch`], but replaces the relations of every document even when
    /// its content is unchanged: for re-extraction with a new extractor.
    pub fn replace_batch(&self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome> {
        self.write_batch(items, extractor_version, Mode::Replace)
    }

    fn write_batch(&self, items: &[IngestItem<'_>], extractor_version: &str, mode: Mode) -> Result<BatchOutcome> {
        let p = &self.path;
        let mut c = self.client();
        let mut tx = c.transaction().at(p)?;
        let outcome = write(&mut tx, p, items, extractor_version, mode)?;
        tx.commit().at(p)?;
        Ok(outcome)
    }

    /// Row ids of the documents to re-extract: those whose relations came from another
    /// extractor version than `current`, or all of them.
    pub fn stale_documents(&self, current: &str, all: bool) -> Result<Vec<i64>> {
        let rows = self
            .client()
            .query("SELECT id FROM documents WHERE $1 OR extractor_version <> $2 ORDER BY id", &[&all, &current])
            .at(&self.path)?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// The original input of stored documents, by row id, in the order asked.
    pub fn documents_by_rowid(&self, ids: &[i64]) -> Result<Vec<Document>> {
        let rows = self
            .client()
            .query(&format!("{DOCUMENT_INPUT}, id FROM documents WHERE id = ANY($1)"), &[&ids])
            .at(&self.path)?;
        let mut by_id: HashMap<i64, Document> = HashMap::new();
        for r in &rows {
            by_id.insert(r.get(6), document_input(r).map_err(|e| self.invalid(e))?);
        }
        // A document deleted meanwhile is left out.
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }
}

/// The columns of a stored document as it was given; [`document_input`] reads them.
pub(crate) const DOCUMENT_INPUT: &str = "SELECT doc_id, url, date, title, content_kind, content";

/// A row of [`DOCUMENT_INPUT`]: the document, or what is wrong with the row.
pub(crate) fn document_input(r: &postgres::Row) -> std::result::Result<Document, String> {
    let id: String = r.get(0);
    let kind: String = r.get(4);
    let content = match kind.as_str() {
        "html" => Content::Html(r.get(5)),
        "text" => Content::Text(r.get(5)),
        other => return Err(format!("document {id}: content kind {other:?}")),
    };
    Ok(Document { id, url: r.get(1), date: r.get(2), title: r.get(3), content })
}

/// Sentences, relations and quantities of a batch, column by column.
#[derive(Default)]
struct Rows {
    s_doc: Vec<i64>,
    s_start: Vec<i64>,
    s_end: Vec<i64>,
    s_part: Vec<&'static str>,
    s_text: Vec<String>,
    s_fts: Vec<String>,
    s_tokens: Vec<i32>,
    r_doc: Vec<i64>,
    /// Index into the batch's sentences.
    r_sentence: Vec<usize>,
    r_source: Vec<String>,
    r_target: Vec<String>,
    r_sector: Vec<&'static str>,
    r_type: Vec<&'static str>,
    r_polarity: Vec<&'static str>,
    r_modality: Vec<&'static str>,
    r_start: Vec<Option<String>>,
    r_end: Vec<Option<String>>,
    r_confidence: Vec<f64>,
    r_explain: Vec<Option<String>>,
    r_date: Vec<Option<String>>,
    r_mode: Vec<Option<String>>,
    /// Index into the batch's relations.
    q_relation: Vec<usize>,
    q_value: Vec<f64>,
    q_unit: Vec<String>,
    q_of: Vec<Option<String>>,
}

fn write(
    tx: &mut Transaction<'_>,
    p: &Path,
    items: &[IngestItem<'_>],
    extractor_version: &str,
    mode: Mode,
) -> Result<BatchOutcome> {
    if items.is_empty() {
        return Ok(BatchOutcome::default());
    }
    for item in items {
        if let Some(field) = nul_field(item) {
            return Err(StoreError::Invalid {
                path: p.to_path_buf(),
                detail: format!(
                    "document {:?}: its {field} holds a NUL character (U+0000), which PostgreSQL text cannot \
                     hold; nothing of this batch was written",
                    item.document.id
                ),
            });
        }
    }
    let mut keys: Vec<i32> = items.iter().map(|i| lock_key(&i.document.id)).collect();
    keys.sort_unstable();
    keys.dedup();
    tx.execute("SELECT count(pg_advisory_xact_lock($1, k)) FROM unnest($2::int4[]) AS k", &[&DOCUMENT_LOCK, &keys])
        .at(p)?;
    let ids: Vec<&str> = items.iter().map(|i| i.document.id.as_str()).collect();
    let mut state: HashMap<String, (Row, String)> = HashMap::new();
    for r in tx.query("SELECT doc_id, id, hash FROM documents WHERE doc_id = ANY($1)", &[&ids]).at(p)? {
        state.insert(r.get(0), (Row::Stored(r.get(1)), r.get(2)));
    }

    // What SQLite's backend does, document by document.
    let mut outcome = BatchOutcome::default();
    let mut writes: Vec<usize> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let doc = item.document;
        let hash = document_hash(doc);
        match state.get(&doc.id) {
            Some((_, stored)) if *stored == hash && mode == Mode::SkipUnchanged => {
                outcome.unchanged += 1;
                continue;
            }
            Some(&(row, _)) => {
                outcome.replaced += 1;
                state.insert(doc.id.clone(), (row, hash));
            }
            None => {
                outcome.added += 1;
                state.insert(doc.id.clone(), (Row::Added, hash));
            }
        }
        outcome.relations += item.relations.len();
        writes.push(i);
    }
    if writes.is_empty() {
        return Ok(outcome);
    }

    // The actors, from every write in order: the first naming of a code in the batch names it;
    // a code only acted for holds its place under its own code if it has none.
    let mut named: BTreeMap<&str, (ActorKind, &str)> = BTreeMap::new();
    let mut held: BTreeSet<&str> = BTreeSet::new();
    for &i in &writes {
        for r in items[i].relations {
            for (code, actor) in [(&r.source, &r.source_actor), (&r.target, &r.target_actor)] {
                if named.contains_key(code.as_str()) {
                    continue;
                }
                if names_the_code(actor.kind) {
                    named.insert(code, (actor.kind, actor.name.as_str()));
                } else {
                    held.insert(code);
                }
            }
        }
    }

    // The last write of each document is what it holds; its rows come in that write's place.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for &i in &writes {
        last.insert(items[i].document.id.as_str(), i);
    }
    let finals: Vec<usize> = writes.iter().copied().filter(|&i| last[items[i].document.id.as_str()] == i).collect();

    // Documents stored before: their old rows go, their row takes the new content.
    let replaced: Vec<i64> = finals
        .iter()
        .filter_map(|&i| match state[&items[i].document.id].0 {
            Row::Stored(id) => Some(id),
            Row::Added => None,
        })
        .collect();
    let (mut fts_rows, mut fts_tokens) = (0i64, 0i64);
    if !replaced.is_empty() {
        tx.execute(
            "DELETE FROM quantities WHERE relation IN (SELECT id FROM relations WHERE doc = ANY($1))",
            &[&replaced],
        )
        .at(p)?;
        tx.execute("DELETE FROM relations WHERE doc = ANY($1)", &[&replaced]).at(p)?;
        let gone = tx
            .query_one(
                "WITH gone AS (DELETE FROM sentences WHERE doc = ANY($1) RETURNING tokens)
                 SELECT count(*), COALESCE(sum(tokens), 0)::bigint FROM gone",
                &[&replaced],
            )
            .at(p)?;
        fts_rows -= gone.get::<_, i64>(0);
        fts_tokens -= gone.get::<_, i64>(1);
        let docs: Vec<&IngestItem<'_>> = finals
            .iter()
            .filter(|&&i| matches!(state[&items[i].document.id].0, Row::Stored(_)))
            .map(|&i| &items[i])
            .collect();
        let cols = DocColumns::of(&docs);
        tx.execute(
            &format!(
                "UPDATE documents d SET url = t.url, date = t.date, title = t.title, content_kind = t.kind,
                    content = t.content, hash = t.hash, extractor_version = $10,
                    article_date = t.article_date, article_title = t.article_title, ingested_at = {NOW}
                 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                             $7::text[], $8::text[], $9::text[])
                      AS t(doc_id, url, date, title, kind, content, hash, article_date, article_title)
                 WHERE d.doc_id = t.doc_id"
            ),
            &cols.params(&extractor_version),
        )
        .at(p)?;
    }

    // New documents, in the order they first appear.
    let mut row_of: HashMap<String, i64> = HashMap::new();
    for &i in &finals {
        if let Row::Stored(id) = state[&items[i].document.id].0 {
            row_of.insert(items[i].document.id.clone(), id);
        }
    }
    let mut first_seen: Vec<&str> = Vec::new();
    for &i in &writes {
        let id = items[i].document.id.as_str();
        if matches!(state[id].0, Row::Added) && !first_seen.contains(&id) {
            first_seen.push(id);
        }
    }
    if !first_seen.is_empty() {
        let docs: Vec<&IngestItem<'_>> = first_seen.iter().map(|id| &items[last[id]]).collect();
        let cols = DocColumns::of(&docs);
        let rows = tx
            .query(
                &format!(
                    "INSERT INTO documents (doc_id, url, date, title, content_kind, content, hash,
                        extractor_version, article_date, article_title, ingested_at)
                     SELECT t.doc_id, t.url, t.date, t.title, t.kind, t.content, t.hash, $10,
                            t.article_date, t.article_title, {NOW}
                     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                 $7::text[], $8::text[], $9::text[])
                          WITH ORDINALITY AS t(doc_id, url, date, title, kind, content, hash, article_date,
                                               article_title, n)
                     ORDER BY t.n
                     RETURNING doc_id, id"
                ),
                &cols.params(&extractor_version),
            )
            .at(p)?;
        for r in rows {
            row_of.insert(r.get(0), r.get(1));
        }
    }

    // Sentences, relations and quantities, document after document.
    let mut rows = Rows::default();
    for &i in &finals {
        let item = &items[i];
        let doc_row = row_of[&item.document.id];
        let mut sentences: HashMap<(usize, usize, &str), usize> = HashMap::new();
        for r in item.relations {
            let ev = &r.evidence;
            let key = (ev.start, ev.end, ev.part.as_str());
            let sentence = *sentences.entry(key).or_insert_with(|| {
                let tokens = fts::tokenize(&ev.text);
                rows.s_doc.push(doc_row);
                rows.s_start.push(ev.start as i64);
                rows.s_end.push(ev.end as i64);
                rows.s_part.push(ev.part.as_str());
                rows.s_text.push(ev.text.clone());
                rows.s_fts.push(fts::tsvector(&tokens));
                rows.s_tokens.push(tokens.len() as i32);
                rows.s_doc.len() - 1
            });
            rows.r_doc.push(doc_row);
            rows.r_sentence.push(sentence);
            rows.r_source.push(r.source.clone());
            rows.r_target.push(r.target.clone());
            rows.r_sector.push(r.sector.as_str());
            rows.r_type.push(r.event_type.as_str());
            rows.r_polarity.push(r.polarity.as_str());
            rows.r_modality.push(r.modality.as_str());
            rows.r_start.push(r.time.start.clone());
            rows.r_end.push(r.time.end.clone());
            rows.r_confidence.push(r.confidence);
            rows.r_explain.push(r.explain.as_ref().map(|e| serde_json::to_string(e).unwrap_or_default()));
            let date = r.time.start.as_deref().or(r.time.end.as_deref()).or(item.article_date);
            rows.r_date.push(date.map(str::to_string));
            rows.r_mode.push(r.mode.clone());
            for q in &r.quantities {
                rows.q_relation.push(rows.r_doc.len() - 1);
                rows.q_value.push(q.value);
                rows.q_unit.push(q.unit.clone());
                rows.q_of.push(q.of.clone());
            }
        }
    }
    let sentence_ids = new_ids(tx, p, "sentences", rows.s_doc.len())?;
    let relation_ids = new_ids(tx, p, "relations", rows.r_doc.len())?;
    if !sentence_ids.is_empty() {
        tx.execute(
            "INSERT INTO sentences (id, doc, start, \"end\", part, text, fts, tokens)
             SELECT t.id, t.doc, t.start, t.stop, t.part, t.text, t.fts::tsvector, t.tokens
             FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::int8[], $5::text[], $6::text[], $7::text[],
                         $8::int4[]) AS t(id, doc, start, stop, part, text, fts, tokens)",
            &[
                &sentence_ids,
                &rows.s_doc,
                &rows.s_start,
                &rows.s_end,
                &rows.s_part,
                &rows.s_text,
                &rows.s_fts,
                &rows.s_tokens,
            ],
        )
        .at(p)?;
        fts_rows += rows.s_doc.len() as i64;
        fts_tokens += rows.s_tokens.iter().map(|&n| i64::from(n)).sum::<i64>();
    }
    if !relation_ids.is_empty() {
        let sentence: Vec<i64> = rows.r_sentence.iter().map(|&s| sentence_ids[s]).collect();
        tx.execute(
            "INSERT INTO relations (id, doc, sentence, source, target, sector, type, polarity, modality,
                time_start, time_end, confidence, explain, date, mode)
             SELECT * FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::text[], $5::text[], $6::text[],
                                  $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::float8[],
                                  $13::text[], $14::text[], $15::text[])",
            &[
                &relation_ids,
                &rows.r_doc,
                &sentence,
                &rows.r_source,
                &rows.r_target,
                &rows.r_sector,
                &rows.r_type,
                &rows.r_polarity,
                &rows.r_modality,
                &rows.r_start,
                &rows.r_end,
                &rows.r_confidence,
                &rows.r_explain,
                &rows.r_date,
                &rows.r_mode,
            ],
        )
        .at(p)?;
    }
    if !rows.q_relation.is_empty() {
        let relation: Vec<i64> = rows.q_relation.iter().map(|&r| relation_ids[r]).collect();
        tx.execute(
            "INSERT INTO quantities (relation, value, unit, \"of\")
             SELECT t.relation, t.value, t.unit, t.qof
             FROM unnest($1::int8[], $2::float8[], $3::text[], $4::text[]) WITH ORDINALITY
                  AS t(relation, value, unit, qof, n)
             ORDER BY t.n",
            &[&relation, &rows.q_value, &rows.q_unit, &rows.q_of],
        )
        .at(p)?;
    }

    // Actors, in code order (the order every writer locks them in).
    let mut codes: Vec<&str> =
        named.keys().copied().chain(held.iter().copied().filter(|c| !named.contains_key(c))).collect();
    codes.sort_unstable();
    if !codes.is_empty() {
        let kinds: Vec<&str> = codes.iter().map(|c| named.get(c).map_or(ActorKind::State, |n| n.0).as_str()).collect();
        let names: Vec<&str> = codes.iter().map(|c| named.get(c).map_or(*c, |n| n.1)).collect();
        let naming: Vec<&str> = named.keys().copied().collect();
        tx.execute(
            "INSERT INTO actors AS a (code, kind, name)
             SELECT t.code, t.kind, t.name FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY
                    AS t(code, kind, name, n)
             ORDER BY t.n
             ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name = excluded.name
             WHERE excluded.code = ANY($4::text[])",
            &[&codes, &kinds, &names, &naming],
        )
        .at(p)?;
    }

    tx.execute(
        "UPDATE entente_store SET data_version = data_version + 1, fts_rows = fts_rows + $1,
            fts_tokens = fts_tokens + $2",
        &[&fts_rows, &fts_tokens],
    )
    .at(p)?;
    Ok(outcome)
}

/// The first field of a document to write that holds a NUL character, which PostgreSQL text
/// refuses (SQLite stores it): the batch is refused whole, naming the document, rather than
/// failing half-written or storing something else.
fn nul_field(item: &IngestItem<'_>) -> Option<&'static str> {
    let d = item.document;
    let nul = |s: &str| s.contains('\0');
    let some = |s: Option<&str>| s.is_some_and(nul);
    let fields: [(&'static str, bool); 7] = [
        ("id", nul(&d.id)),
        ("content", nul(content(d).1)),
        ("url", some(d.url.as_deref())),
        ("date", some(d.date.as_deref())),
        ("title", some(d.title.as_deref()) || some(item.article_title)),
        ("article date", some(item.article_date)),
        (
            "relations",
            item.relations.iter().any(|r| {
                [&r.source, &r.target, &r.evidence.text, &r.source_actor.name, &r.target_actor.name]
                    .iter()
                    .any(|s| nul(s))
                    || [&r.time.start, &r.time.end, &r.mode].iter().any(|s| some(s.as_deref()))
                    || r.quantities.iter().any(|q| nul(&q.unit) || some(q.of.as_deref()))
            }),
        ),
    ];
    fields.into_iter().find(|f| f.1).map(|f| f.0)
}

/// `n` new row ids of `table` from its identity sequence, ascending.
fn new_ids(tx: &mut Transaction<'_>, p: &Path, table: &str, n: usize) -> Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut ids: Vec<i64> = tx
        .query(
            "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2::int8)",
            &[&table, &(n as i64)],
        )
        .at(p)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// The columns of documents to write.
struct DocColumns<'a> {
    id: Vec<&'a str>,
    url: Vec<Option<&'a str>>,
    date: Vec<Option<&'a str>>,
    title: Vec<Option<&'a str>>,
    kind: Vec<&'static str>,
    content: Vec<&'a str>,
    hash: Vec<String>,
    article_date: Vec<Option<&'a str>>,
    article_title: Vec<Option<&'a str>>,
}

impl<'a> DocColumns<'a> {
    /// The columns as the statements bind them (`$1` to `$9`), then the extractor version (`$10`).
    fn params<'s>(&'s self, version: &'s &str) -> [&'s (dyn ToSql + Sync); 10] {
        [
            &self.id,
            &self.url,
            &self.date,
            &self.title,
            &self.kind,
            &self.content,
            &self.hash,
            &self.article_date,
            &self.article_title,
            version,
        ]
    }

    fn of(items: &[&IngestItem<'a>]) -> DocColumns<'a> {
        DocColumns {
            id: items.iter().map(|i| i.document.id.as_str()).collect(),
            url: items.iter().map(|i| i.document.url.as_deref()).collect(),
            date: items.iter().map(|i| i.document.date.as_deref()).collect(),
            title: items.iter().map(|i| i.document.title.as_deref()).collect(),
            kind: items.iter().map(|i| content(i.document).0).collect(),
            content: items.iter().map(|i| content(i.document).1).collect(),
            hash: items.iter().map(|i| document_hash(i.document)).collect(),
            article_date: items.iter().map(|i| i.article_date).collect(),
            article_title: items.iter().map(|i| i.article_title).collect(),
        }
    }
}

/// Fills the search index of the sentences a store held before it had one (migration step 2).
pub(crate) fn fill_search_index(tx: &mut Transaction<'_>, p: &Path) -> Result<()> {
    let rows = tx.query("SELECT id, text FROM sentences ORDER BY id", &[]).at(p)?;
    for chunk in rows.chunks(5000) {
        let mut ids = Vec::with_capacity(chunk.len());
        let mut fts_text = Vec::with_capacity(chunk.len());
        let mut counts = Vec::with_capacity(chunk.len());
        for r in chunk {
            let tokens = fts::tokenize(r.get::<_, &str>(1));
            ids.push(r.get::<_, i64>(0));
            fts_text.push(fts::tsvector(&tokens));
            counts.push(tokens.len() as i32);
        }
        tx.execute(
            "UPDATE sentences s SET fts = t.fts::tsvector, tokens = t.tokens
             FROM unnest($1::int8[], $2::text[], $3::int4[]) AS t(id, fts, tokens) WHERE s.id = t.id",
            &[&ids, &fts_text, &counts],
        )
        .at(p)?;
    }
    tx.execute(
        "UPDATE entente_store SET fts_rows = (SELECT count(*) FROM sentences),
            fts_tokens = (SELECT COALESCE(sum(tokens), 0)::bigint FROM sentences)",
        &[],
    )
    .at(p)?;
    Ok(())
}
