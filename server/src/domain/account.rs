//! Officials, their roles and their offices.

use super::values::Slug;

/// What an official may do. Every role may draft and submit; reviewers and admins
/// approve (never what they submitted or edited); admins also manage accounts and
/// read the activity log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Author,
    Reviewer,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Author, Role::Reviewer, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Result<Role, String> {
        Role::ALL.into_iter().find(|r| r.code() == s).ok_or_else(|| {
            format!("\"{}\" is not a role; use author, reviewer or admin", s.chars().take(40).collect::<String>())
        })
    }

    pub fn may_review(self) -> bool {
        matches!(self, Role::Reviewer | Role::Admin)
    }
}

/// An official as the workflow sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub office: Slug,
    /// Whether the office is the state's: a state account acts for every jurisdiction.
    pub statewide: bool,
    pub disabled: bool,
    pub totp_enabled: bool,
    /// An administrator requires a second factor; until it is on, the official may
    /// only turn it on.
    pub totp_required: bool,
}

impl Account {
    pub fn must_enrol(&self) -> bool {
        self.totp_required && !self.totp_enabled
    }

    /// Whether this official may act on a record of `jurisdiction`.
    pub fn covers(&self, jurisdiction: &str) -> bool {
        self.statewide || self.office.as_str() == jurisdiction
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(office: &str, statewide: bool) -> Account {
        Account {
            id: 1,
            email: "a@b.example".into(),
            role: Role::Author,
            office: Slug::parse(office).unwrap(),
            statewide,
            disabled: false,
            totp_enabled: false,
            totp_required: false,
        }
    }

    #[test]
    fn a_county_covers_itself_and_the_state_covers_all() {
        assert!(account("boone-county", false).covers("boone-county"));
        assert!(!account("boone-county", false).covers("clay-county"));
        assert!(account("missouri", true).covers("clay-county"));
    }

    #[test]
    fn roles_parse_and_only_reviewers_and_admins_review() {
        assert_eq!(Role::parse("reviewer").unwrap(), Role::Reviewer);
        assert!(Role::parse("root").is_err());
        assert!(!Role::Author.may_review());
        assert!(Role::Admin.may_review());
    }
}
