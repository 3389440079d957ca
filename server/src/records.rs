//! Database rows of drafts (`*Record`). Server-only: none of these types implements
//! `Serialize`, and restricted values are wrapped in [`Restricted`], which has no
//! `Serialize` and no `Display` either, so they cannot be formatted into a response.

use sqlx::any::{Any, AnyTypeInfo, AnyValueRef};
use sqlx::decode::Decode;
use sqlx::error::BoxDynError;
use sqlx::FromRow;

/// A value the gate must never publish (security details, internal notes).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Restricted<T>(T);

impl<T> Restricted<T> {
    pub fn new(value: T) -> Self {
        Restricted(value)
    }

    /// The value itself, for the officials' side and the gate's checks only.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl Restricted<String> {
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl<T> std::fmt::Debug for Restricted<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Restricted(..)")
    }
}

impl sqlx::Type<Any> for Restricted<String> {
    fn type_info() -> AnyTypeInfo {
        <String as sqlx::Type<Any>>::type_info()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as sqlx::Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Restricted<String> {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Restricted(<String as Decode<Any>>::decode(value)?))
    }
}

#[derive(Debug, FromRow)]
pub struct AuditDraftRecord {
    pub id: i64,
    pub slug: String,
    pub election_slug: String,
    pub jurisdiction_slug: String,
    pub audit_type: String,
    pub math: String,
    pub risk_limit_pct: Option<f64>,
    pub seed: Option<String>,
    pub started_on: Option<String>,
    pub completed_on: Option<String>,
    pub outcome: String,
    pub summary: String,
    pub security_details: Restricted<String>,
    pub withholding_basis: String,
    pub withholding_statement: String,
    pub internal_notes: Restricted<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, FromRow)]
pub struct ContestDraftRecord {
    pub id: i64,
    pub draft_id: i64,
    pub position: i64,
    pub name: String,
    /// JSON array of names.
    pub winners: String,
    pub votes_allowed: i64,
    pub ballots_cast: i64,
    pub sample_size: Option<i64>,
    pub o1: Option<i64>,
    pub o2: Option<i64>,
    pub u1: Option<i64>,
    pub u2: Option<i64>,
    pub p_value: Option<f64>,
    pub risk_limit_met: Option<i64>,
}

#[derive(Debug, FromRow)]
pub struct TallyDraftRecord {
    pub contest_id: i64,
    pub position: i64,
    pub candidate: String,
    pub reported_votes: i64,
    pub audited_votes: Option<i64>,
}

#[derive(Debug, FromRow)]
pub struct DocumentDraftRecord {
    pub draft_id: i64,
    pub position: i64,
    pub title: String,
    pub url: String,
    pub sha256: String,
}

#[derive(Debug, FromRow)]
pub struct GrantDraftRecord {
    pub id: i64,
    pub slug: String,
    pub program: String,
    pub funder: String,
    pub recipient_slug: String,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub award_date: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub source: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, FromRow)]
pub struct ExpenditureDraftRecord {
    pub id: i64,
    pub slug: String,
    pub grant_slug: String,
    pub recipient_slug: String,
    pub category: String,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub spent_on: String,
    pub vendor: String,
    pub description: String,
    pub security_details: Restricted<String>,
    pub withholding_basis: String,
    pub withholding_statement: String,
    pub internal_notes: Restricted<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, FromRow)]
pub struct UpdateDraftRecord {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub body_markdown: String,
    pub office_slug: String,
    pub update_date: String,
    pub internal_notes: Restricted<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restricted_debug_hides_the_value() {
        let r = Restricted::new("canary-123".to_string());
        assert!(!format!("{r:?}").contains("canary"));
        assert_eq!(r.expose(), "canary-123");
    }
}
