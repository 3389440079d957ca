//! An audit's evidence tables: the manifest's batches and the committed files of
//! a draft (the batches' real labels are restricted), their published
//! counterparts, and the sampled units the gate derives at publication.

use super::super::{table_row, Conn};
use crate::error::{AppResult, Context};

table_row! {
    /// One batch of a draft's manifest; `label` (a storage place or tabulator
    /// behind a public alias) is withheld.
    pub struct BatchDraftRow in "draft_audit_batches" {
        pub draft_id: i64,
        pub position: i64,
        pub batch: String,
        pub ballots: i64,
        pub label: String,
    }
}

table_row! {
    pub struct FileDraftRow in "draft_audit_files" {
        pub draft_id: i64,
        pub position: i64,
        pub kind: String,
        pub sha256: String,
        pub bytes: i64,
    }
}

table_row! {
    pub struct PublishedBatchRow in "published_audit_batches" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub batch: String,
        pub ballots: i64,
    }
}

table_row! {
    pub struct PublishedFileRow in "published_audit_files" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub kind: String,
        pub sha256: String,
        pub bytes: i64,
        /// When this file's hash was first published (its commitment).
        pub committed_at: String,
    }
}

table_row! {
    pub struct PublishedUnitRow in "published_sampled_units" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub round: i64,
        pub ticket: String,
        pub batch: String,
        pub ballot_position: i64,
    }
}

table_row! {
    /// One sampled ballot's readings in one contest (JSON arrays of names;
    /// `audited` is NULL when the ballot was not found).
    pub struct InterpretationDraftRow in "draft_audit_interpretations" {
        pub draft_id: i64,
        pub position: i64,
        pub batch: String,
        pub ballot_position: i64,
        pub contest_position: i64,
        pub machine: String,
        pub audited: Option<String>,
    }
}

table_row! {
    pub struct PublishedInterpretationRow in "published_ballot_interpretations" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        /// The ballot's position in `published_sampled_units` (its first draw).
        pub unit_position: i64,
        pub contest_position: i64,
        pub machine: String,
        pub audited: Option<String>,
        /// The overstatement in votes the portal counted (−2 to 2).
        pub discrepancy: i64,
    }
}

table_row! {
    /// One candidate's votes in one batch for one contest of a draft (batch
    /// comparison): reported, and counted by hand for a sampled batch.
    pub struct BatchTallyDraftRow in "draft_audit_batch_tallies" {
        pub draft_id: i64,
        pub position: i64,
        pub contest_position: i64,
        pub batch: String,
        pub candidate: String,
        pub reported: i64,
        pub audited: Option<i64>,
    }
}

table_row! {
    pub struct PublishedBatchTallyRow in "published_batch_tallies" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub contest_position: i64,
        pub batch: String,
        pub candidate: String,
        pub reported: i64,
        pub audited: Option<i64>,
    }
}

/// When a manifest with this SHA-256 was first published for the audit, and in
/// which version (the commitment), if it was.
pub async fn manifest_committed(conn: &mut Conn, slug: &str, sha256: &str) -> AppResult<Option<(String, i64)>> {
    sqlx::query_as(
        "SELECT published_at, version FROM published_audits WHERE slug = $1 AND manifest_sha256 = $2 \
         ORDER BY version LIMIT 1",
    )
    .bind(slug)
    .bind(sha256)
    .fetch_optional(conn)
    .await
    .context("reading a manifest's commitment")
}

/// When a file with this SHA-256 was first published for the audit, if it was.
pub async fn file_committed(conn: &mut Conn, slug: &str, sha256: &str) -> AppResult<Option<String>> {
    sqlx::query_scalar("SELECT MIN(committed_at) FROM published_audit_files WHERE audit_slug = $1 AND sha256 = $2")
        .bind(slug)
        .bind(sha256)
        .fetch_one(conn)
        .await
        .context("reading a file's commitment")
}

table_row! {
    /// One round of one contest of a draft, its numbers cumulative
    /// (`audited_results` as `Name=votes;…`, empty for none).
    pub struct RoundDraftRow in "draft_audit_rounds" {
        pub draft_id: i64,
        pub position: i64,
        pub contest_position: i64,
        pub round: i64,
        pub sample_size: i64,
        pub audited_results: String,
        pub o1: Option<i64>,
        pub o2: Option<i64>,
        pub u1: Option<i64>,
        pub u2: Option<i64>,
        pub p_value: Option<f64>,
        pub risk_limit_met: Option<i64>,
        pub started_on: Option<String>,
        pub completed_on: Option<String>,
    }
}

table_row! {
    /// One round of one contest as published, with the portal's recomputation
    /// on the cumulative sample; `position` is contest_position * 1000 + round - 1.
    pub struct PublishedRoundRow in "published_audit_rounds" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub contest_position: i64,
        pub round: i64,
        pub sample_size: i64,
        pub audited_results: Option<String>,
        pub o1: Option<i64>,
        pub o2: Option<i64>,
        pub u1: Option<i64>,
        pub u2: Option<i64>,
        pub p_value: Option<f64>,
        pub risk_limit_met: Option<i64>,
        pub started_on: Option<String>,
        pub completed_on: Option<String>,
        pub check_method: Option<String>,
        pub check_p_value: Option<f64>,
        pub check_risk_limit_met: Option<i64>,
        pub check_consistent: Option<i64>,
    }
}

/// The stride of a round row's position: contest_position * this + round - 1.
pub const ROUND_STRIDE: i64 = 1000;
