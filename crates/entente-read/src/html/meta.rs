//! What a page says about itself: `<meta>` tags, schema.org JSON-LD, `<time datetime>`,
//! `<title>`: the title, author, publication date and, when the page carries it, the article
//! body as JSON-LD `articleBody`.

use entente_core::{DateSource, PubDate};
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use crate::date;

/// Metadata read from the page's head and schema.org data.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// `<title>`.
    pub html_title: Option<String>,
    /// `og:title`, `twitter:title`, JSON-LD `headline`.
    pub headline: Option<String>,
    pub author: Option<String>,
    pub date: Option<PubDate>,
    /// JSON-LD `articleBody`.
    pub article_body: Option<String>,
    /// `og:url` or `<link rel=canonical>`.
    pub url: Option<String>,
    pub site_name: Option<String>,
}

fn clean(s: &str) -> String {
    let s = if s.contains('&') { decode_entities(s) } else { s.to_string() };
    entente_text::squash_spaces(&entente_text::normalize(&s))
}

/// Decodes character references left in metadata that was escaped twice ("doesn&#8217;t").
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                v.and_then(char::from_u32).filter(|c| *c != '\0')
            } else {
                Some(match name {
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    "lt" => '<',
                    "gt" => '>',
                    "nbsp" => ' ',
                    "rsquo" | "lsquo" => '\'',
                    "rdquo" | "ldquo" => '"',
                    "ndash" => '\u{2013}',
                    "mdash" => '\u{2014}',
                    "hellip" => '\u{2026}',
                    _ => return None,
                })
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Meta tags naming a publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "article:published",
    "bt:pubdate",
    "og:published_time",
    "published_time",
    "published-date",
    "release_date",
    "timestamp",
    "created",
];

const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
    "citation_author",
    "twitter:creator",
];

/// Reads the metadata of a parsed page. Linear: one pass over the tree.
pub fn read_meta(dom: &Html) -> Meta {
    let mut m = Meta::default();
    let mut date_rank: Option<(usize, PubDate)> = None;
    let mut author_rank: Option<(usize, String)> = None;
    let mut og_title = None;
    let mut time_date: Option<PubDate> = None;
    for node in dom.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        match e.name() {
            "title" if m.html_title.is_none() => {
                if let Some(er) = ElementRef::wrap(node) {
                    let t = clean(&er.text().collect::<String>());
                    if !t.is_empty() {
                        m.html_title = Some(t);
                    }
                }
            }
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                let Some(content) = e.attr("content").map(clean).filter(|c| !c.is_empty()) else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" | "headline" => {
                        og_title.get_or_insert(content);
                    }
                    "og:url" => {
                        m.url.get_or_insert(content);
                    }
                    "og:site_name" | "application-name" => {
                        m.site_name.get_or_insert(content);
                    }
                    k => {
                        if let Some(rank) = DATE_META.iter().position(|d| *d == k) {
                            if date_rank.as_ref().is_none_or(|(r, _)| rank < *r) {
                                if let Some(v) = date::parse_date(&content) {
                                    date_rank = Some((
                                        rank,
                                        PubDate {
                                            value: v,
                                            source: DateSource::Meta,
                                            inferred: true,
                                            evidence: Some(format!("<meta {k}=\"{content}\">")),
                                        },
                                    ));
                                }
                            }
                        } else if let Some(rank) = AUTHOR_META.iter().position(|d| *d == k) {
                            let usable = !content.starts_with("http")
                                && !content.starts_with('@')
                                && content.chars().count() < 100;
                            if usable && author_rank.as_ref().is_none_or(|(r, _)| rank < *r) {
                                author_rank = Some((rank, content));
                            }
                        }
                    }
                }
            }
            "link" => {
                let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    if let Some(h) = e.attr("href") {
                        m.url.get_or_insert(h.trim().to_string());
                    }
                }
            }
            "time" if time_date.is_none() => {
                let dt = e.attr("datetime").or_else(|| e.attr("data-datetime"));
                if let Some(v) = dt.and_then(date::parse_date) {
                    time_date = Some(PubDate {
                        value: v,
                        source: DateSource::Time,
                        inferred: true,
                        evidence: dt.map(|d| format!("<time datetime=\"{}\">", d.trim())),
                    });
                }
            }
            "script" => {
                let ty = e.attr("type").unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") {
                    if let Some(er) = ElementRef::wrap(node) {
                        let raw: String = er.text().collect();
                        json_ld(&raw, &mut m);
                    }
                }
            }
            _ => {}
        }
    }
    m.headline = m.headline.take().or(og_title);
    if m.author.is_none() {
        m.author = author_rank.map(|(_, a)| a);
    }
    // JSON-LD's datePublished (set by json_ld) is as good as a meta tag; meta wins when both.
    m.date = match (date_rank, m.date.take(), time_date) {
        (Some((_, d)), _, _) => Some(d),
        (None, Some(d), _) => Some(d),
        (None, None, t) => t,
    };
    m
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "socialmediaposting",
    "posting",
    "webpage",
];

fn is_article(v: &Value) -> Option<usize> {
    let ty = v.get("@type")?;
    let names: Vec<String> = match ty {
        Value::String(s) => vec![s.to_ascii_lowercase()],
        Value::Array(a) => a.iter().filter_map(|x| x.as_str()).map(str::to_ascii_lowercase).collect(),
        _ => return None,
    };
    names.iter().filter_map(|n| ARTICLE_TYPES.iter().position(|t| t == n)).min()
}

fn person_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(clean(s)),
        Value::Object(o) => o.get("name").and_then(person_name),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(person_name).filter(|n| !n.is_empty()).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
    .filter(|n| !n.is_empty() && !n.starts_with("http"))
}

fn json_ld(raw: &str, m: &mut Meta) {
    let Ok(v) = serde_json::from_str::<Value>(raw.trim().trim_end_matches(';')) else {
        return;
    };
    // Collect candidate objects: the top level, arrays, @graph, mainEntity.
    let mut stack = vec![&v];
    let mut best: Option<(usize, &Value)> = None;
    let mut seen = 0;
    while let Some(x) = stack.pop() {
        seen += 1;
        if seen > 1000 {
            break;
        }
        match x {
            Value::Array(a) => stack.extend(a.iter()),
            Value::Object(o) => {
                if let Some(rank) = is_article(x) {
                    if best.is_none_or(|(r, _)| rank < r) {
                        best = Some((rank, x));
                    }
                }
                for key in ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"] {
                    if let Some(c) = o.get(key) {
                        stack.push(c);
                    }
                }
            }
            _ => {}
        }
    }
    let Some((_, a)) = best else {
        return;
    };
    let s = |k: &str| a.get(k).and_then(Value::as_str).map(clean).filter(|s| !s.is_empty());
    if m.headline.is_none() {
        m.headline = s("headline").or_else(|| s("name"));
    }
    if m.author.is_none() {
        m.author = a.get("author").and_then(person_name).or_else(|| a.get("creator").and_then(person_name));
    }
    if m.date.is_none() {
        for k in ["datePublished", "dateCreated", "uploadDate"] {
            if let Some(raw) = a.get(k).and_then(Value::as_str) {
                if let Some(v) = date::parse_date(raw) {
                    m.date = Some(PubDate {
                        value: v,
                        source: DateSource::JsonLd,
                        inferred: true,
                        evidence: Some(format!("\"{k}\": \"{}\"", raw.trim())),
                    });
                    break;
                }
            }
        }
    }
    if m.article_body.is_none() {
        if let Some(body) = a.get("articleBody").and_then(Value::as_str) {
            let body = entente_text::normalize(body);
            if !body.trim().is_empty() {
                m.article_body = Some(body);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_left_in_metadata() {
        assert_eq!(decode_entities("doesn&#8217;t &amp; won&rsquo;t"), "doesn\u{2019}t & won't");
        assert_eq!(decode_entities("&#x41;&bogus; &"), "A&bogus; &");
        // Never splits a character, whatever follows the ampersand.
        assert_eq!(decode_entities("&ééééééééé;"), "&ééééééééé;");
        assert_eq!(decode_entities("&#0;&#xFFFFFFFF;"), "&#0;&#xFFFFFFFF;");
    }

    #[test]
    fn json_ld_graph_and_authors() {
        let mut m = Meta::default();
        json_ld(
            r#"{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":["NewsArticle"],"headline":"H",
               "author":[{"name":"A B"},{"name":"C D"}],"datePublished":"2020-01-02T03:04:05Z"}]}"#,
            &mut m,
        );
        assert_eq!(m.headline.as_deref(), Some("H"));
        assert_eq!(m.author.as_deref(), Some("A B, C D"));
        assert_eq!(m.date.map(|d| d.value).as_deref(), Some("2020-01-02"));
        json_ld("{not json", &mut Meta::default());
    }
}
