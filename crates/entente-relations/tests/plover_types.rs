//! Each of PLOVER's 16 event types coded on the parse, with the mode its codebook defines, and
//! the constructions that the up-gsr misses showed by kind: a sanction lifted, an offer
//! rejected with its maker in a "from" phrase, a show of force near a state or along its
//! border, and "as" opening a clause that the parser reads as a preposition. Sentences written
//! for these tests and parsed by hand (UD EWT), with the Penn tag where a rule reads it.

use entente_relations::cameo::Cameo;
use entente_relations::coding::{code, ActorSpan};
use entente_relations::Lexicon;
use entente_syntax::conllu;

/// Codes a sentence given as lines "FORM LEMMA UPOS HEAD DEPREL" or "FORM LEMMA UPOS XPOS HEAD
/// DEPREL" with its actors (1-based word number, code); the events as "SRC>TGT TYPE mode
/// polarity", sorted ("-" for no mode).
fn coded(rows: &str, actors: &[(usize, &'static str)]) -> Vec<String> {
    with_modality(rows, actors).into_iter().map(|(e, _)| e).collect()
}

/// [`coded`] with each event's modality.
fn with_modality(rows: &str, actors: &[(usize, &'static str)]) -> Vec<(String, &'static str)> {
    let conll: String = rows
        .lines()
        .map(str::split_whitespace)
        .map(Iterator::collect::<Vec<_>>)
        .filter(|c| c.len() >= 5)
        .enumerate()
        .map(|(n, c)| {
            let (xpos, head, rel) = if c.len() == 6 { (c[3], c[4], c[5]) } else { ("_", c[3], c[4]) };
            format!("{}\t{}\t{}\t{}\t{xpos}\t_\t{head}\t{rel}\t_\t_\n", n + 1, c[0], c[1], c[2])
        })
        .collect();
    let sentence = conllu::read(&conll).unwrap().remove(0);
    let spans: Vec<ActorSpan> = actors.iter().map(|&(w, code)| ActorSpan { first: w - 1, last: w - 1, code }).collect();
    let (lexicon, cameo) = (Lexicon::builtin().unwrap(), Cameo::builtin().unwrap());
    let mut out: Vec<(String, &'static str)> = code(&sentence, &spans, &lexicon, &cameo)
        .iter()
        .map(|e| {
            let mode = e.mode.as_deref().unwrap_or("-");
            let (src, tgt, pol) = (spans[e.source].code, spans[e.target].code, e.event_type.polarity());
            (format!("{src}>{tgt} {} {mode} {pol}", e.event_type), e.modality.as_str())
        })
        .collect();
    out.sort();
    out
}

/// One sentence of each type: (rows, actors, the one event it codes).
type Case = (&'static str, &'static [(usize, &'static str)], &'static str);

const TYPES: &[Case] = &[
    (
        "Chile Chile PROPN 2 nsubj
         signed sign VERB 0 root
         a a DET 4 det
         treaty treaty NOUN 2 obj
         with with ADP 6 case
         Peru Peru PROPN 4 nmod
         . . PUNCT 2 punct",
        &[(1, "CHL"), (6, "PER")],
        "CHL>PER AGREE - cooperative",
    ),
    (
        "The the DET 3 det
         Danish danish ADJ 3 amod
         premier premier NOUN 4 nsubj
         visited visit VERB 0 root
         Ghana Ghana PROPN 4 obj
         . . PUNCT 4 punct",
        &[(2, "DNK"), (5, "GHA")],
        "DNK>GHA CONSULT visit cooperative",
    ),
    (
        "Kenya Kenya PROPN 2 nsubj
         endorsed endorse VERB 0 root
         Ghana Ghana PROPN 5 nmod:poss
         's 's PART 3 case
         bid bid NOUN 2 obj
         . . PUNCT 2 punct",
        &[(1, "KEN"), (3, "GHA")],
        "KEN>GHA SUPPORT - cooperative",
    ),
    (
        // Regret is a concession (PLOVER manual, CONCEDE), not CAMEO 2021's SUPPORT.
        "Japan Japan PROPN 2 nsubj
         apologized apologize VERB 0 root
         to to ADP 4 case
         Korea Korea PROPN 2 obl
         . . PUNCT 2 punct",
        &[(1, "JPN"), (4, "KOR")],
        "JPN>KOR CONCEDE - cooperative",
    ),
    (
        "Japan Japan PROPN 2 nsubj
         cooperated cooperate VERB 0 root
         with with ADP 4 case
         Vietnam Vietnam PROPN 2 obl
         . . PUNCT 2 punct",
        &[(1, "JPN"), (4, "VNM")],
        "JPN>VNM COOPERATE - cooperative",
    ),
    (
        "Germany Germany PROPN 2 nsubj
         sent send VERB 0 root
         aid aid NOUN 2 obj
         to to ADP 5 case
         Niger Niger PROPN 2 obl
         . . PUNCT 2 punct",
        &[(1, "DEU"), (5, "NER")],
        "DEU>NER AID - cooperative",
    ),
    (
        // Forces withdrawn from an area: RETREAT "withdraw" by the manual's definition.
        "Rwanda Rwanda PROPN 2 nsubj
         withdrew withdraw VERB 0 root
         its its PRON 4 nmod:poss
         troops troops NOUN 2 obj
         from from ADP 6 case
         Congo Congo PROPN 2 obl
         . . PUNCT 2 punct",
        &[(1, "RWA"), (6, "COD")],
        "RWA>COD RETREAT withdraw cooperative",
    ),
    (
        "Brazil Brazil PROPN 2 nsubj
         urged urge VERB 0 root
         Bolivia Bolivia PROPN 2 obj
         to to PART 5 mark
         hold hold VERB 2 xcomp
         elections election NOUN 5 obj
         . . PUNCT 2 punct",
        &[(1, "BRA"), (3, "BOL")],
        "BRA>BOL REQUEST - conflictual",
    ),
    (
        "Poland Poland PROPN 2 nsubj
         accused accuse VERB 0 root
         Belarus Belarus PROPN 2 obj
         of of ADP 5 case
         spying spying NOUN 2 obl
         . . PUNCT 2 punct",
        &[(1, "POL"), (3, "BLR")],
        "POL>BLR ACCUSE allege conflictual",
    ),
    (
        "Iran Iran PROPN 2 nsubj
         rejected reject VERB 0 root
         a a DET 4 det
         proposal proposal NOUN 2 obj
         from from ADP 6 case
         Iraq Iraq PROPN 4 nmod
         . . PUNCT 2 punct",
        &[(1, "IRN"), (6, "IRQ")],
        "IRN>IRQ REJECT - conflictual",
    ),
    (
        "Turkey Turkey PROPN 2 nsubj
         threatened threaten VERB 0 root
         Greece Greece PROPN 2 obj
         with with ADP 5 case
         force force NOUN 2 obl
         . . PUNCT 2 punct",
        &[(1, "TUR"), (3, "GRC")],
        "TUR>GRC THREATEN - conflictual",
    ),
    (
        "French french ADJ 2 amod
         students student NOUN 3 nsubj
         demonstrated demonstrate VERB 0 root
         against against ADP 5 case
         Algeria Algeria PROPN 3 obl
         . . PUNCT 3 punct",
        &[(1, "FRA"), (5, "DZA")],
        "FRA>DZA PROTEST demo conflictual",
    ),
    (
        "Sudan Sudan PROPN 2 nsubj
         expelled expel VERB 0 root
         the the DET 4 det
         ambassador ambassador NOUN 2 obj
         of of ADP 6 case
         Chad Chad PROPN 4 nmod
         . . PUNCT 2 punct",
        &[(1, "SDN"), (6, "TCD")],
        "SDN>TCD SANCTION expel conflictual",
    ),
    (
        "Egypt Egypt PROPN 2 nsubj
         deployed deploy VERB 0 root
         troops troops NOUN 2 obj
         near near ADP 5 case
         Libya Libya PROPN 2 obl
         . . PUNCT 2 punct",
        &[(1, "EGY"), (5, "LBY")],
        "EGY>LBY MOBILIZE troops conflictual",
    ),
    (
        "Serbia Serbia PROPN 2 nsubj
         arrested arrest VERB 0 root
         three three NUM 5 nummod
         Croatian croatian ADJ 5 amod
         citizens citizen NOUN 2 obj
         . . PUNCT 2 punct",
        &[(1, "SRB"), (4, "HRV")],
        "SRB>HRV COERCE arrest conflictual",
    ),
    (
        "Ethiopia Ethiopia PROPN 2 nsubj
         bombed bomb VERB 0 root
         Eritrea Eritrea PROPN 2 obj
         . . PUNCT 2 punct",
        &[(1, "ETH"), (3, "ERI")],
        "ETH>ERI ASSAULT - conflictual",
    ),
];

#[test]
fn each_of_the_sixteen_plover_types_is_coded_with_its_mode() {
    let mut seen = Vec::new();
    for (rows, actors, want) in TYPES {
        assert_eq!(coded(rows, actors), [*want], "{rows}");
        seen.push(want.split(' ').nth(1).unwrap());
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 16, "{seen:?}");
}

#[test]
fn captives_set_free_are_a_retreat_of_the_release_mode() {
    let s = "Ghana Ghana PROPN 2 nsubj
        released release VERB 0 root
        two two NUM 5 nummod
        Togolese togolese ADJ 5 amod
        prisoners prisoner NOUN 2 obj
        . . PUNCT 2 punct";
    assert_eq!(coded(s, &[(1, "GHA"), (4, "TGO")]), ["GHA>TGO RETREAT release cooperative"]);
}

#[test]
fn a_sanction_lifted_is_a_retreat_and_one_imposed_a_sanction() {
    let lifted = "Chile Chile PROPN 2 nsubj
        lifted lift VERB 0 root
        its its PRON 4 nmod:poss
        sanctions sanction NOUN 2 obj
        on on ADP 6 case
        Peru Peru PROPN 2 obl
        . . PUNCT 2 punct";
    assert_eq!(coded(lifted, &[(1, "CHL"), (6, "PER")]), ["CHL>PER RETREAT - cooperative"]);
    let eased = "Spain Spain PROPN 2 nsubj
        eased ease VERB 0 root
        restrictions restriction NOUN 2 obj
        on on ADP 5 case
        Morocco Morocco PROPN 3 nmod
        . . PUNCT 2 punct";
    assert_eq!(coded(eased, &[(1, "ESP"), (5, "MAR")]), ["ESP>MAR RETREAT - cooperative"]);
    let imposed = "Canada Canada PROPN 2 nsubj
        imposed impose VERB 0 root
        sanctions sanction NOUN 2 obj
        on on ADP 5 case
        Iran Iran PROPN 3 nmod
        . . PUNCT 2 punct";
    assert_eq!(coded(imposed, &[(1, "CAN"), (5, "IRN")]), ["CAN>IRN SANCTION discontinue conflictual"]);
}

#[test]
fn an_offer_rejected_rejects_the_state_it_came_from() {
    let s = "Oman Oman PROPN 2 nsubj
        rejected reject VERB 0 root
        an a DET 4 det
        offer offer NOUN 2 obj
        from from ADP 6 case
        Yemen Yemen PROPN 4 nmod
        for for ADP 8 case
        talks talk NOUN 4 nmod
        . . PUNCT 2 punct";
    assert_eq!(coded(s, &[(1, "OMN"), (6, "YEM")]), ["OMN>YEM REJECT - conflictual"]);
    // A "from" on the object of a friendly verb is no answer to it.
    let bought = "Oman Oman PROPN 2 nsubj
        praised praise VERB 0 root
        a a DET 4 det
        delegation delegation NOUN 2 obj
        from from ADP 6 case
        Yemen Yemen PROPN 4 nmod
        . . PUNCT 2 punct";
    assert!(coded(bought, &[(1, "OMN"), (6, "YEM")]).iter().all(|e| e.ends_with("cooperative")));
}

#[test]
fn a_show_of_force_along_a_border_aims_at_the_state_beyond_it() {
    let s = "Thailand Thailand PROPN 2 nsubj
        deployed deploy VERB 0 root
        tanks tank NOUN 2 obj
        along along ADP 6 case
        its its PRON 6 nmod:poss
        border border NOUN 2 obl
        with with ADP 8 case
        Cambodia Cambodia PROPN 6 nmod
        . . PUNCT 2 punct";
    assert_eq!(coded(s, &[(1, "THA"), (8, "KHM")]), ["THA>KHM MOBILIZE troops conflictual"]);
    // "near" is a place, not a side, for an act that is no show of force.
    let met = "Laos Laos PROPN 2 nsubj
        met meet VERB 0 root
        Vietnam Vietnam PROPN 2 obj
        near near ADP 5 case
        Thailand Thailand PROPN 2 obl
        . . PUNCT 2 punct";
    let got = coded(met, &[(1, "LAO"), (3, "VNM"), (5, "THA")]);
    assert!(!got.iter().any(|e| e.contains("THA")), "{got:?}");
}

#[test]
fn as_opening_a_clause_is_its_conjunction_not_a_preposition() {
    // The parser's reading: "as the minister" an oblique of "ended", "prepared" a bare
    // conjunct with no subject.
    let s = "The the DET DT 2 det
        talks talk NOUN NNS 3 nsubj
        ended end VERB VBD 0 root
        as as ADP IN 7 case
        the the DET DT 7 det
        Kenyan kenyan ADJ JJ 7 amod
        minister minister NOUN NN 3 obl
        prepared prepare VERB VBN 3 conj
        to to PART TO 10 mark
        visit visit VERB VB 8 xcomp
        Uganda Uganda PROPN NNP 10 obj
        . . PUNCT . 3 punct";
    assert_eq!(coded(s, &[(6, "KEN"), (11, "UGA")]), ["KEN>UGA CONSULT visit cooperative"]);
    // "as" before a noun that no verb follows is the preposition: "served as envoy".
    let envoy = "Kenya Kenya PROPN NNP 2 nsubj
        sent send VERB VBD 0 root
        a a DET DT 4 det
        diplomat diplomat NOUN NN 2 obj
        as as ADP IN 6 case
        envoy envoy NOUN NN 2 obl
        to to ADP IN 8 case
        Uganda Uganda PROPN NNP 6 nmod
        . . PUNCT . 2 punct";
    let got = coded(envoy, &[(1, "KEN"), (8, "UGA")]);
    assert!(got.iter().all(|e| e.starts_with("KEN>UGA")), "{got:?}");
}

#[test]
fn a_strike_on_things_in_a_state_hits_that_state() {
    let s = "Greek greek ADJ 2 amod
        jets jet NOUN 3 nsubj
        shelled shell VERB 0 root
        positions position NOUN 3 obj
        in in ADP 6 case
        Albania Albania PROPN 4 nmod
        . . PUNCT 3 punct";
    assert_eq!(coded(s, &[(1, "GRC"), (6, "ALB")]), ["GRC>ALB ASSAULT - conflictual"]);
    // People in a place are not the place: "detained Dutch tourists in X" acts on the
    // tourists' state, not on X.
    let d = "Oman Oman PROPN 2 nsubj
        detained detain VERB 0 root
        two two NUM 5 nummod
        Dutch dutch ADJ 5 amod
        tourists tourist NOUN 2 obj
        in in ADP 7 case
        Yemen Yemen PROPN 5 nmod
        . . PUNCT 2 punct";
    let got = coded(d, &[(1, "OMN"), (4, "NLD"), (7, "YEM")]);
    assert!(!got.iter().any(|e| e.contains("YEM")), "{got:?}");
}

#[test]
fn what_a_state_owns_names_it_through_of() {
    let s = "Bolivia Bolivia PROPN 2 nsubj
        seized seize VERB 0 root
        the the DET 4 det
        assets asset NOUN 2 obj
        of of ADP 8 case
        a a DET 8 det
        Chilean chilean ADJ 8 amod
        firm firm NOUN 4 nmod
        . . PUNCT 2 punct";
    assert_eq!(coded(s, &[(1, "BOL"), (7, "CHL")]), ["BOL>CHL COERCE seize conflictual"]);
    // A share is no possession of the state whose sales it measures.
    let share = "Bolivia Bolivia PROPN 2 nsubj
        bought buy VERB 0 root
        a a DET 4 det
        share share NOUN 2 obj
        of of ADP 8 case
        a a DET 8 det
        Chilean chilean ADJ 8 amod
        harvest harvest NOUN 4 nmod
        . . PUNCT 2 punct";
    let got = coded(share, &[(1, "BOL"), (7, "CHL")]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn to_welcome_an_act_approves_it_to_welcome_a_guest_hosts_a_visit() {
    let act = "Morocco Morocco PROPN 2 nsubj
        welcomed welcome VERB 0 root
        Spain Spain PROPN 5 nmod:poss
        's 's PART 3 case
        decision decision NOUN 2 obj
        . . PUNCT 2 punct";
    assert_eq!(coded(act, &[(1, "MAR"), (3, "ESP")]), ["MAR>ESP SUPPORT - cooperative"]);
    let guest = "Morocco Morocco PROPN 2 nsubj
        welcomed welcome VERB 0 root
        the the DET 5 det
        Spanish spanish ADJ 5 amod
        king king NOUN 2 obj
        . . PUNCT 2 punct";
    assert_eq!(coded(guest, &[(1, "MAR"), (4, "ESP")]), ["MAR>ESP CONSULT visit cooperative"]);
}

#[test]
fn an_order_to_leave_is_an_expulsion_not_a_request() {
    let s = "Mali Mali PROPN 2 nsubj
        ordered order VERB 0 root
        the the DET 5 det
        Danish danish ADJ 5 amod
        envoy envoy NOUN 2 obj
        to to PART 7 mark
        leave leave VERB 2 xcomp
        . . PUNCT 2 punct";
    assert_eq!(coded(s, &[(1, "MLI"), (4, "DNK")]), ["MLI>DNK SANCTION expel conflictual"]);
    // The parser's reading: the clause on the object.
    let acl = "Mali Mali PROPN 2 nsubj
        ordered order VERB 0 root
        Danish danish ADJ 4 amod
        diplomats diplomat NOUN 2 obj
        to to PART 6 mark
        leave leave VERB 4 acl
        . . PUNCT 2 punct";
    assert_eq!(coded(acl, &[(1, "MLI"), (3, "DNK")]), ["MLI>DNK SANCTION expel conflictual"]);
    // An order to do anything else is a request.
    let talks = "Mali Mali PROPN 2 nsubj
        ordered order VERB 0 root
        Chad Chad PROPN 2 obj
        to to PART 5 mark
        open open VERB 2 xcomp
        talks talk NOUN 5 obj
        . . PUNCT 2 punct";
    let got = coded(talks, &[(1, "MLI"), (3, "TCD")]);
    assert!(got.iter().all(|e| !e.contains("SANCTION")), "{got:?}");
}

#[test]
fn a_refusal_to_condemn_is_no_condemnation() {
    let s = "Chile Chile PROPN 3 nmod:poss
        's 's PART 1 case
        refusal refusal NOUN 7 nsubj
        to to PART 5 mark
        condemn condemn VERB 3 acl
        Peru Peru PROPN 5 obj
        angered anger VERB 0 root
        Bolivia Bolivia PROPN 7 obj
        . . PUNCT 7 punct";
    let got = with_modality(s, &[(1, "CHL"), (6, "PER"), (8, "BOL")]);
    let condemned: Vec<_> = got.iter().filter(|(e, _)| e.starts_with("CHL>PER")).collect();
    assert!(!condemned.is_empty() && condemned.iter().all(|(_, m)| *m == "negated"), "{got:?}");
}
