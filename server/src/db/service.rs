//! What running the portal as a service asks of the database: is it answering,
//! is every migration this binary knows applied, how busy are the pools, and an
//! online backup of a SQLite file. Nothing here writes to the portal's tables.

use super::{Backend, OfficialsDb, PublicDb, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use crate::error::{AppError, AppResult, Context};
use sqlx::any::AnyPoolOptions;
use std::collections::HashSet;

/// How many connections a pool holds, and how many of them are idle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

fn pool_use(pool: &sqlx::AnyPool) -> PoolUse {
    PoolUse { size: pool.size(), idle: pool.num_idle() as u32, max: pool.options().get_max_connections() }
}

impl OfficialsDb {
    pub fn pool_use(&self) -> PoolUse {
        pool_use(&self.pool)
    }

    /// The migrations this binary knows that the database has not applied
    /// successfully, as "VERSION description"; empty when the schema is current.
    pub async fn missing_migrations(&self) -> AppResult<Vec<String>> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        // Before the first migration the table does not exist: every one is missing.
        let applied: HashSet<i64> =
            sqlx::query_scalar::<_, i64>("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(&self.pool)
                .await
                .map(|v| v.into_iter().collect())
                .unwrap_or_default();
        Ok(migrator
            .iter()
            .filter(|m| m.migration_type.is_up_migration() && !applied.contains(&m.version))
            .map(|m| format!("{} {}", m.version, m.description))
            .collect())
    }

    /// The database answers a trivial query.
    pub async fn ping(&self) -> AppResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.context("asking the database")?;
        Ok(())
    }
}

impl PublicDb {
    pub fn pool_use(&self) -> PoolUse {
        pool_use(&self.pool)
    }

    /// The public connection answers a trivial query.
    pub async fn ping(&self) -> AppResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.context("asking the database")?;
        Ok(())
    }

    /// The number of entries in the transparency log: every publication,
    /// correction, retraction and commitment ever published.
    pub async fn log_entries(&self) -> AppResult<i64> {
        super::transparency::size(&mut *self.conn().await?).await
    }
}

/// What `portal backup` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Backup {
    /// A consistent copy of the SQLite database was written to the file.
    Written,
    /// The database is PostgreSQL: its own tools back it up.
    UsePgDump,
}

/// Writes a consistent copy of the SQLite database at `url` to `file` while the
/// portal may be serving and publishing (`VACUUM INTO` reads one snapshot, so
/// a publication is either wholly in the copy or not at all). Refuses to write
/// over an existing file. Does not migrate: a backup taken before an upgrade is
/// the database as it was.
pub async fn backup(url: &str, file: &std::path::Path) -> AppResult<Backup> {
    sqlx::any::install_default_drivers();
    if Backend::of(url, "DATABASE_URL")? == Backend::Postgres {
        return Ok(Backup::UsePgDump);
    }
    if file.exists() {
        return Err(AppError::validation(
            "FILE",
            format!("{} already exists; choose a new file name (a backup never overwrites one)", file.display()),
        ));
    }
    let target = file.to_str().ok_or_else(|| AppError::validation("FILE", "use a file name in plain characters"))?;
    // One connection, without `mode=rwc`: a missing database is an error, not a new empty one.
    let source = url.replace("mode=rwc", "mode=rw");
    let pool =
        AnyPoolOptions::new().max_connections(1).connect(&source).await.map_err(|e| {
            AppError::validation("DATABASE_URL", format!("could not open the database to back it up: {e}"))
        })?;
    let result = sqlx::query("VACUUM INTO $1").bind(target).execute(&pool).await;
    pool.close().await;
    result.map_err(|e| AppError::validation("FILE", format!("could not write the backup to {target}: {e}")))?;
    Ok(Backup::Written)
}
