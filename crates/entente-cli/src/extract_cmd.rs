//! `entente extract`: relations as JSON Lines, or the partnership map as a table.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use entente::Extractor;

use crate::inputs::{self, InputLimits, Skipped};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: crate::InputArgs,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Add, for every relation, the cue words and the rule that produced it.
    #[arg(long)]
    explain: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Jsonl,
    Table,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut extractor = Extractor::new()?;
    extractor.read_options.max_bytes = args.input.max_bytes as usize;
    let limits = InputLimits {
        max_bytes: args.input.max_bytes,
    };
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = 0;
    for item in inputs::documents(&args.input.paths, limits) {
        let doc = match item {
            Ok(d) => d,
            Err(s) => {
                crate::report_skip(&s, &mut skipped);
                continue;
            }
        };
        match extractor.extract(&doc) {
            Ok(x) => match format {
                Format::Jsonl => {
                    for r in &x.relations {
                        let mut r = r.clone();
                        if !args.explain {
                            r.explain = None;
                        }
                        serde_json::to_writer(&mut out, &r)?;
                        writeln!(out)?;
                    }
                }
                Format::Table => crate::table::partnership_map(&mut out, &x, args.explain)?,
            },
            Err(e) => crate::report_skip(
                &Skipped {
                    place: doc.id.clone(),
                    message: e.to_string(),
                },
                &mut skipped,
            ),
        }
    }
    out.flush()?;
    Ok(crate::finish(skipped))
}
