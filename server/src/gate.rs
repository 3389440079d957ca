//! The gate: the only bridge from draft records to the published tables.
//!
//! Each `publish_*` function reads a draft, builds its public projection by
//! destructuring the record field by field (no `..`: a new column does not compile
//! until someone decides whether it is public), checks the withholding, and writes
//! the next published version in one transaction.

use crate::clock::now_rfc3339;
use crate::db::{float_param, Db};
use crate::error::{AppError, AppResult};
use crate::markdown;
use crate::policy::Policy;
use crate::records::*;
use crate::scanner::{Finding, Scanner, Severity};
use sqlx::{Any, Transaction};

/// A draft to publish, by kind and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draft {
    Audit(i64),
    Grant(i64),
    Expenditure(i64),
    Update(i64),
}

/// Publishes a draft as the next version of its record: the one entry point that
/// the demo, the tests and (later) the officials' workflow call.
pub async fn publish(db: &Db, policy: &Policy, draft: Draft) -> AppResult<Published> {
    publish_version(db, policy, draft, None).await
}

/// Publishes a draft as a correction of its record: the next version, with the
/// public note that says what was corrected and why.
pub async fn publish_correction(db: &Db, policy: &Policy, draft: Draft, note: &str) -> AppResult<Published> {
    if note.trim().is_empty() {
        return Err(AppError::validation("correction_note", "a correction needs a public note saying what changed and why"));
    }
    publish_version(db, policy, draft, Some(note.trim())).await
}

async fn publish_version(db: &Db, policy: &Policy, draft: Draft, note: Option<&str>) -> AppResult<Published> {
    match draft {
        Draft::Audit(id) => publish_audit(db, policy, id, note).await,
        Draft::Grant(id) => publish_grant(db, policy, id, note).await,
        Draft::Expenditure(id) => publish_expenditure(db, policy, id, note).await,
        Draft::Update(id) => publish_update(db, policy, id, note).await,
    }
}

/// Retracts a published record: it leaves every list and its current address
/// shows a public tombstone with the reason; every version stays readable at its
/// permanent address. A retracted record stays retracted (publish anew under a
/// new slug).
pub async fn retract(db: &Db, kind: app::model::RecordKind, slug: &str, reason: &str) -> AppResult<i64> {
    use app::model::RecordKind;
    let reason = reason.trim();
    if reason.len() < 10 {
        return Err(AppError::validation("reason", "a retraction needs a public reason of at least a sentence"));
    }
    let table = crate::store::published_table(kind);
    let (jurisdiction_column, title_sql) = match kind {
        RecordKind::Audit => ("jurisdiction_slug", "(SELECT name FROM jurisdictions WHERE slug = p.jurisdiction_slug)"),
        RecordKind::Grant => ("recipient_slug", "p.program"),
        RecordKind::Expenditure => ("recipient_slug", "p.vendor"),
        RecordKind::Update => ("office_slug", "p.title"),
    };
    let mut tx = db.pool.begin().await?;
    let current: Option<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT p.version, p.{jurisdiction_column}, {title_sql} FROM {table} p WHERE p.slug = $1 AND p.is_current = 1"
    ))
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((version, jurisdiction, title)) = current else {
        return Err(AppError::validation("slug", format!("\"{slug}\" has no current published version to retract")));
    };
    sqlx::query(&format!("UPDATE {table} SET is_current = 0 WHERE slug = $1"))
        .bind(slug)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO published_retractions (record_kind, slug, last_version, retracted_at, reason, \
         jurisdiction_slug, title) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(kind.code())
    .bind(slug)
    .bind(version)
    .bind(now_rfc3339())
    .bind(reason)
    .bind(&jurisdiction)
    .bind(&title)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(version)
}

impl Draft {
    fn kind(self) -> &'static str {
        match self {
            Draft::Audit(_) => "audit",
            Draft::Grant(_) => "grant",
            Draft::Expenditure(_) => "expenditure",
            Draft::Update(_) => "update",
        }
    }

    fn id(self) -> i64 {
        match self {
            Draft::Audit(id) | Draft::Grant(id) | Draft::Expenditure(id) | Draft::Update(id) => id,
        }
    }
}

/// Records a reviewer's decision to publish despite one blocking finding, with the
/// written reason. Overrides are kept (who, why, when) and never shown to the public.
pub async fn override_finding(
    db: &Db,
    draft: Draft,
    finding: &Finding,
    reason: &str,
    reviewer: &str,
) -> AppResult<()> {
    if reason.trim().len() < 10 {
        return Err(AppError::validation(
            "reason",
            "write why this finding is safe to publish (at least a sentence)",
        ));
    }
    if reviewer.trim().is_empty() {
        return Err(AppError::validation("reviewer", "an override needs the reviewer's name"));
    }
    sqlx::query(
        "INSERT INTO scanner_overrides (draft_kind, draft_id, field, rule, excerpt, reason, reviewer, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(draft.kind())
    .bind(draft.id())
    .bind(&finding.field)
    .bind(finding.rule)
    .bind(&finding.excerpt)
    .bind(reason.trim())
    .bind(reviewer.trim())
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The public free-text fields of a draft, as (field, text): what the scanner reads.
async fn draft_texts(db: &Db, draft: Draft) -> AppResult<Vec<(String, String)>> {
    let queries: &[(&str, &str)] = match draft {
        Draft::Audit(_) => &[
            ("summary", "SELECT summary FROM draft_audits WHERE id = $1"),
            ("contest", "SELECT name FROM draft_audit_contests WHERE draft_id = $1 ORDER BY position"),
            ("winners", "SELECT winners FROM draft_audit_contests WHERE draft_id = $1 ORDER BY position"),
            (
                "candidate",
                "SELECT t.candidate FROM draft_contest_tallies t JOIN draft_audit_contests c \
                 ON c.id = t.contest_id WHERE c.draft_id = $1 ORDER BY c.position, t.position",
            ),
            ("document_title", "SELECT title FROM draft_audit_documents WHERE draft_id = $1 ORDER BY position"),
            ("document_url", "SELECT url FROM draft_audit_documents WHERE draft_id = $1 ORDER BY position"),
        ],
        Draft::Grant(_) => &[
            ("program", "SELECT program FROM draft_grants WHERE id = $1"),
            ("funder", "SELECT funder FROM draft_grants WHERE id = $1"),
            ("source", "SELECT source FROM draft_grants WHERE id = $1"),
        ],
        Draft::Expenditure(_) => &[
            ("vendor", "SELECT vendor FROM draft_expenditures WHERE id = $1"),
            ("description", "SELECT description FROM draft_expenditures WHERE id = $1"),
        ],
        Draft::Update(_) => &[
            ("title", "SELECT title FROM draft_updates WHERE id = $1"),
            ("body", "SELECT body_markdown FROM draft_updates WHERE id = $1"),
        ],
    };
    let mut texts = Vec::new();
    for (field, sql) in queries {
        let values: Vec<String> = sqlx::query_scalar(sql).bind(draft.id()).fetch_all(&db.pool).await?;
        texts.extend(values.into_iter().map(|v| (field.to_string(), v)));
    }
    Ok(texts)
}

/// Every finding in a draft's public free text, warnings included: what the
/// officials' workflow shows beside the text when a draft is submitted.
pub async fn scan_draft(db: &Db, policy: &Policy, draft: Draft) -> AppResult<Vec<Finding>> {
    let scanner = Scanner::new(policy);
    Ok(draft_texts(db, draft)
        .await?
        .iter()
        .flat_map(|(field, text)| scanner.scan(field, text))
        .collect())
}

/// The blocking findings in a draft that no reviewer has overridden.
pub async fn unresolved_findings(db: &Db, policy: &Policy, draft: Draft) -> AppResult<Vec<Finding>> {
    Ok(findings_and_unresolved(db, policy, draft).await?.1)
}

/// Every finding in a draft (one scan), and the blocking ones no reviewer has overridden.
pub async fn findings_and_unresolved(db: &Db, policy: &Policy, draft: Draft) -> AppResult<(Vec<Finding>, Vec<Finding>)> {
    let findings = scan_draft(db, policy, draft).await?;
    let overrides: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT field, rule, excerpt FROM scanner_overrides WHERE draft_kind = $1 AND draft_id = $2",
    )
    .bind(draft.kind())
    .bind(draft.id())
    .fetch_all(&db.pool)
    .await?;
    let unresolved = findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .filter(|f| !overrides.iter().any(|(field, rule, excerpt)| *field == f.field && rule == f.rule && *excerpt == f.excerpt))
        .cloned()
        .collect();
    Ok((findings, unresolved))
}

/// Scans a draft's public free-text fields; blocking findings that no reviewer has
/// overridden refuse the publication.
async fn scan_or_refuse(db: &Db, policy: &Policy, draft: Draft) -> AppResult<()> {
    let blocking = unresolved_findings(db, policy, draft).await?;
    if !blocking.is_empty() {
        let list: Vec<String> = blocking
            .iter()
            .map(|f| format!("{} (characters {}–{}): {} — {}", f.field, f.start + 1, f.end, f.rule, f.hint))
            .collect();
        return Err(AppError::validation(
            "scanner",
            format!(
                "publication refused: the scanner found {} defensive detail(s): {}. Fix the text, or have a \
                 reviewer override each finding with a written reason.",
                blocking.len(),
                list.join("; ")
            ),
        ));
    }
    Ok(())
}

/// What a publication produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub slug: String,
    pub version: i64,
}

/// A withholding as it will be published: never the detail itself.
#[derive(Debug)]
struct Withholding {
    detail: &'static str,
    basis_citation: String,
    basis_description: String,
    statement: String,
}

/// Checks a restricted detail's withholding. An empty detail withholds nothing; a
/// non-empty one needs a basis the policy knows and the written statement.
fn withholding(
    policy: &Policy,
    kind: &str,
    detail: &'static str,
    value: &Restricted<String>,
    basis: &str,
    statement: &str,
) -> AppResult<Option<Withholding>> {
    if value.is_empty() {
        return Ok(None);
    }
    let field = format!("{kind}.{detail}");
    if !policy.may_withhold(&field) {
        return Err(AppError::validation(
            detail,
            format!("the policy ({}) keeps {field} open, so it cannot be withheld; publish it or remove it", policy.name),
        ));
    }
    let known = policy.bases.iter().map(|b| b.citation.as_str()).collect::<Vec<_>>().join(", ");
    let basis = policy.basis(basis).ok_or_else(|| {
        AppError::validation(
            "withholding_basis",
            if basis.trim().is_empty() {
                format!("security details are withheld, so name the legal basis ({known})")
            } else {
                format!("\"{}\" is not a basis in the policy; use one of {known}", basis.trim())
            },
        )
    })?;
    if basis.requires_statement && statement.trim().is_empty() {
        return Err(AppError::validation(
            "withholding_statement",
            "security details are withheld, so write the statement the law requires: why disclosure \
             would impair the office's ability to protect persons or property",
        ));
    }
    Ok(Some(Withholding {
        detail,
        basis_citation: basis.citation.to_string(),
        basis_description: basis.description.to_string(),
        statement: statement.trim().to_string(),
    }))
}

/// The next version number for a slug, and marks earlier versions as not current.
/// A first version has no correction note; every later one must have one.
async fn next_version(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    slug: &str,
    note: Option<&str>,
) -> AppResult<i64> {
    let retracted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM published_retractions WHERE slug = $1 AND record_kind = $2",
    )
    .bind(slug)
    .bind(table.trim_start_matches("published_").trim_end_matches('s'))
    .fetch_one(&mut **tx)
    .await?;
    if retracted > 0 {
        return Err(AppError::validation("slug", format!("\"{slug}\" was retracted; publish it under a new slug")));
    }
    let sql = format!("SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM {table} WHERE slug = $1");
    let last: i64 = sqlx::query_scalar(&sql).bind(slug).fetch_one(&mut **tx).await?;
    match (last, note) {
        (0, Some(_)) => {
            return Err(AppError::validation("correction_note", format!("\"{slug}\" has no published version to correct")))
        }
        (n, None) if n > 0 => {
            return Err(AppError::validation(
                "correction_note",
                format!("\"{slug}\" is already published (version {n}); publish a correction with a public note"),
            ))
        }
        _ => {}
    }
    let sql = format!("UPDATE {table} SET is_current = 0 WHERE slug = $1 AND is_current = 1");
    sqlx::query(&sql).bind(slug).execute(&mut **tx).await?;
    Ok(last + 1)
}

async fn write_withholdings(
    tx: &mut Transaction<'_, Any>,
    kind: &str,
    slug: &str,
    version: i64,
    items: &[Withholding],
) -> AppResult<()> {
    for (pos, w) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO published_withholdings (record_kind, slug, version, position, detail, \
             basis_citation, basis_description, statement) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(kind)
        .bind(slug)
        .bind(version)
        .bind(pos as i64)
        .bind(w.detail)
        .bind(&w.basis_citation)
        .bind(&w.basis_description)
        .bind(&w.statement)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn publish_audit(db: &Db, policy: &Policy, draft_id: i64, note: Option<&str>) -> AppResult<Published> {
    let record: AuditDraftRecord = sqlx::query_as(
        "SELECT id, slug, election_slug, jurisdiction_slug, audit_type, math, risk_limit_pct, seed, \
         started_on, completed_on, outcome, summary, security_details, withholding_basis, \
         withholding_statement, internal_notes, created_at, updated_at \
         FROM draft_audits WHERE id = $1",
    )
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let AuditDraftRecord {
        id,
        slug,
        election_slug,
        jurisdiction_slug,
        audit_type,
        math,
        risk_limit_pct,
        seed,
        started_on,
        completed_on,
        outcome,
        summary,
        security_details,
        withholding_basis,
        withholding_statement,
        internal_notes: _,
        created_at: _,
        updated_at: _,
    } = record;
    let withheld: Vec<Withholding> = withholding(
        policy,
        "audit",
        "security_details",
        &security_details,
        &withholding_basis,
        &withholding_statement,
    )?
    .into_iter()
    .collect();

    let contests: Vec<ContestDraftRecord> = sqlx::query_as(
        "SELECT id, draft_id, position, name, winners, votes_allowed, ballots_cast, sample_size, \
         o1, o2, u1, u2, p_value, risk_limit_met FROM draft_audit_contests WHERE draft_id = $1 \
         ORDER BY position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let tallies: Vec<TallyDraftRecord> = sqlx::query_as(
        "SELECT t.contest_id, t.position, t.candidate, t.reported_votes, t.audited_votes \
         FROM draft_contest_tallies t JOIN draft_audit_contests c ON c.id = t.contest_id \
         WHERE c.draft_id = $1 ORDER BY t.contest_id, t.position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let documents: Vec<DocumentDraftRecord> = sqlx::query_as(
        "SELECT draft_id, position, title, url, sha256 FROM draft_audit_documents \
         WHERE draft_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;

    scan_or_refuse(db, policy, Draft::Audit(id)).await?;

    let now = now_rfc3339();
    let mut tx = db.pool.begin().await?;
    let version = next_version(&mut tx, "published_audits", &slug, note).await?;
    sqlx::query(
        "INSERT INTO published_audits (slug, version, is_current, published_at, election_slug, \
         jurisdiction_slug, audit_type, math, risk_limit_pct, seed, started_on, completed_on, \
         outcome, summary, withheld_count, correction_note) \
         VALUES ($1, $2, 1, $3, $4, $5, $6, $7, CAST($8 AS DOUBLE PRECISION), $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&slug)
    .bind(version)
    .bind(&now)
    .bind(&election_slug)
    .bind(&jurisdiction_slug)
    .bind(&audit_type)
    .bind(&math)
    .bind(float_param(risk_limit_pct))
    .bind(&seed)
    .bind(&started_on)
    .bind(&completed_on)
    .bind(&outcome)
    .bind(&summary)
    .bind(withheld.len() as i64)
    .bind(note)
    .execute(&mut *tx)
    .await?;
    for c in contests {
        let ContestDraftRecord {
            id: contest_id,
            draft_id: _,
            position,
            name,
            winners,
            votes_allowed,
            ballots_cast,
            sample_size,
            o1,
            o2,
            u1,
            u2,
            p_value,
            risk_limit_met,
        } = c;
        sqlx::query(
            "INSERT INTO published_audit_contests (audit_slug, version, position, name, winners, \
             votes_allowed, ballots_cast, sample_size, o1, o2, u1, u2, p_value, risk_limit_met) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, CAST($13 AS DOUBLE PRECISION), $14)",
        )
        .bind(&slug)
        .bind(version)
        .bind(position)
        .bind(&name)
        .bind(&winners)
        .bind(votes_allowed)
        .bind(ballots_cast)
        .bind(sample_size)
        .bind(o1)
        .bind(o2)
        .bind(u1)
        .bind(u2)
        .bind(float_param(p_value))
        .bind(risk_limit_met)
        .execute(&mut *tx)
        .await?;
        for t in tallies.iter().filter(|t| t.contest_id == contest_id) {
            let TallyDraftRecord { contest_id: _, position: tally_position, candidate, reported_votes, audited_votes } = t;
            sqlx::query(
                "INSERT INTO published_contest_tallies (audit_slug, version, contest_position, \
                 position, candidate, reported_votes, audited_votes) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&slug)
            .bind(version)
            .bind(position)
            .bind(*tally_position)
            .bind(candidate)
            .bind(*reported_votes)
            .bind(*audited_votes)
            .execute(&mut *tx)
            .await?;
        }
    }
    for d in documents {
        let DocumentDraftRecord { draft_id: _, position, title, url, sha256 } = d;
        sqlx::query(
            "INSERT INTO published_audit_documents (audit_slug, version, position, title, url, sha256) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&slug)
        .bind(version)
        .bind(position)
        .bind(&title)
        .bind(&url)
        .bind(&sha256)
        .execute(&mut *tx)
        .await?;
    }
    write_withholdings(&mut tx, "audit", &slug, version, &withheld).await?;
    tx.commit().await?;
    Ok(Published { slug, version })
}

async fn publish_grant(db: &Db, policy: &Policy, draft_id: i64, note: Option<&str>) -> AppResult<Published> {
    let record: GrantDraftRecord = sqlx::query_as(
        "SELECT id, slug, program, funder, recipient_slug, federal_cents, match_cents, award_date, \
         period_start, period_end, source, created_at, updated_at FROM draft_grants WHERE id = $1",
    )
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let GrantDraftRecord {
        id: _,
        slug,
        program,
        funder,
        recipient_slug,
        federal_cents,
        match_cents,
        award_date,
        period_start,
        period_end,
        source,
        created_at: _,
        updated_at: _,
    } = record;
    scan_or_refuse(db, policy, Draft::Grant(draft_id)).await?;
    let now = now_rfc3339();
    let mut tx = db.pool.begin().await?;
    let version = next_version(&mut tx, "published_grants", &slug, note).await?;
    sqlx::query(
        "INSERT INTO published_grants (slug, version, is_current, published_at, program, funder, \
         recipient_slug, federal_cents, match_cents, award_date, period_start, period_end, source, correction_note) \
         VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&slug)
    .bind(version)
    .bind(&now)
    .bind(&program)
    .bind(&funder)
    .bind(&recipient_slug)
    .bind(federal_cents)
    .bind(match_cents)
    .bind(&award_date)
    .bind(&period_start)
    .bind(&period_end)
    .bind(&source)
    .bind(note)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Published { slug, version })
}

async fn publish_expenditure(db: &Db, policy: &Policy, draft_id: i64, note: Option<&str>) -> AppResult<Published> {
    let record: ExpenditureDraftRecord = sqlx::query_as(
        "SELECT id, slug, grant_slug, recipient_slug, category, federal_cents, match_cents, spent_on, \
         vendor, description, security_details, withholding_basis, withholding_statement, \
         internal_notes, created_at, updated_at FROM draft_expenditures WHERE id = $1",
    )
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let ExpenditureDraftRecord {
        id: _,
        slug,
        grant_slug,
        recipient_slug,
        category,
        federal_cents,
        match_cents,
        spent_on,
        vendor,
        description,
        security_details,
        withholding_basis,
        withholding_statement,
        internal_notes: _,
        created_at: _,
        updated_at: _,
    } = record;
    let withheld: Vec<Withholding> = withholding(
        policy,
        "expenditure",
        "security_details",
        &security_details,
        &withholding_basis,
        &withholding_statement,
    )?
    .into_iter()
    .collect();
    scan_or_refuse(db, policy, Draft::Expenditure(draft_id)).await?;
    let now = now_rfc3339();
    let mut tx = db.pool.begin().await?;
    let grant_exists: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM published_grants WHERE slug = $1 AND is_current = 1")
            .bind(&grant_slug)
            .fetch_one(&mut *tx)
            .await?;
    if grant_exists == 0 {
        return Err(AppError::validation(
            "grant",
            format!("there is no published grant \"{grant_slug}\"; publish the grant first"),
        ));
    }
    let version = next_version(&mut tx, "published_expenditures", &slug, note).await?;
    sqlx::query(
        "INSERT INTO published_expenditures (slug, version, is_current, published_at, grant_slug, \
         recipient_slug, category, federal_cents, match_cents, spent_on, vendor, description, \
         withheld_count, correction_note) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&slug)
    .bind(version)
    .bind(&now)
    .bind(&grant_slug)
    .bind(&recipient_slug)
    .bind(&category)
    .bind(federal_cents)
    .bind(match_cents)
    .bind(&spent_on)
    .bind(&vendor)
    .bind(&description)
    .bind(withheld.len() as i64)
    .bind(note)
    .execute(&mut *tx)
    .await?;
    write_withholdings(&mut tx, "expenditure", &slug, version, &withheld).await?;
    tx.commit().await?;
    Ok(Published { slug, version })
}

async fn publish_update(db: &Db, policy: &Policy, draft_id: i64, note: Option<&str>) -> AppResult<Published> {
    let record: UpdateDraftRecord = sqlx::query_as(
        "SELECT id, slug, title, body_markdown, office_slug, update_date, internal_notes, \
         created_at, updated_at FROM draft_updates WHERE id = $1",
    )
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let UpdateDraftRecord {
        id: _,
        slug,
        title,
        body_markdown,
        office_slug,
        update_date,
        internal_notes: _,
        created_at: _,
        updated_at: _,
    } = record;
    scan_or_refuse(db, policy, Draft::Update(draft_id)).await?;
    let body_html = markdown::render(&body_markdown);
    let now = now_rfc3339();
    let mut tx = db.pool.begin().await?;
    let version = next_version(&mut tx, "published_updates", &slug, note).await?;
    sqlx::query(
        "INSERT INTO published_updates (slug, version, is_current, published_at, title, body_html, \
         office_slug, update_date, correction_note) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&slug)
    .bind(version)
    .bind(&now)
    .bind(&title)
    .bind(&body_html)
    .bind(&office_slug)
    .bind(&update_date)
    .bind(note)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Published { slug, version })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Restricted<String> {
        Restricted::new(s.to_string())
    }

    #[test]
    fn empty_detail_withholds_nothing() {
        let p = Policy::missouri();
        assert!(withholding(&p, "audit", "security_details", &r("  "), "", "").unwrap().is_none());
    }

    #[test]
    fn withholding_needs_basis_and_statement() {
        let p = Policy::missouri();
        let err = withholding(&p, "audit", "security_details", &r("x"), "", "because").unwrap_err();
        assert!(err.to_string().contains("name the legal basis"), "{err}");
        let err = withholding(&p, "audit", "security_details", &r("x"), "RSMo 1.2", "because").unwrap_err();
        assert!(err.to_string().contains("not a basis"), "{err}");
        let err = withholding(&p, "audit", "security_details", &r("x"), "RSMo 610.021(21)", " ").unwrap_err();
        assert!(err.to_string().contains("statement"), "{err}");
        let w = withholding(&p, "audit", "security_details", &r("x"), "RSMo 610.021(21)", "Impairs.")
            .unwrap()
            .unwrap();
        assert_eq!(w.basis_citation, "RSMo 610.021(21)");
    }

    #[test]
    fn a_field_the_policy_keeps_open_cannot_be_withheld() {
        let mut p = Policy::missouri();
        p.withholdable.retain(|f| f != "audit.security_details");
        p.always_open.push("audit.security_details".into());
        let err = withholding(&p, "audit", "security_details", &r("x"), "RSMo 610.021(21)", "Impairs.")
            .unwrap_err();
        assert!(err.to_string().contains("keeps audit.security_details open"), "{err}");
    }
}
