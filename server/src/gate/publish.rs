//! Publication: one transaction, which the approval's claim opened, writes the
//! next version's rows, its withholdings, what changed since the version before,
//! the submission's published version, the transparency log's entry and the
//! activity entry. A crash at any moment leaves either all of it or none.

use super::approval::Approved;
use super::diff::{differences, flatten};
use super::findings;
use super::policy::Policy;
use super::projection::{self, Rows};
use crate::db::activity::{self, NewEntry};
use crate::db::{changes, drafts, grants, overrides, owners, published, submissions, versions, withholdings, Conn};
use crate::domain::activity::Action;
use crate::domain::review::SubmissionAction;
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
/// What is published is exactly what was submitted: the draft's projection must
/// still have the fingerprint frozen at submission. The caller commits.
#[tracing::instrument(skip_all, fields(submission = approved.submission().id))]
pub async fn publish(conn: &mut Conn, policy: &Policy, approved: Approved, now: &str) -> AppResult<Published> {
    let s = approved.submission();
    if s.action != SubmissionAction::Publish {
        return Err(AppError::validation("submission", format!("submission {} is not a publication", s.id)));
    }
    let draft = drafts::load(conn, s.kind, s.draft_id).await?.ok_or(AppError::NotFound)?;
    let mut projection = projection::project(&draft, policy)?;
    let note = s.correction_note.as_deref();
    if projection.slug != s.slug
        || projection.jurisdiction != s.jurisdiction
        || s.projection_sha256.as_deref() != Some(projection.fingerprint(note).as_str())
    {
        return Err(AppError::validation(
            "submission",
            format!(
                "what submission {} would publish is no longer what was submitted; return it to its author to \
                 submit again",
                s.id
            ),
        ));
    }
    let found = findings::of_draft(policy, &draft, &projection.texts, note);
    let overridden = overrides::for_submission(conn, s.id).await?;
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
    super::commitment::check_and_stamp(conn, &mut projection, now).await?;
    let reviewer = approved.reviewer();
    let version = versions::next_version(conn, s.kind, &s.slug, note.is_some(), reviewer.statewide).await?;
    let withheld = projection.stamp(version, now, note);
    let before = match published::version_rows(conn, s.kind, &s.slug, version - 1).await? {
        Some((rows, w)) => flatten(&rows, &w),
        None => Vec::new(),
    };
    let changed = if version > 1 { differences(&before, &flatten(&projection.rows, &withheld)) } else { Vec::new() };
    projection.rows.insert(conn).await?;
    // The approval checked that only a state-office reviewer moves a record.
    owners::transfer(conn, s.kind, &s.slug, &s.jurisdiction).await?;
    withholdings::insert_all(conn, &withheld).await?;
    changes::insert(conn, s.kind, &s.slug, version, &changed).await?;
    submissions::set_published_version(conn, s.id, version).await?;
    // The log entry commits with the version, or neither does.
    crate::transparency::log_publication(conn, s.kind, &s.slug, version, note.is_some(), now).await?;
    let action = if note.is_some() { Action::PublicationCorrection } else { Action::Publication };
    let subject = format!("{} {} v{version}", s.kind.code(), s.slug);
    let detail = format!("submission {}", s.id);
    activity::append(
        conn,
        now,
        &NewEntry {
            actor: &reviewer.email,
            action,
            subject: &subject,
            detail: &detail,
            source: approved.source(),
            office: Some(&s.jurisdiction),
        },
    )
    .await?;
    // The public side's cached responses of the old data are stale from the commit.
    crate::db::data_version::bump(conn).await?;
    Ok(Published { kind: s.kind, slug: s.slug.clone(), version })
}

/// Computes and stores the changes of every version published before changes
/// were kept (run at start-up).
pub async fn backfill_changes(conn: &mut Conn) -> AppResult<usize> {
    let missing = changes::versions_without_changes(conn).await?;
    for (kind, slug, version) in &missing {
        let kind: RecordKind = crate::db::decode("record_kind", kind)?;
        let flat = |x: Option<(Rows, Vec<crate::db::withholdings::WithholdingRow>)>| {
            x.map(|(rows, w)| flatten(&rows, &w)).unwrap_or_default()
        };
        let before = flat(published::version_rows(conn, kind, slug, version - 1).await?);
        let after = flat(published::version_rows(conn, kind, slug, *version).await?);
        changes::insert(conn, kind, slug, *version, &differences(&before, &after)).await?;
    }
    Ok(missing.len())
}
