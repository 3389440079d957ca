//! The officials' workflow on SQLite and PostgreSQL: accounts and second factor,
//! the two-person rule, offices, scanner findings, scheduling, corrections and
//! retractions, all-or-nothing imports, and the append-only activity log.

use crate::support::{on_both_databases, spawn_app, text, Store, TestApp};
use app::model::RecordKind;
use portal::db::activity;
use portal::domain::account::{Account, Role};
use portal::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use portal::domain::review::SubmissionStatus;
use portal::error::AppError;
use portal::gate::policy::Policy;
use portal::officials::accounts;
use portal::officials::import::{self, ImportFailure};
use portal::officials::second_factor as totp;
use portal::officials::workflow::{self, Approval};

on_both_databases! {
    two_person_rule_and_offices_hold;
    blocking_findings_stop_approval_until_overridden;
    scheduled_approval_publishes_when_due;
    correction_publishes_version_two_with_its_note;
    import_is_all_or_nothing_with_line_and_column;
    import_creates_submissions_that_publish;
    activity_log_records_and_cannot_change;
    passwords_and_second_factor;
}

const PASSWORD: &str = "correct horse battery staple";

async fn official(app: &TestApp, email: &str, role: Role, office: Option<&str>) -> Account {
    accounts::add(&app.db, email, PASSWORD, role, office, "test", "test").await.unwrap();
    accounts::find(&app.db, email).await.unwrap().unwrap()
}

struct Officials {
    author: Account,
    reviewer: Account,
    clay_reviewer: Account,
    state_admin: Account,
}

async fn officials(app: &TestApp) -> Officials {
    Officials {
        author: official(app, "author@boone.example", Role::Author, Some("boone-county")).await,
        reviewer: official(app, "reviewer@boone.example", Role::Reviewer, Some("boone-county")).await,
        clay_reviewer: official(app, "reviewer@clay.example", Role::Reviewer, Some("clay-county")).await,
        state_admin: official(app, "admin@sos.example", Role::Admin, None).await,
    }
}

fn expenditure(slug: &str, recipient: &str, description: &str) -> ExpenditureInput {
    ExpenditureInput {
        slug: slug.into(),
        grant: "hava-2018-election-security".into(),
        recipient: recipient.into(),
        category: "voter_education".into(),
        federal_amount: "500".into(),
        match_amount: "25".into(),
        date: "2025-01-10".into(),
        vendor: "Plain Print Co.".into(),
        description: description.into(),
        ..Default::default()
    }
}

/// Stores a draft as `by` (the workflow's own entry point); returns its id.
async fn create(app: &TestApp, by: &Account, e: &ExpenditureInput) -> i64 {
    let draft = ExpenditureDraft::try_from(e).unwrap().into();
    workflow::create_draft(&app.db, by, &draft, "test").await.unwrap()
}

fn forbidden(e: AppError) -> String {
    match e {
        AppError::Forbidden(m) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn two_person_rule_and_offices_hold(store: Store) {
    let app = spawn_app(store).await;
    let policy = Policy::missouri();
    let o = officials(&app).await;
    let draft = create(&app, &o.reviewer, &expenditure("two-person", "boone-county", "Voter guides.")).await;
    let (id, findings) =
        workflow::submit(&app.db, &policy, &o.reviewer, RecordKind::Expenditure, draft, None, "test").await.unwrap();
    assert!(findings.is_empty());
    // The submitter cannot approve, whatever their role; nor can an author, nor
    // another county's reviewer.
    let own = forbidden(workflow::approve(&app.db, &policy, &o.reviewer, id, None, "test").await.unwrap_err());
    assert!(own.contains("two-person rule"), "{own}");
    let author = forbidden(workflow::approve(&app.db, &policy, &o.author, id, None, "test").await.unwrap_err());
    assert!(author.contains("only reviewers"), "{author}");
    let other = forbidden(workflow::approve(&app.db, &policy, &o.clay_reviewer, id, None, "test").await.unwrap_err());
    assert!(other.contains("clay-county"), "{other}");
    app.expect("/expenditures/two-person", 404).await;
    // A county's official cannot submit another county's draft, nor see it queued.
    let clay_draft = create(&app, &o.state_admin, &expenditure("clay-spend", "clay-county", "Ballot paper.")).await;
    let refused =
        workflow::submit(&app.db, &policy, &o.author, RecordKind::Expenditure, clay_draft, None, "test").await;
    assert!(forbidden(refused.unwrap_err()).contains("not for clay-county"));
    let queue = workflow::queue(&app.db, Some(&o.clay_reviewer)).await.unwrap();
    assert!(queue.iter().all(|s| s.jurisdiction == "clay-county"), "{queue:?}");
    // The state's office acts everywhere; its approval publishes.
    let approval = workflow::approve(&app.db, &policy, &o.state_admin, id, None, "test").await.unwrap();
    assert!(matches!(approval, Approval::Published(ref p) if p.version == 1), "{approval:?}");
    assert!(text(&app.expect("/expenditures/two-person", 200).await).contains("Plain Print Co."));
    // A disabled account can no longer act.
    accounts::disable(&app.db, "reviewer@clay.example", "test", "test").await.unwrap();
    let disabled = accounts::find(&app.db, "reviewer@clay.example").await.unwrap().unwrap();
    let (clay_id, _) =
        workflow::submit(&app.db, &policy, &o.state_admin, RecordKind::Expenditure, clay_draft, None, "test")
            .await
            .unwrap();
    let e = forbidden(workflow::approve(&app.db, &policy, &disabled, clay_id, None, "test").await.unwrap_err());
    assert!(e.contains("disabled"), "{e}");
    // A disabled account's right password gets the same answer as a wrong one.
    let right = sign_in(&app, "reviewer@clay.example", PASSWORD, None, "192.0.2.1").await.unwrap_err();
    let wrong = sign_in(&app, "reviewer@clay.example", "not the password", None, "192.0.2.2").await.unwrap_err();
    assert_eq!(right.to_string(), wrong.to_string());
    // Nor can an author draft for another county.
    let e = ExpenditureDraft::try_from(&expenditure("elsewhere", "clay-county", "Stickers.")).unwrap().into();
    let refused = workflow::create_draft(&app.db, &o.author, &e, "test").await.unwrap_err();
    assert!(forbidden(refused).contains("not for clay-county"));
}

async fn blocking_findings_stop_approval_until_overridden(store: Store) {
    let app = spawn_app(store).await;
    let policy = Policy::missouri();
    let o = officials(&app).await;
    let draft = create(
        &app,
        &o.author,
        &expenditure("leaky", "boone-county", "Replaced the switch at 10.20.4.17 in the counting room."),
    )
    .await;
    let (id, findings) =
        workflow::submit(&app.db, &policy, &o.author, RecordKind::Expenditure, draft, None, "test").await.unwrap();
    let ip = findings.iter().find(|f| f.rule == "ipv4").expect("the scanner names the address");
    assert_eq!(ip.field, "description");
    let refused = workflow::approve(&app.db, &policy, &o.reviewer, id, None, "test").await.unwrap_err();
    assert!(refused.to_string().contains("publication refused"), "{refused}");
    app.expect("/expenditures/leaky", 404).await;
    // The submitter may not override their own submission's finding.
    let own =
        workflow::override_finding(&app.db, &policy, &o.author, id, ip, "It is fine, trust me on this one.", "test")
            .await;
    assert!(matches!(own, Err(AppError::Forbidden(_))), "{own:?}");
    workflow::override_finding(
        &app.db,
        &policy,
        &o.reviewer,
        id,
        ip,
        "This is the public demo network address printed on the county's website.",
        "test",
    )
    .await
    .unwrap();
    workflow::approve(&app.db, &policy, &o.reviewer, id, None, "test").await.unwrap();
    app.expect("/expenditures/leaky", 200).await;
}

async fn scheduled_approval_publishes_when_due(store: Store) {
    let app = spawn_app(store).await;
    let policy = Policy::missouri();
    let o = officials(&app).await;
    let draft = create(&app, &o.author, &expenditure("scheduled", "boone-county", "Poll worker training.")).await;
    let (id, _) =
        workflow::submit(&app.db, &policy, &o.author, RecordKind::Expenditure, draft, None, "test").await.unwrap();
    let bad = workflow::approve(&app.db, &policy, &o.reviewer, id, Some("next tuesday"), "test").await.unwrap_err();
    assert!(bad.to_string().contains("not a time"), "{bad}");
    use portal::domain::values::Timestamp;
    let soon = Timestamp::now().plus_seconds(2).to_seconds_string();
    let approval = workflow::approve(&app.db, &policy, &o.reviewer, id, Some(&soon), "test").await.unwrap();
    assert_eq!(approval, Approval::Scheduled(soon.clone()));
    assert_eq!(workflow::publish_due(&app.db, &policy).await.unwrap(), 0, "not yet");
    app.expect("/expenditures/scheduled", 404).await;
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    // The server's own timer may have published it already; either way, once.
    assert!(workflow::publish_due(&app.db, &policy).await.unwrap() <= 1);
    assert_eq!(workflow::publish_due(&app.db, &policy).await.unwrap(), 0, "never twice");
    app.expect("/expenditures/scheduled", 200).await;
    assert_eq!(workflow::submission(&app.db, id).await.unwrap().unwrap().status, SubmissionStatus::Published);
}

async fn correction_publishes_version_two_with_its_note(store: Store) {
    let app = spawn_app(store).await;
    let policy = Policy::missouri();
    let o = officials(&app).await;
    let original = expenditure("corrected", "boone-county", "Voter guides.");
    let draft = create(&app, &o.author, &original).await;
    let (id, _) =
        workflow::submit(&app.db, &policy, &o.author, RecordKind::Expenditure, draft, None, "test").await.unwrap();
    workflow::approve(&app.db, &policy, &o.reviewer, id, None, "test").await.unwrap();
    let mut fixed = original.clone();
    fixed.federal_amount = "600".into();
    let draft = create(&app, &o.author, &fixed).await;
    let missing =
        workflow::submit(&app.db, &policy, &o.author, RecordKind::Expenditure, draft, None, "test").await.unwrap_err();
    assert!(missing.to_string().contains("correction needs a public note"), "{missing}");
    let note = "The federal amount was entered from the wrong invoice.";
    let (id, _) = workflow::submit(&app.db, &policy, &o.author, RecordKind::Expenditure, draft, Some(note), "test")
        .await
        .unwrap();
    let approval = workflow::approve(&app.db, &policy, &o.reviewer, id, None, "test").await.unwrap();
    assert!(matches!(approval, Approval::Published(ref p) if p.version == 2));
    let page = text(&app.expect("/expenditures/corrected", 200).await);
    assert!(page.contains(note) && page.contains("Federal amount $600 "), "{page}");
    assert!(text(&app.expect("/expenditures/corrected/v/1", 200).await).contains("Federal amount $500 "));
    // Returning and retracting need a reviewer of the office.
    let draft = create(&app, &o.author, &expenditure("returned", "boone-county", "Stickers.")).await;
    let (id, _) =
        workflow::submit(&app.db, &policy, &o.author, RecordKind::Expenditure, draft, None, "test").await.unwrap();
    assert!(workflow::return_to_author(&app.db, &o.author, id, "no", "test").await.is_err());
    workflow::return_to_author(&app.db, &o.reviewer, id, "Attach the invoice number.", "test").await.unwrap();
    let s = workflow::submission(&app.db, id).await.unwrap().unwrap();
    assert_eq!(
        (s.status, s.review_comment.as_deref()),
        (SubmissionStatus::Returned, Some("Attach the invoice number."))
    );
    assert!(
        workflow::approve(&app.db, &policy, &o.state_admin, id, None, "test").await.is_err(),
        "returned is not pending"
    );
    let reason = "Entered twice; the same purchase is published as exp-001.";
    let elsewhere = workflow::request_retraction(
        &app.db,
        &policy,
        &o.clay_reviewer,
        RecordKind::Expenditure,
        "corrected",
        reason,
        "test",
    )
    .await;
    assert!(matches!(elsewhere, Err(AppError::NotFound)), "{elsewhere:?}");
    let asked = workflow::request_retraction(
        &app.db,
        &policy,
        &o.reviewer,
        RecordKind::Expenditure,
        "corrected",
        reason,
        "test",
    )
    .await
    .unwrap();
    app.expect("/expenditures/corrected", 200).await;
    let own = forbidden(workflow::approve(&app.db, &policy, &o.reviewer, asked, None, "test").await.unwrap_err());
    assert!(own.contains("two-person rule"), "{own}");
    let done = workflow::approve(&app.db, &policy, &o.state_admin, asked, None, "test").await.unwrap();
    assert_eq!(done, Approval::Retracted(2));
    assert_eq!(app.get("/expenditures/corrected").await.status, 410);
}

async fn import_is_all_or_nothing_with_line_and_column(store: Store) {
    let app = spawn_app(store).await;
    let policy = Policy::missouri();
    let o = officials(&app).await;
    let count = |app: &TestApp| {
        let raw = app.raw.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT (SELECT COUNT(*) FROM draft_expenditures) + (SELECT COUNT(*) FROM submissions)",
            )
            .fetch_one(&raw)
            .await
            .unwrap()
        }
    };
    let before = count(&app).await;
    let file = "grant,recipient,category,federal_amount,match_amount,date,vendor,description,security_details,withholding_basis,withholding_statement,internal_notes\n\
        hava-2018-election-security,boone-county,Voter Education,100.00,5.00,2025-01-02,Good Row Inc.,Fine.,,,,\n\
        hava-2018-election-security,boone-county,Snacks,12.345,5.00,2025-13-01,Bad Row Inc.,Bad.,,,,\n\
        no-such-grant,clay-county,Cyber Security,10,0,2025-01-03,Other,Other.,Firewall rules,,,\n\
        \"hava-2018-election-security\",boone-county,\"Voter Education\",\"1,000.00\",0,2025-01-04,\"Quoted, Inc.\",\"Multi\nline\",,,,\n";
    let Err(ImportFailure::Rows(errors)) = import::spending(&app.db, &policy, &o.author, file.as_bytes(), "test").await
    else {
        panic!("the file has mistakes");
    };
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let has = |needle: &str| assert!(shown.iter().any(|s| s.contains(needle)), "{needle} in {shown:#?}");
    has("line 3, column 3 (category): \"Snacks\" is not an EAC category");
    has("line 3, column 4 (federal_amount): \"12.345\" has more than two decimals");
    has("line 3, column 6 (date)");
    has("line 4, column 1 (grant): there is no grant \"no-such-grant\"");
    has("line 4, column 2 (recipient): author@boone.example acts for boone-county, not for clay-county");
    has("line 4, column 10 (withholding_basis)");
    assert!(!shown.iter().any(|s| s.starts_with("line 2") || s.starts_with("line 5")), "good rows pass: {shown:#?}");
    assert_eq!(count(&app).await, before, "nothing from a rejected file is stored");
    // A malformed header and a ragged row are reported too.
    let Err(ImportFailure::Rows(errors)) =
        import::spending(&app.db, &policy, &o.author, b"grant,recipient,colour\nx,y,z\n", "test").await
    else {
        panic!()
    };
    assert!(errors.iter().any(|e| e.to_string().contains("column 3 (colour): unknown column")), "{errors:?}");
    let ragged = "grant,recipient,category,federal_amount,match_amount,date,vendor,description,security_details,withholding_basis,withholding_statement,internal_notes\na,b\n";
    let Err(ImportFailure::Rows(errors)) =
        import::spending(&app.db, &policy, &o.author, ragged.as_bytes(), "test").await
    else {
        panic!()
    };
    assert!(errors[0].to_string().contains("line 2: this row has 2 cells; the header has 12"), "{errors:?}");
    assert_eq!(count(&app).await, before);
}

async fn import_creates_submissions_that_publish(store: Store) {
    let app = spawn_app(store).await;
    let policy = Policy::missouri();
    let o = officials(&app).await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates");
    let spending = std::fs::read(root.join("spending.csv")).unwrap();
    let created =
        import::spending(&app.db, &policy, &o.author, &spending, "test").await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(created.len(), 2);
    let audits = std::fs::read(root.join("audits.csv")).unwrap();
    let audit = import::audits(&app.db, &policy, &o.author, &audits, "test").await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(audit.len(), 1, "two rows, one audit");
    let queue = workflow::queue(&app.db, Some(&o.reviewer)).await.unwrap();
    assert_eq!(queue.len(), 3);
    for s in &queue {
        workflow::approve(&app.db, &policy, &o.reviewer, s.id, None, "test").await.unwrap();
    }
    let page = text(&app.expect("/audits/boone-county-2025-municipal-rla", 200).await);
    assert!(page.contains("Proposition 1") && page.contains("Ana Ruiz"), "{page}");
    assert!(page.contains("2025 Municipal"), "the new election is named from its slug: {page}");
    let (_, grant) = (0, text(&app.expect("/spending/hava-2018-election-security?recipient=boone-county", 200).await));
    assert!(grant.contains("Columbia Print Works"));
    // The withheld detail is withheld; its notice is public.
    let monitored = created.iter().find(|c| c.slug.contains("show-me")).unwrap();
    let body = app.expect(&format!("/expenditures/{}", monitored.slug), 200).await;
    assert!(!body.contains("tabulation network segment"));
    assert!(text(&body).contains("RSMo 610.021(21)"));
}

async fn activity_log_records_and_cannot_change(store: Store) {
    let app = spawn_app(store).await;
    let policy = Policy::missouri();
    let o = officials(&app).await;
    let draft = create(&app, &o.author, &expenditure("logged", "boone-county", "Voter guides.")).await;
    let (id, _) = workflow::submit(&app.db, &policy, &o.author, RecordKind::Expenditure, draft, None, "203.0.113.7")
        .await
        .unwrap();
    let _ = workflow::approve(&app.db, &policy, &o.author, id, None, "cli").await;
    let _ = workflow::approve(&app.db, &policy, &o.reviewer, id, None, "cli").await;
    let _ = sign_in(&app, "author@boone.example", "wrong password!!", None, "192.0.2.9").await;
    let entries = activity::list(&app.db, None, None, None, 10_000).await.unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    for a in ["account.add", "submission.create", "publication"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let submitted = entries.iter().find(|e| e.action == "submission.create").unwrap();
    assert_eq!((submitted.actor.as_str(), submitted.source.as_str()), ("author@boone.example", "203.0.113.7"));
    assert!(
        activity::list(&app.db, Some("publication"), Some("reviewer@boone.example"), None, 10).await.unwrap().len()
            == 1
    );
    // The database itself refuses to change or remove an entry.
    let update = sqlx::query("UPDATE activity_log SET actor = 'someone else'").execute(&app.raw).await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = sqlx::query("DELETE FROM activity_log").execute(&app.raw).await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert_eq!(activity::list(&app.db, None, None, None, 10_000).await.unwrap().len(), entries.len());
}

async fn passwords_and_second_factor(store: Store) {
    let app = spawn_app(store).await;
    let short = accounts::add(&app.db, "x@boone.example", "short", Role::Author, Some("boone-county"), "t", "t").await;
    assert!(short.unwrap_err().to_string().contains("at least 12"));
    let nowhere = accounts::add(&app.db, "y@boone.example", PASSWORD, Role::Author, Some("atlantis"), "t", "t").await;
    assert!(nowhere.unwrap_err().to_string().contains("no jurisdiction"));
    let a = official(&app, "Totp@Boone.example", Role::Reviewer, Some("boone-county")).await;
    assert_eq!(a.email, "totp@boone.example");
    let twice = accounts::add(&app.db, "totp@boone.example", PASSWORD, Role::Author, None, "t", "t").await;
    assert!(twice.unwrap_err().to_string().contains("already has an account"));
    let wrong = sign_in(&app, "totp@boone.example", "not the password", None, "192.0.2.1").await.unwrap_err();
    let unknown = sign_in(&app, "nobody@boone.example", PASSWORD, None, "192.0.2.1").await.unwrap_err();
    assert_eq!(wrong.to_string(), unknown.to_string(), "refusals do not say which part was wrong");
    // Turning on the second factor takes the password, then a code from the app.
    let refused = accounts::begin_totp(&app.db, &a, "not the password").await.unwrap_err();
    assert!(refused.to_string().contains("current password"), "{refused}");
    let secret = accounts::begin_totp(&app.db, &a, PASSWORD).await.unwrap();
    let wrong_code = if totp::current(&secret, 0) == "000000" { "000001" } else { "000000" };
    assert!(accounts::confirm_totp(&app.db, &a, wrong_code, "test").await.is_err());
    sign_in(&app, "totp@boone.example", PASSWORD, None, "192.0.2.3").await.expect("not on until confirmed");
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let codes = accounts::confirm_totp(&app.db, &a, &totp::current(&secret, now()), "test").await.unwrap();
    assert_eq!(codes.len(), 10);
    let a = accounts::find(&app.db, "totp@boone.example").await.unwrap().unwrap();
    assert!(sign_in(&app, "totp@boone.example", PASSWORD, None, "192.0.2.4").await.is_err(), "the code is required");
    assert!(sign_in(&app, "totp@boone.example", PASSWORD, Some(wrong_code), "192.0.2.4").await.is_err());
    // A code works once (RFC 6238 section 5.2): the one that turned the factor on
    // cannot sign in, and a code used to sign in cannot be used again.
    let code = totp::current(&secret, now());
    if totp::current(&secret, now() - 30) != code {
        assert!(sign_in(&app, "totp@boone.example", PASSWORD, Some(&code), "192.0.2.5").await.is_err());
    }
    sqlx::query("UPDATE accounts SET totp_last_step = totp_last_step - 2 WHERE email = 'totp@boone.example'")
        .execute(&app.raw)
        .await
        .unwrap();
    let code = totp::current(&secret, now());
    sign_in(&app, "totp@boone.example", PASSWORD, Some(&code), "192.0.2.6").await.unwrap();
    let replay = sign_in(&app, "totp@boone.example", PASSWORD, Some(&code), "192.0.2.7").await.unwrap_err();
    assert_eq!(replay.to_string(), wrong.to_string());
    // A recovery code works once, even when two sign-ins race with it.
    let racing = futures::future::join_all((0..4).map(|i| {
        sign_in(
            &app,
            "totp@boone.example",
            PASSWORD,
            Some(&codes[0]),
            ["192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13"][i],
        )
    }))
    .await;
    assert_eq!(racing.iter().filter(|r| r.is_ok()).count(), 1, "{racing:?}");
    sign_in(&app, "totp@boone.example", PASSWORD, Some(&codes[1]), "192.0.2.14").await.unwrap();
    // New recovery codes (with the password) replace the old ones.
    let fresh = accounts::regenerate_recovery_codes(&app.db, &a, PASSWORD, "test").await.unwrap();
    assert!(sign_in(&app, "totp@boone.example", PASSWORD, Some(&codes[2]), "192.0.2.15").await.is_err());
    sign_in(&app, "totp@boone.example", PASSWORD, Some(&fresh[0]), "192.0.2.16").await.unwrap();
}

/// Signs in as the web and the command line do: throttled, then checked.
async fn sign_in(
    app: &TestApp,
    email: &str,
    password: &str,
    code: Option<&str>,
    from: &str,
) -> Result<Account, AppError> {
    accounts::sign_in(&app.db, email, password, code, from, "test").await
}
