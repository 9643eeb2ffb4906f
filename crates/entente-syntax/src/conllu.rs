//! CoNLL-U, the format of Universal Dependencies treebanks: reading and writing.
//!
//! Multiword-token lines (`3-4`) and empty nodes (`5.1`) are skipped on reading: a [`Sentence`]
//! holds the syntactic words. Token offsets index the sentence's forms joined by single spaces.

use crate::{Sentence, Token, Upos};

/// What is wrong with a CoNLL-U text, and on which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConlluError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Reads every sentence of a CoNLL-U text.
pub fn read(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut offset = 0usize;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            offset = 0;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let err = |message: String| ConlluError { line: n + 1, message };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!("{} columns, not 10", cols.len())));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let id: usize = cols[0].parse().map_err(|_| err(format!("word id {:?} is not a number", cols[0])))?;
        if id != cur.tokens.len() + 1 {
            return Err(err(format!("word id {id} where {} was expected", cur.tokens.len() + 1)));
        }
        let upos = Upos::parse(cols[3]).ok_or_else(|| err(format!("unknown UPOS {:?}", cols[3])))?;
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| err(format!("head {:?} is not a number", cols[6])))?
        };
        if offset > 0 {
            offset += 1;
        }
        let form = cols[1].to_string();
        let start = offset;
        offset += form.len();
        cur.tokens.push(Token {
            start,
            end: offset,
            form,
            lemma: cols[2].to_string(),
            upos,
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    for s in &out {
        let n = s.tokens.len();
        if let Some(t) = s.tokens.iter().find(|t| t.head > n) {
            return Err(ConlluError {
                line: 0,
                message: format!("head {} past the sentence's {n} words ({:?})", t.head, t.form),
            });
        }
    }
    Ok(out)
}

/// A sentence of a CoNLL-U file with what [`read`] leaves out: its comment lines and its
/// multiword-token lines, so that a file annotated anew keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    /// Comment lines, with their `#`.
    pub comments: Vec<String>,
    /// Multiword-token and empty-node lines, each with the number of words before it.
    pub extra: Vec<(usize, String)>,
    pub sentence: Sentence,
}

/// Reads every sentence of a CoNLL-U text with its comments and multiword lines; the
/// sentences are those [`read`] gives.
pub fn read_blocks(text: &str) -> Result<Vec<Block>, ConlluError> {
    let sentences = read(text)?;
    let mut blocks = Vec::with_capacity(sentences.len());
    let mut cur = Block::default();
    let mut words = 0;
    let mut has_words = false;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if has_words {
                blocks.push(std::mem::take(&mut cur));
            }
            has_words = false;
            words = 0;
        } else if line.starts_with('#') {
            cur.comments.push(line.to_string());
        } else {
            let id = line.split('\t').next().unwrap_or("");
            if id.contains('-') || id.contains('.') {
                cur.extra.push((words, line.to_string()));
            } else {
                words += 1;
                has_words = true;
            }
        }
    }
    if has_words {
        blocks.push(cur);
    }
    for (b, s) in blocks.iter_mut().zip(sentences) {
        b.sentence = s;
    }
    Ok(blocks)
}

/// Writes a block: its comments, then its words with its multiword lines in their places.
pub fn write_block(b: &Block, out: &mut String) {
    for c in &b.comments {
        out.push_str(c);
        out.push('\n');
    }
    let mut words = String::new();
    write(&b.sentence, &mut words);
    let mut extra = b.extra.iter().peekable();
    for (i, line) in words.lines().filter(|l| !l.is_empty()).enumerate() {
        while let Some((_, e)) = extra.next_if(|(at, _)| *at == i) {
            out.push_str(e);
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    for (_, e) in extra {
        out.push_str(e);
        out.push('\n');
    }
    out.push('\n');
}

/// Writes a sentence as CoNLL-U lines (no comment lines), ending with the blank line.
pub fn write(s: &Sentence, out: &mut String) {
    for (i, t) in s.tokens.iter().enumerate() {
        let field = |v: &str| if v.is_empty() { "_".to_string() } else { v.to_string() };
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_\n",
            i + 1,
            field(&t.form),
            field(&t.lemma),
            t.upos,
            field(&t.xpos),
            t.head,
            field(&t.deprel)
        ));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "# text = Chile sold copper to Japan.\n\
1\tChile\tChile\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tsold\tsell\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tcopper\tcopper\tNOUN\tNN\t_\t2\tobj\t_\t_\n\
4\tto\tto\tADP\tIN\t_\t5\tcase\t_\t_\n\
5\tJapan\tJapan\tPROPN\tNNP\t_\t2\tobl\t_\t_\n\
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_heads_and_relations() {
        let s = &read(SMALL).unwrap()[0];
        assert_eq!(s.tokens.len(), 6);
        assert_eq!(s.tokens[1].lemma, "sell");
        assert_eq!(s.head_of(4), Some(1));
        assert_eq!(s.children(1).collect::<Vec<_>>(), vec![0, 2, 4, 5]);
        assert_eq!((s.tokens[4].start, s.tokens[4].end), (21, 26));
    }

    #[test]
    fn writes_what_it_reads() {
        let s = read(SMALL).unwrap();
        let mut out = String::new();
        write(&s[0], &mut out);
        assert_eq!(read(&out).unwrap(), s);
    }

    #[test]
    fn blocks_keep_comments_and_multiword_lines() {
        let text = "# sent_id = a1\n# text = We don't.\n1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        let blocks = read_blocks(text).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].comments.len(), 2);
        assert_eq!(blocks[0].extra, vec![(1, "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_".to_string())]);
        assert_eq!(blocks[0].sentence, read(text).unwrap()[0]);
        let mut out = String::new();
        write_block(&blocks[0], &mut out);
        assert_eq!(out.lines().nth(3), Some("2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_"));
        assert_eq!(read_blocks(&out).unwrap(), blocks);
    }

    #[test]
    fn names_the_line_that_is_wrong() {
        let e = read("1\tA\ta\tNOPE\tNN\t_\t0\troot\t_\t_\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("NOPE"));
    }
}
