//! Importing spreadsheets: `portal import audits|spending FILE.csv --as EMAIL`, or
//! pasted at `/admin/import`.
//!
//! A file is all or nothing. Every row is read and checked first, and every
//! mistake is reported with its line, column and reason; only a file without
//! mistakes is stored, in one transaction that creates the drafts and submits each
//! one for review. The templates are in `templates/` and documented in the README.

use super::workflow;
use crate::db::activity::{self, NewEntry};
use crate::db::{drafts, owners, reference, OfficialsDb, Tx};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::audit::{AuditDraft, AuditInput, ContestInput};
use crate::domain::draft::{AnyDraft, Checks, FieldError};
use crate::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use crate::domain::values::{IsoDate, Slug, Timestamp};
use crate::domain::withholding::withholding;
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};
use crate::gate::policy::Policy;
use crate::gate::scanner::Severity;
use serde::de::value::{Error as ValueError, MapDeserializer};
use serde::Deserialize;
use std::collections::HashMap;
use table::{read_table, Cell};

pub use table::ImportError;

mod evidence;
mod table;

pub use evidence::{evidence, EvidenceFile};

/// The columns of a spending file: an expenditure's fields as typed, but its slug
/// (made from the date, recipient and vendor). A new field of the expenditure
/// is a new column here without further change.
pub fn spending_columns() -> Vec<&'static str> {
    ExpenditureInput::default().fields().into_iter().map(|(name, _)| name).filter(|n| *n != "slug").collect()
}

pub const AUDIT_COLUMNS: &[&str] = &[
    "audit",
    "election",
    "election_date",
    "jurisdiction",
    "audit_type",
    "math",
    "risk_limit",
    "seed",
    "started_on",
    "completed_on",
    "outcome",
    "summary",
    "contest",
    "winners",
    "votes_allowed",
    "ballots_cast",
    "reported_results",
    "sample_size",
    "audited_results",
    "o1",
    "o2",
    "u1",
    "u2",
    "p_value",
    "risk_limit_met",
    "targeted",
    "security_details",
    "withholding_basis",
    "withholding_statement",
    "internal_notes",
];

/// The columns that describe the whole audit (the same on each of its rows).
const AUDIT_LEVEL: &[&str] = &[
    "election",
    "election_date",
    "jurisdiction",
    "audit_type",
    "math",
    "risk_limit",
    "seed",
    "started_on",
    "completed_on",
    "outcome",
    "summary",
    "security_details",
    "withholding_basis",
    "withholding_statement",
    "internal_notes",
];

/// What an import did: each submission created, with its finding counts.
#[derive(Debug)]
pub struct Imported {
    pub id: i64,
    pub kind: RecordKind,
    pub slug: String,
    pub findings: usize,
    pub blocking: usize,
}

/// Why an import stored nothing.
#[derive(Debug)]
pub enum ImportFailure {
    /// The file's mistakes, every one of them.
    Rows(Vec<ImportError>),
    Other(AppError),
}

impl From<AppError> for ImportFailure {
    fn from(e: AppError) -> Self {
        ImportFailure::Other(e)
    }
}

/// A slug from free text: lower-case letters and digits joined by hyphens.
fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect::<String>().trim_end_matches('-').to_string()
}

fn require_office(cell: &Cell, actor: &Account, column: &str, errors: &mut Vec<ImportError>) {
    let slug = cell.get(column);
    if !slug.is_empty() && !actor.covers(slug) {
        errors.push(cell.error(column, format!("{} acts for {}, not for {slug}", actor.email, actor.office)));
    }
}

/// The withholding rule, as the gate will apply it at publication.
fn check_withholding(
    cell: &Cell,
    policy: &Policy,
    kind: RecordKind,
    part: &crate::domain::withholding::RestrictedPart,
) -> Vec<ImportError> {
    match withholding(policy, kind.code(), "security_details", part) {
        Ok(_) => Vec::new(),
        Err(e) => cell.errors(vec![e], &[]),
    }
}

/// Reads a spending file into expenditure drafts, or every mistake in it.
async fn read_spending(
    tx: &mut Tx,
    policy: &Policy,
    actor: &Account,
    bytes: &[u8],
) -> AppResult<Result<Vec<ExpenditureDraft>, Vec<ImportError>>> {
    let table = match read_table(bytes, &spending_columns()) {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut used_slugs: Vec<String> = Vec::new();
    for (line, record) in &table.rows {
        let cell = Cell { line: *line, table: &table, record };
        let grant = cell.get("grant");
        if !Slug::is_valid(grant) || !drafts::slug_taken(tx, RecordKind::Grant, grant).await? {
            errors.push(
                cell.error("grant", format!("there is no grant \"{grant}\"; use the slug from /spending/{{grant}}")),
            );
        }
        let recipient = cell.get("recipient");
        if reference::jurisdiction_kind(tx, recipient).await?.is_none() {
            errors.push(cell.error(
                "recipient",
                format!("there is no jurisdiction \"{recipient}\"; use the slug from /jurisdictions/{{slug}}"),
            ));
        }
        require_office(&cell, actor, "recipient", &mut errors);
        let base = slugify(&format!("{}-{}-{}", cell.get("date"), recipient, cell.get("vendor")));
        let base = if base.is_empty() { "expenditure".to_string() } else { base };
        let mut slug = base.clone();
        let mut n = 1;
        while used_slugs.contains(&slug) || drafts::slug_taken(tx, RecordKind::Expenditure, &slug).await? {
            n += 1;
            slug = format!("{base}-{n}");
        }
        used_slugs.push(slug.clone());
        let mut values: HashMap<String, String> =
            table.columns.keys().map(|name| (name.clone(), cell.get(name).to_string())).collect();
        values.insert("slug".into(), slug);
        let input = ExpenditureInput::deserialize(MapDeserializer::<_, ValueError>::new(values.into_iter()))
            .map_err(|e| AppError::internal(anyhow::anyhow!("reading a spending row: {e}")))?;
        let drafted = ExpenditureDraft::try_from(&input);
        let found: Vec<ImportError> = match &drafted {
            Ok(d) => check_withholding(&cell, policy, RecordKind::Expenditure, &d.restricted),
            Err(e) => cell.errors(e.iter().filter(|e| e.field != "grant").cloned().collect(), &[("slug", "vendor")]),
        };
        errors.extend(found);
        if let Ok(d) = drafted {
            out.push(d);
        }
    }
    errors.sort_by_key(|e| (e.line, e.column));
    Ok(if errors.is_empty() { Ok(out) } else { Err(errors) })
}

/// Reads an audits file (one row per contest) into audit drafts, with the
/// elections to create, or every mistake in it.
#[allow(clippy::type_complexity)]
async fn read_audits(
    tx: &mut Tx,
    policy: &Policy,
    actor: &Account,
    bytes: &[u8],
) -> AppResult<Result<(Vec<AuditDraft>, Vec<(String, String)>), Vec<ImportError>>> {
    let table = match read_table(bytes, AUDIT_COLUMNS) {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    let mut errors = Vec::new();
    // Each audit's first row (line, index) and its drafted audit (None if its own
    // columns had mistakes).
    let mut order: Vec<String> = Vec::new();
    let mut first_rows: HashMap<String, (u64, usize)> = HashMap::new();
    let mut audits: HashMap<String, Option<AuditDraft>> = HashMap::new();
    let mut new_elections: Vec<(String, String)> = Vec::new();
    for (row_index, (line, record)) in table.rows.iter().enumerate() {
        let cell = Cell { line: *line, table: &table, record };
        let slug = cell.get("audit").to_string();
        if let Err(m) = Slug::parse(&slug) {
            errors.push(cell.error("audit", format!("\"{slug}\" is not a slug: {m}")));
            continue;
        }
        if let Some((first_line, first_index)) = first_rows.get(&slug) {
            // Audit-level columns must agree with the audit's first row.
            let first = Cell { line: *first_line, table: &table, record: &table.rows[*first_index].1 };
            for name in AUDIT_LEVEL {
                if cell.get(name) != first.get(name) {
                    errors.push(cell.error(
                        name,
                        format!(
                            "differs from line {first_line}, where audit {slug} has \"{}\"; an audit's own columns must be \
                             the same on each of its rows",
                            first.get(name)
                        ),
                    ));
                }
            }
        } else {
            first_rows.insert(slug.clone(), (*line, row_index));
            order.push(slug.clone());
            if drafts::slug_taken(tx, RecordKind::Audit, &slug).await? {
                errors.push(
                    cell.error("audit", format!("\"{slug}\" is taken; corrections go through the review workflow")),
                );
            }
            let election = cell.get("election");
            let election_date = cell.get("election_date");
            match (Slug::parse(election), IsoDate::parse(election_date)) {
                (Err(_), _) => {
                    errors.push(cell.error("election", format!("\"{election}\" is not a slug like 2024-general")))
                }
                (_, Err(m)) => errors.push(cell.error("election_date", m)),
                (Ok(_), Ok(_)) => match reference::election_date(tx, election).await? {
                    Some(d) if d != election_date => errors.push(
                        cell.error("election_date", format!("election {election} is on {d}, not {election_date}")),
                    ),
                    Some(_) => {}
                    None if !new_elections.iter().any(|(s, _)| s == election) => {
                        new_elections.push((election.to_string(), election_date.to_string()))
                    }
                    None => {}
                },
            }
            let jurisdiction = cell.get("jurisdiction");
            if reference::jurisdiction_kind(tx, jurisdiction).await?.is_none() {
                errors.push(cell.error("jurisdiction", format!("there is no jurisdiction \"{jurisdiction}\"")));
            }
            require_office(&cell, actor, "jurisdiction", &mut errors);
            if !cell.get("seed").trim().is_empty() {
                errors.push(cell.error(
                    "seed",
                    "a new audit publishes its seed only after its ballot manifest: leave the seed empty here, \
                     import the manifest (portal import manifest), and add the seed in a later version after the \
                     public ceremony",
                ));
            }
            let input = AuditInput {
                slug: slug.clone(),
                election: election.into(),
                jurisdiction: jurisdiction.into(),
                audit_type: cell.get("audit_type").into(),
                math: cell.get("math").into(),
                risk_limit: cell.get("risk_limit").into(),
                started_on: cell.get("started_on").into(),
                completed_on: cell.get("completed_on").into(),
                outcome: cell.get("outcome").into(),
                summary: cell.get("summary").into(),
                security_details: cell.get("security_details").into(),
                withholding_basis: cell.get("withholding_basis").into(),
                withholding_statement: cell.get("withholding_statement").into(),
                internal_notes: cell.get("internal_notes").into(),
                ..AuditInput::default()
            };
            let drafted = match input.to_draft(Vec::new()) {
                Ok(d) => {
                    errors.extend(check_withholding(&cell, policy, RecordKind::Audit, &d.restricted));
                    Some(d)
                }
                Err(e) => {
                    let shown: Vec<FieldError> = e.into_iter().filter(|e| e.field != "election").collect();
                    errors.extend(cell.errors(shown, &[("slug", "audit")]));
                    None
                }
            };
            audits.insert(slug.clone(), drafted);
        }
        // The contest on this row, if any.
        if cell.get("contest").is_empty() {
            for name in
                ["winners", "votes_allowed", "ballots_cast", "reported_results", "sample_size", "audited_results"]
            {
                if !cell.get(name).is_empty() {
                    errors.push(cell.error(name, "a row without a contest name cannot have contest results"));
                }
            }
            continue;
        }
        let contest = ContestInput {
            name: cell.get("contest").into(),
            winners: cell.get("winners").into(),
            votes_allowed: cell.get("votes_allowed").into(),
            ballots_cast: cell.get("ballots_cast").into(),
            reported_results: cell.get("reported_results").into(),
            sample_size: cell.get("sample_size").into(),
            audited_results: cell.get("audited_results").into(),
            o1: cell.get("o1").into(),
            o2: cell.get("o2").into(),
            u1: cell.get("u1").into(),
            u2: cell.get("u2").into(),
            p_value: cell.get("p_value").into(),
            risk_limit_met: cell.get("risk_limit_met").into(),
            targeted: cell.get("targeted").into(),
        };
        let mut checks = Checks::default();
        let drafted = contest.to_draft(&mut checks, "");
        errors.extend(cell.errors(checks.errors, &[]));
        match (drafted, audits.get_mut(&slug)) {
            (Some(c), Some(Some(a))) if a.contests.len() < crate::domain::audit::MAX_CONTESTS => a.contests.push(c),
            (Some(_), Some(Some(_))) => errors.push(cell.error("contest", "an audit may have at most 100 contests")),
            _ => {}
        }
    }
    errors.sort_by_key(|e| (e.line, e.column));
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let drafts = order.into_iter().filter_map(|slug| audits.remove(&slug).flatten()).collect();
    Ok(Ok((drafts, new_elections)))
}

/// An election's name from its slug: `2025-municipal` → `2025 Municipal`.
fn election_name(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stores the drafts and submits each, in the caller's transaction.
async fn store_and_submit(
    tx: &mut Tx,
    policy: &Policy,
    actor: &Account,
    drafts_to_store: Vec<AnyDraft>,
    source: &str,
) -> AppResult<Vec<Imported>> {
    let mut created = Vec::new();
    let now = Timestamp::now().to_string();
    for d in drafts_to_store {
        if !workflow::may_act_on(tx, actor, d.kind(), d.slug().as_str()).await? {
            return Err(workflow::taken(d.slug().as_str()));
        }
        owners::claim(tx, d.kind(), d.slug().as_str(), d.jurisdiction().as_str()).await?;
        let draft_id = drafts::insert(tx, &d, &now).await?;
        drafts::add_editor(tx, d.kind(), draft_id, actor.id).await?;
        let (id, found) = workflow::submit_in(tx, policy, actor, d.kind(), draft_id, None, source).await?;
        let blocking = found.iter().filter(|f| f.severity == Severity::Block).count();
        created.push(Imported { id, kind: d.kind(), slug: d.slug().to_string(), findings: found.len(), blocking });
    }
    Ok(created)
}

/// Imports a spending file as `actor`: every row becomes an expenditure draft,
/// submitted for review, or nothing is stored.
pub async fn spending(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    bytes: &[u8],
    source: &str,
) -> Result<Vec<Imported>, ImportFailure> {
    workflow::require_active(actor)?;
    let mut tx = db.begin().await?;
    let rows = read_spending(&mut tx, policy, actor, bytes).await?.map_err(ImportFailure::Rows)?;
    let n = rows.len();
    let stored =
        store_and_submit(&mut tx, policy, actor, rows.into_iter().map(AnyDraft::Expenditure).collect(), source).await;
    let created = match stored {
        Ok(c) => c,
        Err(e) => return Err(crate::db::finish::<()>(tx, Err(e)).await.unwrap_err().into()),
    };
    let now = Timestamp::now().to_string();
    let subject = format!("{n} rows");
    let entry = NewEntry {
        actor: &actor.email,
        action: Action::ImportSpending,
        subject: &subject,
        detail: "all rows stored",
        source,
        office: Some(actor.office.as_str()),
    };
    activity::append(&mut tx, &now, &entry).await?;
    tx.commit().await.map_err(AppError::from)?;
    Ok(created)
}

/// Imports an audits file as `actor`, as [`spending`].
pub async fn audits(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    bytes: &[u8],
    source: &str,
) -> Result<Vec<Imported>, ImportFailure> {
    workflow::require_active(actor)?;
    let mut tx = db.begin().await?;
    let (audits, elections) = read_audits(&mut tx, policy, actor, bytes).await?.map_err(ImportFailure::Rows)?;
    for (slug, date) in &elections {
        reference::ensure_election(&mut tx, slug, &election_name(slug), date).await?;
    }
    let n = audits.len();
    let stored =
        store_and_submit(&mut tx, policy, actor, audits.into_iter().map(AnyDraft::Audit).collect(), source).await;
    let created = match stored {
        Ok(c) => c,
        Err(e) => return Err(crate::db::finish::<()>(tx, Err(e)).await.unwrap_err().into()),
    };
    let now = Timestamp::now().to_string();
    let subject = format!("{n} audits");
    let entry = NewEntry {
        actor: &actor.email,
        action: Action::ImportAudits,
        subject: &subject,
        detail: "all rows stored",
        source,
        office: Some(actor.office.as_str()),
    };
    activity::append(&mut tx, &now, &entry).await?;
    tx.commit().await.map_err(AppError::from)?;
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_election_names_come_from_text() {
        assert_eq!(slugify("2024-03-01-boone-county-Acme, Inc."), "2024-03-01-boone-county-acme-inc");
        assert_eq!(election_name("2025-municipal"), "2025 Municipal");
    }
}
