//! Errors: what a user can fix (shown to them) and what they cannot (logged).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Input a person can correct: the field and a plain message.
    #[error("{field}: {message}")]
    Validation { field: String, message: String },
    /// The official may not do this; the message says why in plain words.
    #[error("{0}")]
    Forbidden(String),
    /// Something that is not the user's doing; details go to the log only.
    #[error("internal error")]
    Internal(#[source] anyhow_lite::Cause),
}

impl AppError {
    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden(message.into())
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation { field: field.into(), message: message.into() }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(anyhow_lite::Cause(e.to_string()))
    }
}

impl From<sqlx::migrate::MigrateError> for AppError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        AppError::Internal(anyhow_lite::Cause(e.to_string()))
    }
}

pub mod anyhow_lite {
    /// The text of an unexpected failure, kept for the log.
    #[derive(Debug, thiserror::Error)]
    #[error("{0}")]
    pub struct Cause(pub String);
}

pub type AppResult<T> = Result<T, AppError>;
