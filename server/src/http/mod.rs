//! Composition: the public and officials' routers, each with its own state, under
//! the cross-cutting layers (security headers, tracing, body limits), served on a
//! listener the application binds itself (port 0 in tests).

pub mod cache;
pub mod compress;
pub mod config;
pub mod layers;
pub mod service;

use crate::db::{OfficialsDb, PublicDb};
use crate::error::{AppError, AppResult};
use crate::gate::policy::Policy;
use crate::officials::{self, OfficialsState};
use crate::public::{self, PublicState};
use crate::transparency::keys::LogKeys;
use crate::transparency::routes::{CosignatureStore, LogState};
use axum::serve::ListenerExt;
use axum::Router;
use config::{Config, SiteSecurity};
use leptos::config::{Env, LeptosOptions};
use service::{DrainingListener, ServiceState, Stopping};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

/// Largest request body accepted; the officials' pasted imports are the largest.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub struct Application {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
    officials: OfficialsState,
    service: ServiceState,
    metrics: Option<TcpListener>,
}

impl Application {
    /// Connects to the configured database (migrating it) and binds the address.
    pub async fn build(config: &Config) -> AppResult<Application> {
        let officials_db = OfficialsDb::connect(&config.database_url).await?;
        let public_db = PublicDb::connect(&officials_db, config.public_database_url.as_deref()).await?;
        let policy = Policy::from_env().map_err(|m| AppError::validation("PORTAL_POLICY", m))?;
        let app =
            Application::new(officials_db, public_db, policy, config.security.clone(), config.addr, &config.site_root)
                .await?;
        match config.metrics_addr {
            Some(addr) => app.with_metrics(addr).await,
            None => Ok(app),
        }
    }

    /// Also serves the metrics at `addr` (`/metrics`), on a listener of their own.
    pub async fn with_metrics(mut self, addr: SocketAddr) -> AppResult<Application> {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| AppError::validation("PORTAL_METRICS_ADDR", format!("could not listen on {addr}: {e}")))?;
        self.metrics = Some(listener);
        Ok(self)
    }

    /// Where the metrics are served, if they are.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|l| l.local_addr().ok())
    }

    /// Binds `addr` (port 0 picks a free port) and composes the two sides.
    pub async fn new(
        officials_db: OfficialsDb,
        public_db: PublicDb,
        policy: Policy,
        security: SiteSecurity,
        addr: SocketAddr,
        site_root: &str,
    ) -> AppResult<Application> {
        // Versions published before changes were stored get theirs now.
        let backfilled = crate::gate::publish::backfill_changes(&mut *officials_db.conn().await?).await?;
        if backfilled > 0 {
            tracing::info!(versions = backfilled, "stored what changed in versions published before changes were kept");
        }
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| AppError::validation("PORTAL_ADDR", format!("could not listen on {addr}: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| AppError::validation("PORTAL_ADDR", format!("could not read the address: {e}")))?;
        let public_url = std::env::var("PORTAL_PUBLIC_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| format!("http://{addr}"));
        let logged = crate::transparency::backfill(&officials_db).await?;
        if logged > 0 {
            tracing::info!(entries = logged, "logged the versions published before the transparency log");
        }
        let service =
            ServiceState { officials: officials_db.clone(), public: public_db.clone(), stopping: Stopping::default() };
        let (public, mut log) = public_states(&officials_db, public_db, &security, &public_url, site_root, addr)?;
        log.cosignatures = Some(CosignatureStore::new(officials_db.clone()));
        let officials = OfficialsState {
            db: officials_db,
            policy: Arc::new(policy),
            secure_cookies: security.secure_cookies,
            trusted_proxies: security.trusted_proxies.clone().into(),
        };
        let router = compose(public, officials.clone(), log, service.clone(), &security);
        Ok(Application { listener, router, addr, officials, service, metrics: None })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until Ctrl-C or SIGTERM (or until the task is dropped): then
    /// stops listening once the connections already queued are taken, finishes
    /// the requests in flight (for at most [`service::SHUTDOWN_GRACE`]), lets the
    /// scheduled publications finish their round, and returns.
    pub async fn run(self) -> std::io::Result<()> {
        let stopping = self.service.stopping.clone();
        let signal = {
            let stopping = stopping.clone();
            tokio::spawn(async move {
                service::signal().await;
                tracing::info!("shutting down: finishing requests in flight");
                stopping.stop();
            })
        };
        // Scheduled publications go out within half a minute of their time; a
        // round under way when the signal comes finishes (each publication is
        // one transaction either way).
        let o = self.officials.clone();
        let background = {
            let stopping = stopping.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
                loop {
                    tokio::select! {
                        _ = tick.tick() => {}
                        _ = stopping.wait() => break,
                    }
                    match officials::workflow::publish_due(&o.db, &o.policy).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(published = n, "scheduled publications published"),
                        Err(e) => e.log("scheduled publications failed"),
                    }
                    if let Err(e) = officials::throttle::prune(&o.db).await {
                        e.log("pruning sign-in attempts failed");
                    }
                }
            })
        };
        let metrics = self.metrics.map(|listener| {
            let router = service::metrics_router(self.service.clone());
            let stopping = stopping.clone();
            tokio::spawn(async move {
                axum::serve(listener, router).with_graceful_shutdown(async move { stopping.wait().await }).await
            })
        });
        // Small responses would otherwise wait on delayed ACKs.
        let (listener, drained) = DrainingListener::new(self.listener, stopping.clone());
        let listener = listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "TCP_NODELAY not set");
            }
        });
        let serve = axum::serve(listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async move { drained.wait().await });
        let grace = async {
            stopping.wait().await;
            tokio::time::sleep(service::SHUTDOWN_GRACE).await;
        };
        let served = tokio::select! {
            served = serve => served,
            _ = grace => {
                tracing::warn!(
                    seconds = service::SHUTDOWN_GRACE.as_secs(),
                    "requests still in flight after the grace period were cut off"
                );
                Ok(())
            }
        };
        signal.abort();
        if let Some(m) = metrics {
            if let Ok(Err(e)) = m.await {
                tracing::warn!(error = %e, "the metrics listener failed");
            }
        }
        let _ = background.await;
        tracing::info!("stopped");
        served
    }
}

/// The public side's state and the log's, as `serve` builds them and `export`
/// renders them: the public address (`public_url`) is what every absolute link,
/// the feeds and the log's origin name. The log's state takes no cosignatures
/// (the one write a stranger can cause); `serve` adds the store.
pub fn public_states(
    officials_db: &OfficialsDb,
    public_db: PublicDb,
    security: &SiteSecurity,
    public_url: &str,
    site_root: &str,
    addr: SocketAddr,
) -> AppResult<(PublicState, LogState)> {
    let leptos_options = LeptosOptions::builder()
        .output_name("portal")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(if cfg!(debug_assertions) { Env::DEV } else { Env::PROD })
        .build();
    let keys = {
        let origin = crate::transparency::keys::origin_of(public_url);
        let path = security
            .log_key_file
            .clone()
            .unwrap_or_else(|| crate::transparency::keys::default_key_file(officials_db.url()));
        let signer = crate::transparency::keys::load_or_create(&path, &origin)?;
        LogKeys { origin, signer: Arc::new(signer), witnesses: security.witnesses.clone() }
    };
    let log = LogState { db: public_db.clone(), keys: keys.clone(), cosignatures: None };
    Ok((PublicState::new(leptos_options, public_db, public_url, keys), log))
}

/// The public site alone: the public pages and the log, under the response
/// cache and the hashed assets, with nothing of the officials' side. `compose`
/// serves it; `export` renders every public address through it, so the exported
/// bytes are the live server's.
pub fn public_site(public: PublicState, log: LogState) -> Router {
    let cache =
        cache::PublicCache::new(public.reader.version.clone(), cache::build_identity(&public.assets.fingerprint));
    public_site_with(public, log, cache)
}

/// [`public_site`] under a cache the caller also holds (`compose` puts its front
/// door outside every layer).
fn public_site_with(public: PublicState, log: LogState, cache: cache::PublicCache) -> Router {
    // Rendered once per data version; hashed assets straight from memory.
    // Every request passes the assets' layer: its state is one shared allocation.
    let assets = std::sync::Arc::new(public.assets.clone());
    let public = public::router(public)
        .layer(axum::middleware::from_fn_with_state(cache.clone(), cache::respond))
        .layer(axum::middleware::from_fn_with_state(assets, public::assets::serve));
    let log =
        crate::transparency::routes::router(log).layer(axum::middleware::from_fn_with_state(cache, cache::respond));
    Router::new().merge(log).merge(public)
}

/// The whole site: the officials' side and the public side, each under its own
/// layers, and the layers every response passes.
pub fn compose(
    public: PublicState,
    officials: OfficialsState,
    log: LogState,
    service: ServiceState,
    security: &SiteSecurity,
) -> Router {
    let public_url = public.reader.public_url.clone();
    let cache =
        cache::PublicCache::new(public.reader.version.clone(), cache::build_identity(&public.assets.fingerprint));
    let site = public_site_with(public, log, cache.clone());
    let contact = security.security_contact.clone();
    let stack = Router::new()
        .route(
            "/.well-known/security.txt",
            axum::routing::get(move || layers::security_txt(contact.clone(), public_url.clone())),
        )
        .merge(service::health_router(service))
        .merge(officials::router(officials))
        .merge(site)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(layers::drain_oversized))
        .layer(axum::middleware::from_fn(layers::plain_errors))
        .layer(axum::middleware::from_fn(layers::without_trailing_slash))
        .layer(axum::middleware::from_fn(layers::security_headers))
        .layer(axum::middleware::from_fn(crate::metrics::track))
        .layer(TraceLayer::new_for_http());
    // A response kept for the current data version is answered before routing
    // and every layer above (it carries the headers they would have added).
    let front = tower::Layer::layer(&axum::middleware::from_fn_with_state(cache, cache::front), stack);
    // Before the front door: a shared link's tracking parameters are not part
    // of its address.
    let front = tower::Layer::layer(&axum::middleware::from_fn(layers::without_tracking_parameters), front);
    Router::new().fallback_service(front)
}
