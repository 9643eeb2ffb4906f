//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over joint
//! (UPOS, XPOS) classes, with a dictionary of frequent unambiguous words.

use crate::bytes::{Reader, Writer};
use crate::hash::{feat, str_hash, Rng};
use crate::perceptron::{KeyMap, Trainer, Weights};

/// Per-word hashes computed once per sentence.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordKeys {
    pub form: u64,
    pub lower: u64,
    pub suf: [u64; 4],
    pub pre: [u64; 3],
    pub shape: u64,
}

/// The word as features see it: lower case, digits folded; an all-caps sentence is read in
/// lower case (its shape then says nothing of case).
pub(crate) fn word_keys(words: &[&str]) -> Vec<WordKeys> {
    let caps = all_caps(words);
    words
        .iter()
        .map(|w| {
            let lower: String =
                w.chars().flat_map(|c| c.to_lowercase()).map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
            // Byte offsets of the first four characters' ends and the last four's starts.
            let n = lower.chars().count();
            let mut ends = [0usize; 4];
            for (j, (i, c)) in lower.char_indices().take(4).enumerate() {
                ends[j] = i + c.len_utf8();
            }
            let mut starts = [0usize; 4];
            for (j, (i, _)) in lower.char_indices().rev().take(4).enumerate() {
                starts[j] = i;
            }
            let tail = |k: usize| -> u64 {
                if n >= k {
                    str_hash(&lower[starts[k - 1]..]) ^ (k as u64)
                } else {
                    0
                }
            };
            let head = |k: usize| -> u64 {
                if n >= k {
                    str_hash(&lower[..ends[k - 1]]) ^ (k as u64)
                } else {
                    0
                }
            };
            let shape_src: &str = if caps { &lower } else { w };
            WordKeys {
                form: if caps { str_hash(&lower) } else { str_hash(w) },
                lower: str_hash(&lower),
                suf: [tail(1), tail(2), tail(3), tail(4)],
                pre: [head(1), head(2), head(3)],
                shape: str_hash(&shape(shape_src)),
            }
        })
        .collect()
}

/// Whether a sentence is written in capitals (a headline): most of its letters-bearing words,
/// and at least three of them, are all upper case.
pub(crate) fn all_caps(words: &[&str]) -> bool {
    let lettered: Vec<&&str> = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).collect();
    let upper = lettered.iter().filter(|w| !w.chars().any(|c| c.is_lowercase())).count();
    lettered.len() >= 3 && upper * 10 >= lettered.len() * 8
}

/// A word's shape: letters as X/x, digits as d, runs longer than two shortened.
pub(crate) fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
        }
        if run <= 2 {
            out.push(s);
        }
        if out.len() > 12 {
            break;
        }
    }
    out
}

const START: u64 = 0xffff;
const START2: u64 = 0xfffe;

fn features(k: &[WordKeys], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let none = WordKeys { form: 1, lower: 1, suf: [1; 4], pre: [1; 3], shape: 1 };
    let at = |j: isize| -> WordKeys {
        if j < 0 || j as usize >= k.len() {
            none
        } else {
            k[j as usize]
        }
    };
    let i = i as isize;
    let w = at(i);
    let (m1, m2, n1, n2) = (at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    out.push(feat(0, &[]));
    out.push(feat(1, &[w.lower]));
    out.push(feat(2, &[w.form]));
    for (t, s) in w.suf.iter().enumerate() {
        out.push(feat(3 + t as u64, &[*s]));
    }
    for (t, s) in w.pre.iter().enumerate() {
        out.push(feat(7 + t as u64, &[*s]));
    }
    out.push(feat(10, &[w.shape]));
    out.push(feat(11, &[p1]));
    out.push(feat(12, &[p2]));
    out.push(feat(13, &[p1, p2]));
    out.push(feat(14, &[p1, w.lower]));
    out.push(feat(15, &[m1.lower]));
    out.push(feat(16, &[m1.suf[2]]));
    out.push(feat(17, &[m2.lower]));
    out.push(feat(18, &[n1.lower]));
    out.push(feat(19, &[n1.suf[2]]));
    out.push(feat(20, &[n2.lower]));
    out.push(feat(21, &[m1.lower, w.lower]));
    out.push(feat(22, &[w.lower, n1.lower]));
    out.push(feat(23, &[n1.shape]));
    out.push(feat(24, &[m1.shape, w.shape]));
    out.push(feat(25, &[(i == 0) as u64, w.shape]));
    out.push(feat(26, &[p1, w.suf[2]]));
    out.push(feat(27, &[w.suf[1], n1.suf[1]]));
    out.push(feat(28, &[p1, p2, w.lower]));
    out.push(feat(29, &[m1.lower, n1.lower]));
    out.push(feat(30, &[w.lower, n1.suf[2]]));
}

/// The trained tagger.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagger {
    /// Joint classes, "UPOS\tXPOS".
    pub classes: Vec<String>,
    /// Frequent unambiguous words (exact form hash) and their class.
    dict: KeyMap<u16>,
    weights: Weights,
}

impl Tagger {
    /// Tags a sentence: one class index per word.
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        self.tag_keys(words, &word_keys(words))
    }

    /// Tags a sentence whose [`word_keys`] are computed already.
    pub(crate) fn tag_keys(&self, words: &[&str], keys: &[WordKeys]) -> Vec<usize> {
        let mut tags = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0.0f32; self.classes.len()];
        let caps = all_caps(words);
        for i in 0..words.len() {
            let p1 = if i >= 1 { tags[i - 1] as u64 } else { START };
            let p2 = if i >= 2 { tags[i - 2] as u64 } else { START2 };
            if !caps {
                if let Some(&c) = self.dict.get(&keys[i].form) {
                    tags.push(c as usize);
                    continue;
                }
            }
            features(keys, i, p1, p2, &mut feats);
            self.weights.score(&feats, &mut scores);
            tags.push(argmax(&scores));
        }
        tags
    }

    /// Trains on sentences of (word, class) pairs.
    pub fn train(classes: Vec<String>, data: &[(Vec<&str>, Vec<usize>)], epochs: usize, seed: u64) -> Tagger {
        // The dictionary: words seen at least 20 times, with one class at least 97% of the time.
        let mut counts: KeyMap<KeyMap<u32>> = KeyMap::default();
        for (words, tags) in data {
            for (w, &t) in words.iter().zip(tags) {
                *counts.entry(str_hash(w)).or_default().entry(t as u64).or_default() += 1;
            }
        }
        let mut dict = KeyMap::default();
        for (w, cs) in &counts {
            let total: u32 = cs.values().sum();
            let mut best: Vec<(&u64, &u32)> = cs.iter().collect();
            best.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            if total >= 20 && (*best[0].1 as f64) / (total as f64) >= 0.97 {
                dict.insert(*w, *best[0].0 as u16);
            }
        }
        let mut t = Trainer::new(classes.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0.0f32; classes.len()];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let (words, gold) = &data[s];
                let keys = word_keys(words);
                let mut tags: Vec<usize> = Vec::with_capacity(words.len());
                for i in 0..words.len() {
                    let p1 = if i >= 1 { tags[i - 1] as u64 } else { START };
                    let p2 = if i >= 2 { tags[i - 2] as u64 } else { START2 };
                    if let Some(&c) = dict.get(&keys[i].form) {
                        tags.push(c as usize);
                        continue;
                    }
                    features(&keys, i, p1, p2, &mut feats);
                    t.score(&feats, &mut scores);
                    let guess = argmax(&scores);
                    t.update(&feats, gold[i], guess);
                    t.tick();
                    tags.push(guess);
                }
            }
        }
        Tagger { classes, dict, weights: t.freeze(0.0) }
    }

    /// Drops tagger weights below `min_abs`.
    pub fn prune(&mut self, min_abs: f32) {
        self.weights = self.weights.pruned(min_abs);
    }

    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.classes);
        let mut d: Vec<(&u64, &u16)> = self.dict.iter().collect();
        d.sort();
        w.u32(d.len() as u32);
        for (k, c) in d {
            w.u64(*k);
            w.u32(*c as u32);
        }
        self.weights.write(w);
    }

    /// Reads a tagger; its weights from `laid` if they stand for the bytes where they are.
    pub fn read(r: &mut Reader, laid: Option<crate::layout::Laid>) -> Option<Tagger> {
        let classes = r.strs()?;
        let n = r.u32()? as usize;
        let mut dict = KeyMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            let c = r.u32()? as usize;
            if c >= classes.len() {
                return None;
            }
            dict.insert(k, c as u16);
        }
        let weights = crate::layout::weights(r, laid)?;
        if weights.n_classes != classes.len() {
            return None;
        }
        Some(Tagger { classes, dict, weights })
    }
}

/// The index of the highest score (the first of equals).
pub(crate) fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}
