//! The only place with SQL. Two handles, whose pools are private to this module:
//!
//! - [`PublicDb`]: what the public side reads through. On SQLite it is a second
//!   pool opened read-only; on PostgreSQL it connects as the public role (which may
//!   read the published tables and reference data only) when one is configured.
//!   Its queries name published tables and reference data, never a draft.
//! - [`OfficialsDb`]: the officials' side and the gate: drafts, submissions,
//!   accounts, the activity log, and publication.
//!
//! Queries are written once in SQL that both databases accept through sqlx's `Any`
//! driver (numbered `$N` parameters, integers, text, ISO 8601 dates as text); each
//! database has its own migrations. Each table group has one module with one row
//! type and one column list that its queries use.

pub mod accounts;
pub mod activity;
pub mod attempts;
pub mod audits;
pub mod changes;
pub mod collections;
pub mod data_version;
pub mod drafts;
pub mod expenditures;
pub mod grants;
pub mod overrides;
pub mod owners;
pub mod published;
pub mod reference;
pub mod retractions;
pub mod service;
pub mod sessions;
pub mod submissions;
pub mod totals;
pub mod transparency;
pub mod updates;
pub mod versions;
pub mod withholdings;

use crate::error::{AppError, AppResult, Context};
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{Any, AnyPool};

pub use sqlx::AnyConnection as Conn;

/// Which database a connection is to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn of(url: &str, setting: &str) -> AppResult<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(AppError::validation(setting, "must start with sqlite: or postgres:"))
        }
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The officials' connection: reads and writes everything.
#[derive(Clone, Debug)]
pub struct OfficialsDb {
    pool: AnyPool,
    backend: Backend,
    url: String,
}

/// The public side's connection: reads published tables and reference data only.
#[derive(Clone, Debug)]
pub struct PublicDb {
    pool: AnyPool,
    backend: Backend,
}

/// A transaction on the officials' database.
pub type Tx = sqlx::Transaction<'static, Any>;

/// Ends a transaction with its result: commits a success, and rolls a failure
/// back at once (a dropped SQLite transaction that wrote would keep its write
/// lock until its connection is next used, and other writers would time out).
pub async fn finish<T>(tx: Tx, result: AppResult<T>) -> AppResult<T> {
    match result {
        Ok(v) => {
            tx.commit().await.context("committing")?;
            // A write the public side shows is visible in this process at once.
            data_version::mark_local_write();
            Ok(v)
        }
        Err(e) => {
            if let Err(rollback) = tx.rollback().await {
                tracing::warn!(error = %rollback, "rolling back a failed transaction");
            }
            Err(e)
        }
    }
}

impl OfficialsDb {
    /// Connects to `url`, creating a SQLite file's folder if needed, and migrates.
    pub async fn connect(url: &str) -> AppResult<OfficialsDb> {
        install_default_drivers();
        let backend = Backend::of(url, "DATABASE_URL")?;
        if backend == Backend::Sqlite {
            ensure_sqlite_folder(url)?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            .connect(url)
            .await
            .map_err(|e| AppError::validation("DATABASE_URL", format!("could not connect to the database: {e}")))?;
        if backend == Backend::Sqlite {
            // Readers do not block the writer; the setting persists in the file.
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await.context("setting WAL mode")?;
        }
        let db = OfficialsDb { pool, backend, url: url.to_string() };
        db.migrate().await?;
        if backend == Backend::Sqlite {
            // Index statistics for the planner, refreshed where the tables grew
            // (SQLite's advice for long-lived connections; a sample of each index,
            // so quick at any size). Without them it cannot tell that a county is
            // a narrower filter than an outcome and reads the wider index.
            // PostgreSQL's autovacuum keeps its own.
            sqlx::query("PRAGMA analysis_limit = 1000").execute(&db.pool).await.context("limiting analysis")?;
            sqlx::query("PRAGMA optimize = 0x10002").execute(&db.pool).await.context("optimizing")?;
        }
        Ok(db)
    }

    pub async fn migrate(&self) -> AppResult<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL it was opened with (tests open their own connection with it).
    pub fn url(&self) -> &str {
        &self.url
    }

    pub async fn begin(&self) -> AppResult<Tx> {
        self.pool.begin().await.context("starting a transaction")
    }

    pub async fn conn(&self) -> AppResult<sqlx::pool::PoolConnection<Any>> {
        self.pool.acquire().await.context("acquiring a connection")
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
        sqlx::query(&format!("GRANT USAGE ON SCHEMA public TO {role}"))
            .execute(&self.pool)
            .await
            .context("granting")?;
        let tables = PUBLIC_TABLES.join(", ");
        sqlx::query(&format!("GRANT SELECT ON {tables} TO {role}")).execute(&self.pool).await.context("granting")?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

impl PublicDb {
    /// The public side's connection to the same database as `officials`: on SQLite a
    /// second pool that opens the file read-only; on PostgreSQL `public_url` (a
    /// role that may read only the public tables) when given, else the same URL.
    pub async fn connect(officials: &OfficialsDb, public_url: Option<&str>) -> AppResult<PublicDb> {
        install_default_drivers();
        let url = match (officials.backend, public_url) {
            (_, Some(url)) => url.to_string(),
            (Backend::Sqlite, None) => read_only_sqlite_url(&officials.url),
            (Backend::Postgres, None) => officials.url.clone(),
        };
        PublicDb::connect_url(&url).await
    }

    /// Connects to `url` for reading only, without migrating.
    pub async fn connect_url(url: &str) -> AppResult<PublicDb> {
        install_default_drivers();
        let backend = Backend::of(url, "PUBLIC_DATABASE_URL")?;
        // SQLite reads run on the machine's cores, each connection on a thread of
        // its own with its own page cache: a few connections with a 1 MiB cache
        // each answer as fast as ten with 2 MiB and keep the resident memory down
        // (the file's pages are in the OS's cache anyway).
        let options = match backend {
            Backend::Sqlite => AnyPoolOptions::new().max_connections(SQLITE_READERS).after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::Executor::execute(conn, "PRAGMA cache_size = -1024").await?;
                    Ok(())
                })
            }),
            Backend::Postgres => AnyPoolOptions::new().max_connections(10),
        };
        let pool = options.connect(url).await.map_err(|e| {
            AppError::validation("PUBLIC_DATABASE_URL", format!("could not connect to the database: {e}"))
        })?;
        Ok(PublicDb { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection of the pool, for readers written once for both handles (the
    /// public side, and publication reading its own uncommitted version).
    pub(crate) async fn conn(&self) -> AppResult<sqlx::pool::PoolConnection<Any>> {
        self.pool.acquire().await.context("acquiring a connection")
    }
}

/// How many connections read a SQLite file for the public side.
const SQLITE_READERS: u32 = 4;

/// The same SQLite file, opened read-only.
fn read_only_sqlite_url(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !p.starts_with("mode=")).collect();
    params.push("mode=ro");
    format!("{path}?{}", params.join("&"))
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
                AppError::validation("DATABASE_URL", format!("could not create the folder {}: {e}", parent.display()))
            })?;
        }
    }
    Ok(())
}

/// Every table the public side reads; on PostgreSQL the public role may read these
/// and nothing else.
pub const PUBLIC_TABLES: &[&str] = &[
    "published_audits",
    "published_audit_contests",
    "published_contest_tallies",
    "published_audit_documents",
    "published_audit_batches",
    "published_audit_files",
    "published_sampled_units",
    "published_ballot_interpretations",
    "published_batch_tallies",
    "published_audit_rounds",
    "published_withholdings",
    "published_grants",
    "published_expenditures",
    "published_updates",
    "published_retractions",
    "published_changes",
    "published_totals",
    "published_spending_by_category",
    "published_spending_by_recipient",
    "published_spending_by_grant",
    "log_entries",
    "log_hashes",
    "log_head",
    "log_cosignatures",
    "jurisdictions",
    "elections",
    "site_settings",
    "data_version",
];

/// One page of a list read by keyset (`?after=`/`?before=` a slug): its items
/// in the list's order and the slugs to page after and before.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
    pub previous: Option<String>,
}

impl<T> Page<T> {
    /// The page of `items` (already in the list's order) read from `cursor`
    /// (`(true, slug)`: after it, `(false, slug)`: before it, `None`: the first
    /// page), `more` saying whether the read found a row past the page.
    pub fn of(items: Vec<T>, cursor: Option<(bool, &str)>, more: bool, slug: impl Fn(&T) -> String) -> Page<T> {
        let (first, last) = (items.first().map(&slug), items.last().map(&slug));
        let (next, previous) = match cursor {
            None => (if more { last } else { None }, None),
            Some((true, _)) => (if more { last } else { None }, first),
            Some((false, _)) => (last, if more { first } else { None }),
        };
        Page { items, next, previous }
    }
}

/// A query as the row helpers bind it.
pub type Query<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;
pub type QueryAs<'q, O> = sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>>;
pub type QueryScalar<'q, O> = sqlx::query::QueryScalar<'q, Any, O, sqlx::any::AnyArguments<'q>>;

/// Declares a table's row type and its one column list, with the SQL to insert it
/// and select it built from that list, so a column is named in exactly one place.
macro_rules! table_row {
    ($(#[$meta:meta])* pub struct $name:ident in $table:literal { $($(#[$fmeta:meta])* pub $field:ident : $ty:ty),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(sqlx::FromRow)]
        pub struct $name { $($(#[$fmeta])* pub $field: $ty),+ }

        #[allow(dead_code)]
        impl $name {
            pub const TABLE: &'static str = $table;
            pub const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];

            /// `INSERT INTO table (columns…) VALUES ($1…)`.
            pub fn insert_sql() -> String {
                $crate::db::insert_sql($table, Self::COLUMNS, &[])
            }

            /// The columns with a table alias, for a SELECT list.
            pub fn select_list(alias: &str) -> String {
                $crate::db::select_list(alias, Self::COLUMNS)
            }

            /// Binds every column, in the column list's order.
            pub fn bind_all<'q>(&'q self, q: $crate::db::Query<'q>) -> $crate::db::Query<'q> {
                $(let q = q.bind(&self.$field);)+
                q
            }

            /// Inserts the row. Not a cached statement: a NULL float parameter
            /// would otherwise fix its type for the next execution on PostgreSQL.
            pub async fn insert(&self, conn: &mut $crate::db::Conn) -> $crate::error::AppResult<()> {
                use $crate::error::Context as _;
                let sql = Self::insert_sql();
                self.bind_all(sqlx::query(&sql)).persistent(false).execute(conn).await.context(concat!("inserting into ", $table))?;
                Ok(())
            }

            /// Inserts many rows with multi-row INSERTs, in statements of at most
            /// [`MAX_BINDS`]($crate::db::MAX_BINDS) parameters (bulk loads).
            pub async fn insert_many(rows: &[Self], conn: &mut $crate::db::Conn) -> $crate::error::AppResult<()> {
                use $crate::error::Context as _;
                let per = ($crate::db::MAX_BINDS / Self::COLUMNS.len()).max(1);
                for chunk in rows.chunks(per) {
                    let sql = $crate::db::insert_many_sql($table, Self::COLUMNS, chunk.len());
                    let mut q = sqlx::query(&sql).persistent(false);
                    for r in chunk {
                        q = r.bind_all(q);
                    }
                    q.execute(&mut *conn).await.context(concat!("inserting into ", $table))?;
                }
                Ok(())
            }
        }
    };
}
pub(crate) use table_row;

/// `INSERT INTO table (columns…) VALUES ($1…)`, skipping `skip`.
pub fn insert_sql(table: &str, columns: &[&str], skip: &[&str]) -> String {
    let cols: Vec<&str> = columns.iter().copied().filter(|c| !skip.contains(c)).collect();
    let params: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    format!("INSERT INTO {table} ({}) VALUES ({})", cols.join(", "), params.join(", "))
}

/// The most parameters one bulk statement binds (far below SQLite's 32,766 and
/// PostgreSQL's 65,535: preparing a statement costs more than linearly in its
/// parameters, and a hundred rows a statement is as fast as it gets).
pub const MAX_BINDS: usize = 2_000;

/// `INSERT INTO table (columns…) VALUES ($1…), (…)…` for `rows` rows.
pub fn insert_many_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let n = columns.len();
    let values: Vec<String> = (0..rows)
        .map(|r| format!("({})", (1..=n).map(|i| format!("${}", r * n + i)).collect::<Vec<_>>().join(", ")))
        .collect();
    format!("INSERT INTO {table} ({}) VALUES {}", columns.join(", "), values.join(", "))
}

/// `a.col1, a.col2, …`.
pub fn select_list(alias: &str, columns: &[&str]) -> String {
    columns.iter().map(|c| format!("{alias}.{c}")).collect::<Vec<_>>().join(", ")
}

/// A WHERE clause built from optional equality filters, numbered `$1…`.
#[derive(Clone, Debug)]
pub struct Conditions {
    pub(crate) sql: String,
    pub(crate) binds: Vec<String>,
}

impl Conditions {
    pub fn new(base: &str) -> Self {
        Conditions { sql: base.to_string(), binds: Vec::new() }
    }

    pub fn eq(&mut self, column: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.binds.push(v.to_string());
            self.sql.push_str(&format!(" AND {column} = ${}", self.binds.len()));
        }
    }

    pub(crate) fn bind_as<'q, O>(&'q self, mut q: QueryAs<'q, O>) -> QueryAs<'q, O> {
        for b in &self.binds {
            q = q.bind(b);
        }
        q
    }

    pub(crate) fn bind_scalar<'q, O>(&'q self, mut q: QueryScalar<'q, O>) -> QueryScalar<'q, O> {
        for b in &self.binds {
            q = q.bind(b);
        }
        q
    }
}

/// A stored code decoded into its type: an unknown code is an error, never a default.
pub fn decode<T: app::model::Code>(column: &str, code: &str) -> AppResult<T> {
    T::parse_code(code).map_err(|m| AppError::internal(anyhow::anyhow!("corrupt {column}: {m}")))
}

/// A stored 0/1 flag.
pub fn flag(v: i64) -> bool {
    v != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_urls_replace_the_mode() {
        assert_eq!(read_only_sqlite_url("sqlite://data/portal.db?mode=rwc"), "sqlite://data/portal.db?mode=ro");
        assert_eq!(read_only_sqlite_url("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db?mode=ro");
    }

    #[test]
    fn insert_sql_numbers_its_parameters() {
        assert_eq!(insert_sql("t", &["a", "b", "c"], &["b"]), "INSERT INTO t (a, c) VALUES ($1, $2)");
        assert_eq!(select_list("x", &["a", "b"]), "x.a, x.b");
        assert_eq!(insert_many_sql("t", &["a", "b"], 2), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
    }

    #[test]
    fn unknown_codes_are_errors() {
        assert!(decode::<app::model::Outcome>("outcome", "won").is_err());
        assert!(decode::<app::model::Outcome>("outcome", "confirmed").is_ok());
    }
}
