//! `entente train-parser`: trains the tagger and parser on a CoNLL-U treebank and writes the
//! model file (crates/entente-syntax/model/en_ewt.bin is the shipped one). The same treebank
//! and options give the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use entente_syntax::{conllu, eval, Model, TrainConfig};

#[derive(clap::Args)]
pub struct Args {
    /// The training treebank (UD English EWT's en_ewt-ud-train.conllu).
    train: PathBuf,
    /// Where to write the model.
    #[arg(long, short, default_value = "crates/entente-syntax/model/en_ewt.bin")]
    out: PathBuf,
    /// Treebanks to score the new model on, with their gold tokens (EWT dev, test).
    #[arg(long = "eval", value_name = "CONLLU")]
    eval: Vec<PathBuf>,
    #[arg(long, default_value_t = TrainConfig::default().tagger_epochs)]
    tagger_epochs: usize,
    #[arg(long, default_value_t = TrainConfig::default().parser_epochs)]
    parser_epochs: usize,
    /// Folds of the jackknife that gives the parser predicted tags (0: gold tags).
    #[arg(long, default_value_t = TrainConfig::default().folds)]
    folds: usize,
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
}

fn read(path: &PathBuf) -> Result<Vec<entente_syntax::Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    conllu::read(&text).with_context(|| format!("{}", path.display()))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let gold = read(&args.train)?;
    let cfg = TrainConfig {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        seed: args.seed,
        folds: args.folds,
        ..TrainConfig::default()
    };
    let model = Model::train(&gold, cfg);
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("{}", args.out.display()))?;
    eprintln!("{}: {} bytes; {}", args.out.display(), bytes.len(), model.summary());
    for path in &args.eval {
        let gold = read(path)?;
        let s = eval::score(&gold, &eval::parse_gold_words(&model, &gold));
        println!(
            "{}: {} words, UPOS {:.4} XPOS {:.4} UAS {:.4} LAS {:.4}",
            path.display(),
            s.words,
            s.upos,
            s.xpos,
            s.uas,
            s.las
        );
    }
    Ok(ExitCode::SUCCESS)
}
