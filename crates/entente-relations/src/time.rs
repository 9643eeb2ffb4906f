//! Times: explicit dates and years, ranges ("from 2010 to 2014", "since 1992"), decades ("in the
//! early 1990s"), "after 9/11", and relative times ("last year", "in mid-December", "on
//! Wednesday") resolved against an exact publication date. Without such a date a relative time
//! stays unresolved rather than guessed.

use entente_core::TimeSpan;

use crate::tokens::Token;

/// A publication date to resolve relative times against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Anchor {
    /// From `YYYY[-MM[-DD]]`.
    pub fn parse(value: &str) -> Option<Anchor> {
        let mut it = value.split('-');
        let year = it.next()?.parse().ok()?;
        let month = it.next().and_then(|m| m.parse().ok()).filter(|m| (1..=12).contains(m));
        let day = it.next().and_then(|d| d.parse().ok()).filter(|d| (1..=31).contains(d));
        Some(Anchor { year, month, day })
    }
}

/// A time found at a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub token: usize,
    pub span: TimeSpan,
}

fn month(text: &str, t: &Token<'_>) -> Option<u32> {
    if !t.raw(text).starts_with(char::is_uppercase) {
        return None;
    }
    Some(match t.lower.trim_end_matches('.') {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday(t: &Token<'_>) -> Option<u32> {
    Some(match t.lower() {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

fn year(t: &Token<'_>) -> Option<i32> {
    let s = t.lower();
    let digits = s.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // "2016-17" is a year; "2016s" or "20160" is not.
    if s.len() > 4 && !s[4..].starts_with('-') {
        return None;
    }
    let y: i32 = digits.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn day_number(t: &Token<'_>) -> Option<u32> {
    let s = t.lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let d: u32 = s.parse().ok()?;
    ((1..=31).contains(&d) && t.lower.len() <= 4).then_some(d)
}

fn ymd(y: i32, m: Option<u32>, d: Option<u32>) -> String {
    match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn point(token: usize, start: String) -> Found {
    Found { token, span: TimeSpan { start: Some(start), end: None } }
}

/// Every time expression of the sentence. `anchor` is the exact publication date, if known.
pub fn find(text: &str, tokens: &[Token<'_>], anchor: Option<Anchor>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let prev = |i: usize| {
        if i > 0 {
            tokens[i - 1].lower()
        } else {
            ""
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // "after 9/11"
        if t.lower == "9" && tokens.get(i + 1).is_some_and(|n| n.lower == "11") && text[t.end..].starts_with('/') {
            out.push(point(i, "2001".into()));
            i += 2;
            continue;
        }
        // Decades: "the 1990s", "the early 1990s"
        if t.lower.len() == 5 && t.lower.ends_with('s') {
            if let Ok(y) = t.lower[..4].parse::<i32>() {
                if (1900..=2090).contains(&y) && y % 10 == 0 {
                    let off = match prev(i) {
                        "early" => 0,
                        "mid" => 4,
                        "late" => 7,
                        _ => 0,
                    };
                    out.push(point(i, format!("{:04}", y + off)));
                    i += 1;
                    continue;
                }
            }
        }
        if let Some(m) = month(text, t) {
            // "May" the verb: a month needs a number next to it or a time word before it.
            let next_day = tokens.get(i + 1).and_then(day_number);
            let next_year = tokens
                .get(i + 1)
                .and_then(year)
                .or_else(|| tokens.get(i + 2).and_then(year).filter(|_| next_day.is_some()));
            let before_day = if i > 0 { day_number(&tokens[i - 1]) } else { None };
            let timey = matches!(
                prev(i),
                "in" | "since"
                    | "until"
                    | "by"
                    | "mid"
                    | "early"
                    | "late"
                    | "last"
                    | "next"
                    | "this"
                    | "of"
                    | "from"
                    | "on"
                    | "during"
            );
            if let Some(y) = next_year {
                let d = next_day.or(before_day);
                let used = if next_day.is_some() { 3 } else { 2 };
                out.push(point(i, ymd(y, Some(m), d)));
                i += used;
                continue;
            }
            if m == 5 && next_day.is_none() && !timey {
                i += 1;
                continue;
            }
            if let Some(a) = anchor {
                // A month without a year: the last such month up to the publication date
                // ("next December" looks ahead).
                let y = match (prev(i), a.month) {
                    ("next", Some(am)) => {
                        if m > am {
                            a.year
                        } else {
                            a.year + 1
                        }
                    }
                    (_, Some(am)) if m > am => a.year - 1,
                    (_, Some(_)) => a.year,
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let d = next_day.or(before_day);
                out.push(point(i, ymd(y, Some(m), d)));
            }
            i += 1;
            continue;
        }
        if let Some(y) = year(t) {
            // Not an amount ("$2015") and not a count ("2015 troops").
            if text[..t.start].ends_with('$') {
                i += 1;
                continue;
            }
            let p = prev(i);
            let mut span = TimeSpan { start: Some(format!("{y:04}")), end: None };
            if matches!(p, "until" | "till" | "by" | "before") {
                span = TimeSpan { start: None, end: Some(format!("{y:04}")) };
            }
            let mut used = 1;
            // Ranges: "from 2010 to 2014", "between 2010 and 2014", "2010-2014".
            if let Some(n) = tokens.get(i + 2) {
                if matches!(tokens[i + 1].lower(), "to" | "and" | "until" | "through")
                    && matches!(p, "from" | "between")
                {
                    if let Some(y2) = year(n) {
                        span.end = Some(format!("{y2:04}"));
                        used = 3;
                    }
                }
            }
            if t.lower.len() == 9 && t.lower.as_bytes()[4] == b'-' {
                if let Ok(y2) = t.lower[5..].parse::<i32>() {
                    span.end = Some(format!("{y2:04}"));
                }
            }
            out.push(Found { token: i, span });
            i += used;
            continue;
        }
        if let Some(a) = anchor {
            let next = tokens.get(i + 1).map(|n| n.lower()).unwrap_or("");
            let shift = match t.lower() {
                "last" | "previous" => Some(-1),
                "this" | "current" => Some(0),
                "next" | "coming" => Some(1),
                _ => None,
            };
            if let Some(s) = shift {
                if next == "year" {
                    out.push(point(i, format!("{:04}", a.year + s)));
                    i += 2;
                    continue;
                }
                if next == "month" {
                    if let Some(m) = a.month {
                        let total = a.year * 12 + (m as i32 - 1) + s;
                        out.push(point(i, ymd(total.div_euclid(12), Some(total.rem_euclid(12) as u32 + 1), None)));
                    }
                    i += 2;
                    continue;
                }
            }
            if matches!(t.lower(), "yesterday" | "today") {
                if let (Some(m), Some(d)) = (a.month, a.day) {
                    let back = if t.lower == "yesterday" { 1 } else { 0 };
                    let (y, m, d) = civil_from_days(days_from_civil(a.year, m, d) - back);
                    out.push(point(i, ymd(y, Some(m), Some(d))));
                }
            } else if let Some(w) = weekday(t) {
                if let (Some(m), Some(d)) = (a.month, a.day) {
                    let today = days_from_civil(a.year, m, d);
                    let dow = (today + 3).rem_euclid(7) as u32; // 1970-01-01 was a Thursday (3)
                    let back = (dow + 7 - w) % 7;
                    let (y, m, d) = civil_from_days(today - back as i64);
                    out.push(point(i, ymd(y, Some(m), Some(d))));
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn starts(s: &str, anchor: Option<&str>) -> Vec<(Option<String>, Option<String>)> {
        let t = tokenize(s, 0, s.len());
        find(s, &t, anchor.and_then(Anchor::parse)).into_iter().map(|f| (f.span.start, f.span.end)).collect()
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(starts("In 2012 they met.", None), vec![(s("2012"), None)]);
        assert_eq!(starts("in November 2015", None), vec![(s("2015-11"), None)]);
        assert_eq!(starts("on December 21, 2016", None), vec![(s("2016-12-21"), None)]);
        assert_eq!(starts("on 21 December 2016", None), vec![(s("2016-12-21"), None)]);
        assert_eq!(starts("from 2010 to 2014", None), vec![(s("2010"), s("2014"))]);
        assert_eq!(starts("until 2030", None), vec![(None, s("2030"))]);
        assert_eq!(starts("After 9/11, ties grew", None), vec![(s("2001"), None)]);
        assert_eq!(starts("Since the early 1990s", None), vec![(s("1990"), None)]);
        assert_eq!(starts("in the late 1980s", None), vec![(s("1987"), None)]);
        assert_eq!(starts("It may rise; they march on; $2015 paid", None), vec![]);
    }

    #[test]
    fn relative_times_need_an_exact_date() {
        assert_eq!(starts("last year", Some("2016-05-04")), vec![(s("2015"), None)]);
        assert_eq!(starts("in mid-December", Some("2017-01-10")), vec![(s("2016-12"), None)]);
        assert_eq!(starts("in mid-December", None), vec![]);
        assert_eq!(starts("on Wednesday", Some("2008-08-08")), vec![(s("2008-08-06"), None)]);
        assert_eq!(starts("last month", Some("2008-01-15")), vec![(s("2007-12"), None)]);
    }

    #[test]
    fn civil_days_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2016, 12, 31), (1987, 10, 20)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
    }
}
