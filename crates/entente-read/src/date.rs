//! Publication dates from what a page shows: machine dates (`2016-12-21T10:00:00Z`), datelines
//! ("December 21, 2016", "MOSCOW, Dec 21 (Reuters) -", "21 Dec 2016"), dates in URLs
//! (`/2016/12/21/`) and copyright years ("© Site 2017", an upper bound only).
//!
//! Every function here is pure and total: it reads a string and answers `Some` date written
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or `None`; it never guesses the current date.

use entente_core::{DateSource, PubDate};

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The month a word names ("Dec", "Dec.", "December"), if it names one.
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    // Most words are not months: reject them before comparing (this runs on every word of a
    // page's first and last lines).
    if !(3..=9).contains(&w.len()) || !w.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    MONTHS.iter().find(|(m, _)| m.eq_ignore_ascii_case(w)).map(|&(_, n)| n)
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn ymd(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Reads a run of ASCII digits at the start of `s`: (value, number of digits).
fn digits(s: &[u8]) -> (u32, usize) {
    let mut v: u32 = 0;
    let mut n = 0;
    while n < s.len() && s[n].is_ascii_digit() && n < 9 {
        v = v * 10 + u32::from(s[n] - b'0');
        n += 1;
    }
    (v, n)
}

/// Parses a machine date as pages write them in metadata: `2016-12-21`, `2016-12-21T10:00:00Z`,
/// `2016/12/21`, `20161221`, `2016-12`, or else any dateline [`find_in_line`] reads.
pub fn parse_date(s: &str) -> Option<String> {
    let t = s.trim();
    let b = t.as_bytes();
    let (y, n) = digits(b);
    if n == 8 && (b.len() == 8 || !b[8].is_ascii_digit()) {
        let (yy, mm, dd) = ((y / 10000) as i32, (y / 100) % 100, y % 100);
        if valid(yy, mm, dd) {
            return Some(ymd(yy, mm, dd));
        }
    }
    if n == 4 && b.len() > 5 && matches!(b[4], b'-' | b'/' | b'.') {
        let sep = b[4];
        let (m, mn) = digits(&b[5..]);
        if (1..=2).contains(&mn) {
            let rest = &b[5 + mn..];
            if rest.len() > 1 && rest[0] == sep {
                let (d, dn) = digits(&rest[1..]);
                if (1..=2).contains(&dn) && valid(y as i32, m, d) {
                    return Some(ymd(y as i32, m, d));
                }
            } else if valid(y as i32, m, 1) && (rest.is_empty() || !rest[0].is_ascii_digit()) {
                return Some(format!("{y:04}-{m:02}"));
            }
        }
    }
    find_in_line(t).map(|(v, _)| v)
}

/// Finds a written date in a line of text: "December 21, 2016", "Dec. 21, 2016", "21 December
/// 2016", "2016-12-21", "21.12.2016", "12/21/2016". Returns the date and the matched text.
/// A month and year alone ("December 2016") gives `YYYY-MM`.
pub fn find_in_line(line: &str) -> Option<(String, String)> {
    // Every form has a number (most lines have none).
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // Tokens: words and numbers with their byte ranges.
    let mut toks: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let wordy = entente_text::is_alphanumeric(c);
        match (wordy, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                toks.push((s, i));
                start = None;
            }
            _ => {}
        }
        if toks.len() > 400 {
            break;
        }
    }
    if let Some(s) = start {
        toks.push((s, line.len()));
    }
    let tok = |i: usize| toks.get(i).map(|&(a, b)| &line[a..b]);
    let num = |i: usize| -> Option<u32> {
        let t = tok(i)?;
        let t = t
            .strip_suffix("st")
            .or_else(|| t.strip_suffix("nd"))
            .or_else(|| t.strip_suffix("rd"))
            .or_else(|| t.strip_suffix("th"))
            .unwrap_or(t);
        (t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
    };
    let gap = |i: usize| -> &str { toks.get(i + 1).map_or("", |&(_, _)| &line[toks[i].1..toks[i + 1].0]) };
    let span = |a: usize, b: usize| line[toks[a].0..toks[b].1].to_string();
    let year = |v: u32| (1900..=2100).contains(&v).then_some(v as i32);
    let mut month_year: Option<(String, String)> = None;
    for i in 0..toks.len() {
        let t = tok(i).unwrap_or("");
        if let Some(m) = month(t) {
            // Month day, year
            if let Some(d) = num(i + 1).filter(|d| (1..=31).contains(d)) {
                if let Some(y) = num(i + 2).and_then(year) {
                    if !gap(i + 1).contains(':') && valid(y, m, d) {
                        return Some((ymd(y, m, d), span(i, i + 2)));
                    }
                }
            }
            // day Month year
            if i > 0 {
                if let (Some(d), Some(y)) = (num(i - 1), num(i + 1).and_then(year)) {
                    if valid(y, m, d) && gap(i - 1).len() <= 3 {
                        return Some((ymd(y, m, d), span(i - 1, i + 1)));
                    }
                }
            }
            // Month year
            if month_year.is_none() && t.len() >= 3 {
                if let Some(y) = num(i + 1).and_then(year) {
                    if gap(i).trim().is_empty() || gap(i).trim() == "," {
                        month_year = Some((format!("{y:04}-{m:02}"), span(i, i + 1)));
                    }
                }
            }
            continue;
        }
        // Numeric dates: 2016-12-21, 21.12.2016, 12/21/2016.
        let (Some(a), Some(b), Some(c)) = (num(i), num(i + 1), num(i + 2)) else {
            continue;
        };
        let (g1, g2) = (gap(i), gap(i + 1));
        let sep = g1.trim();
        if sep.len() != 1 || g1.len() != 1 || g2 != g1 || !matches!(sep, "-" | "/" | ".") {
            continue;
        }
        let la = tok(i).map_or(0, str::len);
        let lc = tok(i + 2).map_or(0, str::len);
        if la == 4 {
            if let Some(y) = year(a) {
                if valid(y, b, c) {
                    return Some((ymd(y, b, c), span(i, i + 2)));
                }
            }
        } else if lc == 4 {
            if let Some(y) = year(c) {
                // Day first, unless the separator is an American "/" and the first number can be a month.
                let (d, m) = if sep == "/" && a <= 12 { (b, a) } else { (a, b) };
                if valid(y, m, d) {
                    return Some((ymd(y, m, d), span(i, i + 2)));
                }
            }
        }
    }
    month_year
}

/// A date in a URL path: `/2016/12/21/`, `/2016-12-21/`, `/20161221/`, or `/2016/12/`.
pub fn from_url(url: &str) -> Option<PubDate> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let segs: Vec<&str> = path.split('/').collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    for (i, s) in segs.iter().enumerate() {
        let evidence = || Some(url.to_string());
        if s.len() == 4 && all_digits(s) {
            let y: i32 = s.parse().ok()?;
            if !(1990..=2100).contains(&y) {
                continue;
            }
            let m = segs.get(i + 1).filter(|m| m.len() <= 2 && all_digits(m)).and_then(|m| m.parse::<u32>().ok());
            let Some(m) = m.filter(|m| (1..=12).contains(m)) else {
                continue;
            };
            let d = segs.get(i + 2).filter(|d| d.len() <= 2 && all_digits(d)).and_then(|d| d.parse::<u32>().ok());
            let value = match d {
                Some(d) if valid(y, m, d) => ymd(y, m, d),
                _ => format!("{y:04}-{m:02}"),
            };
            return Some(PubDate { value, source: DateSource::Url, inferred: true, evidence: evidence() });
        }
        let core = s.get(..10).unwrap_or(s);
        if core.len() == 10 && core.as_bytes()[4] == b'-' && core.as_bytes()[7] == b'-' {
            if let Some(v) = parse_date(core).filter(|v| v.len() == 10) {
                return Some(PubDate { value: v, source: DateSource::Url, inferred: true, evidence: evidence() });
            }
        }
        if s.len() == 8 && all_digits(s) {
            if let Some(v) = parse_date(s) {
                if v.as_str() >= "1995" {
                    return Some(PubDate { value: v, source: DateSource::Url, inferred: true, evidence: evidence() });
                }
            }
        }
    }
    None
}

/// The marks of a copyright line, as they are spelled.
const COPYRIGHT_MARKS: [&str; 6] = ["©", "copyright", "Copyright", "COPYRIGHT", "(c) ", "(C) "];

/// Whether a line has one of [`COPYRIGHT_MARKS`]: one search for all of them (the head and
/// tail lines of a text are asked, and most are paragraphs without one), leftmost-first so
/// that the automaton may use its packed (SIMD) prefilter.
fn copyright_marked(line: &str) -> bool {
    static MARKS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    MARKS
        .get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(COPYRIGHT_MARKS)
                .expect("six fixed marks always build")
        })
        .is_match(line)
}

/// The year of a copyright line ("© Example Press 2017", "Copyright 2015-2017 ..."): the latest
/// year it names.
pub fn copyright_year(line: &str) -> Option<i32> {
    if !copyright_marked(line) {
        return None;
    }
    let b = line.as_bytes();
    let mut best = None;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let (v, n) = digits(&b[i..]);
            if n == 4 && (1990..=2100).contains(&v) {
                best = best.max(Some(v as i32));
            }
            i += n.max(1);
        } else {
            i += 1;
        }
    }
    best
}

/// "MOSCOW, Dec 21 (Reuters) -": a month and day with no year, at a line's start.
fn month_day(line: &str) -> Option<(u32, u32, String)> {
    let head: String = line.chars().take(80).collect();
    let words: Vec<&str> = head.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for i in 0..words.len().min(8) {
        if let Some(m) = month(words[i]).filter(|_| words[i].len() >= 3) {
            let d = words.get(i + 1).and_then(|w| w.trim_end_matches(['.', ',']).parse::<u32>().ok());
            if let Some(d) = d.filter(|d| (1..=31).contains(d)) {
                let tail = words.get(i + 2).copied().unwrap_or("");
                if tail.starts_with('(') || tail == "-" || tail == "\u{2014}" || tail == "/" {
                    return Some((m, d, head.clone()));
                }
            }
        }
    }
    None
}

/// The publication date of a text scrape from its first and last lines: a dateline near the
/// top ("December 21, 2016", "21 Dec 2016", "MOSCOW, Dec 21 (Reuters) -", with the year from a
/// copyright line), else one near the bottom, else a copyright year (an upper bound, given with
/// [`DateSource::Copyright`]).
pub fn from_text_lines(lines: &[&str]) -> Option<PubDate> {
    const EDGE: usize = 15;
    let n = lines.len();
    let head = &lines[..n.min(EDGE)];
    let tail = &lines[n.saturating_sub(EDGE).max(head.len())..];
    let head_years: Vec<Option<i32>> = head.iter().map(|l| copyright_year(l)).collect();
    let tail_years: Vec<Option<i32>> = tail.iter().map(|l| copyright_year(l)).collect();
    let copyright = head
        .iter()
        .zip(&head_years)
        .chain(tail.iter().zip(&tail_years))
        .filter_map(|(l, y)| y.map(|y| (y, *l)))
        .max_by_key(|&(y, _)| y);
    let dated = |(l, year): (&&str, &Option<i32>)| -> Option<PubDate> {
        let l = l.trim();
        // A dateline is a short line or the start of a paragraph; long lines only count when
        // the date is near their start, so only their start is read.
        if year.is_some() {
            return None;
        }
        let mut cut = l.len().min(if l.len() < 120 { l.len() } else { 100 });
        while !l.is_char_boundary(cut) {
            cut -= 1;
        }
        let read = &l[..cut];
        let (value, evidence) = find_in_line(read)?;
        let at = l.find(&evidence).unwrap_or(0);
        // A sentence of prose that mentions a date ("Russia halted deliveries in April 2022.")
        // is no dateline, unless it opens with the date or the date ends a dateline phrase
        // ("Dec. 21, 2016 -- Officials said ...").
        let prose = l.ends_with(['.', '!', '?']) && l.split_whitespace().nth(6).is_some();
        let after = l.get(at + evidence.len()..).unwrap_or("").trim_start();
        let dateline = at == 0 || after.starts_with(['-', '\u{2014}', '\u{2013}', '(', '|', '/']);
        if prose && !dateline {
            return None;
        }
        (at < 60 || l.len() < 120).then_some(PubDate {
            value,
            source: DateSource::Dateline,
            inferred: true,
            evidence: Some(evidence),
        })
    };
    // Each edge line is read once.
    let head_dates: Vec<Option<PubDate>> = head.iter().zip(&head_years).map(dated).collect();
    let tail_dates: Vec<Option<PubDate>> = tail.iter().zip(&tail_years).map(dated).collect();
    let full = |d: &&PubDate| d.value.len() == 10;
    let found = head_dates.iter().flatten().find(full).or_else(|| tail_dates.iter().flatten().find(full));
    if let Some(found) = found {
        return Some(found.clone());
    }
    if let Some((y, cl)) = copyright {
        if let Some((m, d, ev)) = head.iter().find_map(|l| month_day(l)) {
            if valid(y, m, d) {
                return Some(PubDate {
                    value: ymd(y, m, d),
                    source: DateSource::Dateline,
                    inferred: true,
                    evidence: Some(format!("{} / {}", ev.trim(), cl.trim())),
                });
            }
        }
    }
    if let Some(partial) = head_dates.into_iter().chain(tail_dates).flatten().next() {
        return Some(partial);
    }
    copyright.map(|(y, l)| PubDate {
        value: format!("{y:04}"),
        source: DateSource::Copyright,
        inferred: true,
        evidence: Some(l.trim().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_dates() {
        assert_eq!(parse_date("2016-12-21T10:00:00+03:00").as_deref(), Some("2016-12-21"));
        assert_eq!(parse_date("2016/12/21").as_deref(), Some("2016-12-21"));
        assert_eq!(parse_date("20161221").as_deref(), Some("2016-12-21"));
        assert_eq!(parse_date("2016-12").as_deref(), Some("2016-12"));
        assert_eq!(parse_date("Wed, 21 Dec 2016 10:00:00 GMT").as_deref(), Some("2016-12-21"));
        assert_eq!(parse_date("2016-13-45"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn written_dates() {
        let f = |s: &str| find_in_line(s).map(|(v, _)| v);
        assert_eq!(f("Published December 21, 2016 at 10:00").as_deref(), Some("2016-12-21"));
        assert_eq!(f("Dec. 21, 2016").as_deref(), Some("2016-12-21"));
        assert_eq!(f("Updated 21 Dec 2016").as_deref(), Some("2016-12-21"));
        assert_eq!(f("21st of December").as_deref(), None);
        assert_eq!(f("Published in December, on a Monday").as_deref(), None);
        assert_eq!(f("21.12.2016").as_deref(), Some("2016-12-21"));
        assert_eq!(f("12/21/2016").as_deref(), Some("2016-12-21"));
        assert_eq!(f("In December 2016 the talks").as_deref(), Some("2016-12"));
        assert_eq!(f("He may 21 times"), None);
        assert_eq!(f("no date here at all"), None);
    }

    #[test]
    fn url_dates() {
        let v = |u: &str| from_url(u).map(|d| d.value);
        assert_eq!(v("https://x.example/2016/12/21/talks.html").as_deref(), Some("2016-12-21"));
        assert_eq!(v("https://x.example/news/2016/12/talks").as_deref(), Some("2016-12"));
        assert_eq!(v("https://x.example/2016-12-21-talks").as_deref(), Some("2016-12-21"));
        assert_eq!(v("https://x.example/a/20161221/b").as_deref(), Some("2016-12-21"));
        assert_eq!(v("https://x.example/item/1234/5678"), None);
    }

    #[test]
    fn text_scrapes() {
        let d = from_text_lines(&["Caspian Crossroads", "December 21, 2016", "Body text here."]).unwrap();
        assert_eq!((d.value.as_str(), d.source), ("2016-12-21", DateSource::Dateline));
        let d = from_text_lines(&["Title", "MOSCOW, Dec 21 (Reuters) - Talks began.", "© Example 2016"]).unwrap();
        assert_eq!(d.value, "2016-12-21");
        // A sentence of prose that mentions a month is no dateline; one that opens with it is.
        let prose = ["Title", "Russia halted its gas deliveries to Poland and Bulgaria in April 2022.", "More."];
        assert_eq!(from_text_lines(&prose), None);
        let opening = ["Title", "April 2022 - Russia halted its gas deliveries to Poland and Bulgaria.", "More."];
        assert_eq!(from_text_lines(&opening).map(|d| d.value).as_deref(), Some("2022-04"));
        let d = from_text_lines(&["Title", "Body without dates.", "© Example Site 2017"]).unwrap();
        assert_eq!((d.value.as_str(), d.source), ("2017", DateSource::Copyright));
        assert!(d.inferred);
        let d = from_text_lines(&["21 Dec 2016", "Body"]).unwrap();
        assert_eq!(d.value, "2016-12-21");
        assert_eq!(from_text_lines(&[]), None);
        assert_eq!(from_text_lines(&["nothing", "here"]), None);
    }

    #[test]
    fn copyright_lines() {
        assert_eq!(copyright_year("© Site 2017"), Some(2017));
        assert_eq!(copyright_year("Copyright 2015-2018 Example. All rights reserved."), Some(2018));
        assert_eq!(copyright_year("In 2017 the site"), None);
    }

    #[test]
    fn a_line_is_marked_when_it_has_any_mark_anywhere() {
        let lines = [
            "",
            "(c) 2019 Example",
            "Photos (C) 2019",
            "(c)2019 has no space",
            "COPYRIGHT 2020",
            "CopyRight 2020",
            "all words copyrighted 2021",
            "a long paragraph without a mark, only a year: 2016",
            "Ελλάδα \u{a9} 2015",
            "\u{a9}",
            "ends with (C)",
        ];
        for line in lines {
            let each = COPYRIGHT_MARKS.iter().any(|m| line.contains(m));
            assert_eq!(copyright_marked(line), each, "{line:?}");
        }
    }
}
