//! The demo's sample audits and official updates.

use super::spending::{valid, withheld};
use crate::domain::audit::{AuditDraft, AuditInput, ContestInput, DocumentDraft};
use crate::domain::digest::sha256_hex;
use crate::domain::update::{UpdateDraft, UpdateInput};

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
            "Alex Rivera=228;Jordan Lee=179",
            "0.031",
            "true",
        ),
        contest(
            "Constitutional Amendment 1",
            "Yes",
            "92415",
            "Yes=55112;No=35904",
            "412",
            "Yes=250;No=157",
            "0.0008",
            "true",
        ),
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
            "0.012",
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
            "Sample data. Twelve precinct batches were chosen at random and counted by hand, then compared with the \
             machine totals for those batches. The differences were a few votes and the outcome was confirmed.",
        ),
        "10",
        "11223358132134558914",
        "2024-08-13",
        "2024-08-15",
    );
    greene.contests = vec![discrepancies(
        contest(
            "Greene County Collector (Republican primary)",
            "Sam Whitaker",
            "41302",
            "Sam Whitaker=22940;Pat Nguyen=18362",
            "12",
            "Sam Whitaker=22938;Pat Nguyen=18363",
            "0.064",
            "true",
        ),
        "2",
        "0",
        "1",
        "0",
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
        audit("st-charles-county-2024-primary-rla", "2024-primary", "st-charles-county", "ballot_polling", "minerva",
            "full_hand_count",
            "Sample data. The margin was very narrow, so the sample never gave strong enough evidence. The audit went \
             on to a full hand count of all 6,204 ballots, which confirmed the same winner by a slightly different margin."),
        "10", "56473829105647382910", "2024-08-12", "2024-08-20",
    );
    st_charles.contests = vec![contest(
        "St. Charles County Council District 3 (Democratic primary)",
        "Robin Ortiz",
        "6204",
        "Robin Ortiz=3118;Drew Kim=3049",
        "6204",
        "Robin Ortiz=3121;Drew Kim=3047",
        "",
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
        valid(boone.to_draft(vec![report(
            "Audit report (sample)",
            "/documents/boone-county-2024-general-rla-report.txt",
            boone_doc,
        )])),
        valid(stl.to_draft(vec![report(
            "Audit report (sample)",
            "/documents/st-louis-county-2024-general-rla-report.txt",
            stl_doc,
        )])),
        valid(greene.to_draft(vec![])),
        valid(jackson.to_draft(vec![])),
        valid(cole.to_draft(vec![])),
        valid(canvass.to_draft(vec![])),
        valid(st_charles.to_draft(vec![])),
        valid(clay.to_draft(vec![])),
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
