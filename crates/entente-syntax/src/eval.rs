//! Scoring parses against gold, as the CoNLL 2018 shared task counts with gold tokenisation:
//! every word counts, punctuation included; LAS compares relations without their subtypes.

use crate::{Model, Sentence};

/// Parses each gold sentence's words (gold tokenisation) with `model`.
pub fn parse_gold_words(model: &Model, gold: &[Sentence]) -> Vec<Sentence> {
    gold.iter().map(|s| model.parse_words(&s.tokens.iter().map(|t| t.form.as_str()).collect::<Vec<_>>())).collect()
}

/// Accuracies over the words of a treebank.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub uas: f64,
    pub las: f64,
    /// Lemmas equal to the gold ones (case ignored).
    pub lemma: f64,
}

/// Scores `pred` against `gold`, sentence by sentence and word by word. Sentences whose
/// word counts differ count their gold words as wrong.
pub fn score(gold: &[Sentence], pred: &[Sentence]) -> Scores {
    let (mut n, mut u, mut x, mut ua, mut la, mut le) = (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for (i, g) in gold.iter().enumerate() {
        n += g.tokens.len();
        let Some(p) = pred.get(i) else { continue };
        if p.tokens.len() != g.tokens.len() {
            continue;
        }
        for (gt, pt) in g.tokens.iter().zip(&p.tokens) {
            u += usize::from(gt.upos == pt.upos);
            x += usize::from(gt.xpos == pt.xpos);
            le += usize::from(gt.lemma.to_lowercase() == pt.lemma.to_lowercase());
            if gt.head == pt.head {
                ua += 1;
                la += usize::from(gt.base_deprel() == pt.base_deprel());
            }
        }
    }
    let r = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    Scores { words: n, upos: r(u), xpos: r(x), uas: r(ua), las: r(la), lemma: r(le) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    #[test]
    fn subtypes_are_ignored_and_punctuation_counts() {
        let g = conllu::read("1\ta\ta\tNOUN\tNN\t_\t2\tnsubj:pass\t_\t_\n2\tb\tb\tVERB\tVB\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n").unwrap();
        let p = conllu::read("1\ta\ta\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n2\tb\tb\tVERB\tVB\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n").unwrap();
        let s = score(&g, &p);
        assert_eq!(s.words, 3);
        assert!((s.uas - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.las - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.upos, 1.0);
    }
}
