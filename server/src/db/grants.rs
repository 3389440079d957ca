//! Grants: `draft_grants` and `published_grants`, with the spending against each
//! grant summed from current expenditures.

use super::{table_row, Conditions, Conn, PublicDb};
use crate::domain::grant::GrantDraft;
use crate::domain::values::{Cents, IsoDate, Line, Slug, Text};
use crate::error::{AppError, AppResult, Context};
use app::data::PublicGrantEntry;
use app::model::*;

table_row! {
    /// One grant draft (a grant has no restricted field).
    pub struct GrantDraftRow in "draft_grants" {
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
        pub created_at: String,
        pub updated_at: String,
    }
}

table_row! {
    /// One published version of a grant.
    pub struct PublishedGrantRow in "published_grants" {
        pub slug: String,
        pub version: i64,
        pub is_current: i64,
        pub published_at: String,
        pub program: String,
        pub funder: String,
        pub recipient_slug: String,
        pub federal_cents: i64,
        pub match_cents: i64,
        pub award_date: String,
        pub period_start: Option<String>,
        pub period_end: Option<String>,
        pub source: String,
        pub correction_note: Option<String>,
    }
}

fn draft_row(d: &GrantDraft, now: &str) -> GrantDraftRow {
    let GrantDraft {
        slug,
        program,
        funder,
        recipient,
        federal,
        matching,
        award_date,
        period_start,
        period_end,
        source,
    } = d;
    GrantDraftRow {
        slug: slug.to_string(),
        program: program.to_string(),
        funder: funder.to_string(),
        recipient_slug: recipient.to_string(),
        federal_cents: federal.get(),
        match_cents: matching.get(),
        award_date: award_date.to_string(),
        period_start: period_start.map(|d| d.to_string()),
        period_end: period_end.map(|d| d.to_string()),
        source: source.to_string(),
        created_at: now.into(),
        updated_at: now.into(),
    }
}

pub async fn insert_draft(conn: &mut Conn, d: &GrantDraft, now: &str) -> AppResult<i64> {
    let row = draft_row(d, now);
    let sql = format!("{} RETURNING id", GrantDraftRow::insert_sql());
    row.bind_all(sqlx::query(&sql))
        .fetch_one(conn)
        .await
        .context("inserting a grant draft")
        .and_then(|r| sqlx::Row::try_get(&r, 0).context("reading the new id"))
}

pub async fn update_draft(conn: &mut Conn, id: i64, d: &GrantDraft, now: &str) -> AppResult<()> {
    let r = draft_row(d, now);
    sqlx::query(
        "UPDATE draft_grants SET program = $1, funder = $2, recipient_slug = $3, federal_cents = $4, match_cents = $5, \
         award_date = $6, period_start = $7, period_end = $8, source = $9, updated_at = $10 WHERE id = $11",
    )
    .bind(&r.program)
    .bind(&r.funder)
    .bind(&r.recipient_slug)
    .bind(r.federal_cents)
    .bind(r.match_cents)
    .bind(&r.award_date)
    .bind(&r.period_start)
    .bind(&r.period_end)
    .bind(&r.source)
    .bind(&r.updated_at)
    .bind(id)
    .execute(conn)
    .await
    .context("updating a grant draft")?;
    Ok(())
}

fn corrupt(what: &str, m: String) -> AppError {
    AppError::internal(anyhow::anyhow!("corrupt stored grant {what}: {m}"))
}

pub async fn load_draft(conn: &mut Conn, id: i64) -> AppResult<Option<GrantDraft>> {
    let sql = format!("SELECT {} FROM draft_grants WHERE id = $1", GrantDraftRow::COLUMNS.join(", "));
    let row: Option<GrantDraftRow> =
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await.context("reading a grant draft")?;
    let Some(r) = row else { return Ok(None) };
    let date = |what: &str, v: &Option<String>| {
        v.as_deref().map(|d| IsoDate::parse(d).map_err(|m| corrupt(what, m))).transpose()
    };
    Ok(Some(GrantDraft {
        slug: Slug::parse(&r.slug).map_err(|m| corrupt("slug", m))?,
        program: Line::parse(&r.program).map_err(|m| corrupt("program", m))?,
        funder: Line::parse(&r.funder).map_err(|m| corrupt("funder", m))?,
        recipient: Slug::parse(&r.recipient_slug).map_err(|m| corrupt("recipient", m))?,
        federal: Cents::new(r.federal_cents).map_err(|m| corrupt("federal amount", m))?,
        matching: Cents::new(r.match_cents).map_err(|m| corrupt("match amount", m))?,
        award_date: IsoDate::parse(&r.award_date).map_err(|m| corrupt("award date", m))?,
        period_start: date("period start", &r.period_start)?,
        period_end: date("period end", &r.period_end)?,
        source: Text::parse(&r.source, Text::PROSE).map_err(|m| corrupt("source", m))?,
    }))
}

// ---- the public reader ----

/// Grants joined with their recipient's name.
pub(crate) const JOINS: &str = "FROM published_grants g JOIN jurisdictions j ON j.slug = g.recipient_slug";

/// The spending against a grant, kept at publication (migration 0013): one row
/// per grant, however many expenditures it has.
const SPENT: &str = "LEFT JOIN published_spending_by_grant s ON s.grant_slug = g.slug";

#[derive(sqlx::FromRow)]
struct GrantView {
    #[sqlx(flatten)]
    row: PublishedGrantRow,
    recipient_name: String,
    spent_cents: i64,
}

fn view_sql(where_sql: &str, tail: &str) -> String {
    format!(
        "SELECT {}, j.name AS recipient_name, \
         CAST(COALESCE(s.federal_cents + s.match_cents, 0) AS BIGINT) AS spent_cents {JOINS} {SPENT} {where_sql} {tail}",
        PublishedGrantRow::select_list("g")
    )
}

impl GrantView {
    fn into_public(self) -> PublicGrant {
        let GrantView { row: g, recipient_name, spent_cents } = self;
        PublicGrant {
            slug: g.slug,
            version: g.version,
            program: g.program,
            funder: g.funder,
            recipient: PublicJurisdictionRef { slug: g.recipient_slug, name: recipient_name },
            federal_cents: g.federal_cents,
            match_cents: g.match_cents,
            award_date: g.award_date,
            period_start: g.period_start,
            period_end: g.period_end,
            source: g.source,
            spent_cents,
        }
    }
}

/// Current grants matching the conditions (on `g.`), newest award first.
pub async fn list(db: &PublicDb, c: &Conditions) -> AppResult<Vec<PublicGrant>> {
    let sql = view_sql(&c.sql, "ORDER BY g.award_date DESC, g.slug DESC");
    let rows: Vec<GrantView> = c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading grants")?;
    Ok(rows.into_iter().map(GrantView::into_public).collect())
}

/// One page of current grants, newest award first: the grants after (or before)
/// the current grant `slug`, or the first page. An index seek
/// (`published_grants_list`) and `limit + 1` rows, however many grants there
/// are. `None` when the cursor names no current grant.
pub async fn page(
    db: &PublicDb,
    cursor: Option<(bool, &str)>,
    limit: i64,
) -> AppResult<Option<super::Page<PublicGrant>>> {
    let mut c = filter(None);
    let mut order = "ORDER BY g.award_date DESC, g.slug DESC";
    if let Some((after, slug)) = cursor {
        let date: Option<String> =
            sqlx::query_scalar("SELECT award_date FROM published_grants WHERE slug = $1 AND is_current = 1")
                .bind(slug)
                .fetch_optional(&db.pool)
                .await
                .context("reading a grant list position")?;
        let Some(date) = date else { return Ok(None) };
        c.binds.push(date);
        c.binds.push(slug.to_string());
        let n = c.binds.len();
        c.sql.push_str(&format!(" AND (g.award_date, g.slug) {} (${}, ${n})", if after { "<" } else { ">" }, n - 1));
        if !after {
            order = "ORDER BY g.award_date, g.slug";
        }
    }
    let sql = view_sql(&c.sql, &format!("{order} LIMIT {}", limit + 1));
    let rows: Vec<GrantView> = c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading grants")?;
    let more = rows.len() as i64 > limit;
    let mut items: Vec<PublicGrant> = rows.into_iter().take(limit as usize).map(GrantView::into_public).collect();
    if matches!(cursor, Some((false, _))) {
        items.reverse();
    }
    Ok(Some(super::Page::of(items, cursor, more, |g| g.slug.clone())))
}

/// One grant version's own facts: the current version, or `version`.
pub async fn version(db: &PublicDb, slug: &str, version: Option<i64>) -> AppResult<Option<PublicGrantVersion>> {
    version_in(&mut *db.conn().await?, slug, version).await
}

/// As [`version`], on a connection (publication reads its own uncommitted version).
pub async fn version_in(conn: &mut Conn, slug: &str, version: Option<i64>) -> AppResult<Option<PublicGrantVersion>> {
    let sql = view_sql(&format!("WHERE g.slug = $1 AND {}", super::versions::version_clause("g", version)), "");
    let row: Option<GrantView> =
        sqlx::query_as(&sql).bind(slug).fetch_optional(conn).await.context("reading a grant version")?;
    Ok(row.map(|GrantView { row: g, recipient_name, spent_cents: _ }| PublicGrantVersion {
        slug: g.slug,
        version: g.version,
        published_at: g.published_at,
        program: g.program,
        funder: g.funder,
        recipient: PublicJurisdictionRef { slug: g.recipient_slug, name: recipient_name },
        federal_cents: g.federal_cents,
        match_cents: g.match_cents,
        award_date: g.award_date,
        period_start: g.period_start,
        period_end: g.period_end,
        source: g.source,
    }))
}

pub fn filter(recipient: Option<&str>) -> Conditions {
    let mut c = Conditions::new("WHERE g.is_current = 1");
    c.eq("g.recipient_slug", recipient);
    c
}

pub async fn count(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting grants")
}

/// A slice of current grants as flat entries.
pub async fn entries(db: &PublicDb, c: &Conditions, tail: &str, base_url: &str) -> AppResult<Vec<PublicGrantEntry>> {
    let sql = view_sql(&c.sql, tail);
    let rows: Vec<GrantView> = c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading grants")?;
    Ok(rows
        .into_iter()
        .map(|GrantView { row: g, recipient_name, spent_cents }| PublicGrantEntry {
            url: format!("{base_url}/spending/{}/v/{}", g.slug, g.version),
            total_cents: g.federal_cents + g.match_cents,
            slug: g.slug,
            version: g.version,
            published_at: g.published_at,
            program: g.program,
            funder: g.funder,
            recipient_slug: g.recipient_slug,
            recipient_name,
            federal_cents: g.federal_cents,
            match_cents: g.match_cents,
            award_date: g.award_date,
            period_start: g.period_start,
            period_end: g.period_end,
            source: g.source,
            spent_cents,
            correction_note: g.correction_note,
        })
        .collect())
}

/// Whether a grant has a current published version (an expenditure needs one).
pub async fn is_current(conn: &mut Conn, slug: &str) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM published_grants WHERE slug = $1 AND is_current = 1")
        .bind(slug)
        .fetch_one(conn)
        .await
        .context("checking a grant")?;
    Ok(n > 0)
}
