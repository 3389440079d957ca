//! A post-election audit with its contests, public documents and evidence (the
//! manifest, the committed files and the sampler that lets anyone re-draw the
//! sample from the seed).

pub mod batch_tally;
mod contest;
mod document;
pub mod evidence;
pub mod interpretation;
pub mod round;

pub use contest::{parse_met, parse_results, ContestDraft, ContestInput, TallyDraft, CONTEST_FORM, TARGETED_CODES};
pub use document::DocumentDraft;
pub use evidence::{Evidence, Sampler};

use super::draft::{Checks, FieldError};
use super::form::{public, Field, Widget, AUDIT_TYPE_CODES, MATH_CODES, OUTCOME_CODES, SAMPLER_CODES};
use super::values::{IsoDate, Line, Percent, Slug, Text, Timestamp};
use super::withholding::{Restricted, RestrictedPart};
use super::{AuditMath, AuditType, Code, Outcome};

/// At most this many contests in one audit, and candidates in one contest: enough
/// for any ballot, and a bound on what one page and one diff cost.
pub const MAX_CONTESTS: usize = 100;
pub const MAX_CANDIDATES: usize = 100;

#[derive(Clone, Debug, PartialEq)]
pub struct AuditDraft {
    pub slug: Slug,
    pub election: Slug,
    pub jurisdiction: Slug,
    pub audit_type: AuditType,
    pub math: AuditMath,
    pub risk_limit: Option<Percent>,
    pub seed: Option<Line>,
    /// When the seed was drawn (at the public ceremony): after the inputs were
    /// committed, never in the future.
    pub seed_drawn_at: Option<Timestamp>,
    /// The update that announced the seed ceremony.
    pub seed_notice: Option<Slug>,
    pub sampler: Option<Sampler>,
    pub with_replacement: bool,
    pub started_on: Option<IsoDate>,
    pub completed_on: Option<IsoDate>,
    pub outcome: Outcome,
    pub summary: Text,
    pub contests: Vec<ContestDraft>,
    pub documents: Vec<DocumentDraft>,
    pub evidence: Evidence,
    pub restricted: RestrictedPart,
}

/// An audit's fields as typed into a form or an import file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct AuditInput {
    pub slug: String,
    pub election: String,
    pub jurisdiction: String,
    pub audit_type: String,
    pub math: String,
    pub risk_limit: String,
    pub seed: String,
    pub seed_drawn_at: String,
    pub seed_notice: String,
    pub sampler: String,
    pub with_replacement: String,
    pub started_on: String,
    pub completed_on: String,
    pub outcome: String,
    pub summary: String,
    pub security_details: String,
    pub withholding_basis: String,
    pub withholding_statement: String,
    pub internal_notes: String,
    #[serde(skip)]
    pub contests: Vec<ContestInput>,
}

fn code<T: Code>(c: &mut Checks, field: &str, text: &str) -> Option<T> {
    c.field(field, T::parse_code(text.trim()))
}

impl AuditInput {
    /// The audit as a draft with these documents (forms keep a draft's documents,
    /// and its evidence: set `evidence` on the result).
    pub fn to_draft(&self, documents: Vec<DocumentDraft>) -> Result<AuditDraft, Vec<FieldError>> {
        let mut c = Checks::default();
        let slug = c.field("slug", Slug::parse(self.slug.trim()));
        let election = c.field("election", Slug::parse(self.election.trim()));
        let jurisdiction = c.field("jurisdiction", Slug::parse(self.jurisdiction.trim()));
        let audit_type = code::<AuditType>(&mut c, "audit_type", &self.audit_type);
        let math = code::<AuditMath>(&mut c, "math", &self.math);
        let risk_limit = c.optional("risk_limit", &self.risk_limit, Percent::parse);
        let seed = c.optional("seed", &self.seed, Line::parse);
        let seed_drawn_at = c.optional("seed_drawn_at", &self.seed_drawn_at, Timestamp::parse);
        let seed_notice = c.optional("seed_notice", &self.seed_notice, Slug::parse);
        let sampler = c.optional("sampler", &self.sampler, Sampler::parse);
        let with_replacement = c.field("with_replacement", parse_met(&self.with_replacement));
        if let (Some(Some(_)), Some(None)) = (&seed, &seed_drawn_at) {
            c.fail("seed_drawn_at", "say when the seed was drawn, as 2026-11-12T10:00:00-06:00");
        }
        if let (Some(Some(_)), Some(None)) = (&seed, &sampler) {
            c.fail(
                "sampler",
                "name the sampler that turns the seed into ballots: consistent or rivest (ppeb for batch comparison)",
            );
        }
        let started_on = c.optional("started_on", &self.started_on, IsoDate::parse);
        let completed_on = c.optional("completed_on", &self.completed_on, IsoDate::parse);
        let outcome = code::<Outcome>(&mut c, "outcome", &self.outcome);
        let summary = c.field("summary", Text::parse(&self.summary, Text::PROSE));
        if let (Some(Some(s)), Some(Some(e))) = (started_on, completed_on) {
            if e < s {
                c.fail("completed_on", "the audit was completed before it started");
            }
        }
        let filled: Vec<&ContestInput> = self.contests.iter().filter(|ci| !ci.name.trim().is_empty()).collect();
        if filled.len() > MAX_CONTESTS {
            c.fail("contests", format!("an audit may have at most {MAX_CONTESTS} contests"));
        }
        let contests: Vec<Option<ContestDraft>> = filled
            .iter()
            .take(MAX_CONTESTS)
            .enumerate()
            .map(|(i, ci)| ci.to_draft(&mut c, &format!("contest {} ", i + 1)))
            .collect();
        let restricted = RestrictedPart {
            security_details: Restricted::new(self.security_details.trim().to_string()),
            withholding_basis: self.withholding_basis.trim().to_string(),
            withholding_statement: self.withholding_statement.trim().to_string(),
            internal_notes: Restricted::new(self.internal_notes.trim().to_string()),
        };
        let draft = (|| {
            Some(AuditDraft {
                slug: slug?,
                election: election?,
                jurisdiction: jurisdiction?,
                audit_type: audit_type?,
                math: math?,
                risk_limit: risk_limit?,
                seed: seed?,
                seed_drawn_at: seed_drawn_at?,
                seed_notice: seed_notice?,
                sampler: sampler?,
                with_replacement: with_replacement?.unwrap_or(false),
                started_on: started_on?,
                completed_on: completed_on?,
                outcome: outcome?,
                summary: summary?,
                contests: contests.into_iter().collect::<Option<Vec<_>>>()?,
                documents,
                evidence: Evidence::default(),
                restricted,
            })
        })();
        c.finish(draft)
    }
}

impl AuditDraft {
    pub fn to_input(&self) -> AuditInput {
        let AuditDraft {
            slug,
            election,
            jurisdiction,
            audit_type,
            math,
            risk_limit,
            seed,
            seed_drawn_at,
            seed_notice,
            sampler,
            with_replacement,
            started_on,
            completed_on,
            outcome,
            summary,
            contests,
            documents: _,
            evidence: _,
            restricted,
        } = self;
        AuditInput {
            slug: slug.to_string(),
            election: election.to_string(),
            jurisdiction: jurisdiction.to_string(),
            audit_type: audit_type.code().into(),
            math: math.code().into(),
            risk_limit: risk_limit.map(|r| r.get().to_string()).unwrap_or_default(),
            seed: seed.as_ref().map(|s| s.to_string()).unwrap_or_default(),
            seed_drawn_at: seed_drawn_at.map(|t| t.to_string()).unwrap_or_default(),
            seed_notice: seed_notice.as_ref().map(|s| s.to_string()).unwrap_or_default(),
            sampler: sampler.map(|s| s.code().to_string()).unwrap_or_default(),
            with_replacement: if *with_replacement { "true".into() } else { String::new() },
            started_on: started_on.map(|d| d.to_string()).unwrap_or_default(),
            completed_on: completed_on.map(|d| d.to_string()).unwrap_or_default(),
            outcome: outcome.code().into(),
            summary: summary.to_string(),
            security_details: restricted.security_details.expose().clone(),
            withholding_basis: restricted.withholding_basis.clone(),
            withholding_statement: restricted.withholding_statement.clone(),
            internal_notes: restricted.internal_notes.expose().clone(),
            contests: contests.iter().map(ContestDraft::to_input).collect(),
        }
    }
}

impl AuditInput {
    /// Every field by name, as a form shows it (an officials' type: never serialised).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let AuditInput {
            slug,
            election,
            jurisdiction,
            audit_type,
            math,
            risk_limit,
            seed,
            seed_drawn_at,
            seed_notice,
            sampler,
            with_replacement,
            started_on,
            completed_on,
            outcome,
            summary,
            security_details,
            withholding_basis,
            withholding_statement,
            internal_notes,
            contests: _,
        } = self;
        vec![
            ("slug", slug.as_str()),
            ("election", election.as_str()),
            ("jurisdiction", jurisdiction.as_str()),
            ("audit_type", audit_type.as_str()),
            ("math", math.as_str()),
            ("risk_limit", risk_limit.as_str()),
            ("seed", seed.as_str()),
            ("seed_drawn_at", seed_drawn_at.as_str()),
            ("seed_notice", seed_notice.as_str()),
            ("sampler", sampler.as_str()),
            ("with_replacement", with_replacement.as_str()),
            ("started_on", started_on.as_str()),
            ("completed_on", completed_on.as_str()),
            ("outcome", outcome.as_str()),
            ("summary", summary.as_str()),
            ("security_details", security_details.as_str()),
            ("withholding_basis", withholding_basis.as_str()),
            ("withholding_statement", withholding_statement.as_str()),
            ("internal_notes", internal_notes.as_str()),
        ]
    }

    /// A field's value by name (empty when there is no such field).
    pub fn get(&self, name: &str) -> &str {
        self.fields().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v).unwrap_or("")
    }
}

/// The audit's own fields of its form, in order.
pub const FORM: &[Field] = &[
    public("election", "Election", "", Widget::Election),
    public("jurisdiction", "Jurisdiction", "", Widget::Jurisdiction),
    public("audit_type", "Audit type", "", Widget::Code(&AUDIT_TYPE_CODES)),
    public("math", "Method", "", Widget::Code(&MATH_CODES)),
    public("risk_limit", "Risk limit (percent)", "For example 5, or empty", Widget::Line),
    public("sampler", "Sampler", "How the seed becomes ballots", Widget::Code(&SAMPLER_CODES)),
    public("with_replacement", "Drawn with replacement", "", Widget::Met),
    public("seed", "Random seed", "Drawn at a public ceremony after the manifest was published", Widget::Line),
    public(
        "seed_drawn_at",
        "Seed drawn at",
        "When the seed was drawn, such as 2026-11-12T10:00:00-06:00",
        Widget::Line,
    ),
    public("seed_notice", "Seed ceremony notice", "The slug of the update that announced it, or empty", Widget::Line),
    public("started_on", "Started", "YYYY-MM-DD", Widget::Date),
    public("completed_on", "Completed", "YYYY-MM-DD, or empty while in progress", Widget::Date),
    public("outcome", "Outcome", "", Widget::Code(&OUTCOME_CODES)),
    public(
        "summary",
        "Plain-language summary",
        "Public. Do not include system, network or physical-security details.",
        Widget::Area,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn contest() -> ContestInput {
        ContestInput {
            name: "Presiding Commissioner".into(),
            winners: "Ada".into(),
            votes_allowed: "1".into(),
            ballots_cast: "91,085".into(),
            reported_results: "Ada=51208;Bo=39877".into(),
            sample_size: "407".into(),
            audited_results: "Ada=228;Bo=179".into(),
            p_value: "0.052".into(),
            risk_limit_met: "no".into(),
            ..Default::default()
        }
    }

    fn input() -> AuditInput {
        AuditInput {
            slug: "boone-rla".into(),
            election: "2024-general".into(),
            jurisdiction: "boone-county".into(),
            audit_type: "ballot_polling".into(),
            math: "bravo".into(),
            risk_limit: "5%".into(),
            seed: "01234567890123456789".into(),
            seed_drawn_at: "2024-11-11T15:00:00-06:00".into(),
            sampler: "consistent".into(),
            started_on: "2024-11-12".into(),
            completed_on: "2024-11-14".into(),
            outcome: "confirmed".into(),
            summary: "The audit confirmed the outcome.".into(),
            contests: vec![contest()],
            ..Default::default()
        }
    }

    #[test]
    fn an_audit_with_a_contest_round_trips() {
        let d = input().to_draft(vec![]).unwrap();
        assert_eq!(d.contests[0].tallies[1].audited_votes.unwrap().get(), 179);
        assert_eq!(d.contests[0].risk_limit_met, Some(false));
        assert_eq!(d.to_input().to_draft(vec![]).unwrap(), d);
    }

    #[test]
    fn contest_mistakes_name_the_contest() {
        let mut i = input();
        i.contests[0].winners = "Cy".into();
        i.contests[0].audited_results = "Dee=3".into();
        i.contests[0].p_value = "2".into();
        let errors = i.to_draft(vec![]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["contest 1 p_value", "contest 1 winners", "contest 1 audited_results"], "{errors:?}");
    }

    #[test]
    fn results_parse_and_refuse_duplicates_and_excess() {
        assert_eq!(parse_results("A=1; B = 2").unwrap().len(), 2);
        assert!(parse_results("A=1;A=2").is_err());
        assert!(parse_results("A").is_err());
        let many: Vec<String> = (0..=MAX_CANDIDATES).map(|i| format!("C{i}=1")).collect();
        assert!(parse_results(&many.join(";")).is_err());
    }

    #[test]
    fn documents_need_a_safe_address_and_a_hash() {
        assert!(DocumentDraft::new("Report", "/documents/r.txt", &"a".repeat(64)).is_ok());
        assert!(DocumentDraft::new("Report", "//evil.example/x", &"a".repeat(64)).is_err());
        assert!(DocumentDraft::new("Report", "javascript:alert(1)", &"a".repeat(64)).is_err());
        assert!(DocumentDraft::new("Report", "/documents/r.txt", "abc").is_err());
    }

    #[test]
    fn dates_and_codes_are_checked() {
        let mut i = input();
        i.completed_on = "2024-11-01".into();
        i.outcome = "won".into();
        let fields: Vec<String> = i.to_draft(vec![]).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["outcome", "completed_on"]);
    }
}
