//! The demonstration data, published through the same workflow as any record: a
//! demo author drafts and submits, a demo reviewer approves. Neither demo account
//! can sign in (their password hash matches no password).
//!
//! Real: the 2018 HAVA Election Security grant to Missouri (EAC funding table:
//! federal $7,230,625, 5% state match $361,531, total $7,592,156). Everything else
//! is sample data, and the site says so while `sample_data` is set.

mod audits;
pub mod scale;
mod spending;

pub use audits::{audits, commitment, updates};
pub use spending::{expenditures, grants, GRANT_SLUG};

use crate::db::{accounts, reference, versions, OfficialsDb};
use crate::domain::account::{Account, Role};
use crate::domain::draft::AnyDraft;
use crate::domain::values::Timestamp;
use crate::domain::JurisdictionKind;
use crate::error::{AppError, AppResult};
use crate::gate::policy::Policy;
use crate::officials::workflow;

/// The demo officials: one drafts and submits, the other approves.
pub const DEMO_AUTHOR: &str = "demo-author@portal.invalid";
pub const DEMO_REVIEWER: &str = "demo-reviewer@portal.invalid";

const JURISDICTIONS: &[(&str, &str, JurisdictionKind, &str)] = &[
    ("missouri", "State of Missouri", JurisdictionKind::State, "29"),
    ("boone-county", "Boone County", JurisdictionKind::County, "29019"),
    ("clay-county", "Clay County", JurisdictionKind::County, "29047"),
    ("cole-county", "Cole County", JurisdictionKind::County, "29051"),
    ("greene-county", "Greene County", JurisdictionKind::County, "29077"),
    ("jackson-county", "Jackson County", JurisdictionKind::County, "29095"),
    ("st-charles-county", "St. Charles County", JurisdictionKind::County, "29183"),
    ("st-louis-county", "St. Louis County", JurisdictionKind::County, "29189"),
];

const ELECTIONS: &[(&str, &str, &str)] = &[
    ("2022-general", "2022 General Election", "2022-11-08"),
    ("2024-primary", "2024 Primary Election", "2024-08-06"),
    ("2024-general", "2024 General Election", "2024-11-05"),
];

/// Loads the reference data every portal needs (jurisdictions, elections, the
/// office's name) and the demo officials.
pub async fn load_reference(db: &OfficialsDb) -> AppResult<()> {
    let mut tx = db.begin().await?;
    for (slug, name, kind, fips) in JURISDICTIONS {
        reference::ensure_jurisdiction(&mut tx, slug, name, *kind, fips).await?;
    }
    for (slug, name, date) in ELECTIONS {
        reference::ensure_election(&mut tx, slug, name, date).await?;
    }
    reference::set_site_setting(&mut tx, "office", "Missouri Secretary of State, Elections Division (demonstration)")
        .await?;
    reference::set_site_setting(&mut tx, "sample_data", "1").await?;
    let now = Timestamp::now().to_string();
    for (email, role) in [(DEMO_AUTHOR, Role::Author), (DEMO_REVIEWER, Role::Reviewer)] {
        if !accounts::email_taken(&mut tx, email).await? {
            // "!" is no argon2 hash: no password signs these accounts in.
            accounts::insert(&mut tx, email, "!", role, "missouri", &now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn demo_official(db: &OfficialsDb, email: &str) -> AppResult<Account> {
    accounts::by_email(db, email)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("the demo official {email} is missing")))
}

/// Drafts, submits and approves one record as the demo officials.
pub async fn publish(
    db: &OfficialsDb,
    policy: &Policy,
    author: &Account,
    reviewer: &Account,
    draft: &AnyDraft,
) -> AppResult<()> {
    let id = workflow::create_draft(db, author, draft, "demo").await?;
    let (submission, _) = workflow::submit(db, policy, author, draft.kind(), id, None, "demo").await?;
    workflow::approve(db, policy, reviewer, submission, None, "demo").await?;
    Ok(())
}

/// The note of a demo audit's second version, which publishes its seed.
pub const SEED_NOTE: &str = "The random seed was drawn at the public ceremony announced beforehand, after the \
    ballot manifest was published; the sampled ballots were audited and the results are below.";

/// Loads the demo data; records already published are left as they are. Each
/// risk-limiting audit is published twice: its manifest first (the commitment),
/// then its seed (drawn now), sample and results.
pub async fn load(db: &OfficialsDb) -> AppResult<String> {
    let policy = Policy::from_env().map_err(|m| AppError::validation("PORTAL_POLICY", m))?;
    load_reference(db).await?;
    let author = demo_official(db, DEMO_AUTHOR).await?;
    let reviewer = demo_official(db, DEMO_REVIEWER).await?;
    // Updates first: the audits link to their seed ceremonies' notices.
    let records: Vec<AnyDraft> = grants()
        .into_iter()
        .map(AnyDraft::Grant)
        .chain(expenditures().into_iter().map(AnyDraft::Expenditure))
        .chain(updates().into_iter().map(AnyDraft::Update))
        .chain(audits().into_iter().map(AnyDraft::Audit))
        .collect();
    let (mut added, mut kept) = (0, 0);
    for draft in &records {
        let last = versions::last_version(&mut *db.conn().await?, draft.kind(), draft.slug().as_str()).await?;
        let first = match draft {
            AnyDraft::Audit(a) => commitment(a).map(AnyDraft::Audit),
            _ => None,
        };
        match (first, last) {
            (None, 0) => {
                publish(db, &policy, &author, &reviewer, draft).await?;
                added += 1;
            }
            (Some(first), 0 | 1) => {
                if last == 0 {
                    publish(db, &policy, &author, &reviewer, &first).await?;
                }
                let mut results = draft.clone();
                if let AnyDraft::Audit(a) = &mut results {
                    a.seed_drawn_at = Some(Timestamp::now());
                }
                publish_version(db, &policy, &author, &reviewer, &results, SEED_NOTE).await?;
                added += 1;
            }
            _ => kept += 1,
        }
    }
    Ok(format!("Demo data: {added} records published, {kept} already present."))
}

/// Publishes a later version of a demo record, with its public note.
async fn publish_version(
    db: &OfficialsDb,
    policy: &Policy,
    author: &Account,
    reviewer: &Account,
    draft: &AnyDraft,
    note: &str,
) -> AppResult<()> {
    let id = workflow::start_correction(db, author, draft.kind(), draft.slug().as_str(), "demo").await?;
    workflow::edit_draft(db, author, id, draft, "demo").await?;
    let (submission, _) = workflow::submit(db, policy, author, draft.kind(), id, Some(note), "demo").await?;
    workflow::approve(db, policy, reviewer, submission, None, "demo").await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_data_is_valid_and_says_it_is_sample_data() {
        assert_eq!(expenditures().len(), 24);
        assert_eq!(audits().len(), 8);
        assert!(audits().iter().all(|a| a.summary.as_str().starts_with("Sample data.")));
        assert!(updates().iter().all(|u| u.body.as_str().contains("Sample data")));
        assert_eq!(grants()[0].federal.get() + grants()[0].matching.get(), 759_215_600);
    }
}
