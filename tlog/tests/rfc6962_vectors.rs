//! Reference vectors for RFC 6962 / RFC 9162 Merkle trees.
//!
//! The leaves, roots, inclusion proofs and consistency proofs below are
//! copied from transparency-dev/merkle, file `proof/verify_test.go` as of
//! commit 022f84c (before that test moved its data to JSON files), where
//! they are the `leaves`, `roots`, `inclusionProofs` and
//! `consistencyProofs` variables. They are the same 8-leaf vectors as
//! Certificate Transparency's `merkle_tree_test`. The hasher vectors come
//! from transparency-dev/merkle `rfc6962/rfc6962_test.go`.

use tlog::stored::StoredTree;
use tlog::{
    consistency_proof, inclusion_proof, leaf_hash, node_hash, root, verify_consistency, verify_inclusion, Error, Hash,
    EMPTY_ROOT,
};

fn h(s: &str) -> Hash {
    let mut out = [0u8; 32];
    assert_eq!(s.len(), 64);
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
}

/// `leaves` (hex-encoded entries, before leaf hashing).
const LEAVES: [&str; 8] =
    ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

/// `roots`: root of the tree of the first i+1 leaves.
const ROOTS: [&str; 8] = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/// `inclusionProofs`: (1-based leaf number, tree size, proof). The
/// source's first entry {0, 0, nil} is a deliberately invalid path and is
/// checked separately below.
const INCLUSION: &[(u64, u64, &[&str])] = &[
    (1, 1, &[]),
    (
        1,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        &[
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (3, 3, &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        2,
        5,
        &[
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
];

/// `consistencyProofs`: (size1, size2, proof).
const CONSISTENCY: &[(u64, u64, &[&str])] = &[
    (1, 1, &[]),
    (
        1,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        &[
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
];

/// (size or index, size, hash, hash, proof) of a corrupted probe.
type Probe = (u64, u64, Hash, Hash, Vec<Hash>);
/// (old size, new size, old root, new root, proof, accepted).
type EdgeCase<'a> = (u64, u64, Hash, Hash, &'a [Hash], bool);

/// `sha256SomeHash` in the source.
const SOME_HASH: &str = "abacaba000000000000000000000000000000000000000000060061e00123456";

fn leaf_hashes() -> Vec<Hash> {
    LEAVES.iter().map(|l| leaf_hash(&unhex(l))).collect()
}

fn proof_of(p: &[&str]) -> Vec<Hash> {
    p.iter().map(|s| h(s)).collect()
}

#[test]
fn hasher_vectors() {
    // rfc6962_test.go: "RFC6962 Empty", "RFC6962 Empty Leaf", "RFC6962 Leaf".
    assert_eq!(EMPTY_ROOT, h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assert_eq!(leaf_hash(b""), h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
    assert_eq!(leaf_hash(b"L123456"), h("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"));
    // Node hashing is domain-separated from leaf hashing and ordered.
    let (a, b) = (leaf_hash(b"Hello"), leaf_hash(b"World"));
    assert_ne!(node_hash(&a, &b), node_hash(&b, &a));
    assert_ne!(node_hash(&a, &b), leaf_hash(&[a, b].concat()));
}

#[test]
fn roots_for_sizes_0_to_8() {
    let leaves = leaf_hashes();
    assert_eq!(root(&[]), EMPTY_ROOT);
    let mut tree = StoredTree::new();
    assert_eq!(tree.root(), EMPTY_ROOT);
    for (i, want) in ROOTS.iter().enumerate() {
        assert_eq!(root(&leaves[..=i]), h(want), "full-list root of size {}", i + 1);
        tree.append(&leaves[i]).unwrap();
        assert_eq!(tree.root(), h(want), "stored root of size {}", i + 1);
    }
}

#[test]
fn pinned_inclusion_proofs() {
    let leaves = leaf_hashes();
    let tree = StoredTree::from_leaf_hashes(&leaves);
    for &(leaf, size, proof) in INCLUSION {
        let index = leaf - 1;
        let want = proof_of(proof);
        assert_eq!(
            inclusion_proof(&leaves[..size as usize], index).unwrap(),
            want,
            "full-list proof ({index}, {size})"
        );
        assert_eq!(tree.inclusion_proof(size, index).unwrap(), want, "stored proof ({index}, {size})");
        let root = h(ROOTS[size as usize - 1]);
        verify_inclusion(&leaves[index as usize], index, size, &want, &root).unwrap();
        // The source's corruptions (corruptInclusionProof) must all fail.
        let some = h(SOME_HASH);
        let lh = leaves[index as usize];
        let bad: Vec<Probe> = vec![
            (index.wrapping_sub(1), size, root, lh, want.clone()),
            (index + 1, size, root, lh, want.clone()),
            (index ^ 2, size, root, lh, want.clone()),
            (index, size * 2, root, lh, want.clone()),
            (index, size / 2, root, lh, want.clone()),
            (index, size, root, leaf_hash(b"WrongLeaf"), want.clone()),
            (index, size, EMPTY_ROOT, lh, want.clone()),
            (index, size, some, lh, want.clone()),
            (index, size, root, lh, [want.clone(), vec![root]].concat()),
            (index, size, root, lh, [vec![root], want.clone()].concat()),
        ];
        for (i, s, r, l, p) in bad {
            assert!(verify_inclusion(&l, i, s, &p, &r).is_err(), "corrupted ({i}, {s}) accepted for ({index}, {size})");
        }
    }
    // TestVerifyInclusion: impossible (index, size) pairs with empty proofs.
    for (index, size) in [(0u64, 0u64), (0, 1), (1, 0), (2, 1)] {
        let some = h(SOME_HASH);
        assert!(verify_inclusion(&some, index, size, &[], &EMPTY_ROOT).is_err());
    }
    // TestVerifyInclusionSingleEntry: root of a 1-leaf tree is its leaf.
    let d = leaf_hash(b"data");
    verify_inclusion(&d, 0, 1, &[], &d).unwrap();
    assert!(verify_inclusion(&d, 0, 1, &[], &EMPTY_ROOT).is_err());
}

#[test]
fn pinned_consistency_proofs() {
    let leaves = leaf_hashes();
    let tree = StoredTree::from_leaf_hashes(&leaves);
    for &(size1, size2, proof) in CONSISTENCY {
        let want = proof_of(proof);
        assert_eq!(
            consistency_proof(&leaves[..size2 as usize], size1).unwrap(),
            want,
            "full-list proof {size1}->{size2}"
        );
        assert_eq!(tree.consistency_proof(size1, size2).unwrap(), want, "stored proof {size1}->{size2}");
        let (r1, r2) = (h(ROOTS[size1 as usize - 1]), h(ROOTS[size2 as usize - 1]));
        verify_consistency(size1, size2, &want, &r1, &r2).unwrap();
        if size1 == size2 {
            continue;
        }
        // The source's corruptions (corruptConsistencyProof) must all fail.
        let bad: Vec<Probe> = vec![
            (size1 - 1, size2, r1, r2, want.clone()),
            (size1 + 1, size2, r1, r2, want.clone()),
            (size1 ^ 2, size2, r1, r2, want.clone()),
            (size1, size2 * 2, r1, r2, want.clone()),
            (size1, size2 / 2, r1, r2, want.clone()),
            (size1, size2, leaf_hash(b"WrongRoot"), r2, want.clone()),
            (size1, size2, r1, leaf_hash(b"WrongRoot"), want.clone()),
            (size1, size2, r2, r1, want.clone()),
            (size1, size2, r1, r2, vec![]),
            (size1, size2, r1, r2, [want.clone(), vec![r1]].concat()),
            (size1, size2, r1, r2, [want.clone(), vec![r2]].concat()),
            (size1, size2, r1, r2, [vec![r1], want.clone()].concat()),
            (size1, size2, r1, r2, [vec![r2], want.clone()].concat()),
            (size1, size2, r1, r2, [vec![want[0]], want.clone()].concat()),
            (size1, size2, r1, r2, want[..want.len() - 1].to_vec()),
        ];
        for (s1, s2, a, b, p) in bad {
            assert!(
                verify_consistency(s1, s2, &p, &a, &b).is_err(),
                "corrupted {s1}->{s2} accepted for {size1}->{size2}"
            );
        }
    }
}

#[test]
fn consistency_edge_cases() {
    // TestVerifyConsistency in the source, restated with 32-byte roots.
    let r1 = leaf_hash(b"don't care 1");
    let r2 = leaf_hash(b"don't care 2");
    let e = EMPTY_ROOT;
    let one = [e];
    let cases: &[EdgeCase] = &[
        (0, 0, r1, r2, &[], false),
        (1, 1, r1, r2, &[], false),
        (1, 1, r2, r2, &[], true),
        (1, 0, r1, r2, &[], false),
        (2, 1, r1, r2, &[], false),
        (1, 2, r1, r2, &[], false),
        (0, 0, e, r2, &[], false),
        (1, 1, e, r2, &[], false),
        (0, 0, e, e, &one, false),
        (0, 1, e, e, &one, false),
        (1, 1, e, e, &one, false),
        // This crate's choice for sizes the RFC leaves open: the empty tree
        // is consistent with any tree given an empty proof, provided the
        // old root really is the empty root (the source rejects size1 = 0
        // outright).
        (0, 0, e, e, &[], true),
        (0, 0, r1, r1, &[], false),
        (0, 1, e, r2, &[], true),
        (0, 1, r1, r2, &[], false),
    ];
    for &(s1, s2, a, b, p, ok) in cases {
        let res = verify_consistency(s1, s2, p, &a, &b);
        assert_eq!(res.is_ok(), ok, "({s1}, {s2}) -> {res:?}");
    }
    assert!(matches!(verify_consistency(3, 2, &[], &r1, &r2), Err(Error::SizeOrder { .. })));
}
