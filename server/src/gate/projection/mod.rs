//! The projection: a pure function from each kind's draft to the published rows
//! the public side reads, plus the withholdings and the public texts the scanner
//! reads. Each destructures its draft without `..`, naming every dropped field,
//! so a new field does not compile until someone decides whether it is public;
//! and the texts come from the same destructure as the rows, so the scanner reads
//! exactly what is published.

mod audit;

pub use audit::{math_findings, round_checks, sample};

use super::markdown;
use crate::db::audits::PublishedAudit;
use crate::db::expenditures::PublishedExpenditureRow;
use crate::db::grants::PublishedGrantRow;
use crate::db::updates::PublishedUpdateRow;
use crate::db::withholdings::WithholdingRow;
use crate::domain::draft::{AnyDraft, FieldError};
use crate::domain::expenditure::ExpenditureDraft;
use crate::domain::grant::GrantDraft;
use crate::domain::update::UpdateDraft;
use crate::domain::withholding::{withholding, RestrictedPart, Withholding, WithholdingPolicy};
use crate::domain::RecordKind;

/// One string that will reach a public table, and the field it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicText {
    pub field: String,
    pub text: String,
}

fn text(out: &mut Vec<PublicText>, field: &str, value: &str) {
    out.push(PublicText { field: field.to_string(), text: value.to_string() });
}

pub use crate::db::published::PublishedRows as Rows;

/// The field name of an update's body as rendered (its text without markup).
pub const SHOWN_BODY: &str = "body (as shown)";

/// What a draft publishes: its rows (version and date are stamped at publication),
/// its withholdings, and every public string for the scanner.
pub struct Projection {
    pub kind: RecordKind,
    pub slug: String,
    /// Whose office the record belongs to.
    pub jurisdiction: String,
    pub rows: Rows,
    pub withholdings: Vec<Withholding>,
    pub texts: Vec<PublicText>,
}

impl Projection {
    /// Sets the version, its date, the correction note and the current marker on
    /// every row; returns the withholding rows to write with them.
    pub fn stamp(&mut self, version: i64, published_at: &str, note: Option<&str>) -> Vec<WithholdingRow> {
        let note = note.map(str::to_string);
        match &mut self.rows {
            Rows::Audit(a) => {
                let PublishedAudit {
                    audit,
                    contests,
                    tallies,
                    documents,
                    batches,
                    files,
                    units,
                    interpretations,
                    batch_tallies,
                    rounds,
                } = a.as_mut();
                audit.version = version;
                audit.published_at = published_at.to_string();
                audit.correction_note = note;
                audit.is_current = 1;
                contests.iter_mut().for_each(|c| c.version = version);
                tallies.iter_mut().for_each(|t| t.version = version);
                documents.iter_mut().for_each(|d| d.version = version);
                batches.iter_mut().for_each(|b| b.version = version);
                files.iter_mut().for_each(|f| f.version = version);
                units.iter_mut().for_each(|u| u.version = version);
                interpretations.iter_mut().for_each(|i| i.version = version);
                batch_tallies.iter_mut().for_each(|t| t.version = version);
                rounds.iter_mut().for_each(|r| r.version = version);
            }
            Rows::Grant(g) => {
                (g.version, g.published_at, g.correction_note, g.is_current) = (version, published_at.into(), note, 1)
            }
            Rows::Expenditure(x) => {
                (x.version, x.published_at, x.correction_note, x.is_current) = (version, published_at.into(), note, 1)
            }
            Rows::Update(u) => {
                (u.version, u.published_at, u.correction_note, u.is_current) = (version, published_at.into(), note, 1)
            }
        }
        self.withholding_rows(version)
    }

    /// The SHA-256 of everything this projection publishes (every public field,
    /// withholding and the correction note), frozen at submission: publication
    /// refuses a draft whose fingerprint no longer matches what was submitted.
    pub fn fingerprint(&self, note: Option<&str>) -> String {
        let mut bytes = Vec::new();
        let mut put = |s: &str| {
            bytes.extend_from_slice(&(s.len() as u64).to_be_bytes());
            bytes.extend_from_slice(s.as_bytes());
        };
        put(self.kind.code());
        put(&self.slug);
        put(&self.jurisdiction);
        put(note.unwrap_or(""));
        for (field, value) in super::diff::flatten(&self.rows, &self.withholding_rows(0)) {
            put(&field);
            put(&value);
        }
        crate::domain::digest::sha256_hex(&bytes)
    }

    /// The withholdings as the rows that publish them.
    pub fn withholding_rows(&self, version: i64) -> Vec<WithholdingRow> {
        self.withholdings
            .iter()
            .enumerate()
            .map(|(pos, w)| WithholdingRow {
                record_kind: self.kind.code().to_string(),
                slug: self.slug.clone(),
                version,
                position: pos as i64,
                detail: w.detail.to_string(),
                basis_citation: w.basis_citation.clone(),
                basis_description: w.basis_description.clone(),
                statement: w.statement.clone(),
            })
            .collect()
    }
}

/// Projects a draft of any kind; a withholding the policy refuses is an error.
pub fn project(draft: &AnyDraft, policy: &dyn WithholdingPolicy) -> Result<Projection, FieldError> {
    match draft {
        AnyDraft::Audit(d) => audit::project_audit(d, policy),
        AnyDraft::Grant(d) => Ok(project_grant(d)),
        AnyDraft::Expenditure(d) => project_expenditure(d, policy),
        AnyDraft::Update(d) => Ok(project_update(d)),
    }
}

/// The withholding of a draft's restricted part, and its statement as public text.
fn withheld(
    policy: &dyn WithholdingPolicy,
    kind: RecordKind,
    restricted: &RestrictedPart,
    texts: &mut Vec<PublicText>,
) -> Result<Vec<Withholding>, FieldError> {
    // The details and internal notes are dropped here: only the withholding's
    // description, basis and statement are published.
    let RestrictedPart { security_details: _, withholding_basis: _, withholding_statement: _, internal_notes: _ } =
        restricted;
    let w = withholding(policy, kind.code(), "security_details", restricted)?;
    if let Some(w) = &w {
        text(texts, "withholding_statement", &w.statement);
    }
    Ok(w.into_iter().collect())
}

fn project_grant(d: &GrantDraft) -> Projection {
    let GrantDraft {
        slug,
        program,
        funder,
        recipient,
        federal,
        matching,
        award_date,
        period_start,
        period_end,
        source,
    } = d;
    let mut texts = Vec::new();
    text(&mut texts, "program", program.as_str());
    text(&mut texts, "funder", funder.as_str());
    text(&mut texts, "source", source.as_str());
    Projection {
        kind: RecordKind::Grant,
        slug: slug.to_string(),
        jurisdiction: recipient.to_string(),
        rows: Rows::Grant(PublishedGrantRow {
            slug: slug.to_string(),
            version: 0,
            is_current: 1,
            published_at: String::new(),
            program: program.to_string(),
            funder: funder.to_string(),
            recipient_slug: recipient.to_string(),
            federal_cents: federal.get(),
            match_cents: matching.get(),
            award_date: award_date.to_string(),
            period_start: period_start.map(|d| d.to_string()),
            period_end: period_end.map(|d| d.to_string()),
            source: source.to_string(),
            correction_note: None,
        }),
        withholdings: Vec::new(),
        texts,
    }
}

fn project_expenditure(d: &ExpenditureDraft, policy: &dyn WithholdingPolicy) -> Result<Projection, FieldError> {
    let ExpenditureDraft {
        slug,
        grant,
        recipient,
        category,
        federal,
        matching,
        spent_on,
        vendor,
        description,
        restricted,
    } = d;
    let mut texts = Vec::new();
    text(&mut texts, "vendor", vendor.as_str());
    text(&mut texts, "description", description.as_str());
    let withholdings = withheld(policy, RecordKind::Expenditure, restricted, &mut texts)?;
    Ok(Projection {
        kind: RecordKind::Expenditure,
        slug: slug.to_string(),
        jurisdiction: recipient.to_string(),
        rows: Rows::Expenditure(PublishedExpenditureRow {
            slug: slug.to_string(),
            version: 0,
            is_current: 1,
            published_at: String::new(),
            grant_slug: grant.to_string(),
            recipient_slug: recipient.to_string(),
            category: category.code().into(),
            federal_cents: federal.get(),
            match_cents: matching.get(),
            spent_on: spent_on.to_string(),
            vendor: vendor.to_string(),
            description: description.to_string(),
            withheld_count: withholdings.len() as i64,
            correction_note: None,
        }),
        withholdings,
        texts,
    })
}

fn project_update(d: &UpdateDraft) -> Projection {
    // Internal notes are never published.
    let UpdateDraft { slug, title, body, office, date, internal_notes: _ } = d;
    let mut texts = Vec::new();
    text(&mut texts, "title", title.as_str());
    text(&mut texts, "body", body.as_str());
    // The body as readers see it too: Markdown escapes and character references
    // must not hide what the rendered page shows.
    let body_html = markdown::render(body.as_str());
    text(&mut texts, SHOWN_BODY, &super::scanner::visible_text_of_html(&body_html));
    Projection {
        kind: RecordKind::Update,
        slug: slug.to_string(),
        jurisdiction: office.to_string(),
        rows: Rows::Update(PublishedUpdateRow {
            slug: slug.to_string(),
            version: 0,
            is_current: 1,
            published_at: String::new(),
            title: title.to_string(),
            body_html,
            office_slug: office.to_string(),
            update_date: date.to_string(),
            correction_note: None,
        }),
        withholdings: Vec::new(),
        texts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expenditure::ExpenditureInput;
    use crate::gate::policy::Policy;

    fn expenditure(details: &str, statement: &str) -> AnyDraft {
        let input = ExpenditureInput {
            slug: "x-1".into(),
            grant: "g".into(),
            recipient: "boone-county".into(),
            category: "cyber_security".into(),
            federal_amount: "10".into(),
            match_amount: "0".into(),
            date: "2024-01-02".into(),
            vendor: "Acme".into(),
            description: "Training for poll workers".into(),
            security_details: details.into(),
            withholding_basis: if details.is_empty() { String::new() } else { "RSMo 610.021(21)".into() },
            withholding_statement: statement.into(),
            internal_notes: "canary-internal".into(),
        };
        AnyDraft::Expenditure(crate::domain::expenditure::ExpenditureDraft::try_from(&input).unwrap())
    }

    #[test]
    fn the_statement_is_public_text_and_the_details_are_not() {
        let p = project(&expenditure("canary-details", "Disclosure would impair protection."), &Policy::missouri())
            .unwrap();
        let fields: Vec<&str> = p.texts.iter().map(|t| t.field.as_str()).collect();
        assert_eq!(fields, ["vendor", "description", "withholding_statement"]);
        assert!(p.texts.iter().all(|t| !t.text.contains("canary")));
        let Rows::Expenditure(row) = &p.rows else { panic!("an expenditure row") };
        assert_eq!(row.withheld_count, 1);
    }

    #[test]
    fn a_withholding_without_a_statement_does_not_project() {
        let err = project(&expenditure("canary-details", ""), &Policy::missouri()).err().unwrap();
        assert_eq!(err.field, "withholding_statement");
    }
}
