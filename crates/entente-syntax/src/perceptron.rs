//! The averaged perceptron: a sparse trainable form and a frozen, compact form for use.
//!
//! Features are 64-bit keys (see [`crate::hash`]); each holds the weights of the classes it was
//! ever updated for. The frozen form keeps, per feature, one contiguous run of (class, weight)
//! pairs, in an open-addressing table: scoring a state adds a few runs into a class vector.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::bytes::{Reader, Writer};

/// Keys are already hashes: the map's hasher passes them through.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u32,
    w: f32,
    /// Sum over updates of (time of update x change), for averaging.
    u: f64,
}

/// An averaged perceptron being trained.
pub struct Trainer {
    n_classes: usize,
    weights: KeyMap<Vec<Entry>>,
    time: u64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer { n_classes, weights: KeyMap::default(), time: 1 }
    }

    /// Adds the current (not averaged) weights of `feats` into `scores` (length `n_classes`).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(es) = self.weights.get(f) {
                for e in es {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// One example seen: call once per decision, whether or not it updates.
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves weight from the predicted class to the gold class on every feature.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        let t = self.time as f64;
        for &f in feats {
            let es = self.weights.entry(f).or_default();
            for (c, d) in [(gold, 1.0f32), (guess, -1.0f32)] {
                match es.iter_mut().find(|e| e.class as usize == c) {
                    Some(e) => {
                        e.w += d;
                        e.u += t * d as f64;
                    }
                    None => es.push(Entry { class: c as u32, w: d, u: t * d as f64 }),
                }
            }
        }
    }

    /// The averaged weights, in a compact frozen form. Weights whose magnitude is below
    /// `min_abs` are dropped; features left empty are dropped.
    pub fn freeze(&self, min_abs: f32) -> Weights {
        let t = self.time as f64;
        let mut keys: Vec<u64> = self.weights.keys().copied().collect();
        keys.sort_unstable();
        let mut feats = Vec::new();
        for k in keys {
            let mut run: Vec<(u8, f32)> = self.weights[&k]
                .iter()
                .map(|e| (e.class as u8, (e.w as f64 - e.u / t) as f32))
                .filter(|(_, w)| w.abs() >= min_abs)
                .collect();
            if run.is_empty() {
                continue;
            }
            run.sort_by_key(|(c, _)| *c);
            feats.push((k, run));
        }
        Weights::build(self.n_classes, feats)
    }
}

/// Frozen weights: an open-addressing table from a feature's 32-bit key to its run of
/// (class, weight) pairs. A slot holds the key and where its run starts (with the run's length
/// in the low 8 bits); a run is packed `class << 16 | weight` words, so a lookup touches the
/// table once and the run once.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub n_classes: usize,
    /// (key, start << 8 | length); a length of 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    packed: Vec<u32>,
    scale: f32,
}

/// The first slot to look at for a key, in a table of `cap` slots.
#[inline]
fn slot(key: u32, cap: usize) -> usize {
    ((crate::hash::mix(key as u64) as u128 * cap as u128) >> 64) as usize
}

#[inline]
fn short(k: u64) -> u32 {
    (k >> 32) as u32 ^ k as u32
}

#[inline]
fn pack(class: u8, v: i16) -> u32 {
    (class as u32) << 16 | v as u16 as u32
}

#[inline]
fn unpack(p: u32) -> (usize, i32) {
    ((p >> 16) as usize, p as u16 as i16 as i32)
}

impl Weights {
    fn build(n_classes: usize, feats: Vec<(u64, Vec<(u8, f32)>)>) -> Weights {
        let mut mags: Vec<f32> = feats.iter().flat_map(|(_, r)| r.iter().map(|(_, w)| w.abs())).collect();
        mags.sort_by(f32::total_cmp);
        let max = mags.last().copied().unwrap_or(0.0);
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let runs = feats
            .into_iter()
            .map(|(k, run)| {
                let q: Vec<(u8, i16)> = run.into_iter().map(|(c, v)| (c, (v / scale).round() as i16)).collect();
                (short(k), q)
            })
            .collect();
        Weights::from_runs(n_classes, scale, runs)
    }

    /// Builds the table from features in order, each with its run; zero weights and empty
    /// features are left out. The table holds 2 slots for every feature: half full, a probe for a
    /// feature it lacks (most of those a state asks for) stops at an empty slot after about 2.5.
    fn from_runs(n_classes: usize, scale: f32, runs: Vec<(u32, Vec<(u8, i16)>)>) -> Weights {
        let mut w = Weights { n_classes, scale, ..Default::default() };
        let mut index = Vec::with_capacity(runs.len());
        for (key, run) in runs {
            let start = w.packed.len();
            w.packed.extend(run.iter().filter(|(_, v)| *v != 0).take(255).map(|&(c, v)| pack(c, v)));
            let len = w.packed.len() - start;
            if len > 0 && start < (1 << 24) {
                index.push((key, (start as u32) << 8 | len as u32));
            }
        }
        w.set_index(&index);
        w
    }

    /// Fills the table from (key, start << 8 | length) pairs.
    fn set_index(&mut self, index: &[(u32, u32)]) {
        let cap = (index.len() * 2 + 16).max(16);
        self.slots = vec![(0, 0); cap];
        for &(key, at) in index {
            let mut i = slot(key, cap);
            while self.slots[i].1 != 0 {
                i = if i + 1 == cap { 0 } else { i + 1 };
            }
            self.slots[i] = (key, at);
        }
    }

    /// The features in the order they were built, with their runs.
    fn runs(&self) -> Vec<(u32, Vec<(u8, i16)>)> {
        let mut used: Vec<(u32, u32)> = self.slots.iter().copied().filter(|s| s.1 != 0).collect();
        used.sort_by_key(|s| s.1);
        used.into_iter()
            .map(|(key, at)| {
                let (start, len) = ((at >> 8) as usize, (at & 0xff) as usize);
                let run = self.packed[start..start + len]
                    .iter()
                    .map(|&p| {
                        let (c, v) = unpack(p);
                        (c as u8, v as i16)
                    })
                    .collect();
                (key, run)
            })
            .collect()
    }

    /// A copy without the weights whose magnitude is below `min_abs` (in the units the
    /// perceptron learnt), nor the features left with none.
    pub fn pruned(&self, min_abs: f32) -> Weights {
        let q = ((min_abs / self.scale) as i32).max(1);
        let runs = self
            .runs()
            .into_iter()
            .map(|(k, run)| (k, run.into_iter().filter(|(_, v)| (*v as i32).abs() >= q).collect()))
            .collect();
        Weights::from_runs(self.n_classes, self.scale, runs)
    }

    /// Number of (feature, class) weights held.
    pub fn len(&self) -> usize {
        self.packed.len()
    }

    /// Sums the weights of `feats` into `scores` (length `n_classes`), after zeroing it. The
    /// table is read for every feature first, then the runs: the loads of each pass do not
    /// wait on one another.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; 256];
        let n = self.n_classes.min(256).min(scores.len());
        let cap = self.slots.len();
        if cap > 0 {
            let mut first = [0usize; 128];
            let mut found = [0u32; 128];
            for chunk in feats.chunks(128) {
                // Touch every first slot, then every run, with loads that no branch waits on,
                // so that their cache misses overlap.
                let mut sink = 0u32;
                for (f, i) in chunk.iter().zip(first.iter_mut()) {
                    *i = slot(short(*f), cap);
                    sink ^= self.slots[*i].0;
                }
                let mut nf = 0;
                for (&f, &i0) in chunk.iter().zip(&first) {
                    let key = short(f);
                    let mut i = i0;
                    loop {
                        let (k, at) = self.slots[i];
                        if at == 0 {
                            break;
                        }
                        if k == key {
                            found[nf] = at;
                            nf += 1;
                            break;
                        }
                        i = if i + 1 == cap { 0 } else { i + 1 };
                    }
                }
                for &at in &found[..nf] {
                    sink ^= self.packed[(at >> 8) as usize];
                }
                std::hint::black_box(sink);
                for &at in &found[..nf] {
                    let (start, len) = ((at >> 8) as usize, (at & 0xff) as usize);
                    for &p in &self.packed[start..start + len] {
                        let (c, v) = unpack(p);
                        acc[c & 0xff] += v;
                    }
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(&acc[..n]) {
            *s = *a as f32 * self.scale;
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        let runs = self.runs();
        w.u32(runs.len() as u32);
        for (key, run) in runs {
            w.u32(key);
            w.u8(run.len() as u8);
            for (c, v) in run {
                w.u8(c);
                w.i16(v);
            }
        }
    }

    pub fn read(r: &mut Reader) -> Option<Weights> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        if n > (1 << 26) || n_classes > 256 {
            return None;
        }
        // Straight into the packed runs, without a vector per feature.
        let mut w = Weights { n_classes, scale, ..Default::default() };
        let mut index = Vec::with_capacity(n);
        for _ in 0..n {
            let key = r.u32()?;
            let len = r.u8()? as usize;
            let start = w.packed.len();
            for _ in 0..len {
                let c = r.u8()?;
                if c as usize >= n_classes {
                    return None;
                }
                let v = r.i16()?;
                if v != 0 {
                    w.packed.push(pack(c, v));
                }
            }
            let len = w.packed.len() - start;
            if len > 0 && start < (1 << 24) {
                index.push((key, (start as u32) << 8 | len as u32));
            }
        }
        w.packed.shrink_to_fit();
        w.set_index(&index);
        Some(w)
    }
}
