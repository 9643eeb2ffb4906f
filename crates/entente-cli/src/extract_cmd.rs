//! `entente extract`: relations as JSON Lines, or the partnership map as a table.
//!
//! Documents run through [`entente::pipeline::ordered`]: `--threads` workers extract a
//! document each and render its output into its own buffer; the buffers are written in input
//! order. The output is therefore byte-identical whatever the number of threads, and memory
//! holds a few documents per thread however large the input.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use entente::pipeline::{self, threads_or_cores};
use entente::{Document, Extractor};

use crate::inputs::{self, Item, Skipped};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: crate::InputArgs,
    #[command(flatten)]
    relations: crate::RelationArgs,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Add, for every relation, the cue words and the rule that produced it.
    #[arg(long)]
    explain: bool,
    /// Skip a page whose body the reader is less sure of than this (0 to 1, its
    /// `body_confidence` in `read --format json`), with a warning: no relations from a page
    /// whose article may be a teaser list, a comment thread or a fragment.
    #[arg(long, value_name = "CONFIDENCE", value_parser = parse_confidence)]
    min_body_confidence: Option<f32>,
    /// Threads that extract relations (default: the number of cores). The output is the same
    /// for any number.
    #[arg(long, short = 'j', alias = "jobs", value_parser = parse_positive)]
    threads: Option<usize>,
    /// Write here (replaced only once complete) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Jsonl,
    Table,
    /// One row per relation, typed columns (docs/parquet.md).
    Parquet,
}

/// A positive whole number (`--threads`).
pub fn parse_positive(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{s:?} is not a positive whole number")),
    }
}

/// A confidence from 0 to 1 (`--min-body-confidence`).
fn parse_confidence(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(c) if (0.0..=1.0).contains(&c) => Ok(c),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

/// What one document gives: its rendered output and the warnings on it, or why it was skipped.
type Rendered = Result<Done, Skipped>;

/// One document's rendered output, and what the reader and extractor noted about it.
struct Done {
    id: String,
    out: Vec<u8>,
    /// For Parquet: the relations, the document's URL and date.
    rows: Rows,
    warnings: Vec<String>,
}

/// A document's relations with its URL and date, as a Parquet row holds them.
#[derive(Default)]
struct Rows {
    relations: Vec<entente::Relation>,
    url: Option<String>,
    date: Option<String>,
}

/// Where the output goes: bytes (JSON Lines, the table) or Parquet rows.
enum Sink {
    Bytes(Box<dyn Write + Send>),
    #[cfg(feature = "parquet")]
    Parquet(Box<crate::parquet_out::RelationWriter<Box<dyn Write + Send>>>),
}

impl Sink {
    fn new(format: Format, out: Box<dyn Write + Send>) -> Result<Sink> {
        match format {
            #[cfg(feature = "parquet")]
            Format::Parquet => Ok(Sink::Parquet(Box::new(crate::parquet_out::RelationWriter::new(out)?))),
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => Err(anyhow::anyhow!("this entente was built without Parquet (the `parquet` feature)")),
            Format::Jsonl | Format::Table => Ok(Sink::Bytes(out)),
        }
    }

    fn write(&mut self, done: &Done) -> Result<()> {
        match self {
            Sink::Bytes(out) => Ok(out.write_all(&done.out)?),
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => {
                let doc = crate::parquet_out::RowDoc { url: done.rows.url.as_deref(), date: done.rows.date.as_deref() };
                done.rows.relations.iter().try_for_each(|r| w.push(r, &doc))
            }
        }
    }

    fn finish(self) -> Result<()> {
        let mut out = match self {
            Sink::Bytes(out) => out,
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => w.finish()?,
        };
        Ok(out.flush()?)
    }
}

/// Runs `write` on a writer for `path` (written beside it, renamed once complete, removed on
/// failure), or on standard output.
pub fn to_file_or_stdout<T>(
    path: Option<&std::path::Path>,
    write: impl FnOnce(Box<dyn Write + Send>) -> Result<T>,
) -> Result<T> {
    let Some(path) = path else {
        return write(Box::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout())));
    };
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(name);
    let result = (|| -> Result<T> {
        let file = std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let file = SyncOnFlush(file);
        let t = write(Box::new(std::io::BufWriter::with_capacity(1 << 16, file)))?;
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(t)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A file whose flush also syncs it to disk, so a renamed file is complete.
struct SyncOnFlush(std::fs::File);

impl Write for SyncOnFlush {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.sync_data()
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let extractor = crate::extractor(&args.input.read, Some(&args.relations))?;
    let limits = args.input.read.input_limits();
    let format = args.format.unwrap_or(if args.output.is_none() && std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    });
    let docs = inputs::documents(&args.input.paths, limits);
    let (extractor, explain, min_conf) = (&extractor, args.explain, args.min_body_confidence);
    let work = |item| render(extractor, item, format, explain, min_conf);
    let skipped = to_file_or_stdout(args.output.as_deref(), |out| {
        let mut sink = Sink::new(format, out)?;
        let mut skipped = 0;
        pipeline::ordered(threads_or_cores(args.threads), docs, work, |rendered| {
            write_one(&mut sink, rendered, &mut skipped)
        })?;
        sink.finish()?;
        Ok(skipped)
    })?;
    Ok(crate::finish(skipped))
}

fn write_one(out: &mut Sink, rendered: Rendered, skipped: &mut usize) -> Result<()> {
    match rendered {
        Ok(done) => {
            crate::report_warnings(&done.id, &done.warnings);
            out.write(&done)?
        }
        Err(skip) => crate::report_skip(&skip, skipped),
    }
    Ok(())
}

/// Extracts one document and renders what it gives. A document the reader refuses, or on
/// which the extractor panics (a bug), is skipped with the reason; one that is empty gives
/// nothing, with a warning.
fn render(extractor: &Extractor, item: Item, format: Format, explain: bool, min_conf: Option<f32>) -> Rendered {
    let doc = item?;
    match pipeline::guarded(|| render_doc(extractor, &doc, format, explain, min_conf)) {
        Ok(Ok((out, rows, warnings))) => Ok(Done { id: doc.id, out, rows, warnings }),
        Ok(Err(message)) => Err(Skipped { place: doc.id, message }),
        Err(what) => Err(Skipped { place: doc.id, message: pipeline::Failure::Panicked(what).to_string() }),
    }
}

/// The rendered output of one document, and the article's warnings.
fn render_doc(
    extractor: &Extractor,
    doc: &Document,
    format: Format,
    explain: bool,
    min_conf: Option<f32>,
) -> Result<(Vec<u8>, Rows, Vec<String>), String> {
    let x = match extractor.extract(doc) {
        Ok(x) if min_conf.is_some_and(|m| x.body_confidence < m) => {
            let warning = format!(
                "the reader is unsure of the article's body (body_confidence {:.3}, under {}): skipped",
                x.body_confidence,
                min_conf.unwrap_or_default()
            );
            return Ok((Vec::new(), Rows::default(), vec![warning]));
        }
        Ok(x) => x,
        // A document with nothing in it gives no relations, with a warning; the run goes on
        // as for any other document.
        Err(e) if e.is_nothing_to_read() => {
            return Ok((Vec::new(), Rows::default(), vec![format!("{e}; nothing to extract")]))
        }
        Err(e) => return Err(e.to_string()),
    };
    let mut buf = Vec::new();
    let mut rows = Rows::default();
    let written = match format {
        Format::Jsonl => x.relations.iter().try_for_each(|r| -> std::io::Result<()> {
            if explain || r.explain.is_none() {
                serde_json::to_writer(&mut buf, r)?;
            } else {
                let mut r = r.clone();
                r.explain = None;
                serde_json::to_writer(&mut buf, &r)?;
            }
            buf.push(b'\n');
            Ok(())
        }),
        Format::Table => crate::table::partnership_map(&mut buf, &x, explain),
        Format::Parquet => {
            rows.url = doc.url.clone();
            rows.date = x.article.date.as_ref().map(|d| d.value.clone());
            rows.relations = x.relations;
            if !explain {
                rows.relations.iter_mut().for_each(|r| r.explain = None);
            }
            Ok(())
        }
    };
    written.map_err(|e| format!("cannot render the output: {e}"))?;
    Ok((buf, rows, x.article.warnings))
}
