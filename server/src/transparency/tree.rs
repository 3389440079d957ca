//! The tree read from its stored hashes: roots, inclusion and consistency
//! proofs, hash tiles and entry bundles. [`tlog`]'s algorithms read hashes
//! synchronously and in one call each, and which hashes they read depends only
//! on the sizes and indexes asked for; so each runs twice: once to learn the
//! indexes, once on the hashes fetched from the database.

use crate::db::transparency as store;
use crate::db::Conn;
use crate::error::{AppError, AppResult};
use std::cell::RefCell;
use tlog::stored::HashReaderFn;
use tlog::{Hash, HashReader, Tile};

/// Runs `f` over the stored hashes it asks for.
pub async fn with_hashes<T>(conn: &mut Conn, f: impl Fn(&dyn HashReader) -> Result<T, tlog::Error>) -> AppResult<T> {
    let wanted = wanted_indexes(&f)?;
    let found = store::hashes(conn, &wanted).await?;
    let reader = HashReaderFn(|indexes: &[u64]| {
        indexes.iter().map(|i| found.get(i).copied().ok_or(tlog::Error::MissingHash(*i))).collect()
    });
    f(&reader).map_err(tree_error)
}

/// The stored-hash indexes `f` reads (it is run on zero hashes to learn them).
fn wanted_indexes<T>(f: &impl Fn(&dyn HashReader) -> Result<T, tlog::Error>) -> AppResult<Vec<u64>> {
    let wanted = RefCell::new(Vec::new());
    let probe = HashReaderFn(|indexes: &[u64]| {
        wanted.borrow_mut().extend_from_slice(indexes);
        Ok(vec![[0u8; 32]; indexes.len()])
    });
    // A failure here (a bad size or index) fails the same way on real hashes.
    f(&probe).map_err(tree_error)?;
    Ok(wanted.into_inner())
}

/// A request the tree cannot answer (bad sizes or indexes) is the asker's
/// mistake; a missing stored hash is corruption.
fn tree_error(e: tlog::Error) -> AppError {
    match e {
        tlog::Error::MissingHash(i) => AppError::internal(anyhow::anyhow!("the log's stored hash {i} is missing")),
        other => AppError::validation("log", other.to_string()),
    }
}

/// The log's committed size.
pub async fn size(conn: &mut Conn) -> AppResult<u64> {
    Ok(store::size(conn).await? as u64)
}

/// The root of the tree of the first `size` entries.
pub async fn root(conn: &mut Conn, size: u64) -> AppResult<Hash> {
    if size == 0 {
        return Ok(tlog::EMPTY_ROOT);
    }
    with_hashes(conn, |r| tlog::stored::tree_hash(size, &r)).await
}

/// Checks `size` is at most the committed size, in words a reader understands.
async fn within(conn: &mut Conn, size: u64, what: &str) -> AppResult<()> {
    let current = self::size(conn).await?;
    if size > current {
        return Err(AppError::validation(
            what,
            format!("the log has {current} entries, fewer than {size}; ask about a size up to {current}"),
        ));
    }
    Ok(())
}

/// The inclusion proof of entry `index` in the tree of `size` entries.
pub async fn inclusion(conn: &mut Conn, index: u64, size: u64) -> AppResult<Vec<Hash>> {
    within(conn, size, "size").await?;
    if index >= size {
        return Err(AppError::validation("index", format!("index {index} is not below the size {size}")));
    }
    with_hashes(conn, |r| tlog::stored::inclusion_proof(size, index, &r)).await
}

/// The consistency proof from the tree of `from` entries to that of `to`.
pub async fn consistency(conn: &mut Conn, from: u64, to: u64) -> AppResult<Vec<Hash>> {
    within(conn, to, "to").await?;
    if from > to {
        return Err(AppError::validation("from", format!("from ({from}) is larger than to ({to})")));
    }
    if from == 0 || from == to {
        return Ok(Vec::new());
    }
    with_hashes(conn, |r| tlog::stored::consistency_proof(from, to, &r)).await
}

/// A hash tile's bytes, if the tree of the committed size holds it.
pub async fn tile(conn: &mut Conn, tile: &Tile) -> AppResult<Option<Vec<u8>>> {
    if !tile.is_within(size(conn).await?) {
        return Ok(None);
    }
    with_hashes(conn, |r| tlog::tile::tile_hashes(tile, &r)).await.map(Some)
}

/// An entry bundle's bytes, if the committed log holds all its entries.
pub async fn entry_bundle(conn: &mut Conn, tile: &Tile) -> AppResult<Option<Vec<u8>>> {
    let Some((start, end)) = tile.leaf_range() else { return Ok(None) };
    if end > size(conn).await? {
        return Ok(None);
    }
    let rows = store::entries(conn, start as i64, end as i64).await?;
    if rows.len() as u64 != end - start {
        return Err(AppError::internal(anyhow::anyhow!("log entries {start}..{end} are incomplete")));
    }
    let entries: Vec<&[u8]> = rows.iter().map(|r| r.entry.as_bytes()).collect();
    tlog::tile::entry_bundle(&entries).map(Some).map_err(|e| AppError::internal(anyhow::anyhow!("entry bundle: {e}")))
}
