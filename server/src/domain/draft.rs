//! What every record kind's draft shares: field errors, the draft of any kind,
//! and the limits that keep one record's work bounded.

use super::audit::AuditDraft;
use super::expenditure::ExpenditureDraft;
use super::grant::GrantDraft;
use super::update::UpdateDraft;
use super::values::Slug;
use super::RecordKind;

/// A mistake in one field, in words the official can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), message: message.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Collects every field's mistake, so a form or an import row reports all of them.
#[derive(Debug, Default)]
pub struct Checks {
    pub errors: Vec<FieldError>,
}

impl Checks {
    /// Runs a parse; on error records it under `field` and returns `None`.
    pub fn field<T>(&mut self, field: &str, r: Result<T, String>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(message) => {
                self.errors.push(FieldError::new(field, message));
                None
            }
        }
    }

    /// An optional value: empty text is `None`, anything else must parse.
    pub fn optional<T>(
        &mut self,
        field: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        if text.trim().is_empty() {
            Some(None)
        } else {
            self.field(field, parse(text.trim())).map(Some)
        }
    }

    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

/// A draft of any kind.
// An audit is the largest draft by a few hundred bytes; drafts are handled one
// at a time, never in bulk, so boxing it would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum AnyDraft {
    Audit(AuditDraft),
    Grant(GrantDraft),
    Expenditure(ExpenditureDraft),
    Update(UpdateDraft),
}

impl AnyDraft {
    pub fn kind(&self) -> RecordKind {
        match self {
            AnyDraft::Audit(_) => RecordKind::Audit,
            AnyDraft::Grant(_) => RecordKind::Grant,
            AnyDraft::Expenditure(_) => RecordKind::Expenditure,
            AnyDraft::Update(_) => RecordKind::Update,
        }
    }

    pub fn slug(&self) -> &Slug {
        match self {
            AnyDraft::Audit(d) => &d.slug,
            AnyDraft::Grant(d) => &d.slug,
            AnyDraft::Expenditure(d) => &d.slug,
            AnyDraft::Update(d) => &d.slug,
        }
    }

    /// The jurisdiction the record is about (an audit's county, a grant's or an
    /// expenditure's recipient, an update's office): whose office may act on it.
    pub fn jurisdiction(&self) -> &Slug {
        match self {
            AnyDraft::Audit(d) => &d.jurisdiction,
            AnyDraft::Grant(d) => &d.recipient,
            AnyDraft::Expenditure(d) => &d.recipient,
            AnyDraft::Update(d) => &d.office,
        }
    }
}

impl From<AuditDraft> for AnyDraft {
    fn from(d: AuditDraft) -> Self {
        AnyDraft::Audit(d)
    }
}

impl From<GrantDraft> for AnyDraft {
    fn from(d: GrantDraft) -> Self {
        AnyDraft::Grant(d)
    }
}

impl From<ExpenditureDraft> for AnyDraft {
    fn from(d: ExpenditureDraft) -> Self {
        AnyDraft::Expenditure(d)
    }
}

impl From<UpdateDraft> for AnyDraft {
    fn from(d: UpdateDraft) -> Self {
        AnyDraft::Update(d)
    }
}
