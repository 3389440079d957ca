//! The transparency log's tables: `log_head` (the size, locked to take the next
//! index), `log_entries` (each entry's canonical JSON and what it names),
//! `log_hashes` (the Merkle tree's stored hashes, hex) and `log_cosignatures`.
//! Writes run inside the publication's transaction; reads work on either handle.

use super::{table_row, Conn, PublicDb};
use crate::error::{AppError, AppResult, Context};
use std::collections::HashMap;

table_row! {
    /// One log entry and what it names.
    pub struct EntryRow in "log_entries" {
        pub idx: i64,
        pub entry: String,
        pub action: String,
        pub record_kind: String,
        pub slug: String,
        pub version: i64,
        pub url: String,
        pub sha256: String,
        pub published_at: String,
        pub body: Option<String>,
    }
}

/// Takes the next index: increments the size in the one `log_head` row, which
/// locks it (a row lock on PostgreSQL, the write lock on SQLite) until the
/// transaction ends, so concurrent publishers take indexes one after another.
pub async fn claim_index(conn: &mut Conn) -> AppResult<i64> {
    let size: i64 = sqlx::query_scalar("UPDATE log_head SET size = size + 1 WHERE id = 1 RETURNING size")
        .fetch_one(&mut *conn)
        .await
        .context("taking the next log index")?;
    // The log's pages (checkpoint, tiles, the feed) change with every entry.
    super::data_version::bump(conn).await?;
    Ok(size - 1)
}

/// Locks the log's head for the rest of the transaction and returns its size.
pub async fn lock_head(conn: &mut Conn) -> AppResult<i64> {
    sqlx::query_scalar("UPDATE log_head SET size = size WHERE id = 1 RETURNING size")
        .fetch_one(conn)
        .await
        .context("locking the log")
}

/// The number of entries in the log (committed ones, outside a transaction).
pub async fn size(conn: &mut Conn) -> AppResult<i64> {
    sqlx::query_scalar("SELECT size FROM log_head WHERE id = 1").fetch_one(conn).await.context("reading the log size")
}

/// Stored hashes by their index; a missing one is simply absent.
pub async fn hashes(conn: &mut Conn, indexes: &[u64]) -> AppResult<HashMap<u64, [u8; 32]>> {
    let mut out = HashMap::with_capacity(indexes.len());
    for chunk in indexes.chunks(300) {
        let params: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT idx, hash FROM log_hashes WHERE idx IN ({})", params.join(", "));
        let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
        for i in chunk {
            q = q.bind(*i as i64);
        }
        for (idx, hex) in q.fetch_all(&mut *conn).await.context("reading log hashes")? {
            out.insert(idx as u64, decode_hex(&hex)?);
        }
    }
    Ok(out)
}

/// Stores hashes at consecutive indexes from `first`.
pub async fn insert_hashes(conn: &mut Conn, first: u64, hashes: &[[u8; 32]]) -> AppResult<()> {
    for (i, h) in hashes.iter().enumerate() {
        sqlx::query("INSERT INTO log_hashes (idx, hash) VALUES ($1, $2)")
            .bind((first + i as u64) as i64)
            .bind(encode_hex(h))
            .execute(&mut *conn)
            .await
            .context("storing a log hash")?;
    }
    Ok(())
}

fn entry_select(where_sql: &str) -> String {
    format!("SELECT {} FROM log_entries {where_sql}", EntryRow::COLUMNS.join(", "))
}

/// Entries `from..to`, in order.
pub async fn entries(conn: &mut Conn, from: i64, to: i64) -> AppResult<Vec<EntryRow>> {
    sqlx::query_as(&entry_select("WHERE idx >= $1 AND idx < $2 ORDER BY idx"))
        .bind(from)
        .bind(to)
        .fetch_all(conn)
        .await
        .context("reading log entries")
}

/// The entries naming a version of a record (its publication, and any
/// commitment or retraction at that version), in order.
pub async fn entries_of_version(conn: &mut Conn, kind: &str, slug: &str, version: i64) -> AppResult<Vec<EntryRow>> {
    sqlx::query_as(&entry_select("WHERE record_kind = $1 AND slug = $2 AND version = $3 ORDER BY idx"))
        .bind(kind)
        .bind(slug)
        .bind(version)
        .fetch_all(conn)
        .await
        .context("reading a version's log entries")
}

/// The bytes the log keeps for `url` (a retraction's tombstone).
pub async fn body_at(db: &PublicDb, url: &str) -> AppResult<Option<String>> {
    let body: Option<Option<String>> =
        sqlx::query_scalar("SELECT body FROM log_entries WHERE url = $1 AND body IS NOT NULL ORDER BY idx LIMIT 1")
            .bind(url)
            .fetch_optional(&mut *db.conn().await?)
            .await
            .context("reading a tombstone")?;
    Ok(body.flatten())
}

/// Stores a witness's cosignature line of the checkpoint of `size` (replacing
/// an earlier one of the same witness and size).
pub async fn store_cosignature(conn: &mut Conn, witness: &str, size: i64, line: &str, now: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM log_cosignatures WHERE witness = $1 AND size = $2")
        .bind(witness)
        .bind(size)
        .execute(&mut *conn)
        .await
        .context("replacing a cosignature")?;
    sqlx::query("INSERT INTO log_cosignatures (witness, size, line, received_at) VALUES ($1, $2, $3, $4)")
        .bind(witness)
        .bind(size)
        .bind(line)
        .bind(now)
        .execute(&mut *conn)
        .await
        .context("storing a cosignature")?;
    super::data_version::bump(conn).await?;
    Ok(())
}

/// The cosignature lines of the checkpoint of `size`, by witness.
pub async fn cosignatures(conn: &mut Conn, size: i64) -> AppResult<Vec<String>> {
    sqlx::query_scalar("SELECT line FROM log_cosignatures WHERE size = $1 ORDER BY witness")
        .bind(size)
        .fetch_all(conn)
        .await
        .context("reading cosignatures")
}

/// Every published version (kind code, slug, version, published_at, whether it
/// is a correction) and every tombstone (kind code, slug, last version,
/// retracted_at, reason), for logging what was published before the log.
#[allow(clippy::type_complexity)]
pub async fn published_history(
    conn: &mut Conn,
) -> AppResult<(Vec<(String, String, i64, String, bool)>, Vec<(String, String, i64, String, String)>)> {
    let mut versions = Vec::new();
    for kind in app::model::RecordKind::ALL {
        let sql = format!(
            "SELECT slug, version, published_at, correction_note FROM {} ORDER BY slug, version",
            super::versions::published_table(*kind)
        );
        let rows: Vec<(String, i64, String, Option<String>)> =
            sqlx::query_as(&sql).fetch_all(&mut *conn).await.context("reading published versions")?;
        versions.extend(rows.into_iter().map(|(s, v, at, note)| (kind.code().to_string(), s, v, at, note.is_some())));
    }
    let tombstones = sqlx::query_as(
        "SELECT record_kind, slug, last_version, retracted_at, reason FROM published_retractions ORDER BY slug",
    )
    .fetch_all(conn)
    .await
    .context("reading retractions")?;
    Ok((versions, tombstones))
}

pub fn encode_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(s: &str) -> AppResult<[u8; 32]> {
    let corrupt = || AppError::internal(anyhow::anyhow!("corrupt stored log hash {s:?}"));
    if s.len() != 64 || !s.is_ascii() {
        return Err(corrupt());
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| corrupt())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_round_trips() {
        let h = [0xab; 32];
        assert_eq!(super::decode_hex(&super::encode_hex(&h)).unwrap(), h);
        assert!(super::decode_hex("zz").is_err());
    }
}
