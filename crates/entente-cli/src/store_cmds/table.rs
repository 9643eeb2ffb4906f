//! Plain-text tables and CSV fields, written by hand (no dependency needed for either).

use std::io::{self, Write};

/// Writes rows under headers in aligned columns; columns after the first that hold only numbers
/// are aligned right. The last column is never padded (it is often long text).
pub fn write_table<W: Write + ?Sized>(out: &mut W, headers: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let n = headers.len();
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    // The first column names the row (a month, a rank, a code): never aligned as a number.
    let mut numeric: Vec<bool> = (0..n).map(|i| i > 0).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            widths[i] = widths[i].max(width(cell));
            if !cell.is_empty() && cell.parse::<f64>().is_err() {
                numeric[i] = false;
            }
        }
    }
    let line = |out: &mut W, cells: &mut dyn Iterator<Item = &str>, header: bool| -> io::Result<()> {
        let mut s = String::new();
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let pad = widths[i].saturating_sub(width(cell));
            if numeric[i] && !header {
                s.extend(std::iter::repeat_n(' ', pad));
                s.push_str(cell);
            } else if i + 1 < n {
                s.push_str(cell);
                s.extend(std::iter::repeat_n(' ', pad));
            } else {
                s.push_str(cell);
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, &mut headers.iter().copied(), true)?;
    for row in rows {
        line(out, &mut row.iter().map(String::as_str), false)?;
    }
    Ok(())
}

/// One CSV record (RFC 4180): fields with a comma, quote or line break are quoted. A field that
/// a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, and is not a number) is written as text, as OWASP recommends against CSV injection:
/// a `'` before it, and quoted (`=1+1` becomes `"'=1+1"`; `-5` stays a number).
pub fn write_csv<W: Write + ?Sized, S: AsRef<str>>(out: &mut W, fields: &[S]) -> io::Result<()> {
    let mut first = true;
    for f in fields {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        let f = f.as_ref();
        if f.starts_with(['=', '+', '-', '@', '\t', '\r']) && f.parse::<f64>().is_err() {
            write!(out, "\"'{}\"", f.replace('"', "\"\""))?;
        } else if f.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", f.replace('"', "\"\""))?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

/// An amount for people: `5 billion USD`, `40 percent`, `1,200 troops`.
pub fn amount(value: f64, unit: &str) -> String {
    let (v, scale) = if value.abs() >= 1e9 {
        (value / 1e9, " billion")
    } else if value.abs() >= 1e6 {
        (value / 1e6, " million")
    } else {
        (value, "")
    };
    let mut num = format!("{v:.3}");
    while num.contains('.') && (num.ends_with('0') || num.ends_with('.')) {
        num.pop();
    }
    if scale.is_empty() && v.abs() >= 1e4 && !num.contains('.') {
        num = thousands(&num);
    }
    format!("{num}{scale} {unit}")
}

fn thousands(digits: &str) -> String {
    let (sign, d) = digits.strip_prefix('-').map_or(("", digits), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// A number as CSV and JSON tools read it: integers without a fraction.
pub fn plain_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e17 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

pub fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_csv() {
        assert_eq!(amount(5e9, "USD"), "5 billion USD");
        assert_eq!(amount(2.5e6, "USD"), "2.5 million USD");
        assert_eq!(amount(40.0, "percent"), "40 percent");
        assert_eq!(amount(12000.0, "troops"), "12,000 troops");
        assert_eq!(plain_number(5e9), "5000000000");
        let mut v = Vec::new();
        write_csv(&mut v, &["a", "b,c", "say \"hi\""]).unwrap();
        assert_eq!(String::from_utf8(v).unwrap(), "a,\"b,c\",\"say \"\"hi\"\"\"\n");
        let mut t = Vec::new();
        write_table(&mut t, &["x", "n"], &[vec!["ab".into(), "7".into()], vec!["c".into(), "12".into()]]).unwrap();
        assert_eq!(String::from_utf8(t).unwrap(), "x   n\nab   7\nc   12\n");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_text() {
        let mut v = Vec::new();
        let cells =
            ["=HYPERLINK(\"http://evil.example\")", "+A1", "-2+3", "@SUM(A1)", "\tx", "\r=1", "-5", "+4.5", "a=b"];
        write_csv(&mut v, &cells).unwrap();
        assert_eq!(
            String::from_utf8(v).unwrap(),
            "\"'=HYPERLINK(\"\"http://evil.example\"\")\",\"'+A1\",\"'-2+3\",\"'@SUM(A1)\",\"'\tx\",\"'\r=1\",-5,+4.5,a=b\n"
        );
    }
}
