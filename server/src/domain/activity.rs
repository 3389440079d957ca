//! What the append-only activity log records.

/// Every action the activity log records, with its stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    SignIn,
    SignInFailed,
    SignInThrottled,
    SignOut,
    SessionEnd,
    AccountAdd,
    AccountDisable,
    AccountRequireTotp,
    AccountTotp,
    AccountPassword,
    AccountPasswordReset,
    AccountTotpReset,
    AccountRecoveryCodes,
    DraftCreate,
    DraftEdit,
    DraftCorrection,
    SubmissionCreate,
    SubmissionReturn,
    Override,
    ApprovalRefused,
    ApprovalSchedule,
    Publication,
    PublicationCorrection,
    RetractionRequest,
    Retraction,
    ImportSpending,
    ImportAudits,
}

impl Action {
    pub const ALL: [Action; 27] = [
        Action::SignIn,
        Action::SignInFailed,
        Action::SignInThrottled,
        Action::SignOut,
        Action::SessionEnd,
        Action::AccountAdd,
        Action::AccountDisable,
        Action::AccountRequireTotp,
        Action::AccountTotp,
        Action::AccountPassword,
        Action::AccountPasswordReset,
        Action::AccountTotpReset,
        Action::AccountRecoveryCodes,
        Action::DraftCreate,
        Action::DraftEdit,
        Action::DraftCorrection,
        Action::SubmissionCreate,
        Action::SubmissionReturn,
        Action::Override,
        Action::ApprovalRefused,
        Action::ApprovalSchedule,
        Action::Publication,
        Action::PublicationCorrection,
        Action::RetractionRequest,
        Action::Retraction,
        Action::ImportSpending,
        Action::ImportAudits,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::SignIn => "sign-in",
            Action::SignInFailed => "sign-in.failed",
            Action::SignInThrottled => "sign-in.throttled",
            Action::SignOut => "sign-out",
            Action::SessionEnd => "session.end",
            Action::AccountAdd => "account.add",
            Action::AccountDisable => "account.disable",
            Action::AccountRequireTotp => "account.require-2fa",
            Action::AccountTotp => "account.totp",
            Action::AccountPassword => "account.password",
            Action::AccountPasswordReset => "account.password-reset",
            Action::AccountTotpReset => "account.reset-2fa",
            Action::AccountRecoveryCodes => "account.recovery-codes",
            Action::DraftCreate => "draft.create",
            Action::DraftEdit => "draft.edit",
            Action::DraftCorrection => "draft.correction",
            Action::SubmissionCreate => "submission.create",
            Action::SubmissionReturn => "submission.return",
            Action::Override => "override",
            Action::ApprovalRefused => "approval.refused",
            Action::ApprovalSchedule => "approval.schedule",
            Action::Publication => "publication",
            Action::PublicationCorrection => "publication.correction",
            Action::RetractionRequest => "retraction.request",
            Action::Retraction => "retraction",
            Action::ImportSpending => "import.spending",
            Action::ImportAudits => "import.audits",
        }
    }

    pub fn parse(s: &str) -> Result<Action, String> {
        Action::ALL
            .into_iter()
            .find(|a| a.code() == s)
            .ok_or_else(|| format!("\"{}\" is not an activity action", s.chars().take(40).collect::<String>()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.code()).unwrap(), a);
        }
        let mut codes: Vec<_> = Action::ALL.iter().map(|a| a.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Action::ALL.len());
    }
}
