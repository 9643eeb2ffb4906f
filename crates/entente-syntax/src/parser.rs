//! The dependency parser: greedy arc-eager transitions (Nivre 2003) scored by an averaged
//! perceptron over the rich feature templates of Zhang and Nivre (2011), trained with the
//! dynamic oracle and exploration of Goldberg and Nivre (2012).
//!
//! Word 0 is the root, at the bottom of the stack. Classes: 0 shift, 1 reduce, `2 + l`
//! left-arc with label `l`, `2 + L + l` right-arc with label `l`. A sentence of `n` words takes
//! at most `2n` transitions, each scoring a fixed number of features: linear time.

use crate::bytes::{Reader, Writer};
use crate::hash::{feat, Rng};
use crate::perceptron::{Trainer, Weights};
use crate::tagger::{word_keys, WordKeys};

const NONE: usize = usize::MAX;
const SHIFT: usize = 0;
const REDUCE: usize = 1;

/// A parser state.
struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    heads: Vec<usize>,
    labels: Vec<usize>,
    /// Leftmost and second leftmost, rightmost and second rightmost children.
    lc: Vec<[usize; 2]>,
    rc: Vec<[usize; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u128>,
    rset: Vec<u128>,
    root_taken: bool,
    /// Words that head nothing (punctuation, as UD has it).
    leaf: Vec<bool>,
}

impl State {
    fn new(n: usize, leaf: Vec<bool>) -> State {
        State {
            leaf,
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; n + 1],
            labels: vec![NONE; n + 1],
            lc: vec![[NONE; 2]; n + 1],
            rc: vec![[NONE; 2]; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
            root_taken: false,
        }
    }

    fn done(&self) -> bool {
        self.b > self.n
    }

    fn s0(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn add_arc(&mut self, h: usize, d: usize, l: usize) {
        self.heads[d] = h;
        self.labels[d] = l;
        let bit = 1u128 << (l.min(127));
        if d < h {
            let c = &mut self.lc[h];
            if c[0] == NONE || d < c[0] {
                c[1] = c[0];
                c[0] = d;
            } else if c[1] == NONE || d < c[1] {
                c[1] = d;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            let c = &mut self.rc[h];
            if c[0] == NONE || d > c[0] {
                c[1] = c[0];
                c[0] = d;
            } else if c[1] == NONE || d > c[1] {
                c[1] = d;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
        if h == 0 {
            self.root_taken = true;
        }
    }

    /// Which of the four moves are allowed now: shift, reduce, left, right.
    fn valid(&self) -> [bool; 4] {
        let s0 = self.s0();
        let has_b = self.b <= self.n;
        [
            has_b,
            self.stack.len() > 1 && self.heads[s0] != NONE,
            has_b && s0 != 0 && self.heads[s0] == NONE && !self.leaf[self.b],
            has_b && !(s0 == 0 && self.root_taken) && !self.leaf[s0],
        ]
    }

    fn apply(&mut self, class: usize, n_labels: usize) {
        let s0 = self.s0();
        match class {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            c if c < 2 + n_labels => {
                self.add_arc(self.b, s0, c - 2);
                self.stack.pop();
            }
            c => {
                self.add_arc(s0, self.b, c - 2 - n_labels);
                self.stack.push(self.b);
                self.b += 1;
            }
        }
    }
}

/// Per-word feature values: the word (lower case) and its tag.
struct Ctx {
    w: Vec<u64>,
    p: Vec<u64>,
}

const NW: u64 = 0x5151_0001;
const NP: u64 = 0x5151_0002;

impl Ctx {
    #[inline]
    fn w(&self, i: usize) -> u64 {
        if i == NONE {
            NW
        } else {
            self.w[i]
        }
    }
    #[inline]
    fn p(&self, i: usize) -> u64 {
        if i == NONE {
            NP
        } else {
            self.p[i]
        }
    }
}

/// Every feature of a state: those of the word on top of the stack alone, those of the words
/// at the front of the buffer alone, and the others. (The order features are given in changes
/// no score: weights are summed as integers.)
fn features(st: &State, cx: &Ctx, out: &mut Vec<u64>) {
    out.clear();
    stack_word_features(cx, stack_top(st), out);
    buffer_features(cx, st.b, st.n, out);
    state_features(st, cx, out);
}

/// The word on top of the stack (`NONE` if it is empty).
fn stack_top(st: &State) -> usize {
    if st.stack.is_empty() {
        NONE
    } else {
        st.s0()
    }
}

/// The features of the word on top of the stack alone (its word and tag): the same whenever
/// that word is there, so a parse sums their weights once per word.
fn stack_word_features(cx: &Ctx, s0: usize, out: &mut Vec<u64>) {
    let (s0w, s0p) = (cx.w(s0), cx.p(s0));
    out.push(feat(1, &[s0w, s0p]));
    out.push(feat(2, &[s0w]));
    out.push(feat(3, &[s0p]));
}

/// The features of the first three words of the buffer alone (words and tags), the buffer
/// starting at word `b` of `n`: the same at every transition until `b` moves, so a parse sums
/// their weights once per word.
fn buffer_features(cx: &Ctx, b: usize, n: usize, out: &mut Vec<u64>) {
    let n0 = if b <= n { b } else { NONE };
    let n1 = if b < n { b + 1 } else { NONE };
    let n2 = if b + 1 < n { b + 2 } else { NONE };
    let (n0w, n0p, n1w, n1p, n2w, n2p) = (cx.w(n0), cx.p(n0), cx.w(n1), cx.p(n1), cx.w(n2), cx.p(n2));
    let mut f = |id: u64, v: &[u64]| out.push(feat(id, v));
    f(4, &[n0w, n0p]);
    f(5, &[n0w]);
    f(6, &[n0p]);
    f(7, &[n1w, n1p]);
    f(8, &[n1w]);
    f(9, &[n1p]);
    f(10, &[n2w, n2p]);
    f(11, &[n2w]);
    f(12, &[n2p]);
    f(20, &[n0p, n1p]);
    f(21, &[n0p, n1p, n2p]);
    f(78, &[n0w, n1w]);
}

/// The features that depend on the state beyond the two above: pairs of stack and buffer
/// words, distances, valencies, heads, children and labels.
fn state_features(st: &State, cx: &Ctx, out: &mut Vec<u64>) {
    let s0 = stack_top(st);
    let s1 = if st.stack.len() > 1 { st.stack[st.stack.len() - 2] } else { NONE };
    let n0 = if st.b <= st.n { st.b } else { NONE };
    let n1 = if st.b < st.n { st.b + 1 } else { NONE };
    let get = |i: usize, f: &dyn Fn(usize) -> usize| if i == NONE { NONE } else { f(i) };
    let s0h = get(s0, &|i| st.heads[i]);
    let s0h2 = get(s0h, &|i| if i == 0 { NONE } else { st.heads[i] });
    let s0l = get(s0, &|i| st.lc[i][0]);
    let s0l2 = get(s0, &|i| st.lc[i][1]);
    let s0r = get(s0, &|i| st.rc[i][0]);
    let s0r2 = get(s0, &|i| st.rc[i][1]);
    let n0l = get(n0, &|i| st.lc[i][0]);
    let n0l2 = get(n0, &|i| st.lc[i][1]);
    let lab = |i: usize| if i == NONE || st.labels[i] == NONE { 0 } else { st.labels[i] as u64 + 1 };
    let (s0w, s0p, n0w, n0p) = (cx.w(s0), cx.p(s0), cx.w(n0), cx.p(n0));
    let n1p = cx.p(n1);
    let mut f = |id: u64, v: &[u64]| out.push(feat(id, v));
    // Pairs.
    f(13, &[s0w, s0p, n0w, n0p]);
    f(14, &[s0w, s0p, n0w]);
    f(15, &[s0w, n0w, n0p]);
    f(16, &[s0w, s0p, n0p]);
    f(17, &[s0p, n0w, n0p]);
    f(18, &[s0w, n0w]);
    f(19, &[s0p, n0p]);
    // Triples of tags.
    f(22, &[s0p, n0p, n1p]);
    f(23, &[cx.p(s0h), s0p, n0p]);
    f(24, &[s0p, cx.p(s0l), n0p]);
    f(25, &[s0p, cx.p(s0r), n0p]);
    f(26, &[s0p, n0p, cx.p(n0l)]);
    // Distance.
    let d = if s0 == NONE || n0 == NONE || s0 == 0 { 0 } else { (n0 - s0).min(10) as u64 };
    f(27, &[s0w, d]);
    f(28, &[s0p, d]);
    f(29, &[n0w, d]);
    f(30, &[n0p, d]);
    f(31, &[s0w, n0w, d]);
    f(32, &[s0p, n0p, d]);
    // Valency.
    let (vl, vr) = if s0 == NONE { (0, 0) } else { (st.nl[s0] as u64, st.nr[s0] as u64) };
    let nvl = if n0 == NONE { 0 } else { st.nl[n0] as u64 };
    f(33, &[s0w, vr]);
    f(34, &[s0p, vr]);
    f(35, &[s0w, vl]);
    f(36, &[s0p, vl]);
    f(37, &[n0w, nvl]);
    f(38, &[n0p, nvl]);
    // Heads and children.
    f(39, &[cx.w(s0h)]);
    f(40, &[cx.p(s0h)]);
    f(41, &[lab(s0)]);
    f(42, &[cx.w(s0l)]);
    f(43, &[cx.p(s0l)]);
    f(44, &[lab(s0l)]);
    f(45, &[cx.w(s0r)]);
    f(46, &[cx.p(s0r)]);
    f(47, &[lab(s0r)]);
    f(48, &[cx.w(n0l)]);
    f(49, &[cx.p(n0l)]);
    f(50, &[lab(n0l)]);
    // Third order.
    f(51, &[cx.w(s0h2)]);
    f(52, &[cx.p(s0h2)]);
    f(53, &[lab(s0h)]);
    f(54, &[cx.w(s0l2)]);
    f(55, &[cx.p(s0l2)]);
    f(56, &[lab(s0l2)]);
    f(57, &[cx.w(s0r2)]);
    f(58, &[cx.p(s0r2)]);
    f(59, &[lab(s0r2)]);
    f(60, &[cx.w(n0l2)]);
    f(61, &[cx.p(n0l2)]);
    f(62, &[lab(n0l2)]);
    f(63, &[s0p, cx.p(s0l), cx.p(s0l2)]);
    f(64, &[s0p, cx.p(s0r), cx.p(s0r2)]);
    f(65, &[s0p, cx.p(s0h), cx.p(s0h2)]);
    f(66, &[n0p, cx.p(n0l), cx.p(n0l2)]);
    // Label sets.
    let set = |s: u128| (s as u64) ^ ((s >> 64) as u64).rotate_left(17);
    let (sl, sr) = if s0 == NONE { (0, 0) } else { (set(st.lset[s0]), set(st.rset[s0])) };
    let nsl = if n0 == NONE { 0 } else { set(st.lset[n0]) };
    f(67, &[s0w, sr]);
    f(68, &[s0p, sr]);
    f(69, &[s0w, sl]);
    f(70, &[s0p, sl]);
    f(71, &[n0w, nsl]);
    f(72, &[n0p, nsl]);
    // The second stack word.
    f(73, &[cx.w(s1), cx.p(s1)]);
    f(74, &[cx.p(s1), s0p, n0p]);
    f(75, &[cx.w(s1), s0w, n0w]);
    f(76, &[0]);
    f(77, &[s0w, n0p, n1p]);
    f(79, &[cx.p(s1), s0p]);
    f(80, &[s0p, lab(s0), n0p]);
    f(81, &[cx.w(s0h), s0p, n0p]);
}

/// The trained parser.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parser {
    pub labels: Vec<String>,
    /// Per tag class: whether words of that tag head nothing (punctuation).
    pub leaf_tags: Vec<bool>,
    weights: Weights,
}

/// One training sentence: words, tag classes, gold heads (0 = root) and label indexes, all
/// for words 1..=n at positions 0..n.
pub struct Example<'a> {
    pub words: Vec<&'a str>,
    pub tags: Vec<usize>,
    pub heads: Vec<usize>,
    pub labels: Vec<usize>,
}

/// Word 0 (the root) and words whose tag class is a leaf one.
fn leaves(leaf_tags: &[bool], tags: &[usize]) -> Vec<bool> {
    std::iter::once(false).chain(tags.iter().map(|&t| leaf_tags.get(t).copied().unwrap_or(false))).collect()
}

fn context(words: &[&str], tags: &[usize]) -> Ctx {
    context_keys(&word_keys(words), tags)
}

fn context_keys(keys: &[WordKeys], tags: &[usize]) -> Ctx {
    let mut w = vec![0x7777_0001u64];
    let mut p = vec![0x7777_0002u64];
    for (k, &t) in keys.iter().zip(tags) {
        w.push(k.lower);
        p.push(t as u64 + 1);
    }
    Ctx { w, p }
}

/// Whether a tree (heads of words 1..=n, 0 = root) has no crossing arcs.
#[cfg(test)]
fn projective(heads: &[usize]) -> bool {
    let arcs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .map(|(i, &h)| {
            let d = i + 1;
            (d.min(h), d.max(h))
        })
        .collect();
    for &(a, b) in &arcs {
        for &(c, d) in &arcs {
            if a < c && c < b && b < d {
                return false;
            }
        }
    }
    true
}

/// Whether the arc from `heads[d - 1]` to word `d` is projective: every word between the two
/// descends from the head.
fn arc_projective(heads: &[usize], d: usize) -> bool {
    let h = heads[d - 1];
    let (lo, hi) = (d.min(h), d.max(h));
    (lo + 1..hi).all(|mut k| {
        // Walk up from k; a tree of n words reaches the root within n steps.
        for _ in 0..=heads.len() {
            if k == h {
                return true;
            }
            if k == 0 {
                return false;
            }
            k = heads[k - 1];
        }
        false
    })
}

/// A projective tree close to `heads` (words 1..=n, 0 = root): while an arc crosses another,
/// the shortest non-projective arc is lifted, its dependent attached to its head's head (the
/// lifting of Nivre and Nilsson's pseudo-projective parsing, without encoding the path in the
/// label). Every word keeps its label. Returns `None` if `heads` is not a tree.
pub fn projectivize(heads: &[usize]) -> Option<Vec<usize>> {
    let n = heads.len();
    // A tree: heads in range and every word reaches the root.
    for d in 1..=n {
        let mut k = d;
        let mut steps = 0;
        while k != 0 {
            k = *heads.get(k - 1)?;
            steps += 1;
            if k > n || steps > n {
                return None;
            }
        }
    }
    let mut h = heads.to_vec();
    // Each lift moves a word one step up a tree of depth <= n: at most n * n lifts.
    for _ in 0..n * n + 1 {
        let worst = (1..=n).filter(|&d| !arc_projective(&h, d)).min_by_key(|&d| (d.abs_diff(h[d - 1]), d));
        match worst {
            None => return Some(h),
            Some(d) => h[d - 1] = h[h[d - 1] - 1],
        }
    }
    None
}

impl Parser {
    fn n_classes(&self) -> usize {
        2 + 2 * self.labels.len()
    }

    /// Parses a sentence (its [`word_keys`] and tag classes): (head, label index) per word.
    pub(crate) fn parse_keys(&self, keys: &[WordKeys], tags: &[usize]) -> Vec<(usize, usize)> {
        let n = keys.len();
        let nl = self.labels.len();
        let cx = context_keys(keys, tags);
        let mut st = State::new(n, self.leaves(tags));
        let mut feats = Vec::with_capacity(80);
        let mut scores = vec![0.0f32; self.n_classes()];
        let root = self.labels.iter().position(|l| l == "root").unwrap_or(0);
        let w = &self.weights;
        let width = w.width();
        // The summed weights of each word's features on top of the stack (row `i` for word
        // `i`, row `n + 1` for an empty stack) and at the front of the buffer (row `b`): once
        // per word, where a parse asks for them at every transition.
        let mut on_stack = vec![0i32; (n + 2) * width];
        let mut in_buffer = vec![0i32; (n + 1) * width];
        for (i, sums) in on_stack.chunks_exact_mut(width).enumerate() {
            feats.clear();
            stack_word_features(&cx, if i > n { NONE } else { i }, &mut feats);
            w.add_to(&feats, sums);
        }
        for (b, sums) in in_buffer.chunks_exact_mut(width).enumerate().skip(1) {
            feats.clear();
            buffer_features(&cx, b, n, &mut feats);
            w.add_to(&feats, sums);
        }
        let mut acc = vec![0i32; width];
        while !st.done() {
            let s0 = stack_top(&st).min(n + 1);
            let (a, b) = (&on_stack[s0 * width..][..width], &in_buffer[st.b * width..][..width]);
            for ((acc, &a), &b) in acc.iter_mut().zip(a).zip(b) {
                *acc = a + b;
            }
            feats.clear();
            state_features(&st, &cx, &mut feats);
            w.add_to(&feats, &mut acc);
            w.scale_into(&acc, &mut scores);
            let c = best_valid(&st, &scores, nl, root, |_| true);
            match c {
                Some(c) => st.apply(c, nl),
                None => break,
            }
        }
        finish(&mut st, root, self.labels.iter().position(|l| l == "dep").unwrap_or(0));
        (1..=n).map(|i| (st.heads[i], st.labels[i])).collect()
    }

    fn leaves(&self, tags: &[usize]) -> Vec<bool> {
        leaves(&self.leaf_tags, tags)
    }

    /// Trains on the examples, each non-projective tree lifted to a projective one.
    pub fn train(labels: Vec<String>, leaf_tags: Vec<bool>, data: &[Example], epochs: usize, seed: u64) -> Parser {
        let nl = labels.len();
        let n_classes = 2 + 2 * nl;
        assert!(n_classes <= 256, "too many labels");
        let root = labels.iter().position(|l| l == "root").unwrap_or(0);
        let mut t = Trainer::new(n_classes);
        let mut rng = Rng::new(seed);
        let trees: Vec<Option<Vec<usize>>> = data.iter().map(|e| projectivize(&e.heads)).collect();
        let usable: Vec<usize> = (0..data.len()).filter(|&i| trees[i].is_some()).collect();
        let ctxs: Vec<Ctx> = data.iter().map(|e| context(&e.words, &e.tags)).collect();
        let mut order = usable.clone();
        let mut feats = Vec::with_capacity(80);
        let mut scores = vec![0.0f32; n_classes];
        let mut costs = vec![0usize; n_classes];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let ex = &data[s];
                let n = ex.words.len();
                let mut gh = vec![NONE; n + 1];
                let mut gl = vec![NONE; n + 1];
                gh[1..].copy_from_slice(trees[s].as_deref().unwrap_or(&ex.heads));
                gl[1..].copy_from_slice(&ex.labels);
                let mut st = State::new(n, leaves(&leaf_tags, &ex.tags));
                while !st.done() {
                    features(&st, &ctxs[s], &mut feats);
                    t.score(&feats, &mut scores);
                    oracle_costs(&st, &gh, &gl, nl, &mut costs);
                    let guess = match best_valid(&st, &scores, nl, root, |_| true) {
                        Some(c) => c,
                        None => break,
                    };
                    let (v, s0) = (st.valid(), st.s0());
                    let min = (0..n_classes)
                        .filter(|&c| class_valid(&v, s0, c, nl, root))
                        .map(|c| costs[c])
                        .min()
                        .unwrap_or(0);
                    let gold = best_valid(&st, &scores, nl, root, |c| costs[c] == min).unwrap_or(guess);
                    if costs[guess] > min {
                        t.update(&feats, gold, guess);
                    }
                    t.tick();
                    let follow = if epoch >= 1 && costs[guess] > min && rng.unit() < 0.9 { guess } else { gold };
                    st.apply(follow, nl);
                }
            }
        }
        Parser { labels, leaf_tags, weights: t.freeze(0.0) }
    }

    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.labels);
        w.u32(self.leaf_tags.len() as u32);
        for &l in &self.leaf_tags {
            w.u8(l as u8);
        }
        self.weights.write(w);
    }

    /// Reads a parser; its weights from `laid` if they stand for the bytes where they are.
    pub fn read(r: &mut Reader, laid: Option<crate::layout::Laid>) -> Option<Parser> {
        let labels = r.strs()?;
        let n = r.u32()? as usize;
        let leaf_tags = (0..n).map(|_| r.u8().map(|b| b == 1)).collect::<Option<Vec<bool>>>()?;
        let weights = crate::layout::weights(r, laid)?;
        if weights.n_classes != 2 + 2 * labels.len() || labels.is_empty() {
            return None;
        }
        Some(Parser { labels, leaf_tags, weights })
    }

    /// Drops parser weights below `min_abs`.
    pub fn prune(&mut self, min_abs: f32) {
        self.weights = self.weights.pruned(min_abs);
    }

    pub fn n_weights(&self) -> usize {
        self.weights.len()
    }
}

fn class_valid(v: &[bool; 4], s0: usize, c: usize, nl: usize, root: usize) -> bool {
    match c {
        SHIFT => v[0],
        REDUCE => v[1],
        c if c < 2 + nl => v[2] && c - 2 != root,
        c => v[3] && ((s0 == 0) == (c - 2 - nl == root)),
    }
}

/// The highest-scoring valid class among those `allow` lets through.
fn best_valid(st: &State, scores: &[f32], nl: usize, root: usize, allow: impl Fn(usize) -> bool) -> Option<usize> {
    let v = st.valid();
    let s0 = st.s0();
    let mut best: Option<usize> = None;
    for (c, &s) in scores.iter().enumerate() {
        if class_valid(&v, s0, c, nl, root) && allow(c) && best.is_none_or(|b| s > scores[b]) {
            best = Some(c);
        }
    }
    best
}

/// Words left without a head: the first becomes the root if there is none, the others
/// depend on the root word.
fn finish(st: &mut State, root: usize, dep: usize) {
    let mut root_word = (1..=st.n).find(|&i| st.heads[i] == 0);
    for i in 1..=st.n {
        if st.heads[i] == NONE {
            match root_word {
                None => {
                    st.heads[i] = 0;
                    st.labels[i] = root;
                    root_word = Some(i);
                }
                Some(r) => {
                    st.heads[i] = r;
                    st.labels[i] = dep;
                }
            }
        }
    }
}

/// The dynamic oracle's cost of each class: gold arcs it makes unreachable, plus one for a
/// wrong label on a gold arc.
fn oracle_costs(st: &State, gh: &[usize], gl: &[usize], nl: usize, costs: &mut [usize]) {
    let n = st.n;
    let b = st.b;
    let s0 = st.s0();
    costs.iter_mut().for_each(|c| *c = 0);
    if b > n {
        return;
    }
    let in_stack = |k: usize| st.stack.contains(&k);
    // Shift: b loses a head or dependents on the stack.
    let mut shift = 0;
    for &k in &st.stack {
        if gh[b] == k {
            shift += 1;
        }
        if k != 0 && st.heads[k] == NONE && gh[k] == b {
            shift += 1;
        }
    }
    // Right (s0 -> b).
    let mut right = 0;
    if gh[b] != s0 && (gh[b] > b || in_stack(gh[b])) {
        right += 1;
    }
    for &k in &st.stack {
        if k != 0 && st.heads[k] == NONE && gh[k] == b {
            right += 1;
        }
    }
    // Left (b -> s0) and reduce: s0's dependents in the buffer are lost.
    let deps_in_buffer = if s0 == 0 { 0 } else { (b..=n).filter(|&k| gh[k] == s0).count() };
    let mut left = deps_in_buffer;
    if s0 != 0 && gh[s0] != b && gh[s0] > b {
        left += 1;
    }
    costs[SHIFT] = shift;
    costs[REDUCE] = deps_in_buffer;
    for l in 0..nl {
        costs[2 + l] = left + usize::from(s0 != 0 && gh[s0] == b && gl[s0] != l);
        costs[2 + nl + l] = right + usize::from(gh[b] == s0 && gl[b] != l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parse as it was first written: every feature scored at every transition.
    fn parse_scoring_every_feature(p: &Parser, keys: &[WordKeys], tags: &[usize]) -> Vec<(usize, usize)> {
        let n = keys.len();
        let nl = p.labels.len();
        let cx = context_keys(keys, tags);
        let mut st = State::new(n, p.leaves(tags));
        let mut feats = Vec::new();
        let mut scores = vec![0.0f32; p.n_classes()];
        let root = p.labels.iter().position(|l| l == "root").unwrap_or(0);
        while !st.done() {
            features(&st, &cx, &mut feats);
            p.weights.score(&feats, &mut scores);
            match best_valid(&st, &scores, nl, root, |_| true) {
                Some(c) => st.apply(c, nl),
                None => break,
            }
        }
        finish(&mut st, root, p.labels.iter().position(|l| l == "dep").unwrap_or(0));
        (1..=n).map(|i| (st.heads[i], st.labels[i])).collect()
    }

    #[test]
    fn word_sums_made_once_parse_as_scoring_every_feature() {
        let m = crate::Model::shipped();
        let p = &m.parser;
        assert!(!p.labels.is_empty(), "the shipped model decodes");
        let sentences = [
            "The two ministers signed a pact on grain exports after a week of talks in Geneva .",
            "Lisbon said on Tuesday that it would not renew the fishing licences , which expire in May .",
            "Sanctions imposed by the bloc were lifted .",
            "Why ?",
            "TALKS ON BORDER DISPUTE RESUME IN CAPITAL",
            "A , b , c ; and then -- nothing at all , said the clerk , who had counted 1,234 of them .",
        ];
        for text in sentences {
            let words: Vec<&str> = text.split(' ').collect();
            let keys = word_keys(&words);
            let tags = m.tagger.tag_keys(&words, &keys);
            assert_eq!(p.parse_keys(&keys, &tags), parse_scoring_every_feature(p, &keys, &tags), "{text}");
        }
    }

    #[test]
    fn crossing_arcs_are_not_projective() {
        assert!(projective(&[2, 0, 2]));
        assert!(!projective(&[3, 4, 0, 3]));
    }

    #[test]
    fn crossing_arcs_are_lifted_to_a_projective_tree() {
        // "A hearing is scheduled on the issue today": 1 A, 2 hearing, 3 is, 4 scheduled,
        // 5 on, 6 the, 7 issue, 8 today; "on the issue" modifies "hearing" across "scheduled".
        let heads = [2, 4, 4, 0, 7, 7, 2, 4];
        assert!(!projective(&heads));
        let p = projectivize(&heads).unwrap();
        assert!(projective(&p));
        // Only the crossing arc moves, one step up: "issue" now hangs on "scheduled".
        assert_eq!(p, vec![2, 4, 4, 0, 7, 7, 4, 4]);
        // A projective tree is left as it is; a cycle is no tree.
        assert_eq!(projectivize(&[2, 0, 2]).unwrap(), vec![2, 0, 2]);
        assert_eq!(projectivize(&[2, 1]), None);
        assert_eq!(projectivize(&[]), Some(vec![]));
    }
}
