//! What can go wrong with a book on a server, said so the owner or a colleague knows what to do.

use crate::error::{Error, ErrorCode};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("The server {server} did not accept the password for {login}. Check the name and the password (both are case-sensitive); if the password is lost, an owner of the book can give you a new login with `rapport staff login add`.")]
    WrongPassword { server: String, login: String },
    #[error("The server {server} does not let {login} into this book from this computer ({detail}). Ask an owner to check your login, or that this computer is on the shop's network.")]
    LoginRefused {
        server: String,
        login: String,
        detail: String,
    },
    #[error("Rapport cannot reach the book's server at {server} ({detail}). Check that the server computer is on and on this network, then try again.")]
    Unreachable { server: String, detail: String },
    #[error("The server's certificate does not match the join code: the computer at {server} showed a certificate with fingerprint {found}. Rapport sent it nothing. If the owner set the server up again, ask for the new join code; otherwise another computer may be posing as the server.")]
    CertificateMismatch { server: String, found: String },
    #[error("The server at {server} does not offer encrypted connections (TLS), and Rapport sends passwords only over them. Turn on `ssl` in its postgresql.conf (or run `rapport server init` on it), then try again.")]
    NoTls { server: String },
    #[error("The server at {server} has no database {database}. Check the join code, or have the owner run `rapport server init` on it.")]
    DatabaseMissing { server: String, database: String },
    #[error("The server at {server} runs PostgreSQL {found}; Rapport needs PostgreSQL 13 or newer. Upgrade PostgreSQL on the server (Debian 12 has 15).")]
    ServerTooOld { server: String, found: String },
    #[error("{login} may not {action}: that is for the book's owners. Ask an owner to do it.")]
    NotAllowed { login: String, action: String },
    #[error("The database {server} is not set up as a Rapport book (it has no `rapport` schema). Run `rapport server init --url …` against it first.")]
    NotARapportBook { server: String },
    #[error("The book on {server} must be brought up to this version of Rapport (schema {to}, the server has {from}), and only an owner can do that. Ask an owner to open this version of Rapport once; then it opens for you too.")]
    NeedsOwnerToUpgrade { server: String, from: u32, to: u32 },
    #[error("This join code {reason}")]
    BadJoinCode { reason: String },
    #[error("The server address {url:?} cannot be used: {reason}.")]
    BadUrl { url: String, reason: String },
    #[error("{0}")]
    Invalid(String),
    #[error("Setting up the server failed while {step}: {detail}. Nothing after that step was done; fix the cause and run the same command again (the steps already done are kept and not repeated).")]
    Setup { step: String, detail: String },
    #[error("No password is known for {login} on {server}: {detail}. Join again with `rapport server join … --remember`, or set {PASSWORD_ENV} for scripts.")]
    NoPassword {
        login: String,
        server: String,
        detail: String,
    },
    #[error("The system keyring could not keep the password ({detail}). On a machine without a keyring, set {PASSWORD_ENV} instead.")]
    Keyring { detail: String },
    #[error("The server {server} could not complete the request ({detail}); nothing was changed. Try again; if it keeps happening, tell the owner.")]
    Database { server: String, detail: String },
    /// A store error the SQLite book has too (a newer schema: "install the newer version").
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// For scripts and machines without a keyring: the server password.
pub const PASSWORD_ENV: &str = "RAPPORT_SERVER_PASSWORD";

impl ServerError {
    /// The window's code for it. No codes of its own yet: the window does not branch on these
    /// (add one when it does), so each takes the nearest existing kind.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServerError::WrongPassword { .. }
            | ServerError::NoPassword { .. }
            | ServerError::Keyring { .. } => ErrorCode::NoPassword,
            ServerError::LoginRefused { .. } | ServerError::NotAllowed { .. } => {
                ErrorCode::ReadOnly
            }
            ServerError::Unreachable { .. }
            | ServerError::CertificateMismatch { .. }
            | ServerError::NoTls { .. }
            | ServerError::DatabaseMissing { .. }
            | ServerError::NotARapportBook { .. }
            | ServerError::ServerTooOld { .. }
            | ServerError::NeedsOwnerToUpgrade { .. } => ErrorCode::CannotOpen,
            ServerError::BadJoinCode { .. }
            | ServerError::BadUrl { .. }
            | ServerError::Invalid(_) => ErrorCode::Invalid,
            ServerError::Setup { .. } => ErrorCode::Failed,
            ServerError::Database { .. } => ErrorCode::Database,
            ServerError::Store(e) => e.code(),
        }
    }

    /// A database error met while talking to `server` as `login`, as the owner can act on it.
    pub fn from_db(server: &str, login: &str, error: &postgres::Error) -> ServerError {
        use postgres::error::SqlState;
        let Some(db) = error.as_db_error() else {
            return ServerError::Unreachable {
                server: server.to_string(),
                detail: plain_detail(error),
            };
        };
        let code = db.code();
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            ServerError::NotAllowed {
                login: login.to_string(),
                action: action_refused(db.message()),
            }
        } else {
            ServerError::Database {
                server: server.to_string(),
                detail: db.message().to_string(),
            }
        }
    }
}

/// What a refused write was, in the owner's words: PostgreSQL says "permission denied for table
/// house_answers"; the person is told they may not "change the house answers".
fn action_refused(message: &str) -> String {
    let Some(table) = message.strip_prefix("permission denied for table ") else {
        return message.to_string();
    };
    match table {
        "settings" => "change the settings",
        "house_answers" => "change the house answers",
        "staff" => "change the staff list",
        "gesture_templates" => "change the kinds of gestures",
        "schema_migrations" | "change_log" => "change the book's structure",
        _ => return format!("change {table}"),
    }
    .to_string()
}

impl From<ServerError> for crate::Error {
    fn from(error: ServerError) -> crate::Error {
        match error {
            ServerError::Store(store) => crate::Error::Store(store),
            other => crate::Error::Server(other),
        }
    }
}

/// The error's own words, with its causes, on one line.
pub(crate) fn plain_detail(error: &(dyn std::error::Error + 'static)) -> String {
    let mut detail = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !detail.contains(&text) {
            detail.push_str(": ");
            detail.push_str(&text);
        }
        source = cause.source();
    }
    detail
}

/// What a statement on the server can fail with: the server's error (named for the owner by
/// [`ServerBook::run`]) or one of the book's own.
pub(crate) enum Fail {
    Db(postgres::Error),
    App(Error),
}

impl From<postgres::Error> for Fail {
    fn from(error: postgres::Error) -> Fail {
        Fail::Db(error)
    }
}

impl From<Error> for Fail {
    fn from(error: Error) -> Fail {
        Fail::App(error)
    }
}

pub(crate) type PgResult<T> = std::result::Result<T, Fail>;
