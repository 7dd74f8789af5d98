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

/// A value that cannot be used, with the reason in the owner's words ("month 13 does not exist;
/// use 1 to 12"). Parsers return it; a form shows it beside its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl From<String> for Invalid {
    fn from(reason: String) -> Invalid {
        Invalid(reason)
    }
}

impl From<&str> for Invalid {
    fn from(reason: &str) -> Invalid {
        Invalid(reason.to_string())
    }
}

impl From<Invalid> for String {
    fn from(invalid: Invalid) -> String {
        invalid.0
    }
}

/// Work the owner stopped. Not a failure: the window shows it as "Cancelled", not as an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Cancelled {
    #[error("The import was cancelled; nothing was added or changed.")]
    Import,
    #[error("The export was cancelled; no file was written.")]
    Export,
    #[error("Printing was cancelled; no file was written.")]
    Print,
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
    #[error(transparent)]
    Gesture(#[from] crate::gestures::GestureError),
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    #[error(transparent)]
    Output(#[from] crate::paths::OutputError),
    #[error(transparent)]
    Card(crate::cards::CardError),
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
    /// A book on a server (see `From<ServerError>`: a newer schema stays `Store`).
    #[error(transparent)]
    Server(crate::store::postgres::ServerError),
}

impl From<crate::cards::CardError> for Error {
    fn from(error: crate::cards::CardError) -> Error {
        match error {
            crate::cards::CardError::Cancelled => Error::Cancelled(Cancelled::Print),
            other => Error::Card(other),
        }
    }
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
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::Invalid,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Store(e) => e.code(),
            Error::Exchange(e) => e.code(),
            Error::Photo(e) => e.code(),
            Error::Welcome(e) => e.code(),
            Error::Gesture(e) => e.code(),
            Error::Settings(e) => e.code(),
            Error::Output(e) => e.code(),
            Error::Card(e) => e.code(),
            Error::Cancelled(_) => ErrorCode::Cancelled,
            Error::Server(e) => e.code(),
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

/// The kinds of failure the window tells apart; each error of the core has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    Build,
    Busy,
    Cancelled,
    CannotOpen,
    CannotRead,
    CannotWrite,
    Card,
    Conflict,
    Corrupt,
    Database,
    DiskFull,
    Failed,
    Internal,
    Invalid,
    Locked,
    NoEmail,
    NoPassword,
    NotFound,
    /// Every card of a batch was left out: no installed font can print any of the names.
    NothingPrintable,
    PhotoDamaged,
    PhotoEmpty,
    PhotoEncode,
    PhotoNotAPicture,
    PhotoTooLarge,
    ReadOnly,
    RefusedPath,
    Send,
    Settings,
    TooNew,
    Unknown,
    UnknownFields,
    Unreadable,
}

impl ErrorCode {
    /// The code as the window sees it (`"notFound"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Build => "build",
            ErrorCode::Busy => "busy",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::CannotOpen => "cannotOpen",
            ErrorCode::CannotRead => "cannotRead",
            ErrorCode::CannotWrite => "cannotWrite",
            ErrorCode::Card => "card",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::Database => "database",
            ErrorCode::DiskFull => "diskFull",
            ErrorCode::Failed => "failed",
            ErrorCode::Internal => "internal",
            ErrorCode::Invalid => "invalid",
            ErrorCode::Locked => "locked",
            ErrorCode::NoEmail => "noEmail",
            ErrorCode::NoPassword => "noPassword",
            ErrorCode::NotFound => "notFound",
            ErrorCode::NothingPrintable => "nothingPrintable",
            ErrorCode::PhotoDamaged => "photoDamaged",
            ErrorCode::PhotoEmpty => "photoEmpty",
            ErrorCode::PhotoEncode => "photoEncode",
            ErrorCode::PhotoNotAPicture => "photoNotAPicture",
            ErrorCode::PhotoTooLarge => "photoTooLarge",
            ErrorCode::ReadOnly => "readOnly",
            ErrorCode::RefusedPath => "refusedPath",
            ErrorCode::Send => "send",
            ErrorCode::Settings => "settings",
            ErrorCode::TooNew => "tooNew",
            ErrorCode::Unknown => "unknown",
            ErrorCode::UnknownFields => "unknownFields",
            ErrorCode::Unreadable => "unreadable",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// What the window receives when a command fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// Problems with single fields of a form, each shown beside its field.
    pub fields: Vec<FieldError>,
}

impl From<&Error> for AppError {
    fn from(error: &Error) -> AppError {
        AppError {
            code: error.code(),
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
