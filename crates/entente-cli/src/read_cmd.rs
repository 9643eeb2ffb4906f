//! `entente read`: what the reader found, for a person or as JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use entente::Article;
use serde_json::json;

use crate::inputs::{self, Skipped};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: crate::InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also list the actor mentions found in each part, with what they resolve to.
    #[arg(long)]
    mentions: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The JSON form of an article, as `read --format json` prints it, with how sure the reader is
/// of its body (0 to 1).
pub fn article_json(a: &Article, body_confidence: f32) -> serde_json::Value {
    json!({
        "id": a.id,
        "url": a.url,
        "title": a.title,
        "date": a.date.as_ref().map(|d| &d.value),
        "date_source": a.date.as_ref().map(|d| d.source),
        "date_inferred": a.date.as_ref().map(|d| d.inferred),
        "date_evidence": a.date.as_ref().and_then(|d| d.evidence.as_ref()),
        "author": a.author,
        "body_confidence": body_confidence,
        "parts": a.parts.iter().map(|p| json!({
            "kind": p.kind,
            "text": &a.text[p.start..p.end],
            "start": p.start,
            "end": p.end,
            "sentences": p.sentences.iter().map(|s| json!({"text": &a.text[s.start..s.end], "start": s.start, "end": s.end})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "dropped": a.dropped,
        "warnings": a.warnings,
    })
}

fn print_text(out: &mut impl Write, a: &Article, body_confidence: f32) -> std::io::Result<()> {
    writeln!(out, "== {}", a.id)?;
    writeln!(out, "title:  {}", a.title.as_deref().unwrap_or("(none)"))?;
    match &a.date {
        Some(d) => {
            let how = if d.inferred { "inferred from" } else { "given by" };
            let src =
                serde_json::to_value(d.source).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            write!(out, "date:   {} ({how} {src}", d.value)?;
            if let Some(e) = &d.evidence {
                write!(out, ": {e:?}")?;
            }
            writeln!(out, ")")?;
        }
        None => writeln!(out, "date:   (unknown)")?,
    }
    writeln!(out, "author: {}", a.author.as_deref().unwrap_or("(unknown)"))?;
    writeln!(out, "body confidence: {body_confidence:.3}")?;
    let n_sent: usize = a.parts.iter().map(|p| p.sentences.len()).sum();
    writeln!(out, "parts:  {} ({} sentences)", a.parts.len(), n_sent)?;
    for p in &a.parts {
        let text = &a.text[p.start..p.end];
        let short: String = text.chars().take(100).collect();
        let ell = if short.len() < text.len() { "..." } else { "" };
        writeln!(out, "  [{:<10}] {} sent. {short}{ell}", p.kind.as_str(), p.sentences.len())?;
    }
    writeln!(out, "dropped: {}", a.dropped.len())?;
    for d in &a.dropped {
        let reason = serde_json::to_value(d.reason).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let short: String = d.text.chars().take(80).collect();
        writeln!(out, "  [{reason:<10}] {short}")?;
    }
    for w in &a.warnings {
        writeln!(out, "warning: {w}")?;
    }
    writeln!(out)
}

fn print_mentions(out: &mut impl Write, a: &Article, mentions: &[entente::Mention]) -> std::io::Result<()> {
    writeln!(out, "mentions: {}", mentions.len())?;
    for m in mentions {
        let role = serde_json::to_value(m.role).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        write!(out, "  {:<6} {:<12} {:?}", m.code, role, &a.text[m.start..m.end])?;
        if let Some(p) = &m.person {
            write!(out, "  ({}, {})", p.name, p.office)?;
        }
        writeln!(out)?;
    }
    writeln!(out)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let extractor = crate::extractor(&args.input.read, None)?;
    let limits = args.input.read.input_limits();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = 0;
    let mut docs = Vec::new();
    for item in inputs::documents(&args.input.paths, limits) {
        let doc = match item {
            Ok(d) => d,
            Err(s) => {
                crate::report_skip(&s, &mut skipped);
                continue;
            }
        };
        match extractor.read_scored(&doc) {
            Ok((a, confidence)) => {
                let mentions =
                    if args.mentions { entente::find_mentions(&extractor.gazetteer, &a) } else { Vec::new() };
                match args.format {
                    Format::Text => {
                        print_text(&mut out, &a, confidence)?;
                        if args.mentions {
                            print_mentions(&mut out, &a, &mentions)?;
                        }
                    }
                    Format::Json => {
                        let mut v = article_json(&a, confidence);
                        if args.mentions {
                            v["mentions"] = serde_json::to_value(&mentions)?;
                        }
                        docs.push(v);
                    }
                }
            }
            Err(e) => crate::report_skip(&Skipped { place: doc.id.clone(), message: e.to_string() }, &mut skipped),
        }
    }
    if let Format::Json = args.format {
        serde_json::to_writer_pretty(&mut out, &docs)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(crate::finish(skipped))
}
