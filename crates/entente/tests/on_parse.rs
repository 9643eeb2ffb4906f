//! Relations coded on the shipped parser's parse (`Extractor::code_on_parse`), end to end, on
//! sentences written for these tests: one construction of English each.

use entente::{Content, Document, Extractor, Modality};

fn extractor() -> &'static Extractor {
    static X: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    X.get_or_init(|| {
        let mut x = Extractor::new().unwrap();
        x.code_on_parse = true;
        x.with_pairing = false;
        x
    })
}

/// Each relation of a document (dated 2020-01-01) as `show` writes it, sorted.
fn relations(title: Option<&str>, text: &str, show: impl Fn(&entente::Relation) -> String) -> Vec<String> {
    let doc = Document {
        id: "t".into(),
        url: None,
        date: Some("2020-01-01".into()),
        title: title.map(Into::into),
        content: Content::Text(text.into()),
    };
    let mut out: Vec<String> = extractor().extract(&doc).unwrap().relations.iter().map(show).collect();
    out.sort();
    out
}

/// "SRC>TGT TYPE sector modality" for each relation, sorted.
fn links(text: &str) -> Vec<String> {
    relations(None, text, |r| {
        format!("{}>{} {} {} {}", r.source, r.target, r.event_type, r.sector, r.modality.as_str())
    })
}

#[test]
fn control_gives_the_subject_and_the_modality() {
    assert_eq!(links("Norway agreed to sell Chile ten frigates in 2019."), ["NOR>CHL COOPERATE arms planned"]);
}

#[test]
fn the_passive_agent_is_the_source() {
    assert_eq!(links("Drones were sold to Kenya by Turkey last year."), ["TUR>KEN COOPERATE arms actual"]);
}

#[test]
fn two_coordinated_sides_pair_across() {
    assert_eq!(
        links("Spain and Italy signed an accord with Egypt and Libya."),
        [
            "ESP>EGY AGREE diplomacy actual",
            "ESP>LBY AGREE diplomacy actual",
            "ITA>EGY AGREE diplomacy actual",
            "ITA>LBY AGREE diplomacy actual"
        ]
    );
}

#[test]
fn refusals_negations_and_reported_speech() {
    assert_eq!(links("Peru refused to buy wheat from Canada."), ["PER>CAN REJECT trade actual"]);
    assert_eq!(links("Egypt did not sign the treaty with Libya."), ["EGY>LBY AGREE diplomacy negated"]);
    // The pronoun subject of a reported clause is the speaker.
    assert_eq!(links("Spain said it would buy gas from Algeria."), ["DZA>ESP COOPERATE energy planned"]);
    assert_eq!(links("Chile said Peru needed to cut its tariffs."), ["CHL>PER REQUEST trade actual"]);
    assert_eq!(links("Peru accused Chile of spying."), ["PER>CHL ACCUSE diplomacy actual"]);
}

#[test]
fn a_group_and_a_list_of_destinations() {
    let talks = links("Talks between Chile, Peru and Bolivia resumed.");
    assert_eq!(talks.len(), 3, "{talks:?}");
    let shipped = links("Canada shipped wheat to Peru, Chile and Bolivia.");
    assert_eq!(
        shipped,
        ["CAN>BOL COOPERATE trade actual", "CAN>CHL COOPERATE trade actual", "CAN>PER COOPERATE trade actual"]
    );
}

#[test]
fn explain_names_the_entry_the_predicate_and_the_paths() {
    let doc = Document {
        id: "t".into(),
        url: None,
        date: None,
        title: None,
        content: Content::Text("Norway agreed to sell Chile ten frigates.".into()),
    };
    let x = extractor().extract(&doc).unwrap();
    let why = x.relations[0].explain.as_ref().unwrap();
    assert!(why.rule.starts_with("triggers.tsv:"), "{}", why.rule);
    assert!(why.rule.contains("predicate \"sell\""), "{}", why.rule);
    assert!(why.rule.contains("source xcomp-up>nsubj"), "{}", why.rule);
    assert_eq!(x.relations[0].modality, Modality::Planned);
}

#[test]
fn same_input_same_output() {
    let text = "Spain and Italy signed an accord with Egypt and Libya. Peru accused Chile of spying.";
    assert_eq!(links(text), links(text));
}

/// The links (pair, sector, polarity, sentence start) an extractor gives on `text`.
fn link_set(x: &Extractor, text: &str) -> Vec<(usize, String, String, String, String)> {
    let doc = Document { id: "t".into(), url: None, date: None, title: None, content: Content::Text(text.into()) };
    let mut out: Vec<_> = x
        .extract(&doc)
        .unwrap()
        .relations
        .iter()
        .map(|r| {
            let (a, b) = if r.source <= r.target { (&r.source, &r.target) } else { (&r.target, &r.source) };
            (r.evidence.start, a.clone(), b.clone(), r.sector.to_string(), r.polarity.to_string())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn on_the_parse_the_pairing_rules_add_what_the_parse_gives_nothing() {
    let text = "Chile signed a trade pact with Peru in March. Bolivia sold Chile 300 tonnes of wheat. \
                Officials said Peru and Bolivia would hold talks on gas, and Chile criticised Bolivia.";
    let mut default = Extractor::new().unwrap();
    default.code_on_parse = true;
    let mut parse_only = Extractor::new().unwrap();
    parse_only.code_on_parse = true;
    parse_only.with_pairing = false;
    let mut pairing = Extractor::new().unwrap();
    pairing.code_on_parse = false;
    let all = link_set(&default, text);
    let parsed = link_set(&parse_only, text);
    let paired = link_set(&pairing, text);
    assert!(!parsed.is_empty() && !paired.is_empty(), "{parsed:?} {paired:?}");
    // Every link of either, each once.
    for l in parsed.iter().chain(&paired) {
        assert!(all.contains(l), "{l:?} missing from {all:?}");
    }
    let mut once = all.clone();
    once.dedup();
    assert_eq!(once.len(), all.len(), "{all:?}");
    assert!(all.len() <= parsed.len() + paired.len());
}

#[test]
fn an_organisation_of_one_field_gives_a_diplomatic_act_its_dimension() {
    // Talks and agreements with no sector word of their own, in a sentence that names an
    // organisation whose field is trade or energy.
    let talks = links("Chile and Peru held talks at the World Trade Organization in Geneva.");
    assert!(talks.contains(&"CHL>PER CONSULT trade actual".to_string()), "{talks:?}");
    assert!(talks.iter().all(|l| !l.contains(" diplomacy ")), "{talks:?}");
    let agreed = links("Nigeria and Algeria agreed at the OPEC meeting to cooperate more closely.");
    assert!(agreed.iter().any(|l| l.starts_with("NGA>DZA") || l.starts_with("DZA>NGA")), "{agreed:?}");
    assert!(agreed.iter().all(|l| l.contains(" energy ")), "{agreed:?}");
    // Unfriendly acts too: a dispute taken to the WTO is a trade dispute.
    let asked = links("Peru asked the WTO to rule on its dispute with Chile.");
    assert!(asked.iter().any(|l| l.starts_with("PER>WTO REQUEST trade ")), "{asked:?}");
    // A sector word of the sentence's own still decides; an organisation of no one field
    // (the UN) leaves a diplomatic act in diplomacy.
    let arms = links("Chile agreed at the WTO meeting to sell Peru ten frigates.");
    assert!(arms.iter().any(|l| l.starts_with("CHL>PER COOPERATE arms ")), "{arms:?}");
    let un = links("Chile and Peru held talks at the United Nations in New York.");
    assert!(un.contains(&"CHL>PER CONSULT diplomacy actual".to_string()), "{un:?}");
}

#[test]
fn undoing_an_agreement_rejects_its_partner() {
    // A verb of undoing with the agreement as its object: a rejection by its subject, not an
    // agreement between the two.
    assert_eq!(links("Chile scrapped its trade deal with Peru."), ["CHL>PER REJECT trade actual"]);
    let truce = links("Kenya violated the ceasefire agreement with Uganda.");
    assert_eq!(truce.len(), 1, "{truce:?}");
    assert!(truce[0].starts_with("KEN>UGA REJECT "), "{truce:?}");
    // The agreement itself, and an undone thing that is no agreement, stay as they were.
    assert_eq!(links("Chile signed a trade deal with Peru."), ["CHL>PER AGREE trade actual"]);
    assert_eq!(links("Chile scrapped tariffs and signed a trade deal with Peru."), ["CHL>PER AGREE trade actual"]);
}

#[test]
fn withdrawing_from_an_agreement_rejects_its_partner() {
    // The agreement noun under the verb's preposition ("withdrew from", "pulled out of",
    // "walked away from": `modality.tsv`) takes the verb's subject as the party that refuses it.
    assert_eq!(links("Norway withdrew from the fishing accord with Iceland."), ["NOR>ISL REJECT diplomacy actual"]);
    assert_eq!(links("Chile pulled out of the talks with Peru."), ["CHL>PER REJECT diplomacy actual"]);
    assert_eq!(links("Brazil walked away from its trade agreement with Argentina."), ["BRA>ARG REJECT trade actual"]);
    // A withdrawal of troops is no undoing of an agreement; nor is a withdrawal from a place.
    let troops = links("Chile withdrew troops from Peru.");
    assert!(troops.iter().all(|l| !l.contains(" REJECT ")), "{troops:?}");
    assert_eq!(links("Chile withdrew from the border region with Peru."), Vec::<String>::new());
}

#[test]
fn only_an_agreement_talks_or_a_transaction_can_be_undone() {
    // A purchase cancelled is refused its seller ...
    assert_eq!(links("Chile cancelled its purchase of wheat from Peru."), ["CHL>PER REJECT trade actual"]);
    // ... a pipeline breached is nothing refused: the pipeline is still the two states' link.
    assert_eq!(links("Floods breached Kazakhstan's oil pipeline across Russia."), ["KAZ>RUS COOPERATE energy actual"]);
}

#[test]
fn a_trigger_phrase_that_ends_in_its_preposition_takes_that_prepositions_object() {
    // "pipeline through/across/via X" (`triggers.tsv`): X is the other side.
    assert_eq!(
        links("Kazakhstan's oil pipeline across Russia carries crude to the Black Sea."),
        ["KAZ>RUS COOPERATE energy actual"]
    );
    assert_eq!(links("Iraq's pipeline through Turkey was shut."), ["IRQ>TUR COOPERATE energy actual"]);
    // Without the phrase ("pipeline to") the noun is no predicate.
    assert_eq!(links("Iraq's pipeline to Turkey was shut."), Vec::<String>::new());
}

#[test]
fn an_accusation_accuses_the_subject_of_its_that_clause() {
    assert_eq!(links("Peru alleged that Chile had armed the rebels."), ["PER>CHL ACCUSE diplomacy actual"]);
    assert_eq!(links("Peru complained that Chile had closed its ports."), ["PER>CHL ACCUSE diplomacy actual"]);
    // A verb that is as often one of saying ("claimed that") accuses no one by its clause, and
    // a verb of saying codes nothing.
    assert_eq!(links("Peru claimed that Chile had armed the rebels."), Vec::<String>::new());
    assert_eq!(links("Peru said that Chile had closed its ports."), Vec::<String>::new());
}

#[test]
fn a_gerund_or_infinitive_adjunct_takes_the_matrix_subject() {
    // "after meeting", "in upgrading", "to discuss": the clause has no subject of its own.
    assert_eq!(links("Chile signed the deal after meeting Peru."), ["CHL>PER CONSULT diplomacy actual"]);
    assert_eq!(
        links("Israel was involved in upgrading the Azeri telephone system."),
        ["ISR>AZE AID technology actual"]
    );
    // A finite adverbial clause has its own subject, and a verb of saying codes nothing.
    assert_eq!(links("Chile signed the deal after Peru said it would."), Vec::<String>::new());
}

#[test]
fn a_friendly_acts_beneficiary_on_its_object() {
    // "for X" hung on the object of a cooperative verb names who gains.
    assert_eq!(links("Chile improved access for Peruvian exporters."), ["CHL>PER COOPERATE diplomacy actual"]);
    // Not for a hostile act: the plan criticised is no side.
    assert_eq!(links("Chile criticised the plan for Peruvian ports."), Vec::<String>::new());
}

#[test]
fn due_to_before_a_verb_schedules_it() {
    assert_eq!(
        links("Chile's envoy was due to meet the Peruvian minister today."),
        ["CHL>PER CONSULT diplomacy planned"]
    );
    assert_eq!(links("Chile's president is due to visit Peru next week."), ["CHL>PER CONSULT diplomacy planned"]);
}

// Issue 18's "What to build", audited on sentences written for the audit, several wordings of
// each construction (the README's "Relations on the parse" has its table).

/// Asserts that every wanted "SRC>TGT TYPE" is among the sentence's links.
fn has(text: &str, want: &[&str]) {
    let got = links(text);
    for w in want {
        assert!(got.iter().any(|g| g.starts_with(&format!("{w} "))), "{text:?}: want {w:?}, got {got:?}");
    }
}

#[test]
fn roles_from_the_arguments_of_verbs_and_nouns() {
    has("Russia invaded Georgia in August 2008.", &["RUS>GEO ASSAULT"]);
    has("Ukraine was attacked by Russia on Tuesday.", &["RUS>UKR ASSAULT"]);
    has("New sanctions were imposed on Iran by the European Union.", &["EU>IRN SANCTION"]);
    has("Germany gave Ukraine forty tanks last year.", &["DEU>UKR AID"]);
    has("India imported record volumes of oil from Russia in 2023.", &["RUS>IND COOPERATE"]);
    has("Japan protested against China's naval drills near its islands.", &["JPN>CHN PROTEST"]);
    has("Germany's purchase of gas from Qatar was announced on Friday.", &["QAT>DEU COOPERATE"]);
}

#[test]
fn conjuncts_pair_across_and_a_group_pairs_within() {
    assert_eq!(links("France and Germany signed an energy accord with Poland and Hungary.").len(), 4);
    assert_eq!(links("Brazil, Argentina and Uruguay signed a customs pact.").len(), 3);
    has("Kenya and Uganda imported fuel from Saudi Arabia.", &["SAU>KEN COOPERATE", "SAU>UGA COOPERATE"]);
}

#[test]
fn control_raising_and_reported_speech() {
    has("Russia agreed to sell fighter jets to Egypt.", &["RUS>EGY COOPERATE"]);
    has("India is expected to sign a defence pact with France next month.", &["IND>FRA AGREE"]);
    has("Officials said Iran had supplied drones to Russia.", &["IRN>RUS COOPERATE"]);
}

/// A name the tagger reads as a verb's "-ing" form ("Beijing" as "being") and the parser makes
/// an auxiliary is the verb's subject: auxiliaries are a closed class of verbs, never names.
#[test]
fn a_name_read_as_an_auxiliary_is_the_subject() {
    has("Beijing condemned Tokyo's decision to release the water.", &["CHN>JPN ACCUSE"]);
    has("Beijing criticised Washington's sale of missiles to Taiwan.", &["CHN>USA ACCUSE", "USA>TWN COOPERATE"]);
    has("Beijing imposed sanctions on Lithuania in 2021.", &["CHN>LTU SANCTION"]);
}

/// "insisted that Y lift": the bare base form in a that-clause (the mandative subjunctive) is a
/// demand on its subject; the past of a verb whose past is its base form is not.
#[test]
fn the_mandative_subjunctive_is_a_demand() {
    has("Seoul insisted that Beijing lift its curbs on Korean cosmetics.", &["KOR>CHN REQUEST"]);
    has("Poland proposed that Germany pay reparations.", &["POL>DEU REQUEST"]);
    assert!(links("Canada said that Mexico cut its tariffs last year.").iter().all(|l| !l.contains("REQUEST")));
    // The demand verb's own entry asks the clause's subject once, not twice.
    let demanded = links("The United States demanded that Russia withdraw its troops.");
    assert!(demanded.len() == 1 && demanded[0].starts_with("USA>RUS REQUEST"), "{demanded:?}");
}

/// A rejection by a phrasal verb ("turned down") or of a noun whose author is under "from" or
/// "by": the hostile act is against the author.
#[test]
fn a_refusal_is_against_the_author_of_what_it_refuses() {
    has("Armenia turned down Azerbaijan's proposal for a peace summit.", &["ARM>AZE REJECT"]);
    has("Armenia turned down the offer from Azerbaijan.", &["ARM>AZE REJECT"]);
    has("Greece rejected a proposal by Turkey for joint patrols.", &["GRC>TUR REJECT"]);
    has("Egypt rebuffed Ethiopia's offer of talks.", &["EGY>ETH REJECT"]);
    // The parser reads the object's "by" phrase as the active verb's passive agent.
    has("Iran turned down a proposal by the United States to resume negotiations.", &["IRN>USA REJECT"]);
}

/// "an accord reached by A, B and C": the doers of a participle of making are the parties, and
/// a group gives every pair; mediators ("brokered by") are not one another's partners.
#[test]
fn a_multilateral_deal_made_by_a_group_gives_every_pair() {
    let q = links("A quota deal concluded by Norway, Iceland, Denmark and Russia takes effect in May.");
    assert_eq!(q.len(), 6, "{q:?}");
    assert_eq!(links("An accord reached by Peru, Chile and Bolivia cut tariffs.").len(), 3);
    assert!(links("The truce was brokered by Qatar and Egypt.").is_empty());
}

/// Gapping: a list of destinations under one verb, each with its own amount or goods.
#[test]
fn a_gapped_list_distributes_the_verb() {
    has(
        "Canada shipped 50,000 tonnes of wheat to Egypt, 30,000 tonnes to Algeria and 10,000 tonnes to Morocco.",
        &["CAN>EGY COOPERATE", "CAN>DZA COOPERATE", "CAN>MAR COOPERATE"],
    );
    has("Japan exported 3 million tonnes of steel to China and 2 million tonnes to Korea.", &["JPN>KOR COOPERATE"]);
    has("Russia sold tanks to Syria, helicopters to Iraq and missiles to Algeria.", &["RUS>IRQ COOPERATE"]);
    let pledged = links("Kuwait pledged $300 million to Sudan and $150 million to Chad.");
    assert!(pledged.iter().any(|l| l.starts_with("KWT>TCD")), "{pledged:?}");
}

/// "the tanks that X sent to Y": the relative pronoun object stands for the noun, which gives
/// the verb its goods.
#[test]
fn a_relative_pronoun_object_gives_the_goods() {
    has("The tanks that Germany sent to Ukraine arrived in March.", &["DEU>UKR COOPERATE"]);
}

/// Each relation's amounts as "SRC>TGT value, value" for a document with a title.
fn amounts(title: &str, text: &str) -> Vec<String> {
    relations(Some(title), text, |r| {
        let v: Vec<String> = r.quantities.iter().map(|q| q.value.to_string()).collect();
        format!("{}>{} {}", r.source, r.target, v.join(", "))
    })
}

/// Each amount of a list goes to the destination named after it; a list under a heading of
/// trade takes the document's topic actor as its source, the verbless items included.
#[test]
fn amounts_of_a_list_go_to_their_own_destinations() {
    assert_eq!(
        amounts("Steel trade", "Japan exported 3 million tonnes of steel to China and 2 million tonnes to Korea."),
        ["JPN>CHN 3000000", "JPN>KOR 2000000"]
    );
    assert_eq!(
        amounts("Aid", "Kuwait pledged $300 million to Sudan and $150 million to Chad."),
        ["KWT>SDN 300000000", "KWT>TCD 150000000"]
    );
    assert_eq!(
        amounts(
            "Australia wheat sales",
            "Australian wheat exports rose in May.\n\nExports: 100,000 tonnes to Egypt, 60,000 tonnes to Yemen and 40,000 tonnes to Iraq."
        ),
        ["AUS>EGY 100000", "AUS>IRQ 40000", "AUS>YEM 60000"]
    );
}

/// "the Franco-German treaty", "Sino-Indian talks": a combining form names its state.
#[test]
fn a_combining_form_names_a_party() {
    has("The Franco-German treaty was signed in 1963.", &["FRA>DEU AGREE"]);
    has("Sino-Indian talks on the border resumed in June.", &["CHN>IND CONSULT"]);
}

/// "SRC>TGT START" for each relation: the pair and the start of its time.
fn dated(text: &str) -> Vec<String> {
    relations(None, text, |r| format!("{}>{} {}", r.source, r.target, r.time.start.as_deref().unwrap_or("-")))
}

/// A past main verb the parser reads as a reduced relative clause of its subject ("warships
/// (that were) attacked") is the root; a real reduced relative keeps the sentence's own verb.
#[test]
fn a_main_verb_read_as_a_reduced_relative_is_mended() {
    has("Israeli warships attacked Iranian supply boats on Friday.", &["ISR>IRN ASSAULT"]);
    let got = links("Boats attacked by Israel reached Iran on Friday.");
    assert!(!got.iter().any(|g| g.starts_with("IRN>ISR ")), "{got:?}");
}

/// A verb of intent that is also a plural noun ("plans") read as a noun with a subject still
/// controls its infinitive.
#[test]
fn a_verb_of_intent_read_as_a_noun_still_controls_its_infinitive() {
    for text in [
        "The Israeli government plans to help Azerbaijan build a new port.",
        "The Israeli navy plans to help Azerbaijan patrol the coast.",
    ] {
        let got = links(text);
        assert!(got.iter().any(|g| g.starts_with("ISR>AZE ") && g.ends_with(" planned")), "{text}: {got:?}");
    }
}

/// "went into a union with X", "took part in talks with X", "agreed on a loan to X": the
/// verb's subject is the event noun's agent; "protested against the deal with X" is no part in it.
#[test]
fn entering_into_an_agreement_or_taking_part_in_talks_makes_the_subject_a_party() {
    let got = links("Japan went into a customs union with Brazil in March 2011.");
    assert!(got.iter().any(|g| g.starts_with("JPN>BRA ") && g.ends_with(" trade actual")), "{got:?}");
    has("Norway took part in talks with Iran on gas.", &["NOR>IRN CONSULT"]);
    let got = links("Turkey protested against the arms deal with Armenia.");
    assert!(!got.iter().any(|g| g.starts_with("TUR>") && g.contains(" COOPERATE ")), "{got:?}");
    let got = links("Japan agreed on a loan to Brazil after long talks.");
    assert!(got.iter().any(|g| g.starts_with("JPN>BRA ") && g.contains(" economy ")), "{got:?}");
}

/// A time on the verb that carries an event noun dates the noun's event.
#[test]
fn a_time_on_the_verb_that_carries_an_event_noun_dates_it() {
    let got = dated("To cut costs, Japan moved into a customs union with Norway in March 2011.");
    assert!(got.contains(&"JPN>NOR 2011-03".to_string()), "{got:?}");
    let got = dated("Japan went into a customs union with Brazil in March 2011.");
    assert!(got.contains(&"JPN>BRA 2011-03".to_string()), "{got:?}");
}

/// A condition on the act ("if", "unless") makes it hypothetical; a clause under a verb of
/// hoping is hoped; under a verb of saying it keeps its own modality.
#[test]
fn a_condition_on_the_act_and_a_hope_for_it() {
    let got = links("Brazil will buy jets from Norway if the price falls.");
    assert!(got.iter().any(|g| g.starts_with("NOR>BRA ") && g.ends_with(" hypothetical")), "{got:?}");
    let got = links("Unless the talks fail, Japan would lift its sanctions on Iran.");
    assert!(got.iter().any(|g| g.starts_with("JPN>IRN ") && g.ends_with(" hypothetical")), "{got:?}");
    let got = links("Diplomats expect that Turkey will sign a trade pact with Armenia.");
    assert!(got.iter().any(|g| g.starts_with("TUR>ARM ") && g.ends_with(" hoped")), "{got:?}");
    let got = links("Diplomats said that Turkey will sign a trade pact with Armenia.");
    assert!(got.iter().any(|g| g.starts_with("TUR>ARM ") && g.ends_with(" planned")), "{got:?}");
}

/// A place at the edge of a state ("on X's coast", "near X's frontier") locates a friendly act
/// and names no side; a hostile act there, or on the edge itself, is against the state.
#[test]
fn a_place_at_a_states_edge_locates_a_friendly_act() {
    for text in
        ["Norway gave Japan a foothold on Brazil's coast.", "Japan helped Turkey build a port near Armenia's frontier."]
    {
        let got = links(text);
        assert!(!got.iter().any(|g| g.contains("BRA") || g.contains("ARM")), "{text}: {got:?}");
    }
    has("Turkey massed troops on Armenia's border.", &["TUR>ARM"]);
    has("Turkey shelled Armenia's border posts.", &["TUR>ARM"]);
}

/// "X imports 60 percent of its gas from A, and 20 percent from B": the remnant repeats the verb.
#[test]
fn a_gapped_remnant_repeats_the_verb() {
    has("Japan imports 60 percent of its gas from Norway, and 20 percent from Brazil.", &["NOR>JPN", "BRA>JPN"]);
    let got = links("Turkey buys wheat and barley from Armenia.");
    assert!(got.iter().all(|g| g.starts_with("ARM>TUR ")), "{got:?}");
}

/// A hyphen the parse keeps as a word of its own inside a trigger phrase ("free-trade area").
#[test]
fn a_hyphen_between_the_words_of_a_phrase_joins_them() {
    has("Japan proposed a free-trade area with Brazil.", &["JPN>BRA AGREE"]);
}

/// An act permitted is the permitted one's ("gave Y permission to send", "permission to Y to
/// send"), and a refusal of the permission denies it; an infinitive of purpose is the subject's
/// and as done as its verb ("did not send troops to A to help B": negated); an act pressed on
/// someone ("faces pressure to help") is hoped for.
#[test]
fn permission_purpose_and_pressure() {
    assert_eq!(
        links("Germany will not give permission to Poland to send tanks to Ukraine."),
        ["DEU>POL REJECT arms actual", "POL>UKR COOPERATE arms negated"]
    );
    let got = links("Germany gave Poland permission to send tanks to Ukraine.");
    assert!(got.iter().any(|g| g.starts_with("POL>UKR ") && g.ends_with(" actual")), "{got:?}");
    assert!(!got.iter().any(|g| g.starts_with("DEU>UKR ")), "{got:?}");
    let got = links("Germany sent troops to Lithuania to help Poland.");
    assert!(got.iter().any(|g| g.starts_with("DEU>POL ") && g.ends_with(" actual")), "{got:?}");
    assert!(!got.iter().any(|g| g.starts_with("LTU>POL ")), "{got:?}");
    let got = links("Germany did not send troops to Lithuania to help Poland.");
    assert!(got.iter().any(|g| g.starts_with("DEU>POL ") && g.ends_with(" negated")), "{got:?}");
    assert_eq!(links("Canada faces pressure from its allies to help Ukraine."), ["CAN>UKR AID economy hoped"]);
}

/// In an article about trade, "closer ties with X" are a relationship as a whole (diplomacy);
/// talks with no sector word of their own take the article's topic.
#[test]
fn ties_keep_their_sector_in_a_trade_story() {
    let got = relations(
        Some("Tariffs and quotas: exports and imports fall"),
        "Tariffs on imported goods rose again, and exports fell while the trade deficit grew.\n\n\
         Japan wants closer ties with Brazil.\n\nJapan and Brazil will continue talks next week.",
        |r| format!("{}>{} {} {}", r.source, r.target, r.event_type, r.sector),
    );
    assert_eq!(got, ["JPN>BRA CONSULT trade", "JPN>BRA COOPERATE diplomacy"]);
}

/// A reported demand with no sector word of its own takes the field of an organisation that the
/// sentence names, as any diplomatic act does; without one it is diplomacy.
#[test]
fn a_demand_takes_an_organisations_field() {
    let got = links("Norway said that Japan should back Brazil's entry into the WTO.");
    assert!(got.contains(&"NOR>JPN REQUEST trade actual".to_string()), "{got:?}");
    let got = links("Norway said that Japan should back Brazil's bid.");
    assert!(got.contains(&"NOR>JPN REQUEST diplomacy actual".to_string()), "{got:?}");
}

/// An accident is done by no one: the subject or "by" phrase that names it gives no agent, on
/// the parse as in the pairing rules; a state's weapons that struck are an agent.
#[test]
fn an_accident_names_no_agent_on_the_parse() {
    assert!(links("Forty Brazilians were killed by the Air France plane crash in the Atlantic.").is_empty());
    assert!(links("The Aeroflot collision killed twelve Finns.").iter().all(|l| !l.starts_with("RUS>")));
    let l = links("Forty Syrians were killed by a Russian air strike near Idlib.");
    assert!(l.iter().any(|x| x.starts_with("RUS>SYR ASSAULT")), "{l:?}");
}
