//! The demo's spending: the real 2018 HAVA grant to Missouri and sample
//! expenditures against it.

use crate::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use crate::domain::grant::{GrantDraft, GrantInput};

pub const GRANT_SLUG: &str = "hava-2018-election-security";

pub(super) const STATEMENT: &str = "Disclosing these details would impair the office's ability to protect \
    election systems, staff and voters, and the public interest in nondisclosure outweighs the \
    interest in disclosure. The amounts, vendor and purpose are published in full.";

pub(super) fn valid<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
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
pub(super) fn withheld(details: &str, basis: &str) -> (String, String, String, String) {
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
