//! Public reference data: jurisdictions (the state and its counties, with FIPS
//! codes), elections, and site settings (the office's name, the sample-data flag).

use super::{decode, Conn, OfficialsDb, PublicDb};
use crate::error::{AppResult, Context};
use app::model::{JurisdictionKind, SiteInfo};

/// Adds a jurisdiction, or keeps the one with that slug.
pub async fn ensure_jurisdiction(
    conn: &mut Conn,
    slug: &str,
    name: &str,
    kind: JurisdictionKind,
    fips: &str,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO jurisdictions (slug, name, kind, fips) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING",
    )
    .bind(slug)
    .bind(name)
    .bind(kind.code())
    .bind(fips)
    .execute(&mut *conn)
    .await
    .context("adding a jurisdiction")?;
    super::data_version::bump(conn).await?;
    Ok(())
}

/// Adds an election, or keeps the one with that slug.
pub async fn ensure_election(conn: &mut Conn, slug: &str, name: &str, date: &str) -> AppResult<()> {
    sqlx::query("INSERT INTO elections (slug, name, election_date) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING")
        .bind(slug)
        .bind(name)
        .bind(date)
        .execute(&mut *conn)
        .await
        .context("adding an election")?;
    super::data_version::bump(conn).await?;
    Ok(())
}

/// Sets a public site setting (office name, sample-data flag).
pub async fn set_site_setting(conn: &mut Conn, key: &str, value: &str) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO site_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(&mut *conn)
    .await
    .context("setting a site setting")?;
    super::data_version::bump(conn).await?;
    Ok(())
}

/// A jurisdiction: name, kind and FIPS code.
pub struct Jurisdiction {
    pub slug: String,
    pub name: String,
    pub kind: JurisdictionKind,
    pub fips: String,
}

async fn jurisdiction_rows(pool: &sqlx::AnyPool, slug: Option<&str>) -> AppResult<Vec<Jurisdiction>> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT slug, name, kind, fips FROM jurisdictions WHERE ($1 = '' OR slug = $1) ORDER BY kind DESC, name",
    )
    .bind(slug.unwrap_or(""))
    .fetch_all(pool)
    .await
    .context("reading jurisdictions")?;
    rows.into_iter()
        .map(|(slug, name, kind, fips)| Ok(Jurisdiction { slug, name, kind: decode("kind", &kind)?, fips }))
        .collect()
}

/// Every jurisdiction, the state first, then counties by name.
pub async fn jurisdictions(db: &PublicDb) -> AppResult<Vec<Jurisdiction>> {
    jurisdiction_rows(&db.pool, None).await
}

pub async fn jurisdiction(db: &PublicDb, slug: &str) -> AppResult<Option<Jurisdiction>> {
    Ok(jurisdiction_rows(&db.pool, Some(slug)).await?.pop())
}

/// Jurisdictions as the officials' forms offer them.
pub async fn jurisdictions_for_officials(db: &OfficialsDb) -> AppResult<Vec<Jurisdiction>> {
    jurisdiction_rows(&db.pool, None).await
}

/// The kind of a jurisdiction, if it exists (the officials' side: offices).
pub async fn jurisdiction_kind(conn: &mut Conn, slug: &str) -> AppResult<Option<JurisdictionKind>> {
    let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM jurisdictions WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await
        .context("reading a jurisdiction")?;
    kind.map(|k| decode("kind", &k)).transpose()
}

/// The state's jurisdiction (the state office), if the reference data has one.
pub async fn state_slug(conn: &mut Conn) -> AppResult<Option<String>> {
    sqlx::query_scalar("SELECT slug FROM jurisdictions WHERE kind = 'state' ORDER BY slug LIMIT 1")
        .fetch_optional(conn)
        .await
        .context("reading the state")
}

pub async fn election_exists(conn: &mut Conn, slug: &str) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM elections WHERE slug = $1")
        .bind(slug)
        .fetch_one(conn)
        .await
        .context("checking an election")?;
    Ok(n > 0)
}

/// Elections, newest first, as (slug, name).
pub async fn elections(db: &OfficialsDb) -> AppResult<Vec<(String, String)>> {
    sqlx::query_as("SELECT slug, name FROM elections ORDER BY election_date DESC, slug")
        .fetch_all(&db.pool)
        .await
        .context("reading elections")
}

/// The site's public facts.
pub async fn site_info(db: &PublicDb, public_url: &str) -> AppResult<SiteInfo> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT key, value FROM site_settings WHERE key IN ('office', 'sample_data')")
            .fetch_all(&db.pool)
            .await
            .context("reading site settings")?;
    let mut info =
        SiteInfo { public_url: public_url.to_string(), office: "Election office".into(), ..SiteInfo::default() };
    for (k, v) in rows {
        match k.as_str() {
            "office" => info.office = v,
            "sample_data" => info.sample_data = v == "1",
            _ => {}
        }
    }
    Ok(info)
}

/// An election's date, if the election exists.
pub async fn election_date(conn: &mut Conn, slug: &str) -> AppResult<Option<String>> {
    sqlx::query_scalar("SELECT election_date FROM elections WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await
        .context("reading an election")
}
