//! Retraction requests: a retraction is a submission that a second official
//! approves (see [`super::approve`]); its public reason is scanned when it is
//! requested and again when it is carried out.

use super::{log, may_act_on, now, require_active};
use crate::db::submissions::{self, NewSubmission};
use crate::db::{versions, OfficialsDb};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::review::SubmissionAction;
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};
use crate::gate::policy::Policy;
use crate::gate::retract::check_reason;

/// Asks for a published record to be retracted, with a public reason; returns
/// the submission's id. Another official approves it like any submission.
#[tracing::instrument(skip_all, fields(official = %actor.email, kind = kind.code(), slug))]
pub async fn request_retraction(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    kind: RecordKind,
    slug: &str,
    reason: &str,
    source: &str,
) -> AppResult<i64> {
    require_active(actor)?;
    let reason = check_reason(policy, reason)?;
    let mut tx = db.begin().await?;
    let Some((version, jurisdiction, _)) = versions::current(&mut tx, kind, slug).await? else {
        return Err(AppError::NotFound);
    };
    if !actor.covers(&jurisdiction) || !may_act_on(&mut tx, actor, kind, slug).await? {
        return Err(AppError::NotFound);
    }
    if submissions::retraction_pending(&mut tx, kind, slug).await? {
        return Err(AppError::validation("slug", format!("a retraction of \"{slug}\" is already awaiting review")));
    }
    let at = now();
    let id = submissions::insert(
        &mut tx,
        &NewSubmission {
            kind,
            draft_id: 0,
            slug,
            jurisdiction: &jurisdiction,
            submitted_by: actor.id,
            correction_note: None,
            action: SubmissionAction::Retract,
            reason: Some(reason.as_str()),
            projection_sha256: None,
        },
        &at,
    )
    .await?;
    let subject = format!("submission {id}: retract {} {slug} v{version}", kind.code());
    log(&mut tx, &at, &actor.email, Action::RetractionRequest, &subject, reason.as_str(), source, &jurisdiction)
        .await?;
    tx.commit().await?;
    Ok(id)
}
