//! `portal verify` against a running portal: it passes on an untouched version
//! and a checkpoint saved earlier, prints what it checked, and exits 1 when a
//! published version's bytes were changed in the database, when a saved
//! checkpoint is a fork or newer than the log, and when a proof file is checked
//! against the wrong key. Over https (a TLS front with its own certificate
//! authority) it checks the same, and it refuses a checkpoint of another log
//! unless `--origin` names it (a mirror).

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

/// A self-signed certificate for 127.0.0.1, made with the openssl command: the
/// PEM certificate's path and the TLS acceptor that serves it.
fn test_certificate() -> (std::path::PathBuf, tokio_rustls::TlsAcceptor) {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    let dir = std::env::temp_dir().join(crate::support::unique_name("tls"));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let status = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"])
        .args(["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        .args(["-addext", "basicConstraints=critical,CA:FALSE", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run openssl");
    assert!(status.success(), "openssl made a certificate");
    let certs = CertificateDer::pem_file_iter(&cert).unwrap().collect::<Result<Vec<_>, _>>().unwrap();
    let key = PrivateKeyDer::from_pem_file(&key).unwrap();
    let provider = std::sync::Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    (cert, tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config)))
}

/// A TLS front on its own port that passes each connection to the portal.
async fn tls_front(app: &TestApp, acceptor: tokio_rustls::TlsAcceptor) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let backend = app.base.trim_start_matches("http://").to_string();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (acceptor, backend) = (acceptor.clone(), backend.clone());
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else { return };
                let Ok(mut plain) = tokio::net::TcpStream::connect(&backend).await else { return };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    format!("https://127.0.0.1:{port}")
}

async fn portal_verify_reads_https_and_names_the_log(store: Store) {
    let app = spawn_app(store).await;
    app.publish(update("verify-tls", "Words over TLS")).await.unwrap();
    let (cert, acceptor) = test_certificate();
    let front = tls_front(&app, acceptor).await;
    let origin = format!("{}/log", app.base.trim_start_matches("http://"));
    let url = format!("{front}/updates/verify-tls/v/1");
    let ca = cert.to_str().unwrap();

    // The certificate is not from a public authority: refused without --ca.
    let (code, out, err) = verify(&[&url, "--origin", &origin]);
    assert_eq!(code, 1, "an unknown certificate authority fails:\n{out}");
    assert!(err.contains("could not fetch") && err.contains("certificate"), "{err}");
    // With it, every check passes through the mirror when --origin names the log.
    let (code, out, err) = verify(&[&url, "--ca", ca, "--origin", &origin]);
    assert_eq!(code, 0, "{out}\n{err}");
    for said in ["signed by the log key", "has SHA-256", "is included in the log", "All checks passed"] {
        assert!(out.contains(said), "verify over https says what it checked ({said}):\n{out}");
    }
    // The front's host is not the log's: without --origin that is named, and fails.
    let (code, _, err) = verify(&[&url, "--ca", ca]);
    assert_eq!(code, 1, "another host's log is refused: {err}");
    assert!(err.contains(&format!("--origin {origin}")), "the error says how to read a mirror: {err}");
    // A wrong --origin fails, over plain http too.
    let plain = format!("{}/updates/verify-tls/v/1", app.base);
    let (code, _, err) = verify(&[&plain, "--origin", "elections.example.gov/log"]);
    assert_eq!(code, 1, "a checkpoint of another log fails: {err}");
    assert!(err.contains("not elections.example.gov/log"), "{err}");
    let (code, out, err) = verify(&[&plain]);
    assert_eq!(code, 0, "the portal's own address names its own log:\n{out}\n{err}");
    // --ca is for an address, and must hold a certificate.
    let (code, _, err) = verify(&[&url, "--ca", "/dev/null", "--origin", &origin]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no PEM certificate"), "{err}");
    let _ = std::fs::remove_dir_all(cert.parent().unwrap());
}

on_both_databases! {
    portal_verify_checks_versions_and_checkpoints;
    portal_verify_reads_https_and_names_the_log;
}
