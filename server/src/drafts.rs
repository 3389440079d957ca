//! Creating drafts: every field, restricted ones included, checked before storing.
//! (The officials' workflow builds on these; the demo and the tests use them too.)

use crate::clock::now_rfc3339;
use crate::db::{float_param, Db};
use crate::error::{AppError, AppResult};
use app::format::parse_iso_date;
use app::model::{is_slug, AuditMath, AuditType, Category, Outcome};

#[derive(Clone, Debug, Default)]
pub struct NewTally {
    pub candidate: String,
    pub reported_votes: i64,
    pub audited_votes: Option<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct NewContest {
    pub name: String,
    pub winners: Vec<String>,
    pub votes_allowed: i64,
    pub ballots_cast: i64,
    pub tallies: Vec<NewTally>,
    pub sample_size: Option<i64>,
    pub o1: Option<i64>,
    pub o2: Option<i64>,
    pub u1: Option<i64>,
    pub u2: Option<i64>,
    pub p_value: Option<f64>,
    pub risk_limit_met: Option<bool>,
}

#[derive(Clone, Debug, Default)]
pub struct NewDocument {
    pub title: String,
    pub url: String,
    pub sha256: String,
}

/// Restricted input: the detail, and the basis and statement that justify withholding it.
#[derive(Clone, Debug, Default)]
pub struct NewWithholding {
    pub security_details: String,
    pub withholding_basis: String,
    pub withholding_statement: String,
    pub internal_notes: String,
}

#[derive(Clone, Debug)]
pub struct NewAudit {
    pub slug: String,
    pub election_slug: String,
    pub jurisdiction_slug: String,
    pub audit_type: AuditType,
    pub math: AuditMath,
    pub risk_limit_pct: Option<f64>,
    pub seed: Option<String>,
    pub started_on: Option<String>,
    pub completed_on: Option<String>,
    pub outcome: Outcome,
    pub summary: String,
    pub contests: Vec<NewContest>,
    pub documents: Vec<NewDocument>,
    pub restricted: NewWithholding,
}

#[derive(Clone, Debug)]
pub struct NewGrant {
    pub slug: String,
    pub program: String,
    pub funder: String,
    pub recipient_slug: String,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub award_date: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub source: String,
}

#[derive(Clone, Debug)]
pub struct NewExpenditure {
    pub slug: String,
    pub grant_slug: String,
    pub recipient_slug: String,
    pub category: Category,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub spent_on: String,
    pub vendor: String,
    pub description: String,
    pub restricted: NewWithholding,
}

#[derive(Clone, Debug)]
pub struct NewUpdate {
    pub slug: String,
    pub title: String,
    pub body_markdown: String,
    pub office_slug: String,
    pub update_date: String,
    pub internal_notes: String,
}

fn check_slug(field: &str, s: &str) -> AppResult<()> {
    if is_slug(s) {
        Ok(())
    } else {
        Err(AppError::validation(field, "use lower-case letters, digits and hyphens only"))
    }
}

fn check_date(field: &str, s: &str) -> AppResult<()> {
    parse_iso_date(s)
        .map(|_| ())
        .ok_or_else(|| AppError::validation(field, format!("\"{s}\" is not a date like 2024-11-05")))
}

fn check_optional_date(field: &str, s: &Option<String>) -> AppResult<()> {
    s.as_deref().map_or(Ok(()), |d| check_date(field, d))
}

fn check_text(field: &str, s: &str) -> AppResult<()> {
    if s.trim().is_empty() {
        Err(AppError::validation(field, "must not be empty"))
    } else {
        Ok(())
    }
}

fn check_amount(field: &str, cents: i64) -> AppResult<()> {
    if cents < 0 {
        Err(AppError::validation(field, "must not be negative"))
    } else {
        Ok(())
    }
}

async fn reference_exists(db: &Db, table: &str, field: &str, slug: &str) -> AppResult<()> {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE slug = $1");
    let n: i64 = sqlx::query_scalar(&sql).bind(slug).fetch_one(&db.pool).await?;
    if n == 0 {
        return Err(AppError::validation(field, format!("there is no {field} \"{slug}\"")));
    }
    Ok(())
}

pub async fn create_audit(db: &Db, a: &NewAudit) -> AppResult<i64> {
    check_audit(db, a).await?;
    let mut tx = db.pool.begin().await?;
    let id = insert_audit(&mut tx, a).await?;
    tx.commit().await?;
    Ok(id)
}

/// Checks an audit draft's fields and references, without storing anything.
pub async fn check_audit(db: &Db, a: &NewAudit) -> AppResult<()> {
    check_audit_fields(a)?;
    reference_exists(db, "elections", "election", &a.election_slug).await?;
    reference_exists(db, "jurisdictions", "jurisdiction", &a.jurisdiction_slug).await?;
    Ok(())
}

/// The checks of an audit draft that need no database.
pub fn check_audit_fields(a: &NewAudit) -> AppResult<()> {
    check_slug("slug", &a.slug)?;
    check_optional_date("started_on", &a.started_on)?;
    check_optional_date("completed_on", &a.completed_on)?;
    check_text("summary", &a.summary)?;
    if let Some(r) = a.risk_limit_pct {
        if !(r > 0.0 && r < 100.0) {
            return Err(AppError::validation("risk_limit", "must be a percentage between 0 and 100"));
        }
    }
    for c in &a.contests {
        check_text("contest", &c.name)?;
        if let Some(p) = c.p_value {
            if !(0.0..=1.0).contains(&p) {
                return Err(AppError::validation("p_value", "must be between 0 and 1"));
            }
        }
    }
    Ok(())
}

/// Stores a checked audit draft inside the caller's transaction.
pub async fn insert_audit(tx: &mut sqlx::Transaction<'_, sqlx::Any>, a: &NewAudit) -> AppResult<i64> {
    let now = now_rfc3339();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO draft_audits (slug, election_slug, jurisdiction_slug, audit_type, math, \
         risk_limit_pct, seed, started_on, completed_on, outcome, summary, security_details, \
         withholding_basis, withholding_statement, internal_notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, CAST($6 AS DOUBLE PRECISION), $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) \
         RETURNING id",
    )
    .bind(&a.slug)
    .bind(&a.election_slug)
    .bind(&a.jurisdiction_slug)
    .bind(a.audit_type.code())
    .bind(a.math.code())
    .bind(float_param(a.risk_limit_pct))
    .bind(&a.seed)
    .bind(&a.started_on)
    .bind(&a.completed_on)
    .bind(a.outcome.code())
    .bind(&a.summary)
    .bind(&a.restricted.security_details)
    .bind(&a.restricted.withholding_basis)
    .bind(&a.restricted.withholding_statement)
    .bind(&a.restricted.internal_notes)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    insert_contests(tx, id, &a.contests).await?;
    for (pos, d) in a.documents.iter().enumerate() {
        sqlx::query(
            "INSERT INTO draft_audit_documents (draft_id, position, title, url, sha256) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(pos as i64)
        .bind(&d.title)
        .bind(&d.url)
        .bind(&d.sha256)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

pub async fn create_grant(db: &Db, g: &NewGrant) -> AppResult<i64> {
    check_slug("slug", &g.slug)?;
    check_text("program", &g.program)?;
    check_text("funder", &g.funder)?;
    check_amount("federal_amount", g.federal_cents)?;
    check_amount("match_amount", g.match_cents)?;
    check_date("award_date", &g.award_date)?;
    check_optional_date("period_start", &g.period_start)?;
    check_optional_date("period_end", &g.period_end)?;
    reference_exists(db, "jurisdictions", "recipient", &g.recipient_slug).await?;
    let now = now_rfc3339();
    let id = sqlx::query_scalar(
        "INSERT INTO draft_grants (slug, program, funder, recipient_slug, federal_cents, match_cents, \
         award_date, period_start, period_end, source, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(&g.slug)
    .bind(&g.program)
    .bind(&g.funder)
    .bind(&g.recipient_slug)
    .bind(g.federal_cents)
    .bind(g.match_cents)
    .bind(&g.award_date)
    .bind(&g.period_start)
    .bind(&g.period_end)
    .bind(&g.source)
    .bind(&now)
    .fetch_one(&db.pool)
    .await?;
    Ok(id)
}

pub async fn create_expenditure(db: &Db, e: &NewExpenditure) -> AppResult<i64> {
    check_expenditure(db, e).await?;
    let mut tx = db.pool.begin().await?;
    let id = insert_expenditure(&mut tx, e).await?;
    tx.commit().await?;
    Ok(id)
}

/// Checks an expenditure draft's fields and references, without storing anything.
pub async fn check_expenditure(db: &Db, e: &NewExpenditure) -> AppResult<()> {
    check_expenditure_fields(e)?;
    reference_exists(db, "jurisdictions", "recipient", &e.recipient_slug).await?;
    Ok(())
}

/// The checks of an expenditure draft that need no database.
pub fn check_expenditure_fields(e: &NewExpenditure) -> AppResult<()> {
    check_slug("slug", &e.slug)?;
    check_slug("grant", &e.grant_slug)?;
    check_amount("federal_amount", e.federal_cents)?;
    check_amount("match_amount", e.match_cents)?;
    check_date("date", &e.spent_on)?;
    check_text("vendor", &e.vendor)?;
    check_text("description", &e.description)?;
    Ok(())
}

/// Stores a checked expenditure draft inside the caller's transaction.
pub async fn insert_expenditure(tx: &mut sqlx::Transaction<'_, sqlx::Any>, e: &NewExpenditure) -> AppResult<i64> {
    let now = now_rfc3339();
    let id = sqlx::query_scalar(
        "INSERT INTO draft_expenditures (slug, grant_slug, recipient_slug, category, federal_cents, \
         match_cents, spent_on, vendor, description, security_details, withholding_basis, \
         withholding_statement, internal_notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
    )
    .bind(&e.slug)
    .bind(&e.grant_slug)
    .bind(&e.recipient_slug)
    .bind(e.category.code())
    .bind(e.federal_cents)
    .bind(e.match_cents)
    .bind(&e.spent_on)
    .bind(&e.vendor)
    .bind(&e.description)
    .bind(&e.restricted.security_details)
    .bind(&e.restricted.withholding_basis)
    .bind(&e.restricted.withholding_statement)
    .bind(&e.restricted.internal_notes)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn create_update(db: &Db, u: &NewUpdate) -> AppResult<i64> {
    check_slug("slug", &u.slug)?;
    check_text("title", &u.title)?;
    check_text("body", &u.body_markdown)?;
    check_date("date", &u.update_date)?;
    reference_exists(db, "jurisdictions", "office", &u.office_slug).await?;
    let now = now_rfc3339();
    let id = sqlx::query_scalar(
        "INSERT INTO draft_updates (slug, title, body_markdown, office_slug, update_date, \
         internal_notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(&u.slug)
    .bind(&u.title)
    .bind(&u.body_markdown)
    .bind(&u.office_slug)
    .bind(&u.update_date)
    .bind(&u.internal_notes)
    .bind(&now)
    .fetch_one(&db.pool)
    .await?;
    Ok(id)
}

/// Adds or keeps a jurisdiction (reference data; public).
pub async fn ensure_jurisdiction(db: &Db, slug: &str, name: &str, kind: &str, fips: &str) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO jurisdictions (slug, name, kind, fips) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (slug) DO NOTHING",
    )
    .bind(slug)
    .bind(name)
    .bind(kind)
    .bind(fips)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Adds or keeps an election (reference data; public).
pub async fn ensure_election(db: &Db, slug: &str, name: &str, date: &str) -> AppResult<()> {
    check_date("election_date", date)?;
    sqlx::query(
        "INSERT INTO elections (slug, name, election_date) VALUES ($1, $2, $3) \
         ON CONFLICT (slug) DO NOTHING",
    )
    .bind(slug)
    .bind(name)
    .bind(date)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Sets a public site setting (office name, sample-data flag).
pub async fn set_site_setting(db: &Db, key: &str, value: &str) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO site_settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// An update draft's fields, for the officials' edit form.
pub async fn load_update(db: &Db, id: i64) -> AppResult<Option<NewUpdate>> {
    let row: Option<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT slug, title, body_markdown, office_slug, update_date, internal_notes FROM draft_updates WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(slug, title, body_markdown, office_slug, update_date, internal_notes)| NewUpdate {
        slug,
        title,
        body_markdown,
        office_slug,
        update_date,
        internal_notes,
    }))
}

/// Saves an edited update draft (its slug stays).
pub async fn edit_update(db: &Db, id: i64, u: &NewUpdate) -> AppResult<()> {
    check_text("title", &u.title)?;
    check_text("body", &u.body_markdown)?;
    check_date("date", &u.update_date)?;
    reference_exists(db, "jurisdictions", "office", &u.office_slug).await?;
    sqlx::query(
        "UPDATE draft_updates SET title = $1, body_markdown = $2, office_slug = $3, update_date = $4, \
         internal_notes = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(&u.title)
    .bind(&u.body_markdown)
    .bind(&u.office_slug)
    .bind(&u.update_date)
    .bind(&u.internal_notes)
    .bind(now_rfc3339())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// An expenditure draft's fields, restricted ones included, for the edit form.
pub async fn load_expenditure(db: &Db, id: i64) -> AppResult<Option<NewExpenditure>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        slug: String,
        grant_slug: String,
        recipient_slug: String,
        category: String,
        federal_cents: i64,
        match_cents: i64,
        spent_on: String,
        vendor: String,
        description: String,
        security_details: String,
        withholding_basis: String,
        withholding_statement: String,
        internal_notes: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT slug, grant_slug, recipient_slug, category, federal_cents, match_cents, spent_on, vendor, \
         description, security_details, withholding_basis, withholding_statement, internal_notes \
         FROM draft_expenditures WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| NewExpenditure {
        slug: r.slug,
        grant_slug: r.grant_slug,
        recipient_slug: r.recipient_slug,
        category: Category::from_code(&r.category).unwrap_or(Category::Other),
        federal_cents: r.federal_cents,
        match_cents: r.match_cents,
        spent_on: r.spent_on,
        vendor: r.vendor,
        description: r.description,
        restricted: NewWithholding {
            security_details: r.security_details,
            withholding_basis: r.withholding_basis,
            withholding_statement: r.withholding_statement,
            internal_notes: r.internal_notes,
        },
    }))
}

/// Saves an edited expenditure draft (its slug stays).
pub async fn edit_expenditure(db: &Db, id: i64, e: &NewExpenditure) -> AppResult<()> {
    check_expenditure(db, e).await?;
    sqlx::query(
        "UPDATE draft_expenditures SET grant_slug = $1, recipient_slug = $2, category = $3, federal_cents = $4, \
         match_cents = $5, spent_on = $6, vendor = $7, description = $8, security_details = $9, \
         withholding_basis = $10, withholding_statement = $11, internal_notes = $12, updated_at = $13 WHERE id = $14",
    )
    .bind(&e.grant_slug)
    .bind(&e.recipient_slug)
    .bind(e.category.code())
    .bind(e.federal_cents)
    .bind(e.match_cents)
    .bind(&e.spent_on)
    .bind(&e.vendor)
    .bind(&e.description)
    .bind(&e.restricted.security_details)
    .bind(&e.restricted.withholding_basis)
    .bind(&e.restricted.withholding_statement)
    .bind(&e.restricted.internal_notes)
    .bind(now_rfc3339())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Stores an audit draft's contests and their tallies.
async fn insert_contests(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, contests: &[NewContest]) -> AppResult<()> {
    for (pos, c) in contests.iter().enumerate() {
        let winners = serde_json::to_string(&c.winners).expect("a list of names serialises");
        let contest_id: i64 = sqlx::query_scalar(
            "INSERT INTO draft_audit_contests (draft_id, position, name, winners, votes_allowed, \
             ballots_cast, sample_size, o1, o2, u1, u2, p_value, risk_limit_met) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CAST($12 AS DOUBLE PRECISION), $13) RETURNING id",
        )
        .bind(id)
        .bind(pos as i64)
        .bind(&c.name)
        .bind(winners)
        .bind(c.votes_allowed)
        .bind(c.ballots_cast)
        .bind(c.sample_size)
        .bind(c.o1)
        .bind(c.o2)
        .bind(c.u1)
        .bind(c.u2)
        .bind(float_param(c.p_value))
        .bind(c.risk_limit_met.map(i64::from))
        .fetch_one(&mut **tx)
        .await?;
        for (tpos, t) in c.tallies.iter().enumerate() {
            sqlx::query(
                "INSERT INTO draft_contest_tallies (contest_id, position, candidate, reported_votes, \
                 audited_votes) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(contest_id)
            .bind(tpos as i64)
            .bind(&t.candidate)
            .bind(t.reported_votes)
            .bind(t.audited_votes)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// A grant draft's fields, for the officials' edit form.
pub async fn load_grant(db: &Db, id: i64) -> AppResult<Option<NewGrant>> {
    let row: Option<(String, String, String, String, i64, i64, String, Option<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT slug, program, funder, recipient_slug, federal_cents, match_cents, award_date, period_start, period_end, source \
         FROM draft_grants WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(slug, program, funder, recipient_slug, federal_cents, match_cents, award_date, period_start, period_end, source)| NewGrant {
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
    }))
}

/// Saves an edited grant draft (its slug stays).
pub async fn edit_grant(db: &Db, id: i64, g: &NewGrant) -> AppResult<()> {
    check_text("program", &g.program)?;
    check_text("funder", &g.funder)?;
    check_amount("federal_amount", g.federal_cents)?;
    check_amount("match_amount", g.match_cents)?;
    check_date("award_date", &g.award_date)?;
    check_optional_date("period_start", &g.period_start)?;
    check_optional_date("period_end", &g.period_end)?;
    reference_exists(db, "jurisdictions", "recipient", &g.recipient_slug).await?;
    sqlx::query(
        "UPDATE draft_grants SET program = $1, funder = $2, recipient_slug = $3, federal_cents = $4, match_cents = $5, \
         award_date = $6, period_start = $7, period_end = $8, source = $9, updated_at = $10 WHERE id = $11",
    )
    .bind(&g.program)
    .bind(&g.funder)
    .bind(&g.recipient_slug)
    .bind(g.federal_cents)
    .bind(g.match_cents)
    .bind(&g.award_date)
    .bind(&g.period_start)
    .bind(&g.period_end)
    .bind(&g.source)
    .bind(now_rfc3339())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// An audit draft with its contests and documents, restricted fields included.
pub async fn load_audit(db: &Db, id: i64) -> AppResult<Option<NewAudit>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        slug: String,
        election_slug: String,
        jurisdiction_slug: String,
        audit_type: String,
        math: String,
        risk_limit_pct: Option<f64>,
        seed: Option<String>,
        started_on: Option<String>,
        completed_on: Option<String>,
        outcome: String,
        summary: String,
        security_details: String,
        withholding_basis: String,
        withholding_statement: String,
        internal_notes: String,
    }
    let Some(r): Option<Row> = sqlx::query_as(
        "SELECT slug, election_slug, jurisdiction_slug, audit_type, math, risk_limit_pct, seed, started_on, completed_on, \
         outcome, summary, security_details, withholding_basis, withholding_statement, internal_notes FROM draft_audits WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    #[derive(sqlx::FromRow)]
    struct ContestRow {
        id: i64,
        name: String,
        winners: String,
        votes_allowed: i64,
        ballots_cast: i64,
        sample_size: Option<i64>,
        o1: Option<i64>,
        o2: Option<i64>,
        u1: Option<i64>,
        u2: Option<i64>,
        p_value: Option<f64>,
        risk_limit_met: Option<i64>,
    }
    let rows: Vec<ContestRow> = sqlx::query_as(
        "SELECT id, name, winners, votes_allowed, ballots_cast, sample_size, o1, o2, u1, u2, p_value, risk_limit_met \
         FROM draft_audit_contests WHERE draft_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut contests = Vec::new();
    for c in rows {
        let tallies: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT candidate, reported_votes, audited_votes FROM draft_contest_tallies WHERE contest_id = $1 ORDER BY position",
        )
        .bind(c.id)
        .fetch_all(&db.pool)
        .await?;
        contests.push(NewContest {
            name: c.name,
            winners: serde_json::from_str(&c.winners).unwrap_or_default(),
            votes_allowed: c.votes_allowed,
            ballots_cast: c.ballots_cast,
            tallies: tallies
                .into_iter()
                .map(|(candidate, reported_votes, audited_votes)| NewTally { candidate, reported_votes, audited_votes })
                .collect(),
            sample_size: c.sample_size,
            o1: c.o1,
            o2: c.o2,
            u1: c.u1,
            u2: c.u2,
            p_value: c.p_value,
            risk_limit_met: c.risk_limit_met.map(|v| v != 0),
        });
    }
    let documents: Vec<(String, String, String)> =
        sqlx::query_as("SELECT title, url, sha256 FROM draft_audit_documents WHERE draft_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    Ok(Some(NewAudit {
        slug: r.slug,
        election_slug: r.election_slug,
        jurisdiction_slug: r.jurisdiction_slug,
        audit_type: AuditType::from_code(&r.audit_type).unwrap_or(AuditType::Canvass),
        math: AuditMath::from_code(&r.math).unwrap_or(AuditMath::None),
        risk_limit_pct: r.risk_limit_pct,
        seed: r.seed,
        started_on: r.started_on,
        completed_on: r.completed_on,
        outcome: Outcome::from_code(&r.outcome).unwrap_or(Outcome::InProgress),
        summary: r.summary,
        contests,
        documents: documents.into_iter().map(|(title, url, sha256)| NewDocument { title, url, sha256 }).collect(),
        restricted: NewWithholding {
            security_details: r.security_details,
            withholding_basis: r.withholding_basis,
            withholding_statement: r.withholding_statement,
            internal_notes: r.internal_notes,
        },
    }))
}

/// Saves an edited audit draft, its contests replaced (its slug and documents stay).
pub async fn edit_audit(db: &Db, id: i64, a: &NewAudit) -> AppResult<()> {
    check_audit(db, a).await?;
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "UPDATE draft_audits SET election_slug = $1, jurisdiction_slug = $2, audit_type = $3, math = $4, \
         risk_limit_pct = CAST($5 AS DOUBLE PRECISION), seed = $6, started_on = $7, completed_on = $8, outcome = $9, \
         summary = $10, security_details = $11, withholding_basis = $12, withholding_statement = $13, internal_notes = $14, \
         updated_at = $15 WHERE id = $16",
    )
    .bind(&a.election_slug)
    .bind(&a.jurisdiction_slug)
    .bind(a.audit_type.code())
    .bind(a.math.code())
    .bind(float_param(a.risk_limit_pct))
    .bind(&a.seed)
    .bind(&a.started_on)
    .bind(&a.completed_on)
    .bind(a.outcome.code())
    .bind(&a.summary)
    .bind(&a.restricted.security_details)
    .bind(&a.restricted.withholding_basis)
    .bind(&a.restricted.withholding_statement)
    .bind(&a.restricted.internal_notes)
    .bind(now_rfc3339())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM draft_contest_tallies WHERE contest_id IN (SELECT id FROM draft_audit_contests WHERE draft_id = $1)")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM draft_audit_contests WHERE draft_id = $1").bind(id).execute(&mut *tx).await?;
    insert_contests(&mut tx, id, &a.contests).await?;
    tx.commit().await?;
    Ok(())
}
