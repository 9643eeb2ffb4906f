//! Memory per document (issue 23, case 9): the bytes the pipeline allocates at its peak while
//! extracting one large document, counted by a global allocator of this test, stay within a
//! stated multiple of the document's size (the README's table states the measured figure),
//! and grow in proportion to it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use entente::{Content, Document, Extractor};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; the counting only updates
// two atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most bytes live at once while `f` ran, over those live before it.
fn peak_allocated(f: impl FnOnce()) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed) - base
}

/// News-like text of about `n` bytes, as dense in relations as any found (every sentence
/// pairs states with a trigger; such text takes the most memory a byte), in paragraphs.
fn news(n: usize) -> String {
    const SENTENCES: [&str; 4] = [
        "Israel signed an arms deal with Azerbaijan.",
        "Russia and China agreed on trade.",
        "Kenya imported $40 million worth of wheat from Ukraine.",
        "Chile and Peru resumed talks on the border.",
    ];
    let mut out = String::with_capacity(n + 200);
    let mut i = 0;
    while out.len() < n {
        out.push_str(SENTENCES[i % SENTENCES.len()]);
        out.push_str(if i % 8 == 7 { "\n\n" } else { " " });
        i += 1;
    }
    out
}

/// The README's bound: at most this many bytes allocated at once per byte of the document.
/// Coding on the parse holds the parse's relations and the pairing rules' side by side before
/// it merges them (46 bytes per byte measured on this text, 28 with the pairing rules alone).
const BYTES_PER_BYTE: usize = 56;

#[test]
fn a_large_document_takes_memory_in_proportion_to_its_size() {
    let extractor = Extractor::new().unwrap();
    // The parser's model and the CAMEO dictionary are built once, on first use, and held for
    // the life of the process: build them before measuring what a document takes.
    let warm = Document { id: "warm".into(), url: None, date: None, title: None, content: Content::Text(news(4096)) };
    assert!(!extractor.extract(&warm).unwrap().relations.is_empty(), "the warm-up text names relations");
    let measure = |n: usize| {
        let doc = Document { id: "big".into(), url: None, date: None, title: None, content: Content::Text(news(n)) };
        let mut relations = 0;
        let peak = peak_allocated(|| relations = extractor.extract(&doc).unwrap().relations.len());
        assert!(relations > n / 1000, "{relations} relations in {n} bytes");
        peak
    };
    let (small, large) = (measure(1 << 20), measure(2 << 20));
    eprintln!("peak allocated: {small} bytes for 1 MiB, {large} for 2 MiB");
    assert!(large <= BYTES_PER_BYTE * (2 << 20), "{large} bytes for a 2 MiB document: over {BYTES_PER_BYTE}x");
    // In proportion: twice the document, about twice the memory.
    let ratio = large as f64 / small as f64;
    assert!((1.5..2.6).contains(&ratio), "1 MiB: {small} bytes; 2 MiB: {large} (ratio {ratio:.2})");
}
