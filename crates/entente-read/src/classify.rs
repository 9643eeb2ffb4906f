//! Line classifiers shared by the text and HTML front ends: boilerplate, captions, bylines,
//! author bios and pull quotes. Each looks at one line or paragraph of normalised text and
//! answers from the language of web pages, not from any one site.

use entente_core::DropReason;

/// How many words [`lower_words`] would give, without building them, counting no further
/// than `cap + 1`: eight bytes at a time where they are ASCII (a word starts where a letter,
/// digit or apostrophe follows anything else).
fn count_words(line: &str, cap: usize) -> usize {
    use entente_text::swar;
    let bytes = line.as_bytes();
    let mut n = 0;
    let mut inside = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(w) = swar::word_at(bytes, i) {
            if !swar::has_high(w) {
                let wordy = swar::alnum_lanes(w) | swar::eq_lanes(w, b'\'');
                let starts = wordy & !((wordy << 8) | if inside { 0x80 } else { 0 });
                n += swar::count_lanes(starts) as usize;
                if n > cap {
                    return cap + 1;
                }
                inside = wordy >> 63 != 0;
                i += 8;
                continue;
            }
        }
        // ASCII by one test; a character outside it decoded.
        let (wordy, len) = match bytes[i] {
            b if b < 0x80 => (b.is_ascii_alphanumeric() || b == b'\'', 1),
            _ => line[i..].chars().next().map_or((false, 1), |c| (entente_text::is_alphanumeric(c), c.len_utf8())),
        };
        if wordy && !inside {
            n += 1;
            if n > cap {
                break;
            }
        }
        inside = wordy;
        i += len;
    }
    n
}

/// Whether `hay` contains "cookie", "Cookie" or "COOKIE": one pass of memchr's vector search
/// for the letter k (rare in English), then a look around each.
fn mentions_cookies(hay: &str) -> bool {
    let bytes = hay.as_bytes();
    let fits = |k: usize| {
        let Some(word) = k.checked_sub(3).and_then(|from| bytes.get(from..k + 3)) else { return false };
        matches!(word, b"cookie" | b"Cookie" | b"COOKIE")
    };
    memchr::memchr2_iter(b'k', b'K', bytes).any(fits)
}

/// Words of a line, lowercased, letters and digits only.
fn lower_words(line: &str) -> Vec<String> {
    word_pieces(line).map(str::to_lowercase).collect()
}

/// The words of a line as the classifiers read them: runs of letters, digits and apostrophes.
pub(crate) fn word_pieces(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !entente_text::is_alphanumeric(c) && c != '\'').filter(|w| !w.is_empty())
}

const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "linkedin",
    "youtube",
    "instagram",
    "pinterest",
    "whatsapp",
    "telegram",
    "reddit",
    "tumblr",
    "tiktok",
    "rss",
    "email",
    "vk",
    "mastodon",
    "threads",
];

/// Why a short line is boilerplate, if it is. Long lines (a real paragraph that happens to
/// mention Facebook) are never boilerplate here.
pub fn boilerplate(line: &str) -> Option<DropReason> {
    let t = line.trim().trim_start_matches(['•', '·', '*', '-', '|', '>', '»']).trim();
    if t.is_empty() {
        return None;
    }
    let n = count_words(t, 14);
    if n > 14 {
        // A paragraph: only a copyright line or a cookie notice can be this long. Most lines
        // of a page are such paragraphs, so they are not lowercased unless they might be one.
        let starts = |p: &[u8]| t.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
        // A photo credit run into the paragraph after it ("© Provided by Example Photo The
        // ministers met...") is that paragraph: a notice is not forty words of prose.
        if (t.starts_with('©') || starts(b"copyright") || starts(b"(c) ")) && count_words(t, 40) <= 40 {
            return Some(DropReason::Copyright);
        }
        let might_be_cookie = mentions_cookies(t);
        return if might_be_cookie { cookie_notice(&t.to_lowercase(), n) } else { None };
    }
    // The words themselves matter only for the shortest lines (social and share rows).
    let words = if n <= 6 { lower_words(t) } else { Vec::new() };
    let lower = t.to_lowercase();
    let starts = |p: &str| lower.starts_with(p);
    let has = |p: &str| lower.contains(p);

    if starts("©") || starts("(c) ") || starts("copyright") || (n <= 12 && has("all rights reserved")) {
        return Some(DropReason::Copyright);
    }
    if starts("designed by")
        || starts("powered by")
        || starts("website by")
        || starts("site by")
        || starts("built with")
        || starts("theme by")
        || starts("web design by")
    {
        return Some(DropReason::Credit);
    }
    if starts("contact us")
        || starts("contact:")
        || starts("email us")
        || starts("tel:")
        || starts("phone:")
        || starts("fax:")
        || lower == "contact"
    {
        return Some(DropReason::Contact);
    }
    if starts("follow us")
        || starts("follow me")
        || starts("connect with us")
        || starts("find us on")
        || starts("like us on")
        || has("social icon")
        || (n <= 4
            && words.iter().all(|w| {
                SOCIAL.contains(&w.as_str()) || matches!(w.as_str(), "icon" | "social" | "logo" | "on" | "us")
            }))
    {
        return Some(DropReason::Social);
    }
    if starts("share this")
        || starts("share on")
        || starts("share:")
        || lower == "share"
        || starts("tweet this")
        || starts("print this")
        || starts("email this")
        || lower == "print"
        || lower == "tweet"
        || (n <= 6 && starts("share") && words.iter().any(|w| SOCIAL.contains(&w.as_str())))
    {
        return Some(DropReason::Share);
    }
    if starts("related articles")
        || starts("related stories")
        || starts("related posts")
        || starts("related:")
        || starts("read also")
        || starts("read more")
        || starts("see also")
        || starts("more from")
        || starts("you may also like")
        || starts("you might also like")
        || starts("recommended")
        || starts("most read")
        || starts("most popular")
        || starts("trending")
        || lower == "related"
    {
        return Some(DropReason::Related);
    }
    if let Some(r) = cookie_notice(&lower, n) {
        return Some(r);
    }
    if matches!(
        lower.trim_end_matches(['.', '!', ':']),
        "please reload"
            | "loading"
            | "load more"
            | "show more"
            | "click here"
            | "back to top"
            | "scroll to top"
            | "skip to content"
            | "skip to main content"
            | "toggle navigation"
            | "menu"
            | "close"
            | "search"
            | "log in"
            | "login"
            | "sign in"
            | "sign up"
            | "register"
            | "subscribe"
            | "newsletter"
            | "home"
            | "next"
            | "previous"
            | "prev"
            | "comments"
            | "leave a comment"
            | "leave a reply"
            | "reply"
            | "advertisement"
            | "sponsored"
            | "ad"
            | "continue reading"
            | "top"
            | "view all"
            | "more"
            | "no comments"
            | "post comment"
            | "submit"
            | "cancel"
    ) {
        return Some(if matches!(lower.as_str(), "advertisement" | "sponsored" | "ad") {
            DropReason::Advert
        } else {
            DropReason::Widget
        });
    }
    if starts("subscribe to") || starts("sign up for") || starts("join our newsletter") || starts("get our newsletter")
    {
        return Some(DropReason::Widget);
    }
    // Navigation: a few words ending with a colon ("All Articles:", "Categories:"), or a run of
    // menu words separated by bars.
    if n <= 3 && t.ends_with(':') {
        return Some(DropReason::Navigation);
    }
    if t.matches('|').count() >= 2 && n <= 14 {
        return Some(DropReason::Navigation);
    }
    None
}

fn cookie_notice(lower: &str, n: usize) -> Option<DropReason> {
    // Most lines do not mention cookies: the consent words are looked for only in those that do.
    if n > 80 || !lower.contains("cookie") {
        return None;
    }
    let consent = ["accept", "consent", "we use", "this site uses", "this website uses", "privacy policy", "agree"]
        .iter()
        .any(|c| lower.contains(c));
    consent.then_some(DropReason::Cookie)
}

/// A photo caption: a short line with a credit ("Credit:", "Photo:", "(Photo: ...)",
/// "/ AFP", "Getty Images").
pub fn is_caption(line: &str) -> bool {
    let t = line.trim();
    // The marks first: most lines have none, and counting words costs more.
    credit_marks().is_match(t.to_ascii_lowercase().as_bytes()) && (1..=80).contains(&count_words(t, 80))
}

/// The photo-credit marks of a whole text, found in one search, for asking [`is_caption`] of
/// its lines (the automaton's set-up and a lowercased copy cost more than the search, line by
/// line).
#[derive(Debug)]
pub(crate) struct CaptionMarks<'t> {
    text: &'t str,
    /// Where the marks are, in order (leftmost-first, not overlapping).
    marks: Vec<(usize, usize)>,
}

impl<'t> CaptionMarks<'t> {
    pub fn new(text: &'t str) -> Self {
        let lowered = text.to_ascii_lowercase();
        let marks = credit_marks().find_iter(lowered.as_bytes()).map(|m| (m.start(), m.end())).collect();
        CaptionMarks { text, marks }
    }

    /// [`is_caption`] of `line`, a slice of the text. No mark holds a line break or begins with
    /// a space, so a mark inside the trimmed line is the first found that begins in it; one that
    /// begins in it and runs on into the spaces after it ("photo by ") is checked again on the
    /// line alone.
    pub fn is_caption(&self, line: &str) -> bool {
        let t = line.trim();
        let base = self.text.as_ptr() as usize;
        let at = (t.as_ptr() as usize).wrapping_sub(base);
        if at > self.text.len() || at + t.len() > self.text.len() {
            return is_caption(t); // not a slice of the text
        }
        let end = at + t.len();
        let i = self.marks.partition_point(|m| m.0 < at);
        match self.marks.get(i) {
            Some(&(s, e)) if s < end => {
                if e <= end {
                    (1..=80).contains(&count_words(t, 80))
                } else {
                    is_caption(t)
                }
            }
            _ => false,
        }
    }
}

/// The marks of a photo credit (ASCII, lower case), found in a line lowercased in ASCII: that
/// matches what an ASCII case-insensitive search would, and lets the automaton use its packed
/// (SIMD) prefilter, which a case-insensitive one cannot (leftmost-first: the packed searchers
/// need it; whether a line has a mark does not depend on it); most lines have no mark.
fn credit_marks() -> &'static aho_corasick::AhoCorasick {
    static MARKS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    MARKS.get_or_init(|| {
        let marks = [
            "credit:",
            "photo:",
            "photograph:",
            "photo credit",
            "image:",
            "picture:",
            "photos:",
            "image credit",
            "(photo",
            "(image",
            "(picture",
            "photo by ",
            "photograph by ",
            "courtesy of",
            "getty images",
            "/ afp",
            "/afp",
            "/ reuters",
            "reuters/",
            "/ ap",
            "ap photo",
            "/ epa",
            "epa/",
            "via wikimedia",
            "wikimedia commons",
            "file photo",
        ];
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(marks)
            .expect("a handful of fixed marks always builds")
    })
}

/// A byline ("By Jane Doe", "By Jane Doe and John Roe, Reuters"): the author's name.
pub fn byline(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY ")).or_else(|| t.strip_prefix("by "))?;
    let name = rest.split([',', '|', '\u{2014}', '(']).next()?.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let looks_like_name = (2..=8).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || matches!(*w, "and" | "de" | "van" | "von" | "al" | "bin")
        });
    looks_like_name.then(|| name.to_string())
}

const BIO_WORDS: &[&str] = &[
    "candidate",
    "professor",
    "journalist",
    "fellow",
    "author",
    "editor",
    "correspondent",
    "researcher",
    "analyst",
    "writer",
    "director",
    "student",
    "contributor",
    "lecturer",
    "scholar",
    "reporter",
    "columnist",
    "associate",
    "founder",
    "consultant",
    "graduate",
    "phd",
    "dphil",
    "chair",
];

/// An author's bio ("Jane Doe is a senior fellow at ...; follow her on Twitter"): returns the
/// author's name when the paragraph opens with one.
pub fn bio(para: &str) -> Option<String> {
    let t = para.trim();
    // (Only ASCII letters lowercase to these, so the bytes can be compared as they are.)
    if t.as_bytes().get(..16).is_some_and(|h| h.eq_ignore_ascii_case(b"about the author")) {
        return Some(String::new());
    }
    // A name of two to four capitalised words, then "is" or "was", then an article: the
    // first seven words decide, before the paragraph is lowercased.
    let words: Vec<&str> = t.split_whitespace().take(7).collect();
    let verb = words.iter().take(6).position(|w| matches!(*w, "is" | "was" | "has"))?;
    if !(2..=5).contains(&verb) {
        return None;
    }
    let name = &words[..verb];
    if !name.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    // The paragraph is lowercased, and its words listed, only as far as the answer needs.
    let mut lower = None;
    let mut has = |pat: &str| contains_lowered(t, &mut lower, pat);
    let followed = has("follow") && (has("twitter") || has("facebook"));
    let described = || {
        let lw = lower_words(t);
        let bioish = lw.iter().filter(|w| BIO_WORDS.contains(&w.as_str())).count();
        bioish >= 1 && lw.len() <= 90
    };
    if followed || (matches!(words.get(verb + 1), Some(&"a" | &"an" | &"the")) && described()) {
        Some(name.join(" ").trim_end_matches([',', '.']).to_string())
    } else {
        None
    }
}

/// Whether `t` lowercased contains `pat` (ASCII in small letters): compared in place where `t`
/// is ASCII, else in `lower`, the lowercased copy made the first time one is needed.
fn contains_lowered(t: &str, lower: &mut Option<String>, pat: &str) -> bool {
    let p = pat.as_bytes();
    if !t.is_ascii() || p.is_empty() {
        return lower.get_or_insert_with(|| t.to_lowercase()).contains(pat);
    }
    let b = t.as_bytes();
    memchr::memchr2_iter(p[0], p[0].to_ascii_uppercase(), b)
        .any(|i| b.get(i..i + p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p)))
}

/// Whether a line is wholly in quotation marks (what a pull quote must be; callers ask this
/// first, before they gather the body to compare it with).
pub fn is_quoted(line: &str) -> bool {
    let t = line.trim();
    t.len() > 2 && t.starts_with('"') && (t.ends_with('"') || t.ends_with("\".") || t.ends_with(".\""))
}

/// A pull quote: a line wholly in quotation marks whose words are repeated in the body (most of
/// its three-word windows: a pull quote may shorten or rephrase the sentence it lifts). This
/// states the rule for one quote; the front ends check all of a page's quotes with the body read
/// once (`quotes`), tested against this.
pub fn is_pull_quote(line: &str, body: &str) -> bool {
    let t = line.trim();
    if !is_quoted(t) {
        return false;
    }
    let inner = t.trim_matches(|c: char| c == '"' || c == '.' || c.is_whitespace());
    let words = lower_words(inner);
    if words.len() < 4 {
        return false;
    }
    let body_words = lower_words(body);
    // Every 3-word window of the quote appears in the body.
    // The keys are the document's words: the standard, keyed hasher.
    let trigrams: std::collections::HashSet<&[String]> = body_words.windows(3).collect();
    let hits = words.windows(3).filter(|w| trigrams.contains(w)).count();
    hits * 10 >= words.windows(3).count() * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_words_counts_as_lower_words_does() {
        let lines = [
            "",
            "Israel's oil: 40 percent, from Azerbaijan (2016) -- officials said",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "Türkiye’s exports — to Ελλάδα — rose 5% in O'Neill's report",
            "   '' quoted ''   words   ",
        ];
        for line in lines {
            let words = lower_words(line).len();
            for cap in 0..30 {
                assert_eq!(count_words(line, cap), words.min(cap + 1), "{line:?} {cap}");
            }
        }
    }

    #[test]
    fn contains_lowered_answers_as_the_lowercased_copy_would() {
        let texts =
            ["", "Follow her on TWITTER", "fOlLoW", "folloW", "ffollow", "fol", "Ünal FOLLOWS", "faceboo\u{212A}"];
        for t in texts {
            for pat in ["follow", "twitter", "facebook", "f"] {
                let mut lower = None;
                assert_eq!(contains_lowered(t, &mut lower, pat), t.to_lowercase().contains(pat), "{t:?} {pat}");
            }
        }
    }

    #[test]
    fn caption_marks_of_a_text_answer_as_each_line_would() {
        let pieces = [
            "Leaders in Baku",
            "; Credit: ",
            "Photo by ",
            "photo by",
            "/ AFP",
            "Getty Images",
            "(photo",
            " ",
            "  ",
            "\n",
            "\n\n",
            "Ünal",
            "ap photo",
            "word ",
            "file photo",
            "courtesy of",
            ".",
        ];
        let mut rng = crate::TestRng(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0;
        for _ in 0..3000 {
            let text: String = (0..1 + rng.below(30)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let marks = CaptionMarks::new(&text);
            for line in text.lines() {
                assert_eq!(marks.is_caption(line), is_caption(line), "{line:?} in {text:?}");
                checked += usize::from(is_caption(line));
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn mentions_cookies_as_a_search_for_each_spelling_would() {
        let lines = [
            "We use cookies.",
            "COOKIE POLICY",
            "Cookie",
            "cookie",
            "kookie cookIe cooKie",
            "Kazakhstan's oil, the Kremlin and Kyiv, talking of cookery",
            "a long line without the word in it at all, only Kazakh kinship and kites ok",
            "ck",
            "",
        ];
        for line in lines {
            let any = ["cookie", "Cookie", "COOKIE"].iter().any(|w| line.contains(w));
            assert_eq!(mentions_cookies(line), any, "{line}");
        }
    }

    #[test]
    fn boilerplate_lines() {
        let cases = [
            ("All Articles:", DropReason::Navigation),
            ("Please reload", DropReason::Widget),
            ("© Example Press 2019.", DropReason::Copyright),
            ("Copyright 2020 Some Site. All rights reserved.", DropReason::Copyright),
            ("Designed by A Studio", DropReason::Credit),
            ("Contact us:", DropReason::Contact),
            ("Follow us on:", DropReason::Social),
            ("  • Twitter Social Icon", DropReason::Social),
            ("Share on Facebook", DropReason::Share),
            ("Related articles", DropReason::Related),
            ("We use cookies to improve your experience. Accept all", DropReason::Cookie),
            ("Home | World | Business | Opinion", DropReason::Navigation),
            ("Advertisement", DropReason::Advert),
        ];
        for (line, want) in cases {
            assert_eq!(boilerplate(line), Some(want), "{line}");
        }
    }

    #[test]
    fn body_lines_are_not_boilerplate() {
        for line in [
            "Turkey and Georgia signed a pipeline deal on Facebook's home turf, officials said.",
            "The ministers met in Ankara.",
            "Share prices of the state oil company rose after the deal with Norway was announced to investors.",
            "Caspian Crossroads",
        ] {
            assert_eq!(boilerplate(line), None, "{line}");
        }
    }

    #[test]
    fn captions_bylines_bios() {
        assert!(is_caption("Leaders shake hands in Ankara in 2004; Credit: A. Person / Archive."));
        assert!(is_caption("Troops on parade. (Photo: Jane Roe/AFP)"));
        assert!(!is_caption("The ministers met in Ankara to discuss credit lines."));
        // Marks in any case (the line is lowercased in ASCII before the search).
        assert!(is_caption("The summit in Baku. CREDIT: STAFF"));
        assert!(is_caption("Leaders at the signing, Getty Images"));
        assert!(is_caption("Zürich talks, wikimedia COMMONS"));
        assert_eq!(byline("By Jane Doe and John Roe, Reuters").as_deref(), Some("Jane Doe and John Roe"));
        assert_eq!(byline("By the way, the talks failed."), None);
        assert_eq!(
            bio("Jane Q. Doe is a senior fellow at the Institute of Things. Follow her on Twitter at @jqd.").as_deref(),
            Some("Jane Q. Doe")
        );
        assert_eq!(bio("Turkey is a member of NATO and has been since 1952."), None);
        assert_eq!(bio("ABOUT THE AUTHOR: a fellow of the institute.").as_deref(), Some(""));
        assert_eq!(bio("About the"), None);
        // The verb must come within the first six words.
        assert_eq!(bio("Jane Quentin Robertson Doe Smith Jones is a senior fellow at the institute."), None);
        assert_eq!(bio("Jane Doe was a reporter at the Daily Example for ten years.").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn pull_quotes_repeat_the_body() {
        let body =
            "Officials said Norway is ready to build lasting energy partnerships with its neighbours in the north.";
        assert!(is_pull_quote("\"Norway is ready to build lasting energy partnerships with its neighbours\"", body));
        assert!(is_pull_quote(
            "\"Norway can build lasting energy partnerships with its neighbours in the north\"",
            body
        ));
        assert!(!is_pull_quote("\"We will never accept these terms from anyone at all\"", body));
        assert!(!is_pull_quote("Norway is ready to build lasting energy partnerships", body));
        assert!(is_quoted("\"Ready to build.\"") && is_quoted("  \"Ready to build\".") && is_quoted("\"Ready.\""));
        assert!(!is_quoted("\"We are ready,\" the minister said.") && !is_quoted("\"\"") && !is_quoted("Ready"));
    }
}
