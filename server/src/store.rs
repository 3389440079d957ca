//! The public store: the only reader behind public pages, charts and server
//! functions. It queries the published tables and public reference data only
//! (`published_*`, `jurisdictions`, `elections`, `site_settings`); it has no query
//! that names a draft table.

use crate::db::Db;
use crate::error::AppResult;
use app::api::{BackendError, BackendResult, PublicBackend};
use app::model::*;
use futures::future::BoxFuture;
use sqlx::FromRow;
use std::collections::HashMap;

/// One published version, as the feed lists it.
#[derive(Debug)]
pub struct Publication {
    pub kind: &'static str,
    pub slug: String,
    pub version: i64,
    pub published_at: String,
    pub correction_note: Option<String>,
    /// A name for the record: the jurisdiction (audits), program, vendor or title.
    pub title: String,
    pub audit_type: Option<String>,
    pub grant_slug: Option<String>,
    /// Set for a retraction: the tombstone's reason.
    pub retraction_reason: Option<String>,
}

#[derive(FromRow)]
struct PublicationRow {
    slug: String,
    version: i64,
    published_at: String,
    correction_note: Option<String>,
    title: String,
    audit_type: Option<String>,
    grant_slug: Option<String>,
}

/// Every table the public store reads; on PostgreSQL the public role may read these
/// and nothing else.
pub const PUBLIC_TABLES: &[&str] = &[
    "published_audits",
    "published_audit_contests",
    "published_contest_tallies",
    "published_audit_documents",
    "published_withholdings",
    "published_grants",
    "published_expenditures",
    "published_updates",
    "published_retractions",
    "jurisdictions",
    "elections",
    "site_settings",
];

#[derive(Clone, Debug)]
pub struct PublicStore {
    db: Db,
    /// The portal's public address, for permanent links in citations.
    public_url: String,
}

/// Columns of an audit summary, joined with its election and jurisdiction.
const AUDIT_SUMMARY_COLUMNS: &str = "a.slug, a.version, a.election_slug, e.name AS election_name, \
    e.election_date, a.jurisdiction_slug, j.name AS jurisdiction_name, a.audit_type, a.outcome, \
    a.completed_on, a.withheld_count";
pub(crate) const AUDIT_JOINS: &str = "FROM published_audits a \
    JOIN elections e ON e.slug = a.election_slug \
    JOIN jurisdictions j ON j.slug = a.jurisdiction_slug";
const AUDIT_ORDER: &str = "ORDER BY e.election_date DESC, COALESCE(a.completed_on, '') DESC, j.name, a.slug";

#[derive(FromRow)]
struct AuditSummaryRow {
    slug: String,
    version: i64,
    election_slug: String,
    election_name: String,
    election_date: String,
    jurisdiction_slug: String,
    jurisdiction_name: String,
    audit_type: String,
    outcome: String,
    completed_on: Option<String>,
    withheld_count: i64,
}

impl AuditSummaryRow {
    fn into_public(self) -> PublicAuditSummary {
        PublicAuditSummary {
            slug: self.slug,
            version: self.version,
            election: PublicElectionRef {
                slug: self.election_slug,
                name: self.election_name,
                date: self.election_date,
            },
            jurisdiction: PublicJurisdictionRef { slug: self.jurisdiction_slug, name: self.jurisdiction_name },
            audit_type: AuditType::from_code(&self.audit_type).unwrap_or(AuditType::Canvass),
            outcome: Outcome::from_code(&self.outcome).unwrap_or(Outcome::InProgress),
            completed_on: self.completed_on,
            withheld_count: self.withheld_count,
        }
    }
}

#[derive(FromRow)]
struct AuditRow {
    slug: String,
    version: i64,
    published_at: String,
    election_slug: String,
    election_name: String,
    election_date: String,
    jurisdiction_slug: String,
    jurisdiction_name: String,
    audit_type: String,
    math: String,
    risk_limit_pct: Option<f64>,
    seed: Option<String>,
    started_on: Option<String>,
    completed_on: Option<String>,
    outcome: String,
    summary: String,
}

#[derive(FromRow)]
struct ContestRow {
    position: i64,
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

#[derive(FromRow)]
struct TallyRow {
    contest_position: i64,
    candidate: String,
    reported_votes: i64,
    audited_votes: Option<i64>,
}

#[derive(FromRow)]
struct DocumentRow {
    title: String,
    url: String,
    sha256: String,
}

#[derive(FromRow)]
struct WithholdingRow {
    slug: String,
    detail: String,
    basis_citation: String,
    basis_description: String,
    statement: String,
}

impl WithholdingRow {
    fn into_public(self) -> PublicWithholding {
        PublicWithholding {
            detail: self.detail,
            basis_citation: self.basis_citation,
            basis_description: self.basis_description,
            statement: self.statement,
        }
    }
}

const GRANT_COLUMNS: &str = "g.slug, g.version, g.program, g.funder, g.recipient_slug, \
    j.name AS recipient_name, g.federal_cents, g.match_cents, g.award_date, g.period_start, \
    g.period_end, g.source, CAST(COALESCE(s.spent, 0) AS BIGINT) AS spent_cents";
pub(crate) const GRANT_JOINS: &str = "FROM published_grants g \
    JOIN jurisdictions j ON j.slug = g.recipient_slug \
    LEFT JOIN (SELECT grant_slug, SUM(federal_cents + match_cents) AS spent \
               FROM published_expenditures WHERE is_current = 1 GROUP BY grant_slug) s \
           ON s.grant_slug = g.slug";

#[derive(FromRow)]
struct GrantRow {
    slug: String,
    version: i64,
    program: String,
    funder: String,
    recipient_slug: String,
    recipient_name: String,
    federal_cents: i64,
    match_cents: i64,
    award_date: String,
    period_start: Option<String>,
    period_end: Option<String>,
    source: String,
    spent_cents: i64,
}

impl GrantRow {
    fn into_public(self) -> PublicGrant {
        PublicGrant {
            slug: self.slug,
            version: self.version,
            program: self.program,
            funder: self.funder,
            recipient: PublicJurisdictionRef { slug: self.recipient_slug, name: self.recipient_name },
            federal_cents: self.federal_cents,
            match_cents: self.match_cents,
            award_date: self.award_date,
            period_start: self.period_start,
            period_end: self.period_end,
            source: self.source,
            spent_cents: self.spent_cents,
        }
    }
}

const EXPENDITURE_COLUMNS: &str = "x.slug, x.version, x.published_at, x.grant_slug, x.recipient_slug, \
    j.name AS recipient_name, x.category, x.federal_cents, x.match_cents, x.spent_on, x.vendor, \
    x.description";
pub(crate) const EXPENDITURE_JOINS: &str =
    "FROM published_expenditures x JOIN jurisdictions j ON j.slug = x.recipient_slug";

#[derive(FromRow)]
struct ExpenditureRow {
    slug: String,
    version: i64,
    published_at: String,
    grant_slug: String,
    recipient_slug: String,
    recipient_name: String,
    category: String,
    federal_cents: i64,
    match_cents: i64,
    spent_on: String,
    vendor: String,
    description: String,
}

#[derive(FromRow)]
struct UpdateSummaryRow {
    slug: String,
    version: i64,
    title: String,
    update_date: String,
    office_slug: String,
    office_name: String,
}

impl UpdateSummaryRow {
    fn into_public(self) -> PublicUpdateSummary {
        PublicUpdateSummary {
            slug: self.slug,
            version: self.version,
            title: self.title,
            date: self.update_date,
            office: PublicJurisdictionRef { slug: self.office_slug, name: self.office_name },
        }
    }
}

const UPDATE_SUMMARY: &str = "SELECT u.slug, u.version, u.title, u.update_date, u.office_slug, \
    j.name AS office_name FROM published_updates u JOIN jurisdictions j ON j.slug = u.office_slug \
    WHERE u.is_current = 1";

#[derive(FromRow)]
struct TotalRow {
    key: String,
    name: String,
    cents: i64,
}

/// A WHERE clause built from optional equality filters, numbered `$1…`.
pub(crate) struct Conditions {
    pub(crate) sql: String,
    pub(crate) binds: Vec<String>,
}

impl Conditions {
    pub(crate) fn new(base: &str) -> Self {
        Conditions { sql: base.to_string(), binds: Vec::new() }
    }

    pub(crate) fn eq(&mut self, column: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.binds.push(v.to_string());
            self.sql.push_str(&format!(" AND {column} = ${}", self.binds.len()));
        }
    }
}

/// Selects the current version, or one version by number.
fn version_clause(alias: &str, version: Option<i64>) -> String {
    match version {
        None => format!("{alias}.is_current = 1"),
        Some(n) => format!("{alias}.version = {n}"),
    }
}

/// The canonical bytes of a published version: compact JSON of its public wire type,
/// fields in declaration order. The JSON download serves exactly these bytes and
/// the citation's SHA-256 is computed over them.
pub fn canonical_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("public wire types serialise")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Flattens JSON into (path, text) pairs, for field-by-field differences.
fn flatten(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&path, v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), v, out);
            }
        }
        Value::Null => {}
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

/// What changed between two versions, field by field (version metadata excluded).
pub fn differences<T: serde::Serialize>(before: &T, after: &T) -> Vec<PublicChange> {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten("", &serde_json::to_value(before).unwrap_or_default(), &mut a);
    flatten("", &serde_json::to_value(after).unwrap_or_default(), &mut b);
    let skip = |k: &str| k == "version" || k == "published_at";
    let mut keys: Vec<&String> = a.iter().chain(b.iter()).map(|(k, _)| k).filter(|k| !skip(k)).collect();
    keys.sort();
    keys.dedup();
    let get = |v: &Vec<(String, String)>, k: &str| v.iter().find(|(key, _)| key == k).map(|(_, val)| val.clone());
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (get(&a, k), get(&b, k));
            (x != y).then(|| PublicChange { field: k.clone(), before: x, after: y })
        })
        .collect()
}

/// The published table of a record kind.
pub fn published_table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Audit => "published_audits",
        RecordKind::Grant => "published_grants",
        RecordKind::Expenditure => "published_expenditures",
        RecordKind::Update => "published_updates",
    }
}

fn pages_for(total: i64) -> u32 {
    ((total.max(0) as u64).div_ceil(PAGE_SIZE as u64)).max(1) as u32
}

impl PublicStore {
    pub fn new(db: Db, public_url: &str) -> Self {
        PublicStore { db, public_url: public_url.trim_end_matches('/').to_string() }
    }

    pub async fn site_info(&self) -> AppResult<SiteInfo> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM site_settings WHERE key IN ('office', 'sample_data')")
                .fetch_all(&self.db.pool)
                .await?;
        let mut info = SiteInfo {
            office: "Election office".into(),
            sample_data: false,
            public_url: self.public_url.clone(),
        };
        for (k, v) in rows {
            match k.as_str() {
                "office" => info.office = v,
                "sample_data" => info.sample_data = v == "1",
                _ => {}
            }
        }
        Ok(info)
    }

    async fn audit_summaries(&self, where_sql: &str, binds: &[String], tail: &str) -> AppResult<Vec<PublicAuditSummary>> {
        let sql = format!("SELECT {AUDIT_SUMMARY_COLUMNS} {AUDIT_JOINS} {where_sql} {AUDIT_ORDER} {tail}");
        let mut q = sqlx::query_as::<_, AuditSummaryRow>(&sql);
        for b in binds {
            q = q.bind(b);
        }
        Ok(q.fetch_all(&self.db.pool).await?.into_iter().map(AuditSummaryRow::into_public).collect())
    }

    pub async fn home(&self) -> AppResult<PublicHome> {
        let latest_audits = self.audit_summaries("WHERE a.is_current = 1", &[], "LIMIT 5").await?;
        let audit_count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM published_audits WHERE is_current = 1")
            .fetch_one(&self.db.pool)
            .await?;
        let awarded_cents: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(federal_cents + match_cents), 0) AS BIGINT) \
             FROM published_grants WHERE is_current = 1",
        )
        .fetch_one(&self.db.pool)
        .await?;
        let spent_cents: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(federal_cents + match_cents), 0) AS BIGINT) \
             FROM published_expenditures WHERE is_current = 1",
        )
        .fetch_one(&self.db.pool)
        .await?;
        let latest_updates = sqlx::query_as::<_, UpdateSummaryRow>(&format!(
            "{UPDATE_SUMMARY} ORDER BY u.update_date DESC, u.slug LIMIT 3"
        ))
        .fetch_all(&self.db.pool)
        .await?
        .into_iter()
        .map(UpdateSummaryRow::into_public)
        .collect();
        let records_with_withholdings: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM published_audits WHERE is_current = 1 AND withheld_count > 0) \
             + (SELECT COUNT(*) FROM published_expenditures WHERE is_current = 1 AND withheld_count > 0)",
        )
        .fetch_one(&self.db.pool)
        .await?;
        Ok(PublicHome {
            latest_audits,
            audit_count,
            awarded_cents,
            spent_cents,
            latest_updates,
            records_with_withholdings,
        })
    }

    pub async fn list_audits(&self, f: &AuditFilter) -> AppResult<PublicAuditList> {
        let mut c = Conditions::new("WHERE a.is_current = 1");
        c.eq("a.election_slug", f.election.as_deref());
        c.eq("a.jurisdiction_slug", f.jurisdiction.as_deref());
        c.eq("a.audit_type", f.audit_type.map(|t| t.code()));
        c.eq("a.outcome", f.outcome.map(|o| o.code()));
        let count_sql = format!("SELECT COUNT(*) {AUDIT_JOINS} {}", c.sql);
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for b in &c.binds {
            count = count.bind(b);
        }
        let total = count.fetch_one(&self.db.pool).await?;
        let page = f.page.max(1);
        let offset = (page as i64 - 1) * PAGE_SIZE as i64;
        let tail = format!("LIMIT {PAGE_SIZE} OFFSET {offset}");
        let items = self.audit_summaries(&c.sql, &c.binds, &tail).await?;
        let elections = sqlx::query_as::<_, (String, String)>(
            "SELECT DISTINCT e.slug, e.name FROM published_audits a JOIN elections e \
             ON e.slug = a.election_slug WHERE a.is_current = 1 ORDER BY e.name",
        )
        .fetch_all(&self.db.pool)
        .await?;
        let jurisdictions = sqlx::query_as::<_, (String, String)>(
            "SELECT DISTINCT j.slug, j.name FROM published_audits a JOIN jurisdictions j \
             ON j.slug = a.jurisdiction_slug WHERE a.is_current = 1 ORDER BY j.name",
        )
        .fetch_all(&self.db.pool)
        .await?;
        let choices = |rows: Vec<(String, String)>| {
            rows.into_iter().map(|(value, label)| Choice { value, label }).collect()
        };
        Ok(PublicAuditList {
            items,
            total,
            page,
            pages: pages_for(total),
            elections: choices(elections),
            jurisdictions: choices(jurisdictions),
        })
    }

    async fn withholdings(&self, kind: &str, slug: &str, version: i64) -> AppResult<Vec<PublicWithholding>> {
        let rows: Vec<WithholdingRow> = sqlx::query_as(
            "SELECT slug, detail, basis_citation, basis_description, statement \
             FROM published_withholdings WHERE record_kind = $1 AND slug = $2 AND version = $3 \
             ORDER BY position",
        )
        .bind(kind)
        .bind(slug)
        .bind(version)
        .fetch_all(&self.db.pool)
        .await?;
        Ok(rows.into_iter().map(WithholdingRow::into_public).collect())
    }

    /// One audit: the current version, or version `version`.
    pub async fn audit(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicAudit>> {
        let row: Option<AuditRow> = sqlx::query_as(&format!(
            "SELECT a.slug, a.version, a.published_at, a.election_slug, e.name AS election_name, \
             e.election_date, a.jurisdiction_slug, j.name AS jurisdiction_name, a.audit_type, a.math, \
             a.risk_limit_pct, a.seed, a.started_on, a.completed_on, a.outcome, a.summary \
             {AUDIT_JOINS} WHERE a.slug = $1 AND {}",
            version_clause("a", version)
        ))
        .bind(slug)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(a) = row else { return Ok(None) };
        let contests: Vec<ContestRow> = sqlx::query_as(
            "SELECT position, name, winners, votes_allowed, ballots_cast, sample_size, o1, o2, u1, u2, \
             p_value, risk_limit_met FROM published_audit_contests \
             WHERE audit_slug = $1 AND version = $2 ORDER BY position",
        )
        .bind(&a.slug)
        .bind(a.version)
        .fetch_all(&self.db.pool)
        .await?;
        let tallies: Vec<TallyRow> = sqlx::query_as(
            "SELECT contest_position, candidate, reported_votes, audited_votes \
             FROM published_contest_tallies WHERE audit_slug = $1 AND version = $2 \
             ORDER BY contest_position, position",
        )
        .bind(&a.slug)
        .bind(a.version)
        .fetch_all(&self.db.pool)
        .await?;
        let documents: Vec<DocumentRow> = sqlx::query_as(
            "SELECT title, url, sha256 FROM published_audit_documents \
             WHERE audit_slug = $1 AND version = $2 ORDER BY position",
        )
        .bind(&a.slug)
        .bind(a.version)
        .fetch_all(&self.db.pool)
        .await?;
        let withholdings = self.withholdings("audit", &a.slug, a.version).await?;
        let mut by_contest: HashMap<i64, Vec<PublicTally>> = HashMap::new();
        for t in tallies {
            by_contest.entry(t.contest_position).or_default().push(PublicTally {
                candidate: t.candidate,
                reported_votes: t.reported_votes,
                audited_votes: t.audited_votes,
            });
        }
        let contests = contests
            .into_iter()
            .map(|c| PublicContest {
                winners: serde_json::from_str(&c.winners).unwrap_or_default(),
                tallies: by_contest.remove(&c.position).unwrap_or_default(),
                name: c.name,
                votes_allowed: c.votes_allowed,
                ballots_cast: c.ballots_cast,
                sample_size: c.sample_size,
                o1: c.o1,
                o2: c.o2,
                u1: c.u1,
                u2: c.u2,
                p_value: c.p_value,
                risk_limit_met: c.risk_limit_met.map(|v| v != 0),
            })
            .collect();
        Ok(Some(PublicAudit {
            slug: a.slug,
            version: a.version,
            published_at: a.published_at,
            election: PublicElectionRef { slug: a.election_slug, name: a.election_name, date: a.election_date },
            jurisdiction: PublicJurisdictionRef { slug: a.jurisdiction_slug, name: a.jurisdiction_name },
            audit_type: AuditType::from_code(&a.audit_type).unwrap_or(AuditType::Canvass),
            math: AuditMath::from_code(&a.math).unwrap_or(AuditMath::None),
            risk_limit_pct: a.risk_limit_pct,
            seed: a.seed,
            started_on: a.started_on,
            completed_on: a.completed_on,
            outcome: Outcome::from_code(&a.outcome).unwrap_or(Outcome::InProgress),
            summary: a.summary,
            contests,
            documents: documents
                .into_iter()
                .map(|d| PublicDocument { title: d.title, url: d.url, sha256: d.sha256 })
                .collect(),
            withholdings,
        }))
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The database, for the other public readers (collections, API).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// When anything public last changed: the newest publication or retraction.
    pub async fn last_change(&self) -> AppResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT MAX(t) FROM (\
             SELECT MAX(published_at) AS t FROM published_audits \
             UNION ALL SELECT MAX(published_at) FROM published_grants \
             UNION ALL SELECT MAX(published_at) FROM published_expenditures \
             UNION ALL SELECT MAX(published_at) FROM published_updates \
             UNION ALL SELECT MAX(retracted_at) FROM published_retractions) changes",
        )
        .fetch_one(&self.db.pool)
        .await?)
    }

    pub async fn jurisdiction_name(&self, slug: &str) -> AppResult<Option<String>> {
        Ok(sqlx::query_scalar("SELECT name FROM jurisdictions WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.db.pool)
            .await?)
    }

    /// The newest published versions of every kind (publications and corrections),
    /// newest first, for the whole portal or one jurisdiction.
    pub async fn publications(&self, jurisdiction: Option<&str>, limit: i64) -> AppResult<Vec<Publication>> {
        let queries: [(&'static str, &str); 4] = [
            ("audits", "SELECT a.slug, a.version, a.published_at, a.correction_note, j.name AS title, \
                a.audit_type, CAST(NULL AS TEXT) AS grant_slug FROM published_audits a \
                JOIN jurisdictions j ON j.slug = a.jurisdiction_slug WHERE ($1 = '' OR a.jurisdiction_slug = $1)"),
            ("updates", "SELECT slug, version, published_at, correction_note, title, \
                CAST(NULL AS TEXT) AS audit_type, CAST(NULL AS TEXT) AS grant_slug FROM published_updates \
                WHERE ($1 = '' OR office_slug = $1)"),
            ("grants", "SELECT slug, version, published_at, correction_note, program AS title, \
                CAST(NULL AS TEXT) AS audit_type, CAST(NULL AS TEXT) AS grant_slug FROM published_grants \
                WHERE ($1 = '' OR recipient_slug = $1)"),
            ("expenditures", "SELECT slug, version, published_at, correction_note, vendor AS title, \
                CAST(NULL AS TEXT) AS audit_type, grant_slug FROM published_expenditures \
                WHERE ($1 = '' OR recipient_slug = $1)"),
        ];
        let mut all = Vec::new();
        for (kind, sql) in queries {
            let sql = format!(
                "SELECT slug, version, published_at, correction_note, title, audit_type, grant_slug \
                 FROM ({sql}) p ORDER BY published_at DESC, slug LIMIT {limit}"
            );
            let rows: Vec<PublicationRow> =
                sqlx::query_as(&sql).bind(jurisdiction.unwrap_or("")).fetch_all(&self.db.pool).await?;
            all.extend(rows.into_iter().map(|r| Publication {
                kind,
                slug: r.slug,
                version: r.version,
                published_at: r.published_at,
                correction_note: r.correction_note,
                title: r.title,
                audit_type: r.audit_type,
                grant_slug: r.grant_slug,
                retraction_reason: None,
            }));
        }
        let retractions: Vec<(String, String, i64, String, String, String)> = sqlx::query_as(&format!(
            "SELECT record_kind, slug, last_version, retracted_at, reason, title FROM published_retractions \
             WHERE ($1 = '' OR jurisdiction_slug = $1) ORDER BY retracted_at DESC, slug LIMIT {limit}"
        ))
        .bind(jurisdiction.unwrap_or(""))
        .fetch_all(&self.db.pool)
        .await?;
        for (kind, slug, version, at, reason, title) in retractions {
            let kind = match RecordKind::from_code(&kind) {
                Some(RecordKind::Audit) => "audits",
                Some(RecordKind::Grant) => "grants",
                Some(RecordKind::Expenditure) => "expenditures",
                Some(RecordKind::Update) | None => "updates",
            };
            all.push(Publication {
                kind,
                slug,
                version,
                published_at: at,
                correction_note: None,
                title,
                audit_type: None,
                grant_slug: None,
                retraction_reason: Some(reason),
            });
        }
        all.sort_by(|a, b| b.published_at.cmp(&a.published_at).then(a.slug.cmp(&b.slug)).then(b.version.cmp(&a.version)));
        all.truncate(limit.max(0) as usize);
        Ok(all)
    }

    /// The address and last publication date of every current record page.
    pub async fn current_record_paths(&self) -> AppResult<Vec<(String, String)>> {
        let mut out = Vec::new();
        for (prefix, table) in [
            ("/audits/", "published_audits"),
            ("/updates/", "published_updates"),
            ("/spending/", "published_grants"),
            ("/expenditures/", "published_expenditures"),
        ] {
            let rows: Vec<(String, String)> =
                sqlx::query_as(&format!("SELECT slug, published_at FROM {table} WHERE is_current = 1 ORDER BY slug"))
                    .fetch_all(&self.db.pool)
                    .await?;
            out.extend(rows.into_iter().map(|(slug, at)| (format!("{prefix}{slug}"), at)));
        }
        let jurisdictions: Vec<String> = sqlx::query_scalar("SELECT slug FROM jurisdictions ORDER BY slug")
            .fetch_all(&self.db.pool)
            .await?;
        let newest = self.last_change().await?.unwrap_or_default();
        out.extend(jurisdictions.into_iter().map(|slug| (format!("/jurisdictions/{slug}"), newest.clone())));
        Ok(out)
    }

    /// Every published version of a record: number, date and correction note.
    async fn versions(&self, table: &str, slug: &str) -> AppResult<Vec<(i64, String, Option<String>)>> {
        let sql = format!("SELECT version, published_at, correction_note FROM {table} WHERE slug = $1 ORDER BY version");
        Ok(sqlx::query_as(&sql).bind(slug).fetch_all(&self.db.pool).await?)
    }

    async fn citation(&self, path: &str, version: i64, published_at: &str, bytes: &[u8]) -> AppResult<PublicCitation> {
        let office = self.site_info().await?.office;
        Ok(PublicCitation {
            permanent_url: format!("{}{path}/v/{version}", self.public_url),
            data_url: format!("{}{path}/v/{version}/data.json", self.public_url),
            sha256: sha256_hex(bytes),
            published_at: published_at.to_string(),
            office,
            site_name: "Election Transparency Portal".to_string(),
        })
    }

    /// A record's history: every version with its date, correction note and what
    /// changed from the version before, and the number of the current version.
    /// `shown` is the version already loaded; `load` reads any other.
    async fn history<T, F, Fut>(
        &self,
        table: &str,
        slug: &str,
        shown: &T,
        shown_version: i64,
        load: F,
    ) -> AppResult<(Vec<PublicVersionInfo>, i64)>
    where
        T: serde::Serialize + Clone,
        F: Fn(i64) -> Fut,
        Fut: std::future::Future<Output = AppResult<Option<T>>>,
    {
        let versions = self.versions(table, slug).await?;
        let mut history = Vec::new();
        let mut previous: Option<T> = None;
        for (n, published_at, correction_note) in &versions {
            let this = if *n == shown_version {
                shown.clone()
            } else {
                match load(*n).await? {
                    Some(v) => v,
                    None => continue,
                }
            };
            let changes = previous.as_ref().map(|p| differences(p, &this)).unwrap_or_default();
            history.push(PublicVersionInfo {
                version: *n,
                published_at: published_at.clone(),
                correction_note: correction_note.clone(),
                changes,
            });
            previous = Some(this);
        }
        let current = versions.last().map(|v| v.0).unwrap_or(shown_version);
        Ok((history, current))
    }

    /// The tombstone of a retracted record, if it was retracted.
    pub async fn retraction(&self, kind: RecordKind, slug: &str) -> AppResult<Option<PublicRetraction>> {
        let row: Option<(i64, String, String)> = sqlx::query_as(
            "SELECT last_version, retracted_at, reason FROM published_retractions \
             WHERE record_kind = $1 AND slug = $2",
        )
        .bind(kind.code())
        .bind(slug)
        .fetch_optional(&self.db.pool)
        .await?;
        Ok(row.map(|(last_version, retracted_at, reason)| PublicRetraction {
            kind,
            slug: slug.to_string(),
            last_version,
            retracted_at,
            reason,
        }))
    }

    /// One published version of a record of any kind: the current one, or `version`.
    /// A retracted record has no current version.
    pub async fn record_json(&self, kind: RecordKind, slug: &str, version: Option<i64>) -> AppResult<Option<Vec<u8>>> {
        Ok(match kind {
            RecordKind::Audit => self.audit(slug, version).await?.map(|r| canonical_json(&r)),
            RecordKind::Grant => self.grant_version(slug, version).await?.map(|r| canonical_json(&r)),
            RecordKind::Expenditure => self.expenditure(slug, version).await?.map(|r| canonical_json(&r)),
            RecordKind::Update => self.update(slug, version).await?.map(|r| canonical_json(&r)),
        })
    }

    /// A record page: the version asked for (or the current one), its citation, the
    /// record's history with what changed in each version, and its tombstone if it
    /// was retracted (then the "current" page shows the last version under it).
    async fn record_page<T, F, Fut>(
        &self,
        kind: RecordKind,
        slug: &str,
        version: Option<i64>,
        load: F,
    ) -> AppResult<Option<PublicRecordPage<T>>>
    where
        T: serde::Serialize + Clone + Versioned,
        F: Fn(Option<i64>) -> Fut,
        Fut: std::future::Future<Output = AppResult<Option<T>>>,
    {
        let Some((record, history, current_version, retraction)) = self.record_history(kind, slug, version, load).await? else {
            return Ok(None);
        };
        let path = format!("{}/{slug}", kind.path_prefix());
        let citation = self
            .citation(&path, record.version(), record.published_at(), &canonical_json(&record))
            .await?;
        Ok(Some(PublicRecordPage { record, citation, history, current_version, retraction }))
    }

    /// The version asked for (or the current one, or a retracted record's last),
    /// the record's history, its current version number and its tombstone.
    #[allow(clippy::type_complexity)]
    async fn record_history<T, F, Fut>(
        &self,
        kind: RecordKind,
        slug: &str,
        version: Option<i64>,
        load: F,
    ) -> AppResult<Option<(T, Vec<PublicVersionInfo>, i64, Option<PublicRetraction>)>>
    where
        T: serde::Serialize + Clone + Versioned,
        F: Fn(Option<i64>) -> Fut,
        Fut: std::future::Future<Output = AppResult<Option<T>>>,
    {
        let retraction = self.retraction(kind, slug).await?;
        let wanted = match (&retraction, version) {
            (Some(r), None) => Some(r.last_version),
            (_, v) => v,
        };
        let Some(record) = load(wanted).await? else { return Ok(None) };
        let (history, current_version) = self
            .history(published_table(kind), slug, &record, record.version(), |n| load(Some(n)))
            .await?;
        Ok(Some((record, history, current_version, retraction)))
    }

    /// A record's history (every version, its note and changes), its current
    /// version number and its tombstone, without building a citation.
    #[allow(clippy::type_complexity)]
    pub async fn history_of(
        &self,
        kind: RecordKind,
        slug: &str,
    ) -> AppResult<Option<(i64, Vec<PublicVersionInfo>, Option<PublicRetraction>)>> {
        Ok(match kind {
            RecordKind::Audit => self.record_history(kind, slug, None, |v| self.audit(slug, v)).await?.map(|(_, h, c, r)| (c, h, r)),
            RecordKind::Grant => self.record_history(kind, slug, None, |v| self.grant_version(slug, v)).await?.map(|(_, h, c, r)| (c, h, r)),
            RecordKind::Expenditure => self.record_history(kind, slug, None, |v| self.expenditure(slug, v)).await?.map(|(_, h, c, r)| (c, h, r)),
            RecordKind::Update => self.record_history(kind, slug, None, |v| self.update(slug, v)).await?.map(|(_, h, c, r)| (c, h, r)),
        })
    }

    pub async fn audit_page(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicAuditPage>> {
        self.record_page(RecordKind::Audit, slug, version, |v| self.audit(slug, v)).await
    }

    pub async fn update_page(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicUpdatePage>> {
        self.record_page(RecordKind::Update, slug, version, |v| self.update(slug, v)).await
    }

    pub async fn grant_version_page(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicGrantVersionPage>> {
        self.record_page(RecordKind::Grant, slug, version, |v| self.grant_version(slug, v)).await
    }

    pub async fn expenditure_page(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicExpenditurePage>> {
        self.record_page(RecordKind::Expenditure, slug, version, |v| self.expenditure(slug, v)).await
    }

    /// One grant version's own facts: the current version, or `version`.
    pub async fn grant_version(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicGrantVersion>> {
        #[derive(FromRow)]
        struct GrantVersionRow {
            slug: String,
            version: i64,
            published_at: String,
            program: String,
            funder: String,
            recipient_slug: String,
            recipient_name: String,
            federal_cents: i64,
            match_cents: i64,
            award_date: String,
            period_start: Option<String>,
            period_end: Option<String>,
            source: String,
        }
        let row: Option<GrantVersionRow> = sqlx::query_as(&format!(
            "SELECT g.slug, g.version, g.published_at, g.program, g.funder, g.recipient_slug, \
             j.name AS recipient_name, g.federal_cents, g.match_cents, g.award_date, g.period_start, \
             g.period_end, g.source FROM published_grants g JOIN jurisdictions j ON j.slug = g.recipient_slug \
             WHERE g.slug = $1 AND {}",
            version_clause("g", version)
        ))
        .bind(slug)
        .fetch_optional(&self.db.pool)
        .await?;
        Ok(row.map(|g| PublicGrantVersion {
            slug: g.slug,
            version: g.version,
            published_at: g.published_at,
            program: g.program,
            funder: g.funder,
            recipient: PublicJurisdictionRef { slug: g.recipient_slug, name: g.recipient_name },
            federal_cents: g.federal_cents,
            match_cents: g.match_cents,
            award_date: g.award_date,
            period_start: g.period_start,
            period_end: g.period_end,
            source: g.source,
        }))
    }

    /// One expenditure: the current version, or `version`.
    pub async fn expenditure(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicExpenditure>> {
        let mut c = Conditions::new(&format!("WHERE {}", version_clause("x", version)));
        c.eq("x.slug", Some(slug));
        Ok(self.expenditures(&c).await?.pop())
    }

    async fn grants(&self, where_sql: &str, bind: Option<&str>) -> AppResult<Vec<PublicGrant>> {
        let sql = format!("SELECT {GRANT_COLUMNS} {GRANT_JOINS} {where_sql} ORDER BY g.award_date DESC, g.slug");
        let mut q = sqlx::query_as::<_, GrantRow>(&sql);
        if let Some(b) = bind {
            q = q.bind(b);
        }
        Ok(q.fetch_all(&self.db.pool).await?.into_iter().map(GrantRow::into_public).collect())
    }

    /// Spending totals per category and per recipient, over current expenditures.
    pub async fn spending_totals(&self) -> AppResult<(Vec<SpendingTotal>, Vec<SpendingTotal>)> {
        let by_category: Vec<TotalRow> = sqlx::query_as(
            "SELECT category AS key, '' AS name, \
             CAST(SUM(federal_cents + match_cents) AS BIGINT) AS cents \
             FROM published_expenditures WHERE is_current = 1 GROUP BY category ORDER BY cents DESC, key",
        )
        .fetch_all(&self.db.pool)
        .await?;
        let by_recipient: Vec<TotalRow> = sqlx::query_as(
            "SELECT x.recipient_slug AS key, j.name AS name, \
             CAST(SUM(x.federal_cents + x.match_cents) AS BIGINT) AS cents \
             FROM published_expenditures x JOIN jurisdictions j ON j.slug = x.recipient_slug \
             WHERE x.is_current = 1 GROUP BY x.recipient_slug, j.name ORDER BY cents DESC, key",
        )
        .fetch_all(&self.db.pool)
        .await?;
        let convert = |rows: Vec<TotalRow>| {
            rows.into_iter().map(|r| SpendingTotal { key: r.key, name: r.name, cents: r.cents }).collect()
        };
        Ok((convert(by_category), convert(by_recipient)))
    }

    pub async fn spending(&self) -> AppResult<PublicSpendingOverview> {
        let grants = self.grants("WHERE g.is_current = 1", None).await?;
        let (by_category, by_recipient) = self.spending_totals().await?;
        let as_of = self.spending_as_of().await?;
        Ok(PublicSpendingOverview { grants, by_category, by_recipient, as_of, public_url: self.public_url.clone() })
    }

    /// When the newest current expenditure was published: the charts' as-of date.
    pub async fn spending_as_of(&self) -> AppResult<Option<String>> {
        Ok(sqlx::query_scalar("SELECT MAX(published_at) FROM published_expenditures WHERE is_current = 1")
            .fetch_one(&self.db.pool)
            .await?)
    }

    /// Current expenditures matching a WHERE clause, with their withholdings.
    async fn expenditures(&self, c: &Conditions) -> AppResult<Vec<PublicExpenditure>> {
        let sql = format!(
            "SELECT {EXPENDITURE_COLUMNS} {EXPENDITURE_JOINS} {} ORDER BY x.spent_on, x.slug",
            c.sql
        );
        let mut q = sqlx::query_as::<_, ExpenditureRow>(&sql);
        for b in &c.binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(&self.db.pool).await?;
        let withheld_sql = format!(
            "SELECT w.slug, w.detail, w.basis_citation, w.basis_description, w.statement \
             FROM published_withholdings w JOIN published_expenditures x \
             ON x.slug = w.slug AND x.version = w.version AND w.record_kind = 'expenditure' \
             JOIN jurisdictions j ON j.slug = x.recipient_slug {} ORDER BY w.slug, w.position",
            c.sql
        );
        let mut wq = sqlx::query_as::<_, WithholdingRow>(&withheld_sql);
        for b in &c.binds {
            wq = wq.bind(b);
        }
        let mut withheld: HashMap<String, Vec<PublicWithholding>> = HashMap::new();
        for w in wq.fetch_all(&self.db.pool).await? {
            withheld.entry(w.slug.clone()).or_default().push(w.into_public());
        }
        Ok(rows
            .into_iter()
            .map(|r| PublicExpenditure {
                withholdings: withheld.remove(&r.slug).unwrap_or_default(),
                slug: r.slug,
                version: r.version,
                published_at: r.published_at,
                grant_slug: r.grant_slug,
                recipient: PublicJurisdictionRef { slug: r.recipient_slug, name: r.recipient_name },
                category: Category::from_code(&r.category).unwrap_or(Category::Other),
                federal_cents: r.federal_cents,
                match_cents: r.match_cents,
                date: r.spent_on,
                vendor: r.vendor,
                description: r.description,
            })
            .collect())
    }

    pub async fn grant(&self, slug: &str, f: &ExpenditureFilter) -> AppResult<Option<PublicGrantDetail>> {
        let Some(grant) = self.grants("WHERE g.is_current = 1 AND g.slug = $1", Some(slug)).await?.pop() else {
            return Ok(None);
        };
        let Some(versions) = self.grant_version_page(slug, None).await? else { return Ok(None) };
        let mut c = Conditions::new("WHERE x.is_current = 1");
        c.eq("x.grant_slug", Some(slug));
        c.eq("x.category", f.category.map(|c| c.code()));
        c.eq("x.recipient_slug", f.recipient.as_deref());
        let expenditures = self.expenditures(&c).await?;
        let categories: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT category FROM published_expenditures \
             WHERE is_current = 1 AND grant_slug = $1 ORDER BY category",
        )
        .bind(slug)
        .fetch_all(&self.db.pool)
        .await?;
        let recipients: Vec<(String, String)> = sqlx::query_as(
            "SELECT DISTINCT j.slug, j.name FROM published_expenditures x JOIN jurisdictions j \
             ON j.slug = x.recipient_slug WHERE x.is_current = 1 AND x.grant_slug = $1 ORDER BY j.name",
        )
        .bind(slug)
        .fetch_all(&self.db.pool)
        .await?;
        Ok(Some(PublicGrantDetail {
            versions,
            federal_cents: expenditures.iter().map(|e| e.federal_cents).sum(),
            match_cents: expenditures.iter().map(|e| e.match_cents).sum(),
            grant,
            expenditures,
            categories: categories.iter().filter_map(|c| Category::from_code(c)).collect(),
            recipients: recipients.into_iter().map(|(value, label)| Choice { value, label }).collect(),
        }))
    }

    async fn update_summaries(&self, extra: &str, bind: Option<&str>) -> AppResult<Vec<PublicUpdateSummary>> {
        let sql = format!("{UPDATE_SUMMARY} {extra}");
        let mut q = sqlx::query_as::<_, UpdateSummaryRow>(&sql);
        if let Some(b) = bind {
            q = q.bind(b);
        }
        Ok(q.fetch_all(&self.db.pool).await?.into_iter().map(UpdateSummaryRow::into_public).collect())
    }

    pub async fn list_updates(&self, page: u32) -> AppResult<PublicUpdateList> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM published_updates WHERE is_current = 1")
            .fetch_one(&self.db.pool)
            .await?;
        let page = page.max(1);
        let offset = (page as i64 - 1) * PAGE_SIZE as i64;
        let items = self
            .update_summaries(
                &format!("ORDER BY u.update_date DESC, u.slug LIMIT {PAGE_SIZE} OFFSET {offset}"),
                None,
            )
            .await?;
        Ok(PublicUpdateList { items, total, page, pages: pages_for(total) })
    }

    /// One update: the current version, or version `version`.
    pub async fn update(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicUpdate>> {
        #[derive(FromRow)]
        struct UpdateRow {
            slug: String,
            version: i64,
            published_at: String,
            title: String,
            update_date: String,
            office_slug: String,
            office_name: String,
            body_html: String,
        }
        let row: Option<UpdateRow> = sqlx::query_as(&format!(
            "SELECT u.slug, u.version, u.published_at, u.title, u.update_date, u.office_slug, \
             j.name AS office_name, u.body_html FROM published_updates u JOIN jurisdictions j ON j.slug = u.office_slug \
             WHERE u.slug = $1 AND {}",
            version_clause("u", version)
        ))
        .bind(slug)
        .fetch_optional(&self.db.pool)
        .await?;
        Ok(row.map(|u| PublicUpdate {
            slug: u.slug,
            version: u.version,
            published_at: u.published_at,
            title: u.title,
            date: u.update_date,
            office: PublicJurisdictionRef { slug: u.office_slug, name: u.office_name },
            body_html: u.body_html,
        }))
    }

    pub async fn jurisdiction(&self, slug: &str) -> AppResult<Option<PublicJurisdiction>> {
        let row: Option<(String, String, String, String)> =
            sqlx::query_as("SELECT slug, name, kind, fips FROM jurisdictions WHERE slug = $1")
                .bind(slug)
                .fetch_optional(&self.db.pool)
                .await?;
        let Some((slug, name, kind, fips)) = row else { return Ok(None) };
        let binds = [slug.clone()];
        let audits = self
            .audit_summaries("WHERE a.is_current = 1 AND a.jurisdiction_slug = $1", &binds, "")
            .await?;
        let grants = self.grants("WHERE g.is_current = 1 AND g.recipient_slug = $1", Some(&slug)).await?;
        let mut c = Conditions::new("WHERE x.is_current = 1");
        c.eq("x.recipient_slug", Some(&slug));
        let expenditures = self.expenditures(&c).await?;
        let updates = self
            .update_summaries("AND u.office_slug = $1 ORDER BY u.update_date DESC, u.slug", Some(&slug))
            .await?;
        Ok(Some(PublicJurisdiction {
            spent_cents: expenditures.iter().map(|e| e.federal_cents + e.match_cents).sum(),
            kind: JurisdictionKind::from_code(&kind).unwrap_or(JurisdictionKind::County),
            slug,
            name,
            fips,
            audits,
            grants,
            expenditures,
            updates,
        }))
    }
}

/// Logs an unexpected failure and hands the page a generic one.
fn logged<T>(r: AppResult<T>) -> BackendResult<T> {
    r.map_err(|e| {
        match &e {
            crate::error::AppError::Internal(cause) => tracing::error!(%cause, "public read failed"),
            other => tracing::error!(error = %other, "public read failed"),
        }
        BackendError
    })
}

impl PublicBackend for PublicStore {
    fn site_info(&self) -> BoxFuture<'_, BackendResult<SiteInfo>> {
        Box::pin(async move { logged(PublicStore::site_info(self).await) })
    }
    fn home(&self) -> BoxFuture<'_, BackendResult<PublicHome>> {
        Box::pin(async move { logged(PublicStore::home(self).await) })
    }
    fn list_audits(&self, filter: AuditFilter) -> BoxFuture<'_, BackendResult<PublicAuditList>> {
        Box::pin(async move { logged(PublicStore::list_audits(self, &filter).await) })
    }
    fn audit(&self, slug: String, version: Option<i64>) -> BoxFuture<'_, BackendResult<Option<PublicAuditPage>>> {
        Box::pin(async move { logged(PublicStore::audit_page(self, &slug, version).await) })
    }
    fn spending(&self) -> BoxFuture<'_, BackendResult<PublicSpendingOverview>> {
        Box::pin(async move { logged(PublicStore::spending(self).await) })
    }
    fn grant(
        &self,
        slug: String,
        filter: ExpenditureFilter,
    ) -> BoxFuture<'_, BackendResult<Option<PublicGrantDetail>>> {
        Box::pin(async move { logged(PublicStore::grant(self, &slug, &filter).await) })
    }
    fn list_updates(&self, page: u32) -> BoxFuture<'_, BackendResult<PublicUpdateList>> {
        Box::pin(async move { logged(PublicStore::list_updates(self, page).await) })
    }
    fn update(&self, slug: String, version: Option<i64>) -> BoxFuture<'_, BackendResult<Option<PublicUpdatePage>>> {
        Box::pin(async move { logged(PublicStore::update_page(self, &slug, version).await) })
    }
    fn jurisdiction(&self, slug: String) -> BoxFuture<'_, BackendResult<Option<PublicJurisdiction>>> {
        Box::pin(async move { logged(PublicStore::jurisdiction(self, &slug).await) })
    }
    fn grant_version(&self, slug: String, version: Option<i64>) -> BoxFuture<'_, BackendResult<Option<PublicGrantVersionPage>>> {
        Box::pin(async move { logged(PublicStore::grant_version_page(self, &slug, version).await) })
    }
    fn expenditure(&self, slug: String, version: Option<i64>) -> BoxFuture<'_, BackendResult<Option<PublicExpenditurePage>>> {
        Box::pin(async move { logged(PublicStore::expenditure_page(self, &slug, version).await) })
    }
}
