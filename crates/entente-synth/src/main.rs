//! Writes a synthetic news corpus as JSON Lines, for the benchmark scripts:
//!
//!     entente-synth --docs N --out DIR [--per-file 10000] [--bytes 5000] [--seed 1] [--first 0]
//!
//! (`cargo run --release -p entente-synth -- --docs N --out DIR`). DIR gets `part-00000.jsonl`,
//! ... of `--per-file` documents each; ids are `synth-` and seven digits, from `--first`.
//! Prints what it wrote. What a document holds: the crate's documentation.

use std::path::PathBuf;
use std::process::ExitCode;

use entente_synth::Generator;

const USAGE: &str = "usage: entente-synth --docs N --out DIR [--per-file 10000] [--bytes 5000] [--seed 1] [--first 0]";

struct Args {
    docs: usize,
    out: PathBuf,
    per_file: usize,
    bytes: usize,
    seed: u64,
    first: usize,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut docs, mut out) = (None, None);
    let mut a = Args { docs: 0, out: PathBuf::new(), per_file: 10_000, bytes: 5000, seed: 1, first: 0 };
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|_| format!("{flag}: {value:?} is not a whole number"));
        match flag.as_str() {
            "--docs" => docs = Some(number()?),
            "--out" => out = Some(PathBuf::from(&value)),
            "--per-file" => a.per_file = number()?,
            "--bytes" => a.bytes = number()?,
            "--seed" => a.seed = number()? as u64,
            "--first" => a.first = number()?,
            _ => return Err(format!("unknown option {flag:?}")),
        }
    }
    a.docs = docs.ok_or("--docs N is needed")?;
    a.out = out.ok_or("--out DIR is needed")?;
    if a.per_file == 0 {
        return Err("--per-file must be at least 1".into());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(why) if why.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(why) => {
            eprintln!("entente-synth: {why}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let generator = Generator::new(args.seed, args.bytes);
    match generator.write_corpus(&args.out, args.first, args.docs, args.per_file) {
        Ok(files) => {
            let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
            println!(
                "{} documents (seed {}, about {} bytes each) in {} file(s) under {}, {:.1} MB",
                args.docs,
                args.seed,
                args.bytes,
                files.len(),
                args.out.display(),
                bytes as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("entente-synth: cannot write the corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
