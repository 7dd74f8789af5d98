//! Errors are values the owner can act on: each says what happened and what to do.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A problem with one field of a form, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The field's name as the UI knows it (`givenName`, `emails.0`…).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", describe_fields(.0))]
    Invalid(Vec<FieldError>),
    #[error("{what} was not found; it may have been deleted. Reload the list and try again.")]
    NotFound { what: String },
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Exchange(#[from] crate::exchange::ExchangeError),
    #[error(transparent)]
    Photo(#[from] crate::photos::PhotoError),
    #[error(transparent)]
    Welcome(#[from] crate::welcome::WelcomeError),
}

impl Error {
    pub fn from_field_errors(errors: Vec<FieldError>) -> Result<(), Error> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(errors))
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    pub fn not_found(what: impl Into<String>) -> Error {
        Error::NotFound { what: what.into() }
    }

    /// A short, stable code the UI branches on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound { .. } => "notFound",
            Error::Conflict(_) => "conflict",
            Error::Store(e) => e.code(),
            Error::Exchange(e) => e.code(),
            Error::Photo(e) => e.code(),
            Error::Welcome(e) => e.code(),
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

fn describe_fields(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the window receives when a command fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub code: String,
    pub message: String,
    /// Problems with single fields of a form, each shown beside its field.
    pub fields: Vec<FieldError>,
}

impl From<&Error> for AppError {
    fn from(error: &Error) -> AppError {
        AppError {
            code: error.code().to_string(),
            message: error.to_string(),
            fields: error.field_errors().to_vec(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Error> for AppError {
    fn from(error: Error) -> AppError {
        AppError::from(&error)
    }
}
