//! Render once per publication: public GET responses are kept as bytes (and their
//! brotli and gzip codings) keyed by path, query and the data version, in memory
//! bounded by [`CACHE_BYTES`]. The ETag is the version and the key's hash, so a
//! matching `If-None-Match` is answered `304` without rendering anything.
//!
//! The version is the one `data_version` row that the gate increments inside every
//! publication's transaction (`db::data_version`). Each process reads it at most
//! about once a second ([`data_version::REFRESH`]), so several processes on one PostgreSQL see a
//! publication within a second; the process that wrote reads it on every request
//! for a moment after its own writes, so its readers see them at once.
//!
//! A response is compressed once, when it is kept: at the best levels for the
//! site's own addresses, quickly for an address with a query string (which a
//! reader can vary at will; see [`compress::Effort`]).
//!
//! Not kept: anything but a 200 to a GET, a response that sets a cookie, a page
//! with a script nonce (the audit planner, whose hydration script needs a fresh
//! one), a body over [`MAX_ENTRY_BYTES`] (a large download streams as before).

use super::compress::{self, Encoding};
use crate::db::data_version;
use crate::domain::digest::sha256_hex;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, OnceLock, RwLock};

/// The most the cache keeps, counting every coding of every response.
pub const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// The largest response kept (a CSV download beyond it streams uncached).
pub const MAX_ENTRY_BYTES: usize = 4 * 1024 * 1024;

/// The largest body compressed quickly on the request's own thread.
const INLINE_COMPRESSION_BYTES: usize = 64 * 1024;

/// What a cached response needs besides its bytes.
const DEFAULT_CACHE_CONTROL: &str = "public, max-age=60";

/// The public side's response cache, shared by its requests.
#[derive(Clone)]
pub struct PublicCache {
    inner: Arc<Inner>,
}

struct Inner {
    /// The data version as this process knows it (shared with the public reader).
    version: data_version::Tracker,
    /// Distinguishes builds: a new release renders pages differently from the
    /// same data, so its ETags differ.
    build: String,
    store: RwLock<Store>,
}

/// The entries of one data version, evicted oldest first. Each key's place in
/// `order` carries the sequence number it was kept with; a place whose number
/// is no longer its key's is stale and skipped, so keeping a key again costs
/// nothing proportional to the cache.
#[derive(Default)]
struct Store {
    version: i64,
    entries: HashMap<String, (u64, Arc<Entry>)>,
    order: VecDeque<(u64, String)>,
    next: u64,
    bytes: usize,
}

/// One kept response: its bytes in each coding and, for each coding, the whole
/// header block a reader receives (security headers included), built once when
/// the entry is kept so that answering from it copies and formats nothing.
///
/// A coding is `None` when it is not smaller than the bytes. A small entry kept
/// at the quick effort (an address with a query string) is coded only in the
/// coding its first reader asked for; the other is coded when someone first
/// asks for it, so a miss does the work of one coding, not two.
struct Entry {
    identity: Bytes,
    br: OnceLock<Option<Bytes>>,
    gz: OnceLock<Option<Bytes>>,
    etag: String,
    last_modified: i64,
    /// The route template it was rendered for (the metrics' label).
    route: Option<Arc<str>>,
    /// What it counts for in the cache, fixed when it is kept.
    size: usize,
    /// The `200` headers for identity, gzip and brotli.
    full: [HeaderMap; 3],
    /// The `304` headers for identity, gzip and brotli.
    unchanged: [HeaderMap; 3],
}

/// Where a pair of codings (brotli, gzip) keeps `encoding` (identity is the bytes).
fn coding_slot<'a>(
    (br, gz): (&'a OnceLock<Option<Bytes>>, &'a OnceLock<Option<Bytes>>),
    encoding: Encoding,
) -> Option<&'a OnceLock<Option<Bytes>>> {
    match encoding {
        Encoding::Brotli => Some(br),
        Encoding::Gzip => Some(gz),
        Encoding::Identity => None,
    }
}

fn slot(e: Encoding) -> usize {
    match e {
        Encoding::Identity => 0,
        Encoding::Gzip => 1,
        Encoding::Brotli => 2,
    }
}

impl Entry {
    fn new(
        headers: HeaderMap,
        identity: Bytes,
        (br, gz): (OnceLock<Option<Bytes>>, OnceLock<Option<Bytes>>),
        etag: String,
        last_modified: i64,
        route: Option<Arc<str>>,
    ) -> Entry {
        let full = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli].map(|encoding| {
            let mut h = headers.clone();
            finish_headers(&mut h, &etag, encoding, last_modified);
            if let Some(v) = encoding.header() {
                h.insert(header::CONTENT_ENCODING, v);
            }
            super::layers::protect(&mut h, StatusCode::OK);
            h
        });
        let unchanged = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli].map(|encoding| {
            let mut h = HeaderMap::new();
            for name in [header::CACHE_CONTROL, header::VARY] {
                for v in headers.get_all(&name) {
                    h.append(name.clone(), v.clone());
                }
            }
            finish_headers(&mut h, &etag, encoding, last_modified);
            super::layers::protect(&mut h, StatusCode::NOT_MODIFIED);
            h
        });
        // A coding not made yet counts as large as the bytes (it is kept only if
        // smaller), so the cache's bound holds whatever is coded later.
        let coding = |c: &OnceLock<Option<Bytes>>| c.get().map_or(identity.len(), |c| c.as_ref().map_or(0, Bytes::len));
        let size = identity.len() + coding(&br) + coding(&gz) + 2048;
        Entry { identity, br, gz, etag, last_modified, route, size, full, unchanged }
    }

    fn size(&self) -> usize {
        self.size
    }

    /// The bytes in `encoding`, coded now (quickly) if no one asked before.
    fn coded(&self, encoding: Encoding) -> Option<&Bytes> {
        coding_slot((&self.br, &self.gz), encoding)?
            .get_or_init(|| compress::coded(&self.identity, encoding, compress::Effort::Fast))
            .as_ref()
    }

    /// The coding answered when `wanted` is asked: the best one kept.
    fn coding(&self, wanted: Encoding) -> Encoding {
        match wanted {
            Encoding::Brotli if self.coded(Encoding::Brotli).is_some() => Encoding::Brotli,
            Encoding::Brotli | Encoding::Gzip if self.coded(Encoding::Gzip).is_some() => Encoding::Gzip,
            _ => Encoding::Identity,
        }
    }

    fn response(&self, wanted: Encoding) -> Response {
        let encoding = self.coding(wanted);
        let body = self.coded(encoding).cloned().unwrap_or_else(|| self.identity.clone());
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = self.full[slot(encoding)].clone();
        res
    }

    fn not_modified(&self, wanted: Encoding) -> Response {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        *res.headers_mut() = self.unchanged[slot(self.coding(wanted))].clone();
        res
    }
}

/// ETag, Last-Modified, Cache-Control and Vary of a response in `encoding`.
fn finish_headers(h: &mut HeaderMap, etag: &str, encoding: Encoding, last_modified: i64) {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{etag}{}\"", encoding.etag_suffix())) {
        h.insert(header::ETAG, v);
    }
    if !h.contains_key(header::LAST_MODIFIED) {
        if let Ok(v) = HeaderValue::from_str(&http_date(last_modified)) {
            h.insert(header::LAST_MODIFIED, v);
        }
    }
    h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(DEFAULT_CACHE_CONTROL));
    compress::vary_on_encoding(h);
}

fn not_modified(mut headers: HeaderMap, etag: &str, encoding: Encoding, last_modified: i64) -> Response {
    finish_headers(&mut headers, etag, encoding, last_modified);
    let mut res = StatusCode::NOT_MODIFIED.into_response();
    *res.headers_mut() = headers;
    res
}

fn http_date(unix: i64) -> String {
    httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix.max(0) as u64))
}

impl PublicCache {
    pub fn new(version: data_version::Tracker, build: String) -> PublicCache {
        PublicCache { inner: Arc::new(Inner { version, build, store: RwLock::new(Store::default()) }) }
    }

    /// The data version and when it changed (Unix seconds).
    pub async fn version(&self) -> crate::error::AppResult<(i64, i64)> {
        self.inner.version.current().await
    }

    /// The data version, or `None` when it cannot be read (the stack then
    /// answers and says why).
    async fn known_version(&self) -> Option<i64> {
        self.version().await.ok().map(|(v, _)| v)
    }

    /// The ETag (without quotes or coding suffix) of `key` at `version`.
    fn etag(&self, version: i64, key: &str) -> String {
        let digest = sha256_hex(format!("{}|{version}|{key}", self.inner.build).as_bytes());
        format!("v{version}-{}", &digest[..20])
    }

    fn get(&self, version: i64, key: &str) -> Option<Arc<Entry>> {
        let store = self.inner.store.read().unwrap_or_else(|p| p.into_inner());
        (store.version == version).then(|| store.entries.get(key).map(|(_, e)| e.clone())).flatten()
    }

    fn insert(&self, version: i64, key: String, entry: Arc<Entry>) {
        let size = entry.size();
        if size > CACHE_BYTES / 4 {
            return;
        }
        let mut store = self.inner.store.write().unwrap_or_else(|p| p.into_inner());
        if store.version > version {
            return; // rendered from data already replaced
        }
        if store.version < version {
            *store = Store { version, ..Store::default() };
        }
        if let Some((_, old)) = store.entries.remove(&key) {
            store.bytes -= old.size(); // its place in `order` is now stale
        }
        while store.bytes + size > CACHE_BYTES {
            let Some((seq, oldest)) = store.order.pop_front() else { break };
            if store.entries.get(&oldest).is_some_and(|(s, _)| *s == seq) {
                if let Some((_, old)) = store.entries.remove(&oldest) {
                    store.bytes -= old.size();
                }
            }
        }
        if store.order.len() > 2 * store.entries.len() + 64 {
            // Many keys kept again: drop the stale places (amortised over them).
            let Store { entries, order, .. } = &mut *store;
            order.retain(|(seq, k)| entries.get(k).is_some_and(|(s, _)| s == seq));
        }
        let seq = store.next;
        store.next += 1;
        store.bytes += size;
        store.order.push_back((seq, key.clone()));
        store.entries.insert(key, (seq, entry));
    }

    /// How many bytes the cache holds now (for tests and logs).
    pub fn bytes(&self) -> usize {
        self.inner.store.read().unwrap_or_else(|p| p.into_inner()).bytes
    }
}

/// What distinguishes this build's rendering from another's: the version, the
/// executable's size and time, and the hashed assets' names. Processes running
/// one build on one machine agree, so their ETags do too.
pub fn build_identity(assets_fingerprint: &str) -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    sha256_hex(format!("{}|{exe}|{assets_fingerprint}", env!("CARGO_PKG_VERSION")).as_bytes())
}

/// Does `If-None-Match` name `etag` (in any coding)?
fn matches(if_none_match: &HeaderValue, etag: &str) -> bool {
    let Ok(v) = if_none_match.to_str() else { return false };
    v.split(',').any(|t| {
        let t = t.trim().trim_start_matches("W/").trim_matches('"');
        t == "*" || t.strip_suffix("-br").or_else(|| t.strip_suffix("-gz")).unwrap_or(t) == etag
    })
}

/// The layer: answers from the cache, or renders, keeps and answers.
pub async fn respond(
    State(cache): State<PublicCache>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    // HEAD is rendered as GET (the server sends no body for HEAD), so both
    // answer with the same headers and fill the same entry.
    *req.method_mut() = Method::GET;
    if app::loads_wasm(req.uri().path()) {
        // Its hydration script carries this response's nonce: never shared.
        let mut res = next.run(req).await;
        res.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("private, no-cache"));
        return res;
    }
    let key = match req.uri().query() {
        Some(q) => format!("{}?{q}", req.uri().path()),
        None => req.uri().path().to_string(),
    };
    let encoding = compress::negotiate(req.headers());
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let if_modified_since = modified_since(req.headers());
    let route: Option<Arc<str>> = req.extensions().get::<axum::extract::MatchedPath>().map(|p| Arc::from(p.as_str()));
    let (version, changed) = match cache.version().await {
        Ok(v) => v,
        Err(e) => {
            e.log("data version unknown; answering without the cache");
            return without_data_scripts(next.run(req).await).await;
        }
    };
    let last_modified = changed.max(super::layers::started_at());
    let etag = cache.etag(version, &key);
    let cached = cache.get(version, &key);
    // The ETag names the data version: a match needs no rendering at all.
    if let Some(inm) = &if_none_match {
        // `*` means "any current representation": only a kept one is known to exist.
        let star = inm.to_str().is_ok_and(|v| v.trim() == "*");
        if matches(inm, &etag) && (cached.is_some() || !star) {
            crate::metrics::cache_hit();
            return match &cached {
                Some(entry) => entry.not_modified(encoding),
                None => not_modified(HeaderMap::new(), &etag, Encoding::Identity, last_modified),
            };
        }
    }
    let unmodified_since = |lm: i64| if_none_match.is_none() && if_modified_since.is_some_and(|since| lm <= since);
    if let Some(entry) = cached {
        crate::metrics::cache_hit();
        return answer(&entry, req.headers(), encoding);
    }
    crate::metrics::cache_miss();
    let res = without_data_scripts(next.run(req).await).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let identity = match read_up_to(body, MAX_ENTRY_BYTES).await {
        Ok(bytes) => bytes,
        Err(body) => {
            // Too large to keep: streamed, with a weak validator of its version.
            let h = &mut parts.headers;
            if let Ok(v) = HeaderValue::from_str(&format!("W/\"{etag}\"")) {
                h.insert(header::ETAG, v);
            }
            if let Ok(v) = HeaderValue::from_str(&http_date(last_modified)) {
                h.entry(header::LAST_MODIFIED).or_insert(v);
            }
            h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(DEFAULT_CACHE_CONTROL));
            return Response::from_parts(parts, body);
        }
    };
    if super::layers::find_nonce(&identity).is_some() {
        // A page with a script nonce is this response's alone.
        parts.headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("private, no-cache"));
        return Response::from_parts(parts, Body::from(identity));
    }
    let mut headers = parts.headers;
    headers.remove(header::DATE);
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::CONTENT_ENCODING);
    headers.remove(header::ETAG);
    if is_html(&headers) {
        // No script at all: the page runs none.
        if let Ok(v) = HeaderValue::from_str(&super::layers::page_policy(None)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    // The site's own addresses are coded once per publication at the best
    // levels, on a blocking thread (brotli 11 takes about a second per
    // megabyte). An address with a query string, which any reader can vary,
    // gets the quick levels; a page-sized one is coded here, in the one coding
    // this reader asked for (a tenth of a millisecond: less than handing it to
    // another thread, and a burst of misses cannot start a thread each).
    let for_compression = identity.clone();
    let effort = if key.contains('?') { compress::Effort::Fast } else { compress::Effort::Best };
    let codings = if effort == compress::Effort::Fast && for_compression.len() <= INLINE_COMPRESSION_BYTES {
        let (br, gz) = (OnceLock::new(), OnceLock::new());
        if let Some(slot) = coding_slot((&br, &gz), encoding) {
            slot.get_or_init(|| compress::coded(&for_compression, encoding, effort));
        }
        (br, gz)
    } else {
        let (br, gz) = tokio::task::spawn_blocking(move || compress::compress_with(&for_compression, effort))
            .await
            .unwrap_or_default();
        (OnceLock::from(br), OnceLock::from(gz))
    };
    let entry = Arc::new(Entry::new(headers, identity, codings, etag, last_modified, route));
    cache.insert(version, key, entry.clone());
    if unmodified_since(last_modified) {
        return entry.not_modified(encoding);
    }
    entry.response(encoding)
}

/// `If-Modified-Since` as Unix seconds, if the request has a readable one.
fn modified_since(headers: &HeaderMap) -> Option<i64> {
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64)
}

/// A kept entry's answer to a request: `304` when its validators match, else
/// the bytes in the best coding the request accepts.
fn answer(entry: &Entry, request: &HeaderMap, encoding: Encoding) -> Response {
    match request.get(header::IF_NONE_MATCH) {
        Some(inm) if matches(inm, &entry.etag) => entry.not_modified(encoding),
        Some(_) => entry.response(encoding),
        None if modified_since(request).is_some_and(|since| entry.last_modified <= since) => {
            entry.not_modified(encoding)
        }
        None => entry.response(encoding),
    }
}

/// The front door, outside every other layer and before routing: a GET or HEAD
/// whose response is kept for the current data version is answered here, with
/// the headers the whole stack would have given it, and counted under its
/// route. Anything else (a miss, another method, the officials' side, a version
/// not yet known) goes through the stack, whose cache layer renders and keeps.
pub async fn front(
    State(cache): State<PublicCache>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let started = std::time::Instant::now();
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let Some(key) = req.uri().path_and_query().map(|pq| pq.as_str()) else { return next.run(req).await };
    let Some(version) = cache.known_version().await else { return next.run(req).await };
    let Some(entry) = cache.get(version, key) else { return next.run(req).await };
    crate::metrics::cache_hit();
    let res = answer(&entry, req.headers(), compress::negotiate(req.headers()));
    crate::metrics::record(entry.route.as_deref(), req.method(), res.status().as_u16(), started);
    res
}

fn is_html(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

/// The whole body if it is at most `limit` bytes, else a body that replays what
/// was read and streams the rest.
async fn read_up_to(body: Body, limit: usize) -> Result<Bytes, Body> {
    use futures::StreamExt;
    let mut stream = body.into_data_stream();
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut size = 0;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(c) => {
                size += c.len();
                chunks.push(c);
                if size > limit {
                    let replay = futures::stream::iter(chunks.into_iter().map(Ok::<_, axum::Error>));
                    return Err(Body::from_stream(replay.chain(stream)));
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "a response body failed while it was read for the cache");
                let replay = futures::stream::iter(chunks.into_iter().map(Ok::<_, axum::Error>));
                return Err(Body::from_stream(replay.chain(futures::stream::once(async move { Err(e) }))));
            }
        }
    }
    if chunks.len() == 1 {
        return Ok(chunks.pop().unwrap_or_default());
    }
    let mut all = Vec::with_capacity(size);
    chunks.iter().for_each(|c| all.extend_from_slice(c));
    Ok(Bytes::from(all))
}

/// A page's HTML without Leptos's inline data scripts (`<script>__RESOLVED_…`):
/// a page that loads no WASM has nothing to hydrate, so they would be dead code
/// and their nonce would make the page one response's alone.
async fn without_data_scripts(res: Response) -> Response {
    if !is_html(res.headers()) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ENTRY_BYTES * 4).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "The page could not be prepared.").into_response();
    };
    let stripped = strip_data_scripts(&bytes);
    Response::from_parts(parts, Body::from(stripped))
}

/// Removes every `<script>` or `<script nonce="…">` whose code starts with `__`
/// (Leptos's resource and chunk bookkeeping); other scripts (JSON-LD) stay.
pub fn strip_data_scripts(html: &[u8]) -> Bytes {
    const OPEN: &[u8] = b"<script";
    const CLOSE: &[u8] = b"</script>";
    let find = |hay: &[u8], needle: &[u8], from: usize| {
        hay.get(from..).and_then(|h| memchr::memmem::find(h, needle)).map(|p| p + from)
    };
    let mut out = Vec::with_capacity(html.len());
    let mut at = 0;
    while let Some(start) = find(html, OPEN, at) {
        let Some(tag_end) = find(html, b">", start) else { break };
        let attrs = &html[start + OPEN.len()..tag_end];
        let only_nonce = attrs.is_empty()
            || (attrs.starts_with(b" nonce=\"")
                && attrs.ends_with(b"\"")
                && !attrs[8..attrs.len() - 1].contains(&b'"'));
        let Some(end) = find(html, CLOSE, tag_end) else { break };
        out.extend_from_slice(&html[at..start]);
        if !(only_nonce && html[tag_end + 1..].starts_with(b"__")) {
            out.extend_from_slice(&html[start..end + CLOSE.len()]);
        }
        at = end + CLOSE.len();
    }
    out.extend_from_slice(&html[at..]);
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_scripts_go_and_json_ld_stays() {
        let page = b"<head><script type=\"application/ld+json\">{\"a\":1}</script></head><body><p>x</p>\
            <script nonce=\"abc\">__RESOLVED_RESOURCES=[];</script><script>__INCOMPLETE_CHUNKS=[];</script></body>";
        let out = strip_data_scripts(page);
        assert_eq!(
            &out[..],
            &b"<head><script type=\"application/ld+json\">{\"a\":1}</script></head><body><p>x</p></body>"[..]
        );
        assert_eq!(&strip_data_scripts(b"<p>no script</p>")[..], b"<p>no script</p>");
    }

    #[test]
    fn etags_match_in_any_coding() {
        let v = |s: &str| HeaderValue::from_str(s).unwrap();
        assert!(matches(&v("\"v3-abc\""), "v3-abc"));
        assert!(matches(&v("W/\"v3-abc-br\", \"x\""), "v3-abc"));
        assert!(matches(&v("\"v3-abc-gz\""), "v3-abc"));
        assert!(matches(&v("*"), "v3-abc"));
        assert!(!matches(&v("\"v2-abc\""), "v3-abc"));
    }
}
