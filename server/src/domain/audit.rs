//! A post-election audit with its contests and public documents.

use super::draft::{Checks, FieldError};
use super::form::{public, Field, Widget, AUDIT_TYPE_CODES, MATH_CODES, OUTCOME_CODES};
use super::values::{IsoDate, Line, PValue, Percent, Slug, Text, VoteCount};
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
    pub started_on: Option<IsoDate>,
    pub completed_on: Option<IsoDate>,
    pub outcome: Outcome,
    pub summary: Text,
    pub contests: Vec<ContestDraft>,
    pub documents: Vec<DocumentDraft>,
    pub restricted: RestrictedPart,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContestDraft {
    pub name: Line,
    /// Each winner is one of the tallies' candidates.
    pub winners: Vec<Line>,
    pub votes_allowed: VoteCount,
    pub ballots_cast: VoteCount,
    pub tallies: Vec<TallyDraft>,
    pub sample_size: Option<VoteCount>,
    pub o1: Option<VoteCount>,
    pub o2: Option<VoteCount>,
    pub u1: Option<VoteCount>,
    pub u2: Option<VoteCount>,
    pub p_value: Option<PValue>,
    pub risk_limit_met: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TallyDraft {
    pub candidate: Line,
    pub reported_votes: VoteCount,
    pub audited_votes: Option<VoteCount>,
}

/// A public document about the audit, with the SHA-256 of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentDraft {
    pub title: Line,
    /// A site-relative path (`/documents/report.pdf`) or an https address.
    pub url: String,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

impl DocumentDraft {
    pub fn new(title: &str, url: &str, sha256: &str) -> Result<DocumentDraft, Vec<FieldError>> {
        let mut c = Checks::default();
        let title = c.field("document_title", Line::parse(title));
        let url_ok = (url.starts_with('/') && !url.starts_with("//") || url.starts_with("https://"))
            && url.len() <= 500
            && !url.chars().any(|ch| ch.is_whitespace() || ch.is_control() || ch == '"' || ch == '<' || ch == '>');
        if !url_ok {
            c.fail("document_url", "use a site-relative path such as /documents/report.pdf or an https:// address");
        }
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            c.fail("document_sha256", "give the document's SHA-256 as 64 lower-case hexadecimal characters");
        }
        let doc = title.map(|title| DocumentDraft { title, url: url.to_string(), sha256: sha256.to_string() });
        c.finish(doc)
    }
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

/// A contest as typed: results as `Name=votes;Name=votes`, winners as `Name;Name`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ContestInput {
    pub name: String,
    pub winners: String,
    pub votes_allowed: String,
    pub ballots_cast: String,
    pub reported_results: String,
    pub sample_size: String,
    pub audited_results: String,
    pub o1: String,
    pub o2: String,
    pub u1: String,
    pub u2: String,
    pub p_value: String,
    /// `true`, `false` (or `yes`/`no`), or empty.
    pub risk_limit_met: String,
}

/// Parses `Name=votes;Name=votes` (empty text is no results).
pub fn parse_results(s: &str) -> Result<Vec<(Line, VoteCount)>, String> {
    let mut out: Vec<(Line, VoteCount)> = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, votes)) = part.rsplit_once('=') else {
            return Err(format!("\"{}\" is not Name=votes", part.chars().take(60).collect::<String>()));
        };
        let name = Line::parse(name).map_err(|m| format!("a candidate's name {m}"))?;
        let votes = VoteCount::parse(votes).map_err(|m| format!("{name}'s votes: {m}"))?;
        if out.iter().any(|(n, _)| *n == name) {
            return Err(format!("{name} is listed twice"));
        }
        out.push((name, votes));
    }
    if out.len() > MAX_CANDIDATES {
        return Err(format!("a contest may have at most {MAX_CANDIDATES} candidates"));
    }
    Ok(out)
}

/// Parses `true`/`false`/`yes`/`no`; empty is not recorded.
pub fn parse_met(s: &str) -> Result<Option<bool>, String> {
    match s.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "true" | "yes" => Ok(Some(true)),
        "false" | "no" => Ok(Some(false)),
        other => Err(format!("\"{}\" is not true or false", other.chars().take(20).collect::<String>())),
    }
}

fn results_text(tallies: &[TallyDraft], audited: bool) -> String {
    tallies
        .iter()
        .filter_map(|t| {
            let votes = if audited { t.audited_votes } else { Some(t.reported_votes) };
            votes.map(|v| format!("{}={}", t.candidate, v.get()))
        })
        .collect::<Vec<_>>()
        .join(";")
}

fn code<T: Code>(c: &mut Checks, field: &str, text: &str) -> Option<T> {
    c.field(field, T::parse_code(text.trim()))
}

impl ContestInput {
    /// The contest as a draft. Each mistake is recorded under `prefix` followed by
    /// the column's name (`winners`, `reported_results`…): an import passes no
    /// prefix and places it on the row's cell; a form passes `contest N `.
    pub fn to_draft(&self, c: &mut Checks, prefix: &str) -> Option<ContestDraft> {
        let f = |column: &str| format!("{prefix}{column}");
        let name = c.field(&f("contest"), Line::parse(&self.name));
        let reported = c.field(&f("reported_results"), parse_results(&self.reported_results));
        if reported.as_ref().is_some_and(|r| r.is_empty()) {
            c.fail(&f("reported_results"), "is required for a contest, as Name=votes;Name=votes");
        }
        let audited = c.field(&f("audited_results"), parse_results(&self.audited_results));
        let votes_allowed = c.optional(&f("votes_allowed"), &self.votes_allowed, VoteCount::parse);
        let ballots_cast = if self.ballots_cast.trim().is_empty() {
            c.fail(&f("ballots_cast"), "is required for a contest");
            None
        } else {
            c.field(&f("ballots_cast"), VoteCount::parse(&self.ballots_cast))
        };
        let sample_size = c.optional(&f("sample_size"), &self.sample_size, VoteCount::parse);
        let o1 = c.optional(&f("o1"), &self.o1, VoteCount::parse);
        let o2 = c.optional(&f("o2"), &self.o2, VoteCount::parse);
        let u1 = c.optional(&f("u1"), &self.u1, VoteCount::parse);
        let u2 = c.optional(&f("u2"), &self.u2, VoteCount::parse);
        let p_value = c.optional(&f("p_value"), &self.p_value, PValue::parse);
        let risk_limit_met = c.field(&f("risk_limit_met"), parse_met(&self.risk_limit_met));
        let mut winners = Vec::new();
        for w in self.winners.split(';').map(str::trim).filter(|w| !w.is_empty()) {
            match Line::parse(w) {
                Ok(w) => winners.push(w),
                Err(m) => c.fail(&f("winners"), format!("a winner's name {m}")),
            }
        }
        if winners.is_empty() && self.winners.trim().is_empty() {
            c.fail(&f("winners"), "name the reported winners, as Name;Name");
        }
        let (reported, audited) = (reported?, audited?);
        for w in &winners {
            if !reported.is_empty() && !reported.iter().any(|(n, _)| n == w) {
                c.fail(&f("winners"), format!("\"{w}\" is not in reported_results"));
            }
        }
        for (n, _) in &audited {
            if !reported.iter().any(|(r, _)| r == n) {
                c.fail(&f("audited_results"), format!("\"{n}\" is not in reported_results"));
            }
        }
        let tallies = reported
            .iter()
            .map(|(candidate, votes)| TallyDraft {
                candidate: candidate.clone(),
                reported_votes: *votes,
                audited_votes: audited.iter().find(|(n, _)| n == candidate).map(|(_, v)| *v),
            })
            .collect();
        let one = VoteCount::new(1).ok()?;
        Some(ContestDraft {
            name: name?,
            winners,
            votes_allowed: votes_allowed?.unwrap_or(one),
            ballots_cast: ballots_cast?,
            tallies,
            sample_size: sample_size?,
            o1: o1?,
            o2: o2?,
            u1: u1?,
            u2: u2?,
            p_value: p_value?,
            risk_limit_met: risk_limit_met?,
        })
    }
}

impl AuditInput {
    /// The audit as a draft with these documents (forms keep a draft's documents).
    pub fn to_draft(&self, documents: Vec<DocumentDraft>) -> Result<AuditDraft, Vec<FieldError>> {
        let mut c = Checks::default();
        let slug = c.field("slug", Slug::parse(self.slug.trim()));
        let election = c.field("election", Slug::parse(self.election.trim()));
        let jurisdiction = c.field("jurisdiction", Slug::parse(self.jurisdiction.trim()));
        let audit_type = code::<AuditType>(&mut c, "audit_type", &self.audit_type);
        let math = code::<AuditMath>(&mut c, "math", &self.math);
        let risk_limit = c.optional("risk_limit", &self.risk_limit, Percent::parse);
        let seed = c.optional("seed", &self.seed, Line::parse);
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
                started_on: started_on?,
                completed_on: completed_on?,
                outcome: outcome?,
                summary: summary?,
                contests: contests.into_iter().collect::<Option<Vec<_>>>()?,
                documents,
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
            started_on,
            completed_on,
            outcome,
            summary,
            contests,
            documents: _,
            restricted,
        } = self;
        let num = |n: Option<VoteCount>| n.map(|n| n.get().to_string()).unwrap_or_default();
        AuditInput {
            slug: slug.to_string(),
            election: election.to_string(),
            jurisdiction: jurisdiction.to_string(),
            audit_type: audit_type.code().into(),
            math: math.code().into(),
            risk_limit: risk_limit.map(|r| r.get().to_string()).unwrap_or_default(),
            seed: seed.as_ref().map(|s| s.to_string()).unwrap_or_default(),
            started_on: started_on.map(|d| d.to_string()).unwrap_or_default(),
            completed_on: completed_on.map(|d| d.to_string()).unwrap_or_default(),
            outcome: outcome.code().into(),
            summary: summary.to_string(),
            security_details: restricted.security_details.expose().clone(),
            withholding_basis: restricted.withholding_basis.clone(),
            withholding_statement: restricted.withholding_statement.clone(),
            internal_notes: restricted.internal_notes.expose().clone(),
            contests: contests
                .iter()
                .map(|c| ContestInput {
                    name: c.name.to_string(),
                    winners: c.winners.iter().map(|w| w.to_string()).collect::<Vec<_>>().join(";"),
                    votes_allowed: c.votes_allowed.get().to_string(),
                    ballots_cast: c.ballots_cast.get().to_string(),
                    reported_results: results_text(&c.tallies, false),
                    sample_size: num(c.sample_size),
                    audited_results: results_text(&c.tallies, true),
                    o1: num(c.o1),
                    o2: num(c.o2),
                    u1: num(c.u1),
                    u2: num(c.u2),
                    p_value: c.p_value.map(|p| p.get().to_string()).unwrap_or_default(),
                    risk_limit_met: c.risk_limit_met.map(|b| b.to_string()).unwrap_or_default(),
                })
                .collect(),
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

impl ContestInput {
    /// Every field by name, as a form shows it (an officials' type: never serialised).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let ContestInput {
            name,
            winners,
            votes_allowed,
            ballots_cast,
            reported_results,
            sample_size,
            audited_results,
            o1,
            o2,
            u1,
            u2,
            p_value,
            risk_limit_met,
        } = self;
        vec![
            ("name", name.as_str()),
            ("winners", winners.as_str()),
            ("votes_allowed", votes_allowed.as_str()),
            ("ballots_cast", ballots_cast.as_str()),
            ("reported_results", reported_results.as_str()),
            ("sample_size", sample_size.as_str()),
            ("audited_results", audited_results.as_str()),
            ("o1", o1.as_str()),
            ("o2", o2.as_str()),
            ("u1", u1.as_str()),
            ("u2", u2.as_str()),
            ("p_value", p_value.as_str()),
            ("risk_limit_met", risk_limit_met.as_str()),
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
    public("seed", "Random seed", "", Widget::Line),
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

/// A contest's fields, in the audit form's fieldsets (`contest-N-name`…).
pub const CONTEST_FORM: &[Field] = &[
    public("name", "name", "Leave empty for no contest.", Widget::Line),
    public("winners", "winners", "Name;Name", Widget::Line),
    public("votes_allowed", "votes allowed", "", Widget::Line),
    public("ballots_cast", "ballots cast", "", Widget::Line),
    public("reported_results", "reported results", "Name=votes;Name=votes", Widget::Line),
    public("sample_size", "sample size", "", Widget::Line),
    public("audited_results", "audited results", "Name=votes;Name=votes, or empty", Widget::Line),
    public("o1", "one-vote overstatements", "", Widget::Line),
    public("o2", "two-vote overstatements", "", Widget::Line),
    public("u1", "one-vote understatements", "", Widget::Line),
    public("u2", "two-vote understatements", "", Widget::Line),
    public("p_value", "p-value", "", Widget::Line),
    public("risk_limit_met", "risk limit met", "", Widget::Met),
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
