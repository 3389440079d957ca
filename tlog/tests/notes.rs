//! c2sp.org/signed-note: known-good examples, round trips, rejections.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use tlog::note::{
    add_signatures, generate_key, key_id, open_note, parse_note, sign_checkpoint, sign_note, verify_note,
    ALG_COSIGNATURE_V1, ALG_ED25519,
};
use tlog::{Checkpoint, Error, KeyType, SignatureLine, Signer, Verifier};

/// Example from c2sp.org/signed-note ("Example" under "Verifier keys").
const C2SP_VKEY: &str = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const C2SP_NOTE: &str = "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

/// Example from the documentation of golang.org/x/mod/sumdb/note
/// (note.go package comment; also note_test.go).
const GO_SKEY: &str = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_TEXT: &str =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_SIG: &str = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
/// The second signature of the doubly-signed example in the same comment
/// (its key is not published, so it stays unverified).
const GO_ENOCH_SIG: &str =
    "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

fn go_note() -> String {
    format!("{GO_TEXT}\n{GO_SIG}")
}

fn test_signer(name: &str) -> Signer {
    let seed: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(7).wrapping_add(name.len() as u8));
    Signer::from_seed(name, KeyType::Ed25519, &seed).unwrap()
}

#[test]
fn c2sp_example_verifies() {
    let v = Verifier::from_vkey(C2SP_VKEY).unwrap();
    assert_eq!(v.name(), "example.com/foo");
    assert_eq!(v.key_id(), 0x530d903a);
    assert_eq!(v.key_type(), KeyType::Ed25519);
    assert_eq!(v.to_vkey(), C2SP_VKEY);
    assert_eq!(verify_note(C2SP_NOTE, &v).unwrap(), "This is an example message.\n");
}

#[test]
fn go_example_verifies_and_signs_identically() {
    let v: Verifier = GO_VKEY.parse().unwrap();
    let note = open_note(&go_note(), std::slice::from_ref(&v)).unwrap();
    assert_eq!(note.text, GO_TEXT);
    assert_eq!(note.verified.len(), 1);
    assert_eq!(note.verified[0].name, "PeterNeumann");
    assert_eq!(note.verified[0].key_id, 0xc74f20a3);

    let s = Signer::from_skey(GO_SKEY).unwrap();
    assert_eq!(s.to_skey(), GO_SKEY);
    assert_eq!(s.verifier().to_vkey(), GO_VKEY);
    // Ed25519 is deterministic: signing the text reproduces the example.
    assert_eq!(sign_note(GO_TEXT, &[&s]).unwrap(), go_note());

    // The doubly-signed example: the unknown EnochRoot signature is ignored.
    let double = format!("{GO_TEXT}\n{GO_SIG}{GO_ENOCH_SIG}");
    let note = open_note(&double, std::slice::from_ref(&v)).unwrap();
    assert_eq!(note.verified.len(), 1);
    assert_eq!(note.unverified.len(), 1);
    assert_eq!(note.unverified[0].name, "EnochRoot");
    // With no known key at all, the note is rejected.
    assert!(matches!(open_note(&double, &[]), Err(Error::NoVerifiedSignature)));
}

#[test]
fn known_vkeys_from_transparency_dev_formats() {
    // Valid vkeys from transparency-dev/formats note/note_cosigv1_test.go
    // (TestCoSigV1NewVerifier): one Ed25519 (type 0x01) key and one
    // Ed25519 cosignature (type 0x04) key; parsing checks their key IDs.
    let ed = Verifier::from_vkey("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6").unwrap();
    assert_eq!(ed.key_type(), KeyType::Ed25519);
    let co = Verifier::from_vkey("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2").unwrap();
    assert_eq!(co.key_type(), KeyType::CosignatureV1);
    assert_eq!(co.key_id(), key_id("remora.n621.de", ALG_COSIGNATURE_V1, &co.public_key()));
    assert_ne!(co.key_id(), key_id("remora.n621.de", ALG_ED25519, &co.public_key()));
    // Invalid ones from the same test.
    for bad in [
        "bananas.sigstore.dev+12344556",
        "rekor.sigstore.dev+12345678+THIS_IS_NOT_BASE64!",
        "rekor.sigstore.dev+12345678+AwEB",
    ] {
        assert!(Verifier::from_vkey(bad).is_err(), "{bad}");
    }
}

#[test]
fn vkey_and_skey_round_trip_and_rejections() {
    for kt in [KeyType::Ed25519, KeyType::CosignatureV1] {
        let s = Signer::generate("log.example/a", kt).unwrap();
        let vkey = s.verifier().to_vkey();
        let v = Verifier::from_vkey(&vkey).unwrap();
        assert_eq!(v, s.verifier());
        assert_eq!(v.to_string(), vkey);
        assert_eq!(v.key_id(), key_id("log.example/a", kt.type_byte(), &s.public_key()));
        let s2 = Signer::from_skey(&s.to_skey()).unwrap();
        assert_eq!(s2.verifier(), s.verifier());
        assert_eq!(s2.to_skey(), s.to_skey());
        assert!(!format!("{s:?}").contains(&s.to_skey()[12..]), "Debug must not leak the key");
    }
    let (skey, vkey) = generate_key("portal.example/log").unwrap();
    assert!(skey.starts_with("PRIVATE+KEY+portal.example/log+"));
    assert_eq!(Signer::from_skey(&skey).unwrap().verifier().to_vkey(), vkey);

    let good = C2SP_VKEY;
    let (name, rest) = good.split_once('+').unwrap();
    let (id, key) = rest.split_once('+').unwrap();
    let raw = STANDARD.decode(key).unwrap();
    let enc = |b: &[u8]| STANDARD.encode(b);
    let bad = vec![
        String::new(),
        name.to_string(),
        format!("{name}+{id}"),
        format!("+{id}+{key}"),
        format!("bad name+{id}+{key}"),
        format!("bad\u{a0}name+{id}+{key}"),
        format!("{name}+{}+{key}", id.to_uppercase()),
        format!("{name}+{}+{key}", &id[1..]),
        format!("{name}+0{id}+{key}"),
        format!("{name}+530d903b+{key}"),
        format!("other.example+{id}+{key}"),
        format!("{name}+{id}+{}", &key[1..]),
        format!("{name}+{id}+{key}="),
        format!("{name}+{id}+{}", enc(&raw[..32])),
        format!("{name}+{id}+{}", enc(&[&raw[..], &[0]].concat())),
        format!("{name}+{id}+{}", enc(&[&[0x02], &raw[1..]].concat())),
        format!("{name}+{id}+{}", enc(&[&[0x04], &raw[1..]].concat())),
        format!("{good}+extra"),
        format!("{good}\n"),
    ];
    for b in &bad {
        assert!(Verifier::from_vkey(b).is_err(), "{b:?}");
    }
    for b in [
        GO_SKEY.replace("PRIVATE+KEY+", ""),
        GO_SKEY.replace("PRIVATE+KEY+", "PRIVATE+KEYS+"),
        GO_SKEY.replace("c74f20a3", "c74f20a4"),
        GO_SKEY.replace("PeterNeumann", "PeterNeuman"),
        GO_SKEY[..GO_SKEY.len() - 4].to_string(),
        GO_VKEY.to_string(),
    ] {
        assert!(Signer::from_skey(&b).is_err(), "{b:?}");
    }
    assert!(Signer::from_seed("has space", KeyType::Ed25519, &[1; 32]).is_err());
    assert!(Signer::from_seed("has+plus", KeyType::Ed25519, &[1; 32]).is_err());
    assert!(Signer::from_seed("", KeyType::Ed25519, &[1; 32]).is_err());
}

#[test]
fn sign_verify_round_trip_and_tampering() {
    let s = test_signer("portal.example/log");
    let v = s.verifier();
    let text = "election 2026\nresults batch 7\n\nwith an empty line inside\n";
    let note = sign_note(text, &[&s]).unwrap();
    assert_eq!(verify_note(&note, &v).unwrap(), text);
    let (t, lines) = parse_note(&note).unwrap();
    assert_eq!(t, text);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].signature.len(), 64);
    assert_eq!(lines[0].to_line(), note[text.len() + 1..]);

    // Every single changed byte of the text breaks the signature (or the
    // format).
    let text_len = text.len();
    for i in 0..text_len {
        let mut b = note.clone().into_bytes();
        b[i] = if b[i] == b'x' { b'y' } else { b'x' };
        let m = String::from_utf8(b).unwrap();
        assert!(verify_note(&m, &v).is_err(), "byte {i}");
    }
    // Every changed character of the base64 signature.
    let sig_start = note.rfind(' ').unwrap() + 1;
    for i in sig_start..note.len() - 2 {
        let mut b = note.clone().into_bytes();
        b[i] = if b[i] == b'A' { b'B' } else { b'A' };
        let m = String::from_utf8(b).unwrap();
        assert!(verify_note(&m, &v).is_err(), "sig byte {i}");
    }
    // A line appended to or inserted in the signed text.
    let extra = format!("{text}extra line\n\n{}", lines[0].to_line());
    assert!(matches!(verify_note(&extra, &v), Err(Error::InvalidSignature { .. })));
    // An extra unsigned (non-signature) line in the signature block.
    let junk = format!("{note}extra line\n");
    assert!(matches!(verify_note(&junk, &v), Err(Error::MalformedNote(_))));
    // Wrong key name: the verifier does not match the line, nothing known.
    let renamed = Signer::from_seed("portal.example/other", KeyType::Ed25519, &[9; 32]).unwrap();
    let other_name = Verifier::new("portal.example/other", KeyType::Ed25519, &s.public_key()).unwrap();
    assert!(matches!(verify_note(&note, &other_name), Err(Error::NoVerifiedSignature)));
    assert!(verify_note(&note, &renamed.verifier()).is_err());
    let mut l = lines[0].clone();
    l.name = "portal.example/other".into();
    let swapped = format!("{text}\n{}", l.to_line());
    assert!(verify_note(&swapped, &v).is_err());
    // Wrong key ID on the line: unknown key, so not verified.
    let mut l = lines[0].clone();
    l.key_id ^= 1;
    let wrong_id = format!("{text}\n{}", l.to_line());
    assert!(matches!(verify_note(&wrong_id, &v), Err(Error::NoVerifiedSignature)));
    // Same name and ID, different key: the signature must fail.
    let impostor = Signer::from_seed("portal.example/log", KeyType::Ed25519, &[5; 32]).unwrap();
    let forged_line = SignatureLine { key_id: v.key_id(), ..impostor.sign_text(text).unwrap() };
    let forged = format!("{text}\n{}", forged_line.to_line());
    assert!(matches!(verify_note(&forged, &v), Err(Error::InvalidSignature { .. })));
    // A bad signature by a known key rejects the note even if another
    // known key signed correctly.
    let other = test_signer("portal.example/backup");
    let both = add_signatures(&note, &[other.sign_text(text).unwrap()]).unwrap();
    open_note(&both, &[v.clone(), other.verifier()]).unwrap();
    let bad_both = format!("{text}\n{}{}", forged_line.to_line(), other.sign_text(text).unwrap().to_line());
    assert!(matches!(open_note(&bad_both, &[v.clone(), other.verifier()]), Err(Error::InvalidSignature { .. })));
    // Ambiguous configuration.
    assert!(matches!(open_note(&note, &[v.clone(), v.clone()]), Err(Error::AmbiguousKey { .. })));
}

#[test]
fn malformed_notes_are_rejected() {
    let s = test_signer("n");
    let v = s.verifier();
    let note = sign_note("hello\n", &[&s]).unwrap();
    let line = note["hello\n\n".len()..].to_string();
    let body = line.trim_end_matches('\n');
    let b64 = body.rsplit(' ').next().unwrap();
    let too_many = format!("hello\n\n{}", line.repeat(101));
    let bad = vec![
        "hello\n".to_string(),
        "hello\n\n".to_string(),
        format!("hello\n{line}"),
        format!("hello\n\n{body}"),
        format!("hello\r\n\n{line}"),
        format!("hel\tlo\n\n{line}"),
        format!("hello\n\n\n{line}"),
        format!("hello\n\n{line}\n"),
        format!("hello\n\n- n {b64}\n"),
        format!("hello\n\n\u{2014}n {b64}\n"),
        format!("hello\n\n\u{2014}  n {b64}\n"),
        format!("hello\n\n\u{2014} n  {b64}\n"),
        format!("hello\n\n\u{2014} n {b64} \n"),
        format!("hello\n\n\u{2014} n\n"),
        format!("hello\n\n\u{2014} n+x {b64}\n"),
        format!("hello\n\n\u{2014} n AAAA\n"),
        format!("hello\n\n\u{2014} n {}\n", &b64[..b64.len() - 1]),
        too_many,
    ];
    for m in &bad {
        assert!(verify_note(m, &v).is_err(), "{m:?}");
    }
    // 100 identical signatures are fine (checked once).
    let many = format!("hello\n\n{}", line.repeat(100));
    assert_eq!(open_note(&many, std::slice::from_ref(&v)).unwrap().verified.len(), 1);

    // Signing refuses texts that could not form a valid note.
    for t in ["", "no newline", "tab\there\n", "cr\r\n"] {
        assert!(sign_note(t, &[&s]).is_err(), "{t:?}");
    }
    assert!(sign_note("x\n", &[]).is_err());
    let co = Signer::from_seed("w", KeyType::CosignatureV1, &[3; 32]).unwrap();
    assert!(matches!(sign_note("x\n", &[&co]), Err(Error::WrongKeyType)));
}

#[test]
fn checkpoint_signing() {
    let s = test_signer("portal.example/log");
    let cp = Checkpoint::new("portal.example/log", 3, tlog::root(&[[1; 32], [2; 32], [3; 32]]));
    let signed = sign_checkpoint(&cp, &s).unwrap();
    let text = verify_note(&signed, &s.verifier()).unwrap();
    assert_eq!(Checkpoint::parse(&text).unwrap(), cp);
    assert!(signed.starts_with("portal.example/log\n3\n"));
}

#[test]
fn add_signatures_merges() {
    let a = test_signer("a.example");
    let b = test_signer("b.example/x");
    let text = "t\n";
    let note = sign_note(text, &[&a]).unwrap();
    let lb = b.sign_text(text).unwrap();
    let merged = add_signatures(&note, std::slice::from_ref(&lb)).unwrap();
    assert_eq!(merged, sign_note(text, &[&a, &b]).unwrap());
    // Adding the same line again changes nothing.
    assert_eq!(add_signatures(&merged, std::slice::from_ref(&lb)).unwrap(), merged);
    // A new line for the same key replaces the old one.
    let mut lb2 = lb.clone();
    lb2.signature[0] ^= 1;
    let replaced = add_signatures(&merged, &[lb2.clone()]).unwrap();
    let (_, lines) = parse_note(&replaced).unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1], lb2);
    assert!(add_signatures("not a note", &[lb]).is_err());
}
