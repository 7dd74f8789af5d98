//! `rapport server init|join` and `rapport staff login add|remove|list`: the team book on a
//! PostgreSQL server. Thin: every step is a function of the core's `server` module.

use std::io::BufRead;
use std::path::Path;

use clap::Subcommand;
use rapport_core::server::init::{init_local, init_with_url, InitOptions, InitReport};
use rapport_core::server::{self, JoinTarget};
use rapport_core::store::postgres::PASSWORD_ENV;

use super::{message, to_json};

#[derive(Subcommand)]
pub enum ServerCommand {
    /// Make a PostgreSQL server ready for the team's book and print the join code. Without
    /// --url: PostgreSQL on this Debian/Ubuntu computer (installed through apt where missing).
    Init {
        /// An existing PostgreSQL 13+ as its administrator: postgres://ADMIN:PASSWORD@HOST:PORT/DATABASE
        /// (add ?fingerprint=HEX to pin its certificate; otherwise the one it shows is pinned).
        #[arg(long)]
        url: Option<String>,
        /// The book's database on the server (default: rapport; with --url, the database the URL
        /// names, unless that is the server's own `postgres`).
        #[arg(long)]
        database: Option<String>,
        /// The first owner's name (their login is made from it).
        #[arg(long, default_value = "Owner")]
        owner: String,
        /// The first owner's login (default: from --owner).
        #[arg(long)]
        owner_login: Option<String>,
        /// The address other desks reach the server at (default: this computer's address).
        #[arg(long)]
        public_host: Option<String>,
        /// Without --url: the addresses PostgreSQL listens on (default: all; pg_hba lets in only
        /// the local network, over TLS, with passwords).
        #[arg(long, conflicts_with = "url")]
        listen: Option<String>,
        /// Start the team's book empty instead of moving this data folder's book onto the
        /// server (which keeps every id, timeline, photo and setting; the file stays as it was).
        #[arg(long)]
        empty: bool,
        #[arg(long)]
        json: bool,
    },
    /// Join this data folder to the team's book: JOIN_CODE (from `rapport server init`) or --url.
    /// The password is read from standard input (or RAPPORT_SERVER_PASSWORD).
    Join {
        #[arg(required_unless_present = "url", conflicts_with = "url")]
        join_code: Option<String>,
        /// postgres://LOGIN@HOST:PORT/DATABASE[?fingerprint=HEX]
        #[arg(long)]
        url: Option<String>,
        /// Your login.
        #[arg(long)]
        login: Option<String>,
        /// Keep the password in the system keyring.
        #[arg(long)]
        remember: bool,
        #[arg(long)]
        json: bool,
    },
    /// For a timer: today's copy of the team's book as an ordinary rapport.db file in
    /// <data-dir>/backups, dated, older ones removed by the usual retention. Once a day: a
    /// second run the same day keeps the first copy.
    Backup {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum StaffLoginCommand {
    /// Give a person a login of their own (a staff member, or with --owner an owner); prints a
    /// one-time password.
    Add {
        name: String,
        /// The login (default: from the name).
        #[arg(long)]
        login: Option<String>,
        #[arg(long)]
        owner: bool,
        #[arg(long)]
        json: bool,
    },
    /// Stop a login signing in; what the person did keeps their name.
    Remove {
        login: String,
        #[arg(long)]
        json: bool,
    },
    /// The book's logins.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn server(data_dir: &Path, command: ServerCommand) -> Result<String, String> {
    match command {
        ServerCommand::Init {
            url,
            database,
            owner,
            owner_login,
            public_host,
            listen,
            empty,
            json,
        } => {
            let options = InitOptions {
                database,
                owner_name: owner,
                owner_login,
                public_host,
                move_book_from: (!empty).then(|| data_dir.to_path_buf()),
            };
            let report = match url {
                Some(url) => init_with_url(&url, &options),
                None => init_local(&options, None, listen.as_deref()),
            }
            .map_err(message)?;
            Ok(if json {
                to_json(&report)
            } else {
                init_text(&report)
            })
        }
        ServerCommand::Backup { json } => server_backup(data_dir, json),
        ServerCommand::Join {
            join_code,
            url,
            login,
            remember,
            json,
        } => {
            let target = match (join_code, url) {
                (_, Some(url)) => JoinTarget::Url(url),
                (Some(code), None) => JoinTarget::Code(code),
                (None, None) => return Err("give the join code, or --url".into()),
            };
            // The code is checked before a password is asked for: a typo costs nothing.
            if let JoinTarget::Code(code) = &target {
                server::JoinCode::decode(code).map_err(|e| message(e.into()))?;
            }
            let url_has_password = matches!(&target, JoinTarget::Url(u)
                if server::ServerUrl::parse(u).is_ok_and(|u| u.password.is_some()));
            let password = if url_has_password {
                None
            } else {
                Some(read_password()?)
            };
            let joined = server::join(
                data_dir,
                &target,
                login.as_deref(),
                password.as_deref(),
                remember,
            )
            .map_err(message)?;
            Ok(if json {
                to_json(&joined)
            } else {
                format!(
                    "Joined the book on {} as {}{}. Its certificate ({}) is pinned for this data folder.{}",
                    joined.server,
                    joined.login,
                    if joined.owner { " (an owner)" } else { "" },
                    joined.fingerprint,
                    if joined.password_remembered {
                        " The password is in the system keyring."
                    } else {
                        ""
                    }
                )
            })
        }
    }
}

pub fn staff_login(data_dir: &Path, command: StaffLoginCommand) -> Result<String, String> {
    let mut store = server::open_joined(data_dir).map_err(message)?;
    match command {
        StaffLoginCommand::Add {
            name,
            login,
            owner,
            json,
        } => {
            let made =
                server::add_login(&mut store, &name, login.as_deref(), owner).map_err(message)?;
            Ok(if json {
                to_json(&made)
            } else {
                format!(
                    "{} can sign in as {} with the password\n\n    {}\n\nIt is shown this once: hand it over now.",
                    made.name, made.login, made.password
                )
            })
        }
        StaffLoginCommand::Remove { login, json } => {
            store.disable_login(&login).map_err(|e| message(e.into()))?;
            Ok(if json {
                to_json(&serde_json::json!({ "removed": login }))
            } else {
                format!("{login} can no longer sign in; what they did keeps their name.")
            })
        }
        StaffLoginCommand::List { json } => {
            let logins = store.logins().map_err(|e| message(e.into()))?;
            Ok(if json {
                to_json(
                    &logins
                        .iter()
                        .map(|(login, owner, _)| serde_json::json!({ "login": login, "owner": owner }))
                        .collect::<Vec<_>>(),
                )
            } else {
                logins
                    .iter()
                    .map(|(login, owner, _)| {
                        format!("{login}{}", if *owner { "  (owner)" } else { "" })
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

/// The password: RAPPORT_SERVER_PASSWORD, else the first line of standard input.
fn read_password() -> Result<String, String> {
    if let Ok(password) = std::env::var(PASSWORD_ENV) {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err(format!(
            "type your password on standard input (or set {PASSWORD_ENV})"
        ));
    }
    Ok(password)
}

fn init_text(report: &InitReport) -> String {
    let mut out = String::new();
    for step in &report.steps {
        out.push_str(&format!("- {step}\n"));
    }
    out.push_str(&format!(
        "The team's book is ready on {}.\n\nJoin code (every desk: rapport server join CODE --login NAME):\n\n    {}\n\nServer certificate: {}\n",
        report.server, report.join_code, report.fingerprint
    ));
    if let Some(moved) = &report.moved {
        let mut what = format!(
            "{} with {} on their timelines",
            count(moved.contacts, "customer", "customers"),
            count(moved.timeline_entries, "entry", "entries")
        );
        for (n, one, many) in [
            (moved.photos, "photo", "photos"),
            (moved.staff, "staff member", "staff members"),
        ] {
            if n > 0 {
                what.push_str(&format!(", {}", count(n, one, many)));
            }
        }
        out.push_str(&format!(
            "\nMoved the book {} onto the server: {what}. The file stays as it was; once this folder joins (rapport server join), Rapport works on the server's book.\n",
            moved.from,
        ));
    }
    if let Some(owner) = &report.owner_login {
        out.push_str(&format!(
            "\nOwner login: {}\nPassword (shown this once): {}\n",
            owner.login, owner.password
        ));
    }
    for warning in &report.warnings {
        out.push_str(&format!("\nNote: {warning}\n"));
    }
    out.trim_end().to_string()
}

/// "1 customer", "1,234 customers".
fn count(n: usize, one: &str, many: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} {}", if n == 1 { one } else { many })
}

/// `rapport server backup`: the day's dated copy of the team's book, with retention.
fn server_backup(data_dir: &Path, json: bool) -> Result<String, String> {
    let book = super::open(data_dir)?;
    if !book.is_shared() {
        return Err(format!(
            "The book in {} is a file on this computer, not a team's book on a server: the window keeps its daily backups, and `rapport backup` makes one now.",
            data_dir.display()
        ));
    }
    let today = rapport_core::clock::today();
    let made = book.daily_backup(today).map_err(message)?;
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Report {
        made: bool,
        path: String,
        removed: Vec<String>,
    }
    let report = match made {
        Some(info) => Report {
            made: true,
            path: info.path,
            removed: info.removed,
        },
        None => Report {
            made: false,
            path: book.daily_backup_path(today).display().to_string(),
            removed: Vec::new(),
        },
    };
    Ok(if json {
        to_json(&report)
    } else if report.made {
        let removed = match report.removed.len() {
            0 => String::new(),
            1 => " One older copy was removed.".into(),
            n => format!(" {n} older copies were removed."),
        };
        format!("Backed up the team's book to {}.{removed}", report.path)
    } else {
        format!("Today's copy was made already: {}.", report.path)
    })
}
