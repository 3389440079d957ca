//! Drafting: creating and editing a draft, its scanner findings, and starting a
//! correction from the published version.

use super::{log, may_act_on, now, require_active, require_office, taken};
use crate::db::{drafts, owners, reference, submissions, OfficialsDb, Tx};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::draft::AnyDraft;
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};
use crate::gate::findings;
use crate::gate::policy::Policy;
use crate::gate::projection;
use crate::gate::scanner::Finding;

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

/// Stores a new draft for `actor`'s office; returns its id. The slug then belongs
/// to the draft's office (its jurisdiction, recipient or office); a slug that
/// another office owns is refused as "taken", without saying whose.
#[tracing::instrument(skip_all, fields(official = %actor.email, kind = draft.kind().code(), slug = %draft.slug()))]
pub async fn create_draft(db: &OfficialsDb, actor: &Account, draft: &AnyDraft, source: &str) -> AppResult<i64> {
    require_active(actor)?;
    require_office(actor, draft.jurisdiction().as_str())?;
    let (kind, slug) = (draft.kind(), draft.slug().as_str());
    let mut tx = db.begin().await?;
    if !may_act_on(&mut tx, actor, kind, slug).await? {
        return Err(taken(slug));
    }
    check_references(&mut tx, draft).await?;
    owners::claim(&mut tx, kind, slug, draft.jurisdiction().as_str()).await?;
    let at = now();
    let id = drafts::insert(&mut tx, draft, &at).await?;
    drafts::add_editor(&mut tx, kind, id, actor.id).await?;
    let subject = format!("{} {slug} (draft {id})", kind.code());
    log(&mut tx, &at, &actor.email, Action::DraftCreate, &subject, "", source, draft.jurisdiction().as_str()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether a draft is submitted and not returned: it may then no longer change.
pub async fn is_submitted(db: &OfficialsDb, kind: RecordKind, id: i64) -> AppResult<bool> {
    submissions::is_submitted(&mut *db.conn().await?, kind, id).await
}

/// The draft's slug and jurisdiction, if `actor` may see it (else not found).
pub async fn own_draft(db: &OfficialsDb, actor: &Account, kind: RecordKind, id: i64) -> AppResult<(String, String)> {
    let mut conn = db.conn().await?;
    match drafts::owner(&mut conn, kind, id).await? {
        Some((slug, jurisdiction))
            if actor.covers(&jurisdiction) && may_act_on(&mut conn, actor, kind, &slug).await? =>
        {
            Ok((slug, jurisdiction))
        }
        _ => Err(AppError::NotFound),
    }
}

pub async fn load_draft(db: &OfficialsDb, actor: &Account, kind: RecordKind, id: i64) -> AppResult<AnyDraft> {
    own_draft(db, actor, kind, id).await?;
    drafts::load(&mut *db.conn().await?, kind, id).await?.ok_or(AppError::NotFound)
}

/// Saves an edited draft (its slug stays). Refused once submitted. The editor is
/// recorded: they may not approve it.
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
    drafts::add_editor(&mut tx, draft.kind(), id, actor.id).await?;
    let subject = format!("{} {slug} (draft {id})", draft.kind().code());
    log(&mut tx, &at, &actor.email, Action::DraftEdit, &subject, "", source, draft.jurisdiction().as_str()).await?;
    tx.commit().await?;
    Ok(())
}

/// Every finding in what a draft would publish (and its correction note). No
/// override applies to a draft: overrides belong to a submission.
pub async fn findings(
    db: &OfficialsDb,
    policy: &Policy,
    kind: RecordKind,
    id: i64,
    note: Option<&str>,
) -> AppResult<Vec<Finding>> {
    let mut conn = db.conn().await?;
    let draft = drafts::load(&mut conn, kind, id).await?.ok_or(AppError::NotFound)?;
    let texts = match projection::project(&draft, policy) {
        Ok(p) => p.texts,
        // A withholding the policy refuses is reported at submission; scan the rest.
        Err(_) => Vec::new(),
    };
    Ok(findings::of_draft(policy, &draft, &texts, note))
}

/// Starts a correction: a new draft from the draft behind the newest published
/// version (a retracted record's too, which the state office may restore).
/// Returns the new draft's id.
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
    if !actor.covers(draft.jurisdiction().as_str()) || !may_act_on(&mut tx, actor, kind, slug).await? {
        return Err(AppError::NotFound);
    }
    // Only the state office restores a retracted record.
    if !actor.statewide && crate::db::retractions::exists(&mut tx, kind, slug).await? {
        return Err(AppError::NotFound);
    }
    let at = now();
    let id = drafts::insert(&mut tx, &draft, &at).await?;
    drafts::add_editor(&mut tx, kind, id, actor.id).await?;
    let subject = format!("{} {slug} (draft {id})", kind.code());
    log(&mut tx, &at, &actor.email, Action::DraftCorrection, &subject, "", source, draft.jurisdiction().as_str())
        .await?;
    tx.commit().await?;
    Ok(id)
}
