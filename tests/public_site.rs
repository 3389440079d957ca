//! The public site, over real HTTP, on SQLite and on PostgreSQL.

use crate::support::{on_both_databases, prose, slug, spawn_app, spawn_empty, text, Store, TestApp};
use app::model::RecordKind;
use portal::domain::audit::evidence::ManifestDraft;
use portal::domain::audit::{AuditInput, ContestInput};
use portal::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use portal::domain::grant::{GrantDraft, GrantInput};
use portal::domain::update::{UpdateDraft, UpdateInput};

on_both_databases! {
    every_public_page_renders;
    spending_shows_the_eac_figures;
    unknown_paths_and_slugs_are_404;
    bad_query_parameters_are_400;
    audits_filter_and_paginate;
    audit_page_shows_the_math_and_the_withholding;
    grant_expenditures_filter_with_totals;
    charts_are_svg_from_public_data;
    restricted_values_never_reach_a_public_surface;
    manifest_labels_never_reach_a_public_surface;
    demo_loads_once;
    update_markdown_is_sanitised;
    withholding_without_basis_or_statement_is_refused;
    empty_portal_still_renders;
    bad_requests_get_plain_4xx_answers;
    scanner_blocks_publication_until_fixed_or_overridden;
    every_draft_column_is_decided_public_or_restricted;
    versions_are_permanent_and_citable;
    conditional_requests_get_304;
    feeds_and_sitemap_list_publications;
}

/// On PostgreSQL the database itself refuses the public side any draft.
#[tokio::test]
async fn postgres_public_role_cannot_read_drafts() {
    let app = spawn_app(Store::Postgres).await;
    let url = crate::support::public_role_url(&app.db, &app.raw).await;
    let public = sqlx::AnyPool::connect(&url).await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM published_audits").fetch_one(&public).await.unwrap();
    assert!(n > 0);
    for table in [
        "draft_audits",
        "draft_audit_batches",
        "draft_audit_files",
        "draft_expenditures",
        "draft_updates",
        "draft_grants",
        "scanner_overrides",
        "accounts",
        "submissions",
        "activity_log",
        "sessions",
    ] {
        let err = sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&public)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("permission denied"), "{table}: {err}");
    }
}

/// Every public page, in both languages, with something a reader must see on it.
const PAGES: &[(&str, &str, &str)] = &[
    ("/", "Election audits and security spending", "Auditorías electorales y gasto en seguridad"),
    ("/audits", "Post-election audits", "Auditorías poselectorales"),
    (
        "/audits/boone-county-2024-general-rla",
        "Boone County Presiding Commissioner",
        "Boone County Presiding Commissioner",
    ),
    ("/spending", "Spending by EAC category", "Gasto por categoría de la EAC"),
    ("/spending/hava-2018-election-security", "Expenditures", "Gastos"),
    ("/updates", "Official updates", "Avisos oficiales"),
    (
        "/updates/2024-general-audits-complete",
        "Post-election audits for the 2024 General Election",
        "Post-election audits for the 2024 General Election",
    ),
    ("/jurisdictions/boone-county", "Boone County", "Condado"),
    ("/jurisdictions/missouri", "State of Missouri", "Estado"),
    ("/about", "Glossary", "Glosario"),
    ("/data", "Data dictionary", "Diccionario de datos"),
    ("/expenditures/exp-001", "Expenditure:", "Gasto:"),
    ("/spending/hava-2018-election-security/v/1", "Cite this", "Cómo citar"),
];

async fn every_public_page_renders(store: Store) {
    let app = spawn_app(store).await;
    for (path, english, spanish) in PAGES {
        let body = app.expect(path, 200).await;
        assert!(body.contains("<html lang=\"en\""), "{path} should declare English");
        let shown = text(&body);
        assert!(shown.contains(english), "{path} should show {english:?}; it shows: {shown}");
        assert!(shown.contains("Español"), "{path} should link to the Spanish page");
        assert!(shown.contains("sample data"), "{path} should say the demo is sample data");

        let es_path = if *path == "/" { "/es".to_string() } else { format!("/es{path}") };
        let body = app.expect(&es_path, 200).await;
        assert!(body.contains("<html lang=\"es\""), "{es_path} should declare Spanish");
        let shown = text(&body);
        assert!(shown.contains(spanish), "{es_path} should show {spanish:?}; it shows: {shown}");
        assert!(shown.contains("English"), "{es_path} should link to the English page");
        assert!(shown.contains("datos de ejemplo"), "{es_path} should say the demo is sample data");
    }
}

async fn spending_shows_the_eac_figures(store: Store) {
    let app = spawn_app(store).await;
    let shown = text(&app.expect("/spending", 200).await);
    for figure in ["$7,230,625", "$361,531", "$7,592,156"] {
        assert!(shown.contains(figure), "/spending should show {figure}: {shown}");
    }
    let shown = text(&app.expect("/spending/hava-2018-election-security", 200).await);
    assert!(shown.contains("Federal amount $7,230,625"), "{shown}");
    assert!(shown.contains("State match $361,531"), "{shown}");
    assert!(shown.contains("Total $7,592,156"), "{shown}");
}

async fn unknown_paths_and_slugs_are_404(store: Store) {
    let app = spawn_app(store).await;
    // A trailing slash is the same page, by a permanent redirect.
    for (path, target) in [("/es/", "/es"), ("/audits/?page=1", "/audits?page=1")] {
        let res = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 308, "{path}");
        assert_eq!(res.headers()["location"], target);
    }
    for path in [
        "/no-such-page",
        "/audits/no-such-audit",
        "/audits/Not_A_Slug",
        "/spending/no-such-grant",
        "/updates/no-such-update",
        "/jurisdictions/atlantis",
    ] {
        let shown = text(&app.expect(path, 404).await);
        assert!(shown.contains("Page not found"), "{path}: {shown}");
        let shown = text(&app.expect(&format!("/es{path}"), 404).await);
        assert!(shown.contains("Página no encontrada"), "/es{path}: {shown}");
    }
}

async fn bad_query_parameters_are_400(store: Store) {
    let app = spawn_app(store).await;
    for (path, message) in [
        ("/audits?outcome=won", "is not a valid value for “outcome”"),
        ("/audits?type=psychic", "is not a valid value for “type”"),
        ("/audits?jurisdiction=Boone%20County", "is not a valid value for “jurisdiction”"),
        ("/audits?page=0", "“page” must be a whole number"),
        ("/audits?page=two", "“page” must be a whole number"),
        ("/updates?page=-1", "“page” must be a whole number"),
        ("/spending/hava-2018-election-security?category=snacks", "is not a valid value for “category”"),
    ] {
        let shown = text(&app.expect(path, 400).await);
        assert!(shown.contains(message), "{path} should explain {message:?}: {shown}");
    }
    let shown = text(&app.expect("/es/audits?outcome=won", 400).await);
    assert!(shown.contains("no es un valor válido"), "{shown}");
}

async fn publish_extra_audits(app: &TestApp, n: usize) {
    for i in 0..n {
        let audit = AuditInput {
            slug: format!("extra-audit-{i:02}"),
            election: "2022-general".into(),
            jurisdiction: "cole-county".into(),
            audit_type: "manual_tally".into(),
            math: "none".into(),
            completed_on: "2022-11-20".into(),
            outcome: "confirmed".into(),
            summary: format!("Extra audit {i}"),
            ..Default::default()
        };
        app.publish(audit.to_draft(vec![]).unwrap()).await.unwrap();
    }
}

/// The href of a page's `rel` link (prev or next), unescaped.
fn link(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("rel=\"{rel}\" href=\""))?;
    let rest = &html[at + rel.len() + 13..];
    Some(rest[..rest.find('"')?].replace("&amp;", "&"))
}

async fn audits_filter_and_paginate(store: Store) {
    let app = spawn_app(store).await;
    publish_extra_audits(&app, 25).await; // 8 demo + 25 = 33: two pages of 20
    let page1 = app.expect("/audits", 200).await;
    let shown = text(&page1);
    assert!(shown.contains("33 results"), "{shown}");
    assert!(!page1.contains("rel=\"prev\""), "no previous page before the first");
    let next = link(&page1, "next").expect("a next link");
    let page2 = app.expect(&next, 200).await;
    assert_eq!(page2.matches("<tr>").count() - 1, 13, "13 audits on page 2");
    assert!(link(&page2, "next").is_none(), "page 2 is the last");
    assert_eq!(link(&page2, "prev").map(|p| p.starts_with("/audits?before=")), Some(true));
    // Old links still work.
    let old = app.expect("/audits?page=2", 200).await;
    assert_eq!(old.matches("<tr>").count() - 1, 13, "13 audits on ?page=2");

    // The number of withheld details per record is public.
    let shown = text(&app.expect("/audits?jurisdiction=boone-county", 200).await);
    assert!(shown.contains("Withheld details"), "{shown}");
    // Its security details and its batches' real labels.
    assert!(shown.contains("November 21, 2024 2"), "Boone's audit has two withheld details: {shown}");
    let shown = text(&app.expect("/audits?outcome=full_hand_count", 200).await);
    assert!(shown.contains("1 results"), "{shown}");
    assert!(shown.contains("St. Charles County"), "{shown}");
    assert!(!shown.contains("Boone County Ballot"), "{shown}");

    let body = app.expect("/audits?jurisdiction=boone-county&type=ballot_polling&election=2024-general", 200).await;
    let shown = text(&body);
    assert!(shown.contains("1 results"), "{shown}");
    assert!(body.contains("href=\"/audits/boone-county-2024-general-rla\""));

    let shown = text(&app.expect("/audits?election=2024-primary&outcome=confirmed", 200).await);
    assert!(shown.contains("1 results") && shown.contains("Greene County"), "{shown}");

    // The pagination links keep the filter.
    let body = app.expect("/audits?jurisdiction=cole-county", 200).await;
    let next = link(&body, "next").expect("Cole County has two pages");
    assert!(next.starts_with("/audits?jurisdiction=cole-county&after="), "next link keeps the filter: {next}");
    let shown = text(&app.expect("/es/audits?outcome=in_progress", 200).await);
    assert!(shown.contains("En curso"), "{shown}");
}

async fn audit_page_shows_the_math_and_the_withholding(store: Store) {
    let app = spawn_app(store).await;
    let body = app.expect("/audits/boone-county-2024-general-rla", 200).await;
    let shown = text(&body);
    for expected in [
        "Ballot-polling risk-limiting audit — Boone County",
        "Outcome confirmed",
        "BRAVO",
        "Risk limit 5%",
        "48271965018437261934",
        "Ballots sampled",
        "412",
        "Alex Rivera 51,208 235",
        "0.018",
        "< 0.001",
        "Security details withheld under RSMo 610.021(21)",
        "would impair the office's ability to protect",
        "November 18, 2024",
    ] {
        assert!(shown.contains(expected), "audit page should show {expected:?}: {shown}");
    }
    // The document's fingerprint is the SHA-256 of the bytes served at its link.
    let doc = app.expect("/documents/boone-county-2024-general-rla-report.txt", 200).await;
    use sha2_check::hex_sha256;
    assert!(shown.contains(&hex_sha256(doc.as_bytes())), "fingerprint matches the served document");

    let shown = text(&app.expect("/audits/st-louis-county-2024-general-rla", 200).await);
    assert!(shown.contains("1 / 0 / 2 / 0"), "discrepancies o1/o2/u1/u2: {shown}");
    assert!(shown.contains("Kaplan–Markov"), "{shown}");
    assert!(!shown.contains("Some details were withheld"), "no notice without a withholding");

    let shown = text(&app.expect("/es/audits/boone-county-2024-general-rla", 200).await);
    assert!(shown.contains("Detalles de seguridad reservados conforme a RSMo 610.021(21)"), "{shown}");
    assert!(shown.contains("Resultado confirmado"), "{shown}");
}

mod sha2_check {
    /// Independent SHA-256 via the system's sha256sum, so the test does not reuse the
    /// code under test.
    pub fn hex_sha256(bytes: &[u8]) -> String {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new("sha256sum")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("sha256sum is available");
        child.stdin.take().unwrap().write_all(bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_string()
    }
}

async fn grant_expenditures_filter_with_totals(store: Store) {
    let app = spawn_app(store).await;
    let all = app.expect("/spending/hava-2018-election-security", 200).await;
    assert!(text(&all).contains("24 results"), "{}", text(&all));

    let body = app.expect("/spending/hava-2018-election-security?category=cyber_security", 200).await;
    let shown = text(&body);
    // Demo cyber security rows: 410,000 + 350,000 + 62,000 + 48,000 + 33,000 + 620,000 federal.
    assert!(shown.contains("6 results"), "{shown}");
    assert!(shown.contains("Total of the list (every page) $1,523,000 $76,150"), "{shown}");
    assert!(!shown.contains("Ballot-on-demand"), "other categories are filtered out");

    let shown = text(&app.expect("/spending/hava-2018-election-security?recipient=greene-county", 200).await);
    assert!(shown.contains("3 results"), "{shown}");
    assert!(shown.contains("Total of the list (every page) $353,500 $17,675"), "{shown}");

    let shown = text(
        &app.expect("/spending/hava-2018-election-security?recipient=greene-county&category=physical_security", 200)
            .await,
    );
    assert!(shown.contains("1 results"), "{shown}");
    assert!(shown.contains("Security details withheld under RSMo 610.021(22)"), "{shown}");
}

async fn charts_are_svg_from_public_data(store: Store) {
    let app = spawn_app(store).await;
    let page = app.get("/charts/spending-by-category.svg").await;
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("image/svg+xml"), "{}", page.content_type);
    assert!(page.body.contains("<title id=\"chart-title\">Spending by EAC category</title>"));
    assert!(page.body.contains("Cyber Security") && page.body.contains("$1,599,150"), "{}", page.body);
    let page = app.get("/charts/spending-by-recipient.svg").await;
    assert!(page.body.contains("State of Missouri") && page.body.contains("Greene County"));
    let page = app.get("/es/charts/spending-by-category.svg").await;
    assert!(page.body.contains("Ciberseguridad"));
    assert_eq!(app.get("/charts/nope.svg").await.status, 404);
    // Each chart notes its source and the as-of date of its data.
    let page = app.get("/charts/spending-by-category.svg").await;
    assert!(page.body.contains("published expenditures as of"), "{}", page.body);
    let page = app.get("/es/charts/spending-by-recipient.svg").await;
    assert!(page.body.contains("gastos publicados al"), "{}", page.body);

    // The page embeds the chart with a text description and the data table beside it.
    let body = app.expect("/spending", 200).await;
    assert!(body.contains("src=\"/charts/spending-by-category.svg\""));
    assert!(body.contains("alt=\"Bar chart. Cyber Security: $1,599,150"), "chart has a text description");
    assert!(text(&body).contains("The numbers behind the chart: Spending by EAC category"));
    // A snippet to embed the chart elsewhere, with the portal's full address.
    let shown = text(&body);
    assert!(shown.contains("Embed this chart"), "{shown}");
    assert!(
        shown.contains(&format!("<img src=\"{}/charts/spending-by-category.svg\" alt=\"Bar chart.", app.base)),
        "{shown}"
    );
}

/// Puts a unique canary in every restricted field of every record kind (published),
/// and in every field of drafts that are never published, then reads every public
/// surface and checks that no canary appears in any byte.
async fn restricted_values_never_reach_a_public_surface(store: Store) {
    let app = spawn_app(store).await;
    let mut canaries = Vec::new();
    let mut canary = |label: &str| {
        let c = format!("CANARY{}X{}", label.to_uppercase().replace('_', ""), canaries.len());
        canaries.push(c.clone());
        c
    };

    // Published records with restricted fields.
    let audit = AuditInput {
        slug: "canary-audit".into(),
        election: "2024-general".into(),
        jurisdiction: "boone-county".into(),
        audit_type: "ballot_comparison".into(),
        math: "kaplan_markov".into(),
        risk_limit: "5".into(),
        started_on: "2024-11-20".into(),
        completed_on: "2024-11-21".into(),
        outcome: "confirmed".into(),
        summary: "A published audit with restricted details.".into(),
        contests: vec![ContestInput {
            name: "Mayor".into(),
            winners: "A".into(),
            votes_allowed: "1".into(),
            ballots_cast: "10".into(),
            reported_results: "A=6;B=4".into(),
            ..Default::default()
        }],
        security_details: canary("audit_security"),
        withholding_basis: "RSMo 610.021(21)".into(),
        withholding_statement: "Statement for the canary audit.".into(),
        internal_notes: canary("audit_notes"),
        ..Default::default()
    };
    app.publish(audit.to_draft(vec![]).unwrap()).await.unwrap();

    let expenditure = ExpenditureInput {
        slug: "canary-expenditure".into(),
        grant: "hava-2018-election-security".into(),
        recipient: "boone-county".into(),
        category: "cyber_security".into(),
        federal_amount: "1.00".into(),
        match_amount: "0.05".into(),
        date: "2023-01-01".into(),
        vendor: "Canary Vendor".into(),
        description: "A published expenditure with restricted details.".into(),
        security_details: canary("exp_security"),
        withholding_basis: "RSMo 610.021(21)".into(),
        withholding_statement: "Statement for the canary expenditure.".into(),
        internal_notes: canary("exp_notes"),
    };
    app.publish(ExpenditureDraft::try_from(&expenditure).unwrap()).await.unwrap();

    // A reviewer's override (officials' data) with a canary reason, on a
    // submission that is never approved.
    let overridden = ExpenditureInput {
        slug: "canary-overridden".into(),
        description: format!("Replaced the switch at 10.9.8.7 {}", canary("override_text")),
        ..expenditure.clone()
    };
    let (sid, _, findings) = app.submit(ExpenditureDraft::try_from(&overridden).unwrap(), None).await.unwrap();
    let ip = findings.iter().find(|f| f.rule == "ipv4").expect("the scanner names the address").clone();
    let (_, reviewer) = app.officials().await;
    let reason = format!("Reviewed and safe: {}", canary("override_reason"));
    portal::officials::workflow::override_finding(&app.db, &app.policy, &reviewer, sid, &ip, &reason, "test")
        .await
        .unwrap();

    let update = UpdateInput {
        slug: "canary-update".into(),
        title: "A published update".into(),
        body: "Public body.".into(),
        office: "boone-county".into(),
        date: "2024-12-01".into(),
        internal_notes: canary("update_notes"),
    };
    app.publish(UpdateDraft::try_from(&update).unwrap()).await.unwrap();

    // Drafts that are never published: canaries in every field, public ones included.
    let mut draft_audit = audit.clone();
    draft_audit.slug = "canary-draft-audit".into();
    draft_audit.summary = canary("draft_audit_summary");
    draft_audit.seed = canary("draft_audit_seed");
    draft_audit.seed_drawn_at = "2024-11-20T10:00:00Z".into();
    draft_audit.sampler = "consistent".into();
    draft_audit.contests[0].name = canary("draft_contest");
    draft_audit.security_details = canary("draft_audit_security");
    draft_audit.internal_notes = canary("draft_audit_notes");
    app.draft(draft_audit.to_draft(vec![]).unwrap()).await.unwrap();
    // A batch-comparison draft whose batch tallies name canaries.
    let mut draft_batch = portal::demo::audits()
        .into_iter()
        .find(|a| a.slug.as_str() == "greene-county-2024-primary-batch")
        .expect("the demo's batch-comparison audit");
    draft_batch.slug = portal::domain::values::Slug::parse("canary-draft-batch").unwrap();
    for t in draft_batch.evidence.batch_tallies.iter_mut().take(2) {
        t.candidate = portal::domain::values::Line::parse(&canary("draft_tally_candidate")).unwrap();
        t.batch = portal::domain::values::Line::parse(&canary("draft_tally_batch")).unwrap();
    }
    app.draft(draft_batch).await.unwrap();
    // A multi-round draft whose contest, and so each of its rounds, names a canary.
    let mut draft_rounds = portal::demo::audits()
        .into_iter()
        .find(|a| a.slug.as_str() == "st-charles-county-2024-primary-rla")
        .expect("the demo's multi-round audit");
    assert_eq!(draft_rounds.evidence.rounds.len(), 2);
    draft_rounds.slug = portal::domain::values::Slug::parse("canary-draft-rounds").unwrap();
    draft_rounds.contests[0].name = portal::domain::values::Line::parse(&canary("draft_round_contest")).unwrap();
    draft_rounds.contests[0].tallies[0].candidate =
        portal::domain::values::Line::parse(&canary("draft_round_candidate")).unwrap();
    for r in draft_rounds.evidence.rounds.iter_mut() {
        r.audited[0].0 = draft_rounds.contests[0].tallies[0].candidate.clone();
    }
    app.draft(draft_rounds).await.unwrap();
    let mut draft_exp = expenditure.clone();
    draft_exp.slug = "canary-draft-expenditure".into();
    draft_exp.vendor = canary("draft_vendor");
    draft_exp.description = canary("draft_description");
    draft_exp.security_details = canary("draft_exp_security");
    app.draft(ExpenditureDraft::try_from(&draft_exp).unwrap()).await.unwrap();
    let grant = GrantInput {
        slug: "canary-draft-grant".into(),
        program: canary("draft_grant_program"),
        funder: canary("draft_grant_funder"),
        recipient: "boone-county".into(),
        federal_amount: "0.01".into(),
        match_amount: "0".into(),
        award_date: "2020-01-01".into(),
        source: canary("draft_grant_source"),
        ..Default::default()
    };
    app.draft(GrantDraft::try_from(&grant).unwrap()).await.unwrap();
    let draft_update = UpdateInput {
        slug: "canary-draft-update".into(),
        title: canary("draft_update_title"),
        body: canary("draft_update_body"),
        office: "boone-county".into(),
        date: "2024-12-02".into(),
        internal_notes: canary("draft_update_notes"),
    };
    app.draft(UpdateDraft::try_from(&draft_update).unwrap()).await.unwrap();

    // A correction (version 2, new restricted values) and a retraction (a tombstone
    // of a record whose draft held a canary).
    let mut corrected = expenditure.clone();
    corrected.security_details = canary("exp_v2_security");
    corrected.internal_notes = canary("exp_v2_notes");
    app.publish_correction(ExpenditureDraft::try_from(&corrected).unwrap(), "Corrected the canary expenditure.")
        .await
        .unwrap();
    let retracted = UpdateInput {
        slug: "canary-retracted".into(),
        title: "A retracted update".into(),
        body: "Retracted body.".into(),
        office: "boone-county".into(),
        date: "2024-12-03".into(),
        internal_notes: canary("retracted_notes"),
    };
    app.publish(UpdateDraft::try_from(&retracted).unwrap()).await.unwrap();
    app.retract(RecordKind::Update, "canary-retracted", "Published by mistake; withdrawn.").await.unwrap();

    // Every public surface: pages in both languages, filters, pagination, charts,
    // the server functions the pages call, documents and error pages.
    let mut paths: Vec<String> = Vec::new();
    for (path, _, _) in PAGES {
        paths.push(path.to_string());
    }
    for extra in [
        "/audits/canary-audit",
        "/audits/canary-draft-audit",
        "/updates/canary-update",
        "/updates/canary-draft-update",
        "/spending/canary-draft-grant",
        "/jurisdictions/boone-county",
        "/audits?jurisdiction=boone-county",
        "/audits?type=ballot_comparison&outcome=confirmed",
        "/audits?page=2",
        "/audits?outcome=bogus",
        "/updates?page=2",
        "/spending/hava-2018-election-security?category=cyber_security",
        "/spending/hava-2018-election-security?recipient=boone-county",
        "/no-such-page",
        "/charts/spending-by-category.svg",
        "/charts/spending-by-recipient.svg",
        "/documents/boone-county-2024-general-rla-report.txt",
        "/robots.txt",
        "/audits/canary-audit/v/1",
        "/audits/canary-audit/data.json",
        "/audits/canary-audit/v/1/data.json",
        "/updates/canary-update/v/1",
        "/updates/canary-update/data.json",
        "/updates/canary-update/v/1/data.json",
        "/audits/canary-draft-audit/data.json",
        "/feed.atom",
        "/jurisdictions/boone-county/feed.atom",
        "/sitemap.xml",
        "/expenditures/canary-expenditure",
        "/expenditures/canary-expenditure/v/1",
        "/expenditures/canary-expenditure/data.json",
        "/expenditures/canary-expenditure/v/1/data.json",
        "/expenditures/canary-draft-expenditure",
        "/expenditures/canary-overridden",
        "/api/v1/expenditures/canary-overridden",
        "/spending/hava-2018-election-security/v/1",
        "/spending/hava-2018-election-security/data.json",
        "/spending/hava-2018-election-security/v/1/data.json",
        "/spending/canary-draft-grant/data.json",
        "/data",
        "/data/datapackage.json",
        "/api/v1",
        "/api/v1/openapi.json",
        "/api/v1/jurisdictions",
        "/api/v1/audits/canary-audit",
        "/api/v1/audits/canary-audit/versions/1",
        "/api/v1/audits/canary-audit/history",
        "/api/v1/audits/canary-draft-audit",
        "/api/v1/expenditures/canary-expenditure",
        "/api/v1/expenditures/canary-expenditure/history",
        "/api/v1/expenditures/canary-draft-expenditure",
        "/api/v1/updates/canary-update",
        "/api/v1/updates/canary-draft-update",
        "/api/v1/grants/hava-2018-election-security/history",
        "/api/v1/grants/canary-draft-grant",
        "/api/v1/audits?jurisdiction=boone-county&limit=500",
        // Cursor pages: the lists read from either side of a published audit,
        // and the API after a slug.
        "/audits?after=boone-county-2024-general-rla",
        "/audits?before=boone-county-2024-general-rla",
        "/es/audits?after=boone-county-2024-general-rla",
        "/es/audits?before=boone-county-2024-general-rla",
        "/audits?page=1",
        "/api/v1/audits?after=a&limit=500",
        "/api/v1/expenditures?after=a&limit=500",
        "/api/v1/no-such-endpoint",
        "/api/v1/updates/canary-update/versions/1",
        "/api/v1/updates/canary-update/history",
        "/api/v1/updates/canary-draft-update/versions/1",
        "/api/v1/updates/canary-draft-update/history",
        "/api/v1/expenditures/canary-expenditure/versions/1",
        "/api/v1/expenditures/canary-expenditure/versions/2",
        "/api/v1/expenditures/canary-draft-expenditure/versions/1",
        "/api/v1/expenditures/canary-draft-expenditure/history",
        "/api/v1/audits/canary-draft-audit/versions/1",
        "/api/v1/audits/canary-draft-audit/history",
        "/api/v1/grants/hava-2018-election-security",
        "/api/v1/grants/hava-2018-election-security/versions/1",
        "/api/v1/grants/canary-draft-grant/versions/1",
        "/api/v1/grants/canary-draft-grant/history",
        "/audits/canary-draft-audit/v/1",
        "/spending/canary-draft-grant/v/1",
        "/expenditures/canary-draft-expenditure/v/1",
        "/updates/canary-draft-update/v/1",
        "/audits/canary-draft-audit/v/1/data.json",
        "/spending/canary-draft-grant/v/1/data.json",
        "/expenditures/canary-draft-expenditure/v/1/data.json",
        "/updates/canary-draft-update/v/1/data.json",
        "/expenditures/canary-draft-expenditure/data.json",
        "/updates/canary-draft-update/data.json",
        "/expenditures/canary-expenditure/v/2",
        "/expenditures/canary-expenditure/v/2/data.json",
        "/updates/canary-retracted",
        "/updates/canary-retracted/v/1",
        "/updates/canary-retracted/data.json",
        "/updates/canary-retracted/v/1/data.json",
        "/api/v1/updates/canary-retracted",
        "/api/v1/updates/canary-retracted/history",
        // The audit evidence and the transparency log's surfaces.
        "/audits/canary-audit/manifest.csv",
        "/audits/canary-audit/v/1/qr.svg",
        "/audits/canary-audit/v/1/proof.txt",
        "/audits/canary-draft-audit/v/1/proof.txt",
        "/updates/canary-retracted/v/1/retraction.json",
        "/data/manifests.csv",
        "/data/sampled-units.csv",
        "/data/audit-rounds.csv",
        "/api/v1/sampled-units",
        "/data/batch-tallies.csv",
        "/data/batch-tallies.json",
        "/data/batch-tallies.csv?audit=greene-county-2024-primary-batch",
        "/api/v1/batch-tallies",
        "/api/v1/batch-tallies?audit=canary-audit",
        "/audits/greene-county-2024-primary-batch",
        "/audits/greene-county-2024-primary-batch/data.json",
        "/audits/canary-draft-batch",
        "/api/v1/batch-tallies?audit=canary-draft-batch",
        // The spending pages' cursors (grants, and a grant's expenditures).
        "/spending?after=hava-2018-election-security",
        "/spending?before=hava-2018-election-security",
        "/es/spending?after=hava-2018-election-security",
        "/spending/hava-2018-election-security?after=canary-expenditure",
        "/spending/hava-2018-election-security?before=canary-expenditure",
        "/audits/canary-draft-batch/batch-tallies.csv",
        "/audits/canary-draft-batch/v/1/batch-tallies.csv",
        "/audits/greene-county-2024-primary-batch/batch-tallies.csv",
        "/audits/canary-audit/batch-tallies.csv",
        "/audits/canary-draft-rounds",
        "/audits/canary-draft-rounds/data.json",
        "/data/audit-rounds.csv?audit=canary-draft-rounds",
        "/data/audit-rounds.json?audit=canary-draft-rounds",
        "/api/v1/audit-rounds?audit=canary-draft-rounds",
        "/data/audit-rounds.csv?audit=st-charles-county-2024-primary-rla",
        "/api/v1/audit-rounds?audit=st-charles-county-2024-primary-rla",
        "/audits/st-charles-county-2024-primary-rla",
        "/audits/planner",
        "/log/checkpoint",
        "/log/key",
    ] {
        paths.push(extra.to_string());
    }
    // Every entry bundle of the log as it stands (entries name slugs, addresses
    // and hashes only).
    let checkpoint = app.get("/log/checkpoint").await.body;
    let size: u64 = checkpoint.lines().nth(1).and_then(|l| l.parse().ok()).expect("the log's size");
    for tile in 0..size.div_ceil(256) {
        let width = (size - tile * 256).min(256);
        let partial = if width < 256 { format!(".p/{width}") } else { String::new() };
        paths.push(format!("/log/tile/entries/{tile:03}{partial}"));
    }
    let spanish: Vec<String> = paths
        .iter()
        .filter(|p| {
            !p.starts_with("/documents")
                && !p.starts_with("/robots")
                && !p.ends_with(".json")
                && !p.ends_with(".atom")
                && !p.ends_with(".xml")
        })
        .map(|p| if p == "/" { "/es".to_string() } else { format!("/es{p}") })
        .collect();
    paths.extend(spanish);
    for f in [
        "/fn/site_info",
        "/fn/home",
        "/fn/audits?filter[page]=1",
        "/fn/audits?filter[jurisdiction]=boone-county&filter[page]=1",
        "/fn/audit?slug=canary-audit",
        "/fn/audit?slug=canary-draft-audit",
        "/fn/audit?slug=canary-audit&version=1",
        "/fn/spending",
        "/fn/grant?slug=hava-2018-election-security",
        "/fn/grant?slug=canary-draft-grant",
        "/fn/updates?page=1",
        "/fn/update?slug=canary-update",
        "/fn/update?slug=canary-draft-update",
        "/fn/update?slug=canary-update&version=1",
        "/fn/jurisdiction?slug=boone-county",
        "/fn/expenditure?slug=canary-expenditure",
        "/fn/expenditure?slug=canary-draft-expenditure",
        "/fn/grant_version?slug=hava-2018-election-security",
        "/fn/grant_version?slug=canary-draft-grant&version=1",
        "/fn/grant_version?slug=canary-draft-grant",
        "/fn/grant_version?slug=hava-2018-election-security&version=1",
        "/fn/expenditure?slug=canary-expenditure&version=1",
        "/fn/expenditure?slug=canary-expenditure&version=2",
        "/fn/expenditure?slug=canary-draft-expenditure&version=1",
        "/fn/audit?slug=canary-draft-audit&version=1",
        "/fn/update?slug=canary-draft-update&version=1",
        "/fn/update?slug=canary-retracted",
        "/fn/grant?slug=hava-2018-election-security&category=cyber_security&recipient=boone-county",
        "/fn/updates?page=2",
    ] {
        paths.push(f.to_string());
    }

    for c in app::data::Collection::ALL {
        for ext in ["csv", "json"] {
            paths.push(format!("/data/{}.{ext}", c.name()));
        }
        paths.push(format!("/api/v1/{}?limit=500", c.name()));
    }
    for filtered in [
        "/data/audits.csv?jurisdiction=boone-county",
        "/data/audit-contests.csv?jurisdiction=boone-county",
        "/data/expenditures.csv?recipient=boone-county&category=cyber_security",
        "/data/expenditures.json?grant=hava-2018-election-security",
        "/data/updates.csv?office=boone-county",
        "/data/grants.csv?recipient=missouri",
        "/data/manifests.csv?audit=canary-audit",
        "/data/sampled-units.json?audit=canary-draft-audit",
        "/data/audit-rounds.csv?audit=boone-county-2024-general-rla",
        "/api/v1/manifests?audit=boone-county-2024-general-rla",
        "/audits/canary-audit/manifest.csv",
        "/audits/canary-draft-audit/manifest.csv",
        "/audits/canary-draft-audit/v/1/manifest.csv",
        "/audits/boone-county-2024-general-rla/manifest.csv",
        "/audits/boone-county-2024-general-rla/v/1/manifest.csv",
    ] {
        paths.push(filtered.to_string());
    }

    // The static export: every public address the server lists (and every page
    // those link) is crawled too, and no exported file, nor its compressed
    // siblings, holds a canary.
    let export = crate::export::TempDir::new("portal-canary-export");
    let report = crate::export::export_to(&app, store, &export.0.join("site"), false).await.expect("the export");
    for file in crate::export::exported_files(&export.0.join("site")) {
        let (bytes, siblings) = crate::export::read_with_siblings(&export.0.join("site").join(&file));
        for bytes in std::iter::once(bytes).chain(siblings.into_iter().map(|(_, b)| b)) {
            let text = String::from_utf8_lossy(&bytes);
            for c in &canaries {
                assert!(!text.contains(c.as_str()), "the exported {} leaked {c}", file.display());
            }
        }
    }
    assert!(
        report.urls.iter().any(|u| u == "/expenditures/canary-expenditure/v/2"),
        "the export holds the canaries' records"
    );
    for url in report.urls {
        if !paths.contains(&url) {
            paths.push(url);
        }
    }

    let mut seen_server_fn_data = 0;
    for path in &paths {
        let page = app.get(path).await;
        for c in &canaries {
            assert!(!page.body.contains(c.as_str()), "{path} leaked {c}");
        }
        if path.starts_with("/fn/") && page.status == 200 {
            seen_server_fn_data += 1;
        }
    }
    assert!(seen_server_fn_data >= 10, "the server functions answered ({seen_server_fn_data})");
    // The cursor pages answered, so the crawl read them rather than a refusal.
    for path in ["/audits?after=boone-county-2024-general-rla", "/es/audits?before=boone-county-2024-general-rla"] {
        app.expect(path, 200).await;
    }
    assert!(app.expect("/api/v1/audits?after=a&limit=500", 200).await.contains("canary-audit"));
    // The rounds the crawl read are there: the demo's second round, with its dates.
    let rounds = app.expect("/data/audit-rounds.csv?audit=st-charles-county-2024-primary-rla", 200).await;
    assert!(rounds.contains(",2,") && rounds.contains("2024-08-15"), "{rounds}");
    // A malformed server-function call is the caller's mistake: 400 with a plain message.
    let page = app.get("/fn/audit").await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.body.contains("parameters are not valid"), "{}", page.body);
    assert_eq!(app.get("/fn/audit?slug=Not%20A%20Slug").await.status, 400);

    // The published parts are there, so the test is looking in the right places.
    let shown = text(&app.expect("/audits/canary-audit", 200).await);
    assert!(shown.contains("Statement for the canary audit."), "{shown}");
    let grant_page = app.expect("/fn/grant?slug=hava-2018-election-security", 200).await;
    assert!(grant_page.contains("Canary Vendor"), "server function returns the published vendor");
    assert!(grant_page.contains("Statement for the canary expenditure."));
    app.expect("/audits/canary-draft-audit", 404).await;
    assert!(app.expect("/data/expenditures.csv", 200).await.contains("Canary Vendor"));
    assert!(app.expect("/data/audits.json", 200).await.contains("canary-audit"));
    let api = app.expect("/api/v1/expenditures/canary-expenditure", 200).await;
    assert!(api.contains("Statement for the canary expenditure."), "{api}");
    app.expect("/api/v1/expenditures/canary-draft-expenditure", 404).await;
    app.expect("/expenditures/canary-draft-expenditure", 404).await;
    assert_eq!(app.get("/updates/canary-retracted").await.status, 410, "the tombstone is read");
    assert!(app.expect("/feed.atom", 200).await.contains("Published by mistake; withdrawn."));
    assert!(
        text(&app.expect("/expenditures/canary-expenditure", 200).await).contains("Corrected the canary expenditure.")
    );
}

/// The real labels of a manifest's batches (canaries here, and the demo's) are
/// withheld: no public surface shows one, and neither does it show anything of
/// a draft's manifest that was never published.
async fn manifest_labels_never_reach_a_public_surface(store: Store) {
    use crate::open_data::{manifest_file, publish_sampled_audit};
    let app = spawn_app(store).await;
    let a = publish_sampled_audit(&app, "label-canary-rla", &manifest_file(5, 40, "CANARYLABELX"), 25).await;
    let mut draft = AuditInput {
        slug: "label-canary-draft".into(),
        election: "2024-general".into(),
        jurisdiction: "cole-county".into(),
        audit_type: "ballot_polling".into(),
        math: "bravo".into(),
        outcome: "in_progress".into(),
        summary: "A draft never published.".into(),
        ..Default::default()
    }
    .to_draft(vec![])
    .unwrap();
    let unpublished = "batch,ballots,label\nCANARYDRAFTBATCHX1,10,CANARYDRAFTLABELX1\n";
    draft.evidence.manifest = Some(ManifestDraft::parse_csv(unpublished.as_bytes()).unwrap());
    app.draft(draft).await.unwrap();
    let mut canaries: Vec<String> = (1..=5).map(|i| format!("CANARYLABELX{i}")).collect();
    canaries.extend(["CANARYDRAFTBATCHX1".to_string(), "CANARYDRAFTLABELX1".to_string()]);
    // The demo's labels, when its manifests have them.
    for demo in portal::demo::audits() {
        let batches = demo.evidence.manifest.iter().flat_map(|m| m.batches.iter());
        canaries.extend(batches.map(|b| b.label.expose().clone()).filter(|l| !l.is_empty()));
    }

    let slug = a.slug.as_str();
    let mut paths: Vec<String> = [
        "",
        "/v/1",
        "/v/2",
        "/data.json",
        "/v/1/data.json",
        "/v/2/data.json",
        "/manifest.csv",
        "/v/1/manifest.csv",
        "/v/2/manifest.csv",
    ]
    .iter()
    .flat_map(|p| [format!("/audits/{slug}{p}"), format!("/es/audits/{slug}{p}")])
    .collect();
    for p in ["", "/versions/1", "/versions/2", "/history"] {
        paths.push(format!("/api/v1/audits/{slug}{p}"));
    }
    for c in app::data::Collection::ALL {
        for ext in ["csv", "json"] {
            paths.push(format!("/data/{}.{ext}", c.name()));
        }
        paths.push(format!("/api/v1/{}?limit=500", c.name()));
    }
    for p in [
        "/data/manifests.csv?audit=label-canary-rla",
        "/data/sampled-units.csv?audit=label-canary-rla",
        "/data/audit-rounds.json?audit=label-canary-rla",
        "/api/v1/manifests?audit=label-canary-draft",
        "/audits/label-canary-draft/manifest.csv",
        "/audits/label-canary-draft",
        "/fn/audit?slug=label-canary-rla",
        "/fn/audit?slug=label-canary-rla&version=1",
        "/fn/audit?slug=label-canary-draft",
        "/fn/jurisdiction?slug=cole-county",
        "/audits",
        "/audits?jurisdiction=cole-county",
        "/jurisdictions/cole-county",
        "/jurisdictions/cole-county/feed.atom",
        "/feed.atom",
        "/sitemap.xml",
        "/data",
        "/data/datapackage.json",
        "/api/v1/openapi.json",
    ] {
        paths.push(p.to_string());
    }
    for path in &paths {
        let page = app.get(path).await;
        for c in &canaries {
            assert!(!page.body.contains(c.as_str()), "{path} leaked the label {c}");
        }
    }
    // The test looks where the manifest is: its batches and the withholding notice.
    let page = text(&app.expect(&format!("/audits/{slug}"), 200).await);
    assert!(page.contains("The storage places of the ballot batches are withheld"), "{page}");
    assert_eq!(app.expect(&format!("/audits/{slug}/manifest.csv"), 200).await, a.public_csv);
    assert!(app.expect("/data/manifests.csv?audit=label-canary-rla", 200).await.contains("C-005,40"));
}

async fn demo_loads_once(store: Store) {
    let app = spawn_app(store).await;
    let before = text(&app.expect("/spending", 200).await);
    let report = portal::demo::load(&app.db).await.unwrap();
    assert!(report.contains("0 records published"), "{report}");
    let after = text(&app.expect("/spending", 200).await);
    assert_eq!(before, after, "a second demo load changes nothing");
    let drafts = "SELECT COUNT(DISTINCT slug) FROM draft_audits";
    assert_eq!(app.count(drafts).await, portal::demo::audits().len() as i64);
}

async fn update_markdown_is_sanitised(store: Store) {
    let app = spawn_app(store).await;
    let update = UpdateInput {
        slug: "markdown-test".into(),
        title: "Markdown test".into(),
        body: "**Bold** text.\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1)) [good](/audits)".into(),
        office: "missouri".into(),
        date: "2025-01-01".into(),
        internal_notes: String::new(),
    };
    app.publish(UpdateDraft::try_from(&update).unwrap()).await.unwrap();
    let body = app.expect("/updates/markdown-test", 200).await;
    assert!(body.contains("<strong>Bold</strong>"));
    assert!(!body.contains("<script>alert"), "raw HTML is not executed");
    assert!(!body.contains("javascript:alert"), "javascript: links are removed");
    assert!(body.contains("href=\"/audits\""));
}

async fn withholding_without_basis_or_statement_is_refused(store: Store) {
    let app = spawn_app(store).await;
    let mut e = portal::demo::expenditures().remove(0);
    e.slug = slug("refused-expenditure");
    e.restricted.withholding_basis = String::new();
    let err = app.publish(e.clone()).await.unwrap_err();
    assert!(err.to_string().contains("name the legal basis"), "{err}");
    e.restricted.withholding_basis = "RSMo 610.021(21)".into();
    e.restricted.withholding_statement = "  ".into();
    let err = app.publish(e.clone()).await.unwrap_err();
    assert!(err.to_string().contains("statement"), "{err}");
    // Nothing was published (or submitted) by the refused attempts.
    app.expect("/spending/hava-2018-election-security?recipient=missouri", 200).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM published_expenditures WHERE slug = 'refused-expenditure'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM submissions WHERE slug = 'refused-expenditure'").await, 0);
}

async fn empty_portal_still_renders(store: Store) {
    let app = spawn_empty(store).await;
    for path in ["/", "/audits", "/spending", "/updates", "/about", "/es"] {
        app.expect(path, 200).await;
    }
    let shown = text(&app.expect("/updates", 200).await);
    assert!(shown.contains("No updates have been published yet."), "{shown}");
    let shown = text(&app.expect("/", 200).await);
    assert!(!shown.contains("sample data"), "no sample-data notice without the demo");
}

async fn bad_requests_get_plain_4xx_answers(store: Store) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_empty(store).await;
    let addr = app.base.trim_start_matches("http://").to_string();
    for path in ["/", "/fn/home", "/audits"] {
        // Announce a 200 KB body and send none: the portal reads an oversized body
        // for at most two seconds (so a browser still sending sees the answer), then
        // answers from the header alone.
        let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\n\
             Content-Length: 204800\r\nConnection: close\r\n\r\n"
        );
        tcp.write_all(head.as_bytes()).await.unwrap();
        let mut answer = String::new();
        let _ = tcp.read_to_string(&mut answer).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "POST {path} with 200 KB: {answer}");
        assert!(answer.contains("too large") && answer.contains("64 KB"), "{answer}");
    }
    // The server is still there.
    app.expect("/", 200).await;
}

async fn scanner_blocks_publication_until_fixed_or_overridden(store: Store) {
    let app = spawn_app(store).await;
    let mut e = portal::demo::expenditures().remove(2);
    e.slug = slug("scanned-expenditure");
    e.description = prose("Replaced the firewall in front of 10.44.0.12 for the county network");
    let (sid, draft_id, findings) = app.submit(e.clone(), None).await.unwrap();
    let err = app.approve(sid).await.unwrap_err().to_string();
    assert!(err.contains("publication refused") && err.contains("description") && err.contains("ipv4"), "{err}");
    assert!(err.contains("override"), "the message says how to proceed: {err}");
    app.expect("/spending/hava-2018-election-security", 200).await;
    assert!(!app.get("/spending/hava-2018-election-security").await.body.contains("10.44.0.12"));

    // An override needs a written reason, and is kept with who and why.
    // The same findings the workflow showed when the draft was submitted.
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!((findings[0].field.as_str(), findings[0].rule), ("description", "ipv4"));
    let finding = findings[0].clone();
    let (_, reviewer) = app.officials().await;
    use portal::officials::workflow::override_finding;
    let too_short = override_finding(&app.db, &app.policy, &reviewer, sid, &finding, "ok", "test").await;
    assert!(too_short.unwrap_err().to_string().contains("write why"));
    override_finding(
        &app.db,
        &app.policy,
        &reviewer,
        sid,
        &finding,
        "This address is the public demo range printed in the vendor's brochure.",
        "test",
    )
    .await
    .unwrap();
    app.approve(sid).await.unwrap();
    let reasons = portal::db::overrides::reasons(&app.db, RecordKind::Expenditure, draft_id).await.unwrap();
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].0, reviewer.email);
    assert!(reasons[0].1.contains("brochure"));
    assert!(text(&app.expect("/spending/hava-2018-election-security", 200).await).contains("Replaced the firewall"));

    // Fixing the text is the other way through.
    let mut fixed = e.clone();
    fixed.slug = slug("fixed-expenditure");
    fixed.description = prose("Replaced the county network firewall");
    app.publish(fixed).await.unwrap();
}

/// Every column of every draft table is either published (it has a column of the
/// same name in the published table) or named here as restricted or internal: a new
/// column, or a new record kind, fails this test until someone decides.
async fn every_draft_column_is_decided_public_or_restricted(store: Store) {
    const NOT_PUBLISHED: &[&str] = &[
        "id",
        "draft_id",
        "contest_id",
        "created_at",
        "updated_at",
        "security_details",
        "internal_notes",
        // Published as the withholding notice (published_withholdings), not as columns.
        "withholding_basis",
        "withholding_statement",
        // Rendered to body_html at publication.
        "body_markdown",
    ];
    const PAIRS: &[(&str, &str)] = &[
        ("draft_audits", "published_audits"),
        ("draft_audit_contests", "published_audit_contests"),
        ("draft_contest_tallies", "published_contest_tallies"),
        ("draft_audit_documents", "published_audit_documents"),
        ("draft_audit_batches", "published_audit_batches"),
        ("draft_audit_files", "published_audit_files"),
        ("draft_audit_interpretations", "published_ballot_interpretations"),
        ("draft_audit_batch_tallies", "published_batch_tallies"),
        ("draft_audit_rounds", "published_audit_rounds"),
        ("draft_grants", "published_grants"),
        ("draft_expenditures", "published_expenditures"),
        ("draft_updates", "published_updates"),
    ];
    let app = spawn_empty(store).await;
    let columns = |table: &'static str| {
        let raw = app.raw.clone();
        async move {
            let sql = match store {
                Store::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
                Store::Postgres => format!(
                    "SELECT CAST(column_name AS TEXT) FROM information_schema.columns WHERE table_name = '{table}'"
                ),
            };
            sqlx::query_scalar::<_, String>(&sql).fetch_all(&raw).await.unwrap()
        }
    };
    let tables: Vec<String> = match store {
        Store::Sqlite => sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'draft_%'"),
        Store::Postgres => sqlx::query_scalar(
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'draft_%'",
        ),
    }
    .fetch_all(&app.raw)
    .await
    .unwrap();
    // Who created or edited each draft: officials' data about drafts, not a draft's content.
    const ABOUT_DRAFTS: &[&str] = &["draft_editors"];
    for t in tables.iter().filter(|t| !ABOUT_DRAFTS.contains(&t.as_str())) {
        assert!(PAIRS.iter().any(|(d, _)| d == t), "draft table {t} has no decided published counterpart");
    }
    for (draft, published) in PAIRS {
        let published_columns = columns(published).await;
        for c in columns(draft).await {
            let decided = published_columns.contains(&c)
                || NOT_PUBLISHED.contains(&c.as_str())
                || (c == "slug" && draft.starts_with("draft_audit_"))
                || (c == "position" && *draft == "draft_contest_tallies")
                // A batch's real label (a storage place, a tabulator) is withheld;
                // its public id is `batch`.
                || (c == "label" && *draft == "draft_audit_batches")
                // A reading's ballot is published as the sampled unit it belongs to
                // (`unit_position`), which carries its batch and position.
                || (matches!(c.as_str(), "batch" | "ballot_position") && *draft == "draft_audit_interpretations");
            assert!(decided, "{draft}.{c} is neither published nor named as restricted");
        }
    }
}

async fn versions_are_permanent_and_citable(store: Store) {
    let app = spawn_app(store).await;
    let slug = "boone-county-2024-general-rla";
    // The demo publishes a risk-limiting audit twice (its manifest first, then the
    // seed and the results): its newest version is `old`, the correction `new`.
    let old =
        app.count(&format!("SELECT CAST(MAX(version) AS BIGINT) FROM published_audits WHERE slug = '{slug}'")).await;
    let new = old + 1;
    let old_json = app.get(&format!("/audits/{slug}/v/{old}/data.json")).await;
    assert_eq!(old_json.status, 200);
    assert!(old_json.content_type.starts_with("application/json"));
    let old_page = text(&app.expect(&format!("/audits/{slug}/v/{old}"), 200).await);

    // A second publication of the same record needs a correction note.
    let mut corrected = portal::demo::audits().remove(0);
    corrected.summary = prose("Sample data. Corrected: the audit drew 415 ballots, not 412.");
    corrected.contests[0].sample_size = Some(portal::domain::values::VoteCount::new(415).unwrap());
    let err = app.publish(corrected.clone()).await.unwrap_err().to_string();
    assert!(err.contains("publish a correction with a public note"), "{err}");
    let published = app.publish_correction(corrected, "The sample size was mistyped.").await.unwrap();
    assert_eq!(published.version, new);

    // The old version never changes, at either address.
    assert_eq!(app.get(&format!("/audits/{slug}/v/{old}/data.json")).await.body, old_json.body);
    let old_again = text(&app.expect(&format!("/audits/{slug}/v/{old}"), 200).await);
    assert!(old_again.contains("drew 412 paper ballots"), "{old_again}");
    assert!(old_again.contains(&format!("You are reading version {old}")), "{old_again}");
    let notice = format!(
        "You are reading version {old}, kept at its permanent address. The current version is {new}. See the current version "
    );
    assert_eq!(
        old_page.split("Cite this").next().unwrap().replace(&notice, ""),
        old_again.split("Cite this").next().unwrap().replace(&notice, ""),
        "the version's content is unchanged"
    );

    // The current page shows the new version, its note, and what changed.
    let current = text(&app.expect(&format!("/audits/{slug}"), 200).await);
    assert!(current.contains("Corrected: the audit drew 415 ballots"), "{current}");
    assert!(current.contains("Correction note: The sample size was mistyped."), "{current}");
    assert!(current.contains(&format!("What changed in version {new}")), "{current}");
    assert!(current.contains("contest 1 sample size 412 415"), "{current}");
    assert!(!current.contains("You are reading version"), "the current page is not an old version");

    // The citation's SHA-256 is the hash of the served JSON bytes.
    let new_json = app.get(&format!("/audits/{slug}/v/{new}/data.json")).await;
    let current_json = app.get(&format!("/audits/{slug}/data.json")).await;
    assert_eq!(new_json.body, current_json.body);
    let hash = sha2_check::hex_sha256(new_json.body.as_bytes());
    assert!(current.contains(&hash), "the page cites the SHA-256 of the served JSON");
    assert!(current.contains(&format!("{}/audits/{slug}/v/{new}", app.base)), "the permanent address is cited");
    let parsed: serde_json::Value = serde_json::from_str(&new_json.body).unwrap();
    assert_eq!(parsed["version"], new);
    assert_eq!(parsed["contests"][0]["sample_size"], 415);

    let next = format!("/v/{}", new + 1);
    for missing in [next.as_str(), "/v/0", "/v/one", &format!("{next}/data.json")] {
        app.expect(&format!("/audits/{slug}{missing}"), 404).await;
    }
    let shown = text(&app.expect(&format!("/es/audits/{slug}/v/1"), 200).await);
    assert!(shown.contains("Está leyendo la versión 1"), "{shown}");

    // Updates have permanent versions too.
    let shown = text(&app.expect("/updates/2024-general-audits-complete/v/1", 200).await);
    assert!(shown.contains("Cite this") && shown.contains("Version 1"), "{shown}");
}

async fn conditional_requests_get_304(store: Store) {
    let app = spawn_app(store).await;
    for path in [
        "/audits",
        "/es/spending",
        "/charts/spending-by-category.svg",
        "/audits/boone-county-2024-general-rla/v/1/data.json",
    ] {
        let first = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert_eq!(first.status().as_u16(), 200, "{path}");
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        assert!(first.headers().contains_key("cache-control"), "{path} says how long to cache");
        let again = app.client.get(format!("{}{path}", app.base)).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(again.status().as_u16(), 304, "{path} with a matching ETag");
        assert!(again.text().await.unwrap().is_empty());
        let other =
            app.client.get(format!("{}{path}", app.base)).header("If-None-Match", "\"stale\"").send().await.unwrap();
        assert_eq!(other.status().as_u16(), 200);
    }
    let immutable = app.get("/audits/boone-county-2024-general-rla/v/1/data.json").await;
    assert_eq!(immutable.status, 200);
    let res = app
        .client
        .get(format!("{}/audits/boone-county-2024-general-rla/v/1/data.json", app.base))
        .send()
        .await
        .unwrap();
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("immutable"));

    // A publication changes the page, and so its ETag.
    let before = app.client.get(format!("{}/updates", app.base)).send().await.unwrap().headers()["etag"].clone();
    let update = UpdateInput {
        slug: "etag-test".into(),
        title: "A new notice".into(),
        body: "Body.".into(),
        office: "missouri".into(),
        date: "2025-02-01".into(),
        internal_notes: String::new(),
    };
    app.publish(UpdateDraft::try_from(&update).unwrap()).await.unwrap();
    let res =
        app.client.get(format!("{}/updates", app.base)).header("If-None-Match", before.clone()).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "a changed page is sent again");
    assert_ne!(res.headers()["etag"], before);
}

async fn feeds_and_sitemap_list_publications(store: Store) {
    let app = spawn_app(store).await;
    let mut corrected = portal::demo::audits().remove(0);
    corrected.summary = prose("Sample data. Corrected summary.");
    let version = app.publish_correction(corrected, "A typo in the summary was fixed.").await.unwrap().version;

    let feed = app.get("/feed.atom").await;
    assert_eq!(feed.status, 200);
    assert!(feed.content_type.starts_with("application/atom+xml"), "{}", feed.content_type);
    let doc = roxmltree::Document::parse(&feed.body).expect("the feed is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let entries: Vec<_> = root.children().filter(|n| n.has_tag_name("entry")).collect();
    assert!(entries.len() >= 10, "{} entries", entries.len());
    let title_of = |e: &roxmltree::Node| {
        e.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap_or("").to_string()
    };
    let first = &entries[0];
    assert!(
        title_of(first).starts_with(&format!("Corrected (version {version})")),
        "the newest entry is the correction: {}",
        title_of(first)
    );
    let link = first.children().find(|c| c.has_tag_name("link")).unwrap().attribute("href").unwrap();
    assert_eq!(link, format!("{}/audits/boone-county-2024-general-rla/v/{version}", app.base));
    assert!(feed.body.contains("Correction: A typo in the summary was fixed."));
    for e in &entries {
        for child in ["id", "title", "updated", "link"] {
            assert!(e.children().any(|c| c.has_tag_name(child)), "every entry has {child}");
        }
    }

    let county = app.get("/jurisdictions/boone-county/feed.atom").await;
    let doc = roxmltree::Document::parse(&county.body).unwrap();
    let titles: Vec<String> =
        doc.root_element().children().filter(|n| n.has_tag_name("entry")).map(|e| title_of(&e)).collect();
    assert!(titles.iter().any(|t| t.contains("Boone County")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("Greene County")), "{titles:?}");
    assert_eq!(app.get("/jurisdictions/atlantis/feed.atom").await.status, 404);

    let sitemap = app.get("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&sitemap.body).expect("the sitemap is well-formed XML");
    let locs: Vec<String> =
        doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text().map(str::to_string)).collect();
    for path in [
        "/audits/boone-county-2024-general-rla",
        "/es/audits/boone-county-2024-general-rla",
        "/updates/2024-general-audits-complete",
        "/spending/hava-2018-election-security",
        "/jurisdictions/boone-county",
        "/about",
    ] {
        assert!(locs.contains(&format!("{}{path}", app.base)), "sitemap lists {path}");
    }
    let robots = app.expect("/robots.txt", 200).await;
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", app.base)), "{robots}");
}
