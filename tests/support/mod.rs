//! Test support: spawn the real portal on port 0 over a fresh database (a new SQLite
//! file, or a new PostgreSQL database, dropped when the test ends) and talk to it
//! over real HTTP. Records are published the way officials publish them: drafted
//! and submitted by one official, approved by another.

use app::model::RecordKind;
use portal::db::{OfficialsDb, PublicDb};
use portal::domain::account::Account;
use portal::domain::draft::AnyDraft;
use portal::domain::values::{Slug, Text};
use portal::error::AppResult;
use portal::gate::policy::Policy;
use portal::gate::publish::Published;
use portal::gate::scanner::Finding;
use portal::http::config::SiteSecurity;
use portal::http::Application;
use portal::officials::workflow;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    /// The officials' handle, for the workflow and the gate.
    pub db: OfficialsDb,
    /// A connection of the test's own, for checking what the database holds.
    pub raw: sqlx::AnyPool,
    pub client: reqwest::Client,
    pub policy: Policy,
    /// The transparency log's signing key file (a fresh key per test).
    pub log_key_file: std::path::PathBuf,
    _guard: DropDatabase,
    _key: RemoveFile,
}

/// Removes a file when dropped.
pub struct RemoveFile(pub std::path::PathBuf);

impl Drop for RemoveFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

pub struct Page {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A name no other test run uses.
pub fn unique_name(prefix: &str) -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{}_{}", std::process::id(), nanos, COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// The PostgreSQL server the tests use; `scripts/test.sh` starts one and sets this.
pub fn postgres_admin_url() -> String {
    std::env::var("PORTAL_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "PORTAL_TEST_POSTGRES_URL is not set. Run the tests with scripts/test.sh, which starts \
             PostgreSQL, or set it to a server's URL, e.g. postgres://postgres@127.0.0.1:55432/postgres"
        )
    })
}

/// Removes a test's database (its SQLite files, or its PostgreSQL database) when
/// the test is done with it.
pub struct DropDatabase {
    store: Store,
    name: String,
}

impl DropDatabase {
    /// Drops the PostgreSQL database `name` when dropped (a database a test made itself).
    pub fn postgres(name: &str) -> DropDatabase {
        DropDatabase { store: Store::Postgres, name: name.to_string() }
    }
}

impl Drop for DropDatabase {
    fn drop(&mut self) {
        match self.store {
            Store::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", self.name));
                }
            }
            Store::Postgres => {
                let name = self.name.clone();
                // A thread of its own: Drop may run inside a runtime.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let pool = sqlx::AnyPool::connect(&postgres_admin_url()).await.ok()?;
                        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&pool)
                            .await
                            .ok()?;
                        pool.close().await;
                        Some(())
                    })
                })
                .join();
            }
        }
    }
}

/// A fresh, migrated, empty database, and what removes it.
pub async fn fresh_db(store: Store) -> (OfficialsDb, DropDatabase) {
    sqlx::any::install_default_drivers();
    match store {
        Store::Sqlite => {
            let path = std::env::temp_dir().join(format!("{}.db", unique_name("portal_test")));
            let db =
                OfficialsDb::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.expect("sqlite database");
            (db, DropDatabase { store, name: path.display().to_string() })
        }
        Store::Postgres => {
            let admin = postgres_admin_url();
            let name = unique_name("portal_test");
            let pool = sqlx::AnyPool::connect(&admin).await.expect("connect to the PostgreSQL test server");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.expect("create database");
            pool.close().await;
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            let db = OfficialsDb::connect(&format!("{base}/{name}")).await.expect("postgres database");
            (db, DropDatabase { store, name })
        }
    }
}

/// Creates a login role for the public side of `db` and returns its URL.
pub async fn public_role_url(db: &OfficialsDb, raw: &sqlx::AnyPool) -> String {
    let role = unique_name("portal_public");
    sqlx::query(&format!("CREATE ROLE {role} LOGIN")).execute(raw).await.expect("create role");
    db.grant_public_read(&role).await.expect("grant public read");
    let rest = db.url().split_once('@').map(|(_, r)| r).expect("a postgres URL with a user");
    format!("postgres://{role}@{rest}")
}

/// One runtime, for the whole test process, that every spawned portal runs on.
///
/// Each `#[tokio::test]` has its own runtime, which is dropped when the test ends;
/// serving every portal from one long-lived runtime keeps Leptos's process-wide
/// executor on a runtime that outlives all tests.
fn server_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("portal-under-test")
            .build()
            .expect("the server runtime")
    })
}

/// The security settings tests run with: a contact for `security.txt`, plain
/// http, no trusted proxy.
pub fn test_security() -> SiteSecurity {
    SiteSecurity { security_contact: Some("mailto:security@portal.invalid".into()), ..SiteSecurity::default() }
}

/// The portal over a fresh database with nothing published.
pub async fn spawn_empty(store: Store) -> TestApp {
    spawn_with(store, test_security()).await
}

/// The portal over a fresh database with nothing published, with these settings.
pub async fn spawn_with(store: Store, mut security: SiteSecurity) -> TestApp {
    let (db, guard) = fresh_db(store).await;
    let log_key_file = security
        .log_key_file
        .get_or_insert_with(|| std::env::temp_dir().join(format!("{}.key", unique_name("portal_log"))))
        .clone();
    let raw = sqlx::AnyPool::connect(db.url()).await.expect("the test's own connection");
    // On PostgreSQL the portal reads through a role that may read the public tables
    // and nothing else, so every test also proves the public side needs no more.
    let public_url = match store {
        Store::Sqlite => None,
        Store::Postgres => Some(public_role_url(&db, &raw).await),
    };
    let site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../public");
    let (tx, rx) = tokio::sync::oneshot::channel();
    let officials_url = db.url().to_string();
    server_runtime().spawn(async move {
        let officials = OfficialsDb::connect(&officials_url).await.expect("the officials' database connection");
        let public = PublicDb::connect(&officials, public_url.as_deref()).await.expect("the public connection");
        let app = Application::new(
            officials,
            public,
            Policy::missouri(),
            security,
            "127.0.0.1:0".parse().unwrap(),
            site_root,
        )
        .await
        .expect("build the application");
        let _ = tx.send(app.addr());
        let _ = app.run().await;
    });
    let addr = rx.await.expect("the portal started");
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestApp {
        base: format!("http://{addr}"),
        db,
        raw,
        client,
        policy: Policy::missouri(),
        _key: RemoveFile(log_key_file.clone()),
        log_key_file,
        _guard: guard,
    }
}

/// A second portal on `app`'s database (another process, in production), with
/// its own pools; returns its base address.
pub async fn spawn_second(app: &TestApp, store: Store) -> String {
    let public_url = match store {
        Store::Sqlite => None,
        Store::Postgres => Some(public_role_url(&app.db, &app.raw).await),
    };
    let site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../public");
    let mut security = test_security();
    security.log_key_file = Some(app.log_key_file.clone());
    let officials_url = app.db.url().to_string();
    let (tx, rx) = tokio::sync::oneshot::channel();
    server_runtime().spawn(async move {
        let officials = OfficialsDb::connect(&officials_url).await.expect("the officials' database connection");
        let public = PublicDb::connect(&officials, public_url.as_deref()).await.expect("the public connection");
        let app = Application::new(
            officials,
            public,
            Policy::missouri(),
            security,
            "127.0.0.1:0".parse().unwrap(),
            site_root,
        )
        .await
        .expect("build the second application");
        let _ = tx.send(app.addr());
        let _ = app.run().await;
    });
    format!("http://{}", rx.await.expect("the second portal started"))
}

/// The portal over a fresh database holding the demo data.
pub async fn spawn_app(store: Store) -> TestApp {
    let app = spawn_empty(store).await;
    portal::demo::load(&app.db).await.expect("load the demo data");
    app
}

impl TestApp {
    pub async fn get(&self, path: &str) -> Page {
        let res = self
            .client
            .get(format!("{}{}", self.base, path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        page_of(res).await
    }

    /// GETs a page and checks its status, returning the body.
    pub async fn expect(&self, path: &str, status: u16) -> String {
        let page = self.get(path).await;
        assert_eq!(page.status, status, "GET {path} returned {}:\n{}", page.status, excerpt(&page.body));
        page.body
    }

    /// A number the database holds.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar::<_, i64>(sql).fetch_one(&self.raw).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// After a test writes public tables behind the gate's back (to see what the
    /// pages do with such rows), moves the data version as the gate would, so
    /// that the kept responses are rendered again (at once in this process).
    pub async fn touch_data_version(&self) {
        sqlx::query("UPDATE data_version SET version = version + 1 WHERE id = 1")
            .execute(&self.raw)
            .await
            .expect("bump the data version");
        portal::db::data_version::mark_local_write();
    }

    /// The demo officials who draft and approve in tests (the state office's).
    pub async fn officials(&self) -> (Account, Account) {
        portal::demo::load_reference(&self.db).await.expect("the reference data");
        let author = portal::officials::accounts::find(&self.db, portal::demo::DEMO_AUTHOR).await.unwrap().unwrap();
        let reviewer = portal::officials::accounts::find(&self.db, portal::demo::DEMO_REVIEWER).await.unwrap().unwrap();
        (author, reviewer)
    }

    /// Stores a draft as the test author; returns its id.
    pub async fn draft(&self, draft: impl Into<AnyDraft>) -> AppResult<i64> {
        let (author, _) = self.officials().await;
        workflow::create_draft(&self.db, &author, &draft.into(), "test").await
    }

    /// Drafts and submits as the test author; returns the submission, its draft
    /// and the scanner's findings.
    pub async fn submit(&self, draft: impl Into<AnyDraft>, note: Option<&str>) -> AppResult<(i64, i64, Vec<Finding>)> {
        let draft = draft.into();
        let (author, _) = self.officials().await;
        let id = workflow::create_draft(&self.db, &author, &draft, "test").await?;
        let (sid, findings) = workflow::submit(&self.db, &self.policy, &author, draft.kind(), id, note, "test").await?;
        Ok((sid, id, findings))
    }

    /// Approves a submission as the test reviewer.
    pub async fn approve(&self, submission: i64) -> AppResult<Published> {
        let (_, reviewer) = self.officials().await;
        match workflow::approve(&self.db, &self.policy, &reviewer, submission, None, "test").await? {
            workflow::Approval::Published(p) => Ok(p),
            other => panic!("{other:?}, not published"),
        }
    }

    /// Publishes a draft as officials do: drafted and submitted, then approved.
    pub async fn publish(&self, draft: impl Into<AnyDraft>) -> AppResult<Published> {
        let (sid, _, _) = self.submit(draft, None).await?;
        self.approve(sid).await
    }

    /// Publishes a correction of a published record, with its public note.
    pub async fn publish_correction(&self, draft: impl Into<AnyDraft>, note: &str) -> AppResult<Published> {
        let (sid, _, _) = self.submit(draft, Some(note)).await?;
        self.approve(sid).await
    }

    /// Retracts a published record as officials do: the test author asks, the
    /// test reviewer approves. Returns the record's last version.
    pub async fn retract(&self, kind: RecordKind, slug: &str, reason: &str) -> AppResult<i64> {
        let (author, reviewer) = self.officials().await;
        let id = workflow::request_retraction(&self.db, &self.policy, &author, kind, slug, reason, "test").await?;
        match workflow::approve(&self.db, &self.policy, &reviewer, id, None, "test").await? {
            workflow::Approval::Retracted(v) => Ok(v),
            other => panic!("{other:?}, not retracted"),
        }
    }
}

/// A slug or prose value for building drafts in tests.
pub fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

pub fn prose(s: &str) -> Text {
    Text::parse(s, Text::BODY).unwrap()
}

/// The readable text of a page (tags, scripts and styles removed, entities decoded),
/// for assertions about what a reader sees.
pub fn text(html: &str) -> String {
    let bytes = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let lower = lower.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &lower[i..];
        let skip_to = if rest.starts_with(b"<script") {
            Some(&b"</script>"[..])
        } else if rest.starts_with(b"<style") {
            Some(&b"</style>"[..])
        } else {
            None
        };
        if let Some(end) = skip_to {
            i += rest.windows(end.len()).position(|w| w == end).map_or(rest.len(), |p| p + end.len());
            continue;
        }
        if bytes[i] == b'<' {
            i += rest.iter().position(|&b| b == b'>').map_or(rest.len(), |p| p + 1);
            out.push(b' ');
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    let decoded = String::from_utf8_lossy(&out)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn excerpt(body: &str) -> String {
    text(body).chars().take(600).collect()
}

/// Declares one async test per database (`mod sqlite`, `mod postgres`) for each
/// `async fn NAME(store: Store)` named.
macro_rules! on_both_databases {
    ($($name:ident;)+) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() { super::$name($crate::support::Store::Sqlite).await }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() { super::$name($crate::support::Store::Postgres).await }
            )+
        }
    };
}
pub(crate) use on_both_databases;

/// A signed-in official's browser: the session cookie and the forms' token.
pub struct Session<'a> {
    pub app: &'a TestApp,
    pub cookie: String,
    pub csrf: String,
}

/// The value of a cookie set by a response.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")).map(|rest| rest.split(';').next().unwrap_or("").to_string()))
}

/// The value of a hidden form field on a page.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let mark = format!("name=\"{name}\" value=\"");
    let start = html.find(&mark)? + mark.len();
    Some(html[start..start + html[start..].find('"')?].to_string())
}

impl TestApp {
    /// Signs in through the sign-in form, as a browser would. `Err` holds the
    /// status and page of a refused sign-in.
    pub async fn sign_in(&self, email: &str, password: &str, code: &str) -> Result<Session<'_>, (u16, String)> {
        self.sign_in_from(email, password, code, None).await
    }

    /// As [`TestApp::sign_in`], with an `X-Forwarded-For` header (which counts only
    /// when the portal trusts this client as its proxy).
    pub async fn sign_in_from(
        &self,
        email: &str,
        password: &str,
        code: &str,
        forwarded_for: Option<&str>,
    ) -> Result<Session<'_>, (u16, String)> {
        let form_page = self.client.get(format!("{}/admin", self.base)).send().await.unwrap();
        let token_cookie = set_cookie(&form_page, "portal_sign_in").expect("the sign-in form sets its token");
        let html = form_page.text().await.unwrap();
        let token = hidden(&html, "token").expect("the sign-in form carries its token");
        let mut req = self
            .client
            .post(format!("{}/admin/sign-in", self.base))
            .header("Cookie", format!("portal_sign_in={token_cookie}"))
            .form(&[("email", email), ("password", password), ("code", code), ("token", &token)]);
        if let Some(address) = forwarded_for {
            req = req.header("X-Forwarded-For", address);
        }
        let res = req.send().await.unwrap();
        let Some(cookie) = set_cookie(&res, "portal_session") else {
            let status = res.status().as_u16();
            return Err((status, res.text().await.unwrap_or_default()));
        };
        let mut session = Session { app: self, cookie, csrf: String::new() };
        let home = session.get("/admin").await;
        session.csrf = hidden(&home.body, "csrf").expect("signed-in pages carry the forms' token");
        Ok(session)
    }
}

impl Session<'_> {
    pub async fn get(&self, path: &str) -> Page {
        let res = self
            .app
            .client
            .get(format!("{}{}", self.app.base, path))
            .header("Cookie", format!("portal_session={}", self.cookie))
            .send()
            .await
            .unwrap();
        page_of(res).await
    }

    /// POSTs a form with the session's token (add `("csrf", …)` yourself to override).
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        if !form.iter().any(|(k, _)| *k == "csrf") {
            fields.push(("csrf", &self.csrf));
        }
        let res = self
            .app
            .client
            .post(format!("{}{}", self.app.base, path))
            .header("Cookie", format!("portal_session={}", self.cookie))
            .form(&fields)
            .send()
            .await
            .unwrap();
        page_of(res).await
    }
}

pub async fn page_of(res: reqwest::Response) -> Page {
    let status = res.status().as_u16();
    let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let body = res.text().await.unwrap_or_default();
    Page { status, content_type, body }
}
