//! The scanner applied to what a submission would publish: every public text of
//! the draft's projection, and its correction note.

use super::policy::Policy;
use super::projection::PublicText;
use super::scanner::{Finding, Scanner, Severity};
use crate::db::overrides::OverrideKey;

/// Every finding in these texts, warnings included.
pub fn scan(policy: &Policy, texts: &[PublicText]) -> Vec<Finding> {
    let scanner = Scanner::new(policy);
    texts.iter().flat_map(|t| scanner.scan(&t.field, &t.text)).collect()
}

/// The blocking findings that no reviewer has overridden.
pub fn unresolved(findings: &[Finding], overrides: &[OverrideKey]) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .filter(|f| {
            !overrides.iter().any(|(field, rule, excerpt)| *field == f.field && rule == f.rule && *excerpt == f.excerpt)
        })
        .cloned()
        .collect()
}

/// The refusal for unresolved blocking findings, naming each one.
pub fn refusal(blocking: &[Finding]) -> crate::error::AppError {
    let list: Vec<String> = blocking
        .iter()
        .map(|f| format!("{} (characters {}–{}): {} — {}", f.field, f.start + 1, f.end, f.rule, f.hint))
        .collect();
    crate::error::AppError::validation(
        "scanner",
        format!(
            "publication refused: the scanner found {} defensive detail(s): {}. Fix the text, or have a reviewer \
             override each finding with a written reason.",
            blocking.len(),
            list.join("; ")
        ),
    )
}
