//! Scale, on SQLite and PostgreSQL: the scale fixture (`portal demo --scale N`)
//! at a small N, the audit list paged by cursor links without JavaScript in both
//! languages, the API's next links, bad cursors, and the streamed CSV.

use crate::support::{on_both_databases, spawn_empty, text, Store, TestApp};
use app::data::Collection;
use portal::db::collections::{Filter, Window};
use portal::db::PublicDb;
use portal::demo::scale;
use serde_json::Value;

on_both_databases! {
    the_scale_fixture_loads_synthetic_records_the_site_shows;
    audit_pages_walk_every_entry_once_by_their_links;
    bad_cursors_are_refused_plainly;
    the_fixture_refuses_a_database_with_real_publications;
}

const N: usize = 50;
/// The demo's own audits and expenditures.
const DEMO_AUDITS: usize = 8;
const DEMO_EXPENDITURES: usize = 24;

async fn scaled(store: Store) -> TestApp {
    let app = spawn_empty(store).await;
    let report = scale::load(&app.db, N).await.expect("the scale fixture loads");
    assert!(report.contains("50 audits (500 contests), 500 expenditures, 1 grants"), "{report}");
    app
}

async fn json(app: &TestApp, path: &str) -> Value {
    let body = app.expect(path, 200).await;
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path} is not JSON ({e}): {body}"))
}

/// Every item of an API list, following next links from `path`.
async fn api_all(app: &TestApp, path: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut path = path.to_string();
    loop {
        let api = json(app, &path).await;
        items.extend(api["items"].as_array().unwrap().iter().cloned());
        match api["next"].as_str() {
            Some(next) => path = next.strip_prefix(&app.base).expect("a link to this portal").to_string(),
            None => return items,
        }
    }
}

/// The href of a page's `rel` link (prev or next), unescaped.
fn link(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("rel=\"{rel}\" href=\""))?;
    let rest = &html[at + rel.len() + 13..];
    Some(rest[..rest.find('"')?].replace("&amp;", "&"))
}

/// The audit slugs a list page links to, in order.
fn audit_slugs(html: &str, prefix: &str) -> Vec<String> {
    let marker = format!("href=\"{prefix}/audits/");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find(['"', '/', '?']).unwrap()].to_string()
        })
        .filter(|s| s != "planner")
        .collect()
}

async fn the_scale_fixture_loads_synthetic_records_the_site_shows(store: Store) {
    let app = scaled(store).await;
    // The API, the CSV and the pages count the synthetic records with the demo's.
    let audits = api_all(&app, "/api/v1/audits?limit=7").await;
    assert_eq!(audits.len(), DEMO_AUDITS + N);
    let synthetic = audits.iter().filter(|a| a["slug"].as_str().unwrap().starts_with("scale-audit-")).count();
    assert_eq!(synthetic, N);
    let contests = api_all(&app, "/api/v1/audit-contests?limit=500&jurisdiction=cole-county").await;
    let cole = audits.iter().filter(|a| a["jurisdiction_slug"] == "cole-county").collect::<Vec<_>>();
    let expected: i64 = cole.iter().map(|a| a["contests"].as_i64().unwrap()).sum();
    assert_eq!(contests.len() as i64, expected, "contests of Cole County's audits");
    let csv = app.expect("/data/expenditures.csv", 200).await;
    assert_eq!(csv.trim_end().split("\r\n").count(), 1 + DEMO_EXPENDITURES + N * 10, "header and every row");
    assert!(csv.contains("Synthetic sample data for load testing (record 499)."));
    let expenditures = api_all(&app, "/api/v1/expenditures?limit=500&grant=scale-grant-00000").await;
    assert_eq!(expenditures.len(), N * 10);
    // A synthetic audit and grant have pages that say what they are.
    let shown = text(&app.expect("/audits/scale-audit-000007", 200).await);
    assert!(shown.contains("Synthetic sample data for load testing (record 7)"), "{shown}");
    assert!(shown.contains("Synthetic contest 10"), "{shown}");
    // The grant page lists its expenditures a page at a time, by date, every
    // one once by its next links; each page says how many there are in all.
    let mut grant = app.expect("/spending/scale-grant-00000", 200).await;
    let mut listed = Vec::new();
    loop {
        assert!(text(&grant).contains(&format!("{} results", N * 10)), "{}", text(&grant));
        let rows: Vec<String> = grant
            .match_indices("<tr id=\"scale-exp-")
            .map(|(at, _)| grant[at + 8..at + 8 + grant[at + 8..].find('"').unwrap()].to_string())
            .collect();
        assert!(rows.len() <= app::model::EXPENDITURE_PAGE_SIZE as usize);
        listed.extend(rows);
        match link(&grant, "next") {
            Some(next) => grant = app.expect(&next, 200).await,
            None => break,
        }
    }
    let mut by_slug = listed.clone();
    by_slug.sort();
    by_slug.dedup();
    assert_eq!(by_slug.len(), N * 10, "the grant's pages list each of its expenditures once");
    let dates: Vec<String> = listed
        .iter()
        .map(|s| expenditures.iter().find(|x| x["slug"] == s.as_str()).unwrap()["date"].as_str().unwrap().to_string())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "by date");
    let spent: i64 = expenditures.iter().map(|x| x["total_cents"].as_i64().unwrap()).sum();
    let grants = json(&app, "/api/v1/grants?recipient=missouri").await;
    let g = grants["items"].as_array().unwrap().iter().find(|g| g["slug"] == "scale-grant-00000").unwrap();
    assert_eq!(g["spent_cents"].as_i64().unwrap(), spent, "the grant's spending is the sum of its expenditures");
    let shown = text(&app.expect("/audits", 200).await);
    assert!(shown.contains(&format!("{} results", DEMO_AUDITS + N)), "{shown}");
    let shown = text(&app.expect("/es/audits?type=manual_tally", 200).await);
    assert!(shown.contains(&format!("{} resultados", N + 1)), "the demo has one manual tally: {shown}");

    // The streamed CSV (slice by slice) is the CSV of every entry at once.
    let public = PublicDb::connect(&app.db, None).await.unwrap();
    let all: Vec<app::data::PublicExpenditureEntry> = portal::db::collections::expenditures(
        &public,
        &Filter::default(),
        &Window::Offset { offset: 0, limit: 1_000_000 },
        &app.base,
    )
    .await
    .unwrap();
    let header: Vec<&str> = Collection::Expenditures.columns().iter().map(|c| c.name).collect();
    let whole = format!(
        "{}\r\n{}",
        header.join(","),
        String::from_utf8(portal::public::downloads::csv_rows(&all).unwrap()).unwrap()
    );
    assert_eq!(csv, whole, "the streamed CSV equals the CSV written at once");
}

/// Walks a list by its next links from `start`, then back by its prev links,
/// returning the slugs in order (and checking the walk back agrees).
async fn walk(app: &TestApp, start: &str, prefix: &str) -> Vec<String> {
    let mut pages = Vec::new();
    let mut path = start.to_string();
    loop {
        let html = app.expect(&path, 200).await;
        pages.push(audit_slugs(&html, prefix));
        match link(&html, "next") {
            Some(next) => {
                assert!(next.starts_with(&format!("{prefix}/audits?")), "{next}");
                path = next;
            }
            None => {
                // And back again, page by page.
                let mut back = Vec::new();
                let mut html = html;
                back.push(audit_slugs(&html, prefix));
                while let Some(prev) = link(&html, "prev") {
                    html = app.expect(&prev, 200).await;
                    back.push(audit_slugs(&html, prefix));
                }
                back.reverse();
                assert_eq!(back, pages, "the previous links walk the same pages back");
                return pages.concat();
            }
        }
    }
}

async fn audit_pages_walk_every_entry_once_by_their_links(store: Store) {
    let app = scaled(store).await;
    let page_size = app::model::PAGE_SIZE as usize;
    for (prefix, filter) in
        [("", ""), ("/es", ""), ("", "jurisdiction=cole-county"), ("/es", "election=2024-general&outcome=confirmed")]
    {
        let start = if filter.is_empty() { format!("{prefix}/audits") } else { format!("{prefix}/audits?{filter}") };
        let walked = walk(&app, &start, prefix).await;
        // The CSV names the same audits (in slug order; the pages list them by date).
        let csv = app.expect(&format!("/data/audits.csv?{filter}"), 200).await;
        let mut expected: Vec<String> =
            csv.split("\r\n").skip(1).filter(|l| !l.is_empty()).map(|l| l.split(',').next().unwrap().into()).collect();
        let mut sorted = walked.clone();
        sorted.sort();
        expected.sort();
        assert_eq!(sorted, expected, "{start}: every audit exactly once");
        // The order is the list's: the same as the old numbered pages.
        let mut numbered = Vec::new();
        for page in 1..=walked.len().div_ceil(page_size) {
            let sep = if filter.is_empty() { "?" } else { "&" };
            numbered.extend(audit_slugs(&app.expect(&format!("{start}{sep}page={page}"), 200).await, prefix));
        }
        assert_eq!(numbered, walked, "{start}: cursor pages and numbered pages agree");
    }
    // Newest election first: the 2024 general election's audits lead the list.
    let first = app.expect("/audits", 200).await;
    assert!(text(&first).contains("2024 General Election"));
}

async fn bad_cursors_are_refused_plainly(store: Store) {
    let app = scaled(store).await;
    for (path, words) in [
        ("/audits?after=no-such-audit", "must name a published audit"),
        ("/es/audits?before=no-such-audit", "deben nombrar una auditoría publicada"),
        ("/audits?after=Not%20A%20Slug", "after"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, 400, "{path}");
        assert!(text(&page.body).contains(words), "{path}: {}", text(&page.body));
    }
    let page = app.get("/api/v1/expenditures?after=%3Cscript%3E").await;
    assert_eq!(page.status, 400);
    let body: Value = serde_json::from_str(&page.body).unwrap();
    assert!(body["error"]["message"].as_str().unwrap().contains("is not a cursor"), "{body}");
    let page = app.get("/api/v1/audit-contests?after=scale-audit-000001:x").await;
    assert_eq!(page.status, 400);
    // A cursor past the end is an empty last page, not an error.
    let api = json(&app, "/api/v1/audits?after=zzz").await;
    assert!(api["items"].as_array().unwrap().is_empty() && api["next"].is_null(), "{api}");
}

async fn the_fixture_refuses_a_database_with_real_publications(store: Store) {
    let app = spawn_empty(store).await;
    portal::demo::load(&app.db).await.unwrap();
    let real = portal::domain::update::UpdateInput {
        slug: "a-real-notice".into(),
        title: "A real notice".into(),
        body: "The office is open on Saturday.".into(),
        office: "cole-county".into(),
        date: "2024-10-01".into(),
        internal_notes: String::new(),
    };
    app.publish(portal::domain::update::UpdateDraft::try_from(&real).unwrap()).await.unwrap();
    let refused = scale::load(&app.db, 5).await.unwrap_err().to_string();
    assert!(refused.contains("real published record") && refused.contains("a-real-notice"), "{refused}");
    assert_eq!(app.count("SELECT COUNT(*) FROM published_audits WHERE slug LIKE 'scale-%'").await, 0);
    // And a second load into a scaled database is refused too.
    let scaled = scaled(store).await;
    let again = scale::load(&scaled.db, 5).await.unwrap_err().to_string();
    assert!(again.contains("already holds 50 synthetic audits"), "{again}");
}
