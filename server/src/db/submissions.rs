//! `submissions`: drafts submitted for review, and where each stands.

use super::{decode, Conn, OfficialsDb};
use crate::domain::review::{SubmissionAction, SubmissionStatus};
use crate::error::{AppError, AppResult, Context};
use app::model::RecordKind;

/// A submission as the review queue shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub id: i64,
    pub kind: RecordKind,
    pub draft_id: i64,
    pub slug: String,
    pub jurisdiction: String,
    pub submitted_by: i64,
    pub submitted_by_email: String,
    pub submitted_at: String,
    pub correction_note: Option<String>,
    pub status: SubmissionStatus,
    pub reviewed_by: Option<i64>,
    pub review_comment: Option<String>,
    pub publish_at: Option<String>,
    pub published_version: Option<i64>,
    pub action: SubmissionAction,
    /// A retraction's public reason.
    pub reason: Option<String>,
    /// The SHA-256 of what the submission publishes, frozen when it was submitted.
    pub projection_sha256: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SubmissionRow {
    id: i64,
    record_kind: String,
    draft_id: i64,
    slug: String,
    jurisdiction_slug: String,
    submitted_by: i64,
    email: String,
    submitted_at: String,
    correction_note: Option<String>,
    status: String,
    reviewed_by: Option<i64>,
    review_comment: Option<String>,
    publish_at: Option<String>,
    published_version: Option<i64>,
    action: String,
    reason: Option<String>,
    projection_sha256: Option<String>,
}

impl SubmissionRow {
    fn into_submission(self) -> AppResult<Submission> {
        let corrupt = |m: String| AppError::internal(anyhow::anyhow!("corrupt submission {}: {m}", self.id));
        Ok(Submission {
            action: SubmissionAction::parse(&self.action).map_err(corrupt)?,
            reason: self.reason,
            projection_sha256: self.projection_sha256,
            id: self.id,
            kind: decode("record_kind", &self.record_kind)?,
            draft_id: self.draft_id,
            slug: self.slug,
            jurisdiction: self.jurisdiction_slug,
            submitted_by: self.submitted_by,
            submitted_by_email: self.email,
            submitted_at: self.submitted_at,
            correction_note: self.correction_note,
            status: SubmissionStatus::parse(&self.status)
                .map_err(|m| AppError::internal(anyhow::anyhow!("corrupt submission {}: {m}", self.id)))?,
            reviewed_by: self.reviewed_by,
            review_comment: self.review_comment,
            publish_at: self.publish_at,
            published_version: self.published_version,
        })
    }
}

const COLUMNS: &str = "s.id, s.record_kind, s.draft_id, s.slug, s.jurisdiction_slug, s.submitted_by, a.email, \
    s.submitted_at, s.correction_note, s.status, s.reviewed_by, s.review_comment, s.publish_at, s.published_version, \
    s.action, s.reason, s.projection_sha256 FROM submissions s JOIN accounts a ON a.id = s.submitted_by";

fn convert(rows: Vec<SubmissionRow>) -> AppResult<Vec<Submission>> {
    rows.into_iter().map(SubmissionRow::into_submission).collect()
}

/// A submission to write.
pub struct NewSubmission<'a> {
    pub kind: RecordKind,
    /// The draft to publish (0 for a retraction).
    pub draft_id: i64,
    pub slug: &'a str,
    pub jurisdiction: &'a str,
    pub submitted_by: i64,
    pub correction_note: Option<&'a str>,
    pub action: SubmissionAction,
    pub reason: Option<&'a str>,
    pub projection_sha256: Option<&'a str>,
}

/// Writes a pending submission.
pub async fn insert(conn: &mut Conn, s: &NewSubmission<'_>, now: &str) -> AppResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO submissions (record_kind, draft_id, slug, jurisdiction_slug, submitted_by, submitted_at, \
         correction_note, status, action, reason, projection_sha256) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10) RETURNING id",
    )
    .bind(s.kind.code())
    .bind(s.draft_id)
    .bind(s.slug)
    .bind(s.jurisdiction)
    .bind(s.submitted_by)
    .bind(now)
    .bind(s.correction_note)
    .bind(s.action.code())
    .bind(s.reason)
    .bind(s.projection_sha256)
    .fetch_one(conn)
    .await
    .context("adding a submission")
}

/// Everyone who submitted any submission of a draft.
pub async fn submitters_of_draft(conn: &mut Conn, kind: RecordKind, draft_id: i64) -> AppResult<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT DISTINCT submitted_by FROM submissions WHERE record_kind = $1 AND draft_id = $2 AND action = 'publish'",
    )
    .bind(kind.code())
    .bind(draft_id)
    .fetch_all(conn)
    .await
    .context("reading a draft's submitters")
}

/// Whether a retraction of the record is waiting for review.
pub async fn retraction_pending(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM submissions WHERE record_kind = $1 AND slug = $2 AND action = 'retract' \
         AND status IN ('pending', 'scheduled')",
    )
    .bind(kind.code())
    .bind(slug)
    .fetch_one(conn)
    .await
    .context("checking for a pending retraction")?;
    Ok(n > 0)
}

/// Returns the scheduled approvals of a reviewer to the review queue (the
/// reviewer was disabled); returns how many.
pub async fn unschedule_by_reviewer(conn: &mut Conn, reviewer: i64) -> AppResult<u64> {
    Ok(sqlx::query(
        "UPDATE submissions SET status = 'pending', publish_at = NULL, reviewed_by = NULL, reviewed_at = NULL \
         WHERE status = 'scheduled' AND reviewed_by = $1",
    )
    .bind(reviewer)
    .execute(conn)
    .await
    .context("returning scheduled approvals to the queue")?
    .rows_affected())
}

pub async fn get(conn: &mut Conn, id: i64) -> AppResult<Option<Submission>> {
    let row: Option<SubmissionRow> = sqlx::query_as(&format!("SELECT {COLUMNS} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
        .context("reading a submission")?;
    row.map(SubmissionRow::into_submission).transpose()
}

/// The submissions awaiting review (pending or scheduled), oldest first.
pub async fn awaiting_review(db: &OfficialsDb) -> AppResult<Vec<Submission>> {
    let rows = sqlx::query_as(&format!("SELECT {COLUMNS} WHERE s.status IN ('pending', 'scheduled') ORDER BY s.id"))
        .fetch_all(&db.pool)
        .await
        .context("reading the review queue")?;
    convert(rows)
}

/// An official's own submissions, newest first.
pub async fn by_submitter(db: &OfficialsDb, account_id: i64, limit: i64) -> AppResult<Vec<Submission>> {
    let rows = sqlx::query_as(&format!("SELECT {COLUMNS} WHERE s.submitted_by = $1 ORDER BY s.id DESC LIMIT {limit}"))
        .bind(account_id)
        .fetch_all(&db.pool)
        .await
        .context("reading submissions")?;
    convert(rows)
}

/// Whether a draft has a submission that is not returned: it may then no longer change.
pub async fn is_submitted(conn: &mut Conn, kind: RecordKind, draft_id: i64) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM submissions WHERE record_kind = $1 AND draft_id = $2 \
         AND action = 'publish' AND status IN ('pending', 'scheduled', 'published')",
    )
    .bind(kind.code())
    .bind(draft_id)
    .fetch_one(conn)
    .await
    .context("checking a submission")?;
    Ok(n > 0)
}

/// Claims a submission for publication: `from` → published, by row count, so two
/// processes can never both publish it. `false` if it was not in `from`.
pub async fn claim_for_publication(
    conn: &mut Conn,
    id: i64,
    from: SubmissionStatus,
    reviewer: Option<i64>,
    now: &str,
) -> AppResult<bool> {
    let n = sqlx::query(
        "UPDATE submissions SET status = 'published', reviewed_by = COALESCE($1, reviewed_by), \
         reviewed_at = COALESCE(reviewed_at, $2) WHERE id = $3 AND status = $4",
    )
    .bind(reviewer)
    .bind(now)
    .bind(id)
    .bind(from.code())
    .execute(conn)
    .await
    .context("claiming a submission")?
    .rows_affected();
    Ok(n == 1)
}

pub async fn set_published_version(conn: &mut Conn, id: i64, version: i64) -> AppResult<()> {
    sqlx::query("UPDATE submissions SET published_version = $1 WHERE id = $2")
        .bind(version)
        .bind(id)
        .execute(conn)
        .await
        .context("recording the published version")?;
    Ok(())
}

/// Schedules a pending submission; `false` if it was no longer pending.
pub async fn schedule(conn: &mut Conn, id: i64, reviewer: i64, now: &str, at: &str) -> AppResult<bool> {
    let n = sqlx::query(
        "UPDATE submissions SET status = 'scheduled', reviewed_by = $1, reviewed_at = $2, publish_at = $3 \
         WHERE id = $4 AND status = 'pending'",
    )
    .bind(reviewer)
    .bind(now)
    .bind(at)
    .bind(id)
    .execute(conn)
    .await
    .context("scheduling a submission")?
    .rows_affected();
    Ok(n == 1)
}

/// Returns a pending or scheduled submission to its author; `false` if it was not.
pub async fn return_to_author(conn: &mut Conn, id: i64, reviewer: i64, now: &str, comment: &str) -> AppResult<bool> {
    let n = sqlx::query(
        "UPDATE submissions SET status = 'returned', reviewed_by = $1, reviewed_at = $2, review_comment = $3 \
         WHERE id = $4 AND status IN ('pending', 'scheduled')",
    )
    .bind(reviewer)
    .bind(now)
    .bind(comment)
    .bind(id)
    .execute(conn)
    .await
    .context("returning a submission")?
    .rows_affected();
    Ok(n == 1)
}

/// Puts a scheduled submission back in the review queue (its publication failed).
pub async fn unschedule(conn: &mut Conn, id: i64) -> AppResult<()> {
    sqlx::query("UPDATE submissions SET status = 'pending', publish_at = NULL WHERE id = $1 AND status = 'scheduled'")
        .bind(id)
        .execute(conn)
        .await
        .context("returning a submission to the queue")?;
    Ok(())
}

/// Scheduled submissions whose time has come, in order.
pub async fn due(db: &OfficialsDb, now: &str) -> AppResult<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM submissions WHERE status = 'scheduled' AND publish_at <= $1 ORDER BY publish_at, id",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await
    .context("reading due submissions")
}

/// The draft behind a record's newest published version, where a correction starts.
pub async fn published_draft(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<Option<i64>> {
    sqlx::query_scalar(
        "SELECT draft_id FROM submissions WHERE record_kind = $1 AND slug = $2 AND status = 'published' \
         AND action = 'publish' ORDER BY published_version DESC, id DESC LIMIT 1",
    )
    .bind(kind.code())
    .bind(slug)
    .fetch_optional(conn)
    .await
    .context("finding the published draft")
}
