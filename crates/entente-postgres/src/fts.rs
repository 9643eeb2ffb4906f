//! Full-text search the way SQLite's FTS5 does it, so that both backends give the same hits in
//! the same order with the same snippets: FTS5's `unicode61` tokenizer (its own Unicode tables,
//! [`crate::fts_tables`], with `remove_diacritics=1`), its query syntax, its `bm25()` rank
//! (k1 = 1.2, b = 0.75) and its `snippet()`.
//!
//! PostgreSQL only narrows the search: each sentence keeps a `tsvector` of exactly these tokens
//! at their positions, and the query becomes a `tsquery` that every matching sentence
//! satisfies ([`Expr::tsquery`]); the candidates are then matched, ranked and cut here.

use crate::fts_tables::{BLOCK, CHAR, DATA, DIA, ENTRY, MAP, OFF};

/// A token of a text: its folded form and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// FTS5's `sqlite3Fts5UnicodeCategory`: the general category of a code point, as FTS5 numbers
/// them (0 for one its tables do not hold).
fn category(c: u32) -> usize {
    if c >= 1 << 20 {
        return 0;
    }
    let mut lo = BLOCK[(c >> 16) as usize] as usize;
    let mut hi = BLOCK[1 + (c >> 16) as usize] as usize;
    let key = (c & 0xFFFF) as u16;
    let mut res: Option<usize> = None;
    while hi > lo {
        let test = (hi + lo) / 2;
        if key >= MAP[test] {
            res = Some(test);
            lo = test + 1;
        } else {
            hi = test;
        }
    }
    let Some(res) = res else { return 0 };
    if u32::from(key) >= u32::from(MAP[res]) + u32::from(DATA[res] >> 5) {
        return 0;
    }
    let ret = (DATA[res] & 0x1F) as usize;
    if ret != 30 {
        return ret;
    }
    if (key - MAP[res]) & 1 == 1 {
        5
    } else {
        9
    }
}

/// Whether a category is a token character under the default `categories 'L* N* Co'` (and
/// category 0, which FTS5 always counts in).
fn token_category(cat: usize) -> bool {
    matches!(cat, 0 | 5 | 6 | 7 | 8 | 9 | 30 | 13 | 14 | 15 | 31)
}

/// FTS5's `sqlite3Fts5UnicodeIsdiacritic`.
fn is_diacritic(c: u32) -> bool {
    let (mask0, mask1): (u32, u32) = (0x08029FDF, 0x000361F8);
    if !(768..=817).contains(&c) {
        return false;
    }
    if c < 768 + 32 {
        mask0 & (1 << (c - 768)) != 0
    } else {
        mask1 & (1 << (c - 768 - 32)) != 0
    }
}

/// FTS5's `fts5_remove_diacritic` (simple, not complex).
fn remove_diacritic(c: u32) -> u32 {
    let key = (c << 3) | 7;
    let mut res = 0usize;
    let (mut lo, mut hi) = (0i64, DIA.len() as i64 - 1);
    while hi >= lo {
        let test = ((hi + lo) / 2) as usize;
        if key >= u32::from(DIA[test]) {
            res = test;
            lo = test as i64 + 1;
        } else {
            hi = test as i64 - 1;
        }
    }
    if CHAR[res] & 0x80 != 0 {
        return c;
    }
    let base = u32::from(DIA[res] >> 3) + u32::from(DIA[res] & 7);
    if c > base {
        c
    } else {
        u32::from(CHAR[res] & 0x7F)
    }
}

/// FTS5's `sqlite3Fts5UnicodeFold` with `remove_diacritics=1`.
fn fold(c: u32) -> u32 {
    if c < 128 {
        return if (65..=90).contains(&c) { c + 32 } else { c };
    }
    if c < 65536 {
        let mut ret = c;
        let (mut lo, mut hi) = (0i64, ENTRY.len() as i64 - 1);
        let mut res = 0usize;
        while hi >= lo {
            let test = ((hi + lo) / 2) as usize;
            if c >= u32::from(ENTRY[test].0) {
                res = test;
                lo = test as i64 + 1;
            } else {
                hi = test as i64 - 1;
            }
        }
        let (code, flags, range) = ENTRY[res];
        let (code, flags) = (u32::from(code), u32::from(flags));
        if c < code + u32::from(range) && 0 == (1 & flags & (code ^ c)) {
            ret = (c + u32::from(OFF[(flags >> 1) as usize])) & 0xFFFF;
        }
        return remove_diacritic(ret);
    }
    if (66560..66600).contains(&c) {
        return c + 40;
    }
    c
}

fn is_token_char(c: char) -> bool {
    let c = c as u32;
    if c < 128 {
        // FTS5's ASCII table, from the same categories: letters and digits.
        return c != 0 && (c as u8).is_ascii_alphanumeric();
    }
    token_category(category(c))
}

/// The tokens of `text` as FTS5's `unicode61` tokenizer gives them.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if !is_token_char(c) {
            chars.next();
            continue;
        }
        let mut folded = String::new();
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            let ascii = (c as u32) < 128;
            if ascii && !is_token_char(c) {
                break;
            }
            if !ascii && !is_token_char(c) && !is_diacritic(c as u32) {
                break;
            }
            let f = fold(c as u32);
            if f != 0 {
                if let Some(fc) = char::from_u32(f) {
                    folded.push(fc);
                }
            }
            end = i + c.len_utf8();
            chars.next();
        }
        out.push(Token { text: folded, start, end });
    }
    out
}

/// The `tsvector` literal of a text's tokens, with their positions (1-based, as PostgreSQL
/// counts them; FTS5 counts from 0). Tokens too long for a lexeme (2 KiB) are left out: such a
/// token can then not be searched for.
pub fn tsvector(tokens: &[Token]) -> String {
    let mut positions: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, t) in tokens.iter().enumerate() {
        if !t.text.is_empty() && t.text.len() < 2046 {
            positions.entry(t.text.as_str()).or_default().push((i + 1).min(16383));
        }
    }
    let mut out = String::new();
    for (lexeme, pos) in positions {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&lexeme_literal(lexeme));
        out.push(':');
        let list: Vec<String> = pos.iter().take(255).map(|p| p.to_string()).collect();
        out.push_str(&list.join(","));
    }
    out
}

fn lexeme_literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
}

/// A term of a phrase: a token, or a prefix of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub prefix: bool,
}

impl Term {
    fn matches(&self, token: &str) -> bool {
        if self.prefix {
            token.starts_with(&self.text)
        } else {
            token == self.text
        }
    }
}

/// A phrase of a query: its terms in order, and whether it must start the text (`^`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub terms: Vec<Term>,
    pub first: bool,
}

impl Phrase {
    /// The positions (0-based) where the phrase starts in `tokens`.
    pub fn positions(&self, tokens: &[String]) -> Vec<usize> {
        if self.terms.is_empty() || tokens.len() < self.terms.len() {
            return Vec::new();
        }
        let last = if self.first { 0 } else { tokens.len() - self.terms.len() };
        (0..=last).filter(|&p| self.terms.iter().enumerate().all(|(i, t)| t.matches(&tokens[p + i]))).collect()
    }

    fn tsquery(&self) -> Option<String> {
        if self.terms.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|t| format!("{}{}", lexeme_literal(&t.text), if t.prefix { ":*" } else { "" }))
            .collect();
        Some(if parts.len() == 1 { parts[0].clone() } else { format!("({})", parts.join(" <-> ")) })
    }
}

/// A parsed FTS5 query. Phrases are numbered in the order they appear (FTS5's phrase numbers).
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// One phrase, or several within `near` tokens of each other (`NEAR(...)`).
    Near {
        phrases: Vec<usize>,
        near: Option<usize>,
    },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>, Box<Expr>),
}

/// A query: its expression and its phrases.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub expr: Expr,
    pub phrases: Vec<Phrase>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lp,
    Rp,
    Lcp,
    Rcp,
    Colon,
    Comma,
    Plus,
    Star,
    Minus,
    Caret,
    And,
    Or,
    Not,
    /// A bareword or a quoted string (unquoted), and whether it was quoted.
    Str(String, bool),
}

fn bareword(c: char) -> bool {
    (c as u32) >= 0x80 || c.is_ascii_alphanumeric() || c == '_' || c == '\u{1a}'
}

fn lex(text: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some(&(i, c)) = it.peek() {
        let single = match c {
            ' ' | '\t' | '\n' | '\r' => {
                it.next();
                continue;
            }
            '\0' => break,
            '(' => Some(Tok::Lp),
            ')' => Some(Tok::Rp),
            '{' => Some(Tok::Lcp),
            '}' => Some(Tok::Rcp),
            ':' => Some(Tok::Colon),
            ',' => Some(Tok::Comma),
            '+' => Some(Tok::Plus),
            '*' => Some(Tok::Star),
            '-' => Some(Tok::Minus),
            '^' => Some(Tok::Caret),
            _ => None,
        };
        if let Some(t) = single {
            out.push(t);
            it.next();
            continue;
        }
        if c == '"' {
            it.next();
            let mut s = String::new();
            loop {
                match it.next() {
                    None | Some((_, '\0')) => return Err("unterminated string".into()),
                    Some((_, '"')) => {
                        if matches!(it.peek(), Some((_, '"'))) {
                            s.push('"');
                            it.next();
                        } else {
                            break;
                        }
                    }
                    Some((_, ch)) => s.push(ch),
                }
            }
            out.push(Tok::Str(s, true));
            continue;
        }
        if !bareword(c) {
            return Err(format!("fts5: syntax error near \"{c}\""));
        }
        let mut end = i;
        while let Some(&(j, ch)) = it.peek() {
            if !bareword(ch) {
                break;
            }
            end = j + ch.len_utf8();
            it.next();
        }
        let word = &text[i..end];
        out.push(match word {
            "OR" => Tok::Or,
            "NOT" => Tok::Not,
            "AND" => Tok::And,
            _ => Tok::Str(word.to_string(), false),
        });
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
    phrases: Vec<Phrase>,
    /// Phrases left out of the query (see [`Parser::primary`]).
    dropped: std::collections::BTreeSet<usize>,
}

fn describe(t: Option<&Tok>) -> String {
    match t {
        None => String::new(),
        Some(Tok::Str(s, _)) => s.clone(),
        Some(t) => match t {
            Tok::Lp => "(",
            Tok::Rp => ")",
            Tok::Lcp => "{",
            Tok::Rcp => "}",
            Tok::Colon => ":",
            Tok::Comma => ",",
            Tok::Plus => "+",
            Tok::Star => "*",
            Tok::Minus => "-",
            Tok::Caret => "^",
            Tok::And => "AND",
            Tok::Or => "OR",
            Tok::Not => "NOT",
            Tok::Str(..) => unreachable!("handled above"),
        }
        .to_string(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }
    fn peek2(&self) -> Option<&Tok> {
        self.toks.get(self.at + 1)
    }
    fn error(&self) -> String {
        format!("fts5: syntax error near \"{}\"", describe(self.peek()))
    }
    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// expr ::= expr OR expr (lowest), AND, NOT (highest), left-associative.
    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.eat(&Tok::Or) {
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.not()?;
        while self.eat(&Tok::And) {
            let right = self.not()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn not(&mut self) -> Result<Expr, String> {
        let mut left = self.primary()?;
        while self.eat(&Tok::Not) {
            let right = self.primary()?;
            left = Expr::Not(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    /// `( expr )`, `colset : ( expr )`, or a run of near-sets (an implicit AND).
    fn primary(&mut self) -> Result<Expr, String> {
        if self.eat(&Tok::Lp) {
            let e = self.or()?;
            if !self.eat(&Tok::Rp) {
                return Err(self.error());
            }
            return Ok(e);
        }
        if self.colset_ahead() {
            self.colset()?;
            if !self.eat(&Tok::Colon) {
                return Err(self.error());
            }
            if self.eat(&Tok::Lp) {
                let e = self.or()?;
                if !self.eat(&Tok::Rp) {
                    return Err(self.error());
                }
                return Ok(e);
            }
        }
        // An implicit AND drops the near-sets that match nothing (a phrase without a token,
        // as `"—"`), as FTS5's sqlite3Fts5ParseImplicitAnd does; all of them, but the first
        // when none is left.
        let mut items = vec![self.nearset()?];
        while self.nearset_ahead() {
            if self.colset_ahead() {
                self.colset()?;
                if !self.eat(&Tok::Colon) {
                    return Err(self.error());
                }
            }
            let right = self.nearset()?;
            if self.is_empty(&right) {
                self.drop(&right);
            } else if items.len() == 1 && self.is_empty(&items[0]) {
                let first = items.remove(0);
                self.drop(&first);
                items.push(right);
            } else {
                items.push(right);
            }
        }
        let mut items = items.into_iter();
        let first = items.next().expect("one near-set at least");
        Ok(items.fold(first, |left, right| Expr::And(Box::new(left), Box::new(right))))
    }

    /// Whether a near-set has a phrase without a token (it matches nothing).
    fn is_empty(&self, e: &Expr) -> bool {
        matches!(e, Expr::Near { phrases, .. } if phrases.iter().any(|&i| self.phrases[i].terms.is_empty()))
    }

    /// Leaves a near-set's phrases out of the query.
    fn drop(&mut self, e: &Expr) {
        if let Expr::Near { phrases, .. } = e {
            self.dropped.extend(phrases.iter().copied());
        }
    }

    fn nearset_ahead(&self) -> bool {
        matches!(self.peek(), Some(Tok::Str(..) | Tok::Caret | Tok::Lcp | Tok::Minus))
    }

    /// A column filter comes next: `text :`, `{text} :`, `- text :`.
    fn colset_ahead(&self) -> bool {
        match self.peek() {
            Some(Tok::Lcp | Tok::Minus) => true,
            Some(Tok::Str(..)) => self.peek2() == Some(&Tok::Colon),
            _ => false,
        }
    }

    /// A column filter; the only column is `text`, and filtering it out leaves nothing.
    fn colset(&mut self) -> Result<(), String> {
        let minus = self.eat(&Tok::Minus);
        let mut names = Vec::new();
        if self.eat(&Tok::Lcp) {
            while let Some(Tok::Str(s, _)) = self.peek().cloned() {
                names.push(s);
                self.at += 1;
            }
            if names.is_empty() || !self.eat(&Tok::Rcp) {
                return Err(self.error());
            }
        } else if let Some(Tok::Str(s, _)) = self.peek().cloned() {
            names.push(s);
            self.at += 1;
        } else {
            return Err(self.error());
        }
        for n in &names {
            if !n.eq_ignore_ascii_case("text") {
                return Err(format!("no such column: {n}"));
            }
        }
        if minus {
            return Err("a column filter that excludes the only column (text) matches nothing".into());
        }
        Ok(())
    }

    fn nearset(&mut self) -> Result<Expr, String> {
        if self.eat(&Tok::Caret) {
            let mut p = self.phrase()?;
            p.first = true;
            return Ok(self.push(vec![p], None));
        }
        if let (Some(Tok::Str(word, false)), Some(Tok::Lp)) = (self.peek(), self.peek2()) {
            if word != "NEAR" {
                return Err(format!("fts5: syntax error near \"{word}\""));
            }
            self.at += 2;
            let mut phrases = vec![self.phrase()?];
            while matches!(self.peek(), Some(Tok::Str(..))) {
                phrases.push(self.phrase()?);
            }
            let mut near = 10;
            if self.eat(&Tok::Comma) {
                match self.peek().cloned() {
                    Some(Tok::Str(n, _)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                        near = n.parse::<usize>().map_err(|_| format!("expected integer, got \"{n}\""))?;
                        self.at += 1;
                    }
                    Some(Tok::Str(n, _)) => return Err(format!("expected integer, got \"{n}\"")),
                    _ => return Err(self.error()),
                }
            }
            if !self.eat(&Tok::Rp) {
                return Err(self.error());
            }
            return Ok(self.push(phrases, Some(near)));
        }
        let p = self.phrase()?;
        Ok(self.push(vec![p], None))
    }

    fn push(&mut self, phrases: Vec<Phrase>, near: Option<usize>) -> Expr {
        let first = self.phrases.len();
        self.phrases.extend(phrases);
        Expr::Near { phrases: (first..self.phrases.len()).collect(), near }
    }

    /// phrase ::= STRING [*] (+ STRING [*])*
    fn phrase(&mut self) -> Result<Phrase, String> {
        let mut terms = Vec::new();
        loop {
            let Some(Tok::Str(s, _)) = self.peek().cloned() else {
                return Err(self.error());
            };
            self.at += 1;
            let mut new: Vec<Term> = tokenize(&s).into_iter().map(|t| Term { text: t.text, prefix: false }).collect();
            if self.eat(&Tok::Star) {
                if let Some(last) = new.last_mut() {
                    last.prefix = true;
                }
            }
            terms.append(&mut new);
            if !self.eat(&Tok::Plus) {
                break;
            }
        }
        Ok(Phrase { terms, first: false })
    }
}

/// Parses an FTS5 query; the error is FTS5's message, or close to it.
pub fn parse(text: &str) -> Result<Query, String> {
    let toks = lex(text)?;
    if toks.is_empty() {
        return Err("fts5: syntax error near \"\"".into());
    }
    let mut p = Parser { toks, at: 0, phrases: Vec::new(), dropped: Default::default() };
    let mut expr = p.or()?;
    if p.at < p.toks.len() {
        return Err(p.error());
    }
    // Number the phrases kept from 0, in order.
    let mut new_index = Vec::with_capacity(p.phrases.len());
    let mut phrases = Vec::new();
    for (i, phrase) in p.phrases.into_iter().enumerate() {
        new_index.push(phrases.len());
        if !p.dropped.contains(&i) {
            phrases.push(phrase);
        }
    }
    renumber(&mut expr, &new_index);
    Ok(Query { expr, phrases })
}

fn renumber(e: &mut Expr, new_index: &[usize]) {
    match e {
        Expr::Near { phrases, .. } => phrases.iter_mut().for_each(|i| *i = new_index[*i]),
        Expr::And(a, b) | Expr::Or(a, b) | Expr::Not(a, b) => {
            renumber(a, new_index);
            renumber(b, new_index);
        }
    }
}

/// The instances of each phrase in a row that matches, or `None` if the row does not match.
pub type Instances = Vec<Vec<usize>>;

impl Query {
    /// A `tsquery` that every row matching the query satisfies (the candidates), or `None` when
    /// no row can match.
    pub fn tsquery(&self) -> Option<String> {
        self.ts(&self.expr).map(|(q, _)| q)
    }

    /// The tsquery of `e` and whether it is exact (matches exactly the rows `e` matches).
    fn ts(&self, e: &Expr) -> Option<(String, bool)> {
        match e {
            Expr::Near { phrases, near } => {
                let mut parts = Vec::new();
                let mut exact = near.is_none() || phrases.len() == 1;
                for &i in phrases {
                    parts.push(self.phrases[i].tsquery()?);
                    exact &= !self.phrases[i].first;
                }
                Some((if parts.len() == 1 { parts.remove(0) } else { format!("({})", parts.join(" & ")) }, exact))
            }
            Expr::And(a, b) => {
                let (a, ea) = self.ts(a)?;
                let (b, eb) = self.ts(b)?;
                Some((format!("({a} & {b})"), ea && eb))
            }
            Expr::Or(a, b) => match (self.ts(a), self.ts(b)) {
                (Some((a, ea)), Some((b, eb))) => Some((format!("({a} | {b})"), ea && eb)),
                (Some(x), None) | (None, Some(x)) => Some(x),
                (None, None) => None,
            },
            Expr::Not(a, b) => {
                let (a, ea) = self.ts(a)?;
                match self.ts(b) {
                    Some((b, true)) => Some((format!("({a} & !{b})"), ea)),
                    // Negating a looser query would drop rows that match: keep the left side.
                    Some((_, false)) => Some((a, false)),
                    None => Some((a, ea)),
                }
            }
        }
    }

    /// The phrase instances of a row of these tokens, if it matches.
    pub fn matches(&self, tokens: &[String]) -> Option<Instances> {
        let mut inst: Instances = vec![Vec::new(); self.phrases.len()];
        if self.eval(&self.expr, tokens, &mut inst) {
            Some(inst)
        } else {
            None
        }
    }

    /// Whether `e` matches; if so, its phrases' instances are recorded in `inst`.
    fn eval(&self, e: &Expr, tokens: &[String], inst: &mut Instances) -> bool {
        match e {
            Expr::Near { phrases, near } => {
                let lists: Vec<Vec<usize>> = phrases.iter().map(|&i| self.phrases[i].positions(tokens)).collect();
                if lists.iter().any(Vec::is_empty) {
                    return false;
                }
                let lists = match near {
                    Some(n) if phrases.len() > 1 => {
                        let sizes: Vec<usize> = phrases.iter().map(|&i| self.phrases[i].terms.len()).collect();
                        match near_match(&lists, &sizes, *n) {
                            Some(l) => l,
                            None => return false,
                        }
                    }
                    _ => lists,
                };
                for (&i, l) in phrases.iter().zip(lists) {
                    inst[i] = l;
                }
                true
            }
            Expr::And(a, b) => {
                let mut mine = vec![Vec::new(); inst.len()];
                if self.eval(a, tokens, &mut mine) && self.eval(b, tokens, &mut mine) {
                    merge(inst, mine);
                    true
                } else {
                    false
                }
            }
            Expr::Or(a, b) => {
                let ma = self.eval(a, tokens, inst);
                let mb = self.eval(b, tokens, inst);
                ma || mb
            }
            Expr::Not(a, b) => {
                let mut mine = vec![Vec::new(); inst.len()];
                let mut other = vec![Vec::new(); inst.len()];
                if self.eval(a, tokens, &mut mine) && !self.eval(b, tokens, &mut other) {
                    merge(inst, mine);
                    true
                } else {
                    false
                }
            }
        }
    }
}

fn merge(into: &mut Instances, from: Instances) {
    for (i, l) in from.into_iter().enumerate() {
        if !l.is_empty() {
            into[i] = l;
        }
    }
}

/// FTS5's `fts5ExprNearIsMatch`: the instances of each phrase that take part in a set of
/// instances, one per phrase, all starting within `near` tokens (plus the phrase's length) of
/// the last of them; `None` if there is no such set.
fn near_match(lists: &[Vec<usize>], sizes: &[usize], near: usize) -> Option<Vec<Vec<usize>>> {
    let n = lists.len();
    let mut at = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let pos = |i: usize, at: &[usize]| lists[i][at[i]] as i64;
    loop {
        let mut max = pos(0, &at);
        loop {
            let mut all = true;
            for i in 0..n {
                let min = max - sizes[i] as i64 - near as i64;
                let p = pos(i, &at);
                if p < min || p > max {
                    all = false;
                    while pos(i, &at) < min {
                        at[i] += 1;
                        if at[i] >= lists[i].len() {
                            return finish(out);
                        }
                    }
                    if pos(i, &at) > max {
                        max = pos(i, &at);
                    }
                }
            }
            if all {
                break;
            }
        }
        for i in 0..n {
            let p = lists[i][at[i]];
            if out[i].last() != Some(&p) {
                out[i].push(p);
            }
        }
        // Advance the phrase whose next position is smallest.
        let lookahead = |i: usize| lists[i].get(at[i] + 1).map_or(i64::MAX, |&p| p as i64);
        let mut adv = 0;
        let mut min = lookahead(0);
        for i in 1..n {
            if lookahead(i) < min {
                min = lookahead(i);
                adv = i;
            }
        }
        at[adv] += 1;
        if at[adv] >= lists[adv].len() {
            return finish(out);
        }
    }
}

fn finish(out: Vec<Vec<usize>>) -> Option<Vec<Vec<usize>>> {
    if out.iter().any(Vec::is_empty) {
        None
    } else {
        Some(out)
    }
}

/// The sorted list of instances (phrase, position) FTS5's `xInst` gives: by position, then phrase.
fn inst_list(inst: &Instances) -> Vec<(usize, usize)> {
    let mut all: Vec<(usize, usize)> =
        inst.iter().enumerate().flat_map(|(p, l)| l.iter().map(move |&o| (p, o))).collect();
    all.sort_by_key(|&(p, o)| (o, p));
    all
}

/// What bm25 needs of the whole table: rows, tokens in all rows, and rows holding each phrase.
#[derive(Debug, Clone)]
pub struct Stats {
    pub rows: i64,
    pub tokens: i64,
    pub hits: Vec<i64>,
}

/// FTS5's `bm25()` of a row of `size` tokens with these instances (negative: lower is better,
/// as FTS5's `rank`).
pub fn bm25(stats: &Stats, inst: &Instances, size: usize) -> f64 {
    let (k1, b) = (1.2, 0.75);
    let avgdl = stats.tokens as f64 / stats.rows as f64;
    let mut score = 0.0;
    for (i, hits) in stats.hits.iter().enumerate() {
        let n = stats.rows as f64;
        let hit = *hits as f64;
        let mut idf = ((n - hit + 0.5) / (hit + 0.5)).ln();
        if idf <= 0.0 {
            idf = 1e-6;
        }
        let freq = inst.get(i).map_or(0, Vec::len) as f64;
        score += idf * ((freq * (k1 + 1.0)) / (freq + k1 * (1.0 - b + b * size as f64 / avgdl)));
    }
    -score
}

/// What the SQLite backend asks of FTS5's `snippet()`: the marks around matches, the mark of
/// text left out, and the most tokens shown.
pub const OPEN: &str = "[";
pub const CLOSE: &str = "]";
pub const ELLIPSIS: &str = "…";
pub const SNIPPET_TOKENS: usize = 40;

/// FTS5's `snippet(t, 0, OPEN, CLOSE, ELLIPSIS, SNIPPET_TOKENS)` of a row.
pub fn snippet(query: &Query, text: &str, tokens: &[Token], inst: &Instances) -> String {
    let (open, close, ellipsis) = (OPEN, CLOSE, ELLIPSIS);
    let insts = inst_list(inst);
    let size = tokens.len() as i64;
    let n_token = SNIPPET_TOKENS as i64;
    let psize = |p: usize| query.phrases[p].terms.len() as i64;
    // The first token of each sentence of the text.
    let mut firsts: Vec<i64> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if i == 0 {
            firsts.push(0);
            continue;
        }
        let bytes = text.as_bytes();
        let mut j = t.start as i64 - 1;
        let mut c = 0u8;
        while j >= 0 {
            c = bytes[j as usize];
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            j -= 1;
        }
        if j != t.start as i64 - 1 && (c == b'.' || c == b':') {
            firsts.push(i as i64);
        }
    }
    let score = |start: i64, adjust: bool| -> (i64, i64) {
        let mut seen = vec![false; query.phrases.len()];
        let end = start + n_token;
        let (mut score, mut first, mut last) = (0i64, -1i64, 0i64);
        for &(p, o) in &insts {
            let o = o as i64;
            if o >= start && o < end {
                score += if seen[p] { 1 } else { 1000 };
                seen[p] = true;
                if first < 0 {
                    first = o;
                }
                last = o + psize(p);
            }
        }
        let mut adj = start;
        if adjust {
            adj = first - (n_token - (last - first)) / 2;
            if adj + n_token > size {
                adj = size - n_token;
            }
            if adj < 0 {
                adj = 0;
            }
        }
        (score, adj)
    };
    let (mut best_score, mut best_start) = (0i64, 0i64);
    for &(_, io) in &insts {
        let io = io as i64;
        let (s, adj) = score(io, true);
        if s > best_score {
            best_score = s;
            best_start = adj;
        }
        if !firsts.is_empty() && size > n_token {
            let mut jj = 0;
            while jj + 1 < firsts.len() {
                if firsts[jj + 1] > io {
                    break;
                }
                jj += 1;
            }
            if firsts[jj] < io {
                let (s, _) = score(firsts[jj], false);
                let s = s + if firsts[jj] == 0 { 120 } else { 100 };
                if s > best_score {
                    best_score = s;
                    best_start = firsts[jj];
                }
            }
        }
    }
    highlight(query, text, tokens, &insts, best_start, best_start + n_token - 1, open, close, ellipsis)
}

/// The coalesced instances (first and last token of overlapping phrase instances), in order.
fn coalesced(query: &Query, insts: &[(usize, usize)]) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    for &(p, o) in insts {
        let (start, end) = (o as i64, o as i64 - 1 + query.phrases[p].terms.len() as i64);
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn highlight(
    query: &Query,
    text: &str,
    tokens: &[Token],
    insts: &[(usize, usize)],
    range_start: i64,
    range_end: i64,
    open: &str,
    close: &str,
    ellipsis: &str,
) -> String {
    let spans = coalesced(query, insts);
    let mut it = spans.into_iter().peekable();
    // The iterator's current instance, or (-1, -1) past the end.
    let mut cur = it.next().unwrap_or((-1, -1));
    let mut out = String::new();
    if range_start > 0 {
        out.push_str(ellipsis);
    }
    while cur.0 >= 0 && cur.0 < range_start {
        cur = it.next().unwrap_or((-1, -1));
    }
    let mut off = 0usize;
    let mut is_open = false;
    for (pos, t) in tokens.iter().enumerate() {
        let pos = pos as i64;
        if pos < range_start || pos > range_end {
            continue;
        }
        if range_start != 0 && pos == range_start {
            off = t.start;
        }
        if is_open && (pos <= cur.0 || cur.0 < 0) && t.start > off {
            out.push_str(close);
            is_open = false;
        }
        if pos == cur.0 && !is_open {
            out.push_str(&text[off..t.start]);
            out.push_str(open);
            off = t.start;
            is_open = true;
        }
        if pos == cur.1 {
            if !is_open {
                out.push_str(open);
                is_open = true;
            }
            out.push_str(&text[off..t.end]);
            off = t.end;
            cur = it.next().unwrap_or((-1, -1));
        }
        if pos == range_end {
            if is_open {
                if cur.0 >= 0 && pos >= cur.0 {
                    out.push_str(&text[off..t.end]);
                    off = t.end;
                }
                out.push_str(close);
                is_open = false;
            }
            out.push_str(&text[off..t.end]);
            off = t.end;
        }
    }
    if is_open {
        out.push_str(close);
    }
    if range_end >= tokens.len() as i64 - 1 {
        out.push_str(&text[off..]);
    } else {
        out.push_str(ellipsis);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn the_tokenizer_folds_case_and_diacritics_and_splits_on_punctuation() {
        assert_eq!(words("Élysée talks, U.S.-led"), ["elysee", "talks", "u", "s", "led"]);
        assert_eq!(words("naïve_Straße 3.5"), ["naive", "straße", "3", "5"]);
        assert_eq!(words("  —  "), Vec::<String>::new());
        let t = tokenize("Ab cd");
        assert_eq!((t[1].start, t[1].end), (3, 5));
    }

    #[test]
    fn queries_parse_as_fts5_and_bad_ones_are_refused() {
        let q = parse("\"oil deal\" AND gas* NOT NEAR(pipe line, 3)").unwrap();
        assert_eq!(q.phrases.len(), 4);
        assert!(q.phrases[1].terms[0].prefix);
        assert!(parse("oil AND").is_err());
        assert!(parse("\"open").unwrap_err().contains("unterminated"));
        assert!(parse("a (b OR c)").is_err());
        assert!(parse("a.b").unwrap_err().contains("syntax error near \".\""));
        assert!(parse("title:oil").unwrap_err().contains("no such column"));
        assert!(parse("text:oil").is_ok());
        // Implicit AND leaves out what has no token; explicit AND keeps it (and matches nothing).
        let q = parse("\"—\" oil \"...\" gas").unwrap();
        assert_eq!(q.phrases.len(), 2);
        assert!(q.matches(&["oil".to_string(), "gas".to_string()]).is_some());
        assert_eq!(parse("\"—\"").unwrap().phrases.len(), 1);
        assert!(parse("oil AND \"—\"").unwrap().matches(&["oil".to_string()]).is_none());
    }

    #[test]
    fn rows_match_as_fts5_matches_them() {
        let toks = words("The two states signed an arms deal and a gas deal.");
        let yes = ["arms deal", "\"arms deal\"", "gas OR oil", "deal NOT oil", "NEAR(signed gas, 5)", "sig*", "^the"];
        for q in yes {
            assert!(parse(q).unwrap().matches(&toks).is_some(), "{q}");
        }
        let no = ["\"deal arms\"", "oil", "deal NOT gas", "NEAR(signed gas, 2)", "^two"];
        for q in no {
            assert!(parse(q).unwrap().matches(&toks).is_none(), "{q}");
        }
        let q = parse("deal").unwrap();
        assert_eq!(q.matches(&toks).unwrap()[0], vec![6, 10]);
    }

    #[test]
    fn a_short_text_is_highlighted_whole_and_a_long_one_is_cut_around_the_match() {
        let text = "Moscow and Ankara signed a gas deal.";
        let q = parse("gas").unwrap();
        let toks = tokenize(text);
        let words: Vec<String> = toks.iter().map(|t| t.text.clone()).collect();
        let inst = q.matches(&words).unwrap();
        assert_eq!(snippet(&q, text, &toks, &inst), "Moscow and Ankara signed a [gas] deal.");
        let long = format!("{} gas deal {}", "word ".repeat(50).trim(), "more ".repeat(50).trim());
        let toks = tokenize(&long);
        let words: Vec<String> = toks.iter().map(|t| t.text.clone()).collect();
        let inst = q.matches(&words).unwrap();
        let s = snippet(&q, &long, &toks, &inst);
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("[gas]"), "{s}");
    }
}
