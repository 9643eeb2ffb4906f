//! Amounts: money, percentages and counted things, normalised to base units
//! ("$5 billion" is 5000000000 USD, "40 pct" is 40 percent, "1.2 million barrels a day" is
//! 1200000 barrels_per_day), with what they measure when the text says ("of its oil").

use entente_core::Quantity;

use crate::tokens::Token;

/// An amount found at a token.
#[derive(Debug, Clone)]
pub struct Found {
    pub token: usize,
    pub quantity: Quantity,
}

fn number_word(w: &str) -> Option<f64> {
    Some(match w {
        "one" | "a" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        "half" => 0.5,
        _ => return None,
    })
}

fn scale(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" | "millions" | "mln" | "mn" => 1e6,
        "billion" | "billions" | "bln" | "bn" => 1e9,
        "trillion" | "trillions" | "tn" => 1e12,
        _ => return None,
    })
}

fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollars" | "dollar" | "dlrs" | "dlr" | "usd" => "USD",
        "euros" | "euro" | "eur" => "EUR",
        "pounds" | "sterling" | "gbp" => "GBP",
        "yen" | "jpy" => "JPY",
        "yuan" | "renminbi" | "cny" => "CNY",
        "rubles" | "roubles" | "rub" => "RUB",
        "rupees" | "inr" => "INR",
        "marks" | "deutsche" => "DEM",
        "francs" => "FRF",
        "riyals" => "SAR",
        "shekels" | "ils" => "ILS",
        "manat" => "AZN",
        "tenge" => "KZT",
        _ => return None,
    })
}

fn currency_symbol(before: &str) -> Option<&'static str> {
    let b = before.trim_end();
    if b.ends_with("US$") || b.ends_with("U.S.$") || b.ends_with('$') {
        Some("USD")
    } else if b.ends_with('€') {
        Some("EUR")
    } else if b.ends_with('£') {
        Some("GBP")
    } else if b.ends_with('¥') {
        Some("JPY")
    } else {
        None
    }
}

fn counted_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "tonnes" | "tons" | "tonne" | "ton" | "t" => "tonnes",
        "barrels" | "barrel" | "bbl" => "barrels",
        "bpd" => "barrels_per_day",
        "troops" | "soldiers" | "personnel" => "troops",
        "cubic" | "bcm" => "cubic_meters",
        "megawatts" | "mw" => "megawatts",
        "jets" | "aircraft" | "planes" | "warplanes" | "helicopters" => "aircraft",
        "tanks" => "tanks",
        "drones" => "drones",
        "missiles" => "missiles",
        "vehicles" => "vehicles",
        "ounces" => "ounces",
        "bushels" => "bushels",
        _ => return None,
    })
}

fn parse_number(raw: &str) -> Option<(f64, Option<f64>)> {
    // "5bn", "5m", "40%"; most tokens are words, turned away before anything is copied.
    if !raw.as_bytes().first().is_some_and(|&b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return None;
    }
    let lower = raw.to_ascii_lowercase();
    let digits_end = lower.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(lower.len());
    if digits_end == 0 {
        return None;
    }
    let (num, suffix) = lower.split_at(digits_end);
    let value: f64 = num.replace(',', "").parse().ok()?;
    let mult = match suffix {
        "" => None,
        "bn" | "b" => Some(1e9),
        "m" | "mn" | "mln" => Some(1e6),
        "k" => Some(1e3),
        "tn" => Some(1e12),
        _ => return None,
    };
    Some((value, mult))
}

const OF_STOP: &[&str] = &[
    "from", "to", "with", "for", "by", "on", "in", "at", "into", "over", "since", "between", "under", "after",
    "before", "during", "was", "were", "is", "are", "has", "have", "had", "will", "would", "that", "which", "who", "a",
    "an", "per", "than",
];

/// What an amount measures: the noun phrase after "of" / "worth of" / "in", up to a
/// preposition, a verb or clause punctuation.
fn of_phrase(text: &str, tokens: &[Token<'_>], from: usize) -> Option<String> {
    let mut i = from;
    if i < tokens.len() && tokens[i].lower == "worth" {
        i += 1;
    }
    if i >= tokens.len() || !matches!(tokens[i].lower(), "of" | "in") || tokens[i].punct_before.is_some() {
        return None;
    }
    i += 1;
    while i < tokens.len() && matches!(tokens[i].lower(), "its" | "the" | "their" | "his" | "her" | "our") {
        i += 1;
    }
    let start = i;
    let mut end = i;
    while end < tokens.len() && end - start < 8 {
        let t = &tokens[end];
        if end > start && t.punct_before.is_some() {
            break;
        }
        if OF_STOP.contains(&t.lower()) || t.lower.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        if t.actor.is_some() && !t.possessive {
            break;
        }
        end += 1;
    }
    if end == start {
        return None;
    }
    let phrase = &text[tokens[start].start..tokens[end - 1].end];
    Some(phrase.trim_end_matches(['\'', 's']).len().max(1)).map(|_| phrase.to_string())
}

/// Every amount in the sentence's tokens. `text` is the article text the tokens index.
pub fn find(text: &str, tokens: &[Token<'_>]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let parsed = parse_number(t.raw(text)).or_else(|| number_word(&t.lower).map(|v| (v, None)));
        let Some((mut value, suffix_mult)) = parsed else {
            i += 1;
            continue;
        };
        let is_digit = t.raw(text).starts_with(|c: char| c.is_ascii_digit());
        // Up to 4 bytes before the number, on its line, starting on a character boundary (the
        // search for the line's start goes no further back: a paragraph may be a whole book).
        let near = t.start.saturating_sub(4);
        let mut from = text.as_bytes()[near..t.start].iter().rposition(|&b| b == b'\n').map_or(near, |p| near + p + 1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..t.start];
        // "dollars 6bn": a currency word before the number.
        let word_before = if i > 0 && t.punct_before.is_none() { currency_word(&tokens[i - 1].lower) } else { None };
        let mut symbol = currency_symbol(before).or(word_before);
        let mut j = i + 1;
        let mut scaled = false;
        if let Some(m) = suffix_mult {
            value *= m;
            scaled = true;
        } else if let Some(m) = tokens.get(j).and_then(|n| scale(&n.lower)) {
            value *= m;
            scaled = true;
            j += 1;
        }
        let after = &text[t.end..tokens.get(i + 1).map_or(t.end, |n| n.start)];
        // What follows a bracket or comma is not this number's unit: "6bn (pounds 3.2bn)".
        let next = tokens.get(j).filter(|n| n.punct_before.is_none()).map(|n| n.lower()).unwrap_or("");
        let unit: Option<String>;
        if after.trim_start().starts_with('%')
            || matches!(next, "percent" | "pct")
            || (next == "per" && tokens.get(j + 1).is_some_and(|n| n.lower == "cent"))
        {
            unit = Some("percent".into());
            j += if next == "per" {
                2
            } else if after.trim_start().starts_with('%') {
                0
            } else {
                1
            };
        } else if let Some(c) = symbol.take() {
            unit = Some(c.into());
            // "$5 billion dollars" — swallow a repeated currency word.
            if currency_word(next).is_some() {
                j += 1;
            }
        } else if let Some(c) = currency_word(next).or_else(|| {
            // "500 mln U.S. dlrs"
            (matches!(next, "u.s" | "us" | "u.s."))
                .then(|| tokens.get(j + 1).and_then(|n| currency_word(&n.lower)))
                .flatten()
        }) {
            j += if currency_word(next).is_some() { 1 } else { 2 };
            unit = Some(c.into());
        } else if let Some(u) = counted_unit(next) {
            j += 1;
            let mut u = u.to_string();
            if u == "cubic_meters" && tokens.get(j).is_some_and(|n| matches!(n.lower(), "meters" | "metres")) {
                j += 1;
            }
            if u == "barrels" {
                let n1 = tokens.get(j).map(|n| n.lower()).unwrap_or("");
                let n2 = tokens.get(j + 1).map(|n| n.lower()).unwrap_or("");
                if n1 == "daily" || n1 == "bpd" {
                    u = "barrels_per_day".into();
                    j += 1;
                } else if matches!(n1, "a" | "per") && n2 == "day" {
                    u = "barrels_per_day".into();
                    j += 2;
                }
            }
            if u == "tonnes" && next == "t" && !is_digit {
                i += 1;
                continue;
            }
            unit = Some(u);
        } else {
            unit = None;
        }
        let Some(unit) = unit else {
            i += 1;
            continue;
        };
        // A bare number word without a scale is rarely an amount ("one of the two").
        if !is_digit && !scaled && unit != "percent" && counted_unit(next).is_none() {
            i += 1;
            continue;
        }
        let of = of_phrase(text, tokens, j);
        out.push(Found { token: i, quantity: Quantity { value, unit, of } });
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn q(s: &str) -> Vec<(f64, String, Option<String>)> {
        let t = tokenize(s, 0, s.len());
        find(s, &t).into_iter().map(|f| (f.quantity.value, f.quantity.unit, f.quantity.of)).collect()
    }

    #[test]
    fn money() {
        assert_eq!(
            q("agreed to sell $5 billion worth of arms and radars to them"),
            vec![(5e9, "USD".into(), Some("arms and radars".into()))]
        );
        assert_eq!(q("a loan of $5.2bn"), vec![(5.2e9, "USD".into(), None)]);
        assert_eq!(q("credits of 500 mln dlrs"), vec![(5e8, "USD".into(), None)]);
        assert_eq!(q("aid worth 3 million euros"), vec![(3e6, "EUR".into(), None)]);
        assert_eq!(q("worth €2.5 billion"), vec![(2.5e9, "EUR".into(), None)]);
        assert_eq!(q("lent dollars 6bn (pounds 3.2bn)"), vec![(6e9, "USD".into(), None), (3.2e9, "GBP".into(), None)]);
    }

    #[test]
    fn percent_and_counts() {
        assert_eq!(q("buys 40 percent of its oil from them"), vec![(40.0, "percent".into(), Some("oil".into()))]);
        assert_eq!(
            q("a 10 pct duty and 25% more"),
            vec![(10.0, "percent".into(), None), (25.0, "percent".into(), None)]
        );
        assert_eq!(
            q("raised by 4,500 tonnes to 34,300 tonnes"),
            vec![(4500.0, "tonnes".into(), None), (34300.0, "tonnes".into(), None)]
        );
        assert_eq!(q("pumps 1.2 million barrels a day"), vec![(1.2e6, "barrels_per_day".into(), None)]);
        assert_eq!(q("sent six mln barrels of crude"), vec![(6e6, "barrels".into(), Some("crude".into()))]);
        assert_eq!(q("deployed 3,000 troops"), vec![(3000.0, "troops".into(), None)]);
    }

    #[test]
    fn years_and_plain_numbers_are_not_amounts() {
        assert!(q("In 2012 the two sides met for one day in 1992.").is_empty());
    }
}
