//! Running the portal as a service: `/healthz` and `/readyz` on the public
//! address, the metrics on their own listener, and a shutdown that finishes what
//! was already asked of it.
//!
//! On SIGTERM or Ctrl-C the portal says it is not ready (`/readyz` answers 503),
//! takes the connections the kernel has already completed (a client whose
//! connection is queued has sent its request: closing the listener would reset
//! it), stops listening, finishes every request in flight, stops the scheduled
//! publications between two rounds, and exits 0.

use crate::db::{OfficialsDb, PublicDb};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// After the signal, the listener keeps taking queued connections until none
/// has arrived for this long…
const DRAIN_QUIET: Duration = Duration::from_millis(100);
/// …or for this long at most (a client that keeps connecting is refused after it).
const DRAIN_MOST: Duration = Duration::from_secs(2);
/// How long `/readyz` waits for the database before it answers 503.
pub const READY_WITHIN: Duration = Duration::from_secs(3);
/// How long requests in flight may take to finish before the process exits anyway.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// What the health routes and the metrics read.
#[derive(Clone)]
pub struct ServiceState {
    pub officials: OfficialsDb,
    pub public: PublicDb,
    pub stopping: Stopping,
}

/// Whether the process has been asked to stop, and a way to wait for it.
#[derive(Clone)]
pub struct Stopping {
    flag: Arc<AtomicBool>,
    tx: Arc<watch::Sender<bool>>,
}

impl Default for Stopping {
    fn default() -> Self {
        Stopping { flag: Arc::new(AtomicBool::new(false)), tx: Arc::new(watch::channel(false).0) }
    }
}

impl Stopping {
    /// Marks the process as stopping and wakes everything waiting for it.
    pub fn stop(&self) {
        self.flag.store(true, Ordering::SeqCst);
        self.tx.send_replace(true);
    }

    pub fn is_stopping(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// Resolves once [`Stopping::stop`] has been called.
    pub async fn wait(&self) {
        let mut rx = self.tx.subscribe();
        let _ = rx.wait_for(|s| *s).await;
    }
}

fn plain(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

/// The process answers.
async fn healthz() -> Response {
    plain(StatusCode::OK, "ok\n".to_string())
}

/// Ready for readers: the database answers on both connections (within
/// [`READY_WITHIN`]) and every migration this binary knows is applied. Reads only.
async fn readyz(State(s): State<ServiceState>) -> Response {
    if s.stopping.is_stopping() {
        return plain(StatusCode::SERVICE_UNAVAILABLE, "not ready: the portal is shutting down\n".into());
    }
    match tokio::time::timeout(READY_WITHIN, readiness(&s)).await {
        Ok(Ok(())) => plain(StatusCode::OK, "ready\n".into()),
        Ok(Err(why)) => plain(StatusCode::SERVICE_UNAVAILABLE, format!("not ready: {why}\n")),
        Err(_) => plain(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: the database did not answer within {} seconds\n", READY_WITHIN.as_secs()),
        ),
    }
}

/// What is missing for the portal to be ready, in a plain sentence.
async fn readiness(s: &ServiceState) -> Result<(), String> {
    if let Err(e) = s.officials.ping().await {
        e.log("readiness: the database does not answer");
        return Err("the database does not answer".into());
    }
    if let Err(e) = s.public.ping().await {
        e.log("readiness: the public connection does not answer");
        return Err("the public database connection does not answer".into());
    }
    match s.officials.missing_migrations().await {
        Ok(missing) if missing.is_empty() => Ok(()),
        Ok(missing) => Err(format!(
            "the database lacks migrations {}; run `portal migrate` (or restart the portal, which migrates)",
            missing.join(", ")
        )),
        Err(e) => {
            e.log("readiness: migrations unknown");
            Err("could not read the applied migrations".into())
        }
    }
}

/// `/healthz` and `/readyz`, for the public address.
pub fn health_router(state: ServiceState) -> Router {
    Router::new().route("/healthz", get(healthz)).route("/readyz", get(readyz)).with_state(state)
}

async fn metrics(State(s): State<ServiceState>) -> Response {
    let log_entries = match s.public.log_entries().await {
        Ok(n) => Some(n),
        Err(e) => {
            e.log("metrics: the log's size is unknown");
            None
        }
    };
    let gauges = crate::metrics::Gauges {
        pools: vec![("officials", s.officials.pool_use()), ("public", s.public.pool_use())],
        log_entries,
    };
    crate::metrics::response(&gauges)
}

/// `/metrics`, for the metrics listener only.
pub fn metrics_router(state: ServiceState) -> Router {
    Router::new().route("/metrics", get(metrics)).with_state(state)
}

/// A listener that, once the process is stopping, still takes the connections
/// already queued (their clients have sent requests) before it stops listening.
pub struct DrainingListener {
    inner: TcpListener,
    stopping: Stopping,
    /// Set when the queue has been drained: the server may stop accepting.
    drained: Stopping,
    /// When draining began.
    drain_started: Option<tokio::time::Instant>,
}

impl DrainingListener {
    /// Wraps `inner`; `drained()` resolves once it has taken the queue after `stopping`.
    pub fn new(inner: TcpListener, stopping: Stopping) -> (DrainingListener, Stopping) {
        let drained = Stopping::default();
        (DrainingListener { inner, stopping, drained: drained.clone(), drain_started: None }, drained)
    }

    async fn accept_queued(&mut self) -> Option<(TcpStream, SocketAddr)> {
        let started = *self.drain_started.get_or_insert_with(tokio::time::Instant::now);
        while started.elapsed() < DRAIN_MOST {
            match tokio::time::timeout(DRAIN_QUIET, self.inner.accept()).await {
                Ok(Ok(conn)) => return Some(conn),
                Ok(Err(e)) => tracing::debug!(error = %e, "accepting a queued connection failed"),
                Err(_) => break,
            }
        }
        None
    }
}

impl axum::serve::Listener for DrainingListener {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (TcpStream, SocketAddr) {
        loop {
            if self.stopping.is_stopping() {
                if let Some(conn) = self.accept_queued().await {
                    return conn;
                }
                tracing::debug!("no more queued connections: stop listening");
                self.drained.stop();
                std::future::pending::<()>().await;
            }
            tokio::select! {
                accepted = self.inner.accept() => match accepted {
                    Ok(conn) => return conn,
                    Err(e) => {
                        // Out of file descriptors and the like: wait, as axum's listener does.
                        tracing::warn!(error = %e, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                },
                _ = self.stopping.wait() => {}
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
