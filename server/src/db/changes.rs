//! `published_changes`: what changed in each version, field by field, computed once
//! at publication from the published rows (so a page view never recomputes it).

use super::{Conn, PublicDb};
use crate::error::{AppResult, Context};
use crate::gate::diff::Change;
use app::model::{PublicChange, RecordKind};

pub async fn insert(conn: &mut Conn, kind: RecordKind, slug: &str, version: i64, changes: &[Change]) -> AppResult<()> {
    for (position, Change { field, before, after }) in changes.iter().enumerate() {
        sqlx::query(
            "INSERT INTO published_changes (record_kind, slug, version, position, field, before_value, after_value) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(kind.code())
        .bind(slug)
        .bind(version)
        .bind(position as i64)
        .bind(field)
        .bind(Some(before.as_str()).filter(|b| !b.is_empty()))
        .bind(Some(after.as_str()).filter(|a| !a.is_empty()))
        .execute(&mut *conn)
        .await
        .context("recording what changed")?;
    }
    Ok(())
}

/// Every version's changes of a record, as (version, change) in order.
pub async fn of_record(db: &PublicDb, kind: RecordKind, slug: &str) -> AppResult<Vec<(i64, PublicChange)>> {
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT version, field, before_value, after_value FROM published_changes \
         WHERE record_kind = $1 AND slug = $2 ORDER BY version, position",
    )
    .bind(kind.code())
    .bind(slug)
    .fetch_all(&db.pool)
    .await
    .context("reading what changed")?;
    Ok(rows.into_iter().map(|(v, field, before, after)| (v, PublicChange { field, before, after })).collect())
}

/// The versions past the first without recorded changes: those of a database from
/// before changes were kept (the caller backfills them), and those that changed
/// nothing but their note (cheap to recompute).
pub async fn versions_without_changes(conn: &mut Conn) -> AppResult<Vec<(String, String, i64)>> {
    let mut out = Vec::new();
    for kind in RecordKind::ALL.iter().copied() {
        let table = super::versions::published_table(kind);
        let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT p.slug, p.version FROM {table} p WHERE p.version > 1 AND NOT EXISTS \
             (SELECT 1 FROM published_changes c WHERE c.record_kind = $1 AND c.slug = p.slug AND c.version = p.version) \
             ORDER BY p.slug, p.version"
        ))
        .bind(kind.code())
        .fetch_all(&mut *conn)
        .await
        .context("finding versions without changes")?;
        out.extend(rows.into_iter().map(|(slug, v)| (kind.code().to_string(), slug, v)));
    }
    Ok(out)
}
