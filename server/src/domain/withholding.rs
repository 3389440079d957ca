//! Restricted values and the one withholding rule.
//!
//! A restricted value (security details, internal notes) is wrapped in
//! [`Restricted`], which has no `Serialize` and no `Display`, so it cannot be
//! formatted into a response by accident. The rule that decides whether a
//! restricted detail may be withheld lives here once; the gate applies it at
//! publication, the forms and the import at entry.

use super::draft::FieldError;

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

/// The restricted part of a draft: the withheld detail, the basis and statement
/// that justify withholding it, and internal notes (never public).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestrictedPart {
    pub security_details: Restricted<String>,
    /// The basis's citation as the policy writes it (`RSMo 610.021(21)`).
    pub withholding_basis: String,
    /// The written statement the law requires; public when a detail is withheld.
    pub withholding_statement: String,
    pub internal_notes: Restricted<String>,
}

/// A legal basis as a policy states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BasisRef<'a> {
    pub citation: &'a str,
    pub description: &'a str,
    pub requires_statement: bool,
}

/// What the withholding rule needs to know of a policy.
pub trait WithholdingPolicy {
    fn name(&self) -> &str;
    fn basis(&self, citation: &str) -> Option<BasisRef<'_>>;
    fn citations(&self) -> Vec<&str>;
    /// Whether `kind.field` (e.g. `expenditure.security_details`) may be withheld.
    fn may_withhold(&self, field: &str) -> bool;
}

/// A withholding as it will be published: what kind of detail, under which basis,
/// and the statement. Never the detail itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Withholding {
    pub detail: &'static str,
    pub basis_citation: String,
    pub basis_description: String,
    pub statement: String,
}

/// The withholding rule. An empty detail withholds nothing (and then a basis or
/// statement is a mistake); a non-empty one needs a field the policy lets be
/// withheld, a basis the policy knows, and the written statement.
pub fn withholding(
    policy: &dyn WithholdingPolicy,
    kind: &str,
    detail: &'static str,
    part: &RestrictedPart,
) -> Result<Option<Withholding>, FieldError> {
    let basis = part.withholding_basis.trim();
    let statement = part.withholding_statement.trim();
    if part.security_details.is_empty() {
        if !basis.is_empty() || !statement.is_empty() {
            return Err(FieldError::new(
                "withholding_basis",
                "a basis and statement are only for a record with security details; clear them or add the details",
            ));
        }
        return Ok(None);
    }
    let field = format!("{kind}.{detail}");
    if !policy.may_withhold(&field) {
        return Err(FieldError::new(
            detail,
            format!(
                "the policy ({}) keeps {field} open, so it cannot be withheld; publish it or remove it",
                policy.name()
            ),
        ));
    }
    let known = policy.citations().join(", ");
    let Some(b) = policy.basis(basis) else {
        return Err(FieldError::new(
            "withholding_basis",
            if basis.is_empty() {
                format!("security details are withheld, so name the legal basis ({known})")
            } else {
                format!(
                    "\"{}\" is not a basis in the policy; use one of {known}",
                    basis.chars().take(60).collect::<String>()
                )
            },
        ));
    };
    if b.requires_statement && statement.is_empty() {
        return Err(FieldError::new(
            "withholding_statement",
            "security details are withheld, so write the statement the law requires: why disclosure would impair \
             the office's ability to protect persons or property",
        ));
    }
    if statement.chars().count() > super::values::Text::PROSE {
        return Err(FieldError::new(
            "withholding_statement",
            format!("use at most {} characters", super::values::Text::PROSE),
        ));
    }
    Ok(Some(Withholding {
        detail,
        basis_citation: b.citation.to_string(),
        basis_description: b.description.to_string(),
        statement: statement.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestPolicy;

    impl WithholdingPolicy for TestPolicy {
        fn name(&self) -> &str {
            "test"
        }
        fn basis(&self, citation: &str) -> Option<BasisRef<'_>> {
            (citation == "RSMo 610.021(21)").then_some(BasisRef {
                citation: "RSMo 610.021(21)",
                description: "computer configuration",
                requires_statement: true,
            })
        }
        fn citations(&self) -> Vec<&str> {
            vec!["RSMo 610.021(21)"]
        }
        fn may_withhold(&self, field: &str) -> bool {
            field == "audit.security_details"
        }
    }

    fn part(details: &str, basis: &str, statement: &str) -> RestrictedPart {
        RestrictedPart {
            security_details: Restricted::new(details.into()),
            withholding_basis: basis.into(),
            withholding_statement: statement.into(),
            internal_notes: Restricted::default(),
        }
    }

    #[test]
    fn restricted_debug_hides_the_value() {
        let r = Restricted::new("canary-123".to_string());
        assert!(!format!("{r:?}").contains("canary"));
        assert_eq!(r.expose(), "canary-123");
    }

    #[test]
    fn empty_detail_withholds_nothing_and_needs_no_basis() {
        assert_eq!(withholding(&TestPolicy, "audit", "security_details", &part(" ", "", "")).unwrap(), None);
        let err = withholding(&TestPolicy, "audit", "security_details", &part("", "RSMo 610.021(21)", "")).unwrap_err();
        assert_eq!(err.field, "withholding_basis");
    }

    #[test]
    fn withholding_needs_a_known_basis_and_the_statement() {
        let err = withholding(&TestPolicy, "audit", "security_details", &part("x", "", "because")).unwrap_err();
        assert!(err.message.contains("name the legal basis"), "{err:?}");
        let err = withholding(&TestPolicy, "audit", "security_details", &part("x", "RSMo 1.2", "because")).unwrap_err();
        assert!(err.message.contains("not a basis"), "{err:?}");
        let err =
            withholding(&TestPolicy, "audit", "security_details", &part("x", "RSMo 610.021(21)", " ")).unwrap_err();
        assert_eq!(err.field, "withholding_statement");
        let w = withholding(&TestPolicy, "audit", "security_details", &part("x", "RSMo 610.021(21)", "Impairs."))
            .unwrap()
            .unwrap();
        assert_eq!(w.basis_citation, "RSMo 610.021(21)");
        assert_eq!(w.statement, "Impairs.");
    }

    #[test]
    fn a_field_the_policy_keeps_open_cannot_be_withheld() {
        let err =
            withholding(&TestPolicy, "expenditure", "security_details", &part("x", "RSMo 610.021(21)", "Impairs."))
                .unwrap_err();
        assert!(err.message.contains("keeps expenditure.security_details open"), "{err:?}");
    }
}
