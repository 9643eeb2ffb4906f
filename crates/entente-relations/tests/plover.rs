//! PLOVER-style sentences coded on the parse: event nouns (`event_nouns.tsv`), the actors that
//! nouns of people and "of" phrases name, conjoined actor modifiers and the agent of a passive
//! whose subject is the event noun. Sentences written for these tests, parsed by hand (UD EWT).

use entente_relations::cameo::Cameo;
use entente_relations::coding::{code, ActorSpan};
use entente_relations::Lexicon;
use entente_syntax::conllu;

/// Codes a sentence given as lines "FORM LEMMA UPOS HEAD DEPREL" with its actors (1-based word
/// number, code); the events as "SRC>TGT TYPE", sorted.
fn coded(rows: &str, actors: &[(usize, &'static str)]) -> Vec<String> {
    let conll: String = rows
        .lines()
        .map(str::split_whitespace)
        .map(Iterator::collect::<Vec<_>>)
        .filter(|c| c.len() == 5)
        .enumerate()
        .map(|(n, c)| format!("{}\t{}\t{}\t{}\t_\t_\t{}\t{}\t_\t_\n", n + 1, c[0], c[1], c[2], c[3], c[4]))
        .collect();
    let sentence = conllu::read(&conll).unwrap().remove(0);
    let spans: Vec<ActorSpan> = actors.iter().map(|&(w, code)| ActorSpan { first: w - 1, last: w - 1, code }).collect();
    let (lexicon, cameo) = (Lexicon::builtin().unwrap(), Cameo::builtin().unwrap());
    let mut out: Vec<String> = code(&sentence, &spans, &lexicon, &cameo)
        .iter()
        .map(|e| format!("{}>{} {}", spans[e.source].code, spans[e.target].code, e.event_type))
        .collect();
    out.sort();
    out
}

#[test]
fn a_demand_made_of_another_is_a_request_but_demand_for_goods_is_none() {
    let made = "Peru Peru PROPN 2 nsubj
        made make VERB 0 root
        a a DET 4 det
        demand demand NOUN 2 obj
        to to ADP 6 case
        Chile Chile PROPN 4 nmod
        . . PUNCT 2 punct";
    assert_eq!(coded(made, &[(1, "PER"), (6, "CHL")]), ["PER>CHL REQUEST"]);
    let market = "Peru Peru PROPN 3 nmod:poss
        's 's PART 1 case
        demand demand NOUN 7 nsubj
        for for ADP 5 case
        copper copper NOUN 3 nmod
        from from ADP 7 case
        Chile Chile PROPN 5 nmod
        rose rise VERB 0 root
        . . PUNCT 8 punct";
    let got = coded(market, &[(1, "PER"), (7, "CHL")]);
    assert!(!got.iter().any(|e| e.ends_with("REQUEST")), "{got:?}");
}

#[test]
fn a_war_between_two_states_is_an_assault_between_them() {
    let s = "The the DET 2 det
        war war NOUN 7 nsubj
        between between ADP 4 case
        Chad Chad PROPN 2 nmod
        and and CCONJ 6 cc
        Libya Libya PROPN 4 conj
        ended end VERB 0 root
        . . PUNCT 7 punct";
    assert_eq!(coded(s, &[(4, "TCD"), (6, "LBY")]), ["TCD>LBY ASSAULT"]);
}

#[test]
fn a_mediator_consults_each_party() {
    let s = "Qatar Qatar PROPN 2 nsubj
        undertook undertake VERB 0 root
        mediation mediation NOUN 2 obj
        between between ADP 5 case
        Sudan Sudan PROPN 3 nmod
        and and CCONJ 7 cc
        Chad Chad PROPN 5 conj
        . . PUNCT 2 punct";
    assert_eq!(coded(s, &[(1, "QAT"), (5, "SDN"), (7, "TCD")]), ["QAT>SDN CONSULT", "QAT>TCD CONSULT"]);
}

#[test]
fn people_from_a_state_name_that_state() {
    let s = "Norway Norway PROPN 2 nsubj
        hosted host VERB 0 root
        dissidents dissident NOUN 2 obj
        from from ADP 5 case
        Belarus Belarus PROPN 3 nmod
        . . PUNCT 2 punct";
    assert_eq!(coded(s, &[(1, "NOR"), (5, "BLR")]), ["NOR>BLR CONSULT"]);
    // Goods from a state are no people: "hosted" a cargo names no partner.
    let goods = s.replace("dissidents dissident", "cargoes cargo");
    assert!(coded(&goods, &[(1, "NOR"), (5, "BLR")]).is_empty());
}

#[test]
fn the_office_of_a_city_names_the_city_s_state() {
    let s = "Israel Israel PROPN 2 nsubj
        freed free VERB 0 root
        the the DET 4 det
        mayor mayor NOUN 2 obj
        of of ADP 7 case
        the the DET 7 det
        city city NOUN 4 nmod
        of of ADP 9 case
        Hebron Hebron PROPN 7 nmod
        . . PUNCT 2 punct";
    let got = coded(s, &[(1, "ISR"), (9, "PSE")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("ISR>PSE "), "{got:?}");
    // A share of a city's trade is no person of it.
    assert!(coded(&s.replace("mayor mayor", "share share"), &[(1, "ISR"), (9, "PSE")]).is_empty());
}

#[test]
fn conjoined_modifiers_each_name_an_actor() {
    let s = "Dutch Dutch ADJ 4 amod
        and and CCONJ 3 cc
        Belgian Belgian ADJ 1 conj
        activists activist NOUN 5 nsubj
        protested protest VERB 0 root
        in in ADP 7 case
        Moscow Moscow PROPN 5 obl
        . . PUNCT 5 punct";
    assert_eq!(coded(s, &[(1, "NLD"), (3, "BEL"), (7, "RUS")]), ["BEL>RUS PROTEST", "NLD>RUS PROTEST"]);
}

#[test]
fn the_agent_of_a_passive_is_the_source_of_its_event_noun_subject() {
    let s = "Evidence evidence NOUN 5 nsubj:pass
        against against ADP 3 case
        Serbia Serbia PROPN 1 nmod
        was be AUX 5 aux:pass
        presented present VERB 0 root
        by by ADP 7 case
        Croatia Croatia PROPN 5 obl:agent
        . . PUNCT 5 punct";
    assert_eq!(coded(s, &[(3, "SRB"), (7, "HRV")]), ["HRV>SRB ACCUSE"]);
}

#[test]
fn it_as_the_object_of_a_reported_clause_is_the_speaker() {
    let s = "Japan Japan PROPN 2 nsubj
        said say VERB 0 root
        Korea Korea PROPN 5 nsubj
        had have AUX 5 aux
        criticised criticise VERB 2 ccomp
        it it PRON 5 obj
        . . PUNCT 2 punct";
    assert_eq!(coded(s, &[(1, "JPN"), (3, "KOR")]), ["KOR>JPN ACCUSE"]);
    let passive = "Georgia Georgia PROPN 2 nsubj
        said say VERB 0 root
        a a DET 4 det
        shell shell NOUN 6 nsubj:pass
        was be AUX 6 aux:pass
        fired fire VERB 2 ccomp
        at at ADP 8 case
        it it PRON 6 obl
        from from ADP 10 case
        Armenia Armenia PROPN 6 obl
        . . PUNCT 2 punct";
    assert_eq!(coded(passive, &[(1, "GEO"), (10, "ARM")]), ["ARM>GEO ASSAULT"]);
    // Not in reported speech, "it" names nobody.
    let plain = "Korea Korea PROPN 2 nsubj
        criticised criticise VERB 0 root
        it it PRON 2 obj
        . . PUNCT 2 punct";
    assert!(coded(plain, &[(1, "KOR")]).is_empty());
}
