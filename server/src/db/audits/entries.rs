//! The public reader's queries over audit evidence, as the flat entries of the
//! downloads and the API: the current versions' manifest batches, the ballots
//! the sampler drew, and the rounds (one entry per contest per round).

use super::{PublishedRoundRow, PublishedUnitRow};
use crate::db::{flag, Conditions, PublicDb};
use crate::error::{AppError, AppResult, Context};
use app::data::{
    rounded_check_p_value, PublicBatchTallyEntry, PublicManifestEntry, PublicRoundEntry, PublicSampledUnitEntry,
};

const BATCH_JOINS: &str = "FROM published_audit_batches b \
    JOIN published_audits a ON a.slug = b.audit_slug AND a.version = b.version";
const UNIT_JOINS: &str = "FROM published_sampled_units u \
    JOIN published_audits a ON a.slug = u.audit_slug AND a.version = u.version";

/// The conditions of the manifests and sampled-units downloads: the current
/// versions, of one audit or of all.
pub fn evidence_filter(audit: Option<&str>) -> Conditions {
    let mut c = Conditions::new("WHERE a.is_current = 1");
    c.eq("a.slug", audit);
    c
}

/// The conditions of the rounds download: the current versions' rounds, of
/// one audit or of all.
pub fn round_filter(audit: Option<&str>) -> Conditions {
    let mut c = Conditions::new("WHERE a.is_current = 1");
    c.eq("a.slug", audit);
    c
}

/// The number of the current version of a published audit, if it has one.
pub async fn current_audit_version(db: &PublicDb, slug: &str) -> AppResult<Option<i64>> {
    sqlx::query_scalar("SELECT version FROM published_audits WHERE slug = $1 AND is_current = 1")
        .bind(slug)
        .fetch_optional(&db.pool)
        .await
        .context("reading an audit's current version")
}

pub async fn count_batches(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {BATCH_JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting manifest batches")
}

/// A slice of the current manifests' batches as flat entries.
pub async fn batch_entries(db: &PublicDb, c: &Conditions, tail: &str) -> AppResult<Vec<PublicManifestEntry>> {
    #[derive(sqlx::FromRow)]
    struct BatchView {
        audit_slug: String,
        version: i64,
        position: i64,
        batch: String,
        ballots: i64,
        manifest_sha256: Option<String>,
    }
    let sql = format!(
        "SELECT b.audit_slug, b.version, b.position, b.batch, b.ballots, a.manifest_sha256 {BATCH_JOINS} {} {tail}",
        c.sql
    );
    let rows: Vec<BatchView> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading manifest batches")?;
    rows.into_iter()
        .map(|b| {
            let Some(manifest_sha256) = b.manifest_sha256 else {
                return Err(AppError::internal(anyhow::anyhow!(
                    "corrupt stored manifest: audit {} version {} has batches and no SHA-256",
                    b.audit_slug,
                    b.version
                )));
            };
            Ok(PublicManifestEntry {
                audit: b.audit_slug,
                audit_version: b.version,
                batch_number: b.position + 1,
                batch: b.batch,
                ballots: b.ballots,
                manifest_sha256,
            })
        })
        .collect()
}

pub async fn count_units(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {UNIT_JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting sampled units")
}

/// A slice of the current versions' sampled ballots as flat entries, in the
/// order they were drawn.
pub async fn unit_entries(db: &PublicDb, c: &Conditions, tail: &str) -> AppResult<Vec<PublicSampledUnitEntry>> {
    let sql = format!("SELECT {} {UNIT_JOINS} {} {tail}", PublishedUnitRow::select_list("u"), c.sql);
    let rows: Vec<PublishedUnitRow> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading sampled units")?;
    Ok(rows
        .into_iter()
        .map(|u| PublicSampledUnitEntry {
            audit: u.audit_slug,
            audit_version: u.version,
            round: u.round,
            draw: u.position + 1,
            ticket: u.ticket,
            batch: u.batch,
            // A whole batch (PPEB) is stored at position 0.
            position: (u.ballot_position > 0).then_some(u.ballot_position),
        })
        .collect())
}

const TALLY_JOINS: &str = "FROM published_batch_tallies t \
    JOIN published_audits a ON a.slug = t.audit_slug AND a.version = t.version \
    JOIN published_audit_contests c ON c.audit_slug = t.audit_slug AND c.version = t.version \
    AND c.position = t.contest_position \
    JOIN published_audit_files f ON f.audit_slug = t.audit_slug AND f.version = t.version AND f.kind = 'batch_tallies'";

pub async fn count_batch_tallies(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {TALLY_JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting batch tallies")
}

/// A slice of the current versions' batch tallies as flat entries, in the
/// order committed.
pub async fn batch_tally_entries(db: &PublicDb, c: &Conditions, tail: &str) -> AppResult<Vec<PublicBatchTallyEntry>> {
    #[derive(sqlx::FromRow)]
    struct TallyView {
        audit_slug: String,
        version: i64,
        position: i64,
        contest_position: i64,
        contest: String,
        batch: String,
        candidate: String,
        reported: i64,
        audited: Option<i64>,
        sha256: String,
    }
    let sql = format!(
        "SELECT t.audit_slug, t.version, t.position, t.contest_position, c.name AS contest, t.batch, t.candidate, \
         t.reported, t.audited, f.sha256 {TALLY_JOINS} {} {tail}",
        c.sql
    );
    let rows: Vec<TallyView> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading batch tallies")?;
    Ok(rows
        .into_iter()
        .map(|t| PublicBatchTallyEntry {
            audit: t.audit_slug,
            audit_version: t.version,
            row_number: t.position + 1,
            contest_number: t.contest_position + 1,
            contest: t.contest,
            batch: t.batch,
            candidate: t.candidate,
            reported: t.reported,
            audited: t.audited,
            batch_tallies_sha256: t.sha256,
        })
        .collect())
}

const ROUND_JOINS: &str = "FROM published_audit_rounds r \
    JOIN published_audits a ON a.slug = r.audit_slug AND a.version = r.version \
    JOIN published_audit_contests c ON c.audit_slug = r.audit_slug AND c.version = r.version \
    AND c.position = r.contest_position";

pub async fn count_rounds(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {ROUND_JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting audit rounds")
}

/// A slice of the current audits' rounds as flat entries, one per contest per
/// round, each with the portal's recomputation on the cumulative sample.
pub async fn round_entries(db: &PublicDb, c: &Conditions, tail: &str) -> AppResult<Vec<PublicRoundEntry>> {
    #[derive(sqlx::FromRow)]
    struct RoundView {
        #[sqlx(flatten)]
        r: PublishedRoundRow,
        contest: String,
    }
    let sql =
        format!("SELECT {}, c.name AS contest {ROUND_JOINS} {} {tail}", PublishedRoundRow::select_list("r"), c.sql);
    let rows: Vec<RoundView> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading audit rounds")?;
    Ok(rows.into_iter().map(|v| round_entry(v.r, v.contest)).collect())
}

/// A published round as a flat entry.
pub fn round_entry(r: PublishedRoundRow, contest: String) -> PublicRoundEntry {
    PublicRoundEntry {
        audit: r.audit_slug,
        audit_version: r.version,
        round: r.round,
        contest_number: r.contest_position + 1,
        contest,
        sample_size: r.sample_size,
        audited_results: r.audited_results,
        o1: r.o1,
        o2: r.o2,
        u1: r.u1,
        u2: r.u2,
        p_value: r.p_value,
        risk_limit_met: r.risk_limit_met.map(flag),
        started_on: r.started_on,
        completed_on: r.completed_on,
        check_method: r.check_method,
        check_p_value: rounded_check_p_value(r.check_p_value),
        check_risk_limit_met: r.check_risk_limit_met.map(flag),
        check_consistent: r.check_consistent.map(flag),
    }
}
