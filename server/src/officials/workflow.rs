//! The officials' workflow: draft, submit for review, approve (publishing now or
//! at a time) or return with a comment, correct, retract. The web pages and the
//! command line both call these functions, so both enforce the same rules: an
//! official acts only within their office (a state-office account acts
//! everywhere), only reviewers and administrators approve, and nobody approves
//! their own submission. Every step is written to the activity log in the same
//! transaction as the step itself.

use crate::db::submissions::{self, Submission};
use crate::db::{activity, drafts, overrides, reference, versions, OfficialsDb, Tx};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::draft::AnyDraft;
use crate::domain::review::SubmissionStatus;
use crate::domain::values::Timestamp;
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};
use crate::gate::approval::{may_approve, Approved};
use crate::gate::findings;
use crate::gate::policy::Policy;
use crate::gate::projection::{self, PublicText};
use crate::gate::publish::{publish, Published};
use crate::gate::scanner::{Finding, Severity};

pub fn require_active(actor: &Account) -> AppResult<()> {
    if actor.disabled {
        return Err(AppError::forbidden(format!("{} is disabled; ask an administrator", actor.email)));
    }
    Ok(())
}

pub fn require_office(actor: &Account, jurisdiction: &str) -> AppResult<()> {
    if !actor.covers(jurisdiction) {
        return Err(AppError::forbidden(format!("{} acts for {}, not for {jurisdiction}", actor.email, actor.office)));
    }
    Ok(())
}

pub fn require_reviewer(actor: &Account) -> AppResult<()> {
    if !actor.role.may_review() {
        return Err(AppError::forbidden(format!(
            "{} is an author; only reviewers and administrators approve, return or retract",
            actor.email
        )));
    }
    Ok(())
}

fn now() -> String {
    Timestamp::now().to_string()
}

/// Checks a draft's references: its election and jurisdictions exist.
async fn check_references(tx: &mut Tx, draft: &AnyDraft) -> AppResult<()> {
    let missing = |field: &str, slug: &str| AppError::validation(field, format!("there is no {field} \"{slug}\""));
    let jurisdiction = draft.jurisdiction();
    if reference::jurisdiction_kind(tx, jurisdiction.as_str()).await?.is_none() {
        let field = match draft.kind() {
            RecordKind::Audit => "jurisdiction",
            RecordKind::Grant | RecordKind::Expenditure => "recipient",
            RecordKind::Update => "office",
        };
        return Err(missing(field, jurisdiction.as_str()));
    }
    if let AnyDraft::Audit(a) = draft {
        if !reference::election_exists(tx, a.election.as_str()).await? {
            return Err(missing("election", a.election.as_str()));
        }
    }
    Ok(())
}

/// Stores a new draft for `actor`'s office; returns its id.
#[tracing::instrument(skip_all, fields(official = %actor.email, kind = draft.kind().code(), slug = %draft.slug()))]
pub async fn create_draft(db: &OfficialsDb, actor: &Account, draft: &AnyDraft, source: &str) -> AppResult<i64> {
    require_active(actor)?;
    require_office(actor, draft.jurisdiction().as_str())?;
    let mut tx = db.begin().await?;
    check_references(&mut tx, draft).await?;
    let at = now();
    let id = drafts::insert(&mut tx, draft, &at).await?;
    let subject = format!("{} {} (draft {id})", draft.kind().code(), draft.slug());
    activity::append(&mut tx, &at, &actor.email, Action::DraftCreate, &subject, "", source).await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether a draft is submitted and not returned: it may then no longer change.
pub async fn is_submitted(db: &OfficialsDb, kind: RecordKind, id: i64) -> AppResult<bool> {
    submissions::is_submitted(&mut *db.conn().await?, kind, id).await
}

/// The draft's slug and jurisdiction, if `actor` may see it (else not found).
pub async fn own_draft(db: &OfficialsDb, actor: &Account, kind: RecordKind, id: i64) -> AppResult<(String, String)> {
    match drafts::owner(&mut *db.conn().await?, kind, id).await? {
        Some((slug, jurisdiction)) if actor.covers(&jurisdiction) => Ok((slug, jurisdiction)),
        _ => Err(AppError::NotFound),
    }
}

pub async fn load_draft(db: &OfficialsDb, actor: &Account, kind: RecordKind, id: i64) -> AppResult<AnyDraft> {
    own_draft(db, actor, kind, id).await?;
    drafts::load(&mut *db.conn().await?, kind, id).await?.ok_or(AppError::NotFound)
}

/// Saves an edited draft (its slug stays). Refused once submitted.
#[tracing::instrument(skip_all, fields(official = %actor.email, draft = id))]
pub async fn edit_draft(db: &OfficialsDb, actor: &Account, id: i64, draft: &AnyDraft, source: &str) -> AppResult<()> {
    require_active(actor)?;
    let (slug, _) = own_draft(db, actor, draft.kind(), id).await?;
    if slug != draft.slug().as_str() {
        return Err(AppError::validation("slug", "a draft's slug cannot change; start a new draft"));
    }
    require_office(actor, draft.jurisdiction().as_str())?;
    let mut tx = db.begin().await?;
    if submissions::is_submitted(&mut tx, draft.kind(), id).await? {
        return Err(AppError::forbidden("This draft has been submitted; it can no longer be changed."));
    }
    check_references(&mut tx, draft).await?;
    let at = now();
    drafts::update(&mut tx, id, draft, &at).await?;
    let subject = format!("{} {slug} (draft {id})", draft.kind().code());
    activity::append(&mut tx, &at, &actor.email, Action::DraftEdit, &subject, "", source).await?;
    tx.commit().await?;
    Ok(())
}

/// Every finding in what a draft would publish (and its correction note), with
/// the blocking ones no reviewer has overridden.
pub async fn findings(
    db: &OfficialsDb,
    policy: &Policy,
    kind: RecordKind,
    id: i64,
    note: Option<&str>,
) -> AppResult<(Vec<Finding>, Vec<Finding>)> {
    let mut conn = db.conn().await?;
    let draft = drafts::load(&mut conn, kind, id).await?.ok_or(AppError::NotFound)?;
    let mut texts = match projection::project(&draft, policy) {
        Ok(p) => p.texts,
        // A withholding the policy refuses is reported at submission; scan the rest.
        Err(_) => Vec::new(),
    };
    if let Some(note) = note {
        texts.push(PublicText { field: "correction_note".into(), text: note.to_string() });
    }
    let found = findings::scan(policy, &texts);
    let overridden = overrides::for_draft(&mut conn, kind, id).await?;
    let open = findings::unresolved(&found, &overridden);
    Ok((found, open))
}

/// Submits a draft for review: checks it projects (withholdings have a basis and
/// statement), runs the scanner, and returns the submission's id with every
/// finding (blocking ones stop approval until fixed or overridden).
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
    let (id, found) = submit_in(&mut tx, policy, actor, kind, draft_id, note, source).await?;
    tx.commit().await?;
    Ok((id, found))
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
        crate::domain::values::Text::parse(n, crate::domain::values::Text::PROSE)
            .map_err(|m| AppError::validation("correction_note", m))?;
    }
    let draft = drafts::load(tx, kind, draft_id).await?.ok_or(AppError::NotFound)?;
    let projection = projection::project(&draft, policy)?;
    let mut texts = projection.texts;
    if let Some(n) = note {
        texts.push(PublicText { field: "correction_note".into(), text: n.to_string() });
    }
    let found = findings::scan(policy, &texts);
    let at = now();
    let id = submissions::insert(tx, kind, draft_id, &slug, &jurisdiction, actor.id, &at, note).await?;
    let blocking = found.iter().filter(|f| f.severity == Severity::Block).count();
    activity::append(
        tx,
        &at,
        &actor.email,
        Action::SubmissionCreate,
        &format!("submission {id}: {} {slug}", kind.code()),
        &format!("{} findings, {blocking} blocking", found.len()),
        source,
    )
    .await?;
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

/// What an approval did.
#[derive(Debug, PartialEq, Eq)]
pub enum Approval {
    Published(Published),
    Scheduled(String),
}

/// Approves a submission: publishes it now, or at `publish_at` (RFC 3339; an
/// offset is honoured) when that is in the future. Refused for the submitter
/// (two-person rule), for authors, outside the reviewer's office, and while a
/// blocking finding stands.
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
    if let Err(refusal) = may_approve(actor, &s) {
        if s.submitted_by == actor.id {
            let mut tx = db.begin().await?;
            let subject = format!("submission {id}");
            activity::append(
                &mut tx,
                &now(),
                &actor.email,
                Action::ApprovalRefused,
                &subject,
                "own submission",
                source,
            )
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
    let approved = Approved::claim(&mut tx, id, actor, source, &at).await?;
    let published = publish(&mut tx, policy, approved, &at).await?;
    tx.commit().await?;
    Ok(Approval::Published(published))
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
    let (_, open) = findings(db, policy, s.kind, s.draft_id, s.correction_note.as_deref()).await?;
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
    activity::append(
        &mut tx,
        &stamp,
        &actor.email,
        Action::ApprovalSchedule,
        &subject,
        &format!("publish at {at}"),
        source,
    )
    .await?;
    tx.commit().await?;
    Ok(Approval::Scheduled(at))
}

/// Publishes every scheduled submission whose time has come; returns how many.
/// Each is claimed in its own transaction, so two servers never publish one twice;
/// one that cannot be published goes back to the review queue.
#[tracing::instrument(skip_all)]
pub async fn publish_due(db: &OfficialsDb, policy: &Policy) -> AppResult<usize> {
    let mut n = 0;
    for id in submissions::due(db, &now()).await? {
        let mut tx = db.begin().await?;
        let at = now();
        let result = match Approved::claim_scheduled(&mut tx, id, &at).await {
            Ok(approved) => publish(&mut tx, policy, approved, &at).await,
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
                if submissions::get(&mut tx, id).await?.is_some_and(|s| s.status == SubmissionStatus::Scheduled) {
                    submissions::unschedule(&mut tx, id).await?;
                    let detail = format!("back in the review queue: {e}");
                    activity::append(
                        &mut tx,
                        &now(),
                        "scheduler",
                        Action::SubmissionReturn,
                        &format!("submission {id}"),
                        &detail,
                        "scheduler",
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
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(AppError::validation("comment", "say what the author should change"));
    }
    let s = submission(db, id).await?.ok_or(AppError::NotFound)?;
    require_office(actor, &s.jurisdiction)?;
    let mut tx = db.begin().await?;
    let at = now();
    if !submissions::return_to_author(&mut tx, id, actor.id, &at, comment).await? {
        return Err(AppError::validation(
            "submission",
            format!("submission {id} is {}, not awaiting review", s.status.code()),
        ));
    }
    let subject = format!("submission {id}: {} {}", s.kind.code(), s.slug);
    activity::append(&mut tx, &at, &actor.email, Action::SubmissionReturn, &subject, comment, source).await?;
    tx.commit().await?;
    Ok(())
}

/// Records a reviewer's decision to publish despite one blocking finding, with the
/// written reason. Not for the submitter of the submission.
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
    if s.submitted_by == actor.id {
        return Err(AppError::forbidden("You submitted this, so another official must decide on its findings."));
    }
    let reason = reason.trim();
    if reason.chars().count() < 10 {
        return Err(AppError::validation("reason", "write why this finding is safe to publish (at least a sentence)"));
    }
    let (found, _) = findings(db, policy, s.kind, s.draft_id, s.correction_note.as_deref()).await?;
    if !found.iter().any(|f| f.field == finding.field && f.rule == finding.rule && f.excerpt == finding.excerpt) {
        return Err(AppError::NotFound);
    }
    let mut tx = db.begin().await?;
    let at = now();
    overrides::insert(
        &mut tx,
        s.kind,
        s.draft_id,
        &finding.field,
        finding.rule,
        &finding.excerpt,
        reason,
        &actor.email,
        &at,
    )
    .await?;
    let subject = format!("submission {id}: {} in {}", finding.rule, finding.field);
    activity::append(&mut tx, &at, &actor.email, Action::Override, &subject, reason, source).await?;
    tx.commit().await?;
    Ok(())
}

/// Starts a correction: a new draft from the draft behind the current published
/// version. Returns the new draft's id.
#[tracing::instrument(skip_all, fields(official = %actor.email, kind = kind.code(), slug))]
pub async fn start_correction(
    db: &OfficialsDb,
    actor: &Account,
    kind: RecordKind,
    slug: &str,
    source: &str,
) -> AppResult<i64> {
    require_active(actor)?;
    let mut tx = db.begin().await?;
    let Some(draft_id) = submissions::published_draft(&mut tx, kind, slug).await? else {
        return Err(AppError::NotFound);
    };
    let draft = drafts::load(&mut tx, kind, draft_id).await?.ok_or(AppError::NotFound)?;
    if !actor.covers(draft.jurisdiction().as_str()) {
        return Err(AppError::NotFound);
    }
    let at = now();
    let id = drafts::insert(&mut tx, &draft, &at).await?;
    let subject = format!("{} {slug} (draft {id})", kind.code());
    activity::append(&mut tx, &at, &actor.email, Action::DraftCorrection, &subject, "", source).await?;
    tx.commit().await?;
    Ok(id)
}

/// Retracts a published record, leaving a public tombstone with the reason.
#[tracing::instrument(skip_all, fields(reviewer = %actor.email, kind = kind.code(), slug))]
pub async fn retract(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    kind: RecordKind,
    slug: &str,
    reason: &str,
    source: &str,
) -> AppResult<i64> {
    require_active(actor)?;
    require_reviewer(actor)?;
    let mut tx = db.begin().await?;
    let version = crate::gate::retract::retract(&mut tx, policy, actor, kind, slug, reason, source, &now()).await?;
    tx.commit().await?;
    Ok(version)
}

/// Every public field a submission would change, against the current published
/// version: from the same projection that publication writes.
pub async fn changes(db: &OfficialsDb, policy: &Policy, s: &Submission) -> AppResult<Vec<crate::gate::diff::Change>> {
    use crate::gate::diff::{differences, flatten};
    let mut conn = db.conn().await?;
    let draft = drafts::load(&mut conn, s.kind, s.draft_id).await?.ok_or(AppError::NotFound)?;
    let proposed = projection::project(&draft, policy)?;
    let after = flatten(&proposed.rows, &proposed.withholding_rows(0));
    let before = match crate::db::published::current(&mut conn, s.kind, &s.slug).await? {
        Some((rows, withheld)) => flatten(&rows, &withheld),
        None => Vec::new(),
    };
    Ok(differences(&before, &after))
}
