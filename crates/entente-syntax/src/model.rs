//! The model: tagger, lemmatizer and parser together, its file format, training and the
//! shipped copy compiled into the binary.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::bytes::{Reader, Writer};
use crate::lemma::Lemmatizer;
use crate::parser::{Example, Parser};
use crate::strtable::StrTable;
use crate::tagger::Tagger;
use crate::tokenize::tokenize;
use crate::{Sentence, Token, Upos};

const MAGIC: &[u8; 8] = b"ENTSYN01";

/// The model file shipped in the crate (UD English EWT; see data/README.md).
static SHIPPED_BYTES: &[u8] = include_bytes!("../model/en_ewt.bin");

/// Bytes aligned to a cache line.
#[repr(C, align(64))]
struct Aligned<B: ?Sized>(B);

/// The shipped model's weights laid out by the build script (`build.rs`, [`crate::layout`]):
/// read in place at start-up. Empty if the model file did not decode at build time.
static SHIPPED_LAYOUT: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/en_ewt.layout")));

/// A tagger, lemmatizer and parser.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Parser,
    /// Per tag class: its UPOS and XPOS.
    classes: Vec<(Upos, String)>,
    /// Lower-case form -> the casing seen most often in training, to read a sentence written
    /// in capitals (a headline) as it would be written in running text.
    truecase: StrTable,
}

/// The most frequent casing of each word of the treebank (ties: the first in byte order).
fn truecase_table(sentences: &[Sentence]) -> StrTable {
    let mut counts: BTreeMap<String, BTreeMap<&str, u32>> = BTreeMap::new();
    for t in sentences.iter().flat_map(|s| &s.tokens) {
        if t.form.chars().any(char::is_alphabetic) {
            *counts.entry(t.form.to_lowercase()).or_default().entry(t.form.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(lower, forms)| {
            let best = forms.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?.0.to_string();
            Some((lower, best))
        })
        .collect()
}

/// The passive agent: in a clause whose verb is a passive participle (with "aux:pass") and has
/// no agent yet, a "by" phrase after the verb that the parser hung as a modifier (nmod) on a
/// noun of the same clause ("Drones were sold to Kenya by Turkey") is the verb's agent
/// ("obl:agent"): a noun takes a "by" phrase far less often than a passive verb does.
fn passive_agents(tokens: &mut [Token]) {
    for n in 0..tokens.len() {
        let by = (0..tokens.len()).find(|&c| tokens[c].head == n + 1 && tokens[c].deprel == "case");
        if tokens[n].deprel != "nmod" || by.is_none_or(|c| !tokens[c].form.eq_ignore_ascii_case("by")) {
            continue;
        }
        // The noun the phrase hangs on, and that noun's verb.
        let m = tokens[n].head;
        if m == 0 || !matches!(tokens[m - 1].base_deprel(), "obl" | "obj") {
            continue;
        }
        let v = tokens[m - 1].head;
        let passive = v != 0
            && tokens[v - 1].xpos == "VBN"
            && v - 1 < n
            && tokens.iter().any(|t| t.head == v && t.deprel == "aux:pass")
            && !tokens.iter().any(|t| t.head == v && t.deprel == "obl:agent");
        if passive {
            tokens[n].head = v;
            tokens[n].deprel = "obl:agent".to_string();
        }
    }
}

/// The lemmatizer learnt from a treebank's words.
fn lemmatizer_of(sentences: &[Sentence]) -> Lemmatizer {
    Lemmatizer::train(
        sentences.iter().flat_map(|s| s.tokens.iter().map(|t| (t.form.as_str(), t.xpos.as_str(), t.lemma.as_str()))),
    )
}

/// Whether a word is a dash that ends a dateline.
fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "\u{2013}" | "\u{2014}")
}

/// The index of the dash that ends a news dateline ("ANKARA, March 3 (Reuters) - The U.S.
/// agreed ...", "KYIV, Ukraine -- ..."): the sentence opens with a place in capitals, the words
/// up to the dash (at most 12) are capitalised words, numbers, commas, periods and a
/// parenthesised agency, and a sentence follows it (a capital first, then at least three words
/// not all in capitals).
fn dateline_dash(words: &[&str]) -> Option<usize> {
    let caps = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    if !caps(words.first()?) {
        return None;
    }
    let k = words.iter().take(13).position(|w| is_dash(w))?;
    let mut in_parens = false;
    for w in &words[1..k] {
        match *w {
            "(" => in_parens = true,
            ")" => in_parens = false,
            "," | "." => {}
            w if in_parens || w.chars().all(|c| c.is_ascii_digit()) => {}
            w if w.chars().next().is_some_and(char::is_uppercase) => {}
            _ => return None,
        }
    }
    // The report after it starts a sentence: a capital ("NATO - the alliance ..." is no dateline).
    let rest = &words[k + 1..];
    let lower = rest.iter().filter(|w| w.chars().any(char::is_lowercase)).count();
    let starts = rest.first().and_then(|w| w.chars().next()).is_some_and(|c| c.is_uppercase() || c == '"');
    (starts && lower >= 3).then_some(k)
}

/// How to train: epochs of each part, the seed of the shuffles, and the folds of the
/// jackknife that gives the parser predicted tags to learn from (0: gold tags).
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub seed: u64,
    pub folds: usize,
    /// Weights smaller than these (in the perceptron's units) are dropped from the tagger and
    /// the parser: most of the file's size, little of its accuracy.
    pub tagger_prune: f32,
    pub parser_prune: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { tagger_epochs: 8, parser_epochs: 18, seed: 17, folds: 4, tagger_prune: 0.25, parser_prune: 1.0 }
    }
}

fn split_class(c: &str) -> (Upos, String) {
    let (u, x) = c.split_once('\t').unwrap_or((c, ""));
    (Upos::parse(u).unwrap_or(Upos::X), x.to_string())
}

impl Model {
    /// The model compiled into the binary, read on first use: its tagger's and parser's
    /// weights in place from the layout made at build time, the rest decoded (should the
    /// layout not read, the whole file is decoded: the same model). Should its bytes not
    /// decode (a build without a trained model), an empty model that tags X and attaches every
    /// word to the first.
    pub fn shipped() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| {
            let laid = crate::layout::read(&SHIPPED_LAYOUT.0, SHIPPED_BYTES.len());
            Model::decode(SHIPPED_BYTES, laid).unwrap_or_default()
        })
    }

    /// The shipped model decoded whole from its file, the layout unused: what
    /// [`Model::shipped`] must equal.
    #[doc(hidden)]
    pub fn shipped_decoded() -> Option<Model> {
        Model::from_bytes(SHIPPED_BYTES)
    }

    /// Whether the shipped model's weights are read in place from the build-time layout.
    #[doc(hidden)]
    pub fn shipped_laid_out() -> bool {
        crate::layout::read(&SHIPPED_LAYOUT.0, SHIPPED_BYTES.len()).is_some()
    }

    /// Whether the layout compiled in is the one the shipped model file lays out as now (the
    /// build script and [`crate::layout`] agree).
    #[doc(hidden)]
    pub fn shipped_layout_is_current() -> bool {
        crate::layout::lay_out(SHIPPED_BYTES).is_some_and(|l| l == SHIPPED_LAYOUT.0)
    }

    /// Decodes a model file; `None` if it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        Model::decode(bytes, None)
    }

    /// Decodes a model file, the tagger's and parser's weights taken from `laid` where they
    /// stand for the file's bytes.
    fn decode(bytes: &[u8], laid: Option<(crate::layout::Laid, crate::layout::Laid)>) -> Option<Model> {
        let mut r = Reader::new(bytes);
        if r.take(8)? != MAGIC {
            return None;
        }
        let (tagger_laid, parser_laid) = laid.map_or((None, None), |(t, p)| (Some(t), Some(p)));
        let tagger = Tagger::read(&mut r, tagger_laid)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let parser = Parser::read(&mut r, parser_laid)?;
        // A file without the casing table (the first format) reads with an empty one.
        let n = if r.at_end() { 0 } else { r.u32()? as usize };
        let truecase = StrTable::read_pairs(&mut r, n)?;
        if !r.at_end() {
            return None;
        }
        let classes = tagger.classes.iter().map(|c| split_class(c)).collect();
        Some(Model { tagger, lemmatizer, parser, classes, truecase })
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.parser.write(&mut w);
        self.truecase.write(&mut w);
        w.buf
    }

    /// Trains a model on gold sentences.
    pub fn train(sentences: &[Sentence], cfg: TrainConfig) -> Model {
        let classes: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.tokens.iter().map(|t| format!("{}\t{}", t.upos, t.xpos)))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let labels: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.tokens.iter().map(|t| t.deprel.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let class_of = |t: &Token| classes.binary_search(&format!("{}\t{}", t.upos, t.xpos)).unwrap_or(0);
        let tag_data: Vec<(Vec<&str>, Vec<usize>)> = sentences
            .iter()
            .map(|s| (s.tokens.iter().map(|t| t.form.as_str()).collect(), s.tokens.iter().map(class_of).collect()))
            .collect();
        let tagger = Tagger::train(classes.clone(), &tag_data, cfg.tagger_epochs, cfg.seed);
        // Predicted tags for the parser to learn from: each fold tagged by a tagger trained on
        // the others, so that the parser sees the tagger's mistakes.
        let mut tags: Vec<Vec<usize>> = tag_data.iter().map(|(_, t)| t.clone()).collect();
        if cfg.folds >= 2 {
            for f in 0..cfg.folds {
                let rest: Vec<(Vec<&str>, Vec<usize>)> =
                    tag_data.iter().enumerate().filter(|(i, _)| i % cfg.folds != f).map(|(_, d)| d.clone()).collect();
                let t = Tagger::train(classes.clone(), &rest, cfg.tagger_epochs, cfg.seed + 1 + f as u64);
                for (i, (words, _)) in tag_data.iter().enumerate() {
                    if i % cfg.folds == f {
                        tags[i] = t.tag(words);
                    }
                }
            }
        }
        let examples: Vec<Example> = sentences
            .iter()
            .zip(&tags)
            .map(|(s, tags)| Example {
                words: s.tokens.iter().map(|t| t.form.as_str()).collect(),
                tags: tags.clone(),
                heads: s.tokens.iter().map(|t| t.head).collect(),
                labels: s.tokens.iter().map(|t| labels.binary_search(&t.deprel).unwrap_or(0)).collect(),
            })
            .collect();
        let leaf_tags = classes.iter().map(|c| c.starts_with("PUNCT\t")).collect();
        let parser = Parser::train(labels, leaf_tags, &examples, cfg.parser_epochs, cfg.seed);
        let lemmatizer = lemmatizer_of(sentences);
        let classes = classes.iter().map(|c| split_class(c)).collect();
        let mut m = Model { tagger, lemmatizer, parser, classes, truecase: truecase_table(sentences) };
        m.prune(cfg.tagger_prune, cfg.parser_prune);
        m
    }

    /// Tags, lemmatises and parses words given already split (gold tokenisation). Offsets
    /// index the words joined by single spaces.
    pub fn parse_words(&self, words: &[&str]) -> Sentence {
        let mut spans = Vec::with_capacity(words.len());
        let mut at = 0;
        for w in words {
            spans.push((at, at + w.len()));
            at += w.len() + 1;
        }
        self.annotate(words, &spans)
    }

    /// Tokenises, tags, lemmatises and parses one sentence of text; `offset` is added to every
    /// token's start and end.
    pub fn parse_text(&self, text: &str, offset: usize) -> Sentence {
        self.parse_text_names(text, offset, &[])
    }

    /// [`Model::parse_text`] with the byte ranges (offset added) of names the caller knows
    /// ("Beijing", "Xi Jinping"): a capitalised word inside one that the tagger reads as an
    /// auxiliary or a verb's "-ing" form (its suffix features: "Beijing" as "being") is tagged a
    /// proper noun before the parse, since a name is neither. (Retagging every verb reading of
    /// a name word was tried: news-dev2 lost a link.) Other words keep their tags.
    pub fn parse_text_names(&self, text: &str, offset: usize, names: &[(usize, usize)]) -> Sentence {
        let words = tokenize(text);
        let forms: Vec<&str> = words.iter().map(|w| w.form).collect();
        let spans: Vec<(usize, usize)> = words.iter().map(|w| (w.start + offset, w.end + offset)).collect();
        let named: Vec<bool> = spans.iter().map(|&(a, b)| names.iter().any(|&(s, e)| s <= a && b <= e)).collect();
        self.annotate_named(&forms, &spans, &named)
    }

    /// Fills in tags, lemmas, heads and relations of a sentence whose words are given.
    pub fn annotate_sentence(&self, s: &mut Sentence) {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let spans: Vec<(usize, usize)> = s.tokens.iter().map(|t| (t.start, t.end)).collect();
        let parsed = self.annotate(&words, &spans);
        *s = parsed;
    }

    /// The words as running text would write them: a sentence in capitals gets each word's
    /// usual casing (a word never seen: capitalised, as most unseen words of headlines are names).
    fn recased(&self, words: &[&str]) -> Option<Vec<String>> {
        if !crate::tagger::all_caps(words) {
            return None;
        }
        Some(
            words
                .iter()
                .map(|w| {
                    if !w.chars().any(char::is_alphabetic) {
                        return w.to_string();
                    }
                    let lower = w.to_lowercase();
                    match self.truecase.get(&lower) {
                        Some(t) => t.to_string(),
                        None => {
                            let mut cs = lower.chars();
                            cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
                        }
                    }
                })
                .collect(),
        )
    }

    fn annotate(&self, words: &[&str], spans: &[(usize, usize)]) -> Sentence {
        self.annotate_named(words, spans, &[])
    }

    /// [`Model::annotate`]; `named[i]`: word `i` is inside a name the caller knows.
    fn annotate_named(&self, words: &[&str], spans: &[(usize, usize)], named: &[bool]) -> Sentence {
        if words.is_empty() {
            return Sentence::default();
        }
        let recased = self.recased(words);
        let read: Vec<&str> = match &recased {
            Some(r) => r.iter().map(String::as_str).collect(),
            None => words.to_vec(),
        };
        let keys = crate::tagger::word_keys(&read);
        let mut tags = if self.classes.is_empty() { vec![0; words.len()] } else { self.tagger.tag_keys(&read, &keys) };
        if named.iter().any(|&n| n) {
            let propn = self.classes.iter().position(|(u, x)| *u == Upos::Propn && x == "NNP");
            for (i, tag) in tags.iter_mut().enumerate() {
                let verbal = self.classes.get(*tag).is_some_and(|(u, x)| *u == Upos::Aux || x == "VBG");
                let capital = words[i].chars().next().is_some_and(char::is_uppercase);
                if let (true, true, true, Some(c)) = (named.get(i).copied().unwrap_or(false), verbal, capital, propn) {
                    *tag = c;
                }
            }
        }
        let arcs = if self.parser.labels.is_empty() {
            (0..words.len()).map(|i| (usize::from(i > 0), 0)).collect()
        } else {
            self.parse_arcs(words, &keys, &tags)
        };
        let mut tokens: Vec<Token> = words
            .iter()
            .zip(&read)
            .zip(spans)
            .zip(tags.iter().zip(arcs))
            .map(|(((w, r), &(start, end)), (&tag, (head, label)))| {
                let (upos, xpos) = self.classes.get(tag).cloned().unwrap_or((Upos::X, String::new()));
                let deprel = match self.parser.labels.get(label) {
                    Some(l) => l.clone(),
                    None if head == 0 => "root".to_string(),
                    None => "dep".to_string(),
                };
                Token {
                    start,
                    end,
                    form: w.to_string(),
                    lemma: self.lemmatizer.lemma(r, &xpos),
                    upos,
                    xpos,
                    head,
                    deprel,
                }
            })
            .collect();
        passive_agents(&mut tokens);
        Sentence { tokens }
    }

    /// The parser's arcs, a news dateline apart: the words before the dash are parsed as a
    /// fragment of their own and hang on the root of the sentence after it ("parataxis"), the
    /// dash is its punctuation; so the place cannot become the subject of the report.
    fn parse_arcs(&self, words: &[&str], keys: &[crate::tagger::WordKeys], tags: &[usize]) -> Vec<(usize, usize)> {
        let label = |l: &str| self.parser.labels.iter().position(|x| x == l);
        let (Some(k), Some(para), Some(punct)) = (dateline_dash(words), label("parataxis"), label("punct")) else {
            return self.parser.parse_keys(keys, tags);
        };
        let head = self.parser.parse_keys(&keys[..k], &tags[..k]);
        let body = self.parser.parse_keys(&keys[k + 1..], &tags[k + 1..]);
        // The body's root, as a word number of the whole sentence.
        let root = body.iter().position(|&(h, _)| h == 0).map_or(k + 2, |i| k + 2 + i);
        let mut arcs: Vec<(usize, usize)> =
            head.into_iter().map(|(h, l)| if h == 0 { (root, para) } else { (h, l) }).collect();
        arcs.push((root, punct));
        arcs.extend(body.into_iter().map(|(h, l)| (if h == 0 { 0 } else { h + k + 1 }, l)));
        arcs
    }

    /// Sets the lemma table from a treebank, as training does: a model so changed has the bytes
    /// that training anew on the same treebank gives, when only the lemma rules have changed.
    pub fn set_lemmas(&mut self, sentences: &[Sentence]) {
        self.lemmatizer = lemmatizer_of(sentences);
    }

    /// Sets the casing table from a treebank, as training does.
    pub fn set_truecase(&mut self, sentences: &[Sentence]) {
        self.truecase = truecase_table(sentences);
    }

    /// Drops the tagger's and parser's weights below the given magnitudes.
    pub fn prune(&mut self, tagger_min: f32, parser_min: f32) {
        self.tagger.prune(tagger_min);
        self.parser.prune(parser_min);
    }

    /// What the model holds, for the record: tag classes, labels, parser weights.
    pub fn summary(&self) -> String {
        format!(
            "{} tag classes, {} relations, {} parser weights",
            self.classes.len(),
            self.parser.labels.len(),
            self.parser.n_weights()
        )
    }
}
