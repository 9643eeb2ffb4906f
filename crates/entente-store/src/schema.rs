//! The schema's history, described once for every backend: an ordered list of steps, step `n`
//! taking a store from version `n` to `n + 1`. Each backend holds the statements of every step
//! (`entente-sqlite`'s `MIGRATIONS` is an array of exactly [`STEPS`]`.len()` entries, so a step
//! without its statements does not compile) and records the version it is at; a store at a
//! version newer than [`SCHEMA_VERSION`] is refused, not altered.
//!
//! Never change a step once released: add a new one.

/// One step of the schema: what it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The version the step leads to.
    pub version: i32,
    /// What the step adds, in a line.
    pub adds: &'static str,
}

/// The steps, in order; `STEPS[n]` takes version `n` to `n + 1`.
pub const STEPS: &[Step] = &[
    Step {
        version: 1,
        adds: "documents with their original input, evidence sentences, relations and their amounts, the actors seen",
    },
    Step {
        version: 2,
        adds: "each relation's effective date, indexes for pairs and actors, full-text search over the evidence",
    },
    Step { version: 3, adds: "the relation listing's order (newest first, undated last) as an index" },
    Step { version: 4, adds: "each document's title as the reader found it (the page's headline)" },
    Step { version: 5, adds: "each relation's PLOVER mode, where its type has modes" },
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i32 = STEPS.len() as i32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_in_order_from_one() {
        for (i, step) in STEPS.iter().enumerate() {
            assert_eq!(step.version, i as i32 + 1, "{step:?}");
        }
        assert_eq!(SCHEMA_VERSION, STEPS.len() as i32);
    }
}
