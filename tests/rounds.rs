//! Multi-round audits on SQLite and PostgreSQL: rounds imported as CSV, each
//! recomputed on the cumulative sample at review, published on the page (in
//! both languages), in the JSON, the audit-rounds collection and the API, and
//! re-drawn round by round with `portal sample --rounds`.

use crate::support::{on_both_databases, spawn_app, text, Store, TestApp};
use portal::domain::account::{Account, Role};
use portal::officials::accounts;
use portal::officials::import::{self, EvidenceFile, ImportFailure};
use portal::officials::workflow::{self, Approval};

on_both_databases! {
    a_second_round_is_published_and_shown_everywhere;
    a_contradicted_second_round_is_refused_at_review_by_name;
    a_round_after_a_met_round_is_refused;
    bad_round_rows_are_placed_and_nothing_is_imported;
    portal_sample_redraws_each_round_of_the_demo;
}

const BOONE: &str = "boone-county-2024-general-rla";
const ST_CHARLES: &str = "st-charles-county-2024-primary-rla";
const HEADER: &str =
    "contest,round,sample_size,audited_results,o1,o2,u1,u2,p_value,risk_limit_met,started_on,completed_on\n";
const COMMISSIONER: &str = "Boone County Presiding Commissioner";

/// Boone County's rounds: its first contest needed a second round (200 ballots
/// left BRAVO's risk at 0.299); the amendment met the limit in round 1; the
/// untargeted clerk's race was counted on the same ballots.
fn boone_rounds(commissioner_round_1: &str, commissioner_p_2: &str) -> String {
    format!(
        "{HEADER}\
         {COMMISSIONER},1,200,{commissioner_round_1},2024-11-18,2024-11-19\n\
         {COMMISSIONER},2,412,Alex Rivera=235;Jordan Lee=177,,,,,{commissioner_p_2},true,2024-11-20,2024-11-21\n\
         Constitutional Amendment 1,1,200,Yes=125;No=73,,,,,0.00132,true,2024-11-18,2024-11-19\n\
         Boone County Clerk,1,200,Sam Nguyen=108;Pat Ellis=88,,,,,,,2024-11-18,2024-11-19\n\
         Boone County Clerk,2,412,Sam Nguyen=221;Pat Ellis=183,,,,,,,2024-11-20,2024-11-21\n"
    )
}

const MISSED: &str = "Alex Rivera=110;Jordan Lee=88,,,,,0.299,false";

async fn people(app: &TestApp) -> (Account, Account) {
    let (author, reviewer) = ("author@boone-county.example", "reviewer@boone-county.example");
    for (email, role) in [(author, Role::Author), (reviewer, Role::Reviewer)] {
        accounts::add(&app.db, email, "correct horse battery staple", role, Some("boone-county"), "test", "test")
            .await
            .unwrap();
    }
    (accounts::find(&app.db, author).await.unwrap().unwrap(), accounts::find(&app.db, reviewer).await.unwrap().unwrap())
}

async fn import_rounds(app: &TestApp, author: &Account, csv: &str) -> Result<import::Imported, ImportFailure> {
    import::evidence(&app.db, &app.policy, author, BOONE, EvidenceFile::Rounds, csv.as_bytes(), "test").await
}

async fn json(app: &TestApp, path: &str) -> serde_json::Value {
    serde_json::from_str(&app.expect(path, 200).await).unwrap()
}

async fn a_second_round_is_published_and_shown_everywhere(store: Store) {
    let app = spawn_app(store).await;
    let (author, reviewer) = people(&app).await;
    let before = json(&app, &format!("/api/v1/audits/{BOONE}")).await;
    let imported =
        import_rounds(&app, &author, &boone_rounds(MISSED, "0.0176")).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(imported.blocking, 0, "{imported:?}");
    let done = workflow::approve(&app.db, &app.policy, &reviewer, imported.id, None, "test").await.unwrap();
    let Approval::Published(p) = done else { panic!("{done:?}") };
    assert_eq!(p.version, before["version"].as_i64().unwrap() + 1);

    // The JSON: each contest's rounds, with the portal's check per round.
    let audit = json(&app, &format!("/audits/{BOONE}/data.json")).await;
    let rounds = audit["contests"][0]["rounds"].as_array().expect("rounds in the JSON").clone();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0]["sample_size"], 200);
    assert_eq!(rounds[0]["risk_limit_met"], false);
    assert_eq!(rounds[0]["audited"][1]["votes"], 88);
    assert_eq!(rounds[0]["started_on"], "2024-11-18");
    let r1 = rounds[0]["check"]["p_value"].as_f64().unwrap();
    assert!((r1 - 0.2991).abs() < 0.0001, "round 1 recomputed on its 200 ballots: {r1}");
    assert_eq!(rounds[0]["check"]["consistent"], true);
    assert_eq!(rounds[1]["sample_size"], 412);
    assert_eq!(rounds[1]["check"]["risk_limit_met"], true);
    assert_eq!(audit["contests"][1]["rounds"].as_array().unwrap().len(), 1, "the amendment met the limit in round 1");
    assert_eq!(audit["contests"][1]["sample_size"], 200, "a contest's own sample is its last round's");
    // The version address carries the same.
    let v = json(&app, &format!("/audits/{BOONE}/v/{}/data.json", p.version)).await;
    assert_eq!(v["contests"][0]["rounds"], audit["contests"][0]["rounds"]);
    // The sampled units carry their real round: 200 in round 1, the rest in round 2.
    let units = app.expect(&format!("/data/sampled-units.csv?audit={BOONE}"), 200).await;
    let rounds_of_units: Vec<String> =
        csv::Reader::from_reader(units.as_bytes()).records().map(|r| r.unwrap()[2].to_string()).collect();
    assert_eq!(rounds_of_units.len(), 412);
    assert!(rounds_of_units[..200].iter().all(|r| r == "1") && rounds_of_units[200..].iter().all(|r| r == "2"));

    // The collection: one row per real round, as CSV and through the API.
    let csv_text = app.expect(&format!("/data/audit-rounds.csv?audit={BOONE}"), 200).await;
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "{csv_text}");
    let second = &rows[1];
    assert_eq!(&second[col("round")], "2");
    assert_eq!(&second[col("contest")], COMMISSIONER);
    assert_eq!(&second[col("sample_size")], "412");
    assert_eq!(&second[col("completed_on")], "2024-11-21");
    assert_eq!(&rows[0][col("audited_results")], "Alex Rivera=110;Jordan Lee=88");
    assert_eq!(&rows[0][col("check_consistent")], "true");
    let api = json(&app, &format!("/api/v1/audit-rounds?audit={BOONE}")).await;
    let items = api["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[1]["round"], 2);
    assert_eq!(items[0]["p_value"], 0.299);
    // Paged one row at a time by the next links, every round once.
    let mut seen = Vec::new();
    let mut next = Some(format!("/api/v1/audit-rounds?audit={BOONE}&limit=1"));
    while let Some(path) = next {
        let page = json(&app, &path).await;
        seen.extend(
            page["items"].as_array().unwrap().iter().map(|i| (i["contest_number"].clone(), i["round"].clone())),
        );
        next = page["next"].as_str().map(|n| n.strip_prefix(&app.base).expect("a next link here").to_string());
    }
    assert_eq!(seen.len(), 5, "{seen:?}");

    // The page, English and Spanish: each round in the contest's card, the table.
    let page = text(&app.expect(&format!("/audits/{BOONE}"), 200).await);
    for expected in [
        "Round 1: 200 ballots in the sample so far. Published p = 0.299; recomputed from the numbers on this page: p = 0.299 (consistent). Risk limit met: No",
        "Round 2: 412 ballots in the sample so far. Published p = 0.0176; recomputed from the numbers on this page: p = 0.0176 (consistent). Risk limit met: Yes",
        "Round 1 did not meet the risk limit, so the next round drew more ballots from the same seed and sampler",
        "Each contest's rounds (numbers cumulative)",
        "--rounds 200,412",
    ] {
        assert!(page.contains(expected), "the page should show {expected:?}: {page}");
    }
    let es = text(&app.expect(&format!("/es/audits/{BOONE}"), 200).await);
    for expected in [
        "Ronda 2: 412 boletas en la muestra hasta entonces. p publicado = 0.0176; recalculado con las cifras de esta página: p = 0.0176 (coincide). Límite de riesgo alcanzado: Sí",
        "Las rondas de cada contienda (cifras acumuladas)",
    ] {
        assert!(es.contains(expected), "the Spanish page should show {expected:?}: {es}");
    }
}

async fn a_contradicted_second_round_is_refused_at_review_by_name(store: Store) {
    let app = spawn_app(store).await;
    let (author, reviewer) = people(&app).await;
    let imported =
        import_rounds(&app, &author, &boone_rounds(MISSED, "0.01")).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(imported.blocking, 1, "{imported:?}");
    let refused = workflow::approve(&app.db, &app.policy, &reviewer, imported.id, None, "test").await.unwrap_err();
    let shown = refused.to_string();
    assert!(
        shown.contains(&format!("{COMMISSIONER}, round 2 (cumulative sample 412): published p = 0.0100"))
            && shown.contains("p = 0.0176"),
        "{shown}"
    );
    // Nothing was published: the audit has no rounds yet.
    let audit = json(&app, &format!("/api/v1/audits/{BOONE}")).await;
    assert_eq!(audit["contests"][0]["rounds"].as_array().map(Vec::len), Some(1), "{audit}");
}

async fn a_round_after_a_met_round_is_refused(store: Store) {
    let app = spawn_app(store).await;
    let (author, reviewer) = people(&app).await;
    // 200 ballots at 120 to 78 already met the limit (p = 0.0245): no round 2.
    let met = "Alex Rivera=120;Jordan Lee=78,,,,,0.0245,true";
    let imported = import_rounds(&app, &author, &boone_rounds(met, "0.0176")).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(imported.blocking, 1, "{imported:?}");
    let refused = workflow::approve(&app.db, &app.policy, &reviewer, imported.id, None, "test").await.unwrap_err();
    let shown = refused.to_string();
    assert!(shown.contains(&format!("{COMMISSIONER}: round 1 already met the risk limit")), "{shown}");
    assert!(shown.contains("yet round 2 was drawn"), "{shown}");
}

async fn bad_round_rows_are_placed_and_nothing_is_imported(store: Store) {
    let app = spawn_app(store).await;
    let (author, _) = people(&app).await;
    let count = "SELECT COUNT(*) FROM submissions";
    let before = app.count(count).await;
    let bad = boone_rounds(MISSED, "0.0176")
        .replace(",2,412,Alex Rivera=235", ",3,412,Alex Rivera=235")
        .replace("Yes=125;No=73", "Yes=125;Maybe=73")
        .replace("Sam Nguyen=108;Pat Ellis=88,,,,,,,2024-11-18", "Sam Nguyen=108;Pat Ellis=88,,,,,,,2024-13-18");
    let Err(ImportFailure::Rows(errors)) = import_rounds(&app, &author, &bad).await else {
        panic!("the rounds have mistakes")
    };
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(shown.iter().any(|e| e.starts_with("line 3, column 2 (round)")), "{shown:?}");
    assert!(
        shown.iter().any(|e| e.starts_with("line 4, column 4 (audited_results)") && e.contains("Maybe")),
        "{shown:?}"
    );
    assert!(shown.iter().any(|e| e.starts_with("line 5, column 11 (started_on)")), "{shown:?}");
    assert_eq!(app.count(count).await, before, "nothing was submitted");
    let audit = json(&app, &format!("/api/v1/audits/{BOONE}")).await;
    assert_eq!(audit["contests"][0]["sample_size"], 412);
}

/// The demo's St. Charles County audit went to a second round: the command its
/// page shows, run on the manifest it links, prints the published sample with
/// each draw's round.
async fn portal_sample_redraws_each_round_of_the_demo(store: Store) {
    let app = spawn_app(store).await;
    let audit = json(&app, &format!("/audits/{ST_CHARLES}/data.json")).await;
    let rounds = audit["contests"][0]["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[1]["check"]["consistent"], true);
    let shown = text(&app.expect(&format!("/audits/{ST_CHARLES}"), 200).await);
    let start = shown.find("portal sample ").expect("the page shows the command");
    let end = start + shown[start..].find(" manifest.csv").expect("the command ends with the manifest") + 13;
    let command = &shown[start..end];
    assert!(command.contains("--rounds 600,1200"), "{command}");
    let args: Vec<&str> = command.split_whitespace().skip(2).collect();
    let manifest = app.expect(audit["manifest"]["url"].as_str().unwrap(), 200).await;
    let drawn = rla::run_sample_command(&args, |_| Ok(manifest.clone())).expect("the command runs");
    let mut lines = drawn.lines();
    assert_eq!(lines.next(), Some("round,ticket,batch,position"));
    let drawn: Vec<&str> = lines.collect();
    let published = app.expect(&format!("/data/sampled-units.csv?audit={ST_CHARLES}"), 200).await;
    let published: Vec<String> = csv::Reader::from_reader(published.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            format!("{},{},{},{}", &r[2], &r[4], &r[5], &r[6])
        })
        .collect();
    assert_eq!(drawn.len(), 1200);
    assert_eq!(drawn, published, "each round's draws are the published ones, in order");
    assert_eq!(published.iter().filter(|l| l.starts_with("2,")).count(), 600, "round 2 drew 600 more");
    assert!(shown.contains("Round 1: 600 ballots in the sample so far. Published p = 0.777"), "{shown}");
}
