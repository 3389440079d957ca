//! The process's Prometheus metrics, hand-rolled (a few atomics and one text
//! format; no metrics crate is in the tree, and this is all the portal needs):
//! requests and their latency by route template (never the raw path, so the
//! number of series stays bounded), requests in flight, the render cache's hits
//! and misses, and, read at each scrape, the database pools' use and the number
//! of publications in the transparency log.
//!
//! One process serves one portal, so the counters are process-wide. They are
//! served only on their own listener (`PORTAL_METRICS_ADDR`), never on the
//! public address.

use axum::extract::MatchedPath;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, RwLock};
use std::time::Instant;

/// Latency buckets, in seconds.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// The label of requests that matched no route (404s, probes for other sites).
const UNMATCHED: &str = "unmatched";

/// One route's series.
#[derive(Default)]
struct RouteSeries {
    /// Responses by (method, status).
    responses: Mutex<BTreeMap<(&'static str, u16), u64>>,
    /// Cumulative counts per bucket, then the total count and the sum in microseconds.
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

#[derive(Default)]
struct Registry {
    routes: RwLock<HashMap<String, std::sync::Arc<RouteSeries>>>,
    in_flight: AtomicI64,
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(Registry::default)
}

/// A response served from the render cache.
pub fn cache_hit() {
    registry().cache_hits.fetch_add(1, Ordering::Relaxed);
}

/// A response the render cache did not hold (rendered, then kept).
pub fn cache_miss() {
    registry().cache_misses.fetch_add(1, Ordering::Relaxed);
}

/// A bounded method label: the ones the portal answers, and "other".
fn method_label(m: &axum::http::Method) -> &'static str {
    match m.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "OPTIONS" => "OPTIONS",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "PATCH" => "PATCH",
        _ => "other",
    }
}

/// Records one answered request.
fn observe(route: &str, method: &'static str, status: u16, seconds: f64) {
    let reg = registry();
    let series = reg.routes.read().ok().and_then(|r| r.get(route).cloned());
    let series = match series {
        Some(s) => s,
        None => match reg.routes.write() {
            Ok(mut w) => w.entry(route.to_string()).or_default().clone(),
            Err(_) => return,
        },
    };
    if let Ok(mut r) = series.responses.lock() {
        *r.entry((method, status)).or_insert(0) += 1;
    }
    for (i, bound) in BUCKETS.iter().enumerate() {
        if seconds <= *bound {
            series.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
    }
    series.count.fetch_add(1, Ordering::Relaxed);
    series.sum_micros.fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
}

/// Counts a request answered before routing (the response cache's front door),
/// under the route template its entry was rendered for.
pub fn record(route: Option<&str>, method: &axum::http::Method, status: u16, started: Instant) {
    observe(route.unwrap_or(UNMATCHED), method_label(method), status, started.elapsed().as_secs_f64());
}

/// Counts a request by its route template and times it until its response
/// headers are ready. Added with `Router::layer`, so the route is matched.
pub async fn track(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string());
    let method = method_label(req.method());
    let started = Instant::now();
    let reg = registry();
    reg.in_flight.fetch_add(1, Ordering::Relaxed);
    let res = next.run(req).await;
    reg.in_flight.fetch_sub(1, Ordering::Relaxed);
    observe(route.as_deref().unwrap_or(UNMATCHED), method, res.status().as_u16(), started.elapsed().as_secs_f64());
    res
}

/// Figures read from the database at each scrape.
#[derive(Default)]
pub struct Gauges {
    /// (pool name, connections open, of them idle, the most it opens).
    pub pools: Vec<(&'static str, crate::db::service::PoolUse)>,
    /// Entries in the transparency log (publications, corrections, retractions,
    /// commitments), if the database answered.
    pub log_entries: Option<i64>,
}

/// Escapes a label value for the text format.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The metrics in Prometheus's text exposition format (version 0.0.4).
pub fn render(gauges: &Gauges) -> String {
    let reg = registry();
    let mut out = String::new();
    let routes: Vec<(String, std::sync::Arc<RouteSeries>)> = match reg.routes.read() {
        Ok(r) => {
            let mut v: Vec<_> = r.iter().map(|(k, s)| (k.clone(), s.clone())).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        }
        Err(_) => Vec::new(),
    };
    out.push_str("# HELP portal_http_requests_total Requests answered, by route template, method and status.\n");
    out.push_str("# TYPE portal_http_requests_total counter\n");
    for (route, s) in &routes {
        if let Ok(r) = s.responses.lock() {
            for ((method, status), n) in r.iter() {
                let _ = writeln!(
                    out,
                    "portal_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                    label(route)
                );
            }
        }
    }
    out.push_str("# HELP portal_http_request_duration_seconds Time to a response's headers, by route template.\n");
    out.push_str("# TYPE portal_http_request_duration_seconds histogram\n");
    for (route, s) in &routes {
        let route = label(route);
        for (i, bound) in BUCKETS.iter().enumerate() {
            let n = s.buckets[i].load(Ordering::Relaxed);
            let _ =
                writeln!(out, "portal_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}");
        }
        let count = s.count.load(Ordering::Relaxed);
        let sum = s.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "portal_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}");
        let _ = writeln!(out, "portal_http_request_duration_seconds_sum{{route=\"{route}\"}} {sum}");
        let _ = writeln!(out, "portal_http_request_duration_seconds_count{{route=\"{route}\"}} {count}");
    }
    let simple = |out: &mut String, name: &str, kind: &str, help: &str, value: String| {
        let _ = write!(out, "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n");
    };
    simple(
        &mut out,
        "portal_http_requests_in_flight",
        "gauge",
        "Requests being answered now.",
        reg.in_flight.load(Ordering::Relaxed).to_string(),
    );
    simple(
        &mut out,
        "portal_cache_hits_total",
        "counter",
        "Public responses served from the render cache.",
        reg.cache_hits.load(Ordering::Relaxed).to_string(),
    );
    simple(
        &mut out,
        "portal_cache_misses_total",
        "counter",
        "Public responses the render cache did not hold.",
        reg.cache_misses.load(Ordering::Relaxed).to_string(),
    );
    out.push_str("# HELP portal_db_pool_connections Database connections by pool and state.\n");
    out.push_str("# TYPE portal_db_pool_connections gauge\n");
    for (pool, u) in &gauges.pools {
        let busy = u.size.saturating_sub(u.idle);
        let _ = writeln!(out, "portal_db_pool_connections{{pool=\"{pool}\",state=\"idle\"}} {}", u.idle);
        let _ = writeln!(out, "portal_db_pool_connections{{pool=\"{pool}\",state=\"busy\"}} {busy}");
    }
    out.push_str("# HELP portal_db_pool_max_connections The most connections a pool opens.\n");
    out.push_str("# TYPE portal_db_pool_max_connections gauge\n");
    for (pool, u) in &gauges.pools {
        let _ = writeln!(out, "portal_db_pool_max_connections{{pool=\"{pool}\"}} {}", u.max);
    }
    if let Some(n) = gauges.log_entries {
        simple(
            &mut out,
            "portal_publications",
            "gauge",
            "Entries in the transparency log: every publication, correction, retraction and commitment.",
            n.to_string(),
        );
    }
    out
}

/// The scrape response.
pub fn response(gauges: &Gauges) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        render(gauges),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_counted_with_cumulative_buckets() {
        observe("/metrics-test/{slug}", "GET", 200, 0.003);
        observe("/metrics-test/{slug}", "GET", 200, 0.2);
        observe("/metrics-test/{slug}", "GET", 404, 0.0005);
        cache_hit();
        let text = render(&Gauges::default());
        assert!(
            text.contains("portal_http_requests_total{route=\"/metrics-test/{slug}\",method=\"GET\",status=\"200\"} 2"),
            "{text}"
        );
        assert!(text.contains("route=\"/metrics-test/{slug}\",le=\"0.001\"} 1"), "{text}");
        assert!(text.contains("route=\"/metrics-test/{slug}\",le=\"0.005\"} 2"), "{text}");
        assert!(text.contains("route=\"/metrics-test/{slug}\",le=\"+Inf\"} 3"), "{text}");
        assert!(text.contains("\nportal_cache_hits_total "), "{text}");
        assert_eq!(label("a\"b\\c"), "a\\\"b\\\\c");
    }
}
