//! Review: submitting a draft (its public projection's fingerprint frozen),
//! the queue, findings and overrides, approving (now or at a time), the
//! scheduler, and returning a submission to its author.

use super::{log, may_act_on, now, require_active, require_office, require_reviewer, taken};
use crate::db::submissions::{self, NewSubmission, Submission};
use crate::db::{drafts, overrides, published, versions, OfficialsDb, Tx};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::review::{SubmissionAction, SubmissionStatus};
use crate::domain::values::{Text, Timestamp};
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};
use crate::gate::approval::{may_approve, may_approve_here, took_part, Approved};
use crate::gate::diff::{differences, flatten, Change};
use crate::gate::findings;
use crate::gate::policy::Policy;
use crate::gate::projection::{self, PublicText};
use crate::gate::publish::{publish, Published};
use crate::gate::scanner::{Finding, Severity};

/// Submits a draft for review: checks it projects (withholdings have a basis and
/// statement), freezes the fingerprint of what it would publish, runs the
/// scanner, and returns the submission's id with every finding (blocking ones
/// stop approval until fixed or overridden by another official).
#[tracing::instrument(skip_all, fields(official = %actor.email, kind = kind.code(), draft = draft_id))]
pub async fn submit(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    kind: RecordKind,
    draft_id: i64,
    note: Option<&str>,
    source: &str,
) -> AppResult<(i64, Vec<Finding>)> {
    require_active(actor)?;
    let mut tx = db.begin().await?;
    let result = submit_in(&mut tx, policy, actor, kind, draft_id, note, source).await;
    crate::db::finish(tx, result).await
}

/// As [`submit`], inside the caller's transaction (imports submit many at once).
pub async fn submit_in(
    tx: &mut Tx,
    policy: &Policy,
    actor: &Account,
    kind: RecordKind,
    draft_id: i64,
    note: Option<&str>,
    source: &str,
) -> AppResult<(i64, Vec<Finding>)> {
    let (slug, jurisdiction) = drafts::owner(tx, kind, draft_id).await?.ok_or(AppError::NotFound)?;
    require_office(actor, &jurisdiction)?;
    if !may_act_on(tx, actor, kind, &slug).await? {
        return Err(taken(&slug));
    }
    if submissions::is_submitted(tx, kind, draft_id).await? {
        return Err(AppError::forbidden("This draft has already been submitted."));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let published = versions::last_version(tx, kind, &slug).await? > 0;
    match (published, note) {
        (true, None) => {
            return Err(AppError::validation(
                "correction_note",
                format!(
                    "\"{slug}\" is already published, so publish a correction with a public note (a correction needs a \
                     public note saying what changed and why)"
                ),
            ))
        }
        (false, Some(_)) => {
            return Err(AppError::validation(
                "correction_note",
                format!("\"{slug}\" is not published yet, so it is not a correction"),
            ))
        }
        _ => {}
    }
    if let Some(n) = note {
        Text::parse(n, Text::PROSE).map_err(|m| AppError::validation("correction_note", m))?;
    }
    let draft = drafts::load(tx, kind, draft_id).await?.ok_or(AppError::NotFound)?;
    let mut projection = projection::project(&draft, policy)?;
    let fingerprint = projection.fingerprint(note);
    let found = findings::of_draft(policy, &draft, &projection.texts, note);
    crate::gate::commitment::check_and_stamp(tx, &mut projection, &now()).await?;
    let at = now();
    let id = submissions::insert(
        tx,
        &NewSubmission {
            kind,
            draft_id,
            slug: &slug,
            jurisdiction: &jurisdiction,
            submitted_by: actor.id,
            correction_note: note,
            action: SubmissionAction::Publish,
            reason: None,
            projection_sha256: Some(&fingerprint),
        },
        &at,
    )
    .await?;
    let blocking = found.iter().filter(|f| f.severity == Severity::Block).count();
    let subject = format!("submission {id}: {} {slug}", kind.code());
    let detail = format!("{} findings, {blocking} blocking", found.len());
    log(tx, &at, &actor.email, Action::SubmissionCreate, &subject, &detail, source, &jurisdiction).await?;
    Ok((id, found))
}

pub async fn submission(db: &OfficialsDb, id: i64) -> AppResult<Option<Submission>> {
    submissions::get(&mut *db.conn().await?, id).await
}

/// The submissions awaiting review (pending or scheduled), oldest first; only
/// those within the official's office when one is given.
pub async fn queue(db: &OfficialsDb, actor: Option<&Account>) -> AppResult<Vec<Submission>> {
    Ok(submissions::awaiting_review(db)
        .await?
        .into_iter()
        .filter(|s| actor.is_none_or(|a| a.covers(&s.jurisdiction)))
        .collect())
}

/// Every finding in what a submission would publish (its draft's projection and
/// correction note, or a retraction's reason), and the blocking ones no
/// reviewer has overridden for this submission.
pub async fn submission_findings(
    db: &OfficialsDb,
    policy: &Policy,
    s: &Submission,
) -> AppResult<(Vec<Finding>, Vec<Finding>)> {
    let found = match s.action {
        SubmissionAction::Retract => {
            findings::scan(policy, &[PublicText { field: "reason".into(), text: s.reason.clone().unwrap_or_default() }])
        }
        SubmissionAction::Publish => {
            let draft = drafts::load(&mut *db.conn().await?, s.kind, s.draft_id).await?.ok_or(AppError::NotFound)?;
            let texts = projection::project(&draft, policy).map(|p| p.texts).unwrap_or_default();
            findings::of_draft(policy, &draft, &texts, s.correction_note.as_deref())
        }
    };
    let overridden = overrides::for_submission(&mut *db.conn().await?, s.id).await?;
    let open = findings::unresolved(&found, &overridden);
    Ok((found, open))
}

/// What an approval did.
#[derive(Debug, PartialEq, Eq)]
pub enum Approval {
    Published(Published),
    Scheduled(String),
    /// The record was retracted; its last version.
    Retracted(i64),
}

/// Publishes or retracts, as the claimed submission asks, inside its transaction.
async fn carry_out(tx: &mut Tx, policy: &Policy, approved: Approved, at: &str) -> AppResult<Approval> {
    match approved.submission().action {
        SubmissionAction::Publish => Ok(Approval::Published(publish(tx, policy, approved, at).await?)),
        SubmissionAction::Retract => {
            Ok(Approval::Retracted(crate::gate::retract::retract(tx, policy, approved, at).await?))
        }
    }
}

/// Approves a submission: publishes (or retracts) now, or at `publish_at` (RFC
/// 3339; an offset is honoured) when that is in the future. Refused for anyone
/// who created, edited or submitted the draft (two-person rule), for authors,
/// outside the reviewer's office, and while a blocking finding stands.
#[tracing::instrument(skip(db, policy, actor), fields(reviewer = %actor.email))]
pub async fn approve(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    id: i64,
    publish_at: Option<&str>,
    source: &str,
) -> AppResult<Approval> {
    let s = submission(db, id).await?.ok_or(AppError::NotFound)?;
    let refused = match may_approve(actor, &s) {
        Ok(()) => may_approve_here(&mut *db.conn().await?, actor, &s).await,
        Err(e) => Err(e),
    };
    if let Err(refusal) = refused {
        if took_part(&mut *db.conn().await?, actor, &s).await? {
            let mut tx = db.begin().await?;
            let subject = format!("submission {id}");
            log(&mut tx, &now(), &actor.email, Action::ApprovalRefused, &subject, "took part", source, &s.jurisdiction)
                .await?;
            tx.commit().await?;
        }
        return Err(refusal);
    }
    if s.status != SubmissionStatus::Pending {
        return Err(AppError::validation("submission", format!("submission {id} is {}, not pending", s.status.code())));
    }
    if let Some(at) = publish_at.map(str::trim).filter(|a| !a.is_empty()) {
        let when = Timestamp::parse(at).map_err(|m| AppError::validation("publish_at", m))?;
        if when > Timestamp::now() {
            return schedule(db, policy, actor, &s, when, source).await;
        }
    }
    let mut tx = db.begin().await?;
    let at = now();
    let result = match Approved::claim(&mut tx, id, actor, source, &at).await {
        Ok(approved) => carry_out(&mut tx, policy, approved, &at).await,
        Err(e) => Err(e),
    };
    crate::db::finish(tx, result).await
}

/// Schedules a publication. The gate's checks run now too, so a scheduled
/// publication cannot fail later for a reason the reviewer could have seen.
async fn schedule(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    s: &Submission,
    when: Timestamp,
    source: &str,
) -> AppResult<Approval> {
    let (_, open) = submission_findings(db, policy, s).await?;
    if !open.is_empty() {
        return Err(AppError::validation(
            "findings",
            format!("{} blocking scanner findings must be fixed or overridden first", open.len()),
        ));
    }
    let at = when.to_seconds_string();
    let mut tx = db.begin().await?;
    let stamp = now();
    if !submissions::schedule(&mut tx, s.id, actor.id, &stamp, &at).await? {
        return Err(AppError::validation("submission", format!("submission {} is no longer pending", s.id)));
    }
    let subject = format!("submission {}: {} {}", s.id, s.kind.code(), s.slug);
    let detail = format!("{} at {at}", s.action.code());
    log(&mut tx, &stamp, &actor.email, Action::ApprovalSchedule, &subject, &detail, source, &s.jurisdiction).await?;
    tx.commit().await?;
    Ok(Approval::Scheduled(at))
}

/// Publishes every scheduled submission whose time has come; returns how many.
/// Each is claimed in its own transaction, so two servers never publish one
/// twice; the reviewer is checked again (a disabled reviewer publishes nothing),
/// and one that cannot be published goes back to the review queue.
#[tracing::instrument(skip_all)]
pub async fn publish_due(db: &OfficialsDb, policy: &Policy) -> AppResult<usize> {
    let mut n = 0;
    for id in submissions::due(db, &now()).await? {
        let mut tx = db.begin().await?;
        let at = now();
        let result = match Approved::claim_scheduled(&mut tx, id, &at).await {
            Ok(approved) => carry_out(&mut tx, policy, approved, &at).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(_) => {
                tx.commit().await?;
                n += 1;
            }
            Err(e) => {
                tx.rollback().await?;
                e.log("scheduled publication failed");
                let mut tx = db.begin().await?;
                if let Some(s) =
                    submissions::get(&mut tx, id).await?.filter(|s| s.status == SubmissionStatus::Scheduled)
                {
                    submissions::unschedule(&mut tx, id).await?;
                    let detail = format!("back in the review queue: {e}");
                    let subject = format!("submission {id}");
                    log(
                        &mut tx,
                        &now(),
                        "scheduler",
                        Action::SubmissionReturn,
                        &subject,
                        &detail,
                        "scheduler",
                        &s.jurisdiction,
                    )
                    .await?;
                }
                tx.commit().await?;
            }
        }
    }
    Ok(n)
}

/// Returns a submission to its author with a comment.
#[tracing::instrument(skip_all, fields(reviewer = %actor.email, submission = id))]
pub async fn return_to_author(
    db: &OfficialsDb,
    actor: &Account,
    id: i64,
    comment: &str,
    source: &str,
) -> AppResult<()> {
    require_active(actor)?;
    require_reviewer(actor)?;
    let comment = Text::parse(comment.trim(), Text::PROSE).map_err(|m| AppError::validation("comment", m))?;
    if comment.as_str().is_empty() {
        return Err(AppError::validation("comment", "say what the author should change"));
    }
    let s = submission(db, id).await?.ok_or(AppError::NotFound)?;
    require_office(actor, &s.jurisdiction)?;
    let mut tx = db.begin().await?;
    let at = now();
    if !submissions::return_to_author(&mut tx, id, actor.id, &at, comment.as_str()).await? {
        return Err(AppError::validation(
            "submission",
            format!("submission {id} is {}, not awaiting review", s.status.code()),
        ));
    }
    let subject = format!("submission {id}: {} {}", s.kind.code(), s.slug);
    log(&mut tx, &at, &actor.email, Action::SubmissionReturn, &subject, comment.as_str(), source, &s.jurisdiction)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a reviewer's decision to publish despite one blocking finding of a
/// pending submission, with the written reason. Not for anyone who created,
/// edited or submitted the draft.
#[tracing::instrument(skip_all, fields(reviewer = %actor.email, submission = id, rule = finding.rule))]
pub async fn override_finding(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    id: i64,
    finding: &Finding,
    reason: &str,
    source: &str,
) -> AppResult<()> {
    require_active(actor)?;
    require_reviewer(actor)?;
    let s = submission(db, id).await?.ok_or(AppError::NotFound)?;
    require_office(actor, &s.jurisdiction)?;
    if took_part(&mut *db.conn().await?, actor, &s).await? {
        return Err(AppError::forbidden(
            "You created, edited or submitted this draft, so another official must decide on its findings.",
        ));
    }
    if crate::gate::check::is_math(finding.rule) {
        return Err(AppError::forbidden(
            "A recomputed risk that contradicts the published claim cannot be overridden: correct the numbers.",
        ));
    }
    if s.status != SubmissionStatus::Pending || s.action != SubmissionAction::Publish {
        return Err(AppError::validation(
            "submission",
            format!("submission {id} is {}; only a pending publication's findings can be overridden", s.status.code()),
        ));
    }
    let reason = Text::parse(reason.trim(), Text::PROSE).map_err(|m| AppError::validation("reason", m))?;
    if reason.as_str().chars().count() < 10 {
        return Err(AppError::validation("reason", "write why this finding is safe to publish (at least a sentence)"));
    }
    let (found, _) = submission_findings(db, policy, &s).await?;
    if !found.iter().any(|f| f.field == finding.field && f.rule == finding.rule && f.excerpt == finding.excerpt) {
        return Err(AppError::NotFound);
    }
    let mut tx = db.begin().await?;
    let at = now();
    let of = overrides::OverrideOf {
        submission: id,
        kind: s.kind,
        draft_id: s.draft_id,
        field: &finding.field,
        rule: finding.rule,
        excerpt: &finding.excerpt,
    };
    overrides::insert(&mut tx, &of, reason.as_str(), &actor.email, &at).await?;
    let subject = format!("submission {id}: {} in {}", finding.rule, finding.field);
    log(&mut tx, &at, &actor.email, Action::Override, &subject, reason.as_str(), source, &s.jurisdiction).await?;
    tx.commit().await?;
    Ok(())
}

/// Every public field a submission would change, against the current published
/// version: from the same projection and differ that publication uses for the
/// public history. A first publication shows every field; a retraction, none.
pub async fn changes(db: &OfficialsDb, policy: &Policy, s: &Submission) -> AppResult<Vec<Change>> {
    if s.action == SubmissionAction::Retract {
        return Ok(Vec::new());
    }
    let mut conn = db.conn().await?;
    let draft = drafts::load(&mut conn, s.kind, s.draft_id).await?.ok_or(AppError::NotFound)?;
    let proposed = projection::project(&draft, policy)?;
    let after = flatten(&proposed.rows, &proposed.withholding_rows(0));
    let last = versions::last_version(&mut conn, s.kind, &s.slug).await?;
    let before = match published::version_rows(&mut conn, s.kind, &s.slug, last).await? {
        Some((rows, withheld)) => flatten(&rows, &withheld),
        None => Vec::new(),
    };
    Ok(differences(&before, &after))
}
