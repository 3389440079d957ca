//! Render once per publication: ETags from the data version (304 without
//! rendering), a publication seen at once here and within a second by another
//! process, responses pre-compressed (br, gzip) with `Vary`, no WASM or script
//! on pages without an interactive element, the hashed immutable stylesheet, and
//! no session or restricted value in anything the cache keeps.

use crate::support::{on_both_databases, spawn_app, text, Store, TestApp};
use portal::domain::account::Role;
use portal::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use portal::domain::update::{UpdateDraft, UpdateInput};
use std::io::Read;
use std::time::{Duration, Instant};

on_both_databases! {
    unchanged_responses_are_304_and_served_without_rendering;
    a_publication_changes_the_etag_and_the_body;
    another_process_sees_a_new_data_version_within_a_second;
    compressed_bodies_decompress_to_the_identity_body;
    only_the_planner_loads_wasm_or_any_script;
    the_stylesheet_is_hashed_immutable_and_fetchable;
    cached_responses_never_carry_a_session_or_a_restricted_value;
    kept_answers_carry_every_header_the_rendered_one_did;
    a_shared_links_tracking_parameters_are_not_part_of_its_address;
}

/// A page, a record's JSON, collection JSON, a CSV, a chart, the feed, the
/// sitemap, the data package and the log's checkpoint.
const CACHED: &[&str] = &[
    "/audits",
    "/es/spending",
    "/audits/boone-county-2024-general-rla/data.json",
    "/api/v1/audits",
    "/data/audits.csv",
    "/charts/spending-by-category.svg",
    "/feed.atom",
    "/sitemap.xml",
    "/data/datapackage.json",
    "/log/checkpoint",
];

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut req = app.client.get(format!("{}{path}", app.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

fn decompress(encoding: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "br" => brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).expect("valid brotli"),
        "gzip" => flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("valid gzip"),
        "" => return bytes.to_vec(),
        other => panic!("unexpected coding {other}"),
    };
    out
}

fn notice(slug: &str, title: &str) -> UpdateDraft {
    let input = UpdateInput {
        slug: slug.into(),
        title: title.into(),
        body: "Body.".into(),
        office: "missouri".into(),
        // The newest notice: the home page lists it first.
        date: "2026-11-28".into(),
        internal_notes: String::new(),
    };
    UpdateDraft::try_from(&input).unwrap()
}

async fn unchanged_responses_are_304_and_served_without_rendering(store: Store) {
    let app = spawn_app(store).await;
    for path in CACHED {
        let first = get(&app, path, &[]).await;
        assert_eq!(first.status().as_u16(), 200, "{path}");
        let etag = header(&first, "etag");
        assert!(etag.starts_with("\"v"), "{path}: an ETag of the data version, not {etag}");
        assert!(header(&first, "vary").to_ascii_lowercase().contains("accept-encoding"), "{path}");
        assert!(!header(&first, "cache-control").is_empty(), "{path} says how long to cache");
        let again = get(&app, path, &[("If-None-Match", &etag)]).await;
        assert_eq!(again.status().as_u16(), 304, "{path} with its ETag");
        assert_eq!(header(&again, "etag"), etag, "{path}");
        assert!(again.bytes().await.unwrap().is_empty());
        let other = get(&app, path, &[("If-None-Match", "\"v1-stale\"")]).await;
        assert_eq!(other.status().as_u16(), 200, "{path} with another ETag");
    }
    // The page is kept: a change written behind the gate's back (no new data
    // version) is not rendered, neither for a 304 nor for a full answer…
    let before = get(&app, "/updates", &[]).await;
    let etag = header(&before, "etag");
    let before = before.text().await.unwrap();
    sqlx::query("UPDATE published_updates SET title = 'Changed behind the cache' WHERE is_current = 1")
        .execute(&app.raw)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(get(&app, "/updates", &[("If-None-Match", &etag)]).await.status().as_u16(), 304);
    assert_eq!(get(&app, "/updates", &[]).await.text().await.unwrap(), before, "answered from the cache");
    // …until the data version moves; then it is rendered once more.
    sqlx::query("UPDATE data_version SET version = version + 1 WHERE id = 1").execute(&app.raw).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let res = get(&app, "/updates", &[("If-None-Match", &etag)]).await;
        if res.status().as_u16() == 200 {
            assert!(text(&res.text().await.unwrap()).contains("Changed behind the cache"));
            break;
        }
        assert!(Instant::now() < deadline, "the new data version was not seen");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn a_publication_changes_the_etag_and_the_body(store: Store) {
    let app = spawn_app(store).await;
    // The home page's figures and the site's facts are also kept per version
    // (not only its bytes): a publication must reach them too.
    let paths = ["/", "/es", "/updates", "/es/updates", "/api/v1/updates", "/data/updates.csv", "/feed.atom"];
    let mut before = Vec::new();
    for path in paths {
        let res = get(&app, path, &[]).await;
        before.push(header(&res, "etag"));
        assert!(!res.text().await.unwrap().contains("cache-test-notice"), "{path}");
    }
    app.publish(notice("cache-test-notice", "A notice published while cached")).await.unwrap();
    // A render that misses the cache (a query string of its own) reads the
    // kept figures: they too are the new version's.
    assert!(get(&app, "/?fresh=1", &[]).await.text().await.unwrap().contains("A notice published while cached"));
    // This process wrote: its readers see the publication at once.
    for (path, etag) in paths.iter().zip(&before) {
        let res = get(&app, path, &[("If-None-Match", etag)]).await;
        assert_eq!(res.status().as_u16(), 200, "{path}: a changed response is sent again");
        assert_ne!(&header(&res, "etag"), etag, "{path}");
        let body = res.text().await.unwrap();
        assert!(
            body.contains("cache-test-notice") || body.contains("A notice published while cached"),
            "{path} shows the publication"
        );
    }
}

/// A second portal on the same database (another process in production) serves
/// the same ETag, and sees a version written by another process within its
/// refresh interval (polled, with a deadline).
async fn another_process_sees_a_new_data_version_within_a_second(store: Store) {
    let app = spawn_app(store).await;
    let second = crate::support::spawn_second(&app, store).await;
    let on = |base: &str, path: &str| format!("{base}{path}");
    let first = app.client.get(on(&app.base, "/audits")).send().await.unwrap();
    let etag = header(&first, "etag");
    let other = app.client.get(on(&second, "/audits")).send().await.unwrap();
    assert_eq!(header(&other, "etag"), etag, "processes of one build agree on the ETag");
    // Another process publishes: its transaction moves the version. (After this
    // process's own writes, the demo's, it reads the row on every request for two
    // seconds: let that pass, so what is measured is the once-a-second refresh.)
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let _ = app.client.get(on(&second, "/audits")).send().await.unwrap();
    sqlx::query("UPDATE data_version SET version = version + 1 WHERE id = 1").execute(&app.raw).await.unwrap();
    let written = Instant::now();
    loop {
        let res = app.client.get(on(&second, "/audits")).header("If-None-Match", &etag).send().await.unwrap();
        if res.status().as_u16() == 200 {
            break;
        }
        assert!(written.elapsed() < Duration::from_millis(2500), "not seen within the refresh interval");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // And a publication through the gate is seen by both.
    let before = header(&app.client.get(on(&second, "/updates")).send().await.unwrap(), "etag");
    app.publish(notice("second-process-notice", "Seen by every process")).await.unwrap();
    let published = Instant::now();
    loop {
        let res = app.client.get(on(&second, "/updates")).header("If-None-Match", &before).send().await.unwrap();
        if res.status().as_u16() == 200 {
            assert!(text(&res.text().await.unwrap()).contains("Seen by every process"));
            break;
        }
        assert!(published.elapsed() < Duration::from_millis(2500), "the publication was not seen in time");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn compressed_bodies_decompress_to_the_identity_body(store: Store) {
    let app = spawn_app(store).await;
    // The addresses with a query string are kept at the quick levels, each coding
    // made when a reader first asks for it (here: identity first, then each).
    for path in [
        "/audits",
        "/es/audits",
        "/api/v1/audits",
        "/data/audits.csv",
        "/charts/spending-by-recipient.svg",
        "/?ref=share",
        "/api/v1/audits?limit=3",
    ] {
        let plain = get(&app, path, &[]).await;
        assert_eq!(header(&plain, "content-encoding"), "", "{path}: identity unless asked");
        let plain_etag = header(&plain, "etag");
        let identity = plain.bytes().await.unwrap();
        for (accept, coding) in [("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br"), ("br;q=0, gzip", "gzip")]
        {
            let res = get(&app, path, &[("Accept-Encoding", accept)]).await;
            assert_eq!(res.status().as_u16(), 200);
            assert_eq!(header(&res, "content-encoding"), coding, "{path} with Accept-Encoding: {accept}");
            assert!(header(&res, "vary").to_ascii_lowercase().contains("accept-encoding"), "{path}");
            let etag = header(&res, "etag");
            assert_ne!(etag, plain_etag, "{path}: each coding has its own ETag");
            let bytes = res.bytes().await.unwrap();
            assert!(bytes.len() < identity.len(), "{path}: {coding} is smaller");
            assert_eq!(decompress(coding, &bytes), identity.to_vec(), "{path} in {coding}");
            let again = get(&app, path, &[("Accept-Encoding", accept), ("If-None-Match", &etag)]).await;
            assert_eq!(again.status().as_u16(), 304, "{path} in {coding} with its ETag");
        }
    }
}

/// Every script on a page that is not the planner: none but JSON-LD data.
fn scripts(html: &str) -> Vec<String> {
    html.match_indices("<script").map(|(i, _)| html[i..].chars().take(80).collect()).collect()
}

async fn only_the_planner_loads_wasm_or_any_script(store: Store) {
    let app = spawn_app(store).await;
    let pages = [
        "/",
        "/es",
        "/audits",
        "/audits/boone-county-2024-general-rla",
        "/es/audits/boone-county-2024-general-rla/v/1",
        "/spending",
        "/spending/hava-2018-election-security",
        "/expenditures/exp-001",
        "/updates",
        "/jurisdictions/boone-county",
        "/about",
        "/es/data",
        "/no-such-page",
    ];
    for path in pages {
        let res = get(&app, path, &[]).await;
        let csp = header(&res, "content-security-policy");
        let html = res.text().await.unwrap();
        let found: Vec<String> = scripts(&html).into_iter().filter(|s| !s.contains("application/ld+json")).collect();
        assert!(found.is_empty(), "{path} has scripts: {found:?}");
        assert!(!html.contains(".wasm") && !html.contains("/pkg/portal.js"), "{path} loads WASM");
        assert!(!html.contains("nonce="), "{path} carries a nonce");
        if !path.contains("no-such") {
            assert!(csp.contains("script-src 'none'"), "{path}: {csp}");
        }
    }
    for path in ["/audits/planner", "/es/audits/planner"] {
        let res = get(&app, path, &[]).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert!(header(&res, "etag").is_empty(), "{path}: a page with a nonce is never shared");
        assert!(header(&res, "cache-control").contains("private"), "{path}");
        let csp = header(&res, "content-security-policy");
        let html = res.text().await.unwrap();
        assert!(html.contains("<script type=\"module\" nonce=\""), "{path} hydrates");
        assert!(html.contains(".wasm") && html.contains("/pkg/portal"), "{path} loads the WASM");
        assert!(csp.contains("'nonce-") && csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        // The planner still answers without JavaScript, as a GET form.
        let answered =
            get(&app, &format!("{path}?method=bravo&risk=5&ballots=10000&winner=6000&runner_up=4000"), &[]).await;
        assert_eq!(answered.status().as_u16(), 200, "{path} with its inputs");
    }
}

async fn the_stylesheet_is_hashed_immutable_and_fetchable(store: Store) {
    let app = spawn_app(store).await;
    let mut hrefs = Vec::new();
    for path in ["/", "/es/audits", "/audits/planner", "/no-such-page"] {
        let html = get(&app, path, &[]).await.text().await.unwrap();
        let at = html.find("rel=\"stylesheet\"").unwrap_or_else(|| panic!("{path} links a stylesheet"));
        let tag = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
        let href = tag.split("href=\"").nth(1).and_then(|r| r.split('"').next()).expect("an href").to_string();
        let hash = href.strip_prefix("/pkg/portal.").and_then(|r| r.strip_suffix(".css")).unwrap_or("");
        assert!(hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{path}: {href} is not hashed");
        hrefs.push(href);
    }
    hrefs.dedup();
    assert_eq!(hrefs.len(), 1, "every page links the same stylesheet");
    let css = get(&app, &hrefs[0], &[]).await;
    assert_eq!(css.status().as_u16(), 200);
    assert!(header(&css, "content-type").starts_with("text/css"));
    assert_eq!(header(&css, "cache-control"), "public, max-age=31536000, immutable");
    let identity = css.bytes().await.unwrap();
    assert!(String::from_utf8_lossy(&identity).contains(".skip-link"), "the portal's stylesheet");
    let br = get(&app, &hrefs[0], &[("Accept-Encoding", "br")]).await;
    assert_eq!(header(&br, "content-encoding"), "br");
    assert_eq!(decompress("br", &br.bytes().await.unwrap()), identity.to_vec());
}

async fn cached_responses_never_carry_a_session_or_a_restricted_value(store: Store) {
    const CANARY: &str = "CANARYCACHEDSECRETX7";
    const PASSWORD: &str = "correct horse battery staple";
    let app = spawn_app(store).await;
    let expenditure = ExpenditureInput {
        slug: "cached-canary".into(),
        grant: "hava-2018-election-security".into(),
        recipient: "boone-county".into(),
        category: "cyber_security".into(),
        federal_amount: "100.00".into(),
        match_amount: "0".into(),
        date: "2025-02-01".into(),
        vendor: "Cache Vendor".into(),
        description: "Monitoring service.".into(),
        security_details: CANARY.into(),
        withholding_basis: "RSMo 610.021(21)".into(),
        withholding_statement: "Disclosure would show the network's configuration.".into(),
        internal_notes: format!("{CANARY} notes"),
    };
    app.publish(ExpenditureDraft::try_from(&expenditure).unwrap()).await.unwrap();
    portal::officials::accounts::add(&app.db, "admin@cache.example", PASSWORD, Role::Admin, None, "test", "test")
        .await
        .unwrap();
    let official = app.sign_in("admin@cache.example", PASSWORD, "").await.unwrap();
    // The official's own draft with the canary, as the officials' pages show it.
    let mut draft = expenditure.clone();
    draft.slug = "cached-canary-draft".into();
    draft.description = format!("Draft {CANARY}");
    app.draft(ExpenditureDraft::try_from(&draft).unwrap()).await.unwrap();
    let admin = official.get("/admin").await;
    assert_eq!(admin.status, 200);
    let secrets = [CANARY.to_string(), official.cookie.clone(), official.csrf.clone()];
    let public = [
        "/expenditures/cached-canary",
        "/es/expenditures/cached-canary",
        "/spending/hava-2018-election-security",
        "/expenditures/cached-canary/data.json",
        "/api/v1/expenditures",
        "/data/expenditures.csv",
        "/feed.atom",
    ];
    let cookie = format!("portal_session={}", official.cookie);
    // The official reads the public side first, so their requests fill the cache.
    for path in public {
        for accept in ["", "br", "gzip"] {
            let res = get(&app, path, &[("Cookie", &cookie), ("Accept-Encoding", accept)]).await;
            assert_eq!(res.status().as_u16(), 200, "{path}");
            assert!(res.headers().get("set-cookie").is_none(), "{path} sets no cookie");
        }
    }
    // Anyone then gets the kept bytes: nothing of the official's, nothing restricted.
    for path in public {
        for accept in ["", "br", "gzip"] {
            let res = get(&app, path, &[("Accept-Encoding", accept)]).await;
            assert!(res.headers().get("set-cookie").is_none(), "{path}");
            let coding = header(&res, "content-encoding");
            let body = String::from_utf8(decompress(&coding, &res.bytes().await.unwrap())).unwrap();
            for secret in &secrets {
                assert!(!body.contains(secret.as_str()), "{path} ({accept}) leaked {secret}");
            }
            assert!(!body.contains("Sign out"), "{path} shows no official's controls");
        }
    }
    // The officials' pages are never kept: no ETag, no-store, and an anonymous
    // reader of the same address gets the sign-in form.
    for path in ["/admin", "/admin/sessions"] {
        let res = get(&app, path, &[("Cookie", &cookie)]).await;
        assert_eq!(header(&res, "cache-control"), "no-store", "{path}");
        assert!(header(&res, "etag").is_empty(), "{path}");
        let anonymous = get(&app, path, &[]).await;
        let body = anonymous.text().await.unwrap();
        assert!(!body.contains(CANARY) && !body.contains(&official.csrf), "{path} anonymously");
    }
}

/// Every header but the date, as (name, value) pairs in order of name.
fn all_headers(res: &reqwest::Response) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = res
        .headers()
        .iter()
        .filter(|(k, _)| *k != "date")
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("?").to_string()))
        .collect();
    h.sort();
    h
}

/// A kept response is answered before routing and every other layer: it must
/// still carry exactly what the rendered answer carried (security headers,
/// policy, validators, coding) and the same bytes, in every coding and to HEAD.
async fn kept_answers_carry_every_header_the_rendered_one_did(store: Store) {
    let app = spawn_app(store).await;
    let with_queries =
        ["/", "/es/audits", "/robots.txt", "/?ref=share", "/es/audits?limit=5", "/api/v1/audits?limit=2"];
    for (i, path) in CACHED.iter().chain(with_queries.iter()).enumerate() {
        // Each path is first asked in a different coding, so the rendering
        // answer of every coding is compared with a kept one.
        let codings = ["br", "gzip", "identity"];
        let first = get(&app, path, &[("Accept-Encoding", codings[i % 3])]).await;
        assert_eq!(first.status().as_u16(), 200, "{path}");
        let (rendered_headers, rendered) = (all_headers(&first), first.bytes().await.unwrap());
        for round in 0..2 {
            let kept = get(&app, path, &[("Accept-Encoding", codings[i % 3])]).await;
            assert_eq!(all_headers(&kept), rendered_headers, "{path} (answer {round} from the cache)");
            assert_eq!(kept.bytes().await.unwrap(), rendered, "{path}");
        }
        for coding in codings {
            let res = get(&app, path, &[("Accept-Encoding", coding)]).await;
            let h = all_headers(&res);
            for name in ["x-content-type-options", "strict-transport-security", "referrer-policy", "etag", "vary"] {
                assert!(h.iter().any(|(k, _)| k == name), "{path} in {coding} lacks {name}: {h:?}");
            }
            let policy = header(&res, "content-security-policy");
            assert!(policy.contains("default-src"), "{path} in {coding}: {policy:?}");
            let encoding = header(&res, "content-encoding");
            let body = res.bytes().await.unwrap();
            let plain = decompress(&encoding, &body);
            let head = app.client.head(format!("{}{path}", app.base)).header("Accept-Encoding", coding).send().await;
            let head = head.unwrap();
            assert_eq!(head.status().as_u16(), 200, "HEAD {path}");
            assert_eq!(header(&head, "content-encoding"), encoding, "HEAD {path} in {coding}");
            assert_eq!(header(&head, "content-length"), body.len().to_string(), "HEAD {path} in {coding}");
            assert!(head.bytes().await.unwrap().is_empty(), "HEAD {path} has no body");
            if coding == "identity" {
                assert_eq!(plain, body, "{path}");
            }
        }
        let etag = header(&get(&app, path, &[]).await, "etag");
        let unchanged = get(&app, path, &[("If-None-Match", &etag)]).await;
        assert_eq!(unchanged.status().as_u16(), 304, "{path}");
        let h = all_headers(&unchanged);
        assert!(h.iter().any(|(k, _)| k == "x-content-type-options"), "{path} 304: {h:?}");
        assert!(!h.iter().any(|(k, _)| k == "content-security-policy"), "a 304 keeps the page's own policy");
    }
}

/// A link shared on social media carries a new click id on every click: it is
/// the page itself (one kept response, one ETag), its tracking parameters are
/// never echoed, and any other parameter still makes its own address.
async fn a_shared_links_tracking_parameters_are_not_part_of_its_address(store: Store) {
    let app = spawn_app(store).await;
    let gz = [("Accept-Encoding", "gzip")];
    for (plain, shared) in [
        ("/", "/?fbclid=IwAR3xYz&utm_source=facebook"),
        ("/es/audits", "/es/audits?utm_medium=social&utm_campaign=canvass"),
        ("/api/v1/audits?limit=2", "/api/v1/audits?gclid=abc&limit=2&_ga=1.2"),
        ("/audits/boone-county-2024-general-rla", "/audits/boone-county-2024-general-rla?igshid=q&mc_cid=1"),
    ] {
        let first = get(&app, plain, &gz).await;
        assert_eq!(first.status().as_u16(), 200, "{plain}");
        let etag = header(&first, "etag");
        let body = decompress("gzip", &first.bytes().await.unwrap());
        let res = get(&app, shared, &gz).await;
        assert_eq!(res.status().as_u16(), 200, "{shared}");
        assert_eq!(header(&res, "etag"), etag, "{shared} is {plain}");
        let shared_body = decompress("gzip", &res.bytes().await.unwrap());
        assert_eq!(shared_body, body, "{shared} has {plain}'s bytes");
        let html = String::from_utf8_lossy(&shared_body);
        for tag in ["fbclid", "utm_", "gclid", "igshid", "mc_cid", "_ga="] {
            assert!(!html.contains(tag), "{shared} echoes {tag}");
        }
        let unchanged = get(&app, shared, &[("Accept-Encoding", "gzip"), ("If-None-Match", &etag)]).await;
        assert_eq!(unchanged.status().as_u16(), 304, "{shared} with {plain}'s ETag");
    }
    // Other parameters are the reader's own: their own address and ETag.
    let home = header(&get(&app, "/", &gz).await, "etag");
    assert_ne!(header(&get(&app, "/?ref=share", &gz).await, "etag"), home);
    assert_ne!(header(&get(&app, "/?utm=not-a-tag", &gz).await, "etag"), home);
    // A form's POST keeps its query string as it came.
    let bad = app.client.post(format!("{}/audits?utm_source=x", app.base)).send().await.unwrap();
    assert_ne!(bad.status().as_u16(), 200, "POST to a page is not answered as a GET");
}
