//! The `entente` binary: reads files and standard input, writes reports, owns the store and
//! the server. The pipeline itself lives in the `entente` library.

mod bench_cmd;
mod bench_spacy;
mod extract_cmd;
mod inputs;
mod lookup_cmd;
#[cfg(feature = "parquet")]
mod parquet_out;
mod parse_cmd;
mod read_cmd;
mod serve_cmd;
mod store_cmds;
mod table;
mod train_parser_cmd;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use clap::{Parser, Subcommand};
use entente::{Extractor, ReadOptions, RelationLimits};

/// mimalloc rather than the system allocator: the pipeline makes many small strings, and
/// glibc's malloc and free took about a third of `extract`'s time (docs/speed.md). (The unit
/// tests count their allocations with an allocator of their own, in `inputs.rs`.)
#[cfg(not(test))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status when the run finished but some documents were skipped.
pub const EXIT_SKIPPED: u8 = 3;

#[derive(Parser)]
#[command(
    name = "entente",
    version,
    about = "Evidence-backed maps of cooperation and rivalry between states, from news text."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by every subcommand that reads documents from files.
#[derive(clap::Args, Clone)]
pub struct InputArgs {
    /// Files (.txt, .html, .htm, .jsonl, optionally .gz), directories, or - for JSON Lines on stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// The reader's limits: shared by every subcommand that reads documents (from files, the
/// store, or requests).
#[derive(clap::Args, Clone, Debug)]
pub struct ReadArgs {
    /// Largest document read, in bytes; a larger one is left out, with a message.
    #[arg(long, default_value_t = entente_read::MAX_BYTES as u64, value_name = "BYTES")]
    pub max_bytes: u64,
    /// HTML nesting past which a page is read by its tags alone, without its structure, with a
    /// warning (the HTML parser's time grows with the square of the nesting).
    #[arg(long, default_value_t = entente_read::html::deep::MAX_DEPTH, value_name = "ELEMENTS")]
    pub max_depth: usize,
}

impl ReadArgs {
    pub fn options(&self) -> ReadOptions {
        ReadOptions { max_bytes: usize::try_from(self.max_bytes).unwrap_or(usize::MAX), max_depth: self.max_depth }
    }

    pub fn input_limits(&self) -> inputs::InputLimits {
        inputs::InputLimits { max_bytes: self.max_bytes }
    }
}

/// Which sentences are read for relations: shared by the subcommands that extract them.
#[derive(clap::Args, Clone, Debug)]
pub struct RelationArgs {
    /// Longest sentence read for relations, in bytes; a longer one gives none, with a warning.
    #[arg(long, default_value_t = entente::MAX_SENTENCE_BYTES, value_name = "BYTES")]
    pub max_sentence_bytes: usize,
    /// Most actor mentions in a sentence read for relations; one with more gives none, with a
    /// warning.
    #[arg(long, default_value_t = entente::MAX_SENTENCE_MENTIONS, value_name = "N")]
    pub max_sentence_mentions: usize,
    /// Code relations on the dependency parse with the CAMEO dictionary, with the surface
    /// pairing rules' relations added where the parse gives that link none. The default; the
    /// switch is kept for scripts that name it.
    #[arg(long, conflicts_with_all = ["parse_alone", "pairing"])]
    pub on_parse: bool,
    /// Code relations on the dependency parse alone, without the pairing rules.
    #[arg(long, conflicts_with = "pairing")]
    pub parse_alone: bool,
    /// Code relations by the surface pairing rules alone, without parsing: the extractor before
    /// the parse, about ten times faster and with less recall on unseen text (README).
    #[arg(long)]
    pub pairing: bool,
}

impl RelationArgs {
    pub fn limits(&self) -> RelationLimits {
        RelationLimits {
            max_sentence_bytes: self.max_sentence_bytes,
            max_sentence_mentions: self.max_sentence_mentions,
        }
    }
}

/// The extractor, with the reader's limits and, for the subcommands that extract relations,
/// theirs.
pub fn extractor(read: &ReadArgs, relations: Option<&RelationArgs>) -> Result<Extractor> {
    let mut extractor = Extractor::new()?;
    extractor.read_options = read.options();
    if let Some(r) = relations {
        extractor.relation_limits = r.limits();
        extractor.code_on_parse = !r.pairing;
        extractor.with_pairing = !r.parse_alone;
    }
    Ok(extractor)
}

/// A time in seconds (`--lock-timeout`): a whole or decimal number, 0 or more.
pub fn parse_seconds(s: &str) -> Result<Duration, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .ok_or_else(|| format!("{s:?} is not a number of seconds"))
}

/// A time in seconds above 0 (the server's timeouts).
pub fn parse_positive_seconds(s: &str) -> Result<Duration, String> {
    match parse_seconds(s)? {
        d if d.is_zero() => Err(format!("{s:?}: give a number of seconds above 0")),
        d => Ok(d),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Show what the reader finds in each page: title, date, author, parts, dropped boilerplate.
    Read(read_cmd::Args),
    /// Extract relations between actors.
    Extract(extract_cmd::Args),
    /// Extract relations from documents into the store (skips documents already stored unchanged).
    Ingest(store_cmds::ingest::IngestArgs),
    /// Re-extract stored documents whose relations came from another extractor version.
    Reindex(store_cmds::ingest::ReindexArgs),
    /// The partnership profile of a pair: sectors, polarity, amounts, dates, evidence.
    Dyad(store_cmds::query::DyadArgs),
    /// An actor's partners and rivals, ranked by breadth and weight of the tie.
    Actor(store_cmds::query::ActorArgs),
    /// A pair's relations by month.
    Timeline(store_cmds::query::TimelineArgs),
    /// Full-text search over the stored evidence sentences.
    Search(store_cmds::query::SearchArgs),
    /// Write the store out: relations (jsonl, csv), the actor graph (graphml, gexf), dyad-years.
    Export(store_cmds::export::ExportArgs),
    /// Serve the web map and its JSON API over the store (loopback by default).
    Serve(serve_cmd::Args),
    /// What the gazetteer makes of a name at a date: actor, role, office and dates.
    Lookup(lookup_cmd::Args),
    /// Tag and parse each sentence: words, tags, lemmas, heads and relations (CoNLL-U or a table).
    Parse(parse_cmd::Args),
    /// Train the tagger and parser on a CoNLL-U treebank and write the model file.
    TrainParser(train_parser_cmd::Args),
    /// Time each stage of the pipeline on a corpus (the documents given), on one thread and on all.
    Bench(bench_cmd::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Read(a) => read_cmd::run(a),
        Command::Extract(a) => extract_cmd::run(a),
        Command::Ingest(a) => store_cmds::ingest::run_ingest(a),
        Command::Reindex(a) => store_cmds::ingest::run_reindex(a),
        Command::Dyad(a) => store_cmds::query::run_dyad(a),
        Command::Actor(a) => store_cmds::query::run_actor(a),
        Command::Timeline(a) => store_cmds::query::run_timeline(a),
        Command::Search(a) => store_cmds::query::run_search(a),
        Command::Export(a) => store_cmds::export::run(a),
        Command::Serve(a) => serve_cmd::run(a),
        Command::Lookup(a) => lookup_cmd::run(a),
        Command::Bench(a) => bench_cmd::run(a),
        Command::Parse(a) => parse_cmd::run(a),
        Command::TrainParser(a) => train_parser_cmd::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            let locked = e.chain().any(|c| {
                matches!(c.downcast_ref::<entente_store::StoreError>(), Some(entente_store::StoreError::Locked { .. }))
            });
            if locked {
                eprintln!("(to wait longer for it, give --lock-timeout SECONDS)");
            }
            ExitCode::FAILURE
        }
    }
}

/// Tells the user what the reader or the extractor noted about a document it read (a limit it
/// met, a page read another way), in the form `warning: ID: MESSAGE`.
pub fn report_warnings(doc: &str, warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {doc}: {w}");
    }
}

/// Tells the user about a skipped document and counts it.
pub fn report_skip(skipped: &inputs::Skipped, count: &mut usize) {
    eprintln!("skipped: {skipped}");
    *count += 1;
}

/// The exit code for a run that skipped `n` documents.
pub fn finish(skipped: usize) -> ExitCode {
    if skipped > 0 {
        eprintln!("{skipped} document(s) skipped");
        ExitCode::from(EXIT_SKIPPED)
    } else {
        ExitCode::SUCCESS
    }
}
