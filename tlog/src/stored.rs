//! The stored-hash model (as in Go's `golang.org/x/mod/sumdb/tlog`).
//!
//! Every hash of every *complete* subtree is kept in one append-only
//! sequence. Appending leaf `n` stores its leaf hash followed by the hashes
//! of the subtrees that leaf completes (one per trailing 1 bit of `n`), so
//! the sequence is a pure function of the leaves and never rewritten. The
//! hash of the complete subtree `(level, n)` — covering leaves
//! `[n·2^level, (n+1)·2^level)` — sits at position
//! [`stored_hash_index`]`(level, n)`. A tree of `n` leaves has
//! [`stored_hash_count`]`(n)` (just under `2n`) stored hashes.
//!
//! A database can persist the sequence in a table keyed by stored index
//! and implement [`HashReader`] with one `SELECT … WHERE idx IN (…)`. Roots
//! and proofs then read O(log n) hashes, and appending a leaf reads at most
//! log n hashes and writes on average two.
//!
//! [`StoredTree`] is a ready-made in-memory store.

use crate::hash::{node_hash, split_point, Hash, EMPTY_ROOT};
use crate::Error;

/// Largest tree size the stored-hash numbering supports here (2^62 leaves).
pub const MAX_TREE_SIZE: u64 = 1 << 62;

/// Read access to the stored-hash sequence.
///
/// Implementations must return exactly one hash per requested index, in
/// the same order, or an error (for example [`Error::MissingHash`] or
/// [`Error::Storage`] wrapping a database error). Indexes are requested in
/// increasing order where the algorithms allow it.
pub trait HashReader {
    /// Returns the stored hashes at the given stored-hash indexes.
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, Error>;
}

impl HashReader for [Hash] {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, Error> {
        indexes
            .iter()
            .map(|&i| usize::try_from(i).ok().and_then(|u| self.get(u)).copied().ok_or(Error::MissingHash(i)))
            .collect()
    }
}

impl HashReader for Vec<Hash> {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, Error> {
        self.as_slice().read_hashes(indexes)
    }
}

impl<R: HashReader + ?Sized> HashReader for &R {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, Error> {
        (**self).read_hashes(indexes)
    }
}

/// Adapts a closure into a [`HashReader`].
pub struct HashReaderFn<F>(pub F);

impl<F> HashReader for HashReaderFn<F>
where
    F: Fn(&[u64]) -> Result<Vec<Hash>, Error>,
{
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, Error> {
        (self.0)(indexes)
    }
}

/// Position in the stored-hash sequence of the hash of complete subtree
/// `n` at `level` (level 0 = leaves).
///
/// Meaningful for `(n + 1) · 2^level <= 2^63`; larger inputs wrap instead
/// of panicking and give meaningless results.
pub fn stored_hash_index(level: u32, n: u64) -> u64 {
    // Subtree (L, n) is completed by leaf m = (n+1)·2^L - 1 and stored L
    // positions after that leaf's hash. Find m...
    let mut n = n;
    for _ in 0..level {
        n = n.wrapping_mul(2).wrapping_add(1);
    }
    // ...whose leaf hash is stored at n + n/2 + n/4 + ... = 2n - popcount(n)
    // (the number of hashes stored for leaves 0..n).
    n.wrapping_mul(2).wrapping_sub(u64::from(n.count_ones())).wrapping_add(u64::from(level))
}

/// Position of leaf `n`'s hash, without wrapping.
fn leaf_position(n: u64) -> u128 {
    2 * u128::from(n) - u128::from(n.count_ones())
}

/// Inverse of [`stored_hash_index`]: the `(level, n)` stored at `index`.
pub fn split_stored_hash_index(index: u64) -> (u32, u64) {
    let index = u128::from(index);
    // leaf_position(n) lies in [2n - 64, 2n], so the leaf whose append
    // wrote `index` is within a few dozen of index/2.
    let mut n = (index / 2) as u64;
    let mut at = leaf_position(n);
    while at > index && n > 0 {
        n -= 1;
        at = leaf_position(n);
    }
    loop {
        // Appending leaf n writes 1 + trailing_ones(n) hashes.
        let next = at + 1 + u128::from(n.trailing_ones());
        if next > index || n == u64::MAX {
            break;
        }
        n += 1;
        at = next;
    }
    let level = (index - at) as u32;
    (level, n.checked_shr(level).unwrap_or(0))
}

/// Number of stored hashes for a tree of `size` leaves.
pub fn stored_hash_count(size: u64) -> u64 {
    if size == 0 {
        return 0;
    }
    let last = size - 1;
    stored_hash_index(0, last) + 1 + u64::from(last.trailing_ones())
}

fn check_size(size: u64) -> Result<(), Error> {
    if size > MAX_TREE_SIZE {
        return Err(Error::TreeTooLarge(size));
    }
    Ok(())
}

fn read_exact<R: HashReader + ?Sized>(r: &R, indexes: &[u64]) -> Result<Vec<Hash>, Error> {
    if indexes.is_empty() {
        return Ok(Vec::new());
    }
    let hashes = r.read_hashes(indexes)?;
    if hashes.len() != indexes.len() {
        return Err(Error::ReaderCount { expected: indexes.len(), got: hashes.len() });
    }
    Ok(hashes)
}

/// The hashes to store when appending leaf number `n` (0-based) with leaf
/// hash `leaf_hash`: the leaf hash, then the hash of each subtree the leaf
/// completes, lowest first. They go at `stored_hash_index(0, n)` onwards
/// (equivalently at `stored_hash_count(n)` onwards).
///
/// Reads `n.trailing_ones()` earlier stored hashes from `r`.
pub fn stored_hashes_for_record_hash<R: HashReader + ?Sized>(
    n: u64,
    leaf_hash: &Hash,
    r: &R,
) -> Result<Vec<Hash>, Error> {
    check_size(n.saturating_add(1))?;
    // Each trailing 1 bit of n completes a subtree whose left half is an
    // already stored hash.
    let m = n.trailing_ones();
    let indexes: Vec<u64> = (0..m).rev().map(|i| stored_hash_index(i, (n >> i) - 1)).collect();
    let old = read_exact(r, &indexes)?;
    let mut out = Vec::with_capacity(1 + m as usize);
    let mut h = *leaf_hash;
    out.push(h);
    for i in 0..m as usize {
        h = node_hash(&old[m as usize - 1 - i], &h);
        out.push(h);
    }
    Ok(out)
}

/// Like [`stored_hashes_for_record_hash`], taking the entry itself.
pub fn stored_hashes<R: HashReader + ?Sized>(n: u64, entry: &[u8], r: &R) -> Result<Vec<Hash>, Error> {
    stored_hashes_for_record_hash(n, &crate::leaf_hash(entry), r)
}

/// The whole stored-hash sequence for a list of leaf hashes (O(n)).
pub fn stored_hashes_from_leaves(leaf_hashes: &[Hash]) -> Vec<Hash> {
    let mut tree = StoredTree::new();
    for h in leaf_hashes {
        tree.push_unchecked(h);
    }
    tree.hashes
}

/// Stored indexes of the maximal complete subtrees covering leaves
/// `[lo, hi)`, left to right. `lo` must be aligned to the largest power of
/// two not above `hi - lo`, which holds for every range used below.
fn subtree_indexes(mut lo: u64, hi: u64, need: &mut Vec<u64>) {
    while lo < hi {
        let k = largest_pow2_at_most(hi - lo);
        let level = k.trailing_zeros();
        need.push(stored_hash_index(level, lo >> level));
        lo += k;
    }
}

/// Hash of leaves `[lo, hi)` from the hashes fetched for
/// [`subtree_indexes`], consuming them from `hashes`.
fn subtree_hash(mut lo: u64, hi: u64, hashes: &mut std::slice::Iter<'_, Hash>) -> Hash {
    let mut parts = Vec::new();
    while lo < hi {
        lo += largest_pow2_at_most(hi - lo);
        // The iterator has exactly as many hashes as the index walk pushed.
        parts.push(hashes.next().copied().unwrap_or(EMPTY_ROOT));
    }
    let mut h = parts.pop().unwrap_or(EMPTY_ROOT);
    while let Some(left) = parts.pop() {
        h = node_hash(&left, &h);
    }
    h
}

fn largest_pow2_at_most(n: u64) -> u64 {
    1u64 << (63 - n.leading_zeros())
}

/// Root hash of the tree of `size` leaves, reading at most
/// `1 + log2(size)` stored hashes in one call.
pub fn tree_hash<R: HashReader + ?Sized>(size: u64, r: &R) -> Result<Hash, Error> {
    check_size(size)?;
    if size == 0 {
        return Ok(EMPTY_ROOT);
    }
    let mut need = Vec::new();
    subtree_indexes(0, size, &mut need);
    let hashes = read_exact(r, &need)?;
    Ok(subtree_hash(0, size, &mut hashes.iter()))
}

/// Inclusion proof for leaf `index` in the tree of `size` leaves, reading
/// O(log size) stored hashes in one call. Same result as
/// [`crate::inclusion_proof`].
pub fn inclusion_proof<R: HashReader + ?Sized>(size: u64, index: u64, r: &R) -> Result<Vec<Hash>, Error> {
    check_size(size)?;
    if index >= size {
        return Err(Error::IndexOutOfRange { index, size });
    }
    let mut need = Vec::new();
    leaf_proof_indexes(0, size, index, &mut need);
    let hashes = read_exact(r, &need)?;
    let mut it = hashes.iter();
    let mut proof = Vec::new();
    leaf_proof(0, size, index, &mut it, &mut proof);
    Ok(proof)
}

fn leaf_proof_indexes(lo: u64, hi: u64, n: u64, need: &mut Vec<u64>) {
    if lo + 1 == hi {
        return;
    }
    let k = split_point(hi - lo);
    if n < lo + k {
        leaf_proof_indexes(lo, lo + k, n, need);
        subtree_indexes(lo + k, hi, need);
    } else {
        subtree_indexes(lo, lo + k, need);
        leaf_proof_indexes(lo + k, hi, n, need);
    }
}

fn leaf_proof(lo: u64, hi: u64, n: u64, it: &mut std::slice::Iter<'_, Hash>, out: &mut Vec<Hash>) {
    if lo + 1 == hi {
        return;
    }
    let k = split_point(hi - lo);
    if n < lo + k {
        leaf_proof(lo, lo + k, n, it, out);
        out.push(subtree_hash(lo + k, hi, it));
    } else {
        let sibling = subtree_hash(lo, lo + k, it);
        leaf_proof(lo + k, hi, n, it, out);
        out.push(sibling);
    }
}

/// Consistency proof from the tree of `old_size` leaves to the tree of
/// `new_size` leaves, reading O(log new_size) stored hashes in one call.
/// Same result as [`crate::consistency_proof`] (empty when `old_size` is 0
/// or equal to `new_size`).
pub fn consistency_proof<R: HashReader + ?Sized>(old_size: u64, new_size: u64, r: &R) -> Result<Vec<Hash>, Error> {
    check_size(new_size)?;
    if old_size > new_size {
        return Err(Error::SizeOrder { old_size, new_size });
    }
    if old_size == 0 || old_size == new_size {
        return Ok(Vec::new());
    }
    let mut need = Vec::new();
    tree_proof_indexes(0, new_size, old_size, &mut need);
    let hashes = read_exact(r, &need)?;
    let mut it = hashes.iter();
    let mut proof = Vec::new();
    tree_proof(0, new_size, old_size, &mut it, &mut proof);
    Ok(proof)
}

/// Indexes for `SUBPROOF(m, D[lo:hi], lo == 0)` with `lo < m <= hi`
/// (here `m` is an absolute leaf count).
fn tree_proof_indexes(lo: u64, hi: u64, m: u64, need: &mut Vec<u64>) {
    if m == hi {
        if lo != 0 {
            subtree_indexes(lo, hi, need);
        }
        return;
    }
    let k = split_point(hi - lo);
    if m <= lo + k {
        tree_proof_indexes(lo, lo + k, m, need);
        subtree_indexes(lo + k, hi, need);
    } else {
        subtree_indexes(lo, lo + k, need);
        tree_proof_indexes(lo + k, hi, m, need);
    }
}

fn tree_proof(lo: u64, hi: u64, m: u64, it: &mut std::slice::Iter<'_, Hash>, out: &mut Vec<Hash>) {
    if m == hi {
        if lo != 0 {
            out.push(subtree_hash(lo, hi, it));
        }
        return;
    }
    let k = split_point(hi - lo);
    if m <= lo + k {
        tree_proof(lo, lo + k, m, it, out);
        out.push(subtree_hash(lo + k, hi, it));
    } else {
        let left = subtree_hash(lo, lo + k, it);
        tree_proof(lo + k, hi, m, it, out);
        out.push(left);
    }
}

/// An in-memory stored-hash sequence: append leaves, get roots and proofs.
///
/// Also useful to rebuild the sequence from a full list of leaf hashes
/// loaded from a database ([`StoredTree::from_leaf_hashes`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredTree {
    hashes: Vec<Hash>,
    size: u64,
}

impl StoredTree {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the tree of the given leaf hashes.
    pub fn from_leaf_hashes(leaf_hashes: &[Hash]) -> Self {
        let mut t = Self::new();
        for h in leaf_hashes {
            t.push_unchecked(h);
        }
        t
    }

    /// Adopts an existing stored-hash sequence (as persisted by a
    /// database), checking that its length is `stored_hash_count(size)`.
    pub fn from_stored_hashes(size: u64, hashes: Vec<Hash>) -> Result<Self, Error> {
        check_size(size)?;
        if hashes.len() as u64 != stored_hash_count(size) {
            return Err(Error::ReaderCount { expected: stored_hash_count(size) as usize, got: hashes.len() });
        }
        Ok(Self { hashes, size })
    }

    fn push_unchecked(&mut self, leaf_hash: &Hash) {
        let n = self.size;
        let mut h = *leaf_hash;
        self.hashes.push(h);
        for i in 0..n.trailing_ones() {
            let left = self.hashes[stored_hash_index(i, (n >> i) - 1) as usize];
            h = node_hash(&left, &h);
            self.hashes.push(h);
        }
        self.size += 1;
    }

    /// Appends a leaf hash; returns the new leaf's index.
    pub fn append(&mut self, leaf_hash: &Hash) -> Result<u64, Error> {
        check_size(self.size + 1)?;
        let index = self.size;
        self.push_unchecked(leaf_hash);
        Ok(index)
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The stored-hash sequence (what a database would persist).
    pub fn stored_hashes(&self) -> &[Hash] {
        &self.hashes
    }

    /// Root of the current tree.
    pub fn root(&self) -> Hash {
        // The sequence always holds what tree_hash needs.
        tree_hash(self.size, self).unwrap_or(EMPTY_ROOT)
    }

    /// Root of the tree of the first `size` leaves.
    pub fn root_at(&self, size: u64) -> Result<Hash, Error> {
        self.check_within(size)?;
        tree_hash(size, self)
    }

    /// Inclusion proof of leaf `index` in the tree of the first `size` leaves.
    pub fn inclusion_proof(&self, size: u64, index: u64) -> Result<Vec<Hash>, Error> {
        self.check_within(size)?;
        inclusion_proof(size, index, self)
    }

    /// Consistency proof between two sizes not above the current size.
    pub fn consistency_proof(&self, old_size: u64, new_size: u64) -> Result<Vec<Hash>, Error> {
        self.check_within(new_size)?;
        consistency_proof(old_size, new_size, self)
    }

    fn check_within(&self, size: u64) -> Result<(), Error> {
        if size > self.size {
            return Err(Error::SizeOrder { old_size: size, new_size: self.size });
        }
        Ok(())
    }
}

impl HashReader for StoredTree {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, Error> {
        self.hashes.read_hashes(indexes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trip() {
        let mut expected = 0u64;
        let mut tree = StoredTree::new();
        for n in 0..5000u64 {
            assert_eq!(stored_hash_index(0, n), expected);
            tree.append(&crate::leaf_hash(&n.to_be_bytes())).unwrap();
            expected = stored_hash_count(n + 1);
            assert_eq!(tree.stored_hashes().len() as u64, expected);
        }
        for i in 0..expected {
            let (level, n) = split_stored_hash_index(i);
            assert_eq!(stored_hash_index(level, n), i, "index {i}");
        }
        // Large values do not panic and still round-trip.
        for i in [u64::MAX / 4, (1 << 62) + 12345, 1 << 40] {
            let (level, n) = split_stored_hash_index(i);
            assert_eq!(stored_hash_index(level, n), i);
        }
        let _ = stored_hash_index(63, u64::MAX);
        let _ = split_stored_hash_index(u64::MAX);
    }

    #[test]
    fn known_positions() {
        // Leaves 0,1 then node (1,0); leaf 2; leaf 3, node (1,1), node (2,0).
        assert_eq!(stored_hash_index(0, 0), 0);
        assert_eq!(stored_hash_index(0, 1), 1);
        assert_eq!(stored_hash_index(1, 0), 2);
        assert_eq!(stored_hash_index(0, 2), 3);
        assert_eq!(stored_hash_index(0, 3), 4);
        assert_eq!(stored_hash_index(1, 1), 5);
        assert_eq!(stored_hash_index(2, 0), 6);
        assert_eq!(stored_hash_count(4), 7);
    }
}
