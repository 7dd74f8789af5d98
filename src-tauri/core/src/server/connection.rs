//! The connection a desk keeps for its data folder once it joined a server book: a small file
//! `server.json` beside where the book file would be (written through the output guard), and
//! the password in the system keyring when the person asked Rapport to remember it.

use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::paths::{OutputGuard, OutputKind};
use crate::store::postgres::{
    hex, ConnectSpec, Credentials, Pin, ServerAddress, ServerError, PASSWORD_ENV,
};
use crate::store::DATABASE_FILE;

/// The file in the data folder that says the book is on a server.
pub const CONNECTION_FILE: &str = "server.json";
/// The keyring service server passwords are kept under.
pub const KEYRING_SERVICE: &str = "rapport-server";

/// A desk's saved connection (no password in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedConnection {
    pub host: String,
    pub port: u16,
    pub database: String,
    /// The SHA-256 fingerprint of the server's certificate (hexadecimal), pinned.
    pub fingerprint: String,
    pub login: String,
    /// Whether the password is in the system keyring.
    pub password_in_keyring: bool,
}

impl SavedConnection {
    pub fn address(&self) -> ServerAddress {
        ServerAddress {
            host: self.host.clone(),
            port: self.port,
            database: self.database.clone(),
        }
    }

    /// The connection with its password: from RAPPORT_SERVER_PASSWORD, else the keyring.
    pub fn spec(&self) -> Result<ConnectSpec, ServerError> {
        Ok(ConnectSpec {
            address: self.address(),
            pin: Pin::from_hex(&self.fingerprint)?,
            credentials: Credentials {
                login: self.login.clone(),
                password: self.password()?,
            },
        })
    }

    /// The connection with a password the person typed.
    pub fn spec_with_password(&self, password: &str) -> Result<ConnectSpec, ServerError> {
        Ok(ConnectSpec {
            address: self.address(),
            pin: Pin::from_hex(&self.fingerprint)?,
            credentials: Credentials {
                login: self.login.clone(),
                password: password.to_string(),
            },
        })
    }

    fn keyring_account(&self) -> String {
        format!("{}@{}", self.login, self.address())
    }

    fn password(&self) -> Result<String, ServerError> {
        if let Ok(password) = std::env::var(PASSWORD_ENV) {
            return Ok(password);
        }
        let no_password = |detail: String| ServerError::NoPassword {
            login: self.login.clone(),
            server: self.address().to_string(),
            detail,
        };
        if !self.password_in_keyring {
            return Err(no_password(
                "it was not remembered when this desk joined".into(),
            ));
        }
        keyring::Entry::new(KEYRING_SERVICE, &self.keyring_account())
            .and_then(|entry| entry.get_password())
            .map_err(|e| {
                no_password(match e {
                    keyring::Error::NoEntry => "the keyring holds none".into(),
                    other => format!("this machine's keyring did not answer ({other})"),
                })
            })
    }

    /// Keeps `password` in the system keyring for this connection.
    pub fn remember_password(&self, password: &str) -> Result<(), ServerError> {
        keyring::Entry::new(KEYRING_SERVICE, &self.keyring_account())
            .and_then(|entry| entry.set_password(password))
            .map_err(|e| ServerError::Keyring {
                detail: e.to_string(),
            })
    }

    pub(crate) fn pinned(
        address: &ServerAddress,
        fingerprint: &[u8; 32],
        login: &str,
    ) -> SavedConnection {
        SavedConnection {
            host: address.host.clone(),
            port: address.port,
            database: address.database.clone(),
            fingerprint: hex(fingerprint),
            login: login.to_string(),
            password_in_keyring: false,
        }
    }
}

/// The saved connection of `data_dir`, None when its book is the file.
pub fn load(data_dir: &Path) -> Result<Option<SavedConnection>, ServerError> {
    let path = data_dir.join(CONNECTION_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ServerError::Invalid(format!(
                "Rapport cannot read {} ({e}). Check the file's permissions.",
                path.display()
            )))
        }
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        ServerError::Invalid(format!(
            "{} is not a connection Rapport can read ({e}). Join the server again with `rapport server join`.",
            path.display()
        ))
    })
}

/// Saves `connection` for `data_dir`, through the output guard (never over the book file).
pub fn save(data_dir: &Path, connection: &SavedConnection) -> crate::Result<()> {
    let text = serde_json::to_string_pretty(connection).map_err(|e| {
        ServerError::Invalid(format!("The connection could not be written out: {e}"))
    })?;
    OutputGuard::for_book_file(&data_dir.join(DATABASE_FILE)).write_bytes(
        &data_dir.join(CONNECTION_FILE),
        OutputKind::Document,
        format!("{text}\n").as_bytes(),
    )?;
    Ok(())
}

/// A server given as a URL (`postgres://login:password@host:port/database`), with Rapport's own
/// `fingerprint=HEX` parameter to pin its certificate; without it the certificate is pinned on
/// first use and shown.
#[derive(Debug, Clone)]
pub struct ServerUrl {
    pub address: ServerAddress,
    pub login: Option<String>,
    pub password: Option<String>,
    pub pin: Pin,
}

impl ServerUrl {
    pub fn parse(url: &str) -> Result<ServerUrl, ServerError> {
        let bad = |reason: &str| ServerError::BadUrl {
            url: without_password(url),
            reason: reason.to_string(),
        };
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(bad("it must start with postgres://"));
        }
        // Rapport's own parameter comes out before the rest is read as PostgreSQL reads it.
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut pin = Pin::FirstUse;
        let mut rest = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("fingerprint", value)) => pin = Pin::from_hex(value)?,
                Some(("sslmode", "require" | "verify-ca" | "verify-full")) => {}
                Some(("sslmode", _)) => {
                    return Err(bad(
                        "Rapport connects to a server only with TLS (sslmode=require)",
                    ))
                }
                _ => rest.push(pair),
            }
        }
        let url = if rest.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        let config = postgres::Config::from_str(&url).map_err(|e| bad(&e.to_string()))?;
        let host = match config.get_hosts() {
            [postgres::config::Host::Tcp(host)] => host.clone(),
            [] => return Err(bad("it names no server")),
            [_] => {
                return Err(bad(
                    "Rapport reaches a server over the network, not a local socket",
                ))
            }
            _ => return Err(bad("give one server")),
        };
        let port = match config.get_ports() {
            [] => 5432,
            [port] => *port,
            _ => return Err(bad("give one port")),
        };
        let database = config
            .get_dbname()
            .unwrap_or(super::join_code::DEFAULT_DATABASE)
            .to_string();
        let password = config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        Ok(ServerUrl {
            address: ServerAddress {
                host,
                port,
                database,
            },
            login: config.get_user().map(str::to_string),
            password,
            pin,
        })
    }
}

/// A URL as it may be shown: the password replaced by "…".
fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:…{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_gives_the_address_login_and_pin() {
        let fp = "ab".repeat(32);
        let url = ServerUrl::parse(&format!(
            "postgres://maria:s3cret@10.0.0.5:6432/shop?fingerprint={fp}&connect_timeout=3"
        ))
        .expect("parse");
        assert_eq!(url.address.to_string(), "10.0.0.5:6432/shop");
        assert_eq!(url.login.as_deref(), Some("maria"));
        assert_eq!(url.password.as_deref(), Some("s3cret"));
        assert_eq!(url.pin, Pin::Sha256(vec![0xab; 32]));
        let plain = ServerUrl::parse("postgresql://office-pc").expect("parse");
        assert_eq!(plain.address.to_string(), "office-pc:5432/rapport");
        assert_eq!(plain.pin, Pin::FirstUse);
    }

    #[test]
    fn a_bad_url_is_named_without_its_password() {
        let error = ServerUrl::parse("postgres://maria:s3cret@host/db?sslmode=disable")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("only with TLS"), "{error}");
        assert!(!error.contains("s3cret"), "{error}");
        assert!(ServerUrl::parse("mysql://host").is_err());
        assert!(ServerUrl::parse("postgres://a,b/db").is_err());
    }
}
