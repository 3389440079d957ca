//! Malformed input never panics: every parser and verifier is fed many
//! deterministic random mutations (byte flips, insertions, deletions,
//! truncations) of valid inputs and must return instead of panicking.

use tlog::cosignature::{cosign_note, verify_cosignature};
use tlog::note::{open_note, parse_note, sign_checkpoint};
use tlog::stored::StoredTree;
use tlog::tile::{parse_entry_bundle, parse_entry_bundle_path, parse_tile_path};
use tlog::{leaf_hash, Checkpoint, KeyType, Signer, TlogProof, Verifier};

/// xorshift64*: a tiny deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const INTERESTING: &[u8] = b"\n\n +/=0x.p\xe2\x80\x94\r\t\x00";

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(3) {
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            1 => {
                let i = rng.below(v.len() + 1);
                v.insert(i, INTERESTING[rng.below(INTERESTING.len())]);
            }
            2 if !v.is_empty() => {
                let i = rng.below(v.len());
                v.remove(i);
            }
            3 => {
                let i = rng.below(v.len() + 1);
                v.truncate(i);
            }
            _ if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            _ => {}
        }
    }
    v
}

#[test]
fn parsers_and_verifiers_do_not_panic() {
    let log = Signer::from_seed("portal.example/log", KeyType::Ed25519, &[1; 32]).unwrap();
    let w = Signer::from_seed("w.example", KeyType::CosignatureV1, &[2; 32]).unwrap();
    let leaves: Vec<_> = (0..50u8).map(|i| leaf_hash(&[i])).collect();
    let tree = StoredTree::from_leaf_hashes(&leaves);
    let cp = Checkpoint::new("portal.example/log", 50, tree.root());
    let signed = cosign_note(&w, &sign_checkpoint(&cp, &log).unwrap(), 1_700_000_000).unwrap();
    let proof = TlogProof {
        extra: b"x".to_vec(),
        index: 17,
        proof: tree.inclusion_proof(50, 17).unwrap(),
        checkpoint: signed.clone(),
    }
    .to_text()
    .unwrap();
    let known = [log.verifier(), w.verifier()];
    let seeds: Vec<(&str, Vec<u8>)> = vec![
        ("note", signed.clone().into_bytes()),
        ("checkpoint", cp.to_text().unwrap().into_bytes()),
        ("vkey", log.verifier().to_vkey().into_bytes()),
        ("skey", w.to_skey().into_bytes()),
        ("tile", b"tile/3/x001/x234/067.p/12".to_vec()),
        ("bundle-path", b"tile/entries/x001/067.p/9".to_vec()),
        ("proof", proof.into_bytes()),
        ("bundle", b"\x00\x01a\x00\x02bc\x00\x00".to_vec()),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut accepted = 0;
    for _ in 0..4000 {
        for (kind, seed) in &seeds {
            let m = mutate(&mut rng, seed);
            let s = String::from_utf8_lossy(&m);
            let ok = match *kind {
                "note" => {
                    let a = parse_note(&s).is_ok();
                    let b = open_note(&s, &known).is_ok();
                    let _ = verify_cosignature(&s, &w.verifier());
                    a && b
                }
                "checkpoint" => Checkpoint::parse(&s).is_ok(),
                "vkey" => Verifier::from_vkey(&s).is_ok(),
                "skey" => Signer::from_skey(&s).is_ok(),
                "tile" => parse_tile_path(&s).is_some(),
                "bundle-path" => parse_entry_bundle_path(&s).is_some(),
                "proof" => match TlogProof::parse(&s) {
                    Ok(p) => p.verify(&leaves[17], "portal.example/log", &log.verifier(), &[w.verifier()]).is_ok(),
                    Err(_) => false,
                },
                _ => parse_entry_bundle(&m).is_ok(),
            };
            accepted += usize::from(ok);
        }
    }
    // Some mutations are harmless (e.g. a tile path that is still valid),
    // but most must be rejected.
    assert!(accepted < 4000 * 8 / 2, "accepted {accepted}");
}
