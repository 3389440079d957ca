//! The totals kept at publication (migration 0013): counts and sums over the
//! current published versions, which triggers keep right inside the transaction
//! that writes or retires a version, so the home page and `/spending` read a row
//! instead of summing every published row.

use super::PublicDb;
use crate::error::{AppResult, Context};

/// Counts and sums over every current version.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Totals {
    pub audits: i64,
    pub audits_withheld: i64,
    pub grants: i64,
    pub awarded_cents: i64,
    pub expenditures: i64,
    pub spent_cents: i64,
    pub expenditures_withheld: i64,
}

pub async fn read(db: &PublicDb) -> AppResult<Totals> {
    let totals: Option<Totals> = sqlx::query_as(
        "SELECT CAST(audits AS BIGINT) AS audits, CAST(audits_withheld AS BIGINT) AS audits_withheld, \
         CAST(grants AS BIGINT) AS grants, CAST(awarded_cents AS BIGINT) AS awarded_cents, \
         CAST(expenditures AS BIGINT) AS expenditures, CAST(spent_cents AS BIGINT) AS spent_cents, \
         CAST(expenditures_withheld AS BIGINT) AS expenditures_withheld FROM published_totals WHERE id = 1",
    )
    .fetch_optional(&db.pool)
    .await
    .context("reading the totals")?;
    Ok(totals.unwrap_or_default())
}
