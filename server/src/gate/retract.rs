//! Retraction: the record leaves every list, its current address shows a public
//! tombstone with the reason, and every version stays readable at its permanent
//! address. A retraction is a submission that a second official approves; only
//! the state office restores a retracted record (as a new version).

use super::approval::Approved;
use super::findings;
use super::policy::Policy;
use super::projection::PublicText;
use super::scanner::Severity;
use crate::db::activity::{self, NewEntry};
use crate::db::retractions::RetractionRow;
use crate::db::{versions, Conn};
use crate::domain::activity::Action;
use crate::domain::review::SubmissionAction;
use crate::domain::values::Text;
use crate::error::{AppError, AppResult};

/// A retraction's public reason, checked: a sentence at least, and nothing the
/// scanner blocks (the reason is published on the tombstone and in the feed).
pub fn check_reason(policy: &Policy, reason: &str) -> AppResult<Text> {
    let reason = Text::parse(reason, Text::PROSE).map_err(|m| AppError::validation("reason", m))?;
    if reason.as_str().chars().count() < 10 {
        return Err(AppError::validation("reason", "a retraction needs a public reason of at least a sentence"));
    }
    let blocking: Vec<_> = findings::scan(policy, &[PublicText { field: "reason".into(), text: reason.to_string() }])
        .into_iter()
        .filter(|f| f.severity == Severity::Block)
        .collect();
    if !blocking.is_empty() {
        return Err(findings::refusal(&blocking));
    }
    Ok(reason)
}

/// Carries out an approved retraction inside the transaction that claimed it;
/// returns the record's last version. The caller commits.
pub async fn retract(conn: &mut Conn, policy: &Policy, approved: Approved, now: &str) -> AppResult<i64> {
    let s = approved.submission();
    if s.action != SubmissionAction::Retract {
        return Err(AppError::validation("submission", format!("submission {} is not a retraction", s.id)));
    }
    let reason = check_reason(policy, s.reason.as_deref().unwrap_or(""))?;
    let (version, jurisdiction, title) = versions::current(conn, s.kind, &s.slug).await?.ok_or_else(|| {
        AppError::validation("submission", format!("\"{}\" has no current version to retract", s.slug))
    })?;
    versions::clear_current(conn, s.kind, &s.slug).await?;
    RetractionRow {
        record_kind: s.kind.code().into(),
        slug: s.slug.clone(),
        last_version: version,
        retracted_at: now.to_string(),
        reason: reason.to_string(),
        jurisdiction_slug: jurisdiction.clone(),
        title,
    }
    .insert(conn)
    .await?;
    crate::db::submissions::set_published_version(conn, s.id, version).await?;
    crate::transparency::log_retraction(conn, s.kind, &s.slug, version, reason.as_str(), now).await?;
    let subject = format!("{} {} v{version}", s.kind.code(), s.slug);
    activity::append(
        conn,
        now,
        &NewEntry {
            actor: &approved.reviewer().email,
            action: Action::Retraction,
            subject: &subject,
            detail: reason.as_str(),
            source: approved.source(),
            office: Some(&jurisdiction),
        },
    )
    .await?;
    crate::db::data_version::bump(conn).await?;
    Ok(version)
}
