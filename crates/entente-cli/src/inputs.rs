//! Where documents come from: files (`.txt`, `.html`, `.htm`, `.jsonl`, `.warc`, each optionally
//! `.gz`; a WARC gives one document per HTML response record), directories (read recursively, in sorted order), and `-` (JSON Lines on standard
//! input). Documents stream one at a time, so a large input never sits in memory whole.
//!
//! A document that cannot be read is reported as a [`Skipped`] naming the file (and line) and
//! what is wrong; the caller goes on with the others.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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
/// named on the command line it is an error. A directory or file reached a second time through
/// a symbolic link (`sub/up -> ..`) is not read again (a warning names the link), so links
/// cannot make a loop or read a file twice. Anything that is not a regular file (a FIFO, a
/// socket, a device such as `/dev/zero`), named or found in a directory, is skipped with a
/// message before it is opened: reading it could block forever or never end.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, Skipped>> {
    let mut out = Vec::new();
    let mut seen = Seen::default();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut seen, &mut files, &mut out);
            files.sort();
            out.extend(files.into_iter().map(|f| regular(&f).map(|()| f)));
        } else if !p.exists() {
            out.push(Err(Skipped { place: p.display().to_string(), message: "no such file or directory".into() }));
        } else if split_ext(p).1.is_none() {
            out.push(Err(Skipped {
                place: p.display().to_string(),
                message: "unknown file type: expected .txt, .html, .htm, .jsonl or .warc (optionally .gz)".into(),
            }));
        } else {
            out.push(regular(p).map(|()| p.clone()));
        }
    }
    out
}

/// `Ok` for a regular file (after following links); a message naming what it is otherwise.
fn regular(path: &Path) -> Result<(), Skipped> {
    use std::os::unix::fs::FileTypeExt;
    let skipped = |message: String| Err(Skipped { place: path.display().to_string(), message });
    let kind = match std::fs::metadata(path) {
        Ok(m) => m.file_type(),
        Err(e) => return skipped(format!("cannot open: {e}")),
    };
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a file"
    };
    skipped(format!("{what}, not a regular file: not read (it could block or never end)"))
}

/// The directories and files already reached, by device and inode.
#[derive(Default)]
struct Seen(std::collections::HashMap<(u64, u64), PathBuf>);

impl Seen {
    /// `None` the first time the file or directory at `path` is reached; else where it was first.
    fn again(&mut self, path: &Path) -> Option<PathBuf> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        match self.0.entry((m.dev(), m.ino())) {
            std::collections::hash_map::Entry::Occupied(e) => Some(e.get().clone()),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(path.to_path_buf());
                None
            }
        }
    }
}

fn walk(dir: &Path, seen: &mut Seen, files: &mut Vec<PathBuf>, errors: &mut Vec<Result<PathBuf, Skipped>>) {
    if let Some(first) = seen.again(dir) {
        eprintln!(
            "warning: {}: the same directory as {}, already read: not read again",
            dir.display(),
            first.display()
        );
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Err(Skipped { place: dir.display().to_string(), message: format!("cannot list: {e}") }));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    // Sorted, so that of two paths to one file the same one is read every time.
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, seen, files, errors);
        } else if split_ext(&path).1.is_some() {
            match seen.again(&path) {
                Some(first) => eprintln!(
                    "warning: {}: the same file as {}, already read: not read again",
                    path.display(),
                    first.display()
                ),
                None => files.push(path),
            }
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

fn jsonl_documents<R: BufRead + 'static>(place: String, reader: R, limits: InputLimits) -> impl Iterator<Item = Item> {
    entente::input::json_lines(reader, limits.max_bytes).map(move |l| {
        let at = format!("{place}:{}", l.line);
        if l.replaced > 0 {
            eprintln!("warning: {at}: {} invalid UTF-8 sequences replaced", l.replaced);
        }
        l.document.map_err(|message| Skipped { place: at, message })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    /// The system allocator, counting the bytes live and their peak on each thread, so that a
    /// test can measure what its own work allocated.
    struct Counting;

    thread_local! {
        static LIVE: Cell<usize> = const { Cell::new(0) };
        static PEAK: Cell<usize> = const { Cell::new(0) };
    }

    // SAFETY: every call is passed to the system allocator unchanged; the counting only reads
    // and writes thread-local cells.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = LIVE.try_with(|l| {
                l.set(l.get() + layout.size());
                let _ = PEAK.try_with(|p| p.set(p.get().max(l.get())));
            });
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(layout.size())));
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static COUNTING: Counting = Counting;

    /// The most bytes live at once on this thread while `f` ran, over those live before it.
    fn peak_allocated<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let base = LIVE.with(Cell::get);
        PEAK.with(|p| p.set(base));
        let out = f();
        (out, PEAK.with(Cell::get) - base)
    }

    /// `{"id":"bomb","text":"aaaa…"}` of `n` bytes of text on one line, then a good line, made
    /// as it is read (never held whole).
    struct Bomb {
        head: Vec<u8>,
        n: u64,
        tail: Vec<u8>,
        at: u64,
    }

    impl Read for Bomb {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let (head, n) = (self.head.len() as u64, self.n);
            let total = head + n + self.tail.len() as u64;
            let mut written = 0;
            while written < out.len() && self.at < total {
                out[written] = if self.at < head {
                    self.head[self.at as usize]
                } else if self.at < head + n {
                    b'a'
                } else {
                    self.tail[(self.at - head - n) as usize]
                };
                written += 1;
                self.at += 1;
            }
            Ok(written)
        }
    }

    #[test]
    fn an_over_long_json_line_is_skipped_in_bounded_memory() {
        let limit = 1 << 20;
        let line = 64u64 << 20;
        let bomb = Bomb {
            head: br#"{"id":"bomb","text":""#.to_vec(),
            n: line,
            tail: b"\"}\n{\"id\":\"after\",\"text\":\"Talks resumed in Geneva.\"}\n".to_vec(),
            at: 0,
        };
        // Compressed as it is read and read back through the gzip decoder, as `FILE.jsonl.gz` is.
        let gz = flate2::read::GzEncoder::new(bomb, flate2::Compression::fast());
        let reader = BufReader::new(flate2::read::MultiGzDecoder::new(gz));
        let (items, peak) = peak_allocated(|| {
            jsonl_documents("bomb.jsonl.gz".into(), reader, InputLimits { max_bytes: limit }).collect::<Vec<_>>()
        });
        assert_eq!(items.len(), 2);
        let e = items[0].as_ref().unwrap_err();
        assert_eq!(e.to_string(), format!("bomb.jsonl.gz:1: line longer than the limit of {limit} bytes"));
        assert_eq!(items[1].as_ref().unwrap().id, "after");
        // The limit's worth of line (read to find that it is over), and buffers: not the line.
        assert!(peak < 4 * limit as usize, "{peak} bytes allocated at the peak for a line of {line} bytes");
    }

    #[test]
    fn extensions() {
        assert_eq!(split_ext(Path::new("a/b/caspian.txt")), ("caspian".into(), Some(Format::Text), false));
        assert_eq!(split_ext(Path::new("x.HTML.gz")), ("x".into(), Some(Format::Html), true));
        assert_eq!(split_ext(Path::new("batch.jsonl")), ("batch".into(), Some(Format::Jsonl), false));
        assert_eq!(split_ext(Path::new("notes.md")).1, None);
    }
}
