//! Eight bytes at a time: tests on a `u64` of text that say whether any of its bytes is of a
//! kind, so that the scanners skip the long runs of ordinary letters and spaces in a few
//! instructions instead of testing each byte (SIMD within a register; no `unsafe`).
//!
//! Each test is exact as a yes/no for the whole word (the classic has-zero-byte identities);
//! which byte matched is found by looking at the eight bytes.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `i` as a word (little-endian, so byte `i` is the lowest).
#[inline]
pub fn word_at(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Whether a byte of `w` is zero.
#[inline]
fn has_zero(w: u64) -> bool {
    w.wrapping_sub(LO) & !w & HI != 0
}

/// Whether a byte of `w` equals `b`.
#[inline]
pub fn has_byte(w: u64, b: u8) -> bool {
    has_zero(w ^ (LO * u64::from(b)))
}

/// Whether a byte of `w` is below `n` (`n` at most 128).
#[inline]
pub fn has_less(w: u64, n: u8) -> bool {
    w.wrapping_sub(LO * u64::from(n)) & !w & HI != 0
}

/// Whether a byte of `w` is outside ASCII.
#[inline]
pub fn has_high(w: u64) -> bool {
    w & HI != 0
}

/// The lanes of `w` that are ASCII letters or digits, as the top bit of each byte (`b | 0x20`
/// in `a..=z`, or `b` in `0..=9`; a byte outside ASCII is neither). No lane carries into the
/// next: each sum stays below 0x100.
#[inline]
pub fn alnum_lanes(w: u64) -> u64 {
    let y = w & !HI;
    let x = y | (LO * 0x20);
    let letter = x.wrapping_add(LO * 0x1f) & !x.wrapping_add(LO * 0x05);
    let digit = y.wrapping_add(LO * 0x50) & !y.wrapping_add(LO * 0x46);
    (letter | digit) & !w & HI
}

/// The lanes of `w` equal to `b`, as the top bit of each byte (exact in every lane: no borrow
/// runs from one lane into the next).
#[inline]
pub fn eq_lanes(w: u64, b: u8) -> u64 {
    let x = w ^ (LO * u64::from(b));
    !(((x & !HI).wrapping_add(!HI)) | x) & HI
}

/// How many bytes from the start of `w` are ASCII letters or digits (0 to 8).
#[inline]
pub fn leading_alnum(w: u64) -> usize {
    (!alnum_lanes(w) & HI).trailing_zeros() as usize / 8
}

/// How many lanes a mask of top bits (as the tests above give) has set: a multiply that adds
/// the lanes into the top byte, where `count_ones` without the processor's population count
/// takes a dozen instructions.
#[inline]
pub fn count_lanes(mask: u64) -> u32 {
    ((mask >> 7).wrapping_mul(LO) >> 56) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_counted_as_their_bits() {
        for mask in 0..=255u64 {
            // Each of the eight lanes' top bit set or not.
            let lanes = (0..8).filter(|k| mask >> k & 1 == 1).fold(0u64, |m, k| m | 0x80 << (8 * k));
            assert_eq!(count_lanes(lanes), lanes.count_ones(), "{lanes:#x}");
        }
    }

    #[test]
    fn each_test_agrees_with_the_bytes() {
        // Every byte value in every lane, among letters, capitals and digits (a borrow or carry
        // that ran from one lane into the next would show).
        for lane in 0..8 {
            for v in 0..=255u8 {
                let mut bytes = *b"a0Zz9AmM";
                bytes[lane] = v;
                let w = word_at(&bytes, 0).unwrap();
                assert_eq!(has_byte(w, b'.'), bytes.contains(&b'.'), "{bytes:?}");
                assert_eq!(has_byte(w, 0xE2), bytes.contains(&0xE2), "{bytes:?}");
                assert_eq!(has_less(w, 0x20), bytes.iter().any(|&b| b < 0x20), "{bytes:?}");
                assert_eq!(has_high(w), bytes.iter().any(|&b| b >= 0x80), "{bytes:?}");
                let (alnum, spaces) = (alnum_lanes(w), eq_lanes(w, b' '));
                for (k, b) in bytes.iter().enumerate() {
                    let lane = |lanes: u64| lanes >> (8 * k + 7) & 1 == 1;
                    assert_eq!(lane(alnum), b.is_ascii_alphanumeric(), "{bytes:?} lane {k}");
                    assert_eq!(lane(spaces), *b == b' ', "{bytes:?} lane {k}");
                }
                let leading = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                assert_eq!(leading_alnum(w), leading, "{bytes:?}");
            }
        }
        assert_eq!(word_at(b"short", 0), None);
    }
}
