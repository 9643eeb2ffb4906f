//! Office holders below the head of government after 2014 (issue 19): envoys from the
//! Factbook's chiefs of mission, ministers and central bank governors from the hand-written
//! list, heads of intergovernmental organisations, and the words "pro-" and "non-" that make a
//! state's name part of a description. Every sentence here was written for these tests; the
//! persons are real office holders (facts of the gazetteer), what they do in the sentences is
//! invented.

mod common;

use common::{codes, gazetteer, mentions, pairs};
use entente_core::{ActorKind, MentionRole};

/// (surface, code, office) of the mentions of persons.
fn persons(text: &str, date: Option<&str>) -> Vec<(String, String, String)> {
    mentions(text, date)
        .into_iter()
        .filter(|m| m.role == MentionRole::Person)
        .map(|m| {
            (text[m.start..m.end].to_string(), m.code.into_owned(), m.person.map(|p| p.office).unwrap_or_default())
        })
        .collect()
}

fn person(surface: &str, code: &str, office: &str) -> (String, String, String) {
    (surface.to_string(), code.to_string(), office.to_string())
}

#[test]
fn an_envoy_of_the_factbook_counts_for_the_state_that_sent_them() {
    // A state's ambassador in Washington counts for that state, the US ambassador in a state for
    // the US.
    let text = "Laurent Bili met officials in Ohio, and Charles Kushner toured Lyon.";
    assert_eq!(
        persons(text, Some("2025-09-01")),
        [
            person("Laurent Bili", "FRA", "ambassador to the United States"),
            person("Charles Kushner", "USA", "ambassador to France"),
        ]
    );
    // A surname alone is no envoy, and the Factbook's capitals are the news's casing.
    assert!(persons("Kushner toured Lyon.", Some("2025-09-01")).is_empty());
    // A name the Factbook writes surname first ("YAMADA Shigeo") is also read given name first.
    assert_eq!(persons("Shigeo Yamada spoke.", Some("2025-01-01"))[0].1, "JPN");
}

#[test]
fn ministers_after_2014_by_the_dates_of_their_office() {
    let text = "Kuleba called Lavrov's plan a trick, and Baerbock agreed.";
    assert_eq!(
        persons(text, Some("2022-03-01")),
        [
            person("Kuleba", "UKR", "foreign minister"),
            person("Lavrov", "RUS", "foreign minister"),
            person("Baerbock", "DEU", "foreign minister"),
        ]
    );
    // Before the office, the surname alone names nobody.
    assert!(persons("Kuleba and Baerbock spoke.", Some("2012-01-01")).is_empty());
    // A surname of several words; a full name whose surname is too common to stand alone.
    assert_eq!(persons("Le Drian flew to Delhi.", Some("2019-05-01")), [person("Le Drian", "FRA", "foreign minister")]);
    assert_eq!(persons("Wang Yi met envoys.", Some("2020-05-01")), [person("Wang Yi", "CHN", "foreign minister")]);
    assert!(persons("Wang met envoys.", Some("2020-05-01")).is_empty());
    // A title before a name the list knows: one mention, the list's office.
    let m = persons("Treasury Secretary Janet Yellen met bankers.", Some("2022-05-01"));
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!((m[0].1.as_str(), m[0].2.as_str()), ("USA", "finance minister"));
}

#[test]
fn the_head_of_an_organisation_counts_for_it_while_in_office() {
    // Stoltenberg: NATO's secretary general 2014-2024, then Norway's finance minister.
    assert_eq!(codes("Stoltenberg warned Moscow.", Some("2018-06-01"))[0], ("Stoltenberg".into(), "NATO".into()));
    assert_eq!(codes("Stoltenberg warned Moscow.", Some("2025-06-01"))[0], ("Stoltenberg".into(), "NOR".into()));
    // A person who holds an office at the date counts for it, not for a state they served
    // before ("Mark Rutte" was the Netherlands' prime minister to 2024).
    let text = "Mark Rutte and Ursula von der Leyen met in Davos.";
    assert_eq!(codes(text, Some("2023-01-01")), pairs(&[("Mark Rutte", "NLD"), ("Ursula von der Leyen", "EU")]));
    assert_eq!(codes(text, Some("2025-01-01")), pairs(&[("Mark Rutte", "NATO"), ("Ursula von der Leyen", "EU")]));
    assert_eq!(codes(text, Some("2016-01-01")), pairs(&[("Mark Rutte", "NLD"), ("Ursula von der Leyen", "DEU")]));
    let m = mentions("Guterres urged a truce.", Some("2023-06-01"));
    assert_eq!((&*m[0].code, m[0].kind), ("UN", ActorKind::Igo));
    // While Timor-Leste's president (2017-2022) was also a Guterres, the surname alone named
    // neither; the full name did.
    assert!(mentions("Guterres urged a truce.", Some("2020-01-01")).is_empty());
    assert_eq!(codes("Antonio Guterres urged a truce.", Some("2020-01-01")), pairs(&[("Antonio Guterres", "UN")]));
}

#[test]
fn a_state_after_pro_or_non_is_part_of_a_description() {
    // "pro-Russian rebels" are not Russia, "non-OPEC producers" not OPEC.
    let text = "Pro-Russian rebels shelled the town, and a pro-Western party won in Ukraine.";
    assert_eq!(codes(text, Some("2015-01-01")), pairs(&[("Ukraine", "UKR")]));
    let text = "Non-OPEC producers and non-EU states met OPEC in Vienna.";
    assert_eq!(codes(text, Some("2015-01-01")), pairs(&[("OPEC", "OPEC"), ("Vienna", "AUT")]));
    // Other prefixes keep the name ("anti-American protests" are about the US), and so does a
    // word that merely ends in the letters ("Apro-Russia" is no prefix).
    assert_eq!(codes("Anti-American protests spread.", None), pairs(&[("American", "USA")]));
}

#[test]
fn lookup_answers_for_envoys_ministers_and_heads_of_organisations() {
    let g = gazetteer();
    let cases = [
        ("Laurent Bili", "2024-01-01", "FRA", "ambassador to the United States"),
        ("Dmytro Kuleba", "2022-01-01", "UKR", "foreign minister"),
        ("Sergei Shoigu", "2020-01-01", "RUS", "defence minister"),
        ("Kristalina Georgieva", "2022-01-01", "IMF", "managing director"),
    ];
    for (name, date, code, office) in cases {
        let r = g.lookup(name, Some(date));
        let ok = r.len() == 1
            && r[0].code == code
            && r[0].agent.as_ref().is_some_and(|a| a.kind == ActorKind::OfficeHolder)
            && r[0].person.as_ref().is_some_and(|p| p.office == office);
        assert!(ok, "{name}: {r:?}");
    }
}

#[test]
fn a_state_before_a_currency_names_money() {
    let text = "The Turkish lira fell as Turkey sold U.S. dollars and 40 U.S. cents bought less.";
    assert_eq!(codes(text, Some("2018-08-01")), pairs(&[("Turkey", "TUR")]));
    // A capitalised word after the adjective is no currency (here a person's name).
    let text = "Canadian Mark Dollar met the Egyptian pound traders in Cairo.";
    assert_eq!(codes(text, None), pairs(&[("Canadian", "CAN"), ("Cairo", "EGY")]));
    // A currency that begins an amount follows the state it goes to.
    assert_eq!(codes("Japan lent Peru dollars 2bn.", None), pairs(&[("Japan", "JPN"), ("Peru", "PER")]));
    // Spaces of a scrape between the words, and a last word of several bytes.
    assert!(codes("Peru  dollars  fell; Chile pesos\u{a0}€.", None).is_empty());
}

#[test]
fn in_an_undated_article_a_surname_alone_needs_its_state_named() {
    // Without a date every leader since 1980 is "in office": a common surname would be some
    // small state's head of government.
    assert!(codes("Phillips and Scott signed the lease.", None).is_empty());
    // With the state named before, or at a date, the holder is found.
    let text = "Guyana's cabinet met. Phillips said the budget was ready.";
    assert_eq!(codes(text, None), pairs(&[("Guyana", "GUY"), ("Phillips", "GUY")]));
    assert_eq!(codes("Phillips said the budget was ready.", Some("2022-01-01")), pairs(&[("Phillips", "GUY")]));
    // Named in full first, the surname follows the person.
    let text = "Vladimir Putin spoke. Later Putin left.";
    assert_eq!(codes(text, None), pairs(&[("Vladimir Putin", "RUS"), ("Putin", "RUS")]));
}
