//! A news-English tokeniser into syntactic words, as UD English EWT (and the Penn Treebank)
//! divides them: clitics split ("do" + "n't", "Israel" + "'s"), punctuation split from words
//! but kept inside abbreviations ("U.S.", "Mr."), currency signs split from amounts ("$" + "5"),
//! hyphenated words split at the hyphen unless the first part is a prefix ("post-war").
//! Each word carries its byte range in the text.

/// A word of the text: its byte range and its form (a slice of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub form: &'a str,
}

const PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "extra", "inter", "intra", "macro", "micro", "mid", "multi", "neo",
    "non", "over", "post", "pre", "pro", "re", "semi", "self", "sub", "super", "trans", "ultra", "un", "under",
];

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev", "st", "jr", "sr",
    "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est", "adm", "maj", "cmdr", "gens", "pres",
];

const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

fn is_open(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '`' | '“' | '‘' | '«' | '$' | '£' | '€' | '¥' | '#' | '¿' | '¡')
}

fn is_close(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | ',' | ';' | ':' | '!' | '?' | '”' | '’' | '»' | '%' | '…')
}

/// Splits `text` into words.
pub fn tokenize(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunk(text, s, text.len(), &mut out);
    }
    out
}

fn push<'a>(text: &'a str, s: usize, e: usize, out: &mut Vec<Word<'a>>) {
    if s < e {
        out.push(Word { start: s, end: e, form: &text[s..e] });
    }
}

/// Whether a word ending in a period keeps it: "U.S.", "Mr.", "J.", "p.m.".
fn keeps_period(w: &str) -> bool {
    let body = &w[..w.len() - 1];
    if body.is_empty() {
        return false;
    }
    if body.contains('.') && body.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    let mut cs = body.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_uppercase();
    }
    ABBREVIATIONS.contains(&body.to_lowercase().as_str())
}

/// Where a clitic ("n't", "'s", "'re"...; straight or curly apostrophe) starts in a word that
/// has more before it: "can't" -> 2 ("ca" + "n't"), "Israel's" -> 6.
fn clitic_at(w: &str) -> Option<usize> {
    for cl in CLITICS {
        for apo in ["'", "’"] {
            let v = cl.replace('\'', apo);
            if w.len() > v.len()
                && w.is_char_boundary(w.len() - v.len())
                && w[w.len() - v.len()..].eq_ignore_ascii_case(&v)
            {
                return Some(w.len() - v.len());
            }
        }
    }
    None
}

fn chunk<'a>(text: &'a str, mut s: usize, mut e: usize, out: &mut Vec<Word<'a>>) {
    // Opening punctuation and currency signs.
    while s < e {
        let c = text[s..e].chars().next().unwrap_or(' ');
        let rest = &text[s + c.len_utf8()..e];
        if is_open(c) && !rest.is_empty() && !(c == '\'' && rest.starts_with(|r: char| r.is_ascii_digit())) {
            push(text, s, s + c.len_utf8(), out);
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Closing punctuation, the final period, clitics: collected from the right.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    loop {
        let w = &text[s..e];
        if w.is_empty() {
            break;
        }
        let c = w.chars().next_back().unwrap_or(' ');
        if w.len() > c.len_utf8() && (w.ends_with("...") || w.ends_with("--")) && w.len() > 3 {
            let k = if w.ends_with("...") { 3 } else { 2 };
            tail.push((e - k, e));
            e -= k;
            continue;
        }
        if w.len() > c.len_utf8() && is_close(c) {
            tail.push((e - c.len_utf8(), e));
            e -= c.len_utf8();
            continue;
        }
        if c == '.' && w.len() > 1 && !keeps_period(w) {
            tail.push((e - 1, e));
            e -= 1;
            continue;
        }
        if let Some(k) = clitic_at(w) {
            tail.push((s + k, e));
            e = s + k;
            continue;
        }
        let lower = w.to_lowercase();
        if (lower.ends_with("s'") || lower.ends_with("s’")) && w.len() > 2 {
            let k = if w.ends_with('’') { '’'.len_utf8() } else { 1 };
            tail.push((e - k, e));
            e -= k;
            continue;
        }
        break;
    }
    // Hyphens inside words, unless the first part is a prefix or the word is a number range.
    let w = &text[s..e];
    let first = w.split('-').next().unwrap_or("");
    let splits = w.contains('-')
        && w.len() > 2
        && !w.starts_with('-')
        && !w.ends_with('-')
        && !w.contains("--")
        && !PREFIXES.contains(&first.to_lowercase().as_str())
        && w.chars().any(|c| c.is_alphabetic());
    if splits {
        let mut p = s;
        for part in w.split('-') {
            push(text, p, p + part.len(), out);
            p += part.len();
            if p < e {
                push(text, p, p + 1, out);
                p += 1;
            }
        }
    } else {
        push(text, s, e, out);
    }
    for &(a, b) in tail.iter().rev() {
        push(text, a, b, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(t: &str) -> Vec<&str> {
        tokenize(t).into_iter().map(|w| w.form).collect()
    }

    #[test]
    fn clitics_abbreviations_and_amounts() {
        assert_eq!(forms("Israel's envoy didn't go."), ["Israel", "'s", "envoy", "did", "n't", "go", "."]);
        assert_eq!(
            forms("The U.S. paid $5 billion, 40%."),
            ["The", "U.S.", "paid", "$", "5", "billion", ",", "40", "%", "."]
        );
        assert_eq!(forms("Mr. Lee can't (yet)."), ["Mr.", "Lee", "ca", "n't", "(", "yet", ")", "."]);
        assert_eq!(forms("the allies' \"plan\""), ["the", "allies", "'", "\"", "plan", "\""]);
        assert_eq!(forms("in Indonesia's ports"), ["in", "Indonesia", "'s", "ports"]);
        assert_eq!(forms("Moscow’s WON'T"), ["Moscow", "’s", "WO", "N'T"]);
    }

    #[test]
    fn hyphens_as_ewt_splits_them() {
        assert_eq!(forms("a long-term deal"), ["a", "long", "-", "term", "deal"]);
        assert_eq!(forms("post-war talks"), ["post-war", "talks"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let t = "Moscow’s envoy — left.";
        for w in tokenize(t) {
            assert_eq!(&t[w.start..w.end], w.form);
        }
        assert!(tokenize("").is_empty());
        assert!(tokenize("   ").is_empty());
    }
}
