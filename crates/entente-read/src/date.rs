//! Publication dates from what a page shows: datelines, copyright years, and the like.
//! (First slice: copyright years only; the full date reader replaces this.)

use entente_core::{DateSource, PubDate};

/// A publication date from the lines of a text scrape: here, a copyright year (an upper bound).
pub fn from_text_lines(lines: &[&str]) -> Option<PubDate> {
    lines.iter().rev().take(12).find_map(|l| {
        let lower = l.to_lowercase();
        if !(lower.starts_with('©') || lower.starts_with("copyright")) {
            return None;
        }
        let year = l
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse::<u32>().ok())
            .filter(|y| (1900..=2100).contains(y))
            .max()?;
        Some(PubDate {
            value: year.to_string(),
            source: DateSource::Copyright,
            inferred: true,
            evidence: Some(l.to_string()),
        })
    })
}
