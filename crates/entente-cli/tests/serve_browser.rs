//! The page in a real headless Chromium, driven over WebDriver (chromedriver) by a small
//! hand-written client: the map loads, clicking the edge between two states that the examples
//! relate opens the pair view with its sectors and evidence, clicking a node opens the actor
//! view, and the hostile article (script tags, event handlers, `javascript:` links in its text,
//! title and URL) runs nothing. Screenshots of the map and the pair view go to `docs/`.
//!
//! Skips, with a note, when `chromium` or `chromedriver` is not installed
//! (`apt-get install -y chromium chromium-driver`).

mod server;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use server::*;

fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// chromedriver, killed when dropped.
struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = request(self.addr, "DELETE", &format!("/session/{}", self.session), &[], b"");
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Driver {
    fn start(chromium: &Path, chromedriver: &Path, profile: PathBuf) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut driver = Driver { child, addr, session: String::new(), profile };
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,800",
                         "--force-device-scale-factor=1",
                         format!("--user-data-dir={}", driver.profile.display())],
            }
        }}});
        let v = driver.call("POST", "/session", Some(caps));
        driver.session = v["sessionId"].as_str().expect("a session").to_string();
        driver
    }

    /// One WebDriver command; the `value` of its answer (panics on a WebDriver error).
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body).unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"))
    }

    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, Value> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let headers = [("Content-Type", "application/json; charset=utf-8")];
        let a = request(self.addr, method, path, &headers, body.as_bytes());
        let v: Value = serde_json::from_slice(&a.body).unwrap_or(Value::Null);
        if a.status == 200 {
            Ok(v["value"].clone())
        } else {
            Err(v["value"].clone())
        }
    }

    fn s(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    fn go(&self, url: &str) {
        self.call("POST", &self.s("/url"), Some(json!({"url": url})));
    }

    fn run(&self, script: &str) -> Value {
        self.call("POST", &self.s("/execute/sync"), Some(json!({"script": script, "args": []})))
    }

    /// Waits until `script` returns true.
    fn wait_for(&self, script: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if self.run(script) == json!(true) {
                return;
            }
            if Instant::now() > deadline {
                let panel = self.run("return document.getElementById('panel').textContent.slice(0, 500)");
                panic!("timed out waiting for {what}; panel: {panel}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn find(&self, css: &str) -> String {
        let v = self.call("POST", &self.s("/element"), Some(json!({"using": "css selector", "value": css})));
        v.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).expect("an element").to_string()
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.call("POST", &self.s(&format!("/element/{id}/click")), Some(json!({})));
    }

    fn screenshot(&self, path: &Path) {
        let v = self.call("GET", &self.s("/screenshot"), None);
        let png = base64_decode(v.as_str().expect("base64 PNG"));
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }

    fn window(&self, width: u32, height: u32) {
        self.call("POST", &self.s("/window/rect"), Some(json!({"width": width, "height": height})));
    }

    /// No alert, confirm or prompt is open.
    fn no_dialog(&self) {
        if let Ok(text) = self.try_call("GET", &self.s("/alert/text"), None) {
            panic!("a dialog is open: {text}");
        }
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter_map(val) {
        acc = (acc << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

const NOT_PWNED: &str = "return window.__pwned === undefined";

#[test]
fn the_map_in_headless_chromium() {
    let (Some(chromium), Some(chromedriver)) =
        (which(&["chromium", "chromium-browser", "google-chrome"]), which(&["chromedriver"]))
    else {
        eprintln!("note: browser test skipped: chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
        return;
    };
    let dir = temp_dir("browser");
    let db = example_store("browser-store");
    let server = start(&db, Some("browser-token"));
    // The hostile article again, through the API, with a hostile URL and title.
    let a = request(
        server.addr,
        "POST",
        "/api/documents",
        &[("Authorization", "Bearer browser-token")],
        hostile_document().to_string().as_bytes(),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let base = format!("http://{}", server.addr);
    let docs = repo().join("docs");

    let d = Driver::start(&chromium, &chromedriver, dir.join("profile"));
    d.window(1280, 1000);
    d.go(&format!("{base}/"));
    d.wait_for("return document.getElementById('map-status').dataset.ready === '1'", "the map");
    let counts = d
        .run("return [document.querySelectorAll('#map .node').length, document.querySelectorAll('#map .edge').length]");
    assert!(counts[0].as_u64().unwrap() >= 10 && counts[1].as_u64().unwrap() >= 10, "{counts}");
    // Every actor and tie is reachable from the keyboard through the lists.
    let listed = d.run("return document.querySelectorAll('#node-list button').length");
    assert_eq!(listed, counts[0]);
    d.screenshot(&docs.join("web-map.png"));

    // Click the edge between Türkiye and Georgia (the map's edges are keyed a < b).
    d.click("#map line.edge[data-a='GEO'][data-b='TUR']");
    d.wait_for(
        "return document.getElementById('panel').dataset.view === 'pair' && !!document.getElementById('sector-table') \
         && document.querySelectorAll('#evidence-list li').length > 0",
        "the TUR-GEO pair view",
    );
    let title = d.run("return document.getElementById('pair-title').textContent");
    let title = title.as_str().unwrap();
    assert!(title.contains("Georgia") && (title.contains("Türkiye") || title.contains("Turkey")), "{title}");
    let sectors = d.run("return [...document.querySelectorAll('#sector-table tbody tr')].map(r => r.dataset.sector)");
    assert!(sectors.as_array().unwrap().contains(&json!("energy")), "{sectors}");
    let marks = d.run("return [...document.querySelectorAll('#evidence-list mark')].map(m => m.textContent)");
    assert!(!marks.as_array().unwrap().is_empty(), "no actor highlighted in the evidence");
    let edge_selected = d.run(
        "return document.querySelector(\"#map line.edge[data-a='GEO'][data-b='TUR']\").classList.contains('selected')",
    );
    assert_eq!(edge_selected, json!(true));
    d.screenshot(&docs.join("web-pair.png"));
    d.run("document.getElementById('evidence-list').scrollIntoView(); return true");
    d.screenshot(&docs.join("web-evidence.png"));

    // The seed pair of the issue (its article is in the shared corpus).
    seed_article();
    d.click("#map line.edge[data-a='AZE'][data-b='ISR']");
    d.wait_for(
        "return (document.getElementById('pair-title') || {}).textContent?.includes('Azerbaijan') \
         && document.querySelectorAll('#evidence-list li').length > 0",
        "the ISR-AZE pair view",
    );
    let sectors = d.run("return [...document.querySelectorAll('#sector-table tbody tr')].map(r => r.dataset.sector)");
    assert!(sectors.as_array().unwrap().contains(&json!("arms")), "{sectors}");
    d.screenshot(&docs.join("web-pair-isr-aze.png"));

    // The actor view: click a node.
    d.click("#map .node[data-code='GEO'] circle");
    d.wait_for(
        "return document.getElementById('panel').dataset.view === 'actor' && document.getElementById('panel').textContent.includes('Partners by sector')",
        "the GEO actor view",
    );
    let chips =
        d.run("return [...document.querySelectorAll('#panel button.chip')].map(b => b.textContent).join(' | ')");
    assert!(chips.as_str().unwrap().contains("Türkiye") || chips.as_str().unwrap().contains("Turkey"), "{chips}");
    // Its search box.
    d.run("document.getElementById('actor-q').value = 'electricity'; document.querySelector('#panel form button').click(); return true");
    d.wait_for("return document.querySelectorAll('#actor-results li').length > 0", "search results");

    // The hostile article: its evidence shows as text, nothing runs, the javascript: URL is no link.
    d.go(&format!("{base}/#/pair/NOR/JPN"));
    d.wait_for(
        "return document.getElementById('panel').dataset.view === 'pair' && document.querySelectorAll('#evidence-list li').length > 0",
        "the NOR-JPN pair view",
    );
    d.no_dialog();
    assert_eq!(d.run(NOT_PWNED), json!(true), "a script from the hostile article ran");
    let text = d.run("return document.getElementById('evidence-list').textContent");
    assert!(text.as_str().unwrap().contains("<script>"), "the markup should show as text: {text}");
    let injected = d.run(
        "return [document.scripts.length, document.querySelectorAll('#panel script, #panel img, #panel iframe, #panel svg [onload], [onerror]').length, \
         document.querySelectorAll('a[href^=\"javascript\" i]').length, document.querySelectorAll('#panel .unsafe-url').length]",
    );
    assert_eq!(injected[0], json!(1), "only app.js may be a script: {injected}");
    assert_eq!(injected[1], json!(0), "markup from a document became elements: {injected}");
    assert_eq!(injected[2], json!(0), "a javascript: URL became a link: {injected}");
    assert!(injected[3].as_u64().unwrap() >= 1, "the javascript: URL should show as text: {injected}");
    // Search over hostile text, and the map filtered to one actor.
    d.go(&format!("{base}/#/search/script"));
    d.wait_for("return document.querySelectorAll('#panel .evidence li').length > 0", "search for script");
    d.no_dialog();
    assert_eq!(d.run(NOT_PWNED), json!(true));
    // A phone-sized window still lays out (no horizontal scroll of the page).
    d.window(500, 900);
    d.go(&format!("{base}/#/pair/GEO/TUR"));
    d.wait_for("return document.querySelectorAll('#evidence-list li').length > 0", "the pair view on a narrow window");
    let overflow = d.run("return document.documentElement.scrollWidth <= window.innerWidth + 1");
    assert_eq!(overflow, json!(true), "the page scrolls sideways on a narrow window");
    d.screenshot(&docs.join("web-phone.png"));
    d.no_dialog();
    assert_eq!(d.run(NOT_PWNED), json!(true));
    eprintln!("browser test: screenshots in {}", docs.display());

    // A thousand actors: the map loads, lays out and draws in reasonable time.
    let big = start(&synthetic_store(&dir.join("big.db"), 1000, 3), None);
    d.window(1280, 800);
    let started = Instant::now();
    d.go(&format!("http://{}/", big.addr));
    d.wait_for("return document.getElementById('map-status').dataset.ready === '1'", "the map of 1,000 actors");
    let took = started.elapsed();
    let nodes = d.run("return document.querySelectorAll('#map .node').length");
    assert_eq!(nodes, json!(1000));
    let status = d.run("return document.getElementById('map-status').dataset.timing");
    eprintln!("browser test: 1,000 actors loaded, laid out and drawn in {took:?} ({status})");
    assert!(took < Duration::from_secs(20), "the map of 1,000 actors took {took:?}");
    drop(d);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A store of `n` made-up actors, each tied to `k` others (deterministic), one sentence each.
fn synthetic_store(db: &Path, n: usize, k: usize) -> PathBuf {
    use entente::{
        ActorKind, ActorRef, Content, Document, EventType, Evidence, Modality, PartKind, Relation, Sector, TimeSpan,
    };
    let doc = Document {
        id: "synthetic".into(),
        url: None,
        date: Some("2020".into()),
        title: None,
        content: Content::Text("x".into()),
    };
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut relations = Vec::new();
    for i in 0..n {
        for _ in 0..k {
            let j = next() % n;
            if j == i {
                continue;
            }
            let sector = Sector::ALL[next() % Sector::ALL.len()];
            let event_type = if next() % 4 == 0 { EventType::Threaten } else { EventType::Cooperate };
            let at = relations.len() * 10;
            relations.push(Relation {
                doc: doc.id.clone(),
                source: format!("X{i:04}"),
                target: format!("X{j:04}"),
                sector,
                event_type,
                mode: None,
                polarity: event_type.polarity(),
                modality: Modality::Actual,
                quantities: Vec::new(),
                time: TimeSpan { start: Some(format!("{}", 2000 + next() % 25)), end: None },
                source_actor: ActorRef { name: format!("Actor {i}"), kind: ActorKind::State },
                target_actor: ActorRef { name: format!("Actor {j}"), kind: ActorKind::State },
                evidence: Evidence {
                    text: format!("Actor {i} and Actor {j} work together."),
                    start: at,
                    end: at + 5,
                    part: PartKind::Body,
                },
                confidence: 0.9,
                explain: None,
            });
        }
    }
    let mut store = entente_sqlite::open(db).unwrap();
    let item = entente_store::IngestItem {
        document: &doc,
        article_date: Some("2020"),
        article_title: None,
        relations: &relations,
    };
    store.ingest_batch(&[item], entente::EXTRACTOR_VERSION).unwrap();
    db.to_path_buf()
}
