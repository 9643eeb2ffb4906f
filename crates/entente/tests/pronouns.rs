//! Sentence-opening pronouns carry the previous sentence's subject into the relations, through
//! the whole pipeline (reader, gazetteer, extractor), on sentences written for this test.

use entente::Extractor;
use entente_core::{Content, Document, Sector};

fn relations(text: &str) -> Vec<(String, String, Sector)> {
    let doc = Document { id: "t".into(), url: None, date: None, title: None, content: Content::Text(text.into()) };
    let x = Extractor::new().unwrap().extract(&doc).unwrap();
    x.relations.into_iter().map(|r| (r.source, r.target, r.sector)).collect()
}

#[test]
fn it_its_and_they_continue_the_subject() {
    let r = relations("Argentina is a large grain producer. It sold wheat to Brazil last year.");
    assert_eq!(r, [("ARG".to_string(), "BRA".to_string(), Sector::Trade)]);
    let r = relations("Japan raised its rates in March. Its exports to Brazil fell by a third.");
    assert_eq!(r, [("JPN".to_string(), "BRA".to_string(), Sector::Trade)]);
    let r = relations(
        "Chile and Peru settled their maritime dispute in 2014. They signed a fisheries accord with Ecuador.",
    );
    assert!(r.iter().any(|x| x.0 == "CHL" && x.1 == "ECU") && r.iter().any(|x| x.0 == "PER" && x.1 == "ECU"), "{r:?}");
}

#[test]
fn an_impersonal_it_or_another_paragraph_relates_nothing() {
    assert!(relations("Norway signed the accord. It is unclear whether Sweden will sell it gas.").is_empty());
    assert!(relations("Kenya held elections.\n\nIt sent troops to Somalia.").is_empty());
}

#[test]
fn a_personal_pronoun_anywhere_is_the_office_holder_named_just_before() {
    // "But he ..." and "..., he said" after a titled minister: his state acts.
    let t = "Ukrainian Finance Minister Oleg Petrenko spoke on Monday.\n\nBut he called on the EU to lift its tariffs on steel.";
    assert!(relations(t).iter().any(|x| x.0 == "UKR" && x.1 == "EU"), "{:?}", relations(t));
    // Without the holder there is nobody for "he" to be.
    let t = "The steel market was weak on Monday.\n\nBut he called on the EU to lift its tariffs on steel.";
    assert!(relations(t).is_empty(), "{:?}", relations(t));
    // A spokesman between: "he" may be his, so nothing is said for the minister's state.
    let t = "Ukrainian Finance Minister Oleg Petrenko spoke on Monday. A spokesman said he called on the EU to lift its tariffs on steel.";
    assert!(relations(t).is_empty(), "{:?}", relations(t));
}

#[test]
fn bare_ministers_are_the_ministers_named_before() {
    let t = "OPEC oil ministers met in Vienna on Monday.\n\nBut ministers failed to agree on a loan to Nigeria.";
    assert!(
        relations(t).iter().any(|x| x.0 == "OPEC" && x.1 == "NGA" || x.0 == "NGA" && x.1 == "OPEC"),
        "{:?}",
        relations(t)
    );
    let t = "Oil prices rose on Monday.\n\nBut ministers failed to agree on a loan to Nigeria.";
    assert!(relations(t).is_empty(), "{:?}", relations(t));
}
