//! Part-of-speech tags and Universal Dependencies parses of news English.
//!
//! The types here are the crate's API boundary: the relations stage reads a [`Sentence`] of
//! [`Token`]s (form, lemma, UPOS, XPOS, head, relation), whoever produced it: the shipped
//! tagger and parser, or a CoNLL-U file ([`conllu`]).

mod bytes;
pub mod conllu;
pub mod eval;
mod hash;
mod layout;
mod lemma;
mod model;
mod parser;
mod perceptron;
mod strtable;
mod tagger;
pub mod tokenize;

pub use model::{Model, TrainConfig};

use std::fmt;

/// The seventeen Universal POS tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// Every tag, in the order of its index.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as CoNLL-U writes it ("NOUN").
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag from its CoNLL-U spelling; `None` for anything else.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One syntactic word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the word in the text it was read from (for a CoNLL-U sentence: in the
    /// sentence's words joined by single spaces, or its `# text`, as [`conllu`] says). A word
    /// split from a longer token ("n't" of "don't") has the range of its part, or of the whole
    /// token where the form is not a substring of it.
    pub start: usize,
    pub end: usize,
    /// The word as written ("n't", "U.S.").
    pub form: String,
    /// Its dictionary form ("sell" for "sold", "not" for "n't").
    pub lemma: String,
    pub upos: Upos,
    /// Penn Treebank tag ("VBD"), as EWT's XPOS column has it.
    pub xpos: String,
    /// Index of the head word, 1-based; 0 for the sentence's root.
    pub head: usize,
    /// Universal Dependencies relation to the head, with its subtype ("nsubj:pass").
    pub deprel: String,
}

impl Token {
    /// The relation without its subtype ("nsubj" for "nsubj:pass").
    pub fn base_deprel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }
}

/// A parsed sentence: its words in order. Word `i` (0-based in `tokens`) is word `i + 1` in
/// CoNLL-U numbering, and heads use that numbering.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The 0-based indexes of the words whose head is word `i` (0-based), in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens.iter().enumerate().filter(move |(_, t)| t.head == i + 1).map(|(j, _)| j)
    }

    /// The 0-based index of word `i`'s head, or `None` for the root.
    pub fn head_of(&self, i: usize) -> Option<usize> {
        match self.tokens.get(i)?.head {
            0 => None,
            h => Some(h - 1),
        }
    }
}
