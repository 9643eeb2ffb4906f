//! The pairing, sector, modality, amount and time rules on sentences written for these tests.
//! Actors come from a small dictionary here, so the rules are tested apart from the gazetteer.

use entente_core::{
    ActorKind, Article, Content, Document, EventType, Mention, MentionRole, Modality, Polarity, Relation, Sector,
};
use entente_relations::{extract, Lexicon};

const NAMES: &[(&str, &str, MentionRole)] = &[
    ("Israeli", "ISR", MentionRole::Adjective),
    ("Israel", "ISR", MentionRole::Name),
    ("Jerusalem", "ISR", MentionRole::Capital),
    ("Azerbaijan", "AZE", MentionRole::Name),
    ("Azeri", "AZE", MentionRole::Adjective),
    ("Baku", "AZE", MentionRole::Capital),
    ("Kazakhstan", "KAZ", MentionRole::Name),
    ("Kazakh", "KAZ", MentionRole::Adjective),
    ("Astana", "KAZ", MentionRole::Capital),
    ("Iranian", "IRN", MentionRole::Adjective),
    ("Iran", "IRN", MentionRole::Name),
    ("the United States", "USA", MentionRole::Name),
    ("The United States", "USA", MentionRole::Name),
    ("the European Union", "EU", MentionRole::Name),
    ("Japan", "JPN", MentionRole::Name),
    ("Brazil", "BRA", MentionRole::Name),
    ("Norway", "NOR", MentionRole::Name),
    ("Turkey", "TUR", MentionRole::Name),
    ("Turkish", "TUR", MentionRole::Adjective),
    ("the WTO", "WTO", MentionRole::Name),
    ("Armenia", "ARM", MentionRole::Name),
    ("ISIS", "ISIS", MentionRole::Name),
];

fn mentions(article: &Article) -> Vec<Mention> {
    let text = &article.text;
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let boundary = i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric());
        let hit = NAMES.iter().find(|(n, _, _)| {
            boundary && rest.starts_with(n) && !rest[n.len()..].starts_with(|c: char| c.is_alphabetic() && c != 's')
        });
        if let Some((n, code, role)) = hit {
            let kind = if matches!(*code, "EU" | "WTO") {
                ActorKind::Igo
            } else if *code == "ISIS" {
                ActorKind::Group
            } else {
                ActorKind::State
            };
            out.push(Mention {
                start: i,
                end: i + n.len(),
                code: code.to_string().into(),
                kind,
                name: code.to_string().into(),
                role: *role,
                person: None,
                agent: None,
            });
            i += n.len();
            continue;
        }
        // "the two countries": the two most recent distinct actors.
        if rest.starts_with("the two countries") || rest.starts_with("both countries") {
            let len = if rest.starts_with("the") { 17 } else { 14 };
            let mut recent: Vec<std::borrow::Cow<'static, str>> = Vec::new();
            for m in out.iter().rev() {
                if !recent.contains(&m.code) {
                    recent.push(m.code.clone());
                }
            }
            for code in recent.into_iter().take(2).collect::<Vec<_>>().into_iter().rev() {
                out.push(Mention {
                    start: i,
                    end: i + len,
                    name: code.clone(),
                    code,
                    kind: ActorKind::State,
                    role: MentionRole::Coreference,
                    person: None,
                    agent: None,
                });
            }
            i += len;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn run(text: &str, date: Option<&str>) -> Vec<Relation> {
    let doc = Document {
        id: "t".into(),
        url: None,
        date: date.map(String::from),
        title: None,
        content: Content::Text(text.into()),
    };
    let article = entente_read::read(&doc, &Default::default()).expect("readable");
    let lexicon = Lexicon::builtin().unwrap();
    extract(&article, &mentions(&article), &lexicon)
}

/// (source, target, sector, modality) of each relation.
fn links(text: &str) -> Vec<(String, String, Sector, Modality)> {
    run(text, None).into_iter().map(|r| (r.source, r.target, r.sector, r.modality)).collect()
}

fn has(links: &[(String, String, Sector, Modality)], s: &str, t: &str, sector: Sector) -> bool {
    links.iter().any(|l| l.0 == s && l.1 == t && l.2 == sector)
}

#[test]
fn active_voice_with_indirect_object() {
    let l = links("Azerbaijan gave Israel access to its air bases.");
    assert!(has(&l, "AZE", "ISR", Sector::Military), "{l:?}");
    assert!(!has(&l, "ISR", "AZE", Sector::Military), "{l:?}");
}

#[test]
fn passive_voice_names_the_agent_as_source() {
    let l = links("Sophisticated drones were sold to Baku by Israel.");
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(has(&l, "ISR", "AZE", Sector::Arms), "{l:?}");
}

#[test]
fn imports_flow_from_the_supplier() {
    let r = run("Norway imports 30 percent of its gas from Azerbaijan, and 15 percent from Kazakhstan.", None);
    let aze = r.iter().find(|r| r.source == "AZE").expect("AZE supplies");
    assert_eq!((aze.target.as_str(), aze.sector), ("NOR", Sector::Energy));
    assert_eq!(aze.quantities[0].value, 30.0);
    assert_eq!(aze.quantities[0].unit, "percent");
    assert_eq!(aze.quantities[0].of.as_deref(), Some("gas"));
    let kaz = r.iter().find(|r| r.source == "KAZ").expect("KAZ supplies too (gapping)");
    assert_eq!(kaz.target, "NOR");
    assert_eq!(kaz.quantities[0].value, 15.0);
}

#[test]
fn possessives_and_compounds() {
    let l = links("Israel's military partnership with Azerbaijan deepened.");
    assert!(has(&l, "ISR", "AZE", Sector::Military), "{l:?}");
    let l = links("An Israeli-Kazakh partnership in farming and irrigation has grown.");
    assert!(has(&l, "ISR", "KAZ", Sector::Agriculture), "{l:?}");
    let l = links("The Turkey-Azerbaijan alliance held firm.");
    assert!(has(&l, "TUR", "AZE", Sector::Military), "{l:?}");
}

#[test]
fn between_the_two_countries() {
    let l = links("Israel sent envoys to Azerbaijan, and energy cooperation between the two countries grew.");
    assert!(has(&l, "ISR", "AZE", Sector::Energy) || has(&l, "AZE", "ISR", Sector::Energy), "{l:?}");
}

#[test]
fn coordinated_sources_are_not_paired_with_each_other() {
    let r = run("The United States and the European Union have placed arms embargoes on Azerbaijan since 1992.", None);
    let pairs: Vec<(&str, &str)> = r.iter().map(|r| (r.source.as_str(), r.target.as_str())).collect();
    assert!(pairs.contains(&("USA", "AZE")) && pairs.contains(&("EU", "AZE")), "{pairs:?}");
    assert!(!pairs.iter().any(|p| matches!(p, ("USA", "EU") | ("EU", "USA"))), "{pairs:?}");
    for rel in &r {
        assert_eq!(rel.sector, Sector::Sanctions);
        assert_eq!(rel.time.start.as_deref(), Some("1992"));
        assert_eq!(rel.polarity, entente_core::Polarity::Conflictual);
    }
}

#[test]
fn a_clause_break_is_not_a_list() {
    // "Baku, Israel": the comma closes the opening phrase, so Israel is the subject of "sell".
    let r = run("During the visit to Baku, Israel agreed to sell Azerbaijan $5 billion worth of arms.", None);
    assert!(
        r.iter().any(|x| x.source == "ISR"
            && x.target == "AZE"
            && x.sector == Sector::Arms
            && x.modality == Modality::Planned
            && x.quantities.first().is_some_and(|q| q.value == 5e9)),
        "{r:?}"
    );
}

#[test]
fn coordinated_objects_and_capitals() {
    let l = links("The Japanese minister will visit Baku and Astana next month.");
    let l2 = links("Japan will visit Baku and Astana next month.");
    assert!(l.is_empty() || has(&l, "JPN", "AZE", Sector::Diplomacy));
    assert!(has(&l2, "JPN", "AZE", Sector::Diplomacy) && has(&l2, "JPN", "KAZ", Sector::Diplomacy), "{l2:?}");
    assert!(l2.iter().all(|x| x.3 == Modality::Planned), "{l2:?}");
}

#[test]
fn relative_clause_takes_its_antecedent() {
    let l = links("Norway, which buys crude oil from Kazakhstan, is also a partner of Japan.");
    assert!(has(&l, "KAZ", "NOR", Sector::Energy), "{l:?}");
}

#[test]
fn several_relations_in_one_sentence() {
    let l = links(
        "Israel's counter-terrorism cooperation with Kazakhstan and exports of stealth weaponry to Astana have grown.",
    );
    assert!(has(&l, "ISR", "KAZ", Sector::Security), "{l:?}");
    assert!(has(&l, "ISR", "KAZ", Sector::Arms), "{l:?}");
}

#[test]
fn modality_cues() {
    let r = run("Israel agreed to sell Azerbaijan $5 billion worth of arms and missile defense technology.", None);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        (r[0].source.as_str(), r[0].target.as_str(), r[0].sector, r[0].modality),
        ("ISR", "AZE", Sector::Arms, Modality::Planned)
    );
    assert_eq!(r[0].quantities[0].value, 5e9);
    assert_eq!(r[0].quantities[0].unit, "USD");
    let l = links("Officials in Norway hope that Japan will support Brazil in the vote.");
    assert!(l.iter().any(|x| x.0 == "JPN" && x.3 == Modality::Hoped), "{l:?}");
    let l = links("Turkey would provide military assistance to Israel, if Israel decided to launch a military strike against Iran.");
    assert!(l.iter().any(|x| x.0 == "ISR" && x.1 == "IRN" && x.3 == Modality::Hypothetical), "{l:?}");
    // A condition in its own clause makes the main clause's "would" hypothetical, either way round.
    let l = links("If the pipeline is finished, Azerbaijan would export gas to Turkey.");
    assert_eq!(
        l.iter().filter(|x| x.0 == "AZE" && x.1 == "TUR").map(|x| x.3).collect::<Vec<_>>(),
        [Modality::Hypothetical]
    );
    let l = links("Turkey would provide military assistance to Israel, if Israel decided to launch a military strike against Iran.");
    assert!(l.iter().any(|x| x.0 == "TUR" && x.1 == "ISR" && x.3 == Modality::Hypothetical), "{l:?}");
    // Without a condition "would" stays a plan.
    let l = links("Azerbaijan said it would export gas to Turkey.");
    assert!(l.iter().any(|x| x.0 == "AZE" && x.1 == "TUR" && x.3 == Modality::Planned), "{l:?}");
    let l = links("Japan did not sign the trade agreement with Brazil.");
    assert!(l.iter().all(|x| x.3 == Modality::Negated) && !l.is_empty(), "{l:?}");
}

#[test]
fn a_list_of_three_that_opens_the_clause_is_its_subject() {
    // With and without the serial comma: every pair of the list, and nothing else.
    for text in
        ["Japan, Brazil, and Norway signed a trade agreement.", "Japan, Brazil and Norway signed a trade agreement."]
    {
        let mut pairs: Vec<(String, String)> = links(text).into_iter().map(|l| (l.0, l.1)).collect();
        pairs.sort();
        pairs.dedup();
        let want = [("BRA", "NOR"), ("JPN", "BRA"), ("JPN", "NOR")];
        assert_eq!(pairs, want.map(|(a, b)| (a.to_string(), b.to_string())), "{text}");
    }
    let l = links("The United States, Japan, and Brazil met on Monday.");
    assert!(has(&l, "USA", "JPN", Sector::Diplomacy) && has(&l, "JPN", "BRA", Sector::Diplomacy), "{l:?}");
    assert!(has(&l, "USA", "BRA", Sector::Diplomacy), "{l:?}");
    // A comma and "and" after a lone object end its clause: Turkey is no partner of Israel here.
    let l = links("Israel signed a trade agreement with Iran, and Turkey complained.");
    assert!(!l.iter().any(|x| x.0 == "TUR" || x.1 == "TUR"), "{l:?}");
}

#[test]
fn a_duty_falls_on_the_country_the_goods_come_from() {
    let typed = |text: &str| -> Vec<(String, String, EventType)> {
        run(text, None).into_iter().map(|r| (r.source, r.target, r.event_type)).collect()
    };
    for text in [
        "The United States imposed tariffs on steel from Japan.",
        "The United States imposed a countervailing duty on steel from Japan.",
    ] {
        let l = typed(text);
        assert_eq!(l, [("USA".to_string(), "JPN".to_string(), EventType::Sanction)], "{text}");
    }
    let l = typed("The United States raised import duties on Iranian steel.");
    assert_eq!(l, [("USA".to_string(), "IRN".to_string(), EventType::Sanction)]);
}

#[test]
fn ties_being_mended_are_no_rivalry() {
    let polarities = |text: &str| -> Vec<Polarity> { run(text, None).into_iter().map(|r| r.polarity).collect() };
    let p = polarities("Japan is seeking to mend ties with Brazil strained by a dispute over beef.");
    assert!(!p.is_empty() && p.iter().all(|&p| p == Polarity::Cooperative), "{p:?}");
    // Without the mending, the strained ties are a rivalry.
    let p = polarities("Japan has ties with Brazil strained by a dispute over beef.");
    assert!(p.contains(&Polarity::Conflictual), "{p:?}");
}

#[test]
fn a_relative_clause_acts_for_its_noun_not_for_the_sentence_subject() {
    // "that has seized ..." is the group's act: the United States seized nothing.
    let l = links(
        "The United States bombed a depot on Monday, expanding its campaign against the militant group that has \
         seized parts of Iran and Armenia.",
    );
    assert!(!l.iter().any(|x| x.1 == "IRN" || x.1 == "ARM"), "{l:?}");
    // After a verb of saying, "that" opens what was said, and the subject still acts.
    let l = links("Japan signed a pact with Norway on Monday, adding that it would sell rice to Brazil.");
    assert!(has(&l, "JPN", "BRA", Sector::Trade), "{l:?}");
}

#[test]
fn a_cooperative_act_refused_is_a_rejection_by_the_one_who_refuses() {
    // (source, target, sector, type, polarity, modality) of each relation.
    let typed = |text: &str| -> Vec<(String, String, Sector, EventType, Polarity, Modality)> {
        run(text, None)
            .into_iter()
            .map(|r| (r.source, r.target, r.sector, r.event_type, r.polarity, r.modality))
            .collect()
    };
    let rejects = |l: &[(String, String, Sector, EventType, Polarity, Modality)], s: &str, t: &str| {
        l.iter().any(|x| {
            x.0 == s && x.1 == t && x.3 == EventType::Reject && x.4 == Polarity::Conflictual && x.5 == Modality::Actual
        })
    };
    let l = typed("Officials said Norway would not sell arms to Armenia.");
    assert!(rejects(&l, "NOR", "ARM") && l.iter().all(|x| x.4 == Polarity::Conflictual), "{l:?}");
    assert!(l.iter().any(|x| x.2 == Sector::Arms), "{l:?}");
    let l = typed("Japan refused to sign the trade agreement with Brazil.");
    assert!(rejects(&l, "JPN", "BRA"), "{l:?}");
    // The refuser is the source even when the act refused runs the other way ("buy from").
    let l = typed("Brazil won't buy wheat from Turkey this year, the minister said.");
    assert!(rejects(&l, "BRA", "TUR") && !l.iter().any(|x| x.0 == "TUR"), "{l:?}");
    // A denial of what happened is not a refusal: negated, and still cooperative.
    let l = typed("Kazakhstan did not sign the trade agreement with Iran.");
    assert!(!l.is_empty() && l.iter().all(|x| x.4 == Polarity::Cooperative && x.5 == Modality::Negated), "{l:?}");
    // Nor is being unable ("would not be able to" is too far from the act to refuse it).
    let l = typed("Without the pipeline, Israel would not be able to import gas from Azerbaijan.");
    assert!(!l.is_empty() && l.iter().all(|x| x.3 != EventType::Reject), "{l:?}");
    // Refusing to attack is no rejection: only cooperative acts turn.
    let l = typed("Turkey declined to attack Armenia.");
    assert!(l.iter().all(|x| x.3 != EventType::Reject && x.5 == Modality::Negated), "{l:?}");
}

#[test]
fn sentences_that_relate_nothing() {
    for s in [
        "Israel and Iran both held elections in March.",
        "Fans from Japan and Brazil watched the final.",
        "The report covers Norway, Turkey and Armenia.",
        "Israel is capable of forming partnerships, said a speaker in Brazil.",
    ] {
        assert!(links(s).is_empty(), "{s}: {:?}", links(s));
    }
}

#[test]
fn anti_and_place_possessives_are_not_partners() {
    let l = links("Israel will expand its anti-ISIS cooperation with other countries.");
    assert!(l.is_empty(), "{l:?}");
    let l = links("Azerbaijan's partnership gave Israel an ally on Iran's borders.");
    assert!(!l.iter().any(|x| x.0 == "IRN" || x.1 == "IRN"), "{l:?}");
}

#[test]
fn times_attach_to_their_clause() {
    let r = run("In 2012, Azerbaijan gave Israel access to its air bases.", None);
    assert_eq!(r[0].time.start.as_deref(), Some("2012"));
    let r = run("Japan signed a trade deal with Brazil last year.", Some("2016-05-04"));
    assert_eq!(r[0].time.start.as_deref(), Some("2015"));
}

#[test]
fn same_input_same_output() {
    let text = "Israel agreed to sell Azerbaijan arms. Kazakhstan has maintained a security partnership with Iran.";
    let a = serde_json::to_string(&run(text, None)).unwrap();
    let b = serde_json::to_string(&run(text, None)).unwrap();
    assert_eq!(a, b);
    assert!(a.contains("\"KAZ\""));
}

#[test]
fn what_is_developed_belongs_to_the_partner_or_runs_to_it() {
    let l = links("Israel is upgrading the Azeri telephone system.");
    assert!(l.iter().any(|x| x.0 == "ISR" && x.1 == "AZE"), "{l:?}");
    let l = links("Turkey plans to build an oil pipeline to Armenia.");
    assert!(
        l.iter().any(|x| x.0 == "TUR" && x.1 == "ARM" && x.2 == Sector::Energy && x.3 == Modality::Planned),
        "{l:?}"
    );
    // Building something in another country, or near it, is no tie by itself.
    for s in [
        "Turkey built a new stadium near Armenia.",
        "Japan is developing a new fighter with help from nobody, Brazil said.",
    ] {
        assert!(links(s).is_empty(), "{s}: {:?}", links(s));
    }
}

#[test]
fn trade_between_and_copula_possessives() {
    let r = run("Bilateral trade between Japan and Brazil reached $10 billion in 2022.", None);
    assert!(
        r.iter()
            .any(|x| x.source == "JPN" && x.target == "BRA" && x.sector == Sector::Trade && x.quantities.len() == 1),
        "{r:?}"
    );
    let l = links("Japan is Brazil's largest trading partner.");
    assert!(has(&l, "JPN", "BRA", Sector::Trade), "{l:?}");
    let l = links("Norway has become Turkey's main supplier of natural gas.");
    assert!(has(&l, "NOR", "TUR", Sector::Energy), "{l:?}");
    // Without the copula the possessor is not paired with the subject.
    let l = links("Japan said Brazil's largest trading partner would grow.");
    assert!(!has(&l, "JPN", "BRA", Sector::Trade), "{l:?}");
}

#[test]
fn jointly_and_cut_ties() {
    let l = links("Japan and Brazil agreed to jointly develop a new fighter jet.");
    assert!(has(&l, "JPN", "BRA", Sector::Arms) || has(&l, "BRA", "JPN", Sector::Arms), "{l:?}");
    let r = run("Turkey and Israel cut diplomatic ties with Iran in 2012.", None);
    for src in ["TUR", "ISR"] {
        assert!(
            r.iter().any(|x| x.source == src
                && x.target == "IRN"
                && x.sector == Sector::Diplomacy
                && x.polarity == entente_core::Polarity::Conflictual),
            "{src}: {r:?}"
        );
    }
}

#[test]
fn deals_to_buy_blocks_rifts_stationing_and_sending() {
    // The deal is the modality of the purchase, which keeps its own pair and direction.
    let r = run("Brazil signed a deal to buy drones from Israel in 2023.", None);
    assert!(
        r.iter().any(|x| x.source == "ISR"
            && x.target == "BRA"
            && x.sector == Sector::Arms
            && x.modality == Modality::Planned),
        "{r:?}"
    );
    let r = run("Turkey blocked Armenia's bid to join the European Union.", None);
    assert!(r
        .iter()
        .any(|x| x.source == "TUR" && x.target == "ARM" && x.polarity == entente_core::Polarity::Conflictual));
    let r = run("Japan and Brazil remain at odds over tariffs.", None);
    assert!(r.iter().any(|x| x.polarity == entente_core::Polarity::Conflictual), "{r:?}");
    let l = links("The United States has stationed 30,000 troops in Japan.");
    assert!(has(&l, "USA", "JPN", Sector::Military), "{l:?}");
    let r = run("Norway withdrew its ambassador from Iran in May.", None);
    assert!(r
        .iter()
        .any(|x| x.source == "NOR" && x.target == "IRN" && x.polarity == entente_core::Polarity::Conflictual));
    // Sending: troops or weapons are a tie, a letter is not.
    let l = links("Turkey will send 500 troops to Azerbaijan.");
    assert!(has(&l, "TUR", "AZE", Sector::Military), "{l:?}");
    assert!(links("Japan sent a letter to Brazil on Monday.").is_empty());
}

#[test]
fn stopped_trade_debts_and_tariff_cuts() {
    let conflict = entente_core::Polarity::Conflictual;
    let r = run("Azerbaijan cut gas supplies to Armenia in 2021.", None);
    assert!(r
        .iter()
        .any(|x| x.source == "AZE" && x.target == "ARM" && x.sector == Sector::Energy && x.polarity == conflict));
    let r = run("Turkey banned wheat exports to Armenia.", None);
    assert!(r.iter().any(|x| x.source == "TUR" && x.target == "ARM" && x.sector == Sector::Sanctions), "{r:?}");
    // Lower trade is not always pressure; lower tariffs are a concession.
    let r = run("Japan cut its exports to Brazil by half.", None);
    assert!(r.iter().all(|x| x.polarity != conflict), "{r:?}");
    let r = run("Japan cut tariffs on exports to Brazil.", None);
    assert!(r.iter().any(|x| x.source == "JPN" && x.polarity == entente_core::Polarity::Cooperative), "{r:?}");
    assert!(r.iter().all(|x| x.polarity != conflict), "{r:?}");
    // A debtor owes its creditor.
    let l = links("Armenia owes Japan about $4 billion.");
    assert!(has(&l, "JPN", "ARM", Sector::Economy), "{l:?}");
}

#[test]
fn reliance_and_donors() {
    let l = links("Armenia relies on Iran for most of its natural gas.");
    assert!(has(&l, "IRN", "ARM", Sector::Energy), "{l:?}");
    // No goods, no tie; and a reliance on exports leaves the exports their direction.
    assert!(links("The outcome depends on Iran.").is_empty());
    let l = links("Japan, which is heavily reliant on exports to Brazil, cut rates.");
    assert!(l.iter().all(|x| x.0 == "JPN" && x.1 == "BRA"), "{l:?}");
    let l = links("Norway is one of the largest donors to Armenia.");
    assert!(has(&l, "NOR", "ARM", Sector::Economy), "{l:?}");
}

#[test]
fn soured_relations_are_a_rivalry() {
    let conflict = entente_core::Polarity::Conflictual;
    let r = run("Relations between Turkey and Armenia have soured since 2020.", None);
    assert!(!r.is_empty() && r.iter().all(|x| x.polarity == conflict), "{r:?}");
    let r = run("Japan has strained ties with Brazil.", None);
    assert!(!r.is_empty() && r.iter().all(|x| x.polarity == conflict), "{r:?}");
    let r = run("Relations between Japan and Brazil have improved.", None);
    assert!(!r.is_empty() && r.iter().all(|x| x.polarity != conflict), "{r:?}");
}

#[test]
fn coordinated_signatories_pair_across_and_a_venue_is_no_side() {
    // "A and B signed ... with C": the pairs across, not A with B (spec: roles from the parse).
    let l = links("Norway and Turkey signed a trade pact with Brazil.");
    assert!(has(&l, "NOR", "BRA", Sector::Trade) && has(&l, "TUR", "BRA", Sector::Trade), "{l:?}");
    assert!(!l.iter().any(|x| (x.0 == "NOR" && x.1 == "TUR") || (x.0 == "TUR" && x.1 == "NOR")), "{l:?}");
    // "A and B held talks in C": C's capital is where they met.
    let l = links("Norway and Turkey held talks on trade in Astana.");
    assert!(has(&l, "NOR", "TUR", Sector::Trade), "{l:?}");
    assert!(!l.iter().any(|x| x.0 == "KAZ" || x.1 == "KAZ"), "{l:?}");
}

/// A generic act in a sentence that names an organisation of one field is in that field, as on
/// the parse ("entry into the WTO": trade); without one it keeps its default.
#[test]
fn an_organisations_field_gives_a_generic_act_its_sector() {
    let l = links("Norway backed Japan's entry into the WTO.");
    assert!(has(&l, "JPN", "WTO", Sector::Trade), "{l:?}");
    assert!(!l.iter().any(|x| x.2 == Sector::Diplomacy), "{l:?}");
    let l = links("Norway backed Japan's bid to join the alliance.");
    assert!(l.iter().any(|x| x.2 == Sector::Diplomacy), "{l:?}");
}

/// An actor after a trigger of the other polarity is that trigger's side: "closer ties with its
/// neighbours despite its dispute with B" disputes with B and ties the subject to no B.
#[test]
fn an_actor_after_a_trigger_of_the_other_polarity_is_its_side() {
    let r = run("Armenia sought closer ties with its neighbours despite its dispute with Turkey.", None);
    let got: Vec<(String, String, Polarity)> = r.into_iter().map(|r| (r.source, r.target, r.polarity)).collect();
    assert!(got.contains(&("ARM".into(), "TUR".into(), Polarity::Conflictual)), "{got:?}");
    assert!(!got.contains(&("ARM".into(), "TUR".into(), Polarity::Cooperative)), "{got:?}");
    // "conflict" is a rivalry noun as "dispute" is.
    let r = run("Armenia seeks better relations with its neighbours in spite of the conflict with Turkey.", None);
    let got: Vec<(String, String, Polarity)> = r.into_iter().map(|r| (r.source, r.target, r.polarity)).collect();
    assert_eq!(got, [("ARM".into(), "TUR".into(), Polarity::Conflictual)], "{got:?}");
}

/// A passive's "by" phrase that ends in a noun of accident names no agent: the airline of a
/// plane crash did not kill; a state's jets that attacked did.
#[test]
fn an_accident_is_no_act_of_the_actor_it_names() {
    assert!(links("Iran mourned forty citizens killed by the Turkish Airlines crash.").is_empty());
    let l = links("Iran was attacked by Turkish jets.");
    assert!(has(&l, "TUR", "IRN", Sector::Military), "{l:?}");
}

/// The actor right before an infinitive's "to", under "on" or "for" or after a noun of
/// permission, is the infinitive's subject; a destination under "to" is not ("sent troops to A
/// to help B": the sender helps).
#[test]
fn the_actor_called_on_or_permitted_does_the_infinitive() {
    let l = links("Japan called on Iran to help Armenia.");
    assert!(has(&l, "IRN", "ARM", Sector::Economy), "{l:?}");
    assert!(!l.iter().any(|x| x.0 == "JPN" && x.1 == "ARM"), "{l:?}");
    let l = links("Norway would not give permission to Iran to help Armenia.");
    assert!(!l.iter().any(|x| x.0 == "NOR" && x.1 == "ARM"), "{l:?}");
    let l = links("Japan sent troops to Iran to help Armenia.");
    assert!(has(&l, "JPN", "ARM", Sector::Military), "{l:?}");
    assert!(!l.iter().any(|x| x.0 == "IRN" && x.1 == "ARM"), "{l:?}");
}

/// A relationship as a whole ("closer ties with X") keeps its own sector in an article about
/// trade; talks with no sector word of their own take the article's topic.
#[test]
fn ties_are_diplomacy_whatever_the_topic() {
    let text = "Tariffs and quotas on imported goods rose again, exports fell and the trade deficit grew.\n\n\
                Japan wants closer ties with Brazil.\n\nJapan and Brazil will continue talks next week.";
    let l = links(text);
    assert!(has(&l, "JPN", "BRA", Sector::Diplomacy), "{l:?}");
    assert!(has(&l, "JPN", "BRA", Sector::Trade), "{l:?}");
    assert_eq!(l.len(), 2, "{l:?}");
}
