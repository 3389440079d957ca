//! The officials' workspace over real HTTP, on SQLite and PostgreSQL: who may do
//! what (every route × anonymous, author, reviewer, admin, disabled, and another
//! county), anti-forgery, sign-in throttling, sessions, the second factor, the
//! security headers, and the whole draft → findings → fix → submit → approve →
//! correct path through the forms.

use crate::support::{
    hidden, on_both_databases, set_cookie, spawn_app, spawn_with, text, Page, Session, Store, TestApp,
};
use portal::db::activity;
use portal::domain::account::{Account, Role};
use portal::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use portal::error::AppError;
use portal::http::config::{IpRange, SiteSecurity};
use portal::officials::second_factor as totp;
use portal::officials::{accounts, workflow};

on_both_databases! {
    every_officials_route_allows_and_denies_by_role_and_office;
    forged_and_cross_site_requests_are_refused;
    failed_sign_ins_are_throttled;
    concurrent_wrong_sign_ins_check_at_most_the_limit;
    sessions_rotate_expire_and_end;
    second_factor_is_required_once_on;
    responses_carry_security_headers;
    draft_findings_fix_submit_approve_and_correct_through_the_forms;
    audits_with_contests_and_grants_are_drafted_and_corrected_in_forms;
}

const PASSWORD: &str = "correct horse battery staple";
const CANARY: &str = "CANARYADMINSECRETX1";

async fn add(app: &TestApp, email: &str, role: Role, office: Option<&str>) {
    accounts::add(&app.db, email, PASSWORD, role, office, "test", "test").await.unwrap();
}

async fn people(app: &TestApp) {
    add(app, "author@boone.example", Role::Author, Some("boone-county")).await;
    add(app, "reviewer@boone.example", Role::Reviewer, Some("boone-county")).await;
    add(app, "reviewer@clay.example", Role::Reviewer, Some("clay-county")).await;
    add(app, "admin@sos.example", Role::Admin, None).await;
    add(app, "gone@boone.example", Role::Reviewer, Some("boone-county")).await;
}

async fn session<'a>(app: &'a TestApp, email: &str) -> Session<'a> {
    app.sign_in(email, PASSWORD, "").await.unwrap_or_else(|(s, b)| panic!("sign in {email}: {s} {}", text(&b)))
}

/// A Boone County expenditure like the matrix's, with this slug, vendor and details.
fn matrix_expenditure(slug: &str, vendor: &str, details: &str) -> ExpenditureInput {
    ExpenditureInput {
        slug: slug.into(),
        grant: "hava-2018-election-security".into(),
        recipient: "boone-county".into(),
        category: "cyber_security".into(),
        federal_amount: "100.00".into(),
        match_amount: "0".into(),
        date: "2025-02-01".into(),
        vendor: vendor.into(),
        description: "Monitoring service.".into(),
        security_details: details.into(),
        withholding_basis: if details.is_empty() { String::new() } else { "RSMo 610.021(21)".into() },
        withholding_statement: if details.is_empty() {
            String::new()
        } else {
            "Disclosure would show the network's configuration.".into()
        },
        internal_notes: String::new(),
    }
}

async fn official(app: &TestApp, email: &str) -> Account {
    accounts::find(&app.db, email).await.unwrap().unwrap()
}

async fn create(app: &TestApp, by: &Account, e: &ExpenditureInput) -> i64 {
    workflow::create_draft(&app.db, by, &ExpenditureDraft::try_from(e).unwrap().into(), "test").await.unwrap()
}

/// A Boone County expenditure draft with a canary in its restricted field,
/// drafted and submitted by the Boone reviewer. Returns (draft id, submission id).
async fn boone_submission(app: &TestApp) -> (i64, i64) {
    let reviewer = official(app, "reviewer@boone.example").await;
    let draft = create(app, &reviewer, &matrix_expenditure("matrix-spend", "Matrix Vendor", CANARY)).await;
    let (id, _) =
        workflow::submit(&app.db, &app.policy, &reviewer, app::model::RecordKind::Expenditure, draft, None, "test")
            .await
            .unwrap();
    (draft, id)
}

async fn every_officials_route_allows_and_denies_by_role_and_office(store: Store) {
    let app = spawn_app(store).await;
    people(&app).await;
    let (draft, sub) = boone_submission(&app).await;
    let author = session(&app, "author@boone.example").await;
    let reviewer = session(&app, "reviewer@boone.example").await;
    let clay = session(&app, "reviewer@clay.example").await;
    let admin = session(&app, "admin@sos.example").await;
    let gone = session(&app, "gone@boone.example").await;
    accounts::disable(&app.db, "gone@boone.example", "test", "test").await.unwrap();

    let draft_page = format!("/admin/drafts/expenditure/{draft}");
    let review_page = format!("/admin/review/{sub}");
    // (path, anonymous, author, boone reviewer, clay reviewer, admin, disabled)
    let gets: Vec<(String, [u16; 6])> = vec![
        ("/admin".into(), [200, 200, 200, 200, 200, 200]),
        ("/admin/sessions".into(), [401, 200, 200, 200, 200, 401]),
        ("/admin/account".into(), [401, 200, 200, 200, 200, 401]),
        ("/admin/new/update".into(), [401, 200, 200, 200, 200, 401]),
        ("/admin/new/expenditure".into(), [401, 200, 200, 200, 200, 401]),
        ("/admin/new/audit".into(), [401, 200, 200, 200, 200, 401]),
        ("/admin/new/grant".into(), [401, 200, 200, 200, 200, 401]),
        ("/admin/import".into(), [401, 200, 200, 200, 200, 401]),
        ("/admin/review".into(), [401, 403, 200, 200, 200, 401]),
        (review_page.clone(), [401, 403, 200, 404, 200, 401]),
        (draft_page.clone(), [401, 200, 200, 404, 200, 401]),
        ("/admin/activity".into(), [401, 403, 403, 403, 200, 401]),
        ("/admin/accounts".into(), [401, 403, 403, 403, 200, 401]),
        ("/admin/nothing-here".into(), [404, 404, 404, 404, 404, 404]),
    ];
    for (path, expected) in &gets {
        let pages = [
            app.get(path).await,
            author.get(path).await,
            reviewer.get(path).await,
            clay.get(path).await,
            admin.get(path).await,
            gone.get(path).await,
        ];
        for (who, (page, want)) in ["anonymous", "author", "reviewer", "clay reviewer", "admin", "disabled"]
            .iter()
            .zip(pages.iter().zip(expected))
        {
            assert_eq!(page.status, *want, "GET {path} as {who}: {}", text(&page.body));
            // A denial shows nothing of the record, and no restricted value ever.
            assert!(!page.body.contains(CANARY) || (*want == 200 && path == &draft_page), "GET {path} as {who} leaked");
            if *want != 200 {
                assert!(!page.body.contains("Matrix Vendor"), "GET {path} as {who} leaked the draft");
            }
        }
    }
    // State changes: anonymous and disabled are not signed in; an author may not
    // approve; the submitter may not approve; another county does not see it.
    let approve = format!("/admin/review/{sub}/approve");
    assert_eq!(
        app.client
            .post(format!("{}{approve}", app.base))
            .form(&[("csrf", "x")])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        401
    );
    assert_eq!(gone.post(&approve, &[]).await.status, 401);
    assert_eq!(author.post(&approve, &[]).await.status, 403);
    let own = reviewer.post(&approve, &[]).await;
    assert_eq!(own.status, 403);
    assert!(text(&own.body).contains("two-person rule"), "{}", text(&own.body));
    assert_eq!(clay.post(&approve, &[]).await.status, 404);
    assert_eq!(clay.post(&format!("/admin/review/{sub}/return"), &[("comment", "no")]).await.status, 404);
    // exp-001 is the state office's: a county official cannot ask to retract it.
    assert_eq!(
        author
            .post(
                "/admin/retractions",
                &[
                    ("retract-kind", "expenditure"),
                    ("retract-slug", "exp-001"),
                    ("reason", "Not this office's record, should fail.")
                ]
            )
            .await
            .status,
        404
    );
    app.expect("/expenditures/matrix-spend", 404).await;
    let done = admin.post(&approve, &[]).await;
    assert_eq!(done.status, 200, "{}", text(&done.body));
    let public = app.expect("/expenditures/matrix-spend", 200).await;
    assert!(!public.contains(CANARY) && text(&public).contains("RSMo 610.021(21)"));
    // Every other state change, in order: (path, form, expected statuses as above).
    let author_account = official(&app, "author@boone.example").await;
    let draft2 = create(&app, &author_account, &matrix_expenditure("matrix-two", "Second Vendor", "")).await;
    let (returnable, _) = {
        let d = create(&app, &author_account, &matrix_expenditure("matrix-three", "Second Vendor", "")).await;
        workflow::submit(&app.db, &app.policy, &author_account, app::model::RecordKind::Expenditure, d, None, "test")
            .await
            .unwrap()
    };
    let update_form: Vec<(&str, &str)> = vec![
        ("slug", "matrix-update"),
        ("title", "Matrix"),
        ("date", "2025-01-01"),
        ("office", "boone-county"),
        ("body", "Text."),
    ];
    let save_form: Vec<(&str, &str)> = vec![
        ("grant", "hava-2018-election-security"),
        ("recipient", "boone-county"),
        ("category", "voter_education"),
        ("federal_amount", "1.00"),
        ("match_amount", "0"),
        ("date", "2025-02-02"),
        ("vendor", "Second Vendor"),
        ("description", "Guides."),
    ];
    let draft2_path = format!("/admin/drafts/expenditure/{draft2}");
    /// A route, its form, and the status each official gets.
    type Post<'a> = (String, Vec<(&'a str, &'a str)>, [u16; 6]);
    let posts: Vec<Post> = vec![
        ("/admin/sessions/end".into(), vec![("handle", "0000000000000000")], [401, 404, 404, 404, 404, 401]),
        ("/admin/new/update".into(), update_form.clone(), [401, 303, 303, 403, 303, 401]),
        (draft2_path.clone(), save_form.clone(), [401, 200, 200, 404, 200, 401]),
        (format!("{draft2_path}/submit"), vec![], [401, 200, 403, 404, 403, 401]),
        (
            format!("/admin/review/{returnable}/return"),
            vec![("comment", "Add the invoice.")],
            [401, 403, 303, 404, 400, 401],
        ),
        (
            format!("/admin/review/{sub}/override"),
            vec![("finding", "0"), ("reason-0", "A reason long enough.")],
            [401, 403, 403, 404, 404, 401],
        ),
        // exp-001 is the state's: a county official cannot see it; the state office may correct it.
        (
            "/admin/corrections".into(),
            vec![("kind", "expenditure"), ("slug", "exp-001")],
            [401, 404, 404, 404, 303, 401],
        ),
        // Any official of the office may ask; one request waits at a time.
        (
            "/admin/retractions".into(),
            vec![
                ("retract-kind", "expenditure"),
                ("retract-slug", "matrix-spend"),
                ("reason", "Entered by mistake; see the corrected record."),
            ],
            [401, 200, 400, 404, 400, 401],
        ),
        ("/admin/import".into(), vec![("kind", "spending"), ("csv", "")], [401, 400, 400, 400, 400, 401]),
        ("/admin/account/totp".into(), vec![("password", "not the password")], [401, 400, 400, 400, 400, 401]),
        (
            "/admin/account/password".into(),
            vec![("password", "not the password"), ("new", "a new password here"), ("repeat", "a new password here")],
            [401, 400, 400, 400, 400, 401],
        ),
        (
            "/admin/accounts/reset-2fa".into(),
            vec![("email", "gone@boone.example"), ("confirm", "gone@boone.example")],
            [401, 403, 403, 403, 200, 401],
        ),
        ("/admin/sign-out".into(), vec![], [401, 303, 303, 303, 303, 401]),
    ];
    for (path, form, expected) in &posts {
        let anonymous =
            app.client.post(format!("{}{path}", app.base)).form(form).send().await.unwrap().status().as_u16();
        let statuses = [
            anonymous,
            author.post(path, form).await.status,
            reviewer.post(path, form).await.status,
            clay.post(path, form).await.status,
            admin.post(path, form).await.status,
            gone.post(path, form).await.status,
        ];
        assert_eq!(&statuses, expected, "POST {path} as anonymous, author, reviewer, clay reviewer, admin, disabled");
    }
    // The author's retraction waits for another official's approval.
    assert_eq!(app.get("/expenditures/matrix-spend").await.status, 200, "a request alone retracts nothing");
    // (Everyone signed out above.)
    let (author, admin) = (session(&app, "author@boone.example").await, session(&app, "admin@sos.example").await);
    let retraction: i64 =
        app.count("SELECT MAX(id) FROM submissions WHERE action = 'retract' AND slug = 'matrix-spend'").await;
    let own = author.post(&format!("/admin/review/{retraction}/approve"), &[]).await;
    assert_eq!(own.status, 403, "an author does not approve");
    let done = admin.post(&format!("/admin/review/{retraction}/approve"), &[]).await;
    assert_eq!(done.status, 200, "{}", text(&done.body));
    assert_eq!(app.get("/expenditures/matrix-spend").await.status, 410, "the approved retraction took");
    // No route edits or deletes the activity log.
    let before = activity::list(&app.db, None, None, None, 10_000).await.unwrap().len();
    for method in [reqwest::Method::POST, reqwest::Method::PUT, reqwest::Method::DELETE, reqwest::Method::PATCH] {
        let res = app
            .client
            .request(method.clone(), format!("{}/admin/activity", app.base))
            .header("Cookie", format!("portal_session={}", admin.cookie))
            .form(&[("csrf", admin.csrf.as_str()), ("action", "sign-in")])
            .send()
            .await
            .unwrap();
        assert!(!res.status().is_success(), "{method} /admin/activity: {}", res.status());
    }
    let after = activity::list(&app.db, None, None, None, 10_000).await.unwrap();
    assert!(after.len() >= before && after.iter().any(|e| e.action == "publication"));
    let log = text(&admin.get("/admin/activity?action=publication").await.body);
    assert!(log.contains("admin@sos.example") && log.contains("matrix-spend"), "{log}");
}

async fn forged_and_cross_site_requests_are_refused(store: Store) {
    let app = spawn_app(store).await;
    people(&app).await;
    let author = session(&app, "author@boone.example").await;
    let form = [
        ("slug", "forged"),
        ("title", "Forged"),
        ("date", "2025-01-01"),
        ("office", "boone-county"),
        ("body", "Text."),
    ];
    let no_token = author.post("/admin/new/update", &[&form[..], &[("csrf", "")]].concat()).await;
    assert_eq!(no_token.status, 403);
    assert!(text(&no_token.body).contains("could not be checked"));
    let wrong = author.post("/admin/new/update", &[&form[..], &[("csrf", "0123")]].concat()).await;
    assert_eq!(wrong.status, 403);
    for (name, value) in [("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"), ("Origin", "null")] {
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        fields.push(("csrf", &author.csrf));
        let res = app
            .client
            .post(format!("{}/admin/new/update", app.base))
            .header("Cookie", format!("portal_session={}", author.cookie))
            .header(name, value)
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{name}: {value}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM draft_updates WHERE slug = 'forged'").await,
        0,
        "nothing forged was stored"
    );
    // The same form with its token, from the portal itself, works.
    let ok = author.post("/admin/new/update", &form).await;
    assert_eq!(ok.status, 303, "{}", text(&ok.body));
    // An oversized upload is refused with a plain message.
    let big = "x".repeat(100 * 1024);
    let res = author.post("/admin/import", &[("kind", "spending"), ("csv", &big)]).await;
    assert_eq!(res.status, 413);
    assert!(res.body.contains("too large"), "{}", res.body);
    // A pasted file with a mistake keeps the text and lists the mistake.
    let pasted = "grant,recipient,category,federal_amount,match_amount,date,vendor,description,security_details,withholding_basis,withholding_statement,internal_notes\n\
        hava-2018-election-security,boone-county,Voter Education,1.234,0,2025-01-01,V,D,,,,\n";
    let res = author.post("/admin/import", &[("kind", "spending"), ("csv", pasted)]).await;
    assert_eq!(res.status, 400);
    assert!(
        text(&res.body).contains("line 2, column 4 (federal_amount)")
            && res.body.contains("hava-2018-election-security,boone-county"),
        "{}",
        text(&res.body)
    );
    // Sign-in needs the token its own form set (no login CSRF).
    let res = app
        .client
        .post(format!("{}/admin/sign-in", app.base))
        .form(&[("email", "author@boone.example"), ("password", PASSWORD), ("token", "guess")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert!(set_cookie(&res, "portal_session").is_none());
}

async fn failed_sign_ins_are_throttled(store: Store) {
    // Behind a trusted proxy (this test's client at 127.0.0.1), the client is the
    // address the proxy names.
    let security =
        SiteSecurity { trusted_proxies: vec![IpRange::parse("127.0.0.1").unwrap()], ..crate::support::test_security() };
    let app = spawn_with(store, security).await;
    portal::demo::load(&app.db).await.unwrap();
    people(&app).await;
    let attacker = Some("198.51.100.66");
    for _ in 0..5 {
        let (status, body) =
            app.sign_in_from("author@boone.example", "wrong password!!", "", attacker).await.err().unwrap();
        assert_eq!(status, 401);
        assert!(text(&body).contains("not right"), "{}", text(&body));
        assert!(
            text(&body).contains("author@boone.example") || body.contains("value=\"author@boone.example\""),
            "the form keeps the address"
        );
    }
    let (status, body) = app.sign_in_from("author@boone.example", PASSWORD, "", attacker).await.err().unwrap();
    assert_eq!(status, 429, "even the right password waits, from that address");
    assert!(text(&body).contains("Too many failed sign-ins for this account"), "{}", text(&body));
    // The owner, elsewhere, is not locked out by the attacker.
    app.sign_in_from("author@boone.example", PASSWORD, "", Some("203.0.113.20")).await.expect("the owner signs in");
    // Other accounts are not locked by it, until one address fails too often.
    for i in 0..15 {
        let _ = app.sign_in_from(&format!("nobody{i}@boone.example"), "wrong password!!", "", attacker).await;
    }
    let (status, body) = app.sign_in_from("reviewer@boone.example", PASSWORD, "", attacker).await.err().unwrap();
    assert_eq!(status, 429);
    assert!(text(&body).contains("from this address"), "{}", text(&body));
    app.sign_in_from("reviewer@boone.example", PASSWORD, "", Some("203.0.113.21")).await.expect("elsewhere is fine");
    let failures = activity::list(&app.db, Some("sign-in.failed"), None, None, 100).await.unwrap();
    assert_eq!(failures.len(), 20, "one entry per checked failure");
    assert!(failures.iter().all(|e| e.source == "198.51.100.66"), "{failures:?}");
    // Throttled tries are counted, not logged one by one.
    for _ in 0..30 {
        let (status, _) =
            app.sign_in_from("author@boone.example", "wrong password!!", "", attacker).await.err().unwrap();
        assert_eq!(status, 429);
    }
    assert_eq!(activity::list(&app.db, Some("sign-in.failed"), None, None, 100).await.unwrap().len(), 20);
    let counted = app.count("SELECT throttled FROM sign_in_attempts WHERE key = 'address:198.51.100.66'").await;
    assert!(counted >= 30, "{counted}");
    // Without a trusted proxy, a client's own X-Forwarded-For is ignored.
    let plain = spawn_app(store).await;
    people(&plain).await;
    for forged in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"] {
        let _ = plain.sign_in_from("author@boone.example", "wrong password!!", "", Some(forged)).await;
    }
    let (status, _) = plain.sign_in_from("author@boone.example", PASSWORD, "", Some("10.9.9.9")).await.err().unwrap();
    assert_eq!(status, 429, "a forged header does not choose the address");
}

async fn concurrent_wrong_sign_ins_check_at_most_the_limit(store: Store) {
    let app = spawn_app(store).await;
    people(&app).await;
    let tries = futures::future::join_all((0..40).map(|_| {
        portal::officials::accounts::sign_in(
            &app.db,
            "author@boone.example",
            "wrong password!!",
            None,
            "192.0.2.50",
            "test",
        )
    }))
    .await;
    let checked = tries.iter().filter(|r| matches!(r, Err(AppError::Unauthorised(_)))).count();
    let throttled = tries.iter().filter(|r| matches!(r, Err(AppError::TooManyRequests(_)))).count();
    assert_eq!((checked, throttled), (5, 35), "{tries:?}");
    let failures = activity::list(&app.db, Some("sign-in.failed"), None, None, 100).await.unwrap();
    assert_eq!(failures.len(), 5);
    // The owner, from their own address, still signs in.
    portal::officials::accounts::sign_in(&app.db, "author@boone.example", PASSWORD, None, "192.0.2.51", "test")
        .await
        .expect("the owner is not locked out");
}

async fn sessions_rotate_expire_and_end(store: Store) {
    let app = spawn_app(store).await;
    people(&app).await;
    let first = session(&app, "author@boone.example").await;
    let second = session(&app, "author@boone.example").await;
    assert_ne!(first.cookie, second.cookie, "a new session id at every sign-in");
    assert_eq!(first.get("/admin/sessions").await.status, 200);
    let list = second.get("/admin/sessions").await;
    assert_eq!(list.body.matches("End session started").count(), 2, "an official sees their sessions");
    // Ending one session from the list ends it on the server.
    let other = list
        .body
        .split("<tr>")
        .filter(|row| row.contains("name=\"handle\"") && !row.contains("(this one)"))
        .find_map(|row| hidden(row, "handle"))
        .expect("the other session's row");
    assert_eq!(second.post("/admin/sessions/end", &[("handle", &other)]).await.status, 303);
    assert_eq!(first.get("/admin/sessions").await.status, 401, "the ended session no longer works");
    // Idle too long: the session ends.
    sqlx::query("UPDATE sessions SET last_seen = '2000-01-01T00:00:00Z'").execute(&app.raw).await.unwrap();
    assert_eq!(second.get("/admin/sessions").await.status, 401);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&app.raw).await.unwrap();
    assert_eq!(left, 0, "an expired session is removed on the server");
    // Too old, however busy: the session ends.
    let third = session(&app, "author@boone.example").await;
    sqlx::query("UPDATE sessions SET created_at = '2000-01-01T00:00:00Z'").execute(&app.raw).await.unwrap();
    assert_eq!(third.get("/admin/sessions").await.status, 401);
    // Signing out ends the session on the server, not just in the browser.
    let fourth = session(&app, "author@boone.example").await;
    let out = fourth.post("/admin/sign-out", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(fourth.get("/admin/sessions").await.status, 401);
    // The cookie is HttpOnly and SameSite=Strict.
    let page = app.client.get(format!("{}/admin", app.base)).send().await.unwrap();
    let token = set_cookie(&page, "portal_sign_in").unwrap();
    let html = page.text().await.unwrap();
    let res = app
        .client
        .post(format!("{}/admin/sign-in", app.base))
        .header("Cookie", format!("portal_sign_in={token}"))
        .form(&[
            ("email", "author@boone.example"),
            ("password", PASSWORD),
            ("code", ""),
            ("token", &hidden(&html, "token").unwrap()),
        ])
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("portal_session="))
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
}

/// Turns on two-step sign-in through the account page: the password, then a
/// code from the app. Returns the secret and the recovery codes page.
async fn turn_on_second_factor(s: &Session<'_>) -> (String, Page) {
    let page = s.post("/admin/account/totp", &[("password", PASSWORD)]).await;
    assert_eq!(page.status, 200, "{}", text(&page.body));
    let start = page.body.find("<code class=\"secret\">").unwrap() + "<code class=\"secret\">".len();
    let secret = page.body[start..start + 32].to_string();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let done = s.post("/admin/account/totp/confirm", &[("code", &totp::current(&secret, now))]).await;
    assert_eq!(done.status, 200, "{}", text(&done.body));
    (secret, done)
}

async fn second_factor_is_required_once_on(store: Store) {
    let app = spawn_app(store).await;
    people(&app).await;
    let s = session(&app, "reviewer@boone.example").await;
    // Someone holding the session, without the password, cannot turn it on.
    let refused = s.post("/admin/account/totp", &[("password", "not the password")]).await;
    assert_eq!(refused.status, 400);
    assert!(text(&refused.body).contains("current password"), "{}", text(&refused.body));
    // Nor without a code from the app.
    let started = s.post("/admin/account/totp", &[("password", PASSWORD)]).await;
    assert_eq!(started.status, 200);
    let unconfirmed = s.post("/admin/account/totp/confirm", &[("code", "12345")]).await;
    assert_eq!(unconfirmed.status, 400);
    app.sign_in("reviewer@boone.example", PASSWORD, "").await.expect("not on until confirmed with a code");
    let (secret, done) = turn_on_second_factor(&s).await;
    assert!(text(&done.body).contains("recovery codes"));
    let (status, _) = app.sign_in("reviewer@boone.example", PASSWORD, "").await.err().unwrap();
    assert_eq!(status, 401, "the password alone no longer signs in");
    // The code that turned it on has been used; the next step's code signs in.
    sqlx::query("UPDATE accounts SET totp_last_step = totp_last_step - 2 WHERE email = 'reviewer@boone.example'")
        .execute(&app.raw)
        .await
        .unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let code = totp::current(&secret, now);
    app.sign_in("reviewer@boone.example", PASSWORD, &code).await.unwrap();
    let log = activity::list(&app.db, Some("account.totp"), None, None, 5).await.unwrap();
    assert_eq!(log.len(), 1);
    // An administrator can require it: until it is on, the official may only turn it on.
    accounts::require_totp(&app.db, "author@boone.example", "admin@sos.example", "test").await.unwrap();
    let author = session(&app, "author@boone.example").await;
    let blocked = author.get("/admin/new/update").await;
    assert_eq!(blocked.status, 403);
    assert!(text(&blocked.body).contains("requires two-step sign-in"));
    assert_eq!(author.get("/admin/account").await.status, 200);
    turn_on_second_factor(&author).await;
    assert_eq!(author.get("/admin/new/update").await.status, 200);
}

async fn responses_carry_security_headers(store: Store) {
    let app = spawn_app(store).await;
    people(&app).await;
    // The planner is the page with a script (its hydration), under its nonce.
    let public = app.client.get(format!("{}/audits/planner", app.base)).send().await.unwrap();
    let csp = public.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(public.headers()["strict-transport-security"].to_str().unwrap().contains("max-age="));
    assert_eq!(public.headers()["x-content-type-options"], "nosniff");
    assert!(public.headers().contains_key("referrer-policy"));
    let body = public.text().await.unwrap();
    let nonce =
        hidden(&body.replace("nonce=\"", "name=\"nonce\" value=\""), "nonce").expect("the page has a script nonce");
    assert!(csp.contains(&format!("'nonce-{nonce}'")), "the policy allows the page's own scripts: {csp}");
    for part in ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"] {
        assert!(csp.contains(part), "{csp}");
    }
    assert!(!csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"), "{csp}");
    // A page without script runs none; a 304 keeps the reader's stored policy.
    let audits = app.client.get(format!("{}/audits", app.base)).send().await.unwrap();
    assert!(audits.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'none'"));
    let etag = audits.headers()["etag"].clone();
    let again = app.client.get(format!("{}/audits", app.base)).header("If-None-Match", etag).send().await.unwrap();
    assert_eq!(again.status().as_u16(), 304);
    assert!(!again.headers().contains_key("content-security-policy"));
    // Officials' pages: no scripts at all, never stored by shared caches.
    let s = session(&app, "author@boone.example").await;
    let res = app
        .client
        .get(format!("{}/admin/sessions", app.base))
        .header("Cookie", format!("portal_session={}", s.cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'none'"));
    assert!(!res.headers().contains_key("etag"));
}

async fn draft_findings_fix_submit_approve_and_correct_through_the_forms(store: Store) {
    let app = spawn_app(store).await;
    people(&app).await;
    let author = session(&app, "author@boone.example").await;
    let reviewer = session(&app, "reviewer@boone.example").await;
    let fields = |description: &'static str| {
        vec![
            ("slug", "web-spend"),
            ("grant", "hava-2018-election-security"),
            ("recipient", "boone-county"),
            ("category", "cyber_security"),
            ("federal_amount", "2500.00"),
            ("match_amount", "125"),
            ("date", "2025-03-03"),
            ("vendor", "Web Vendor LLC"),
            ("description", description),
            ("security_details", "Sensor sits on VLAN 40 beside the tabulator."),
            ("withholding_basis", "RSMo 610.021(21)"),
            ("withholding_statement", "Disclosure would show how the network is configured."),
            ("internal_notes", ""),
        ]
    };
    // A mistake keeps what was typed.
    let mut bad = fields("Intrusion detection at 192.168.10.5 for the counting room.");
    bad[4] = ("federal_amount", "25.001");
    let page = author.post("/admin/new/expenditure", &bad).await;
    assert_eq!(page.status, 400);
    assert!(
        page.body.contains("more than two decimals") && page.body.contains("Web Vendor LLC"),
        "{}",
        text(&page.body)
    );
    let created = author
        .post("/admin/new/expenditure", &fields("Intrusion detection at 192.168.10.5 for the counting room."))
        .await;
    assert_eq!(created.status, 303, "{}", text(&created.body));
    let id: i64 = sqlx::query_scalar("SELECT id FROM draft_expenditures WHERE slug = 'web-spend'")
        .fetch_one(&app.raw)
        .await
        .unwrap();
    let draft_path = format!("/admin/drafts/expenditure/{id}");
    let draft = text(&author.get(&draft_path).await.body);
    assert!(draft.contains("192.168.10.5") && draft.contains("ipv4"), "findings beside the text: {draft}");
    let refused = author.post(&format!("{draft_path}/submit"), &[]).await;
    assert!(text(&refused.body).contains("Not submitted"), "{}", text(&refused.body));
    // Fix the text, then submit.
    let saved = author.post(&draft_path, &fields("Intrusion detection for the counting room.")).await;
    assert!(
        text(&saved.body).contains("Draft saved") && text(&saved.body).contains("no defensive details"),
        "{}",
        text(&saved.body)
    );
    let submitted = author.post(&format!("{draft_path}/submit"), &[]).await;
    assert!(text(&submitted.body).contains("is waiting for a reviewer"), "{}", text(&submitted.body));
    let sub: i64 = sqlx::query_scalar("SELECT id FROM submissions WHERE draft_id = $1 AND record_kind = 'expenditure'")
        .bind(id)
        .fetch_one(&app.raw)
        .await
        .unwrap();
    let queue = text(&reviewer.get("/admin/review").await.body);
    assert!(queue.contains("web-spend"), "{queue}");
    let review = text(&reviewer.get(&format!("/admin/review/{sub}")).await.body);
    assert!(review.contains("Web Vendor LLC") && review.contains("2500.00"), "what changes: {review}");
    let approved = reviewer.post(&format!("/admin/review/{sub}/approve"), &[("publish_at", "")]).await;
    assert!(text(&approved.body).contains("Published web-spend version 1"), "{}", text(&approved.body));
    let public = app.expect("/expenditures/web-spend", 200).await;
    assert!(text(&public).contains("Web Vendor LLC") && !public.contains("VLAN 40"));
    // A correction starts from the published version and publishes version 2.
    let started = author.post("/admin/corrections", &[("kind", "expenditure"), ("slug", "web-spend")]).await;
    assert_eq!(started.status, 303);
    let id2: i64 = sqlx::query_scalar("SELECT MAX(id) FROM draft_expenditures WHERE slug = 'web-spend'")
        .fetch_one(&app.raw)
        .await
        .unwrap();
    let path2 = format!("/admin/drafts/expenditure/{id2}");
    let mut fixed = fields("Intrusion detection for the counting room.");
    fixed[4] = ("federal_amount", "2600.00");
    author.post(&path2, &fixed).await;
    let no_note = author.post(&format!("{path2}/submit"), &[]).await;
    assert!(text(&no_note.body).contains("correction needs a public note"), "{}", text(&no_note.body));
    let note = "The invoice was for $2,600, not $2,500.";
    author.post(&format!("{path2}/submit"), &[("correction_note", note)]).await;
    let sub2: i64 =
        sqlx::query_scalar("SELECT id FROM submissions WHERE draft_id = $1 AND record_kind = 'expenditure'")
            .bind(id2)
            .fetch_one(&app.raw)
            .await
            .unwrap();
    let review = text(&reviewer.get(&format!("/admin/review/{sub2}")).await.body);
    assert!(review.contains("2500.00") && review.contains("2600.00"), "the reviewer sees what changed: {review}");
    reviewer.post(&format!("/admin/review/{sub2}/approve"), &[]).await;
    let public = text(&app.expect("/expenditures/web-spend", 200).await);
    assert!(public.contains("Version 2") && public.contains(note) && public.contains("$2,600"), "{public}");
}

async fn audits_with_contests_and_grants_are_drafted_and_corrected_in_forms(store: Store) {
    let app = spawn_app(store).await;
    people(&app).await;
    let author = session(&app, "author@boone.example").await;
    let reviewer = session(&app, "reviewer@boone.example").await;
    let mut audit: Vec<(&str, &str)> = vec![
        ("slug", "boone-form-rla"),
        ("election", "2024-general"),
        ("jurisdiction", "boone-county"),
        ("audit_type", "ballot_polling"),
        ("math", "bravo"),
        ("risk_limit", "5"),
        ("started_on", "2024-11-12"),
        ("completed_on", "2024-11-13"),
        ("outcome", "confirmed"),
        ("summary", "The audit confirmed the reported winner of the sheriff's race."),
        ("contest-0-name", "Sheriff"),
        ("contest-0-winners", "Dana Ortiz"),
        ("contest-0-votes_allowed", "1"),
        ("contest-0-ballots_cast", "51000"),
        ("contest-0-reported_results", "Dana Ortiz=28000;Lee Park=23000"),
        ("contest-0-sample_size", "400"),
        ("contest-0-audited_results", "Dana Ortiz=240;Lee Park=160"),
        ("contest-0-p_value", "0.0026"),
        ("contest-0-risk_limit_met", "true"),
    ];
    let created = author.post("/admin/new/audit", &audit).await;
    assert_eq!(created.status, 303, "{}", text(&created.body));
    let id: i64 = sqlx::query_scalar("SELECT id FROM draft_audits WHERE slug = 'boone-form-rla'")
        .fetch_one(&app.raw)
        .await
        .unwrap();
    let path = format!("/admin/drafts/audit/{id}");
    let page = author.get(&path).await;
    assert!(page.body.contains("Dana Ortiz=28000;Lee Park=23000"), "the contest is in the form");
    assert!(text(&page.body).contains("Contest 2 (fill in to add one)"), "a blank contest to add another");
    // Add a second contest by filling the blank one and saving.
    audit.retain(|(k, _)| *k != "slug");
    audit.extend([
        ("contest-1-name", "Proposition A"),
        ("contest-1-winners", "Yes"),
        ("contest-1-votes_allowed", "1"),
        ("contest-1-ballots_cast", "50500"),
        ("contest-1-reported_results", "Yes=30000;No=20500"),
    ]);
    let saved = author.post(&path, &audit).await;
    assert!(text(&saved.body).contains("Draft saved"), "{}", text(&saved.body));
    assert!(text(&saved.body).contains("Contest 3 (fill in to add one)"));
    author.post(&format!("{path}/submit"), &[]).await;
    let sub: i64 = sqlx::query_scalar("SELECT id FROM submissions WHERE draft_id = $1 AND record_kind = 'audit'")
        .bind(id)
        .fetch_one(&app.raw)
        .await
        .unwrap();
    let review = text(&reviewer.get(&format!("/admin/review/{sub}")).await.body);
    assert!(review.contains("Sheriff") && review.contains("Proposition A"), "{review}");
    reviewer.post(&format!("/admin/review/{sub}/approve"), &[]).await;
    let public = text(&app.expect("/audits/boone-form-rla", 200).await);
    assert!(
        public.contains("Sheriff") && public.contains("Proposition A") && public.contains("Dana Ortiz"),
        "{public}"
    );

    // Correct the audit: the summary changes, with a public note.
    assert_eq!(author.post("/admin/corrections", &[("kind", "audit"), ("slug", "boone-form-rla")]).await.status, 303);
    let id2: i64 = sqlx::query_scalar("SELECT MAX(id) FROM draft_audits WHERE slug = 'boone-form-rla'")
        .fetch_one(&app.raw)
        .await
        .unwrap();
    let form = author.get(&format!("/admin/drafts/audit/{id2}")).await;
    assert!(form.body.contains("Proposition A"), "the correction starts from the published contests");
    let mut fixed = audit.clone();
    for f in fixed.iter_mut() {
        if f.0 == "summary" {
            f.1 = "The audit confirmed the reported winners of the sheriff's race and Proposition A.";
        }
    }
    author.post(&format!("/admin/drafts/audit/{id2}"), &fixed).await;
    author
        .post(
            &format!("/admin/drafts/audit/{id2}/submit"),
            &[("correction_note", "The summary now names both contests.")],
        )
        .await;
    let sub2: i64 = sqlx::query_scalar("SELECT id FROM submissions WHERE draft_id = $1 AND record_kind = 'audit'")
        .bind(id2)
        .fetch_one(&app.raw)
        .await
        .unwrap();
    assert!(text(&reviewer.get(&format!("/admin/review/{sub2}")).await.body).contains("and Proposition A"));
    reviewer.post(&format!("/admin/review/{sub2}/approve"), &[]).await;
    let public = text(&app.expect("/audits/boone-form-rla", 200).await);
    assert!(
        public.contains("The summary now names both contests.") && public.contains("and Proposition A"),
        "{public}"
    );

    // A grant, drafted and published the same way.
    let grant = [
        ("slug", "boone-2025-security"),
        ("program", "County election security fund"),
        ("funder", "Missouri Secretary of State"),
        ("recipient", "boone-county"),
        ("federal_amount", "0"),
        ("match_amount", "25000"),
        ("award_date", "2025-01-15"),
        ("period_start", "2025-01-15"),
        ("period_end", "2025-12-31"),
        ("source", "The state's award letter."),
    ];
    assert_eq!(author.post("/admin/new/grant", &grant).await.status, 303);
    let gid: i64 = sqlx::query_scalar("SELECT id FROM draft_grants WHERE slug = 'boone-2025-security'")
        .fetch_one(&app.raw)
        .await
        .unwrap();
    author.post(&format!("/admin/drafts/grant/{gid}/submit"), &[]).await;
    let gsub: i64 = sqlx::query_scalar("SELECT id FROM submissions WHERE draft_id = $1 AND record_kind = 'grant'")
        .bind(gid)
        .fetch_one(&app.raw)
        .await
        .unwrap();
    reviewer.post(&format!("/admin/review/{gsub}/approve"), &[]).await;
    assert!(text(&app.expect("/spending/boone-2025-security", 200).await).contains("County election security fund"));
    // Another county's official cannot draft for Boone County.
    let clay = session(&app, "reviewer@clay.example").await;
    let mut other = grant.to_vec();
    other[0] = ("slug", "clay-tries-boone");
    let refused = clay.post("/admin/new/grant", &other).await;
    assert_eq!(refused.status, 403, "{}", text(&refused.body));
}
