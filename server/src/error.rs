//! One error type for the whole server. What a person can fix (validation,
//! forbidden, not found) is shown to them in plain words; anything else is
//! internal: its cause chain goes to the log and the person sees a generic message.

use crate::domain::draft::FieldError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Input a person can correct: the field and a plain message.
    #[error("{field}: {message}")]
    Validation { field: String, message: String },
    /// Several mistakes at once (a form or an import row).
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
    Fields(Vec<FieldError>),
    /// Not signed in, or the credentials were not right.
    #[error("{0}")]
    Unauthorised(String),
    /// Too many tries (sign-in throttling); the message says when to try again.
    #[error("{0}")]
    TooManyRequests(String),
    /// The official may not do this; the message says why in plain words.
    #[error("{0}")]
    Forbidden(String),
    /// Something that is not the user's doing; details go to the log only.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden(message.into())
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation { field: field.into(), message: message.into() }
    }

    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(e.into())
    }

    /// The field mistakes this error carries, if it is one a person can fix.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            AppError::Validation { field, message } => vec![FieldError::new(field.clone(), message.clone())],
            AppError::Fields(errors) => errors.clone(),
            _ => Vec::new(),
        }
    }

    /// Logs an internal error with its whole cause chain (once, where it is answered).
    pub fn log(&self, what: &str) {
        match self {
            AppError::Internal(e) => tracing::error!(error = format!("{e:#}"), "{what}"),
            other => tracing::debug!(error = %other, "{what}"),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Validation { field: e.field, message: e.message }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Fields(errors)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("database"))
    }
}

impl From<sqlx::migrate::MigrateError> for AppError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("migrating the database"))
    }
}

/// Adds context to an unexpected failure, keeping its source chain.
pub trait Context<T> {
    fn context(self, what: &'static str) -> AppResult<T>;
}

impl<T> Context<T> for Result<T, sqlx::Error> {
    fn context(self, what: &'static str) -> AppResult<T> {
        self.map_err(|e| AppError::Internal(anyhow::Error::new(e).context(what)))
    }
}

pub type AppResult<T> = Result<T, AppError>;
