//! c2sp.org/tlog-tiles: paths, tile lists, tile contents, entry bundles.

use tlog::stored::StoredTree;
use tlog::tile::{
    entry_bundle, entry_bundle_path, new_tiles, parse_entry_bundle, parse_entry_bundle_path, parse_tile_path,
    split_tile_hashes, tile_hashes, tile_hashes_from_leaves, tile_path, tiles_for_size, Tile,
};
use tlog::{leaf_hash, root, Hash};

fn t(level: u8, index: u64, width: u16) -> Tile {
    Tile::new(level, index, width).unwrap()
}

#[test]
fn spec_path_examples() {
    // "index 1234067 will be encoded as x001/x234/067" (c2sp.org/tlog-tiles).
    assert_eq!(tile_path(0, 1234067, 256).unwrap(), "tile/0/x001/x234/067");
    assert_eq!(tile_path(0, 1234067, 7).unwrap(), "tile/0/x001/x234/067.p/7");
    assert_eq!(entry_bundle_path(1234067, 256).unwrap(), "tile/entries/x001/x234/067");
    assert_eq!(entry_bundle_path(1234067, 1).unwrap(), "tile/entries/x001/x234/067.p/1");
    // Go sumdb/tlog's tile path examples (tile_test.go), without its
    // height element, which C2SP paths do not have.
    assert_eq!(tile_path(0, 1, 256).unwrap(), "tile/0/001");
    assert_eq!(tile_path(0, 1, 5).unwrap(), "tile/0/001.p/5");
    assert_eq!(tile_path(5, 123456078, 256).unwrap(), "tile/5/x123/x456/078");
    assert_eq!(tile_path(5, 123456078, 2).unwrap(), "tile/5/x123/x456/078.p/2");
    assert_eq!(tile_path(0, 3057500, 256).unwrap(), "tile/0/x003/x057/500");
    assert_eq!(tile_path(63, 0, 1).unwrap(), "tile/63/000.p/1");
    assert_eq!(tile_path(1, 1000, 256).unwrap(), "tile/1/x001/000");
    assert_eq!(tile_path(1, 999, 256).unwrap(), "tile/1/999");
    assert_eq!(tile_path(2, u64::MAX, 255).unwrap(), "tile/2/x018/x446/x744/x073/x709/x551/615.p/255");

    assert_eq!(parse_tile_path("tile/0/x001/x234/067"), Some(t(0, 1234067, 256)));
    assert_eq!(parse_tile_path("tile/0/x001/x234/067.p/7"), Some(t(0, 1234067, 7)));
    assert_eq!(parse_tile_path("tile/5/x123/x456/078.p/2"), Some(t(5, 123456078, 2)));
    assert_eq!(parse_entry_bundle_path("tile/entries/x001/x234/067.p/1"), Some(t(0, 1234067, 1)));
    assert_eq!(parse_entry_bundle_path("tile/entries/000"), Some(t(0, 0, 256)));

    // Out-of-range constructors.
    assert_eq!(tile_path(64, 0, 256), None);
    assert_eq!(tile_path(0, 0, 0), None);
    assert_eq!(tile_path(0, 0, 257), None);
    assert_eq!(entry_bundle_path(0, 0), None);
    assert_eq!(t(1, 0, 256).entry_bundle_path(), None);
}

#[test]
fn path_round_trips() {
    let indexes = [0u64, 1, 9, 10, 99, 100, 999, 1000, 1001, 999_999, 1_000_000, 1234067, 1 << 40, u64::MAX];
    for level in [0u8, 1, 2, 7, 8, 9, 10, 62, 63] {
        for &index in &indexes {
            for width in [1u16, 2, 100, 255, 256] {
                let tile = t(level, index, width);
                assert_eq!(parse_tile_path(&tile.path()), Some(tile), "{}", tile.path());
                assert_eq!(tile.is_partial(), width < 256);
                assert_eq!(tile.path().ends_with(&format!(".p/{width}")), width < 256);
                if level == 0 {
                    let p = tile.entry_bundle_path().unwrap();
                    assert_eq!(parse_entry_bundle_path(&p), Some(tile), "{p}");
                    assert_eq!(parse_tile_path(&p), None);
                    assert_eq!(parse_entry_bundle_path(&tile.path()), None);
                }
            }
        }
    }
}

#[test]
fn malformed_paths_are_rejected() {
    let bad = [
        "",
        "tile",
        "tile/",
        "tile/0",
        "tile/0/",
        "tiles/0/000",
        "/tile/0/000",
        "tile/0/000/",
        "tile//000",
        "tile/00/000",     // level with leading zero
        "tile/01/000",     // level with leading zero
        "tile/64/000",     // level above 63
        "tile/-1/000",     // negative level
        "tile/+1/000",     // sign
        "tile/data/000",   // Go's level name, not C2SP's
        "tile/0/1",        // index not 3 digits
        "tile/0/01",       // index not 3 digits
        "tile/0/0001",     // index not 3 digits
        "tile/0/x001",     // last element with x
        "tile/0/001/234",  // non-last element without x
        "tile/0/x000/001", // leading zero group: not canonical
        "tile/0/x000/000",
        "tile/0/X001/234",
        "tile/0/x01/234",
        "tile/0/x0001/234",
        "tile/0/00a",
        "tile/0/-01",
        "tile/0/000.p/0",   // width 0
        "tile/0/000.p/256", // full width written as partial
        "tile/0/000.p/300",
        "tile/0/000.p/05", // width with leading zero
        "tile/0/000.p/",
        "tile/0/000.p",
        "tile/0/000.p/1/2",
        "tile/0/000.q/1",
        "tile/0/x000.p/001/1",
        "tile/0/000.p/1.p/1",
        "tile/0/x018/x446/x744/x073/x709/x551/616", // index overflows u64
        "tile/0/x999/x999/x999/x999/x999/x999/x999/999",
        "tile/0/000\n",
        "tile/0/ 000",
        "tile/entries/000", // entry bundles are parsed separately
    ];
    for p in bad {
        assert_eq!(parse_tile_path(p), None, "{p:?}");
    }
    let bad_bundles = [
        "tile/entries/",
        "tile/entries/0",
        "tile/entries/x000/001",
        "tile/entries/000.p/0",
        "tile/entries/000.p/256",
        "tile/entries/000.p/01",
        "tile/0/000",
        "tile/entries/entries/000",
        "tile/entry/000",
    ];
    for p in bad_bundles {
        assert_eq!(parse_entry_bundle_path(p), None, "{p:?}");
    }
}

#[test]
fn tiles_for_spec_sizes() {
    // "a tree of size 70,000 will be represented by 273 full level 0 tiles,
    // one partial level 0 tile of width 112, one full level 1 tile, one
    // partial level 1 tile of width 17, and one partial level 2 tile of
    // width 1."
    let tiles = tiles_for_size(70_000);
    let mut want: Vec<Tile> = (0..273).map(|n| t(0, n, 256)).collect();
    want.extend([t(0, 273, 112), t(1, 0, 256), t(1, 1, 17), t(2, 0, 1)]);
    assert_eq!(tiles, want);
    // "a tree of size 256 will be represented by a full level 0 tile and a
    // partial level 1 tile of width 1."
    assert_eq!(tiles_for_size(256), vec![t(0, 0, 256), t(1, 0, 1)]);
    assert_eq!(tiles_for_size(0), vec![]);
    assert_eq!(tiles_for_size(1), vec![t(0, 0, 1)]);
    assert_eq!(tiles_for_size(255), vec![t(0, 0, 255)]);
    assert_eq!(tiles_for_size(257), vec![t(0, 0, 256), t(0, 1, 1), t(1, 0, 1)]);
    let mut want: Vec<Tile> = (0..256).map(|n| t(0, n, 256)).collect();
    want.extend([t(1, 0, 256), t(2, 0, 1)]);
    assert_eq!(tiles_for_size(65536), want);
    // Huge sizes do not panic.
    assert_eq!(new_tiles(u64::MAX - 1, u64::MAX), vec![t(0, u64::MAX >> 8, 255)]);
    assert_eq!(new_tiles((1 << 56) - 1, 1 << 56).len(), 8);
    assert_eq!(new_tiles((1 << 56) - 1, 1 << 56).last(), Some(&t(7, 0, 1)));
    for x in tiles_for_size(70_000) {
        assert!(x.is_within(70_000));
        assert!(!x.is_within(x.leaf_range().unwrap().1 - 1));
    }
}

#[test]
fn new_tiles_lists_what_changed() {
    assert_eq!(new_tiles(0, 1), vec![t(0, 0, 1)]);
    assert_eq!(new_tiles(1, 2), vec![t(0, 0, 2)]);
    assert_eq!(new_tiles(5, 5), vec![]);
    assert_eq!(new_tiles(6, 5), vec![]);
    assert_eq!(new_tiles(255, 256), vec![t(0, 0, 256), t(1, 0, 1)]);
    assert_eq!(new_tiles(256, 257), vec![t(0, 1, 1)]);
    assert_eq!(new_tiles(250, 600), vec![t(0, 0, 256), t(0, 1, 256), t(0, 2, 88), t(1, 0, 2)]);
    // Everything new_tiles reports over any growth sequence is what
    // tiles_for_size lists at the end (latest width per position).
    let mut seen = std::collections::BTreeMap::new();
    let mut size = 0u64;
    for step in [1u64, 2, 250, 3, 1000, 7, 65536, 1] {
        for x in new_tiles(size, size + step) {
            seen.insert((x.level(), x.index()), x);
        }
        size += step;
    }
    assert_eq!(seen.into_values().collect::<Vec<_>>(), {
        let mut v = tiles_for_size(size);
        v.sort();
        v
    });
}

#[test]
fn tile_contents_for_the_spec_example_tree() {
    let leaves: Vec<Hash> = (0..70_000u32).map(|i| leaf_hash(&i.to_be_bytes())).collect();
    let tree = StoredTree::from_leaf_hashes(&leaves);
    // Level 0 tile 0: the first 256 leaf hashes themselves.
    let t0 = tile_hashes(&t(0, 0, 256), &tree).unwrap();
    assert_eq!(t0.len(), 8192);
    assert_eq!(split_tile_hashes(&t0).unwrap(), leaves[..256]);
    // Partial level-0 tile of width 112.
    let p0 = tile_hashes(&t(0, 273, 112), &tree).unwrap();
    assert_eq!(split_tile_hashes(&p0).unwrap(), leaves[273 * 256..70_000]);
    // Level 1: hash i is the root of leaves [256 i, 256 (i+1)).
    let t1 = split_tile_hashes(&tile_hashes(&t(1, 1, 17), &tree).unwrap()).unwrap();
    for (i, h) in t1.iter().enumerate() {
        let start = (256 + i) * 256;
        assert_eq!(*h, root(&leaves[start..start + 256]));
    }
    // Level 2, width 1: the root of the first 65,536 leaves.
    let t2 = tile_hashes(&t(2, 0, 1), &tree).unwrap();
    assert_eq!(t2, root(&leaves[..65536]).to_vec());
    assert_eq!(t2, tile_hashes_from_leaves(&t(2, 0, 1), &leaves).unwrap());
    // A full tile at level 1 hashes to the root of its 65,536 leaves.
    let full1 = split_tile_hashes(&tile_hashes(&t(1, 0, 256), &tree).unwrap()).unwrap();
    assert_eq!(root(&full1), root(&leaves[..65536]));

    // Tiles that do not exist yet, or can never exist.
    assert!(tile_hashes(&t(0, 273, 113), &tree).is_err());
    assert!(tile_hashes(&t(2, 0, 2), &tree).is_err());
    assert!(tile_hashes(&t(9, 0, 1), &tree).is_err());
    assert!(tile_hashes(&t(0, u64::MAX, 256), &tree).is_err());
    assert!(tile_hashes_from_leaves(&t(0, 273, 113), &leaves).is_err());
    assert!(tile_hashes_from_leaves(&t(63, u64::MAX, 256), &leaves).is_err());
    assert!(split_tile_hashes(&[]).is_err());
    assert!(split_tile_hashes(&[0; 33]).is_err());
    assert!(split_tile_hashes(&[0; 8224]).is_err());
}

#[test]
fn entry_bundles() {
    let entries: Vec<&[u8]> = vec![b"", b"a", b"hello world"];
    let bundle = entry_bundle(&entries).unwrap();
    assert_eq!(bundle, b"\x00\x00\x00\x01a\x00\x0bhello world");
    assert_eq!(parse_entry_bundle(&bundle).unwrap(), entries);

    let big = vec![7u8; 65535];
    let b = entry_bundle(&[&big]).unwrap();
    assert_eq!(&b[..2], &[0xff, 0xff]);
    assert_eq!(parse_entry_bundle(&b).unwrap(), vec![&big[..]]);
    let too_big = vec![7u8; 65536];
    assert!(entry_bundle(&[&too_big]).is_err());

    let many: Vec<&[u8]> = vec![b"x"; 256];
    let b = entry_bundle(&many).unwrap();
    assert_eq!(parse_entry_bundle(&b).unwrap().len(), 256);
    let too_many: Vec<&[u8]> = vec![b"x"; 257];
    assert!(entry_bundle(&too_many).is_err());
    assert!(entry_bundle(&[]).is_err());
    let mut b257 = b.clone();
    b257.extend_from_slice(b"\x00\x01x");
    assert!(parse_entry_bundle(&b257).is_err());

    for bad in [&b""[..], b"\x00", b"\x00\x02a", b"\x00\x01ab", b"\xff\xff"] {
        assert!(parse_entry_bundle(bad).is_err(), "{bad:?}");
    }
    // Each entry hashes to the matching level-0 tile hash.
    let leaves: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
    let tile = tile_hashes_from_leaves(&t(0, 0, 3), &leaves).unwrap();
    let parsed = parse_entry_bundle(&bundle).unwrap();
    assert_eq!(split_tile_hashes(&tile).unwrap(), parsed.iter().map(|e| leaf_hash(e)).collect::<Vec<_>>());
}
