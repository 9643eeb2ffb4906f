//! Query-string parameters: parsed once, checked against the names a route knows (an unknown
//! or repeated name is a 400, so a typo never silently widens a query), and validated into the
//! closed vocabularies of the spec.

use entente_core::{Modality, Polarity, Sector};
use entente_store::{Period, PeriodError};

use crate::error::ApiError;

/// Rows per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 50;
/// The most rows one page may hold.
pub const MAX_LIMIT: usize = 500;
/// The furthest a page may start (deep paging over SQLite is linear).
pub const MAX_OFFSET: usize = 1_000_000;

/// The parameters of one request.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

pub use entente_store::Page;

impl Params {
    /// Parses a raw query string, allowing only `allowed` names (each at most once).
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = match raw {
            None | Some("") => Vec::new(),
            Some(q) => serde_urlencoded::from_str(q)
                .map_err(|e| ApiError::bad_request(format!("query string is not valid: {e}")))?,
        };
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&name.as_str()) {
                let known = if allowed.is_empty() { "none".to_string() } else { allowed.join(", ") };
                return Err(ApiError::bad_request(format!("unknown parameter {name:?} (this route takes: {known})")));
            }
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(ApiError::bad_request(format!("parameter {name:?} is given more than once")));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    fn number(&self, name: &str, max: usize) -> Result<Option<usize>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n <= max => Ok(Some(n)),
                Ok(_) => Err(ApiError::bad_request(format!("{name}={v}: at most {max}"))),
                Err(_) => Err(ApiError::bad_request(format!("{name}={v:?}: expected a whole number"))),
            },
        }
    }

    /// `limit` (1..=`max`, default `default`) and `offset`.
    pub fn page_with(&self, default: usize, max: usize) -> Result<Page, ApiError> {
        let limit = self.number("limit", max)?.unwrap_or(default);
        if limit == 0 {
            return Err(ApiError::bad_request("limit=0: expected at least 1"));
        }
        let offset = self.number("offset", MAX_OFFSET)?.unwrap_or(0);
        Ok(Page { limit, offset })
    }

    /// `limit` and `offset` with the default page size and cap.
    pub fn page(&self) -> Result<Page, ApiError> {
        self.page_with(DEFAULT_LIMIT, MAX_LIMIT)
    }

    /// A whole number no larger than `max`.
    pub fn count(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        Ok(self.number(name, max)?.unwrap_or(default))
    }

    /// `since` and `until`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, `since` not after `until`.
    pub fn period(&self) -> Result<Period, ApiError> {
        Period::new(self.get("since"), self.get("until")).map_err(|e| {
            ApiError::bad_request(match e {
                PeriodError::NotADate { bound, value } => {
                    format!("{bound}={value:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")
                }
                PeriodError::Reversed { since, until } => format!("since={since} is after until={until}"),
            })
        })
    }

    pub fn sector(&self) -> Result<Option<Sector>, ApiError> {
        self.get("sector")
            .map(|v| {
                Sector::parse(v).ok_or_else(|| {
                    let all: Vec<&str> = Sector::ALL.iter().map(|s| s.as_str()).collect();
                    ApiError::bad_request(format!("sector={v:?}: expected one of {}", all.join(", ")))
                })
            })
            .transpose()
    }

    pub fn polarity(&self) -> Result<Option<Polarity>, ApiError> {
        self.get("polarity")
            .map(|v| {
                Polarity::parse(v).ok_or_else(|| {
                    ApiError::bad_request(format!("polarity={v:?}: expected cooperative or conflictual"))
                })
            })
            .transpose()
    }

    pub fn modality(&self) -> Result<Option<Modality>, ApiError> {
        self.get("modality")
            .map(|v| {
                Modality::parse(v).ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "modality={v:?}: expected one of actual, planned, hoped, hypothetical, negated"
                    ))
                })
            })
            .transpose()
    }

    /// A yes/no flag: `true`/`false`/`1`/`0`.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name) {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1") => Ok(true),
            Some(v) => Err(ApiError::bad_request(format!("{name}={v:?}: expected true or false"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_checks_and_refuses() {
        let p =
            Params::parse(Some("limit=10&offset=20&sector=arms&since=2016"), &["limit", "offset", "sector", "since"])
                .unwrap();
        assert_eq!(p.page().unwrap(), Page { limit: 10, offset: 20 });
        assert_eq!(p.sector().unwrap(), Some(Sector::Arms));
        assert_eq!(p.period().unwrap().since.as_deref(), Some("2016"));
        assert!(Params::parse(Some("limt=3"), &["limit"]).is_err());
        assert!(Params::parse(Some("limit=3&limit=4"), &["limit"]).is_err());
        for bad in ["limit=0", "limit=501", "limit=x", "offset=-1"] {
            let p = Params::parse(Some(bad), &["limit", "offset"]).unwrap();
            assert!(p.page().is_err(), "{bad}");
        }
        let p = Params::parse(Some("since=2020&until=2019"), &["since", "until"]).unwrap();
        assert!(p.period().is_err());
        let p = Params::parse(Some("sector=weapons&polarity=friendly"), &["sector", "polarity"]).unwrap();
        assert!(p.sector().is_err() && p.polarity().is_err());
        let p = Params::parse(Some("q=a%20b+c"), &["q"]).unwrap();
        assert_eq!(p.get("q"), Some("a b c"));
    }
}
