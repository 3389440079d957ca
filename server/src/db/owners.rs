//! `record_owners`: a record's slug belongs to the office it was first drafted
//! for. Only that office, or the state's, may draft a version of it, correct it
//! or retract it.

use super::Conn;
use crate::error::{AppResult, Context};
use app::model::RecordKind;

/// The office that owns a record's slug, if any office has drafted it.
pub async fn owner(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<Option<String>> {
    sqlx::query_scalar("SELECT office_slug FROM record_owners WHERE record_kind = $1 AND slug = $2")
        .bind(kind.code())
        .bind(slug)
        .fetch_optional(conn)
        .await
        .context("reading a record's owner")
}

/// Records `office` as the slug's owner unless it already has one; returns the owner.
pub async fn claim(conn: &mut Conn, kind: RecordKind, slug: &str, office: &str) -> AppResult<String> {
    sqlx::query(
        "INSERT INTO record_owners (record_kind, slug, office_slug) VALUES ($1, $2, $3) \
         ON CONFLICT (record_kind, slug) DO NOTHING",
    )
    .bind(kind.code())
    .bind(slug)
    .bind(office)
    .execute(&mut *conn)
    .await
    .context("claiming a slug")?;
    Ok(owner(conn, kind, slug).await?.unwrap_or_else(|| office.to_string()))
}

/// Moves a record to `office` (a version a state-office reviewer approved moved it).
pub async fn transfer(conn: &mut Conn, kind: RecordKind, slug: &str, office: &str) -> AppResult<()> {
    sqlx::query("UPDATE record_owners SET office_slug = $3 WHERE record_kind = $1 AND slug = $2")
        .bind(kind.code())
        .bind(slug)
        .bind(office)
        .execute(conn)
        .await
        .context("moving a record to another office")?;
    Ok(())
}
