//! Importing spreadsheets: `portal import audits|spending FILE.csv --as EMAIL`.
//!
//! A file is all or nothing. Every row is read and checked first, and every
//! mistake is reported with its line, column and reason; only a file without
//! mistakes is stored, in one transaction that creates the drafts and submits each
//! one for review. The templates are in `templates/` and documented in the README.

use crate::accounts::Account;
use crate::activity;
use crate::db::Db;
use crate::drafts::*;
use crate::error::{AppError, AppResult};
use crate::policy::Policy;
use crate::workflow;
use app::model::{AuditMath, AuditType, Category, Outcome, RecordKind};
use std::collections::HashMap;

pub const SPENDING_COLUMNS: &[&str] = &[
    "grant", "recipient", "category", "federal_amount", "match_amount", "date", "vendor", "description",
    "security_details", "withholding_basis", "withholding_statement", "internal_notes",
];

pub const AUDIT_COLUMNS: &[&str] = &[
    "audit", "election", "election_date", "jurisdiction", "audit_type", "math", "risk_limit", "seed", "started_on",
    "completed_on", "outcome", "summary", "contest", "winners", "votes_allowed", "ballots_cast", "reported_results",
    "sample_size", "audited_results", "o1", "o2", "u1", "u2", "p_value", "risk_limit_met", "security_details",
    "withholding_basis", "withholding_statement", "internal_notes",
];

/// The columns that describe the whole audit (the same on each of its rows).
const AUDIT_LEVEL: &[&str] = &[
    "election", "election_date", "jurisdiction", "audit_type", "math", "risk_limit", "seed", "started_on",
    "completed_on", "outcome", "summary", "security_details", "withholding_basis", "withholding_statement",
    "internal_notes",
];

/// One mistake in an import file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub line: u64,
    pub column: usize,
    pub name: String,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column == 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {}, column {} ({}): {}", self.line, self.column, self.name, self.message)
        }
    }
}

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

/// A table's rows with their line numbers, read with column names.
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<(u64, csv::StringRecord)>,
}

struct Cell<'a> {
    line: u64,
    table: &'a Table,
    record: &'a csv::StringRecord,
}

impl<'a> Cell<'a> {
    fn get(&self, name: &str) -> &'a str {
        self.table.columns.get(name).and_then(|i| self.record.get(*i)).map(str::trim).unwrap_or("")
    }

    fn error(&self, name: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            line: self.line,
            column: self.table.columns.get(name).map(|i| i + 1).unwrap_or(0),
            name: name.to_string(),
            message: message.into(),
        }
    }
}

fn read_table(bytes: &[u8], expected: &[&str]) -> Result<Table, Vec<ImportError>> {
    let whole = |line: u64, message: String| ImportError { line, column: 0, name: String::new(), message };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![whole(1, "the file is not UTF-8 text; save it as CSV UTF-8".into())]);
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![whole(1, format!("the header row could not be read: {e}"))]),
    };
    let mut errors = Vec::new();
    let mut columns = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        if !expected.contains(&name.as_str()) {
            errors.push(ImportError {
                line: 1,
                column: i + 1,
                name: name.clone(),
                message: format!("unknown column; the template's columns are {}", expected.join(",")),
            });
        } else if columns.insert(name.clone(), i).is_some() {
            errors.push(ImportError { line: 1, column: i + 1, name, message: "this column appears twice".into() });
        }
    }
    for name in expected {
        if !columns.contains_key(*name) {
            errors.push(whole(1, format!("the header row has no {name} column")));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map(|p| p.line()).unwrap_or(0);
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                rows.push((line, r));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("this row has {len} cells; the header has {expected_len}")
                    }
                    _ => format!("this row is not valid CSV: {e}"),
                };
                errors.push(whole(line, message));
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(whole(2, "the file has a header row but no rows to import".into()));
    }
    if errors.is_empty() {
        Ok(Table { columns, rows })
    } else {
        Err(errors)
    }
}

/// Dollars with at most two decimals (`1234.5`, `$1,234.56`) as cents.
pub fn parse_dollars(s: &str) -> Result<i64, String> {
    let bad = || format!("\"{s}\" is not an amount in dollars like 1234.56");
    let t = s.trim().trim_start_matches('$').replace(',', "");
    let (whole, frac) = match t.split_once('.') {
        Some((w, f)) => (w.to_string(), f.to_string()),
        None => (t.clone(), String::new()),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if frac.len() > 2 {
        return Err(format!("\"{s}\" has more than two decimals; amounts are in dollars and cents"));
    }
    let dollars: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    dollars.checked_mul(100).and_then(|d| d.checked_add(cents)).ok_or_else(bad)
}

pub fn parse_count(s: &str) -> Result<Option<i64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.replace(',', "").parse::<i64>().ok().filter(|n| *n >= 0).map(Some).ok_or_else(|| format!("\"{s}\" is not a whole number"))
}

pub fn parse_results(s: &str) -> Result<Vec<(String, i64)>, String> {
    s.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, votes) = pair.split_once('=').ok_or_else(|| format!("\"{pair}\" is not Name=votes"))?;
            let votes = parse_count(votes.trim())?.ok_or_else(|| format!("\"{pair}\" has no vote count"))?;
            if name.trim().is_empty() {
                return Err(format!("\"{pair}\" has no name"));
            }
            Ok((name.trim().to_string(), votes))
        })
        .collect()
}

fn parse_category(s: &str) -> Option<Category> {
    let wanted = s.trim().to_lowercase();
    Category::from_code(&wanted.replace(' ', "_"))
        .or_else(|| Category::ALL.iter().copied().find(|c| app::i18n::Lang::En.category(*c).to_lowercase() == wanted))
}

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

/// Checks a withholding's basis and statement as the gate will at publication.
fn check_withholding(cell: &Cell, policy: &Policy, kind: &str, errors: &mut Vec<ImportError>) {
    let details = cell.get("security_details");
    let basis = cell.get("withholding_basis");
    let statement = cell.get("withholding_statement");
    if details.is_empty() {
        if !basis.is_empty() || !statement.is_empty() {
            errors.push(cell.error("withholding_basis", "a basis and statement are only for rows with security_details"));
        }
        return;
    }
    if !policy.may_withhold(&format!("{kind}.security_details")) {
        errors.push(cell.error("security_details", format!("the policy does not allow withholding {kind} security details")));
    }
    let known = policy.bases.iter().map(|b| b.citation.as_str()).collect::<Vec<_>>().join(", ");
    match policy.basis(basis) {
        None if basis.is_empty() => errors.push(cell.error("withholding_basis", format!("security_details is filled, so name the legal basis ({known})"))),
        None => errors.push(cell.error("withholding_basis", format!("\"{basis}\" is not a basis in the policy; use one of {known}"))),
        Some(b) if b.requires_statement && statement.is_empty() => errors.push(cell.error(
            "withholding_statement",
            "security_details is filled, so write the statement the law requires",
        )),
        Some(_) => {}
    }
}

fn require_office(cell: &Cell, actor: &Account, column: &str, errors: &mut Vec<ImportError>) {
    let slug = cell.get(column);
    if !slug.is_empty() && !actor.covers(slug) {
        errors.push(cell.error(column, format!("{} acts for {}, not for {slug}", actor.email, actor.office_slug)));
    }
}

/// A draft's field error (from the shared draft checks), placed on its column.
fn field_error(cell: &Cell, e: AppError, columns: &[(&str, &str)]) -> ImportError {
    match e {
        AppError::Validation { field, message } => {
            let column = columns.iter().find(|(f, _)| *f == field).map(|(_, c)| *c).unwrap_or(field.as_str());
            cell.error(column, message)
        }
        other => cell.error("", other.to_string()),
    }
}

async fn slug_taken(db: &Db, table_draft: &str, table_published: &str, slug: &str) -> AppResult<bool> {
    let sql = format!(
        "SELECT (SELECT COUNT(*) FROM {table_draft} WHERE slug = $1) + (SELECT COUNT(*) FROM {table_published} WHERE slug = $1)"
    );
    let n: i64 = sqlx::query_scalar(&sql).bind(slug).fetch_one(&db.pool).await?;
    Ok(n > 0)
}

async fn exists(db: &Db, sql: &str, value: &str) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar(sql).bind(value).fetch_one(&db.pool).await?;
    Ok(n > 0)
}

/// Reads a spending file into expenditure drafts, or every mistake in it.
async fn read_spending(db: &Db, policy: &Policy, actor: &Account, bytes: &[u8]) -> Result<Vec<NewExpenditure>, ImportFailure> {
    let table = read_table(bytes, SPENDING_COLUMNS).map_err(ImportFailure::Rows)?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut used_slugs: Vec<String> = Vec::new();
    for (line, record) in &table.rows {
        let cell = Cell { line: *line, table: &table, record };
        let before = errors.len();
        let grant = cell.get("grant");
        if !slug_taken(db, "draft_grants", "published_grants", grant).await? {
            errors.push(cell.error("grant", format!("there is no grant \"{grant}\"; use the slug from /spending/{{grant}}")));
        }
        let recipient = cell.get("recipient");
        if !exists(db, "SELECT COUNT(*) FROM jurisdictions WHERE slug = $1", recipient).await? {
            errors.push(cell.error("recipient", format!("there is no jurisdiction \"{recipient}\"; use the slug from /jurisdictions/{{slug}}")));
        }
        require_office(&cell, actor, "recipient", &mut errors);
        let category = parse_category(cell.get("category"));
        if category.is_none() {
            let names: Vec<&str> = Category::ALL.iter().map(|c| app::i18n::Lang::En.category(*c)).collect();
            errors.push(cell.error("category", format!("\"{}\" is not an EAC category; use one of {}", cell.get("category"), names.join(", "))));
        }
        let mut amount = |name: &str| match parse_dollars(cell.get(name)) {
            Ok(c) => c,
            Err(m) => {
                errors.push(cell.error(name, m));
                0
            }
        };
        let federal_cents = amount("federal_amount");
        let match_cents = amount("match_amount");
        if app::format::parse_iso_date(cell.get("date")).is_none() {
            errors.push(cell.error("date", format!("\"{}\" is not a date like 2024-11-05", cell.get("date"))));
        }
        check_withholding(&cell, policy, "expenditure", &mut errors);
        let base = slugify(&format!("{}-{}-{}", cell.get("date"), recipient, cell.get("vendor")));
        let mut slug = if base.is_empty() { "expenditure".to_string() } else { base.clone() };
        let mut n = 1;
        while used_slugs.contains(&slug) || slug_taken(db, "draft_expenditures", "published_expenditures", &slug).await? {
            n += 1;
            slug = format!("{base}-{n}");
        }
        used_slugs.push(slug.clone());
        let e = NewExpenditure {
            slug,
            grant_slug: grant.to_string(),
            recipient_slug: recipient.to_string(),
            category: category.unwrap_or(Category::Other),
            federal_cents,
            match_cents,
            spent_on: cell.get("date").to_string(),
            vendor: cell.get("vendor").to_string(),
            description: cell.get("description").to_string(),
            restricted: NewWithholding {
                security_details: cell.get("security_details").to_string(),
                withholding_basis: cell.get("withholding_basis").to_string(),
                withholding_statement: cell.get("withholding_statement").to_string(),
                internal_notes: cell.get("internal_notes").to_string(),
            },
        };
        if errors.len() == before {
            if let Err(e) = check_expenditure_fields(&e) {
                errors.push(field_error(&cell, e, &[("slug", "vendor"), ("grant", "grant")]));
            }
        }
        out.push(e);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportFailure::Rows(errors))
    }
}

/// Reads an audits file (one row per contest) into audit drafts, with the
/// elections to create, or every mistake in it.
async fn read_audits(
    db: &Db,
    policy: &Policy,
    actor: &Account,
    bytes: &[u8],
) -> Result<(Vec<NewAudit>, Vec<(String, String)>), ImportFailure> {
    let table = read_table(bytes, AUDIT_COLUMNS).map_err(ImportFailure::Rows)?;
    let mut errors = Vec::new();
    let mut audits: Vec<NewAudit> = Vec::new();
    let mut first_rows: HashMap<String, (u64, usize)> = HashMap::new();
    let mut new_elections: Vec<(String, String)> = Vec::new();
    for (row_index, (line, record)) in table.rows.iter().enumerate() {
        let cell = Cell { line: *line, table: &table, record };
        let slug = cell.get("audit").to_string();
        if !app::model::is_slug(&slug) {
            errors.push(cell.error("audit", format!("\"{slug}\" is not a slug: use lower-case letters, digits and hyphens")));
            continue;
        }
        let index = match first_rows.get(&slug) {
            Some((first_line, first_index)) => {
                // Audit-level columns must agree with the audit's first row.
                let first = Cell { line: *first_line, table: &table, record: &table.rows[*first_index].1 };
                for name in AUDIT_LEVEL {
                    if cell.get(name) != first.get(name) {
                        errors.push(cell.error(name, format!(
                            "differs from line {first_line}, where audit {slug} has \"{}\"; an audit's own columns must be the same on each of its rows",
                            first.get(name)
                        )));
                    }
                }
                audits.iter().position(|a| a.slug == slug).unwrap_or(0)
            }
            None => {
                first_rows.insert(slug.clone(), (*line, row_index));
                if slug_taken(db, "draft_audits", "published_audits", &slug).await? {
                    errors.push(cell.error("audit", format!("\"{slug}\" is already drafted or published; corrections go through the review workflow")));
                }
                let election = cell.get("election");
                let election_date = cell.get("election_date");
                if !app::model::is_slug(election) {
                    errors.push(cell.error("election", format!("\"{election}\" is not a slug like 2024-general")));
                } else if app::format::parse_iso_date(election_date).is_none() {
                    errors.push(cell.error("election_date", format!("\"{election_date}\" is not a date like 2024-11-05")));
                } else {
                    let known: Option<String> = sqlx::query_scalar("SELECT election_date FROM elections WHERE slug = $1")
                        .bind(election)
                        .fetch_optional(&db.pool)
                        .await
                        .map_err(AppError::from)?;
                    match known {
                        Some(d) if d != election_date => errors.push(cell.error(
                            "election_date",
                            format!("election {election} is on {d}, not {election_date}"),
                        )),
                        Some(_) => {}
                        None if !new_elections.iter().any(|(s, _)| s == election) => {
                            new_elections.push((election.to_string(), election_date.to_string()))
                        }
                        None => {}
                    }
                }
                let jurisdiction = cell.get("jurisdiction");
                if !exists(db, "SELECT COUNT(*) FROM jurisdictions WHERE slug = $1", jurisdiction).await? {
                    errors.push(cell.error("jurisdiction", format!("there is no jurisdiction \"{jurisdiction}\"")));
                }
                require_office(&cell, actor, "jurisdiction", &mut errors);
                check_withholding(&cell, policy, "audit", &mut errors);
                let mut code = |name: &str, valid: &[&str]| {
                    let v = cell.get(name);
                    if !valid.contains(&v) {
                        errors.push(cell.error(name, format!("\"{v}\" is not one of {}", valid.join(", "))));
                    }
                    v.to_string()
                };
                let types: Vec<&str> = AuditType::ALL.iter().map(|t| t.code()).collect();
                let maths: Vec<&str> = AuditMath::ALL.iter().map(|t| t.code()).collect();
                let outcomes: Vec<&str> = Outcome::ALL.iter().map(|t| t.code()).collect();
                let audit_type = code("audit_type", &types);
                let math = code("math", &maths);
                let outcome = code("outcome", &outcomes);
                let risk = cell.get("risk_limit").trim_end_matches('%').trim();
                let risk_limit_pct = if risk.is_empty() {
                    None
                } else {
                    match risk.parse::<f64>() {
                        Ok(r) => Some(r),
                        Err(_) => {
                            errors.push(cell.error("risk_limit", format!("\"{risk}\" is not a percentage like 5")));
                            None
                        }
                    }
                };
                let optional = |name: &str| Some(cell.get(name).to_string()).filter(|v| !v.is_empty());
                audits.push(NewAudit {
                    slug: slug.clone(),
                    election_slug: election.to_string(),
                    jurisdiction_slug: jurisdiction.to_string(),
                    audit_type: AuditType::from_code(&audit_type).unwrap_or(AuditType::Canvass),
                    math: AuditMath::from_code(&math).unwrap_or(AuditMath::None),
                    risk_limit_pct,
                    seed: optional("seed"),
                    started_on: optional("started_on"),
                    completed_on: optional("completed_on"),
                    outcome: Outcome::from_code(&outcome).unwrap_or(Outcome::InProgress),
                    summary: cell.get("summary").to_string(),
                    contests: Vec::new(),
                    documents: Vec::new(),
                    restricted: NewWithholding {
                        security_details: cell.get("security_details").to_string(),
                        withholding_basis: cell.get("withholding_basis").to_string(),
                        withholding_statement: cell.get("withholding_statement").to_string(),
                        internal_notes: cell.get("internal_notes").to_string(),
                    },
                });
                audits.len() - 1
            }
        };
        // The contest on this row, if any.
        let contest = cell.get("contest");
        if contest.is_empty() {
            for name in ["winners", "votes_allowed", "ballots_cast", "reported_results", "sample_size", "audited_results"] {
                if !cell.get(name).is_empty() {
                    errors.push(cell.error(name, "a row without a contest name cannot have contest results"));
                }
            }
            continue;
        }
        let mut number = |name: &str, required: bool| match parse_count(cell.get(name)) {
            Ok(None) if required => {
                errors.push(cell.error(name, "is required for a contest"));
                None
            }
            Ok(v) => v,
            Err(m) => {
                errors.push(cell.error(name, m));
                None
            }
        };
        let votes_allowed = number("votes_allowed", true);
        let ballots_cast = number("ballots_cast", true);
        let sample_size = number("sample_size", false);
        let (o1, o2, u1, u2) = (number("o1", false), number("o2", false), number("u1", false), number("u2", false));
        let reported = match parse_results(cell.get("reported_results")) {
            Ok(r) if r.is_empty() => {
                errors.push(cell.error("reported_results", "is required for a contest, as Name=votes;Name=votes"));
                Vec::new()
            }
            Ok(r) => r,
            Err(m) => {
                errors.push(cell.error("reported_results", m));
                Vec::new()
            }
        };
        let audited = match parse_results(cell.get("audited_results")) {
            Ok(r) => r,
            Err(m) => {
                errors.push(cell.error("audited_results", m));
                Vec::new()
            }
        };
        for (name, _) in &audited {
            if !reported.iter().any(|(n, _)| n == name) {
                errors.push(cell.error("audited_results", format!("\"{name}\" is not in reported_results")));
            }
        }
        let winners: Vec<String> =
            cell.get("winners").split(';').map(str::trim).filter(|w| !w.is_empty()).map(String::from).collect();
        if winners.is_empty() {
            errors.push(cell.error("winners", "name the reported winners, as Name;Name"));
        }
        for w in &winners {
            if !reported.is_empty() && !reported.iter().any(|(n, _)| n == w) {
                errors.push(cell.error("winners", format!("\"{w}\" is not in reported_results")));
            }
        }
        let p_value = match cell.get("p_value") {
            "" => None,
            p => match p.parse::<f64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errors.push(cell.error("p_value", format!("\"{p}\" is not a number like 0.012")));
                    None
                }
            },
        };
        let risk_limit_met = match cell.get("risk_limit_met").to_lowercase().as_str() {
            "" => None,
            "true" | "yes" => Some(true),
            "false" | "no" => Some(false),
            other => {
                errors.push(cell.error("risk_limit_met", format!("\"{other}\" is not true or false")));
                None
            }
        };
        let tallies = reported
            .iter()
            .map(|(name, votes)| NewTally {
                candidate: name.clone(),
                reported_votes: *votes,
                audited_votes: audited.iter().find(|(n, _)| n == name).map(|(_, v)| *v),
            })
            .collect();
        if let Some(a) = audits.get_mut(index) {
            a.contests.push(NewContest {
                name: contest.to_string(),
                winners,
                votes_allowed: votes_allowed.unwrap_or(1),
                ballots_cast: ballots_cast.unwrap_or(0),
                tallies,
                sample_size,
                o1,
                o2,
                u1,
                u2,
                p_value,
                risk_limit_met,
            });
        }
    }
    // The shared draft checks (ranges, dates, text), placed on the audit's first row.
    for a in &audits {
        if let Some((line, index)) = first_rows.get(&a.slug) {
            let cell = Cell { line: *line, table: &table, record: &table.rows[*index].1 };
            if let Err(e) = check_audit_fields(a) {
                errors.push(field_error(&cell, e, &[("slug", "audit"), ("risk_limit", "risk_limit")]));
            }
        }
    }
    if errors.is_empty() {
        Ok((audits, new_elections))
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(ImportFailure::Rows(errors))
    }
}

fn election_name(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Imports a spending file as `actor`: every row becomes an expenditure draft,
/// submitted for review, or nothing is stored.
pub async fn spending(db: &Db, policy: &Policy, actor: &Account, bytes: &[u8], source: &str) -> Result<Vec<Imported>, ImportFailure> {
    workflow::require_active(actor)?;
    let rows = read_spending(db, policy, actor, bytes).await?;
    let mut tx = db.pool.begin().await.map_err(AppError::from)?;
    let mut created = Vec::new();
    for e in &rows {
        let draft_id = insert_expenditure(&mut tx, e).await?;
        let id = workflow::insert_submission(&mut tx, actor, RecordKind::Expenditure, draft_id, &e.slug, &e.recipient_slug, None).await?;
        activity::record_in(&mut *tx, &actor.email, "submission.create", &format!("submission {id}: expenditure {}", e.slug), "imported", source).await?;
        created.push((id, draft_id, e.slug.clone()));
    }
    activity::record_in(&mut *tx, &actor.email, "import.spending", &format!("{} rows", rows.len()), "all rows stored", source).await?;
    tx.commit().await.map_err(AppError::from)?;
    with_findings(db, policy, RecordKind::Expenditure, created).await
}

/// Imports an audits file as `actor`, as [`spending`].
pub async fn audits(db: &Db, policy: &Policy, actor: &Account, bytes: &[u8], source: &str) -> Result<Vec<Imported>, ImportFailure> {
    workflow::require_active(actor)?;
    let (audits, elections) = read_audits(db, policy, actor, bytes).await?;
    let mut tx = db.pool.begin().await.map_err(AppError::from)?;
    for (slug, date) in &elections {
        sqlx::query("INSERT INTO elections (slug, name, election_date) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING")
            .bind(slug)
            .bind(election_name(slug))
            .bind(date)
            .execute(&mut *tx)
            .await
            .map_err(AppError::from)?;
    }
    let mut created = Vec::new();
    for a in &audits {
        let draft_id = insert_audit(&mut tx, a).await?;
        let id = workflow::insert_submission(&mut tx, actor, RecordKind::Audit, draft_id, &a.slug, &a.jurisdiction_slug, None).await?;
        activity::record_in(&mut *tx, &actor.email, "submission.create", &format!("submission {id}: audit {}", a.slug), "imported", source).await?;
        created.push((id, draft_id, a.slug.clone()));
    }
    activity::record_in(&mut *tx, &actor.email, "import.audits", &format!("{} audits", audits.len()), "all rows stored", source).await?;
    tx.commit().await.map_err(AppError::from)?;
    with_findings(db, policy, RecordKind::Audit, created).await
}

async fn with_findings(db: &Db, policy: &Policy, kind: RecordKind, created: Vec<(i64, i64, String)>) -> Result<Vec<Imported>, ImportFailure> {
    let mut out = Vec::new();
    for (id, draft_id, slug) in created {
        let findings = crate::gate::scan_draft(db, policy, workflow::draft(kind, draft_id)).await?;
        let blocking = findings.iter().filter(|f| f.severity == crate::scanner::Severity::Block).count();
        out.push(Imported { id, kind, slug, findings: findings.len(), blocking });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_become_cents_exactly() {
        assert_eq!(parse_dollars("1234.56"), Ok(123_456));
        assert_eq!(parse_dollars("$7,230,625"), Ok(723_062_500));
        assert_eq!(parse_dollars("0.5"), Ok(50));
        assert!(parse_dollars("12.345").unwrap_err().contains("two decimals"));
        assert!(parse_dollars("-5").is_err());
        assert!(parse_dollars("ten").is_err());
        assert!(parse_dollars("").is_err());
    }

    #[test]
    fn results_and_categories_parse() {
        assert_eq!(parse_results("A=10; B B=2").unwrap(), vec![("A".into(), 10), ("B B".into(), 2)]);
        assert!(parse_results("A:10").is_err());
        assert_eq!(parse_category("Cyber Security"), Some(Category::CyberSecurity));
        assert_eq!(parse_category("voting_equipment"), Some(Category::VotingEquipment));
        assert_eq!(parse_category("Snacks"), None);
        assert_eq!(slugify("2024-03-01-boone-county-Acme, Inc."), "2024-03-01-boone-county-acme-inc");
    }
}
