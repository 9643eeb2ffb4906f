//! `entente dyad`, `actor`, `timeline`, `search`: questions to the store, printed as a table,
//! JSON or CSV.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Result};
use entente::{PartKind, Polarity};
use entente_store::{ActorName, Count, SearchQuery, Store};

use super::table::{amount, opt, plain_number, write_csv, write_table};
use super::{DbArgs, Format, PeriodArgs};

#[derive(clap::Args, Debug)]
pub struct DyadArgs {
    /// The first actor: a code (ISR) or a name the store has seen (Israel).
    pub a: String,
    /// The second actor.
    pub b: String,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Evidence sentences shown per sector and polarity.
    #[arg(long, default_value_t = 3)]
    pub evidence: usize,
    /// How to print the answer.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args, Debug)]
pub struct ActorArgs {
    /// The actor: a code (ISR) or a name the store has seen (Israel).
    pub actor: String,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Partners and rivals shown, each (0: all).
    #[arg(long, default_value_t = 25)]
    pub limit: usize,
    /// How to print the answer.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args, Debug)]
pub struct TimelineArgs {
    /// The first actor.
    pub a: String,
    /// The second actor (without it: the first with everyone).
    pub b: Option<String>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// How to print the answer.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words that must all appear in the sentence (with --raw: an SQLite FTS5 query).
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// Pass the text to FTS5 as a query: AND, OR, NOT, NEAR(...), "phrases", prefix*.
    #[arg(long)]
    pub raw: bool,
    /// Sentences shown at most.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// How to print the answer.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArgs,
}

/// The code of an actor named on the command line: the store's actors first (by code or
/// name), then the gazetteer's; an unknown code is taken as it is, upper-cased.
fn resolve(store: &Store, text: &str) -> Result<String> {
    if let Some(a) = store.resolve_actor(text)? {
        return Ok(a.code);
    }
    let t = text.trim();
    let code_like = !t.is_empty() && t.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if code_like {
        return Ok(t.to_string()); // no need to load the gazetteer for a code
    }
    if let Some(code) = entente::Gazetteer::builtin().ok().and_then(|g| entente::gazetteer_code(&g, t)) {
        return Ok(code);
    }
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        bail!("unknown actor {t:?}: give a code (ISR, EU) or a name that appears in the store");
    }
    Ok(t.to_ascii_uppercase())
}

fn label(a: &ActorName) -> String {
    match &a.name {
        Some(n) if n != &a.code => format!("{} ({n})", a.code),
        _ => a.code.clone(),
    }
}

fn counts<T: std::fmt::Display>(c: &[Count<T>]) -> String {
    c.iter().map(|c| format!("{} {}", c.value, c.relations)).collect::<Vec<_>>().join(", ")
}

fn counts_csv<T: std::fmt::Display>(c: &[Count<T>]) -> String {
    c.iter().map(|c| format!("{}:{}", c.value, c.relations)).collect::<Vec<_>>().join(";")
}

fn span(first: &Option<String>, last: &Option<String>) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f == l => f.clone(),
        (Some(f), Some(l)) => format!("{f} to {l}"),
        _ => "undated".into(),
    }
}

fn stdout() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::new(std::io::stdout().lock())
}

pub fn run_dyad(args: DyadArgs) -> Result<ExitCode> {
    let period = args.period.period()?;
    let store = args.db.open_for_reading()?;
    let (a, b) = (resolve(&store, &args.a)?, resolve(&store, &args.b)?);
    if a == b {
        bail!("a dyad needs two different actors (both are {a})");
    }
    let p = store.dyad(&a, &b, &period, args.evidence)?;
    let mut out = stdout();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &p)?;
            writeln!(out)?;
        }
        Format::Csv => {
            write_csv(
                &mut out,
                &[
                    "a",
                    "b",
                    "sector",
                    "polarity",
                    "documents",
                    "relations",
                    "a_to_b",
                    "b_to_a",
                    "first",
                    "last",
                    "modalities",
                    "types",
                    "amounts",
                    "top_evidence",
                    "top_evidence_doc",
                    "top_evidence_date",
                    "top_evidence_url",
                    "top_evidence_confidence",
                ],
            )?;
            for t in &p.ties {
                let amounts = t
                    .amounts
                    .iter()
                    .map(|q| match &q.of {
                        Some(of) => format!("{} {} ({of})", plain_number(q.value), q.unit),
                        None => format!("{} {}", plain_number(q.value), q.unit),
                    })
                    .collect::<Vec<_>>()
                    .join(";");
                let top = t.evidence.first();
                write_csv(
                    &mut out,
                    &[
                        p.a.code.clone(),
                        p.b.code.clone(),
                        t.sector.to_string(),
                        t.polarity.to_string(),
                        t.documents.to_string(),
                        t.relations.to_string(),
                        t.a_to_b.to_string(),
                        t.b_to_a.to_string(),
                        opt(&t.first),
                        opt(&t.last),
                        counts_csv(&t.modalities),
                        counts_csv(&t.types),
                        amounts,
                        top.map(|e| e.text.clone()).unwrap_or_default(),
                        top.map(|e| e.doc.clone()).unwrap_or_default(),
                        top.and_then(|e| e.date.clone()).unwrap_or_default(),
                        top.and_then(|e| e.url.clone()).unwrap_or_default(),
                        top.map(|e| e.confidence.to_string()).unwrap_or_default(),
                    ],
                )?;
            }
        }
        Format::Table => {
            writeln!(
                out,
                "{} and {}: {} documents, {} relations, {}",
                label(&p.a),
                label(&p.b),
                p.documents,
                p.relations,
                span(&p.first, &p.last)
            )?;
            if p.ties.is_empty() {
                writeln!(out, "no relations between them in the store")?;
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            writeln!(out)?;
            let ab = format!("{}→{}", p.a.code, p.b.code);
            let ba = format!("{}→{}", p.b.code, p.a.code);
            let rows: Vec<Vec<String>> = p
                .ties
                .iter()
                .map(|t| {
                    vec![
                        t.sector.to_string(),
                        t.polarity.to_string(),
                        t.documents.to_string(),
                        t.relations.to_string(),
                        t.a_to_b.to_string(),
                        t.b_to_a.to_string(),
                        opt(&t.first),
                        opt(&t.last),
                        counts(&t.modalities),
                        t.amounts
                            .iter()
                            .map(|q| {
                                let a = amount(q.value, &q.unit);
                                match &q.of {
                                    Some(of) => format!("{a} ({of})"),
                                    None => a,
                                }
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect();
            write_table(
                &mut out,
                &["sector", "polarity", "docs", "rels", &ab, &ba, "first", "last", "modality", "amounts"],
                &rows,
            )?;
            if p.ties.iter().any(|t| !t.evidence.is_empty()) {
                writeln!(out, "\nstrongest evidence")?;
            }
            for t in &p.ties {
                if t.evidence.is_empty() {
                    continue;
                }
                writeln!(out, "\n{} {}", t.sector, t.polarity)?;
                for e in &t.evidence {
                    let mut head = vec![format!("{:.2}", e.confidence), e.doc.clone()];
                    head.push(e.date.clone().unwrap_or_else(|| "undated".into()));
                    head.extend(e.url.clone());
                    if e.part != PartKind::Body {
                        head.push(format!("({})", e.part));
                    }
                    writeln!(out, "  {}", head.join("  "))?;
                    writeln!(out, "        {} {} {} [{}]: {}", e.source, e.event_type, e.target, e.modality, e.text)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_actor(args: ActorArgs) -> Result<ExitCode> {
    let period = args.period.period()?;
    let store = args.db.open_for_reading()?;
    let a = resolve(&store, &args.actor)?;
    let limit = (args.limit > 0).then_some(args.limit);
    let p = store.actor(&a, &period, limit)?;
    let mut out = stdout();
    let sectors = |t: &entente_store::PartnerTie, sep: &str| {
        t.sectors.iter().map(|s| format!("{} {}", s.sector, s.documents)).collect::<Vec<_>>().join(sep)
    };
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &p)?;
            writeln!(out)?;
        }
        Format::Csv => {
            write_csv(
                &mut out,
                &[
                    "actor",
                    "role",
                    "rank",
                    "partner",
                    "name",
                    "kind",
                    "breadth",
                    "documents",
                    "relations",
                    "first",
                    "last",
                    "sectors",
                ],
            )?;
            for (role, list) in [("partner", &p.partners), ("rival", &p.rivals)] {
                for (i, t) in list.iter().enumerate() {
                    write_csv(
                        &mut out,
                        &[
                            p.actor.code.clone(),
                            role.to_string(),
                            (i + 1).to_string(),
                            t.actor.code.clone(),
                            opt(&t.actor.name),
                            opt(&t.actor.kind.map(|k| k.to_string())),
                            t.breadth.to_string(),
                            t.documents.to_string(),
                            t.relations.to_string(),
                            opt(&t.first),
                            opt(&t.last),
                            sectors(t, ";"),
                        ],
                    )?;
                }
            }
        }
        Format::Table => {
            writeln!(out, "{}: {} documents, {} relations", label(&p.actor), p.documents, p.relations)?;
            for (title, list) in
                [("partners (cooperative ties)", &p.partners), ("rivals (conflictual ties)", &p.rivals)]
            {
                writeln!(out, "\n{title}")?;
                if list.is_empty() {
                    writeln!(out, "  none")?;
                    continue;
                }
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        vec![
                            (i + 1).to_string(),
                            t.actor.code.clone(),
                            opt(&t.actor.name),
                            t.breadth.to_string(),
                            t.documents.to_string(),
                            t.relations.to_string(),
                            span(&t.first, &t.last),
                            sectors(t, ", "),
                        ]
                    })
                    .collect();
                write_table(
                    &mut out,
                    &["#", "code", "name", "sectors", "docs", "rels", "when", "by sector (docs)"],
                    &rows,
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_timeline(args: TimelineArgs) -> Result<ExitCode> {
    let period = args.period.period()?;
    let store = args.db.open_for_reading()?;
    let a = resolve(&store, &args.a)?;
    let b = args.b.as_deref().map(|b| resolve(&store, b)).transpose()?;
    if b.as_deref() == Some(a.as_str()) {
        bail!("a timeline needs two different actors (both are {a})");
    }
    let t = store.timeline(&a, b.as_deref(), &period)?;
    let mut out = stdout();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &t)?;
            writeln!(out)?;
        }
        Format::Csv => {
            write_csv(&mut out, &["month", "sector", "polarity", "documents", "relations"])?;
            for m in &t.months {
                for s in &m.sectors {
                    write_csv(
                        &mut out,
                        &[
                            m.month.clone(),
                            s.sector.to_string(),
                            s.polarity.to_string(),
                            s.documents.to_string(),
                            s.relations.to_string(),
                        ],
                    )?;
                }
            }
        }
        Format::Table => {
            let who = match &t.b {
                Some(b) => format!("{} and {}", label(&t.a), label(b)),
                None => format!("{} and everyone", label(&t.a)),
            };
            writeln!(out, "{who}, by month")?;
            let rows: Vec<Vec<String>> = t
                .months
                .iter()
                .map(|m| {
                    vec![
                        m.month.clone(),
                        m.documents.to_string(),
                        m.relations.to_string(),
                        m.cooperative.to_string(),
                        m.conflictual.to_string(),
                        m.sectors
                            .iter()
                            .map(|s| {
                                let sign = if s.polarity == Polarity::Conflictual { "-" } else { "+" };
                                format!("{}{sign} {}", s.sector, s.relations)
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                    ]
                })
                .collect();
            write_table(&mut out, &["month", "docs", "rels", "coop", "conf", "sectors (+ coop, - conf)"], &rows)?;
            if t.undated > 0 {
                writeln!(out, "and {} undated relations", t.undated)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_search(args: SearchArgs) -> Result<ExitCode> {
    let store = args.db.open_for_reading()?;
    let hits = store.search(&SearchQuery { text: args.text.join(" "), raw: args.raw, limit: args.limit })?;
    let rels = |h: &entente_store::SearchHit, sep: &str| {
        h.relations
            .iter()
            .map(|r| format!("{}>{} {} {} {}", r.source, r.target, r.sector, r.polarity, r.modality))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let mut out = stdout();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            writeln!(out)?;
        }
        Format::Csv => {
            write_csv(&mut out, &["doc", "date", "url", "part", "text", "relations"])?;
            for h in &hits {
                write_csv(
                    &mut out,
                    &[h.doc.clone(), opt(&h.date), opt(&h.url), h.part.to_string(), h.text.clone(), rels(h, ";")],
                )?;
            }
        }
        Format::Table => {
            if hits.is_empty() {
                writeln!(out, "no evidence sentence matches")?;
            }
            for h in &hits {
                writeln!(
                    out,
                    "{}  {}  {}",
                    h.doc,
                    h.date.as_deref().unwrap_or("undated"),
                    h.url.as_deref().unwrap_or("")
                )?;
                writeln!(out, "  {}", h.snippet)?;
                writeln!(out, "  {}\n", rels(h, "; "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
