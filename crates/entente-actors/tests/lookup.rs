//! `Gazetteer::lookup` and the gazetteer's coverage.

mod common;

use common::gazetteer;
use entente_core::{ActorKind, MentionRole};

#[test]
fn every_un_member_by_name_and_by_demonym() {
    let g = gazetteer();
    let members = g.members("UN", Some("2014-06-01"));
    assert!(members.len() >= 190, "{} UN members", members.len());
    let mut missing = Vec::new();
    for m in &members {
        let actor = g.actor(&m.member).expect("a member is an actor");
        assert_eq!(actor.kind, ActorKind::State, "{}", actor.code);
        if !g.lookup(actor.name, Some("2014-06-01")).iter().any(|r| r.code == actor.code) {
            missing.push(format!("{} by name {:?}", actor.code, actor.name));
        }
        let adjectives: Vec<String> = g
            .names_of(actor.code)
            .into_iter()
            .filter(|(_, role, _, _)| *role == MentionRole::Adjective)
            .map(|(s, ..)| s)
            .collect();
        if adjectives.is_empty() {
            missing.push(format!("{} has no demonym", actor.code));
        }
        for adj in adjectives {
            let found = g.lookup(&adj, Some("2014-06-01"));
            if !found.iter().any(|r| r.code == actor.code && r.role == MentionRole::Adjective) {
                missing.push(format!("{} by demonym {adj:?}: {found:?}", actor.code));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn lookup_netanyahu_in_2016() {
    let r = gazetteer().lookup("Netanyahu", Some("2016-12-01"));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].code, "ISR");
    assert_eq!(r[0].role, MentionRole::Person);
    let p = r[0].person.as_ref().unwrap();
    assert_eq!(p.office, "prime minister");
    assert_eq!(p.from.as_deref(), Some("2009-03-31"));
}

#[test]
fn lookup_astana_while_it_was_nur_sultan() {
    let r = gazetteer().lookup("Astana", Some("2020-01-01"));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].code, "KAZ");
    assert_eq!(r[0].role, MentionRole::Capital);
    assert!(r[0].note.as_deref().unwrap_or("").contains("Nur-Sultan"));
}

#[test]
fn lookup_reads_a_phrase_as_text() {
    let r = gazetteer().lookup("the Iranian foreign minister", Some("2016"));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].code, "IRN");
    assert_eq!(r[0].role, MentionRole::Office);
    assert!(gazetteer().lookup("Manchester", None).is_empty());
}

#[test]
fn actors_have_cow_codes_and_kinds() {
    let g = gazetteer();
    assert_eq!(g.actor("USA").unwrap().ccode, Some(2));
    assert_eq!(g.actor("ISR").unwrap().ccode, Some(666));
    assert_eq!(g.actor("SUN").unwrap().kind, ActorKind::FormerState);
    assert_eq!(g.actor("EAEU").unwrap().kind, ActorKind::Igo);
    assert_eq!(g.actor("ISIS").unwrap().kind, ActorKind::Group);
    let codes: Vec<&str> = g.actors().map(|a| a.code).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "actors are ordered by code");
    for c in [
        "PSE",
        "XKX",
        "TWN",
        "SUN",
        "YUG",
        "CSK",
        "DDR",
        "EU",
        "UN",
        "NATO",
        "OPEC",
        "ASEAN",
        "AU",
        "GCC",
        "SCO",
        "CIS",
        "CSTO",
        "IAEA",
        "OAS",
        "HEZBOLLAH",
        "HAMAS",
    ] {
        assert!(g.actor(c).is_some(), "{c}");
    }
}

#[test]
fn organisation_members() {
    let g = gazetteer();
    let eaeu: Vec<String> = g.members("EAEU", Some("2016")).into_iter().map(|m| m.member).collect();
    for c in ["RUS", "KAZ", "BLR", "ARM", "KGZ"] {
        assert!(eaeu.contains(&c.to_string()), "{c} in {eaeu:?}");
    }
    let sco: Vec<String> = g.members("SCO", Some("2016")).into_iter().map(|m| m.member).collect();
    assert!(sco.contains(&"KAZ".to_string()) && !sco.contains(&"IND".to_string()));
    let nato: Vec<String> = g.members("NATO", Some("2024-06")).into_iter().map(|m| m.member).collect();
    assert!(nato.contains(&"SWE".to_string()) && nato.contains(&"USA".to_string()));
}

#[test]
fn builtin_loads_every_state() {
    // How long it takes is measured by the benchmark (`cargo bench -p entente-actors`,
    // gazetteer/builtin), not here.
    let g = entente_actors::Gazetteer::builtin().unwrap();
    assert!(g.actors().count() > 200);
    assert!(g.actor("KAZ").is_some() && g.actor("XKX").is_some() && g.actor("PSE").is_some());
}
