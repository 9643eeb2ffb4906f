//! Pronouns and bare nouns that point back to actors named earlier.
//!
//! "Argentina is a large grain producer. It sold wheat to Brazil." — "It" is Argentina. "It",
//! "Its", "They" and "Their" are resolved only in the one position where news English is nearly
//! unambiguous: as the first word of a sentence whose previous sentence, in the same paragraph,
//! opens with an actor as its subject (after at most a short opening phrase such as "On
//! Monday,"). "It" and "Its" take a state, organisation or group; "They" and "Their" two actors
//! joined by "and". An impersonal "It is", "It was", "It seems" is left alone.
//!
//! Personal pronouns ("he", "his", "she", "her", "him") name one person, so they are resolved
//! anywhere in a sentence ("But he said ...", "..., she said"), to the office holder named last
//! in that sentence or the one before, unless holders of two actors or a person no actor stands
//! for ("the official", "Mr Smith") make it unsure ([`resolve_persons`]).
//!
//! A bare "ministers" after an actor's ministers were named ("EC farm ministers ... But
//! ministers failed to agree ...") is that actor's ([`resolve_ministers`]).
//!
//! Nothing else is guessed: a wrong actor on the map misleads more than a missing one.

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
    merge(mentions, added);
    resolve_persons(article, mentions);
    resolve_ministers(article, mentions);
}

/// How many sentences back a bare "ministers" looks for the actor whose ministers were named.
const MINISTERS_WINDOW: usize = 10;

/// A bare "ministers" ("But ministers failed to agree ...", "the ministers said") after an
/// actor's ministers were named ("OPEC oil ministers", "EC foreign ministers") stands for that
/// actor: the nearest such, in the same sentence before it or in the [`MINISTERS_WINDOW`]
/// sentences before (a bare "ministers" resolved before counts too). "Ministers of A and B" are
/// no actor's, and a bare "ministers" after them is left alone.
fn resolve_ministers(article: &Article, mentions: &mut Vec<Mention>) {
    let text = article.text.as_str();
    let sentences = body_sentences(article);
    // None: ministers of actors said otherwise ("ministers of A and B"), which a later bare
    // "ministers" may be.
    let mut named: Vec<(usize, Option<Mention>)> = Vec::new();
    let mut quotes = Quotes::default();
    let mut added: Vec<Mention> = Vec::new();
    for (k, &(start, end, para)) in sentences.iter().enumerate() {
        let window = sentences[k.saturating_sub(MINISTERS_WINDOW)].0;
        let hits: Vec<usize> =
            words(text, start, end).filter(|(_, w)| w.eq_ignore_ascii_case("ministers")).map(|(at, _)| at).collect();
        for at in hits {
            let to = at + "ministers".len();
            let here = mentions.partition_point(|m| m.start < at);
            if mentions[..here].iter().rev().take(4).any(|m| m.end > at) {
                continue;
            }
            if text[to..].starts_with(" of ") || text[to..].starts_with(" from ") {
                named.push((at, None));
                continue;
            }
            // The actor whose ministers these are: a mention before it, with at most two
            // lowercase words between ("EC foreign ministers").
            let owner = mentions[..here].iter().rev().take(4).find(|m| {
                if m.end > at || at - m.end > 40 {
                    return false;
                }
                let between = &text[m.end..at];
                let gap: Vec<&str> = between.split_whitespace().collect();
                between.starts_with(' ')
                    && gap.len() <= 2
                    && gap.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
                    && matches!(m.kind, ActorKind::State | ActorKind::FormerState | ActorKind::Igo)
                    && matches!(m.role, MentionRole::Name | MentionRole::Adjective)
            });
            if let Some(m) = owner {
                named.push((at, Some(m.clone())));
                continue;
            }
            // A bare "ministers": nothing but a determiner or a conjunction before it.
            let before = text[start..at].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
            let bare = before.is_empty() || matches!(before, "the" | "The" | "But" | "but" | "and" | "said" | "that");
            if !bare || quotes.inside(text, para, at) {
                continue;
            }
            let Some((_, Some(m))) = named.iter().rev().find(|(s, _)| *s >= window && *s < at) else {
                continue;
            };
            let m =
                Mention { start: at, end: to, role: MentionRole::Coreference, person: None, agent: None, ..m.clone() };
            named.push((at, Some(m.clone())));
            added.push(m);
        }
    }
    merge(mentions, added);
}

/// How many sentences before a personal pronoun's own are searched for the person it names (as
/// for "his country": the one before).
const PERSON_WINDOW: usize = 1;

/// Personal pronouns of one person ("he", "his", "him", "she", "her").
const PERSONAL: &[&str] = &["he", "his", "him", "she", "her"];

/// Nouns of one person who is no actor of the gazetteer ("the official", "a spokesman"): a
/// personal pronoun after one of them may be that person's, so the office holder named before
/// it is not taken.
const PEOPLE_NOUNS: &[&str] = &[
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "diplomat",
    "analyst",
    "economist",
    "trader",
    "dealer",
    "banker",
    "executive",
    "chairman",
    "chairwoman",
    "director",
    "lawyer",
    "expert",
    "negotiator",
    "delegate",
    "source",
    "correspondent",
    "reporter",
    "journalist",
    "professor",
    "man",
    "woman",
    "boy",
    "girl",
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
];

/// Honorifics before a person's surname ("Mr Clarke").
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Dr"];

/// Whether a mention stands for one person: an office holder or title, or a personal pronoun
/// resolved to one.
fn is_person(text: &str, m: &Mention) -> bool {
    match m.role {
        MentionRole::Person | MentionRole::Office => true,
        MentionRole::Coreference => {
            text.get(m.start..m.end).is_some_and(|w| PERSONAL.contains(&w.to_ascii_lowercase().as_str()))
        }
        _ => false,
    }
}

/// The words of `text[start..end]` with their byte offsets (letters only; "he's" gives "he").
fn words(text: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, &str)> + '_ {
    let s = &text[start..end];
    s.split(|c: char| !entente_text::is_alphabetic(c))
        .filter(|w| !w.is_empty())
        .map(move |w| (start + (w.as_ptr() as usize - s.as_ptr() as usize), w))
}

/// Personal pronouns anywhere in a body sentence ("But he said ...", "..., she said", "his
/// visit") for the office holder named last before them, in the same sentence or in the
/// [`PERSON_WINDOW`] sentences before it (across a paragraph break: news paragraphs are often a
/// sentence long). Nothing is resolved when the sentence of that holder names holders of two
/// actors ("Obama met Putin. He said ..."), when a person no actor stands for comes between
/// ("the official", "Mr Smith" whom the gazetteer does not know), or inside a quotation.
/// A resolved pronoun is itself an antecedent of the next one. `mentions` is sorted by start
/// and stays so.
fn resolve_persons(article: &Article, mentions: &mut Vec<Mention>) {
    let text = article.text.as_str();
    let sentences = body_sentences(article);
    let mut quotes = Quotes::default();
    // Resolved here, in text order; merged into `mentions` at the end.
    let mut added: Vec<Mention> = Vec::new();
    for k in 0..sentences.len() {
        let (start, end, para) = sentences[k];
        let window = sentences[k.saturating_sub(PERSON_WINDOW)].0;
        let pronouns: Vec<(usize, usize)> = words(text, start, end)
            .filter(|(_, w)| PERSONAL.contains(&w.to_ascii_lowercase().as_str()))
            .map(|(at, w)| (at, at + w.len()))
            .collect();
        for (at, to) in pronouns {
            if quotes.inside(text, para, at) || honorific_follows(text, to) {
                continue;
            }
            let here = mentions.partition_point(|m| m.start < at);
            if mentions[..here].iter().rev().take(4).any(|m| m.end > at)
                || mentions.get(here).is_some_and(|m| m.start < to)
            {
                continue;
            }
            let from = mentions.partition_point(|m| m.start < window);
            let named = mentions[from..here].iter().rev().find(|m| m.end <= at && is_person(text, m));
            let chained = added.last().filter(|m| m.start >= window);
            let last = match (named, chained) {
                (Some(n), Some(c)) => Some(if c.start > n.start { c } else { n }),
                (n, c) => n.or(c),
            };
            let Some(last) = last.cloned() else {
                continue;
            };
            // The holders of the antecedent's sentence, up to the pronoun, are of one actor.
            let s_start = sentences[..=k].iter().rev().find(|s| s.0 <= last.start).map_or(start, |s| s.0);
            let lo = mentions.partition_point(|m| m.start < s_start);
            let two = here - lo > MAX_AMONG
                || mentions[lo..here].iter().any(|m| m.end <= at && is_person(text, m) && m.code != last.code);
            if two || someone_else(text, mentions, last.end, at) {
                continue;
            }
            added.push(Mention {
                start: at,
                end: to,
                role: MentionRole::Coreference,
                person: None,
                agent: None,
                ..last
            });
        }
    }
    merge(mentions, added);
}

/// The most mentions between a personal pronoun and its antecedent's sentence start: past
/// this, a stretch of many actors is left unresolved (and its cost bounded).
const MAX_AMONG: usize = 64;

/// Adds `added` (sorted by start) to `mentions` (sorted), keeping the order.
fn merge(mentions: &mut Vec<Mention>, added: Vec<Mention>) {
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// Whether a position is inside a quotation opened in its paragraph, counted as the text is
/// read in order (each byte once).
#[derive(Default)]
struct Quotes {
    para: usize,
    pos: usize,
    straight: usize,
    open: usize,
    close: usize,
}

impl Quotes {
    /// `at` must not go back within a paragraph; a new paragraph starts the count again.
    fn inside(&mut self, text: &str, para: usize, at: usize) -> bool {
        if para != self.para || at < self.pos {
            *self = Quotes { para, pos: para, ..Quotes::default() };
        }
        for c in text[self.pos..at].chars() {
            match c {
                '"' => self.straight += 1,
                '\u{201c}' => self.open += 1,
                '\u{201d}' => self.close += 1,
                _ => {}
            }
        }
        self.pos = at;
        self.straight % 2 == 1 || self.open > self.close
    }
}

/// The body's sentences in text order: (start, end, start of their paragraph), those whose
/// bounds fit the text.
fn body_sentences(article: &Article) -> Vec<(usize, usize, usize)> {
    let text = article.text.as_str();
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for part in article.parts.iter().filter(|p| p.kind == PartKind::Body) {
        for s in &part.sentences {
            let ok = s.start < s.end
                && s.end <= text.len()
                && part.start <= s.start
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
                && text.is_char_boundary(part.start);
            if ok {
                out.push((s.start, s.end, part.start));
            }
        }
    }
    out.sort_unstable();
    out
}

/// "His Majesty", "Her Excellency": a form of address, not a pronoun of anyone named.
fn honorific_follows(text: &str, end: usize) -> bool {
    let next = text[end..].split_whitespace().next().unwrap_or("");
    matches!(next, "Majesty" | "Excellency" | "Highness" | "Holiness" | "Royal")
}

/// Whether a person that no mention stands for is named between `from` and `to`: a noun of
/// one person ("the official") or an honorific and a name ("Mr Smith") outside any mention.
fn someone_else(text: &str, mentions: &[Mention], from: usize, to: usize) -> bool {
    let covered = |at: usize| {
        let i = mentions.partition_point(|m| m.start <= at);
        mentions[..i].iter().rev().take(8).any(|m| m.end > at)
    };
    let mut prev_honorific = false;
    for (at, w) in words(text, from, to) {
        let lower = w.to_ascii_lowercase();
        if PEOPLE_NOUNS.contains(&lower.as_str()) && !covered(at) {
            return true;
        }
        if prev_honorific && w.chars().next().is_some_and(char::is_uppercase) && !covered(at) {
            return true;
        }
        prev_honorific = HONORIFICS.contains(&w);
    }
    false
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

    fn holder(text: &str, surface: &str, code: &str) -> Mention {
        mention(text, surface, code, ActorKind::State, MentionRole::Person)
    }

    /// States by their names, (surface, code) each.
    fn states(text: &str, names: &[(&str, &str)]) -> Vec<Mention> {
        names.iter().map(|(s, c)| mention(text, s, c, ActorKind::State, MentionRole::Name)).collect()
    }

    #[test]
    fn personal_pronouns_anywhere_take_the_holder_named_last() {
        let a = article(&[
            &["Chancellor Olaf Brandt of Austria flew to Rome."],
            &["Brandt praised the talks."],
            &["But he said Italy should open its market, and his aides agreed."],
            &["Tariffs must fall, she told Kenya."],
        ]);
        let t = &a.text;
        let mut brandt = holder(t, "Brandt praised", "AUT");
        brandt.end = brandt.start + "Brandt".len();
        let mut m = states(t, &[("Austria", "AUT"), ("Italy", "ITA"), ("Kenya", "KEN")]);
        m.extend([holder(t, "Chancellor Olaf Brandt", "AUT"), brandt]);
        m.sort_by_key(|m| (m.start, m.end));
        // "she" is two sentences after Brandt's last mention, but "he" and "his", in the
        // sentence before it, were his.
        assert_eq!(
            resolved(&a, m),
            [("he".to_string(), "AUT".to_string()), ("his".into(), "AUT".into()), ("she".into(), "AUT".into())]
        );
    }

    #[test]
    fn personal_pronouns_left_alone() {
        let a = article(&[
            // Holders of two states before it.
            &["President Ana Ruiz met Premier Ito Sato.", "Later he flew home."],
            // A person no actor stands for comes between.
            &["Minister Lars Berg spoke.", "A spokesman said he was tired."],
            &["Minister Lars Berg spoke.", "Mr Olsen said his plan was ready."],
            // Inside a quotation, and a form of address.
            &["Minister Lars Berg spoke.", "The paper wrote: \"He is wrong.\"", "His Majesty waved."],
            // Too far back: a sentence without a holder between.
            &["Minister Lars Berg spoke.", "Rain fell.", "Then he left."],
        ]);
        let t = &a.text;
        let berg: Vec<usize> = t.match_indices("Minister Lars Berg").map(|(i, _)| i).collect();
        let mut m = vec![holder(t, "President Ana Ruiz", "MEX"), holder(t, "Premier Ito Sato", "JPN")];
        for &at in &berg {
            let mut h = holder(t, "Minister Lars Berg", "NOR");
            (h.start, h.end) = (at, at + "Minister Lars Berg".len());
            m.push(h);
        }
        m.sort_by_key(|m| (m.start, m.end));
        assert_eq!(resolved(&a, m), Vec::<(String, String)>::new());
    }

    #[test]
    fn bare_ministers_are_those_of_the_actor_named_with_them() {
        let a = article(&[
            &["OPEC oil ministers met in Vienna on Monday."],
            &["But ministers failed to agree on quotas for Nigeria.", "The ministers will meet Mexico next week."],
            // Whose ministers is not said: left alone.
            &["Ministers of Chile and Peru met.", "Then the ministers signed a pact with Bolivia."],
        ]);
        let t = &a.text;
        let mut m =
            states(t, &[("Nigeria", "NGA"), ("Mexico", "MEX"), ("Chile", "CHL"), ("Peru", "PER"), ("Bolivia", "BOL")]);
        m.insert(0, mention(t, "OPEC", "OPEC", ActorKind::Igo, MentionRole::Name));
        assert_eq!(
            resolved(&a, m),
            [("ministers".to_string(), "OPEC".to_string()), ("ministers".into(), "OPEC".into())]
        );
    }
}
