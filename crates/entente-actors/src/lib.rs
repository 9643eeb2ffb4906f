//! Actors: the world gazetteer and the matcher that resolves every actor mention in an article.
//!
//! Takes an [`Article`] (text with parts and an optional publication date) and gives its
//! [`Mention`]s: every state, former state, intergovernmental organisation and armed group the
//! text names, in text order, each with its code (spec §2) and how it was named — a name
//! ("Israel", "the UK"), an adjective ("Azeri"), a capital used for the government ("Baku"),
//! an office holder ("Netanyahu", "Kazakh Prime Minister Sergei Tereschenko"), an office
//! ("the Iranian foreign minister"), a body ("GTIB (Israel)", "the Azeri Ministry of
//! Communication") or a phrase pointing back ("the two countries").
//!
//! The gazetteer is data, compiled in from `data/gazetteer/*.tsv` (built by
//! `scripts/build_gazetteer.py` from the reference data, plus hand-curated files): actors,
//! dated names and capitals, dated office holders, memberships, and the lexicon and context
//! rules. Matching is one trie walked from a word's start (longest form, ASCII
//! case-insensitive) asked only at word starts where a form may begin (a table of the first
//! letters of the forms that fit in small letters, then a hash gate of first words), with
//! word-boundary and capitalisation checks, then resolution rules: dates (a state is named
//! by the code of its time), context for names that are also words or people ("Jordan" the
//! river, "Chad Smith", "Atlanta, Georgia"), titles, bodies and coreference.
//!
//! ```
//! use entente_actors::{find_mentions, Gazetteer};
//! use entente_core::{Article, Part, PartKind, Span};
//! let text = "Ruritania and Israel's foreign minister met in Baku.".to_string();
//! let article = Article {
//!     id: "x".into(), url: None, title: None, date: None, author: None,
//!     parts: vec![Part { kind: PartKind::Body, start: 0, end: text.len(),
//!                        sentences: vec![Span::new(0, text.len())] }],
//!     text, dropped: vec![], warnings: vec![],
//! };
//! let g = Gazetteer::builtin().unwrap();
//! let codes: Vec<_> = find_mentions(&g, &article).into_iter().map(|m| m.code).collect();
//! assert_eq!(codes, ["ISR", "AZE"]);
//! ```
//!
//! Never fails on text: any input gives a (possibly empty) list, and every offset falls on a
//! character boundary of `article.text`.

mod date;
mod gazetteer;
mod pronoun;
mod resolve;
mod scan;
mod trie;

use entente_core::{ActorKind, Agent, Article, Mention, MentionRole, PersonInfo};
use serde::Serialize;

use crate::date::Period;
use crate::gazetteer::{Cand, Data};

/// An actor of the gazetteer: the unit the map is built on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorInfo {
    /// ISO3 for states, ISO 3166-3 for former states, a short name for organisations and groups.
    pub code: &'static str,
    pub kind: ActorKind,
    /// Canonical name ("Israel", "European Union").
    pub name: &'static str,
    /// Correlates of War state code, for states that have one.
    pub ccode: Option<u32>,
}

/// Why the built-in gazetteer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer file {file}, line {line}: {message}")]
    Format { file: &'static str, line: usize, message: String },
}

/// What a name stands for, as [`Gazetteer::lookup`] gives it for a person to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// The form looked up, or the part of it that named the actor.
    pub surface: String,
    pub code: String,
    pub kind: ActorKind,
    /// The actor's canonical name.
    pub name: String,
    pub role: MentionRole,
    /// For persons and offices: the office, its holder and dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonInfo>,
    /// Who acts for the state: a company, agency or ministry ("Petrobras", a company), or an
    /// office holder (the person's name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<Agent>,
    /// The years this name stands for the actor (a capital's, a former name's), when dated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Anything a person should know ("named Nur-Sultan at that date").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A membership of a state in an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub org: String,
    pub member: String,
    pub from: Option<String>,
    pub until: Option<String>,
}

/// The gazetteer: every actor, its names, capitals, office holders and members.
#[derive(Debug)]
pub struct Gazetteer {
    data: Data,
}

impl Gazetteer {
    /// Loads the gazetteer compiled into the binary from `data/gazetteer/`.
    pub fn builtin() -> Result<Gazetteer, GazetteerError> {
        Ok(Gazetteer { data: gazetteer::load()? })
    }

    /// The actor with this code.
    pub fn actor(&self, code: &str) -> Option<&ActorInfo> {
        let &i = self.data.actor_index.get(code)?;
        self.data.actors.get(i as usize)
    }

    /// Every actor, ordered by code.
    pub fn actors(&self) -> impl Iterator<Item = &ActorInfo> {
        self.data.actors.iter()
    }

    /// The surface forms of an actor: (form, role as name, adjective or capital, from, until).
    pub fn names_of(&self, code: &str) -> Vec<(String, MentionRole, Option<String>, Option<String>)> {
        let Some(&a) = self.data.actor_index.get(code) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for entries in &self.data.patterns {
            for e in entries {
                if let Cand::Name(r) = e.cand {
                    let row = &self.data.names[r as usize];
                    if row.actor == a {
                        out.push((e.surface.to_string(), row.role, opt(row.from), opt(row.until)));
                    }
                }
            }
        }
        out.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
        out
    }

    /// The members of an organisation at a date (`YYYY[-MM[-DD]]`), or ever when `None`.
    pub fn members(&self, org: &str, date: Option<&str>) -> Vec<Membership> {
        let when = date.and_then(Period::of_date).unwrap_or(Period::ANY);
        let Some(&o) = self.data.actor_index.get(org) else {
            return Vec::new();
        };
        self.data
            .members
            .iter()
            .filter(|r| r.org == o && r.period.overlaps(&when))
            .map(|r| Membership {
                org: org.to_string(),
                member: self.data.actors[r.member as usize].code.to_string(),
                from: opt(r.from),
                until: opt(r.until),
            })
            .collect()
    }

    /// What a name stands for at a date (`YYYY[-MM[-DD]]`; any period when `None`): every
    /// reading the gazetteer has, for a person to check. A phrase that is no single entry
    /// ("Kazakh Prime Minister Sergei Tereschenko") is read as a text.
    pub fn lookup(&self, name: &str, date: Option<&str>) -> Vec<Resolution> {
        let when = date.and_then(Period::of_date).unwrap_or(Period::ANY);
        let query = name.trim();
        let mut out = Vec::new();
        let pat = self
            .data
            .pattern_index
            .get(query.to_ascii_lowercase().as_str())
            .or_else(|| self.data.pattern_index.get(gazetteer::person_key(query).as_str()));
        if let Some(&pat) = pat {
            let entries = &self.data.patterns[pat as usize];
            // Of a name's dated rows none of which fits the date, only the nearest is shown.
            let nearest = |actor: u32| {
                entries
                    .iter()
                    .filter_map(|e| match e.cand {
                        Cand::Name(r) if self.data.names[r as usize].actor == actor => Some(r),
                        _ => None,
                    })
                    .min_by_key(|&r| self.data.names[r as usize].period.distance(&when))
            };
            for e in entries {
                if let Cand::Name(r) = e.cand {
                    let row = &self.data.names[r as usize];
                    if row.period.distance(&when) > 0 && nearest(row.actor) != Some(r) {
                        continue;
                    }
                }
                self.lookup_entry(e.surface, e.cand, &when, date.is_some(), &mut out);
            }
        }
        if out.is_empty() {
            for m in resolve::find_in(&self.data, query, when) {
                out.push(Resolution {
                    surface: query[m.start..m.end].to_string(),
                    code: m.code.into_owned(),
                    kind: m.kind,
                    name: m.name.into_owned(),
                    role: m.role,
                    agent: m.agent.or_else(|| holder(m.person.as_ref())),
                    person: m.person,
                    from: None,
                    until: None,
                    note: None,
                });
            }
        }
        out.dedup();
        out
    }

    fn lookup_entry(&self, surface: &str, cand: Cand, when: &Period, dated: bool, out: &mut Vec<Resolution>) {
        let data = &self.data;
        let actor = |a: u32| &data.actors[a as usize];
        match cand {
            Cand::Name(row) => {
                let r = &data.names[row as usize];
                let mut note = None;
                if !r.period.overlaps(when) {
                    let renamed = data.rules.same_city.get(surface).and_then(|others| {
                        others.iter().find(|o| {
                            data.pattern_index.get(o.to_ascii_lowercase().as_str()).is_some_and(|&p| {
                                data.patterns[p as usize].iter().any(|e| match e.cand {
                                    Cand::Name(x) => data.names[x as usize].period.overlaps(when),
                                    _ => false,
                                })
                            })
                        })
                    });
                    match renamed {
                        Some(other) => note = Some(format!("named {other} at that date")),
                        None => return,
                    }
                }
                let a = actor(r.actor);
                out.push(Resolution {
                    surface: surface.to_string(),
                    code: a.code.to_string(),
                    kind: a.kind,
                    name: a.name.to_string(),
                    role: r.role,
                    person: None,
                    agent: r.agent.map(|(kind, name)| Agent { name: name.into(), kind }),
                    from: opt(r.from),
                    until: opt(r.until),
                    note,
                });
            }
            Cand::Person(p) | Cand::Surname(p) => {
                let person = &data.persons[p as usize];
                let a = actor(person.actor);
                let terms: Vec<_> = if dated {
                    let in_office: Vec<_> = person.terms.iter().filter(|t| t.period.overlaps(when)).collect();
                    if !in_office.is_empty() {
                        in_office
                    } else if matches!(cand, Cand::Person(_)) {
                        person.term_at(when).into_iter().collect()
                    } else {
                        Vec::new() // a surname alone: only those in office then
                    }
                } else {
                    person.terms.iter().collect()
                };
                for t in terms {
                    let former = !t.period.overlaps(when);
                    out.push(Resolution {
                        surface: surface.to_string(),
                        code: a.code.to_string(),
                        kind: a.kind,
                        name: a.name.to_string(),
                        role: MentionRole::Person,
                        agent: Some(Agent { name: person.name.into(), kind: ActorKind::OfficeHolder }),
                        person: Some(PersonInfo {
                            name: person.name.to_string(),
                            office: t.office.to_string(),
                            from: opt(t.from),
                            until: opt(t.until),
                        }),
                        from: None,
                        until: None,
                        note: former.then(|| "a former office holder at that date".to_string()),
                    });
                }
            }
            _ => {}
        }
    }
}

/// An office holder as the one who acts, when the person's name is known.
fn holder(person: Option<&PersonInfo>) -> Option<Agent> {
    let p = person.filter(|p| !p.name.is_empty())?;
    Some(Agent { name: p.name.clone().into(), kind: ActorKind::OfficeHolder })
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Finds and resolves every actor mention in the article, in text order.
pub fn find_mentions(gazetteer: &Gazetteer, article: &Article) -> Vec<Mention> {
    resolve::find(&gazetteer.data, article)
}
