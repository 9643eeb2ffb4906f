//! Coding on the parse, one construction of English per test, on sentences written for these
//! tests and parsed by hand in CoNLL-U (UD English EWT conventions).

use entente_core::{EventType, Modality, Sector};
use entente_relations::cameo::Cameo;
use entente_relations::coding::{code, ActorSpan, Event};
use entente_relations::Lexicon;
use entente_syntax::{conllu, Sentence};

/// A sentence from lines "FORM LEMMA UPOS HEAD DEPREL", one per word.
fn parse(rows: &str) -> Sentence {
    let mut text = String::new();
    for (n, row) in rows.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let c: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(c.len(), 5, "row {row:?}");
        text.push_str(&format!("{}\t{}\t{}\t{}\t_\t_\t{}\t{}\t_\t_\n", n + 1, c[0], c[1], c[2], c[3], c[4]));
    }
    conllu::read(&text).unwrap().remove(0)
}

/// Actors: (word number, 1-based, as CoNLL-U counts; code).
fn events(s: &Sentence, actors: &[(usize, &'static str)]) -> (Vec<Event>, Vec<ActorSpan<'static>>) {
    let spans: Vec<ActorSpan> = actors.iter().map(|&(w, code)| ActorSpan { first: w - 1, last: w - 1, code }).collect();
    let lex = Lexicon::builtin().unwrap();
    let cameo = Cameo::builtin().unwrap();
    (code(s, &spans, &lex, &cameo), spans)
}

/// The events as "SRC>TGT TYPE sector modality".
fn show(s: &Sentence, actors: &[(usize, &'static str)]) -> Vec<String> {
    let (ev, spans) = events(s, actors);
    let mut out: Vec<String> = ev
        .iter()
        .map(|e| {
            format!(
                "{}>{} {} {} {}",
                spans[e.source].code,
                spans[e.target].code,
                e.event_type,
                e.sector,
                e.modality.as_str()
            )
        })
        .collect();
    out.sort();
    out
}

/// Asserts that the sentence codes exactly one event, which starts with `prefix` ("SRC>TGT TYPE").
fn one(s: &Sentence, actors: &[(usize, &'static str)], prefix: &str) {
    let got = show(s, actors);
    assert!(got.len() == 1 && got[0].starts_with(prefix), "want one {prefix:?}, got {got:?}");
}

#[test]
fn control_carries_the_subject_down_and_gives_the_modality() {
    let s = parse(
        "Norway Norway PROPN 2 nsubj
         agreed agree VERB 0 root
         to to PART 4 mark
         sell sell VERB 2 xcomp
         Chile Chile PROPN 4 iobj
         ten ten NUM 7 nummod
         frigates frigate NOUN 4 obj
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "NOR"), (5, "CHL")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("NOR>CHL ") && got[0].ends_with(" arms planned"), "{got:?}");
}

#[test]
fn a_refusal_is_a_rejection_by_the_refuser_which_happened() {
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         refused refuse VERB 0 root
         to to PART 4 mark
         buy buy VERB 2 xcomp
         wheat wheat NOUN 4 obj
         from from ADP 7 case
         Canada Canada PROPN 4 obl
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (7, "CAN")]), vec!["PER>CAN REJECT trade actual"]);
}

#[test]
fn the_passive_agent_is_the_source() {
    let s = parse(
        "Drones drone NOUN 3 nsubj:pass
         were be AUX 3 aux:pass
         sold sell VERB 0 root
         to to ADP 5 case
         Kenya Kenya PROPN 3 obl
         by by ADP 7 case
         Turkey Turkey PROPN 3 obl:agent
         . . PUNCT 3 punct",
    );
    let got = show(&s, &[(5, "KEN"), (7, "TUR")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("TUR>KEN ") && got[0].contains(" arms actual"), "{got:?}");
}

#[test]
fn coordinated_sides_of_a_symmetric_event_pair_across_not_within() {
    let s = parse(
        "Spain Spain PROPN 4 nsubj
         and and CCONJ 3 cc
         Italy Italy PROPN 1 conj
         signed sign VERB 0 root
         an a DET 6 det
         accord accord NOUN 4 obj
         with with ADP 8 case
         Egypt Egypt PROPN 4 obl
         and and CCONJ 10 cc
         Libya Libya PROPN 8 conj
         . . PUNCT 4 punct",
    );
    let got = show(&s, &[(1, "ESP"), (3, "ITA"), (8, "EGY"), (10, "LBY")]);
    assert_eq!(
        got,
        vec![
            "ESP>EGY AGREE diplomacy actual",
            "ESP>LBY AGREE diplomacy actual",
            "ITA>EGY AGREE diplomacy actual",
            "ITA>LBY AGREE diplomacy actual"
        ]
    );
}

#[test]
fn talks_among_three_give_every_pair() {
    let s = parse(
        "Talks talk NOUN 8 nsubj
         between between ADP 3 case
         Chile Chile PROPN 1 nmod
         , , PUNCT 5 punct
         Peru Peru PROPN 3 conj
         and and CCONJ 7 cc
         Bolivia Bolivia PROPN 3 conj
         resumed resume VERB 0 root
         . . PUNCT 8 punct",
    );
    let got = show(&s, &[(3, "CHL"), (5, "PER"), (7, "BOL")]);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|g| g.contains(" CONSULT ")), "{got:?}");
}

#[test]
fn a_relative_clause_takes_its_head_noun() {
    let s = parse(
        "Norway Norway PROPN 9 nsubj
         , , PUNCT 4 punct
         which which PRON 4 nsubj
         sold sell VERB 1 acl:relcl
         drones drone NOUN 4 obj
         to to ADP 7 case
         Peru Peru PROPN 4 obl
         , , PUNCT 4 punct
         protested protest VERB 0 root
         . . PUNCT 9 punct",
    );
    let got = show(&s, &[(1, "NOR"), (7, "PER")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("NOR>PER ") && got[0].contains(" arms "), "{got:?}");
}

#[test]
fn a_possessor_is_the_agent_of_an_event_noun() {
    let s = parse(
        "Turkey Turkey PROPN 3 nmod:poss
         's 's PART 1 case
         sale sale NOUN 8 nsubj
         of of ADP 5 case
         drones drone NOUN 3 nmod
         to to ADP 7 case
         Kenya Kenya PROPN 3 nmod
         angered anger VERB 0 root
         Egypt Egypt PROPN 8 obj
         . . PUNCT 8 punct",
    );
    let got = show(&s, &[(1, "TUR"), (7, "KEN"), (9, "EGY")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("TUR>KEN ") && got[0].contains(" arms "), "{got:?}");
}

#[test]
fn two_demonym_adjectives_are_the_parties_of_an_accord() {
    let s = parse(
        "The the DET 5 det
         Chilean Chilean ADJ 5 amod
         - - PUNCT 4 punct
         Peruvian Peruvian ADJ 2 conj
         accord accord NOUN 7 nsubj:pass
         was be AUX 7 aux:pass
         signed sign VERB 0 root
         . . PUNCT 7 punct",
    );
    assert_eq!(show(&s, &[(2, "CHL"), (4, "PER")]), vec!["CHL>PER AGREE diplomacy actual"]);
}

#[test]
fn reported_speech_codes_the_clause_not_the_speaker() {
    let s = parse(
        "Spain Spain PROPN 2 nsubj
         said say VERB 0 root
         Morocco Morocco PROPN 5 nsubj
         would would AUX 5 aux
         buy buy VERB 2 ccomp
         gas gas NOUN 5 obj
         from from ADP 8 case
         Algeria Algeria PROPN 5 obl
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "ESP"), (3, "MAR"), (8, "DZA")]), vec!["DZA>MAR COOPERATE energy planned"]);
}

#[test]
fn an_accusation_is_the_speakers_own_act() {
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         accused accuse VERB 0 root
         Chile Chile PROPN 2 obj
         of of SCONJ 5 mark
         spying spy VERB 2 advcl
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "PER"), (3, "CHL")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("PER>CHL ACCUSE "), "{got:?}");
}

#[test]
fn not_signing_is_negated_not_a_rejection() {
    let s = parse(
        "Egypt Egypt PROPN 4 nsubj
         did do AUX 4 aux
         not not PART 4 advmod
         sign sign VERB 0 root
         the the DET 6 det
         treaty treaty NOUN 4 obj
         with with ADP 8 case
         Libya Libya PROPN 4 obl
         . . PUNCT 4 punct",
    );
    assert_eq!(show(&s, &[(1, "EGY"), (8, "LBY")]), vec!["EGY>LBY AGREE diplomacy negated"]);
}

#[test]
fn a_clause_completing_a_noun_takes_the_nouns_negation_and_plan() {
    // "no plans to sell", "no intention of selling": negated; "announced plans to sell": planned.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         has have VERB 0 root
         no no DET 4 det
         plans plan NOUN 2 obj
         to to PART 6 mark
         sell sell VERB 4 acl
         rifles rifle NOUN 6 obj
         to to ADP 9 case
         Chile Chile PROPN 6 obl
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (9, "CHL")]), vec!["PER>CHL COOPERATE arms negated"]);
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         has have VERB 0 root
         no no DET 4 det
         intention intention NOUN 2 obj
         of of SCONJ 6 mark
         selling sell VERB 4 acl
         rifles rifle NOUN 6 obj
         to to ADP 9 case
         Chile Chile PROPN 6 obl
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (9, "CHL")]), vec!["PER>CHL COOPERATE arms negated"]);
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         announced announce VERB 0 root
         plans plan NOUN 2 obj
         to to PART 5 mark
         sell sell VERB 3 acl
         rifles rifle NOUN 5 obj
         to to ADP 8 case
         Chile Chile PROPN 5 obl
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (8, "CHL")]), vec!["PER>CHL COOPERATE arms planned"]);
}

#[test]
fn a_threat_to_act_is_the_threat_with_the_acts_sides_and_sector() {
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         threatened threaten VERB 0 root
         to to PART 4 mark
         impose impose VERB 2 xcomp
         sanctions sanction NOUN 4 obj
         on on ADP 7 case
         Chile Chile PROPN 4 obl
         . . PUNCT 2 punct",
    );
    let actors = [(1, "PER"), (7, "CHL")];
    assert_eq!(show(&s, &actors), vec!["PER>CHL THREATEN sanctions actual"]);
    let (ev, _) = events(&s, &actors);
    assert_eq!(ev[0].mode.as_deref(), Some("restrict"));
    // A cooperative act "threatened" is no threat to the partner: the act, as it stands.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         threatened threaten VERB 0 root
         to to PART 4 mark
         sell sell VERB 2 xcomp
         rifles rifle NOUN 4 obj
         to to ADP 7 case
         Chile Chile PROPN 4 obl
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "PER"), (7, "CHL")]);
    assert!(got.iter().all(|e| !e.contains("THREATEN")), "{got:?}");
}

#[test]
fn a_condition_on_the_verb_an_act_completes_is_hypothetical() {
    // "If Peru decided to attack Chile, ...": the "if" stands on "decided".
    let s = parse(
        "If if SCONJ 3 mark
         Peru Peru PROPN 3 nsubj
         decided decide VERB 9 advcl
         to to PART 5 mark
         attack attack VERB 3 xcomp
         Chile Chile PROPN 5 obj
         , , PUNCT 3 punct
         prices price NOUN 9 nsubj
         would would AUX 9 aux
         rise rise VERB 0 root
         . . PUNCT 9 punct",
    );
    let got = show(&s, &[(2, "PER"), (6, "CHL")]);
    assert!(
        !got.is_empty() && got.iter().all(|e| e.starts_with("PER>CHL ") && e.ends_with(" hypothetical")),
        "{got:?}"
    );
}

#[test]
fn a_refusal_denied_is_a_rejection_that_did_not_happen() {
    // "Peru did not withdraw from the accord with Chile."
    let s = parse(
        "Peru Peru PROPN 4 nsubj
         did do AUX 4 aux
         not not PART 4 advmod
         withdraw withdraw VERB 0 root
         from from ADP 7 case
         the the DET 7 det
         accord accord NOUN 4 obl
         with with ADP 9 case
         Chile Chile PROPN 7 nmod
         . . PUNCT 4 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (9, "CHL")]), vec!["PER>CHL REJECT diplomacy negated"]);
    // "Peru did not refuse to sell rifles to Chile."
    let s = parse(
        "Peru Peru PROPN 4 nsubj
         did do AUX 4 aux
         not not PART 4 advmod
         refuse refuse VERB 0 root
         to to PART 6 mark
         sell sell VERB 4 xcomp
         rifles rifle NOUN 6 obj
         to to ADP 9 case
         Chile Chile PROPN 6 obl
         . . PUNCT 4 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (9, "CHL")]), vec!["PER>CHL REJECT arms negated"]);
    // The refusal itself stays actual: "Peru refused to sell rifles to Chile."
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         refused refuse VERB 0 root
         to to PART 4 mark
         sell sell VERB 2 xcomp
         rifles rifle NOUN 4 obj
         to to ADP 7 case
         Chile Chile PROPN 4 obl
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (7, "CHL")]), vec!["PER>CHL REJECT arms actual"]);
}

#[test]
fn where_two_sides_met_is_the_venue_not_a_third_side() {
    // "Peru and Chile held talks in Quito": Quito (Ecuador's capital) is where, not who.
    let s = parse(
        "Peru Peru PROPN 4 nsubj
         and and CCONJ 3 cc
         Chile Chile PROPN 1 conj
         met meet VERB 0 root
         in in ADP 6 case
         Quito Quito PROPN 4 obl
         . . PUNCT 4 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (3, "CHL"), (6, "ECU")]), vec!["PER>CHL CONSULT diplomacy actual"]);
    // With one side named, the place is the host: "Peru's president met in Quito" is a visit.
    let s = parse(
        "Peru Peru PROPN 2 nmod:poss
         president president NOUN 3 nsubj
         met meet VERB 0 root
         in in ADP 5 case
         Quito Quito PROPN 3 obl
         . . PUNCT 3 punct",
    );
    let got = show(&s, &[(1, "PER"), (5, "ECU")]);
    assert!(got.iter().any(|e| e.starts_with("PER>ECU CONSULT")), "{got:?}");
}

#[test]
fn an_amount_in_an_event_noun_makes_the_noun_the_verbs_object() {
    // "Peru sent $9 million in aid to Chile": the amount is of aid, sent by Peru.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         sent send VERB 0 root
         $ $ SYM 2 obj
         9 9 NUM 5 compound
         million million NUM 3 nummod
         in in ADP 7 case
         aid aid NOUN 2 obl
         to to ADP 9 case
         Chile Chile PROPN 7 nmod
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "PER"), (9, "CHL")]);
    assert!(got.iter().any(|e| e.starts_with("PER>CHL AID")), "{got:?}");
    // Without an amount as the verb's object, a noun under "in" lends the verb no agent: in
    // "Peru spoke in aid of Chile" Peru gives no aid.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         spoke speak VERB 0 root
         in in ADP 4 case
         aid aid NOUN 2 obl
         of of ADP 6 case
         Chile Chile PROPN 4 nmod
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "PER"), (6, "CHL")]);
    assert!(got.iter().all(|e| !e.starts_with("PER>CHL AID")), "{got:?}");
}

#[test]
fn a_demand_asks_the_subject_of_its_that_clause() {
    // "Peru demanded that Chile free the sailors."
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         demanded demand VERB 0 root
         that that SCONJ 5 mark
         Chile Chile PROPN 5 nsubj
         free free VERB 2 ccomp
         the the DET 7 det
         sailors sailor NOUN 5 obj
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "PER"), (4, "CHL")]);
    assert!(got.iter().any(|e| e.starts_with("PER>CHL REQUEST")), "{got:?}");
}

#[test]
fn will_not_is_a_refusal() {
    let s = parse(
        "Japan Japan PROPN 4 nsubj
         will will AUX 4 aux
         not not PART 4 advmod
         sell sell VERB 0 root
         rice rice NOUN 4 obj
         to to ADP 7 case
         Korea Korea PROPN 4 obl
         . . PUNCT 4 punct",
    );
    let got = show(&s, &[(1, "JPN"), (7, "KOR")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("JPN>KOR REJECT ") && got[0].ends_with(" actual"), "{got:?}");
}

#[test]
fn a_cameo_verb_gives_a_demand_with_its_dictionary_line() {
    let s = parse(
        "Kenya Kenya PROPN 2 nsubj
         insisted insist VERB 0 root
         on on ADP 4 case
         compensation compensation NOUN 2 obl
         from from ADP 6 case
         Uganda Uganda PROPN 2 obl
         . . PUNCT 2 punct",
    );
    let (ev, _) = events(&s, &[(1, "KEN"), (6, "UGA")]);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].event_type, EventType::Request);
    assert!(ev[0].entry.starts_with("cameo_"), "{}", ev[0].entry);
    assert!(ev[0].entry.contains("CAMEO.2.0.txt:"), "{}", ev[0].entry);
}

#[test]
fn an_apposition_names_the_actor_of_a_company() {
    let s = parse(
        "Statoil Statoil PROPN 7 nsubj
         , , PUNCT 6 punct
         Norway Norway PROPN 6 nmod:poss
         's 's PART 3 case
         oil oil NOUN 6 compound
         firm firm NOUN 1 appos
         sold sell VERB 0 root
         gas gas NOUN 7 obj
         to to ADP 10 case
         Poland Poland PROPN 7 obl
         . . PUNCT 7 punct",
    );
    let (ev, _) = events(&s, &[(3, "NOR"), (10, "POL")]);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].sector, Sector::Energy);
    assert_eq!(ev[0].source_path, "nsubj>appos>nmod:poss");
    assert_eq!(ev[0].target_path, "obl:to");
}

#[test]
fn a_list_of_destinations_under_one_verb_distributes_it() {
    let s = parse(
        "Canada Canada PROPN 2 nsubj
         shipped ship VERB 0 root
         wheat wheat NOUN 2 obj
         to to ADP 5 case
         Peru Peru PROPN 2 obl
         , , PUNCT 7 punct
         Chile Chile PROPN 5 conj
         and and CCONJ 9 cc
         Bolivia Bolivia PROPN 5 conj
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "CAN"), (5, "PER"), (7, "CHL"), (9, "BOL")]);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|g| g.starts_with("CAN>")), "{got:?}");
}

#[test]
fn raising_carries_the_subject_and_gives_hoped() {
    let s = parse(
        "Chile Chile PROPN 3 nsubj:pass
         is be AUX 3 aux:pass
         expected expect VERB 0 root
         to to PART 5 mark
         sign sign VERB 3 xcomp
         a a DET 8 det
         trade trade NOUN 8 compound
         pact pact NOUN 5 obj
         with with ADP 10 case
         Peru Peru PROPN 5 obl
         . . PUNCT 3 punct",
    );
    let (ev, _) = events(&s, &[(1, "CHL"), (10, "PER")]);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].modality, Modality::Hoped);
    assert_eq!(ev[0].sector, Sector::Trade);
}

#[test]
fn two_actors_without_a_predicate_give_nothing() {
    let s = parse(
        "Chile Chile PROPN 4 nsubj
         and and CCONJ 3 cc
         Peru Peru PROPN 1 conj
         held hold VERB 0 root
         elections election NOUN 4 obj
         . . PUNCT 4 punct",
    );
    assert_eq!(show(&s, &[(1, "CHL"), (3, "PER")]), Vec::<String>::new());
}

#[test]
fn bad_parses_do_not_panic() {
    // Heads out of range, self-loops and cycles: read what can be read, never panic.
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         sold sell VERB 3 root
         Peru Peru PROPN 2 obj
         arms arm NOUN 4 obj",
    );
    let _ = show(&s, &[(1, "CHL"), (3, "PER")]);
    let mut s2 = s.clone();
    s2.tokens[1].head = 99;
    let _ = show(&s2, &[(1, "CHL"), (3, "PER"), (9, "XXX")]);
}

/// End to end on an article: mentions found by name, the sentence "parsed" by the hand parse
/// (its words joined by single spaces are the sentence's text).
#[test]
fn amounts_and_years_attach_through_the_parse() {
    use entente_core::{ActorKind, Content, Document, Mention, MentionRole};
    use entente_relations::parsed::extract_parsed;
    let rows = "Norway Norway PROPN 2 nsubj
         agreed agree VERB 0 root
         to to PART 4 mark
         sell sell VERB 2 xcomp
         Chile Chile PROPN 4 iobj
         frigates frigate NOUN 4 obj
         worth worth ADJ 6 amod
         2 2 NUM 9 compound
         billion billion NUM 10 nummod
         dollars dollar NOUN 7 obl:npmod
         in in ADP 12 case
         2019 2019 NUM 4 obl
         . . PUNCT 2 punct";
    let s = parse(rows);
    let text: String = s.tokens.iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ");
    let doc = Document { id: "t".into(), url: None, date: None, title: None, content: Content::Text(text.clone()) };
    let article = entente_read::read(&doc, &Default::default()).expect("readable");
    let mentions: Vec<Mention> = [("Norway", "NOR"), ("Chile", "CHL")]
        .iter()
        .map(|(name, code)| {
            let start = article.text.find(name).unwrap();
            Mention {
                start,
                end: start + name.len(),
                code: code.to_string().into(),
                kind: ActorKind::State,
                name: name.to_string().into(),
                role: MentionRole::Name,
                person: None,
                agent: None,
            }
        })
        .collect();
    let parsed = |t: &str, offset: usize, _: &[(usize, usize)]| {
        assert_eq!(t.trim(), text);
        let mut s = parse(rows);
        for tok in &mut s.tokens {
            tok.start += offset;
            tok.end += offset;
        }
        s
    };
    let lex = Lexicon::builtin().unwrap();
    let cameo = Cameo::builtin().unwrap();
    let rels = extract_parsed(&article, &mentions, &lex, &cameo, &Default::default(), &parsed);
    assert_eq!(rels.len(), 1, "{rels:?}");
    let r = &rels[0];
    assert_eq!(
        (r.source.as_str(), r.target.as_str(), r.sector, r.modality),
        ("NOR", "CHL", Sector::Arms, Modality::Planned)
    );
    assert_eq!(r.quantities.len(), 1, "{:?}", r.quantities);
    assert_eq!(r.quantities[0].value, 2e9);
    assert_eq!(r.time.start.as_deref(), Some("2019"));
    let why = r.explain.as_ref().unwrap();
    assert!(
        why.rule.contains("triggers.tsv:")
            && why.rule.contains("source xcomp-up>nsubj")
            && why.rule.contains("target iobj"),
        "{}",
        why.rule
    );
}

#[test]
fn what_a_speaker_says_another_must_do_is_a_demand() {
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         said say VERB 0 root
         Peru Peru PROPN 4 nsubj
         needed need VERB 2 ccomp
         to to PART 6 mark
         cut cut VERB 4 xcomp
         its its PRON 8 nmod:poss
         tariffs tariff NOUN 6 obj
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "CHL"), (3, "PER")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("CHL>PER REQUEST "), "{got:?}");
    // Without the obligation it is only what was said.
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         said say VERB 0 root
         Peru Peru PROPN 4 nsubj
         cut cut VERB 2 ccomp
         its its PRON 6 nmod:poss
         tariffs tariff NOUN 4 obj
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "CHL"), (3, "PER")]), Vec::<String>::new());
}

#[test]
fn a_phrase_trigger_codes_at_its_head() {
    let s = parse(
        "Kenya Kenya PROPN 2 nsubj
         called call VERB 0 root
         on on ADP 4 case
         Uganda Uganda PROPN 2 obl
         to to PART 6 mark
         open open VERB 2 xcomp
         its its PRON 8 nmod:poss
         border border NOUN 6 obj
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "KEN"), (4, "UGA")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("KEN>UGA REQUEST "), "{got:?}");
}

#[test]
fn the_two_countries_pair_the_actors_they_point_back_to() {
    let s = parse(
        "The the DET 3 det
         two two NUM 3 nummod
         countries country NOUN 4 nsubj
         signed sign VERB 0 root
         a a DET 7 det
         gas gas NOUN 7 compound
         accord accord NOUN 4 obj
         . . PUNCT 4 punct",
    );
    let spans = [ActorSpan { first: 0, last: 2, code: "CHL" }, ActorSpan { first: 0, last: 2, code: "PER" }];
    let lex = Lexicon::builtin().unwrap();
    let cameo = Cameo::builtin().unwrap();
    let ev = code(&s, &spans, &lex, &cameo);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!((ev[0].source, ev[0].target, ev[0].sector), (0, 1, Sector::Energy));
    // No words at all, or spans past the end: nothing, and no panic.
    assert!(code(&Sentence::default(), &spans, &lex, &cameo).is_empty());
}

#[test]
fn a_list_under_a_heading_distributes_the_flow_from_the_documents_topic() {
    let s = parse(
        "Exports export NOUN 0 root
         : : PUNCT 4 punct
         900 900 NUM 4 nummod
         tonnes tonne NOUN 1 appos
         of of ADP 6 case
         barley barley NOUN 4 nmod
         to to ADP 8 case
         Chile Chile PROPN 4 nmod
         , , PUNCT 10 punct
         700 700 NUM 4 conj
         of of ADP 12 case
         wheat wheat NOUN 10 nmod
         to to ADP 14 case
         Peru Peru PROPN 10 nmod
         . . PUNCT 1 punct",
    );
    let lex = Lexicon::builtin().unwrap();
    let cameo = Cameo::builtin().unwrap();
    let spans = [
        ActorSpan { first: 7, last: 7, code: "CHL" },
        ActorSpan { first: 13, last: 13, code: "PER" },
        ActorSpan { first: usize::MAX, last: usize::MAX, code: "CAN" },
    ];
    let ev = entente_relations::coding::code_with_topic(&s, &spans, Some(2), &lex, &cameo);
    let mut got: Vec<(usize, usize)> = ev.iter().map(|e| (e.source, e.target)).collect();
    got.sort();
    assert_eq!(got, vec![(2, 0), (2, 1)], "{ev:?}");
    // Without a topic, the two destinations are not each other's partners.
    assert!(code(&s, &spans[..2], &lex, &cameo).is_empty());
}

#[test]
fn trade_cut_or_banned_is_pressure_and_ties_gone_bad_a_rivalry() {
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         banned ban VERB 0 root
         wheat wheat NOUN 4 compound
         exports export NOUN 2 obj
         to to ADP 6 case
         Peru Peru PROPN 4 nmod
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "CHL"), (6, "PER")]), vec!["CHL>PER SANCTION sanctions actual"]);
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         has have VERB 0 root
         strained strained ADJ 4 amod
         ties tie NOUN 2 obj
         with with ADP 6 case
         Peru Peru PROPN 4 nmod
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "CHL"), (6, "PER")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains(" REJECT "), "{got:?}");
}

#[test]
fn a_copular_subject_and_the_possessor_of_the_noun_are_the_two_sides() {
    let s = parse(
        "Norway Norway PROPN 6 nsubj
         is be AUX 6 cop
         Chile Chile PROPN 6 nmod:poss
         's 's PART 3 case
         main main ADJ 6 amod
         supplier supplier NOUN 0 root
         of of ADP 8 case
         gas gas NOUN 6 nmod
         . . PUNCT 6 punct",
    );
    assert_eq!(show(&s, &[(1, "NOR"), (3, "CHL")]), vec!["NOR>CHL COOPERATE energy actual"]);
}

#[test]
fn deals_with_two_partners_and_no_agent_pair_nothing() {
    // "with A and B" names one side of each deal; the other side is left unsaid.
    let s = parse(
        "Officials official NOUN 2 nsubj
         failed fail VERB 0 root
         to to PART 4 mark
         reach reach VERB 2 xcomp
         trade trade NOUN 6 compound
         deals deal NOUN 4 obj
         with with ADP 8 case
         Chile Chile PROPN 6 nmod
         and and CCONJ 10 cc
         Peru Peru PROPN 8 conj
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(8, "CHL"), (10, "PER")]), Vec::<String>::new());
}

#[test]
fn an_infinitive_of_purpose_takes_the_matrix_subject() {
    // The parser may attach "to cooperate" to the verb (advcl) rather than to the noun: either
    // way its subject is the subject of the verb above, and a group of three pairs every way.
    let s = parse(
        "Chile Chile PROPN 6 nsubj
         , , PUNCT 3 punct
         Peru Peru PROPN 1 conj
         and and CCONJ 5 cc
         Bolivia Bolivia PROPN 1 conj
         renewed renew VERB 0 root
         their their PRON 8 nmod:poss
         pledge pledge NOUN 6 obj
         to to PART 10 mark
         cooperate cooperate VERB 6 advcl
         . . PUNCT 6 punct",
    );
    let got = show(&s, &[(1, "CHL"), (3, "PER"), (5, "BOL")]);
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn a_clause_on_a_noun_without_an_actor_climbs_to_the_verb_subject() {
    let s = parse(
        "Chile Chile PROPN 4 nsubj
         and and CCONJ 3 cc
         Peru Peru PROPN 1 conj
         renewed renew VERB 0 root
         their their PRON 6 nmod:poss
         pledge pledge NOUN 4 obj
         to to PART 8 mark
         cooperate cooperate VERB 6 acl
         . . PUNCT 4 punct",
    );
    let got = show(&s, &[(1, "CHL"), (3, "PER")]);
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn a_support_verb_leaves_the_event_to_its_noun() {
    // "reach a deal", "find common ground": the noun is the event; the verb's own dictionary
    // sense ("find" as discovering evidence) codes nothing.
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         found find VERB 0 root
         common common ADJ 4 amod
         ground ground NOUN 2 obj
         with with ADP 6 case
         Peru Peru PROPN 2 obl
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "CHL"), (6, "PER")]);
    assert!(!got.is_empty(), "{got:?}");
    assert!(got.iter().all(|g| g.contains("COOPERATE")), "{got:?}");
}

#[test]
fn the_goods_not_the_trade_verb_give_the_sector() {
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         imports import VERB 0 root
         half half NOUN 2 obj
         of of ADP 6 case
         its its PRON 6 nmod:poss
         gas gas NOUN 3 nmod
         from from ADP 8 case
         Bolivia Bolivia PROPN 2 obl
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (8, "BOL")]), vec!["BOL>PER COOPERATE energy actual"]);
}

#[test]
fn with_a_recipient_named_a_phrase_of_place_is_no_target() {
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         gave give VERB 0 root
         it it PRON 2 iobj
         a a DET 5 det
         foothold foothold NOUN 2 obj
         on on ADP 8 case
         Peru Peru PROPN 8 nmod:poss
         border border NOUN 2 obl
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "CHL"), (7, "PER")]), Vec::<String>::new());
}

#[test]
fn an_anti_prefix_names_the_adversary_not_a_party() {
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         expanded expand VERB 0 root
         its its PRON 5 nmod:poss
         anti-Peru anti-Peru ADJ 5 amod
         cooperation cooperation NOUN 2 obj
         with with ADP 7 case
         Bolivia Bolivia PROPN 5 nmod
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "CHL"), (4, "PER"), (7, "BOL")]);
    assert!(got.iter().all(|g| !g.starts_with("PER>") && !g.contains(">PER ")), "{got:?}");
    assert!(got.iter().any(|g| g.starts_with("CHL>BOL ")), "{got:?}");
}

#[test]
fn a_compound_adjective_of_two_actors_names_both() {
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         criticised criticise VERB 0 root
         the the DET 7 det
         Peruvian Peruvian ADJ 6 amod
         - - PUNCT 4 punct
         Bolivian Bolivian ADJ 7 amod
         pact pact NOUN 2 obj
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "CHL"), (4, "PER"), (6, "BOL")]);
    assert!(got.iter().any(|g| g.starts_with("CHL>PER ")), "{got:?}");
    assert!(got.iter().any(|g| g.starts_with("CHL>BOL ")), "{got:?}");
}

#[test]
fn a_demand_with_the_speaker_after_the_clause() {
    // "Korea must lower its tariffs on rice, Vietnam's trade minister said."
    let s = parse(
        "Korea Korea PROPN 3 nsubj
         must must AUX 3 aux
         lower lower VERB 0 root
         its its PRON 5 nmod:poss
         tariffs tariff NOUN 3 obj
         on on ADP 7 case
         rice rice NOUN 5 nmod
         , , PUNCT 13 punct
         Vietnam Vietnam PROPN 12 nmod:poss
         's 's PART 9 case
         trade trade NOUN 12 compound
         minister minister NOUN 13 nsubj
         said say VERB 3 parataxis
         . . PUNCT 3 punct",
    );
    let (ev, _) = events(&s, &[(1, "KOR"), (9, "VNM")]);
    let demand: Vec<&Event> = ev.iter().filter(|e| e.event_type == EventType::Request).collect();
    assert_eq!(demand.len(), 1, "{ev:?}");
    assert_eq!((demand[0].source, demand[0].target), (1, 0), "{ev:?}");
    assert_eq!(demand[0].source_path, "parataxis>nsubj>nmod:poss");
    assert!(demand[0].entry.contains("coding.rs:"), "{}", demand[0].entry);
    // The parser's other reading of the same words: "said" as `dep`.
    let s = parse(
        "Ghana Ghana PROPN 3 nsubj
         should should AUX 3 aux
         repay repay VERB 0 root
         its its PRON 5 nmod:poss
         loans loan NOUN 3 obj
         , , PUNCT 10 punct
         the the DET 9 det
         Togolese togolese ADJ 9 amod
         government government NOUN 10 nsubj
         added add VERB 3 dep
         . . PUNCT 3 punct",
    );
    let (ev, _) = events(&s, &[(1, "GHA"), (8, "TGO")]);
    assert!(ev.iter().any(|e| e.event_type == EventType::Request && (e.source, e.target) == (1, 0)), "{ev:?}");
}

#[test]
fn a_clause_with_the_speaker_after_it_and_no_obligation_is_no_demand() {
    // "Korea lowered its tariffs on rice, Vietnam's trade minister said."
    let s = parse(
        "Korea Korea PROPN 2 nsubj
         lowered lower VERB 0 root
         its its PRON 4 nmod:poss
         tariffs tariff NOUN 2 obj
         on on ADP 6 case
         rice rice NOUN 4 nmod
         , , PUNCT 12 punct
         Vietnam Vietnam PROPN 11 nmod:poss
         's 's PART 8 case
         trade trade NOUN 11 compound
         minister minister NOUN 12 nsubj
         said say VERB 2 parataxis
         . . PUNCT 2 punct",
    );
    let (ev, _) = events(&s, &[(1, "KOR"), (8, "VNM")]);
    assert!(ev.iter().all(|e| e.event_type != EventType::Request), "{ev:?}");
    // "Korea should not lower its tariffs, Vietnam said": a negated obligation asks nothing.
    let s = parse(
        "Korea Korea PROPN 4 nsubj
         should should AUX 4 aux
         not not PART 4 advmod
         lower lower VERB 0 root
         its its PRON 6 nmod:poss
         tariffs tariff NOUN 4 obj
         , , PUNCT 9 punct
         Vietnam Vietnam PROPN 9 nsubj
         said say VERB 4 parataxis
         . . PUNCT 4 punct",
    );
    let (ev, _) = events(&s, &[(1, "KOR"), (8, "VNM")]);
    assert!(ev.iter().all(|e| e.event_type != EventType::Request), "{ev:?}");
}

#[test]
fn a_noun_stands_for_the_actors_it_lists_as_examples() {
    // "Brazil criticised countries such as Chile and Peru."
    let s = parse(
        "Brazil Brazil PROPN 2 nsubj
         criticised criticise VERB 0 root
         countries country NOUN 2 obj
         such such ADJ 6 case
         as as ADP 4 fixed
         Chile Chile PROPN 3 nmod
         and and CCONJ 8 cc
         Peru Peru PROPN 6 conj
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "BRA"), (6, "CHL"), (8, "PER")]);
    // Criticism is ACCUSE (disapprove) in the PLOVER codebook.
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with("BRA>CHL ACCUSE") && got[1].starts_with("BRA>PER ACCUSE"), "{got:?}");
    // "several states, including Ghana, signed an accord with Mali"
    let s = parse(
        "Several several ADJ 2 amod
         states state NOUN 7 nsubj
         , , PUNCT 5 punct
         including include VERB 5 case
         Ghana Ghana PROPN 2 nmod
         , , PUNCT 5 punct
         signed sign VERB 0 root
         an a DET 9 det
         accord accord NOUN 7 obj
         with with ADP 11 case
         Mali Mali PROPN 7 obl
         . . PUNCT 7 punct",
    );
    let got = show(&s, &[(5, "GHA"), (11, "MLI")]);
    assert_eq!(got, vec!["GHA>MLI AGREE diplomacy actual"], "{got:?}");
}

#[test]
fn a_noun_without_examples_names_no_actor_from_another_phrase() {
    // "Brazil criticised countries near Chile": a place is no example of the countries.
    let s = parse(
        "Brazil Brazil PROPN 2 nsubj
         criticised criticise VERB 0 root
         countries country NOUN 2 obj
         near near ADP 5 case
         Chile Chile PROPN 3 nmod
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "BRA"), (5, "CHL")]), Vec::<String>::new());
}

#[test]
fn authorities_in_a_place_act_for_its_state() {
    // "Regulators in Oslo fined a Danish bank."
    let s = parse(
        "Regulators regulator NOUN 4 nsubj
         in in ADP 3 case
         Oslo Oslo PROPN 1 nmod
         fined fine VERB 0 root
         a a DET 7 det
         Danish danish ADJ 7 amod
         bank bank NOUN 4 obj
         . . PUNCT 4 punct",
    );
    one(&s, &[(3, "NOR"), (6, "DNK")], "NOR>DNK COERCE sanctions");
    // "A court in Lima ordered the arrest of two Bolivian officials." (passive agent reading)
    let s = parse(
        "Two two NUM 3 nummod
         Bolivian bolivian ADJ 3 amod
         officials official NOUN 5 nsubj:pass
         were be AUX 5 aux:pass
         arrested arrest VERB 0 root
         by by ADP 8 case
         a a DET 8 det
         court court NOUN 5 obl:agent
         in in ADP 10 case
         Lima Lima PROPN 8 nmod
         . . PUNCT 5 punct",
    );
    one(&s, &[(2, "BOL"), (10, "PER")], "PER>BOL COERCE security");
}

#[test]
fn people_in_a_place_are_not_its_authorities() {
    // "Diplomats in Oslo fined a Danish bank": diplomats in a capital are often foreign.
    let s = parse(
        "Diplomats diplomat NOUN 4 nsubj
         in in ADP 3 case
         Oslo Oslo PROPN 1 nmod
         fined fine VERB 0 root
         a a DET 7 det
         Danish danish ADJ 7 amod
         bank bank NOUN 4 obj
         . . PUNCT 4 punct",
    );
    assert_eq!(show(&s, &[(3, "NOR"), (6, "DNK")]), Vec::<String>::new());
}

#[test]
fn a_from_phrase_hung_on_a_time_belongs_to_the_verb() {
    // "Egypt imported wheat in the first quarter from Ukraine."
    let s = parse(
        "Egypt Egypt PROPN 2 nsubj
         imported import VERB 0 root
         wheat wheat NOUN 2 obj
         in in ADP 7 case
         the the DET 7 det
         first first ADJ 7 amod
         quarter quarter NOUN 2 obl
         from from ADP 9 case
         Ukraine Ukraine PROPN 7 nmod
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "EGY"), (9, "UKR")], "UKR>EGY ");
    assert_eq!(show(&s, &[(1, "EGY"), (9, "UKR")]).len(), 1);
    // "Chile shipped copper last month to China."
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         shipped ship VERB 0 root
         copper copper NOUN 2 obj
         last last ADJ 5 amod
         month month NOUN 2 obl:tmod
         to to ADP 7 case
         China China PROPN 5 nmod
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "CHL"), (7, "CHN")], "CHL>CHN ");
}

#[test]
fn a_phrase_on_a_noun_that_is_no_time_stays_with_that_noun() {
    // "Egypt imported wheat in the ships from Ukraine": the ships come from Ukraine, the parse
    // says, and a ship is no span of time.
    let s = parse(
        "Egypt Egypt PROPN 2 nsubj
         imported import VERB 0 root
         wheat wheat NOUN 2 obj
         in in ADP 6 case
         the the DET 6 det
         ships ship NOUN 2 obl
         from from ADP 8 case
         Ukraine Ukraine PROPN 6 nmod
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "EGY"), (8, "UKR")]), Vec::<String>::new());
}

#[test]
fn opposing_a_deal_is_against_its_partner_and_no_part_in_it() {
    // "Ireland and France opposed the accord with Chile."
    let s = parse(
        "Ireland Ireland PROPN 4 nsubj
         and and CCONJ 3 cc
         France France PROPN 1 conj
         opposed oppose VERB 0 root
         the the DET 6 det
         accord accord NOUN 4 obj
         with with ADP 8 case
         Chile Chile PROPN 6 nmod
         . . PUNCT 4 punct",
    );
    let got = show(&s, &[(1, "IRL"), (3, "FRA"), (8, "CHL")]);
    assert!(got.iter().all(|g| !g.contains("AGREE")), "{got:?}");
    assert!(!got.iter().any(|g| g.starts_with("IRL>FRA") || g.starts_with("FRA>IRL")), "{got:?}");
    let against: Vec<&String> = got.iter().filter(|g| g.starts_with("IRL>CHL") || g.starts_with("FRA>CHL")).collect();
    assert_eq!(against.len(), 2, "{got:?}");
    // "Ireland continued to oppose the deal": the control chain lends nothing to the deal.
    let s = parse(
        "Ireland Ireland PROPN 2 nsubj
         continued continue VERB 0 root
         to to PART 4 mark
         oppose oppose VERB 2 xcomp
         the the DET 6 det
         deal deal NOUN 4 obj
         with with ADP 8 case
         Chile Chile PROPN 6 nmod
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "IRL"), (8, "CHL")]);
    assert!(got.iter().all(|g| !g.contains("AGREE")), "{got:?}");
}

#[test]
fn signing_a_deal_still_makes_the_signer_a_party() {
    // "Ireland signed the deal with Chile": a support verb, the signer is a party.
    let s = parse(
        "Ireland Ireland PROPN 2 nsubj
         signed sign VERB 0 root
         the the DET 4 det
         deal deal NOUN 2 obj
         with with ADP 6 case
         Chile Chile PROPN 4 nmod
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "IRL"), (6, "CHL")], "IRL>CHL AGREE");
}

#[test]
fn a_pro_prefix_names_a_side_not_the_state() {
    // "Pro-Serbia militias attacked Kosovo police": the militias are not Serbia.
    let s = parse(
        "Pro-Serbia Pro-Serbia PROPN 2 compound
         militias militia NOUN 3 nsubj
         attacked attack VERB 0 root
         Kosovo Kosovo PROPN 5 compound
         police police NOUN 3 obj
         . . PUNCT 3 punct",
    );
    assert_eq!(show(&s, &[(1, "SRB"), (4, "XKX")]), Vec::<String>::new());
    // Without the prefix the adjective does name the state.
    let s = parse(
        "Serbian serbian ADJ 2 amod
         militias militia NOUN 3 nsubj
         attacked attack VERB 0 root
         Kosovo Kosovo PROPN 5 compound
         police police NOUN 3 obj
         . . PUNCT 3 punct",
    );
    one(&s, &[(1, "SRB"), (4, "XKX")], "SRB>XKX ASSAULT");
}

#[test]
fn a_phrase_of_direction_on_the_object_belongs_to_the_verb() {
    // "Peru agreed to buy six jets from Israel." with "from Israel" on the jets.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         agreed agree VERB 0 root
         to to PART 4 mark
         buy buy VERB 2 xcomp
         six six NUM 6 nummod
         jets jet NOUN 4 obj
         from from ADP 8 case
         Israel Israel PROPN 6 nmod
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "PER"), (8, "ISR")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("ISR>PER ") && got[0].ends_with(" planned"), "{got:?}");
    // "Vietnam sold 900 tonnes of rice to Ghana and 700 tonnes to Mali": the first "to" on the
    // rice, the second on the coordinated quantity.
    let s = parse(
        "Vietnam Vietnam PROPN 2 nsubj
         sold sell VERB 0 root
         900 900 NUM 4 nummod
         tonnes tonne NOUN 2 obj
         of of ADP 6 case
         rice rice NOUN 4 nmod
         to to ADP 8 case
         Ghana Ghana PROPN 6 nmod
         and and CCONJ 11 cc
         700 700 NUM 11 nummod
         tonnes tonne NOUN 4 conj
         to to ADP 13 case
         Mali Mali PROPN 11 nmod
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "VNM"), (8, "GHA"), (13, "MLI")]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with("VNM>GHA ") && got[1].starts_with("VNM>MLI "), "{got:?}");
    // "Norway's sale of frigates to Chile": on the noun's "of" phrase.
    let s = parse(
        "Norway Norway PROPN 3 nmod:poss
         's 's PART 1 case
         sale sale NOUN 6 nsubj:pass
         of of ADP 5 case
         frigates frigate NOUN 3 nmod
         to to ADP 7 case
         Chile Chile PROPN 5 nmod
         was be AUX 8 aux:pass
         approved approve VERB 0 root
         . . PUNCT 8 punct",
    );
    let got = show(&s, &[(1, "NOR"), (7, "CHL")]);
    assert!(got.iter().any(|g| g.starts_with("NOR>CHL ") && g.contains(" arms ")), "{got:?}");
}

#[test]
fn a_place_on_the_object_is_no_direction() {
    // "Peru bought six jets in Israel": a place of purchase names no seller.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         bought buy VERB 0 root
         six six NUM 4 nummod
         jets jet NOUN 2 obj
         in in ADP 6 case
         Israel Israel PROPN 4 nmod
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (6, "ISR")]), Vec::<String>::new());
}

#[test]
fn a_hostile_noun_takes_its_target_from_the_verb_that_carries_it() {
    // "Kenya imposed sanctions on Sudan over the elections."
    let s = parse(
        "Kenya Kenya PROPN 2 nsubj
         imposed impose VERB 0 root
         sanctions sanction NOUN 2 obj
         on on ADP 5 case
         Sudan Sudan PROPN 2 obl
         over over ADP 8 case
         the the DET 8 det
         elections election NOUN 2 obl
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "KEN"), (5, "SDN")], "KEN>SDN SANCTION sanctions");
    // "Armenia carried out strikes against Azerbaijan."
    let s = parse(
        "Armenia Armenia PROPN 2 nsubj
         carried carry VERB 0 root
         out out ADP 2 compound:prt
         strikes strike NOUN 2 obj
         against against ADP 6 case
         Azerbaijan Azerbaijan PROPN 2 obl
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "ARM"), (6, "AZE")]);
    assert!(got.iter().any(|g| g.starts_with("ARM>AZE ASSAULT")), "{got:?}");
}

#[test]
fn a_friendly_noun_does_not_take_the_topic_of_its_verb_as_a_party() {
    // "Kenya reached an accord on Sudan with Uganda": Sudan is what the accord is about.
    let s = parse(
        "Kenya Kenya PROPN 2 nsubj
         reached reach VERB 0 root
         an a DET 4 det
         accord accord NOUN 2 obj
         on on ADP 6 case
         Sudan Sudan PROPN 2 obl
         with with ADP 8 case
         Uganda Uganda PROPN 2 obl
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "KEN"), (6, "SDN"), (8, "UGA")]);
    assert!(got.iter().any(|g| g.starts_with("KEN>UGA AGREE")), "{got:?}");
    assert!(!got.iter().any(|g| g.contains("SDN")), "{got:?}");
}

#[test]
fn the_of_actor_of_an_event_noun_with_a_destination_is_its_agent() {
    // "The visit of the Kenyan president to Ghana ended."
    let s = parse(
        "The the DET 2 det
         visit visit NOUN 9 nsubj
         of of ADP 6 case
         the the DET 6 det
         Kenyan kenyan ADJ 6 amod
         president president NOUN 2 nmod
         to to ADP 8 case
         Ghana Ghana PROPN 2 nmod
         ended end VERB 0 root
         . . PUNCT 9 punct",
    );
    one(&s, &[(5, "KEN"), (8, "GHA")], "KEN>GHA ");
    // "the invasion of Chad by Libya": the agent named by "by", "of" stays the target.
    let s = parse(
        "The the DET 2 det
         invasion invasion NOUN 7 nsubj
         of of ADP 4 case
         Chad Chad PROPN 2 nmod
         by by ADP 6 case
         Libya Libya PROPN 2 nmod
         failed fail VERB 0 root
         . . PUNCT 7 punct",
    );
    one(&s, &[(4, "TCD"), (6, "LBY")], "LBY>TCD ASSAULT");
}

#[test]
fn coercion_other_than_arrest_or_restriction_stays_military() {
    // "Kenya compelled Somali officials" is CAMEO 170 with no mode: military, as before.
    let s = parse(
        "Kenya Kenya PROPN 2 nsubj
         compelled compel VERB 0 root
         Somali somali ADJ 4 amod
         officials official NOUN 2 obj
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "KEN"), (3, "SOM")], "KEN>SOM COERCE military");
}

#[test]
fn two_actors_named_one_on_the_other_before_an_event_noun_are_its_parties() {
    // "The Kenyan-Ugandan accord on rail will be signed in May."
    let s = parse(
        "The the DET 5 det
         Kenyan kenyan ADJ 4 amod
         - - PUNCT 2 punct
         Ugandan ugandan ADJ 5 amod
         accord accord NOUN 10 nsubj:pass
         on on ADP 7 case
         rail rail NOUN 5 nmod
         will will AUX 10 aux
         be be AUX 10 aux:pass
         signed sign VERB 0 root
         in in ADP 12 case
         May May PROPN 10 obl
         . . PUNCT 10 punct",
    );
    one(&s, &[(2, "KEN"), (4, "UGA")], "KEN>UGA AGREE");
    // "The Chile-Peru summit ended without a deal."
    let s = parse(
        "The the DET 5 det
         Chile Chile PROPN 4 compound
         - - PUNCT 2 punct
         Peru Peru PROPN 5 compound
         summit summit NOUN 6 nsubj
         ended end VERB 0 root
         without without ADP 9 case
         a a DET 9 det
         deal deal NOUN 6 obl
         . . PUNCT 6 punct",
    );
    one(&s, &[(2, "CHL"), (4, "PER")], "CHL>PER CONSULT");
}

#[test]
fn one_actor_modifying_a_noun_of_another_kind_is_no_pair() {
    // "The Kenyan rail accord pleased Ugandan farmers": the accord has one party only (the
    // compound "rail" names none), and pleasing is no event.
    let s = parse(
        "The the DET 4 det
         Kenyan kenyan ADJ 4 amod
         rail rail NOUN 4 compound
         accord accord NOUN 5 nsubj
         pleased please VERB 0 root
         Ugandan ugandan ADJ 7 amod
         farmers farmer NOUN 5 obj
         . . PUNCT 5 punct",
    );
    assert_eq!(show(&s, &[(2, "KEN"), (6, "UGA")]), Vec::<String>::new());
}

#[test]
fn a_verb_read_as_an_adjective_with_a_subject_of_its_own_heads_its_clause() {
    // "Armenian forces shelled Azerbaijani positions." as the shipped parser reads it: "shelled"
    // an `amod` of "positions", the root, with "forces" as its subject.
    let s = parse(
        "Armenian armenian ADJ 2 amod
         forces force NOUN 3 nsubj
         shelled shell VERB 5 amod
         Azerbaijani azerbaijani ADJ 5 amod
         positions position NOUN 0 root
         . . PUNCT 5 punct",
    );
    one(&s, &[(1, "ARM"), (4, "AZE")], "ARM>AZE ASSAULT");
    // "Kenyan troops engaged Somali militants in a firefight, officials said.", the same error
    // under a verb of saying.
    let s = parse(
        "Kenyan kenyan ADJ 2 amod
         troops troop NOUN 3 nsubj
         engaged engage VERB 5 amod
         Somali somali ADJ 5 amod
         militants militant NOUN 12 nsubj
         in in ADP 8 case
         a a DET 8 det
         firefight firefight NOUN 5 nmod
         , , PUNCT 12 punct
         officials official NOUN 12 nsubj
         said say VERB 0 root
         . . PUNCT 12 punct",
    );
    let got = show(&s, &[(1, "KEN"), (4, "SOM")]);
    assert!(got.iter().any(|g| g.starts_with("KEN>SOM ASSAULT")), "{got:?}");
}

#[test]
fn a_participle_without_a_subject_stays_an_adjective() {
    // "Azerbaijani forces photographed the shelled Armenian positions": no subject under
    // "shelled", so it modifies the noun, and photographing is no event.
    let s = parse(
        "Azerbaijani azerbaijani ADJ 2 amod
         forces force NOUN 3 nsubj
         photographed photograph VERB 0 root
         the the DET 7 det
         shelled shell VERB 7 amod
         Armenian armenian ADJ 7 amod
         positions position NOUN 3 obj
         . . PUNCT 3 punct",
    );
    assert_eq!(show(&s, &[(1, "AZE"), (6, "ARM")]), Vec::<String>::new());
}

#[test]
fn the_subject_of_a_verb_of_receiving_is_the_target() {
    // "Ukraine received 40 tanks from Poland."
    let s = parse(
        "Ukraine Ukraine PROPN 2 nsubj
         received receive VERB 0 root
         40 40 NUM 4 nummod
         tanks tank NOUN 2 obj
         from from ADP 6 case
         Poland Poland PROPN 4 nmod
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "UKR"), (6, "POL")]);
    assert!(!got.is_empty() && got.iter().all(|g| g.starts_with("POL>UKR ")), "{got:?}");
    // "Kenya obtained a loan from China": the loan is China's to Kenya.
    let s = parse(
        "Kenya Kenya PROPN 2 nsubj
         obtained obtain VERB 0 root
         a a DET 4 det
         loan loan NOUN 2 obj
         from from ADP 6 case
         China China PROPN 2 obl
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "KEN"), (6, "CHN")]);
    assert!(!got.is_empty() && got.iter().all(|g| g.starts_with("CHN>KEN ")), "{got:?}");
}

#[test]
fn a_verb_of_giving_keeps_its_subject_as_the_source() {
    // "Poland gave 40 tanks to Ukraine": no verb of receiving, the giver is the source.
    let s = parse(
        "Poland Poland PROPN 2 nsubj
         gave give VERB 0 root
         40 40 NUM 4 nummod
         tanks tank NOUN 2 obj
         to to ADP 6 case
         Ukraine Ukraine PROPN 2 obl
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "POL"), (6, "UKR")]);
    assert!(!got.is_empty() && got.iter().all(|g| g.starts_with("POL>UKR ")), "{got:?}");
}

#[test]
fn a_group_that_meets_at_a_venue_meets_among_itself() {
    // "Chad and Niger met in Abuja."
    let s = parse(
        "Chad Chad PROPN 4 nsubj
         and and CCONJ 3 cc
         Niger Niger PROPN 1 conj
         met meet VERB 0 root
         in in ADP 6 case
         Abuja Abuja PROPN 4 obl
         . . PUNCT 4 punct",
    );
    let got = show(&s, &[(1, "TCD"), (3, "NER"), (6, "NGA")]);
    assert!(got.iter().any(|g| g.starts_with("TCD>NER CONSULT")), "{got:?}");
    // "Chad met Niger's president in Abuja": one side met the other; no pair of one group.
    let s = parse(
        "Chad Chad PROPN 2 nsubj
         met meet VERB 0 root
         Niger Niger PROPN 5 nmod:poss
         's 's PART 3 case
         president president NOUN 2 obj
         in in ADP 7 case
         Abuja Abuja PROPN 2 obl
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "TCD"), (3, "NER"), (7, "NGA")]);
    assert!(got.iter().any(|g| g.starts_with("TCD>NER CONSULT")), "{got:?}");
    assert!(!got.iter().any(|g| g.starts_with("NER>NGA") || g.starts_with("NGA>NER")), "{got:?}");
}

#[test]
fn a_verb_of_mutual_conflict_pairs_its_coordinated_subject() {
    // "Chinese and Indian troops clashed on the border."
    let s = parse(
        "Chinese chinese ADJ 4 amod
         and and CCONJ 3 cc
         Indian indian ADJ 1 conj
         troops troop NOUN 5 nsubj
         clashed clash VERB 0 root
         on on ADP 8 case
         the the DET 8 det
         border border NOUN 5 obl
         . . PUNCT 5 punct",
    );
    one(&s, &[(1, "CHN"), (3, "IND")], "CHN>IND ASSAULT");
    // "Chinese and Indian troops attacked on Monday": no mutual verb, the target unsaid.
    let s = parse(
        "Chinese chinese ADJ 4 amod
         and and CCONJ 3 cc
         Indian indian ADJ 1 conj
         troops troop NOUN 5 nsubj
         attacked attack VERB 0 root
         on on ADP 7 case
         Monday Monday PROPN 5 obl
         . . PUNCT 5 punct",
    );
    assert_eq!(show(&s, &[(1, "CHN"), (3, "IND")]), Vec::<String>::new());
}

#[test]
fn due_to_before_a_verb_is_scheduled_to_not_the_preposition() {
    // The parser's error: "meet" read as the `case` of the noun after it, "to" fixed to "due".
    let s = parse(
        "Chile's Chile's PROPN 2 nmod:poss
         envoy envoy NOUN 4 nsubj
         was be AUX 4 cop
         due due ADJ 0 root
         to to PART 4 fixed
         meet meet VERB 8 case
         Peruvian peruvian ADJ 8 amod
         officials official NOUN 4 obl
         . . PUNCT 4 punct",
    );
    one(&s, &[(1, "CHL"), (7, "PER")], "CHL>PER CONSULT diplomacy planned");
    // ... or as a `dep` of "due".
    let s = parse(
        "Chile Chile PROPN 3 nsubj
         is be AUX 3 cop
         due due ADJ 0 root
         to to PART 3 fixed
         visit visit VERB 3 dep
         Peru Peru PROPN 5 obj
         . . PUNCT 3 punct",
    );
    one(&s, &[(1, "CHL"), (6, "PER")], "CHL>PER CONSULT diplomacy planned");
    // "due to" before a noun is the preposition: a cause, no event.
    let s = parse(
        "Talks talk NOUN 3 nsubj
         were be AUX 3 aux:pass
         delayed delay VERB 0 root
         due due ADJ 7 case
         to to ADP 4 fixed
         Chilean chilean ADJ 7 amod
         protests protest NOUN 3 obl
         . . PUNCT 3 punct",
    );
    assert!(show(&s, &[(6, "CHL")]).is_empty());
}

/// UD gives `obl:agent` only to a passive: on an active verb with an object, a "by" phrase the
/// parser made the verb's agent is the object's ("rejected a plan by Y").
#[test]
fn a_by_phrase_after_the_object_of_an_active_verb_is_the_objects() {
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         rejected reject VERB 0 root
         a a DET 4 det
         plan plan NOUN 2 obj
         by by ADP 6 case
         Peru Peru PROPN 2 obl:agent
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "CHL"), (6, "PER")], "CHL>PER REJECT");
}

/// Whether the sentence codes an event that contains `part` ("SRC>TGT TYPE sector").
fn has(s: &Sentence, actors: &[(usize, &'static str)], part: &str) -> bool {
    show(s, actors).iter().any(|e| e.contains(part))
}

#[test]
fn a_noun_of_mutual_conflict_pairs_the_group_that_risks_it() {
    // "Peru and Chile risked armed confrontation."
    let s = parse(
        "Peru Peru PROPN 4 nsubj
         and and CCONJ 3 cc
         Chile Chile PROPN 1 conj
         risked risk VERB 0 root
         armed armed ADJ 6 amod
         confrontation confrontation NOUN 4 obj
         . . PUNCT 4 punct",
    );
    one(&s, &[(1, "PER"), (3, "CHL")], "PER>CHL ASSAULT military");
    // "Peru and Chile backed the accusation": a hostile noun that is not mutual names no sides.
    let s = parse(
        "Peru Peru PROPN 4 nsubj
         and and CCONJ 3 cc
         Chile Chile PROPN 1 conj
         backed back VERB 0 root
         the the DET 6 det
         accusation accusation NOUN 4 obj
         . . PUNCT 4 punct",
    );
    assert!(!has(&s, &[(1, "PER"), (3, "CHL")], "ACCUSE"));
}

#[test]
fn whom_the_object_of_a_concession_is_for_is_the_target() {
    // "Italy withdrew its objections to new quotas for Chile."
    let s = parse(
        "Italy Italy PROPN 2 nsubj
         withdrew withdraw VERB 0 root
         its its PRON 4 nmod:poss
         objections objection NOUN 2 obj
         to to ADP 7 case
         new new ADJ 7 amod
         quotas quota NOUN 4 nmod
         for for ADP 9 case
         Chile Chile PROPN 7 nmod
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "ITA"), (9, "CHL")], "ITA>CHL CONCEDE");
    // "Italy lowered tariffs on imports from Chile."
    let s = parse(
        "Italy Italy PROPN 2 nsubj
         lowered lower VERB 0 root
         tariffs tariff NOUN 2 obj
         on on ADP 5 case
         imports import NOUN 3 nmod
         from from ADP 7 case
         Chile Chile PROPN 5 nmod
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "ITA"), (7, "CHL")], "ITA>CHL CONCEDE trade");
}

#[test]
fn a_possessive_pronoun_in_a_reported_clause_is_the_speaker() {
    // "Peru said its exports to Chile rose."
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         said say VERB 0 root
         its its PRON 4 nmod:poss
         exports export NOUN 7 nsubj
         to to ADP 6 case
         Chile Chile PROPN 4 nmod
         rose rise VERB 2 ccomp
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "PER"), (6, "CHL")], "PER>CHL COOPERATE trade");
    // "Bolivian claims that its sales to Chile were hurt": the claim's holder.
    let s = parse(
        "Bolivian bolivian ADJ 2 amod
         claims claim NOUN 0 root
         that that SCONJ 9 mark
         its its PRON 5 nmod:poss
         sales sale NOUN 9 nsubj:pass
         to to ADP 7 case
         Chile Chile PROPN 5 nmod
         were be AUX 9 aux:pass
         hurt hurt VERB 2 acl
         . . PUNCT 2 punct",
    );
    assert!(has(&s, &[(1, "BOL"), (7, "CHL")], "BOL>CHL COOPERATE trade"));
    // "Peru said Chile should cut its exports to Bolivia": "its" is Chile's, named between.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         said say VERB 0 root
         Chile Chile PROPN 5 nsubj
         should should AUX 5 aux
         cut cut VERB 2 ccomp
         its its PRON 7 nmod:poss
         exports export NOUN 5 obj
         to to ADP 9 case
         Bolivia Bolivia PROPN 7 nmod
         . . PUNCT 2 punct",
    );
    assert!(!has(&s, &[(1, "PER"), (3, "CHL"), (9, "BOL")], "PER>BOL"));
}

#[test]
fn a_that_clause_right_after_a_complaint_is_its_content_wherever_the_parse_hangs_it() {
    // "The panel will examine a Peruvian complaint that a Chilean tax was unfair", the parser
    // making the clause a relative clause of "panel".
    let s = parse(
        "The the DET 2 det
         panel panel NOUN 4 nsubj
         will will AUX 4 aux
         examine examine VERB 0 root
         a a DET 7 det
         Peruvian peruvian ADJ 7 amod
         complaint complaint NOUN 4 obj
         that that SCONJ 13 mark
         a a DET 11 det
         Chilean chilean ADJ 11 amod
         tax tax NOUN 13 nsubj
         was be AUX 13 cop
         unfair unfair ADJ 2 acl:relcl
         . . PUNCT 4 punct",
    );
    one(&s, &[(6, "PER"), (10, "CHL")], "PER>CHL ACCUSE");
    // "a complaint that Peru filed": "that" a relative pronoun, no content clause.
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         examined examine VERB 0 root
         a a DET 4 det
         complaint complaint NOUN 2 obj
         that that PRON 7 obj
         Peru Peru PROPN 7 nsubj
         filed file VERB 4 acl:relcl
         . . PUNCT 2 punct",
    );
    assert!(!has(&s, &[(1, "CHL"), (6, "PER")], "PER>CHL ACCUSE"));
}

#[test]
fn a_verb_of_judgment_coordinated_into_a_reported_clause_about_a_thing_is_the_speakers() {
    // "Peru said the accord imposes costs on Chile and praised Chile's patience", the parser
    // coordinating "praised" with "imposes".
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         said say VERB 0 root
         the the DET 4 det
         accord accord NOUN 5 nsubj
         imposes impose VERB 2 ccomp
         costs cost NOUN 5 obj
         on on ADP 8 case
         Chile Chile PROPN 6 nmod
         and and CCONJ 10 cc
         praised praise VERB 5 conj
         Chile Chile PROPN 13 nmod:poss
         's 's PART 11 case
         patience patience NOUN 10 obj
         . . PUNCT 2 punct",
    );
    assert!(has(&s, &[(1, "PER"), (8, "CHL"), (11, "CHL")], "PER>CHL SUPPORT"));
    // "Peru said the envoy met officials and praised Chile's patience": a person can praise.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         said say VERB 0 root
         the the DET 4 det
         envoy envoy NOUN 5 nsubj
         met meet VERB 2 ccomp
         officials official NOUN 5 obj
         and and CCONJ 8 cc
         praised praise VERB 5 conj
         Chile Chile PROPN 11 nmod:poss
         's 's PART 9 case
         patience patience NOUN 8 obj
         . . PUNCT 2 punct",
    );
    assert!(!has(&s, &[(1, "PER"), (9, "CHL")], "PER>CHL SUPPORT"));
}

#[test]
fn aid_is_in_the_sector_of_what_it_is_for() {
    // "Peru gave technological assistance to Chile to build an irrigation network."
    let rows = |kind: &str| {
        format!(
            "Peru Peru PROPN 2 nsubj
             gave give VERB 0 root
             {kind} {kind} ADJ 4 amod
             assistance assistance NOUN 2 obj
             to to ADP 6 case
             Chile Chile PROPN 4 nmod
             to to PART 8 mark
             build build VERB 2 advcl
             an a DET 11 det
             irrigation irrigation NOUN 11 compound
             network network NOUN 8 obj
             . . PUNCT 2 punct"
        )
    };
    let got = show(&parse(&rows("technological")), &[(1, "PER"), (6, "CHL")]);
    assert!(got.iter().any(|e| e.starts_with("PER>CHL AID agriculture")), "{got:?}");
    // A strong word of the aid's own stays: military aid to build a network is military.
    let got = show(&parse(&rows("military")), &[(1, "PER"), (6, "CHL")]);
    assert!(got.iter().any(|e| e.starts_with("PER>CHL AID military")), "{got:?}");
}

#[test]
fn a_reported_clause_read_as_the_object_and_a_conjunct_of_said_is_mended() {
    // "Peru said other states, such as Chile and Bolivia, needed to cut their tariffs", the
    // parser making "states" the object of "said" and "needed" its conjunct.
    let rows = |cc: &str| {
        format!(
            "Peru Peru PROPN 2 nsubj
             said say VERB 0 root
             other other ADJ 4 amod
             states state NOUN 2 obj
             , , PUNCT 8 punct
             such such ADJ 8 case
             as as ADP 6 fixed
             Chile Chile PROPN 4 nmod
             and and CCONJ 10 cc
             Bolivia Bolivia PROPN 8 conj
             {cc} {cc} {} 12 {}
             needed need VERB 2 conj
             to to PART 14 mark
             cut cut VERB 12 xcomp
             their their PRON 16 nmod:poss
             tariffs tariff NOUN 14 obj
             . . PUNCT 2 punct",
            if cc == "," { "PUNCT" } else { "CCONJ" },
            if cc == "," { "punct" } else { "cc" },
        )
    };
    let actors = [(1, "PER"), (8, "CHL"), (10, "BOL")];
    let s = parse(&rows(","));
    assert!(has(&s, &actors, "PER>CHL REQUEST") && has(&s, &actors, "PER>BOL REQUEST"), "{:?}", show(&s, &actors));
    // With "and" before it the conjunct is the speaker's own second verb: no demand.
    assert!(!has(&parse(&rows("and")), &actors, "REQUEST"));
}

#[test]
fn a_speaker_after_the_clause_read_as_a_conjunct_is_mended() {
    // "Chile must open its markets, the Peruvian government said", the parser making
    // "government" a conjunct of "open" and "said" a dependent with no subject.
    let s = parse(
        "Chile Chile PROPN 3 nsubj
         must must AUX 3 aux
         open open VERB 0 root
         its its PRON 5 nmod:poss
         markets market NOUN 3 obj
         , , PUNCT 9 punct
         the the DET 9 det
         Peruvian peruvian ADJ 9 amod
         government government NOUN 3 conj
         said say VERB 3 dep
         . . PUNCT 3 punct",
    );
    one(&s, &[(1, "CHL"), (8, "PER")], "PER>CHL REQUEST");
}

#[test]
fn a_demand_is_in_the_sector_of_what_the_act_demanded_is_for() {
    // "Peru said Chile should take steps to cut its budget deficit."
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         said say VERB 0 root
         Chile Chile PROPN 5 nsubj
         should should AUX 5 aux
         take take VERB 2 ccomp
         steps step NOUN 5 obj
         to to PART 8 mark
         cut cut VERB 5 advcl
         its its PRON 11 nmod:poss
         budget budget NOUN 11 compound
         deficit deficit NOUN 8 obj
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "PER"), (3, "CHL")], "PER>CHL REQUEST economy actual");
}

#[test]
fn force_at_a_border_is_against_the_state_across_it_and_a_gift_there_is_no_side() {
    // "Peru massed troops along its border with Chile."
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         massed mass VERB 0 root
         troops troops NOUN 2 obj
         along along ADP 6 case
         its its PRON 6 nmod:poss
         border border NOUN 2 obl
         with with ADP 8 case
         Chile Chile PROPN 6 nmod
         . . PUNCT 2 punct",
    );
    assert!(
        has(&s, &[(1, "PER"), (8, "CHL")], "PER>CHL MOBILIZE military"),
        "{:?}",
        show(&s, &[(1, "PER"), (8, "CHL")])
    );
    // "Peru offered help on Chile's border": a place, not a side.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         offered offer VERB 0 root
         help help NOUN 2 obj
         on on ADP 7 case
         Chile Chile PROPN 7 nmod:poss
         's 's PART 5 case
         border border NOUN 2 obl
         . . PUNCT 2 punct",
    );
    assert!(show(&s, &[(1, "PER"), (5, "CHL")]).is_empty());
}

#[test]
fn a_hostile_act_on_a_thing_in_a_state_is_on_that_state() {
    // "Peru launched air strikes on rebel camps in Chile."
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         launched launch VERB 0 root
         air air NOUN 4 compound
         strikes strike NOUN 2 obj
         on on ADP 7 case
         rebel rebel NOUN 7 compound
         camps camp NOUN 4 nmod
         in in ADP 9 case
         Chile Chile PROPN 7 nmod
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "PER"), (9, "CHL")], "PER>CHL ASSAULT military");
    // "Peru bombed rebel camps in Chile."
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         bombed bomb VERB 0 root
         rebel rebel NOUN 4 compound
         camps camp NOUN 2 obj
         in in ADP 6 case
         Chile Chile PROPN 4 nmod
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "PER"), (6, "CHL")], "PER>CHL ASSAULT military");
    // "Peru sold rice in Chile": a friendly act's place is not its other side.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         sold sell VERB 0 root
         rice rice NOUN 2 obj
         in in ADP 5 case
         Chile Chile PROPN 3 nmod
         . . PUNCT 2 punct",
    );
    assert!(!has(&s, &[(1, "PER"), (5, "CHL")], "PER>CHL"), "{:?}", show(&s, &[(1, "PER"), (5, "CHL")]));
}

#[test]
fn due_to_read_as_a_clausal_subject_is_mended() {
    // "The Peruvian minister was due to meet Chilean officials", "meet" parsed as the clausal
    // subject of "due".
    let s = parse(
        "The the DET 3 det
         Peruvian peruvian ADJ 3 amod
         minister minister NOUN 5 nsubj
         was be AUX 5 cop
         due due ADJ 0 root
         to to PART 7 mark
         meet meet VERB 5 csubj
         Chilean chilean ADJ 9 amod
         officials official NOUN 7 obj
         . . PUNCT 5 punct",
    );
    one(&s, &[(2, "PER"), (8, "CHL")], "PER>CHL CONSULT diplomacy planned");
}

#[test]
fn a_plan_or_aim_is_to_act_names_who_acts() {
    // "Peru's plan is to sell weapons to Chile", "plan" parsed as the outer subject.
    let s = parse(
        "Peru Peru PROPN 3 nmod:poss
         's 's PART 1 case
         plan plan NOUN 6 nsubj:outer
         is be AUX 6 cop
         to to PART 6 mark
         sell sell VERB 0 root
         weapons weapon NOUN 6 obj
         to to ADP 9 case
         Chile Chile PROPN 7 nmod
         . . PUNCT 6 punct",
    );
    one(&s, &[(1, "PER"), (9, "CHL")], "PER>CHL COOPERATE arms planned");
}

#[test]
fn a_subordinate_clause_split_from_its_subject_is_mended() {
    // "Prices rose after Peruvian forces seized a Chilean ship", the parser making "forces" an
    // `obl` of "rose" under "after" and "seized" a subjectless `advcl`.
    let rows = |verb: &str, lemma: &str| {
        format!(
            "Prices price NOUN 2 nsubj
             rose rise VERB 0 root
             after after ADP 5 case
             Peruvian peruvian ADJ 5 amod
             forces force NOUN 2 obl
             {verb} {lemma} VERB 2 advcl
             a a DET 9 det
             Chilean chilean ADJ 9 amod
             ship ship NOUN 6 obj
             . . PUNCT 2 punct"
        )
    };
    let actors = [(4, "PER"), (8, "CHL")];
    one(&parse(&rows("seized", "seize")), &actors, "PER>CHL COERCE");
    // A gerund has no subject of its own: "after Peruvian forces, seizing a Chilean ship" is not
    // mended.
    assert!(!has(&parse(&rows("seizing", "seize")), &actors, "PER>CHL"));
}

#[test]
fn force_at_sea_off_a_state_is_on_it_and_a_split_clause_under_parataxis_is_mended() {
    // "Oil rose after Peruvian ships shelled platforms offshore Chile", "shelled" parsed as a
    // subjectless `parataxis` and "ships" as an `obl` of "rose" under "after".
    let s = parse(
        "Oil oil NOUN 2 nsubj
         rose rise VERB 0 root
         after after ADP 5 case
         Peruvian peruvian ADJ 5 amod
         ships ship NOUN 2 obl
         shelled shell VERB 2 parataxis
         platforms platform NOUN 6 obj
         offshore offshore ADP 9 case
         Chile Chile PROPN 6 obl
         . . PUNCT 2 punct",
    );
    one(&s, &[(4, "PER"), (9, "CHL")], "PER>CHL ASSAULT military");
}

#[test]
fn a_party_that_asks_an_arbiter_to_rule_on_a_dispute_with_another_is_its_other_side() {
    // "Peru asked the WTO to rule on the dispute with Chile."
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         asked ask VERB 0 root
         the the DET 4 det
         WTO WTO PROPN 2 iobj
         to to PART 6 mark
         rule rule VERB 2 xcomp
         on on ADP 9 case
         the the DET 9 det
         dispute dispute NOUN 6 obl
         with with ADP 11 case
         Chile Chile PROPN 9 nmod
         . . PUNCT 2 punct",
    );
    let actors = [(1, "PER"), (4, "WTO"), (11, "CHL")];
    assert!(has(&s, &actors, "PER>CHL REJECT trade"), "{:?}", show(&s, &actors));
    // "The WTO ruled on the dispute with Chile": the judge is no party.
    let s = parse(
        "The the DET 2 det
         WTO WTO PROPN 3 nsubj
         ruled rule VERB 0 root
         on on ADP 6 case
         the the DET 6 det
         dispute dispute NOUN 3 obl
         with with ADP 8 case
         Chile Chile PROPN 6 nmod
         . . PUNCT 3 punct",
    );
    assert!(!has(&s, &[(2, "WTO"), (8, "CHL")], "REJECT"));
}

#[test]
fn a_verb_read_as_an_adjective_after_a_modal_heads_its_clause() {
    // "Peru said it would free 40 Bolivian prisoners." as the tagger reads it: "free" an
    // adjective of "prisoners", the modal and the subject hanging on the noun.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         said say VERB 0 root
         it it PRON 8 nsubj
         would would AUX 8 aux
         free free ADJ 8 amod
         40 40 NUM 8 nummod
         Bolivian Bolivian ADJ 8 amod
         prisoners prisoner NOUN 2 ccomp
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "PER"), (7, "BOL")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("PER>BOL RETREAT") && got[0].ends_with(" planned"), "{got:?}");
    // "Chile announced it would free 12 Peruvian prisoners as a gesture.": the modal hangs on
    // "gesture", which the parse made the clause's head.
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         announced announce VERB 0 root
         it it PRON 11 nsubj
         would would AUX 11 aux
         free free ADJ 8 amod
         12 12 NUM 8 nummod
         Peruvian Peruvian ADJ 8 amod
         prisoners prisoner NOUN 11 nmod:unmarked
         as as ADP 11 case
         a a DET 11 det
         gesture gesture NOUN 2 ccomp
         . . PUNCT 2 punct",
    );
    let got = show(&s, &[(1, "CHL"), (7, "PER")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("CHL>PER RETREAT") && got[0].ends_with(" planned"), "{got:?}");
    // "Peru said Bolivian fishermen would be free.": after "would be" the adjective is one; the
    // fishermen are no one's target.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         said say VERB 0 root
         Bolivian Bolivian ADJ 4 amod
         fishermen fisherman NOUN 7 nsubj
         would would AUX 7 aux
         be be AUX 7 cop
         free free ADJ 2 ccomp
         . . PUNCT 2 punct",
    );
    assert_eq!(show(&s, &[(1, "PER"), (3, "BOL")]), Vec::<String>::new());
    // "Peru will hold free elections.": the adjective after a verb, not after the modal.
    let s = parse(
        "Peru Peru PROPN 3 nsubj
         will will AUX 3 aux
         hold hold VERB 0 root
         free free ADJ 5 amod
         elections election NOUN 3 obj
         with with ADP 8 case
         Bolivian Bolivian ADJ 8 amod
         observers observer NOUN 3 obl
         . . PUNCT 3 punct",
    );
    assert!(!has(&s, &[(1, "PER"), (7, "BOL")], "RETREAT"));
}

#[test]
fn a_participle_on_a_message_is_the_senders_act_toward_the_addressee() {
    // "Sweden sent a telex to Finland demanding compensation.": the participle an `advcl` of
    // the verb that sends the message.
    let s = parse(
        "Sweden Sweden PROPN 2 nsubj
         sent send VERB 0 root
         a a DET 4 det
         telex telex NOUN 2 obj
         to to ADP 6 case
         Finland Finland PROPN 4 nmod
         demanding demand VERB 2 advcl
         compensation compensation NOUN 7 obj
         . . PUNCT 2 punct",
    );
    one(&s, &[(1, "SWE"), (6, "FIN")], "SWE>FIN REQUEST");
    // "Peru sent a note to Chile and its neighbours protesting the raid.": the parse hangs the
    // participle on the last noun of the "to" phrase.
    let s = parse(
        "Peru Peru PROPN 2 nsubj
         sent send VERB 0 root
         a a DET 4 det
         note note NOUN 2 obj
         to to ADP 6 case
         Chile Chile PROPN 4 nmod
         and and CCONJ 9 cc
         its its PRON 9 nmod:poss
         neighbours neighbour NOUN 6 conj
         protesting protest VERB 9 acl
         the the DET 12 det
         raid raid NOUN 10 obj
         . . PUNCT 2 punct",
    );
    assert!(has(&s, &[(1, "PER"), (6, "CHL")], "PER>CHL PROTEST"), "{:?}", show(&s, &[(1, "PER"), (6, "CHL")]));
    // "Sweden received a telex from Finland demanding compensation.": the receiver is no sender;
    // nothing makes Sweden the one who demands.
    let s = parse(
        "Sweden Sweden PROPN 2 nsubj
         received receive VERB 0 root
         a a DET 4 det
         telex telex NOUN 2 obj
         from from ADP 6 case
         Finland Finland PROPN 4 nmod
         demanding demand VERB 4 acl
         compensation compensation NOUN 7 obj
         . . PUNCT 2 punct",
    );
    assert!(!has(&s, &[(1, "SWE"), (6, "FIN")], "SWE>FIN REQUEST"), "{:?}", show(&s, &[(1, "SWE"), (6, "FIN")]));
}

#[test]
fn a_hostile_act_that_the_subject_faces_in_a_state_is_that_states() {
    // "Chilean salmon faces an investigation in Norway.": the authorities of the place act.
    let s = parse(
        "Chilean Chilean ADJ 2 amod
         salmon salmon NOUN 3 nsubj
         faces face VERB 0 root
         an a DET 5 det
         investigation investigation NOUN 3 obj
         in in ADP 7 case
         Norway Norway PROPN 5 nmod
         . . PUNCT 3 punct",
    );
    one(&s, &[(1, "CHL"), (7, "NOR")], "NOR>CHL ACCUSE");
    // "Peruvian exporters received a loan in Chile.": a friendly act got in a place is not the
    // place's.
    let s = parse(
        "Peruvian Peruvian ADJ 2 amod
         exporters exporter NOUN 3 nsubj
         received receive VERB 0 root
         a a DET 5 det
         loan loan NOUN 3 obj
         in in ADP 7 case
         Chile Chile PROPN 5 nmod
         . . PUNCT 3 punct",
    );
    assert!(!has(&s, &[(1, "PER"), (7, "CHL")], "CHL>PER"), "{:?}", show(&s, &[(1, "PER"), (7, "CHL")]));
}

#[test]
fn opening_a_market_to_another_is_cooperation_in_trade() {
    // "Chile will open its market to Peruvian wine."
    let s = parse(
        "Chile Chile PROPN 3 nsubj
         will will AUX 3 aux
         open open VERB 0 root
         its its PRON 5 nmod:poss
         market market NOUN 3 obj
         to to ADP 8 case
         Peruvian Peruvian ADJ 8 amod
         wine wine NOUN 3 obl
         . . PUNCT 3 punct",
    );
    one(&s, &[(1, "CHL"), (7, "PER")], "CHL>PER COOPERATE trade planned");
    // "Chile opened an embassy in Peru.": opening what is no market gives no access.
    let s = parse(
        "Chile Chile PROPN 2 nsubj
         opened open VERB 0 root
         an a DET 4 det
         embassy embassy NOUN 2 obj
         in in ADP 6 case
         Peru Peru PROPN 2 obl
         . . PUNCT 2 punct",
    );
    assert!(!has(&s, &[(1, "CHL"), (6, "PER")], "COOPERATE"), "{:?}", show(&s, &[(1, "CHL"), (6, "PER")]));
}
