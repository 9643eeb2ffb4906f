//! Pronouns that open a sentence and continue the previous sentence's subject.
//!
//! "Argentina is a large grain producer. It sold wheat to Brazil." — "It" is Argentina. A
//! pronoun is resolved only in the one position where news English is nearly unambiguous: as
//! the first word of a sentence whose previous sentence, in the same paragraph, opens with an
//! actor as its subject (after at most a short opening phrase such as "On Monday,"). "It" and
//! "Its" take a state, organisation or group; "He", "His", "She" and "Her" an office holder;
//! "They" and "Their" two actors joined by "and". An impersonal "It is", "It was", "It seems"
//! is left alone, and nothing else is guessed: a pronoun anywhere else stays unresolved, since a
//! wrong actor on the map misleads more than a missing one.

use entente_core::{ActorKind, Article, Mention, MentionRole, PartKind};

/// Words after "It" that make it impersonal ("It is clear that ...", "It seems ...").
const IMPERSONAL_AFTER: &[&str] = &[
    "is",
    "was",
    "'s",
    "\u{2019}s",
    "seems",
    "seemed",
    "appears",
    "appeared",
    "remains",
    "remained",
    "became",
    "becomes",
    "takes",
    "took",
    "means",
    "meant",
    "follows",
    "followed",
    "emerged",
    "comes",
    "came",
    "has",
    "had",
];

/// What a sentence-opening pronoun can stand for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wants {
    /// A state, organisation or group ("It", "Its").
    Collective,
    /// An office holder ("He", "She").
    Person,
    /// Two actors ("They", "Their").
    Pair,
}

fn wants(word: &str) -> Option<Wants> {
    Some(match word {
        "It" | "Its" => Wants::Collective,
        "He" | "His" | "She" | "Her" => Wants::Person,
        "They" | "Their" => Wants::Pair,
        _ => return None,
    })
}

/// Adds a coreference mention for each sentence-opening pronoun that continues the previous
/// sentence's subject. `mentions` is sorted by start and stays so.
pub(crate) fn resolve(article: &Article, mentions: &mut Vec<Mention>) {
    let text = article.text.as_str();
    let mut added: Vec<Mention> = Vec::new();
    for part in article.parts.iter().filter(|p| p.kind == PartKind::Body) {
        for pair in part.sentences.windows(2) {
            let (prev, cur) = (pair[0], pair[1]);
            if prev.end > cur.start || cur.end > text.len() || !text.is_char_boundary(cur.start) {
                continue;
            }
            let sentence = &text[cur.start..cur.end];
            let lead = sentence.len() - sentence.trim_start_matches(['"', '\u{201c}', '\'', '\u{2018}', ' ']).len();
            let rest = &sentence[lead..];
            let word_len = rest.find(|c: char| !entente_text::is_alphabetic(c)).unwrap_or(rest.len());
            let word = &rest[..word_len];
            let Some(want) = wants(word) else {
                continue;
            };
            let next = rest[word_len..].split_whitespace().next().unwrap_or("");
            let next = next.trim_end_matches(|c: char| !entente_text::is_alphanumeric(c));
            if word == "It" && IMPERSONAL_AFTER.contains(&next) {
                continue;
            }
            // The previous sentence's subject, from the mentions found there (or resolved just
            // before: "It ... . It ...").
            // Both lists are in text order: look only at the previous sentence's stretch.
            let within = |list: &'_ [Mention]| -> std::ops::Range<usize> {
                list.partition_point(|m| m.start < prev.start)..list.partition_point(|m| m.start < prev.end)
            };
            let mut in_prev: Vec<&Mention> = mentions[within(mentions)]
                .iter()
                .chain(added[within(&added)].iter())
                .filter(|m| m.end <= prev.end)
                .collect();
            in_prev.sort_by_key(|m| (m.start, m.end));
            let Some(subject) = subject(text, prev.start, &in_prev, want) else {
                continue;
            };
            let start = cur.start + lead;
            let new: Vec<Mention> = subject
                .into_iter()
                .map(|m| Mention {
                    start,
                    end: start + word_len,
                    role: MentionRole::Coreference,
                    person: None,
                    agent: None,
                    ..m.clone()
                })
                .collect();
            added.extend(new);
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// The actor(s) the sentence at `start` opens with, when they are its subject and fit `want`.
fn subject<'m>(text: &str, start: usize, in_sentence: &[&'m Mention], want: Wants) -> Option<Vec<&'m Mention>> {
    let first = *in_sentence.first()?;
    // Only a short opening phrase ending in a comma may stand before the subject.
    let before = text[start..first.start].trim();
    let opener_ok = before.is_empty()
        || matches!(before, "The" | "But" | "And")
        || (before.ends_with(',') && before.split_whitespace().count() <= 6);
    if !opener_ok {
        return None;
    }
    let after = &text[first.end..];
    // "Japan's exports fell." opens with a possessive: the subject is the exports.
    if after.starts_with("'s") || after.starts_with("\u{2019}s") || after.starts_with('\'') {
        return None;
    }
    // The same span may carry several actors ("the two countries"): take them together.
    let same_span: Vec<&Mention> =
        in_sentence.iter().copied().filter(|m| m.start == first.start && m.end == first.end).collect();
    let fits = |m: &Mention| match want {
        Wants::Collective | Wants::Pair => {
            matches!(m.kind, ActorKind::State | ActorKind::FormerState | ActorKind::Igo | ActorKind::Group)
                && matches!(m.role, MentionRole::Name | MentionRole::Capital | MentionRole::Coreference)
        }
        Wants::Person => matches!(m.role, MentionRole::Person | MentionRole::Office),
    };
    match want {
        Wants::Collective | Wants::Person => {
            (same_span.len() == 1 && fits(same_span[0]) && !is_pronoun_of_pair(text, first)).then_some(same_span)
        }
        Wants::Pair => {
            if same_span.len() == 2 && same_span.iter().all(|m| fits(m)) {
                return Some(same_span);
            }
            // "Chile and Peru are neighbours."
            let second = in_sentence.iter().copied().find(|m| m.start >= first.end)?;
            let between = text[first.end..second.start].trim();
            let joined = matches!(between, "and" | "and the" | "and The");
            let third_follows = in_sentence.iter().any(|m| {
                m.start >= second.end && text[second.end..m.start].trim().trim_end_matches(" the").trim() == "and"
            });
            (same_span.len() == 1 && joined && fits(first) && fits(second) && !third_follows)
                .then(|| vec![first, second])
        }
    }
}

/// "They" resolved to two actors is a pair's span; "It" must not take one of them.
fn is_pronoun_of_pair(text: &str, m: &Mention) -> bool {
    m.role == MentionRole::Coreference && matches!(&text[m.start..m.end], "They" | "Their")
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_core::{Part, Span};

    fn article(paragraphs: &[&[&str]]) -> Article {
        let mut text = String::new();
        let mut parts = Vec::new();
        for sentences in paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            let mut spans = Vec::new();
            for (i, s) in sentences.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                spans.push(Span::new(text.len(), text.len() + s.len()));
                text.push_str(s);
            }
            parts.push(Part { kind: PartKind::Body, start, end: text.len(), sentences: spans });
        }
        Article {
            id: "t".into(),
            url: None,
            title: None,
            date: None,
            author: None,
            parts,
            text,
            dropped: vec![],
            warnings: vec![],
        }
    }

    fn mention(text: &str, surface: &str, code: &str, kind: ActorKind, role: MentionRole) -> Mention {
        let start = text.find(surface).unwrap();
        Mention {
            start,
            end: start + surface.len(),
            code: code.to_owned().into(),
            kind,
            name: code.to_owned().into(),
            role,
            person: None,
            agent: None,
        }
    }

    fn resolved(a: &Article, mut mentions: Vec<Mention>) -> Vec<(String, String)> {
        let before = mentions.len();
        resolve(a, &mut mentions);
        assert!(mentions.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
        let mut out: Vec<(String, String)> = mentions
            .iter()
            .filter(|m| m.role == MentionRole::Coreference)
            .map(|m| (a.text[m.start..m.end].to_string(), m.code.to_string()))
            .collect();
        out.sort();
        assert!(mentions.len() >= before);
        out
    }

    #[test]
    fn it_continues_a_state_subject() {
        let a = article(&[&["Argentina is a large grain producer.", "It sold wheat to Brazil last year."]]);
        let t = &a.text;
        let m = vec![
            mention(t, "Argentina", "ARG", ActorKind::State, MentionRole::Name),
            mention(t, "Brazil", "BRA", ActorKind::State, MentionRole::Name),
        ];
        assert_eq!(resolved(&a, m), [("It".to_string(), "ARG".to_string())]);
    }

    #[test]
    fn an_opening_phrase_may_precede_the_subject_and_pronouns_chain() {
        let a = article(&[&["On Monday, Japan raised its tariffs.", "Its exports fell.", "It then cut prices."]]);
        let t = &a.text;
        let m = vec![mention(t, "Japan", "JPN", ActorKind::State, MentionRole::Name)];
        assert_eq!(resolved(&a, m), [("It".to_string(), "JPN".to_string()), ("Its".to_string(), "JPN".to_string())]);
    }

    #[test]
    fn they_takes_two_coordinated_actors_and_he_an_office_holder() {
        let a = article(&[
            &["Chile and Peru are neighbours.", "They signed a fishing accord."],
            &["President Lula arrived in Lima.", "He met the cabinet."],
        ]);
        let t = &a.text;
        let mut lula = mention(t, "President Lula", "BRA", ActorKind::State, MentionRole::Person);
        lula.name = "Brazil".into();
        let m = vec![
            mention(t, "Chile", "CHL", ActorKind::State, MentionRole::Name),
            mention(t, "Peru", "PER", ActorKind::State, MentionRole::Name),
            lula,
            mention(t, "Lima", "PER", ActorKind::State, MentionRole::Capital),
        ];
        assert_eq!(
            resolved(&a, m),
            [("He".into(), "BRA".into()), ("They".into(), "CHL".into()), ("They".into(), "PER".into())]
        );
    }

    #[test]
    fn what_is_left_alone() {
        let a = article(&[
            // Impersonal "It is".
            &["Norway signed the accord.", "It is unclear whether Sweden will follow."],
            // The subject is not the actor: an adjective, a possessive, a later position.
            &["Israeli officials met in Rome.", "It was late."],
            &["Japan's exports fell.", "It blamed the yen."],
            &["Officials said Iran would talk.", "It later refused."],
            // Across a paragraph break.
            &["Kenya held elections."],
            &["It sent troops to Somalia."],
            // "He" wants a person, "They" wants two actors.
            &["Chad closed its border.", "He said so."],
            &["Egypt protested.", "They left."],
        ]);
        let t = &a.text;
        let m = vec![
            mention(t, "Norway", "NOR", ActorKind::State, MentionRole::Name),
            mention(t, "Sweden", "SWE", ActorKind::State, MentionRole::Name),
            mention(t, "Israeli", "ISR", ActorKind::State, MentionRole::Adjective),
            mention(t, "Japan", "JPN", ActorKind::State, MentionRole::Name),
            mention(t, "Iran", "IRN", ActorKind::State, MentionRole::Name),
            mention(t, "Kenya", "KEN", ActorKind::State, MentionRole::Name),
            mention(t, "Somalia", "SOM", ActorKind::State, MentionRole::Name),
            mention(t, "Chad", "TCD", ActorKind::State, MentionRole::Name),
            mention(t, "Egypt", "EGY", ActorKind::State, MentionRole::Name),
        ];
        assert_eq!(resolved(&a, m), Vec::<(String, String)>::new());
    }
}
