//! Actor recognition on sentences written for these tests (not corpus text).

mod common;

use common::{codes, found, mentions, pairs};
use entente_core::{ActorKind, MentionRole, Span};

// ---------------------------------------------------------------- states by name

#[test]
fn states_by_common_official_and_alternative_names() {
    let t = "Great Britain, the UK and the U.K. met Ivory Coast, Burma and the Republic of Azerbaijan.";
    assert_eq!(
        codes(t, Some("2016-05-01")),
        pairs(&[
            ("Great Britain", "GBR"),
            ("UK", "GBR"),
            ("U.K.", "GBR"),
            ("Ivory Coast", "CIV"),
            ("Burma", "MMR"),
            ("Republic of Azerbaijan", "AZE"),
        ])
    );
}

#[test]
fn united_states_forms() {
    let t = "The U.S. and the US agreed; America said the United States would act.";
    assert_eq!(codes(t, None), pairs(&[("U.S.", "USA"), ("US", "USA"), ("America", "USA"), ("United States", "USA")]));
}

#[test]
fn america_in_longer_names_is_not_the_united_states() {
    let t = "Exports to Latin America and South America grew, said a North American firm.";
    assert!(codes(t, None).is_empty(), "{:?}", codes(t, None));
}

#[test]
fn possessives_cover_the_name_only() {
    let t = "Ruritania welcomed Israel's offer and Kenya\u{2019}s reply.";
    let f = found(t, None);
    assert_eq!(f[0], ("Israel".to_string(), "ISR".to_string(), MentionRole::Name));
    assert_eq!(f[1].0, "Kenya");
}

#[test]
fn adjectives_and_demonyms() {
    let t = "Azeri, Azerbaijani, Kazakh, Kazakhstani, Emirati and Dutch officials met Israelis.";
    let f = found(t, None);
    let got: Vec<(&str, &str)> = f.iter().map(|(s, c, _)| (s.as_str(), c.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Azeri", "AZE"),
            ("Azerbaijani", "AZE"),
            ("Kazakh", "KAZ"),
            ("Kazakhstani", "KAZ"),
            ("Emirati", "ARE"),
            ("Dutch", "NLD"),
            ("Israelis", "ISR"),
        ]
    );
    assert!(f.iter().all(|(_, _, r)| *r == MentionRole::Adjective));
}

#[test]
fn hyphenated_adjectives_give_two_mentions() {
    let t = "A new Israeli-Kazakh partnership was signed.";
    assert_eq!(codes(t, None), pairs(&[("Israeli", "ISR"), ("Kazakh", "KAZ")]));
}

#[test]
fn headlines_in_capitals() {
    let t = "ISRAEL AND AZERBAIJAN SIGN ARMS DEAL";
    assert_eq!(codes(t, None), pairs(&[("ISRAEL", "ISR"), ("AZERBAIJAN", "AZE")]));
    // A headline's "US" is the pronoun.
    let t = "LET US HOPE FOR PEACE IN KENYA";
    assert_eq!(codes(t, None), pairs(&[("KENYA", "KEN")]));
}

#[test]
fn lower_case_words_are_not_names() {
    let t = "She collected china plates, a guinea pig and a turkey for the feast.";
    assert!(codes(t, None).is_empty(), "{:?}", codes(t, None));
}

// ---------------------------------------------------------------- former states and dates

#[test]
fn a_state_is_named_by_the_code_of_its_time() {
    let t = "Moscow and the Soviet Union talked with Russia.";
    assert_eq!(codes(t, Some("1987-03-02")), pairs(&[("Moscow", "SUN"), ("Soviet Union", "SUN"), ("Russia", "SUN")]));
    assert_eq!(codes(t, Some("2016")), pairs(&[("Moscow", "RUS"), ("Soviet Union", "SUN"), ("Russia", "RUS")]));
}

#[test]
fn former_states_and_the_two_germanies() {
    let t = "Yugoslavia, Czechoslovakia, East Germany and West Germany signed; the USSR did not.";
    let got = codes(t, Some("1985"));
    assert_eq!(
        got,
        pairs(&[
            ("Yugoslavia", "YUG"),
            ("Czechoslovakia", "CSK"),
            ("East Germany", "DDR"),
            ("West Germany", "DEU"),
            ("USSR", "SUN"),
        ])
    );
    let m = mentions("The USSR protested.", Some("1985"));
    assert_eq!(m[0].kind, ActorKind::FormerState);
}

#[test]
fn european_community_counts_as_eu() {
    let t = "The EC and the European Economic Community set quotas; the EEC agreed.";
    assert_eq!(codes(t, Some("1987")), pairs(&[("EC", "EU"), ("European Economic Community", "EU"), ("EEC", "EU")]));
}

// ---------------------------------------------------------------- capitals

#[test]
fn capitals_stand_for_governments() {
    let t = "Baku, Washington, Moscow, Beijing and Tehran replied to Jerusalem.";
    let f = found(t, Some("2016-12-01"));
    let got: Vec<(&str, &str)> = f.iter().map(|(s, c, _)| (s.as_str(), c.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Baku", "AZE"),
            ("Washington", "USA"),
            ("Moscow", "RUS"),
            ("Beijing", "CHN"),
            ("Tehran", "IRN"),
            ("Jerusalem", "ISR"),
        ]
    );
    assert!(f.iter().all(|(_, _, r)| *r == MentionRole::Capital));
}

#[test]
fn capitals_with_historical_names() {
    // Almaty was the capital until 1997; Astana after, Nur-Sultan 2019-2022.
    assert_eq!(codes("Almaty announced a plan.", Some("1995")), pairs(&[("Almaty", "KAZ")]));
    assert!(codes("Almaty announced a plan.", Some("2016")).is_empty());
    assert_eq!(codes("Astana announced a plan.", Some("2016")), pairs(&[("Astana", "KAZ")]));
    assert_eq!(codes("Nur-Sultan announced a plan.", Some("2020-06")), pairs(&[("Nur-Sultan", "KAZ")]));
    // The same city under its other name still stands for the state.
    assert_eq!(codes("Astana announced a plan.", Some("2020-06")), pairs(&[("Astana", "KAZ")]));
}

#[test]
fn other_cities_are_not_actors() {
    let t = "Talks in Manchester, Lyon and Osaka ended.";
    assert!(codes(t, None).is_empty(), "{:?}", codes(t, None));
}

#[test]
fn a_capital_before_region_is_a_place() {
    let t = "Farms in the Almaty region and the Moscow oblast grew.";
    assert!(codes(t, Some("1995")).is_empty(), "{:?}", codes(t, Some("1995")));
}

#[test]
fn tel_aviv_and_the_washington_post() {
    assert_eq!(codes("Tel Aviv objected.", None), pairs(&[("Tel Aviv", "ISR")]));
    assert!(codes("He writes for the Washington Post.", None).is_empty());
    assert!(codes("George Washington crossed a river.", None).is_empty());
}

// ---------------------------------------------------------------- organisations and groups

#[test]
fn organisations_and_their_aliases() {
    let t = "NATO, OPEC, ASEAN, the African Union, the GCC, the SCO and the CIS met the IAEA.";
    assert_eq!(
        codes(t, None),
        pairs(&[
            ("NATO", "NATO"),
            ("OPEC", "OPEC"),
            ("ASEAN", "ASEAN"),
            ("African Union", "AU"),
            ("GCC", "GCC"),
            ("SCO", "SCO"),
            ("CIS", "CIS"),
            ("IAEA", "IAEA"),
        ])
    );
    let m = mentions("The CSTO met.", None);
    assert_eq!(m[0].kind, ActorKind::Igo);
}

#[test]
fn security_council_and_the_eurasian_union() {
    let t = "The UN Security Council and the Security Council differ; the Eurasian Economic Union (EEU) and the EAEU do not.";
    assert_eq!(
        codes(t, None),
        pairs(&[
            ("UN Security Council", "UN"),
            ("Security Council", "UN"),
            ("Eurasian Economic Union", "EAEU"),
            ("EEU", "EAEU"),
            ("EAEU", "EAEU"),
        ])
    );
}

#[test]
fn armed_groups() {
    let t = "ISIS, ISIL, Islamic State, Daesh, Hezbollah, Hamas, the Taliban and al-Qaeda were named.";
    let got: Vec<String> = codes(t, None).into_iter().map(|(_, c)| c).collect();
    assert_eq!(got, ["ISIS", "ISIS", "ISIS", "ISIS", "HEZBOLLAH", "HAMAS", "TALIBAN", "ALQAEDA"]);
    let m = mentions("Hezbollah fired.", None);
    assert_eq!(m[0].kind, ActorKind::Group);
    assert_eq!(codes("an anti-ISIS coalition", None), pairs(&[("ISIS", "ISIS")]));
}

// ---------------------------------------------------------------- negative senses

#[test]
fn jordan_the_river_and_the_first_name() {
    assert!(codes("They swam in the Jordan River.", None).is_empty());
    assert!(codes("Michael Jordan scored.", None).is_empty());
    assert!(codes("Jordan Peterson spoke.", None).is_empty());
    assert_eq!(codes("Jordan signed the accord.", None), pairs(&[("Jordan", "JOR")]));
}

#[test]
fn turkey_the_bird() {
    assert!(codes("Turkey sandwiches were served.", None).is_empty());
    assert!(codes("They ate roast Turkey.", None).is_empty());
    assert_eq!(codes("Turkey closed its border.", None), pairs(&[("Turkey", "TUR")]));
}

#[test]
fn georgia_the_us_state() {
    assert!(codes("She moved to Atlanta, Georgia, last year.", None).is_empty());
    assert!(codes("Voters in Georgia and Alabama went to the polls.", None).is_empty());
    assert_eq!(
        codes("Georgia and Russia fought in 2008.", Some("2009")),
        pairs(&[("Georgia", "GEO"), ("Russia", "RUS")])
    );
}

#[test]
fn chad_guinea_and_niger_as_words() {
    assert!(codes("Chad Smith played the drums.", None).is_empty());
    assert!(codes("A Guinea pig escaped.", None).is_empty());
    assert!(codes("Boats sailed down the Niger to the sea.", None).is_empty());
    assert_eq!(codes("Chad and Niger signed.", None), pairs(&[("Chad", "TCD"), ("Niger", "NER")]));
}

// ---------------------------------------------------------------- office holders

#[test]
fn office_holders_by_date() {
    let m = mentions("Netanyahu spoke on Sunday.", Some("2016-12-01"));
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].code, "ISR");
    assert_eq!(m[0].role, MentionRole::Person);
    let p = m[0].person.as_ref().unwrap();
    assert_eq!(p.name, "Benjamin Netanyahu");
    assert_eq!(p.office, "prime minister");
    // Out of office and never named in full: a surname alone does not resolve.
    assert!(mentions("Netanyahu spoke on Sunday.", Some("1985")).is_empty());
}

#[test]
fn titles_with_known_names() {
    let f = found("Prime Minister Yitzhak Rabin met President Nursultan Nazarbayev.", Some("1993"));
    assert_eq!(
        f,
        [
            ("Prime Minister Yitzhak Rabin".to_string(), "ISR".to_string(), MentionRole::Person),
            ("President Nursultan Nazarbayev".to_string(), "KAZ".to_string(), MentionRole::Person),
        ]
    );
}

#[test]
fn former_office_holders_still_count() {
    let f = found("Former Israeli Prime Minister Ehud Barak praised the plan.", Some("2016"));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, "Israeli Prime Minister Ehud Barak");
    assert_eq!(f[0].1, "ISR");
}

#[test]
fn a_title_with_a_country_resolves_without_the_name() {
    let m = mentions("Kazakh Prime Minister Sergei Tereschenko arrived.", Some("1992"));
    assert_eq!(m.len(), 1);
    assert_eq!(&m[0].code, "KAZ");
    assert_eq!(m[0].role, MentionRole::Person);
    assert_eq!(m[0].start, 0);
    assert_eq!(m[0].end, "Kazakh Prime Minister Sergei Tereschenko".len());
    let m = mentions("Ruritania's envoy met the Iranian foreign minister.", Some("2016"));
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].code, "IRN");
    assert_eq!(m[0].role, MentionRole::Office);
    assert_eq!(m[0].person.as_ref().unwrap().office, "foreign minister");
}

#[test]
fn the_surname_of_a_titled_person_the_gazetteer_lacks_names_them_later() {
    let t = "Dutch Trade Minister Pieter Vandermeulen arrived in Oslo. Vandermeulen said the talks went well, \
             and Vandermeulen's aides stayed. The Vandermeulen-era rules stand. A Vandermeulens clan lives here.";
    let f = found(t, Some("2016"));
    let by_surname: Vec<&(String, String, MentionRole)> = f.iter().filter(|m| m.0 == "Vandermeulen").collect();
    // "Vandermeulen said" and "Vandermeulen's": not inside a longer word or a hyphenated one.
    assert_eq!(by_surname.len(), 2, "{f:?}");
    assert!(by_surname.iter().all(|m| m.1 == "NLD" && m.2 == MentionRole::Person), "{f:?}");
    let m = mentions(t, Some("2016"));
    let later = m.iter().find(|m| &t[m.start..m.end] == "Vandermeulen").unwrap();
    let person = later.person.as_ref().unwrap();
    assert_eq!((person.name.as_str(), person.office.as_str()), ("Pieter Vandermeulen", "trade minister"));
    // Not before the title names them, and not a word the rules say is no surname ("May").
    assert!(codes("Vandermeulen spoke. Dutch Trade Minister Pieter Vandermeulen arrived.", Some("2016")).len() == 1);
    let f = found("Dutch Trade Minister Anna May arrived. In May, trade grew.", Some("2016"));
    assert_eq!(f.len(), 1, "{f:?}");
    // The surname as the text spells it, where the gazetteer knows the person by another
    // spelling.
    let f = found("Kazakh Prime Minister Sergei Tereschenko arrived. Tereschenko spoke.", Some("1992"));
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!((f[1].0.as_str(), f[1].1.as_str()), ("Tereschenko", "KAZ"));
}

#[test]
fn leaders_listed_surname_first_are_read_in_the_news_order() {
    // The leader lists write "Gandhi, I." and "Duvalier, Jean-Claude".
    let m = mentions("Gandhi flew to Moscow. Jean-Claude Duvalier stayed in Port-au-Prince.", Some("1983-05-01"));
    let who: Vec<(&str, &str)> =
        m.iter().filter_map(|m| m.person.as_ref().map(|p| (&*m.code, p.name.as_str()))).collect();
    assert_eq!(who, [("IND", "Indira Gandhi"), ("HTI", "Jean-Claude Duvalier")], "{m:?}");
}

#[test]
fn a_weekday_or_month_is_nobody_s_surname() {
    // Godwin Friday became Saint Vincent's prime minister in November 2025.
    assert!(codes("The talks ended on Friday, and in May the deal was signed.", Some("2026-01-10")).is_empty());
    // His full name still names him.
    let f = found("Prime Minister Godwin Friday spoke.", Some("2026-01-10"));
    assert!(f.iter().any(|m| m.1 == "VCT"), "{f:?}");
}

#[test]
fn a_surname_that_is_an_ordinary_word_is_nobody_alone() {
    // A byline, a headline's first word, a sentence's: Chad's "By", Guinea-Bissau's "Man" (its
    // interim president from November 2025), Norway's prime minister "Store".
    let t = "By Anna Berg. Man held after Store robbery in the capital. Do not expect talks soon.";
    let f = found(t, Some("2026-01-10"));
    assert!(f.iter().all(|m| m.2 != MentionRole::Person), "{f:?}");
    // Their full names still name them.
    let f = found("Prime Minister Jonas Gahr Store spoke.", Some("2023-01-10"));
    assert!(f.iter().any(|m| m.1 == "NOR" && m.2 == MentionRole::Person), "{f:?}");
}

#[test]
fn a_surname_someone_else_bears_in_full_is_not_the_office_holders() {
    // Scott Morrison was Australia's prime minister in 2019; Tim Morrison is somebody else.
    let f = found("The aide Tim Morrison testified. Morrison said he had concerns.", Some("2019-11-01"));
    assert!(f.iter().all(|m| m.1 != "AUS"), "{f:?}");
    // After a title's period too: "Lt." does not end a sentence, so "Tim" is a first name.
    let f = found("Police found drugs, said Lt. Tim Morrison. Later, Morrison said more.", Some("2019-11-01"));
    assert!(f.iter().all(|m| m.1 != "AUS"), "{f:?}");
    // Without him, the surname alone is the prime minister's.
    // ("he" is then his too.)
    let f = found("Morrison said he had concerns.", Some("2019-11-01"));
    assert_eq!(
        f,
        [
            ("Morrison".to_string(), "AUS".to_string(), MentionRole::Person),
            ("he".to_string(), "AUS".to_string(), MentionRole::Coreference)
        ]
    );
    // Where the article names the holder's state, the surname stays the holder's ("Ivanka
    // Trump" is not the president, but "Trump" after her in a text about the United States is).
    let t = "Ivanka Trump visited the United States Senate. Later Trump signed the bill.";
    let f = found(t, Some("2019-11-01"));
    assert!(f.iter().any(|m| m.0 == "Trump" && m.1 == "USA" && m.2 == MentionRole::Person), "{f:?}");
}

#[test]
fn a_title_takes_in_its_portfolio_and_the_name_after_it() {
    let t = "Australian Minister for Trade Negotiations Michael Duffy arrived. Duffy spoke.";
    let f = found(t, Some("1987"));
    assert_eq!(
        f,
        [
            (
                "Australian Minister for Trade Negotiations Michael Duffy".to_string(),
                "AUS".to_string(),
                MentionRole::Person
            ),
            ("Duffy".to_string(), "AUS".to_string(), MentionRole::Person),
        ]
    );
    let m = mentions(t, Some("1987"));
    assert_eq!(m[0].person.as_ref().unwrap().name, "Michael Duffy");
    // Joined by "and", "of", "for", "the"; without a name, the office alone.
    let f = found("The British Minister of State for Foreign and Commonwealth Affairs spoke.", Some("2016"));
    assert_eq!(
        f,
        [("British Minister of State for Foreign and Commonwealth Affairs".into(), "GBR".into(), MentionRole::Office)]
    );
    // A state after "of" is no portfolio: it stays an actor of its own.
    let f = found("The Japanese Minister of Israel Affairs spoke.", Some("2016"));
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!((f[0].0.as_str(), f[1].0.as_str()), ("Japanese Minister", "Israel"));
}

#[test]
fn his_country_is_the_state_of_the_office_holder_just_named() {
    let t = "Australian Trade Minister Michael Duffy said his country would sign. He said his government agreed.";
    let f = found(t, Some("1987"));
    let corefs: Vec<(&str, &str)> =
        f.iter().filter(|m| m.2 == MentionRole::Coreference).map(|m| (m.0.as_str(), m.1.as_str())).collect();
    assert_eq!(corefs, [("his country", "AUS"), ("He", "AUS"), ("his government", "AUS")], "{f:?}");
    // Holders of two states before it: whose country is not guessed.
    let f = found("Egyptian Foreign Minister Sameh Shoukry met Kerry. Later his country signed.", Some("2016"));
    assert!(f.iter().all(|m| m.2 != MentionRole::Coreference), "{f:?}");
    // No holder in its sentence or the one before: nothing. (The article's own sentences,
    // here one per period.)
    let t = "Benjamin Netanyahu arrived. The talks ended. His country was not named.";
    let mut a = common::article(t, Some("2016"));
    a.parts[0].sentences = vec![Span::new(0, 27), Span::new(28, 44), Span::new(45, t.len())];
    assert_eq!(&t[28..44], "The talks ended.");
    let m = entente_actors::find_mentions(common::gazetteer(), &a);
    assert!(m.iter().all(|m| m.role != MentionRole::Coreference), "{m:?}");
    // The sentence just before does name one.
    let t = "Benjamin Netanyahu arrived. His country was not named.";
    let mut a = common::article(t, Some("2016"));
    a.parts[0].sentences = vec![Span::new(0, 27), Span::new(28, t.len())];
    let m = entente_actors::find_mentions(common::gazetteer(), &a);
    assert!(m.iter().any(|m| m.role == MentionRole::Coreference && m.code == "ISR"), "{m:?}");
}

#[test]
fn the_president_of_a_state() {
    let f = found("The President of Kazakhstan flew home.", Some("2016"));
    assert_eq!(f, [("President of Kazakhstan".to_string(), "KAZ".to_string(), MentionRole::Office)]);
}

#[test]
fn a_surname_after_the_full_name() {
    let t = "Benjamin Netanyahu landed. Later Netanyahu left.";
    let m = mentions(t, None);
    assert_eq!(m.len(), 2);
    assert!(m.iter().all(|m| m.code == "ISR" && m.role == MentionRole::Person));
    // Another person of the same surname is not the office holder.
    assert!(codes("Jeb Bush spoke.", Some("2016")).is_empty());
}

// ---------------------------------------------------------------- bodies

#[test]
fn companies_and_ministries_with_their_state() {
    let t = "Zorbex, the Ruritanian firm, and Quantel, the Israeli telecommunication company, bid.";
    let f = found(t, None);
    assert!(f.contains(&("Quantel".to_string(), "ISR".to_string(), MentionRole::Body)), "{f:?}");
    let f = found("A deal with Vantor (Israel) was signed.", None);
    assert_eq!(f, [("Vantor (Israel)".to_string(), "ISR".to_string(), MentionRole::Body)]);
    let f = found("The Azeri Ministry of Communication agreed.", None);
    assert_eq!(f, [("Azeri Ministry of Communication".to_string(), "AZE".to_string(), MentionRole::Body)]);
    let f = found("Japanese carmaker Nissan opened a plant.", None);
    assert_eq!(f, [("Japanese carmaker Nissan".to_string(), "JPN".to_string(), MentionRole::Body)]);
}

#[test]
fn a_company_without_a_nationality_is_no_actor() {
    assert!(codes("Zorbex opened a plant, the company said.", None).is_empty());
}

// ---------------------------------------------------------------- coreference

#[test]
fn the_two_countries_point_back() {
    let t = "Peru signed with Chile. The two countries will meet again; both countries agreed.";
    let m = mentions(t, None);
    let coref: Vec<(&str, &str)> =
        m.iter().filter(|m| m.role == MentionRole::Coreference).map(|m| (&t[m.start..m.end], &*m.code)).collect();
    assert_eq!(
        coref,
        [
            ("The two countries", "PER"),
            ("The two countries", "CHL"),
            ("both countries", "PER"),
            ("both countries", "CHL")
        ]
    );
    let t = "Peru grew fast. The country exported copper.";
    let m = mentions(t, None);
    assert_eq!(m.last().unwrap().code, "PER");
    assert_eq!(m.last().unwrap().role, MentionRole::Coreference);
}

#[test]
fn the_alliance_after_nato_is_nato() {
    let m = mentions("NATO met. The alliance agreed.", None);
    assert_eq!(m.len(), 2);
    assert_eq!(m[1].code, "NATO");
}

// ---------------------------------------------------------------- robustness

#[test]
fn any_text_gives_an_answer() {
    for t in [
        "",
        "\u{0}",
        "Israel",
        "(Israel)",
        "(Israel",
        "Israel)",
        ", the Israeli",
        "Israeli Prime Minister",
        "Prime Minister",
        "the two countries",
        "Ministry of",
        "é Israelé Ζ Кремль 北京 Israel's",
        "ISRAEL'S",
        "I s r a e l",
    ] {
        for date in [None, Some("2016"), Some("bad"), Some("2016-02-30")] {
            let m = mentions(t, date);
            for x in &m {
                assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end) && x.start <= x.end);
            }
        }
    }
}

#[test]
fn mentions_are_in_text_order() {
    let t = "Quantel, the Israeli company, met Kenya. Both countries agreed with Egypt.";
    let m = mentions(t, None);
    assert!(m.windows(2).all(|w| w[0].start <= w[1].start), "{m:?}");
}

#[test]
fn a_title_before_a_longer_form_of_a_known_name() {
    let t = "It is led by president Nursultan Abish-uly Nazarbayev, who spoke.";
    let f = found(t, Some("2005"));
    assert_eq!(f, [("president Nursultan Abish-uly Nazarbayev".to_string(), "KAZ".to_string(), MentionRole::Person)]);
}

#[test]
fn the_title_in_the_text_names_the_office() {
    let m = mentions("Vice President George Bush met them.", Some("1987-10-20"));
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].code, "USA");
    assert_eq!(m[0].person.as_ref().unwrap().office, "vice president");
}

#[test]
fn a_state_name_before_its_adjective() {
    // "Singapore" is both; as a noun it is the state's name.
    let f = found("Singapore signed.", None);
    assert_eq!(f, [("Singapore".to_string(), "SGP".to_string(), MentionRole::Name)]);
}

#[test]
fn a_ministry_name_with_and() {
    let f = found("The Ruritanian plan and the Azerbaijani Ministry of Transport and Communications agreed.", None);
    assert!(f.contains(&(
        "Azerbaijani Ministry of Transport and Communications".to_string(),
        "AZE".to_string(),
        MentionRole::Body
    )));
    let f = found("A venture of the Azeri Ministry of Energy and QZT (Israel) began.", None);
    assert_eq!(
        f,
        [
            ("Azeri Ministry of Energy".to_string(), "AZE".to_string(), MentionRole::Body),
            ("QZT (Israel)".to_string(), "ISR".to_string(), MentionRole::Body),
        ]
    );
}

#[test]
fn an_organisation_is_no_office_holder() {
    // "UN ambassador" is some state's envoy: the UN is named, no office of it.
    let f = found("The UN ambassador spoke.", None);
    assert_eq!(f, [("UN".to_string(), "UN".to_string(), MentionRole::Name)]);
}

#[test]
fn state_bodies_the_gazetteer_knows() {
    let f = found("Gazprom cut supplies while the Israel Defense Forces and SOCAR watched.", Some("2009"));
    assert_eq!(
        f,
        [
            ("Gazprom".to_string(), "RUS".to_string(), MentionRole::Body),
            ("Israel Defense Forces".to_string(), "ISR".to_string(), MentionRole::Body),
            ("SOCAR".to_string(), "AZE".to_string(), MentionRole::Body),
        ]
    );
}

#[test]
fn no_panic_on_generated_text() {
    // Gazetteer words, titles and punctuation in random order, with multi-byte characters.
    let pieces = [
        "Israel",
        "Israeli",
        "'s",
        "\u{2019}s",
        " ",
        "  ",
        "(",
        ")",
        ",",
        ", the ",
        "Prime Minister",
        "President",
        "of",
        "Ministry",
        "company",
        "carmaker",
        "Nissan",
        "Baku",
        "region",
        "the two countries",
        "both sides",
        "Netanyahu",
        "Benjamin",
        "Kazakh",
        "Tereschenko",
        "-",
        "\u{e9}",
        "\u{4e2d}",
        "\u{1f600}",
        "\n",
        ".",
        "US",
        "UN",
        "Security Council",
        "Georgia",
        "Atlanta",
        "Jordan",
        "Chad",
        "GTIB",
        "al-",
        "bin",
        "Tuesday",
        "and",
        "ALL CAPS",
        "Washington Post",
        "\u{feff}",
        "\t",
        "x",
    ];
    let mut state: u64 = 7;
    for round in 0..300 {
        let mut text = String::new();
        for _ in 0..(round % 40 + 1) {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            if state & 1 == 0 {
                text.push(' ');
            }
        }
        for date in [None, Some("2016"), Some("1987-05")] {
            for m in mentions(&text, date) {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.start < m.end, "{text:?}");
            }
            let _ = common::gazetteer().lookup(&text, date);
        }
    }
}

#[test]
fn a_surname_shortly_after_the_term() {
    // Out of office since June 2021, still "Netanyahu" in the news that autumn.
    let m = mentions("Netanyahu criticised the budget.", Some("2021-10"));
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].code, "ISR");
    // Long out of office and never in office before: no.
    assert!(mentions("Rabin spoke.", Some("2016")).is_empty());
}

#[test]
fn honorifics_and_epithets() {
    let f = found("Mr Netanyahu said the Jewish state and the Islamic Republic would talk.", Some("2016"));
    assert_eq!(
        f,
        [
            ("Netanyahu".to_string(), "ISR".to_string(), MentionRole::Person),
            ("Jewish state".to_string(), "ISR".to_string(), MentionRole::Name),
            ("Islamic Republic".to_string(), "IRN".to_string(), MentionRole::Name),
        ]
    );
}

#[test]
fn a_holder_of_offices_in_two_states_is_read_by_the_title() {
    // Macron is also co-prince of Andorra: "French President" says which.
    let m = mentions("French President Emmanuel Macron spoke.", Some("2018-06-01"));
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].code, "FRA");
    assert_eq!(m[0].end, "French President Emmanuel Macron".len());
    // Alone, the larger state.
    assert_eq!(codes("Emmanuel Macron spoke.", Some("2018-06-01")), pairs(&[("Emmanuel Macron", "FRA")]));
}

#[test]
fn lexicon_phrases_in_any_case() {
    let f = found("The Chinese foreign ministry protested.", Some("2018"));
    assert_eq!(f, [("Chinese foreign ministry".to_string(), "CHN".to_string(), MentionRole::Body)]);
}

#[test]
fn both_sides_and_the_two_nations() {
    let t = "Armenia and Azerbaijan met. Both sides agreed; the two nations will meet again.";
    let got: Vec<(String, String)> = mentions(t, None)
        .into_iter()
        .filter(|m| m.role == MentionRole::Coreference)
        .map(|m| (t[m.start..m.end].to_string(), m.code.into_owned()))
        .collect();
    assert_eq!(
        got,
        pairs(&[("Both sides", "ARM"), ("Both sides", "AZE"), ("the two nations", "ARM"), ("the two nations", "AZE")])
    );
}

#[test]
fn a_capital_as_a_venue_is_still_named() {
    // "a summit in Baku": the relations stage decides whether a venue is a party.
    assert_eq!(
        found("They held a summit in Baku.", Some("2016")),
        [("Baku".to_string(), "AZE".to_string(), MentionRole::Capital)]
    );
}

#[test]
fn a_surname_of_several_states_follows_the_document() {
    // Two heads with one surname: the state the document is about decides, and a former
    // holder counts there ("the Obama administration" two years after it ended).
    let us = codes("Washington changed course. Critics said the Obama administration had erred.", Some("2019-10-01"));
    assert!(us.iter().any(|(s, c)| s == "Obama" && c == "USA"), "{us:?}");
    let gq = codes("Malabo hosted the summit. Obama opened it.", Some("2019-10-01"));
    assert!(gq.iter().any(|(s, c)| s == "Obama" && c == "GNQ"), "{gq:?}");
    // Without a state in the text, the one in office at the date.
    let alone = codes("Obama opened the summit.", Some("2019-10-01"));
    assert!(alone.iter().any(|(s, c)| s == "Obama" && c == "GNQ"), "{alone:?}");
}

#[test]
fn brussels_is_the_eu_unless_the_text_is_about_belgium() {
    let eu = codes("Astana has sought closer economic ties with Brussels.", Some("2020-01-01"));
    assert_eq!(eu, pairs(&[("Astana", "KAZ"), ("Brussels", "EU")]));
    let bel = codes("The Belgian king spoke in Brussels on Monday.", Some("2020-01-01"));
    assert!(bel.contains(&("Brussels".to_string(), "BEL".to_string())), "{bel:?}");
    let bel = codes("Belgium signed the accord. Brussels will ratify it in May.", Some("2020-01-01"));
    assert!(bel.contains(&("Brussels".to_string(), "BEL".to_string())), "{bel:?}");
}

#[test]
fn a_form_that_fails_leaves_the_words_inside_it_to_be_read() {
    // "National ..." begins longer forms that do not fit here; the words after it are still
    // looked at, so the state-owned company is found.
    let found = found("Buyers took crude from the National Iranian Oil Company in March.", Some("1987"));
    assert_eq!(found, [("National Iranian Oil Company".to_string(), "IRN".to_string(), MentionRole::Body)]);
}

#[test]
fn names_in_text_outside_ascii() {
    // The pass over words reads letters outside ASCII as letters.
    assert_eq!(
        codes("Côte d'Ivoire and Türkiye met in São Paulo; Ελλάδα Israel.", Some("2023")),
        pairs(&[("Côte d'Ivoire", "CIV"), ("Türkiye", "TUR"), ("Israel", "ISR")])
    );
}

/// Combining forms name their state before a hyphen and a word, and nothing alone.
#[test]
fn combining_forms_before_a_hyphen() {
    assert_eq!(codes("The Sino-Indian border talks resumed.", None), pairs(&[("Sino", "CHN"), ("Indian", "IND")]));
    assert_eq!(codes("A Franco-German brigade paraded.", None), pairs(&[("Franco", "FRA"), ("German", "DEU")]));
    assert!(codes("General Franco gave a speech.", None).is_empty());
    assert!(codes("Sino and Anglo are prefixes.", None).is_empty());
}
