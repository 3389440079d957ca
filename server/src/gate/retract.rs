//! Retraction: the record leaves every list, its current address shows a public
//! tombstone with the reason, and every version stays readable at its permanent
//! address. A retracted record stays retracted (publish anew under a new slug).

use super::findings;
use super::policy::Policy;
use super::projection::PublicText;
use crate::db::retractions::RetractionRow;
use crate::db::{activity, versions, Conn};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::values::Text;
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};

/// Retracts a record inside the caller's transaction; returns the last version.
/// The reason is public, so the scanner reads it first.
#[allow(clippy::too_many_arguments)]
pub async fn retract(
    conn: &mut Conn,
    policy: &Policy,
    actor: &Account,
    kind: RecordKind,
    slug: &str,
    reason: &str,
    source: &str,
    now: &str,
) -> AppResult<i64> {
    let reason = Text::parse(reason, Text::PROSE).map_err(|m| AppError::validation("reason", m))?;
    if reason.as_str().chars().count() < 10 {
        return Err(AppError::validation("reason", "a retraction needs a public reason of at least a sentence"));
    }
    let (version, jurisdiction, title) = versions::current(conn, kind, slug).await?.ok_or(AppError::NotFound)?;
    if !actor.covers(&jurisdiction) {
        return Err(AppError::NotFound);
    }
    let blocking: Vec<_> = findings::scan(policy, &[PublicText { field: "reason".into(), text: reason.to_string() }])
        .into_iter()
        .filter(|f| f.severity == super::scanner::Severity::Block)
        .collect();
    if !blocking.is_empty() {
        return Err(findings::refusal(&blocking));
    }
    versions::clear_current(conn, kind, slug).await?;
    RetractionRow {
        record_kind: kind.code().into(),
        slug: slug.to_string(),
        last_version: version,
        retracted_at: now.to_string(),
        reason: reason.to_string(),
        jurisdiction_slug: jurisdiction,
        title,
    }
    .insert(conn)
    .await?;
    activity::append(
        conn,
        now,
        &actor.email,
        Action::Retraction,
        &format!("{} {slug} v{version}", kind.code()),
        reason.as_str(),
        source,
    )
    .await?;
    Ok(version)
}
