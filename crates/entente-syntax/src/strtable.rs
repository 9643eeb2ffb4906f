//! A read-only map from strings to strings, in one buffer: the model's lemma and casing tables.
//!
//! The model file writes such a table as (key, value) pairs in key order; read into a
//! `BTreeMap`, each pair cost two allocations and an insertion (a third of start-up once the
//! weights were read in place). Here the pairs' text goes into one string and their bounds
//! into one vector, looked up by binary search.

use std::collections::BTreeMap;

use crate::bytes::{Reader, Writer};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StrTable {
    /// Every key and value, one after another.
    text: String,
    /// Per pair, in key order: where its key starts, where its value starts (the key's end)
    /// and where it ends, in `text`.
    pairs: Vec<[u32; 3]>,
}

impl StrTable {
    fn key(&self, p: &[u32; 3]) -> &str {
        &self.text[p[0] as usize..p[1] as usize]
    }

    fn value(&self, p: &[u32; 3]) -> &str {
        &self.text[p[1] as usize..p[2] as usize]
    }

    fn push(&mut self, k: &str, v: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(k);
        let mid = self.text.len() as u32;
        self.text.push_str(v);
        self.pairs.push([start, mid, self.text.len() as u32]);
    }

    /// The value of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        let i = self.pairs.binary_search_by(|p| self.key(p).cmp(key)).ok()?;
        Some(self.value(&self.pairs[i]))
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// The pairs in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|p| (self.key(p), self.value(p)))
    }

    /// Writes the number of pairs, then each key and value.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.len() as u32);
        for (k, v) in self.iter() {
            w.str(k);
            w.str(v);
        }
    }

    /// Reads `n` pairs as [`StrTable::write`] writes them (after their number). Pairs out of
    /// key order are put in order, and of a key given twice the last value is kept, as
    /// inserting them one by one into a map would.
    pub fn read_pairs(r: &mut Reader, n: usize) -> Option<StrTable> {
        let mut t = StrTable::default();
        t.pairs.reserve(n.min(r.rest().len() / 8));
        let mut sorted = true;
        for _ in 0..n {
            let k = r.str_ref()?;
            let v = r.str_ref()?;
            sorted &= t.pairs.last().is_none_or(|p| t.key(p) < k);
            t.push(k, v);
            if t.text.len() > u32::MAX as usize {
                return None;
            }
        }
        if !sorted {
            let mut map = BTreeMap::new();
            for (k, v) in t.iter() {
                map.insert(k, v);
            }
            return Some(map.into_iter().collect());
        }
        Some(t)
    }

    /// Reads a table that [`StrTable::write`] wrote.
    pub fn read(r: &mut Reader) -> Option<StrTable> {
        let n = r.u32()? as usize;
        StrTable::read_pairs(r, n)
    }
}

/// A table of pairs given in strict key order, as a map gives them.
impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for StrTable {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> StrTable {
        let mut t = StrTable::default();
        for (k, v) in pairs {
            t.push(k.as_ref(), v.as_ref());
        }
        debug_assert!(t.pairs.windows(2).all(|w| t.key(&w[0]) < t.key(&w[1])), "pairs out of key order");
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(pairs: &[(&str, &str)]) -> Vec<u8> {
        let mut w = Writer::default();
        w.u32(pairs.len() as u32);
        for (k, v) in pairs {
            w.str(k);
            w.str(v);
        }
        w.buf
    }

    #[test]
    fn looks_up_what_a_map_would() {
        let map: BTreeMap<String, String> =
            [("went\tVBD", "go"), ("mice\tNNS", "mouse"), ("better\tJJR", "good"), ("was\tVBD", "be")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let t: StrTable = map.iter().collect();
        for (k, v) in &map {
            assert_eq!(t.get(k), Some(v.as_str()));
        }
        // Absent: a key between two present, past the last, a prefix of one, empty.
        for k in ["ran\tVBD", "zebras\tNNS", "went", "", "mice\tNN"] {
            assert_eq!(t.get(k), None, "{k:?}");
        }
        // Written and read back: the same table, the same bytes.
        let mut w = Writer::default();
        t.write(&mut w);
        let back = StrTable::read(&mut Reader::new(&w.buf)).expect("reads");
        assert_eq!(back, t);
        let mut again = Writer::default();
        back.write(&mut again);
        assert_eq!(again.buf, w.buf);
    }

    #[test]
    fn pairs_out_of_order_read_as_a_map_reads_them() {
        // Out of order, with a key twice: the last value wins, the pairs come back sorted.
        let bytes = written(&[("Paris", "Paris"), ("BERLIN", "Berlin"), ("Paris", "Paris (city)"), ("Accra", "")]);
        let t = StrTable::read(&mut Reader::new(&bytes)).expect("reads");
        assert_eq!(t.iter().collect::<Vec<_>>(), vec![("Accra", ""), ("BERLIN", "Berlin"), ("Paris", "Paris (city)")]);
        assert_eq!(t.get("Paris"), Some("Paris (city)"));
        assert_eq!(t.get("Accra"), Some(""));
        // Cut short, or a string that is not UTF-8: no table.
        assert_eq!(StrTable::read(&mut Reader::new(&bytes[..bytes.len() - 1])), None);
        let mut bad = written(&[("Lima", "Lima")]);
        bad[8] = 0xff;
        assert_eq!(StrTable::read(&mut Reader::new(&bad)), None);
    }
}
