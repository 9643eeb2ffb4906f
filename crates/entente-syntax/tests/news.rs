//! News constructions that EWT has little of, in sentences written for these tests: the heads
//! and relations that decide who does what to whom.

use entente_syntax::{Model, Sentence};

/// The 0-based index of the word `form` (the first one).
fn at(s: &Sentence, form: &str) -> usize {
    s.tokens.iter().position(|t| t.form == form).unwrap_or_else(|| panic!("no {form:?} in {s:#?}"))
}

/// Asserts that `dep` depends on `head` with the relation `rel` (subtypes ignored).
fn arc(s: &Sentence, head: &str, rel: &str, dep: &str) {
    let (h, d) = (at(s, head), at(s, dep));
    let t = &s.tokens[d];
    assert!(
        t.head == h + 1 && t.base_deprel() == rel,
        "{dep} should be {rel} of {head}, is {} of word {}: {:?}",
        t.deprel,
        t.head,
        s.tokens.iter().map(|t| (&t.form, t.head, &t.deprel)).collect::<Vec<_>>()
    );
}

fn root(s: &Sentence) -> &str {
    &s.tokens[s.tokens.iter().position(|t| t.head == 0).expect("a root")].form
}

#[test]
fn a_dateline_does_not_take_the_subject() {
    let s = Model::shipped().parse_text("MOSCOW, March 3 (Reuters) - Russia sold fighter jets to Egypt on Tuesday.", 0);
    arc(&s, "sold", "nsubj", "Russia");
    arc(&s, "sold", "obj", "jets");
    assert_ne!(s.tokens[at(&s, "MOSCOW")].base_deprel(), "nsubj");
}

/// "CITY, Month D (Agency) - report": the dateline is a fragment beside the report, whose
/// subject is the report's own; forms with a region, an en or em dash, no date or no agency.
#[test]
fn datelines_of_every_form_leave_the_subject_to_the_report() {
    let m = Model::shipped();
    for (text, verb, subj, place) in [
        (
            "ANKARA, March 3 (Reuters) - The U.S. agreed to sell drones to Turkey on Tuesday.",
            "agreed",
            "U.S.",
            "ANKARA",
        ),
        ("KYIV, Ukraine \u{2014} Russian forces shelled the port overnight.", "shelled", "forces", "KYIV"),
        ("BEIJING (AP) - China warned Japan over the disputed islands.", "warned", "China", "BEIJING"),
        ("NEW DELHI, Jan. 9 -- India and Nepal signed a power deal.", "signed", "India", "NEW"),
        ("GENEVA - Iran said it would resume talks with the agency.", "said", "Iran", "GENEVA"),
    ] {
        let s = m.parse_text(text, 0);
        arc(&s, verb, "nsubj", subj);
        assert_eq!(root(&s), verb, "{text}");
        let p = &s.tokens[at(&s, place)];
        assert_ne!(p.base_deprel(), "nsubj", "{text}");
        // The place's fragment hangs on the report's root, not the other way round.
        let mut k = at(&s, place);
        while s.tokens[k].head != 0 && s.tokens[s.tokens[k].head - 1].head != 0 {
            k = s.tokens[k].head - 1;
        }
        assert_eq!((s.tokens[k].deprel.as_str(), s.tokens[k].head), ("parataxis", at(&s, verb) + 1), "{text}");
    }
    // A dash inside a sentence that opens with capitals is no dateline.
    let s = m.parse_text("NATO - the alliance of many states - met in Brussels.", 0);
    assert!(s.tokens.iter().all(|t| t.deprel != "parataxis" || t.form != "NATO"));
}

/// A passive verb's "by" phrase after another phrase of the verb is its agent, not a modifier
/// of the noun before it; a "by" phrase that belongs to a noun of an active clause stays.
#[test]
fn the_passive_agent_after_another_phrase() {
    let m = Model::shipped();
    for (text, verb, agent) in [
        ("Drones were sold to Kenya by Turkey last year.", "sold", "Turkey"),
        ("The ships were handed over to Greece by France in May.", "handed", "France"),
        ("Aid was sent to Sudan by Egypt.", "sent", "Egypt"),
    ] {
        let s = m.parse_text(text, 0);
        arc(&s, verb, "obl", agent);
        assert_eq!(s.tokens[at(&s, agent)].deprel, "obl:agent", "{text}");
    }
    let s = m.parse_text("Officials praised a book by Orwell.", 0);
    arc(&s, "book", "nmod", "Orwell");
}

#[test]
fn an_all_caps_headline_is_read_in_its_usual_casing() {
    let s = Model::shipped().parse_text("RUSSIA AND CHINA AGREE TO EXPAND GAS SUPPLIES", 0);
    assert_eq!(root(&s), "AGREE");
    arc(&s, "AGREE", "nsubj", "RUSSIA");
    arc(&s, "RUSSIA", "conj", "CHINA");
    arc(&s, "AGREE", "xcomp", "EXPAND");
    arc(&s, "EXPAND", "obj", "SUPPLIES");
    let russia = &s.tokens[at(&s, "RUSSIA")];
    assert_eq!((russia.upos.as_str(), russia.lemma.as_str()), ("PROPN", "Russia"));
}

#[test]
fn us_abbreviation_is_one_word_and_a_subject() {
    let m = Model::shipped();
    let s = m.parse_text("The U.S. and Japan signed a trade agreement on Friday.", 0);
    assert_eq!(s.tokens.len(), 11);
    arc(&s, "signed", "nsubj", "U.S.");
    arc(&s, "U.S.", "conj", "Japan");
    arc(&s, "signed", "obj", "agreement");
    let s = m.parse_text("U.S. officials said the talks with Iran would resume in May.", 0);
    arc(&s, "officials", "compound", "U.S.");
    arc(&s, "said", "nsubj", "officials");
    arc(&s, "said", "ccomp", "resume");
    arc(&s, "resume", "nsubj", "talks");
}

#[test]
fn amounts_with_units() {
    let m = Model::shipped();
    let s = m.parse_text("Turkey bought $5 billion of Russian gas.", 0);
    arc(&s, "bought", "nsubj", "Turkey");
    arc(&s, "bought", "obj", "$");
    arc(&s, "$", "nummod", "billion");
    let s = m.parse_text("Exports to India rose 40 percent in 2023.", 0);
    arc(&s, "rose", "nsubj", "Exports");
    arc(&s, "percent", "nummod", "40");
    arc(&s, "Exports", "nmod", "India");
}

/// The word of `name` (its words in order) that the rest of the name hangs on: every other
/// word of the name depends on it (flat or compound), and it alone leaves the name.
fn name_head(s: &Sentence, name: &[&str]) -> usize {
    let idx: Vec<usize> = name.iter().map(|w| at(s, w)).collect();
    let outside: Vec<usize> =
        idx.iter().copied().filter(|&i| !idx.contains(&(s.tokens[i].head.wrapping_sub(1)))).collect();
    assert_eq!(outside.len(), 1, "{name:?} should hang on one word: {:?}", s.tokens);
    for &i in &idx {
        if i != outside[0] {
            assert!(matches!(s.tokens[i].base_deprel(), "flat" | "compound"), "{:?}", s.tokens[i]);
        }
    }
    outside[0]
}

#[test]
fn names_of_several_words() {
    let s =
        Model::shipped().parse_text("German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris.", 0);
    assert_eq!(root(&s), "met");
    let met = at(&s, "met") + 1;
    let subject = name_head(&s, &["Olaf", "Scholz"]);
    let object = name_head(&s, &["Emmanuel", "Macron"]);
    assert_eq!((s.tokens[subject].head, s.tokens[subject].base_deprel()), (met, "nsubj"));
    assert_eq!((s.tokens[object].head, s.tokens[object].base_deprel()), (met, "obj"));
}
