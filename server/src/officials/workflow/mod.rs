//! The officials' workflow: draft, submit for review, approve (publishing now or
//! at a time) or return with a comment, correct, retract, restore. The web pages
//! and the command line both call these functions, so both enforce the same rules:
//!
//! - an official acts only within their office (a state-office account acts
//!   everywhere), and a record's slug belongs to the office that first drafted it:
//!   only that office or the state's may draft a version of it, correct it or
//!   retract it;
//! - only reviewers and administrators approve, and nobody who created, edited or
//!   submitted a draft approves it or overrides its findings (two people publish);
//! - what the reviewer approves is what was submitted (its fingerprint is frozen).
//!
//! Every step is written to the activity log in the same transaction as the step.

mod drafts;
mod retraction;
mod review;

pub use drafts::{create_draft, edit_draft, findings, is_submitted, load_draft, own_draft, start_correction};
pub use retraction::request_retraction;
pub use review::{
    approve, changes, override_finding, publish_due, queue, return_to_author, submission, submission_findings, submit,
    submit_in, Approval,
};

use crate::db::activity::{self, NewEntry};
use crate::db::{owners, Conn};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::values::Timestamp;
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};

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

/// The refusal for a slug another office owns: it says nothing about that office.
pub fn taken(slug: &str) -> AppError {
    AppError::validation("slug", format!("\"{slug}\" is taken; choose another slug"))
}

/// Whether `actor`'s office may act on the record with this slug: it owns the
/// slug, nobody does yet, or the actor is in the state office.
pub async fn may_act_on(conn: &mut Conn, actor: &Account, kind: RecordKind, slug: &str) -> AppResult<bool> {
    Ok(actor.statewide || owners::owner(conn, kind, slug).await?.is_none_or(|o| o == actor.office.as_str()))
}

fn now() -> String {
    Timestamp::now().to_string()
}

/// Appends an activity entry about a record (or account) of `office`.
#[allow(clippy::too_many_arguments)]
async fn log(
    conn: &mut Conn,
    at: &str,
    actor: &str,
    action: Action,
    subject: &str,
    detail: &str,
    source: &str,
    office: &str,
) -> AppResult<()> {
    activity::append(conn, at, &NewEntry { actor, action, subject, detail, source, office: Some(office) }).await
}
