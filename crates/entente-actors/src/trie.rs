//! The trie of the gazetteer's names and lexicon phrases, walked a byte at a time from a word's
//! start (`scan::name_at`).
//!
//! It is built at start-up from the keys sorted, breadth first, so that the edges of a node lie
//! side by side in one array: one pass over the keys' bytes and no allocation per node. The
//! general Aho-Corasick automaton it replaces also computed failure transitions and match
//! copies, which an anchored walk never follows; they were a quarter of the start-up time.
//! Keys are in small letters where ASCII; the walk lowers the text's ASCII letters.

use std::collections::VecDeque;

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The node's edges: `labels[first..first + len]`, `targets[first..first + len]`.
    first: u32,
    len: u32,
    /// The key that ends here (its index in the keys given to `build`), or `NONE`.
    key: u32,
}

#[derive(Debug)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    labels: Vec<u8>,
    targets: Vec<u32>,
    /// The root's edges, dense (every walk begins there): the node for each byte, or `NONE`.
    root: Box<[u32; 256]>,
}

/// The root's node id.
pub(crate) const ROOT: u32 = 0;

impl Trie {
    /// A trie of `keys`; a key's index in `keys` is what `key_at` gives. Equal keys give the
    /// first's index.
    pub fn build(keys: &[&str]) -> Trie {
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_by(|&a, &b| keys[a as usize].as_bytes().cmp(keys[b as usize].as_bytes()).then(a.cmp(&b)));
        let total: usize = keys.iter().map(|k| k.len()).sum();
        let mut trie = Trie {
            nodes: Vec::with_capacity(total / 2 + 1),
            labels: Vec::with_capacity(total / 2 + 1),
            targets: Vec::with_capacity(total / 2 + 1),
            root: Box::new([NONE; 256]),
        };
        trie.nodes.push(Node { first: 0, len: 0, key: NONE });
        // (node, keys of `order[lo..hi]` all through it, depth)
        let mut queue: VecDeque<(u32, usize, usize, usize)> = VecDeque::new();
        queue.push_back((ROOT, 0, order.len(), 0));
        while let Some((node, mut lo, hi, depth)) = queue.pop_front() {
            let key = |i: usize| keys[order[i] as usize].as_bytes();
            while lo < hi && key(lo).len() == depth {
                if trie.nodes[node as usize].key == NONE {
                    trie.nodes[node as usize].key = order[lo];
                }
                lo += 1;
            }
            let first = trie.labels.len() as u32;
            while lo < hi {
                let b = key(lo)[depth];
                let mut end = lo + 1;
                while end < hi && key(end)[depth] == b {
                    end += 1;
                }
                let child = trie.nodes.len() as u32;
                trie.nodes.push(Node { first: 0, len: 0, key: NONE });
                trie.labels.push(b);
                trie.targets.push(child);
                if node == ROOT {
                    trie.root[b as usize] = child;
                }
                queue.push_back((child, lo, end, depth + 1));
                lo = end;
            }
            let n = &mut trie.nodes[node as usize];
            n.first = first;
            n.len = trie.labels.len() as u32 - first;
        }
        trie
    }

    /// The node reached from `node` by the byte `b` (an ASCII letter in either case), if any.
    #[inline]
    pub fn next(&self, node: u32, b: u8) -> Option<u32> {
        let b = b.to_ascii_lowercase();
        let to = if node == ROOT {
            self.root[b as usize]
        } else {
            let n = self.nodes[node as usize];
            let (first, len) = (n.first as usize, n.len as usize);
            match self.labels[first..first + len].iter().position(|&l| l == b) {
                Some(i) => self.targets[first + i],
                None => NONE,
            }
        };
        (to != NONE).then_some(to)
    }

    /// The key that ends at `node`, if any.
    #[inline]
    pub fn key_at(&self, node: u32) -> Option<u32> {
        let k = self.nodes[node as usize].key;
        (k != NONE).then_some(k)
    }
}

#[cfg(test)]
mod tests {
    use super::{Trie, ROOT};

    /// Every key that is a prefix of `text`, by walking the trie.
    fn prefixes(trie: &Trie, text: &str) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        let mut node = ROOT;
        for (at, &b) in text.as_bytes().iter().enumerate() {
            let Some(n) = trie.next(node, b) else { break };
            node = n;
            if let Some(k) = trie.key_at(node) {
                out.push((at + 1, k));
            }
        }
        out
    }

    #[test]
    fn a_walk_finds_every_key_that_begins_the_text_in_any_ascii_case() {
        let keys = ["the uk", "the", "united states", "united", "uni", "são tomé", "the uk"];
        let trie = Trie::build(&keys);
        assert_eq!(prefixes(&trie, "The UK said"), vec![(3, 1), (6, 0)]);
        assert_eq!(prefixes(&trie, "UNITED STATES"), vec![(3, 4), (6, 3), (13, 2)]);
        assert_eq!(prefixes(&trie, "são tomé and"), vec![(10, 5)]);
        // Non-ASCII letters match only as listed.
        assert_eq!(prefixes(&trie, "SÃO TOMÉ"), vec![]);
        assert_eq!(prefixes(&trie, "unity"), vec![(3, 4)]);
        assert_eq!(prefixes(&trie, ""), vec![]);
    }

    #[test]
    fn an_empty_trie_finds_nothing() {
        let trie = Trie::build(&[]);
        assert_eq!(prefixes(&trie, "anything"), vec![]);
    }
}
