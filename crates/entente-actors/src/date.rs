//! Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as day ranges, for dated names and offices.

/// A day as `yyyymmdd`; an open start is 0 and an open end is 99991231.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Day(pub u32);

impl Day {
    pub const MIN: Day = Day(0);
    pub const MAX: Day = Day(99_991_231);
}

/// A closed range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Period {
    pub from: Day,
    pub until: Day,
}

impl Period {
    pub const ANY: Period = Period { from: Day::MIN, until: Day::MAX };

    /// The range a partial date covers ("2016" is the whole year). `None` when it is no date.
    pub fn of_date(s: &str) -> Option<Period> {
        let s = s.trim();
        let from = parse(s, false)?;
        let until = parse(s, true)?;
        Some(Period { from, until })
    }

    /// A range from two partial dates, either of which may be empty (open).
    pub fn between(from: &str, until: &str) -> Option<Period> {
        let (from, until) = (from.trim_ascii(), until.trim_ascii());
        let from = if from.is_empty() { Day::MIN } else { parse(from, false)? };
        let until = if until.is_empty() { Day::MAX } else { parse(until, true)? };
        Some(Period { from, until })
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        self.from <= other.until && other.from <= self.until
    }

    /// Whether this period began by the end of `other` (an office taken by then).
    pub fn started_by(&self, other: &Period) -> bool {
        self.from <= other.until
    }

    /// Distance in (approximate) days from this period to `other`; 0 when they overlap.
    pub fn distance(&self, other: &Period) -> u32 {
        if self.overlaps(other) {
            0
        } else if self.until < other.from {
            ordinal(other.from) - ordinal(self.until)
        } else {
            ordinal(self.from) - ordinal(other.until)
        }
    }
}

fn ordinal(d: Day) -> u32 {
    let (y, m, dd) = (d.0 / 10_000, d.0 / 100 % 100, d.0 % 100);
    y * 372 + m * 31 + dd
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as its first (`end` false) or last day.
fn parse(s: &str, end: bool) -> Option<Day> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let y = num(0..4)?;
    let (m, d) = match b.len() {
        4 => (if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        7 if b[4] == b'-' => (num(5..7)?, if end { 31 } else { 1 }),
        10 if b[4] == b'-' && b[7] == b'-' => (num(5..7)?, num(8..10)?),
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(Day(y * 10_000 + m * 100 + d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_cover_their_range() {
        let y = Period::of_date("2016").unwrap();
        assert_eq!(y.from, Day(20160101));
        assert_eq!(y.until, Day(20161231));
        let m = Period::of_date("2016-12").unwrap();
        assert!(m.overlaps(&Period::of_date("2016-12-21").unwrap()));
        assert!(!m.overlaps(&Period::of_date("2017-01-01").unwrap()));
        assert!(Period::of_date("16-12").is_none());
        assert!(Period::of_date("2016-13").is_none());
        assert!(Period::of_date("").is_none());
    }

    #[test]
    fn open_ends() {
        let p = Period::between("2019-03-20", "").unwrap();
        assert!(p.overlaps(&Period::of_date("2030").unwrap()));
        assert!(!p.overlaps(&Period::of_date("2019-03-19").unwrap()));
        let q = Period::between("", "1997-12-09").unwrap();
        assert!(q.overlaps(&Period::of_date("1950").unwrap()));
        assert_eq!(q.distance(&Period::of_date("1998-01-09").unwrap()), 31);
        assert!(Period::between("x", "").is_none());
    }
}
