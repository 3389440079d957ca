//! The database connection: SQLite (embedded default) or PostgreSQL, one pool type.
//!
//! Queries are written once in SQL that both databases accept (numbered `$N`
//! parameters, integers and text); each database has its own migrations.

use crate::error::{AppError, AppResult};
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::AnyPool;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connected, migrated database.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// The URL it was opened with (a second connection pool can use it).
    pub url: String,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Connects to `url`, creating a SQLite file's folder if needed, and migrates.
    pub async fn connect(url: &str) -> AppResult<Db> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(AppError::validation(
                "DATABASE_URL",
                "must start with sqlite: or postgres:",
            ));
        };
        if backend == Backend::Sqlite {
            ensure_sqlite_folder(url)?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            .connect(url)
            .await
            .map_err(|e| {
                AppError::validation("DATABASE_URL", format!("could not connect to the database: {e}"))
            })?;
        if backend == Backend::Sqlite {
            // Readers do not block the writer; the setting persists in the file.
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
        }
        let db = Db { pool, backend, url: url.to_string() };
        db.migrate().await?;
        Ok(db)
    }

    /// Connects for the public side only, without migrating: on PostgreSQL this is a
    /// role that may read the public tables and nothing else (`PUBLIC_DATABASE_URL`).
    pub async fn connect_public(url: &str) -> AppResult<Db> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") { Backend::Sqlite } else { Backend::Postgres };
        let pool = AnyPoolOptions::new().max_connections(10).connect(url).await.map_err(|e| {
            AppError::validation("PUBLIC_DATABASE_URL", format!("could not connect to the database: {e}"))
        })?;
        Ok(Db { pool, backend, url: url.to_string() })
    }

    /// Lets a PostgreSQL role read the tables the public side reads, and nothing
    /// else. Run by `portal grant-public-role ROLE` as the owner of the schema.
    pub async fn grant_public_read(&self, role: &str) -> AppResult<()> {
        if self.backend != Backend::Postgres {
            return Err(AppError::validation("DATABASE_URL", "database roles exist only on PostgreSQL"));
        }
        if role.is_empty() || !role.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(AppError::validation("ROLE", "use letters, digits and underscores only"));
        }
        sqlx::query(&format!("GRANT USAGE ON SCHEMA public TO {role}")).execute(&self.pool).await?;
        let tables = crate::store::PUBLIC_TABLES.join(", ");
        sqlx::query(&format!("GRANT SELECT ON {tables} TO {role}")).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn migrate(&self) -> AppResult<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }
}

fn ensure_sqlite_folder(url: &str) -> AppResult<()> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| {
                AppError::validation(
                    "DATABASE_URL",
                    format!("could not create the folder {}: {e}", parent.display()),
                )
            })?;
        }
    }
    Ok(())
}

/// A float parameter, bound as text and cast in SQL (`CAST($n AS DOUBLE PRECISION)`).
///
/// sqlx 0.8's Any driver declares a NULL `f64` to PostgreSQL as `real` (4 bytes), and
/// the cached statement then rejects the next non-NULL 8-byte value. Text round-trips
/// an `f64` exactly and both databases cast it.
pub fn float_param(value: Option<f64>) -> Option<String> {
    value.map(|v| v.to_string())
}
