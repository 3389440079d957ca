//! An official update: title and Markdown body are public; internal notes are not.

use super::draft::{Checks, FieldError};
use super::form::{public, restricted, Field, Widget};
use super::values::{IsoDate, Line, Slug, Text};
use super::withholding::Restricted;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateDraft {
    pub slug: Slug,
    pub title: Line,
    /// Markdown; sanitised HTML is rendered from it at publication.
    pub body: Text,
    pub office: Slug,
    pub date: IsoDate,
    pub internal_notes: Restricted<String>,
}

/// An update's fields as typed into a form.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct UpdateInput {
    pub slug: String,
    pub title: String,
    pub body: String,
    pub office: String,
    pub date: String,
    pub internal_notes: String,
}

impl TryFrom<&UpdateInput> for UpdateDraft {
    type Error = Vec<FieldError>;

    fn try_from(i: &UpdateInput) -> Result<Self, Self::Error> {
        let mut c = Checks::default();
        let slug = c.field("slug", Slug::parse(i.slug.trim()));
        let title = c.field("title", Line::parse(&i.title));
        let body = c.field("body", Text::parse(&i.body, Text::BODY));
        let office = c.field("office", Slug::parse(i.office.trim()));
        let date = c.field("date", IsoDate::parse(i.date.trim()));
        let internal_notes = Restricted::new(i.internal_notes.trim().to_string());
        let draft = (|| {
            Some(UpdateDraft { slug: slug?, title: title?, body: body?, office: office?, date: date?, internal_notes })
        })();
        c.finish(draft)
    }
}

impl UpdateDraft {
    pub fn to_input(&self) -> UpdateInput {
        let UpdateDraft { slug, title, body, office, date, internal_notes } = self;
        UpdateInput {
            slug: slug.to_string(),
            title: title.to_string(),
            body: body.to_string(),
            office: office.to_string(),
            date: date.to_string(),
            internal_notes: internal_notes.expose().clone(),
        }
    }
}

impl UpdateInput {
    /// Every field by name, as a form shows it (restricted ones included: this is
    /// an officials' type and is never serialised).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let UpdateInput { slug, title, body, office, date, internal_notes } = self;
        vec![
            ("slug", slug.as_str()),
            ("title", title.as_str()),
            ("body", body.as_str()),
            ("office", office.as_str()),
            ("date", date.as_str()),
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
    public("title", "Title", "", Widget::Line),
    public("date", "Date", "YYYY-MM-DD", Widget::Date),
    public("office", "Office", "", Widget::Jurisdiction),
    public(
        "body",
        "Text (Markdown)",
        "Public. Do not include system, network or physical-security details.",
        Widget::Area,
    ),
    restricted("internal_notes", "Internal notes (never published)", "", Widget::Area),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_refuse_markup() {
        let i = UpdateInput {
            slug: "u".into(),
            title: "</title><meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">".into(),
            body: "Hello".into(),
            office: "missouri".into(),
            date: "2024-11-05".into(),
            internal_notes: String::new(),
        };
        let errors = UpdateDraft::try_from(&i).unwrap_err();
        assert_eq!(errors[0].field, "title");
    }
}
