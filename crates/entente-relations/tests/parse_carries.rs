//! What the surface pairing rules gave and the parse lacked, coded on the parse (branch h1):
//! one construction of English per test, on sentences written for these tests, each with a
//! sentence it must not code. The trees are the shipped parser's own (`entente parse
//! --format conllu`), errors included, since some rules mend them.

use entente_relations::cameo::Cameo;
use entente_relations::coding::{code, ActorSpan};
use entente_relations::Lexicon;
use entente_syntax::conllu;

/// Codes a sentence given as lines "FORM LEMMA UPOS XPOS HEAD DEPREL" with its actors
/// (first and last word, 1-based, and code); the events as "SRC>TGT TYPE sector", sorted.
fn coded(rows: &str, actors: &[(usize, usize, &'static str)]) -> Vec<String> {
    let conll: String = rows
        .lines()
        .map(str::split_whitespace)
        .map(Iterator::collect::<Vec<_>>)
        .filter(|c| c.len() == 6)
        .enumerate()
        .map(|(n, c)| format!("{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_\n", n + 1, c[0], c[1], c[2], c[3], c[4], c[5]))
        .collect();
    let sentence = conllu::read(&conll).unwrap().remove(0);
    let spans: Vec<ActorSpan> =
        actors.iter().map(|&(first, last, code)| ActorSpan { first: first - 1, last: last - 1, code }).collect();
    let (lexicon, cameo) = (Lexicon::builtin().unwrap(), Cameo::builtin().unwrap());
    let mut out: Vec<String> = code(&sentence, &spans, &lexicon, &cameo)
        .iter()
        .map(|e| format!("{}>{} {} {}", spans[e.source].code, spans[e.target].code, e.event_type, e.sector))
        .collect();
    out.sort();
    out
}

fn has(got: &[String], want: &str) -> bool {
    got.iter().any(|e| e == want)
}

#[test]
fn a_measure_names_the_actor_of_what_it_measures() {
    // "bought 300,000 tonnes of French wheat": the measure's goods name their origin, as
    // "bought French wheat" does; a noun that is no measure ("the quality of") names none.
    let s = "Egypt Egypt PROPN NNP 2 nsubj
         bought buy VERB VBD 0 root
         300,000 300000 NUM CD 4 nummod
         tonnes tonne NOUN NNS 2 obj
         of of ADP IN 7 case
         French french ADJ JJ 7 amod
         wheat wheat NOUN NN 4 nmod
         . . PUNCT . 2 punct";
    let got = coded(s, &[(1, 1, "EGY"), (6, 6, "FRA")]);
    assert!(has(&got, "FRA>EGY COOPERATE trade"), "Egypt bought 300,000 tonnes of French wheat.: {got:?}");
    // "praised the quality of French wheat": no measure.
    let got = coded(
        &s.replace("bought buy VERB VBD", "praised praise VERB VBD")
            .replace("300,000 300000 NUM CD 4 nummod", "the the DET DT 4 det")
            .replace("tonnes tonne NOUN NNS", "quality quality NOUN NN"),
        &[(1, 1, "EGY"), (6, 6, "FRA")],
    );
    assert!(!got.iter().any(|e| e.starts_with("FRA>EGY COOPERATE")), "{got:?}");
}

#[test]
fn talks_are_in_the_sector_of_their_topic_on_the_light_verb() {
    // "resumed talks on debt relief" with the topic hung on the light verb, and "meet ... to
    // discuss border security": the talks are about debt and security; a place ("in the energy
    // ministry") is no topic.
    let got = coded(
        "Chile Chile PROPN NNP 4 nsubj
         and and CCONJ CC 3 cc
         Peru Peru PROPN NNP 1 conj
         resumed resume VERB VBD 0 root
         talks talk NOUN NNS 4 obj
         on on ADP IN 8 case
         debt debt NOUN NN 8 compound
         relief relief NOUN NN 4 obl
         after after ADP IN 11 case
         a a DET DT 11 det
         break break NOUN NN 4 obl
         . . PUNCT . 4 punct",
        &[(1, 1, "CHL"), (3, 3, "PER")],
    );
    assert!(has(&got, "CHL>PER CONSULT economy"), "{got:?}");
    let got = coded(
        "Officials official NOUN NNS 7 nsubj
         from from ADP IN 3 case
         Chile Chile PROPN NNP 1 nmod
         and and CCONJ CC 5 cc
         Peru Peru PROPN NNP 3 conj
         will will AUX MD 7 aux
         meet meet VERB VB 0 root
         next next ADJ JJ 9 amod
         week week NOUN NN 7 obj
         to to PART TO 11 mark
         discuss discuss VERB VB 7 advcl
         border border NOUN NN 13 compound
         security security NOUN NN 11 obj
         . . PUNCT . 7 punct",
        &[(3, 3, "CHL"), (5, 5, "PER")],
    );
    assert!(has(&got, "CHL>PER CONSULT security"), "{got:?}");
    let got = coded(
        "India India PROPN NNP 4 nsubj
         and and CCONJ CC 3 cc
         Nepal Nepal PROPN NNP 1 conj
         resumed resume VERB VBD 0 root
         talks talk NOUN NNS 4 obj
         in in ADP IN 9 case
         the the DET DT 9 det
         energy energy NOUN NN 9 compound
         ministry ministry NOUN NN 4 obl
         . . PUNCT . 4 punct",
        &[(1, 1, "IND"), (3, 3, "NPL")],
    );
    assert!(has(&got, "IND>NPL CONSULT diplomacy"), "India and Nepal resumed talks in the energy ministry.: {got:?}");
}

#[test]
fn a_from_phrase_on_an_unmarked_phrase_of_time_belongs_to_the_verb() {
    // "import ... a year from Vietnam" (the parse's `obl:unmarked` "year" holding "from Vietnam");
    // another preposition on the phrase of time ("a year after the Chilean election") names no side.
    let got = coded(
        "Peru Peru PROPN NNP 3 nsubj
         will will AUX MD 3 aux
         import import VERB VB 0 root
         500,000 500,000 NUM CD 5 nummod
         tonnes tonne NOUN NNS 3 obj
         of of ADP IN 7 case
         rice rice NOUN NN 5 nmod
         a a DET DT 9 det
         year year NOUN NN 3 obl:unmarked
         from from ADP IN 11 case
         Vietnam Vietnam PROPN NNP 3 obl
         . . PUNCT . 3 punct",
        &[(1, 1, "PER"), (11, 11, "VNM")],
    );
    assert!(
        has(&got, "VNM>PER COOPERATE trade"),
        "Peru will import 500,000 tonnes of rice a year from Vietnam.: {got:?}"
    );
    let got = coded(
        "Peru Peru PROPN NNP 3 nsubj
         will will AUX MD 3 aux
         import import VERB VB 0 root
         rice rice VERB VB 3 xcomp
         a a DET DT 6 det
         year year NOUN NN 4 obl:unmarked
         after after ADP IN 10 case
         the the DET DT 10 det
         Chilean Chilean PROPN NNP 10 compound
         election election NOUN NN 4 obl
         . . PUNCT . 3 punct",
        &[(1, 1, "PER"), (9, 9, "CHL")],
    );
    assert!(got.is_empty(), "Peru will import rice a year after the Chilean election.: {got:?}");
}

#[test]
fn remain_and_become_are_copulas_before_a_relation_noun() {
    // "Russia became China's largest supplier" (the parse: "supplier" the object of "became") as
    // "Russia is China's largest supplier"; "blamed China's supplier" is no copula.
    let s = "Russia Russia PROPN NNP 2 nsubj
         became become VERB VBD 0 root
         China China PROPN NNP 6 nmod:poss
         's 's PART POS 3 case
         largest large ADJ JJS 6 amod
         supplier supplier NOUN NN 2 xcomp
         of of ADP IN 9 case
         crude crude ADJ JJ 9 amod
         oil oil NOUN NN 6 nmod
         . . PUNCT . 2 punct";
    let got = coded(s, &[(1, 1, "RUS"), (3, 3, "CHN")]);
    assert!(has(&got, "RUS>CHN COOPERATE energy"), "Russia became China's largest supplier of crude oil.: {got:?}");
    // "blamed China's largest supplier": no copula.
    let got =
        coded(&s.replace("became become", "blamed blame").replace("2 xcomp", "2 obj"), &[(1, 1, "RUS"), (3, 3, "CHN")]);
    assert!(!got.iter().any(|e| e.starts_with("RUS>CHN COOPERATE")), "{got:?}");
}

#[test]
fn one_actor_modifying_a_relation_noun_with_an_agent_is_the_other_side() {
    // "Canada wants closer European Union ties": the agent from the verb, the modifier the other
    // side; two modifiers ("the Franco-Italian accord") are the accord's parties, not the agent's.
    let got = coded(
        "Canada Canada PROPN NNP 2 nsubj
         wants want VERB VBZ 0 root
         closer closer NOUN NN 6 compound
         European European PROPN NNP 5 compound
         Union Union PROPN NNP 6 compound
         ties tie NOUN NNS 2 obj
         . . PUNCT . 2 punct",
        &[(1, 1, "CAN"), (4, 5, "EU")],
    );
    assert!(has(&got, "CAN>EU COOPERATE diplomacy"), "Canada wants closer European Union ties.: {got:?}");
    let got = coded(
        "Germany Germany PROPN NNP 2 nsubj
         studied study VERB VBD 0 root
         the the DET DT 7 det
         Franco Franco PROPN NNP 6 compound
         - - PUNCT HYPH 4 punct
         Italian italian ADJ JJ 7 amod
         accord accord NOUN NN 2 obj
         . . PUNCT . 2 punct",
        &[(1, 1, "DEU"), (4, 4, "FRA"), (6, 6, "ITA")],
    );
    assert!(!got.iter().any(|e| e.starts_with("DEU>")), "Germany studied the Franco-Italian accord.: {got:?}");
}

#[test]
fn a_meeting_or_visit_in_an_adjunct_of_occasion_is_the_subjects() {
    // "After talks in Japan, the Australian minister said ...", "Kenya's president, on a visit to
    // Ethiopia, said ...": the talks and the visit were the subject's; an event that is no
    // meeting ("During the Japanese elections") gives nothing.
    let got = coded(
        "After after ADP IN 2 case
         talks talk NOUN NNS 9 obl
         in in ADP IN 4 case
         Japan Japan PROPN NNP 2 nmod
         , , PUNCT , 2 punct
         the the DET DT 8 det
         Australian australian ADJ JJ 8 amod
         minister minister NOUN NN 9 nsubj
         said say VERB VBD 0 root
         progress progress NOUN NN 13 nsubj:pass
         had have AUX VBD 13 aux
         been be AUX VBN 13 aux:pass
         made make VERB VBN 9 ccomp
         . . PUNCT . 9 punct",
        &[(4, 4, "JPN"), (7, 7, "AUS")],
    );
    assert!(
        has(&got, "AUS>JPN CONSULT diplomacy"),
        "After talks in Japan, the Australian minister said progress had been made.: {got:?}"
    );
    let got = coded(
        "Kenya Kenya PROPN NNP 3 nmod:poss
         's 's PART POS 1 case
         president president NOUN NN 11 nsubj
         , , PUNCT , 3 punct
         on on ADP IN 7 case
         a a DET DT 7 det
         visit visit NOUN NN 11 obl
         to to ADP IN 9 case
         Ethiopia Ethiopia PROPN NNP 7 nmod
         , , PUNCT , 7 punct
         said say VERB VBD 0 root
         the the DET DT 14 det
         two two NUM CD 14 nummod
         countries country NOUN NNS 16 nsubj
         would would AUX MD 16 aux
         build build VERB VB 11 ccomp
         a a DET DT 18 det
         road road NOUN NN 16 obj
         . . PUNCT . 11 punct",
        &[(1, 1, "KEN"), (9, 9, "ETH")],
    );
    assert!(
        has(&got, "KEN>ETH CONSULT diplomacy"),
        "Kenya's president, on a visit to Ethiopia, said the two countries would build a road.: {got:?}"
    );
    let got = coded(
        "During during ADP IN 4 case
         the the DET DT 4 det
         Japanese japanese ADJ JJ 4 amod
         elections election NOUN NNS 9 obl
         , , PUNCT , 4 punct
         the the DET DT 8 det
         Australian australian ADJ JJ 8 amod
         minister minister NOUN NN 9 nsubj
         stayed stay VERB VBN 0 root
         home home ADV RB 9 advmod
         . . PUNCT . 9 punct",
        &[(3, 3, "JPN"), (7, 7, "AUS")],
    );
    assert!(got.is_empty(), "During the Japanese elections, the Australian minister stayed home.: {got:?}");
}

#[test]
fn a_recipient_read_as_a_compound_of_the_amount_is_mended() {
    // "lend China 800 million dollars" (the parse: "China" a compound of "million"): the name
    // after the verb and before the number is its indirect object. A year after a name ("Kenya
    // 2030 targets") is no amount.
    let got = coded(
        "Japan Japan PROPN NNP 3 nsubj
         will will AUX MD 3 aux
         lend lend VERB VB 0 root
         China China PROPN NNP 6 compound
         800 800 NUM CD 6 compound
         million million NUM CD 7 nummod
         dollars dollar NOUN NNS 3 obj
         . . PUNCT . 3 punct",
        &[(1, 1, "JPN"), (4, 4, "CHN")],
    );
    assert!(has(&got, "JPN>CHN AID economy"), "Japan will lend China 800 million dollars.: {got:?}");
    let got = coded(
        "Britain Britain PROPN NNP 2 nsubj
         said say VERB VBD 0 root
         Kenya Kenya PROPN NNP 5 compound
         2030 2030 NUM CD 5 nummod
         targets target NOUN NNS 7 nsubj
         were be AUX VBD 7 cop
         ambitious ambitious ADJ JJ 2 ccomp
         . . PUNCT . 2 punct",
        &[(1, 1, "GBR"), (3, 3, "KEN")],
    );
    assert!(got.is_empty(), "Britain said Kenya 2030 targets were ambitious.: {got:?}");
}

#[test]
fn a_recipient_read_as_an_unmarked_modifier_of_a_count_is_mended() {
    // "sold Peru 12 helicopters" parsed with "Peru" an nmod:unmarked of "12": the name after
    // the verb and before the count is its indirect object.
    let got = coded(
        "Spain Spain PROPN NNP 2 nsubj
         sold sell VERB VBD 0 root
         Peru Peru PROPN NNP 4 nmod:unmarked
         12 12 NUM CD 5 compound
         helicopters helicopter NOUN NNS 2 obj
         . . PUNCT . 2 punct",
        &[(1, 1, "ESP"), (3, 3, "PER")],
    );
    assert!(got.iter().any(|e| e.starts_with("ESP>PER ")), "Spain sold Peru 12 helicopters.: {got:?}");
    // A year is no count: "praised the Peru 2030 plan" has no recipient.
    let got = coded(
        "Chile Chile PROPN NNP 5 nmod:poss
         praised praise VERB VBD 0 root
         the the DET DT 5 det
         Peru Peru PROPN NNP 5 nmod:unmarked
         2030 2030 NUM CD 6 compound
         plan plan NOUN NN 2 obj
         . . PUNCT . 2 punct",
        &[(1, 1, "CHL"), (4, 4, "PER")],
    );
    assert!(!got.iter().any(|e| e.contains("AID") || e.contains("COOPERATE")), "a year is no count: {got:?}");
}

#[test]
fn an_apposition_says_what_its_noun_is_as_a_copula_does() {
    // "Kuwait, a close ally of the United States, ..." as "Kuwait is a close ally of ..."; an
    // apposition that is no relation noun ("a neighbour of") gives nothing.
    let got = coded(
        "Kuwait Kuwait PROPN NNP 11 nsubj
         , , PUNCT , 5 punct
         a a DET DT 5 det
         close close ADJ JJ 5 amod
         ally ally NOUN NN 1 appos
         of of ADP IN 9 case
         the the DET DT 9 det
         United United ADJ NNP 9 amod
         States State PROPN NNPS 5 nmod
         , , PUNCT , 1 punct
         bought buy VERB VBD 0 root
         Soviet Soviet PROPN NNP 13 compound
         missiles missile NOUN NNS 11 obj
         . . PUNCT . 11 punct",
        &[(1, 1, "KWT"), (8, 9, "USA"), (12, 12, "SUN")],
    );
    assert!(
        has(&got, "KWT>USA COOPERATE military"),
        "Kuwait, a close ally of the United States, bought Soviet missiles.: {got:?}"
    );
    let got = coded(
        "Oman Oman PROPN NNP 8 nsubj
         , , PUNCT , 4 punct
         a a DET DT 4 det
         neighbour neighbour NOUN NN 1 appos
         of of ADP IN 6 case
         Yemen Yemen PROPN NNP 4 nmod
         , , PUNCT , 1 punct
         raised raise VERB VBD 0 root
         its its PRON PRP$ 11 nmod:poss
         oil oil NOUN NN 11 compound
         output output NOUN NN 8 obj
         . . PUNCT . 8 punct",
        &[(1, 1, "OMN"), (6, 6, "YEM")],
    );
    assert!(got.is_empty(), "Oman, a neighbour of Yemen, raised its oil output.: {got:?}");
}

#[test]
fn a_subject_under_a_preposition_is_an_adjunct_and_the_noun_before_is_the_subject() {
    // "The Australian minister, here after talks in Japan, said ..." parsed with "talks" the
    // subject of "said" and "said" a `dep` of "minister": the minister said it, after talks in
    // Japan.
    let s = "The the DET DT 3 det
        Australian australian ADJ JJ 3 amod
        minister minister NOUN NN 0 root
        , , PUNCT , 3 punct
        here here ADV RB 7 advmod
        after after ADP IN 7 case
        talks talk NOUN NNS 11 nsubj
        in in ADP IN 9 case
        Japan Japan PROPN NNP 7 nmod
        , , PUNCT , 7 punct
        said say VERB VBD 3 dep
        progress progress NOUN NN 15 nsubj:pass
        had have AUX VBD 15 aux
        been be AUX VBN 15 aux:pass
        made make VERB VBN 11 ccomp
        . . PUNCT . 11 punct";
    let got = coded(s, &[(2, 2, "AUS"), (9, 9, "JPN")]);
    assert!(has(&got, "AUS>JPN CONSULT diplomacy"), "{got:?}");
    // A subject with no preposition of its own is left as the parse gives it.
    let got = coded(&s.replace("after after ADP IN 7 case", "the the DET DT 7 det"), &[(2, 2, "AUS"), (9, 9, "JPN")]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_verb_after_a_relative_clause_between_commas_is_the_main_verb() {
    // "South Korea, which hosts American troops, criticized North Korea on Monday." The parser
    // made "Korea" the root and hung "criticized" on the relative clause: the verb after the
    // clause's closing comma, with no subject of its own, is the main verb and the noun the
    // clause modifies its subject.
    let s = "South South PROPN NNP 2 compound
         Korea Korea PROPN NNP 0 root
         , , PUNCT , 5 punct
         which which PRON WDT 5 nsubj
         hosts host VERB VBZ 2 acl:relcl
         American american ADJ JJ 7 amod
         troops troops NOUN NNS 5 obj
         , , PUNCT , 9 punct
         criticized criticize VERB VBN 5 advcl
         North North PROPN NNP 11 compound
         Korea Korea PROPN NNP 9 obj
         on on ADP IN 13 case
         Monday Monday PROPN NNP 9 obl
         . . PUNCT . 2 punct";
    let got = coded(s, &[(1, 2, "KOR"), (6, 6, "USA"), (10, 11, "PRK")]);
    assert!(has(&got, "KOR>PRK ACCUSE diplomacy"), "{got:?}");
    // A verb after the comma with a subject of its own ("..., and Seoul protested") is not the
    // noun's: "North Korea, which fired a missile, and Seoul protested" codes no act of North
    // Korea's toward anyone.
    let s = "Japan Japan PROPN NNP 2 nsubj
         condemned condemn VERB VBD 0 root
         North North PROPN NNP 4 compound
         Korea Korea PROPN NNP 2 obj
         , , PUNCT , 7 punct
         which which PRON WDT 7 nsubj
         fired fire VERB VBD 4 acl:relcl
         a a DET DT 9 det
         missile missile NOUN NN 7 obj
         , , PUNCT , 13 punct
         and and CCONJ CC 13 cc
         Seoul Seoul PROPN NNP 13 nsubj
         protested protest VERB VBD 7 conj
         . . PUNCT . 2 punct";
    let got = coded(s, &[(1, 1, "JPN"), (3, 4, "PRK"), (12, 12, "KOR")]);
    assert!(has(&got, "JPN>PRK ACCUSE diplomacy"), "{got:?}");
    assert!(!got.iter().any(|e| e.starts_with("PRK>")), "{got:?}");
}
