//! The demonstration data, loaded through the publication gate like any record.
//!
//! Real: the 2018 HAVA Election Security grant to Missouri (EAC funding table:
//! federal $7,230,625, 5% state match $361,531, total $7,592,156). Everything else
//! is sample data, and the site says so while `sample_data` is set.

use crate::db::Db;
use crate::drafts::*;
use crate::error::AppResult;
use crate::gate;
use crate::policy::Policy;
use app::model::{AuditMath, AuditType, Category, Outcome};
use crate::store::sha256_hex;

pub const GRANT_SLUG: &str = "hava-2018-election-security";

const JURISDICTIONS: &[(&str, &str, &str, &str)] = &[
    ("missouri", "State of Missouri", "state", "29"),
    ("boone-county", "Boone County", "county", "29019"),
    ("clay-county", "Clay County", "county", "29047"),
    ("cole-county", "Cole County", "county", "29051"),
    ("greene-county", "Greene County", "county", "29077"),
    ("jackson-county", "Jackson County", "county", "29095"),
    ("st-charles-county", "St. Charles County", "county", "29183"),
    ("st-louis-county", "St. Louis County", "county", "29189"),
];

const ELECTIONS: &[(&str, &str, &str)] = &[
    ("2022-general", "2022 General Election", "2022-11-08"),
    ("2024-primary", "2024 Primary Election", "2024-08-06"),
    ("2024-general", "2024 General Election", "2024-11-05"),
];

const STATEMENT: &str = "Disclosing these details would impair the office's ability to protect \
    election systems, staff and voters, and the public interest in nondisclosure outweighs the \
    interest in disclosure. The amounts, vendor and purpose are published in full.";

async fn already_published(db: &Db, table: &str, slug: &str) -> AppResult<bool> {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE slug = $1");
    let n: i64 = sqlx::query_scalar(&sql).bind(slug).fetch_one(&db.pool).await?;
    Ok(n > 0)
}

fn withheld(details: &str, basis: &str) -> NewWithholding {
    NewWithholding {
        security_details: details.into(),
        withholding_basis: basis.into(),
        withholding_statement: STATEMENT.into(),
        internal_notes: "Demo: reviewed with the county IT lead.".into(),
    }
}

fn tally(candidate: &str, reported: i64, audited: Option<i64>) -> NewTally {
    NewTally { candidate: candidate.into(), reported_votes: reported, audited_votes: audited }
}

/// Loads the demo data; records already published are left as they are.
pub async fn load(db: &Db) -> AppResult<String> {
    let policy = Policy::from_env().map_err(|m| crate::error::AppError::validation("PORTAL_POLICY", m))?;
    for (slug, name, kind, fips) in JURISDICTIONS {
        ensure_jurisdiction(db, slug, name, kind, fips).await?;
    }
    for (slug, name, date) in ELECTIONS {
        ensure_election(db, slug, name, date).await?;
    }
    set_site_setting(db, "office", "Missouri Secretary of State, Elections Division (demonstration)").await?;
    set_site_setting(db, "sample_data", "1").await?;

    let mut added = 0;
    let mut kept = 0;

    for g in grants() {
        if already_published(db, "published_grants", &g.slug).await? {
            kept += 1;
            continue;
        }
        let id = create_grant(db, &g).await?;
        gate::publish(db, &policy, gate::Draft::Grant(id)).await?;
        added += 1;
    }
    for e in expenditures() {
        if already_published(db, "published_expenditures", &e.slug).await? {
            kept += 1;
            continue;
        }
        let id = create_expenditure(db, &e).await?;
        gate::publish(db, &policy, gate::Draft::Expenditure(id)).await?;
        added += 1;
    }
    for a in audits() {
        if already_published(db, "published_audits", &a.slug).await? {
            kept += 1;
            continue;
        }
        let id = create_audit(db, &a).await?;
        gate::publish(db, &policy, gate::Draft::Audit(id)).await?;
        added += 1;
    }
    for u in updates() {
        if already_published(db, "published_updates", &u.slug).await? {
            kept += 1;
            continue;
        }
        let id = create_update(db, &u).await?;
        gate::publish(db, &policy, gate::Draft::Update(id)).await?;
        added += 1;
    }
    Ok(format!("Demo data: {added} records published, {kept} already present."))
}

pub fn grants() -> Vec<NewGrant> {
    vec![NewGrant {
        slug: GRANT_SLUG.into(),
        program: "2018 HAVA Election Security Grant".into(),
        funder: "U.S. Election Assistance Commission".into(),
        recipient_slug: "missouri".into(),
        federal_cents: 723_062_500,
        match_cents: 36_153_100,
        award_date: "2018-06-01".into(),
        period_start: Some("2018-03-23".into()),
        period_end: Some("2024-12-31".into()),
        source: "EAC 2018 HAVA Election Security Grants funding table (federal amount and 5% state \
                 match); award date and period are sample data."
            .into(),
    }]
}

#[allow(clippy::too_many_arguments)]
fn expenditure(
    n: u32,
    recipient: &str,
    category: Category,
    date: &str,
    vendor: &str,
    description: &str,
    federal_dollars: i64,
    restricted: NewWithholding,
) -> NewExpenditure {
    NewExpenditure {
        slug: format!("exp-{n:03}"),
        grant_slug: GRANT_SLUG.into(),
        recipient_slug: recipient.into(),
        category,
        federal_cents: federal_dollars * 100,
        // The 5% state match on each federal dollar, rounded to the cent.
        match_cents: federal_dollars * 5,
        spent_on: date.into(),
        vendor: vendor.into(),
        description: description.into(),
        restricted,
    }
}

pub fn expenditures() -> Vec<NewExpenditure> {
    use Category::*;
    let none = NewWithholding::default;
    vec![
        expenditure(1, "missouri", CyberSecurity, "2019-02-14", "Sample Network Monitoring Service",
            "Intrusion detection monitoring for the statewide voter registration system", 410_000,
            withheld("Demo: monitoring sensor sits between the core switch and the registration database cluster.", "RSMo 610.021(21)")),
        expenditure(2, "missouri", VoterRegistrationSystems, "2019-05-20", "Sample Systems Integrator LLC",
            "Upgrade of the statewide voter registration system", 980_000,
            withheld("Demo: database and application tier versions and failover design.", "RSMo 610.021(21)")),
        expenditure(3, "missouri", CyberSecurity, "2019-08-01", "Sample Security Assessments Inc.",
            "Independent cybersecurity risk assessments for county election authorities", 350_000, none()),
        expenditure(4, "boone-county", VotingEquipment, "2019-10-15", "Sample Voting Systems Co.",
            "Replacement ballot tabulators that count voter-marked paper ballots", 420_000, none()),
        expenditure(5, "greene-county", Accessibility, "2020-01-22", "Sample Voting Systems Co.",
            "Accessible ballot-marking devices for every polling place", 310_000, none()),
        expenditure(6, "jackson-county", VotingEquipment, "2020-02-10", "Sample Voting Systems Co.",
            "Precinct tabulators and central-count scanners", 515_000, none()),
        expenditure(7, "st-louis-county", PhysicalSecurity, "2020-03-05", "Sample Facility Services",
            "Access control and video surveillance for the ballot storage warehouse", 185_000,
            withheld("Demo: camera positions and door controller layout at the warehouse.", "RSMo 610.021(18)")),
        expenditure(8, "cole-county", CyberSecurity, "2020-06-18", "Sample Managed Security LLC",
            "Endpoint protection and multi-factor sign-in for election office computers", 62_000,
            withheld("Demo: endpoint agent policy settings and sign-in enrolment method.", "RSMo 610.021(21)")),
        expenditure(9, "missouri", ElectionAuditing, "2020-09-01", "Sample Audit Software Cooperative",
            "Risk-limiting audit software and training for county election authorities", 140_000, none()),
        expenditure(10, "missouri", VoterEducation, "2020-09-15", "Sample Communications Agency",
            "Statewide voter education campaign on mail ballot deadlines", 210_000, none()),
        expenditure(11, "st-charles-county", VotingProcesses, "2020-10-01", "Sample Poll Book Company",
            "Electronic poll books for early voting sites", 240_000, none()),
        expenditure(12, "clay-county", CyberSecurity, "2021-01-12", "Sample Network Services",
            "Separating the election office network from other county systems", 48_000,
            withheld("Demo: network segment plan and firewall rule design.", "RSMo 610.021(21)")),
        expenditure(13, "missouri", Communications, "2021-03-03", "Sample Communications Agency",
            "Election security briefings and materials for local officials", 95_000, none()),
        expenditure(14, "boone-county", ElectionAuditing, "2021-04-20", "Sample Audit Software Cooperative",
            "Pilot risk-limiting audit support", 38_000, none()),
        expenditure(15, "greene-county", PhysicalSecurity, "2021-06-08", "Sample Locksmith and Security",
            "Secure ballot transfer containers and tamper-evident seals", 27_500,
            withheld("Demo: key control procedure for the transfer containers.", "RSMo 610.021(22)")),
        expenditure(16, "jackson-county", CyberSecurity, "2021-08-16", "Sample Security Assessments Inc.",
            "Phishing-awareness training for election staff", 33_000, none()),
        expenditure(17, "st-louis-county", VoterRegistrationSystems, "2021-11-02", "Sample Systems Integrator LLC",
            "Voter registration list maintenance interface", 120_000, none()),
        expenditure(18, "missouri", CyberSecurity, "2022-02-14", "Sample Managed Security LLC",
            "Security operations monitoring for county election networks", 620_000,
            withheld("Demo: log sources, alert thresholds and escalation contacts.", "RSMo 610.021(21)")),
        expenditure(19, "cole-county", VotingEquipment, "2022-04-11", "Sample Voting Systems Co.",
            "Ballot-on-demand printers for early voting", 54_000, none()),
        expenditure(20, "st-charles-county", Accessibility, "2022-07-19", "Sample Access Technologies",
            "Audio ballot headsets and tactile keypads", 21_000, none()),
        expenditure(21, "clay-county", VoterEducation, "2022-09-06", "Sample Printing Co.",
            "Mailer explaining post-election audits to voters", 12_500, none()),
        expenditure(22, "missouri", ElectionAuditing, "2022-12-05", "Sample Audit Software Cooperative",
            "Statewide post-election audit coordination", 98_000, none()),
        expenditure(23, "greene-county", Other, "2023-03-14", "Sample Logistics Inc.",
            "Shelving and records boxes for retained election records", 16_000, none()),
        expenditure(24, "jackson-county", Communications, "2023-05-30", "Sample Communications Agency",
            "Accessibility improvements to the election results web page", 22_000, none()),
    ]
}

pub fn audits() -> Vec<NewAudit> {
    let boone_doc = include_bytes!("../../public/documents/boone-county-2024-general-rla-report.txt");
    let stl_doc = include_bytes!("../../public/documents/st-louis-county-2024-general-rla-report.txt");
    let base = |slug: &str, election: &str, jurisdiction: &str, audit_type, math, outcome, summary: &str| NewAudit {
        slug: slug.into(),
        election_slug: election.into(),
        jurisdiction_slug: jurisdiction.into(),
        audit_type,
        math,
        risk_limit_pct: None,
        seed: None,
        started_on: None,
        completed_on: None,
        outcome,
        summary: summary.into(),
        contests: vec![],
        documents: vec![],
        restricted: NewWithholding::default(),
    };
    vec![
        NewAudit {
            risk_limit_pct: Some(5.0),
            seed: Some("48271965018437261934".into()),
            started_on: Some("2024-11-18".into()),
            completed_on: Some("2024-11-21".into()),
            contests: vec![
                NewContest {
                    name: "Boone County Presiding Commissioner".into(),
                    winners: vec!["Alex Rivera".into()],
                    votes_allowed: 1,
                    ballots_cast: 92_415,
                    tallies: vec![tally("Alex Rivera", 51_208, Some(228)), tally("Jordan Lee", 39_877, Some(179))],
                    sample_size: Some(412),
                    p_value: Some(0.031),
                    risk_limit_met: Some(true),
                    ..Default::default()
                },
                NewContest {
                    name: "Constitutional Amendment 1".into(),
                    winners: vec!["Yes".into()],
                    votes_allowed: 1,
                    ballots_cast: 92_415,
                    tallies: vec![tally("Yes", 55_112, Some(250)), tally("No", 35_904, Some(157))],
                    sample_size: Some(412),
                    p_value: Some(0.0008),
                    risk_limit_met: Some(true),
                    ..Default::default()
                },
            ],
            documents: vec![NewDocument {
                title: "Audit report (sample)".into(),
                url: "/documents/boone-county-2024-general-rla-report.txt".into(),
                sha256: sha256_hex(boone_doc),
            }],
            restricted: withheld(
                "Demo: tabulator serial numbers and firmware build used in the audit.",
                "RSMo 610.021(21)",
            ),
            ..base("boone-county-2024-general-rla", "2024-general", "boone-county", AuditType::BallotPolling, AuditMath::Bravo, Outcome::Confirmed,
                "Sample data. Audit teams drew 412 paper ballots at random and read them by hand. The hand count gave strong evidence that the reported winners won, so the audit confirmed the outcome without a full hand count.")
        },
        NewAudit {
            risk_limit_pct: Some(5.0),
            seed: Some("90317526483920175566".into()),
            started_on: Some("2024-11-19".into()),
            completed_on: Some("2024-11-22".into()),
            contests: vec![NewContest {
                name: "St. Louis County Executive".into(),
                winners: vec!["Morgan Patel".into()],
                votes_allowed: 1,
                ballots_cast: 512_880,
                tallies: vec![tally("Morgan Patel", 281_455, None), tally("Casey Brooks", 219_301, None)],
                sample_size: Some(168),
                o1: Some(1),
                o2: Some(0),
                u1: Some(2),
                u2: Some(0),
                p_value: Some(0.012),
                risk_limit_met: Some(true),
            }],
            documents: vec![NewDocument {
                title: "Audit report (sample)".into(),
                url: "/documents/st-louis-county-2024-general-rla-report.txt".into(),
                sha256: sha256_hex(stl_doc),
            }],
            ..base("st-louis-county-2024-general-rla", "2024-general", "st-louis-county", AuditType::BallotComparison, AuditMath::KaplanMarkov, Outcome::Confirmed,
                "Sample data. Auditors compared 168 randomly chosen paper ballots with how the scanners recorded each one. They found three small differences, none large enough to change who won, and the audit confirmed the outcome.")
        },
        NewAudit {
            risk_limit_pct: Some(10.0),
            seed: Some("11223358132134558914".into()),
            started_on: Some("2024-08-13".into()),
            completed_on: Some("2024-08-15".into()),
            contests: vec![NewContest {
                name: "Greene County Collector (Republican primary)".into(),
                winners: vec!["Sam Whitaker".into()],
                votes_allowed: 1,
                ballots_cast: 41_302,
                tallies: vec![tally("Sam Whitaker", 22_940, Some(22_938)), tally("Pat Nguyen", 18_362, Some(18_363))],
                sample_size: Some(12),
                o1: Some(2),
                o2: Some(0),
                u1: Some(1),
                u2: Some(0),
                p_value: Some(0.064),
                risk_limit_met: Some(true),
            }],
            ..base("greene-county-2024-primary-batch", "2024-primary", "greene-county", AuditType::BatchComparison, AuditMath::Macro, Outcome::Confirmed,
                "Sample data. Twelve precinct batches were chosen at random and counted by hand, then compared with the machine totals for those batches. The differences were a few votes and the outcome was confirmed.")
        },
        NewAudit {
            started_on: Some("2022-11-15".into()),
            completed_on: Some("2022-11-17".into()),
            contests: vec![NewContest {
                name: "United States Senator (5% of precincts)".into(),
                winners: vec!["Avery Stone".into()],
                votes_allowed: 1,
                ballots_cast: 9_870,
                tallies: vec![tally("Avery Stone", 5_561, Some(5_561)), tally("Quinn Harper", 4_102, Some(4_102))],
                ..Default::default()
            }],
            ..base("jackson-county-2022-general-tally", "2022-general", "jackson-county", AuditType::ManualTally, AuditMath::None, Outcome::Confirmed,
                "Sample data. Bipartisan teams hand-counted the ballots of five percent of precincts, chosen at random, and the hand count matched the machine count exactly.")
        },
        NewAudit {
            started_on: Some("2024-10-08".into()),
            completed_on: Some("2024-10-08".into()),
            restricted: withheld(
                "Demo: tabulator and ballot-marking device serial numbers, firmware versions and the test workstation name.",
                "RSMo 610.021(21)",
            ),
            ..base("cole-county-2024-general-lat", "2024-general", "cole-county", AuditType::LogicAndAccuracy, AuditMath::None, Outcome::Confirmed,
                "Sample data. Before the election, a public test ran a known deck of test ballots through every tabulator. Every machine counted the test deck exactly as expected.")
        },
        NewAudit {
            started_on: Some("2024-11-06".into()),
            completed_on: Some("2024-12-10".into()),
            ..base("missouri-2024-general-canvass", "2024-general", "missouri", AuditType::Canvass, AuditMath::None, Outcome::Confirmed,
                "Sample data. Every local election authority reconciled ballots cast with voters who signed in, and the state board of canvassers certified the results.")
        },
        NewAudit {
            risk_limit_pct: Some(10.0),
            seed: Some("56473829105647382910".into()),
            started_on: Some("2024-08-12".into()),
            completed_on: Some("2024-08-20".into()),
            contests: vec![NewContest {
                name: "St. Charles County Council District 3 (Democratic primary)".into(),
                winners: vec!["Robin Ortiz".into()],
                votes_allowed: 1,
                ballots_cast: 6_204,
                tallies: vec![tally("Robin Ortiz", 3_118, Some(3_121)), tally("Drew Kim", 3_049, Some(3_047))],
                sample_size: Some(6_204),
                risk_limit_met: Some(false),
                ..Default::default()
            }],
            ..base("st-charles-county-2024-primary-rla", "2024-primary", "st-charles-county", AuditType::BallotPolling, AuditMath::Minerva, Outcome::FullHandCount,
                "Sample data. The margin was very narrow, so the sample never gave strong enough evidence. The audit went on to a full hand count of all 6,204 ballots, which confirmed the same winner by a slightly different margin.")
        },
        NewAudit {
            risk_limit_pct: Some(5.0),
            seed: Some("77120398456612093847".into()),
            started_on: Some("2024-11-20".into()),
            ..base("clay-county-2024-general-rla", "2024-general", "clay-county", AuditType::BallotComparison, AuditMath::KaplanMarkov, Outcome::InProgress,
                "Sample data. The audit has started; results will be published when it is complete.")
        },
    ]
}

pub fn updates() -> Vec<NewUpdate> {
    let u = |slug: &str, title: &str, office: &str, date: &str, body: &str| NewUpdate {
        slug: slug.into(),
        title: title.into(),
        body_markdown: body.into(),
        office_slug: office.into(),
        update_date: date.into(),
        internal_notes: "Demo: drafted by the communications desk.".into(),
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
