//! Where documents come from: files (`.txt`, `.html`, `.htm`, `.jsonl`, `.warc`, each optionally
//! `.gz`; a WARC gives one document per HTML response record), directories (read recursively, in sorted order), and `-` (JSON Lines on standard
//! input). Documents stream one at a time, so a large input never sits in memory whole.
//!
//! A document that cannot be read is reported as a [`Skipped`] naming the file (and line) and
//! what is wrong; the caller goes on with the others.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use entente::input::document_from_json;
use entente::{Content, Document};

/// A document left out, with where it is and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// One item of the input stream.
pub type Item = Result<Document, Skipped>;

/// Limits for reading inputs.
#[derive(Debug, Clone, Copy)]
pub struct InputLimits {
    /// Largest single document or file in bytes.
    pub max_bytes: u64,
}

impl Default for InputLimits {
    fn default() -> Self {
        InputLimits { max_bytes: 10 * 1024 * 1024 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Jsonl,
    Warc,
}

fn split_ext(path: &Path) -> (String, Option<Format>, bool) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (base, gz) = match name.strip_suffix(".gz") {
        Some(b) => (b.to_string(), true),
        None => (name.clone(), false),
    };
    let (stem, ext) = match base.rfind('.') {
        Some(i) if i > 0 => (base[..i].to_string(), base[i + 1..].to_ascii_lowercase()),
        _ => (base.clone(), String::new()),
    };
    let format = match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "warc" => Some(Format::Warc),
        _ => None,
    };
    (stem, format, gz)
}

/// Expands the paths into the files to read, in a stable order. A directory gives the readable
/// files below it, sorted by path; an unknown extension inside a directory is passed over, but
/// named on the command line it is an error.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, Skipped>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, &mut out);
            files.sort();
            out.extend(files.into_iter().map(Ok));
        } else if !p.exists() {
            out.push(Err(Skipped { place: p.display().to_string(), message: "no such file or directory".into() }));
        } else if split_ext(p).1.is_none() {
            out.push(Err(Skipped {
                place: p.display().to_string(),
                message: "unknown file type: expected .txt, .html, .htm, .jsonl or .warc (optionally .gz)".into(),
            }));
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Result<PathBuf, Skipped>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Err(Skipped { place: dir.display().to_string(), message: format!("cannot list: {e}") }));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files, errors);
        } else if split_ext(&path).1.is_some() {
            files.push(path);
        }
    }
}

/// Streams the documents of the given paths.
pub fn documents(paths: &[PathBuf], limits: InputLimits) -> impl Iterator<Item = Item> {
    expand(paths).into_iter().flat_map(move |f| -> Box<dyn Iterator<Item = Item>> {
        match f {
            Err(s) => Box::new(std::iter::once(Err(s))),
            Ok(path) => file_documents(path, limits),
        }
    })
}

fn open(path: &Path, gz: bool) -> std::io::Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin()));
    }
    let f = File::open(path)?;
    Ok(if gz { Box::new(flate2::read::MultiGzDecoder::new(f)) } else { Box::new(f) })
}

fn file_documents(path: PathBuf, limits: InputLimits) -> Box<dyn Iterator<Item = Item>> {
    let place = path.display().to_string();
    let (stem, format, gz) =
        if path.as_os_str() == "-" { ("stdin".to_string(), Some(Format::Jsonl), false) } else { split_ext(&path) };
    let skipped = |message: String| Box::new(std::iter::once(Err(Skipped { place: place.clone(), message })));
    let reader = match open(&path, gz) {
        Ok(r) => r,
        Err(e) => return skipped(format!("cannot open: {e}")),
    };
    match format {
        Some(Format::Jsonl) => Box::new(jsonl_documents(place.clone(), BufReader::new(reader), limits)),
        Some(Format::Warc) => {
            let place = place.clone();
            Box::new(
                entente_read::warc::documents(BufReader::new(reader), limits.max_bytes)
                    .map(move |r| r.map_err(|e| Skipped { place: place.clone(), message: e.to_string() })),
            )
        }
        Some(f) => {
            let mut bytes = Vec::new();
            if let Err(e) = reader.take(limits.max_bytes + 1).read_to_end(&mut bytes) {
                return skipped(format!("cannot read: {e}"));
            }
            if bytes.len() as u64 > limits.max_bytes {
                return skipped(format!("larger than the limit of {} bytes (--max-bytes)", limits.max_bytes));
            }
            if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
                return skipped("the file is empty".into());
            }
            if looks_binary(&bytes) {
                return skipped("a binary file, not text or HTML".into());
            }
            let (text, replaced) = entente::decode_text(&bytes);
            let content = if f == Format::Html { Content::Html(text) } else { Content::Text(text) };
            let doc = Document { id: stem, url: None, date: None, title: None, content };
            if replaced > 0 {
                eprintln!("warning: {place}: {replaced} invalid UTF-8 sequences replaced");
            }
            Box::new(std::iter::once(Ok(doc)))
        }
        None => skipped("unknown file type".into()),
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    head.contains(&0) || head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count() > 8
}

fn jsonl_documents<R: BufRead + 'static>(
    place: String,
    mut reader: R,
    limits: InputLimits,
) -> impl Iterator<Item = Item> {
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        buf.clear();
        line_no += 1;
        match reader.by_ref().take(limits.max_bytes + 1).read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                done = true;
                return Some(Err(Skipped {
                    place: format!("{place}:{line_no}"),
                    message: format!("cannot read: {e}"),
                }));
            }
        }
        if buf.len() as u64 > limits.max_bytes && !buf.ends_with(b"\n") {
            // Skip the rest of this over-long line.
            let mut sink = Vec::new();
            let _ = reader.read_until(b'\n', &mut sink);
            return Some(Err(Skipped {
                place: format!("{place}:{line_no}"),
                message: format!("line longer than the limit of {} bytes", limits.max_bytes),
            }));
        }
        let (line, replaced) = entente::decode_text(&buf);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if replaced > 0 {
            eprintln!("warning: {place}:{line_no}: {replaced} invalid UTF-8 sequences replaced");
        }
        return Some(
            document_from_json(line)
                .map_err(|e| Skipped { place: format!("{place}:{line_no}"), message: e.to_string() }),
        );
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(split_ext(Path::new("a/b/caspian.txt")), ("caspian".into(), Some(Format::Text), false));
        assert_eq!(split_ext(Path::new("x.HTML.gz")), ("x".into(), Some(Format::Html), true));
        assert_eq!(split_ext(Path::new("batch.jsonl")), ("batch".into(), Some(Format::Jsonl), false));
        assert_eq!(split_ext(Path::new("notes.md")).1, None);
    }
}
