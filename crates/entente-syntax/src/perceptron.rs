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
/// (class, weight) pairs, stored feature after feature.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub n_classes: usize,
    /// Table slots: (key, feature number + 1); 0 for an empty slot.
    slots: Vec<(u32, u32)>,
    /// Feature `f`'s run is `runs[f]..runs[f + 1]` of `classes`/`values`.
    runs: Vec<u32>,
    classes: Vec<u8>,
    values: Vec<i16>,
    scale: f32,
}

#[inline]
fn short(k: u64) -> u32 {
    (k >> 32) as u32 ^ k as u32
}

impl Weights {
    fn build(n_classes: usize, feats: Vec<(u64, Vec<(u8, f32)>)>) -> Weights {
        let mut mags: Vec<f32> = feats.iter().flat_map(|(_, r)| r.iter().map(|(_, w)| w.abs())).collect();
        mags.sort_by(f32::total_cmp);
        let max = mags.last().copied().unwrap_or(0.0);
        if std::env::var_os("SYNTAX_DEBUG").is_some() {
            let q = |p: f64| mags.get(((mags.len() as f64 - 1.0) * p) as usize).copied().unwrap_or(0.0);
            eprintln!(
                "weights {} max {max} p50 {} p90 {} p99 {} p999 {}",
                mags.len(),
                q(0.5),
                q(0.9),
                q(0.99),
                q(0.999)
            );
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut w = Weights { n_classes, scale, runs: vec![0], ..Default::default() };
        let mut keys = Vec::with_capacity(feats.len());
        for (k, run) in feats {
            let before = w.classes.len();
            for (c, v) in run {
                let q = (v / scale).round() as i16;
                if q != 0 {
                    w.classes.push(c);
                    w.values.push(q);
                }
            }
            if w.classes.len() > before {
                w.runs.push(w.classes.len() as u32);
                keys.push(short(k));
            }
        }
        w.index(&keys);
        w
    }

    /// Builds the table from the features' keys, in order (a pure function of them).
    fn index(&mut self, keys: &[u32]) {
        let cap = (keys.len() * 3 / 2 + 1).next_power_of_two().max(16);
        self.slots = vec![(0, 0); cap];
        let mask = cap - 1;
        for (f, &key) in keys.iter().enumerate() {
            let mut i = (crate::hash::mix(key as u64) as usize) & mask;
            while self.slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (key, f as u32 + 1);
        }
    }

    /// A copy without the weights whose magnitude is below `min_abs` (in the units the
    /// perceptron learnt), nor the features left with none.
    pub fn pruned(&self, min_abs: f32) -> Weights {
        let mut w = Weights { n_classes: self.n_classes, scale: self.scale, runs: vec![0], ..Default::default() };
        let q = (min_abs / self.scale) as i32;
        let mut keys = Vec::new();
        let mut by_feature = vec![0u32; self.runs.len() - 1];
        for &(k, v) in &self.slots {
            if v != 0 {
                by_feature[v as usize - 1] = k;
            }
        }
        for (f, &key) in by_feature.iter().enumerate() {
            let before = w.classes.len();
            for j in self.runs[f] as usize..self.runs[f + 1] as usize {
                if (self.values[j] as i32).abs() >= q.max(1) {
                    w.classes.push(self.classes[j]);
                    w.values.push(self.values[j]);
                }
            }
            if w.classes.len() > before {
                w.runs.push(w.classes.len() as u32);
                keys.push(key);
            }
        }
        w.index(&keys);
        w
    }

    /// Number of (feature, class) weights held.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Sums the weights of `feats` into `scores` (length `n_classes`), after zeroing it.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; 256];
        let n = self.n_classes.min(256).min(scores.len());
        if !self.slots.is_empty() {
            let mask = self.slots.len() - 1;
            for &f in feats {
                let key = short(f);
                let mut i = (crate::hash::mix(key as u64) as usize) & mask;
                loop {
                    let (k, v) = self.slots[i];
                    if v == 0 {
                        break;
                    }
                    if k == key {
                        let f = v as usize - 1;
                        let (a, b) = (self.runs[f] as usize, self.runs[f + 1] as usize);
                        for (c, v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
                            acc[*c as usize] += *v as i32;
                        }
                        break;
                    }
                    i = (i + 1) & mask;
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
        let n = self.runs.len() - 1;
        let mut keys = vec![0u32; n];
        for &(k, v) in &self.slots {
            if v != 0 {
                keys[v as usize - 1] = k;
            }
        }
        w.u32(n as u32);
        for (f, key) in keys.iter().enumerate() {
            w.u32(*key);
            let (a, b) = (self.runs[f] as usize, self.runs[f + 1] as usize);
            w.u8((b - a) as u8);
            for j in a..b {
                w.u8(self.classes[j]);
                w.i16(self.values[j]);
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
        let mut w = Weights { n_classes, scale, runs: vec![0], ..Default::default() };
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(r.u32()?);
            let len = r.u8()? as usize;
            for _ in 0..len {
                let c = r.u8()?;
                if c as usize >= n_classes {
                    return None;
                }
                w.classes.push(c);
                w.values.push(r.i16()?);
            }
            w.runs.push(w.classes.len() as u32);
        }
        w.index(&keys);
        Some(w)
    }
}
