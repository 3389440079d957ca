//! What every record kind's published table shares: version numbers, the
//! current-version marker, histories, and the publications the feeds list.

use super::{Conn, PublicDb};
use crate::error::{AppError, AppResult, Context};
use app::model::RecordKind;

/// The published table of a record kind.
pub fn published_table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Audit => "published_audits",
        RecordKind::Grant => "published_grants",
        RecordKind::Expenditure => "published_expenditures",
        RecordKind::Update => "published_updates",
    }
}

/// The column that says whose office a record of the kind belongs to.
pub fn jurisdiction_column(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Audit => "jurisdiction_slug",
        RecordKind::Grant | RecordKind::Expenditure => "recipient_slug",
        RecordKind::Update => "office_slug",
    }
}

/// Selects the current version, or one version by number.
pub fn version_clause(alias: &str, version: Option<i64>) -> String {
    match version {
        None => format!("{alias}.is_current = 1"),
        Some(n) => format!("{alias}.version = {n}"),
    }
}

/// The number of a record's newest published version (0: never published).
pub async fn last_version(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<i64> {
    let sql =
        format!("SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM {} WHERE slug = $1", published_table(kind));
    sqlx::query_scalar(&sql).bind(slug).fetch_one(conn).await.context("reading the last version")
}

/// The next version of a record inside a publication's transaction: refused for a
/// retracted record (unless the state office restores it: its tombstone goes),
/// for a first publication that claims to be a correction and for a correction
/// without a note. Marks the previous version as not current.
pub async fn next_version(
    conn: &mut Conn,
    kind: RecordKind,
    slug: &str,
    is_correction: bool,
    may_restore: bool,
) -> AppResult<i64> {
    if super::retractions::exists(conn, kind, slug).await? {
        if !may_restore {
            return Err(AppError::validation(
                "slug",
                format!("\"{slug}\" was retracted; only the state office may restore it"),
            ));
        }
        super::retractions::remove(conn, kind, slug).await?;
    }
    let last = last_version(conn, kind, slug).await?;
    match (last, is_correction) {
        (0, true) => {
            return Err(AppError::validation(
                "correction_note",
                format!("\"{slug}\" has no published version to correct"),
            ))
        }
        (n, false) if n > 0 => {
            return Err(AppError::validation(
                "correction_note",
                format!("\"{slug}\" is already published (version {n}); publish a correction with a public note"),
            ))
        }
        _ => {}
    }
    clear_current(conn, kind, slug).await?;
    Ok(last + 1)
}

/// Marks every version of a record as not current.
pub async fn clear_current(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<()> {
    let sql = format!("UPDATE {} SET is_current = 0 WHERE slug = $1 AND is_current = 1", published_table(kind));
    sqlx::query(&sql).bind(slug).execute(conn).await.context("clearing the current version")?;
    Ok(())
}

/// The current version of a record: its number, jurisdiction and a name for it
/// (the jurisdiction's name for audits, the program, vendor or title otherwise).
pub async fn current(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<Option<(i64, String, String)>> {
    let title = match kind {
        RecordKind::Audit => "(SELECT name FROM jurisdictions WHERE slug = p.jurisdiction_slug)",
        RecordKind::Grant => "p.program",
        RecordKind::Expenditure => "p.vendor",
        RecordKind::Update => "p.title",
    };
    let sql = format!(
        "SELECT p.version, p.{}, {title} FROM {} p WHERE p.slug = $1 AND p.is_current = 1",
        jurisdiction_column(kind),
        published_table(kind)
    );
    sqlx::query_as(&sql).bind(slug).fetch_optional(conn).await.context("reading the current version")
}

/// Every published version of a record: number, date and correction note.
pub async fn list(db: &PublicDb, kind: RecordKind, slug: &str) -> AppResult<Vec<(i64, String, Option<String>)>> {
    let sql = format!(
        "SELECT version, published_at, correction_note FROM {} WHERE slug = $1 ORDER BY version",
        published_table(kind)
    );
    sqlx::query_as(&sql).bind(slug).fetch_all(&db.pool).await.context("reading versions")
}

/// When anything public last changed: the newest publication or retraction.
pub async fn last_change(db: &PublicDb) -> AppResult<Option<String>> {
    sqlx::query_scalar(
        "SELECT MAX(t) FROM (\
         SELECT MAX(published_at) AS t FROM published_audits \
         UNION ALL SELECT MAX(published_at) FROM published_grants \
         UNION ALL SELECT MAX(published_at) FROM published_expenditures \
         UNION ALL SELECT MAX(published_at) FROM published_updates \
         UNION ALL SELECT MAX(retracted_at) FROM published_retractions) changes",
    )
    .fetch_one(&db.pool)
    .await
    .context("reading the last change")
}

/// The address and last publication date of every current record page.
pub async fn current_record_paths(db: &PublicDb) -> AppResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    for kind in RecordKind::ALL.iter().copied() {
        let rows: Vec<(String, String)> = sqlx::query_as(&format!(
            "SELECT slug, published_at FROM {} WHERE is_current = 1 ORDER BY slug",
            published_table(kind)
        ))
        .fetch_all(&db.pool)
        .await
        .context("reading record paths")?;
        out.extend(rows.into_iter().map(|(slug, at)| (format!("{}/{slug}", kind.path_prefix()), at)));
    }
    Ok(out)
}

/// One published version or retraction, as the feeds list it.
#[derive(Debug)]
pub struct Publication {
    pub kind: RecordKind,
    pub slug: String,
    pub version: i64,
    pub published_at: String,
    pub correction_note: Option<String>,
    /// A name for the record: the jurisdiction (audits), program, vendor or title.
    pub title: String,
    pub audit_type: Option<app::model::AuditType>,
    pub grant_slug: Option<String>,
    /// Set for a retraction: the tombstone's reason.
    pub retraction_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct PublicationRow {
    slug: String,
    version: i64,
    published_at: String,
    correction_note: Option<String>,
    title: String,
    audit_type: Option<String>,
    grant_slug: Option<String>,
}

/// The newest published versions of every kind and the newest retractions, newest
/// first, for the whole portal or one jurisdiction.
pub async fn publications(db: &PublicDb, jurisdiction: Option<&str>, limit: i64) -> AppResult<Vec<Publication>> {
    let queries: [(RecordKind, &str); 4] = [
        (
            RecordKind::Audit,
            "SELECT a.slug, a.version, a.published_at, a.correction_note, j.name AS title, \
             a.audit_type, CAST(NULL AS TEXT) AS grant_slug FROM published_audits a \
             JOIN jurisdictions j ON j.slug = a.jurisdiction_slug WHERE ($1 = '' OR a.jurisdiction_slug = $1)",
        ),
        (
            RecordKind::Update,
            "SELECT slug, version, published_at, correction_note, title, \
             CAST(NULL AS TEXT) AS audit_type, CAST(NULL AS TEXT) AS grant_slug FROM published_updates \
             WHERE ($1 = '' OR office_slug = $1)",
        ),
        (
            RecordKind::Grant,
            "SELECT slug, version, published_at, correction_note, program AS title, \
             CAST(NULL AS TEXT) AS audit_type, CAST(NULL AS TEXT) AS grant_slug FROM published_grants \
             WHERE ($1 = '' OR recipient_slug = $1)",
        ),
        (
            RecordKind::Expenditure,
            "SELECT slug, version, published_at, correction_note, vendor AS title, \
             CAST(NULL AS TEXT) AS audit_type, grant_slug FROM published_expenditures \
             WHERE ($1 = '' OR recipient_slug = $1)",
        ),
    ];
    let mut all = Vec::new();
    for (kind, sql) in queries {
        let sql = format!(
            "SELECT slug, version, published_at, correction_note, title, audit_type, grant_slug \
             FROM ({sql}) p ORDER BY published_at DESC, slug LIMIT {limit}"
        );
        let rows: Vec<PublicationRow> = sqlx::query_as(&sql)
            .bind(jurisdiction.unwrap_or(""))
            .fetch_all(&db.pool)
            .await
            .context("reading publications")?;
        for r in rows {
            all.push(Publication {
                kind,
                audit_type: r.audit_type.as_deref().map(|t| super::decode("audit_type", t)).transpose()?,
                slug: r.slug,
                version: r.version,
                published_at: r.published_at,
                correction_note: r.correction_note,
                title: r.title,
                grant_slug: r.grant_slug,
                retraction_reason: None,
            });
        }
    }
    for r in super::retractions::newest(db, jurisdiction, limit).await? {
        all.push(Publication {
            kind: super::decode("record_kind", &r.record_kind)?,
            slug: r.slug,
            version: r.last_version,
            published_at: r.retracted_at,
            correction_note: None,
            title: r.title,
            audit_type: None,
            grant_slug: None,
            retraction_reason: Some(r.reason),
        });
    }
    all.sort_by(|a, b| b.published_at.cmp(&a.published_at).then(a.slug.cmp(&b.slug)).then(b.version.cmp(&a.version)));
    all.truncate(limit.max(0) as usize);
    Ok(all)
}

/// Every published version of every record, current or not (kind, slug,
/// version): each has a permanent page, data and proof.
pub async fn every_version(db: &PublicDb) -> AppResult<Vec<(RecordKind, String, i64)>> {
    let mut out = Vec::new();
    for kind in RecordKind::ALL.iter().copied() {
        let rows: Vec<(String, i64)> =
            sqlx::query_as(&format!("SELECT slug, version FROM {} ORDER BY slug, version", published_table(kind)))
                .fetch_all(&db.pool)
                .await
                .context("reading every version")?;
        out.extend(rows.into_iter().map(|(slug, version)| (kind, slug, version)));
    }
    Ok(out)
}
