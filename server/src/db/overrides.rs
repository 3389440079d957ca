//! `scanner_overrides`: a reviewer's decision to publish despite a blocking
//! finding, with the written reason. Officials' data: never public.

use super::{Conn, OfficialsDb};
use crate::error::{AppResult, Context};
use app::model::RecordKind;

/// The field, rule and excerpt a finding was overridden for.
pub type OverrideKey = (String, String, String);

/// What an override is for: a finding of one submission's draft.
pub struct OverrideOf<'a> {
    pub submission: i64,
    pub kind: RecordKind,
    pub draft_id: i64,
    pub field: &'a str,
    pub rule: &'a str,
    pub excerpt: &'a str,
}

pub async fn insert(conn: &mut Conn, of: &OverrideOf<'_>, reason: &str, reviewer: &str, now: &str) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO scanner_overrides (draft_kind, draft_id, field, rule, excerpt, reason, reviewer, created_at, \
         submission_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(of.kind.code())
    .bind(of.draft_id)
    .bind(of.field)
    .bind(of.rule)
    .bind(of.excerpt)
    .bind(reason)
    .bind(reviewer)
    .bind(now)
    .bind(of.submission)
    .execute(conn)
    .await
    .context("recording an override")?;
    Ok(())
}

/// The findings overridden for one submission.
pub async fn for_submission(conn: &mut Conn, submission: i64) -> AppResult<Vec<OverrideKey>> {
    sqlx::query_as("SELECT field, rule, excerpt FROM scanner_overrides WHERE submission_id = $1")
        .bind(submission)
        .fetch_all(conn)
        .await
        .context("reading overrides")
}

/// Who overrode what, and why (for tests and the review page).
pub async fn reasons(db: &OfficialsDb, kind: RecordKind, draft_id: i64) -> AppResult<Vec<(String, String)>> {
    sqlx::query_as("SELECT reviewer, reason FROM scanner_overrides WHERE draft_kind = $1 AND draft_id = $2 ORDER BY id")
        .bind(kind.code())
        .bind(draft_id)
        .fetch_all(&db.pool)
        .await
        .context("reading overrides")
}
