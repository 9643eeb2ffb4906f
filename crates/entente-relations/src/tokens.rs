//! A sentence as the extractor sees it: word tokens with their punctuation, and the actor
//! occurrences laid over them.

use std::borrow::Cow;

use entente_core::{ActorKind, Mention, MentionRole};

/// One word of the sentence. Hyphenated words are split ("cyber-security" is two tokens joined
/// by a hyphen), and a possessive ending is taken off and remembered.
#[derive(Debug, Clone)]
pub struct Token<'t> {
    /// Byte offsets into the article's text.
    pub start: usize,
    pub end: usize,
    /// Lowercased, without the possessive ending (a slice of the text when it is so already,
    /// as most words are).
    pub lower: Cow<'t, str>,
    pub possessive: bool,
    /// Joined to the previous token by a hyphen.
    pub hyphen_before: bool,
    /// Punctuation between the previous token and this one (",", ";", ":", "(", ")", "—").
    pub punct_before: Option<char>,
    /// The actor occurrence this token belongs to.
    pub actor: Option<usize>,
}

impl Token<'_> {
    /// The lowercase form.
    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// The original spelling (for case-sensitive cues such as "IT"); `text` is the text the
    /// token's offsets index.
    pub fn raw<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// An actor named in the sentence: one mention, or several that share a span ("the two
/// countries" names two actors).
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// Token range `first..=last`.
    pub first: usize,
    pub last: usize,
    /// Codes with their names and kinds, in the order the mentions came.
    pub actors: Vec<(Cow<'static, str>, Cow<'static, str>, ActorKind)>,
    pub role: MentionRole,
    pub possessive: bool,
    /// "anti-ISIS": the actor is what something is against.
    pub anti: bool,
}

impl Occurrence {
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.actors.iter().map(|(c, _, _)| &**c)
    }
}

/// One word piece of `text[start..end]` as the tokenizer cuts it, before it becomes a
/// [`Token`] (its text is passed beside it).
struct Piece {
    start: usize,
    end: usize,
    possessive: bool,
    hyphen_before: bool,
    punct_before: Option<char>,
}

/// Cuts `text[start..end]` into pieces and hands each, with its text, to `emit` (which writes
/// its lowercase form where it keeps it, with [`push_lower_without_apostrophes`]).
fn pieces<'t>(text: &'t str, start: usize, end: usize, mut emit: impl FnMut(Piece, &'t str)) {
    let sentence = &text[start..end];
    let mut prev_end = 0;
    for w in entente_text::words(sentence) {
        let gap = &sentence[prev_end..w.start];
        // Most gaps are one space: nothing to look for there.
        let punct = if gap == " " {
            None
        } else {
            let punct = gap
                .chars()
                .rev()
                .find(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}' | '"' | '?' | '!' | '.'));
            // A spaced dash is a clause break; "-" between words is not.
            punct.or_else(|| (gap.len() >= 3 && gap.contains(" - ")).then_some('\u{2014}'))
        };
        let word = &sentence[w.start..w.end];
        // Trailing possessive: "Israel's", "countries'".
        let wb = word.as_bytes();
        let n = wb.len();
        let (core, possessive) = if n >= 2 && wb[n - 2] == b'\'' && wb[n - 1] | 0x20 == b's' {
            (&word[..n - 2], true)
        } else if sentence.as_bytes().get(w.end) == Some(&b'\'') {
            let after = &sentence[w.end..];
            (word, word.ends_with(['s', 'S']) && !after[1..].starts_with(entente_text::is_alphanumeric))
        } else {
            (word, false)
        };
        let core = if core.ends_with('.') { core.trim_end_matches('.') } else { core };
        let core = if core.is_empty() { word } else { core };
        let dash_gap = gap.starts_with('-') && gap.trim() == "-";
        // A word without a hyphen is one piece (most words); a number range ("1990-1995")
        // stays whole; other words split at hyphens.
        let hyphens = if core.bytes().any(|b| b == b'-') { core.bytes().filter(|&b| b == b'-').count() } else { 0 };
        if hyphens == 0 || core.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            let s = start + w.start;
            let p = Piece {
                start: s,
                end: s + core.len(),
                possessive,
                // "U.S.- Japanese" is joined like "U.S.-Japanese".
                hyphen_before: dash_gap,
                punct_before: if dash_gap { None } else { punct },
            };
            emit(p, core);
            prev_end = w.end;
            continue;
        }
        let mut first = true;
        let mut offset = w.start;
        let npieces = hyphens + 1;
        for (i, piece) in core.split('-').enumerate() {
            if piece.is_empty() {
                offset += 1;
                continue;
            }
            let s = start + offset;
            let p = Piece {
                start: s,
                end: s + piece.len(),
                possessive: possessive && i + 1 == npieces,
                hyphen_before: !first || (i == 0 && dash_gap),
                punct_before: if first && !dash_gap { punct } else { None },
            };
            emit(p, piece);
            first = false;
            offset += piece.len() + 1;
        }
        prev_end = w.end;
    }
}

/// The tokens of `text[start..end]`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    // About one token in six bytes of news text.
    let mut out: Vec<Token<'_>> = Vec::with_capacity((end - start) / 6 + 1);
    pieces(text, start, end, |p, piece| {
        let lower = if is_lower(piece) {
            Cow::Borrowed(piece)
        } else {
            let mut lower = String::with_capacity(piece.len());
            push_lower_without_apostrophes(piece, &mut lower);
            Cow::Owned(lower)
        };
        out.push(Token {
            start: p.start,
            end: p.end,
            lower,
            possessive: p.possessive,
            hyphen_before: p.hyphen_before,
            punct_before: p.punct_before,
            actor: None,
        })
    });
    out
}

/// The lowercase words of a span and where clauses break, without a [`Token`] each: what
/// counting a paragraph's sector words needs (it reads every paragraph that has a relation).
/// A word already in lower case (most of them) is a slice of the text, not a copy.
pub struct Words<'t> {
    text: &'t str,
    /// The lowercase forms of the words that are not already so.
    lower: String,
    /// (start, end) in `text`, or in `lower` when `copied`; whether clause punctuation stands
    /// before the word; whether it was copied.
    words: Vec<(u32, u32, bool, bool)>,
}

impl<'t> Words<'t> {
    pub fn of(text: &'t str, start: usize, end: usize) -> Words<'t> {
        let mut w = Words { text, lower: String::new(), words: Vec::with_capacity((end - start) / 6 + 1) };
        pieces(text, start, end, |p, piece| {
            let clause = clause_break(p.punct_before);
            if is_lower(piece) {
                w.words.push((p.start as u32, p.end as u32, clause, false));
            } else {
                let a = w.lower.len() as u32;
                push_lower_without_apostrophes(piece, &mut w.lower);
                w.words.push((a, w.lower.len() as u32, clause, true));
            }
        });
        w
    }
}

/// Punctuation before a word that a phrase may not run across.
pub fn clause_break(punct: Option<char>) -> bool {
    matches!(punct, Some(',' | ';' | ':' | '\u{2014}'))
}

/// A run of words a phrase index can be matched against.
pub trait WordSeq {
    fn count(&self) -> usize;
    fn lower(&self, i: usize) -> &str;
    /// The word belongs to an actor (phrases never include one).
    fn is_actor(&self, i: usize) -> bool;
    fn breaks_before(&self, i: usize) -> bool;
}

impl WordSeq for [Token<'_>] {
    fn count(&self) -> usize {
        self.len()
    }
    fn lower(&self, i: usize) -> &str {
        &self[i].lower
    }
    fn is_actor(&self, i: usize) -> bool {
        self[i].actor.is_some()
    }
    fn breaks_before(&self, i: usize) -> bool {
        clause_break(self[i].punct_before)
    }
}

impl WordSeq for Words<'_> {
    fn count(&self) -> usize {
        self.words.len()
    }
    fn lower(&self, i: usize) -> &str {
        let (a, b, _, copied) = self.words[i];
        let from = if copied { self.lower.as_str() } else { self.text };
        &from[a as usize..b as usize]
    }
    fn is_actor(&self, _: usize) -> bool {
        false
    }
    fn breaks_before(&self, i: usize) -> bool {
        self.words[i].2
    }
}

/// Whether a piece is its own lowercase form: ASCII with no capital and no apostrophe.
fn is_lower(piece: &str) -> bool {
    piece.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'\'')
}

/// `piece` lowercased without its apostrophes, appended to `out`.
fn push_lower_without_apostrophes(piece: &str, out: &mut String) {
    if piece.is_ascii() {
        let at = out.len();
        if piece.bytes().any(|b| b == b'\'') {
            out.extend(piece.split('\''));
        } else {
            out.push_str(piece);
        }
        if let Some(added) = out.get_mut(at..) {
            added.make_ascii_lowercase();
        }
    } else {
        out.extend(piece.to_lowercase().chars().filter(|&c| c != '\''));
    }
}

/// Lays the mentions that fall inside the sentence over its tokens. Mentions that share a span
/// become one occurrence with several actors.
pub fn occurrences(tokens: &mut [Token<'_>], mentions: &[&Mention]) -> Vec<Occurrence> {
    let mut occ: Vec<Occurrence> = Vec::new();
    for m in mentions {
        // The tokens the mention overlaps: a range, as tokens are in order and do not overlap.
        let first = tokens.partition_point(|t| t.end <= m.start);
        let end = tokens.partition_point(|t| t.start < m.end);
        if first >= end {
            continue;
        }
        let last = end - 1;
        // The output shows who acts for the code: an organisation or office holder, else the actor.
        let (name, kind) = m.shown();
        let actor = (m.code.clone(), name, kind);
        if let Some(o) = occ.iter_mut().find(|o| o.first == first && o.last == last) {
            if !o.actors.iter().any(|a| a.0 == actor.0) {
                o.actors.push(actor);
            }
            continue;
        }
        // A mention inside another one (a name inside a title phrase) adds nothing.
        if occ.iter().any(|o| o.first <= first && last <= o.last) {
            continue;
        }
        let anti = first > 0
            && tokens[first].hyphen_before
            && matches!(tokens[first - 1].lower(), "anti" | "counter" | "non" | "ex" | "post" | "pre");
        occ.push(Occurrence {
            first,
            last,
            actors: vec![actor],
            role: m.role,
            // "Its exports": a possessive pronoun standing for the actor.
            possessive: tokens[last].possessive
                || (m.role == MentionRole::Coreference
                    && matches!(tokens[last].lower(), "its" | "their" | "his" | "her")),
            anti,
        });
    }
    occ.sort_by_key(|o| o.first);
    // Drop occurrences swallowed by a longer one that came later in the list.
    let mut kept: Vec<Occurrence> = Vec::new();
    for o in occ {
        if let Some(prev) = kept.last() {
            if o.first <= prev.last {
                continue;
            }
        }
        kept.push(o);
    }
    for (i, o) in kept.iter().enumerate() {
        for t in &mut tokens[o.first..=o.last] {
            t.actor = Some(i);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_hyphens_and_possessives() {
        let s = "Israel's anti-ISIS push, in the countries' cyber-security; 1,200 troops - then 2016-17.";
        let t = tokenize(s, 0, s.len());
        let words: Vec<&str> = t.iter().map(|t| t.lower()).collect();
        assert_eq!(
            words,
            vec![
                "israel",
                "anti",
                "isis",
                "push",
                "in",
                "the",
                "countries",
                "cyber",
                "security",
                "1,200",
                "troops",
                "then",
                "2016-17"
            ]
        );
        assert!(t[0].possessive);
        assert_eq!(&s[t[0].start..t[0].end], "Israel");
        assert!(t[2].hyphen_before);
        assert_eq!(t[4].punct_before, Some(','));
        assert!(t[6].possessive);
        assert_eq!(t[9].punct_before, Some(';'));
        assert_eq!(t[11].punct_before, Some('\u{2014}'));
    }
}
