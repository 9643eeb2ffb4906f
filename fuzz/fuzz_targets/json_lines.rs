#![no_main]
//! The JSON Lines reader's limit on arbitrary bytes: one item for each line that is over the
//! limit or not blank, in order; a line over the limit is an error that says so, and no other
//! line is.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&limit, stream)) = data.split_first() else { return };
    let max_bytes = u64::from(limit % 64) + 1;
    let items: Vec<_> = entente::input::json_lines(stream, max_bytes).collect();
    // The lines as the reader must see them: split at '\n', the last one unterminated.
    let mut expected = Vec::new();
    let mut start = 0;
    for (n, piece) in stream.split(|&b| b == b'\n').enumerate() {
        let end = start + piece.len();
        let terminated = end < stream.len();
        start = end + 1;
        if !terminated && piece.is_empty() {
            break;
        }
        let too_long = piece.len() as u64 > max_bytes;
        let blank = entente::decode_text(piece).0.trim().is_empty();
        if too_long || !blank {
            expected.push((n + 1, too_long));
        }
    }
    let got: Vec<(usize, bool)> = items
        .iter()
        .map(|l| (l.line, l.document.as_ref().is_err_and(|e| e.starts_with("line longer than the limit"))))
        .collect();
    assert_eq!(got, expected, "limit {max_bytes}");
});
