//! A published version's rows of any kind, as the gate writes them and as the
//! officials' review reads the current version back to show what would change.

use super::audits::{
    PublishedAudit, PublishedAuditRow, PublishedBatchRow, PublishedBatchTallyRow, PublishedContestRow,
    PublishedDocumentRow, PublishedFileRow, PublishedInterpretationRow, PublishedRoundRow, PublishedTallyRow,
    PublishedUnitRow,
};
use super::expenditures::PublishedExpenditureRow;
use super::grants::PublishedGrantRow;
use super::updates::PublishedUpdateRow;
use super::withholdings::WithholdingRow;
use super::Conn;
use crate::error::{AppResult, Context};
use app::model::RecordKind;

/// The published rows of one version of one record.
pub enum PublishedRows {
    Audit(Box<PublishedAudit>),
    Grant(PublishedGrantRow),
    Expenditure(PublishedExpenditureRow),
    Update(PublishedUpdateRow),
}

impl PublishedRows {
    pub async fn insert(&self, conn: &mut Conn) -> AppResult<()> {
        match self {
            PublishedRows::Audit(a) => a.insert(conn).await,
            PublishedRows::Grant(g) => g.insert(conn).await,
            PublishedRows::Expenditure(x) => x.insert(conn).await,
            PublishedRows::Update(u) => u.insert(conn).await,
        }
    }
}

async fn rows<T>(
    conn: &mut Conn,
    table: &str,
    columns: &[&str],
    key: &str,
    slug: &str,
    version: i64,
    order: &str,
) -> AppResult<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let sql = format!("SELECT {} FROM {table} WHERE {key} = $1 AND version = $2 ORDER BY {order}", columns.join(", "));
    sqlx::query_as(&sql).bind(slug).bind(version).fetch_all(conn).await.context("reading published rows")
}

/// The current version's rows and withholdings, if the record has one.
pub async fn current(
    conn: &mut Conn,
    kind: RecordKind,
    slug: &str,
) -> AppResult<Option<(PublishedRows, Vec<WithholdingRow>)>> {
    let table = super::versions::published_table(kind);
    let version: Option<i64> =
        sqlx::query_scalar(&format!("SELECT version FROM {table} WHERE slug = $1 AND is_current = 1"))
            .bind(slug)
            .fetch_optional(&mut *conn)
            .await
            .context("reading the current version")?;
    let Some(version) = version else { return Ok(None) };
    version_rows(conn, kind, slug, version).await
}

/// One version's rows and withholdings, if it was published.
pub async fn version_rows(
    conn: &mut Conn,
    kind: RecordKind,
    slug: &str,
    version: i64,
) -> AppResult<Option<(PublishedRows, Vec<WithholdingRow>)>> {
    let table = super::versions::published_table(kind);
    let published = match kind {
        RecordKind::Audit => {
            let mut head: Vec<PublishedAuditRow> =
                rows(conn, table, PublishedAuditRow::COLUMNS, "slug", slug, version, "slug").await?;
            let Some(audit) = head.pop() else { return Ok(None) };
            let contests = rows::<PublishedContestRow>(
                conn,
                "published_audit_contests",
                PublishedContestRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "position",
            )
            .await?;
            let tallies = rows::<PublishedTallyRow>(
                conn,
                "published_contest_tallies",
                PublishedTallyRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "contest_position, position",
            )
            .await?;
            let documents = rows::<PublishedDocumentRow>(
                conn,
                "published_audit_documents",
                PublishedDocumentRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "position",
            )
            .await?;
            let batches = rows::<PublishedBatchRow>(
                conn,
                "published_audit_batches",
                PublishedBatchRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "position",
            )
            .await?;
            let files = rows::<PublishedFileRow>(
                conn,
                "published_audit_files",
                PublishedFileRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "position",
            )
            .await?;
            let units = rows::<PublishedUnitRow>(
                conn,
                "published_sampled_units",
                PublishedUnitRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "position",
            )
            .await?;
            let interpretations = rows::<PublishedInterpretationRow>(
                conn,
                "published_ballot_interpretations",
                PublishedInterpretationRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "position",
            )
            .await?;
            let batch_tallies = rows::<PublishedBatchTallyRow>(
                conn,
                "published_batch_tallies",
                PublishedBatchTallyRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "position",
            )
            .await?;
            let rounds = rows::<PublishedRoundRow>(
                conn,
                "published_audit_rounds",
                PublishedRoundRow::COLUMNS,
                "audit_slug",
                slug,
                version,
                "position",
            )
            .await?;
            PublishedRows::Audit(Box::new(PublishedAudit {
                audit,
                contests,
                tallies,
                documents,
                batches,
                files,
                units,
                interpretations,
                batch_tallies,
                rounds,
            }))
        }
        RecordKind::Grant => {
            match rows(conn, table, PublishedGrantRow::COLUMNS, "slug", slug, version, "slug").await?.pop() {
                Some(g) => PublishedRows::Grant(g),
                None => return Ok(None),
            }
        }
        RecordKind::Expenditure => {
            match rows(conn, table, PublishedExpenditureRow::COLUMNS, "slug", slug, version, "slug").await?.pop() {
                Some(x) => PublishedRows::Expenditure(x),
                None => return Ok(None),
            }
        }
        RecordKind::Update => {
            match rows(conn, table, PublishedUpdateRow::COLUMNS, "slug", slug, version, "slug").await?.pop() {
                Some(u) => PublishedRows::Update(u),
                None => return Ok(None),
            }
        }
    };
    let withheld = sqlx::query_as(&format!(
        "SELECT {} FROM published_withholdings WHERE record_kind = $1 AND slug = $2 AND version = $3 ORDER BY position",
        WithholdingRow::COLUMNS.join(", ")
    ))
    .bind(kind.code())
    .bind(slug)
    .bind(version)
    .fetch_all(&mut *conn)
    .await
    .context("reading withholdings")?;
    Ok(Some((published, withheld)))
}
