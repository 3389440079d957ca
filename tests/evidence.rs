//! Audit evidence on SQLite and PostgreSQL: inputs committed before the seed,
//! the sample the portal draws (and `portal sample` re-draws from what is
//! published), and the risk recomputed from each contest's own numbers.

use crate::support::{on_both_databases, spawn_app, Store, TestApp};
use app::model::RecordKind;
use portal::domain::account::{Account, Role};
use portal::domain::audit::{AuditDraft, Sampler};
use portal::domain::draft::AnyDraft;
use portal::domain::values::{Line, Timestamp};
use portal::officials::accounts;
use portal::officials::import::{self, EvidenceFile, ImportFailure};
use portal::officials::workflow::{self, Approval};

on_both_databases! {
    a_seed_needs_inputs_committed_before_it;
    every_demo_sample_is_redrawn_by_portal_sample;
    every_demo_contest_carries_a_consistent_check;
    an_imported_claim_its_numbers_contradict_is_refused_at_review;
    comparison_discrepancies_are_counted_from_each_ballots_readings;
    an_untargeted_contest_says_so_with_its_measured_risk;
    batch_comparison_is_recomputed_from_its_batch_tallies;
    batch_tallies_import_as_a_commitment_then_with_hand_counts;
}

const PASSWORD: &str = "correct horse battery staple";

async fn people(app: &TestApp) -> (Account, Account) {
    people_of(app, "boone-county").await
}

async fn people_of(app: &TestApp, office: &str) -> (Account, Account) {
    let (author, reviewer) = (format!("author@{office}.example"), format!("reviewer@{office}.example"));
    for (email, role) in [(&author, Role::Author), (&reviewer, Role::Reviewer)] {
        accounts::add(&app.db, email, PASSWORD, role, Some(office), "test", "test").await.unwrap();
    }
    (
        accounts::find(&app.db, &author).await.unwrap().unwrap(),
        accounts::find(&app.db, &reviewer).await.unwrap().unwrap(),
    )
}

/// A new Boone audit like the demo's results, under another slug, without evidence.
fn audit_with_results() -> AuditDraft {
    let mut a = portal::demo::audits().remove(0);
    a.slug = portal::domain::values::Slug::parse("boone-evidence-rla").unwrap();
    a.evidence = Default::default();
    a.restricted = Default::default();
    a
}

/// Its first version: without a seed, sample or results.
fn fresh_audit() -> AuditDraft {
    portal::demo::commitment(&audit_with_results()).unwrap()
}

fn portal_sample(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portal")).arg("sample").args(args).output().unwrap();
    assert!(out.status.success(), "portal sample {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

async fn a_seed_needs_inputs_committed_before_it(store: Store) {
    let app = spawn_app(store).await;
    let (author, reviewer) = people(&app).await;
    let publish = |draft: AnyDraft, note: Option<&'static str>| {
        let (db, policy, author, reviewer) = (app.db.clone(), app.policy.clone(), author.clone(), reviewer.clone());
        async move {
            let id = match note {
                None => workflow::create_draft(&db, &author, &draft, "test").await?,
                Some(_) => {
                    let id = workflow::start_correction(&db, &author, RecordKind::Audit, draft.slug().as_str(), "test")
                        .await?;
                    workflow::edit_draft(&db, &author, id, &draft, "test").await?;
                    id
                }
            };
            let (sid, _) = workflow::submit(&db, &policy, &author, RecordKind::Audit, id, note, "test").await?;
            workflow::approve(&db, &policy, &reviewer, sid, None, "test").await
        }
    };
    // A new audit cannot publish a seed at once.
    let mut seeded = audit_with_results();
    seeded.seed = Some(Line::parse("12345678901234567890").unwrap());
    seeded.seed_drawn_at = Some(Timestamp::now());
    seeded.sampler = Some(Sampler::Consistent);
    let refused = publish(seeded.clone().into(), None).await.unwrap_err();
    assert!(refused.to_string().contains("manifest was not published first"), "{refused}");
    // Published without a seed; then its manifest, imported (a mistake stores nothing).
    publish(fresh_audit().into(), None).await.unwrap();
    let bad = b"batch,ballots\nB-1,40000\nB-1,12x\n";
    let Err(ImportFailure::Rows(errors)) =
        import::evidence(&app.db, &app.policy, &author, "boone-evidence-rla", EvidenceFile::Manifest, bad, "test")
            .await
    else {
        panic!("the manifest has mistakes")
    };
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(shown.iter().any(|e| e.starts_with("line 3, column 1 (batch)")), "{shown:?}");
    assert!(shown.iter().any(|e| e.starts_with("line 3, column 2 (ballots)")), "{shown:?}");
    let good = b"batch,ballots\nB-1,46000\nB-2,46415\n";
    // A correction carries the draft's evidence: the seeded version keeps the manifest.
    seeded.evidence.manifest = Some(portal::domain::audit::evidence::ManifestDraft::parse_csv(good).unwrap());
    let imported =
        import::evidence(&app.db, &app.policy, &author, "boone-evidence-rla", EvidenceFile::Manifest, good, "test")
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
    let done = workflow::approve(&app.db, &app.policy, &reviewer, imported.id, None, "test").await.unwrap();
    let Approval::Published(committed) = done else { panic!("{done:?}") };
    assert_eq!(committed.version, 2);
    // A seed "drawn" before the manifest was published is refused; so is one in the future.
    let mut early = seeded.clone();
    early.seed_drawn_at = Some(Timestamp::parse("2024-11-18T15:00:00Z").unwrap());
    let refused = publish(early.into(), Some("The seed was drawn.")).await.unwrap_err();
    assert!(refused.to_string().contains("before the manifest was committed"), "{refused}");
    let mut late = seeded.clone();
    late.seed_drawn_at = Some(Timestamp::now().plus_seconds(3600));
    let refused = publish(late.into(), Some("The seed was drawn.")).await.unwrap_err();
    assert!(refused.to_string().contains("in the future"), "{refused}");
    // Drawn after the commitment: published, with the sample the portal draws.
    seeded.seed_drawn_at = Some(Timestamp::now());
    let done = publish(seeded.into(), Some("The seed was drawn at the public ceremony.")).await.unwrap();
    assert!(matches!(done, Approval::Published(ref p) if p.version == 3), "{done:?}");
    let json: serde_json::Value =
        serde_json::from_str(&app.expect("/api/v1/audits/boone-evidence-rla", 200).await).unwrap();
    assert_eq!(json["sampler"], "consistent");
    assert_eq!(json["commitments"][0]["what"], "manifest");
    let manifest = app.expect("/audits/boone-evidence-rla/v/3/manifest.csv", 200).await;
    assert_eq!(portal::domain::digest::sha256_hex(manifest.as_bytes()), json["manifest"]["sha256"].as_str().unwrap());
    assert_eq!(json["sampled_units"], 412);
    // Evidence after the seed is not a commitment.
    let after =
        import::evidence(&app.db, &app.policy, &author, "boone-evidence-rla", EvidenceFile::Manifest, good, "test")
            .await;
    assert!(matches!(after, Err(ImportFailure::Other(ref e)) if e.to_string().contains("already public")), "{after:?}");
}

async fn every_demo_sample_is_redrawn_by_portal_sample(store: Store) {
    let app = spawn_app(store).await;
    let list: serde_json::Value = serde_json::from_str(&app.expect("/api/v1/audits?limit=100", 200).await).unwrap();
    let (mut checked, mut batches, mut multi_round) = (0, 0, 0);
    for item in list["items"].as_array().unwrap() {
        let slug = item["slug"].as_str().unwrap();
        let audit: serde_json::Value =
            serde_json::from_str(&app.expect(&format!("/api/v1/audits/{slug}"), 200).await).unwrap();
        let (Some(seed), Some(sampler), Some(units)) =
            (audit["seed"].as_str(), audit["sampler"].as_str(), audit["sampled_units"].as_i64())
        else {
            continue;
        };
        let manifest_url = audit["manifest"]["url"].as_str().expect("a sampled audit publishes its manifest");
        let manifest = app.expect(manifest_url, 200).await;
        let file = std::env::temp_dir().join(format!("{}-{slug}-manifest.csv", std::process::id()));
        std::fs::write(&file, &manifest).unwrap();
        // A multi-round audit is re-drawn round by round (each round's
        // cumulative size), and each draw carries its round.
        let mut sizes: Vec<i64> = Vec::new();
        for r in audit["contests"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["rounds"].as_array().cloned().unwrap_or_default())
        {
            let k = r["round"].as_u64().unwrap() as usize;
            if sizes.len() < k {
                sizes.resize(k, 0);
            }
            sizes[k - 1] = sizes[k - 1].max(r["sample_size"].as_i64().unwrap());
        }
        let (flag, size) = if sizes.len() > 1 {
            multi_round += 1;
            ("--rounds", sizes.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(","))
        } else {
            ("--size", units.to_string())
        };
        let mut args = vec!["--method", sampler, "--seed", seed, flag, &size, "--manifest", file.to_str().unwrap()];
        // A batch-comparison audit's batches are drawn from its published batch tallies.
        let tallies = std::env::temp_dir().join(format!("{}-{slug}-batch-tallies.csv", std::process::id()));
        if sampler == "ppeb" {
            let csv = app.expect(&format!("/data/batch-tallies.csv?audit={slug}"), 200).await;
            std::fs::write(&tallies, csv).unwrap();
            args.extend(["--tallies", tallies.to_str().unwrap()]);
            batches += 1;
        }
        let redrawn = portal_sample(&args);
        let _ = std::fs::remove_file(&file);
        let _ = std::fs::remove_file(&tallies);
        let published = app.expect(&format!("/data/sampled-units.csv?audit={slug}"), 200).await;
        let mut rows = csv::Reader::from_reader(published.as_bytes());
        let ours: Vec<String> = rows
            .records()
            .map(|r| {
                let r = r.unwrap();
                match flag {
                    "--rounds" => format!("{},{},{},{}", &r[2], &r[4], &r[5], &r[6]),
                    _ => format!("{},{},{}", &r[4], &r[5], &r[6]),
                }
            })
            .collect();
        let theirs: Vec<String> = redrawn.lines().skip(1).map(str::to_string).collect();
        assert_eq!(ours, theirs, "{slug}: the published sample is the sampler's");
        checked += 1;
    }
    assert!(checked >= 4, "the demo's sampled audits: {checked}");
    assert_eq!(batches, 1, "Greene County's batches are re-drawn too");
    assert_eq!(multi_round, 1, "St. Charles County's two rounds are re-drawn round by round");
}

async fn every_demo_contest_carries_a_consistent_check(store: Store) {
    let app = spawn_app(store).await;
    let list: serde_json::Value = serde_json::from_str(&app.expect("/api/v1/audits?limit=100", 200).await).unwrap();
    let mut checked = 0;
    for item in list["items"].as_array().unwrap() {
        let slug = item["slug"].as_str().unwrap();
        let audit: serde_json::Value =
            serde_json::from_str(&app.expect(&format!("/api/v1/audits/{slug}"), 200).await).unwrap();
        let recomputed = matches!(audit["math"].as_str(), Some("bravo" | "minerva" | "kaplan_markov" | "macro"));
        for c in audit["contests"].as_array().unwrap() {
            if c["targeted"] == false {
                // Opportunistic: its risk is measured, nothing is claimed.
                assert!(c["check"]["p_value"].is_f64() && c["p_value"].is_null(), "{slug}: {c}");
                continue;
            }
            if recomputed && c["sample_size"].is_i64() {
                let check = &c["check"];
                assert_eq!(check["consistent"], true, "{slug} {}: {check}", c["name"]);
                let published = c["p_value"].as_f64().unwrap();
                let p = check["p_value"].as_f64().unwrap();
                assert!((published - p).abs() <= 0.001 || (published - p).abs() <= 0.01 * p, "{slug}: {published} {p}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "the demo's recomputed contests: {checked}");
}

async fn an_imported_claim_its_numbers_contradict_is_refused_at_review(store: Store) {
    let app = spawn_app(store).await;
    let (author, reviewer) = people(&app).await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates");
    let template = std::fs::read_to_string(root.join("audits.csv")).unwrap();
    // The template's numbers pass; the same file claiming the old p = 0.031 with
    // the old sample does not.
    let wrong = template
        .replace("600,Ana Ruiz=340;Ben Cole=256,,,,,0.0072", "412,Ana Ruiz=228;Ben Cole=184,,,,,0.031")
        .replace("boone-county-2025-municipal-rla", "boone-county-2025-wrong-rla");
    let created = import::audits(&app.db, &app.policy, &author, wrong.as_bytes(), "test")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(created[0].blocking, 1, "{created:?}");
    let refused = workflow::approve(&app.db, &app.policy, &reviewer, created[0].id, None, "test").await.unwrap_err();
    let shown = refused.to_string();
    assert!(shown.contains("published p = 0.0310") && shown.contains("p = 0.1067"), "{shown}");
    let right = import::audits(&app.db, &app.policy, &author, template.as_bytes(), "test").await.unwrap();
    assert_eq!(right[0].blocking, 0, "{right:?}");
    workflow::approve(&app.db, &app.policy, &reviewer, right[0].id, None, "test").await.unwrap();
    let page = app.expect("/api/v1/audits/boone-county-2025-municipal-rla", 200).await;
    let json: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert_eq!(json["contests"][0]["check"]["consistent"], true, "{page}");
}

/// An interpretations file from published readings (the same ballots, as typed).
fn readings_csv(readings: &[serde_json::Value]) -> String {
    let names = |v: &serde_json::Value| {
        v.as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect::<Vec<_>>().join(";")
    };
    let mut out = String::from("batch,position,contest,machine,audited\n");
    for r in readings {
        let audited = if r["audited"].is_null() { "not found".to_string() } else { names(&r["audited"]) };
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            r["batch"].as_str().unwrap(),
            r["position"],
            r["contest"].as_str().unwrap(),
            names(&r["machine"]),
            audited
        ));
    }
    out
}

async fn comparison_discrepancies_are_counted_from_each_ballots_readings(store: Store) {
    let app = spawn_app(store).await;
    let slug = "st-louis-county-2024-general-rla";
    let audit: serde_json::Value =
        serde_json::from_str(&app.expect(&format!("/api/v1/audits/{slug}"), 200).await).unwrap();
    let readings = audit["interpretations"].as_array().expect("the demo's comparison audit has readings").clone();
    assert_eq!(readings.len(), 168, "one reading per sampled ballot");
    let contest = &audit["contests"][0];
    let count = |d: i64| readings.iter().filter(|r| r["discrepancy"] == d).count() as i64;
    assert_eq!(
        [count(1), count(2), count(-1), count(-2)],
        [1, 0, 2, 0],
        "the readings count the published o1, o2, u1, u2"
    );
    assert_eq!([&contest["o1"], &contest["u1"]], [1, 2]);
    // Each reading is a ballot of the published sample, at its draw.
    let units = app.expect(&format!("/data/sampled-units.csv?audit={slug}"), 200).await;
    let mut rows = csv::Reader::from_reader(units.as_bytes());
    let drawn: Vec<(String, String, String)> =
        rows.records().map(|r| r.unwrap()).map(|r| (r[3].to_string(), r[5].to_string(), r[6].to_string())).collect();
    for r in &readings {
        let draw = r["draw"].as_i64().unwrap() as usize;
        assert_eq!(drawn[draw - 1].1, r["batch"].as_str().unwrap(), "{r}");
        assert_eq!(drawn[draw - 1].2, r["position"].to_string(), "{r}");
    }
    // The page says it in plain words, in both languages.
    let page = app.expect(&format!("/audits/{slug}"), 200).await;
    assert!(page.contains("168 ballot readings: 165 agree, 3 differ."), "the readings' summary");
    assert!(page.contains("one-vote overstatement (the machine favoured the winner by one vote)"));
    assert!(page.contains("one-vote understatement (the machine missed one vote for the winner)"));
    let es = app.expect(&format!("/es/audits/{slug}/v/2"), 200).await;
    assert!(es.contains("168 lecturas de boletas: 165 coinciden, 3 difieren."));

    let (author, reviewer) = people_of(&app, "st-louis-county").await;
    let import = |bytes: Vec<u8>| {
        let (db, policy, author) = (app.db.clone(), app.policy.clone(), author.clone());
        async move { import::evidence(&db, &policy, &author, slug, EvidenceFile::Interpretations, &bytes, "test").await }
    };
    // A ballot the seed did not draw is refused with its line; nothing is stored.
    let mut outside = readings_csv(&readings);
    outside.push_str("STL-001,99999,St. Louis County Executive,Morgan Patel,Morgan Patel\n");
    let Err(ImportFailure::Rows(errors)) = import(outside.into_bytes()).await else {
        panic!("a ballot outside the sample")
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].to_string().starts_with("line 170, column 1 (batch): ballot 99999 of batch STL-001 is not in"));
    let Err(ImportFailure::Rows(errors)) =
        import(b"batch,position,contest,machine,audited\nX,1,Mayor,,\n".to_vec()).await
    else {
        panic!("an unknown contest")
    };
    assert!(errors[0].to_string().starts_with("line 2, column 3 (contest)"), "{errors:?}");
    // Readings that count more than the published discrepancies: a blocking
    // finding at review naming both, which no reviewer can override.
    let mut lost = readings.clone();
    let agreeing = lost.iter().position(|r| r["discrepancy"] == 0).unwrap();
    lost[agreeing]["audited"] = serde_json::Value::Null;
    let imported = import(readings_csv(&lost).into_bytes()).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(imported.blocking, 1, "{imported:?}");
    let refused = workflow::approve(&app.db, &app.policy, &reviewer, imported.id, None, "test").await.unwrap_err();
    let shown = refused.to_string();
    assert!(
        shown.contains("published o1 = 1, o2 = 0, u1 = 2, u2 = 0; the sampled ballots' readings count o1 = 1, o2 = 1"),
        "{shown}"
    );
    workflow::return_to_author(&app.db, &reviewer, imported.id, "A ballot was not found: count it.", "test")
        .await
        .unwrap();
    // The same through a correction: the finding cannot be overridden.
    let id = workflow::start_correction(&app.db, &author, RecordKind::Audit, slug, "test").await.unwrap();
    let AnyDraft::Audit(mut a) = workflow::load_draft(&app.db, &author, RecordKind::Audit, id).await.unwrap() else {
        panic!("an audit")
    };
    a.evidence.interpretations.truncate(100);
    workflow::edit_draft(&app.db, &author, id, &a.into(), "test").await.unwrap();
    let (sid, found) =
        workflow::submit(&app.db, &app.policy, &author, RecordKind::Audit, id, Some("Fewer readings."), "test")
            .await
            .unwrap();
    let partial = found.iter().find(|f| f.rule == "discrepancies-counted").unwrap_or_else(|| panic!("{found:#?}"));
    assert!(partial.excerpt.contains("readings cover 100 of the 168 ballots"), "{}", partial.excerpt);
    let overridden =
        workflow::override_finding(&app.db, &app.policy, &reviewer, sid, partial, "The rest agree.", "test").await;
    assert!(overridden.is_err(), "{overridden:?}");
    workflow::return_to_author(&app.db, &reviewer, sid, "Every sampled ballot needs its reading.", "test")
        .await
        .unwrap();
    // A reading can name only the contest's candidates: any other text (here a
    // restricted value) never reaches the published readings.
    let id = workflow::start_correction(&app.db, &author, RecordKind::Audit, slug, "test").await.unwrap();
    let AnyDraft::Audit(mut a) = workflow::load_draft(&app.db, &author, RecordKind::Audit, id).await.unwrap() else {
        panic!("an audit")
    };
    a.evidence.interpretations[0].audited = Some(vec![Line::parse("CANARY-reading-vault-7").unwrap()]);
    workflow::edit_draft(&app.db, &author, id, &a.into(), "test").await.unwrap();
    let refused = workflow::submit(&app.db, &app.policy, &author, RecordKind::Audit, id, Some("A name."), "test")
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("is not a candidate"), "{refused}");
    // The readings as published pass and publish a new version with the same counts.
    let same = import(readings_csv(&readings).into_bytes()).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(same.blocking, 0, "{same:?}");
    let done = workflow::approve(&app.db, &app.policy, &reviewer, same.id, None, "test").await.unwrap();
    let Approval::Published(p) = done else { panic!("{done:?}") };
    let again: serde_json::Value =
        serde_json::from_str(&app.expect(&format!("/audits/{slug}/v/{}/data.json", p.version), 200).await).unwrap();
    assert_eq!(again["interpretations"], audit["interpretations"]);
}

async fn an_untargeted_contest_says_so_with_its_measured_risk(store: Store) {
    let app = spawn_app(store).await;
    let slug = "boone-county-2024-general-rla";
    let audit: serde_json::Value =
        serde_json::from_str(&app.expect(&format!("/api/v1/audits/{slug}"), 200).await).unwrap();
    let contests = audit["contests"].as_array().unwrap();
    let clerk = contests.iter().find(|c| c["name"] == "Boone County Clerk").expect("the opportunistic contest");
    assert_eq!(clerk["targeted"], false);
    let measured = clerk["check"]["p_value"].as_f64().expect("its risk is measured");
    assert!(contests.iter().filter(|c| c["name"] != "Boone County Clerk").all(|c| c.get("targeted").is_none()));
    let page = app.expect(&format!("/audits/{slug}"), 200).await;
    let shown = format!("No: counted on the same ballots without being targeted. Measured risk p = {}", p3(measured));
    assert!(page.contains(&shown), "{shown}");
    let es = app.expect(&format!("/es/audits/{slug}/v/2"), 200).await;
    assert!(es.contains("No: se contó en las mismas boletas sin ser objetivo."));
    let csv = app.expect("/data/audit-contests.csv?jurisdiction=boone-county", 200).await;
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let column = rows.headers().unwrap().iter().position(|h| h == "targeted").expect("a targeted column");
    let flags: Vec<String> =
        rows.records().map(|r| r.unwrap()).filter(|r| &r[0] == slug).map(|r| r[column].to_string()).collect();
    assert_eq!(flags, ["true", "true", "false"]);
    // An import says which contests were targeted; a bad value is placed.
    let (author, _) = people(&app).await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates");
    let template = std::fs::read_to_string(root.join("audits.csv")).unwrap();
    let bad = template.replacen(",0.0072,true,yes,", ",0.0072,true,maybe,", 1);
    let Err(ImportFailure::Rows(errors)) = import::audits(&app.db, &app.policy, &author, bad.as_bytes(), "test").await
    else {
        panic!("a bad targeted value")
    };
    assert!(errors[0].to_string().starts_with("line 2, column 26 (targeted)"), "{errors:?}");
}

/// A p-value as the page shows it (three significant digits).
fn p3(p: f64) -> String {
    let decimals = (2 - p.log10().floor() as i32).clamp(0, 9) as usize;
    format!("{p:.decimals$}").trim_end_matches('0').trim_end_matches('.').to_string()
}

const GREENE: &str = "greene-county-2024-primary-batch";

/// The batch tallies of a published audit as an import file (the download's
/// columns, hand counts included).
fn tallies_file(csv: &str) -> String {
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut out = String::from("contest,batch,candidate,reported,audited\n");
    for r in rows.records().map(|r| r.unwrap()) {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            &r[at("contest")],
            &r[at("batch")],
            &r[at("candidate")],
            &r[at("reported")],
            &r[at("audited")]
        ));
    }
    out
}

async fn batch_comparison_is_recomputed_from_its_batch_tallies(store: Store) {
    let app = spawn_app(store).await;
    let audit: serde_json::Value =
        serde_json::from_str(&app.expect(&format!("/api/v1/audits/{GREENE}"), 200).await).unwrap();
    assert_eq!(audit["sampler"], "ppeb");
    assert!(audit["sampler_version"].as_str().unwrap().starts_with("portal PPEB 1"), "{}", audit["sampler_version"]);
    assert_eq!(audit["sampled_units"], 25);
    let check = &audit["contests"][0]["check"];
    assert_eq!(check["method"], "macro");
    assert_eq!(check["consistent"], true, "{check}");
    assert_eq!(check["risk_limit_met"], true, "{check}");
    let p = check["p_value"].as_f64().unwrap();
    assert!((p - 0.0726).abs() < 0.0005, "{p}");
    // The tallies are published, every row, with the commitment made before the seed.
    let csv = app.expect(&format!("/data/batch-tallies.csv?audit={GREENE}"), 200).await;
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        rows.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "audit",
            "audit_version",
            "row_number",
            "contest_number",
            "contest",
            "batch",
            "candidate",
            "reported",
            "audited",
            "batch_tallies_sha256"
        ]
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 120, "two candidates in each of 60 batches");
    assert_eq!(rows.iter().filter(|r| !r[8].is_empty()).count(), 42, "21 batches counted by hand");
    let mut committed = String::from("contest,batch,candidate,reported\n");
    for r in &rows {
        committed.push_str(&format!("{},{},{},{}\n", &r[4], &r[5], &r[6], &r[7]));
    }
    let sha = portal::domain::digest::sha256_hex(committed.as_bytes());
    assert_eq!(rows[0][9], sha, "the commitment is the reported tallies' SHA-256");
    let commitment = audit["commitments"].as_array().unwrap().iter().find(|c| c["what"] == "batch_tallies").unwrap();
    assert_eq!(commitment["sha256"], sha.as_str());
    assert!(commitment["committed_at"].as_str().unwrap() < audit["seed_drawn_at"].as_str().unwrap());
    // The API, page by page (its next links), holds the same 120 rows.
    let mut path = format!("/api/v1/batch-tallies?audit={GREENE}&limit=50");
    let mut api_rows = Vec::new();
    loop {
        let api: serde_json::Value = serde_json::from_str(&app.expect(&path, 200).await).unwrap();
        api_rows.extend(api["items"].as_array().unwrap().iter().cloned());
        match api["next"].as_str() {
            Some(next) => path = next.strip_prefix(&app.base).expect("a next link on this portal").to_string(),
            None => break,
        }
    }
    assert_eq!(api_rows.len(), 120);
    assert!(api_rows.iter().all(|r| r["batch_tallies_sha256"] == sha.as_str()));
    // The audit's JSON carries each sampled batch, machines against hand count.
    let counts = audit["batch_counts"].as_array().expect("the sampled batches");
    assert_eq!(counts.len(), 21);
    assert_eq!(counts.iter().map(|b| b["draws"].as_i64().unwrap()).sum::<i64>(), 25);
    // The page shows the check and the batches in plain words, in both languages.
    let page = app.expect(&format!("/audits/{GREENE}"), 200).await;
    assert!(page.contains("21 batches counted by hand: 19 match the machines exactly, 2 differ."), "the summary");
    assert!(
        page.contains("overstated Sam Whitaker&#x27;s margin by 2 votes")
            || page.contains("overstated Sam Whitaker's margin by 2 votes")
    );
    assert!(page.contains("--method ppeb") && page.contains("--tallies batch-tallies.csv"), "the re-draw command");
    assert!(page.contains("0.0726"), "the published p-value");
    let es = app.expect(&format!("/es/audits/{GREENE}"), 200).await;
    assert!(es.contains("21 lotes contados a mano: 19 coinciden exactamente con las máquinas, 2 difieren."));

    // A claim the tallies contradict is refused at review naming both numbers,
    // and no reviewer can override it.
    let (author, reviewer) = people_of(&app, "greene-county").await;
    let id = workflow::start_correction(&app.db, &author, RecordKind::Audit, GREENE, "test").await.unwrap();
    let AnyDraft::Audit(mut a) = workflow::load_draft(&app.db, &author, RecordKind::Audit, id).await.unwrap() else {
        panic!("an audit")
    };
    a.contests[0].p_value = Some(portal::domain::values::PValue::new(0.02).unwrap());
    workflow::edit_draft(&app.db, &author, id, &a.clone().into(), "test").await.unwrap();
    let (sid, found) =
        workflow::submit(&app.db, &app.policy, &author, RecordKind::Audit, id, Some("A smaller p."), "test")
            .await
            .unwrap();
    let finding = found.iter().find(|f| f.rule == "risk-recomputed").unwrap_or_else(|| panic!("{found:#?}"));
    assert!(
        finding.excerpt.contains("published p = 0.0200") && finding.excerpt.contains("(macro) p = 0.0726"),
        "{}",
        finding.excerpt
    );
    let refused = workflow::approve(&app.db, &app.policy, &reviewer, sid, None, "test").await.unwrap_err();
    assert!(refused.to_string().contains("p = 0.0726"), "{refused}");
    let overridden =
        workflow::override_finding(&app.db, &app.policy, &reviewer, sid, finding, "Trust us.", "test").await;
    assert!(overridden.is_err(), "{overridden:?}");
    workflow::return_to_author(&app.db, &reviewer, sid, "The tallies give 0.0726.", "test").await.unwrap();
    // Without its batch tallies, the claim cannot be recomputed: the finding says what to import.
    let id = workflow::start_correction(&app.db, &author, RecordKind::Audit, GREENE, "test").await.unwrap();
    let AnyDraft::Audit(mut a) = workflow::load_draft(&app.db, &author, RecordKind::Audit, id).await.unwrap() else {
        panic!("an audit")
    };
    a.evidence.batch_tallies.clear();
    workflow::edit_draft(&app.db, &author, id, &a.into(), "test").await.unwrap();
    let (_, found) =
        workflow::submit(&app.db, &app.policy, &author, RecordKind::Audit, id, Some("No tallies."), "test")
            .await
            .unwrap();
    let missing = found.iter().find(|f| f.rule == "risk-recomputed").unwrap_or_else(|| panic!("{found:#?}"));
    assert!(
        missing.excerpt.contains("portal import batch-tallies FILE --audit greene-county-2024-primary-batch"),
        "{}",
        missing.excerpt
    );
}

async fn batch_tallies_import_as_a_commitment_then_with_hand_counts(store: Store) {
    let app = spawn_app(store).await;
    let (author, reviewer) = people_of(&app, "greene-county").await;
    let import = |slug: &'static str, bytes: Vec<u8>| {
        let (db, policy, author) = (app.db.clone(), app.policy.clone(), author.clone());
        async move { import::evidence(&db, &policy, &author, slug, EvidenceFile::BatchTallies, &bytes, "test").await }
    };
    let stored = || async {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM draft_audit_batch_tallies").fetch_one(&app.raw).await.unwrap();
        n
    };
    let before = stored().await;
    // A new batch-comparison audit, published with its manifest and without tallies.
    let mut fresh = portal::demo::audits().into_iter().find(|a| a.slug.as_str() == GREENE).unwrap();
    fresh.slug = portal::domain::values::Slug::parse("greene-evidence-batch").unwrap();
    fresh.evidence.batch_tallies.clear();
    fresh.evidence.files.clear();
    let fresh = portal::demo::commitment(&fresh).unwrap();
    let id = workflow::create_draft(&app.db, &author, &fresh.clone().into(), "test").await.unwrap();
    let (sid, _) = workflow::submit(&app.db, &app.policy, &author, RecordKind::Audit, id, None, "test").await.unwrap();
    workflow::approve(&app.db, &app.policy, &reviewer, sid, None, "test").await.unwrap();
    // Malformed rows: every mistake with its line and column; nothing stored.
    let bad = "contest,batch,candidate,reported,audited\n\
               Greene County Collector (Republican primary),GREENE-PCT-001,Sam Whitaker,12x,\n\
               Greene County Collector (Republican primary),GREENE-PCT-001,Pat Smith,300,\n\
               County Mayor,GREENE-PCT-002,Sam Whitaker,300,\n";
    let Err(ImportFailure::Rows(errors)) = import("greene-evidence-batch", bad.as_bytes().to_vec()).await else {
        panic!("the file has mistakes")
    };
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(shown[0].starts_with("line 2, column 4 (reported)"), "{shown:?}");
    assert!(shown[1].starts_with("line 3, column 3 (candidate): \"Pat Smith\" is not a candidate"), "{shown:?}");
    assert!(shown[2].starts_with("line 4, column 1 (contest): \"County Mayor\" is not a contest"), "{shown:?}");
    // A batch not in the manifest is refused with its line.
    let demo_csv = app.expect(&format!("/data/batch-tallies.csv?audit={GREENE}"), 200).await;
    let good: String = {
        // The demo's reported tallies (they add up to this audit's results), without hand counts.
        let file = tallies_file(&demo_csv);
        let mut out = String::new();
        for (i, line) in file.lines().enumerate() {
            if i == 0 {
                out.push_str(line);
            } else {
                let (head, _) = line.rsplit_once(',').unwrap();
                out.push_str(&format!("{head},"));
            }
            out.push('\n');
        }
        out
    };
    let stranger = good.replacen("GREENE-PCT-003,", "GREENE-PCT-999,", 1);
    let Err(ImportFailure::Rows(errors)) = import("greene-evidence-batch", stranger.into_bytes()).await else {
        panic!("a batch not in the manifest")
    };
    assert!(
        errors[0]
            .to_string()
            .starts_with("line 6, column 2 (batch): batch \"GREENE-PCT-999\" is not in the audit's ballot manifest"),
        "{errors:?}"
    );
    assert_eq!(stored().await, before, "nothing half-imported");
    // Hand counts before the seed are refused: the batches are not drawn yet.
    let early = good.replacen(",\n", ",5\n", 2);
    let Err(ImportFailure::Rows(errors)) = import("greene-evidence-batch", early.into_bytes()).await else {
        panic!("hand counts before the seed")
    };
    assert!(errors[0].to_string().contains("column 5 (audited)"), "{errors:?}");
    // The reported tallies: the commitment, published as a version before the seed.
    let done = import("greene-evidence-batch", good.clone().into_bytes()).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(done.blocking, 0, "{done:?}");
    workflow::approve(&app.db, &app.policy, &reviewer, done.id, None, "test").await.unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&app.expect("/api/v1/audits/greene-evidence-batch", 200).await).unwrap();
    let commitment = json["commitments"].as_array().unwrap().iter().find(|c| c["what"] == "batch_tallies").cloned();
    let demo: serde_json::Value =
        serde_json::from_str(&app.expect(&format!("/api/v1/audits/{GREENE}"), 200).await).unwrap();
    let demo_commitment =
        demo["commitments"].as_array().unwrap().iter().find(|c| c["what"] == "batch_tallies").cloned();
    assert_eq!(commitment.unwrap()["sha256"], demo_commitment.unwrap()["sha256"], "the same reported votes");
    let published = app.expect("/data/batch-tallies.csv?audit=greene-evidence-batch", 200).await;
    assert_eq!(published.lines().count(), 121);
    assert!(published.lines().skip(1).all(|l| l.split(',').nth(8) == Some("")), "no hand counts yet");

    // After the seed (the demo's): the same reported votes with the hand counts
    // import; a changed reported number or a hand count of a batch not drawn is refused.
    let with_counts = tallies_file(&demo_csv);
    let same = import(GREENE, with_counts.clone().into_bytes()).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(same.blocking, 0, "{same:?}");
    workflow::return_to_author(&app.db, &reviewer, same.id, "Nothing changed.", "test").await.unwrap();
    let mut lines: Vec<String> = with_counts.lines().map(str::to_string).collect();
    // Both candidates of a batch the seed did not draw, "counted".
    let undrawn = lines.iter().position(|l| l.ends_with(',')).unwrap();
    for line in &mut lines[undrawn..undrawn + 2] {
        let reported = line.trim_end_matches(',').rsplit_once(',').unwrap().1.to_string();
        line.push_str(&reported);
    }
    let Err(ImportFailure::Rows(errors)) = import(GREENE, (lines.join("\n") + "\n").into_bytes()).await else {
        panic!("a hand count of a batch not drawn")
    };
    assert!(errors.iter().any(|e| e.to_string().contains("was not drawn by the seed")), "{errors:?}");
    // One vote moved between two batches: the totals agree, the commitment does not.
    let mut lines: Vec<Vec<String>> = with_counts.lines().map(|l| l.split(',').map(str::to_string).collect()).collect();
    for (row, by) in [(1, 1), (3, -1)] {
        let n: i64 = lines[row][3].parse().unwrap();
        lines[row][3] = (n + by).to_string();
    }
    let changed: String = lines.iter().map(|l| l.join(",") + "\n").collect();
    let Err(ImportFailure::Other(e)) = import(GREENE, changed.into_bytes()).await else {
        panic!("a reported number changed after the seed")
    };
    assert!(e.to_string().contains("not the ones committed before the seed"), "{e}");
}
