//! The HTTP application: routes, shared state, and a server that binds its own
//! listener (port 0 in tests) and serves until shut down.

use crate::charts;
use crate::config::Config;
use crate::db::Db;
use crate::error::AppResult;
use crate::store::PublicStore;
use app::api::Backend;
use app::i18n::Lang;
use app::{shell, App};
use axum::extract::{FromRef, Path, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use app::model::RecordKind;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use tokio::net::TcpListener;
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;

/// Largest request body the public site accepts; its forms are GET-only.
const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: PublicStore,
    /// The officials' side (full database, policy); `None` serves the public site only.
    pub officials: Option<crate::admin::Officials>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
    officials: Option<crate::admin::Officials>,
}

impl Application {
    /// Connects to the configured database (migrating it) and binds the address.
    pub async fn build(config: &Config) -> AppResult<Application> {
        let db = Db::connect(&config.database_url).await?;
        let public_db = match &config.public_database_url {
            Some(url) => Db::connect_public(url).await?,
            None => db.clone(),
        };
        let policy = crate::policy::Policy::from_env().map_err(|m| crate::error::AppError::validation("PORTAL_POLICY", m))?;
        let officials = crate::admin::Officials { db, policy: Arc::new(policy), secure_cookies: config.secure_cookies };
        Application::with_dbs(public_db, Some(officials), config.addr, &config.site_root).await
    }

    /// Binds `addr` (port 0 picks a free port) and prepares the routes; the public
    /// pages read `public_db`.
    pub async fn with_db(public_db: Db, addr: SocketAddr, site_root: &str) -> AppResult<Application> {
        Application::with_dbs(public_db, None, addr, site_root).await
    }

    /// As [`Application::with_db`], with the officials' workspace when `officials` is given.
    pub async fn with_dbs(
        public_db: Db,
        officials: Option<crate::admin::Officials>,
        addr: SocketAddr,
        site_root: &str,
    ) -> AppResult<Application> {
        let listener = TcpListener::bind(addr).await.map_err(|e| {
            crate::error::AppError::validation("PORTAL_ADDR", format!("could not listen on {addr}: {e}"))
        })?;
        let addr = listener.local_addr().map_err(|e| {
            crate::error::AppError::validation("PORTAL_ADDR", format!("could not read the address: {e}"))
        })?;
        let leptos_options = LeptosOptions::builder()
            .output_name("portal")
            .site_root(site_root)
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .env(if cfg!(debug_assertions) { Env::DEV } else { Env::PROD })
            .build();
        let public_url = std::env::var("PORTAL_PUBLIC_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| format!("http://{addr}"));
        let state = AppState { leptos_options, store: PublicStore::new(public_db, &public_url), officials };
        let officials = state.officials.clone();
        Ok(Application { listener, router: router(state), addr, officials })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until Ctrl-C (or until the task is dropped).
    pub async fn run(self) -> std::io::Result<()> {
        // Scheduled publications go out within half a minute of their time.
        if let Some(o) = self.officials.clone() {
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
                loop {
                    tick.tick().await;
                    match crate::workflow::publish_due(&o.db, &o.policy).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(published = n, "scheduled publications published"),
                        Err(e) => tracing::error!(error = %e, "scheduled publications failed"),
                    }
                }
            });
        }
        // Small responses would otherwise wait on delayed ACKs.
        let listener = self.listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        axum::serve(listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    }
}

/// The app's routes, listed once per process: listing them renders the app in a
/// special mode, which must not overlap with other renders (tests run several
/// portals in one process).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

fn router(state: AppState) -> Router {
    let routes = route_list();
    let backend: Backend = Arc::new(state.store.clone());
    let context = move || provide_context(backend.clone());
    // Open data: CORS lets any site's scripts read it (it is public), GET only.
    let cors = CorsLayer::new().allow_origin(Any).allow_methods([Method::GET, Method::HEAD]);
    let mut open_data = Router::new().route("/data/{file}", get(download));
    for kind in RecordKind::ALL.iter().copied() {
        let prefix = kind.path_prefix();
        open_data = open_data
            .route(
                &format!("{prefix}/{{slug}}/data.json"),
                get(move |State(s): State<AppState>, Path(slug)| record_json(s, kind, slug, None)),
            )
            .route(
                &format!("{prefix}/{{slug}}/v/{{version}}/data.json"),
                get(move |State(s): State<AppState>, Path((slug, v))| record_json(s, kind, slug, Some(v))),
            );
    }
    let open_data = open_data.merge(crate::api_v1::router()).layer(cors);
    Router::new()
        .merge(open_data)
        .merge(crate::admin::router().layer(axum::middleware::from_fn_with_state(state.clone(), crate::admin::enrolment_first)))
        .route("/feed.atom", get(feed))
        .route("/jurisdictions/{slug}/feed.atom", get(jurisdiction_feed))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
        .route("/charts/{name}", get(chart_en))
        .route("/es/charts/{name}", get(chart_es))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(plain_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), conditional_get))
        .layer(axum::middleware::from_fn(without_trailing_slash))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(state)
}

/// The Content-Security-Policy of a page: scripts only with the page's nonce (Leptos
/// puts it on its hydration scripts) and what they load, WebAssembly allowed;
/// nothing from other sites; no framing, plugins or base-URL changes.
fn page_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(n) => format!("'nonce-{n}' 'strict-dynamic' 'wasm-unsafe-eval'"),
        None => "'none'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// The page's script nonce, if it has one.
fn find_nonce(bytes: &[u8]) -> Option<String> {
    const MARK: &[u8] = b"nonce=\"";
    let start = bytes.windows(MARK.len()).position(|w| w == MARK)? + MARK.len();
    let len = bytes[start..].iter().position(|&b| b == b'"')?;
    let nonce = std::str::from_utf8(&bytes[start..start + len]).ok()?;
    nonce.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_').then(|| nonce.to_string())
}

/// Security headers on every response: a Content-Security-Policy (with the page's
/// nonce for HTML), HSTS, nosniff and a strict referrer policy. A 304 carries no
/// policy, so the reader's cached page keeps the one that matches its nonce.
async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let res = next.run(req).await;
    let (mut parts, body) = res.into_parts();
    let h = &mut parts.headers;
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    // A 304 carries no policy; a page read by the conditional-GET layer has its own.
    if parts.status == StatusCode::NOT_MODIFIED || h.contains_key(header::CONTENT_SECURITY_POLICY) {
        return Response::from_parts(parts, body);
    }
    let is_html = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        );
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "The response could not be prepared.").into_response();
    };
    if let Ok(v) = HeaderValue::from_str(&page_policy(find_nonce(&bytes).as_deref())) {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Marks a streamed response: the conditional-GET layer does not buffer it, and
/// takes its validator from the data's last change instead of its bytes.
#[derive(Clone, Copy)]
pub struct Streamed;

/// When this process started: pages can change with a new release even when the
/// data has not, so no page is older than the process that renders it.
fn started_at() -> i64 {
    static STARTED: OnceLock<i64> = OnceLock::new();
    *STARTED.get_or_init(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
    })
}

/// `ETag` and `Last-Modified` on every successful public GET, `304 Not Modified`
/// when the reader already has that version, and a `Cache-Control` that lets
/// shared caches keep current pages briefly (routes that know better, such as
/// immutable version data, set their own).
async fn conditional_get(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_get = req.method() == Method::GET || req.method() == Method::HEAD;
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let if_modified_since = req
        .headers()
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    let uri = req.uri().to_string();
    let officials_page = req.uri().path() == "/admin" || req.uri().path().starts_with("/admin/");
    let res = next.run(req).await;
    if !is_get || res.status() != StatusCode::OK || officials_page {
        return res;
    }
    let changed = match state.store.last_change().await {
        Ok(at) => at.as_deref().and_then(crate::clock::parse_rfc3339).unwrap_or(0),
        Err(e) => {
            tracing::error!(error = ?e, "last change unknown");
            i64::MAX
        }
    };
    let last_modified = changed.max(started_at());
    let (mut parts, body) = res.into_parts();
    let streamed = parts.extensions.get::<Streamed>().is_some();
    let (etag, body) = if streamed {
        let digest = crate::store::sha256_hex(format!("{uri}|{last_modified}").as_bytes());
        (format!("W/\"{}\"", &digest[..32]), body)
    } else {
        // Pages, charts and single records: small enough to hash.
        let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024 * 1024).await else {
            return (StatusCode::INTERNAL_SERVER_ERROR, "The response could not be prepared.").into_response();
        };
        let digest = crate::store::sha256_hex(&without_nonce(&bytes));
        // A page's policy names its nonce: set it here, where the body is already read.
        let is_html = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
        if is_html && !parts.headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            if let Ok(v) = HeaderValue::from_str(&page_policy(find_nonce(&bytes).as_deref())) {
                parts.headers.insert(header::CONTENT_SECURITY_POLICY, v);
            }
        }
        (format!("\"{}\"", &digest[..32]), axum::body::Body::from(bytes))
    };
    if let Ok(value) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, value);
    }
    if last_modified != i64::MAX && !parts.headers.contains_key(header::LAST_MODIFIED) {
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(last_modified.max(0) as u64);
        if let Ok(value) = HeaderValue::from_str(&httpdate::fmt_http_date(when)) {
            parts.headers.insert(header::LAST_MODIFIED, value);
        }
    }
    parts
        .headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("public, max-age=60"));
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    // If-None-Match decides when present; If-Modified-Since only without it.
    let not_modified = match (&if_none_match, if_modified_since) {
        (Some(v), _) => v.to_str().is_ok_and(|v| v == "*" || v.split(',').any(|t| bare(t) == bare(&etag))),
        (None, Some(since)) => {
            let since = since.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
            last_modified != i64::MAX && last_modified <= since
        }
        (None, None) => false,
    };
    if not_modified {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_SECURITY_POLICY);
        return Response::from_parts(parts, axum::body::Body::empty());
    }
    Response::from_parts(parts, body)
}

/// The bytes of a response with its per-request script nonce blanked, so that the
/// same page has the same ETag on every request.
fn without_nonce(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let Some(nonce) = find_nonce(bytes).filter(|n| !n.is_empty()) else {
        return std::borrow::Cow::Borrowed(bytes);
    };
    let nonce = nonce.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(nonce) {
            i += nonce.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `/audits/` and `/es/` are the same pages as `/audits` and `/es`: redirect
/// permanently to the one address, so links and citations agree.
async fn without_trailing_slash(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path();
    if path.len() > 1 && path.ends_with('/') {
        let mut target = path.trim_end_matches('/').to_string();
        if target.is_empty() {
            target.push('/');
        }
        if let Some(q) = req.uri().query() {
            target = format!("{target}?{q}");
        }
        return axum::response::Redirect::permanent(&target).into_response();
    }
    next.run(req).await
}

/// Plain messages for the caller's mistakes: an oversized body is a 413 that says
/// the limit, and a malformed server-function call (answered by Leptos with 500 and
/// a coded body, `Args|…`) is a 400.
async fn plain_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let is_server_fn = req.uri().path().starts_with("/fn/");
    let res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The request is too large: the limit is {} KB.", MAX_BODY_BYTES / 1024),
        )
            .into_response();
    }
    if !is_server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    for prefix in ["Args|", "Deserialization|", "MissingArg|"] {
        if let Some(detail) = text.strip_prefix(prefix) {
            return (
                StatusCode::BAD_REQUEST,
                format!("The request's parameters are not valid: {detail}"),
            )
                .into_response();
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The canonical JSON of a published version: immutable at its version address,
/// briefly cacheable at the record's current address.
fn version_json(result: AppResult<Option<Vec<u8>>>, immutable: bool) -> Response {
    match result {
        Ok(Some(bytes)) => {
            let cache = if immutable { "public, max-age=31536000, immutable" } else { "public, max-age=60" };
            ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, cache)], bytes).into_response()
        }
        Ok(None) => (StatusCode::NOT_FOUND, "There is no published record or version at this address.").into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "record JSON failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The data could not be loaded. Please try again.").into_response()
        }
    }
}

fn parse_version(v: &str) -> Option<i64> {
    v.parse::<i64>().ok().filter(|n| *n >= 1)
}

/// `…/data.json` (the current version) or `…/v/{n}/data.json` (version n) of any
/// record kind. A retracted record's current address answers 410 Gone.
async fn record_json(state: AppState, kind: RecordKind, slug: String, version: Option<String>) -> Response {
    let immutable = version.is_some();
    let version = match version.as_deref().map(parse_version) {
        None => None,
        Some(Some(n)) => Some(n),
        Some(None) => return version_json(Ok(None), immutable),
    };
    if !app::model::is_slug(&slug) {
        return version_json(Ok(None), immutable);
    }
    if version.is_none() {
        match state.store.retraction(kind, &slug).await {
            Ok(Some(r)) => {
                return (
                    StatusCode::GONE,
                    format!(
                        "This record was retracted: {} Its versions stay readable at {}/{slug}/v/{{n}}/data.json.",
                        r.reason,
                        kind.path_prefix()
                    ),
                )
                    .into_response()
            }
            Ok(None) => {}
            Err(e) => return version_json(Err(e), immutable),
        }
    }
    version_json(state.store.record_json(kind, &slug, version).await, immutable)
}

/// `/data/{collection}.csv`, `/data/{collection}.json` (whole or filtered, streamed)
/// and `/data/datapackage.json`.
async fn download(State(state): State<AppState>, Path(file): Path<String>, uri: axum::http::Uri) -> Response {
    use crate::collections::{Filter, CollectionEntry};
    use crate::exports::{stream, Format};
    use app::data::*;
    if file == "datapackage.json" {
        let office = state.store.site_info().await.map(|i| i.office).unwrap_or_default();
        let body = crate::exports::datapackage(state.store.public_url(), &office);
        return ([(header::CONTENT_TYPE, "application/json")], serde_json::to_vec_pretty(&body).unwrap_or_default())
            .into_response();
    }
    let (name, format) = match (file.strip_suffix(".csv"), file.strip_suffix(".json")) {
        (Some(n), _) => (n, Format::Csv),
        (_, Some(n)) => (n, Format::Json),
        _ => return (StatusCode::NOT_FOUND, "There is no download with that name; see /data.").into_response(),
    };
    let Some(collection) = Collection::from_name(name) else {
        return (StatusCode::NOT_FOUND, "There is no download with that name; see /data.").into_response();
    };
    let query = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&uri).map(|q| q.0).unwrap_or_default();
    let filter = match Filter::parse(collection, &query, &[]) {
        Ok(f) => f,
        Err(message) => return (StatusCode::BAD_REQUEST, format!("The download's filters are not valid: {message}.")).into_response(),
    };
    fn body<E: CollectionEntry>(store: PublicStore, filter: Filter, format: Format) -> axum::body::Body {
        axum::body::Body::from_stream(stream::<E>(store, filter, format))
    }
    let store = state.store.clone();
    let body = match collection {
        Collection::Audits => body::<PublicAuditEntry>(store, filter, format),
        Collection::AuditContests => body::<PublicContestEntry>(store, filter, format),
        Collection::Grants => body::<PublicGrantEntry>(store, filter, format),
        Collection::Expenditures => body::<PublicExpenditureEntry>(store, filter, format),
        Collection::Updates => body::<PublicUpdateEntry>(store, filter, format),
    };
    let content_type = match format {
        Format::Csv => "text/csv; charset=utf-8; header=present",
        Format::Json => "application/json",
    };
    let disposition = format!("inline; filename=\"{file}\"");
    let mut res = ([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response();
    res.extensions_mut().insert(Streamed);
    res
}

fn xml_response(result: AppResult<Option<String>>, content_type: &'static str) -> Response {
    match result {
        Ok(Some(body)) => ([(header::CONTENT_TYPE, content_type)], body).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "There is no jurisdiction at this address.").into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "feed failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The feed could not be built. Please try again.").into_response()
        }
    }
}

async fn feed(State(state): State<AppState>) -> Response {
    xml_response(crate::feeds::atom(&state.store, None).await, "application/atom+xml; charset=utf-8")
}

async fn jurisdiction_feed(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    if !app::model::is_slug(&slug) {
        return xml_response(Ok(None), "text/plain");
    }
    xml_response(crate::feeds::atom(&state.store, Some(&slug)).await, "application/atom+xml; charset=utf-8")
}

async fn sitemap(State(state): State<AppState>) -> Response {
    xml_response(crate::feeds::sitemap(&state.store).await.map(Some), "application/xml; charset=utf-8")
}

async fn robots(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], crate::feeds::robots(&state.store)).into_response()
}

async fn chart_en(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    chart(state, Lang::En, &name).await
}

async fn chart_es(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    chart(state, Lang::Es, &name).await
}

/// `/charts/spending-by-category.svg` and `/charts/spending-by-recipient.svg`.
async fn chart(state: AppState, lang: Lang, name: &str) -> Response {
    let t = lang.t();
    let totals = match state.store.spending_totals().await {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = ?e, "chart data failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "The chart could not be drawn. Please try again.")
                .into_response();
        }
    };
    let (title, totals) = match name {
        "spending-by-category.svg" => (t.chart_category_title, &totals.0),
        "spending-by-recipient.svg" => (t.chart_recipient_title, &totals.1),
        _ => return (StatusCode::NOT_FOUND, "There is no chart with that name.").into_response(),
    };
    let bars = lang.spending_bars(totals);
    let description = app::format::chart_description(&bars);
    let as_of = match state.store.spending_as_of().await {
        Ok(Some(at)) => app::format::date(lang, &at),
        _ => t.none_dash.to_string(),
    };
    let note = app::i18n::fill(t.chart_note, &[t.site_name, &as_of]);
    let svg = charts::bar_chart(title, &description, &note, &bars);
    ([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")], svg).into_response()
}
