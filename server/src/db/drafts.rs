//! What every kind's draft table shares: who a draft belongs to, and loading,
//! storing and replacing a draft of any kind.

use super::{audits, expenditures, grants, updates, Conn};
use crate::domain::draft::AnyDraft;
use crate::error::{AppResult, Context};
use app::model::RecordKind;

fn draft_table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Audit => "draft_audits",
        RecordKind::Grant => "draft_grants",
        RecordKind::Expenditure => "draft_expenditures",
        RecordKind::Update => "draft_updates",
    }
}

/// A draft's slug and the jurisdiction it belongs to.
pub async fn owner(conn: &mut Conn, kind: RecordKind, id: i64) -> AppResult<Option<(String, String)>> {
    let sql =
        format!("SELECT slug, {} FROM {} WHERE id = $1", super::versions::jurisdiction_column(kind), draft_table(kind));
    sqlx::query_as(&sql).bind(id).fetch_optional(conn).await.context("reading a draft's owner")
}

/// Whether a slug is used by a draft or a published version of the kind.
pub async fn slug_taken(conn: &mut Conn, kind: RecordKind, slug: &str) -> AppResult<bool> {
    let sql = format!(
        "SELECT (SELECT COUNT(*) FROM {}  WHERE slug = $1) + (SELECT COUNT(*) FROM {} WHERE slug = $1)",
        draft_table(kind),
        super::versions::published_table(kind)
    );
    let n: i64 = sqlx::query_scalar(&sql).bind(slug).fetch_one(conn).await.context("checking a slug")?;
    Ok(n > 0)
}

pub async fn load(conn: &mut Conn, kind: RecordKind, id: i64) -> AppResult<Option<AnyDraft>> {
    Ok(match kind {
        RecordKind::Audit => audits::load_draft(conn, id).await?.map(AnyDraft::Audit),
        RecordKind::Grant => grants::load_draft(conn, id).await?.map(AnyDraft::Grant),
        RecordKind::Expenditure => expenditures::load_draft(conn, id).await?.map(AnyDraft::Expenditure),
        RecordKind::Update => updates::load_draft(conn, id).await?.map(AnyDraft::Update),
    })
}

pub async fn insert(conn: &mut Conn, draft: &AnyDraft, now: &str) -> AppResult<i64> {
    match draft {
        AnyDraft::Audit(d) => audits::insert_draft(conn, d, now).await,
        AnyDraft::Grant(d) => grants::insert_draft(conn, d, now).await,
        AnyDraft::Expenditure(d) => expenditures::insert_draft(conn, d, now).await,
        AnyDraft::Update(d) => updates::insert_draft(conn, d, now).await,
    }
}

/// Replaces a draft's fields (its slug stays; an audit keeps its documents).
pub async fn update(conn: &mut Conn, id: i64, draft: &AnyDraft, now: &str) -> AppResult<()> {
    match draft {
        AnyDraft::Audit(d) => audits::update_draft(conn, id, d, now).await,
        AnyDraft::Grant(d) => grants::update_draft(conn, id, d, now).await,
        AnyDraft::Expenditure(d) => expenditures::update_draft(conn, id, d, now).await,
        AnyDraft::Update(d) => updates::update_draft(conn, id, d, now).await,
    }
}

/// Records that an official created or edited a draft (they may not approve it).
pub async fn add_editor(conn: &mut Conn, kind: RecordKind, draft_id: i64, account_id: i64) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO draft_editors (record_kind, draft_id, account_id) VALUES ($1, $2, $3) \
         ON CONFLICT (record_kind, draft_id, account_id) DO NOTHING",
    )
    .bind(kind.code())
    .bind(draft_id)
    .bind(account_id)
    .execute(conn)
    .await
    .context("recording a draft's editor")?;
    Ok(())
}

/// Everyone who created or edited a draft.
pub async fn editors(conn: &mut Conn, kind: RecordKind, draft_id: i64) -> AppResult<Vec<i64>> {
    sqlx::query_scalar("SELECT account_id FROM draft_editors WHERE record_kind = $1 AND draft_id = $2")
        .bind(kind.code())
        .bind(draft_id)
        .fetch_all(conn)
        .await
        .context("reading a draft's editors")
}
