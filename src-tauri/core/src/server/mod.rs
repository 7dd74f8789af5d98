//! The owner's set-up of a team book on a PostgreSQL server, and a desk joining it: `rapport
//! server init` (on this Debian/Ubuntu machine, or any PostgreSQL 13+ by URL), `rapport server
//! join`, and the people's logins (`rapport staff login add|remove|list`).
//!
//! The SQL lives in the store (`store::postgres`); these are the use cases around it.

pub mod connection;
pub mod init;
pub mod join_code;
mod local;
pub mod move_in;

use std::path::Path;

use crate::search_text::fold;
pub use crate::store::postgres::ServerError;
use crate::store::postgres::{ConnectSpec, Credentials, PgStore};
pub use connection::{SavedConnection, ServerUrl};
pub use join_code::JoinCode;

/// What a desk joins: a join code, or a server's URL.
#[derive(Debug, Clone)]
pub enum JoinTarget {
    Code(String),
    Url(String),
}

/// A desk that joined.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Joined {
    pub server: String,
    pub login: String,
    /// The certificate's SHA-256 fingerprint, AB:CD:…, pinned from now on.
    pub fingerprint: String,
    pub owner: bool,
    pub password_remembered: bool,
}

/// Joins this data folder to the book on a server: checks the code (or URL), signs in (which
/// checks the certificate, the password and the schema), then saves the connection beside the
/// book and, with `remember`, the password in the system keyring. Nothing is written unless
/// the sign-in worked.
pub fn join(
    data_dir: &Path,
    target: &JoinTarget,
    login: Option<&str>,
    password: Option<&str>,
    remember: bool,
) -> crate::Result<Joined> {
    let (address, pin, url_login, url_password) = match target {
        JoinTarget::Code(code) => {
            let code = JoinCode::decode(code)?;
            let pin = code.pin();
            (code.address, pin, None, None)
        }
        JoinTarget::Url(url) => {
            let url = ServerUrl::parse(url)?;
            (url.address, url.pin, url.login, url.password)
        }
    };
    let login = login
        .map(str::to_string)
        .or(url_login)
        .ok_or_else(|| ServerError::Invalid("Give your login (--login NAME).".into()))?;
    let password = password
        .map(str::to_string)
        .or(url_password)
        .ok_or_else(|| {
            ServerError::Invalid("Give your password (on standard input, or in the URL).".into())
        })?;
    let spec = ConnectSpec {
        address,
        pin,
        credentials: Credentials {
            login: login.clone(),
            password: password.clone(),
        },
    };
    let mut store = PgStore::open(&spec)?;
    let owner = store.is_owner()?;
    let fingerprint = store.certificate_fingerprint();
    let mut saved = SavedConnection::pinned(store.address(), &fingerprint, &login);
    if remember {
        saved.remember_password(&password)?;
        saved.password_in_keyring = true;
    }
    connection::save(data_dir, &saved)?;
    Ok(Joined {
        server: store.address().to_string(),
        login,
        fingerprint: crate::store::postgres::colon_hex(&fingerprint),
        owner,
        password_remembered: remember,
    })
}

/// The server book this data folder joined, opened; None when its book is the file.
pub fn open_saved(data_dir: &Path) -> crate::Result<Option<PgStore>> {
    let Some(saved) = connection::load(data_dir)? else {
        return Ok(None);
    };
    Ok(Some(PgStore::open(&saved.spec()?)?))
}

/// The server book of `data_dir`, or the error that says it has none.
pub fn open_joined(data_dir: &Path) -> crate::Result<PgStore> {
    open_saved(data_dir)?.ok_or_else(|| {
        ServerError::Invalid(format!(
            "The book in {} is a file on this computer; logins belong to a shared book on a server. Set one up with `rapport server init`, then `rapport server join`.",
            data_dir.display()
        ))
        .into()
    })
}

/// A login just made: its password is shown once and kept nowhere by Rapport.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewLogin {
    pub name: String,
    pub login: String,
    pub password: String,
    pub owner: bool,
    pub staff_id: i64,
}

/// Makes a login for `name` (a staff member, added to the staff list when new) with a generated
/// password; `login` defaults to the name folded to lower-case letters, digits and `_`. Owners
/// only.
pub fn add_login(
    store: &mut PgStore,
    name: &str,
    login: Option<&str>,
    as_owner: bool,
) -> crate::Result<NewLogin> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ServerError::Invalid("Give the person's name.".into()).into());
    }
    let login = match login {
        Some(login) => login.trim().to_string(),
        None => login_for(name).ok_or_else(|| {
            ServerError::Invalid(format!(
                "No login can be made from {name:?}: choose one with --login (lower-case letters, digits and _, starting with a letter)."
            ))
        })?,
    };
    let password = generate_password()?;
    store.create_login(&login, &password, as_owner)?;
    let staff_id = store.link_staff_login(name, &login)?;
    Ok(NewLogin {
        name: name.to_string(),
        login,
        password,
        owner: as_owner,
        staff_id,
    })
}

/// A login made from a person's name: "Zoë Ödegård" → "zoe_odegard".
pub fn login_for(name: &str) -> Option<String> {
    let folded = fold(name);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let login: String = words.join("_").chars().take(40).collect();
    let login = login.trim_end_matches('_').to_string();
    crate::store::postgres::is_plain_name(&login).then_some(login)
}

/// A password of 16 characters from 31 that cannot be misread (about 79 bits), in groups of 4.
pub fn generate_password() -> Result<String, ServerError> {
    const CHARS: &[u8; 31] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut out = String::new();
    while out.chars().filter(|c| *c != '-').count() < 16 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| {
            ServerError::Invalid(format!(
                "This machine gave no random numbers for a password: {e}"
            ))
        })?;
        for byte in bytes {
            // 248 = 8 × 31: bytes above it are dropped so every character is equally likely.
            if byte >= 248 {
                continue;
            }
            let count = out.chars().filter(|c| *c != '-').count();
            if count == 16 {
                break;
            }
            if count > 0 && count % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(CHARS[usize::from(byte % 31)]));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_come_from_names() {
        assert_eq!(login_for("Maria").as_deref(), Some("maria"));
        assert_eq!(login_for("Zoë Ödegård").as_deref(), Some("zoe_odegard"));
        assert_eq!(
            login_for("Jean-Luc O'Neil").as_deref(),
            Some("jean_luc_o_neil")
        );
        assert_eq!(login_for("王小明"), None);
        assert_eq!(login_for("42"), None);
    }

    #[test]
    fn passwords_are_long_and_readable() {
        let a = generate_password().expect("password");
        let b = generate_password().expect("password");
        assert_ne!(a, b);
        assert_eq!(a.len(), 19, "{a}");
        assert!(a
            .chars()
            .all(|c| c == '-' || "abcdefghjkmnpqrstuvwxyz23456789".contains(c)));
    }
}
