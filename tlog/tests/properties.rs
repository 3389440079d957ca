//! Exhaustive property checks on small trees (sizes 1..=70) and agreement
//! of the stored-hash model with the full-list functions (sizes 1..=600).

use std::cell::RefCell;

use tlog::stored::{self, HashReaderFn, StoredTree};
use tlog::tile::{tile_hashes, tile_hashes_from_leaves, tiles_for_size};
use tlog::{consistency_proof, inclusion_proof, leaf_hash, root, verify_consistency, verify_inclusion, Hash};

fn leaves(n: u64) -> Vec<Hash> {
    (0..n).map(|i| leaf_hash(format!("entry {i}").as_bytes())).collect()
}

/// Left/right pattern of an inclusion proof per RFC 9162 `PATH`: `true`
/// when the proof hash is the right sibling. Two (index, size) pairs with
/// the same pattern make `verify_inclusion` perform the same computation.
fn path_shape(m: u64, n: u64) -> Vec<bool> {
    if n <= 1 {
        return vec![];
    }
    let k = 1u64 << (63 - (n - 1).leading_zeros());
    if m < k {
        let mut s = path_shape(m, k);
        s.push(true);
        s
    } else {
        let mut s = path_shape(m - k, n - k);
        s.push(false);
        s
    }
}

/// Shape of a consistency proof per RFC 9162 `SUBPROOF`: whether the old
/// root seeds the computation, then for each proof hash whether it is a
/// right sibling (new root only) or a left one (both roots).
fn subproof_shape(m: u64, n: u64, b: bool) -> (bool, Vec<bool>) {
    if m == n {
        return (b, vec![]);
    }
    let k = 1u64 << (63 - (n - 1).leading_zeros());
    if m <= k {
        let (seed, mut s) = subproof_shape(m, k, b);
        s.push(true);
        (seed, s)
    } else {
        let (seed, mut s) = subproof_shape(m - k, n - k, false);
        s.push(false);
        (seed, s)
    }
}

fn mutations(proof: &[Hash], extra: &Hash) -> Vec<Vec<Hash>> {
    let mut out = Vec::new();
    // Every byte of every hash changed (a different bit per position).
    for i in 0..proof.len() {
        for j in 0..32 {
            let mut p = proof.to_vec();
            p[i][j] ^= 1 << (j % 8);
            out.push(p);
        }
    }
    // Every hash removed.
    for i in 0..proof.len() {
        let mut p = proof.to_vec();
        p.remove(i);
        out.push(p);
    }
    // A hash inserted at every position, both a foreign hash and a
    // duplicate of a neighbour.
    for i in 0..=proof.len() {
        let mut p = proof.to_vec();
        p.insert(i, *extra);
        out.push(p);
        if !proof.is_empty() {
            let mut p = proof.to_vec();
            p.insert(i, proof[i.min(proof.len() - 1)]);
            out.push(p);
        }
    }
    out
}

#[test]
fn every_inclusion_proof_verifies_and_resists_tampering() {
    let all = leaves(70);
    let junk = leaf_hash(b"junk");
    let mut coincidences = 0;
    let mut rejected = 0u64;
    for size in 1..=70u64 {
        let d = &all[..size as usize];
        let r = root(d);
        for index in 0..size {
            let leaf = d[index as usize];
            let proof = inclusion_proof(d, index).unwrap();
            verify_inclusion(&leaf, index, size, &proof, &r).unwrap();

            for p in mutations(&proof, &junk) {
                assert!(verify_inclusion(&leaf, index, size, &p, &r).is_err());
                rejected += 1;
            }
            let mut bad_leaf = leaf;
            bad_leaf[7] ^= 0x10;
            assert!(verify_inclusion(&bad_leaf, index, size, &proof, &r).is_err());
            let mut bad_root = r;
            bad_root[31] ^= 0x01;
            assert!(verify_inclusion(&leaf, index, size, &proof, &bad_root).is_err());
            assert!(verify_inclusion(&leaf, size, size, &proof, &r).is_err());
            assert!(verify_inclusion(&leaf, u64::MAX, size, &proof, &r).is_err());

            // Wrong index (same tree) or wrong size (same root): accepted
            // exactly when RFC 9162 would run the same computation.
            let shape = path_shape(index, size);
            let others = (0..size)
                .filter(|&i| i != index)
                .map(|i| (i, size))
                .chain((index + 1..=2 * size + 2).filter(|&s| s != size).map(|s| (index, s)));
            for (i, s) in others {
                let ok = verify_inclusion(&leaf, i, s, &proof, &r).is_ok();
                assert_eq!(ok, path_shape(i, s) == shape, "({index},{size}) checked as ({i},{s})");
                if ok {
                    coincidences += 1;
                } else {
                    rejected += 1;
                }
            }
        }
    }
    // Sanity: most wrong parameters are rejected; same-shape coincidences
    // only happen for a larger size with an identical path.
    assert!(rejected > 100_000 && coincidences < rejected / 10);
}

#[test]
fn every_consistency_proof_verifies_and_resists_tampering() {
    let all = leaves(70);
    let junk = leaf_hash(b"junk");
    let roots: Vec<Hash> = (0..=70).map(|n| root(&all[..n])).collect();
    let mut rejected = 0u64;
    for new in 1..=70u64 {
        let d = &all[..new as usize];
        let new_root = roots[new as usize];
        for old in 0..=new {
            let old_root = roots[old as usize];
            let proof = consistency_proof(d, old).unwrap();
            verify_consistency(old, new, &proof, &old_root, &new_root).unwrap();

            for p in mutations(&proof, &junk) {
                assert!(verify_consistency(old, new, &p, &old_root, &new_root).is_err(), "{old}->{new} mutated");
                rejected += 1;
            }
            let mut bad = old_root;
            bad[0] ^= 0x80;
            assert!(verify_consistency(old, new, &proof, &bad, &new_root).is_err());
            if old > 0 {
                let mut bad = new_root;
                bad[0] ^= 0x80;
                assert!(verify_consistency(old, new, &proof, &old_root, &bad).is_err());
            }
            if old == 0 {
                continue;
            }
            // Wrong old size or wrong new size with the same roots:
            // accepted exactly when SUBPROOF has the same shape.
            let shape = subproof_shape(old, new, true);
            let others = (0..=new + 1)
                .filter(|&o| o != old)
                .map(|o| (o, new))
                .chain((0..=2 * new + 2).filter(|&n| n != new).map(|n| (old, n)));
            for (o, n) in others {
                let ok = verify_consistency(o, n, &proof, &old_root, &new_root).is_ok();
                let same = o > 0 && o <= n && (o < n || old == new) && subproof_shape(o, n, true) == shape;
                assert_eq!(ok, same, "{old}->{new} checked as {o}->{n}");
                rejected += u64::from(!ok);
            }
        }
    }
    assert!(rejected > 100_000);
}

#[test]
fn stored_model_agrees_with_full_list_up_to_600() {
    let all = leaves(600);
    let tree = StoredTree::from_leaf_hashes(&all);
    assert_eq!(tree.stored_hashes().len() as u64, stored::stored_hash_count(600));
    assert_eq!(tree.stored_hashes(), stored::stored_hashes_from_leaves(&all));

    let mut incremental = StoredTree::new();
    let mut sequence: Vec<Hash> = Vec::new();
    for size in 1..=600u64 {
        let n = size - 1;
        // Appending through the HashReader API gives the same sequence.
        let new = stored::stored_hashes_for_record_hash(n, &all[n as usize], &sequence).unwrap();
        assert_eq!(sequence.len() as u64, stored::stored_hash_index(0, n));
        sequence.extend(new);
        assert_eq!(incremental.append(&all[n as usize]).unwrap(), n);
        assert_eq!(incremental.stored_hashes(), &sequence[..]);
        assert_eq!(sequence.len() as u64, stored::stored_hash_count(size));

        let d = &all[..size as usize];
        let r = root(d);
        assert_eq!(stored::tree_hash(size, &sequence).unwrap(), r, "root {size}");
        assert_eq!(incremental.root(), r);

        let sample: Vec<u64> = if size <= 100 {
            (0..size).collect()
        } else {
            let mut s: Vec<u64> = (0..size).step_by((size / 13) as usize).collect();
            s.extend([1, 2, size / 2, size - 2, size - 1]);
            s
        };
        for &index in &sample {
            assert_eq!(
                stored::inclusion_proof(size, index, &tree).unwrap(),
                inclusion_proof(d, index).unwrap(),
                "inclusion ({index}, {size})"
            );
            let old = index; // reuse the sample as old sizes
            assert_eq!(
                stored::consistency_proof(old, size, &tree).unwrap(),
                consistency_proof(d, old).unwrap(),
                "consistency {old}->{size}"
            );
        }
        assert_eq!(stored::consistency_proof(size, size, &tree).unwrap(), consistency_proof(d, size).unwrap());
        for tile in tiles_for_size(size) {
            assert!(tile.is_within(size));
            assert_eq!(
                tile_hashes(&tile, &tree).unwrap(),
                tile_hashes_from_leaves(&tile, d).unwrap(),
                "tile {} at size {size}",
                tile.path()
            );
        }
    }
}

#[test]
fn stored_model_reads_few_hashes() {
    let all = leaves(5000);
    let tree = StoredTree::from_leaf_hashes(&all);
    let reads = RefCell::new(0usize);
    let reader = HashReaderFn(|idx: &[u64]| {
        *reads.borrow_mut() += idx.len();
        tlog::HashReader::read_hashes(&tree, idx)
    });
    for size in [1u64, 2, 3, 255, 256, 257, 1000, 4095, 4096, 4097, 5000] {
        let bits = 64 - size.leading_zeros() as usize;
        *reads.borrow_mut() = 0;
        stored::tree_hash(size, &reader).unwrap();
        assert_eq!(*reads.borrow(), size.count_ones() as usize, "tree_hash({size})");
        for index in [0, size / 2, size - 1] {
            *reads.borrow_mut() = 0;
            stored::inclusion_proof(size, index, &reader).unwrap();
            assert!(*reads.borrow() <= 2 * bits, "inclusion ({index},{size}) read {}", reads.borrow());
        }
        for old in [1, size / 3, size - 1] {
            *reads.borrow_mut() = 0;
            stored::consistency_proof(old, size, &reader).unwrap();
            assert!(*reads.borrow() <= 2 * bits + 2, "consistency {old}->{size}");
        }
        *reads.borrow_mut() = 0;
        stored::stored_hashes_for_record_hash(size, &leaf_hash(b"next"), &reader).unwrap();
        assert_eq!(*reads.borrow(), size.trailing_ones() as usize);
    }
}

#[test]
fn stored_model_reports_storage_problems() {
    let all = leaves(10);
    let tree = StoredTree::from_leaf_hashes(&all);
    let partial = &tree.stored_hashes()[..5];
    assert!(matches!(stored::tree_hash(10, partial), Err(tlog::Error::MissingHash(_))));
    let short = HashReaderFn(|_: &[u64]| Ok(vec![]));
    assert!(matches!(stored::tree_hash(10, &short), Err(tlog::Error::ReaderCount { .. })));
    let failing = HashReaderFn(|_: &[u64]| Err(tlog::Error::Storage("database is down".into())));
    assert!(matches!(stored::inclusion_proof(10, 3, &failing), Err(tlog::Error::Storage(_))));
    assert!(stored::inclusion_proof(10, 10, &tree).is_err());
    assert!(stored::consistency_proof(5, 4, &tree).is_err());
    assert!(tree.root_at(11).is_err());
    assert!(stored::tree_hash(u64::MAX, &tree).is_err());
    assert!(StoredTree::from_stored_hashes(10, tree.stored_hashes().to_vec()).is_ok());
    assert!(StoredTree::from_stored_hashes(11, tree.stored_hashes().to_vec()).is_err());
}
