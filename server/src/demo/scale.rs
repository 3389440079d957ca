//! The scale fixture, for benchmarks only: `portal demo --scale N` loads the demo
//! and then N synthetic audits (ten contests each) and 10·N synthetic expenditures
//! against N/100 synthetic grants (a thousand each), spread over the demo's
//! elections, jurisdictions and categories so that the lists' filters mean
//! something. Every synthetic slug begins with `scale-` and every text says it is
//! synthetic sample data.
//!
//! The rows are what the gate publishes: each synthetic draft goes through the
//! same projection ([`crate::gate::projection::project`]) and is stamped as
//! version 1, then written with multi-row INSERTs, many records to a transaction,
//! each transaction bumping the data version. What it skips, being a bulk load of
//! made-up data and not a publication: the workflow (drafts, submissions,
//! approvals, the activity log), the scanner, record owners (no office can correct
//! or retract a synthetic record) and the transparency log (synthetic versions
//! have no log entry, so their version pages show no log index). It is reachable
//! from the command line only, and refuses a database with real publications.
//! The totals kept at publication (migration 0013) are kept by the published
//! tables' triggers, for these rows as for the gate's.

use crate::db::audits::PublishedAudit;
use crate::db::audits::{
    PublishedAuditRow, PublishedContestRow, PublishedDocumentRow, PublishedRoundRow, PublishedTallyRow,
};
use crate::db::expenditures::PublishedExpenditureRow;
use crate::db::grants::PublishedGrantRow;
use crate::db::{data_version, finish, OfficialsDb};
use crate::domain::audit::{AuditInput, ContestInput};
use crate::domain::draft::AnyDraft;
use crate::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use crate::domain::grant::{GrantDraft, GrantInput};
use crate::domain::values::Timestamp;
use crate::error::{AppError, AppResult, Context};
use crate::gate::policy::Policy;
use crate::gate::projection::{project, Rows};
use app::model::Category;

/// The prefix of every synthetic slug.
pub const PREFIX: &str = "scale-";
/// Contests per synthetic audit.
pub const CONTESTS: usize = 10;
/// Synthetic expenditures per synthetic audit.
pub const EXPENDITURES_PER_AUDIT: usize = 10;
/// Synthetic expenditures per synthetic grant.
pub const EXPENDITURES_PER_GRANT: usize = 1_000;
/// The largest N accepted.
pub const MAX_SCALE: usize = 1_000_000;

/// Audits (and their expenditures) written per transaction.
const AUDITS_PER_TX: usize = 5_000;

const ELECTIONS: &[&str] = &["2022-general", "2024-primary", "2024-general"];
const JURISDICTIONS: &[&str] = &[
    "missouri",
    "boone-county",
    "clay-county",
    "cole-county",
    "greene-county",
    "jackson-county",
    "st-charles-county",
    "st-louis-county",
];

/// How many synthetic grants N audits' expenditures are spread over.
pub fn grant_count(n: usize) -> usize {
    (n * EXPENDITURES_PER_AUDIT).div_ceil(EXPENDITURES_PER_GRANT).max(1)
}

pub fn audit_slug(i: usize) -> String {
    format!("{PREFIX}audit-{i:06}")
}

pub fn expenditure_slug(i: usize) -> String {
    format!("{PREFIX}exp-{i:07}")
}

pub fn grant_slug(g: usize) -> String {
    format!("{PREFIX}grant-{g:05}")
}

/// A date spread over 2019–2024 by `i`.
fn date(i: usize, from_year: usize, years: usize) -> String {
    format!("{}-{:02}-{:02}", from_year + i % years, 1 + (i / years) % 12, 1 + (i / (years * 12)) % 28)
}

fn invalid(what: &str, e: impl std::fmt::Debug) -> AppError {
    AppError::internal(anyhow::anyhow!("the synthetic {what} does not project: {e:?}"))
}

/// The synthetic audit `i`: a manual tally of ten contests whose hand count
/// matches the machine count.
pub fn audit(i: usize) -> AppResult<AnyDraft> {
    let election = ELECTIONS[i % ELECTIONS.len()];
    let election_day = match election {
        "2022-general" => "2022-11",
        "2024-primary" => "2024-08",
        _ => "2024-11",
    };
    let day = 10 + i % 18;
    let contests = (0..CONTESTS)
        .map(|k| {
            let (a, b) = (500 + (i * 7 + k * 13) % 400, 300 + (i * 11 + k * 3) % 150);
            ContestInput {
                name: format!("Synthetic contest {}", k + 1),
                winners: "Candidate A".into(),
                votes_allowed: "1".into(),
                ballots_cast: (a + b).to_string(),
                reported_results: format!("Candidate A={a};Candidate B={b}"),
                audited_results: format!("Candidate A={a};Candidate B={b}"),
                ..Default::default()
            }
        })
        .collect();
    let input = AuditInput {
        slug: audit_slug(i),
        election: election.into(),
        jurisdiction: JURISDICTIONS[(i / ELECTIONS.len()) % JURISDICTIONS.len()].into(),
        audit_type: "manual_tally".into(),
        math: "none".into(),
        outcome: if i % 10 == 9 { "in_progress" } else { "confirmed" }.into(),
        started_on: format!("{election_day}-{day:02}"),
        completed_on: if i % 10 == 9 { String::new() } else { format!("{election_day}-{:02}", day + 2) },
        summary: format!(
            "Synthetic sample data for load testing (record {i}): a hand count of ten made-up contests that \
             matched the machine count."
        ),
        contests,
        ..Default::default()
    };
    input.to_draft(vec![]).map(AnyDraft::Audit).map_err(|e| invalid("audit", e))
}

/// The synthetic grant `g`.
pub fn grant(g: usize) -> AppResult<AnyDraft> {
    GrantDraft::try_from(&GrantInput {
        slug: grant_slug(g),
        program: format!("Synthetic grant {g} (sample data for load testing)"),
        funder: "Synthetic funder".into(),
        recipient: "missouri".into(),
        federal_amount: "10000000".into(),
        match_amount: "500000".into(),
        award_date: date(g, 2019, 6),
        period_start: String::new(),
        period_end: String::new(),
        source: "Synthetic sample data for load testing; no such grant exists.".into(),
    })
    .map(AnyDraft::Grant)
    .map_err(|e| invalid("grant", e))
}

/// The synthetic expenditure `i`, against grant `i / 1000`.
pub fn expenditure(i: usize) -> AppResult<AnyDraft> {
    ExpenditureDraft::try_from(&ExpenditureInput {
        slug: expenditure_slug(i),
        grant: grant_slug(i / EXPENDITURES_PER_GRANT),
        recipient: JURISDICTIONS[i % JURISDICTIONS.len()].into(),
        category: Category::ALL[(i / JURISDICTIONS.len()) % Category::ALL.len()].code().into(),
        federal_amount: format!("{}", 100 + (i * 37) % 9_900),
        match_amount: format!("{}", (i * 13) % 500),
        date: date(i, 2019, 6),
        vendor: format!("Synthetic Vendor {}", i % 50),
        description: format!("Synthetic sample data for load testing (record {i})."),
        ..Default::default()
    })
    .map(AnyDraft::Expenditure)
    .map_err(|e| invalid("expenditure", e))
}

/// The rows of one batch, as the gate's projection makes them.
#[derive(Default)]
struct Batch {
    audits: Vec<PublishedAuditRow>,
    contests: Vec<PublishedContestRow>,
    tallies: Vec<PublishedTallyRow>,
    documents: Vec<PublishedDocumentRow>,
    rounds: Vec<PublishedRoundRow>,
    grants: Vec<PublishedGrantRow>,
    expenditures: Vec<PublishedExpenditureRow>,
}

impl Batch {
    fn add(&mut self, draft: &AnyDraft, policy: &Policy, now: &str) -> AppResult<()> {
        let mut p = project(draft, policy).map_err(|e| invalid("record", e))?;
        if !p.withholding_rows(1).is_empty() {
            return Err(invalid("record", "it withholds a detail"));
        }
        p.stamp(1, now, None);
        match p.rows {
            Rows::Audit(a) => {
                if a.has_evidence() {
                    return Err(invalid("audit", "it has evidence"));
                }
                let PublishedAudit { audit, contests, tallies, documents, rounds, .. } = *a;
                self.audits.push(audit);
                self.rounds.extend(rounds);
                self.contests.extend(contests);
                self.tallies.extend(tallies);
                self.documents.extend(documents);
            }
            Rows::Grant(g) => self.grants.push(g),
            Rows::Expenditure(x) => self.expenditures.push(x),
            Rows::Update(_) => return Err(invalid("record", "updates are not synthesised")),
        }
        Ok(())
    }

    /// Writes the batch in one transaction, which bumps the data version.
    async fn write(self, db: &OfficialsDb) -> AppResult<()> {
        let mut tx = db.begin().await?;
        let result = async {
            PublishedGrantRow::insert_many(&self.grants, &mut tx).await?;
            PublishedAuditRow::insert_many(&self.audits, &mut tx).await?;
            PublishedContestRow::insert_many(&self.contests, &mut tx).await?;
            PublishedTallyRow::insert_many(&self.tallies, &mut tx).await?;
            PublishedDocumentRow::insert_many(&self.documents, &mut tx).await?;
            PublishedRoundRow::insert_many(&self.rounds, &mut tx).await?;
            PublishedExpenditureRow::insert_many(&self.expenditures, &mut tx).await?;
            data_version::bump(&mut tx).await
        }
        .await;
        finish(tx, result).await
    }
}

/// Whether a slug is one the fixture writes (`scale-audit-` and six digits, and so
/// on), and so not a real record's even if a real slug begins `scale-`.
pub fn is_synthetic(slug: &str) -> bool {
    [("audit-", 6), ("exp-", 7), ("grant-", 5)].iter().any(|(kind, digits)| {
        slug.strip_prefix(PREFIX)
            .and_then(|s| s.strip_prefix(kind))
            .is_some_and(|n| n.len() == *digits && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Every slug of a published version that is neither the demo's nor synthetic.
async fn real_slugs(db: &OfficialsDb) -> AppResult<Vec<String>> {
    let demo: std::collections::HashSet<String> = super::audits()
        .iter()
        .map(|a| a.slug.to_string())
        .chain(super::grants().iter().map(|g| g.slug.to_string()))
        .chain(super::expenditures().iter().map(|x| x.slug.to_string()))
        .chain(super::updates().iter().map(|u| u.slug.to_string()))
        .collect();
    let mut real = Vec::new();
    for table in ["published_audits", "published_grants", "published_expenditures", "published_updates"] {
        let slugs: Vec<String> = sqlx::query_scalar(&format!("SELECT DISTINCT slug FROM {table} ORDER BY slug"))
            .fetch_all(&mut *db.conn().await?)
            .await
            .context("reading published slugs")?;
        real.extend(slugs.into_iter().filter(|s| !demo.contains(s) && !is_synthetic(s)));
    }
    Ok(real)
}

/// Loads the demo and `n` synthetic audits, `10·n` expenditures and their grants.
/// Refuses a database with real publications, or one that already holds
/// synthetic records.
pub async fn load(db: &OfficialsDb, n: usize) -> AppResult<String> {
    if !(1..=MAX_SCALE).contains(&n) {
        return Err(AppError::validation("--scale", format!("must be a whole number from 1 to {MAX_SCALE}")));
    }
    let existing: i64 =
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM published_audits WHERE slug LIKE '{PREFIX}audit-%'"))
            .fetch_one(&mut *db.conn().await?)
            .await
            .context("counting synthetic audits")?;
    if existing > 0 {
        return Err(AppError::validation(
            "--scale",
            format!("this database already holds {existing} synthetic audits; load the fixture into a fresh one"),
        ));
    }
    let real = real_slugs(db).await?;
    if let Some(first) = real.first() {
        return Err(AppError::validation(
            "--scale",
            format!(
                "this database has {} real published record(s) (\"{first}\" among them); the scale fixture only \
                 loads into a database that holds nothing but the demo",
                real.len()
            ),
        ));
    }
    let demo = super::load(db).await?;
    let policy = Policy::from_env().map_err(|m| AppError::validation("PORTAL_POLICY", m))?;
    let now = Timestamp::now().to_string();
    let grants = grant_count(n);
    let mut batch = Batch::default();
    for g in 0..grants {
        batch.add(&grant(g)?, &policy, &now)?;
    }
    batch.write(db).await?;
    let mut start = 0;
    while start < n {
        let end = (start + AUDITS_PER_TX).min(n);
        let mut batch = Batch::default();
        for i in start..end {
            batch.add(&audit(i)?, &policy, &now)?;
        }
        for i in start * EXPENDITURES_PER_AUDIT..end * EXPENDITURES_PER_AUDIT {
            batch.add(&expenditure(i)?, &policy, &now)?;
        }
        batch.write(db).await?;
        start = end;
    }
    // The planner's statistics for the tables just filled (the totals kept at
    // publication are kept by the tables' triggers as the batches insert).
    sqlx::query("ANALYZE").execute(&mut *db.conn().await?).await.context("analyzing the loaded tables")?;
    Ok(format!(
        "{demo}\nScale fixture (synthetic sample data): {n} audits ({} contests), {} expenditures, {grants} grants.",
        n * CONTESTS,
        n * EXPENDITURES_PER_AUDIT
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_records_project_and_say_what_they_are() {
        let policy = Policy::missouri();
        let now = Timestamp::now().to_string();
        let mut batch = Batch::default();
        for i in 0..30 {
            batch.add(&audit(i).unwrap(), &policy, &now).unwrap();
            batch.add(&expenditure(i * 41).unwrap(), &policy, &now).unwrap();
        }
        batch.add(&grant(0).unwrap(), &policy, &now).unwrap();
        assert_eq!(batch.contests.len(), 30 * CONTESTS);
        assert!(batch.audits.iter().all(|a| a.summary.starts_with("Synthetic sample data")));
        assert!(batch.expenditures.iter().all(|x| x.description.starts_with("Synthetic sample data")));
        assert_eq!(grant_count(100), 1);
        assert_eq!(grant_count(100_000), 1_000);
        assert_eq!(grant_count(150), 2);
        assert!(is_synthetic(&audit_slug(7)) && is_synthetic(&expenditure_slug(70)) && is_synthetic(&grant_slug(3)));
        assert!(!is_synthetic("scale-county-2024-audit") && !is_synthetic("scale-audit-12") && !is_synthetic("x"));
    }
}
