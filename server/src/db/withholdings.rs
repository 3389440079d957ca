//! `published_withholdings`: what was withheld from a published version — the kind
//! of detail, its legal basis and the office's statement, never the detail.

use super::{table_row, Conditions, Conn, PublicDb};
use crate::error::{AppResult, Context};
use app::model::{PublicWithholding, RecordKind};
use std::collections::HashMap;

table_row! {
    pub struct WithholdingRow in "published_withholdings" {
        pub record_kind: String,
        pub slug: String,
        pub version: i64,
        pub position: i64,
        pub detail: String,
        pub basis_citation: String,
        pub basis_description: String,
        pub statement: String,
    }
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

pub async fn insert_all(conn: &mut Conn, rows: &[WithholdingRow]) -> AppResult<()> {
    for r in rows {
        r.insert(conn).await?;
    }
    Ok(())
}

/// The withholdings of one version.
pub async fn of(conn: &mut Conn, kind: RecordKind, slug: &str, version: i64) -> AppResult<Vec<PublicWithholding>> {
    let rows: Vec<WithholdingRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_withholdings WHERE record_kind = $1 AND slug = $2 AND version = $3 ORDER BY position",
        WithholdingRow::COLUMNS.join(", ")
    ))
    .bind(kind.code())
    .bind(slug)
    .bind(version)
    .fetch_all(&mut *conn)
    .await
    .context("reading withholdings")?;
    Ok(rows.into_iter().map(WithholdingRow::into_public).collect())
}

/// The withholdings of every version matching `c` (a WHERE over `joins`, whose
/// published table has the alias `alias`), by slug.
pub async fn matching(
    conn: &mut Conn,
    kind: RecordKind,
    joins: &str,
    alias: &str,
    c: &Conditions,
) -> AppResult<HashMap<String, Vec<PublicWithholding>>> {
    let sql = format!(
        "SELECT {} {joins} JOIN published_withholdings w ON w.slug = {alias}.slug AND w.version = {alias}.version \
         AND w.record_kind = '{}' {} ORDER BY w.slug, w.position",
        WithholdingRow::select_list("w"),
        kind.code(),
        c.sql
    );
    let rows: Vec<WithholdingRow> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&mut *conn).await.context("reading withholdings")?;
    let mut out: HashMap<String, Vec<PublicWithholding>> = HashMap::new();
    for w in rows {
        out.entry(w.slug.clone()).or_default().push(w.into_public());
    }
    Ok(out)
}

/// The withholdings of the given versions of records of one kind (a page of a
/// list), by slug: one query over the primary key.
pub async fn of_versions(
    conn: &mut Conn,
    kind: RecordKind,
    versions: &[(String, i64)],
) -> AppResult<HashMap<String, Vec<PublicWithholding>>> {
    let mut out: HashMap<String, Vec<PublicWithholding>> = HashMap::new();
    if versions.is_empty() {
        return Ok(out);
    }
    let slugs = (0..versions.len()).map(|i| format!("${}", i + 2)).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT {} FROM published_withholdings w WHERE w.record_kind = $1 AND w.slug IN ({slugs}) \
         ORDER BY w.slug, w.position",
        WithholdingRow::select_list("w"),
    );
    let mut q = sqlx::query_as(&sql).bind(kind.code());
    for (slug, _) in versions {
        q = q.bind(slug);
    }
    let rows: Vec<WithholdingRow> = q.fetch_all(&mut *conn).await.context("reading withholdings")?;
    let wanted: HashMap<&str, i64> = versions.iter().map(|(s, v)| (s.as_str(), *v)).collect();
    for w in rows {
        if wanted.get(w.slug.as_str()) == Some(&w.version) {
            out.entry(w.slug.clone()).or_default().push(w.into_public());
        }
    }
    Ok(out)
}

/// The distinct bases cited by current versions with slugs in `first..=last`.
pub async fn current_bases(
    db: &PublicDb,
    kind: RecordKind,
    first: &str,
    last: &str,
) -> AppResult<HashMap<String, Vec<String>>> {
    let table = super::versions::published_table(kind);
    let rows: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT w.slug, w.basis_citation FROM published_withholdings w JOIN {table} x \
         ON x.slug = w.slug AND x.version = w.version AND w.record_kind = $1 \
         WHERE x.is_current = 1 AND w.slug >= $2 AND w.slug <= $3 ORDER BY w.slug, w.position"
    ))
    .bind(kind.code())
    .bind(first)
    .bind(last)
    .fetch_all(&db.pool)
    .await
    .context("reading bases")?;
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (slug, citation) in rows {
        let list = out.entry(slug).or_default();
        if !list.contains(&citation) {
            list.push(citation);
        }
    }
    Ok(out)
}
