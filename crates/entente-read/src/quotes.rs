//! Pull quotes against the body, with the body read once.
//!
//! A pull quote is a line wholly in quotation marks whose three-word windows mostly appear in
//! the rest of the body ([`classify::is_pull_quote`] states the rule for one quote and one
//! body). A page may hold thousands of quoted lines (an interview, a transcript), each checked
//! against the body without it; reading the body again for each made such a page quadratic
//! (a 200 KB transcript took seven seconds). Here the body's words are numbered and its windows
//! counted once; leaving one block out is worked out from the few windows that touch it, and a
//! block found to be a pull quote is taken out of the counts in the same way.
//!
//! The keys come from the document, so the maps use the standard library's keyed hasher, not
//! the pipeline's fast one (a crafted page could make every key collide in that).

use std::collections::HashMap;

use crate::classify;

/// A word that no quote has: a window with it never matches.
const OTHER: u32 = u32::MAX;
/// No block (the end of the list of the body's blocks that have words).
const NONE: u32 = u32::MAX;

type Window = (u32, u32, u32);

/// The words of the quotes, numbered.
#[derive(Debug)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
    /// The quotes' words as bits ([`Vocab::bit`]): most words of a body are no quote's, and
    /// this turns them away before they are hashed with the keyed hasher and looked up. Its
    /// hash needs no key, since a false pass costs only a lookup.
    filter: Box<[u64; FILTER_WORDS]>,
}

/// The filter's size in 64-bit words (16,384 bits: a page's quotes rarely have more than two
/// thousand words, and then one body word in eight that no quote has gets past it).
const FILTER_WORDS: usize = 256;

impl Default for Vocab {
    fn default() -> Self {
        Vocab { ids: HashMap::new(), filter: Box::new([0; FILTER_WORDS]) }
    }
}

impl Vocab {
    /// A lowercase word's hash (FNV-1a of its bytes) for the filter and the recent words. For
    /// an ASCII word it may be given as it is: its bytes are taken in lower case.
    fn hash(word: &str) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in word.as_bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    }

    /// A word's place in the filter, by its hash.
    fn bit(hash: u64) -> (usize, u64) {
        let i = (hash >> 50) as usize;
        (i / 64 % FILTER_WORDS, 1 << (i % 64))
    }

    fn may_have(&self, hash: u64) -> bool {
        let (i, bit) = Vocab::bit(hash);
        self.filter[i] & bit != 0
    }

    /// A quote's words as [`classify::lower_words`] gives them, numbered (new ones added).
    pub fn add(&mut self, quote: &str) -> Vec<u32> {
        classify::word_pieces(quote)
            .map(|w| {
                let lower = w.to_lowercase();
                let (i, bit) = Vocab::bit(Vocab::hash(&lower));
                self.filter[i] |= bit;
                let next = self.ids.len() as u32;
                *self.ids.entry(lower).or_insert(next)
            })
            .collect()
    }

    /// A text's words as numbers, [`OTHER`] for a word that no quote has. `recent` keeps the
    /// words found last by their hash ([`RECENT`] places, made by [`Vocab::recent`]).
    fn lookup<'v>(&'v self, text: &str, recent: &mut [(&'v str, u32)], out: &mut Vec<u32>) {
        let mut buf = String::new();
        for w in classify::word_pieces(text) {
            buf.clear();
            // An ASCII word is hashed as it is and copied only if it gets past the filter.
            let ascii = w.is_ascii();
            if !ascii {
                push_lowercase(w, &mut buf);
            }
            let hash = Vocab::hash(if ascii { w } else { &buf });
            if !self.may_have(hash) {
                out.push(OTHER);
                continue;
            }
            if ascii {
                buf.push_str(w);
                buf.make_ascii_lowercase();
            }
            let place = &mut recent[hash as usize % RECENT];
            if place.0 == buf {
                out.push(place.1);
                continue;
            }
            match self.ids.get_key_value(buf.as_str()) {
                Some((word, &id)) => {
                    *place = (word, id);
                    out.push(id);
                }
                None => out.push(OTHER),
            }
        }
    }

    /// Empty places for the recent words of [`Vocab::lookup`] (no word is empty).
    fn recent(&self) -> Vec<(&str, u32)> {
        vec![("", OTHER); RECENT]
    }
}

/// How many words a lookup keeps, by their hash: most body words that a quote has are a few
/// common ones ("the", "of"), found there without the keyed hasher. The hash needs no key:
/// crafted words that share a place only make it miss.
const RECENT: usize = 1024;

/// Appends `word` in lower case, as [`str::to_lowercase`] gives it, without a new string: a
/// character at a time, except for a word with a capital sigma (whose lowercase form depends
/// on where it stands in the word).
fn push_lowercase(word: &str, out: &mut String) {
    if word.contains('\u{03A3}') {
        out.push_str(&word.to_lowercase());
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

fn windows(words: &[u32]) -> impl Iterator<Item = Window> + '_ {
    words.windows(3).map(|w| (w[0], w[1], w[2]))
}

/// The body: its blocks' words in order, and how often each window of a quote occurs in them
/// (the blocks read as one run of words, as when they are joined with spaces).
#[derive(Debug, Clone)]
pub(crate) struct Body {
    words: Vec<Vec<u32>>,
    /// The blocks that have words and are still in the body, as a list linked both ways.
    prev: Vec<u32>,
    next: Vec<u32>,
    /// Every window of the quotes, with how often it occurs in the body.
    counts: HashMap<Window, u32>,
}

impl Body {
    /// The body made of `blocks` (in order), counting the windows of `quotes` (numbered by
    /// `vocab`); none when no quote has the four words a check needs.
    pub fn new<'a>(vocab: &Vocab, quotes: &[Vec<u32>], blocks: impl Iterator<Item = &'a str>) -> Option<Body> {
        if quotes.iter().all(|q| q.len() < 4) {
            return None;
        }
        let mut counts: HashMap<Window, u32> =
            HashMap::with_capacity(quotes.iter().map(|q| q.len().saturating_sub(2)).sum());
        counts.extend(quotes.iter().flat_map(|q| windows(q)).map(|w| (w, 0)));
        let mut words: Vec<Vec<u32>> = Vec::new();
        let mut run: Vec<u32> = Vec::new();
        let mut recent = vocab.recent();
        for text in blocks {
            let at = run.len();
            vocab.lookup(text, &mut recent, &mut run);
            words.push(run[at..].to_vec());
        }
        // A filter of the quotes' windows (4,096 bits) turns most of the body's away before
        // they are hashed; its mix needs no key, since a false pass costs only a lookup.
        let slot = |(a, b, c): Window| {
            let x = (u64::from(a) << 42) ^ (u64::from(b) << 21) ^ u64::from(c);
            let h = x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52;
            (h as usize >> 6, 1u64 << (h & 63))
        };
        let mut filter = [0u64; 64];
        for &w in counts.keys() {
            let (i, bit) = slot(w);
            filter[i] |= bit;
        }
        let maybe = |w: &Window| {
            let (i, bit) = slot(*w);
            w.0 != OTHER && w.1 != OTHER && w.2 != OTHER && filter[i] & bit != 0
        };
        for w in windows(&run).filter(maybe) {
            if let Some(c) = counts.get_mut(&w) {
                *c += 1;
            }
        }
        let n = words.len();
        let (mut prev, mut next) = (vec![NONE; n], vec![NONE; n]);
        let mut last = NONE;
        for (k, w) in words.iter().enumerate() {
            if w.is_empty() {
                continue;
            }
            prev[k] = last;
            if last != NONE {
                next[last as usize] = k as u32;
            }
            last = k as u32;
        }
        Some(Body { words, prev, next, counts })
    }

    /// Up to two words of the body on each side of block `k` (which has words and is in it).
    fn around(&self, k: usize) -> (Vec<u32>, Vec<u32>) {
        let mut left = Vec::with_capacity(2);
        let mut p = self.prev[k];
        while p != NONE && left.len() < 2 {
            let w = &self.words[p as usize];
            left.splice(0..0, w[w.len().saturating_sub(2 - left.len())..].iter().copied());
            p = self.prev[p as usize];
        }
        let mut right = Vec::with_capacity(2);
        let mut q = self.next[k];
        while q != NONE && right.len() < 2 {
            let w = &self.words[q as usize];
            right.extend(w.iter().take(2 - right.len()));
            q = self.next[q as usize];
        }
        (left, right)
    }

    /// What leaving block `k` out does to the count of each window, sorted by window: the
    /// windows that touch it go (they all hold one of its words), the windows across the gap it
    /// leaves come.
    fn without(&self, k: usize) -> Vec<(Window, i64)> {
        if self.words[k].is_empty() {
            return Vec::new();
        }
        let (left, right) = self.around(k);
        let with: Vec<u32> = left.iter().chain(&self.words[k]).chain(&right).copied().collect();
        let across: Vec<u32> = left.iter().chain(&right).copied().collect();
        let mut change: Vec<(Window, i64)> =
            windows(&with).map(|w| (w, -1)).chain(windows(&across).map(|w| (w, 1))).collect();
        change.sort_unstable();
        change.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        change
    }

    /// Whether the body, without block `leave_out` if given, repeats `quote`: as
    /// [`classify::is_pull_quote`] decides it.
    pub fn repeats(&self, quote: &[u32], leave_out: Option<usize>) -> bool {
        if quote.len() < 4 {
            return false;
        }
        let change = leave_out.map(|k| self.without(k)).unwrap_or_default();
        let hits = windows(quote)
            .filter(|w| {
                let n = i64::from(self.counts.get(w).copied().unwrap_or(0));
                let d = change.binary_search_by_key(w, |c| c.0).map_or(0, |i| change[i].1);
                n + d > 0
            })
            .count();
        hits * 10 >= (quote.len() - 2) * 6
    }

    /// Takes block `k` out of the body.
    pub fn remove(&mut self, k: usize) {
        if self.words[k].is_empty() {
            return;
        }
        for (w, d) in self.without(k) {
            if let Some(c) = self.counts.get_mut(&w) {
                *c = u32::try_from(i64::from(*c) + d).unwrap_or(0);
            }
        }
        let (p, q) = (self.prev[k], self.next[k]);
        if p != NONE {
            self.next[p as usize] = q;
        }
        if q != NONE {
            self.prev[q as usize] = p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Block, BlockKind};
    use crate::TestRng;

    #[test]
    fn words_are_lowercased_as_the_standard_library_does() {
        // Final sigma, a capital that lowercases into two characters, the Kelvin sign.
        for word in ["ΟΔΟΣ", "ΣΟΦΟΣ", "Баку", "İstanbul", "\u{212A}", "Ελλάδα", "straße", "ÉTÉ"]
        {
            let mut out = String::from("kept ");
            push_lowercase(word, &mut out);
            assert_eq!(out, format!("kept {}", word.to_lowercase()), "{word}");
        }
    }

    /// Blocks of a few words from a small vocabulary, so that windows repeat: some quoted,
    /// some copied from others, some without a word, some of one word, some long.
    fn blocks(rng: &mut TestRng) -> Vec<Block> {
        let vocab = [
            "Oil",
            "gas",
            "deal",
            "the",
            "Baku",
            "signed",
            "will",
            "grow",
            "Ελλάδα",
            "O'Neill's",
            "—",
            "БАКУ",
            "Баку",
            "ΟΔΟΣ",
            "οδος",
            "K",
        ];
        let n = 1 + rng.below(14);
        let mut out: Vec<Block> = Vec::new();
        for _ in 0..n {
            let text = if !out.is_empty() && rng.below(4) == 0 {
                let from = out[rng.below(out.len())].text.trim_matches('"').to_string();
                format!("\"{from}\"")
            } else {
                let len = [0, 1, 3, 4, 6, 9, 30][rng.below(7)];
                let words: Vec<&str> = (0..len).map(|_| vocab[rng.below(vocab.len())]).collect();
                let text = if words.is_empty() { "\u{2014}".to_string() } else { words.join(" ") };
                if rng.below(2) == 0 {
                    format!("\"{text}.\"")
                } else {
                    text
                }
            };
            let kind = if rng.below(8) == 0 { BlockKind::Caption } else { BlockKind::Body };
            out.push(Block::new(kind, text));
        }
        out
    }

    /// The text front end's rule, read naively: each candidate against the body without it,
    /// joined and read again.
    fn text_rule(blocks: &mut [Block]) {
        let candidates: Vec<usize> = (0..blocks.len())
            .filter(|&i| blocks[i].kind == BlockKind::Body && classify::is_quoted(&blocks[i].text))
            .collect();
        for i in candidates {
            let body = blocks
                .iter()
                .enumerate()
                .filter(|(j, b)| *j != i && b.kind == BlockKind::Body)
                .map(|(_, b)| b.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if classify::is_pull_quote(&blocks[i].text, &body) {
                blocks[i].kind = BlockKind::PullQuote;
            }
        }
    }

    /// The HTML front end's rule, read naively (long blocks are the body; a long quote is
    /// checked against the others).
    fn html_rule(blocks: &mut [Block]) {
        let long = |b: &Block| b.kind == BlockKind::Body && b.text.len() > 100;
        let candidates: Vec<usize> = (0..blocks.len())
            .filter(|&i| {
                blocks[i].kind == BlockKind::Body && blocks[i].text.len() < 400 && classify::is_quoted(&blocks[i].text)
            })
            .collect();
        let all = blocks.iter().filter(|b| long(b)).map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
        for i in candidates {
            let found = if !long(&blocks[i]) {
                classify::is_pull_quote(&blocks[i].text, &all)
            } else {
                let others = blocks
                    .iter()
                    .enumerate()
                    .filter(|&(j, b)| j != i && long(b))
                    .map(|(_, b)| b.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                classify::is_pull_quote(&blocks[i].text, &others)
            };
            if found {
                blocks[i].kind = BlockKind::PullQuote;
            }
        }
    }

    fn kinds(blocks: &[Block]) -> Vec<BlockKind> {
        blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn the_counted_body_decides_as_reading_it_again_would() {
        let mut rng = TestRng(0x9e37_79b9_7f4a_7c15);
        let (mut quotes, mut found) = (0, 0);
        for _ in 0..3000 {
            let page = blocks(&mut rng);
            let (mut fast, mut naive) = (page.clone(), page.clone());
            crate::text::mark_pull_quotes(&mut fast);
            text_rule(&mut naive);
            assert_eq!(kinds(&fast), kinds(&naive), "text: {page:?}");
            quotes += page.iter().filter(|b| b.kind == BlockKind::Body && classify::is_quoted(&b.text)).count();
            found += kinds(&fast).iter().filter(|k| **k == BlockKind::PullQuote).count();

            let (mut fast, mut naive) = (page.clone(), page.clone());
            crate::html::pull_quotes(&mut fast);
            html_rule(&mut naive);
            assert_eq!(kinds(&fast), kinds(&naive), "html: {page:?}");
        }
        // The cases hold both answers, often.
        assert!(found > 1000 && quotes - found > 1000, "{found} of {quotes}");
    }

    #[test]
    fn leaving_a_block_out_joins_its_neighbours() {
        let mut vocab = Vocab::default();
        let quote = vocab.add("\"gas deal signed in Baku\"");
        let texts = ["gas deal", "\"gas deal signed in Baku\"", "signed in Baku"];
        let mut body = Body::new(&vocab, std::slice::from_ref(&quote), texts.into_iter()).unwrap();
        // With the quote in, every window is there; without it, "deal signed in" and "gas deal
        // signed" come only from the two neighbours read as one.
        assert!(body.repeats(&quote, None));
        assert!(body.repeats(&quote, Some(1)));
        body.remove(1);
        assert!(body.repeats(&quote, None));
        body.remove(0);
        assert!(!body.repeats(&quote, None));
    }
}
