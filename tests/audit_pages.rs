//! The audit page's evidence and check, the sample-size planner and the printable
//! certificate's QR code, over real HTTP on SQLite and PostgreSQL.

use crate::support::{on_both_databases, spawn_app, text, Store, TestApp};

on_both_databases! {
    boone_page_shows_the_check_and_the_evidence;
    the_redraw_command_on_the_page_redraws_the_published_sample;
    batch_comparison_shows_its_check_and_redraws_its_batches;
    planner_answers_a_get_form;
    planner_refuses_bad_input_beside_the_field;
    qr_code_is_an_svg_of_the_permanent_address;
}

const BOONE: &str = "/audits/boone-county-2024-general-rla";
const GREENE: &str = "/audits/greene-county-2024-primary-batch";

/// The version's JSON, as the page's numbers come from it.
async fn audit_json(app: &TestApp, path: &str) -> serde_json::Value {
    serde_json::from_str(&app.expect(&format!("{path}/data.json"), 200).await).expect("audit JSON")
}

/// The command the page shows, built independently from the audit's JSON.
fn expected_command(audit: &serde_json::Value) -> String {
    format!(
        "portal sample --method {} --seed {} --size {} --manifest manifest.csv",
        audit["sampler"].as_str().unwrap(),
        audit["seed"].as_str().unwrap(),
        audit["sampled_units"].as_i64().unwrap()
    )
}

async fn boone_page_shows_the_check_and_the_evidence(store: Store) {
    let app = spawn_app(store).await;
    let audit = audit_json(&app, BOONE).await;
    let contest = &audit["contests"][0];
    let recomputed = contest["check"]["p_value"].as_f64().expect("Boone's first contest has a check");
    assert!((recomputed - 0.0176).abs() < 0.00005, "the demo's recomputed p rounds to 0.0176: {recomputed}");
    assert_eq!(contest["check"]["consistent"], serde_json::Value::Bool(true));
    let manifest_hash = audit["manifest"]["sha256"].as_str().unwrap();
    let version = audit["version"].as_i64().unwrap();

    let body = app.expect(BOONE, 200).await;
    let shown = text(&body);
    for expected in [
        "Published p = 0.0176; recomputed from the numbers on this page: p = 0.0176 (consistent)",
        "Ballots sampled 412 of 92,415 ballots cast",
        "Diluted margin 12.26% of ballots cast",
        "Evidence",
        "Inputs committed",
        "Every input was committed before the seed was drawn.",
        "Seed drawn",
        "Sample drawn",
        "SHA-256 consistent sampler (as Arlo uses it)",
        "Drawn without replacement",
        "412 ballots drawn",
        "92,415 ballots in 40 batches",
        manifest_hash,
        &expected_command(&audit),
        "portal audit-math contest.json",
        "With this seed and the published ballot manifest, anyone can re-draw the same sample",
    ] {
        assert!(shown.contains(expected), "the Boone page should show {expected:?}: {shown}");
    }
    // The timeline is in the order things happened.
    let at = |s: &str| shown.find(s).unwrap_or_else(|| panic!("{s:?} on the page"));
    assert!(at("Inputs committed") < at("Seed drawn") && at("Seed drawn") < at("Sample drawn"));
    assert!(at("Sample drawn") < at("Check it yourself"));
    for link in [
        format!("href=\"/audits/boone-county-2024-general-rla/v/{version}/manifest.csv\""),
        "href=\"/updates/boone-rla-public-meeting\"".to_string(),
        "href=\"/data/sampled-units.csv?audit=boone-county-2024-general-rla\"".to_string(),
        format!("src=\"/audits/boone-county-2024-general-rla/v/{version}/qr.svg\""),
        "href=\"/audits/planner?method=bravo&amp;risk=5&amp;ballots=92415&amp;winner=51208&amp;runner_up=39877\""
            .to_string(),
    ] {
        assert!(body.contains(&link), "the Boone page links {link}");
    }
    assert!(!shown.contains("With the seed, anyone can re-draw"), "the old sentence is gone");

    let es = text(&app.expect(&format!("/es{BOONE}"), 200).await);
    for expected in [
        "p publicado = 0.0176; recalculado con las cifras de esta página: p = 0.0176 (coincide)",
        "Evidencia",
        "Todos los datos se fijaron antes de sortear la semilla.",
        manifest_hash,
        &expected_command(&audit),
    ] {
        assert!(es.contains(expected), "the Spanish Boone page should show {expected:?}: {es}");
    }

    // Version 1 did not publish the seed's evidence: no claim that it can be re-drawn.
    let v1 = text(&app.expect(&format!("{BOONE}/v/1"), 200).await);
    assert!(!v1.contains("portal sample --method"), "{v1}");
    assert!(!v1.contains("anyone can re-draw"), "{v1}");
}

/// What the page says anyone can do, done: the manifest it links, the command it
/// shows, and the list of sampled ballots it links agree ballot for ballot.
async fn the_redraw_command_on_the_page_redraws_the_published_sample(store: Store) {
    let app = spawn_app(store).await;
    let audit = audit_json(&app, BOONE).await;
    let shown = text(&app.expect(BOONE, 200).await);
    let start = shown.find("portal sample ").expect("the page shows the command");
    let end = start + shown[start..].find(" manifest.csv").expect("the command ends with the manifest") + 13;
    let args: Vec<&str> = shown[start..end].split_whitespace().skip(2).collect();
    let manifest = app.expect(audit["manifest"]["url"].as_str().unwrap(), 200).await;
    let drawn = rla::run_sample_command(&args, |path| {
        assert_eq!(path, "manifest.csv");
        Ok(manifest.clone())
    })
    .expect("the command runs");
    let published = app.expect("/data/sampled-units.csv?audit=boone-county-2024-general-rla", 200).await;
    let published: Vec<String> =
        published.lines().skip(1).map(|row| row.split(',').skip(4).collect::<Vec<_>>().join(",")).collect();
    let drawn: Vec<String> = drawn.lines().skip(1).map(str::to_string).collect();
    assert_eq!(drawn.len(), 412);
    assert_eq!(drawn, published, "the re-drawn sample is the published one, in order");
}

async fn batch_comparison_shows_its_check_and_redraws_its_batches(store: Store) {
    let app = spawn_app(store).await;
    let shown = text(&app.expect(GREENE, 200).await);
    assert!(
        shown.contains("Published p = 0.0726; recomputed from the numbers on this page: p = 0.0726 (consistent)"),
        "{shown}"
    );
    assert!(shown.contains("25 draws of precinct batches (a batch can be drawn twice)"), "{shown}");
    assert!(shown.contains("anyone can re-draw the same batches"), "{shown}");
    assert!(shown.contains("a batch can be drawn more than once"), "{shown}");
    let es = text(&app.expect(&format!("/es{GREENE}"), 200).await);
    assert!(es.contains("p = 0.0726 (coincide)"), "{es}");
    assert!(es.contains("21 lotes contados a mano"), "{es}");
    // The command the page shows, run on the files it links, prints the
    // published batches in order.
    let start = shown.find("portal sample ").expect("the page shows the command");
    let end = start + shown[start..].find(" batch-tallies.csv").expect("the command ends with the tallies") + 18;
    let args: Vec<&str> = shown[start..end].split_whitespace().skip(2).collect();
    let audit = audit_json(&app, GREENE).await;
    let manifest = app.expect(audit["manifest"]["url"].as_str().unwrap(), 200).await;
    // The tallies are the file the page links beside their commitment: the
    // very bytes whose SHA-256 and size were published before the seed.
    let page = app.expect(GREENE, 200).await;
    let href = format!("/audits/greene-county-2024-primary-batch/v/{}/batch-tallies.csv", audit["version"]);
    assert!(page.contains(&format!("href=\"{href}\"")), "the page links the committed tallies");
    assert!(shown.contains("Download the batch tallies as committed (CSV)"));
    assert!(es.contains("Descargar los recuentos por lote tal como se comprometieron (CSV)"));
    let tallies = app.expect(&href, 200).await;
    let commitment = audit["commitments"].as_array().unwrap().iter().find(|c| c["what"] == "batch_tallies").unwrap();
    assert_eq!(commitment["sha256"], portal::domain::digest::sha256_hex(tallies.as_bytes()).as_str());
    assert_eq!(commitment["bytes"], tallies.len());
    assert!(tallies.starts_with("contest,batch,candidate,reported\n"), "{tallies}");
    assert_eq!(app.expect(&format!("{GREENE}/batch-tallies.csv"), 200).await, tallies, "the current version's");
    let none = app.expect(&format!("{BOONE}/batch-tallies.csv"), 404).await;
    assert!(none.contains("no published batch-tally file"), "{none}");
    app.expect(&format!("{GREENE}/v/0/batch-tallies.csv"), 404).await;
    let drawn = rla::run_sample_command(&args, |path| match path {
        "manifest.csv" => Ok(manifest.clone()),
        "batch-tallies.csv" => Ok(tallies.clone()),
        other => Err(format!("no file {other}")),
    })
    .expect("the command runs");
    let published = app.expect("/data/sampled-units.csv?audit=greene-county-2024-primary-batch", 200).await;
    let published: Vec<String> =
        published.lines().skip(1).map(|row| row.split(',').skip(4).collect::<Vec<_>>().join(",")).collect();
    let drawn: Vec<String> = drawn.lines().skip(1).map(str::to_string).collect();
    assert_eq!(drawn.len(), 25);
    assert_eq!(drawn, published, "the re-drawn batches are the published ones, in order");
    // An audit with no statistics to check gets neither a timeline nor a command.
    let lat = text(&app.expect("/audits/cole-county-2024-general-lat", 200).await);
    assert!(!lat.contains("Check it yourself"), "{lat}");
}

async fn planner_answers_a_get_form(store: Store) {
    let app = spawn_app(store).await;
    let list = app.expect("/audits", 200).await;
    assert!(list.contains("href=\"/audits/planner\""), "the audits list links the planner");
    assert!(app.expect("/es/audits", 200).await.contains("href=\"/es/audits/planner\""));

    let empty = text(&app.expect("/audits/planner", 200).await);
    assert!(
        empty.contains("Sample-size planner") && empty.contains("Fill in the form to see the sample size."),
        "{empty}"
    );

    let contest = rla::Contest::new(&[("w", 51208), ("r", 39877)], 92415, 1, 1).unwrap();
    let asn = rla::bravo::first_round_asn(5.0, &contest).unwrap().unwrap();
    let q = "method=bravo&risk=5&ballots=92415&winner=51208&runner_up=39877";
    let body = app.expect(&format!("/audits/planner?{q}"), 200).await;
    let shown = text(&body);
    assert!(asn > 100, "{asn}");
    let plan = format!("Plan for {} ballots", grouped(asn));
    assert!(shown.contains(&plan), "{plan:?} in {shown}");
    assert!(shown.contains("Diluted margin: 12.26%"), "{shown}");
    assert!(body.contains("value=\"92415\""), "the form keeps what was typed");

    let initial =
        rla::kaplan_markov::initial_sample_size(5.0, 20000, 100000, rla::kaplan_markov::DEFAULT_GAMMA).unwrap();
    let q = "method=kaplan_markov&risk=5&ballots=100%2C000&winner=60000&runner_up=40000&o1=&o2=";
    let shown = text(&app.expect(&format!("/audits/planner?{q}"), 200).await);
    let plan = format!("Plan for {} ballots", grouped(initial));
    assert!(shown.contains(&plan), "{plan:?} in {shown}");
    assert!(shown.contains("If the sample finds no discrepancies at all"), "{shown}");

    let es = text(&app.expect(&format!("/es/audits/planner?{q}"), 200).await);
    assert!(es.contains(&format!("Planifique {} boletas", grouped(initial))), "{es}");
}

async fn planner_refuses_bad_input_beside_the_field(store: Store) {
    let app = spawn_app(store).await;
    let q = "method=bravo&risk=abc&ballots=10&winner=20&runner_up=1";
    let body = app.expect(&format!("/audits/planner?{q}"), 400).await;
    let shown = text(&body);
    assert!(shown.contains("Enter a number, such as 5 or 0.1."), "{shown}");
    assert!(shown.contains("The winner cannot have more votes than ballots cast."), "{shown}");
    assert!(!shown.contains("Plan for"), "{shown}");
    // Beside its field, tied to it for screen readers, and nothing typed is lost.
    assert!(body.contains("id=\"risk-error\""), "{body}");
    assert!(body.contains("aria-describedby=\"risk-error\""), "{body}");
    assert!(body.contains("value=\"abc\""), "{body}");
    let missing = text(&app.expect("/audits/planner?method=bravo&risk=5&ballots=&winner=5&runner_up=1", 400).await);
    assert!(missing.contains("Enter a number here."), "{missing}");
    let es = text(&app.expect(&format!("/es/audits/planner?{q}"), 400).await);
    assert!(es.contains("Escriba un número, como 5 o 0,1."), "{es}");
    let method = text(&app.expect("/audits/planner?method=macro&ballots=10&winner=5&runner_up=1", 400).await);
    assert!(method.contains("Choose one of the two methods."), "{method}");
}

fn grouped(n: u64) -> String {
    app::format::grouped(n as i64)
}

// NEEDS THE ROUTE: `/audits/{slug}/v/{version}/qr.svg` is handled by
// server/src/public/qr.rs but registered in server/src/public/mod.rs, which this
// change could not edit. Remove the two `#[ignore]`s once the route is added.
async fn qr_code_is_an_svg_of_the_permanent_address(store: Store) {
    let app = spawn_app(store).await;
    let audit = audit_json(&app, BOONE).await;
    let version = audit["version"].as_i64().unwrap();
    let res = app.client.get(format!("{}{BOONE}/v/{version}/qr.svg", app.base)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let headers = res.headers().clone();
    let content_type = headers["content-type"].to_str().unwrap();
    assert!(content_type.starts_with("image/svg+xml"), "{content_type}");
    assert!(headers["cache-control"].to_str().unwrap().contains("immutable"));
    let svg = res.text().await.unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the QR code is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(doc.descendants().any(|n| n.has_tag_name("path")), "{svg}");
    assert!(!svg.contains("<script") && !svg.contains("href"), "nothing but the drawing");
    let title = doc.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap_or_default();
    assert!(title.ends_with(&format!("{BOONE}/v/{version}")), "{title}");
    app.expect(&format!("{BOONE}/v/99/qr.svg"), 404).await;
    app.expect("/audits/no-such-audit/v/1/qr.svg", 404).await;
}
