//! Inclusion and consistency proofs (RFC 9162 §2.1.3 and §2.1.4).
//!
//! Generation here works from a complete list of leaf hashes and follows
//! the recursive definitions `PATH` and `SUBPROOF` of RFC 9162 literally;
//! it costs O(n) hashes per proof. For large logs use the stored-hash model
//! in [`crate::stored`], which reads O(log n) stored hashes per proof and
//! produces identical proofs.
//!
//! Verification implements the algorithms of RFC 9162 §2.1.3.2 and
//! §2.1.4.2 step by step.

use crate::hash::{mth, node_hash, split_point, Hash, EMPTY_ROOT};
use crate::Error;

/// Inclusion proof (RFC 9162 `PATH`) for the leaf at `index` in the tree
/// made of all of `leaf_hashes`. To prove inclusion in an older tree of
/// size `s`, pass `&leaf_hashes[..s]`.
pub fn inclusion_proof(leaf_hashes: &[Hash], index: u64) -> Result<Vec<Hash>, Error> {
    let size = leaf_hashes.len() as u64;
    if index >= size {
        return Err(Error::IndexOutOfRange { index, size });
    }
    let mut proof = Vec::new();
    path(index as usize, leaf_hashes, &mut proof);
    Ok(proof)
}

/// `PATH(m, D[n])`, appending to `out` (the recursion's suffix order:
/// deepest sibling first).
fn path(m: usize, d: &[Hash], out: &mut Vec<Hash>) {
    let n = d.len();
    if n <= 1 {
        return;
    }
    let k = split_point(n as u64) as usize;
    if m < k {
        path(m, &d[..k], out);
        out.push(mth(&d[k..]));
    } else {
        path(m - k, &d[k..], out);
        out.push(mth(&d[..k]));
    }
}

/// Consistency proof (RFC 9162 `PROOF`) from the tree of the first
/// `old_size` leaves to the tree made of all of `leaf_hashes`.
///
/// The proof is empty when `old_size` is 0 or equals the new size.
pub fn consistency_proof(leaf_hashes: &[Hash], old_size: u64) -> Result<Vec<Hash>, Error> {
    let new_size = leaf_hashes.len() as u64;
    if old_size > new_size {
        return Err(Error::SizeOrder { old_size, new_size });
    }
    let mut proof = Vec::new();
    if old_size > 0 {
        subproof(old_size as usize, leaf_hashes, true, &mut proof);
    }
    Ok(proof)
}

/// `SUBPROOF(m, D[n], b)`, appending to `out`.
fn subproof(m: usize, d: &[Hash], b: bool, out: &mut Vec<Hash>) {
    let n = d.len();
    if m == n {
        if !b {
            out.push(mth(d));
        }
        return;
    }
    let k = split_point(n as u64) as usize;
    if m <= k {
        subproof(m, &d[..k], b, out);
        out.push(mth(&d[k..]));
    } else {
        subproof(m - k, &d[k..], false, out);
        out.push(mth(&d[..k]));
    }
}

/// Verifies that `leaf_hash` is the leaf at `index` of the tree of `size`
/// leaves whose root is `root`, following RFC 9162 §2.1.3.2.
///
/// Fails if `index >= size`, if the proof has too many or too few hashes,
/// or if the computed root differs.
pub fn verify_inclusion(leaf_hash: &Hash, index: u64, size: u64, proof: &[Hash], root: &Hash) -> Result<(), Error> {
    // 1. leaf_index must be smaller than tree_size.
    if index >= size {
        return Err(Error::IndexOutOfRange { index, size });
    }
    // 2. fn = leaf_index, sn = tree_size - 1.
    let mut f = index;
    let mut s = size - 1;
    // 3. r = hash.
    let mut r = *leaf_hash;
    // 4. For each p in inclusion_path:
    for p in proof {
        if s == 0 {
            return Err(Error::InvalidProof("inclusion proof too long"));
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    // 5. sn must be 0 and r must equal the root.
    if s != 0 {
        return Err(Error::InvalidProof("inclusion proof too short"));
    }
    if r != *root {
        return Err(Error::InvalidProof("inclusion proof does not lead to the root"));
    }
    Ok(())
}

/// Verifies that the tree of `new_size` leaves with root `new_root` extends
/// the tree of `old_size` leaves with root `old_root`, following RFC 9162
/// §2.1.4.2 for `0 < old_size < new_size`.
///
/// Outside that range (which the RFC does not cover):
/// * `old_size > new_size` is an error;
/// * `old_size == new_size` requires an empty proof and equal roots (and,
///   for size 0, that both are [`EMPTY_ROOT`]);
/// * `old_size == 0 < new_size` requires an empty proof and
///   `old_root == EMPTY_ROOT`: every tree extends the empty tree, and
///   `new_root` is not checked by this call.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    proof: &[Hash],
    old_root: &Hash,
    new_root: &Hash,
) -> Result<(), Error> {
    if old_size > new_size {
        return Err(Error::SizeOrder { old_size, new_size });
    }
    if old_size == new_size {
        if !proof.is_empty() {
            return Err(Error::InvalidProof("proof between equal sizes must be empty"));
        }
        if old_root != new_root {
            return Err(Error::InvalidProof("roots differ for equal sizes"));
        }
        if old_size == 0 && *old_root != EMPTY_ROOT {
            return Err(Error::InvalidProof("root of the empty tree is not SHA-256(\"\")"));
        }
        return Ok(());
    }
    if old_size == 0 {
        if !proof.is_empty() {
            return Err(Error::InvalidProof("proof from the empty tree must be empty"));
        }
        if *old_root != EMPTY_ROOT {
            return Err(Error::InvalidProof("root of the empty tree is not SHA-256(\"\")"));
        }
        return Ok(());
    }
    // 1. An empty consistency_path fails.
    if proof.is_empty() {
        return Err(Error::InvalidProof("empty consistency proof"));
    }
    // 2. If first is an exact power of 2, prepend first_hash.
    let (first, rest) = if old_size.is_power_of_two() { (old_root, proof) } else { (&proof[0], &proof[1..]) };
    // 3. fn = first - 1, sn = second - 1.
    let mut f = old_size - 1;
    let mut s = new_size - 1;
    // 4. While LSB(fn) is set, shift both right.
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    // 5. fr = sr = first value of the path.
    let mut fr = *first;
    let mut sr = *first;
    // 6. For each subsequent value c:
    for c in rest {
        if s == 0 {
            return Err(Error::InvalidProof("consistency proof too long"));
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    // 7. fr == first_hash, sr == second_hash, sn == 0.
    if s != 0 {
        return Err(Error::InvalidProof("consistency proof too short"));
    }
    if fr != *old_root {
        return Err(Error::InvalidProof("consistency proof does not lead to the old root"));
    }
    if sr != *new_root {
        return Err(Error::InvalidProof("consistency proof does not lead to the new root"));
    }
    Ok(())
}
