//! `published_retractions`: the public tombstone of a record withdrawn from
//! publication, with the office's reason. Its versions stay readable.

use super::{decode, table_row, Conn, PublicDb};
use crate::error::{AppResult, Context};
use app::model::{PublicRetraction, RecordKind};

table_row! {
    pub struct RetractionRow in "published_retractions" {
        pub record_kind: String,
        pub slug: String,
        pub last_version: i64,
        pub retracted_at: String,
        pub reason: String,
        pub jurisdiction_slug: String,
        pub title: String,
    }
}

pub async fn exists(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM published_retractions WHERE record_kind = $1 AND slug = $2")
        .bind(kind.code())
        .bind(slug)
        .fetch_one(conn)
        .await
        .context("checking a retraction")?;
    Ok(n > 0)
}

/// Removes a record's tombstone: the state office restored it as a new version.
pub async fn remove(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM published_retractions WHERE record_kind = $1 AND slug = $2")
        .bind(kind.code())
        .bind(slug)
        .execute(conn)
        .await
        .context("removing a tombstone")?;
    Ok(())
}

/// The tombstone of a retracted record, if it was retracted.
pub async fn of(db: &PublicDb, kind: RecordKind, slug: &str) -> AppResult<Option<PublicRetraction>> {
    let row: Option<RetractionRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_retractions WHERE record_kind = $1 AND slug = $2",
        RetractionRow::COLUMNS.join(", ")
    ))
    .bind(kind.code())
    .bind(slug)
    .fetch_optional(&db.pool)
    .await
    .context("reading a retraction")?;
    row.map(|r| {
        Ok(PublicRetraction {
            kind: decode("record_kind", &r.record_kind)?,
            slug: r.slug,
            last_version: r.last_version,
            retracted_at: r.retracted_at,
            reason: r.reason,
        })
    })
    .transpose()
}

/// The newest retractions, for the whole portal or one jurisdiction.
pub async fn newest(db: &PublicDb, jurisdiction: Option<&str>, limit: i64) -> AppResult<Vec<RetractionRow>> {
    sqlx::query_as(&format!(
        "SELECT {} FROM published_retractions WHERE ($1 = '' OR jurisdiction_slug = $1) \
         ORDER BY retracted_at DESC, slug LIMIT {limit}",
        RetractionRow::COLUMNS.join(", ")
    ))
    .bind(jurisdiction.unwrap_or(""))
    .fetch_all(&db.pool)
    .await
    .context("reading retractions")
}

/// Every tombstone: the record's kind, slug and last version.
pub async fn every(db: &PublicDb) -> AppResult<Vec<(RecordKind, String, i64)>> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT record_kind, slug, last_version FROM published_retractions ORDER BY slug")
            .fetch_all(&db.pool)
            .await
            .context("reading the retractions")?;
    rows.into_iter().map(|(kind, slug, v)| Ok((decode("record_kind", &kind)?, slug, v))).collect()
}
