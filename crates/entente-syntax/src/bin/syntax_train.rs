//! Trains the tagger and parser on a CoNLL-U treebank and writes the model file; or scores a
//! model on CoNLL-U files with gold tokenisation.
//!
//! `syntax_train train TRAIN.conllu OUT.bin` and `syntax_train eval MODEL.bin FILE.conllu...`

use entente_syntax::{conllu, eval, Model, TrainConfig};

fn read(path: &str) -> Result<Vec<entente_syntax::Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    conllu::read(&text).map_err(|e| format!("{path}: {e}"))
}

/// CPU time of this thread, in seconds (Linux's schedstat; 0 elsewhere).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("train") if args.len() >= 3 => {
            let gold = read(&args[1])?;
            let mut cfg = TrainConfig::default();
            for a in &args[3..] {
                if let Some(v) = a.strip_prefix("--parser-epochs=") {
                    cfg.parser_epochs = v.parse().map_err(|_| format!("bad {a}"))?;
                } else if let Some(v) = a.strip_prefix("--tagger-epochs=") {
                    cfg.tagger_epochs = v.parse().map_err(|_| format!("bad {a}"))?;
                } else if let Some(v) = a.strip_prefix("--folds=") {
                    cfg.folds = v.parse().map_err(|_| format!("bad {a}"))?;
                } else if let Some(v) = a.strip_prefix("--seed=") {
                    cfg.seed = v.parse().map_err(|_| format!("bad {a}"))?;
                } else if let Some(v) = a.strip_prefix("--prune=") {
                    let (t, p) = v.split_once(',').ok_or(format!("bad {a}"))?;
                    cfg.tagger_prune = t.parse().map_err(|_| format!("bad {a}"))?;
                    cfg.parser_prune = p.parse().map_err(|_| format!("bad {a}"))?;
                }
            }
            let m = Model::train(&gold, cfg);
            let bytes = m.to_bytes();
            std::fs::write(&args[2], &bytes).map_err(|e| format!("{}: {e}", args[2]))?;
            eprintln!("{}: {} bytes; {}", args[2], bytes.len(), m.summary());
        }
        Some("add-truecase") if args.len() == 4 => {
            let bytes = std::fs::read(&args[1]).map_err(|e| format!("{}: {e}", args[1]))?;
            let mut m = Model::from_bytes(&bytes).ok_or(format!("{}: not a model file", args[1]))?;
            m.set_truecase(&read(&args[3])?);
            std::fs::write(&args[2], m.to_bytes()).map_err(|e| format!("{}: {e}", args[2]))?;
        }
        Some("relemma") if args.len() == 4 => {
            // The lemma table learnt anew (the lemma rules changed); the rest as it was.
            let bytes = std::fs::read(&args[1]).map_err(|e| format!("{}: {e}", args[1]))?;
            let mut m = Model::from_bytes(&bytes).ok_or(format!("{}: not a model file", args[1]))?;
            m.set_lemmas(&read(&args[3])?);
            std::fs::write(&args[2], m.to_bytes()).map_err(|e| format!("{}: {e}", args[2]))?;
        }
        Some("prune") if args.len() == 4 => {
            let bytes = std::fs::read(&args[1]).map_err(|e| format!("{}: {e}", args[1]))?;
            let mut m = Model::from_bytes(&bytes).ok_or(format!("{}: not a model file", args[1]))?;
            let (t, p) = args[3].split_once(',').ok_or("give TAGGER,PARSER")?;
            m.prune(t.parse().map_err(|_| "bad tagger threshold")?, p.parse().map_err(|_| "bad parser threshold")?);
            std::fs::write(&args[2], m.to_bytes()).map_err(|e| format!("{}: {e}", args[2]))?;
        }
        Some("speed") if args.len() >= 2 => {
            // Words per CPU-second of tagging and parsing gold words (one thread), the model
            // loaded first; with --passes=N, N passes over the words, the median pass and the
            // fastest reported (on a shared machine the fastest is the least disturbed). JSON
            // for scripts/compare_spacy.py.
            let gold = read(&args[1])?;
            let mut passes = 1usize;
            for a in &args[2..] {
                match a.strip_prefix("--passes=").map(str::parse) {
                    Some(Ok(n)) if n > 0 => passes = n,
                    _ => return Err(format!("bad {a}: give --passes=N with N >= 1")),
                }
            }
            let m = Model::shipped();
            let sentences: Vec<Vec<&str>> =
                gold.iter().map(|s| s.tokens.iter().map(|t| t.form.as_str()).collect()).collect();
            let mut times = Vec::new();
            let mut words = 0;
            for _ in 0..passes {
                let (t0, c0) = (std::time::Instant::now(), cpu_seconds());
                words = sentences.iter().map(|s| m.parse_words(s).tokens.len()).sum();
                times.push((cpu_seconds() - c0, t0.elapsed().as_secs_f64()));
            }
            times.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (cpu, secs) = times[(times.len() - 1) / 2];
            let rate = |cpu: f64| words as f64 / cpu.max(1e-9);
            println!(
                "{{\"sentences\": {}, \"words\": {words}, \"passes\": {passes}, \"seconds\": {secs:.4}, \"cpu_seconds\": {cpu:.4}, \"words_per_cpu_s\": {:.0}, \"best_words_per_cpu_s\": {:.0}}}",
                sentences.len(),
                rate(cpu),
                rate(times[0].0)
            );
        }
        Some("text") if args.len() >= 2 => {
            let m = Model::shipped();
            for t in &args[1..] {
                let mut out = String::new();
                conllu::write(&m.parse_text(t, 0), &mut out);
                print!("{out}");
            }
        }
        Some("eval") if args.len() >= 3 => {
            let bytes = std::fs::read(&args[1]).map_err(|e| format!("{}: {e}", args[1]))?;
            let mut m = Model::from_bytes(&bytes).ok_or(format!("{}: not a model file", args[1]))?;
            let mut paths = Vec::new();
            for a in &args[2..] {
                if let Some(v) = a.strip_prefix("--prune=") {
                    let (t, p) = v.split_once(',').ok_or(format!("bad {a}"))?;
                    m.prune(t.parse().map_err(|_| format!("bad {a}"))?, p.parse().map_err(|_| format!("bad {a}"))?);
                    eprintln!("pruned: {} bytes; {}", m.to_bytes().len(), m.summary());
                } else {
                    paths.push(a);
                }
            }
            for path in paths {
                let gold = read(path)?;
                let s = eval::score(&gold, &eval::parse_gold_words(&m, &gold));
                println!(
                    "{path}: words {} UPOS {:.4} XPOS {:.4} UAS {:.4} LAS {:.4} lemmas {:.4}",
                    s.words, s.upos, s.xpos, s.uas, s.las, s.lemma
                );
            }
        }
        _ => return Err("usage: syntax_train train TRAIN.conllu OUT.bin [--parser-epochs=N --tagger-epochs=N --folds=N] | eval MODEL.bin FILE.conllu...".into()),
    }
    Ok(())
}
