//! `entente ingest` and `entente reindex`: documents through the extractor into the store.
//!
//! Three stages overlap: the main thread reads documents into batches and drops those already
//! stored unchanged; `--jobs` workers each extract a whole batch; one writer thread commits the
//! batches in input order, one transaction each. Batches are bounded (documents and bytes) and
//! so are the queues between the stages, so memory stays flat however large the corpus.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use entente::{Document, Extractor, Relation, EXTRACTOR_VERSION};
use entente_store::{BatchOutcome, IngestItem};
use indicatif::{ProgressBar, ProgressStyle};

use super::DbArgs;
use crate::extract_cmd::parse_positive;
use crate::inputs::{self, Item, Skipped};

/// How the pipeline runs; shared by `ingest` and `reindex`.
#[derive(clap::Args, Clone, Debug)]
pub struct RunArgs {
    /// Documents written per transaction.
    #[arg(long, default_value_t = 256, value_parser = parse_positive)]
    pub batch_size: usize,
    /// Threads that extract relations (default: the number of cores).
    #[arg(long, short = 'j', value_parser = parse_positive)]
    pub jobs: Option<usize>,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: crate::InputArgs,
    #[command(flatten)]
    pub relations: crate::RelationArgs,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(clap::Args, Debug)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Re-extract every stored document, not only those extracted by another version.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub read: crate::ReadArgs,
    #[command(flatten)]
    pub relations: crate::RelationArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Stop filling a batch past this many bytes of content, whatever `--batch-size` says.
const BATCH_BYTES: usize = 16 << 20;

pub fn run_ingest(args: IngestArgs) -> Result<ExitCode> {
    let extractor = crate::extractor(&args.input.read, Some(&args.relations))?;
    let docs = inputs::documents(&args.input.paths, args.input.read.input_limits());
    pipeline(&args.db, docs, &extractor, &args.run, Mode::Ingest)
}

pub fn run_reindex(args: ReindexArgs) -> Result<ExitCode> {
    let extractor = crate::extractor(&args.read, Some(&args.relations))?;
    let reader = args.db.open_existing()?;
    let ids = reader.stale_documents(EXTRACTOR_VERSION, args.all)?;
    if ids.is_empty() {
        let n = reader.stats()?.documents;
        eprintln!(
            "reindex: all {n} documents were extracted by {EXTRACTOR_VERSION}; nothing to do \
             (--all re-extracts them anyway)"
        );
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("reindex: {} documents to re-extract with {EXTRACTOR_VERSION}", ids.len());
    let place = args.db.db.display().to_string();
    let docs = ids.chunks(args.run.batch_size).flat_map(|chunk| -> Vec<Item> {
        match reader.documents_by_rowid(chunk) {
            Ok(docs) => docs.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(Skipped { place: place.clone(), message: e.to_string() })],
        }
    });
    pipeline(&args.db, docs, &extractor, &args.run, Mode::Reindex)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Ingest,
    Reindex,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Ingest => "ingest",
            Mode::Reindex => "reindex",
        }
    }
}

/// A document with what the extractor made of it, ready for the writer.
struct Prepared {
    doc: Document,
    article_date: Option<String>,
    relations: Vec<Relation>,
}

/// What a worker has to say about a document: it was skipped, or read with warnings.
enum Note {
    Skipped(Skipped),
    Warnings(String, Vec<String>),
}

impl Note {
    fn report(&self, skipped: &mut usize) {
        match self {
            Note::Skipped(skip) => crate::report_skip(skip, skipped),
            Note::Warnings(doc, warnings) => crate::report_warnings(doc, warnings),
        }
    }
}

fn pipeline(
    db_args: &DbArgs,
    docs: impl Iterator<Item = Item>,
    extractor: &Extractor,
    run: &RunArgs,
    mode: Mode,
) -> Result<ExitCode> {
    let started = Instant::now();
    quiet_extractor_panics();
    let db = db_args.db.as_path();
    let writer_store = db_args.open()?;
    // A second connection, for the main thread: WAL lets it read while the writer writes.
    let reader = match mode {
        Mode::Ingest => Some(db_args.open_existing()?),
        Mode::Reindex => None,
    };
    let jobs = run.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let written = Mutex::new(BatchOutcome::default());
    let worker_notes: Mutex<Vec<Note>> = Mutex::new(Vec::new());
    let mut progress = Progress::new(mode.label(), !run.no_progress, started);
    let mut skipped = 0usize;
    let mut unchanged_early = 0usize;

    let outcome = std::thread::scope(|s| -> Result<()> {
        // Batches to extract, numbered; any idle worker takes the next one.
        let (work_tx, work_rx) = sync_channel::<(u64, Vec<Document>)>(jobs);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = sync_channel::<(u64, Vec<Prepared>)>(jobs);
        for _ in 0..jobs {
            let (work_rx, done_tx) = (Arc::clone(&work_rx), done_tx.clone());
            let worker_notes = &worker_notes;
            s.spawn(move || loop {
                let job = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((seq, batch)) = job else { break };
                let mut ready = Vec::with_capacity(batch.len());
                for doc in batch {
                    let note = match extract_one(extractor, doc) {
                        Ok(Extracted::Ready(p, warnings)) => {
                            let note = (!warnings.is_empty()).then(|| Note::Warnings(p.doc.id.clone(), warnings));
                            ready.push(p);
                            note
                        }
                        Ok(Extracted::Nothing(id, why)) => Some(Note::Warnings(id, vec![why])),
                        Err(skip) => Some(Note::Skipped(skip)),
                    };
                    if let Some(note) = note {
                        worker_notes.lock().unwrap_or_else(|e| e.into_inner()).push(note);
                    }
                }
                // The writer has stopped (an error): stop too, which closes the work queue.
                if done_tx.send((seq, ready)).is_err() {
                    break;
                }
            });
        }
        drop((work_rx, done_tx));

        // Batches between the reader and the writer, at most: one slow document cannot make
        // the other workers pile up batches that wait for it. The writer hands a token back
        // for each batch written; when it stops, the reader stops too.
        let max_in_flight = 2 * jobs + 2;
        let (token_tx, token_rx) = sync_channel::<()>(max_in_flight);
        for _ in 0..max_in_flight {
            let _ = token_tx.send(());
        }

        // The writer commits batches in input order (the later of two equal ids wins).
        let written = &written;
        let writer = s.spawn(move || -> Result<(), entente_store::StoreError> {
            let mut store = writer_store;
            let mut next = 0u64;
            let mut waiting = BTreeMap::new();
            for (seq, batch) in done_rx {
                waiting.insert(seq, batch);
                while let Some(batch) = waiting.remove(&next) {
                    next += 1;
                    let _ = token_tx.send(());
                    if batch.is_empty() {
                        continue;
                    }
                    let items: Vec<IngestItem<'_>> = batch
                        .iter()
                        .map(|p| IngestItem {
                            document: &p.doc,
                            article_date: p.article_date.as_deref(),
                            relations: &p.relations,
                        })
                        .collect();
                    let out = match mode {
                        Mode::Ingest => store.ingest_batch(&items, EXTRACTOR_VERSION)?,
                        Mode::Reindex => store.replace_batch(&items, EXTRACTOR_VERSION)?,
                    };
                    *written.lock().unwrap_or_else(|e| e.into_inner()) += out;
                }
            }
            Ok(())
        });

        let mut seq = 0u64;
        let mut pending: Vec<Document> = Vec::new();
        let mut pending_bytes = 0usize;
        let mut docs = docs.peekable();
        let mut read_result: Result<()> = Ok(());
        while docs.peek().is_some() || !pending.is_empty() {
            match docs.next() {
                Some(Ok(doc)) => {
                    pending_bytes += doc.content.as_str().len();
                    pending.push(doc);
                }
                Some(Err(skip)) => progress.suspend(|| crate::report_skip(&skip, &mut skipped)),
                None => {}
            }
            let at_end = docs.peek().is_none();
            if !(at_end || pending.len() >= run.batch_size || pending_bytes >= BATCH_BYTES) {
                continue;
            }
            let mut batch = std::mem::take(&mut pending);
            pending_bytes = 0;
            if let Some(reader) = &reader {
                let refs: Vec<&Document> = batch.iter().collect();
                let same = match reader.unchanged(&refs) {
                    Ok(same) => same,
                    Err(e) => {
                        read_result = Err(e.into());
                        break;
                    }
                };
                let before = batch.len();
                let mut same = same.into_iter();
                batch.retain(|_| !same.next().unwrap_or(false));
                unchanged_early += before - batch.len();
            }
            if token_rx.recv().is_err() || work_tx.send((seq, batch)).is_err() {
                break; // the workers stopped because the writer did; its error tells why
            }
            seq += 1;
            for note in std::mem::take(&mut *worker_notes.lock().unwrap_or_else(|e| e.into_inner())) {
                progress.suspend(|| note.report(&mut skipped));
            }
            let w = *written.lock().unwrap_or_else(|e| e.into_inner());
            progress.update(&w, unchanged_early, skipped);
        }
        drop(work_tx);
        let wrote = writer.join().map_err(|_| anyhow::anyhow!("the store writer panicked"))?;
        wrote.with_context(|| format!("{} stopped", mode.label()))?;
        read_result
    });
    for note in std::mem::take(&mut *worker_notes.lock().unwrap_or_else(|e| e.into_inner())) {
        progress.suspend(|| note.report(&mut skipped));
    }
    progress.finish();
    outcome?;

    let w = *written.lock().unwrap_or_else(|e| e.into_inner());
    let n = w.added + w.replaced + w.unchanged + unchanged_early;
    let secs = started.elapsed().as_secs_f64();
    let stats = db_args.open_existing()?.stats()?;
    let changed = match mode {
        Mode::Ingest => "changed",
        Mode::Reindex => "re-extracted",
    };
    println!(
        "{}: {n} documents in {secs:.1} s ({:.0} documents/s): {} new, {} {changed}, {} unchanged; \
         {} relations written; {skipped} skipped",
        mode.label(),
        n as f64 / secs.max(1e-9),
        w.added,
        w.replaced,
        w.unchanged + unchanged_early,
        w.relations,
    );
    println!(
        "store {}: {} documents, {} relations, {} actors (extractor {EXTRACTOR_VERSION})",
        db.display(),
        stats.documents,
        stats.relations,
        stats.actors
    );
    Ok(crate::finish(skipped))
}

/// A document extracted: ready to store with the article's warnings, or empty (nothing to
/// store, and why: it is not stored and does not count as skipped).
enum Extracted {
    Ready(Prepared, Vec<String>),
    Nothing(String, String),
}

/// Extracts one document. A document the reader refuses, or on which the extractor panics,
/// comes back as skipped (with the panic's message: see [`quiet_extractor_panics`]).
fn extract_one(extractor: &Extractor, doc: Document) -> Result<Extracted, Skipped> {
    IN_EXTRACT.with(|f| f.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| extractor.extract(&doc)));
    IN_EXTRACT.with(|f| f.set(false));
    match result {
        Ok(Ok(x)) => Ok(Extracted::Ready(
            Prepared { article_date: x.article.date.map(|d| d.value), relations: x.relations, doc },
            x.article.warnings,
        )),
        Ok(Err(e)) if e.is_nothing_to_read() => Ok(Extracted::Nothing(doc.id, format!("{e}; nothing to store"))),
        Ok(Err(e)) => Err(Skipped { place: doc.id, message: e.to_string() }),
        Err(_) => {
            let what = LAST_PANIC.with(|p| p.take()).unwrap_or_default();
            Err(Skipped { place: doc.id, message: format!("the extractor failed (a bug, please report it): {what}") })
        }
    }
}

thread_local! {
    static IN_EXTRACT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// While extracting, a panic becomes the skipped document's message instead of a backtrace
/// on the terminal per document; panics elsewhere are reported as usual.
fn quiet_extractor_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_EXTRACT.with(|f| f.get()) {
                let message = match (info.payload().downcast_ref::<&str>(), info.payload().downcast_ref::<String>()) {
                    (Some(s), _) => s.to_string(),
                    (_, Some(s)) => s.clone(),
                    _ => "panic".to_string(),
                };
                let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// A progress bar on a terminal; a log line every few seconds otherwise.
struct Progress {
    label: &'static str,
    bar: Option<ProgressBar>,
    started: Instant,
    last_log: Instant,
}

const LOG_EVERY: Duration = Duration::from_secs(5);

impl Progress {
    fn new(label: &'static str, allowed: bool, started: Instant) -> Progress {
        let bar = (allowed && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix} [{elapsed_precise}] {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_prefix(label);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress { label, bar, started, last_log: Instant::now() }
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn update(&mut self, w: &BatchOutcome, unchanged_early: usize, skipped: usize) {
        let docs = w.added + w.replaced + w.unchanged + unchanged_early;
        let rate = docs as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
        let msg = format!("{docs} documents, {} relations, {skipped} skipped, {rate:.0} documents/s", w.relations);
        match &self.bar {
            Some(bar) => bar.set_message(msg),
            None if self.last_log.elapsed() >= LOG_EVERY => {
                eprintln!("{}: {msg}", self.label);
                self.last_log = Instant::now();
            }
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
