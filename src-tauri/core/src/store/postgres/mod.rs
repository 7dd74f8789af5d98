//! The team book on a PostgreSQL server: the second backend behind the store's functions.
//!
//! What is here: the connection (TLS with the server's certificate pinned, SCRAM, errors named
//! for the owner), the schema and its migrations (one schema version with the SQLite book), the
//! owners and staff groups and their logins, the change records and notices that keep every desk
//! live, and the search document and query written out as PostgreSQL takes them. The typed
//! functions the window and the command line call (contacts, list and search, tags, timeline,
//! Today, birthdays, settings, bulk writes) are [`ServerBook`]'s, the server arm of the store's
//! enum (store/backend.rs).

mod book;
mod book_copy;
mod bulk;
mod connect;
mod contact_rows;
mod error;
mod follow_ups;
mod gestures;
mod gifts;
mod house_answers;
mod list;
mod migrate;
mod more;
pub mod notify;
mod occasions;
mod photos;
mod referrals;
mod roles;
pub mod search;
mod testimonials;
mod timeline;

use postgres::Client;

pub use book::ServerBook;
pub use connect::{
    colon_hex, connect, fingerprint, hex, ConnectSpec, Connected, Credentials, Pin, ServerAddress,
    MIN_SERVER_VERSION,
};
pub use error::{ServerError, PASSWORD_ENV};
pub use roles::{is_plain_name, BookRoles};

use crate::store::SCHEMA_VERSION;

/// An open, migrated book on a server, as one person signed in.
pub struct PgStore {
    client: Client,
    address: ServerAddress,
    login: String,
    fingerprint: [u8; 32],
    /// How this desk signed in: a desk's listening connection signs in the same way.
    spec: ConnectSpec,
    /// The server's process for this connection: the notices it sent itself are not news to
    /// this desk's window.
    session_pid: i32,
}

impl PgStore {
    /// Connects as `spec` says and brings the book up to this version's schema: a newer book is
    /// refused ("install the newer version"), an older one is migrated by an owner (a staff
    /// member is asked to let an owner open it first).
    pub fn open(spec: &ConnectSpec) -> Result<PgStore, ServerError> {
        PgStore::open_at(spec, SCHEMA_VERSION)
    }

    /// Opens and migrates only up to `version`, for tests of migrations.
    #[doc(hidden)]
    pub fn open_at(spec: &ConnectSpec, version: u32) -> Result<PgStore, ServerError> {
        let Connected {
            mut client,
            fingerprint,
            ..
        } = connect(spec)?;
        let server = spec.address.to_string();
        let login = spec.credentials.login.clone();
        let roles = BookRoles::for_database(&spec.address.database);
        migrate::migrate(&mut client, &server, &login, &roles, version)?;
        let session_pid: i32 = client
            .query_one("SELECT pg_backend_pid()", &[])
            .and_then(|row| row.try_get(0))
            .map_err(|e| ServerError::from_db(&server, &login, &e))?;
        Ok(PgStore {
            client,
            address: spec.address.clone(),
            login,
            fingerprint,
            spec: spec.clone(),
            session_pid,
        })
    }

    /// How this desk signed in (with the password it typed), for a second connection of its
    /// own: the one that listens for the other desks' changes.
    pub fn spec(&self) -> &ConnectSpec {
        &self.spec
    }

    /// The server's process id of this connection (`pg_backend_pid()`).
    pub fn session_pid(&self) -> i32 {
        self.session_pid
    }

    pub fn address(&self) -> &ServerAddress {
        &self.address
    }

    /// The signed-in person's login.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The SHA-256 fingerprint of the certificate the server showed.
    pub fn certificate_fingerprint(&self) -> [u8; 32] {
        self.fingerprint
    }

    pub fn schema_version(&mut self) -> Result<u32, ServerError> {
        let result = migrate::current_version(&mut self.client);
        result.map_err(|e| self.error(&e))
    }

    /// Where the server's writes stand: the oldest transaction still writing, or the next to
    /// come. It moves on with every write that commits (a change on this book, or on another
    /// database of the same server: a harmless extra), and stays while nothing is written.
    pub fn write_horizon(&mut self) -> Result<String, ServerError> {
        let result = self
            .client
            .query_one("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", &[])
            .and_then(|row| row.try_get::<_, String>(0));
        result.map_err(|e| self.error(&e))
    }

    /// Whether the signed-in person is one of the book's owners.
    pub fn is_owner(&mut self) -> Result<bool, ServerError> {
        let result = roles::is_owner(&mut self.client);
        result.map_err(|e| self.error(&e))
    }

    /// The book's two groups (named after its database).
    pub fn roles(&self) -> BookRoles {
        BookRoles::for_database(&self.address.database)
    }

    /// Gives the staff group its rights on every table (after a migration). Owners only.
    pub fn grant_staff(&mut self) -> Result<(), ServerError> {
        let roles = self.roles();
        let result = roles::grant_staff(&mut self.client, &roles);
        result.map_err(|e| self.error(&e))
    }

    /// Adds a login (staff, or with `as_owner` an owner) with this password. Owners only.
    pub fn create_login(
        &mut self,
        login: &str,
        password: &str,
        as_owner: bool,
    ) -> Result<(), ServerError> {
        let result = roles::create_login(&mut self.client, login, password, as_owner);
        result.map_err(|e| roles::login_error(&self.address.to_string(), login, &e))
    }

    /// Stops `login` signing in; their history keeps their name. Owners only.
    pub fn disable_login(&mut self, login: &str) -> Result<(), ServerError> {
        let result = roles::disable_login(&mut self.client, login);
        result.map_err(|e| roles::login_error(&self.address.to_string(), login, &e))
    }

    /// The logins of this book: (login, is owner, may sign in).
    pub fn logins(&mut self) -> Result<Vec<(String, bool, bool)>, ServerError> {
        let roles = self.roles();
        let result = self.client.query(
            "SELECT r.rolname::text, bool_or(g.rolname = $1), r.rolcanlogin
               FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid
               JOIN pg_roles g ON g.oid = m.roleid
              WHERE g.rolname IN ($1, $2) AND r.rolcanlogin
              GROUP BY r.rolname, r.rolcanlogin ORDER BY r.rolname",
            &[&roles.owners, &roles.staff],
        );
        let rows = result.map_err(|e| self.error(&e))?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
            .collect::<Result<_, postgres::Error>>()
            .map_err(|e| self.error(&e))
    }

    /// Links a staff member (by name, added when missing) to their login.
    pub fn link_staff_login(&mut self, name: &str, login: &str) -> Result<i64, ServerError> {
        let result = (|| -> Result<i64, postgres::Error> {
            let mut tx = self.client.transaction()?;
            let existing = tx.query_opt(
                "SELECT id FROM staff WHERE lower(name) = lower($1) ORDER BY active DESC, id LIMIT 1",
                &[&name],
            )?;
            let id: i64 = match existing {
                Some(row) => {
                    let id = row.try_get(0)?;
                    tx.execute("UPDATE staff SET login = $2 WHERE id = $1", &[&id, &login])?;
                    id
                }
                None => tx
                    .query_one(
                        "INSERT INTO staff (name, login) VALUES ($1, $2) RETURNING id",
                        &[&name, &login],
                    )?
                    .try_get(0)?,
            };
            tx.commit()?;
            Ok(id)
        })();
        result.map_err(|e| self.error(&e))
    }

    /// The connection, for the store's functions and the tests.
    #[doc(hidden)]
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    fn error(&self, error: &postgres::Error) -> ServerError {
        ServerError::from_db(&self.address.to_string(), &self.login, error)
    }
}

/// Sets up the book's database for Rapport, connected as an administrator of the server (a
/// superuser, or a role that may create roles and databases): [`prepare_book`], then the
/// migrations and the staff group's rights. Idempotent: run again, it changes nothing done.
pub fn set_up_book(admin_spec: &ConnectSpec, database: &str) -> Result<(), ServerError> {
    prepare_book(admin_spec, database)?;
    let roles = BookRoles::for_database(database);
    let mut book_spec = admin_spec.clone();
    book_spec.address.database = database.to_string();
    let login = admin_spec.credentials.login.clone();
    let mut admin = connect(&book_spec)?.client;
    migrate::migrate(
        &mut admin,
        &book_spec.address.to_string(),
        &login,
        &roles,
        SCHEMA_VERSION,
    )?;
    roles::grant_staff(&mut admin, &roles)
        .map_err(setup_step(&book_spec, "giving the staff group its rights"))?;
    Ok(())
}

/// The groups, the database when missing, its schema (owned by the owners group) and the login
/// functions; no tables yet. Idempotent.
pub fn prepare_book(admin_spec: &ConnectSpec, database: &str) -> Result<(), ServerError> {
    if !is_plain_name(database) {
        return Err(ServerError::Invalid(format!(
            "The database name {database:?} cannot be used: use lower-case letters, digits and _, starting with a letter (at most 40)."
        )));
    }
    let roles = BookRoles::for_database(database);
    // The groups and the database, from the server's maintenance database.
    let mut maintenance_spec = admin_spec.clone();
    maintenance_spec.address.database = "postgres".into();
    let mut admin = connect(&maintenance_spec)?.client;
    roles::create_groups(&mut admin, &roles).map_err(setup_step(
        admin_spec,
        "creating the owners and staff groups",
    ))?;
    let exists = admin
        .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&database])
        .map_err(setup_step(admin_spec, "looking for the database"))?
        .is_some();
    if !exists {
        // UTF-8 whatever the server's default; C ordering is set per column where it matters.
        admin
            .batch_execute(&format!(
                "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'",
                migrate::quote_ident(database)
            ))
            .map_err(setup_step(admin_spec, "creating the database"))?;
    }
    drop(admin);
    let mut book_spec = admin_spec.clone();
    book_spec.address.database = database.to_string();
    let mut admin = connect(&book_spec)?.client;
    roles::prepare_database(&mut admin, database, &roles).map_err(setup_step(
        admin_spec,
        "preparing the book's schema and login functions",
    ))?;
    Ok(())
}

/// Names the set-up step a database error stopped.
fn setup_step<'a>(
    spec: &'a ConnectSpec,
    step: &'a str,
) -> impl Fn(postgres::Error) -> ServerError + 'a {
    move |e| match ServerError::from_db(&spec.address.host_port(), &spec.credentials.login, &e) {
        ServerError::Database { detail, .. } => ServerError::Setup {
            step: step.to_string(),
            detail,
        },
        other => other,
    }
}
