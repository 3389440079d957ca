//! The demo's sample audits and official updates. Each risk-limiting audit is
//! published twice, as a real one is: first with its ballot manifest (the
//! commitment), then, after the seed was drawn, with the seed, the sample and
//! the results; its numbers are ones the portal's recomputation agrees with.

use super::spending::{valid, withheld};
use crate::domain::audit::evidence::{BatchDraft, CommittedFile, CommittedKind, ManifestDraft};
use crate::domain::audit::interpretation::InterpretationDraft;
use crate::domain::audit::{AuditDraft, AuditInput, ContestInput, DocumentDraft, Evidence, Sampler};
use crate::domain::digest::sha256_hex;
use crate::domain::update::{UpdateDraft, UpdateInput};
use crate::domain::values::{Line, Slug, VoteCount};
use crate::domain::withholding::Restricted;
use crate::domain::Outcome;

/// An audit's own fields; contests, documents and restricted fields are added by
/// the caller.
fn audit(
    slug: &str,
    election: &str,
    jurisdiction: &str,
    audit_type: &str,
    math: &str,
    outcome: &str,
    summary: &str,
) -> AuditInput {
    AuditInput {
        slug: slug.into(),
        election: election.into(),
        jurisdiction: jurisdiction.into(),
        audit_type: audit_type.into(),
        math: math.into(),
        outcome: outcome.into(),
        summary: summary.into(),
        ..Default::default()
    }
}

fn dates(mut a: AuditInput, risk_limit: &str, seed: &str, started: &str, completed: &str) -> AuditInput {
    (a.risk_limit, a.seed, a.started_on, a.completed_on) =
        (risk_limit.into(), seed.into(), started.into(), completed.into());
    if !seed.is_empty() {
        // The demo stamps the real time when it publishes the seed (after the
        // manifest); this placeholder only makes the draft complete.
        a.seed_drawn_at = format!("{started}T15:00:00Z");
        a.sampler = "consistent".into();
    }
    a
}

/// A manifest of `total` ballots in `batches` batches named `{prefix}-{n}`, with
/// the real storage labels (withheld) when `labels` is set.
fn manifest(prefix: &str, total: i64, batches: i64, labels: bool) -> ManifestDraft {
    let each = total / batches;
    let batches = (0..batches)
        .map(|i| {
            let n = if i == batches - 1 { total - each * (batches - 1) } else { each };
            BatchDraft {
                batch: Line::parse(&format!("{prefix}-{:03}", i + 1)).expect("a batch id"),
                ballots: VoteCount::new(n).expect("a ballot count"),
                label: Restricted::new(if labels {
                    format!("Demo: ballot vault cage {}, shelf {}", i / 10 + 1, i % 10 + 1)
                } else {
                    String::new()
                }),
            }
        })
        .collect();
    ManifestDraft { batches }
}

/// Gives a drafted audit its evidence and the update that announced its seed.
fn evidence(mut a: AuditDraft, manifest: ManifestDraft, sampler: Sampler, notice: &str) -> AuditDraft {
    a.evidence = Evidence { manifest: Some(manifest), ..Evidence::default() };
    a.sampler = Some(sampler);
    a.seed_notice = Some(Slug::parse(notice).expect("a slug"));
    a
}

/// The first version of an audit whose seed is drawn later: its manifest, its
/// sampler and its contests as reported, without the seed, sample or results.
pub fn commitment(a: &AuditDraft) -> Option<AuditDraft> {
    a.seed.as_ref()?;
    let mut c = a.clone();
    (c.seed, c.seed_drawn_at, c.seed_notice) = (None, None, None);
    (c.outcome, c.completed_on) = (Outcome::InProgress, None);
    c.evidence.interpretations.clear();
    c.evidence.rounds.clear();
    c.evidence.batch_tallies.iter_mut().for_each(|t| t.audited = None);
    for contest in &mut c.contests {
        (contest.sample_size, contest.p_value, contest.risk_limit_met) = (None, None, None);
        (contest.o1, contest.o2, contest.u1, contest.u2) = (None, None, None, None);
        contest.tallies.iter_mut().for_each(|t| t.audited_votes = None);
    }
    c.summary = crate::domain::values::Text::parse(
        "Sample data. The ballot manifest is published before the random seed is drawn, so anyone can check that \
         the ballots to audit were not chosen after the fact.",
        crate::domain::values::Text::PROSE,
    )
    .expect("a summary");
    Some(c)
}

/// St. Charles County's two rounds, as an official imports them: round 1's
/// 600 ballots left Minerva's risk at 0.777, above the 10% limit, so round 2
/// drew 600 more from the same seed; the 1,200 left it at 0.68 (Minerva over
/// both rounds' schedule), and the audit went to a full hand count.
const ST_CHARLES_ROUNDS: &str = "contest,round,sample_size,audited_results,o1,o2,u1,u2,p_value,risk_limit_met,\
started_on,completed_on
St. Charles County Council District 3 (Democratic primary),1,600,Robin Ortiz=303;Drew Kim=294,,,,,0.777,false,\
2024-08-12,2024-08-13
St. Charles County Council District 3 (Democratic primary),2,1200,Robin Ortiz=606;Drew Kim=588,,,,,0.68,false,\
2024-08-14,2024-08-15
";

/// Gives an audit its rounds from a rounds file (the last round of each
/// contest is the contest's own numbers already).
fn rounds(mut a: AuditDraft, csv: &str) -> AuditDraft {
    let rounds = crate::domain::audit::round::parse_csv(csv.as_bytes(), &a.contests).expect("the demo's rounds");
    for r in rounds.iter().filter(|r| rounds.iter().all(|x| x.contest != r.contest || x.round <= r.round)) {
        assert!(r.matches(&a.contests[r.contest]), "the demo's last round is its contest's numbers");
    }
    a.evidence.rounds = rounds;
    a
}

fn with_withheld(mut a: AuditInput, details: &str, basis: &str) -> AuditInput {
    (a.security_details, a.withholding_basis, a.withholding_statement, a.internal_notes) = withheld(details, basis);
    a
}

#[allow(clippy::too_many_arguments)]
fn contest(
    name: &str,
    winners: &str,
    ballots: &str,
    reported: &str,
    sample: &str,
    audited: &str,
    p: &str,
    met: &str,
) -> ContestInput {
    ContestInput {
        name: name.into(),
        winners: winners.into(),
        votes_allowed: "1".into(),
        ballots_cast: ballots.into(),
        reported_results: reported.into(),
        sample_size: sample.into(),
        audited_results: audited.into(),
        p_value: p.into(),
        risk_limit_met: met.into(),
        ..Default::default()
    }
}

fn discrepancies(mut c: ContestInput, o1: &str, o2: &str, u1: &str, u2: &str) -> ContestInput {
    (c.o1, c.o2, c.u1, c.u2) = (o1.into(), o2.into(), u1.into(), u2.into());
    c
}

/// The readings of a comparison audit's sample for its first contest: the
/// machine's votes spread like the reported shares, the audit board agreeing
/// except on the ballots that make the contest's published discrepancies (one
/// one-vote overstatement per `o1`, one one-vote understatement per `u1`).
fn readings(mut a: AuditDraft) -> AuditDraft {
    let draws = crate::gate::projection::sample(&a).expect("the demo's sample draws");
    let contest = &a.contests[0];
    let (winner, loser) = (contest.tallies[0].candidate.clone(), contest.tallies[1].candidate.clone());
    let count = |v: Option<VoteCount>| v.map(|n| n.get()).unwrap_or(0) as usize;
    let (mut o1, mut u1) = (count(contest.o1), count(contest.u1));
    let size = count(contest.sample_size);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, unit) in draws.iter().take(size).enumerate() {
        if !seen.insert((unit.batch.clone(), unit.position)) {
            continue;
        }
        let voted = if i % 20 < 11 { winner.clone() } else { loser.clone() };
        let (machine, audited) = if i % 40 == 3 && o1 > 0 {
            o1 -= 1;
            (vec![winner.clone()], vec![])
        } else if i % 40 == 7 && u1 > 0 {
            u1 -= 1;
            (vec![], vec![winner.clone()])
        } else {
            (vec![voted.clone()], vec![voted])
        };
        out.push(InterpretationDraft {
            batch: Line::parse(&unit.batch).expect("a batch id"),
            position: unit.position,
            contest: 0,
            machine,
            audited: Some(audited),
        });
    }
    assert!(o1 == 0 && u1 == 0, "the demo sample is large enough for its discrepancies");
    a.evidence.interpretations = out;
    a
}

/// A batch-comparison audit's batch tallies for its first contest (two
/// candidates, every ballot a vote): the reported votes spread over the
/// manifest's batches so that they add up to the contest's results, committed
/// before the seed; then the hand counts of the batches the seed draws, equal
/// to the machines' except for a one-vote overstatement in the first batch
/// drawn and a one-vote understatement in the second.
fn batch_tallies(mut a: AuditDraft) -> AuditDraft {
    let manifest = a.evidence.manifest.clone().expect("a manifest");
    let contest = &a.contests[0];
    let (winner, loser) = (contest.tallies[0].candidate.clone(), contest.tallies[1].candidate.clone());
    let total = contest.tallies[0].reported_votes.get();
    let ballots: i64 = manifest.batches.iter().map(|b| b.ballots.get()).sum();
    let n = manifest.batches.len() as i64;
    // The winner's share of each batch, varied a little from batch to batch.
    let mut wins: Vec<i64> = manifest
        .batches
        .iter()
        .enumerate()
        .map(|(i, b)| b.ballots.get() * total / ballots + [-9, 4, 11, -6, 0, 7, -3][i % 7])
        .collect();
    let short = total - wins.iter().sum::<i64>();
    wins[(n - 1) as usize] += short;
    let mut rows = Vec::new();
    for (b, w) in manifest.batches.iter().zip(&wins) {
        for (candidate, votes) in [(&winner, *w), (&loser, b.ballots.get() - w)] {
            rows.push(crate::domain::audit::batch_tally::BatchTallyDraft {
                contest: 0,
                batch: b.batch.clone(),
                candidate: candidate.clone(),
                reported: VoteCount::new(votes).expect("a vote count"),
                audited: None,
            });
        }
    }
    let sha = crate::domain::audit::batch_tally::sha256(&rows, &a.contests);
    let bytes = crate::domain::audit::batch_tally::reported_csv(&rows, &a.contests).len() as i64;
    a.evidence.files.push(CommittedFile { kind: CommittedKind::BatchTallies, sha256: sha, bytes });
    a.evidence.batch_tallies = rows;
    let draws = crate::gate::projection::sample(&a).expect("the demo's batches draw");
    let mut drawn: Vec<&str> = Vec::new();
    for u in &draws {
        if !drawn.contains(&u.batch.as_str()) {
            drawn.push(&u.batch);
        }
    }
    let drawn: Vec<String> = drawn.into_iter().map(str::to_string).collect();
    for t in &mut a.evidence.batch_tallies {
        let Some(order) = drawn.iter().position(|b| b == t.batch.as_str()) else { continue };
        let shift = match (order, t.candidate == winner) {
            (0, true) => -1,
            (0, false) => 1,
            (1, true) => 1,
            (1, false) => -1,
            _ => 0,
        };
        t.audited = Some(VoteCount::new(t.reported.get() + shift).expect("a vote count"));
    }
    a
}

fn report(title: &str, url: &str, bytes: &[u8]) -> DocumentDraft {
    valid(DocumentDraft::new(title, url, &sha256_hex(bytes)))
}

pub fn audits() -> Vec<AuditDraft> {
    let boone_doc = include_bytes!("../../../public/documents/boone-county-2024-general-rla-report.txt");
    let stl_doc = include_bytes!("../../../public/documents/st-louis-county-2024-general-rla-report.txt");
    let mut boone = with_withheld(
        dates(
            audit("boone-county-2024-general-rla", "2024-general", "boone-county", "ballot_polling", "bravo", "confirmed",
                "Sample data. Audit teams drew 412 paper ballots at random and read them by hand. The hand count gave \
                 strong evidence that the reported winners won, so the audit confirmed the outcome without a full hand count."),
            "5", "48271965018437261934", "2024-11-18", "2024-11-21",
        ),
        "Demo: tabulator serial numbers and firmware build used in the audit.",
        "RSMo 610.021(21)",
    );
    boone.contests = vec![
        contest(
            "Boone County Presiding Commissioner",
            "Alex Rivera",
            "92415",
            "Alex Rivera=51208;Jordan Lee=39877",
            "412",
            "Alex Rivera=235;Jordan Lee=177",
            "0.0176",
            "true",
        ),
        contest(
            "Constitutional Amendment 1",
            "Yes",
            "92415",
            "Yes=55112;No=35904",
            "412",
            "Yes=250;No=157",
            "0.00002",
            "true",
        ),
        // Counted on the same ballots without being targeted: its risk is
        // measured, not claimed.
        ContestInput {
            targeted: "no".into(),
            ..contest(
                "Boone County Clerk",
                "Sam Nguyen",
                "92415",
                "Sam Nguyen=48102;Pat Ellis=41020",
                "412",
                "Sam Nguyen=221;Pat Ellis=183",
                "",
                "",
            )
        },
    ];
    let mut stl = dates(
        audit("st-louis-county-2024-general-rla", "2024-general", "st-louis-county", "ballot_comparison", "kaplan_markov",
            "confirmed",
            "Sample data. Auditors compared 168 randomly chosen paper ballots with how the scanners recorded each one. \
             They found three small differences, none large enough to change who won, and the audit confirmed the outcome."),
        "5", "90317526483920175566", "2024-11-19", "2024-11-22",
    );
    stl.contests = vec![discrepancies(
        contest(
            "St. Louis County Executive",
            "Morgan Patel",
            "512880",
            "Morgan Patel=281455;Casey Brooks=219301",
            "168",
            "",
            "0.00008",
            "true",
        ),
        "1",
        "0",
        "2",
        "0",
    )];
    let mut greene = dates(
        audit(
            "greene-county-2024-primary-batch",
            "2024-primary",
            "greene-county",
            "batch_comparison",
            "macro",
            "confirmed",
            "Sample data. Twenty-five random draws chose precinct batches, each batch's chance in proportion to how \
             much error it could hide; the 21 batches drawn were counted by hand and compared with the \
             machine totals for those batches. The differences were a few votes and the outcome was confirmed.",
        ),
        "10",
        "11223358132134558914",
        "2024-08-13",
        "2024-08-15",
    );
    greene.contests = vec![contest(
        "Greene County Collector (Republican primary)",
        "Sam Whitaker",
        "41302",
        "Sam Whitaker=22940;Pat Nguyen=18362",
        "25",
        "",
        "0.0726",
        "true",
    )];
    let mut jackson = dates(
        audit("jackson-county-2022-general-tally", "2022-general", "jackson-county", "manual_tally", "none", "confirmed",
            "Sample data. Bipartisan teams hand-counted the ballots of five percent of precincts, chosen at random, and \
             the hand count matched the machine count exactly."),
        "", "", "2022-11-15", "2022-11-17",
    );
    jackson.contests = vec![contest(
        "United States Senator (5% of precincts)",
        "Avery Stone",
        "9870",
        "Avery Stone=5561;Quinn Harper=4102",
        "",
        "Avery Stone=5561;Quinn Harper=4102",
        "",
        "",
    )];
    let cole = with_withheld(
        dates(
            audit(
                "cole-county-2024-general-lat",
                "2024-general",
                "cole-county",
                "logic_and_accuracy",
                "none",
                "confirmed",
                "Sample data. Before the election, a public test ran a known deck of test ballots through every \
                 tabulator. Every machine counted the test deck exactly as expected.",
            ),
            "",
            "",
            "2024-10-08",
            "2024-10-08",
        ),
        "Demo: tabulator and ballot-marking device serial numbers, firmware versions and the test workstation name.",
        "RSMo 610.021(21)",
    );
    let canvass = dates(
        audit(
            "missouri-2024-general-canvass",
            "2024-general",
            "missouri",
            "canvass",
            "none",
            "confirmed",
            "Sample data. Every local election authority reconciled ballots cast with voters who signed in, and the \
             state board of canvassers certified the results.",
        ),
        "",
        "",
        "2024-11-06",
        "2024-12-10",
    );
    let mut st_charles = dates(
        audit(
            "st-charles-county-2024-primary-rla",
            "2024-primary",
            "st-charles-county",
            "ballot_polling",
            "minerva",
            "full_hand_count",
            "Sample data. The margin was very narrow. A first round of 600 ballots did not give strong enough \
             evidence, so a second round drew 600 more from the same seed; 1,200 ballots still did not. The audit \
             went on to a full hand count of all 6,204 ballots, which confirmed the same winner by a slightly \
             different margin.",
        ),
        "10",
        "56473829105647382910",
        "2024-08-12",
        "2024-08-20",
    );
    st_charles.contests = vec![contest(
        "St. Charles County Council District 3 (Democratic primary)",
        "Robin Ortiz",
        "6204",
        "Robin Ortiz=3118;Drew Kim=3049",
        "1200",
        "Robin Ortiz=606;Drew Kim=588",
        "0.68",
        "false",
    )];
    let clay = dates(
        audit(
            "clay-county-2024-general-rla",
            "2024-general",
            "clay-county",
            "ballot_comparison",
            "kaplan_markov",
            "in_progress",
            "Sample data. The audit has started; results will be published when it is complete.",
        ),
        "5",
        "77120398456612093847",
        "2024-11-20",
        "",
    );
    vec![
        evidence(
            valid(boone.to_draft(vec![report(
                "Audit report (sample)",
                "/documents/boone-county-2024-general-rla-report.txt",
                boone_doc,
            )])),
            manifest("BOONE", 92_415, 40, true),
            Sampler::Consistent,
            "boone-rla-public-meeting",
        ),
        readings(evidence(
            valid(stl.to_draft(vec![report(
                "Audit report (sample)",
                "/documents/st-louis-county-2024-general-rla-report.txt",
                stl_doc,
            )])),
            manifest("STL", 512_880, 200, false),
            Sampler::Rivest,
            "st-louis-county-seed-ceremony",
        )),
        batch_tallies(evidence(
            valid(greene.to_draft(vec![])),
            manifest("GREENE-PCT", 41_302, 60, false),
            Sampler::Ppeb,
            "greene-county-seed-ceremony",
        )),
        valid(jackson.to_draft(vec![])),
        valid(cole.to_draft(vec![])),
        valid(canvass.to_draft(vec![])),
        rounds(
            evidence(
                valid(st_charles.to_draft(vec![])),
                manifest("STC", 6_204, 12, false),
                Sampler::Consistent,
                "st-charles-county-seed-ceremony",
            ),
            ST_CHARLES_ROUNDS,
        ),
        evidence(
            valid(clay.to_draft(vec![])),
            manifest("CLAY", 120_000, 48, false),
            Sampler::Rivest,
            "clay-county-seed-ceremony",
        ),
    ]
}

pub fn updates() -> Vec<UpdateDraft> {
    let u = |slug: &str, title: &str, office: &str, date: &str, body: &str| {
        valid(UpdateDraft::try_from(&UpdateInput {
            slug: slug.into(),
            title: title.into(),
            body: body.into(),
            office: office.into(),
            date: date.into(),
            internal_notes: "Demo: drafted by the communications desk.".into(),
        }))
    };
    vec![
        u("2024-general-audits-complete", "Post-election audits for the 2024 General Election", "missouri", "2024-12-12",
            "*Sample data.*\n\nCounty election authorities have finished their post-election audits for the **2024 General Election**. Every completed audit confirmed the reported outcome.\n\n- See each audit's findings on the [audits page](/audits).\n- Learn how audits work on the [about page](/about)."),
        u("st-louis-county-seed-ceremony", "Public seed ceremony for the St. Louis County audit", "st-louis-county", "2024-11-18",
            "*Sample data.*\n\nThe random seed for the ballot-comparison audit will be rolled with twenty ten-sided dice at a **public meeting** on November 19, 2024. The ballot manifest is published first."),
        u("greene-county-seed-ceremony", "Public seed ceremony for the Greene County audit", "greene-county", "2024-08-12",
            "*Sample data.*\n\nThe random seed that chooses the precinct batches to count by hand will be rolled at a **public meeting** on August 13, 2024."),
        u("st-charles-county-seed-ceremony", "Public seed ceremony for the St. Charles County audit", "st-charles-county", "2024-08-09",
            "*Sample data.*\n\nThe random seed for the District 3 audit will be rolled with dice at a **public meeting** on August 12, 2024."),
        u("clay-county-seed-ceremony", "Public seed ceremony for the Clay County audit", "clay-county", "2024-11-19",
            "*Sample data.*\n\nThe random seed for the ballot-comparison audit will be rolled at a **public meeting** on November 20, 2024. The ballot manifest and the cast-vote records' fingerprint are published first."),
        u("boone-rla-public-meeting", "Public dice roll for the Boone County audit", "boone-county", "2024-11-15",
            "*Sample data.*\n\nThe random seed for the risk-limiting audit will be rolled with ten-sided dice at a **public meeting** on November 18, 2024, at 9:00 a.m. Anyone may attend and watch."),
        u("security-grant-spending-report", "How the 2018 election security grant was spent", "missouri", "2023-06-30",
            "*Sample data apart from the grant figures.*\n\nMissouri received **$7,230,625** in 2018 HAVA Election Security funds and added a 5% state match of **$361,531**. The [spending page](/spending) lists every expenditure by category and county."),
        u("logic-and-accuracy-test-cole", "Logic and accuracy test open to the public", "cole-county", "2024-10-01",
            "*Sample data.*\n\nCole County will test every tabulator with a known deck of ballots on **October 8, 2024**. Observers from any party are welcome."),
        u("st-charles-hand-count", "Full hand count confirms District 3 primary result", "st-charles-county", "2024-08-21",
            "*Sample data.*\n\nBecause the margin was very close, the risk-limiting audit continued to a full hand count. The hand count confirmed the reported winner."),
        u("why-some-details-are-withheld", "Why some security details are not published", "missouri", "2024-09-03",
            "*Sample data.*\n\nWe publish every amount, vendor, date and audit outcome. We withhold details such as network configuration, keys and access codes, and camera positions, as Missouri law allows (RSMo 610.021(18), (21) and (22)). Each record says when something was withheld and why."),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers the Greene County sample gives (run with --nocapture to
    /// print them when the demo changes).
    #[test]
    fn greene_countys_claim_is_the_maths() {
        let greene = audits().into_iter().find(|a| a.slug.as_str() == "greene-county-2024-primary-batch").unwrap();
        let draws = crate::gate::projection::sample(&greene).unwrap();
        let distinct: std::collections::HashSet<&str> = draws.iter().map(|u| u.batch.as_str()).collect();
        let check = crate::gate::check::check_macro(&greene, 0, &greene.contests[0], &draws).unwrap();
        println!("draws {} distinct {} check {check:?}", draws.len(), distinct.len());
        assert_eq!(draws.len(), 25);
        assert_eq!(check.consistent, Some(true), "{check:?}");
        assert_eq!(check.risk_limit_met, Some(true));
        assert!(
            greene.summary.as_str().contains(&format!("the {} batches drawn", distinct.len())),
            "{}",
            greene.summary
        );
    }
}

#[cfg(test)]
mod round_tests {
    /// St. Charles County escalated truthfully: round 1 missed the limit, both
    /// rounds' claims are the recomputation's, and the sample's first 600 draws
    /// are round 1.
    #[test]
    fn st_charles_escalates_to_a_second_round_with_consistent_checks() {
        let a = super::audits().into_iter().find(|a| a.slug.as_str() == "st-charles-county-2024-primary-rla").unwrap();
        assert_eq!(a.evidence.rounds.len(), 2);
        let draws = crate::gate::projection::sample(&a).unwrap();
        assert_eq!(draws.len(), 1200);
        let checks = crate::gate::projection::round_checks(&a, 0, &a.contests[0], &draws);
        assert_eq!(checks.len(), 2);
        for (r, k) in &checks {
            let k = k.as_ref().unwrap();
            assert_eq!(k.consistent, Some(true), "round {}: {k:?}", r.round);
            assert_eq!(k.risk_limit_met, Some(false), "round {}", r.round);
        }
        assert!(crate::gate::projection::math_findings(&a).is_empty());
        assert_eq!(
            include_str!("../../../templates/rounds.csv"),
            super::ST_CHARLES_ROUNDS,
            "the template is the demo's"
        );
    }
}
