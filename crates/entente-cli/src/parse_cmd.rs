//! `entente parse`: each sentence's words with their tag, lemma, head and relation, as the
//! shipped tagger and parser give them (CoNLL-U or a table). A `.conllu` input keeps its
//! sentences, words, comments and multiword lines; tags, heads and relations are filled in.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use entente_syntax::{conllu, Model, Sentence};

use crate::inputs::{self, Skipped};

#[derive(clap::Args)]
pub struct Args {
    /// Files (.txt, .html, .htm, .jsonl, .conllu, optionally .gz), directories, or - for JSON Lines on stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    read: crate::ReadArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    Conllu,
    Table,
}

fn print(out: &mut impl Write, format: Format, comments: &[String], b: &conllu::Block) -> std::io::Result<()> {
    match format {
        Format::Conllu => {
            let mut block = b.clone();
            block.comments.splice(0..0, comments.iter().cloned());
            let mut s = String::new();
            conllu::write_block(&block, &mut s);
            out.write_all(s.as_bytes())
        }
        Format::Table => {
            for c in comments.iter().chain(&b.comments) {
                writeln!(out, "{c}")?;
            }
            table(out, &b.sentence)
        }
    }
}

fn table(out: &mut impl Write, s: &Sentence) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>3}  {:<16} {:<14} {:<6} {:<5} {:>4}  {:<12} head word",
        "id", "word", "lemma", "upos", "xpos", "head", "relation"
    )?;
    for (i, t) in s.tokens.iter().enumerate() {
        let head = s.head_of(i).map(|h| s.tokens[h].form.as_str()).unwrap_or("(root)");
        writeln!(
            out,
            "{:>3}  {:<16} {:<14} {:<6} {:<5} {:>4}  {:<12} {head}",
            i + 1,
            t.form,
            t.lemma,
            t.upos.as_str(),
            t.xpos,
            t.head,
            t.deprel
        )?;
    }
    writeln!(out)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let model = Model::shipped();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = 0;
    let (treebanks, pages): (Vec<PathBuf>, Vec<PathBuf>) =
        args.paths.iter().cloned().partition(|p| p.extension().is_some_and(|e| e == "conllu"));
    for path in &treebanks {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        let blocks = conllu::read_blocks(&text).with_context(|| format!("{}", path.display()))?;
        for mut b in blocks {
            model.annotate_sentence(&mut b.sentence);
            print(&mut out, args.format, &[], &b)?;
        }
    }
    if !pages.is_empty() {
        let extractor = crate::extractor(&args.read, None)?;
        for item in inputs::documents(&pages, args.read.input_limits()) {
            let doc = match item {
                Ok(d) => d,
                Err(s) => {
                    crate::report_skip(&s, &mut skipped);
                    continue;
                }
            };
            let a = match extractor.read(&doc) {
                Ok(a) => a,
                Err(e) => {
                    crate::report_skip(&Skipped { place: doc.id.clone(), message: e.to_string() }, &mut skipped);
                    continue;
                }
            };
            crate::report_warnings(&doc.id, &a.warnings);
            let mut n = 0;
            for p in &a.parts {
                for s in &p.sentences {
                    n += 1;
                    let text = &a.text[s.start..s.end];
                    let one_line: String = text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
                    let comments = vec![
                        format!("# sent_id = {}#{n}", a.id),
                        format!("# text = {one_line}"),
                        format!("# offsets = {}-{}", s.start, s.end),
                    ];
                    let block = conllu::Block { sentence: model.parse_text(text, s.start), ..Default::default() };
                    print(&mut out, args.format, &comments, &block)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(crate::finish(skipped))
}
