//! The proof that publication takes. An [`Approved`] can only be built by
//! claiming a submission inside the publication's transaction, and only when the
//! rules hold: the reviewer is active, may review, acts for the record's office
//! (the office that owns its slug, or the state's), and neither created, edited nor
//! submitted it (two people publish); a version that moves a record to another
//! office, or restores a retracted one, needs a state-office reviewer. The claim
//! changes the submission's status by row count, so no two processes can publish
//! one submission.

use crate::db::submissions::{self, Submission};
use crate::db::{accounts, drafts, owners, retractions, versions, Conn};
use crate::domain::account::Account;
use crate::domain::review::{SubmissionAction, SubmissionStatus};
use crate::error::{AppError, AppResult};

/// A claimed, approved submission, ready for [`super::publish`].
#[derive(Debug)]
pub struct Approved {
    submission: Submission,
    /// Who approved it.
    reviewer: Account,
    /// Where the approval came from (`cli`, the client's address, `scheduler`).
    source: String,
}

impl Approved {
    pub fn submission(&self) -> &Submission {
        &self.submission
    }

    pub fn reviewer(&self) -> &Account {
        &self.reviewer
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Claims a pending submission for `reviewer`, checking every rule.
    pub async fn claim(conn: &mut Conn, id: i64, reviewer: &Account, source: &str, now: &str) -> AppResult<Approved> {
        let submission = submissions::get(conn, id).await?.ok_or(AppError::NotFound)?;
        may_approve(reviewer, &submission)?;
        may_approve_here(conn, reviewer, &submission).await?;
        if submission.status != SubmissionStatus::Pending {
            return Err(AppError::validation(
                "submission",
                format!("submission {id} is {}, not pending", submission.status.code()),
            ));
        }
        if !submissions::claim_for_publication(conn, id, SubmissionStatus::Pending, Some(reviewer.id), now).await? {
            return Err(AppError::validation(
                "submission",
                format!("submission {id} was just decided by someone else"),
            ));
        }
        Ok(Approved { submission, reviewer: reviewer.clone(), source: source.to_string() })
    }

    /// Claims a scheduled submission whose time has come. The reviewer who
    /// scheduled it is checked again: a reviewer disabled since, or no longer
    /// allowed to approve it, does not publish.
    pub async fn claim_scheduled(conn: &mut Conn, id: i64, now: &str) -> AppResult<Approved> {
        let submission = submissions::get(conn, id).await?.ok_or(AppError::NotFound)?;
        if submission.status != SubmissionStatus::Scheduled
            || submission.publish_at.as_deref().is_none_or(|at| at > now)
        {
            return Err(AppError::validation("submission", format!("submission {id} is not due")));
        }
        let reviewer_id = submission.reviewed_by.ok_or_else(|| {
            AppError::validation("submission", format!("submission {id} has no reviewer; approve it again"))
        })?;
        let reviewer = accounts::by_id(conn, reviewer_id).await?.ok_or_else(|| {
            AppError::validation("submission", format!("submission {id}'s reviewer no longer exists"))
        })?;
        may_approve(&reviewer, &submission)?;
        may_approve_here(conn, &reviewer, &submission).await?;
        if !submissions::claim_for_publication(conn, id, SubmissionStatus::Scheduled, None, now).await? {
            return Err(AppError::validation(
                "submission",
                format!("submission {id} was just decided by someone else"),
            ));
        }
        Ok(Approved { submission, reviewer, source: "scheduler".into() })
    }
}

/// The rules an approver must meet for a submission.
pub fn may_approve(reviewer: &Account, s: &Submission) -> AppResult<()> {
    if reviewer.disabled {
        return Err(AppError::forbidden(format!("{} is disabled; ask an administrator", reviewer.email)));
    }
    if !reviewer.role.may_review() {
        return Err(AppError::forbidden(format!(
            "{} is an author; only reviewers and administrators approve, return or retract",
            reviewer.email
        )));
    }
    if !reviewer.covers(&s.jurisdiction) {
        return Err(AppError::forbidden(format!(
            "{} acts for {}, not for {}",
            reviewer.email, reviewer.office, s.jurisdiction
        )));
    }
    if s.submitted_by == reviewer.id {
        return Err(AppError::forbidden(format!(
            "{} submitted submission {}; another official must approve it (two-person rule)",
            reviewer.email, s.id
        )));
    }
    Ok(())
}

/// Whether `reviewer` took part in the submission: created or edited its draft,
/// or submitted any submission of it (including returned ones).
pub async fn took_part(conn: &mut Conn, reviewer: &Account, s: &Submission) -> AppResult<bool> {
    if s.submitted_by == reviewer.id {
        return Ok(true);
    }
    if s.action == SubmissionAction::Publish {
        if drafts::editors(conn, s.kind, s.draft_id).await?.contains(&reviewer.id) {
            return Ok(true);
        }
        if submissions::submitters_of_draft(conn, s.kind, s.draft_id).await?.contains(&reviewer.id) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The rules that read the database, checked again inside the publication's
/// transaction: who took part, who owns the slug, and whether the version moves
/// the record to another office or restores a retracted record.
pub async fn may_approve_here(conn: &mut Conn, reviewer: &Account, s: &Submission) -> AppResult<()> {
    if took_part(conn, reviewer, s).await? {
        return Err(AppError::forbidden(format!(
            "{} created, edited or submitted this draft; another official must approve it (two-person rule)",
            reviewer.email
        )));
    }
    let owner = owners::owner(conn, s.kind, &s.slug).await?;
    if !reviewer.statewide && owner.as_deref().is_some_and(|o| o != reviewer.office.as_str()) {
        return Err(AppError::forbidden(format!(
            "\"{}\" belongs to another office; only that office or the state office may publish it",
            s.slug
        )));
    }
    if !reviewer.statewide {
        if let Some((_, jurisdiction, _)) = versions::current(conn, s.kind, &s.slug).await? {
            if jurisdiction != s.jurisdiction {
                return Err(AppError::forbidden(format!(
                    "this version moves \"{}\" from {jurisdiction} to {}; only a state-office reviewer may approve that",
                    s.slug, s.jurisdiction
                )));
            }
        }
        if s.action == SubmissionAction::Publish && retractions::exists(conn, s.kind, &s.slug).await? {
            return Err(AppError::forbidden(format!(
                "\"{}\" was retracted; only a state-office reviewer may restore it",
                s.slug
            )));
        }
    }
    Ok(())
}
