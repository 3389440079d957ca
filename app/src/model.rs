//! Public wire types: what the public pages receive.
//!
//! Nothing in this module can hold a restricted value: these types have no field for
//! security details or internal notes, so a public response cannot carry one. The
//! server's gate is the only code that builds them from stored records.

use serde::{Deserialize, Serialize};

/// A closed set of codes stored in the database and used in addresses. Reading a
/// stored code that is not in the set is an error, never a default: corrupt data
/// must not be published as a wrong fact.
pub trait Code: Sized + Copy + 'static {
    /// The type's name, for error messages.
    const TYPE: &'static str;
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;

    /// Parses a code, saying what was wrong.
    fn parse_code(code: &str) -> Result<Self, String> {
        Self::from_code(code).ok_or_else(|| {
            format!("\"{}\" is not a known {} code", code.chars().take(40).collect::<String>(), Self::TYPE)
        })
    }
}

/// Declares a closed set of codes shared by the database, the URLs and the pages.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl Code for $name {
            const TYPE: &'static str = stringify!($name);
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn from_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used in storage, URLs and downloads.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a code; `None` for anything not in the set.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

code_enum!(
    /// The kind of post-election check an audit was.
    AuditType {
        BallotPolling => "ballot_polling",
        BallotComparison => "ballot_comparison",
        BatchComparison => "batch_comparison",
        ManualTally => "manual_tally",
        LogicAndAccuracy => "logic_and_accuracy",
        Canvass => "canvass",
    }
);

code_enum!(
    /// The statistical method behind a risk-limiting audit.
    AuditMath {
        Bravo => "bravo",
        KaplanMarkov => "kaplan_markov",
        Macro => "macro",
        Minerva => "minerva",
        None => "none",
    }
);

code_enum!(
    /// What an audit concluded.
    Outcome {
        Confirmed => "confirmed",
        FullHandCount => "full_hand_count",
        OutcomeChanged => "outcome_changed",
        Inconclusive => "inconclusive",
        InProgress => "in_progress",
    }
);

code_enum!(
    /// The EAC progress-report spending categories.
    Category {
        VotingEquipment => "voting_equipment",
        VotingProcesses => "voting_processes",
        VoterRegistrationSystems => "voter_registration_systems",
        ElectionAuditing => "election_auditing",
        CyberSecurity => "cyber_security",
        PhysicalSecurity => "physical_security",
        VoterEducation => "voter_education",
        Accessibility => "accessibility",
        Communications => "communications",
        Other => "other",
    }
);

code_enum!(
    /// The kinds of published record.
    RecordKind {
        Audit => "audit",
        Grant => "grant",
        Expenditure => "expenditure",
        Update => "update",
    }
);

impl RecordKind {
    /// Where the kind's record pages live: `/audits/{slug}` and so on.
    pub fn path_prefix(self) -> &'static str {
        match self {
            RecordKind::Audit => "/audits",
            RecordKind::Grant => "/spending",
            RecordKind::Expenditure => "/expenditures",
            RecordKind::Update => "/updates",
        }
    }
}

code_enum!(
    /// Whether a jurisdiction is the state or one county.
    JurisdictionKind {
        State => "state",
        County => "county",
    }
);

/// A link target for a jurisdiction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicJurisdictionRef {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicElectionRef {
    pub slug: String,
    pub name: String,
    /// ISO 8601 date.
    pub date: String,
}

/// A withheld detail as the public may see it: what kind, under which law, and the
/// office's written statement. Never the detail itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicWithholding {
    /// Which kind of detail was withheld (for example `security_details`).
    pub detail: String,
    pub basis_citation: String,
    pub basis_description: String,
    pub statement: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicAuditSummary {
    pub slug: String,
    pub version: i64,
    pub election: PublicElectionRef,
    pub jurisdiction: PublicJurisdictionRef,
    pub audit_type: AuditType,
    pub outcome: Outcome,
    pub completed_on: Option<String>,
    pub withheld_count: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicTally {
    pub candidate: String,
    pub reported_votes: i64,
    pub audited_votes: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicContest {
    pub name: String,
    pub winners: Vec<String>,
    pub votes_allowed: i64,
    pub ballots_cast: i64,
    pub tallies: Vec<PublicTally>,
    pub sample_size: Option<i64>,
    pub o1: Option<i64>,
    pub o2: Option<i64>,
    pub u1: Option<i64>,
    pub u2: Option<i64>,
    pub p_value: Option<f64>,
    pub risk_limit_met: Option<bool>,
    /// The risk the portal recomputed at publication from the numbers above
    /// (absent for versions published before checks, and for methods it does
    /// not recompute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<PublicCheck>,
    /// Whether the audit targeted this contest. A contest counted in the same
    /// sample without being targeted (opportunistic) has its risk measured but
    /// not confirmed; only `false` is written.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub targeted: bool,
    /// The contest's sampling rounds, each cumulative, with the portal's
    /// recomputation on the sample so far; the last is the contest's own
    /// sample and claim above. Absent for versions published before rounds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<PublicRound>,
}

/// One sampling round of a contest. A round after the first draws more
/// ballots from the same seed and sampler because the round before did not
/// meet the risk limit; its numbers are cumulative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicRound {
    /// From 1.
    pub round: i64,
    /// Ballots (or batch draws) in the sample by the end of the round.
    pub sample_size: i64,
    /// Votes found per candidate in the cumulative sample (ballot polling).
    pub audited: Vec<PublicRoundVotes>,
    pub o1: Option<i64>,
    pub o2: Option<i64>,
    pub u1: Option<i64>,
    pub u2: Option<i64>,
    pub p_value: Option<f64>,
    pub risk_limit_met: Option<bool>,
    pub started_on: Option<String>,
    pub completed_on: Option<String>,
    /// The risk the portal recomputed at publication on the round's cumulative sample.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<PublicCheck>,
}

/// A candidate's votes found in a round's cumulative sample.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicRoundVotes {
    pub candidate: String,
    pub votes: i64,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// One sampled ballot's readings in one contest of a ballot-comparison audit,
/// and the discrepancy the portal counted from them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicInterpretation {
    pub round: i64,
    /// The draw's place in the selection order (1-based).
    pub draw: i64,
    pub ticket: String,
    pub batch: String,
    /// 1-based position of the ballot within its batch.
    pub position: i64,
    pub contest: String,
    /// The candidates the machine recorded (empty: no vote).
    pub machine: Vec<String>,
    /// The candidates the audit board found marked; null when the ballot was not found.
    pub audited: Option<Vec<String>>,
    /// The overstatement of the winners' margin in votes, −2 to 2 (a ballot not
    /// found counts as 2): 1 and 2 are o1 and o2, −1 and −2 are u1 and u2.
    pub discrepancy: i64,
}

/// One sampled batch of a batch-comparison audit in one contest: the
/// machines' count against the hand count, candidate by candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicBatchCount {
    pub contest: String,
    pub batch: String,
    /// The first draw that selected the batch (1-based).
    pub first_draw: i64,
    /// How many draws selected it (draws are with replacement).
    pub draws: i64,
    pub votes: Vec<PublicBatchVotes>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicBatchVotes {
    pub candidate: String,
    /// The machines' count.
    pub reported: i64,
    /// The hand count.
    pub audited: i64,
}

/// A contest's risk recomputed from its published numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicCheck {
    /// `bravo`, `minerva`, `kaplan_markov` or `macro`.
    pub method: String,
    pub p_value: Option<f64>,
    pub risk_limit_met: Option<bool>,
    /// Whether the published p-value and "risk limit met" agree with the
    /// recomputation (within 0.001 absolute or 1 % relative); null when nothing
    /// was claimed.
    pub consistent: Option<bool>,
    /// (Smallest winner's votes − largest loser's votes) / ballots cast.
    pub diluted_margin: Option<f64>,
}

/// Something the audit committed to by its SHA-256 before the seed was drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicCommitment {
    /// `manifest`, `cast_vote_records` or `batch_tallies`.
    pub what: String,
    pub sha256: String,
    /// The file's size in bytes (for the manifest: its public CSV's).
    pub bytes: i64,
    /// When its hash was first published (RFC 3339, UTC).
    pub committed_at: String,
}

/// The ballot manifest in brief; its batches are at `url` and in the
/// `manifests` collection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicManifest {
    pub sha256: String,
    pub batches: i64,
    pub ballots: i64,
    /// The public manifest CSV (`batch,ballots`), whose SHA-256 is `sha256`.
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicDocument {
    pub title: String,
    /// Site-relative or absolute address of the document.
    pub url: String,
    /// Lower-case hex SHA-256 of the document's bytes.
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicAudit {
    pub slug: String,
    pub version: i64,
    /// When this version was published (RFC 3339, UTC).
    pub published_at: String,
    pub election: PublicElectionRef,
    pub jurisdiction: PublicJurisdictionRef,
    pub audit_type: AuditType,
    pub math: AuditMath,
    pub risk_limit_pct: Option<f64>,
    pub seed: Option<String>,
    /// When the seed was drawn at the public ceremony (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed_drawn_at: Option<String>,
    /// The update that announced the seed ceremony (its slug).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed_notice: Option<String>,
    /// `consistent` (Arlo's SHA-256 consistent sampler), `rivest` (Rivest's
    /// 2011 sampler, as ColoradoRLA uses it) or `ppeb` (batch comparison:
    /// batches drawn in proportion to their error bound, `rla::ppeb`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampler: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampler_version: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_replacement: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<PublicManifest>,
    /// What was committed before the seed, with the time of each commitment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<PublicCommitment>,
    /// How many ballots the sampler drew (listed in the `sampled-units` collection).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sampled_units: i64,
    /// Ballot comparison: each sampled ballot's machine and audit readings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interpretations: Vec<PublicInterpretation>,
    /// Batch comparison: each sampled batch's machine and hand counts (every
    /// batch's tallies are in the `batch-tallies` collection).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub batch_counts: Vec<PublicBatchCount>,
    pub started_on: Option<String>,
    pub completed_on: Option<String>,
    pub outcome: Outcome,
    pub summary: String,
    pub contests: Vec<PublicContest>,
    pub documents: Vec<PublicDocument>,
    pub withholdings: Vec<PublicWithholding>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// Which audits a list shows. Every field is optional. A page is the audits
/// `after` (or `before`) the one with that slug, in the list's order; `page`
/// (from 1) is kept for old links.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub election: Option<String>,
    pub jurisdiction: Option<String>,
    pub audit_type: Option<AuditType>,
    pub outcome: Option<Outcome>,
    pub page: u32,
    pub after: Option<String>,
    pub before: Option<String>,
}

/// A list counts its entries up to this many; past it, it says "more than".
pub const COUNT_CAP: i64 = 1_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicAuditList {
    pub items: Vec<PublicAuditSummary>,
    /// How many audits match, counted up to [`COUNT_CAP`] + 1.
    pub total: i64,
    /// The slug to page after for the next page, if there is one.
    pub next: Option<String>,
    /// The slug to page before for the previous page, if there is one.
    pub previous: Option<String>,
    /// The cursor names no current audit (a 400 for the page).
    pub bad_cursor: bool,
    pub elections: Vec<Choice>,
    pub jurisdictions: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicGrant {
    pub slug: String,
    pub version: i64,
    pub program: String,
    pub funder: String,
    pub recipient: PublicJurisdictionRef,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub award_date: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    /// Where the figures come from, in the office's words.
    pub source: String,
    /// Federal plus match spent to date, from published expenditures.
    pub spent_cents: i64,
}

impl PublicGrant {
    pub fn total_cents(&self) -> i64 {
        self.federal_cents + self.match_cents
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicExpenditure {
    pub slug: String,
    pub version: i64,
    /// When this version was published (RFC 3339, UTC).
    pub published_at: String,
    pub grant_slug: String,
    pub recipient: PublicJurisdictionRef,
    pub category: Category,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub date: String,
    pub vendor: String,
    pub description: String,
    pub withholdings: Vec<PublicWithholding>,
}

/// One bar of a spending chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpendingTotal {
    /// A category code or a jurisdiction slug.
    pub key: String,
    /// The jurisdiction's name; empty for categories (the page translates those).
    pub name: String,
    pub cents: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicSpendingOverview {
    /// One page of the grants, newest award first.
    pub grants: Vec<PublicGrant>,
    /// How many grants are published.
    pub grant_count: i64,
    /// The slug to page after for the next page of grants, if there is one.
    pub next: Option<String>,
    /// The slug to page before for the previous page of grants, if there is one.
    pub previous: Option<String>,
    /// The cursor names no current grant (a 400 for the page).
    pub bad_cursor: bool,
    pub by_category: Vec<SpendingTotal>,
    pub by_recipient: Vec<SpendingTotal>,
    /// When the newest expenditure behind the charts was published (RFC 3339).
    pub as_of: Option<String>,
    /// The portal's public address, for chart embed snippets.
    pub public_url: String,
}

/// Where a page of `/spending`'s grant list starts: after or before a grant.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GrantCursor {
    pub after: Option<String>,
    pub before: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExpenditureFilter {
    pub category: Option<Category>,
    pub recipient: Option<String>,
    /// The page after (or before) this expenditure of the list.
    pub after: Option<String>,
    pub before: Option<String>,
}

/// A grant page lists its expenditures this many at a time.
pub const EXPENDITURE_PAGE_SIZE: u32 = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicGrantDetail {
    pub grant: PublicGrant,
    /// The grant's current version: its citation and history.
    pub versions: PublicGrantVersionPage,
    /// One page of the expenditures matching the filter, by date.
    pub expenditures: Vec<PublicExpenditure>,
    /// How many expenditures match the filter, and their sums (every page).
    pub count: i64,
    pub federal_cents: i64,
    pub match_cents: i64,
    /// The slugs to page after and before, if there are such pages.
    pub next: Option<String>,
    pub previous: Option<String>,
    /// The cursor names no current expenditure (a 400 for the page).
    pub bad_cursor: bool,
    pub categories: Vec<Category>,
    pub recipients: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicUpdateSummary {
    pub slug: String,
    pub version: i64,
    pub title: String,
    pub date: String,
    pub office: PublicJurisdictionRef,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicUpdate {
    pub slug: String,
    pub version: i64,
    pub published_at: String,
    pub title: String,
    pub date: String,
    pub office: PublicJurisdictionRef,
    /// Sanitised HTML rendered from the office's Markdown at publication.
    pub body_html: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicUpdateList {
    pub items: Vec<PublicUpdateSummary>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicHome {
    pub latest_audits: Vec<PublicAuditSummary>,
    pub audit_count: i64,
    pub awarded_cents: i64,
    pub spent_cents: i64,
    pub latest_updates: Vec<PublicUpdateSummary>,
    /// How many published records have at least one withheld detail.
    pub records_with_withholdings: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicJurisdiction {
    pub slug: String,
    pub name: String,
    pub kind: JurisdictionKind,
    pub fips: String,
    /// The first page of its audits, in the audit list's order.
    pub audits: Vec<PublicAuditSummary>,
    /// How many audits it has, counted up to [`COUNT_CAP`] + 1.
    pub audit_count: i64,
    pub grants: Vec<PublicGrant>,
    /// Its newest expenditures, at most [`EXPENDITURE_PAGE_SIZE`], newest first.
    pub expenditures: Vec<PublicExpenditure>,
    /// How many expenditures it has and their sums (every one, not only those shown).
    pub expenditure_count: i64,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub spent_cents: i64,
    pub updates: Vec<PublicUpdateSummary>,
}

/// Facts about the whole site that every page shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    /// The publishing office's name.
    pub office: String,
    /// True while the portal holds demonstration data.
    pub sample_data: bool,
    /// The portal's public address, for absolute links in metadata.
    pub public_url: String,
    /// The transparency log's verifier key (a C2SP vkey), shown on `/about`.
    pub log_vkey: String,
}

/// Why a page could not show what was asked for; decides the HTTP status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PageError {
    NotFound,
    BadRequest(String),
    Unavailable,
}

pub const PAGE_SIZE: u32 = 20;

/// Whether a string is an acceptable slug: lower-case letters, digits and hyphens.
pub fn is_slug(s: &str) -> bool {
    crate::values::Slug::is_valid(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(*c));
        }
        for t in AuditType::ALL {
            assert_eq!(AuditType::from_code(t.code()), Some(*t));
        }
        assert_eq!(Outcome::from_code("nonsense"), None);
    }

    #[test]
    fn slugs() {
        assert!(is_slug("boone-county-2024"));
        assert!(!is_slug("Boone"));
        assert!(!is_slug(""));
        assert!(!is_slug("a/b"));
    }
}

/// One field that differs between a version and the one before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicChange {
    /// Where in the record, e.g. `outcome` or `contests[0].sample_size`.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A published version in a record's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicVersionInfo {
    pub version: i64,
    pub published_at: String,
    /// The public note that came with a correction; none for a first version.
    pub correction_note: Option<String>,
    /// What changed from the version before (empty for version 1).
    pub changes: Vec<PublicChange>,
}

/// What a reader needs to cite exactly the version shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicCitation {
    /// The version's permanent page, absolute.
    pub permanent_url: String,
    /// Where the version's canonical JSON is served (the bytes the hash covers).
    pub data_url: String,
    /// Lower-case hex SHA-256 of the canonical JSON.
    pub sha256: String,
    pub published_at: String,
    pub office: String,
    pub site_name: String,
    /// The index of the version's entry in the transparency log (None for a
    /// version the log does not hold).
    pub log_index: Option<i64>,
    /// Where the version's proof bundle (c2sp.org/tlog-proof) is downloaded.
    pub proof_url: Option<String>,
}

/// The public tombstone of a retracted record: it is no longer current, and says
/// why. Every version stays readable at its permanent address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicRetraction {
    pub kind: RecordKind,
    pub slug: String,
    /// The version that was current when the record was retracted.
    pub last_version: i64,
    pub retracted_at: String,
    pub reason: String,
}

/// A grant as published: the version's own facts (the spending against it is not
/// part of the version, since it changes with every expenditure).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicGrantVersion {
    pub slug: String,
    pub version: i64,
    pub published_at: String,
    pub program: String,
    pub funder: String,
    pub recipient: PublicJurisdictionRef,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub award_date: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub source: String,
}

/// A published record's version number and date, for the generic record page.
pub trait Versioned {
    fn version(&self) -> i64;
    fn published_at(&self) -> &str;
}

macro_rules! versioned {
    ($($t:ty),+) => {$(
        impl Versioned for $t {
            fn version(&self) -> i64 { self.version }
            fn published_at(&self) -> &str { &self.published_at }
        }
    )+};
}
versioned!(PublicAudit, PublicGrantVersion, PublicExpenditure, PublicUpdate);

/// A record page: the version shown, how to cite it, its history, and its
/// tombstone if it was retracted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicRecordPage<T> {
    pub record: T,
    pub citation: PublicCitation,
    pub history: Vec<PublicVersionInfo>,
    /// The newest version (a version page says when it is not the current one).
    pub current_version: i64,
    pub retraction: Option<PublicRetraction>,
}

pub type PublicAuditPage = PublicRecordPage<PublicAudit>;
pub type PublicUpdatePage = PublicRecordPage<PublicUpdate>;
pub type PublicGrantVersionPage = PublicRecordPage<PublicGrantVersion>;
pub type PublicExpenditurePage = PublicRecordPage<PublicExpenditure>;
