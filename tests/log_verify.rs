//! `portal verify` against a running portal: it passes on an untouched version
//! and a checkpoint saved earlier, prints what it checked, and exits 1 when a
//! published version's bytes were changed in the database, when a saved
//! checkpoint is a fork or newer than the log, and when a proof file is checked
//! against the wrong key.

use crate::log::update;
use crate::support::{on_both_databases, spawn_app, Store, TestApp};
use std::process::Command;

fn verify(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("verify")
        .args(args)
        .env("PORTAL_LOG", "error")
        .output()
        .expect("run portal verify");
    let text = |b: &[u8]| String::from_utf8_lossy(b).to_string();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

async fn text(app: &TestApp, path: &str) -> String {
    let res = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "{path}");
    res.text().await.unwrap()
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(crate::support::unique_name(name));
    std::fs::write(&path, contents).unwrap();
    path
}

async fn portal_verify_checks_versions_and_checkpoints(store: Store) {
    let app = spawn_app(store).await;
    app.publish(update("verify-me", "Words to verify")).await.unwrap();
    let saved = temp_file("checkpoint", &text(&app, "/log/checkpoint").await);
    let saved = saved.to_str().unwrap();
    app.publish(update("verify-later", "Later words")).await.unwrap();
    app.publish_correction(update("verify-me", "Corrected words"), "The words changed.").await.unwrap();

    // An untouched version under the current checkpoint, and the log grew since.
    let url = format!("{}/updates/verify-me/v/1", app.base);
    let (code, out, err) = verify(&[&url, "--checkpoint", saved]);
    assert_eq!(code, 0, "{out}\n{err}");
    for said in ["signed by the log key", "has SHA-256", "is included in the log", "only grew", "All checks passed"] {
        assert!(out.contains(said), "verify says what it checked ({said}):\n{out}");
    }
    // The current version from its current address, and a version's data.json address.
    let (code, out, err) = verify(&[&format!("{}/updates/verify-me", app.base)]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("/updates/verify-me/v/2"), "{out}");
    let (code, out, err) = verify(&[&format!("{}/updates/verify-later/v/1/data.json", app.base)]);
    assert_eq!(code, 0, "{out}\n{err}");

    // A downloaded proof bundle, against the log key and the version's bytes.
    let vkey = text(&app, "/log/key").await.trim().to_string();
    let proof = temp_file("proof", &text(&app, "/updates/verify-me/v/1/proof.txt").await);
    let data = temp_file("data", &text(&app, "/updates/verify-me/v/1/data.json").await);
    let (proof, data) = (proof.to_str().unwrap(), data.to_str().unwrap());
    let (code, out, err) = verify(&[proof, "--key", &vkey, "--data", data]);
    assert_eq!(code, 0, "{out}\n{err}");
    let other_key = tlog::Signer::generate("127.0.0.1/log", tlog::KeyType::Ed25519).unwrap().verifier().to_vkey();
    let (code, _, err) = verify(&[proof, "--key", &other_key]);
    assert_eq!(code, 1, "another key is refused: {err}");
    let (code, _, err) = verify(&[proof]);
    assert_eq!(code, 1, "a file needs the key: {err}");
    assert!(err.contains("--key"), "{err}");

    // A checkpoint the log does not extend: same key, another root (a fork).
    let skey = std::fs::read_to_string(&app.log_key_file).unwrap();
    let signer = tlog::Signer::from_skey(skey.trim()).unwrap();
    let note = text(&app, "/log/checkpoint").await;
    let current = tlog::Checkpoint::parse(&tlog::note::parse_note(&note).unwrap().0).unwrap();
    let forged = |size: u64, root: tlog::Hash| {
        let cp = tlog::Checkpoint::new(current.origin.clone(), size, root);
        temp_file("forged", &tlog::note::sign_checkpoint(&cp, &signer).unwrap())
    };
    let fork = forged(current.size - 1, [7; 32]);
    let (code, out, err) = verify(&[&url, "--checkpoint", fork.to_str().unwrap()]);
    assert_eq!(code, 1, "a forked checkpoint fails:\n{out}");
    assert!(err.contains("rewritten"), "{err}");
    let ahead = forged(current.size + 3, current.root);
    let (code, _, err) = verify(&[&url, "--checkpoint", ahead.to_str().unwrap()]);
    assert_eq!(code, 1, "a checkpoint newer than the log fails: {err}");
    let unsigned =
        temp_file("unsigned", &note.replace(&tlog::encode_hash(&current.root), &tlog::encode_hash(&[1; 32])));
    let (code, _, err) = verify(&[&url, "--checkpoint", unsigned.to_str().unwrap()]);
    assert_eq!(code, 1, "an altered checkpoint fails its signature: {err}");

    // A published version changed in the database after publication (and served
    // from then on: the process kept the original bytes until the data moved).
    sqlx::query("UPDATE published_updates SET title = 'Rewritten words' WHERE slug = 'verify-me' AND version = 1")
        .execute(&app.raw)
        .await
        .unwrap();
    app.touch_data_version().await;
    let (code, out, err) = verify(&[&url]);
    assert_eq!(code, 1, "a rewritten version fails:\n{out}");
    assert!(err.contains("changed after it was published"), "{err}");
    for f in [saved, proof, data] {
        let _ = std::fs::remove_file(f);
    }
    for f in [fork, ahead, unsigned] {
        let _ = std::fs::remove_file(f);
    }
}

on_both_databases! {
    portal_verify_checks_versions_and_checkpoints;
}
