//! Open data over real HTTP, on SQLite and PostgreSQL: the CSV and JSON downloads,
//! the data package, the API and its OpenAPI snapshot, record versions of every
//! kind, retractions, conditional requests, and an audit's evidence (its
//! manifest, the ballots the sampler drew and its rounds).

use crate::support::{on_both_databases, spawn_app, text, unique_name, Store, TestApp};
use app::data::Collection;
use app::model::RecordKind;
use portal::domain::audit::evidence::ManifestDraft;
use portal::domain::audit::{AuditInput, ContestInput, Evidence};
use portal::domain::digest::sha256_hex;
use portal::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use portal::domain::update::{UpdateDraft, UpdateInput};
use portal::domain::values::Timestamp;
use serde_json::Value;
use std::collections::HashMap;

on_both_databases! {
    csv_round_trips_to_the_api_values;
    filters_agree_between_pages_csv_and_api;
    datapackage_describes_every_csv_file;
    api_errors_are_consistent_and_cors_is_open;
    expenditure_and_grant_versions_are_permanent;
    retraction_publishes_a_tombstone;
    downloads_and_pages_answer_conditional_requests;
    collection_pages_describe_their_datasets;
    downloads_span_many_slices;
    evidence_collections_match_the_manifest_and_the_sampler;
}

/// Parses a CSV download into its header and rows (each row a column → value map).
fn parse_csv(body: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header row").iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("an RFC 4180 row");
            header.iter().cloned().zip(r.iter().map(String::from)).collect()
        })
        .collect();
    (header, rows)
}

/// A JSON value as its CSV cell: null is empty, strings as they are.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn json(app: &TestApp, path: &str) -> Value {
    let body = app.expect(path, 200).await;
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path} is not JSON ({e}): {body}"))
}

/// Every item of an API list (`list` ends in `?` or `&`), following each page's
/// next link, and how many there were.
async fn api_items(app: &TestApp, list: &str) -> (usize, Vec<Value>) {
    let mut items = Vec::new();
    let mut path = format!("{list}limit=500");
    loop {
        let api = json(app, &path).await;
        items.extend(api["items"].as_array().unwrap().iter().cloned());
        match api["next"].as_str() {
            Some(next) => path = next.strip_prefix(&app.base).expect("a next link on this portal").to_string(),
            None => return (items.len(), items),
        }
    }
}

async fn csv_round_trips_to_the_api_values(store: Store) {
    let app = spawn_app(store).await;
    // Every collection has rows, the evidence ones too, whatever the demo holds.
    publish_sampled_audit(&app, "round-trip-rla", &manifest_file(4, 50, "Shelf"), 30).await;
    for c in Collection::ALL {
        let page = app.get(&format!("/data/{}.csv", c.name())).await;
        assert_eq!(page.status, 200);
        assert!(page.content_type.starts_with("text/csv"), "{}", page.content_type);
        assert!(page.body.contains("\r\n"), "RFC 4180 lines end in CRLF");
        let (header, rows) = parse_csv(&page.body);
        let names: Vec<&str> = c.columns().iter().map(|d| d.name).collect();
        assert_eq!(header, names, "{} header", c.name());
        let (total, items) = api_items(&app, &format!("/api/v1/{}?", c.name())).await;
        assert_eq!(total, rows.len(), "{}: API total = CSV rows", c.name());
        assert_eq!(items.len(), rows.len(), "{}: the API's pages hold every row", c.name());
        assert!(!rows.is_empty(), "{} has demo rows", c.name());
        // The same entries, value for value (the API orders lists like the CSV).
        for (row, item) in rows.iter().zip(&items) {
            for name in &names {
                assert_eq!(row[*name], cell(&item[*name]), "{} {name} of {:?}", c.name(), row.get("slug"));
            }
        }
        // The JSON download holds the same entries as the API.
        let download = json(&app, &format!("/data/{}.json", c.name())).await;
        assert_eq!(download.as_array().unwrap(), &items, "{}.json = API items", c.name());
    }
    // Amounts are whole cents, never floats; the demo's EAC figures survive exactly.
    let (_, grants) = parse_csv(&app.expect("/data/grants.csv", 200).await);
    let hava = grants.iter().find(|g| g["slug"] == "hava-2018-election-security").unwrap();
    assert_eq!(hava["federal_cents"], "723062500");
    assert_eq!(hava["match_cents"], "36153100");
    assert_eq!(hava["total_cents"], "759215600");
    // Contest results read back as the import template writes them.
    let (_, contests) = parse_csv(&app.expect("/data/audit-contests.csv?jurisdiction=boone-county", 200).await);
    assert!(contests.iter().all(|c| c["reported_results"].contains('=')), "{contests:?}");
}

async fn filters_agree_between_pages_csv_and_api(store: Store) {
    let app = spawn_app(store).await;
    let cases: &[(&str, &str, &str)] = &[
        ("/audits?jurisdiction=boone-county", "audits", "jurisdiction=boone-county"),
        ("/audits?type=ballot_polling&outcome=confirmed", "audits", "type=ballot_polling&outcome=confirmed"),
        ("/audits?election=2024-general", "audits", "election=2024-general"),
    ];
    for (page, collection, query) in cases {
        let shown = text(&app.expect(page, 200).await);
        let (_, rows) = parse_csv(&app.expect(&format!("/data/{collection}.csv?{query}"), 200).await);
        let api = json(&app, &format!("/api/v1/{collection}?{query}&limit=500")).await;
        assert_eq!(api["items"].as_array().unwrap().len(), rows.len(), "{query}");
        assert!(api["next"].is_null(), "one page holds them: {query}");
        assert!(
            shown.contains(&format!(" {} results", rows.len())),
            "{page} shows the CSV's count ({}): {shown}",
            rows.len()
        );
        for row in &rows {
            assert!(shown.contains(&row["jurisdiction_name"]), "{page} lists {}", row["slug"]);
        }
    }
    // The grant page's expenditure filters, the CSV and the API agree row for row.
    let grant = "/spending/hava-2018-election-security?category=cyber_security";
    let shown = app.expect(grant, 200).await;
    let (_, rows) = parse_csv(
        &app.expect("/data/expenditures.csv?grant=hava-2018-election-security&category=cyber_security", 200).await,
    );
    let api = json(&app, "/api/v1/expenditures?grant=hava-2018-election-security&category=cyber_security").await;
    assert_eq!(api["items"].as_array().unwrap().len(), rows.len());
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["category"] == "cyber_security"));
    for row in &rows {
        assert!(shown.contains(&format!("id=\"{}\"", row["slug"])), "the page lists {}", row["slug"]);
    }
    assert_eq!(shown.matches("<tr id=\"exp-").count(), rows.len(), "the page lists no other rows");
    // Following the API's next links yields the whole list once, in order.
    let (_, all) = api_items(&app, "/api/v1/expenditures?").await;
    let mut seen = Vec::new();
    let mut path = "/api/v1/expenditures?limit=5".to_string();
    loop {
        let p = json(&app, &path).await;
        let items = p["items"].as_array().unwrap();
        assert!(items.len() <= 5);
        seen.extend(items.iter().map(|i| i["slug"].as_str().unwrap().to_string()));
        match p["next"].as_str() {
            Some(next) => path = next.strip_prefix(&app.base).unwrap().to_string(),
            None => break,
        }
    }
    let all: Vec<String> = all.iter().map(|i| i["slug"].as_str().unwrap().to_string()).collect();
    assert_eq!(seen, all, "every entry once, in order");
}

fn valid_cell(kind: &str, v: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match kind {
        "integer" => v.parse::<i64>().is_ok(),
        "number" => v.parse::<f64>().is_ok() && !v.contains('e'),
        "boolean" => v == "true" || v == "false",
        "date" => {
            v.len() == 10
                && digits(&v[0..4])
                && &v[4..5] == "-"
                && digits(&v[5..7])
                && &v[7..8] == "-"
                && digits(&v[8..10])
        }
        "datetime" => v.len() >= 20 && v.ends_with('Z') && &v[10..11] == "T" && digits(&v[0..4]),
        _ => true,
    }
}

async fn datapackage_describes_every_csv_file(store: Store) {
    let app = spawn_app(store).await;
    let package = json(&app, "/data/datapackage.json").await;
    assert_eq!(package["profile"], "tabular-data-package");
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), Collection::ALL.len());
    for r in resources {
        let path = r["path"].as_str().unwrap();
        let relative = path.strip_prefix(&app.base).unwrap_or_else(|| panic!("{path} is on this portal"));
        let (header, rows) = parse_csv(&app.expect(relative, 200).await);
        let fields = r["schema"]["fields"].as_array().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(header, names, "{path}: the header is the schema's fields, in order");
        for f in fields {
            let name = f["name"].as_str().unwrap();
            let kind = f["type"].as_str().unwrap();
            assert!(f["description"].as_str().is_some_and(|d| d.len() > 5), "{name} is described");
            let required = f["constraints"]["required"].as_bool().unwrap_or(false);
            let codes: Option<Vec<&str>> =
                f["constraints"]["enum"].as_array().map(|a| a.iter().map(|v| v.as_str().unwrap()).collect());
            for row in &rows {
                let v = &row[name];
                if v.is_empty() {
                    assert!(!required, "{path}: {name} is required but empty in {row:?}");
                    continue;
                }
                assert!(valid_cell(kind, v), "{path}: {name}={v:?} is not a {kind}");
                if let Some(codes) = &codes {
                    assert!(codes.contains(&v.as_str()), "{path}: {name}={v:?} is not one of {codes:?}");
                }
            }
        }
    }
    // The data dictionary page explains the same columns in plain words.
    let page = text(&app.expect("/data", 200).await);
    for c in Collection::ALL {
        for col in c.columns() {
            assert!(page.contains(col.name) && page.contains(col.en), "/data explains {}.{}", c.name(), col.name);
        }
    }
    let es = text(&app.expect("/es/data", 200).await);
    assert!(es.contains(Collection::Audits.columns()[0].es), "/es/data is in Spanish");
}

async fn api_errors_are_consistent_and_cors_is_open(store: Store) {
    let app = spawn_app(store).await;
    for (path, status) in [
        ("/api/v1/audits?type=nonsense", 400),
        ("/api/v1/audits?colour=blue", 400),
        ("/api/v1/audits?limit=100000", 400),
        ("/api/v1/audits?page=0", 400),
        ("/api/v1/audits/no-such-audit", 404),
        ("/api/v1/audits/Not%20a%20slug", 404),
        ("/api/v1/audits/boone-county-2024-general-rla/versions/99", 404),
        ("/api/v1/audits/boone-county-2024-general-rla/versions/one", 400),
        ("/api/v1/nothing-here", 404),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, status, "{path}: {}", page.body);
        assert!(page.content_type.starts_with("application/json"), "{path}");
        let body: Value = serde_json::from_str(&page.body).unwrap();
        assert_eq!(body["error"]["status"], status, "{path}");
        assert!(body["error"]["message"].as_str().unwrap().len() > 10, "{path} says what went wrong");
    }
    let bad = app.get("/data/audits.csv?outcome=maybe").await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("outcome"), "{}", bad.body);
    assert_eq!(app.get("/data/ballots.csv").await.status, 404);

    // Any site may read the data from a script.
    let res = app
        .client
        .get(format!("{}/api/v1/audits", app.base))
        .header("Origin", "https://newsroom.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    let res = app
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/data/audits.csv", app.base))
        .header("Origin", "https://newsroom.example")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "preflight: {}", res.status());
    assert!(res.headers()["access-control-allow-methods"].to_str().unwrap().contains("GET"));
    // A record from the API is the same bytes as its data.json (what citations hash).
    let api = app.expect("/api/v1/audits/boone-county-2024-general-rla/versions/1", 200).await;
    let file = app.expect("/audits/boone-county-2024-general-rla/v/1/data.json", 200).await;
    assert_eq!(api, file);
}

async fn expenditure_and_grant_versions_are_permanent(store: Store) {
    let app = spawn_app(store).await;
    let original = ExpenditureInput {
        slug: "versioned-expenditure".into(),
        grant: "hava-2018-election-security".into(),
        recipient: "boone-county".into(),
        category: "voter_education".into(),
        federal_amount: "1234.56".into(),
        match_amount: "65.00".into(),
        date: "2024-03-01".into(),
        vendor: "Plain Print Co.".into(),
        description: "Voter guides in English and Spanish.".into(),
        ..Default::default()
    };
    app.publish(ExpenditureDraft::try_from(&original).unwrap()).await.unwrap();
    let v1_page = app.expect("/expenditures/versioned-expenditure/v/1", 200).await;
    let v1_json = app.expect("/expenditures/versioned-expenditure/v/1/data.json", 200).await;
    let mut corrected = original.clone();
    corrected.federal_amount = "1334.56".into();
    app.publish_correction(ExpenditureDraft::try_from(&corrected).unwrap(), "The invoice total was mistyped.")
        .await
        .unwrap();

    assert_eq!(app.expect("/expenditures/versioned-expenditure/v/1/data.json", 200).await, v1_json);
    let again = app.expect("/expenditures/versioned-expenditure/v/1", 200).await;
    assert!(text(&again).contains("$1,234.56"), "version 1 still shows its amount");
    assert!(text(&v1_page).contains("$1,234.56"));
    let current = text(&app.expect("/expenditures/versioned-expenditure", 200).await);
    assert!(current.contains("$1,334.56"), "{current}");
    assert!(current.contains("The invoice total was mistyped."), "the history shows the note");
    assert!(current.contains("federal amount 1234.56 1334.56"), "the history shows what changed: {current}");
    // The citation's hash is the hash of the served version JSON.
    let v2 = app.expect("/expenditures/versioned-expenditure/v/2/data.json", 200).await;
    let digest = sha256_hex(v2.as_bytes());
    assert!(current.contains(&digest), "the citation pins version 2's bytes");
    let history = json(&app, "/api/v1/expenditures/versioned-expenditure/history").await;
    assert_eq!(history["current_version"], 2);
    assert_eq!(history["versions"][1]["correction_note"], "The invoice total was mistyped.");
    // The grant is citable too, and its version JSON does not move with spending.
    let grant_v1 = app.expect("/spending/hava-2018-election-security/v/1/data.json", 200).await;
    assert!(!grant_v1.contains("spent"), "a grant version holds only its own facts: {grant_v1}");
    let grant_page = text(&app.expect("/spending/hava-2018-election-security", 200).await);
    assert!(grant_page.contains(&sha256_hex(grant_v1.as_bytes())), "the grant page cites version 1");
    assert!(text(&app.expect("/spending/hava-2018-election-security/v/1", 200).await).contains("$7,230,625"));
    app.expect("/spending/hava-2018-election-security/v/2", 404).await;
}

async fn retraction_publishes_a_tombstone(store: Store) {
    let app = spawn_app(store).await;
    let slug = "boone-county-2024-general-rla";
    let reason = "The audit report was attached to the wrong election; a corrected audit follows.";
    let last = json(&app, &format!("/api/v1/audits/{slug}")).await["version"].as_i64().unwrap();
    let short = app.retract(RecordKind::Audit, slug, "oops").await.unwrap_err();
    assert!(short.to_string().contains("reason"), "{short}");
    let version = app.retract(RecordKind::Audit, slug, reason).await.unwrap();
    assert_eq!(version, last);

    // The current address is a tombstone (410 Gone) that says why.
    let page = app.get(&format!("/audits/{slug}")).await;
    assert_eq!(page.status, 410);
    let shown = text(&page.body);
    assert!(shown.contains("This record was retracted") && shown.contains(reason), "{shown}");
    let es = app.get(&format!("/es/audits/{slug}")).await;
    assert_eq!(es.status, 410);
    assert!(text(&es.body).contains("Este registro fue retirado"));
    // The version stays readable where citations point, and says it was retracted.
    let v1 = text(&app.expect(&format!("/audits/{slug}/v/1"), 200).await);
    assert!(v1.contains("This record was retracted"), "{v1}");
    app.expect(&format!("/audits/{slug}/v/1/data.json"), 200).await;
    assert_eq!(app.get(&format!("/audits/{slug}/data.json")).await.status, 410);
    let api = app.get(&format!("/api/v1/audits/{slug}")).await;
    assert_eq!(api.status, 410);
    let body: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(body["error"]["retraction"]["reason"], reason);
    // It leaves every list.
    assert!(!app.expect("/audits", 200).await.contains(&format!("/audits/{slug}\"")));
    assert!(!app.expect("/data/audits.csv", 200).await.contains(slug));
    for evidence in ["manifests", "sampled-units", "audit-rounds"] {
        assert!(!app.expect(&format!("/data/{evidence}.csv"), 200).await.contains(slug), "{evidence}");
    }
    let manifest = app.get(&format!("/audits/{slug}/manifest.csv")).await;
    assert_eq!(manifest.status, 410, "the manifest's current address is the tombstone too");
    assert!(manifest.body.contains(reason), "{}", manifest.body);
    assert!(!app.expect("/api/v1/audits?limit=500", 200).await.contains(&format!("\"{slug}\"")));
    // The feeds list the retraction with its reason.
    for feed in ["/feed.atom", "/jurisdictions/boone-county/feed.atom"] {
        let xml = app.expect(feed, 200).await;
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let entry = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .find(|e| {
                e.descendants()
                    .any(|n| n.has_tag_name("title") && n.text().is_some_and(|t| t.starts_with("Retracted:")))
            })
            .unwrap_or_else(|| panic!("{feed} lists the retraction"));
        let summary = entry.descendants().find(|n| n.has_tag_name("summary")).unwrap().text().unwrap();
        assert!(summary.contains(reason), "{summary}");
    }
    // The state office may restore it as a new version (a county may not: see
    // attacks.rs); the tombstone goes and the history keeps every version.
    let audit = portal::demo::audits().into_iter().find(|a| a.slug.as_str() == slug).unwrap();
    let restored = app.publish_correction(audit, "Restored: it was retracted by mistake.").await.unwrap();
    let page = text(&app.expect(&format!("/audits/{slug}"), 200).await);
    assert!(page.contains("Restored: it was retracted by mistake."), "{page}");
    assert_eq!(restored.version, last + 1);
}

async fn downloads_and_pages_answer_conditional_requests(store: Store) {
    let app = spawn_app(store).await;
    for path in ["/audits", "/data/audits.csv", "/api/v1/audits", "/data/datapackage.json"] {
        let first = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert_eq!(first.status().as_u16(), 200, "{path}");
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        let modified = first.headers()["last-modified"].to_str().unwrap().to_string();
        let by_etag =
            app.client.get(format!("{}{path}", app.base)).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(by_etag.status().as_u16(), 304, "{path} with its ETag");
        let by_date =
            app.client.get(format!("{}{path}", app.base)).header("If-Modified-Since", &modified).send().await.unwrap();
        assert_eq!(by_date.status().as_u16(), 304, "{path} with its Last-Modified");
        let old = app
            .client
            .get(format!("{}{path}", app.base))
            .header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
            .send()
            .await
            .unwrap();
        assert_eq!(old.status().as_u16(), 200, "{path} changed since 2001");
    }
    // A new publication changes a download's validator.
    let before =
        app.client.get(format!("{}/data/updates.csv", app.base)).send().await.unwrap().headers()["etag"].clone();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let update = UpdateInput {
        slug: "conditional-update".into(),
        title: "A new update".into(),
        body: "Text.".into(),
        office: "missouri".into(),
        date: "2025-02-01".into(),
        internal_notes: String::new(),
    };
    app.publish(UpdateDraft::try_from(&update).unwrap()).await.unwrap();
    let res = app
        .client
        .get(format!("{}/data/updates.csv", app.base))
        .header("If-None-Match", before.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "the download changed");
    assert_ne!(res.headers()["etag"], before);
    assert!(res.text().await.unwrap().contains("conditional-update"));
}

/// The API's OpenAPI document is generated from the code; this snapshot makes any
/// change to it (a new public field, above all) show up in review. After an
/// intended change: `UPDATE_SNAPSHOTS=1 cargo test -p server --test integration openapi`.
#[tokio::test]
async fn openapi_document_matches_its_snapshot() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/snapshots/openapi.json");
    let generated = serde_json::to_string_pretty(&portal::public::api::openapi_document()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let snapshot = std::fs::read_to_string(&path).expect("tests/snapshots/openapi.json exists");
    assert!(
        snapshot == generated,
        "the OpenAPI document changed; review the difference and, if intended, run with UPDATE_SNAPSHOTS=1"
    );
    // The served document is the generated one, and it is OpenAPI 3.
    let app = spawn_app(Store::Sqlite).await;
    let served = json(&app, "/api/v1/openapi.json").await;
    assert_eq!(served, serde_json::from_str::<Value>(&generated).unwrap());
    assert!(served["openapi"].as_str().unwrap().starts_with("3."));
    // Every list documents the filters the pages use, plus page and limit.
    for c in Collection::ALL {
        let params = served["paths"][format!("/api/v1/{}", c.name())]["get"]["parameters"].as_array().unwrap();
        let names: Vec<&str> = params.iter().map(|p| p["name"].as_str().unwrap()).collect();
        for f in c.filters().iter().chain(&["page", "limit"]) {
            assert!(names.contains(f), "{} documents {f}", c.name());
        }
    }
    // Entry fields carry the data dictionary's notes; no restricted field exists.
    assert!(served.to_string().contains("How many security details were withheld"));
    for (name, schema) in served["components"]["schemas"].as_object().unwrap() {
        for field in schema["properties"].as_object().map(|p| p.keys().collect::<Vec<_>>()).unwrap_or_default() {
            assert!(
                !["security_details", "internal_notes", "withholding_basis", "withholding_statement"]
                    .contains(&field.as_str()),
                "{name}.{field}: the public API has no restricted field"
            );
        }
    }
}

async fn collection_pages_describe_their_datasets(store: Store) {
    let app = spawn_app(store).await;
    for (page, collection) in [("/audits", "audits"), ("/es/spending", "expenditures"), ("/updates", "updates")] {
        let html = app.expect(page, 200).await;
        let start = html.find("<script type=\"application/ld+json\">").unwrap_or_else(|| panic!("{page} has JSON-LD"));
        let rest = &html[start..];
        let body = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
        let ld: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{page}: {e}: {body}"));
        assert_eq!(ld["@type"], "Dataset");
        assert!(ld["creator"]["name"].as_str().unwrap().contains("Missouri"));
        let urls: Vec<&str> =
            ld["distribution"].as_array().unwrap().iter().map(|d| d["contentUrl"].as_str().unwrap()).collect();
        assert!(urls.contains(&format!("{}/data/{collection}.csv", app.base).as_str()), "{urls:?}");
        for url in urls {
            app.expect(url.strip_prefix(&app.base).unwrap(), 200).await;
        }
    }
}

/// More entries than one slice: the stream joins slices without losing, repeating
/// or mangling a row.
async fn downloads_span_many_slices(store: Store) {
    let app = spawn_app(store).await;
    let before = json(&app, "/api/v1/updates?limit=500").await["items"].as_array().unwrap().len();
    for n in 0..505 {
        let update = UpdateInput {
            slug: format!("bulk-{n:04}"),
            title: format!("Bulk notice {n}, with a comma"),
            body: "Line one.\n\nLine \"two\".".into(),
            office: "cole-county".into(),
            date: "2025-03-01".into(),
            internal_notes: String::new(),
        };
        app.publish(UpdateDraft::try_from(&update).unwrap()).await.unwrap();
    }
    let (header, rows) = parse_csv(&app.expect("/data/updates.csv", 200).await);
    assert_eq!(header[0], "slug");
    assert_eq!(rows.len(), before + 505);
    let mut slugs: Vec<&str> = rows.iter().map(|r| r["slug"].as_str()).collect();
    let sorted = {
        let mut s = slugs.clone();
        s.sort();
        s
    };
    assert_eq!(slugs, sorted, "in slug order");
    slugs.dedup();
    assert_eq!(slugs.len(), rows.len(), "no row twice");
    assert!(rows.iter().any(|r| r["title"] == "Bulk notice 504, with a comma"));
    let all = json(&app, "/data/updates.json?office=cole-county").await;
    assert_eq!(
        all.as_array().unwrap().len(),
        505 + rows.iter().filter(|r| r["office_slug"] == "cole-county" && !r["slug"].starts_with("bulk-")).count()
    );
}

/// A manifest file of `batches` batches of `ballots` ballots (`C-001`, …), each
/// with a real label (withheld) that begins with `label`.
pub(crate) fn manifest_file(batches: usize, ballots: usize, label: &str) -> String {
    let mut csv = String::from("batch,ballots,label\n");
    for i in 1..=batches {
        csv.push_str(&format!("C-{i:03},{ballots},{label}{i}\n"));
    }
    csv
}

/// What [`publish_sampled_audit`] published.
pub(crate) struct SampledAudit {
    pub slug: String,
    pub seed: String,
    pub size: usize,
    /// The public manifest CSV (`batch,ballots`), as the portal must serve it.
    pub public_csv: String,
}

/// Publishes an audit as a real one is: version 1 with its ballot manifest (the
/// commitment) and no seed, then a correction with the seed drawn after that,
/// the sampler and each contest's sample (the larger one is `size` ballots).
pub(crate) async fn publish_sampled_audit(app: &TestApp, slug: &str, manifest: &str, size: usize) -> SampledAudit {
    let manifest = ManifestDraft::parse_csv(manifest.as_bytes()).expect("a valid manifest");
    let contest = |name: &str, reported: &str| ContestInput {
        name: name.into(),
        winners: "Pat Doe".into(),
        votes_allowed: "1".into(),
        ballots_cast: manifest.total_ballots().to_string(),
        reported_results: reported.into(),
        ..Default::default()
    };
    let total = manifest.total_ballots();
    let mut input = AuditInput {
        slug: slug.into(),
        election: "2024-general".into(),
        jurisdiction: "cole-county".into(),
        audit_type: "ballot_polling".into(),
        math: "bravo".into(),
        risk_limit: "10".into(),
        sampler: "consistent".into(),
        started_on: "2024-11-18".into(),
        outcome: "in_progress".into(),
        summary: "A ballot-polling audit whose manifest was published before its seed was drawn.".into(),
        withholding_basis: "RSMo 610.021(21)".into(),
        withholding_statement: "The storage places of the ballot batches are withheld for security.".into(),
        contests: vec![
            contest("Cole County Sheriff", &format!("Pat Doe={};Sam Roe={}", total * 2 / 3, total / 3)),
            contest("Cole County Assessor", &format!("Pat Doe={};Sam Roe={}", total * 3 / 5, total * 2 / 5)),
        ],
        ..Default::default()
    };
    let draft = |input: &AuditInput| {
        let mut d = input.to_draft(vec![]).expect("a valid audit");
        d.evidence = Evidence { manifest: Some(manifest.clone()), ..Evidence::default() };
        d
    };
    let first = app.publish(draft(&input)).await.expect("the manifest is published first");
    assert_eq!(first.version, 1);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let seed = "20241118093000451276".to_string();
    (input.seed, input.seed_drawn_at) = (seed.clone(), Timestamp::now().to_string());
    (input.outcome, input.completed_on) = ("confirmed".into(), "2024-11-20".into());
    let (sheriff, assessor) = (size, (size / 2).max(1));
    input.contests[0].sample_size = sheriff.to_string();
    input.contests[0].audited_results = format!("Pat Doe={};Sam Roe={}", sheriff * 2 / 3, sheriff - sheriff * 2 / 3);
    input.contests[1].sample_size = assessor.to_string();
    app.publish_correction(draft(&input), "The seed was drawn at the public ceremony; the sample follows.")
        .await
        .expect("the seed is published after the manifest");
    SampledAudit { slug: slug.into(), seed, size, public_csv: manifest.public_csv() }
}

/// The draws `portal sample` prints for a manifest file (`ticket,batch,position`).
fn portal_sample(seed: &str, size: usize, manifest_csv: &str) -> Vec<String> {
    let path = std::env::temp_dir().join(format!("{}.csv", unique_name("manifest")));
    std::fs::write(&path, manifest_csv).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["sample", "--method", "consistent", "--seed", seed, "--size", &size.to_string(), "--manifest"])
        .arg(&path)
        .output()
        .expect("run portal sample");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect();
    assert_eq!(lines[0], "ticket,batch,position");
    lines[1..].to_vec()
}

/// Reads a collection's CSV and its API list, filtered to one audit, checks they
/// agree and that the header is the dictionary's, and returns the rows.
async fn audit_rows(app: &TestApp, c: Collection, slug: &str) -> Vec<HashMap<String, String>> {
    let (header, rows) = parse_csv(&app.expect(&format!("/data/{}.csv?audit={slug}", c.name()), 200).await);
    let names: Vec<&str> = c.columns().iter().map(|d| d.name).collect();
    assert_eq!(header, names, "{} header", c.name());
    assert!(rows.iter().all(|r| r["audit"] == slug), "{}?audit= keeps only that audit", c.name());
    let (total, items) = api_items(app, &format!("/api/v1/{}?audit={slug}&", c.name())).await;
    assert_eq!((total, items.len()), (rows.len(), rows.len()), "{}: the API lists the CSV's rows", c.name());
    for (row, item) in rows.iter().zip(&items) {
        for name in &names {
            assert_eq!(row[*name], cell(&item[*name]), "{} {name}", c.name());
        }
    }
    rows
}

async fn evidence_collections_match_the_manifest_and_the_sampler(store: Store) {
    let app = spawn_app(store).await;
    // More draws than one download slice, so the keyset (audit, position) is crossed.
    let a = publish_sampled_audit(&app, "evidence-rla", &manifest_file(6, 200, "Vault shelf "), 520).await;
    let slug = a.slug.as_str();
    let record = json(&app, &format!("/api/v1/audits/{slug}")).await;
    assert_eq!(record["version"], 2);

    // The manifest's addresses serve exactly the bytes the audit committed to.
    let sha = record["manifest"]["sha256"].as_str().unwrap();
    assert_eq!(record["manifest"]["url"], format!("/audits/{slug}/v/2/manifest.csv"));
    for (path, cache) in [
        (format!("/audits/{slug}/manifest.csv"), "max-age=60"),
        (format!("/audits/{slug}/v/2/manifest.csv"), "immutable"),
        (format!("/audits/{slug}/v/1/manifest.csv"), "immutable"),
    ] {
        let res = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8", "{path}");
        assert!(res.headers()["cache-control"].to_str().unwrap().contains(cache), "{path}");
        let bytes = res.bytes().await.unwrap();
        assert_eq!(sha256_hex(&bytes), sha, "{path} hashes to the audit's manifest.sha256");
        assert_eq!(bytes, a.public_csv.as_bytes(), "{path}");
    }
    assert!(!a.public_csv.contains("Vault"), "the real labels are not in the public manifest");
    let plain = app.publish(no_manifest_audit()).await.unwrap();
    assert_eq!(plain.version, 1);
    for path in [
        "/audits/no-such-audit/manifest.csv".to_string(),
        "/audits/Not%20a%20slug/manifest.csv".into(),
        format!("/audits/{slug}/v/3/manifest.csv"),
        format!("/audits/{slug}/v/zero/manifest.csv"),
        "/audits/evidence-tally/manifest.csv".into(),
        "/audits/evidence-tally/v/1/manifest.csv".into(),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(page.body.contains("no published audit manifest"), "{path}: {}", page.body);
    }

    // manifests: the batches of the current version, as the manifest file lists them.
    let batches = audit_rows(&app, Collection::Manifests, slug).await;
    let lines: Vec<&str> = a.public_csv.lines().skip(1).collect();
    assert_eq!(batches.len(), lines.len(), "one row per batch of the current version only");
    for (i, (row, line)) in batches.iter().zip(&lines).enumerate() {
        assert_eq!(format!("{},{}", row["batch"], row["ballots"]), *line);
        assert_eq!(row["batch_number"], (i + 1).to_string());
        assert_eq!((row["audit_version"].as_str(), row["manifest_sha256"].as_str()), ("2", sha));
    }

    // sampled-units: what `portal sample` draws from the served manifest and the seed.
    let units = audit_rows(&app, Collection::SampledUnits, slug).await;
    let served = app.expect(&format!("/audits/{slug}/manifest.csv"), 200).await;
    let expected = portal_sample(&a.seed, a.size, &served);
    assert_eq!(units.len(), a.size);
    let drawn: Vec<String> =
        units.iter().map(|u| format!("{},{},{}", u["ticket"], u["batch"], u["position"])).collect();
    assert_eq!(drawn, expected, "the sample is the sampler's, in the order drawn");
    for (i, u) in units.iter().enumerate() {
        assert_eq!((u["round"].as_str(), u["draw"].clone()), ("1", (i + 1).to_string()));
    }
    let json_units = json(&app, &format!("/data/sampled-units.json?audit={slug}")).await;
    assert_eq!(json_units.as_array().unwrap().len(), a.size, "the JSON download joins its slices");

    // audits: the sampler, the seed's time and the commitment.
    let v1 = json(&app, &format!("/api/v1/audits/{slug}/versions/1")).await;
    let (_, audits) = parse_csv(&app.expect("/data/audits.csv?jurisdiction=cole-county", 200).await);
    let row = audits.iter().find(|r| r["slug"] == slug).unwrap();
    assert_eq!(row["sampler"], "consistent");
    assert_eq!(row["sampler_version"], record["sampler_version"].as_str().unwrap());
    assert_eq!(row["with_replacement"], "false");
    assert_eq!(row["seed_drawn_at"], record["seed_drawn_at"].as_str().unwrap());
    assert_eq!(row["manifest_sha256"], sha);
    assert_eq!(row["manifest_committed_at"], v1["published_at"].as_str().unwrap(), "committed by version 1");
    assert_eq!(row["sampled_units"], a.size.to_string());

    // audit-rounds and audit-contests: each contest's sample, with the portal's check.
    let rounds = audit_rows(&app, Collection::AuditRounds, slug).await;
    let (_, contests) = parse_csv(&app.expect("/data/audit-contests.csv?jurisdiction=cole-county", 200).await);
    assert_eq!(rounds.len(), 2);
    for (i, round) in rounds.iter().enumerate() {
        let published = &record["contests"][i];
        let contest = contests.iter().find(|c| c["audit"] == slug && c["contest_number"] == round["contest_number"]);
        let contest = contest.unwrap();
        assert_eq!(round["round"], "1");
        assert_eq!(round["contest_number"], (i + 1).to_string());
        assert_eq!(round["contest"], published["name"].as_str().unwrap());
        assert_eq!(round["sample_size"], published["sample_size"].to_string());
        assert_eq!(round["check_method"], "bravo");
        let recomputed = published["check"]["p_value"].as_f64().expect("the portal recomputed the risk");
        let shown: f64 = round["check_p_value"].parse().unwrap();
        assert!((shown - recomputed).abs() <= 0.000005, "{shown} is {recomputed} rounded");
        assert!(!round["check_p_value"].contains('e'), "written out in full: {}", round["check_p_value"]);
        for name in ["check_p_value", "check_risk_limit_met", "check_consistent", "audited_results"] {
            assert_eq!(round[name], contest[name], "{name}: audit-rounds agrees with audit-contests");
        }
        assert_eq!(round["check_risk_limit_met"], cell(&published["check"]["risk_limit_met"]));
        assert_eq!(round["check_consistent"], "", "the office claimed no p-value");
    }
    assert_eq!(rounds[0]["audited_results"], format!("Pat Doe={};Sam Roe={}", 520 * 2 / 3, 520 - 520 * 2 / 3));
    assert_eq!(rounds[1]["audited_results"], "", "not tallied");
    assert!(audit_rows(&app, Collection::AuditRounds, "evidence-tally").await.is_empty(), "no sample, no round");

    // The unfiltered downloads hold the audit's rows too, and only its current version's.
    for (c, n) in [
        (Collection::Manifests, batches.len()),
        (Collection::SampledUnits, units.len()),
        (Collection::AuditRounds, rounds.len()),
    ] {
        let (_, all) = parse_csv(&app.expect(&format!("/data/{}.csv", c.name()), 200).await);
        let mine: Vec<_> = all.iter().filter(|r| r["audit"] == slug).collect();
        assert!(mine.iter().all(|r| r["audit_version"] == "2"), "{}", c.name());
        assert_eq!(mine.len(), n, "{}", c.name());
    }
    let bad = app.get("/data/manifests.csv?audit=Not%20A%20Slug").await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(app.get("/api/v1/sampled-units?election=2024-general").await.status, 400);
}

/// A manual tally with no manifest.
fn no_manifest_audit() -> portal::domain::audit::AuditDraft {
    let input = AuditInput {
        slug: "evidence-tally".into(),
        election: "2024-general".into(),
        jurisdiction: "cole-county".into(),
        audit_type: "manual_tally".into(),
        math: "none".into(),
        completed_on: "2024-11-20".into(),
        outcome: "confirmed".into(),
        summary: "A fixed-percentage hand count with no ballot manifest.".into(),
        ..Default::default()
    };
    input.to_draft(vec![]).unwrap()
}
