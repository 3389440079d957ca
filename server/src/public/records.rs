//! One record's canonical JSON, for both `…/data.json` and `/api/v1/{kind}/{slug}`:
//! one reader, two ways of saying "not found" or "retracted". And an audit's
//! ballot manifest, `…/manifest.csv`: the bytes its `manifest.sha256` hashes.

use super::reader::Reader;
use super::PublicState;
use crate::error::AppResult;
use app::model::{is_slug, PublicRetraction, RecordKind};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// What a record address holds.
pub enum RecordAnswer {
    /// The version's bytes: its canonical JSON (or, for a manifest, its CSV).
    Found(Vec<u8>),
    /// The record was retracted (only for its current address).
    Retracted(PublicRetraction),
    /// No such record or version (or a malformed address).
    Missing,
}

/// A version number from an address: a whole number from 1.
pub fn parse_version(v: &str) -> Option<i64> {
    v.parse::<i64>().ok().filter(|n| *n >= 1)
}

/// Reads the current version (`version` None) or a version of a record.
pub async fn read(reader: &Reader, kind: RecordKind, slug: &str, version: Option<i64>) -> AppResult<RecordAnswer> {
    if !is_slug(slug) {
        return Ok(RecordAnswer::Missing);
    }
    if version.is_none() {
        if let Some(r) = reader.retraction(kind, slug).await? {
            return Ok(RecordAnswer::Retracted(r));
        }
    }
    Ok(match reader.record_json(kind, slug, version).await? {
        Some(bytes) => RecordAnswer::Found(bytes),
        None => RecordAnswer::Missing,
    })
}

/// `…/data.json` (the current version) or `…/v/{n}/data.json` (version n) of any
/// record kind: immutable at a version address, briefly cacheable otherwise. A
/// retracted record's current address answers 410 Gone.
pub async fn data_json(state: PublicState, kind: RecordKind, slug: String, version: Option<String>) -> Response {
    let immutable = version.is_some();
    let version = match version.as_deref().map(parse_version) {
        None => None,
        Some(Some(n)) => Some(n),
        Some(None) => return missing(),
    };
    match read(&state.reader, kind, &slug, version).await {
        Ok(RecordAnswer::Found(bytes)) => {
            let cache = if immutable { "public, max-age=31536000, immutable" } else { "public, max-age=60" };
            let mut res =
                ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, cache)], bytes).into_response();
            if let Some(v) = version {
                with_log_index(&state.reader, kind, &slug, v, &mut res).await;
            }
            res
        }
        Ok(RecordAnswer::Retracted(r)) => (
            StatusCode::GONE,
            format!(
                "This record was retracted: {} Its versions stay readable at {}/{slug}/v/{{n}}/data.json.",
                r.reason,
                kind.path_prefix()
            ),
        )
            .into_response(),
        Ok(RecordAnswer::Missing) => missing(),
        Err(e) => {
            e.log("record JSON failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The data could not be loaded. Please try again.").into_response()
        }
    }
}

/// The public manifest CSV of an audit's current version (`version` None) or of
/// a version, as [`read`] answers for its JSON.
async fn read_manifest(reader: &Reader, slug: &str, version: Option<i64>) -> AppResult<RecordAnswer> {
    if !is_slug(slug) {
        return Ok(RecordAnswer::Missing);
    }
    let version = match version {
        Some(n) => Some(n),
        None => {
            if let Some(r) = reader.retraction(RecordKind::Audit, slug).await? {
                return Ok(RecordAnswer::Retracted(r));
            }
            crate::db::audits::current_audit_version(reader.db(), slug).await?
        }
    };
    let csv = match version {
        Some(n) => crate::db::audits::manifest_csv(reader.db(), slug, n).await?,
        None => None,
    };
    Ok(csv.map_or(RecordAnswer::Missing, |csv| RecordAnswer::Found(csv.into_bytes())))
}

/// `/audits/{slug}/manifest.csv` (the current version's) or
/// `/audits/{slug}/v/{n}/manifest.csv`: exactly the public manifest CSV whose
/// SHA-256 the audit committed to, cached like the version's `data.json`.
pub async fn manifest_csv(state: PublicState, slug: String, version: Option<String>) -> Response {
    let immutable = version.is_some();
    let version = match version.as_deref().map(parse_version) {
        None => None,
        Some(Some(n)) => Some(n),
        Some(None) => return no_manifest(),
    };
    match read_manifest(&state.reader, &slug, version).await {
        Ok(RecordAnswer::Found(bytes)) => {
            let cache = if immutable { "public, max-age=31536000, immutable" } else { "public, max-age=60" };
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CACHE_CONTROL, cache)], bytes).into_response()
        }
        Ok(RecordAnswer::Retracted(r)) => (
            StatusCode::GONE,
            format!(
                "This audit was retracted: {} Its manifests stay readable at /audits/{slug}/v/{{n}}/manifest.csv.",
                r.reason
            ),
        )
            .into_response(),
        Ok(RecordAnswer::Missing) => no_manifest(),
        Err(e) => {
            e.log("manifest CSV failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The manifest could not be loaded. Please try again.").into_response()
        }
    }
}

/// Names, beside a version's bytes (which the log hashes, so cannot hold it),
/// the index of its entry in the transparency log: the `Log-Index` header.
pub async fn with_log_index(reader: &Reader, kind: RecordKind, slug: &str, version: i64, res: &mut Response) {
    match crate::transparency::routes::version_index(reader.db(), kind, slug, version).await {
        Ok(Some(i)) => {
            res.headers_mut().insert("log-index", i.into());
        }
        Ok(None) => {}
        Err(e) => e.log("log index failed"),
    }
}

fn no_manifest() -> Response {
    (StatusCode::NOT_FOUND, "There is no published audit manifest at this address.").into_response()
}

fn missing() -> Response {
    (StatusCode::NOT_FOUND, "There is no published record or version at this address.").into_response()
}

/// The `data.json` routes of every record kind, and the audits' `manifest.csv`.
pub fn routes(mut router: axum::Router<PublicState>) -> axum::Router<PublicState> {
    use axum::routing::get;
    for kind in RecordKind::ALL.iter().copied() {
        let prefix = kind.path_prefix();
        router = router
            .route(
                &format!("{prefix}/{{slug}}/data.json"),
                get(move |State(s): State<PublicState>, Path(slug): Path<String>| data_json(s, kind, slug, None)),
            )
            .route(
                &format!("{prefix}/{{slug}}/v/{{version}}/data.json"),
                get(move |State(s): State<PublicState>, Path((slug, v)): Path<(String, String)>| {
                    data_json(s, kind, slug, Some(v))
                }),
            );
    }
    router
        .route(
            "/audits/{slug}/manifest.csv",
            get(|State(s): State<PublicState>, Path(slug): Path<String>| manifest_csv(s, slug, None)),
        )
        .route(
            "/audits/{slug}/v/{version}/manifest.csv",
            get(|State(s): State<PublicState>, Path((slug, v)): Path<(String, String)>| manifest_csv(s, slug, Some(v))),
        )
}
