//! `entente lookup NAME [--date YYYY-MM-DD]`: what the gazetteer makes of a name at a date,
//! for a person to check (every reading, with offices and dates).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Result};
use entente::Gazetteer;

#[derive(clap::Args)]
pub struct Args {
    /// A name, adjective, capital, person, organisation or phrase ("Netanyahu", "Azeri",
    /// "Astana", "the Iranian foreign minister").
    name: String,
    /// The date to resolve at (YYYY, YYYY-MM or YYYY-MM-DD); any period when absent.
    #[arg(long)]
    date: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(d) = &args.date {
        if !entente::is_partial_date(d) {
            bail!("--date {d:?}: expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
    }
    let gazetteer = Gazetteer::builtin()?;
    let found = gazetteer.lookup(&args.name, args.date.as_deref());
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?,
        Format::Text => {
            if found.is_empty() {
                writeln!(out, "{:?}: no actor", args.name)?;
            }
            for r in &found {
                let mut line =
                    format!("{} -> {} ({}, {}) as {}", r.surface, r.code, r.name, r.kind.as_str(), role(r.role));
                // Who acts for the state: "as body, company Petrobras".
                if let Some(a) = r.agent.as_ref().filter(|a| a.kind != entente::ActorKind::OfficeHolder) {
                    line.push_str(&format!(", {} {}", a.kind.as_str(), a.name));
                }
                if let Some(p) = &r.person {
                    line.push_str(&format!(": {}", p.name));
                    if !p.office.is_empty() {
                        line.push_str(&format!(", {}", p.office));
                    }
                    line.push_str(&span(p.from.as_deref(), p.until.as_deref()));
                } else {
                    line.push_str(&span(r.from.as_deref(), r.until.as_deref()));
                }
                if let Some(n) = &r.note {
                    line.push_str(&format!(" [{n}]"));
                }
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(if found.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn role(r: entente::MentionRole) -> &'static str {
    use entente::MentionRole::*;
    match r {
        Name => "name",
        Adjective => "adjective",
        Capital => "capital",
        Person => "office holder",
        Office => "office",
        Body => "body",
        Coreference => "coreference",
    }
}

fn span(from: Option<&str>, until: Option<&str>) -> String {
    match (from, until) {
        (None, None) => String::new(),
        (f, u) => format!(" {} to {}", f.unwrap_or("..."), u.unwrap_or("now")),
    }
}
