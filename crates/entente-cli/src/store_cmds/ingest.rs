//! `entente ingest` and `entente reindex`: documents through the extractor into the store.
//!
//! Batches run through [`entente::pipeline::ordered`], so three stages overlap: the main thread
//! reads documents into batches and drops those already stored unchanged; `--threads` workers
//! each extract a whole batch; one writer commits the batches in input order, one transaction
//! each. Batches are bounded (documents and bytes) and so is the number between the stages,
//! so memory stays flat however large the corpus.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use entente::pipeline::{self, threads_or_cores, Failure};
use entente::{Document, Extractor, EXTRACTOR_VERSION};
use entente_store::{BatchOutcome, IngestItem, NewDocument};
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
    #[arg(long, short = 'j', alias = "jobs", value_parser = parse_positive)]
    pub threads: Option<usize>,
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
    // Where the store is, as its messages name it (an address without its password).
    let place = reader.path().display().to_string();
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

/// A batch of documents to extract, with what the reader had to say before it.
struct Batch {
    docs: Vec<Document>,
    notes: Vec<Note>,
    /// Documents of the batch already stored unchanged (not extracted again).
    unchanged: usize,
}

/// A batch extracted: the documents to store, and the notes on the batch in input order.
struct Extracted {
    ready: Vec<NewDocument>,
    notes: Vec<Note>,
    unchanged: usize,
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
    let writer_store = db_args.open()?;
    // Where the store is, as its messages name it (an address without its password).
    let db = writer_store.path().to_path_buf();
    // A second connection, for the main thread: WAL lets it read while the writer writes.
    let reader = match mode {
        Mode::Ingest => Some(db_args.open_existing()?),
        Mode::Reindex => None,
    };
    let mut progress = Progress::new(mode.label(), !run.no_progress, started);
    let (mut written, mut skipped, mut unchanged_early) = (BatchOutcome::default(), 0usize, 0usize);

    // The main thread reads documents into bounded batches and drops those stored unchanged.
    let mut read_result: Result<()> = Ok(());
    let mut docs = docs.peekable();
    let batches = std::iter::from_fn(|| {
        let mut batch = Batch { docs: Vec::new(), notes: Vec::new(), unchanged: 0 };
        let mut bytes = 0usize;
        while batch.docs.len() < run.batch_size && bytes < BATCH_BYTES {
            match docs.next()? {
                Ok(doc) => {
                    bytes += doc.content.as_str().len();
                    batch.docs.push(doc);
                }
                Err(skip) => batch.notes.push(Note::Skipped(skip)),
            }
            if docs.peek().is_none() {
                break;
            }
        }
        if let (Some(reader), false) = (&reader, batch.docs.is_empty()) {
            let refs: Vec<&Document> = batch.docs.iter().collect();
            match reader.unchanged(&refs) {
                Ok(same) => {
                    let before = batch.docs.len();
                    let mut same = same.into_iter();
                    batch.docs.retain(|_| !same.next().unwrap_or(false));
                    batch.unchanged = before - batch.docs.len();
                }
                Err(e) => {
                    read_result = Err(e.into());
                    return None;
                }
            }
        }
        Some(batch)
    });
    let extract = |batch: Batch| {
        let mut done =
            Extracted { ready: Vec::with_capacity(batch.docs.len()), notes: batch.notes, unchanged: batch.unchanged };
        for doc in batch.docs {
            match pipeline::extract(extractor, &doc) {
                Ok(mut x) => {
                    let warnings = std::mem::take(&mut x.article.warnings);
                    if !warnings.is_empty() {
                        done.notes.push(Note::Warnings(doc.id.clone(), warnings));
                    }
                    done.ready.push(NewDocument::new(doc, &x.article, x.relations));
                }
                Err(Failure::Read(e)) if e.is_nothing_to_read() => {
                    done.notes.push(Note::Warnings(doc.id, vec![format!("{e}; nothing to store")]))
                }
                Err(e) => done.notes.push(Note::Skipped(Skipped { place: doc.id, message: e.to_string() })),
            }
        }
        done
    };
    // The writer commits batches in input order (the later of two equal ids wins).
    let mut store = writer_store;
    let write = |done: Extracted| -> Result<()> {
        for note in &done.notes {
            progress.suspend(|| note.report(&mut skipped));
        }
        unchanged_early += done.unchanged;
        if !done.ready.is_empty() {
            let items: Vec<IngestItem<'_>> = done.ready.iter().map(NewDocument::item).collect();
            let out = match mode {
                Mode::Ingest => store.ingest_batch(&items, EXTRACTOR_VERSION),
                Mode::Reindex => store.replace_batch(&items, EXTRACTOR_VERSION),
            };
            written += out.with_context(|| format!("{} stopped", mode.label()))?;
        }
        progress.update(&written, unchanged_early, skipped);
        Ok(())
    };
    let outcome = pipeline::ordered(threads_or_cores(run.threads), batches, extract, write);
    progress.finish();
    outcome?;
    read_result?;

    let w = written;
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
