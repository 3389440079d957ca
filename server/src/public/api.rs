//! The read-only JSON API under `/api/v1/`: every collection (filtered, paged, with
//! totals) and every record and version, with one error body shape. The OpenAPI
//! document is generated from these handlers and the public wire types, and the
//! collections' column notes come from the data dictionary.

use super::collections::{parse_filter, CollectionEntry, Window};
use super::reader::Reader;
use super::records::{self, RecordAnswer};
use super::PublicState as AppState;
use app::data::*;
use app::model::*;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

/// The most entries one page of a list holds.
pub const MAX_LIMIT: i64 = 500;
const DEFAULT_LIMIT: i64 = 100;

/// Every error the API returns has this shape.
#[derive(Serialize, ToSchema)]
pub struct ApiError {
    pub error: ApiErrorBody,
}

#[derive(Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// The HTTP status code, repeated for convenience.
    pub status: u16,
    /// What went wrong and what to do, in plain words.
    pub message: String,
    /// For a retracted record: its tombstone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retraction: Option<PublicRetraction>,
}

pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = ApiError { error: ApiErrorBody { status: status.as_u16(), message: message.into(), retraction: None } };
    (status, Json(body)).into_response()
}

fn unavailable(e: crate::error::AppError) -> Response {
    e.log("API read failed");
    error(StatusCode::SERVICE_UNAVAILABLE, "The data could not be loaded. Please try again shortly.")
}

macro_rules! list_type {
    ($name:ident, $entry:ty) => {
        /// One page of a collection and the link to the next: pages are read by a
        /// cursor over the collection's order, so a deep page costs what the first does.
        #[derive(Serialize, ToSchema)]
        pub struct $name {
            pub items: Vec<$entry>,
            pub limit: i64,
            /// The next page (the same filters and limit, `after` this page's last
            /// entry), or null on the last page.
            pub next: Option<String>,
        }
    };
}
list_type!(AuditEntryList, PublicAuditEntry);
list_type!(ContestEntryList, PublicContestEntry);
list_type!(GrantEntryList, PublicGrantEntry);
list_type!(ExpenditureEntryList, PublicExpenditureEntry);
list_type!(UpdateEntryList, PublicUpdateEntry);
list_type!(ManifestEntryList, PublicManifestEntry);
list_type!(SampledUnitEntryList, PublicSampledUnitEntry);
list_type!(RoundEntryList, PublicRoundEntry);
list_type!(BatchTallyEntryList, PublicBatchTallyEntry);

/// A record's published versions, newest last.
#[derive(Serialize, ToSchema)]
pub struct RecordHistory {
    pub current_version: i64,
    pub versions: Vec<PublicVersionInfo>,
    pub retraction: Option<PublicRetraction>,
}

/// A jurisdiction: the state or one county.
#[derive(Serialize, ToSchema)]
pub struct PublicJurisdictionEntry {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub fips: String,
}

fn parse_number(query: &[(String, String)], key: &str, default: i64, max: i64) -> Result<i64, String> {
    match query.iter().rev().find(|(k, _)| k == key) {
        None => Ok(default),
        Some((_, v)) if v.is_empty() => Ok(default),
        Some((_, v)) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| format!("{key} must be a whole number from 1 to {max}")),
    }
}

fn query_pairs(uri: &Uri) -> Option<Vec<(String, String)>> {
    Query::<Vec<(String, String)>>::try_from_uri(uri).map(|q| q.0).ok()
}

async fn list<E: CollectionEntry>(store: &Reader, uri: &Uri) -> Response {
    let Some(query) = query_pairs(uri) else {
        return error(StatusCode::BAD_REQUEST, "The query string could not be read.");
    };
    let parsed = (|| {
        let filter = parse_filter(E::COLLECTION, &query, &["page", "limit", "after"])?;
        let page = parse_number(&query, "page", 1, 1_000_000)?;
        let limit = parse_number(&query, "limit", DEFAULT_LIMIT, MAX_LIMIT)?;
        let after = match query.iter().rev().find(|(k, _)| k == "after") {
            Some((_, v)) if !v.is_empty() => Some(parse_cursor(v)?),
            _ => None,
        };
        Ok::<_, String>((filter, page, limit, after))
    })();
    let (filter, page, limit, after) = match parsed {
        Ok(p) => p,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    // `after` pages by the cursor; `page` (old links) skips entries.
    let window = match (after, page) {
        (Some(after), _) => Window::After { after: Some(after), limit: limit + 1 },
        (None, 1) => Window::After { after: None, limit: limit + 1 },
        (None, page) => Window::Offset { offset: (page - 1) * limit, limit: limit + 1 },
    };
    let mut items = match E::slice(store, &filter, &window).await {
        Ok(items) => items,
        Err(e) => return unavailable(e),
    };
    let more = items.len() as i64 > limit;
    items.truncate(limit as usize);
    let next = match items.last() {
        Some(last) if more => {
            let mut pairs: Vec<(String, String)> =
                query.iter().filter(|(k, _)| k != "after" && k != "page").cloned().collect();
            pairs.push(("after".into(), cursor(&E::COLLECTION, last.key())));
            let q = pairs
                .iter()
                .map(|(k, v)| {
                    format!("{}={}", app::components::encode_query_value(k), app::components::encode_query_value(v))
                })
                .collect::<Vec<_>>()
                .join("&");
            Some(format!("{}{}?{q}", store.public_url(), uri.path()))
        }
        _ => None,
    };
    let body = serde_json::json!({ "items": items, "limit": limit, "next": next });
    Json(body).into_response()
}

/// A cursor as the `next` link writes it: the last entry's slug, and for an
/// audit's rows (contests, batches, draws, rounds) `:` and its position from 0.
fn cursor(collection: &Collection, (slug, position): (String, i64)) -> String {
    match collection {
        Collection::Audits | Collection::Grants | Collection::Expenditures | Collection::Updates => slug,
        _ => format!("{slug}:{position}"),
    }
}

/// Reads `after`: a slug, or a slug, `:` and a position.
fn parse_cursor(v: &str) -> Result<(String, i64), String> {
    let bad = || {
        format!(
            "\"{}\" is not a cursor; use the next link of the page before (after=SLUG, or SLUG:N for an audit's rows)",
            v.chars().take(60).collect::<String>()
        )
    };
    let (slug, position) = match v.split_once(':') {
        Some((slug, n)) => (slug, n.parse::<i64>().ok().filter(|n| (0..=1_000_000_000).contains(n)).ok_or_else(bad)?),
        None => (v, 0),
    };
    if !is_slug(slug) {
        return Err(bad());
    }
    Ok((slug.to_string(), position))
}

/// A record's current version (or `version`), as the same bytes as its `data.json`.
async fn record(store: &Reader, kind: RecordKind, slug: &str, version: Option<&str>) -> Response {
    let version = match version {
        None => None,
        Some(v) => match records::parse_version(v) {
            Some(n) => Some(n),
            None => return error(StatusCode::BAD_REQUEST, "The version must be a whole number from 1."),
        },
    };
    match records::read(store, kind, slug, version).await {
        Ok(RecordAnswer::Found(bytes)) => {
            let mut res = ([(header::CONTENT_TYPE, "application/json")], bytes).into_response();
            if let Some(v) = version {
                records::with_log_index(store, kind, slug, v, &mut res).await;
            }
            res
        }
        Ok(RecordAnswer::Retracted(r)) => {
            let message = format!(
                "This {} was retracted: {} Its versions stay readable at /api/v1{}/{slug}/versions/{{n}}.",
                kind.code(),
                r.reason,
                kind_path(kind)
            );
            let body = ApiError { error: ApiErrorBody { status: 410, message, retraction: Some(r) } };
            (StatusCode::GONE, Json(body)).into_response()
        }
        Ok(RecordAnswer::Missing) if !is_slug(slug) => {
            error(StatusCode::NOT_FOUND, format!("There is no published {} with that slug.", kind.code()))
        }
        Ok(RecordAnswer::Missing) => error(
            StatusCode::NOT_FOUND,
            match version {
                Some(n) => format!("There is no version {n} of a published {} \"{slug}\".", kind.code()),
                None => format!("There is no published {} \"{slug}\".", kind.code()),
            },
        ),
        Err(e) => unavailable(e),
    }
}

async fn history(store: &Reader, kind: RecordKind, slug: &str) -> Response {
    if !is_slug(slug) {
        return error(StatusCode::NOT_FOUND, format!("There is no published {} with that slug.", kind.code()));
    }
    match store.history_of(kind, slug).await {
        Ok(Some((current_version, versions, retraction))) => {
            Json(RecordHistory { current_version, versions, retraction }).into_response()
        }
        Ok(None) => error(StatusCode::NOT_FOUND, format!("There is no published {} \"{slug}\".", kind.code())),
        Err(e) => unavailable(e),
    }
}

fn kind_path(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Audit => "/audits",
        RecordKind::Grant => "/grants",
        RecordKind::Expenditure => "/expenditures",
        RecordKind::Update => "/updates",
    }
}

/// Declares one collection's list handler for the OpenAPI document.
macro_rules! list_handler {
    ($name:ident, $entry:ty, $list:ty, $path:literal, $tag:literal) => {
        #[utoipa::path(get, path = $path, tag = $tag,
                            responses(
                                (status = 200, description = "One page of the collection", body = $list),
                                (status = 400, description = "A filter, cursor, page or limit is not valid", body = ApiError),
                            ))]
        async fn $name(State(s): State<AppState>, uri: Uri) -> Response {
            list::<$entry>(&s.reader, &uri).await
        }
    };
}
list_handler!(list_audits, PublicAuditEntry, AuditEntryList, "/api/v1/audits", "audits");
list_handler!(list_contests, PublicContestEntry, ContestEntryList, "/api/v1/audit-contests", "audits");
list_handler!(list_grants, PublicGrantEntry, GrantEntryList, "/api/v1/grants", "spending");
list_handler!(list_expenditures, PublicExpenditureEntry, ExpenditureEntryList, "/api/v1/expenditures", "spending");
list_handler!(list_updates, PublicUpdateEntry, UpdateEntryList, "/api/v1/updates", "updates");
list_handler!(list_manifests, PublicManifestEntry, ManifestEntryList, "/api/v1/manifests", "audits");
list_handler!(list_sampled_units, PublicSampledUnitEntry, SampledUnitEntryList, "/api/v1/sampled-units", "audits");
list_handler!(list_rounds, PublicRoundEntry, RoundEntryList, "/api/v1/audit-rounds", "audits");
list_handler!(list_batch_tallies, PublicBatchTallyEntry, BatchTallyEntryList, "/api/v1/batch-tallies", "audits");

/// Declares one record kind's current, version and history handlers.
macro_rules! record_handlers {
    ($current:ident, $version:ident, $history:ident, $kind:expr, $body:ty,
     $path:literal, $vpath:literal, $hpath:literal, $tag:literal) => {
        #[utoipa::path(get, path = $path, tag = $tag,
            params(("slug" = String, Path, description = "The record's slug")),
            responses(
                (status = 200, description = "The current version (the bytes of its data.json)", body = $body),
                (status = 404, description = "No such record", body = ApiError),
                (status = 410, description = "The record was retracted; the body holds its tombstone", body = ApiError),
            ))]
        async fn $current(State(s): State<AppState>, Path(slug): Path<String>) -> Response {
            record(&s.reader, $kind, &slug, None).await
        }

        #[utoipa::path(get, path = $vpath, tag = $tag,
            params(
                ("slug" = String, Path, description = "The record's slug"),
                ("version" = i64, Path, description = "The version number, from 1"),
            ),
            responses(
                (status = 200, description = "That version, which never changes", body = $body),
                (status = 404, description = "No such record or version", body = ApiError),
            ))]
        async fn $version(State(s): State<AppState>, Path((slug, v)): Path<(String, String)>) -> Response {
            let mut res = record(&s.reader, $kind, &slug, Some(&v)).await;
            if res.status() == StatusCode::OK {
                res.headers_mut().insert(
                    header::CACHE_CONTROL,
                    header::HeaderValue::from_static("public, max-age=31536000, immutable"),
                );
            }
            res
        }

        #[utoipa::path(get, path = $hpath, tag = $tag,
            params(("slug" = String, Path, description = "The record's slug")),
            responses(
                (status = 200, description = "Every version with its date, correction note and changes", body = RecordHistory),
                (status = 404, description = "No such record", body = ApiError),
            ))]
        async fn $history(State(s): State<AppState>, Path(slug): Path<String>) -> Response {
            history(&s.reader, $kind, &slug).await
        }
    };
}
record_handlers!(
    audit,
    audit_version,
    audit_history,
    RecordKind::Audit,
    PublicAudit,
    "/api/v1/audits/{slug}",
    "/api/v1/audits/{slug}/versions/{version}",
    "/api/v1/audits/{slug}/history",
    "audits"
);
record_handlers!(
    grant,
    grant_version,
    grant_history,
    RecordKind::Grant,
    PublicGrantVersion,
    "/api/v1/grants/{slug}",
    "/api/v1/grants/{slug}/versions/{version}",
    "/api/v1/grants/{slug}/history",
    "spending"
);
record_handlers!(
    expenditure,
    expenditure_version,
    expenditure_history,
    RecordKind::Expenditure,
    PublicExpenditure,
    "/api/v1/expenditures/{slug}",
    "/api/v1/expenditures/{slug}/versions/{version}",
    "/api/v1/expenditures/{slug}/history",
    "spending"
);
record_handlers!(
    update,
    update_version,
    update_history,
    RecordKind::Update,
    PublicUpdate,
    "/api/v1/updates/{slug}",
    "/api/v1/updates/{slug}/versions/{version}",
    "/api/v1/updates/{slug}/history",
    "updates"
);

#[utoipa::path(get, path = "/api/v1/jurisdictions", tag = "jurisdictions",
    responses((status = 200, description = "The state and every county", body = Vec<PublicJurisdictionEntry>)))]
async fn jurisdictions(State(s): State<AppState>) -> Response {
    match crate::db::reference::jurisdictions(s.reader.db()).await {
        Ok(rows) => Json(
            rows.into_iter()
                .map(|j| PublicJurisdictionEntry {
                    slug: j.slug,
                    name: j.name,
                    kind: j.kind.code().to_string(),
                    fips: j.fips,
                })
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(e) => unavailable(e),
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Election Transparency Portal API",
        version = "1",
        description = "Read-only access to every published audit, grant, expenditure and update. \
            Lists take the same filters as the pages, plus limit, and are paged by the next link each page gives. \
            Records are served as the exact bytes their citations hash. CORS is open: the data is public."
    ),
    paths(
        list_audits,
        list_contests,
        list_grants,
        list_expenditures,
        list_updates,
        list_manifests,
        list_sampled_units,
        list_rounds,
        list_batch_tallies,
        audit,
        audit_version,
        audit_history,
        grant,
        grant_version,
        grant_history,
        expenditure,
        expenditure_version,
        expenditure_history,
        update,
        update_version,
        update_history,
        jurisdictions,
    ),
    components(schemas(ApiError, ApiErrorBody))
)]
struct ApiDoc;

/// Which collection a list path serves.
fn list_collection(path: &str) -> Option<Collection> {
    Collection::from_name(path.strip_prefix("/api/v1/")?)
}

/// The OpenAPI document: generated from the handlers and wire types, with each
/// list's filters and each entry's column notes taken from the data dictionary.
pub fn openapi_document() -> serde_json::Value {
    use serde_json::json;
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serialises");
    if let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) {
        for (path, item) in paths.iter_mut() {
            let Some(collection) = list_collection(path) else { continue };
            let mut params: Vec<serde_json::Value> = collection
                .filters()
                .iter()
                .map(|f| {
                    json!({
                        "name": f,
                        "in": "query",
                        "required": false,
                        "description": format!("Only entries whose {f} is this value, as on the pages."),
                        "schema": { "type": "string" },
                    })
                })
                .collect();
            params.push(json!({ "name": "after", "in": "query", "required": false,
                "description": "The cursor of a next link: the entries after this one (a slug, or SLUG:N for an audit's rows), in the collection's order.",
                "schema": { "type": "string" } }));
            params.push(json!({ "name": "page", "in": "query", "required": false,
                "description": "Which page, from 1 (older links; a deep page costs more than following next links).", "schema": { "type": "integer", "minimum": 1, "default": 1 } }));
            params.push(json!({ "name": "limit", "in": "query", "required": false,
                "description": "Entries per page.", "schema": { "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT } }));
            item["get"]["parameters"] = json!(params);
        }
        // A version's bytes are what the transparency log hashes, so its entry's
        // index travels beside them, in a header.
        for (_, item) in paths.iter_mut().filter(|(path, _)| path.contains("/versions/{")) {
            if let Some(ok) = item.pointer_mut("/get/responses/200").and_then(|r| r.as_object_mut()) {
                ok.insert(
                    "headers".into(),
                    json!({ "Log-Index": {
                        "description": "The index of this version's entry in the transparency log (/log/...).",
                        "schema": { "type": "integer", "minimum": 0 },
                    }}),
                );
            }
        }
    }
    let entry_schemas = [
        ("PublicAuditEntry", Collection::Audits),
        ("PublicContestEntry", Collection::AuditContests),
        ("PublicGrantEntry", Collection::Grants),
        ("PublicExpenditureEntry", Collection::Expenditures),
        ("PublicUpdateEntry", Collection::Updates),
        ("PublicManifestEntry", Collection::Manifests),
        ("PublicSampledUnitEntry", Collection::SampledUnits),
        ("PublicRoundEntry", Collection::AuditRounds),
        ("PublicBatchTallyEntry", Collection::BatchTallies),
    ];
    for (schema, collection) in entry_schemas {
        let Some(props) =
            doc.pointer_mut(&format!("/components/schemas/{schema}/properties")).and_then(|p| p.as_object_mut())
        else {
            continue;
        };
        for column in collection.columns() {
            if let Some(p) = props.get_mut(column.name).and_then(|p| p.as_object_mut()) {
                p.insert("description".into(), json!(column.en));
            }
        }
    }
    doc
}

/// A small index of the API for a reader who opens `/api/v1` in a browser.
async fn index(State(s): State<AppState>) -> Response {
    let base = s.reader.public_url();
    let collections: Vec<_> = Collection::ALL
        .iter()
        .map(|c| serde_json::json!({ "name": c.name(), "list": format!("{base}/api/v1/{}", c.name()), "filters": c.filters() }))
        .collect();
    Json(serde_json::json!({
        "openapi": format!("{base}/api/v1/openapi.json"),
        "collections": collections,
        "jurisdictions": format!("{base}/api/v1/jurisdictions"),
        "downloads": format!("{base}/data"),
    }))
    .into_response()
}

async fn openapi() -> Response {
    // The document is fixed for the life of the process: build it once.
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let bytes = BYTES.get_or_init(|| serde_json::to_vec_pretty(&openapi_document()).unwrap_or_default());
    ([(header::CONTENT_TYPE, "application/json")], bytes.as_slice()).into_response()
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "There is no API endpoint at this address; see /api/v1/openapi.json.")
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1", get(index))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/audits", get(list_audits))
        .route("/api/v1/audit-contests", get(list_contests))
        .route("/api/v1/grants", get(list_grants))
        .route("/api/v1/expenditures", get(list_expenditures))
        .route("/api/v1/updates", get(list_updates))
        .route("/api/v1/manifests", get(list_manifests))
        .route("/api/v1/sampled-units", get(list_sampled_units))
        .route("/api/v1/audit-rounds", get(list_rounds))
        .route("/api/v1/batch-tallies", get(list_batch_tallies))
        .route("/api/v1/audits/{slug}", get(audit))
        .route("/api/v1/audits/{slug}/versions/{version}", get(audit_version))
        .route("/api/v1/audits/{slug}/history", get(audit_history))
        .route("/api/v1/grants/{slug}", get(grant))
        .route("/api/v1/grants/{slug}/versions/{version}", get(grant_version))
        .route("/api/v1/grants/{slug}/history", get(grant_history))
        .route("/api/v1/expenditures/{slug}", get(expenditure))
        .route("/api/v1/expenditures/{slug}/versions/{version}", get(expenditure_version))
        .route("/api/v1/expenditures/{slug}/history", get(expenditure_history))
        .route("/api/v1/updates/{slug}", get(update))
        .route("/api/v1/updates/{slug}/versions/{version}", get(update_version))
        .route("/api/v1/updates/{slug}/history", get(update_history))
        .route("/api/v1/jurisdictions", get(jurisdictions))
        .route("/api/v1/{*rest}", get(not_found))
}
