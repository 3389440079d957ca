//! c2sp.org/tlog-proof@v1 documents.

use tlog::cosignature::cosign_note;
use tlog::note::sign_checkpoint;
use tlog::stored::StoredTree;
use tlog::tlog_proof::TLOG_PROOF_HEADER;
use tlog::{encode_hash, leaf_hash, Checkpoint, Error, KeyType, Signer, TlogProof};

const ORIGIN: &str = "portal.example/log";

struct Fixture {
    log: Signer,
    witnesses: Vec<Signer>,
    entries: Vec<Vec<u8>>,
    tree: StoredTree,
    signed: String,
}

fn fixture() -> Fixture {
    let log = Signer::from_seed(ORIGIN, KeyType::Ed25519, &[21; 32]).unwrap();
    let witnesses = vec![
        Signer::from_seed("w1.example", KeyType::CosignatureV1, &[1; 32]).unwrap(),
        Signer::from_seed("w2.example", KeyType::CosignatureV1, &[2; 32]).unwrap(),
    ];
    let entries: Vec<Vec<u8>> = (0..1000u32).map(|i| format!("ballot batch {i}").into_bytes()).collect();
    let mut tree = StoredTree::new();
    for e in &entries {
        tree.append(&leaf_hash(e)).unwrap();
    }
    let cp = Checkpoint::new(ORIGIN, tree.size(), tree.root());
    let mut signed = sign_checkpoint(&cp, &log).unwrap();
    for (i, w) in witnesses.iter().enumerate() {
        signed = cosign_note(w, &signed, 1_760_000_000 + i as u64).unwrap();
    }
    Fixture { log, witnesses, entries, tree, signed }
}

fn proof_for(f: &Fixture, index: u64, extra: &[u8]) -> TlogProof {
    TlogProof {
        extra: extra.to_vec(),
        index,
        proof: f.tree.inclusion_proof(f.tree.size(), index).unwrap(),
        checkpoint: f.signed.clone(),
    }
}

#[test]
fn format_layout() {
    let f = fixture();
    let p = proof_for(&f, 737, b"receipt #737");
    let text = p.to_text().unwrap();
    let mut want = format!("{TLOG_PROOF_HEADER}\nextra cmVjZWlwdCAjNzM3\nindex 737\n");
    for h in &p.proof {
        want.push_str(&encode_hash(h));
        want.push('\n');
    }
    want.push('\n');
    want.push_str(&f.signed);
    assert_eq!(text, want);
    assert_eq!(TlogProof::parse(&text).unwrap(), p);

    // Without extra data the line is omitted.
    let p0 = proof_for(&f, 0, b"");
    let t0 = p0.to_text().unwrap();
    assert!(t0.starts_with("c2sp.org/tlog-proof@v1\nindex 0\n"));
    assert_eq!(TlogProof::parse(&t0).unwrap(), p0);
}

#[test]
fn spec_example_shape_parses() {
    // The example of c2sp.org/tlog-proof with its elided signature lines
    // replaced by real ones (its proof hashes are illustrative only).
    let log = Signer::from_seed("example.com/fancylog", KeyType::Ed25519, &[3; 32]).unwrap();
    let cp_text = "example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n";
    let signed = tlog::note::sign_note(cp_text, &[&log]).unwrap();
    let doc = format!(
        "c2sp.org/tlog-proof@v1\n\
         extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ\n\
         index 73894\n\
         gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n\
         B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\n\
         EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=\n\
         RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=\n\
         AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=\n\
         \n{signed}"
    );
    let p = TlogProof::parse(&doc).unwrap();
    assert_eq!(p.index, 73894);
    assert_eq!(p.proof.len(), 5);
    assert!(p.extra.starts_with(b"age-v1.2.1-darwin-arm64.tar.gz"));
    assert_eq!(p.checkpoint, signed);
    assert_eq!(p.to_text().unwrap(), doc);
    // Five hashes cannot prove index 73894 in a tree of 109482 leaves.
    assert!(p.verify(&leaf_hash(b"x"), "example.com/fancylog", &log.verifier(), &[]).is_err());
}

#[test]
fn verification() {
    let f = fixture();
    let wv: Vec<_> = f.witnesses.iter().map(|w| w.verifier()).collect();
    for index in [0u64, 1, 500, 998, 999] {
        let p = TlogProof::parse(&proof_for(&f, index, b"").to_text().unwrap()).unwrap();
        let lh = leaf_hash(&f.entries[index as usize]);
        let ok = p.verify(&lh, ORIGIN, &f.log.verifier(), &wv).unwrap();
        assert_eq!(ok.checkpoint.size, 1000);
        assert_eq!(ok.cosignatures.len(), 2);
        assert_eq!(ok.cosignatures[1].timestamp, Some(1_760_000_001));
        // Witnesses are optional for the verifier; policy is the caller's.
        assert!(p.verify(&lh, ORIGIN, &f.log.verifier(), &[]).unwrap().cosignatures.is_empty());

        // Wrong entry, index, origin, or log key.
        let other = leaf_hash(&f.entries[(index as usize + 1) % 1000]);
        assert!(p.verify(&other, ORIGIN, &f.log.verifier(), &wv).is_err());
        let mut q = p.clone();
        q.index ^= 1;
        assert!(q.verify(&lh, ORIGIN, &f.log.verifier(), &wv).is_err());
        assert!(matches!(
            p.verify(&lh, "portal.example/other", &f.log.verifier(), &wv),
            Err(Error::OriginMismatch { .. })
        ));
        let stranger = Signer::from_seed(ORIGIN, KeyType::Ed25519, &[99; 32]).unwrap();
        assert!(p.verify(&lh, ORIGIN, &stranger.verifier(), &wv).is_err());
        // The real log key passed only among the witnesses does not make
        // up for a log key that did not sign.
        assert!(matches!(
            p.verify(&lh, ORIGIN, &stranger.verifier(), &[f.log.verifier()]),
            Err(Error::NoVerifiedSignature)
        ));
        // Tampered proof hash.
        let mut q = p.clone();
        if let Some(h) = q.proof.first_mut() {
            h[3] ^= 4;
            assert!(q.verify(&lh, ORIGIN, &f.log.verifier(), &wv).is_err());
        }
        // Tampered cosignature: the whole proof is rejected.
        let mut q = p.clone();
        q.checkpoint = tlog::note::add_signatures(
            &q.checkpoint,
            &[tlog::SignatureLine { name: "w1.example".into(), key_id: wv[0].key_id(), signature: vec![0; 72] }],
        )
        .unwrap();
        assert!(matches!(q.verify(&lh, ORIGIN, &f.log.verifier(), &wv), Err(Error::InvalidSignature { .. })));
    }
}

#[test]
fn malformed_documents_are_rejected() {
    let f = fixture();
    let good = proof_for(&f, 5, b"x").to_text().unwrap();
    assert!(TlogProof::parse(&good).is_ok());
    let h = encode_hash(&[7; 32]);
    let s = &f.signed;
    let bad = vec![
        String::new(),
        "c2sp.org/tlog-proof@v1".to_string(),
        format!("c2sp.org/tlog-proof@v2\nindex 0\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1 \nindex 0\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\r\nindex 0\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex 0\r\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nextra \nindex 0\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nextra !!\nindex 0\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nextra eA==\nextra eA==\nindex 0\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex 0\nextra eA==\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex 01\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex -1\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex  1\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex 18446744073709551616\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\n\nindex 0\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex 0\n{h}\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex 0\n{}\n\n{s}", &h[..43]),
        format!("c2sp.org/tlog-proof@v1\nindex 0\nAAAA\n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex 0\n{h} \n\n{s}"),
        format!("c2sp.org/tlog-proof@v1\nindex 0\n{}\n{s}", format!("{h}\n").repeat(65)),
        "c2sp.org/tlog-proof@v1\nindex 0\n\n".to_string(),
        "c2sp.org/tlog-proof@v1\nindex 0\n\nportal.example/log\n1\n".to_string(),
        format!("c2sp.org/tlog-proof@v1\nindex 0\n\n{}", s.trim_end_matches('\n')),
    ];
    for b in &bad {
        assert!(TlogProof::parse(b).is_err(), "{b:?}");
    }
    let not_a_note = TlogProof { extra: vec![], index: 0, proof: vec![], checkpoint: "no signature\n".into() };
    assert!(not_a_note.to_text().is_err());
}
