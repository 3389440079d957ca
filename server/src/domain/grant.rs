//! A grant: every field is public (Missouri keeps procurement and spending open).

use super::draft::{Checks, FieldError};
use super::form::{public, Field, Widget};
use super::values::{Cents, IsoDate, Line, Slug, Text};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantDraft {
    pub slug: Slug,
    pub program: Line,
    pub funder: Line,
    pub recipient: Slug,
    pub federal: Cents,
    pub matching: Cents,
    pub award_date: IsoDate,
    pub period_start: Option<IsoDate>,
    pub period_end: Option<IsoDate>,
    /// Where the figures come from, in the office's words.
    pub source: Text,
}

/// A grant's fields as typed into a form.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct GrantInput {
    pub slug: String,
    pub program: String,
    pub funder: String,
    pub recipient: String,
    pub federal_amount: String,
    pub match_amount: String,
    pub award_date: String,
    pub period_start: String,
    pub period_end: String,
    pub source: String,
}

impl TryFrom<&GrantInput> for GrantDraft {
    type Error = Vec<FieldError>;

    fn try_from(i: &GrantInput) -> Result<Self, Self::Error> {
        let mut c = Checks::default();
        let slug = c.field("slug", Slug::parse(i.slug.trim()));
        let program = c.field("program", Line::parse(&i.program));
        let funder = c.field("funder", Line::parse(&i.funder));
        let recipient = c.field("recipient", Slug::parse(i.recipient.trim()));
        let federal = c.field("federal_amount", Cents::parse_dollars(&i.federal_amount));
        let matching = c.field("match_amount", Cents::parse_dollars(&i.match_amount));
        let award_date = c.field("award_date", IsoDate::parse(i.award_date.trim()));
        let period_start = c.optional("period_start", &i.period_start, IsoDate::parse);
        let period_end = c.optional("period_end", &i.period_end, IsoDate::parse);
        let source = c.field("source", Text::parse(&i.source, Text::PROSE));
        if let (Some(f), Some(m)) = (federal, matching) {
            c.field("match_amount", f.checked_add(m).map(|_| ()));
        }
        if let (Some(Some(s)), Some(Some(e))) = (period_start, period_end) {
            if e < s {
                c.fail("period_end", "the period ends before it starts");
            }
        }
        let draft = (|| {
            Some(GrantDraft {
                slug: slug?,
                program: program?,
                funder: funder?,
                recipient: recipient?,
                federal: federal?,
                matching: matching?,
                award_date: award_date?,
                period_start: period_start?,
                period_end: period_end?,
                source: source?,
            })
        })();
        c.finish(draft)
    }
}

impl GrantDraft {
    pub fn to_input(&self) -> GrantInput {
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
        } = self;
        GrantInput {
            slug: slug.to_string(),
            program: program.to_string(),
            funder: funder.to_string(),
            recipient: recipient.to_string(),
            federal_amount: federal.to_dollars(),
            match_amount: matching.to_dollars(),
            award_date: award_date.to_string(),
            period_start: period_start.map(|d| d.to_string()).unwrap_or_default(),
            period_end: period_end.map(|d| d.to_string()).unwrap_or_default(),
            source: source.to_string(),
        }
    }
}

impl GrantInput {
    /// Every field by name, as a form shows it (restricted ones included: this is
    /// an officials' type and is never serialised).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let GrantInput {
            slug,
            program,
            funder,
            recipient,
            federal_amount,
            match_amount,
            award_date,
            period_start,
            period_end,
            source,
        } = self;
        vec![
            ("slug", slug.as_str()),
            ("program", program.as_str()),
            ("funder", funder.as_str()),
            ("recipient", recipient.as_str()),
            ("federal_amount", federal_amount.as_str()),
            ("match_amount", match_amount.as_str()),
            ("award_date", award_date.as_str()),
            ("period_start", period_start.as_str()),
            ("period_end", period_end.as_str()),
            ("source", source.as_str()),
        ]
    }

    /// A field's value by name (empty when the form has no such field).
    pub fn get(&self, name: &str) -> &str {
        self.fields().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v).unwrap_or("")
    }
}

/// The fields of its form, in order (the officials' pages render it).
pub const FORM: &[Field] = &[
    public("program", "Program", "", Widget::Line),
    public("funder", "Funder", "", Widget::Line),
    public("recipient", "Recipient", "", Widget::Jurisdiction),
    public("federal_amount", "Federal amount (dollars)", "For example 1234.56", Widget::Money),
    public("match_amount", "Match amount (dollars)", "", Widget::Money),
    public("award_date", "Award date", "YYYY-MM-DD", Widget::Date),
    public("period_start", "Period starts", "YYYY-MM-DD, or empty", Widget::Date),
    public("period_end", "Period ends", "YYYY-MM-DD, or empty", Widget::Date),
    public("source", "Source of the figures", "Public.", Widget::Area),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_round_trip_and_check_their_period() {
        let mut i = GrantInput {
            slug: "g".into(),
            program: "HAVA".into(),
            funder: "EAC".into(),
            recipient: "missouri".into(),
            federal_amount: "7230625".into(),
            match_amount: "361531".into(),
            award_date: "2018-04-17".into(),
            period_start: "2018-04-17".into(),
            period_end: "".into(),
            source: "EAC funding table".into(),
        };
        let d = GrantDraft::try_from(&i).unwrap();
        assert_eq!(GrantDraft::try_from(&d.to_input()).unwrap(), d);
        i.period_end = "2018-01-01".into();
        assert_eq!(GrantDraft::try_from(&i).unwrap_err()[0].field, "period_end");
    }
}
