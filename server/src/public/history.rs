//! Versions, histories and citations: what lets a reader cite exactly the version
//! they read and see every correction since.

use super::reader::Reader;
use crate::db::{changes, retractions, versions};
use crate::domain::digest::sha256_hex;
use crate::error::AppResult;
use app::model::*;
use std::future::Future;

/// The canonical bytes of a published version: compact JSON of its public wire type,
/// fields in declaration order. The JSON download serves exactly these bytes and
/// the citation's SHA-256 is computed over them.
pub fn canonical_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("public wire types serialise")
}

impl Reader {
    async fn citation(
        &self,
        (kind, slug): (RecordKind, &str),
        version: i64,
        published_at: &str,
        bytes: &[u8],
    ) -> AppResult<PublicCitation> {
        let office = self.site_info().await?.office;
        let path = format!("{}/{slug}", kind.path_prefix());
        let log_index = crate::transparency::routes::version_index(&self.db, kind, slug, version).await?;
        Ok(PublicCitation {
            log_index,
            proof_url: log_index.map(|_| format!("{}{path}/v/{version}/proof.txt", self.public_url)),
            permanent_url: format!("{}{path}/v/{version}", self.public_url),
            data_url: format!("{}{path}/v/{version}/data.json", self.public_url),
            sha256: sha256_hex(bytes),
            published_at: published_at.to_string(),
            office,
            site_name: "Election Transparency Portal".to_string(),
        })
    }

    /// A record's history: every version with its date, correction note and what
    /// changed from the version before (computed once, at publication), and the
    /// number of the newest version.
    async fn history(&self, kind: RecordKind, slug: &str) -> AppResult<(Vec<PublicVersionInfo>, i64)> {
        let list = versions::list(&self.db, kind, slug).await?;
        let mut changes = changes::of_record(&self.db, kind, slug).await?.into_iter().peekable();
        let mut history = Vec::with_capacity(list.len());
        for (n, published_at, correction_note) in list {
            let mut these = Vec::new();
            while let Some((_, change)) = changes.next_if(|(v, _)| *v <= n) {
                these.push(change);
            }
            history.push(PublicVersionInfo { version: n, published_at, correction_note, changes: these });
        }
        let current = history.last().map(|v| v.version).unwrap_or(0);
        Ok((history, current))
    }

    /// The tombstone of a retracted record, if it was retracted.
    pub async fn retraction(&self, kind: RecordKind, slug: &str) -> AppResult<Option<PublicRetraction>> {
        retractions::of(&self.db, kind, slug).await
    }

    /// The version asked for (or the current one, or a retracted record's last),
    /// the record's history, its current version number and its tombstone.
    #[allow(clippy::type_complexity)]
    pub(super) async fn record_history<T, F, Fut>(
        &self,
        kind: RecordKind,
        slug: &str,
        version: Option<i64>,
        load: F,
    ) -> AppResult<Option<(T, Vec<PublicVersionInfo>, i64, Option<PublicRetraction>)>>
    where
        T: serde::Serialize + Clone + Versioned,
        F: Fn(Option<i64>) -> Fut,
        Fut: Future<Output = AppResult<Option<T>>>,
    {
        let retraction = self.retraction(kind, slug).await?;
        let wanted = match (&retraction, version) {
            (Some(r), None) => Some(r.last_version),
            (_, v) => v,
        };
        let Some(record) = load(wanted).await? else { return Ok(None) };
        let (history, current_version) = self.history(kind, slug).await?;
        Ok(Some((record, history, current_version, retraction)))
    }

    /// A record page: the version asked for (or the current one), its citation, the
    /// record's history with what changed in each version, and its tombstone if it
    /// was retracted (then the "current" page shows the last version under it).
    pub(super) async fn record_page<T, F, Fut>(
        &self,
        kind: RecordKind,
        slug: &str,
        version: Option<i64>,
        load: F,
    ) -> AppResult<Option<PublicRecordPage<T>>>
    where
        T: serde::Serialize + Clone + Versioned,
        F: Fn(Option<i64>) -> Fut,
        Fut: Future<Output = AppResult<Option<T>>>,
    {
        let Some((record, history, current_version, retraction)) =
            self.record_history(kind, slug, version, load).await?
        else {
            return Ok(None);
        };
        let citation =
            self.citation((kind, slug), record.version(), record.published_at(), &canonical_json(&record)).await?;
        Ok(Some(PublicRecordPage { record, citation, history, current_version, retraction }))
    }

    /// A record's history (every version, its note and changes), its current
    /// version number and its tombstone, without building a citation.
    #[allow(clippy::type_complexity)]
    pub async fn history_of(
        &self,
        kind: RecordKind,
        slug: &str,
    ) -> AppResult<Option<(i64, Vec<PublicVersionInfo>, Option<PublicRetraction>)>> {
        fn strip<T>(
            x: Option<(T, Vec<PublicVersionInfo>, i64, Option<PublicRetraction>)>,
        ) -> Option<(i64, Vec<PublicVersionInfo>, Option<PublicRetraction>)> {
            x.map(|(_, h, c, r)| (c, h, r))
        }
        Ok(match kind {
            RecordKind::Audit => strip(self.record_history(kind, slug, None, |v| self.audit(slug, v)).await?),
            RecordKind::Grant => strip(self.record_history(kind, slug, None, |v| self.grant_version(slug, v)).await?),
            RecordKind::Expenditure => {
                strip(self.record_history(kind, slug, None, |v| self.expenditure(slug, v)).await?)
            }
            RecordKind::Update => strip(self.record_history(kind, slug, None, |v| self.update(slug, v)).await?),
        })
    }

    /// One published version of a record of any kind as its canonical JSON: the
    /// current one, or `version`. A retracted record has no current version.
    pub async fn record_json(&self, kind: RecordKind, slug: &str, version: Option<i64>) -> AppResult<Option<Vec<u8>>> {
        Ok(match kind {
            RecordKind::Audit => self.audit(slug, version).await?.map(|r| canonical_json(&r)),
            RecordKind::Grant => self.grant_version(slug, version).await?.map(|r| canonical_json(&r)),
            RecordKind::Expenditure => self.expenditure(slug, version).await?.map(|r| canonical_json(&r)),
            RecordKind::Update => self.update(slug, version).await?.map(|r| canonical_json(&r)),
        })
    }
}
