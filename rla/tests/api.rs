//! The portal's tool interface: audit_math_json, recompute_contest,
//! consistent_with, and the Boone County case from the portal's issue.

use rla::{audit_math_json, consistent_with, recompute_contest, ContestSample, Method};
use serde_json::Value;

fn run(input: &str) -> Value {
    let out = audit_math_json(input).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&out).unwrap()
}

fn fails(input: &str) -> (String, String) {
    let e = audit_math_json(input).expect_err("should fail");
    (e.field, e.message)
}

/// The portal issue: reported 51,208 vs 39,877, ballots 91,085 (winner +
/// loser), audited 228 to 179, risk limit 5%: BRAVO p ≈ 0.052, not met.
#[test]
fn boone_bravo_case() {
    let r = recompute_contest(
        Method::Bravo,
        5.0,
        91_085,
        1,
        &["winner"],
        &[("winner", 51_208), ("loser", 39_877)],
        Some(&ContestSample::Polling { size: 407, audited: &[("winner", 228), ("loser", 179)] }),
    )
    .unwrap();
    let p = r.p_value.unwrap();
    println!("Boone BRAVO p-value = {p:?}");
    // Arlo's arithmetic, recomputed with Python's decimal module:
    // 1/T = 0.05215784215596224922662643675
    assert_eq!(p, 0.052_157_842_155_962_246);
    assert_eq!(r.risk_limit_met, Some(false));
    assert!((r.diluted_margin - (51_208.0 - 39_877.0) / 91_085.0).abs() < 1e-16);

    let j = run(r#"{"method":"bravo","risk_limit":5,"ballots":91085,
        "reported":{"winner":51208,"loser":39877},
        "sample":{"size":407,"audited":{"winner":228,"loser":179}}}"#);
    assert_eq!(j["p_value"].as_f64().unwrap(), p);
    assert_eq!(j["risk_limit_met"], Value::Bool(false));
    assert!(j["asn"].as_u64().unwrap() > 0);
    assert!(consistent_with(0.052, p));
    assert!(!consistent_with(0.049, p));
}

#[test]
fn json_outputs() {
    // BRAVO without a sample: nulls and the first-round ASN (Arlo test1: 119 at 10%)
    let j = run(r#"{"method":"bravo","risk_limit":10,"ballots":1000,"reported":{"a":600,"b":400}}"#);
    assert_eq!(j["diluted_margin"].as_f64().unwrap(), 0.2);
    assert_eq!(j["p_value"], Value::Null);
    assert_eq!(j["risk_limit_met"], Value::Null);
    assert_eq!(j["asn"].as_u64().unwrap(), 119);
    assert!(j.get("sample_size_no_discrepancies").is_none());
    // exact output text, fields in the documented order
    assert_eq!(
        audit_math_json(r#"{"method":"bravo","risk_limit":10,"ballots":1000,"reported":{"a":600,"b":400}}"#).unwrap(),
        r#"{"diluted_margin":0.2,"p_value":null,"risk_limit_met":null,"asn":119}"#
    );
    // BRAVO compute_risk test1 of Arlo: p = 0.0714...
    let j = run(r#"{"method":"bravo","risk_limit":10,"ballots":1000,"reported":{"cand1":600,"cand2":400},
        "sample":{"size":119,"audited":{"cand1":72,"cand2":47}}}"#);
    assert!((j["p_value"].as_f64().unwrap() - 0.07140372947931499).abs() < 1e-15);
    assert_eq!(j["risk_limit_met"], Value::Bool(true));
    // tie: no ASN
    let j = run(r#"{"method":"bravo","risk_limit":10,"ballots":1000,"reported":{"a":500,"b":500}}"#);
    assert_eq!(j["asn"], Value::Null);

    // Kaplan–Markov, Contest A of Arlo's supersimple tests (n0 = 27)
    let j = run(r#"{"method":"kaplan_markov","risk_limit":10,"ballots":100000,
        "reported":{"winner":60000,"loser":40000},"sample":{"size":27,"o1":1}}"#);
    assert!((j["p_value"].as_f64().unwrap() - 0.1254349887554985).abs() < 1e-15);
    assert_eq!(j["risk_limit_met"], Value::Bool(false));
    let n = j["sample_size_no_discrepancies"].as_u64().unwrap();
    // (1 - 0.2/(2*1.03905))^n <= 0.1 first at n = 23
    assert_eq!(n, 23);
    let j = run(r#"{"method":"kaplan_markov","risk_limit":10,"ballots":100000,
        "reported":{"winner":60000,"loser":40000},"sample":{"size":27,"u1":3,"u2":1}}"#);
    // understatements are ignored, as in Arlo
    assert!((j["p_value"].as_f64().unwrap() - 0.06507).abs() < 1e-5);
    // custom gamma
    let j = run(r#"{"method":"kaplan_markov","risk_limit":10,"ballots":100000,"gamma":1.1,
        "reported":{"winner":60000,"loser":40000}}"#);
    assert_eq!(j["p_value"], Value::Null);
    assert_eq!(j["sample_size_no_discrepancies"].as_u64().unwrap(), 25);

    // Minerva, Arlo's test_collect_risks case
    let j = run(r#"{"method":"minerva","risk_limit":10,"ballots":1200,
        "reported":{"a":600,"b":400,"c":100},"sample":{"size":120,"audited":{"a":56,"b":40,"c":3}}}"#);
    assert!((j["p_value"].as_f64().unwrap() / 0.0933945799801079 - 1.0).abs() < 1e-6);
    assert_eq!(j["risk_limit_met"], Value::Bool(true));

    // MACRO: Arlo's pending-ballots fixture without pending ballots
    let j = run(r#"{"method":"macro","risk_limit":25,"ballots":350,
        "reported":{"winner":200,"loser":100,"third":50},
        "batches":[
          {"name":"B1","ballots":100,"reported":{"winner":60,"loser":40,"third":0}},
          {"name":"B2","ballots":100,"reported":{"winner":0,"loser":60,"third":40}},
          {"name":"B3","ballots":100,"reported":{"winner":90,"loser":0,"third":10}},
          {"name":"B4","ballots":50,"reported":{"winner":50,"loser":0,"third":0}}],
        "sample":{"draws":["B1","B2","B3"],"audited":{
          "B1":{"winner":60,"loser":40,"third":0},
          "B2":{"winner":0,"loser":60,"third":40},
          "B3":{"winner":90,"loser":0,"third":10}}}}"#);
    // U = 450/100, p = (1 - 1/U)^3
    let want = (1.0f64 - 100.0 / 450.0).powi(3);
    assert!((j["p_value"].as_f64().unwrap() - want).abs() < 1e-15);
    // macro without batches: margin only
    let j = run(r#"{"method":"macro","risk_limit":25,"ballots":350,"reported":{"w":200,"l":100}}"#);
    assert_eq!(j["p_value"], Value::Null);
    assert!(j.get("asn").is_none());
}

#[test]
fn json_errors_name_the_field() {
    let base = |extra: &str| {
        format!(r#"{{"method":"bravo","risk_limit":5,"ballots":100,"reported":{{"a":60,"b":30}}{extra}}}"#)
    };
    assert_eq!(fails(&base(r#","colour":1"#)).0, "colour");
    assert_eq!(fails(&base(r#","sample":{"size":10,"audited":{"a":-1}}"#)).0, "sample.audited.a");
    assert_eq!(
        fails(&base(r#","sample":{"size":10,"audited":{"zed":1}}"#)),
        ("sample.audited.zed".to_string(), "'zed' is not one of the candidates in reported".to_string())
    );
    assert_eq!(fails(&base(r#","winners":2"#)).0, "winners");
    assert_eq!(fails(&base(r#","gamma":1.1"#)).0, "gamma");
    assert_eq!(fails(&base(r#","sample":{"size":10,"o1":1}"#)).0, "sample.o1");
    assert_eq!(fails(&base(r#","sample":{"size":3,"audited":{"a":3,"b":1}}"#)).0, "sample.audited");
    assert_eq!(fails(&base(r#","sample":{"audited":{"a":3}}"#)).0, "sample.size");
    assert_eq!(fails(&base(r#","votes_allowed":0"#)).0, "votes_allowed");
    assert_eq!(fails(&base(r#","sample":{"size":1.5,"audited":{}}"#)).0, "sample.size");
    assert_eq!(fails(r#"{"method":"bravo","risk_limit":5,"ballots":100,"reported":{"a":60,"a":30}}"#).0, "reported.a");
    assert_eq!(fails(r#"{"method":"bravo","risk_limit":5,"ballots":100,"reported":{"a":-60,"b":30}}"#).0, "reported.a");
    assert_eq!(fails(r#"{"method":"bravo","risk_limit":5,"ballots":50,"reported":{"a":60,"b":30}}"#).0, "reported");
    assert_eq!(fails(r#"{"method":"bravo","risk_limit":5,"ballots":100,"reported":{"a":60}}"#).0, "reported");
    assert_eq!(fails(r#"{"method":"bravo","risk_limit":0,"ballots":100,"reported":{"a":60,"b":1}}"#).0, "risk_limit");
    assert_eq!(fails(r#"{"method":"bravo","risk_limit":100,"ballots":100,"reported":{"a":60,"b":1}}"#).0, "risk_limit");
    assert_eq!(fails(r#"{"method":"bravo","ballots":100,"reported":{"a":60,"b":1}}"#).0, "risk_limit");
    assert_eq!(fails(r#"{"method":"polling","risk_limit":5,"ballots":100,"reported":{"a":60,"b":1}}"#).0, "method");
    assert_eq!(fails(r#"{"risk_limit":5,"ballots":100,"reported":{"a":60,"b":1}}"#).0, "method");
    assert_eq!(fails(r#"{"method":"bravo","risk_limit":5,"ballots":0,"reported":{"a":60,"b":1}}"#).0, "ballots");
    assert_eq!(fails(r#"{"method":"bravo","risk_limit":"5","ballots":10,"reported":{"a":6,"b":1}}"#).0, "risk_limit");
    assert_eq!(fails("[1,2]").0, "input");
    assert_eq!(fails("{").0, "input");
    assert_eq!(fails("").0, "input");
    assert_eq!(
        fails(r#"{"method":"kaplan_markov","risk_limit":5,"ballots":100,"reported":{"a":60,"b":30},"sample":{"size":10,"audited":{"a":1}}}"#).0,
        "sample.audited"
    );
    assert_eq!(
        fails(r#"{"method":"kaplan_markov","risk_limit":5,"ballots":100,"reported":{"a":60,"b":30},"sample":{"size":2,"o1":2,"o2":1}}"#).0,
        "sample"
    );
    assert_eq!(
        fails(r#"{"method":"kaplan_markov","risk_limit":5,"ballots":100,"gamma":0.9,"reported":{"a":60,"b":30}}"#).0,
        "gamma"
    );
    assert_eq!(
        fails(r#"{"method":"macro","risk_limit":5,"ballots":100,"reported":{"a":60,"b":30},"sample":{"size":2,"audited":{"a":1}}}"#).0,
        "batches"
    );
    assert_eq!(
        fails(r#"{"method":"macro","risk_limit":5,"ballots":100,"reported":{"a":60,"b":30},"batches":[{"name":"B","ballots":100,"reported":{"a":60,"b":30}}],"sample":{"draws":["C"],"audited":{}}}"#).0,
        "sample.draws[0]"
    );
    assert_eq!(
        fails(r#"{"method":"minerva","risk_limit":5,"ballots":100,"reported":{"a":60,"b":0},"sample":{"size":2,"audited":{"a":1}}}"#).0,
        "reported"
    );
    assert_eq!(fails(&base(r#","batches":[]"#)).0, "batches");
    // the message reads as plain words
    let e = audit_math_json(&base(r#","sample":{"size":10,"audited":{"a":-1}}"#)).unwrap_err();
    assert_eq!(e.to_string(), "sample.audited.a: must not be negative (found -1)");
}

#[test]
fn no_panics_on_odd_input() {
    let inputs = [
        "null",
        "1e999",
        r#"{"method":"bravo","risk_limit":5,"ballots":18446744073709551615,"reported":{"a":18446744073709551615,"b":1}}"#,
        r#"{"method":"bravo","risk_limit":5,"ballots":2,"votes_allowed":18446744073709551615,"reported":{"a":18446744073709551615,"b":18446744073709551615}}"#,
        r#"{"method":"kaplan_markov","risk_limit":99.999,"ballots":3,"reported":{"a":1,"b":1}, "sample":{"size":1}}"#,
        r#"{"method":"kaplan_markov","risk_limit":1e-300,"ballots":3,"reported":{"a":2,"b":1}, "sample":{"size":2}}"#,
        r#"{"method":"minerva","risk_limit":5,"ballots":3,"reported":{"a":1,"b":1}, "sample":{"size":1,"audited":{"a":1}}}"#,
        r#"{"method":"minerva","risk_limit":5,"ballots":100,"reported":{"a":60,"b":30}, "sample":{"size":0,"audited":{}}}"#,
        r#"{"method":"bravo","risk_limit":5,"ballots":100,"reported":{"a":0,"b":0}}"#,
        r#"{"method":"bravo","risk_limit":5,"ballots":100,"reported":{"a":100,"b":0},"sample":{"size":100,"audited":{"a":100}}}"#,
        r#"{"method":"bravo","risk_limit":5,"ballots":100,"reported":{"a":50,"b":0},"sample":{"size":10,"audited":{"b":10}}}"#,
        r#"{"method":"macro","risk_limit":5,"ballots":100,"reported":{"a":50,"b":50},"batches":[{"name":"B","ballots":100,"reported":{"a":50,"b":50}},{"name":"C","ballots":0}],"sample":{"draws":["B"],"audited":{"B":{"a":0,"b":100}}}}"#,
        r#"{"method":"macro","risk_limit":5,"ballots":100,"reported":{"a":60,"b":40},"batches":[{"name":"B","ballots":100},{"name":"C","ballots":0}],"sample":{"draws":["B"],"audited":{"B":{"a":0,"b":100}}}}"#,
        r#"{"method":"bravo","risk_limit":5,"ballots":1,"winners":1,"reported":{"":1,"b":0}}"#,
    ];
    for i in inputs {
        let _ = audit_math_json(i);
    }
}

#[test]
fn recompute_contest_variants() {
    // named winners
    let e = recompute_contest(Method::Bravo, 5.0, 100, 1, &["b"], &[("a", 60), ("b", 30)], None).unwrap_err();
    assert_eq!(e.field, "winners");
    let e = recompute_contest(Method::Bravo, 5.0, 100, 1, &["z"], &[("a", 60), ("b", 30)], None).unwrap_err();
    assert_eq!(e.field, "winners");
    // comparison sample for a polling method
    let e = recompute_contest(
        Method::Bravo,
        5.0,
        100,
        1,
        &["a"],
        &[("a", 60), ("b", 30)],
        Some(&ContestSample::Comparison { size: 5, o1: 0, o2: 0, u1: 0, u2: 0 }),
    )
    .unwrap_err();
    assert_eq!(e.field, "sample");
    // Kaplan–Markov with default gamma, Arlo's Contest E (6 ballots, p = 0.0195)
    let r = recompute_contest(
        Method::KaplanMarkov,
        10.0,
        10_000,
        1,
        &["w"],
        &[("w", 10_000), ("l", 0)],
        Some(&ContestSample::Comparison { size: 6, o1: 0, o2: 0, u1: 0, u2: 0 }),
    )
    .unwrap();
    assert!((r.p_value.unwrap() - 0.0195).abs() < 1e-3);
    assert_eq!(r.risk_limit_met, Some(true));
    assert_eq!(r.diluted_margin, 1.0);
    // macro: margin only
    let r = recompute_contest(Method::Macro, 10.0, 100, 1, &["w"], &[("w", 60), ("l", 40)], None).unwrap();
    assert_eq!(r.p_value, None);
    assert!((r.diluted_margin - 0.2).abs() < 1e-16);
    // two winners by name
    let r = recompute_contest(
        Method::Bravo,
        10.0,
        700,
        1,
        &["c2", "c1"],
        &[("c1", 300), ("c2", 200), ("c3", 100)],
        Some(&ContestSample::Polling { size: 65, audited: &[("c1", 30), ("c2", 25), ("c3", 10)] }),
    )
    .unwrap();
    // Arlo test7: pairs 0.00534 and 0.0434
    assert!((r.p_value.unwrap() - 0.0433954479113136).abs() < 1e-12);
}

#[test]
fn consistency_rule() {
    assert!(consistent_with(0.052, 0.0521578));
    assert!(consistent_with(0.0, 2.0e-9)); // rounded publication of a tiny p
    assert!(consistent_with(0.5, 0.5049)); // within 1% relative
    assert!(!consistent_with(0.5, 0.506)); // 0.006 > 0.001 and > 1% of 0.506
    assert!(consistent_with(0.101, 0.1)); // exactly 0.001
    assert!(!consistent_with(0.1025, 0.1)); // 0.0025: more than both
    assert!(!consistent_with(f64::NAN, 0.1));
    assert!(!consistent_with(0.1, f64::INFINITY));
}

#[test]
fn kaplan_markov_helpers_agree() {
    use rla::kaplan_markov as km;
    let d = km::Discrepancies { o1: 1, o2: 0, u1: 2, u2: 0 };
    let a = km::p_value(20_000, 100_000, 27, d, km::DEFAULT_GAMMA).unwrap();
    let b = km::p_value_for_margin(0.2, 27, d, km::DEFAULT_GAMMA).unwrap();
    assert!((a - b).abs() < 1e-15, "{a} {b}");
    assert_eq!(km::initial_sample_size(10.0, 20_000, 100_000, km::DEFAULT_GAMMA).unwrap(), 27);
    // the no-discrepancy size is the first n with p <= alpha
    let n = km::sample_size_no_discrepancies(0.05, 5.0, km::DEFAULT_GAMMA).unwrap().unwrap();
    let none = km::Discrepancies::default();
    assert!(km::p_value_for_margin(0.05, n, none, km::DEFAULT_GAMMA).unwrap() <= 0.05);
    assert!(km::p_value_for_margin(0.05, n - 1, none, km::DEFAULT_GAMMA).unwrap() > 0.05);
    assert_eq!(km::sample_size_no_discrepancies(0.0, 5.0, 1.03905).unwrap(), None);
    assert!(km::sample_size_no_discrepancies(0.1, 5.0, 1.0).is_err());
}

/// Random, mostly malformed requests: errors are fine, panics are not.
#[test]
fn fuzz_audit_math_json() {
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick(&mut self, xs: &[&str]) -> String {
            xs[(self.next() % xs.len() as u64) as usize].to_string()
        }
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let methods = ["\"bravo\"", "\"kaplan_markov\"", "\"macro\"", "\"minerva\"", "3", "\"x\""];
    let nums = ["0", "1", "2", "5", "10", "-1", "2.5", "1e3", "\"7\"", "null", "99.9", "100", "250"];
    for _ in 0..3000 {
        let mut fields: Vec<String> = Vec::new();
        if !rng.next().is_multiple_of(8) {
            fields.push(format!("\"method\":{}", rng.pick(&methods)));
        }
        if !rng.next().is_multiple_of(8) {
            fields.push(format!("\"risk_limit\":{}", rng.pick(&nums)));
        }
        if !rng.next().is_multiple_of(8) {
            fields.push(format!("\"ballots\":{}", rng.pick(&nums)));
        }
        if rng.next().is_multiple_of(3) {
            fields.push(format!("\"winners\":{}", rng.pick(&nums)));
        }
        if rng.next().is_multiple_of(3) {
            fields.push(format!("\"votes_allowed\":{}", rng.pick(&nums)));
        }
        if rng.next().is_multiple_of(4) {
            fields.push(format!("\"gamma\":{}", rng.pick(&nums)));
        }
        if !rng.next().is_multiple_of(8) {
            fields.push(format!(
                "\"reported\":{{\"a\":{},\"b\":{},\"c\":{}}}",
                rng.pick(&nums),
                rng.pick(&nums),
                rng.pick(&nums)
            ));
        }
        match rng.next() % 4 {
            0 => fields.push(format!(
                "\"sample\":{{\"size\":{},\"audited\":{{\"a\":{},\"b\":{}}}}}",
                rng.pick(&nums),
                rng.pick(&nums),
                rng.pick(&nums)
            )),
            1 => fields.push(format!(
                "\"sample\":{{\"size\":{},\"o1\":{},\"o2\":{},\"u1\":{}}}",
                rng.pick(&nums),
                rng.pick(&nums),
                rng.pick(&nums),
                rng.pick(&nums)
            )),
            2 => {
                fields.push(format!(
                    "\"batches\":[{{\"name\":\"B1\",\"ballots\":{},\"reported\":{{\"a\":{},\"b\":{}}}}},{{\"name\":\"B2\",\"ballots\":{}}}]",
                    rng.pick(&nums),
                    rng.pick(&nums),
                    rng.pick(&nums),
                    rng.pick(&nums)
                ));
                fields.push(format!(
                    "\"sample\":{{\"draws\":[\"B1\",\"B1\"],\"audited\":{{\"B1\":{{\"a\":{},\"b\":{}}}}}}}",
                    rng.pick(&nums),
                    rng.pick(&nums)
                ));
            }
            _ => {}
        }
        let input = format!("{{{}}}", fields.join(","));
        let _ = audit_math_json(&input);
    }
}
