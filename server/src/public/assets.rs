//! The built assets (the stylesheet, and the planner's JS and WASM) under names
//! that carry their content's hash, `/pkg/portal.<hash>.css`, served from memory
//! with `Cache-Control: public, max-age=31536000, immutable`, in brotli or gzip
//! when the reader accepts it. A new build is a new name, so a reader's cached
//! copy is never stale; the pages link the hashed names (`app::Assets`).
//!
//! They are read from the site root (`LEPTOS_SITE_ROOT/pkg`) at start and
//! compressed once, off the request path. A site root without a built stylesheet
//! (the tests, which serve `public/`) gets `style/main.css` as it is in the source.

use crate::domain::digest::sha256_hex;
use crate::http::compress::{self, Encoding};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The stylesheet as written, for a site root without a built one.
const SOURCE_CSS: &[u8] = include_bytes!("../../../style/main.css");

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// One asset in memory, in each coding it has so far.
struct Asset {
    content_type: &'static str,
    identity: Bytes,
    br: Option<Bytes>,
    gz: Option<Bytes>,
}

/// The hashed assets and the names the pages link.
#[derive(Clone)]
pub struct SiteAssets {
    by_path: Arc<RwLock<HashMap<String, Arc<Asset>>>>,
    pub names: app::Assets,
    /// The assets' hashes together: part of the cache's build identity.
    pub fingerprint: String,
}

impl SiteAssets {
    /// Reads the assets under `site_root/pkg`; compresses the stylesheet now and
    /// the larger JS and WASM in the background.
    pub fn load(site_root: &str) -> SiteAssets {
        let pkg = std::path::Path::new(site_root).join("pkg");
        let css = std::fs::read(pkg.join("portal.css")).map(Bytes::from).unwrap_or(Bytes::from_static(SOURCE_CSS));
        let js = std::fs::read(pkg.join("portal.js")).ok().map(Bytes::from);
        let wasm = std::fs::read(pkg.join("portal.wasm"))
            .or_else(|_| std::fs::read(pkg.join("portal_bg.wasm")))
            .ok()
            .map(Bytes::from);
        let mut by_path = HashMap::new();
        let mut add = |bytes: Bytes, ext: &str, content_type: &'static str| {
            let path = format!("/pkg/portal.{}.{ext}", &sha256_hex(&bytes)[..16]);
            by_path.insert(path.clone(), Arc::new(Asset { content_type, identity: bytes, br: None, gz: None }));
            path
        };
        let css_path = add(css, "css", "text/css; charset=utf-8");
        let (js_path, wasm_path) = match (js, wasm) {
            (Some(js), Some(wasm)) => {
                (Some(add(js, "js", "text/javascript; charset=utf-8")), Some(add(wasm, "wasm", "application/wasm")))
            }
            _ => (None, None),
        };
        let fingerprint = {
            let mut paths: Vec<&String> = by_path.keys().collect();
            paths.sort();
            sha256_hex(paths.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("|").as_bytes())
        };
        let assets = SiteAssets {
            by_path: Arc::new(RwLock::new(by_path)),
            names: app::Assets { css: css_path.clone(), js: js_path, wasm: wasm_path },
            fingerprint,
        };
        assets.compress(&css_path);
        let all: Vec<String> = assets.read().keys().filter(|p| **p != css_path).cloned().collect();
        if !all.is_empty() {
            let background = assets.clone();
            std::thread::spawn(move || all.iter().for_each(|p| background.compress(p)));
        }
        assets
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Arc<Asset>>> {
        self.by_path.read().unwrap_or_else(|p| p.into_inner())
    }

    fn compress(&self, path: &str) {
        let Some(asset) = self.read().get(path).cloned() else { return };
        let (br, gz) = compress::compress(&asset.identity);
        let done = Asset { content_type: asset.content_type, identity: asset.identity.clone(), br, gz };
        self.by_path.write().unwrap_or_else(|p| p.into_inner()).insert(path.to_string(), Arc::new(done));
    }

    /// The asset at `path` in the best coding `accept` allows, if it is one.
    pub fn response(&self, path: &str, accept: &axum::http::HeaderMap) -> Option<Response> {
        let asset = self.read().get(path).cloned()?;
        let (encoding, body) = match (compress::negotiate(accept), &asset.br, &asset.gz) {
            (Encoding::Brotli, Some(br), _) => (Encoding::Brotli, br.clone()),
            (Encoding::Brotli | Encoding::Gzip, _, Some(gz)) => (Encoding::Gzip, gz.clone()),
            _ => (Encoding::Identity, asset.identity.clone()),
        };
        let mut res = (StatusCode::OK, Body::from(body)).into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
        if let Some(v) = encoding.header() {
            h.insert(header::CONTENT_ENCODING, v);
        }
        compress::vary_on_encoding(h);
        Some(res)
    }
}

/// The layer: a hashed asset's path is answered from memory, anything else passes.
pub async fn serve(
    axum::extract::State(assets): axum::extract::State<Arc<SiteAssets>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if req.uri().path().starts_with("/pkg/") {
        if let Some(res) = assets.response(req.uri().path(), req.headers()) {
            return res;
        }
    }
    next.run(req).await
}
