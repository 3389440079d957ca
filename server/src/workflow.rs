//! The officials' workflow: submit a draft for review, approve it (publishing now
//! or at a scheduled time) or return it with a comment, retract a record. The web
//! and the command line both call these functions, so both enforce the same rules:
//! an official acts only within their office (a state-office account acts
//! everywhere), only reviewers and administrators approve, and nobody approves
//! their own submission. Every step is written to the activity log.

use crate::accounts::Account;
use crate::activity;
use crate::clock::now_rfc3339;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::gate::{self, Draft, Published};
use crate::policy::Policy;
use crate::scanner::{Finding, Severity};
use app::model::RecordKind;
use sqlx::FromRow;

/// A submission as the review queue shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub id: i64,
    pub kind: RecordKind,
    pub draft_id: i64,
    pub slug: String,
    pub jurisdiction_slug: String,
    pub submitted_by: i64,
    pub submitted_by_email: String,
    pub submitted_at: String,
    pub correction_note: Option<String>,
    pub status: String,
    pub review_comment: Option<String>,
    pub publish_at: Option<String>,
    pub published_version: Option<i64>,
}

#[derive(FromRow)]
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
    review_comment: Option<String>,
    publish_at: Option<String>,
    published_version: Option<i64>,
}

impl SubmissionRow {
    fn into_submission(self) -> Submission {
        Submission {
            id: self.id,
            kind: RecordKind::from_code(&self.record_kind).unwrap_or(RecordKind::Update),
            draft_id: self.draft_id,
            slug: self.slug,
            jurisdiction_slug: self.jurisdiction_slug,
            submitted_by: self.submitted_by,
            submitted_by_email: self.email,
            submitted_at: self.submitted_at,
            correction_note: self.correction_note,
            status: self.status,
            review_comment: self.review_comment,
            publish_at: self.publish_at,
            published_version: self.published_version,
        }
    }
}

const SUBMISSION_COLUMNS: &str = "s.id, s.record_kind, s.draft_id, s.slug, s.jurisdiction_slug, s.submitted_by, \
    a.email, s.submitted_at, s.correction_note, s.status, s.review_comment, s.publish_at, s.published_version \
    FROM submissions s JOIN accounts a ON a.id = s.submitted_by";

pub fn draft(kind: RecordKind, id: i64) -> Draft {
    match kind {
        RecordKind::Audit => Draft::Audit(id),
        RecordKind::Grant => Draft::Grant(id),
        RecordKind::Expenditure => Draft::Expenditure(id),
        RecordKind::Update => Draft::Update(id),
    }
}

/// A draft's slug and the jurisdiction it belongs to.
pub async fn draft_owner(db: &Db, kind: RecordKind, id: i64) -> AppResult<(String, String)> {
    let sql = match kind {
        RecordKind::Audit => "SELECT slug, jurisdiction_slug FROM draft_audits WHERE id = $1",
        RecordKind::Grant => "SELECT slug, recipient_slug FROM draft_grants WHERE id = $1",
        RecordKind::Expenditure => "SELECT slug, recipient_slug FROM draft_expenditures WHERE id = $1",
        RecordKind::Update => "SELECT slug, office_slug FROM draft_updates WHERE id = $1",
    };
    sqlx::query_as(sql).bind(id).fetch_optional(&db.pool).await?.ok_or(AppError::NotFound)
}

pub(crate) fn require_active(actor: &Account) -> AppResult<()> {
    if actor.disabled {
        return Err(AppError::forbidden(format!("{} is disabled; ask an administrator", actor.email)));
    }
    Ok(())
}

fn require_office(actor: &Account, jurisdiction: &str) -> AppResult<()> {
    if !actor.covers(jurisdiction) {
        return Err(AppError::forbidden(format!(
            "{} acts for {}, not for {jurisdiction}",
            actor.email, actor.office_slug
        )));
    }
    Ok(())
}

fn require_reviewer(actor: &Account) -> AppResult<()> {
    if !actor.role.may_review() {
        return Err(AppError::forbidden(format!(
            "{} is an author; only reviewers and administrators approve, return or retract",
            actor.email
        )));
    }
    Ok(())
}

/// Whether a record with this slug is already published (so the next publication
/// is a correction and needs a public note).
pub(crate) async fn is_published(db: &Db, kind: RecordKind, slug: &str) -> AppResult<bool> {
    let sql = format!("SELECT COUNT(*) FROM {} WHERE slug = $1", crate::store::published_table(kind));
    let n: i64 = sqlx::query_scalar(&sql).bind(slug).fetch_one(&db.pool).await?;
    Ok(n > 0)
}

/// Whether a draft has been submitted and not returned: it may then no longer change.
pub(crate) async fn is_submitted(db: &Db, kind: RecordKind, draft_id: i64) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM submissions WHERE record_kind = $1 AND draft_id = $2 \
         AND status IN ('pending', 'scheduled', 'published')",
    )
    .bind(kind.code())
    .bind(draft_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// Checks that `actor` may submit the draft, and what the correction note must be.
pub async fn check_submission(db: &Db, actor: &Account, kind: RecordKind, draft_id: i64, note: Option<&str>) -> AppResult<(String, String, Option<String>)> {
    require_active(actor)?;
    let (slug, jurisdiction) = draft_owner(db, kind, draft_id).await?;
    require_office(actor, &jurisdiction)?;
    if is_submitted(db, kind, draft_id).await? {
        return Err(AppError::forbidden("This draft has already been submitted."));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty()).map(String::from);
    match (is_published(db, kind, &slug).await?, &note) {
        (true, None) => {
            return Err(AppError::validation(
                "correction_note",
                format!("\"{slug}\" is already published: a correction needs a public note saying what changed and why"),
            ))
        }
        (false, Some(_)) => {
            return Err(AppError::validation("correction_note", format!("\"{slug}\" is not published yet, so it is not a correction")))
        }
        _ => {}
    }
    Ok((slug, jurisdiction, note))
}

/// Submits a draft for review: runs the scanner and returns the submission's id
/// with every finding (blocking ones stop approval until fixed or overridden).
pub async fn submit(
    db: &Db,
    policy: &Policy,
    actor: &Account,
    kind: RecordKind,
    draft_id: i64,
    note: Option<&str>,
    source: &str,
) -> AppResult<(i64, Vec<Finding>)> {
    let (slug, jurisdiction, note) = check_submission(db, actor, kind, draft_id, note).await?;
    let findings = gate::scan_draft(db, policy, draft(kind, draft_id)).await?;
    let mut tx = db.pool.begin().await?;
    let id = insert_submission(&mut tx, actor, kind, draft_id, &slug, &jurisdiction, note.as_deref()).await?;
    let blocking = findings.iter().filter(|f| f.severity == Severity::Block).count();
    activity::record_in(
        &mut *tx,
        &actor.email,
        "submission.create",
        &format!("submission {id}: {} {slug}", kind.code()),
        &format!("{} findings, {blocking} blocking", findings.len()),
        source,
    )
    .await?;
    tx.commit().await?;
    Ok((id, findings))
}

/// Writes a pending submission (inside the caller's transaction).
pub async fn insert_submission(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    actor: &Account,
    kind: RecordKind,
    draft_id: i64,
    slug: &str,
    jurisdiction: &str,
    note: Option<&str>,
) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO submissions (record_kind, draft_id, slug, jurisdiction_slug, submitted_by, submitted_at, \
         correction_note, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') RETURNING id",
    )
    .bind(kind.code())
    .bind(draft_id)
    .bind(slug)
    .bind(jurisdiction)
    .bind(actor.id)
    .bind(now_rfc3339())
    .bind(note)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn submission(db: &Db, id: i64) -> AppResult<Option<Submission>> {
    let row: Option<SubmissionRow> = sqlx::query_as(&format!("SELECT {SUBMISSION_COLUMNS} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(SubmissionRow::into_submission))
}

/// The submissions awaiting review (pending or scheduled), oldest first; only
/// those within the official's office when one is given.
pub async fn queue(db: &Db, actor: Option<&Account>) -> AppResult<Vec<Submission>> {
    let rows: Vec<SubmissionRow> = sqlx::query_as(&format!(
        "SELECT {SUBMISSION_COLUMNS} WHERE s.status IN ('pending', 'scheduled') ORDER BY s.id"
    ))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(SubmissionRow::into_submission)
        .filter(|s| actor.is_none_or(|a| a.covers(&s.jurisdiction_slug)))
        .collect())
}

/// What an approval did.
#[derive(Debug, PartialEq, Eq)]
pub enum Approval {
    Published(Published),
    Scheduled(String),
}

/// Approves a submission: publishes it now, or at `publish_at` (RFC 3339, UTC)
/// when that is in the future. Refused for the submitter (two-person rule), for
/// authors, outside the reviewer's office, and while a blocking finding stands.
pub async fn approve(
    db: &Db,
    policy: &Policy,
    actor: &Account,
    id: i64,
    publish_at: Option<&str>,
    source: &str,
) -> AppResult<Approval> {
    require_active(actor)?;
    require_reviewer(actor)?;
    let s = submission(db, id).await?.ok_or(AppError::NotFound)?;
    require_office(actor, &s.jurisdiction_slug)?;
    if s.submitted_by == actor.id {
        activity::record(db, &actor.email, "approval.refused", &format!("submission {id}"), "own submission", source).await?;
        return Err(AppError::forbidden(format!(
            "{} submitted submission {id}; another official must approve it (two-person rule)",
            actor.email
        )));
    }
    if s.status != "pending" {
        return Err(AppError::validation("submission", format!("submission {id} is {}, not pending", s.status)));
    }
    if let Some(at) = publish_at.map(str::trim).filter(|a| !a.is_empty()) {
        let Some(when) = crate::clock::parse_rfc3339(at) else {
            return Err(AppError::validation("publish_at", format!("\"{at}\" is not a time like 2026-11-05T14:00:00Z")));
        };
        let now = crate::clock::parse_rfc3339(&now_rfc3339()).unwrap_or(0);
        if when > now {
            // The gate's checks run now too, so a scheduled publication cannot fail later
            // for a reason the reviewer could have seen.
            let blocking = unresolved_blocking(db, policy, &s).await?;
            if blocking > 0 {
                return Err(AppError::validation("findings", format!("{blocking} blocking scanner findings must be fixed or overridden first")));
            }
            let at = crate::clock::rfc3339(when);
            sqlx::query(
                "UPDATE submissions SET status = 'scheduled', reviewed_by = $1, reviewed_at = $2, publish_at = $3 \
                 WHERE id = $4 AND status = 'pending'",
            )
            .bind(actor.id)
            .bind(now_rfc3339())
            .bind(&at)
            .bind(id)
            .execute(&db.pool)
            .await?;
            activity::record(db, &actor.email, "approval.schedule", &format!("submission {id}: {} {}", s.kind.code(), s.slug), &format!("publish at {at}"), source).await?;
            return Ok(Approval::Scheduled(at));
        }
    }
    let published = publish(db, policy, &s, &actor.email, source).await?;
    sqlx::query("UPDATE submissions SET reviewed_by = $1, reviewed_at = $2 WHERE id = $3")
        .bind(actor.id)
        .bind(now_rfc3339())
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(Approval::Published(published))
}

async fn unresolved_blocking(db: &Db, policy: &Policy, s: &Submission) -> AppResult<usize> {
    Ok(gate::unresolved_findings(db, policy, draft(s.kind, s.draft_id)).await?.len())
}

/// Publishes an approved submission through the gate and records it.
async fn publish(db: &Db, policy: &Policy, s: &Submission, actor: &str, source: &str) -> AppResult<Published> {
    let d = draft(s.kind, s.draft_id);
    let published = match &s.correction_note {
        Some(note) => gate::publish_correction(db, policy, d, note).await?,
        None => gate::publish(db, policy, d).await?,
    };
    sqlx::query("UPDATE submissions SET status = 'published', published_version = $1 WHERE id = $2")
        .bind(published.version)
        .bind(s.id)
        .execute(&db.pool)
        .await?;
    let action = if s.correction_note.is_some() { "publication.correction" } else { "publication" };
    activity::record(
        db,
        actor,
        action,
        &format!("{} {} v{}", s.kind.code(), published.slug, published.version),
        &format!("submission {}", s.id),
        source,
    )
    .await?;
    Ok(published)
}

/// Publishes every scheduled submission whose time has come; returns how many.
pub async fn publish_due(db: &Db, policy: &Policy) -> AppResult<usize> {
    let now = now_rfc3339();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM submissions WHERE status = 'scheduled' AND publish_at <= $1 ORDER BY publish_at, id",
    )
    .bind(&now)
    .fetch_all(&db.pool)
    .await?;
    let mut n = 0;
    for id in due {
        // Claim it first, so that two servers never publish it twice; if the
        // publication fails it is back in the queue for a reviewer.
        let claimed = sqlx::query("UPDATE submissions SET status = 'pending' WHERE id = $1 AND status = 'scheduled'")
            .bind(id)
            .execute(&db.pool)
            .await?
            .rows_affected();
        if claimed != 1 {
            continue;
        }
        let Some(s) = submission(db, id).await? else { continue };
        match publish(db, policy, &s, "scheduler", "scheduler").await {
            Ok(_) => n += 1,
            Err(e) => tracing::error!(error = %e, submission = id, "scheduled publication failed"),
        }
    }
    Ok(n)
}

/// Returns a submission to its author with a comment.
pub async fn return_to_author(db: &Db, actor: &Account, id: i64, comment: &str, source: &str) -> AppResult<()> {
    require_active(actor)?;
    require_reviewer(actor)?;
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(AppError::validation("comment", "say what the author should change"));
    }
    let s = submission(db, id).await?.ok_or(AppError::NotFound)?;
    require_office(actor, &s.jurisdiction_slug)?;
    if s.status != "pending" && s.status != "scheduled" {
        return Err(AppError::validation("submission", format!("submission {id} is {}, not awaiting review", s.status)));
    }
    sqlx::query(
        "UPDATE submissions SET status = 'returned', reviewed_by = $1, reviewed_at = $2, review_comment = $3 WHERE id = $4",
    )
    .bind(actor.id)
    .bind(now_rfc3339())
    .bind(comment)
    .bind(id)
    .execute(&db.pool)
    .await?;
    activity::record(db, &actor.email, "submission.return", &format!("submission {id}: {} {}", s.kind.code(), s.slug), comment, source).await?;
    Ok(())
}

/// Retracts a published record, leaving a public tombstone with the reason.
pub async fn retract(db: &Db, actor: &Account, kind: RecordKind, slug: &str, reason: &str, source: &str) -> AppResult<i64> {
    require_active(actor)?;
    require_reviewer(actor)?;
    let sql = match kind {
        RecordKind::Audit => "SELECT jurisdiction_slug FROM published_audits WHERE slug = $1 AND is_current = 1",
        RecordKind::Grant => "SELECT recipient_slug FROM published_grants WHERE slug = $1 AND is_current = 1",
        RecordKind::Expenditure => "SELECT recipient_slug FROM published_expenditures WHERE slug = $1 AND is_current = 1",
        RecordKind::Update => "SELECT office_slug FROM published_updates WHERE slug = $1 AND is_current = 1",
    };
    let jurisdiction: String = sqlx::query_scalar(sql).bind(slug).fetch_optional(&db.pool).await?.ok_or(AppError::NotFound)?;
    require_office(actor, &jurisdiction)?;
    let version = gate::retract(db, kind, slug, reason).await?;
    activity::record(db, &actor.email, "retraction", &format!("{} {slug} v{version}", kind.code()), reason, source).await?;
    Ok(version)
}
