// Shared by the targets: the checks every article must pass.
#![allow(dead_code)]

use entente::{Article, Extraction};

/// Every offset inside the text and on character boundaries; sentences inside their part.
pub fn check_article(a: &Article) {
    let t = &a.text;
    let ok = |s: usize, e: usize| s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e);
    for p in &a.parts {
        assert!(ok(p.start, p.end), "part {}..{} of {} bytes", p.start, p.end, t.len());
        for s in &p.sentences {
            assert!(ok(s.start, s.end), "sentence {}..{}", s.start, s.end);
            assert!(p.start <= s.start && s.end <= p.end, "sentence outside its part");
        }
    }
}

pub fn check_extraction(x: &Extraction) {
    check_article(&x.article);
    let t = &x.article.text;
    for m in &x.mentions {
        assert!(m.start <= m.end && t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
    }
    for r in &x.relations {
        let e = &r.evidence;
        assert!(t.is_char_boundary(e.start) && t.is_char_boundary(e.end));
        assert_eq!(&t[e.start..e.end], e.text);
    }
}

pub fn extractor() -> &'static entente::Extractor {
    static E: std::sync::OnceLock<entente::Extractor> = std::sync::OnceLock::new();
    E.get_or_init(|| entente::Extractor::new().unwrap())
}
