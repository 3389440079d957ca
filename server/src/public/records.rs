//! One record's canonical JSON, for both `…/data.json` and `/api/v1/{kind}/{slug}`:
//! one reader, two ways of saying "not found" or "retracted". And an audit's
//! committed evidence files, `…/manifest.csv` and `…/batch-tallies.csv`: the
//! bytes their commitments hash.

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

/// An audit's evidence file whose SHA-256 the audit committed to before its
/// seed: the public manifest, and the batch tallies as committed (the reported
/// votes only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceFile {
    Manifest,
    BatchTallies,
}

impl EvidenceFile {
    pub const ALL: [EvidenceFile; 2] = [EvidenceFile::Manifest, EvidenceFile::BatchTallies];

    /// Its name under the audit's (and each version's) address.
    pub fn file_name(self) -> &'static str {
        match self {
            EvidenceFile::Manifest => "manifest.csv",
            EvidenceFile::BatchTallies => "batch-tallies.csv",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            EvidenceFile::Manifest => "manifests",
            EvidenceFile::BatchTallies => "batch tallies",
        }
    }

    fn missing(self) -> Response {
        let what = match self {
            EvidenceFile::Manifest => "audit manifest",
            EvidenceFile::BatchTallies => "batch-tally file (only batch-comparison audits commit one)",
        };
        (StatusCode::NOT_FOUND, format!("There is no published {what} at this address.")).into_response()
    }

    async fn csv(self, reader: &Reader, slug: &str, version: i64) -> AppResult<Option<String>> {
        match self {
            EvidenceFile::Manifest => crate::db::audits::manifest_csv(reader.db(), slug, version).await,
            EvidenceFile::BatchTallies => {
                crate::db::audits::committed_batch_tallies_csv(reader.db(), slug, version).await
            }
        }
    }
}

/// An evidence file of an audit's current version (`version` None) or of a
/// version, as [`read`] answers for its JSON.
async fn read_evidence(
    reader: &Reader,
    file: EvidenceFile,
    slug: &str,
    version: Option<i64>,
) -> AppResult<RecordAnswer> {
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
        Some(n) => file.csv(reader, slug, n).await?,
        None => None,
    };
    Ok(csv.map_or(RecordAnswer::Missing, |csv| RecordAnswer::Found(csv.into_bytes())))
}

/// `/audits/{slug}/manifest.csv` and `/audits/{slug}/batch-tallies.csv` (the
/// current version's) or `/audits/{slug}/v/{n}/…` (version n's): exactly the
/// bytes whose SHA-256 the audit committed to, cached like the version's
/// `data.json`.
pub async fn evidence_csv(state: PublicState, file: EvidenceFile, slug: String, version: Option<String>) -> Response {
    let immutable = version.is_some();
    let version = match version.as_deref().map(parse_version) {
        None => None,
        Some(Some(n)) => Some(n),
        Some(None) => return file.missing(),
    };
    match read_evidence(&state.reader, file, &slug, version).await {
        Ok(RecordAnswer::Found(bytes)) => {
            let cache = if immutable { "public, max-age=31536000, immutable" } else { "public, max-age=60" };
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CACHE_CONTROL, cache)], bytes).into_response()
        }
        Ok(RecordAnswer::Retracted(r)) => (
            StatusCode::GONE,
            format!(
                "This audit was retracted: {} Its {} stay readable at /audits/{slug}/v/{{n}}/{}.",
                r.reason,
                file.plural(),
                file.file_name()
            ),
        )
            .into_response(),
        Ok(RecordAnswer::Missing) => file.missing(),
        Err(e) => {
            e.log("evidence CSV failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The file could not be loaded. Please try again.").into_response()
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

fn missing() -> Response {
    (StatusCode::NOT_FOUND, "There is no published record or version at this address.").into_response()
}

/// The `data.json` routes of every record kind, and the audits' evidence files.
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
    for file in EvidenceFile::ALL {
        let name = file.file_name();
        router = router
            .route(
                &format!("/audits/{{slug}}/{name}"),
                get(move |State(s): State<PublicState>, Path(slug): Path<String>| evidence_csv(s, file, slug, None)),
            )
            .route(
                &format!("/audits/{{slug}}/v/{{version}}/{name}"),
                get(move |State(s): State<PublicState>, Path((slug, v)): Path<(String, String)>| {
                    evidence_csv(s, file, slug, Some(v))
                }),
            );
    }
    router
}
