//! Shows how the HTML reader sees a page: `cargo run --example explain -- PAGE.html`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: explain PAGE.html");
    let bytes = std::fs::read(path).expect("cannot read the page");
    let (html, _) = entente_text::decode(&bytes);
    print!("{}", entente_read::html::explain(&entente_text::normalize(&html)));
}
