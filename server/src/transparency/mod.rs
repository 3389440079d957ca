//! The transparency log: an append-only Merkle tree (RFC 9162 hashing, the
//! [`tlog`] crate) with one entry per publication, correction, retraction and
//! audit commitment, appended in the publication's own transaction, so the log
//! and the published tables always agree.
//!
//! - this module: the entry format and appending it;
//! - [`tree`]: roots, proofs, tiles and entry bundles read from the stored hashes;
//! - [`keys`]: the log's signing key and the witnesses' keys;
//! - [`routes`]: `/log/…` (checkpoint, key, tiles, proofs, cosignatures) and each
//!   version's `proof.txt` and a retraction's `retraction.json`;
//! - [`verify`]: `portal verify`, the client that checks all of it.

pub mod keys;
pub mod routes;
pub mod tree;
pub mod verify;

use crate::db::{audits, expenditures, grants, transparency as store, updates, Conn};
use crate::error::{AppError, AppResult};
use crate::public::history::canonical_json;
use app::model::{PublicRetraction, RecordKind};
use serde::{Deserialize, Serialize};

/// What to say wherever a reader is asked to trust the log key.
pub const TRUST_NOTE: &str = "Compare the key with one published elsewhere (the README, a newspaper, a witness) \
    before trusting it.";

/// What an entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// A new version (a first publication, or a restoration without a note).
    Publish,
    /// A new version with a public correction note.
    Correct,
    /// A retraction: the url is the tombstone, `retraction.json`.
    Retract,
    /// An audit's inputs committed before its seed: the url is the version's
    /// `manifest.csv` when it commits a manifest, else its `data.json`.
    Commit,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Publish => "publish",
            Action::Correct => "correct",
            Action::Retract => "retract",
            Action::Commit => "commit",
        }
    }
}

/// A log entry. Its canonical form is compact JSON with the keys sorted, which
/// the field order here gives (serde writes fields in declaration order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub action: Action,
    pub index: u64,
    pub kind: String,
    pub published_at: String,
    /// Hex SHA-256 of the exact bytes `url` serves.
    pub sha256: String,
    pub slug: String,
    /// A path on the portal, e.g. `/audits/x/v/2/data.json`.
    pub url: String,
    pub version: i64,
}

impl Entry {
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a log entry serialises")
    }

    /// Parses an entry, accepting only its canonical bytes.
    pub fn parse(bytes: &[u8]) -> Result<Entry, String> {
        let e: Entry = serde_json::from_slice(bytes).map_err(|e| format!("not a log entry: {e}"))?;
        if e.to_bytes() != bytes {
            return Err("the entry is not in its canonical form".into());
        }
        Ok(e)
    }

    pub fn leaf_hash(&self) -> tlog::Hash {
        tlog::leaf_hash(&self.to_bytes())
    }
}

/// The path of a version's `data.json`.
pub fn data_path(kind: RecordKind, slug: &str, version: i64) -> String {
    format!("{}/{slug}/v/{version}/data.json", kind.path_prefix())
}

/// The path of the tombstone of a retraction at `last_version`.
pub fn retraction_path(kind: RecordKind, slug: &str, last_version: i64) -> String {
    format!("{}/{slug}/v/{last_version}/retraction.json", kind.path_prefix())
}

/// Appends one entry for `bytes` (what `url` serves) inside the caller's
/// transaction; returns its index.
#[allow(clippy::too_many_arguments)]
async fn append(
    conn: &mut Conn,
    action: Action,
    kind: RecordKind,
    slug: &str,
    version: i64,
    url: String,
    bytes: &[u8],
    published_at: &str,
    body: Option<String>,
) -> AppResult<u64> {
    let index = store::claim_index(conn).await? as u64;
    let entry = Entry {
        action,
        index,
        kind: kind.code().to_string(),
        published_at: published_at.to_string(),
        sha256: crate::domain::digest::sha256_hex(bytes),
        slug: slug.to_string(),
        url,
        version,
    };
    let leaf = entry.leaf_hash();
    let hashes = tree::with_hashes(conn, |r| tlog::stored::stored_hashes_for_record_hash(index, &leaf, r)).await?;
    store::insert_hashes(conn, tlog::stored::stored_hash_count(index), &hashes).await?;
    store::EntryRow {
        idx: index as i64,
        entry: String::from_utf8(entry.to_bytes()).expect("JSON is UTF-8"),
        action: action.code().into(),
        record_kind: entry.kind,
        slug: entry.slug,
        version,
        url: entry.url,
        sha256: entry.sha256,
        published_at: entry.published_at,
        body,
    }
    .insert(conn)
    .await?;
    Ok(index)
}

/// A published version's canonical JSON as its `data.json` serves it, read on
/// `conn` (publication reads the version it has not committed yet).
pub async fn version_json(conn: &mut Conn, kind: RecordKind, slug: &str, version: i64) -> AppResult<Option<Vec<u8>>> {
    let v = Some(version);
    Ok(match kind {
        RecordKind::Audit => audits::audit_in(conn, slug, v).await?.map(|r| canonical_json(&r)),
        RecordKind::Grant => grants::version_in(conn, slug, v).await?.map(|r| canonical_json(&r)),
        RecordKind::Expenditure => expenditures::one_in(conn, slug, v).await?.map(|r| canonical_json(&r)),
        RecordKind::Update => updates::one_in(conn, slug, v).await?.map(|r| canonical_json(&r)),
    })
}

/// Logs a version just written in this transaction: a `publish` or `correct`
/// entry for its `data.json`, and for an audit version that commits a manifest
/// or files for the first time a `commit` entry (its `manifest.csv` if the
/// manifest is new, else its `data.json`, which lists the files' hashes).
pub async fn log_publication(
    conn: &mut Conn,
    kind: RecordKind,
    slug: &str,
    version: i64,
    corrected: bool,
    now: &str,
) -> AppResult<()> {
    let missing =
        || AppError::internal(anyhow::anyhow!("the version {kind:?} {slug} v{version} just written is missing"));
    let bytes = version_json(conn, kind, slug, version).await?.ok_or_else(missing)?;
    let action = if corrected { Action::Correct } else { Action::Publish };
    append(conn, action, kind, slug, version, data_path(kind, slug, version), &bytes, now, None).await?;
    if kind != RecordKind::Audit {
        return Ok(());
    }
    let audit = audits::audit_in(conn, slug, Some(version)).await?.ok_or_else(missing)?;
    let new_here = |c: &&app::model::PublicCommitment| c.committed_at == audit.published_at;
    if audit.commitments.iter().filter(new_here).any(|c| c.what == "manifest") {
        let csv = audits::manifest_csv_in(conn, slug, version).await?.ok_or_else(missing)?;
        let url = format!("/audits/{slug}/v/{version}/manifest.csv");
        append(conn, Action::Commit, kind, slug, version, url, csv.as_bytes(), now, None).await?;
    } else if audit.commitments.iter().any(|c| new_here(&c)) {
        append(conn, Action::Commit, kind, slug, version, data_path(kind, slug, version), &bytes, now, None).await?;
    }
    Ok(())
}

/// Logs a retraction written in this transaction: the tombstone's canonical
/// JSON, which the log keeps and serves at `…/v/{last_version}/retraction.json`
/// (a later restoration removes the tombstone from the published tables).
pub async fn log_retraction(
    conn: &mut Conn,
    kind: RecordKind,
    slug: &str,
    last_version: i64,
    reason: &str,
    now: &str,
) -> AppResult<()> {
    let tombstone = PublicRetraction {
        kind,
        slug: slug.to_string(),
        last_version,
        retracted_at: now.to_string(),
        reason: reason.to_string(),
    };
    let bytes = canonical_json(&tombstone);
    let body = String::from_utf8(bytes.clone()).expect("JSON is UTF-8");
    let url = retraction_path(kind, slug, last_version);
    append(conn, Action::Retract, kind, slug, last_version, url, &bytes, now, Some(body)).await?;
    Ok(())
}

/// Logs, once, what was published before the log existed: when the log is
/// empty, every published version and tombstone in the order they happened
/// (ties by kind, slug and version), in one transaction.
pub async fn backfill(db: &crate::db::OfficialsDb) -> AppResult<usize> {
    let mut tx = db.begin().await?;
    let result = async {
        // Locked first, so a publication committing meanwhile is either already
        // logged (and the log is not empty) or waits for this to finish.
        if store::lock_head(&mut tx).await? > 0 {
            return Ok(0);
        }
        let (versions, tombstones) = store::published_history(&mut tx).await?;
        // (time, 0 = version / 1 = retraction, kind, slug, version, correction, reason)
        let mut events: Vec<(String, u8, String, String, i64, bool, String)> = versions
            .into_iter()
            .map(|(k, s, v, at, corrected)| (at, 0, k, s, v, corrected, String::new()))
            .chain(tombstones.into_iter().map(|(k, s, v, at, reason)| (at, 1, k, s, v, false, reason)))
            .collect();
        events.sort();
        for (at, what, kind, slug, version, corrected, reason) in &events {
            let kind: RecordKind = crate::db::decode("record_kind", kind)?;
            if *what == 0 {
                log_publication(&mut tx, kind, slug, *version, *corrected, at).await?;
            } else {
                log_retraction(&mut tx, kind, slug, *version, reason, at).await?;
            }
        }
        Ok(events.len())
    }
    .await;
    crate::db::finish(tx, result).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_canonical_json_with_sorted_keys() {
        let e = Entry {
            action: Action::Publish,
            index: 7,
            kind: "audit".into(),
            published_at: "2026-11-03T12:00:00Z".into(),
            sha256: "ab".repeat(32),
            slug: "boone".into(),
            url: "/audits/boone/v/2/data.json".into(),
            version: 2,
        };
        let text = String::from_utf8(e.to_bytes()).unwrap();
        assert!(text.starts_with(r#"{"action":"publish","index":7,"kind":"audit","published_at":"#), "{text}");
        assert!(text.ends_with(r#""url":"/audits/boone/v/2/data.json","version":2}"#), "{text}");
        assert_eq!(Entry::parse(text.as_bytes()).unwrap(), e);
        assert!(Entry::parse(text.replace(':', ": ").as_bytes()).is_err());
    }
}
