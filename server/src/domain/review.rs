//! Where a submission stands in review.

/// A submission's status. `Pending` waits for a reviewer; `Scheduled` was approved
/// to publish at a time; `Published` and `Returned` are final.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmissionStatus {
    Pending,
    Scheduled,
    Published,
    Returned,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 4] = [
        SubmissionStatus::Pending,
        SubmissionStatus::Scheduled,
        SubmissionStatus::Published,
        SubmissionStatus::Returned,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SubmissionStatus::Pending => "pending",
            SubmissionStatus::Scheduled => "scheduled",
            SubmissionStatus::Published => "published",
            SubmissionStatus::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Result<SubmissionStatus, String> {
        SubmissionStatus::ALL
            .into_iter()
            .find(|v| v.code() == s)
            .ok_or_else(|| format!("\"{}\" is not a submission status", s.chars().take(40).collect::<String>()))
    }

    /// Whether the submission still waits for its publication.
    pub fn awaits_review(self) -> bool {
        matches!(self, SubmissionStatus::Pending | SubmissionStatus::Scheduled)
    }
}

/// What a submission asks a reviewer to approve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmissionAction {
    /// Publish a draft as a record's next version.
    Publish,
    /// Retract a published record, with a public reason.
    Retract,
}

impl SubmissionAction {
    pub fn code(self) -> &'static str {
        match self {
            SubmissionAction::Publish => "publish",
            SubmissionAction::Retract => "retract",
        }
    }

    pub fn parse(s: &str) -> Result<SubmissionAction, String> {
        match s {
            "publish" => Ok(SubmissionAction::Publish),
            "retract" => Ok(SubmissionAction::Retract),
            other => Err(format!("\"{}\" is not a submission action", other.chars().take(40).collect::<String>())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_errors() {
        for s in SubmissionStatus::ALL {
            assert_eq!(SubmissionStatus::parse(s.code()).unwrap(), s);
        }
        assert!(SubmissionStatus::parse("publishing").is_err());
        for a in [SubmissionAction::Publish, SubmissionAction::Retract] {
            assert_eq!(SubmissionAction::parse(a.code()).unwrap(), a);
        }
        assert!(SubmissionAction::parse("delete").is_err());
    }
}
