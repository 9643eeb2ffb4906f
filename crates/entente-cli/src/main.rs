//! The `entente` binary: reads files and standard input, writes reports, owns the store and
//! the server. The pipeline itself lives in the `entente` library.

mod extract_cmd;
mod table;
mod inputs;
mod read_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Read(a) => read_cmd::run(a),
        Command::Extract(a) => extract_cmd::run(a),
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
