//! The comparison vectors (Kaplan–Markov / Super-Simple and MACRO, from Arlo) in
//! tests/vectors/ (copied from /work/shared/rla-vectors), each checked to the
//! tolerance its file states.

mod common;

use common::{arlo_contest, close, J};
use rla::kaplan_markov::{self as km, CvrMark, Discrepancies};
use rla::macro_::{AuditedBatch, Batch, BatchTally, Draw, MacroAudit};
use rla::Contest;

// ---------------------------------------------------------------- Super-Simple

struct SsContest {
    name: String,
    contest: Contest,
}

fn ss_contests(v: &J) -> Vec<SsContest> {
    let mut out = Vec::new();
    for (name, c) in v.get("contests_[winner,loser,ballots]").entries() {
        let contest = match c {
            J::Arr(a) => Contest::new(&[("winner", a[0].u()), ("loser", a[1].u())], a[2].u(), 1, 1).unwrap(),
            obj => arlo_contest(obj),
        };
        out.push(SsContest { name: name.clone(), contest });
    }
    out
}

fn margin_votes(c: &Contest) -> i64 {
    c.min_margin_votes().unwrap()
}

fn frac(j: &J) -> f64 {
    match j {
        J::Str(s) => {
            let (a, b) = s.split_once('/').unwrap();
            a.trim().parse::<f64>().unwrap() / b.trim().parse::<f64>().unwrap()
        }
        x => x.f(),
    }
}

#[test]
fn supersimple_diluted_margins_and_sizes() {
    let v = J::load("arlo_supersimple.json");
    let g = v.get("constants").get("gamma").f();
    assert_eq!(g, km::DEFAULT_GAMMA);
    let rl = v.get("constants").get("risk_limit").f();
    let cs = ss_contests(&v);
    for (name, dm) in v.get("diluted_margin").entries() {
        let c = &cs.iter().find(|c| &c.name == name).unwrap().contest;
        assert_eq!(c.diluted_margin(), frac(dm), "{name}");
    }
    let init = v.get("initial_sample_size");
    assert_eq!(init.get("tolerance").s(), "exact");
    for (name, n) in init.get("expected").entries() {
        let c = &cs.iter().find(|c| &c.name == name).unwrap().contest;
        let got = km::arlo_sample_size(rl, margin_votes(c), c.ballots, g, None).unwrap();
        assert_eq!(got, n.u(), "{name}");
    }
    for (section, o1, o2) in
        [("stopping_size_after_1_one_vote_over_at_n0", 1, 0), ("stopping_size_after_1_two_vote_over_at_n0", 0, 1)]
    {
        for (name, n) in v.get(section).entries() {
            if name == "note" {
                continue;
            }
            let c = &cs.iter().find(|c| &c.name == name).unwrap().contest;
            let n0 = init.get("expected").get(name).u();
            let left = km::arlo_sample_size(rl, margin_votes(c), c.ballots, g, Some((n0, o1, o2))).unwrap();
            assert_eq!(left + n0, n.u(), "{section} {name}");
        }
    }
}

#[test]
fn supersimple_p_values() {
    let v = J::load("arlo_supersimple.json");
    let g = v.get("constants").get("gamma").f();
    let rl = v.get("constants").get("risk_limit").f();
    let cs = ss_contests(&v);
    let sec = v.get("p_values_sample_of_n0_ballots");
    assert_eq!(sec.get("tolerance").s(), "abs<0.001");
    let init = v.get("initial_sample_size").get("expected");
    for (kind, o1, o2) in [("no_discrepancies", 0, 0), ("one_vote_over", 1, 0), ("two_vote_over", 0, 1)] {
        for (name, p) in sec.get(kind).entries() {
            let c = &cs.iter().find(|c| &c.name == name).unwrap().contest;
            let n0 = init.get(name).u();
            // notes: Contest F is absent from every CVR and audited record,
            // so its error is 0 in all three cases
            let d = if name == "Contest F" {
                Discrepancies::default()
            } else {
                Discrepancies { o1, o2, ..Default::default() }
            };
            let got = km::p_value(margin_votes(c), c.ballots, n0, d, g).unwrap();
            assert!((got - p.f()).abs() < 0.001, "{kind} {name}: {got} vs {}", p.f());
            // "finished: no_discrepancies all True; one_vote_over True only
            //  for E,F; two_vote_over True only for F"
            let finished = match kind {
                "no_discrepancies" => true,
                "one_vote_over" => name == "Contest E" || name == "Contest F",
                _ => name == "Contest F",
            };
            assert_eq!(km::risk_limit_met(got, n0, c.ballots, rl), finished, "{kind} {name} finished");
        }
    }
    // The vector's note says "exact one_vote_over for A is 0.125433...";
    // Arlo's own Decimal arithmetic (recomputed with Python's decimal
    // module) gives 0.1254349887554985044938504038, which is what we get.
    let a = &cs.iter().find(|c| c.name == "Contest A").unwrap().contest;
    let p = km::p_value(margin_votes(a), a.ballots, 27, Discrepancies { o1: 1, ..Default::default() }, g).unwrap();
    assert_eq!(p, 0.125_434_988_755_498_5, "{p}");
}

#[test]
fn supersimple_jonah_test() {
    let v = J::load("arlo_supersimple.json");
    let g = v.get("constants").get("gamma").f();
    let sec = v.get("jonah_test");
    assert_eq!(sec.get("tolerance").s(), "abs<0.0001");
    let c = sec.get("contest");
    let (w, l, b) = (c.get("winner").u(), c.get("loser").u(), c.get("ballots").u());
    let n = sec.get("sampled").u();
    // effectively 0 discrepancies (see WARNING in the vector)
    let p = km::p_value((w - l) as i64, b, n, Discrepancies::default(), g).unwrap();
    assert!((p - sec.get("expected_p").f()).abs() < 0.0001, "{p}");
    assert_eq!(km::risk_limit_met(p, n, b, 10.0), sec.get("confirmed").b());
    // with 2 real one-vote overstatements: 0.44650
    let p2 = km::p_value((w - l) as i64, b, n, Discrepancies { o1: 2, ..Default::default() }, g).unwrap();
    assert!((p2 - 0.44650).abs() < 0.00001, "{p2}");
    // "full_sample_26_of_26": p=0, confirmed
    assert_eq!(sec.get("full_sample_26_of_26").s(), "p=0, confirmed (full hand tally rule)");
    let pf = km::p_value((w - l) as i64, b, b, Discrepancies::default(), g).unwrap();
    assert_eq!(pf, 0.0);
    assert!(km::risk_limit_met(pf, b, b, 10.0));
}

#[test]
fn supersimple_discrepancy_weighted_error() {
    let v = J::load("arlo_supersimple.json");
    let cs = ss_contests(&v);
    let get = |n: &str| &cs.iter().find(|c| c.name == n).unwrap().contest;
    let sec = v.get("discrepancy_weighted_error");
    let parse = |s: &str| -> (Option<i64>, f64) {
        // "counted_as 1, 1/20000" or "1/200"
        match s.split_once(", ") {
            Some((c, w)) => (Some(c.trim_start_matches("counted_as ").parse().unwrap()), frac(&J::Str(w.to_string()))),
            None => (None, frac(&J::Str(s.to_string()))),
        }
    };
    use CvrMark::Votes;
    for (case, exp) in sec.entries() {
        let (counted, weighted) = parse(exp.s());
        let d = match case.as_str() {
            "ballot reported W, audited blank (Contest A)" => km::ballot_discrepancy(
                get("Contest A"),
                Some(Some(&[("winner", Votes(1)), ("loser", Votes(0))])),
                Some(Some(&[("winner", 0), ("loser", 0)])),
            ),
            "reported W audited L" => km::ballot_discrepancy(
                get("Contest A"),
                Some(Some(&[("winner", Votes(1)), ("loser", Votes(0))])),
                Some(Some(&[("winner", 0), ("loser", 1)])),
            ),
            "reported L audited W" => km::ballot_discrepancy(
                get("Contest A"),
                Some(Some(&[("winner", Votes(0)), ("loser", Votes(1))])),
                Some(Some(&[("winner", 1), ("loser", 0)])),
            ),
            "ballot not found / not in CVR (Contest D)" => {
                let a = km::ballot_discrepancy(get("Contest D"), None, Some(Some(&[("winner", 1)])));
                let b = km::ballot_discrepancy(
                    get("Contest D"),
                    Some(Some(&[("winner", Votes(1)), ("loser", Votes(0))])),
                    None,
                );
                assert_eq!(a, b);
                a
            }
            "contest absent in CVR but audited L (Contest F)" => {
                km::ballot_discrepancy(get("Contest F"), Some(None), Some(Some(&[("winner", 0), ("loser", 1)])))
            }
            "two-winner contest 1-vote" => km::ballot_discrepancy(
                get("Two-winner Contest"),
                Some(Some(&[("winner1", Votes(0)), ("winner2", Votes(1)), ("loser", Votes(0))])),
                Some(Some(&[("winner1", 0), ("winner2", 0), ("loser", 0)])),
            ),
            other => panic!("unhandled case {other}"),
        }
        .unwrap_or_else(|| panic!("{case}: no discrepancy"));
        if let Some(c) = counted {
            assert_eq!(d.counted_as, c, "{case}");
        }
        assert!(close(d.weighted_error, weighted, 1e-15), "{case}: {d:?}");
    }
}

// ---------------------------------------------------------------- MACRO

fn macro_contests(v: &J) -> Vec<(String, Contest)> {
    v.get("contests")
        .entries()
        .iter()
        .map(|(n, a)| {
            let a = a.arr();
            (n.clone(), Contest::new(&[("winner", a[0].u()), ("loser", a[1].u())], a[2].u(), 1, 1).unwrap())
        })
        .collect()
}

/// The 400-batch fixture of Arlo's test_macro.py (the "batches" description
/// in arlo_macro.json), as reported results for one contest.
fn macro_batches(contest: &str) -> Vec<Batch> {
    let mut out = Vec::new();
    let t = |w: f64, l: f64, b: f64| {
        Some(BatchTally { votes: vec![("winner".into(), w), ("loser".into(), l)], ballots: b })
    };
    for i in 0..200 {
        let (big, av) = match contest {
            "Contest A" => (t(200.0, 180.0, 400.0), t(100.0, 90.0, 200.0)),
            "Contest B" if i < 100 => (t(200.0, 160.0, 400.0), t(100.0, 80.0, 200.0)),
            "Contest C" if i < 30 || (100..130).contains(&i) => (t(200.0, 140.0, 400.0), t(100.0, 70.0, 200.0)),
            _ => (None, None),
        };
        out.push(Batch { name: format!("Batch {i}"), tally: big });
        out.push(Batch { name: format!("Batch {i} AV"), tally: av });
    }
    out
}

/// Audited results: the reported big-batch tallies of `batches`, with
/// contest A changed to 190/190 for the "tainted" batches.
fn macro_sample(
    contest: &str,
    clean: &[usize],
    tainted: &[usize],
    tickets: &[(String, usize)],
) -> (Vec<AuditedBatch>, Vec<Draw>) {
    let mut audited = Vec::new();
    let batches = macro_batches(contest);
    for &i in clean.iter().chain(tainted.iter()) {
        let name = format!("Batch {i}");
        let rep = batches.iter().find(|b| b.name == name).unwrap();
        // Arlo's sample dicts: clean batches carry A, B and C; tainted ones A and C
        let in_sample = match contest {
            "Contest B" => !tainted.contains(&i),
            _ => true,
        };
        let votes = if !in_sample {
            None
        } else if contest == "Contest A" && tainted.contains(&i) {
            Some(vec![("winner".to_string(), 190.0), ("loser".to_string(), 190.0)])
        } else {
            // clean: audited = reported (B/C: Arlo's clean dicts use the
            // in-contest values 200/160 and 200/140, equal to reported when
            // the contest is in the batch)
            match &rep.tally {
                Some(t) => Some(t.votes.clone()),
                None => Some(match contest {
                    "Contest B" => vec![("winner".into(), 200.0), ("loser".into(), 160.0)],
                    "Contest C" => vec![("winner".into(), 200.0), ("loser".into(), 140.0)],
                    _ => unreachable!(),
                }),
            }
        };
        audited.push(AuditedBatch { name, votes });
    }
    let draws = tickets.iter().map(|(t, i)| Draw { ticket: t.clone(), batch: format!("Batch {i}") }).collect();
    (audited, draws)
}

#[test]
fn macro_max_error_and_u() {
    let v = J::load("arlo_macro.json");
    let cs = macro_contests(&v);
    let ups = v.get("max_error_u_p");
    assert_eq!(ups.get("tolerance").s(), "abs<0.001");
    for (name, c) in &cs {
        let batches = macro_batches(name);
        let audit = MacroAudit { contest: c, pending_ballots: 0, batches: &batches };
        let letter = &name[name.len() - 1..];
        for b in &batches {
            let got = audit.max_error(&b.name).unwrap();
            let want = if b.tally.is_none() {
                0.0
            } else if b.name.ends_with("AV") {
                ups.get(&format!("{letter} AV")).f()
            } else {
                ups.get(&format!("{letter} big")).f()
            };
            assert!((got - want).abs() < 0.001, "{name} {}: {got} vs {want}", b.name);
        }
        let u = frac(v.get("U").get(letter));
        assert!(close(audit.total_max_error(), u, 1e-14), "{name} U");
    }
}

#[test]
fn macro_sample_sizes() {
    let v = J::load("arlo_macro.json");
    let rl = v.get("risk_limit").f();
    let cs = macro_contests(&v);
    let ss = v.get("sample_sizes");
    assert_eq!(ss.get("tolerance").s(), "exact");
    for (name, c) in &cs {
        let letter = &name[name.len() - 1..];
        let batches = macro_batches(name);
        let audit = MacroAudit { contest: c, pending_ballots: 0, batches: &batches };
        // round 1
        let got = audit.sample_size(rl, &[], &[]).unwrap();
        assert_eq!(got, ss.get("round1").get(letter).u(), "{name} round 1");
        // after 4 discrepancy-free batches (tickets "0".."3")
        let clean: Vec<usize> = (0..4).collect();
        let tickets: Vec<(String, usize)> = clean.iter().map(|&i| (i.to_string(), i)).collect();
        let (a, d) = macro_sample(name, &clean, &[], &tickets);
        let got = audit.sample_size(rl, &a, &d).unwrap();
        assert_eq!(got, ss.get("after_4_clean_batches").get(letter).u(), "{name} after 4");
        // after 5 more (Batch 4..8): A tainted 190/190, B absent, C clean
        let tainted: Vec<usize> = (4..9).collect();
        let tickets: Vec<(String, usize)> = (0..9).map(|i| (i.to_string(), i)).collect();
        let (a, d) = macro_sample(name, &clean, &tainted, &tickets);
        let got = audit.sample_size(rl, &a, &d).unwrap();
        assert_eq!(got, ss.get("after_5_more(A taint e/u with 190/190; C clean)").get(letter).u(), "{name} after 9");
        if letter == "C" {
            // one more clean batch for C: the audit is over
            let mut clean2 = clean.clone();
            clean2.push(9);
            let tickets: Vec<(String, usize)> = (0..10).map(|i| (i.to_string(), i)).collect();
            let (a, d) = macro_sample(name, &clean2, &tainted, &tickets);
            assert_eq!(audit.sample_size(rl, &a, &d).unwrap(), ss.get("C after one more clean").u());
        }
    }
}

#[test]
fn macro_p_values() {
    let v = J::load("arlo_macro.json");
    let rl = v.get("risk_limit").f();
    let cs = macro_contests(&v);
    let pv = v.get("p_values");
    assert_eq!(pv.get("tolerance").s(), "abs<1e-4");
    let eval = |s: &str| -> f64 {
        // "(20/21)^30"
        let (base, exp) = s.split_once('^').unwrap();
        let base = base.trim_start_matches('(').trim_end_matches(')');
        frac(&J::Str(base.to_string())).powi(exp.parse().unwrap())
    };
    for (name, c) in &cs {
        let letter = &name[name.len() - 1..];
        let batches = macro_batches(name);
        let audit = MacroAudit { contest: c, pending_ballots: 0, batches: &batches };
        let clean: Vec<usize> = (0..30).collect();
        let tainted: Vec<usize> = (100..106).collect();
        let mut tickets: Vec<(String, usize)> =
            clean.iter().chain(tainted.iter()).map(|&i| (i.to_string(), i)).collect();
        let (a, d) = macro_sample(name, &clean, &tainted, &tickets);
        let (p, met) = audit.compute_risk(rl, &a, &d).unwrap();
        let want = eval(pv.get("30 clean + 6 batches (A 190/190, C clean)").get(letter).s());
        assert!((p - want).abs() < 1e-4, "{name}: {p} vs {want}");
        assert!(met, "{name}");
        // the same batches drawn again under new tickets 106..108
        for i in 100..103 {
            tickets.push(((i + 6).to_string(), i));
        }
        let (a, d) = macro_sample(name, &clean, &tainted, &tickets);
        let (p, met) = audit.compute_risk(rl, &a, &d).unwrap();
        let want = eval(pv.get("plus 3 repeated tickets").get(letter).s());
        assert!((p - want).abs() < 1e-4, "{name} repeated: {p} vs {want}");
        assert!(met);
    }
}

fn three_cand(w: f64, l: f64, third: f64, ballots: f64) -> Option<BatchTally> {
    Some(BatchTally { votes: vec![("winner".into(), w), ("loser".into(), l), ("third".into(), third)], ballots })
}

#[test]
fn macro_snapshots() {
    let v = J::load("arlo_macro.json");
    let rl = v.get("risk_limit").f();
    let snaps = v.get("snapshots");

    // test_pending_ballots
    let s = snaps.get("test_pending_ballots");
    let cj = s.get("contest");
    let contest = Contest::new(
        &[("winner", cj.get("winner").u()), ("loser", cj.get("loser").u()), ("third", cj.get("third").u())],
        cj.get("ballots").u(),
        1,
        1,
    )
    .unwrap();
    let batches: Vec<Batch> = s
        .get("batches")
        .entries()
        .iter()
        .map(|(n, a)| {
            let a = a.arr();
            Batch { name: n.clone(), tally: three_cand(a[0].f(), a[1].f(), a[2].f(), a[3].f()) }
        })
        .collect();
    let audit = MacroAudit { contest: &contest, pending_ballots: cj.get("pendingBallots").u(), batches: &batches };
    let u_want: f64 = s.get("U").s().parse().unwrap();
    assert!(close(audit.total_max_error(), u_want, 2.5e-16), "U");
    let no_pending = MacroAudit { pending_ballots: 0, ..audit.clone() };
    assert!(audit.total_max_error() > no_pending.total_max_error());
    assert_eq!(audit.sample_size(rl, &[], &[]).unwrap(), 4);
    // first three batches, no discrepancies
    let audited: Vec<AuditedBatch> = batches[..3]
        .iter()
        .map(|b| AuditedBatch { name: b.name.clone(), votes: b.tally.as_ref().map(|t| t.votes.clone()) })
        .collect();
    let draws: Vec<Draw> =
        batches[..3].iter().enumerate().map(|(i, b)| Draw { ticket: i.to_string(), batch: b.name.clone() }).collect();
    let (p, met) = audit.compute_risk(rl, &audited, &draws).unwrap();
    assert_eq!(p, s.get("p_3_clean_batches").f(), "pending p (snapshot)");
    assert!(!met);
    // Batch 3 audited with 2 more votes for the loser
    let mut audited2 = audited.clone();
    audited2[2].votes = Some(vec![("winner".into(), 90.0), ("loser".into(), 2.0), ("third".into(), 10.0)]);
    let (p, _) = audit.compute_risk(rl, &audited2, &draws).unwrap();
    assert_eq!(p, s.get("p_with_B3_loser_plus2").f(), "pending p with discrepancy (snapshot)");

    // test_unauditable_ballots (batches as in Arlo's create_batches(n))
    let s = snaps.get("test_unauditable_ballots");
    let contest = Contest::new(&[("winner", 200), ("loser", 100), ("third", 50)], 350, 1, 1).unwrap();
    let create = |n: f64| -> Vec<Batch> {
        vec![
            Batch { name: "Batch 1".into(), tally: three_cand(60.0, 40.0 - n / 2.0, 0.0, 100.0 - n / 2.0) },
            Batch { name: "Batch 2".into(), tally: three_cand(0.0, 60.0 - n / 2.0, 40.0, 100.0 - n / 2.0) },
            Batch { name: "Batch 3".into(), tally: three_cand(90.0, 0.0, 10.0, 100.0) },
            Batch { name: "Batch 4".into(), tally: three_cand(50.0, 0.0, 0.0, 50.0) },
        ]
    };
    for (n, u_key, p_key) in [(1.0, "U", "p"), (0.0, "U_without_unauditable", "p_without_unauditable")] {
        let batches = create(n);
        let audit = MacroAudit { contest: &contest, pending_ballots: 0, batches: &batches };
        let u_want: f64 = s.get(u_key).s().parse().unwrap();
        assert!(close(audit.total_max_error(), u_want, 2.5e-16), "{u_key}");
        assert_eq!(audit.sample_size(rl, &[], &[]).unwrap(), 4);
        let audited: Vec<AuditedBatch> = batches[..3]
            .iter()
            .map(|b| AuditedBatch { name: b.name.clone(), votes: b.tally.as_ref().map(|t| t.votes.clone()) })
            .collect();
        let draws: Vec<Draw> = (0..3).map(|i| Draw { ticket: i.to_string(), batch: batches[i].name.clone() }).collect();
        let (p, _) = audit.compute_risk(rl, &audited, &draws).unwrap();
        assert_eq!(p, s.get(p_key).f(), "{p_key} (snapshot)");
    }
}

#[test]
fn macro_worst_case() {
    let v = J::load("arlo_macro.json");
    let rl = v.get("risk_limit").f();
    let w = v.get("worst_case");
    let c = w.get("contest").arr();
    let contest = Contest::new(&[("winner", c[0].u()), ("loser", c[1].u())], c[2].u(), 1, 1).unwrap();
    assert_eq!(w.get("batches").s(), "2x {w500,l0,ballots500}");
    let batches: Vec<Batch> = (1..=2)
        .map(|i| Batch {
            name: format!("Batch {i}"),
            tally: Some(BatchTally { votes: vec![("winner".into(), 500.0), ("loser".into(), 0.0)], ballots: 500.0 }),
        })
        .collect();
    let audit = MacroAudit { contest: &contest, pending_ballots: 0, batches: &batches };
    let audited = vec![AuditedBatch {
        name: "Batch 1".into(),
        votes: Some(vec![("winner".into(), 0.0), ("loser".into(), 500.0)]),
    }];
    let draws = vec![Draw { ticket: "1".into(), batch: "Batch 1".into() }];
    let (p, met) = audit.compute_risk(rl, &audited, &draws).unwrap();
    let e = w.get("expected").arr();
    assert_eq!(p, e[0].f());
    assert_eq!(met, e[1].b());
}
