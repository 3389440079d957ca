//! Runs the verification probes of transparency-dev/merkle (see
//! `tests/data/transparency_dev_probes.rs` for the source) against
//! `verify_inclusion` and `verify_consistency`.
//!
//! Some probes use hashes that are not 32 bytes long (empty strings, or
//! text such as "don't care 1"). This crate's API takes `[u8; 32]`, so such
//! inputs cannot be expressed at all; they are counted as rejected, and
//! the few of them that the source expects to be *accepted* are listed
//! below and restated with 32-byte values.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use tlog::{verify_consistency, verify_inclusion, Hash};

#[path = "data/transparency_dev_probes.rs"]
mod probes;

use probes::{CONSISTENCY_PROBES, INCLUSION_PROBES};

fn hash(s: &str) -> Option<Hash> {
    let v = STANDARD.decode(s).expect("probe data is valid base64");
    Hash::try_from(v.as_slice()).ok()
}

fn hashes(list: &[&str]) -> Option<Vec<Hash>> {
    list.iter().map(|s| hash(s)).collect()
}

/// Probes expected to pass whose values are not 32-byte hashes.
const ACCEPTED_BUT_UNREPRESENTABLE: &[&str] = &["consistency/additional/sizes-are-equal-one-and-proof-is-empty.json"];

#[test]
fn inclusion_probes() {
    const CHECKED: usize = 72;
    let mut checked = 0;
    let mut unrepresentable = 0;
    for p in INCLUSION_PROBES {
        let (Some(leaf), Some(root), Some(proof)) = (hash(p.leaf_hash), hash(p.root), hashes(p.proof)) else {
            assert!(p.want_err, "{}: expected to pass but not expressible", p.file);
            unrepresentable += 1;
            continue;
        };
        let res = verify_inclusion(&leaf, p.leaf_idx, p.tree_size, &proof, &root);
        assert_eq!(res.is_err(), p.want_err, "{}: got {res:?}", p.file);
        checked += 1;
    }
    assert_eq!(checked + unrepresentable, 98);
    assert_eq!(checked, CHECKED, "probes checked with 32-byte values");
}

#[test]
fn consistency_probes() {
    const CHECKED: usize = 71;
    let mut checked = 0;
    let mut unrepresentable = 0;
    for p in CONSISTENCY_PROBES {
        let (Some(r1), Some(r2), Some(proof)) = (hash(p.root1), hash(p.root2), hashes(p.proof)) else {
            if !p.want_err {
                assert!(ACCEPTED_BUT_UNREPRESENTABLE.contains(&p.file), "{}", p.file);
            }
            unrepresentable += 1;
            continue;
        };
        let res = verify_consistency(p.size1, p.size2, &proof, &r1, &r2);
        assert_eq!(res.is_err(), p.want_err, "{}: got {res:?}", p.file);
        checked += 1;
    }
    assert_eq!(checked + unrepresentable, 98);
    assert_eq!(checked, CHECKED, "probes checked with 32-byte values");

    // sizes-are-equal-one-and-proof-is-empty, with a 32-byte root.
    let r = tlog::leaf_hash(b"don't care 2");
    verify_consistency(1, 1, &[], &r, &r).unwrap();
}
