//! Official updates: `draft_updates` and `published_updates` (the body is stored
//! as sanitised HTML, rendered from Markdown at publication).

use super::{table_row, Conditions, Conn, PublicDb};
use crate::domain::update::UpdateDraft;
use crate::domain::values::{IsoDate, Line, Slug, Text};
use crate::domain::withholding::Restricted;
use crate::error::{AppError, AppResult, Context};
use app::data::PublicUpdateEntry;
use app::model::*;

table_row! {
    pub struct UpdateDraftRow in "draft_updates" {
        pub slug: String,
        pub title: String,
        pub body_markdown: String,
        pub office_slug: String,
        pub update_date: String,
        pub internal_notes: String,
        pub created_at: String,
        pub updated_at: String,
    }
}

table_row! {
    pub struct PublishedUpdateRow in "published_updates" {
        pub slug: String,
        pub version: i64,
        pub is_current: i64,
        pub published_at: String,
        pub title: String,
        pub body_html: String,
        pub office_slug: String,
        pub update_date: String,
        pub correction_note: Option<String>,
    }
}

fn draft_row(d: &UpdateDraft, now: &str) -> UpdateDraftRow {
    let UpdateDraft { slug, title, body, office, date, internal_notes } = d;
    UpdateDraftRow {
        slug: slug.to_string(),
        title: title.to_string(),
        body_markdown: body.to_string(),
        office_slug: office.to_string(),
        update_date: date.to_string(),
        internal_notes: internal_notes.expose().clone(),
        created_at: now.into(),
        updated_at: now.into(),
    }
}

pub async fn insert_draft(conn: &mut Conn, d: &UpdateDraft, now: &str) -> AppResult<i64> {
    let row = draft_row(d, now);
    let sql = format!("{} RETURNING id", UpdateDraftRow::insert_sql());
    row.bind_all(sqlx::query(&sql))
        .fetch_one(conn)
        .await
        .context("inserting an update draft")
        .and_then(|r| sqlx::Row::try_get(&r, 0).context("reading the new id"))
}

pub async fn update_draft(conn: &mut Conn, id: i64, d: &UpdateDraft, now: &str) -> AppResult<()> {
    let r = draft_row(d, now);
    sqlx::query(
        "UPDATE draft_updates SET title = $1, body_markdown = $2, office_slug = $3, update_date = $4, \
         internal_notes = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(&r.title)
    .bind(&r.body_markdown)
    .bind(&r.office_slug)
    .bind(&r.update_date)
    .bind(&r.internal_notes)
    .bind(&r.updated_at)
    .bind(id)
    .execute(conn)
    .await
    .context("updating an update draft")?;
    Ok(())
}

fn corrupt(what: &str, m: String) -> AppError {
    AppError::internal(anyhow::anyhow!("corrupt stored update {what}: {m}"))
}

pub async fn load_draft(conn: &mut Conn, id: i64) -> AppResult<Option<UpdateDraft>> {
    let sql = format!("SELECT {} FROM draft_updates WHERE id = $1", UpdateDraftRow::COLUMNS.join(", "));
    let row: Option<UpdateDraftRow> =
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await.context("reading an update draft")?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(UpdateDraft {
        slug: Slug::parse(&r.slug).map_err(|m| corrupt("slug", m))?,
        title: Line::parse(&r.title).map_err(|m| corrupt("title", m))?,
        body: Text::parse(&r.body_markdown, Text::BODY).map_err(|m| corrupt("body", m))?,
        office: Slug::parse(&r.office_slug).map_err(|m| corrupt("office", m))?,
        date: IsoDate::parse(&r.update_date).map_err(|m| corrupt("date", m))?,
        internal_notes: Restricted::new(r.internal_notes),
    }))
}

// ---- the public reader ----

pub(crate) const JOINS: &str = "FROM published_updates u JOIN jurisdictions j ON j.slug = u.office_slug";

#[derive(sqlx::FromRow)]
struct UpdateView {
    #[sqlx(flatten)]
    row: PublishedUpdateRow,
    office_name: String,
}

fn view_sql(where_sql: &str, tail: &str) -> String {
    format!("SELECT {}, j.name AS office_name {JOINS} {where_sql} {tail}", PublishedUpdateRow::select_list("u"))
}

pub fn filter(office: Option<&str>) -> Conditions {
    let mut c = Conditions::new("WHERE u.is_current = 1");
    c.eq("u.office_slug", office);
    c
}

/// Current update summaries matching the conditions, newest first.
pub async fn summaries(db: &PublicDb, c: &Conditions, tail: &str) -> AppResult<Vec<PublicUpdateSummary>> {
    let sql = view_sql(&c.sql, &format!("ORDER BY u.update_date DESC, u.slug {tail}"));
    let rows: Vec<UpdateView> = c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading updates")?;
    Ok(rows
        .into_iter()
        .map(|UpdateView { row: u, office_name }| PublicUpdateSummary {
            slug: u.slug,
            version: u.version,
            title: u.title,
            date: u.update_date,
            office: PublicJurisdictionRef { slug: u.office_slug, name: office_name },
        })
        .collect())
}

/// One update: the current version, or `version`.
pub async fn one(db: &PublicDb, slug: &str, version: Option<i64>) -> AppResult<Option<PublicUpdate>> {
    one_in(&mut *db.conn().await?, slug, version).await
}

/// As [`one`], on a connection (publication reads its own uncommitted version).
pub async fn one_in(conn: &mut Conn, slug: &str, version: Option<i64>) -> AppResult<Option<PublicUpdate>> {
    let sql = view_sql(&format!("WHERE u.slug = $1 AND {}", super::versions::version_clause("u", version)), "");
    let row: Option<UpdateView> =
        sqlx::query_as(&sql).bind(slug).fetch_optional(conn).await.context("reading an update")?;
    Ok(row.map(|UpdateView { row: u, office_name }| PublicUpdate {
        slug: u.slug,
        version: u.version,
        published_at: u.published_at,
        title: u.title,
        date: u.update_date,
        office: PublicJurisdictionRef { slug: u.office_slug, name: office_name },
        body_html: u.body_html,
    }))
}

pub async fn count(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting updates")
}

/// A slice of current updates as flat entries.
pub async fn entries(db: &PublicDb, c: &Conditions, tail: &str, base_url: &str) -> AppResult<Vec<PublicUpdateEntry>> {
    let sql = view_sql(&c.sql, tail);
    let rows: Vec<UpdateView> = c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading updates")?;
    Ok(rows
        .into_iter()
        .map(|UpdateView { row: u, office_name }| PublicUpdateEntry {
            url: format!("{base_url}/updates/{}/v/{}", u.slug, u.version),
            slug: u.slug,
            version: u.version,
            published_at: u.published_at,
            date: u.update_date,
            title: u.title,
            office_slug: u.office_slug,
            office_name,
            body_html: u.body_html,
            correction_note: u.correction_note,
        })
        .collect())
}
