//! Running the portal as a service, tested on the real binary where the process
//! matters: `/healthz` and `/readyz` (and a 503 that names a missing migration);
//! metrics on their own address only, by route template; SIGTERM under load
//! finishes every request already sent and exits 0; `portal backup` and a
//! restore that serves the same bytes at the same addresses (SQLite's online
//! backup, and the documented pg_dump/pg_restore on PostgreSQL); JSON logs; and
//! the deploy files name what they must.

use crate::log::update;
use crate::support::{fresh_db, on_both_databases, spawn_app, spawn_empty, unique_name, DropDatabase, Store};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long anything the tests wait for may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// A `portal serve` process, its addresses and what it has written.
struct Served {
    child: Child,
    base: String,
    metrics: Option<String>,
    stderr: Arc<Mutex<Vec<String>>>,
}

/// Starts `portal serve` on `database_url` at a free port, with these variables,
/// and waits until it says where it is.
fn serve(database_url: &str, env: &[(&str, &str)]) -> Served {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal"));
    cmd.arg("serve")
        .env("DATABASE_URL", database_url)
        .env("PORTAL_ADDR", "127.0.0.1:0")
        .env("LEPTOS_SITE_ROOT", concat!(env!("CARGO_MANIFEST_DIR"), "/../public"))
        .env_remove("PORTAL_POLICY")
        .env_remove("PORTAL_METRICS_ADDR")
        .env_remove("PORTAL_LOG_FORMAT")
        .env_remove("PORTAL_PUBLIC_URL")
        .env_remove("PUBLIC_DATABASE_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run portal serve");
    let stderr = Arc::new(Mutex::new(Vec::new()));
    let lines = stderr.clone();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            lines.lock().unwrap().push(line);
        }
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (mut base, mut metrics) = (None, None);
    let wants_metrics = env.iter().any(|(k, _)| *k == "PORTAL_METRICS_ADDR");
    while base.is_none() || (wants_metrics && metrics.is_none()) {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("portal serve stopped before it said where it is: {:?}", stderr.lock().unwrap());
        }
        if let Some(rest) = line.trim().strip_prefix("The portal is at ") {
            base = Some(rest.to_string());
        } else if let Some(rest) = line.trim().strip_prefix("Its metrics are at ") {
            metrics = Some(rest.to_string());
        }
    }
    // Keep reading standard output so the process never blocks on a full pipe.
    std::thread::spawn(move || for _ in out.lines().map_while(Result::ok) {});
    Served { child, base: base.unwrap(), metrics, stderr }
}

impl Served {
    fn terminate(&self) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success(), "kill -TERM");
    }

    /// Waits (with a deadline) until a line of its log contains `text`.
    async fn wait_for_log(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(line) = self.stderr.lock().unwrap().iter().find(|l| l.contains(text)) {
                return line.clone();
            }
            assert!(start.elapsed() < DEADLINE, "no log line with {text:?}: {:?}", self.stderr.lock().unwrap());
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Sends SIGTERM and waits (with a deadline) for the exit code.
    async fn stop(mut self) -> i32 {
        self.terminate();
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("the portal did not stop after SIGTERM: {:?}", self.stderr.lock().unwrap());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn get(url: &str) -> (u16, String, String) {
    let res = reqwest::get(url).await.unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = res.status().as_u16();
    let cache = res.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    (status, cache, res.text().await.unwrap())
}

async fn health_and_readiness(store: Store) {
    let app = spawn_empty(store).await;
    let (status, cache, body) = get(&format!("{}/healthz", app.base)).await;
    assert_eq!((status, cache.as_str(), body.as_str()), (200, "no-store", "ok\n"));
    let (status, cache, body) = get(&format!("{}/readyz", app.base)).await;
    assert_eq!((status, cache.as_str()), (200, "no-store"), "{body}");
    // The metrics are never on the public address.
    assert_eq!(get(&format!("{}/metrics", app.base)).await.0, 404);

    // A migration the binary knows but the database lacks: not ready, and it says which.
    let (version, description): (i64, String) =
        sqlx::query_as("SELECT version, description FROM _sqlx_migrations ORDER BY version DESC LIMIT 1")
            .fetch_one(&app.raw)
            .await
            .unwrap();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1").bind(version).execute(&app.raw).await.unwrap();
    let (status, cache, body) = get(&format!("{}/readyz", app.base)).await;
    assert_eq!((status, cache.as_str()), (503, "no-store"));
    assert!(body.contains(&format!("{version} {description}")) && body.contains("portal migrate"), "{body}");
    // The process itself still answers.
    assert_eq!(get(&format!("{}/healthz", app.base)).await.0, 200);

    if store == Store::Postgres {
        // The database gone: not ready, said promptly, while the process answers.
        let name = app.db.url().rsplit_once('/').unwrap().1.to_string();
        let admin = sqlx::AnyPool::connect(&crate::support::postgres_admin_url()).await.unwrap();
        sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)")).execute(&admin).await.unwrap();
        admin.close().await;
        let asked = Instant::now();
        let (status, _, body) = get(&format!("{}/readyz", app.base)).await;
        assert_eq!(status, 503, "{body}");
        assert!(body.contains("database") && body.contains("not ready"), "{body}");
        assert!(asked.elapsed() <= portal::http::service::READY_WITHIN + Duration::from_secs(2));
        assert_eq!(get(&format!("{}/healthz", app.base)).await.0, 200);
    }
}

/// Every sample line of a text exposition: name, labels and a number.
fn samples(text: &str) -> Vec<(String, f64)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (series, value) = l.rsplit_once(' ').unwrap_or_else(|| panic!("not a sample: {l}"));
            let value: f64 = value.parse().unwrap_or_else(|_| panic!("not a number: {l}"));
            (series.to_string(), value)
        })
        .collect()
}

async fn metrics_have_their_own_address(store: Store) {
    let (db, _guard) = fresh_db(store).await;
    portal::demo::load(&db).await.unwrap();
    let raw = sqlx::AnyPool::connect(db.url()).await.unwrap();
    let slug: String =
        sqlx::query_scalar("SELECT slug FROM published_audits ORDER BY slug LIMIT 1").fetch_one(&raw).await.unwrap();
    let log_size: i64 = sqlx::query_scalar("SELECT size FROM log_head").fetch_one(&raw).await.unwrap();
    let key = std::env::temp_dir().join(format!("{}.key", unique_name("portal_log")));
    let _key = crate::support::RemoveFile(key.clone());
    let portal =
        serve(db.url(), &[("PORTAL_METRICS_ADDR", "127.0.0.1:0"), ("PORTAL_LOG_KEY_FILE", key.to_str().unwrap())]);
    let metrics = portal.metrics.clone().expect("the metrics address");
    assert_ne!(metrics, format!("{}/metrics", portal.base));
    for path in ["/audits", "/audits", &format!("/audits/{slug}"), "/no-such-page"] {
        get(&format!("{}{path}", portal.base)).await;
    }
    assert_eq!(get(&format!("{}/metrics", portal.base)).await.0, 404, "no metrics on the public address");

    let res = reqwest::get(&metrics).await.unwrap();
    assert_eq!(res.status(), 200);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    let text = res.text().await.unwrap();
    let samples = samples(&text);
    let value = |series: &str| samples.iter().find(|(s, _)| s == series).map(|(_, v)| *v);
    assert_eq!(
        value("portal_http_requests_total{route=\"/audits\",method=\"GET\",status=\"200\"}"),
        Some(2.0),
        "{text}"
    );
    assert!(text.contains("route=\"/audits/{slug}\""), "the route template, not the address:\n{text}");
    assert!(!text.contains(&slug), "no raw path in a label:\n{text}");
    assert_eq!(value("portal_http_request_duration_seconds_count{route=\"/audits\"}"), Some(2.0), "{text}");
    assert_eq!(value("portal_http_request_duration_seconds_bucket{route=\"/audits\",le=\"+Inf\"}"), Some(2.0));
    // The second `/audits` was served from the render cache; the first, the audit
    // and the unknown page were rendered.
    assert!(value("portal_cache_hits_total").is_some_and(|n| n >= 1.0), "{text}");
    assert!(value("portal_cache_misses_total").is_some_and(|n| n >= 3.0), "{text}");
    assert_eq!(value("portal_publications"), Some(log_size as f64), "{text}");
    for pool in ["officials", "public"] {
        let max = value(&format!("portal_db_pool_max_connections{{pool=\"{pool}\"}}")).expect(pool);
        let idle = value(&format!("portal_db_pool_connections{{pool=\"{pool}\",state=\"idle\"}}")).expect(pool);
        assert!(max >= 1.0 && idle <= max, "{text}");
    }
    assert_eq!(portal.stop().await, 0);
}

async fn backup_and_restore(store: Store) {
    let app = spawn_app(store).await;
    app.publish(update("backup-test", "First words")).await.unwrap();
    app.publish_correction(update("backup-test", "Corrected words"), "The title was wrong.").await.unwrap();
    let audits: Vec<String> = sqlx::query_scalar("SELECT DISTINCT slug FROM published_audits ORDER BY slug")
        .fetch_all(&app.raw)
        .await
        .unwrap();
    let mut paths: Vec<String> = vec![
        "/updates/backup-test/v/1/data.json".into(),
        "/updates/backup-test/v/2/data.json".into(),
        "/updates/backup-test/data.json".into(),
        "/api/v1/audits".into(),
        "/log/checkpoint".into(),
        "/log/key".into(),
    ];
    paths.extend(audits.iter().map(|s| format!("/audits/{s}/v/1/data.json")));
    let fetch = |base: String, paths: Vec<String>| async move {
        let mut out = Vec::new();
        for p in paths {
            let res = reqwest::get(format!("{base}{p}")).await.unwrap();
            assert_eq!(res.status(), 200, "{base}{p}");
            out.push((p, res.bytes().await.unwrap().to_vec()));
        }
        out
    };
    let original = fetch(app.base.clone(), paths.clone()).await;

    let backup = std::env::temp_dir().join(format!("{}.db", unique_name("portal_backup")));
    let _files: Vec<_> = ["", "-wal", "-shm"]
        .iter()
        .map(|s| crate::support::RemoveFile(format!("{}{s}", backup.display()).into()))
        .collect();
    let file = backup.to_str().unwrap();
    let run_backup = || {
        let out = Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(["backup", file])
            .env("DATABASE_URL", app.db.url())
            .env("PORTAL_LOG_KEY_FILE", &app.log_key_file)
            .output()
            .unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code(), text)
    };
    // Taken while the portal serves: an online backup.
    let (code, text) = run_backup();
    let (restored_url, _restored_guard) = match store {
        Store::Sqlite => {
            assert_eq!(code, Some(0), "{text}");
            assert!(text.contains(app.log_key_file.to_str().unwrap()), "names the key file to back up: {text}");
            let (code, text) = run_backup();
            assert_eq!(code, Some(1), "{text}");
            assert!(text.contains("already exists"), "{text}");
            (format!("sqlite://{file}?mode=rwc"), None)
        }
        Store::Postgres => {
            assert_eq!(code, Some(1), "{text}");
            assert!(text.contains("pg_dump --format=custom") && text.contains("pg_restore"), "{text}");
            assert!(!backup.exists(), "nothing written");
            // The commands it prints, run as the README says.
            let status =
                Command::new("pg_dump").args(["--format=custom", &format!("--file={file}"), app.db.url()]).status();
            let Ok(status) = status else {
                eprintln!("pg_dump is not installed: the PostgreSQL restore is not checked here");
                return;
            };
            assert!(status.success(), "pg_dump");
            let name = unique_name("portal_restored");
            let admin = sqlx::AnyPool::connect(&crate::support::postgres_admin_url()).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
            admin.close().await;
            let guard = DropDatabase::postgres(&name);
            let url = format!("{}/{name}", app.db.url().rsplit_once('/').unwrap().0);
            let status = Command::new("pg_restore")
                .args(["--clean", "--if-exists", "--no-owner", &format!("--dbname={url}"), file])
                .status()
                .unwrap();
            assert!(status.success(), "pg_restore");
            (url, Some(guard))
        }
    };
    // The restored database, served by a new process with the same key and
    // public address, answers with the same bytes.
    let restored = serve(
        &restored_url,
        &[("PORTAL_LOG_KEY_FILE", app.log_key_file.to_str().unwrap()), ("PORTAL_PUBLIC_URL", &app.base)],
    );
    let again = fetch(restored.base.clone(), paths).await;
    for ((path, a), (_, b)) in original.iter().zip(&again) {
        assert!(
            a == b,
            "{path} differs after the restore:\n{}\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
    assert_eq!(restored.stop().await, 0);
}

on_both_databases! {
    health_and_readiness;
    metrics_have_their_own_address;
    backup_and_restore;
}

/// One request's outcome: a complete 200, or what went wrong.
#[derive(Debug)]
enum Outcome {
    Complete,
    Refused,
    Failed(String),
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_under_load_finishes_every_request_already_sent() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (db, _guard) = fresh_db(Store::Sqlite).await;
    portal::demo::load(&db).await.unwrap();
    let key = std::env::temp_dir().join(format!("{}.key", unique_name("portal_log")));
    let _key = crate::support::RemoveFile(key.clone());
    let portal = serve(db.url(), &[("PORTAL_LOG_KEY_FILE", key.to_str().unwrap()), ("PORTAL_LOG", "info")]);
    let addr = portal.base.trim_start_matches("http://").to_string();

    // Slow clients: connected, their request half sent when the signal comes.
    let mut slow = Vec::new();
    for _ in 0..4 {
        let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
        s.write_all(b"GET /audits HTTP/1.1\r\nHost: portal.test\r\n").await.unwrap();
        slow.push(s);
    }
    // Load: clients sending requests back to back, each on a new connection,
    // until the signal is sent; none starts a request after that.
    let signalled = Arc::new(AtomicBool::new(false));
    let completed = Arc::new(AtomicUsize::new(0));
    let mut load = Vec::new();
    for i in 0..16 {
        let (signalled, completed, base) = (signalled.clone(), completed.clone(), portal.base.clone());
        load.push(tokio::spawn(async move {
            let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
            let paths = ["/", "/audits", "/spending", "/api/v1/audits"];
            let mut outcomes = Vec::new();
            while !signalled.load(Ordering::SeqCst) {
                let url = format!("{base}{}", paths[(i + outcomes.len()) % paths.len()]);
                let outcome = match client.get(&url).send().await {
                    Ok(res) if res.status() == 200 => match res.bytes().await {
                        Ok(_) => Outcome::Complete,
                        Err(e) => Outcome::Failed(format!("{url}: body cut off: {e}")),
                    },
                    Ok(res) => Outcome::Failed(format!("{url}: {}", res.status())),
                    Err(e) if e.is_connect() => Outcome::Refused,
                    Err(e) => Outcome::Failed(format!("{url}: {e:?}")),
                };
                completed.fetch_add(1, Ordering::SeqCst);
                outcomes.push(outcome);
            }
            outcomes
        }));
    }
    // Under load (measured, not timed), the signal.
    let start = Instant::now();
    while completed.load(Ordering::SeqCst) < 200 {
        assert!(start.elapsed() < DEADLINE, "the load did not get going");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    signalled.store(true, Ordering::SeqCst);
    portal.terminate();
    portal.wait_for_log("shutting down").await;

    // The slow clients finish their requests after the signal and are answered in full.
    for mut s in slow {
        s.write_all(b"\r\n").await.unwrap();
        let mut response = Vec::new();
        tokio::time::timeout(DEADLINE, s.read_to_end(&mut response)).await.expect("an answer").unwrap();
        let text = String::from_utf8_lossy(&response);
        assert!(text.starts_with("HTTP/1.1 200"), "{}", &text[..text.len().min(300)]);
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let length = head.lines().find_map(|l| {
            l.to_ascii_lowercase().strip_prefix("content-length: ").map(|v| v.trim().parse::<usize>().unwrap())
        });
        match length {
            Some(n) => assert_eq!(body.len(), n, "the whole body"),
            None => assert!(body.trim_end().ends_with("0") || body.contains("</html>"), "the whole body"),
        }
    }
    let mut outcomes = Vec::new();
    for task in load {
        outcomes.extend(task.await.unwrap());
    }
    let failed: Vec<&String> =
        outcomes.iter().filter_map(|o| if let Outcome::Failed(m) = o { Some(m) } else { None }).collect();
    assert!(failed.is_empty(), "requests sent before the signal were dropped: {failed:?}");
    let refused = outcomes.iter().filter(|o| matches!(o, Outcome::Refused)).count();
    assert!(refused <= 16, "at most each client's last connection is refused at the closed door");
    assert!(outcomes.len() >= 200);

    let code = {
        let start = Instant::now();
        let mut portal = portal;
        loop {
            if let Some(status) = portal.child.try_wait().unwrap() {
                break status.code();
            }
            assert!(start.elapsed() < DEADLINE, "the portal did not exit");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    assert_eq!(code, Some(0), "a clean exit after SIGTERM");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_can_be_json_lines() {
    let (db, _guard) = fresh_db(Store::Sqlite).await;
    let key = std::env::temp_dir().join(format!("{}.key", unique_name("portal_log")));
    let _key = crate::support::RemoveFile(key.clone());
    let portal = serve(
        db.url(),
        &[("PORTAL_LOG_KEY_FILE", key.to_str().unwrap()), ("PORTAL_LOG_FORMAT", "json"), ("PORTAL_LOG", "info")],
    );
    assert_eq!(get(&format!("{}/healthz", portal.base)).await.0, 200);
    let stderr = portal.stderr.clone();
    assert_eq!(portal.stop().await, 0);
    let lines = stderr.lock().unwrap().clone();
    let shutdown = lines.iter().find(|l| l.contains("shutting down")).expect("the shutdown is logged");
    let entry: serde_json::Value = serde_json::from_str(shutdown).unwrap_or_else(|e| panic!("{e}: {shutdown}"));
    assert_eq!(entry["level"], "INFO", "{entry}");
    assert!(entry["fields"]["message"].as_str().unwrap().starts_with("shutting down"), "{entry}");
    for line in &lines {
        serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    }

    let out =
        Command::new(env!("CARGO_BIN_EXE_portal")).arg("--help").env("PORTAL_LOG_FORMAT", "xml").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PORTAL_LOG_FORMAT is \"xml\""));
}

/// `KEY=value` lines by section, as systemd reads a unit file.
fn unit_sections(text: &str) -> Vec<(String, String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';')) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
            continue;
        }
        let (key, value) = line.split_once('=').unwrap_or_else(|| panic!("not KEY=value: {line}"));
        assert!(!section.is_empty(), "{key} outside a section");
        out.push((section.clone(), key.trim().to_string(), value.trim().to_string()));
    }
    out
}

#[test]
fn the_deploy_files_name_the_binary_the_signal_and_the_health_check() {
    let unit = unit_sections(include_str!("../deploy/portal.service"));
    let value = |section: &str, key: &str| {
        unit.iter()
            .find(|(s, k, _)| s == section && k == key)
            .map(|(_, _, v)| v.as_str())
            .unwrap_or_else(|| panic!("[{section}] {key} is missing"))
    };
    assert!(value("Service", "ExecStart").ends_with("portal serve"));
    assert_eq!(value("Service", "KillSignal"), "SIGTERM");
    assert_eq!(value("Service", "Restart"), "on-failure");
    assert_eq!(value("Service", "NoNewPrivileges"), "yes");
    assert_eq!(value("Service", "ProtectSystem"), "strict");
    assert!(value("Service", "User") != "root");
    value("Service", "ReadWritePaths");
    value("Service", "EnvironmentFile");
    value("Service", "TimeoutStopSec");
    value("Install", "WantedBy");
    let container = include_str!("../deploy/Containerfile");
    for needed in
        ["HEALTHCHECK", "/healthz", "STOPSIGNAL SIGTERM", "EXPOSE 3000", "USER ", "cargo leptos build --release"]
    {
        assert!(container.contains(needed), "the Containerfile has {needed}");
    }
}
