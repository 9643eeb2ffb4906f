//! The extractor on the parse: each body or caption sentence that names two actors is parsed,
//! its mentions laid on the parse's words, and [`crate::coding::code`] codes its events.
//! Amounts and times go to the predicate they hang under in the parse (a quantity belongs to
//! the relation whose object or modifier it is); a time on the verb that carries an event noun
//! dates the noun's event too; a time under no predicate ("In 2012, ...") dates every relation
//! of its sentence.

use std::collections::BTreeMap;

use entente_core::{
    ActorRef, Article, DateSource, Evidence, Explanation, Mention, MentionRole, Relation, Sector, TimeSpan,
};
use entente_syntax::Sentence;

use crate::cameo::Cameo;
use crate::coding::{code_with_topic, ActorSpan};
use crate::extract::{article_topic, dominant, part_counts, relation_sentences, Limits};
use crate::time::Anchor;
use crate::tokens::tokenize;
use crate::{quantity, time, Lexicon};

/// Parses one sentence: its text, the byte offset of that text in the article, and the byte
/// ranges of the actor names in it (a name is never a verb: "Beijing" is not an "-ing" form).
pub type ParseFn<'a> = &'a dyn Fn(&str, usize, &[(usize, usize)]) -> Sentence;

/// Every relation of the article's body and caption sentences, coded on their parses.
pub fn extract_parsed(
    article: &Article,
    mentions: &[Mention],
    lexicon: &Lexicon,
    cameo: &Cameo,
    limits: &Limits,
    parse: ParseFn<'_>,
) -> Vec<Relation> {
    let anchor =
        article.date.as_ref().filter(|d| d.source != DateSource::Copyright).and_then(|d| Anchor::parse(&d.value));
    let mut counts: Vec<Option<BTreeMap<Sector, usize>>> = vec![None; article.parts.len()];
    let mut topic: Option<Option<Sector>> = None;
    let mut part_topics: BTreeMap<usize, Option<Sector>> = BTreeMap::new();
    let text = article.text.as_str();
    let mut out = Vec::new();
    let topic_mention = topic_actor(article, mentions);
    // A sentence with fewer than two actors yields nothing: it is not parsed.
    for (part, kind, span, inside) in relation_sentences(article, mentions, limits) {
        let names: Vec<(usize, usize)> = inside.iter().map(|m| (m.start, m.end)).collect();
        let s = parse(&text[span.start..span.end], span.start, &names);
        let spans: Vec<ActorSpan<'_>> = inside
            .iter()
            .filter_map(|m| {
                let first = s.tokens.iter().position(|t| t.end > m.start && t.start < m.end)?;
                let last = s.tokens.iter().rposition(|t| t.end > m.start && t.start < m.end)?;
                Some(ActorSpan { first, last, code: &m.code })
            })
            .collect();
        let mut kept: Vec<&Mention> =
            inside.iter().filter(|m| s.tokens.iter().any(|t| t.end > m.start && t.start < m.end)).copied().collect();
        let mut spans = spans;
        let topic_index = topic_mention.map(|m| {
            spans.push(ActorSpan { first: usize::MAX, last: usize::MAX, code: &m.code });
            kept.push(m);
            kept.len() - 1
        });
        let events = code_with_topic(&s, &spans, topic_index, lexicon, cameo);
        if events.is_empty() {
            continue;
        }
        // Amounts and times, by their surface tokens, laid on the parse's words.
        let surface = tokenize(text, span.start, span.end);
        let quantities = quantity::find(text, &surface);
        let times = time::find(text, &surface, anchor);
        let word_at = |byte: usize| s.tokens.iter().position(|t| t.start <= byte && byte < t.end.max(t.start + 1));
        let predicates: Vec<usize> = events.iter().map(|e| e.predicate).collect();
        // The word at `byte` and the words above it in the parse, nearest first (at most 32).
        let up = |byte: usize| {
            std::iter::successors(word_at(byte), |&x| s.head_of(x).filter(|&h| h < s.tokens.len() && h != x))
                .take(s.tokens.len().min(32))
        };
        let governor = |byte: usize| up(byte).find(|k| predicates.contains(k));
        // Whether the word at `byte` hangs, at some height, under word `v`.
        let under = |byte: usize, v: usize| up(byte).any(|x| x == v);
        for (k, e) in events.iter().enumerate() {
            let mut q = Vec::new();
            let amounts: Vec<usize> = (0..quantities.len())
                .filter(|&f| governor(surface[quantities[f].token].start) == Some(e.predicate))
                .collect();
            for &f in &amounts {
                let f = &quantities[f];
                let owner = word_at(surface[f.token].start).and_then(|w| amount_owner(&events, &spans, k, w));
                if owner.is_some_and(|o| o != k) && amounts.len() >= 2 {
                    continue;
                }
                if !q.contains(&f.quantity) {
                    q.push(f.quantity.clone());
                }
            }
            let own = times.iter().find(|t| governor(surface[t.token].start) == Some(e.predicate));
            // An event noun's time may hang on the verb that carries it ("entered into a pact
            // with X in May 2015", "by signing an accord with X in 2015").
            let carrier = s.head_of(e.predicate).filter(|&h| h < s.tokens.len() && h != e.predicate);
            let carried = || times.iter().find(|t| carrier.is_some_and(|h| under(surface[t.token].start, h)));
            let free = times.iter().find(|t| governor(surface[t.token].start).is_none());
            let when: TimeSpan = own.or_else(carried).or(free).map(|t| t.span.clone()).unwrap_or_default();
            let (src, tgt) = (kept[e.source], kept[e.target]);
            let mut sector = e.sector;
            let mut cues = vec![s.tokens[e.predicate].form.clone()];
            if e.generic {
                let local = *part_topics
                    .entry(part)
                    .or_insert_with(|| dominant(part_counts(article, lexicon, &mut counts, part), 2, 3));
                if let Some(t) =
                    local.or_else(|| *topic.get_or_insert_with(|| article_topic(article, lexicon, &mut counts)))
                {
                    sector = t;
                    cues.push(format!("article topic: {t}"));
                }
            }
            cues.extend(e.sector_cue.clone());
            cues.extend(e.modality_cue.clone());
            let coref = src.role == MentionRole::Coreference || tgt.role == MentionRole::Coreference;
            let confidence = if coref { 0.7 } else { 0.8 };
            let rule = format!(
                "{}; predicate \"{}\"; source {}; target {}",
                e.entry, s.tokens[e.predicate].form, e.source_path, e.target_path
            );
            let rel = Relation {
                doc: article.id.clone(),
                source: src.code.to_string(),
                target: tgt.code.to_string(),
                sector,
                event_type: e.event_type,
                mode: e.mode.clone(),
                polarity: e.event_type.polarity(),
                modality: e.modality,
                quantities: q,
                time: when,
                source_actor: ActorRef { name: src.name.to_string(), kind: src.kind },
                target_actor: ActorRef { name: tgt.name.to_string(), kind: tgt.kind },
                evidence: Evidence {
                    text: text[span.start..span.end].to_string(),
                    start: span.start,
                    end: span.end,
                    part: kind,
                },
                confidence,
                explain: Some(Explanation { rule, cues }),
            };
            // One link per sentence: the first relation keeps it, with every amount.
            if let Some(prev) =
                out[..].iter_mut().rev().take_while(|r: &&mut Relation| r.evidence.start == span.start).find(|p| {
                    ((p.source == rel.source && p.target == rel.target)
                        || (p.source == rel.target && p.target == rel.source))
                        && p.sector == rel.sector
                        && p.polarity == rel.polarity
                })
            {
                for q in rel.quantities {
                    if !prev.quantities.contains(&q) {
                        prev.quantities.push(q);
                    }
                }
                continue;
            }
            out.push(rel);
        }
    }
    out
}

/// "3 million tonnes to A and 2 million tonnes to B", "$30 million to A and $15 million to B":
/// where the events of event `k`'s predicate share one side and differ in the other, the amount
/// at word `at` is the event's whose other side is named first after it (English names the
/// amount before its destination or origin). `None` where the events do not so differ or no
/// side follows the amount. The caller applies it only with two amounts or more.
fn amount_owner(events: &[crate::coding::Event], spans: &[ActorSpan<'_>], k: usize, at: usize) -> Option<usize> {
    let same: Vec<usize> = (0..events.len()).filter(|&j| events[j].predicate == events[k].predicate).collect();
    let distinct = |side: fn(&crate::coding::Event) -> usize| {
        let mut v: Vec<usize> = same.iter().map(|&j| side(&events[j])).collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let (sources, targets) = (distinct(|e| e.source), distinct(|e| e.target));
    let varying: fn(&crate::coding::Event) -> usize = match (sources, targets) {
        (1, t) if t >= 2 => |e| e.target,
        (s, 1) if s >= 2 => |e| e.source,
        _ => return None,
    };
    same.into_iter()
        .filter_map(|j| spans.get(varying(&events[j])).map(|a| (a.first, j)))
        .filter(|&(first, _)| first > at && first != usize::MAX)
        .min()
        .map(|(_, j)| j)
}

/// The document's topic actor: the first named in its title, else in its first body sentence.
fn topic_actor<'m>(article: &Article, mentions: &'m [Mention]) -> Option<&'m Mention> {
    let first_in = |start: usize, end: usize| {
        mentions.iter().filter(|m| m.start >= start && m.end <= end).min_by_key(|m| (m.start, m.end))
    };
    let title = article.parts.iter().find(|p| p.kind == entente_core::PartKind::Title);
    if let Some(m) = title.and_then(|t| first_in(t.start, t.end)) {
        return Some(m);
    }
    let (_, _, span) = article.sentences().find(|(_, kind, _)| *kind == entente_core::PartKind::Body)?;
    first_in(span.start, span.end)
}

/// The relations coded on the parse, then those of the surface pairing rules ([`crate::extract`])
/// that the parse did not give in the same sentence (pair, sector and polarity), in sentence
/// order (stable: the parse's first within a sentence). The pairing rules stay only for
/// recall where the parser's tree is wrong (README, "Relations on the parse").
pub fn with_pairing(parsed: Vec<Relation>, paired: Vec<Relation>) -> Vec<Relation> {
    let key = |r: &Relation| {
        let (a, b) = if r.source <= r.target { (&r.source, &r.target) } else { (&r.target, &r.source) };
        (r.evidence.start, a.clone(), b.clone(), r.sector, r.polarity)
    };
    let have: std::collections::BTreeSet<_> = parsed.iter().map(key).collect();
    let mut out = parsed;
    out.extend(paired.into_iter().filter(|r| !have.contains(&key(r))));
    out.sort_by_key(|r| r.evidence.start);
    out
}
