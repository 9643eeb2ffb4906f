//! Writing: documents with their relations, one transaction per batch.

use std::collections::{HashMap, HashSet};

use entente_core::{ActorKind, Content, Document};
use entente_store::{document_hash, BatchOutcome, IngestItem};
use rusqlite::{named_params, OptionalExtension, Transaction};

use crate::vocabulary::Sql;
use crate::{At, Result, SqliteStore};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    SkipUnchanged,
    Replace,
}

impl SqliteStore {
    /// For each document, whether the store already holds it with the same content, so the
    /// caller can skip extracting it. [`SqliteStore::ingest_batch`] checks again; this only saves work.
    pub fn unchanged(&self, docs: &[&Document]) -> Result<Vec<bool>> {
        let mut stmt = self.conn.prepare_cached("SELECT hash FROM documents WHERE doc_id = ?1").at(&self.path)?;
        docs.iter()
            .map(|d| {
                let stored: Option<String> = stmt.query_row([&d.id], |r| r.get(0)).optional().at(&self.path)?;
                Ok(stored.is_some_and(|h| h == document_hash(d)))
            })
            .collect()
    }

    /// Stores a batch in one transaction: new documents are added, changed ones (another hash)
    /// have their relations replaced, unchanged ones are left alone. If the same id appears
    /// twice in a batch, the later one wins.
    pub fn ingest_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome> {
        self.write_batch(items, extractor_version, Mode::SkipUnchanged)
    }

    /// Like [`SqliteStore::ingest_batch`], but replaces the relations of every document even when
    /// its content is unchanged: for re-extraction with a new extractor.
    pub fn replace_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str) -> Result<BatchOutcome> {
        self.write_batch(items, extractor_version, Mode::Replace)
    }

    fn write_batch(&mut self, items: &[IngestItem<'_>], extractor_version: &str, mode: Mode) -> Result<BatchOutcome> {
        let path = self.path.clone();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).at(&path)?;
        let mut outcome = BatchOutcome::default();
        let mut actors_seen = HashSet::new();
        for item in items {
            write_document(&tx, item, extractor_version, mode, &mut outcome, &mut actors_seen).at(&path)?;
        }
        tx.commit().at(&path)?;
        Ok(outcome)
    }

    /// Row ids of the documents to re-extract: those whose relations came from another
    /// extractor version than `current`, or all of them.
    pub fn stale_documents(&self, current: &str, all: bool) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM documents WHERE :all OR extractor_version != :current ORDER BY id")
            .at(&self.path)?;
        let rows = stmt.query_map(named_params! {":all": all, ":current": current}, |r| r.get(0)).at(&self.path)?;
        rows.collect::<rusqlite::Result<Vec<i64>>>().at(&self.path)
    }

    /// The original input of stored documents, by row id (see [`SqliteStore::stale_documents`]).
    pub fn documents_by_rowid(&self, ids: &[i64]) -> Result<Vec<Document>> {
        let mut stmt = self.conn.prepare_cached(&format!("{DOCUMENT_INPUT} WHERE id = ?1")).at(&self.path)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            // None: deleted meanwhile.
            if let Some(doc) = stmt.query_row([id], document_input).optional().at(&self.path)? {
                out.push(doc.map_err(|e| self.invalid(e))?);
            }
        }
        Ok(out)
    }
}

/// The query of a stored document as it was given; [`document_input`] reads its rows.
pub(crate) const DOCUMENT_INPUT: &str = "SELECT doc_id, url, date, title, content_kind, content FROM documents";

/// A row of [`DOCUMENT_INPUT`]: the document, or what is wrong with the row.
pub(crate) fn document_input(r: &rusqlite::Row<'_>) -> rusqlite::Result<std::result::Result<Document, String>> {
    let id: String = r.get(0)?;
    let kind: String = r.get(4)?;
    let content = match kind.as_str() {
        "html" => Content::Html(r.get(5)?),
        "text" => Content::Text(r.get(5)?),
        other => return Ok(Err(format!("document {id}: content kind {other:?}"))),
    };
    Ok(Ok(Document { id, url: r.get(1)?, date: r.get(2)?, title: r.get(3)?, content }))
}

fn write_document(
    tx: &Transaction<'_>,
    item: &IngestItem<'_>,
    extractor_version: &str,
    mode: Mode,
    outcome: &mut BatchOutcome,
    actors_seen: &mut HashSet<String>,
) -> rusqlite::Result<()> {
    let doc = item.document;
    let hash = document_hash(doc);
    let (kind, content) = match &doc.content {
        Content::Text(t) => ("text", t),
        Content::Html(h) => ("html", h),
    };
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, hash FROM documents WHERE doc_id = ?1")?
        .query_row([&doc.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let doc_row = match existing {
        Some((_, stored)) if stored == hash && mode == Mode::SkipUnchanged => {
            outcome.unchanged += 1;
            return Ok(());
        }
        Some((row, _)) => {
            tx.prepare_cached("DELETE FROM quantities WHERE relation IN (SELECT id FROM relations WHERE doc = ?1)")?
                .execute([row])?;
            tx.prepare_cached("DELETE FROM relations WHERE doc = ?1")?.execute([row])?;
            tx.prepare_cached("DELETE FROM sentences WHERE doc = ?1")?.execute([row])?;
            tx.prepare_cached(
                "UPDATE documents SET url = :url, date = :date, title = :title,
                    content_kind = :kind, content = :content, hash = :hash,
                    extractor_version = :version, article_date = :article_date,
                    article_title = :article_title, ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = :row",
            )?
            .execute(named_params! {
                ":url": doc.url, ":date": doc.date, ":title": doc.title, ":kind": kind,
                ":content": content, ":hash": hash, ":version": extractor_version,
                ":article_date": item.article_date, ":article_title": item.article_title, ":row": row,
            })?;
            outcome.replaced += 1;
            row
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO documents (doc_id, url, date, title, content_kind, content, hash,
                    extractor_version, article_date, article_title, ingested_at)
                 VALUES (:id, :url, :date, :title, :kind, :content, :hash, :version,
                    :article_date, :article_title, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            )?
            .execute(named_params! {
                ":id": doc.id, ":url": doc.url, ":date": doc.date, ":title": doc.title,
                ":kind": kind, ":content": content, ":hash": hash,
                ":version": extractor_version, ":article_date": item.article_date,
                ":article_title": item.article_title,
            })?;
            outcome.added += 1;
            tx.last_insert_rowid()
        }
    };

    let mut sentences: HashMap<(usize, usize, &str), i64> = HashMap::new();
    let mut insert_sentence =
        tx.prepare_cached("INSERT INTO sentences (doc, start, end, part, text) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut index_sentence = tx.prepare_cached("INSERT INTO sentences_fts (rowid, text) VALUES (?1, ?2)")?;
    let mut insert_relation = tx.prepare_cached(
        "INSERT INTO relations (doc, sentence, source, target, sector, type, polarity, modality,
            time_start, time_end, confidence, explain, date, mode)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut insert_quantity =
        tx.prepare_cached("INSERT INTO quantities (relation, value, unit, of) VALUES (?1, ?2, ?3, ?4)")?;
    let mut upsert_actor = tx.prepare_cached(
        "INSERT INTO actors (code, kind, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name = excluded.name",
    )?;
    // A relation's actor may be the firm, agency or office holder acting for the code (spec §2),
    // whose name is not the code's: such a row only holds the code's place, under the code
    // itself, until a relation that names the code's own actor gives it its name.
    let mut hold_actor =
        tx.prepare_cached("INSERT INTO actors (code, kind, name) VALUES (?1, ?2, ?1) ON CONFLICT (code) DO NOTHING")?;
    for r in item.relations {
        let ev = &r.evidence;
        let key = (ev.start, ev.end, ev.part.as_str());
        let sentence = match sentences.get(&key) {
            Some(&id) => id,
            None => {
                insert_sentence.execute(rusqlite::params![
                    doc_row,
                    ev.start as i64,
                    ev.end as i64,
                    ev.part.as_str(),
                    ev.text
                ])?;
                let id = tx.last_insert_rowid();
                index_sentence.execute(rusqlite::params![id, ev.text])?;
                sentences.insert(key, id);
                id
            }
        };
        for (code, actor) in [(&r.source, &r.source_actor), (&r.target, &r.target_actor)] {
            if actors_seen.contains(code.as_str()) {
                continue;
            }
            if names_the_code(actor.kind) {
                upsert_actor.execute(rusqlite::params![code, Sql(actor.kind), actor.name])?;
                actors_seen.insert(code.clone());
            } else {
                hold_actor.execute(rusqlite::params![code, Sql(ActorKind::State)])?;
            }
        }
        let date = r.time.start.as_deref().or(r.time.end.as_deref()).or(item.article_date);
        let explain = r.explain.as_ref().map(|e| serde_json::to_string(e).unwrap_or_default());
        // Positional: this runs for every relation, and named lookups cost.
        insert_relation.execute(rusqlite::params![
            doc_row,
            sentence,
            r.source,
            r.target,
            r.sector.as_str(),
            r.event_type.as_str(),
            r.polarity.as_str(),
            r.modality.as_str(),
            r.time.start,
            r.time.end,
            r.confidence,
            explain,
            date,
            r.mode,
        ])?;
        let rel = tx.last_insert_rowid();
        for q in &r.quantities {
            insert_quantity.execute(rusqlite::params![rel, q.value, q.unit, q.of])?;
        }
        outcome.relations += 1;
    }
    Ok(())
}

/// Whether an actor of this kind is the code's own actor (a state, IGO, group or former state),
/// not someone acting for it.
fn names_the_code(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::State | ActorKind::Igo | ActorKind::Group | ActorKind::FormerState)
}
