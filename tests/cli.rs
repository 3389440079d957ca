//! The `portal` command line, run as a user would run it.

use std::process::Command;

fn portal(args: &[&str]) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_portal")).args(args).env_remove("PORTAL_POLICY").output().expect("run portal");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, contents: &str) -> String {
    let path = std::env::temp_dir().join(format!("portal-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path.display().to_string()
}

#[test]
fn help_documents_commands_and_variables() {
    let (code, out, _) = portal(&["--help"]);
    assert_eq!(code, 0);
    for word in [
        "serve",
        "migrate",
        "demo",
        "policy check",
        "scan",
        "backup FILE",
        "pg_dump",
        "/healthz",
        "/readyz",
        "SIGTERM",
        "DATABASE_URL",
        "PORTAL_ADDR",
        "PORTAL_POLICY",
        "PORTAL_METRICS_ADDR",
        "PORTAL_LOG_FORMAT",
    ] {
        assert!(out.contains(word), "--help mentions {word}:\n{out}");
    }
    let (code, _, err) = portal(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"), "{err}");
}

#[test]
fn scan_exits_1_on_blocking_findings_and_0_otherwise() {
    let bad = temp_file("bad.txt", "All good here.\nThe new scanner sits at 10.20.4.17 behind the firewall.\n");
    let (code, out, _) = portal(&["scan", &bad]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(":2:") && out.contains("[ipv4]") && out.contains("block"), "{out}");

    let warn_only = temp_file("warn.txt", "Every precinct runs a DS200 on election day.\n");
    let (code, out, _) = portal(&["scan", &warn_only]);
    assert_eq!(code, 0, "a warning does not block: {out}");
    assert!(out.contains("warn [watch-list]"), "{out}");

    let good = temp_file("good.txt", "The audit confirmed the outcome on November 18, 2024, at a 5% risk limit.\nSee https://www.sos.mo.gov/elections.\n");
    let (code, out, _) = portal(&["scan", &good]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no defensive details found"), "{out}");
}

#[test]
fn policy_check_reports_mistakes_with_line_numbers() {
    let policy = include_str!("../policy/missouri.toml");
    let good = temp_file("good.toml", policy);
    let (code, out, _) = portal(&["policy", "check", &good]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid"), "{out}");

    let broken = policy.replace("citation = \"RSMo 610.021(19)\"", "citation = \"RSMo 610.021(18)\"");
    let line = broken.lines().position(|l| l.contains("RSMo 610.021(18)")).unwrap(); // first use
    let second =
        broken.lines().enumerate().filter(|(_, l)| l.contains("citation = \"RSMo 610.021(18)\"")).nth(1).unwrap().0 + 1;
    assert!(second > line);
    let bad = temp_file("bad.toml", &broken);
    let (code, _, err) = portal(&["policy", "check", &bad]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("{bad}:{second}: the citation \"RSMo 610.021(18)\" is used twice")), "{err}");
}

#[test]
fn the_server_refuses_to_start_on_an_invalid_policy() {
    let bad = temp_file("invalid.toml", "name = \"x\"\n[[bases]]\nid = \"a\"\n");
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("serve")
        .env("PORTAL_POLICY", &bad)
        .env("DATABASE_URL", "sqlite::memory:")
        .env("PORTAL_ADDR", "127.0.0.1:0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the policy file is not valid") && err.contains(&format!("{bad}:")), "{err}");
}

/// Runs `portal` on a database, with lines for standard input.
fn portal_on(db: &str, args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .env("DATABASE_URL", db)
        .env_remove("PORTAL_POLICY")
        .env_remove("PORTAL_PASSWORD")
        .env_remove("PORTAL_TOTP")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run portal");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn officials_import_review_and_publish_on_the_command_line() {
    let path = std::env::temp_dir().join(format!("portal-cli-workflow-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let db = format!("sqlite://{}?mode=rwc", path.display());
    let pw = "correct horse battery staple\n";
    assert_eq!(portal_on(&db, &["demo"], "").0, 0);
    for (email, role, office) in [
        ("author@boone.example", "author", Some("boone-county")),
        ("reviewer@boone.example", "reviewer", Some("boone-county")),
        ("reviewer@clay.example", "reviewer", Some("clay-county")),
        ("admin@sos.example", "admin", None),
    ] {
        let mut args = vec!["user", "add", email, "--role", role];
        if let Some(o) = office {
            args.extend(["--office", o]);
        }
        let (code, out, err) = portal_on(&db, &args, pw);
        assert_eq!(code, 0, "{out}{err}");
    }
    let (code, _, err) = portal_on(&db, &["user", "add", "weak@boone.example", "--role", "author"], "short\n");
    assert_eq!(code, 1);
    assert!(err.contains("at least 12 characters"), "{err}");
    let (_, list, _) = portal_on(&db, &["user", "list"], "");
    assert!(list.contains("admin@sos.example\tadmin\tmissouri\tactive"), "{list}");

    // A file with a mistake stores nothing and says where the mistake is.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates");
    let good = std::fs::read_to_string(root.join("spending.csv")).unwrap();
    let bad = temp_file("bad-spending.csv", &good.replacen("1250.00", "12.5.0", 1));
    let (code, out, err) = portal_on(&db, &["import", "spending", &bad, "--as", "author@boone.example"], pw);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("line 2, column 4 (federal_amount)"), "{err}");
    assert!(err.contains("nothing from"), "{err}");
    let (_, queue, _) = portal_on(&db, &["review", "list"], "");
    assert!(queue.trim().is_empty(), "nothing was submitted: {queue}");
    // A wrong password is refused.
    let (code, _, err) = portal_on(
        &db,
        &["import", "spending", &root.join("spending.csv").display().to_string(), "--as", "author@boone.example"],
        "wrong password here\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("not right"), "{err}");

    // The templates import; each submission's id is printed first on its line.
    let (code, out, err) = portal_on(
        &db,
        &["import", "spending", &root.join("spending.csv").display().to_string(), "--as", "author@boone.example"],
        pw,
    );
    assert_eq!(code, 0, "{out}{err}");
    let ids: Vec<String> = out.lines().map(|l| l.split('\t').next().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 2, "{out}");
    assert!(ids.iter().all(|id| id.parse::<i64>().is_ok()), "{out}");
    let (code, out, err) = portal_on(
        &db,
        &["import", "audits", &root.join("audits.csv").display().to_string(), "--as", "reviewer@boone.example"],
        pw,
    );
    assert_eq!(code, 0, "{out}{err}");
    let audit_id = out.split('\t').next().unwrap().to_string();
    let (_, queue, _) = portal_on(&db, &["review", "list"], "");
    let queued: Vec<&str> = queue.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(queued.len(), 3, "{queue}");
    assert!(queued.contains(&audit_id.as_str()) && queued.contains(&ids[0].as_str()), "{queue}");

    // Two people publish: the submitter, an author and another county are refused.
    let (code, _, err) = portal_on(&db, &["review", "approve", &audit_id, "--as", "reviewer@boone.example"], pw);
    assert_eq!(code, 1);
    assert!(err.contains("two-person rule"), "{err}");
    let (code, _, err) = portal_on(&db, &["review", "approve", &ids[0], "--as", "author@boone.example"], pw);
    assert_eq!(code, 1);
    assert!(err.contains("only reviewers"), "{err}");
    let (code, _, err) = portal_on(&db, &["review", "approve", &ids[0], "--as", "reviewer@clay.example"], pw);
    assert_eq!(code, 1);
    assert!(err.contains("not for boone-county"), "{err}");
    let (code, out, err) =
        portal_on(&db, &["review", "approve", &ids[0], &ids[1], "--as", "reviewer@boone.example"], pw);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.lines().filter(|l| l.contains("published")).count(), 2, "{out}");
    let (code, _, err) = portal_on(&db, &["review", "return", &audit_id, "--as", "admin@sos.example"], pw);
    assert_eq!(code, 1, "a return needs a comment");
    assert!(err.contains("--comment"), "{err}");
    let (code, out, err) = portal_on(
        &db,
        &["review", "return", &audit_id, "--as", "admin@sos.example", "--comment", "Add the batch manifest."],
        pw,
    );
    assert_eq!(code, 0, "{out}{err}");
    let (_, queue, _) = portal_on(&db, &["review", "list"], "");
    assert!(queue.trim().is_empty(), "{queue}");
    // A disabled account can no longer act.
    assert_eq!(portal_on(&db, &["user", "disable", "reviewer@clay.example"], "").0, 0);
    let (code, _, err) = portal_on(&db, &["review", "approve", "1", "--as", "reviewer@clay.example"], pw);
    assert_eq!(code, 1);
    assert!(err.contains("not right"), "a disabled account's right password is refused like a wrong one: {err}");
    // Account recovery: a new password, typed twice; the old one stops working.
    let (code, _, err) = portal_on(
        &db,
        &["user", "set-password", "reviewer@boone.example"],
        "one password here
another one here
",
    );
    assert_eq!(code, 1);
    assert!(err.contains("differ"), "{err}");
    let new_pw = "a brand new passphrase\n";
    let (code, out, err) = portal_on(
        &db,
        &["user", "set-password", "reviewer@boone.example"],
        "a brand new passphrase\na brand new passphrase\n",
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = portal_on(&db, &["review", "approve", "99999", "--as", "reviewer@boone.example"], pw);
    assert!(code == 1 && err.contains("not right"), "the old password no longer works: {err}");
    let (code, _, err) = portal_on(&db, &["review", "approve", "99999", "--as", "reviewer@boone.example"], new_pw);
    assert!(code == 1 && err.contains("no such submission"), "the new one does: {err}");
    // A second-factor reset asks for the address again.
    let (code, _, err) = portal_on(&db, &["user", "reset-2fa", "reviewer@boone.example"], "someone@else.example\n");
    assert_eq!(code, 1);
    assert!(err.contains("differs"), "{err}");
    let (code, out, err) = portal_on(&db, &["user", "reset-2fa", "reviewer@boone.example"], "reviewer@boone.example\n");
    assert_eq!(code, 0, "{out}{err}");
    let _ = std::fs::remove_file(&path);
}

// ---- `portal audit-math` and `portal sample`: the reference tools' own test vectors

/// Runs `portal` with `stdin` and a database that cannot be used: the math
/// tools need none.
fn portal_math(args: &[&str], stdin: &str) -> (i32, String, String) {
    portal_on("unusable://no-database-here", args, stdin)
}

/// `portal audit-math -` on `input`; the JSON it prints.
fn audit_math(input: &serde_json::Value) -> serde_json::Value {
    let (code, out, err) = portal_math(&["audit-math", "-"], &input.to_string());
    assert_eq!(code, 0, "{input}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{input}: the output is not JSON ({e}): {out}"))
}

/// The reference vectors, as the rla crate's own tests read them.
fn rla_vector_text(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rla/tests/vectors").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rla_vector(name: &str) -> serde_json::Value {
    serde_json::from_str(&rla_vector_text(name)).unwrap()
}

/// A JSON object's entries in the file's order (serde_json's map sorts them;
/// Minerva's samples are listed in tally order).
struct InOrder(Vec<(String, u64)>);

impl<'de> serde::Deserialize<'de> for InOrder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<InOrder, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = InOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of vote counts")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<InOrder, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(InOrder(entries))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// Arlo's contest dicts: candidates' votes next to "ballots", "numWinners", "votesAllowed".
fn arlo_reported(contest: &serde_json::Value) -> serde_json::Value {
    let meta = ["ballots", "numWinners", "votesAllowed"];
    let reported: serde_json::Map<String, serde_json::Value> = contest
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !meta.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    serde_json::Value::Object(reported)
}

#[test]
fn help_documents_the_math_tools() {
    let (code, out, _) = portal(&["--help"]);
    assert_eq!(code, 0);
    for word in ["audit-math FILE", "sample --method consistent|rivest", "--population A-B", "--manifest FILE"] {
        assert!(out.contains(word), "--help documents {word}:\n{out}");
    }
}

/// Arlo's test_bravo.py, compute_risk round 1 (p-values to 0.01, its decisions)
/// and the first-round average sample numbers (exact).
#[test]
fn audit_math_reproduces_arlo_bravo() {
    let v = rla_vector("arlo_bravo.json");
    let sec = &v["compute_risk_round1"];
    assert_eq!(sec["tolerance"], "abs<0.01");
    for (name, pairs) in sec["expected"].as_object().unwrap() {
        let contest = &v["contests"][name];
        let sample = &sec["sample"][name];
        let drawn: u64 = sample.as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
        let out = audit_math(&serde_json::json!({
            "method": "bravo", "risk_limit": 10, "ballots": contest["ballots"],
            "winners": contest["numWinners"], "reported": arlo_reported(contest),
            "sample": {"size": drawn, "audited": sample},
        }));
        // The contest's risk is its largest winner-loser pair's.
        let want = pairs.as_object().unwrap().iter().filter(|(k, _)| k.contains('|')).map(|(_, p)| p.as_f64().unwrap());
        let want = want.fold(0.0, f64::max);
        let got = out["p_value"].as_f64().unwrap();
        assert!((got - want).abs() < 0.01, "{name}: p {got}, Arlo {want}");
        assert_eq!(out["risk_limit_met"], sec["decisions"][name], "{name}");
        if let Some(asn) = v["asn_round1_no_sample"]["expected"][name].as_u64() {
            assert_eq!(out["asn"], asn, "{name}: average sample number");
        }
    }
}

/// Arlo's test_supersimple.py: diluted margins, and p-values (to 0.001) for a
/// sample of the initial size with no discrepancy, one one-vote and one
/// two-vote overstatement.
#[test]
fn audit_math_reproduces_arlo_kaplan_markov() {
    let v = rla_vector("arlo_supersimple.json");
    let gamma = v["constants"]["gamma"].as_f64().unwrap();
    let risk_limit = v["constants"]["risk_limit"].as_f64().unwrap();
    let p = &v["p_values_sample_of_n0_ballots"];
    assert_eq!(p["tolerance"], "abs<0.001");
    for (name, contest) in v["contests_[winner,loser,ballots]"].as_object().unwrap() {
        let (reported, ballots, winners) = match contest.as_array() {
            Some(a) => (serde_json::json!({"winner": a[0], "loser": a[1]}), a[2].clone(), serde_json::json!(1)),
            None => (arlo_reported(contest), contest["ballots"].clone(), contest["numWinners"].clone()),
        };
        let size = &v["initial_sample_size"]["expected"][name];
        // Contest F is in no ballot of Arlo's fixture: its discrepancies count 0.
        let cases: &[(&str, u64, u64)] = if name == "Contest F" {
            &[("no_discrepancies", 0, 0)]
        } else {
            &[("no_discrepancies", 0, 0), ("one_vote_over", 1, 0), ("two_vote_over", 0, 1)]
        };
        for (case, o1, o2) in cases {
            let out = audit_math(&serde_json::json!({
                "method": "kaplan_markov", "risk_limit": risk_limit, "gamma": gamma, "ballots": ballots,
                "winners": winners, "reported": reported, "sample": {"size": size, "o1": o1, "o2": o2},
            }));
            let want = p[case][name].as_f64().unwrap();
            let got = out["p_value"].as_f64().unwrap();
            assert!((got - want).abs() < 0.001, "{name} {case}: p {got}, Arlo {want}");
            assert_eq!(out["risk_limit_met"], want <= risk_limit / 100.0, "{name} {case}");
        }
        let margin = match &v["diluted_margin"][name] {
            serde_json::Value::String(fraction) => {
                let (a, b) = fraction.split_once('/').unwrap();
                a.parse::<f64>().unwrap() / b.parse::<f64>().unwrap()
            }
            serde_json::Value::Null => continue,
            number => number.as_f64().unwrap(),
        };
        let out = audit_math(&serde_json::json!({
            "method": "kaplan_markov", "risk_limit": risk_limit, "ballots": ballots, "winners": winners, "reported": reported,
        }));
        assert!((out["diluted_margin"].as_f64().unwrap() - margin).abs() < 1e-12, "{name}: {out}");
        assert_eq!(out["p_value"], serde_json::Value::Null, "no sample, no p-value");
    }
}

/// Arlo's test_minerva.py, first-round risks (pytest.approx: relative 1e-6).
#[test]
fn audit_math_reproduces_arlo_minerva() {
    #[derive(serde::Deserialize)]
    struct Round1 {
        tally: InOrder,
        num_winners: Option<u64>,
        round_size: u64,
        sample: Vec<u64>,
        risk: f64,
        confirmed: Option<bool>,
    }
    #[derive(serde::Deserialize)]
    struct Vectors {
        tolerance: String,
        round1_risk: Vec<Round1>,
    }
    let v: Vectors = serde_json::from_str(&rla_vector_text("arlo_minerva.json")).unwrap();
    assert!(v.tolerance.contains("rel 1e-6"), "{}", v.tolerance);
    for case in &v.round1_risk {
        // Arlo's contest: every ballot counts, undervotes too; the sample lists
        // the candidates' votes in the tally's order.
        let ballots: u64 = case.tally.0.iter().map(|(_, n)| n).sum();
        let candidates: Vec<&(String, u64)> = case.tally.0.iter().filter(|(name, _)| name != "_undervote_").collect();
        let reported: serde_json::Map<String, serde_json::Value> =
            candidates.iter().map(|(name, n)| (name.clone(), (*n).into())).collect();
        let audited: serde_json::Map<String, serde_json::Value> =
            candidates.iter().zip(&case.sample).map(|((name, _), n)| (name.clone(), (*n).into())).collect();
        let out = audit_math(&serde_json::json!({
            "method": "minerva", "risk_limit": 10, "ballots": ballots, "winners": case.num_winners.unwrap_or(1),
            "reported": reported, "sample": {"size": case.round_size, "audited": audited},
        }));
        let got = out["p_value"].as_f64().unwrap();
        assert!((got - case.risk).abs() <= 1e-6 * case.risk, "{reported:?}: risk {got}, Arlo {}", case.risk);
        if let Some(confirmed) = case.confirmed {
            assert_eq!(out["risk_limit_met"], confirmed, "{reported:?}");
        }
    }
}

/// The point of the tool: the demo's Boone County contest, BRAVO at a 5% risk
/// limit, does not meet its risk limit with 228 to 179 in a sample of 412.
#[test]
fn audit_math_shows_boone_county_short_of_its_risk_limit() {
    let input = r#"{"method": "bravo", "risk_limit": 5, "ballots": 92415,
        "reported": {"Alex Rivera": 51208, "Jordan Lee": 39877},
        "sample": {"size": 412, "audited": {"Alex Rivera": 228, "Jordan Lee": 179}}}"#;
    let file = temp_file("boone.json", input);
    let (code, out, err) = portal_math(&["audit-math", &file], "");
    assert_eq!(code, 0, "{err}");
    let out: serde_json::Value = serde_json::from_str(&out).unwrap();
    let p = out["p_value"].as_f64().unwrap();
    assert!((p - 0.0522).abs() < 0.00005, "p = {p}");
    assert_eq!(out["risk_limit_met"], false);
    assert!((out["diluted_margin"].as_f64().unwrap() - (51208.0 - 39877.0) / 92415.0).abs() < 1e-12);
    // The same from standard input.
    let (code, stdin_out, _) = portal_math(&["audit-math", "-"], input);
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&stdin_out).unwrap(), out);
}

#[test]
fn audit_math_names_the_field_of_a_mistake() {
    let cases = [
        (
            r#"{"method":"bravo","risk_limit":5,"ballots":-92415,"reported":{"A":2,"B":1}}"#,
            "\"ballots\" must not be negative",
        ),
        (r#"{"method":"bravo","risk_limit":5,"ballots":92415}"#, "\"reported\" is required"),
        (
            r#"{"method":"bravo","risk_limit":5,"ballots":9,"reported":{"A":2,"B":-1}}"#,
            "\"reported.B\" must not be negative",
        ),
        (r#"{"method":"coin","risk_limit":5,"ballots":9,"reported":{"A":2,"B":1}}"#, "\"method\" must be one of"),
        (
            r#"{"method":"bravo","risk_limit":500,"ballots":9,"reported":{"A":2,"B":1}}"#,
            "\"risk_limit\" must be a percentage",
        ),
    ];
    for (input, message) in cases {
        let (code, out, err) = portal_math(&["audit-math", "-"], input);
        assert_eq!(code, 2, "{input}: {out}");
        assert!(out.is_empty(), "nothing on standard output: {out}");
        assert!(err.contains(message) && err.contains("standard input"), "{input}: {err}");
    }
    let (code, _, err) = portal_math(&["audit-math", "-"], "{not json");
    assert_eq!(code, 2);
    assert!(err.contains("is not valid JSON"), "{err}");
    let (code, _, err) = portal_math(&["audit-math", "/no/such/contest.json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("could not read /no/such/contest.json"), "{err}");
    assert_eq!(portal_math(&["audit-math"], "").0, 2, "a file is required");
}

/// The consistent sampler's doctest `sampler(range(100), seed=41, take=10)`.
#[test]
fn sample_reproduces_the_consistent_sampler() {
    let v = rla_vector("consistent_sampler_doctests.json");
    let want: Vec<String> = v["sampler(range(100),seed=41,output='id',take=10)"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let (code, out, err) =
        portal_math(&["sample", "--method", "consistent", "--seed", "41", "--size", "10", "--population", "0-99"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().collect::<Vec<_>>(), want);
}

/// Arlo's test_sampler.py draw_sample: four precincts of 25 ballots, 20 draws
/// with replacement, as CSV `ticket,batch,position`.
#[test]
fn sample_reproduces_arlo_on_a_manifest() {
    let v = rla_vector("arlo_sampler.json");
    let ds = &v["draw_sample"];
    let mut manifest = String::from("batch,ballots\n");
    for (batch, range) in ds["manifest"].as_object().unwrap() {
        let (first, last) = range.as_str().unwrap().split_once("..").unwrap();
        assert_eq!(first, "1");
        manifest.push_str(&format!("{batch},{last}\n"));
    }
    let manifest_file = temp_file("manifest.csv", &manifest);
    let expected = ds["expected"].as_array().unwrap();
    let size = expected.len().to_string();
    let seed = v["seed"].as_str().unwrap();
    let args = ["sample", "--method", "consistent", "--seed", seed, "--size", &size, "--manifest", &manifest_file];
    let (code, out, err) = portal_math(&[&args[..], &["--with-replacement"]].concat(), "");
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("ticket,batch,position"));
    for (line, draw) in lines.zip(expected) {
        let want = format!("{},{},{}", draw[0].as_str().unwrap(), draw[1][0].as_str().unwrap(), draw[1][1]);
        assert_eq!(line, want);
    }
    assert_eq!(out.lines().count(), expected.len() + 1);
    // Without replacement a ballot drawn again is skipped: ('pct 1', 20) and
    // ('pct 1', 25) come up twice in the first 13 draws.
    let (code, out, _) = portal_math(&args, "");
    assert_eq!(code, 0);
    let unique: std::collections::HashSet<&str> = out.lines().map(|l| l.split_once(',').unwrap().1).collect();
    assert_eq!(unique.len(), expected.len() + 1, "{out}");
}

/// Rivest's sampler: the transcript in Rivest's sampler.py docstring, which
/// ColoradoRLA's PseudoRandomNumberGeneratorTest repeats (seed
/// 3546311556112163624615351222, ballots 1 to 876), and cjerdonek's
/// rivest-sampler-tests (with replacement).
#[test]
fn sample_reproduces_rivest_and_colorado_rla() {
    let seed = "3546311556112163624615351222";
    let want = "740 180 264 789 238 448 272 611 761 208 596 88 160 113 766 427 184 816 653 411 779 331 339 487 \
                594 235 65 527 821 490 461 251 471 414 174 567 300 134 144 357 786 792 218 550 787 537 197";
    let (code, out, err) =
        portal_math(&["sample", "--method", "rivest", "--seed", seed, "--size", "47", "--population", "1-876"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.split_whitespace().collect::<Vec<_>>().join(" "), want);
    for (seed, population, want) in
        [("1", "1-1000", "97 89 163"), ("0", "1-2", "1 1 2"), ("abcde", "1-1000", "247 427 157")]
    {
        let (code, out, _) = portal_math(
            &[
                "sample",
                "--method",
                "rivest",
                "--seed",
                seed,
                "--size",
                "3",
                "--population",
                population,
                "--with-replacement",
            ],
            "",
        );
        assert_eq!(code, 0);
        assert_eq!(out.split_whitespace().collect::<Vec<_>>().join(" "), want, "seed {seed}");
    }
    // A manifest read from standard input: ballots numbered through the batches in order.
    let (code, out, err) = portal_math(
        &["sample", "--method", "rivest", "--seed", seed, "--size", "3", "--manifest", "-"],
        "batch,ballots\nA,500\nB,376\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "ticket,batch,position\n1,B,240\n2,A,180\n3,A,264\n");
}

#[test]
fn sample_refuses_a_bad_range_or_manifest_in_plain_words() {
    for (population, message) in [("10-1", "start 10 is larger than its end 1"), ("1..10", "must look like A-B")] {
        let (code, out, err) = portal_math(
            &["sample", "--method", "rivest", "--seed", "1", "--size", "3", "--population", population],
            "",
        );
        assert_eq!(code, 2, "{out}");
        assert!(out.is_empty() && err.contains(message) && err.contains("Usage: portal sample"), "{err}");
    }
    let (code, _, err) = portal_math(&["sample", "--method", "consistent", "--seed", "1", "--size", "3"], "");
    assert_eq!(code, 2);
    assert!(err.contains("--population A-B or --manifest FILE"), "{err}");
    let bad = temp_file("bad-manifest.csv", "batch,ballots\nA,10\nB,ten\n");
    let (code, _, err) =
        portal_math(&["sample", "--method", "consistent", "--seed", "1", "--size", "3", "--manifest", &bad], "");
    assert_eq!(code, 2);
    assert!(err.contains("line 3") && err.contains("'ten'") && err.contains(&bad), "{err}");
}

/// `portal import batch-tallies` places a mistake by line and column and
/// stores nothing; the header names the file's columns.
#[test]
fn batch_tallies_import_on_the_command_line() {
    let path = std::env::temp_dir().join(format!("portal-cli-tallies-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let db = format!("sqlite://{}?mode=rwc", path.display());
    let pw = "correct horse battery staple\n";
    assert_eq!(portal_on(&db, &["demo"], "").0, 0);
    let args = ["user", "add", "author@greene.example", "--role", "author", "--office", "greene-county"];
    assert_eq!(portal_on(&db, &args, pw).0, 0);
    let bad = temp_file(
        "bad-tallies.csv",
        "contest,batch,candidate,reported,audited\n\
         Greene County Collector (Republican primary),GREENE-PCT-999,Sam Whitaker,373,\n",
    );
    let (code, out, err) = portal_on(
        &db,
        &[
            "import",
            "batch-tallies",
            &bad,
            "--audit",
            "greene-county-2024-primary-batch",
            "--as",
            "author@greene.example",
        ],
        pw,
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("line 2, column 2 (batch)") && err.contains("not in the audit's ballot manifest"), "{err}");
    let (_, queue, _) = portal_on(&db, &["review", "list"], "");
    assert!(queue.trim().is_empty(), "nothing was submitted: {queue}");
    let _ = std::fs::remove_file(&path);
}

/// `portal import rounds` places each mistake by line and column (the header
/// names the columns) and stores nothing.
#[test]
fn rounds_import_on_the_command_line() {
    let path = std::env::temp_dir().join(format!("portal-cli-rounds-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let db = format!("sqlite://{}?mode=rwc", path.display());
    let pw = "correct horse battery staple\n";
    assert_eq!(portal_on(&db, &["demo"], "").0, 0);
    let args = ["user", "add", "author@stc.example", "--role", "author", "--office", "st-charles-county"];
    assert_eq!(portal_on(&db, &args, pw).0, 0);
    let contest = "St. Charles County Council District 3 (Democratic primary)";
    let bad = temp_file(
        "bad-rounds.csv",
        &format!(
            "contest,round,sample_size,audited_results,o1,o2,u1,u2,p_value,risk_limit_met,started_on,completed_on\n\
             {contest},1,600,Robin Ortiz=303;Drew Kim=294,,,,,0.777,false,2024-08-12,2024-08-13\n\
             {contest},2,600,Robin Ortiz=606;Drew Kim=588,,,,,0.68,nope,2024-08-14,2024-08-15\n"
        ),
    );
    let (code, out, err) = portal_on(
        &db,
        &["import", "rounds", &bad, "--audit", "st-charles-county-2024-primary-rla", "--as", "author@stc.example"],
        pw,
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("line 3, column 3 (sample_size)") && err.contains("must be larger than round 1's"), "{err}");
    assert!(err.contains("line 3, column 10 (risk_limit_met)"), "{err}");
    let (_, queue, _) = portal_on(&db, &["review", "list"], "");
    assert!(queue.trim().is_empty(), "nothing was submitted: {queue}");
    let _ = std::fs::remove_file(&path);
}
