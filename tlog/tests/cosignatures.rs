//! c2sp.org/tlog-cosignature (Ed25519 cosignature/v1).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use tlog::cosignature::{cosign, cosign_note, cosignature_timestamp, cosigned_message, verify_cosignature};
use tlog::note::{key_id, open_note, parse_note, sign_checkpoint, verify_note, ALG_COSIGNATURE_V1};
use tlog::{Checkpoint, Error, KeyType, SignatureLine, Signer, Verifier};

fn log_key() -> Signer {
    Signer::from_seed("portal.example/log", KeyType::Ed25519, &[11; 32]).unwrap()
}

fn witness(name: &str, seed: u8) -> Signer {
    Signer::from_seed(name, KeyType::CosignatureV1, &[seed; 32]).unwrap()
}

fn signed_checkpoint() -> (Checkpoint, String) {
    let leaves: Vec<tlog::Hash> = (0..20u8).map(|i| tlog::leaf_hash(&[i])).collect();
    let cp = Checkpoint::new("portal.example/log", 20, tlog::root(&leaves));
    let signed = sign_checkpoint(&cp, &log_key()).unwrap();
    (cp, signed)
}

#[test]
fn signed_message_matches_the_spec_example() {
    // From c2sp.org/tlog-cosignature, "Ed25519 signed message".
    let body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    assert_eq!(
        cosigned_message(body, 1679315147).unwrap(),
        "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    );
    assert_eq!(cosigned_message(body, 0).unwrap(), format!("cosignature/v1\ntime 0\n{body}"));
    assert!(cosigned_message(body, 1 << 63).is_err());
    assert!(cosigned_message(body, (1 << 63) - 1).is_ok());
}

#[test]
fn timestamp_layout_matches_transparency_dev() {
    // transparency-dev/formats note/note_cosigv1_test.go
    // (TestCosignatureTimestamp): key ID, then big-endian timestamp
    // 1727964367, then the 64-byte signature.
    let line = "\u{2014} w ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==";
    let l = SignatureLine::parse(line).unwrap();
    assert_eq!(l.key_id, 0x646846b9);
    assert_eq!(cosignature_timestamp(&l).unwrap(), 1727964367);
    // "wrong type of signature": a plain 64-byte Ed25519 signature.
    let plain =
        "\u{2014} w eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=";
    assert!(cosignature_timestamp(&SignatureLine::parse(plain).unwrap()).is_err());
}

#[test]
fn cosignature_round_trip() {
    let (cp, signed) = signed_checkpoint();
    let w1 = witness("witness1.example", 1);
    let w2 = witness("witness2.example/w", 2);
    let t1 = 1_760_000_000u64;
    let cosigned = cosign_note(&w1, &signed, t1).unwrap();
    let cosigned = cosign_note(&w2, &cosigned, t1 + 5).unwrap();
    assert!(cosigned.starts_with(&signed));

    // Key IDs use type byte 0x04; the line carries timestamp || signature.
    let (_, lines) = parse_note(&cosigned).unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1].key_id, key_id("witness1.example", ALG_COSIGNATURE_V1, &w1.public_key()));
    assert_eq!(lines[1].signature.len(), 72);
    assert_eq!(&lines[1].signature[..8], &t1.to_be_bytes());
    assert_eq!(cosignature_timestamp(&lines[2]).unwrap(), t1 + 5);

    // Verify from the witness vkey strings.
    let v1 = Verifier::from_vkey(&w1.verifier().to_vkey()).unwrap();
    let v2 = Verifier::from_vkey(&w2.verifier().to_vkey()).unwrap();
    assert_eq!(v1.key_type(), KeyType::CosignatureV1);
    assert_eq!(verify_cosignature(&cosigned, &v1).unwrap(), t1);
    assert_eq!(verify_cosignature(&cosigned, &v2).unwrap(), t1 + 5);
    // The log signature still verifies, and everything together.
    let text = verify_note(&cosigned, &log_key().verifier()).unwrap();
    assert_eq!(Checkpoint::parse(&text).unwrap(), cp);
    let all = open_note(&cosigned, &[log_key().verifier(), v1.clone(), v2.clone()]).unwrap();
    assert_eq!(all.verified.len(), 3);
    assert_eq!(all.verified[0].timestamp, None);
    assert_eq!(all.verified[1].timestamp, Some(t1));

    // Re-cosigning replaces the witness's earlier line.
    let again = cosign_note(&w1, &cosigned, t1 + 60).unwrap();
    assert_eq!(parse_note(&again).unwrap().1.len(), 3);
    assert_eq!(verify_cosignature(&again, &v1).unwrap(), t1 + 60);

    // The bare signature line API gives the same line.
    assert_eq!(cosign(&w1, &text, t1).unwrap(), lines[1]);
}

#[test]
fn tampered_cosignatures_are_rejected() {
    let (_, signed) = signed_checkpoint();
    let w = witness("witness1.example", 1);
    let v = w.verifier();
    let t = 1_760_000_000u64;
    let cosigned = cosign_note(&w, &signed, t).unwrap();
    let (text, lines) = parse_note(&cosigned).unwrap();

    // Tampered timestamp (every byte of it), keeping the signature.
    for i in 0..8 {
        let mut l = lines[1].clone();
        l.signature[i] ^= 0x01;
        let m = format!("{text}\n{}{}", lines[0].to_line(), l.to_line());
        assert!(matches!(verify_cosignature(&m, &v), Err(Error::InvalidSignature { .. })), "timestamp byte {i}");
    }
    // A timestamp above 2^63 - 1.
    let mut l = lines[1].clone();
    l.signature[0] |= 0x80;
    let m = format!("{text}\n{}{}", lines[0].to_line(), l.to_line());
    assert!(verify_cosignature(&m, &v).is_err());
    assert!(cosignature_timestamp(&l).is_err());
    // Tampered signature bytes.
    let mut l = lines[1].clone();
    l.signature[40] ^= 0x20;
    let m = format!("{text}\n{}{}", lines[0].to_line(), l.to_line());
    assert!(verify_cosignature(&m, &v).is_err());
    // Truncated or lengthened payload.
    for len in [64usize, 71, 73] {
        let mut l = lines[1].clone();
        l.signature.resize(len, 0);
        let m = format!("{text}\n{}{}", lines[0].to_line(), l.to_line());
        assert!(verify_cosignature(&m, &v).is_err(), "len {len}");
    }
    // Tampered checkpoint text (size line).
    let m = cosigned.replacen("\n20\n", "\n21\n", 1);
    assert!(verify_cosignature(&m, &v).is_err());
    // An extra extension line added to the text.
    let m = format!("{text}ext\n\n{}{}", lines[0].to_line(), lines[1].to_line());
    assert!(verify_cosignature(&m, &v).is_err());
    // Missing cosignature.
    assert!(matches!(verify_cosignature(&signed, &v), Err(Error::NoVerifiedSignature)));
    // The same key configured as a plain Ed25519 key has another key ID,
    // so it does not match the cosignature line.
    let as_ed = Verifier::new("witness1.example", KeyType::Ed25519, &w.public_key()).unwrap();
    assert!(verify_cosignature(&cosigned, &as_ed).is_err());
    assert!(matches!(verify_note(&cosigned, &as_ed), Err(Error::NoVerifiedSignature)));
    // A cosignature made with the log's plain key type does not verify as
    // a cosignature (wrong key type for cosign).
    assert!(matches!(cosign(&log_key(), &text, t), Err(Error::WrongKeyType)));
    assert!(cosign(&w, &text, 1 << 63).is_err());
    assert!(cosign(&w, "not a checkpoint\n", t).is_err());
    // A witness key converted from the same seed as an Ed25519 skey works
    // the same (transparency-dev style key reuse).
    let converted = Signer::from_seed("witness1.example", KeyType::Ed25519, &[1; 32])
        .unwrap()
        .with_key_type(KeyType::CosignatureV1);
    assert_eq!(converted.verifier(), v);
    let skey = w.to_skey();
    let raw = STANDARD.decode(skey.rsplit('+').next().unwrap()).unwrap();
    assert_eq!(raw[0], 0x04);
    assert_eq!(Signer::from_skey(&skey).unwrap().verifier(), v);
}
