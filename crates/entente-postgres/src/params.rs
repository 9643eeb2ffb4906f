//! Statements joined from this crate's constant fragments, with every value bound: each value
//! added gets the next `$n`, and the fragment names it.

use postgres::types::ToSql;

/// The bound values of a statement being joined.
#[derive(Default)]
pub(crate) struct Params {
    values: Vec<Box<dyn ToSql + Sync>>,
}

impl Params {
    /// Binds `v`: its placeholder (`$n`).
    pub(crate) fn add<T: ToSql + Sync + 'static>(&mut self, v: T) -> String {
        self.values.push(Box::new(v));
        format!("${}", self.values.len())
    }

    /// The values, as the client takes them.
    pub(crate) fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.values.iter().map(|v| v.as_ref() as &(dyn ToSql + Sync)).collect()
    }
}

/// The relations (`relations r`) between `a` and `b`, either way.
pub(crate) fn pair(a: &str, b: &str) -> String {
    format!("((r.source = {a} AND r.target = {b}) OR (r.source = {b} AND r.target = {a}))")
}

/// The relations of `a` with another actor.
pub(crate) fn one(a: &str) -> String {
    format!("((r.source = {a} OR r.target = {a}) AND r.source <> r.target)")
}

/// The relations whose date overlaps the period at its own precision.
pub(crate) fn period(params: &mut Params, period: &entente_store::Period) -> String {
    let since = params.add(period.since.clone());
    let until = params.add(period.until.clone());
    format!(
        "({since}::text IS NULL OR (r.date IS NOT NULL AND r.date >= substr({since}::text, 1, length(r.date))))
         AND ({until}::text IS NULL OR (r.date IS NOT NULL AND substr(r.date, 1, length({until}::text)) <= {until}::text))"
    )
}
