//! Test support: spawn the real portal on port 0 over a fresh database (a new SQLite
//! file, or a new PostgreSQL database) and talk to it over real HTTP.

use portal::db::Db;
use portal::startup::Application;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub client: reqwest::Client,
}

pub struct Page {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A name no other test run uses.
pub fn unique_name(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{}_{}", std::process::id(), nanos, COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// The PostgreSQL server the tests use; `scripts/test.sh` starts one and sets this.
fn postgres_admin_url() -> String {
    std::env::var("PORTAL_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "PORTAL_TEST_POSTGRES_URL is not set. Run the tests with scripts/test.sh, which starts \
             PostgreSQL, or set it to a server's URL, e.g. postgres://postgres@127.0.0.1:55432/postgres"
        )
    })
}

/// A fresh, migrated, empty database.
pub async fn fresh_db(store: Store) -> Db {
    match store {
        Store::Sqlite => {
            let path = std::env::temp_dir().join(format!("{}.db", unique_name("portal_test")));
            Db::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.expect("sqlite database")
        }
        Store::Postgres => {
            let admin = postgres_admin_url();
            let name = unique_name("portal_test");
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&admin).await.expect("connect to the PostgreSQL test server");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.expect("create database");
            pool.close().await;
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            Db::connect(&format!("{base}/{name}")).await.expect("postgres database")
        }
    }
}

/// Creates a login role for the public side of `db` and returns its URL.
pub async fn public_role_url(db: &Db) -> String {
    let role = unique_name("portal_public");
    sqlx::query(&format!("CREATE ROLE {role} LOGIN")).execute(&db.pool).await.expect("create role");
    db.grant_public_read(&role).await.expect("grant public read");
    let rest = db.url.split_once('@').map(|(_, r)| r).expect("a postgres URL with a user");
    format!("postgres://{role}@{rest}")
}

/// One runtime, for the whole test process, that every spawned portal runs on.
///
/// Each `#[tokio::test]` has its own runtime, which is dropped when the test ends;
/// serving every portal from one long-lived runtime keeps Leptos's process-wide
/// executor on a runtime that outlives all tests (with a server per test runtime,
/// concurrent tests occasionally stalled a render).
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

/// The portal over a fresh database with nothing published.
pub async fn spawn_empty(store: Store) -> TestApp {
    let db = fresh_db(store).await;
    // On PostgreSQL the portal reads through a role that may read the public tables
    // and nothing else, so every test also proves the public side needs no more.
    let url = match store {
        Store::Sqlite => db.url.clone(),
        Store::Postgres => public_role_url(&db).await,
    };
    let site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../public");
    let (tx, rx) = tokio::sync::oneshot::channel();
    let officials_url = db.url.clone();
    server_runtime().spawn(async move {
        let server_db = Db::connect_public(&url).await.expect("the server's database connection");
        let officials_db = Db::connect(&officials_url).await.expect("the officials' database connection");
        let officials = portal::admin::Officials {
            db: officials_db,
            policy: std::sync::Arc::new(portal::policy::Policy::missouri()),
            secure_cookies: false,
        };
        let app = Application::with_dbs(server_db, Some(officials), "127.0.0.1:0".parse().unwrap(), site_root)
            .await
            .expect("build the application");
        let _ = tx.send(app.addr());
        let _ = app.run().await;
    });
    let addr = rx.await.expect("the portal started");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp { base: format!("http://{addr}"), db, client }
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
        let status = res.status().as_u16();
        let content_type = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = res.text().await.unwrap_or_default();
        Page { status, content_type, body }
    }

    /// GETs a page and checks its status, returning the body.
    pub async fn expect(&self, path: &str, status: u16) -> String {
        let page = self.get(path).await;
        assert_eq!(page.status, status, "GET {path} returned {}:\n{}", page.status, excerpt(&page.body));
        page.body
    }
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
    let t = text(body);
    t.chars().take(600).collect()
}

/// Declares one async test per database (`mod sqlite`, `mod postgres`) for each
/// `async fn NAME(store: Store)` named.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident;)+) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() { super::$name(::integration_tests::Store::Sqlite).await }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() { super::$name(::integration_tests::Store::Postgres).await }
            )+
        }
    };
}

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
        let form_page = self.client.get(format!("{}/admin", self.base)).send().await.unwrap();
        let token_cookie = set_cookie(&form_page, "portal_sign_in").expect("the sign-in form sets its token");
        let html = form_page.text().await.unwrap();
        let token = hidden(&html, "token").expect("the sign-in form carries its token");
        let res = self
            .client
            .post(format!("{}/admin/sign-in", self.base))
            .header("Cookie", format!("portal_sign_in={token_cookie}"))
            .form(&[("email", email), ("password", password), ("code", code), ("token", &token)])
            .send()
            .await
            .unwrap();
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

async fn page_of(res: reqwest::Response) -> Page {
    let status = res.status().as_u16();
    let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let body = res.text().await.unwrap_or_default();
    Page { status, content_type, body }
}
