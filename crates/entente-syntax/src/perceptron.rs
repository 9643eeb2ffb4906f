//! The averaged perceptron: a sparse trainable form and a frozen, compact form for use.
//!
//! Features are 64-bit keys (see [`crate::hash`]); each holds the weights of the classes it was
//! ever updated for. The frozen form keeps, per feature, one contiguous run of (class, weight)
//! pairs, in an open-addressing table: scoring a state adds a few runs into a class vector.

use std::borrow::Cow;
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

/// Frozen weights: an open-addressing table from a feature's 32-bit key to its weights.
///
/// A slot holds the key and where the feature's weights are. A feature with weights for fewer
/// than [`DENSE_MIN`] classes keeps a run of packed `class << 16 | weight` words, added one
/// class at a time; one with more keeps a dense row of `width` weights (its zeros included),
/// added with vector instructions. Most lookups find their feature (on EWT dev, 83% of the
/// tagger's and parser's together), and two in three of those they find are dense: the
/// frequent features (tags, tag pairs, frequent words) have weights for many classes (46 on
/// average, where a sparse one found has 6.5).
///
/// The file holds the runs alone, in the order the features were built; the rows are made
/// when it is read, so the file's format is that of the runs alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weights {
    pub n_classes: usize,
    /// `n_classes` rounded up to a multiple of 16: the length of a dense row.
    width: usize,
    /// [key, where]: `where` is `index << 9 | dense << 8 | length`, where `index` is the start
    /// of the run in `packed` or the number of the row in `dense`; a length of 0 marks an
    /// empty slot.
    ///
    /// The five tables are made when a file is read, or borrowed from the layout made at build
    /// time (see [`Weights::lay_out`] and [`Weights::laid_out`]).
    slots: Cow<'static, [[u32; 2]]>,
    packed: Cow<'static, [u32]>,
    dense: Cow<'static, [i16]>,
    /// For each dense row, the length `packed` had when the row was added: with the runs'
    /// starts, the order the features were built in.
    dense_at: Cow<'static, [u32]>,
    /// For each dense row, the largest magnitude of its weights: rows are summed in 16-bit
    /// lanes while these add up to no more than an `i16` holds, so the sums are exact.
    dense_max: Cow<'static, [u16]>,
    /// (feature, class) weights held.
    n_weights: usize,
    scale: f32,
}

/// A feature with weights for this many classes or more keeps them in a dense row.
pub const DENSE_MIN: usize = 16;
const DENSE: u32 = 1 << 8;
/// The largest index a slot can hold.
const MAX_INDEX: usize = 1 << 23;

/// The slot to look at first for a key whose hash is `h`, in a table of `cap` slots.
#[inline]
fn slot(h: u64, cap: usize) -> usize {
    ((h as u128 * cap as u128) >> 64) as usize
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

/// The dense rows and packed weights that `n` features in the file's form take, read from
/// `bytes` (exact for a file without weights of zero, which training never writes; otherwise
/// the vectors grow as they need).
fn room(bytes: &[u8], n: usize) -> (usize, usize) {
    let (mut rows, mut packed, mut at) = (0, 0, 0);
    for _ in 0..n {
        let Some(&len) = bytes.get(at + 4) else { break };
        let len = len as usize;
        if len >= DENSE_MIN {
            rows += 1;
        } else {
            packed += len;
        }
        at += 5 + 3 * len;
    }
    (rows, packed)
}

/// Adds a dense row into 16-bit sums, sixteen lanes at a time.
#[inline]
fn add_row(wide: &mut [i16], row: &[i16]) {
    for (a, r) in wide.chunks_exact_mut(16).zip(row.chunks_exact(16)) {
        let (Ok(a), Ok(r)) = (<&mut [i16; 16]>::try_from(a), <&[i16; 16]>::try_from(r)) else { continue };
        let mut x = *a;
        for (x, r) in x.iter_mut().zip(r) {
            *x = x.wrapping_add(*r);
        }
        *a = x;
    }
}

/// Adds 16-bit sums into 32-bit ones and zeroes them.
#[inline]
fn widen_into(wide: &mut [i16], acc: &mut [i32]) {
    for (a, w) in acc.chunks_exact_mut(16).zip(wide.chunks_exact_mut(16)) {
        let (Ok(a), Ok(w)) = (<&mut [i32; 16]>::try_from(a), <&mut [i16; 16]>::try_from(w)) else { continue };
        let mut x = *a;
        for (x, w) in x.iter_mut().zip(w.iter()) {
            *x += i32::from(*w);
        }
        *a = x;
        *w = [0; 16];
    }
}

/// Tables of a layout start at a multiple of this many bytes (a cache line).
pub const ALIGN: usize = 64;

/// Zero bytes up to the next multiple of [`ALIGN`].
fn pad(out: &mut Vec<u8>) {
    out.resize(out.len().next_multiple_of(ALIGN), 0);
}

/// Numbers of which every bit pattern is a value, and arrays of them: what a table of a
/// layout holds.
trait Plain: Copy {}
impl Plain for u16 {}
impl Plain for i16 {}
impl Plain for u32 {}
impl Plain for [u32; 2] {}

/// The `n` values of type `T` at the first multiple of [`ALIGN`] from `*at` in `bytes`,
/// borrowed in place; moves `*at` past them. `None` if they are not all there, if they are not
/// aligned for `T`, or on a big-endian machine (a layout is little-endian).
fn view<T: Plain>(bytes: &'static [u8], at: &mut usize, n: usize) -> Option<&'static [T]> {
    let start = at.checked_next_multiple_of(ALIGN)?;
    let end = start.checked_add(n.checked_mul(std::mem::size_of::<T>())?)?;
    let b = bytes.get(start..end)?;
    if cfg!(target_endian = "big") || !(b.as_ptr() as usize).is_multiple_of(std::mem::align_of::<T>()) {
        return None;
    }
    *at = end;
    // SAFETY: `b` holds exactly `n * size_of::<T>()` initialised bytes, lives for 'static and
    // is never written (a shared borrow), its start is aligned for `T` (checked above), and
    // `T` is `Plain`: any bytes are a valid `T`, in the machine's order, which is the
    // layout's (little-endian, checked above).
    Some(unsafe { std::slice::from_raw_parts(b.as_ptr().cast::<T>(), n) })
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

    fn empty(n_classes: usize, scale: f32) -> Weights {
        Weights { n_classes, width: n_classes.div_ceil(16) * 16, scale, ..Default::default() }
    }

    /// Builds the table from features in order, each with its run (classes in order).
    fn from_runs(n_classes: usize, scale: f32, runs: Vec<(u32, Vec<(u8, i16)>)>) -> Weights {
        let mut w = Weights::empty(n_classes, scale);
        let mut index = Vec::with_capacity(runs.len());
        for (key, run) in runs {
            w.add(key, run.iter().copied(), &mut index);
        }
        w.set_index(&index);
        w
    }

    /// Adds a feature's run, its zero weights (and classes out of range) left out, and notes
    /// its slot's (key, where) in `index`; a feature left with no weight is not added.
    fn add(&mut self, key: u32, run: impl Iterator<Item = (u8, i16)> + Clone, index: &mut Vec<(u32, u32)>) {
        let n_classes = self.n_classes;
        let kept = || run.clone().filter(|&(c, v)| v != 0 && (c as usize) < n_classes).take(255);
        let len = kept().count();
        if len == 0 {
            return;
        }
        if len >= DENSE_MIN {
            let row = self.dense_at.len();
            if row >= MAX_INDEX {
                return;
            }
            let base = self.dense.len();
            let dense = self.dense.to_mut();
            dense.resize(base + self.width, 0);
            for (c, v) in kept() {
                dense[base + c as usize] = v;
            }
            self.dense_at.to_mut().push(self.packed.len() as u32);
            self.dense_max.to_mut().push(kept().map(|(_, v)| v.unsigned_abs()).max().unwrap_or(0));
            index.push((key, (row as u32) << 9 | DENSE | len as u32));
        } else {
            let start = self.packed.len();
            if start >= MAX_INDEX {
                return;
            }
            self.packed.to_mut().extend(kept().map(|(c, v)| pack(c, v)));
            index.push((key, (start as u32) << 9 | len as u32));
        }
        self.n_weights += len;
    }

    /// Fills the table from (key, where) pairs. The table holds 2 slots for every feature:
    /// half full, a probe for a feature it lacks stops at an empty slot after about 2.5.
    fn set_index(&mut self, index: &[(u32, u32)]) {
        let cap = (index.len() * 2 + 16).max(16);
        let mut slots = vec![[0, 0]; cap];
        for &(key, at) in index {
            let mut i = slot(crate::hash::mix(key as u64), cap);
            while slots[i][1] != 0 {
                i = if i + 1 == cap { 0 } else { i + 1 };
            }
            slots[i] = [key, at];
        }
        self.slots = Cow::Owned(slots);
    }

    /// The run of the feature whose slot says `at`, classes in order.
    fn run_at(&self, at: u32) -> Vec<(u8, i16)> {
        let (i, len) = ((at >> 9) as usize, (at & 0xff) as usize);
        if at & DENSE != 0 {
            let row = &self.dense[i * self.width..][..self.n_classes];
            row.iter().enumerate().filter(|(_, v)| **v != 0).map(|(c, &v)| (c as u8, v)).collect()
        } else {
            self.packed[i..i + len]
                .iter()
                .map(|&p| {
                    let (c, v) = unpack(p);
                    (c as u8, v as i16)
                })
                .collect()
        }
    }

    /// The features in the order they were built, with their runs: a run by its start in
    /// `packed`; a row by the length `packed` had when it was added (before the run that
    /// starts there), rows among themselves by their number.
    fn runs(&self) -> Vec<(u32, Vec<(u8, i16)>)> {
        let mut used: Vec<(u32, u32)> = self.slots.iter().filter(|s| s[1] != 0).map(|s| (s[0], s[1])).collect();
        used.sort_by_key(|&(_, at)| {
            let i = at >> 9;
            if at & DENSE != 0 {
                (self.dense_at[i as usize], false, i)
            } else {
                (i, true, 0)
            }
        });
        used.into_iter().map(|(key, at)| (key, self.run_at(at))).collect()
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
        self.n_weights
    }

    /// Sums the weights of `feats` into `scores` (length `n_classes`), after zeroing it.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; 256];
        self.add_to(feats, &mut acc);
        self.scale_into(&acc, scores);
    }

    /// The length of a dense row: `n_classes` rounded up to a multiple of 16. Sums kept for
    /// [`Weights::add_to`] need this many classes.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The scores of summed weights: `acc` (integer sums, as [`Weights::add_to`] leaves them)
    /// times the scale, in `scores` (length `n_classes`).
    #[inline]
    pub fn scale_into(&self, acc: &[i32], scores: &mut [f32]) {
        let n = self.n_classes.min(acc.len()).min(scores.len());
        for (s, a) in scores.iter_mut().zip(&acc[..n]) {
            *s = *a as f32 * self.scale;
        }
    }

    /// Adds the integer weights of `feats` to `acc` (at least [`Weights::width`] long): sums
    /// of integers, so the order features are added in does not change them. Each pass reads
    /// one thing for every feature (the first slots, the probes, the weights) with loads that
    /// do not wait on one another, so that their cache misses overlap.
    #[inline]
    pub fn add_to(&self, feats: &[u64], acc: &mut [i32]) {
        let width = self.width;
        let n = width.min(acc.len());
        let acc = &mut acc[..n];
        // Dense rows are summed in `wide` (16-bit lanes: eight classes an instruction where
        // 32-bit lanes add four) while the magnitudes of its rows add up to what an i16 holds,
        // then added into `acc`.
        let mut wide = [0i16; 256];
        let wide = &mut wide[..acc.len()];
        let mut room = 0u32;
        let (slots, packed, dense, dense_max) =
            (&self.slots[..], &self.packed[..], &self.dense[..], &self.dense_max[..]);
        let cap = slots.len();
        if cap > 0 {
            let mut keys = [0u32; 64];
            let mut first = [0usize; 64];
            let mut found = [0u32; 64];
            for chunk in feats.chunks(64) {
                // The first slot of every feature, then a load of each (the loads alone in
                // their loop, so that many are in flight at once).
                let nk = chunk.len();
                for ((&f, key), i) in chunk.iter().zip(&mut keys).zip(&mut first) {
                    *key = short(f);
                    *i = slot(crate::hash::mix(*key as u64), cap);
                }
                let mut sink = 0u32;
                for &i in &first[..nk] {
                    sink ^= slots[i][0];
                }
                let mut nf = 0;
                for (&key, &i0) in keys[..nk].iter().zip(&first) {
                    let mut i = i0;
                    loop {
                        let [k, at] = slots[i];
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
                    let i = (at >> 9) as usize;
                    sink ^= if at & DENSE != 0 { dense[i * width] as u32 } else { packed[i] };
                }
                std::hint::black_box(sink);
                for &at in &found[..nf] {
                    let (i, len) = ((at >> 9) as usize, (at & 0xff) as usize);
                    if at & DENSE != 0 {
                        let max = u32::from(dense_max[i]);
                        if room + max > i16::MAX as u32 && room > 0 {
                            widen_into(wide, acc);
                            room = 0;
                        }
                        room += max;
                        let row = &dense[i * width..(i + 1) * width];
                        add_row(wide, row);
                    } else {
                        for &p in &packed[i..i + len] {
                            let (c, v) = unpack(p);
                            if let Some(a) = acc.get_mut(c) {
                                *a += v;
                            }
                        }
                    }
                }
            }
            if room > 0 {
                widen_into(wide, acc);
            }
        }
    }

    /// Appends the tables as they are in memory (little-endian) to `out`, which is to be read
    /// back by [`Weights::laid_out`] from the same place: a header of nine `u32` (classes,
    /// row width, scale, weights held, the lengths of the five tables), then the tables, each
    /// starting at a multiple of [`ALIGN`] bytes from the start of `out`.
    pub fn lay_out(&self, out: &mut Vec<u8>) {
        pad(out);
        let head = [
            self.n_classes as u32,
            self.width as u32,
            self.scale.to_bits(),
            self.n_weights as u32,
            self.slots.len() as u32,
            self.packed.len() as u32,
            self.dense.len() as u32,
            self.dense_at.len() as u32,
            self.dense_max.len() as u32,
        ];
        out.extend(head.iter().flat_map(|v| v.to_le_bytes()));
        pad(out);
        out.extend(self.slots.iter().flatten().flat_map(|v| v.to_le_bytes()));
        pad(out);
        out.extend(self.packed.iter().flat_map(|v| v.to_le_bytes()));
        pad(out);
        out.extend(self.dense.iter().flat_map(|v| v.to_le_bytes()));
        pad(out);
        out.extend(self.dense_at.iter().flat_map(|v| v.to_le_bytes()));
        pad(out);
        out.extend(self.dense_max.iter().flat_map(|v| v.to_le_bytes()));
    }

    /// The weights that [`Weights::lay_out`] wrote at `*at` of `bytes` (whose start is aligned
    /// to [`ALIGN`] bytes), their tables borrowed in place: nothing decoded, nothing copied.
    /// Moves `*at` past them. `None` if they are not there whole, if a table is not aligned
    /// or on a big-endian machine.
    pub fn laid_out(bytes: &'static [u8], at: &mut usize) -> Option<Weights> {
        *at = at.checked_next_multiple_of(ALIGN)?;
        let mut head = [0u32; 9];
        for (i, v) in head.iter_mut().enumerate() {
            let b = bytes.get(*at + 4 * i..*at + 4 * i + 4)?;
            *v = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
        *at += 36;
        let [n_classes, width, scale, n_weights, n_slots, n_packed, n_dense, n_rows, n_max] = head.map(|v| v as usize);
        if n_classes > 256 || width != n_classes.div_ceil(16) * 16 || n_dense != n_rows * width || n_max != n_rows {
            return None;
        }
        let slots = view::<[u32; 2]>(bytes, at, n_slots)?;
        let packed = view::<u32>(bytes, at, n_packed)?;
        let dense = view::<i16>(bytes, at, n_dense)?;
        let dense_at = view::<u32>(bytes, at, n_rows)?;
        let dense_max = view::<u16>(bytes, at, n_max)?;
        Some(Weights {
            n_classes,
            width,
            slots: Cow::Borrowed(slots),
            packed: Cow::Borrowed(packed),
            dense: Cow::Borrowed(dense),
            dense_at: Cow::Borrowed(dense_at),
            dense_max: Cow::Borrowed(dense_max),
            n_weights,
            scale: f32::from_bits(scale as u32),
        })
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
        let mut w = Weights::empty(n_classes, scale);
        // The room the rows and runs take, counted first, so that they are made at their size
        // (grown a doubling at a time, each growth copied megabytes into fresh memory, which
        // the kernel clears first).
        let (rows, packed) = room(r.rest(), n);
        w.dense.to_mut().reserve_exact(rows * w.width);
        w.dense_at.to_mut().reserve_exact(rows);
        w.dense_max.to_mut().reserve_exact(rows);
        w.packed.to_mut().reserve_exact(packed);
        let mut index = Vec::with_capacity(n);
        // Each feature: its key, the length of its run, and the run's (class, weight) triples,
        // read from the bytes in place.
        let bytes = r.rest();
        let mut at = 0;
        let mut buf = Vec::with_capacity(256);
        for _ in 0..n {
            let head = bytes.get(at..at + 5)?;
            let key = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
            let run = bytes.get(at + 5..at + 5 + 3 * head[4] as usize)?;
            at += 5 + run.len();
            buf.clear();
            buf.extend(run.chunks_exact(3).map(|t| (t[0], i16::from_le_bytes([t[1], t[2]]))));
            if buf.iter().any(|&(c, _)| c as usize >= n_classes) {
                return None;
            }
            w.add(key, buf.iter().copied(), &mut index);
        }
        r.take(at)?;
        w.packed.to_mut().shrink_to_fit();
        w.dense.to_mut().shrink_to_fit();
        w.set_index(&index);
        Some(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Features with runs of every length, sparse and dense, in a made-up order of keys.
    fn sample(n_classes: usize) -> Vec<(u32, Vec<(u8, i16)>)> {
        (0..400u32)
            .map(|f| {
                let len = (f as usize * 7) % (n_classes + 1);
                let run = (0..len)
                    .map(|j| {
                        let c = (j * n_classes / len.max(1) + f as usize % 3).min(n_classes - 1);
                        (c as u8, (f as i16 % 50 - 25) * 3 + j as i16 + 1)
                    })
                    .collect::<Vec<_>>();
                let mut run: Vec<(u8, i16)> = run.into_iter().filter(|(_, v)| *v != 0).collect();
                run.dedup_by_key(|(c, _)| *c);
                (crate::hash::mix(f as u64 * 31 + 5) as u32, run)
            })
            .collect()
    }

    #[test]
    fn dense_and_sparse_runs_score_and_write_as_the_runs_say() {
        let n_classes = 40;
        let runs = sample(n_classes);
        assert!(
            runs.iter().any(|(_, r)| r.len() >= DENSE_MIN)
                && runs.iter().any(|(_, r)| (1..DENSE_MIN).contains(&r.len()))
        );
        let w = Weights::from_runs(n_classes, 0.5, runs.clone());
        // The runs come back in the order they were given: the file keeps that order.
        let kept: Vec<_> = runs.iter().filter(|(_, r)| !r.is_empty()).cloned().collect();
        assert_eq!(w.runs(), kept);
        assert_eq!(w.len(), kept.iter().map(|(_, r)| r.len()).sum::<usize>());
        // What it writes, it reads, and writes again the same.
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf)).expect("reads back");
        let mut again = Writer::default();
        back.write(&mut again);
        assert_eq!(out.buf, again.buf);
        // Scores: the sum of the weights of the features present, whatever their number
        // (more than one chunk of lookups) and with keys the table lacks among them.
        let mut feats: Vec<u64> = Vec::new();
        for (i, (k, _)) in kept.iter().enumerate().step_by(3) {
            feats.push(*k as u64);
            feats.push(((i as u64) << 40) | 0xdead_0000 | i as u64);
        }
        let mut want = vec![0i32; n_classes];
        for (k, run) in &kept {
            let times = feats.iter().filter(|&&f| short(f) == *k).count() as i32;
            for &(c, v) in run {
                want[c as usize] += times * v as i32;
            }
        }
        let mut scores = vec![0.0f32; n_classes];
        back.score(&feats, &mut scores);
        let want: Vec<f32> = want.iter().map(|&v| v as f32 * 0.5).collect();
        assert!(feats.len() > 64);
        assert_eq!(scores, want);
    }

    /// `bytes` copied to a start aligned to [`ALIGN`] bytes, plus `shift`, for ever.
    fn leaked(bytes: &[u8], shift: usize) -> &'static [u8] {
        let mut buf = vec![0u8; bytes.len() + 2 * ALIGN];
        let start = buf.as_ptr().align_offset(ALIGN) + shift;
        buf[start..start + bytes.len()].copy_from_slice(bytes);
        let buf: &'static [u8] = Vec::leak(buf);
        &buf[start..start + bytes.len()]
    }

    #[test]
    fn laid_out_weights_are_the_weights_they_were_laid_out_from() {
        let n_classes = 40;
        let w = Weights::from_runs(n_classes, 0.25, sample(n_classes));
        // Laid out after other bytes, as a model's layout holds them after its header.
        let mut out = b"something first".to_vec();
        w.lay_out(&mut out);
        let end = out.len();
        let bytes = leaked(&out, 0);
        let mut at = 15;
        let back = Weights::laid_out(bytes, &mut at).expect("reads in place");
        assert_eq!(at, end);
        assert!(matches!(back.slots, Cow::Borrowed(_)) && matches!(back.dense, Cow::Borrowed(_)));
        assert_eq!(back, w);
        // The same scores, and the same file when written.
        let feats: Vec<u64> = w.runs().iter().map(|(k, _)| *k as u64).chain([7, 1 << 40]).collect();
        let (mut a, mut b) = (vec![0.0f32; n_classes], vec![0.0f32; n_classes]);
        w.score(&feats, &mut a);
        back.score(&feats, &mut b);
        assert_eq!(a, b);
        let (mut fa, mut fb) = (Writer::default(), Writer::default());
        w.write(&mut fa);
        back.write(&mut fb);
        assert_eq!(fa.buf, fb.buf);
    }

    #[test]
    fn a_layout_cut_short_or_out_of_line_does_not_read() {
        let w = Weights::from_runs(40, 0.25, sample(40));
        let mut out = Vec::new();
        w.lay_out(&mut out);
        // The last table is cut by one byte.
        assert_eq!(Weights::laid_out(leaked(&out[..out.len() - 1], 0), &mut 0), None);
        // Every table one byte off its alignment: u32 and i16 cannot be read in place there.
        assert_eq!(Weights::laid_out(leaked(&out, 1), &mut 0), None);
        // A header whose row width does not fit its classes.
        let mut bad = out.clone();
        bad[4] = 17;
        assert_eq!(Weights::laid_out(leaked(&bad, 0), &mut 0), None);
        assert!(Weights::laid_out(leaked(&out, 0), &mut 0).is_some());
    }

    #[test]
    fn dense_rows_of_the_largest_weights_sum_exactly() {
        // Forty features of 20 classes each, every weight at the extremes of i16: their sum
        // in a class is far past what 16 bits hold.
        let runs: Vec<(u32, Vec<(u8, i16)>)> = (0..40u64)
            .map(|f| {
                let v = if f % 4 == 3 { -i16::MAX } else { i16::MAX };
                (crate::hash::mix(f) as u32, (0..20u8).map(|c| (c, if c % 2 == 0 { v } else { -v })).collect())
            })
            .collect();
        let w = Weights::from_runs(20, 1.0, runs.clone());
        assert_eq!(w.dense_at.len(), 40);
        let feats: Vec<u64> = runs.iter().map(|(k, _)| *k as u64).collect();
        let mut scores = vec![0.0f32; 20];
        w.score(&feats, &mut scores);
        // 30 features at +32767 and 10 at -32767: 20 x 32767 in even classes.
        assert_eq!(scores[0], (20 * 32767) as f32);
        assert_eq!(scores[1], -(20 * 32767) as f32);
    }
}
