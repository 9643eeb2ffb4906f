//! The JSON API's handlers. Each parses its parameters (unknown ones are refused), asks the
//! store on a blocking thread, and answers plain JSON; lists are pages
//! (`{"items", "total", "limit", "offset"}`).

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use entente_store::{ActorName, Listing, PartnerTie, RelationFilter, SearchQuery, Timeline};
use serde::Serialize;
use serde_json::{json, Value};

use crate::answers::Answered;
use crate::db::Reader;
use crate::error::ApiError;
use crate::params::{Page, Params, MAX_LIMIT};
use crate::{blocking, highlight, App};

type Answer = Result<Json<Value>, ApiError>;

fn to_json(v: impl Serialize) -> Answer {
    serde_json::to_value(v).map(Json).map_err(|e| ApiError::internal(format!("cannot encode the answer: {e}")))
}

/// The actor a path or parameter names (code or name, any case): the store's actors first,
/// then the gazetteer's (as the CLI resolves them); `None` if neither knows it.
fn known_actor(app: &App, r: &Reader, text: &str) -> Result<Option<ActorName>, ApiError> {
    if let Some(a) = r.resolve_actor(text)? {
        return Ok(Some(a));
    }
    entente::gazetteer_code(&app.extractor.gazetteer, text)
        .map(|code| r.actor_name(&code))
        .transpose()
        .map_err(Into::into)
}

/// The actor a path or parameter names, or a 404.
fn actor(app: &App, r: &Reader, text: &str) -> Result<ActorName, ApiError> {
    known_actor(app, r, text)?.ok_or_else(|| {
        ApiError::not_found(format!("no actor {text:?} in the store (give a code such as ISR, or a name)"))
    })
}

/// An actor for a filter: resolved when the store or the gazetteer knows it, else the code as
/// given (which then matches nothing).
fn filter_actor(app: &App, r: &Reader, text: &str) -> Result<String, ApiError> {
    Ok(known_actor(app, r, text)?.map_or_else(|| text.trim().to_uppercase(), |a| a.code))
}

fn pair(app: &App, r: &Reader, a: &str, b: &str) -> Result<(ActorName, ActorName), ApiError> {
    let (a, b) = (actor(app, r, a)?, actor(app, r, b)?);
    if a.code == b.code {
        return Err(ApiError::bad_request(format!("a pair needs two different actors, not {} twice", a.code)));
    }
    Ok((a, b))
}

pub async fn healthz(State(app): State<Arc<App>>) -> Answer {
    blocking(move || {
        app.db.read(|r| {
            let version = r.schema_version()?;
            Ok(Json(
                json!({"status": "ok", "schema_version": version, "extractor_version": entente::EXTRACTOR_VERSION}),
            ))
        })
    })
    .await
}

pub async fn stats(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    blocking(move || stats_answer(&app).map(json_text)).await
}

/// The counts, kept while the store does not change. Blocking.
pub(crate) fn stats_answer(app: &App) -> Result<Answered, ApiError> {
    // Counting every table takes a third of a second on a million relations; the page asks
    // for it each time it opens.
    app.answers.answer("stats".to_string(), || {
        app.db.read(|r| {
            let s = r.stats()?;
            Ok(json!({
                "documents": s.documents, "relations": s.relations, "sentences": s.sentences,
                "actors": s.actors, "schema_version": s.schema_version,
                "writes": app.token.is_some(),
            }))
        })
    })
}

/// A kept answer ([`crate::answers`]), sent as the JSON text it is, saying whether it was kept.
fn json_text(answer: Answered) -> Response {
    let kept = if answer.kept { "kept" } else { "new" };
    let headers = [
        (axum::http::header::CONTENT_TYPE, "application/json"),
        (axum::http::HeaderName::from_static(KEPT_HEADER), kept),
    ];
    (headers, answer.json).into_response()
}

/// Whether a costly listing's answer was kept from before (`kept`) or worked out for this
/// request (`new`).
const KEPT_HEADER: &str = "x-entente-answer";

pub async fn actors(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["q", "kind", "limit", "offset"])?;
    let page = p.page()?;
    let kind =
        match p.get("kind") {
            None => None,
            Some(k) => Some(entente::ActorKind::parse(k).ok_or_else(|| {
                ApiError::bad_request(format!("kind={k:?}: expected state, igo, group or former_state"))
            })?),
        };
    let text = p.get("q").map(str::to_string);
    let key = format!("actors?{}", q.unwrap_or_default());
    blocking(move || {
        let answer = app
            .answers
            .answer(key, || app.db.read(|r| to_json(r.actors(text.as_deref(), kind, page)?)).map(|Json(v)| v))?;
        Ok(json_text(answer))
    })
    .await
}

#[derive(Serialize)]
struct ActorAnswer {
    actor: ActorName,
    period: entente_store::Period,
    documents: u64,
    relations: u64,
    partners: Listing<PartnerTie>,
    rivals: Listing<PartnerTie>,
}

pub async fn actor_profile(State(app): State<Arc<App>>, Path(code): Path<String>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), &["since", "until", "limit", "offset"])?;
    let (period, page) = (p.period()?, p.page()?);
    blocking(move || {
        app.db.read(|r| {
            let a = actor(&app, r, &code)?;
            let prof = r.actor(&a.code, &period, None)?;
            to_json(ActorAnswer {
                actor: prof.actor,
                period: prof.period,
                documents: prof.documents,
                relations: prof.relations,
                partners: Listing::slice(prof.partners, page),
                rivals: Listing::slice(prof.rivals, page),
            })
        })
    })
    .await
}

#[derive(Serialize)]
struct Partner {
    polarity: &'static str,
    #[serde(flatten)]
    tie: PartnerTie,
}

pub async fn actor_partners(State(app): State<Arc<App>>, Path(code): Path<String>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), &["polarity", "sector", "since", "until", "limit", "offset"])?;
    let (period, page, polarity, sector) = (p.period()?, p.page()?, p.polarity()?, p.sector()?);
    blocking(move || {
        app.db.read(|r| {
            let a = actor(&app, r, &code)?;
            let prof = r.actor(&a.code, &period, None)?;
            let mut all: Vec<Partner> = Vec::new();
            for (pol, list) in [("cooperative", prof.partners), ("conflictual", prof.rivals)] {
                if polarity.is_some_and(|want| want.as_str() != pol) {
                    continue;
                }
                for mut tie in list {
                    if let Some(s) = sector {
                        tie.sectors.retain(|t| t.sector == s);
                        if tie.sectors.is_empty() {
                            continue;
                        }
                    }
                    all.push(Partner { polarity: pol, tie });
                }
            }
            to_json(Listing::slice(all, page))
        })
    })
    .await
}

fn paged_timeline(mut t: Timeline, page: Page) -> Answer {
    let total = t.months.len();
    t.months = t.months.into_iter().skip(page.offset).take(page.limit).collect();
    let mut v = serde_json::to_value(t).map_err(|e| ApiError::internal(e.to_string()))?;
    v["total"] = json!(total);
    v["limit"] = json!(page.limit);
    v["offset"] = json!(page.offset);
    Ok(Json(v))
}

pub async fn actor_timeline(State(app): State<Arc<App>>, Path(code): Path<String>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), &["since", "until", "limit", "offset"])?;
    let (period, page) = (p.period()?, p.page_with(MAX_LIMIT, 5000)?);
    blocking(move || {
        app.db.read(|r| {
            let a = actor(&app, r, &code)?;
            paged_timeline(r.timeline(&a.code, None, &period)?, page)
        })
    })
    .await
}

pub async fn pair_profile(
    State(app): State<Arc<App>>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = Params::parse(q.as_deref(), &["since", "until", "evidence"])?;
    let period = p.period()?;
    let evidence = p.count("evidence", 3, 50)?;
    blocking(move || {
        app.db.read(|r| {
            let (a, b) = pair(&app, r, &a, &b)?;
            to_json(r.dyad(&a.code, &b.code, &period, evidence)?)
        })
    })
    .await
}

pub async fn pair_timeline(
    State(app): State<Arc<App>>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = Params::parse(q.as_deref(), &["since", "until", "limit", "offset"])?;
    let (period, page) = (p.period()?, p.page_with(MAX_LIMIT, 5000)?);
    blocking(move || {
        app.db.read(|r| {
            let (a, b) = pair(&app, r, &a, &b)?;
            paged_timeline(r.timeline(&a.code, Some(&b.code), &period)?, page)
        })
    })
    .await
}

pub async fn pair_evidence(
    State(app): State<Arc<App>>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = Params::parse(q.as_deref(), &["sector", "polarity", "modality", "since", "until", "limit", "offset"])?;
    let mut filter = RelationFilter {
        sector: p.sector()?,
        polarity: p.polarity()?,
        modality: p.modality()?,
        period: p.period()?,
        ..Default::default()
    };
    let page = p.page()?;
    blocking(move || {
        let mut list = app.db.read(|r| {
            let (a, b) = pair(&app, r, &a, &b)?;
            filter.pair = Some((a.code, b.code));
            Ok(r.sentences(&filter, page)?)
        })?;
        let (a, b) = filter.pair.as_ref().expect("set above");
        for item in &mut list.items {
            item.segments = highlight::segments(&app.extractor, &item.text, item.date.as_deref(), &[a, b]);
        }
        to_json(list)
    })
    .await
}

pub async fn relations(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(
        q.as_deref(),
        &["actor", "pair", "sector", "polarity", "modality", "since", "until", "doc", "limit", "offset"],
    )?;
    let page = p.page()?;
    let mut filter = RelationFilter {
        sector: p.sector()?,
        polarity: p.polarity()?,
        modality: p.modality()?,
        period: p.period()?,
        doc: p.get("doc").map(str::to_string),
        ..Default::default()
    };
    let actor_text = p.get("actor").map(str::to_string);
    let pair_text = match p.get("pair") {
        None => None,
        Some(v) => match v.split_once(',') {
            Some((x, y)) if !x.trim().is_empty() && !y.trim().is_empty() => Some((x.to_string(), y.to_string())),
            _ => return Err(ApiError::bad_request(format!("pair={v:?}: expected two actors as A,B (e.g. ISR,AZE)"))),
        },
    };
    blocking(move || {
        app.db.read(|r| {
            if let Some(a) = &actor_text {
                filter.actor = Some(filter_actor(&app, r, a)?);
            }
            if let Some((x, y)) = &pair_text {
                filter.pair = Some((filter_actor(&app, r, x)?, filter_actor(&app, r, y)?));
            }
            to_json(r.relations(&filter, page)?)
        })
    })
    .await
}

pub async fn search(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), &["q", "raw", "limit", "offset"])?;
    let text = p.get("q").ok_or_else(|| ApiError::bad_request("q: give the words to search for"))?.to_string();
    if text.len() > 1000 {
        return Err(ApiError::bad_request("q: at most 1000 bytes"));
    }
    let raw = p.flag("raw")?;
    let page = p.page()?;
    if page.offset > 10_000 {
        return Err(ApiError::bad_request("offset: at most 10000 for search"));
    }
    blocking(move || {
        let (hits, titles) = app.db.read(|r| {
            let hits = r.search(&SearchQuery { text, raw, limit: page.offset + page.limit })?;
            let docs: BTreeSet<String> = hits.iter().skip(page.offset).map(|h| h.doc.clone()).collect();
            let mut titles = std::collections::HashMap::new();
            for d in docs {
                let title = r.document(&d)?.and_then(|row| row.shown_title().map(str::to_string));
                titles.insert(d, title);
            }
            Ok((hits, titles))
        })?;
        let items: Vec<Value> = hits
            .into_iter()
            .skip(page.offset)
            .map(|h| {
                let codes: BTreeSet<&str> =
                    h.relations.iter().flat_map(|r| [r.source.as_str(), r.target.as_str()]).collect();
                let codes: Vec<&str> = codes.into_iter().collect();
                let segments = highlight::segments(&app.extractor, &h.text, h.date.as_deref(), &codes);
                let mut v = serde_json::to_value(&h).unwrap_or(Value::Null);
                v["title"] = json!(titles.get(&h.doc).cloned().flatten());
                v["segments"] = json!(segments);
                v
            })
            .collect();
        to_json(Listing::new(items, None, page))
    })
    .await
}

pub async fn documents(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), &["limit", "offset"])?;
    let page = p.page()?;
    blocking(move || app.db.read(|r| to_json(r.documents(page)?))).await
}

pub async fn document(State(app): State<Arc<App>>, Path(id): Path<String>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), &["limit", "offset"])?;
    let page = p.page()?;
    blocking(move || {
        app.db.read(|r| {
            let doc =
                r.document(&id)?.ok_or_else(|| ApiError::not_found(format!("no document {id:?} in the store")))?;
            let filter = RelationFilter { doc: Some(id.clone()), ..Default::default() };
            let mut rels = r.relations(&filter, page)?;
            let title = doc.shown_title().map(str::to_string);
            for item in &mut rels.items {
                item.doc_title.clone_from(&title);
            }
            let mut v = serde_json::to_value(doc).map_err(|e| ApiError::internal(e.to_string()))?;
            v["article_title"] = json!(title);
            v["relation_list"] = serde_json::to_value(rels).map_err(|e| ApiError::internal(e.to_string()))?;
            Ok(Json(v))
        })
    })
    .await
}

/// The map's nodes may number at most this many.
pub const MAX_MAP_NODES: usize = 5000;

pub async fn graph(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    blocking(move || graph_answer(&app, q.as_deref()).map(json_text)).await
}

/// The map's graph for the query `q` (as the page sends it), kept while the store does not
/// change. Blocking.
pub(crate) fn graph_answer(app: &App, q: Option<&str>) -> Result<Answered, ApiError> {
    let p = Params::parse(q, &["actor", "sector", "polarity", "modality", "since", "until", "limit"])?;
    let limit = p.count("limit", 1000, MAX_MAP_NODES)?.max(1);
    let mut filter = RelationFilter {
        sector: p.sector()?,
        polarity: p.polarity()?,
        modality: p.modality()?,
        period: p.period()?,
        ..Default::default()
    };
    let actor_text = p.get("actor").map(str::to_string);
    let key = format!("graph?{}", q.unwrap_or_default());
    app.answers.answer(key, || {
        app.db
            .read(|r| {
                if let Some(a) = &actor_text {
                    filter.actor = Some(actor(app, r, a)?.code);
                }
                to_json(r.map(&filter, limit)?)
            })
            .map(|Json(v)| v)
    })
}

pub async fn openapi() -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], crate::OPENAPI)
}

pub async fn not_found(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no route {method} {}", uri.path()))
}

/// Constant-time equality of two byte strings (time depends only on the longer length).
pub fn same_secret(a: &[u8], b: &[u8]) -> bool {
    let n = a.len().max(b.len());
    let mut diff = (a.len() ^ b.len()) as u64;
    for i in 0..n {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= u64::from(x ^ y);
    }
    std::hint::black_box(diff) == 0
}

/// Checks `Authorization: Bearer <token>` against the server's token.
pub fn authorize(app: &App, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &app.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are off: this server was started without a token (--token or ENTENTE_TOKEN)",
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim());
    match given {
        None => Err(ApiError::new(StatusCode::UNAUTHORIZED, "writing needs the header Authorization: Bearer <token>")),
        Some(t) if same_secret(t.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(StatusCode::FORBIDDEN, "the token is not the one this server was started with")),
    }
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
        assert!(!same_secret(b"", b"a"));
        assert!(same_secret(b"", b""));
    }
}
