//! The scanner applied to what a submission would publish: every public text of
//! the draft's projection, and its correction note.

use super::policy::Policy;
use super::projection::{PublicText, SHOWN_BODY};
use super::scanner::{Finding, Scanner, Severity};
use crate::db::overrides::OverrideKey;

/// A projection's public texts with the submission's correction note.
pub fn texts_with_note(texts: &[PublicText], note: Option<&str>) -> Vec<PublicText> {
    let mut all = texts.to_vec();
    if let Some(note) = note {
        all.push(PublicText { field: "correction_note".into(), text: note.to_string() });
    }
    all
}

/// Every finding in these texts, warnings included. A finding in an update's
/// body as rendered that its source already shows (same rule, same excerpt) is
/// not repeated.
pub fn scan(policy: &Policy, texts: &[PublicText]) -> Vec<Finding> {
    let scanner = Scanner::new(policy);
    let mut found: Vec<Finding> = Vec::new();
    for t in texts {
        for f in scanner.scan(&t.field, &t.text) {
            let repeated = t.field == SHOWN_BODY
                && found.iter().any(|g| g.field == "body" && g.rule == f.rule && g.excerpt == f.excerpt);
            if !repeated {
                found.push(f);
            }
        }
    }
    found
}

/// Every finding in what a draft would publish: its public texts (and the
/// correction note) read by the scanner, and, for an audit, each contest whose
/// published risk its own numbers contradict.
pub fn of_draft(
    policy: &Policy,
    draft: &crate::domain::draft::AnyDraft,
    texts: &[PublicText],
    note: Option<&str>,
) -> Vec<Finding> {
    let mut found = scan(policy, &texts_with_note(texts, note));
    if let crate::domain::draft::AnyDraft::Audit(a) = draft {
        found.extend(super::projection::math_findings(a));
    }
    found
}

/// The blocking findings that no reviewer has overridden (a recomputed risk
/// that contradicts the claim cannot be overridden).
pub fn unresolved(findings: &[Finding], overrides: &[OverrideKey]) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .filter(|f| {
            super::check::is_math(f.rule)
                || !overrides
                    .iter()
                    .any(|(field, rule, excerpt)| *field == f.field && rule == f.rule && *excerpt == f.excerpt)
        })
        .cloned()
        .collect()
}

/// The refusal for unresolved blocking findings, naming each one (a
/// contradicted risk with both numbers).
pub fn refusal(blocking: &[Finding]) -> crate::error::AppError {
    let list: Vec<String> = blocking
        .iter()
        .map(|f| {
            if super::check::is_math(f.rule) {
                format!("{} ({}): {}", f.field, f.rule, f.excerpt)
            } else {
                format!("{} (characters {}–{}): {} — {}", f.field, f.start + 1, f.end, f.rule, f.hint)
            }
        })
        .collect();
    let math = blocking.iter().any(|f| super::check::is_math(f.rule));
    let texts = blocking.iter().any(|f| !super::check::is_math(f.rule));
    let what = match (texts, math) {
        (true, true) => "defensive details and contradicted risks",
        (false, true) => "risks its own numbers contradict",
        _ => "defensive details",
    };
    let fix = if math {
        "Correct the numbers or the claims (a recomputation cannot be overridden); fix the text, or have a reviewer \
         override each scanner finding with a written reason."
    } else {
        "Fix the text, or have a reviewer override each finding with a written reason."
    };
    crate::error::AppError::validation(
        "scanner",
        format!("publication refused: {} {what} found: {}. {fix}", blocking.len(), list.join("; ")),
    )
}
