//! Hostile pages whose cost once grew faster than their size (issue 23). Time is measured as the
//! CPU time of the test's own thread, and only ratios between sizes are asserted: linear work
//! gives about the ratio of the sizes, quadratic work its square.

use entente_core::{Content, Document, PartKind};
use entente_read::{read, ReadOptions};

fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for the call to write into.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// The least CPU time of three runs of `f` (the least is the one the machine disturbed least).
fn least_cpu(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = thread_cpu_seconds();
            f();
            thread_cpu_seconds() - t
        })
        .fold(f64::INFINITY, f64::min)
}

const PARA: &str =
    "<p>Chile and Peru agreed on Monday to reopen the border crossing at Chacalluta, the two ministers said.</p>";

fn html_doc(html: String) -> Document {
    Document { id: "t".into(), url: None, date: None, title: None, content: Content::Html(html) }
}

fn body_of(html: String) -> String {
    let a = read(&html_doc(html), &ReadOptions::default()).expect("a readable page");
    a.parts.iter().filter(|p| p.kind == PartKind::Body).map(|p| &a.text[p.start..p.end]).collect::<Vec<_>>().join("\n")
}

/// `<div a0 a1 … aN>`: distinct attributes on one tag.
fn attribute_page(n: usize) -> String {
    let attrs: String = (0..n).map(|i| format!(" a{i}")).collect();
    format!("<html><body><div{attrs}>{PARA}</div></body></html>")
}

/// `<body b0…><body b64…>…`: repeated bodies, whose attributes a tree builder merges.
fn body_page(n: usize) -> String {
    let tags: String =
        (0..n / 32).map(|t| format!("<body{}>", (0..32).map(|i| format!(" b{t}x{i}")).collect::<String>())).collect();
    format!("<html><body>{PARA}{tags}{PARA}</body></html>")
}

#[test]
fn many_attributes_on_one_tag_take_linear_time() {
    assert!(body_of(attribute_page(1_000)).contains("Chacalluta"));
    let small = least_cpu(|| assert!(body_of(attribute_page(20_000)).contains("Chacalluta")));
    let large = least_cpu(|| assert!(body_of(attribute_page(80_000)).contains("Chacalluta")));
    // 4 times the attributes: about 4 times the time when linear, 16 when quadratic.
    assert!(large / small < 8.0, "20,000 attributes: {small:.3} s; 80,000: {large:.3} s (ratio {:.1})", large / small);
}

#[test]
fn many_repeated_bodies_take_linear_time() {
    let small = least_cpu(|| assert!(body_of(body_page(20_000)).contains("Chacalluta")));
    let large = least_cpu(|| assert!(body_of(body_page(80_000)).contains("Chacalluta")));
    assert!(large / small < 8.0, "20,000 attributes: {small:.3} s; 80,000: {large:.3} s (ratio {:.1})", large / small);
}
