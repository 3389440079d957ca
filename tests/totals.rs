//! Totals kept at publication, on SQLite and PostgreSQL: what the home page,
//! `/spending` (its category and recipient tables, its grant list), a grant's
//! page, a jurisdiction's page and the API show equals the sums of the current
//! published rows, after a publication, a correction that moves an expenditure
//! to another category, recipient and amount, and a retraction; and `/spending`
//! pages its grants by cursor links.

use crate::support::{on_both_databases, spawn_app, spawn_empty, text, Store, TestApp};
use app::i18n::Lang;
use app::model::Category;
use portal::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use portal::domain::grant::{GrantDraft, GrantInput};
use portal::domain::RecordKind;
use serde_json::Value;
use std::collections::BTreeMap;

on_both_databases! {
    totals_follow_publication_correction_and_retraction;
    spending_pages_its_grants_by_links;
}

const GRANT: &str = "hava-2018-election-security";

fn money(cents: i64) -> String {
    app::format::money(cents)
}

fn expenditure(category: &str, recipient: &str, federal: &str, matching: &str) -> ExpenditureDraft {
    ExpenditureDraft::try_from(&ExpenditureInput {
        slug: "totals-check-purchase".into(),
        grant: GRANT.into(),
        recipient: recipient.into(),
        category: category.into(),
        federal_amount: federal.into(),
        match_amount: matching.into(),
        date: "2025-02-03".into(),
        vendor: "Plain Print Co.".into(),
        description: "Printed voter guides for the totals check.".into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn grant(slug: &str, award_date: &str, federal: &str) -> GrantDraft {
    GrantDraft::try_from(&GrantInput {
        slug: slug.into(),
        program: format!("Paging check grant {slug}"),
        funder: "U.S. Election Assistance Commission".into(),
        recipient: "cole-county".into(),
        federal_amount: federal.into(),
        match_amount: "0".into(),
        award_date: award_date.into(),
        period_start: String::new(),
        period_end: String::new(),
        source: "Sample data for the paging check.".into(),
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

/// Rows of (key, federal, match) summed over current expenditures, grouped by `column`.
async fn sums_by(app: &TestApp, column: &str) -> BTreeMap<String, (i64, i64)> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT {column}, CAST(SUM(federal_cents) AS BIGINT), CAST(SUM(match_cents) AS BIGINT) \
         FROM published_expenditures WHERE is_current = 1 GROUP BY {column}"
    ))
    .fetch_all(&app.raw)
    .await
    .unwrap();
    rows.into_iter().map(|(k, f, m)| (k, (f, m))).collect()
}

/// A chart table's rows (label, amount) from `/spending`, by the section's id.
fn chart_rows(html: &str, id: &str) -> BTreeMap<String, String> {
    let html = html.replace("<!---->", "").replace("<!-- -->", "");
    let start = html.find(&format!("id=\"{id}-heading\"")).unwrap_or_else(|| panic!("no {id} chart"));
    let section = &html[start..];
    let section = &section[..section.find("</table>").unwrap()];
    let mut rows = BTreeMap::new();
    let marker = "<th scope=\"row\">";
    for (at, _) in section.match_indices(marker) {
        let rest = &section[at + marker.len()..];
        let label = &rest[..rest.find("</th>").unwrap()];
        let cell = "<td class=\"num\">";
        let amount = &rest[rest.find(cell).unwrap() + cell.len()..];
        rows.insert(label.to_string(), amount[..amount.find("</td>").unwrap()].to_string());
    }
    rows
}

/// Every page and API answer that shows a total agrees with the published rows.
async fn check_totals(app: &TestApp, when: &str) {
    let current = |table: &str, extra: &str| format!("SELECT COUNT(*) FROM {table} WHERE is_current = 1{extra}");
    let audits = app.count(&current("published_audits", "")).await;
    let withheld = app.count(&current("published_audits", " AND withheld_count > 0")).await
        + app.count(&current("published_expenditures", " AND withheld_count > 0")).await;
    let awarded = app
        .count(
            "SELECT CAST(COALESCE(SUM(federal_cents + match_cents), 0) AS BIGINT) FROM published_grants \
             WHERE is_current = 1",
        )
        .await;
    let spent = app
        .count(
            "SELECT CAST(COALESCE(SUM(federal_cents + match_cents), 0) AS BIGINT) FROM published_expenditures \
             WHERE is_current = 1",
        )
        .await;

    // The home page's counts and sums.
    let home = text(&app.expect("/", 200).await);
    for expected in [
        format!("{audits} audits published"),
        format!("Awarded {}", money(awarded)),
        format!("Spent to date {}", money(spent)),
        format!("{withheld} published records have details withheld."),
    ] {
        assert!(home.contains(&expected), "{when}: the home page should say \"{expected}\": {home}");
    }

    // /spending's category and recipient tables: one row per category and
    // recipient with current spending, and its sum.
    let spending = app.expect("/spending", 200).await;
    let by_category: BTreeMap<String, String> = sums_by(app, "category")
        .await
        .into_iter()
        .map(|(code, (f, m))| (Lang::En.category(Category::from_code(&code).unwrap()).to_string(), money(f + m)))
        .collect();
    assert_eq!(chart_rows(&spending, "by-category"), by_category, "{when}: spending by category");
    let mut by_recipient = BTreeMap::new();
    for (slug, (f, m)) in sums_by(app, "recipient_slug").await {
        let name: String = sqlx::query_scalar("SELECT name FROM jurisdictions WHERE slug = $1")
            .bind(&slug)
            .fetch_one(&app.raw)
            .await
            .unwrap();
        by_recipient.insert(name, money(f + m));
        // The jurisdiction's page says what it spent, and sums every expenditure.
        let page = text(&app.expect(&format!("/jurisdictions/{slug}"), 200).await);
        assert!(page.contains(&format!("{} spent here to date.", money(f + m))), "{when}: {slug}: {page}");
        assert!(
            page.contains(&format!("Total of the list (every page) {} {}", money(f), money(m))),
            "{when}: {slug}: {page}"
        );
    }
    assert_eq!(chart_rows(&spending, "by-recipient"), by_recipient, "{when}: spending by recipient");

    // Each grant's spending, in the API and on its page.
    let per_grant = sums_by(app, "grant_slug").await;
    let api: Value = serde_json::from_str(&app.expect("/api/v1/grants?limit=100", 200).await).unwrap();
    for g in api["items"].as_array().unwrap() {
        let slug = g["slug"].as_str().unwrap();
        let (f, m) = per_grant.get(slug).copied().unwrap_or((0, 0));
        assert_eq!(g["spent_cents"].as_i64().unwrap(), f + m, "{when}: the API's spending of {slug}");
        let page = text(&app.expect(&format!("/spending/{slug}"), 200).await);
        assert!(page.contains(&format!("Spent to date {}", money(f + m))), "{when}: {slug}: {page}");
        let count = app.count(&current("published_expenditures", &format!(" AND grant_slug = '{slug}'"))).await;
        assert!(page.contains(&format!("{count} results")), "{when}: {slug}: {page}");
        if count > 0 {
            assert!(
                page.contains(&format!("Total of the list (every page) {} {}", money(f), money(m))),
                "{when}: {slug}: {page}"
            );
        }
    }
}

async fn totals_follow_publication_correction_and_retraction(store: Store) {
    let app = spawn_app(store).await;
    check_totals(&app, "the demo").await;

    // A new expenditure in a category and for a recipient of its own.
    let before = text(&app.expect("/", 200).await);
    app.publish(expenditure("accessibility", "boone-county", "1234.56", "78.90")).await.unwrap();
    assert_ne!(text(&app.expect("/", 200).await), before, "the home page's sums moved");
    check_totals(&app, "after a publication").await;

    // Its correction moves it to another category and recipient, with new amounts:
    // the old amounts leave the old rows' totals.
    app.publish_correction(
        expenditure("communications", "greene-county", "2000", "100.01"),
        "The invoice was for Greene County's notices, not Boone County's ramps.",
    )
    .await
    .unwrap();
    check_totals(&app, "after a correction").await;

    // Its retraction takes it out of every total.
    app.retract(RecordKind::Expenditure, "totals-check-purchase", "Published against the wrong grant by mistake.")
        .await
        .unwrap();
    check_totals(&app, "after an expenditure's retraction").await;

    // An audit's and a grant's retraction change the home page's counts and sums.
    let audit = portal::demo::audits().into_iter().next().unwrap().slug.to_string();
    app.retract(RecordKind::Audit, &audit, "Published for the wrong election by mistake.").await.unwrap();
    app.publish(grant("totals-check-grant", "2025-01-01", "5000")).await.unwrap();
    check_totals(&app, "after an audit's retraction and a new grant").await;
    app.retract(RecordKind::Grant, "totals-check-grant", "Published twice by mistake; see the other record.")
        .await
        .unwrap();
    check_totals(&app, "after a grant's retraction").await;
}

/// The grant slugs `/spending` links to, in order.
fn grant_slugs(html: &str, prefix: &str) -> Vec<String> {
    let marker = format!("href=\"{prefix}/spending/");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find(['"', '/', '?']).unwrap()].to_string()
        })
        .collect()
}

fn link(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("rel=\"{rel}\" href=\""))?;
    let rest = &html[at + rel.len() + 13..];
    Some(rest[..rest.find('"')?].replace("&amp;", "&"))
}

async fn spending_pages_its_grants_by_links(store: Store) {
    let app = spawn_empty(store).await;
    // Two pages and a bit, some on the same award date (the slug breaks the tie).
    let n = app::model::PAGE_SIZE as usize * 2 + 3;
    for i in 0..n {
        let date = format!("2024-{:02}-01", 1 + i % 6);
        app.publish(grant(&format!("paging-grant-{i:02}"), &date, "1000")).await.unwrap();
    }
    let mut expected: Vec<(String, String)> =
        (0..n).map(|i| (format!("2024-{:02}-01", 1 + i % 6), format!("paging-grant-{i:02}"))).collect();
    expected.sort();
    expected.reverse();
    let expected: Vec<String> = expected.into_iter().map(|(_, s)| s).collect();
    for prefix in ["", "/es"] {
        let mut pages = Vec::new();
        let mut html = app.expect(&format!("{prefix}/spending"), 200).await;
        assert!(text(&html).contains(&n.to_string()), "the count of every grant");
        loop {
            let slugs = grant_slugs(&html, prefix);
            assert!(slugs.len() <= app::model::PAGE_SIZE as usize);
            pages.push(slugs);
            match link(&html, "next") {
                Some(next) => html = app.expect(&next, 200).await,
                None => break,
            }
        }
        assert_eq!(pages.len(), 3, "{prefix}: three pages");
        assert_eq!(pages.concat(), expected, "{prefix}: every grant once, newest award first");
        // And back by the previous links.
        let mut back = vec![grant_slugs(&html, prefix)];
        while let Some(prev) = link(&html, "prev") {
            html = app.expect(&prev, 200).await;
            back.push(grant_slugs(&html, prefix));
        }
        back.reverse();
        assert_eq!(back, pages, "{prefix}: the previous links walk the same pages back");
    }
    for (path, words) in [
        ("/spending?after=no-such-grant", "must name a published grant"),
        ("/es/spending?before=no-such-grant", "deben nombrar una subvención publicada"),
        ("/spending/paging-grant-00?after=no-such-expenditure", "must name a published expenditure"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, 400, "{path}");
        assert!(text(&page.body).contains(words), "{path}: {}", text(&page.body));
    }
}
