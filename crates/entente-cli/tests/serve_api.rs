//! Every route of the API against a store filled from the bundled examples.

mod server;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use entente::{Content, Document};
use entente_store::Period;
use serde_json::Value;
use server::*;

/// One read-only server for the read tests (writes have their own).
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| start(&example_store("reads"), None))
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().unwrap_or_else(|| panic!("no items: {v}"))
}

#[test]
fn healthz_and_openapi_document() {
    let s = server();
    let h = get_json(s.addr, "/healthz");
    assert_eq!(h["status"], "ok");
    let doc = get_json(s.addr, "/api/openapi.json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{}", doc["openapi"]);
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/healthz",
        "/api/openapi.json",
        "/api/stats",
        "/api/graph",
        "/api/actors",
        "/api/actors/{code}",
        "/api/actors/{code}/partners",
        "/api/actors/{code}/timeline",
        "/api/pairs/{a}/{b}",
        "/api/pairs/{a}/{b}/timeline",
        "/api/pairs/{a}/{b}/evidence",
        "/api/relations",
        "/api/search",
        "/api/documents",
        "/api/documents/{id}",
    ] {
        assert!(paths.contains_key(p), "OpenAPI lacks {p}");
    }
    assert!(paths["/api/documents"]["post"].is_object());
    // Every reference resolves.
    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r);
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let ptr = r.strip_prefix('#').unwrap_or_else(|| panic!("external ref {r}"));
        assert!(doc.pointer(ptr).is_some(), "unresolved {r}");
    }
    let stats = get_json(s.addr, "/api/stats");
    assert_eq!(stats["documents"], example_paths().len());
    assert_eq!(stats["writes"], false);
}

#[test]
fn page_and_assets_carry_a_strict_policy() {
    let s = server();
    let page = get(s.addr, "/");
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let html = page.text();
    // Every script is a separate file: no inline script, no handler attributes, nothing remote.
    for (i, _) in html.match_indices("<script") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        assert!(tag.contains("src=\"/"), "inline or remote script: {tag}");
    }
    assert!(!html.contains(" onclick=") && !html.contains(" onload=") && !html.contains("http://"));
    let js = get(s.addr, "/app.js");
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().starts_with("text/javascript"));
    let code = js.text();
    for bad in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
        assert!(!code.contains(bad), "app.js uses {bad}");
    }
    for asset in ["/app.css", "/icon.svg"] {
        let a = get(s.addr, asset);
        assert_eq!(a.status, 200, "{asset}");
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
    }
    // API answers carry the headers too.
    let api = get(s.addr, "/api/actors");
    assert!(api.header("content-security-policy").is_some());
    assert_eq!(api.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn actors_are_listed_and_paged() {
    let s = server();
    let all = get_json(s.addr, "/api/actors?limit=500");
    let total = all["total"].as_u64().unwrap() as usize;
    assert_eq!(items(&all).len(), total);
    let codes: Vec<&str> = items(&all).iter().map(|a| a["code"].as_str().unwrap()).collect();
    for c in ["TUR", "GEO", "RUS", "NOR", "JPN"] {
        assert!(codes.contains(&c), "{c} not among {codes:?}");
    }
    let geo = items(&all).iter().find(|a| a["code"] == "GEO").unwrap();
    assert!(geo["partners"].as_u64().unwrap() >= 2 && geo["rivals"].as_u64().unwrap() >= 1, "{geo}");
    // Pages put together give the whole list.
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = get_json(s.addr, &format!("/api/actors?limit=3&offset={offset}"));
        assert_eq!(page["limit"], 3);
        assert_eq!(page["offset"], offset);
        assert_eq!(page["total"], total);
        let got = items(&page);
        if got.is_empty() {
            break;
        }
        assert!(got.len() <= 3);
        paged.extend(got.iter().map(|a| a["code"].as_str().unwrap().to_string()));
        offset += 3;
    }
    assert_eq!(paged, codes);
    let q = get_json(s.addr, "/api/actors?q=georg");
    assert_eq!(items(&q).iter().map(|a| a["code"].as_str().unwrap()).collect::<Vec<_>>(), vec!["GEO"]);
    let igo = get_json(s.addr, "/api/actors?kind=igo&limit=500");
    assert!(items(&igo).iter().all(|a| a["kind"] == "igo"), "{igo}");
    for bad in [
        "/api/actors?limit=501",
        "/api/actors?limit=0",
        "/api/actors?limit=ten",
        "/api/actors?offset=-3",
        "/api/actors?kind=planet",
        "/api/actors?colour=red",
        "/api/actors?limit=1&limit=2",
    ] {
        get_error(s.addr, bad, 400);
    }
}

#[test]
fn an_actor_with_its_partners_and_timeline() {
    let s = server();
    let geo = get_json(s.addr, "/api/actors/GEO");
    assert_eq!(geo["actor"]["code"], "GEO");
    let partners: Vec<&str> = items(&geo["partners"]).iter().map(|t| t["actor"]["code"].as_str().unwrap()).collect();
    assert!(partners.contains(&"TUR"), "{partners:?}");
    let rivals: Vec<&str> = items(&geo["rivals"]).iter().map(|t| t["actor"]["code"].as_str().unwrap()).collect();
    assert!(rivals.contains(&"RUS"), "{rivals:?}");
    // By name, any case; paging of partners.
    let by_name = get_json(s.addr, "/api/actors/georgia?limit=1");
    assert_eq!(by_name["actor"]["code"], "GEO");
    assert_eq!(items(&by_name["partners"]).len(), 1);
    assert_eq!(by_name["partners"]["total"], geo["partners"]["total"]);

    let conf = get_json(s.addr, "/api/actors/GEO/partners?polarity=conflictual");
    assert!(items(&conf).iter().all(|t| t["polarity"] == "conflictual"));
    assert!(items(&conf).iter().any(|t| t["actor"]["code"] == "RUS"));
    let energy = get_json(s.addr, "/api/actors/GEO/partners?sector=energy");
    assert!(!items(&energy).is_empty());
    for t in items(&energy) {
        assert!(t["sectors"].as_array().unwrap().iter().all(|x| x["sector"] == "energy"), "{t}");
    }
    let page = get_json(s.addr, "/api/actors/GEO/partners?limit=1&offset=1");
    assert_eq!(items(&page).len(), 1);

    let t = get_json(s.addr, "/api/actors/GEO/timeline");
    assert!(!t["months"].as_array().unwrap().is_empty());
    assert_eq!(t["a"]["code"], "GEO");

    get_error(s.addr, "/api/actors/XXQ", 404);
    get_error(s.addr, "/api/actors/XXQ/partners", 404);
    get_error(s.addr, "/api/actors/GEO?since=last-year", 400);
    get_error(s.addr, "/api/actors/GEO/partners?polarity=friendly", 400);
}

#[test]
fn a_pair_profile_is_the_dyad_of_the_store() {
    let s = server();
    let store = entente_sqlite::open_existing(&s.db).unwrap();
    seed_article();
    for (a, b) in [("TUR", "GEO"), ("ISR", "AZE")] {
        let got = get_json(s.addr, &format!("/api/pairs/{a}/{b}"));
        let want = serde_json::to_value(store.dyad(a, b, &Period::default(), 3).unwrap()).unwrap();
        assert_eq!(got, want, "{a}-{b}");
        assert!(got["relations"].as_u64().unwrap() > 0, "{a}-{b}");
        let sectors: BTreeSet<&str> =
            got["ties"].as_array().unwrap().iter().map(|t| t["sector"].as_str().unwrap()).collect();
        if a == "TUR" {
            assert!(sectors.contains("energy"), "{sectors:?}");
        } else {
            assert!(sectors.contains("arms"), "{sectors:?}");
        }
        // Same profile by names, and within a period.
        let by_name = get_json(s.addr, &format!("/api/pairs/{}/{}", a.to_lowercase(), b.to_lowercase()));
        assert_eq!(by_name, got);
        let period = Period { since: Some("2020".into()), until: Some("2024".into()) };
        let want = serde_json::to_value(store.dyad(a, b, &period, 1).unwrap()).unwrap();
        assert_eq!(get_json(s.addr, &format!("/api/pairs/{a}/{b}?since=2020&until=2024&evidence=1")), want);
    }
    get_error(s.addr, "/api/pairs/TUR/TUR", 400);
    get_error(s.addr, "/api/pairs/TUR/XXQ", 404);
    get_error(s.addr, "/api/pairs/TUR/GEO?since=2024&until=2020", 400);
    get_error(s.addr, "/api/pairs/TUR/GEO?evidence=51", 400);
}

#[test]
fn a_pair_timeline_and_evidence_with_actors_marked() {
    let s = server();
    let t = get_json(s.addr, "/api/pairs/TUR/GEO/timeline");
    let months = t["months"].as_array().unwrap();
    assert!(!months.is_empty());
    assert_eq!(t["total"], months.len());
    let ev = get_json(s.addr, "/api/pairs/TUR/GEO/evidence");
    let total = ev["total"].as_u64().unwrap();
    assert!(total >= 2, "{ev}");
    for item in items(&ev) {
        let text = item["text"].as_str().unwrap();
        let segs = item["segments"].as_array().unwrap();
        let joined: String = segs.iter().map(|s| s["text"].as_str().unwrap()).collect();
        assert_eq!(joined, text, "segments must rebuild the sentence");
        let marked: BTreeSet<&str> = segs.iter().filter_map(|s| s["actor"].as_str()).collect();
        assert!(marked.iter().all(|c| ["TUR", "GEO"].contains(c)), "{marked:?}");
        assert!(!marked.is_empty(), "no actor marked in {text:?}");
        assert_eq!(item["doc"], "black-sea-bridges");
        // Stored without a title: the headline the reader finds in the scrape.
        assert_eq!(item["title"], "Black Sea Bridges");
        for r in item["relations"].as_array().unwrap() {
            let ends: BTreeSet<&str> = [r["source"].as_str().unwrap(), r["target"].as_str().unwrap()].into();
            assert_eq!(ends, BTreeSet::from(["GEO", "TUR"]));
        }
    }
    let first = get_json(s.addr, "/api/pairs/TUR/GEO/evidence?limit=1");
    let second = get_json(s.addr, "/api/pairs/TUR/GEO/evidence?limit=1&offset=1");
    assert_eq!(items(&first)[0], items(&ev)[0]);
    assert_eq!(items(&second)[0], items(&ev)[1]);
    let energy = get_json(s.addr, "/api/pairs/TUR/GEO/evidence?sector=energy");
    assert!(items(&energy).iter().all(|i| i["relations"].as_array().unwrap().iter().all(|r| r["sector"] == "energy")));
    get_error(s.addr, "/api/pairs/TUR/GEO/evidence?modality=maybe", 400);
    get_error(s.addr, "/api/pairs/TUR/GEO/timeline?until=2024-13", 400);
}

#[test]
fn relations_by_filter() {
    let s = server();
    let all = get_json(s.addr, "/api/relations?limit=500");
    let total = all["total"].as_u64().unwrap();
    assert!(total > 20, "{total}");
    let check = |query: &str, ok: &dyn Fn(&Value) -> bool| {
        let v = get_json(s.addr, &format!("/api/relations?limit=500&{query}"));
        assert!(!items(&v).is_empty(), "{query}: nothing");
        assert_eq!(items(&v).len() as u64, v["total"].as_u64().unwrap(), "{query}");
        for r in items(&v) {
            assert!(ok(r), "{query}: {r}");
        }
        v["total"].as_u64().unwrap()
    };
    let geo = check("actor=GEO", &|r| r["source"] == "GEO" || r["target"] == "GEO");
    assert!(geo < total);
    check("actor=georgia", &|r| r["source"] == "GEO" || r["target"] == "GEO");
    let pair = check("pair=TUR,GEO", &|r| {
        let e: BTreeSet<&str> = [r["source"].as_str().unwrap(), r["target"].as_str().unwrap()].into();
        e == BTreeSet::from(["GEO", "TUR"])
    });
    assert!(pair < geo);
    check("sector=energy", &|r| r["sector"] == "energy");
    check("polarity=conflictual", &|r| r["polarity"] == "conflictual");
    check("modality=planned", &|r| r["modality"] == "planned");
    check("since=2020&until=2024", &|r| {
        let d = r["date"].as_str().unwrap();
        d[..4] >= *"2020" && d[..4] <= *"2024"
    });
    check("doc=black-sea-bridges&actor=GEO&polarity=cooperative", &|r| {
        r["doc"] == "black-sea-bridges" && r["polarity"] == "cooperative"
    });
    // The spec's field names, and the document's metadata.
    let r = &items(&all)[0];
    for field in [
        "doc",
        "source",
        "target",
        "sector",
        "type",
        "polarity",
        "modality",
        "quantities",
        "time",
        "source_actor",
        "target_actor",
        "evidence",
        "confidence",
        "doc_date",
        "url",
        "doc_title",
    ] {
        assert!(r.get(field).is_some(), "relation lacks {field}: {r}");
    }
    // Pages.
    let p1 = get_json(s.addr, "/api/relations?limit=2");
    let p2 = get_json(s.addr, "/api/relations?limit=2&offset=2");
    assert_eq!(items(&p1)[..], items(&all)[..2]);
    assert_eq!(items(&p2)[..], items(&all)[2..4]);
    let none = get_json(s.addr, "/api/relations?actor=XXQ");
    assert_eq!(none["total"], 0);
    for bad in [
        "/api/relations?sector=weapons",
        "/api/relations?polarity=warm",
        "/api/relations?pair=TUR",
        "/api/relations?since=2024-02-30x",
        "/api/relations?actr=GEO",
        "/api/relations?limit=100000",
        "/api/relations?offset=99999999",
    ] {
        get_error(s.addr, bad, 400);
    }
}

#[test]
fn search_over_evidence() {
    let s = server();
    let v = get_json(s.addr, "/api/search?q=pipeline");
    assert!(!items(&v).is_empty());
    for hit in items(&v) {
        assert!(hit["text"].as_str().unwrap().to_lowercase().contains("pipeline"), "{hit}");
        assert!(hit["segments"].is_array() && hit["relations"].is_array());
    }
    let words = get_json(s.addr, "/api/search?q=Georgia+electricity&limit=2");
    assert!(items(&words).len() <= 2 && !items(&words).is_empty());
    let next = get_json(s.addr, "/api/search?q=Georgia&limit=1&offset=1");
    let both = get_json(s.addr, "/api/search?q=Georgia&limit=2");
    assert_eq!(items(&next)[0], items(&both)[1]);
    // Raw FTS5 syntax, and text that is not valid in it.
    let raw = get_json(s.addr, "/api/search?q=pipe*&raw=true");
    assert!(!items(&raw).is_empty());
    get_error(s.addr, "/api/search?q=%22unbalanced&raw=true", 400);
    get_error(s.addr, "/api/search", 400);
    get_error(s.addr, "/api/search?q=x&raw=maybe", 400);
    // Markup in a query is just words.
    get_json(s.addr, "/api/search?q=%3Cscript%3E");
}

#[test]
fn documents_and_one_document_with_its_relations() {
    let s = server();
    let v = get_json(s.addr, "/api/documents");
    assert_eq!(v["total"], example_paths().len());
    let ids: Vec<&str> = items(&v).iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"black-sea-bridges") && ids.contains(&"hostile"), "{ids:?}");
    let page = get_json(s.addr, "/api/documents?limit=1&offset=1");
    assert_eq!(items(&page)[0]["id"], ids[1]);
    let d = get_json(s.addr, "/api/documents/black-sea-bridges?limit=3");
    assert_eq!(d["id"], "black-sea-bridges");
    assert_eq!(d["title"], Value::Null);
    assert_eq!(d["article_title"], "Black Sea Bridges");
    let rels = &d["relation_list"];
    assert_eq!(items(rels).len(), 3);
    assert_eq!(rels["total"], d["relations"]);
    assert!(items(rels).iter().all(|r| r["doc"] == "black-sea-bridges"));
    get_error(s.addr, "/api/documents/no-such-document", 404);
    get_error(s.addr, "/api/documents?limit=1000", 400);
}

#[test]
fn the_map_graph_with_filters() {
    let s = server();
    let g = get_json(s.addr, "/api/graph");
    let nodes = g["nodes"].as_array().unwrap();
    let edges = g["edges"].as_array().unwrap();
    let codes: BTreeSet<&str> = nodes.iter().map(|n| n["code"].as_str().unwrap()).collect();
    assert!(edges.iter().any(|e| e["a"] == "GEO" && e["b"] == "TUR"), "no GEO-TUR edge");
    for e in edges {
        assert!(e["a"].as_str() < e["b"].as_str());
        assert!(codes.contains(e["a"].as_str().unwrap()) && codes.contains(e["b"].as_str().unwrap()));
    }
    assert_eq!(g["truncated"], false);
    let energy = get_json(s.addr, "/api/graph?sector=energy");
    assert!(energy["edges"].as_array().unwrap().iter().all(|e| e["sector"] == "energy"));
    let ego = get_json(s.addr, "/api/graph?actor=NOR");
    let ego_codes: BTreeSet<&str> =
        ego["nodes"].as_array().unwrap().iter().map(|n| n["code"].as_str().unwrap()).collect();
    assert!(ego_codes.contains("NOR") && ego_codes.contains("JPN") && !ego_codes.contains("KAZ"), "{ego_codes:?}");
    let top = get_json(s.addr, "/api/graph?limit=2");
    assert_eq!(top["nodes"].as_array().unwrap().len(), 2);
    assert_eq!(top["truncated"], true);
    assert_eq!(top["total_nodes"], nodes.len());
    let dated = get_json(s.addr, "/api/graph?since=2030");
    assert!(dated["edges"].as_array().unwrap().is_empty());
    get_error(s.addr, "/api/graph?limit=5001", 400);
    get_error(s.addr, "/api/graph?actor=XXQ", 404);
    get_error(s.addr, "/api/graph?polarity=neutral", 400);
}

#[test]
fn the_page_answers_are_worked_out_before_the_first_visitor() {
    let db = temp_dir("warm").join("store.db");
    let doc = Document {
        id: "a".into(),
        url: None,
        date: None,
        title: None,
        content: Content::Text("Norway agreed to sell Japan natural gas worth $2 billion.".into()),
    };
    ingest(&db, &[doc]);
    let s = start_warmed(&db);
    let kept = |path: &str| {
        let a = get(s.addr, path);
        assert_eq!(a.status, 200, "{path}");
        a.headers.iter().find(|(k, _)| k == "x-entente-answer").map(|(_, v)| v.clone()).unwrap()
    };
    // What the page asks as it opens (assets/app.js) was kept before anyone asked.
    assert_eq!(kept("/api/graph?limit=1000"), "kept");
    assert_eq!(kept("/api/stats"), "kept");
    // Another view is worked out at its first request, then kept.
    assert_eq!(kept("/api/graph?limit=5"), "new");
    assert_eq!(kept("/api/graph?limit=5"), "kept");
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../entente-serve/assets/app.js")).unwrap();
    assert!(page.contains("api('/api/graph', Object.assign({ limit: 1000 }"), "the page's first map query changed");
}

#[test]
fn the_map_the_actor_list_and_the_counts_follow_writes_of_another_process() {
    let db = temp_dir("answers").join("store.db");
    let doc = |id: &str, text: &str| Document {
        id: id.to_string(),
        url: None,
        date: None,
        title: None,
        content: Content::Text(text.to_string()),
    };
    ingest(&db, &[doc("first", "Norway agreed to sell Japan natural gas worth $2 billion.")]);
    let s = start(&db, None);
    let codes = |v: &Value, list: &str, field: &str| -> BTreeSet<String> {
        v[list].as_array().unwrap().iter().map(|a| a[field].as_str().unwrap().to_string()).collect()
    };
    let before = get_json(s.addr, "/api/actors");
    assert_eq!(codes(&before, "items", "code"), BTreeSet::from(["JPN".to_string(), "NOR".to_string()]));
    // Asked again, the kept answer is the same.
    assert_eq!(get_json(s.addr, "/api/actors"), before);
    let map = get_json(s.addr, "/api/graph");
    assert_eq!(codes(&map, "nodes", "code").len(), 2);
    assert_eq!(get_json(s.addr, "/api/stats")["documents"], 1);
    // Another connection writes, as `entente ingest` in another process would.
    ingest(&db, &[doc("second", "Chile signed a deal to export copper to Korea.")]);
    assert_eq!(get_json(s.addr, "/api/stats")["documents"], 2);
    let after = get_json(s.addr, "/api/actors");
    assert_eq!(after["total"], 4, "{after}");
    assert!(codes(&after, "items", "code").contains("CHL"), "{after}");
    assert!(codes(&get_json(s.addr, "/api/graph"), "nodes", "code").contains("CHL"));
    // A page past the end still counts them all.
    assert_eq!(get_json(s.addr, "/api/actors?offset=50")["total"], 4);
    // A title the reader found is remembered until the document is replaced.
    let headed = |headline: &str| {
        format!(
            "{headline}\n\nChile signed a deal to export copper to Korea, and both governments said on \
             Monday that the first shipments would leave next spring under the new terms."
        )
    };
    ingest(&db, &[doc("third", &headed("Copper Talks Resume"))]);
    assert_eq!(get_json(s.addr, "/api/documents/third")["article_title"], "Copper Talks Resume");
    ingest(&db, &[doc("third", &headed("Copper Deal Signed"))]);
    assert_eq!(get_json(s.addr, "/api/documents/third")["article_title"], "Copper Deal Signed");
}

#[test]
fn unknown_routes_and_methods_answer_json() {
    let s = server();
    for path in ["/api/nothing", "/nothing", "/api/pairs/TUR", "/api/actors/GEO/friends"] {
        get_error(s.addr, path, 404);
    }
    let a = request(s.addr, "DELETE", "/api/actors", &[], b"");
    assert_json_error(&a, 405, "DELETE /api/actors");
    let a = request(s.addr, "POST", "/api/relations", &[], b"{}");
    assert_json_error(&a, 405, "POST /api/relations");
}

#[test]
fn writes_need_the_token() {
    let db = example_store("writes");
    let s = start(&db, Some("s3cret-token"));
    let doc = serde_json::json!({
        "id": "api-one", "date": "2025-02-01",
        "text": "Norway agreed to sell Japan patrol boats worth $300 million.\n\nJapan and Norway signed a fisheries agreement in 2024.",
    })
    .to_string();
    let before = get_json(s.addr, "/api/stats")["documents"].as_u64().unwrap();
    assert_eq!(get_json(s.addr, "/api/stats")["writes"], true);

    let a = request(s.addr, "POST", "/api/documents", &[("Content-Type", "application/json")], doc.as_bytes());
    assert_json_error(&a, 401, "no token");
    assert!(a.header("www-authenticate").unwrap().starts_with("Bearer"));
    for wrong in ["Bearer s3cret-tokem", "Bearer s3cret-token-and-more", "Bearer ", "Basic czNjcmV0LXRva2Vu"] {
        let a = request(s.addr, "POST", "/api/documents", &[("Authorization", wrong)], doc.as_bytes());
        assert!(a.status == 401 || a.status == 403, "{wrong}: {}", a.status);
        assert_json_error(&a, a.status, wrong);
    }
    assert_eq!(
        get_json(s.addr, "/api/stats")["documents"].as_u64().unwrap(),
        before,
        "a refused write stored something"
    );

    let auth = [("Authorization", "Bearer s3cret-token"), ("Content-Type", "application/json")];
    let a = request(s.addr, "POST", "/api/documents", &auth, doc.as_bytes());
    assert_eq!(a.status, 200, "{}", a.text());
    let v = a.json();
    assert_eq!(v["added"], 1);
    assert!(v["relations"].as_u64().unwrap() >= 1, "{v}");
    assert_eq!(v["documents"][0]["id"], "api-one");
    let stored = get_json(s.addr, "/api/documents/api-one");
    assert_eq!(stored["relations"], v["relations"]);
    assert!(!items(&get_json(s.addr, "/api/relations?doc=api-one&pair=NOR,JPN")).is_empty());
    // Again: unchanged.
    let again = request(s.addr, "POST", "/api/documents", &auth, doc.as_bytes()).json();
    assert_eq!((again["added"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(1)));

    // JSON Lines: two documents, one of them hostile.
    let lines = format!(
        "{}\n\n{}\n",
        serde_json::json!({"id": "api-two", "text": "Georgia and Armenia signed a trade agreement in 2021."}),
        hostile_document()
    );
    let a = request(s.addr, "POST", "/api/documents", &[("Authorization", "bearer s3cret-token")], lines.as_bytes());
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["added"], 2);
    let hostile = get_json(s.addr, "/api/documents/hostile-url");
    assert_eq!(hostile["url"], "javascript:window.__pwned=1", "stored as given; the page renders it as text");

    // All or nothing: one bad line stores nothing and says which.
    let bad = format!("{}\n{{\"id\": \"api-four\"}}\n", serde_json::json!({"id": "api-three", "text": "x"}));
    let a = request(s.addr, "POST", "/api/documents", &auth, bad.as_bytes());
    assert_json_error(&a, 400, "bad line");
    assert!(a.json()["error"].as_str().unwrap().contains("line 2"), "{}", a.text());
    get_error(s.addr, "/api/documents/api-three", 404);
    for body in ["", "not json", "[1, 2]", "{\"id\": \"x\", \"text\": \"y\", \"date\": \"soon\"}"] {
        let a = request(s.addr, "POST", "/api/documents", &auth, body.as_bytes());
        assert_json_error(&a, 400, body);
    }
    // A document the reader refuses (no text in it).
    let a = request(s.addr, "POST", "/api/documents", &auth, br#"{"id": "blank", "text": "   "}"#);
    assert!(a.status == 422 || a.status == 400, "{}", a.text());
    assert_json_error(&a, a.status, "blank");
    // Over the body limit.
    let huge = vec![b' '; entente_serve::MAX_BODY + 1024];
    let a = request(s.addr, "POST", "/api/documents", &auth, &huge);
    assert_json_error(&a, 413, "huge body");

    // Reads never need the token.
    get_json(s.addr, "/api/actors");

    // Without a token configured, writes are off.
    let off = start(&db, None);
    let a = request(off.addr, "POST", "/api/documents", &auth, doc.as_bytes());
    assert_json_error(&a, 403, "writes off");
    assert!(a.json()["error"].as_str().unwrap().contains("token"));
}

#[test]
fn the_server_stops_when_told_and_finishes_what_it_serves() {
    let db = example_store("stop");
    let config = config(&db, None);
    let app = std::sync::Arc::new(entente_serve::App::open(&config).unwrap());
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let limits = app.limits();
        let server = tokio::spawn(entente_serve::serve(listener, entente_serve::router(app), limits, async {
            let _ = rx.await;
        }));
        let health = tokio::task::spawn_blocking(move || get_json(addr, "/healthz")).await.unwrap();
        assert_eq!(health["status"], "ok");
        tx.send(()).unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(15), server).await.expect("stops").unwrap().unwrap();
        assert!(std::net::TcpStream::connect(addr).is_err(), "still listening after stopping");
    });
}
