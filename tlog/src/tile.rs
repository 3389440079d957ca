//! Tiles and entry bundles (c2sp.org/tlog-tiles).
//!
//! Tiles have height 8: a full tile holds 256 hashes (8,192 bytes). The
//! `i`-th hash of tile `N` at level `L` is the Merkle Tree Hash of leaves
//! `[(N·256 + i)·256^L, (N·256 + i + 1)·256^L)`, which in the stored-hash
//! model is the stored hash `(8·L, N·256 + i)`.

use crate::hash::{root, Hash, HASH_SIZE};
use crate::stored::{stored_hash_index, HashReader, MAX_TREE_SIZE};
use crate::Error;

/// Tile height: each tile spans 8 levels of the tree.
pub const TILE_HEIGHT: u32 = 8;
/// Number of hashes in a full tile (and entries in a full bundle).
pub const TILE_WIDTH: u16 = 256;
/// Highest tile level allowed in a tile path.
pub const MAX_TILE_LEVEL: u8 = 63;
/// Largest entry an entry bundle can hold (big-endian u16 length prefix).
pub const MAX_ENTRY_SIZE: usize = u16::MAX as usize;

/// A tile (or, at level 0, the matching entry bundle): level, index within
/// the level, and width (1..=256 hashes; 256 means full).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tile {
    level: u8,
    index: u64,
    width: u16,
}

impl Tile {
    /// A tile, or `None` if `level > 63` or `width` is not in `1..=256`.
    pub fn new(level: u8, index: u64, width: u16) -> Option<Tile> {
        if level > MAX_TILE_LEVEL || width == 0 || width > TILE_WIDTH {
            return None;
        }
        Some(Tile { level, index, width })
    }

    /// The tile level `L` (0 holds leaf hashes).
    pub fn level(&self) -> u8 {
        self.level
    }

    /// The tile index `N` within its level.
    pub fn index(&self) -> u64 {
        self.index
    }

    /// Number of hashes (or entries) in the tile, 1..=256.
    pub fn width(&self) -> u16 {
        self.width
    }

    /// Whether the tile has fewer than 256 hashes.
    pub fn is_partial(&self) -> bool {
        self.width < TILE_WIDTH
    }

    /// The tile path `tile/<L>/<N>[.p/<W>]`.
    pub fn path(&self) -> String {
        format!("tile/{}/{}{}", self.level, encode_index(self.index), self.partial_suffix())
    }

    /// The entry bundle path `tile/entries/<N>[.p/<W>]` for a level-0
    /// tile; `None` for higher levels.
    pub fn entry_bundle_path(&self) -> Option<String> {
        if self.level != 0 {
            return None;
        }
        Some(format!("tile/entries/{}{}", encode_index(self.index), self.partial_suffix()))
    }

    /// Leaves `[start, end)` covered by this tile's hashes, or `None` if
    /// that range does not fit in a u64.
    pub fn leaf_range(&self) -> Option<(u64, u64)> {
        let shift = u32::from(self.level) * TILE_HEIGHT;
        let first = self.index.checked_mul(u64::from(TILE_WIDTH))?;
        let start = shl_checked(first, shift)?;
        let end = shl_checked(first.checked_add(u64::from(self.width))?, shift)?;
        Some((start, end))
    }

    /// Whether a tree of `size` leaves contains every hash of this tile.
    pub fn is_within(&self, size: u64) -> bool {
        matches!(self.leaf_range(), Some((_, end)) if end <= size)
    }

    fn partial_suffix(&self) -> String {
        if self.is_partial() {
            format!(".p/{}", self.width)
        } else {
            String::new()
        }
    }
}

fn shl_checked(x: u64, shift: u32) -> Option<u64> {
    if shift >= 64 {
        return if x == 0 { Some(0) } else { None };
    }
    let y = x << shift;
    if y >> shift == x {
        Some(y)
    } else {
        None
    }
}

/// `N` as zero-padded 3-digit path elements, all but the last prefixed
/// with `x` (1234067 → `x001/x234/067`).
fn encode_index(mut n: u64) -> String {
    let mut s = format!("{:03}", n % 1000);
    while n >= 1000 {
        n /= 1000;
        s = format!("x{:03}/{}", n % 1000, s);
    }
    s
}

/// Path of hash tile `(level, index, width)`: `tile/<L>/<N>[.p/<W>]`.
/// `None` if `level > 63` or `width` is not in `1..=256`.
pub fn tile_path(level: u8, index: u64, width: u16) -> Option<String> {
    Tile::new(level, index, width).map(|t| t.path())
}

/// Path of entry bundle `(index, width)`: `tile/entries/<N>[.p/<W>]`.
/// `None` if `width` is not in `1..=256`.
pub fn entry_bundle_path(index: u64, width: u16) -> Option<String> {
    Tile::new(0, index, width).and_then(|t| t.entry_bundle_path())
}

/// Parses a hash tile path `tile/<L>/<N>[.p/<W>]`; only the canonical
/// encoding is accepted (no extra leading zeroes, `W` in 1..=255, `L` in
/// 0..=63, `x` on every element but the last).
pub fn parse_tile_path(path: &str) -> Option<Tile> {
    let rest = path.strip_prefix("tile/")?;
    let (level, rest) = rest.split_once('/')?;
    let level = crate::hash::parse_decimal(level)?;
    let level = u8::try_from(level).ok()?;
    let (index, width) = parse_index_and_width(rest)?;
    let tile = Tile::new(level, index, width)?;
    (tile.path() == path).then_some(tile)
}

/// Parses an entry bundle path `tile/entries/<N>[.p/<W>]`, returning the
/// matching level-0 tile.
pub fn parse_entry_bundle_path(path: &str) -> Option<Tile> {
    let rest = path.strip_prefix("tile/entries/")?;
    let (index, width) = parse_index_and_width(rest)?;
    let tile = Tile::new(0, index, width)?;
    (tile.entry_bundle_path()? == path).then_some(tile)
}

fn parse_index_and_width(s: &str) -> Option<(u64, u16)> {
    let mut elems: Vec<&str> = s.split('/').collect();
    let mut width = TILE_WIDTH;
    if elems.len() >= 2 && elems[elems.len() - 2].ends_with(".p") {
        let w = crate::hash::parse_decimal(elems.pop()?)?;
        if w == 0 || w >= u64::from(TILE_WIDTH) {
            return None;
        }
        width = w as u16;
        let last = elems.pop()?;
        elems.push(last.strip_suffix(".p")?);
    }
    let last = elems.len().checked_sub(1)?;
    let mut n: u64 = 0;
    for (i, e) in elems.iter().enumerate() {
        let digits = if i < last { e.strip_prefix('x')? } else { e };
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u64 = digits.parse().ok()?;
        n = n.checked_mul(1000)?.checked_add(d)?;
    }
    Some((n, width))
}

/// Every tile (full and partial, all levels) of a tree of `size` leaves,
/// level by level in increasing index order. Per the spec, the partial
/// tile at level `L` has width `floor(size / 256^L) mod 256` and empty
/// tiles do not exist.
pub fn tiles_for_size(size: u64) -> Vec<Tile> {
    new_tiles(0, size)
}

/// Tiles to publish when the tree grows from `old_size` to `new_size`:
/// every full tile completed since `old_size` and every partial tile of
/// `new_size` that changed. Empty if `old_size >= new_size`.
pub fn new_tiles(old_size: u64, new_size: u64) -> Vec<Tile> {
    let mut tiles = Vec::new();
    if old_size >= new_size {
        return tiles;
    }
    for level in 0..=MAX_TILE_LEVEL {
        let shift = u32::from(level) * TILE_HEIGHT;
        if shift >= 64 || new_size >> shift == 0 {
            break;
        }
        let old_n = old_size >> shift;
        let new_n = new_size >> shift;
        if old_n == new_n {
            continue;
        }
        for index in (old_n >> TILE_HEIGHT)..(new_n >> TILE_HEIGHT) {
            tiles.push(Tile { level, index, width: TILE_WIDTH });
        }
        let w = (new_n & 0xff) as u16;
        if w > 0 {
            tiles.push(Tile { level, index: new_n >> TILE_HEIGHT, width: w });
        }
    }
    tiles
}

/// Stored-hash indexes of a tile's hashes, checking the tile can exist.
fn tile_indexes(tile: &Tile) -> Result<Vec<u64>, Error> {
    let (_, end) = tile.leaf_range().ok_or(Error::InvalidTile("tile beyond any tree"))?;
    if end > MAX_TREE_SIZE {
        return Err(Error::InvalidTile("tile beyond any tree"));
    }
    let level = u32::from(tile.level) * TILE_HEIGHT;
    let first = tile.index * u64::from(TILE_WIDTH);
    Ok((0..u64::from(tile.width)).map(|i| stored_hash_index(level, first + i)).collect())
}

/// Contents of a tile: its hashes, 32 bytes each, concatenated, read from
/// the stored-hash sequence in one call. The reader must hold the tree up
/// to at least the tile's end (see [`Tile::is_within`]).
pub fn tile_hashes<R: HashReader + ?Sized>(tile: &Tile, r: &R) -> Result<Vec<u8>, Error> {
    let indexes = tile_indexes(tile)?;
    let hashes = r.read_hashes(&indexes)?;
    if hashes.len() != indexes.len() {
        return Err(Error::ReaderCount { expected: indexes.len(), got: hashes.len() });
    }
    Ok(hashes.concat())
}

/// Contents of a tile computed from the full list of leaf hashes
/// (O(256^(L+1)) hashing; meant for small trees and cross-checks).
pub fn tile_hashes_from_leaves(tile: &Tile, leaf_hashes: &[Hash]) -> Result<Vec<u8>, Error> {
    let (start, end) = tile.leaf_range().ok_or(Error::InvalidTile("tile beyond any tree"))?;
    if end > leaf_hashes.len() as u64 {
        return Err(Error::InvalidTile("tile extends past the given leaves"));
    }
    let span = ((end - start) / u64::from(tile.width)) as usize;
    let mut out = Vec::with_capacity(usize::from(tile.width) * HASH_SIZE);
    for chunk in leaf_hashes[start as usize..end as usize].chunks(span) {
        out.extend_from_slice(&root(chunk));
    }
    Ok(out)
}

/// Splits tile contents into hashes; fails unless the length is a
/// multiple of 32 between 32 and 8,192 bytes.
pub fn split_tile_hashes(data: &[u8]) -> Result<Vec<Hash>, Error> {
    if data.is_empty() || !data.len().is_multiple_of(HASH_SIZE) || data.len() > usize::from(TILE_WIDTH) * HASH_SIZE {
        return Err(Error::InvalidTile("tile data length"));
    }
    Ok(data
        .chunks_exact(HASH_SIZE)
        .map(|c| {
            let mut h = [0u8; HASH_SIZE];
            h.copy_from_slice(c);
            h
        })
        .collect())
}

/// Encodes an entry bundle: each entry as a big-endian u16 length followed
/// by its bytes. Fails on an entry over 65,535 bytes or on a bundle of 0
/// or more than 256 entries.
pub fn entry_bundle(entries: &[&[u8]]) -> Result<Vec<u8>, Error> {
    if entries.is_empty() || entries.len() > usize::from(TILE_WIDTH) {
        return Err(Error::InvalidBundle("a bundle holds 1 to 256 entries"));
    }
    let mut out = Vec::with_capacity(entries.iter().map(|e| e.len() + 2).sum());
    for e in entries {
        let len = u16::try_from(e.len()).map_err(|_| Error::InvalidBundle("entry longer than 65535 bytes"))?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(e);
    }
    Ok(out)
}

/// Decodes an entry bundle into its entries (1 to 256); fails on a
/// truncated length or entry.
pub fn parse_entry_bundle(data: &[u8]) -> Result<Vec<&[u8]>, Error> {
    let mut entries = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        if entries.len() == usize::from(TILE_WIDTH) {
            return Err(Error::InvalidBundle("more than 256 entries"));
        }
        if rest.len() < 2 {
            return Err(Error::InvalidBundle("truncated length"));
        }
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]]));
        rest = &rest[2..];
        if rest.len() < len {
            return Err(Error::InvalidBundle("truncated entry"));
        }
        entries.push(&rest[..len]);
        rest = &rest[len..];
    }
    if entries.is_empty() {
        return Err(Error::InvalidBundle("empty bundle"));
    }
    Ok(entries)
}
