//! Organisations and office holders that act for their state (issue 19): nationality from the
//! text, the gazetteer of organisations, and titles below the head of government. Every
//! sentence here was written for these tests; the companies with invented names are unknown
//! to the gazetteer on purpose.

mod common;

use common::{found, gazetteer, mentions};
use entente_core::{ActorKind, Mention, MentionRole};

/// Surface, code, and the organisation's name and kind when known.
type Body = (String, String, Option<(String, ActorKind)>);

/// The mentions that name an organisation.
fn bodies(text: &str, date: Option<&str>) -> Vec<Body> {
    mentions(text, date)
        .into_iter()
        .filter(|m| m.role == MentionRole::Body)
        .map(|m: Mention| {
            let agent = m.agent.map(|a| (a.name.into_owned(), a.kind));
            (text[m.start..m.end].to_string(), m.code.into_owned(), agent)
        })
        .collect()
}

fn body(surface: &str, code: &str, agent: Option<(&str, ActorKind)>) -> Body {
    (surface.to_string(), code.to_string(), agent.map(|(n, k)| (n.to_string(), k)))
}

#[test]
fn a_possessive_gives_the_state_and_holds_for_later_mentions() {
    let text = "A group led by Germany's Kessler Werke won a contract in Chile. Kessler Werke will build the plant.";
    assert_eq!(bodies(text, None), [body("Germany's Kessler Werke", "DEU", None), body("Kessler Werke", "DEU", None)]);
    // The later mention is the company's only where it stands alone as a name.
    let text = "Canada's Marten agreed to the panel. Marten Street is closed; Marten said no.";
    let b = bodies(text, None);
    assert_eq!(b, [body("Canada's Marten", "CAN", None), body("Marten", "CAN", None)]);
}

#[test]
fn a_possessive_before_a_place_is_no_organisation() {
    let text = "Turkey's Black Sea coast lies north of Ankara.";
    assert!(bodies(text, None).is_empty(), "{:?}", found(text, None));
    assert!(found(text, None).iter().any(|(s, c, r)| s == "Turkey" && c == "TUR" && *r == MentionRole::Name));
}

#[test]
fn an_apposition_names_the_company_of_a_state() {
    let text = "Nordlys, Norway's state power company, sold electricity to Sweden.";
    assert_eq!(bodies(text, None)[0], body("Nordlys", "NOR", Some(("Nordlys", ActorKind::Company))));
    let text = "Halvar Telecom, the Danish telecommunications company, bought a stake in Poland.";
    assert_eq!(bodies(text, None)[0], body("Halvar Telecom", "DNK", Some(("Halvar Telecom", ActorKind::Company))));
    // Later, the name alone.
    let text = "Nordlys, Norway's state power company, sold electricity to Sweden. Nordlys will sell more.";
    let b = bodies(text, None);
    assert_eq!(b.last().unwrap(), &body("Nordlys", "NOR", Some(("Nordlys", ActorKind::Company))));
}

#[test]
fn a_premodifier_names_the_company_after_its_noun() {
    let text = "U.S. chipmaker Quantel agreed to open a plant in Ireland.";
    assert_eq!(bodies(text, None), [body("U.S. chipmaker Quantel", "USA", Some(("Quantel", ActorKind::Company)))]);
    let text = "The Brazilian state mining company Minas Novas sold ore to Korea.";
    assert_eq!(
        bodies(text, None),
        [body("Brazilian state mining company Minas Novas", "BRA", Some(("Minas Novas", ActorKind::Company)))]
    );
    let text = "The German regulator Finwacht fined three banks.";
    assert_eq!(bodies(text, None), [body("German regulator Finwacht", "DEU", Some(("Finwacht", ActorKind::Agency)))]);
    // Later in the article, the name alone.
    let text = "U.S. chipmaker Quantel agreed to open a plant in Ireland. Dublin said Quantel would hire 300.";
    let b = bodies(text, None);
    assert_eq!(b.last().unwrap(), &body("Quantel", "USA", Some(("Quantel", ActorKind::Company))), "{b:?}");
    // A state's name then words of a clause is no premodifier.
    let text = "Israel said the company would pay.";
    assert!(bodies(text, None).is_empty(), "{:?}", found(text, None));
}

#[test]
fn an_of_phrase_gives_the_state_of_the_name_before_it() {
    let text = "The lessor said SkyLine of Taiwan ordered six jets. SkyLine will take them in May.";
    assert_eq!(bodies(text, None), [body("SkyLine of Taiwan", "TWN", None), body("SkyLine", "TWN", None)]);
    // Not a place, not a sentence's first common word.
    for text in ["Ships crossed the Gulf of Mexico.", "Exports of Japan rose in May."] {
        assert!(bodies(text, None).is_empty(), "{text}: {:?}", found(text, None));
    }
}

#[test]
fn a_name_that_carries_its_state() {
    let text = "Chile Copper Corp signed a supply deal with India.";
    assert_eq!(bodies(text, None), [body("Chile Copper Corp", "CHL", Some(("Chile Copper Corp", ActorKind::Company)))]);
    let text = "The Japanese Fair Trade Commission opened an inquiry.";
    assert_eq!(
        bodies(text, None),
        [body("Japanese Fair Trade Commission", "JPN", Some(("Japanese Fair Trade Commission", ActorKind::Agency)))]
    );
    let text = "The Japanese Ministry of Finance sold bonds.";
    assert_eq!(
        bodies(text, None),
        [body("Japanese Ministry of Finance", "JPN", Some(("Ministry of Finance", ActorKind::Ministry)))]
    );
}

#[test]
fn an_unknown_company_stays_unresolved() {
    let text = "Vantorix Systems agreed to sell radars to Peru. Vantorix said the deal was signed.";
    let m = found(text, None);
    assert_eq!(m, [("Peru".to_string(), "PER".to_string(), MentionRole::Name)]);
    assert!(gazetteer().lookup("Vantorix Systems", None).is_empty());
}

#[test]
fn gazetteer_organisations_by_name_and_acronym_with_their_years() {
    let text = "Aeroflot ordered jets from the Bundesbank's neighbours while Tass reported on MITI.";
    let b = bodies(text, Some("1987-05-01"));
    assert_eq!(
        b,
        [
            body("Aeroflot", "SUN", Some(("Aeroflot", ActorKind::Company))),
            body("Bundesbank", "DEU", Some(("Bundesbank", ActorKind::Agency))),
            body("Tass", "SUN", Some(("TASS", ActorKind::Agency))),
            body("MITI", "JPN", Some(("MITI", ActorKind::Ministry))),
        ]
    );
    let b = bodies("Aeroflot flew to Paris.", Some("2005-05-01"));
    assert_eq!(b, [body("Aeroflot", "RUS", Some(("Aeroflot", ActorKind::Company)))]);
}

#[test]
fn a_title_before_a_name_and_a_counterpart() {
    let text = "Italian Finance Minister Paolo Verdiani met his French counterpart. Verdiani said talks went well.";
    let m = mentions(text, Some("1987-05-01"));
    let persons: Vec<_> = m
        .iter()
        .filter(|m| matches!(m.role, MentionRole::Person | MentionRole::Office))
        .map(|m| (&text[m.start..m.end], &*m.code, m.person.as_ref().unwrap().office.as_str()))
        .collect();
    assert_eq!(
        persons,
        [
            ("Italian Finance Minister Paolo Verdiani", "ITA", "finance minister"),
            ("French counterpart", "FRA", "counterpart"),
            ("Verdiani", "ITA", "finance minister"),
        ]
    );
    // The output shows the person, and the office where the holder is unknown.
    assert_eq!(m[0].shown(), ("Paolo Verdiani".into(), ActorKind::OfficeHolder));
    let text = "The Canadian central bank governor met the Swiss Trade Minister.";
    let offices: Vec<_> = mentions(text, None)
        .into_iter()
        .map(|m| (m.code.into_owned(), m.person.map(|p| p.office).unwrap_or_default()))
        .collect();
    assert_eq!(
        offices,
        [("CAN".to_string(), "central bank governor".to_string()), ("CHE".to_string(), "trade minister".to_string())]
    );
}

#[test]
fn an_apposition_with_a_title_names_the_person() {
    let text = "Robert Dunne, Canada's deputy chief of delegation, said the rule was fair. Later Dunne left.";
    let persons: Vec<_> = mentions(text, Some("1987-05-01"))
        .into_iter()
        .filter(|m| m.role == MentionRole::Person)
        .map(|m| (text[m.start..m.end].to_string(), m.code.into_owned(), m.person.unwrap().office))
        .collect();
    let p = |s: &str| (s.to_string(), "CAN".to_string(), "deputy chief of delegation".to_string());
    assert_eq!(persons, [p("Robert Dunne"), p("Dunne")]);
    let text = "Anna Lind, the Swedish chief negotiator, met them.";
    let m = mentions(text, None);
    assert_eq!((&text[m[0].start..m[0].end], &*m[0].code), ("Anna Lind", "SWE"));
    // A place before the comma is no person.
    let text = "In the Black Sea, Turkey's trade negotiator spoke.";
    assert!(mentions(text, None).iter().all(|m| m.role != MentionRole::Person), "{:?}", found(text, None));
}

#[test]
fn lookup_gives_the_kind_and_the_state_of_each_kind() {
    let g = gazetteer();
    let cases = [
        ("Petrobras", None, "BRA", ActorKind::Company, "Petrobras"),
        ("Statoil", None, "NOR", ActorKind::Company, "Equinor"),
        ("Kuwait Petroleum Corp", None, "KWT", ActorKind::Company, "Kuwait Petroleum Corporation"),
        ("Bundesbank", None, "DEU", ActorKind::Agency, "Bundesbank"),
        ("Tass", Some("1987-01-01"), "SUN", ActorKind::Agency, "TASS"),
        ("Xinhua", None, "CHN", ActorKind::Agency, "Xinhua"),
        ("MITI", Some("1987-01-01"), "JPN", ActorKind::Ministry, "MITI"),
        ("Quai d'Orsay", None, "FRA", ActorKind::Ministry, "Quai d'Orsay"),
        ("Pentagon", None, "USA", ActorKind::Ministry, "Pentagon"),
        ("Clayton K. Yeutter", Some("1987-01-01"), "USA", ActorKind::OfficeHolder, "Clayton K. Yeutter"),
    ];
    for (name, date, code, kind, agent) in cases {
        let r = g.lookup(name, date);
        let a = r.first().and_then(|r| r.agent.as_ref());
        assert!(
            r.len() == 1 && r[0].code == code && a.is_some_and(|a| a.kind == kind && a.name == agent),
            "{name}: {r:?}"
        );
    }
    // A Soviet body is the Soviet Union's to 1991, then Russia's.
    assert_eq!(g.lookup("Aeroflot", Some("1990-01-01"))[0].code, "SUN");
    assert_eq!(g.lookup("Aeroflot", Some("1995-01-01"))[0].code, "RUS");
}
