//! Expenditures: `draft_expenditures` and `published_expenditures`, with the
//! public reader's lists, totals and flat entries.

use super::{decode, table_row, Conditions, Conn, PublicDb};
use crate::domain::expenditure::ExpenditureDraft;
use crate::domain::values::{Cents, IsoDate, Line, Slug, Text};
use crate::domain::withholding::{Restricted, RestrictedPart};
use crate::error::{AppError, AppResult, Context};
use app::data::PublicExpenditureEntry;
use app::model::*;

table_row! {
    /// One expenditure draft: every field, restricted ones included.
    pub struct ExpenditureDraftRow in "draft_expenditures" {
        pub slug: String,
        pub grant_slug: String,
        pub recipient_slug: String,
        pub category: String,
        pub federal_cents: i64,
        pub match_cents: i64,
        pub spent_on: String,
        pub vendor: String,
        pub description: String,
        pub security_details: String,
        pub withholding_basis: String,
        pub withholding_statement: String,
        pub internal_notes: String,
        pub created_at: String,
        pub updated_at: String,
    }
}

table_row! {
    /// One published version of an expenditure: public fields only.
    pub struct PublishedExpenditureRow in "published_expenditures" {
        pub slug: String,
        pub version: i64,
        pub is_current: i64,
        pub published_at: String,
        pub grant_slug: String,
        pub recipient_slug: String,
        pub category: String,
        pub federal_cents: i64,
        pub match_cents: i64,
        pub spent_on: String,
        pub vendor: String,
        pub description: String,
        pub withheld_count: i64,
        pub correction_note: Option<String>,
    }
}

fn draft_row(d: &ExpenditureDraft, now: &str) -> ExpenditureDraftRow {
    let ExpenditureDraft {
        slug,
        grant,
        recipient,
        category,
        federal,
        matching,
        spent_on,
        vendor,
        description,
        restricted: RestrictedPart { security_details, withholding_basis, withholding_statement, internal_notes },
    } = d;
    ExpenditureDraftRow {
        slug: slug.to_string(),
        grant_slug: grant.to_string(),
        recipient_slug: recipient.to_string(),
        category: category.code().into(),
        federal_cents: federal.get(),
        match_cents: matching.get(),
        spent_on: spent_on.to_string(),
        vendor: vendor.to_string(),
        description: description.to_string(),
        security_details: security_details.expose().clone(),
        withholding_basis: withholding_basis.clone(),
        withholding_statement: withholding_statement.clone(),
        internal_notes: internal_notes.expose().clone(),
        created_at: now.into(),
        updated_at: now.into(),
    }
}

pub async fn insert_draft(conn: &mut Conn, d: &ExpenditureDraft, now: &str) -> AppResult<i64> {
    let row = draft_row(d, now);
    let sql = format!("{} RETURNING id", ExpenditureDraftRow::insert_sql());
    row.bind_all(sqlx::query(&sql))
        .fetch_one(conn)
        .await
        .context("inserting an expenditure draft")
        .and_then(|r| sqlx::Row::try_get(&r, 0).context("reading the new id"))
}

pub async fn update_draft(conn: &mut Conn, id: i64, d: &ExpenditureDraft, now: &str) -> AppResult<()> {
    let r = draft_row(d, now);
    sqlx::query(
        "UPDATE draft_expenditures SET grant_slug = $1, recipient_slug = $2, category = $3, federal_cents = $4, \
         match_cents = $5, spent_on = $6, vendor = $7, description = $8, security_details = $9, \
         withholding_basis = $10, withholding_statement = $11, internal_notes = $12, updated_at = $13 WHERE id = $14",
    )
    .bind(&r.grant_slug)
    .bind(&r.recipient_slug)
    .bind(&r.category)
    .bind(r.federal_cents)
    .bind(r.match_cents)
    .bind(&r.spent_on)
    .bind(&r.vendor)
    .bind(&r.description)
    .bind(&r.security_details)
    .bind(&r.withholding_basis)
    .bind(&r.withholding_statement)
    .bind(&r.internal_notes)
    .bind(&r.updated_at)
    .bind(id)
    .execute(conn)
    .await
    .context("updating an expenditure draft")?;
    Ok(())
}

fn corrupt(what: &str, m: String) -> AppError {
    AppError::internal(anyhow::anyhow!("corrupt stored expenditure {what}: {m}"))
}

pub async fn load_draft(conn: &mut Conn, id: i64) -> AppResult<Option<ExpenditureDraft>> {
    let sql = format!("SELECT {} FROM draft_expenditures WHERE id = $1", ExpenditureDraftRow::COLUMNS.join(", "));
    let row: Option<ExpenditureDraftRow> =
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await.context("reading an expenditure draft")?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(ExpenditureDraft {
        slug: Slug::parse(&r.slug).map_err(|m| corrupt("slug", m))?,
        grant: Slug::parse(&r.grant_slug).map_err(|m| corrupt("grant", m))?,
        recipient: Slug::parse(&r.recipient_slug).map_err(|m| corrupt("recipient", m))?,
        category: decode("category", &r.category)?,
        federal: Cents::new(r.federal_cents).map_err(|m| corrupt("federal amount", m))?,
        matching: Cents::new(r.match_cents).map_err(|m| corrupt("match amount", m))?,
        spent_on: IsoDate::parse(&r.spent_on).map_err(|m| corrupt("date", m))?,
        vendor: Line::parse(&r.vendor).map_err(|m| corrupt("vendor", m))?,
        description: Text::parse(&r.description, Text::PROSE).map_err(|m| corrupt("description", m))?,
        restricted: RestrictedPart {
            security_details: Restricted::new(r.security_details),
            withholding_basis: r.withholding_basis,
            withholding_statement: r.withholding_statement,
            internal_notes: Restricted::new(r.internal_notes),
        },
    }))
}

// ---- the public reader ----

pub(crate) const JOINS: &str = "FROM published_expenditures x JOIN jurisdictions j ON j.slug = x.recipient_slug";

#[derive(sqlx::FromRow)]
struct ExpenditureView {
    #[sqlx(flatten)]
    row: PublishedExpenditureRow,
    recipient_name: String,
}

fn view_sql(where_sql: &str, tail: &str) -> String {
    format!("SELECT {}, j.name AS recipient_name {JOINS} {where_sql} {tail}", PublishedExpenditureRow::select_list("x"))
}

impl ExpenditureView {
    fn into_public(self, withholdings: Vec<PublicWithholding>) -> AppResult<PublicExpenditure> {
        let ExpenditureView { row: x, recipient_name } = self;
        Ok(PublicExpenditure {
            category: decode("category", &x.category)?,
            slug: x.slug,
            version: x.version,
            published_at: x.published_at,
            grant_slug: x.grant_slug,
            recipient: PublicJurisdictionRef { slug: x.recipient_slug, name: recipient_name },
            federal_cents: x.federal_cents,
            match_cents: x.match_cents,
            date: x.spent_on,
            vendor: x.vendor,
            description: x.description,
            withholdings,
        })
    }
}

/// The conditions of the expenditure lists' filters.
pub fn filter(grant: Option<&str>, category: Option<Category>, recipient: Option<&str>) -> Conditions {
    let mut c = Conditions::new("WHERE x.is_current = 1");
    c.eq("x.grant_slug", grant);
    c.eq("x.category", category.map(|c| c.code()));
    c.eq("x.recipient_slug", recipient);
    c
}

/// Expenditures matching the conditions (on `x.`), with their withholdings, by date.
pub async fn list(db: &PublicDb, c: &Conditions) -> AppResult<Vec<PublicExpenditure>> {
    list_in(&mut *db.conn().await?, c).await
}

/// As [`list`], on a connection (publication reads its own uncommitted version).
pub async fn list_in(conn: &mut Conn, c: &Conditions) -> AppResult<Vec<PublicExpenditure>> {
    let sql = view_sql(&c.sql, "ORDER BY x.spent_on, x.slug");
    let rows: Vec<ExpenditureView> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&mut *conn).await.context("reading expenditures")?;
    let mut withheld = super::withholdings::matching(conn, RecordKind::Expenditure, JOINS, "x", c).await?;
    rows.into_iter()
        .map(|r| {
            let w = withheld.remove(&r.row.slug).unwrap_or_default();
            r.into_public(w)
        })
        .collect()
}

/// One page of the expenditures matching `c`, by date: the ones after (or
/// before) the current expenditure `slug`, or the first page. An index seek
/// (`published_expenditures_grant_date` for a grant) and `limit + 1` rows, with
/// the withholdings of those rows only. `None` when the cursor names no current
/// expenditure.
pub async fn page(
    db: &PublicDb,
    c: &Conditions,
    cursor: Option<(bool, &str)>,
    limit: i64,
) -> AppResult<Option<super::Page<PublicExpenditure>>> {
    let mut c = c.clone();
    let mut order = "ORDER BY x.spent_on, x.slug";
    if let Some((after, slug)) = cursor {
        let date: Option<String> =
            sqlx::query_scalar("SELECT spent_on FROM published_expenditures WHERE slug = $1 AND is_current = 1")
                .bind(slug)
                .fetch_optional(&db.pool)
                .await
                .context("reading a list position")?;
        let Some(date) = date else { return Ok(None) };
        c.binds.push(date);
        c.binds.push(slug.to_string());
        let n = c.binds.len();
        c.sql.push_str(&format!(" AND (x.spent_on, x.slug) {} (${}, ${n})", if after { ">" } else { "<" }, n - 1));
        if !after {
            order = "ORDER BY x.spent_on DESC, x.slug DESC";
        }
    }
    let sql = view_sql(&c.sql, &format!("{order} LIMIT {}", limit + 1));
    let mut conn = db.conn().await?;
    let mut rows: Vec<ExpenditureView> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&mut *conn).await.context("reading expenditures")?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    if matches!(cursor, Some((false, _))) {
        rows.reverse();
    }
    let versions: Vec<(String, i64)> = rows.iter().map(|r| (r.row.slug.clone(), r.row.version)).collect();
    let mut withheld = super::withholdings::of_versions(&mut conn, RecordKind::Expenditure, &versions).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let w = withheld.remove(&r.row.slug).unwrap_or_default();
            r.into_public(w)
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Some(super::Page::of(items, cursor, more, |x| x.slug.clone())))
}

/// A recipient's newest `limit` current expenditures, newest first: an index
/// seek (`published_expenditures_recipient_date`), with their withholdings.
pub async fn newest(db: &PublicDb, recipient: &str, limit: i64) -> AppResult<Vec<PublicExpenditure>> {
    let c = filter(None, None, Some(recipient));
    let sql = view_sql(&c.sql, &format!("ORDER BY x.spent_on DESC, x.slug DESC LIMIT {limit}"));
    let mut conn = db.conn().await?;
    let rows: Vec<ExpenditureView> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&mut *conn).await.context("reading expenditures")?;
    let versions: Vec<(String, i64)> = rows.iter().map(|r| (r.row.slug.clone(), r.row.version)).collect();
    let mut withheld = super::withholdings::of_versions(&mut conn, RecordKind::Expenditure, &versions).await?;
    rows.into_iter()
        .map(|r| {
            let w = withheld.remove(&r.row.slug).unwrap_or_default();
            r.into_public(w)
        })
        .collect()
}

/// How many expenditures match `c` and their federal and match sums: an index
/// range over the filter (a grant's own expenditures on its page).
pub async fn sums(db: &PublicDb, c: &Conditions) -> AppResult<(i64, i64, i64)> {
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(x.federal_cents), 0) AS BIGINT), \
         CAST(COALESCE(SUM(x.match_cents), 0) AS BIGINT) FROM published_expenditures x {}",
        c.sql
    );
    c.bind_as(sqlx::query_as(&sql)).fetch_one(&db.pool).await.context("summing expenditures")
}

/// One expenditure: the current version, or `version`.
pub async fn one(db: &PublicDb, slug: &str, version: Option<i64>) -> AppResult<Option<PublicExpenditure>> {
    one_in(&mut *db.conn().await?, slug, version).await
}

/// As [`one`], on a connection.
pub async fn one_in(conn: &mut Conn, slug: &str, version: Option<i64>) -> AppResult<Option<PublicExpenditure>> {
    let mut c = Conditions::new(&format!("WHERE {}", super::versions::version_clause("x", version)));
    c.eq("x.slug", Some(slug));
    Ok(list_in(conn, &c).await?.pop())
}

pub async fn count(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting expenditures")
}

/// A slice of current expenditures as flat entries, with their bases.
pub async fn entries(
    db: &PublicDb,
    c: &Conditions,
    tail: &str,
    base_url: &str,
) -> AppResult<Vec<PublicExpenditureEntry>> {
    let sql = view_sql(&c.sql, tail);
    let rows: Vec<ExpenditureView> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading expenditures")?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(Vec::new()) };
    let mut bases =
        super::withholdings::current_bases(db, RecordKind::Expenditure, &first.row.slug, &last.row.slug).await?;
    rows.into_iter()
        .map(|ExpenditureView { row: x, recipient_name }| {
            Ok(PublicExpenditureEntry {
                url: format!("{base_url}/expenditures/{}/v/{}", x.slug, x.version),
                withholding_bases: bases.remove(&x.slug).map(|b| b.join(";")),
                category: decode("category", &x.category)?,
                total_cents: x.federal_cents + x.match_cents,
                slug: x.slug,
                version: x.version,
                published_at: x.published_at,
                grant: x.grant_slug,
                recipient_slug: x.recipient_slug,
                recipient_name,
                federal_cents: x.federal_cents,
                match_cents: x.match_cents,
                date: x.spent_on,
                vendor: x.vendor,
                description: x.description,
                withheld_details: x.withheld_count,
                correction_note: x.correction_note,
            })
        })
        .collect()
}

/// Spending per category and per recipient over current expenditures, largest
/// first: read from the totals kept at publication (migration 0013), a row per
/// category and recipient however many expenditures there are.
pub async fn totals(db: &PublicDb) -> AppResult<(Vec<SpendingTotal>, Vec<SpendingTotal>)> {
    let by_category: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT category AS key, '' AS name, CAST(federal_cents + match_cents AS BIGINT) AS cents \
         FROM published_spending_by_category WHERE expenditures > 0 ORDER BY cents DESC, key",
    )
    .fetch_all(&db.pool)
    .await
    .context("totalling by category")?;
    let by_recipient: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT s.recipient_slug AS key, j.name AS name, CAST(s.federal_cents + s.match_cents AS BIGINT) AS cents \
         FROM published_spending_by_recipient s JOIN jurisdictions j ON j.slug = s.recipient_slug \
         WHERE s.expenditures > 0 ORDER BY cents DESC, key",
    )
    .fetch_all(&db.pool)
    .await
    .context("totalling by recipient")?;
    let convert = |rows: Vec<(String, String, i64)>| {
        rows.into_iter().map(|(key, name, cents)| SpendingTotal { key, name, cents }).collect()
    };
    Ok((convert(by_category), convert(by_recipient)))
}

/// How many current expenditures a recipient has and their federal and match
/// sums (kept at publication).
pub async fn recipient_sums(db: &PublicDb, recipient: &str) -> AppResult<(i64, i64, i64)> {
    kept_sums(db, "published_spending_by_recipient", "recipient_slug", recipient, "reading a recipient's spending")
        .await
}

/// How many current expenditures a grant has and their federal and match sums
/// (kept at publication).
pub async fn grant_sums(db: &PublicDb, grant: &str) -> AppResult<(i64, i64, i64)> {
    kept_sums(db, "published_spending_by_grant", "grant_slug", grant, "reading a grant's spending").await
}

/// One row of a kept spending table (`table`, keyed by `column`): its count and
/// federal and match sums, zeros when nothing is spent there. Both names are
/// this module's constants, never a reader's input.
async fn kept_sums(
    db: &PublicDb,
    table: &str,
    column: &str,
    key: &str,
    what: &'static str,
) -> AppResult<(i64, i64, i64)> {
    let sql = format!(
        "SELECT CAST(expenditures AS BIGINT), CAST(federal_cents AS BIGINT), CAST(match_cents AS BIGINT) \
         FROM {table} WHERE {column} = $1"
    );
    let sums: Option<(i64, i64, i64)> = sqlx::query_as(&sql).bind(key).fetch_optional(&db.pool).await.context(what)?;
    Ok(sums.unwrap_or((0, 0, 0)))
}

/// When the newest current expenditure was published: the charts' as-of date.
pub async fn as_of(db: &PublicDb) -> AppResult<Option<String>> {
    sqlx::query_scalar("SELECT MAX(published_at) FROM published_expenditures WHERE is_current = 1")
        .fetch_one(&db.pool)
        .await
        .context("reading the spending date")
}

/// The categories and recipients of a grant's current expenditures, for its filters.
pub async fn grant_choices(db: &PublicDb, grant: &str) -> AppResult<(Vec<Category>, Vec<Choice>)> {
    let categories: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT category FROM published_expenditures WHERE is_current = 1 AND grant_slug = $1 ORDER BY category",
    )
    .bind(grant)
    .fetch_all(&db.pool)
    .await
    .context("reading categories")?;
    let recipients: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT j.slug, j.name FROM published_expenditures x JOIN jurisdictions j \
         ON j.slug = x.recipient_slug WHERE x.is_current = 1 AND x.grant_slug = $1 ORDER BY j.name",
    )
    .bind(grant)
    .fetch_all(&db.pool)
    .await
    .context("reading recipients")?;
    Ok((
        categories.iter().map(|c| decode("category", c)).collect::<AppResult<_>>()?,
        recipients.into_iter().map(|(value, label)| Choice { value, label }).collect(),
    ))
}
