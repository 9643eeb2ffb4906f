//! The shipped model's weights laid out at build time (by the crate's build script) as they are
//! in memory, so that the binary reads them in place: no decoding at start-up, and no fresh
//! pages for the kernel to clear (the tables are pages of the binary itself).
//!
//! A layout holds: `ENTLAY01`, the length of the model file it was made from, the byte ranges
//! of the tagger's and the parser's weights in that file (so that reading the rest of the file
//! skips them), then the two [`Weights`] as [`Weights::lay_out`] writes them. Everything else
//! of the model (tag classes, dictionary, lemmas, labels, casing) is read from the file as
//! before.

use crate::bytes::Reader;
use crate::perceptron::Weights;

const MAGIC: &[u8; 8] = b"ENTLAY01";

/// Skips a string of the model file.
fn skip_str(r: &mut Reader) -> Option<()> {
    let n = r.u32()? as usize;
    r.take(n).map(|_| ())
}

/// Skips a list of strings.
fn skip_strs(r: &mut Reader) -> Option<()> {
    let n = r.u32()? as usize;
    if n > r.rest().len() {
        return None;
    }
    (0..n).try_for_each(|_| skip_str(r))
}

/// Reads weights, with where they start and end in the file.
fn weights_at(r: &mut Reader) -> Option<(usize, usize, Weights)> {
    let start = r.pos();
    let w = Weights::read(r)?;
    Some((start, r.pos(), w))
}

/// The layout of a model file's weights; `None` if the bytes are not a model file. Walks the
/// file's parts in the order `Model::from_bytes` reads them: the tagger (classes, dictionary,
/// weights), the lemmatizer (pairs of strings), the parser (labels, leaf tags, weights).
pub fn lay_out(model: &[u8]) -> Option<Vec<u8>> {
    let mut r = Reader::new(model);
    if r.take(8)? != b"ENTSYN01" {
        return None;
    }
    skip_strs(&mut r)?;
    let n = r.u32()? as usize;
    r.take(n.checked_mul(12)?)?;
    let tagger = weights_at(&mut r)?;
    let n = r.u32()? as usize;
    for _ in 0..n {
        skip_str(&mut r)?;
        skip_str(&mut r)?;
    }
    skip_strs(&mut r)?;
    let n = r.u32()? as usize;
    r.take(n)?;
    let parser = weights_at(&mut r)?;
    let mut out = MAGIC.to_vec();
    for v in [model.len(), tagger.0, tagger.1, parser.0, parser.1] {
        out.extend((v as u64).to_le_bytes());
    }
    tagger.2.lay_out(&mut out);
    parser.2.lay_out(&mut out);
    Some(out)
}

/// Weights read from a layout, and the range of the model file they stand for.
#[derive(Debug)]
pub struct Laid {
    pub start: usize,
    pub end: usize,
    pub weights: Weights,
}

/// The tagger's and the parser's weights of a layout (its start aligned to
/// [`crate::perceptron::ALIGN`] bytes) made from a model file of `model_len` bytes, borrowed
/// in place; `None` if the layout is empty, made from another file, or not whole.
pub fn read(layout: &'static [u8], model_len: usize) -> Option<(Laid, Laid)> {
    if layout.get(..8)? != MAGIC {
        return None;
    }
    let mut head = [0usize; 5];
    for (i, v) in head.iter_mut().enumerate() {
        let b: [u8; 8] = layout.get(8 + 8 * i..16 + 8 * i)?.try_into().ok()?;
        *v = usize::try_from(u64::from_le_bytes(b)).ok()?;
    }
    let [len, t0, t1, p0, p1] = head;
    if len != model_len || !(t0 <= t1 && t1 <= p0 && p0 <= p1 && p1 <= len) {
        return None;
    }
    let mut at = 48;
    let tagger = Weights::laid_out(layout, &mut at)?;
    let parser = Weights::laid_out(layout, &mut at)?;
    Some((Laid { start: t0, end: t1, weights: tagger }, Laid { start: p0, end: p1, weights: parser }))
}

/// The weights at the reader's place: those of the layout if they stand for the bytes there
/// (which are then skipped), else read from the bytes.
pub fn weights(r: &mut Reader, laid: Option<Laid>) -> Option<Weights> {
    match laid {
        Some(l) if l.start == r.pos() => {
            r.take(l.end - l.start)?;
            Some(l.weights)
        }
        _ => Weights::read(r),
    }
}
