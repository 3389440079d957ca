//! Draft forms, rendered from each kind's field list (`domain::form`) and read
//! back into a typed draft. What the official typed is kept when a form is refused.

use super::widgets::{csrf, input, select, textarea};
use crate::db::reference;
use crate::domain::audit::{AuditInput, ContestInput, DocumentDraft};
use crate::domain::draft::{AnyDraft, FieldError};
use crate::domain::expenditure::{ExpenditureDraft, ExpenditureInput};
use crate::domain::form::{self, Field, Widget};
use crate::domain::grant::{GrantDraft, GrantInput};
use crate::domain::update::{UpdateDraft, UpdateInput};
use crate::domain::RecordKind;
use crate::error::AppResult;
use crate::officials::session::SignedIn;
use crate::officials::OfficialsState;
use maud::{html, Markup};
use serde::de::value::{Error as ValueError, MapDeserializer};
use serde::Deserialize;
use std::collections::HashMap;

/// A form's values by field name (contests as `contest-N-field`).
pub type Values = HashMap<String, String>;

/// At most this many contests are read from one audit form.
const MAX_FORM_CONTESTS: usize = crate::domain::audit::MAX_CONTESTS;

pub fn parse_kind(kind: &str) -> Option<RecordKind> {
    RecordKind::from_code(kind)
}

/// The choices a form offers: the official's offices, elections, legal bases.
pub struct Choices {
    offices: Vec<(String, String)>,
    elections: Vec<(String, String)>,
    bases: Vec<(String, String)>,
}

impl Choices {
    pub async fn load(o: &OfficialsState, s: &SignedIn) -> AppResult<Choices> {
        let offices = reference::jurisdictions_for_officials(&o.db)
            .await?
            .into_iter()
            .filter(|j| s.account.covers(&j.slug))
            .map(|j| (j.slug, j.name))
            .collect();
        let elections = reference::elections(&o.db).await?;
        let bases = std::iter::once((String::new(), "None".to_string()))
            .chain(o.policy.bases.iter().map(|b| (b.citation.clone(), b.citation.clone())))
            .collect();
        Ok(Choices { offices, elections, bases })
    }
}

fn slug_label(kind: RecordKind) -> String {
    format!("Slug (its address: {}/{{slug}})", kind.path_prefix())
}

fn control(f: &Field, name: &str, label: &str, value: &str, choices: &Choices) -> Markup {
    let label_of = |c: &str| if c.is_empty() { "(none)".to_string() } else { c.replace('_', " ") };
    let codes = |all: &[&str]| all.iter().map(|c| (c.to_string(), label_of(c))).collect::<Vec<_>>();
    match f.widget {
        Widget::Line | Widget::Money => input(name, label, value, "text", f.hint),
        Widget::Date => input(name, label, value, "date", f.hint),
        Widget::Area => textarea(name, label, value, f.hint),
        Widget::Code(all) if name.ends_with("category") => {
            let options: Vec<(String, String)> = all
                .iter()
                .filter_map(|c| app::model::Category::from_code(c))
                .map(|c| (c.code().to_string(), app::i18n::Lang::En.category(c).to_string()))
                .collect();
            select(name, label, &options, value)
        }
        Widget::Code(all) => select(name, label, &codes(all), value),
        Widget::Jurisdiction => select(name, label, &choices.offices, value),
        Widget::Election => select(name, label, &choices.elections, value),
        Widget::Basis => select(name, label, &choices.bases, value),
        Widget::Met => {
            let options = [("", "Not recorded"), ("true", "Yes"), ("false", "No")]
                .iter()
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect::<Vec<_>>();
            select(name, label, &options, value)
        }
    }
}

fn fields(list: &[Field], values: &Values, choices: &Choices) -> Markup {
    let v = |k: &str| values.get(k).map(String::as_str).unwrap_or("");
    html! { @for f in list { (control(f, f.name, f.label, v(f.name), choices)) } }
}

/// The withheld-details fieldset and internal notes.
fn withholding(values: &Values, choices: &Choices) -> Markup {
    let (withheld, notes) = form::WITHHOLDING.split_at(3);
    html! {
        fieldset { legend { "Withheld security details" } (fields(withheld, values, choices)) }
        (fields(notes, values, choices))
    }
}

/// One fieldset per contest, and a blank one to add another (saving adds a new
/// blank one; no script needed).
fn contests(values: &Values, choices: &Choices) -> Markup {
    let v = |k: String| values.get(&k).cloned().unwrap_or_default();
    let count = (0..MAX_FORM_CONTESTS).take_while(|i| !v(format!("contest-{i}-name")).trim().is_empty()).count();
    html! {
        @for i in 0..=count.min(MAX_FORM_CONTESTS - 1) {
            fieldset {
                legend { "Contest " (i + 1) @if i == count { " (fill in to add one)" } }
                @for f in crate::domain::audit::CONTEST_FORM {
                    (control(f, &format!("contest-{i}-{}", f.name), &format!("Contest {} {}", i + 1, f.label),
                        &v(format!("contest-{i}-{}", f.name)), choices))
                }
            }
        }
    }
}

/// A kind's draft form posting to `action`.
pub fn render(
    kind: RecordKind,
    who: &SignedIn,
    action: &str,
    is_new: bool,
    values: &Values,
    choices: &Choices,
) -> Markup {
    let v = |k: &str| values.get(k).map(String::as_str).unwrap_or("");
    let slug = if is_new {
        input("slug", &slug_label(kind), v("slug"), "text", "Lower-case letters, digits and hyphens.")
    } else {
        html! {}
    };
    let body = match kind {
        RecordKind::Expenditure => {
            html! { (fields(crate::domain::expenditure::FORM, values, choices)) (withholding(values, choices)) }
        }
        RecordKind::Grant => fields(crate::domain::grant::FORM, values, choices),
        RecordKind::Update => fields(crate::domain::update::FORM, values, choices),
        RecordKind::Audit => {
            html! { (fields(crate::domain::audit::FORM, values, choices)) (withholding(values, choices)) (contests(values, choices)) }
        }
    };
    html! {
        form method="post" action=(action) class="stack" {
            (csrf(who))
            (slug)
            (body)
            button type="submit" { "Save draft" }
        }
    }
}

/// A draft's values as its form shows them.
pub fn values_of(draft: &AnyDraft) -> Values {
    let pairs = |fields: Vec<(&'static str, &str)>| {
        fields.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Values>()
    };
    match draft {
        AnyDraft::Expenditure(d) => pairs(d.to_input().fields()),
        AnyDraft::Grant(d) => pairs(d.to_input().fields()),
        AnyDraft::Update(d) => pairs(d.to_input().fields()),
        AnyDraft::Audit(d) => {
            let input = d.to_input();
            let mut values = pairs(input.fields());
            for (i, c) in input.contests.iter().enumerate() {
                for (k, v) in c.fields() {
                    values.insert(format!("contest-{i}-{k}"), v.to_string());
                }
            }
            values
        }
    }
}

fn typed<T: for<'de> Deserialize<'de>>(values: &Values) -> Result<T, Vec<FieldError>> {
    T::deserialize(MapDeserializer::<_, ValueError>::new(values.clone().into_iter()))
        .map_err(|e| vec![FieldError::new("form", format!("the form could not be read: {e}"))])
}

/// Reads a submitted form into a draft of `kind` with this slug (an audit keeps
/// `documents`). Every mistake is returned with its field.
pub fn parse(
    kind: RecordKind,
    values: &Values,
    slug: &str,
    documents: Vec<DocumentDraft>,
) -> Result<AnyDraft, Vec<FieldError>> {
    let mut values = values.clone();
    values.insert("slug".into(), slug.trim().to_string());
    match kind {
        RecordKind::Expenditure => {
            let input: ExpenditureInput = typed(&values)?;
            ExpenditureDraft::try_from(&input).map(AnyDraft::Expenditure)
        }
        RecordKind::Grant => {
            let input: GrantInput = typed(&values)?;
            GrantDraft::try_from(&input).map(AnyDraft::Grant)
        }
        RecordKind::Update => {
            let input: UpdateInput = typed(&values)?;
            UpdateDraft::try_from(&input).map(AnyDraft::Update)
        }
        RecordKind::Audit => {
            let mut input: AuditInput = typed(&values)?;
            for i in 0..MAX_FORM_CONTESTS {
                let prefix = format!("contest-{i}-");
                let contest: Values = values
                    .iter()
                    .filter_map(|(k, v)| k.strip_prefix(&prefix).map(|f| (f.to_string(), v.clone())))
                    .collect();
                if contest.is_empty() {
                    break;
                }
                let c: ContestInput = typed(&contest)?;
                input.contests.push(c);
            }
            input.to_draft(documents).map(AnyDraft::Audit)
        }
    }
}
