//! The attacks that once worked against the gate and the workflow, replayed on
//! SQLite and PostgreSQL: each must now fail, and say why in plain words. The
//! README's hardening section states the rule each one proves.

use crate::support::{on_both_databases, slug, spawn_app, text, Store, TestApp};
use app::model::RecordKind;
use portal::domain::account::{Account, Role};
use portal::domain::draft::AnyDraft;
use portal::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use portal::domain::update::{UpdateDraft, UpdateInput};
use portal::domain::values::{Cents, Timestamp, VoteCount};
use portal::error::AppError;
use portal::gate::scanner::Severity;
use portal::officials::accounts;
use portal::officials::workflow::{self, Approval};

on_both_databases! {
    another_office_cannot_take_over_or_retract_a_record;
    every_public_text_is_scanned_and_shown_to_the_reviewer;
    the_two_person_rule_cannot_be_bypassed;
    the_reviewer_and_the_history_see_every_changed_field;
    retraction_needs_a_second_official_and_a_clean_reason;
    a_disabled_reviewers_scheduled_approvals_return_to_the_queue;
    a_county_administrator_reads_only_their_office_log;
    amounts_and_sizes_are_capped;
    csv_downloads_defuse_formula_cells;
    import_errors_do_not_reveal_other_offices;
    publication_times_honour_their_offsets;
}

const PASSWORD: &str = "correct horse battery staple";

struct People {
    boone_author: Account,
    boone_reviewer: Account,
    boone_reviewer2: Account,
    clay_author: Account,
    clay_reviewer: Account,
    state_author: Account,
    state_reviewer: Account,
}

async fn add(app: &TestApp, email: &str, role: Role, office: Option<&str>) -> Account {
    accounts::add(&app.db, email, PASSWORD, role, office, "test", "test").await.unwrap();
    accounts::find(&app.db, email).await.unwrap().unwrap()
}

async fn people(app: &TestApp) -> People {
    People {
        boone_author: add(app, "author@boone.example", Role::Author, Some("boone-county")).await,
        boone_reviewer: add(app, "reviewer@boone.example", Role::Reviewer, Some("boone-county")).await,
        boone_reviewer2: add(app, "second@boone.example", Role::Reviewer, Some("boone-county")).await,
        clay_author: add(app, "author@clay.example", Role::Author, Some("clay-county")).await,
        clay_reviewer: add(app, "reviewer@clay.example", Role::Reviewer, Some("clay-county")).await,
        state_author: add(app, "author@sos.example", Role::Author, None).await,
        state_reviewer: add(app, "reviewer@sos.example", Role::Reviewer, None).await,
    }
}

fn refusal(e: AppError) -> String {
    match e {
        AppError::Forbidden(m) | AppError::Unauthorised(m) => m,
        e @ (AppError::Validation { .. } | AppError::Fields(_)) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn demo_audit(s: &str) -> portal::domain::audit::AuditDraft {
    portal::demo::audits().into_iter().find(|a| a.slug.as_str() == s).unwrap()
}

fn spend(slug: &str, recipient: &str, description: &str) -> ExpenditureInput {
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

fn draft_of(e: &ExpenditureInput) -> AnyDraft {
    ExpenditureDraft::try_from(e).unwrap_or_else(|e| panic!("{e:?}")).into()
}

fn update(slug: &str, office: &str, title: &str, body: &str) -> AnyDraft {
    let input = UpdateInput {
        slug: slug.into(),
        title: title.into(),
        body: body.into(),
        office: office.into(),
        date: "2025-03-01".into(),
        internal_notes: String::new(),
    };
    UpdateDraft::try_from(&input).unwrap_or_else(|e| panic!("{e:?}")).into()
}

/// Drafts and submits as `by`; returns (submission, draft, findings).
async fn submit_as(
    app: &TestApp,
    by: &Account,
    draft: AnyDraft,
    note: Option<&str>,
) -> (i64, i64, Vec<portal::gate::scanner::Finding>) {
    let id = workflow::create_draft(&app.db, by, &draft, "test").await.unwrap_or_else(|e| panic!("{e:?}"));
    let (sid, found) = workflow::submit(&app.db, &app.policy, by, draft.kind(), id, note, "test")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    (sid, id, found)
}

async fn another_office_cannot_take_over_or_retract_a_record(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    let audit_slug = "boone-county-2024-general-rla";
    // Clay County drafts "version 2" of Boone County's published audit under its slug.
    let mut hijack = demo_audit(audit_slug);
    hijack.jurisdiction = slug("clay-county");
    hijack.outcome = app::model::Outcome::FullHandCount;
    let taken = refusal(workflow::create_draft(&app.db, &p.clay_author, &hijack.into(), "test").await.unwrap_err());
    assert!(taken.contains("is taken"), "{taken}");
    let without_slug = taken.replace(audit_slug, "");
    assert!(!without_slug.to_lowercase().contains("boone"), "the refusal names no office: {taken}");
    // …and of the state's HAVA grant, to send it to Clay County for $1.
    let mut grant = portal::demo::grants().into_iter().find(|g| g.slug.as_str() == portal::demo::GRANT_SLUG).unwrap();
    grant.recipient = slug("clay-county");
    grant.federal = Cents::new(100).unwrap();
    let taken = refusal(workflow::create_draft(&app.db, &p.clay_author, &grant.into(), "test").await.unwrap_err());
    assert!(taken.contains("is taken"), "{taken}");
    // An unpublished draft of another office gets the same answer: nothing is revealed.
    workflow::create_draft(&app.db, &p.boone_author, &update("boone-plans", "boone-county", "Plans", "Soon."), "test")
        .await
        .unwrap();
    let unpublished = refusal(
        workflow::create_draft(
            &app.db,
            &p.clay_author,
            &update("boone-plans", "clay-county", "Plans", "Soon."),
            "test",
        )
        .await
        .unwrap_err(),
    );
    assert_eq!(unpublished.replace("boone-plans", "X"), taken.replace(portal::demo::GRANT_SLUG, "X"));
    // Clay can neither start a correction of Boone's audit nor ask to retract it.
    let correction = workflow::start_correction(&app.db, &p.clay_author, RecordKind::Audit, audit_slug, "test").await;
    assert!(matches!(correction, Err(AppError::NotFound)), "{correction:?}");
    let reason = "Withdrawn: this is another county's record.";
    let retraction = workflow::request_retraction(
        &app.db,
        &app.policy,
        &p.clay_reviewer,
        RecordKind::Audit,
        audit_slug,
        reason,
        "test",
    )
    .await;
    assert!(matches!(retraction, Err(AppError::NotFound)), "{retraction:?}");
    // A version that moves the record to another office needs a state-office reviewer.
    let id = workflow::start_correction(&app.db, &p.state_author, RecordKind::Audit, audit_slug, "test").await.unwrap();
    let AnyDraft::Audit(mut moved) =
        workflow::load_draft(&app.db, &p.state_author, RecordKind::Audit, id).await.unwrap()
    else {
        panic!("an audit")
    };
    moved.jurisdiction = slug("clay-county");
    workflow::edit_draft(&app.db, &p.state_author, id, &moved.into(), "test").await.unwrap();
    let note = "The audit was entered under the wrong county.";
    let (sid, _) = workflow::submit(&app.db, &app.policy, &p.state_author, RecordKind::Audit, id, Some(note), "test")
        .await
        .unwrap();
    let boone =
        refusal(workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap_err());
    assert!(boone.contains("not for clay-county"), "{boone}");
    let clay = refusal(workflow::approve(&app.db, &app.policy, &p.clay_reviewer, sid, None, "test").await.unwrap_err());
    assert!(clay.contains("another office"), "{clay}");
    app.expect(&format!("/audits/{audit_slug}/v/3"), 404).await;
    let moved = workflow::approve(&app.db, &app.policy, &p.state_reviewer, sid, None, "test").await.unwrap();
    assert!(matches!(moved, Approval::Published(ref x) if x.version == 3), "{moved:?}");
    // The rule is checked again inside the publication's transaction: a slug that
    // changed hands after submission is refused at approval.
    let (sid, _, _) =
        submit_as(&app, &p.boone_author, update("boone-notice", "boone-county", "Notice", "Text."), None).await;
    sqlx::query("UPDATE record_owners SET office_slug = 'clay-county' WHERE slug = 'boone-notice'")
        .execute(&app.raw)
        .await
        .unwrap();
    let late =
        refusal(workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap_err());
    assert!(late.contains("another office"), "{late}");
    app.expect("/updates/boone-notice", 404).await;
}

async fn every_public_text_is_scanned_and_shown_to_the_reviewer(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    let statement = "Disclosing that the firewall at 10.20.4.17 runs FortiOS 6.0.4 (CVE-2023-27997, admin password \
                     Spring2024!) would impair the office's ability to protect its systems.";
    let mut e = spend("leaky-statement", "boone-county", "Firewall support.");
    e.category = "cyber_security".into();
    e.security_details = "Support contract covers the perimeter firewall.".into();
    e.withholding_basis = "RSMo 610.021(21)".into();
    e.withholding_statement = statement.into();
    let (sid, _, found) = submit_as(&app, &p.boone_author, draft_of(&e), None).await;
    let in_statement: Vec<_> = found.iter().filter(|f| f.field == "withholding_statement").collect();
    assert!(in_statement.iter().filter(|f| f.severity == Severity::Block).count() >= 3, "{found:#?}");
    let refused = workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap_err();
    assert!(refused.to_string().contains("withholding_statement"), "{refused}");
    app.expect("/expenditures/leaky-statement", 404).await;
    // The reviewer's page shows the statement and its legal basis, and the findings.
    let reviewer = app.sign_in("reviewer@boone.example", PASSWORD, "").await.unwrap();
    let page = text(&reviewer.get(&format!("/admin/review/{sid}")).await.body);
    assert!(page.contains("withholding 1 statement") && page.contains("FortiOS 6.0.4"), "{page}");
    assert!(page.contains("withholding 1 basis RSMo 610.021(21)"), "{page}");
    // A correction note is public text too.
    let (sid, _, _) =
        submit_as(&app, &p.boone_author, draft_of(&spend("noted", "boone-county", "Guides.")), None).await;
    workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap();
    let mut fixed = spend("noted", "boone-county", "Guides.");
    fixed.federal_amount = "600".into();
    let note = "Corrected after the switch at 10.9.9.9 was replaced; the vault door code is 4821#.";
    let (sid, _, found) = submit_as(&app, &p.boone_author, draft_of(&fixed), Some(note)).await;
    assert!(found.iter().any(|f| f.field == "correction_note" && f.severity == Severity::Block), "{found:#?}");
    assert!(workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.is_err());
    // The whole secret, not its four digits alone: a record's hash or timestamp on the
    // page may hold "4821" by chance.
    let page = app.expect("/expenditures/noted", 200).await;
    assert!(!page.contains("4821#") && !page.contains("vault door code") && !page.contains("10.9.9.9"), "{page}");
    // An update's body is scanned as written and as shown: HTML character
    // references cannot hide an address or a password.
    let hidden = "The new switch is at 10&#46;20&#46;4&#46;17 and the pass&#119;ord is Spring2024!";
    let (_, _, found) =
        submit_as(&app, &p.boone_author, update("entities", "boone-county", "Network", hidden), None).await;
    for rule in ["ipv4", "credential"] {
        assert!(found.iter().any(|f| f.rule == rule && f.severity == Severity::Block), "{rule}: {found:#?}");
    }
    // Markdown escapes are read as the page shows them.
    let escaped = "The tabulation server is at 10\\.9\\.9\\.9 this year.";
    let (_, _, found) =
        submit_as(&app, &p.boone_author, update("escaped", "boone-county", "Network", escaped), None).await;
    assert!(found.iter().any(|f| f.rule == "ipv4"), "{found:#?}");
}

async fn the_two_person_rule_cannot_be_bypassed(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    // (a) A reviewer edits an author's unsubmitted draft; the author submits; the
    // reviewer, the real author of the change, may not approve it.
    let id =
        workflow::create_draft(&app.db, &p.boone_author, &draft_of(&spend("edited", "boone-county", "A.")), "test")
            .await
            .unwrap();
    workflow::edit_draft(&app.db, &p.boone_reviewer, id, &draft_of(&spend("edited", "boone-county", "B.")), "test")
        .await
        .unwrap();
    let (sid, _) = workflow::submit(&app.db, &app.policy, &p.boone_author, RecordKind::Expenditure, id, None, "test")
        .await
        .unwrap();
    let own = refusal(workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap_err());
    assert!(own.contains("two-person rule"), "{own}");
    workflow::approve(&app.db, &app.policy, &p.boone_reviewer2, sid, None, "test").await.unwrap();
    // (b) A submitter overrides their own finding through an older, returned
    // submission of the same draft: refused, and overrides belong to one submission.
    let leaky = spend("override-me", "boone-county", "Replaced the switch at 10.20.4.17.");
    let (first, draft, found) = submit_as(&app, &p.boone_reviewer, draft_of(&leaky), None).await;
    let ip = found.iter().find(|f| f.severity == Severity::Block).unwrap().clone();
    workflow::return_to_author(&app.db, &p.boone_reviewer2, first, "Please check the description.", "test")
        .await
        .unwrap();
    let (second, _) =
        workflow::submit(&app.db, &app.policy, &p.boone_reviewer, RecordKind::Expenditure, draft, None, "test")
            .await
            .unwrap();
    let reason = "It is the public demo address printed on our website.";
    for old_or_new in [first, second] {
        let tried =
            workflow::override_finding(&app.db, &app.policy, &p.boone_reviewer, old_or_new, &ip, reason, "test").await;
        assert!(matches!(tried, Err(AppError::Forbidden(_))), "{tried:?}");
    }
    // Another reviewer's override of the returned submission does not carry over.
    let stale = workflow::override_finding(&app.db, &app.policy, &p.boone_reviewer2, first, &ip, reason, "test").await;
    assert!(stale.is_err(), "a returned submission's findings are not decided: {stale:?}");
    let blocked = workflow::approve(&app.db, &app.policy, &p.boone_reviewer2, second, None, "test").await.unwrap_err();
    assert!(blocked.to_string().contains("publication refused"), "{blocked}");
    // What is approved is what was submitted: a draft changed behind the
    // workflow's back (its frozen fingerprint no longer matches) is refused.
    let (sid, draft, _) =
        submit_as(&app, &p.boone_author, draft_of(&spend("frozen", "boone-county", "Guides.")), None).await;
    sqlx::query(&format!("UPDATE draft_expenditures SET federal_cents = 1 WHERE id = {draft}"))
        .execute(&app.raw)
        .await
        .unwrap();
    let changed = workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap_err();
    assert!(changed.to_string().contains("no longer what was submitted"), "{changed}");
    app.expect("/expenditures/frozen", 404).await;
}

async fn the_reviewer_and_the_history_see_every_changed_field(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    let audit_slug = "boone-county-2024-general-rla";
    // A correction that swaps two candidates' reported votes: the recomputed risk
    // contradicts the published claim, so it is refused at review, naming both
    // numbers, and no one can override that.
    let id = workflow::start_correction(&app.db, &p.boone_author, RecordKind::Audit, audit_slug, "test").await.unwrap();
    let AnyDraft::Audit(mut a) = workflow::load_draft(&app.db, &p.boone_author, RecordKind::Audit, id).await.unwrap()
    else {
        panic!("an audit")
    };
    let t = &mut a.contests[0].tallies;
    let (x, y) = (t[0].reported_votes, t[1].reported_votes);
    (t[0].reported_votes, t[1].reported_votes) = (y, x);
    workflow::edit_draft(&app.db, &p.boone_author, id, &a.into(), "test").await.unwrap();
    let note = "The two candidates' reported votes were entered in each other's rows.";
    let (swapped, found) =
        workflow::submit(&app.db, &app.policy, &p.boone_author, RecordKind::Audit, id, Some(note), "test")
            .await
            .unwrap();
    let math = found.iter().find(|f| f.rule == "risk-recomputed").unwrap_or_else(|| panic!("{found:#?}"));
    assert!(math.excerpt.contains("published p = 0.0176"), "{}", math.excerpt);
    let refused = workflow::approve(&app.db, &app.policy, &p.boone_reviewer, swapped, None, "test").await.unwrap_err();
    assert!(refused.to_string().contains("risk-recomputed"), "{refused}");
    let overridden = workflow::override_finding(
        &app.db,
        &app.policy,
        &p.boone_reviewer,
        swapped,
        math,
        "We are sure the published figure is right.",
        "test",
    )
    .await;
    assert!(matches!(overridden, Err(AppError::Forbidden(_))), "{overridden:?}");
    workflow::return_to_author(&app.db, &p.boone_reviewer, swapped, "The numbers contradict the claim.", "test")
        .await
        .unwrap();
    // A correction of one vote and one ballot, a date, and the loser's votes: the
    // claim still holds; the reviewer and the history see every field.
    let id = workflow::start_correction(&app.db, &p.boone_author, RecordKind::Audit, audit_slug, "test").await.unwrap();
    let AnyDraft::Audit(mut a) = workflow::load_draft(&app.db, &p.boone_author, RecordKind::Audit, id).await.unwrap()
    else {
        panic!("an audit")
    };
    a.contests[0].tallies[1].reported_votes = VoteCount::new(39_878).unwrap();
    a.contests[0].ballots_cast = VoteCount::new(92_416).unwrap();
    a.completed_on = Some(portal::domain::values::IsoDate::parse("2024-11-22").unwrap());
    workflow::edit_draft(&app.db, &p.boone_author, id, &a.into(), "test").await.unwrap();
    let note = "One provisional ballot was counted after the canvass.";
    let (sid, _) = workflow::submit(&app.db, &app.policy, &p.boone_author, RecordKind::Audit, id, Some(note), "test")
        .await
        .unwrap();
    let s = workflow::submission(&app.db, sid).await.unwrap().unwrap();
    let changes = workflow::changes(&app.db, &app.policy, &s).await.unwrap();
    let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    for f in
        ["contest 1 candidate 2 reported votes", "contest 1 ballots cast", "completed", "contest 1 recomputed p-value"]
    {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    // The reviewer's page shows them; the public history shows the same changes.
    let reviewer = app.sign_in("reviewer@boone.example", PASSWORD, "").await.unwrap();
    let page = text(&reviewer.get(&format!("/admin/review/{sid}")).await.body);
    assert!(page.contains("contest 1 candidate 2 reported votes 39877 39878"), "{page}");
    workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap();
    let public = text(&app.expect(&format!("/audits/{audit_slug}"), 200).await);
    assert!(public.contains("contest 1 candidate 2 reported votes 39877 39878"), "{public}");
    assert!(public.contains("contest 1 ballots cast 92415 92416"), "{public}");
    // Computed once, at publication: stored, not recomputed per view.
    let stored = app
        .count(&format!(
            "SELECT COUNT(*) FROM published_changes WHERE slug = '{audit_slug}' AND version = 3 \
             AND field = 'contest 1 ballots cast'"
        ))
        .await;
    assert_eq!(stored, 1);
}

async fn retraction_needs_a_second_official_and_a_clean_reason(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    let (sid, _, _) =
        submit_as(&app, &p.boone_author, draft_of(&spend("to-retract", "boone-county", "Guides.")), None).await;
    workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap();
    // A reason with defensive details is refused before anyone sees it.
    let leaky = "The vault door code is 4821# and the tabulation server is 10.9.9.9.";
    let refused = workflow::request_retraction(
        &app.db,
        &app.policy,
        &p.boone_reviewer,
        RecordKind::Expenditure,
        "to-retract",
        leaky,
        "test",
    )
    .await
    .unwrap_err();
    assert!(refused.to_string().contains("publication refused"), "{refused}");
    // One reviewer alone cannot retract: the request waits for a second official.
    let reason = "Entered twice; the same purchase is published as exp-001.";
    let asked = workflow::request_retraction(
        &app.db,
        &app.policy,
        &p.boone_reviewer,
        RecordKind::Expenditure,
        "to-retract",
        reason,
        "test",
    )
    .await
    .unwrap();
    app.expect("/expenditures/to-retract", 200).await;
    assert!(workflow::approve(&app.db, &app.policy, &p.boone_reviewer, asked, None, "test").await.is_err());
    assert_eq!(
        workflow::approve(&app.db, &app.policy, &p.boone_reviewer2, asked, None, "test").await.unwrap(),
        Approval::Retracted(1)
    );
    let tombstone = text(&app.get("/expenditures/to-retract").await.body);
    assert!(
        tombstone.contains(reason) && !tombstone.contains("4821#") && !tombstone.contains("vault door code"),
        "{tombstone}"
    );
    // A county cannot restore it; the state office can, as a new version.
    let id = workflow::start_correction(&app.db, &p.boone_author, RecordKind::Expenditure, "to-retract", "test").await;
    assert!(matches!(id, Err(AppError::NotFound)), "only the state office restores: {id:?}");
    let id = workflow::start_correction(&app.db, &p.state_author, RecordKind::Expenditure, "to-retract", "test")
        .await
        .unwrap();
    let note = "Restored: the purchase published as exp-001 was a different invoice.";
    let (sid, _) =
        workflow::submit(&app.db, &app.policy, &p.state_author, RecordKind::Expenditure, id, Some(note), "test")
            .await
            .unwrap();
    let county =
        refusal(workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap_err());
    assert!(county.contains("state-office reviewer"), "{county}");
    let restored = workflow::approve(&app.db, &app.policy, &p.state_reviewer, sid, None, "test").await.unwrap();
    assert!(matches!(restored, Approval::Published(ref x) if x.version == 2), "{restored:?}");
    let page = text(&app.expect("/expenditures/to-retract", 200).await);
    assert!(page.contains(note), "{page}");
}

async fn a_disabled_reviewers_scheduled_approvals_return_to_the_queue(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    let (sid, _, _) =
        submit_as(&app, &p.boone_author, draft_of(&spend("later", "boone-county", "Guides.")), None).await;
    let soon = Timestamp::now().plus_seconds(3600).to_seconds_string();
    let scheduled = workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, Some(&soon), "test").await.unwrap();
    assert_eq!(scheduled, Approval::Scheduled(soon));
    accounts::disable(&app.db, "reviewer@boone.example", "admin@sos.example", "test").await.unwrap();
    let s = workflow::submission(&app.db, sid).await.unwrap().unwrap();
    assert_eq!(s.status, portal::domain::review::SubmissionStatus::Pending, "back in the queue");
    assert_eq!(s.publish_at, None);
    // Even if its time had come, nothing is published in the disabled reviewer's name.
    sqlx::query(&format!(
        "UPDATE submissions SET status = 'scheduled', publish_at = '2000-01-01T00:00:00Z', reviewed_by = {} \
         WHERE id = {sid}",
        p.boone_reviewer.id
    ))
    .execute(&app.raw)
    .await
    .unwrap();
    assert_eq!(workflow::publish_due(&app.db, &app.policy).await.unwrap(), 0);
    app.expect("/expenditures/later", 404).await;
    let s = workflow::submission(&app.db, sid).await.unwrap().unwrap();
    assert_eq!(s.status, portal::domain::review::SubmissionStatus::Pending);
}

async fn a_county_administrator_reads_only_their_office_log(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    add(&app, "admin@boone.example", Role::Admin, Some("boone-county")).await;
    add(&app, "admin@sos.example", Role::Admin, None).await;
    // Clay County signs in (and fails once) and drafts.
    app.sign_in("author@clay.example", PASSWORD, "").await.unwrap();
    let _ = app.sign_in("author@clay.example", "wrong password!!", "").await;
    workflow::create_draft(
        &app.db,
        &p.clay_author,
        &update("clay-secret-plans", "clay-county", "Plans", "Soon."),
        "test",
    )
    .await
    .unwrap();
    workflow::create_draft(&app.db, &p.boone_author, &update("boone-plans", "boone-county", "Plans", "Soon."), "test")
        .await
        .unwrap();
    let boone_admin = app.sign_in("admin@boone.example", PASSWORD, "").await.unwrap();
    let log = text(&boone_admin.get("/admin/activity").await.body);
    assert!(log.contains("boone-plans"), "{log}");
    assert!(!log.contains("clay-secret-plans") && !log.contains("author@clay.example"), "{log}");
    let filtered = text(&boone_admin.get("/admin/activity?actor=author@clay.example").await.body);
    assert!(!filtered.contains("clay-secret-plans"), "{filtered}");
    let state_admin = app.sign_in("admin@sos.example", PASSWORD, "").await.unwrap();
    let all = text(&state_admin.get("/admin/activity").await.body);
    assert!(all.contains("clay-secret-plans") && all.contains("author@clay.example"), "{all}");
}

async fn amounts_and_sizes_are_capped(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    // The amount that once overflowed every sum is refused at the draft…
    let mut huge = spend("huge", "boone-county", "Guides.");
    huge.federal_amount = "92233720368547758.07".into();
    let e = ExpenditureDraft::try_from(&huge).unwrap_err();
    assert!(e.iter().any(|f| f.field == "federal_amount"), "{e:?}");
    // …at import, with its line and column…
    let file = format!(
        "grant,recipient,category,federal_amount,match_amount,date,vendor,description,security_details,\
         withholding_basis,withholding_statement,internal_notes\n\
         hava-2018-election-security,boone-county,Voter Education,{},0,2025-01-02,Big Inc.,Big.,,,,\n",
        huge.federal_amount
    );
    let Err(portal::officials::import::ImportFailure::Rows(errors)) =
        portal::officials::import::spending(&app.db, &app.policy, &p.boone_author, file.as_bytes(), "test").await
    else {
        panic!("the amount is refused")
    };
    assert!(errors[0].to_string().contains("line 2, column 4 (federal_amount)"), "{errors:?}");
    // …and at the gate: a draft changed behind the forms' back does not publish,
    // and the database itself refuses a published amount beyond the cap.
    let (sid, draft, _) =
        submit_as(&app, &p.boone_author, draft_of(&spend("big", "boone-county", "Guides.")), None).await;
    sqlx::query(&format!("UPDATE draft_expenditures SET federal_cents = 9223372036854775807 WHERE id = {draft}"))
        .execute(&app.raw)
        .await
        .unwrap();
    assert!(workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.is_err());
    app.expect("/expenditures/big", 404).await;
    let past_the_gate =
        sqlx::query("UPDATE published_expenditures SET federal_cents = 9223372036854775807 WHERE slug = 'exp-001'")
            .execute(&app.raw)
            .await;
    assert!(past_the_gate.unwrap_err().to_string().contains("cap"), "the database refuses it");
    for path in ["/", "/spending", "/spending/hava-2018-election-security", "/api/v1/grants", "/data/grants.csv"] {
        assert_eq!(app.get(path).await.status, 200, "{path}");
    }
    // An audit's contests and candidates are capped with a clear error.
    let mut many = demo_audit("boone-county-2024-general-rla");
    many.slug = slug("many-contests");
    let template = many.contests[0].clone();
    many.contests = (0..=portal::domain::audit::MAX_CONTESTS).map(|_| template.clone()).collect();
    let id = workflow::create_draft(&app.db, &p.state_author, &many.into(), "test").await.unwrap();
    let refused =
        workflow::submit(&app.db, &app.policy, &p.state_author, RecordKind::Audit, id, None, "test").await.unwrap_err();
    assert!(refused.to_string().contains("at most 100 contests"), "{refused}");
    let big_contest: Vec<String> =
        (0..=portal::domain::audit::MAX_CANDIDATES).map(|i| format!("Candidate {i}=1")).collect();
    let refused = portal::domain::audit::parse_results(&big_contest.join(";")).unwrap_err();
    assert!(refused.contains("at most"), "{refused}");
    // Prose fields are capped too (the scanner reads every one of them).
    let long = "word ".repeat(portal::domain::values::Text::BODY / 4);
    let input = UpdateInput {
        slug: "long".into(),
        title: "Long".into(),
        body: long,
        office: "boone-county".into(),
        date: "2025-03-01".into(),
        internal_notes: String::new(),
    };
    assert!(UpdateDraft::try_from(&input).is_err());
}

async fn csv_downloads_defuse_formula_cells(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    let mut e = spend("formula", "boone-county", "=2+3");
    e.vendor = "@SUM(1+1)*cmd|' /C calc'!A0".into();
    let (sid, _, _) = submit_as(&app, &p.boone_author, draft_of(&e), None).await;
    workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, None, "test").await.unwrap();
    let csv = app.expect("/data/expenditures.csv?recipient=boone-county", 200).await;
    let row = csv.lines().find(|l| l.contains("formula")).unwrap_or_else(|| panic!("{csv}"));
    assert!(row.contains("'=2+3") && row.contains("'@SUM(1+1)"), "{row}");
    let json = app.expect("/data/expenditures.json?recipient=boone-county", 200).await;
    assert!(json.contains("\"=2+3\"") && json.contains("\"@SUM(1+1)*cmd|' /C calc'!A0\""), "JSON stays exact");
    let dictionary = text(&app.expect("/data", 200).await);
    assert!(dictionary.contains("added apostrophe"), "the data dictionary says so");
}

async fn import_errors_do_not_reveal_other_offices(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    // Clay County imports an audit under Boone County's published slug.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates");
    let template = std::fs::read_to_string(root.join("audits.csv")).unwrap();
    let file = template
        .replace(",boone-county,", ",clay-county,")
        .replace("boone-county-2025-municipal-rla", "boone-county-2024-general-rla");
    let Err(portal::officials::import::ImportFailure::Rows(errors)) =
        portal::officials::import::audits(&app.db, &app.policy, &p.clay_author, file.as_bytes(), "test").await
    else {
        panic!("the slug is refused")
    };
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(shown.iter().any(|s| s.contains("is taken")), "{shown:#?}");
    assert!(!shown.iter().any(|s| s.contains("drafted")), "nothing says another office drafted it: {shown:#?}");
}

async fn publication_times_honour_their_offsets(store: Store) {
    let app = spawn_app(store).await;
    let p = people(&app).await;
    let (sid, _, _) =
        submit_as(&app, &p.boone_author, draft_of(&spend("offset", "boone-county", "Guides.")), None).await;
    for bad in ["2026-02-31T14:00:00Z", "2099-11-05T14:00:00-05:00 and then", "2099-11-05"] {
        let e = workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, Some(bad), "test").await.unwrap_err();
        assert!(matches!(e, AppError::Validation { ref field, .. } if field == "publish_at"), "{bad}: {e:?}");
    }
    let at = workflow::approve(&app.db, &app.policy, &p.boone_reviewer, sid, Some("2099-11-05T14:00:00-05:00"), "test")
        .await
        .unwrap();
    assert_eq!(at, Approval::Scheduled("2099-11-05T19:00:00Z".into()), "five hours later in UTC, not earlier");
}
