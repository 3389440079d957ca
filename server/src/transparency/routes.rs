//! The log over HTTP: `/log/checkpoint` (a signed note with the witnesses'
//! cosignatures), `/log/key`, hash tiles and entry bundles (c2sp.org/tlog-tiles),
//! inclusion and consistency proofs as JSON, `POST /log/cosignature` for the
//! configured witnesses, each version's proof bundle (`…/v/N/proof.txt`,
//! c2sp.org/tlog-proof) and each retraction's tombstone (`retraction.json`).
//!
//! Everything here reads through the [`PublicDb`] handle, except storing a
//! verified cosignature, which is the one write a stranger can cause: it goes
//! through [`CosignatureStore`], which can do nothing else.

use super::keys::LogKeys;
use super::{tree, Action, Entry};
use crate::db::transparency as store;
use crate::db::{OfficialsDb, PublicDb};
use crate::error::{AppError, AppResult};
use app::model::RecordKind;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;
use tlog::{Checkpoint, SignatureLine, TlogProof};

/// The only write the log's routes make: a verified cosignature.
#[derive(Clone, Debug)]
pub struct CosignatureStore(OfficialsDb);

impl CosignatureStore {
    pub fn new(db: OfficialsDb) -> Self {
        CosignatureStore(db)
    }

    async fn store(&self, witness: &str, size: u64, line: &str) -> AppResult<()> {
        let now = crate::domain::values::Timestamp::now().to_string();
        store::store_cosignature(&mut *self.0.conn().await?, witness, size as i64, line, &now).await
    }
}

#[derive(Clone)]
pub struct LogState {
    pub db: PublicDb,
    pub keys: LogKeys,
    /// None on a read-only site (the static export): then there is no
    /// `POST /log/cosignature` at all.
    pub cosignatures: Option<CosignatureStore>,
}

/// The current checkpoint, signed by the log and carrying the cosignatures
/// witnesses sent for its size; and that size.
pub async fn signed_checkpoint(db: &PublicDb, keys: &LogKeys) -> AppResult<(String, Checkpoint)> {
    let mut conn = db.conn().await?;
    let size = tree::size(&mut conn).await?;
    let root = tree::root(&mut conn, size).await?;
    let checkpoint = Checkpoint::new(keys.origin.clone(), size, root);
    let note = tlog::note::sign_checkpoint(&checkpoint, &keys.signer)
        .map_err(|e| AppError::internal(anyhow::anyhow!("signing the checkpoint: {e}")))?;
    let lines: Vec<SignatureLine> = store::cosignatures(&mut conn, size as i64)
        .await?
        .iter()
        .filter_map(|l| SignatureLine::parse(l).ok())
        .collect();
    let note = if lines.is_empty() {
        note
    } else {
        tlog::note::add_signatures(&note, &lines)
            .map_err(|e| AppError::internal(anyhow::anyhow!("adding cosignatures: {e}")))?
    };
    Ok((note, checkpoint))
}

/// The proof bundle of a version: its publication entry (as the bundle's extra
/// data), that entry's inclusion proof and the current signed checkpoint.
pub async fn proof_bundle(
    db: &PublicDb,
    keys: &LogKeys,
    kind: RecordKind,
    slug: &str,
    version: i64,
) -> AppResult<Option<String>> {
    let rows = store::entries_of_version(&mut *db.conn().await?, kind.code(), slug, version).await?;
    let Some(row) = rows.into_iter().find(|r| r.action == Action::Publish.code() || r.action == Action::Correct.code())
    else {
        return Ok(None);
    };
    let (note, checkpoint) = signed_checkpoint(db, keys).await?;
    let index = row.idx as u64;
    if index >= checkpoint.size {
        return Ok(None);
    }
    let proof = tree::inclusion(&mut *db.conn().await?, index, checkpoint.size).await?;
    let bundle = TlogProof { extra: row.entry.into_bytes(), index, proof, checkpoint: note };
    bundle.to_text().map(Some).map_err(|e| AppError::internal(anyhow::anyhow!("proof bundle: {e}")))
}

/// The log index of a version's publication entry, if it is in the log.
pub async fn version_index(db: &PublicDb, kind: RecordKind, slug: &str, version: i64) -> AppResult<Option<i64>> {
    let rows = store::entries_of_version(&mut *db.conn().await?, kind.code(), slug, version).await?;
    Ok(rows
        .into_iter()
        .find(|r| r.action == Action::Publish.code() || r.action == Action::Correct.code())
        .map(|r| r.idx))
}

fn text(status: StatusCode, body: impl Into<String>) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body.into()).into_response()
}

/// A failure as the asker should see it: their mistake in plain words, or a
/// generic message (the cause is logged).
fn failed(e: AppError, what: &str) -> Response {
    match e {
        AppError::Validation { message, .. } => text(StatusCode::BAD_REQUEST, format!("{message}.")),
        other => {
            other.log(what);
            text(StatusCode::SERVICE_UNAVAILABLE, "The log could not be read. Please try again.")
        }
    }
}

async fn checkpoint(State(s): State<LogState>) -> Response {
    match signed_checkpoint(&s.db, &s.keys).await {
        Ok((note, _)) => {
            ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], note)
                .into_response()
        }
        Err(e) => failed(e, "checkpoint failed"),
    }
}

async fn key(State(s): State<LogState>) -> Response {
    text(StatusCode::OK, format!("{}\n", s.keys.vkey()))
}

/// `/log/tile/<L>/<N>[.p/<W>]` and `/log/tile/entries/<N>[.p/<W>]`.
async fn tile(State(s): State<LogState>, Path(rest): Path<String>) -> Response {
    let path = format!("tile/{rest}");
    let (tile, entries) = if rest.starts_with("entries/") {
        (tlog::tile::parse_entry_bundle_path(&path), true)
    } else {
        (tlog::parse_tile_path(&path), false)
    };
    let Some(tile) = tile else {
        return text(
            StatusCode::BAD_REQUEST,
            "That is not a tile path: use /log/tile/<level>/<index>[.p/<width>] or /log/tile/entries/<index>[.p/<width>], \
             with the index in 3-digit groups (x001/x234/067).",
        );
    };
    let mut conn = match s.db.conn().await {
        Ok(c) => c,
        Err(e) => return failed(e, "tile failed"),
    };
    let bytes = if entries { tree::entry_bundle(&mut conn, &tile).await } else { tree::tile(&mut conn, &tile).await };
    match bytes {
        Ok(Some(bytes)) => {
            let cache = if tile.is_partial() { "public, max-age=60" } else { "public, max-age=31536000, immutable" };
            ([(header::CONTENT_TYPE, "application/octet-stream"), (header::CACHE_CONTROL, cache)], bytes)
                .into_response()
        }
        Ok(None) => text(StatusCode::NOT_FOUND, "The log does not hold that tile yet."),
        Err(e) => failed(e, "tile failed"),
    }
}

/// A query parameter as a whole number, or a plain message.
fn number(q: &HashMap<String, String>, name: &str) -> Result<u64, String> {
    let bad = || format!("Give {name} as a whole number from 0, e.g. ?{name}=3.");
    let v = q.get(name).ok_or_else(bad)?;
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) || (v.len() > 1 && v.starts_with('0')) {
        return Err(bad());
    }
    v.parse::<u64>().ok().filter(|n| *n <= tlog::stored::MAX_TREE_SIZE).ok_or_else(bad)
}

fn encode(hashes: &[tlog::Hash]) -> Vec<String> {
    hashes.iter().map(tlog::encode_hash).collect()
}

async fn inclusion(State(s): State<LogState>, Query(q): Query<HashMap<String, String>>) -> Response {
    let (index, size) = match (number(&q, "index"), number(&q, "size")) {
        (Ok(i), Ok(n)) => (i, n),
        (Err(m), _) | (_, Err(m)) => return text(StatusCode::BAD_REQUEST, m),
    };
    let result = async { tree::inclusion(&mut *s.db.conn().await?, index, size).await }.await;
    match result {
        Ok(hashes) => {
            axum::Json(serde_json::json!({ "index": index, "size": size, "hashes": encode(&hashes) })).into_response()
        }
        Err(e) => failed(e, "inclusion proof failed"),
    }
}

async fn consistency(State(s): State<LogState>, Query(q): Query<HashMap<String, String>>) -> Response {
    let (from, to) = match (number(&q, "from"), number(&q, "to")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(m), _) | (_, Err(m)) => return text(StatusCode::BAD_REQUEST, m),
    };
    let result = async { tree::consistency(&mut *s.db.conn().await?, from, to).await }.await;
    match result {
        Ok(hashes) => axum::Json(serde_json::json!({ "hashes": encode(&hashes) })).into_response(),
        Err(e) => failed(e, "consistency proof failed"),
    }
}

/// `POST /log/cosignature`: a witness's cosignature line (c2sp.org/tlog-cosignature)
/// of the current checkpoint. Verified against the configured witness keys.
async fn cosignature(State(s): State<LogState>, body: String) -> Response {
    let line = body.trim_end_matches(['\n', '\r']);
    let Ok(sig) = SignatureLine::parse(line) else {
        return text(
            StatusCode::BAD_REQUEST,
            "Send one cosignature line (— <witness name> <base64 key ID and signature>) of the current checkpoint.",
        );
    };
    let Some(witness) = s.keys.witnesses.iter().find(|w| w.name() == sig.name && w.key_id() == sig.key_id) else {
        return text(
            StatusCode::FORBIDDEN,
            "This log does not know that witness key. Ask the office to add its vkey to PORTAL_WITNESSES.",
        );
    };
    let (note, checkpoint) = match signed_checkpoint(&s.db, &s.keys).await {
        Ok(x) => x,
        Err(e) => return failed(e, "cosignature failed"),
    };
    let with = match tlog::note::add_signatures(&note, std::slice::from_ref(&sig)) {
        Ok(n) => n,
        Err(_) => return text(StatusCode::BAD_REQUEST, "The cosignature line could not be added to the checkpoint."),
    };
    if tlog::cosignature::verify_cosignature(&with, witness).is_err() {
        return text(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "The cosignature does not verify for the current checkpoint (size {}). Fetch /log/checkpoint again \
                 and cosign what it says.",
                checkpoint.size
            ),
        );
    }
    let Some(store) = &s.cosignatures else {
        return text(StatusCode::NOT_FOUND, "This copy of the log takes no cosignatures.");
    };
    match store.store(&witness.to_vkey(), checkpoint.size, &sig.to_line()).await {
        Ok(()) => text(StatusCode::OK, format!("Cosignature of checkpoint size {} stored.\n", checkpoint.size)),
        Err(e) => failed(e, "storing a cosignature failed"),
    }
}

async fn version_proof(s: LogState, kind: RecordKind, slug: String, version: String) -> Response {
    let Some(v) = crate::public::records::parse_version(&version) else {
        return text(StatusCode::NOT_FOUND, "There is no published version at this address.");
    };
    if !app::model::is_slug(&slug) {
        return text(StatusCode::NOT_FOUND, "There is no published version at this address.");
    }
    match proof_bundle(&s.db, &s.keys, kind, &slug, v).await {
        Ok(Some(bundle)) => {
            let disposition = format!("attachment; filename=\"{slug}-v{v}-proof.txt\"");
            (
                [
                    (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bundle,
            )
                .into_response()
        }
        Ok(None) => text(StatusCode::NOT_FOUND, "This version is not in the transparency log."),
        Err(e) => failed(e, "proof bundle failed"),
    }
}

async fn retraction(s: LogState, kind: RecordKind, slug: String, version: String) -> Response {
    let path = match crate::public::records::parse_version(&version) {
        Some(v) if app::model::is_slug(&slug) => super::retraction_path(kind, &slug, v),
        _ => return text(StatusCode::NOT_FOUND, "There is no retraction at this address."),
    };
    match store::body_at(&s.db, &path).await {
        Ok(Some(body)) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            body,
        )
            .into_response(),
        Ok(None) => text(StatusCode::NOT_FOUND, "There is no retraction at this address."),
        Err(e) => failed(e, "retraction failed"),
    }
}

/// The log's routes, with their own state.
pub fn router(state: LogState) -> Router {
    let mut router = Router::new()
        .route("/log/checkpoint", get(checkpoint))
        .route("/log/key", get(key))
        .route("/log/tile/{*rest}", get(tile))
        .route("/log/proof/inclusion", get(inclusion))
        .route("/log/proof/consistency", get(consistency));
    if state.cosignatures.is_some() {
        router = router.route("/log/cosignature", post(cosignature));
    }
    for kind in RecordKind::ALL.iter().copied() {
        let prefix = kind.path_prefix();
        router = router
            .route(
                &format!("{prefix}/{{slug}}/v/{{version}}/proof.txt"),
                get(move |State(s): State<LogState>, Path((slug, v)): Path<(String, String)>| {
                    version_proof(s, kind, slug, v)
                }),
            )
            .route(
                &format!("{prefix}/{{slug}}/v/{{version}}/retraction.json"),
                get(move |State(s): State<LogState>, Path((slug, v)): Path<(String, String)>| {
                    retraction(s, kind, slug, v)
                }),
            );
    }
    // Any site may read the log (as the open data), and verify it in a browser.
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD]);
    router.with_state(state).layer(cors)
}

/// Parses an entry bundle into entries (for clients and tests).
pub fn bundle_entries(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    tlog::tile::parse_entry_bundle(bytes).map_err(|e| e.to_string())?.into_iter().map(Entry::parse).collect()
}
