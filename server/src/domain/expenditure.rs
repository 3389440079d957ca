//! An expenditure of grant money: always public amounts, vendor, category and
//! date; restricted security details and internal notes.

use super::draft::{Checks, FieldError};
use super::form::{public, Field, Widget, CATEGORY_CODES};
use super::values::{Cents, IsoDate, Line, Slug, Text};
use super::withholding::{Restricted, RestrictedPart};
use super::Category;

#[derive(Clone, Debug, PartialEq)]
pub struct ExpenditureDraft {
    pub slug: Slug,
    pub grant: Slug,
    pub recipient: Slug,
    pub category: Category,
    pub federal: Cents,
    pub matching: Cents,
    pub spent_on: IsoDate,
    pub vendor: Line,
    pub description: Text,
    pub restricted: RestrictedPart,
}

/// An expenditure's fields as typed into a form or a spreadsheet row.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ExpenditureInput {
    pub slug: String,
    pub grant: String,
    pub recipient: String,
    /// A category code (`cyber_security`) or its EAC name (`Cyber Security`).
    pub category: String,
    pub federal_amount: String,
    pub match_amount: String,
    pub date: String,
    pub vendor: String,
    pub description: String,
    pub security_details: String,
    pub withholding_basis: String,
    pub withholding_statement: String,
    pub internal_notes: String,
}

/// A category from its code or its EAC name, in any case.
pub fn parse_category(s: &str) -> Result<Category, String> {
    let wanted = s.trim().to_lowercase().replace([' ', '-'], "_");
    Category::from_code(&wanted).ok_or_else(|| {
        format!(
            "\"{}\" is not an EAC category; use one of {}",
            s.trim().chars().take(40).collect::<String>(),
            Category::ALL.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
        )
    })
}

impl TryFrom<&ExpenditureInput> for ExpenditureDraft {
    type Error = Vec<FieldError>;

    fn try_from(i: &ExpenditureInput) -> Result<Self, Self::Error> {
        let mut c = Checks::default();
        let slug = c.field("slug", Slug::parse(i.slug.trim()));
        let grant = c.field("grant", Slug::parse(i.grant.trim()));
        let recipient = c.field("recipient", Slug::parse(i.recipient.trim()));
        let category = c.field("category", parse_category(&i.category));
        let federal = c.field("federal_amount", Cents::parse_dollars(&i.federal_amount));
        let matching = c.field("match_amount", Cents::parse_dollars(&i.match_amount));
        let spent_on = c.field("date", IsoDate::parse(i.date.trim()));
        let vendor = c.field("vendor", Line::parse(&i.vendor));
        let description = c.field("description", Text::parse(&i.description, Text::PROSE));
        if let (Some(f), Some(m)) = (federal, matching) {
            c.field("match_amount", f.checked_add(m).map(|_| ()));
        }
        let restricted = RestrictedPart {
            security_details: Restricted::new(i.security_details.trim().to_string()),
            withholding_basis: i.withholding_basis.trim().to_string(),
            withholding_statement: i.withholding_statement.trim().to_string(),
            internal_notes: Restricted::new(i.internal_notes.trim().to_string()),
        };
        let draft = (|| {
            Some(ExpenditureDraft {
                slug: slug?,
                grant: grant?,
                recipient: recipient?,
                category: category?,
                federal: federal?,
                matching: matching?,
                spent_on: spent_on?,
                vendor: vendor?,
                description: description?,
                restricted,
            })
        })();
        c.finish(draft)
    }
}

impl ExpenditureDraft {
    /// The draft as a form shows it.
    pub fn to_input(&self) -> ExpenditureInput {
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
        } = self;
        ExpenditureInput {
            slug: slug.to_string(),
            grant: grant.to_string(),
            recipient: recipient.to_string(),
            category: category.code().to_string(),
            federal_amount: federal.to_dollars(),
            match_amount: matching.to_dollars(),
            date: spent_on.to_string(),
            vendor: vendor.to_string(),
            description: description.to_string(),
            security_details: restricted.security_details.expose().clone(),
            withholding_basis: restricted.withholding_basis.clone(),
            withholding_statement: restricted.withholding_statement.clone(),
            internal_notes: restricted.internal_notes.expose().clone(),
        }
    }
}

impl ExpenditureInput {
    /// Every field by name, as a form shows it (restricted ones included: this is
    /// an officials' type and is never serialised).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let ExpenditureInput {
            slug,
            grant,
            recipient,
            category,
            federal_amount,
            match_amount,
            date,
            vendor,
            description,
            security_details,
            withholding_basis,
            withholding_statement,
            internal_notes,
        } = self;
        vec![
            ("slug", slug.as_str()),
            ("grant", grant.as_str()),
            ("recipient", recipient.as_str()),
            ("category", category.as_str()),
            ("federal_amount", federal_amount.as_str()),
            ("match_amount", match_amount.as_str()),
            ("date", date.as_str()),
            ("vendor", vendor.as_str()),
            ("description", description.as_str()),
            ("security_details", security_details.as_str()),
            ("withholding_basis", withholding_basis.as_str()),
            ("withholding_statement", withholding_statement.as_str()),
            ("internal_notes", internal_notes.as_str()),
        ]
    }

    /// A field's value by name (empty when the form has no such field).
    pub fn get(&self, name: &str) -> &str {
        self.fields().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v).unwrap_or("")
    }
}

/// The fields of its form, in order (the officials' pages render it).
pub const FORM: &[Field] = &[
    public("grant", "Grant (slug)", "As in /spending/{grant}.", Widget::Line),
    public("recipient", "Recipient", "", Widget::Jurisdiction),
    public("category", "EAC category", "", Widget::Code(&CATEGORY_CODES)),
    public("federal_amount", "Federal amount (dollars)", "For example 1234.56", Widget::Money),
    public("match_amount", "Match amount (dollars)", "", Widget::Money),
    public("date", "Date", "YYYY-MM-DD", Widget::Date),
    public("vendor", "Vendor (always public)", "", Widget::Line),
    public(
        "description",
        "Public description",
        "Public. Say what was bought, not how systems are configured.",
        Widget::Area,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ExpenditureInput {
        ExpenditureInput {
            slug: "exp-1".into(),
            grant: "hava-2018".into(),
            recipient: "boone-county".into(),
            category: "Cyber Security".into(),
            federal_amount: "$1,000.50".into(),
            match_amount: "0".into(),
            date: "2024-03-01".into(),
            vendor: "Acme".into(),
            description: "Training".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_row_becomes_a_draft_and_back() {
        let d = ExpenditureDraft::try_from(&input()).unwrap();
        assert_eq!(d.category, Category::CyberSecurity);
        assert_eq!(d.federal.get(), 100_050);
        let again = ExpenditureDraft::try_from(&d.to_input()).unwrap();
        assert_eq!(again, d);
    }

    #[test]
    fn every_mistake_is_reported_with_its_field() {
        let mut i = input();
        i.date = "2026-02-31".into();
        i.federal_amount = "lots".into();
        i.vendor = "<b>Acme</b>".into();
        i.category = "snacks".into();
        let errors = ExpenditureDraft::try_from(&i).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["category", "federal_amount", "date", "vendor"]);
    }

    #[test]
    fn amounts_are_capped() {
        let mut i = input();
        i.federal_amount = "92233720368547758.07".into();
        assert!(ExpenditureDraft::try_from(&i).is_err());
    }
}
