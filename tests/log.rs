//! The transparency log, checked from outside: an independent verifier that
//! reads only `/log/key`, `/log/checkpoint` and the tiles over real HTTP
//! recomputes the root, checks the signature, matches every entry to the bytes
//! its url serves, and checks inclusion and consistency across a publication, a
//! correction and a retraction; proofs with any one part changed are refused;
//! concurrent publishers make one log; witnesses' cosignatures are accepted
//! from configured keys only; and `portal verify` (in `log_verify`) does the
//! same from the command line.

use crate::support::{on_both_databases, spawn_app, spawn_with, test_security, Store, TestApp};
use app::model::RecordKind;
use portal::domain::draft::AnyDraft;
use portal::domain::update::{UpdateDraft, UpdateInput};
use portal::transparency::{Action, Entry};
use sha2::{Digest, Sha256};
use tlog::{Checkpoint, Hash, KeyType, Signer, Verifier};

pub fn update(slug: &str, title: &str) -> AnyDraft {
    let input = UpdateInput {
        slug: slug.into(),
        title: title.into(),
        body: "What the office did this week.".into(),
        office: "missouri".into(),
        date: "2025-03-01".into(),
        internal_notes: String::new(),
    };
    UpdateDraft::try_from(&input).unwrap_or_else(|e| panic!("{e:?}")).into()
}

pub async fn bytes(app: &TestApp, path: &str) -> (u16, Vec<u8>) {
    let res = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.bytes().await.unwrap().to_vec())
}

async fn ok_bytes(app: &TestApp, path: &str) -> Vec<u8> {
    let (status, body) = bytes(app, path).await;
    assert_eq!(status, 200, "GET {path}: {}", String::from_utf8_lossy(&body));
    body
}

/// What the verifier learned: the checked checkpoint, every entry and its leaf hash.
pub struct Verified {
    pub checkpoint: Checkpoint,
    pub entries: Vec<Entry>,
    pub leaves: Vec<Hash>,
}

/// The independent verifier: only the key, the checkpoint and the tiles.
pub async fn verify_log(app: &TestApp) -> Verified {
    let vkey = String::from_utf8(ok_bytes(app, "/log/key").await).unwrap();
    let key = Verifier::from_vkey(vkey.trim()).expect("/log/key is a vkey");
    let note = String::from_utf8(ok_bytes(app, "/log/checkpoint").await).unwrap();
    let text = tlog::note::verify_note(&note, &key).expect("the checkpoint is signed by the log key");
    let checkpoint = Checkpoint::parse(&text).unwrap();
    let host = app.base.trim_start_matches("http://");
    assert_eq!(checkpoint.origin, format!("{host}/log"), "the origin is the public host and /log");
    let size = checkpoint.size;
    let mut entries = Vec::new();
    let mut leaves = Vec::new();
    for tile in tlog::tile::tiles_for_size(size).into_iter().filter(|t| t.level() == 0) {
        let path = tile.entry_bundle_path().unwrap();
        let bundle = ok_bytes(app, &format!("/log/{path}")).await;
        for raw in tlog::tile::parse_entry_bundle(&bundle).unwrap() {
            let entry = Entry::parse(raw).expect("each entry is canonical JSON");
            assert_eq!(entry.index, entries.len() as u64, "entries are numbered in order, without gaps");
            leaves.push(tlog::leaf_hash(raw));
            entries.push(entry);
        }
        // The hash tile agrees with the leaves, and is cached as the spec says.
        let res = app.client.get(format!("{}/log/{}", app.base, tile.path())).send().await.unwrap();
        let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
        assert_eq!(cache.contains("immutable"), !tile.is_partial(), "{cache}");
        let hashes = res.bytes().await.unwrap();
        assert_eq!(hashes.to_vec(), tlog::tile::tile_hashes_from_leaves(&tile, &leaves).unwrap());
    }
    assert_eq!(entries.len() as u64, size, "the bundles hold every entry");
    assert_eq!(tlog::root(&leaves), checkpoint.root, "the root recomputed from the entries is the signed one");
    // Higher-level tiles agree with the leaves too.
    for tile in tlog::tile::tiles_for_size(size).into_iter().filter(|t| t.level() > 0) {
        let served = ok_bytes(app, &format!("/log/{}", tile.path())).await;
        assert_eq!(served, tlog::tile::tile_hashes_from_leaves(&tile, &leaves).unwrap());
    }
    // Every entry names the exact bytes its url serves.
    for e in &entries {
        let served = ok_bytes(app, &e.url).await;
        assert_eq!(
            hex(&Sha256::digest(&served)),
            e.sha256,
            "entry {} ({}) matches {}",
            e.index,
            e.action.code(),
            e.url
        );
    }
    Verified { checkpoint, entries, leaves }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

async fn served_hashes(app: &TestApp, path: &str) -> (serde_json::Value, Vec<Hash>) {
    let json: serde_json::Value = serde_json::from_slice(&ok_bytes(app, path).await).unwrap();
    let hashes =
        json["hashes"].as_array().unwrap().iter().map(|h| tlog::decode_hash(h.as_str().unwrap()).unwrap()).collect();
    (json, hashes)
}

/// Every variant of a proof with one part changed: each hash flipped, one
/// dropped, one added.
fn mutations(proof: &[Hash]) -> Vec<Vec<Hash>> {
    let mut out = Vec::new();
    for i in 0..proof.len() {
        let mut p = proof.to_vec();
        p[i][0] ^= 1;
        out.push(p);
        let mut p = proof.to_vec();
        p.remove(i);
        out.push(p);
    }
    let mut p = proof.to_vec();
    p.push([9; 32]);
    out.push(p);
    out
}

/// The server's inclusion proof of every entry verifies, and no changed one does.
async fn check_inclusion(app: &TestApp, v: &Verified, index: u64) {
    let size = v.checkpoint.size;
    let (json, proof) = served_hashes(app, &format!("/log/proof/inclusion?index={index}&size={size}")).await;
    assert_eq!((json["index"].as_u64(), json["size"].as_u64()), (Some(index), Some(size)));
    let leaf = v.leaves[index as usize];
    let root = v.checkpoint.root;
    tlog::verify_inclusion(&leaf, index, size, &proof, &root).expect("the inclusion proof verifies");
    for bad in mutations(&proof) {
        assert!(tlog::verify_inclusion(&leaf, index, size, &bad, &root).is_err(), "a changed proof is refused");
    }
    let mut other = leaf;
    other[31] ^= 1;
    assert!(tlog::verify_inclusion(&other, index, size, &proof, &root).is_err(), "another leaf is refused");
    if size > 1 {
        assert!(tlog::verify_inclusion(&leaf, (index + 1) % size, size, &proof, &root).is_err(), "another index");
    }
    let mut bad_root = root;
    bad_root[0] ^= 1;
    assert!(tlog::verify_inclusion(&leaf, index, size, &proof, &bad_root).is_err(), "another root");
}

/// The log grew from `old` to `new` only by appending, as the server proves.
async fn check_consistency(app: &TestApp, old: &Verified, new: &Verified) {
    let (a, b) = (old.checkpoint.size, new.checkpoint.size);
    assert!(b > a);
    assert_eq!(&new.entries[..a as usize], &old.entries[..], "old entries are unchanged");
    let (_, proof) = served_hashes(app, &format!("/log/proof/consistency?from={a}&to={b}")).await;
    let (ra, rb) = (old.checkpoint.root, new.checkpoint.root);
    tlog::verify_consistency(a, b, &proof, &ra, &rb).expect("the consistency proof verifies");
    for bad in mutations(&proof) {
        assert!(tlog::verify_consistency(a, b, &bad, &ra, &rb).is_err(), "a changed proof is refused");
    }
    assert!(tlog::verify_consistency(a - 1, b, &proof, &ra, &rb).is_err(), "another old size");
    let mut forked = ra;
    forked[5] ^= 1;
    assert!(tlog::verify_consistency(a, b, &proof, &forked, &rb).is_err(), "a forked old root is refused");
}

async fn an_independent_verifier_checks_the_log(store: Store) {
    let app = spawn_app(store).await;
    let demo = verify_log(&app).await;
    assert!(demo.checkpoint.size > 5, "the demo data is in the log");
    assert!(demo.entries.iter().any(|e| e.action == Action::Commit), "the demo audits' commitments are logged");
    for i in [0, demo.checkpoint.size / 2, demo.checkpoint.size - 1] {
        check_inclusion(&app, &demo, i).await;
    }

    // A new publication, a correction and a retraction each add one entry.
    app.publish(update("log-test-update", "First words")).await.unwrap();
    let published = verify_log(&app).await;
    check_consistency(&app, &demo, &published).await;
    app.publish_correction(update("log-test-update", "Corrected words"), "The title was wrong.").await.unwrap();
    let corrected = verify_log(&app).await;
    check_consistency(&app, &published, &corrected).await;
    app.retract(RecordKind::Update, "log-test-update", "Published by mistake, withdrawn in full.").await.unwrap();
    let retracted = verify_log(&app).await;
    check_consistency(&app, &published, &retracted).await;
    check_consistency(&app, &demo, &retracted).await;
    let n = demo.checkpoint.size as usize;
    let tail: Vec<(Action, &str, i64)> =
        retracted.entries[n..].iter().map(|e| (e.action, e.url.as_str(), e.version)).collect();
    assert_eq!(
        tail,
        [
            (Action::Publish, "/updates/log-test-update/v/1/data.json", 1),
            (Action::Correct, "/updates/log-test-update/v/2/data.json", 2),
            (Action::Retract, "/updates/log-test-update/v/2/retraction.json", 2),
        ]
    );
    for i in n as u64..retracted.checkpoint.size {
        check_inclusion(&app, &retracted, i).await;
    }

    // A version's proof bundle proves its entry under the current checkpoint.
    let key = Verifier::from_vkey(String::from_utf8(ok_bytes(&app, "/log/key").await).unwrap().trim()).unwrap();
    let text = String::from_utf8(ok_bytes(&app, "/updates/log-test-update/v/1/proof.txt").await).unwrap();
    let bundle = tlog::TlogProof::parse(&text).unwrap();
    let entry = Entry::parse(&bundle.extra).unwrap();
    assert_eq!(entry, retracted.entries[n]);
    bundle.verify(&entry.leaf_hash(), &retracted.checkpoint.origin, &key, &[]).expect("the bundle verifies");
    // The page and the API record name the index beside the unchanged bytes.
    let page = app.expect("/updates/log-test-update/v/1", 200).await;
    assert!(
        page.contains(&format!("{n}")) && page.contains("/updates/log-test-update/v/1/proof.txt"),
        "the page links the proof"
    );
    let res = app.client.get(format!("{}/api/v1/updates/log-test-update/versions/1", app.base)).send().await.unwrap();
    assert_eq!(res.headers()["log-index"].to_str().unwrap(), n.to_string());
    // The feed carries the latest checkpoint; /about explains the log and shows its key.
    let feed = app.expect("/feed.atom", 200).await;
    assert!(feed.contains(&tlog::encode_hash(&retracted.checkpoint.root)), "the feed carries the checkpoint");
    let about = app.expect("/about", 200).await;
    assert!(about.contains(&key.to_vkey()) && about.contains("append-only"), "/about shows the key");
    assert!(app.expect("/es/about", 200).await.contains("El registro público"), "and in Spanish");
}

/// A database published before the log existed gets its versions and
/// tombstones logged once, in the order they happened, and the log then
/// verifies like any other.
async fn versions_published_before_the_log_are_logged_once(store: Store) {
    let app = spawn_app(store).await;
    app.publish(update("before-the-log", "Old words")).await.unwrap();
    app.retract(RecordKind::Update, "before-the-log", "Withdrawn before the log existed.").await.unwrap();
    let before = verify_log(&app).await;
    for sql in ["DELETE FROM log_entries", "DELETE FROM log_hashes", "UPDATE log_head SET size = 0"] {
        sqlx::query(sql).execute(&app.raw).await.unwrap();
    }
    let logged = portal::transparency::backfill(&app.db).await.unwrap();
    assert_eq!(logged, app.count("SELECT COUNT(*) FROM log_entries WHERE action <> 'commit'").await as usize);
    let after = verify_log(&app).await;
    assert_eq!(after.checkpoint.size, before.checkpoint.size, "the same entries");
    let times: Vec<&str> = after.entries.iter().map(|e| e.published_at.as_str()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "in the order they happened");
    assert_eq!(portal::transparency::backfill(&app.db).await.unwrap(), 0, "and only once");
}

async fn bad_requests_get_plain_answers(store: Store) {
    let app = spawn_app(store).await;
    let size = verify_log(&app).await.checkpoint.size;
    for (path, status) in [
        ("/log/proof/inclusion?index=x&size=1".to_string(), 400),
        ("/log/proof/inclusion?index=0".to_string(), 400),
        (format!("/log/proof/inclusion?index={size}&size={size}"), 400),
        (format!("/log/proof/inclusion?index=0&size={}", size + 1), 400),
        ("/log/proof/inclusion?index=-1&size=2".to_string(), 400),
        ("/log/proof/inclusion?index=0&size=99999999999999999999999".to_string(), 400),
        (format!("/log/proof/consistency?from={}&to={size}", size + 1), 400),
        (format!("/log/proof/consistency?from=1&to={}", size + 1), 400),
        ("/log/proof/consistency?from=&to=1".to_string(), 400),
        ("/log/tile/0/1".to_string(), 400),
        ("/log/tile/0/x000/001".to_string(), 400),
        ("/log/tile/99/000".to_string(), 400),
        ("/log/tile/0/000.p/0".to_string(), 400),
        ("/log/tile/entries/abc".to_string(), 400),
        ("/log/tile/0/005".to_string(), 404),
        ("/log/tile/entries/x001/000".to_string(), 404),
        ("/updates/nothing/v/1/proof.txt".to_string(), 404),
        ("/updates/nothing/v/0/proof.txt".to_string(), 404),
        ("/audits/nothing/v/1/retraction.json".to_string(), 404),
    ] {
        let (got, body) = bytes(&app, &path).await;
        assert_eq!(got, status, "{path}: {}", String::from_utf8_lossy(&body));
        assert!(!body.is_empty() && std::str::from_utf8(&body).is_ok(), "{path} says why");
    }
    let (_, body) = bytes(&app, &format!("/log/proof/consistency?from=0&to={size}")).await;
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&body).unwrap()["hashes"], serde_json::json!([]));
}

async fn witnesses_cosign_from_configured_keys_only(store: Store) {
    let witness = Signer::generate("witness.example/w1", KeyType::CosignatureV1).unwrap();
    let stranger = Signer::generate("witness.example/w1", KeyType::CosignatureV1).unwrap();
    let security = portal::http::config::SiteSecurity { witnesses: vec![witness.verifier()], ..test_security() };
    let app = spawn_with(store, security).await;
    portal::demo::load(&app.db).await.unwrap();
    let note = String::from_utf8(ok_bytes(&app, "/log/checkpoint").await).unwrap();
    let (text, _) = tlog::note::parse_note(&note).unwrap();
    let post = |body: String| {
        let app = &app;
        async move {
            let res = app.client.post(format!("{}/log/cosignature", app.base)).body(body).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let now = 1_790_000_000;
    let from_stranger = tlog::cosignature::cosign(&stranger, &text, now).unwrap().to_line();
    assert_eq!(post(from_stranger.clone()).await.0, 403, "an unknown witness is refused");
    let origin = Checkpoint::parse(&text).unwrap().origin;
    let other_text = format!("{origin}\n1\n{}\n", tlog::encode_hash(&[3; 32]));
    let wrong_sig = tlog::cosignature::cosign(&witness, &other_text, now).unwrap().to_line();
    assert_eq!(post(wrong_sig).await.0, 422, "a cosignature of another checkpoint is refused");
    assert_eq!(post("not a signature".into()).await.0, 400);
    let line = tlog::cosignature::cosign(&witness, &text, now).unwrap().to_line();
    let (status, body) = post(line.clone()).await;
    assert_eq!(status, 200, "{body}");
    let served = String::from_utf8(ok_bytes(&app, "/log/checkpoint").await).unwrap();
    assert!(served.contains(line.trim_end()), "the checkpoint carries the cosignature:\n{served}");
    assert_eq!(tlog::cosignature::verify_cosignature(&served, &witness.verifier()).unwrap(), now);
    assert!(!served.contains(from_stranger.trim_end()));
    // A new publication moves the checkpoint on; the old cosignature stays with its size.
    app.publish(update("after-cosigning", "Later words")).await.unwrap();
    let later = String::from_utf8(ok_bytes(&app, "/log/checkpoint").await).unwrap();
    assert!(!later.contains(line.trim_end()));
}

/// Two officials' pools (as two processes would) approving at once on the same
/// PostgreSQL database: every
/// publication has exactly one entry, indexes run 0..size without gaps, and the
/// stored tree is the tree of the entries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_concurrent_publishers_make_one_log() {
    let app = spawn_app(Store::Postgres).await;
    let mut submissions = Vec::new();
    for i in 0..24 {
        let (sid, _, _) = app.submit(update(&format!("race-{i:02}"), &format!("Race {i}")), None).await.unwrap();
        submissions.push(sid);
    }
    let second = portal::db::OfficialsDb::connect(app.db.url()).await.unwrap();
    let (_, reviewer) = app.officials().await;
    let run = |db: portal::db::OfficialsDb, ids: Vec<i64>, reviewer: portal::domain::account::Account| {
        let policy = app.policy.clone();
        tokio::spawn(async move {
            for id in ids {
                portal::officials::workflow::approve(&db, &policy, &reviewer, id, None, "test").await.unwrap();
            }
        })
    };
    let (a, b): (Vec<_>, Vec<_>) = submissions.iter().partition(|id| *id % 2 == 0);
    let first = run(app.db.clone(), a, reviewer.clone());
    let other = run(second, b, reviewer);
    first.await.unwrap();
    other.await.unwrap();
    let v = verify_log(&app).await;
    let races: Vec<&Entry> = v.entries.iter().filter(|e| e.slug.starts_with("race-")).collect();
    assert_eq!(races.len(), 24, "one entry per publication");
    let mut slugs: Vec<&str> = races.iter().map(|e| e.slug.as_str()).collect();
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 24, "no publication logged twice");
    let rows = app.count("SELECT COUNT(*) FROM log_entries").await;
    let max = app.count("SELECT COALESCE(MAX(idx), -1) FROM log_entries").await;
    let head = app.count("SELECT size FROM log_head").await;
    assert_eq!((rows, max + 1, head), (v.checkpoint.size as i64, v.checkpoint.size as i64, v.checkpoint.size as i64));
    let hashes = app.count("SELECT COUNT(*) FROM log_hashes").await;
    assert_eq!(hashes as u64, tlog::stored::stored_hash_count(v.checkpoint.size));
}

on_both_databases! {
    an_independent_verifier_checks_the_log;
    bad_requests_get_plain_answers;
    witnesses_cosign_from_configured_keys_only;
    versions_published_before_the_log_are_logged_once;
}

#[tokio::test]
async fn the_reference_tree_holds_in_the_workspace() {
    // transparency-dev's RFC 6962 test leaves; the full set of roots and proofs
    // is checked in `cargo test -p tlog` (tlog/tests/rfc6962_vectors.rs).
    let leaves: Vec<Vec<u8>> = vec![
        vec![],
        vec![0x00],
        vec![0x10],
        vec![0x20, 0x21],
        vec![0x30, 0x31],
        vec![0x40, 0x41, 0x42, 0x43],
        vec![0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        vec![0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];
    let hashes: Vec<Hash> = leaves.iter().map(|l| tlog::leaf_hash(l)).collect();
    assert_eq!(hex(&tlog::root(&hashes)), "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
}
