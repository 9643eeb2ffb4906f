//! The plain-text front end: text as scraped (lines and blank lines) to a [`Page`].
//!
//! A scrape keeps a page's blocks as lines, paragraphs separated by blank lines. Each line is
//! classified on its own (boilerplate, byline, caption); the lines left are joined into
//! paragraphs (a line that stops mid-sentence continues on the next), the first short line
//! without a final stop before the body is the title, quoted lines that repeat the body are
//! pull quotes, and a paragraph that introduces a person after the body is the author's bio.

use entente_core::DropReason;

use crate::classify;
use crate::page::{Block, BlockKind, Page};
use crate::quotes::{Body, Vocab};

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', '"', '\'', ')', ':', ';', '\u{2026}'])
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether `s` has more than `n` words, as `split_whitespace` reads them (reads no further
/// than word `n + 1`, eight bytes at a time where the text is printable ASCII).
fn more_words_than(s: &str, n: usize) -> bool {
    use entente_text::swar;
    let bytes = s.as_bytes();
    let (mut words, mut inside, mut i) = (0, false, 0);
    while i < bytes.len() {
        // Eight bytes of printable ASCII at a time: words begin where a space ends.
        if let Some(w) = swar::word_at(bytes, i) {
            if !swar::has_less(w, 0x20) && !swar::has_high(w) {
                let filled = !swar::eq_lanes(w, b' ') & 0x8080_8080_8080_8080;
                let starts = filled & !((filled << 8) | if inside { 0x80 } else { 0 });
                words += swar::count_lanes(starts) as usize;
                if words > n {
                    return true;
                }
                inside = filled >> 63 != 0;
                i += 8;
                continue;
            }
        }
        let (space, len) = match bytes[i] {
            // Unicode's White_Space in ASCII: tab, line feed, vertical tab, form feed, carriage
            // return, space.
            b if b < 0x80 => (matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '), 1),
            _ => s[i..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        if !space && !inside {
            words += 1;
            if words > n {
                return true;
            }
        }
        inside = !space;
        i += len;
    }
    false
}

/// Reads text as scraped. `title` is the title given with the document, if any; `find_date`:
/// whether to look for a dateline (not when the document came with its date).
pub fn read_text(text: &str, title: Option<&str>, find_date: bool) -> Page {
    let mut page = Page { body_confidence: 1.0, ..Page::default() };
    let mut blocks: Vec<Block> = Vec::new();
    let captions = classify::CaptionMarks::new(text);

    for para in split_paragraphs(text) {
        let mut current = String::new();
        let flush = |current: &mut String, blocks: &mut Vec<Block>| {
            if !current.trim().is_empty() {
                blocks.push(Block::new(BlockKind::Body, current.trim().to_string()));
            }
            current.clear();
        };
        for line in para {
            let l = line.trim();
            if l.is_empty() {
                continue;
            }
            if let Some(reason) = classify::boilerplate(l) {
                flush(&mut current, &mut blocks);
                blocks.push(Block::new(BlockKind::Dropped(reason), l));
                continue;
            }
            if let Some(author) = classify::byline(l) {
                flush(&mut current, &mut blocks);
                page.author.get_or_insert(author);
                blocks.push(Block::new(BlockKind::Dropped(DropReason::Byline), l));
                continue;
            }
            if captions.is_caption(l) {
                flush(&mut current, &mut blocks);
                blocks.push(Block::new(BlockKind::Caption, l));
                continue;
            }
            // A long line that stops mid-sentence wraps onto the next one.
            if !current.is_empty() && (current.len() <= 50 || ends_sentence(&current)) {
                flush(&mut current, &mut blocks);
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(l);
        }
        flush(&mut current, &mut blocks);
    }

    mark_title(&mut blocks, title);
    mark_pull_quotes(&mut blocks);
    mark_bios(&mut blocks, &mut page.author);
    page.title = blocks.iter().find(|b| b.kind == BlockKind::Title).map(|b| b.text.clone());
    if find_date {
        let lines: Vec<&str> = entente_text::lines(text).map(str::trim).filter(|l| !l.is_empty()).collect();
        page.date = crate::date::from_text_lines(&lines);
    }
    page.blocks = blocks;
    page
}

/// Paragraphs: runs of lines separated by blank lines.
fn split_paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in entente_text::lines(text) {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The title: the block equal to the given title, or else the first short block without a
/// final stop that comes before any body paragraph and is followed by one.
fn mark_title(blocks: &mut [Block], given: Option<&str>) {
    if let Some(given) = given {
        if let Some(b) = blocks.iter_mut().take(6).find(|b| {
            // Squashing spaces only shortens: a block much longer than the title is not it.
            b.kind == BlockKind::Body && b.text.len() <= 4 * given.len() + 16 && same_words(&b.text, given)
        }) {
            b.kind = BlockKind::Title;
        }
        return;
    }
    let Some(first) = blocks.iter().position(|b| b.kind == BlockKind::Body) else {
        return;
    };
    let b = &blocks[first];
    let n = word_count(&b.text);
    let has_body_after = blocks[first + 1..].iter().any(|b| b.kind == BlockKind::Body && more_words_than(&b.text, 20));
    if (1..=20).contains(&n) && !ends_sentence(&b.text) && has_body_after {
        blocks[first].kind = BlockKind::Title;
    }
}

/// Whether two texts have the same words in any case, however spaced (as their squashed,
/// lowercased forms would be equal), compared a word at a time: most differ at the first.
fn same_words(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) => {
                let same = if p.is_ascii() && q.is_ascii() {
                    p.eq_ignore_ascii_case(q)
                } else {
                    p.to_lowercase() == q.to_lowercase()
                };
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Quoted lines that repeat what the body says, each against the body without it (and without
/// the pull quotes found before it).
pub(crate) fn mark_pull_quotes(blocks: &mut [Block]) {
    let candidates: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].kind == BlockKind::Body && classify::is_quoted(&blocks[i].text))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let in_body: Vec<usize> = (0..blocks.len()).filter(|&j| blocks[j].kind == BlockKind::Body).collect();
    let mut vocab = Vocab::default();
    let quotes: Vec<Vec<u32>> = candidates.iter().map(|&i| vocab.add(&blocks[i].text)).collect();
    let Some(mut body) = Body::new(&vocab, &quotes, in_body.iter().map(|&j| blocks[j].text.as_str())) else {
        return;
    };
    for (quote, &i) in quotes.iter().zip(&candidates) {
        // Candidates are body blocks.
        let Ok(k) = in_body.binary_search(&i) else { continue };
        if body.repeats(quote, Some(k)) {
            blocks[i].kind = BlockKind::PullQuote;
            body.remove(k);
        }
    }
}

/// A bio: a paragraph introducing a person, after the body's last long paragraph or before
/// its first.
fn mark_bios(blocks: &mut [Block], author: &mut Option<String>) {
    // The first and the last long paragraph (looked for from each end: the ones between do
    // not matter).
    let long = |i: &usize| blocks[*i].kind == BlockKind::Body && more_words_than(&blocks[*i].text, 25);
    let (Some(first), Some(last)) = ((0..blocks.len()).find(long), (0..blocks.len()).rev().find(long)) else {
        return;
    };
    for (i, block) in blocks.iter_mut().enumerate() {
        if block.kind != BlockKind::Body {
            continue;
        }
        let at_edge = i >= last || i <= first;
        if !at_edge {
            continue;
        }
        if let Some(name) = classify::bio(&block.text) {
            // The last long paragraph is a bio only if something else is the body.
            if first != last || !(i == first || i == last) {
                block.kind = BlockKind::Bio;
                if !name.is_empty() {
                    author.get_or_insert(name);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn more_words_than_counts_as_split_whitespace_does() {
        let texts = [
            "",
            " ",
            "one",
            "one two",
            " a  b\tc\u{0b}d\u{a0}e\u{2003}f ",
            "é ü\u{3000}ß",
            "a\r\nb",
            "Israel and Azerbaijan signed  an agreement on   Tuesday, officials said in Baku.",
            "        a        b       c d e f g h i j k l m n o p q r s t u v w x y z",
        ];
        for t in texts {
            let words = t.split_whitespace().count();
            for n in 0..30 {
                assert_eq!(super::more_words_than(t, n), words > n, "{t:?} {n}");
            }
        }
    }

    use super::*;

    const SCRAPE: &str = "Main Menu:\n\nLasting Ties Across the Black Sea\n\nBy Ana Ionescu\n\n\
        Romania and Georgia signed an energy accord in Bucharest last week, the latest step in a partnership that both governments describe as strategic for the region.\n\n\
        The accord covers gas transit and an undersea power cable. Officials said it\n\
        could be completed by 2030, if financing is secured from European lenders.\n\n\
        \"a partnership that both governments describe as strategic for the region\"\n\n\
        Ministers at the signing ceremony in Bucharest; Credit: Staff Photographer / Archive.\n\n\
        The two countries also agreed to expand military exercises on the coast, according to a joint statement released by both defence ministries.\n\n\
        Ana Ionescu is a senior fellow at an institute for regional studies. Follow her on Twitter at @anai.\n\n\
        Please reload\n\n\u{a9} Example Review 2024.\n\nShare on Facebook\n";

    fn kinds(page: &Page) -> Vec<BlockKind> {
        page.blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn reads_a_scrape_like_the_seed() {
        let page = read_text(SCRAPE, None, true);
        use BlockKind::*;
        assert_eq!(
            kinds(&page),
            vec![
                Dropped(DropReason::Navigation),
                Title,
                Dropped(DropReason::Byline),
                Body,
                Body,
                PullQuote,
                Caption,
                Body,
                Bio,
                Dropped(DropReason::Widget),
                Dropped(DropReason::Copyright),
                Dropped(DropReason::Share),
            ]
        );
        assert_eq!(page.title.as_deref(), Some("Lasting Ties Across the Black Sea"));
        assert_eq!(page.author.as_deref(), Some("Ana Ionescu"));
        // The wrapped lines are one paragraph.
        assert!(page.blocks[4].text.contains("Officials said it could be completed by 2030"));
    }

    #[test]
    fn a_bio_is_marked_only_when_something_else_is_the_body() {
        let bio = "Jane Doe is a senior fellow at an institute for regional studies, where she writes \
            on energy security, trade corridors and the politics of the Caspian states for several journals.";
        let body = "Kazakhstan and Azerbaijan signed an agreement on oil transit across the Caspian Sea on \
            Tuesday, and officials in both capitals said the first shipments could begin next year.";
        // After the body's last long paragraph: a bio.
        let page = read_text(&format!("{body}\n\n{body}\n\n{bio}"), None, false);
        assert_eq!(kinds(&page), [BlockKind::Body, BlockKind::Body, BlockKind::Bio]);
        assert_eq!(page.author.as_deref(), Some("Jane Doe"));
        // One long paragraph after another: the last is a bio when it reads as one.
        let page = read_text(&format!("{body}\n\n{bio}"), None, false);
        assert_eq!(kinds(&page), [BlockKind::Body, BlockKind::Bio]);
        // The only long paragraph is the body, whatever it reads like.
        let page = read_text(&format!("Short line one\n\n{bio}\n\nShort line two."), None, false);
        assert_eq!(page.blocks.iter().filter(|b| b.kind == BlockKind::Bio).count(), 0);
    }

    #[test]
    fn given_title_is_found() {
        let page = read_text("TRADE TALKS RESUME\n\nJapan and the EC resumed talks on Monday about quotas for cars and electronics, officials said.", Some("Trade talks resume"), true);
        assert_eq!(page.blocks[0].kind, BlockKind::Title);
        assert_eq!(page.blocks[1].kind, BlockKind::Body);
    }

    #[test]
    fn a_dateline_is_read_only_when_the_date_is_not_given() {
        let text = "December 21, 2016\n\nJapan and Korea resumed talks on quotas for cars, officials said.";
        let found = read_text(text, None, true).date.map(|d| d.value);
        assert_eq!(found.as_deref(), Some("2016-12-21"));
        assert_eq!(read_text(text, None, false).date, None);
    }

    #[test]
    fn same_words_ignore_case_and_spacing() {
        assert!(same_words("Lasting  Ties\nAcross the SEA", "lasting ties across the sea"));
        assert!(same_words("ÉTÉ Indien", "été  indien"));
        assert!(!same_words("Lasting Ties", "Lasting Ties Across"));
        assert!(!same_words("Lasting Ties", "Lasting Times"));
    }
}
