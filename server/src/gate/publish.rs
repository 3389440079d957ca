//! Publication: one transaction, which the approval's claim opened, writes the
//! next version's rows, its withholdings, the submission's published version and
//! the activity entry. A crash at any moment leaves either all of it or none.

use super::approval::Approved;
use super::findings;
use super::policy::Policy;
use super::projection::{self, PublicText, Rows};
use crate::db::{activity, drafts, grants, overrides, submissions, versions, withholdings, Conn};
use crate::domain::activity::Action;
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};

/// What a publication produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub kind: RecordKind,
    pub slug: String,
    pub version: i64,
}

/// Publishes an approved submission inside the transaction that claimed it.
/// The caller commits.
#[tracing::instrument(skip_all, fields(submission = approved.submission().id))]
pub async fn publish(conn: &mut Conn, policy: &Policy, approved: Approved, now: &str) -> AppResult<Published> {
    let s = approved.submission();
    let draft = drafts::load(conn, s.kind, s.draft_id).await?.ok_or(AppError::NotFound)?;
    let mut projection = projection::project(&draft, policy)?;
    if projection.slug != s.slug || projection.jurisdiction != s.jurisdiction {
        return Err(AppError::forbidden("the draft changed after it was submitted; submit it again"));
    }
    let note = s.correction_note.as_deref();
    let mut texts = projection.texts.clone();
    if let Some(note) = note {
        texts.push(PublicText { field: "correction_note".into(), text: note.to_string() });
    }
    let found = findings::scan(policy, &texts);
    let overridden = overrides::for_draft(conn, s.kind, s.draft_id).await?;
    let blocking = findings::unresolved(&found, &overridden);
    if !blocking.is_empty() {
        return Err(findings::refusal(&blocking));
    }
    if let Rows::Expenditure(x) = &projection.rows {
        if !grants::is_current(conn, &x.grant_slug).await? {
            return Err(AppError::validation(
                "grant",
                format!("there is no published grant \"{}\"; publish the grant first", x.grant_slug),
            ));
        }
    }
    let version = versions::next_version(conn, s.kind, &s.slug, note.is_some()).await?;
    let withheld = projection.stamp(version, now, note);
    projection.rows.insert(conn).await?;
    withholdings::insert_all(conn, &withheld).await?;
    submissions::set_published_version(conn, s.id, version).await?;
    let action = if note.is_some() { Action::PublicationCorrection } else { Action::Publication };
    activity::append(
        conn,
        now,
        approved.reviewer_email(),
        action,
        &format!("{} {} v{version}", s.kind.code(), s.slug),
        &format!("submission {}", s.id),
        approved.source(),
    )
    .await?;
    Ok(Published { kind: s.kind, slug: s.slug.clone(), version })
}
