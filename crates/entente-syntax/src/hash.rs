//! Feature hashing: a fixed, platform-independent 64-bit hash of strings and of tuples of ids,
//! so that a model's features (and so its bytes) do not depend on the machine or the run.

/// Hash of a string's bytes (FNV-1a, then a final mix).
pub fn str_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// A strong 64-bit finaliser (splitmix64's).
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Combines a template id with values into one feature key.
#[inline]
pub fn feat(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(template.wrapping_add(0x9e37_79b9_7f4a_7c15));
    for &v in values {
        h = mix(h ^ v.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_add(h << 6));
    }
    h
}

/// A small deterministic random number generator (xorshift64*), for shuffles and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(mix(seed) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}
