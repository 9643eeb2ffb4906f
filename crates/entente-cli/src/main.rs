//! The `entente` binary: reads files and standard input, writes reports, owns the store and
//! the server. The pipeline itself lives in the `entente` library.

mod bench_cmd;
mod extract_cmd;
mod inputs;
mod lookup_cmd;
mod read_cmd;
mod serve_cmd;
mod store_cmds;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator: the pipeline makes many small strings, and
/// glibc's malloc and free took about a third of `extract`'s time (docs/speed.md).
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

/// Options shared by every subcommand that reads documents.
#[derive(clap::Args, Clone)]
pub struct InputArgs {
    /// Files (.txt, .html, .htm, .jsonl, optionally .gz), directories, or - for JSON Lines on stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Largest document read, in bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    pub max_bytes: u64,
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
    /// Time each stage of the pipeline on a corpus (generated if none is given), on one thread and on all.
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
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
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
