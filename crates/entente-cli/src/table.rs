//! The partnership map of one article, for a person: by pair of actors, each sector with its
//! polarity, modality, amounts, dates and direction, and the evidence sentence shortened.

use std::collections::BTreeMap;
use std::io::Write;

use entente::{Extraction, Quantity, Relation};

/// Shortens text to at most `max` characters, on a character boundary, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('\u{2026}');
    s
}

/// "5000000000 USD" as "$5 billion"-like text: the value with thousands separators and unit.
pub fn amount(q: &Quantity) -> String {
    let v = q.value;
    let short = |x: f64| {
        let s = format!("{:.2}", x);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let num = if v >= 1e9 {
        format!("{} billion", short(v / 1e9))
    } else if v >= 1e6 {
        format!("{} million", short(v / 1e6))
    } else if v.fract() == 0.0 {
        let digits = format!("{}", v as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        short(v)
    };
    let unit = if q.unit == "percent" { "%".to_string() } else { format!(" {}", q.unit.replace('_', " ")) };
    match &q.of {
        Some(of) => format!("{num}{unit} of {of}"),
        None => format!("{num}{unit}"),
    }
}

/// One pair's relations, by (sector, polarity).
type Ties<'a> = BTreeMap<(String, String), Vec<&'a Relation>>;

/// Writes the article's partnership map.
pub fn partnership_map(out: &mut impl Write, x: &Extraction, explain: bool) -> std::io::Result<()> {
    let a = &x.article;
    let date = a.date.as_ref().map(|d| d.value.as_str()).unwrap_or("undated");
    writeln!(out, "== {} \u{2014} {} ({date})", a.id, a.title.as_deref().unwrap_or("untitled"))?;
    if x.relations.is_empty() {
        writeln!(out, "   no relations found\n")?;
        return Ok(());
    }
    // Pair → sector/polarity → relations.
    let mut pairs: BTreeMap<(String, String), Ties> = BTreeMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for r in &x.relations {
        names.insert(r.source.clone(), r.source_actor.name.clone());
        names.insert(r.target.clone(), r.target_actor.name.clone());
        let key = if r.source <= r.target {
            (r.source.clone(), r.target.clone())
        } else {
            (r.target.clone(), r.source.clone())
        };
        pairs
            .entry(key)
            .or_default()
            .entry((r.sector.to_string(), r.polarity.as_str().to_string()))
            .or_default()
            .push(r);
    }
    let mut order: Vec<_> = pairs.into_iter().collect();
    order.sort_by_key(|(_, s)| std::cmp::Reverse(s.values().map(Vec::len).sum::<usize>()));
    for ((a_code, b_code), sectors) in order {
        writeln!(out, "\n{a_code} \u{2194} {b_code}   {} \u{2194} {}", names[&a_code], names[&b_code])?;
        for ((sector, polarity), rels) in sectors {
            let mut modalities: Vec<&str> = rels.iter().map(|r| r.modality.as_str()).collect();
            modalities.sort_unstable();
            modalities.dedup();
            let mut dirs: Vec<String> = rels.iter().map(|r| format!("{}\u{2192}{}", r.source, r.target)).collect();
            dirs.sort();
            dirs.dedup();
            let mut amounts: Vec<String> = rels.iter().flat_map(|r| r.quantities.iter().map(amount)).collect();
            amounts.dedup();
            let mut times: Vec<String> = rels
                .iter()
                .filter_map(|r| match (&r.time.start, &r.time.end) {
                    (Some(s), Some(e)) => Some(format!("{s}\u{2013}{e}")),
                    (Some(s), None) => Some(s.clone()),
                    (None, Some(e)) => Some(format!("until {e}")),
                    _ => None,
                })
                .collect();
            times.sort();
            times.dedup();
            let line = format!(
                "  {sector:<11} {polarity:<11} {:<21} {:<16} {}{}",
                modalities.join(", "),
                dirs.join(" "),
                if times.is_empty() { String::new() } else { format!("[{}] ", times.join(", ")) },
                amounts.join("; "),
            );
            writeln!(out, "{}", line.trim_end())?;
            let mut seen = Vec::new();
            for r in &rels {
                if seen.contains(&r.evidence.start) {
                    continue;
                }
                seen.push(r.evidence.start);
                writeln!(out, "      \u{201c}{}\u{201d}", shorten(&r.evidence.text, 110))?;
                if explain {
                    if let Some(e) = &r.explain {
                        writeln!(
                            out,
                            "        rule: {}; cues: {}; confidence {:.2}",
                            e.rule,
                            e.cues.join(" | "),
                            r.confidence
                        )?;
                    }
                }
            }
        }
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_like_a_person_writes_them() {
        let q =
            |value: f64, unit: &str, of: Option<&str>| Quantity { value, unit: unit.into(), of: of.map(String::from) };
        assert_eq!(amount(&q(5e9, "USD", Some("arms"))), "5 billion USD of arms");
        assert_eq!(amount(&q(40.0, "percent", Some("oil"))), "40% of oil");
        assert_eq!(amount(&q(34300.0, "tonnes", None)), "34,300 tonnes");
        assert_eq!(amount(&q(2.4e9, "USD", None)), "2.4 billion USD");
        assert_eq!(amount(&q(1.2e6, "barrels_per_day", None)), "1.2 million barrels per day");
        assert_eq!(shorten("abcdef", 4), "abc\u{2026}");
    }
}
