//! Layers every response passes: security headers (a Content-Security-Policy that
//! names the page's script nonce; none for pages without script), one address
//! per page, and plain messages for the caller's mistakes. Conditional GET and
//! the public responses' cache are in `cache.rs`.

use crate::domain::values::Timestamp;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;

/// The Content-Security-Policy of a page: scripts only with the page's nonce (Leptos
/// puts it on its hydration scripts) and what they load, WebAssembly allowed;
/// nothing from other sites; no framing, plugins or base-URL changes.
pub(crate) fn page_policy(nonce: Option<&str>) -> String {
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
pub(crate) fn find_nonce(bytes: &[u8]) -> Option<String> {
    const MARK: &[u8] = b"nonce=\"";
    let start = memchr::memmem::find(bytes, MARK)? + MARK.len();
    let len = bytes[start..].iter().position(|&b| b == b'"')?;
    let nonce = std::str::from_utf8(&bytes[start..start + len]).ok()?;
    nonce.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_').then(|| nonce.to_string())
}

/// Security headers on every response: a Content-Security-Policy (with the page's
/// nonce for HTML), HSTS, nosniff and a strict referrer policy. A 304 carries no
/// policy, so the reader's cached page keeps the one that matches its nonce.
pub async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let res = next.run(req).await;
    let (mut parts, body) = res.into_parts();
    if protect(&mut parts.headers, parts.status) {
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

/// The security headers that need no look at the body: nosniff, the referrer
/// policy, HSTS, and a Content-Security-Policy for what is not HTML. False when
/// the response is a page without a policy yet (its nonce is in the body). The
/// response cache's front door gives its answers exactly these.
pub(crate) fn protect(h: &mut axum::http::HeaderMap, status: StatusCode) -> bool {
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    // A 304 carries no policy; a page read by the conditional-GET layer has its own.
    if status == StatusCode::NOT_MODIFIED || h.contains_key(header::CONTENT_SECURITY_POLICY) {
        return true;
    }
    let is_html = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        );
        return true;
    }
    false
}

/// When this process started: pages can change with a new release even when the
/// data has not, so no page is older than the process that renders it.
pub(crate) fn started_at() -> i64 {
    static STARTED: OnceLock<i64> = OnceLock::new();
    *STARTED.get_or_init(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
    })
}

/// `/.well-known/security.txt` (RFC 9116): where to report a security problem,
/// from `PORTAL_SECURITY_CONTACT`; it expires 180 days after it is served, so it
/// is never stale. Without a contact there is no file.
pub async fn security_txt(contact: Option<String>, public_url: String) -> Response {
    let Some(contact) = contact else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This portal has no security contact configured (PORTAL_SECURITY_CONTACT).\n",
        )
            .into_response();
    };
    let expires = Timestamp::now().plus_seconds(180 * 86_400).to_seconds_string();
    let body = format!(
        "Contact: {contact}\nExpires: {expires}\nPreferred-Languages: en, es\n\
         Canonical: {public_url}/.well-known/security.txt\n"
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], body)
        .into_response()
}

/// `/audits/` and `/es/` are the same pages as `/audits` and `/es`: redirect
/// permanently to the one address, so links and citations agree.
pub async fn without_trailing_slash(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if let Some(target) = canonical_address(req.uri().path(), req.uri().query()) {
        return axum::response::Redirect::permanent(&target).into_response();
    }
    next.run(req).await
}

/// Query parameters that say where a link was shared or clicked (UTM tags and
/// the advertising and social networks' click ids), never what to show.
const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "ttclid", "igshid", "yclid", "mc_cid",
    "mc_eid", "_ga", "_gl",
];

fn is_tracking(pair: &str) -> bool {
    let name = pair.split_once('=').map_or(pair, |(n, _)| n);
    name.starts_with("utm_") || TRACKING_PARAMETERS.contains(&name)
}

/// A link shared on election night comes back as `/audits/x?fbclid=…` with a new
/// click id on every click: each would be a new address for the response cache,
/// so a render each. A GET or HEAD's tracking parameters are dropped before
/// anything else reads the request (the cache's key, the routes), so such a
/// link is the page itself: the same kept bytes and ETag, and never echoed in
/// the page's links. Any other parameter stays as it was.
pub async fn without_tracking_parameters(mut req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let get = matches!(*req.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    if let Some(query) = req.uri().query().filter(|q| get && q.split('&').any(is_tracking)) {
        let kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !is_tracking(p)).collect();
        let path = req.uri().path();
        let address = if kept.is_empty() { path.to_string() } else { format!("{path}?{}", kept.join("&")) };
        let mut parts = req.uri().clone().into_parts();
        if let Ok(pq) = address.parse() {
            parts.path_and_query = Some(pq);
            if let Ok(uri) = axum::http::Uri::from_parts(parts) {
                *req.uri_mut() = uri;
            }
        }
    }
    next.run(req).await
}

/// The one address of a path that ends in a slash, if it is not already that.
/// One leading slash only: `//evil.example/` must not become a redirect to another
/// site (a protocol-relative address), nor `/\evil.example/`.
fn canonical_address(path: &str, query: Option<&str>) -> Option<String> {
    if path.len() <= 1 || !path.ends_with('/') {
        return None;
    }
    let rest = path.trim_start_matches(['/', '\\']).trim_end_matches('/');
    Some(match query {
        Some(q) => format!("/{rest}?{q}"),
        None => format!("/{rest}"),
    })
}

/// A declared body up to this size beyond the limit is read and dropped before
/// the 413 is sent.
const DRAIN_BYTES: usize = 1024 * 1024;

/// How long an oversized body is read before the 413 is sent regardless.
const DRAIN_TIME: std::time::Duration = std::time::Duration::from_secs(2);

/// An oversized upload answered while its sender is still sending, and its
/// connection closed, reaches a browser as "connection reset" instead of the
/// 413's message. A body declared up to 1 MB is therefore read (and dropped,
/// never kept) for up to two seconds first, so the sender reads the answer; a
/// larger one, or one whose sender waits for `100 Continue`, is refused at once.
pub async fn drain_oversized(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use futures::StreamExt;
    let waits_for_continue = req.headers().contains_key(axum::http::header::EXPECT);
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    match declared {
        Some(n) if n > super::MAX_BODY_BYTES && n <= DRAIN_BYTES && !waits_for_continue => {
            let mut stream = req.into_body().into_data_stream();
            let drain = async {
                let mut read = 0usize;
                while let Some(Ok(chunk)) = stream.next().await {
                    read += chunk.len();
                    if read > DRAIN_BYTES {
                        break;
                    }
                }
            };
            let _ = tokio::time::timeout(DRAIN_TIME, drain).await;
            StatusCode::PAYLOAD_TOO_LARGE.into_response()
        }
        _ => next.run(req).await,
    }
}

/// Plain messages for the caller's mistakes: an oversized body is a 413 that says
/// the limit, and a malformed server-function call (answered by Leptos with 500 and
/// a coded body, `Args|…`) is a 400.
pub async fn plain_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let is_server_fn = req.uri().path().starts_with("/fn/");
    let res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The request is too large: the limit is {} KB.", super::MAX_BODY_BYTES / 1024),
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
            return (StatusCode::BAD_REQUEST, format!("The request's parameters are not valid: {detail}"))
                .into_response();
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_found() {
        let page = b"<script nonce=\"abc123\">x</script><script nonce=\"abc123\">y</script>";
        assert_eq!(find_nonce(page).as_deref(), Some("abc123"));
        assert_eq!(find_nonce(b"<p>no script</p>"), None);
        assert_eq!(find_nonce(b"<script nonce=\"a\" onload=\"\">"), Some("a".into()));
        assert_eq!(find_nonce(b"<script nonce=\"a b\">"), None, "a nonce with a space is refused");
    }

    #[test]
    fn a_page_without_a_nonce_runs_no_script() {
        assert!(page_policy(None).contains("script-src 'none'"));
        let p = page_policy(Some("n0"));
        assert!(p.contains("'nonce-n0'") && !p.contains("unsafe-inline"), "{p}");
    }

    #[test]
    fn trailing_slashes_redirect_to_the_same_site_only() {
        assert_eq!(canonical_address("/audits/", Some("page=1")).as_deref(), Some("/audits?page=1"));
        assert_eq!(canonical_address("/es/", None).as_deref(), Some("/es"));
        assert_eq!(canonical_address("//evil.example/", None).as_deref(), Some("/evil.example"));
        assert_eq!(canonical_address("/\\evil.example/", None).as_deref(), Some("/evil.example"));
        assert_eq!(canonical_address("/", None), None);
        assert_eq!(canonical_address("/audits", None), None);
    }
}
