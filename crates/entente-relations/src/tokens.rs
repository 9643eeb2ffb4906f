//! A sentence as the extractor sees it: word tokens with their punctuation, and the actor
//! occurrences laid over them.

use entente_core::{ActorKind, Mention, MentionRole};

/// One word of the sentence. Hyphenated words are split ("cyber-security" is two tokens joined
/// by a hyphen), and a possessive ending is taken off and remembered.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte offsets into the article's text.
    pub start: usize,
    pub end: usize,
    /// Lowercased, without the possessive ending.
    pub lower: String,
    pub possessive: bool,
    /// Joined to the previous token by a hyphen.
    pub hyphen_before: bool,
    /// Punctuation between the previous token and this one (",", ";", ":", "(", ")", "—").
    pub punct_before: Option<char>,
    /// The actor occurrence this token belongs to.
    pub actor: Option<usize>,
}

impl Token {
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
    pub actors: Vec<(String, String, ActorKind)>,
    pub role: MentionRole,
    pub possessive: bool,
    /// "anti-ISIS": the actor is what something is against.
    pub anti: bool,
}

impl Occurrence {
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.actors.iter().map(|(c, _, _)| c.as_str())
    }
}

/// The tokens of `text[start..end]`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let sentence = &text[start..end];
    // About one token in six bytes of news text.
    let mut out: Vec<Token> = Vec::with_capacity(sentence.len() / 6 + 1);
    let mut prev_end = 0;
    for w in entente_text::words(sentence) {
        let gap = &sentence[prev_end..w.start];
        let punct = gap
            .chars()
            .rev()
            .find(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}' | '"' | '?' | '!' | '.'));
        // A spaced dash is a clause break; "-" between words is not.
        let punct = punct.or_else(|| gap.contains(" - ").then_some('\u{2014}'));
        let word = &sentence[w.start..w.end];
        // Trailing possessive: "Israel's", "countries'".
        let (core, possessive) = if let Some(c) = word.strip_suffix("'s").or_else(|| word.strip_suffix("'S")) {
            (c, true)
        } else {
            let after = &sentence[w.end..];
            (
                word,
                after.starts_with('\'') && word.ends_with(['s', 'S']) && !after[1..].starts_with(char::is_alphanumeric),
            )
        };
        let core = core.trim_end_matches('.');
        let core = if core.is_empty() { word } else { core };
        let mut first = true;
        let mut offset = w.start;
        let keep_whole = core.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        // A number range ("1990-1995") stays whole ('\0' never occurs in it); other words split at hyphens.
        let (hyphen, npieces) = if keep_whole { ('\0', 1) } else { ('-', core.matches('-').count() + 1) };
        for (i, piece) in core.split(hyphen).enumerate() {
            if piece.is_empty() {
                offset += 1;
                continue;
            }
            let s = start + offset;
            let e = s + piece.len();
            out.push(Token {
                start: s,
                end: e,
                lower: lower_without_apostrophes(piece),
                possessive: possessive && i + 1 == npieces,
                // "U.S.- Japanese" is joined like "U.S.-Japanese".
                hyphen_before: !first || (i == 0 && gap.starts_with('-') && gap.trim() == "-"),
                punct_before: if first && !(gap.starts_with('-') && gap.trim() == "-") { punct } else { None },
                actor: None,
            });
            first = false;
            offset += piece.len() + 1;
        }
        prev_end = w.end;
    }
    out
}

/// `piece` lowercased without its apostrophes, in one allocation for ASCII (most words).
fn lower_without_apostrophes(piece: &str) -> String {
    if piece.is_ascii() {
        let mut lower = String::with_capacity(piece.len());
        lower.extend(piece.bytes().filter(|&b| b != b'\'').map(|b| char::from(b.to_ascii_lowercase())));
        lower
    } else {
        piece.to_lowercase().replace('\'', "")
    }
}

/// Lays the mentions that fall inside the sentence over its tokens. Mentions that share a span
/// become one occurrence with several actors.
pub fn occurrences(tokens: &mut [Token], mentions: &[&Mention]) -> Vec<Occurrence> {
    let mut occ: Vec<Occurrence> = Vec::new();
    for m in mentions {
        let covered: Vec<usize> =
            (0..tokens.len()).filter(|&i| tokens[i].start < m.end && m.start < tokens[i].end).collect();
        let (Some(&first), Some(&last)) = (covered.first(), covered.last()) else {
            continue;
        };
        let actor = (m.code.clone(), m.name.clone(), m.kind);
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
            && matches!(tokens[first - 1].lower.as_str(), "anti" | "counter" | "non" | "ex" | "post" | "pre");
        occ.push(Occurrence {
            first,
            last,
            actors: vec![actor],
            role: m.role,
            // "Its exports": a possessive pronoun standing for the actor.
            possessive: tokens[last].possessive
                || (m.role == MentionRole::Coreference
                    && matches!(tokens[last].lower.as_str(), "its" | "their" | "his" | "her")),
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
        let words: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
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
