//! The attacks on the web layer that once worked, replayed over real HTTP on
//! SQLite and PostgreSQL: markup in titles, a flood of long sign-ins, open
//! redirects, cookies behind a TLS proxy, shared caches, account recovery, and
//! `security.txt`.

use crate::support::{hidden, on_both_databases, set_cookie, spawn_app, spawn_with, text, Store, TestApp};
use portal::domain::account::Role;
use portal::domain::update::{UpdateDraft, UpdateInput};
use portal::http::config::{IpRange, SiteSecurity};
use portal::officials::accounts;

on_both_databases! {
    markup_never_reaches_the_head;
    long_sign_in_addresses_add_nothing_to_the_log;
    paths_never_redirect_to_another_site;
    cookies_are_secure_behind_a_tls_proxy;
    pages_without_script_are_shared_and_the_planner_is_not;
    security_txt_says_where_to_report;
    officials_recover_their_accounts_on_the_web;
}

const PASSWORD: &str = "correct horse battery staple";
const INJECTION: &str = "</title><meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">";

/// The `<head>` of a page.
fn head(html: &str) -> &str {
    html.split("</head>").next().unwrap_or(html)
}

async fn markup_never_reaches_the_head(store: Store) {
    let app = spawn_app(store).await;
    // Single-line fields refuse markup when drafted.
    let input = UpdateInput {
        slug: "markup".into(),
        title: format!("Notice {INJECTION}"),
        body: "Text.".into(),
        office: "missouri".into(),
        date: "2025-03-01".into(),
        internal_notes: String::new(),
    };
    let refused = UpdateDraft::try_from(&input).unwrap_err();
    assert!(refused.iter().any(|e| e.field == "title"), "{refused:?}");
    // And whatever a published title holds (written past the forms), every page
    // that puts it in <title> escapes it: an update's title, a grant's program, an
    // expenditure's vendor, a jurisdiction's name.
    let rows = [
        ("published_updates", "title", "/updates/"),
        ("published_grants", "program", "/spending/"),
        ("published_expenditures", "vendor", "/expenditures/"),
    ];
    for (table, column, prefix) in rows {
        let slug: String = sqlx::query_scalar(&format!("SELECT slug FROM {table} WHERE is_current = 1 LIMIT 1"))
            .fetch_one(&app.raw)
            .await
            .unwrap();
        sqlx::query(&format!("UPDATE {table} SET {column} = $1 WHERE slug = $2"))
            .bind(format!("Name {INJECTION}"))
            .bind(&slug)
            .execute(&app.raw)
            .await
            .unwrap();
        app.touch_data_version().await;
        for lang in ["", "/es"] {
            let path = format!("{lang}{prefix}{slug}");
            let page = app.expect(&path, 200).await;
            assert!(!head(&page).contains("<meta http-equiv=\"refresh\""), "{path}: {}", head(&page));
            assert!(head(&page).contains("&lt;/title&gt;"), "{path} shows the text, escaped: {}", head(&page));
        }
    }
    sqlx::query("UPDATE jurisdictions SET name = $1 WHERE slug = 'boone-county'")
        .bind(format!("Boone {INJECTION}"))
        .execute(&app.raw)
        .await
        .unwrap();
    app.touch_data_version().await;
    for path in ["/jurisdictions/boone-county", "/audits/boone-county-2024-general-rla"] {
        let page = app.expect(path, 200).await;
        assert!(!head(&page).contains("<meta http-equiv=\"refresh\""), "{path}: {}", head(&page));
    }
    // An ampersand is escaped once, not twice.
    sqlx::query("UPDATE published_expenditures SET vendor = 'Smith & Jones Printing' WHERE slug = 'exp-001'")
        .execute(&app.raw)
        .await
        .unwrap();
    app.touch_data_version().await;
    let page = app.expect("/expenditures/exp-001", 200).await;
    assert!(head(&page).contains("Smith &amp; Jones Printing ·"), "{}", head(&page));
    assert!(!head(&page).contains("&amp;amp;"), "{}", head(&page));
}

async fn long_sign_in_addresses_add_nothing_to_the_log(store: Store) {
    let app = spawn_app(store).await;
    let count = |app: &TestApp| {
        let raw = app.raw.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT (SELECT COUNT(*) FROM activity_log) + (SELECT COUNT(*) FROM sign_in_attempts)",
            )
            .fetch_one(&raw)
            .await
            .unwrap()
        }
    };
    let before = count(&app).await;
    let long = format!("{}@boone.example", "a".repeat(60_000));
    for _ in 0..20 {
        let (status, body) = app.sign_in(&long, "wrong password!!", "").await.err().unwrap();
        assert!((400..500).contains(&status), "{status}");
        assert!(text(&body).contains("at most 254 characters"), "{}", text(&body));
    }
    assert_eq!(count(&app).await, before, "an address too long to be one is refused before anything is written");
    // A body over the limit is refused with a plain message.
    let huge = app
        .client
        .post(format!("{}/admin/sign-in", app.base))
        .form(&[("email", "a".repeat(200_000))])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status().as_u16(), 413);
    assert_eq!(count(&app).await, before);
}

async fn paths_never_redirect_to_another_site(store: Store) {
    let app = spawn_app(store).await;
    for (path, expected) in [
        ("//evil.example/", "/evil.example"),
        ("/\\evil.example/", "/evil.example"),
        ("///evil.example/", "/evil.example"),
        ("/audits/", "/audits"),
    ] {
        let res = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 308, "{path}");
        let location = res.headers()["location"].to_str().unwrap();
        assert_eq!(location, expected, "{path}");
        assert!(!location.starts_with("//") && !location.starts_with("/\\"), "{path} → {location}");
    }
}

async fn cookies_are_secure_behind_a_tls_proxy(store: Store) {
    let security = SiteSecurity {
        trusted_proxies: vec![IpRange::parse("127.0.0.0/8").unwrap()],
        ..crate::support::test_security()
    };
    let app = spawn_with(store, security).await;
    portal::demo::load(&app.db).await.unwrap();
    accounts::add(&app.db, "author@boone.example", PASSWORD, Role::Author, Some("boone-county"), "test", "test")
        .await
        .unwrap();
    let cookies = |res: &reqwest::Response| -> Vec<String> {
        res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect()
    };
    // Over plain http (no proxy header), cookies are not Secure…
    let plain = app.client.get(format!("{}/admin", app.base)).send().await.unwrap();
    assert!(cookies(&plain).iter().all(|c| !c.contains("Secure")), "{:?}", cookies(&plain));
    // …and when the trusted proxy says the request came over https, both the
    // sign-in form's cookie and the session's are Secure (the session's `__Host-`).
    let form = app.client.get(format!("{}/admin", app.base)).header("X-Forwarded-Proto", "https").send().await.unwrap();
    let form_cookie = cookies(&form).into_iter().find(|c| c.starts_with("portal_sign_in=")).unwrap();
    assert!(form_cookie.contains("; Secure"), "{form_cookie}");
    let token_cookie = set_cookie(&form, "portal_sign_in").unwrap();
    let token = hidden(&form.text().await.unwrap(), "token").unwrap();
    let res = app
        .client
        .post(format!("{}/admin/sign-in", app.base))
        .header("X-Forwarded-Proto", "https")
        .header("Cookie", format!("portal_sign_in={token_cookie}"))
        .form(&[("email", "author@boone.example"), ("password", PASSWORD), ("code", ""), ("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let session = cookies(&res).into_iter().find(|c| c.contains("portal_session=")).unwrap();
    assert!(session.starts_with("__Host-portal_session=") && session.contains("; Secure"), "{session}");
    // The same headers from a client that is not a trusted proxy change nothing.
    let direct = spawn_app(store).await;
    let form = direct.client.get(format!("{}/admin", direct.base)).header("X-Forwarded-Proto", "https").send().await;
    assert!(cookies(&form.unwrap()).iter().all(|c| !c.contains("Secure")));
}

/// Pages without script are one rendering for every reader, fit for shared caches;
/// the one page with a script nonce (the planner) stays out of them, with a fresh
/// nonce per response.
async fn pages_without_script_are_shared_and_the_planner_is_not(store: Store) {
    let app = spawn_app(store).await;
    for path in ["/", "/audits", "/es/updates", "/audits/boone-county-2024-general-rla"] {
        let res = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
        assert!(cache.contains("public") && !cache.contains("private"), "{path}: {cache}");
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(csp.contains("script-src 'none'"), "{path}: {csp}");
        let body = res.text().await.unwrap();
        assert!(!body.contains("nonce="), "{path}");
        let again = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert_eq!(again.text().await.unwrap(), body, "{path}: the same bytes for every reader");
    }
    for path in ["/audits/planner", "/es/audits/planner"] {
        let res = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
        assert!(cache.contains("private") && !cache.contains("public"), "{path}: {cache}");
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        let body = res.text().await.unwrap();
        // The nonce in the policy is the page's own, and the next reader gets another.
        let again = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        let csp_again = again.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert_ne!(csp, csp_again, "{path}: a fresh nonce per response");
        assert!(body.contains("nonce="), "{path}");
    }
    for path in ["/data/audits.csv", "/api/v1/audits", "/feed.atom"] {
        let res = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
        assert!(cache.contains("public"), "{path}: {cache}");
    }
}

async fn security_txt_says_where_to_report(store: Store) {
    let app = spawn_app(store).await;
    let res = app.client.get(format!("{}/.well-known/security.txt", app.base)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let body = res.text().await.unwrap();
    assert!(body.contains("Contact: mailto:security@portal.invalid"), "{body}");
    let expires = body.lines().find_map(|l| l.strip_prefix("Expires: ")).expect("RFC 9116 requires Expires");
    let expires = portal::domain::values::Timestamp::parse(expires).unwrap();
    let now = portal::domain::values::Timestamp::now();
    assert!(expires > now && expires < now.plus_seconds(366 * 86_400), "within a year: {body}");
    assert!(body.contains("Canonical: http://"), "{body}");
    // Without a contact configured, there is no file.
    let bare = spawn_with(store, SiteSecurity::default()).await;
    assert_eq!(bare.get("/.well-known/security.txt").await.status, 404);
}

async fn officials_recover_their_accounts_on_the_web(store: Store) {
    let app = spawn_app(store).await;
    for (email, role, office) in [
        ("author@boone.example", Role::Author, Some("boone-county")),
        ("admin@boone.example", Role::Admin, Some("boone-county")),
        ("author@clay.example", Role::Author, Some("clay-county")),
        ("admin@sos.example", Role::Admin, None),
    ] {
        accounts::add(&app.db, email, PASSWORD, role, office, "test", "test").await.unwrap();
    }
    // An official changes their own password (the current one first); their other
    // sessions end, this one stays.
    let other = app.sign_in("author@boone.example", PASSWORD, "").await.unwrap();
    let me = app.sign_in("author@boone.example", PASSWORD, "").await.unwrap();
    let new = "a different long passphrase";
    let wrong = me.post("/admin/account/password", &[("password", "guess"), ("new", new), ("repeat", new)]).await;
    assert_eq!(wrong.status, 400);
    let mismatch = me.post("/admin/account/password", &[("password", PASSWORD), ("new", new), ("repeat", "x")]).await;
    assert_eq!(mismatch.status, 400);
    let done = me.post("/admin/account/password", &[("password", PASSWORD), ("new", new), ("repeat", new)]).await;
    assert_eq!(done.status, 200, "{}", text(&done.body));
    assert_eq!(other.get("/admin/sessions").await.status, 401, "the other session ended");
    assert_eq!(me.get("/admin/sessions").await.status, 200, "this one stays");
    assert!(app.sign_in("author@boone.example", PASSWORD, "").await.is_err());
    app.sign_in("author@boone.example", new, "").await.unwrap();
    // A county administrator resets a password in their office only.
    let boone_admin = app.sign_in("admin@boone.example", PASSWORD, "").await.unwrap();
    let reset = "reset by the administrator";
    let form = [("email", "author@boone.example"), ("password", reset), ("repeat", reset)];
    assert_eq!(boone_admin.post("/admin/accounts/reset-password", &form).await.status, 200);
    app.sign_in("author@boone.example", reset, "").await.unwrap();
    let form = [("email", "author@clay.example"), ("password", reset), ("repeat", reset)];
    let elsewhere = boone_admin.post("/admin/accounts/reset-password", &form).await;
    assert_eq!(elsewhere.status, 400);
    assert!(text(&elsewhere.body).contains("there is no account"), "{}", text(&elsewhere.body));
    let page = text(&boone_admin.get("/admin/accounts").await.body);
    assert!(page.contains("author@boone.example") && !page.contains("author@clay.example"), "{page}");
    // Two-step sign-in: turned on with the password and a code; new recovery codes
    // need the password; an administrator's reset turns it off (typed twice).
    let me = app.sign_in("author@boone.example", reset, "").await.unwrap();
    let start = me.post("/admin/account/totp", &[("password", reset)]).await;
    let at = start.body.find("<code class=\"secret\">").unwrap() + "<code class=\"secret\">".len();
    let secret = start.body[at..at + 32].to_string();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let on = me
        .post("/admin/account/totp/confirm", &[("code", &portal::officials::second_factor::current(&secret, now))])
        .await;
    assert_eq!(on.status, 200, "{}", text(&on.body));
    let codes = me.post("/admin/account/recovery-codes", &[("password", "guess")]).await;
    assert_eq!(codes.status, 400);
    let codes = me.post("/admin/account/recovery-codes", &[("password", reset)]).await;
    assert_eq!(codes.status, 200);
    assert!(app.sign_in("author@boone.example", reset, "").await.is_err(), "the code is needed");
    let unconfirmed = boone_admin
        .post("/admin/accounts/reset-2fa", &[("email", "author@boone.example"), ("confirm", "someone@else.example")])
        .await;
    assert_eq!(unconfirmed.status, 400);
    let cleared = boone_admin
        .post("/admin/accounts/reset-2fa", &[("email", "author@boone.example"), ("confirm", "author@boone.example")])
        .await;
    assert_eq!(cleared.status, 200);
    assert_eq!(me.get("/admin/sessions").await.status, 401, "the reset ends their sessions");
    app.sign_in("author@boone.example", reset, "").await.expect("the password alone signs in again");
    let log = portal::db::activity::list(&app.db, Some("account."), None, Some("boone-county"), 50).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for a in
        ["account.password", "account.password-reset", "account.totp", "account.recovery-codes", "account.reset-2fa"]
    {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
}
