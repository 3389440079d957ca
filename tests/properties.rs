//! Property tests against the running portal (bounded runs, so the test command
//! stays quick): any query string on any public page or API answers without a
//! server error, and any spreadsheet imports whole or not at all, on SQLite and
//! PostgreSQL.

use crate::support::{on_both_databases, spawn_app, Store, TestApp};
use portal::domain::account::Role;
use portal::officials::accounts;
use portal::officials::import::{self, ImportFailure};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

on_both_databases! {
    any_query_string_gets_an_answer_not_a_server_error;
    any_spreadsheet_imports_whole_or_not_at_all;
}

/// Runs `property` on `cases` generated values, blocking this test's thread (the
/// portal keeps serving on its own runtime).
fn check<S: Strategy>(cases: u32, strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    if let Err(e) = runner.run(&strategy, property) {
        panic!("{e}");
    }
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::task::block_in_place(|| tokio::runtime::Handle::current().block_on(f))
}

async fn any_query_string_gets_an_answer_not_a_server_error(store: Store) {
    let app = spawn_app(store).await;
    let paths = [
        "/audits",
        "/es/audits",
        "/updates",
        "/spending",
        "/spending/hava-2018-election-security",
        "/api/v1/audits",
        "/api/v1/expenditures",
        "/data/audits.csv",
        "/data/expenditures.json",
        "/audits/boone-county-2024-general-rla/v/1",
        "/charts/spending-by-category.svg",
        "/feed.atom",
    ];
    let key = prop_oneof![
        Just("page".to_string()),
        Just("limit".to_string()),
        Just("jurisdiction".to_string()),
        Just("type".to_string()),
        Just("outcome".to_string()),
        Just("recipient".to_string()),
        Just("category".to_string()),
        Just("v".to_string()),
        "(\\PC|[%&=+;]){0,10}",
    ];
    let value = prop_oneof![
        "-?[0-9]{1,25}",
        "[a-z0-9-]{0,40}",
        "(\\PC|[%&=+;<>\"']){0,60}",
        Just("%00".to_string()),
        Just("%ff%fe".to_string()),
    ];
    let query = proptest::collection::vec((key, value), 0..5);
    check(48, (0..paths.len(), query), |(which, pairs)| {
        let path = paths[which];
        let url = reqwest::Url::parse_with_params(&format!("{}{path}", app.base), &pairs).unwrap();
        let (status, body) = block_on(async {
            let res = app.client.get(url.clone()).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap_or_default())
        });
        prop_assert!(status < 500, "{url} answered {status}: {}", body.chars().take(300).collect::<String>());
        prop_assert!(!body.is_empty() || status == 304 || status == 308, "{url}: an empty answer");
        Ok(())
    });
}

const HEADER: &str = "grant,recipient,category,federal_amount,match_amount,date,vendor,description,\
security_details,withholding_basis,withholding_statement,internal_notes";

async fn stored(app: &TestApp) -> i64 {
    app.count("SELECT (SELECT COUNT(*) FROM draft_expenditures) + (SELECT COUNT(*) FROM submissions)").await
}

async fn any_spreadsheet_imports_whole_or_not_at_all(store: Store) {
    let app = spawn_app(store).await;
    accounts::add(
        &app.db,
        "author@boone.example",
        "correct horse battery staple",
        Role::Author,
        Some("boone-county"),
        "t",
        "t",
    )
    .await
    .unwrap();
    let author = accounts::find(&app.db, "author@boone.example").await.unwrap().unwrap();
    // Rows that are mostly right, with a chance of a mistake in any cell.
    let cell = |good: &'static str, bad: &'static [&'static str]| prop_oneof![8 => Just(good.to_string()), 1 => proptest::sample::select(bad).prop_map(str::to_string), 1 => "(\\PC|[,\"\n]){0,12}"];
    let row = (
        cell("hava-2018-election-security", &["no-such-grant", ""]),
        cell("boone-county", &["clay-county", "atlantis"]),
        cell("voter_education", &["Snacks", ""]),
        cell("100.00", &["12.345", "-5", "92233720368547758.07", "1,00.0"]),
        cell("0", &["x"]),
        cell("2025-01-02", &["2025-02-31", "yesterday"]),
        cell("Plain Print Co.", &["", "<b>bold</b>"]),
        cell("Voter guides.", &["The switch is at 10.20.4.17."]),
    );
    let rows = proptest::collection::vec(row, 1..6);
    check(24, rows, |rows| {
        let mut file = format!("{HEADER}\n");
        for (g, r, c, f, m, d, v, desc) in &rows {
            let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            file.push_str(
                &[quote(g), quote(r), quote(c), quote(f), quote(m), quote(d), quote(v), quote(desc)].join(","),
            );
            file.push_str(",,,,\n");
        }
        let before = block_on(stored(&app));
        let result = block_on(import::spending(&app.db, &app.policy, &author, file.as_bytes(), "test"));
        let after = block_on(stored(&app));
        match result {
            Ok(created) => {
                prop_assert_eq!(created.len(), rows.len());
                prop_assert_eq!(after - before, 2 * rows.len() as i64, "every row: a draft and a submission");
            }
            Err(ImportFailure::Rows(errors)) => {
                prop_assert!(!errors.is_empty());
                prop_assert!(errors.iter().all(|e| e.line >= 2), "{:?}", errors);
                prop_assert_eq!(after, before, "nothing from a rejected file is stored");
            }
            Err(ImportFailure::Other(e)) => {
                prop_assert!(!matches!(e, portal::error::AppError::Internal(_)), "{:?}", e);
                prop_assert_eq!(after, before);
            }
        }
        Ok(())
    });
}
