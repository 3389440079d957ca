//! The demonstration data, published through the same workflow as any record: a
//! demo author drafts and submits, a demo reviewer approves. Neither demo account
//! can sign in (their password hash matches no password).
//!
//! Real: the 2018 HAVA Election Security grant to Missouri (EAC funding table:
//! federal $7,230,625, 5% state match $361,531, total $7,592,156). Everything else
//! is sample data, and the site says so while `sample_data` is set.

use crate::db::{accounts, reference, versions, OfficialsDb};
use crate::domain::account::{Account, Role};
use crate::domain::audit::{AuditDraft, AuditInput, ContestInput, DocumentDraft};
use crate::domain::digest::sha256_hex;
use crate::domain::draft::AnyDraft;
use crate::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use crate::domain::grant::{GrantDraft, GrantInput};
use crate::domain::update::{UpdateDraft, UpdateInput};
use crate::domain::values::Timestamp;
use crate::domain::JurisdictionKind;
use crate::error::{AppError, AppResult};
use crate::gate::policy::Policy;
use crate::officials::workflow;

pub const GRANT_SLUG: &str = "hava-2018-election-security";

/// The demo officials: one drafts and submits, the other approves.
pub const DEMO_AUTHOR: &str = "demo-author@portal.invalid";
pub const DEMO_REVIEWER: &str = "demo-reviewer@portal.invalid";

const JURISDICTIONS: &[(&str, &str, JurisdictionKind, &str)] = &[
    ("missouri", "State of Missouri", JurisdictionKind::State, "29"),
    ("boone-county", "Boone County", JurisdictionKind::County, "29019"),
    ("clay-county", "Clay County", JurisdictionKind::County, "29047"),
    ("cole-county", "Cole County", JurisdictionKind::County, "29051"),
    ("greene-county", "Greene County", JurisdictionKind::County, "29077"),
    ("jackson-county", "Jackson County", JurisdictionKind::County, "29095"),
    ("st-charles-county", "St. Charles County", JurisdictionKind::County, "29183"),
    ("st-louis-county", "St. Louis County", JurisdictionKind::County, "29189"),
];

const ELECTIONS: &[(&str, &str, &str)] = &[
    ("2022-general", "2022 General Election", "2022-11-08"),
    ("2024-primary", "2024 Primary Election", "2024-08-06"),
    ("2024-general", "2024 General Election", "2024-11-05"),
];

const STATEMENT: &str = "Disclosing these details would impair the office's ability to protect \
    election systems, staff and voters, and the public interest in nondisclosure outweighs the \
    interest in disclosure. The amounts, vendor and purpose are published in full.";

/// Loads the reference data every portal needs (jurisdictions, elections, the
/// office's name) and the demo officials.
pub async fn load_reference(db: &OfficialsDb) -> AppResult<()> {
    let mut tx = db.begin().await?;
    for (slug, name, kind, fips) in JURISDICTIONS {
        reference::ensure_jurisdiction(&mut tx, slug, name, *kind, fips).await?;
    }
    for (slug, name, date) in ELECTIONS {
        reference::ensure_election(&mut tx, slug, name, date).await?;
    }
    reference::set_site_setting(&mut tx, "office", "Missouri Secretary of State, Elections Division (demonstration)")
        .await?;
    reference::set_site_setting(&mut tx, "sample_data", "1").await?;
    let now = Timestamp::now().to_string();
    for (email, role) in [(DEMO_AUTHOR, Role::Author), (DEMO_REVIEWER, Role::Reviewer)] {
        if !accounts::email_taken(&mut tx, email).await? {
            // "!" is no argon2 hash: no password signs these accounts in.
            accounts::insert(&mut tx, email, "!", role, "missouri", &now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn demo_official(db: &OfficialsDb, email: &str) -> AppResult<Account> {
    accounts::by_email(db, email)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("the demo official {email} is missing")))
}

/// Drafts, submits and approves one record as the demo officials.
pub async fn publish(
    db: &OfficialsDb,
    policy: &Policy,
    author: &Account,
    reviewer: &Account,
    draft: &AnyDraft,
) -> AppResult<()> {
    let id = workflow::create_draft(db, author, draft, "demo").await?;
    let (submission, _) = workflow::submit(db, policy, author, draft.kind(), id, None, "demo").await?;
    workflow::approve(db, policy, reviewer, submission, None, "demo").await?;
    Ok(())
}

/// Loads the demo data; records already published are left as they are.
pub async fn load(db: &OfficialsDb) -> AppResult<String> {
    let policy = Policy::from_env().map_err(|m| AppError::validation("PORTAL_POLICY", m))?;
    load_reference(db).await?;
    let author = demo_official(db, DEMO_AUTHOR).await?;
    let reviewer = demo_official(db, DEMO_REVIEWER).await?;
    let records: Vec<AnyDraft> = grants()
        .into_iter()
        .map(AnyDraft::Grant)
        .chain(expenditures().into_iter().map(AnyDraft::Expenditure))
        .chain(audits().into_iter().map(AnyDraft::Audit))
        .chain(updates().into_iter().map(AnyDraft::Update))
        .collect();
    let (mut added, mut kept) = (0, 0);
    for draft in &records {
        let published = versions::last_version(&mut *db.conn().await?, draft.kind(), draft.slug().as_str()).await? > 0;
        if published {
            kept += 1;
        } else {
            publish(db, &policy, &author, &reviewer, draft).await?;
            added += 1;
        }
    }
    Ok(format!("Demo data: {added} records published, {kept} already present."))
}

fn valid<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("the demo data is valid: {e:?}"))
}

pub fn grants() -> Vec<GrantDraft> {
    vec![valid(GrantDraft::try_from(&GrantInput {
        slug: GRANT_SLUG.into(),
        program: "2018 HAVA Election Security Grant".into(),
        funder: "U.S. Election Assistance Commission".into(),
        recipient: "missouri".into(),
        federal_amount: "7230625".into(),
        match_amount: "361531".into(),
        award_date: "2018-06-01".into(),
        period_start: "2018-03-23".into(),
        period_end: "2024-12-31".into(),
        source: "EAC 2018 HAVA Election Security Grants funding table (federal amount and 5% state match); award \
                 date and period are sample data."
            .into(),
    }))]
}

/// A withheld detail with the demo's basis and statement.
fn withheld(details: &str, basis: &str) -> (String, String, String, String) {
    (details.into(), basis.into(), STATEMENT.into(), "Demo: reviewed with the county IT lead.".into())
}

fn open() -> (String, String, String, String) {
    Default::default()
}

#[allow(clippy::too_many_arguments)]
fn expenditure(
    n: u32,
    recipient: &str,
    category: &str,
    date: &str,
    vendor: &str,
    description: &str,
    federal_dollars: i64,
    restricted: (String, String, String, String),
) -> ExpenditureDraft {
    // The 5% state match on each federal dollar, rounded to the cent.
    let match_cents = federal_dollars * 5;
    let (security_details, withholding_basis, withholding_statement, internal_notes) = restricted;
    valid(ExpenditureDraft::try_from(&ExpenditureInput {
        slug: format!("exp-{n:03}"),
        grant: GRANT_SLUG.into(),
        recipient: recipient.into(),
        category: category.into(),
        federal_amount: federal_dollars.to_string(),
        match_amount: format!("{}.{:02}", match_cents / 100, match_cents % 100),
        date: date.into(),
        vendor: vendor.into(),
        description: description.into(),
        security_details,
        withholding_basis,
        withholding_statement,
        internal_notes,
    }))
}

pub fn expenditures() -> Vec<ExpenditureDraft> {
    vec![
        expenditure(
            1,
            "missouri",
            "cyber_security",
            "2019-02-14",
            "Sample Network Monitoring Service",
            "Intrusion detection monitoring for the statewide voter registration system",
            410_000,
            withheld(
                "Demo: monitoring sensor sits between the core switch and the registration database cluster.",
                "RSMo 610.021(21)",
            ),
        ),
        expenditure(
            2,
            "missouri",
            "voter_registration_systems",
            "2019-05-20",
            "Sample Systems Integrator LLC",
            "Upgrade of the statewide voter registration system",
            980_000,
            withheld("Demo: database and application tier versions and failover design.", "RSMo 610.021(21)"),
        ),
        expenditure(
            3,
            "missouri",
            "cyber_security",
            "2019-08-01",
            "Sample Security Assessments Inc.",
            "Independent cybersecurity risk assessments for county election authorities",
            350_000,
            open(),
        ),
        expenditure(
            4,
            "boone-county",
            "voting_equipment",
            "2019-10-15",
            "Sample Voting Systems Co.",
            "Replacement ballot tabulators that count voter-marked paper ballots",
            420_000,
            open(),
        ),
        expenditure(
            5,
            "greene-county",
            "accessibility",
            "2020-01-22",
            "Sample Voting Systems Co.",
            "Accessible ballot-marking devices for every polling place",
            310_000,
            open(),
        ),
        expenditure(
            6,
            "jackson-county",
            "voting_equipment",
            "2020-02-10",
            "Sample Voting Systems Co.",
            "Precinct tabulators and central-count scanners",
            515_000,
            open(),
        ),
        expenditure(
            7,
            "st-louis-county",
            "physical_security",
            "2020-03-05",
            "Sample Facility Services",
            "Access control and video surveillance for the ballot storage warehouse",
            185_000,
            withheld("Demo: camera positions and door controller layout at the warehouse.", "RSMo 610.021(18)"),
        ),
        expenditure(
            8,
            "cole-county",
            "cyber_security",
            "2020-06-18",
            "Sample Managed Security LLC",
            "Endpoint protection and multi-factor sign-in for election office computers",
            62_000,
            withheld("Demo: endpoint agent policy settings and sign-in enrolment method.", "RSMo 610.021(21)"),
        ),
        expenditure(
            9,
            "missouri",
            "election_auditing",
            "2020-09-01",
            "Sample Audit Software Cooperative",
            "Risk-limiting audit software and training for county election authorities",
            140_000,
            open(),
        ),
        expenditure(
            10,
            "missouri",
            "voter_education",
            "2020-09-15",
            "Sample Communications Agency",
            "Statewide voter education campaign on mail ballot deadlines",
            210_000,
            open(),
        ),
        expenditure(
            11,
            "st-charles-county",
            "voting_processes",
            "2020-10-01",
            "Sample Poll Book Company",
            "Electronic poll books for early voting sites",
            240_000,
            open(),
        ),
        expenditure(
            12,
            "clay-county",
            "cyber_security",
            "2021-01-12",
            "Sample Network Services",
            "Separating the election office network from other county systems",
            48_000,
            withheld("Demo: network segment plan and firewall rule design.", "RSMo 610.021(21)"),
        ),
        expenditure(
            13,
            "missouri",
            "communications",
            "2021-03-03",
            "Sample Communications Agency",
            "Election security briefings and materials for local officials",
            95_000,
            open(),
        ),
        expenditure(
            14,
            "boone-county",
            "election_auditing",
            "2021-04-20",
            "Sample Audit Software Cooperative",
            "Pilot risk-limiting audit support",
            38_000,
            open(),
        ),
        expenditure(
            15,
            "greene-county",
            "physical_security",
            "2021-06-08",
            "Sample Locksmith and Security",
            "Secure ballot transfer containers and tamper-evident seals",
            27_500,
            withheld("Demo: key control procedure for the transfer containers.", "RSMo 610.021(22)"),
        ),
        expenditure(
            16,
            "jackson-county",
            "cyber_security",
            "2021-08-16",
            "Sample Security Assessments Inc.",
            "Phishing-awareness training for election staff",
            33_000,
            open(),
        ),
        expenditure(
            17,
            "st-louis-county",
            "voter_registration_systems",
            "2021-11-02",
            "Sample Systems Integrator LLC",
            "Voter registration list maintenance interface",
            120_000,
            open(),
        ),
        expenditure(
            18,
            "missouri",
            "cyber_security",
            "2022-02-14",
            "Sample Managed Security LLC",
            "Security operations monitoring for county election networks",
            620_000,
            withheld("Demo: log sources, alert thresholds and escalation contacts.", "RSMo 610.021(21)"),
        ),
        expenditure(
            19,
            "cole-county",
            "voting_equipment",
            "2022-04-11",
            "Sample Voting Systems Co.",
            "Ballot-on-demand printers for early voting",
            54_000,
            open(),
        ),
        expenditure(
            20,
            "st-charles-county",
            "accessibility",
            "2022-07-19",
            "Sample Access Technologies",
            "Audio ballot headsets and tactile keypads",
            21_000,
            open(),
        ),
        expenditure(
            21,
            "clay-county",
            "voter_education",
            "2022-09-06",
            "Sample Printing Co.",
            "Mailer explaining post-election audits to voters",
            12_500,
            open(),
        ),
        expenditure(
            22,
            "missouri",
            "election_auditing",
            "2022-12-05",
            "Sample Audit Software Cooperative",
            "Statewide post-election audit coordination",
            98_000,
            open(),
        ),
        expenditure(
            23,
            "greene-county",
            "other",
            "2023-03-14",
            "Sample Logistics Inc.",
            "Shelving and records boxes for retained election records",
            16_000,
            open(),
        ),
        expenditure(
            24,
            "jackson-county",
            "communications",
            "2023-05-30",
            "Sample Communications Agency",
            "Accessibility improvements to the election results web page",
            22_000,
            open(),
        ),
    ]
}

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
    let boone_doc = include_bytes!("../../public/documents/boone-county-2024-general-rla-report.txt");
    let stl_doc = include_bytes!("../../public/documents/st-louis-county-2024-general-rla-report.txt");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_data_is_valid_and_says_it_is_sample_data() {
        assert_eq!(expenditures().len(), 24);
        assert_eq!(audits().len(), 8);
        assert!(audits().iter().all(|a| a.summary.as_str().starts_with("Sample data.")));
        assert!(updates().iter().all(|u| u.body.as_str().contains("Sample data")));
        assert_eq!(grants()[0].federal.get() + grants()[0].matching.get(), 759_215_600);
    }
}
